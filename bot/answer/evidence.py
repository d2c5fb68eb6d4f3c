"""Evidence: the sentences of retrieved passages, scored against the question by meaning and by shared words."""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Sequence

import numpy as np
from pydantic import BaseModel, ConfigDict

from bot.answer.answer_types import answer_type_match
from index.keywords import document_terms, query_names, query_term_groups
from index.news_index import NewsIndex
from index.records import Passage
from index.sentences import split_sentences

# How much holding the question's names and numbers adds to a sentence's similarity. Only names and numbers
# count: other words only match sentences in the question's own language, which would favour them.
OVERLAP_WEIGHT = 0.12
# How much a sentence's passage rank adds (the first passage gets all of it, the k-th 1/k).
RANK_WEIGHT = 0.01
# How much holding the kind of answer asked for (a number for "how many", a date for "when") adds.
ANSWER_TYPE_WEIGHT = 0.03
_MIN_SENTENCE_CHARS = 12


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
    score: float = 0.0  # centred + weighted overlap, answer type and rank: what sentences are ranked by
    vector: np.ndarray | None = None


class TermWeights:
    """Inverse document frequencies of a question's names and numbers over the indexed chunks."""

    def __init__(self, index: NewsIndex, question: str) -> None:
        self.groups = query_term_groups(" ".join(query_names(question)))
        terms = sorted({t for g in self.groups for t in g})
        frequencies = index.db.document_frequencies(terms)
        total = max(index.db.counts()["chunks"], 1)
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
    """Scores the sentences of passages against a question; sentence vectors are cached by text."""

    def __init__(self, index: NewsIndex, cache_size: int = 20_000) -> None:
        self._index = index
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_size = cache_size

    def vectors(self, texts: Sequence[str]) -> np.ndarray:
        """Passage-side vectors of texts, embedding only those not cached."""
        missing = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if missing:
            for text, vector in zip(missing, self._index.embedder.embed_documents(missing), strict=True):
                self._cache[text] = vector
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        for text in texts:
            self._cache.move_to_end(text)
        return np.stack([self._cache[t] for t in texts])

    def sentences(
        self, question: str, question_vector: np.ndarray, passages: Sequence[Passage]
    ) -> list[Sentence]:
        """Every distinct sentence of the passages, best first."""
        found: dict[tuple[str, int, int], Sentence] = {}
        for rank, passage in enumerate(passages, start=1):
            for span in split_sentences(passage.text, passage.language):
                start, end = passage.start + span.start, passage.start + span.end
                text = passage.text[span.start : span.end]
                key = (passage.article_id, start, end)
                if len(text) >= _MIN_SENTENCE_CHARS and key not in found:
                    found[key] = Sentence(passage=passage, rank=rank, start=start, end=end, text=text)
        if not found:
            return []
        candidates = list(found.values())
        # Each sentence is embedded under its article's title, so that it keeps its topic ("Hij noemde ...").
        vectors = self.vectors([f"{s.passage.title}\n{s.text}" for s in candidates])
        weights = TermWeights(self._index, question)
        centres = self._index.vectors()
        for sentence, vector in zip(candidates, vectors, strict=True):
            sentence.vector = vector
            sentence.dense = float(vector @ question_vector)
            sentence.centred = sentence.dense - float(
                centres.centre(sentence.passage.language) @ question_vector
            )
            sentence.overlap = weights.overlap(sentence.text, sentence.passage.language)
            sentence.score = (
                sentence.centred
                + OVERLAP_WEIGHT * sentence.overlap
                + ANSWER_TYPE_WEIGHT * answer_type_match(question, sentence.text)
                + RANK_WEIGHT / sentence.rank
            )
        return sorted(candidates, key=lambda s: s.score, reverse=True)
