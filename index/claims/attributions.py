"""Attributions apart from their content: 'volgens X', a trailing ', zei hij', and 'Dat heeft X gezegd'."""

from __future__ import annotations

from index.claims.frames import Draft
from index.claims.lexicon import (
    ADVERBS,
    AGENTS_OF,
    ARTICLES,
    COMPLEMENTIZERS,
    DAY,
    DOCUMENTS,
    ING_TAIL,
    INVERTED_TRAILING,
    PARTICIPLES,
    PERFECT_AUX,
    PRE_CUE,
    TAIL_STARTERS,
    TRAILING,
    VERBS,
    WHAT_RELATIVES,
)
from index.claims.phrases import NP, speaker_phrase
from index.claims.spans import adverbial, clause_end, content_span, skip, strip_span, whole_quote
from index.claims.tokens import CLOSING_QUOTES, OPENING_QUOTES, Sentence, Tok, span_text
from index.records import Stance
from index.sentences import Span

_SPLIT_QUOTE_WORDS = 8  # words the first part of a split quote needs to be a claim of its own


def volgens_drafts(s: Sentence) -> list[Draft]:
    """'Volgens X …', '… volgens X …' and 'According to X, …' (stance statement)."""
    toks = s.tokens
    drafts = []
    for k, tok in enumerate(toks):
        english = tok.low == "according" and k + 1 < len(toks) and toks[k + 1].low == "to"
        if tok.quoted or not (tok.low == "volgens" or english):
            continue
        found = speaker_phrase(s, _source(toks, k + (2 if english else 1)), len(toks), apposition="name")
        if found is None:
            continue
        np, end = found
        if (
            english
            and end < len(toks)
            and toks[end].text not in {",", ".", ";"}
            and toks[end - 1].text != ","
        ):
            continue  # "according to NDRRMC report …": the phrase did not end where it seemed to
        cue = span_text(s, k, k + (2 if english else 1))
        clause = max(x for x in s.starts if x <= k and (x == 0 or toks[x - 1].text in {";", ":"}))
        opens = k == clause or (k in s.starts and toks[k - 1].text != ",")
        content = _volgens_content(s, k, end, clause, opens)
        if content:
            initial = opens and (k == 0 or toks[k - 1].text != ":")
            drafts.append(Draft(np, cue, k, "statement", content, volgens=True, clause_initial=initial))
    return drafts


def _source(toks: list[Tok], k: int) -> int:
    """Where the source after 'according to' starts: past 'a statement by' ('een verklaring van')."""
    m = k + 1 if k < len(toks) and toks[k].low in ARTICLES else k
    if m + 2 < len(toks) and toks[m].low in DOCUMENTS and toks[m + 1].low in AGENTS_OF and not toks[m].quoted:
        return m + 2
    return k


def _volgens_content(s: Sentence, k: int, end: int, clause: int, opens: bool) -> tuple[int, int] | None:
    """What 'volgens X' qualifies: the rest of its clause, the clause before '…, volgens X.', or all of it."""
    toks = s.tokens
    if opens:
        comma = next((m for m in range(end, min(end + 7, len(toks))) if toks[m].text == ","), None)
        if comma is not None and adverbial(toks, end, comma):  # "According to officials on Saturday, …"
            end = comma + 1
        return content_span(s, end)
    if k > clause and clause_end(s, end) <= end:  # "…, according to the police."
        return content_span(s, clause, k - 1 if toks[k - 1].text == "," else k)
    return content_span(s, clause)


def trailing_drafts(s: Sentence) -> list[Draft]:
    """Attribution after the content: '“…”, zei hij.', '…, aldus de premier.', '"…," Peskov said.'."""
    toks = s.tokens
    n = len(toks)
    for c in range(2, n - 1):
        if toks[c].text != ",":
            continue
        if toks[c].quoted:  # English: ,” he said
            if not (c + 2 < n and toks[c + 1].text in CLOSING_QUOTES and not toks[c + 2].quoted):
                continue
            q, content_end = c + 2, c + 2
        else:
            q, content_end = c + 1, c
        drafts = _trailing_at(s, q, content_end)
        if drafts:
            return drafts
    opening = next(((a, b) for a, b in s.quotes if a == toks[0].start), None) if toks else None
    after = next((m for m, t in enumerate(toks) if opening and t.start >= opening[1]), None)
    if after is not None and 1 < after < n - 1:  # '"I am in awe …" tweeted the mayor.': no comma
        return _trailing_at(s, after, after)
    return []


