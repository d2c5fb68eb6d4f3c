"""Discord's limits: trimming, splitting and fitting embeds, and the embeds built from core records."""

from __future__ import annotations

import discord
import pytest

from bot.discord.embeds import (
    answer_embed,
    claims_embed,
    marked_context,
    reindex_summary,
    search_embed,
    sources_embed,
)
from bot.discord.format import (
    CHOICE_LIMIT,
    DESCRIPTION_LIMIT,
    EMBED_TOTAL_LIMIT,
    FIELD_VALUE_LIMIT,
    FIELDS_MAX,
    TITLE_LIMIT,
    choice_name,
    embed_size,
    fit_embed,
    fit_lines,
    split_message,
)
from bot.discord.state import Cooldowns, RecentCitations
from bot.records import Answer, Citation, Rewriting
from bot.text import ELLIPSIS, shorten, shorten_start
from index.ingest import IngestFailure, IngestReport
from index.records import Passage

pytestmark = pytest.mark.unit

PROSE = (
    "De gevechten rond Shushi zijn opgelaaid. Zaterdag meldde president Aliyev dat de stad was veroverd. "
    "Dat wordt ontkend door de autoriteiten in Nagorno-Karabach. "
) * 40


def test_shorten_keeps_short_text() -> None:
    assert shorten("  short text  ", 20) == "short text"


def test_shorten_cuts_at_a_sentence_end() -> None:
    text = "First sentence here. Second sentence is much longer than the limit allows."
    assert shorten(text, 40) == "First sentence here. …"


def test_shorten_cuts_at_a_word_when_no_sentence_fits() -> None:
    result = shorten("alpha beta gamma delta epsilon", 17)
    assert result == "alpha beta gamma…"
    assert len(result) <= 17


def test_shorten_hard_cuts_one_long_word() -> None:
    result = shorten("x" * 50, 10)
    assert result == "x" * 9 + ELLIPSIS


@pytest.mark.parametrize("limit", [1, 2, 5, 17, 100, 1024, 4096])
def test_shorten_never_exceeds_the_limit(limit: int) -> None:
    result = shorten(PROSE, limit)
    assert len(result) <= limit
    assert result.endswith(ELLIPSIS)


def test_shorten_start_keeps_the_end_at_a_word_boundary() -> None:
    result = shorten_start("one two three four five", 12)
    assert result == "…four five" and len(result) <= 12


def test_split_message_prefers_paragraphs_and_keeps_every_word() -> None:
    text = "\n\n".join(f"Paragraph {n}. " + "word " * 150 for n in range(8))
    pieces = split_message(text, 2000)
    assert len(pieces) > 1
    assert all(len(p) <= 2000 for p in pieces)
    assert all(p.startswith("Paragraph") for p in pieces)
    assert " ".join(" ".join(pieces).split()) == " ".join(text.split())


def test_split_message_splits_long_unbroken_text() -> None:
    pieces = split_message("y" * 4500, 2000)
    assert [len(p) for p in pieces] == [2000, 2000, 500]


def test_fit_lines_notes_what_was_left_out() -> None:
    lines = [f"line {n} " + "x" * 40 for n in range(100)]
    result = fit_lines(lines, 500)
    assert len(result) <= 500
    assert result.splitlines()[-1].startswith("… and ")
    assert result.splitlines()[0] == lines[0]


def test_fit_embed_trims_every_part_and_the_total() -> None:
    embed = discord.Embed(title="T" * 400, description=PROSE * 3)
    for n in range(30):
        embed.add_field(name=f"field {n} " + "n" * 300, value=PROSE[:1500])
    embed.set_footer(text="f" * 3000)

    data = fit_embed(embed).to_dict()

    assert len(data["title"]) <= TITLE_LIMIT
    assert len(data["description"]) <= DESCRIPTION_LIMIT
    assert len(data["fields"]) <= FIELDS_MAX
    assert all(len(f["name"]) <= 256 and len(f["value"]) <= FIELD_VALUE_LIMIT for f in data["fields"])
    assert len(data["footer"]["text"]) <= 2048
    assert embed_size(data) <= EMBED_TOTAL_LIMIT


def test_choice_name_is_one_line_of_at_most_100() -> None:
    name = choice_name("Title\nwith   newlines " + "long " * 50)
    assert "\n" not in name and len(name) <= CHOICE_LIMIT


def _citation(number: int, quote: str = "Shushi was captured.", article: str = "shushi") -> Citation:
    return Citation(
        number=number,
        article_id=article,
        chunk_id=number,
        start=10,
        end=10 + len(quote),
        quote=quote,
        title="Strijd om Shushi",
        source="nl",
        date="2020-11",
    )


