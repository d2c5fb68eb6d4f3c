"""Search filters as SQL: the condition on articles that date and source filters put on every query."""

from __future__ import annotations

from index.records import SearchFilters


def filter_clause(filters: SearchFilters) -> tuple[str, list[object]]:
    """SQL condition on articles `a`: the article's dates overlap [since, until] and its source is one asked for."""
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
        params.extend(s.lower() for s in filters.sources)
    return " AND ".join(clauses) or "1", params
