"""The answer's own words in English and Dutch; quotes stay in the article's language."""

from __future__ import annotations

from bot.records import Language
from index.records import Stance

_PHRASES: dict[str, dict[Language, str]] = {
    "no_answer": {
        "en": "The articles don't say.",
        "nl": "Dat staat niet in de artikelen.",
    },
    "no_answer_period": {
        "en": "The articles {period} don't say.",
        "nl": "De artikelen {period} zeggen daar niets over.",
    },
    "related": {
        "en": "The closest passages are listed as related, not as an answer.",
        "nl": "De passages die er het dichtst bij komen staan hieronder, niet als antwoord.",
    },
    "quote": {
        "en": "“{quote}” [{n}]",
        "nl": "“{quote}” [{n}]",
    },
    "attributed": {
        "en": "{speaker} {verb} ({date}): “{content}” [{n}]",
        # A noun instead of a verb: Dutch verbs agree with the speaker ("de autoriteiten ontkenden").
        "nl": "{verb} {speaker} ({date}): “{content}” [{n}]",
    },
    "disputed": {
        "en": "This is disputed: {rest}",
        "nl": "Dit wordt betwist: {rest}",
    },
    "as_of": {
        "en": "(as of {date})",
        "nl": "(stand van {date})",
    },
    "undated": {"en": "undated", "nl": "zonder datum"},
    "period": {"en": "from {since} to {until}", "nl": "van {since} tot en met {until}"},
    "since": {"en": "since {since}", "nl": "sinds {since}"},
    "until": {"en": "up to {until}", "nl": "tot en met {until}"},
}

# How each stance is reported; every stance has a phrasing in both languages.
_VERBS: dict[Stance, dict[Language, str]] = {
    "statement": {"en": "said", "nl": "Volgens"},
    "claim": {"en": "claimed", "nl": "Bewering van"},
    "denial": {"en": "denied", "nl": "Ontkenning door"},
    "accusation": {"en": "accused", "nl": "Beschuldiging door"},
    "announcement": {"en": "announced", "nl": "Aankondiging van"},
    "warning": {"en": "warned", "nl": "Waarschuwing van"},
    "admission": {"en": "admitted", "nl": "Erkenning door"},
}


def phrase(key: str, language: Language, **values: object) -> str:
    """A template filled in the answer's language."""
    return _PHRASES[key][language].format(**values)


def verb(stance: Stance, language: Language) -> str:
    """How a stance is reported in the answer's language: a verb in English, a leading noun phrase in Dutch."""
    return _VERBS.get(stance, _VERBS["statement"])[language]
