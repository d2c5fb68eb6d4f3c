"""The FTS5 keyword side: BM25 top-k over OR-ed terms, with common terms scored only where a rarer one matched.

bm25() is computed for every row a query matches, so an OR of terms that half the corpus holds costs
milliseconds per thousand rows. A row that holds none of the rare terms scores at most the sum of
(k1 + 1) * idf over the common terms it may hold; once the k-th best row holding a rare term beats that
bound, those rows are the exact top k and the common-only rows never need scoring (MaxScore). The answer is
the same as one plain query; when the bound does not hold, the plain query runs.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from index.keywords import fts_match_expression
from index.records import SearchFilters
from index.store.connection import Connections
from index.store.filters import filter_clause
from index.store.sorted_ids import member

BM25_K1 = 1.2  # FTS5's bm25() default: one term adds at most (k1 + 1) * idf to a row's score
COMMON_SHARE = 0.01  # a term held by more than this share of the chunks is scored only beside a rare one
SPLIT_TRIES = 3  # splits tried (each moving the rarest common term to the rare side) before the plain query
# Splits are tried from this many chunks on; below it the plain query is quicker. 144 real questions' terms,
# p50 / p95 ms, split against plain: 2,265 chunks 1.50 / 4.32 against 0.57 / 1.32; 20,000 2.91 / 11.6 against
# 1.38 / 6.38; 100,000 4.32 / 23.9 against 4.59 / 26.2; 1,000,000 29.7 / 162 against 42.2 / 263.
SPLIT_ABOVE = 100_000
# A date or source filter passing at most this share of the chunks is applied before ranking, as a set of ids.
# At 1M chunks (60 questions, p50): a month 43 against 259 ms per row, an outlet (8%) 138 against 300 ms, a
# year (10%) 320 against 310 ms (p95 453 against 1,219), but 90% of the chunks 1,607 against 396 ms.
NARROW_SHARE = 0.1
# A wider one ranks without the filter, this many times the rows the filter's share should leave, and keeps
# those that pass; per row only when fewer than the limit pass. At 1M chunks (144 questions, p50 / p95): three
# years (30%) 40 / 224 against 187 / 912 ms per row, nine years (90%) 31 / 194 against 214 / 1,130 ms.
# Periods a text names (about_*) are always applied per row: their subquery scans every article.
OVERFETCH = 1.5


@dataclass(frozen=True)
class Split:
    """Rare terms, common terms, and the most a row holding only common terms can score."""

    rare: tuple[str, ...]
    common: tuple[str, ...]
    bound: float

    def expressions(self) -> tuple[str, str]:
        """MATCH expressions for the rows holding a rare term: with a common term, and without one."""
        rare, common = fts_match_expression(self.rare), fts_match_expression(self.common)
        return f"({rare}) AND ({common})", f"({rare}) NOT ({common})"


def idf(frequency: int, rows: int) -> float:
    """FTS5 bm25()'s inverse document frequency (floored at 1e-6 as FTS5 does)."""
    value = math.log((rows - frequency + 0.5) / (frequency + 0.5))
    return value if value > 0 else 1e-6


def splits(frequencies: dict[str, int], rows: int, share: float = COMMON_SHARE) -> list[Split]:
    """The splits to try, rarest-first common side shrinking; `rows` may overestimate the row count (safe)."""
    held = sorted(frequencies, key=lambda term: (frequencies[term], term))
    common = [term for term in held if frequencies[term] > share * rows]
    if len(common) == len(held):  # every term is common: the rarest one stands for the rare side
        common = common[1:]
    found: list[Split] = []
    while common and len(common) < len(held) and len(found) < SPLIT_TRIES:
        rare = tuple(term for term in held if term not in common)
        bound = sum((BM25_K1 + 1) * idf(frequencies[term], rows) for term in common)
        found.append(Split(rare, tuple(common), bound))
        common = common[1:]
    return found


