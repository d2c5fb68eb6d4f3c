"""The side-by-side benchmark's pure functions: medians, percentiles, ratios and the table (no timings)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("side_by_side", ROOT / "benchmarks" / "side_by_side.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _runs(scale: float) -> dict[str, list[dict[str, Any]]]:
    recall = {"recall_at_1": 0.5, "recall_at_5": 0.9, "questions": 2}
    query: dict[str, Any] = {"peak_rss_mb": 100.0 * scale, "en_dense": recall}
    query["hybrid_ms" if scale == 1 else "query_ms"] = [10.0 * scale, 20.0 * scale]
    return {
        "ingest": [{"seconds": s * scale, "chunks": 100, "peak_rss_mb": 500.0} for s in (1.0, 2.0, 9.0)],
        "query": [query],
        "first-search": [{"wall_seconds": 3.0 * scale, "peak_rss_mb": 300.0}],
    }


def test_percentiles_of_one_and_of_many_values() -> None:
    bench = _bench()
    assert bench.percentile([7.0], 95) == 7.0
    assert bench.latency([1.0, 2.0, 3.0]) == {"p50_ms": 2.0, "p95_ms": bench.percentile([1.0, 2.0, 3.0], 95)}


def test_medians_rates_and_ratios_newsdesk_over_langchain() -> None:
    bench = _bench()
    summary = bench.summarise({"newsdesk": _runs(1.0), "langchain": _runs(2.0)}, characters=1000)
    assert summary["newsdesk"]["ingest_seconds"] == 2.0  # the median, not the mean
    assert summary["newsdesk"]["chars_per_second"] == 500.0
    assert summary["langchain"]["query_p50_ms"] == 30.0
    assert summary["newsdesk"]["en_dense_recall_at_5"] == 0.9
    found = bench.ratios(summary)
    assert found["ingest_seconds"] == 0.5 and found["hybrid_p50_ms"] == 15.0 / 30.0
    assert found["first_search_seconds"] == 0.5
    assert "ask_p50_ms" not in found  # no LangChain counterpart
    assert "| ingest_seconds | 2 | 4 | 0.50 |" in bench.table(summary, found)


def test_a_zero_langchain_figure_has_no_ratio() -> None:
    assert _bench().ratio(1.0, 0.0) is None
