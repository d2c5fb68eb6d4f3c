"""Settings from the environment and `.env`, validated once at start-up."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.llm.catalogue import DEFAULT_LOCAL_MODEL
from bot.llm.endpoint import EndpointSettings
from bot.llm.local import LocalModelSettings
from index.chunking import ChunkingConfig
from index.embedding.forward_pass import Runtime
from index.feeds.fetch import FetchPolicy
from index.records import FeedConfig
from index.retrieve import KEYWORD_WEIGHT, SENTENCE_WEIGHT, RetrievalConfig
from index.store.vector_store import COLLECTION, IVF_ABOVE, NPROBE, Backend, VectorStoreConfig


class Settings(BaseSettings):
    """Every setting of newsdesk; `.env.example` documents each one."""

    model_config = SettingsConfigDict(env_prefix="NEWSDESK_", env_file=".env", extra="ignore")

    # Index and model
    data_dir: Path = Field(default=Path("newsdesk-data"))
    model: str = Field(default="multilingual-e5-small", min_length=1)
    model_cache: Path = Field(default=Path.home() / ".cache" / "newsdesk" / "models")
    chunk_tokens: int = Field(default=200, ge=32, le=512)
    chunk_overlap_tokens: int = Field(default=48, ge=0, le=256)
    embed_batch_size: int = Field(default=32, ge=1, le=1024)
    embedder: Literal["onnx", "torch"] = "onnx"  # onnx applies to multilingual-e5-small; others use torch
    embedder_precision: Literal["fp32", "int8"] = "fp32"  # the onnx embedder's weights for passages
    embedder_query_precision: Literal["fp32", "int8"] = "int8"  # the onnx embedder's weights for questions
    embedder_batch_runtime: Runtime = "openvino"  # runs the onnx embedder's fp32 batches (ingest)
    chunk_vectors: Literal["embedded", "pooled"] = "embedded"  # pooled: from sentence vectors, faster ingest
    article_dirs: list[Path] = Field(default_factory=list)
    # Where the vectors live: FAISS in this process, or Qdrant (a server at qdrant_url, else its local mode).
    vector_backend: Backend = "faiss"
    qdrant_url: str | None = None
    qdrant_api_key: SecretStr | None = None
    qdrant_collection: str = Field(default=COLLECTION, min_length=1)
    faiss_ivf_above: int = Field(default=IVF_ABOVE, ge=1000)  # see VectorStoreConfig
    faiss_nprobe: int = Field(default=NPROBE, ge=1)
    fusion: Literal["convex", "rrf"] = "convex"  # how dense and keyword rankings are combined
    sentence_weight: float = Field(default=SENTENCE_WEIGHT, ge=0.0, le=1.0)  # a passage's best sentence
    keyword_weight: float = Field(default=KEYWORD_WEIGHT, ge=0.0, le=1.0)  # BM25, in the question's language

    # Feeds, refreshed by the running bot every refresh_minutes (and by `newsdesk refresh`)
    feeds: list[FeedConfig] = Field(default_factory=list)
    refresh_minutes: float = Field(default=30.0, gt=0, le=7 * 24 * 60)
    fetch_timeout_seconds: float = Field(default=15.0, gt=0, le=300)
    fetch_max_bytes: int = Field(default=5_000_000, ge=1024)
    fetch_host_delay_seconds: float = Field(default=1.0, ge=0, le=60)  # between requests to one host

    # Optional LLM synthesis: off, a local GGUF model run in-process by llama.cpp, or an OpenAI-compatible
    # endpoint. Unset: the endpoint when NEWSDESK_LLM_BASE_URL is set, else off.
    llm: Literal["off", "local", "endpoint"] | None = None
    llm_local_model: str = DEFAULT_LOCAL_MODEL  # provisioned by `newsdesk llm install`
    llm_context_tokens: int = Field(default=4096, ge=512, le=32768)
    llm_threads: int = Field(default_factory=lambda: os.cpu_count() or 2, ge=1, le=256)
    llm_queue_limit: int = Field(default=4, ge=0, le=1000)  # answers waiting for the local model
    llm_base_url: str | None = None
    llm_model: str | None = None
    llm_api_key: SecretStr | None = None
    llm_timeout_seconds: float = Field(default=30.0, gt=0)  # per answer, waiting for the model included

    # Discord
    discord_token: SecretStr | None = Field(default=None, validation_alias="DISCORD_TOKEN")
    discord_channels: list[int] = Field(default_factory=list)  # allow-list of channel ids; empty means all
    discord_guild: int | None = None  # default guild for `newsdesk sync --guild`
    cooldown_seconds: float = Field(default=10.0, ge=0)  # per user, between questions
    answer_workers: int = Field(default=2, ge=1, le=64)  # questions and look-ups answered at once
    queue_limit: int = Field(
        default=200, ge=0, le=100_000
    )  # waiting beyond the workers; more are told to retry
    # One process holding a gateway connection per shard (discord.py's AutoShardedClient): Discord requires
    # sharding from 2,500 servers and recommends about one shard per 1,000; unset count: its recommendation.
    discord_auto_shard: bool = False
    discord_shard_count: int | None = Field(default=None, ge=1)
    message_content_intent: bool = False  # privileged; mentions and slash commands work without it

    @field_validator(
        "discord_token",
        "llm",
        "llm_api_key",
        "llm_base_url",
        "llm_model",
        "discord_guild",
        "discord_shard_count",
        "qdrant_url",
        "qdrant_api_key",
        mode="before",
    )
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        """An empty line in .env (`DISCORD_TOKEN=`) means not set."""
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("feeds", mode="before")
    @classmethod
    def _feed_urls(cls, value: object) -> object:
        """A feed may be given as its URL alone."""
        if isinstance(value, list):
            return [{"url": item} if isinstance(item, str) else item for item in value]
        return value

    @field_validator("data_dir", "model_cache", mode="after")
    @classmethod
    def _expand_home(cls, value: Path) -> Path:
        """Allow ~ in paths."""
        return value.expanduser()

    @model_validator(mode="after")
    def _llm_complete(self) -> Settings:
        if bool(self.llm_base_url) != bool(self.llm_model):
            raise ValueError("set both NEWSDESK_LLM_BASE_URL and NEWSDESK_LLM_MODEL, or neither")
        if self.llm == "endpoint" and not self.llm_base_url:
            raise ValueError("NEWSDESK_LLM=endpoint needs NEWSDESK_LLM_BASE_URL and NEWSDESK_LLM_MODEL")
        if self.chunk_overlap_tokens >= self.chunk_tokens:
            raise ValueError("NEWSDESK_CHUNK_OVERLAP_TOKENS must be below NEWSDESK_CHUNK_TOKENS")
        return self

    def chunking(self) -> ChunkingConfig:
        """The chunking configuration these settings describe."""
        return ChunkingConfig(
            max_tokens=self.chunk_tokens, overlap_tokens=self.chunk_overlap_tokens, vectors=self.chunk_vectors
        )

    def retrieval(self) -> RetrievalConfig:
        """How searches fuse their dense and keyword sides."""
        return RetrievalConfig(
            fusion=self.fusion, sentence_weight=self.sentence_weight, keyword_weight=self.keyword_weight
        )

    def vector_store(self) -> VectorStoreConfig:
        """Which backend holds the vectors, and how."""
        return VectorStoreConfig(
            backend=self.vector_backend,
            qdrant_url=self.qdrant_url,
            qdrant_api_key=self.qdrant_api_key.get_secret_value() if self.qdrant_api_key else None,
            qdrant_collection=self.qdrant_collection,
            ivf_above=self.faiss_ivf_above,
            nprobe=self.faiss_nprobe,
        )

    def fetch_policy(self) -> FetchPolicy:
        """How feeds and pages are fetched."""
        return FetchPolicy(
            timeout_seconds=self.fetch_timeout_seconds,
            max_bytes=self.fetch_max_bytes,
            host_delay_seconds=self.fetch_host_delay_seconds,
        )

    def llm_kind(self) -> Literal["off", "local", "endpoint"]:
        """Which language model rewrites answers."""
        if self.llm is not None:
            return self.llm
        return "endpoint" if self.llm_base_url else "off"

    def endpoint(self) -> EndpointSettings:
        """The OpenAI-compatible endpoint these settings name."""
        return EndpointSettings(
            base_url=self.llm_base_url or "",
            model=self.llm_model or "",
            api_key=self.llm_api_key,
            timeout_seconds=self.llm_timeout_seconds,
        )

    def local_model(self, path: Path) -> LocalModelSettings:
        """How to run the provisioned local model at `path`."""
        return LocalModelSettings(
            name=self.llm_local_model,
            path=path,
            context_tokens=self.llm_context_tokens,
            threads=self.llm_threads,
            timeout_seconds=self.llm_timeout_seconds,
            queue_limit=self.llm_queue_limit,
        )
