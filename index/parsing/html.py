"""HTML news pages, reduced to their main text with trafilatura."""

from __future__ import annotations

from pathlib import Path

from index.errors import ParseError
from index.parsing.common import build_article, read_text
from index.records import Article


def parse_html(path: Path) -> list[Article]:
    """Parse one HTML page into an article (title, date, text) with trafilatura's main-text extraction."""
    import trafilatura
    from trafilatura.settings import Document

    document = trafilatura.bare_extraction(read_text(path), with_metadata=True, favor_recall=True)
    if not isinstance(document, Document) or not (document.text or "").strip():
        raise ParseError("no article text found in the HTML")
    lines = [line.strip() for line in (document.text or "").split("\n") if line.strip()]
    if document.title and lines and lines[0] == document.title.strip():
        lines = lines[1:]
    return [
        build_article(
            path=path,
            text="\n\n".join(lines),
            title=document.title,
            date_value=document.date,
            source=document.sitename,
            url=document.url,
            language=document.language,
        )
    ]
