"""Reading questions: language, who-said questions, and dates turned into filters."""

from __future__ import annotations

from datetime import date

import pytest

from bot.answer.question import asked_stance, dates_in_question, question_language, read_question
from index.records import SearchFilters

NEWEST = date(2024, 6, 26)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Who claimed Shushi was captured?", "en"),
        ("Wie beweerde dat Shushi was veroverd?", "nl"),
        ("Hoeveel zetels kreeg de PVV?", "nl"),
        ("How many seats did the PVV win?", "en"),
    ],
)
def test_question_language(text: str, language: str) -> None:
    assert question_language(text) == language


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("Who claimed Shushi was captured?", "claim"),
        ("Wie ontkende dat de stad was gevallen?", "denial"),
        ("Who accused Armenia of shelling?", "accusation"),
        ("Wat zei Rutte over de toeslagenaffaire?", "statement"),
        ("How many people live in Stepanakert?", None),
    ],
)
def test_asked_stance(text: str, stance: str | None) -> None:
    assert asked_stance(text) == stance


# Every word asked_stance recognised before the stance vocabulary was shared with the claim extractor.
SPEECH_WORDS = {
    "claim": "claim claims claimed claiming assert asserted insist insisted beweren beweert beweerde beweerden "
    "claimen claimt claimde claimden stellen stelt stelde",
    "denial": "deny denies denied denying reject rejected dismissed refuted ontkennen ontkent ontkende ontkenden "
    "ontkend tegengesproken weerlegde verwierp",
    "accusation": "accuse accuses accused accusing blame blamed beschuldigen beschuldigt beschuldigde "
    "beschuldigden verweet",
    "announcement": "announce announces announced aankondigen kondigde maakte bekend",
    "warning": "warn warns warned waarschuwen waarschuwt waarschuwde",
    "admission": "admit admits admitted acknowledged conceded erkennen erkent erkende gaf toe",
    "statement": "say says said saying tell told state stated report reported zeggen zegt zei zeiden melden "
    "meldt meldde verklaren verklaarde liet weten",
}
STRENGTH = ["denial", "accusation", "claim", "admission", "warning", "announcement", "statement"]


@pytest.mark.parametrize(("stance", "words"), SPEECH_WORDS.items())
def test_asked_stance_of_every_speech_word(stance: str, words: str) -> None:
    for word in words.split():
        assert asked_stance(f"Who {word} it?") == stance, word
        assert asked_stance(f"Wie {word.upper()} dat?") == stance, word


def test_asked_stance_takes_the_strongest_speech_word() -> None:
    for weaker in range(len(STRENGTH)):
        for stronger in range(weaker):
            for strong in SPEECH_WORDS[STRENGTH[stronger]].split():
                for weak in SPEECH_WORDS[STRENGTH[weaker]].split():
                    assert asked_stance(f"{weak} {strong}") == STRENGTH[stronger], (weak, strong)
                    assert asked_stance(f"{strong}, {weak}?") == STRENGTH[stronger], (strong, weak)


def test_who_and_what_said_questions_are_about_claims() -> None:
    assert read_question("Who claimed Shushi was captured?").about_claims
    assert read_question("What did Aliyev say about Shushi?").about_claims
    assert not read_question("When was the Ever Given freed?").about_claims
    assert not read_question("Who won Eurovision?").about_claims


def about(filters: SearchFilters) -> tuple[date | None, date | None]:
    """The period a question is about."""
    return filters.about_since, filters.about_until


def test_month_and_year_in_english_and_dutch() -> None:
    november = dates_in_question("Who claimed Shushi was captured in November 2020?", NEWEST)
    assert about(november) == (date(2020, 11, 1), date(2020, 11, 30))
    dutch = dates_in_question("Wat gebeurde er op 10 november 2020?", NEWEST)
    assert about(dutch) == (date(2020, 11, 10), date(2020, 11, 10))
    year = dates_in_question("Who won Eurovision in 2021?", NEWEST)
    assert about(year) == (date(2021, 1, 1), date(2021, 12, 31))
    assert (year.since, year.until) == (None, None)  # publication dates are the user's to set


def test_since_and_before() -> None:
    since = dates_in_question("Hoeveel zetels kreeg de PVV sinds 2022?", NEWEST)
    assert about(since) == (date(2022, 1, 1), None)
    before = dates_in_question("What happened before March 2021?", NEWEST)
    assert about(before) == (None, date(2021, 2, 28))


def test_relative_dates_count_from_today() -> None:
    week = dates_in_question("What happened last week?", NEWEST)
    assert about(week) == (date(2024, 6, 19), NEWEST)
    month = dates_in_question("Wat gebeurde er vorige maand?", NEWEST)
    assert about(month) == (date(2024, 5, 1), date(2024, 5, 31))
    year = dates_in_question("Wie won vorig jaar de verkiezingen?", date(2026, 12, 1))
    assert about(year) == (date(2025, 1, 1), date(2025, 12, 31))
    assert dates_in_question("What happened last week?", None).is_empty()


def test_no_dates_no_filters() -> None:
    assert dates_in_question("Who claimed Shushi was captured?", NEWEST).is_empty()
    assert dates_in_question("How many points did they score, 24 or 31?", NEWEST).is_empty()


def test_question_dates_keep_the_given_filters() -> None:
    given = SearchFilters(since=date(2020, 1, 1), sources=["Demo"])
    read = read_question("What happened in November 2020?", NEWEST, given)
    assert (read.filters.since, read.filters.sources) == (date(2020, 1, 1), ["Demo"])
    assert about(read.filters) == (date(2020, 11, 1), date(2020, 11, 30))
