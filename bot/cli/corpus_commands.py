"""Commands over the index: ingest, search, ask, claims, source, stats and the embedding model."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from bot import render
from bot.app import build_desk, install_model
from bot.cli.edge import edge, fail
from bot.cli.options import filter_options
from bot.settings import Settings
from index.feeds.canonical import is_url
from index.records import SearchFilters, SearchMode


@click.command()
@click.argument("paths", nargs=-1)
@click.option("--prune", is_flag=True, help="Drop stored articles under PATHS whose file or record is gone.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@edge
def ingest(paths: tuple[str, ...], prune: bool, quiet: bool) -> None:
    """Index article files or folders (default: NEWSDESK_ARTICLE_DIRS), or fetch feed and article URLs.

    A feed URL (RSS or Atom) is also followed from then on: `newsdesk refresh` and the running bot fetch it.
    """
    settings = Settings()
    urls = [p for p in paths if is_url(p)]
    targets = [Path(p) for p in paths if not is_url(p)] or ([] if urls else settings.article_dirs)
    if not targets and not urls:
        fail("name files, folders or URLs to ingest, or set NEWSDESK_ARTICLE_DIRS")
    desk = build_desk(settings)
    url_failed = False
    try:
        if urls:
            with render.progress_bar(disabled=quiet) as progress:
                fetched = desk.ingest_urls(urls, progress=progress)
            click.echo(render.refresh_summary(fetched))
            url_failed = any(f.outcome == "failed" or f.failed for f in fetched.feeds)
        if not targets:
            sys.exit(1 if url_failed else 0)
        with render.progress_bar(disabled=quiet) as progress:
            report = desk.ingest(targets, prune=prune, progress=progress)
    finally:
        desk.close()
    click.echo(render.ingest_summary(report))
    for warning in report.warnings:
        click.secho(f"  warning: {warning.path}: {warning.reason}", fg="yellow", err=True)
    for failure in report.failures:
        click.secho(f"  failed: {failure.path}: {failure.reason}", fg="red", err=True)
    if report.failures or url_failed:
        sys.exit(1)


@click.command()
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
    mode: SearchMode,
    since: str | None,
    until: str | None,
    sources: tuple[str, ...],
    as_json: bool,
) -> None:
    """Ranked passages for QUERY, with title, date, source, scores and character offsets."""
    filters = SearchFilters.from_options(since, until, sources)
    passages = build_desk(Settings()).search(query, k=k, filters=filters, mode=mode)
    if as_json:
        click.echo(json.dumps([p.model_dump() for p in passages], ensure_ascii=False, indent=2))
    else:
        click.echo(render.passages(passages))


@click.command()
@click.argument("question")
@filter_options
@click.option("--json", "as_json", is_flag=True, help="Print the whole answer record as JSON.")
@edge
def ask(question: str, since: str | None, until: str | None, sources: tuple[str, ...], as_json: bool) -> None:
    """Answer QUESTION from the articles, quoting and citing them (or say the articles don't say)."""
    filters = SearchFilters.from_options(since, until, sources)
    answer = build_desk(Settings()).ask(question, filters)
    click.echo(answer.model_dump_json(indent=2) if as_json else render.answer(answer))


@click.command()
@click.argument("topic")
@filter_options
@click.option("--limit", default=25, show_default=True, type=click.IntRange(1, 200))
@click.option("--json", "as_json", is_flag=True, help="Print the claims as JSON.")
@edge
def claims(
    topic: str, since: str | None, until: str | None, sources: tuple[str, ...], limit: int, as_json: bool
) -> None:
    """Who claimed, said or denied what about TOPIC, in date order."""
    filters = SearchFilters.from_options(since, until, sources)
    found = build_desk(Settings()).claims(topic, filters, limit)
    if as_json:
        click.echo(json.dumps([c.model_dump() for c in found], ensure_ascii=False, indent=2))
    else:
        click.echo(render.claims_timeline(topic, found))


@click.command()
@click.argument("reference")
@click.option("--context", default=600, show_default=True, help="Characters of context around the passage.")
@edge
def source(reference: str, context: int) -> None:
    """Show a passage (chunk id), an article (article id) or a cited span (ARTICLE:START-END) in context."""
    click.echo(render.source_view(build_desk(Settings()).source(reference), context))


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@edge
def stats(as_json: bool) -> None:
    """Articles, chunks, model, index type and sizes on disk."""
    figures = build_desk(Settings()).stats()
    click.echo(figures.model_dump_json(indent=2) if as_json else render.stats(figures))


@click.group("index")
def index_group() -> None:
    """Check and mend the index."""


@index_group.command("verify")
@click.option("--repair", is_flag=True, help="Rebuild what does not match (vectors, keywords, claims).")
@edge
def index_verify(repair: bool) -> None:
    """Check that the vector index, keyword index and claims agree with the stored articles."""
    desk = build_desk(Settings())
    try:
        report = desk.verify(repair)
    finally:
        desk.close()
    click.echo(f"{report.articles} articles, {report.chunks} chunks, {report.vectors} vectors")
    for line in report.repaired:
        click.secho(f"  repaired: {line}", fg="green")
    for line in report.problems:
        click.secho(f"  problem: {line}", fg="red")
    if not report.ok:
        sys.exit(1)
    click.echo("consistent" if not report.repaired else "consistent after repair")


@index_group.command("migrate")
@click.option(
    "--to", "backend", type=click.Choice(["qdrant", "faiss"]), required=True, help="The backend to fill."
)
@click.option("--url", help="The Qdrant server or cluster (default: NEWSDESK_QDRANT_URL; unset: local mode).")
@edge
def index_migrate(backend: str, url: str | None) -> None:
    """Copy every stored vector into another backend; the bot moves to it when the settings name it."""
    settings = Settings()
    target = settings.vector_store().model_copy(update={"backend": backend})
    if url:
        target = target.model_copy(update={"qdrant_url": url})
    desk = build_desk(settings)
    try:
        copied = desk.copy_vectors_to(target)
    finally:
        desk.close()
    where = target.qdrant_url or f"local mode in {settings.data_dir / 'vectors' / 'qdrant'}"
    click.echo(f"{copied} vectors copied to {backend}" + (f" ({where})" if backend == "qdrant" else ""))
    setting = f"NEWSDESK_VECTOR_BACKEND={backend}"
    if backend == "qdrant" and target.qdrant_url:
        setting += f" and NEWSDESK_QDRANT_URL={target.qdrant_url}"
    click.echo(f"set {setting} to use them; later ingests keep that backend up to date")


@click.group()
def model() -> None:
    """Manage the embedding model."""


@model.command("install")
@click.option("--force", is_flag=True, help="Rebuild the model folder even if it exists.")
@edge
def model_install(force: bool) -> None:
    """Provision the embedding model (offline for multilingual-e5-small) and check that it loads."""
    settings = Settings()
    path, dimension = install_model(settings, force)
    click.echo(f"model {settings.model!r} at {path}")
    click.echo(f"loaded: {dimension}-dimensional vectors")
