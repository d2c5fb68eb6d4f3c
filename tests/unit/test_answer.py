"""Extractive answers over a fake Corpus: abstention, dates, follow-ups, quotes and LLM synthesis.

HashEmbedder is a bag of words, so the answer thresholds calibrated for the real model mean nothing here:
every test sets the AnswerPolicy it relies on (min_answerability=0.0 never abstains).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.answer.answerability import AnswerabilityModel
from bot.answer.compose import Answerer, AnswerPolicy
from bot.answer.synthesis import Synthesizer
from bot.app import build_desk
from bot.llm.endpoint import EndpointChatModel, EndpointSettings
from bot.settings import Settings
from index.news_index import NewsIndex
from index.records import Passage, SearchFilters
from tests.chat import ChatServer
from tests.fakes import FakeCorpus
from tests.unit.newsroom import answerer, assert_grounded

# --- abstention --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "text"),
    [
        (
            "What happened to the Ever Given?",
            "The articles don't say. The closest passages are listed as related, not as an answer.",
        ),
        (
            "Wat gebeurde er met de Ever Given?",
            "Dat staat niet in de artikelen. "
            "De passages die er het dichtst bij komen staan hieronder, niet als antwoord.",
        ),
    ],
)
def test_below_min_answerability_it_abstains_and_lists_related_passages(
    corpus: FakeCorpus, question: str, text: str
) -> None:
    answered = answerer(corpus).answer(question)
    answer = answerer(corpus, min_answerability=1.0, related=2).answer(question)

    assert not answered.abstained and answered.citations
    assert answer.abstained and answer.method == "none"
    assert answer.text == text
    assert answer.citations == [] and answer.attributions == [] and answer.as_of is None
    assert answer.confidence == 0.0 and answer.evidence == pytest.approx(answered.evidence)
    assert len(answer.related) == 2
    assert all(isinstance(p, Passage) for p in answer.related)
    assert answer.related[0].article_id.startswith("ever-given")


# The fitted model is for the real embedder's cosines; the bag-of-words fake's scores sit far outside that
# range. This one maps them to middling probabilities, so thresholds can be tested.
FAKE_SCALE = AnswerabilityModel(means=(0, 0, 0, 0), scales=(1, 1, 1, 1), weights=(1, 1, 0, 0), bias=0.0)


def scaled(corpus: FakeCorpus, **policy: float) -> Answerer:
    """An answerer whose answerability is FAKE_SCALE's."""
    made = answerer(corpus, **policy)
    made.model = FAKE_SCALE
    return made


def test_abstention_is_decided_on_answerability(corpus: FakeCorpus) -> None:
    question = "What happened to the Kakhovka dam?"
    answerability = scaled(corpus).answer(question).answerability
    assert 0.0 < answerability < 1.0

    at = scaled(corpus, min_answerability=answerability).answer(question)
    above = scaled(corpus, min_answerability=answerability + 1e-4).answer(question)

    assert not at.abstained and at.citations[0].article_id == "kakhovka"
    assert at.confidence == pytest.approx(answerability)
    assert above.abstained and above.answerability == pytest.approx(answerability)


def test_an_answer_below_sure_answerability_is_tentative(corpus: FakeCorpus) -> None:
    question = "What happened to the Kakhovka dam?"
    answerability = scaled(corpus).answer(question).answerability

    unsure = scaled(corpus, sure_answerability=answerability + 1e-4).answer(question)
    sure = scaled(corpus, sure_answerability=answerability).answer(question)

    assert unsure.tentative and not unsure.abstained and unsure.citations
    assert not sure.tentative and sure.text == unsure.text


# --- dates -------------------------------------------------------------------------------------------


def test_a_month_in_the_question_filters_by_date_and_sets_as_of(corpus: FakeCorpus) -> None:
    policy = {"max_quotes": 3, "quote_margin": 1.0}
    undated = answerer(corpus, **policy).answer("What happened to the Ever Given?")
    answer = answerer(corpus, **policy).answer("What happened to the Ever Given in March 2021?")

    assert "ever-given-leaves" in {c.article_id for c in undated.citations}
    assert undated.as_of == "2021-07-07"
    # About March 2021: published then (or in the week of reporting after it), or naming a date in it.
    assert (answer.filters.about_since, answer.filters.about_until) == (date(2021, 3, 1), date(2021, 3, 31))
    assert {c.article_id for c in answer.citations} == {"ever-given-stuck", "ever-given-free"}
    assert answer.as_of == max(c.date for c in answer.citations if c.date) == "2021-03-29"
    assert answer.text.splitlines()[-1] == "(as of 2021-03-29)"


