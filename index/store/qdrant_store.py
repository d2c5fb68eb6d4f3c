"""The Qdrant vector store: one collection, the language as a payload field, points keyed by chunk id.

The same client talks to a Qdrant server or cluster (NEWSDESK_QDRANT_URL) and, without a URL, runs Qdrant's
embedded local mode on files in the data folder. Local mode is for one process and modest sizes (it
searches by brute force in Python); a server shards and replicates. The collection is durable by itself,
so persisting a generation is the catalogue's job alone (see vectors.py), and a change is visible to
searches at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from index.errors import IndexBusyError
from index.store.vector_store import VectorStoreConfig

if TYPE_CHECKING:
    from qdrant_client import QdrantClient

LANGUAGE = "language"  # the payload field holding a point's language
_UPLOAD_BATCH = 1024
_READ_BATCH = 1000


def _client(config: VectorStoreConfig, folder: Path) -> QdrantClient:
    """A client for the configured server, or for local mode with its files in `folder`."""
    try:
        from qdrant_client import QdrantClient
    except ImportError as exc:  # an optional dependency: pip install -e ".[qdrant]"
        raise RuntimeError(
            "NEWSDESK_VECTOR_BACKEND=qdrant needs qdrant-client: pip install 'newsdesk[qdrant]'"
        ) from exc
    if config.qdrant_url:
        return QdrantClient(url=config.qdrant_url, api_key=config.qdrant_api_key)
    folder.mkdir(parents=True, exist_ok=True)
    try:
        return QdrantClient(path=str(folder))
    except RuntimeError as exc:  # "Storage folder ... is already accessed by another instance"
        raise IndexBusyError(
            f"Qdrant's local mode lets one process open {folder}; stop the other one or use a Qdrant server"
        ) from exc


class QdrantVectorStore:
    """Raw vectors in a Qdrant collection, searched by dot product within one language."""

    def __init__(self, folder: Path, dimension: int, config: VectorStoreConfig | None = None) -> None:
        self.folder = folder
        self.dimension = dimension
        self.config = config or VectorStoreConfig(backend="qdrant")
        self.collection = self.config.qdrant_collection
        self._client = _client(self.config, folder)
        if not self._client.collection_exists(self.collection):
            self.clear()

    def clear(self) -> None:
        """Drop the collection and make it again, empty."""
        from qdrant_client import models

        if self._client.collection_exists(self.collection):
            self._client.delete_collection(self.collection)
        self._client.create_collection(
            self.collection,
            vectors_config=models.VectorParams(size=self.dimension, distance=models.Distance.DOT),
        )
        if self.config.qdrant_url:  # local mode has no payload indexes (and warns about them)
            self._client.create_payload_index(self.collection, LANGUAGE, models.PayloadSchemaType.KEYWORD)

    def count(self) -> int:
        """Points in the collection."""
        return int(self._client.count(self.collection, exact=True).count)

    def search(
        self, vector: np.ndarray, k: int, language: str, allowed: np.ndarray | None = None
    ) -> list[tuple[int, float]]:
        """The k best chunk ids of one language by dot product (see VectorStore.search)."""
        from qdrant_client import models

        if k <= 0 or (allowed is not None and allowed.size == 0):
            return []
        must: list[models.Condition] = [
            models.FieldCondition(key=LANGUAGE, match=models.MatchValue(value=language))
        ]
        if allowed is not None:
            must.append(models.HasIdCondition(has_id=[int(i) for i in allowed]))
        found = self._client.query_points(
            self.collection,
            query=np.asarray(vector, dtype=np.float32).tolist(),
            query_filter=models.Filter(must=must),
            limit=k,
        ).points
        return [(int(point.id), float(point.score)) for point in found]

    def vectors(self, ids: Sequence[int]) -> dict[int, np.ndarray]:
        """Stored vectors of those ids the collection holds."""
        found: dict[int, np.ndarray] = {}
        wanted = [int(i) for i in ids]
        for start in range(0, len(wanted), _READ_BATCH):
            points = self._client.retrieve(
                self.collection, wanted[start : start + _READ_BATCH], with_vectors=True, with_payload=False
            )
            for point in points:
                found[int(point.id)] = np.asarray(point.vector, dtype=np.float32)
        return found

    def add(self, ids: np.ndarray, vectors: np.ndarray, language: str) -> None:
        """Upsert vectors of one language."""
        from qdrant_client import models

        for start in range(0, len(ids), _UPLOAD_BATCH):
            batch = slice(start, start + _UPLOAD_BATCH)
            points = models.Batch(
                ids=[int(i) for i in ids[batch]],
                vectors=np.asarray(vectors[batch], dtype=np.float32).tolist(),
                payloads=[{LANGUAGE: language}] * len(ids[batch]),
            )
            self._client.upsert(self.collection, points=points, wait=True)

    def remove(self, ids: np.ndarray) -> None:
        """Delete points by chunk id."""
        from qdrant_client import models

        for start in range(0, len(ids), _UPLOAD_BATCH):
            selector = models.PointIdsList(points=[int(i) for i in ids[start : start + _UPLOAD_BATCH]])
            self._client.delete(self.collection, points_selector=selector, wait=True)

    def fork(self) -> QdrantVectorStore:
        """The collection is changed in place: searches see a change as soon as it is made."""
        return self

    def describe(self) -> str:
        """Where the collection lives."""
        where = self.config.qdrant_url or f"local mode in {self.folder}"
        return f"qdrant collection {self.collection!r} ({where}), {self.count()} points"

    def persist(self, generation: int) -> None:
        """Nothing to do: each upsert and delete is durable when it returns."""

    def prune(self) -> None:
        """Nothing to delete: the collection holds only the current points."""

    def close(self) -> None:
        """Close the client (local mode releases its folder)."""
        self._client.close()
