"""Votes on answers (👍/👎), kept in their own SQLite file next to the index."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path

from bot.records import Feedback
from index.store.migrations import migrate

FEEDBACK_FILE = "feedback.sqlite3"
FEEDBACK_MIGRATIONS = [
    """
    CREATE TABLE feedback (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        created_at TEXT NOT NULL,
        user_id TEXT NOT NULL,
        vote INTEGER NOT NULL CHECK (vote IN (-1, 1)),
        question TEXT NOT NULL,
        answer TEXT NOT NULL,
        citations TEXT NOT NULL,
        channel_id TEXT NOT NULL DEFAULT '',
        message_id TEXT NOT NULL DEFAULT ''
    );
    CREATE UNIQUE INDEX feedback_one_vote ON feedback(user_id, message_id) WHERE message_id != '';
    """,
]


class FeedbackStore:
    """Records votes; a user's second vote on the same message replaces the first."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._conn.row_factory = sqlite3.Row
        self._lock = threading.Lock()
        with self._lock:
            migrate(self._conn, FEEDBACK_MIGRATIONS)

    def record(self, feedback: Feedback) -> None:
        """Store a vote (replacing the user's earlier vote on the same message)."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self._lock:
            if feedback.message_id:
                self._conn.execute(
                    "DELETE FROM feedback WHERE user_id = ? AND message_id = ?",
                    (feedback.user_id, feedback.message_id),
                )
            self._conn.execute(
                """INSERT INTO feedback(created_at, user_id, vote, question, answer, citations, channel_id, message_id)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    now,
                    feedback.user_id,
                    feedback.vote,
                    feedback.question,
                    feedback.answer,
                    "\n".join(feedback.citations),
                    feedback.channel_id,
                    feedback.message_id,
                ),
            )

    def recent(self, limit: int = 50) -> list[Feedback]:
        """The newest votes first."""
        with self._lock:
            rows = self._conn.execute("SELECT * FROM feedback ORDER BY id DESC LIMIT ?", (limit,)).fetchall()
        return [
            Feedback(
                user_id=row["user_id"],
                vote=row["vote"],
                question=row["question"],
                answer=row["answer"],
                citations=[c for c in row["citations"].split("\n") if c],
                channel_id=row["channel_id"],
                message_id=row["message_id"],
                created_at=row["created_at"],
            )
            for row in rows
        ]

    def totals(self) -> tuple[int, int]:
        """(thumbs up, thumbs down) over all votes."""
        with self._lock:
            row = self._conn.execute(
                "SELECT sum(vote = 1) AS up, sum(vote = -1) AS down FROM feedback"
            ).fetchone()
        return int(row["up"] or 0), int(row["down"] or 0)

    def close(self) -> None:
        """Close the database."""
        with self._lock:
            self._conn.close()
