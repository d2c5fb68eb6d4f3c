"""The stored sentence vectors of recently retrieved chunks, kept in memory so a search reads them once."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence

import numpy as np

from index.store.sentences import SentenceTable

# Chunks kept: about 6 sentences each at 1,536 bytes (float32), some 74 MB when full.
CACHED_CHUNKS = 8_000


class ChunkSentenceCache:
    """Chunk id -> (language, sentence vectors), read from the sentence table on a miss; shared by threads.

    A chunk id is never reused and a chunk's sentences never change (an article written again gets new
    chunk ids), so an entry is never stale; a deleted chunk's entry ages out (searches drop deleted ids).
    """

    def __init__(self, table: SentenceTable, size: int = CACHED_CHUNKS) -> None:
        if size <= 0:
            raise ValueError(f"size must be greater than 0, got {size}")
        self._table = table
        self._size = size
        self._entries: OrderedDict[int, tuple[str, np.ndarray]] = OrderedDict()
        self._lock = threading.Lock()

    def of_chunks(self, chunk_ids: Sequence[int]) -> dict[int, tuple[str, np.ndarray]]:
        """Chunk id -> (its article's language, float32 vectors of its sentences), for chunks that have any."""
        with self._lock:
            found = {cid: self._entries[cid] for cid in chunk_ids if cid in self._entries}
            for cid in found:
                self._entries.move_to_end(cid)
        missing = [cid for cid in dict.fromkeys(chunk_ids) if cid not in found]
        read = self._table.of_chunks(missing) if missing else {}
        with self._lock:
            self._entries.update(read)
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)
        return {**found, **read}
