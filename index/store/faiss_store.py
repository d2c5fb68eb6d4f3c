"""The FAISS vector store: per language a base index file, memory-mapped, and a small delta of later additions.

A partition's base is exact (IndexIDMap2 over IndexFlatIP) up to `ivf_above` vectors and an IndexIVFFlat
above it. It is written once and opened read-only and memory-mapped, so opening a million vectors costs
next to nothing and processes share its pages. Vectors added later go to the delta (exact, in memory,
rewritten at each persist); vectors removed from the base are tombstones until the next compaction. When
the delta or the tombstones pass their share of the base, persist writes a new base with them (an IVF base
keeps its trained lists until the partition has grown fourfold, then is trained again). Nothing is rebuilt
from SQLite.

A store is changed only through a fork: a copy that shares the immutable bases and copies the small parts,
so threads searching the published store never see a half-made change.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path

import faiss
import numpy as np

from index.errors import IndexCorruptError
from index.store.faiss_partition import Partition, batches, flat_index, ivf_lists
from index.store.vector_store import VectorStoreConfig

STATE_PREFIX = "state-"
_IVF_TRAINING_PER_LIST = 40  # training vectors per IVF list (FAISS warns below 39)
_READ_FLAGS = {
    "flat": faiss.IO_FLAG_MMAP_IFC | faiss.IO_FLAG_READ_ONLY,
    "ivf": faiss.IO_FLAG_MMAP | faiss.IO_FLAG_READ_ONLY,
}


class FaissVectorStore:
    """Language partitions in a folder: `state-<generation>.json` names each partition's files."""

    def __init__(
        self,
        folder: Path,
        dimension: int,
        config: VectorStoreConfig | None = None,
        partitions: dict[str, Partition] | None = None,
    ) -> None:
        self.folder = folder
        self.dimension = dimension
        self.config = config or VectorStoreConfig()
        self._partitions = partitions or {}

    # --- reads -----------------------------------------------------------------

    def count(self) -> int:
        """Live vectors over all partitions."""
        return sum(part.count() for part in self._partitions.values())

    def search(
        self, vector: np.ndarray, k: int, language: str, allowed: np.ndarray | None = None
    ) -> list[tuple[int, float]]:
        """The k best ids of one language by inner product (see VectorStore.search)."""
        part = self._partitions.get(language)
        if part is None or k <= 0 or (allowed is not None and allowed.size == 0):
            return []
        query = np.ascontiguousarray(vector, dtype=np.float32).reshape(1, -1)
        # One query is searched faster on this thread alone: OpenMP's team start-up and spinning beside ONNX
        # Runtime's threads cost about 3 ms a query on 2 cores. The setting belongs to the calling thread.
        faiss.omp_set_num_threads(1)
        return part.search(query, k, allowed, self.config.nprobe)

    def vectors(self, ids: Sequence[int]) -> dict[int, np.ndarray]:
        """Stored vectors of those ids any partition holds."""
        found: dict[int, np.ndarray] = {}
        for part in self._partitions.values():
            found.update(part.vectors([i for i in ids if i not in found]))
        return found

    def describe(self) -> str:
        """The index type of each partition, for `newsdesk stats`."""
        kinds = {
            language or "?": f"{part.base_kind if part.base is not None else 'flat'} {part.count()}"
            for language, part in sorted(self._partitions.items())
        }
        return ", ".join(f"{language}: {kind}" for language, kind in kinds.items()) or "empty"

    # --- changes (on a fork) ---------------------------------------------------

    def fork(self) -> FaissVectorStore:
        """A store to change while this one is still searched: bases shared, the small parts copied."""
        parts = {language: part.fork() for language, part in self._partitions.items()}
        return FaissVectorStore(self.folder, self.dimension, self.config, parts)

    def add(self, ids: np.ndarray, vectors: np.ndarray, language: str) -> None:
        """Add vectors of one language to its partition's delta."""
        if not len(ids):
            return
        part = self._partitions.setdefault(language, Partition(self.dimension))
        matrix = np.ascontiguousarray(vectors, dtype=np.float32)
        part.delta_index.add_with_ids(matrix, np.asarray(ids, dtype=np.int64))
        part.changed = True

    def remove(self, ids: np.ndarray) -> None:
        """Remove ids from whichever partition holds them."""
        if len(ids):
            for part in self._partitions.values():
                part.remove(np.asarray(ids, dtype=np.int64))

    # --- files -----------------------------------------------------------------

    def persist(self, generation: int) -> None:
        """Write changed partitions (compacting those due) and the generation's state (see prune)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        state: dict[str, dict[str, object]] = {}
        persist = uuid.uuid4().hex[:8]  # files are never overwritten, even when a generation is written twice
        for language, part in self._partitions.items():
            tag = f"{language.encode().hex() or 'none'}-{generation}-{persist}"
            if part.changed and self._due(part):
                self._compact(part, tag)
            if part.changed:
                _write_index(part.delta_index, self.folder / f"delta-{tag}.faiss")
                _write_array(part.deleted, self.folder / f"deleted-{tag}.npy")
                part.delta_file, part.deleted_file = f"delta-{tag}.faiss", f"deleted-{tag}.npy"
                part.changed = False
            state[language] = {
                "base": part.base_file,
                "kind": part.base_kind,
                "delta": part.delta_file,
                "deleted": part.deleted_file,
            }
        path = self.folder / f"{STATE_PREFIX}{generation}.json"
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps({"dimension": self.dimension, "partitions": state}), encoding="utf-8")
        os.replace(tmp, path)
        self._state = (path.name, state)

    def prune(self) -> None:
        """Delete the files the last persisted state does not name (after the catalogue marks it current)."""
        if getattr(self, "_state", None) is not None:
            self._delete_unused(*self._state)

    def _due(self, part: Partition) -> bool:
        """Whether the delta or the tombstones have outgrown their share of the base."""
        limit = max(self.config.compact_min, int(self.config.compact_share * len(part.base_ids)))
        return int(part.delta_index.ntotal) > limit or len(part.deleted) > limit

    def _compact(self, part: Partition, tag: str) -> None:
        """A new base of the partition's live vectors: the old base's, less tombstones, plus the delta's."""
        total = part.count()
        faiss.omp_set_num_threads(os.cpu_count() or 1)  # building uses every core (searches set 1)
        if total > self.config.ivf_above and part.base_kind == "ivf" and self._lists_fit(part.base, total):
            base = faiss.read_index(str(self.folder / str(part.base_file)))  # writable, not mapped
            if len(part.deleted):
                base.remove_ids(faiss.IDSelectorArray(part.deleted))  # a hashtable direct map needs an array
            added = [np.zeros(0, dtype=np.int64)]
            for ids, vectors in batches(part.delta_index, "flat"):
                base.add_with_ids(vectors, ids)
                added.append(ids)
            kept = np.union1d(np.setdiff1d(part.base_ids, part.deleted), np.concatenate(added))
        else:
            sources = [(part.base, part.base_kind)] if part.base is not None else []
            sources.append((part.delta_index, "flat"))

            def live() -> Iterator[tuple[np.ndarray, np.ndarray]]:
                for index, kind in sources:
                    for ids, vectors in batches(index, kind):
                        keep = ~np.isin(ids, part.deleted)
                        yield ids[keep], vectors[keep]

            big = total > self.config.ivf_above
            base = _trained_ivf(live(), total, self.dimension) if big else flat_index(self.dimension)
            parts = [np.zeros(0, dtype=np.int64)]
            for ids, vectors in live():
                base.add_with_ids(np.ascontiguousarray(vectors, dtype=np.float32), ids)
                parts.append(ids)
            kept = np.sort(np.concatenate(parts))
        kind = "ivf" if isinstance(base, faiss.IndexIVF) else "flat"
        name = f"base-{tag}.faiss"
        _write_index(base, self.folder / name)
        _write_array(kept, self.folder / f"base-{tag}.ids.npy")
        del base
        part.base = faiss.read_index(str(self.folder / name), _READ_FLAGS[kind])
        part.base_kind, part.base_file, part.base_ids = kind, name, kept
        part.delta = flat_index(self.dimension)
        part.deleted = np.zeros(0, dtype=np.int64)

    @staticmethod
    def _lists_fit(base: faiss.Index | None, total: int) -> bool:
        """Whether an IVF base's lists still suit `total` vectors (trained for at least a quarter of them)."""
        return base is not None and int(base.nlist) * 2 >= ivf_lists(total)  # type: ignore[attr-defined]

    def _delete_unused(self, state_name: str, state: dict[str, dict[str, object]]) -> None:
        """Delete the files no longer named by the newest state (readers keep what they have open)."""
        used = {state_name}
        for files in state.values():
            for key in ("base", "delta", "deleted"):
                if files.get(key):
                    used.add(str(files[key]))
            if files.get("base"):
                used.add(str(files["base"]).replace(".faiss", ".ids.npy"))
        for path in self.folder.iterdir():
            if path.name not in used and not path.name.endswith(".tmp"):
                path.unlink(missing_ok=True)

    @classmethod
    def open(
        cls, folder: Path, generation: int, dimension: int, config: VectorStoreConfig | None = None
    ) -> FaissVectorStore | None:
        """The store as persisted for a generation, bases memory-mapped; None when that state is not there."""
        path = folder / f"{STATE_PREFIX}{generation}.json"
        if not path.exists():
            return None
        try:
            state = json.loads(path.read_text(encoding="utf-8"))
            if state["dimension"] != dimension:
                raise IndexCorruptError(
                    f"{path} holds {state['dimension']}-dimensional vectors, not {dimension}"
                )
            parts = {
                language: _open_partition(folder, files, dimension)
                for language, files in state["partitions"].items()
            }
        except (OSError, RuntimeError, ValueError, KeyError) as exc:
            raise IndexCorruptError(f"cannot read the vector store state {path}: {exc}") from exc
        return cls(folder, dimension, config, parts)

    def close(self) -> None:
        """Nothing to release: mapped files are unmapped when the store is dropped."""


