"""Discord's size limits as pure functions: trim at sentence or word boundaries, split messages, fit embeds."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import discord

from bot.text import last_sentence_end, one_line, shorten

MESSAGE_LIMIT = 2000
TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELD_NAME_LIMIT = 256
FIELD_VALUE_LIMIT = 1024
FIELDS_MAX = 25
FOOTER_LIMIT = 2048
AUTHOR_LIMIT = 256
EMBED_TOTAL_LIMIT = 6000
CHOICE_LIMIT = 100
CHOICES_MAX = 25


def split_message(text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Pieces of at most `limit` characters, split at paragraphs, lines, sentences or words (in that order)."""
    if limit < 1:
        raise ValueError(f"limit must be at least 1, got {limit}")
    pieces: list[str] = []
    rest = text.strip()
    while len(rest) > limit:
        cut = _split_point(rest, limit)
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        pieces.append(rest)
    return pieces


def _split_point(text: str, limit: int) -> int:
    """Where to split text longer than `limit`: the best boundary in its first `limit` characters."""
    window = text[: limit + 1]
    for separator in ("\n\n", "\n"):
        at = window.rfind(separator, 0, limit)
        if at >= limit // 4:
            return at
    sentence_end = last_sentence_end(text, limit)
    if sentence_end >= limit // 4:
        return sentence_end
    space = window.rfind(" ", 0, limit)
    return space if space >= limit // 4 else limit


def fit_lines(lines: Iterable[str], limit: int, more: str = "… and {n} more") -> str:
    """Whole lines joined by newlines while they fit in `limit`, then a note on how many were left out."""
    lines = list(lines)
    kept: list[str] = []
    used = 0
    for index, line in enumerate(lines):
        remaining = len(lines) - index - 1
        note = len(more.format(n=remaining)) + 1 if remaining else 0
        cost = len(line) + (1 if kept else 0)
        if used + cost + note > limit:
            break
        kept.append(line)
        used += cost
    left_out = len(lines) - len(kept)
    if left_out:
        last = more.format(n=left_out)
        if not kept and len(last) > limit:
            return shorten(last, limit)
        kept.append(last)
    return "\n".join(kept)[:limit]


def embed_size(data: dict[str, Any]) -> int:
    """Characters of an embed (as a dict) that count against the 6000 per message."""
    size = len(data.get("title") or "") + len(data.get("description") or "")
    size += sum(len(f.get("name") or "") + len(f.get("value") or "") for f in data.get("fields") or [])
    size += len((data.get("footer") or {}).get("text") or "")
    return size + len((data.get("author") or {}).get("name") or "")


def fit_embed(embed: discord.Embed, total: int = EMBED_TOTAL_LIMIT) -> discord.Embed:
    """A copy of the embed within every per-embed limit and within `total` characters in all."""
    data: dict[str, Any] = dict(embed.to_dict())
    _trim_key(data, "title", TITLE_LIMIT)
    _trim_key(data, "description", DESCRIPTION_LIMIT)
    if data.get("footer"):
        _trim_key(data["footer"], "text", FOOTER_LIMIT)
    if data.get("author"):
        _trim_key(data["author"], "name", AUTHOR_LIMIT)
    fields = data.get("fields") or []
    data["fields"] = [_fit_field(f) for f in fields[:FIELDS_MAX]]
    excess = embed_size(data) - total
    if excess > 0 and data.get("description"):
        keep = max(len(data["description"]) - excess, min(len(data["description"]), 500))
        data["description"] = shorten(data["description"], keep)
    while embed_size(data) > total and data["fields"]:
        data["fields"].pop()
    excess = embed_size(data) - total
    if excess > 0 and data.get("description"):
        data["description"] = shorten(data["description"], max(1, len(data["description"]) - excess))
    if not data["fields"]:
        data.pop("fields")
    return discord.Embed.from_dict(data)


def _trim_key(data: dict[str, Any], key: str, limit: int) -> None:
    """Shorten data[key] to `limit` characters if it is a string that is too long."""
    value = data.get(key)
    if isinstance(value, str) and len(value) > limit:
        data[key] = shorten(value, limit)


def _fit_field(field: dict[str, Any]) -> dict[str, Any]:
    """An embed field with a name and a value, each non-empty and within its limit."""
    name = shorten(str(field.get("name") or "").strip() or "\u200b", FIELD_NAME_LIMIT)
    value = shorten(str(field.get("value") or "").strip() or "\u200b", FIELD_VALUE_LIMIT)
    return {**field, "name": name, "value": value}


def choice_name(text: str) -> str:
    """An autocomplete choice's name: one line of at most 100 characters, never empty."""
    return shorten(one_line(text), CHOICE_LIMIT) or "?"


def quote_block(text: str) -> str:
    """Text as a Discord block quote, each line prefixed with '> '."""
    return "\n".join(f"> {line}" if line else ">" for line in text.splitlines() or [""])


def escape(text: str) -> str:
    """Text from an article made inert: markdown escaped (mentions are disabled on every send)."""
    return discord.utils.escape_markdown(text)