def test_given_filters_are_combined_with_the_questions_dates(corpus: FakeCorpus) -> None:
    given = SearchFilters(since=date(2021, 3, 25))
    answer = answerer(corpus).answer("What happened to the Ever Given in March 2021?", given)

    assert answer.filters.since == date(2021, 3, 25)  # published since, as given
    assert (answer.filters.about_since, answer.filters.about_until) == (date(2021, 3, 1), date(2021, 3, 31))
    assert {c.article_id for c in answer.citations} == {"ever-given-free"}


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        (
            "What happened to the Ever Given in May 2019?",
            "The articles from 2019-05-01 to 2019-05-31 don't say.",
        ),
        (
            "Wat gebeurde er met de Ever Given in mei 2019?",
            "De artikelen van 2019-05-01 tot en met 2019-05-31 zeggen daar niets over.",
        ),
    ],
)
def test_a_period_without_articles_abstains_naming_the_period(
    corpus: FakeCorpus, question: str, opening: str
) -> None:
    answer = answerer(corpus).answer(question)

    assert answer.abstained and answer.method == "none" and answer.citations == []
    assert answer.text.startswith(opening + " ")
    assert answer.evidence == -1.0  # nothing retrieved in the period
    assert answer.filters.about_since == date(2019, 5, 1)
    # The closest passages from any date are still shown.
    assert len(answer.related) == AnswerPolicy().related
    assert answer.related[0].article_id.startswith("ever-given")
    assert all(p.date and not p.date.startswith("2019") for p in answer.related)


# --- follow-ups --------------------------------------------------------------------------------------


def test_a_follow_up_is_retrieved_together_with_the_question_before_it(corpus: FakeCorpus) -> None:
    alone = answerer(corpus).answer("And who denied it?")
    corpus.searches.clear()
    history = ["What happened to the Ever Given?", "Who claimed Shushi was captured?"]
    follow_up = answerer(corpus).answer("And who denied it?", history=history)

    assert "shushi" not in {c.article_id for c in alone.citations}  # without its context
    assert corpus.searches[0] == "Who claimed Shushi was captured? And who denied it?"  # only the last one
    assert follow_up.question == "And who denied it?"
    assert follow_up.method == "claims"
    assert (follow_up.attributions[0].speaker, follow_up.attributions[0].stance) == (
        "de autoriteiten in Nagorno-Karabach",
        "denial",
    )
    assert {c.article_id for c in follow_up.citations} == {"shushi"}


def test_a_follow_up_keeps_the_dates_of_the_question_before_it(corpus: FakeCorpus) -> None:
    history = ["What happened to the Ever Given in March 2021?"]
    alone = answerer(corpus).answer("And what did the canal authority say?")
    follow_up = answerer(corpus).answer("And what did the canal authority say?", history=history)

    assert alone.filters.is_empty()
    assert (follow_up.filters.about_since, follow_up.filters.about_until) == (
        date(2021, 3, 1),
        date(2021, 3, 31),
    )
    assert follow_up.citations and all(c.date and c.date.startswith("2021-03") for c in follow_up.citations)


def test_a_follow_up_may_be_less_relevant_by_the_follow_up_slack(corpus: FakeCorpus) -> None:
    question, history = "And who denied it?", ["Who claimed Shushi was captured?"]
    answerability = scaled(corpus).answer(question, history=history).answerability
    just_above = answerability + 0.01

    with_slack = scaled(corpus, min_answerability=just_above, follow_up_slack=0.02)
    without_slack = scaled(corpus, min_answerability=just_above, follow_up_slack=0.0)

    assert not with_slack.answer(question, history=history).abstained
    assert without_slack.answer(question, history=history).abstained
    # A first question gets no slack.
    assert with_slack.answer(f"{history[0]} {question}").abstained


# --- extractive quotes -------------------------------------------------------------------------------


@pytest.mark.parametrize("max_quotes", [1, 2, 3])
def test_the_extractive_answer_quotes_at_most_max_quotes_sentences_verbatim(
    corpus: FakeCorpus, max_quotes: int
) -> None:
    answer = answerer(corpus, max_quotes=max_quotes, quote_margin=1.0).answer(
        "What happened to the Ever Given?"
    )

    assert answer.method == "extractive"
    assert len(answer.citations) == max_quotes
    assert answer.text.splitlines() == [f"“{c.quote}” [{c.number}]" for c in answer.citations] + [
        f"(as of {answer.as_of})"
    ]
    assert len({c.quote for c in answer.citations}) == max_quotes
    assert answer.as_of == max(c.date for c in answer.citations if c.date)
    assert_grounded(corpus, answer)


