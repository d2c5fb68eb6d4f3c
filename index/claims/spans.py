"""Spans inside a sentence: adverbials, clause ends, contents, separable particles, quotations, back-references."""

from __future__ import annotations

from index.claims.lexicon import (
    ACCUSATION_WORDS,
    ADVERBS,
    COMPLEMENTIZERS,
    CONJUNCTIONS,
    DAY,
    DAY_PARTS,
    DEMONSTRATIVES,
    DETERMINERS,
    INFINITIVE_MARKERS,
    ING_TAIL,
    MONTHS,
    NEGATIONS,
    NUMBERS,
    PARTICLE_LINKS,
    PP_LINKS,
    PREPOSITIONS,
    STOP,
    TIME_NOUNS,
    TIME_SHIFTS,
)
from index.claims.tokens import Sentence, Tok


def skip(toks: list[Tok], k: int, limit: int, words: frozenset[str]) -> int:
    """The first position from k on whose token is not in words (or a day name)."""
    while k < limit and not toks[k].quoted and (toks[k].low in words or DAY.match(toks[k].low)):
        k += 1
    return k


def is_word(tok: Tok) -> bool:
    """A word token (also "Saudi's", "al-Masirah"), not a mark."""
    return tok.text[0].isalnum()


def adverbial(toks: list[Tok], a: int, b: int, allow_object: bool = False) -> bool:
    """True when tokens a..b-1 are only adverbs and prepositional phrases (or, if allowed, an object first)."""
    k = a
    if allow_object and k < b and toks[k].low not in PREPOSITIONS:
        while k < b and k - a < 5 and is_word(toks[k]) and toks[k].low not in PREPOSITIONS:
            k += 1
    while k < b:
        tok = toks[k]
        if tok.quoted or not is_word(tok) or tok.low in COMPLEMENTIZERS or tok.low in NEGATIONS:
            return False
        if tok.low in ADVERBS or DAY.match(tok.low):
            k += 1
            if k < b and toks[k].low in DAY_PARTS and DAY.match(tok.low):
                k += 1  # "Friday morning"
        elif (
            tok.low in TIME_SHIFTS
            and k + 1 < b
            and (toks[k + 1].low in TIME_NOUNS or DAY.match(toks[k + 1].low))
        ):
            k += 2  # "last week", "this morning"
        elif tok.low in PREPOSITIONS:
            k = _pp_end(toks, k + 1, b)
            if k < 0:
                return False
        else:
            return False
    return True


def _pp_end(toks: list[Tok], k: int, b: int) -> int:
    """After a preposition at k-1, the end of its noun ('on Friday', 'op basis van bronnen'), or -1."""
    if k < b and (toks[k].low in DETERMINERS or toks[k].low in {"zijn", "haar", "hun"}):
        k += 1
    words = 0
    while k < b and words < 5 and is_word(toks[k]) and toks[k].low not in PREPOSITIONS:
        low = toks[k].low
        inner = words and toks[k - 1].low in PP_LINKS  # "on behalf of the ministry"
        stop = (low in STOP and low not in MONTHS | NUMBERS) or low in ADVERBS or DAY.match(low)
        if not words and stop and not DAY.match(low):
            break  # "to have killed" is no prepositional phrase
        if words and not inner and low not in PP_LINKS and stop:
            break
        if low in NEGATIONS or low in COMPLEMENTIZERS or (low in PP_LINKS and k + 1 >= b):
            break
        k += 1
        words += 1
    return k if words else -1


def adverbial_end(toks: list[Tok], k: int, limit: int) -> int:
    """The end of the longest run of adverbs and prepositional phrases from k (k itself when none)."""
    for m in range(min(limit, k + 10), k, -1):
        if adverbial(toks, k, m):
            return m
    return k


