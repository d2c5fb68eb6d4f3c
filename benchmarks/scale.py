"""Scale benchmark: the vector store and SQLite at 100k and 1M chunks, no model needed.

Chunks are made from a real index (`--source`, e.g. the Wikinews and seed articles ingested once): each
synthetic article joins five real chunk texts (so text lengths and keyword terms are real), and each chunk's
vector is a random mixture of its real chunk's vector and two other real ones, blurred with noise as large as
the spread between real neighbours (see synthetic). Queries are made the same way, independently.

Every step runs in its own process (peak memory is that step's) and prints one JSON line:
  rows     the SQLite rows (articles, chunks with vectors, keyword terms) for a size
  index    the vector store synced from SQLite: build time, peak memory, size on disk
  exact    exact centred top-10 of each query, for ANN recall
  search   open time and memory at start-up, search p50/p95 at the product's depth, recall@10
  append   1,000 new chunks synced into the index (and removed again)
  sqlite   date and source filters with their query plans, and the real questions' keyword queries

    python benchmarks/scale.py --source newsdesk-data/realnews --sizes 100000 1000000 --backends faiss
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scale_rows import (  # noqa: E402
    CHUNKS_PER_ARTICLE,
    SOURCES,
    data_dir,
    noise_scale,
    source_chunks,
    step_rows,
    synthetic,
    write_article,
)

from index.news_index import DATABASE_FILE  # noqa: E402
from index.records import SearchFilters  # noqa: E402
from index.store.database import Database  # noqa: E402
from index.store.live_vectors import LiveVectors  # noqa: E402
from index.store.vector_store import VectorStoreConfig  # noqa: E402

QUERIES = 200
LOCAL_QUERIES = 20
LOCAL_FILTERED = 3  # a filtered local-mode search took 19 s at 100,000 points
DEPTH = 100  # dense candidates a question fetches (RetrievalConfig.depth)
APPENDED = 1000
QUESTION_SETS = ("realnews-heldout.yaml", "answers.yaml")  # real questions, for the keyword side


def peak_mb() -> float:
    """This process's peak resident memory in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def live(args: argparse.Namespace, db: Database, background: np.ndarray) -> LiveVectors:
    """The product's vector index over the data folder, with the chosen backend."""
    config = VectorStoreConfig(backend=args.backend)
    dimension = len(background)
    return LiveVectors(
        data_dir(args.work, args.size),
        db,
        lambda: dimension,
        lambda texts: np.tile(background, (len(texts), 1)),
        config,
    )


def disk_mb(folder: Path) -> float:
    """Size of the files under a folder in MB."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def step_index(args: argparse.Namespace) -> dict[str, object]:
    """Sync the store from SQLite (a first ingest at this size) and persist it."""
    vectors = source_chunks(args.source)[3]
    db = Database(data_dir(args.work, args.size) / DATABASE_FILE)
    vectors_live = live(args, db, vectors.mean(axis=0))
    started = time.perf_counter()
    index = vectors_live.rebuild()
    seconds = time.perf_counter() - started
    result: dict[str, object] = {
        "vectors": len(index),
        "seconds": seconds,
        "peak_mb": peak_mb(),
        "disk_mb": disk_mb(vectors_live.folder),
    }
    result["layout"] = index.store.describe()
    vectors_live.close()
    return result


def queries(args: argparse.Namespace) -> np.ndarray:
    """The query vectors: noisy copies of real chunk vectors (the same for every size and backend)."""
    vectors = source_chunks(args.source)[3]
    rng = np.random.default_rng(7)
    return synthetic(vectors, rng.integers(0, len(vectors), QUERIES), rng, noise_scale(vectors))


def step_exact(args: argparse.Namespace) -> dict[str, object]:
    """Exact centred top-10 of every query, by brute force over the raw vectors and the saved centres."""
    db = Database(data_dir(args.work, args.size) / DATABASE_FILE)
    vectors = source_chunks(args.source)[3]
    index = live(args, db, vectors.mean(axis=0)).get()
    ids, matrix, languages = db.vectors.every(index.dimension)
    shifts = np.stack([index.centre(language) for language in languages])
    scores = np.zeros((QUERIES, len(ids)), dtype=np.float32)
    query = queries(args)
    for start in range(0, len(ids), 100_000):
        part = slice(start, start + 100_000)
        scores[:, part] = query @ (matrix[part] - shifts[part]).T
    top = np.argsort(-scores, axis=1)[:, :10]
    np.save(data_dir(args.work, args.size) / "exact.npy", ids[top])
    return {"queries": QUERIES}


def step_search(args: argparse.Namespace) -> dict[str, object]:
    """Start-up (open the index), then every query at the product's depth; recall@10 against exact."""
    started = time.perf_counter()
    db = Database(data_dir(args.work, args.size) / DATABASE_FILE)
    background = np.zeros(384, dtype=np.float32)
    index = live(args, db, background).get()
    opened = time.perf_counter() - started
    open_mb = peak_mb()
    exact = np.load(data_dir(args.work, args.size) / "exact.npy")
    times, recalls = [], []
    # Qdrant's local mode filters in Python (about 0.3 s a search at 10,000 points): fewer queries.
    asked = queries(args)[: LOCAL_QUERIES if args.backend == "qdrant" else QUERIES]
    for number, query in enumerate(asked):
        began = time.perf_counter()
        found = index.search(query, DEPTH)
        times.append(time.perf_counter() - began)
        recalls.append(len({i for i, _ in found[:10]} & set(exact[number].tolist())) / 10)
    filtered = filtered_search(db, index, asked[: LOCAL_FILTERED if args.backend == "qdrant" else 50])
    return {
        "open_seconds": opened,
        "open_mb": open_mb,
        "queries": len(asked),
        "search_p50_ms": 1000 * statistics.median(times),
        "search_p95_ms": 1000 * float(np.percentile(times, 95)),
        "recall_at_10": float(np.mean(recalls)),
        **filtered,
        "peak_mb": peak_mb(),
    }


