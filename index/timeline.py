"""A topic's timeline: the headlines of articles on it (events) and the claims about it, in date order."""

from __future__ import annotations

from collections.abc import Sequence

from index.records import LatestArticle, StoredClaim, TimelineEntry


def build_timeline(
    events: Sequence[LatestArticle], claims: Sequence[StoredClaim], limit: int
) -> list[TimelineEntry]:
    """Events and claims merged by date (undated last; on one day, the event before its claims); a claim
    repeated word for word (the same wire story in another outlet) is listed once."""
    unique: dict[tuple[str, str], StoredClaim] = {}
    for claim in claims:
        unique.setdefault((claim.speaker_name.lower(), claim.content.lower()), claim)
    entries = [
        TimelineEntry(
            date=a.date,
            kind="event",
            text=a.title,
            article_id=a.id,
            title=a.title,
            source=a.source,
            url=a.url,
            reference=a.id,
        )
        for a in events
    ] + [
        TimelineEntry(
            date=c.date,
            kind="claim",
            text=f"{c.speaker} ({c.cue}): {c.content}",
            article_id=c.article_id,
            title=c.title,
            source=c.source,
            url=c.url,
            reference=f"{c.article_id}:{c.start}-{c.end}",
        )
        for c in unique.values()
    ]
    entries.sort(key=lambda e: (e.date is None, e.date or "", e.kind != "event"))
    return entries[:limit]
