"""The English words of the claim extractor's lexicon: cue verbs, speaker nouns and function words."""

from __future__ import annotations

from index.claims.lexicon.base import SAY, CueRow, StanceRow, Verb

# Cue verbs by reading; "*" marks a form that questions use too ("who denied", "what did X say").
CUES: list[CueRow] = [
    (
        "said* says* say* stated* wrote writes added adds stressed stresses noted notes explained explains",
        SAY,
    ),
    ("emphasised emphasized tweeted tweets revealed reveals concluded concludes indicated indicates", SAY),
    ("suggested suggests commented responded replied continued reacted ruled rules estimated estimates", SAY),
    ("read reads", SAY),
    ("reported* confirmed confirms", Verb("statement", "object")),
    (
        "demanded demands urged urges encouraged encourages advised advises condemned condemns",
        Verb("statement", "object"),
    ),
    ("told* tells", Verb("statement", "say", takes_object=True)),
    # Before the claim row: "claimed responsibility for the attack".
    ("claimed claims", Verb("claim", "prep", "responsibility for")),
    ("called calls", Verb("statement", "call")),
    ("described describes", Verb("statement", "describe")),
    (
        "claimed* claims* claim* insisted* insists alleged alleges maintained argued argues predicted",
        Verb("claim", "say"),
    ),
    ("questioned questions", Verb("claim", "object")),
    ("accepted accepts took takes", Verb("admission", "prep", "responsibility for")),
    ("warned warns", Verb("warning", "prep", "of")),
    ("warned warns", Verb("warning", "prep", "against")),
    ("credited credits", Verb("statement", "object")),
    ("praised praises", Verb("statement", "say", takes_object=True)),
    (
        "denied* denies* deny* rejected* rejects dismissed* dismisses contradicted disputed disputes",
        Verb("denial", "deny"),
    ),
    ("accused* accuses* accuse* blamed* blames", Verb("accusation", "accuse")),
    ("criticised criticized criticises criticizes", Verb("accusation", "object")),
    ("announced* announces*", Verb("announcement", "object")),
    ("declared declares promised promises", Verb("announcement", "say")),
    ("warned* warns* cautioned cautions", Verb("warning", "say", takes_object=True)),
    ("threatened threatens", Verb("warning", "object")),
    ("admitted* admits* acknowledged* acknowledges conceded* concedes", Verb("admission", "object")),
]
# Participles after a comma, with the speaker of the clause they follow: "…, adding that …".
PARTICIPLE_CUES: list[CueRow] = [
    ("adding saying noting stating explaining stressing writing speaking", SAY),
    ("claiming alleging insisting arguing", Verb("claim", "say")),
    ("warning cautioning", Verb("warning", "say", takes_object=True)),
    ("accusing blaming", Verb("accusation", "accuse")),
    ("denying rejecting dismissing", Verb("denial", "deny")),
    ("calling", Verb("statement", "call")),
    ("urging asking", Verb("statement", "object")),
    ("announcing", Verb("announcement", "object")),
    ("admitting acknowledging", Verb("admission", "object")),
]
# Who quotes whom: "The BBC cited X as saying …".
CITE_VERBS = "cited cites quoted quotes"
# Cues whose that-clause may go without "that": "He said there were 118,000 cases."
ZERO_THAT = (
    "said says say told wrote added claimed claims insisted argued stated stressed noted explained tweeted "
    "reported confirmed announced alleged revealed concluded suggested indicated warned cautioned admitted "
    "acknowledged maintained predicted adding saying noting stating explaining stressing writing claiming "
    "alleging insisting arguing warning cautioning"
)
# Words that may open such a bare that-clause even though they are stop words.
ZERO_THAT_STARTERS = (
    "the a an its his her their he she it they there we one two three four five six seven eight nine ten "
    "this these those no"
)
# Besides those, what may open an object a cue reports: "announced his resignation", "admitted his guilt".
OBJECT_STARTERS = "his her its their our no all any some several more"
# Cues that may follow their content: "…, Peskov said."
TRAILING = (
    "said says wrote added told stated insisted claimed warned stressed explained announced reported "
    "confirmed noted tweeted continued"
)
# Few cues come before their speaker: '"…," said the spokesman.' ("told X" has an object there).
INVERTED_TRAILING = "said says added wrote tweeted"
# The passive with an agent: "was denied by X".
PASSIVE: list[StanceRow] = [
    ("denied disputed rejected contradicted dismissed", "denial"),
    ("claimed", "claim"),
    ("confirmed reported", "statement"),
    ("announced", "announcement"),
]
PASSIVE_AUX = "is was are were been"
AGENT = "by"
COMPLEMENTIZERS = "that"
ACCUSE_LINKS = "of for that"
# An ', …ing' tail ends a clause: "…, calling the claims …".
ING_TAIL = r"^(?!according$|during$)[a-z]+ing$"

