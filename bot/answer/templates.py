"""The answer's own words in English and Dutch; quotes stay in the article's language."""

from __future__ import annotations

import re

from bot.records import Language
from bot.text import markdown_escape
from index.records import Stance

_PHRASES: dict[str, dict[Language, str]] = {
    "no_answer": {
        "en": "The articles don't say.",
        "nl": "Dat staat niet in de artikelen.",
    },
    "no_answer_period": {
        "en": "The articles {period} don't say.",
        "nl": "De artikelen {period} zeggen daar niets over.",
    },
    "related": {
        "en": "The closest passages are listed as related, not as an answer.",
        "nl": "De passages die er het dichtst bij komen staan hieronder, niet als antwoord.",
    },
    "quote": {
        "en": "“{quote}” [{n}]",
        "nl": "“{quote}” [{n}]",
    },
    "attributed": {
        "en": "{speaker} {verb} ({date}): “{content}” [{n}]",
        # A noun instead of a verb: Dutch verbs agree with the speaker ("de autoriteiten ontkenden").
        "nl": "{verb} {speaker} ({date}): “{content}” [{n}]",
    },
    # A speaker with no name, in another language than the answer: the role is quoted, not glued to a verb.
    "attributed_role": {
        "en": "{verb} *{speaker}* ({date}): “{content}” [{n}]",
        "nl": "{verb} *{speaker}* ({date}): “{content}” [{n}]",
    },
    "disputed": {
        "en": "This is disputed: {rest}",
        "nl": "Dit wordt betwist: {rest}",
    },
    "as_of": {
        "en": "(as of {date})",
        "nl": "(stand van {date})",
    },
    "undated": {"en": "undated", "nl": "zonder datum"},
    "period": {"en": "from {since} to {until}", "nl": "van {since} tot en met {until}"},
    "since": {"en": "since {since}", "nl": "sinds {since}"},
    "until": {"en": "up to {until}", "nl": "tot en met {until}"},
}

# How each stance is reported; every stance has a phrasing in both languages.
_VERBS: dict[Stance, dict[Language, str]] = {
    "statement": {"en": "said", "nl": "Volgens"},
    "claim": {"en": "claimed", "nl": "Bewering van"},
    "denial": {"en": "denied", "nl": "Ontkenning door"},
    "accusation": {"en": "accused", "nl": "Beschuldiging door"},
    "announcement": {"en": "announced", "nl": "Aankondiging van"},
    "warning": {"en": "warned", "nl": "Waarschuwing van"},
    "admission": {"en": "admitted", "nl": "Erkenning door"},
}


# In English, the same as a noun that opens a line about a speaker with no name ("A denial from *de
# autoriteiten*"); Dutch lines open with the noun phrase of _VERBS already.
_NOUNS_EN: dict[Stance, str] = {
    "statement": "A statement from",
    "claim": "A claim from",
    "denial": "A denial from",
    "accusation": "An accusation from",
    "announcement": "An announcement from",
    "warning": "A warning from",
    "admission": "An admission from",
}
_LEADING_ARTICLE = re.compile(r"^(De|Het|Een|The|A|An)\s")
_NAME_WORD = re.compile(r"^(?:[A-ZÀ-Ý][\w'’.-]*|van|de|der|den|ter|von|al|bin|el|la|le|du|da|dos|del)$")


def phrase(key: str, language: Language, **values: object) -> str:
    """A template filled in the answer's language."""
    return _PHRASES[key][language].format(**values)


def verb(stance: Stance, language: Language) -> str:
    """How a stance is reported in the answer's language: a verb in English, a leading noun phrase in Dutch."""
    return _VERBS.get(stance, _VERBS["statement"])[language]


def is_name(text: str) -> bool:
    """Whether a speaker's name reads as a proper name (capitalised words and name particles)."""
    words = text.split()
    return bool(words) and words[0][:1].isupper() and all(_NAME_WORD.match(w) for w in words)


def attributed(
    stance: Stance,
    speaker: str,
    name: str,
    same_language: bool,
    language: Language,
    **values: object,
) -> str:
    """One attributed line: the speaker's name in bold, the role as the article writes it, the cue and the quote.

    In the article's own language the speaker phrase is kept whole ("Interior Minister **Joachim
    Brudziński** said"); in the other language the name leads and the role follows in brackets ("**Ilham
    Aliyev** (*de Azerbeidzjaanse president*) claimed"), and a speaker with no name is quoted as a role
    after a noun ("A denial from *de autoriteiten in Nagorno-Karabach*").
    """
    named = is_name(name) and name in speaker
    speaker, name = markdown_escape(speaker), markdown_escape(name)
    values = {**values, "content": markdown_escape(str(values.get("content", "")))}
    if named and same_language:
        shown = speaker.replace(name, f"**{name}**", 1)
    elif named:
        role = speaker.replace(name, " ").strip(" ,;:-–—")
        role = " ".join(role.split())
        shown = f"**{name}**" + (f" (*{role}*)" if role else "")
    elif same_language:
        shown = speaker
    else:
        noun = _NOUNS_EN.get(stance, _NOUNS_EN["statement"]) if language == "en" else verb(stance, language)
        return phrase("attributed_role", language, verb=noun, speaker=speaker, **values)
    if language == "nl":
        shown = _LEADING_ARTICLE.sub(lambda m: m.group(1).lower() + " ", shown)
    else:
        shown = shown[:1].upper() + shown[1:]
    return phrase("attributed", language, speaker=shown, verb=verb(stance, language), **values)
