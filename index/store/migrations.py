"""Numbered schema migrations for the SQLite store, applied in order and recorded in PRAGMA user_version."""

from __future__ import annotations

import sqlite3

from index.errors import SchemaError

# Each entry upgrades the schema from version N to N+1. Never edit a released entry: append a new one.
MIGRATIONS: list[str] = [
    # 1: articles, chunks (with their vectors) and the keyword index.
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        text TEXT NOT NULL,
        date TEXT,
        date_start TEXT,
        date_end TEXT,
        source TEXT NOT NULL,
        url TEXT NOT NULL,
        language TEXT NOT NULL,
        path TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        ingested_at TEXT NOT NULL
    );
    CREATE INDEX articles_path ON articles(path);
    CREATE INDEX articles_dates ON articles(date_start, date_end);
    CREATE INDEX articles_source ON articles(source);
    -- Chunk ids are the FAISS ids. AUTOINCREMENT: an id is never reused, so an old citation never
    -- points at another passage.
    CREATE TABLE chunks (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        ordinal INTEGER NOT NULL,
        start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL,
        token_count INTEGER NOT NULL,
        vector BLOB NOT NULL,
        UNIQUE (article_id, ordinal)
    );
    CREATE VIRTUAL TABLE chunk_fts USING fts5(terms, tokenize = 'unicode61 remove_diacritics 2');
    CREATE TRIGGER chunks_fts_delete AFTER DELETE ON chunks BEGIN
        DELETE FROM chunk_fts WHERE rowid = old.id;
    END;
    """,
    # 2: attributed claims (who said what) with their keyword index, and term statistics of the chunks.
    """
    CREATE TABLE claims (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        speaker TEXT NOT NULL,
        speaker_name TEXT NOT NULL,
        cue TEXT NOT NULL,
        stance TEXT NOT NULL,
        content TEXT NOT NULL,
        start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL,
        content_start INTEGER NOT NULL,
        content_end INTEGER NOT NULL,
        quoted INTEGER NOT NULL
    );
    CREATE INDEX claims_article ON claims(article_id, start_char);
    CREATE VIRTUAL TABLE claim_fts USING fts5(terms, tokenize = 'unicode61 remove_diacritics 2');
    CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims BEGIN
        DELETE FROM claim_fts WHERE rowid = old.id;
    END;
    CREATE VIRTUAL TABLE chunk_terms USING fts5vocab(chunk_fts, 'row');
    """,
    # 3: the sentences of every article with their vectors (float16), embedded once at ingest.
    """
    CREATE TABLE sentences (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL,
        vector BLOB NOT NULL,
        PRIMARY KEY (article_id, start_char)
    ) WITHOUT ROWID;
    """,
    # 4: the dates each article's text names, so a question about a period finds articles about it.
    """
    CREATE TABLE article_dates (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        first_day TEXT NOT NULL,
        last_day TEXT NOT NULL,
        PRIMARY KEY (article_id, first_day, last_day)
    ) WITHOUT ROWID;
    CREATE INDEX article_dates_days ON article_dates(first_day, last_day);
    """,
    # 5: feeds with their fetch state, the articles fetched from the web (feed, HTTP validators), and the
    # duplicate clusters (one wire story in several outlets) with each article's MinHash signature.
    """
    CREATE TABLE feeds (
        url TEXT PRIMARY KEY,
        outlet TEXT NOT NULL DEFAULT '',
        country TEXT NOT NULL DEFAULT '',
        language TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL DEFAULT '',
        etag TEXT,
        last_modified TEXT,
        last_fetch TEXT,
        last_success TEXT,
        last_error TEXT,
        failures INTEGER NOT NULL DEFAULT 0,
        next_attempt TEXT
    );
    CREATE TABLE fetched_articles (
        article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        feed_url TEXT REFERENCES feeds(url) ON DELETE SET NULL,
        etag TEXT,
        last_modified TEXT,
        author TEXT NOT NULL DEFAULT '',
        fetched_at TEXT NOT NULL
    );
    CREATE INDEX fetched_articles_feed ON fetched_articles(feed_url);
    CREATE TABLE clusters (
        article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        cluster_id TEXT NOT NULL,
        signature BLOB NOT NULL
    );
    CREATE INDEX clusters_cluster ON clusters(cluster_id);
    """,
    # 6: source filters compare lower(source) (see filters.py), which the plain index on source cannot
    # serve: at 10,000 chunks a source filter scanned every chunk (11 ms; benchmarks/scale.py).
    """
    DROP INDEX articles_source;
    CREATE INDEX articles_source_folded ON articles(lower(source));
    """,
]


def schema_version(conn: sqlite3.Connection) -> int:
    """The schema version recorded in the database."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, migrations: list[str] = MIGRATIONS) -> int:
    """Apply every migration newer than the database's version, each in its own transaction; return the version."""
    try:
        version = schema_version(conn)
    except sqlite3.DatabaseError as exc:
        raise SchemaError(f"cannot read the database schema: {exc}") from exc
    if version > len(migrations):
        raise SchemaError(
            f"the database schema (version {version}) is newer than this newsdesk ({len(migrations)}); "
            "upgrade newsdesk"
        )
    for number, script in enumerate(migrations[version:], start=version + 1):
        try:
            conn.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;")
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise SchemaError(f"migration {number} of the database failed: {exc}") from exc
    return schema_version(conn)
