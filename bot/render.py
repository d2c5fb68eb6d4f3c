"""Plain-text rendering of core records for the terminal."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tqdm import tqdm

from index.evaluation import RetrievalEvaluation
from index.ingest import IngestReport, ProgressCallback
from index.news_index import IndexStats, SourceView
from index.records import Passage

_WIDTH = 100


@contextmanager
def progress_bar(disabled: bool = False) -> Iterator[ProgressCallback]:
    """A tqdm bar on stderr, advanced once per ingested file."""
    bar = tqdm(total=0, unit="file", disable=disabled, dynamic_ncols=True, leave=False)

    def advance(done: int, total: int, path: Path) -> None:
        bar.total = total
        bar.set_postfix_str(path.name[-40:], refresh=False)
        bar.update(done - bar.n)

    try:
        yield advance
    finally:
        bar.close()


def ingest_summary(report: IngestReport) -> str:
    """One paragraph on what an ingest did."""
    rate = f", {report.chunks / report.seconds:.1f} chunks/s" if report.chunks and report.seconds else ""
    return (
        f"{report.files} files: {report.added} articles added, {report.updated} updated, "
        f"{report.unchanged} unchanged, {report.pruned} pruned, {report.failed} failed; "
        f"{report.chunks} chunks embedded in {report.seconds:.1f} s{rate}"
    )


def _meta(p: Passage) -> str:
    """Title, source and date of a passage's article."""
    return f"{p.title} — {p.source or 'unknown source'}, {p.date or 'undated'}"


def _scores(p: Passage) -> str:
    """The scores that ranked a passage."""
    parts = [f"score {p.score:.4f}"]
    if p.dense_rank is not None:
        parts.append(f"dense {p.dense_score:.3f} (#{p.dense_rank})")
    if p.keyword_rank is not None:
        parts.append(f"keyword {p.keyword_score:.2f} (#{p.keyword_rank})")
    return " · ".join(parts)


def _excerpt(text: str, limit: int = 400) -> str:
    """The text on one line, shortened at a word boundary."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit].rsplit(" ", 1)[0] + " …"


def passages(found: list[Passage]) -> str:
    """Ranked passages with metadata, scores, ids and offsets."""
    if not found:
        return "No passages found."
    blocks = []
    for rank, p in enumerate(found, start=1):
        head = f"{rank}. {_meta(p)}"
        ids = f"   passage {p.chunk_id} · {p.article_id}:{p.start}-{p.end} · {_scores(p)}"
        body = textwrap.indent(textwrap.fill(_excerpt(p.text), _WIDTH - 3), "   ")
        blocks.append(f"{head}\n{ids}\n{body}")
    return "\n\n".join(blocks)


def cited_passages(question: str, found: list[Passage]) -> str:
    """The passages for a question as numbered citations."""
    if not found:
        return "The articles don't say: no passage matches this question."
    lines = [f"Passages for: {question}", ""]
    for number, p in enumerate(found, start=1):
        lines.append(textwrap.fill(f"[{number}] “{_excerpt(p.text, 500)}”", _WIDTH, subsequent_indent="    "))
        lines.append(f"    — {_meta(p)} (passage {p.chunk_id})")
    return "\n".join(lines)


def source_view(view: SourceView, context: int) -> str:
    """An article with the marked span between »« and some context around it."""
    article = view.article
    head = [
        article.title,
        f"{article.source or 'unknown source'} · {article.date or 'undated'} · {article.language} · id {article.id}",
    ]
    if article.url:
        head.append(article.url)
    if view.chunk_id is not None:
        head.append(f"passage {view.chunk_id} (characters {view.start}-{view.end})")
    elif view.end > view.start:
        head.append(f"characters {view.start}-{view.end}")
    text = article.text
    if view.end <= view.start:
        body = text if len(text) <= 4 * context else text[: 4 * context].rsplit(" ", 1)[0] + " …"
    else:
        left = max(0, view.start - context)
        right = min(len(text), view.end + context)
        body = (
            ("… " if left else "")
            + text[left : view.start]
            + "»"
            + text[view.start : view.end]
            + "«"
            + text[view.end : right]
            + (" …" if right < len(text) else "")
        )
    return "\n".join(head) + "\n\n" + body


def _size(n: int) -> str:
    """Bytes in a human unit."""
    value = float(n)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{n} B"


def stats(figures: IndexStats) -> str:
    """The index figures as aligned lines."""
    rows = [
        ("data folder", figures.data_dir),
        ("articles", str(figures.articles)),
        ("chunks", str(figures.chunks)),
        ("sources", str(figures.sources)),
        ("languages", str(figures.languages)),
        ("dates", f"{figures.first_date or '-'} to {figures.last_date or '-'}"),
        (
            "model",
            f"{figures.model or '(none yet)'}" + (f", {figures.dimension}-d" if figures.dimension else ""),
        ),
        ("index type", figures.index_type or "-"),
        ("database", _size(figures.database_bytes)),
        ("vector index", _size(figures.vector_bytes)),
        ("schema", f"version {figures.schema_version}, generation {figures.generation}"),
    ]
    return "\n".join(f"{name:<13} {value}" for name, value in rows)


def retrieval_evaluation(result: RetrievalEvaluation) -> str:
    """A table of the scores per mode."""
    lines = [
        f"{result.paragraphs} paragraphs, {result.chunks} chunks in all ({result.distractor_chunks} distractor chunks);"
        f" ingested in {result.ingest_seconds:.1f} s",
        f"{'mode':<8} {'questions':>9} {'R@1':>6} {'R@5':>6} {'MRR@10':>7}",
    ]
    for m in result.modes:
        lines.append(
            f"{m.mode:<8} {m.questions:>9} {m.recall_at_1:>6.3f} {m.recall_at_5:>6.3f} {m.mrr_at_10:>7.3f}"
        )
    return "\n".join(lines)
