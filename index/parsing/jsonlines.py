"""JSON and JSON Lines articles with the fields id, title, date, url, source, language, text."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from index.errors import ParseError
from index.parsing.common import build_article, read_text
from index.records import Article


def _article_from_object(obj: Any, path: Path, position: int) -> Article:
    """One JSON object as an Article."""
    if not isinstance(obj, dict):
        raise ParseError(f"expected a JSON object, got {type(obj).__name__}")
    text = obj.get("text") or obj.get("body") or obj.get("content")
    if not isinstance(text, str) or not text.strip():
        raise ParseError("no 'text' field")
    return build_article(
        path=path,
        text=text,
        given_id=obj.get("id"),
        title=obj.get("title"),
        date_value=obj.get("date") or obj.get("published"),
        source=obj.get("source"),
        url=obj.get("url"),
        language=obj.get("language"),
        position=position,
    )


def iter_jsonl(path: Path) -> Iterator[Article | ParseError]:
    """Articles of a JSON Lines file; a bad line yields a ParseError naming the line, the rest still parse."""
    for number, line in enumerate(read_text(path).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield _article_from_object(json.loads(line), path, number)
        except json.JSONDecodeError as exc:
            yield ParseError(f"line {number}: malformed JSON ({exc.msg} at column {exc.colno})")
        except (ParseError, ValueError) as exc:
            yield ParseError(f"line {number}: {exc}")


def iter_json(path: Path) -> Iterator[Article | ParseError]:
    """Articles of a JSON file holding one article object or a list of them."""
    try:
        data = json.loads(read_text(path))
    except json.JSONDecodeError as exc:
        raise ParseError(f"malformed JSON ({exc.msg} at line {exc.lineno})") from exc
    items = data if isinstance(data, list) else [data]
    for number, obj in enumerate(items, start=1):
        try:
            yield _article_from_object(obj, path, number)
        except (ParseError, ValueError) as exc:
            yield ParseError(f"item {number}: {exc}")
