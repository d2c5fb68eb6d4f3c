"""What kind of answer a question wants (a number, a date), and whether a sentence holds one."""

from __future__ import annotations

import re

_WANTS_NUMBER = re.compile(
    r"\b(how (many|much|fast|far|long|old)|hoeveel|hoe (snel|ver|dicht|lang|oud)|number of|aantal)\b",
    re.IGNORECASE,
)
_WANTS_DATE = re.compile(
    r"\b(when|wanneer|what (day|date|year)|which (day|year)|welke dag|welk jaar)\b", re.IGNORECASE
)
_NUMBER = re.compile(r"\d")
_MONTHS_AND_DAYS = (
    "january february march april may june july august september october november december "
    "januari februari maart mei juni juli augustus oktober "
    "monday tuesday wednesday thursday friday saturday sunday "
    "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag yesterday today gisteren vandaag"
)
_DATE = re.compile(r"\d|\b(" + "|".join(_MONTHS_AND_DAYS.split()) + r")\b", re.IGNORECASE)


def answer_type_match(question: str, sentence: str) -> float:
    """1.0 when the question wants a number or a date and the sentence has one, else 0.0."""
    if _WANTS_NUMBER.search(question):
        return 1.0 if _NUMBER.search(sentence) else 0.0
    if _WANTS_DATE.search(question):
        return 1.0 if _DATE.search(sentence) else 0.0
    return 0.0
