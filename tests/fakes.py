"""Deterministic fakes shared by the unit tests."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date

import numpy as np

from index.chunking import ChunkingConfig, chunk_article
from index.claims import extract_claims
from index.dates import date_bounds, find_dates
from index.keywords import document_terms, query_terms, stem
from index.records import (
    Article,
    Passage,
    PassageSentence,
    SearchFilters,
    SearchMode,
    StoredChunk,
    StoredClaim,
    TermStatistics,
)
from index.sentences import split_sentences
from index.store.filters import REPORTING_SLACK

_WORD = re.compile(r"\w+")


class HashEmbedder:
    """A bag-of-stems embedder: each stem hashed into one of `dimension` buckets, then normalised."""

    def __init__(self, dimension: int = 64, name: str = "fake-hash-embedder") -> None:
        self._dimension = dimension
        self._name = name
        self.documents_embedded = 0
        self.bulk_runs = 0
        self.documents_in_bulk = 0
        self._in_bulk = False
        self.queries_embedded = 0

    @property
    def name(self) -> str:
        return self._name

    @property
    def precision(self) -> str:
        return "fp32"

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
        self.documents_in_bulk += len(texts) if self._in_bulk else 0
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

    @contextmanager
    def bulk(self) -> Iterator[None]:
        self.bulk_runs += 1
        self._in_bulk = True
        try:
            yield
        finally:
            self._in_bulk = False


class FakeCorpus:
    """An in-memory Corpus (bot/answer/corpus.py) over a few articles, for unit tests of the answer code.

    Chunks come from the real chunker (with the fake's word count as tokens) and claims from the real
    extractor, so citations and attributions are real; search ranks chunks by the fake embedder's cosine plus
    a share of the question's words they hold, as a stand-in for hybrid search.
    """

    def __init__(self, articles: Sequence[Article], chunking: ChunkingConfig | None = None) -> None:
        self.embedder = HashEmbedder(dimension=512)  # few hash collisions: similarities follow shared words
        self.articles = {a.id: a for a in articles}
        self.chunks: dict[int, StoredChunk] = {}
        for article in articles:
            for chunk in chunk_article(article, self.embedder.count_tokens, chunking or ChunkingConfig()):
                chunk_id = len(self.chunks) + 1
                self.chunks[chunk_id] = StoredChunk(
                    chunk_id=chunk_id,
                    **chunk.model_dump(include={"article_id", "ordinal", "start", "end", "text"}),
                    **article.model_dump(include={"title", "date", "source", "url", "language"}),
                )
        texts = [f"{c.title}\n{c.text}" for c in self.chunks.values()]
        self.vectors = dict(zip(self.chunks, self.embedder.embed_documents(texts), strict=True))
        self.terms = {
            cid: set(document_terms(t, c.language).split())
            for (cid, c), t in zip(self.chunks.items(), texts, strict=True)
        }
        self.claims: list[StoredClaim] = []
        for article in articles:
            for claim in extract_claims(article):
                holder = next(
                    (
                        c
                        for c in self.chunks.values()
                        if c.article_id == article.id and c.start <= claim.start and claim.end <= c.end
                    ),
                    next(
                        c
                        for c in self.chunks.values()
                        if c.article_id == article.id and c.start <= claim.content_start < c.end
                    ),
                )
                self.claims.append(
                    StoredClaim(
                        **claim.model_dump(),
                        id=len(self.claims) + 1,
                        chunk_id=holder.chunk_id,
                        sentence=article.text[claim.start : claim.end],
                        title=article.title,
                        source=article.source,
                        url=article.url,
                    )
                )
        self.searches: list[str] = []

    def _allowed(self, chunk: StoredChunk, filters: SearchFilters) -> bool:
        """Whether the chunk's article passes the filters (as index/store/filters.py decides it)."""
        if filters.sources and chunk.source.lower() not in {s.lower() for s in filters.sources}:
            return False
        first, last = date_bounds(chunk.date) if chunk.date else (None, None)
        if (filters.since or filters.until) and first is None:
            return False
        if filters.since and last is not None and last < filters.since:
            return False
        if filters.until and first is not None and first > filters.until:
            return False
        if not (filters.about_since or filters.about_until):
            return True
        about_first, about_last = filters.about_since or date.min, filters.about_until or date.max
        reported = about_last + REPORTING_SLACK if filters.about_until else date.max
        published = first is not None and last is not None and last >= about_first and first <= reported
        mentioned = any(
            b is not None and b[1] >= about_first and b[0] <= about_last
            for b in (m.bounds() for m in find_dates(self.articles[chunk.article_id].text))
        )
        return published or mentioned

    def search(
        self,
        query: str,
        k: int = 5,
        filters: SearchFilters | None = None,
        mode: SearchMode = "hybrid",
        query_vector: np.ndarray | None = None,
    ) -> list[Passage]:
        self.searches.append(query)
        vector = self.embed_query(query) if query_vector is None else query_vector
        wanted = set(query_terms(query))
        scored = []
        for cid, chunk in self.chunks.items():
            if filters is not None and not self._allowed(chunk, filters):
                continue
            dense = float(self.vectors[cid] @ vector)
            keyword = len(wanted & self.terms[cid]) / max(len(wanted), 1)
            scored.append((0.8 * dense + 0.2 * keyword, dense, cid))
        scored.sort(reverse=True)
        return [
            Passage(**self.chunks[cid].model_dump(), score=score, dense_score=dense, dense_rank=rank)
            for rank, (score, dense, cid) in enumerate(scored[:k], start=1)
        ]

    def embed_query(self, text: str) -> np.ndarray:
        return self.embedder.embed_queries([text])[0]

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self.embedder.embed_documents(texts)

    def sentences(self, passages: Sequence[Passage]) -> list[PassageSentence]:
        found: dict[tuple[str, int, int], PassageSentence] = {}
        for rank, passage in enumerate(passages, start=1):
            for span in split_sentences(passage.text, passage.language):
                start, end = passage.start + span.start, passage.start + span.end
                text = passage.text[span.start : span.end]
                if len(text) >= 12 and (passage.article_id, start, end) not in found:
                    vector = self.embedder.embed_documents([text])[0]
                    found[(passage.article_id, start, end)] = PassageSentence(
                        passage=passage, rank=rank, start=start, end=end, text=text, vector=vector
                    )
        return list(found.values())

    def claims_within(self, spans: Sequence[tuple[str, int, int]]) -> list[StoredClaim]:
        return [
            c
            for c in self.claims
            if any(a == c.article_id and c.start < e and c.end > s for a, s, e in spans)
        ]

    def search_claims(self, text: str, limit: int, filters: SearchFilters | None = None) -> list[StoredClaim]:
        wanted = set(query_terms(text))
        return [
            c
            for c in self.claims
            if wanted & set(document_terms(f"{c.speaker} {c.content}", c.language).split())
        ][:limit]

    def term_statistics(self, terms: Sequence[str]) -> TermStatistics:
        frequencies = {t: sum(t in held for held in self.terms.values()) for t in terms}
        return TermStatistics(
            frequencies={t: n for t, n in frequencies.items() if n}, passages=len(self.chunks)
        )

    def centre(self, language: str) -> np.ndarray:
        return np.zeros(self.embedder.dimension, dtype=np.float32)

    def background(self, language: str) -> np.ndarray:
        return np.zeros(self.embedder.dimension, dtype=np.float32)

    def newest_date(self, filters: SearchFilters | None = None) -> str | None:
        sources = {s.lower() for s in (filters.sources if filters else [])}
        dates = [
            date_bounds(a.date)[1].isoformat()
            for a in self.articles.values()
            if a.date and (not sources or a.source.lower() in sources)
        ]
        return max(dates, default=None)

    # Look-ups the tests use to check citations (not part of the Corpus protocol).
    def article(self, article_id: str) -> Article:
        return self.articles[article_id]

    def chunk(self, chunk_id: int) -> StoredChunk:
        return self.chunks[chunk_id]
