"""The split keyword query returns exactly what one plain BM25 query returns, and skips it when it can."""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from index.chunking import ChunkingConfig, chunk_article
from index.keywords import fts_match_expression
from index.records import Article, SearchFilters
from index.store import keyword_search
from index.store.database import Database
from index.store.keyword_search import KeywordSearch, splits

VOCABULARY = [f"w{n}" for n in range(20000)]
WEIGHTS = [1 / (rank + 1) for rank in range(len(VOCABULARY))]  # Zipf: a few words in most chunks
PARAGRAPHS = ChunkingConfig(max_tokens=80, overlap_tokens=0)  # each paragraph of 20–80 words fits one chunk
MONTH = SearchFilters(since=date(2020, 11, 1), until=date(2020, 11, 30))


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """600 articles of three Zipf-distributed paragraphs (1,598 chunks), a third of them from November 2020."""
    rng = random.Random(7)
    db = Database(tmp_path_factory.mktemp("keywords") / "newsdesk.sqlite3")
    with db.transaction():
        for n in range(600):
            texts = [" ".join(rng.choices(VOCABULARY, WEIGHTS, k=rng.randint(20, 80))) for _ in range(3)]
            text = "\n\n".join(texts)
            article = Article(
                id=f"a{n}", title=f"a{n}", text=text, date=f"2020-{10 + n % 3:02d}-05", language="en"
            )
            chunks = chunk_article(article, lambda t: len(t.split()), PARAGRAPHS)
            vectors = np.zeros((len(chunks), 4), dtype=np.float32)
            db.replace_article(article, f"hash{n}", chunks, vectors, [c.text for c in chunks])
    yield db
    db.close()


def questions() -> list[list[str]]:
    """Term sets mixing common and rare words, as questions do."""
    rng = random.Random(11)
    return [
        rng.sample(VOCABULARY[:20], rng.randint(1, 3)) + rng.sample(VOCABULARY[500:1500], rng.randint(3, 5))
        for _ in range(60)
    ]


def rounded(hits: list[tuple[int, float]]) -> list[tuple[int, float]]:
    """Hits with scores rounded (the two queries add the same terms in another order)."""
    return [(chunk, round(score, 9)) for chunk, score in hits]


@contextmanager
def recorded(keywords: KeywordSearch) -> Iterator[list[bool]]:
    """Record, per query KeywordSearch runs: None unfiltered, else whether its filter was a set of ids."""
    ways: list[bool | None] = []
    matching = keywords._matching

    def counted(match: str, k: int, within: SearchFilters, narrow: bool = False) -> list[tuple[int, float]]:
        ways.append(None if within.is_empty() else narrow)
        return matching(match, k, within, narrow)

    keywords._matching = counted  # type: ignore[method-assign]
    try:
        yield ways
    finally:
        keywords._matching = matching  # type: ignore[method-assign]


