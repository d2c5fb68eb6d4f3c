"""The `newsdesk` command line: a thin edge over the core that turns typed errors into messages."""

from __future__ import annotations

import json
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import click

from bot import render
from bot.app import build_desk, build_embedder, build_index
from bot.discord.cli_commands import feedback, run, sync
from bot.edge import F, edge, fail
from bot.settings import Settings
from bot.terminal_chat import chat
from index.evaluation import EVAL_MODES, evaluate_retrieval
from index.records import SearchFilters, date_bounds


class PartialDate(click.ParamType):
    """A date written as YYYY, YYYY-MM or YYYY-MM-DD; `first` picks the first or the last day it covers."""

    name = "date"

    def __init__(self, first: bool) -> None:
        self.first = first

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            start, end = date_bounds(str(value).strip())
        except ValueError as exc:
            self.fail(str(exc), param, ctx)
        return start if self.first else end


def filter_options(func: F) -> F:
    """The --since/--until/--source options shared by search and ask."""
    func = click.option("--source", "sources", multiple=True, help="Only this source (repeatable).")(func)
    func = click.option("--until", type=PartialDate(first=False), help="Articles up to this date.")(func)
    func = click.option("--since", type=PartialDate(first=True), help="Articles from this date.")(func)
    return func


@click.group()
@click.version_option(package_name="newsdesk")
def main() -> None:
    """newsdesk: answers questions about news articles, quoting and citing them."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--prune", is_flag=True, help="Drop stored articles under PATHS whose file or record is gone.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@edge
def ingest(paths: tuple[Path, ...], prune: bool, quiet: bool) -> None:
    """Parse, chunk, embed and index article files or folders (default: NEWSDESK_ARTICLE_DIRS)."""
    settings = Settings()
    targets = list(paths) or settings.article_dirs
    if not targets:
        fail("name files or folders to ingest, or set NEWSDESK_ARTICLE_DIRS")
    index = build_index(settings)
    with render.progress_bar(disabled=quiet) as progress:
        report = index.ingest(targets, prune=prune, progress=progress)
    click.echo(render.ingest_summary(report))
    for failure in report.failures:
        click.secho(f"  failed: {failure.path}: {failure.reason}", fg="yellow", err=True)
    if report.failures:
        sys.exit(1)


@main.command()
@click.argument("query")
@click.option("--k", default=5, show_default=True, type=click.IntRange(1, 100), help="Number of passages.")
@click.option(
    "--mode", type=click.Choice(["hybrid", "dense", "keyword"]), default="hybrid", show_default=True
)
@filter_options
@click.option("--json", "as_json", is_flag=True, help="Print the passages as JSON.")
@edge
def search(
    query: str,
    k: int,
    mode: str,
    since: date | None,
    until: date | None,
    sources: tuple[str, ...],
    as_json: bool,
) -> None:
    """Ranked passages for QUERY, with title, date, source, scores and character offsets."""
    filters = SearchFilters(since=since, until=until, sources=list(sources))
    passages = build_index(Settings()).search(query, k=k, filters=filters, mode=mode)  # type: ignore[arg-type]
    if as_json:
        click.echo(json.dumps([p.model_dump() for p in passages], ensure_ascii=False, indent=2))
    else:
        click.echo(render.passages(passages))


@main.command()
@click.argument("question")
@filter_options
@click.option("--json", "as_json", is_flag=True, help="Print the whole answer record as JSON.")
@edge
def ask(
    question: str, since: date | None, until: date | None, sources: tuple[str, ...], as_json: bool
) -> None:
    """Answer QUESTION from the articles, quoting and citing them (or say the articles don't say)."""
    filters = SearchFilters(since=since, until=until, sources=list(sources))
    answer = build_desk(Settings()).ask(question, filters)
    click.echo(answer.model_dump_json(indent=2) if as_json else render.answer(answer))


@main.command()
@click.argument("topic")
@filter_options
@click.option("--limit", default=25, show_default=True, type=click.IntRange(1, 200))
@click.option("--json", "as_json", is_flag=True, help="Print the claims as JSON.")
@edge
def claims(
    topic: str, since: date | None, until: date | None, sources: tuple[str, ...], limit: int, as_json: bool
) -> None:
    """Who claimed, said or denied what about TOPIC, in date order."""
    filters = SearchFilters(since=since, until=until, sources=list(sources))
    found = build_desk(Settings()).claims(topic, filters, limit)
    if as_json:
        click.echo(json.dumps([c.model_dump() for c in found], ensure_ascii=False, indent=2))
    else:
        click.echo(render.claims_timeline(topic, found))


@main.command()
@click.argument("reference")
@click.option("--context", default=600, show_default=True, help="Characters of context around the passage.")
@edge
def source(reference: str, context: int) -> None:
    """Show a passage (chunk id), an article (article id) or a cited span (ARTICLE:START-END) in context."""
    click.echo(render.source_view(build_index(Settings()).source(reference), context))


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@edge
def stats(as_json: bool) -> None:
    """Articles, chunks, model, index type and sizes on disk."""
    figures = build_index(Settings()).stats()
    click.echo(figures.model_dump_json(indent=2) if as_json else render.stats(figures))


@main.group()
def model() -> None:
    """Manage the embedding model."""


@model.command("install")
@click.option("--force", is_flag=True, help="Rebuild the model folder even if it exists.")
@edge
def model_install(force: bool) -> None:
    """Provision the embedding model (offline for multilingual-e5-small) and check that it loads."""
    from index.embedding.provision import provision_e5
    from index.embedding.sentence_transformer import resolve_model_path

    settings = Settings()
    if force:
        provision_e5(settings.model_cache, force=True)
    click.echo(f"model {settings.model!r} at {resolve_model_path(settings.model, settings.model_cache)}")
    embedder = build_embedder(settings)
    click.echo(f"loaded: {embedder.dimension}-dimensional vectors")


@main.group("eval")
def evaluate() -> None:
    """Measure retrieval and answer quality."""


@evaluate.command("xquad")
@click.option(
    "--questions", type=click.Path(exists=True, path_type=Path), required=True, help="SQuAD-format file."
)
@click.option(
    "--passages", type=click.Path(exists=True, path_type=Path), required=True, help="SQuAD-format file."
)
@click.option(
    "--distractors", type=click.Path(exists=True, path_type=Path), multiple=True, help="More articles."
)
@click.option("--mode", "modes", type=click.Choice(list(EVAL_MODES)), multiple=True, help="Default: all.")
@click.option("--limit", type=click.IntRange(1), help="Only the first N questions.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@edge
def eval_xquad(
    questions: Path,
    passages: Path,
    distractors: tuple[Path, ...],
    modes: tuple[str, ...],
    limit: int | None,
    as_json: bool,
) -> None:
    """Recall@1, Recall@5 and MRR@10 of finding each question's paragraph (in a temporary index)."""
    settings = Settings()
    result = evaluate_retrieval(
        build_embedder(settings),
        questions,
        passages,
        list(distractors),
        modes=modes or EVAL_MODES,  # type: ignore[arg-type]
        chunking=settings.chunking(),
        retrieval=settings.retrieval(),
        limit=limit,
    )
    click.echo(result.model_dump_json(indent=2) if as_json else render.retrieval_evaluation(result))


@evaluate.command("answers")
@click.argument("question_set", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--corpus",
    type=click.Path(exists=True, path_type=Path),
    multiple=True,
    help="Answer from a temporary index of these files or folders instead of the configured index.",
)
@click.option(
    "--sweep", is_flag=True, help="Never abstain, and print what each abstention threshold would do."
)
@click.option("--json", "as_json", is_flag=True, help="Print the evaluation as JSON.")
@edge
def eval_answers(question_set: Path, corpus: tuple[Path, ...], sweep: bool, as_json: bool) -> None:
    """Share of answers holding the expected fact and citing the right article, and abstention figures."""
    from bot.answer.compose import AnswerPolicy
    from bot.answer.evaluation import evaluate_answers, load_cases, threshold_sweep

    settings = Settings()
    cases = load_cases(question_set)
    with tempfile.TemporaryDirectory(prefix="newsdesk-eval-") as tmp:
        if corpus:
            settings = settings.model_copy(update={"data_dir": Path(tmp)})
        desk = build_desk(settings)
        if corpus:
            report = desk.index.ingest(list(corpus))
            click.echo(render.ingest_summary(report), err=True)
        if sweep:
            desk.answerer.policy = AnswerPolicy(min_relevance=-1.0)
        result = evaluate_answers(desk.ask, cases)
        desk.close()
    if as_json:
        click.echo(result.model_dump_json(indent=2))
        return
    click.echo(render.answer_evaluation(result))
    if sweep:
        thresholds = [round(0.08 + 0.005 * i, 3) for i in range(15)]
        click.echo(render.threshold_sweep(threshold_sweep(result.results, thresholds)))


for command in (run, sync, feedback, chat):
    main.add_command(command)

if __name__ == "__main__":
    main()
