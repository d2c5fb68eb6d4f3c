"""Sentence splitting and chunking: offsets into the article, token budget, overlap."""

from __future__ import annotations

import itertools
import re

import pytest

from index.chunking import ChunkingConfig, chunk_article, embedding_text
from index.records import Article
from index.sentences import is_statement, split_sentences


def words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def sentences(text: str, language: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text, language)]


def test_dutch_abbreviations_and_quotes() -> None:
    text = 'Dhr. Jansen zei: "Het is klaar." Het kostte 3,5 mln. euro volgens o.a. de VN. Hij ontkende dat. Nu niet.'
    assert sentences(text, "nl") == [
        'Dhr. Jansen zei: "Het is klaar."',
        "Het kostte 3,5 mln. euro volgens o.a. de VN.",
        "Hij ontkende dat.",
        "Nu niet.",
    ]


def test_english_abbreviations_and_paragraphs() -> None:
    text = 'Mr. Smith arrived at 5 p.m. on Friday. He said "No."\n\nThe U.S. Department of State disagreed.'
    assert sentences(text, "en") == [
        "Mr. Smith arrived at 5 p.m. on Friday.",
        'He said "No."',
        "The U.S. Department of State disagreed.",
    ]


def make_article(text: str) -> Article:
    return Article(id="a", title="Titel", text=text, date="2020-11", language="nl")


def test_chunks_point_back_into_the_article_and_respect_the_budget() -> None:
    text = "\n\n".join(
        f"Zin nummer {i} gaat over de stad Shushi en de strijd. Nog een zin {i}." for i in range(30)
    )
    article = make_article(text)
    config = ChunkingConfig(max_tokens=40, overlap_tokens=12)
    chunks = chunk_article(article, words, config)
    assert len(chunks) > 5
    for ordinal, chunk in enumerate(chunks):
        assert chunk.ordinal == ordinal
        assert article.text[chunk.start : chunk.end] == chunk.text
        assert chunk.token_count <= 40
        assert chunk.text == chunk.text.strip()
    covered = set()
    for chunk in chunks:
        covered.update(range(chunk.start, chunk.end))
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())


def test_consecutive_chunks_overlap_by_whole_sentences() -> None:
    text = " ".join(f"Dit is zin {i} van het artikel." for i in range(20))
    chunks = chunk_article(make_article(text), words, ChunkingConfig(max_tokens=30, overlap_tokens=8))
    for previous, current in itertools.pairwise(chunks):
        assert current.start < previous.end  # overlap
        assert text[current.start : previous.end].endswith(".")  # ends on a sentence


def test_no_overlap_when_zero() -> None:
    text = " ".join(f"Dit is zin {i} van het artikel." for i in range(20))
    chunks = chunk_article(make_article(text), words, ChunkingConfig(max_tokens=30, overlap_tokens=0))
    assert all(b.start >= a.end for a, b in itertools.pairwise(chunks))


def test_a_sentence_longer_than_the_budget_is_cut_at_words() -> None:
    text = "Lang " + " ".join(["woord"] * 100) + "."
    chunks = chunk_article(make_article(text), words, ChunkingConfig(max_tokens=30, overlap_tokens=5))
    assert len(chunks) >= 4
    assert all(c.token_count <= 30 and text[c.start : c.end] == c.text for c in chunks)


def test_embedding_text_carries_title_and_date() -> None:
    assert embedding_text(make_article("Tekst."), "Tekst.") == "Titel (2020-11)\nTekst."


def test_config_checks_its_arguments() -> None:
    with pytest.raises(ValueError, match="overlap_tokens"):
        ChunkingConfig(max_tokens=50, overlap_tokens=50)
    assert ChunkingConfig(max_tokens=50).signature() != ChunkingConfig(max_tokens=60).signature()


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        ("Friday, January 4, 2019", False),  # a dateline
        ("Zaterdag 7 november 2020", False),
        ("Ja.", False),
        ("Shushi is gevallen.", True),
        ("A total of 39 are confirmed dead.", True),
    ],
)
def test_datelines_and_fragments_are_never_evidence(text: str, evidence: bool) -> None:
    assert is_statement(text) is evidence
