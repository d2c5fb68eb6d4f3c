"""Article pages: fetched (conditionally), reduced to their main text, dressed in their feed's metadata."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict

from index.errors import NewsdeskError, ParseError
from index.feeds.canonical import host_of
from index.feeds.feed_parse import FeedEntry
from index.feeds.fetch import Fetched, Fetcher
from index.language import language_code
from index.parsing.common import decode, normalise_date
from index.parsing.html import html_article
from index.records import Article
from index.store.database import Database


class PageOrigin(BaseModel):
    """What the feed says about an article: its outlet, language, and the entry (None for a bare URL)."""

    feed_url: str | None = None
    outlet: str = ""
    language: str = ""
    entry: FeedEntry | None = None


class Page(BaseModel):
    """One article URL's outcome: the article (new, changed or as stored) or why it failed, and validators."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    url: str
    item: Article | ParseError
    feed_url: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    author: str = ""
    fetched: bool = True  # False when the stored copy was kept without a request


def article_from_page(fetched: Fetched, url: str, origin: PageOrigin) -> Article:
    """The article in a fetched page, with the feed's title, date, outlet and language where it gives them."""
    notes: list[str] = []
    page = decode(fetched.body, notes)
    found = html_article(page, Path(urlsplit(url).path or "page"), notes, url)
    entry = origin.entry
    when = normalise_date(entry.published) if entry and entry.published else found.date
    language = language_code(origin.language or (entry.language if entry else "")) or found.language
    return found.model_copy(
        update={
            "id": url,
            "url": url,
            "title": (entry.title if entry and entry.title else found.title)[:500],
            "date": when,
            "source": origin.outlet or _sitename(found, url),
            "language": language,
            "path": origin.feed_url or url,
        }
    )


def _sitename(found: Article, url: str) -> str:
    """The outlet of a page outside any feed: the site's name trafilatura read, else the host."""
    return found.source if found.source and found.source != "page" else host_of(url)


def fetch_page(fetcher: Fetcher, db: Database, url: str, origin: PageOrigin) -> Page:
    """The article at a canonical URL, fetched conditionally when it is stored (a 304 keeps the stored copy);
    a failure is a ParseError naming the URL."""
    stored = db.article(url)
    etag, last_modified = db.feeds.page_validators(url) if stored else (None, None)
    author = origin.entry.author if origin.entry else ""
    try:
        got = fetcher.get(url, etag, last_modified)
        if got.not_modified and stored is not None:
            return Page(
                url=url,
                item=stored.article,
                feed_url=origin.feed_url,
                etag=etag,
                last_modified=last_modified,
                author=author,
                fetched=False,
            )
        article = article_from_page(got, url, origin)
    except NewsdeskError as exc:
        return Page(url=url, item=ParseError(f"{url}: {exc}"), feed_url=origin.feed_url)
    return Page(
        url=url,
        item=article,
        feed_url=origin.feed_url,
        etag=got.etag,
        last_modified=got.last_modified,
        author=author,
    )
