"""The vector index of the database's current generation, brought up to date when an ingest (here or
elsewhere) moves it on.

Every write to chunks bumps the generation in SQLite; the ingest that made the writes then syncs the vector
store: it adds the chunks the store lacks and removes those SQLite no longer has (chunk ids are never
reused), and persists the result as that generation's, ending with `vectors/catalogue-<generation>.npz`.
A reader checks the generation on every use: while the new generation's catalogue is not there yet it keeps
answering from the index it has, so a question during an ingest is answered from the old or the new index,
never with an error. Only the holder of the data folder's write lock changes or deletes files.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import filelock
import numpy as np

from index.errors import IndexBusyError, IndexCorruptError
from index.store.background import BACKGROUND
from index.store.database import Database
from index.store.vector_store import VectorStore, VectorStoreConfig
from index.store.vectors import CATALOGUE_PREFIX, Catalogue, VectorIndex

_CATALOGUE_FILE = re.compile(rf"^{CATALOGUE_PREFIX}(\d+)\.npz$")
_LEGACY_FILE = re.compile(r"^vectors-\d+\.")  # the whole-index FAISS files written before the store
LOCK_FILE = "write.lock"
VECTORS_DIR = "vectors"
_SYNC_BATCH = 5000  # chunk vectors read from SQLite at a time


class WriteLock:
    """The data folder's write lock: one ingest (or rebuild) at a time, across threads and processes."""

    def __init__(self, data_dir: Path) -> None:
        self._data_dir = data_dir
        self._file = filelock.FileLock(str(data_dir / LOCK_FILE), thread_local=False)
        self._thread = threading.Lock()  # the file lock is re-entrant within a process; this one is not

    @contextmanager
    def held(self) -> Iterator[None]:
        """Hold the lock for the block, or raise IndexBusyError if another writer holds it."""
        if not self.try_hold():
            raise IndexBusyError(
                f"another ingest is writing to {self._data_dir}; try again when it has finished"
            )
        try:
            yield
        finally:
            self.release()

    def try_hold(self) -> bool:
        """Take the lock if it is free (then call release); False if another writer holds it."""
        if not self._thread.acquire(blocking=False):
            return False
        try:
            self._file.acquire(timeout=0)
        except filelock.Timeout:
            self._thread.release()
            return False
        return True

    def release(self) -> None:
        """Release a lock taken with try_hold."""
        self._file.release()
        self._thread.release()


