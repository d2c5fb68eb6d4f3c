"""One step of the side-by-side benchmark for one system, run in a fresh process; prints one JSON line.

`python benchmarks/bench_steps.py STEP SYSTEM WORKDIR` with STEP ingest, query or first-answer and SYSTEM
newsdesk or langchain. WORKDIR holds corpus/ and questions.json (written by side_by_side.py) and the indexes.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# LangChain's pipeline as issue 13 describes it.
LC_CHUNK_SIZE, LC_CHUNK_OVERLAP, LC_K = 1000, 200, 5
RANKED = 20  # chunks fetched to rank distinct articles for Recall@1/@5


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (ru_maxrss is in KB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _records(work: Path) -> list[dict[str, str]]:
    """Every article record of the benchmark corpus."""
    rows: list[dict[str, str]] = []
    for path in sorted((work / "corpus").glob("*.jsonl")):
        rows += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return rows


def _questions(work: Path) -> dict[str, Any]:
    """The timing questions and the XQuAD (question, paragraph id) pairs."""
    loaded: dict[str, Any] = json.loads((work / "questions.json").read_text(encoding="utf-8"))
    return loaded


def _timed_ms(run: Callable[[str], object], questions: Sequence[str]) -> list[float]:
    """Milliseconds of `run` per question."""
    latencies = []
    for question in questions:
        started = time.perf_counter()
        run(question)
        latencies.append((time.perf_counter() - started) * 1000)
    return latencies


def article_recall(ranked: Callable[[str], list[str]], pairs: Sequence[tuple[str, str]]) -> dict[str, float]:
    """Recall@1 and @5 of finding each question's paragraph among the distinct ranked article ids."""
    hits1 = hits5 = 0
    for question, paragraph in pairs:
        articles = list(dict.fromkeys(ranked(question)))
        hits1 += articles[:1] == [paragraph]
        hits5 += paragraph in articles[:5]
    n = max(len(pairs), 1)
    return {"recall_at_1": hits1 / n, "recall_at_5": hits5 / n, "questions": len(pairs)}


# --- newsdesk ---------------------------------------------------------------------------------------


def _newsdesk_index(work: Path) -> Path:
    """The benchmark's newsdesk index folder: one per newsdesk variant (BENCH_VARIANT, set by side_by_side)."""
    return work / f"newsdesk-index-{os.environ.get('BENCH_VARIANT', 'newsdesk')}"


def _newsdesk_desk(work: Path) -> Any:
    """The Desk over the benchmark's newsdesk index."""
    from bot.app import build_desk
    from bot.settings import Settings

    return build_desk(Settings(data_dir=_newsdesk_index(work)))


def newsdesk_ingest(work: Path) -> dict[str, Any]:
    """Ingest the corpus into a new index (model loaded before the clock starts)."""
    desk = _newsdesk_desk(work)
    desk.index.embedder.embed_documents(["warm-up"])
    started = time.perf_counter()
    report = desk.ingest([work / "corpus"])
    seconds = time.perf_counter() - started
    desk.close()
    return {"seconds": seconds, "chunks": report.chunks, "articles": report.added}


def newsdesk_query(work: Path) -> dict[str, Any]:
    """Latencies of hybrid and dense search (k=5) and of `ask`, and XQuAD Recall@1/@5 per language."""
    desk = _newsdesk_desk(work)
    desk.warm_up()
    questions = _questions(work)
    timing: list[str] = questions["timing"]
    desk.ask(timing[0])  # the answer path's first-use costs
    result: dict[str, Any] = {
        "hybrid_ms": _timed_ms(lambda q: desk.search(q, k=5, mode="hybrid"), timing),
        "dense_ms": _timed_ms(lambda q: desk.search(q, k=5, mode="dense"), timing),
        "ask_ms": _timed_ms(desk.ask, timing[: questions["ask"]]),
    }
    for language, pairs in questions["xquad"].items():
        for mode in ("hybrid", "dense"):
            result[f"{language}_{mode}"] = article_recall(
                lambda q, m=mode: [p.article_id for p in desk.search(q, k=RANKED, mode=m)], pairs
            )
    desk.close()
    return result


