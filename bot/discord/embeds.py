"""Core records as Discord embeds and texts, always within Discord's limits (see format.py)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import discord

from bot.discord.format import (
    DESCRIPTION_LIMIT,
    FIELD_VALUE_LIMIT,
    FIELDS_MAX,
    escape,
    fit_embed,
    fit_lines,
    quote_block,
)
from bot.records import Answer, Citation
from bot.text import also_in, one_line, shorten, shorten_start
from index.records import Article, Passage

if TYPE_CHECKING:
    from index.ingest import IngestReport
    from index.records import IndexStats, SourceView, StoredClaim

ANSWER_COLOUR = discord.Colour.blurple()
ABSTAIN_COLOUR = discord.Colour.light_grey()
LOOKUP_COLOUR = discord.Colour.teal()
EXCERPT = 300  # characters of a passage shown in lists


def meta(source: str, date: str | None, outlets: list[str] | None = None) -> str:
    """'source, date' with placeholders for what is missing (and the other outlets with the story)."""
    also = f" · {note}" if (note := also_in(outlets or [])) else ""
    return f"{source or 'unknown source'}, {date or 'undated'}{also}"


def citation_line(citation: Citation) -> str:
    """'[1] Title — source, date · `reference`' for the list under an answer."""
    title = escape(shorten(one_line(citation.title), 120))
    return f"[{citation.number}] {title} — {escape(meta(citation.source, citation.date, citation.also_in))} · `{citation.reference}`"


def answer_embed(answer: Answer) -> discord.Embed:
    """The answer with its [n] markers, and the numbered sources (or the related passages) below it."""
    if answer.abstained:
        lines = [
            f"• {escape(shorten(one_line(p.title), 120))} — {escape(meta(p.source, p.date))} · `#{p.chunk_id}`"
            for p in answer.related
        ]
        heading = "**Related passages**"
    else:
        lines = [citation_line(c) for c in answer.citations]
        heading = "**Sources**"
    listing = fit_lines(lines, DESCRIPTION_LIMIT // 3) if lines else ""
    tail = f"\n\n{heading}\n{listing}" if listing else ""
    text = shorten(answer.text, DESCRIPTION_LIMIT - len(tail))  # the core writes it as markdown, escaped
    embed = discord.Embed(
        title=shorten(escape(one_line(answer.question)), 256) or "Answer",
        description=text + tail,
        colour=ABSTAIN_COLOUR if answer.abstained else ANSWER_COLOUR,
    )
    notes = []
    if answer.as_of:
        notes.append(f"as of {answer.as_of}")
    if not answer.abstained:
        notes.append(f"confidence {answer.confidence:.0%}")
    if answer.contested:
        notes.append("the sources disagree")
    if answer.tentative:
        notes.append("the quotes may not answer this exact question")
    if answer.method == "llm" and answer.rewriting:
        notes.append(f"worded by {answer.rewriting.model}; the quotes are the articles' own words")
    notes.append("/source <reference> shows a passage in context")
    embed.set_footer(text=" · ".join(notes))
    return fit_embed(embed)


def sources_embed(answer: Answer) -> discord.Embed:
    """Every cited passage: title, source, date, the quote and its reference."""
    embed = discord.Embed(
        title=shorten(f"Sources: {escape(one_line(answer.question))}", 256), colour=ANSWER_COLOUR
    )
    for citation in answer.citations[:FIELDS_MAX]:
        details = f"{escape(meta(citation.source, citation.date, citation.also_in))} · `{citation.reference}`"
        if citation.url:
            details += f"\n<{citation.url}>"
        room = FIELD_VALUE_LIMIT - len(details) - 1
        quote = quote_block(shorten(escape(one_line(citation.quote)), room - 2))
        embed.add_field(
            name=shorten(f"[{citation.number}] {escape(one_line(citation.title))}", 256),
            value=f"{quote}\n{details}",
            inline=False,
        )
    if not answer.citations:
        embed.description = "This answer cites no passages."
    return fit_embed(embed)


def search_embed(query: str, passages: Sequence[Passage]) -> discord.Embed:
    """The top passages for a query: article, date, source, passage id and a short excerpt each."""
    embed = discord.Embed(title=shorten(f"Search: {escape(one_line(query))}", 256), colour=LOOKUP_COLOUR)
    if not passages:
        embed.description = "No passages found."
    for rank, passage in enumerate(passages[:FIELDS_MAX], start=1):
        excerpt = quote_block(shorten(escape(one_line(passage.text)), EXCERPT))
        embed.add_field(
            name=shorten(f"{rank}. {escape(one_line(passage.title))}", 256),
            value=f"{escape(meta(passage.source, passage.date, passage.also_in))} · `#{passage.chunk_id}`\n{excerpt}",
            inline=False,
        )
    embed.set_footer(text="/source <#id> shows a passage in its article")
    return fit_embed(embed)


def marked_context(text: str, start: int, end: int, limit: int) -> str:
    """The span [start, end) of the text in bold, with as much context either side as fits in `limit`."""
    marked = shorten(escape(text[start:end].strip()), max(1, limit // 2))
    mark = f"**{marked}**"
    room = max(0, limit - len(mark) - 2)
    left, right = escape(text[:start].rstrip()), escape(text[end:].lstrip())
    right_room = max(room // 2, room - len(left))
    right_part = shorten(right, right_room) if right and right_room > 1 else ""
    left_room = room - len(right_part)
    left_part = shorten_start(left, left_room) if left and left_room > 1 else ""
    return f"{left_part} {mark} {right_part}".strip()


def source_embed(view: SourceView) -> discord.Embed:
    """A passage or cited sentence in its article's context, the span marked in bold."""
    article = view.article
    if view.end > view.start:
        description = marked_context(article.text, view.start, view.end, DESCRIPTION_LIMIT - 200)
    else:
        description = shorten(escape(article.text), DESCRIPTION_LIMIT - 200)
    embed = _article_header(article, description)
    if view.chunk_id is not None and view.chunk_id in view.chunk_ids:
        position = view.chunk_ids.index(view.chunk_id) + 1
        embed.add_field(
            name="Marked", value=f"passage #{view.chunk_id} ({position} of {len(view.chunk_ids)})"
        )
    elif view.end > view.start:
        embed.add_field(name="Marked", value=f"characters {view.start}-{view.end}")
    return fit_embed(embed)


