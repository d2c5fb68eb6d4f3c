"""The interface every embedder offers to ingest and retrieval."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import Protocol, runtime_checkable

import numpy as np


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into L2-normalised float32 vectors; queries and documents may be encoded differently."""

    @property
    def name(self) -> str:
        """The model's name as recorded in the index manifest."""
        ...

    @property
    def precision(self) -> str:
        """How the model's weights are held (fp32, int8): vectors of another precision are made again."""
        ...

    @property
    def dimension(self) -> int:
        """Length of every vector."""
        ...

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors (n, dimension) for passages."""
        ...

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors (n, dimension) for questions."""
        ...

    def count_tokens(self, text: str) -> int:
        """Number of model tokens in `text` (without special tokens)."""
        ...

    def bulk(self) -> AbstractContextManager[None]:
        """Within it, this thread's large batches may run on a faster runtime that is freed at exit (ingest)."""
        ...