def _trailing_at(s: Sentence, q: int, content_end: int) -> list[Draft]:
    """A trailing attribution starting at token q whose content ends before token content_end."""
    toks = s.tokens
    if toks[q].quoted:
        return []
    inverted = INVERTED_TRAILING if s.language == "en" else TRAILING | {"aldus"}
    cue_text = toks[q].text
    particle = _trailing_particle(s, q)
    if particle:  # "„…”, laat de club weten."
        cue, speaker, tail, cue_text = q, particle[0], particle[1], f"{toks[q].text} … {particle[2]}"
    elif toks[q].low in inverted:
        cue = q
        found = speaker_phrase(s, q + 1, len(toks))
        if found is None:
            return []
        speaker, tail = found
    else:
        found = speaker_phrase(s, q, len(toks))
        if found is None:
            return []
        speaker, cue = found[0], skip(toks, found[1], len(toks), PRE_CUE)
        if cue >= len(toks) or toks[cue].quoted or toks[cue].low not in TRAILING:
            return []
        tail = cue + 1
        cue_text = toks[cue].text
    stance = "statement" if toks[cue].low == "aldus" else VERBS[toks[cue].low][-1].stance
    if _parenthetical(toks, content_end, tail):  # "The review, he said, would take 60 days."
        semi = max((m for m in range(content_end) if toks[m].text == ";" and not toks[m].quoted), default=-1)
        whole = content_span(s, semi + 1)
        return [Draft(speaker, cue_text, cue, stance, whole)] if whole else []
    if not _tail_ok(toks, tail, toks[cue].low):
        return []
    content = strip_span(s.text, toks[0].start, toks[content_end - 1].end)
    if content is None:
        return []
    quote = whole_quote(s, 0, content_end) or _last_quote(s, content_end)
    second = _second_quote(s, tail)
    words = sum(1 for t in toks[:content_end] if t.text[0].isalnum())
    if words < (2 if quote else 3):
        return []
    if quote and second and words < _SPLIT_QUOTE_WORDS:  # "“However,” he said, “this …”"
        quote = second
    draft = Draft(speaker, cue_text, cue, stance, quote or content, quoted=quote is not None)
    if quote and second and quote != second:  # '"I informed …," wrote Trump, "and therefore …"': two claims
        return [draft, draft._replace(content=second)]
    return [draft]


def _trailing_particle(s: Sentence, q: int) -> tuple[NP, int, str] | None:
    """A Dutch cue with its particle after the speaker: 'laat de club weten', 'voegde hij eraan toe'."""
    toks = s.tokens
    verb = next((v for v in VERBS.get(toks[q].low, ()) if v.particle and v.frame == "say"), None)
    if s.language != "nl" or verb is None or toks[q].quoted:
        return None
    found = speaker_phrase(s, q + 1, len(toks))
    if found is None:
        return None
    p = skip(toks, found[1], len(toks), ADVERBS)
    words = verb.particle.split()
    if [t.low for t in toks[p : p + len(words)]] != words:
        return None
    return found[0], p + len(words), span_text(s, p, p + len(words))


def _parenthetical(toks: list[Tok], content_end: int, tail: int) -> bool:
    """', he said,' inside a clause it interrupts: the words after it go on with the words before it."""
    if tail + 3 >= len(toks) or toks[tail].text != "," or toks[tail].quoted or toks[content_end - 1].quoted:
        return False
    nxt = toks[tail + 1]
    return (
        not nxt.quoted
        and nxt.text.isalpha()
        and nxt.text.islower()
        and not ING_TAIL.match(nxt.text)
        and nxt.low not in TAIL_STARTERS | COMPLEMENTIZERS
    )


def _last_quote(s: Sentence, end: int) -> tuple[int, int] | None:
    """The inner offsets of a quotation closing right before token end ('…: "All countries …," said X')."""
    last = s.tokens[end - 1]
    found = next(((a, b) for a, b in s.quotes if b == last.end), None) if last.quoted else None
    opening = next((k for k, t in enumerate(s.tokens) if found and t.start == found[0]), 0)
    if found is None or opening == 0:
        return None
    if s.tokens[opening - 1].text not in {":", ","} and opening > 1:  # 'With "Abe, I wanted …," Chapman told'
        return None  # 'Interpol's constitution prohibits "…," a spokesperson stated': the whole of it
    return strip_span(s.text, found[0] + 1, found[1] - 1)


