"""`newsdesk run`, `sync` and `feedback`: the Discord bot's commands (discord.py is imported only inside them)."""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Callable
from typing import Any, TypeVar

import click

from bot.cli.edge import edge, fail
from bot.settings import Settings
from bot.text import one_line, shorten

F = TypeVar("F", bound=Callable[..., Any])

NO_TOKEN = (
    "DISCORD_TOKEN is not set. Create a bot at https://discord.com/developers/applications, copy its token "
    "and put DISCORD_TOKEN=... in .env (or the environment); or try `newsdesk chat` in the terminal."
)


def discord_edge(func: F) -> F:
    """The CLI edge, plus a clear message when Discord refuses the token."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        import discord

        try:
            return func(*args, **kwargs)
        except discord.LoginFailure:
            fail("Discord refused the token in DISCORD_TOKEN; copy it again from the developer portal.")

    return edge(wrapper)  # type: ignore[return-value]  # functools.wraps keeps the signature F describes


def _token(settings: Settings) -> str:
    """The bot token from the settings, or exit with how to set it."""
    if settings.discord_token is None:
        fail(NO_TOKEN)
    return settings.discord_token.get_secret_value()


@click.command()
@click.option(
    "--if-configured", is_flag=True, help="Without DISCORD_TOKEN, say how to connect Discord and exit 0."
)
@discord_edge
def run(if_configured: bool) -> None:
    """Start the Discord bot (needs DISCORD_TOKEN); publish its commands once with `newsdesk sync`."""
    settings = Settings()
    if if_configured and settings.discord_token is None:
        click.echo(
            f"\nThe Discord bot is not started: {NO_TOKEN} Then: `newsdesk sync --guild ID` once, `make run`."
        )
        return
    token = _token(settings)
    from bot.app import build_desk
    from bot.discord.client import make_bot

    desk = build_desk(settings)
    try:
        make_bot(desk, settings).run(token, log_level=logging.INFO, root_logger=True)
    finally:
        desk.close()


@click.command()
@click.option(
    "--guild", "guild_id", type=int, help="Publish to this server only (default NEWSDESK_DISCORD_GUILD)."
)
@click.option(
    "--global", "everywhere", is_flag=True, help="Publish to every server (Discord may take a while)."
)
@discord_edge
def sync(guild_id: int | None, everywhere: bool) -> None:
    """Publish the bot's slash commands to Discord, then exit (not done on every start)."""
    from bot.app import build_desk
    from bot.discord.client import login_and_sync, make_bot

    settings = Settings()
    token = _token(settings)
    target = None if everywhere else guild_id or settings.discord_guild
    desk = build_desk(settings)
    try:
        synced = asyncio.run(login_and_sync(make_bot(desk, settings, warm_up=False), token, target))
    finally:
        desk.close()
    where = f"to server {target}" if target else "globally"
    click.echo(f"synced {len(synced)} commands {where}: " + ", ".join(f"/{c.name}" for c in synced))


@click.command()
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 10_000), help="Votes to list.")
@edge
def feedback(limit: int) -> None:
    """The newest 👍/👎 votes on the bot's answers, and the totals."""
    from bot.feedback import FEEDBACK_FILE, FeedbackStore

    path = Settings().data_dir / FEEDBACK_FILE
    if not path.exists():
        click.echo("No votes yet.")
        return
    store = FeedbackStore(path)
    try:
        votes, (up, down) = store.recent(limit), store.totals()
    finally:
        store.close()
    for vote in votes:
        mark = "👍" if vote.vote > 0 else "👎"
        question = shorten(one_line(vote.question), 80)
        click.echo(
            f"{vote.created_at}  {mark}  user {vote.user_id}  channel {vote.channel_id or '-'}  {question}"
        )
    click.echo(f"totals: {up} 👍, {down} 👎")
