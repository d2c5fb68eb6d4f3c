"""Near-duplicate articles (one wire story in several outlets) found with MinHash LSH from datasketch."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np

from index.keywords import words

if TYPE_CHECKING:
    from datasketch import MinHash

NUM_PERM = 128
SCHEME = "affine64"  # datasketch's permutation scheme (2.0), named so stored signatures are read back alike
SHINGLE_WORDS = 5
# Estimated Jaccard similarity of word 5-shingles from which two articles are one story. Measured with
# benchmarks/dedup_threshold.py on 285 Wikinews articles: their wire copies (re-headlined, edited, cut,
# truncated) score 0.07-1.0 (89% of 1,425 copies >= 0.5, all re-headlined/edited ones >= 0.47); the most
# similar other article of each (interviews sharing their questions) scores at most 0.39. At 0.5 no two
# distinct articles merge, with a margin of about three standard errors of a 128-permutation estimate.
THRESHOLD = 0.5


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """The article's runs of `size` consecutive lower-case words (all of it when shorter)."""
    found = words(text.lower())
    if len(found) <= size:
        return {" ".join(found).encode()}
    return {" ".join(found[i : i + size]).encode() for i in range(len(found) - size + 1)}


def signature(text: str, size: int = SHINGLE_WORDS) -> MinHash:
    """The MinHash signature of a text's shingles."""
    from datasketch import MinHash

    minhash = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    minhash.update_batch(sorted(shingles(text, size)))
    return minhash


def to_bytes(minhash: MinHash) -> bytes:
    """A signature as stored."""
    return np.asarray(minhash.hashvalues, dtype=np.uint64).tobytes()


def from_bytes(data: bytes) -> MinHash:
    """A stored signature."""
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, hashvalues=np.frombuffer(data, dtype=np.uint64).copy(), scheme=SCHEME)


class DuplicateFinder:
    """The signatures of stored articles in an LSH index: which cluster does a new text belong to?"""

    def __init__(self, stored: Iterable[tuple[str, str, bytes]], threshold: float = THRESHOLD) -> None:
        from datasketch import MinHashLSH

        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._signatures: dict[str, MinHash] = {}
        self._clusters: dict[str, str] = {}
        for article_id, cluster_id, data in stored:
            self._add(article_id, cluster_id, from_bytes(data))

    def _add(self, article_id: str, cluster_id: str, minhash: MinHash) -> None:
        """Index one article's signature under its cluster."""
        self._lsh.insert(article_id, minhash)
        self._signatures[article_id] = minhash
        self._clusters[article_id] = cluster_id

    def remove(self, article_id: str) -> None:
        """Forget an article (deleted, or about to be re-added with new text)."""
        if article_id in self._signatures:
            self._lsh.remove(article_id)
            del self._signatures[article_id]
            del self._clusters[article_id]

    def assign(self, article_id: str, text: str) -> tuple[str, bytes]:
        """Add an article: the cluster it joins (its closest duplicate's, else its own id) and its signature."""
        self.remove(article_id)
        minhash = signature(text)
        best, best_score = article_id, self.threshold
        for other in self._lsh.query(minhash):
            score = float(minhash.jaccard(self._signatures[other]))
            if score >= best_score:
                best, best_score = other, score
        cluster = self._clusters.get(best, article_id)
        self._add(article_id, cluster, minhash)
        return cluster, to_bytes(minhash)
