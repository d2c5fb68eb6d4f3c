"""The index as one object: opens the store, checks the manifest, and offers ingest, search and look-ups.

It is also the Corpus the answer code reads through (bot/answer/corpus.py): search, the sentences and claims of
passages, term statistics and language centres.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import numpy as np

from index.chunking import ChunkingConfig
from index.embedding.base import Embedder
from index.errors import NotFoundError
from index.feeds.clusters import collapse_duplicates, other_outlets
from index.ingest import Ingestor, IngestReport, ProgressCallback, Source
from index.keywords import fts_match_expression, query_terms
from index.language import unsupported
from index.records import (
    Article,
    ArticleRef,
    FeedConfig,
    FeedStatus,
    IndexStats,
    LatestArticle,
    Passage,
    PassageSentence,
    SearchFilters,
    SearchMode,
    SourceView,
    StoredChunk,
    StoredClaim,
    TermStatistics,
)
from index.retrieve import HybridRetriever, RetrievalConfig
from index.sentences import Span, is_statement, split_sentences
from index.store.database import Database
from index.store.live_vectors import LiveVectors
from index.store.manifest import Manifest
from index.store.vector_store import VectorStoreConfig
from index.store.vectors import DESCRIPTION, VectorIndex
from index.vector_cache import PassageVectorCache
from index.verify import Verifier, VerifyReport

DATABASE_FILE = "newsdesk.sqlite3"
_CHUNK_REF = re.compile(r"^(?:#|c|chunk[:#-]?)?(\d+)$", re.IGNORECASE)
_DUPLICATE_SLACK = 3  # passages searched per passage returned when duplicates are collapsed
_SPAN_REF = re.compile(r"^(?P<article>.+):(?P<start>\d+)-(?P<end>\d+)$")


class NewsIndex:
    """A data folder holding the SQLite store and the FAISS index, used with one embedder."""

    def __init__(
        self,
        data_dir: Path,
        embedder: Embedder,
        chunking: ChunkingConfig | None = None,
        retrieval: RetrievalConfig | None = None,
        vector_store: VectorStoreConfig | None = None,
    ) -> None:
        self.data_dir = data_dir
        self.embedder = embedder
        self.chunking = chunking or ChunkingConfig()
        self.db = Database(data_dir / DATABASE_FILE)
        manifest = self.db.manifest()
        if manifest is not None:
            manifest.check_compatible(embedder.name, str(data_dir))
        self._live = self._live_vectors(vector_store)
        self.retriever = HybridRetriever(self.db, self.vectors, embedder, retrieval)
        self._passage_vectors = PassageVectorCache(embedder)
        self._counted: tuple[int, int] | None = None  # (generation, chunks)
        self._duplicates: tuple[int, bool] | None = None  # (generation, whether any cluster has two articles)

    def _live_vectors(self, config: VectorStoreConfig | None) -> LiveVectors:
        """The vectors of this data folder in a backend, kept in step with the database."""
        return LiveVectors(
            self.data_dir,
            self.db,
            lambda: self.embedder.dimension,
            lambda texts: self.embedder.embed_documents(texts),
            config,
        )

    def close(self) -> None:
        """Release the database and the vector store."""
        self._live.close()
        self.db.close()

    # --- vectors -------------------------------------------------------------

    def vectors(self) -> VectorIndex:
        """The FAISS index matching the database (reopened after an ingest here or in another process)."""
        return self._live.get()

    # --- writes --------------------------------------------------------------

    def ingest(
        self, paths: Iterable[Path], prune: bool = False, progress: ProgressCallback | None = None
    ) -> IngestReport:
        """Ingest files or folders; see Ingestor.run."""
        return self._ingesting(lambda ingestor: ingestor.run(paths, prune, progress))

    def ingest_sources(
        self,
        sources: Iterable[Source],
        total: int,
        progress: ProgressCallback | None = None,
        after: Callable[[IngestReport], None] | None = None,
    ) -> IngestReport:
        """Ingest parsed articles from named sources (feeds); `after` runs under the same write lock."""

        def run(ingestor: Ingestor) -> IngestReport:
            report = ingestor.run_sources(sources, total, progress)[0]
            if after is not None:
                after(report)
            return report

        return self._ingesting(run)

    def _ingesting(self, run: Callable[[Ingestor], IngestReport]) -> IngestReport:
        """Run an ingest under the write lock, with the manifest written and the vectors rebuilt after."""
        with self._live.write_lock.held():
            manifest = self.db.manifest()
            if manifest is None:
                manifest = Manifest(
                    model=self.embedder.name,
                    dimension=self.embedder.dimension,
                    index_type=DESCRIPTION,
                    chunking=self.chunking.signature(),
                )
                self.db.write_manifest(manifest)
            else:
                manifest.check_dimension(self.embedder.dimension, str(self.data_dir))
            before = self.db.generation()
            try:
                with self.embedder.bulk():
                    report = run(Ingestor(self.db, self.embedder, self.chunking))
            finally:
                # Whatever was committed (all of it, or the batches before a failure) gets its vectors.
                if self.db.generation() != before or not self._live.has_state(before):
                    self._live.sync()
            if manifest.chunking != self.chunking.signature():
                self.db.write_manifest(manifest.model_copy(update={"chunking": self.chunking.signature()}))
            return report

    def verify(self, repair: bool = False) -> VerifyReport:
        """Check that FAISS, the keyword index and the claims agree with the stored articles; repair if asked."""
        if not repair:
            return Verifier(self.db, self._live, self.embedder).run()
        with self._live.write_lock.held(), self.embedder.bulk():
            return Verifier(self.db, self._live, self.embedder).run(repair=True)

    def copy_vectors_to(self, target: VectorStoreConfig) -> int:
        """Fill another vector backend with every stored vector (from SQLite); return how many it holds.

        The index keeps using its own backend until the settings name the target.
        """
        with self._live.write_lock.held():
            copy = self._live_vectors(target)
            try:
                return len(copy.rebuild())
            finally:
                copy.close()

    # --- reads ---------------------------------------------------------------

    def search(
        self,
        query: str,
        k: int = 5,
        filters: SearchFilters | None = None,
        mode: SearchMode = "hybrid",
        query_vector: np.ndarray | None = None,
    ) -> list[Passage]:
        """The k best passages for a question, one article per duplicate cluster; see HybridRetriever.search."""
        if not self._has_duplicates():
            return self.retriever.search(query, k, filters, mode, query_vector)
        found = self.retriever.search(query, k * _DUPLICATE_SLACK, filters, mode, query_vector)
        return collapse_duplicates(found, self.db.clusters.members(list({p.article_id: 0 for p in found})))[
            :k
        ]

    def _has_duplicates(self) -> bool:
        """Whether any story is stored more than once, checked once per generation."""
        generation = self.db.generation()
        if self._duplicates is None or self._duplicates[0] != generation:
            self._duplicates = (generation, self.db.clusters.has_duplicates())
        return self._duplicates[1]

    def embed_query(self, text: str) -> np.ndarray:
        """The question-side vector of a text."""
        return self.retriever.embed_query(text)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Passage-side vectors of texts, cached across questions."""
        return self._passage_vectors.vectors(texts)

    def sentences(self, passages: Sequence[Passage]) -> list[PassageSentence]:
        """Every distinct sentence of the passages that can be evidence (see is_statement), with its stored vector.

        Sentences are embedded once at ingest (see chunking.sentence_text); an article ingested before sentences
        were stored has them embedded here instead (and cached).
        """
        found: dict[tuple[str, int], PassageSentence] = {}
        for rank, passage in enumerate(passages, start=1):
            stored = self.db.sentences.within(passage.article_id, passage.start, passage.end)
            if not stored:
                spans = [
                    Span(passage.start + x.start, passage.start + x.end)
                    for x in split_sentences(passage.text, passage.language)
                ]
                texts = [passage.text[x.start - passage.start : x.end - passage.start] for x in spans]
                vectors = self.embed_passages(texts)
                stored = list(zip(spans, vectors, strict=True))
            for span, vector in stored:
                text = passage.text[span.start - passage.start : span.end - passage.start]
                key = (passage.article_id, span.start)
                if is_statement(text) and key not in found:
                    found[key] = PassageSentence(
                        passage=passage, rank=rank, start=span.start, end=span.end, text=text, vector=vector
                    )
        return list(found.values())

    def claims_within(self, spans: Sequence[tuple[str, int, int]]) -> list[StoredClaim]:
        """Claims whose sentence overlaps one of the (article id, start, end) spans, in article order."""
        return self.db.claims.within(spans)

    def search_claims(self, text: str, limit: int, filters: SearchFilters | None = None) -> list[StoredClaim]:
        """Claims whose speaker or content share keyword terms with `text`, best first."""
        return self.db.claims.search(fts_match_expression(query_terms(text)), limit, filters)

    def term_statistics(self, terms: Sequence[str]) -> TermStatistics:
        """Passages holding each keyword term, and the number of passages."""
        return TermStatistics(
            frequencies=self.db.keywords.document_frequencies(terms), passages=self._chunk_count()
        )

    def _chunk_count(self) -> int:
        """The number of stored chunks, counted once per generation (a count is a scan of the table)."""
        generation = self.db.generation()
        cached = self._counted
        if cached is None or cached[0] != generation:
            cached = self._counted = (generation, self.db.chunk_count())
        return cached[1]

    def centre(self, language: str) -> np.ndarray:
        """The centre subtracted from passages in `language` before dense search."""
        return self.vectors().centre(language)

    def background(self, language: str) -> np.ndarray:
        """The mean vector of everyday news text in `language`."""
        return self.vectors().background_of(language)

    def is_empty(self) -> bool:
        """True while no article is stored."""
        return not self.db.has_articles()

    def newest_date(self, filters: SearchFilters | None = None) -> str | None:
        """The latest date any stored article (passing the filters' sources and publication dates) covers."""
        return self.db.newest_date(filters)

    def latest(
        self, filters: SearchFilters | None, limit: int, article_ids: Sequence[str] | None = None
    ) -> list[LatestArticle]:
        """The newest articles (among `article_ids` if given), one per duplicate cluster, with its other outlets."""
        found = self.db.latest_articles(filters or SearchFilters(), limit * _DUPLICATE_SLACK, article_ids)
        members = self.db.clusters.members([a.id for a in found]) if self._has_duplicates() else {}
        kept: dict[str, LatestArticle] = {}
        for article in found:
            cluster = members.get(article.id) or [(article.id, article.source)]
            if cluster[0][0] not in kept:
                also = other_outlets(article.id, article.source, members)
                kept[cluster[0][0]] = article.model_copy(update={"also_in": also})
        return list(kept.values())[:limit]

    def feed_statuses(self) -> list[FeedStatus]:
        """Every feed with its last fetch, article count and last error."""
        return self.db.feeds.statuses()

    def stored_feeds(self) -> list[FeedConfig]:
        """Every feed registered in this index (configured, or ingested by URL)."""
        return self.db.feeds.stored()

    def find_articles(self, text: str, limit: int = 25) -> list[ArticleRef]:
        """Articles whose title or id contains `text`, newest first."""
        return [ArticleRef(id=i, title=t, date=d) for i, t, d in self.db.find_articles(text, limit)]

    def chunk(self, chunk_id: int) -> StoredChunk:
        """One stored chunk, or NotFoundError."""
        found = self.db.chunks([chunk_id]).get(chunk_id)
        if found is None:
            raise NotFoundError(f"no passage with id {chunk_id}")
        return found

    def article(self, article_id: str) -> Article:
        """One stored article, or NotFoundError."""
        stored = self.db.article(article_id)
        if stored is None:
            raise NotFoundError(f"no article with id {article_id!r}")
        return stored.article

    def source(self, reference: str) -> SourceView:
        """Resolve a chunk id ('42', '#42'), an article id, or a cited span ('article-id:120-250')."""
        reference = reference.strip()
        chunk_match = _CHUNK_REF.match(reference)
        if chunk_match:
            chunk = self.chunk(int(chunk_match.group(1)))
            stored = self.db.article(chunk.article_id)
            if stored is None:  # deleted by an ingest between the two reads
                raise NotFoundError(f"no passage with id {chunk.chunk_id}")
            return SourceView(
                article=stored.article,
                start=chunk.start,
                end=chunk.end,
                chunk_id=chunk.chunk_id,
                chunk_ids=stored.chunk_ids,
            )
        stored = self.db.article(reference)
        if stored is not None:
            return SourceView(article=stored.article, start=0, end=0, chunk_ids=stored.chunk_ids)
        span_match = _SPAN_REF.match(reference)
        if span_match:
            stored = self.db.article(span_match.group("article"))
            start, end = int(span_match.group("start")), int(span_match.group("end"))
            if stored is not None:
                if not 0 <= start < end <= len(stored.article.text):
                    raise NotFoundError(f"span {start}-{end} lies outside article {stored.article.id!r}")
                return SourceView(article=stored.article, start=start, end=end, chunk_ids=stored.chunk_ids)
        raise NotFoundError(f"no passage, article or span matches {reference!r}")

    def stats(self) -> IndexStats:
        """Counts, model, index type and sizes on disk."""
        counts = self.db.counts()
        first, last = self.db.date_range()
        manifest = self.db.manifest()
        generation = self.db.generation()
        database_bytes = sum(p.stat().st_size for p in self.data_dir.glob(DATABASE_FILE + "*") if p.is_file())
        loaded = self.vectors() if manifest is not None else None  # an index from before the store syncs here
        vector_bytes = sum(p.stat().st_size for p in self._live.folder.rglob("*") if p.is_file())
        by_language = self.db.articles_by_language()
        return IndexStats(
            data_dir=str(self.data_dir),
            articles_by_language=by_language,
            language_gaps={lang: gaps for lang in by_language if (gaps := unsupported(lang))},
            first_date=first,
            last_date=last,
            model=manifest.model if manifest else None,
            dimension=manifest.dimension if manifest else None,
            index_type=f"{self._live.config.backend}: {loaded.store.describe()}"
            if loaded is not None
            else None,
            vectors=len(loaded) if loaded is not None else None,
            schema_version=self.db.schema_version,
            generation=generation,
            database_bytes=database_bytes,
            vector_bytes=vector_bytes,
            **counts,
        )
