"""Chunk vectors pooled from sentence vectors, and ingest reading each sentence through the model once."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from index.chunk_vectors import VECTOR_RECIPE, pooled_chunk_vectors
from index.chunking import embedding_text
from index.news_index import NewsIndex
from index.records import Chunk
from index.sentences import Span
from index.store.background import BACKGROUND


def _chunk(start: int, end: int, ordinal: int = 0) -> Chunk:
    return Chunk(
        article_id="a", ordinal=ordinal, start=start, end=end, text="x" * (end - start), token_count=1
    )


def test_a_chunk_vector_is_the_length_weighted_unit_mean_of_its_sentences() -> None:
    sentences = [Span(0, 10), Span(11, 41), Span(42, 52)]
    vectors = np.eye(3, dtype=np.float32)
    pooled = pooled_chunk_vectors([_chunk(0, 41), _chunk(11, 52, 1)], sentences, vectors)
    expected = np.array([[10, 30, 0], [0, 30, 10]], dtype=np.float32)
    expected /= np.linalg.norm(expected, axis=1, keepdims=True)
    np.testing.assert_allclose(pooled, expected, rtol=1e-6)


def test_the_title_takes_its_share_of_the_mix() -> None:
    sentences = [Span(0, 10), Span(11, 41)]
    title = np.array([0, 1], dtype=np.float32)
    vectors = np.array([[1, 0], [1, 0]], np.float32)
    even = pooled_chunk_vectors([_chunk(0, 41)], sentences, vectors, title, title_share=0.5)
    np.testing.assert_allclose(even, [[2**-0.5, 2**-0.5]], rtol=1e-6)
    default = pooled_chunk_vectors([_chunk(0, 41)], sentences, vectors, title)
    assert 0 < default[0, 1] < default[0, 0] and abs(float(np.linalg.norm(default)) - 1) < 1e-6


def test_a_chunk_without_sentences_is_an_error() -> None:
    with pytest.raises(ValueError, match="none of the sentences"):
        pooled_chunk_vectors([_chunk(20, 30)], [Span(0, 10)], np.eye(1, dtype=np.float32))


def test_ingest_embeds_titles_and_sentences_once_and_no_chunk(
    news_index: NewsIndex, articles: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    embedded: list[str] = []
    embed = news_index.embedder.embed_documents

    def recording(texts: Sequence[str]) -> np.ndarray:
        embedded.extend(texts)
        return embed(texts)

    monkeypatch.setattr(news_index.embedder, "embed_documents", recording)
    news_index.ingest([articles])
    sentences, titles, chunks = [], [], []
    for article_id in news_index.db.stored_article_ids():
        stored = news_index.db.article(article_id)
        assert stored is not None
        text = stored.article.text
        titles.append(stored.article.title)
        sentences += [
            text[s.start : s.end] for s, _ in news_index.db.sentences.within(article_id, 0, len(text))
        ]
        stored_chunks = news_index.db.chunks(stored.chunk_ids).values()
        chunks += [embedding_text(stored.article, c.text) for c in stored_chunks]
    background = {t for texts in BACKGROUND.values() for t in texts}  # the centring priors
    assert Counter(t for t in embedded if t not in background) == Counter(
        sentences + [t for t in titles if t]
    )
    assert not set(chunks) & set(embedded)


def test_vectors_made_another_way_are_made_again_by_the_next_ingest(
    news_index: NewsIndex, articles: Path
) -> None:
    news_index.ingest([articles])
    _, before, _ = news_index.db.all_vectors(news_index.embedder.dimension)
    news_index.db.set_meta("vectors", "an older recipe")
    with news_index.db.transaction():
        news_index.db._execute("UPDATE chunks SET vector = zeroblob(length(vector))")
    report = news_index.ingest([articles])
    assert report.unchanged == 3 and news_index.db.get_meta("vectors") == f"{VECTOR_RECIPE}:fp32"
    _, after, _ = news_index.db.all_vectors(news_index.embedder.dimension)
    np.testing.assert_allclose(np.sort(after, axis=0), np.sort(before, axis=0), rtol=1e-5)
    assert news_index.verify().ok
