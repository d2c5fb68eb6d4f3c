"""Article pages: fetched (conditionally), reduced to their main text, dressed in their feed's metadata."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict

from index.errors import NewsdeskError, ParseError
from index.feeds.canonical import host_of
from index.feeds.feed_parse import FeedEntry
from index.feeds.fetch import Fetched, Fetcher
from index.language import language_code
from index.parsing.common import decode, normalise_date
from index.parsing.html import html_article
from index.records import Article


class PageOrigin(BaseModel):
    """What the feed says about an article: its outlet, language, and the entry (None for a bare URL)."""

    feed_url: str | None = None
    outlet: str = ""
    language: str = ""
    entry: FeedEntry | None = None


class Page(BaseModel):
    """One article URL's outcome: the article, why it failed, or None when unchanged (304); and validators."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    url: str
    item: Article | ParseError | None
    feed_url: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    author: str = ""


def article_from_page(fetched: Fetched, url: str, origin: PageOrigin) -> Article:
    """The article in a fetched page, with the feed's title, date, outlet and language where it gives them."""
    notes: list[str] = []
    page = decode(fetched.body, notes)
    # A page without a site name gets its host as the source (the "folder" of this made-up path).
    found = html_article(page, Path(host_of(url)) / "page.html", notes, url)
    entry = origin.entry
    when = normalise_date(entry.published) if entry and entry.published else found.date
    declared = (
        origin.language or (entry.language if entry else "") or found.language
    )  # found: html lang, else detected
    language = language_code(declared) or found.language
    return found.model_copy(
        update={
            "id": url,
            "url": url,
            "title": (entry.title if entry and entry.title else found.title)[:500],
            "date": when,
            "source": origin.outlet or found.source,
            "language": language,
            "path": origin.feed_url or url,
        }
    )


def fetch_page(
    fetcher: Fetcher, url: str, origin: PageOrigin, validators: tuple[str | None, str | None] | None
) -> Page:
    """The article at a canonical URL, fetched conditionally with the validators of its stored copy (a 304
    gives a Page without an article: keep the stored one); a failure is a ParseError naming the URL."""
    etag, last_modified = validators or (None, None)
    author = origin.entry.author if origin.entry else ""
    try:
        got = fetcher.get(url, etag, last_modified)
        if got.not_modified and validators is not None:
            return Page(
                url=url,
                item=None,
                feed_url=origin.feed_url,
                etag=etag,
                last_modified=last_modified,
                author=author,
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
