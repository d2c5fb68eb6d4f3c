"""What the answer side needs from a language model, and the typed ways a model can fail."""

from __future__ import annotations

from typing import Protocol

from index.errors import NewsdeskError


class LLMError(NewsdeskError):
    """The language model could not give a reply; the extractive answer stands."""


class LLMUnavailableError(LLMError):
    """The configured model or its runtime is not provisioned."""


class LLMBusyError(LLMError):
    """More questions wait for the model than its queue holds."""


class LLMTimeoutError(LLMError):
    """No reply within the configured time (waiting for the model included)."""


class ChatModel(Protocol):
    """A chat model: one system and one user message in, the reply's text out (temperature 0)."""

    name: str

    def load(self) -> None:
        """Get ready to reply (load weights, open connections); later calls return at once."""
        ...

    def chat(self, system: str, user: str, max_tokens: int) -> str:
        """The model's reply; raises an LLMError when it cannot give one in time."""
        ...
