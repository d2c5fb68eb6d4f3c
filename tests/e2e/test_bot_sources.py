"""The real newsdesk bot's look-ups and answer buttons: /search, /source, /article, /claims, Sources, 👍/👎."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from bot.desk import Desk
from bot.discord.client import NewsdeskBot
from bot.discord.errors import GENERIC
from bot.discord.state import AnswerCache
from bot.discord.views import GONE
from tests.e2e.discord_constants import FLAG_EPHEMERAL
from tests.e2e.fake_discord import FakeDiscord, FakeInteraction

pytestmark = pytest.mark.e2e

SHUSHI_QUESTION = "Who claimed Shushi was captured?"
ANSWER_WAIT = 30.0


async def ask(
    fake_discord: FakeDiscord, question: str = SHUSHI_QUESTION
) -> tuple[FakeInteraction, dict[str, Any]]:
    """Ask with /ask and return the interaction and the answer message."""
    interaction = await fake_discord.send_slash_command("ask", {"question": question})
    followup = await fake_discord.wait_for_followup(interaction, timeout=ANSWER_WAIT)
    return interaction, followup.response


def shushi_id(desk: Desk) -> str:
    """The demo Shushi article's id."""
    [found] = [a for a in desk.find_articles("Shushi") if a.id.startswith("2020-11-shushi")]
    return found.id


async def test_search_lists_passages_with_article_date_and_excerpt(
    fake_discord: FakeDiscord, newsdesk: NewsdeskBot
) -> None:
    interaction = await fake_discord.send_slash_command(
        "search", {"query": "Shushi veroverd", "since": "2020-11", "until": "2020"}
    )

    assert (await fake_discord.wait_for_response(interaction, timeout=5)).json == {"type": 5}
    [embed] = (await fake_discord.wait_for_followup(interaction, timeout=ANSWER_WAIT)).json["embeds"]
    assert embed["title"] == "Search: Shushi veroverd"
    assert 1 <= len(embed["fields"]) <= 5
    first = embed["fields"][0]
    assert (
        first["name"].startswith("1. Strijd om Shushi")
        and "2020-11" in first["value"]
        and "\n> " in first["value"]
    )
    assert all("2020-11" in f["value"] for f in embed["fields"])


async def test_search_with_a_bad_date_is_refused_privately(
    fake_discord: FakeDiscord, newsdesk: NewsdeskBot
) -> None:
    interaction = await fake_discord.send_slash_command("search", {"query": "Shushi", "since": "november"})

    response = await fake_discord.wait_for_response(interaction, timeout=5)
    assert response.json["type"] == 4 and response.json["data"]["flags"] & FLAG_EPHEMERAL
    assert "YYYY, YYYY-MM or YYYY-MM-DD" in response.json["data"]["content"]

    backwards = await fake_discord.send_slash_command(
        "search", {"query": "Shushi", "since": "2021", "until": "2020"}
    )
    assert "after" in (await fake_discord.wait_for_response(backwards, timeout=5)).json["data"]["content"]


async def test_source_autocomplete_offers_recent_citations_then_titles(
    fake_discord: FakeDiscord, newsdesk: NewsdeskBot, desk: Desk
) -> None:
    interaction, _ = await ask(fake_discord)
    cached = newsdesk.answers.get(interaction.id)
    assert cached is not None and cached.answer.citations
    references = [c.reference for c in cached.answer.citations]

    typed = await fake_discord.send_autocomplete("source", {"id": ""}, focused="id")
    choices = (await fake_discord.wait_for_response(typed, timeout=5)).json["data"]["choices"]
    assert [c["value"] for c in choices[: len(set(references))]] == list(dict.fromkeys(references))
    assert choices[0]["name"].startswith("[1] ")
    assert len(choices) == 25 and all(len(c["name"]) <= 100 for c in choices)

    titled = await fake_discord.send_autocomplete("source", {"id": "shushi"}, focused="id")
    values = [
        c["value"] for c in (await fake_discord.wait_for_response(titled, timeout=5)).json["data"]["choices"]
    ]
    assert shushi_id(desk) in values

    other_channel = await fake_discord.send_autocomplete(
        "source", {"id": "zzz-nothing"}, focused="id", channel=fake_discord.news_channel
    )
    assert (await fake_discord.wait_for_response(other_channel, timeout=5)).json["data"]["choices"] == []


async def test_source_shows_the_cited_sentence_in_context(
    fake_discord: FakeDiscord, newsdesk: NewsdeskBot
) -> None:
    interaction, _ = await ask(fake_discord)
    cached = newsdesk.answers.get(interaction.id)
    assert cached is not None
    citation = cached.answer.citations[0]

    shown = await fake_discord.send_slash_command("source", {"id": citation.reference})

    [embed] = (await fake_discord.wait_for_followup(shown, timeout=ANSWER_WAIT)).json["embeds"]
    assert embed["title"] == citation.title
    marked = embed["description"].split("**")[1]
    assert marked.replace("\\", "")[:40] == citation.quote.strip()[:40]
    assert embed["footer"]["text"] == f"id {citation.article_id}"


