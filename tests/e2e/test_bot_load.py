"""The real bot under load and through gateway faults: many people asking at once, a full queue, reconnects."""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Sequence
from datetime import date
from typing import Any

import pytest

from bot.desk import Desk
from bot.discord.client import NewsdeskBot
from bot.discord.errors import GENERIC
from bot.records import Answer
from index.records import SearchFilters
from tests.e2e.conftest import StartBot
from tests.e2e.fake_discord import FakeDiscord
from tests.e2e.fake_gateway import OP_INVALID_SESSION, OP_RECONNECT

pytestmark = pytest.mark.e2e

QUESTIONS = [
    "Who claimed Shushi was captured?",
    "Wie ontkende dat Shushi was veroverd?",
    "Who won the 2021 Dutch election?",
    "Wie is de nieuwe secretaris-generaal van de NAVO?",
    "What happened to the Ever Given?",
    "Waarom viel het kabinet-Rutte IV?",
    "Who won Eurovision in Rotterdam?",
    "Wat besloot de rechter over de avondklok?",
]
LOAD_WAIT = 600.0  # 150 answers from a real model on two shared cores
BLOCKED = ("heartbeat blocked",)  # the warning discord.py logs when the event loop starves its keep-alive


class RecordingAsk:
    """Wraps Desk.ask: records, for each question, how many REST calls the fake had seen when work began."""

    def __init__(self, desk: Desk, fake: FakeDiscord) -> None:
        self._ask = desk.ask
        self._fake = fake
        self.started: dict[str, int] = {}
        self._lock = threading.Lock()

    def __call__(
        self,
        question: str,
        filters: SearchFilters | None = None,
        history: Sequence[str] = (),
        asked_on: date | None = None,
    ) -> Answer:
        with self._lock:
            self.started[question] = len(self._fake.calls)
        return self._ask(question, filters, history, asked_on)


def answered(payload: dict[str, Any], question: str) -> bool:
    """Whether a sent message is a real answer to the question (an embed titled with it), not an error."""
    embeds = payload.get("embeds") or []
    return bool(embeds) and embeds[0].get("title") == question and GENERIC not in str(payload)


async def test_150_people_asking_at_once_are_all_answered(
    fake_discord: FakeDiscord,
    start_newsdesk: StartBot,
    desk: Desk,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING, logger="discord")
    spy = RecordingAsk(desk, fake_discord)
    monkeypatch.setattr(desk, "ask", spy)
    users = [fake_discord.add_member(f"reader{n}") for n in range(150)]
    slash = [(users[n], f"{QUESTIONS[n % len(QUESTIONS)]} ({n})") for n in range(100)]
    mentions = [(users[n], f"{QUESTIONS[n % len(QUESTIONS)]} ({n})") for n in range(100, 150)]

    async with start_newsdesk(cooldown_seconds=10):
        interactions = await asyncio.gather(
            *(fake_discord.send_slash_command("ask", {"question": q}, user=u) for u, q in slash)
        )
        messages = await asyncio.gather(
            *(fake_discord.send_message_create(q, author=u, mention_bot=True) for u, q in mentions)
        )
        followups = await asyncio.gather(
            *(fake_discord.wait_for_followup(i, timeout=LOAD_WAIT) for i in interactions)
        )
        replies = await fake_discord.wait_for_calls(
            "POST", f"/channels/{fake_discord.channel.id}/messages", len(mentions), timeout=LOAD_WAIT
        )
        deferrals = [await fake_discord.wait_for_response(i, timeout=5) for i in interactions]

    for (_, question), deferred, followup in zip(slash, deferrals, followups, strict=True):
        assert deferred.json == {"type": 5}
        assert deferred.index < spy.started[question]  # deferred before the blocking work began
        assert answered(followup.json, question), followup.json
    by_message = {r.json["message_reference"]["message_id"]: r.json for r in replies}
    for (_, question), message in zip(mentions, messages, strict=True):
        assert answered(by_message[int(message["id"])], question)
    assert len(spy.started) == 150
    blocked = [r.getMessage() for r in caplog.records if any(b in r.getMessage().lower() for b in BLOCKED)]
    assert not blocked, blocked


