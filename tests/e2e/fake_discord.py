"""A fake Discord for end-to-end tests: REST under ``/api/v10`` and a JSON gateway at ``/gateway``.

It runs on 127.0.0.1 (a free port) and lets the real discord.py client log in, sync its commands,
receive interactions and messages, and answer them. Every REST call is recorded; waits are bounded.

    async with FakeDiscord() as server:
        # point discord.py at server.api_url / server.gateway_url (see harness.point_discord_py_at)
        interaction = await server.send_slash_command("ask", {"question": "Who won?"})
        deferred = await server.wait_for_response(interaction)
        followup = await server.wait_for_followup(interaction)

It behaves like Discord where a test could notice: 3 s to answer an interaction, Discord's message
limits (400 Invalid Form Body), mentions computed with ``allowed_mentions``, message content blanked
without the message content intent, the first follow-up after a defer filling the "thinking" message,
the bot's own messages echoed back as gateway events, and 429s shaped like Discord's.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import replace
from typing import Any

import yarl
from aiohttp import web

from .discord_constants import (
    DM,
    INTENT_DIRECT_MESSAGE_REACTIONS,
    INTENT_DIRECT_MESSAGES,
    INTENT_GUILD_MEMBERS,
    INTENT_GUILD_MESSAGE_REACTIONS,
    INTENT_GUILD_MESSAGES,
    INTENT_MESSAGE_CONTENT,
    MESSAGE_DEFAULT,
    MESSAGE_REPLY,
    PRIVILEGED_INTENTS,
)
from .fake_gateway import Dispatch, FakeGateway, GatewayConnection, GatewaySession
from .interactions import (
    APPLICATION_COMMAND,
    AUTOCOMPLETE,
    MESSAGE_COMPONENT,
    MODAL_SUBMIT,
    Commands,
    FakeInteraction,
    InteractionFactory,
)
from .models import FakeChannel, FakeGuild, FakeMember, FakeRole, FakeUser, snowflake_time
from .payloads import guild_payload, member_payload, ready_payload
from .recording import (
    API_PREFIX,
    PathPattern,
    RecordedCall,
    Reply,
    Rule,
    as_int,
    discord_error,
    parse_request,
    path_matcher,
    to_response,
    too_many_requests,
)
from .rest import RestApi
from .store import MessageStore, Upload, parse_emoji
from .waiting import DEFAULT_TIMEOUT, FakeDiscordError, Signal
from .world import World, build_world

__all__ = ["FakeDiscord", "FakeDiscordError", "FakeInteraction", "RecordedCall", "Upload"]

JSON = dict[str, Any]
NOT_FOUND = Reply(404, {"message": "404: Not Found", "code": 0})


class FakeDiscord:
    """A fake Discord server for one discord.py client: REST, gateway, and helpers to drive and inspect it."""

    def __init__(
        self,
        *,
        token: str = "fake-bot-token",
        guild_count: int = 1,
        heartbeat_interval_ms: int = 41_250,
        interaction_deadline: float | None = 3.0,
        privileged_intents: int = PRIVILEGED_INTENTS,
        echo_bot_messages: bool = True,
        check_limits: bool = True,
    ) -> None:
        self._token = token
        self.world: World = build_world(guild_count)
        self.interaction_deadline = interaction_deadline
        self.echo_bot_messages = echo_bot_messages
        self.check_limits = check_limits
        self.calls: list[RecordedCall] = []
        self.internal_errors: list[BaseException] = []
        self.commands: Commands = {}
        self.interactions: dict[int, FakeInteraction] = {}
        self.store = MessageStore(self.world, lambda: self.base_url)
        self._signal = Signal()
        self._rules: list[Rule] = []
        self._factory = InteractionFactory(self.world, self.store, self.commands, self.application_id)
        self._rest = RestApi(self)
        self._runner: web.AppRunner | None = None
        self._port = 0
        self.gateway = FakeGateway(
            token=token,
            signal=self._signal,
            heartbeat_interval_ms=heartbeat_interval_ms,
            privileged_intents=privileged_intents,
            on_identify=self._ready_dispatches,
            on_request_members=self._member_chunks,
        )

    # -- lifecycle -----------------------------------------------------------------------------------

    async def start(self) -> None:
        """Start serving on 127.0.0.1 with a free port."""
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_get("/gateway", self.gateway.handle)
        app.router.add_get("/resume-gateway", self.gateway.handle)
        app.router.add_get("/attachments/{attachment_id}/{filename}", self._serve_attachment)
        app.router.add_route("*", API_PREFIX + "/{tail:.*}", self._handle_api)
        self._runner = web.AppRunner(app, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self._port = self._runner.addresses[0][1]

    async def close(self) -> None:
        """Close the gateway sockets and stop serving."""
        await self.gateway.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeDiscord:
        """Start the server."""
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        """Stop the server."""
        await self.close()

    @property
    def token(self) -> str:
        """The bot token the fake accepts (REST ``Authorization: Bot ...`` and gateway IDENTIFY)."""
        return self._token

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT``."""
        return f"http://127.0.0.1:{self._port}"

    @property
    def api_url(self) -> str:
        """The value for ``discord.http.Route.BASE``."""
        return self.base_url + API_PREFIX

    @property
    def gateway_url(self) -> yarl.URL:
        """The value for ``discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY``."""
        return yarl.URL(f"ws://127.0.0.1:{self._port}/gateway")

    @property
    def resume_gateway_url(self) -> str:
        """The ``resume_gateway_url`` sent in READY (a distinct path, so tests can see it was used)."""
        return f"ws://127.0.0.1:{self._port}/resume-gateway"

    # -- the world -----------------------------------------------------------------------------------

    @property
    def bot(self) -> FakeUser:
        """The bot's user."""
        return self.world.bot

    @property
    def application_id(self) -> int:
        """The application id (the same as the bot's user id, as for modern apps)."""
        return self.world.bot.id

    @property
    def owner(self) -> FakeUser:
        """The guild owner, also the application's owner."""
        return self.world.owner

    @property
    def admin(self) -> FakeUser:
        """A member whose Moderators role grants Manage Server (not Administrator)."""
        return self.world.admin

    @property
    def member(self) -> FakeUser:
        """A plain member with @everyone's permissions only."""
        return self.world.member

    @property
    def guild(self) -> FakeGuild:
        """The first guild."""
        return self.world.guild

    @property
    def channel(self) -> FakeChannel:
        """The first guild's #general."""
        return self.guild.text_channels()[0]

    @property
    def news_channel(self) -> FakeChannel:
        """The first guild's #news."""
        return self.guild.text_channels()[1]

    def add_member(self, username: str, *, permissions: int = 0, guild: FakeGuild | None = None) -> FakeUser:
        """Add a member (before the client connects), with a role granting ``permissions`` if non-zero."""
        guild = guild or self.guild
        user = self.world.add_user(username)
        role_ids = []
        if permissions:
            role = FakeRole(self.world.new_id(), f"{username}-role", permissions, position=len(guild.roles))
            guild.roles[role.id] = role
            role_ids.append(role.id)
        self.world.join(guild, user, role_ids)
        return user

    def dm_channel(self, user: FakeUser | None = None) -> FakeChannel:
        """The DM channel between the bot and a user (the plain member by default)."""
        return self.world.dm_channel(user or self.member)

    def set_overwrite(self, channel: FakeChannel, target_id: int, *, allow: int = 0, deny: int = 0) -> None:
        """Set a permission overwrite on a channel for a role or member id (e.g. deny the bot SEND_MESSAGES)."""
        guild = self.world.guild_of(channel)
        if guild is None:
            raise FakeDiscordError("DM channels have no permission overwrites")
        kind = 0 if target_id in guild.roles else 1
        channel.overwrites = [o for o in channel.overwrites if int(o["id"]) != target_id]
        channel.overwrites.append(
            {"id": str(target_id), "type": kind, "allow": str(allow), "deny": str(deny)}
        )

    # -- recorded calls --------------------------------------------------------------------------------

    def mark(self) -> int:
        """The index the next recorded call will get (pass it as ``since`` to ignore earlier calls)."""
        return len(self.calls)

    def calls_matching(
        self,
        method: str | None,
        path: PathPattern,
        *,
        since: int = 0,
        where: Callable[[RecordedCall], bool] | None = None,
        include_rate_limited: bool = False,
    ) -> list[RecordedCall]:
        """Recorded calls for a method (None: any) and path ("*" or "{name}" match one segment, or a regex)."""
        matcher = path_matcher(path)
        return [
            call
            for call in self.calls[since:]
            if (method is None or call.method == method.upper())
            and matcher.fullmatch(call.path)
            and (include_rate_limited or call.status != 429)
            and (where is None or where(call))
        ]

    async def wait_for_call(
        self,
        method: str | None,
        path: PathPattern,
        *,
        since: int = 0,
        where: Callable[[RecordedCall], bool] | None = None,
        include_rate_limited: bool = False,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> RecordedCall:
        """The first matching call (already recorded or coming), waiting at most ``timeout`` seconds."""
        calls = await self.wait_for_calls(
            method,
            path,
            1,
            since=since,
            where=where,
            include_rate_limited=include_rate_limited,
            timeout=timeout,
        )
        return calls[0]

    async def wait_for_calls(
        self,
        method: str | None,
        path: PathPattern,
        count: int,
        *,
        since: int = 0,
        where: Callable[[RecordedCall], bool] | None = None,
        include_rate_limited: bool = False,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> list[RecordedCall]:
        """The first ``count`` matching calls, waiting at most ``timeout`` seconds."""

        def probe() -> list[RecordedCall] | None:
            found = self.calls_matching(
                method, path, since=since, where=where, include_rate_limited=include_rate_limited
            )
            return found[:count] if len(found) >= count else None

        def what() -> str:
            return f"{count} call(s) {method or '*'} {path}; recorded so far: {self.describe_calls(since)}"

        return await self._signal.wait_until(probe, timeout=timeout, what=what)

    def describe_calls(self, since: int = 0) -> str:
        """The recorded calls as ``[METHOD /path -> status, ...]``, for failure messages."""
        return "[" + ", ".join(str(call) for call in self.calls[since:]) + "]"

    def watch(self, task: asyncio.Task[Any]) -> None:
        """Make every wait fail at once if this task (the client's connect task) ends."""
        self._signal.watch(task)

    def unwatch(self, task: asyncio.Task[Any]) -> None:
        """Stop watching a task."""
        self._signal.unwatch(task)

    # -- injected failures -----------------------------------------------------------------------------

    def rate_limit(
        self,
        method: str,
        path: PathPattern,
        *,
        times: int = 1,
        retry_after: float = 0.05,
        is_global: bool = False,
        bucket: str = "fake0bucket0hash",
    ) -> None:
        """Answer the next ``times`` matching calls with a 429 shaped like Discord's (discord.py retries)."""
        self._rules.append(
            Rule(
                method.upper(),
                path_matcher(path),
                times,
                lambda: too_many_requests(retry_after, is_global, bucket),
            )
        )

    def fail(
        self,
        method: str,
        path: PathPattern,
        *,
        status: int,
        code: int = 0,
        message: str | None = None,
        times: int = 1,
    ) -> None:
        """Answer the next ``times`` matching calls with an error (note: discord.py sleeps then retries 5xx)."""
        body = {"message": message or f"{status}: fake_discord injected error", "code": code}
        self._rules.append(Rule(method.upper(), path_matcher(path), times, lambda: Reply(status, body)))

    # -- messages ------------------------------------------------------------------------------------

    @property
    def messages(self) -> dict[int, JSON]:
        """Every stored message by id."""
        return self.store.messages

    def get_message(self, message_id: int) -> JSON | None:
        """A stored message."""
        return self.store.get(message_id)

    def bot_messages(self, channel: FakeChannel | None = None) -> list[JSON]:
        """Messages authored by the bot (channel messages and interaction responses), oldest first."""
        return [
            m
            for m in self.store.messages.values()
            if int(m["author"]["id"]) == self.bot.id
            and (channel is None or int(m["channel_id"]) == channel.id)
        ]

    def original_message(self, interaction: FakeInteraction) -> JSON | None:
        """The interaction's original response message, if any."""
        if interaction.original_message_id is None:
            return None
        return self.store.get(interaction.original_message_id)

    def followup_messages(self, interaction: FakeInteraction) -> list[JSON]:
        """The interaction's follow-up messages that still exist."""
        return [m for m in map(self.store.get, interaction.followup_ids) if m is not None]

    def seed_message(
        self,
        content: str = "",
        *,
        channel: FakeChannel | None = None,
        author: FakeUser | None = None,
        embeds: Sequence[JSON] = (),
        components: Sequence[JSON] = (),
        reply_to: int | JSON | None = None,
        uploads: Sequence[Upload] = (),
    ) -> JSON:
        """Store a message without dispatching it (e.g. an earlier bot answer to reply to)."""
        channel = channel or self.channel
        payload = {"content": content, "embeds": list(embeds), "components": list(components)}
        reference = None if reply_to is None else self.store.require(reply_to)
        kind = MESSAGE_DEFAULT if reference is None else MESSAGE_REPLY
        author = author or self.member
        return self.store.create(
            channel=channel, author=author, payload=payload, uploads=uploads, kind=kind, reference=reference
        )

    # -- gateway -------------------------------------------------------------------------------------

    @property
    def intents(self) -> int | None:
        """Intents of the current gateway session (None before IDENTIFY)."""
        return self.gateway.intents

    @property
    def identify_payloads(self) -> list[JSON]:
        """The ``d`` of every IDENTIFY the client sent."""
        return [f["d"] for f in self.gateway.frames if f.get("op") == 2]

    @property
    def gateway_frames(self) -> list[JSON]:
        """Every frame the client sent on the gateway."""
        return self.gateway.frames

    @property
    def gateway_connections(self) -> list[GatewayConnection]:
        """Every websocket connection the client opened (path and query)."""
        return self.gateway.connections

    async def wait_until_connected(self, timeout: float = DEFAULT_TIMEOUT) -> None:
        """Wait until a client identified (or resumed) and got its guilds."""
        await self.gateway.wait_until_live(timeout)

    async def wait_for_gateway_connection(self, count: int, *, timeout: float = DEFAULT_TIMEOUT) -> None:
        """Wait until the client has opened `count` websocket connections in all (a reconnect adds one)."""

        def probe() -> bool | None:
            return True if len(self.gateway.connections) >= count else None

        await self._signal.wait_until(probe, timeout=timeout, what=lambda: f"gateway connection {count}")

    async def wait_for_gateway_op(self, op: int, *, since: int = 0, timeout: float = DEFAULT_TIMEOUT) -> JSON:
        """The first frame with this op code the client sent (index >= since), waiting at most timeout."""

        def probe() -> JSON | None:
            return next((f for f in self.gateway.frames[since:] if f.get("op") == op), None)

        return await self._signal.wait_until(probe, timeout=timeout, what=lambda: f"gateway op {op}")

    async def drop_gateway(self, code: int = 4000) -> None:
        """Close the client's websocket with a resumable code; discord.py reconnects and RESUMEs."""
        await self.gateway.drop(code)

    async def abort_gateway(self) -> None:
        """Cut the client's gateway connection without a close frame (a network failure)."""
        await self.gateway.abort()

    async def send_gateway_op(self, op: int, data: Any = None) -> None:
        """Send RECONNECT (op 7) or INVALID_SESSION (op 9, data: resumable or not) to the client."""
        await self.gateway.send_op(op, data)

    async def dispatch(self, event: str, data: JSON, *, timeout: float = DEFAULT_TIMEOUT) -> None:
        """Send any dispatch event (waiting, bounded, for a live session)."""
        await self.gateway.dispatch(event, data, timeout=timeout)

    # -- pushing interactions ------------------------------------------------------------------------

    async def send_slash_command(
        self,
        name: str,
        options: Mapping[str, Any] | None = None,
        *,
        user: FakeUser | None = None,
        channel: FakeChannel | None = None,
        dm: bool = False,
        locale: str = "en-US",
    ) -> FakeInteraction:
        """Dispatch an APPLICATION_COMMAND for a synced slash command; ``name`` may hold subcommands."""
        user = user or self.member
        channel = channel or self._default_channel(user, dm)
        data = self._factory.command_data(name, options or {}, user, channel, focused=None)
        return await self.send_interaction(
            APPLICATION_COMMAND, data, user=user, channel=channel, locale=locale
        )

    async def send_autocomplete(
        self,
        name: str,
        options: Mapping[str, Any],
        focused: str,
        *,
        user: FakeUser | None = None,
        channel: FakeChannel | None = None,
        dm: bool = False,
        locale: str = "en-US",
    ) -> FakeInteraction:
        """Dispatch an APPLICATION_COMMAND_AUTOCOMPLETE while the user types in option ``focused``."""
        user = user or self.member
        channel = channel or self._default_channel(user, dm)
        data = self._factory.command_data(name, options, user, channel, focused=focused)
        return await self.send_interaction(AUTOCOMPLETE, data, user=user, channel=channel, locale=locale)

    async def send_component(
        self,
        message: int | Mapping[str, Any],
        custom_id: str,
        *,
        values: Sequence[str] | None = None,
        user: FakeUser | None = None,
        locale: str = "en-US",
    ) -> FakeInteraction:
        """Dispatch a MESSAGE_COMPONENT for a click on (or selection in) a component of a stored message."""
        stored = self.store.require(message)
        data = self._factory.component_data(stored, custom_id, values)
        channel = self.world.channel(int(stored["channel_id"]))
        return await self.send_interaction(
            MESSAGE_COMPONENT, data, user=user, channel=channel, locale=locale, message=stored
        )

    async def send_modal_submit(
        self, shown: FakeInteraction, values: Mapping[str, str | Sequence[str]], *, locale: str = "en-US"
    ) -> FakeInteraction:
        """Dispatch a MODAL_SUBMIT for the modal the bot showed in answer to ``shown``."""
        if shown.modal is None:
            raise FakeDiscordError(f"interaction {shown.id} was not answered with a modal")
        data = self._factory.modal_submit_data(shown.modal, values)
        message = None if shown.message_id is None else self.store.get(shown.message_id)
        channel = self.world.channel(shown.channel_id)
        return await self.send_interaction(
            MODAL_SUBMIT, data, user=shown.user, channel=channel, locale=locale, message=message
        )

    async def send_interaction(
        self,
        interaction_type: int,
        data: JSON,
        *,
        user: FakeUser | None = None,
        channel: FakeChannel | None = None,
        locale: str = "en-US",
        message: JSON | None = None,
    ) -> FakeInteraction:
        """Dispatch INTERACTION_CREATE with a complete payload around ``data`` (no checks on data)."""
        user = user or self.member
        channel = channel or self.channel
        interaction_id = self.world.new_id()
        token = f"fake-interaction-token-{interaction_id}"
        payload = self._factory.payload(interaction_id, token, interaction_type, data, user, channel, locale)
        if message is not None:
            payload["message"] = message
        interaction = FakeInteraction(
            id=interaction_id,
            token=token,
            type=interaction_type,
            application_id=self.application_id,
            payload=payload,
            channel_id=channel.id,
            user=user,
            created_at=asyncio.get_running_loop().time(),
            message_id=None if message is None else int(message["id"]),
        )
        self.interactions[interaction_id] = interaction
        await self.dispatch("INTERACTION_CREATE", payload)
        return interaction

    async def wait_for_response(
        self, interaction: FakeInteraction, *, timeout: float = DEFAULT_TIMEOUT
    ) -> RecordedCall:
        """The bot's callback for an interaction (type 4 to 9), waiting at most ``timeout``."""
        return await self.wait_for_call(
            "POST", re.compile(re.escape(interaction.callback_path)), timeout=timeout
        )

    async def wait_for_followup(
        self, interaction: FakeInteraction, *, index: int = 0, timeout: float = DEFAULT_TIMEOUT
    ) -> RecordedCall:
        """The bot's ``index``-th follow-up for an interaction, waiting at most ``timeout``."""
        pattern = re.compile(re.escape(interaction.webhook_path))
        calls = await self.wait_for_calls("POST", pattern, index + 1, timeout=timeout)
        return calls[index]

    # -- pushing messages and reactions --------------------------------------------------------------

    async def send_message_create(
        self,
        content: str,
        *,
        author: FakeUser | None = None,
        channel: FakeChannel | None = None,
        mention_bot: bool = False,
        reply_to: int | Mapping[str, Any] | None = None,
        mention_replied: bool = True,
        dm: bool = False,
        uploads: Sequence[Upload] = (),
    ) -> JSON:
        """Dispatch MESSAGE_CREATE for a user's message; returns the stored message (with full content).

        ``mention_bot`` prefixes the bot's mention; ``reply_to`` makes it a reply (the replied author is
        mentioned unless ``mention_replied`` is False). Without the message content intent the gateway
        copy has empty content unless the bot is mentioned or it is a DM, as on Discord.
        """
        author = author or self.member
        channel = channel or self._default_channel(author, dm)
        self._require_intent(
            INTENT_DIRECT_MESSAGES if channel.type == DM else INTENT_GUILD_MESSAGES, "MESSAGE_CREATE"
        )
        if mention_bot and self.bot.mention not in content:
            content = f"{self.bot.mention} {content}"
        reference = None if reply_to is None else self.store.require(reply_to)
        allowed = {"parse": ["users", "roles", "everyone"], "replied_user": mention_replied}
        message = self.store.create(
            channel=channel,
            author=author,
            payload={"content": content, "allowed_mentions": allowed},
            uploads=uploads,
            kind=MESSAGE_DEFAULT if reference is None else MESSAGE_REPLY,
            reference=reference,
        )
        event = self.store.gateway_payload(message, blank=self._content_hidden(message))
        await self.dispatch("MESSAGE_CREATE", event)
        return message

    async def send_reaction_add(
        self, message: int | Mapping[str, Any], emoji: str, *, user: FakeUser | None = None
    ) -> None:
        """Dispatch MESSAGE_REACTION_ADD for a user reacting to a stored message (unicode or ``name:id``)."""
        stored = self.store.require(message)
        channel = self.world.channel(int(stored["channel_id"]))
        dm_intent = INTENT_DIRECT_MESSAGE_REACTIONS if channel.type == DM else INTENT_GUILD_MESSAGE_REACTIONS
        self._require_intent(dm_intent, "MESSAGE_REACTION_ADD")
        user = user or self.member
        self.store.react(stored, parse_emoji(emoji), user.id, add=True)
        await self.dispatch(
            "MESSAGE_REACTION_ADD", self.store.reaction_event(stored, parse_emoji(emoji), user)
        )

    # -- HTTP plumbing ---------------------------------------------------------------------------------

    async def _handle_api(self, request: web.Request) -> web.StreamResponse:
        """Record a REST call, answer it (injected rule, route or 404) and turn the reply into a response."""
        call = await parse_request(request)
        try:
            reply = await self._answer(call)
        except Exception as exc:  # a bug in the fake itself: answer fast and let the fixture report it
            self.internal_errors.append(exc)
            reply = Reply(400, {"message": f"fake_discord internal error: {exc!r}", "code": -1})
        self.calls.append(replace(call, index=len(self.calls), status=reply.status, response=reply.body))
        self._signal.bump()
        return to_response(reply)

    async def _answer(self, call: RecordedCall) -> Reply:
        """Apply an injected rule, else route the call."""
        injected = self._take_rule(call)
        if injected is not None:
            return injected
        route, params, path_known = self._rest.route(call)
        if route is None:
            return discord_error(405, 0, "405: Method Not Allowed") if path_known else NOT_FOUND
        if route.auth and call.headers.get("Authorization") != f"Bot {self.token}":
            return discord_error(401, 0, "401: Unauthorized")
        return await route.handler(call, params)

    def _take_rule(self, call: RecordedCall) -> Reply | None:
        """Consume one use of the first injected rule matching the call."""
        for rule in self._rules:
            if rule.times > 0 and rule.method == call.method and rule.path.fullmatch(call.path):
                rule.times -= 1
                return rule.reply()
        return None

    async def _serve_attachment(self, request: web.Request) -> web.Response:
        """Serve a stored attachment's bytes (the attachment URLs point here)."""
        stored = self.store.files.get(as_int(request.match_info["attachment_id"]))
        if stored is None:
            return web.Response(status=404)
        return web.Response(body=stored.data, content_type=stored.content_type or "application/octet-stream")

    # -- gateway payloads ----------------------------------------------------------------------------

    def _ready_dispatches(self, session: GatewaySession) -> list[Dispatch]:
        """READY (guilds unavailable) then one GUILD_CREATE per guild."""
        ready = ready_payload(
            bot=self.bot,
            application_id=self.application_id,
            guild_ids=[g.id for g in self.world.guilds],
            session_id=session.id,
            resume_url=self.resume_gateway_url,
        )
        if session.shard is not None:
            ready["shard"] = session.shard  # AutoShardedClient reads it back
        all_members = bool(session.intents & INTENT_GUILD_MEMBERS)
        guilds = [
            (
                "GUILD_CREATE",
                guild_payload(g, include_all_members=all_members, joined_at=snowflake_time(g.id)),
            )
            for g in self.world.guilds
        ]
        return [("READY", ready), *guilds]

    def _member_chunks(self, request: JSON) -> list[Dispatch]:
        """GUILD_MEMBERS_CHUNK answering a REQUEST_GUILD_MEMBERS (query prefix, user_ids, limit)."""
        guild = self.world.find_guild(int(request.get("guild_id", 0)))
        if guild is None:
            return []
        members = list(_requested_members(guild, request))
        chunk = {
            "guild_id": str(guild.id),
            "members": [member_payload(m) for m in members],
            "chunk_index": 0,
            "chunk_count": 1,
            "not_found": [],
            "presences": [],
        }
        if request.get("nonce") is not None:
            chunk["nonce"] = request["nonce"]
        return [("GUILD_MEMBERS_CHUNK", chunk)]

    # -- small helpers -------------------------------------------------------------------------------

    def _content_hidden(self, message: JSON) -> bool:
        """Whether Discord would blank this user message for the session (no message content intent)."""
        if self.intents is None or self.intents & INTENT_MESSAGE_CONTENT:
            return False
        channel = self.world.channel(int(message["channel_id"]))
        mentioned = any(int(u["id"]) == self.bot.id for u in message["mentions"])
        return channel.type != DM and not mentioned and int(message["author"]["id"]) != self.bot.id

    def _require_intent(self, intent: int, event: str) -> None:
        """Refuse to push an event the client's intents would not let Discord deliver."""
        if self.intents is not None and not self.intents & intent:
            raise FakeDiscordError(
                f"the client's intents ({self.intents}) lack {intent}: Discord would not send {event}"
            )

    def _default_channel(self, user: FakeUser, dm: bool) -> FakeChannel:
        """#general, or the user's DM channel."""
        return self.world.dm_channel(user) if dm else self.channel


def _requested_members(guild: FakeGuild, request: JSON) -> Iterator[FakeMember]:
    """Members matching a REQUEST_GUILD_MEMBERS (user_ids, or a username prefix and a limit)."""
    if request.get("user_ids"):
        wanted = {int(u) for u in request["user_ids"]}
        yield from (m for m in guild.members.values() if m.user.id in wanted)
        return
    query = (request.get("query") or "").lower()
    limit = int(request.get("limit") or 0) or len(guild.members)
    matching = [m for m in guild.members.values() if m.user.username.lower().startswith(query)]
    yield from matching[:limit]
