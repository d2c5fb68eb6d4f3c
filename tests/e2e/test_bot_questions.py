"""The real newsdesk bot over a real Desk, driven through the fake Discord: sync, /ask, mentions, follow-ups."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import discord
import pytest
from click.testing import CliRunner

from bot.app import build_desk
from bot.cli.bot_commands import sync
from bot.desk import Desk
from bot.discord.client import OUTSIDE_ALLOW_LIST, NewsdeskBot, login_and_sync
from bot.records import Answer
from bot.settings import Settings
from index.embedding.sentence_transformer import SentenceTransformerEmbedder
from index.news_index import NewsIndex
from index.records import SearchFilters
from tests.e2e.conftest import StartBot, assert_no_pings, bot_settings
from tests.e2e.discord_constants import FLAG_EPHEMERAL, INTENT_GUILD_MESSAGES, INTENT_MESSAGE_CONTENT
from tests.e2e.fake_discord import FakeDiscord

pytestmark = pytest.mark.e2e

SHUSHI_QUESTION = "Who claimed Shushi was captured?"
SHUSHI_ARTICLE = "2020-11-shushi-"  # the demo article's id starts so (a content hash follows)
COMMANDS = {"ask", "search", "source", "article", "claims", "reindex", "stats", "latest", "timeline", "feeds"}
ANSWER_WAIT = 30.0  # a real model on a small machine


class AskSpy:
    """Wraps Desk.ask and records the history each question came with."""

    def __init__(self, desk: Desk) -> None:
        self._ask = desk.ask
        self.calls: list[tuple[str, list[str]]] = []

    def __call__(
        self,
        question: str,
        filters: SearchFilters | None = None,
        history: Sequence[str] = (),
        asked_on: date | None = None,
    ) -> Answer:
        self.calls.append((question, list(history)))
        return self._ask(question, filters, history, asked_on)


def buttons(message: dict[str, Any]) -> list[str]:
    """The custom_ids of a message's buttons."""
    return [c["custom_id"] for row in message.get("components") or [] for c in row["components"]]


async def test_sync_publishes_the_commands_with_their_help(
    fake_discord: FakeDiscord, desk: Desk, settings: Settings
) -> None:
    synced = await login_and_sync(
        NewsdeskBot(desk, settings, warm_up=False), fake_discord.token, fake_discord.guild.id
    )

    assert {c.name for c in synced} == COMMANDS
    put = await fake_discord.wait_for_call("PUT", "/applications/{app}/guilds/{guild}/commands", timeout=5)
    commands = {c["name"]: c for c in put.json}
    assert commands["ask"]["description"].startswith("Ask a question about the news articles")
    options = {o["name"]: o for o in commands["ask"]["options"]}
    assert options["question"]["description"] == "Your question about the news, in English or Dutch"
    assert options["question"]["required"] and not options["private"].get("required")
    assert [o["name"] for o in commands["search"]["options"]] == ["query", "since", "until", "source"]
    assert commands["source"]["options"][0]["autocomplete"] is True
    assert (
        int(commands["reindex"]["default_member_permissions"]) == discord.Permissions(manage_guild=True).value
    )
    assert (
        commands["stats"]["default_member_permissions"] == commands["reindex"]["default_member_permissions"]
    )
    assert (
        commands["feeds"]["default_member_permissions"] == commands["reindex"]["default_member_permissions"]
    )
    assert [o["name"] for o in commands["latest"]["options"]] == ["topic", "outlet"]


async def test_sync_command_of_the_cli(fake_discord: FakeDiscord, tmp_path: Path) -> None:
    env = {"DISCORD_TOKEN": fake_discord.token, "NEWSDESK_DATA_DIR": str(tmp_path / "data")}

    result = await asyncio.to_thread(
        CliRunner().invoke, sync, ["--guild", str(fake_discord.guild.id)], env=env
    )

    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"synced 10 commands to server {fake_discord.guild.id}: ")
    assert fake_discord.token not in result.output
    assert {c for c in fake_discord.commands[fake_discord.guild.id]} == COMMANDS


