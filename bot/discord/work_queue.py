"""A bounded queue in front of the Desk: a few worker threads do the blocking work, the rest wait their turn."""

from __future__ import annotations

import asyncio
import statistics
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from bot.discord.errors import RefusedError

T = TypeVar("T")
_RECENT = 50  # durations kept to estimate the wait


class BusyError(RefusedError):
    """The queue is full: the user should ask again after `retry_after` seconds."""

    def __init__(self, retry_after: float) -> None:
        self.retry_after = retry_after
        super().__init__(
            f"I'm busy answering other questions right now; try again in {max(1, round(retry_after))} s."
        )


class WorkQueue:
    """Runs blocking calls on `workers` threads; at most `limit` calls wait, further ones raise BusyError.

    The event loop never runs the work itself, so heartbeats and other interactions go on while it waits.
    """

    def __init__(self, workers: int, limit: int) -> None:
        if workers < 1:
            raise ValueError(f"workers must be at least 1, got {workers}")
        if limit < 0:
            raise ValueError(f"limit must be at least 0, got {limit}")
        self.workers = workers
        self.limit = limit
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="newsdesk-work")
        self._pending = 0  # running or waiting; changed only on the event loop's thread
        self._durations: deque[float] = deque(maxlen=_RECENT)
        self._durations_lock = threading.Lock()

    @property
    def pending(self) -> int:
        """Calls running or waiting now."""
        return self._pending

    def estimated_wait(self) -> float:
        """Seconds until a call queued now would start, from the recent median duration."""
        with self._durations_lock:
            typical = statistics.median(self._durations) if self._durations else 1.0
        return typical * max(1, self._pending - self.workers + 1) / self.workers

    async def run(self, func: Callable[..., T], *args: object) -> T:
        """`func(*args)` on a worker thread, once one is free; BusyError at once if too many are waiting."""
        if self._pending - self.workers >= self.limit:
            raise BusyError(self.estimated_wait())
        self._pending += 1
        try:
            return await asyncio.get_running_loop().run_in_executor(self._executor, self._timed, func, args)
        finally:
            self._pending -= 1

    def _timed(self, func: Callable[..., T], args: tuple[object, ...]) -> T:
        """Run the call and remember how long it took."""
        started = time.perf_counter()
        try:
            return func(*args)
        finally:
            with self._durations_lock:
                self._durations.append(time.perf_counter() - started)

    def shutdown(self) -> None:
        """Stop the workers once the calls under way are done."""
        self._executor.shutdown(wait=True, cancel_futures=True)
