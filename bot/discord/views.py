"""Buttons under each answer: Sources, 👍 and 👎. Persistent: their custom_ids carry the answer's key."""

from __future__ import annotations

import asyncio
import re
from typing import TYPE_CHECKING, Any

import discord
from discord import ui

from bot.discord import errors
from bot.discord.embeds import sources_embed
from bot.records import Feedback

if TYPE_CHECKING:
    from bot.discord.client import NewsdeskBot

GONE = "Sorry, I no longer have this answer's sources (I may have restarted since). Please ask again."


class SourcesButton(ui.DynamicItem[ui.Button[Any]], template=r"nd:src:(?P<key>\d+)"):
    """Shows every cited passage of the answer, only to the user who clicks."""

    def __init__(self, key: int) -> None:
        super().__init__(
            ui.Button(
                label="Sources", emoji="📚", style=discord.ButtonStyle.secondary, custom_id=f"nd:src:{key}"
            )
        )
        self.key = key

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: ui.Item[Any], match: re.Match[str], /
    ) -> SourcesButton:
        """Rebuild the button from its custom_id (also after a restart)."""
        return cls(int(match["key"]))

    async def callback(self, interaction: discord.Interaction[NewsdeskBot]) -> None:  # type: ignore[override]
        """List the sources ephemerally, or apologise if the answer is no longer known."""
        try:
            cached = interaction.client.answers.get(self.key)
            if cached is None:
                await errors.tell(interaction, GONE)
                return
            await interaction.response.send_message(
                embed=sources_embed(cached.answer),
                ephemeral=True,
                allowed_mentions=discord.AllowedMentions.none(),
            )
        except Exception as exc:
            await errors.report(interaction, exc)


class VoteButton(ui.DynamicItem[ui.Button[Any]], template=r"nd:vote:(?P<vote>up|down):(?P<key>\d+)"):
    """A 👍 or 👎 on the answer, stored with the question, the answer and the message."""

    def __init__(self, key: int, vote: int) -> None:
        name = "up" if vote > 0 else "down"
        super().__init__(
            ui.Button(
                emoji="👍" if vote > 0 else "👎",
                style=discord.ButtonStyle.secondary,
                custom_id=f"nd:vote:{name}:{key}",
            )
        )
        self.key = key
        self.vote = 1 if vote > 0 else -1

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: ui.Item[Any], match: re.Match[str], /
    ) -> VoteButton:
        """Rebuild the button from its custom_id (also after a restart)."""
        return cls(int(match["key"]), 1 if match["vote"] == "up" else -1)

    async def callback(self, interaction: discord.Interaction[NewsdeskBot]) -> None:  # type: ignore[override]
        """Store the vote in a thread and thank the user privately."""
        try:
            feedback = self.feedback(interaction)
            await errors.defer(interaction, ephemeral=True)
            await asyncio.to_thread(interaction.client.desk.record_feedback, feedback)
            await interaction.followup.send(
                "Thanks for the feedback!", ephemeral=True, allowed_mentions=discord.AllowedMentions.none()
            )
        except Exception as exc:
            await errors.report(interaction, exc)

    def feedback(self, interaction: discord.Interaction[NewsdeskBot]) -> Feedback:
        """The vote with the answer it is about (from memory, else from the answer message's embed)."""
        cached = interaction.client.answers.get(self.key)
        message = interaction.message
        if cached is not None:
            question, text = cached.answer.question, cached.answer.text
            citations = [c.reference for c in cached.answer.citations]
        elif message is not None and message.embeds:
            question, text, citations = message.embeds[0].title or "", message.embeds[0].description or "", []
        else:
            raise errors.RefusedError(GONE)
        return Feedback(
            user_id=str(interaction.user.id),
            vote=self.vote,
            question=question,
            answer=text,
            citations=citations,
            channel_id=str(interaction.channel_id or ""),
            message_id=str(message.id if message else ""),
        )


def answer_view(key: int) -> ui.View:
    """The buttons for the answer stored under `key`."""
    view = ui.View(timeout=None)
    view.add_item(SourcesButton(key))
    view.add_item(VoteButton(key, 1))
    view.add_item(VoteButton(key, -1))
    return view


DYNAMIC_ITEMS = (SourcesButton, VoteButton)
