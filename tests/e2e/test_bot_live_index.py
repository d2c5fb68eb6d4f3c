"""A running bot and a changing index: /reindex while people ask, and an ingest by another process."""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.app import build_desk
from bot.desk import Desk
from bot.discord.client import NewsdeskBot, sync_commands
from bot.settings import Settings
from index.embedding.sentence_transformer import SentenceTransformerEmbedder
from index.news_index import DATABASE_FILE, NewsIndex
from tests.conftest import DEMO_CORPUS
from tests.e2e.conftest import bot_settings
from tests.e2e.fake_discord import FakeDiscord
from tests.e2e.test_bot_load import QUESTIONS, answered

pytestmark = pytest.mark.e2e

NEW_ARTICLE = """date 2024-07-02
source: newsdesk test

Zoetermeer opent drijvend zwembad in de Noord Aa

De gemeente Zoetermeer heeft dinsdag een drijvend zwembad geopend in de plas Noord Aa. Wethouder Sanne
de Wit zei dat het bad tweehonderd zwemmers tegelijk kan hebben.
"""
NEW_QUESTION = "Welke gemeente opende een drijvend zwembad?"
WAIT = 120.0


@pytest.fixture
def fresh_index(
    demo_index: NewsIndex, e5: SentenceTransformerEmbedder, tmp_path: Path
) -> Iterator[NewsIndex]:
    """A copy of the session's demo index (SQLite backed up, vector files copied) that a test may change."""
    data = tmp_path / "index"
    data.mkdir()
    with (
        sqlite3.connect(demo_index.data_dir / DATABASE_FILE) as source,
        sqlite3.connect(data / DATABASE_FILE) as copy,
    ):
        source.backup(copy)
    shutil.copytree(demo_index.data_dir / "vectors", data / "vectors")
    index = NewsIndex(data, e5)
    yield index
    index.close()


@pytest.fixture
def extra_articles(tmp_path: Path) -> Path:
    """A folder with one new article, not in the demo corpus."""
    folder = tmp_path / "extra"
    folder.mkdir()
    (folder / "zwembad.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    return folder


def live_settings(tmp_path: Path, extra: Path) -> Settings:
    """Test settings whose article folders are the demo corpus and the extra folder."""
    return bot_settings(tmp_path / "data", article_dirs=[DEMO_CORPUS, extra])


async def test_reindex_while_people_ask_answers_everyone(
    fake_discord: FakeDiscord, run_client, fresh_index: NewsIndex, extra_articles: Path, tmp_path: Path
) -> None:
    settings = live_settings(tmp_path, extra_articles)
    desk: Desk = build_desk(settings, fresh_index)
    readers = [fake_discord.add_member(f"reader{n}") for n in range(20)]
    bot = NewsdeskBot(desk, settings)
    async with run_client(bot):
        await sync_commands(bot, fake_discord.guild.id)
        reindex = await fake_discord.send_slash_command("reindex", user=fake_discord.admin)
        asked = await asyncio.gather(
            *(
                fake_discord.send_slash_command(
                    "ask", {"question": QUESTIONS[n % len(QUESTIONS)]}, user=reader
                )
                for n, reader in enumerate(readers)
            )
        )
        answers = await asyncio.gather(*(fake_discord.wait_for_followup(i, timeout=WAIT) for i in asked))
        summary = await fake_discord.wait_for_call(
            "PATCH",
            reindex.webhook_path + "/messages/@original",
            where=lambda c: c.json["content"].startswith("Re-index done"),
            timeout=WAIT,
        )
        after = await fake_discord.send_slash_command("ask", {"question": NEW_QUESTION}, user=readers[0])
        new = await fake_discord.wait_for_followup(after, timeout=WAIT)
    desk.feedback_store.close()

    for n, followup in enumerate(answers):
        assert answered(followup.json, QUESTIONS[n % len(QUESTIONS)]), followup.json
    assert "1 articles added" in summary.json["content"] and "24 unchanged" in summary.json["content"]
    assert answered(new.json, NEW_QUESTION) and "Zoetermeer" in new.json["embeds"][0]["description"]


async def test_an_ingest_by_another_process_is_answered_without_a_restart(
    fake_discord: FakeDiscord,
    run_client,
    fresh_index: NewsIndex,
    e5: SentenceTransformerEmbedder,
    extra_articles: Path,
    tmp_path: Path,
) -> None:
    settings = live_settings(tmp_path, extra_articles)
    desk: Desk = build_desk(settings, fresh_index)
    bot = NewsdeskBot(desk, settings)
    async with run_client(bot):
        await sync_commands(bot, fake_discord.guild.id)
        before = await fake_discord.send_slash_command("ask", {"question": NEW_QUESTION})
        old = await fake_discord.wait_for_followup(before, timeout=WAIT)
        # `newsdesk ingest` in another terminal: its own index object over the same folder.
        other = NewsIndex(fresh_index.data_dir, e5)
        report = await asyncio.to_thread(other.ingest, [extra_articles])
        other.close()
        after = await fake_discord.send_slash_command("ask", {"question": NEW_QUESTION})
        new = await fake_discord.wait_for_followup(after, timeout=WAIT)
    desk.feedback_store.close()

    assert report.added == 1
    assert "Zoetermeer" not in old.json["embeds"][0]["description"]
    assert answered(new.json, NEW_QUESTION) and "Zoetermeer" in new.json["embeds"][0]["description"]
