"""Claim attribution in Dutch, harder sentences: long adverbials, word order and sentences around the cue."""

from __future__ import annotations

import pytest

from tests.unit.claim_helpers import claims_in


def test_dutch_cue_with_a_long_adverbial_and_an_adverb_in_front() -> None:
    text = (
        "Het persbureau meldde op basis van bronnen rond het onderzoek dat de man was gevlucht. "
        "Onlangs maakte de regering bekend dat er een nieuwe brug komt."
    )
    reported, announced = claims_in(text)
    assert (reported.speaker, reported.content) == ("Het persbureau", "de man was gevlucht")
    assert (announced.speaker, announced.cue, announced.content) == (
        "de regering",
        "maakte … bekend",
        "er een nieuwe brug komt",
    )


def test_a_quotation_over_several_sentences_is_one_claim() -> None:
    text = "De burgemeester schreef op Twitter: „De stad rouwt. De tol is zwaar. Mijn gedachten zijn bij de families.”"
    [claim] = claims_in(text)
    assert (claim.speaker, claim.cue, claim.quoted) == ("De burgemeester", "schreef", True)
    assert claim.content == "De stad rouwt. De tol is zwaar. Mijn gedachten zijn bij de families."


@pytest.mark.parametrize(
    "text",
    [
        "Het gebied wordt door de Verenigde Naties erkend als onderdeel van Azerbeidzjan.",
        "Het wordt een eerwraak genoemd.",
        "Het leger stuurt naar verluidt nieuwe troepen.",
    ],
)
def test_dutch_non_attributions_stay_unextracted(text: str) -> None:
    assert claims_in(text) == []


def test_a_quotation_after_an_indirect_claim_continues_its_speaker() -> None:
    text = (
        "Hij waarschuwde de regering dat de aanvallen zullen toenemen. „We hebben het recht terug te slaan.”"
    )
    warned, quote = claims_in("Jan Smit zei niets. " + text)[-2:]
    assert (warned.stance, warned.content) == ("warning", "de aanvallen zullen toenemen")
    assert (quote.speaker, quote.cue, quote.content) == (
        warned.speaker,
        warned.cue,
        "We hebben het recht terug te slaan.",
    )


def test_passive_with_a_dat_clause_or_an_adverbial_before_the_participle() -> None:
    text = (
        "Dat de verdachte is gearresteerd, werd bevestigd door de officier van justitie Anna de Vries. "
        "Zijn dood werd op televisie bekendgemaakt door de staatsomroep."
    )
    confirmed, announced = claims_in(text)
    assert (confirmed.speaker_name, confirmed.stance, confirmed.content) == (
        "Anna de Vries",
        "statement",
        "de verdachte is gearresteerd",
    )
    assert (announced.speaker, announced.cue, announced.stance, announced.content) == (
        "de staatsomroep",
        "werd op televisie bekendgemaakt door",
        "announcement",
        "Zijn dood",
    )


def test_wat_takes_up_the_clause_before_and_the_last_clause_subject_is_the_referent() -> None:
    text = (
        "De zangeres werd vermoord; Jan Smit kreeg kritiek omdat hij haar kende. "
        "Later werd hij ervan beschuldigd tot de moord te hebben aangezet, wat hij ontkende."
    )
    [claim] = claims_in(text)
    assert (claim.speaker_name, claim.cue, claim.stance) == ("Jan Smit", "ontkende", "denial")
    assert claim.content == "Later werd hij ervan beschuldigd tot de moord te hebben aangezet"


def test_cue_with_a_te_infinitive() -> None:
    text = (
        "De minister zei diep geschokt te zijn en vertrok. "
        "Het Openbaar Ministerie laat weten het vonnis te bestuderen. "
        "Jan Smit sprak. Het kabinet, zei hij, is gevallen."
    )
    shocked, studying, parenthetical = claims_in(text)
    assert (shocked.speaker, shocked.content) == ("De minister", "diep geschokt te zijn")
    assert (studying.cue, studying.content) == ("laat weten", "het vonnis te bestuderen")
    assert (parenthetical.speaker_name, parenthetical.content) == (
        "Jan Smit",
        "Het kabinet, zei hij, is gevallen",
    )


@pytest.mark.parametrize(
    ("text", "cue", "stance", "content"),
    [
        ("Het bedrijf heeft elke betrokkenheid ontkend.", "heeft … ontkend", "denial", "elke betrokkenheid"),
        (
            "De politie heeft inmiddels bevestigd dat er twee doden zijn.",
            "heeft … bevestigd",
            "statement",
            "er twee doden zijn",
        ),
        (
            "De burgemeester reageerde geschokt: „Dit is verschrikkelijk.”",
            "reageerde",
            "statement",
            "Dit is verschrikkelijk.",
        ),
        (
            "„We zijn er klaar voor”, laat de club weten.",
            "laat … weten",
            "statement",
            "We zijn er klaar voor",
        ),
        (
            "De oppositie riep de premier op om af te treden.",
            "riep … op",
            "statement",
            "de premier op om af te treden",
        ),
        ("De minister waarschuwde voor een tweede golf.", "waarschuwde", "warning", "een tweede golf"),
        ("De vakbond dreigt met acties.", "dreigt", "warning", "acties"),
        ("Ook de oppositie uitte kritiek op het plan.", "uitte", "accusation", "het plan"),
        ("Zo zei de minister dat er geen geld meer is.", "zei", "statement", "er geen geld meer is"),
    ],
)
def test_dutch_perfect_objects_particles_and_prepositions(
    text: str, cue: str, stance: str, content: str
) -> None:
    [claim] = claims_in(text)
    assert (claim.cue, claim.stance, claim.content) == (cue, stance, content)
