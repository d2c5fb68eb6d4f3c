"""`newsdesk index verify`: does everything derived agree with the stored articles, and mend it if asked.

SQLite's articles, chunks and vectors are the source of truth. Derived from them, and checked here: the FAISS
file of the current generation (one vector per chunk, no orphans), the keyword terms of every chunk, the
claims (extracted by the current extractor) and the manifest. Repairs never re-parse or re-embed articles.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from index.chunking import chunk_context
from index.claims import EXTRACTOR_VERSION
from index.embedding.base import Embedder
from index.keywords import document_terms
from index.store.database import INCOMPLETE, Database
from index.store.live_vectors import LiveVectors


class VerifyReport(BaseModel):
    """What a verification found and, with repair, what it mended."""

    articles: int = 0
    chunks: int = 0
    vectors: int = 0
    problems: list[str] = Field(default_factory=list)  # still wrong after this run
    repaired: list[str] = Field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when nothing is wrong (any longer)."""
        return not self.problems


class Verifier:
    """Checks (and with repair, mends) one index's derived data against its SQLite store."""

    def __init__(self, db: Database, live: LiveVectors, embedder: Embedder) -> None:
        self._db = db
        self._live = live
        self._embedder = embedder

    def run(self, repair: bool = False) -> VerifyReport:
        """Check everything; with `repair`, rebuild what does not match (the caller holds the write lock)."""
        counts = self._db.counts()
        report = VerifyReport(articles=counts["articles"], chunks=counts["chunks"])
        manifest = self._db.manifest()
        if manifest is None:
            if counts["chunks"]:
                report.problems.append("chunks are stored but the manifest is missing")
            return report
        if manifest.model != self._embedder.name:
            report.problems.append(
                f"built with {manifest.model!r}, but the settings name {self._embedder.name!r}"
            )
            return report
        self._check_vectors(report, repair)
        self._check_keywords(report, repair)
        self._check_claims(report, repair)
        unsplit = self._db.sentences.articles_without()
        if unsplit:
            report.problems.append(
                f"{len(unsplit)} articles have no stored sentences (ingested by an older newsdesk); "
                "run newsdesk ingest to embed them"
            )
        incomplete = [a for a, h in self._db.content_hashes().items() if h == INCOMPLETE]
        if incomplete:
            report.problems.append(
                f"{len(incomplete)} articles were cut short by an interrupted ingest (e.g. {incomplete[0]!r}); "
                "ingest their files again"
            )
        return report

    def _check_vectors(self, report: VerifyReport, repair: bool) -> None:
        """One stored vector per stored chunk, of the manifest's dimension, in the current generation's state."""
        ids = self._db.chunk_ids()
        generation = self._db.generation()
        problems: list[str] = []
        if not self._live.has_state(generation):
            problems.append(f"the vectors of generation {generation} are missing")
        else:
            saved = self._live.load_file(generation)
            if saved is None:
                problems.append(f"the vectors of generation {generation} cannot be read")
            else:
                held, stored = set(saved.ids().tolist()), set(ids.tolist())
                if stored - held:
                    problems.append(f"{len(stored - held)} chunks have no vector in the vector store")
                if held - stored:
                    problems.append(
                        f"{len(held - stored)} vectors in the vector store belong to no stored chunk"
                    )
                if saved.store.count() != len(held):
                    problems.append(
                        f"the vector store holds {saved.store.count()} vectors, its catalogue {len(held)}"
                    )
                report.vectors = len(held)
        if problems and repair:
            rebuilt = self._live.rebuild()
            report.vectors = len(rebuilt)
            report.repaired.append(
                f"rebuilt the vector index from {len(ids)} stored vectors: {'; '.join(problems)}"
            )
        else:
            report.problems.extend(problems)

    def _check_keywords(self, report: VerifyReport, repair: bool) -> None:
        """Every chunk's keyword terms are those of its stored text (as ingest computes them)."""
        wrong: dict[int, str] = {}
        for row in self._db.chunks_with_terms():
            expected = document_terms(chunk_context(row.title, row.date, row.text), row.language)
            if row.terms != expected:
                wrong[row.chunk_id] = expected
        if not wrong:
            return
        if repair:
            with self._db.transaction():
                self._db.set_chunk_terms(wrong)
            report.repaired.append(f"re-derived the keyword terms of {len(wrong)} chunks")
        else:
            report.problems.append(f"{len(wrong)} chunks have keyword terms that do not match their text")

    def _check_claims(self, report: VerifyReport, repair: bool) -> None:
        """The claims were extracted by this version of the extractor."""
        stored = self._db.get_meta("claims_extractor")
        if stored == str(EXTRACTOR_VERSION) or not report.articles:
            return
        if not repair:
            report.problems.append(
                f"claims were extracted by extractor version {stored}, this is {EXTRACTOR_VERSION}"
            )
            return
        from index.ingest import refresh_claims

        refresh_claims(self._db)
        report.repaired.append(f"re-extracted the claims of {report.articles} articles")