class KeywordSearch:
    """BM25 search and term statistics over the chunks' FTS5 index."""

    def __init__(self, conn: Connections) -> None:
        self._conn = conn

    def document_frequencies(self, terms: Sequence[str]) -> dict[str, int]:
        """How many chunks hold each keyword term (terms no chunk holds are left out)."""
        if not terms:
            return {}
        placeholders = ",".join("?" * len(terms))
        rows = self._conn.query(
            f"SELECT term, doc FROM chunk_terms WHERE term IN ({placeholders})", list(terms)
        )
        return {row["term"]: int(row["doc"]) for row in rows}

    def search(
        self,
        terms: Sequence[str],
        limit: int,
        filters: SearchFilters | None = None,
        allowed: np.ndarray | None = None,
    ) -> list[tuple[int, float]]:
        """Chunk ids holding any of the terms, best BM25 first, as (id, score) with higher scores better.

        `allowed`: the sorted ids a date or source filter lets through, when known (the vector catalogue
        holds them); the filter is then applied as a set, not row by row. The results are the same either way
        (up to rows tied at the cut), also for rows written after the catalogue.
        """
        terms = list(dict.fromkeys(terms))
        if not terms or limit <= 0:
            return []
        filters = filters or SearchFilters()
        if filters.is_empty():
            return self._ranked(terms, limit, self._rows())
        # Within a filter too few rows hold a rare term for a split's bound to hold: at 1M chunks with a
        # month's filter the split's tries made the median 338 ms against the plain query's 244 ms.
        expression = fts_match_expression(terms)
        if allowed is None or filters.names_period:
            return self._matching(expression, limit, filters)
        rows = self._rows()
        if len(allowed) <= NARROW_SHARE * rows:
            return self._matching(expression, limit, filters, narrow=True)
        # bm25() scores a row the same with or without a filter, so the passing rows of the unfiltered top
        # `fetched` are the filtered top k as long as k of them pass (or the query matched no more rows).
        fetched = math.ceil(limit * OVERFETCH * rows / max(len(allowed), 1))
        ranked = self._ranked(terms, fetched, rows)
        ids = [chunk for chunk, _ in ranked]
        # A hit the catalogue does not pass may be newer than it (an ingest commits rows before the catalogue
        # is saved): SQLite decides those, in one query.
        listed = member(allowed, ids).tolist()
        newer = self._passing([c for c, ok in zip(ids, listed, strict=True) if not ok], filters)
        passed = [hit for hit, ok in zip(ranked, listed, strict=True) if ok or hit[0] in newer]
        if len(passed) >= limit or len(ranked) < fetched:
            return passed[:limit]
        return self._matching(expression, limit, filters)

    def _ranked(self, terms: list[str], limit: int, rows: int) -> list[tuple[int, float]]:
        """The unfiltered top `limit`: from a split when its bound holds, else from the plain query."""
        for split in self._splits(terms, rows):
            found = sorted(
                (
                    hit
                    for expression in split.expressions()
                    for hit in self._matching(expression, limit, SearchFilters())
                ),
                key=lambda hit: -hit[1],
            )[:limit]
            if len(found) == limit and found[-1][1] >= split.bound:
                return found
        return self._matching(fts_match_expression(terms), limit, SearchFilters())

    def _passing(self, chunk_ids: list[int], filters: SearchFilters) -> set[int]:
        """Those of the chunk ids whose article passes the filters."""
        if not chunk_ids:
            return set()
        where, params = filter_clause(filters)
        rows = self._conn.query(
            f"""SELECT c.id FROM chunks c JOIN articles a ON a.id = c.article_id
                WHERE c.id IN ({",".join("?" * len(chunk_ids))}) AND {where}""",
            (*chunk_ids, *params),
        )
        return {int(row["id"]) for row in rows}

    def _rows(self) -> int:
        """The largest chunk id: at least the row count (a bound computed from it still holds), cheap to read."""
        return max(int(self._conn.query("SELECT coalesce(max(id), 0) AS top FROM chunks")[0]["top"]), 1)

    def _splits(self, terms: list[str], rows: int) -> list[Split]:
        """The splits worth trying for these terms (none below SPLIT_ABOVE chunks, or when one of them is a
        phrase to FTS5)."""
        if rows < SPLIT_ABOVE:
            return []
        frequencies = self.document_frequencies(terms)
        # A one-token term the index lacks matches nothing; one FTS5 splits into a phrase needs the plain query.
        if any(term not in frequencies and not term.isalnum() for term in terms):
            return []
        return splits(frequencies, rows)

    def _matching(
        self, match: str, limit: int, filters: SearchFilters, narrow: bool = False
    ) -> list[tuple[int, float]]:
        """The best `limit` rows for one MATCH expression within the filters (`narrow`: as a set of ids)."""
        if filters.is_empty():  # no join to filter through: half the time (24 against 51 ms at 100k chunks)
            rows = self._conn.query(
                """SELECT rowid, bm25(chunk_fts) AS rank FROM chunk_fts
                   WHERE chunk_fts MATCH ? ORDER BY rank LIMIT ?""",
                (match, limit),
            )
            return [(int(row["rowid"]), -float(row["rank"])) for row in rows]
        where, params = filter_clause(filters)
        if narrow:  # the unary + keeps FTS5 from taking the ids one by one: SQLite builds the set once
            sql = f"""SELECT rowid, bm25(chunk_fts) AS rank FROM chunk_fts
                      WHERE chunk_fts MATCH ? AND +rowid IN (
                          SELECT c.id FROM chunks c JOIN articles a ON a.id = c.article_id WHERE {where})
                      ORDER BY rank LIMIT ?"""
        else:
            sql = f"""SELECT chunk_fts.rowid AS rowid, bm25(chunk_fts) AS rank FROM chunk_fts
                      JOIN chunks c ON c.id = chunk_fts.rowid JOIN articles a ON a.id = c.article_id
                      WHERE chunk_fts MATCH ? AND {where} ORDER BY rank LIMIT ?"""
        rows = self._conn.query(sql, (match, *params, limit))
        return [(int(row["rowid"]), -float(row["rank"])) for row in rows]
