"""Helpers shared by the parsers: ids, dates, titles, language and text normalisation."""

from __future__ import annotations

import hashlib
import re
from datetime import date, datetime
from pathlib import Path

from index.dates import date_bounds
from index.errors import ParseError
from index.language import detect_language
from index.records import Article

_ISO_PREFIX = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ][\d:.+\-Z]*)?\s*$")
_SLUG = re.compile(r"[^a-z0-9]+")
_BLANK_LINES = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")
_TITLE_CHARS = 120


def read_text(path: Path) -> str:
    """Read a UTF-8 text file, refusing binary, empty and badly encoded files with a reason."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ParseError(f"cannot read file: {exc.strerror or exc}") from exc
    if not data.strip():
        raise ParseError("empty file")
    if b"\x00" in data[:8192]:
        raise ParseError("binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ParseError(f"not UTF-8 text (byte {exc.start}: {data[exc.start : exc.start + 1]!r})") from exc


def normalise_text(text: str) -> str:
    """Unify line ends, trim trailing spaces and collapse runs of blank lines to one paragraph break."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", text).strip()


def normalise_date(value: object) -> str | None:
    """A partial ISO date (YYYY, YYYY-MM or YYYY-MM-DD) from a string, date or datetime, or None if absent."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    match = _ISO_PREFIX.match(text)
    if match:
        year, month, day = match.groups()
        parts = [year] + [f"{int(p):02d}" for p in (month, day) if p]
        partial = "-".join(parts)
    else:
        partial = _parse_free_date(text)
    try:
        date_bounds(partial)
    except ValueError as exc:
        raise ParseError(f"unreadable date {text!r}") from exc
    return partial


def _parse_free_date(text: str) -> str:
    """Parse a written date such as '7 november 2020' with dateparser, keeping its precision."""
    from dateparser.date import DateDataParser

    data = DateDataParser(languages=["en", "nl", "de", "fr"]).get_date_data(text)
    if data.date_obj is None:
        raise ParseError(f"unreadable date {text!r}")
    day: date = data.date_obj.date()
    precision = {"year": f"{day:%Y}", "month": f"{day:%Y-%m}"}
    return precision.get(str(data.period or "day"), day.isoformat())


def title_from_text(text: str) -> str:
    """A title for an article without one: a short first paragraph (a headline) or its first sentence."""
    first = text.split("\n\n", 1)[0].strip()
    if len(first) <= _TITLE_CHARS and not first.endswith((".", "!", "?")):
        return first
    sentence = re.split(r"(?<=[.!?])\s+", first, maxsplit=1)[0]
    if len(sentence) <= _TITLE_CHARS:
        return sentence
    return sentence[:_TITLE_CHARS].rsplit(" ", 1)[0] + "…"


def slug(text: str, limit: int = 40) -> str:
    """Lower-case ASCII slug of `text` for readable ids."""
    return _SLUG.sub("-", text.lower()).strip("-")[:limit].strip("-") or "article"


def short_hash(text: str, length: int = 8) -> str:
    """First `length` hex digits of the SHA-1 of `text`."""
    return hashlib.sha1(text.encode()).hexdigest()[:length]


def article_id(given: object, url: str, path: Path, position: int | None = None) -> str:
    """A stable article id: the given id, else one derived from the URL, else from the file path (and line)."""
    if given not in (None, ""):
        return str(given).strip()
    if url:
        return f"url-{short_hash(url, 12)}"
    anchor = str(path.resolve()) + (f"#{position}" if position is not None else "")
    return f"{slug(path.stem)}-{short_hash(anchor)}"


def build_article(
    *,
    path: Path,
    text: str,
    given_id: object = None,
    title: object = None,
    date_value: object = None,
    source: object = None,
    url: object = None,
    language: object = None,
    position: int | None = None,
) -> Article:
    """Assemble an Article, filling title, source and language where the file does not give them."""
    body = normalise_text(text)
    if not body:
        raise ParseError("no article text")
    url_text = str(url or "").strip()
    return Article(
        id=article_id(given_id, url_text, path, position),
        title=str(title).strip() if title else title_from_text(body),
        text=body,
        date=normalise_date(date_value),
        source=str(source).strip() if source else path.resolve().parent.name,
        url=url_text,
        language=str(language).strip().lower() if language else detect_language(body),
        path=str(path.resolve()),
    )
