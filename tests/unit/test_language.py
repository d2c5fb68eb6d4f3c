"""Language detection: the identifier loads once however many threads ask for it, and detects the candidates."""

from __future__ import annotations

import threading

from index import language


def test_the_identifier_loads_once_when_a_background_load_and_questions_race() -> None:
    with language._LOADING:  # no load from an earlier test is under way while the cache is emptied
        language._loaded.cache_clear()
    language.load_in_background()
    found: list[str] = []
    threads = [
        threading.Thread(target=lambda t=text: found.append(language.detect_language(t)))
        for text in ["Wie heeft gezegd dat Shushi is ingenomen?", "Who said Shushi was captured?"] * 3
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(found) == ["en"] * 3 + ["nl"] * 3
    assert language._loaded.cache_info().misses == 1


def test_detected_languages_are_candidates() -> None:
    for text in ["Der Bundestag hat das Gesetz beschlossen.", "Le gouvernement a annoncé une réforme."]:
        assert language.detect_language(text) in language.CANDIDATES
