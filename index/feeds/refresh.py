"""A refresh: fetch every due feed (concurrently, politely), read its new and changed articles, ingest them."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from urllib.parse import urljoin

from pydantic import BaseModel, ConfigDict, Field

from index.errors import NewsdeskError, ParseError
from index.feeds.canonical import canonical_url, host_of
from index.feeds.feed_parse import looks_like_feed, parse_feed
from index.feeds.fetch import Fetcher, FetchPolicy
from index.feeds.pages import Page, PageOrigin, article_from_page, fetch_page
from index.ingest import IngestReport, ProgressCallback, Source
from index.news_index import NewsIndex
from index.records import Article, FeedConfig, FeedOutcome, FeedSummary, RefreshReport
from index.store.feeds import FetchedPage

log = logging.getLogger(__name__)
MAX_ENTRIES = 50  # newest entries read per feed per refresh
FEED_WORKERS = 4  # feeds fetched at once (requests to one host stay limited by the Fetcher)


class _Fetch(BaseModel):
    """What fetching one feed (or one bare URL) gave: its outcome, title, validators and pages."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    url: str
    outlet: str
    outcome: FeedOutcome
    is_feed: bool = True
    title: str = ""
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None
    pages: list[Page] = Field(default_factory=list)


class FeedRefresher:
    """Fetches feeds and article URLs into one index, recording each feed's state and back-off."""

    def __init__(
        self, index: NewsIndex, policy: FetchPolicy | None = None, max_entries: int = MAX_ENTRIES
    ) -> None:
        self.index = index
        self.db = index.db
        self.policy = policy or FetchPolicy()
        self.max_entries = max_entries

    def refresh(
        self, feeds: Sequence[FeedConfig], progress: ProgressCallback | None = None, force: bool = False
    ) -> RefreshReport:
        """Fetch the feeds that are due (all with `force`) and ingest what is new or changed in them."""
        started = time.perf_counter()
        with self.db.transaction():
            for feed in feeds:
                self.db.feeds.register(feed)
        waiting = {f.url: until for f in feeds if not force and (until := self.db.feeds.due(f.url))}
        due = [f for f in feeds if f.url not in waiting]
        skipped = [
            FeedSummary(
                url=f.url, outlet=f.outlet, outcome="backing off", error=f"retried after {waiting[f.url]}"
            )
            for f in feeds
            if f.url in waiting
        ]
        report = self._run([(f.url, f) for f in due], progress)
        report.feeds = skipped + report.feeds
        report.seconds = time.perf_counter() - started
        return report

    def ingest_urls(self, urls: Sequence[str], progress: ProgressCallback | None = None) -> RefreshReport:
        """Ingest feed or article URLs now: a feed is also registered, so later refreshes follow it."""
        started = time.perf_counter()
        report = self._run([(canonical_url(u), None) for u in urls], progress)
        report.seconds = time.perf_counter() - started
        return report

    def _run(
        self, targets: Sequence[tuple[str, FeedConfig | None]], progress: ProgressCallback | None
    ) -> RefreshReport:
        """Fetch the targets on worker threads and ingest them in order as each is fetched."""
        fetches: list[_Fetch] = []
        # The store is read here, not on the fetching threads (each thread would open its own connection).
        pages = self.db.feeds.all_page_validators()
        feeds = {url: self.db.feeds.validators(url) for url, feed in targets if feed is not None}
        with Fetcher(self.policy) as fetcher, ThreadPoolExecutor(FEED_WORKERS, "newsdesk-feed") as pool:
            futures = [
                pool.submit(self._fetch, fetcher, url, feed, feeds.get(url), pages) for url, feed in targets
            ]

            def sources() -> Iterator[Source]:
                for future in futures:
                    fetched = _result(future, targets[len(fetches)][0])
                    fetches.append(fetched)
                    items = [self._item(page) for page in fetched.pages]
                    if fetched.outcome == "failed" and not fetched.is_feed:
                        items.append(ParseError(fetched.error or "failed"))
                    yield fetched.url, items

            ingest = self.index.ingest_sources(sources(), len(targets), progress, after=self._record(fetches))
        return RefreshReport(feeds=[_summary(f, ingest) for f in fetches])

    def _record(self, fetches: list[_Fetch]) -> _Recorder:
        """What to write, under the ingest's lock, once the articles are in: feed states and fetched pages."""
        return _Recorder(self, fetches)

    def _item(self, page: Page) -> Article | ParseError:
        """A page's article: as fetched, or the stored copy when the page was not modified."""
        if page.item is not None:
            return page.item
        stored = self.db.article(page.url)
        return stored.article if stored else ParseError(f"{page.url}: not modified, but no longer stored")

    def _fetch(
        self,
        fetcher: Fetcher,
        url: str,
        feed: FeedConfig | None,
        validators: tuple[str | None, str | None] | None,
        pages: dict[str, tuple[str | None, str | None]],
    ) -> _Fetch:
        """Fetch one feed (conditionally) and its entries' pages, or one bare article URL (on a worker thread:
        no store access here)."""
        outlet = feed.outlet if feed else ""
        etag, last_modified = validators or (None, None)
        try:
            got = fetcher.get(url, etag, last_modified)
        except NewsdeskError as exc:
            return _Fetch(url=url, outlet=outlet, outcome="failed", is_feed=feed is not None, error=str(exc))
        if got.not_modified:
            return _Fetch(
                url=url, outlet=outlet, outcome="not modified", etag=etag, last_modified=last_modified
            )
        if feed is None and not looks_like_feed(got.body, got.content_type):
            try:
                article = article_from_page(got, url, PageOrigin())
            except NewsdeskError as exc:
                return _Fetch(url=url, outlet=outlet, outcome="failed", is_feed=False, error=str(exc))
            page = Page(url=url, item=article, etag=got.etag, last_modified=got.last_modified)
            return _Fetch(url=url, outlet=article.source, outcome="fetched", is_feed=False, pages=[page])
        try:
            parsed = parse_feed(got.body, got.url)
        except ParseError as exc:
            return _Fetch(url=url, outlet=outlet, outcome="failed", error=str(exc))
        config = feed or FeedConfig(url=url)
        origin = PageOrigin(
            feed_url=url,
            outlet=config.outlet or parsed.title or host_of(url),
            language=config.language or parsed.language,
        )
        found: list[Page] = []
        for entry in parsed.entries[: self.max_entries]:
            try:
                link = canonical_url(urljoin(got.url, entry.link))
            except NewsdeskError as exc:
                found.append(Page(url=entry.link, item=ParseError(str(exc)), feed_url=url))
                continue
            found.append(
                fetch_page(fetcher, link, origin.model_copy(update={"entry": entry}), pages.get(link))
            )
        return _Fetch(
            url=url,
            outlet=origin.outlet,
            outcome="fetched",
            title=parsed.title,
            etag=got.etag,
            last_modified=got.last_modified,
            pages=found,
        )


