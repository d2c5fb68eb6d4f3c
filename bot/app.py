"""Wiring: build the core objects (embedder, index, answerer, desk) from settings, once per process."""

from __future__ import annotations

from bot.answer.compose import Answerer
from bot.answer.synthesis import Synthesizer
from bot.desk import Desk
from bot.feedback import FEEDBACK_FILE, FeedbackStore
from bot.settings import Settings
from index.embedding.sentence_transformer import SentenceTransformerEmbedder
from index.news_index import NewsIndex


def build_embedder(settings: Settings) -> SentenceTransformerEmbedder:
    """The configured embedding model (loaded lazily on first use)."""
    return SentenceTransformerEmbedder(settings.model, settings.model_cache, settings.embed_batch_size)


def build_index(settings: Settings) -> NewsIndex:
    """The index in the configured data folder, with the configured model and chunking."""
    return NewsIndex(settings.data_dir, build_embedder(settings), settings.chunking(), settings.retrieval())


def build_desk(settings: Settings, index: NewsIndex | None = None) -> Desk:
    """Everything the edges need: the index, the answerer (with LLM synthesis if configured) and feedback."""
    index = index or build_index(settings)
    synthesis = settings.synthesis()
    answerer = Answerer(index, synthesizer=Synthesizer(synthesis) if synthesis else None)
    feedback = FeedbackStore(settings.data_dir / FEEDBACK_FILE)
    return Desk(index, answerer, feedback, settings.article_dirs)
