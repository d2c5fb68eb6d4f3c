"""Helpers for the claim extractor's tests: an article from a text, its checked claims, one claim, a span."""

from __future__ import annotations

from index.claims import extract_claims
from index.records import Article, Claim


def make_article(text: str, language: str = "nl") -> Article:
    """An article holding just this text."""
    return Article(id="a1", title="Titel", text=text, date="2020-11", language=language)


def claims_in(text: str, language: str = "nl") -> list[Claim]:
    """The claims extracted from an article holding this text, each checked against the text."""
    article = make_article(text, language)
    claims = extract_claims(article)
    for claim in claims:
        assert_consistent(article, claim)
    return claims


def assert_consistent(article: Article, claim: Claim) -> None:
    """The claim's spans, content and article fields agree with the article."""
    assert article.text[claim.content_start : claim.content_end] == claim.content
    assert claim.start <= claim.content_start <= claim.content_end <= claim.end
    assert claim.content and claim.content == claim.content.strip()
    assert (
        claim.article_id == article.id and claim.date == article.date and claim.language == article.language
    )


def one(claims: list[Claim], **fields: object) -> Claim:
    """The single claim whose fields have the given values."""
    found = [c for c in claims if all(getattr(c, k) == v for k, v in fields.items())]
    assert len(found) == 1, f"{len(found)} claims match {fields}: {claims}"
    return found[0]


def span_of(text: str, part: str) -> tuple[int, int]:
    """The (start, end) of the first occurrence of part in text."""
    start = text.index(part)
    return start, start + len(part)
