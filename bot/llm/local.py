"""A local GGUF model run in-process by llama.cpp: loaded once, one reply at a time, a bounded queue and wait."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

from bot.llm.base import LLMBusyError, LLMTimeoutError, LLMUnavailableError

if TYPE_CHECKING:
    from llama_cpp import Llama

log = logging.getLogger(__name__)


class LocalModelSettings(BaseModel):
    """Which GGUF file to run and how: context size, CPU threads, the longest wait and the queue."""

    name: str
    path: Path
    context_tokens: int = Field(default=4096, ge=512, le=32768)
    threads: int = Field(default=2, ge=1, le=256)
    timeout_seconds: float = Field(default=60.0, gt=0)  # waiting for the model included
    queue_limit: int = Field(default=4, ge=0, le=1000)  # replies waiting beyond the one being written


Loader = Callable[[LocalModelSettings], "Llama"]


def load_llama(settings: LocalModelSettings) -> Llama:
    """The GGUF file loaded by llama.cpp (memory-mapped), or an error saying what to provision."""
    try:
        from llama_cpp import Llama
    except ImportError as exc:
        raise LLMUnavailableError(
            "the llama.cpp runtime is not installed; run: newsdesk llm install"
        ) from exc
    if not settings.path.is_file():
        raise LLMUnavailableError(f"{settings.path} is missing; run: newsdesk llm install")
    return Llama(
        model_path=str(settings.path),
        n_ctx=settings.context_tokens,
        n_threads=settings.threads,
        n_threads_batch=settings.threads,
        verbose=False,
    )


class LocalChatModel:
    """In-process llama.cpp: the model loads on first use (or `load()`), replies are written one at a time."""

    def __init__(self, settings: LocalModelSettings, loader: Loader | None = None) -> None:
        self.settings = settings
        self.name = settings.name
        self._loader = loader or load_llama
        self._llama: Llama | None = None
        self._load_lock = threading.Lock()
        self._turn = threading.Lock()  # one reply at a time: a llama.cpp context is not thread-safe
        self._seats = threading.BoundedSemaphore(settings.queue_limit + 1)

    def load(self) -> None:
        """Load the model now (once per process); later calls return at once."""
        with self._load_lock:
            if self._llama is not None:
                return
            started = time.perf_counter()
            self._llama = self._loader(self.settings)
            log.info("loaded %s in %.1f s", self.name, time.perf_counter() - started)

    def chat(self, system: str, user: str, max_tokens: int) -> str:
        """The reply at temperature 0; LLMBusyError when the queue is full, LLMTimeoutError past the wait."""
        deadline = time.monotonic() + self.settings.timeout_seconds
        if not self._seats.acquire(blocking=False):
            raise LLMBusyError(f"{self.settings.queue_limit} answers already wait for the local model")
        try:
            if not self._turn.acquire(timeout=self.settings.timeout_seconds):
                raise LLMTimeoutError(f"waited {self.settings.timeout_seconds:.0f} s for the local model")
            try:
                self.load()
                return self._reply(system, user, max_tokens, deadline)
            finally:
                self._turn.release()
        finally:
            self._seats.release()

    def _reply(self, system: str, user: str, max_tokens: int, deadline: float) -> str:
        """Stream the reply token by token so that the deadline can stop it."""
        assert self._llama is not None
        stream: Any = self._llama.create_chat_completion(
            messages=[{"role": "system", "content": system}, {"role": "user", "content": user}],
            temperature=0.0,
            max_tokens=max_tokens,
            stream=True,
        )
        pieces: list[str] = []
        for chunk in stream:
            pieces.append(chunk["choices"][0]["delta"].get("content") or "")
            if time.monotonic() > deadline:
                stream.close()
                raise LLMTimeoutError(f"no reply within {self.settings.timeout_seconds:.0f} s")
        return "".join(pieces).strip()
