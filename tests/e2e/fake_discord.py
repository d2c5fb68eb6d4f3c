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

This module holds the server itself (lifecycle, URLs, answering REST calls and IDENTIFY); the helpers
tests call come from mixins: ``world_access`` (the cast, channels, stored messages), ``call_log``
(recorded REST calls, injected 429s and errors), ``gateway_controls`` (the client's gateway session)
and ``user_actions`` (what users do, and waiting for the bot's answers). REST routes are in ``rest``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import yarl
from aiohttp import web

from .call_log import CallLog
from .discord_constants import INTENT_GUILD_MEMBERS, PRIVILEGED_INTENTS
from .fake_gateway import Dispatch, FakeGateway, GatewaySession
from .gateway_controls import GatewayControls
from .interactions import Commands, FakeInteraction, InteractionFactory
from .models import FakeGuild, FakeMember, snowflake_time
from .payloads import guild_payload, member_payload, ready_payload
from .recording import (
    API_PREFIX,
    RecordedCall,
    Reply,
    Rule,
    as_int,
    discord_error,
    parse_request,
    to_response,
)
from .rest import RestApi
from .store import MessageStore, Upload
from .user_actions import UserActions
from .waiting import FakeDiscordError, Signal
from .world import World, build_world
from .world_access import WorldAccess

__all__ = ["FakeDiscord", "FakeDiscordError", "FakeInteraction", "RecordedCall", "Upload"]

JSON = dict[str, Any]
NOT_FOUND = Reply(404, {"message": "404: Not Found", "code": 0})


class FakeDiscord(UserActions, WorldAccess, GatewayControls, CallLog):
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