def filtered_search(db: Database, index: Any, query: np.ndarray) -> dict[str, object]:
    """Dense searches limited to one outlet, and to one month, as retrieve.py runs them (ids from the
    vector catalogue; SQLite only for a period the text names)."""
    from datetime import date

    found: dict[str, object] = {}
    for name, filters in (
        ("outlet", SearchFilters(sources=[SOURCES[3]])),
        ("month", SearchFilters(since=date(2020, 11, 1), until=date(2020, 11, 30))),
    ):
        times = []
        for vector in query:
            began = time.perf_counter()
            allowed = index.catalogue.allowed(filters)
            if allowed is None:
                allowed = db.filtered_chunk_ids(filters)
            index.search(vector, DEPTH, allowed)
            times.append(time.perf_counter() - began)
        found[f"{name}_filtered_p50_ms"] = 1000 * statistics.median(times)
        found[f"{name}_share"] = len(allowed) / max(1, len(index))
    return found


def step_append(args: argparse.Namespace) -> dict[str, object]:
    """Add 1,000 chunks (200 articles) to the SQLite rows and sync them into the index; then remove them."""
    texts, terms, languages, vectors = source_chunks(args.source)
    db = Database(data_dir(args.work, args.size) / DATABASE_FILE)
    vectors_live = live(args, db, vectors.mean(axis=0))
    vectors_live.get()
    rng, sigma = np.random.default_rng(11), noise_scale(vectors)
    began = time.perf_counter()
    with db.transaction():
        for number in range(APPENDED // CHUNKS_PER_ARTICLE):
            picks = rng.integers(0, len(texts), CHUNKS_PER_ARTICLE)
            made = synthetic(vectors, picks, rng, sigma)
            write_article(db, 10_000_000 + number, picks, texts, terms, languages, made, rng)
        db.bump_generation()
    rows = time.perf_counter() - began
    began = time.perf_counter()
    added = len(vectors_live.sync())
    synced = time.perf_counter() - began
    with db.transaction():
        db.delete_articles([f"a{10_000_000 + n}" for n in range(APPENDED // CHUNKS_PER_ARTICLE)])
        db.bump_generation()
    began = time.perf_counter()
    removed = len(vectors_live.sync())
    return {
        "sqlite_rows_seconds": rows,
        "sync_add_seconds": synced,
        "sync_remove_seconds": time.perf_counter() - began,
        "vectors_after_add": added,
        "vectors_after_remove": removed,
        "peak_mb": peak_mb(),
    }


def timed(call: object, runs: int = 30) -> float:
    """Median milliseconds of a call."""
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        call()  # type: ignore[operator]
        times.append(time.perf_counter() - began)
    return 1000 * statistics.median(times)


def question_terms() -> list[list[str]]:
    """Keyword terms of the real question sets in tests/data, each in its question's language."""
    import yaml

    from index.keywords import keyword_query_terms

    items = [
        item
        for name in QUESTION_SETS
        for item in yaml.safe_load((ROOT / "tests" / "data" / name).read_text())
    ]
    return [keyword_query_terms(item["question"], item.get("language", "en")) for item in items]


def per_question(call: Any, questions: list[list[str]]) -> dict[str, float]:
    """p50 and p95 milliseconds of one call per question (after one pass that warms the page cache)."""
    for terms in questions:
        call(terms)
    times = []
    for terms in questions:
        began = time.perf_counter()
        call(terms)
        times.append(1000 * (time.perf_counter() - began))
    return {"p50": statistics.median(times), "p95": float(np.percentile(times, 95))}


def step_sqlite(args: argparse.Namespace) -> dict[str, object]:
    """Filters and the keyword side (the real questions' terms, plain OR query and the split one) at this size."""
    from datetime import date

    from index.keywords import fts_match_expression
    from index.store.filters import filter_clause

    db = Database(data_dir(args.work, args.size) / DATABASE_FILE)
    month = SearchFilters(since=date(2020, 11, 1), until=date(2020, 11, 30))
    outlet = SearchFilters(sources=[SOURCES[3]])
    plans = {}
    for name, where in (("date", month), ("source", outlet)):
        clause, params = filter_clause(where)
        rows = db._query(
            f"EXPLAIN QUERY PLAN SELECT c.id FROM chunks c JOIN articles a ON a.id = c.article_id WHERE {clause}",
            params,
        )
        plans[name] = "; ".join(str(r["detail"]) for r in rows)
    questions = question_terms()
    keywords = db.keywords
    # What search runs: the vector catalogue hands it the ids a date or source filter passes.
    wide = {
        "month": month,
        "outlet": outlet,
        "three_years": SearchFilters(since=date(2016, 1, 1), until=date(2018, 12, 31)),
        "nine_years": SearchFilters(since=date(2017, 1, 1)),
    }
    found: dict[str, object] = {
        "date_filter_ms": timed(lambda: db.filtered_chunk_ids(month)),
        "source_filter_ms": timed(lambda: db.filtered_chunk_ids(outlet)),
        "questions": len(questions),
        "keyword_plain_ms": per_question(
            lambda t: keywords._matching(fts_match_expression(t), DEPTH, SearchFilters()), questions
        ),
        "keyword_ms": per_question(lambda t: keywords.search(t, DEPTH), questions),
    }
    for name, within in wide.items():
        allowed = np.asarray(sorted(db.filtered_chunk_ids(within)), dtype=np.int64)
        found[f"keyword_{name}_share"] = len(allowed) / max(1, db.chunk_count())
        found[f"keyword_{name}_plain_ms"] = per_question(
            lambda t, w=within: keywords._matching(fts_match_expression(t), DEPTH, w), questions
        )
        found[f"keyword_{name}_ms"] = per_question(
            lambda t, w=within, a=allowed: keywords.search(t, DEPTH, w, a), questions
        )
    return {
        **found,
        "plans": plans,
    }


STEPS = {
    "rows": step_rows,
    "index": step_index,
    "exact": step_exact,
    "search": step_search,
    "append": step_append,
    "sqlite": step_sqlite,
}


def run_step(args: argparse.Namespace, step: str, size: int, backend: str) -> dict[str, object]:
    """One step in a fresh process."""
    command = [sys.executable, __file__, "--step", step, "--size", str(size), "--backend", backend]
    command += ["--source", str(args.source), "--work", str(args.work)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "failed"}
    found: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--source", type=Path, default=ROOT / "newsdesk-data" / "realnews")
    parser.add_argument("--work", type=Path, default=ROOT / "newsdesk-data" / "scale")
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--backends", nargs="+", default=["faiss", "qdrant"], choices=["faiss", "qdrant"])
    parser.add_argument(
        "--qdrant-max", type=int, default=100_000, help="largest size Qdrant's local mode runs"
    )
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--step", choices=sorted(STEPS), help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--backend", default="faiss", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        print(json.dumps(STEPS[args.step](args)))
        return
    results: dict[str, object] = {}
    for size in args.sizes:
        results[f"{size} rows"] = run_step(args, "rows", size, "faiss")
        results[f"{size} sqlite"] = run_step(args, "sqlite", size, "faiss")
        for backend in args.backends:
            if backend == "qdrant" and size > args.qdrant_max:
                results[f"{size} {backend}"] = {"skipped": f"local mode above {args.qdrant_max} chunks"}
                continue
            found = {
                step: run_step(args, step, size, backend) for step in ("index", "exact", "search", "append")
            }
            results[f"{size} {backend}"] = found
            print(json.dumps({f"{size} {backend}": found}, indent=1), flush=True)
    print(json.dumps(results, indent=1))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
