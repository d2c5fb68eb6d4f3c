"""The building blocks the language lexicons are written with: word lists and cue verb readings."""

from __future__ import annotations

from typing import NamedTuple

from index.records import Stance

# In a cue row, a form marked with "*" is one a question uses too ("who denied", "wie beweerde"):
# question reading takes it, with the row's stance, from here (see index.claims.stances).
ASKED_MARK = "*"


class Verb(NamedTuple):
    """One reading of a cue verb form: its stance, how its complement is found, and its particle."""

    stance: Stance
    # say (dat/that, colon or quote) | object (say, else the object: "announced the death of …") | call
    # ('called it "…"', 'called for …') | describe ('described X as Y') | prep (what follows the particle: "warned of …") | deny (also an
    # object) | accuse (object + of) | speak_of
    frame: str
    particle: str = (
        ""  # the separable part that must follow ("weten", "toe", "naar buiten"); for prep, the preposition
    )
    takes_object: bool = False


SAY = Verb("statement", "say")

# Cue rows: forms written as one space-separated string, with the reading they all share.
CueRow = tuple[str, Verb]
# Stance rows: forms with the stance they report ("ontkend" -> denial).
StanceRow = tuple[str, Stance]


def words(*texts: str) -> frozenset[str]:
    """A word list written as space-separated strings (asked marks dropped)."""
    return frozenset(form for text in texts for form in _forms(text))


def cue_table(rows: list[CueRow]) -> dict[str, tuple[Verb, ...]]:
    """Index verb readings by form; readings with a particle are tried first."""
    table: dict[str, list[Verb]] = {}
    for forms, verb in rows:
        for form in _forms(forms):
            table.setdefault(form, []).append(verb)
    return {form: tuple(sorted(verbs, key=lambda v: not v.particle)) for form, verbs in table.items()}


def stance_table(rows: list[StanceRow]) -> dict[str, Stance]:
    """Index the stances of participles by form."""
    return {form: stance for forms, stance in rows for form in _forms(forms)}


def asked_forms(rows: list[StanceRow]) -> dict[str, Stance]:
    """The forms marked as used by questions, with the stance of their row."""
    return {
        word.removesuffix(ASKED_MARK): stance
        for forms, stance in rows
        for word in forms.split()
        if word.endswith(ASKED_MARK)
    }


def _forms(text: str) -> list[str]:
    """The forms of a row in the order written, asked marks dropped."""
    return [word.removesuffix(ASKED_MARK) for word in text.split()]
