"""Search filters as SQL: the condition on articles that date and source filters put on every query."""

from __future__ import annotations

from datetime import timedelta

from index.records import SearchFilters

# News reports an event on the day or in the days after: an article published up to a week after the period
# a question is about is about it too.
REPORTING_SLACK = timedelta(days=7)
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def source_key(source: str) -> str:
    """A source name as filters compare it: lower-cased like SQLite's lower(), which folds ASCII letters only,
    so the catalogue's arrays and the SQL side match the same sources."""
    return source.translate(_ASCII_LOWER)


def filter_clause(filters: SearchFilters) -> tuple[str, list[object]]:
    """SQL condition on articles `a`: published within since..until, from a source asked for, and about the
    question's period (published in it, or naming a date in it)."""
    clauses: list[str] = []
    params: list[object] = []
    if filters.since:
        clauses.append("a.date_end >= ?")
        params.append(filters.since.isoformat())
    if filters.until:
        clauses.append("a.date_start <= ?")
        params.append(filters.until.isoformat())
    if filters.sources:
        clauses.append(f"lower(a.source) IN ({','.join('?' * len(filters.sources))})")
        params.extend(source_key(s) for s in filters.sources)
    if filters.names_period:
        first = filters.about_since.isoformat() if filters.about_since else "0000-01-01"
        last = filters.about_until.isoformat() if filters.about_until else "9999-12-31"
        reported = (filters.about_until + REPORTING_SLACK).isoformat() if filters.about_until else last
        clauses.append(
            "((a.date_end >= ? AND a.date_start <= ?) OR EXISTS (SELECT 1 FROM article_dates d "
            "WHERE d.article_id = a.id AND d.last_day >= ? AND d.first_day <= ?))"
        )
        params.extend([first, reported, first, last])
    return " AND ".join(clauses) or "1", params
