"""The store: migrations, manifest, incremental ingest, pruning, crash safety and source look-ups."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from index import ingest
from index.chunking import ChunkingConfig
from index.claims import EXTRACTOR_VERSION, extract_claims
from index.errors import IndexMismatchError, NotFoundError, SchemaError
from index.news_index import NewsIndex
from index.records import Article, Claim, SearchFilters
from index.store.migrations import MIGRATIONS, migrate, schema_version
from tests.fakes import HashEmbedder


def test_migrations_bring_a_new_database_to_the_latest_version(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "db.sqlite3", isolation_level=None)
    assert migrate(conn) == len(MIGRATIONS)
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    assert {"articles", "chunks", "chunk_fts", "meta"} <= tables
    assert migrate(conn) == len(MIGRATIONS)  # idempotent


def test_migrations_apply_only_what_is_new(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "db.sqlite3", isolation_level=None)
    steps = ["CREATE TABLE one (x);", "CREATE TABLE two (y);"]
    assert migrate(conn, steps[:1]) == 1
    assert migrate(conn, steps) == 2
    assert schema_version(conn) == 2
    with pytest.raises(SchemaError, match="newer"):
        migrate(conn, steps[:1])


def test_a_failing_migration_leaves_the_previous_version(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "db.sqlite3", isolation_level=None)
    migrate(conn, ["CREATE TABLE one (x);"])
    with pytest.raises(SchemaError, match="migration 2"):
        migrate(conn, ["CREATE TABLE one (x);", "CREATE TABLE two (y); CREATE TABLE one (z);"])
    conn.execute("ROLLBACK") if conn.in_transaction else None
    assert schema_version(conn) == 1
    assert "two" not in {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}


def test_reingesting_unchanged_articles_embeds_nothing(
    news_index: NewsIndex, articles: Path, embedder
) -> None:
    first = news_index.ingest([articles])
    assert (first.added, first.updated, first.unchanged, first.failed) == (3, 0, 0, 0)
    embedded = embedder.documents_embedded
    second = news_index.ingest([articles])
    assert (second.added, second.updated, second.unchanged, second.chunks) == (0, 0, 3, 0)
    assert embedder.documents_embedded == embedded


def test_an_ingest_embeds_in_bulk_and_a_search_does_not(
    news_index: NewsIndex, articles: Path, embedder
) -> None:
    news_index.ingest([articles])
    in_bulk = embedder.documents_in_bulk
    assert embedder.bulk_runs == 1 and in_bulk > 0
    news_index.search("election results", k=3)
    assert (embedder.bulk_runs, embedder.documents_in_bulk) == (1, in_bulk) and embedder.queries_embedded > 0


def test_claims_are_re_extracted_when_the_extractor_version_changes(
    news_index: NewsIndex, articles: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    news_index.ingest([articles])
    db = news_index.db
    assert db.get_meta("claims_extractor") == str(EXTRACTOR_VERSION)
    extracted: list[str] = []

    def counting(article: Article) -> list[Claim]:
        extracted.append(article.id)
        return extract_claims(article)

    monkeypatch.setattr(ingest, "extract_claims", counting)
    news_index.ingest([articles])  # the same version, the same articles: nothing to extract
    assert extracted == []
    with db.transaction():
        db.set_meta("claims_extractor", "an older extractor")
    news_index.ingest([articles])
    assert len(extracted) == 3 and db.get_meta("claims_extractor") == str(EXTRACTOR_VERSION)


def test_a_changed_article_replaces_its_chunks(news_index: NewsIndex, articles: Path) -> None:
    news_index.ingest([articles])
    path = articles / "nl" / "shushi.txt"
    article_id = news_index.search("Shushi Aliyev", k=1)[0].article_id
    old_chunks = news_index.db.chunk_ids_of(article_id)
    path.write_text("date 2020-11 Alleen een nieuwe zin over Stepanakert.", encoding="utf-8")
    report = news_index.ingest([articles])
    assert (report.updated, report.unchanged) == (1, 2)
    new_chunks = news_index.db.chunk_ids_of(article_id)
    assert not set(old_chunks) & set(new_chunks)
    assert len(news_index.vectors()) == news_index.db.counts()["chunks"]
    with pytest.raises(NotFoundError):
        news_index.chunk(old_chunks[0])
    assert news_index.search("Stepanakert", k=1, mode="keyword")[0].article_id == article_id


def test_prune_drops_articles_whose_file_is_gone_but_not_others(
    news_index: NewsIndex, articles: Path
) -> None:
    news_index.ingest([articles])
    (articles / "nl" / "shushi.txt").unlink()
    kept = news_index.ingest([articles])
    assert kept.pruned == 0 and news_index.db.counts()["articles"] == 3
    pruned = news_index.ingest([articles], prune=True)
    assert pruned.pruned == 1
    assert news_index.db.counts()["articles"] == 2
    assert len(news_index.vectors()) == news_index.db.counts()["chunks"]


def test_prune_keeps_articles_of_a_file_that_failed(news_index: NewsIndex, articles: Path) -> None:
    news_index.ingest([articles])
    (articles / "world.jsonl").write_text('{"id": "capitol", "text": "x"}\n{broken\n', encoding="utf-8")
    report = news_index.ingest([articles], prune=True)
    assert report.failed == 1 and report.pruned == 0
    assert news_index.db.counts()["articles"] == 3


def test_failures_are_reported_and_the_rest_ingested(news_index: NewsIndex, articles: Path) -> None:
    (articles / "empty.txt").write_text("", encoding="utf-8")
    (articles / "binary.md").write_bytes(b"\x00\x00\x00")
    report = news_index.ingest([articles])
    assert report.added == 3
    assert sorted((Path(f.path).name, f.reason) for f in report.failures) == [
        ("binary.md", "binary file (contains NUL bytes)"),
        ("empty.txt", "empty file"),
    ]


def test_opening_with_another_model_is_a_clear_error(tmp_path: Path, articles: Path) -> None:
    index = NewsIndex(tmp_path / "data", HashEmbedder(name="model-a"))
    index.ingest([articles])
    index.close()
    with pytest.raises(IndexMismatchError, match="built with the embedding model 'model-a'"):
        NewsIndex(tmp_path / "data", HashEmbedder(name="model-b"))


def test_same_model_name_with_another_dimension_is_refused_at_ingest(tmp_path: Path, articles: Path) -> None:
    NewsIndex(tmp_path / "data", HashEmbedder(dimension=64)).ingest([articles])
    index = NewsIndex(tmp_path / "data", HashEmbedder(dimension=32))
    with pytest.raises(IndexMismatchError, match="64-d"):
        index.ingest([articles])


class ExplodingEmbedder(HashEmbedder):
    """Fails on the n-th call to embed documents, like a crash in the middle of an ingest."""

    def __init__(self, fail_on_call: int) -> None:
        super().__init__()
        self.calls = 0
        self.fail_on_call = fail_on_call

    def embed_documents(self, texts):
        self.calls += 1
        if self.calls == self.fail_on_call:
            raise KeyboardInterrupt("simulated crash")
        return super().embed_documents(texts)


def test_a_crash_in_the_middle_leaves_the_last_good_index(tmp_path: Path, articles: Path) -> None:
    data = tmp_path / "data"
    NewsIndex(data, HashEmbedder()).ingest([articles])
    many = articles / "many"
    many.mkdir()
    for i in range(40):  # enough chunks for several embedding batches
        (many / f"{i}.txt").write_text(
            f"date 2021-02 Artikel {i}. " + "Meer tekst hier. " * 120, encoding="utf-8"
        )
    crashing = NewsIndex(data, ExplodingEmbedder(fail_on_call=2))
    with pytest.raises(KeyboardInterrupt):
        crashing.ingest([articles])
    crashing.close()
    reopened = NewsIndex(data, HashEmbedder())
    assert len(reopened.vectors()) == reopened.db.counts()["chunks"]  # rebuilt to match SQLite
    assert reopened.search("Suez canal", k=1)[0].article_id == "ever-given"
    report = reopened.ingest([articles])  # finishes the interrupted work (an article cut short is redone)
    assert report.failed == 0 and report.added + report.updated + report.unchanged == 43
    assert len(reopened.vectors()) == reopened.db.counts()["chunks"]


def test_source_resolves_chunks_articles_and_spans(news_index: NewsIndex, articles: Path) -> None:
    news_index.ingest([articles])
    chunk_id = news_index.db.chunk_ids_of("ever-given")[0]
    by_chunk = news_index.source(f"#{chunk_id}")
    assert by_chunk.chunk_id == chunk_id and by_chunk.article.id == "ever-given"
    assert news_index.source(str(chunk_id)).start == by_chunk.start
    whole = news_index.source("ever-given")
    assert (whole.start, whole.end, whole.chunk_ids) == (0, 0, [chunk_id])
    span = news_index.source("ever-given:4-14")
    assert span.article.text[span.start : span.end] == "container "
    for bad in ("999999", "nope", "ever-given:5-100000"):
        with pytest.raises(NotFoundError):
            news_index.source(bad)


def test_stats_reports_counts_model_and_sizes(news_index: NewsIndex, articles: Path) -> None:
    news_index.ingest([articles])
    stats = news_index.stats()
    assert (stats.articles, stats.sources, stats.languages) == (3, 2, 2)
    assert stats.model == "fake-hash-embedder" and stats.dimension == 64
    assert stats.database_bytes > 0 and stats.vector_bytes > 0
    assert (stats.first_date, stats.last_date) == ("2020-11-01", "2021-03-24")


def test_sentences_are_stored_at_ingest_and_answers_use_them(news_index: NewsIndex, articles: Path) -> None:
    news_index.ingest([articles])
    passage = news_index.search("Aliyev Shushi veroverd", k=1)[0]
    stored = news_index.db.sentences.within(passage.article_id, passage.start, passage.end)
    assert stored and all(passage.start <= span.start < span.end <= passage.end for span, _ in stored)
    embedded = news_index.embedder.documents_embedded  # type: ignore[attr-defined]
    sentences = news_index.sentences([passage])
    assert news_index.embedder.documents_embedded == embedded  # nothing embedded per question
    assert [s.start for s in sentences] == [span.start for span, _ in stored if span.end - span.start >= 12]


def test_an_index_without_stored_sentences_is_backfilled_by_the_next_ingest(
    news_index: NewsIndex, articles: Path
) -> None:
    news_index.ingest([articles])
    with news_index.db.transaction():
        news_index.db._execute("DELETE FROM sentences")  # as an index written before sentences were stored
    assert not news_index.verify().ok
    news_index.ingest([articles])
    assert news_index.verify().ok


def test_a_question_about_a_year_finds_a_later_article_naming_it(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.jsonl").write_text(
        json.dumps(
            {
                "id": "cijfers",
                "title": "Cijfers",
                "date": "2019-03-01",
                "language": "nl",
                "text": "In 2018 kwamen 12.000 bezoekers naar het museum, meldde de directeur.",
            }
        )
        + "\n"
        + json.dumps(
            {
                "id": "later",
                "title": "Later",
                "date": "2019-06-01",
                "language": "nl",
                "text": "Het museum kreeg dit voorjaar een nieuwe directeur.",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    index = NewsIndex(tmp_path / "data", HashEmbedder())
    index.ingest([folder])
    about_2018 = SearchFilters(about_since=date(2018, 1, 1), about_until=date(2018, 12, 31))
    published_2018 = SearchFilters(since=date(2018, 1, 1), until=date(2018, 12, 31))
    assert {p.article_id for p in index.search("museum bezoekers", k=5, filters=about_2018)} == {"cijfers"}
    assert index.search("museum bezoekers", k=5, filters=published_2018) == []
    index.close()


def test_an_ingest_embeds_each_batch_of_articles_in_one_call(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingest, "_EMBED_BATCH_CHUNKS", 10)
    embedder = HashEmbedder()
    calls: list[int] = []
    embed = embedder.embed_documents

    def recorded(texts: list[str]) -> object:
        if embedder._in_bulk:  # the ingest's own calls, not the centres' background sentences
            calls.append(len(texts))
        return embed(texts)

    monkeypatch.setattr(embedder, "embed_documents", recorded)
    folder = tmp_path / "articles"
    folder.mkdir()
    sentence = "Council member number {n} said on Tuesday that the harbour budget would rise again."
    rows = [
        {
            "id": f"a{n}",
            "title": f"Budget {n}",
            "date": "2024-05-01",
            "text": " ".join([sentence.format(n=n)] * 4),
        }
        for n in range(12)
    ]
    (folder / "news.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    index = NewsIndex(tmp_path / "data", embedder, ChunkingConfig(max_tokens=20, overlap_tokens=6))
    index.ingest([folder])
    per_article: dict[str, int] = {}
    for _, article_id in sorted(index.db.chunk_articles()):
        per_article[article_id] = per_article.get(article_id, 0) + 1
    batches, used = 0, 0  # packing articles in order, a batch closed before it would pass 10 chunks
    for count in per_article.values():
        if batches == 0 or used + count > 10:
            batches, used = batches + 1, 0
        used += count
    assert len(per_article) == 12 and max(per_article.values()) <= 10
    assert len(calls) == batches
    index.close()
