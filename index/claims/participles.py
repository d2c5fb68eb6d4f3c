"""English participle cues: ', adding that …', ', accusing X of …', 'with X claiming …', 'cited X as saying …'."""

from __future__ import annotations

from index.claims.complements import complement
from index.claims.frames import Draft
from index.claims.lexicon import ADVERBS, CITE_VERBS, PARTICIPLE_CUES, PASSIVE_AUX
from index.claims.phrases import NP, speaker_phrase
from index.claims.tokens import Sentence

_WITH_SPAN = 8  # tokens from 'with' to the participle at most ('with some local press claiming')
_CITE_SPAN = 30  # tokens from 'cited' to 'as saying' at most


def participle_drafts(s: Sentence) -> list[Draft]:
    """Claims of participle cues; one after a comma takes the speaker of the clause it follows."""
    if s.language != "en":
        return []
    toks = s.tokens
    drafts = []
    for c in range(1, len(toks) - 1):
        tok = toks[c]
        if tok.quoted or tok.low not in PARTICIPLE_CUES:
            continue
        if tok.low == "saying" and toks[c - 1].low == "as":
            draft = _cited(s, c)
            if draft:
                drafts.append(draft)
            continue
        before = c - 1
        while before > 0 and toks[before].low in ADVERBS and not toks[before].quoted:
            before -= 1  # "…, also speaking via Twitter: …"
        after_comma = toks[before].text == "," and not toks[before].quoted
        speaker = None if after_comma else _with_speaker(s, c)
        if speaker is None and not after_comma:
            continue
        for verb in PARTICIPLE_CUES[tok.low]:
            comp = complement(s, c + 1, verb, tok.low, adjacent=True)
            if comp is None:
                continue
            np = speaker[0] if speaker else None
            follows = speaker is None
            drafts.append(
                Draft(
                    np,
                    tok.text,
                    c,
                    verb.stance,
                    comp.content,
                    comp.backref,
                    comp.fallback,
                    comp.quoted,
                    follows=follows,
                )
            )
            break
    return drafts


def _with_speaker(s: Sentence, c: int) -> tuple[NP, int] | None:
    """The speaker of 'with X claiming …', ending right before the participle at c."""
    toks = s.tokens
    for w in range(c - 2, max(-1, c - _WITH_SPAN), -1):
        if toks[w].quoted or toks[w].text in {",", ";", "."}:
            return None
        if toks[w].low == "with":
            found = speaker_phrase(s, w + 1, c)
            return found if found and found[1] == c and found[0].kind != "pronoun" else None
    return None


def _cited(s: Sentence, c: int) -> Draft | None:
    """'The BBC cited Budi Gunawan, chief of …, as saying …': the one cited is the speaker."""
    toks = s.tokens
    for v in range(c - 2, max(-1, c - _CITE_SPAN), -1):
        if toks[v].quoted:
            return None
        if (
            toks[v].low in CITE_VERBS and v > 0 and toks[v - 1].low in PASSIVE_AUX
        ):  # "He was quoted … as saying"
            [verb] = PARTICIPLE_CUES["saying"]
            comp = complement(s, c + 1, verb, "saying", adjacent=True)
            cue = f"{toks[v - 1].text} {toks[v].text} … as saying"
            return (
                Draft(None, cue, c, verb.stance, comp.content, quoted=comp.quoted, follows=True)
                if comp
                else None
            )
        if toks[v].low in CITE_VERBS:
            found = speaker_phrase(s, v + 1, c - 1)
            if found is None or found[0].kind == "pronoun" or found[1] not in {c - 1, c - 2}:
                return None
            [verb] = PARTICIPLE_CUES["saying"]
            comp = complement(s, c + 1, verb, "saying", adjacent=True)
            if comp is None:
                return None
            return Draft(
                found[0], f"{toks[v].text} … as saying", c, verb.stance, comp.content, quoted=comp.quoted
            )
    return None
