"""Fixtures for unit tests: a deterministic embedder and a small article folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from index.news_index import NewsIndex
from tests.fakes import HashEmbedder

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
