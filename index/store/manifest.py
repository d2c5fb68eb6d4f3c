"""The manifest: which model built the index, so vectors from different models never mix."""

from __future__ import annotations

from pydantic import BaseModel, Field

from index.errors import IndexMismatchError


class Manifest(BaseModel):
    """What an index was built with."""

    model: str
    dimension: int = Field(gt=0)
    normalized: bool = True
    index_type: str
    chunking: str = ""  # ChunkingConfig.signature(); a change re-chunks every article

    def check_compatible(self, model: str, location: str) -> None:
        """Raise IndexMismatchError when the index was built with another model."""
        if model != self.model:
            raise IndexMismatchError(
                f"the index in {location} was built with the embedding model {self.model!r} "
                f"({self.dimension}-d), but the settings ask for {model!r}. Set NEWSDESK_MODEL={self.model} "
                f"to use this index, or choose another NEWSDESK_DATA_DIR and ingest again."
            )

    def check_dimension(self, dimension: int, location: str) -> None:
        """Raise IndexMismatchError when vectors of another size are offered."""
        if dimension != self.dimension:
            raise IndexMismatchError(
                f"the index in {location} holds {self.dimension}-d vectors, but the model {self.model!r} "
                f"now gives {dimension}-d vectors; ingest again into a new NEWSDESK_DATA_DIR."
            )
