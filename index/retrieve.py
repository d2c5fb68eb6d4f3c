"""Hybrid retrieval: dense (FAISS) and keyword (FTS5 BM25) rankings fused by reciprocal rank fusion."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

import numpy as np

from index.embedding.base import Embedder
from index.errors import InvalidQueryError
from index.keywords import fts_match_expression, query_terms
from index.records import Passage, SearchFilters
from index.store.database import Database
from index.store.vectors import VectorIndex

SearchMode = Literal["hybrid", "dense", "keyword"]
RRF_K = 60  # the constant of Cormack et al. (2009); dampens the weight of top ranks


def reciprocal_rank_fusion(rankings: list[list[int]], k: int = RRF_K) -> dict[int, float]:
    """Fuse rankings of ids: each id scores the sum of 1 / (k + rank) over the rankings that hold it."""
    fused: dict[int, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            fused[item] = fused.get(item, 0.0) + 1.0 / (k + rank)
    return fused


class HybridRetriever:
    """Searches the store with one query embedding and one FTS query per question."""

    def __init__(
        self, db: Database, vectors: Callable[[], VectorIndex], embedder: Embedder, depth: int = 50
    ) -> None:
        if depth <= 0:
            raise ValueError(f"depth must be greater than 0, got {depth}")
        self._db = db
        self._vectors = vectors
        self._embedder = embedder
        self._depth = depth

    def embed_query(self, query: str) -> np.ndarray:
        """The query's vector, for callers that reuse it (e.g. to score sentences)."""
        return self._embedder.embed_queries([query])[0]

    def search(
        self,
        query: str,
        k: int = 5,
        filters: SearchFilters | None = None,
        mode: SearchMode = "hybrid",
        query_vector: np.ndarray | None = None,
    ) -> list[Passage]:
        """The k best passages for `query`; pass `query_vector` if it is already embedded."""
        if not query.strip():
            raise InvalidQueryError("the question is empty")
        if k <= 0:
            raise InvalidQueryError(f"k must be greater than 0, got {k}")
        filters = filters or SearchFilters()
        depth = max(self._depth, 2 * k)
        dense: list[tuple[int, float]] = []
        keyword: list[tuple[int, float]] = []
        if mode in ("hybrid", "dense"):
            vector = query_vector if query_vector is not None else self.embed_query(query)
            allowed = None if filters.is_empty() else self._db.filtered_chunk_ids(filters)
            dense = self._vectors().search(vector, depth, allowed)
        if mode in ("hybrid", "keyword"):
            keyword = self._db.keyword_search(fts_match_expression(query_terms(query)), depth, filters)
        return self._passages(dense, keyword, k, mode)

    def _passages(
        self, dense: list[tuple[int, float]], keyword: list[tuple[int, float]], k: int, mode: SearchMode
    ) -> list[Passage]:
        """Rank, fuse and attach stored text and metadata to the top k chunk ids."""
        dense_rank = {cid: (rank, score) for rank, (cid, score) in enumerate(dense, start=1)}
        keyword_rank = {cid: (rank, score) for rank, (cid, score) in enumerate(keyword, start=1)}
        if mode == "dense":
            scores = {cid: score for cid, score in dense}
        elif mode == "keyword":
            scores = {cid: score for cid, score in keyword}
        else:
            scores = reciprocal_rank_fusion([[cid for cid, _ in dense], [cid for cid, _ in keyword]])
        top = sorted(scores, key=lambda cid: scores[cid], reverse=True)[:k]
        stored = self._db.chunks(top)
        passages: list[Passage] = []
        for cid in top:
            if cid not in stored:  # deleted between the search and this read
                continue
            d = dense_rank.get(cid)
            w = keyword_rank.get(cid)
            passages.append(
                Passage(
                    **stored[cid].model_dump(),
                    score=scores[cid],
                    dense_rank=d[0] if d else None,
                    dense_score=d[1] if d else None,
                    keyword_rank=w[0] if w else None,
                    keyword_score=w[1] if w else None,
                )
            )
        return passages
