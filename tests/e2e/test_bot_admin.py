"""The real newsdesk bot's admin commands (/reindex, /stats) and the CLI commands around the bot."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import bot_commands as cli_commands
from bot.cli.bot_commands import feedback, run
from bot.desk import Desk
from bot.discord.client import NewsdeskBot
from bot.feedback import FEEDBACK_FILE, FeedbackStore
from bot.records import Feedback
from index.ingest import IngestReport, ProgressCallback
from tests.e2e.discord_constants import FLAG_EPHEMERAL
from tests.e2e.fake_discord import FakeDiscord
from tests.e2e.interactions import APPLICATION_COMMAND

pytestmark = pytest.mark.e2e

NOT_ADMIN = "Only server admins (Manage Server) can use this command."


class SlowReindex:
    """Wraps Desk.reindex: slows each file's progress report so progress edits can be seen."""

    def __init__(self, desk: Desk, delay: float) -> None:
        self._reindex = desk.reindex
        self.delay = delay
        self.calls = 0

    def __call__(self, progress: ProgressCallback | None = None, prune: bool = False) -> IngestReport:
        import time

        self.calls += 1

        def slowly(done: int, total: int, name: str) -> None:
            time.sleep(self.delay)
            if progress is not None:
                progress(done, total, name)

        return self._reindex(slowly, prune)


async def test_members_are_refused_reindex_even_if_discord_shows_it(
    fake_discord: FakeDiscord, newsdesk: NewsdeskBot, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    spy = SlowReindex(desk, 0)
    monkeypatch.setattr(desk, "reindex", spy)
    command = fake_discord.commands[fake_discord.guild.id]["reindex"]
    data = {
        "id": command["id"],
        "name": "reindex",
        "type": 1,
        "options": [],
        "guild_id": str(fake_discord.guild.id),
    }

    # Discord hides /reindex from members (default_member_permissions); send it anyway, as a stale client might.
    interaction = await fake_discord.send_interaction(APPLICATION_COMMAND, data, user=fake_discord.member)

    response = await fake_discord.wait_for_response(interaction, timeout=5)
    assert response.json["type"] == 4 and response.json["data"]["flags"] & FLAG_EPHEMERAL
    assert response.json["data"]["content"] == NOT_ADMIN
    assert spy.calls == 0


async def test_admin_reindex_reports_progress_then_a_summary(
    fake_discord: FakeDiscord, newsdesk: NewsdeskBot, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(desk, "reindex", SlowReindex(desk, 0.1))
    monkeypatch.setattr(newsdesk.get_cog("Admin"), "progress_every", 0.3)

    interaction = await fake_discord.send_slash_command("reindex", user=fake_discord.admin)

    deferred = await fake_discord.wait_for_response(interaction, timeout=5)
    assert deferred.json["type"] == 5 and deferred.json["data"]["flags"] & FLAG_EPHEMERAL
    summary = await fake_discord.wait_for_call(
        "PATCH",
        interaction.webhook_path + "/messages/@original",
        where=lambda c: c.json["content"].startswith("Re-index done"),
        timeout=60,
    )
    assert "24 unchanged" in summary.json["content"] and "0 failed" in summary.json["content"]
    progress = fake_discord.calls_matching(
        "PATCH",
        interaction.webhook_path + "/messages/@original",
        where=lambda c: "files (" in c.json["content"],
    )
    assert progress and progress[0].json["content"].startswith("Re-indexing: ")
    message = fake_discord.original_message(interaction)
    assert message is not None and message["flags"] & FLAG_EPHEMERAL


async def test_admin_stats(fake_discord: FakeDiscord, newsdesk: NewsdeskBot) -> None:
    interaction = await fake_discord.send_slash_command("stats", user=fake_discord.admin)

    followup = await fake_discord.wait_for_followup(interaction, timeout=10)
    [embed] = followup.json["embeds"]
    figures = {f["name"]: f["value"] for f in embed["fields"]}
    assert figures["Articles"] == "24" and figures["Model"] == "multilingual-e5-small, 384-d"
    assert fake_discord.original_message(interaction)["flags"] & FLAG_EPHEMERAL  # type: ignore[index]


def test_run_without_a_token_says_how_to_set_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # no .env here
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)

    result = CliRunner().invoke(run, [])

    assert result.exit_code == 2
    assert "DISCORD_TOKEN is not set" in result.output and "newsdesk chat" in result.output


def test_feedback_lists_votes_and_totals(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    store = FeedbackStore(tmp_path / "data" / FEEDBACK_FILE)
    store.record(Feedback(user_id="7", vote=1, question="Who won?", answer="VVD [1]", message_id="1"))
    store.record(Feedback(user_id="8", vote=-1, question="Who lost?", answer="CDA [1]", message_id="1"))
    store.close()

    result = CliRunner().invoke(feedback, ["--limit", "5"], env={"NEWSDESK_DATA_DIR": str(tmp_path / "data")})

    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "👎" in lines[0] and "Who lost?" in lines[0] and "👍" in lines[1]
    assert lines[-1] == "totals: 1 👍, 1 👎"
    assert cli_commands.feedback.name == "feedback"