class LiveVectors:
    """Hands out the vector index matching the database, syncing the store when the generation changes."""

    def __init__(
        self,
        data_dir: Path,
        db: Database,
        dimension: Callable[[], int],
        embed: Callable[[list[str]], np.ndarray],
        config: VectorStoreConfig | None = None,
    ) -> None:
        self._data_dir = data_dir
        self.config = config or VectorStoreConfig()
        self.folder = data_dir / VECTORS_DIR / self.config.backend  # each backend its own copy
        self._db = db
        self._dimension = dimension
        self._embed = embed
        self.write_lock = WriteLock(data_dir)
        self._current: tuple[int, VectorIndex] | None = None
        self._current_file: tuple[int, int] | None = None  # its catalogue file's inode and mtime
        self._qdrant: VectorStore | None = None  # one client per process: local mode locks its folder
        self._priors: dict[str, np.ndarray] | None = None
        self._lock = threading.Lock()

    def close(self) -> None:
        """Release the store's files and connections."""
        if self._qdrant is not None:
            self._qdrant.close()

    def has_state(self, generation: int) -> bool:
        """Whether the vectors of a generation have been persisted."""
        return self._catalogue_path(generation).exists()

    def loaded(self) -> VectorIndex | None:
        """The index in memory, if any (without checking the generation)."""
        return self._current[1] if self._current else None

    def get(self) -> VectorIndex:
        """The index of the database's generation, or the last one loaded while that is being written."""
        generation = self._db.generation()
        current = self._current
        if current is not None and current[0] == generation:
            return current[1]
        if current is not None and not self._lock.acquire(blocking=False):
            return current[1]  # a sync in this process is under way: answer from the index we have
        if current is None:
            self._lock.acquire()
        try:
            return self._get_locked(generation)
        finally:
            self._lock.release()

    def _get_locked(self, generation: int) -> VectorIndex:
        """get() once this object's lock is held."""
        current = self._current
        if current is not None and current[0] == generation:
            return current[1]
        index = self._load(generation)
        if index is None:
            if not self.write_lock.try_hold():
                # An ingest in another process is writing this generation: answer from what we have.
                return current[1] if current else self._empty_index(fill=False)
            try:
                index, generation = self._sync_unlocked(rebuild=False), self._db.generation()
            finally:
                self.write_lock.release()
        self._publish(generation, index)
        return index

    def sync(self) -> VectorIndex:
        """Bring the store up to the database and persist it (the caller holds the write lock)."""
        with self._lock:
            index = self._sync_unlocked(rebuild=False)
            self._publish(self._db.generation(), index)
            return index

    def rebuild(self) -> VectorIndex:
        """Empty the store and fill it from every vector in SQLite (the caller holds the write lock)."""
        with self._lock:
            index = self._sync_unlocked(rebuild=True)
            self._publish(self._db.generation(), index)
            return index

    def _publish(self, generation: int, index: VectorIndex) -> None:
        """Make an index the one handed out, remembering which catalogue file it was read from or wrote."""
        self._current = (generation, index)
        self._current_file = self._file_stamp(generation)

    def _file_stamp(self, generation: int) -> tuple[int, int] | None:
        """The inode and modification time of a generation's catalogue, or None when there is none."""
        try:
            found = self._catalogue_path(generation).stat()
        except FileNotFoundError:
            return None
        return found.st_ino, found.st_mtime_ns

    def load_file(self, generation: int) -> VectorIndex | None:
        """The persisted index of a generation, or None when it is missing or unreadable."""
        return self._load(generation)

    def _catalogue_path(self, generation: int) -> Path:
        """The catalogue file that marks a generation's vectors as persisted."""
        return self.folder / f"{CATALOGUE_PREFIX}{generation}.npz"

    def _store(self, generation: int | None) -> VectorStore | None:
        """The backend as persisted for a generation (None: an empty one); None if that state is missing."""
        if self.config.backend == "qdrant":
            if self._qdrant is None:
                from index.store.qdrant_store import QdrantVectorStore

                self._qdrant = QdrantVectorStore(self.folder / "local", self._dimension(), self.config)
            return self._qdrant
        from index.store.faiss_store import FaissVectorStore

        folder = self.folder / "index"
        if generation is None:
            return FaissVectorStore(folder, self._dimension(), self.config)
        return FaissVectorStore.open(folder, generation, self._dimension(), self.config)

    def _empty_index(self, fill: bool) -> VectorIndex:
        """An index holding nothing; with `fill` it is to be filled (a Qdrant collection is emptied first)."""
        store = self._store(None)
        assert store is not None
        if fill and self.config.backend == "qdrant":
            store.clear()  # type: ignore[attr-defined]  # QdrantVectorStore
        return VectorIndex(store, Catalogue(self._dimension(), self.background() if fill else {}))

    def _load(self, generation: int) -> VectorIndex | None:
        """The persisted index of a generation, or None when it is not there (yet) or unreadable."""
        manifest = self._db.manifest()
        if manifest is None:
            return self._empty_index(fill=False)
        path = self._catalogue_path(generation)
        if not path.exists():
            return None
        try:
            store = self._store(generation)
            if store is None:
                return None
            catalogue = Catalogue.load(path, manifest.dimension)
            if self.config.backend == "qdrant" and store.count() != len(catalogue.ids):
                return None  # a rebuild emptied the collection and did not finish: the catalogue is stale
            return VectorIndex(store, catalogue)
        except IndexCorruptError:
            return None  # synced again from the vectors in SQLite, the source of truth

    def _newest(self) -> VectorIndex | None:
        """The most recently persisted index (the one in memory when it is that), or None."""
        generations = sorted(
            (
                int(m.group(1))
                for p in self.folder.glob(f"{CATALOGUE_PREFIX}*")
                if (m := _CATALOGUE_FILE.match(p.name))
            ),
            reverse=True,
        )
        if not generations:
            return None
        # The index in memory is that state only if its catalogue file is still the one on disk: a rebuild in
        # another process (`index verify --repair`) rewrites the same generation, and a fork of the old
        # state would point at store files that rebuild has deleted.
        current, stamp = self._current, self._current_file
        if current is not None and current[0] == generations[0] and stamp == self._file_stamp(generations[0]):
            return current[1]
        return self._load(generations[0])

    def _sync_unlocked(self, rebuild: bool) -> VectorIndex:
        """The newest index forked and brought up to SQLite, persisted under the current generation."""
        self.folder.mkdir(parents=True, exist_ok=True)
        newest = None if rebuild else self._newest()
        index = newest.fork() if newest is not None else self._empty_index(fill=True)
        stored = self._db.chunk_ids()
        index.remove(np.setdiff1d(index.ids(), stored, assume_unique=True))
        missing = np.setdiff1d(stored, index.ids(), assume_unique=True)
        for start in range(0, len(missing), _SYNC_BATCH):
            ids, vectors, facts = self._db.vectors.with_facts(missing[start : start + _SYNC_BATCH].tolist())
            if len(ids):
                index.add(ids, vectors, facts)
        generation = self._db.generation()
        index.persist(self.folder, generation)
        self._delete_old(generation)
        return index

    def _delete_old(self, generation: int) -> None:
        """Delete other generations' catalogues and the files of the whole-index layout before the store."""
        for path in self.folder.glob(f"{CATALOGUE_PREFIX}*"):
            match = _CATALOGUE_FILE.match(path.name)
            if match and int(match.group(1)) != generation:
                path.unlink(missing_ok=True)
        for path in self._data_dir.glob("vectors-*"):
            if _LEGACY_FILE.match(path.name):
                path.unlink(missing_ok=True)

    def background(self) -> dict[str, np.ndarray]:
        """Mean vector of the background passages per language, and '' over all (the centres' priors)."""
        if self._priors is None:
            texts = [t for sentences in BACKGROUND.values() for t in sentences]
            vectors = self._embed(texts)
            priors = {"": vectors.mean(axis=0)}
            offset = 0
            for language, sentences in BACKGROUND.items():
                priors[language] = vectors[offset : offset + len(sentences)].mean(axis=0)
                offset += len(sentences)
            self._priors = priors
        return self._priors
