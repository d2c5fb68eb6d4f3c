"""Plain-text articles: optional header lines (`date ...`, `source ...`, `title ...`, `url ...`), then paragraphs."""

from __future__ import annotations

import re
from pathlib import Path

from index.dates import date_at_start
from index.parsing.common import build_article, read_text
from index.records import Article

# "date 2020-11 ..." (the sample corpus's form) or "date: ...", and "source: ...", "title: ...", "url: ...".
_HEADER = re.compile(r"^\s*(?:(date|datum)\b[:\s]|(source|bron|title|titel|url)\s*:)\s*(.*)$", re.IGNORECASE)
_KEYS = {"datum": "date", "bron": "source", "titel": "title"}


def parse_plaintext(path: Path, notes: list[str]) -> list[Article]:
    """Parse one plain-text article; the date line may carry the first paragraph on the same line."""
    lines = read_text(path, notes).lstrip("\ufeff").split("\n")
    header: dict[str, str] = {}
    while lines and (match := _HEADER.match(lines[0])):
        name = (match.group(1) or match.group(2)).lower()
        key, value = _KEYS.get(name, name), match.group(3).strip()
        if key in header:
            break
        lines.pop(0)
        if key != "date":
            header[key] = value
            continue
        written = date_at_start(value)
        if written is None:  # "Date rape ...": no date follows, so the line is text after all
            lines.insert(0, match.group(0))
            break
        header["date"] = value[written.start : written.end]
        rest = value[written.end :].strip()
        if rest:  # the first paragraph starts on the date line, as in the sample corpus
            lines.insert(0, rest)
            break
    return [
        build_article(
            path=path,
            text="\n".join(lines),
            title=header.get("title"),
            date_value=header.get("date"),
            source=header.get("source"),
            url=header.get("url"),
            notes=notes,
        )
    ]
