"""NEWSDESK_DISCORD_AUTO_SHARD: the same bot on AutoShardedClient asks Discord for its shards and answers."""

from __future__ import annotations

from typing import Any

import discord
import pytest

from bot.desk import Desk
from bot.discord.client import NewsdeskBot, ShardedNewsdeskBot, make_bot, sync_commands
from bot.settings import Settings
from tests.e2e.fake_discord import FakeDiscord

pytestmark = pytest.mark.e2e


def test_the_setting_picks_the_sharded_client(desk: Desk, settings: Settings) -> None:
    assert type(make_bot(desk, settings, warm_up=False)) is NewsdeskBot
    sharded = make_bot(desk, settings.model_copy(update={"discord_auto_shard": True}), warm_up=False)
    assert isinstance(sharded, ShardedNewsdeskBot) and isinstance(sharded, discord.AutoShardedClient)


async def test_a_sharded_bot_identifies_with_its_shard_and_answers(
    fake_discord: FakeDiscord, run_client: Any, desk: Desk, settings: Settings
) -> None:
    bot = make_bot(desk, settings.model_copy(update={"discord_auto_shard": True}))
    async with run_client(bot):
        await sync_commands(bot, fake_discord.guild.id)
        assert fake_discord.calls_matching("GET", "/gateway/bot")  # the shard count Discord recommends
        assert [p.get("shard") for p in fake_discord.identify_payloads] == [[0, 1]]
        interaction = await fake_discord.send_slash_command(
            "ask", {"question": "Who claimed Shushi was captured?"}
        )
        followup = await fake_discord.wait_for_followup(interaction, timeout=30)
        [embed] = followup.json["embeds"]
        assert "[1]" in embed["description"]
