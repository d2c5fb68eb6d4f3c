"""Markdown articles with YAML front matter (title, date, source, language, url, id)."""

from __future__ import annotations

from pathlib import Path

import frontmatter
import yaml

from index.errors import ParseError
from index.parsing.common import build_article, read_text
from index.records import Article

_BLOCKS = {"paragraph_open", "heading_open", "list_item_open", "blockquote_open"}


def markdown_to_text(source: str) -> tuple[str, str | None]:
    """Plain text of a Markdown body, one block per paragraph, and its first level-1 heading if any."""
    from markdown_it import MarkdownIt  # only ingest parses Markdown: questions skip its 36 ms import

    tokens = MarkdownIt("commonmark").parse(source)
    blocks: list[str] = []
    heading: str | None = None
    inside: str | None = None
    for token in tokens:
        if token.type in _BLOCKS:
            inside = token.tag
        elif token.type == "inline" and inside is not None:
            text = "".join(
                " " if child.type in ("softbreak", "hardbreak") else child.content
                for child in token.children or []
            ).strip()
            if inside == "h1" and heading is None and not blocks:
                heading = text
            elif text:
                blocks.append(text)
        elif token.type in ("fence", "code_block"):
            blocks.append(token.content.strip())
    return "\n\n".join(blocks), heading


def parse_markdown(path: Path, notes: list[str]) -> list[Article]:
    """Parse one Markdown article."""
    try:
        post = frontmatter.loads(read_text(path, notes))
    except yaml.YAMLError as exc:
        raise ParseError(f"malformed YAML front matter: {exc}") from exc
    except ValueError as exc:  # YAML read a date-like value that is no date, e.g. 2020-13-01
        raise ParseError(f"unreadable value in the front matter: {exc}") from exc
    meta = post.metadata
    body, heading = markdown_to_text(post.content)
    return [
        build_article(
            path=path,
            text=body,
            given_id=meta.get("id"),
            title=meta.get("title") or heading,
            date_value=meta.get("date"),
            source=meta.get("source"),
            url=meta.get("url"),
            language=meta.get("language") or meta.get("lang"),
            notes=notes,
        )
    ]
