"""Claim attribution: speakers, cues, stances and contents of reported speech in Dutch and English."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.claims import extract_claims
from index.parsing import collect_files, parse_file
from index.records import Article, Claim
from tests.conftest import DEMO_CORPUS, shared_path

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


def make_article(text: str, language: str = "nl") -> Article:
    return Article(id="a1", title="Titel", text=text, date="2020-11", language=language)


def claims_in(text: str, language: str = "nl") -> list[Claim]:
    article = make_article(text, language)
    claims = extract_claims(article)
    for claim in claims:
        assert_consistent(article, claim)
    return claims


def assert_consistent(article: Article, claim: Claim) -> None:
    assert article.text[claim.content_start : claim.content_end] == claim.content
    assert claim.start <= claim.content_start <= claim.content_end <= claim.end
    assert claim.content and claim.content == claim.content.strip()
    assert (
        claim.article_id == article.id and claim.date == article.date and claim.language == article.language
    )


def one(claims: list[Claim], **fields: object) -> Claim:
    """The single claim whose fields have the given values."""
    found = [c for c in claims if all(getattr(c, k) == v for k, v in fields.items())]
    assert len(found) == 1, f"{len(found)} claims match {fields}: {claims}"
    return found[0]


def span_of(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


# --- Dutch --------------------------------------------------------------------------------------------


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


# --- English ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "speaker", "cue", "content"),
    [
        (
            '"We will never give up," said the Kremlin spokesman Dmitry Peskov.',
            "the Kremlin spokesman Dmitry Peskov",
            "said",
            "We will never give up",
        ),
        (
            "“It's not protest. It's insurrection,” Joe Biden said.",
            "Joe Biden",
            "said",
            "It's not protest. It's insurrection",
        ),
        (
            'Mitch McConnell said: "Congress will not be intimidated."',
            "Mitch McConnell",
            "said",
            "Congress will not be intimidated.",
        ),
        (
            "Tedros told reporters in Geneva, ‘We regret the decision.’",
            "Tedros",
            "told",
            "We regret the decision.",
        ),
    ],
)
def test_english_direct_quotes(text: str, speaker: str, cue: str, content: str) -> None:
    [claim] = claims_in(text, "en")
    assert (claim.speaker, claim.cue, claim.stance, claim.content, claim.quoted) == (
        speaker,
        cue,
        "statement",
        content,
        True,
    )


@pytest.mark.parametrize(
    ("verb", "stance"),
    [
        ("said that", "statement"),
        ("said", "statement"),
        ("claimed that", "claim"),
        ("insisted that", "claim"),
        ("denied that", "denial"),
        ("announced that", "announcement"),
        ("warned that", "warning"),
        ("admitted that", "admission"),
        ("has repeatedly said that", "statement"),
    ],
)
def test_english_indirect_speech(verb: str, stance: str) -> None:
    text = f"Russia's defence ministry {verb} the civilian population was not under threat."
    [claim] = claims_in(text, "en")
    assert (claim.speaker, claim.speaker_name, claim.stance) == (
        "Russia's defence ministry",
        "Russia's defence ministry",
        stance,
    )
    assert claim.cue == verb.removesuffix(" that").split()[-1]
    assert claim.content == "the civilian population was not under threat"


def test_english_according_to_and_later_adverb() -> None:
    text = (
        "According to the Armenian government, more than 65,000 people had crossed into Armenia. "
        "The Kremlin spokesman Dmitry Peskov later said that the case would be dropped."
    )
    according, said = claims_in(text, "en")
    assert (according.speaker, according.cue, according.stance) == (
        "the Armenian government",
        "According to",
        "statement",
    )
    assert according.content == "more than 65,000 people had crossed into Armenia"
    assert (said.speaker, said.speaker_name, said.content) == (
        "The Kremlin spokesman Dmitry Peskov",
        "Dmitry Peskov",
        "the case would be dropped",
    )


def test_english_accusation_passive_and_back_referring_denials() -> None:
    text = (
        "Armenia's prime minister Nikol Pashinyan accused Azerbaijan of carrying out ethnic cleansing. "
        "Azerbaijani officials denied the accusation. "
        "The claim was also rejected by the Azerbaijani foreign ministry."
    )
    accusation, denial, passive = claims_in(text, "en")
    assert (accusation.speaker_name, accusation.cue, accusation.stance) == (
        "Nikol Pashinyan",
        "accused",
        "accusation",
    )
    assert accusation.content == "Azerbaijan of carrying out ethnic cleansing"
    assert (denial.speaker, denial.stance, denial.content) == (
        "Azerbaijani officials",
        "denial",
        accusation.content,
    )
    assert denial.start == accusation.start
    assert (passive.speaker, passive.cue, passive.stance) == (
        "the Azerbaijani foreign ministry",
        "was also rejected by",
        "denial",
    )
    assert passive.content == "The claim"


def test_english_split_quote_initials_and_appositive_source() -> None:
    text = (
        '"On behalf of the Court," wrote Chief Justice John G. Roberts, "I am saddened to report his death." '
        "According to the El Paso mayor, Dee Margo, during the weekend, police were investigating a manifesto. "
        "The claim was denied by Irma Tchkadua, the lawyer of Basilashvili."
    )
    quote, according, passive = claims_in(text, "en")
    assert (quote.speaker, quote.speaker_name, quote.cue) == (
        "Chief Justice John G. Roberts",
        "John G. Roberts",
        "wrote",
    )
    assert quote.content == "I am saddened to report his death." and quote.quoted
    assert (according.speaker, according.speaker_name) == ("the El Paso mayor, Dee Margo", "Dee Margo")
    assert according.content == "police were investigating a manifesto"
    assert (passive.speaker, passive.speaker_name) == (
        "Irma Tchkadua, the lawyer of Basilashvili",
        "Irma Tchkadua",
    )
    assert (passive.cue, passive.stance, passive.content) == ("was denied by", "denial", "The claim")


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


def test_english_pronouns() -> None:
    text = (
        "Jens Stoltenberg welcomed the decision. “Mark is a true transatlanticist,” he said. "
        "The EBU said in a statement that no drug use had taken place. It said the matter was closed. "
        "The rain kept falling. He said it would stop."
    )
    quote, ebu, it = claims_in(text, "en")
    assert (quote.speaker, quote.content) == ("Jens Stoltenberg", "Mark is a true transatlanticist")
    assert (ebu.speaker, ebu.speaker_name, ebu.content) == ("The EBU", "EBU", "no drug use had taken place")
    assert (it.speaker, it.content) == ("The EBU", "the matter was closed")


# --- The seed article and the demo corpus ---------------------------------------------------------------


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
