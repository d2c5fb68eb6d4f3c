"""XQuAD answer sentences: does the answer's first quoted sentence hold the gold answer of the question?

The gold answer is `answers[0].text` of the passages' language (Dutch here). Machine translation left some
gold answers that are not in their paragraph at all; no quote can hold those, so they are counted apart.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from pydantic import BaseModel

from bot.records import Answer
from index.evaluation import EvalQuestion


class AnswerSentenceResult(BaseModel):
    """How the answerer did on one XQuAD question."""

    id: str
    question: str
    answer: str
    quote: str
    gold_in_paragraph: bool  # whether the gold answer occurs in its paragraph at all
    sentence_holds_gold: bool
    paragraph_cited_first: bool
    abstained: bool
    seconds: float


class AnswerSentenceEvaluation(BaseModel):
    """Shares over the questions, overall and over those whose gold answer is in the paragraph."""

    questions: int
    answerable_by_quote: int  # questions whose gold answer occurs in the paragraph
    accuracy: float  # first quoted sentence holds the gold answer, over all questions
    accuracy_answerable: float  # the same over the answerable-by-quote questions
    paragraph_cited_first: float
    abstained: float
    median_seconds: float
    results: list[AnswerSentenceResult]


def normalised(text: str) -> str:
    """Lower case with runs of white space as one space."""
    return " ".join(text.lower().split())


def evaluate_answer_sentences(
    ask: Callable[[str], Answer], questions: list[EvalQuestion], paragraphs: dict[str, str]
) -> AnswerSentenceEvaluation:
    """Ask every question and check the first quoted sentence against the gold answer."""
    results: list[AnswerSentenceResult] = []
    for question in questions:
        started = time.perf_counter()
        answer = ask(question.question)
        seconds = time.perf_counter() - started
        first = answer.citations[0] if answer.citations and not answer.abstained else None
        quote = first.quote if first else ""
        gold = normalised(question.answer)
        results.append(
            AnswerSentenceResult(
                id=question.id,
                question=question.question,
                answer=question.answer,
                quote=quote,
                gold_in_paragraph=bool(gold)
                and gold in normalised(paragraphs.get(question.paragraph_id, "")),
                sentence_holds_gold=bool(gold) and gold in normalised(quote),
                paragraph_cited_first=first is not None and first.article_id == question.paragraph_id,
                abstained=answer.abstained,
                seconds=seconds,
            )
        )
    answerable = [r for r in results if r.gold_in_paragraph]

    def share(items: list[AnswerSentenceResult], test: Callable[[AnswerSentenceResult], bool]) -> float:
        return sum(map(test, items)) / len(items) if items else 0.0

    return AnswerSentenceEvaluation(
        questions=len(results),
        answerable_by_quote=len(answerable),
        accuracy=share(results, lambda r: r.sentence_holds_gold),
        accuracy_answerable=share(answerable, lambda r: r.sentence_holds_gold),
        paragraph_cited_first=share(results, lambda r: r.paragraph_cited_first),
        abstained=share(results, lambda r: r.abstained),
        median_seconds=statistics.median(r.seconds for r in results) if results else 0.0,
        results=results,
    )
