"""SQLite connections for many threads: one writer, and a reader per thread that never waits for a write."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from index.errors import StoreError
from index.store.migrations import migrate

BUSY_TIMEOUT_MS = 5000


@contextmanager
def store_errors(doing: str) -> Iterator[None]:
    """Turn sqlite3 errors into StoreError (a NewsdeskError the edges report) saying what failed."""
    try:
        yield
    except sqlite3.OperationalError as exc:
        hint = " (another process holds a write lock; try again)" if "locked" in str(exc) else ""
        raise StoreError(f"{doing}: {exc}{hint}") from exc
    except sqlite3.Error as exc:
        raise StoreError(f"{doing}: {exc}") from exc


def _connect(path: Path) -> sqlite3.Connection:
    """A connection with named rows, foreign keys and a bounded wait for locks."""
    conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


class Connections:
    """The writer connection (one write at a time, serialised by a lock) and one read connection per thread.

    In WAL mode a reader sees the last committed state and is never blocked by a write in progress, so
    questions are answered while an ingest runs. A thread inside a write transaction reads through the
    writer, so it sees its own uncommitted rows.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._write_lock = threading.RLock()
        self._writer_thread: int | None = None
        self._readers: list[sqlite3.Connection] = []
        self._readers_lock = threading.Lock()
        self._local = threading.local()
        self._closed = False
        with store_errors(f"cannot open the database {path}"):
            path.parent.mkdir(parents=True, exist_ok=True)
            self._writer = _connect(path)
            self._writer.execute("PRAGMA journal_mode = WAL")
            self.schema_version = migrate(self._writer)

    def close(self) -> None:
        """Close every connection."""
        with self._write_lock, self._readers_lock:
            self._closed = True
            for conn in self._readers:
                conn.close()
            self._readers.clear()
            self._writer.close()

    def _reader(self) -> sqlite3.Connection:
        """This thread's read connection (opened on first use)."""
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            with self._readers_lock:
                if self._closed:
                    raise StoreError(f"the database {self.path} is closed")
                with store_errors(f"cannot open the database {self.path}"):
                    conn = _connect(self.path)
                    conn.execute("PRAGMA query_only = ON")
                self._readers.append(conn)
            self._local.conn = conn
        return conn

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Run the block atomically on the writer: all of its writes land, or none do."""
        with self._write_lock:
            with store_errors("cannot start a write"):
                self._writer.execute("BEGIN IMMEDIATE")
            self._writer_thread = threading.get_ident()
            try:
                yield
            except BaseException:
                if self._writer.in_transaction:
                    self._writer.execute("ROLLBACK")
                raise
            finally:
                self._writer_thread = None
            with store_errors("cannot commit the write"):
                self._writer.execute("COMMIT")

    def query(self, sql: str, params: Sequence[object] = ()) -> list[sqlite3.Row]:
        """Rows of a read: on this thread's reader, or on the writer inside this thread's transaction."""
        if self._writer_thread == threading.get_ident():
            with store_errors("a database read failed"):
                return self._writer.execute(sql, params).fetchall()
        with store_errors("a database read failed"):
            return self._reader().execute(sql, params).fetchall()

    def execute(self, sql: str, params: Sequence[object] = ()) -> sqlite3.Cursor:
        """Run a write on the writer (inside the caller's transaction, or on its own)."""
        with self._write_lock, store_errors("a database write failed"):
            return self._writer.execute(sql, params)
