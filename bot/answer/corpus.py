"""What answering needs from the index, as a Protocol: the answer code sees the corpus only through it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np

from index.records import Passage, PassageSentence, SearchFilters, SearchMode, StoredClaim, TermStatistics


class Corpus(Protocol):
    """Search, the sentences and claims of passages, term statistics and language centres of an index."""

    def search(
        self,
        query: str,
        k: int = 5,
        filters: SearchFilters | None = None,
        mode: SearchMode = "hybrid",
        query_vector: np.ndarray | None = None,
    ) -> list[Passage]:
        """The k best passages for a query (pass `query_vector` when it is already embedded)."""
        ...

    def embed_query(self, text: str) -> np.ndarray:
        """The question-side vector of a text."""
        ...

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Passage-side vectors of texts (claim contents, sentences under their title), cached."""
        ...

    def sentences(self, passages: Sequence[Passage]) -> list[PassageSentence]:
        """Every distinct sentence of the passages, in passage order, each with its vector."""
        ...

    def claims_within(self, spans: Sequence[tuple[str, int, int]]) -> list[StoredClaim]:
        """Claims whose sentence overlaps one of the (article id, start, end) spans."""
        ...

    def search_claims(self, text: str, limit: int, filters: SearchFilters | None = None) -> list[StoredClaim]:
        """Claims whose speaker or content share words with `text`, best first."""
        ...

    def term_statistics(self, terms: Sequence[str]) -> TermStatistics:
        """How many passages hold each keyword term, and how many passages there are."""
        ...

    def centre(self, language: str) -> np.ndarray:
        """The centre subtracted from passages in `language` before dense search."""
        ...

    def background(self, language: str) -> np.ndarray:
        """The mean vector of everyday news text in `language`: the zero point of relevance."""
        ...

    def newest_date(self, filters: SearchFilters | None = None) -> str | None:
        """The latest date any stored article (passing the filters' sources and publication dates) covers."""
        ...
