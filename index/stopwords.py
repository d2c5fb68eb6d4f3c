"""Stop words per language (function words that say nothing about a topic), from the stopwords-iso lists."""

from __future__ import annotations

import functools

from index.keywords import fold


@functools.cache
def stop_words(language: str) -> frozenset[str]:
    """Folded stop words of a language (empty for a language the lists lack); numbers are never stop words."""
    import stopwordsiso

    if not stopwordsiso.has_lang(language):
        return frozenset()
    return frozenset(fold(w) for w in stopwordsiso.stopwords(language) if not any(c.isdigit() for c in w))
