"""Wiring: build the core objects (embedder, index) from settings, once per process."""

from __future__ import annotations

from bot.settings import Settings
from index.embedding.sentence_transformer import SentenceTransformerEmbedder
from index.news_index import NewsIndex


def build_embedder(settings: Settings) -> SentenceTransformerEmbedder:
    """The configured embedding model (loaded lazily on first use)."""
    return SentenceTransformerEmbedder(settings.model, settings.model_cache, settings.embed_batch_size)


def build_index(settings: Settings) -> NewsIndex:
    """The index in the configured data folder, with the configured model and chunking."""
    return NewsIndex(settings.data_dir, build_embedder(settings), settings.chunking())
