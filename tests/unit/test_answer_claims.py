"""Claims answers over a fake Corpus: who said, claimed or denied what, both sides, citations, the answer's
language, and the claims timeline.

HashEmbedder is a bag of words, so the answer thresholds calibrated for the real model mean nothing here:
every test sets the AnswerPolicy it relies on (min_answerability=0.0 never abstains).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.answer import claims_answer
from bot.answer.question import read_question
from bot.desk import Desk
from bot.feedback import FeedbackStore
from index.chunking import ChunkingConfig
from index.news_index import NewsIndex
from tests.fakes import FakeCorpus, HashEmbedder
from tests.unit.newsroom import (
    DAM_ACCUSATION,
    DAM_DENIAL,
    SHUSHI_CLAIM,
    SHUSHI_DENIAL,
    answerer,
    assert_grounded,
)

# --- claims ------------------------------------------------------------------------------------------


def test_who_claimed_is_answered_from_claims_naming_both_sides(corpus: FakeCorpus) -> None:
    answer = answerer(corpus).answer("Who claimed Shushi was captured?")

    assert answer.method == "claims" and not answer.abstained
    assert answer.language == "en" and answer.contested
    assert answer.text.splitlines() == [
        "**Ilham Aliyev** (*president*) said (2020-11-08): “Shushi was veroverd” [1]",
        "This is disputed: a denial from *de autoriteiten in Nagorno-Karabach* (2020-11-08): “verovering van de stad” [2]",
        "(as of 2020-11-08)",
    ]
    assert [(a.speaker, a.stance, a.citation) for a in answer.attributions] == [
        ("president Ilham Aliyev", "statement", 1),
        ("de autoriteiten in Nagorno-Karabach", "denial", 2),
    ]
    assert [(c.article_id, c.quote) for c in answer.citations] == [
        ("shushi", SHUSHI_CLAIM),
        ("shushi", SHUSHI_DENIAL),
    ]
    assert answer.citations[0].url == "https://example.org/shushi"
    assert answer.as_of == "2020-11-08"
    assert_grounded(corpus, answer)


def test_who_denied_puts_the_denier_first_and_the_accuser_as_the_other_side(corpus: FakeCorpus) -> None:
    answer = answerer(corpus).answer("Who denied that Russian troops destroyed the dam?")

    assert answer.method == "claims" and answer.contested
    assert [(a.speaker, a.stance) for a in answer.attributions] == [
        ("The Kremlin", "denial"),
        ("Ukraine", "accusation"),
    ]
    assert [c.quote for c in answer.citations] == [DAM_DENIAL, DAM_ACCUSATION]
    assert_grounded(corpus, answer)


@pytest.mark.parametrize(
    "question",
    [
        "Who claimed Shushi was captured?",
        "Wie beweerde dat Shushi was veroverd?",
        "Who denied that Russian troops destroyed the dam?",
        "What happened to the Ever Given?",
        "Wat gebeurde er met de Ever Given?",
        "What happened to the Ever Given in March 2021?",
    ],
)
def test_citations_quote_the_article_verbatim_from_the_chunk_they_name(
    corpus: FakeCorpus, question: str
) -> None:
    answer = answerer(corpus, max_quotes=3, quote_margin=1.0).answer(question)

    assert not answer.abstained
    assert_grounded(corpus, answer)


def test_a_claim_and_its_denial_in_different_chunks_cite_their_own_chunks(corpus: FakeCorpus) -> None:
    claim, denial = answerer(corpus).answer("Who claimed Shushi was captured?").citations

    assert claim.chunk_id != denial.chunk_id  # CHUNKING splits the two sentences
    assert SHUSHI_CLAIM in corpus.chunk(claim.chunk_id).text
    assert SHUSHI_DENIAL in corpus.chunk(denial.chunk_id).text


@pytest.mark.xfail(
    strict=True,
    reason="known issue: a claim passage of two sentences ('X zei dat ... . Jerevan ontkende dat.') is cited "
    "as one span; when no chunk holds both sentences the citation's chunk cannot hold its span "
    "(bot/answer/claims_answer.py _compose cites claim.start..claim.end)",
)
def test_a_two_sentence_claim_is_cited_with_a_chunk_that_holds_it(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    article = {
        "id": "jerevan",
        "title": "Shushi",
        "date": "2020-11-08",
        "language": "nl",
        "text": "Aliyev zei zaterdag dat de stad Shushi door het leger was veroverd. Jerevan ontkende dat. "
        "Het is onduidelijk wie gelijk heeft.",
    }
    (folder / "a.jsonl").write_text(json.dumps(article) + "\n", encoding="utf-8")
    index = NewsIndex(tmp_path / "data", HashEmbedder(), ChunkingConfig(max_tokens=14, overlap_tokens=2))
    try:
        index.ingest([folder])
        answer = answerer(index).answer("Wie ontkende dat Shushi was veroverd?")
        assert answer.method == "claims" and answer.attributions[0].speaker == "Jerevan"
        assert_grounded(index, answer)
    finally:
        index.close()


# --- the answer's language ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "language", "lines", "foreign"),
    [
        (
            "Wie beweerde dat Shushi was veroverd?",
            "nl",
            [
                "Volgens president **Ilham Aliyev** (2020-11-08): “Shushi was veroverd” [1]",
                "Dit wordt betwist: Ontkenning door de autoriteiten in Nagorno-Karabach (2020-11-08): "
                "“verovering van de stad” [2]",
                "(stand van 2020-11-08)",
            ],
            ["said", "denied", "disputed", "as of"],
        ),
        (
            "Who denied that Russian troops destroyed the dam?",
            "en",
            [
                "The **Kremlin** denied (2023-06-06): “Russian troops destroyed the dam” [1]",
                "This is disputed: **Ukraine** accused (2023-06-06): “Russia of blowing up the dam” [2]",
                "(as of 2023-06-06)",
            ],
            ["Volgens", "Ontkenning", "betwist", "stand van"],
        ),
    ],
)
def test_the_answer_is_worded_in_the_questions_language(
    corpus: FakeCorpus, question: str, language: str, lines: list[str], foreign: list[str]
) -> None:
    answer = answerer(corpus).answer(question)

    assert answer.language == language and answer.method == "claims"
    assert answer.text.splitlines() == lines
    assert not any(word in answer.text for word in foreign)


@pytest.mark.parametrize(
    ("question", "language", "as_of"),
    [
        ("What happened to the Ever Given?", "en", "(as of "),
        ("Wat gebeurde er met de Ever Given?", "nl", "(stand van "),
    ],
)
def test_an_extractive_answer_is_dated_in_the_questions_language(
    corpus: FakeCorpus, question: str, language: str, as_of: str
) -> None:
    answer = answerer(corpus).answer(question)

    assert answer.language == language and answer.method == "extractive"
    assert answer.text.splitlines()[-1] == f"{as_of}{answer.as_of})"


# --- the claims timeline -----------------------------------------------------------------------------


def test_desk_claims_lists_a_topics_claims_in_date_order_with_the_denial_next_to_its_claim(
    newsroom: NewsIndex, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The timeline keeps claims whose sentence is this close to the topic; 0.80 is calibrated for the real
    # model, whose cosines are all high. Bag-of-words cosines are far lower.
    monkeypatch.setattr(claims_answer, "TIMELINE_MIN_COSINE", 0.35)
    desk = Desk(newsroom, answerer(newsroom), FeedbackStore(tmp_path / "feedback.sqlite3"))
    try:
        timeline = desk.claims("Shushi")
        newest = desk.claims("Shushi", limit=1)
    finally:
        desk.feedback_store.close()

    assert [(c.article_id, c.speaker_name, c.stance, c.date) for c in timeline] == [
        ("shushi", "Ilham Aliyev", "statement", "2020-11-08"),
        ("shushi", "autoriteiten in Nagorno-Karabach", "denial", "2020-11-08"),
        ("karabach-bestand", "Nikol Pashinyan", "admission", "2020-11-10"),
    ]
    assert [c.sentence for c in timeline[:2]] == [SHUSHI_CLAIM, SHUSHI_DENIAL]
    # The denial does not name Shushi: it is listed because it answers the claim right before it.
    topic = newsroom.embed_query("Shushi")
    denial = timeline[1]
    assert float(newsroom.embed_passages([f"{denial.title}\n{denial.sentence}"])[0] @ topic) < 0.35
    assert [c.speaker_name for c in newest] == ["Nikol Pashinyan"]


def test_a_sentence_stating_a_claim_holds_the_kind_of_answer_a_who_said_question_wants(
    corpus: FakeCorpus,
) -> None:
    made = answerer(corpus)
    question = read_question("Who claimed Shushi was captured?", None, None)
    vector = corpus.embed_query(question.text)
    passages = corpus.search(question.text, k=8, query_vector=vector)
    by_text = {s.text: s for s in made.scorer.sentences(question.text, vector, passages)}
    near = made.claims.claims_near(passages)

    assert claims_answer.holds_claim(by_text[SHUSHI_CLAIM], "claim", near)
    assert claims_answer.holds_claim(by_text[SHUSHI_DENIAL], "denial", near)
    assert not claims_answer.holds_claim(by_text[SHUSHI_DENIAL], "claim", near)  # a denial is no claim
