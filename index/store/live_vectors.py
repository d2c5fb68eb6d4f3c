"""The FAISS index of the database's current generation, reopened when an ingest (here or elsewhere) moves it on.

Every write to chunks bumps the generation in SQLite; the ingest that made the writes saves
`vectors-<generation>.faiss` when it is done. A reader checks the generation on every use: while the file
of the new generation is not there yet it keeps answering from the index it has, so a question during an
ingest is answered from the old or the new index, never with an error. Only the holder of the data folder's
write lock rebuilds or deletes files.
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
from index.store.vectors import VectorIndex

_VECTOR_FILE = re.compile(r"^vectors-(\d+)\.")
LOCK_FILE = "write.lock"


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
    """Hands out the vector index matching the database, reloading it when the generation changes."""

    def __init__(
        self,
        data_dir: Path,
        db: Database,
        dimension: Callable[[], int],
        embed: Callable[[list[str]], np.ndarray],
    ) -> None:
        self._data_dir = data_dir
        self._db = db
        self._dimension = dimension
        self._embed = embed
        self.write_lock = WriteLock(data_dir)
        self._current: tuple[int, VectorIndex] | None = None
        self._priors: dict[str, np.ndarray] | None = None
        self._lock = threading.Lock()

    def path(self, generation: int) -> Path:
        """The FAISS file of a generation."""
        return self._data_dir / f"vectors-{generation}.faiss"

    def loaded(self) -> VectorIndex | None:
        """The index in memory, if any (without checking the generation)."""
        return self._current[1] if self._current else None

    def get(self) -> VectorIndex:
        """The index of the database's generation, or the last one loaded while that is being written."""
        generation = self._db.generation()
        current = self._current
        if current is not None and current[0] == generation:
            return current[1]
        with self._lock:
            current = self._current
            if current is not None and current[0] == generation:
                return current[1]
            index = self._load(generation)
            if index is None:
                if not self.write_lock.try_hold():
                    # An ingest in another process is writing this generation: answer from what we have.
                    return current[1] if current else VectorIndex(self._dimension())
                try:
                    index, generation = self._rebuild_unlocked(), self._db.generation()
                finally:
                    self.write_lock.release()
            self._current = (generation, index)
            return index

    def rebuild(self) -> VectorIndex:
        """Rebuild and save the index of the current generation (the caller holds the write lock)."""
        with self._lock:
            index = self._rebuild_unlocked()
            self._current = (self._db.generation(), index)
            return index

    def load_file(self, generation: int) -> VectorIndex | None:
        """The saved index of a generation as it is on disk, or None when it is missing or unreadable."""
        return self._load(generation)

    def _load(self, generation: int) -> VectorIndex | None:
        """The saved index of a generation, or None when it is not there (yet) or unreadable."""
        manifest = self._db.manifest()
        if manifest is None:
            return VectorIndex(self._dimension())
        path = self.path(generation)
        if not path.exists():
            return None
        try:
            return VectorIndex.load(path, manifest.dimension)
        except IndexCorruptError:
            return None  # rebuilt from the vectors in SQLite, the source of truth

    def _rebuild_unlocked(self) -> VectorIndex:
        """A new index from the vectors in SQLite, saved under the current generation; older files deleted."""
        generation = self._db.generation()
        index = VectorIndex.build(*self._db.all_vectors(self._dimension()), self.background())
        index.save(self.path(generation))
        for old in self._data_dir.glob("vectors-*"):
            match = _VECTOR_FILE.match(old.name)
            if match and int(match.group(1)) != generation:
                old.unlink(missing_ok=True)
        return index

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
