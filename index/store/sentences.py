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

    def of_chunks(self, chunk_ids: Sequence[int]) -> dict[int, tuple[str, np.ndarray]]:
        """Chunk id -> (its article's language, the float32 vectors of the stored sentences inside it)."""
        if not chunk_ids:
            return {}
        placeholders = ",".join("?" * len(chunk_ids))
        rows = self._conn.query(
            f"""SELECT c.id AS chunk_id, a.language, s.vector FROM chunks c
                JOIN articles a ON a.id = c.article_id
                JOIN sentences s ON s.article_id = c.article_id
                    AND s.start_char >= c.start_char AND s.end_char <= c.end_char
                WHERE c.id IN ({placeholders})""",
            list(chunk_ids),
        )
        grouped: dict[int, tuple[str, list[bytes]]] = {}
        for row in rows:
            grouped.setdefault(row["chunk_id"], (row["language"], []))[1].append(row["vector"])
        return {
            cid: (
                language,
                np.frombuffer(b"".join(blobs), dtype=VECTOR_TYPE).reshape(len(blobs), -1).astype(np.float32),
            )
            for cid, (language, blobs) in grouped.items()
        }

    def articles_without(self) -> list[str]:
        """Ids of stored articles that have no stored sentences (ingested before sentences were stored)."""
        rows = self._conn.query(
            "SELECT id FROM articles a WHERE NOT EXISTS (SELECT 1 FROM sentences s WHERE s.article_id = a.id)"
        )
        return [row["id"] for row in rows]
