"""Turn files into Articles: one parser per format, chosen by file extension."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

from pydantic import ValidationError

from index.cleaning import printable_path
from index.errors import ParseError
from index.parsing.html import parse_html
from index.parsing.jsonlines import iter_json, iter_jsonl
from index.parsing.markdown import parse_markdown
from index.parsing.plaintext import parse_plaintext
from index.records import Article


class ParseWarning(NamedTuple):
    """Something about a file worth telling the user, though its articles were read (an odd date, say)."""

    reason: str


_SINGLE: dict[str, Callable[[Path, list[str]], list[Article]]] = {
    ".txt": parse_plaintext,
    ".md": parse_markdown,
    ".markdown": parse_markdown,
    ".html": parse_html,
    ".htm": parse_html,
}
_MANY: dict[str, Callable[[Path, list[str]], Iterator[Article | ParseError]]] = {
    ".jsonl": iter_jsonl,
    ".ndjson": iter_jsonl,
    ".json": iter_json,
}
log = logging.getLogger(__name__)
SUPPORTED_SUFFIXES = frozenset(_SINGLE) | frozenset(_MANY)
# Files in an article folder that are documentation, not articles.
_NOT_ARTICLES = ("readme", "license", "licence", "changelog", "notice")


def _is_article_file(path: Path) -> bool:
    """True for a file a folder walk should parse."""
    name = path.name.lower()
    return (
        path.suffix.lower() in SUPPORTED_SUFFIXES
        and not name.startswith(".")
        and not name.startswith(_NOT_ARTICLES)
    )


def collect_files(paths: Iterable[Path]) -> list[Path]:
    """Article files named directly or found in folders (recursively), sorted, without duplicates."""
    found: set[Path] = set()
    for path in paths:
        if path.is_dir():
            found.update(p.resolve() for p in path.rglob("*") if p.is_file() and _is_article_file(p))
        else:
            found.add(path.resolve())
    return sorted(found)


def parse_file(path: Path) -> Iterator[Article | ParseError | ParseWarning]:
    """Articles of one file; a problem with the file, or with one record in it, is yielded as a ParseError.

    Whatever goes wrong inside a parser is reported as a ParseError for this file: one bad file never stops
    an ingest.
    """
    suffix = path.suffix.lower()
    notes: list[str] = []
    try:
        if not path.exists():
            raise ParseError("no such file")
        if suffix in _SINGLE:
            yield from _SINGLE[suffix](path, notes)
        elif suffix in _MANY:
            yield from _MANY[suffix](path, notes)
        else:
            supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
            raise ParseError(f"unsupported file type {suffix or '(none)'}; supported: {supported}")
    except ParseError as exc:
        yield exc
    except ValidationError as exc:
        yield ParseError("; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()))
    except RecursionError:
        yield ParseError("nested too deeply to read")
    except Exception as exc:  # a parser library's bug must not cost the rest of the ingest
        log.warning("parsing %s failed", printable_path(path), exc_info=True)
        yield ParseError(f"cannot be read ({type(exc).__name__}: {exc})")
    for note in notes:
        yield ParseWarning(note)
