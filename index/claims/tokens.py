"""Tokens of a sentence with their offsets, the quotations they stand in, and where clauses start."""

from __future__ import annotations

import re
from typing import NamedTuple

from index.claims.lexicon import CONJUNCTIONS, SUBORDINATORS
from index.sentences import Span

OPENING_QUOTES = "“„\"‘'"
CLOSING_QUOTES = "”“\"’'"
_DOUBLE_QUOTE = r"„[^“”\n]*[”“]|“[^“”\n]*”|\"[^\"\n]*\""
_QUOTE = re.compile(_DOUBLE_QUOTE + r"|(?<![\w])‘[^‘’\n]*[^\s‘’]’(?![\w])|(?<![\w])'[^'\n]*[^\s']'(?![\w])")
_DOUBLE = re.compile(_DOUBLE_QUOTE)
# Words ("Nagorno-Karabach", "Russia's", "145.000", "2,300", "4:42", the initial "G." of "John G. Roberts") and marks.
_TOKEN = re.compile(r"\d+(?:[:,.]\d+)+|(?<![\w.])[A-Z]\.(?= [A-Z])|\w+(?:[-'’.]\w+)*|[^\w\s]")


class Tok(NamedTuple):
    """A word or punctuation mark with its offsets in the article text."""

    text: str
    start: int
    end: int
    quoted: bool  # inside quotation marks (quote marks included)
    low: str  # the token in lower case


class Sentence(NamedTuple):
    """One sentence of an article with its tokens and the token positions where a clause may start."""

    text: str  # the whole article text
    span: Span
    tokens: list[Tok]
    starts: list[int]
    language: str
    quotes: list[tuple[int, int]]  # quotations, quote marks included


def quotation_spans(text: str, span: Span, double_only: bool = False) -> list[tuple[int, int]]:
    """Quotations in a span of the text, quote marks included, as article offsets."""
    pattern = _DOUBLE if double_only else _QUOTE
    return [(m.start(), m.end()) for m in pattern.finditer(text, span.start, span.end)]


def tokenise_sentence(text: str, span: Span, language: str) -> Sentence:
    """Tokenise one sentence and find its clause starts."""
    quotes = quotation_spans(text, span)
    tokens = []
    for m in _TOKEN.finditer(text, span.start, span.end):
        word, start = m.group(), m.start()
        quoted = bool(quotes) and any(a <= start < b for a, b in quotes)
        tokens.append(Tok(word, start, m.end(), quoted, word.lower()))
    return Sentence(text, span, tokens, _clause_starts(tokens), language, quotes)


def _clause_starts(toks: list[Tok]) -> list[int]:
    """Token positions where a clause (and so a speaker) may begin, in order."""
    starts = {0}
    for k, tok in enumerate(toks):
        if tok.quoted:
            continue
        if (
            tok.text in {",", ":", ";", "(", "–", "—"}
            or (tok.low in CONJUNCTIONS and k in starts)
            or tok.low in SUBORDINATORS
        ):
            starts.add(k + 1)
    return sorted(s for s in starts if s < len(toks))


def span_text(s: Sentence, a: int, b: int) -> str:
    """The article text covered by tokens a..b-1."""
    return s.text[s.tokens[a].start : s.tokens[b - 1].end]
