"""Benchmark: ingest throughput, search latency (p50/p95) and peak memory, with the real model.

Run with `make bench` (or `python benchmarks/ingest_and_search.py --help`). Timings on a shared machine are
noisy: the script reports medians over repeated runs and ratios measured within one run.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.app import build_embedder  # noqa: E402
from bot.settings import Settings  # noqa: E402
from index.embedding.base import Embedder  # noqa: E402
from index.evaluation import load_paragraphs, load_questions  # noqa: E402
from index.news_index import NewsIndex  # noqa: E402

SHARED = ROOT.parent / "shared"


def percentile(values: list[float], q: int) -> float:
    """The q-th percentile of values (inclusive method)."""
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def corpus_paths(limit: int) -> list[Path]:
    """The demo corpus plus the first `limit` Wikinews articles (written to a temporary JSONL file)."""
    paths = [ROOT / "demo" / "corpus"]
    wikinews = SHARED / "corpus" / "wikinews-en" / "articles.jsonl"
    if wikinews.exists():
        subset = Path(tempfile.mkdtemp(prefix="bench-corpus-")) / "wikinews.jsonl"
        subset.write_text(
            "".join(wikinews.read_text(encoding="utf-8").splitlines(True)[:limit]), encoding="utf-8"
        )
        paths.append(subset)
    return paths


def bench_ingest(embedder: Embedder, paths: list[Path], repeats: int) -> dict[str, float]:
    """Median chunks/s and characters/s of fresh ingests, and the cost of re-ingesting unchanged files."""
    chunk_rates, char_rates, first_seconds, again_seconds = [], [], [], []
    for _ in range(repeats):
        with tempfile.TemporaryDirectory(prefix="bench-index-") as tmp:
            index = NewsIndex(Path(tmp), embedder, Settings().chunking())
            first = index.ingest(paths)
            again = index.ingest(paths)
            index.close()
        chunk_rates.append(first.chunks / first.seconds)
        char_rates.append(first.characters / first.seconds)
        first_seconds.append(first.seconds)
        again_seconds.append(again.seconds)
    return {
        "articles": first.added,
        "chunks": first.chunks,
        "characters": first.characters,
        "repeats": repeats,
        "median_chunks_per_second": statistics.median(chunk_rates),
        "median_characters_per_second": statistics.median(char_rates),
        "median_unchanged_reingest_to_first_ingest_ratio": statistics.median(
            a / f for a, f in zip(again_seconds, first_seconds, strict=True)
        ),
    }


def bench_search(embedder: Embedder, paths: list[Path], questions: list[str]) -> dict:
    """p50/p95 latency of a whole search (query embedding included) per mode, over the questions."""
    with tempfile.TemporaryDirectory(prefix="bench-search-") as tmp:
        index = NewsIndex(Path(tmp), embedder, Settings().chunking())
        index.ingest(paths)
        index.search(questions[0], k=5)  # warm-up: model and FAISS loaded
        result: dict[str, dict[str, float]] = {}
        for mode in ("hybrid", "dense", "keyword"):
            latencies = []
            for question in questions:
                started = time.perf_counter()
                index.search(question, k=5, mode=mode)  # type: ignore[arg-type]
                latencies.append((time.perf_counter() - started) * 1000)
            result[mode] = {
                "p50_ms": percentile(latencies, 50),
                "p95_ms": percentile(latencies, 95),
                "questions": len(latencies),
            }
        result["chunks_indexed"] = index.db.counts()["chunks"]
        index.close()
    return result


def main() -> None:
    """Run the benchmark and print JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--wikinews", type=int, default=120, help="Wikinews articles added to the demo corpus."
    )
    parser.add_argument("--repeats", type=int, default=3, help="Fresh ingests to take the median of.")
    parser.add_argument(
        "--questions", type=int, default=632, help="XQuAD dev questions to time searches with."
    )
    args = parser.parse_args()
    settings = Settings()
    embedder = build_embedder(settings)
    embedder.embed_queries(["warm-up"])
    paths = corpus_paths(args.wikinews)
    report: dict[str, object] = {
        "model": settings.model,
        "ingest": bench_ingest(embedder, paths, args.repeats),
    }
    xquad = SHARED / "eval" / "xquad-dev"
    if xquad.exists():
        records, owner = load_paragraphs(xquad / "xquad.nl.json")
        questions = [q.question for q in load_questions(xquad / "xquad.en.json", owner)][: args.questions]
        corpus = Path(tempfile.mkdtemp(prefix="bench-xquad-")) / "paragraphs.jsonl"
        corpus.write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
        )
        report["search"] = bench_search(embedder, [*paths, corpus], questions)
    else:
        report["search"] = "skipped: ../shared/eval/xquad-dev is absent"
    report["peak_memory_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
