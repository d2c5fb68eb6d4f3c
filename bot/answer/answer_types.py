"""What kind of answer a question wants (a number, a date), and whether a sentence holds one."""

from __future__ import annotations

import re

from index.dates import MONTHS, RELATIVE_DAYS, WEEKDAYS

_WANTS_NUMBER = re.compile(
    r"\b(how (many|much|fast|far|long|old)|hoeveel|hoe (snel|ver|dicht|lang|oud)|number of|aantal)\b",
    re.IGNORECASE,
)
_WANTS_DATE = re.compile(
    r"\b(when|wanneer|what (day|date|year)|which (day|year)|welke dag|welk jaar)\b", re.IGNORECASE
)
_NUMBER = re.compile(r"\d")
# Month names written out (not abbreviated), day names and relative days.
_DAY_WORDS = [*(m for m in MONTHS if len(m) > 3 or m in ("may", "mei", "mai")), *WEEKDAYS, *RELATIVE_DAYS]
_DATE = re.compile(r"\d|\b(" + "|".join(sorted(_DAY_WORDS, key=len, reverse=True)) + r")\b", re.IGNORECASE)


def answer_type_match(question: str, sentence: str) -> float:
    """1.0 when the question wants a number or a date and the sentence has one, else 0.0."""
    if _WANTS_NUMBER.search(question):
        return 1.0 if _NUMBER.search(sentence) else 0.0
    if _WANTS_DATE.search(question):
        return 1.0 if _DATE.search(sentence) else 0.0
    return 0.0
