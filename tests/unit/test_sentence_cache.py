"""The in-memory cache of chunks' sentence vectors: reads a chunk once, stays bounded, shared by threads."""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from index.store.sentence_cache import ChunkSentenceCache


class CountingTable:
    """A sentence table with chunk i holding i sentences, counting the chunk ids it is asked for."""

    def __init__(self) -> None:
        self.asked: list[int] = []

    def of_chunks(self, chunk_ids: Sequence[int]) -> dict[int, tuple[str, np.ndarray]]:
        self.asked.extend(chunk_ids)
        return {cid: ("nl", np.full((cid, 2), cid, np.float32)) for cid in chunk_ids if cid}


def test_a_chunk_is_read_once_and_chunks_without_sentences_are_left_out() -> None:
    table = CountingTable()
    cache = ChunkSentenceCache(table)  # type: ignore[arg-type]  # only of_chunks is used
    first = cache.of_chunks([0, 1, 2])
    second = cache.of_chunks([2, 1, 3])
    assert sorted(first) == [1, 2] and sorted(second) == [1, 2, 3]
    assert second[2][1].shape == (2, 2) and second[3][0] == "nl"
    assert table.asked == [0, 1, 2, 3]


def test_the_least_recently_used_chunk_is_dropped_when_full() -> None:
    table = CountingTable()
    cache = ChunkSentenceCache(table, size=2)  # type: ignore[arg-type]
    cache.of_chunks([1, 2])
    cache.of_chunks([1])  # 2 is now the oldest
    cache.of_chunks([3])
    table.asked.clear()
    cache.of_chunks([1, 2, 3])
    assert table.asked == [2]


def test_threads_reading_at_once_get_the_same_vectors() -> None:
    cache = ChunkSentenceCache(CountingTable(), size=50)  # type: ignore[arg-type]
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda i: cache.of_chunks([1 + i % 60, 2 + i % 7]), range(400)))
    for i, found in enumerate(results):
        assert float(found[1 + i % 60][1][0, 0]) == 1 + i % 60
