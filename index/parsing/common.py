"""Helpers shared by the parsers: ids, dates, titles, language and text normalisation."""

from __future__ import annotations

import hashlib
import re
from datetime import date, datetime
from pathlib import Path

from index.cleaning import clean_line, clean_text, printable_path
from index.dates import date_at_start, date_bounds
from index.errors import ParseError
from index.language import CANDIDATES, detect_language
from index.records import Article

_ISO_PREFIX = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ][\d:.+\-Z]*)?\s*$")
_SLUG = re.compile(r"[^a-z0-9]+")
_BLANK_LINES = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")
_TITLE_CHARS = 120
_TITLE_LIMIT = 500
_ID_CHARS = 300
_BOMS = [
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
]
# Other encodings older newsroom systems write; charset-normalizer picks the one that reads most plausibly.
_LEGACY_ENCODINGS = ["latin_1", "iso8859_15", "cp1250", "iso8859_2", "mac_roman"]
_MAX_CHAOS = 0.3


def decode(data: bytes, notes: list[str] | None = None) -> str:
    """Text of a file's bytes: UTF-8, or UTF-16/32 with a byte-order mark, or a legacy encoding (noted)."""
    if not data.strip():
        raise ParseError("empty file")
    for bom, unicode_encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(unicode_encoding)
            except UnicodeDecodeError as exc:
                raise ParseError(
                    f"not {unicode_encoding} text though it starts with its byte-order mark"
                ) from exc
    if b"\x00" in data[:8192]:
        raise ParseError("binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = f"byte {exc.start}: {data[exc.start : exc.start + 1]!r}"
    encoding = _legacy_encoding(data)
    if encoding is None:
        raise ParseError(f"not text in UTF-8 or a known encoding ({utf8_error})")
    if notes is not None:
        notes.append(f"not UTF-8 ({utf8_error}); read as {encoding}")
    return data.decode(encoding, errors="replace")


def _legacy_encoding(data: bytes) -> str | None:
    """The 8-bit encoding a non-UTF-8 file is in: Windows-1252 (Western Europe) if it reads as that, else
    charset-normalizer's most plausible reading, or None when nothing reads as text."""
    try:
        data.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    guess = from_bytes(data[:200_000], cp_isolation=_LEGACY_ENCODINGS).best()
    return None if guess is None or guess.chaos > _MAX_CHAOS else str(guess.encoding)


def read_text(path: Path, notes: list[str] | None = None) -> str:
    """A text file's contents (see decode), refusing binary, empty and undecodable files with a reason."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ParseError(f"cannot read file: {exc.strerror or exc}") from exc
    return decode(data, notes)


def normalise_text(text: str) -> str:
    """Cleaned text (see clean_text) with trailing spaces trimmed and blank-line runs made one paragraph break."""
    text = clean_text(text)
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", text).strip()


def normalise_date(value: object) -> str | None:
    """A partial ISO date (YYYY, YYYY-MM or YYYY-MM-DD) from a string, date or datetime; ParseError if unreadable."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    match = _ISO_PREFIX.match(text)
    if match:
        partial = "-".join([match.group(1)] + [f"{int(p):02d}" for p in match.groups()[1:] if p])
        try:
            date_bounds(partial)
        except ValueError:
            raise ParseError(f"unreadable date {text!r}") from None
        return partial
    written = date_at_start(text)
    if written is not None and written.end == len(text):
        if written.partial is None:
            raise ParseError(f"unreadable date {text!r}")
        return written.partial
    return _parse_free_date(text)


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
    """First `length` hex digits of the SHA-1 of `text` (undecodable bytes of file names included)."""
    return hashlib.sha1(text.encode("utf-8", "surrogateescape")).hexdigest()[:length]


def article_id(given: object, url: str, path: Path, position: int | None = None) -> str:
    """A stable article id: the given id, else one derived from the URL, else from the file path (and line)."""
    if given is not None and str(given).strip():
        return clean_line(str(given), _ID_CHARS)
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
    notes: list[str] | None = None,
) -> Article:
    """Assemble an Article, filling title, source and language where the file does not give them.

    An unreadable date leaves the article undated, with a note saying so.
    """
    body = normalise_text(text)
    if not body.strip():
        raise ParseError("no article text")
    try:
        when = normalise_date(date_value)
    except ParseError as exc:
        when = None
        if notes is not None:
            notes.append(f"{exc}; ingested without a date")
    url_text = clean_line(str(url or ""), 2000)
    heading = clean_line(str(title), _TITLE_LIMIT) if title else ""
    return Article(
        id=article_id(given_id, url_text, path, position),
        title=heading or title_from_text(body),
        text=body,
        date=when,
        source=clean_line(str(source), 200) if source else default_source(path),
        url=url_text,
        language=clean_line(str(language), 10).lower() if language else detect_language(body),
        path=printable_path(path.resolve()),
    )


def default_source(path: Path) -> str:
    """The source of an article whose file names none: its folder, unless that is only a language code."""
    folder = path.resolve().parent
    if folder.name.lower() in CANDIDATES and folder.parent.name:
        folder = folder.parent
    return printable_path(folder.name)
