"""Answers from attributed claims: who said, claimed, denied or accused what, with both sides where disputed."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from pydantic import BaseModel, ConfigDict

from bot.answer import templates
from bot.answer.assemble import cite, cited_answer
from bot.answer.corpus import Corpus
from bot.answer.evidence import Sentence
from bot.answer.question import Question
from bot.records import Answer, Attribution, Citation
from index.keywords import query_names, stem, words
from index.records import Passage, SearchFilters, Stance, StoredClaim

# Which stored stances answer a question asking for a given stance.
_ANSWERING: dict[Stance, set[str]] = {
    "claim": {"claim", "statement", "announcement"},
    "denial": {"denial"},
    "accusation": {"accusation"},
    "announcement": {"announcement", "statement"},
    "warning": {"warning", "statement"},
    "admission": {"admission"},
    "statement": {"statement", "claim", "announcement", "warning", "admission", "denial", "accusation"},
}
# The stances that dispute a claim of the given stance.
_OPPOSED: dict[str, set[str]] = {
    "claim": {"denial"},
    "statement": {"denial"},
    "announcement": {"denial"},
    "accusation": {"denial"},
    "denial": {"claim", "statement", "announcement", "accusation"},
}
CLAIM_MARGIN = 0.05  # a claim must score within this of the best sentence to answer
SAME_CLAIM_COSINE = 0.90  # two claims whose contents are this alike say the same thing
NEARBY_CHARS = 300  # a reply (denial) this close to a claim in the same article answers that claim
SPEAKER_BONUS = 0.03  # for a claim whose speaker the question names
# "Who claimed ..." asks after an assertion someone disputes: among claims that match, one a denial replies
# to comes first by this much (on the who-said questions of the answers.yaml tuning split, 0.01 to 0.04
# named the same speakers as none).
DISPUTED_BONUS = 0.02
MAX_CLAIMANTS = 2
CONSIDERED = 12  # best-scoring claims considered for an answer
TIMELINE_MIN_COSINE = 0.80


class _Candidate(BaseModel):
    """A stored claim with the evidence score of its sentence (own, or inherited from the claim it answers)."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    claim: StoredClaim
    score: float
    vector: np.ndarray | None = None  # of the sentence while scoring; of the content when answering


