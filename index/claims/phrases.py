"""Noun phrases and speakers: names with their particles, role, group and organisation nouns, appositions."""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from index.claims.lexicon import (
    ARTICLES,
    CAP_PARTICLES,
    COMPOUND_HEADS,
    DAY,
    DETERMINERS,
    GROUP_NOUNS,
    NOT_ALONE,
    NOT_COMPOUNDS,
    ORG_NOUNS,
    ORG_WORDS,
    PARTICLES,
    PATRONYMICS,
    PERSON_NOUNS,
    PLACE_NOUNS,
    PP_LINKS,
    PRE_CUE,
    PREPOSITIONS,
    PRONOUNS,
    QUANTITIES,
    STOP,
    VERBS,
)
from index.claims.tokens import Sentence, Tok, span_text

MAX_SPEAKER_TOKENS = 14
_PARTICLE_NAME = re.compile(r"^[a-z]{1,3}-[A-Z]\w")
# An opening participle ("Speaking to …", "Asked about …") is no name: the words that may follow it.
_PARTICIPLE = re.compile(r"^[a-z]{3,}(?:ing|ed)$")
_INTRODUCES = PREPOSITIONS | DETERMINERS | frozenset(["in", "about", "by"])
_MAX_SPEAKER_CHARS = 110


class NP(NamedTuple):
    """A speaker candidate: tokens [start, end), what it is, and the name or head to report."""

    start: int
    end: int
    kind: str  # person | group | org | unknown (a bare name) | pronoun
    name: str  # a person's proper name as written, else the phrase without its leading article
    is_name: bool  # name holds a personal (or unknown) proper name that an earlier full mention may expand
    role: str = ""  # the role noun for a bare role ("de premier"), to find the name elsewhere
    proper: bool = False  # the phrase holds a proper name of any kind


def is_acronym(word: str) -> bool:
    """An acronym ('NASA', 'VS'), not an initial ('R.' of 'John R. Bolton')."""
    return word.isupper() and not (len(word) == 2 and word.endswith("."))


@cache
def noun_kind(low: str) -> str:
    """person, group, org or place for a lexicon noun (also Dutch compounds and hyphenated forms), else ''."""
    for kind, words in (("person", PERSON_NOUNS), ("group", GROUP_NOUNS), ("org", ORG_NOUNS)):
        if low in words:
            return kind
    if low in PLACE_NOUNS:
        return "place"
    if "-" in low:
        last = low.rsplit("-", 1)[1]
        if low.endswith("secretaris-generaal") or low.endswith("-elect"):
            return "person"
        return noun_kind(last) if last not in PLACE_NOUNS else ""
    if low in NOT_COMPOUNDS:
        return ""
    for head, kind in COMPOUND_HEADS.items():
        if low.endswith(head) and len(low) >= len(head) + 3:
            return kind
    return ""


def _is_cap_adjective(tok: Tok) -> bool:
    """Dutch capitalised adjectives of origin: Turkse, Russische, Azerbeidzjaanse."""
    low = tok.low
    return tok.text[0].isupper() and len(low) > 4 and low.endswith(("se", "sche")) and low not in ORG_WORDS


def is_name(toks: list[Tok], k: int, first: bool) -> bool:
    """A capitalised token that can be part of a proper name."""
    tok = toks[k]
    if not tok.quoted and _PARTICLE_NAME.match(tok.text):  # "Abdel Fattah al-Sisi"
        return True
    if tok.quoted or not tok.text[0].isupper() or _is_cap_adjective(tok):
        return False
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    if first and _PARTICIPLE.match(tok.low) and nxt and _introduced(nxt):
        return False  # "Speaking to NBC News, she said", "Citing alleged violations, …"
    if tok.text in CAP_PARTICLES:  # "Rutte en De Jonge", "volgens Van der Lee", "Van den Oever sprak"
        m = k + 1
        while m < len(toks) and toks[m].low in PARTICLES:
            m += 1
        return (
            m < len(toks)
            and (m > k + 1 or not first)
            and is_name(toks, m, False)
            and not noun_kind(toks[m].low)
        )
    if tok.low in STOP and tok.low in PARTICLES:  # "Al Jazeera", though Dutch "al" is a stop word
        return k + 1 < len(toks) and toks[k + 1].text[0].isupper() and is_name(toks, k + 1, False)
    if tok.low in STOP and is_acronym(tok.text) and len(tok.text) > 1:  # "WHO", "US"
        return True
    return tok.low not in STOP and not DAY.match(tok.low) and not tok.low.endswith(("'s", "’s"))


