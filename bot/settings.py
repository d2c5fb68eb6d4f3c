"""Settings from the environment and `.env`, validated once at start-up."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from index.chunking import ChunkingConfig


class Settings(BaseSettings):
    """Every setting of newsdesk; `.env.example` documents each one."""

    model_config = SettingsConfigDict(env_prefix="NEWSDESK_", env_file=".env", extra="ignore")

    data_dir: Path = Field(
        default=Path("newsdesk-data"), description="Folder of the SQLite store and FAISS index."
    )
    model: str = Field(
        default="multilingual-e5-small", min_length=1, description="Embedding model name or path."
    )
    model_cache: Path = Field(
        default=Path.home() / ".cache" / "newsdesk" / "models",
        description="Where provisioned models are kept.",
    )
    chunk_tokens: int = Field(default=200, ge=32, le=512, description="Largest chunk, in model tokens.")
    chunk_overlap_tokens: int = Field(
        default=48, ge=0, le=256, description="Overlap between consecutive chunks."
    )
    embed_batch_size: int = Field(default=32, ge=1, le=1024)
    article_dirs: list[Path] = Field(
        default_factory=list, description="Folders that /reindex and `newsdesk ingest` (no paths) read."
    )
    discord_token: SecretStr | None = Field(
        default=None, validation_alias="DISCORD_TOKEN", description="The bot token; never logged."
    )

    @field_validator("discord_token", mode="before")
    @classmethod
    def _blank_token_is_none(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    def chunking(self) -> ChunkingConfig:
        """The chunking configuration these settings describe."""
        return ChunkingConfig(max_tokens=self.chunk_tokens, overlap_tokens=self.chunk_overlap_tokens)