async def test_unknown_source_is_a_short_private_error(
    fake_discord: FakeDiscord, newsdesk: NewsdeskBot
) -> None:
    interaction = await fake_discord.send_slash_command("source", {"id": "no-such-article"})

    followup = await fake_discord.wait_for_followup(interaction, timeout=ANSWER_WAIT)
    assert followup.json["content"] == "no passage, article or span matches 'no-such-article'"
    assert followup.json["flags"] & FLAG_EPHEMERAL
    assert fake_discord.calls_matching("DELETE", interaction.webhook_path + "/messages/@original")
    [message] = fake_discord.followup_messages(interaction)
    assert message["flags"] & FLAG_EPHEMERAL and fake_discord.original_message(interaction) is None


async def test_unexpected_errors_are_logged_and_reported_briefly(
    fake_discord: FakeDiscord,
    newsdesk: NewsdeskBot,
    desk: Desk,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(desk, "claims", broken)
    with caplog.at_level(logging.ERROR, logger="newsdesk.discord"):
        interaction = await fake_discord.send_slash_command("claims", {"topic": "Shushi"})
        followup = await fake_discord.wait_for_followup(interaction, timeout=ANSWER_WAIT)

    assert followup.json["content"] == GENERIC and followup.json["flags"] & FLAG_EPHEMERAL
    assert "disk on fire" not in followup.json["content"]
    assert any(r.exc_info and "disk on fire" in str(r.exc_info[1]) for r in caplog.records)


async def test_article_autocomplete_and_opening(
    fake_discord: FakeDiscord, newsdesk: NewsdeskBot, desk: Desk
) -> None:
    typed = await fake_discord.send_autocomplete("article", {"id": "Shushi"}, focused="id")
    choices = (await fake_discord.wait_for_response(typed, timeout=5)).json["data"]["choices"]
    assert {
        "name": "Strijd om Shushi laait op, Stepanakert zwaar bestookt (2020-11)",
        "value": shushi_id(desk),
    } in choices

    interaction = await fake_discord.send_slash_command("article", {"id": shushi_id(desk)})

    [embed] = (await fake_discord.wait_for_followup(interaction, timeout=ANSWER_WAIT)).json["embeds"]
    assert embed["title"] == "Strijd om Shushi laait op, Stepanakert zwaar bestookt"
    assert {f["name"]: f["value"] for f in embed["fields"]}["Date"] == "2020-11"
    assert "Shushi" in embed["description"]


async def test_claims_timeline_cites_sources(
    fake_discord: FakeDiscord, newsdesk: NewsdeskBot, desk: Desk
) -> None:
    expected = desk.claims("Shushi")
    assert expected, "the demo corpus holds claims about Shushi"

    interaction = await fake_discord.send_slash_command("claims", {"topic": "Shushi"})

    [embed] = (await fake_discord.wait_for_followup(interaction, timeout=ANSWER_WAIT)).json["embeds"]
    assert embed["title"] == "Claims: Shushi"
    first = expected[0]
    assert f"`{first.article_id}:{first.start}-{first.end}`" in embed["description"]
    assert f"**{first.date}**" in embed["description"]


async def test_sources_button_lists_every_cited_passage(
    fake_discord: FakeDiscord, newsdesk: NewsdeskBot
) -> None:
    interaction, answer = await ask(fake_discord)
    cached = newsdesk.answers.get(interaction.id)
    assert cached is not None

    click = await fake_discord.send_component(answer, f"nd:src:{interaction.id}", user=fake_discord.admin)

    response = await fake_discord.wait_for_response(click, timeout=5)
    assert response.json["type"] == 4 and response.json["data"]["flags"] & FLAG_EPHEMERAL
    [embed] = response.json["data"]["embeds"]
    assert len(embed["fields"]) == len(cached.answer.citations)
    for field, citation in zip(embed["fields"], cached.answer.citations, strict=True):
        assert field["name"].startswith(f"[{citation.number}] ")
        assert f"`{citation.reference}`" in field["value"] and field["value"].startswith("> ")


async def test_thumbs_up_is_stored(fake_discord: FakeDiscord, newsdesk: NewsdeskBot, desk: Desk) -> None:
    interaction, answer = await ask(fake_discord)

    click = await fake_discord.send_component(answer, f"nd:vote:up:{interaction.id}")

    deferred = await fake_discord.wait_for_response(click, timeout=5)
    assert deferred.json["type"] == 5 and deferred.json["data"]["flags"] & FLAG_EPHEMERAL
    thanks = await fake_discord.wait_for_followup(click, timeout=5)
    assert thanks.json["content"] == "Thanks for the feedback!"
    [vote] = desk.recent_feedback()
    assert (vote.vote, vote.user_id, vote.message_id) == (1, str(fake_discord.member.id), answer["id"])
    assert vote.question == SHUSHI_QUESTION and vote.channel_id == str(fake_discord.channel.id)
    assert vote.citations and "[1]" in vote.answer


async def test_buttons_after_a_restart(fake_discord: FakeDiscord, newsdesk: NewsdeskBot, desk: Desk) -> None:
    interaction, answer = await ask(fake_discord)
    newsdesk.answers = AnswerCache()  # what a restart forgets

    sources = await fake_discord.send_component(answer, f"nd:src:{interaction.id}")
    assert (await fake_discord.wait_for_response(sources, timeout=5)).json["data"]["content"] == GONE
    down = await fake_discord.send_component(answer, f"nd:vote:down:{interaction.id}")
    await fake_discord.wait_for_followup(down, timeout=5)

    [vote] = desk.recent_feedback()
    assert vote.vote == -1 and vote.question == SHUSHI_QUESTION and vote.message_id == answer["id"]
