"""Cue verb frames: a finite cue with its subject before or after it, the Dutch perfect, and the passive."""

from __future__ import annotations

from typing import NamedTuple

from index.claims.complements import Complement, accuse_complement, complement, say_complement
from index.claims.lexicon import (
    ADVERBS,
    AGENT,
    COMPLEMENTIZERS,
    CONJUNCTIONS,
    DAY,
    FRONT_STARTERS,
    ING_TAIL,
    MODALS,
    OBJECT_PARTICIPLES,
    OBJECT_RELATIVES,
    PARTICIPLES,
    PASSIVE,
    PASSIVE_AUX,
    PERFECT_AUX,
    PRE_CUE,
    PREPOSITIONS,
    RELATIVES,
    TIME_NOUNS,
    VERBS,
)
from index.claims.lexicon.base import SAY, Verb
from index.claims.phrases import MAX_SPEAKER_TOKENS, NP, noun_phrase, speaker_phrase
from index.claims.spans import adverbial, content_span, demonstrative, find_particle, skip, strip_span
from index.claims.tokens import Sentence, Tok, span_text
from index.records import Stance

_MAX_ASIDE = 25  # tokens of an aside between a speaker and the cue at most


class Draft(NamedTuple):
    """A claim found in one sentence, its speaker not yet resolved."""

    speaker: NP | None  # None: the subject is elided ("… en zei dat …")
    cue: str
    cue_pos: int  # token index
    stance: Stance
    content: tuple[int, int] | None  # article offsets; None when it refers back to an earlier claim
    backref: str = ""  # claim | accusation | sentence
    fallback: tuple[int, int] | None = None  # content to use when the back-reference finds nothing
    quoted: bool = False
    volgens: bool = False  # a 'volgens X' / 'according to X' claim
    clause_initial: bool = True  # for volgens: it opens its own clause
    follows: bool = False  # the speaker is that of the claim before it in the sentence (', adding …')


def _subject_ending_at(s: Sentence, e: int) -> NP | None:
    """A speaker phrase that starts at a clause start and runs exactly up to token e."""
    for start in s.starts:
        if start >= e:
            break
        found = speaker_phrase(s, start, e, relative=True)
        if found and found[1] == e:
            return found[0]
    return _bridged_subject(s, e) or _relative_antecedent(s, e)


def _bridged_subject(s: Sentence, e: int) -> NP | None:
    """A name before an aside between commas: 'Bruce McArthur, from Toronto, Canada, on Tuesday admitted'."""
    toks = s.tokens
    if e < 4 or toks[e - 1].text != "," or toks[e - 1].quoted:
        return None
    starts = [0]
    comma = next((k for k, t in enumerate(toks[:8]) if t.text == "," and not t.quoted), None)
    if comma is not None and noun_phrase(s, 0, comma) is None:
        starts.append(comma + 1)  # "On Thursday, Hatice Cengiz, fiancée of …, addressed"
    for start in starts:
        np = noun_phrase(s, start, e)
        if np is None or np.kind == "pronoun" or np.end + 1 >= e - 1 or toks[np.end].text != ",":
            continue
        aside = toks[np.end + 1 : e - 1]
        if not np.proper and not _opens_aside(aside[0]):  # "The minister, speaking in Brussels, said"
            continue
        if len(aside) <= _MAX_ASIDE and not any(
            t.quoted or t.low in VERBS or t.low in COMPLEMENTIZERS or t.text == ";" for t in aside
        ):
            return np
    return None


def _opens_aside(tok: Tok) -> bool:
    """An aside after a common noun opens with a participle, a relative pronoun, a preposition or an age."""
    return (
        bool(ING_TAIL.match(tok.low)) or tok.low in RELATIVES or tok.low in PREPOSITIONS or tok.text.isdigit()
    )


def _relative_antecedent(s: Sentence, e: int) -> NP | None:
    """The speaker a relative clause opening at e-1 belongs to: 'Toronto Police, which indicated …'."""
    toks = s.tokens
    if e < 3 or toks[e - 1].low not in RELATIVES or toks[e - 2].text != "," or toks[e - 2].quoted:
        return None
    for start in s.starts:
        if start >= e - 2:
            break
        found = speaker_phrase(s, start, e - 2)
        if found and found[1] == e - 2 and found[0].kind != "pronoun":
            return found[0]
    return None


def _before_cue(toks: list[Tok], c: int) -> int:
    """The position before adverbs and auxiliaries that stand between a speaker and the cue at c."""
    e = c
    while e > 0 and not toks[e - 1].quoted:
        if e > 1 and _on_day(toks, e):
            e -= 2  # "mayor John Tory on Tuesday suggested"
        elif toks[e - 1].low in PRE_CUE or DAY.match(toks[e - 1].low):
            e -= 1
        else:
            break
    return e


def _on_day(toks: list[Tok], e: int) -> bool:
    """Tokens e-2, e-1 are 'on Tuesday' / 'op dinsdag'."""
    return toks[e - 2].low in {"on", "op"} and bool(DAY.match(toks[e - 1].low)) and not toks[e - 2].quoted


