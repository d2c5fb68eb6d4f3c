"""Dates as articles and people write them: partial ISO dates, the days they cover, and dates found in text.

The one place dates are read: article date fields and date lines, filter options, and the dates named in
questions and article text all go through here.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import NamedTuple

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

# Month names and abbreviations in English, Dutch and German.
MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        [
            ("january", "januari", "januar", "jan"),
            ("february", "februari", "februar", "feb"),
            ("march", "maart", "märz", "maerz", "mar", "mrt"),
            ("april", "apr"),
            ("may", "mei", "mai"),
            ("june", "juni", "jun"),
            ("july", "juli", "jul"),
            ("august", "augustus", "aug"),
            ("september", "sept", "sep"),
            ("october", "oktober", "oct", "okt"),
            ("november", "nov"),
            ("december", "dezember", "dec", "dez"),
        ],
        start=1,
    )
    for name in names
}
# Day names in English, Dutch and German (Monday is 0), and the relative days news uses.
WEEKDAYS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        [
            ("monday", "maandag", "montag"),
            ("tuesday", "dinsdag", "dienstag"),
            ("wednesday", "woensdag", "mittwoch"),
            ("thursday", "donderdag", "donnerstag"),
            ("friday", "vrijdag", "freitag"),
            ("saturday", "zaterdag", "samstag"),
            ("sunday", "zondag", "sonntag"),
        ]
    )
    for name in names
}
RELATIVE_DAYS = frozenset(
    ["yesterday", "today", "tomorrow", "gisteren", "vandaag", "morgen", "gestern", "heute"]
)
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_YEAR = r"(?:19|20)\d{2}"
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th|e)?\.?\s+({_MONTH})\.?,?\s+({_YEAR})\b", re.I)
_MONTH_DAY_YEAR = re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+({_YEAR})\b", re.I)
_MONTH_YEAR = re.compile(rf"\b({_MONTH})\.?\s+(?:of\s+)?({_YEAR})\b", re.I)
_ISO = re.compile(rf"\b({_YEAR})-(\d{{1,2}})(?:-(\d{{1,2}}))?\b")
_NUMERIC = re.compile(rf"\b(\d{{1,2}})[-/.](\d{{1,2}})[-/.]({_YEAR})\b")  # day first, as in Europe
_YEAR_ONLY = re.compile(rf"\b({_YEAR})\b")


def date_bounds(partial: str) -> tuple[date, date]:
    """First and last day covered by a partial ISO date: '2020', '2020-11' or '2020-11-07'."""
    match = _PARTIAL_DATE.match(partial)
    if not match:
        raise ValueError(f"not a date (YYYY, YYYY-MM or YYYY-MM-DD): {partial!r}")
    year = int(match.group(1))
    month, day = (int(g) if g else None for g in match.groups()[1:])
    if month is None:
        return date(year, 1, 1), date(year, 12, 31)
    if day is None:
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    return date(year, month, day), date(year, month, day)


class DateMention(NamedTuple):
    """A date written in a text: where, and as a partial ISO date ('2020', '2020-11', '2020-11-07').

    `partial` is None for something written like a date that is none (month 13, 31 February).
    """

    start: int
    end: int
    partial: str | None

    def bounds(self) -> tuple[date, date] | None:
        """First and last day the mention covers, or None if it is not a real date."""
        return date_bounds(self.partial) if self.partial else None


def _partial(year: int, month: int | None = None, day: int | None = None) -> str | None:
    """The partial ISO date of these parts, or None if they name no real date."""
    text = f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if day and month else "")
    try:
        date_bounds(text)
    except ValueError:
        return None
    return text


def find_dates(text: str) -> list[DateMention]:
    """Every date written in the text, in order; the most precise reading wins where readings overlap."""
    found: list[DateMention] = []

    def add(match: re.Match[str], partial: str | None) -> None:
        if not any(match.start() < m.end and m.start < match.end() for m in found):
            found.append(DateMention(match.start(), match.end(), partial))

    for m in _DAY_MONTH_YEAR.finditer(text):
        add(m, _partial(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1))))
    for m in _MONTH_DAY_YEAR.finditer(text):
        add(m, _partial(int(m.group(3)), MONTHS[m.group(1).lower()], int(m.group(2))))
    for m in _NUMERIC.finditer(text):
        add(m, _partial(int(m.group(3)), int(m.group(2)), int(m.group(1))))
    for m in _ISO.finditer(text):
        add(m, _partial(int(m.group(1)), int(m.group(2)), int(m.group(3)) if m.group(3) else None))
    for m in _MONTH_YEAR.finditer(text):
        add(m, _partial(int(m.group(2)), MONTHS[m.group(1).lower()]))
    for m in _YEAR_ONLY.finditer(text):
        add(m, _partial(int(m.group(1))))
    return sorted(found)


def date_at_start(text: str) -> DateMention | None:
    """The date the text opens with (after spaces), if it opens with one."""
    stripped = len(text) - len(text.lstrip())
    mentions = find_dates(text[: stripped + 40])
    first = mentions[0] if mentions else None
    if first is None or first.start != stripped:
        return None
    return DateMention(first.start, first.end, first.partial)
