"""The chunks' vectors as embedded, read from SQLite for the vector store and for rescoring."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from index.store.chunk_facts import ChunkFact
from index.store.connection import Connections


class VectorRows:
    """Reads of the chunks table's vectors, with what the vector store keeps of their articles."""

    def __init__(self, conn: Connections) -> None:
        self._conn = conn

    def every(self, dimension: int) -> tuple[np.ndarray, np.ndarray, list[str]]:
        """Every chunk id, its vector as embedded and its article's language (for exact search in checks)."""
        rows = self._conn.query(
            "SELECT c.id, c.vector, a.language FROM chunks c JOIN articles a ON a.id = c.article_id ORDER BY c.id"
        )
        ids = np.array([row["id"] for row in rows], dtype=np.int64)
        matrix = np.frombuffer(b"".join(row["vector"] for row in rows), dtype=np.float32)
        return ids, matrix.reshape(len(rows), dimension), [row["language"] for row in rows]

    def of(self, chunk_ids: Sequence[int]) -> dict[int, tuple[np.ndarray, str]]:
        """Chunk id -> (its vector as embedded, its article's language) for the ids still stored."""
        if not chunk_ids:
            return {}
        placeholders = ",".join("?" * len(chunk_ids))
        rows = self._conn.query(
            f"""SELECT c.id, c.vector, a.language FROM chunks c JOIN articles a ON a.id = c.article_id
                WHERE c.id IN ({placeholders})""",
            list(chunk_ids),
        )
        return {row["id"]: (np.frombuffer(row["vector"], dtype=np.float32), row["language"]) for row in rows}

    def with_facts(self, chunk_ids: Sequence[int]) -> tuple[np.ndarray, np.ndarray, list[ChunkFact]]:
        """The ids still stored among chunk_ids, their vectors as embedded and their articles' facts."""
        if not chunk_ids:
            return np.zeros(0, dtype=np.int64), np.zeros((0, 0), dtype=np.float32), []
        placeholders = ",".join("?" * len(chunk_ids))
        rows = self._conn.query(
            f"""SELECT c.id, c.vector, a.language, a.source, a.date_start, a.date_end
                FROM chunks c JOIN articles a ON a.id = c.article_id
                WHERE c.id IN ({placeholders}) ORDER BY c.id""",
            list(chunk_ids),
        )
        ids = np.array([row["id"] for row in rows], dtype=np.int64)
        matrix = np.frombuffer(b"".join(row["vector"] for row in rows), dtype=np.float32)
        facts = [
            ChunkFact(
                language=row["language"],
                source=row["source"],
                date_start=row["date_start"],
                date_end=row["date_end"],
            )
            for row in rows
        ]
        return ids, matrix.reshape(len(rows), -1), facts
