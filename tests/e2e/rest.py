"""The fake's REST routes: users, application, command sync, interaction callbacks, webhooks, messages."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .discord_constants import (
    DM,
    FLAG_EPHEMERAL,
    FLAG_LOADING,
    INTENT_DIRECT_MESSAGE_REACTIONS,
    INTENT_DIRECT_MESSAGES,
    INTENT_GUILD_MESSAGE_REACTIONS,
    INTENT_GUILD_MESSAGES,
    MESSAGE_CHAT_INPUT_COMMAND,
    MESSAGE_DEFAULT,
    MESSAGE_REPLY,
    SEND_MESSAGES,
    VIEW_CHANNEL,
)
from .interactions import (
    ALLOWED_CALLBACKS,
    APPLICATION_COMMAND,
    AUTOCOMPLETE_RESULT,
    CHANNEL_MESSAGE,
    DEFERRED_CHANNEL_MESSAGE,
    DEFERRED_UPDATE_MESSAGE,
    MODAL,
    UPDATE_MESSAGE,
    FakeInteraction,
)
from .limits import check_choices, check_message, check_modal
from .models import FakeChannel, FakeGuild, snowflake_time
from .payloads import (
    application_payload,
    channel_payload,
    current_user_payload,
    guild_payload,
    member_payload,
    role_payload,
    user_payload,
)
from .recording import RecordedCall, Reply, as_int, discord_error, form_error, optional_as_int, template_regex
from .store import Upload, parse_emoji, uploads_from

if TYPE_CHECKING:
    import re

    from .fake_discord import FakeDiscord
    from .recording import Handler

JSON = dict[str, Any]
CHANNEL_MESSAGE_FLAGS = 4 | 4096 | 32768  # suppress embeds, suppress notifications, components v2
INTERACTION_MESSAGE_FLAGS = CHANNEL_MESSAGE_FLAGS | FLAG_EPHEMERAL
TRUE_QUERY_VALUES = ("1", "true", "True")


@dataclass(frozen=True)
class Route:
    """A REST route: method, path regex, handler, and whether it needs the bot token."""

    method: str
    pattern: re.Pattern[str]
    handler: Handler
    auth: bool


class RestApi:
    """Answers REST calls from the fake's state; settings (deadline, limits, echoes) are read live."""

    def __init__(self, server: FakeDiscord) -> None:
        self._server = server
        self._world = server.world
        self._store = server.store
        self._commands = server.commands
        self._interactions = server.interactions
        self.table = [Route(m, template_regex(p), h, a) for m, p, h, a in self.routes()]

    def route(self, call: RecordedCall) -> tuple[Route | None, dict[str, str], bool]:
        """The route for a call, its path parameters, and whether the path exists at all (405 vs 404)."""
        path_known = False
        for route in self.table:
            found = route.pattern.fullmatch(call.path)
            if found and route.method == call.method:
                return route, found.groupdict(), True
            path_known = path_known or found is not None
        return None, {}, path_known

    def routes(self) -> list[tuple[str, str, Handler, bool]]:
        """(method, path template, handler, needs the bot token) for every REST route."""
        webhook_message = "/webhooks/{application_id}/{token}/messages/{message_id}"
        channel_message = "/channels/{channel_id}/messages/{message_id}"
        reaction = channel_message + "/reactions/{emoji}"
        commands = "/applications/{application_id}/commands"
        guild_commands = "/applications/{application_id}/guilds/{guild_id}/commands"
        return [
            ("GET", "/users/@me", self._get_me, True),
            ("GET", "/users/@me/guilds", self._get_my_guilds, True),
            ("POST", "/users/@me/channels", self._create_dm, True),
            ("GET", "/users/{user_id}", self._get_user, True),
            ("GET", "/oauth2/applications/@me", self._get_application, True),
            ("GET", "/applications/@me", self._get_application, True),
            ("GET", "/gateway", self._get_gateway, False),
            ("GET", "/gateway/bot", self._get_gateway_bot, True),
            ("GET", commands, self._get_commands, True),
            ("PUT", commands, self._put_commands, True),
            ("GET", guild_commands, self._get_commands, True),
            ("PUT", guild_commands, self._put_commands, True),
            ("POST", "/interactions/{interaction_id}/{token}/callback", self._interaction_callback, False),
            ("POST", "/webhooks/{application_id}/{token}", self._create_followup, False),
            ("GET", webhook_message, self._get_webhook_message, False),
            ("PATCH", webhook_message, self._edit_webhook_message, False),
            ("DELETE", webhook_message, self._delete_webhook_message, False),
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
            ("GET", "/guilds/{guild_id}", self._get_guild, True),
            ("GET", "/guilds/{guild_id}/channels", self._get_guild_channels, True),
            ("GET", "/guilds/{guild_id}/roles", self._get_roles, True),
            ("GET", "/guilds/{guild_id}/members/{user_id}", self._get_member, True),
        ]

    # -- REST: users, application, gateway, commands -------------------------------------------------

    async def _get_me(self, call: RecordedCall, params: dict[str, str]) -> Reply:
        """``GET /users/@me``."""
        return Reply(200, current_user_payload(self._server.bot))

    async def _get_my_guilds(self, call: RecordedCall, params: dict[str, str]) -> Reply:
        """``GET /users/@me/guilds``."""
        return Reply(200, [_partial_guild(g) for g in self._world.guilds])

    async def _create_dm(self, call: RecordedCall, params: dict[str, str]) -> Reply:
        """``POST /users/@me/channels``: open the DM channel with a user."""
        user = self._world.find_user(int((call.json or {}).get("recipient_id", 0)))
        if user is None:
            return form_error("recipient_id", "NUMBER_TYPE_COERCE", "Value is not snowflake.")
        return Reply(200, channel_payload(self._world.dm_channel(user)))

    async def _get_user(self, call: RecordedCall, params: dict[str, str]) -> Reply:
        """``GET /users/{id}``."""
        user = self._world.find_user(as_int(params["user_id"]))
        return Reply(200, user_payload(user)) if user else discord_error(404, 10013, "Unknown User")

    async def _get_application(self, call: RecordedCall, params: dict[str, str]) -> Reply:
        """``GET /oauth2/applications/@me``."""
        return Reply(
            200, application_payload(self._server.application_id, self._server.bot, self._server.owner)
        )

    async def _get_gateway(self, call: RecordedCall, params: dict[str, str]) -> Reply:
        """``GET /gateway``."""
        return Reply(200, {"url": str(self._server.gateway_url)})

    async def _get_gateway_bot(self, call: RecordedCall, params: dict[str, str]) -> Reply:
        """``GET /gateway/bot`` (used by AutoShardedClient)."""
        limits = {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}
        return Reply(200, {"url": str(self._server.gateway_url), "shards": 1, "session_start_limit": limits})

    async def _get_commands(self, call: RecordedCall, params: dict[str, str]) -> Reply:
        """``GET`` the global or a guild's synced commands."""
        return Reply(200, list(self._commands.get(optional_as_int(params.get("guild_id")), {}).values()))

    async def _put_commands(self, call: RecordedCall, params: dict[str, str]) -> Reply:
        """Bulk overwrite (sync) the global or a guild's commands; answers them with ids."""
        guild_id = optional_as_int(params.get("guild_id"))
        previous = self._commands.get(guild_id, {})
        synced = {
            c["name"]: self._synced_command(c, guild_id, previous.get(c["name"])) for c in call.json or []
        }
        self._commands[guild_id] = synced
        return Reply(200, list(synced.values()))

    def _synced_command(self, command: JSON, guild_id: int | None, previous: JSON | None) -> JSON:
        """A command as Discord stores it: with id, application_id, version and guild_id."""
        synced = {
            "type": 1,
            "default_member_permissions": None,
            "nsfw": False,
            "description_localizations": None,
            "name_localizations": None,
            **command,
            "id": previous["id"] if previous else str(self._world.new_id()),
            "application_id": str(self._server.application_id),
            "version": str(self._world.new_id()),
        }
        if guild_id is not None:
            synced["guild_id"] = str(guild_id)
        return synced

    # -- REST: interaction callbacks -------------------------------------------------------------------

    async def _interaction_callback(self, call: RecordedCall, params: dict[str, str]) -> Reply:
        """``POST /interactions/{id}/{token}/callback``: the initial response (types 4 to 9)."""
        interaction = self._interactions.get(as_int(params["interaction_id"]))
        if interaction is None or interaction.token != params["token"] or self._expired(interaction):
            return discord_error(404, 10062, "Unknown interaction")
        if interaction.response_type is not None:
            return discord_error(400, 40060, "Interaction has already been acknowledged.")
        body = call.json or {}
        response_type = body.get("type")
        if response_type not in ALLOWED_CALLBACKS.get(interaction.type, set()):
            return form_error(
                "type", "INTERACTION_RESPONSE_TYPE_INVALID", "Interaction response type invalid"
            )
        error = await self._apply_callback(interaction, response_type, body.get("data") or {}, call)
        if error is not None:
            return error
        interaction.response_type = response_type
        if call.query.get("with_response") not in ("1", "true", "True"):
            return Reply(204)
        return Reply(200, self._callback_body(interaction, response_type))

    def _expired(self, interaction: FakeInteraction) -> bool:
        """Whether the 3-second window to respond has passed."""
        if self._server.interaction_deadline is None:
            return False
        return asyncio.get_running_loop().time() - interaction.created_at > self._server.interaction_deadline

    async def _apply_callback(
        self, interaction: FakeInteraction, response_type: int, data: JSON, call: RecordedCall
    ) -> Reply | None:
        """Carry out a callback; returns an error reply if Discord would refuse it."""
        if response_type == CHANNEL_MESSAGE:
            return await self._respond_with_message(interaction, data, call)
        if response_type == DEFERRED_CHANNEL_MESSAGE:
            return await self._respond_thinking(interaction, data)
        if response_type == DEFERRED_UPDATE_MESSAGE:
            interaction.original_message_id = interaction.message_id
            return None
        if response_type == UPDATE_MESSAGE:
            return await self._respond_update(interaction, data, call)
        if response_type == AUTOCOMPLETE_RESULT:
            interaction.choices = list(data.get("choices") or [])
            return self._limit_error(check_choices(interaction.choices))
        interaction.modal = data
        return self._limit_error(check_modal(data))

    async def _respond_with_message(
        self, interaction: FakeInteraction, data: JSON, call: RecordedCall
    ) -> Reply | None:
        """Type 4: create the original response message."""
        error = self._limit_error(check_message(data, file_count=len(call.files), creating=True))
        if error is not None:
            return error
        message = self._interaction_message(interaction, data, uploads_from(call.files))
        interaction.original_message_id = int(message["id"])
        await self._echo("MESSAGE_CREATE", message)
        return None

    async def _respond_thinking(self, interaction: FakeInteraction, data: JSON) -> None:
        """Type 5: create the "thinking" message (flag LOADING; ephemeral if asked)."""
        flags = FLAG_LOADING | (int(data.get("flags") or 0) & FLAG_EPHEMERAL)
        message = self._interaction_message(interaction, {}, (), flags=flags)
        interaction.original_message_id = int(message["id"])
        await self._echo("MESSAGE_CREATE", message)

    async def _respond_update(
        self, interaction: FakeInteraction, data: JSON, call: RecordedCall
    ) -> Reply | None:
        """Type 7: edit the message the component is attached to."""
        message = None if interaction.message_id is None else self._store.get(interaction.message_id)
        if message is None:
            return discord_error(404, 10008, "Unknown Message")
        error = self._limit_error(check_message(data, file_count=len(call.files), creating=False))
        if error is not None:
            return error
        self._store.edit(message, data, uploads_from(call.files))
        interaction.original_message_id = interaction.message_id
        await self._echo("MESSAGE_UPDATE", message)
        return None

    def _interaction_message(
        self, interaction: FakeInteraction, data: JSON, uploads: Sequence[Upload], *, flags: int | None = None
    ) -> JSON:
        """Store a message created by an interaction response or follow-up."""
        kind = MESSAGE_CHAT_INPUT_COMMAND if interaction.type == APPLICATION_COMMAND else MESSAGE_DEFAULT
        return self._store.create(
            channel=self._world.channel(interaction.channel_id),
            author=self._server.bot,
            payload=data,
            uploads=uploads,
            kind=kind,
            flags=int(data.get("flags") or 0) & INTERACTION_MESSAGE_FLAGS if flags is None else flags,
            extra={
                "webhook_id": str(self._server.application_id),
                "application_id": str(self._server.application_id),
                "interaction_metadata": self._interaction_metadata(interaction),
            },
        )

    def _interaction_metadata(self, interaction: FakeInteraction) -> JSON:
        """The ``interaction_metadata`` of a message created by an interaction."""
        metadata: JSON = {
            "id": str(interaction.id),
            "type": interaction.type,
            "user": user_payload(interaction.user),
            "authorizing_integration_owners": interaction.payload["authorizing_integration_owners"],
        }
        if interaction.type == APPLICATION_COMMAND:
            metadata["name"] = interaction.payload["data"].get("name")
        if interaction.message_id is not None:
            metadata["interacted_message_id"] = str(interaction.message_id)
        return metadata

    def _callback_body(self, interaction: FakeInteraction, response_type: int) -> JSON:
        """The ``?with_response=1`` body: the interaction summary and the resource it created."""
        message = self._server.original_message(interaction)
        summary: JSON = {"id": str(interaction.id), "type": interaction.type}
        resource: JSON = {"type": response_type}
        if message is not None and response_type not in (AUTOCOMPLETE_RESULT, MODAL):
            summary["response_message_id"] = message["id"]
            summary["response_message_loading"] = bool(message["flags"] & FLAG_LOADING)
            summary["response_message_ephemeral"] = bool(message["flags"] & FLAG_EPHEMERAL)
            resource["message"] = message
        return {"interaction": summary, "resource": resource}

    # -- REST: follow-ups and webhook messages -------------------------------------------------------

    async def _create_followup(self, call: RecordedCall, params: dict[str, str]) -> Reply:
        """``POST /webhooks/{app}/{token}``: a follow-up (the first after a defer fills the thinking message)."""
        interaction = self._interaction_for_webhook(params)
        if interaction is None or interaction.response_type in (None, AUTOCOMPLETE_RESULT):
            return discord_error(404, 10015, "Unknown Webhook")
        data = call.json or {}
        error = self._limit_error(check_message(data, file_count=len(call.files), creating=True))
        if error is not None:
            return error
        message = self._thinking_message(interaction)
        if message is not None:
            self._store.fill(message, data, uploads_from(call.files))
            await self._echo("MESSAGE_UPDATE", message)
        else:
            message = self._interaction_message(interaction, data, uploads_from(call.files))
            interaction.followup_ids.append(int(message["id"]))
            await self._echo("MESSAGE_CREATE", message)
        return Reply(200, message) if call.query.get("wait") in ("1", "true", "True") else Reply(204)

    def _thinking_message(self, interaction: FakeInteraction) -> JSON | None:
        """The original message if it is still "thinking" (deferred and not yet filled)."""
        message = self._server.original_message(interaction)
        return message if message is not None and message["flags"] & FLAG_LOADING else None

    def _interaction_for_webhook(self, params: dict[str, str]) -> FakeInteraction | None:
        """The interaction whose token the webhook route uses."""
        if as_int(params["application_id"]) != self._server.application_id:
            return None
        return next((i for i in self._interactions.values() if i.token == params["token"]), None)

    def _webhook_message(self, params: dict[str, str]) -> tuple[FakeInteraction | None, JSON | None]:
        """The interaction and the message (``@original`` or a follow-up id) a webhook route refers to."""
        interaction = self._interaction_for_webhook(params)
        if interaction is None:
            return None, None
        if params["message_id"] == "@original":
            return interaction, self._server.original_message(interaction)
        message_id = as_int(params["message_id"])
        if message_id not in (*interaction.followup_ids, interaction.original_message_id):
            return interaction, None
        return interaction, self._store.get(message_id)

    async def _get_webhook_message(self, call: RecordedCall, params: dict[str, str]) -> Reply:
        """``GET /webhooks/{app}/{token}/messages/{id|@original}``."""
        interaction, message = self._webhook_message(params)
        if interaction is None:
            return discord_error(404, 10015, "Unknown Webhook")
        return Reply(200, message) if message else discord_error(404, 10008, "Unknown Message")

    async def _edit_webhook_message(self, call: RecordedCall, params: dict[str, str]) -> Reply:
        """``PATCH /webhooks/{app}/{token}/messages/{id|@original}``."""
        interaction, message = self._webhook_message(params)
        if interaction is None:
            return discord_error(404, 10015, "Unknown Webhook")
        if message is None:
            return discord_error(404, 10008, "Unknown Message")
        error = self._limit_error(check_message(call.json or {}, file_count=len(call.files), creating=False))
        if error is not None:
            return error
        was_thinking = bool(message["flags"] & FLAG_LOADING)
        edit = self._store.fill if was_thinking else self._store.edit
        edit(message, call.json or {}, uploads_from(call.files))
        await self._echo("MESSAGE_UPDATE", message)
        return Reply(200, message)

    async def _delete_webhook_message(self, call: RecordedCall, params: dict[str, str]) -> Reply:
        """``DELETE /webhooks/{app}/{token}/messages/{id|@original}``."""
        interaction, message = self._webhook_message(params)
        if interaction is None:
            return discord_error(404, 10015, "Unknown Webhook")
        if message is None:
            return discord_error(404, 10008, "Unknown Message")
        await self._delete(message)
        return Reply(204)

    # -- REST: channels and messages -----------------------------------------------------------------

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

    async def _delete(self, message: JSON) -> None:
        """Delete a stored message and tell the client."""
        self._store.delete(int(message["id"]))
        event = {"id": message["id"], "channel_id": message["channel_id"]}
        channel = self._world.find_channel(int(message["channel_id"]))
        if channel is not None and channel.guild_id is not None:
            event["guild_id"] = str(channel.guild_id)
        await self._echo_raw("MESSAGE_DELETE", event, message)

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

    # -- REST: guilds --------------------------------------------------------------------------------

    async def _get_guild(self, call: RecordedCall, params: dict[str, str]) -> Reply:
        """``GET /guilds/{id}`` (without members and channels, as over REST)."""
        guild = self._world.find_guild(as_int(params["guild_id"]))
        if guild is None:
            return discord_error(404, 10004, "Unknown Guild")
        payload = guild_payload(guild, include_all_members=False, joined_at=snowflake_time(guild.id))
        return Reply(200, {k: v for k, v in payload.items() if k not in _GATEWAY_ONLY_GUILD_FIELDS})

    async def _get_guild_channels(self, call: RecordedCall, params: dict[str, str]) -> Reply:
        """``GET /guilds/{id}/channels``."""
        guild = self._world.find_guild(as_int(params["guild_id"]))
        if guild is None:
            return discord_error(404, 10004, "Unknown Guild")
        return Reply(200, [channel_payload(c) for c in guild.text_channels()])

    async def _get_roles(self, call: RecordedCall, params: dict[str, str]) -> Reply:
        """``GET /guilds/{id}/roles``."""
        guild = self._world.find_guild(as_int(params["guild_id"]))
        if guild is None:
            return discord_error(404, 10004, "Unknown Guild")
        return Reply(200, [role_payload(r) for r in guild.roles.values()])

    async def _get_member(self, call: RecordedCall, params: dict[str, str]) -> Reply:
        """``GET /guilds/{id}/members/{user_id}``."""
        guild = self._world.find_guild(as_int(params["guild_id"]))
        if guild is None:
            return discord_error(404, 10004, "Unknown Guild")
        member = guild.members.get(as_int(params["user_id"]))
        return Reply(200, member_payload(member)) if member else discord_error(404, 10007, "Unknown Member")

    # -- echoes and checks -----------------------------------------------------------------------------

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


_GATEWAY_ONLY_GUILD_FIELDS = {
    "members",
    "channels",
    "threads",
    "presences",
    "voice_states",
    "stage_instances",
    "guild_scheduled_events",
    "embedded_activities",
    "activity_instances",
    "joined_at",
    "large",
    "lazy",
    "member_count",
    "unavailable",
}


def _partial_guild(guild: FakeGuild) -> JSON:
    """A guild as listed by ``GET /users/@me/guilds``."""
    return {
        "id": str(guild.id),
        "name": guild.name,
        "icon": None,
        "owner": False,
        "permissions": "0",
        "features": [],
    }
