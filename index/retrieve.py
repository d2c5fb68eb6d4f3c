"""Hybrid retrieval: dense (FAISS) and keyword (FTS5 BM25) candidates, fused into one ranking."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

import numpy as np
from pydantic import BaseModel, Field

from index.embedding.base import Embedder
from index.errors import InvalidQueryError
from index.keywords import fts_match_expression, query_terms
from index.records import Passage, SearchFilters, SearchMode
from index.store.database import Database
from index.store.vectors import VectorIndex

Fusion = Literal["convex", "rrf"]
RRF_K = 60  # the constant of Cormack et al. (2009); dampens the weight of top ranks
# Weight of the dense side in the convex combination. Bruch et al. (2023, "An analysis of fusion functions
# for hybrid retrieval") find a convex combination of min-max normalised scores beats RRF, with the
# semantic side weighted about 0.8; on XQuAD dev (see the README) it is the one fusion that does not fall
# below dense retrieval when questions and articles are in different languages.
DENSE_WEIGHT = 0.8


class RetrievalConfig(BaseModel):
    """How many candidates each side fetches and how they are fused."""

    depth: int = Field(default=100, gt=0)  # candidates fetched from each side
    fusion: Fusion = "convex"
    dense_weight: float = Field(default=DENSE_WEIGHT, ge=0.0, le=1.0)  # for convex fusion


def reciprocal_rank_fusion(rankings: list[list[int]], k: int = RRF_K) -> dict[int, float]:
    """Fuse rankings of ids: each id scores the sum of 1 / (k + rank) over the rankings that hold it."""
    fused: dict[int, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            fused[item] = fused.get(item, 0.0) + 1.0 / (k + rank)
    return fused


def _min_max(scores: dict[int, float]) -> dict[int, float]:
    """Scores rescaled to [0, 1] (all 1.0 when they are equal)."""
    if not scores:
        return {}
    low, high = min(scores.values()), max(scores.values())
    return {i: (s - low) / (high - low) if high > low else 1.0 for i, s in scores.items()}


def convex_fusion(
    dense: dict[int, float], keyword: dict[int, float], dense_weight: float
) -> dict[int, float]:
    """weight * normalised dense score + (1 - weight) * normalised keyword score (0 where there is no match).

    `dense` must hold a score for every candidate, including those only the keyword side found.
    """
    dense_norm, keyword_norm = _min_max(dense), _min_max(keyword)
    return {i: dense_weight * dense_norm[i] + (1 - dense_weight) * keyword_norm.get(i, 0.0) for i in dense}


class HybridRetriever:
    """Searches the store with one query embedding and one FTS query per question."""

    def __init__(
        self,
        db: Database,
        vectors: Callable[[], VectorIndex],
        embedder: Embedder,
        config: RetrievalConfig | None = None,
    ) -> None:
        self._db = db
        self._vectors = vectors
        self._embedder = embedder
        self.config = config or RetrievalConfig()

    def embed_query(self, query: str) -> np.ndarray:
        """The query's vector, for callers that reuse it (e.g. to score sentences)."""
        vector: np.ndarray = self._embedder.embed_queries([query])[0]
        return vector

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
        depth = max(self.config.depth, 2 * k)
        dense: list[tuple[int, float]] = []
        keyword: list[tuple[int, float]] = []
        vector = None
        if mode in ("hybrid", "dense"):
            vector = query_vector if query_vector is not None else self.embed_query(query)
            allowed = None if filters.is_empty() else self._db.filtered_chunk_ids(filters)
            dense = self._vectors().search(vector, depth, allowed)
        if mode in ("hybrid", "keyword"):
            keyword = self._db.keyword_search(fts_match_expression(query_terms(query)), depth, filters)
        scores, similarity = self._fuse(dense, keyword, mode, vector)
        top = sorted(scores, key=lambda cid: scores[cid], reverse=True)[:k]
        return self._passages(top, scores, similarity, dense, keyword)

    def _fuse(
        self,
        dense: list[tuple[int, float]],
        keyword: list[tuple[int, float]],
        mode: SearchMode,
        vector: np.ndarray | None,
    ) -> tuple[dict[int, float], dict[int, float]]:
        """Final scores by chunk id, and the cosine similarity of every candidate that has one."""
        similarity = dict(dense)
        if mode == "dense":
            return similarity, similarity
        if mode == "keyword":
            return dict(keyword), similarity
        if self.config.fusion == "rrf":
            return reciprocal_rank_fusion([[c for c, _ in dense], [c for c, _ in keyword]]), similarity
        missing = [cid for cid, _ in keyword if cid not in similarity]
        if missing and vector is not None:
            similarity.update(self._similarities(missing, vector))
        return convex_fusion(similarity, dict(keyword), self.config.dense_weight), similarity

    def _similarities(self, chunk_ids: list[int], vector: np.ndarray) -> dict[int, float]:
        """Centred cosine similarities of chunks to the query: from FAISS, or from SQLite for chunks an ingest
        committed after the loaded FAISS index was saved (deleted chunks are left out)."""
        index = self._vectors()
        found = index.vectors_of(chunk_ids)
        rest = [cid for cid in chunk_ids if cid not in found]
        for cid, (raw, language) in self._db.raw_vectors(rest).items():
            found[cid] = raw - index.centre(language)
        return {cid: float(v @ vector) for cid, v in found.items()}

    def _passages(
        self,
        top: list[int],
        scores: dict[int, float],
        similarity: dict[int, float],
        dense: list[tuple[int, float]],
        keyword: list[tuple[int, float]],
    ) -> list[Passage]:
        """Attach stored text, metadata, both scores and both ranks to the chosen chunk ids."""
        dense_rank = {cid: rank for rank, (cid, _) in enumerate(dense, start=1)}
        keyword_rank = {cid: (rank, score) for rank, (cid, score) in enumerate(keyword, start=1)}
        stored = self._db.chunks(top)
        passages: list[Passage] = []
        for cid in top:
            if cid not in stored:  # deleted between the search and this read
                continue
            w = keyword_rank.get(cid)
            passages.append(
                Passage(
                    **stored[cid].model_dump(),
                    score=scores[cid],
                    dense_rank=dense_rank.get(cid),
                    dense_score=similarity.get(cid),
                    keyword_rank=w[0] if w else None,
                    keyword_score=w[1] if w else None,
                )
            )
        return passages
