"""`newsdesk chat`: questions with conversation history, the /commands, and errors that keep the chat going."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pytest

from bot.records import Answer, Citation
from bot.terminal_chat import HELP, Quit, TerminalChat, UsageError, parse_search
from index.errors import NotFoundError
from index.records import Article, Passage, SearchFilters, SourceView

pytestmark = pytest.mark.unit

SHUSHI = Article(
    id="shushi",
    title="Strijd om Shushi",
    date="2020-11",
    source="nl",
    language="nl",
    text="De gevechten rond Shushi zijn opgelaaid. Aliyev meldde dat Shushi was veroverd.",
)


class StubDesk:
    """Records what the chat asks; answers from fixed records."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, list[str]]] = []
        self.searched: list[tuple[str, int, SearchFilters | None]] = []

    def ask(self, question: str, filters: SearchFilters | None = None, history: Sequence[str] = ()) -> Answer:
        self.asked.append((question, list(history)))
        citation = Citation(
            number=1,
            article_id="shushi",
            chunk_id=1,
            start=41,
            end=82,
            quote="Aliyev meldde dat Shushi was veroverd.",
            title=SHUSHI.title,
            source="nl",
            date="2020-11",
        )
        return Answer(
            question=question,
            language="en",
            text="According to nl (2020-11): “Aliyev meldde …” [1]",
            citations=[citation],
            confidence=0.8,
            method="extractive",
        )

    def search(self, query: str, k: int = 5, filters: SearchFilters | None = None) -> list[Passage]:
        self.searched.append((query, k, filters))
        return [
            Passage(
                chunk_id=1,
                article_id="shushi",
                ordinal=0,
                start=0,
                end=len(SHUSHI.text),
                text=SHUSHI.text,
                title=SHUSHI.title,
                date="2020-11",
                source="nl",
                url="",
                language="nl",
                score=0.5,
            )
        ]

    def source(self, reference: str) -> SourceView:
        if reference != "shushi:41-82":
            raise NotFoundError(f"no passage, article or span matches {reference!r}")
        return SourceView(article=SHUSHI, start=41, end=82, chunk_ids=[1])

    def article(self, article_id: str) -> Article:
        return SHUSHI


@pytest.fixture
def chat() -> TerminalChat:
    return TerminalChat(StubDesk())  # type: ignore[arg-type]


def test_questions_carry_the_conversation_until_new(chat: TerminalChat) -> None:
    output = chat.handle("Who claimed Shushi was captured?")
    chat.handle("And who denied it?")
    assert chat.handle("/new") == "New conversation."
    chat.handle("Wie won de verkiezingen?")

    assert chat.desk.asked == [  # type: ignore[attr-defined]
        ("Who claimed Shushi was captured?", []),
        ("And who denied it?", ["Who claimed Shushi was captured?"]),
        ("Wie won de verkiezingen?", []),
    ]
    assert "[1] Strijd om Shushi — nl, 2020-11\n    source: shushi:41-82" in output


def test_search_with_filters(chat: TerminalChat) -> None:
    output = chat.handle('/search "Shushi veroverd" --since 2020-11 --until 2020')
    assert "Strijd om Shushi" in output
    [(query, k, filters)] = chat.desk.searched  # type: ignore[attr-defined]
    assert query == "Shushi veroverd" and k == 5
    assert filters == SearchFilters(since=date(2020, 11, 1), until=date(2020, 12, 31))


def test_parse_search_rejects_bad_dates() -> None:
    with pytest.raises(UsageError, match="YYYY"):
        parse_search("Shushi --since november")
    with pytest.raises(UsageError, match="usage"):
        parse_search("--since 2020")


def test_source_marks_the_span(chat: TerminalChat) -> None:
    assert "»Aliyev meldde dat Shushi was veroverd.«" in chat.handle("/source shushi:41-82")


def test_article_help_and_quit(chat: TerminalChat) -> None:
    assert chat.handle("/article shushi").startswith("Strijd om Shushi")
    assert chat.handle("/help") == HELP
    with pytest.raises(Quit):
        chat.handle("/quit")


def test_run_reports_errors_and_goes_on(chat: TerminalChat) -> None:
    lines = iter(
        ["/source nope", "/bogus", "/source", "Who claimed Shushi was captured?", "/quit", "never read"]
    )
    written: list[str] = []

    chat.run(read=lambda prompt: next(lines), write=written.append)

    assert written[1] == "error: no passage, article or span matches 'nope'"
    assert written[2] == "error: unknown command /bogus; /help lists the commands"
    assert written[3] == "error: usage: /source REF"
    assert "[1]" in written[4] and len(written) == 5


def test_run_ends_at_end_of_input(chat: TerminalChat) -> None:
    def end(prompt: str) -> str:
        raise EOFError

    chat.run(read=end, write=lambda text: None)
