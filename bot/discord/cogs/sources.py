"""Look-ups: /search passages, /source and /article in context, /claims timelines."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord import errors
from bot.discord.embeds import article_embed, claims_embed, search_embed, source_embed
from bot.discord.format import CHOICE_LIMIT, CHOICES_MAX, choice_name
from index.records import SearchFilters

if TYPE_CHECKING:
    from bot.discord.client import NewsdeskBot

log = logging.getLogger("newsdesk.discord")

SEARCH_RESULTS = 5
Choices = list[app_commands.Choice[str]]


def unique(choices: Choices) -> Choices:
    """The first 25 choices with distinct values."""
    seen: set[str] = set()
    kept = []
    for choice in choices:
        if choice.value not in seen:
            seen.add(choice.value)
            kept.append(choice)
    return kept[:CHOICES_MAX]


class Sources(commands.Cog):
    """Searches the articles and shows passages, articles and claims."""

    def __init__(self, bot: NewsdeskBot) -> None:
        self.bot = bot

    @app_commands.command(name="search")
    @app_commands.describe(
        query="What to look for",
        since="Only articles from this date: YYYY, YYYY-MM or YYYY-MM-DD",
        until="Only articles up to this date: YYYY, YYYY-MM or YYYY-MM-DD",
        source="Only articles from this source (outlet)",
    )
    async def search(
        self,
        interaction: discord.Interaction[NewsdeskBot],
        query: app_commands.Range[str, 1, 500],
        since: str | None = None,
        until: str | None = None,
        source: str | None = None,
    ) -> None:
        """The passages that best match a query, with article, date and an excerpt."""
        filters = SearchFilters.from_options(since, until, [source or ""])
        await errors.defer(interaction, ephemeral=False)
        passages = await self.bot.work.run(self.bot.desk.search, query, SEARCH_RESULTS, filters)
        await interaction.followup.send(embed=search_embed(query, passages))

    @app_commands.command(name="source")
    @app_commands.rename(reference="id")
    @app_commands.describe(
        reference="A citation reference (article:start-end), a passage (#42) or an article id"
    )
    async def source(self, interaction: discord.Interaction[NewsdeskBot], reference: str) -> None:
        """A cited passage in its article's context, the cited sentence marked."""
        await errors.defer(interaction, ephemeral=False)
        view = await self.bot.work.run(self.bot.desk.source, reference)
        await interaction.followup.send(embed=source_embed(view))

    @app_commands.command(name="article")
    @app_commands.rename(article_id="id")
    @app_commands.describe(article_id="The article's id (start typing its title)")
    async def article(self, interaction: discord.Interaction[NewsdeskBot], article_id: str) -> None:
        """An article's title, source, date and opening."""
        await errors.defer(interaction, ephemeral=False)
        found = await self.bot.work.run(self.bot.desk.article, article_id.strip())
        await interaction.followup.send(embed=article_embed(found))

    @app_commands.command(name="claims")
    @app_commands.describe(topic="What the claims are about, e.g. Shushi or the election")
    async def claims(
        self, interaction: discord.Interaction[NewsdeskBot], topic: app_commands.Range[str, 1, 300]
    ) -> None:
        """Who claimed what about a topic, in date order, each with a reference for /source."""
        await errors.defer(interaction, ephemeral=False)
        found = await self.bot.work.run(self.bot.desk.claims, topic)
        await interaction.followup.send(embed=claims_embed(topic, found))

    @source.autocomplete("reference")
    async def source_choices(self, interaction: discord.Interaction[NewsdeskBot], current: str) -> Choices:
        """Citations of recent answers in this channel, then articles whose title matches."""
        recent = [
            app_commands.Choice(name=choice_name(r.label), value=r.reference)
            for r in self.bot.citations.matching(interaction.channel_id or 0, current)
            if len(r.reference) <= CHOICE_LIMIT
        ]
        return unique(recent + await self.article_choices(current))

    @article.autocomplete("article_id")
    async def article_id_choices(
        self, interaction: discord.Interaction[NewsdeskBot], current: str
    ) -> Choices:
        """Articles whose title or id contains what was typed, newest first."""
        return unique(await self.article_choices(current))

    async def article_choices(self, current: str) -> Choices:
        """Choices naming articles by title and date, valued by id (none if the look-up fails)."""
        try:
            found = await asyncio.to_thread(self.bot.desk.find_articles, current.strip(), CHOICES_MAX)
        except Exception:
            log.exception("article autocomplete failed for %r", current)
            return []
        return [
            app_commands.Choice(name=choice_name(f"{a.title} ({a.date or 'undated'})"), value=a.id)
            for a in found
            if 0 < len(a.id) <= CHOICE_LIMIT
        ]


async def setup(bot: NewsdeskBot) -> None:
    """Add the cog (called by load_extension)."""
    await bot.add_cog(Sources(bot))
