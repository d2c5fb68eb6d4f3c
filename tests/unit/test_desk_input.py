"""What the Desk does with odd questions and an empty index: a clear error or a sane answer, never a crash."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from bot.app import build_desk
from bot.desk import Desk, EmptyIndexError
from bot.settings import Settings
from index.errors import InvalidQueryError
from index.news_index import NewsIndex
from tests.fakes import HashEmbedder


def clean(text: str) -> bool:
    """No control characters or lone surrogates: safe to store, send and print."""
    return not any(unicodedata.category(c) in ("Cc", "Cs") for c in text) and bool(text.encode("utf-8"))


def desk_over(index: NewsIndex, tmp_path: Path) -> Desk:
    return build_desk(Settings(_env_file=None, data_dir=tmp_path / "desk"), index)  # type: ignore[call-arg]


def test_an_empty_index_says_how_to_add_articles(tmp_path: Path) -> None:
    desk = desk_over(NewsIndex(tmp_path / "data", HashEmbedder()), tmp_path)
    for call in (lambda: desk.ask("Who won?"), lambda: desk.search("Shushi"), lambda: desk.claims("Shushi")):
        with pytest.raises(EmptyIndexError, match="newsdesk ingest PATH"):
            call()
    desk.close()


@pytest.mark.parametrize(
    "question",
    [
        "Who claimed \ud800 Shushi was captured?",  # a lone surrogate
        "Who\u200b claimed\x00 Shushi\x1b[31m was captured?",  # zero-width and control characters
        "@everyone **Who** claimed `Shushi` was captured? <@123>",  # mentions and markdown
        "Shushi " * 2000,  # 14,000 characters
    ],
)
def test_odd_questions_get_an_answer(question: str, tmp_path: Path, articles: Path) -> None:
    index = NewsIndex(tmp_path / "data", HashEmbedder())
    index.ingest([articles])
    desk = desk_over(index, tmp_path)
    answer = desk.ask(question)
    assert clean(answer.question) and len(answer.question) <= 2000
    assert "\ud800" not in answer.question and "\u200b" not in answer.question
    answer.model_dump_json()  # serialisable: nothing unprintable inside
    desk.close()


@pytest.mark.parametrize("question", ["", "   ", "\u200b\u200b", "\x00\x01"])
def test_an_empty_question_is_refused_plainly(question: str, tmp_path: Path) -> None:
    desk = desk_over(NewsIndex(tmp_path / "data", HashEmbedder()), tmp_path)
    with pytest.raises(InvalidQueryError, match="the question is empty"):
        desk.ask(question)
    desk.close()
