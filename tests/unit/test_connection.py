"""The store's connections: reads in other threads never wait for a write and see only committed rows."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from index.errors import StoreError
from index.store.connection import Connections


def test_a_reader_does_not_wait_for_a_write_in_progress(tmp_path: Path) -> None:
    conn = Connections(tmp_path / "db.sqlite3")
    conn.execute("INSERT INTO meta(key, value) VALUES ('k', 'old')")
    writing, read_done = threading.Event(), threading.Event()
    seen: list[str] = []

    def write() -> None:
        with conn.transaction():
            conn.execute("UPDATE meta SET value = 'new' WHERE key = 'k'")
            assert conn.query("SELECT value FROM meta WHERE key = 'k'")[0]["value"] == "new"  # its own row
            writing.set()
            assert read_done.wait(timeout=5), "the reader waited for the write"

    def read() -> None:
        assert writing.wait(timeout=5)
        seen.append(conn.query("SELECT value FROM meta WHERE key = 'k'")[0]["value"])
        read_done.set()

    threads = [threading.Thread(target=write), threading.Thread(target=read)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert seen == ["old"]  # the committed state while the write was under way
    assert conn.query("SELECT value FROM meta WHERE key = 'k'")[0]["value"] == "new"
    conn.close()


def test_a_failed_write_rolls_back_and_sql_errors_are_store_errors(tmp_path: Path) -> None:
    conn = Connections(tmp_path / "db.sqlite3")
    with pytest.raises(StoreError, match="a database write failed"), conn.transaction():
        conn.execute("INSERT INTO meta(key, value) VALUES ('k', 'v')")
        conn.execute("INSERT INTO no_such_table VALUES (1)")
    assert conn.query("SELECT count(*) AS n FROM meta")[0]["n"] == 0
    with pytest.raises(StoreError, match="a database read failed"):
        conn.query("SELECT nonsense FROM meta")
    conn.close()
    with pytest.raises(StoreError, match="closed"):
        conn.query("SELECT 1")
