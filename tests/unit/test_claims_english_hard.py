"""Claim attribution in English, harder sentences: speakers with modifiers, participles, asides and objects."""

from __future__ import annotations

from tests.unit.claim_helpers import claims_in


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
