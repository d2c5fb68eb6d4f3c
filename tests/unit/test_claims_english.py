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


def test_english_speakers_with_post_modifiers_and_particle_names() -> None:
    text = (
        "Al Jazeera reported that the minister was stable. "
        "Jan Smit, a spokesperson for the National Police, confirmed that two men were arrested."
    )
    reported, confirmed = claims_in(text, "en")
    assert (reported.speaker, reported.content) == ("Al Jazeera", "the minister was stable")
    assert (confirmed.speaker_name, confirmed.content) == ("Jan Smit", "two men were arrested")


def test_english_participles_take_the_speaker_of_their_clause() -> None:
    text = (
        "The minister said the talks had failed, adding that new talks would start in May. "
        "The senator filed a complaint on Monday, accusing the company of fraud. "
        "The ferry sank near the coast, with some local media claiming it was overloaded."
    )
    said, adding, accusing, claiming = claims_in(text, "en")
    assert (said.content, adding.speaker, adding.cue) == ("the talks had failed", "The minister", "adding")
    assert adding.content == "new talks would start in May"
    assert (accusing.speaker, accusing.stance, accusing.content) == (
        "The senator",
        "accusation",
        "the company of fraud",
    )
    assert (claiming.speaker, claiming.stance, claiming.content) == (
        "some local media",
        "claim",
        "it was overloaded",
    )


def test_english_cited_as_saying_and_responsibility() -> None:
    text = (
        "The BBC cited Jan Smit, chief of the national police, as saying the suspects were armed. "
        "The rebel group claimed responsibility for the attack."
    )
    cited, claimed = claims_in(text, "en")
    assert (cited.speaker_name, cited.cue, cited.content) == (
        "Jan Smit",
        "cited … as saying",
        "the suspects were armed",
    )
    assert (claimed.speaker, claimed.stance, claimed.content) == ("The rebel group", "claim", "the attack")


def test_english_split_quote_of_two_statements_is_two_claims() -> None:
    text = (
        '"I informed the adviser last night that his services are no longer needed here," wrote the '
        'president on Twitter, "and I asked him for his resignation."'
    )
    first, second = claims_in(text, "en")
    assert first.content == "I informed the adviser last night that his services are no longer needed here"
    assert second.content == "and I asked him for his resignation."
    assert first.speaker == second.speaker == "the president"


def test_english_time_before_the_cue_and_an_opening_participle() -> None:
    text = (
        "Mayor Jan Smit on Tuesday suggested a broader inquiry may be required. "
        'Speaking to reporters, he said, "We owe it to the families."'
    )
    suggested, said = claims_in(text, "en")
    assert (suggested.speaker_name, suggested.content) == ("Jan Smit", "a broader inquiry may be required")
    assert (said.speaker_name, said.content) == ("Jan Smit", "We owe it to the families.")


def test_english_quantity_before_the_speaker() -> None:
    [claim] = claims_in("A number of senators condemned the decision of the regulator.", "en")
    assert (claim.speaker, claim.cue, claim.content) == (
        "A number of senators",
        "condemned",
        "the decision of the regulator",
    )


def test_english_speaker_before_an_aside_or_a_relative_clause() -> None:
    text = (
        "Jan Smit, a lawyer from Leeds who had followed the case, cautioned justice would take time. "
        "The city police, which said on Monday a decision was near, declined to comment. "
        "Crown Prince Mohammad bin Salman said the matter was closed."
    )
    cautioned, relative, patronymic = claims_in(text, "en")
    assert (cautioned.speaker_name, cautioned.stance, cautioned.content) == (
        "Jan Smit",
        "warning",
        "justice would take time",
    )
    assert (relative.speaker, relative.content) == ("The city police", "a decision was near")
    assert patronymic.speaker_name == "Crown Prince Mohammad bin Salman"


def test_english_which_takes_up_the_clause_before() -> None:
    [claim] = claims_in("The army shelled the village on Sunday, which the ministry denied.", "en")
    assert (claim.speaker, claim.cue, claim.stance) == ("the ministry", "denied", "denial")
    assert claim.content == "The army shelled the village on Sunday"


def test_english_object_ends_at_a_comma() -> None:
    [claim] = claims_in(
        "The president threatened the licence renewal before, after the network refused his ads.", "en"
    )
    assert (claim.stance, claim.content) == ("warning", "the licence renewal before")


def test_english_relative_clause_reporting_a_verb_phrase() -> None:
    text = "The governor declared an emergency, which she said would free funds for the flooded towns."
    [claim] = claims_in("Governor Anna Berg spoke. " + text, "en")
    assert (claim.speaker_name, claim.cue, claim.content) == (
        "Anna Berg",
        "said",
        "would free funds for the flooded towns",
    )


