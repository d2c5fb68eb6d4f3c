"""Cue complements: what a cue reports by its frame (say, object, call, preposition, deny, accuse, speak of)."""

from __future__ import annotations

import re
from typing import NamedTuple

from index.claims.lexicon import (
    ACCUSE_LINKS,
    ADVERBS,
    COMPLEMENTIZERS,
    DETERMINERS,
    INFINITIVE_MARKERS,
    OBJECT_STARTERS,
    PARTICLE_LINKS,
    STOP,
    ZERO_THAT,
    ZERO_THAT_STARTERS,
)
from index.claims.lexicon.base import Verb
from index.claims.phrases import noun_kind
from index.claims.spans import (
    adverbial,
    adverbial_end,
    clause_end,
    content_span,
    demonstrative,
    find_particle,
    infinitive_end,
    infinitive_follows,
    is_word,
    skip,
    whole_quote,
)
from index.claims.tokens import OPENING_QUOTES, Sentence

_ACCUSED_SPAN = 16  # tokens from the cue to 'of'/'van'/'ervan' at most ('beschuldigde degenen die … ervan')


class Complement(NamedTuple):
    """What a cue's complement yields: content offsets, or a back-reference with an optional fallback."""

    content: tuple[int, int] | None
    quoted: bool = False
    backref: str = ""  # claim | accusation: the content is that of an earlier claim
    fallback: tuple[int, int] | None = None


def complement(s: Sentence, k: int, verb: Verb, cue_low: str, adjacent: bool) -> Complement | None:
    """The complement of a cue whose speaker ends before token k, by the verb's frame."""
    toks = s.tokens
    if verb.frame == "deny":
        return _deny_complement(s, k, verb)
    if verb.frame in {"call", "describe"}:
        return _call_complement(s, k, verb.frame == "describe") if adjacent else None
    if verb.frame == "prep":  # "accepted responsibility for the murder", "waarschuwde voor een tweede golf"
        words = verb.particle.split()
        k = skip(toks, k, len(toks), ADVERBS)
        if [t.low for t in toks[k : k + len(words)] if not t.quoted] == words:
            content = content_span(s, k + len(words))
            return Complement(content) if content else None
        return None
    if verb.particle:
        found = find_particle(toks, k, verb.particle, verb.takes_object or verb.frame == "object")
        if found is None:
            return None
        if verb.frame == "object":  # "kondigde hij aan dat …", "eiste de aanval op"
            start = skip(toks, k, found[0], ADVERBS)
            linked = (
                found[1] < len(toks) and toks[found[1]].low in PARTICLE_LINKS
            )  # "riep de premier op om …"
            if linked or (start < found[0] and infinitive_follows(toks, found[1])):  # "riep X op … te houden"
                content = content_span(
                    s, start if start < found[0] else found[1], infinitive_end(s, found[1])
                )
                return Complement(content) if content else None
            said = say_complement(s, found[1], verb, cue_low, False)
            return said or _object(s, start, found[0])
        k, adjacent = found[1], False
    if verb.frame == "accuse":
        return accuse_complement(s, k)
    if verb.frame == "speak_of":
        return _speak_of_complement(s, k)
    said = say_complement(s, k, verb, cue_low, adjacent)
    if said or verb.frame != "object" or (s.language == "en" and not adjacent):
        return said
    if k + 1 < len(toks) and toks[k].low in INFINITIVE_MARKERS and _verb_like(toks[k + 1].low):
        return _object(s, k, None)  # "threatened to strike", not "confirmed to reporters"
    return _object(s, adverbial_end(toks, k, len(toks)), None)


def _verb_like(low: str) -> bool:
    """A lower-case word after 'to' that is no stop word and no speaker noun: 'to strike', not 'to reporters'."""
    return low.isalpha() and low not in STOP and not noun_kind(low)


def _object(s: Sentence, k: int, end: int | None) -> Complement | None:
    """What a cue with an object reports: the object up to a particle, or the rest of the clause."""
    toks = s.tokens
    if k >= len(toks) or toks[k].quoted or not is_word(toks[k]):
        return None
    infinitive = toks[k].low in INFINITIVE_MARKERS and k + 1 < len(toks) and toks[k + 1].text.islower()
    if (
        toks[k].low in STOP and toks[k].low not in OBJECT_STARTERS and not infinitive
    ):  # "threatened to strike"
        return None
    if end is None:  # an object ends at a comma: "threatened the renewal before, after …"
        end = next(
            (m for m in range(k, clause_end(s, k)) if toks[m].text == "," and not toks[m].quoted), None
        )
    content = content_span(s, k, end)
    return Complement(content) if content else None


