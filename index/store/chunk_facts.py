"""What a date or source filter needs to know of every indexed chunk, as arrays, so it runs without SQLite.

At a million chunks, asking SQLite for the ids of one outlet's chunks took 0.18 s a question (the rows
themselves, not the index lookup). The facts never change for a chunk id (an edited article gets new chunk
ids), so the vector catalogue keeps them beside each id and filters with numpy.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import numpy as np
from pydantic import BaseModel

from index.records import SearchFilters
from index.store.filters import source_key

NO_START = np.iinfo(np.int32).max  # an undated article starts after every `until`
NO_END = np.iinfo(np.int32).min  # and ends before every `since`, as NULL compares in SQL


class ChunkFact(BaseModel):
    """What the vector store keeps of a stored chunk's article: language, source and publication period."""

    language: str
    source: str
    date_start: str | None
    date_end: str | None


def day(text: str | None, missing: int) -> int:
    """An ISO date as a day number (missing when there is none)."""
    return date.fromisoformat(text).toordinal() if text else missing


class FactColumns:
    """Source codes and publication days of chunks, aligned with an id array."""

    def __init__(
        self,
        sources: np.ndarray | None = None,
        starts: np.ndarray | None = None,
        ends: np.ndarray | None = None,
        names: list[str] | None = None,
    ) -> None:
        self.sources = sources if sources is not None else np.zeros(0, dtype=np.int32)
        self.starts = starts if starts is not None else np.zeros(0, dtype=np.int32)
        self.ends = ends if ends is not None else np.zeros(0, dtype=np.int32)
        self.names = names or []  # source names as source_key() gives them; a code indexes this list

    def copy(self) -> FactColumns:
        """An independent copy."""
        return FactColumns(self.sources.copy(), self.starts.copy(), self.ends.copy(), list(self.names))

    def rows(self, facts: Sequence[ChunkFact]) -> FactColumns:
        """Columns for new chunks (new source names are added to this object's list)."""
        codes = []
        for fact in facts:
            name = source_key(fact.source)
            if name not in self.names:
                self.names.append(name)
            codes.append(self.names.index(name))
        return FactColumns(
            np.asarray(codes, dtype=np.int32),
            np.asarray([day(f.date_start, NO_START) for f in facts], dtype=np.int32),
            np.asarray([day(f.date_end, NO_END) for f in facts], dtype=np.int32),
        )

    def joined(self, other: FactColumns, order: np.ndarray) -> FactColumns:
        """These rows followed by another's, reordered."""
        return FactColumns(
            np.concatenate([self.sources, other.sources])[order],
            np.concatenate([self.starts, other.starts])[order],
            np.concatenate([self.ends, other.ends])[order],
            self.names,
        )

    def kept(self, keep: np.ndarray) -> FactColumns:
        """The rows where `keep` is true."""
        return FactColumns(self.sources[keep], self.starts[keep], self.ends[keep], self.names)

    def matching(self, filters: SearchFilters) -> np.ndarray | None:
        """Which rows pass the filters' publication dates and sources (as filters.py says in SQL); None when
        the filters also ask about a period the text names, which only SQLite knows."""
        if filters.names_period:
            return None
        mask = np.ones(len(self.sources), dtype=bool)
        if filters.since:
            mask &= self.ends >= filters.since.toordinal()
        if filters.until:
            mask &= self.starts <= filters.until.toordinal()
        if filters.sources:
            keys = [source_key(s) for s in filters.sources]
            wanted = [self.names.index(key) for key in keys if key in self.names]
            mask &= np.isin(self.sources, wanted)
        return mask
