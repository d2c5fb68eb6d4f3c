"""The sentences table: every article's sentences with their passage-side vectors, embedded once at ingest."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from index.sentences import Span
from index.store.connection import Connections

VECTOR_TYPE = np.float16  # half the size of float32; cosine scores change by about 1e-3


class SentenceTable:
    """Sentences in the store's SQLite file, keyed by article and start offset."""

    def __init__(self, conn: Connections) -> None:
        self._conn = conn

    def replace(self, article_id: str, spans: Sequence[Span], vectors: np.ndarray) -> None:
        """Replace an article's sentences (inside the caller's transaction)."""
        self._conn.execute("DELETE FROM sentences WHERE article_id = ?", (article_id,))
        self.add(article_id, spans, vectors)

    def add(self, article_id: str, spans: Sequence[Span], vectors: np.ndarray) -> None:
        """Store sentences of an article (inside the caller's transaction); a span stored already is replaced."""
        for span, vector in zip(spans, vectors, strict=True):
            self._conn.execute(
                "INSERT OR REPLACE INTO sentences(article_id, start_char, end_char, vector) VALUES (?, ?, ?, ?)",
                (article_id, span.start, span.end, np.asarray(vector, dtype=VECTOR_TYPE).tobytes()),
            )

    def within(self, article_id: str, start: int, end: int) -> list[tuple[Span, np.ndarray]]:
        """The stored sentences lying inside start..end of an article, in order, with float32 vectors."""
        rows = self._conn.query(
            """SELECT start_char, end_char, vector FROM sentences
               WHERE article_id = ? AND start_char >= ? AND end_char <= ? ORDER BY start_char""",
            (article_id, start, end),
        )
        return [
            (
                Span(row["start_char"], row["end_char"]),
                np.frombuffer(row["vector"], dtype=VECTOR_TYPE).astype(np.float32),
            )
            for row in rows
        ]

    def articles_without(self) -> list[str]:
        """Ids of stored articles that have no stored sentences (ingested before sentences were stored)."""
        rows = self._conn.query(
            "SELECT id FROM articles a WHERE NOT EXISTS (SELECT 1 FROM sentences s WHERE s.article_id = a.id)"
        )
        return [row["id"] for row in rows]
