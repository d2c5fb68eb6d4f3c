"""The claims table: who said what, stored per article with a keyword index, and read back for answers."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from index.records import Claim, SearchFilters, StoredClaim
from index.store.connection import Connections
from index.store.filters import filter_clause

_CLAIM_COLUMNS = """
    cl.id, cl.article_id, cl.speaker, cl.speaker_name, cl.cue, cl.stance, cl.content, cl.start_char AS start,
    cl.end_char AS "end",
    cl.content_start, cl.content_end, cl.quoted, a.date, a.language, a.title, a.source, a.url,
    substr(a.text, cl.start_char + 1, cl.end_char - cl.start_char) AS sentence,
    COALESCE(
        (SELECT c.id FROM chunks c WHERE c.article_id = cl.article_id AND c.start_char <= cl.start_char
            AND c.end_char >= cl.end_char LIMIT 1),
        (SELECT c.id FROM chunks c WHERE c.article_id = cl.article_id AND c.start_char <= cl.content_start
            AND c.end_char > cl.content_start LIMIT 1)
    ) AS chunk_id
"""  # the chunk holding the whole claim, else the one holding the start of what was said


class ClaimTable:
    """Claims in the store's SQLite file."""

    def __init__(self, conn: Connections) -> None:
        self._conn = conn

    def replace(self, article_id: str, claims: Sequence[Claim], terms: Sequence[str]) -> None:
        """Replace the claims of an article (inside the caller's transaction)."""
        self._conn.execute("DELETE FROM claims WHERE article_id = ?", (article_id,))
        for claim, claim_terms in zip(claims, terms, strict=True):
            cursor = self._conn.execute(
                """INSERT INTO claims(article_id, speaker, speaker_name, cue, stance, content, start_char, end_char,
                                      content_start, content_end, quoted)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    article_id,
                    claim.speaker,
                    claim.speaker_name,
                    claim.cue,
                    claim.stance,
                    claim.content,
                    claim.start,
                    claim.end,
                    claim.content_start,
                    claim.content_end,
                    int(claim.quoted),
                ),
            )
            self._conn.execute(
                "INSERT INTO claim_fts(rowid, terms) VALUES (?, ?)", (cursor.lastrowid, claim_terms)
            )

    def within(self, spans: Sequence[tuple[str, int, int]]) -> list[StoredClaim]:
        """Claims whose sentence overlaps one of the (article id, start, end) spans, in article order."""
        found: dict[int, StoredClaim] = {}
        for article_id, start, end in spans:
            rows = self._conn.query(
                f"""SELECT {_CLAIM_COLUMNS} FROM claims cl JOIN articles a ON a.id = cl.article_id
                    WHERE cl.article_id = ? AND cl.start_char < ? AND cl.end_char > ? ORDER BY cl.start_char""",
                (article_id, end, start),
            )
            for row in rows:
                found.setdefault(row["id"], _stored_claim(row))
        return list(found.values())

    def search(self, match: str, limit: int, filters: SearchFilters | None = None) -> list[StoredClaim]:
        """Claims whose speaker or content match an FTS5 expression, best first."""
        if not match:
            return []
        where, params = filter_clause(filters or SearchFilters())
        rows = self._conn.query(
            f"""SELECT {_CLAIM_COLUMNS} FROM claim_fts JOIN claims cl ON cl.id = claim_fts.rowid
                JOIN articles a ON a.id = cl.article_id
                WHERE claim_fts MATCH ? AND {where} ORDER BY bm25(claim_fts) LIMIT ?""",
            (match, *params, limit),
        )
        return [_stored_claim(row) for row in rows]


def _stored_claim(row: sqlite3.Row) -> StoredClaim:
    """A StoredClaim from a row selected with _CLAIM_COLUMNS (named after its fields)."""
    return StoredClaim.model_validate(dict(row))
