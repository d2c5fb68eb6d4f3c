"""The client's gateway session as tests see it: what it sent, waiting for it, dropping it, dispatching to it."""

from __future__ import annotations

from typing import Any

from .fake_gateway import FakeGateway, GatewayConnection
from .waiting import DEFAULT_TIMEOUT, Signal

JSON = dict[str, Any]


class GatewayControls:
    """The gateway's intents, frames and connections, and the controls tests use on it (a FakeDiscord mixin)."""

    gateway: FakeGateway
    _signal: Signal

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
