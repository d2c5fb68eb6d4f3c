"""Side-by-side benchmark: newsdesk against the LangChain pipeline on one corpus, in one run.

The pipeline is LangChain's RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200),
HuggingFaceEmbeddings over the same model folder, and its FAISS store. The corpus is the Wikinews articles
plus the XQuAD dev Dutch paragraphs; the questions are XQuAD dev's English and Dutch ones. Every step runs in
a fresh process per system, alternating the systems so drift hits both; figures are medians over the runs.
Needs the optional `bench` dependencies: pip install -e '.[bench]'. Run with `make bench`.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.settings import Settings  # noqa: E402
from index.embedding.onnx_export import provision_int8  # noqa: E402
from index.embedding.provision import provision_e5  # noqa: E402
from index.evaluation import load_paragraphs, load_questions  # noqa: E402

SHARED = ROOT.parent / "shared"
XQUAD = SHARED / "eval" / "xquad-dev"
WIKINEWS = SHARED / "corpus" / "wikinews-en" / "articles.jsonl"
STEPS = Path(__file__).with_name("bench_steps.py")
SYSTEMS = ("newsdesk", "langchain")
# newsdesk with other settings (--variants), each against LangChain in the same run; the default's settings
# are pinned so that the caller's environment cannot change the baseline.
_FP32, _INT8 = {"NEWSDESK_EMBEDDER_PRECISION": "fp32"}, {"NEWSDESK_EMBEDDER_PRECISION": "int8"}
_OPENVINO, _ONNXRUNTIME = ({"NEWSDESK_EMBEDDER_BATCH_RUNTIME": r} for r in ("openvino", "onnxruntime"))
_INT8_QUESTIONS, _FP32_QUESTIONS = ({"NEWSDESK_EMBEDDER_QUERY_PRECISION": p} for p in ("int8", "fp32"))
_EMBEDDED, _POOLED = ({"NEWSDESK_CHUNK_VECTORS": v} for v in ("embedded", "pooled"))
VARIANTS: dict[str, dict[str, str]] = {
    "newsdesk": {**_EMBEDDED, **_FP32, **_OPENVINO, **_INT8_QUESTIONS},
    "newsdesk-fp32-questions": {**_EMBEDDED, **_FP32, **_OPENVINO, **_FP32_QUESTIONS},
    "newsdesk-onnxruntime": {**_EMBEDDED, **_FP32, **_ONNXRUNTIME, **_INT8_QUESTIONS},
    "newsdesk-pooled": {**_POOLED, **_FP32, **_OPENVINO, **_INT8_QUESTIONS},
    "newsdesk-pooled-int8": {**_POOLED, **_INT8, **_ONNXRUNTIME, **_INT8_QUESTIONS},
}


def percentile(values: Sequence[float], q: int) -> float:
    """The q-th percentile of values (inclusive method); the value itself for one value."""
    if len(values) == 1:
        return float(values[0])
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def latency(values: Sequence[float]) -> dict[str, float]:
    """p50 and p95 of latencies in ms."""
    return {"p50_ms": percentile(values, 50), "p95_ms": percentile(values, 95)}


def print_report(report: dict[str, Any], path: Path | None, indent: int = 1) -> None:
    """Print the report as JSON, and also write it to `path` if given."""
    text = json.dumps(report, indent=indent)
    print(text)
    if path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def median_of(runs: Sequence[dict[str, Any]], key: str) -> float:
    """The median of one figure over runs."""
    return statistics.median(float(run[key]) for run in runs)


def ratio(ours: float, theirs: float) -> float | None:
    """newsdesk / LangChain, or None when the LangChain figure is zero."""
    return ours / theirs if theirs else None


def write_corpus(work: Path, wikinews_limit: int | None, question_limit: int | None) -> int:
    """Write corpus/*.jsonl and questions.json into `work`; the corpus's characters of article text."""
    corpus = work / "corpus"
    corpus.mkdir(parents=True)
    lines = WIKINEWS.read_text(encoding="utf-8").splitlines(True)[:wikinews_limit]
    (corpus / "wikinews.jsonl").write_text("".join(lines), encoding="utf-8")
    records, owner = load_paragraphs(XQUAD / "xquad.nl.json")
    (corpus / "xquad-nl.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    pairs = {
        lang: [(q.question, q.paragraph_id) for q in load_questions(XQUAD / f"xquad.{lang}.json", owner)][
            :question_limit
        ]
        for lang in ("en", "nl")
    }
    timing = [q for q, _ in pairs["en"][:50]] + [q for q, _ in pairs["nl"][:50]]
    questions = {"timing": timing, "ask": 40, "xquad": pairs}
    (work / "questions.json").write_text(json.dumps(questions, ensure_ascii=False), encoding="utf-8")
    texts = [json.loads(line)["text"] for line in lines] + [r["text"] for r in records]
    return sum(len(t) for t in texts)


def run_step(step: str, system: str, work: Path, model_folder: str) -> dict[str, Any]:
    """Run one step in a fresh process: its printed figures plus its wall time from spawn to exit."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if system in VARIANTS:
        env.update(VARIANTS[system], BENCH_VARIANT=system)
        system = "newsdesk"
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(STEPS), step, system, str(work), model_folder],
        cwd=work,
        capture_output=True,
        text=True,
        env=env,
    )
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{step} {system} failed:\n{done.stderr[-3000:]}")
    line = next(x for x in done.stdout.splitlines() if x.startswith("BENCH "))
    figures: dict[str, Any] = json.loads(line.removeprefix("BENCH "))
    figures["wall_seconds"] = wall
    return figures


def summarise(runs: dict[str, dict[str, list[dict[str, Any]]]], characters: int) -> dict[str, dict[str, Any]]:
    """Medians per system of every step's figures."""
    out: dict[str, dict[str, Any]] = {}
    for system, steps in runs.items():
        ingest = steps["ingest"]
        seconds = median_of(ingest, "seconds")
        row: dict[str, Any] = {
            "ingest_seconds": seconds,
            "chunks": int(median_of(ingest, "chunks")),
            "chars_per_second": characters / seconds,
            "chunks_per_second": median_of(ingest, "chunks") / seconds,
            "ingest_peak_rss_mb": median_of(ingest, "peak_rss_mb"),
            "first_search_seconds": median_of(steps["first-search"], "wall_seconds"),
            "first_search_rss_mb": median_of(steps["first-search"], "peak_rss_mb"),
        }
        if "first-ask" in steps:
            row["first_ask_seconds"] = median_of(steps["first-ask"], "wall_seconds")
            row["first_ask_rss_mb"] = median_of(steps["first-ask"], "peak_rss_mb")
        query = steps["query"]
        for key in ("hybrid_ms", "dense_ms", "ask_ms", "query_ms"):
            if key in query[0]:
                for stat, value in latency([v for run in query for v in run[key]]).items():
                    row[f"{key.removesuffix('_ms')}_{stat}"] = value
        for key in query[0]:
            if isinstance(query[0][key], dict):
                row[f"{key}_recall_at_1"] = median_of([r[key] for r in query], "recall_at_1")
                row[f"{key}_recall_at_5"] = median_of([r[key] for r in query], "recall_at_5")
        row["query_peak_rss_mb"] = median_of(query, "peak_rss_mb")
        out[system] = row
    return out


# newsdesk figure, LangChain figure it is compared with.
COMPARED = [
    ("ingest_seconds", "ingest_seconds"),
    ("chars_per_second", "chars_per_second"),
    ("chunks_per_second", "chunks_per_second"),
    ("ingest_peak_rss_mb", "ingest_peak_rss_mb"),
    ("hybrid_p50_ms", "query_p50_ms"),
    ("hybrid_p95_ms", "query_p95_ms"),
    ("dense_p50_ms", "query_p50_ms"),
    ("dense_p95_ms", "query_p95_ms"),
    ("ask_p50_ms", None),
    ("ask_p95_ms", None),
    ("first_search_seconds", "first_search_seconds"),
    ("first_ask_seconds", "first_search_seconds"),
    ("first_search_rss_mb", "first_search_rss_mb"),
    ("first_ask_rss_mb", "first_search_rss_mb"),
    ("query_peak_rss_mb", "query_peak_rss_mb"),
    ("en_hybrid_recall_at_1", "en_dense_recall_at_1"),
    ("en_hybrid_recall_at_5", "en_dense_recall_at_5"),
    ("en_dense_recall_at_5", "en_dense_recall_at_5"),
    ("nl_hybrid_recall_at_1", "nl_dense_recall_at_1"),
    ("nl_hybrid_recall_at_5", "nl_dense_recall_at_5"),
    ("nl_dense_recall_at_5", "nl_dense_recall_at_5"),
]


def ratios(summary: dict[str, dict[str, Any]], system: str = "newsdesk") -> dict[str, float | None]:
    """newsdesk (or another newsdesk system) / LangChain for every compared figure."""
    ours, theirs = summary[system], summary["langchain"]
    return {key: ratio(ours[key], theirs[other]) for key, other in COMPARED if other and key in ours}


def table(
    summary: dict[str, dict[str, Any]], ratio_of: dict[str, float | None], system: str = "newsdesk"
) -> str:
    """The figures as a Markdown table: newsdesk (or another newsdesk system), LangChain, ratio."""
    lines = [f"| figure | {system} | LangChain | {system} / LangChain |", "|---|---|---|---|"]
    for key, other in COMPARED:
        if key not in summary[system]:
            continue
        theirs = summary["langchain"].get(other, "") if other else ""
        shown = f"{theirs:.3g}" if isinstance(theirs, float) else str(theirs)
        r = ratio_of.get(key)
        label = key if not other or other == key else f"{key} (LangChain: {other})"
        lines.append(
            f"| {label} | {summary[system][key]:.3g} | {shown} | {'' if r is None else f'{r:.2f}'} |"
        )
    return "\n".join(lines)


def main() -> None:
    """Run every step for both systems, alternating, and print the table and the JSON report."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="Runs of every step per system (medians).")
    parser.add_argument("--wikinews", type=int, help="Only the first N Wikinews articles.")
    parser.add_argument("--questions", type=int, help="Only the first N XQuAD questions per language.")
    parser.add_argument("--json", type=Path, help="Also write the report here.")
    parser.add_argument(
        "--variants",
        nargs="*",
        choices=list(VARIANTS)[1:],
        help="Also run newsdesk with these settings (no name: all of them), each against LangChain.",
    )
    args = parser.parse_args()
    chosen = list(VARIANTS)[1:] if args.variants == [] else args.variants or []  # [] is "--variants" alone
    systems = (*SYSTEMS, *chosen)
    settings = Settings()
    folder = str(provision_e5(settings.model_cache))
    provision_int8(settings.model_cache)  # made before any clock starts
    runs: dict[str, dict[str, list[dict[str, Any]]]] = {s: {} for s in systems}
    with tempfile.TemporaryDirectory(prefix="bench-side-") as tmp:
        characters = write_corpus(Path(tmp), args.wikinews, args.questions)
        for n in range(args.runs):
            work = Path(tmp) / f"run-{n}"
            work.mkdir()
            (work / "corpus").symlink_to(Path(tmp) / "corpus")
            (work / "questions.json").symlink_to(Path(tmp) / "questions.json")
            order = systems if n % 2 == 0 else systems[::-1]
            for step in ("ingest", "query", "first-search", "first-ask"):
                for system in order:
                    if step == "first-ask" and system == "langchain":
                        continue
                    result = run_step(step, system, work, folder)
                    runs[system].setdefault(step, []).append(result)
                    print(
                        f"run {n + 1}/{args.runs} {step} {system}: {result.get('wall_seconds'):.1f}s",
                        file=sys.stderr,
                    )
    summary = summarise(runs, characters)
    report = {
        "embedder": settings.embedder,
        "characters": characters,
        "runs": args.runs,
        "summary": summary,
        "ratios": ratios(summary),
    }
    print(table(summary, report["ratios"]))  # type: ignore[arg-type]
    for variant in systems[len(SYSTEMS) :]:
        report[f"ratios_{variant}"] = ratios(summary, variant)
        print(table(summary, report[f"ratios_{variant}"], variant))  # type: ignore[arg-type]
    print_report(report, args.json, indent=2)


if __name__ == "__main__":
    main()
