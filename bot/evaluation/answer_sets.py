"""Answer-quality evaluation: expected facts, cited articles, contested claims and abstention on a question set."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, Field, TypeAdapter

from bot.records import Answer
from index.errors import ParseError
from index.evaluation import Split

Kind = Literal["claim", "denial", "accusation", "fact", "date", "out_of_corpus"]


class AnswerCase(BaseModel):
    """A question with what a good answer must contain."""

    question: str
    language: Literal["en", "nl"]
    kind: Kind
    corpus: str = ""
    expect: list[str] = Field(default_factory=list)  # any of these in the answer or its quotes
    article: str = ""  # substring of the id or title of an article the answer should cite
    contested: bool = False  # the answer should show both sides
    speaker: list[str] = Field(
        default_factory=list
    )  # for who-said questions: names one of which it must give

    @property
    def answerable(self) -> bool:
        """False for questions the articles do not answer."""
        return self.kind != "out_of_corpus"


class CaseResult(BaseModel):
    """How the answerer did on one case."""

    case: AnswerCase
    abstained: bool
    fact_found: bool
    article_cited: bool
    contested_shown: bool
    speaker_named: bool | None  # None when the case names no speaker
    method: str
    evidence: float  # the answer's relevance score
    answerability: float = 0.0  # what abstention is decided on
    seconds: float
    answer: str


class Figures(BaseModel):
    """Shares over a group of cases."""

    cases: int
    fact: float  # answerable cases whose answer holds an expected fact
    article: float  # answerable cases citing the expected article
    abstained: float  # answerable cases the answerer declined
    contested: float | None  # contested cases shown with both sides
    speaker: float | None  # who-said cases naming the right speaker
    answered_out_of_corpus: float | None  # out-of-corpus cases answered anyway


class AnswerEvaluation(BaseModel):
    """Figures over all cases, per kind and per language, and every case's result."""

    overall: Figures
    by_kind: dict[str, Figures]
    by_language: dict[str, Figures]
    median_seconds: float
    results: list[CaseResult]


def load_cases(path: Path, split: Split = "all") -> list[AnswerCase]:
    """The cases of a YAML question set; `split` keeps the tuning cases (two of every three, by position)
    or the held-out ones (every third)."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        cases = TypeAdapter(list[AnswerCase]).validate_python(raw)
    except (OSError, yaml.YAMLError, ValueError) as exc:
        raise ParseError(f"{path} is not a question set: {exc}") from exc
    if split == "all":
        return cases
    return [c for n, c in enumerate(cases) if (n % 3 == 2) == (split == "held-out")]


def _contains(haystack: str, needles: list[str]) -> bool:
    """True when any needle occurs in the haystack, ignoring case and runs of white space."""
    flat = " ".join(haystack.lower().split())
    return any(" ".join(n.lower().split()) in flat for n in needles)


def _speaker_named(case: AnswerCase, answer: Answer) -> bool | None:
    """Whether the answer gives one of the case's speakers: in its attributions, else in its first quote."""
    if not case.speaker:
        return None
    if answer.abstained:
        return False
    given = [a.speaker for a in answer.attributions] or [c.quote for c in answer.citations[:1]]
    return any(_contains(text, case.speaker) for text in given)


def judge(case: AnswerCase, answer: Answer, seconds: float) -> CaseResult:
    """Score one answer against its case."""
    shown = answer.text + "\n" + "\n".join(c.quote for c in answer.citations)
    cited = [f"{c.article_id} {c.title}".lower() for c in answer.citations]
    return CaseResult(
        case=case,
        abstained=answer.abstained,
        fact_found=not answer.abstained and bool(case.expect) and _contains(shown, case.expect),
        article_cited=bool(case.article) and any(case.article.lower() in c for c in cited),
        contested_shown=answer.contested,
        speaker_named=_speaker_named(case, answer),
        method=answer.method,
        evidence=answer.evidence,
        answerability=answer.answerability,
        seconds=seconds,
        answer=answer.text,
    )


def _share(values: list[bool]) -> float:
    return sum(values) / len(values) if values else 0.0


def figures(results: list[CaseResult]) -> Figures:
    """Shares over a group of results."""
    answerable = [r for r in results if r.case.answerable]
    outside = [r for r in results if not r.case.answerable]
    contested = [r for r in answerable if r.case.contested]
    attributed = [r for r in answerable if r.speaker_named is not None]
    return Figures(
        cases=len(results),
        fact=_share([r.fact_found for r in answerable]),
        article=_share([r.article_cited for r in answerable]),
        abstained=_share([r.abstained for r in answerable]),
        contested=_share([r.contested_shown for r in contested]) if contested else None,
        speaker=_share([bool(r.speaker_named) for r in attributed]) if attributed else None,
        answered_out_of_corpus=_share([not r.abstained for r in outside]) if outside else None,
    )


def evaluate_answers(ask: Callable[[str], Answer], cases: list[AnswerCase]) -> AnswerEvaluation:
    """Ask every question and judge the answers."""
    results: list[CaseResult] = []
    for case in cases:
        started = time.perf_counter()
        answer = ask(case.question)
        results.append(judge(case, answer, time.perf_counter() - started))
    kinds = sorted({r.case.kind for r in results})
    languages = sorted({r.case.language for r in results})
    return AnswerEvaluation(
        overall=figures(results),
        by_kind={k: figures([r for r in results if r.case.kind == k]) for k in kinds},
        by_language={lang: figures([r for r in results if r.case.language == lang]) for lang in languages},
        median_seconds=statistics.median(r.seconds for r in results) if results else 0.0,
        results=results,
    )


def threshold_sweep(results: list[CaseResult], thresholds: list[float]) -> list[tuple[float, float, float]]:
    """For each answerability threshold: (threshold, answered out-of-corpus share, abstained answerable share)."""
    answerable = [r.answerability for r in results if r.case.answerable]
    outside = [r.answerability for r in results if not r.case.answerable]
    return [(t, _share([e >= t for e in outside]), _share([e < t for e in answerable])) for t in thresholds]