async def test_a_full_queue_says_when_to_try_again(
    fake_discord: FakeDiscord, start_newsdesk: StartBot, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    ask = desk.ask

    def slow_ask(
        question: str,
        filters: SearchFilters | None = None,
        history: Sequence[str] = (),
        asked_on: date | None = None,
    ) -> Answer:
        assert release.wait(timeout=60)
        return ask(question, filters, history, asked_on)

    monkeypatch.setattr(desk, "ask", slow_ask)
    readers = [fake_discord.add_member(f"reader{n}") for n in range(3)]
    async with start_newsdesk(answer_workers=1, queue_limit=1) as bot:
        running, waiting = [
            await fake_discord.send_slash_command("ask", {"question": QUESTIONS[n]}, user=readers[n])
            for n in range(2)
        ]
        await fake_discord.wait_for_response(waiting, timeout=5)
        refused = await fake_discord.send_slash_command("ask", {"question": QUESTIONS[2]}, user=readers[2])
        busy = await fake_discord.wait_for_followup(refused, timeout=10)
        assert bot.work.pending == 2
        release.set()
        first = await fake_discord.wait_for_followup(running, timeout=60)
        second = await fake_discord.wait_for_followup(waiting, timeout=60)

    assert "busy" in busy.json["content"] and "try again in" in busy.json["content"]
    assert answered(first.json, QUESTIONS[0]) and answered(second.json, QUESTIONS[1])


FAULTS = ["socket dropped", "RECONNECT", "INVALID_SESSION resumable", "INVALID_SESSION not resumable", "4000"]


async def inject(fake: FakeDiscord, fault: str) -> None:
    """Break the gateway connection the way the fault names."""
    if fault == "socket dropped":
        await fake.abort_gateway()
    elif fault == "RECONNECT":
        await fake.send_gateway_op(OP_RECONNECT)
    elif fault.startswith("INVALID_SESSION"):
        await fake.send_gateway_op(OP_INVALID_SESSION, fault.endswith(" resumable"))
    else:
        await fake.drop_gateway(int(fault))


@pytest.mark.parametrize("fault", FAULTS)
async def test_questions_in_flight_survive_a_gateway_fault(
    fault: str,
    fake_discord: FakeDiscord,
    start_newsdesk: StartBot,
    desk: Desk,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    release = threading.Event()
    started = threading.Semaphore(0)
    ask = desk.ask

    def held_ask(
        question: str,
        filters: SearchFilters | None = None,
        history: Sequence[str] = (),
        asked_on: date | None = None,
    ) -> Answer:
        started.release()
        assert release.wait(timeout=60)
        return ask(question, filters, history, asked_on)

    monkeypatch.setattr(desk, "ask", held_ask)
    readers = [fake_discord.add_member(f"reader{n}") for n in range(3)]
    async with start_newsdesk() as bot:
        connections = len(fake_discord.gateway_connections)
        interaction = await fake_discord.send_slash_command(
            "ask", {"question": QUESTIONS[0]}, user=readers[0]
        )
        mention = await fake_discord.send_message_create(QUESTIONS[1], author=readers[1], mention_bot=True)
        for _ in range(2):  # both questions are being answered
            assert await asyncio.to_thread(started.acquire, timeout=30)

        await inject(fake_discord, fault)
        await fake_discord.wait_for_gateway_connection(connections + 1, timeout=30)
        await fake_discord.wait_until_connected(timeout=30)
        release.set()
        followup = await fake_discord.wait_for_followup(interaction, timeout=60)
        reply = await fake_discord.wait_for_call(
            "POST", f"/channels/{fake_discord.channel.id}/messages", timeout=60
        )
        after = await fake_discord.send_slash_command("ask", {"question": QUESTIONS[2]}, user=readers[2])
        later = await fake_discord.wait_for_followup(after, timeout=60)
        assert isinstance(bot, NewsdeskBot) and not bot.is_closed()

    assert answered(followup.json, QUESTIONS[0])
    assert reply.json["message_reference"]["message_id"] == int(mention["id"])
    assert answered(reply.json, QUESTIONS[1])
    assert answered(later.json, QUESTIONS[2])