class ClaimAnswerer:
    """Builds 'who said what' answers and claim timelines from the stored claims."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus

    def claims_near(self, passages: Sequence[Passage]) -> list[StoredClaim]:
        """The stored claims of the passages, and the replies just after them."""
        return self.corpus.claims_within([(p.article_id, p.start, p.end + NEARBY_CHARS) for p in passages])

    def answer(
        self,
        read: Question,
        vector: np.ndarray,
        near: Sequence[StoredClaim],
        sentences: list[Sentence],
        confidence: float,
    ) -> Answer | None:
        """An attributed answer from the claims `near` the passages (claims_near), or None when none answers
        well enough (the caller quotes instead)."""
        candidates = _candidates(near, sentences, read.text)
        if not candidates:
            return None
        # Whether two claims say the same thing is judged on what was said, not on the whole sentence.
        considered = candidates[:CONSIDERED]
        contents = self.corpus.embed_passages([c.claim.content for c in considered])
        candidates = [c.model_copy(update={"vector": v}) for c, v in zip(considered, contents, strict=True)]
        best_score = sentences[0].score
        wanted = _ANSWERING[read.stance or "statement"]
        eligible = [
            c for c in candidates if c.claim.stance in wanted and c.score >= best_score - CLAIM_MARGIN
        ]
        if read.asks_what_said:
            # "What did Erdogan say ...": only claims by someone the question names.
            named = _named_in(read.text)
            eligible = [c for c in eligible if named & _words_of(c.claim.speaker)]
        # Among claims whose sentences match, the best answer is the one whose content matches the question.
        disputed = _disputed(candidates) if read.stance == "claim" else set()
        eligible.sort(
            key=lambda c: (
                (float(c.vector @ vector) if c.vector is not None else -1.0)
                + (DISPUTED_BONUS if c.claim.id in disputed else 0.0)
            ),
            reverse=True,
        )
        primary: list[_Candidate] = []
        for candidate in eligible:
            if not primary or (_alike(candidate, primary[0]) and _new_speaker(candidate, primary)):
                primary.append(candidate)
            if len(primary) == MAX_CLAIMANTS:
                break
        if not primary:
            return None
        counters = _counters(primary, candidates, best_score)
        return _compose(read, primary, counters, confidence)

    def timeline(
        self, topic: str, filters: SearchFilters | None = None, limit: int = 25
    ) -> list[StoredClaim]:
        """Claims about a topic in date order: found through the passages about it and by keywords."""
        vector = self.corpus.embed_query(topic)
        passages = self.corpus.search(topic, k=20, filters=filters, query_vector=vector)
        claims = {
            c.id: c for c in self.corpus.claims_within([(p.article_id, p.start, p.end) for p in passages])
        }
        for claim in self.corpus.search_claims(topic, 50, filters):
            claims.setdefault(claim.id, claim)
        if not claims:
            return []
        candidates = list(claims.values())
        similarity = self.corpus.embed_passages([f"{c.title}\n{c.sentence}" for c in candidates]) @ vector
        relevant = [c for c, s in zip(candidates, similarity, strict=True) if s >= TIMELINE_MIN_COSINE]
        # A reply (a denial of a claim just before it) belongs to the topic of the claim it answers.
        kept = [_Candidate(claim=c, score=0.0) for c in relevant]
        relevant += [c for c in candidates if c not in relevant and _answered_claim(c, kept) is not None]
        relevant.sort(key=lambda c: (c.date or "", c.article_id, c.start))
        return relevant[-limit:]


def holds_claim(sentence: Sentence, stance: Stance | None, claims: Iterable[StoredClaim]) -> bool:
    """True when the sentence states one of the claims, of a stance that answers a question asking `stance`."""
    wanted = _ANSWERING[stance or "statement"]
    return any(
        c.article_id == sentence.passage.article_id
        and c.stance in wanted
        and sentence.start <= c.content_start < sentence.end
        for c in claims
    )


def _words_of(text: str) -> set[str]:
    """Folded words of a text longer than two letters."""
    return {stem(word, "") for word in words(text) if len(word) > 2}


def _named_in(question: str) -> set[str]:
    """Folded names of the question, to recognise a speaker it names."""
    return _words_of(" ".join(query_names(question)))


def _candidates(claims: Sequence[StoredClaim], sentences: list[Sentence], question: str) -> list[_Candidate]:
    """Claims scored by their sentence; a reply (denial) next to a scored claim inherits that claim's score."""
    by_article: dict[str, list[Sentence]] = {}
    for sentence in sentences:
        by_article.setdefault(sentence.passage.article_id, []).append(sentence)
    own: dict[int, _Candidate] = {}
    for claim in claims:
        holder = next(
            (s for s in by_article.get(claim.article_id, []) if s.start <= claim.content_start < s.end), None
        )
        if holder is not None:
            own[claim.id] = _Candidate(claim=claim, score=holder.score, vector=holder.vector)
    named = _named_in(question)
    result: list[_Candidate] = []
    for claim in claims:
        candidate = own.get(claim.id)
        answered = _answered_claim(claim, own.values())
        if answered is not None and (candidate is None or candidate.score < answered.score):
            candidate = _Candidate(claim=claim, score=answered.score - 0.001, vector=answered.vector)
        if candidate is None:
            continue
        if named & _words_of(claim.speaker):
            candidate = candidate.model_copy(update={"score": candidate.score + SPEAKER_BONUS})
        result.append(candidate)
    return sorted(result, key=lambda c: c.score, reverse=True)