def _call_complement(s: Sentence, k: int, describe: bool = False) -> Complement | None:
    """'called for …', 'called on X to …', 'called it "a non-starter"', 'described X as Y' (a quote or 'as')."""
    toks = s.tokens
    if k < len(toks) and toks[k].low in {"for", "on"} and not toks[k].quoted:
        content = content_span(s, k + 1)
        return Complement(content) if content else None
    end = clause_end(s, k)
    if not any(
        (t.quoted and is_word(t)) or (describe and t.low == "as" and not t.quoted) for t in toks[k:end]
    ):
        return None
    return _object(s, k, end)


def say_complement(s: Sentence, k: int, verb: Verb, cue_low: str, adjacent: bool) -> Complement | None:
    """For a say-verb: the content after 'dat'/'that', a colon, a quote, or a bare English clause."""
    toks = s.tokens
    n = len(toks)
    for m in range(k, min(k + 10, n)):
        tok = toks[m]
        if tok.quoted or tok.text in {";", "."}:
            break
        colon = tok.text == ":" and m - k <= 3 and all(is_word(t) for t in toks[k:m])  # "reageerde geschokt:"
        if not colon and not adverbial(toks, k, m, verb.takes_object):
            continue
        nxt = toks[m + 1] if m + 1 < n else None
        if tok.low in COMPLEMENTIZERS and nxt and (nxt.text[0].isalnum() or nxt.text in OPENING_QUOTES):
            content = content_span(s, m + 1)
            return Complement(content) if content else None
        if tok.text == ":" and nxt:
            quote = whole_quote(s, m + 1)
            content = quote or content_span(s, m + 1)
            return Complement(content, quote is not None) if content else None
        if tok.text == ",":
            quote = whole_quote(s, m + 1)
            if quote:
                return Complement(quote, True)
            break
    if s.language == "nl":
        return _te_clause(s, k)
    listener = _object_end(s, k) if verb.takes_object else None  # "told reporters …"
    if (
        listener and listener < n and toks[listener].low in INFINITIVE_MARKERS
    ):  # "told his supporters to go home"
        content = content_span(s, k)
        return Complement(content) if content else None
    bare = k < n and toks[k].text.islower() and toks[k].low not in DETERMINERS  # "warned officials were …"
    for start in [listener, k] if listener and bare else [listener or k]:
        found = _bare_complement(s, k, adverbial_end(toks, start, n), cue_low, adjacent, start == k)
        if found:
            return found
    return None


def _te_clause(s: Sentence, k: int) -> Complement | None:
    """Dutch 'zei diep geschokt te zijn', 'laat weten het vonnis te bestuderen': up to the comma."""
    toks = s.tokens
    end = clause_end(s, k)
    for m in range(k, min(k + 12, end - 1)):
        tok = toks[m]
        if tok.quoted or tok.text in {",", ";", ":"} or tok.low in COMPLEMENTIZERS:
            return None
        if tok.low in INFINITIVE_MARKERS and is_word(toks[m + 1]):
            content = content_span(s, skip(toks, k, m, ADVERBS), infinitive_end(s, m))
            return Complement(content) if content else None
    return None


def _bare_complement(
    s: Sentence, k: int, start: int, cue_low: str, adjacent: bool, comma: bool = True
) -> Complement | None:
    """A quote, or an English clause without 'that', from start (after the cue at k-1 and its adverbials)."""
    toks = s.tokens
    n = len(toks)
    quote = whole_quote(s, start) if start > k or adjacent else None
    if quote:  # 'said on Friday "I can do it."'
        return Complement(quote, True)
    if s.language != "en" or not adjacent or cue_low not in ZERO_THAT or start >= n:
        return None
    if comma and start > k and start + 1 < n and toks[start].text == "," and not toks[start].quoted:
        nxt = toks[start + 1]  # "said in its report, the fault …", not "said on Thursday, little more than …"
        if not (nxt.low in ZERO_THAT_STARTERS or nxt.text[0].isupper() or nxt.text[0].isdigit()):
            return None
        start += 1
    while start < n and re.fullmatch(r"[a-z]+ly", toks[start].text):
        start += 1  # "has said publicly the …"
    if start >= n:
        return None
    first = toks[start]
    verb = toks[start + 1] if start + 1 < n else first
    if (
        first.low in INFINITIVE_MARKERS
        and verb.text.islower()
        and (verb.low in {"have", "be"} or verb.low not in STOP)
    ):
        content = content_span(s, start)  # "claimed to have killed 2,300 soldiers"
        return Complement(content) if content else None
    if (
        first.quoted
        or not first.text[0].isalnum()
        or (first.low in STOP and first.low not in ZERO_THAT_STARTERS)
    ):
        return None
    content = content_span(s, start)
    return Complement(content) if content else None


