"""The last step of every answer: the 'as of' line and the Answer record around lines and citations."""

from __future__ import annotations

from collections.abc import Sequence

from bot.answer import templates
from bot.answer.question import Question
from bot.records import Answer, Attribution, Citation, Method
from index.records import Passage, StoredClaim


def cite(
    number: int, article: Passage | StoredClaim, chunk_id: int, start: int, end: int, quote: str
) -> Citation:
    """Citation `number`: the quote at start..end of the article that `article` (a passage or claim) belongs to."""
    return Citation(
        number=number,
        article_id=article.article_id,
        chunk_id=chunk_id,
        start=start,
        end=end,
        quote=quote,
        title=article.title,
        source=article.source,
        date=article.date,
        url=article.url,
        also_in=article.also_in if isinstance(article, Passage) else [],
    )


def newest_date(citations: Sequence[Citation]) -> str | None:
    """The newest article date among the citations."""
    dates = [c.date for c in citations if c.date]
    return max(dates) if dates else None


def cited_answer(
    read: Question,
    lines: list[str],
    citations: list[Citation],
    confidence: float,
    method: Method,
    attributions: Sequence[Attribution] = (),
    contested: bool = False,
) -> Answer:
    """An answer of these lines, closed by the date it rests on ('as of 2020-11')."""
    as_of = newest_date(citations)
    if as_of:
        lines = [*lines, templates.phrase("as_of", read.language, date=as_of)]
    return Answer(
        question=read.text,
        language=read.language,
        text="\n".join(lines),
        citations=citations,
        attributions=list(attributions),
        contested=contested,
        confidence=confidence,
        as_of=as_of,
        method=method,
        filters=read.filters,
    )
