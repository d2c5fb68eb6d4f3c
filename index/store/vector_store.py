"""The vector-store Protocol: raw passage vectors by chunk id, one partition per language, and its settings.

Backends hold vectors as embedded; language centring is applied at query time by index/store/vectors.py.
Two implement it: FAISS in this process (faiss_store.py, the default) and Qdrant (qdrant_store.py), local or
a server or cluster.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, Protocol

import numpy as np
from pydantic import BaseModel, Field

Backend = Literal["faiss", "qdrant"]
COLLECTION = "newsdesk"  # the Qdrant collection's default name
IVF_ABOVE = 100_000  # exact search of 100,000 vectors took 9.9 ms p50 on 2 cores (README, Scale)
NPROBE = 32


class VectorStoreConfig(BaseModel):
    """Which backend holds the vectors, and how FAISS indexes a partition."""

    backend: Backend = "faiss"
    # Qdrant: a server or cluster URL; unset, Qdrant's embedded local mode keeps its files in the data folder.
    qdrant_url: str | None = None
    qdrant_api_key: str | None = None
    qdrant_collection: str = Field(default=COLLECTION, min_length=1)
    # FAISS: a language partition is searched exactly up to this many vectors and with an IVF index above it.
    ivf_above: int = Field(default=IVF_ABOVE, ge=1000)
    nprobe: int = Field(default=NPROBE, ge=1)  # IVF lists searched per query
    # Vectors added since the partition's base file was written stay in a small delta until they pass this
    # share of the base (or compact_min vectors, whichever is more); then the base is rewritten with them.
    compact_share: float = Field(default=0.1, gt=0.0, le=1.0)
    compact_min: int = Field(default=50_000, ge=1)


class VectorStore(Protocol):
    """Raw vectors keyed by chunk id and partitioned by language; searched by inner product."""

    dimension: int

    def add(self, ids: np.ndarray, vectors: np.ndarray, language: str) -> None:
        """Add vectors of one language under their chunk ids."""
        ...

    def remove(self, ids: np.ndarray) -> None:
        """Remove the vectors of these chunk ids (ids not held are ignored)."""
        ...

    def search(
        self, vector: np.ndarray, k: int, language: str, allowed: np.ndarray | None = None
    ) -> list[tuple[int, float]]:
        """The k ids of `language` with the highest inner product with `vector`, optionally among `allowed`."""
        ...

    def vectors(self, ids: Sequence[int]) -> dict[int, np.ndarray]:
        """The stored vectors of those ids the store holds."""
        ...

    def count(self) -> int:
        """How many vectors the store holds."""
        ...

    def fork(self) -> VectorStore:
        """A store to change while this one is still searched (a server-backed store is itself)."""
        ...

    def describe(self) -> str:
        """What holds the vectors, for `newsdesk stats`."""
        ...

    def persist(self, generation: int) -> None:
        """Make the store's state durable as that of the database generation."""
        ...

    def prune(self) -> None:
        """Delete what only earlier states needed, once the newest is marked current."""
        ...

    def close(self) -> None:
        """Release files and connections."""
        ...
