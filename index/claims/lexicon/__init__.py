"""The claim extractor's lexicon: the Dutch and English word lists combined into the tables the rules use."""

from __future__ import annotations

import re

from index.claims.lexicon import en, nl
from index.claims.lexicon.base import Verb, asked_forms, cue_table, stance_table, words
from index.records import Stance

# Name particles of other languages, met in articles of both: "Ursula von der Leyen", "Omar al-Bashir".
_FOREIGN_PARTICLES = "von al bin ibn bint da di du la le dos del"
# Those that may follow a name of several words: "Mohammad bin Salman", "Crown Prince Mohammad bin Salman".
_PATRONYMICS = "bin ibn bint"
_FOREIGN_CAP_PARTICLES = "Von"

# Cue verbs: every reading of a form, those with a particle first.
VERBS: dict[str, tuple[Verb, ...]] = cue_table(nl.CUES + en.CUES)
PARTICIPLE_CUES: dict[str, tuple[Verb, ...]] = cue_table(en.PARTICIPLE_CUES)
CITE_VERBS = words(en.CITE_VERBS)
ZERO_THAT = words(en.ZERO_THAT)
ZERO_THAT_STARTERS = words(en.ZERO_THAT_STARTERS)
OBJECT_STARTERS = words(en.ZERO_THAT_STARTERS, en.OBJECT_STARTERS, nl.OBJECT_STARTERS)
TRAILING = words(nl.TRAILING, en.TRAILING)
INVERTED_TRAILING = words(en.INVERTED_TRAILING)
PARTICIPLES: dict[str, Stance] = stance_table(nl.PARTICIPLES)
PERFECT_AUX = words(nl.PERFECT_AUX)
OBJECT_PARTICIPLES = words(nl.OBJECT_PARTICIPLES)
PASSIVE: dict[str, Stance] = stance_table(nl.PASSIVE + en.PASSIVE)
PASSIVE_AUX = words(nl.PASSIVE_AUX, en.PASSIVE_AUX)
AGENT = words(nl.AGENT, en.AGENT)
COMPLEMENTIZERS = words(nl.COMPLEMENTIZERS, en.COMPLEMENTIZERS)
ACCUSE_LINKS = words(nl.ACCUSE_LINKS, en.ACCUSE_LINKS)
ING_TAIL = re.compile(en.ING_TAIL)
# The cue forms questions use too, with their stance.
ASKED_CUES: dict[str, Stance] = asked_forms(
    [(forms, verb.stance) for forms, verb in nl.CUES + en.CUES] + nl.PARTICIPLES
)

PERSON_NOUNS = words(nl.PERSON_NOUNS, en.PERSON_NOUNS)
GROUP_NOUNS = words(nl.GROUP_NOUNS, en.GROUP_NOUNS)
ORG_NOUNS = words(nl.ORG_NOUNS, en.ORG_NOUNS)
PLACE_NOUNS = words(nl.PLACE_NOUNS, en.PLACE_NOUNS)
QUANTITIES = words(nl.QUANTITIES, en.QUANTITIES)
NOT_ALONE = words(en.NOT_ALONE)
COMPOUND_HEADS: dict[str, str] = {head: kind for heads, kind in nl.COMPOUND_HEADS for head in heads.split()}
NOT_COMPOUNDS = words(nl.NOT_COMPOUNDS)

DETERMINERS = words(nl.DETERMINERS, en.DETERMINERS)
ARTICLES = words(nl.ARTICLES, en.ARTICLES)
# Pronoun -> the kinds of referent it may stand for.
PRONOUNS: dict[str, frozenset[str]] = {
    pronoun: words(kinds) for pronouns, kinds in nl.PRONOUNS + en.PRONOUNS for pronoun in pronouns.split()
}
PARTICLES = words(nl.NAME_PARTICLES, _FOREIGN_PARTICLES)
PATRONYMICS = words(_PATRONYMICS)
CAP_PARTICLES = words(nl.CAP_PARTICLES, _FOREIGN_CAP_PARTICLES)
NUMBERS = words(nl.NUMBERS, en.NUMBERS)
MONTHS = words(nl.MONTHS, en.MONTHS)
DAY_PARTS = words(en.DAY_PARTS)
DAY = re.compile(f"{nl.DAY}|{en.DAY}")
STOP = words(nl.STOP, en.STOP)
ADVERBS = words(nl.ADVERBS, en.ADVERBS)
PREPOSITIONS = words(nl.PREPOSITIONS, en.PREPOSITIONS)
# Between a speaker and the cue: "Peskov later said", "protesters have accused".
PRE_CUE = ADVERBS | words(en.PRE_CUE_AUX)
NEGATIONS = words(nl.NEGATIONS, en.NEGATIONS)
PP_LINKS = words(nl.PP_LINKS, en.PP_LINKS)
TIME_SHIFTS = words(nl.TIME_SHIFTS, en.TIME_SHIFTS)
RELATIVES = words(nl.RELATIVES, en.RELATIVES)
WHAT_RELATIVES = words(nl.WHAT_RELATIVES, en.WHAT_RELATIVES)
OBJECT_RELATIVES = words(en.OBJECT_RELATIVES)
MODALS = words(en.MODALS)
DOCUMENTS = words(nl.DOCUMENTS, en.DOCUMENTS)
AGENTS_OF = words(nl.AGENTS_OF, en.AGENTS_OF)
INFINITIVE_MARKERS = words(nl.INFINITIVE_MARKERS, en.INFINITIVE_MARKERS)
PARTICLE_LINKS = words(nl.PARTICLE_LINKS)
CONJUNCTIONS = words(nl.CONJUNCTIONS, en.CONJUNCTIONS)
SUBORDINATORS = words(nl.SUBORDINATORS, en.SUBORDINATORS)
FRONT_STARTERS = PREPOSITIONS | ADVERBS | words(nl.FRONT_STARTERS, en.FRONT_STARTERS)
TIME_NOUNS = words(nl.TIME_NOUNS, en.TIME_NOUNS)
TAIL_STARTERS = PREPOSITIONS | ADVERBS | words(nl.TAIL_STARTERS, en.TAIL_STARTERS)
DEMONSTRATIVES = words(nl.DEMONSTRATIVES, en.DEMONSTRATIVES)
ACCUSATION_WORDS = words(nl.ACCUSATION_WORDS, en.ACCUSATION_WORDS)
ORG_WORDS = words(nl.ORG_WORDS, en.ORG_WORDS)
TRIM_WORDS = words(nl.TRIM_WORDS, en.TRIM_WORDS)
