"""A chat model behind an OpenAI-compatible chat-completions endpoint (llama.cpp server, Ollama, vLLM, …)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel, Field, SecretStr

from bot.llm.base import LLMError, LLMTimeoutError

if TYPE_CHECKING:  # imported where used: commands that never call an endpoint skip httpx's 70 ms
    import httpx


class EndpointSettings(BaseModel):
    """Where the endpoint is, which model it serves and how long to wait for it."""

    base_url: str = Field(
        min_length=1
    )  # e.g. http://127.0.0.1:8080/v1 (llama.cpp), http://localhost:11434/v1
    model: str = Field(min_length=1)
    api_key: SecretStr | None = None
    timeout_seconds: float = Field(default=30.0, gt=0)


class EndpointChatModel:
    """One chat-completions call per reply."""

    def __init__(self, settings: EndpointSettings, transport: httpx.BaseTransport | None = None) -> None:
        self.settings = settings
        self.name = settings.model
        import httpx

        key = settings.api_key
        self._client = httpx.Client(
            base_url=settings.base_url.rstrip("/"),
            headers={"Authorization": f"Bearer {key.get_secret_value()}"} if key else {},
            timeout=settings.timeout_seconds,
            transport=transport,
        )

    def load(self) -> None:
        """Nothing to load: the endpoint serves the model."""

    def chat(self, system: str, user: str, max_tokens: int) -> str:
        """The endpoint's reply at temperature 0."""
        import httpx

        try:
            response = self._client.post(
                "/chat/completions",
                json={
                    "model": self.settings.model,
                    "messages": [{"role": "system", "content": system}, {"role": "user", "content": user}],
                    "temperature": 0,
                    "max_tokens": max_tokens,
                },
            )
            response.raise_for_status()
            return str(response.json()["choices"][0]["message"]["content"]).strip()
        except httpx.TimeoutException as exc:
            raise LLMTimeoutError(
                f"the endpoint did not reply within {self.settings.timeout_seconds} s"
            ) from exc
        except (httpx.HTTPError, KeyError, IndexError, TypeError, ValueError) as exc:
            raise LLMError(f"the endpoint's reply could not be read: {exc}") from exc
