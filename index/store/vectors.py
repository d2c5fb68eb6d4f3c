"""Dense search over a vector store with each language's centre removed at query time.

Multilingual embeddings score a question higher against passages in its own language than against equally
relevant passages in another. Subtracting each language's mean vector from its passages removes that shared
language component (Libovický et al., 2020, "On the language neutrality of pre-trained multilingual
representations"). The store keeps vectors as embedded; since (p - c)·q = p·q - c·q, each language
partition is searched by p·q and its scores shifted by c·q. A language's centre comes from running sums, so
adding or removing vectors never rewrites the others. Within one language every score shifts by the same
amount, so same-language rankings do not change; across languages the bias is gone.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from index.errors import IndexCorruptError
from index.records import SearchFilters
from index.store.chunk_facts import ChunkFact, FactColumns
from index.store.vector_store import VectorStore

# A language's centre is its passages' mean shrunk toward a prior (the mean of that language's background
# passages, see background.py) as if this many prior passages were added: a small corpus gets a stable
# centre, a large one its own.
CENTROID_PRIOR = 20
DESCRIPTION = "language partitions of raw vectors, centred at query time"
CATALOGUE_PREFIX = "catalogue-"


class Catalogue:
    """What a store holds, for centring: every id (sorted) with its language, and per language a sum and count."""

    def __init__(
        self,
        dimension: int,
        background: dict[str, np.ndarray],
        ids: np.ndarray | None = None,
        codes: np.ndarray | None = None,
        names: list[str] | None = None,
        sums: dict[str, np.ndarray] | None = None,
        facts: FactColumns | None = None,
    ) -> None:
        self.dimension = dimension
        self.background = background
        self.ids = ids if ids is not None else np.zeros(0, dtype=np.int64)
        self.codes = codes if codes is not None else np.zeros(0, dtype=np.int16)  # index into names
        self.names = names or []
        self.sums = sums or {}
        self.facts = facts or FactColumns()  # sources and dates aligned with ids, for filters
        self._centres: dict[str, np.ndarray] | None = None

    def copy(self) -> Catalogue:
        """An independent copy to change."""
        sums = {language: vector.copy() for language, vector in self.sums.items()}
        return Catalogue(
            self.dimension,
            self.background,
            self.ids.copy(),
            self.codes.copy(),
            list(self.names),
            sums,
            self.facts.copy(),
        )

    def counts(self) -> dict[str, int]:
        """Vectors per language."""
        tally = np.bincount(self.codes, minlength=len(self.names))
        return {name: int(tally[code]) for code, name in enumerate(self.names)}

    def add(self, ids: np.ndarray, vectors: np.ndarray, facts: Sequence[ChunkFact]) -> None:
        """Record added vectors with their chunks' facts."""
        languages = [fact.language for fact in facts]
        tags = np.asarray(languages, dtype=object)
        codes = np.zeros(len(ids), dtype=np.int16)
        for language in sorted(set(languages)):
            if language not in self.names:
                self.names.append(language)
            rows = tags == language
            codes[rows] = self.names.index(language)
            summed = vectors[rows].astype(np.float64).sum(axis=0)
            self.sums[language] = self.sums.get(language, np.zeros(self.dimension)) + summed
        ids = np.concatenate([self.ids, ids.astype(np.int64)])
        order = np.argsort(ids, kind="stable")
        self.ids, self.codes = ids[order], np.concatenate([self.codes, codes])[order]
        self.facts = self.facts.joined(self.facts.rows(facts), order)
        self._centres = None

    def remove(self, ids: np.ndarray, vectors: dict[int, np.ndarray]) -> None:
        """Record removed vectors (`vectors`: their stored values, as the store returned them)."""
        gone = np.isin(self.ids, ids)
        for chunk_id, code in zip(self.ids[gone].tolist(), self.codes[gone].tolist(), strict=True):
            if chunk_id in vectors:
                language = self.names[code]
                self.sums[language] = self.sums[language] - vectors[chunk_id].astype(np.float64)
        self.ids, self.codes = self.ids[~gone], self.codes[~gone]
        self.facts = self.facts.kept(~gone)
        self._centres = None

    def allowed(self, filters: SearchFilters) -> np.ndarray | None:
        """The ids passing the filters' dates and sources; None when only SQLite can tell (see chunk_facts)."""
        mask = self.facts.matching(filters)
        return None if mask is None else self.ids[mask]

    def _held(self, ids: Sequence[int] | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Those of the ids the catalogue holds, with their language codes."""
        wanted = np.asarray(ids, dtype=np.int64)
        if not len(self.ids) or not len(wanted):
            return wanted[:0], self.codes[:0]
        at = np.minimum(np.searchsorted(self.ids, wanted), len(self.ids) - 1)
        held = self.ids[at] == wanted
        return wanted[held], self.codes[at[held]]

    def by_language(self, ids: np.ndarray) -> dict[str, np.ndarray]:
        """Those of the ids the catalogue holds, grouped by language (sorted within each)."""
        wanted, codes = self._held(np.unique(ids))
        return {self.names[code]: wanted[codes == code] for code in np.unique(codes).tolist()}

    def language_of(self, ids: Sequence[int]) -> dict[int, str]:
        """The language of each held id."""
        wanted, codes = self._held(ids)
        return {int(i): self.names[c] for i, c in zip(wanted, codes, strict=True)}

    def centres(self) -> dict[str, np.ndarray]:
        """Each language's centre, and '' for all passages together: the mean shrunk toward its prior."""
        if self._centres is None:
            counts = self.counts()
            zero = np.zeros(self.dimension)
            groups = [("", len(self.ids), sum(self.sums.values(), zero))]
            groups += [(language, counts[language], self.sums[language]) for language in self.names]
            centres: dict[str, np.ndarray] = {}
            for language, count, summed in groups:
                prior = self.background.get(language, self.background.get("", zero))
                centre = (summed + CENTROID_PRIOR * prior) / (count + CENTROID_PRIOR)
                centres[language] = centre.astype(np.float32)
            self._centres = centres
        return self._centres

    def save(self, folder: Path, generation: int) -> None:
        """Write the catalogue of a generation atomically."""
        path = folder / f"{CATALOGUE_PREFIX}{generation}.npz"
        tmp = folder / f"{CATALOGUE_PREFIX}{generation}.tmp.npz"
        arrays: dict[str, Any] = {f"sum_{k}": v for k, v in self.sums.items()}
        arrays.update({f"background_{k}": v for k, v in self.background.items()})
        arrays.update(ids=self.ids, codes=self.codes, names=np.asarray(self.names, dtype=str))
        arrays.update(sources=self.facts.sources, starts=self.facts.starts, ends=self.facts.ends)
        arrays.update(source_names=np.asarray(self.facts.names, dtype=str))
        np.savez(tmp, **arrays)
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, path)

    @classmethod
    def load(cls, path: Path, dimension: int) -> Catalogue:
        """Read a catalogue written by save()."""
        try:
            with np.load(path) as data:
                sums = {k.removeprefix("sum_"): data[k] for k in data.files if k.startswith("sum_")}
                background = {
                    k.removeprefix("background_"): data[k] for k in data.files if k.startswith("background_")
                }
                ids, codes, names = data["ids"], data["codes"], [str(n) for n in data["names"]]
                facts = FactColumns(
                    data["sources"], data["starts"], data["ends"], [str(n) for n in data["source_names"]]
                )
        except (OSError, ValueError, KeyError) as exc:
            raise IndexCorruptError(f"cannot read the vector catalogue {path}: {exc}") from exc
        if any(len(v) != dimension for v in [*sums.values(), *background.values()]):
            raise IndexCorruptError(f"the vector catalogue {path} is not {dimension}-dimensional")
        return cls(dimension, background, ids.astype(np.int64), codes.astype(np.int16), names, sums, facts)


