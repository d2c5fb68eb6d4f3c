"""Admin commands (Manage Server, checked in the handler too): /reindex and /stats."""

from __future__ import annotations

import asyncio
import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord import errors
from bot.discord.embeds import reindex_progress, reindex_summary, stats_embed
from bot.discord.format import split_message

if TYPE_CHECKING:
    from bot.discord.client import NewsdeskBot

log = logging.getLogger("newsdesk.discord")

PROGRESS_EVERY = 2.0  # seconds between edits of the progress message
MORE_MESSAGES = 4  # follow-ups for a long list of failures
NOT_ADMIN = "Only server admins (Manage Server) can use this command."


def require_admin(interaction: discord.Interaction) -> None:
    """Raise RefusedError unless the user has Manage Server here (Discord's own hiding is not trusted)."""
    if interaction.guild is None or not interaction.permissions.manage_guild:
        raise errors.RefusedError(NOT_ADMIN)


class Progress:
    """The latest (done, total, file name) of an ingest, written by the worker thread, read by the loop."""

    def __init__(self) -> None:
        self.latest: tuple[int, int, str] = (0, 0, "")

    def __call__(self, done: int, total: int, name: str) -> None:
        self.latest = (done, total, Path(name).name)  # one tuple assignment: atomic under the GIL


class Admin(commands.Cog):
    """Re-indexing and index figures, for server admins."""

    def __init__(self, bot: NewsdeskBot, progress_every: float = PROGRESS_EVERY) -> None:
        self.bot = bot
        self.progress_every = progress_every

    @app_commands.command(name="reindex")
    @app_commands.guild_only()
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.describe(prune="Also drop stored articles whose files are gone")
    async def reindex(self, interaction: discord.Interaction[NewsdeskBot], prune: bool = False) -> None:
        """Ingest the configured article folders now (admins only); progress is shown as it goes."""
        require_admin(interaction)
        if self.bot.reindexing.locked():
            raise errors.RefusedError("A re-index is already running.")
        async with self.bot.reindexing:
            await errors.defer(interaction, ephemeral=True)
            progress = Progress()
            work = asyncio.create_task(asyncio.to_thread(self.bot.desk.reindex, progress, prune))
            shown = time.monotonic()
            while not work.done():
                await asyncio.wait({work}, timeout=self.progress_every)
                if not work.done() and time.monotonic() - shown >= self.progress_every:
                    await self.show(interaction, reindex_progress(*progress.latest))
                    shown = time.monotonic()
            report = work.result()
        log.info("re-index by %s: %s", interaction.user.id, report.model_dump(exclude={"failures"}))
        first, *rest = split_message(reindex_summary(report))
        await interaction.edit_original_response(content=first)
        for piece in rest[:MORE_MESSAGES]:
            await interaction.followup.send(piece, ephemeral=True)

    @app_commands.command(name="stats")
    @app_commands.guild_only()
    @app_commands.default_permissions(manage_guild=True)
    async def stats(self, interaction: discord.Interaction[NewsdeskBot]) -> None:
        """Figures about the index: articles, passages, dates, model (admins only)."""
        require_admin(interaction)
        await errors.defer(interaction, ephemeral=True)
        figures = await asyncio.to_thread(self.bot.desk.stats)
        await interaction.followup.send(embed=stats_embed(figures), ephemeral=True)

    async def show(self, interaction: discord.Interaction, text: str) -> None:
        """Edit the deferred message to show progress (a failed edit is logged; the work goes on)."""
        try:
            await interaction.edit_original_response(content=text)
        except discord.HTTPException:
            log.warning("could not show re-index progress", exc_info=True)


async def setup(bot: NewsdeskBot) -> None:
    """Add the cog (called by load_extension)."""
    await bot.add_cog(Admin(bot))
