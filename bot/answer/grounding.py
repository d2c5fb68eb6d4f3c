"""Grounding checks on a generated answer: every sentence must cite passages it was given and hold nothing else.

A sentence passes when it cites at least one given passage, and every name, number and date in it, and every
link and mention, appears in the passages it cites. Names may be spelt another way in another language
("Azerbaijan" for "Azerbeidzjan", "Yerevan" for "Jerevan"); numbers may group digits differently
("145,000" for "145.000"); dates may name the month or day in another language ("Saturday" for "zaterdag").
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

from pydantic import BaseModel

from bot.answer.exonyms import other_spellings
from index.dates import MONTHS, WEEKDAYS
from index.keywords import fold
from index.sentences import split_sentences
from index.stopwords import stop_words

MARKER = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\]")
_ONLY_MARKERS = re.compile(r"^(?:\s*\[\d+(?:\s*,\s*\d+)*\])+\s*[.!?]?\s*$")
_LINK = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|net|org|gg|io|ly|me|xyz|ru)\b(?:/\S*)?", re.I)
_MENTION = re.compile(r"@(?:everyone|here)\b|<[@#][!&]?\d+>|@[\w.]{2,32}")
_NUMBER = re.compile(r"\d+(?:[.,\u00a0 ]\d{3})*(?:[.,]\d+)?")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# Capitalised words that carry no claim of their own (sentence openers are skipped anyway).
_FREE_WORDS = frozenset(
    [
        "i",
        "i'm",
        "i've",
        "the",
        "a",
        "an",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "he",
        "she",
        "they",
        "we",
        "you",
    ]
)
_OPENER_LANGUAGES = ("en", "nl", "de")  # a sentence may open with a function word of any of these
_SAME_NAME_RATIO = 0.7  # difflib similarity at which two folded spellings are one name
_SAME_NAME_PREFIX = 5  # or this many first letters in common
_COMPOUND_HEAD = (
    4  # a name this long may open a compound word of the passage (Dutch and German write them as one)
)


class CheckedSentence(BaseModel):
    """A sentence of a generated answer, the passages it cites (1-based), and why it fails (None: it passes)."""

    text: str
    cited: list[int]
    problem: str | None = None


def sentences_with_citations(reply: str, language: str) -> list[tuple[str, list[int]]]:
    """The reply's sentences with the passage numbers each cites; a trailing '[1].' joins its sentence."""
    pieces: list[str] = []
    for span in split_sentences(reply, language):
        text = reply[span.start : span.end].strip()
        if pieces and _ONLY_MARKERS.match(text):
            pieces[-1] = f"{pieces[-1]} {text}"
        elif text:
            pieces.append(text)
    return [(p, [int(n) for group in MARKER.findall(p) for n in group.split(",")]) for p in pieces]


def _numbers(text: str) -> set[str]:
    """The numbers in a text as bare digits ('145.000', '145,000' and '145 000' are all '145000')."""
    return {re.sub(r"\D", "", n) for n in _NUMBER.findall(MARKER.sub(" ", text))}


def _names(text: str, language: str) -> list[tuple[str, int, int]]:
    """Capitalised words (names, acronyms) of a text without citation markers, folded, with their offsets; a
    sentence's first word only if no stop word."""
    names: list[tuple[str, int, int]] = []
    common = _FREE_WORDS.union(*(stop_words(code) for code in {language, *_OPENER_LANGUAGES}))
    for match in _WORD.finditer(text):
        word = match.group()
        folded = fold(word)
        if not word[:1].isupper() or folded in MONTHS or folded in WEEKDAYS:  # dates are checked as dates
            continue
        before = text[: match.start()].rstrip()
        opens = not before or before[-1] in '.!?:;"“‘(' or before.endswith("—")
        if not (opens and folded in common) and not (word.isupper() and folded in common):
            names.append((folded, match.start(), match.end()))
    return names


def _date_words(text: str) -> set[int]:
    """Months (1-12) and weekdays (100-106) a text names, in any of the languages index.dates knows."""
    found: set[int] = set()
    for word in _WORD.findall(text.lower()):
        if word in MONTHS and len(word) > 3:
            found.add(MONTHS[word])
        elif word in WEEKDAYS:
            found.add(100 + WEEKDAYS[word])
    return found


def same_name(name: str, words: set[str]) -> bool:
    """Whether the folded name is one of the words, or spelt like one of them in another language."""
    if name in words or other_spellings(name) & words:
        return True
    for word in words:
        if len(name) >= _COMPOUND_HEAD and word.startswith(name):  # "Suez" in "Suezkanaal"
            return True
        if abs(len(word) - len(name)) > max(len(word), len(name)) // 2:
            continue
        if len(_common_prefix(name, word)) >= min(_SAME_NAME_PREFIX, len(name), len(word)):
            return True
        if difflib.SequenceMatcher(None, name, word).ratio() >= _SAME_NAME_RATIO:
            return True
    return False


def _common_prefix(a: str, b: str) -> str:
    """The longest common beginning of two words."""
    size = 0
    while size < min(len(a), len(b)) and a[size] == b[size]:
        size += 1
    return a[:size]


def check_sentence(text: str, cited: list[int], passages: Sequence[str], language: str = "en") -> str | None:
    """Why a generated sentence is not grounded in the passages it cites (None when it is)."""
    if not cited:
        return "cites no passage"
    if any(not 1 <= n <= len(passages) for n in cited):
        return f"cites a passage it was not given ({max(cited)} of {len(passages)})"
    source = "\n".join(passages[n - 1] for n in dict.fromkeys(cited))
    for pattern, kind in ((_LINK, "link"), (_MENTION, "mention")):
        for found in pattern.findall(text):
            if found.lower() not in source.lower():
                return f"a {kind} the passages do not hold: {found}"
    missing_numbers = _numbers(text) - _numbers(source)
    if missing_numbers:
        return f"a number the cited passages do not hold: {sorted(missing_numbers)[0]}"
    missing_dates = _date_words(text) - _date_words(source)
    if missing_dates:
        return "a month or day the cited passages do not name"
    words = {fold(part) for w in _WORD.findall(source) for part in (w, *re.split(r"['’-]", w)) if part}
    plain = MARKER.sub(lambda m: " " * len(m.group()), text)  # same offsets, no markers
    names = _names(plain, language)
    for n, (name, _start, _end) in enumerate(names):
        parts = [p for p in re.split(r"['’-]", name) if len(p) > 2] or [name]
        if same_name(name, words) or all(same_name(p, words) for p in parts):
            continue
        # Two names in a row may translate one compound word: "Suez Canal" for "Suezkanaal".
        pairs = [(names[m], names[m + 1]) for m in (n - 1, n) if m >= 0 and m + 1 < len(names)]
        if not any(
            plain[first[2] : second[1]] in (" ", "-") and same_name(first[0] + second[0], words)
            for first, second in pairs
        ):
            return f"a name the cited passages do not hold: {name}"
    return None


def check_reply(reply: str, passages: Sequence[str], language: str) -> list[CheckedSentence]:
    """Every sentence of a generated reply with its citations and its problem, if any."""
    return [
        CheckedSentence(text=text, cited=cited, problem=check_sentence(text, cited, passages, language))
        for text, cited in sentences_with_citations(reply, language)
    ]
