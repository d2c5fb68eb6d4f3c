"""The `newsdesk` command line: thin commands over the Desk that turn typed errors into messages."""

from __future__ import annotations

import click

from bot.cli.bot_commands import feedback, run, sync
from bot.cli.corpus_commands import ask, claims, index_group, ingest, model, search, source, stats
from bot.cli.eval_commands import evaluate
from bot.cli.feed_commands import feeds, latest, refresh, timeline
from bot.cli.llm_commands import llm
from bot.terminal_chat import chat


@click.group()
@click.version_option(package_name="newsdesk")
def main() -> None:
    """newsdesk: answers questions about news articles, quoting and citing them."""


for command in (
    ingest,
    refresh,
    feeds,
    latest,
    timeline,
    search,
    ask,
    claims,
    source,
    stats,
    index_group,
    model,
    llm,
    evaluate,
    chat,
    run,
    sync,
    feedback,
):
    main.add_command(command)
