"""The SQLite store: articles, chunks with their vectors, the FTS5 keyword index and the manifest."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

import numpy as np

from index.dates import date_bounds, find_dates
from index.records import (
    Article,
    Chunk,
    LatestArticle,
    SearchFilters,
    StoredArticle,
    StoredChunk,
)
from index.store.claims import ClaimTable
from index.store.clusters import ClusterTable
from index.store.connection import Connections
from index.store.feeds import FeedTable
from index.store.filters import filter_clause
from index.store.keyword_search import KeywordSearch
from index.store.manifest import Manifest
from index.store.sentences import SentenceTable
from index.store.vector_rows import VectorRows

_PASSAGE_COLUMNS = """
    c.id AS chunk_id, c.article_id, c.ordinal, c.start_char AS start, c.end_char AS "end",
    substr(a.text, c.start_char + 1, c.end_char - c.start_char) AS text,
    a.title, a.date, a.source, a.url, a.language
"""


INCOMPLETE = "incomplete"  # the stored hash of an article whose later parts an ingest has not written yet


class ChunkTerms(NamedTuple):
    """A stored chunk's text with its article's heading fields and its stored keyword terms."""

    chunk_id: int
    title: str
    date: str | None
    language: str
    text: str
    terms: str


class Database:
    """One SQLite file; every method is safe to call from any thread (reads never wait for a write)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._conn = Connections(path)
        self.schema_version = self._conn.schema_version
        self.claims = ClaimTable(self._conn)
        self.sentences = SentenceTable(self._conn)
        self.vectors = VectorRows(self._conn)
        self.feeds = FeedTable(self._conn)
        self.clusters = ClusterTable(self._conn)
        self.keywords = KeywordSearch(self._conn)

    def close(self) -> None:
        """Close every connection."""
        self._conn.close()

    def transaction(self) -> AbstractContextManager[None]:
        """Run the block atomically: all of its writes land, or none do."""
        return self._conn.transaction()

    def _query(self, sql: str, params: Sequence[object] = ()) -> list[sqlite3.Row]:
        return self._conn.query(sql, params)

    def _execute(self, sql: str, params: Sequence[object] = ()) -> sqlite3.Cursor:
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
        self.set_article_dates(article)
        return self.add_chunks(article.id, chunks, vectors, terms)

    def set_article_dates(self, article: Article) -> None:
        """Record the dates the article's text names (inside the caller's transaction)."""
        self._execute("DELETE FROM article_dates WHERE article_id = ?", (article.id,))
        periods = {bounds for m in find_dates(article.text) if (bounds := m.bounds()) is not None}
        for first, last in sorted(periods):
            self._execute(
                "INSERT INTO article_dates(article_id, first_day, last_day) VALUES (?, ?, ?)",
                (article.id, first.isoformat(), last.isoformat()),
            )

    def add_chunks(
        self, article_id: str, chunks: Sequence[Chunk], vectors: np.ndarray, terms: Sequence[str]
    ) -> list[int]:
        """Append chunks of a stored article with their vectors and keyword terms; return their ids."""
        added: list[int] = []
        for chunk, vector, chunk_terms in zip(chunks, vectors, terms, strict=True):
            cursor = self._execute(
                """INSERT INTO chunks(article_id, ordinal, start_char, end_char, token_count, vector)
                   VALUES (?, ?, ?, ?, ?, ?)""",
                (
                    article_id,
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

    def set_content_hash(self, article_id: str, content_hash: str) -> None:
        """Record the hash of a stored article's content (once all of it is written)."""
        self._execute("UPDATE articles SET content_hash = ? WHERE id = ?", (content_hash, article_id))

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

    def chunk_ids(self) -> np.ndarray:
        """Every stored chunk id, ascending."""
        return np.array(
            [row["id"] for row in self._query("SELECT id FROM chunks ORDER BY id")], dtype=np.int64
        )

    def chunk_articles(self) -> list[tuple[int, str]]:
        """(chunk id, article id) of every stored chunk."""
        return [(row["id"], row["article_id"]) for row in self._query("SELECT id, article_id FROM chunks")]

    def chunks_with_terms(self, batch: int = 5000) -> Iterator[ChunkTerms]:
        """Every stored chunk with its keyword terms, read in batches of ids."""
        after = -1
        while True:
            rows = self._query(
                f"""SELECT c.id AS chunk_id, a.title, a.date, a.language,
                           substr(a.text, c.start_char + 1, c.end_char - c.start_char) AS text, f.terms
                    FROM chunks c JOIN articles a ON a.id = c.article_id
                    LEFT JOIN chunk_fts f ON f.rowid = c.id
                    WHERE c.id > ? ORDER BY c.id LIMIT {int(batch)}""",
                (after,),
            )
            if not rows:
                return
            for row in rows:
                yield ChunkTerms(**{**dict(row), "terms": row["terms"] or ""})
            after = rows[-1]["chunk_id"]

    def set_chunk_terms(self, terms: dict[int, str]) -> None:
        """Replace the keyword terms of chunks (inside the caller's transaction)."""
        for chunk_id, chunk_terms in terms.items():
            self._execute("DELETE FROM chunk_fts WHERE rowid = ?", (chunk_id,))
            self._execute("INSERT INTO chunk_fts(rowid, terms) VALUES (?, ?)", (chunk_id, chunk_terms))

    def chunk_languages(self, chunk_ids: Sequence[int]) -> dict[int, str]:
        """Chunk id -> its article's language."""
        if not chunk_ids:
            return {}
        placeholders = ",".join("?" * len(chunk_ids))
        rows = self._query(
            f"SELECT c.id, a.language FROM chunks c JOIN articles a ON a.id = c.article_id WHERE c.id IN ({placeholders})",
            list(chunk_ids),
        )
        return {row["id"]: row["language"] for row in rows}

    def filtered_chunk_ids(self, filters: SearchFilters) -> np.ndarray:
        """Ids of the chunks whose article passes the filters."""
        where, params = filter_clause(filters)
        rows = self._query(
            f"SELECT c.id FROM chunks c JOIN articles a ON a.id = c.article_id WHERE {where}", params
        )
        return np.array([row["id"] for row in rows], dtype=np.int64)

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

    def latest_articles(
        self, filters: SearchFilters, limit: int, article_ids: Sequence[str] | None = None
    ) -> list[LatestArticle]:
        """The newest articles passing the filters (among `article_ids` if given), by date then ingest time."""
        where, params = filter_clause(filters)
        if article_ids is not None:
            where += f" AND a.id IN ({','.join('?' * len(article_ids))})"
            params = [*params, *article_ids]
        rows = self._query(
            f"""SELECT a.id, a.title, a.date, a.source, a.url, a.ingested_at FROM articles a WHERE {where}
                ORDER BY a.date_end DESC NULLS LAST, a.ingested_at DESC, a.id LIMIT ?""",
            [*params, limit],
        )
        return [LatestArticle.model_validate(dict(row)) for row in rows]

    def has_articles(self) -> bool:
        """Whether any article is stored."""
        return bool(self._query("SELECT EXISTS (SELECT 1 FROM articles) AS found")[0]["found"])

    def chunk_count(self) -> int:
        """The number of stored chunks."""
        return int(self._query("SELECT count(*) AS n FROM chunks")[0]["n"])

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

    def newest_date(self, filters: SearchFilters | None = None) -> str | None:
        """The latest end date of the articles passing the filters' sources and publication dates."""
        publication = (filters or SearchFilters()).model_copy(
            update={"about_since": None, "about_until": None}
        )
        where, params = filter_clause(publication)
        row = self._query(f"SELECT max(a.date_end) AS last FROM articles a WHERE {where}", params)[0]
        return str(row["last"]) if row["last"] else None

    def date_range(self) -> tuple[str | None, str | None]:
        """The earliest start and latest end date of the stored articles."""
        row = self._query("SELECT min(date_start) AS first, max(date_end) AS last FROM articles")[0]
        return row["first"], row["last"]


def _stored_chunk(row: sqlite3.Row) -> StoredChunk:
    """A StoredChunk from a row selected with _PASSAGE_COLUMNS (named after its fields)."""
    return StoredChunk.model_validate(dict(row))
