"""JSON and JSON Lines articles with the fields id, title, date, url, source, language, text."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from index.errors import ParseError
from index.parsing.common import build_article, read_text
from index.records import Article


def _scalar(value: Any) -> str | None:
    """A field's value as text if it is a string or number (lists and objects are not metadata)."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    return str(value)


def _article_from_object(obj: Any, path: Path, position: int, notes: list[str]) -> Article:
    """One JSON object as an Article."""
    if not isinstance(obj, dict):
        raise ParseError(f"expected a JSON object, got {type(obj).__name__}")
    text = obj.get("text") or obj.get("body") or obj.get("content")
    if not isinstance(text, str) or not text.strip():
        raise ParseError("no 'text' field")
    return build_article(
        path=path,
        text=text,
        given_id=_scalar(obj.get("id")),
        title=_scalar(obj.get("title")),
        date_value=_scalar(obj.get("date") or obj.get("published")),
        source=_scalar(obj.get("source")),
        url=_scalar(obj.get("url")),
        language=_scalar(obj.get("language")),
        position=position,
        notes=notes,
    )


def iter_jsonl(path: Path, notes: list[str]) -> Iterator[Article | ParseError]:
    """Articles of a JSON Lines file; a bad line yields a ParseError naming the line, the rest still parse."""
    for number, line in enumerate(read_text(path, notes).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield _article_from_object(json.loads(line), path, number, notes)
        except json.JSONDecodeError as exc:
            yield ParseError(f"line {number}: malformed JSON ({exc.msg} at column {exc.colno})")
        except RecursionError:
            yield ParseError(f"line {number}: JSON nested too deeply")
        except (ParseError, ValueError) as exc:
            yield ParseError(f"line {number}: {exc}")


def iter_json(path: Path, notes: list[str]) -> Iterator[Article | ParseError]:
    """Articles of a JSON file holding one article object or a list of them."""
    try:
        data = json.loads(read_text(path, notes))
    except json.JSONDecodeError as exc:
        raise ParseError(f"malformed JSON ({exc.msg} at line {exc.lineno})") from exc
    except RecursionError:
        raise ParseError("JSON nested too deeply") from None
    items = data if isinstance(data, list) else [data]
    for number, obj in enumerate(items, start=1):
        try:
            yield _article_from_object(obj, path, number, notes)
        except (ParseError, ValueError) as exc:
            yield ParseError(f"item {number}: {exc}")
