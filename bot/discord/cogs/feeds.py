"""Keeping up with the news: /latest, /timeline, /feeds (admins) and the scheduled refresh of the feeds."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands, tasks

from bot.discord import errors
from bot.discord.cogs.admin import require_admin
from bot.discord.feed_embeds import feeds_embed, latest_embed, timeline_embed
from index.records import RefreshReport, SearchFilters

if TYPE_CHECKING:
    from bot.discord.client import NewsdeskBot

log = logging.getLogger("newsdesk.discord")

LATEST_RESULTS = 10
TIMELINE_ENTRIES = 25
SHUTDOWN_WAIT = 60.0  # seconds a closing bot waits for a refresh under way


class Feeds(commands.Cog):
    """The newest articles, timelines, the feeds' state, and their refresh every NEWSDESK_REFRESH_MINUTES."""

    def __init__(self, bot: NewsdeskBot) -> None:
        self.bot = bot
        self.refreshes = 0  # refreshes finished (with or without errors) since the bot started
        self._running: asyncio.Future[RefreshReport] | None = None
        self.scheduled.change_interval(minutes=bot.settings.refresh_minutes)

    async def cog_load(self) -> None:
        """Start the schedule when there are feeds to follow (configured, or ingested by URL)."""
        if await asyncio.to_thread(self.bot.desk.has_feeds):
            self.scheduled.start()

    async def cog_unload(self) -> None:
        """Stop the schedule, letting a refresh under way finish (for at most SHUTDOWN_WAIT seconds)."""
        self.scheduled.stop()
        running = self._running
        if running is not None and not running.done():
            await asyncio.wait({running}, timeout=SHUTDOWN_WAIT)
        self.scheduled.cancel()

    @tasks.loop(minutes=30)
    async def scheduled(self) -> None:
        """One refresh in a worker thread, after any re-index; a failure is logged and the schedule goes on."""
        try:
            async with self.bot.reindexing:
                self._running = asyncio.ensure_future(asyncio.to_thread(self.bot.desk.refresh))
                report = await asyncio.shield(self._running)
            log.info(
                "feeds refreshed: %d new, %d updated, %d feeds failed",
                report.new,
                report.updated,
                sum(f.outcome == "failed" for f in report.feeds),
            )
        except Exception:
            log.warning("the scheduled refresh failed", exc_info=True)
        finally:
            self.refreshes += 1

    @scheduled.before_loop
    async def _connected(self) -> None:
        """Wait for the connection before the first refresh."""
        await self.bot.wait_until_ready()

    @app_commands.command(name="latest")
    @app_commands.describe(topic="Only articles on this topic", outlet="Only articles from this outlet")
    async def latest(
        self,
        interaction: discord.Interaction[NewsdeskBot],
        topic: app_commands.Range[str, 1, 300] | None = None,
        outlet: str | None = None,
    ) -> None:
        """The newest articles (on a topic), one per story, with the other outlets that carry it."""
        filters = SearchFilters.from_options(sources=[outlet or ""])
        await errors.defer(interaction, ephemeral=False)
        found = await self.bot.work.run(self.bot.desk.latest, topic, filters, LATEST_RESULTS)
        await interaction.followup.send(embed=latest_embed(topic, found))

    @app_commands.command(name="timeline")
    @app_commands.describe(topic="What the timeline is about", outlet="Only articles from this outlet")
    async def timeline(
        self,
        interaction: discord.Interaction[NewsdeskBot],
        topic: app_commands.Range[str, 1, 300],
        outlet: str | None = None,
    ) -> None:
        """The articles and claims on a topic in date order, each with its reference for /source."""
        filters = SearchFilters.from_options(sources=[outlet or ""])
        await errors.defer(interaction, ephemeral=False)
        found = await self.bot.work.run(self.bot.desk.timeline, topic, filters, TIMELINE_ENTRIES)
        await interaction.followup.send(embed=timeline_embed(topic, found))

    @app_commands.command(name="feeds")
    @app_commands.guild_only()
    @app_commands.default_permissions(manage_guild=True)
    async def feeds(self, interaction: discord.Interaction[NewsdeskBot]) -> None:
        """The feeds followed: last fetch, article count and last error (admins only)."""
        require_admin(interaction)
        await errors.defer(interaction, ephemeral=True)
        found = await self.bot.work.run(self.bot.desk.feed_statuses)
        await interaction.followup.send(embed=feeds_embed(found), ephemeral=True)


async def setup(bot: NewsdeskBot) -> None:
    """Add the cog (called by load_extension)."""
    await bot.add_cog(Feeds(bot))