def clause_end(s: Sentence, k: int) -> int:
    """Token position where the clause from k ends: a semicolon, an English ', …ing' tail or the sentence end."""
    toks = s.tokens
    end = len(toks)
    for m in range(k, len(toks)):
        if toks[m].quoted:
            continue
        if toks[m].text == ";":
            end = m
            break
        if (
            s.language == "en"
            and toks[m].text == ","
            and m + 1 < len(toks)
            and ING_TAIL.match(toks[m + 1].text)
        ):
            end = m
            break
    while end > k and toks[end - 1].text in {".", ",", ":", ";", "!", "?"} and not toks[end - 1].quoted:
        end -= 1
    return end


def content_span(s: Sentence, a: int, b: int | None = None) -> tuple[int, int] | None:
    """Article offsets of the content from token a to the clause end (or b), or None when empty."""
    b = clause_end(s, a) if b is None else b
    if b <= a:
        return None
    return s.tokens[a].start, s.tokens[b - 1].end


def find_particle(toks: list[Tok], k: int, particle: str, allow_object: bool) -> tuple[int, int] | None:
    """Where a separable particle ('weten', 'naar buiten') follows within a short gap: (gap end, after)."""
    words = particle.split()
    for m in range(k, min(k + 9, len(toks))):
        after = m + len(words)
        closes = (
            after >= len(toks)
            or not toks[after].text[0].isalnum()
            or toks[after].low in COMPLEMENTIZERS | PARTICLE_LINKS | {"als"}
            or infinitive_follows(toks, after)  # "laat weten het vonnis te bestuderen"
        )
        found = [t.low for t in toks[m:after]] == words and not toks[m].quoted and closes
        if found and (allow_object or adverbial(toks, k, m)):
            return m, after
        if toks[m].text in {",", ":", ";", "."} or (toks[m].low in COMPLEMENTIZERS and not allow_object):
            break
    return None


def infinitive_follows(toks: list[Tok], k: int) -> bool:
    """A Dutch te-infinitive follows within a few words, before any comma ('… het vonnis te bestuderen')."""
    for m in range(k, min(k + 8, len(toks) - 1)):
        if toks[m].quoted:
            continue
        if not is_word(toks[m]):
            return False
        if toks[m].low == "te" and is_word(toks[m + 1]):
            return True
    return False


def whole_quote(s: Sentence, k: int, end: int | None = None) -> tuple[int, int] | None:
    """The inner offsets of one quotation that fills tokens k..end-1 (by default up to the clause end)."""
    toks = s.tokens
    end = clause_end(s, k) if end is None else end
    if k >= len(toks) or end - k < 3 or (toks[k].start, toks[end - 1].end) not in s.quotes:
        return None
    return strip_span(s.text, toks[k].end, toks[end - 1].start)


def strip_span(text: str, a: int, b: int) -> tuple[int, int] | None:
    """Offsets a..b without surrounding whitespace and trailing commas."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] == ","):
        b -= 1
    return (a, b) if b > a else None


def demonstrative(toks: list[Tok], a: int, b: int) -> str:
    """'accusation' or 'claim' when tokens a..b refer back ('die beschuldiging', 'that account', 'it'), else ''."""
    words = [t.low for t in toks[a:b] if t.low not in ADVERBS]
    if not words:
        return ""
    if words[0] in DEMONSTRATIVES | {"de", "the"} and any(w in ACCUSATION_WORDS for w in words[1:3]):
        return "accusation"
    if words[0] in DEMONSTRATIVES and len(words) <= 3:
        return "claim"
    return ""


def infinitive_end(s: Sentence, k: int) -> int | None:
    """Where the clause of the te-infinitive from k on ends: 'geschokt te zijn | en riep op tot …'."""
    toks = s.tokens
    te = next(
        (m for m in range(k, len(toks) - 1) if toks[m].low in INFINITIVE_MARKERS and not toks[m].quoted), None
    )
    if te is None:
        return None
    stops = {",", ";"} | CONJUNCTIONS
    return next((x for x in range(te + 2, len(toks)) if toks[x].low in stops and not toks[x].quoted), None)
