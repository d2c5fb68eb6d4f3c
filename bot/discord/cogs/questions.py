"""Questions: mention the bot, reply to one of its answers to follow up, or use /ask."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord import errors
from bot.discord.conversation import earlier_questions, is_addressed, question_text
from bot.discord.embeds import answer_embed
from bot.discord.views import answer_view
from bot.records import Answer
from index.records import SearchFilters

if TYPE_CHECKING:
    from bot.discord.client import NewsdeskBot

log = logging.getLogger("newsdesk.discord")

QUESTION_MAX = 1000
EMPTY_MENTION = "Mention me with a question about the news, e.g. `@newsdesk who won the 2021 election?`"


class Questions(commands.Cog):
    """Answers questions with short, cited answers."""

    def __init__(self, bot: NewsdeskBot) -> None:
        self.bot = bot

    def remember(self, key: int, channel_id: int | None, answer: Answer) -> None:
        """Keep the answer for its buttons, and its citations for /source autocomplete."""
        self.bot.answers.put(key, answer, channel_id or 0)
        if channel_id is not None:
            self.bot.citations.remember(channel_id, answer.citations)

    @app_commands.command(name="ask")
    @app_commands.describe(
        question="Your question about the news, in English or Dutch",
        private="Show the answer only to you",
        outlet="Only articles from this outlet",
    )
    async def ask(
        self,
        interaction: discord.Interaction[NewsdeskBot],
        question: app_commands.Range[str, 1, QUESTION_MAX],
        private: bool = False,
        outlet: str | None = None,
    ) -> None:
        """Ask a question about the news articles; the answer quotes and cites them."""
        filters = SearchFilters.from_options(sources=[outlet]) if outlet and outlet.strip() else None
        self.bot.check_cooldown(interaction.user.id)
        await errors.defer(interaction, ephemeral=private)
        asked_on = interaction.created_at.date()  # "last week" counts back from when it was asked
        answer = await self.bot.work.run(self.bot.desk.ask, question, filters, (), asked_on)
        self.remember(interaction.id, interaction.channel_id, answer)
        await interaction.followup.send(
            embed=answer_embed(answer), view=answer_view(interaction.id), ephemeral=private
        )

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        """Answer a message that mentions the bot or replies to one of its answers, as a reply."""
        me = self.bot.user
        if me is None or message.author.bot or message.guild is None:
            return
        parent_id = getattr(message.channel, "parent_id", None)
        if not self.bot.channel_allowed(message.channel.id, parent_id) or not is_addressed(message, me):
            return
        try:
            await self.answer_message(message, me)
        except Exception as exc:
            try:
                await message.reply(errors.user_text(exc), mention_author=False)
            except discord.HTTPException:
                log.exception("could not report an error in channel %s", message.channel.id)

    async def answer_message(self, message: discord.Message, me: discord.ClientUser) -> None:
        """The answer to a message's question, with the earlier questions of its reply chain as history."""
        question = question_text(message, me.id)[:QUESTION_MAX]
        if not question:
            if me in message.mentions and not message.reference:
                await message.reply(EMPTY_MENTION, mention_author=False)
            return
        wait = self.bot.cooldowns.acquire(message.author.id)
        if wait > 0:
            await message.reply(str(errors.OnCooldownError(wait)), mention_author=False)
            return
        history = await earlier_questions(message, me)
        async with message.channel.typing():
            answer = await self.bot.work.run(
                self.bot.desk.ask, question, None, history, message.created_at.date()
            )
        self.remember(message.id, message.channel.id, answer)
        await message.reply(embed=answer_embed(answer), view=answer_view(message.id), mention_author=False)


async def setup(bot: NewsdeskBot) -> None:
    """Add the cog (called by load_extension)."""
    await bot.add_cog(Questions(bot))
