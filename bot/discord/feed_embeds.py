"""Embeds for the newest articles, a topic's timeline and the feeds followed."""

from __future__ import annotations

from collections.abc import Sequence

import discord

from bot.discord.embeds import LOOKUP_COLOUR, meta
from bot.discord.format import DESCRIPTION_LIMIT, escape, fit_embed, fit_lines
from bot.text import one_line, shorten
from index.records import FeedStatus, LatestArticle, TimelineEntry


def latest_line(article: LatestArticle) -> str:
    """'**Title** — outlet, date · also in … · <url>'."""
    title = escape(shorten(one_line(article.title), 150))
    link = f" · <{article.url}>" if article.url else f" · `{article.id}`"
    return f"**{title}** — {escape(meta(article.source, article.date, article.also_in))}{link}"


def latest_embed(topic: str | None, articles: Sequence[LatestArticle]) -> discord.Embed:
    """The newest articles (on a topic), one per story."""
    about = f": {escape(one_line(topic))}" if topic else ""
    embed = discord.Embed(
        title=shorten(f"Latest{about}", 256),
        description=fit_lines([latest_line(a) for a in articles], DESCRIPTION_LIMIT)
        if articles
        else "No articles found.",
        colour=LOOKUP_COLOUR,
    )
    embed.set_footer(text="/article <id> or /source <id> shows an article")
    return fit_embed(embed)


def timeline_line(entry: TimelineEntry) -> str:
    """'**date** ● headline — outlet · `reference`' (● an article, “ a claim)."""
    marker = "●" if entry.kind == "event" else "“"
    text = escape(shorten(one_line(entry.text), 300))
    return f"**{entry.date or 'undated'}** {marker} {text} — {escape(entry.source or 'unknown source')} · `{entry.reference}`"


def timeline_embed(topic: str, entries: Sequence[TimelineEntry]) -> discord.Embed:
    """A topic's articles and claims in date order."""
    embed = discord.Embed(
        title=shorten(f"Timeline: {escape(one_line(topic))}", 256),
        description=fit_lines([timeline_line(e) for e in entries], DESCRIPTION_LIMIT)
        if entries
        else "Nothing found about this topic.",
        colour=LOOKUP_COLOUR,
    )
    embed.set_footer(text="● an article · “ a claim in one · /source <reference> shows it")
    return fit_embed(embed)


def feed_line(feed: FeedStatus) -> str:
    """'**Outlet** <url> · last fetch … · N articles · last error: …'."""
    name = escape(shorten(one_line(feed.outlet or feed.title or feed.url), 100))
    backoff = f" · retried after {feed.next_attempt}" if feed.next_attempt else ""
    error = f"\n  last error: {escape(shorten(one_line(feed.last_error), 200))}" if feed.last_error else ""
    return f"**{name}** <{feed.url}> · last fetch {feed.last_fetch or 'never'} · {feed.articles} articles{backoff}{error}"


def feeds_embed(feeds: Sequence[FeedStatus]) -> discord.Embed:
    """The feeds followed, with their state."""
    embed = discord.Embed(
        title="Feeds",
        description=fit_lines([feed_line(f) for f in feeds], DESCRIPTION_LIMIT)
        if feeds
        else "No feeds yet: set NEWSDESK_FEEDS or run `newsdesk ingest FEED-URL`.",
        colour=LOOKUP_COLOUR,
    )
    return fit_embed(embed)
