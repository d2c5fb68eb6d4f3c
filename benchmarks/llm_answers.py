"""Extractive answers against the local language model, on the same held-out questions, in one run.

Both answerers share one index; only the rewriting step differs. For the answer sets (tests/data, held-out
split) it reports what `newsdesk eval answers` does (expected fact, cited article, speaker, both sides of a
contested claim, declined answerable questions, near-topic questions answered) and, for the model: how often
its answer was used, how often every sentence of its reply passed the grounding check, and why it was not
used. For XQuAD dev (held-out articles, every Nth question) it reports whether the first quoted sentence
holds the gold answer, and whether the answer's own text holds it in the paragraph's or the question's
language. Seconds per answer are medians and 95th percentiles measured in this run; memory is the process's
peak resident set (VmHWM) after the extractive pass and after the model's pass.

    python benchmarks/llm_answers.py --index DIR --json newsdesk-data/llm-answers.json
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from side_by_side import percentile  # noqa: E402  (benchmarks/, the folder of this script)

from bot.app import build_desk, build_index, xquad_desk  # noqa: E402
from bot.desk import Desk  # noqa: E402
from bot.evaluation.answer_sets import AnswerCase, figures, judge, load_cases  # noqa: E402
from bot.evaluation.xquad import normalised  # noqa: E402
from bot.records import Answer  # noqa: E402
from bot.settings import Settings  # noqa: E402
from index.evaluation import EvalQuestion, load_paragraphs, load_questions  # noqa: E402

SHARED = ROOT.parent / "shared"
XQUAD = SHARED / "eval" / "xquad-dev"
ANSWER_SETS = [ROOT / "tests" / "data" / "realnews-heldout.yaml"]
ARMS = ("extractive", "llm")


def peak_rss_mb() -> float:
    """The process's peak resident set so far, in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def timed(ask: Callable[[str], Answer], question: str) -> tuple[Answer, float]:
    started = time.perf_counter()
    answer = ask(question)
    return answer, time.perf_counter() - started


def model_figures(answers: list[Answer]) -> dict[str, Any]:
    """How the model did on the answers it was asked to rewrite."""
    asked = [a for a in answers if a.rewriting is not None]
    replies = [a for a in asked if a.rewriting and a.rewriting.sentences]
    return {
        "asked": len(asked),
        "used": sum(a.method == "llm" for a in asked) / len(asked) if asked else None,
        "replies_fully_grounded": (
            sum(a.rewriting.dropped == 0 for a in replies if a.rewriting) / len(replies) if replies else None
        ),
        "sentences": sum(a.rewriting.sentences for a in asked if a.rewriting),
        "sentences_dropped": sum(a.rewriting.dropped for a in asked if a.rewriting),
        "fallbacks": Counter(
            a.rewriting.fallback.split(":")[0] for a in asked if a.rewriting and a.rewriting.fallback
        ),
    }


def seconds(times: list[float]) -> dict[str, float]:
    return {"p50": statistics.median(times), "p95": percentile(times, 95)}


def run_answer_sets(desks: dict[str, Desk], cases: list[AnswerCase]) -> dict[str, Any]:
    """Both arms on every case; the extractive arm first over all cases, then the model."""
    out: dict[str, Any] = {"cases": len(cases)}
    for arm in ARMS:
        results, answers, times = [], [], []
        desks[arm].warm_up()  # models load before the first question is timed
        for case in cases:
            answer, spent = timed(desks[arm].ask, case.question)
            results.append(judge(case, answer, spent))
            answers.append(answer)
            times.append(spent)
        text_fact = [
            bool(c.expect) and any(e.lower() in a.text.lower() for e in c.expect)
            for c, a in zip(cases, answers, strict=True)
            if c.answerable
        ]
        out[arm] = {
            **figures(results).model_dump(),
            "fact_in_text": sum(text_fact) / len(text_fact),
            "seconds": seconds(times),
            "peak_rss_mb": peak_rss_mb(),
            "model": model_figures(answers) if arm == "llm" else None,
            "answers": [
                {"question": c.question, "answer": a.text, "method": a.method}
                for c, a in zip(cases, answers, strict=True)
            ],
        }
    return out


