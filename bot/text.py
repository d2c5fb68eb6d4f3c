"""Plain-text helpers every edge uses: one-line text and shortening at sentence or word boundaries."""

from __future__ import annotations

import re

ELLIPSIS = "…"
# The end of a sentence: terminal punctuation, optional closing quotes or brackets, then whitespace.
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*(?=\s)")
_TRAILING_JUNK = " \t\n,;:-–—"


def one_line(text: str) -> str:
    """The text with every run of whitespace turned into one space."""
    return " ".join(text.split())


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters, cut at the last sentence end (or else word) that fits, ending in '…'."""
    if limit < 1:
        raise ValueError(f"limit must be at least 1, got {limit}")
    text = text.strip()
    if len(text) <= limit:
        return text
    room = limit - 1  # for the ellipsis
    sentence_end = last_sentence_end(text, room - 1)  # room for " …"
    if sentence_end >= room // 2:
        return text[:sentence_end] + " " + ELLIPSIS
    space = text.rfind(" ", 0, room + 1) if not text[room].isspace() else room
    cut = space if space >= room // 2 else room
    head = text[:cut].rstrip(_TRAILING_JUNK) or text[:room]
    return head + ELLIPSIS


def shorten_start(text: str, limit: int) -> str:
    """At most `limit` characters of the END of the text, starting at a word boundary, after '…'."""
    if limit < 1:
        raise ValueError(f"limit must be at least 1, got {limit}")
    text = text.strip()
    if len(text) <= limit:
        return text
    room = limit - 1
    start = len(text) - room
    space = text.find(" ", start - 1)
    if space != -1 and space < start + room // 2:
        start = space + 1
    return ELLIPSIS + text[start:].lstrip()


def last_sentence_end(text: str, limit: int) -> int:
    """The index just after the last sentence end at or before `limit` (-1 if there is none)."""
    end = -1
    for match in _SENTENCE_END.finditer(text, 0, limit + 1):
        if match.end() <= limit:
            end = match.end()
    return end


_MARKDOWN = re.compile(r"([\\*_`~|])")
_EMPHASIS = re.compile(r"(?<!\\)\*\*(.+?)(?<!\\)\*\*|(?<!\\)\*(.+?)(?<!\\)\*")
_ESCAPED = re.compile(r"\\([\\*_`~|])")


def markdown_escape(text: str) -> str:
    """Text from an article made inert in the answer's markdown (the answer's own bold and italics stay)."""
    return _MARKDOWN.sub(r"\\\1", text)


def markdown_plain(text: str) -> str:
    """An answer's markdown as plain text for the terminal: emphasis marks dropped, escapes undone."""
    return _ESCAPED.sub(r"\1", _EMPHASIS.sub(lambda m: m.group(1) or m.group(2), text))


def also_in(outlets: list[str], named: int = 3) -> str:
    """'also in 2 outlets (A, B)' for a story other outlets carry too; '' when none do."""
    if not outlets:
        return ""
    names = ", ".join(outlets[:named]) + (", …" if len(outlets) > named else "")
    return f"also in {len(outlets)} outlet{'s' if len(outlets) != 1 else ''} ({names})"
