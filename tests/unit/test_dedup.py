"""Duplicate stories: MinHash clusters, one row per cluster with the other outlets, claims listed once."""

from __future__ import annotations

import pytest

from index.feeds.clusters import collapse_duplicates
from index.feeds.dedup import DuplicateFinder, from_bytes, signature, to_bytes
from index.records import LatestArticle, Passage, StoredClaim
from index.timeline import build_timeline
from tests.unit.test_feeds import BRIDGE, FLOOD, WIRE

pytestmark = pytest.mark.unit

STORY = " ".join(WIRE)
RETOLD = "BRUSSELS (Wire) — " + " ".join(WIRE[:3]) + " Sign up for our newsletter."


def passage(article_id: str, source: str, chunk_id: int) -> Passage:
    """A retrieved passage of an article."""
    return Passage(
        chunk_id=chunk_id,
        article_id=article_id,
        ordinal=0,
        start=0,
        end=4,
        text="text",
        title=article_id,
        date="2024-07-02",
        source=source,
        url="",
        language="en",
        score=1.0 / chunk_id,
    )


def test_a_wire_copy_joins_its_story_and_other_stories_do_not() -> None:
    finder = DuplicateFinder([])
    assert finder.assign("gazette", STORY)[0] == "gazette"
    assert finder.assign("courier", RETOLD)[0] == "gazette"
    assert finder.assign("flood", " ".join(FLOOD))[0] == "flood"
    assert finder.assign("bridge", " ".join(BRIDGE))[0] == "bridge"


def test_a_changed_article_leaves_its_cluster_and_stored_signatures_read_back() -> None:
    finder = DuplicateFinder([])
    finder.assign("gazette", STORY)
    _, data = finder.assign("courier", RETOLD)
    assert from_bytes(data).jaccard(signature(RETOLD)) == 1.0
    assert finder.assign("courier", " ".join(FLOOD))[0] == "courier"

    reloaded = DuplicateFinder([("gazette", "gazette", to_bytes(signature(STORY)))])
    assert reloaded.assign("agency", STORY)[0] == "gazette"


def test_collapse_keeps_the_best_ranked_copy_and_names_the_other_outlets() -> None:
    members = {
        "gazette": [("gazette", "Gazette"), ("courier", "Courier"), ("post", "Post")],
        "courier": [("gazette", "Gazette"), ("courier", "Courier"), ("post", "Post")],
        "flood": [("flood", "Gazette")],
    }
    found = [
        passage("courier", "Courier", 1),
        passage("flood", "Gazette", 2),
        passage("gazette", "Gazette", 3),
        passage("courier", "Courier", 4),
    ]
    kept = collapse_duplicates(found, members)

    assert [(p.article_id, p.chunk_id) for p in kept] == [("courier", 1), ("flood", 2), ("courier", 4)]
    assert kept[0].also_in == ["Gazette", "Post"] and kept[1].also_in == []


def test_a_claim_repeated_by_another_outlet_is_listed_once_in_the_timeline() -> None:
    def claim(article_id: str, source: str) -> StoredClaim:
        return StoredClaim(
            id=len(article_id),
            article_id=article_id,
            speaker="the minister",
            speaker_name="minister",
            cue="said",
            stance="statement",
            content="the deal is good",
            start=0,
            end=30,
            content_start=14,
            content_end=30,
            date="2024-07-02",
            language="en",
            quoted=False,
            chunk_id=1,
            sentence="The minister said the deal is good",
            title="Deal",
            source=source,
            url="",
        )

    event = LatestArticle(
        id="gazette",
        title="Deal struck",
        date="2024-07-02",
        source="Gazette",
        url="",
        ingested_at="2024-07-02T10:00:00+00:00",
    )
    entries = build_timeline([event], [claim("gazette", "Gazette"), claim("courier", "Courier")], 10)

    assert [(e.kind, e.source) for e in entries] == [("event", "Gazette"), ("claim", "Gazette")]