def _second_quote(s: Sentence, tail: int) -> tuple[int, int] | None:
    """The inner offsets of a quotation that resumes after a trailing attribution: ', “…”.'"""
    comma = next(
        (m for m in range(tail, len(s.tokens)) if s.tokens[m].text == "," and not s.tokens[m].quoted), None
    )
    return whole_quote(s, comma + 1) if comma is not None else None


def _tail_ok(toks: list[Tok], t: int, cue_low: str) -> bool:
    """After a trailing attribution only the sentence end or an adverbial may follow."""
    if t >= len(toks) or toks[t].text in {".", "!", "?", "("} or cue_low in {"told", "tells"}:
        return True  # "(" opens a remark on the speaker: "…, said Sadiq Khan (no relation)."
    tok = toks[t]
    if tok.quoted or tok.low in COMPLEMENTIZERS:
        return False
    if tok.text == ",":  # "…, he said, adding …" / "…, he said, “…”"
        nxt = toks[t + 1] if t + 1 < len(toks) else None
        return nxt is not None and (
            bool(ING_TAIL.match(nxt.text)) or nxt.low in TAIL_STARTERS or nxt.text in OPENING_QUOTES
        )
    return tok.low in TAIL_STARTERS or bool(DAY.match(tok.low))


def relative_drafts(s: Sentence) -> list[Draft]:
    """'…, wat hij ontkende.', '…, which the ministry confirmed.': what the clause before the comma says."""
    toks = s.tokens
    for k in range(3, len(toks) - 2):
        if (
            toks[k].low not in WHAT_RELATIVES
            or toks[k - 1].text != ","
            or toks[k].quoted
            or toks[k - 1].quoted
        ):
            continue
        found = speaker_phrase(s, k + 1, len(toks))
        if found is None:
            continue
        c = skip(toks, found[1], len(toks), PRE_CUE)
        verb = VERBS[toks[c].low][-1] if c < len(toks) and toks[c].low in VERBS else None
        if verb is None or verb.particle or verb.frame not in {"deny", "say", "object"} or toks[c].quoted:
            continue
        end = skip(toks, c + 1, len(toks), ADVERBS)
        if end < len(toks) and toks[end].text not in {".", "!", "?"}:
            continue  # only '…, wat hij ontkende.', not '…, which the court ruled to be …'
        content = strip_span(s.text, toks[0].start, toks[k - 2].end)
        return [Draft(found[0], toks[c].text, c, verb.stance, content)] if content else []
    return []


def dat_drafts(s: Sentence, previous: Span | None) -> list[Draft]:
    """'X. Dat hebben de autoriteiten zondag bekendgemaakt.': the previous sentence is the content."""
    toks = s.tokens
    if previous is None or len(toks) < 3 or toks[0].text != "Dat" or s.language == "en":
        return []
    content = strip_span(s.text, previous.start, previous.end - (s.text[previous.end - 1] == "."))
    found = speaker_phrase(s, 2, len(toks))
    if content is None or found is None or found[0].kind == "pronoun":
        return []
    speaker, end = found
    verb_low = toks[1].low
    if verb_low in VERBS and VERBS[verb_low][-1].frame == "say" and not VERBS[verb_low][-1].particle:
        return [Draft(speaker, toks[1].text, 1, VERBS[verb_low][-1].stance, content, "sentence")]
    if verb_low not in PERFECT_AUX:
        return []
    for p in range(end, min(end + 8, len(toks))):
        two = toks[p].low == "laten" and p + 1 < len(toks) and toks[p + 1].low == "weten"
        if (toks[p].low in PARTICIPLES or two) and adverbial(toks, end, p):
            stance: Stance = "statement" if two else PARTICIPLES[toks[p].low]
            cue = f"{toks[1].text} … {span_text(s, p, p + 2 if two else p + 1)}"
            return [Draft(speaker, cue, p, stance, content, "sentence")]
    return []
