"""Canonical article URLs (the article id of anything fetched): lower-case host, no tracking parameters."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from index.errors import InvalidQueryError

_SCHEMES = ("http", "https")
URL_CHARS = 2000


def is_url(text: str) -> bool:
    """Whether a command-line argument names a web address rather than a file."""
    return text.strip().lower().startswith(("http://", "https://"))


def canonical_url(url: str) -> str:
    """The URL normalised by courlan (tracking parameters such as utm_* dropped, query sorted), without a
    fragment; InvalidQueryError when it is not an absolute http(s) address."""
    from courlan import normalize_url

    text = url.strip()
    parts = urlsplit(text)
    if parts.scheme.lower() not in _SCHEMES or not parts.hostname or len(text) > URL_CHARS:
        raise InvalidQueryError(f"not an http(s) address: {text[:200]!r}")
    normalized = urlsplit(normalize_url(text))
    return urlunsplit((normalized.scheme, normalized.netloc, normalized.path or "/", normalized.query, ""))


def host_of(url: str) -> str:
    """The host (with port) that per-host limits and robots.txt apply to."""
    return urlsplit(url).netloc.lower()
