"""Options shared by several commands: the --since/--until/--source filters."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


def filter_options(func: F) -> F:
    """The --since/--until/--source options (parsed by SearchFilters.from_options, as on every edge)."""
    func = click.option(
        "--source", "--outlet", "sources", multiple=True, help="Only this source or outlet (repeatable)."
    )(func)
    func = click.option("--until", help="Articles up to this date: YYYY, YYYY-MM or YYYY-MM-DD.")(func)
    func = click.option("--since", help="Articles from this date: YYYY, YYYY-MM or YYYY-MM-DD.")(func)
    return func
