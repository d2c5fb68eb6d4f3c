"""The fake Discord drives a real discord.py ``commands.Bot``: commands, components, modals, mentions, 429s."""

from __future__ import annotations

import asyncio
import io
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager

import aiohttp
import discord
import pytest
from discord import app_commands
from discord.ext import commands

from tests.e2e.discord_constants import FLAG_EPHEMERAL, INTENT_MESSAGE_CONTENT
from tests.e2e.fake_discord import FakeDiscord
from tests.e2e.harness import RunningClient
from tests.e2e.waiting import FakeDiscordError

pytestmark = pytest.mark.e2e

RunClient = Callable[..., AbstractAsyncContextManager[RunningClient]]
TOPICS = ["Elections", "Electricity prices", "Economy", "Football"]


class FeedbackModal(discord.ui.Modal, title="Feedback"):
    """A one-field modal."""

    comment: discord.ui.TextInput[FeedbackModal] = discord.ui.TextInput(label="Comment", custom_id="comment")

    async def on_submit(self, interaction: discord.Interaction) -> None:
        """Thank the user, quoting the comment."""
        await interaction.response.send_message(f"Thanks: {self.comment.value}", ephemeral=True)


class SourcesView(discord.ui.View):
    """Buttons under an answer."""

    def __init__(self) -> None:
        super().__init__(timeout=60)

    @discord.ui.button(label="Show sources", custom_id="show-sources")
    async def show_sources(
        self, interaction: discord.Interaction, button: discord.ui.Button[SourcesView]
    ) -> None:
        """Answer with the sources, only for the clicker."""
        await interaction.response.send_message("Sources: Example Wire", ephemeral=True)

    @discord.ui.button(label="Feedback", custom_id="feedback")
    async def feedback(
        self, interaction: discord.Interaction, button: discord.ui.Button[SourcesView]
    ) -> None:
        """Open the feedback modal."""
        await interaction.response.send_modal(FeedbackModal())


class NewsBot(commands.Bot):
    """A tiny bot with the shapes the real one uses: defer + follow-up, autocomplete, mention replies."""

    def __init__(self, guild_id: int, *, intents: discord.Intents | None = None) -> None:
        super().__init__(command_prefix=commands.when_mentioned, intents=intents or discord.Intents.default())
        self.guild = discord.Object(guild_id)
        self.seen: list[discord.Message] = []
        self.answer_delay = 0.0
        self.tree.add_command(ask)
        self.tree.add_command(topic)
        self.tree.add_command(reindex)
        self.tree.add_command(digest)

    async def setup_hook(self) -> None:
        """Sync globally and to the test guild."""
        await self.tree.sync()
        self.tree.copy_global_to(guild=self.guild)
        await self.tree.sync(guild=self.guild)

    async def on_message(self, message: discord.Message) -> None:
        """Reply to mentions, without pinging anyone; say which message a reply answered."""
        if message.author == self.user:
            return
        self.seen.append(message)
        if self.user is None or self.user not in message.mentions:
            return
        reference = message.reference.resolved if message.reference else None
        text = f"You replied to: {reference.content}" if isinstance(reference, discord.Message) else "Hello"
        async with message.channel.typing():
            await message.reply(text, allowed_mentions=discord.AllowedMentions.none())


@app_commands.command(description="Ask about the news")
@app_commands.describe(question="Your question")
async def ask(interaction: discord.Interaction[NewsBot], question: str) -> None:
    """Defer, then answer with an embed and buttons."""
    await asyncio.sleep(interaction.client.answer_delay)
    await interaction.response.defer(thinking=True)
    embed = discord.Embed(title="Answer", description=f"You asked: {question}")
    await interaction.followup.send(embed=embed, view=SourcesView())


@app_commands.command(description="Follow a topic")
async def topic(interaction: discord.Interaction, name: str) -> None:
    """Confirm the topic."""
    await interaction.response.send_message(f"Following {name}", ephemeral=True)


