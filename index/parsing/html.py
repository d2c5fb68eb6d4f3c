"""HTML news pages, reduced to their main text with trafilatura."""

from __future__ import annotations

from pathlib import Path

from index.errors import ParseError
from index.keywords import words
from index.parsing.common import build_article, read_text
from index.records import Article

# A page's main text must hold at least one sentence-long paragraph; menus and link lists hold none.
_MIN_PARAGRAPH_WORDS = 8
# Dates only from the page's metadata and visible date lines, never guessed from a copyright year.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def parse_html(path: Path, notes: list[str]) -> list[Article]:
    """Parse one HTML page into an article (title, date, text) with trafilatura's main-text extraction."""
    return [html_article(read_text(path, notes), path, notes)]


def html_article(page: str, path: Path, notes: list[str], url: str | None = None) -> Article:
    """The article in an HTML page; ParseError when the page holds no article text (only menus, say)."""
    import trafilatura
    from trafilatura.settings import Document

    document = trafilatura.bare_extraction(
        page, url=url, with_metadata=True, favor_recall=True, date_extraction_params=_DATE_PARAMS
    )
    if not isinstance(document, Document) or not (document.text or "").strip():
        raise ParseError("no article text found in the HTML")
    lines = [line.strip() for line in (document.text or "").split("\n") if line.strip()]
    if document.title and lines and lines[0] == document.title.strip():
        lines = lines[1:]
    if not any(len(words(line)) >= _MIN_PARAGRAPH_WORDS for line in lines):
        raise ParseError("no article text found in the HTML (only short lines such as menus)")
    return build_article(
        path=path,
        text="\n\n".join(lines),
        title=document.title,
        date_value=document.date,
        source=document.sitename,
        url=document.url or url,
        language=document.language,
        notes=notes,
    )
