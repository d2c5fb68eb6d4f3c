"""The fake Discord gateway: HELLO, heartbeat ACKs, IDENTIFY -> READY + GUILD_CREATE, RESUME, dispatches.

Frames are plain-text JSON (no zlib), which discord.py accepts although it asks for ``zlib-stream``.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

from .discord_constants import PRIVILEGED_INTENTS
from .waiting import DEFAULT_TIMEOUT, FakeDiscordError, Signal

JSON = dict[str, Any]
Dispatch = tuple[str, JSON]

OP_DISPATCH = 0
OP_HEARTBEAT = 1
OP_IDENTIFY = 2
OP_PRESENCE_UPDATE = 3
OP_RESUME = 6
OP_RECONNECT = 7
OP_REQUEST_GUILD_MEMBERS = 8
OP_INVALID_SESSION = 9
OP_HELLO = 10
OP_HEARTBEAT_ACK = 11

CLOSE_AUTHENTICATION_FAILED = 4004
CLOSE_DISALLOWED_INTENTS = 4014


@dataclass(frozen=True)
class GatewayConnection:
    """One websocket connection the client opened: the path and query it used."""

    path: str
    query: dict[str, str]


@dataclass
class GatewaySession:
    """A gateway session: its intents, its numbered dispatches (kept for RESUME) and its socket."""

    id: str
    intents: int
    shard: list[int] | None = None
    socket: web.WebSocketResponse | None = None
    ready: bool = False
    seq: int = 0
    sent: list[JSON] = field(default_factory=list)
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


class FakeGateway:
    """Serves the gateway protocol to one discord.py client at a time."""

    def __init__(
        self,
        *,
        token: str,
        signal: Signal,
        heartbeat_interval_ms: int,
        privileged_intents: int,
        on_identify: Callable[[GatewaySession], list[Dispatch]],
        on_request_members: Callable[[JSON], list[Dispatch]],
    ) -> None:
        self._token = token
        self._signal = signal
        self._heartbeat_interval_ms = heartbeat_interval_ms
        self._privileged_intents = privileged_intents
        self._on_identify = on_identify
        self._on_request_members = on_request_members
        self._sessions = 0
        self._sockets: set[web.WebSocketResponse] = set()
        self._transports: dict[web.WebSocketResponse, asyncio.BaseTransport | None] = {}
        self.session: GatewaySession | None = None
        self.frames: list[JSON] = []
        self.connections: list[GatewayConnection] = []

    @property
    def intents(self) -> int | None:
        """Intents of the current session (None before the first IDENTIFY)."""
        return None if self.session is None else self.session.intents

    def is_live(self) -> bool:
        """Whether a session has received its guilds and its socket is open."""
        session = self.session
        return (
            session is not None and session.ready and session.socket is not None and not session.socket.closed
        )

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        """Serve one websocket connection until it closes."""
        socket = web.WebSocketResponse(max_msg_size=0)
        await socket.prepare(request)
        self._sockets.add(socket)
        self._transports[socket] = request.transport
        self.connections.append(GatewayConnection(request.path, dict(request.query)))
        self._signal.bump()
        try:
            await self._send(
                socket, {"op": OP_HELLO, "d": {"heartbeat_interval": self._heartbeat_interval_ms}}
            )
            await self._serve(socket)
        finally:
            self._detach(socket)
        return socket

    async def dispatch(self, event: str, data: JSON, *, timeout: float = DEFAULT_TIMEOUT) -> None:
        """Send a dispatch, waiting (bounded) until a session is live."""
        await self._signal.wait_until(lambda: True if self.is_live() else None, timeout=timeout, what=_live)
        assert self.session is not None
        await self._dispatch(self.session, event, data)

    async def dispatch_if_live(self, event: str, data: JSON) -> None:
        """Send a dispatch now if a session exists (kept for RESUME if its socket is down), else drop it."""
        if self.session is not None:
            await self._dispatch(self.session, event, data)

    async def wait_until_live(self, timeout: float = DEFAULT_TIMEOUT) -> None:
        """Wait (bounded) until a client has identified and received its guilds."""
        await self._signal.wait_until(lambda: True if self.is_live() else None, timeout=timeout, what=_live)

    async def drop(self, code: int = 4000) -> None:
        """Close the current socket with a resumable close code; the session stays for RESUME."""
        if self.session is None or self.session.socket is None:
            raise FakeDiscordError("no gateway connection to drop")
        await self.session.socket.close(code=code, message=b"fake_discord dropped the connection")

    async def send_op(self, op: int, data: Any = None) -> None:
        """Send a bare frame with an op code (RECONNECT, INVALID_SESSION) on the current socket."""
        if self.session is None or self.session.socket is None:
            raise FakeDiscordError("no gateway connection to send to")
        socket = self.session.socket
        if op == OP_INVALID_SESSION and data is False:
            self.session = None  # not resumable: the client must IDENTIFY anew
        await self._send(socket, {"op": op, "d": data})

    async def abort(self) -> None:
        """Cut the current connection without a close frame, as a network failure does."""
        if self.session is None or self.session.socket is None:
            raise FakeDiscordError("no gateway connection to abort")
        transport = self._transports.get(self.session.socket)
        if transport is None:
            raise FakeDiscordError("the gateway connection has no transport to abort")
        transport.abort()

    async def close(self) -> None:
        """Close every socket (going away)."""
        for socket in list(self._sockets):
            await socket.close(code=1001, message=b"fake_discord shutting down")

    async def _serve(self, socket: web.WebSocketResponse) -> None:
        """Read frames until the socket closes."""
        async for message in socket:
            if message.type is WSMsgType.TEXT:
                frame = json.loads(message.data)
                self.frames.append(frame)
                self._signal.bump()
                await self._on_frame(socket, frame)

    async def _on_frame(self, socket: web.WebSocketResponse, frame: JSON) -> None:
        """Answer one client frame according to its op code."""
        handlers: dict[int, Callable[[web.WebSocketResponse, Any], Awaitable[None]]] = {
            OP_HEARTBEAT: self._on_heartbeat,
            OP_IDENTIFY: self._on_identify_frame,
            OP_RESUME: self._on_resume,
            OP_REQUEST_GUILD_MEMBERS: self._on_request_members_frame,
        }
        handler = handlers.get(frame.get("op", -1))
        if handler is not None:
            await handler(socket, frame.get("d"))

    async def _on_heartbeat(self, socket: web.WebSocketResponse, _: Any) -> None:
        """Acknowledge a heartbeat."""
        await self._send(socket, {"op": OP_HEARTBEAT_ACK})

    async def _on_identify_frame(self, socket: web.WebSocketResponse, data: JSON) -> None:
        """Check the token and intents, start a session, send READY and the guilds."""
        intents = int(data.get("intents", 0))
        if data.get("token") != self._token:
            await socket.close(code=CLOSE_AUTHENTICATION_FAILED, message=b"Authentication failed.")
            return
        if intents & PRIVILEGED_INTENTS & ~self._privileged_intents:
            await socket.close(code=CLOSE_DISALLOWED_INTENTS, message=b"Disallowed intent(s).")
            return
        self._sessions += 1
        session = GatewaySession(f"fake-session-{self._sessions}", intents, data.get("shard"), socket)
        self.session = session
        for event, payload in self._on_identify(session):
            await self._dispatch(session, event, payload)
        session.ready = True
        self._signal.bump()

    async def _on_resume(self, socket: web.WebSocketResponse, data: JSON) -> None:
        """Replay what the client missed then send RESUMED, or invalidate an unknown session."""
        session = self.session
        if session is None or data.get("session_id") != session.id or data.get("token") != self._token:
            await self._send(socket, {"op": OP_INVALID_SESSION, "d": False})
            return
        async with session.lock:
            for frame in session.sent:
                if frame["s"] > (data.get("seq") or 0):
                    await self._send(socket, frame)
            session.socket = socket
        await self._dispatch(session, "RESUMED", {"_trace": ["fake-discord-gateway"]})
        self._signal.bump()

    async def _on_request_members_frame(self, socket: web.WebSocketResponse, data: JSON) -> None:
        """Answer REQUEST_GUILD_MEMBERS with GUILD_MEMBERS_CHUNK dispatches."""
        if self.session is not None:
            for event, payload in self._on_request_members(data):
                await self._dispatch(self.session, event, payload)

    async def _dispatch(self, session: GatewaySession, event: str, data: JSON) -> None:
        """Number a dispatch, keep it for RESUME and send it if the session's socket is open."""
        async with session.lock:
            session.seq += 1
            frame = {"op": OP_DISPATCH, "t": event, "s": session.seq, "d": data}
            session.sent.append(frame)
            if session.socket is not None and not session.socket.closed:
                await self._send(session.socket, frame)

    async def _send(self, socket: web.WebSocketResponse, frame: JSON) -> None:
        """Send one JSON text frame, ignoring a socket that closed meanwhile."""
        frame = {"op": frame["op"], "d": frame.get("d"), "s": frame.get("s"), "t": frame.get("t")}
        with contextlib.suppress(ConnectionError, RuntimeError):
            await socket.send_str(json.dumps(frame))

    def _detach(self, socket: web.WebSocketResponse) -> None:
        """Forget a closed socket."""
        self._sockets.discard(socket)
        self._transports.pop(socket, None)
        if self.session is not None and self.session.socket is socket:
            self.session.socket = None
        self._signal.bump()


def _live() -> str:
    """Describe the gateway wait."""
    return "a live gateway session (did the client connect and IDENTIFY?)"
