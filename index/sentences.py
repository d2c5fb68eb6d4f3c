"""Sentence splitting with character offsets, for Dutch, English and other languages."""

from __future__ import annotations

import re
from typing import NamedTuple

import sentencex

_PARAGRAPH = re.compile(r"\n\s*\n")
# A segment that starts in lower case continues the previous sentence ("3,5 mln. euro", "o.a. de VN").
_CONTINUES = re.compile(r"^[\"'“‘(\[]*[a-zà-ÿ]")
# Breaks sentencex misses: after an acronym without inner dots ("de VN. Hij"), and in Dutch after
# 'dat' and 'al', which its Dutch list holds as abbreviations though both often end a sentence.
_NEXT_STARTS = r"\s+(?=[\"“‘']?[A-Z])"
_ACRONYM_END = r"(?<![.\w])[A-Z]{2,}\."
_MISSED_BREAK = {
    "nl": re.compile(rf"(?:{_ACRONYM_END}|\b(?:dat|al)\.){_NEXT_STARTS}"),
    "": re.compile(rf"{_ACRONYM_END}{_NEXT_STARTS}"),
}


class Span(NamedTuple):
    """A sentence as character offsets into the text it came from."""

    start: int
    end: int


def _segments(paragraph: str, language: str) -> list[str]:
    """sentencex segments of one paragraph, with known missed breaks split."""
    pieces = list(sentencex.segment(language or "en", paragraph))
    missed = _MISSED_BREAK.get(language, _MISSED_BREAK[""])
    out: list[str] = []
    for piece in pieces:
        last = 0
        for match in missed.finditer(piece):
            out.append(piece[last : match.end()])
            last = match.end()
        out.append(piece[last:])
    return [p for p in out if p]


def split_sentences(text: str, language: str = "en") -> list[Span]:
    """Sentences of `text` as spans without surrounding whitespace; never across a paragraph break."""
    spans: list[Span] = []
    paragraph_start = 0
    for paragraph in _PARAGRAPH.split(text):
        paragraph_start = text.index(paragraph, paragraph_start)
        cursor = paragraph_start
        paragraph_spans: list[Span] = []
        for segment in _segments(paragraph, language):
            stripped = segment.strip()
            if not stripped:
                continue
            start = text.index(stripped, cursor)
            end = start + len(stripped)
            cursor = end
            if paragraph_spans and _CONTINUES.match(stripped):
                paragraph_spans[-1] = Span(paragraph_spans[-1].start, end)
            else:
                paragraph_spans.append(Span(start, end))
        spans.extend(paragraph_spans)
        paragraph_start += len(paragraph)
    return spans
