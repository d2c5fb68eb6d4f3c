"""Plain-text articles: an optional first line `date YYYY-MM[-DD]`, then paragraphs."""

from __future__ import annotations

import re
from pathlib import Path

from index.parsing.common import build_article, read_text
from index.records import Article

# The date line may carry the first paragraph on the same line, as in the sample corpus.
_DATE_LINE = re.compile(r"^\s*date[:\s]+(\d{4}(?:-\d{1,2}){0,2})\b[ \t]*(.*)$", re.IGNORECASE)


def parse_plaintext(path: Path) -> list[Article]:
    """Parse one plain-text article."""
    raw = read_text(path)
    first, _, rest = raw.lstrip("\ufeff").partition("\n")
    match = _DATE_LINE.match(first)
    if match:
        date_value, remainder = match.group(1), match.group(2)
        body = f"{remainder}\n{rest}" if remainder else rest
    else:
        date_value, body = None, raw
    return [build_article(path=path, text=body, date_value=date_value)]
