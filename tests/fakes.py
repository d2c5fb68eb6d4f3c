"""Deterministic fakes shared by the unit tests."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

import numpy as np

from index.keywords import stem

_WORD = re.compile(r"\w+")


class HashEmbedder:
    """A bag-of-stems embedder: each stem hashed into one of `dimension` buckets, then normalised."""

    def __init__(self, dimension: int = 64, name: str = "fake-hash-embedder") -> None:
        self._dimension = dimension
        self._name = name
        self.documents_embedded = 0
        self.queries_embedded = 0

    @property
    def name(self) -> str:
        return self._name

    @property
    def dimension(self) -> int:
        return self._dimension

    def _vector(self, text: str) -> np.ndarray:
        vector = np.zeros(self._dimension, dtype=np.float32)
        for word in _WORD.findall(text):
            bucket = int(hashlib.md5(stem(word, "en").encode()).hexdigest(), 16) % self._dimension
            vector[bucket] += 1.0
        norm = np.linalg.norm(vector)
        return vector / norm if norm else vector

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        self.documents_embedded += len(texts)
        return (
            np.stack([self._vector(t) for t in texts])
            if texts
            else np.zeros((0, self._dimension), np.float32)
        )

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        self.queries_embedded += len(texts)
        return np.stack([self._vector(t) for t in texts])

    def count_tokens(self, text: str) -> int:
        return len(_WORD.findall(text))
