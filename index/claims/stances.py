"""The stances shared by extractor, questions and answers, by strength, and the verbs that ask for them."""

from __future__ import annotations

from index.claims.lexicon import ASKED_CUES
from index.claims.lexicon.base import words
from index.records import Stance

# Every stance, strongest first: a question naming several speech verbs asks for the strongest.
STANCES_BY_STRENGTH: tuple[Stance, ...] = (
    "denial",
    "accusation",
    "claim",
    "admission",
    "warning",
    "announcement",
    "statement",
)

# Forms only questions use: infinitives, gerunds and particles ("who is claiming", "wie gaf toe",
# "liet weten"). "stellen stelt stelde" ask for a claim although the extractor reads "stelt" as a statement.
_QUESTION_ONLY: dict[Stance, str] = {
    "claim": "claiming assert asserted insist beweren claimen stellen stelt stelde",
    "denial": "denying reject refuted ontkennen weerlegde",
    "accusation": "accusing blame",
    "announcement": "announce aankondigen bekend",
    "warning": "warn waarschuwen",
    "admission": "admit erkennen toe",
    "statement": "saying tell state report verklaren weten",
}

# The words a question uses to ask for a stance ("who claimed", "wie ontkende", "what did X say"):
# the cue forms marked in the lexicon with their stance there, and the forms only questions use.
QUESTION_VERBS: dict[str, Stance] = {
    **ASKED_CUES,
    **{form: stance for stance, forms in _QUESTION_ONLY.items() for form in words(forms)},
}
