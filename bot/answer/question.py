"""Reading a question: its language, whether it asks who said what, and the dates it names."""

from __future__ import annotations

import re
from datetime import date, timedelta

from pydantic import BaseModel

from bot.records import Language
from index.claims import QUESTION_VERBS, STANCES_BY_STRENGTH
from index.dates import date_bounds, find_dates
from index.language import detect_language
from index.records import SearchFilters, Stance

_SINCE = re.compile(r"\b(since|after|from|sinds|na|vanaf)\s+$", re.IGNORECASE)
_UNTIL = re.compile(r"\b(before|until|till|up to|voor|vóór|tot|tot en met)\s+$", re.IGNORECASE)
_RELATIVE: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(yesterday|gisteren)\b", re.IGNORECASE), "yesterday"),
    (
        re.compile(r"\b(last|past|this|previous)\s+week\b|\b(vorige|afgelopen|deze)\s+week\b", re.IGNORECASE),
        "week",
    ),
    (re.compile(r"\b(last|previous)\s+month\b|\b(vorige|afgelopen)\s+maand\b", re.IGNORECASE), "last-month"),
    (re.compile(r"\bthis\s+month\b|\bdeze\s+maand\b", re.IGNORECASE), "this-month"),
    (re.compile(r"\b(last|previous)\s+year\b|\b(vorig|afgelopen)\s+jaar\b", re.IGNORECASE), "last-year"),
    (re.compile(r"\bthis\s+year\b|\bdit\s+jaar\b", re.IGNORECASE), "this-year"),
    (re.compile(r"\b(recently|lately|onlangs|recent|laatst)\b", re.IGNORECASE), "recent"),
]

_WHO = re.compile(r"^\s*(?:and\s+|en\s+|but\s+|maar\s+)?(who|wie|which|welke)\b", re.IGNORECASE)
_WHAT_DID = re.compile(r"^\s*(?:and\s+|en\s+)?(what|wat|how|hoe)\b", re.IGNORECASE)
_WORD = re.compile(r"[\wÀ-ÿ'-]+")


class Question(BaseModel):
    """A question as understood before retrieval."""

    text: str
    language: Language
    asks_who: bool  # "who claimed ...", "wie ontkende ..."
    asks_what_said: bool  # "what did Aliyev say about ...", "wat zei Rutte over ..."
    stance: Stance | None  # the kind of statement asked about
    filters: SearchFilters
    proposition: str = ""  # what a who-said question says was said: "Shushi was captured"

    @property
    def about_claims(self) -> bool:
        """True when the answer should come from attributed claims."""
        return self.stance is not None and (self.asks_who or self.asks_what_said)


def question_language(text: str) -> Language:
    """Dutch or English: the language the answer's own words are written in (English for any other)."""
    return "nl" if detect_language(text) == "nl" else "en"


_FRAME_WORDS = frozenset(
    [
        "who",
        "wie",
        "which",
        "welke",
        "what",
        "wat",
        "how",
        "hoe",
        "did",
        "does",
        "do",
        "heeft",
        "hebben",
        "had",
        "have",
        "that",
        "dat",
        "about",
        "over",
        "of",
        "van",
        "and",
        "en",
        "but",
        "maar",
    ]
)


def proposition(text: str) -> str:
    """The question without its asking frame: "Who claimed Shushi was captured?" -> "Shushi was captured".

    The wh-word, auxiliaries, speech verbs and "that"/"dat"/"about" are dropped where they frame the question;
    what is left is compared with what a claim says.
    """
    words = _WORD.findall(text)
    kept = [w for w in words if w.lower() not in _FRAME_WORDS and w.lower() not in QUESTION_VERBS]
    return " ".join(kept)


def asked_stance(text: str) -> Stance | None:
    """The strongest speech verb in the question (denial > accusation > claim > ... > statement), if any."""
    found = {QUESTION_VERBS[w.lower()] for w in _WORD.findall(text) if w.lower() in QUESTION_VERBS}
    return next((stance for stance in STANCES_BY_STRENGTH if stance in found), None)


def _month_range(year: int, month: int) -> tuple[date, date]:
    return date_bounds(f"{year:04d}-{month:02d}")


def _relative_range(kind: str, today: date) -> tuple[date, date]:
    """The period a relative phrase names, counted back from `today` (the newest article's date)."""
    if kind == "yesterday":
        return today - timedelta(days=1), today - timedelta(days=1)
    if kind == "week":
        return today - timedelta(days=7), today
    if kind == "this-month":
        return date(today.year, today.month, 1), today
    if kind == "last-month":
        last_of_previous = date(today.year, today.month, 1) - timedelta(days=1)
        return _month_range(last_of_previous.year, last_of_previous.month)
    if kind == "this-year":
        return date(today.year, 1, 1), today
    if kind == "last-year":
        return date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)
    return today - timedelta(days=30), today  # recent


def dates_in_question(text: str, today: date | None) -> SearchFilters:
    """The period a question is about (about_since/about_until) from the dates it names; relative dates
    ("last week", "vorig jaar") count back from `today`."""
    since: date | None = None
    until: date | None = None
    for mention in find_dates(text):
        bounds = mention.bounds()
        if bounds is None:
            continue
        position, (first, last) = mention.start, bounds
        before = text[:position]
        if _SINCE.search(before):
            since = first
        elif _UNTIL.search(before):
            until = first - timedelta(days=1)
        else:
            since = min(since, first) if since else first
            until = max(until, last) if until else last
    if since is None and until is None and today is not None:
        for pattern, kind in _RELATIVE:
            if pattern.search(text):
                since, until = _relative_range(kind, today)
                break
    if since and until and since > until:
        since, until = until, since
    return SearchFilters(about_since=since, about_until=until)


def read_question(text: str, today: date | None = None, filters: SearchFilters | None = None) -> Question:
    """Understand a question: the given filters, and the period its dates name (relative to `today`)."""
    about = dates_in_question(text, today)
    given = filters or SearchFilters()
    combined = given.model_copy(update={"about_since": about.about_since, "about_until": about.about_until})
    return Question(
        text=text.strip(),
        language=question_language(text),
        asks_who=bool(_WHO.match(text)),
        asks_what_said=bool(_WHAT_DID.match(text)) and asked_stance(text) is not None,
        stance=asked_stance(text),
        filters=combined,
        proposition=proposition(text),
    )
