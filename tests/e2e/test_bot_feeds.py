"""The running bot follows feeds: an article published on a (local) feed is answered after the next refresh."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from bot.app import build_desk
from bot.discord.client import NewsdeskBot, sync_commands
from index.news_index import NewsIndex
from tests.e2e.conftest import bot_settings
from tests.e2e.fake_discord import FakeDiscord
from tests.e2e.test_bot_live_index import fresh_index  # noqa: F401 - a fixture
from tests.e2e.test_bot_load import answered
from tests.feed_server import FeedServer, Route, page, rss

pytestmark = pytest.mark.e2e

WAIT = 120.0
OUTLET = "Wadden Gazette"
FIRST = [
    "The ferry between Harlingen and Terschelling was cancelled on Monday because of a storm over the Wadden Sea.",
    "The ferry company said the boats would sail again on Tuesday morning once the wind had dropped.",
]
PUBLISHED = [
    "The town of Harlingen opened a floating solar park in its old harbour on Tuesday, the first in Friesland.",
    "The park has four thousand panels on pontoons and will supply electricity to about eight hundred homes.",
    "Mayor Rianne Kramer said the harbour had been empty for years and was now working for the town again.",
]
QUESTION = "Which town opened a floating solar park?"


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    """A local outlet with one article in its feed."""
    server = FeedServer()
    publish(server, {"ferry-cancelled": FIRST})
    yield server
    server.stop()


def publish(server: FeedServer, stories: dict[str, list[str]]) -> None:
    """Serve the stories' pages and a feed listing all of them (with a new ETag)."""
    when = datetime(2024, 7, 2, 9, 0, tzinfo=UTC)
    for slug, paragraphs in stories.items():
        server.routes[f"/news/{slug}.html"] = Route(page(slug.replace("-", " ").capitalize(), paragraphs))
    items = [(s.replace("-", " ").capitalize(), server.url(f"/news/{s}.html"), when) for s in stories]
    server.routes["/news/rss.xml"] = Route(
        rss("Gazette", items), content_type="application/rss+xml", etag=f'"{len(stories)}"'
    )


async def until(condition: Callable[[], bool], timeout: float = WAIT) -> None:
    """Wait (bounded) until the condition holds."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"still not true after {timeout:g} s")
        await asyncio.sleep(0.1)


async def test_an_article_published_while_the_bot_runs_is_answered_after_the_next_refresh(
    fake_discord: FakeDiscord,
    run_client,
    fresh_index: NewsIndex,  # noqa: F811 - the fixture imported above
    feed_server: FeedServer,
    tmp_path: Path,
) -> None:
    settings = bot_settings(
        tmp_path / "data",
        feeds=[{"url": feed_server.url("/news/rss.xml"), "outlet": OUTLET}],
        refresh_minutes=0.02,
        fetch_host_delay_seconds=0,
    )
    desk = build_desk(settings, fresh_index)
    bot = NewsdeskBot(desk, settings)
    async with run_client(bot):
        await sync_commands(bot, fake_discord.guild.id)
        cog: Any = bot.get_cog("Feeds")  # load_extension imports the cog's module afresh: no isinstance
        assert cog is not None
        await until(lambda: cog.refreshes >= 1)
        before = await fake_discord.send_slash_command("ask", {"question": QUESTION})
        old = await fake_discord.wait_for_followup(before, timeout=WAIT)

        publish(feed_server, {"ferry-cancelled": FIRST, "solar-park-opens": PUBLISHED})
        published_at = cog.refreshes
        await until(lambda: cog.refreshes >= published_at + 2)  # one refresh began after publishing
        after = await fake_discord.send_slash_command("ask", {"question": QUESTION})
        new = await fake_discord.wait_for_followup(after, timeout=WAIT)
        listed = await fake_discord.send_slash_command("feeds", user=fake_discord.admin)
        feeds = await fake_discord.wait_for_followup(listed, timeout=WAIT)
        latest = await fake_discord.send_slash_command("latest", {"outlet": OUTLET})
        newest = await fake_discord.wait_for_followup(latest, timeout=WAIT)
    desk.feedback_store.close()

    assert "solar park" not in old.json["embeds"][0]["description"]
    assert answered(new.json, QUESTION)
    description = new.json["embeds"][0]["description"]
    assert "Harlingen" in description and OUTLET in description
    assert "2 articles" in feeds.json["embeds"][0]["description"]
    assert "Solar park opens" in newest.json["embeds"][0]["description"]
    assert "Ferry cancelled" in newest.json["embeds"][0]["description"]