def test_quotes_scoring_far_below_the_best_are_left_out(corpus: FakeCorpus) -> None:
    wide = answerer(corpus, max_quotes=3, quote_margin=1.0).answer("What happened to the Ever Given?")
    narrow = answerer(corpus, max_quotes=3, quote_margin=0.0).answer("What happened to the Ever Given?")

    assert len(wide.citations) == 3
    assert [c.quote for c in narrow.citations] == [wide.citations[0].quote]


# --- LLM synthesis -----------------------------------------------------------------------------------


def synthesizer(chat: ChatServer) -> Synthesizer:
    return Synthesizer(
        EndpointChatModel(EndpointSettings(base_url=chat.url, model="local", timeout_seconds=5))
    )


def test_a_cited_llm_reply_becomes_the_answer(corpus: FakeCorpus, chat: ChatServer) -> None:
    chat.reply = "The Ever Given left the canal [2]. It had run aground [1]."
    extractive = answerer(corpus).answer("What happened to the Ever Given?")
    answer = answerer(corpus, synthesizer(chat)).answer("What happened to the Ever Given?")

    assert answer.method == "llm" and not answer.abstained
    assert answer.text == "The Ever Given left the canal [1]. It had run aground [2]."  # renumbered
    assert len(answer.citations) == 2 and answer.attributions == []
    assert answer.as_of == max(c.date for c in answer.citations if c.date)
    assert answer.evidence == pytest.approx(extractive.evidence)
    assert_grounded(corpus, answer)
    (request,) = chat.requests
    system, user = request["body"]["messages"]
    assert "English" in system["content"]
    assert user["content"].startswith("Excerpts:\n<excerpts>\n[1] ")
    assert user["content"].endswith("Question: What happened to the Ever Given?\nAnswer:")


@pytest.mark.parametrize(
    "reply",
    ["The Ever Given was refloated.", "The Ever Given was refloated [9].", "NO_ANSWER"],
)
def test_an_invalid_llm_reply_gives_the_extractive_answer(
    corpus: FakeCorpus, chat: ChatServer, reply: str
) -> None:
    chat.reply = reply
    extractive = answerer(corpus).answer("What happened to the Ever Given?")
    answer = answerer(corpus, synthesizer(chat)).answer("What happened to the Ever Given?")

    assert len(chat.requests) == 1  # it was asked, and its reply refused
    assert answer.method == "extractive" and answer.rewriting is not None and answer.rewriting.fallback
    assert answer.model_dump(exclude={"rewriting"}) == extractive.model_dump(exclude={"rewriting"})


def test_claims_answers_are_rewritten_and_abstentions_do_not_ask_the_llm(
    corpus: FakeCorpus, chat: ChatServer
) -> None:
    claims = answerer(corpus).answer("Who claimed Shushi was captured?")
    chat.reply = f"{claims.attributions[0].speaker} claimed it [1]."
    rewritten = answerer(corpus, synthesizer(chat)).answer("Who claimed Shushi was captured?")
    assert claims.method == "claims" and rewritten.method == "llm"
    assert f"by {claims.attributions[0].speaker})" in chat.requests[0]["body"]["messages"][1]["content"]
    assert [a.speaker for a in rewritten.attributions] == [claims.attributions[0].speaker]
    chat.requests.clear()
    none = answerer(corpus, synthesizer(chat)).answer("What happened to the Ever Given in May 2019?")
    assert none.method == "none" and chat.requests == []


def test_build_desk_wires_the_configured_llm_into_the_answerer(
    newsroom: NewsIndex, chat: ChatServer, tmp_path: Path
) -> None:
    chat.reply = "The canal reopened [1]."
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, data_dir=tmp_path / "desk", llm_base_url=chat.url, llm_model="local"
    )
    desk = build_desk(settings, newsroom)
    try:
        answer = desk.ask("What happened to the Ever Given?")
    finally:
        desk.feedback_store.close()

    assert answer.method == "llm" and answer.text == "The canal reopened [1]."
    assert chat.requests[0]["body"]["model"] == "local"


def test_a_period_with_one_bound_is_named_plainly() -> None:
    from bot.answer.compose import period_text

    assert period_text(SearchFilters(since=date(2025, 1, 1)), "en") == "since 2025-01-01"
    assert period_text(SearchFilters(until=date(2019, 5, 31)), "nl") == "tot en met 2019-05-31"
    assert period_text(SearchFilters(), "en") == ""


def test_a_tentative_answer_stays_quotes_and_the_llm_is_not_asked(
    corpus: FakeCorpus, chat: ChatServer
) -> None:
    chat.reply = "The Ever Given left the canal [1]."
    tentative = answerer(corpus, synthesizer(chat), sure_answerability=1.0).answer(
        "What happened to the Ever Given?"
    )
    assert tentative.tentative and tentative.method == "extractive" and tentative.rewriting is None
    assert chat.requests == []
