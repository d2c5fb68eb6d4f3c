"""Claim attribution in Dutch: speakers, cues, stances and contents of reported speech."""

from __future__ import annotations

import pytest

from tests.unit.claim_helpers import claims_in, one, span_of


def test_quote_with_inverted_speaker_and_apposition() -> None:
    text = '"Samen met de verdedigers zullen we standhouden", zei de leider van Nagorno-Karabach, Arayik Harutyunyan.'
    [claim] = claims_in(text)
    assert claim.speaker == "de leider van Nagorno-Karabach, Arayik Harutyunyan"
    assert claim.speaker_name == "Arayik Harutyunyan"
    assert (claim.cue, claim.stance, claim.quoted) == ("zei", "statement", True)
    assert claim.content == "Samen met de verdedigers zullen we standhouden"
    assert (claim.content_start, claim.content_end) == (1, 47)
    assert (claim.start, claim.end) == (0, len(text))


def test_aldus_with_a_bare_role_resolved_to_the_name_seen_earlier() -> None:
    text = "Premier Mark Rutte sprak de pers toe. “De feiten liegen niet”, aldus de premier."
    claim = one(claims_in(text), cue="aldus")
    assert (claim.speaker, claim.speaker_name, claim.stance) == ("de premier", "Mark Rutte", "statement")
    assert claim.content == "De feiten liegen niet" and claim.quoted
    assert (claim.start, claim.end) == span_of(text, "“De feiten liegen niet”, aldus de premier.")


def test_quote_after_a_colon_and_its_continuation() -> None:
    text = "Minister Hugo de Jonge zei: „We willen het virus raken.” “We moeten strenger zijn.”"
    first, second = claims_in(text)
    assert (first.speaker, first.speaker_name, first.cue) == (
        "Minister Hugo de Jonge",
        "Hugo de Jonge",
        "zei",
    )
    assert first.content == "We willen het virus raken." and first.quoted
    assert second.content == "We moeten strenger zijn." and second.quoted
    assert second.speaker == first.speaker and second.start == first.start and second.end == len(text)


def test_indirect_speech_in_verb_second_order_with_an_adverb() -> None:
    text = (
        "Zaterdag meldde de Azerbeidzjaanse president Ilham Aliyev opnieuw dat in Nagorno-Karabach meer "
        "grondgebied zou zijn veroverd, waaronder Shushi."
    )
    [claim] = claims_in(text)
    assert claim.speaker == "de Azerbeidzjaanse president Ilham Aliyev"
    assert (claim.speaker_name, claim.cue, claim.stance, claim.quoted) == (
        "Ilham Aliyev",
        "meldde",
        "statement",
        False,
    )
    assert claim.content == "in Nagorno-Karabach meer grondgebied zou zijn veroverd, waaronder Shushi"
    assert (claim.content_start, claim.content_end) == span_of(text, claim.content)
    assert (claim.start, claim.end) == (0, len(text))


@pytest.mark.parametrize(
    ("verb", "cue", "stance"),
    [
        ("zei", "zei", "statement"),
        ("meldde", "meldde", "statement"),
        ("verklaarde", "verklaarde", "statement"),
        ("stelde", "stelde", "statement"),
        ("liet weten", "liet weten", "statement"),
        ("beweerde", "beweerde", "claim"),
        ("ontkende", "ontkende", "denial"),
        ("erkende", "erkende", "admission"),
        ("waarschuwde", "waarschuwde", "warning"),
        ("kondigde aan", "kondigde aan", "announcement"),
        ("gaf vrijdag toe", "gaf … toe", "admission"),
        ("heeft eerder verklaard", "heeft … verklaard", "statement"),
    ],
)
def test_dutch_cue_verbs_and_their_stances(verb: str, cue: str, stance: str) -> None:
    text = f"De Kiesraad {verb} dat de uitslag vaststaat."
    [claim] = claims_in(text)
    assert (claim.speaker, claim.speaker_name) == ("De Kiesraad", "Kiesraad")
    assert (claim.cue, claim.stance, claim.content) == (cue, stance, "de uitslag vaststaat")


