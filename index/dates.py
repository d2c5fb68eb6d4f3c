"""Partial ISO dates as articles and users write them (YYYY, YYYY-MM, YYYY-MM-DD) and the days they cover."""

from __future__ import annotations

import calendar
import re
from datetime import date

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


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
