"""Sentence splitting with character offsets, for Dutch, English and other languages."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

import sentencex

_PARAGRAPH = re.compile(r"\n\s*\n")
# A segment that starts in lower case continues the previous sentence ("3,5 mln. euro", "o.a. de VN").
_CONTINUES = re.compile(r"^[\"'“‘(\[]*[a-zà-ÿ]")
# Breaks sentencex misses: after an acronym without inner dots ("de VN. Hij"), and in Dutch after
# 'al', which its Dutch list holds as an abbreviation though it often ends a sentence.
_NEXT_STARTS = r"\s+(?=[\"“‘']?[A-Z])"
_ACRONYM_END = r"(?<![.\w])[A-Z]{2,}\."
_MISSED_BREAK = {
    "nl": re.compile(rf"(?:{_ACRONYM_END}|\bal\.){_NEXT_STARTS}"),
    "": re.compile(rf"{_ACRONYM_END}{_NEXT_STARTS}"),
}


# Quotations, quote marks included: a sentence end inside one is not a break.
_QUOTE = re.compile(
    r"„[^“”\n]*[”“]|“[^“”\n]*”|\"[^\"\n]*\"|(?<![\w])‘[^‘’\n]*[^\s‘’]’(?![\w])|(?<![\w])'[^'\n]*[^\s']'(?![\w])"
)
# A full stop after a plain lower-case word, then a capital: sentencex keeps some such words ('hand', 'ver',
# 'dat') as abbreviations; only these real abbreviations still join.
_WORD_STOP = re.compile(r"(?<=[a-zà-ÿ]{3})\.\s+(?=[A-Z])")
_ABBREVIATIONS = frozenset(
    [
        "dhr",
        "mevr",
        "drs",
        "ing",
        "prof",
        "jhr",
        "bijv",
        "resp",
        "vgl",
        "incl",
        "excl",
        "etc",
        "approx",
        "dept",
        "corp",
        "inc",
        "ltd",
    ]
)
# A quotation that ends a sentence, then the next one: '„… raken.” “We …'.
_QUOTE_STOP = re.compile(r"[.!?][”\"’]\s+(?=[“„\"‘]?[A-Z])")


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


def _refine(text: str, spans: list[Span]) -> list[Span]:
    """Split sentences the segmenter joined: after a plain word outside quotations, and after a closing quote."""
    out: list[Span] = []
    for span in spans:
        quotes = [
            (span.start + m.start(), span.start + m.end())
            for m in _QUOTE.finditer(text[span.start : span.end])
        ]
        cuts: list[tuple[int, int]] = []
        for m in _WORD_STOP.finditer(text, span.start, span.end):
            word = re.search(r"(\w+)$", text[span.start : m.start()])
            if (
                word
                and word.group(1).lower() not in _ABBREVIATIONS
                and not any(a <= m.start() < b for a, b in quotes)
            ):
                cuts.append((m.start() + 1, m.end()))
        for m in _QUOTE_STOP.finditer(text, span.start, span.end):
            if any(b == m.start() + 2 for _, b in quotes):
                cuts.append((m.start() + 2, m.end()))
        start = span.start
        for end, following in sorted(cuts):
            out.append(Span(start, end))
            start = following
        out.append(Span(start, span.end))
    return out


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
        spans.extend(_refine(text, paragraph_spans))
        paragraph_start += len(paragraph)
    return spans


_WORDS = re.compile(r"[^\W\d_]+|\d+")
_MIN_WORDS = 3  # shorter "sentences" (captions, "Ja.", two-word lines) are never evidence


@lru_cache(maxsize=65_536)  # every question re-checks the sentences of its passages; dates cost most
def is_statement(text: str) -> bool:
    """Whether a sentence can be evidence: at least three words, and more than a dateline or a date."""
    from index.dates import WEEKDAYS, find_dates

    words = _WORDS.findall(text)
    if len(words) < _MIN_WORDS:
        return False
    undated = text
    for mention in reversed(find_dates(text)):
        undated = undated[: mention.start] + " " + undated[mention.end :]
    rest = [w for w in _WORDS.findall(undated) if w.lower() not in WEEKDAYS]
    return len(rest) >= _MIN_WORDS - 1