def run_xquad(settings: Settings, index_dir: Path, every: int) -> dict[str, Any]:
    """Both arms on every `every`-th held-out XQuAD question (English and Dutch) over the Dutch paragraphs."""
    passages = XQUAD / "xquad.nl.json"
    _, owner = load_paragraphs(passages)
    _, english_owner = load_paragraphs(XQUAD / "xquad.en.json")
    out: dict[str, Any] = {}
    with xquad_desk(settings, passages, [SHARED / "corpus" / "wikinews-en"], index_dir) as (extractive, _):
        llm = build_desk(settings.model_copy(update={"llm": "local"}), extractive.index)
        desks = {"extractive": extractive, "llm": llm}
        llm.warm_up()
        for language in ("en", "nl"):
            asked: list[EvalQuestion] = load_questions(XQUAD / f"xquad.{language}.json", owner, "held-out")[
                ::every
            ]
            row: dict[str, Any] = {"questions": len(asked)}
            for arm in ARMS:
                quote_hits, text_hits, times, answers = [], [], [], []
                for q in asked:
                    answer, spent = timed(desks[arm].ask, q.question)
                    english = english_owner.get(q.id)
                    golds = [normalised(q.answer), normalised(english.answer) if english else ""]
                    first = answer.citations[0].quote if answer.citations and not answer.abstained else ""
                    quote_hits.append(bool(golds[0]) and golds[0] in normalised(first))
                    text_hits.append(
                        not answer.abstained and any(g and g in normalised(answer.text) for g in golds)
                    )
                    times.append(spent)
                    answers.append(answer)
                row[arm] = {
                    "first_quote_holds_gold": sum(quote_hits) / len(asked),
                    "text_holds_gold": sum(text_hits) / len(asked),
                    "abstained": sum(a.abstained for a in answers) / len(asked),
                    "seconds": seconds(times),
                    "model": model_figures(answers) if arm == "llm" else None,
                }
            out[language] = row
        llm.feedback_store.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--index", type=Path, required=True, help="data folder holding the seed and Wikinews")
    parser.add_argument("--xquad-index", type=Path, help="keep the XQuAD evaluation index here")
    parser.add_argument("--xquad-every", type=int, default=4, help="every Nth held-out XQuAD question")
    parser.add_argument("--no-xquad", action="store_true")
    parser.add_argument("--model", help="local model (default: NEWSDESK_LLM_LOCAL_MODEL)")
    parser.add_argument("--json", type=Path, help="write the figures here")
    args = parser.parse_args()
    settings = Settings(data_dir=args.index, llm="off")
    if args.model:
        settings = settings.model_copy(update={"llm_local_model": args.model})
    index = build_index(settings)
    desks = {
        "extractive": build_desk(settings, index),
        "llm": build_desk(settings.model_copy(update={"llm": "local"}), index),
    }
    cases = [c for path in ANSWER_SETS for c in load_cases(path)]  # held out as a whole: never tuned on
    report: dict[str, Any] = {"model": settings.llm_local_model, "answer_sets": run_answer_sets(desks, cases)}
    if not args.no_xquad:
        report["xquad"] = run_xquad(
            settings, args.xquad_index or args.index.parent / "xquad-llm", args.xquad_every
        )
    report["peak_rss_mb"] = peak_rss_mb()
    text = json.dumps(report, indent=2, default=str)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(text)
    for arm in ARMS:
        row = {k: v for k, v in report["answer_sets"][arm].items() if k != "answers"}
        print(arm, json.dumps(row, default=str))
    if "xquad" in report:
        print("xquad", json.dumps(report["xquad"], default=str))


if __name__ == "__main__":
    main()
