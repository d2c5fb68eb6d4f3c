"""Commands over feeds and the newest articles: refresh, feeds, latest and timeline."""

from __future__ import annotations

import json
import sys

import click

from bot import render
from bot.app import build_desk
from bot.cli.edge import edge
from bot.cli.options import filter_options
from bot.settings import Settings
from index.records import SearchFilters


@click.command()
@click.option("--force", is_flag=True, help="Also fetch feeds that are backing off after failures.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@edge
def refresh(force: bool, quiet: bool) -> None:
    """Fetch NEWSDESK_FEEDS (and feeds ingested by URL) once and ingest what is new or changed."""
    desk = build_desk(Settings())
    try:
        with render.progress_bar(disabled=quiet) as progress:
            report = desk.refresh(progress, force=force)
    finally:
        desk.close()
    click.echo(render.refresh_summary(report))
    if any(f.outcome == "failed" for f in report.feeds):
        sys.exit(1)


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the feeds as JSON.")
@edge
def feeds(as_json: bool) -> None:
    """The feeds followed, with their last fetch, article count and last error."""
    found = build_desk(Settings()).feed_statuses()
    if as_json:
        click.echo(json.dumps([f.model_dump() for f in found], ensure_ascii=False, indent=2))
    else:
        click.echo(render.feed_statuses(found))


@click.command()
@click.argument("topic", required=False)
@filter_options
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 100))
@click.option("--json", "as_json", is_flag=True, help="Print the articles as JSON.")
@edge
def latest(
    topic: str | None,
    since: str | None,
    until: str | None,
    sources: tuple[str, ...],
    limit: int,
    as_json: bool,
) -> None:
    """The newest articles (on TOPIC, if given), one per story, with the other outlets that carry it."""
    filters = SearchFilters.from_options(since, until, sources)
    found = build_desk(Settings()).latest(topic, filters, limit)
    if as_json:
        click.echo(json.dumps([a.model_dump() for a in found], ensure_ascii=False, indent=2))
    else:
        click.echo(render.latest_articles(topic, found))


@click.command()
@click.argument("topic")
@filter_options
@click.option("--limit", default=25, show_default=True, type=click.IntRange(1, 200))
@click.option("--json", "as_json", is_flag=True, help="Print the timeline as JSON.")
@edge
def timeline(
    topic: str, since: str | None, until: str | None, sources: tuple[str, ...], limit: int, as_json: bool
) -> None:
    """The articles and claims on TOPIC in date order, each with its reference for `newsdesk source`."""
    filters = SearchFilters.from_options(since, until, sources)
    found = build_desk(Settings()).timeline(topic, filters, limit)
    if as_json:
        click.echo(json.dumps([e.model_dump() for e in found], ensure_ascii=False, indent=2))
    else:
        click.echo(render.timeline(topic, found))
