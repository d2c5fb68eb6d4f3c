"""Answers over the real sample article alone (../shared/corpus/seed), as a new user would first try them.

The headline question in English (with and without its question mark) and in Dutch must name the same
speaker, Azerbaijan's president Aliyev, and show the Nagorno-Karabakh authorities' denial.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.answer.compose import Answerer
from index.embedding.sentence_transformer import SentenceTransformerEmbedder
from index.news_index import NewsIndex
from tests.conftest import shared_path


@pytest.fixture(scope="module")
def seed_answerer(
    e5: SentenceTransformerEmbedder, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Answerer]:
    index = NewsIndex(tmp_path_factory.mktemp("seed") / "data", e5)
    report = index.ingest([shared_path("corpus", "seed")])
    assert report.added == 1 and not report.failures, report
    yield Answerer(index)
    index.close()


@pytest.mark.parametrize(
    "question",
    [
        "who claimed Shushi was captured",
        "Who claimed Shushi was captured?",
        "Wie beweerde dat Shushi was veroverd?",
        "Wie meldde dat Shushi was ingenomen?",
    ],
)
def test_the_headline_question_names_aliyev_and_the_denial(seed_answerer: Answerer, question: str) -> None:
    answer = seed_answerer.answer(question)

    assert not answer.abstained and answer.method == "claims", answer.text
    first, *others = answer.attributions
    assert "Aliyev" in first.speaker and first.stance != "denial", answer.text
    denial = next((a for a in others if a.stance == "denial"), None)
    assert denial is not None and "Nagorno-Karabach" in denial.speaker, answer.text
    assert answer.contested


def test_a_plain_fact_of_the_article_is_answered(seed_answerer: Answerer) -> None:
    answer = seed_answerer.answer("Which city came under rocket fire during the night?")

    assert not answer.abstained and "Stepanakert" in answer.citations[0].quote, answer.text