class VectorIndex:
    """Centred dense search over a store; its ids are the SQLite chunk row ids."""

    def __init__(self, store: VectorStore, catalogue: Catalogue) -> None:
        self.store = store
        self.catalogue = catalogue
        self.dimension = catalogue.dimension

    def centre(self, language: str) -> np.ndarray:
        """The centre subtracted from a passage in `language` (the overall one for a language not indexed)."""
        centres = self.catalogue.centres()
        return centres.get(language, centres[""])

    def background_of(self, language: str) -> np.ndarray:
        """The mean vector of background text in `language` (of all background text for another language).

        Unlike the centres it does not depend on the corpus, so similarity above it means the same in every
        index: it is what relevance is.
        """
        background = self.catalogue.background
        return background.get(language, background.get("", np.zeros(self.dimension, dtype=np.float32)))

    def ids(self) -> np.ndarray:
        """The chunk ids the index holds."""
        return self.catalogue.ids

    def __len__(self) -> int:
        return len(self.catalogue.ids)

    def search(
        self, vector: np.ndarray, k: int, allowed: np.ndarray | None = None
    ) -> list[tuple[int, float]]:
        """The k best chunk ids with their centred scores, optionally only among `allowed` ids."""
        if k <= 0 or not len(self) or (allowed is not None and allowed.size == 0):
            return []
        query = np.asarray(vector, dtype=np.float32)
        # Each partition is given only its own language's allowed ids: a filter of a million ids is
        # split once per question instead of being turned into a selector for every language.
        groups = None if allowed is None else self.catalogue.by_language(allowed)
        found: list[tuple[int, float]] = []
        for language in self.catalogue.sums if groups is None else groups:
            subset = None if groups is None else groups[language]
            shift = float(self.centre(language) @ query)
            found += [(i, s - shift) for i, s in self.store.search(query, k, language, subset)]
        found.sort(key=lambda pair: pair[1], reverse=True)
        return found[:k]

    def vectors_of(self, ids: Sequence[int]) -> dict[int, np.ndarray]:
        """The centred vectors of those chunk ids the index holds."""
        languages = self.catalogue.language_of(ids)
        raw = self.store.vectors([i for i in ids if int(i) in languages])
        return {i: v - self.centre(languages[i]) for i, v in raw.items()}

    # --- changes (on a fork) ---------------------------------------------------

    def fork(self) -> VectorIndex:
        """An index to change while this one is still searched."""
        return VectorIndex(self.store.fork(), self.catalogue.copy())

    def add(self, ids: np.ndarray, vectors: np.ndarray, facts: Sequence[ChunkFact]) -> None:
        """Add raw vectors of chunks with their articles' facts (language, source, dates)."""
        tags = np.asarray([fact.language for fact in facts], dtype=object)
        for language in sorted(set(tags.tolist())):
            rows = tags == language
            self.store.add(ids[rows], vectors[rows], language)
        self.catalogue.add(ids, vectors, facts)

    def remove(self, ids: np.ndarray) -> None:
        """Remove chunks' vectors."""
        if len(ids):
            self.catalogue.remove(ids, self.store.vectors(ids.tolist()))
            self.store.remove(ids)

    def persist(self, folder: Path, generation: int) -> None:
        """Make the store durable as that generation's, then its catalogue (readers look for the latter)."""
        self.store.persist(generation)
        self.catalogue.save(folder, generation)
        self.store.prune()  # only now: until the catalogue is saved, the previous state is the current one
