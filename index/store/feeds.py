"""The feeds table (fetch state and back-off per feed) and the articles fetched from the web."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import NamedTuple

from index.records import FeedConfig, FeedStatus
from index.store.connection import Connections

BACKOFF_FIRST = timedelta(minutes=5)
BACKOFF_MAX = timedelta(hours=12)


def now_text() -> str:
    """The current UTC time as stored."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def backoff(failures: int) -> timedelta:
    """How long a feed that failed `failures` times in a row is left alone: doubling, at most BACKOFF_MAX."""
    doubled: timedelta = BACKOFF_FIRST * 2 ** min(max(0, failures - 1), 20)
    return min(doubled, BACKOFF_MAX)


class FetchedPage(NamedTuple):
    """A stored article's web origin: its feed (None for a bare URL), HTTP validators and author."""

    article_id: str
    feed_url: str | None
    etag: str | None
    last_modified: str | None
    author: str


class FeedTable:
    """Feeds and fetched articles in the store's SQLite file."""

    def __init__(self, conn: Connections) -> None:
        self._conn = conn

    def register(self, feed: FeedConfig) -> None:
        """Add a feed, or update its outlet, country and language (a blank value keeps what is stored)."""
        self._conn.execute(
            """INSERT INTO feeds(url, outlet, country, language) VALUES (?, ?, ?, ?)
               ON CONFLICT(url) DO UPDATE SET
                 outlet = CASE WHEN excluded.outlet = '' THEN outlet ELSE excluded.outlet END,
                 country = CASE WHEN excluded.country = '' THEN country ELSE excluded.country END,
                 language = CASE WHEN excluded.language = '' THEN language ELSE excluded.language END""",
            (feed.url, feed.outlet, feed.country, feed.language),
        )

    def stored(self) -> list[FeedConfig]:
        """Every registered feed."""
        rows = self._conn.query("SELECT url, outlet, country, language FROM feeds ORDER BY url")
        return [FeedConfig(**dict(row)) for row in rows]

    def validators(self, url: str) -> tuple[str | None, str | None]:
        """The feed's ETag and Last-Modified from its last successful fetch."""
        rows = self._conn.query("SELECT etag, last_modified FROM feeds WHERE url = ?", (url,))
        return (rows[0]["etag"], rows[0]["last_modified"]) if rows else (None, None)

    def due(self, url: str, at: str | None = None) -> str | None:
        """None if the feed may be fetched now, else the time its back-off ends."""
        rows = self._conn.query("SELECT next_attempt FROM feeds WHERE url = ?", (url,))
        until = rows[0]["next_attempt"] if rows else None
        return until if until and until > (at or now_text()) else None

    def succeeded(self, url: str, title: str, etag: str | None, last_modified: str | None) -> None:
        """Record a fetch that worked (a 304 too): validators kept, failures and back-off cleared."""
        now = now_text()
        self._conn.execute(
            """UPDATE feeds SET title = CASE WHEN ? = '' THEN title ELSE ? END, etag = ?, last_modified = ?,
                 last_fetch = ?, last_success = ?, last_error = NULL, failures = 0, next_attempt = NULL
               WHERE url = ?""",
            (title, title, etag, last_modified, now, now, url),
        )

    def failed(self, url: str, error: str) -> None:
        """Record a failed fetch and back off: the next attempt waits longer after each failure in a row."""
        now = datetime.now(UTC)
        rows = self._conn.query("SELECT failures FROM feeds WHERE url = ?", (url,))
        failures = (int(rows[0]["failures"]) if rows else 0) + 1
        until = (now + backoff(failures)).isoformat(timespec="seconds")
        self._conn.execute(
            """UPDATE feeds SET last_fetch = ?, last_error = ?, failures = ?, next_attempt = ? WHERE url = ?""",
            (now.isoformat(timespec="seconds"), error[:500], failures, until, url),
        )

    def noted(self, url: str, error: str) -> None:
        """Record a problem with some of the feed's articles (no back-off: the feed itself was read)."""
        self._conn.execute("UPDATE feeds SET last_error = ? WHERE url = ?", (error[:500], url))

    def statuses(self) -> list[FeedStatus]:
        """Every feed with its fetch state and number of stored articles."""
        rows = self._conn.query(
            """SELECT f.*, (SELECT count(*) FROM fetched_articles w WHERE w.feed_url = f.url) AS articles
               FROM feeds f ORDER BY f.outlet, f.url"""
        )
        return [FeedStatus.model_validate(dict(row)) for row in rows]

    def all_page_validators(self) -> dict[str, tuple[str | None, str | None]]:
        """Article id -> the ETag and Last-Modified of its page, for every stored article fetched from the web."""
        rows = self._conn.query("SELECT article_id, etag, last_modified FROM fetched_articles")
        return {row["article_id"]: (row["etag"], row["last_modified"]) for row in rows}

    def record_pages(self, pages: Sequence[FetchedPage]) -> None:
        """Remember the feed, validators and author of stored articles fetched from the web."""
        now = now_text()
        for page in pages:
            self._conn.execute(
                """INSERT INTO fetched_articles(article_id, feed_url, etag, last_modified, author, fetched_at)
                   SELECT ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM articles WHERE id = ?)
                   ON CONFLICT(article_id) DO UPDATE SET feed_url = COALESCE(excluded.feed_url, feed_url),
                     etag = excluded.etag, last_modified = excluded.last_modified, author = excluded.author,
                     fetched_at = excluded.fetched_at""",
                (
                    page.article_id,
                    page.feed_url,
                    page.etag,
                    page.last_modified,
                    page.author,
                    now,
                    page.article_id,
                ),
            )
