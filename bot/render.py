"""Plain-text rendering of core records for the terminal."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tqdm import tqdm

from bot.evaluation.answer_sets import AnswerEvaluation, Figures
from bot.evaluation.xquad import AnswerSentenceEvaluation
from bot.records import Answer
from bot.text import also_in, markdown_plain
from index.claims.evaluation import ClaimEvaluation
from index.evaluation import RetrievalEvaluation
from index.ingest import IngestReport, ProgressCallback
from index.records import (
    FeedStatus,
    IndexStats,
    LatestArticle,
    Passage,
    RefreshReport,
    SourceView,
    StoredClaim,
    TimelineEntry,
)

_WIDTH = 100


@contextmanager
def progress_bar(disabled: bool = False) -> Iterator[ProgressCallback]:
    """A tqdm bar on stderr, advanced once per ingested file."""
    bar = tqdm(total=0, unit="file", disable=disabled, dynamic_ncols=True, leave=False)

    def advance(done: int, total: int, name: str) -> None:
        bar.total = total
        bar.set_postfix_str(Path(name).name[-40:], refresh=False)
        bar.update(done - bar.n)

    try:
        yield advance
    finally:
        bar.close()


def ingest_summary(report: IngestReport) -> str:
    """One paragraph on what an ingest did."""
    rate = f", {report.chunks / report.seconds:.1f} chunks/s" if report.chunks and report.seconds else ""
    warned = f", {len(report.warnings)} warnings" if report.warnings else ""
    return (
        f"{report.files} files: {report.added} articles added, {report.updated} updated, "
        f"{report.unchanged} unchanged, {report.pruned} pruned, {report.failed} failed{warned}; "
        f"{report.chunks} chunks embedded in {report.seconds:.1f} s{rate}"
    )


def _meta(p: Passage) -> str:
    """Title, source and date of a passage's article (and the other outlets with the story)."""
    also = f" · {note}" if (note := also_in(p.also_in)) else ""
    return f"{p.title} — {p.source or 'unknown source'}, {p.date or 'undated'}{also}"


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


def answer(result: Answer) -> str:
    """An answer, its numbered sources, and related passages when it abstained."""
    lines = [textwrap.fill(markdown_plain(line), _WIDTH) for line in result.text.split("\n")]
    if result.citations:
        lines.append("")
        for c in result.citations:
            also = f" · {note}" if (note := also_in(c.also_in)) else ""
            lines.append(
                f"[{c.number}] {c.title} — {c.source or 'unknown source'}, {c.date or 'undated'}{also}"
            )
            lines.append(f"    source: {c.reference} (passage {c.chunk_id})")
    if result.related:
        lines.append("")
        for number, p in enumerate(result.related, start=1):
            lines.append(f"related {number}. {_meta(p)} (passage {p.chunk_id})")
            lines.append(textwrap.indent(textwrap.fill(_excerpt(p.text, 240), _WIDTH - 4), "    "))
    if not result.abstained:
        lines.append("")
        method = (
            f"worded by {result.rewriting.model}"
            if result.method == "llm" and result.rewriting
            else result.method
        )
        notes = [method, f"confidence {result.confidence:.2f}"]
        notes += ["contested"] if result.contested else []
        notes += ["tentative: the quotes may not answer this exact question"] if result.tentative else []
        lines.append(f"({', '.join(notes)})")
    return "\n".join(lines)


def claims_timeline(topic: str, found: list[StoredClaim]) -> str:
    """Claims in date order: date, speaker, stance and cue, the claim, and where it is."""
    if not found:
        return f"No claims found about {topic!r}."
    lines = [f"Claims about {topic!r}, oldest first:", ""]
    for c in found:
        lines.append(f"{c.date or 'undated':<10}  {c.speaker} — {c.stance} ({c.cue})")
        lines.append(textwrap.indent(textwrap.fill(f"“{c.content}”", _WIDTH - 12), " " * 12))
        lines.append(f"{'':12}{c.title} · source {c.article_id}:{c.start}-{c.end}")
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
        ("languages", ", ".join(f"{lang} {n}" for lang, n in figures.articles_by_language.items()) or "-"),
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
    lines = [f"{name:<13} {value}" for name, value in rows]
    for language, gaps in figures.language_gaps.items():
        count = figures.articles_by_language.get(language, 0)
        lines.append(f"note: {count} articles in '{language}': {'; '.join(gaps)}")
    return "\n".join(lines)


def claim_evaluation(result: ClaimEvaluation) -> str:
    """Precision and recall of claim extraction."""
    lines = [
        f"{result.texts} texts, {result.sentences} sentences, {result.gold} annotated claims, "
        f"{result.extracted} extracted",
        f"{'':<9} {'precision':>9} {'recall':>7}",
    ]
    for name, shares in (("found", result.found), ("speaker", result.speaker), ("stance", result.stance)):
        lines.append(f"{name:<9} {shares.precision:>9.3f} {shares.recall:>7.3f}")
    return "\n".join(lines)


def answer_sentence_evaluation(result: AnswerSentenceEvaluation) -> str:
    """The answer-sentence figures of an XQuAD run."""
    return (
        f"answer sentences: {result.accuracy:.3f} of {result.questions} questions hold the gold answer in the "
        f"first quoted sentence ({result.accuracy_answerable:.3f} of the {result.answerable_by_quote} whose gold "
        f"answer is in the paragraph); paragraph cited first {result.paragraph_cited_first:.3f}; "
        f"abstained {result.abstained:.3f}; median {result.median_seconds * 1000:.0f} ms per answer"
    )