async def test_start_does_not_sync_and_asks_only_for_the_needed_intents(
    fake_discord: FakeDiscord, run_client: Any, desk: Desk, settings: Settings, start_newsdesk: StartBot
) -> None:
    async with run_client(NewsdeskBot(desk, settings)):
        assert not fake_discord.calls_matching("PUT", "/applications/{app}/guilds/{guild}/commands")
        assert not fake_discord.calls_matching("PUT", "/applications/{app}/commands")
        assert fake_discord.intents == discord.Intents(guilds=True, guild_messages=True).value
    async with start_newsdesk(message_content_intent=True):
        assert fake_discord.intents is not None and fake_discord.intents & INTENT_MESSAGE_CONTENT
        assert fake_discord.intents & INTENT_GUILD_MESSAGES


async def test_ask_defers_then_answers_with_numbered_citations(
    fake_discord: FakeDiscord, newsdesk: NewsdeskBot
) -> None:
    interaction = await fake_discord.send_slash_command("ask", {"question": SHUSHI_QUESTION})

    deferred = await fake_discord.wait_for_response(interaction, timeout=5)
    assert deferred.ok and deferred.json == {"type": 5}
    followup = await fake_discord.wait_for_followup(interaction, timeout=ANSWER_WAIT)
    [embed] = followup.json["embeds"]
    assert embed["title"] == SHUSHI_QUESTION
    assert "[1]" in embed["description"] and f"`{SHUSHI_ARTICLE}" in embed["description"]
    cached = newsdesk.answers.get(interaction.id)
    assert cached is not None and not cached.answer.abstained
    assert any(c.article_id.startswith(SHUSHI_ARTICLE) for c in cached.answer.citations)
    assert buttons(followup.json) == [
        f"nd:src:{interaction.id}",
        f"nd:vote:up:{interaction.id}",
        f"nd:vote:down:{interaction.id}",
    ]
    message = fake_discord.original_message(interaction)
    assert message is not None and message["embeds"] and not message["flags"] & FLAG_EPHEMERAL


async def test_private_ask_is_ephemeral(fake_discord: FakeDiscord, newsdesk: NewsdeskBot) -> None:
    interaction = await fake_discord.send_slash_command(
        "ask", {"question": "Wie won de verkiezingen van 2021?", "private": True}
    )

    deferred = await fake_discord.wait_for_response(interaction, timeout=5)
    assert deferred.json["type"] == 5 and deferred.json["data"]["flags"] & FLAG_EPHEMERAL
    await fake_discord.wait_for_followup(interaction, timeout=ANSWER_WAIT)
    message = fake_discord.original_message(interaction)
    assert message is not None and message["flags"] & FLAG_EPHEMERAL and message["embeds"]


async def test_mention_is_answered_as_a_reply(fake_discord: FakeDiscord, newsdesk: NewsdeskBot) -> None:
    question = await fake_discord.send_message_create(SHUSHI_QUESTION, mention_bot=True)

    send = await fake_discord.wait_for_call(
        "POST", f"/channels/{fake_discord.channel.id}/messages", timeout=ANSWER_WAIT
    )
    assert send.json["message_reference"]["message_id"] == int(question["id"])
    assert send.response["type"] == 19 and send.response["mentions"] == []
    [embed] = send.json["embeds"]
    assert embed["title"] == SHUSHI_QUESTION and f"`{SHUSHI_ARTICLE}" in embed["description"]
    assert buttons(send.json)[0] == f"nd:src:{question['id']}"
    typing = fake_discord.calls_matching("POST", "/channels/*/typing")
    assert typing and typing[0].index < send.index


