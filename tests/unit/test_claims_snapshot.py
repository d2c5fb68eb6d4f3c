"""The extractor's output on the demo corpus and the seed article, frozen: any change to it shows up here.

When the extractor's output changes on purpose, regenerate the snapshot with
`python -m tests.unit.test_claims_snapshot` and bump EXTRACTOR_VERSION in index/claims/__init__.py,
so that ingest re-extracts the claims of every stored article.
"""

from __future__ import annotations

import json
from pathlib import Path

from index.claims import extract_claims
from index.parsing import collect_files, parse_file
from index.records import Article
from tests.conftest import DEMO_CORPUS, SHARED, shared_path

SNAPSHOT = Path(__file__).resolve().parents[1] / "data" / "claims_snapshot.json"
SEED = ("corpus", "seed")

# One claim as (article, speaker, cue, stance, content_start, content_end). The article is named by its
# file under the corpus folder ("#n" for the n-th of a file with several), not by its id: ids derived from
# a file's absolute path differ between checkouts.
Row = tuple[str, str, str, str, int, int]


def _articles(folder: Path) -> list[tuple[str, Article]]:
    """Every article under a folder with its stable name, in file order."""
    named = []
    for path in collect_files([folder]):
        articles = [a for a in parse_file(path) if isinstance(a, Article)]
        name = path.relative_to(folder.resolve()).as_posix()
        named += [(f"{name}#{n}" if len(articles) > 1 else name, a) for n, a in enumerate(articles)]
    return named


def _rows(folder: Path) -> list[Row]:
    """The claims of every article under a folder, in file and text order."""
    return [
        (name, c.speaker, c.cue, c.stance, c.content_start, c.content_end)
        for name, article in _articles(folder)
        for c in extract_claims(article)
    ]


def _snapshot() -> dict[str, list[list[str | int]]]:
    """The stored snapshot: corpus name -> rows."""
    return json.loads(SNAPSHOT.read_text(encoding="utf-8"))


def test_demo_corpus_claims_match_the_snapshot() -> None:
    assert [list(row) for row in _rows(DEMO_CORPUS)] == _snapshot()["demo"]


def test_seed_article_claims_match_the_snapshot() -> None:
    assert [list(row) for row in _rows(shared_path(*SEED))] == _snapshot()["seed"]


def _write() -> None:
    """Regenerate the snapshot from the extractor as it is now (one claim a line, for readable diffs)."""
    corpora = {"demo": _rows(DEMO_CORPUS), "seed": _rows(SHARED.joinpath(*SEED))}
    parts = []
    for name, rows in corpora.items():
        lines = ",\n".join("    " + json.dumps(list(row), ensure_ascii=False) for row in rows)
        parts.append(f"  {json.dumps(name)}: [\n{lines}\n  ]")
    SNAPSHOT.write_text("{\n" + ",\n".join(parts) + "\n}\n", encoding="utf-8")
    print(f"wrote {sum(map(len, corpora.values()))} claims to {SNAPSHOT}")


if __name__ == "__main__":
    _write()
