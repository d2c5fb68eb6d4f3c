"""Keyword terms for full-text search: lower-cased words, stemmed per language, the same at ingest and query."""

from __future__ import annotations

import functools
import re
import threading
import unicodedata
from collections.abc import Sequence

import Stemmer

_WORD = re.compile(r"\w+", re.UNICODE)
_STEMMER_NAMES = {
    "nl": "dutch",
    "en": "english",
    "de": "german",
    "fr": "french",
    "es": "spanish",
    "it": "italian",
    "pt": "portuguese",
    "sv": "swedish",
    "da": "danish",
    "no": "norwegian",
    "fi": "finnish",
    "ru": "russian",
    "tr": "turkish",
}
STEMMED_LANGUAGES: tuple[str, ...] = tuple(_STEMMER_NAMES)
# Questions are short and their language is a guess: expand their words with the stems of these languages.
QUERY_LANGUAGES = ("en", "nl")


# A Snowball stemmer keeps its working buffers in the object, so concurrent calls on one stemmer corrupt each
# other's results: every thread gets its own stemmers.
_thread = threading.local()


def _stemmer(language: str) -> Stemmer.Stemmer | None:
    """This thread's Snowball stemmer for the language (PyStemmer, in C), or None where Snowball has none."""
    stemmers: dict[str, Stemmer.Stemmer] = _thread.__dict__.setdefault("stemmers", {})
    if language not in stemmers:
        name = _STEMMER_NAMES.get(language)
        if name is None:
            return None
        stemmers[language] = Stemmer.Stemmer(name)
    return stemmers[language]


def words(text: str) -> list[str]:
    """The words of a text (runs of letters and digits), in order."""
    return _WORD.findall(text)


def fold(word: str) -> str:
    """Lower-case and strip diacritics, so 'Armenië' and 'armenie' match."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@functools.lru_cache(maxsize=500_000)  # news vocabularies repeat; lru_cache is safe to share between threads
def stem(word: str, language: str) -> str:
    """The folded word's stem in `language` (the folded word itself where no stemmer exists)."""
    folded = fold(word)
    stemmer = _stemmer(language)
    return stemmer.stemWord(folded) if stemmer else folded


def document_terms(text: str, language: str) -> str:
    """The text as space-separated stems, the form stored in the full-text index."""
    return " ".join(stem(word, language) for word in _WORD.findall(text))


def query_term_groups(text: str, languages: tuple[str, ...] = QUERY_LANGUAGES) -> list[tuple[str, ...]]:
    """For each distinct word of a question, its forms that may be stored: folded, and stemmed per language."""
    groups: dict[tuple[str, ...], None] = {}
    for word in _WORD.findall(text):
        forms = dict.fromkeys([fold(word), *(stem(word, language) for language in languages)])
        groups[tuple(f for f in forms if f)] = None
    return [g for g in groups if g]


def query_names(text: str) -> list[str]:
    """Words of a question that read the same in every language: names, numbers and acronyms.

    A name is a capitalised word that does not open a sentence.
    """
    names: list[str] = []
    for match in _WORD.finditer(text):
        word = match.group()
        opens_sentence = not text[: match.start()].strip() or text[: match.start()].rstrip()[-1] in ".?!"
        if (
            any(c.isdigit() for c in word)
            or (word.isupper() and len(word) > 1)
            or (word[:1].isupper() and not opens_sentence)
        ):
            names.append(word)
    return names


def query_terms(text: str, languages: tuple[str, ...] = QUERY_LANGUAGES) -> list[str]:
    """Distinct search terms for a question: each word folded and stemmed in every query language."""
    return list(dict.fromkeys(term for group in query_term_groups(text, languages) for term in group))


def keyword_query_terms(text: str, language: str) -> list[str]:
    """Search terms of a question for the keyword side: its words less the stop words of its language."""
    from index.stopwords import stop_words  # stopwords.py folds with this module's fold()

    common = stop_words(language)
    kept = " ".join(w for w in _WORD.findall(text) if fold(w) not in common)
    return query_terms(kept or text)


def fts_match_expression(terms: Sequence[str]) -> str:
    """An FTS5 MATCH expression that ORs the quoted terms."""
    return " OR ".join('"' + term.replace('"', '""') + '"' for term in terms)
