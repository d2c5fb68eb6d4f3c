"""The REST calls the fake recorded: finding and waiting for them, and injecting rate limits and failures."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from .recording import PathPattern, RecordedCall, Reply, Rule, path_matcher, too_many_requests
from .waiting import DEFAULT_TIMEOUT, Signal


class CallLog:
    """Recorded REST calls, and 429s and errors injected into the next matching calls (a FakeDiscord mixin)."""

    calls: list[RecordedCall]
    _signal: Signal
    _rules: list[Rule]

    # -- recorded calls --------------------------------------------------------------------------------

    def mark(self) -> int:
        """The index the next recorded call will get (pass it as ``since`` to ignore earlier calls)."""
        return len(self.calls)

    def calls_matching(
        self,
        method: str | None,
        path: PathPattern,
        *,
        since: int = 0,
        where: Callable[[RecordedCall], bool] | None = None,
        include_rate_limited: bool = False,
    ) -> list[RecordedCall]:
        """Recorded calls for a method (None: any) and path ("*" or "{name}" match one segment, or a regex)."""
        matcher = path_matcher(path)
        return [
            call
            for call in self.calls[since:]
            if (method is None or call.method == method.upper())
            and matcher.fullmatch(call.path)
            and (include_rate_limited or call.status != 429)
            and (where is None or where(call))
        ]

    async def wait_for_call(
        self,
        method: str | None,
        path: PathPattern,
        *,
        since: int = 0,
        where: Callable[[RecordedCall], bool] | None = None,
        include_rate_limited: bool = False,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> RecordedCall:
        """The first matching call (already recorded or coming), waiting at most ``timeout`` seconds."""
        calls = await self.wait_for_calls(
            method,
            path,
            1,
            since=since,
            where=where,
            include_rate_limited=include_rate_limited,
            timeout=timeout,
        )
        return calls[0]

    async def wait_for_calls(
        self,
        method: str | None,
        path: PathPattern,
        count: int,
        *,
        since: int = 0,
        where: Callable[[RecordedCall], bool] | None = None,
        include_rate_limited: bool = False,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> list[RecordedCall]:
        """The first ``count`` matching calls, waiting at most ``timeout`` seconds."""

        def probe() -> list[RecordedCall] | None:
            found = self.calls_matching(
                method, path, since=since, where=where, include_rate_limited=include_rate_limited
            )
            return found[:count] if len(found) >= count else None

        def what() -> str:
            return f"{count} call(s) {method or '*'} {path}; recorded so far: {self.describe_calls(since)}"

        return await self._signal.wait_until(probe, timeout=timeout, what=what)

    def describe_calls(self, since: int = 0) -> str:
        """The recorded calls as ``[METHOD /path -> status, ...]``, for failure messages."""
        return "[" + ", ".join(str(call) for call in self.calls[since:]) + "]"

    def watch(self, task: asyncio.Task[Any]) -> None:
        """Make every wait fail at once if this task (the client's connect task) ends."""
        self._signal.watch(task)

    def unwatch(self, task: asyncio.Task[Any]) -> None:
        """Stop watching a task."""
        self._signal.unwatch(task)

    # -- injected failures -----------------------------------------------------------------------------

    def rate_limit(
        self,
        method: str,
        path: PathPattern,
        *,
        times: int = 1,
        retry_after: float = 0.05,
        is_global: bool = False,
        bucket: str = "fake0bucket0hash",
    ) -> None:
        """Answer the next ``times`` matching calls with a 429 shaped like Discord's (discord.py retries)."""
        self._rules.append(
            Rule(
                method.upper(),
                path_matcher(path),
                times,
                lambda: too_many_requests(retry_after, is_global, bucket),
            )
        )

    def fail(
        self,
        method: str,
        path: PathPattern,
        *,
        status: int,
        code: int = 0,
        message: str | None = None,
        times: int = 1,
    ) -> None:
        """Answer the next ``times`` matching calls with an error (note: discord.py sleeps then retries 5xx)."""
        body = {"message": message or f"{status}: fake_discord injected error", "code": code}
        self._rules.append(Rule(method.upper(), path_matcher(path), times, lambda: Reply(status, body)))

    def _take_rule(self, call: RecordedCall) -> Reply | None:
        """Consume one use of the first injected rule matching the call."""
        for rule in self._rules:
            if rule.times > 0 and rule.method == call.method and rule.path.fullmatch(call.path):
                rule.times -= 1
                return rule.reply()
        return None