def test_english_sources_behind_a_statement_an_initial_and_as() -> None:
    text = (
        "The visit went ahead, according to a statement by the Ministry of Health. "
        "The adviser John R. Baker resigned. "
        'Baker disagreed, also writing on Twitter: "I offered to resign first." '
        "The channel stayed on air, as the network claims the order did not cover it."
    )
    according, wrote, claims = claims_in(text, "en")
    assert (according.speaker, according.content) == ("the Ministry of Health", "The visit went ahead")
    assert (wrote.speaker_name, wrote.cue, wrote.content) == (
        "John R. Baker",
        "writing",
        "I offered to resign first.",
    )
    assert (claims.speaker, claims.stance, claims.content) == (
        "the network",
        "claim",
        "the order did not cover it",
    )


def test_english_listener_then_a_comma() -> None:
    text = "The driver told reporters he lost control, with some witnesses claiming he was speeding."
    told, claiming = claims_in(text, "en")
    assert (told.speaker, told.content) == ("The driver", "he lost control")
    assert (claiming.speaker, claiming.content) == ("some witnesses", "he was speeding")


def test_english_parenthetical_attribution_and_what_he_called() -> None:
    text = (
        "Mayor Anna Berg opened the bridge. The repairs, she said, would take two more years. "
        "She announced what she called a “new start” for the harbour."
    )
    parenthetical, called = claims_in(text, "en")
    assert (parenthetical.speaker_name, parenthetical.content) == (
        "Anna Berg",
        "The repairs, she said, would take two more years",
    )
    assert (called.speaker_name, called.cue, called.content) == (
        "Anna Berg",
        "called",
        "a “new start” for the harbour",
    )


def test_english_told_someone_to_do_something() -> None:
    [claim] = claims_in("The mayor told residents to stay indoors.", "en")
    assert (claim.speaker, claim.cue, claim.content) == ("The mayor", "told", "residents to stay indoors")


def test_english_quote_without_a_comma_before_an_inverted_cue() -> None:
    text = '"We owe the rescuers everything" tweeted the Mayor of London Anna Berg (no relation).'
    [claim] = claims_in(text, "en")
    assert (claim.speaker_name, claim.cue, claim.content) == (
        "Anna Berg",
        "tweeted",
        "We owe the rescuers everything",
    )


def test_english_infinitives_numbers_acronyms_and_months() -> None:
    text = (
        "The army claimed to have killed about 2,300 soldiers. "
        "WHO said they were uncertain about the incubation period. "
        "The inspector stated to the CBC in late June that prices had risen. "
        "The roads were closed; the fuel, officials said, had spilled."
    )
    claimed, who, stated, spilled = claims_in(text, "en")
    assert (claimed.stance, claimed.content) == ("claim", "to have killed about 2,300 soldiers")
    assert (who.speaker, who.content) == ("WHO", "they were uncertain about the incubation period")
    assert stated.content == "prices had risen"
    assert (spilled.speaker, spilled.content) == ("officials", "the fuel, officials said, had spilled")


def test_english_warned_of() -> None:
    [claim] = claims_in("The agency warned of a second wave in the autumn.", "en")
    assert (claim.stance, claim.content) == ("warning", "a second wave in the autumn")


def test_english_infinitive_objects_rulings_and_passive_quotes() -> None:
    text = (
        "The union threatened to strike if wages were not raised. "
        "The court ruled that the law was unconstitutional. "
        "The minister, speaking in Brussels, said the union would respond. "
        "He was quoted by Reuters as saying the deal was dead."
    )
    threatened, ruled, speaking, quoted = claims_in(text, "en")
    assert (threatened.stance, threatened.content) == ("warning", "to strike if wages were not raised")
    assert (ruled.speaker, ruled.content) == ("The court", "the law was unconstitutional")
    assert (speaking.speaker, speaking.content) == ("The minister", "the union would respond")
    assert (quoted.speaker, quoted.cue, quoted.content) == (
        "The minister",
        "was quoted … as saying",
        "the deal was dead",
    )


def test_english_which_with_more_after_the_cue_is_no_back_reference() -> None:
    text = "The act was passed in 1867, which the court later ruled to be unconstitutional."
    assert claims_in(text, "en") == []


def test_english_described_as_read_estimated_and_an_age() -> None:
    text = (
        'The senator described the plan as "a disaster". '
        'The statement read: "We are deeply saddened." '
        "The coroner estimated that the victim died on Sunday. "
        "The suspect, 45, said he was innocent."
    )
    described, read, estimated, age = claims_in(text, "en")
    assert (described.cue, described.content) == ("described", 'the plan as "a disaster"')
    assert (read.speaker, read.content) == ("The statement", "We are deeply saddened.")
    assert (estimated.speaker, estimated.content) == ("The coroner", "the victim died on Sunday")
    assert (age.speaker, age.content) == ("The suspect", "he was innocent")


def test_english_called_without_a_quote_or_described_without_as_is_nothing() -> None:
    text = "The agency called the election for the governor. The report described the camp."
    assert claims_in(text, "en") == []
