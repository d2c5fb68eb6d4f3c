"""`newsdesk chat`: the bot's commands in a terminal REPL, for users without a Discord token."""

from __future__ import annotations

import contextlib
import logging
import shlex
from collections.abc import Callable
from typing import TYPE_CHECKING

import click
from pydantic import ValidationError

from bot import render
from index.errors import InvalidQueryError, NewsdeskError
from index.records import SearchFilters, SourceView

if TYPE_CHECKING:
    from bot.desk import Desk

log = logging.getLogger("newsdesk.chat")

GENERIC = "Something went wrong; the error was logged."
HISTORY = 6  # earlier questions kept as the conversation
HELP = """\
Type a question (English or Dutch) and press Enter; follow-up questions continue the conversation.
  /new                                   start a new conversation
  /search QUERY [--since D] [--until D] [--source NAME]   the best passages (dates: YYYY, YYYY-MM, YYYY-MM-DD)
  /source REF                            a passage (#42), cited span (article:120-250) or article in context
  /article ID                            an article's metadata and opening
  /claims TOPIC                          who claimed what about a topic, in date order
  /latest [TOPIC] [--source OUTLET]      the newest articles (on a topic), one per story
  /timeline TOPIC                        the articles and claims on a topic, in date order
  /stats                                 figures about the index
  /help                                  this help
  /quit                                  leave"""


class Quit(Exception):
    """The user asked to leave."""


class UsageError(NewsdeskError):
    """A command was typed wrongly."""


def parse_search(arguments: str, topic_required: bool = True) -> tuple[str, SearchFilters]:
    """The query and filters of `/search QUERY [--since D] [--until D] [--source NAME]`."""
    words = shlex.split(arguments)
    query: list[str] = []
    options: dict[str, str] = {}
    while words:
        word = words.pop(0)
        if word in ("--since", "--until", "--source", "--outlet"):
            if not words:
                raise UsageError(f"{word} needs a value")
            options["source" if word == "--outlet" else word[2:]] = words.pop(0)
        else:
            query.append(word)
    if not query and topic_required:
        raise UsageError("usage: /search QUERY [--since D] [--until D] [--source NAME]")
    try:
        filters = SearchFilters.from_options(
            options.get("since"), options.get("until"), [options.get("source", "")]
        )
    except InvalidQueryError as exc:
        raise UsageError(str(exc)) from None
    return " ".join(query), filters


class TerminalChat:
    """A plain line is a question (earlier ones are its history until /new); /commands look things up."""

    def __init__(self, desk: Desk) -> None:
        self.desk = desk
        self.history: list[str] = []
        self.commands: dict[str, Callable[[str], str]] = {
            "new": self.new,
            "search": self.search,
            "source": self.source,
            "article": self.article,
            "claims": self.claims,
            "latest": self.latest,
            "timeline": self.timeline,
            "stats": self.stats,
            "help": self.help,
            "quit": self.quit,
            "exit": self.quit,
        }

    def handle(self, line: str) -> str:
        """The output for one line; raises Quit on /quit and core errors for bad requests."""
        line = line.strip()
        if not line:
            return ""
        if not line.startswith("/"):
            return self.ask(line)
        name, _, arguments = line[1:].partition(" ")
        command = self.commands.get(name.lower())
        if command is None:
            raise UsageError(f"unknown command /{name}; /help lists the commands")
        return command(arguments.strip())

    def ask(self, question: str) -> str:
        """Answer a question in the current conversation."""
        answer = self.desk.ask(question, None, self.history[-HISTORY:])
        self.history.append(question)
        return render.answer(answer)

    def new(self, _: str) -> str:
        """Forget the conversation."""
        self.history.clear()
        return "New conversation."

    def search(self, arguments: str) -> str:
        """The best passages for a query."""
        query, filters = parse_search(arguments)
        return render.passages(self.desk.search(query, 5, filters))

    def source(self, arguments: str) -> str:
        """A passage, span or article in context."""
        return render.source_view(self.desk.source(self._required(arguments, "/source REF")), 600)

    def article(self, arguments: str) -> str:
        """An article's metadata and opening."""
        found = self.desk.article(self._required(arguments, "/article ID"))
        return render.source_view(SourceView(article=found, start=0, end=0, chunk_ids=[]), 300)

    def claims(self, arguments: str) -> str:
        """Who claimed what about a topic."""
        topic = self._required(arguments, "/claims TOPIC")
        return render.claims_timeline(topic, self.desk.claims(topic))

    def latest(self, arguments: str) -> str:
        """The newest articles, on a topic if one is given."""
        topic, filters = parse_search(arguments, topic_required=False)
        return render.latest_articles(topic or None, self.desk.latest(topic or None, filters))

    def timeline(self, arguments: str) -> str:
        """The articles and claims on a topic in date order."""
        topic, filters = parse_search(self._required(arguments, "/timeline TOPIC"))
        return render.timeline(topic, self.desk.timeline(topic, filters))

    def stats(self, _: str) -> str:
        """Figures about the index."""
        return render.stats(self.desk.stats())

    def help(self, _: str) -> str:
        """The commands."""
        return HELP

    def quit(self, _: str) -> str:
        """Leave the chat."""
        raise Quit

    @staticmethod
    def _required(arguments: str, usage: str) -> str:
        """The argument, or a usage error when it is missing."""
        if not arguments:
            raise UsageError(f"usage: {usage}")
        return arguments

    def run(self, read: Callable[[str], str] = input, write: Callable[[str], None] = click.echo) -> None:
        """Read lines until /quit or end of input; errors are reported and the chat goes on."""
        write("Ask a question about the news, or /help.")
        while True:
            try:
                line = read("newsdesk> ")
            except (EOFError, KeyboardInterrupt):
                write("")
                return
            try:
                output = self.handle(line)
            except Quit:
                return
            except NewsdeskError as exc:
                output = f"error: {exc}"
            except Exception:
                log.exception("chat command failed: %r", line)
                output = GENERIC
            if output:
                write(output)


@click.command()
def chat() -> None:
    """Ask questions and look up sources in the terminal (no Discord needed)."""
    from bot.app import build_desk
    from bot.settings import Settings

    try:
        desk = build_desk(Settings())
    except (NewsdeskError, ValidationError) as exc:
        raise click.ClickException(str(exc).splitlines()[0]) from None
    try:
        with contextlib.suppress(ImportError):
            import readline  # noqa: F401  (line editing and history for input())
        TerminalChat(desk).run()
    finally:
        desk.close()
