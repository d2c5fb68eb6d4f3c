"""extract_claims: an article's sentences read one by one into Claim records, speakers resolved."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from index.claims.drafts import sentence_drafts
from index.claims.frames import Draft
from index.claims.resolution import (
    Context,
    Done,
    Who,
    earlier_claim,
    identify,
    named_people,
    sentence_subject,
    speaker_of,
    update_referent,
)
from index.claims.spans import whole_quote
from index.claims.tokens import Sentence, quotation_spans, tokenise_sentence
from index.records import Article, Claim, Stance
from index.sentences import Span, split_sentences

_MAX_JOINED = 6  # sentences a quotation may join


def extract_claims(article: Article) -> list[Claim]:
    """Attributed statements in a Dutch or English article, in text order (other languages yield none)."""
    language = article.language if article.language in {"nl", "en"} else ""
    if not language:
        return []
    text = article.text
    spans = _join_quotations(text, split_sentences(text, language))
    sentences = [tokenise_sentence(text, span, language) for span in spans]
    title = tokenise_sentence(article.title, Span(0, len(article.title)), language) if article.title else None
    people = named_people(sentences, title)
    done: list[Done] = []
    referent: tuple[Who, int] | None = None
    for index, s in enumerate(sentences):
        previous = spans[index - 1] if index else None
        subject = sentence_subject(s)
        subject_who = identify(s, subject, people) if subject and subject.kind != "pronoun" else None
        ctx = Context(index, subject_who, subject.start if subject else 0, [], referent)
        for draft in sorted(sentence_drafts(s, previous), key=lambda d: d.cue_pos):
            who = speaker_of(s, draft, subject, ctx, people)
            claim = _claim(article, s, draft, who, done, index) if who else None
            if claim and who:
                done.append(Done(claim, index, who))
                ctx.here.append(who)
        continued = _continued_quote(article, s, done[-1], index, previous) if done and not ctx.here else None
        if continued:
            done.append(Done(continued, index, done[-1].who))
            ctx.here.append(done[-1].who)
        referent = update_referent(ctx, subject, s, people)
    return sorted((d.claim for d in done), key=lambda c: (c.start, c.content_start))


def _join_quotations(text: str, spans: list[Span]) -> list[Span]:
    """Sentences that one quotation runs through, read as one ('Zij schreef: „… . … .”'), a few at most."""
    ends = [span.end for span in spans]
    joined: list[Span] = []
    k = 0
    for a, b in quotation_spans(text, Span(0, len(text)), double_only=True):
        first = bisect_right(ends, a)
        last = bisect_left(ends, b)
        if first < k or last >= len(spans) or not 0 < last - first < _MAX_JOINED:
            continue
        joined += spans[k:first]
        joined.append(Span(spans[first].start, spans[last].end))
        k = last + 1
    return joined + spans[k:]


def _continued_quote(
    article: Article, s: Sentence, last: Done, index: int, previous: Span | None
) -> Claim | None:
    """A sentence that is only a quotation, continuing the claim of the sentence before ('“…”, zei hij. “…”')."""
    gap = article.text[previous.end : s.span.start] if previous else "\n\n"
    if last.sentence != index - 1 or re.search(r"\n\s*\n", gap):
        return None
    if any(not t.quoted for t in s.tokens if t.text not in {".", "!", "?"}):
        return None
    inner = whole_quote(s, 0)
    if inner is None:
        return None
    claim = last.claim
    passage = (claim.start, s.span.end)
    stance = claim.stance if claim.quoted else "statement"  # the quote itself is no warning or accusation
    return _build(article, claim.speaker, claim.speaker_name, claim.cue, stance, inner, passage, True)


def _claim(
    article: Article, s: Sentence, draft: Draft, who: Who, done: list[Done], index: int
) -> Claim | None:
    """Build the Claim for a resolved draft, following a back-reference when it has one."""
    passage = (s.span.start, s.span.end)
    content = draft.content
    if draft.backref in {"claim", "accusation"}:
        earlier = earlier_claim(draft, done, index)
        if earlier is not None:
            content = (earlier.claim.content_start, earlier.claim.content_end)
            passage = (min(earlier.claim.start, passage[0]), passage[1])
        else:
            content = draft.fallback
    if content is None:
        return None
    passage = (min(passage[0], content[0]), max(passage[1], content[1]))
    return _build(article, who.speaker, who.name, draft.cue, draft.stance, content, passage, draft.quoted)


def _build(
    article: Article,
    speaker: str,
    name: str,
    cue: str,
    stance: Stance,
    content: tuple[int, int],
    passage: tuple[int, int],
    quoted: bool,
) -> Claim:
    """The Claim record."""
    return Claim(
        article_id=article.id,
        speaker=speaker,
        speaker_name=name,
        cue=cue,
        stance=stance,
        content=article.text[content[0] : content[1]],
        start=passage[0],
        end=passage[1],
        content_start=content[0],
        content_end=content[1],
        date=article.date,
        language=article.language,
        quoted=quoted,
    )
