"""Feeds at the edges: the CLI's ingest URL / refresh / feeds / latest / timeline, the chat, and the Desk."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

import bot.app
from bot.answer import claims_answer
from bot.cli import main
from bot.desk import Desk
from bot.feedback import FeedbackStore
from bot.terminal_chat import TerminalChat
from index.news_index import NewsIndex
from tests.fakes import HashEmbedder
from tests.feed_server import FeedServer
from tests.unit.newsroom import answerer
from tests.unit.test_feeds import BRIDGE, FLOOD, WIRE, serve_outlet

pytestmark = pytest.mark.unit


@pytest.fixture
def server() -> Iterator[FeedServer]:
    """The local feed server with two outlets carrying one wire story."""
    running = FeedServer()
    serve_outlet(running, "gazette", {"pesticides-deal": WIRE, "flood-in-utrecht": FLOOD})
    serve_outlet(running, "courier", {"eu-pesticides": WIRE, "bridge-opens": BRIDGE})
    yield running
    running.stop()


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """A data folder, no delay between requests, and the fake embedder instead of the model."""
    monkeypatch.setattr(bot.app, "build_embedder", lambda settings: HashEmbedder())
    return {"NEWSDESK_DATA_DIR": str(tmp_path / "data"), "NEWSDESK_FETCH_HOST_DELAY_SECONDS": "0"}


def run(args: list[str], env: dict[str, str]) -> tuple[int, str]:
    """Exit status and output of one command."""
    result = CliRunner().invoke(main, args, env=env)
    return result.exit_code, result.output


def test_refresh_without_feeds_says_how_to_add_them(env: dict[str, str]) -> None:
    code, output = run(["refresh", "--quiet"], env)
    assert code == 2 and "set NEWSDESK_FEEDS" in output


def test_the_cli_ingests_feeds_refreshes_and_lists_the_latest(
    server: FeedServer, env: dict[str, str]
) -> None:
    gazette, courier = server.url("/gazette/rss.xml"), server.url("/courier/rss.xml")
    code, output = run(["ingest", "--quiet", gazette], env)
    assert code == 0, output
    assert "fetched" in output and "2 new, 0 updated, 0 unchanged, 0 failed" in output

    configured = {**env, "NEWSDESK_FEEDS": json.dumps([{"url": courier, "outlet": "Courier"}])}
    code, output = run(["refresh", "--quiet"], configured)
    assert code == 0, output
    lines = output.splitlines()
    assert any(line.startswith("fetched") and "Courier" in line and "2 new" in line for line in lines)
    assert any(line.startswith("not modified") and gazette in line for line in lines)

    code, output = run(["feeds", "--json"], configured)
    assert code == 0, output
    assert sorted((f["url"], f["articles"]) for f in json.loads(output)) == [(courier, 2), (gazette, 2)]

    code, output = run(["latest", "--json"], configured)
    latest = json.loads(output)
    assert len(latest) == 3  # the wire story once
    [wire] = [a for a in latest if "esticides" in a["title"]]
    assert wire["also_in"] == [{"Courier": "Gazette", "Gazette": "Courier"}[wire["source"]]]
    code, output = run(["latest", "pesticides", "--outlet", "Courier"], configured)
    assert code == 0 and "Eu Pesticides" in output and "Pesticides Deal" not in output


def test_an_unreachable_url_fails_with_status_1(env: dict[str, str]) -> None:
    code, output = run(["ingest", "--quiet", "http://127.0.0.1:9/nothing.html"], env)
    assert code == 1 and "failed" in output


def test_a_timeline_merges_articles_and_claims_in_date_order(
    newsroom: NewsIndex, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        claims_answer, "TIMELINE_MIN_COSINE", 0.35
    )  # bag-of-words cosines (see test_answer_claims)
    desk = Desk(newsroom, answerer(newsroom), FeedbackStore(tmp_path / "votes.sqlite3"))
    entries = desk.timeline("Shushi")
    desk.feedback_store.close()

    assert {e.kind for e in entries} == {"event", "claim"}
    dates = [e.date for e in entries if e.date]
    assert dates == sorted(dates)
    assert all(":" in e.reference for e in entries if e.kind == "claim")
    assert any(e.kind == "claim" and "Aliyev" in e.text for e in entries)


def test_the_chat_shows_latest_and_timeline(
    newsroom: NewsIndex, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(claims_answer, "TIMELINE_MIN_COSINE", 0.35)
    desk = Desk(newsroom, answerer(newsroom), FeedbackStore(tmp_path / "votes.sqlite3"))
    chat = TerminalChat(desk)
    latest = chat.handle("/latest Shushi --outlet 'Demo NL'")
    timeline = chat.handle("/timeline Shushi")
    desk.feedback_store.close()

    assert latest.startswith("Latest articles on 'Shushi'") and "Strijd om Shushi" in latest
    assert timeline.startswith("Timeline of 'Shushi'") and "Aliyev" in timeline


def test_discord_shows_the_other_outlets_and_the_feeds() -> None:
    from bot.discord.embeds import citation_line
    from bot.discord.feed_embeds import feeds_embed, latest_embed
    from bot.records import Citation
    from index.records import FeedStatus, LatestArticle

    citation = Citation(
        number=1,
        article_id="a",
        chunk_id=1,
        start=0,
        end=4,
        quote="Deal",
        title="Deal",
        source="Gazette",
        date="2024-07-02",
        also_in=["Courier", "Post"],
    )
    assert "Gazette, 2024-07-02 · also in 2 outlets (Courier, Post)" in citation_line(citation)
    article = LatestArticle(
        id="https://g.example/a",
        title="Deal",
        date="2024-07-02",
        source="Gazette",
        url="https://g.example/a",
        ingested_at="2024-07-02T10:00:00+00:00",
        also_in=["Courier"],
    )
    assert "also in 1 outlet (Courier)" in (latest_embed("deal", [article]).description or "")
    status = FeedStatus(
        url="https://g.example/rss",
        outlet="Gazette",
        country="",
        language="",
        title="G",
        last_fetch="2024-07-02",
        last_success=None,
        last_error="HTTP 500 Internal Server Error",
        failures=2,
        next_attempt="2024-07-03",
        articles=7,
    )
    shown = feeds_embed([status]).description or ""
    assert "**Gazette**" in shown and "7 articles" in shown and "HTTP 500" in shown and "2024-07-03" in shown
