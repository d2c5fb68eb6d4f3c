"""The command-line edge's error handling: core errors and bad settings become one line and exit status 2."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any, NoReturn, TypeVar

import click
from pydantic import ValidationError

from index.errors import NewsdeskError

F = TypeVar("F", bound=Callable[..., Any])


def fail(message: str, code: int = 2) -> NoReturn:
    """Print an error and exit."""
    click.secho(f"error: {message}", fg="red", err=True)
    sys.exit(code)


def settings_problems(exc: ValidationError) -> str:
    """A validation error as 'field: message; ...'."""
    return "; ".join(f"{'.'.join(map(str, e['loc'])) or 'value'}: {e['msg']}" for e in exc.errors())


def edge(func: F) -> F:
    """Run a command, turning core errors and invalid settings or options into a message and exit status 2."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except NewsdeskError as exc:
            fail(str(exc))
        except ValidationError as exc:
            fail(f"invalid setting or option: {settings_problems(exc)}")

    return wrapper  # type: ignore[return-value]