def test_volgens_at_the_start_and_inside_a_clause() -> None:
    text = (
        "Volgens de Azerbeidzjaanse autoriteiten werd een woonwijk getroffen. "
        "Ook Stepanakert werd volgens de plaatselijke autoriteiten beschoten."
    )
    first, second = claims_in(text)
    assert (first.speaker, first.speaker_name) == (
        "de Azerbeidzjaanse autoriteiten",
        "Azerbeidzjaanse autoriteiten",
    )
    assert (first.cue, first.stance, first.content) == ("Volgens", "statement", "werd een woonwijk getroffen")
    assert second.speaker == "de plaatselijke autoriteiten" and second.cue == "volgens"
    assert second.content == "Ook Stepanakert werd volgens de plaatselijke autoriteiten beschoten"


def test_accusation_keeps_the_accused() -> None:
    text = "Het ministerie van Defensie in Bakoe beschuldigde Armenië ervan te hebben geschoten op Azerbeidzjaanse steden."
    [claim] = claims_in(text)
    assert (claim.speaker, claim.speaker_name) == (
        "Het ministerie van Defensie in Bakoe",
        "ministerie van Defensie in Bakoe",
    )
    assert (claim.cue, claim.stance) == ("beschuldigde", "accusation")
    assert claim.content == "Armenië ervan te hebben geschoten op Azerbeidzjaanse steden"


def test_accusation_in_verb_second_order_separates_accuser_and_accused() -> None:
    [claim] = claims_in("Zondag beschuldigde Azerbeidzjan Armenië van een raketaanval op Ganja.")
    assert (claim.speaker, claim.stance) == ("Azerbeidzjan", "accusation")
    assert claim.content == "Armenië van een raketaanval op Ganja"


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        (
            "Maar verovering van de stad wordt ontkend door de autoriteiten in Nagorno-Karabach.",
            "wordt ontkend door",
        ),
        (
            "Maar verovering van de stad wordt door de autoriteiten in Nagorno-Karabach ontkend.",
            "wordt door … ontkend",
        ),
    ],
)
def test_passive_denial(sentence: str, cue: str) -> None:
    [claim] = claims_in(sentence)
    assert (claim.speaker, claim.speaker_name) == (
        "de autoriteiten in Nagorno-Karabach",
        "autoriteiten in Nagorno-Karabach",
    )
    assert (claim.cue, claim.stance, claim.content) == (cue, "denial", "verovering van de stad")
    assert (claim.content_start, claim.content_end) == span_of(sentence, "verovering van de stad")


def test_trailing_pronoun_resolves_to_the_subject_of_the_sentence() -> None:
    text = (
        'De Turkse president Recep Tayyip Erdogan zag Azerbeidzjan kort voor een mogelijke "overwinning" '
        "staan, zei hij na een telefoontje met Aliyev."
    )
    [claim] = claims_in(text)
    assert claim.speaker == "De Turkse president Recep Tayyip Erdogan"
    assert (claim.speaker_name, claim.cue, claim.quoted) == ("Recep Tayyip Erdogan", "zei", False)
    assert claim.content == (
        'De Turkse president Recep Tayyip Erdogan zag Azerbeidzjan kort voor een mogelijke "overwinning" staan'
    )


def test_pronoun_resolves_to_the_speaker_of_an_earlier_sentence_and_surnames_expand() -> None:
    text = (
        "Premier Mark Rutte hield een persconferentie. “Het is zwaar”, zei hij. "
        "Rutte ontkende dat hij de naam had genoemd. Volgens hem ging het om iets anders."
    )
    quote, denial, volgens = claims_in(text)
    assert (quote.speaker, quote.speaker_name, quote.content) == (
        "Premier Mark Rutte",
        "Mark Rutte",
        "Het is zwaar",
    )
    assert (denial.speaker, denial.speaker_name, denial.stance) == ("Rutte", "Mark Rutte", "denial")
    assert denial.content == "hij de naam had genoemd"
    assert (volgens.speaker, volgens.speaker_name, volgens.content) == (
        "Rutte",
        "Mark Rutte",
        "ging het om iets anders",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Het kabinet vergaderde de hele nacht. “Het is zwaar”, zei hij.",  # the subject is not a person
        "Het regende in Den Haag. Hij zei dat het zwaar was.",  # nobody to refer to
        "Er wordt gezegd dat de stad is gevallen.",
        "Dat zei de stad niet.",
        "De man die gisteren met zijn hond in de trein naar Amsterdam zat zei dat het koud was.",
        "Hij zei niet dat de stad was gevallen.",
    ],
)
def test_no_claim_without_a_clear_speaker(text: str) -> None:
    assert claims_in(text) == []


