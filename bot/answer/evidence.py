"""Evidence: the sentences of retrieved passages, scored against the question by meaning and by shared words."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from pydantic import BaseModel, ConfigDict

from bot.answer.answer_types import answer_type_match
from bot.answer.corpus import Corpus
from index.keywords import document_terms, query_names, query_term_groups
from index.records import Passage

# What a sentence's score adds to its centred similarity, tuned on the XQuAD dev tuning split (articles 1-12,
# English and Dutch questions): for holding the kind of answer asked for (a number for "how many", a date for
# "when"), for its passage's retrieval score (min-max normalised over the passages), and for its passage's
# rank (the first gets all of it, the k-th 1/k). Holding the question's names and numbers added nothing there
# (weights up to 0.2 tried); it still counts in deciding whether to answer (answerability.py).
ANSWER_TYPE_WEIGHT = 0.03
PASSAGE_WEIGHT = 0.05
RANK_WEIGHT = 0.03


class Sentence(BaseModel):
    """One sentence of a retrieved passage, with its scores."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    passage: Passage
    rank: int  # 1-based rank of its passage
    start: int  # character offsets in the article
    end: int
    text: str
    dense: float = 0.0  # cosine similarity of the question to the sentence (with its article's title)
    centred: float = 0.0  # the same, less the question's similarity to the centre of the sentence's language
    overlap: float = 0.0  # share of the question's word weight found in the sentence
    answer_type: float = 0.0  # 1.0 when the question wants a number or date and the sentence has one
    score: float = 0.0  # centred + weighted answer type, passage score and rank: what sentences are ranked by
    vector: np.ndarray | None = None


class TermWeights:
    """Inverse document frequencies of a question's names and numbers over the indexed passages."""

    def __init__(self, corpus: Corpus, question: str) -> None:
        self.groups = query_term_groups(" ".join(query_names(question)))
        statistics = corpus.term_statistics(sorted({t for g in self.groups for t in g}))
        frequencies, total = statistics.frequencies, max(statistics.passages, 1)
        self.weights = [
            max((_idf(frequencies[t], total) for t in group if t in frequencies), default=0.0)
            for group in self.groups
        ]

    def overlap(self, text: str, language: str) -> float:
        """Share of the question's word weight present in `text` (0 when no question word is in the corpus)."""
        total = sum(self.weights)
        if total == 0:
            return 0.0
        present = set(document_terms(text, language).split())
        found = sum(
            w for group, w in zip(self.groups, self.weights, strict=True) if present.intersection(group)
        )
        return found / total


def _idf(frequency: int, total: int) -> float:
    """BM25's inverse document frequency, always positive."""
    return math.log((total - frequency + 0.5) / (frequency + 0.5) + 1.0)


class EvidenceScorer:
    """Scores the sentences of passages against a question by meaning, shared names, answer type and rank."""

    def __init__(self, corpus: Corpus) -> None:
        self._corpus = corpus

    def sentences(
        self, question: str, question_vector: np.ndarray, passages: Sequence[Passage]
    ) -> list[Sentence]:
        """Every distinct sentence of the passages, best first."""
        found = self._corpus.sentences(passages)
        if not found:
            return []
        weights = TermWeights(self._corpus, question)
        centres: dict[str, float] = {}
        retrieval = {p.chunk_id: p.score for p in passages}
        low, high = min(retrieval.values()), max(retrieval.values())
        scored: list[Sentence] = []
        for item in found:
            language = item.passage.language
            if language not in centres:
                centres[language] = float(self._corpus.centre(language) @ question_vector)
            sentence = Sentence(
                passage=item.passage,
                rank=item.rank,
                start=item.start,
                end=item.end,
                text=item.text,
                vector=item.vector,
            )
            sentence.dense = float(item.vector @ question_vector)
            sentence.centred = sentence.dense - centres[language]
            sentence.overlap = weights.overlap(sentence.text, language)
            sentence.answer_type = answer_type_match(question, sentence.text)
            passage_score = (item.passage.score - low) / (high - low) if high > low else 1.0
            sentence.score = (
                sentence.centred
                + ANSWER_TYPE_WEIGHT * sentence.answer_type
                + PASSAGE_WEIGHT * passage_score
                + RANK_WEIGHT / sentence.rank
            )
            scored.append(sentence)
        return sorted(scored, key=lambda s: s.score, reverse=True)