def _introduced(nxt: Tok) -> bool:
    """What may follow an opening participle, unlike a name's next word ("Manning said", "Fleming, …")."""
    lower = nxt.text.isalpha() and nxt.text.islower()
    return nxt.low in _INTRODUCES or (lower and nxt.low not in VERBS and nxt.low not in PRE_CUE)


def particles_end(toks: list[Tok], k: int, limit: int) -> int:
    """After a first name, the end of 'van der' + surname when exactly one surname token follows, else k."""
    m = k
    while m < limit and m - k < 3 and toks[m].low in PARTICLES and not toks[m].quoted:
        m += 1
    if m == k or m >= limit or not is_name(toks, m, False):
        return k
    if m + 1 < limit and is_name(toks, m + 1, False):
        return k
    return m + 1


def _is_modifier(toks: list[Tok], k: int, limit: int) -> bool:
    """A word before a noun head: 'Turkse' in 'De Turkse president', 'defence' in 'defence ministry'."""
    tok = toks[k]
    if tok.quoted or tok.low in STOP or tok.low in VERBS or not tok.text[0].isalpha():
        return False  # not "told" in "Tedros told reporters"
    for m in range(k + 1, min(k + 4, limit)):
        nxt = toks[m]
        if nxt.quoted:
            return False
        if noun_kind(nxt.low) in {"person", "group", "org"}:
            return True
        if _is_cap_adjective(tok) and is_name(toks, m, False):
            return True
        if nxt.low in STOP or not nxt.text[0].isalpha():
            return False
    return False


def _core(toks: list[Tok], j: int, limit: int) -> list[str]:
    """Roles (name, particle, noun, mod) of the tokens of a noun phrase core starting at j."""
    roles: list[str] = []
    k = j
    while k < limit and len(roles) < MAX_SPEAKER_TOKENS:
        tok = toks[k]
        if tok.quoted:
            break
        run = len(roles) - len(_rstrip_roles(roles, "name", "particle"))
        if roles and roles[-1] == "name" and (run == 1 or tok.low in PATRONYMICS) and tok.low in PARTICLES:
            end = particles_end(toks, k, limit)
            if end > k:
                roles += ["particle"] * (end - k - 1) + ["name"]
                k = end
                continue
        if noun_kind(tok.low) in {"person", "group", "org"}:
            roles.append("noun")
        elif is_name(toks, k, k == 0) and not _is_modifier_name(toks, k, limit):
            roles.append("name")
        elif _is_modifier(toks, k, limit):
            roles.append("mod")
        else:
            break
        k += 1
    return _rstrip_roles(roles, "mod", "particle")


def _is_modifier_name(toks: list[Tok], k: int, limit: int) -> bool:
    """A capitalised word that only modifies a following noun: 'Kremlin' in 'the Kremlin spokesman'."""
    return (
        k + 1 < limit and not toks[k + 1].quoted and noun_kind(toks[k + 1].low) in {"person", "group", "org"}
    )


def _rstrip_roles(roles: list[str], *drop: str) -> list[str]:
    """The roles without trailing entries of the given kinds."""
    out = list(roles)
    while out and out[-1] in drop:
        out.pop()
    return out


def _pp_end(toks: list[Tok], k: int, limit: int) -> int:
    """End of a prepositional complement starting at k ('het ministerie van Defensie'), or k if none."""
    m = k
    if m < limit and (toks[m].low in DETERMINERS or toks[m].low.endswith(("'s", "’s"))):
        m += 1
    content = m
    while m < limit and m - k < 7 and not toks[m].quoted:
        low = toks[m].low
        if (
            noun_kind(low)
            or is_name(toks, m, False)
            or _is_cap_adjective(toks[m])
            or _is_modifier(toks, m, limit)
        ):
            m += 1
        elif low in PARTICLES and m > content and particles_end(toks, m, limit) > m:
            m = particles_end(toks, m, limit)
        elif low not in STOP and low.isalpha() and m + 1 < limit and is_name(toks, m + 1, False):
            m += 1  # "officier van justitie Anna de Vries"
        else:
            break
    while m > content and (_is_cap_adjective(toks[m - 1]) or toks[m - 1].low in PARTICLES):
        m -= 1
    has_head = any(noun_kind(toks[x].low) or is_name(toks, x, False) for x in range(content, m))
    return m if has_head else k