def test_denial_of_dat_refers_back_to_the_claim_before() -> None:
    text = "Het ministerie van Defensie in Bakoe stelde dat er vanaf Armeens grondgebied was gevuurd. Jerevan ontkende dat."
    statement, denial = claims_in(text)
    assert (denial.speaker, denial.cue, denial.stance) == ("Jerevan", "ontkende", "denial")
    assert denial.content == statement.content == "er vanaf Armeens grondgebied was gevuurd"
    assert (denial.start, denial.end) == (0, len(text))


def test_dat_opening_a_sentence_attributes_the_sentence_before() -> None:
    text = (
        "Nederland gaat in een gedeeltelijke lockdown. "
        "Dat hebben premier Mark Rutte en minister Hugo de Jonge dinsdagavond bekendgemaakt."
    )
    [claim] = claims_in(text)
    assert claim.speaker == "premier Mark Rutte en minister Hugo de Jonge"
    assert (claim.speaker_name, claim.cue, claim.stance) == (
        "Mark Rutte en Hugo de Jonge",
        "hebben … bekendgemaakt",
        "announcement",
    )
    assert claim.content == "Nederland gaat in een gedeeltelijke lockdown"
    assert (claim.start, claim.end) == (0, len(text))


def test_coordinated_claims_share_the_subject() -> None:
    text = "Omtzigt sprak van een “geweldig resultaat” en zei dat NSC zijn verantwoordelijkheid zal nemen."
    spoke, said = claims_in(text)
    assert spoke.content == "een “geweldig resultaat”" and spoke.cue == "sprak"
    assert (said.speaker, said.cue, said.content) == (
        "Omtzigt",
        "zei",
        "NSC zijn verantwoordelijkheid zal nemen",
    )


def test_sentences_the_splitter_joined_are_separated() -> None:
    text = (
        "Zelensky beschuldigde Rusland van de aanval. Het Russische ministerie van Defensie wees de "
        "beschuldigingen van de hand. Alle video's zijn volgens het ministerie nep."
    )
    accusation, denial, volgens = claims_in(text)
    assert accusation.stance == "accusation"
    assert (denial.cue, denial.content) == ("wees … van de hand", accusation.content)
    assert accusation.content == "Rusland van de aanval"
    assert volgens.content == "Alle video's zijn volgens het ministerie nep"
    assert volgens.start == text.index("Alle")


@pytest.mark.parametrize(
    ("text", "cue", "stance", "content"),
    [
        ("De rebellengroep eiste de aanslag op.", "eiste … op", "claim", "de aanslag"),
        ("De premier eiste dat de troepen vertrekken.", "eiste", "statement", "de troepen vertrekken"),
        (
            "De president kondigde drie dagen nationale rouw af.",
            "kondigde … af",
            "announcement",
            "drie dagen nationale rouw",
        ),
        (
            "De minister noemde het besluit een vergissing.",
            "noemde",
            "statement",
            "het besluit een vergissing",
        ),
        (
            "De minister vreesde dat de onderhandelingen zouden mislukken.",
            "vreesde",
            "warning",
            "de onderhandelingen zouden mislukken",
        ),
        (
            "De verdachte bekende dat hij het geld had gestolen.",
            "bekende",
            "admission",
            "hij het geld had gestolen",
        ),
        (
            "De oppositie bekritiseerde de nieuwe begroting.",
            "bekritiseerde",
            "accusation",
            "de nieuwe begroting",
        ),
    ],
)
def test_dutch_cues_with_an_object_or_a_that_clause(text: str, cue: str, stance: str, content: str) -> None:
    [claim] = claims_in(text)
    assert (claim.cue, claim.stance, claim.content) == (cue, stance, content)
