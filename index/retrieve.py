"""Hybrid retrieval: dense (FAISS) candidates reranked by their best sentence, then fused with keywords (BM25).

The default ("convex") runs in three steps, each measured on the XQuAD tuning split (see the README):
1. FAISS gives the passages closest to the question (vectors centred per language, so no language is
   preferred).
2. Each candidate is rescored with its best-matching stored sentence: a question usually asks about one
   sentence, which the passage's mean vector blurs.
3. Keyword (BM25) evidence is added only where it is evidence: for passages in the question's language, and
   only when the best candidate is in that language too. Across languages the keyword side matches stray
   shared words (English function words in a Dutch corpus, names in unrelated articles) and only hurts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

import numpy as np
from pydantic import BaseModel, Field

from index.embedding.base import Embedder
from index.errors import InvalidQueryError
from index.keywords import keyword_query_terms
from index.language import detect_language
from index.records import Passage, SearchFilters, SearchMode
from index.store.database import Database
from index.store.sentence_cache import ChunkSentenceCache
from index.store.vectors import VectorIndex

Fusion = Literal["convex", "rrf"]
RRF_K = 60  # the constant of Cormack et al. (2009); dampens the weight of top ranks
# Tuned on the XQuAD tuning split (articles 1-12), English, Dutch and German questions over Dutch paragraphs
# with English Wikinews distractors: the share of a candidate's score that comes from its best sentence,
# and the weight of the keyword side where it applies.
SENTENCE_WEIGHT = 0.6
KEYWORD_WEIGHT = 0.3
RERANKED = 50  # dense candidates rescored by their sentences
KEYWORD_CANDIDATES = 20  # best keyword hits added to the candidates when the dense side missed them


class RetrievalConfig(BaseModel):
    """How many candidates each side fetches and how they are fused."""

    depth: int = Field(default=100, gt=0)  # candidates fetched from each side
    fusion: Fusion = "convex"
    sentence_weight: float = Field(default=SENTENCE_WEIGHT, ge=0.0, le=1.0)
    keyword_weight: float = Field(default=KEYWORD_WEIGHT, ge=0.0, le=1.0)


def reciprocal_rank_fusion(rankings: list[list[int]], k: int = RRF_K) -> dict[int, float]:
    """Fuse rankings of ids: each id scores the sum of 1 / (k + rank) over the rankings that hold it."""
    fused: dict[int, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            fused[item] = fused.get(item, 0.0) + 1.0 / (k + rank)
    return fused


def min_max(scores: dict[int, float]) -> dict[int, float]:
    """Scores rescaled to [0, 1] (all 1.0 when they are equal)."""
    if not scores:
        return {}
    low, high = min(scores.values()), max(scores.values())
    return {i: (s - low) / (high - low) if high > low else 1.0 for i, s in scores.items()}


def keyword_fusion(scores: dict[int, float], keyword: dict[int, float], weight: float) -> dict[int, float]:
    """(1 - weight) * normalised score + weight * normalised keyword score (0 where there is no match)."""
    score_norm, keyword_norm = min_max(scores), min_max(keyword)
    return {i: (1 - weight) * score_norm[i] + weight * keyword_norm.get(i, 0.0) for i in scores}


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
        self._sentences = ChunkSentenceCache(db.sentences)

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
        filtered = not filters.is_empty()
        index = self._vectors() if mode != "keyword" or filtered else None
        # Dates and sources: the catalogue in memory knows which chunks pass; a period the text names: SQLite.
        known = index.catalogue.allowed(filters) if index is not None and filtered else None
        if mode in ("hybrid", "dense") and index is not None:
            vector = query_vector if query_vector is not None else self.embed_query(query)
            allowed = known if known is not None or not filtered else self._db.filtered_chunk_ids(filters)
            dense = index.search(vector, depth, allowed)
        # After the embedding: a first question's model load then overlaps the identifier's (language.py).
        language = detect_language(query)
        if mode in ("hybrid", "keyword"):
            terms = keyword_query_terms(query, language)
            keyword = self._db.keywords.search(terms, depth, filters, known)
        if mode == "dense":
            scores, similarity = dict(dense), dict(dense)
        elif mode == "keyword":
            scores, similarity = dict(keyword), {}
        elif self.config.fusion == "rrf":
            scores = reciprocal_rank_fusion([[c for c, _ in dense], [c for c, _ in keyword]])
            similarity = dict(dense)
        else:
            vector = vector if vector is not None else self.embed_query(query)
            scores, similarity = self._convex(vector, language, dense, keyword)
        top = sorted(scores, key=lambda cid: scores[cid], reverse=True)[:k]
        return self._passages(top, scores, similarity, dense, keyword)

    def _convex(
        self,
        vector: np.ndarray,
        language: str,
        dense: list[tuple[int, float]],
        keyword: list[tuple[int, float]],
    ) -> tuple[dict[int, float], dict[int, float]]:
        """Final scores (see the module docstring) and the centred cosine of every candidate that has one."""
        similarity = dict(dense)
        candidates = [cid for cid, _ in dense[:RERANKED]]
        languages = self._db.chunk_languages([*candidates, *(cid for cid, _ in keyword[:KEYWORD_CANDIDATES])])
        # Keyword hits the dense side missed compete on their own (sentence-rescored) similarity.
        extra = [cid for cid, _ in keyword[:KEYWORD_CANDIDATES] if cid not in similarity]
        similarity.update(self._similarities(extra, vector))
        candidates += [cid for cid in extra if cid in similarity]
        scores = self._sentence_rescored(candidates, similarity, vector)
        if not scores:
            return scores, similarity
        best = max(scores, key=lambda cid: scores[cid])
        if languages.get(best) != language:
            return scores, similarity
        same = {cid: s for cid, s in keyword if cid in scores and languages.get(cid) == language}
        return keyword_fusion(scores, same, self.config.keyword_weight), similarity

    def _sentence_rescored(
        self, candidates: list[int], similarity: dict[int, float], vector: np.ndarray
    ) -> dict[int, float]:
        """Each candidate's centred cosine mixed with that of its best stored sentence."""
        index = self._vectors()
        weight = self.config.sentence_weight
        sentences = self._sentences.of_chunks(candidates)
        centred: dict[str, float] = {}  # (s - centre) @ q = s @ q - centre @ q: one product per language
        scores: dict[int, float] = {}
        for cid in candidates:
            found = sentences.get(cid)
            own = similarity[cid]
            if found is None or not len(found[1]):
                scores[cid] = own
                continue
            language, matrix = found
            if language not in centred:
                centred[language] = float(index.centre(language) @ vector)
            best = float((matrix @ vector).max()) - centred[language]
            scores[cid] = (1 - weight) * own + weight * best
        return scores

    def _similarities(self, chunk_ids: list[int], vector: np.ndarray) -> dict[int, float]:
        """Centred cosine similarities of chunks to the query: from FAISS, or from SQLite for chunks an ingest
        committed after the loaded FAISS index was saved (deleted chunks are left out)."""
        index = self._vectors()
        found = index.vectors_of(chunk_ids)
        rest = [cid for cid in chunk_ids if cid not in found]
        for cid, (raw, language) in self._db.vectors.of(rest).items():
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
