"""A chunk's vector pooled from its sentences' vectors (NEWSDESK_CHUNK_VECTORS=pooled): the model reads each
sentence once and no chunk, about half the ingest time.

Ingest used to embed every chunk under its title and then every sentence again: about 2.3 characters through
the model per character of article text, 98% of the ingest's time. Not the default: on XQuAD dev pooled
vectors did as well or better (held-out hybrid Recall@1 0.906 against 0.877 for English questions), but on
news articles with titles and several chunks they cited the right article less often (real-news held-out
split: 0.74 against 0.95; demo held-out: 0.50 against 0.79). The README's Performance section has the figures.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from index.chunking import SENTENCE_TEXT_VERSION
from index.records import Chunk
from index.sentences import Span

# Bump when chunk or sentence vectors are made another way: stored articles are embedded again.
VECTOR_RECIPE = {
    "embedded": f"embedded-chunks-1:{SENTENCE_TEXT_VERSION}",
    "pooled": f"pooled-sentences-1:{SENTENCE_TEXT_VERSION}",
}
# The title's share of a chunk's vector. Tuned on the demo questions' tuning split (fact found 0.31 at 0.05,
# 0.33 at 0.2, 0.33 at 0.35; articles cited 0.40, 0.43, 0.38); the real-news tuning split scored the same at
# 0.05 and 0.2.
TITLE_SHARE = 0.2


def pooled_chunk_vectors(
    chunks: Sequence[Chunk],
    sentences: Sequence[Span],
    sentence_vectors: np.ndarray,
    title_vector: np.ndarray | None = None,
    title_share: float = TITLE_SHARE,
) -> np.ndarray:
    """Each chunk's unit-length mean of the vectors of the sentences inside it, weighted by their length in
    characters, mixed with its article's title vector (`title_share` of the mix)."""
    weights = np.array([s.end - s.start for s in sentences], dtype=np.float32)
    weighted = sentence_vectors * weights[:, None]
    starts = np.array([s.start for s in sentences])
    ends = np.array([s.end for s in sentences])
    out = np.zeros((len(chunks), sentence_vectors.shape[1]), dtype=np.float32)
    for i, chunk in enumerate(chunks):
        inside = (starts >= chunk.start) & (ends <= chunk.end)
        if not inside.any():
            raise ValueError(
                f"chunk {chunk.ordinal} of {chunk.article_id!r} holds none of the sentences given"
            )
        total = _unit(weighted[inside].sum(axis=0))
        if title_vector is not None:
            total = (1 - title_share) * total + title_share * title_vector
        out[i] = _unit(total)
    return out


def _unit(vector: np.ndarray) -> np.ndarray:
    """The vector scaled to length 1 (a zero vector stays zero)."""
    return vector / max(float(np.linalg.norm(vector)), 1e-12)