def _answered_claim(claim: StoredClaim, scored: Iterable[_Candidate]) -> _Candidate | None:
    """For a denial: the nearest scored claim just before it in its article, which it replies to."""
    if claim.stance != "denial":
        return None
    replied = [
        other
        for other in scored
        if other.claim.article_id == claim.article_id
        and other.claim.id != claim.id
        and claim.stance in _OPPOSED.get(other.claim.stance, set())
        and 0 <= claim.start - other.claim.end <= NEARBY_CHARS
        and other.claim.speaker_name != claim.speaker_name
    ]
    return max(replied, key=lambda other: other.claim.end, default=None)


def _disputed(candidates: list[_Candidate]) -> set[int]:
    """Ids of the candidate claims that a candidate denial replies to."""
    replied = (_answered_claim(c.claim, candidates) for c in candidates)
    return {r.claim.id for r in replied if r is not None}


def _alike(a: _Candidate, b: _Candidate) -> bool:
    """True when two claims' sentences say nearly the same thing."""
    return a.vector is not None and b.vector is not None and float(a.vector @ b.vector) >= SAME_CLAIM_COSINE


def _new_speaker(candidate: _Candidate, chosen: list[_Candidate]) -> bool:
    """True when nobody chosen so far is the candidate's speaker."""
    return all(candidate.claim.speaker_name.lower() != c.claim.speaker_name.lower() for c in chosen)


def _counters(primary: list[_Candidate], candidates: list[_Candidate], best_score: float) -> list[_Candidate]:
    """Claims that dispute a primary one: the reply to it or what it replies to, or the opposite of the same thing."""
    replies_to = {c.claim.id: _answered_claim(c.claim, candidates) for c in candidates}
    counters: list[_Candidate] = []
    taken = {c.claim.id for c in primary}
    for candidate in candidates:
        claim = candidate.claim
        if claim.id in taken:
            continue
        for main in primary:
            if claim.stance not in _OPPOSED.get(main.claim.stance, set()) or not _new_speaker(
                candidate, [main]
            ):
                continue
            reply = replies_to.get(claim.id)
            replied = replies_to.get(main.claim.id)
            paired = (reply is not None and reply.claim.id == main.claim.id) or (
                replied is not None and replied.claim.id == claim.id
            )
            if paired or (_alike(candidate, main) and candidate.score >= best_score - CLAIM_MARGIN):
                counters.append(candidate)
                taken.add(claim.id)
                break
    return counters[:MAX_CLAIMANTS]


def _compose(
    read: Question, primary: list[_Candidate], counters: list[_Candidate], confidence: float
) -> Answer:
    """Each claimant with verb, date and claim, then the other side; one citation per distinct sentence."""
    citations: list[Citation] = []
    attributions: list[Attribution] = []

    def line(claim: StoredClaim) -> str:
        number = next(
            (c.number for c in citations if (c.article_id, c.start) == (claim.article_id, claim.start)), 0
        )
        if not number:
            number = len(citations) + 1
            citations.append(cite(number, claim, claim.chunk_id or 0, claim.start, claim.end, claim.sentence))
        attributions.append(
            Attribution(
                speaker=claim.speaker,
                cue=claim.cue,
                stance=claim.stance,
                content=claim.content,
                date=claim.date,
                citation=number,
            )
        )
        return templates.attributed(
            claim.stance,
            claim.speaker,
            claim.speaker_name,
            claim.language == read.language,
            read.language,
            date=claim.date or templates.phrase("undated", read.language),
            content=claim.content,
            n=number,
        )

    lines = [line(c.claim) for c in primary]
    if counters:
        rest = " ".join(line(c.claim) for c in counters)
        if read.language == "en" and rest.startswith(("A ", "An ")):
            rest = rest[:1].lower() + rest[1:]  # "This is disputed: a denial from ..."
        lines.append(templates.phrase("disputed", read.language, rest=rest))
    return cited_answer(read, lines, citations, confidence, "claims", attributions, contested=bool(counters))
