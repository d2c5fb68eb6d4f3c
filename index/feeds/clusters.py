"""Duplicate clusters in results: one article per story, with the other outlets that carry it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from index.records import Passage

Members = Mapping[str, Sequence[tuple[str, str]]]  # article id -> (article id, source) of its cluster


def other_outlets(article_id: str, source: str, members: Members) -> list[str]:
    """The outlets, other than the article's own, whose copy of the story is stored."""
    seen: dict[str, None] = {}
    for member, outlet in members.get(article_id, ()):
        if member != article_id and outlet and outlet.lower() != source.lower():
            seen.setdefault(outlet, None)
    return list(seen)


def collapse_duplicates(passages: Sequence[Passage], members: Members) -> list[Passage]:
    """The passages of the best-ranked article of each cluster (in rank order), each told its other outlets."""
    chosen: dict[str, str] = {}  # cluster key -> the article kept for it
    kept: list[Passage] = []
    for passage in passages:
        cluster = members.get(passage.article_id) or [(passage.article_id, passage.source)]
        key = cluster[0][0]
        if chosen.setdefault(key, passage.article_id) != passage.article_id:
            continue
        also = other_outlets(passage.article_id, passage.source, members)
        kept.append(passage.model_copy(update={"also_in": also}) if also else passage)
    return kept
