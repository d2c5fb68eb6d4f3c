"""Language detection, set up once for articles and questions alike, and what each language is supported by."""

from __future__ import annotations

import functools
import threading
from typing import Any

from index.keywords import STEMMED_LANGUAGES

# The languages a text may be detected as: those with a Snowball stemmer (index/keywords.py) and other widely
# published ones. Restricting the detector keeps short texts (questions, headlines) from landing on a rare or
# closely related language (Afrikaans, Frisian for Dutch); on the 1,970 English, Dutch and German questions of
# tests/data/answers.yaml and XQuAD dev this set misreads 7, the same as the stemmer languages alone.
CANDIDATES: tuple[str, ...] = (*STEMMED_LANGUAGES, "pl", "cs", "ro", "hu", "el", "uk", "ar", "zh", "ja")
# Languages with a claims lexicon (index/claims) and answer templates (bot/answer/templates.py).
CLAIM_LANGUAGES = frozenset({"nl", "en"})
_DETECT_CHARS = 4000
_LOADING = threading.Lock()  # one thread loads the identifier; others wait for it


def _identifier() -> Any:  # py3langid ships no type hints
    """A py3langid identifier restricted to the candidate languages (loaded once)."""
    with _LOADING:
        return _loaded()


@functools.cache
def _loaded() -> Any:
    """Load the identifier (call through _identifier)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
    identifier.set_languages(list(CANDIDATES))
    return identifier


def load_in_background() -> None:
    """Start loading the identifier on a daemon thread: most of its 0.4 s is LZMA, which frees the GIL, so
    it overlaps the embedding model's load."""
    threading.Thread(target=_identifier, name="newsdesk-langid", daemon=True).start()


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language, one of CANDIDATES."""
    # classify keeps no state between calls, so one identifier serves every thread.
    return str(_identifier().classify(text[:_DETECT_CHARS])[0])


def unsupported(language: str) -> list[str]:
    """What newsdesk cannot do for articles in `language` (empty when it supports it fully)."""
    gaps = []
    if language not in STEMMED_LANGUAGES:
        gaps.append("no stemmer (keyword search matches exact words only)")
    if language not in CLAIM_LANGUAGES:
        gaps.append("no claims lexicon (who-said-what is not extracted)")
    return gaps


def language_code(value: str) -> str:
    """The ISO 639-1 part of a declared language ('en-US', 'nl_BE', 'EN' -> 'en'); '' for none."""
    return value.strip().replace("_", "-").split("-", 1)[0].lower()[:3]