def _object_end(s: Sentence, k: int) -> int | None:
    """After 'told': the end of the person told ('reporters', 'The Washington Post', 'the BBC'), or None."""
    toks = s.tokens
    first = k + 1 if k < len(toks) and toks[k].low in DETERMINERS else k
    m = first
    while m < len(toks) and not toks[m].quoted and (toks[m].text[0].isupper() or noun_kind(toks[m].low)):
        m += 1
    return m if m > first and m - k <= 5 else None


def _deny_complement(s: Sentence, k: int, verb: Verb) -> Complement | None:
    """For a denial: a that-clause, the text after a colon, or the object (which may refer back)."""
    toks = s.tokens
    if verb.particle:
        found = find_particle(toks, k, verb.particle, True)
        if found is None:
            return None
        if found[0] > k:
            return _object_complement(s, k, found[0], found[1])
        k = found[1]
    for m in range(k, min(k + 10, len(toks))):
        if toks[m].quoted or toks[m].text in {",", ";", "."}:
            break
        if not adverbial(toks, k, m):
            continue
        clause = clause_end(s, m + 1) - (m + 1)
        opens = m + 1 < len(toks) and (toks[m + 1].text[0].isalnum() or toks[m + 1].text in OPENING_QUOTES)
        that = (
            toks[m].low in COMPLEMENTIZERS and opens and clause > 2 and toks[m + 1].low not in {"en", "and"}
        )
        if toks[m].text == ":" or that:
            content = content_span(s, m + 1)
            return Complement(content) if content else None
    k = skip(toks, k, len(toks), ADVERBS)
    if k >= len(toks) or toks[k].quoted:
        return None
    end = k
    while (
        end < len(toks) and toks[end].text not in {",", ";", ":", "."} and toks[end].low not in {"en", "and"}
    ):
        end += 1
    return _object_complement(s, k, end, end)


def _object_complement(s: Sentence, a: int, b: int, after: int) -> Complement | None:
    """A denial's object a..b (particle or clause end at after): a colon after it gives the content."""
    toks = s.tokens
    while b > a and toks[b - 1].low in ADVERBS:
        b -= 1
    if b <= a:
        return None
    ref = demonstrative(toks, a, b)
    after = skip(toks, after, len(toks), ADVERBS)
    if ref and after < len(toks) and toks[after].text == ":":
        content = content_span(s, after + 1)
        return Complement(content) if content else None
    obj = (toks[a].start, toks[b - 1].end)
    if not ref:
        return Complement(obj)
    return Complement(None, backref=ref, fallback=None if b - a == 1 else obj)


def accuse_complement(s: Sentence, k: int) -> Complement | None:
    """For an accusation: the accused and the charge ('Armenië ervan te hebben geschoten')."""
    toks = s.tokens
    for m in range(k + 1, min(k + _ACCUSED_SPAN, len(toks))):
        if toks[m].text in {",", ";", ":", "."} and not toks[m].quoted:
            return None
        if toks[m].low in ACCUSE_LINKS and not toks[m].quoted and m + 1 < len(toks):
            content = content_span(s, k)
            return Complement(content) if content else None
    return None


def _speak_of_complement(s: Sentence, k: int) -> Complement | None:
    """For 'sprak van': what the speaker called it ('van een historisch document')."""
    toks = s.tokens
    for m in range(k, min(k + 8, len(toks))):
        if toks[m].low == "van" and not toks[m].quoted and adverbial(toks, k, m) and m + 1 < len(toks):
            content = content_span(s, m + 1)
            return Complement(content) if content else None
    return None
