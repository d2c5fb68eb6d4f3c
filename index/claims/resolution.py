"""Who a claim's speaker is (full names seen earlier, roles, pronouns) and which claim another refers to."""

from __future__ import annotations

from typing import NamedTuple

from index.claims.frames import Draft
from index.claims.lexicon import CONJUNCTIONS, ORG_WORDS, PARTICLES, PATRONYMICS, PRONOUNS
from index.claims.phrases import (
    NP,
    is_acronym,
    is_name,
    noun_kind,
    noun_phrase,
    particles_end,
    speaker_phrase,
)
from index.claims.tokens import Sentence, span_text
from index.records import Claim


class Person(NamedTuple):
    """A full name (two or more name tokens) seen at a position, with the role word just before it."""

    position: int
    name: str
    keys: frozenset[str]  # lower-cased short forms: surname, 'de jonge', the first of three names
    role: str


def named_people(sentences: list[Sentence], title: Sentence | None) -> list[Person]:
    """Every full personal name in the title and the text, in order."""
    everything = ([title] if title else []) + sentences
    runs = [(s, [_plain(t.text) for t in s.tokens[a:b]], a) for s in everything for a, b in _name_runs(s)]
    alone = {words[0].lower() for _, words, _ in runs if len(words) == 1}
    people = []
    for s, words, a in runs:
        names = [w for w in words if w.lower() not in PARTICLES]
        if len(names) < 2 or any(w.lower() in ORG_WORDS or is_acronym(w) for w in names):
            continue
        if len(names) == 2 and names[0].lower() in alone:  # "Azerbeidzjan Armenië" is two countries
            continue
        keys = {names[-1].lower(), " ".join(words[1:]).lower()}
        if len(names) >= 3:
            keys.add(names[0].lower())
        before = s.tokens[a - 1].low if a > 0 else ""
        role = before.rsplit("-", 1)[-1] if noun_kind(before) == "person" else ""
        position = -1 if s is title else s.tokens[a].start
        people.append(Person(position, " ".join(words), frozenset(keys), role))
    return people


def _plain(word: str) -> str:
    """A name token without a possessive ending ("Biden's" -> "Biden")."""
    return word[:-2] if word.endswith(("'s", "’s")) else word


def _name_runs(s: Sentence) -> list[tuple[int, int]]:
    """Token ranges of capitalised name runs (with particles) in a sentence."""
    toks = s.tokens
    runs = []
    k = 0
    while k < len(toks):
        if not is_name(toks, k, k == 0) or noun_kind(toks[k].low):
            k += 1
            continue
        end = k + 1
        while end < len(toks):
            if is_name(toks, end, False) and not noun_kind(toks[end].low):
                end += 1
            elif (end - k == 1 or toks[end].low in PATRONYMICS) and particles_end(toks, end, len(toks)) > end:
                end = particles_end(toks, end, len(toks))
            elif (
                toks[end].text[0].isupper()
                and _plain(toks[end].text) != toks[end].text
                and not toks[end].quoted
            ):
                end += 1  # "Joe Biden's victory"
                break
            else:
                break
        runs.append((k, end))
        k = end
    return runs


def _full_name(people: list[Person], short: str, before: int) -> str:
    """The one full name seen before `before` that `short` abbreviates ('Rutte' -> 'Mark Rutte'), else ''."""
    key = short.lower()
    found = {p.name for p in people if p.position < before and (key in p.keys or key == p.name.lower())}
    return found.pop() if len(found) == 1 else ""


def _name_for_role(people: list[Person], role: str, before: int) -> str:
    """The one name seen before `before` right after this role word ('premier Mark Rutte'), else ''."""
    found = {p.name for p in people if p.position < before and p.role == role}
    return found.pop() if len(found) == 1 else ""


class Who(NamedTuple):
    """A resolved speaker."""

    speaker: str
    name: str
    kind: str  # person | group | org | unknown (a bare name that may or may not be a person)


class Done(NamedTuple):
    """An emitted claim with what later sentences may refer back to."""

    claim: Claim
    sentence: int
    who: Who


def identify(s: Sentence, np: NP, people: list[Person]) -> Who:
    """The speaker as written, with a person's name expanded to the full name seen earlier."""
    position = s.tokens[np.start].start
    speaker = span_text(s, np.start, np.end)
    if np.is_name:
        full = _full_name(people, np.name, position)
        if full:
            return Who(speaker, full, "person")
        return Who(speaker, np.name, np.kind)
    if np.role:
        return Who(speaker, _name_for_role(people, np.role, position) or np.name, np.kind)
    return Who(speaker, np.name, np.kind)


