"""The FAISS vector index: exact inner product over language-centred vectors, keyed by chunk id.

Multilingual embeddings score a question higher against passages in its own language than against equally
relevant passages in another. Subtracting each language's mean vector from its passages removes that shared
language component (Libovický et al., 2020, "On the language neutrality of pre-trained multilingual
representations"). Within one language every score shifts by the same amount, so same-language rankings do
not change; across languages the bias is gone. The index is immutable: an ingest builds a new one.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from index.errors import IndexCorruptError

# A language's centre is its passages' mean shrunk toward a prior (the mean of that language's background
# passages, see background.py) as if this many prior passages were added: a small corpus gets a stable
# centre, a large one its own.
CENTROID_PRIOR = 20
DESCRIPTION = "IndexIDMap2(IndexFlatIP) over language-centred vectors"


def language_centroids(
    matrix: np.ndarray, languages: Sequence[str], priors: dict[str, np.ndarray], weight: int = CENTROID_PRIOR
) -> dict[str, np.ndarray]:
    """Each language's centre, and '' for all passages together: the mean shrunk toward the language's prior.

    `priors` holds a prior vector per language and '' for languages without one.
    """
    tags = np.asarray(languages)
    dimension = matrix.shape[1]
    centroids: dict[str, np.ndarray] = {}
    for language in ["", *sorted(set(languages))]:
        rows = matrix if language == "" else matrix[tags == language]
        prior = priors.get(language, priors.get("", np.zeros(dimension, dtype=np.float32)))
        centroids[language] = ((rows.sum(axis=0) + weight * prior) / (len(rows) + weight)).astype(np.float32)
    return centroids


class VectorIndex:
    """A FAISS IndexIDMap2 over IndexFlatIP; its ids are the SQLite chunk row ids."""

    def __init__(
        self,
        dimension: int,
        index: faiss.Index | None = None,
        centroids: dict[str, np.ndarray] | None = None,
        background: dict[str, np.ndarray] | None = None,
    ):
        if dimension <= 0:
            raise ValueError(f"dimension must be greater than 0, got {dimension}")
        self.dimension = dimension
        self._index = index if index is not None else faiss.IndexIDMap2(faiss.IndexFlatIP(dimension))
        self.centroids = centroids or {}
        # The background mean per language (the centres' priors). Unlike the centres it does not depend on
        # the corpus, so similarity above it means the same in every index: it is what relevance is.
        self.background = background or {}

    @classmethod
    def build(
        cls, ids: np.ndarray, matrix: np.ndarray, languages: Sequence[str], priors: dict[str, np.ndarray]
    ) -> VectorIndex:
        """An index of the vectors, each minus the centre of its language (`priors`: see language_centroids)."""
        dimension = matrix.shape[1]
        centroids = language_centroids(matrix, languages, priors)
        index = cls(dimension, centroids=centroids, background=priors)
        if len(ids):
            centred = matrix - np.stack([centroids[language] for language in languages])
            index._index.add_with_ids(np.ascontiguousarray(centred, dtype=np.float32), ids.astype(np.int64))
        return index

    def centre(self, language: str) -> np.ndarray:
        """The centre subtracted from a passage in `language` (the overall one for a language not indexed)."""
        return self.centroids.get(
            language, self.centroids.get("", np.zeros(self.dimension, dtype=np.float32))
        )

    def background_of(self, language: str) -> np.ndarray:
        """The mean vector of background text in `language` (of all background text for another language)."""
        return self.background.get(
            language, self.background.get("", np.zeros(self.dimension, dtype=np.float32))
        )

    def ids(self) -> np.ndarray:
        """The chunk ids the index holds."""
        id_map = self._index.id_map  # type: ignore[attr-defined]  # an IndexIDMap2; the stubs say Index
        return faiss.vector_to_array(id_map).astype(np.int64)

    def __len__(self) -> int:
        return int(self._index.ntotal)

    def search(
        self, vector: np.ndarray, k: int, allowed: np.ndarray | None = None
    ) -> list[tuple[int, float]]:
        """The k best chunk ids with their (language-centred) scores, optionally only among `allowed` ids."""
        if k <= 0 or len(self) == 0 or (allowed is not None and allowed.size == 0):
            return []
        params = None
        if allowed is not None:
            selector = faiss.IDSelectorBatch(allowed.astype(np.int64))
            # faiss's bundled stubs omit the keyword arguments its SWIG constructors take.
            params = faiss.SearchParameters(sel=selector)  # type: ignore[call-arg]
        query = np.ascontiguousarray(vector, dtype=np.float32).reshape(1, -1)
        # One query is searched faster on this thread alone: OpenMP's team start-up and spinning beside ONNX
        # Runtime's threads cost about 3 ms a query on 2 cores (dense search p50 9.6 ms against 6.2 ms).
        # The setting belongs to the calling thread, so each answering thread makes it here.
        faiss.omp_set_num_threads(1)
        scores, ids = self._index.search(query, min(k, len(self)), params=params)
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i != -1]

    def vectors_of(self, ids: Sequence[int]) -> dict[int, np.ndarray]:
        """The stored (centred) vectors of those chunk ids the index holds."""
        found: dict[int, np.ndarray] = {}
        for chunk_id in ids:
            try:
                found[int(chunk_id)] = np.asarray(self._index.reconstruct(int(chunk_id)))
            except RuntimeError:  # FAISS: "key not found"
                continue
        return found

    def save(self, path: Path) -> None:
        """Write the index and its centres atomically: to temporary files, flushed, then renamed."""
        faiss_tmp = path.with_name(path.name + ".tmp")
        faiss.write_index(self._index, str(faiss_tmp))
        centres_tmp = path.with_name(path.name + ".centres.tmp.npz")
        arrays: dict[str, Any] = {f"lang_{k}": v for k, v in self.centroids.items()}
        arrays.update({f"background_{k}": v for k, v in self.background.items()})
        np.savez(centres_tmp, **arrays)
        for tmp in (faiss_tmp, centres_tmp):
            with open(tmp, "rb") as handle:
                os.fsync(handle.fileno())
        os.replace(centres_tmp, _centres_path(path))
        os.replace(faiss_tmp, path)

    @classmethod
    def load(cls, path: Path, dimension: int) -> VectorIndex:
        """Read an index written by save(), checking its dimension."""
        try:
            index = faiss.read_index(str(path))
            with np.load(_centres_path(path)) as data:
                centroids = {k.removeprefix("lang_"): data[k] for k in data.files if k.startswith("lang_")}
                background = {
                    k.removeprefix("background_"): data[k] for k in data.files if k.startswith("background_")
                }
        except (RuntimeError, OSError, ValueError) as exc:
            raise IndexCorruptError(f"cannot read the vector index {path}: {exc}") from exc
        if index.d != dimension:
            raise IndexCorruptError(f"the vector index {path} has dimension {index.d}, expected {dimension}")
        if not background:
            raise IndexCorruptError(f"the vector index {path} predates background centres; it is rebuilt")
        return cls(dimension, index, centroids, background)


def _centres_path(path: Path) -> Path:
    """Where the language centres of the index at `path` are kept."""
    return path.with_name(path.stem + ".centres.npz")
