"""Fixtures for end-to-end tests: a running fake Discord with discord.py pointed at it."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import Any

import discord
import pytest

from bot.app import build_desk
from bot.desk import Desk
from bot.discord.client import NewsdeskBot, sync_commands
from bot.settings import Settings
from index.news_index import NewsIndex
from tests.conftest import DEMO_CORPUS
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


# -- the real newsdesk bot over a real Desk (tests/e2e/test_bot_*.py) -----------------------------------


# `demo_index`, the demo corpus ingested once per session, is shared from tests/conftest.py.


def bot_settings(data_dir: Path, **overrides: Any) -> Settings:
    """Settings for a test bot (no .env): feedback under data_dir, the demo corpus to re-index, no cooldown."""
    values: dict[str, Any] = {"data_dir": data_dir, "article_dirs": [DEMO_CORPUS], "cooldown_seconds": 0}
    return Settings(_env_file=None, **{**values, **overrides})  # type: ignore[call-arg]


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """The test bot's settings."""
    return bot_settings(tmp_path / "data")


@pytest.fixture
def desk(demo_index: NewsIndex, settings: Settings) -> Iterator[Desk]:
    """A real Desk over the session's demo index, with its own feedback store."""
    built = build_desk(settings, demo_index)
    yield built
    built.feedback_store.close()  # the index is shared by the session


StartBot = Callable[..., AbstractAsyncContextManager[NewsdeskBot]]


@pytest.fixture
def start_newsdesk(
    fake_discord: FakeDiscord,
    run_client: Callable[..., AbstractAsyncContextManager[RunningClient]],
    desk: Desk,
    settings: Settings,
) -> StartBot:
    """``async with start_newsdesk(cooldown_seconds=60) as bot:`` runs the real bot (settings overridden).

    The bot is connected to the fake and its commands synced to the guild; on exit every message the bot
    sent must have had mentions disabled.
    """

    @contextlib.asynccontextmanager
    async def start(**overrides: Any) -> AsyncIterator[NewsdeskBot]:
        bot = NewsdeskBot(desk, settings.model_copy(update=overrides))
        async with run_client(bot):
            await sync_commands(bot, fake_discord.guild.id)
            yield bot
        assert_no_pings(fake_discord)

    return start


@pytest.fixture
async def newsdesk(start_newsdesk: StartBot) -> AsyncIterator[NewsdeskBot]:
    """The real NewsdeskBot connected to the fake with the default test settings."""
    async with start_newsdesk() as bot:
        yield bot


def assert_no_pings(server: FakeDiscord) -> None:
    """Every message the bot created or edited was sent with allowed_mentions parse=[] (pings no one)."""
    for call in server.calls:
        payload = call.json if isinstance(call.json, dict) else {}
        if call.path.endswith("/callback"):
            payload = payload.get("data") or {}
        sends = call.method in ("POST", "PATCH") and (
            call.path.startswith("/webhooks/")
            or call.path.endswith("/messages")
            or call.path.endswith("/callback")
        )
        if sends and ("content" in payload or "embeds" in payload):
            assert (payload.get("allowed_mentions") or {}).get("parse") == [], f"mentions allowed in {call}"
