"""The Discord bot: a `commands.Bot` given the Desk and Settings, with its cogs loaded in `setup_hook`."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.desk import Desk
from bot.discord import errors
from bot.discord.state import AnswerCache, Cooldowns, RecentCitations
from bot.discord.views import DYNAMIC_ITEMS
from bot.discord.work_queue import WorkQueue
from bot.settings import Settings

log = logging.getLogger("newsdesk.discord")

EXTENSIONS = (
    "bot.discord.cogs.questions",
    "bot.discord.cogs.sources",
    "bot.discord.cogs.admin",
    "bot.discord.cogs.feeds",
)
OUTSIDE_ALLOW_LIST = "I don't answer in this channel; ask in one of the channels the admins set up for me."


def bot_intents(settings: Settings) -> discord.Intents:
    """Guilds and guild messages; message content only when the settings ask for it (it is privileged)."""
    intents = discord.Intents.none()
    intents.guilds = True
    intents.guild_messages = True
    intents.message_content = settings.message_content_intent
    return intents


class NewsdeskTree(app_commands.CommandTree["NewsdeskBot"]):
    """The command tree: refuses channels outside the allow-list and turns every error into a private note."""

    async def interaction_check(self, interaction: discord.Interaction[NewsdeskBot], /) -> bool:
        """Whether the interaction's channel is allowed; if not, say so (or offer no choices)."""
        if self.client.channel_allowed(
            interaction.channel_id, getattr(interaction.channel, "parent_id", None)
        ):
            return True
        if interaction.type is discord.InteractionType.autocomplete:
            await interaction.response.autocomplete([])
        else:
            await errors.tell(interaction, OUTSIDE_ALLOW_LIST)
        return False

    async def on_error(
        self, interaction: discord.Interaction[NewsdeskBot], error: app_commands.AppCommandError, /
    ) -> None:
        """A short ephemeral message for the user, the detail in the log."""
        await errors.report(interaction, error)


class NewsdeskBot(commands.Bot):
    """Answers questions about the news articles (mentions, replies, slash commands) using a Desk."""

    def __init__(
        self, desk: Desk, settings: Settings, *, warm_up: bool = True, **client_options: Any
    ) -> None:
        super().__init__(
            **client_options,
            command_prefix=commands.when_mentioned,
            intents=bot_intents(settings),
            tree_cls=NewsdeskTree,
            help_command=None,
            allowed_mentions=discord.AllowedMentions.none(),
        )
        self.desk = desk
        self.settings = settings
        self.warm_up = warm_up
        self.cooldowns = Cooldowns(settings.cooldown_seconds)
        self.answers = AnswerCache()
        self.citations = RecentCitations()
        self.reindexing = asyncio.Lock()
        self.work = WorkQueue(settings.answer_workers, settings.queue_limit)

    async def setup_hook(self) -> None:
        """Load the cogs, register the persistent buttons and load the model once (in a thread)."""
        for extension in EXTENSIONS:
            await self.load_extension(extension)
        self.add_dynamic_items(*DYNAMIC_ITEMS)
        if self.warm_up:
            await asyncio.to_thread(self.desk.warm_up)
            log.info("embedding model loaded")

    async def close(self) -> None:
        """Disconnect, then let the questions under way finish."""
        await super().close()
        await asyncio.to_thread(self.work.shutdown)

    async def on_message(self, message: discord.Message, /) -> None:
        """No prefix commands: questions in messages are handled by the Questions cog's listener."""

    def channel_allowed(self, channel_id: int | None, parent_id: int | None = None) -> bool:
        """Whether the bot works in this channel or thread (an empty allow-list allows every channel)."""
        allowed = self.settings.discord_channels
        return not allowed or channel_id in allowed or (parent_id is not None and parent_id in allowed)

    def check_cooldown(self, user_id: int) -> None:
        """Start the user's question cooldown, or raise OnCooldownError if it is still running."""
        wait = self.cooldowns.acquire(user_id)
        if wait > 0:
            raise errors.OnCooldownError(wait)


class ShardedNewsdeskBot(NewsdeskBot, commands.AutoShardedBot):
    """The same bot on discord.py's AutoShardedClient: one process holding a gateway connection per shard."""

    def __init__(self, desk: Desk, settings: Settings, *, warm_up: bool = True) -> None:
        # None: as many shards as Discord recommends (GET /gateway/bot) for the number of servers.
        super().__init__(desk, settings, warm_up=warm_up, shard_count=settings.discord_shard_count)


def make_bot(desk: Desk, settings: Settings, *, warm_up: bool = True) -> NewsdeskBot:
    """The bot the settings ask for: sharded (NEWSDESK_DISCORD_AUTO_SHARD) or on one gateway connection."""
    if settings.discord_auto_shard:
        return ShardedNewsdeskBot(desk, settings, warm_up=warm_up)
    return NewsdeskBot(desk, settings, warm_up=warm_up)


async def sync_commands(bot: commands.Bot, guild_id: int | None = None) -> list[app_commands.AppCommand]:
    """Publish the slash commands: to one guild (immediate), or globally when no guild is given."""
    if guild_id is None:
        return await bot.tree.sync()
    guild = discord.Object(guild_id)
    bot.tree.copy_global_to(guild=guild)
    return await bot.tree.sync(guild=guild)


async def login_and_sync(
    bot: commands.Bot, token: str, guild_id: int | None = None
) -> list[app_commands.AppCommand]:
    """Log in over REST only (no gateway), sync the commands and close."""
    async with bot:
        await bot.login(token)
        return await sync_commands(bot, guild_id)
