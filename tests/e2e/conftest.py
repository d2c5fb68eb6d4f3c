"""Fixtures for end-to-end tests: a running fake Discord with discord.py pointed at it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager
from typing import Any

import discord
import pytest

from tests.e2e.fake_discord import FakeDiscord
from tests.e2e.harness import RunningClient, point_discord_py_at, running_client


@pytest.fixture
async def fake_discord_server() -> AsyncIterator[FakeDiscord]:
    """A started fake Discord (discord.py not redirected); fails the test if the fake itself broke."""
    async with FakeDiscord() as server:
        yield server
    assert not server.internal_errors, f"fake_discord raised internally: {server.internal_errors!r}"


@pytest.fixture
def fake_discord(fake_discord_server: FakeDiscord, monkeypatch: pytest.MonkeyPatch) -> FakeDiscord:
    """A started fake Discord with discord.py's REST base and gateway URL pointed at it."""
    point_discord_py_at(monkeypatch, fake_discord_server)
    return fake_discord_server


@pytest.fixture
def run_client(
    fake_discord: FakeDiscord,
) -> Callable[..., AbstractAsyncContextManager[RunningClient]]:
    """``async with run_client(bot) as run:`` runs a client against ``fake_discord`` (see harness.running_client)."""

    def start(client: discord.Client, **options: Any) -> AbstractAsyncContextManager[RunningClient]:
        return running_client(client, fake_discord, **options)

    return start
