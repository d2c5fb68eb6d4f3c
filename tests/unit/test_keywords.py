"""Keyword terms: stems per language, the same whichever thread computes them."""

from __future__ import annotations

import random
import threading
from concurrent.futures import ThreadPoolExecutor

from index.keywords import _stemmer, document_terms, stem


def test_stems_fold_diacritics_and_case() -> None:
    assert stem("Armenië", "nl") == stem("armenie", "nl")
    assert stem("Running", "en") == "run"
    assert stem("Zürich", "xx") == "zurich"  # no stemmer for the language: folded only


def test_concurrent_threads_get_the_same_terms_as_one_thread() -> None:
    words = [
        "veroverd",
        "ontkende",
        "beschuldigde",
        "autoriteiten",
        "raketvuur",
        "verdedigers",
        "luchtalarmen",
        "gespannen",
    ]
    words += ["shot", "captured", "denied", "accused", "authorities", "rockets", "defenders", "tensions"]
    rng = random.Random(7)
    texts = [" ".join(rng.choices(words, k=40)) + f" {n}" for n in range(400)]
    expected = [document_terms(t, "nl" if i % 2 else "en") for i, t in enumerate(texts)]
    stem.cache_clear()  # make every thread call its stemmer, not the shared cache

    with ThreadPoolExecutor(max_workers=8) as pool:
        found = list(
            pool.map(lambda it: document_terms(it[1], "nl" if it[0] % 2 else "en"), enumerate(texts))
        )

    assert found == expected


def test_each_thread_has_its_own_stemmer() -> None:
    barrier = threading.Barrier(2)

    def stemmer_of_this_thread(_: int) -> object:
        found = _stemmer("nl")
        barrier.wait(timeout=5)  # both threads (and so both stemmers) are alive at once
        return found

    with ThreadPoolExecutor(max_workers=2) as pool:
        first, second = pool.map(stemmer_of_this_thread, range(2))
    assert first is not None and first is not second
