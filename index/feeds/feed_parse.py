"""RSS (0.9x, 1.0, 2.0) and Atom feeds read with feedparser: the feed's title and its entries' metadata."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel

from index.errors import ParseError

_FEED_TYPES = ("xml", "rss", "atom", "rdf")


class FeedEntry(BaseModel):
    """One entry of a feed: the article's link and the metadata the feed gives for it."""

    link: str
    title: str = ""
    published: datetime | None = None
    author: str = ""
    language: str = ""
    summary: str = ""


class ParsedFeed(BaseModel):
    """A feed's own title, link and language, and its entries in feed order."""

    title: str = ""
    link: str = ""
    language: str = ""
    entries: list[FeedEntry]


def looks_like_feed(body: bytes, content_type: str) -> bool:
    """Whether a response is a feed rather than a page (by its type, else by its first element)."""
    kind = content_type.split(";", 1)[0].strip().lower()
    if kind.endswith(_FEED_TYPES) or "+xml" in kind:
        return True
    if "html" in kind:
        return False
    head = body[:1024].lstrip().lower()
    return head.startswith(b"<?xml") or head.startswith((b"<rss", b"<feed", b"<rdf"))


def _when(entry: Any) -> datetime | None:
    """The entry's publication (else update) time as feedparser read it, in UTC."""
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    year, month, day, hour, minute, second = parsed[:6]
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


def parse_feed(body: bytes, url: str) -> ParsedFeed:
    """The feed in a response body; ParseError when it is not a feed or is too broken to read."""
    import feedparser

    parsed = feedparser.parse(body, response_headers={"content-location": url})
    linked = [entry for entry in parsed.entries if entry.get("link")]
    if parsed.bozo and not linked:  # a slightly broken feed with readable entries is still read
        reason = parsed.get("bozo_exception")
        raise ParseError(f"not a readable RSS or Atom feed ({reason or 'unknown error'})")
    if not parsed.version and not linked:
        raise ParseError("not an RSS or Atom feed")
    feed = parsed.feed
    entries = [
        FeedEntry(
            link=str(entry.get("link") or "").strip(),
            title=str(entry.get("title") or "").strip(),
            published=_when(entry),
            author=str(entry.get("author") or "").strip(),
            language=str((entry.get("title_detail") or {}).get("language") or "").strip(),
            summary=str(entry.get("summary") or "").strip(),
        )
        for entry in linked
    ]
    return ParsedFeed(
        title=str(feed.get("title") or "").strip(),
        link=str(feed.get("link") or "").strip(),
        language=str(feed.get("language") or "").strip(),
        entries=entries,
    )