def _front_allows_inversion(s: Sentence, c: int) -> bool:
    """Dutch verb-second: the cue at c follows a short adverbial ('Zaterdag', 'Op Facebook') or a clause."""
    toks = s.tokens
    start = max((x for x in s.starts if x <= c and (x == 0 or not toks[x - 1].text[0].isalnum())), default=0)
    front = toks[start:c]
    if not front:
        return c > 0 and toks[c - 1].text == "," and not toks[c - 1].quoted
    if len(front) > 8 or any(t.quoted or t.low in VERBS or t.low in COMPLEMENTIZERS for t in front):
        return False
    first = front[0].low
    if first in {"een", "a"}:
        return len(front) > 1 and front[1].low in TIME_NOUNS
    return first in FRONT_STARTERS or bool(DAY.match(first)) or (start > 0 and front[0].text[0].islower())


def _cue_text(s: Sentence, c: int, verb: Verb, k: int) -> str:
    """The cue as written; a separable particle after a gap is joined with '…' ('liet … weten')."""
    found = find_particle(s.tokens, k, verb.particle, True) if verb.particle else None
    if found is None:
        return s.tokens[c].text
    particle = span_text(s, found[0], found[1])
    return f"{s.tokens[c].text} … {particle}" if found[0] > c + 1 else f"{s.tokens[c].text} {particle}"


def finite_drafts(s: Sentence) -> list[Draft]:
    """Claims around a finite cue verb: subject first, elided subject, or Dutch inversion."""
    drafts = []
    for c, tok in enumerate(s.tokens):
        if tok.quoted or tok.low not in VERBS or (c > 0 and s.tokens[c - 1].low in PASSIVE_AUX):
            continue
        for verb in VERBS[tok.low]:
            draft = _finite(s, c, verb)
            if draft:
                drafts.append(draft)
                break
    return drafts


def _finite(s: Sentence, c: int, verb: Verb) -> Draft | None:
    """One finite cue read with one verb reading, or None."""
    toks = s.tokens
    e = _before_cue(toks, c)
    speaker = _subject_ending_at(s, e) if e > 0 else None
    after = c + 1
    elided = e == c and c > 0 and toks[c - 1].low in {"en", "and", "maar", "but"}  # "… en zei dat …"
    if speaker is None and not elided:
        if s.language == "en":
            return _relative_object(s, c, e, verb)
        if not _front_allows_inversion(s, c):
            return None
        found = _inverted_speaker(s, c, verb)
        if found is None:
            return None
        speaker, after = found
    comp = complement(s, after, verb, toks[c].low, adjacent=after == c + 1)
    if comp is None:
        return None
    if e > 0 and toks[e - 1].low in RELATIVES and comp.content:  # "X, which said …, faces …": up to the comma
        comma = next(
            (t for t in toks[after:] if t.text == "," and not t.quoted and t.start > comp.content[0]), None
        )
        if comma is not None and comma.start < comp.content[1]:
            comp = comp._replace(content=strip_span(s.text, comp.content[0], comma.start))
    return Draft(
        speaker,
        _cue_text(s, c, verb, after),
        c,
        verb.stance,
        comp.content,
        comp.backref,
        comp.fallback,
        comp.quoted,
    )


def _relative_object(s: Sentence, c: int, e: int, verb: Verb) -> Draft | None:
    """'…, which he said would allow him to act …': what the relative pronoun stands for is reported."""
    toks = s.tokens
    reported = verb.frame == "say" and c + 1 < len(toks) and toks[c + 1].low in MODALS
    if not reported and verb.frame != "call":
        return None
    for start in range(e - 1, max(0, e - 8), -1):
        if toks[start - 1].low in OBJECT_RELATIVES and not toks[start - 1].quoted:
            found = speaker_phrase(s, start, e)
            if found is None or found[1] != e:
                return None
            if not reported:  # "what he called a “special military operation”"
                comp = (
                    complement(s, c + 1, verb, toks[c].low, True) if toks[start - 1].low == "what" else None
                )
                return Draft(found[0], toks[c].text, c, verb.stance, comp.content) if comp else None
            end = next(
                (m for m in range(c + 1, len(toks)) if toks[m].text == "," and not toks[m].quoted), None
            )
            content = content_span(s, c + 1, end)
            return Draft(found[0], toks[c].text, c, verb.stance, content) if content else None
    return None


def _inverted_speaker(s: Sentence, c: int, verb: Verb) -> tuple[NP, int] | None:
    """The speaker right after the cue in verb-second order, and where the rest of the clause starts."""
    toks = s.tokens
    if verb.frame != "accuse":
        found = speaker_phrase(s, c + 1, len(toks))
        if found is None:
            return None
        return found[0], skip(toks, found[1], len(toks), ADVERBS)
    # "Zondag beschuldigde Azerbeidzjan Armenië van …": the longest phrase that leaves an accused
    for limit in range(min(len(toks), c + 1 + MAX_SPEAKER_TOKENS), c + 1, -1):
        np = noun_phrase(s, c + 1, limit)
        if np and np.end == limit and accuse_complement(s, limit):
            return np, limit
    return None


