"""Ingest ../shared/corpus with the real model and FAISS, then retrieve across languages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from index.embedding.sentence_transformer import SentenceTransformerEmbedder
from index.news_index import NewsIndex
from tests.conftest import shared_path


@pytest.fixture(scope="module")
def shared_index(
    e5: SentenceTransformerEmbedder, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[NewsIndex]:
    corpus = shared_path("corpus")
    index = NewsIndex(tmp_path_factory.mktemp("shared") / "data", e5)
    report = index.ingest([corpus])
    assert report.failed == 0 and report.added == 296
    yield index
    index.close()


@pytest.mark.parametrize(
    "question",
    [
        "who claimed Shushi was captured",
        "Who claimed Shushi was captured?",
        "Wie beweerde dat Shushi was veroverd?",
    ],
)
def test_the_passage_naming_aliyev_is_in_the_top_3(shared_index: NewsIndex, question: str) -> None:
    top = shared_index.search(question, k=3)
    assert any("Aliyev" in p.text and "Shushi" in p.text for p in top), [p.text[:80] for p in top]


def test_reopening_loads_the_saved_faiss_file(
    shared_index: NewsIndex, e5: SentenceTransformerEmbedder
) -> None:
    reopened = NewsIndex(Path(shared_index.data_dir), e5)
    assert len(reopened.vectors()) == shared_index.db.counts()["chunks"]
    assert reopened.search("Magnitogorsk explosion", k=1)[0].title.startswith("Magnitogorsk")
    reopened.close()


def test_an_english_question_finds_its_english_article(shared_index: NewsIndex) -> None:
    top = shared_index.search("apartment building collapsed after a gas explosion in Russia", k=3)
    assert any("Magnitogorsk" in p.title for p in top)
