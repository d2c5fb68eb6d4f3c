"""Who-said checks on a generated sentence: it must give each statement to the speaker, and with the stance,
that the claims step found in the excerpts it cites ("Aliyev denied …" citing Aliyev's claim is dropped)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.answer.grounding import MARKER, same_name
from bot.records import Attribution
from index.claims.extract import extract_claims
from index.keywords import fold
from index.records import Article
from index.stopwords import stop_words

_SPEAKER_WORD = re.compile(r"[^\W\d_]{3,}")


def _speaker_words(speaker: str, language: str) -> set[str]:
    """The folded words of a speaker phrase that can name someone (no stop words)."""
    common = stop_words(language) | stop_words("nl") | stop_words("en")
    return {fold(w) for w in _SPEAKER_WORD.findall(speaker) if fold(w) not in common}


def _same_speaker(written: str, attributed: str, language: str) -> bool:
    """Whether a speaker as the model wrote it can be the speaker the claims step found."""
    found = _speaker_words(attributed, "nl") | _speaker_words(attributed, "en")
    return any(same_name(word, found) for word in _speaker_words(written, language))


def attribution_problem(text: str, language: str, cited: Sequence[Attribution]) -> str | None:
    """Why the sentence misreports who said what in its cited excerpts (None when it does not, or when the
    excerpts hold no attributed statement to compare with)."""
    if not cited:
        return None
    plain = MARKER.sub(" ", text).strip()
    if not plain:
        return None
    for claim in extract_claims(Article(id="reply", title="", text=plain, language=language)):
        written = claim.speaker_name or claim.speaker
        same = [a for a in cited if _same_speaker(written, a.speaker, language)]
        if not same:
            return f"gives a statement to {written!r}, the excerpts to {cited[0].speaker!r}"
        if (claim.stance == "denial") != any(a.stance == "denial" for a in same):
            return f"reports {written!r} as making a {claim.stance}, the excerpts a {same[0].stance}"
    return None
