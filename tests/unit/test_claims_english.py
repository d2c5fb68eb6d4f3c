"""Claim attribution in English: speakers, cues, stances and contents of reported speech."""

from __future__ import annotations

import pytest

from tests.unit.claim_helpers import claims_in


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


@pytest.mark.parametrize(
    ("text", "cue", "content", "quoted"),
    [
        (
            "The mayor said on Friday he would not resign.",
            "said",
            "he would not resign",
            False,
        ),
        ("The mayor said Monday the bridge would reopen.", "said", "the bridge would reopen", False),
        (
            'The mayor said on Friday "We will rebuild the bridge."',
            "said",
            "We will rebuild the bridge.",
            True,
        ),
        (
            "The mayor told The Washington Post he had no regrets.",
            "told",
            "he had no regrets",
            False,
        ),
        ("The mayor told reporters the city was safe.", "told", "the city was safe", False),
    ],
)
def test_english_cue_followed_by_a_time_or_a_listener(
    text: str, cue: str, content: str, quoted: bool
) -> None:
    [claim] = claims_in(text, "en")
    assert (claim.speaker, claim.cue, claim.content, claim.quoted) == ("The mayor", cue, content, quoted)


@pytest.mark.parametrize(
    ("text", "cue", "stance", "content"),
    [
        (
            "The space agency announced the death of its founder.",
            "announced",
            "announcement",
            "the death of its founder",
        ),
        ("The ministry confirmed two arrests.", "confirmed", "statement", "two arrests"),
        (
            "The suspect admitted his guilt in three robberies.",
            "admitted",
            "admission",
            "his guilt in three robberies",
        ),
        (
            "The chancellor demanded an explanation from Moscow.",
            "demanded",
            "statement",
            "an explanation from Moscow",
        ),
        (
            "The senator called for an inquiry into the deal.",
            "called",
            "statement",
            "an inquiry into the deal",
        ),
        ('The senator called the deal "a disgrace".', "called", "statement", 'the deal "a disgrace"'),
    ],
)
def test_english_cues_that_report_an_object(text: str, cue: str, stance: str, content: str) -> None:
    [claim] = claims_in(text, "en")
    assert (claim.cue, claim.stance, claim.content) == (cue, stance, content)


@pytest.mark.parametrize(
    "text",
    [
        'He specialised in a technique, a process called "exfiltration."',
        "They posed as a film crew working on a movie called Argo.",
        "The senator called the police.",
        "According to reports, the bridge was closed.",
        "Border implications were described as a mandate, saying the talks would end.",
        "The army reportedly sent new troops to the border.",
    ],
)
def test_english_non_attributions_stay_unextracted(text: str) -> None:
    assert claims_in(text, "en") == []
