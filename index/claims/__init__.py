"""Claim attribution at ingest: who said, claimed, denied, announced or admitted what, found by rules."""

# No model is involved. Sentences come from index.sentences; speakers are noun phrases built from capitalised
# names, name particles and a lexicon of roles, organisations and groups (index.claims.lexicon); cues come
# from lists of Dutch and English speech verbs. Precision comes first: when the speaker of a sentence cannot
# be pinned down (an unresolvable pronoun, a phrase without a noun-like head) the sentence yields no claim.

from __future__ import annotations

from index.claims.extract import extract_claims
from index.claims.stances import QUESTION_VERBS, STANCES_BY_STRENGTH
from index.records import Stance

# Bump whenever the extractor's output changes (and regenerate tests/data/claims_snapshot.json):
# ingest re-extracts the claims of every stored article when the version it stored differs.
EXTRACTOR_VERSION = 2

__all__ = ["EXTRACTOR_VERSION", "QUESTION_VERBS", "STANCES_BY_STRENGTH", "Stance", "extract_claims"]
