"""Claims in whole articles: the seed article, the demo corpus, other languages, order and determinism."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.claims import extract_claims
from index.parsing import collect_files, parse_file
from index.records import Article
from tests.conftest import DEMO_CORPUS, shared_path
from tests.unit.claim_helpers import assert_consistent, make_article, one

PRONOUNS = {"hij", "zij", "ze", "hem", "haar", "hen", "he", "she", "him", "her", "it", "they", "them", "men"}
STOP_WORDS = {
    "dat",
    "het",
    "er",
    "maar",
    "de",
    "een",
    "en",
    "die",
    "dit",
    "the",
    "a",
    "that",
    "this",
    "but",
    "and",
}
DATE_WORDS = {
    "zaterdag",
    "zondag",
    "maandag",
    "vrijdag",
    "saturday",
    "sunday",
    "monday",
    "friday",
    "yesterday",
}


def seed_article() -> Article:
    [article] = parse_file(shared_path("corpus", "seed", "000_5eaa09fb5c84d4a0.txt"))
    assert isinstance(article, Article)
    return article


def test_seed_article() -> None:
    article = seed_article()
    claims = extract_claims(article)
    for claim in claims:
        assert_consistent(article, claim)
    aliyev = one(claims, speaker_name="Ilham Aliyev")
    assert (aliyev.cue, aliyev.stance) == ("meldde", "statement") and "Shushi" in aliyev.content
    denial = one(claims, stance="denial")
    assert (denial.speaker, denial.cue, denial.content) == (
        "de autoriteiten in Nagorno-Karabach",
        "wordt ontkend door",
        "verovering van de stad",
    )
    accusation = one(claims, stance="accusation")
    assert accusation.speaker == "Het ministerie van Defensie in Bakoe" and accusation.content.startswith(
        "Armenië"
    )
    quote = one(claims, speaker_name="Arayik Harutyunyan")
    assert quote.quoted and quote.content.startswith("Samen met de verdedigers van ons vaderland")
    erdogan = one(claims, speaker_name="Recep Tayyip Erdogan")
    assert (erdogan.speaker, erdogan.cue) == ("De Turkse president Recep Tayyip Erdogan", "zei")
    assert article.text[erdogan.start : erdogan.end].endswith("zei hij na een telefoontje met Aliyev.")


def demo_articles() -> list[Article]:
    articles = [a for path in collect_files([DEMO_CORPUS]) for a in parse_file(path)]
    assert all(isinstance(a, Article) for a in articles)
    return [a for a in articles if isinstance(a, Article)]


def test_demo_corpus_claims_are_consistent_everywhere() -> None:
    articles = demo_articles()
    assert len(articles) == 24
    for article in articles:
        claims = extract_claims(article)
        assert claims, f"no claims in {article.id}"
        for claim in claims:
            assert_consistent(article, claim)
            assert article.text[claim.start : claim.end].strip() == article.text[claim.start : claim.end]
            first = claim.speaker.split()[0].lower()
            assert claim.speaker.lower() not in PRONOUNS | STOP_WORDS | DATE_WORDS, claim
            assert first not in PRONOUNS and first not in DATE_WORDS, claim
            assert len(claim.speaker.split()) <= 20 and claim.speaker_name, claim  # two coordinated phrases


DEMO_EXPECTED = [
    # (article id prefix, speaker_name, cue, stance, a piece of the content)
    ("2020-10-11-bestand-karabach", "Jerevan", "ontkende", "denial", "vanaf Armeens grondgebied was gevuurd"),
    (
        "2020-10-11-bestand-karabach",
        "Shushan Stepanyan",
        "deed … af",
        "denial",
        "de Azerbeidzjaanse berichten",
    ),
    (
        "2020-10-13-gedeeltelijke-lockdown",
        "Mark Rutte",
        "gaf toe",
        "admission",
        "de maatregelen “pijn gaan doen”",
    ),
    (
        "2020-11-shushi",
        "autoriteiten van Nagorno-Karabach",
        "spraken … tegen",
        "denial",
        "de stad is volgens hen niet gevallen",
    ),
    ("2021-03-29-ever-given-vlot", "Osama Rabie", "trok … in twijfel", "denial", "motorpech uitsluit"),
    ("2021-04-02-motie-rutte", "Mark Rutte", "hield … vol", "claim", "hij niet had gelogen"),
    ("2022-04-04-boetsja", "Moskou", "ontkent", "denial", "elke betrokkenheid"),
    (
        "2023-06-06-dam-kachovka",
        "Kremlin",
        "wees … af",
        "denial",
        "de dam van binnenuit te hebben opgeblazen",
    ),
    (
        "2023-07-08-kabinet-rutte-iv-gevallen",
        "Mark Rutte",
        "bestreed",
        "denial",
        "de vier partijen gezamenlijk",
    ),
    ("2023-11-23-pvv-grootste", "Frans Timmermans", "zei", "statement", "Nu breekt het moment aan"),
    ("2021-05-24-eurovision-rotterdam", "Damiano David", "denied", "denial", "he had been taking cocaine"),
    (
        "demo-en-2022-02-ukraine-invasion",
        "Ukrainian officials",
        "contradicted",
        "denial",
        "the civilian population was not under threat",
    ),
    ("demo-en-2023-09-karabakh-exodus", "Azerbaijani officials", "denied", "denial", "ethnic cleansing"),
    ("2023-06-24-wagner-mutiny", "Russia's defence ministry", "denied", "denial", "it had attacked Wagner"),
    ("demo-en-2020-04-who-funding", "Donald Trump", "claimed", "claim", "“failed in its basic duty”"),
    (
        "2024-06-26-nato-rutte",
        "Jens Stoltenberg",
        "said",
        "statement",
        "I know I am leaving NATO in good hands.",
    ),
]


@pytest.mark.parametrize(("prefix", "name", "cue", "stance", "piece"), DEMO_EXPECTED)
def test_demo_corpus_expected_claims(prefix: str, name: str, cue: str, stance: str, piece: str) -> None:
    [article] = [a for a in demo_articles() if a.id.startswith(prefix)]
    claims = [
        c for c in extract_claims(article) if c.speaker_name == name and c.cue == cue and c.stance == stance
    ]
    assert any(piece in c.content for c in claims), [c.content for c in extract_claims(article)]


def test_other_languages_yield_nothing() -> None:
    assert extract_claims(make_article("Der Minister sagte, dass es regnet.", "de")) == []


def test_claims_are_sorted_and_deterministic(tmp_path: Path) -> None:
    article = next(a for a in demo_articles() if a.id.startswith("2020-10-13"))
    first, second = extract_claims(article), extract_claims(article)
    assert first == second
    assert [c.start for c in first] == sorted(c.start for c in first)
