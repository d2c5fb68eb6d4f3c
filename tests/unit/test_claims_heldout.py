"""The held-out claims set (tests/data/claims-heldout.yaml): its size and shape, and regression floors.

The set is held out: annotated by reading only, committed before the extractor was first run on it, and
never tuned on. The floors below are regression floors from that first held-out measurement, set a little
below it; they are not targets, and the extractor must not be changed to raise the figures on this set.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from index.claims.evaluation import AnnotatedText, ClaimEvaluation, evaluate_claims, load_annotations
from index.sentences import split_sentences

HELDOUT = Path(__file__).resolve().parents[1] / "data" / "claims-heldout.yaml"
TUNING = Path(__file__).resolve().parents[1] / "data" / "claims-annotated.yaml"

# Regression floors from the held-out measurement (not targets). First measurement, extractor as of commit
# fdd3b78: all 135 annotated / 87 extracted — found P 0.977 R 0.630, speaker P 0.874 R 0.563, stance
# P 0.897 R 0.578; English 81 / 52 — found P 0.981 R 0.630, speaker P 0.904 R 0.580, stance P 0.904
# R 0.580; Dutch 54 / 35 — found P 0.971 R 0.630, speaker P 0.829 R 0.537, stance P 0.886 R 0.574.
# Each floor is about one to two claims below the measured figure.
FLOORS: dict[str, dict[str, tuple[float, float]]] = {  # language ("all") → aspect → (precision, recall)
    "all": {"found": (0.95, 0.60), "speaker": (0.84, 0.53), "stance": (0.86, 0.55)},
    "en": {"found": (0.95, 0.60), "speaker": (0.87, 0.55), "stance": (0.87, 0.55)},
    "nl": {"found": (0.94, 0.60), "speaker": (0.80, 0.50), "stance": (0.85, 0.54)},
}


@cache
def _texts() -> tuple[AnnotatedText, ...]:
    return tuple(load_annotations(HELDOUT))


@cache
def _evaluation(language: str) -> ClaimEvaluation:
    return evaluate_claims([t for t in _texts() if language in ("all", t.language)])


def _sentences(language: str) -> int:
    return sum(len(split_sentences(t.text, t.language)) for t in _texts() if t.language == language)


def test_heldout_set_is_large_enough_and_bilingual() -> None:
    english, dutch = _sentences("en"), _sentences("nl")
    assert english + dutch >= 150
    assert english >= 100
    assert dutch >= 50
    assert sum(len(t.claims) for t in _texts() if t.language == "en") >= 60
    assert sum(len(t.claims) for t in _texts() if t.language == "nl") >= 40


def test_heldout_annotations_are_exact_substrings() -> None:
    for text in _texts():
        for claim in text.claims:
            assert claim.speaker in text.text, (text.source, claim.speaker)
            assert claim.content in text.text, (text.source, claim.content)


def test_heldout_sources_are_not_in_the_tuning_set() -> None:
    tuning = {t.source.removeprefix("translated ") for t in load_annotations(TUNING)}
    heldout = [t.source.removeprefix("translated ") for t in _texts()]
    assert len(set(heldout)) == len(heldout)
    assert not tuning & set(heldout)


@pytest.mark.parametrize("language", ["all", "en", "nl"])
def test_heldout_figures_stay_above_regression_floors(language: str) -> None:
    result = _evaluation(language)
    for aspect, (precision, recall) in FLOORS[language].items():
        shares = getattr(result, aspect)
        assert shares.precision >= precision, (language, aspect, shares)
        assert shares.recall >= recall, (language, aspect, shares)
