"""The SQLite store: articles, chunks with their vectors, the FTS5 keyword index and the manifest."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from index.dates import date_bounds
from index.errors import StoreError
from index.records import (
    Article,
    Chunk,
    Claim,
    SearchFilters,
    StoredArticle,
    StoredChunk,
    StoredClaim,
)
from index.store.manifest import Manifest
from index.store.migrations import migrate

_PASSAGE_COLUMNS = """
    c.id AS chunk_id, c.article_id, c.ordinal, c.start_char AS start, c.end_char AS "end",
    substr(a.text, c.start_char + 1, c.end_char - c.start_char) AS text,
    a.title, a.date, a.source, a.url, a.language
"""


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


@contextmanager
def _store_errors(doing: str) -> Iterator[None]:
    """Turn sqlite3 errors into StoreError (a NewsdeskError the edges report) saying what failed."""
    try:
        yield
    except sqlite3.OperationalError as exc:
        hint = " (another process holds a write lock; try again)" if "locked" in str(exc) else ""
        raise StoreError(f"{doing}: {exc}{hint}") from exc
    except sqlite3.Error as exc:
        raise StoreError(f"{doing}: {exc}") from exc


class Database:
    """One SQLite file; every method is safe to call from several threads (calls are serialised)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.RLock()
        with _store_errors(f"cannot open the database {path}"):
            path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
            self._conn.row_factory = sqlite3.Row
            self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute("PRAGMA foreign_keys = ON")
            self._conn.execute("PRAGMA busy_timeout = 5000")
            self.schema_version = migrate(self._conn)

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            self._conn.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Run the block atomically: all of its writes land, or none do."""
        with self._lock:
            with _store_errors("cannot start a write"):
                self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise
            with _store_errors("cannot commit the write"):
                self._conn.execute("COMMIT")

    def _query(self, sql: str, params: Sequence[object] = ()) -> list[sqlite3.Row]:
        with self._lock, _store_errors("a database read failed"):
            return self._conn.execute(sql, params).fetchall()

    def _execute(self, sql: str, params: Sequence[object] = ()) -> sqlite3.Cursor:
        with self._lock, _store_errors("a database write failed"):
            return self._conn.execute(sql, params)

    # --- meta and manifest -------------------------------------------------

    def get_meta(self, key: str) -> str | None:
        """A value from the meta table."""
        rows = self._query("SELECT value FROM meta WHERE key = ?", (key,))
        return rows[0]["value"] if rows else None

    def set_meta(self, key: str, value: str) -> None:
        """Store a value in the meta table."""
        self._execute(
            "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = ?",
            (key, value, value),
        )

    def manifest(self) -> Manifest | None:
        """The manifest, or None for an index nothing has been written to."""
        raw = self.get_meta("manifest")
        return Manifest.model_validate_json(raw) if raw else None

    def write_manifest(self, manifest: Manifest) -> None:
        """Record the manifest."""
        self.set_meta("manifest", manifest.model_dump_json())

    def generation(self) -> int:
        """A counter bumped by every write to chunks; the FAISS file of the same generation matches."""
        return int(self.get_meta("generation") or 0)

    def bump_generation(self) -> int:
        """Increase and return the generation (inside the caller's transaction)."""
        value = self.generation() + 1
        self.set_meta("generation", str(value))
        return value

    # --- writes ------------------------------------------------------------

    def content_hashes(self) -> dict[str, str]:
        """Article id -> content hash of every stored article."""
        return {
            row["id"]: row["content_hash"] for row in self._query("SELECT id, content_hash FROM articles")
        }

    def chunk_ids_of(self, article_id: str) -> list[int]:
        """Chunk ids of one article, in order."""
        rows = self._query("SELECT id FROM chunks WHERE article_id = ? ORDER BY ordinal", (article_id,))
        return [row["id"] for row in rows]

    def replace_article(
        self,
        article: Article,
        content_hash: str,
        chunks: Sequence[Chunk],
        vectors: np.ndarray,
        terms: Sequence[str],
    ) -> list[int]:
        """Insert or replace an article and its chunks (inside the caller's transaction); return the new chunk ids."""
        start, end = date_bounds(article.date) if article.date else (None, None)
        now = datetime.now(UTC).isoformat(timespec="seconds")
        self._execute("DELETE FROM chunks WHERE article_id = ?", (article.id,))
        self._execute(
            """INSERT INTO articles(id, title, text, date, date_start, date_end, source, url, language, path,
                                    content_hash, ingested_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT(id) DO UPDATE SET title = excluded.title, text = excluded.text, date = excluded.date,
                 date_start = excluded.date_start, date_end = excluded.date_end, source = excluded.source,
                 url = excluded.url, language = excluded.language, path = excluded.path,
                 content_hash = excluded.content_hash, ingested_at = excluded.ingested_at""",
            (
                article.id,
                article.title,
                article.text,
                article.date,
                start.isoformat() if start else None,
                end.isoformat() if end else None,
                article.source,
                article.url,
                article.language,
                article.path,
                content_hash,
                now,
            ),
        )
        added: list[int] = []
        for chunk, vector, chunk_terms in zip(chunks, vectors, terms, strict=True):
            cursor = self._execute(
                """INSERT INTO chunks(article_id, ordinal, start_char, end_char, token_count, vector)
                   VALUES (?, ?, ?, ?, ?, ?)""",
                (
                    article.id,
                    chunk.ordinal,
                    chunk.start,
                    chunk.end,
                    chunk.token_count,
                    np.asarray(vector, dtype=np.float32).tobytes(),
                ),
            )
            chunk_id = int(cursor.lastrowid or 0)
            self._execute("INSERT INTO chunk_fts(rowid, terms) VALUES (?, ?)", (chunk_id, chunk_terms))
            added.append(chunk_id)
        return added

    def replace_claims(self, article_id: str, claims: Sequence[Claim], terms: Sequence[str]) -> None:
        """Replace the claims of an article (inside the caller's transaction)."""
        self._execute("DELETE FROM claims WHERE article_id = ?", (article_id,))
        for claim, claim_terms in zip(claims, terms, strict=True):
            cursor = self._execute(
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
            self._execute(
                "INSERT INTO claim_fts(rowid, terms) VALUES (?, ?)", (cursor.lastrowid, claim_terms)
            )

    def stored_article_ids(self) -> list[str]:
        """Every stored article id."""
        return [row["id"] for row in self._query("SELECT id FROM articles ORDER BY id")]

    def delete_articles(self, article_ids: Iterable[str]) -> None:
        """Delete articles; their chunks, keywords and claims go with them."""
        for article_id in article_ids:
            self._execute("DELETE FROM articles WHERE id = ?", (article_id,))

    def article_paths(self) -> dict[str, str]:
        """Article id -> the file it came from."""
        return {row["id"]: row["path"] for row in self._query("SELECT id, path FROM articles")}

    # --- reads -------------------------------------------------------------

    def all_vectors(self, dimension: int) -> tuple[np.ndarray, np.ndarray, list[str]]:
        """Every chunk id, its vector as embedded and its article's language, to rebuild the FAISS index."""
        rows = self._query(
            "SELECT c.id, c.vector, a.language FROM chunks c JOIN articles a ON a.id = c.article_id ORDER BY c.id"
        )
        ids = np.array([row["id"] for row in rows], dtype=np.int64)
        matrix = np.frombuffer(b"".join(row["vector"] for row in rows), dtype=np.float32)
        return ids, matrix.reshape(len(rows), dimension), [row["language"] for row in rows]

    def keyword_search(
        self, match: str, limit: int, filters: SearchFilters | None = None
    ) -> list[tuple[int, float]]:
        """Chunk ids matching an FTS5 expression, best BM25 first, as (id, score) with higher scores better."""
        if not match:
            return []
        where, params = _filter_clause(filters or SearchFilters())
        rows = self._query(
            f"""SELECT chunk_fts.rowid AS rowid, bm25(chunk_fts) AS rank FROM chunk_fts
                JOIN chunks c ON c.id = chunk_fts.rowid JOIN articles a ON a.id = c.article_id
                WHERE chunk_fts MATCH ? AND {where} ORDER BY rank LIMIT ?""",
            (match, *params, limit),
        )
        return [(int(row["rowid"]), -float(row["rank"])) for row in rows]

    def document_frequencies(self, terms: Sequence[str]) -> dict[str, int]:
        """How many chunks hold each keyword term (terms no chunk holds are left out)."""
        if not terms:
            return {}
        placeholders = ",".join("?" * len(terms))
        rows = self._query(f"SELECT term, doc FROM chunk_terms WHERE term IN ({placeholders})", list(terms))
        return {row["term"]: int(row["doc"]) for row in rows}

    def filtered_chunk_ids(self, filters: SearchFilters) -> np.ndarray:
        """Ids of the chunks whose article passes the filters."""
        where, params = _filter_clause(filters)
        rows = self._query(
            f"SELECT c.id FROM chunks c JOIN articles a ON a.id = c.article_id WHERE {where}", params
        )
        return np.array([row["id"] for row in rows], dtype=np.int64)

    def claims_within(self, spans: Sequence[tuple[str, int, int]]) -> list[StoredClaim]:
        """Claims whose sentence overlaps one of the (article id, start, end) spans, in article order."""
        found: dict[int, StoredClaim] = {}
        for article_id, start, end in spans:
            rows = self._query(
                f"""SELECT {_CLAIM_COLUMNS} FROM claims cl JOIN articles a ON a.id = cl.article_id
                    WHERE cl.article_id = ? AND cl.start_char < ? AND cl.end_char > ? ORDER BY cl.start_char""",
                (article_id, end, start),
            )
            for row in rows:
                found.setdefault(row["id"], _stored_claim(row))
        return list(found.values())

    def search_claims(
        self, match: str, limit: int, filters: SearchFilters | None = None
    ) -> list[StoredClaim]:
        """Claims whose speaker or content match an FTS5 expression, best first."""
        if not match:
            return []
        where, params = _filter_clause(filters or SearchFilters())
        rows = self._query(
            f"""SELECT {_CLAIM_COLUMNS} FROM claim_fts JOIN claims cl ON cl.id = claim_fts.rowid
                JOIN articles a ON a.id = cl.article_id
                WHERE claim_fts MATCH ? AND {where} ORDER BY bm25(claim_fts) LIMIT ?""",
            (match, *params, limit),
        )
        return [_stored_claim(row) for row in rows]

    def chunks(self, chunk_ids: Sequence[int]) -> dict[int, StoredChunk]:
        """Stored chunks by id (missing ids are left out)."""
        if not chunk_ids:
            return {}
        placeholders = ",".join("?" * len(chunk_ids))
        rows = self._query(
            f"SELECT {_PASSAGE_COLUMNS} FROM chunks c JOIN articles a ON a.id = c.article_id "
            f"WHERE c.id IN ({placeholders})",
            list(chunk_ids),
        )
        return {row["chunk_id"]: _stored_chunk(row) for row in rows}

    def article(self, article_id: str) -> StoredArticle | None:
        """One stored article with its chunk ids, or None."""
        rows = self._query("SELECT * FROM articles WHERE id = ?", (article_id,))
        if not rows:
            return None
        row = rows[0]
        article = Article(
            id=row["id"],
            title=row["title"],
            text=row["text"],
            date=row["date"],
            source=row["source"],
            url=row["url"],
            language=row["language"],
            path=row["path"],
        )
        return StoredArticle(
            article=article,
            content_hash=row["content_hash"],
            ingested_at=row["ingested_at"],
            chunk_ids=self.chunk_ids_of(article_id),
        )

    def find_articles(self, text: str, limit: int = 25) -> list[tuple[str, str, str | None]]:
        """(id, title, date) of articles whose title or id contains `text`, newest first."""
        pattern = f"%{text.lower()}%"
        rows = self._query(
            """SELECT id, title, date FROM articles WHERE lower(title) LIKE ? OR lower(id) LIKE ?
               ORDER BY date_start DESC, title LIMIT ?""",
            (pattern, pattern, limit),
        )
        return [(row["id"], row["title"], row["date"]) for row in rows]

    def counts(self) -> dict[str, int]:
        """Numbers of articles, chunks, sources and languages."""
        row = self._query(
            """SELECT (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM chunks) AS chunks,
                      (SELECT count(DISTINCT source) FROM articles) AS sources,
                      (SELECT count(DISTINCT language) FROM articles) AS languages"""
        )[0]
        return {key: int(row[key]) for key in row.keys()}  # noqa: SIM118 - sqlite3.Row has no iteration of keys

    def articles_by_language(self) -> dict[str, int]:
        """Number of stored articles per language, most first."""
        rows = self._query(
            "SELECT language, count(*) AS n FROM articles GROUP BY language ORDER BY n DESC, language"
        )
        return {row["language"]: int(row["n"]) for row in rows}

    def date_range(self) -> tuple[str | None, str | None]:
        """The earliest start and latest end date of the stored articles."""
        row = self._query("SELECT min(date_start) AS first, max(date_end) AS last FROM articles")[0]
        return row["first"], row["last"]


def _filter_clause(filters: SearchFilters) -> tuple[str, list[object]]:
    """SQL condition on articles `a`: the article's dates overlap [since, until] and its source is one asked for."""
    clauses: list[str] = []
    params: list[object] = []
    if filters.since:
        clauses.append("a.date_end >= ?")
        params.append(filters.since.isoformat())
    if filters.until:
        clauses.append("a.date_start <= ?")
        params.append(filters.until.isoformat())
    if filters.sources:
        clauses.append(f"lower(a.source) IN ({','.join('?' * len(filters.sources))})")
        params.extend(s.lower() for s in filters.sources)
    return " AND ".join(clauses) or "1", params


def _stored_claim(row: sqlite3.Row) -> StoredClaim:
    """A StoredClaim from a row selected with _CLAIM_COLUMNS (named after its fields)."""
    return StoredClaim.model_validate(dict(row))


def _stored_chunk(row: sqlite3.Row) -> StoredChunk:
    """A StoredChunk from a row selected with _PASSAGE_COLUMNS (named after its fields)."""
    return StoredChunk.model_validate(dict(row))