def noun_phrase(s: Sentence, i: int, limit: int) -> NP | None:
    """The noun phrase starting at token i and ending at or before limit, or None."""
    toks = s.tokens
    limit = min(limit, len(toks))
    if i >= limit or toks[i].quoted:
        return None
    low = toks[i].low
    if low in PRONOUNS and not (low in {"haar", "her"} and i + 1 < limit and _core(toks, i + 1, limit)):
        return NP(i, i + 1, "pronoun", toks[i].text, False)
    j = i
    if low in DETERMINERS:
        j += 1
    if j < limit and toks[j].low.endswith(("'s", "’s")) and toks[j].text[0].isalpha():
        j += 1
    if j + 1 < limit and toks[j].low in QUANTITIES and toks[j + 1].low in PP_LINKS:
        j += 2  # "A number of Senators"
    roles = _core(toks, j, limit)
    if not any(r in {"name", "noun"} for r in roles) or (roles == ["noun"] and j == i and low in NOT_ALONE):
        return None  # "according to reports": no speaker
    end = j + len(roles)
    kind, name_run = _head(toks, j, roles)
    end = _post_modifiers(s, end, limit, person=kind == "person", named=roles[-1] != "noun")
    if end < len(toks) and toks[end].text in {"'", "’"} and toks[end].start == toks[end - 1].end:
        return None  # a possessor ("the United Nations' agency"), not the speaker
    if end - i > MAX_SPEAKER_TOKENS or len(span_text(s, i, end)) > _MAX_SPEAKER_CHARS:
        return None
    return _make_np(s, i, j, end, kind, name_run, roles)


def _head(toks: list[Tok], j: int, roles: list[str]) -> tuple[str, tuple[int, int] | None]:
    """The kind of a noun phrase core and the token range of its trailing proper name, if any."""
    if roles[-1] == "noun":
        kind = noun_kind(toks[j + len(roles) - 1].low)
        return ("org" if kind == "place" else kind), None
    first = len(roles)
    while first > 0 and roles[first - 1] in {"name", "particle"}:
        first -= 1
    run = (j + first, j + len(roles))
    nouns = [noun_kind(toks[j + x].low) for x in range(first) if roles[x] == "noun"]
    words = [toks[x].low for x in range(*run)]
    if nouns and nouns[-1] == "person":
        return "person", run
    if (
        nouns
        or any(w in ORG_WORDS or w.isupper() for w in words)
        or any(is_acronym(toks[x].text) for x in range(*run))
    ):
        return "org", run
    names = sum(1 for x in range(*run) if roles[x - j] == "name")
    return ("person" if names >= 2 else "unknown"), run


def _post_modifiers(s: Sentence, end: int, limit: int, person: bool, named: bool) -> int:
    """Extend a noun phrase over '(EBU)' and prepositional complements: 'van Defensie in Bakoe'."""
    toks = s.tokens
    while end < limit and not toks[end].quoted:
        low = toks[end].low
        if low == "(":
            close = next((m for m in range(end + 1, min(end + 5, limit)) if toks[m].text == ")"), None)
            if close is None or close == end + 1 or not toks[end + 1].text[0].isupper():
                break
            end = close + 1
            continue
        if named:  # "Jens Stoltenberg of Norway", not "Dasbach to Wikinews"
            allowed = {"van", "of"}
        else:  # "adviser to Zelensky", "de autoriteiten in Nagorno-Karabach"
            allowed = (
                {"van", "of", "to", "for"}
                if person
                else {"van", "of", "in", "uit", "from", "at", "to", "bij"}
            )
        if low not in allowed:
            break
        after = _pp_end(toks, end + 1, limit)
        if after == end + 1:
            break
        person, named = False, False
        end = after
    return end


