"""The bot's small in-memory state: per-user cooldowns, recent answers, and recent citations per channel."""

from __future__ import annotations

import time
from collections import OrderedDict, deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.records import Answer, Citation


class Cooldowns:
    """At most one question per user every `seconds` (mentions and /ask share it)."""

    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        if seconds < 0:
            raise ValueError(f"seconds must be at least 0, got {seconds}")
        self.seconds = seconds
        self._clock = clock
        self._last: dict[int, float] = {}

    def acquire(self, user_id: int) -> float:
        """0.0 and the cooldown starts if the user may ask now; else the seconds left to wait."""
        if self.seconds == 0:
            return 0.0
        now = self._clock()
        last = self._last.get(user_id)
        if last is not None and now - last < self.seconds:
            return self.seconds - (now - last)
        self._last[user_id] = now
        if len(self._last) > 10_000:  # forget users whose cooldown is long over
            self._last = {u: t for u, t in self._last.items() if now - t < self.seconds}
        return 0.0


@dataclass(frozen=True)
class CachedAnswer:
    """An answer the bot gave, kept so its buttons can show its sources and record votes."""

    answer: Answer
    channel_id: int


class AnswerCache:
    """The most recent answers by key (the /ask interaction id or the question message id)."""

    def __init__(self, size: int = 500) -> None:
        self._size = size
        self._answers: OrderedDict[int, CachedAnswer] = OrderedDict()

    def put(self, key: int, answer: Answer, channel_id: int) -> None:
        """Remember an answer, forgetting the oldest beyond the size."""
        self._answers[key] = CachedAnswer(answer, channel_id)
        self._answers.move_to_end(key)
        while len(self._answers) > self._size:
            self._answers.popitem(last=False)

    def get(self, key: int) -> CachedAnswer | None:
        """An answer, or None if it was never given or has been forgotten (e.g. after a restart)."""
        return self._answers.get(key)


@dataclass(frozen=True)
class RecentCitation:
    """A citation reference offered by /source autocomplete."""

    reference: str
    label: str


class RecentCitations:
    """Citation references of the latest answers in each channel, newest first."""

    def __init__(self, per_channel: int = 25) -> None:
        self._per_channel = per_channel
        self._channels: dict[int, deque[RecentCitation]] = {}

    def remember(self, channel_id: int, citations: Sequence[Citation]) -> None:
        """Add an answer's citations (a reference seen again moves to the front)."""
        recent = self._channels.setdefault(channel_id, deque(maxlen=self._per_channel))
        for citation in reversed(citations):
            label = f"[{citation.number}] {citation.title}: {citation.quote}"
            for old in [r for r in recent if r.reference == citation.reference]:
                recent.remove(old)
            recent.appendleft(RecentCitation(citation.reference, label))

    def matching(self, channel_id: int, text: str) -> list[RecentCitation]:
        """The channel's recent citations whose label or reference contains `text` (any case)."""
        needle = text.strip().lower()
        recent = self._channels.get(channel_id, deque())
        return [r for r in recent if needle in r.label.lower() or needle in r.reference.lower()]
