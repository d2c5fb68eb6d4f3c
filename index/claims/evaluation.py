"""Claim extraction against hand annotations: precision and recall of finding claims, their speakers and stances."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, Field, TypeAdapter

from index.claims.extract import extract_claims
from index.errors import ParseError
from index.keywords import fold, words
from index.records import Article, Claim, Stance
from index.sentences import split_sentences

_CONTENT_OVERLAP = 0.5  # share of the annotated content's words an extracted content must hold to match it


class GoldClaim(BaseModel):
    """An annotated claim: who (as written), the cue, the stance and what was said (as written)."""

    speaker: str
    cue: str
    stance: Stance
    content: str


class AnnotatedText(BaseModel):
    """An article excerpt with every claim in it annotated."""

    source: str
    language: str
    title: str = ""
    date: str | None = None
    text: str
    claims: list[GoldClaim] = Field(default_factory=list)


class Shares(BaseModel):
    """Precision and recall of one aspect."""

    precision: float
    recall: float


class ClaimEvaluation(BaseModel):
    """How the extractor did on an annotated set."""

    texts: int
    sentences: int
    gold: int
    extracted: int
    found: Shares  # a claim found where one is (content matched)
    speaker: Shares  # found, with the right speaker
    stance: Shares  # found, with the right stance
    misses: list[str]  # annotated claims not found with the right speaker, for reading


def load_annotations(path: Path) -> list[AnnotatedText]:
    """The annotated texts of a YAML file."""
    try:
        return TypeAdapter(list[AnnotatedText]).validate_python(
            yaml.safe_load(path.read_text(encoding="utf-8"))
        )
    except (OSError, yaml.YAMLError, ValueError) as exc:
        raise ParseError(f"{path} is not a claims annotation file: {exc}") from exc


def _words(text: str) -> set[str]:
    """Folded words of a text."""
    return {fold(w) for w in words(text)}


def _matches(extracted: Claim, gold: GoldClaim) -> bool:
    """Whether an extracted claim is the annotated one: it holds most of the annotated content's words."""
    want = _words(gold.content)
    return bool(want) and len(want & _words(extracted.content)) >= _CONTENT_OVERLAP * len(want)


def _same_speaker(extracted: Claim, gold: GoldClaim) -> bool:
    """Whether the extracted speaker names the annotated one (shares its name or head words)."""
    gold_words = _words(gold.speaker) - _words("de het een the a an van of")
    return bool(gold_words & (_words(extracted.speaker) | _words(extracted.speaker_name)))


def evaluate_claims(texts: list[AnnotatedText]) -> ClaimEvaluation:
    """Extract claims from every annotated text and compare them with the annotations."""
    gold_total = extracted_total = found = speaker_right = stance_right = sentences = 0
    misses: list[str] = []
    for n, item in enumerate(texts):
        article = Article(
            id=f"annotated-{n}", title=item.title, text=item.text, date=item.date, language=item.language
        )
        sentences += len(split_sentences(item.text, item.language))
        claims = extract_claims(article)
        extracted_total += len(claims)
        gold_total += len(item.claims)
        unused = list(claims)
        for gold in item.claims:
            match = next((c for c in unused if _matches(c, gold)), None)
            if match is None:
                misses.append(f"{item.source}: not found: {gold.speaker} {gold.cue}: {gold.content[:80]}")
                continue
            unused.remove(match)
            found += 1
            if _same_speaker(match, gold):
                speaker_right += 1
            else:
                misses.append(
                    f"{item.source}: speaker {match.speaker!r} for {gold.speaker!r}: {gold.content[:60]}"
                )
            stance_right += match.stance == gold.stance
    return ClaimEvaluation(
        texts=len(texts),
        sentences=sentences,
        gold=gold_total,
        extracted=extracted_total,
        found=_shares(found, extracted_total, gold_total),
        speaker=_shares(speaker_right, extracted_total, gold_total),
        stance=_shares(stance_right, extracted_total, gold_total),
        misses=misses,
    )


def _shares(right: int, extracted: int, gold: int) -> Shares:
    """Precision over the extracted claims and recall over the annotated ones."""
    return Shares(precision=right / extracted if extracted else 0.0, recall=right / gold if gold else 0.0)
