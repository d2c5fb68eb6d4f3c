"""Feeds and article URLs against a local HTTP server: RSS, Atom, 304, timeouts, bad XML, size, redirects, errors."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot import render
from bot.answer.compose import Answerer
from bot.desk import Desk
from bot.feedback import FeedbackStore
from bot.settings import Settings
from index.errors import InvalidQueryError
from index.feeds.canonical import canonical_url
from index.feeds.fetch import FetchPolicy
from index.feeds.refresh import FeedRefresher
from index.news_index import NewsIndex
from index.records import FeedConfig, FeedSummary
from tests.feed_server import FeedServer, Route, atom, empty_page, page, rss
from tests.unit.newsroom import answerer

pytestmark = pytest.mark.unit

WHEN = datetime(2024, 7, 2, 9, 30, tzinfo=UTC)
FLOOD = [
    "Heavy rain flooded the centre of Utrecht on Tuesday, and the fire brigade pumped water out of forty cellars.",
    "The city council said the new storm drains along the canal had held, but older streets were still under water.",
    "Residents were asked to keep away from the riverside until the water level falls later this week.",
]
BRIDGE = [
    "The new cycling bridge across the Amsterdam-Rhine Canal opened on Monday after two years of building work.",
    "The bridge is four hundred metres long and links the Lunetten district with the science park in the east.",
    "About twelve thousand cyclists a day are expected to cross it, the province of Utrecht said in a statement.",
]
WIRE = [
    "Ministers of the European Union agreed on Thursday to cut the use of chemical pesticides by half before 2030.",
    "The agreement still needs the approval of the European Parliament, which votes on the proposal next month.",
    "Farmers' organisations in several member states warned that the cut would lower their harvests and income.",
    "Environmental groups welcomed the decision but said the targets should have been binding for every country.",
]
FAST = FetchPolicy(timeout_seconds=1.0, max_bytes=200_000, host_delay_seconds=0.0)


@pytest.fixture
def server() -> Iterator[FeedServer]:
    """The local feed server, empty."""
    running = FeedServer()
    yield running
    running.stop()


@pytest.fixture
def refresher(news_index: NewsIndex) -> FeedRefresher:
    """Fetches into an empty index with short timeouts and no delay between requests."""
    return FeedRefresher(news_index, FAST)


def serve_outlet(server: FeedServer, name: str, stories: dict[str, list[str]]) -> str:
    """An outlet under /NAME/: its RSS feed (etag'd) and one page per story; the feed's URL."""
    items = []
    for slug, paragraphs in stories.items():
        path = f"/{name}/{slug}.html"
        server.routes[path] = Route(page(slug.replace("-", " ").title(), paragraphs))
        items.append((slug.replace("-", " ").title(), server.url(path) + "?utm_source=rss", WHEN))
    server.routes[f"/{name}/rss.xml"] = Route(
        rss(name.title(), items), content_type="application/rss+xml", etag=f'"{name}-1"'
    )
    return server.url(f"/{name}/rss.xml")


def only(report_feeds: list[FeedSummary], url: str) -> FeedSummary:
    """The summary of one feed."""
    [found] = [f for f in report_feeds if f.url == url]
    return found


def test_canonical_urls_drop_tracking_parameters_and_fragments() -> None:
    assert (
        canonical_url("HTTPS://Example.com/a?utm_source=x&b=2&a=1&fbclid=3#top")
        == "https://example.com/a?a=1&b=2"
    )
    assert canonical_url("http://example.com") == "http://example.com/"
    with pytest.raises(InvalidQueryError):
        canonical_url("ftp://example.com/file")


def test_an_rss_feed_gives_articles_with_the_outlet_date_and_canonical_url(
    server: FeedServer, refresher: FeedRefresher, news_index: NewsIndex
) -> None:
    feed = serve_outlet(server, "gazette", {"flood-in-utrecht": FLOOD, "bridge-opens": BRIDGE})
    report = refresher.refresh([FeedConfig(url=feed, outlet="Utrecht Gazette", country="NL")])

    summary = only(report.feeds, feed)
    assert (summary.outcome, summary.new, summary.failed) == ("fetched", 2, 0)
    article = news_index.article(server.url("/gazette/flood-in-utrecht.html"))
    assert article.source == "Utrecht Gazette" and article.date == "2024-07-02" and article.language == "en"
    assert article.title == "Flood In Utrecht" and "forty cellars" in article.text
    assert all("newsdesk" in r.headers.get("User-Agent", "") for r in server.requests)
    [status] = news_index.feed_statuses()
    assert status.articles == 2 and status.last_error is None and status.country == "NL"


def test_an_atom_feed_is_read_too(
    server: FeedServer, refresher: FeedRefresher, news_index: NewsIndex
) -> None:
    server.routes["/atom/bridge.html"] = Route(page("Bridge opens", BRIDGE, lang="en-GB"))
    server.routes["/atom/feed.xml"] = Route(
        atom("Atom Times", [("Bridge opens", server.url("/atom/bridge.html"), WHEN)]),
        content_type="application/atom+xml",
    )
    report = refresher.refresh([FeedConfig(url=server.url("/atom/feed.xml"))])

    assert only(report.feeds, server.url("/atom/feed.xml")).new == 1
    article = news_index.article(server.url("/atom/bridge.html"))
    assert (article.source, article.language, article.date) == ("Atom Times", "en", "2024-07-02")


def test_an_rss_1_feed_is_read_too(
    server: FeedServer, refresher: FeedRefresher, news_index: NewsIndex
) -> None:
    server.routes["/rdf/flood.html"] = Route(page("Flood", FLOOD))
    server.routes["/rdf/index.rdf"] = Route(
        (
            "<?xml version='1.0'?><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#' "
            "xmlns='http://purl.org/rss/1.0/' xmlns:dc='http://purl.org/dc/elements/1.1/'>"
            "<channel rdf:about='http://example.org/'><title>RDF Post</title><link>http://example.org/</link>"
            "</channel><item rdf:about='{0}'><title>Flood</title><link>{0}</link><dc:date>2024-07-01</dc:date>"
            "</item></rdf:RDF>"
        )
        .format(server.url("/rdf/flood.html"))
        .encode(),
        content_type="application/rdf+xml",
    )
    report = refresher.refresh([FeedConfig(url=server.url("/rdf/index.rdf"))])

    assert only(report.feeds, server.url("/rdf/index.rdf")).new == 1
    article = news_index.article(server.url("/rdf/flood.html"))
    assert (article.source, article.date) == ("RDF Post", "2024-07-01")


def test_an_unchanged_feed_costs_one_conditional_request(
    server: FeedServer, refresher: FeedRefresher
) -> None:
    feed = serve_outlet(server, "gazette", {"flood-in-utrecht": FLOOD})
    refresher.refresh([FeedConfig(url=feed)])
    before = len(server.requests)
    report = refresher.refresh([FeedConfig(url=feed)])

    assert only(report.feeds, feed).outcome == "not modified"
    later = server.requests[before:]
    assert [r.path for r in later if r.path != "/robots.txt"] == ["/gazette/rss.xml"]
    assert later[-1].headers.get("If-None-Match") == '"gazette-1"'


def test_broken_feeds_fail_alone_and_back_off(
    server: FeedServer, refresher: FeedRefresher, news_index: NewsIndex
) -> None:
    good = serve_outlet(server, "gazette", {"flood-in-utrecht": FLOOD})
    server.routes["/slow.xml"] = Route(rss("Slow", []), delay=5.0, content_type="application/rss+xml")
    server.routes["/bad.xml"] = Route(
        b"<rss><channel><title>Bad</title><item>", content_type="application/rss+xml"
    )
    server.routes["/huge.xml"] = Route(
        b"<rss>" + b" " * 300_000 + b"</rss>", content_type="application/rss+xml"
    )
    server.routes["/endless.xml"] = Route(
        b"<rss>" + b" " * 300_000 + b"</rss>", content_type="application/rss+xml", declare_length=False
    )
    server.routes["/loop.xml"] = Route(redirect="/loop2.xml")
    server.routes["/loop2.xml"] = Route(redirect="/loop.xml")
    server.routes["/error.xml"] = Route(b"oops", status=500)
    broken = ["/slow.xml", "/bad.xml", "/huge.xml", "/endless.xml", "/loop.xml", "/error.xml"]
    feeds = [FeedConfig(url=server.url(p)) for p in broken] + [FeedConfig(url=good)]
    report = refresher.refresh(feeds)

    reasons = {p: only(report.feeds, server.url(p)).error or "" for p in broken}
    assert all(only(report.feeds, server.url(p)).outcome == "failed" for p in broken)
    assert "timed out" in reasons["/slow.xml"]
    assert "not a readable RSS or Atom feed" in reasons["/bad.xml"]
    assert "size limit (300011 > 200000 bytes)" in reasons["/huge.xml"]  # as declared
    assert "size limit (200000 bytes)" in reasons["/endless.xml"]  # as read
    assert "redirects" in reasons["/loop.xml"]
    assert "HTTP 500" in reasons["/error.xml"]
    assert only(report.feeds, good).new == 1
    statuses = {s.url: s for s in news_index.feed_statuses()}
    assert statuses[server.url("/error.xml")].failures == 1
    assert "HTTP 500" in (statuses[server.url("/error.xml")].last_error or "")

    again = refresher.refresh(feeds)
    assert only(again.feeds, server.url("/error.xml")).outcome == "backing off"
    assert only(again.feeds, good).outcome == "not modified"
    forced = refresher.refresh([FeedConfig(url=server.url("/error.xml"))], force=True)
    assert only(forced.feeds, server.url("/error.xml")).outcome == "failed"
    assert {s.url: s for s in news_index.feed_statuses()}[server.url("/error.xml")].failures == 2


def test_a_page_without_main_text_fails_alone(server: FeedServer, refresher: FeedRefresher) -> None:
    server.routes["/gazette/menu.html"] = Route(empty_page())
    server.routes["/gazette/flood.html"] = Route(page("Flood", FLOOD))
    items = [
        ("Menu", server.url("/gazette/menu.html"), WHEN),
        ("Flood", server.url("/gazette/flood.html"), WHEN),
    ]
    server.routes["/gazette/rss.xml"] = Route(rss("Gazette", items), content_type="application/rss+xml")
    report = refresher.refresh([FeedConfig(url=server.url("/gazette/rss.xml"))])

    summary = only(report.feeds, server.url("/gazette/rss.xml"))
    assert (summary.outcome, summary.new, summary.failed) == ("fetched", 1, 1)
    assert "no article text" in (summary.error or "")


def test_robots_txt_is_respected(server: FeedServer, refresher: FeedRefresher) -> None:
    feed = serve_outlet(server, "gazette", {"flood-in-utrecht": FLOOD})
    server.routes["/robots.txt"] = Route(
        b"User-agent: newsdesk\nDisallow: /gazette/\n", content_type="text/plain"
    )
    report = refresher.refresh([FeedConfig(url=feed)])

    assert "robots.txt" in (only(report.feeds, feed).error or "")
    assert not server.hits("/gazette/rss.xml")


def test_an_updated_article_replaces_its_old_version(
    server: FeedServer, refresher: FeedRefresher, news_index: NewsIndex
) -> None:
    feed = serve_outlet(server, "gazette", {"flood-in-utrecht": FLOOD})
    refresher.refresh([FeedConfig(url=feed)])
    server.routes["/gazette/flood-in-utrecht.html"] = Route(
        page(
            "Flood In Utrecht",
            [
                *FLOOD,
                "Update: the water has gone down and the streets are open again for traffic and for cyclists.",
            ],
        )
    )
    server.routes["/gazette/rss.xml"].etag = '"gazette-2"'
    report = refresher.refresh([FeedConfig(url=feed)])

    assert (only(report.feeds, feed).updated, only(report.feeds, feed).new) == (1, 0)
    assert "water has gone down" in news_index.article(server.url("/gazette/flood-in-utrecht.html")).text
    assert len(news_index.db.stored_article_ids()) == 1


def test_the_same_story_in_two_outlets_is_one_row_that_names_the_other(
    server: FeedServer, refresher: FeedRefresher, news_index: NewsIndex, tmp_path: Path
) -> None:
    first = serve_outlet(server, "gazette", {"pesticides-deal": WIRE, "bridge-opens": BRIDGE})
    retold = [WIRE[0].replace("Thursday", "Thursday evening"), *WIRE[1:]]
    second = serve_outlet(server, "courier", {"eu-pesticides": retold, "flood-in-utrecht": FLOOD})
    refresher.refresh([FeedConfig(url=first, outlet="Gazette"), FeedConfig(url=second, outlet="Courier")])

    passages = news_index.search("pesticides European Union agreement", k=5, mode="keyword")
    wire = [p for p in passages if "pesticides" in p.text]
    assert len({p.article_id for p in wire}) == 1
    assert wire[0].also_in == ["Courier" if wire[0].source == "Gazette" else "Gazette"]
    desk = Desk(news_index, Answerer(news_index), FeedbackStore(tmp_path / "votes.sqlite3"))
    latest = desk.latest()
    assert len(latest) == 3 and sum(bool(a.also_in) for a in latest) == 1
    assert [a.title for a in desk.latest("pesticides")] in (["Pesticides Deal"], ["Eu Pesticides"])
    desk.feedback_store.close()


def test_an_article_url_is_ingested_and_a_feed_url_is_followed(
    server: FeedServer, refresher: FeedRefresher, news_index: NewsIndex
) -> None:
    server.routes["/story.html?id=7"] = Route(page("Bridge opens", BRIDGE, site="Lunetten Post"))
    feed = serve_outlet(server, "gazette", {"flood-in-utrecht": FLOOD})
    report = refresher.ingest_urls([server.url("/story.html?id=7&utm_campaign=x"), feed])

    assert [f.new for f in report.feeds] == [1, 1]
    assert news_index.article(server.url("/story.html?id=7")).source == "Lunetten Post"
    assert [f.url for f in news_index.stored_feeds()] == [feed]


def test_feeds_setting_takes_urls_or_objects() -> None:
    settings = Settings(
        _env_file=None, feeds=["http://a.example/rss", {"url": "http://b.example/atom", "outlet": "B"}]
    )  # type: ignore[call-arg]
    assert [(f.url, f.outlet) for f in settings.feeds] == [
        ("http://a.example/rss", ""),
        ("http://b.example/atom", "B"),
    ]


def test_an_unchanged_page_costs_a_304_when_its_feed_changes(
    server: FeedServer, refresher: FeedRefresher
) -> None:
    feed = serve_outlet(server, "gazette", {"flood-in-utrecht": FLOOD})
    server.routes["/gazette/flood-in-utrecht.html"].etag = '"flood-1"'
    refresher.refresh([FeedConfig(url=feed)])
    server.routes["/gazette/rss.xml"].etag = '"gazette-2"'
    report = refresher.refresh([FeedConfig(url=feed)])

    assert (only(report.feeds, feed).unchanged, only(report.feeds, feed).updated) == (1, 0)
    assert server.hits("/gazette/flood-in-utrecht.html")[-1].headers.get("If-None-Match") == '"flood-1"'


def test_requests_to_one_host_are_limited(server: FeedServer, news_index: NewsIndex) -> None:
    for n in range(4):
        server.routes[f"/slow{n}.xml"] = Route(
            rss(f"Slow {n}", []), delay=0.3, content_type="application/rss+xml"
        )
    policy = FAST.model_copy(update={"per_host": 1})
    FeedRefresher(news_index, policy).refresh([FeedConfig(url=server.url(f"/slow{n}.xml")) for n in range(4)])

    assert len([r for r in server.requests if r.path.startswith("/slow")]) == 4
    assert server.most_in_flight == 1


def test_an_answer_cites_one_copy_of_a_wire_story_and_names_the_other_outlet(
    server: FeedServer, refresher: FeedRefresher, news_index: NewsIndex, tmp_path: Path
) -> None:
    first = serve_outlet(server, "gazette", {"pesticides-deal": WIRE})
    second = serve_outlet(server, "courier", {"eu-pesticides": WIRE})
    refresher.refresh([FeedConfig(url=first, outlet="Gazette"), FeedConfig(url=second, outlet="Courier")])
    desk = Desk(news_index, answerer(news_index), FeedbackStore(tmp_path / "votes.sqlite3"))
    answer = desk.ask("What did EU ministers agree about pesticides?")
    desk.feedback_store.close()

    assert answer.citations and len({c.article_id for c in answer.citations}) == 1
    cited = answer.citations[0]
    assert cited.also_in == [{"Gazette": "Courier", "Courier": "Gazette"}[cited.source]]
    assert "also in 1 outlet" in render.answer(answer)
