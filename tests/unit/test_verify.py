"""`newsdesk index verify`: finds what disagrees with the stored articles, and --repair mends it."""

from __future__ import annotations

from pathlib import Path

from index.news_index import NewsIndex
from tests.fakes import HashEmbedder


def test_a_fresh_index_is_consistent(news_index: NewsIndex, articles: Path) -> None:
    news_index.ingest([articles])
    report = news_index.verify()
    assert report.ok and not report.repaired, report
    assert report.chunks == report.vectors > 0


def test_damage_is_found_and_repaired_without_reparsing(tmp_path: Path, articles: Path) -> None:
    index = NewsIndex(tmp_path / "data", HashEmbedder())
    index.ingest([articles])
    generation = index.db.generation()
    chunk_id = int(index.db.chunk_ids()[0])
    with index.db.transaction():
        index.db.set_chunk_terms({chunk_id: "nonsense"})  # a keyword row that no longer matches its text
        index.db.set_meta("claims_extractor", "0")  # claims of another extractor
    (index._live.folder / f"catalogue-{generation}.npz").unlink()  # the vectors' state lost
    embedded = index.embedder.documents_embedded  # type: ignore[attr-defined]

    found = index.verify()
    assert not found.ok
    assert any("vectors of generation" in p for p in found.problems)
    assert any("1 chunks have keyword terms" in p for p in found.problems)
    assert any("extractor version 0" in p for p in found.problems)

    repaired = index.verify(repair=True)
    assert repaired.ok and len(repaired.repaired) == 3, repaired
    assert index.verify().ok
    assert index.search("Suez canal", k=1, mode="keyword")[0].article_id == "ever-given"
    # Only the background passages were embedded (for the rebuilt centres): no article was embedded again.
    assert index.embedder.documents_embedded - embedded <= 40  # type: ignore[attr-defined]
    index.close()