def newsdesk_first_answer(work: Path, command: str) -> dict[str, Any]:
    """`newsdesk search|ask` as a user runs it, in this fresh process."""
    os.environ["NEWSDESK_DATA_DIR"] = str(_newsdesk_index(work))
    from bot.cli import main

    question = _questions(work)["timing"][0]
    try:
        main([command, question], standalone_mode=False)
    except SystemExit as exc:
        if exc.code not in (0, None):
            raise
    return {}


# --- LangChain --------------------------------------------------------------------------------------


def _lc_embeddings(model_folder: str) -> Any:
    """HuggingFaceEmbeddings over the same model folder, with e5's prompts (as newsdesk applies them)."""
    from langchain_huggingface import HuggingFaceEmbeddings

    return HuggingFaceEmbeddings(
        model_name=model_folder,
        model_kwargs={"device": "cpu", "local_files_only": True},
        encode_kwargs={"normalize_embeddings": True, "prompt_name": "document"},
        query_encode_kwargs={"normalize_embeddings": True, "prompt_name": "query"},
    )


def langchain_ingest(work: Path, model_folder: str) -> dict[str, Any]:
    """Split with RecursiveCharacterTextSplitter, embed and build a FAISS store, saved to WORKDIR."""
    from langchain_community.vectorstores import FAISS
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    embeddings = _lc_embeddings(model_folder)
    embeddings.embed_query("warm-up")
    records = _records(work)
    started = time.perf_counter()
    splitter = RecursiveCharacterTextSplitter(chunk_size=LC_CHUNK_SIZE, chunk_overlap=LC_CHUNK_OVERLAP)
    documents = splitter.create_documents(
        [r["text"] for r in records], metadatas=[{"id": r["id"]} for r in records]
    )
    store = FAISS.from_documents(documents, embeddings)
    store.save_local(str(work / "langchain-index"))
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "chunks": len(documents), "articles": len(records)}


def _lc_store(work: Path, model_folder: str) -> Any:
    """The saved FAISS store with its embeddings."""
    from langchain_community.vectorstores import FAISS

    return FAISS.load_local(
        str(work / "langchain-index"), _lc_embeddings(model_folder), allow_dangerous_deserialization=True
    )


def langchain_query(work: Path, model_folder: str) -> dict[str, Any]:
    """Latency of similarity_search (k=5, query embedding included) and XQuAD Recall@1/@5 per language."""
    store = _lc_store(work, model_folder)
    questions = _questions(work)
    store.similarity_search(questions["timing"][0], k=LC_K)
    result: dict[str, Any] = {
        "query_ms": _timed_ms(lambda q: store.similarity_search(q, k=LC_K), questions["timing"])
    }
    for language, pairs in questions["xquad"].items():
        result[f"{language}_dense"] = article_recall(
            lambda q: [d.metadata["id"] for d in store.similarity_search(q, k=RANKED)], pairs
        )
    return result


def langchain_first_answer(work: Path, model_folder: str) -> dict[str, Any]:
    """Load the store and the model and answer one question, as a LangChain script would."""
    store = _lc_store(work, model_folder)
    for document in store.similarity_search(_questions(work)["timing"][0], k=LC_K):
        print(document.page_content[:80])
    return {}


def main(argv: Sequence[str]) -> None:
    """Run STEP for SYSTEM in WORKDIR and print its figures and peak RSS as one JSON line."""
    step, system, work = argv[0], argv[1], Path(argv[2])
    folder = argv[3] if len(argv) > 3 else ""
    runs: dict[tuple[str, str], Callable[[], dict[str, Any]]] = {
        ("ingest", "newsdesk"): lambda: newsdesk_ingest(work),
        ("query", "newsdesk"): lambda: newsdesk_query(work),
        ("first-search", "newsdesk"): lambda: newsdesk_first_answer(work, "search"),
        ("first-ask", "newsdesk"): lambda: newsdesk_first_answer(work, "ask"),
        ("ingest", "langchain"): lambda: langchain_ingest(work, folder),
        ("query", "langchain"): lambda: langchain_query(work, folder),
        ("first-search", "langchain"): lambda: langchain_first_answer(work, folder),
    }
    figures = runs[(step, system)]()
    figures["peak_rss_mb"] = peak_rss_mb()
    print("BENCH " + json.dumps(figures))


if __name__ == "__main__":
    main(sys.argv[1:])
