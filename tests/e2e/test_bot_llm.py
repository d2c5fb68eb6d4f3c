"""The bot with a language model wording its answers, against a real local chat-completions server: the
question is deferred at once, other commands are answered while the model writes, and the answer says who
worded it."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from contextlib import AbstractAsyncContextManager
from pathlib import Path

import pytest

from bot.app import build_desk
from bot.discord.client import NewsdeskBot, sync_commands
from index.news_index import NewsIndex
from tests.chat import ChatServer
from tests.e2e.conftest import bot_settings
from tests.e2e.fake_discord import FakeDiscord
from tests.e2e.harness import RunningClient

pytestmark = pytest.mark.e2e

QUESTION = "Wie beweerde dat Shushi was ingenomen?"
REPLY = (
    "President Ilham Aliyev beweerde dat Shushi was ingenomen [1]; "
    "de autoriteiten van Nagorno-Karabach spraken dat tegen [2]."
)
MODEL_SECONDS = 2.0


@pytest.fixture
def chat_server() -> Iterator[ChatServer]:
    server = ChatServer()
    yield server
    server.stop()


async def test_a_slow_model_does_not_block_the_bot_and_its_answer_says_who_worded_it(
    fake_discord: FakeDiscord,
    run_client: Callable[..., AbstractAsyncContextManager[RunningClient]],
    demo_index: NewsIndex,
    chat_server: ChatServer,
    tmp_path: Path,
) -> None:
    chat_server.reply, chat_server.delay = REPLY, MODEL_SECONDS
    settings = bot_settings(tmp_path / "data", llm_base_url=chat_server.url, llm_model="writer")
    desk = build_desk(settings, demo_index)
    try:
        bot = NewsdeskBot(desk, settings)
        async with run_client(bot):
            await sync_commands(bot, fake_discord.guild.id)
            asked = await fake_discord.send_slash_command("ask", {"question": QUESTION})
            deferred = await fake_discord.wait_for_response(asked, timeout=5)
            assert deferred.json == {"type": 5}  # "thinking" while the model writes
            while not chat_server.requests:
                await asyncio.sleep(0.05)
            search = await fake_discord.send_slash_command("search", {"query": "Stepanakert"})
            await fake_discord.wait_for_response(search, timeout=5)
            found = await fake_discord.wait_for_followup(search, timeout=10)  # served by the other worker
            assert found.json["embeds"]
            assert not fake_discord.calls_matching("POST", asked.webhook_path)  # the model is still writing
            followup = await fake_discord.wait_for_followup(asked, timeout=30)
    finally:
        desk.feedback_store.close()
    [embed] = followup.json["embeds"]
    assert embed["description"].startswith("President Ilham Aliyev beweerde dat Shushi was ingenomen [1]")
    assert "worded by writer; the quotes are the articles' own words" in embed["footer"]["text"]
    [request] = chat_server.requests
    assert request["body"]["model"] == "writer"
    cached = bot.answers.get(asked.id)
    assert cached is not None and cached.answer.method == "llm" and len(cached.answer.citations) == 2
