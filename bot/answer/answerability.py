"""Whether the best evidence answers *this* question: a small logistic model over four features.

Relevance alone cannot tell a near-topic question the articles don't answer (same people and places, a
fact that is not there) from one they do: both find close sentences. What differs is how much the best
sentence stands out from the other sentences about the topic (contrast), whether it holds the question's
names, and whether it holds the kind of answer asked for. The model was fitted on the XQuAD dev tuning split
(articles 1-12; English and Dutch questions): each question with its paragraph in the index (answerable)
and with its paragraph hidden, the rest of its Wikipedia article left (near-topic, unanswerable).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from pydantic import BaseModel

from bot.answer.evidence import Sentence

_RUNNERS_UP = 5  # sentences the best one is compared with


class AnswerFeatures(BaseModel):
    """What the answer decision looks at."""

    relevance: float  # the closest sentence's cosine above that of everyday news text in its language
    contrast: float  # how far the best sentence's score stands above the next few
    overlap: float  # share of the question's (IDF-weighted) names and numbers the best sentence holds
    answer_type: float  # 1.0 when the question wants a number or date and the best sentence has one


class AnswerabilityModel(BaseModel):
    """A logistic regression over standardised features (fitted on the tuning split, see the module)."""

    means: tuple[float, float, float, float] = (0.1166, 0.0361, 0.4083, 0.1887)
    scales: tuple[float, float, float, float] = (0.0264, 0.0247, 0.4499, 0.3913)
    weights: tuple[float, float, float, float] = (0.8471, 1.2331, 0.2148, 0.1345)
    bias: float = 0.0547

    def probability(self, features: AnswerFeatures) -> float:
        """The probability that the evidence answers the question."""
        values = (features.relevance, features.contrast, features.overlap, features.answer_type)
        z = self.bias + sum(
            w * (v - m) / s for v, m, s, w in zip(values, self.means, self.scales, self.weights, strict=True)
        )
        return 1.0 / (1.0 + math.exp(-z))


def answer_features(ranked: Sequence[Sentence], backgrounds: dict[str, float]) -> AnswerFeatures:
    """The features of sentences ranked best first; `backgrounds` holds the question's cosine to each
    language's everyday news text."""
    best = ranked[0]
    relevance = max(s.dense - backgrounds[s.passage.language] for s in ranked)
    rest = [s.centred for s in ranked[1 : 1 + _RUNNERS_UP]]
    contrast = best.centred - (sum(rest) / len(rest) if rest else 0.0)
    return AnswerFeatures(
        relevance=relevance, contrast=contrast, overlap=best.overlap, answer_type=best.answer_type
    )
