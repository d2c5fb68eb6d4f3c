"""Failures turned into short user text at the edge; the detail goes to the log."""

from __future__ import annotations

import logging

import discord
from discord import app_commands

from bot.discord.format import MESSAGE_LIMIT
from bot.text import shorten
from index.errors import NewsdeskError

log = logging.getLogger("newsdesk.discord")

GENERIC = "Something went wrong; the error was logged."


class RefusedError(app_commands.CheckFailure):
    """A request the bot declines with a reason the user should read (cooldown, channel, permissions)."""


class OnCooldownError(RefusedError):
    """The user asked a question too recently."""

    def __init__(self, retry_after: float) -> None:
        self.retry_after = retry_after
        super().__init__(f"You're asking quickly: try again in {max(1, round(retry_after))} s.")


def user_text(error: BaseException) -> str:
    """The message a user sees for an error; unexpected errors are logged with their traceback."""
    if isinstance(error, app_commands.CommandInvokeError):
        error = error.original
    if isinstance(error, NewsdeskError | RefusedError):
        return str(error) or GENERIC
    if isinstance(error, app_commands.NoPrivateMessage):
        return "This command works only in a server."
    if isinstance(error, app_commands.MissingPermissions):
        return "Only server admins (Manage Server) can use this command."
    if isinstance(error, app_commands.TransformerError | app_commands.CheckFailure):
        return str(error) or GENERIC
    log.error("unexpected error", exc_info=error)
    return GENERIC


async def tell(interaction: discord.Interaction, text: str) -> None:
    """Send a short ephemeral message, whatever state the interaction's response is in."""
    allowed = discord.AllowedMentions.none()
    text = shorten(text, MESSAGE_LIMIT)
    if not interaction.response.is_done():
        await interaction.response.send_message(text, ephemeral=True, allowed_mentions=allowed)
        return
    if interaction.response.type is discord.InteractionResponseType.deferred_channel_message and not (
        interaction.extras.get("ephemeral")
    ):
        # A public "thinking" message would be filled by the next follow-up: remove it so this stays private.
        try:
            await interaction.delete_original_response()
        except discord.HTTPException:
            log.warning("could not delete the deferred response of interaction %s", interaction.id)
    await interaction.followup.send(text, ephemeral=True, allowed_mentions=allowed)


async def report(interaction: discord.Interaction, error: BaseException) -> None:
    """Tell the user what failed (briefly, privately); never raise."""
    text = user_text(error)
    try:
        await tell(interaction, text)
    except discord.HTTPException:
        log.exception("could not report an error to the user of interaction %s", interaction.id)


async def defer(interaction: discord.Interaction, *, ephemeral: bool) -> None:
    """Acknowledge within Discord's 3 s ("thinking…"); remember whether the answer will be private."""
    interaction.extras["ephemeral"] = ephemeral
    await interaction.response.defer(ephemeral=ephemeral, thinking=True)