async def test_reply_chain_is_the_conversation(
    fake_discord: FakeDiscord, newsdesk: NewsdeskBot, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    spy = AskSpy(desk)
    monkeypatch.setattr(desk, "ask", spy)
    path = f"/channels/{fake_discord.channel.id}/messages"

    await fake_discord.send_message_create(SHUSHI_QUESTION, mention_bot=True)
    [first] = await fake_discord.wait_for_calls("POST", path, 1, timeout=ANSWER_WAIT)
    follow_up = await fake_discord.send_message_create("And who denied it?", reply_to=first.response)
    second = (await fake_discord.wait_for_calls("POST", path, 2, timeout=ANSWER_WAIT))[1]
    newsdesk._connection._messages.clear()  # type: ignore[union-attr]  # older messages must be fetched
    mark = fake_discord.mark()
    await fake_discord.send_message_create("Wanneer was dat?", reply_to=second.response)
    third = (await fake_discord.wait_for_calls("POST", path, 3, timeout=ANSWER_WAIT))[2]

    assert spy.calls == [
        (SHUSHI_QUESTION, []),
        ("And who denied it?", [SHUSHI_QUESTION]),
        ("Wanneer was dat?", [SHUSHI_QUESTION, "And who denied it?"]),
    ]
    assert second.json["message_reference"]["message_id"] == int(follow_up["id"])
    assert third.json["embeds"][0]["title"] == "Wanneer was dat?"
    assert fake_discord.calls_matching("GET", f"{path}/{{message_id}}", since=mark)


async def test_follow_up_to_an_ask_answer_uses_its_question(
    fake_discord: FakeDiscord, newsdesk: NewsdeskBot, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    spy = AskSpy(desk)
    monkeypatch.setattr(desk, "ask", spy)
    interaction = await fake_discord.send_slash_command("ask", {"question": SHUSHI_QUESTION})
    answer = (await fake_discord.wait_for_followup(interaction, timeout=ANSWER_WAIT)).response

    await fake_discord.send_message_create("Who denied it?", reply_to=answer)

    await fake_discord.wait_for_call("POST", "/channels/*/messages", timeout=ANSWER_WAIT)
    assert spy.calls[-1] == ("Who denied it?", [SHUSHI_QUESTION])


async def test_rate_limited_reply_is_retried(fake_discord: FakeDiscord, newsdesk: NewsdeskBot) -> None:
    fake_discord.rate_limit("POST", "/channels/{channel_id}/messages", times=1, retry_after=0.05)

    await fake_discord.send_message_create(
        "Wie is de nieuwe secretaris-generaal van de NAVO?", mention_bot=True
    )

    sends = await fake_discord.wait_for_calls(
        "POST", "/channels/{channel_id}/messages", 2, include_rate_limited=True, timeout=ANSWER_WAIT
    )
    assert [s.status for s in sends] == [429, 200]
    assert sends[1].json == sends[0].json and sends[1].response["embeds"]


async def test_cooldown_is_shared_by_mentions_and_ask(
    fake_discord: FakeDiscord, start_newsdesk: StartBot
) -> None:
    async with start_newsdesk(cooldown_seconds=60):
        first = await fake_discord.send_slash_command("ask", {"question": SHUSHI_QUESTION})
        await fake_discord.wait_for_followup(first, timeout=ANSWER_WAIT)

        again = await fake_discord.send_slash_command("ask", {"question": "And who denied it?"})
        refused = await fake_discord.wait_for_response(again, timeout=5)
        assert refused.json["type"] == 4 and refused.json["data"]["flags"] & FLAG_EPHEMERAL
        assert refused.json["data"]["content"].startswith("You're asking quickly: try again in ")

        await fake_discord.send_message_create("Who denied it?", mention_bot=True)
        reply = await fake_discord.wait_for_call("POST", "/channels/*/messages", timeout=5)
        assert reply.json["content"].startswith("You're asking quickly") and not reply.json.get("embeds")

        other = await fake_discord.send_slash_command(
            "ask", {"question": SHUSHI_QUESTION}, user=fake_discord.admin
        )
        assert (await fake_discord.wait_for_response(other, timeout=5)).json["type"] == 5
        await fake_discord.wait_for_followup(other, timeout=ANSWER_WAIT)


async def test_channels_outside_the_allow_list(fake_discord: FakeDiscord, start_newsdesk: StartBot) -> None:
    async with start_newsdesk(discord_channels=[fake_discord.news_channel.id]):
        outside = await fake_discord.send_slash_command("ask", {"question": SHUSHI_QUESTION})
        note = await fake_discord.wait_for_response(outside, timeout=5)
        assert (
            note.json["data"]["content"] == OUTSIDE_ALLOW_LIST and note.json["data"]["flags"] & FLAG_EPHEMERAL
        )

        await fake_discord.send_message_create(SHUSHI_QUESTION, mention_bot=True)
        await fake_discord.send_message_create(
            SHUSHI_QUESTION, mention_bot=True, channel=fake_discord.news_channel
        )
        await fake_discord.wait_for_call(
            "POST", f"/channels/{fake_discord.news_channel.id}/messages", timeout=ANSWER_WAIT
        )
        assert not fake_discord.calls_matching("POST", f"/channels/{fake_discord.channel.id}/messages")
        assert not fake_discord.calls_matching("POST", f"/channels/{fake_discord.channel.id}/typing")

        inside = await fake_discord.send_slash_command(
            "ask", {"question": SHUSHI_QUESTION}, channel=fake_discord.news_channel
        )
        assert (await fake_discord.wait_for_followup(inside, timeout=ANSWER_WAIT)).json["embeds"]


EVERYONE_ARTICLE = """date 2024-05-04
@everyone naar het stadhuis, roept burgemeester van Zwolle

De burgemeester van Zwolle riep zaterdag @everyone op om naar het stadhuis te komen voor de opening van de nieuwe bibliotheek.

De bibliotheek telt drie verdiepingen en heeft een leeszaal voor kinderen.
"""


@pytest.fixture
def everyone_desk(e5: SentenceTransformerEmbedder, tmp_path: Path) -> Any:
    """A tiny index of one article whose title and text contain '@everyone'."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "zwolle.txt").write_text(EVERYONE_ARTICLE, encoding="utf-8")
    index = NewsIndex(tmp_path / "index", e5)
    index.ingest([folder])
    built = build_desk(bot_settings(tmp_path / "index"), index)
    yield built
    built.close()


async def test_everyone_in_an_article_pings_no_one(
    fake_discord: FakeDiscord, run_client: Any, everyone_desk: Desk, tmp_path: Path
) -> None:
    from bot.discord.client import sync_commands

    bot = NewsdeskBot(everyone_desk, bot_settings(tmp_path / "index"))
    async with run_client(bot):
        await sync_commands(bot, fake_discord.guild.id)
        question = "Wie riep de burgemeester van Zwolle op om naar het stadhuis te komen?"
        await fake_discord.send_message_create(question, mention_bot=True)
        send = await fake_discord.wait_for_call("POST", "/channels/*/messages", timeout=ANSWER_WAIT)
        interaction = await fake_discord.send_slash_command("ask", {"question": question})
        followup = await fake_discord.wait_for_followup(interaction, timeout=ANSWER_WAIT)
        sources = await fake_discord.send_component(followup.response, f"nd:src:{interaction.id}")
        listed = await fake_discord.wait_for_response(sources, timeout=5)

    assert "@everyone" in send.json["embeds"][0]["description"]
    assert send.json["allowed_mentions"]["parse"] == [] and send.response["mention_everyone"] is False
    assert "@everyone" in followup.json["embeds"][0]["description"]
    assert "@everyone" in str(listed.json["data"]["embeds"])
    assert all(not m["mention_everyone"] and not m["mentions"] for m in fake_discord.bot_messages())
    assert_no_pings(fake_discord)
