"""Passage-side vectors of short texts (sentences, claim contents), embedded once and kept in a bounded cache."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence

import numpy as np

from index.embedding.base import Embedder


class PassageVectorCache:
    """Embeds texts as passages, remembering the most recent `size` of them; safe to share between threads."""

    def __init__(self, embedder: Embedder, size: int = 20_000) -> None:
        if size <= 0:
            raise ValueError(f"size must be greater than 0, got {size}")
        self._embedder = embedder
        self._size = size
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def vectors(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors (n, dimension) of texts, embedding only those not cached."""
        if not texts:
            return np.zeros((0, self._embedder.dimension), dtype=np.float32)
        with self._lock:
            known = {t: self._vectors[t] for t in texts if t in self._vectors}
        missing = [t for t in dict.fromkeys(texts) if t not in known]
        if missing:
            embedded = self._embedder.embed_documents(missing)
            known.update(zip(missing, embedded, strict=True))
        with self._lock:
            for text in dict.fromkeys(texts):
                self._vectors[text] = known[text]
                self._vectors.move_to_end(text)
            while len(self._vectors) > self._size:
                self._vectors.popitem(last=False)
        return np.stack([known[t] for t in texts])
