"""Ingest files into the index: parse, skip unchanged articles, chunk, embed, store, prune."""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

import numpy as np
from pydantic import BaseModel, Field

from index.chunk_vectors import VECTOR_RECIPE, pooled_chunk_vectors
from index.chunking import (
    SENTENCE_TEXT_VERSION,
    ChunkingConfig,
    embedding_text,
    sentence_text,
    split_article,
)
from index.claims import EXTRACTOR_VERSION, extract_claims
from index.cleaning import printable_path
from index.embedding.base import Embedder
from index.errors import ParseError
from index.feeds.dedup import SCHEME, THRESHOLD, DuplicateFinder
from index.keywords import document_terms
from index.parsing import ParseWarning, collect_files, parse_file
from index.records import Article, Chunk
from index.sentences import Span
from index.store.database import INCOMPLETE, Database

# Called after each file (or feed) with (done, in all, the name of the one just done).
ProgressCallback = Callable[[int, int, str], None]
# A named origin of articles (a file, a feed) and what was read from it.
Source = tuple[str, Iterable["Article | ParseError | ParseWarning"]]
_EMBED_BATCH_CHUNKS = 64
log = logging.getLogger(__name__)
ARTICLE_DATES_VERSION = "1"  # bump when the dates read from article text change (index/dates.py)
CLUSTERS_VERSION = f"minhash-{SCHEME}-{THRESHOLD}"  # stored articles are clustered again when this changes


class IngestFailure(BaseModel):
    """A file, or a record in it, that could not be ingested."""

    path: str
    reason: str


