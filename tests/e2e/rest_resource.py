"""What the fake's REST route groups share: their view of the server, echoes to the gateway, limit checks."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, Any

from .discord_constants import (
    DM,
    FLAG_EPHEMERAL,
    INTENT_DIRECT_MESSAGE_REACTIONS,
    INTENT_DIRECT_MESSAGES,
    INTENT_GUILD_MESSAGE_REACTIONS,
    INTENT_GUILD_MESSAGES,
)
from .recording import Handler, Reply

if TYPE_CHECKING:
    from .fake_discord import FakeDiscord

JSON = dict[str, Any]
RouteSpec = tuple[str, str, Handler, bool]  # method, path template, handler, needs the bot token
CHANNEL_MESSAGE_FLAGS = 4 | 4096 | 32768  # suppress embeds, suppress notifications, components v2
INTERACTION_MESSAGE_FLAGS = CHANNEL_MESSAGE_FLAGS | FLAG_EPHEMERAL
TRUE_QUERY_VALUES = ("1", "true", "True")


class RestResource(ABC):
    """A group of REST routes answered from the fake's state; settings (deadline, limits, echoes) are read live."""

    def __init__(self, server: FakeDiscord) -> None:
        self._server = server
        self._world = server.world
        self._store = server.store
        self._commands = server.commands
        self._interactions = server.interactions

    @abstractmethod
    def routes(self) -> list[RouteSpec]:
        """(method, path template, handler, needs the bot token) for every route of the group, in match order."""

    # -- shared by the groups ----------------------------------------------------------------------------

    async def _delete(self, message: JSON) -> None:
        """Delete a stored message and tell the client."""
        self._store.delete(int(message["id"]))
        event = {"id": message["id"], "channel_id": message["channel_id"]}
        channel = self._world.find_channel(int(message["channel_id"]))
        if channel is not None and channel.guild_id is not None:
            event["guild_id"] = str(channel.guild_id)
        await self._echo_raw("MESSAGE_DELETE", event, message)

    async def _echo(self, event: str, message: JSON) -> None:
        """Echo the bot's own (non-ephemeral) message as a gateway event, as Discord does."""
        await self._echo_raw(event, self._store.gateway_payload(message), message)

    async def _echo_raw(self, event: str, data: JSON, message: JSON) -> None:
        """Send an echo if enabled, the message is visible, and the session's intents cover it."""
        if (
            not self._server.echo_bot_messages
            or message["flags"] & FLAG_EPHEMERAL
            or self._server.intents is None
        ):
            return
        channel = self._world.find_channel(int(message["channel_id"]))
        is_dm = channel is not None and channel.type == DM
        if event.startswith("MESSAGE_REACTION"):
            needed = INTENT_DIRECT_MESSAGE_REACTIONS if is_dm else INTENT_GUILD_MESSAGE_REACTIONS
        else:
            needed = INTENT_DIRECT_MESSAGES if is_dm else INTENT_GUILD_MESSAGES
        if self._server.intents & needed:
            await self._server.gateway.dispatch_if_live(event, data)

    def _limit_error(self, body: JSON | None) -> Reply | None:
        """A 400 reply for a limit error body (unless limit checks are off)."""
        return None if body is None or not self._server.check_limits else Reply(400, body)
