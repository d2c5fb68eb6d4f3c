"""Retrieval evaluation on SQuAD-format sets (XQuAD): Recall@1, Recall@5 and MRR@10 of paragraph retrieval."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any, Literal

import numpy as np
from pydantic import BaseModel

from index.chunking import ChunkingConfig
from index.embedding.base import Embedder
from index.errors import ParseError
from index.news_index import NewsIndex
from index.records import SearchMode
from index.retrieve import RetrievalConfig

# What the evaluation compares: each side alone, and both fused each way.
EvalMode = Literal["dense", "keyword", "hybrid-convex", "hybrid-rrf"]
EVAL_MODES: tuple[EvalMode, ...] = ("dense", "keyword", "hybrid-convex", "hybrid-rrf")

_PARAGRAPH_ID = "xquad-{article}-{paragraph}"


class EvalQuestion(BaseModel):
    """A question and the id of the paragraph that answers it."""

    id: str
    question: str
    paragraph_id: str


class ModeScores(BaseModel):
    """Scores of one retrieval mode."""

    mode: EvalMode
    questions: int
    recall_at_1: float
    recall_at_5: float
    mrr_at_10: float


class RetrievalEvaluation(BaseModel):
    """The result of an evaluation run."""

    paragraphs: int
    distractor_chunks: int
    chunks: int
    ingest_seconds: float
    modes: list[ModeScores]


def _load_squad(path: Path) -> list[dict[str, Any]]:
    """The `data` list of a SQuAD-format file."""
    try:
        return list(json.loads(path.read_text(encoding="utf-8"))["data"])
    except (OSError, ValueError, KeyError) as exc:
        raise ParseError(f"{path} is not a SQuAD-format JSON file: {exc}") from exc


def load_paragraphs(path: Path) -> tuple[list[dict[str, str]], dict[str, str]]:
    """Paragraphs as article records, and question id -> paragraph id."""
    records: list[dict[str, str]] = []
    owner: dict[str, str] = {}
    for a, article in enumerate(_load_squad(path)):
        for p, paragraph in enumerate(article["paragraphs"]):
            pid = _PARAGRAPH_ID.format(article=a, paragraph=p)
            # No title: XQuAD titles are English Wikipedia names and would leak the question's language.
            records.append({"id": pid, "text": paragraph["context"], "source": "xquad"})
            owner.update({qa["id"]: pid for qa in paragraph["qas"]})
    return records, owner


def load_questions(path: Path, owner: dict[str, str]) -> list[EvalQuestion]:
    """Questions of a SQuAD file whose ids have a paragraph in `owner`."""
    return [
        EvalQuestion(id=qa["id"], question=qa["question"], paragraph_id=owner[qa["id"]])
        for article in _load_squad(path)
        for paragraph in article["paragraphs"]
        for qa in paragraph["qas"]
        if qa["id"] in owner
    ]


def evaluate_retrieval(
    embedder: Embedder,
    questions_file: Path,
    passages_file: Path,
    distractors: list[Path] | None = None,
    modes: tuple[EvalMode, ...] = EVAL_MODES,
    chunking: ChunkingConfig | None = None,
    retrieval: RetrievalConfig | None = None,
    limit: int | None = None,
) -> RetrievalEvaluation:
    """Index the passages (and distractors) in a temporary index and score every mode on the questions."""
    records, owner = load_paragraphs(passages_file)
    questions = load_questions(questions_file, owner)[:limit]
    with tempfile.TemporaryDirectory(prefix="newsdesk-eval-") as tmp:
        corpus = Path(tmp) / "paragraphs.jsonl"
        corpus.write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
        )
        index = NewsIndex(Path(tmp) / "index", embedder, chunking, retrieval)
        try:
            report = index.ingest([corpus, *(distractors or [])])
            paragraph_chunks = sum(len(index.db.chunk_ids_of(r["id"])) for r in records)
            vectors = embedder.embed_queries([q.question for q in questions])
            scores = [_score_mode(index, questions, vectors, mode) for mode in modes]
            total_chunks = index.db.counts()["chunks"]
        finally:
            index.close()
    return RetrievalEvaluation(
        paragraphs=len(records),
        distractor_chunks=total_chunks - paragraph_chunks,
        chunks=total_chunks,
        ingest_seconds=report.seconds,
        modes=scores,
    )


def _score_mode(
    index: NewsIndex, questions: list[EvalQuestion], vectors: np.ndarray, mode: EvalMode
) -> ModeScores:
    """Recall@1, Recall@5 and MRR@10 of one mode (the query vectors are given)."""
    search_mode: SearchMode = "hybrid" if mode.startswith("hybrid") else mode  # type: ignore[assignment]
    if search_mode == "hybrid":
        index.retriever.config = index.retriever.config.model_copy(
            update={"fusion": mode.removeprefix("hybrid-")}
        )
    hits1 = hits5 = 0
    reciprocal = 0.0
    for question, vector in zip(questions, vectors, strict=True):
        passages = index.search(question.question, k=40, mode=search_mode, query_vector=vector)
        ranking = list(dict.fromkeys(p.article_id for p in passages))
        rank = ranking.index(question.paragraph_id) + 1 if question.paragraph_id in ranking else None
        hits1 += rank == 1
        hits5 += rank is not None and rank <= 5
        reciprocal += 1 / rank if rank is not None and rank <= 10 else 0.0
    n = len(questions)
    return ModeScores(
        mode=mode,
        questions=n,
        recall_at_1=hits1 / n,
        recall_at_5=hits5 / n,
        mrr_at_10=reciprocal / n,
    )
