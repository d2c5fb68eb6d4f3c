"""Reciprocal rank fusion, keyword terms, and hybrid search over a small index."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from index.errors import InvalidQueryError
from index.keywords import document_terms, fts_match_expression, query_names, query_terms
from index.news_index import NewsIndex
from index.records import SearchFilters
from index.retrieve import keyword_fusion, reciprocal_rank_fusion


def test_fusion_rewards_agreement_between_rankings() -> None:
    fused = reciprocal_rank_fusion([[1, 2, 3], [3, 1, 4]], k=60)
    assert fused[1] == pytest.approx(1 / 61 + 1 / 62)
    assert fused[4] == pytest.approx(1 / 63)
    assert sorted(fused, key=fused.get, reverse=True) == [1, 3, 2, 4]


def test_fusion_of_nothing_is_empty() -> None:
    assert reciprocal_rank_fusion([[], []]) == {}


def test_query_terms_meet_document_stems_across_languages() -> None:
    stored = set(
        document_terms("Aliyev meldde dat Shushi was veroverd door Azerbeidzjaanse troepen", "nl").split()
    )
    asked = set(query_terms("Wie heeft Shushi veroverd?"))
    assert {"shushi", "veroverd"} <= stored & asked
    assert "armenie" in document_terms("Armenië", "nl")  # diacritics folded


def test_fts_expression_quotes_terms() -> None:
    assert fts_match_expression(['say "hi"', "x"]) == '"say ""hi""" OR "x"'


@pytest.fixture
def filled(news_index: NewsIndex, articles: Path) -> NewsIndex:
    report = news_index.ingest([articles])
    assert report.failed == 0
    return news_index


def test_hybrid_search_finds_by_name_and_carries_both_scores(filled: NewsIndex) -> None:
    top = filled.search("Who claimed Shushi was captured by Aliyev?", k=3)
    assert top[0].article_id.startswith("shushi-")
    assert top[0].dense_rank is not None and top[0].keyword_rank is not None
    assert top[0].text == filled.article(top[0].article_id).text[top[0].start : top[0].end]


def test_modes_use_one_side_only(filled: NewsIndex) -> None:
    keyword = filled.search("Suez canal tugboats", k=3, mode="keyword")
    assert keyword[0].article_id == "ever-given"
    assert all(p.dense_rank is None for p in keyword)
    dense = filled.search("Suez canal tugboats", k=3, mode="dense")
    assert all(p.keyword_rank is None for p in dense)


def test_search_embeds_the_question_once(filled: NewsIndex, embedder) -> None:
    before = embedder.queries_embedded
    filled.search("Suez canal", k=2)
    assert embedder.queries_embedded == before + 1


def test_date_and_source_filters(filled: NewsIndex) -> None:
    in_2021 = filled.search("stad schip Capitol", k=10, filters=SearchFilters(since=date(2021, 1, 1)))
    assert {p.article_id for p in in_2021} == {"ever-given", "capitol"}
    november = SearchFilters(
        since=date(2020, 11, 5), until=date(2020, 11, 6)
    )  # inside the month-dated article
    assert {p.date for p in filled.search("Shushi", k=10, filters=november)} == {"2020-11"}
    wire = filled.search("Shushi", k=10, filters=SearchFilters(sources=["example wire"]))
    assert {p.source for p in wire} == {"Example Wire"}
    assert filled.search("Shushi", k=5, filters=SearchFilters(until=date(2000, 1, 1))) == []


def test_bad_queries_are_typed_errors(filled: NewsIndex) -> None:
    with pytest.raises(InvalidQueryError):
        filled.search("   ")
    with pytest.raises(InvalidQueryError):
        filled.search("x", k=0)
    with pytest.raises(ValueError, match="since"):
        SearchFilters(since=date(2021, 1, 2), until=date(2021, 1, 1))


def test_keyword_fusion_weighs_normalised_scores() -> None:
    scores = {1: 0.90, 2: 0.80, 3: 0.70}
    keyword = {3: 12.0, 2: 2.0}
    fused = keyword_fusion(scores, keyword, weight=0.2)
    assert fused[1] == pytest.approx(0.8)  # best score, no keyword match
    assert fused[2] == pytest.approx(0.8 * 0.5 + 0.0)  # lowest keyword score normalises to 0
    assert fused[3] == pytest.approx(0.2)
    assert keyword_fusion(scores, {}, 0.2)[1] == pytest.approx(0.8)


def test_a_strong_keyword_match_can_overtake_a_close_one() -> None:
    fused = keyword_fusion({1: 0.85, 2: 0.84, 3: 0.60}, {2: 9.0, 3: 1.0}, weight=0.2)
    assert max(fused, key=fused.get) == 2


def test_passages_are_rescored_by_their_best_sentence(filled: NewsIndex) -> None:
    top = filled.search("The canal authority said tugboats were working", k=3)
    assert top[0].article_id == "ever-given"
    assert top[0].score != top[0].dense_score  # mixed with the best sentence's similarity
    plain = filled.search("The canal authority said tugboats were working", k=3, mode="dense")
    assert plain[0].score == plain[0].dense_score


def test_keyword_evidence_counts_only_in_the_questions_language(filled: NewsIndex) -> None:
    question = "The canal authority said tugboats were working to free it"
    fused = filled.search(question, k=3)
    assert fused[0].language == "en" and fused[0].keyword_rank is not None
    filled.retriever.config = filled.retriever.config.model_copy(update={"keyword_weight": 0.0})
    plain = filled.search(question, k=3)
    assert [p.score for p in fused] != [p.score for p in plain]  # English question, English best: it counts
    dutch = filled.search("Het kanaal werd geblokkeerd door het schip Ever Given", k=3)
    filled.retriever.config = filled.retriever.config.model_copy(update={"keyword_weight": 0.3})
    dutch_fused = filled.search("Het kanaal werd geblokkeerd door het schip Ever Given", k=3)
    assert dutch[0].language == "en"  # the best passage is English: keyword evidence is left out
    assert [p.score for p in dutch] == [p.score for p in dutch_fused]


def test_keyword_only_candidates_get_their_cosine(filled: NewsIndex) -> None:
    top = filled.search("tugboats", k=3)
    assert all(p.dense_score is not None for p in top)


def test_rrf_fusion_is_selectable(filled: NewsIndex) -> None:
    filled.retriever.config = filled.retriever.config.model_copy(update={"fusion": "rrf"})
    top = filled.search("Suez canal tugboats", k=2)
    assert top[0].article_id == "ever-given"
    assert top[0].score == pytest.approx(
        sum(1 / (60 + r) for r in (top[0].dense_rank, top[0].keyword_rank) if r)
    )


def test_query_names_are_names_numbers_and_acronyms_not_sentence_openers() -> None:
    assert query_names("Who claimed Shushi was captured? And who denied it?") == ["Shushi"]
    assert query_names("Hoeveel zetels kreeg de PVV in 2023?") == ["PVV", "2023"]
