"""Fixtures for unit tests: a deterministic embedder, small article folders, the answer tests' newsroom."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from index.news_index import NewsIndex
from index.records import Article
from tests.chat import ChatServer
from tests.fakes import FakeCorpus, HashEmbedder
from tests.unit.newsroom import ARTICLES, CHUNKING

pytest.register_assert_rewrite("tests.unit.claim_helpers")  # its asserts report like a test module's

SHUSHI = """date 2020-11 De gevechten rond de stad Shushi in Nagorno-Karabach zijn opgelaaid.

Zaterdag meldde de Azerbeidzjaanse president Ilham Aliyev dat Shushi was veroverd. Maar verovering van de stad wordt ontkend door de autoriteiten in Nagorno-Karabach.

De Turkse president Recep Tayyip Erdogan sprak van een mogelijke "overwinning".
"""

WORLD = [
    {
        "id": "ever-given",
        "title": "Ship blocks the Suez Canal",
        "date": "2021-03-24",
        "url": "https://example.org/ever-given",
        "source": "Example Wire",
        "language": "en",
        "text": "The container ship Ever Given ran aground in the Suez Canal.\n\nThe canal authority said tugboats were working to free it.",
    },
    {
        "id": "capitol",
        "title": "Crowd storms the Capitol",
        "date": "2021-01-06",
        "source": "Example Wire",
        "language": "en",
        "text": "Supporters of the president stormed the Capitol in Washington on Wednesday.",
    },
]


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    """A folder with a plain-text Dutch article and a JSONL file of two English ones."""
    folder = tmp_path / "articles"
    (folder / "nl").mkdir(parents=True)
    (folder / "nl" / "shushi.txt").write_text(SHUSHI, encoding="utf-8")
    (folder / "world.jsonl").write_text("".join(json.dumps(a) + "\n" for a in WORLD), encoding="utf-8")
    return folder


@pytest.fixture
def embedder() -> HashEmbedder:
    """A deterministic bag-of-words embedder that counts its calls."""
    return HashEmbedder()


@pytest.fixture
def news_index(tmp_path: Path, embedder: HashEmbedder):
    """An empty index in a temporary folder."""
    index = NewsIndex(tmp_path / "data", embedder)
    yield index
    index.close()


@pytest.fixture(scope="module")
def corpus() -> FakeCorpus:
    """The newsroom's articles (tests/unit/newsroom.py) in a fake Corpus with small chunks (read-only: shared by the module's tests)."""
    fake = FakeCorpus([Article(**a) for a in ARTICLES], CHUNKING)
    assert len([c for c in fake.chunks.values() if c.article_id == "shushi"]) > 1
    return fake


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory: pytest.TempPathFactory) -> Iterator[NewsIndex]:
    """The newsroom's articles (tests/unit/newsroom.py) in a real index with the fake embedder and small chunks, for the Desk's tests."""
    tmp_path = tmp_path_factory.mktemp("newsroom")
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "news.jsonl").write_text(
        "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in ARTICLES), encoding="utf-8"
    )
    index = NewsIndex(tmp_path / "data", HashEmbedder(), CHUNKING)
    report = index.ingest([folder])
    assert report.added == len(ARTICLES) and not report.failures, report
    yield index
    index.close()


@pytest.fixture(scope="module")
def chat_server() -> Iterator[ChatServer]:
    """One local chat-completions endpoint for the module (stopping one takes half a second)."""
    server = ChatServer()
    yield server
    server.stop()


@pytest.fixture
def chat(chat_server: ChatServer) -> ChatServer:
    """The chat-completions endpoint with no reply set and no requests recorded."""
    return chat_server.reset()