def retrieval_evaluation(result: RetrievalEvaluation) -> str:
    """A table of the scores per mode."""
    lines = [
        f"{result.paragraphs} paragraphs, {result.chunks} chunks in all ({result.distractor_chunks} distractor chunks);"
        f" ingested in {result.ingest_seconds:.1f} s",
        f"{'mode':<14} {'questions':>9} {'R@1':>6} {'R@5':>6} {'MRR@10':>7}",
    ]
    for m in result.modes:
        lines.append(
            f"{m.mode:<14} {m.questions:>9} {m.recall_at_1:>6.3f} {m.recall_at_5:>6.3f} {m.mrr_at_10:>7.3f}"
        )
    return "\n".join(lines)


def _figures_row(name: str, f: Figures) -> str:
    """One row of the answer-evaluation table."""
    contested = f"{f.contested:.2f}" if f.contested is not None else "-"
    speaker = f"{f.speaker:.2f}" if f.speaker is not None else "-"
    outside = f"{f.answered_out_of_corpus:.2f}" if f.answered_out_of_corpus is not None else "-"
    return (
        f"{name:<14} {f.cases:>5} {f.fact:>6.2f} {f.article:>8.2f} {f.abstained:>10.2f} {contested:>10} "
        f"{speaker:>8} {outside:>9}"
    )


def answer_evaluation(result: AnswerEvaluation) -> str:
    """The answer-evaluation figures overall, per kind and per language, then the misses."""
    header = (
        f"{'group':<14} {'cases':>5} {'fact':>6} {'article':>8} {'abstained':>10} {'contested':>10} "
        f"{'speaker':>8} {'oc-answ':>9}"
    )
    lines = [header, _figures_row("all", result.overall)]
    lines += [_figures_row(kind, f) for kind, f in result.by_kind.items()]
    lines += [_figures_row(f"language {lang}", f) for lang, f in result.by_language.items()]
    lines.append(f"median seconds per question: {result.median_seconds:.2f}")
    lines.append(
        "(fact, article, abstained: shares of answerable cases; speaker: of who-said cases naming a speaker; "
        "oc-answ: out-of-corpus cases answered)"
    )
    misses = [
        r
        for r in result.results
        if (r.case.answerable and not (r.fact_found and r.article_cited))
        or (not r.case.answerable and not r.abstained)
    ]
    if misses:
        lines.append("")
        lines.append("misses:")
        for r in misses:
            what = (
                "answered"
                if not r.case.answerable
                else (
                    "abstained"
                    if r.abstained
                    else f"fact {'ok' if r.fact_found else 'missing'}, "
                    f"article {'ok' if r.article_cited else 'missing'}"
                )
            )
            lines.append(
                f"- [{r.case.kind}/{r.case.language}] {r.case.question} -> {what} (evidence {r.evidence:.3f})"
            )
    return "\n".join(lines)


def threshold_sweep(rows: list[tuple[float, float, float]]) -> str:
    """What each abstention threshold would do."""
    lines = ["", f"{'threshold':>9} {'out-of-corpus answered':>23} {'answerable abstained':>21}"]
    lines += [f"{t:>9.3f} {oc:>23.2f} {ab:>21.2f}" for t, oc, ab in rows]
    return "\n".join(lines)


def refresh_summary(report: RefreshReport) -> str:
    """One line per feed (new, updated, unchanged, failed, or why it was not read), then the totals."""
    if not report.feeds:
        return "No feeds to refresh."
    lines = []
    for f in report.feeds:
        name = f"{f.outlet} <{f.url}>" if f.outlet else f.url
        counts = f"{f.new} new, {f.updated} updated, {f.unchanged} unchanged, {f.failed} failed"
        error = f" — {f.error}" if f.error else ""
        lines.append(f"{f.outcome:<13} {name}: {counts}{error}")
    lines.append(
        f"{len(report.feeds)} feeds: {report.new} articles new, {report.updated} updated in {report.seconds:.1f} s"
    )
    return "\n".join(lines)


def latest_articles(topic: str | None, found: list[LatestArticle]) -> str:
    """The newest articles, each with outlet, date, link and the other outlets with the story."""
    about = f" on {topic!r}" if topic else ""
    if not found:
        return f"No articles found{about}."
    lines = [f"Latest articles{about}:", ""]
    for a in found:
        also = f" · {note}" if (note := also_in(a.also_in)) else ""
        lines.append(f"{a.date or 'undated':<10}  {a.title} — {a.source or 'unknown source'}{also}")
        lines.append(f"{'':12}{a.url or a.id}")
    return "\n".join(lines)


def timeline(topic: str, entries: list[TimelineEntry]) -> str:
    """Events (headlines) and claims on a topic in date order, each with its reference."""
    if not entries:
        return f"Nothing found about {topic!r}."
    lines = [f"Timeline of {topic!r}, oldest first:", ""]
    for e in entries:
        marker = "●" if e.kind == "event" else "“"
        lines.append(
            textwrap.fill(f"{e.date or 'undated':<10}  {marker} {e.text}", _WIDTH, subsequent_indent=" " * 14)
        )
        lines.append(f"{'':14}{e.source or 'unknown source'} · source {e.reference}")
    return "\n".join(lines)


def feed_statuses(found: list[FeedStatus]) -> str:
    """Each feed: outlet, URL, last fetch, articles and last error."""
    if not found:
        return "No feeds yet: set NEWSDESK_FEEDS or run `newsdesk ingest FEED-URL`."
    lines = []
    for f in found:
        lines.append(f"{f.outlet or f.title or f.url} <{f.url}>")
        backoff = f", retried after {f.next_attempt}" if f.next_attempt else ""
        lines.append(f"    last fetch {f.last_fetch or 'never'}, {f.articles} articles{backoff}")
        if f.last_error:
            lines.append(f"    last error: {f.last_error}")
    return "\n".join(lines)
