"""The FAISS vector index: exact inner product over normalised vectors, keyed by chunk id."""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from pathlib import Path

import faiss
import numpy as np

from index.errors import IndexCorruptError


class VectorIndex:
    """A FAISS IndexIDMap2 over IndexFlatIP. Its ids are the SQLite chunk row ids."""

    def __init__(self, dimension: int, index: faiss.Index | None = None) -> None:
        if dimension <= 0:
            raise ValueError(f"dimension must be greater than 0, got {dimension}")
        self.dimension = dimension
        self._index = index if index is not None else faiss.IndexIDMap2(faiss.IndexFlatIP(dimension))
        self._lock = threading.Lock()  # FAISS does not allow searching while another thread adds or removes

    @property
    def description(self) -> str:
        """The FAISS index type, for stats."""
        return "IndexIDMap2(IndexFlatIP)"

    def __len__(self) -> int:
        return int(self._index.ntotal)

    def add(self, ids: Sequence[int], vectors: np.ndarray) -> None:
        """Add vectors under the given chunk ids."""
        if len(ids) == 0:
            return
        matrix = np.ascontiguousarray(vectors, dtype=np.float32)
        if matrix.shape != (len(ids), self.dimension):
            raise ValueError(f"expected vectors of shape ({len(ids)}, {self.dimension}), got {matrix.shape}")
        with self._lock:
            self._index.add_with_ids(matrix, np.asarray(ids, dtype=np.int64))

    def remove(self, ids: Sequence[int]) -> None:
        """Drop the vectors of these chunk ids (absent ids are ignored)."""
        if len(ids):
            with self._lock:
                self._index.remove_ids(np.asarray(ids, dtype=np.int64))

    def search(
        self, vector: np.ndarray, k: int, allowed: np.ndarray | None = None
    ) -> list[tuple[int, float]]:
        """The k nearest chunk ids with their inner products, optionally only among `allowed` ids."""
        if k <= 0 or len(self) == 0 or (allowed is not None and allowed.size == 0):
            return []
        params = None
        if allowed is not None:
            params = faiss.SearchParameters(sel=faiss.IDSelectorBatch(allowed.astype(np.int64)))
        query = np.ascontiguousarray(vector, dtype=np.float32).reshape(1, -1)
        with self._lock:
            scores, ids = self._index.search(query, min(k, len(self)), params=params)
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i != -1]

    def save(self, path: Path) -> None:
        """Write the index atomically: to a temporary file, flushed, then renamed over `path`."""
        tmp = path.with_name(path.name + ".tmp")
        with self._lock:
            faiss.write_index(self._index, str(tmp))
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, path)

    @classmethod
    def load(cls, path: Path, dimension: int) -> VectorIndex:
        """Read an index written by save(), checking its dimension."""
        try:
            index = faiss.read_index(str(path))
        except RuntimeError as exc:
            raise IndexCorruptError(f"cannot read the vector index {path}: {exc}") from exc
        if index.d != dimension:
            raise IndexCorruptError(f"the vector index {path} has dimension {index.d}, expected {dimension}")
        return cls(dimension, index)
