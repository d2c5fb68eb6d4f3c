"""One language's FAISS vectors: an immutable base index (exact or IVF), a delta of later additions, tombstones."""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import faiss
import numpy as np

from index.store.sorted_ids import member

DIRECT_COST = 4  # an allowed vector read from the direct map costs up to this many scanned in a list


def flat_index(dimension: int) -> faiss.IndexIDMap2:
    """An empty exact inner-product index keyed by chunk id."""
    return faiss.IndexIDMap2(faiss.IndexFlatIP(dimension))


def ivf_lists(count: int) -> int:
    """IVF lists for a partition of `count` vectors: 4 sqrt(n), the FAISS guideline's lower end."""
    return max(16, int(4 * math.sqrt(count)))


def batches(index: faiss.Index, kind: str, size: int = 50_000) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Every (ids, vectors) an index holds, a batch at a time (an IVF index a list at a time)."""
    if kind == "flat":
        ids = faiss.vector_to_array(index.id_map).astype(np.int64)  # type: ignore[attr-defined]
        inner = faiss.downcast_index(index.index)  # type: ignore[attr-defined]
        for start in range(0, len(ids), size):
            stop = min(start + size, len(ids))
            yield ids[start:stop], inner.reconstruct_n(start, stop - start)
        return
    lists = index.invlists  # type: ignore[attr-defined]
    for number in range(lists.nlist):
        count = lists.list_size(number)
        if count:
            ids = faiss.rev_swig_ptr(lists.get_ids(number), count).astype(np.int64)
            codes = faiss.rev_swig_ptr(lists.get_codes(number), count * index.d * 4)
            yield ids, np.frombuffer(codes.tobytes(), dtype=np.float32).reshape(count, index.d)


@dataclass
class Partition:
    """One language's vectors: an immutable base (maybe none), a delta and the base's tombstones."""

    dimension: int
    base: faiss.Index | None = None
    base_kind: str = "flat"
    base_file: str | None = None
    base_ids: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))  # sorted
    delta: faiss.Index | None = None
    deleted: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))  # sorted
    delta_file: str | None = None
    deleted_file: str | None = None
    changed: bool = False
    _kept_cache: tuple[np.ndarray, faiss.IDSelector] | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        if self.delta is None:
            self.delta = flat_index(self.dimension)

    @property
    def delta_index(self) -> faiss.Index:
        """The delta (always made in __post_init__)."""
        assert self.delta is not None
        return self.delta

    def _kept(self) -> faiss.IDSelector:
        """A selector of the base's live ids, made once per tombstone array (which is replaced, not changed)."""
        cached = self._kept_cache
        if cached is None or cached[0] is not self.deleted:
            cached = (self.deleted, faiss.IDSelectorNot(faiss.IDSelectorBatch(self.deleted)))
            self._kept_cache = cached
        return cached[1]

    def fork(self) -> Partition:
        """A copy to change: the base is shared, the delta and tombstones copied."""
        return Partition(
            self.dimension,
            self.base,
            self.base_kind,
            self.base_file,
            self.base_ids,
            faiss.clone_index(self.delta_index),
            self.deleted.copy(),
            self.delta_file,
            self.deleted_file,
        )

    def in_base(self, ids: np.ndarray) -> np.ndarray:
        """Which of the ids are live vectors of the base (binary search: a question may ask for a few ids)."""
        live: np.ndarray = member(self.base_ids, ids) & ~member(self.deleted, ids)
        return live

    def count(self) -> int:
        """Live vectors in the partition."""
        return len(self.base_ids) - len(self.deleted) + int(self.delta_index.ntotal)

    def remove(self, ids: np.ndarray) -> None:
        """Drop ids from the delta and tombstone those in the base."""
        if self.delta_index.ntotal:
            removed = self.delta_index.remove_ids(faiss.IDSelectorBatch(ids))
            self.changed |= removed > 0
        gone = ids[self.in_base(ids)]
        if len(gone):
            self.deleted = np.union1d(self.deleted, gone)
            self.changed = True

    def search(
        self, query: np.ndarray, k: int, allowed: np.ndarray | None, nprobe: int
    ) -> list[tuple[int, float]]:
        """The k best (id, inner product) of base and delta together."""
        found: list[tuple[int, float]] = []
        allow = id_selector(allowed) if allowed is not None else None
        if self.base is not None and len(self.base_ids) > len(self.deleted):
            selector: faiss.IDSelector | None = allow
            if len(self.deleted):
                keep = self._kept()
                selector = keep if allow is None else faiss.IDSelectorAnd(allow, keep)
            probes = nprobe
            if allowed is not None and self.base_kind == "ivf":
                # A filter keeps only its share of each probed list: probe more lists, in proportion, so
                # the allowed ids searched are as many as an unfiltered search sees (all lists at most).
                members = allowed[member(self.base_ids, allowed)]
                members = members[~member(self.deleted, members)]
                lists = int(self.base.nlist)  # type: ignore[attr-defined]
                probes = min(lists, math.ceil(nprobe * len(self.base_ids) / max(len(members), 1)))
                # At 1M chunks an outlet's 83,335 ids took 143 ms from the direct map and 68 ms probing 384
                # lists; a month's 8,565 took 17 ms against 110 ms probing 3,734: an id read costs up to ~4 scanned.
                if len(members) * DIRECT_COST < probes / lists * len(self.base_ids):
                    found += scored(self.base, members, query, k)  # fewer than the probed lists hold: exact
                    probes = 0
            if probes:
                found += search_index(self.base, query, k, selector, self.base_kind, probes)
        if self.delta_index.ntotal:
            found += search_index(self.delta_index, query, k, allow, "flat", nprobe)
        found.sort(key=lambda pair: pair[1], reverse=True)
        return found[:k]

    def vectors(self, ids: Sequence[int]) -> dict[int, np.ndarray]:
        """Stored vectors of the ids the partition holds."""
        found: dict[int, np.ndarray] = {}
        array = np.asarray(ids, dtype=np.int64)
        in_base = set(array[self.in_base(array)].tolist()) if self.base is not None else set()
        for chunk_id in array.tolist():
            if chunk_id in in_base:
                found[chunk_id] = np.asarray(self.base.reconstruct(chunk_id))  # type: ignore[union-attr]
                continue
            try:
                found[chunk_id] = np.asarray(self.delta_index.reconstruct(chunk_id))
            except RuntimeError:  # FAISS: "key not found"
                continue
        return found


