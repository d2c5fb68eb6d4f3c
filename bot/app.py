"""Wiring: build the core objects (embedder, index, answerer, desk) from settings, once per process."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from bot.answer.compose import Answerer, AnswerPolicy
from bot.answer.synthesis import Synthesizer
from bot.desk import Desk
from bot.feedback import FEEDBACK_FILE, FeedbackStore
from bot.llm.base import ChatModel
from bot.llm.endpoint import EndpointChatModel
from bot.llm.local import LocalChatModel
from bot.llm.provision import provisioned_model, spec_for
from bot.settings import Settings
from index.embedding.base import Embedder
from index.embedding.onnx_embedder import ONNX_MODELS, OnnxEmbedder
from index.embedding.sentence_transformer import SentenceTransformerEmbedder
from index.evaluation import evaluation_index
from index.language import load_in_background
from index.news_index import NewsIndex


def uses_onnx(settings: Settings) -> bool:
    """Whether the configured model runs on ONNX Runtime (only the provisioned e5 model has an export)."""
    return settings.embedder == "onnx" and settings.model in ONNX_MODELS


def build_embedder(settings: Settings) -> Embedder:
    """The configured embedding model (loaded lazily on first use)."""
    if uses_onnx(settings):
        return OnnxEmbedder(
            settings.model,
            settings.model_cache,
            settings.embed_batch_size,
            precision=settings.embedder_precision,
            batch_runtime=settings.embedder_batch_runtime,
            query_precision=settings.embedder_query_precision,
        )
    return SentenceTransformerEmbedder(settings.model, settings.model_cache, settings.embed_batch_size)


def build_index(settings: Settings) -> NewsIndex:
    """The index in the configured data folder, with the configured model and chunking."""
    load_in_background()  # questions and articles alike need the language identifier
    return NewsIndex(
        settings.data_dir,
        build_embedder(settings),
        settings.chunking(),
        settings.retrieval(),
        settings.vector_store(),
    )


def build_chat_model(settings: Settings) -> ChatModel | None:
    """The language model that rewrites answers, or None for extractive answers only."""
    kind = settings.llm_kind()
    if kind == "endpoint":
        return EndpointChatModel(settings.endpoint())
    if kind == "local":
        spec = spec_for(settings.llm_local_model)
        return LocalChatModel(settings.local_model(provisioned_model(spec, settings.model_cache)))
    return None


def build_desk(
    settings: Settings, index: NewsIndex | None = None, policy: AnswerPolicy | None = None
) -> Desk:
    """Everything the edges need: the index, the answerer (with LLM synthesis if configured) and feedback."""
    index = index or build_index(settings)
    model = build_chat_model(settings)
    answerer = Answerer(index, policy, synthesizer=Synthesizer(model) if model else None)
    feedback = FeedbackStore(settings.data_dir / FEEDBACK_FILE)
    return Desk(index, answerer, feedback, settings.article_dirs, settings.feeds, settings.fetch_policy())


def install_model(settings: Settings, force: bool = False) -> tuple[str, int]:
    """Provision the configured embedding model and load it: where it lies and its vectors' dimension."""
    from index.embedding.onnx_export import provision_precision
    from index.embedding.provision import provision_e5
    from index.embedding.sentence_transformer import resolve_model_path

    if uses_onnx(settings):
        path = str(provision_precision(settings.model_cache, settings.embedder_precision, force))
        if settings.embedder_query_precision != settings.embedder_precision:
            provision_precision(settings.model_cache, settings.embedder_query_precision)
        embedder = build_embedder(settings)
        embedder.embed_queries(["loads"])
        return path, embedder.dimension
    if force:
        provision_e5(settings.model_cache, force=True)
    path = resolve_model_path(settings.model, settings.model_cache)
    return path, build_embedder(settings).dimension


@contextmanager
def xquad_desk(
    settings: Settings,
    passages: Path,
    distractors: Sequence[Path] = (),
    folder: Path | None = None,
    policy: AnswerPolicy | None = None,
) -> Iterator[tuple[Desk, float]]:
    """A Desk over an index of XQuAD paragraphs and distractors (kept in `folder` if given), and its ingest time."""
    embedder = build_embedder(settings)
    with (
        evaluation_index(
            embedder, passages, distractors, settings.chunking(), settings.retrieval(), folder
        ) as (index, seconds),
        tempfile.TemporaryDirectory(prefix="newsdesk-eval-") as votes,
    ):
        desk = build_desk(settings.model_copy(update={"data_dir": Path(votes)}), index, policy)
        try:
            yield desk, seconds
        finally:
            desk.feedback_store.close()


@contextmanager
def temporary_desk(settings: Settings, policy: AnswerPolicy | None = None) -> Iterator[Desk]:
    """A Desk over a new, empty index in a temporary folder, deleted afterwards (for evaluations)."""
    with tempfile.TemporaryDirectory(prefix="newsdesk-eval-") as tmp:
        desk = build_desk(settings.model_copy(update={"data_dir": Path(tmp)}), policy=policy)
        with desk:
            yield desk
