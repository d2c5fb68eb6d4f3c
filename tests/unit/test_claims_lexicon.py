"""The claim extractor's lexicon: the Dutch and English lists combine into the tables the rules always had."""

from __future__ import annotations

import pytest

from index.claims import lexicon
from index.claims.lexicon import en, nl
from index.claims.lexicon.base import words

# The sizes of the combined tables when the lexicon was one list per table, Dutch and English mixed.
SIZES = {
    "VERBS": 277,
    "ZERO_THAT": 42,
    "TRAILING": 31,
    "INVERTED_TRAILING": 5,
    "PARTICIPLES": 28,
    "PERFECT_AUX": 4,
    "PASSIVE": 22,
    "PASSIVE_AUX": 11,
    "AGENT": 2,
    "COMPLEMENTIZERS": 2,
    "ACCUSE_LINKS": 6,
    "PERSON_NOUNS": 178,
    "GROUP_NOUNS": 80,
    "ORG_NOUNS": 92,
    "PLACE_NOUNS": 12,
    "COMPOUND_HEADS": 30,
    "NOT_COMPOUNDS": 4,
    "DETERMINERS": 27,
    "ARTICLES": 6,
    "PRONOUNS": 13,
    "PARTICLES": 18,
    "CAP_PARTICLES": 6,
    "STOP": 295,
    "ADVERBS": 83,
    "PREPOSITIONS": 26,
    "PRE_CUE": 86,
    "CONJUNCTIONS": 8,
    "SUBORDINATORS": 12,
    "FRONT_STARTERS": 114,
    "TIME_NOUNS": 9,
    "TAIL_STARTERS": 110,
    "DEMONSTRATIVES": 10,
    "ACCUSATION_WORDS": 8,
    "ORG_WORDS": 162,
    "TRIM_WORDS": 12,
}


@pytest.mark.parametrize(("name", "size"), SIZES.items())
def test_combined_table_sizes(name: str, size: int) -> None:
    assert len(getattr(lexicon, name)) == size


def test_cue_readings() -> None:
    assert sum(len(readings) for readings in lexicon.VERBS.values()) == 307
    # Readings with a particle come first, in the order the rows are written.
    assert [v.particle for v in lexicon.VERBS["wees"]] == ["erop", "af", "van de hand"]
    assert [(v.stance, v.particle) for v in lexicon.VERBS["stelde"]] == [
        ("statement", "vast"),
        ("statement", ""),
    ]
    assert [(v.stance, v.frame) for v in lexicon.VERBS["sprak"]] == [
        ("denial", "deny"),
        ("statement", "speak_of"),
    ]


def test_no_cue_form_is_both_dutch_and_english() -> None:
    dutch = {form for forms, _ in nl.CUES for form in words(forms)}
    english = {form for forms, _ in en.CUES for form in words(forms)}
    assert dutch and english and not dutch & english


def test_asked_cue_forms_keep_the_stance_of_every_reading() -> None:
    assert len(lexicon.ASKED_CUES) == 60
    for form, stance in lexicon.ASKED_CUES.items():
        readings = {v.stance for v in lexicon.VERBS.get(form, ())}
        readings |= {lexicon.PARTICIPLES[form]} if form in lexicon.PARTICIPLES else set()
        readings |= {lexicon.PASSIVE[form]} if form in lexicon.PASSIVE else set()
        assert readings == {stance}, form