def article_embed(article: Article) -> discord.Embed:
    """An article's metadata and opening."""
    embed = _article_header(article, shorten(escape(article.text), 1500))
    embed.add_field(name="Length", value=f"{len(article.text):,} characters", inline=True)
    return fit_embed(embed)


def _article_header(article: Article, description: str) -> discord.Embed:
    """An embed titled after the article, with its source, date, language and id."""
    url = article.url if article.url.startswith(("http://", "https://")) else None
    embed = discord.Embed(
        title=shorten(escape(one_line(article.title) or article.id), 256),
        url=url,
        description=description,
        colour=LOOKUP_COLOUR,
    )
    embed.add_field(name="Source", value=escape(article.source or "unknown"), inline=True)
    embed.add_field(name="Date", value=article.date or "undated", inline=True)
    if article.language:
        embed.add_field(name="Language", value=article.language, inline=True)
    embed.set_footer(text=f"id {article.id}")
    return embed


def claim_line(claim: StoredClaim) -> str:
    """'date — speaker cue (stance): “claim” · `reference`'."""
    content = escape(shorten(one_line(claim.content), 300))
    speaker = escape(shorten(one_line(claim.speaker), 80))
    cue = escape(one_line(claim.cue))
    reference = f"{claim.article_id}:{claim.start}-{claim.end}"
    return (
        f"**{claim.date or 'undated'}** — **{speaker}** *{cue}* ({claim.stance}): “{content}” · `{reference}`"
    )


def claims_embed(topic: str, claims: Sequence[StoredClaim]) -> discord.Embed:
    """The timeline of who claimed what about a topic."""
    description = (
        fit_lines([claim_line(c) for c in claims], DESCRIPTION_LIMIT)
        if claims
        else ("No claims found about this topic.")
    )
    embed = discord.Embed(
        title=shorten(f"Claims: {escape(one_line(topic))}", 256),
        description=description,
        colour=LOOKUP_COLOUR,
    )
    embed.set_footer(text="/source <reference> shows a claim in its article")
    return fit_embed(embed)


def stats_embed(stats: IndexStats) -> discord.Embed:
    """Figures about the index."""
    embed = discord.Embed(title="Index", colour=LOOKUP_COLOUR)
    rows = [
        ("Articles", f"{stats.articles:,}"),
        ("Passages", f"{stats.chunks:,}"),
        ("Sources", f"{stats.sources:,}"),
        ("Languages", f"{stats.languages:,}"),
        ("Dates", f"{stats.first_date or '-'} to {stats.last_date or '-'}"),
        ("Model", f"{stats.model or '(none yet)'}" + (f", {stats.dimension}-d" if stats.dimension else "")),
        ("Index type", stats.index_type or "-"),
        ("Generation", str(stats.generation)),
    ]
    for name, value in rows:
        embed.add_field(name=name, value=value, inline=True)
    for language, gaps in stats.language_gaps.items():
        count = stats.articles_by_language.get(language, 0)
        embed.add_field(name=f"{count:,} articles in '{language}'", value="; ".join(gaps), inline=False)
    return fit_embed(embed)


def reindex_progress(done: int, total: int, name: str) -> str:
    """One line on how far a re-index has got."""
    if total == 0:
        return "Re-indexing: collecting files…"
    return shorten(f"Re-indexing: {done}/{total} files ({done / total:.0%}), last {name}", 2000)


def reindex_summary(report: IngestReport, failures_shown: int = 50) -> str:
    """What a re-index did, with the first failures (split it with format.split_message to send it)."""
    text = (
        f"Re-index done: {report.files} files, {report.added} articles added, {report.updated} updated, "
        f"{report.unchanged} unchanged, {report.pruned} pruned, {report.failed} failed; "
        f"{report.chunks} passages embedded in {report.seconds:.1f} s."
    )
    failures = [f"• {escape(f.path)}: {escape(shorten(one_line(f.reason), 300))}" for f in report.failures]
    if len(failures) > failures_shown:
        failures = [*failures[:failures_shown], f"… and {len(failures) - failures_shown} more failures"]
    if report.warnings:
        failures.append(f"{len(report.warnings)} files were read with a warning (see `newsdesk ingest`).")
    return "\n".join([text, *failures])
