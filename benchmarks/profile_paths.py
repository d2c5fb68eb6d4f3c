"""Profile newsdesk's ingest path and `ask` path under cProfile on the side-by-side corpus; print cost shares.

Writes the side-by-side benchmark's corpus (the Wikinews articles plus the XQuAD dev Dutch paragraphs), ingests
it into a new index under cProfile, then answers the benchmark's timing questions under cProfile. For each path
it prints the profiled total, each kind of work's share of the functions' own time (model forward pass,
tokenizer, SQLite, ...) and the functions that cost the most.

    python benchmarks/profile_paths.py [--wikinews N] [--questions N] [--top N] [--json FILE]
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).parent))

from side_by_side import print_report, write_corpus  # noqa: E402

# Kinds of work, matched in order against a profiled function's file and name.
KINDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("model forward pass", ("onnxruntime", "openvino", "InferenceSession", "InferRequest", "CompiledModel")),
    ("tokenizer", ("tokenizers", "Tokenizer", "encode_batch")),
    ("SQLite", ("sqlite3", "Connection' objects", "Cursor' objects")),
    ("FAISS", ("faiss",)),
    ("stemming", ("Stemmer", "stemmer")),
    ("sentence splitting", ("sentencex", "index/sentences.py")),
    ("claims", ("index/claims/",)),
    ("numpy", ("numpy",)),
    ("regular expressions", ("re.Pattern", "Pattern' objects", "/re/", "sre_")),
)


def kind_of(label: str) -> str:
    """The kind of work a profiled function does, from its file and name."""
    for kind, marks in KINDS:
        if any(mark in label for mark in marks):
            return kind
    if str(ROOT) in label:
        return "other newsdesk Python"
    return "other"


def label(key: tuple[str, int, str]) -> str:
    """A profiled function's file:line(name), paths shortened to the repository."""
    file, line, name = key
    return f"{file.replace(str(ROOT) + '/', '')}:{line}({name})"


def shares(profile: cProfile.Profile, wall: float, top: int) -> dict[str, Any]:
    """The profile's own time per kind of work and its costliest functions, as shares of the total."""
    stats: dict[tuple[str, int, str], Any] = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    total = sum(row[2] for row in stats.values()) or 1.0
    kinds: dict[str, float] = {}
    for key, row in stats.items():
        kind = kind_of(f"{key[0]}:{key[2]}")
        kinds[kind] = kinds.get(kind, 0.0) + row[2]
    costliest = sorted(stats.items(), key=lambda item: -item[1][2])[:top]
    return {
        "wall_seconds": wall,
        "profiled_seconds": total,
        "kinds": {k: round(v / total, 3) for k, v in sorted(kinds.items(), key=lambda kv: -kv[1])},
        "functions": [
            {
                "function": label(key),
                "own": round(row[2] / total, 3),
                "with_callees": round(row[3] / total, 3),
            }
            for key, row in costliest
        ],
    }


def profiled(run: Callable[[], object], top: int) -> dict[str, Any]:
    """Run under cProfile; its shares."""
    profile = cProfile.Profile()
    started = time.perf_counter()
    profile.enable()
    run()
    profile.disable()
    return shares(profile, time.perf_counter() - started, top)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--wikinews", type=int, help="only the first N Wikinews articles")
    parser.add_argument("--questions", type=int, default=40, help="timing questions to answer with ask")
    parser.add_argument("--top", type=int, default=12, help="functions listed per path")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    from bot.app import build_desk
    from bot.settings import Settings

    with tempfile.TemporaryDirectory(prefix="newsdesk-profile-") as tmp:
        work = Path(tmp)
        characters = write_corpus(work, args.wikinews, None)
        questions: list[str] = json.loads((work / "questions.json").read_text(encoding="utf-8"))["timing"]
        desk = build_desk(Settings(data_dir=work / "index"))
        desk.index.embedder.embed_documents(["warm-up"])  # the model's load is start-up, not ingest
        results: dict[str, Any] = {"characters": characters}
        results["ingest"] = profiled(lambda: desk.ingest([work / "corpus"]), args.top)
        desk.warm_up()
        desk.ask(questions[0])  # first-use costs
        asked = questions[: args.questions]
        results["ask"] = profiled(lambda: [desk.ask(q) for q in asked], args.top)
        results["ask"]["questions"] = len(asked)
        desk.close()
    print_report(results, args.json)


if __name__ == "__main__":
    main()