def test_answer_embed_has_numbered_citations_within_limits() -> None:
    answer = Answer(
        question="Who claimed Shushi was captured?" * 20,
        language="en",
        text="According to nl (2020-11): “Shushi was captured.” [1] " + PROSE * 3,
        citations=[_citation(n, PROSE[:900]) for n in range(1, 6)],
        confidence=0.7,
        method="extractive",
    )
    data = answer_embed(answer).to_dict()
    assert len(data["title"]) <= TITLE_LIMIT
    assert "[1]" in data["description"] and "`shushi:10-" in data["description"]
    assert embed_size(data) <= EMBED_TOTAL_LIMIT and len(data["description"]) <= DESCRIPTION_LIMIT


def test_sources_embed_lists_every_citation_with_its_reference() -> None:
    answer = Answer(
        question="q",
        language="en",
        text="t [1] [2]",
        citations=[_citation(1), _citation(2, "@everyone *bold*")],
        confidence=0.5,
        method="extractive",
    )
    data = sources_embed(answer).to_dict()
    assert [f["name"] for f in data["fields"]] == ["[1] Strijd om Shushi", "[2] Strijd om Shushi"]
    assert "`shushi:10-30`" in data["fields"][0]["value"]
    assert "\\*bold\\*" in data["fields"][1]["value"]


def test_search_embed_has_an_excerpt_per_passage() -> None:
    passages = [
        Passage(
            chunk_id=n,
            article_id="a",
            ordinal=n,
            start=0,
            end=5000,
            text=PROSE,
            title="Titel " * 80,
            date="2020-11-07",
            source="nl",
            url="",
            language="nl",
            score=1.0,
        )
        for n in range(30)
    ]
    data = search_embed("shushi", passages).to_dict()
    assert len(data["fields"]) <= FIELDS_MAX and embed_size(data) <= EMBED_TOTAL_LIMIT
    assert "`#0`" in data["fields"][0]["value"] and "2020-11-07" in data["fields"][0]["value"]


def test_marked_context_bolds_the_span_and_fits() -> None:
    text = PROSE
    start = text.index("Zaterdag", 2000)
    end = text.index("veroverd.", start) + len("veroverd.")
    result = marked_context(text, start, end, 1000)
    assert len(result) <= 1000
    assert "**Zaterdag meldde president Aliyev dat de stad was veroverd.**" in result
    assert result.startswith(ELLIPSIS) and result.endswith(ELLIPSIS)


def test_claims_embed_within_limits() -> None:
    assert claims_embed("x", []).description == "No claims found about this topic."


def test_cooldowns_per_user() -> None:
    now = [100.0]
    cooldowns = Cooldowns(10, clock=lambda: now[0])
    assert cooldowns.acquire(1) == 0
    assert cooldowns.acquire(2) == 0
    now[0] = 104.0
    assert cooldowns.acquire(1) == pytest.approx(6.0)
    now[0] = 110.0
    assert cooldowns.acquire(1) == 0


def test_recent_citations_newest_first_and_matching() -> None:
    recent = RecentCitations(per_channel=3)
    recent.remember(7, [_citation(1, "first quote", "a"), _citation(2, "second quote", "b")])
    recent.remember(7, [_citation(1, "third quote", "c")])
    assert [r.reference.split(":")[0] for r in recent.matching(7, "")] == ["c", "a", "b"]
    assert [r.reference.split(":")[0] for r in recent.matching(7, "SECOND")] == ["b"]
    assert recent.matching(8, "") == []


def test_a_long_reindex_summary_splits_into_messages() -> None:
    failures = [
        IngestFailure(path=f"/articles/file-{n}.html", reason="no <article> element " * 10) for n in range(80)
    ]
    report = IngestReport(files=80, failures=failures)

    pieces = split_message(reindex_summary(report))

    assert len(pieces) > 1 and all(len(p) <= 2000 for p in pieces)
    assert pieces[0].startswith("Re-index done: 80 files") and pieces[-1].endswith("… and 30 more failures")


@pytest.mark.parametrize("tentative", [True, False])
def test_a_tentative_answer_says_so_in_its_footer(tentative: bool) -> None:
    answer = Answer(
        question="q",
        language="en",
        text="“Shushi was captured.” [1]",
        citations=[_citation(1)],
        confidence=0.3,
        tentative=tentative,
        method="extractive",
    )
    footer = answer_embed(answer).to_dict()["footer"]["text"]

    assert ("the quotes may not answer this exact question" in footer) == tentative


def test_an_answer_worded_by_a_language_model_says_so_in_its_footer() -> None:
    answer = Answer(
        question="Who claimed Shushi was captured?",
        language="en",
        text="Ilham Aliyev claimed that Shushi had been taken [1].",
        citations=[_citation(1, "Aliyev beweerde dat Shushi was ingenomen.")],
        confidence=0.7,
        method="llm",
        rewriting=Rewriting(model="qwen2.5-coder-1.5b", sentences=1),
    )
    footer = answer_embed(answer).to_dict()["footer"]["text"]
    assert "worded by qwen2.5-coder-1.5b; the quotes are the articles' own words" in footer
    plain = answer.model_copy(update={"method": "extractive", "rewriting": None})
    assert "worded by" not in answer_embed(plain).to_dict()["footer"]["text"]
