"""Bounded waiting for the fake Discord: every wait has a timeout, and fails fast if the client died."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

DEFAULT_TIMEOUT = 10.0


class FakeDiscordError(AssertionError):
    """A wait timed out, the client died, or a test asked for something Discord would not do."""


class Signal:
    """Wakes every waiter whenever something observable changed (a call recorded, a frame received)."""

    def __init__(self) -> None:
        self._event = asyncio.Event()
        self._watched: list[asyncio.Task[object]] = []

    def bump(self) -> None:
        """Wake the current waiters so they re-check their condition."""
        self._event.set()
        self._event = asyncio.Event()

    def watch(self, task: asyncio.Task[object]) -> None:
        """Make every wait fail at once if this task (the client's connect task) ends."""
        self._watched.append(task)
        task.add_done_callback(lambda _: self.bump())

    def unwatch(self, task: asyncio.Task[object]) -> None:
        """Stop watching a task (before closing the client on purpose)."""
        with contextlib.suppress(ValueError):
            self._watched.remove(task)

    async def wait_until(
        self, probe: Callable[[], T | None], *, timeout: float, what: Callable[[], str]
    ) -> T:
        """Return probe()'s first non-None result, re-checking on every bump, for at most timeout seconds."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while (result := probe()) is None:
            self._raise_if_client_died(what)
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise FakeDiscordError(f"timed out after {timeout:g}s waiting for {what()}")
            event = self._event
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), remaining)
        return result

    def _raise_if_client_died(self, what: Callable[[], str]) -> None:
        """Fail a wait early when a watched task has ended."""
        for task in self._watched:
            if task.done():
                cause = None if task.cancelled() else task.exception()
                raise FakeDiscordError(
                    f"the client's connect task ended ({cause!r}) while waiting for {what()}"
                ) from cause
