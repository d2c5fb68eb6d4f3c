"""Chunk vectors pooled from sentence vectors, and ingest reading each sentence through the model once."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import pytest

from index.chunk_vectors import VECTOR_RECIPE, pooled_chunk_vectors
from index.chunking import SENTENCE_TEXT_VERSION, ChunkingConfig, embedding_text
from index.news_index import NewsIndex
from index.records import Chunk
from index.sentences import Span
from index.store.background import BACKGROUND
from tests.fakes import HashEmbedder


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


@pytest.fixture
def pooled(tmp_path: Path, embedder: HashEmbedder) -> Iterator[NewsIndex]:
    """An empty index whose chunk vectors are pooled from their sentences'."""
    index = NewsIndex(tmp_path / "pooled", embedder, ChunkingConfig(vectors="pooled"))
    yield index
    index.close()


def _recorded(index: NewsIndex, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts the index's embedder is given as passages from now on (without the centring priors)."""
    embedded: list[str] = []
    embed = index.embedder.embed_documents
    background = {t for texts in BACKGROUND.values() for t in texts}

    def recording(texts: Sequence[str]) -> np.ndarray:
        embedded.extend(t for t in texts if t not in background)
        return embed(texts)

    monkeypatch.setattr(index.embedder, "embed_documents", recording)
    return embedded


def _stored_texts(index: NewsIndex) -> tuple[list[str], list[str], list[str]]:
    """Every stored sentence, title and chunk embedding text."""
    sentences, titles, chunks = [], [], []
    for article_id in index.db.stored_article_ids():
        stored = index.db.article(article_id)
        assert stored is not None
        text = stored.article.text
        titles.append(stored.article.title)
        sentences += [text[s.start : s.end] for s, _ in index.db.sentences.within(article_id, 0, len(text))]
        chunks += [embedding_text(stored.article, c.text) for c in index.db.chunks(stored.chunk_ids).values()]
    return sentences, titles, chunks


def test_by_default_chunks_and_sentences_are_embedded_once_each(
    news_index: NewsIndex, articles: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    embedded = _recorded(news_index, monkeypatch)
    news_index.ingest([articles])
    sentences, _, chunks = _stored_texts(news_index)
    assert Counter(embedded) == Counter(sentences + chunks)


def test_pooled_ingest_embeds_titles_and_sentences_once_and_no_chunk(
    pooled: NewsIndex, articles: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    embedded = _recorded(pooled, monkeypatch)
    pooled.ingest([articles])
    sentences, titles, chunks = _stored_texts(pooled)
    assert Counter(embedded) == Counter(sentences + [t for t in titles if t])
    assert not set(chunks) & set(embedded)


def test_vectors_made_another_way_are_made_again_by_the_next_ingest(
    news_index: NewsIndex, articles: Path
) -> None:
    news_index.ingest([articles])
    assert news_index.db.get_meta("vectors") == f"{VECTOR_RECIPE['embedded']}:fp32"
    _, before, _ = news_index.db.vectors.every(news_index.embedder.dimension)
    news_index.db.set_meta("vectors", "an older recipe")
    with news_index.db.transaction():
        news_index.db._execute("UPDATE chunks SET vector = zeroblob(length(vector))")
    report = news_index.ingest([articles])
    assert report.unchanged == 3 and news_index.db.get_meta("vectors") == f"{VECTOR_RECIPE['embedded']}:fp32"
    _, after, _ = news_index.db.vectors.every(news_index.embedder.dimension)
    np.testing.assert_allclose(np.sort(after, axis=0), np.sort(before, axis=0), rtol=1e-5)
    assert news_index.verify().ok


def test_switching_to_pooled_vectors_re_embeds_and_an_old_index_is_left_alone(
    tmp_path: Path, embedder: HashEmbedder, articles: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = NewsIndex(tmp_path / "data", embedder)
    index.ingest([articles])
    with index.db.transaction():  # as an index from before the recipe was recorded
        index.db._execute("DELETE FROM meta WHERE key = 'vectors'")
        index.db.set_meta("sentence_text", SENTENCE_TEXT_VERSION)
    embedded = _recorded(index, monkeypatch)
    index.ingest([articles])
    assert embedded == [] and index.db.get_meta("vectors") == f"{VECTOR_RECIPE['embedded']}:fp32"
    index.close()
    index = NewsIndex(tmp_path / "data", embedder, ChunkingConfig(vectors="pooled"))
    embedded = _recorded(index, monkeypatch)
    report = index.ingest([articles])
    sentences, titles, _ = _stored_texts(index)
    assert report.unchanged == 3 and Counter(embedded) == Counter(sentences + [t for t in titles if t])
    assert index.db.get_meta("vectors") == f"{VECTOR_RECIPE['pooled']}:fp32" and index.verify().ok
    index.close()
