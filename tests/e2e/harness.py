"""Client-side helpers: point discord.py at the fake, and run a real client against it for one test."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import discord
import discord.gateway
import discord.http
import pytest

from .fake_discord import FakeDiscord
from .waiting import DEFAULT_TIMEOUT, FakeDiscordError

CLOSE_TIMEOUT = 5.0


def point_discord_py_at(monkeypatch: pytest.MonkeyPatch, server: FakeDiscord) -> None:
    """Send discord.py's REST calls (bot, webhook and interaction routes) and its gateway to the fake."""
    monkeypatch.setattr(discord.http.Route, "BASE", server.api_url)
    monkeypatch.setattr(discord.gateway.DiscordWebSocket, "DEFAULT_GATEWAY", server.gateway_url)


class _ErrorLog(logging.Handler):
    """Collects ERROR records from the ``discord`` loggers (exceptions discord.py swallowed and logged)."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        """Keep the record."""
        self.records.append(record)


@dataclass
class RunningClient:
    """A client connected to the fake: its connect task and the errors discord.py logged meanwhile."""

    client: discord.Client
    task: asyncio.Task[None]
    errors: list[logging.LogRecord] = field(default_factory=list)

    def error_messages(self) -> list[str]:
        """The logged errors, with their exceptions, as text."""
        return [_format(record) for record in self.errors]


@contextlib.asynccontextmanager
async def running_client(
    client: discord.Client,
    server: FakeDiscord,
    *,
    ready_timeout: float = DEFAULT_TIMEOUT,
    guild_ready_timeout: float | None = 0.05,
    allow_logged_errors: bool = False,
) -> AsyncIterator[RunningClient]:
    """Log in, connect as a task, wait (bounded) until ready; on exit check the task is alive, then close.

    ``guild_ready_timeout`` overrides the client's (private) wait after the last GUILD_CREATE, 2 s by
    default in discord.py. Errors discord.py logs (exceptions in commands, views, events) fail the test
    unless ``allow_logged_errors``.
    """
    errors = _ErrorLog()
    discord_logger = logging.getLogger("discord")
    discord_logger.addHandler(errors)
    if guild_ready_timeout is not None:
        client._connection.guild_ready_timeout = guild_ready_timeout
    try:
        await asyncio.wait_for(client.login(server.token), ready_timeout)
        task = asyncio.create_task(client.connect(reconnect=False), name="discord-client-connect")
        run = RunningClient(client, task, errors.records)
        server.watch(task)
        try:
            await _wait_ready(client, task, ready_timeout)
            yield run
            _check_alive(task)
            if not allow_logged_errors and errors.records:
                raise FakeDiscordError("discord.py logged errors:\n" + "\n".join(run.error_messages()))
        finally:
            server.unwatch(task)
            await _shutdown(client, task)
    finally:
        discord_logger.removeHandler(errors)
        if not client.is_closed():
            await client.close()


async def _wait_ready(client: discord.Client, task: asyncio.Task[None], timeout: float) -> None:
    """Wait until the client is ready, failing at once if the connect task ends first."""
    ready = asyncio.create_task(client.wait_until_ready())
    try:
        done, _ = await asyncio.wait({ready, task}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
    finally:
        ready.cancel()
    if task in done:
        _check_alive(task)
    if ready not in done:
        raise FakeDiscordError(f"the client was not ready after {timeout:g}s")


def _check_alive(task: asyncio.Task[None]) -> None:
    """Fail if the connect task has ended (discord.py lets a bad payload end it quietly)."""
    if not task.done():
        return
    cause = None if task.cancelled() else task.exception()
    raise FakeDiscordError(f"client.connect() ended early: {cause!r}") from cause


async def _shutdown(client: discord.Client, task: asyncio.Task[None]) -> None:
    """Close the client and wait (bounded) for its connect task to finish."""
    await asyncio.wait_for(client.close(), CLOSE_TIMEOUT)
    if not task.done():
        await asyncio.wait({task}, timeout=CLOSE_TIMEOUT)
    if not task.done():
        task.cancel()
    with contextlib.suppress(asyncio.CancelledError, Exception):
        await task


def _format(record: logging.LogRecord) -> str:
    """A log record with its traceback."""
    text = f"{record.name}: {record.getMessage()}"
    if record.exc_info:
        text += "\n" + logging.Formatter().formatException(record.exc_info)
    return text