class _Recorder:
    """Writes each fetched feed's state (success, or failure with back-off) and its pages' origins."""

    def __init__(self, refresher: FeedRefresher, fetches: list[_Fetch]) -> None:
        self.db = refresher.db
        self.fetches = fetches

    def __call__(self, report: IngestReport) -> None:
        with self.db.transaction():
            for fetched in self.fetches:
                if fetched.is_feed:
                    self._feed(fetched)
            pages = [
                FetchedPage(p.url, p.feed_url, p.etag, p.last_modified, p.author)
                for f in self.fetches
                for p in f.pages
                if not isinstance(p.item, ParseError)
            ]
            self.db.feeds.record_pages(pages)

    def _feed(self, fetched: _Fetch) -> None:
        """One feed's fetch state."""
        self.db.feeds.register(FeedConfig(url=fetched.url))  # a feed given as a URL is followed from now on
        if fetched.outcome == "failed":
            self.db.feeds.failed(fetched.url, fetched.error or "failed")
            return
        self.db.feeds.succeeded(fetched.url, fetched.title, fetched.etag, fetched.last_modified)
        broken = [p.item for p in fetched.pages if isinstance(p.item, ParseError)]
        if broken:
            self.db.feeds.noted(
                fetched.url, f"{len(broken)} of {len(fetched.pages)} articles failed: {broken[0]}"
            )


def _result(future: Future[_Fetch], url: str) -> _Fetch:
    """A fetch's outcome; a bug in one fetch fails only its feed."""
    try:
        return future.result()
    except Exception as exc:
        log.warning("fetching %s failed", url, exc_info=True)
        return _Fetch(url=url, outlet="", outcome="failed", error=f"{type(exc).__name__}: {exc}")


def _summary(fetched: _Fetch, ingest: IngestReport) -> FeedSummary:
    """One feed's line of the refresh report."""
    counts = ingest.by_source.get(fetched.url)
    summary = FeedSummary(
        url=fetched.url, outlet=fetched.outlet, outcome=fetched.outcome, error=fetched.error
    )
    if counts is not None:
        summary = summary.model_copy(update=counts.model_dump(include={"updated", "unchanged", "failed"}))
        summary.new = counts.added
    if fetched.outcome == "failed" and not summary.failed:
        summary.failed = 1
    if summary.failed and summary.error is None:
        summary.error = next((str(p.item) for p in fetched.pages if isinstance(p.item, ParseError)), None)
    return summary
