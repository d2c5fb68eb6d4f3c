"""One stance vocabulary: the extractor's stances, the verbs questions ask with, and how answers phrase them."""

from __future__ import annotations

from typing import Literal, get_args

import pytest

from bot.answer import templates
from bot.answer.question import asked_stance
from index.claims import QUESTION_VERBS, STANCES_BY_STRENGTH
from index.claims.lexicon import ASKED_CUES, VERBS
from index.records import Stance


def test_every_stance_has_one_strength() -> None:
    assert sorted(STANCES_BY_STRENGTH) == sorted(get_args(Stance))
    assert len(set(STANCES_BY_STRENGTH)) == len(STANCES_BY_STRENGTH)


def test_every_stance_is_asked_for_by_some_question_verb() -> None:
    assert set(QUESTION_VERBS.values()) == set(STANCES_BY_STRENGTH)


def test_question_verbs_take_the_cue_forms_of_the_lexicon() -> None:
    for form, stance in ASKED_CUES.items():
        assert QUESTION_VERBS[form] == stance, form
    assert QUESTION_VERBS["ontkende"] == "denial" and QUESTION_VERBS["denied"] == "denial"
    # Forms only questions use: infinitives, gerunds and the particle of "gaf toe".
    for form in ("beweren", "claiming", "deny", "liet", "weten", "toe"):
        assert form in QUESTION_VERBS
    assert "claiming" not in VERBS and "beweren" not in VERBS


def test_question_only_forms_do_not_override_the_lexicon() -> None:
    only = set(QUESTION_VERBS) - set(ASKED_CUES)
    assert len(only) == len(QUESTION_VERBS) - len(ASKED_CUES) == 30


@pytest.mark.parametrize("language", ["en", "nl"])
def test_every_stance_has_its_own_phrasing_in_both_languages(language: Literal["en", "nl"]) -> None:
    phrasings = [templates.verb(stance, language) for stance in STANCES_BY_STRENGTH]
    assert all(phrasings) and len(set(phrasings)) == len(STANCES_BY_STRENGTH)


def test_asked_stance_follows_the_order_of_strength() -> None:
    assert asked_stance("Who said and then denied it?") == "denial"
    assert asked_stance("Wie zei en waarschuwde dat?") == "warning"
