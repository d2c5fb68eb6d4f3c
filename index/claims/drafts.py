"""A sentence's claims from every frame, one per cue, each content cut where another claim begins."""

from __future__ import annotations

import re

from index.claims.attributions import dat_drafts, relative_drafts, trailing_drafts, volgens_drafts
from index.claims.frames import Draft, finite_drafts, passive_drafts, perfect_drafts
from index.claims.lexicon import TRIM_WORDS
from index.claims.participles import participle_drafts
from index.claims.spans import strip_span
from index.claims.tokens import Sentence
from index.sentences import Span

_FRONT_WORDS = 3  # a content cut to this few words was only a fronted adverbial ('that in December, X …')
_DANGLING_THAT = re.compile(r"(?:,|\b(?:en|and|maar|but))\s+(?:dat|that)$", re.IGNORECASE)


def sentence_drafts(s: Sentence, previous: Span | None) -> list[Draft]:
    """All claims a sentence holds, one per cue, pruned, before their speakers are resolved."""
    drafts: list[Draft] = []
    used: set[int] = set()
    finders = (
        passive_drafts,
        perfect_drafts,
        finite_drafts,
        volgens_drafts,
        trailing_drafts,
        relative_drafts,
        participle_drafts,
    )
    for found in [dat_drafts(s, previous), *(finder(s) for finder in finders)]:
        new = [draft for draft in found if draft.cue_pos not in used]
        drafts += new
        used |= {draft.cue_pos for draft in new}
    return _prune(s, drafts)


def _anchor(s: Sentence, draft: Draft) -> int:
    """Where a claim's own words begin: its speaker (when before the cue) or its cue."""
    first = draft.cue_pos
    if draft.speaker is not None and draft.speaker.start < first:
        first = draft.speaker.start
    return s.tokens[first].start


def _prune(s: Sentence, drafts: list[Draft]) -> list[Draft]:
    """Cut a content where another claim of the sentence begins; drop a mid-clause 'volgens' inside one."""
    anchors = {id(d): _anchor(s, d) for d in drafts}
    dropped: set[int] = set()
    for draft in drafts:
        for other in drafts:
            if other is draft or draft.content is None or draft.backref == "sentence":
                continue
            a, b = draft.content
            if a <= anchors[id(other)] < b and other.volgens and not other.clause_initial:
                dropped.add(id(other))
    out = []
    for draft in drafts:
        if id(draft) in dropped:
            continue
        if draft.content is not None and draft.backref != "sentence":
            a, b = draft.content
            for other in drafts:
                anchor = anchors[id(other)]
                if (
                    other is not draft
                    and id(other) not in dropped
                    and a < anchor < b
                    and _opens_clause(s.text, a, anchor)
                    and not _fronted(s.text[a:anchor])
                ):
                    b = anchor
            if b != draft.content[1]:
                trimmed = _trim(s.text, a, b)
                if trimmed is None:
                    continue
                draft = draft._replace(content=trimmed)
        out.append(draft)
    return out


def _fronted(piece: str) -> bool:
    """A short adverbial and a comma before a claim inside a content ('that in December, X accepted …')."""
    return piece.rstrip().endswith(",") and len(re.findall(r"\w+", piece)) <= _FRONT_WORDS


def _opens_clause(text: str, a: int, anchor: int) -> bool:
    """True when a claim at `anchor` starts a new clause of its own (', maar volgens hem', 'en zei dat')."""
    return bool(re.search(r"(?:[,;:]\s*(?:\w+\s+)?|\b(?:en|and|maar|but)\s+)$", text[a:anchor]))


def _trim(text: str, a: int, b: int) -> tuple[int, int] | None:
    """Offsets a..b without trailing punctuation and dangling conjunctions ('…, maar')."""
    while True:
        stripped = strip_span(text, a, b)
        if stripped is None:
            return None
        a, b = stripped
        while b > a and text[b - 1] in ",;:–—- ":
            b -= 1
        word = re.search(r"(\w+)$", text[a:b])
        dangling = word and (word.group(1).lower() in TRIM_WORDS or _DANGLING_THAT.search(text[a:b]))
        if word and dangling and b - len(word.group(1)) > a:
            b -= len(word.group(1))
            continue
        return (a, b) if b > a else None
