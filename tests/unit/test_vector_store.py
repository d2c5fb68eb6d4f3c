"""The vector stores (FAISS and Qdrant's local mode) and query-time centring, against exact numpy search."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from bot.app import build_desk
from bot.cli import corpus_commands, main
from index.news_index import NewsIndex
from index.records import SearchFilters
from index.store.chunk_facts import ChunkFact
from index.store.faiss_store import FaissVectorStore
from index.store.filters import source_key
from index.store.qdrant_store import QdrantVectorStore
from index.store.vector_store import VectorStore, VectorStoreConfig
from index.store.vectors import CENTROID_PRIOR, Catalogue, VectorIndex
from tests.fakes import HashEmbedder

DIMENSION = 16
EXTRA = {
    "id": "kakhovka",
    "title": "Dam destroyed",
    "date": "2023-06-06",
    "language": "en",
    "text": "The Kakhovka dam on the Dnipro river was destroyed on Tuesday.",
}


def _unit(rows: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length, as float32."""
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


def _data(count: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Ids, unit vectors with a language-specific offset (as multilingual models give), and languages."""
    rng = np.random.default_rng(seed)
    languages = [("nl", "en", "de")[i % 3] for i in range(count)]
    offsets = {
        "nl": rng.normal(size=DIMENSION),
        "en": rng.normal(size=DIMENSION),
        "de": rng.normal(size=DIMENSION),
    }
    rows = rng.normal(size=(count, DIMENSION)) + np.stack([offsets[language] for language in languages])
    return np.arange(10, 10 + count, dtype=np.int64), _unit(rows), languages


def _facts(languages: list[str]) -> list[ChunkFact]:
    """Facts of chunks in these languages: outlet A for even positions, B for odd, dated by position."""
    return [
        ChunkFact(
            language=language,
            source="Outlet A" if n % 2 == 0 else "Outlet B",
            date_start=f"2020-01-{1 + n % 28:02d}",
            date_end=f"2020-01-{1 + n % 28:02d}",
        )
        for n, language in enumerate(languages)
    ]


def _background() -> dict[str, np.ndarray]:
    """Priors for the centres, as live_vectors.background gives."""
    rng = np.random.default_rng(99)
    return {language: _unit(rng.normal(size=(1, DIMENSION)))[0] for language in ("", "nl", "en")}


def _exact(
    ids: np.ndarray,
    vectors: np.ndarray,
    languages: list[str],
    query: np.ndarray,
    k: int,
    allowed: np.ndarray | None = None,
) -> list[tuple[int, float]]:
    """Centred scores by brute force: each language's mean shrunk toward its prior, subtracted from its rows
    (the best k of all rows, or of the allowed ids)."""
    priors, tags = _background(), np.asarray(languages)
    centred = vectors.astype(np.float64).copy()
    for language in set(languages):
        rows = tags == language
        prior = priors.get(language, priors[""])
        centre = (vectors[rows].sum(axis=0) + CENTROID_PRIOR * prior) / (rows.sum() + CENTROID_PRIOR)
        centred[rows] -= centre
    scores = centred @ query
    if allowed is not None:
        scores[~np.isin(ids, allowed)] = -np.inf
    order = [i for i in np.argsort(-scores)[:k] if np.isfinite(scores[i])]
    return [(int(ids[i]), float(scores[i])) for i in order]


def _store(kind: str, folder: Path, config: VectorStoreConfig) -> VectorStore:
    """A store of the given backend in a folder."""
    if kind == "qdrant":
        return QdrantVectorStore(
            folder / "qdrant", DIMENSION, config.model_copy(update={"backend": "qdrant"})
        )
    return FaissVectorStore(folder / "faiss", DIMENSION, config)


@pytest.fixture(params=["faiss", "qdrant"])
def backend(request: pytest.FixtureRequest) -> str:
    """Each backend in turn."""
    return str(request.param)


@pytest.fixture
def index(backend: str, tmp_path: Path) -> Iterator[VectorIndex]:
    """An empty centred index over the backend."""
    store = _store(backend, tmp_path, VectorStoreConfig())
    yield VectorIndex(store, Catalogue(DIMENSION, _background()))
    store.close()


def test_centred_search_equals_exact_search_after_adds_and_removals(index: VectorIndex) -> None:
    ids, vectors, languages = _data(300)
    index.add(ids[:200], vectors[:200], _facts(languages[:200]))
    index.add(ids[200:], vectors[200:], _facts(languages[200:]))
    gone = ids[::7]
    index.remove(gone)
    keep = ~np.isin(ids, gone)
    query = _unit(np.random.default_rng(5).normal(size=(1, DIMENSION)))[0]

    expected = _exact(
        ids[keep], vectors[keep], [x for x, k in zip(languages, keep, strict=True) if k], query, 10
    )
    found = index.search(query, 10)

    assert [i for i, _ in found] == [i for i, _ in expected]
    assert np.allclose([s for _, s in found], [s for _, s in expected], atol=1e-4)
    assert len(index) == index.store.count() == int(keep.sum())


def test_search_is_limited_to_allowed_ids_and_vectors_are_centred(index: VectorIndex) -> None:
    ids, vectors, languages = _data(120)
    index.add(ids, vectors, _facts(languages))
    allowed = ids[ids % 5 == 0]

    found = index.search(vectors[3], 8, allowed)

    assert found and {i for i, _ in found} <= set(allowed.tolist())
    centred = index.vectors_of([int(ids[3]), 999_999])
    assert list(centred) == [int(ids[3])]
    assert np.allclose(centred[int(ids[3])], vectors[3] - index.centre(languages[3]), atol=1e-5)
    assert index.search(vectors[3], 5, np.zeros(0, dtype=np.int64)) == []


def test_a_filtered_search_equals_exact_search_among_the_allowed_ids(index: VectorIndex) -> None:
    ids, vectors, languages = _data(240, seed=3)
    index.add(ids, vectors, _facts(languages))
    query = _unit(np.random.default_rng(8).normal(size=(1, DIMENSION)))[0]
    # Every fourth id, and a language none of them has: ids 10 + i hold language i % 3, so ids % 3 == 1 is nl.
    for allowed in (ids[ids % 4 == 0], ids[ids % 3 != 1], np.asarray([12, 13, 999_999], dtype=np.int64)):
        found = index.search(query, 12, allowed)
        expected = _exact(ids, vectors, languages, query, 12, allowed)
        assert [i for i, _ in found] == [i for i, _ in expected]
        assert np.allclose([s for _, s in found], [s for _, s in expected], atol=1e-4)


def test_source_names_are_folded_as_sqlite_folds_them() -> None:
    names = ["Outlet A", "ÉÉN Omroep", "Österreich HEUTE", "ĲSSEL Post"]
    with sqlite3.connect(":memory:") as connection:
        folded = [connection.execute("SELECT lower(?)", (name,)).fetchone()[0] for name in names]
    assert [source_key(name) for name in names] == folded
    catalogue = Catalogue(DIMENSION, _background())
    ids, vectors, _ = _data(4)
    facts = [ChunkFact(language="nl", source=name, date_start=None, date_end=None) for name in names]
    catalogue.add(ids, vectors, facts)
    allowed = catalogue.allowed(SearchFilters(sources=["ÉÉN omroep"]))
    assert allowed is not None and allowed.tolist() == [int(ids[1])]
    assert catalogue.allowed(SearchFilters(sources=["één omroep"])).tolist() == []  # type: ignore[union-attr]


def test_date_and_source_filters_are_answered_from_the_catalogue(index: VectorIndex) -> None:
    ids, vectors, languages = _data(60)
    index.add(ids, vectors, _facts(languages))
    catalogue = index.catalogue
    outlet_a = catalogue.allowed(SearchFilters(sources=["outlet a"]))
    january_10 = catalogue.allowed(SearchFilters(since=date(2020, 1, 10), until=date(2020, 1, 10)))

    assert outlet_a is not None and outlet_a.tolist() == ids[::2].tolist()
    assert january_10 is not None and january_10.tolist() == [int(ids[n]) for n in range(60) if n % 28 == 9]
    assert catalogue.allowed(SearchFilters(sources=["nobody"])).tolist() == []  # type: ignore[union-attr]
    assert catalogue.allowed(SearchFilters(about_since=date(2020, 1, 1))) is None  # only SQLite knows
    index.remove(ids[:10])
    remaining = catalogue.allowed(SearchFilters(sources=["Outlet B"]))
    assert remaining is not None and remaining.tolist() == ids[11::2].tolist()


def test_a_fork_changes_while_the_published_index_answers_as_before(index: VectorIndex, backend: str) -> None:
    ids, vectors, languages = _data(90)
    index.add(ids[:60], vectors[:60], _facts(languages[:60]))
    before = index.search(vectors[70], 5)

    fork = index.fork()
    fork.add(ids[60:], vectors[60:], _facts(languages[60:]))

    assert fork.search(vectors[70], 1)[0][0] == ids[70]
    assert len(index) == 60
    if backend == "faiss":  # a Qdrant collection is changed in place by design
        assert index.search(vectors[70], 5) == before


def test_faiss_persists_appends_without_rewriting_the_base(tmp_path: Path) -> None:
    config = VectorStoreConfig(compact_min=50)
    ids, vectors, languages = _data(400)
    store = tmp_path / "index"  # the catalogue lives beside the store's folder, as in live_vectors
    index = VectorIndex(FaissVectorStore(store, DIMENSION, config), Catalogue(DIMENSION, _background()))
    index.add(ids[:300], vectors[:300], _facts(languages[:300]))
    index.persist(tmp_path, 1)  # the first 300 pass compact_min: written as bases
    bases = sorted(p.name for p in store.glob("base-*.faiss"))
    assert len(bases) == 3

    fork = index.fork()
    fork.add(ids[300:330], vectors[300:330], _facts(languages[300:330]))
    fork.remove(ids[:5])
    fork.persist(tmp_path, 2)

    assert sorted(p.name for p in store.glob("base-*.faiss")) == bases  # only deltas were written
    reopened = FaissVectorStore.open(store, 2, DIMENSION, config)
    assert reopened is not None and reopened.count() == 325
    assert not (store / "state-1.json").exists()
    catalogue = Catalogue.load(tmp_path / "catalogue-2.npz", DIMENSION)
    query = vectors[310]
    assert VectorIndex(reopened, catalogue).search(query, 5) == fork.search(query, 5)


def test_faiss_compacts_into_an_ivf_base_that_finds_what_exact_search_finds(tmp_path: Path) -> None:
    config = VectorStoreConfig(ivf_above=1000, compact_min=100, nprobe=64)
    ids, vectors, languages = _data(4500, seed=3)
    languages = ["nl"] * len(ids)  # one partition of 4,500 vectors: above ivf_above
    store = tmp_path / "index"
    index = VectorIndex(FaissVectorStore(store, DIMENSION, config), Catalogue(DIMENSION, _background()))
    index.add(ids[:4000], vectors[:4000], _facts(languages[:4000]))
    index.persist(tmp_path, 1)
    index.remove(ids[:600])  # tombstones past compact_min: compacted at the next persist
    index.add(ids[4000:], vectors[4000:], _facts(languages[4000:]))
    index.persist(tmp_path, 2)

    reopened = FaissVectorStore.open(store, 2, DIMENSION, config)
    assert reopened is not None and "ivf" in reopened.describe() and reopened.count() == 3900
    search = VectorIndex(reopened, Catalogue.load(tmp_path / "catalogue-2.npz", DIMENSION))
    queries = vectors[np.random.default_rng(1).choice(len(ids), 20, replace=False)]
    recall = np.mean(
        [
            len(
                {i for i, _ in search.search(q, 10)}
                & {i for i, _ in _exact(ids[600:], vectors[600:], languages[600:], q, 10)}
            )
            / 10
            for q in queries
        ]
    )
    assert recall >= 0.9  # 64 of 268 lists searched
    assert not set(search.store.vectors(ids[:600].tolist()))  # removed for good
    allowed = ids[600::20]  # 195 ids: a narrow filter probes more lists, so it still finds k of them
    exact = _exact(ids[600::20], vectors[600::20], languages[600::20], queries[0], 10)
    assert [i for i, _ in search.search(queries[0], 10, allowed)] == [i for i, _ in exact]
    search.remove(allowed[:3])  # tombstones (below compact_min): a narrow filter scores the rest exactly
    exact = _exact(ids[660::20], vectors[660::20], languages[660::20], queries[0], 10)
    assert [i for i, _ in search.search(queries[0], 10, allowed)] == [i for i, _ in exact]


@pytest.mark.parametrize("backend_name", ["faiss", "qdrant"])
def test_an_index_follows_ingests_and_removals_on_either_backend(
    tmp_path: Path, articles: Path, backend_name: str
) -> None:
    config = VectorStoreConfig(backend=backend_name)  # type: ignore[arg-type]
    index = NewsIndex(tmp_path / "data", HashEmbedder(), vector_store=config)
    index.ingest([articles])
    first = set(index.db.chunk_ids().tolist())
    assert set(index.vectors().ids().tolist()) == first
    assert index.search("Suez canal", k=1, mode="dense")[0].article_id == "ever-given"

    (articles / "extra.jsonl").write_text(json.dumps(EXTRA) + "\n", encoding="utf-8")
    index.ingest([articles])
    (articles / "extra.jsonl").unlink()
    index.ingest([articles], prune=True)

    assert set(index.vectors().ids().tolist()) == set(index.db.chunk_ids().tolist()) == first
    assert index.vectors().store.count() == len(first)
    assert index.verify().ok
    index.close()


def test_a_qdrant_collection_emptied_by_an_unfinished_rebuild_is_filled_again(
    tmp_path: Path, articles: Path
) -> None:
    config = VectorStoreConfig(backend="qdrant")
    index = NewsIndex(tmp_path / "data", HashEmbedder(), vector_store=config)
    index.ingest([articles])
    chunks = index.db.counts()["chunks"]
    index.vectors().store.clear()  # type: ignore[attr-defined]  # a rebuild stopped after emptying it
    index.close()  # the catalogue on disk still lists every chunk

    reopened = NewsIndex(tmp_path / "data", HashEmbedder(), vector_store=config)

    assert reopened.vectors().store.count() == chunks
    assert reopened.search("Suez canal", k=1, mode="dense")[0].article_id == "ever-given"
    reopened.close()


def test_vectors_copied_to_qdrant_serve_the_same_searches(tmp_path: Path, articles: Path) -> None:
    index = NewsIndex(tmp_path / "data", HashEmbedder())
    index.ingest([articles])
    expected = [p.chunk_id for p in index.search("Suez canal ship", k=3, mode="dense")]

    copied = index.copy_vectors_to(VectorStoreConfig(backend="qdrant"))
    index.close()
    moved = NewsIndex(tmp_path / "data", HashEmbedder(), vector_store=VectorStoreConfig(backend="qdrant"))

    assert copied == moved.db.chunk_count() == len(moved.vectors())
    assert "qdrant" in (moved.stats().index_type or "")
    assert [p.chunk_id for p in moved.search("Suez canal ship", k=3, mode="dense")] == expected
    moved.close()


def test_index_migrate_fills_qdrant_and_says_which_setting_moves_the_bot(
    tmp_path: Path, articles: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    index = NewsIndex(data, HashEmbedder())
    index.ingest([articles])
    chunks = index.db.chunk_count()
    monkeypatch.setattr(corpus_commands, "build_desk", lambda settings: build_desk(settings, index))

    result = CliRunner().invoke(
        main, ["index", "migrate", "--to", "qdrant"], env={"NEWSDESK_DATA_DIR": str(data)}
    )

    assert result.exit_code == 0, result.output
    assert f"{chunks} vectors copied to qdrant (local mode in {data / 'vectors' / 'qdrant'})" in result.output
    assert "set NEWSDESK_VECTOR_BACKEND=qdrant" in result.output
    moved = NewsIndex(data, HashEmbedder(), vector_store=VectorStoreConfig(backend="qdrant"))
    assert moved.vectors().store.count() == chunks and moved.verify().ok
    moved.close()


def test_an_index_from_before_the_store_is_synced_once_and_its_old_files_go(
    tmp_path: Path, articles: Path
) -> None:
    data = tmp_path / "data"
    index = NewsIndex(data, HashEmbedder())
    index.ingest([articles])
    generation = index.db.generation()
    index.close()
    shutil.rmtree(data / "vectors")  # the layout before: one FAISS file and its centres per generation
    (data / f"vectors-{generation}.faiss").write_bytes(b"old")
    (data / f"vectors-{generation}.centres.npz").write_bytes(b"old")

    reopened = NewsIndex(data, HashEmbedder())
    assert set(reopened.vectors().ids().tolist()) == set(reopened.db.chunk_ids().tolist())
    assert not list(data.glob("vectors-*")) and reopened.verify().ok
    reopened.close()