# Heads of speaker phrases: people by their role, groups, and organisations.
PERSON_NOUNS = (
    "spokesman spokeswoman spokesperson secretary leader chief head director-general director chairman "
    "chairwoman chair mayor judge justice prosecutor lawyer attorney general adviser advisor governor senator "
    "congressman congresswoman councillor chancellor ambassador envoy diplomat commander officer official "
    "sheriff commissioner inspector superintendent detective sergeant lieutenant captain colonel constable "
    "deputy marshal king queen "
    "pope singer founder analyst expert researcher scientist professor historian economist author writer "
    "archaeologist counterpart president-elect speaker coach manager publicist representative rapporteur suspect "
    "driver pilot witness victim survivor resident doctor teacher student owner worker employee soldier "
    "fiancée fiancé partner activist ceo executive artist host coroner "
    "wife husband widow mother father son daughter brother sister mr mrs ms dr prof sir dame lord lady"
)
GROUP_NOUNS = (
    "officials authorities critics sources insiders analysts diplomats researchers scientists protesters "
    "demonstrators residents witnesses leaders lawmakers senators officers investigators prosecutors lawyers "
    "doctors countries governments allies organisers organizers parents farmers voters members republicans "
    "democrats viewers observers activists reporters journalists associates aides supporters relatives "
    "colleagues"
)
ORG_NOUNS = (
    "ministry government office administration opposition party committee commission council court police "
    "army military agency department service union organisation organization company group campaign regime "
    "parliament senate congress cabinet coalition alliance board tribunal embassy newspaper broadcaster firm "
    "airline authority institute foundation staff presidency press media family movement report study statement hospital website network team"
)
PLACE_NOUNS = "capital city region province country district"
# Quantities before 'of' that leave the head to the noun after it: "A number of Senators".
QUANTITIES = "number majority handful couple"
# Nouns that name no source without a determiner or modifier: "according to reports".
NOT_ALONE = "report reports statement study"

DETERMINERS = "the a an both his her its their all several dozens hundreds thousands many some"
ARTICLES = "the a an"
# Pronouns with the kinds of referent they may stand for.
PRONOUNS: list[tuple[str, str]] = [
    ("he him", "person"),
    ("she her", "person"),
    ("they them", "group org"),
    ("it", "org unknown"),  # only for the previous sentence's speaker
]
# Month names: stop words for names, but words of a time phrase ("in late June").
NUMBERS = "one two three four five six seven eight nine ten"
MONTHS = "january february march april may june july august september october november december"
DAY_PARTS = "morning afternoon evening night"
DAY = r"^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)$"
# Function words, adverbs and time words: never part of a name.
STOP = (
    "well oh let one two three four five six seven eight nine ten "
    "the a an and or but this these those there he she it they i you him her them his its their our my "
    "your who whom whose what which when where why how if as because while although though since after before "
    "until unless so also however meanwhile then now still yet already on at by for from with without about "
    "into onto under between through during against among to off up down out are were be been being has "
    "have do does did will would can could shall should may might must not no yes today yesterday tomorrow "
    "tonight all both each every some many most few several other others another such asked according "
    "january february march june july august october november december hours days weeks months years"
)
ADVERBS = (
    "also again earlier previously then repeatedly still however firmly "
    "strongly flatly publicly explicitly categorically already once later immediately initially eventually "
    "recently officially yesterday today"
)
PREPOSITIONS = "at on to during after before with from for over via of"
# Between a speaker and the cue, besides adverbs: "protesters have accused".
PRE_CUE_AUX = "has have had"
NEGATIONS = "not no"
# Inside a prepositional phrase: "on behalf of the ministry".
PP_LINKS = "of"
# Before a time noun or a day: "last week".
TIME_SHIFTS = "last this next"
# Relative pronouns that may open a speaker's clause: "Toronto Police, which indicated …".
RELATIVES = "who which"
# Relative pronouns that take up the clause before: "…, which he denied".
WHAT_RELATIVES = "which"
# What a relative clause's reported verb phrase may open with: "which he said would allow …".
OBJECT_RELATIVES = "which that what"
MODALS = "would will could can might may must should was were is are had has"
# What a source may speak through: "according to a statement by X".
DOCUMENTS = "statement report"
AGENTS_OF = "by from of"
# What opens an infinitive a cue reports: "told his supporters to go home".
INFINITIVE_MARKERS = "to"
CONJUNCTIONS = "but and also yet"
SUBORDINATORS = "when after because while although though as"
# Besides prepositions and adverbs, what may open the short front before a verb-second cue.
FRONT_STARTERS = "a"
TIME_NOUNS = "day month year hour"
# Besides prepositions and adverbs, what may follow a trailing attribution.
TAIL_STARTERS = "afterwards"
DEMONSTRATIVES = "it this that those these"
ACCUSATION_WORDS = "accusation accusations allegation allegations"
# Words that make a capitalised run an organisation or a place rather than a person's name.
ORG_WORDS = (
    # organisations and portfolios
    "ministry council union organization organisation party committee commission court office house agency "
    "service bureau "
    "group force forces army police department nations states kingdom republic bank fund airlines assembly "
    "parliament senate congress authority institute foundation contest corporation company conference "
    "legislature legislatures association federation network society league club shipmanagement "
    "broadcasting news times post press journal daily guard command staff contract state intelligence "
    "affairs security defence defense health justice interior finance homeland energy education treasury "
    "officer general "
    # places and buildings
    "university college school hospital church mosque stadium arena hall street road park river island "
    "islands mountain mountains forest square airport station bridge valley bay coast lake sea ocean county "
    "city province region district centre center strait canal mine north south east west northern southern "
    "eastern western central upper lower greater new san saint st los las"
)
# Conjunctions a trimmed content may not end in.
TRIM_WORDS = "and but while although because with"