class SourceCounts(BaseModel):
    """What an ingest did with the articles of one source (a file, a feed)."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0


class IngestReport(BaseModel):
    """What an ingest run did."""

    files: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    pruned: int = 0
    chunks: int = 0  # chunks embedded and written in this run
    claims: int = 0  # claims extracted in this run
    characters: int = 0  # characters of article text chunked in this run
    seconds: float = 0.0
    failures: list[IngestFailure] = Field(default_factory=list)
    warnings: list[IngestFailure] = Field(default_factory=list)  # ingested, but with something to say
    by_source: dict[str, SourceCounts] = Field(default_factory=dict)

    def of(self, source: str) -> SourceCounts:
        """The counts of one source (zeros for a source with nothing in it)."""
        return self.by_source.setdefault(source, SourceCounts())

    @property
    def failed(self) -> int:
        """Number of failures."""
        return len(self.failures)


def content_hash(article: Article, chunking: ChunkingConfig) -> str:
    """Hash of everything that shapes an article's chunks and vectors; equal hash means nothing to redo."""
    fields = article.model_dump(exclude={"path"})
    payload = json.dumps([fields, chunking.signature()], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()


class _Pending(BaseModel):
    """An article waiting to be embedded, with its chunks and sentences."""

    article: Article
    hash: str
    chunks: list[Chunk]
    sentences: list[Span]
    is_new: bool


class _Part(NamedTuple):
    """Some of a pending article's chunks, and the sentences they end with, written in one transaction."""

    item: _Pending
    start: int  # index of its first chunk among the article's chunks
    chunks: list[Chunk]
    last: bool

    @property
    def first(self) -> bool:
        """Whether this part opens the article (and replaces what was stored of it)."""
        return self.start == 0

    def sentences(self) -> list[Span]:
        """The article's sentences this part writes: those ending after the previous part and within this one."""
        return [s for s in self.covered() if s.end > self.previous_end]

    def covered(self) -> list[Span]:
        """The sentences inside this part's chunks (some written by the previous part) and those it writes."""
        until = len(self.item.article.text) if self.last else self.chunks[-1].end
        return [s for s in self.item.sentences if self.chunks[0].start <= s.start and s.end <= until]

    @property
    def previous_end(self) -> int:
        """Where the previous part's last chunk ends (-1 for the first part)."""
        return self.item.chunks[self.start - 1].end if self.start else -1


def _overflows(pending: list[_Pending], article: _Pending) -> bool:
    """Whether adding the article would take the pending ones past one embedding batch: written before it,
    each batch is one embedding call, large enough for the batch runtime (a remainder split off a batch of
    more than _EMBED_BATCH_CHUNKS went to ONNX Runtime: 0.11 of an ingest's profile)."""
    chunks = sum(len(p.chunks) for p in pending)
    return bool(pending) and chunks + len(article.chunks) > _EMBED_BATCH_CHUNKS


def _batches(pending: list[_Pending], size: int) -> Iterator[list[_Part]]:
    """The pending articles in batches of about `size` chunks; only an article longer than that is cut."""
    batch: list[_Part] = []
    used = 0
    for item in pending:
        if batch and used + len(item.chunks) > size:
            yield batch
            batch, used = [], 0
        if len(item.chunks) <= size:
            batch.append(_Part(item, 0, item.chunks, last=True))
            used += len(item.chunks)
            continue
        for start in range(0, len(item.chunks), size):
            part = item.chunks[start : start + size]
            yield [_Part(item, start, part, last=start + size >= len(item.chunks))]
    if batch:
        yield batch


class Ingestor:
    """Runs one ingest against a database and its vector index."""

    def __init__(self, db: Database, embedder: Embedder, chunking: ChunkingConfig) -> None:
        self._db = db
        self._embedder = embedder
        self._chunking = chunking
        self._duplicates: DuplicateFinder | None = None
        self._source_of: dict[str, str] = {}  # article id -> source, for this run

    def run(
        self, paths: Iterable[Path], prune: bool = False, progress: ProgressCallback | None = None
    ) -> IngestReport:
        """Ingest every article file under `paths`; with `prune`, drop articles under them whose file is gone."""
        roots = [Path(p).resolve() for p in paths]
        files = collect_files(roots)
        sources = ((printable_path(path), parse_file(path)) for path in files)
        report, seen, unclean = self.run_sources(sources, len(files), progress)
        if prune:
            started = time.perf_counter()
            report.pruned = self._prune(roots, seen, unclean)
            report.seconds += time.perf_counter() - started
        return report

    def run_sources(
        self, sources: Iterable[Source], total: int, progress: ProgressCallback | None = None
    ) -> tuple[IngestReport, dict[str, str], set[str]]:
        """Ingest parsed articles, each source (a file, a feed) named for the report; also return which
        source each article came from, and the sources that had a failure."""
        started = time.perf_counter()
        self._upgrade_stored()
        report = IngestReport(files=total)
        known = self._db.content_hashes()
        seen = self._source_of = {}  # article id -> source, for this run
        unclean: set[str] = set()  # sources with a failure: their stored articles are never pruned
        pending: list[_Pending] = []
        for done, (shown, items) in enumerate(sources, start=1):
            for item in items:
                if isinstance(item, ParseWarning):
                    report.warnings.append(IngestFailure(path=shown, reason=item.reason))
                    continue
                if isinstance(item, ParseError):
                    report.failures.append(IngestFailure(path=shown, reason=str(item)))
                    report.of(shown).failed += 1
                    unclean.add(shown)
                    continue
                if item.id in seen:
                    reason = f"duplicate article id {item.id!r} (first seen in {seen[item.id]}); skipped"
                    report.failures.append(IngestFailure(path=shown, reason=reason))
                    report.of(shown).failed += 1
                    continue
                seen[item.id] = shown
                digest = content_hash(item, self._chunking)
                if known.get(item.id) == digest:
                    report.unchanged += 1
                    report.of(shown).unchanged += 1
                    continue
                try:
                    chunks, sentences = split_article(item, self._embedder.count_tokens, self._chunking)
                except Exception as exc:  # one article's odd text must not stop the ingest
                    log.warning("chunking %s failed", item.id, exc_info=True)
                    report.failures.append(IngestFailure(path=shown, reason=f"cannot be chunked: {exc}"))
                    report.of(shown).failed += 1
                    unclean.add(shown)
                    continue
                article = _Pending(
                    article=item, hash=digest, chunks=chunks, sentences=sentences, is_new=item.id not in known
                )
                if _overflows(pending, article):
                    self._write(pending, report)
                    pending = []
                pending.append(article)
            report.of(shown)
            if progress:
                progress(done, total, shown)
        self._write(pending, report)
        report.seconds = time.perf_counter() - started
        return report, seen, unclean

    def _upgrade_stored(self) -> None:
        """Bring stored articles up to this newsdesk: claims, vectors and article dates."""
        if self._db.get_meta("claims_extractor") != str(EXTRACTOR_VERSION):
            refresh_claims(self._db)
        self._reembed_stored()
        if self._db.get_meta("article_dates") != ARTICLE_DATES_VERSION:
            with self._db.transaction():
                for article_id in self._db.stored_article_ids():
                    if (stored := self._db.article(article_id)) is not None:
                        self._db.set_article_dates(stored.article)
                self._db.set_meta("article_dates", ARTICLE_DATES_VERSION)
        if self._db.get_meta("clusters") != CLUSTERS_VERSION:
            self._cluster_stored()

    def _write(self, pending: list[_Pending], report: IngestReport) -> None:
        """Embed the pending articles and store them, a transaction per batch of chunks.

        An article too long for one batch is written in parts: its stored hash stays INCOMPLETE until the
        last part, so an ingest killed in between redoes it next time.
        """
        for batch in _batches(pending, _EMBED_BATCH_CHUNKS):
            embedded = self._embed(batch)
            with self._db.transaction():
                for part, (part_vectors, spans, span_vectors) in zip(batch, embedded, strict=True):
                    item = part.item
                    terms = [
                        document_terms(embedding_text(item.article, c.text), item.article.language)
                        for c in part.chunks
                    ]
                    if part.first:
                        done_hash = item.hash if part.last else INCOMPLETE
                        self._db.replace_article(item.article, done_hash, part.chunks, part_vectors, terms)
                        self._db.sentences.replace(item.article.id, spans, span_vectors)
                    else:
                        self._db.add_chunks(item.article.id, part.chunks, part_vectors, terms)
                        self._db.sentences.add(item.article.id, spans, span_vectors)
                        if part.last:
                            self._db.set_content_hash(item.article.id, item.hash)
                    if part.last:
                        report.claims += store_claims(self._db, item.article)
                        self._cluster(item.article)
                self._db.bump_generation()
        for item in pending:
            counts = report.of(self._source_of.get(item.article.id, ""))
            if item.is_new:
                report.added += 1
                counts.added += 1
            else:
                report.updated += 1
                counts.updated += 1
            report.chunks += len(item.chunks)
            report.characters += len(item.article.text)

    def _embed(self, batch: list[_Part]) -> list[tuple[np.ndarray, list[Span], np.ndarray]]:
        """Per part: its chunks' vectors (embedded, or pooled from their sentences'), and the sentences it
        writes with theirs.

        One model call for the whole batch, so the model sorts every text by length and pads least.
        """
        embedded = self._chunking.vectors == "embedded"
        # Pooling needs every sentence inside the part's chunks; embedded chunks need only those it writes.
        spans_of = [part.sentences() if embedded else part.covered() for part in batch]
        titles = ["" if embedded else part.item.article.title.strip() for part in batch]
        chunk_texts = [
            embedding_text(part.item.article, c.text) for part in batch if embedded for c in part.chunks
        ]
        texts = (
            chunk_texts
            + [t for t in titles if t]
            + [
                sentence_text(part.item.article, part.item.article.text[s.start : s.end])
                for part, spans in zip(batch, spans_of, strict=True)
                for s in spans
            ]
        )
        vectors = self._embedder.embed_documents(texts)
        embedded_chunks = iter(vectors[: len(chunk_texts)])
        title_vectors = iter(vectors[len(chunk_texts) : len(chunk_texts) + sum(1 for t in titles if t)])
        at = len(texts) - sum(len(spans) for spans in spans_of)
        out: list[tuple[np.ndarray, list[Span], np.ndarray]] = []
        for part, spans, title in zip(batch, spans_of, titles, strict=True):
            span_vectors, at = vectors[at : at + len(spans)], at + len(spans)
            if embedded:
                chunk_vectors = np.stack([next(embedded_chunks) for _ in part.chunks])
            else:
                title_vector = next(title_vectors) if title else None
                chunk_vectors = pooled_chunk_vectors(part.chunks, spans, span_vectors, title_vector)
            written = [i for i, s in enumerate(spans) if s.end > part.previous_end]
            out.append((chunk_vectors, [spans[i] for i in written], span_vectors[written]))
        return out

    def _finder(self) -> DuplicateFinder:
        """The duplicate finder over the stored signatures (loaded on first use)."""
        if self._duplicates is None:
            self._duplicates = DuplicateFinder(self._db.clusters.all())
        return self._duplicates

    def _cluster(self, article: Article) -> None:
        """Put a just-written article in its duplicate cluster (inside the caller's transaction)."""
        cluster, data = self._finder().assign(article.id, article.text)
        self._db.clusters.set(article.id, cluster, data)

    def _cluster_stored(self) -> None:
        """Cluster every stored article (those stored before clusters were, or after the threshold changed)."""
        self._duplicates = DuplicateFinder([])
        with self._db.transaction():
            for article_id in self._db.stored_article_ids():
                if (stored := self._db.article(article_id)) is not None:
                    self._cluster(stored.article)
            self._db.set_meta("clusters", CLUSTERS_VERSION)

    def _stored_recipe(self) -> str | None:
        """How the stored vectors were made; an index from before the recipe was recorded made them the
        default way, as its sentence_text version says."""
        recorded = self._db.get_meta("vectors")
        if recorded is None and self._db.get_meta("sentence_text") == SENTENCE_TEXT_VERSION:
            return f"{VECTOR_RECIPE['embedded']}:fp32"
        return recorded

    def _reembed_stored(self) -> None:
        """Embed stored articles again (from the stored text) if their vectors were made another way or they
        have no stored sentences (stored before sentences were): another recipe or weights' precision."""
        recipe = f"{VECTOR_RECIPE[self._chunking.vectors]}:{self._embedder.precision}"
        if self._stored_recipe() != recipe:
            stale = self._db.stored_article_ids()
        else:
            stale = self._db.sentences.articles_without()
        pending: list[_Pending] = []
        for article_id in stale:
            if (stored := self._db.article(article_id)) is None:
                continue
            article = stored.article
            try:
                chunks, sentences = split_article(article, self._embedder.count_tokens, self._chunking)
            except Exception:  # one article's odd text must not stop every later ingest
                log.warning(
                    "chunking stored %s failed; its vectors stay as they were", article.id, exc_info=True
                )
                continue
            digest = content_hash(article, self._chunking)
            stale_article = _Pending(
                article=article, hash=digest, chunks=chunks, sentences=sentences, is_new=False
            )
            if _overflows(pending, stale_article):
                self._write(pending, IngestReport())
                pending = []
            pending.append(stale_article)
        self._write(pending, IngestReport())
        self._db.set_meta("vectors", recipe)

    def _prune(self, roots: list[Path], seen: dict[str, str], unclean: set[str]) -> int:
        """Delete stored articles under `roots` that this run did not see, unless their file had a failure."""
        doomed = [
            article_id
            for article_id, path in self._db.article_paths().items()
            if article_id not in seen
            and path not in unclean
            and any(Path(path) == root or Path(path).is_relative_to(root) for root in roots)
        ]
        if doomed:
            with self._db.transaction():
                self._db.delete_articles(doomed)
                self._db.bump_generation()
        return len(doomed)


def store_claims(db: Database, article: Article) -> int:
    """Extract and store an article's claims (inside the caller's transaction); return how many."""
    claims = extract_claims(article)
    terms = [document_terms(f"{c.speaker} {c.content}", article.language) for c in claims]
    db.claims.replace(article.id, claims, terms)
    return len(claims)


def refresh_claims(db: Database) -> None:
    """Re-extract every stored article's claims with this EXTRACTOR_VERSION (from the stored text)."""
    with db.transaction():
        for article_id in db.stored_article_ids():
            stored = db.article(article_id)
            if stored is not None:
                store_claims(db, stored.article)
        db.set_meta("claims_extractor", str(EXTRACTOR_VERSION))