def _make_np(
    s: Sentence, i: int, j: int, end: int, kind: str, run: tuple[int, int] | None, roles: list[str]
) -> NP:
    """Build the NP record: a person's name, or the phrase without its leading article."""
    toks = s.tokens
    if run and kind in {"person", "unknown"}:
        a = run[0] - 1 if run[0] == j and j > i and toks[i].text in CAP_PARTICLES else run[0]
        return NP(i, end, kind, span_text(s, a, run[1]), True, proper=True)
    if kind == "person":
        trailing = _trailing_name(toks, i, end)
        if trailing:
            return NP(i, end, kind, span_text(s, *trailing), True, proper=True)
    head = span_text(s, i + 1 if toks[i].low in ARTICLES and i + 1 < end else i, end)
    bare_role = (
        kind == "person" and roles == ["noun"] and end == j + 1
    )  # "de premier", not "de lokale minister"
    role = toks[end - 1].low.rsplit("-", 1)[-1] if bare_role else ""
    return NP(i, end, kind, head, False, role, proper=run is not None)


def _trailing_name(toks: list[Tok], i: int, end: int) -> tuple[int, int] | None:
    """A personal name of two or more words closing a phrase ('… Buitenlandse Zaken Sergej Lavrov')."""
    a = end
    while (
        a > i
        and (is_name(toks, a - 1, False) or toks[a - 1].low in PARTICLES)
        and toks[a - 1].low not in ORG_WORDS
    ):
        a -= 1
    while a < end and toks[a].low in PARTICLES:
        a += 1
    names = [t for t in toks[a:end] if t.low not in PARTICLES]
    after_preposition = a > i and (
        toks[a - 1].low in PREPOSITIONS | {"van", "of"} or toks[a - 1].low in ARTICLES
    )
    if after_preposition and len(names) >= 3:  # "First Minister of Scotland Nicola Sturgeon"
        a, names, after_preposition = a + 1, names[1:], False
    if len(names) < 2 or after_preposition or any(is_acronym(t.text) for t in names):
        return None
    return a, end


def speaker_phrase(
    s: Sentence, i: int, limit: int, relative: bool = False, apposition: str = "any"
) -> tuple[NP, int] | None:
    """The speaker phrase at i with an apposition, coordination or relative clause, and the position after."""
    # apposition: "any", or only a "name" after a role; relative: a relative clause may follow the phrase
    np = noun_phrase(s, i, limit)
    if np is None or np.kind == "pronoun":
        return (np, np.end) if np else None
    toks = s.tokens
    end = np.end
    if end < limit and toks[end].text == ",":
        appos = noun_phrase(s, end + 1, limit)
        closed = appos and (appos.end >= len(toks) or toks[appos.end].text in {",", ".", ";"})
        allowed = apposition == "any" or (apposition == "name" and appos and appos.is_name and not np.proper)
        if appos and closed and allowed and appos.kind != "pronoun" and np.proper != appos.proper:
            named = appos if appos.proper else np
            kind = "person" if "person" in {np.kind, appos.kind} else named.kind
            after = appos.end + 1 if appos.end < len(toks) and toks[appos.end].text == "," else appos.end
            return named._replace(start=np.start, end=appos.end, kind=kind, role=""), after
        if relative and end + 1 < limit and toks[end + 1].low in {"die", "dat", "wat", "which", "who"}:
            close = next((m for m in range(end + 2, min(end + 25, limit)) if toks[m].text == ","), None)
            if close is not None:
                return np, close + 1
    if end < limit and toks[end].low in {"en", "and"}:
        other = noun_phrase(s, end + 1, limit)
        kinds = {np.kind, other.kind} if other else set()
        compatible = len(kinds) == 1 or kinds <= {"org", "group", "unknown"}
        if other and other.kind != "pronoun" and compatible and other.end - i <= 2 * MAX_SPEAKER_TOKENS:
            joined = f"{np.name} {toks[end].text} {other.name}"
            return NP(i, other.end, "group", joined, False), other.end
    return np, end
