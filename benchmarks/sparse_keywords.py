"""The keyword side two ways: FTS5's bm25() (what search runs) against Qdrant's sparse vectors, side by side.

Issue 10 leaves hybrid search free to keep FTS5 or to use Qdrant's sparse vectors. This builds a sparse
collection in Qdrant's local mode from an index's own FTS5 rows (the same stemmed terms): each chunk's
vector holds BM25's term-frequency part (k1 = 1.2, b = 0.75, FTS5's defaults) and the collection applies
IDF at query time (Qdrant's recipe for BM25). For the real questions of tests/data and, when the index holds
the XQuAD dev Dutch paragraphs, XQuAD dev's English and Dutch questions, it reports per system: latency p50 /
p95 (one query each, alternating), agreement of the top 10 with FTS5, and XQuAD Recall@1 / @5 of the
keyword side alone (distinct articles of the top 20). No model needed.

    python benchmarks/sparse_keywords.py --index DIR [--questions N] [--json FILE]
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
import zlib
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).parent))

from bench_steps import article_recall  # noqa: E402
from scale import question_terms  # noqa: E402
from side_by_side import latency, print_report  # noqa: E402

from index.evaluation import load_paragraphs, load_questions  # noqa: E402
from index.keywords import keyword_query_terms  # noqa: E402
from index.news_index import DATABASE_FILE  # noqa: E402
from index.store.database import Database  # noqa: E402

XQUAD = ROOT.parent / "shared" / "eval" / "xquad-dev"
K1, B = 1.2, 0.75  # FTS5's bm25() defaults
DEPTH = 100  # keyword hits a question fetches (RetrievalConfig.depth)
RANKED = 20  # hits ranked into distinct articles for Recall@1/@5
TOKEN = re.compile(r"\w+")  # FTS5's unicode61 splits on what is not a letter or digit
BATCH = 512


def term_id(term: str) -> int:
    """A stable integer index for a term (Qdrant's sparse vectors are keyed by integers)."""
    return zlib.crc32(term.encode("utf-8"))


def sparse_rows(db: Database) -> tuple[list[int], list[dict[int, float]]]:
    """Every chunk's id and its BM25 term-frequency weights, from the FTS5 rows."""
    rows = db._query("SELECT rowid, terms FROM chunk_fts ORDER BY rowid")
    counted = [(int(row["rowid"]), Counter(TOKEN.findall(str(row["terms"]).lower()))) for row in rows]
    average = statistics.fmean(sum(c.values()) for _, c in counted) if counted else 1.0
    weights = []
    for _, counts in counted:
        norm = K1 * (1 - B + B * sum(counts.values()) / average)
        weights.append({term_id(t): n * (K1 + 1) / (n + norm) for t, n in counts.items()})
    return [chunk for chunk, _ in counted], weights


def sparse_collection(ids: list[int], weights: list[dict[int, float]], folder: Path) -> Any:
    """A local-mode Qdrant collection of the sparse vectors, IDF applied at query time."""
    from qdrant_client import QdrantClient, models

    client = QdrantClient(path=str(folder))
    client.create_collection(
        "keywords",
        vectors_config={},
        sparse_vectors_config={"terms": models.SparseVectorParams(modifier=models.Modifier.IDF)},
    )
    for start in range(0, len(ids), BATCH):
        client.upsert(
            "keywords",
            [
                models.PointStruct(
                    id=chunk,
                    vector={"terms": models.SparseVector(indices=list(w), values=list(w.values()))},
                )
                for chunk, w in zip(ids[start : start + BATCH], weights[start : start + BATCH], strict=True)
            ],
        )
    return client


def sparse_search(client: Any, terms: Sequence[str], limit: int) -> list[int]:
    """Chunk ids best first for the terms (each weighing 1, as FTS5's OR query)."""
    from qdrant_client import models

    indices = sorted({term_id(t.lower()) for term in terms for t in TOKEN.findall(term)})
    if not indices:
        return []
    found = client.query_points(
        "keywords",
        query=models.SparseVector(indices=indices, values=[1.0] * len(indices)),
        using="terms",
        limit=limit,
    )
    return [int(point.id) for point in found.points]


def latencies(calls: dict[str, Callable[[list[str]], object]], questions: list[list[str]]) -> dict[str, Any]:
    """p50 / p95 ms per system, the systems alternating question by question (after one warm pass)."""
    for call in calls.values():
        call(questions[0])
    times: dict[str, list[float]] = {name: [] for name in calls}
    for n, terms in enumerate(questions):
        for name in list(calls)[:: 1 if n % 2 == 0 else -1]:
            began = time.perf_counter()
            calls[name](terms)
            times[name].append(1000 * (time.perf_counter() - began))
    return {name: {**latency(t), "queries": len(t)} for name, t in times.items()}


def xquad_recall(db: Database, rank: Callable[[list[str]], list[int]], limit: int | None) -> dict[str, Any]:
    """Recall@1/@5 of each XQuAD question's paragraph among the distinct articles ranked by `rank`."""
    records, owner = load_paragraphs(XQUAD / "xquad.nl.json")
    held = {r["id"] for r in records} & set(db.stored_article_ids())
    article_of = dict(db.chunk_articles())
    found: dict[str, Any] = {}
    for language in ("en", "nl"):
        questions = load_questions(XQUAD / f"xquad.{language}.json", owner)
        pairs = [(q.question, q.paragraph_id) for q in questions if q.paragraph_id in held][:limit]
        found[language] = article_recall(
            lambda text, lang=language: [article_of[c] for c in rank(keyword_query_terms(text, lang))], pairs
        )
    return found


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--index", type=Path, required=True, help="a newsdesk data folder")
    parser.add_argument("--questions", type=int, help="only the first N questions of each set")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    db = Database(args.index / DATABASE_FILE)
    began = time.perf_counter()
    ids, weights = sparse_rows(db)
    with tempfile.TemporaryDirectory(prefix="newsdesk-sparse-") as tmp:
        client = sparse_collection(ids, weights, Path(tmp))
        built = time.perf_counter() - began
        fts5: Callable[[list[str]], list[int]] = lambda t: [c for c, _ in db.keywords.search(t, DEPTH)]  # noqa: E731
        sparse: Callable[[list[str]], list[int]] = lambda t: sparse_search(client, t, DEPTH)  # noqa: E731
        questions = [t for t in question_terms() if t][: args.questions]
        overlap = [
            len(set(fts5(t)[:10]) & set(sparse(t)[:10])) / max(1, min(10, len(fts5(t)[:10])))
            for t in questions
        ]
        results: dict[str, Any] = {
            "chunks": len(ids),
            "sparse_build_seconds": built,
            "latency": latencies({"fts5": fts5, "qdrant_sparse": sparse}, questions),
            "top10_agreement_with_fts5": statistics.fmean(overlap) if overlap else None,
            "xquad": {
                "fts5": xquad_recall(db, lambda t: fts5(t)[:RANKED], args.questions),
                "qdrant_sparse": xquad_recall(db, lambda t: sparse(t)[:RANKED], args.questions),
            },
        }
        client.close()
    db.close()
    print_report(results, args.json)


if __name__ == "__main__":
    main()