def sentence_subject(s: Sentence) -> NP | None:
    """The subject that opens a sentence (after a conjunction or a fronted adverbial), if there is one."""
    toks = s.tokens
    candidates = [0, 1] if toks and toks[0].low in CONJUNCTIONS else [0]
    comma = next((k for k, t in enumerate(toks[:14]) if t.text == "," and not t.quoted), None)
    if comma is not None and noun_phrase(s, 0, comma) is None:
        candidates.append(comma + 1)
    for k in candidates:
        found = speaker_phrase(s, k, len(toks))
        if found is None:
            continue
        end = found[1]
        if (
            end < len(toks)
            and not toks[end].quoted
            and (toks[end].text == "," or toks[end].text[0].islower())
        ):
            return found[0]
    return None


class Context(NamedTuple):
    """What pronoun resolution may look at."""

    sentence: int  # the sentence index
    subject: Who | None  # the sentence's opening subject (not a pronoun)
    subject_start: int  # its token position
    here: list[Who]  # speakers of earlier claims in this sentence
    referent: tuple[Who, int] | None  # the last salient speaker or subject, and its sentence


def _resolve_pronoun(pronoun: str, position: int, ctx: Context) -> Who | None:
    """The speaker a pronoun stands for: the sentence's subject, an earlier speaker, or none."""
    kinds = PRONOUNS[pronoun.lower()]
    if pronoun.lower() == "it":  # "The EBU said …. It said …"
        who, sentence = ctx.referent or (None, -1)
        return who if who and who.kind in kinds and sentence == ctx.sentence - 1 else None
    candidates = [ctx.subject] if ctx.subject and ctx.subject_start < position else []
    candidates += reversed(ctx.here)
    for who in candidates:
        if who.kind in kinds:
            return who
        if who.kind == "unknown":  # a bare name that may be a person: too uncertain
            return None
    if ctx.referent:
        who, sentence = ctx.referent
        if who.kind in kinds and (who.kind not in {"org", "unknown"} or sentence == ctx.sentence - 1):
            return who
    return None


def speaker_of(
    s: Sentence, draft: Draft, subject: NP | None, ctx: Context, people: list[Person]
) -> Who | None:
    """The resolved speaker of a draft, or None when it cannot be pinned down."""
    if draft.follows and ctx.here:  # '"…," she said, adding …'
        return ctx.here[-1]
    np = draft.speaker if draft.speaker is not None else subject
    if np is None:
        return None
    if np.kind != "pronoun":
        who = identify(s, np, people)
        # ', saying …' after a clause whose subject may be no speaker at all ("Election implications were …")
        return None if draft.follows and who.kind == "unknown" else who
    if draft.speaker is None:  # an elided subject that is itself a pronoun
        ctx = ctx._replace(subject=None)
    return _resolve_pronoun(np.name, np.start, ctx)


def earlier_claim(draft: Draft, done: list[Done], index: int) -> Done | None:
    """The earlier claim a denial of 'dat'/'die beschuldiging'/'that account' refers to."""
    if draft.backref == "accusation":
        window = [d for d in done if index - 3 <= d.sentence < index and d.claim.stance == "accusation"]
    else:
        window = [d for d in done if d.sentence == index - 1]
    return window[-1] if window else None


def _last_clause_subject(s: Sentence) -> NP | None:
    """The subject opening the last clause after a semicolon, if it is no pronoun."""
    toks = s.tokens
    semi = max((k for k, t in enumerate(toks) if t.text == ";" and not t.quoted), default=None)
    found = speaker_phrase(s, semi + 1, len(toks)) if semi is not None else None
    if found is None or found[0].kind == "pronoun" or found[1] >= len(toks) or toks[found[1]].quoted:
        return None
    return found[0] if toks[found[1]].text[0].islower() else None


def update_referent(
    ctx: Context, subject: NP | None, s: Sentence, people: list[Person]
) -> tuple[Who, int] | None:
    """The salient speaker after a sentence: its last claim's speaker, its subject, or the one person named."""
    if ctx.here:
        return ctx.here[-1], ctx.sentence
    last = _last_clause_subject(s)
    if last is not None:  # "A werd vermoord; Qawi kreeg kritiek omdat …"
        return identify(s, last, people), ctx.sentence
    if subject is not None:
        return (ctx.subject, ctx.sentence) if ctx.subject else ctx.referent
    named: dict[str, str] = {}
    for a, b in _name_runs(s):
        short = _plain(span_text(s, a, b))
        full = _full_name(people, short, s.tokens[b - 1].end + 1)
        if full:
            named[full] = short
    if len(named) == 1:
        full, short = named.popitem()
        return Who(short, full, "person"), ctx.sentence
    return None if named else ctx.referent