def perfect_drafts(s: Sentence) -> list[Draft]:
    """Dutch perfect tense: 'Het RIVM had eerder gesteld dat …', 'had Rutte nog ontkend dat …'."""
    toks = s.tokens
    drafts = []
    for p, tok in enumerate(toks):
        two = tok.low == "laten" and p + 1 < len(toks) and toks[p + 1].low == "weten"
        if tok.quoted or not (tok.low in PARTICIPLES or two):
            continue
        stance: Stance = "statement" if two else PARTICIPLES[tok.low]
        after = p + 2 if two else p + 1
        comp = say_complement(s, after, SAY, "", False)
        aux = next(
            (
                a
                for a in range(p - 1, max(-1, p - 11), -1)
                if toks[a].low in PERFECT_AUX and not toks[a].quoted
            ),
            None,
        )
        if aux is None or (comp is None and tok.low not in OBJECT_PARTICIPLES):
            continue
        speaker = _subject_ending_at(s, _before_cue(toks, aux))
        mid = aux + 1
        if speaker is None and _front_allows_inversion(s, aux):
            found = speaker_phrase(s, aux + 1, p)
            speaker, mid = (found[0], found[1]) if found else (None, mid)
        if speaker is None:
            continue
        if comp is None or not adverbial(toks, mid, p):  # "Het bedrijf heeft elke betrokkenheid ontkend."
            comp = _perfect_object(s, mid, p) if tok.low in OBJECT_PARTICIPLES else None
            if comp is None:
                continue
        words = span_text(s, p, after)
        cue = f"{toks[aux].text} {words}" if p == aux + 1 else f"{toks[aux].text} … {words}"
        drafts.append(Draft(speaker, cue, p, stance, comp.content, comp.backref, quoted=comp.quoted))
    return drafts


def _perfect_object(s: Sentence, a: int, p: int) -> Complement | None:
    """The object between the auxiliary's subject and the participle, no demonstrative and no clause."""
    toks = s.tokens
    a = skip(toks, a, p, ADVERBS)
    b = p
    while b > a and (toks[b - 1].low in ADVERBS or DAY.match(toks[b - 1].low)):
        b -= 1
    if b <= a or b - a > 10 or any(t.quoted or not t.text[0].isalnum() for t in toks[a:b]):
        return None
    ref = demonstrative(toks, a, b)  # "Jerevan heeft dat ontkend": the claim before
    return Complement(None, backref=ref) if ref else Complement(content_span(s, a, b))


def passive_drafts(s: Sentence) -> list[Draft]:
    """Passives with an agent: 'Maar verovering van de stad wordt ontkend door de autoriteiten …'."""
    toks = s.tokens
    drafts = []
    for p, tok in enumerate(toks):
        if tok.quoted or tok.low not in PASSIVE:
            continue
        aux = next(
            (
                a
                for a in range(p - 1, max(-1, p - 7), -1)
                if toks[a].low in PASSIVE_AUX and adverbial(toks, a + 1, p)
            ),
            None,
        )  # "werd op televisie bekendgemaakt door"
        if aux is not None and p + 2 < len(toks) and toks[p + 1].low in AGENT:
            found = speaker_phrase(s, p + 2, len(toks))
            cue = span_text(s, aux, p + 2)
        else:  # "wordt door de autoriteiten ontkend"
            agent = next((d for d in range(p - 2, max(0, p - 14), -1) if toks[d].low == "door"), None)
            aux = agent - 1 if agent and toks[agent - 1].low in PASSIVE_AUX else None
            found = speaker_phrase(s, agent + 1, p) if aux is not None and agent is not None else None
            if found and found[1] != p:
                found = None
            cue = f"{toks[aux].text} {toks[aux + 1].text} … {tok.text}" if aux is not None else ""
        if found is None or found[0].kind == "pronoun" or aux is None:
            continue
        draft = _passive_subject(s, aux, found[0], cue, p, PASSIVE[tok.low])
        if draft:
            drafts.append(draft)
    return drafts


def _passive_subject(s: Sentence, aux: int, speaker: NP, cue: str, p: int, stance: Stance) -> Draft | None:
    """The passive's subject before the auxiliary is the content ('verovering van de stad')."""
    toks = s.tokens
    start = skip(toks, 0, aux, CONJUNCTIONS | ADVERBS)  # the passive's subject opens the sentence
    if start < aux - 3 and toks[start].low in COMPLEMENTIZERS and toks[aux - 1].text == ",":
        content = strip_span(
            s.text, toks[start + 1].start, toks[aux - 2].end
        )  # "Dat …, werd bevestigd door X"
        return Draft(speaker, cue, p, stance, content) if content else None
    if start >= aux or aux - start > 15 or any(t.text == "," and not t.quoted for t in toks[start:aux]):
        return None
    ref = demonstrative(toks, start, aux) if aux - start == 1 else ""
    content = None if ref else (toks[start].start, toks[aux - 1].end)
    return Draft(speaker, cue, p, stance, content, ref)