def id_selector(ids: np.ndarray) -> faiss.IDSelector:
    """A selector of the ids as a bitmap over 0..max id: built in milliseconds for a million ids, where
    IDSelectorBatch's hash set took 0.15 s (chunk ids are AUTOINCREMENT, so the bitmap stays dense)."""
    bits = np.zeros(int(ids.max()) + 1 if len(ids) else 1, dtype=bool)
    bits[ids] = True
    # Given one array, faiss's wrapper takes its length in bytes and keeps it alive with the selector.
    return faiss.IDSelectorBitmap(np.packbits(bits, bitorder="little"))  # type: ignore[call-arg, arg-type]


def scored(index: faiss.Index, ids: np.ndarray, query: np.ndarray, k: int) -> list[tuple[int, float]]:
    """The k best (id, inner product) among the ids, scored from their stored vectors."""
    if not len(ids):
        return []
    scores = index.reconstruct_batch(ids) @ query[0]
    best = np.argsort(-scores, kind="stable")[:k]
    return [(int(ids[i]), float(scores[i])) for i in best]


def search_index(
    index: faiss.Index, query: np.ndarray, k: int, selector: faiss.IDSelector | None, kind: str, nprobe: int
) -> list[tuple[int, float]]:
    """One FAISS search with an optional id selector (and nprobe for IVF)."""
    # faiss's bundled stubs omit the keyword arguments its SWIG constructors take.
    params: faiss.SearchParameters
    if kind == "ivf":
        params = faiss.SearchParametersIVF(sel=selector, nprobe=nprobe)  # type: ignore[call-arg]
    else:
        params = faiss.SearchParameters(sel=selector)  # type: ignore[call-arg]
    scores, ids = index.search(query, min(k, int(index.ntotal)), params=params)
    return [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i != -1]
