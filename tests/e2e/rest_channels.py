"""The fake's REST routes for channels, their messages and the messages' reactions."""

from __future__ import annotations

from typing import Any

from .discord_constants import MESSAGE_DEFAULT, MESSAGE_REPLY, SEND_MESSAGES, VIEW_CHANNEL
from .limits import check_message
from .models import FakeChannel
from .payloads import channel_payload, user_payload
from .recording import RecordedCall, Reply, as_int, discord_error, form_error
from .rest_resource import CHANNEL_MESSAGE_FLAGS, RestResource, RouteSpec
from .store import parse_emoji, uploads_from

JSON = dict[str, Any]


class ChannelRoutes(RestResource):
    """``/channels/{id}``, its messages (sent, edited, deleted) and their reactions."""

    def routes(self) -> list[RouteSpec]:
        """The channel, message and reaction routes (see RouteSpec)."""
        channel_message = "/channels/{channel_id}/messages/{message_id}"
        reaction = channel_message + "/reactions/{emoji}"
        return [
            ("GET", "/channels/{channel_id}", self._get_channel, True),
            ("POST", "/channels/{channel_id}/typing", self._typing, True),
            ("GET", "/channels/{channel_id}/messages", self._get_history, True),
            ("POST", "/channels/{channel_id}/messages", self._create_message, True),
            ("GET", channel_message, self._get_message, True),
            ("PATCH", channel_message, self._edit_message, True),
            ("DELETE", channel_message, self._delete_message, True),
            ("GET", reaction, self._get_reactions, True),
            ("PUT", reaction + "/@me", self._add_reaction, True),
            ("DELETE", reaction + "/{user_id}", self._remove_reaction, True),
            ("DELETE", channel_message + "/reactions", self._clear_reactions, True),
        ]

    async def _get_channel(self, call: RecordedCall, params: dict[str, str]) -> Reply:
        """``GET /channels/{id}``."""
        channel = self._world.find_channel(as_int(params["channel_id"]))
        return (
            Reply(200, channel_payload(channel)) if channel else discord_error(404, 10003, "Unknown Channel")
        )

    async def _typing(self, call: RecordedCall, params: dict[str, str]) -> Reply:
        """``POST /channels/{id}/typing``."""
        channel = self._world.find_channel(as_int(params["channel_id"]))
        return Reply(204) if channel else discord_error(404, 10003, "Unknown Channel")

    async def _get_history(self, call: RecordedCall, params: dict[str, str]) -> Reply:
        """``GET /channels/{id}/messages``."""
        channel = self._world.find_channel(as_int(params["channel_id"]))
        if channel is None:
            return discord_error(404, 10003, "Unknown Channel")
        return Reply(200, self._store.history(channel.id, call.query))

    async def _create_message(self, call: RecordedCall, params: dict[str, str]) -> Reply:
        """``POST /channels/{id}/messages`` (JSON or multipart with ``payload_json``)."""
        channel = self._world.find_channel(as_int(params["channel_id"]))
        if channel is None:
            return discord_error(404, 10003, "Unknown Channel")
        data = call.json or {}
        reference, reference_error = self._reference(channel, data.get("message_reference"))
        error = (
            self._send_denied(channel)
            or self._limit_error(check_message(data, file_count=len(call.files), creating=True))
            or reference_error
        )
        if error is not None:
            return error
        message = self._store.create(
            channel=channel,
            author=self._server.bot,
            payload=data,
            uploads=uploads_from(call.files),
            kind=MESSAGE_DEFAULT if reference is None else MESSAGE_REPLY,
            flags=int(data.get("flags") or 0) & CHANNEL_MESSAGE_FLAGS,
            reference=reference,
        )
        await self._echo("MESSAGE_CREATE", message)
        return Reply(200, message)

    def _send_denied(self, channel: FakeChannel) -> Reply | None:
        """A 403 if the bot may not see or send in the channel."""
        permissions = self._world.bot_permissions(channel)
        if not permissions & VIEW_CHANNEL:
            return discord_error(403, 50001, "Missing Access")
        if not permissions & SEND_MESSAGES:
            return discord_error(403, 50013, "Missing Permissions")
        return None

    def _reference(self, channel: FakeChannel, reference: JSON | None) -> tuple[JSON | None, Reply | None]:
        """The message a reply refers to, or the error Discord gives for an unknown one."""
        if not reference or reference.get("message_id") is None:
            return None, None
        channel_id = as_int(reference.get("channel_id") or channel.id)
        message = self._store.get(as_int(reference["message_id"]), channel_id)
        if message is None and reference.get("fail_if_not_exists", True):
            error = form_error("message_reference", "MESSAGE_REFERENCE_UNKNOWN_MESSAGE", "Unknown message")
            return None, error
        return message, None

    async def _get_message(self, call: RecordedCall, params: dict[str, str]) -> Reply:
        """``GET /channels/{id}/messages/{id}`` (stored messages, including seeded ones)."""
        message = self._store.get(as_int(params["message_id"]), as_int(params["channel_id"]))
        return Reply(200, message) if message else discord_error(404, 10008, "Unknown Message")

    async def _edit_message(self, call: RecordedCall, params: dict[str, str]) -> Reply:
        """``PATCH /channels/{id}/messages/{id}`` (only the bot's own messages)."""
        message = self._store.get(as_int(params["message_id"]), as_int(params["channel_id"]))
        if message is None:
            return discord_error(404, 10008, "Unknown Message")
        if int(message["author"]["id"]) != self._server.bot.id:
            return discord_error(403, 50005, "Cannot edit a message authored by another user")
        error = self._limit_error(check_message(call.json or {}, file_count=len(call.files), creating=False))
        if error is not None:
            return error
        self._store.edit(message, call.json or {}, uploads_from(call.files))
        await self._echo("MESSAGE_UPDATE", message)
        return Reply(200, message)

    async def _delete_message(self, call: RecordedCall, params: dict[str, str]) -> Reply:
        """``DELETE /channels/{id}/messages/{id}``."""
        message = self._store.get(as_int(params["message_id"]), as_int(params["channel_id"]))
        if message is None:
            return discord_error(404, 10008, "Unknown Message")
        await self._delete(message)
        return Reply(204)

    # -- REST: reactions -----------------------------------------------------------------------------

    async def _get_reactions(self, call: RecordedCall, params: dict[str, str]) -> Reply:
        """``GET .../reactions/{emoji}``: the users who reacted."""
        message = self._store.get(as_int(params["message_id"]), as_int(params["channel_id"]))
        if message is None:
            return discord_error(404, 10008, "Unknown Message")
        return Reply(
            200, [user_payload(u) for u in self._store.reactors(message, parse_emoji(params["emoji"]))]
        )

    async def _add_reaction(self, call: RecordedCall, params: dict[str, str]) -> Reply:
        """``PUT .../reactions/{emoji}/@me``."""
        message = self._store.get(as_int(params["message_id"]), as_int(params["channel_id"]))
        if message is None:
            return discord_error(404, 10008, "Unknown Message")
        emoji = parse_emoji(params["emoji"])
        self._store.react(message, emoji, self._server.bot.id, add=True)
        await self._echo_raw(
            "MESSAGE_REACTION_ADD", self._store.reaction_event(message, emoji, self._server.bot), message
        )
        return Reply(204)

    async def _remove_reaction(self, call: RecordedCall, params: dict[str, str]) -> Reply:
        """``DELETE .../reactions/{emoji}/{@me|user_id}``."""
        message = self._store.get(as_int(params["message_id"]), as_int(params["channel_id"]))
        if message is None:
            return discord_error(404, 10008, "Unknown Message")
        user_id = self._server.bot.id if params["user_id"] == "@me" else as_int(params["user_id"])
        self._store.react(message, parse_emoji(params["emoji"]), user_id, add=False)
        return Reply(204)

    async def _clear_reactions(self, call: RecordedCall, params: dict[str, str]) -> Reply:
        """``DELETE .../reactions``."""
        message = self._store.get(as_int(params["message_id"]), as_int(params["channel_id"]))
        if message is None:
            return discord_error(404, 10008, "Unknown Message")
        self._store.clear_reactions(message)
        return Reply(204)