@pytest.mark.parametrize("filters", [SearchFilters(), MONTH], ids=["all", "month"])
@pytest.mark.parametrize("limit", [3, 8])
def test_split_query_returns_the_plain_top_k(
    database: Database, filters: SearchFilters, limit: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(keyword_search, "SPLIT_ABOVE", 0)  # as on a large index
    keywords = database.keywords
    answered_by_split = 0
    with recorded(keywords) as ways:
        for terms in questions():
            before = len(ways)
            split = rounded(keywords.search(terms, limit, filters))
            answered_by_split += len(ways) - before == 2
            plain = rounded(KeywordSearch._matching(keywords, fts_match_expression(terms), limit, filters))
            assert sorted(split, key=lambda h: (-h[1], h[0])) == sorted(plain, key=lambda h: (-h[1], h[0])), (
                terms
            )
    if filters.is_empty():
        assert answered_by_split > len(questions()) / 2  # most took the split's two queries and no plain one
    else:
        assert len(ways) == len(questions())  # within a filter the plain query runs alone


def test_terms_no_chunk_holds_match_nothing(database: Database) -> None:
    assert database.keywords.search(["absent"], 10) == []
    assert database.keywords.search([], 10) == []
    hits = database.keywords.search(["w1", "absent"], 10)
    assert len(hits) == 10 and hits == database.keywords.search(["w1"], 10)


def test_a_term_fts5_reads_as_a_phrase_takes_the_plain_query(database: Database) -> None:
    hits = database.keywords.search(["w0", "w1 w2"], 10)  # "w1 w2" is not one token: the vocabulary lacks it
    assert [c for c, _ in hits] == [
        c for c, _ in database.keywords._matching('"w0" OR "w1 w2"', 10, SearchFilters())
    ]


def test_a_small_index_runs_the_plain_query_alone(database: Database) -> None:
    with recorded(database.keywords) as ways:
        for terms in questions():
            database.keywords.search(terms, 8)
    assert ways == [None] * len(questions())  # 1,598 chunks: below SPLIT_ABOVE, one plain query each


def test_splits_move_the_rarest_common_term_to_the_rare_side() -> None:
    found = splits({"often": 900, "some": 300, "rare": 5}, rows=1000, share=0.1)
    assert [(s.rare, s.common) for s in found] == [
        (("rare",), ("some", "often")),
        (("rare", "some"), ("often",)),
    ]
    assert found[0].bound > found[1].bound > 0
    assert splits({"a": 2, "b": 3}, rows=1000, share=0.1) == []  # nothing common: the plain query is cheap
    every = splits({"a": 600, "b": 700}, rows=1000, share=0.1)
    assert [(s.rare, s.common) for s in every] == [(("a",), ("b",))]


def test_keyword_search_reads_through_the_store_connections(tmp_path: Path) -> None:
    db = Database(tmp_path / "empty.sqlite3")
    try:
        assert isinstance(db.keywords, KeywordSearch) and db.keywords.search(["anything"], 5) == []
    finally:
        db.close()


def month_ids(database: Database) -> np.ndarray:
    """The sorted ids of the November 2020 chunks (a third of them), as the vector catalogue holds them."""
    return np.asarray(sorted(database.filtered_chunk_ids(MONTH)), dtype=np.int64)


def by_rank(hits: list[tuple[int, float]]) -> list[tuple[int, float]]:
    """Hits in a canonical order: best first, ties by id."""
    return sorted(rounded(hits), key=lambda h: (-h[1], h[0]))


@pytest.mark.parametrize("limit", [5, 50])
def test_a_narrow_filter_applied_as_a_set_of_ids_returns_the_per_row_top_k(
    database: Database, limit: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(keyword_search, "NARROW_SHARE", 0.5)  # the month's third counts as narrow here
    keywords, allowed = database.keywords, month_ids(database)
    with recorded(keywords) as ways:
        for terms in questions():
            as_ids = keywords.search(terms, limit, MONTH, allowed)
            per_row = KeywordSearch._matching(keywords, fts_match_expression(terms), limit, MONTH)
            assert by_rank(as_ids) == by_rank(per_row) and per_row
    assert ways == [True] * len(questions())


@pytest.mark.parametrize(("limit", "overfetch"), [(5, 1.5), (50, 1.5), (50, 1.0)])
def test_a_wide_filter_keeps_the_passing_rows_of_the_unfiltered_top_k(
    database: Database, limit: int, overfetch: float, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(keyword_search, "OVERFETCH", overfetch)
    keywords, allowed = database.keywords, month_ids(database)
    unfiltered = 0
    with recorded(keywords) as ways:
        for terms in questions():
            before = len(ways)
            wide = keywords.search(terms, limit, MONTH, allowed)
            unfiltered += len(ways) - before == sum(w is None for w in ways[before:])
            per_row = KeywordSearch._matching(keywords, fts_match_expression(terms), limit, MONTH)
            assert by_rank(wide) == by_rank(per_row) and per_row, terms
    filtered = sum(way is False for way in ways)
    assert unfiltered > len(questions()) / 2  # most were answered without the per-row query
    if overfetch == 1.0:  # fetching just the share's worth often leaves too few: those fall back per row
        assert 0 < filtered < len(questions())
    else:
        assert filtered <= len(questions()) / 4


def test_a_wide_filter_counts_rows_written_after_the_catalogue(database: Database) -> None:
    allowed = month_ids(database)
    stale = allowed[: len(allowed) * 4 // 5]  # an ingest has committed the newest fifth, the catalogue lags
    keywords = database.keywords
    for terms in questions():
        wide = keywords.search(terms, 50, MONTH, stale)
        per_row = KeywordSearch._matching(keywords, fts_match_expression(terms), 50, MONTH)
        assert by_rank(wide) == by_rank(per_row), terms


def test_a_rare_term_within_a_wide_filter_needs_no_per_row_query(database: Database) -> None:
    rare = next(t for t in VOCABULARY[15000:] if database.keywords.document_frequencies([t]))
    with recorded(database.keywords) as ways:
        hits = database.keywords.search([rare], 100, MONTH, month_ids(database))
    assert ways == [None] and len(hits) < 100  # the whole match was read: the passing rows are all of them
    assert by_rank(hits) == by_rank(
        KeywordSearch._matching(database.keywords, fts_match_expression([rare]), 100, MONTH)
    )


def test_unknown_filters_and_periods_a_text_names_are_applied_per_row(database: Database) -> None:
    about = SearchFilters(about_since=date(2020, 11, 1), about_until=date(2020, 11, 30))
    with recorded(database.keywords) as ways:
        database.keywords.search(["w1", "w600"], 10, MONTH)  # not known
        database.keywords.search(["w1", "w600"], 10, about, month_ids(database))
    assert ways == [False, False]