def _open_partition(folder: Path, files: dict[str, str | None], dimension: int) -> Partition:
    """A partition from its files (base mapped read-only)."""
    part = Partition(dimension)
    if files.get("base"):
        kind = str(files["kind"])
        part.base = faiss.read_index(str(folder / str(files["base"])), _READ_FLAGS[kind])
        part.base_kind, part.base_file = kind, str(files["base"])
        part.base_ids = np.load(folder / str(files["base"]).replace(".faiss", ".ids.npy"))
    if files.get("delta"):
        part.delta = faiss.read_index(str(folder / str(files["delta"])))
        part.delta_file = str(files["delta"])
    if files.get("deleted"):
        part.deleted = np.load(folder / str(files["deleted"]))
        part.deleted_file = str(files["deleted"])
    return part


def _trained_ivf(
    live: Iterator[tuple[np.ndarray, np.ndarray]], total: int, dimension: int
) -> faiss.IndexIVFFlat:
    """An empty IVF index whose lists are trained on a random sample of the vectors (reconstructable by id)."""
    lists = ivf_lists(total)
    share = min(1.0, lists * _IVF_TRAINING_PER_LIST / max(total, 1))
    rng = np.random.default_rng(0)
    sample = np.concatenate([vectors[rng.random(len(vectors)) < share] for _, vectors in live])
    quantiser = faiss.IndexFlatIP(dimension)
    index = faiss.IndexIVFFlat(quantiser, dimension, lists, faiss.METRIC_INNER_PRODUCT)
    index.train(np.ascontiguousarray(sample, dtype=np.float32))
    index.set_direct_map_type(faiss.DirectMap.Hashtable)  # type: ignore[attr-defined]  # not in the stubs
    return index


def _write_index(index: faiss.Index, path: Path) -> None:
    """Write an index atomically (temporary file, flushed, renamed)."""
    tmp = path.with_name(path.name + ".tmp")
    faiss.write_index(index, str(tmp))
    with open(tmp, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def _write_array(array: np.ndarray, path: Path) -> None:
    """Write an id array atomically."""
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as handle:
        np.save(handle, array)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
