"""Retrieval evaluation on SQuAD-format sets (XQuAD): Recall@1, Recall@5 and MRR@10 of paragraph retrieval.

The XQuAD dev split's 24 articles are cut in two: the first 12 are the tuning split (weights and thresholds
may be chosen on them), the last 12 the held-out split (reported, never tuned on).
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel

from index.chunking import ChunkingConfig
from index.embedding.base import Embedder
from index.errors import ParseError
from index.news_index import NewsIndex
from index.records import SearchMode
from index.retrieve import Fusion, RetrievalConfig

# What the evaluation compares: each side alone, the configured default, and both fusions.
EvalMode = Literal["dense", "keyword", "hybrid", "hybrid-convex", "hybrid-rrf"]
EVAL_MODES: tuple[EvalMode, ...] = ("dense", "keyword", "hybrid", "hybrid-convex", "hybrid-rrf")
Split = Literal["all", "tune", "held-out"]
TUNING_ARTICLES = 12  # XQuAD articles 0-11 are the tuning split, the rest held out

_PARAGRAPH_ID = "xquad-{article}-{paragraph}"


class EvalQuestion(BaseModel):
    """A question, the id of the paragraph that answers it, and the gold answer in the paragraph's language."""

    id: str
    question: str
    paragraph_id: str
    answer: str = ""
    article: int = 0  # index of its XQuAD article (for the split)


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
    split: Split = "all"
    modes: list[ModeScores]


def _load_squad(path: Path) -> list[dict[str, Any]]:
    """The `data` list of a SQuAD-format file."""
    try:
        return list(json.loads(path.read_text(encoding="utf-8"))["data"])
    except (OSError, ValueError, KeyError) as exc:
        raise ParseError(f"{path} is not a SQuAD-format JSON file: {exc}") from exc


def load_paragraphs(path: Path) -> tuple[list[dict[str, str]], dict[str, EvalQuestion]]:
    """Paragraphs as article records, and question id -> its paragraph, gold answer and article."""
    records: list[dict[str, str]] = []
    owner: dict[str, EvalQuestion] = {}
    for a, article in enumerate(_load_squad(path)):
        for p, paragraph in enumerate(article["paragraphs"]):
            pid = _PARAGRAPH_ID.format(article=a, paragraph=p)
            # No title: XQuAD titles are English Wikipedia names and would leak the question's language.
            records.append({"id": pid, "text": paragraph["context"], "source": "xquad"})
            for qa in paragraph["qas"]:
                answer = qa["answers"][0]["text"] if qa.get("answers") else ""
                owner[qa["id"]] = EvalQuestion(
                    id=qa["id"], question="", paragraph_id=pid, answer=answer, article=a
                )
    return records, owner


def load_questions(path: Path, owner: dict[str, EvalQuestion], split: Split = "all") -> list[EvalQuestion]:
    """Questions of a SQuAD file whose ids have a paragraph in `owner`, from the chosen split."""
    found: list[EvalQuestion] = []
    for article in _load_squad(path):
        for paragraph in article["paragraphs"]:
            for qa in paragraph["qas"]:
                known = owner.get(qa["id"])
                if known is None or not _in_split(known.article, split):
                    continue
                found.append(known.model_copy(update={"question": qa["question"]}))
    return found


def _in_split(article: int, split: Split) -> bool:
    """Whether an XQuAD article belongs to the split."""
    return split == "all" or (split == "tune") == (article < TUNING_ARTICLES)


@contextmanager
def evaluation_index(
    embedder: Embedder,
    passages_file: Path,
    distractors: Sequence[Path] = (),
    chunking: ChunkingConfig | None = None,
    retrieval: RetrievalConfig | None = None,
    folder: Path | None = None,
) -> Iterator[tuple[NewsIndex, float]]:
    """An index of the paragraphs and distractors (kept in `folder` if given, so a second run ingests nothing)
    and the seconds its ingest took."""
    records, _ = load_paragraphs(passages_file)
    with tempfile.TemporaryDirectory(prefix="newsdesk-eval-") as tmp:
        home = folder or Path(tmp)
        home.mkdir(parents=True, exist_ok=True)
        corpus = home / "paragraphs.jsonl"
        corpus.write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
        )
        index = NewsIndex(home / "index", embedder, chunking, retrieval)
        try:
            report = index.ingest([corpus, *distractors])
            if report.failures:
                raise ParseError(f"the evaluation corpus did not ingest: {report.failures[0].reason}")
            yield index, report.seconds
        finally:
            index.close()


def evaluate_retrieval(
    index: NewsIndex,
    questions: list[EvalQuestion],
    paragraphs: int,
    modes: Sequence[EvalMode] = EVAL_MODES,
    ingest_seconds: float = 0.0,
    split: Split = "all",
) -> RetrievalEvaluation:
    """Score every mode on the questions against an evaluation index."""
    vectors = index.embedder.embed_queries([q.question for q in questions])
    scores = [_score_mode(index, questions, vectors, mode) for mode in modes]
    total_chunks = index.db.counts()["chunks"]
    paragraph_chunks = len(_paragraph_chunk_ids(index))
    return RetrievalEvaluation(
        paragraphs=paragraphs,
        distractor_chunks=total_chunks - paragraph_chunks,
        chunks=total_chunks,
        ingest_seconds=ingest_seconds,
        split=split,
        modes=scores,
    )


def _paragraph_chunk_ids(index: NewsIndex) -> set[int]:
    """Chunk ids of the XQuAD paragraphs (their article ids start with 'xquad-')."""
    return {chunk_id for chunk_id, article_id in index.db.chunk_articles() if article_id.startswith("xquad-")}


def paragraph_rank(passages: Sequence[Any], paragraph_id: str) -> int | None:
    """1-based rank of a paragraph among the distinct articles of ranked passages, or None."""
    ranking = list(dict.fromkeys(p.article_id for p in passages))
    return ranking.index(paragraph_id) + 1 if paragraph_id in ranking else None


def _score_mode(index: NewsIndex, questions: list[EvalQuestion], vectors: Any, mode: EvalMode) -> ModeScores:
    """Recall@1, Recall@5 and MRR@10 of one mode (the query vectors are given)."""
    search_mode: SearchMode = "hybrid" if mode.startswith("hybrid") else mode  # type: ignore[assignment]
    default = index.retriever.config
    if mode.startswith("hybrid-"):
        fusion: Fusion = mode.removeprefix("hybrid-")  # type: ignore[assignment]
        index.retriever.config = default.model_copy(update={"fusion": fusion})
    hits1 = hits5 = 0
    reciprocal = 0.0
    try:
        for question, vector in zip(questions, vectors, strict=True):
            passages = index.search(question.question, k=40, mode=search_mode, query_vector=vector)
            rank = paragraph_rank(passages, question.paragraph_id)
            hits1 += rank == 1
            hits5 += rank is not None and rank <= 5
            reciprocal += 1 / rank if rank is not None and rank <= 10 else 0.0
    finally:
        index.retriever.config = default
    n = max(len(questions), 1)
    return ModeScores(
        mode=mode,
        questions=len(questions),
        recall_at_1=hits1 / n,
        recall_at_5=hits5 / n,
        mrr_at_10=reciprocal / n,
    )
