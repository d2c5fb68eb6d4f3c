"""Answers over the demo corpus with the real model: who-said answers with both sides, Dutch wording,
abstention, and a quality floor on the held-out demo cases of tests/data/answers.yaml.

The demo index (`demo_index`, tests/conftest.py) is ingested once per session and shared with the e2e suite.
"""

from __future__ import annotations

import pytest

from bot.answer.compose import Answerer, AnswerPolicy
from bot.evaluation.answer_sets import AnswerEvaluation, evaluate_answers, load_cases
from bot.records import Answer
from index.news_index import NewsIndex
from tests.conftest import ROOT

ANSWER_CASES = ROOT / "tests" / "data" / "answers.yaml"
SHUSHI = "2020-11-shushi"
# Regression floors on the held-out third of the demo cases (tests/data/answers.yaml --split held-out: 16
# cases, 14 answerable, 2 out of corpus), a little below what the default AnswerPolicy measured there (its
# thresholds were tuned on the other two thirds and on XQuAD). They guard against regressions and are not
# targets: move them with the held-out measurement when the answers get better.
FACT_FLOOR = 0.57  # measured 0.64 (9/14)
ARTICLE_FLOOR = 0.71  # measured 0.79 (11/14)
MAX_OUT_OF_CORPUS_ANSWERED = 2  # measured 1 of 2: near-topic questions are mostly answered (README)
WHO_CLAIMED = "Who claimed Shushi was captured?"
WHO_DENIED = "Wie ontkende dat Shushi was veroverd?"


@pytest.fixture(scope="module")
def answerer(demo_index: NewsIndex) -> Answerer:
    """The answerer with its default, calibrated policy (one per module: its sentence vectors are cached)."""
    return Answerer(demo_index)


@pytest.fixture(scope="module")
def unthresholded(demo_index: NewsIndex) -> Answerer:
    """An answerer that never abstains on relevance: what it says, apart from whether it answers at all."""
    return Answerer(demo_index, AnswerPolicy(min_answerability=0.0))


@pytest.fixture(scope="module")
def evaluation(answerer: Answerer) -> AnswerEvaluation:
    """The held-out demo-corpus cases of the question set, asked and judged once."""
    cases = [c for c in load_cases(ANSWER_CASES, "held-out") if c.corpus == "demo"]
    assert len(cases) == 16 and sum(not c.answerable for c in cases) == 2
    return evaluate_answers(answerer.answer, cases)


def assert_grounded(index: NewsIndex, answer: Answer) -> None:
    """Every citation quotes its article verbatim, from the chunk it names."""
    assert answer.citations
    for citation in answer.citations:
        assert citation.quote == index.article(citation.article_id).text[citation.start : citation.end]
        chunk = index.chunk(citation.chunk_id)
        assert chunk.article_id == citation.article_id
        assert chunk.start <= citation.start < citation.end <= chunk.end, (citation, chunk)


def test_who_claimed_shushi_was_captured_names_aliyev_and_the_denial(
    unthresholded: Answerer, demo_index: NewsIndex
) -> None:
    answer = unthresholded.answer(WHO_CLAIMED)

    assert answer.method == "claims" and answer.language == "en" and not answer.abstained
    assert answer.contested
    first = answer.attributions[0]
    assert "Aliyev" in first.speaker and first.stance == "claim"
    assert answer.text.startswith("**Ilham Aliyev** (*President*) claimed (2020-11): ")
    denials = [a for a in answer.attributions if a.stance == "denial"]
    assert denials and "Nagorno-Karabach" in denials[0].speaker
    assert "This is disputed: " in answer.text
    cited = {c.number: c.article_id for c in answer.citations}
    assert cited[first.citation].startswith(SHUSHI) and cited[denials[0].citation].startswith(SHUSHI)
    assert answer.as_of == "2020-11"
    assert_grounded(demo_index, answer)


def test_a_dutch_who_denied_question_is_answered_in_dutch(
    unthresholded: Answerer, demo_index: NewsIndex
) -> None:
    answer = unthresholded.answer(WHO_DENIED)

    assert answer.language == "nl" and answer.method == "claims" and answer.contested
    first = answer.attributions[0]
    assert first.stance == "denial" and "autoriteiten van Nagorno-Karabach" in first.speaker
    assert answer.text.startswith("Ontkenning door ")
    disputed = next(line for line in answer.text.splitlines() if line.startswith("Dit wordt betwist: "))
    assert disputed.startswith("Dit wordt betwist: Bewering van ") and "Ilham Aliyev" in disputed
    assert answer.text.splitlines()[-1] == "(stand van 2020-11)"
    assert all(c.article_id.startswith(SHUSHI) for c in answer.citations)
    assert_grounded(demo_index, answer)


@pytest.mark.parametrize("question", [WHO_CLAIMED, WHO_DENIED])
def test_the_default_policy_answers_the_shushi_questions_from_claims(
    answerer: Answerer, question: str
) -> None:
    answer = answerer.answer(question)

    assert not answer.abstained and answer.method == "claims", f"evidence {answer.evidence:.3f}"
    assert answer.answerability >= answerer.policy.min_answerability


def test_the_2018_world_cup_is_not_in_the_articles(answerer: Answerer) -> None:
    answer = answerer.answer("Who won the 2018 World Cup?")

    assert answer.abstained and answer.method == "none"
    assert answer.citations == [] and answer.attributions == []
    assert answer.text.startswith("The articles from 2018-01-01 to 2018-12-31 don't say.")
    assert answer.related  # the closest passages of any date


def test_the_demo_cases_stay_above_the_quality_floor(evaluation: AnswerEvaluation) -> None:
    overall = evaluation.overall
    outside = [r for r in evaluation.results if not r.case.answerable]
    answered_outside = [r.case.question for r in outside if not r.abstained]
    missed = [
        f"{r.case.question!r}: {r.method}, evidence {r.evidence:.3f}"
        for r in evaluation.results
        if r.case.answerable and not (r.fact_found and r.article_cited)
    ]
    report = f"{overall!r}\nmissed:\n" + "\n".join(missed)

    assert overall.fact >= FACT_FLOOR, report
    assert overall.article >= ARTICLE_FLOOR, report
    assert len(answered_outside) <= MAX_OUT_OF_CORPUS_ANSWERED, answered_outside
