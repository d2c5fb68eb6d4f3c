"""A live index: a serving index sees another process's ingest, and answers during one without errors."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from index.errors import IndexBusyError
from index.news_index import NewsIndex
from tests.fakes import HashEmbedder

ROOT = Path(__file__).resolve().parents[2]
LATE = {
    "id": "kakhovka",
    "title": "Dam destroyed",
    "date": "2023-06-06",
    "language": "en",
    "text": "The Kakhovka dam on the Dnipro river was destroyed on Tuesday.",
}
# Another process ingesting with the same fake embedder: what `newsdesk ingest` does in a second terminal.
INGEST = """
import sys
from pathlib import Path
from index.news_index import NewsIndex
from tests.fakes import HashEmbedder
index = NewsIndex(Path(sys.argv[1]), HashEmbedder())
report = index.ingest([Path(sys.argv[2])])
assert report.added == 1 and not report.failures, report
index.close()
"""


def test_a_serving_index_sees_an_ingest_by_another_process(tmp_path: Path, articles: Path) -> None:
    serving = NewsIndex(tmp_path / "data", HashEmbedder())
    serving.ingest([articles])
    assert "kakhovka" not in {p.article_id for p in serving.search("Kakhovka dam Dnipro", k=3)}
    late = tmp_path / "late.jsonl"
    late.write_text(json.dumps(LATE) + "\n", encoding="utf-8")

    subprocess.run([sys.executable, "-c", INGEST, str(tmp_path / "data"), str(late)], cwd=ROOT, check=True)

    for mode in ("hybrid", "dense", "keyword"):
        found = serving.search("Kakhovka dam Dnipro", k=3, mode=mode)  # type: ignore[arg-type]
        assert found[0].article_id == "kakhovka", mode
    assert len(serving.vectors()) == serving.db.counts()["chunks"]
    serving.close()


def test_questions_during_an_ingest_are_answered_from_the_committed_state(
    tmp_path: Path, articles: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = NewsIndex(tmp_path / "data", HashEmbedder())
    index.ingest([articles])
    late = tmp_path / "late"
    late.mkdir()
    (late / "late.jsonl").write_text(json.dumps(LATE) + "\n", encoding="utf-8")
    committed, resume = threading.Event(), threading.Event()
    sync = index._live.sync

    def slow_sync():  # type: ignore[no-untyped-def]
        committed.set()  # the new chunks are committed; their vectors are not persisted yet
        assert resume.wait(timeout=10)
        return sync()

    monkeypatch.setattr(index._live, "sync", slow_sync)
    worker = threading.Thread(target=index.ingest, args=([late],))
    worker.start()
    assert committed.wait(timeout=10)

    during = {mode: index.search("Kakhovka dam Dnipro", k=3, mode=mode) for mode in ("hybrid", "keyword")}
    with pytest.raises(IndexBusyError, match="another ingest"):
        index.ingest([articles])
    resume.set()
    worker.join(timeout=10)

    # Found by keyword at once (its vector read from SQLite), by every mode once the file is written.
    assert during["keyword"][0].article_id == "kakhovka"
    assert during["hybrid"][0].article_id == "kakhovka"
    assert index.search("Kakhovka dam Dnipro", k=1, mode="dense")[0].article_id == "kakhovka"
    index.close()


def test_an_ingest_after_a_repair_elsewhere_builds_on_the_repaired_files(
    tmp_path: Path, articles: Path
) -> None:
    serving = NewsIndex(tmp_path / "data", HashEmbedder())
    serving.ingest([articles])
    serving.search("Shushi", k=1)  # the serving index holds this generation's vectors in memory
    repairer = NewsIndex(tmp_path / "data", HashEmbedder())  # `newsdesk index verify --repair` elsewhere
    with repairer._live.write_lock.held():
        repairer._live.rebuild()  # the same generation, new store files; the old ones are deleted
    repairer.close()
    late = tmp_path / "late.jsonl"
    late.write_text(json.dumps(LATE) + "\n", encoding="utf-8")

    serving.ingest([late])

    reader = NewsIndex(tmp_path / "data", HashEmbedder())
    assert reader._live.load_file(reader.db.generation()) is not None  # its files are all there
    assert reader.search("Kakhovka dam Dnipro", k=1, mode="dense")[0].article_id == "kakhovka"
    assert len(reader.vectors()) == reader.db.counts()["chunks"]
    reader.close()
    serving.close()