@topic.autocomplete("name")
async def topic_choices(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    """Topics containing what the user typed."""
    return [app_commands.Choice(name=t, value=t) for t in TOPICS if current.lower() in t.lower()]


@app_commands.command(description="Rebuild the index")
@app_commands.default_permissions(manage_guild=True)
@app_commands.checks.has_permissions(manage_guild=True)
async def reindex(interaction: discord.Interaction) -> None:
    """An admin-only command."""
    await interaction.response.send_message("Reindexing", ephemeral=True)


@app_commands.command(description="Send the digest as a file")
async def digest(interaction: discord.Interaction) -> None:
    """Defer privately, send a file, then edit the response."""
    await interaction.response.defer(ephemeral=True)
    await interaction.followup.send(
        "Digest attached", file=discord.File(io.BytesIO(b"top stories"), "digest.txt")
    )
    await interaction.edit_original_response(content="Digest sent")


@pytest.fixture
async def bot(fake_discord: FakeDiscord, run_client: RunClient) -> AsyncIterator[NewsBot]:
    """The test bot, connected to the fake; on teardown its connect task must still be alive."""
    news_bot = NewsBot(fake_discord.guild.id)
    async with run_client(news_bot):
        yield news_bot


async def test_login_syncs_commands_and_identifies_with_intents(
    fake_discord: FakeDiscord, bot: NewsBot
) -> None:
    me = await fake_discord.wait_for_call("GET", "/users/@me", timeout=5)
    assert me.headers["Authorization"] == f"Bot {fake_discord.token}"
    await fake_discord.wait_for_call("GET", "/oauth2/applications/@me", timeout=5)
    sync = await fake_discord.wait_for_call("PUT", "/applications/{app}/guilds/{guild}/commands", timeout=5)
    assert sync.path == f"/applications/{fake_discord.application_id}/guilds/{fake_discord.guild.id}/commands"
    assert sorted(c["name"] for c in sync.response) == ["ask", "digest", "reindex", "topic"]
    assert all(c["id"] and c["guild_id"] == str(fake_discord.guild.id) for c in sync.response)
    assert fake_discord.calls_matching("PUT", "/applications/{app}/commands")
    assert fake_discord.intents == discord.Intents.default().value
    assert fake_discord.identify_payloads[0]["token"] == fake_discord.token
    assert fake_discord.gateway_connections[0].query["encoding"] == "json"
    guild = bot.get_guild(fake_discord.guild.id)
    assert guild is not None and guild.me is not None and guild.default_role.id == guild.id
    assert {c.name for c in guild.text_channels} == {"general", "news"}


async def test_slash_command_defers_then_follows_up_with_embed_and_button(
    fake_discord: FakeDiscord, bot: NewsBot
) -> None:
    interaction = await fake_discord.send_slash_command("ask", {"question": "Who won the election?"})

    deferred = await fake_discord.wait_for_response(interaction, timeout=5)
    assert deferred.json == {"type": 5} and deferred.ok
    followup = await fake_discord.wait_for_followup(interaction, timeout=5)
    assert followup.query["wait"] == "1"
    [embed] = followup.json["embeds"]
    assert embed["title"] == "Answer" and embed["description"] == "You asked: Who won the election?"
    buttons = [c["custom_id"] for row in followup.json["components"] for c in row["components"]]
    assert buttons == ["show-sources", "feedback"]
    original = fake_discord.original_message(interaction)
    assert original is not None and original["id"] == followup.response["id"] and original["embeds"]


async def test_followup_with_a_file_is_multipart_and_fills_the_deferred_message(
    fake_discord: FakeDiscord, bot: NewsBot
) -> None:
    interaction = await fake_discord.send_slash_command("digest")

    followup = await fake_discord.wait_for_followup(interaction, timeout=5)
    assert followup.headers["Content-Type"].startswith("multipart/form-data")
    assert followup.json["content"] == "Digest attached"
    assert [(f.filename, f.data) for f in followup.files] == [("digest.txt", b"top stories")]
    edit = await fake_discord.wait_for_call(
        "PATCH", interaction.webhook_path + "/messages/@original", timeout=5
    )
    original = fake_discord.original_message(interaction)
    assert original is not None and original["id"] == followup.response["id"] == edit.response["id"]
    assert original["content"] == "Digest sent" and original["flags"] == FLAG_EPHEMERAL
    assert [a["filename"] for a in original["attachments"]] == ["digest.txt"]


async def test_button_click_is_answered(fake_discord: FakeDiscord, bot: NewsBot) -> None:
    asked = await fake_discord.send_slash_command("ask", {"question": "Any sources?"})
    answer = (await fake_discord.wait_for_followup(asked, timeout=5)).response

    click = await fake_discord.send_component(answer, "show-sources", user=fake_discord.admin)

    response = await fake_discord.wait_for_response(click, timeout=5)
    assert response.json["type"] == 4
    assert response.json["data"]["content"] == "Sources: Example Wire"
    assert response.json["data"]["flags"] & FLAG_EPHEMERAL


async def test_modal_opened_by_button_and_submitted(fake_discord: FakeDiscord, bot: NewsBot) -> None:
    asked = await fake_discord.send_slash_command("ask", {"question": "Feedback?"})
    answer = (await fake_discord.wait_for_followup(asked, timeout=5)).response
    click = await fake_discord.send_component(answer, "feedback")
    assert (await fake_discord.wait_for_response(click, timeout=5)).json["type"] == 9

    submit = await fake_discord.send_modal_submit(click, {"comment": "Great"})

    response = await fake_discord.wait_for_response(submit, timeout=5)
    assert response.json["data"]["content"] == "Thanks: Great"


async def test_autocomplete_answers_with_choices(fake_discord: FakeDiscord, bot: NewsBot) -> None:
    interaction = await fake_discord.send_autocomplete("topic", {"name": "elec"}, focused="name")

    response = await fake_discord.wait_for_response(interaction, timeout=5)
    assert response.json["type"] == 8
    assert [c["value"] for c in response.json["data"]["choices"]] == ["Elections", "Electricity prices"]
    assert interaction.choices == response.json["data"]["choices"]


async def test_mention_is_answered_as_reply_without_pings(fake_discord: FakeDiscord, bot: NewsBot) -> None:
    question = await fake_discord.send_message_create("what's new?", mention_bot=True)

    send = await fake_discord.wait_for_call(
        "POST", f"/channels/{fake_discord.channel.id}/messages", timeout=5
    )
    assert send.json["message_reference"]["message_id"] == int(question["id"])
    assert send.json["allowed_mentions"] == {"parse": []}
    assert send.response["mentions"] == [] and send.response["type"] == 19
    typing = fake_discord.calls_matching("POST", "/channels/*/typing")
    assert typing and typing[0].index < send.index


async def test_reply_to_a_bot_message_carries_the_referenced_message(
    fake_discord: FakeDiscord, bot: NewsBot
) -> None:
    earlier = fake_discord.seed_message("The canal reopened on Monday.", author=fake_discord.bot)

    await fake_discord.send_message_create("when exactly?", reply_to=earlier)

    send = await fake_discord.wait_for_call("POST", "/channels/*/messages", timeout=5)
    assert send.json["content"] == "You replied to: The canal reopened on Monday."
    fetched = fake_discord.get_message(int(send.response["id"]))
    assert fetched is not None and fetched["referenced_message"]["author"]["id"] == str(
        fake_discord.member.id
    )


async def test_rate_limited_send_is_retried(fake_discord: FakeDiscord, bot: NewsBot) -> None:
    fake_discord.rate_limit("POST", "/channels/{channel_id}/messages", times=1, retry_after=0.05)

    await fake_discord.send_message_create("hello", mention_bot=True)

    sends = await fake_discord.wait_for_calls(
        "POST", "/channels/{channel_id}/messages", 2, include_rate_limited=True, timeout=5
    )
    assert [s.status for s in sends] == [429, 200]
    assert sends[0].response["retry_after"] == 0.05 and sends[0].response["global"] is False


async def test_content_is_blanked_without_the_message_content_intent(
    fake_discord: FakeDiscord, bot: NewsBot
) -> None:
    assert fake_discord.intents is not None and not fake_discord.intents & INTENT_MESSAGE_CONTENT
    await fake_discord.send_message_create("no mention here")
    await fake_discord.send_message_create("with a mention", mention_bot=True)

    await fake_discord.wait_for_call("POST", "/channels/*/messages", timeout=5)
    assert [m.content for m in bot.seen] == ["", f"{fake_discord.bot.mention} with a mention"]


async def test_admin_only_command_is_hidden_from_members(fake_discord: FakeDiscord, bot: NewsBot) -> None:
    interaction = await fake_discord.send_slash_command("reindex", user=fake_discord.admin)
    response = await fake_discord.wait_for_response(interaction, timeout=5)
    assert response.json["data"]["content"] == "Reindexing"

    with pytest.raises(FakeDiscordError, match="hides /reindex"):
        await fake_discord.send_slash_command("reindex", user=fake_discord.member)


async def test_slash_command_in_dm(fake_discord: FakeDiscord, bot: NewsBot) -> None:
    interaction = await fake_discord.send_slash_command("ask", {"question": "Privately?"}, dm=True)

    followup = await fake_discord.wait_for_followup(interaction, timeout=5)
    assert followup.response["channel_id"] == str(fake_discord.dm_channel().id)


async def test_resume_after_a_dropped_connection(fake_discord: FakeDiscord, bot: NewsBot) -> None:
    since = len(fake_discord.gateway_frames)

    await fake_discord.drop_gateway()

    resume = await fake_discord.wait_for_gateway_op(6, since=since, timeout=5)
    assert resume["d"]["session_id"] == "fake-session-1"
    assert fake_discord.gateway_connections[-1].path == "/resume-gateway"
    interaction = await fake_discord.send_slash_command("ask", {"question": "Still there?"})
    assert (await fake_discord.wait_for_followup(interaction, timeout=5)).ok


async def test_late_interaction_response_gets_unknown_interaction(
    fake_discord: FakeDiscord, run_client: RunClient
) -> None:
    fake_discord.interaction_deadline = 0.05
    news_bot = NewsBot(fake_discord.guild.id)
    news_bot.answer_delay = 0.2
    async with run_client(news_bot, allow_logged_errors=True) as run:
        interaction = await fake_discord.send_slash_command("ask", {"question": "Slow?"})
        late = await fake_discord.wait_for_response(interaction, timeout=5)
        assert late.status == 404 and late.response["code"] == 10062
        await asyncio.wait_for(_until(lambda: bool(run.errors)), timeout=5)
    assert "10062" in run.error_messages()[0]


async def test_limits_unknown_routes_and_auth_over_plain_http(fake_discord: FakeDiscord) -> None:
    headers = {"Authorization": f"Bot {fake_discord.token}"}
    url = f"{fake_discord.api_url}/channels/{fake_discord.channel.id}/messages"
    async with aiohttp.ClientSession() as session:
        async with session.post(url, json={"content": "x" * 2001}, headers=headers) as too_long:
            assert too_long.status == 400 and too_long.headers["Content-Type"] == "application/json"
            assert (await too_long.json())["errors"]["content"]["_errors"][0][
                "code"
            ] == "BASE_TYPE_MAX_LENGTH"
        async with session.get(f"{fake_discord.api_url}/nowhere", headers=headers) as unknown:
            assert unknown.status == 404 and (await unknown.json())["message"] == "404: Not Found"
        async with session.get(f"{fake_discord.api_url}/users/@me") as anonymous:
            assert anonymous.status == 401
    assert [c.status for c in fake_discord.calls] == [400, 404, 401]


async def _until(condition: Callable[[], bool]) -> None:
    """Poll a condition (callers bound this with a timeout)."""
    while not condition():
        await asyncio.sleep(0.01)
