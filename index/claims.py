"""Claim attribution at ingest: who said, claimed, denied, announced or admitted what, found by rules.

No model is involved. Sentences come from index.sentences; speakers are noun phrases built from capitalised
names, name particles and a lexicon of roles, organisations and groups; cues come from lists of Dutch and
English speech verbs. Precision comes first: when the speaker of a sentence cannot be pinned down (an
unresolvable pronoun, a phrase without a noun-like head) the sentence yields no claim.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from index.records import Article, Claim, Stance
from index.sentences import Span, split_sentences

# ---------------------------------------------------------------------------------------------------------
# Lexicon

_MAX_SPEAKER_TOKENS = 14
_MAX_SPEAKER_CHARS = 110


class _Verb(NamedTuple):
    """One reading of a cue verb form: its stance, how its complement is found, and its particle."""

    stance: Stance
    frame: str  # say (dat/that, colon or quote) | deny (also an object) | accuse (object + of) | speak_of
    particle: str = ""  # the separable part that must follow: "weten", "toe", "naar buiten"
    takes_object: bool = False


def _words(text: str) -> frozenset[str]:
    """A word list written as one space-separated string."""
    return frozenset(text.split())


def _table(rows: list[tuple[str, _Verb]]) -> dict[str, tuple[_Verb, ...]]:
    """Index verb readings by form; readings with a particle are tried first."""
    table: dict[str, list[_Verb]] = {}
    for forms, verb in rows:
        for form in forms.split():
            table.setdefault(form, []).append(verb)
    return {form: tuple(sorted(verbs, key=lambda v: not v.particle)) for form, verbs in table.items()}


_SAY = _Verb("statement", "say")
_VERBS = _table(
    [
        ("zei zeiden zegt zeggen meldde meldden meldt melden verklaarde verklaarden verklaart", _SAY),
        ("stelde stelden stelt schreef schreven schrijft benadrukte benadrukten klaagde klaagden", _SAY),
        ("concludeerde concludeerden concludeert oordeelde oordeelden oordeelt", _SAY),
        ("verzekerde verzekerden verzekert", _Verb("statement", "say", takes_object=True)),
        ("liet lieten laat", _Verb("statement", "say", "weten")),
        ("bracht brachten brengt", _Verb("statement", "say", "naar buiten")),
        ("wees wezen wijst wijzen", _Verb("statement", "say", "erop")),
        ("merkte merkten merkt", _Verb("statement", "say", "op")),
        ("voegde voegden voegt", _Verb("statement", "say", "toe")),
        ("stelde stelden stelt", _Verb("statement", "say", "vast")),
        ("sprak spraken spreekt", _Verb("statement", "speak_of")),
        ("beweerde beweerden beweert claimde claimden claimt voorspelde voorspelden", _Verb("claim", "say")),
        ("betoogde betoogden betoogt", _Verb("claim", "say")),
        ("hield hielden houdt", _Verb("claim", "say", "vol")),
        ("ontkende ontkenden ontkent bestreed bestreden bestrijdt", _Verb("denial", "deny")),
        ("verwierp verwierpen verwerpt weersprak weerspraken weerspreekt", _Verb("denial", "deny")),
        ("sprak spraken spreekt", _Verb("denial", "deny", "tegen", True)),
        ("wees wezen wijst", _Verb("denial", "deny", "af", True)),
        ("wees wezen wijst", _Verb("denial", "deny", "van de hand", True)),
        ("deed deden doet", _Verb("denial", "deny", "af", True)),
        ("trok trokken trekt", _Verb("denial", "deny", "in twijfel", True)),
        (
            "beschuldigde beschuldigden beschuldigt beschuldigen verweet verweten verwijt",
            _Verb("accusation", "accuse"),
        ),
        ("kondigde kondigden kondigt", _Verb("announcement", "say", "aan")),
        ("maakte maakten maakt", _Verb("announcement", "say", "bekend")),
        ("beloofde beloofden belooft", _Verb("announcement", "say")),
        ("waarschuwde waarschuwden waarschuwt", _Verb("warning", "say", takes_object=True)),
        ("dreigde dreigden dreigt", _Verb("warning", "say")),
        ("erkende erkenden erkent", _Verb("admission", "say")),
        ("gaf gaven geeft", _Verb("admission", "say", "toe")),
        ("said says say stated wrote writes added adds stressed stresses noted notes explained", _SAY),
        ("emphasised emphasized reported confirmed confirms", _SAY),
        ("told tells", _Verb("statement", "say", takes_object=True)),
        (
            "claimed claims claim insisted insists alleged alleges maintained argued argues predicted",
            _Verb("claim", "say"),
        ),
        (
            "denied denies deny rejected rejects dismissed dismisses contradicted disputed disputes",
            _Verb("denial", "deny"),
        ),
        ("accused accuses accuse blamed blames", _Verb("accusation", "accuse")),
        ("announced announces declared declares promised promises", _Verb("announcement", "say")),
        ("warned warns threatened", _Verb("warning", "say", takes_object=True)),
        ("admitted admits acknowledged acknowledges conceded concedes", _Verb("admission", "say")),
    ]
)
# English cues whose that-clause may go without "that": "He said there were 118,000 cases."
_ZERO_THAT = _words("said says say told wrote added claimed claims insisted argued stated stressed")
# Cues that may follow their content: "“…”, zei hij." / "…, Peskov said."
_TRAILING = _words(
    "zei zeiden zegt zeggen schreef schreven schrijft verklaarde meldde stelde benadrukte beweerde "
    "waarschuwde said says wrote added told stated insisted claimed warned stressed explained "
    "announced"
)
# English puts few cues before their speaker: '"…," said the spokesman.' ("told X" has an object there).
_INVERTED_TRAILING = _words("said says added wrote")
# Dutch perfect tense: "heeft … verklaard dat".
_PARTICIPLES: dict[str, Stance] = {
    **dict.fromkeys(
        _words("gezegd gemeld verklaard gesteld vastgesteld geschreven benadrukt geconcludeerd"), "statement"
    ),
    **dict.fromkeys(_words("beweerd geclaimd volgehouden betoogd"), "claim"),
    **dict.fromkeys(_words("ontkend tegengesproken bestreden verworpen"), "denial"),
    **dict.fromkeys(_words("aangekondigd bekendgemaakt beloofd"), "announcement"),
    "gewaarschuwd": "warning",
    "erkend": "admission",
    "toegegeven": "admission",
}
_PERFECT_AUX = _words("heeft hebben had hadden")
# Passive with an agent: "wordt ontkend door X", "was denied by X".
_PASSIVE: dict[str, Stance] = {
    **dict.fromkeys(
        _words("ontkend tegengesproken betwist weersproken bestreden verworpen afgewezen"), "denial"
    ),
    **dict.fromkeys(_words("denied disputed rejected contradicted dismissed"), "denial"),
    **dict.fromkeys(_words("beweerd geclaimd claimed"), "claim"),
    **dict.fromkeys(_words("bevestigd gemeld confirmed reported"), "statement"),
    **dict.fromkeys(_words("aangekondigd bekendgemaakt announced"), "announcement"),
}
_PASSIVE_AUX = _words("wordt werd worden werden is was zijn waren are were been")
_AGENT = frozenset({"door", "by"})
_COMPLEMENTIZERS = frozenset({"dat", "that"})
_ACCUSE_LINKS = frozenset({"ervan", "van", "of", "for", "dat", "that"})

# Heads of speaker phrases: people by their role, groups, and organisations.
_PERSON_NOUNS = _words(
    # Dutch
    "president premier minister staatssecretaris woordvoerder woordvoerster leider voorzitter secretaris "
    "secretaris-generaal burgemeester rechter jurist advocaat kamerlid lijsttrekker topman topvrouw voorman "
    "directeur adviseur ambtgenoot commandant verkenner bewindsman bewindsvrouw koning koningin paus "
    "ambassadeur gouverneur journalist correspondent onderzoeker deskundige hoogleraar viroloog oprichter "
    "zanger zangeres archeoloog historicus wetenschapper econoom politicoloog socioloog psycholoog schrijver "
    "auteur dhr mevrouw "
    # English
    "spokesman spokeswoman spokesperson secretary leader chief head director-general director chairman "
    "chairwoman chair mayor judge justice prosecutor lawyer attorney general adviser advisor governor senator "
    "congressman congresswoman councillor chancellor ambassador envoy diplomat commander officer official "
    "sheriff commissioner inspector superintendent detective sergeant lieutenant captain colonel constable "
    "deputy marshal king queen "
    "pope singer founder analyst expert researcher scientist professor historian economist author writer "
    "archaeologist counterpart president-elect speaker coach manager mr mrs ms dr prof sir dame lord lady"
)
_GROUP_NOUNS = _words(
    # Dutch
    "autoriteiten critici deskundigen experts ingewijden bronnen media onderzoekers wetenschappers "
    "demonstranten betogers ondernemers boeren ouders bewoners inwoners politici kamerleden ministers leiders "
    "partijen landen rederijen organisatoren advocaten rechters raadsheren artsen ambtenaren functionarissen "
    "diplomaten militairen analisten getuigen aanklagers nabestaanden gedupeerden verkenners "
    # English
    "officials authorities critics sources insiders analysts diplomats researchers scientists protesters "
    "demonstrators residents witnesses leaders lawmakers senators officers investigators prosecutors lawyers "
    "doctors countries governments allies organisers organizers parents farmers voters members republicans "
    "democrats viewers observers activists"
)
_ORG_NOUNS = _words(
    # Dutch
    "ministerie kabinet regering overheid oppositie coalitie partij fractie commissie rechtbank hof "
    "gerechtshof politie leger krijgsmacht raad kiesraad organisatie gemeente ambassade bestuur bedrijf "
    "rederij bond vakbond actiegroep groep unie kremlin agentschap inspectie toezichthouder persbureau omroep "
    "krant beheerder band "
    # English
    "ministry government office administration opposition party committee commission council court police "
    "army military agency department service union organisation organization company group campaign regime "
    "parliament senate congress cabinet coalition alliance board tribunal embassy newspaper broadcaster firm "
    "airline authority institute foundation staff presidency"
)
_PLACE_NOUNS = _words(
    "hoofdstad stad regio provincie land gebied capital city region province country district"
)
# Dutch compounds end in their head: "Kiesraadvoorzitter", "enquêtecommissie", "oppositiepartijen".
_COMPOUND_HEADS: dict[str, str] = {
    **dict.fromkeys(
        _words(
            "voorzitter leider woordvoerder woordvoerster minister president premier secretaris "
            "rechter topman topvrouw voorman verkenner kamerlid secretaris-generaal"
        ),
        "person",
    ),
    **dict.fromkeys(_words("kamerleden partijen autoriteiten"), "group"),
    **dict.fromkeys(
        _words("commissie ministerie autoriteit raad partij agentschap groep bureau dienst"), "org"
    ),
}
_NOT_COMPOUNDS = _words("voorraad beraad toeraad dienst")

_DETERMINERS = _words(
    "de het een the a an beide both zijn haar hun his her its their alle all enkele several tientallen "
    "honderden duizenden dozens hundreds thousands many some"
)
_ARTICLES = _words("de het een the a an")
_PRONOUNS: dict[str, frozenset[str]] = {  # pronoun -> the kinds of referent it may stand for
    **dict.fromkeys(("hij", "hem", "he", "him"), frozenset({"person"})),
    **dict.fromkeys(("she", "her", "haar"), frozenset({"person"})),
    **dict.fromkeys(("zij", "ze"), frozenset({"person", "group", "org", "unknown"})),
    **dict.fromkeys(("hen", "they", "them"), frozenset({"group", "org"})),
    "it": frozenset({"org", "unknown"}),  # only for the previous sentence's speaker
}
_PARTICLES = _words("van de der den ter te von al bin da di du la le dos del")
_CAP_PARTICLES = _words("Van De Den Der Ter Von")
_DAY = re.compile(
    r"^(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)(?:ochtend|middag|avond|nacht|morgen)?$"
    r"|^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)$"
)
_STOP = _words(
    "well oh men one two three four five six seven eight nine ten "
    # Dutch function words, adverbs and time words
    "de het een en of maar dat dit die deze er hij zij ze wij we ik jij je u hem haar hen hun zijn ons onze mijn "
    "wie wat waar wanneer hoe waarom als omdat terwijl toen nadat hoewel zodat want dus ook toch nog al wel niet "
    "geen nu dan daar hier daarna daarom daaruit bovendien intussen inmiddels tegelijk vervolgens echter zo in op "
    "aan bij met van voor na naar om over door onder uit tot tegen tegenover tijdens sinds vanaf zonder ondanks "
    "volgens namens per via rond binnen buiten achter langs tussen te is was waren wordt werd worden werden heeft "
    "hebben had hadden kan kon zal zou moet moest wil wilde mag mocht gisteren vandaag morgen eerder later "
    "opnieuw nogmaals beide enkele veel weinig iedereen niemand niets alles anderen sommigen velen elk elke "
    "ieder iedere januari februari maart april mei juni juli augustus september oktober november december "
    # English function words, adverbs and time words
    "the a an and or but this these those there he she it they i you him her them his its their our my "
    "your who whom whose what which when where why how if as because while although though since after before "
    "until unless so also however meanwhile then now still yet already on at by for from with without about "
    "into onto under between through during against among to off up down out are were be been being has "
    "have do does did will would can could shall should may might must not no yes today yesterday tomorrow "
    "tonight all both each every some many most few several other others another such asked according "
    "january february march june july august october november december hours days weeks months years"
)
_ADVERBS = _words(
    "ook zelf later eerder nog al opnieuw nogmaals bovendien daarom dan toen wel echter toch gisteren "
    "vandaag inmiddels nu vervolgens daarna meteen direct alleen eveneens eraan erbij daarbij resoluut "
    "stellig categorisch nadrukkelijk uitdrukkelijk publiekelijk openlijk expliciet herhaaldelijk "
    "steeds altijd eerst vorig vorige deze tegelijk intussen daarop ondertussen juist zelfs namelijk "
    "slechts week maand jaar also again earlier previously then repeatedly still however firmly "
    "strongly flatly publicly explicitly categorically already once later immediately"
)
_PREPOSITIONS = _words(
    "in op tegen tegenover tijdens na bij met via aan voor over namens vanaf sinds at on to during "
    "after before with from for over via"
)
# Between a speaker and the cue: "Peskov later said", "protesters have accused".
_PRE_CUE = _ADVERBS | frozenset(["has", "have", "had"])
_CONJUNCTIONS = _words("maar en ook toch but and also yet")
_SUBORDINATORS = _words("when after because while although though toen nadat omdat terwijl hoewel")
_FRONT_STARTERS = (
    _PREPOSITIONS | _ADVERBS | frozenset(["een", "a", "ondertussen", "tegelijkertijd", "daarnaast"])
)
_TIME_NOUNS = _words("week dag maand jaar uur day month year hour")
_TAIL_STARTERS = _PREPOSITIONS | _ADVERBS | frozenset(["tegen", "in", "op", "na", "met", "afterwards"])
_DEMONSTRATIVES = _words("dat dit het die deze it this that those these")
_ACCUSATION_WORDS = _words(
    "beschuldiging beschuldigingen verwijt verwijten accusation accusations allegation allegations"
)
# Words that make a capitalised run an organisation or a place rather than a person's name.
_ORG_WORDS = _words(
    # organisations and portfolios
    "ministerie ministry council union unie organization organisation party partij raad kamer commissie "
    "committee commission court office house agency agentschap service dienst bureau group groep force forces "
    "army leger police politie department nations naties states staten kingdom koninkrijk republic republiek "
    "bank fund fonds airlines assembly parliament parlement senate senaat congress congres authority "
    "autoriteit institute instituut foundation stichting contest corporation company conference legislature "
    "legislatures association federation network society league club comité kruis maatschappij "
    "shipmanagement broadcasting news times post press journal daily guard command staff contract democratie "
    "zaken defensie financiën volksgezondheid justitie nederland state intelligence affairs security defence "
    "defense health justice interior finance homeland energy education treasury officer general "
    # places and buildings
    "university college school hospital church mosque stadium arena hall street road park river island "
    "islands mountain mountains forest square airport station bridge valley bay coast lake sea ocean county "
    "city province region district centre center strait canal mine north south east west northern southern "
    "eastern western central upper lower greater new san saint st los las"
)
_OPENING_QUOTES = "“„\"‘'"
_CLOSING_QUOTES = "”“\"’'"
_QUOTE = re.compile(
    r"„[^“”\n]*[”“]|“[^“”\n]*”|\"[^\"\n]*\"|(?<![\w])‘[^‘’\n]*[^\s‘’]’(?![\w])|(?<![\w])'[^'\n]*[^\s']'(?![\w])"
)
# Words ("Nagorno-Karabach", "Russia's", "145.000", "4:42", the initial "G." of "John G. Roberts") and marks.
_TOKEN = re.compile(r"\d+(?::\d+)+|(?<![\w.])[A-Z]\.(?= [A-Z])|\w+(?:[-'’.]\w+)*|[^\w\s]")
_ING_TAIL = re.compile(r"^(?!according$|during$)[a-z]+ing$")  # "…, calling the claims …"


# ---------------------------------------------------------------------------------------------------------
# Tokens and sentences


class _Tok(NamedTuple):
    """A word or punctuation mark with its offsets in the article text."""

    text: str
    start: int
    end: int
    quoted: bool  # inside quotation marks (quote marks included)

    @property
    def low(self) -> str:
        """The token in lower case."""
        return self.text.lower()


class _Sentence(NamedTuple):
    """One sentence of an article with its tokens and the token positions where a clause may start."""

    text: str  # the whole article text
    span: Span
    tokens: list[_Tok]
    starts: list[int]
    language: str
    quotes: list[tuple[int, int]]  # quotations, quote marks included


def _quote_spans(text: str, span: Span) -> list[tuple[int, int]]:
    """Quotations in a sentence, quote marks included, as article offsets."""
    return [
        (span.start + m.start(), span.start + m.end()) for m in _QUOTE.finditer(text[span.start : span.end])
    ]


def _sentence(text: str, span: Span, language: str) -> _Sentence:
    """Tokenise one sentence and find its clause starts."""
    quotes = _quote_spans(text, span)
    tokens = [
        _Tok(
            m.group(),
            span.start + m.start(),
            span.start + m.end(),
            any(a <= span.start + m.start() < b for a, b in quotes),
        )
        for m in _TOKEN.finditer(text[span.start : span.end])
    ]
    return _Sentence(text, span, tokens, _clause_starts(tokens), language, quotes)


def _clause_starts(toks: list[_Tok]) -> list[int]:
    """Token positions where a clause (and so a speaker) may begin, in order."""
    starts = {0}
    for k, tok in enumerate(toks):
        if tok.quoted:
            continue
        if (
            tok.text in {",", ":", ";", "(", "–", "—"}
            or (tok.low in _CONJUNCTIONS and k in starts)
            or tok.low in _SUBORDINATORS
        ):
            starts.add(k + 1)
    return sorted(s for s in starts if s < len(toks))


def _span_text(s: _Sentence, a: int, b: int) -> str:
    """The article text covered by tokens a..b-1."""
    return s.text[s.tokens[a].start : s.tokens[b - 1].end]


# ---------------------------------------------------------------------------------------------------------
# Noun phrases


class _NP(NamedTuple):
    """A speaker candidate: tokens [start, end), what it is, and the name or head to report."""

    start: int
    end: int
    kind: str  # person | group | org | unknown (a bare name) | pronoun
    name: str  # a person's proper name as written, else the phrase without its leading article
    is_name: bool  # name holds a personal (or unknown) proper name that an earlier full mention may expand
    role: str = ""  # the role noun for a bare role ("de premier"), to find the name elsewhere
    proper: bool = False  # the phrase holds a proper name of any kind


def _noun_kind(low: str) -> str:
    """person, group, org or place for a lexicon noun (also Dutch compounds and hyphenated forms), else ''."""
    for kind, words in (("person", _PERSON_NOUNS), ("group", _GROUP_NOUNS), ("org", _ORG_NOUNS)):
        if low in words:
            return kind
    if low in _PLACE_NOUNS:
        return "place"
    if "-" in low:
        last = low.rsplit("-", 1)[1]
        if low.endswith("secretaris-generaal") or low.endswith("-elect"):
            return "person"
        return _noun_kind(last) if last not in _PLACE_NOUNS else ""
    if low in _NOT_COMPOUNDS:
        return ""
    for head, kind in _COMPOUND_HEADS.items():
        if low.endswith(head) and len(low) >= len(head) + 3:
            return kind
    return ""


def _is_cap_adjective(tok: _Tok) -> bool:
    """Dutch capitalised adjectives of origin: Turkse, Russische, Azerbeidzjaanse."""
    return tok.text[0].isupper() and len(tok.text) > 4 and tok.low.endswith(("se", "sche"))


def _is_name(toks: list[_Tok], k: int, first: bool) -> bool:
    """A capitalised token that can be part of a proper name."""
    tok = toks[k]
    if tok.quoted or not tok.text[0].isupper() or _is_cap_adjective(tok):
        return False
    if tok.text in _CAP_PARTICLES:  # "Rutte en De Jonge", "volgens Van der Lee", "Van den Oever sprak"
        m = k + 1
        while m < len(toks) and toks[m].low in _PARTICLES:
            m += 1
        return (
            m < len(toks)
            and (m > k + 1 or not first)
            and _is_name(toks, m, False)
            and not _noun_kind(toks[m].low)
        )
    return tok.low not in _STOP and not _DAY.match(tok.low) and not tok.low.endswith(("'s", "’s"))


def _particles_end(toks: list[_Tok], k: int, limit: int) -> int:
    """After a first name, the end of 'van der' + surname when exactly one surname token follows, else k."""
    m = k
    while m < limit and m - k < 3 and toks[m].low in _PARTICLES and not toks[m].quoted:
        m += 1
    if m == k or m >= limit or not _is_name(toks, m, False):
        return k
    if m + 1 < limit and _is_name(toks, m + 1, False):
        return k
    return m + 1


def _is_modifier(toks: list[_Tok], k: int, limit: int) -> bool:
    """A word before a noun head: 'Turkse' in 'De Turkse president', 'defence' in 'defence ministry'."""
    tok = toks[k]
    if tok.quoted or tok.low in _STOP or not tok.text[0].isalpha():
        return False
    for m in range(k + 1, min(k + 3, limit)):
        nxt = toks[m]
        if nxt.quoted:
            return False
        if _noun_kind(nxt.low) in {"person", "group", "org"}:
            return True
        if _is_cap_adjective(tok) and _is_name(toks, m, False):
            return True
        if nxt.low in _STOP or not nxt.text[0].isalpha():
            return False
    return False


def _core(toks: list[_Tok], j: int, limit: int) -> list[str]:
    """Roles (name, particle, noun, mod) of the tokens of a noun phrase core starting at j."""
    roles: list[str] = []
    k = j
    while k < limit and len(roles) < _MAX_SPEAKER_TOKENS:
        tok = toks[k]
        if tok.quoted:
            break
        run = len(roles) - len(_rstrip_roles(roles, "name", "particle"))
        if roles and roles[-1] == "name" and run == 1 and tok.low in _PARTICLES:
            end = _particles_end(toks, k, limit)
            if end > k:
                roles += ["particle"] * (end - k - 1) + ["name"]
                k = end
                continue
        if _noun_kind(tok.low) in {"person", "group", "org"}:
            roles.append("noun")
        elif _is_name(toks, k, k == 0) and not _is_modifier_name(toks, k, limit):
            roles.append("name")
        elif _is_modifier(toks, k, limit):
            roles.append("mod")
        else:
            break
        k += 1
    return _rstrip_roles(roles, "mod", "particle")


def _is_modifier_name(toks: list[_Tok], k: int, limit: int) -> bool:
    """A capitalised word that only modifies a following noun: 'Kremlin' in 'the Kremlin spokesman'."""
    return (
        k + 1 < limit and not toks[k + 1].quoted and _noun_kind(toks[k + 1].low) in {"person", "group", "org"}
    )


def _rstrip_roles(roles: list[str], *drop: str) -> list[str]:
    """The roles without trailing entries of the given kinds."""
    out = list(roles)
    while out and out[-1] in drop:
        out.pop()
    return out


def _pp_end(toks: list[_Tok], k: int, limit: int) -> int:
    """End of a prepositional complement starting at k ('het ministerie van Defensie'), or k if none."""
    m = k
    if m < limit and (toks[m].low in _DETERMINERS or toks[m].low.endswith(("'s", "’s"))):
        m += 1
    content = m
    while m < limit and m - k < 7 and not toks[m].quoted:
        low = toks[m].low
        if (
            _noun_kind(low)
            or _is_name(toks, m, False)
            or _is_cap_adjective(toks[m])
            or _is_modifier(toks, m, limit)
        ):
            m += 1
        elif low in _PARTICLES and m > content and _particles_end(toks, m, limit) > m:
            m = _particles_end(toks, m, limit)
        else:
            break
    while m > content and (_is_cap_adjective(toks[m - 1]) or toks[m - 1].low in _PARTICLES):
        m -= 1
    has_head = any(_noun_kind(toks[x].low) or _is_name(toks, x, False) for x in range(content, m))
    return m if has_head else k


def _np(s: _Sentence, i: int, limit: int) -> _NP | None:
    """The noun phrase starting at token i and ending at or before limit, or None."""
    toks = s.tokens
    limit = min(limit, len(toks))
    if i >= limit or toks[i].quoted:
        return None
    low = toks[i].low
    if low in _PRONOUNS and not (low in {"haar", "her"} and i + 1 < limit and _core(toks, i + 1, limit)):
        return _NP(i, i + 1, "pronoun", toks[i].text, False)
    j = i
    if low in _DETERMINERS:
        j += 1
    if j < limit and toks[j].low.endswith(("'s", "’s")) and toks[j].text[0].isalpha():
        j += 1
    roles = _core(toks, j, limit)
    if not any(r in {"name", "noun"} for r in roles):
        return None
    end = j + len(roles)
    kind, name_run = _head(toks, j, roles)
    end = _post_modifiers(s, end, limit, person=kind == "person", named=roles[-1] != "noun")
    if end < len(toks) and toks[end].text in {"'", "’"} and toks[end].start == toks[end - 1].end:
        return None  # a possessor ("the United Nations' agency"), not the speaker
    if end - i > _MAX_SPEAKER_TOKENS or len(_span_text(s, i, end)) > _MAX_SPEAKER_CHARS:
        return None
    return _make_np(s, i, j, end, kind, name_run, roles)


def _head(toks: list[_Tok], j: int, roles: list[str]) -> tuple[str, tuple[int, int] | None]:
    """The kind of a noun phrase core and the token range of its trailing proper name, if any."""
    if roles[-1] == "noun":
        kind = _noun_kind(toks[j + len(roles) - 1].low)
        return ("org" if kind == "place" else kind), None
    first = len(roles)
    while first > 0 and roles[first - 1] in {"name", "particle"}:
        first -= 1
    run = (j + first, j + len(roles))
    nouns = [_noun_kind(toks[j + x].low) for x in range(first) if roles[x] == "noun"]
    words = [toks[x].low for x in range(*run)]
    if nouns and nouns[-1] == "person":
        return "person", run
    if (
        nouns
        or any(w in _ORG_WORDS or w.isupper() for w in words)
        or any(toks[x].text.isupper() for x in range(*run))
    ):
        return "org", run
    names = sum(1 for x in range(*run) if roles[x - j] == "name")
    return ("person" if names >= 2 else "unknown"), run


def _post_modifiers(s: _Sentence, end: int, limit: int, person: bool, named: bool) -> int:
    """Extend a noun phrase over '(EBU)' and prepositional complements: 'van Defensie in Bakoe'."""
    toks = s.tokens
    while end < limit and not toks[end].quoted:
        low = toks[end].low
        if low == "(":
            close = next((m for m in range(end + 1, min(end + 5, limit)) if toks[m].text == ")"), None)
            if close is None or close == end + 1 or not toks[end + 1].text[0].isupper():
                break
            end = close + 1
            continue
        if named:  # "Jens Stoltenberg of Norway", not "Dasbach to Wikinews"
            allowed = {"van", "of"}
        else:  # "adviser to Zelensky", "de autoriteiten in Nagorno-Karabach"
            allowed = {"van", "of", "to"} if person else {"van", "of", "in", "uit", "from", "at", "to", "bij"}
        if low not in allowed:
            break
        after = _pp_end(toks, end + 1, limit)
        if after == end + 1:
            break
        person, named = False, False
        end = after
    return end


def _make_np(
    s: _Sentence, i: int, j: int, end: int, kind: str, run: tuple[int, int] | None, roles: list[str]
) -> _NP:
    """Build the _NP record: a person's name, or the phrase without its leading article."""
    toks = s.tokens
    if run and kind in {"person", "unknown"}:
        a = run[0] - 1 if run[0] == j and j > i and toks[i].text in _CAP_PARTICLES else run[0]
        return _NP(i, end, kind, _span_text(s, a, run[1]), True, proper=True)
    if kind == "person":
        trailing = _trailing_name(toks, i, end)
        if trailing:
            return _NP(i, end, kind, _span_text(s, *trailing), True, proper=True)
    head = _span_text(s, i + 1 if toks[i].low in _ARTICLES and i + 1 < end else i, end)
    bare_role = (
        kind == "person" and roles == ["noun"] and end == j + 1
    )  # "de premier", not "de lokale minister"
    role = toks[end - 1].low.rsplit("-", 1)[-1] if bare_role else ""
    return _NP(i, end, kind, head, False, role, proper=run is not None)


def _trailing_name(toks: list[_Tok], i: int, end: int) -> tuple[int, int] | None:
    """A personal name of two or more words closing a phrase ('… Buitenlandse Zaken Sergej Lavrov')."""
    a = end
    while (
        a > i
        and (_is_name(toks, a - 1, False) or toks[a - 1].low in _PARTICLES)
        and toks[a - 1].low not in _ORG_WORDS
    ):
        a -= 1
    while a < end and toks[a].low in _PARTICLES:
        a += 1
    names = [t for t in toks[a:end] if t.low not in _PARTICLES]
    after_preposition = a > i and (
        toks[a - 1].low in _PREPOSITIONS | {"van", "of"} or toks[a - 1].low in _ARTICLES
    )
    if after_preposition and len(names) >= 3:  # "First Minister of Scotland Nicola Sturgeon"
        a, names, after_preposition = a + 1, names[1:], False
    if len(names) < 2 or after_preposition or any(t.text.isupper() for t in names):
        return None
    return a, end


def _speaker(
    s: _Sentence, i: int, limit: int, relative: bool = False, apposition: str = "any"
) -> tuple[_NP, int] | None:
    """A speaker phrase at i with an apposition ("any", or only a "name" after a role), a coordinated second
    phrase or (if relative) a relative clause; returns the phrase and the position after all it consumed."""
    np = _np(s, i, limit)
    if np is None or np.kind == "pronoun":
        return (np, np.end) if np else None
    toks = s.tokens
    end = np.end
    if end < limit and toks[end].text == ",":
        appos = _np(s, end + 1, limit)
        closed = appos and (appos.end >= len(toks) or toks[appos.end].text in {",", ".", ";"})
        allowed = apposition == "any" or (apposition == "name" and appos and appos.is_name and not np.proper)
        if appos and closed and allowed and appos.kind != "pronoun" and np.proper != appos.proper:
            named = appos if appos.proper else np
            kind = "person" if "person" in {np.kind, appos.kind} else named.kind
            after = appos.end + 1 if appos.end < len(toks) and toks[appos.end].text == "," else appos.end
            return named._replace(start=np.start, end=appos.end, kind=kind, role=""), after
        if relative and end + 1 < limit and toks[end + 1].low in {"die", "dat", "wat", "which", "who"}:
            close = next((m for m in range(end + 2, min(end + 25, limit)) if toks[m].text == ","), None)
            if close is not None:
                return np, close + 1
    if end < limit and toks[end].low in {"en", "and"}:
        other = _np(s, end + 1, limit)
        kinds = {np.kind, other.kind} if other else set()
        compatible = len(kinds) == 1 or kinds <= {"org", "group", "unknown"}
        if other and other.kind != "pronoun" and compatible and other.end - i <= 2 * _MAX_SPEAKER_TOKENS:
            joined = f"{np.name} {toks[end].text} {other.name}"
            return _NP(i, other.end, "group", joined, False), other.end
    return np, end


# ---------------------------------------------------------------------------------------------------------
# Drafts: one sentence's claims before pronouns, elided subjects and back-references are resolved


class _Draft(NamedTuple):
    """A claim found in one sentence, its speaker not yet resolved."""

    speaker: _NP | None  # None: the subject is elided ("… en zei dat …")
    cue: str
    cue_pos: int  # token index
    stance: Stance
    content: tuple[int, int] | None  # article offsets; None when it refers back to an earlier claim
    backref: str = ""  # claim | accusation | sentence
    fallback: tuple[int, int] | None = None  # content to use when the back-reference finds nothing
    quoted: bool = False
    volgens: bool = False  # a 'volgens X' / 'according to X' claim
    clause_initial: bool = True  # for volgens: it opens its own clause


def _skip(toks: list[_Tok], k: int, limit: int, words: frozenset[str]) -> int:
    """The first position from k on whose token is not in words (or a day name)."""
    while k < limit and not toks[k].quoted and (toks[k].low in words or _DAY.match(toks[k].low)):
        k += 1
    return k


def _adverbial(toks: list[_Tok], a: int, b: int, allow_object: bool = False) -> bool:
    """True when tokens a..b-1 are only adverbs and prepositional phrases (or, if allowed, an object first)."""
    k = a
    if allow_object and k < b and toks[k].low not in _PREPOSITIONS:
        while k < b and k - a < 5 and toks[k].text.isalnum() and toks[k].low not in _PREPOSITIONS:
            k += 1
    while k < b:
        tok = toks[k]
        if (
            tok.quoted
            or not tok.text[0].isalnum()
            or tok.low in _COMPLEMENTIZERS
            or tok.low in {"niet", "not", "geen", "no"}
        ):
            return False
        if tok.low in _ADVERBS or _DAY.match(tok.low):
            k += 1
        elif tok.low in _PREPOSITIONS:
            k += 1
            if k < b and (toks[k].low in _DETERMINERS or toks[k].low in {"zijn", "haar", "hun"}):
                k += 1
            words = 0
            while k < b and words < 4 and toks[k].text[0].isalnum() and toks[k].low not in _PREPOSITIONS:
                if toks[k].low in _DETERMINERS or toks[k].low in _ADVERBS or _DAY.match(toks[k].low):
                    break
                k += 1
                words += 1
            if words == 0:
                return False
        else:
            return False
    return True


def _clause_end(s: _Sentence, k: int) -> int:
    """Token position where the clause from k ends: a semicolon, an English ', …ing' tail or the sentence end."""
    toks = s.tokens
    end = len(toks)
    for m in range(k, len(toks)):
        if toks[m].quoted:
            continue
        if toks[m].text == ";":
            end = m
            break
        if (
            s.language == "en"
            and toks[m].text == ","
            and m + 1 < len(toks)
            and _ING_TAIL.match(toks[m + 1].text)
        ):
            end = m
            break
    while end > k and toks[end - 1].text in {".", ",", ":", ";", "!", "?"} and not toks[end - 1].quoted:
        end -= 1
    return end


def _content(s: _Sentence, a: int, b: int | None = None) -> tuple[int, int] | None:
    """Article offsets of the content from token a to the clause end (or b), or None when empty."""
    b = _clause_end(s, a) if b is None else b
    if b <= a:
        return None
    return s.tokens[a].start, s.tokens[b - 1].end


def _find_particle(toks: list[_Tok], k: int, particle: str, allow_object: bool) -> tuple[int, int] | None:
    """Where a separable particle ('weten', 'naar buiten') follows within a short gap: (gap end, after)."""
    words = particle.split()
    for m in range(k, min(k + 9, len(toks))):
        after = m + len(words)
        closes = (
            after >= len(toks)
            or not toks[after].text[0].isalnum()
            or toks[after].low in _COMPLEMENTIZERS | {"als"}
        )
        found = [t.low for t in toks[m:after]] == words and not toks[m].quoted and closes
        if found and (allow_object or _adverbial(toks, k, m)):
            return m, after
        if toks[m].text in {",", ":", ";", "."} or (toks[m].low in _COMPLEMENTIZERS and not allow_object):
            break
    return None


def _whole_quote(s: _Sentence, k: int, end: int | None = None) -> tuple[int, int] | None:
    """The inner offsets of one quotation that fills tokens k..end-1 (by default up to the clause end)."""
    toks = s.tokens
    end = _clause_end(s, k) if end is None else end
    if k >= len(toks) or end - k < 3 or (toks[k].start, toks[end - 1].end) not in s.quotes:
        return None
    return _strip(s.text, toks[k].end, toks[end - 1].start)


def _strip(text: str, a: int, b: int) -> tuple[int, int] | None:
    """Offsets a..b without surrounding whitespace and trailing commas."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] == ","):
        b -= 1
    return (a, b) if b > a else None


def _demonstrative(toks: list[_Tok], a: int, b: int) -> str:
    """'accusation' or 'claim' when tokens a..b refer back ('die beschuldiging', 'that account', 'it'), else ''."""
    words = [t.low for t in toks[a:b] if t.low not in _ADVERBS]
    if not words:
        return ""
    if words[0] in _DEMONSTRATIVES | {"de", "the"} and any(w in _ACCUSATION_WORDS for w in words[1:3]):
        return "accusation"
    if words[0] in _DEMONSTRATIVES and len(words) <= 3:
        return "claim"
    return ""


class _Complement(NamedTuple):
    """What a cue's complement yields: content offsets, or a back-reference with an optional fallback."""

    content: tuple[int, int] | None
    quoted: bool = False
    backref: str = ""  # claim | accusation: the content is that of an earlier claim
    fallback: tuple[int, int] | None = None


def _complement(s: _Sentence, k: int, verb: _Verb, cue_low: str, adjacent: bool) -> _Complement | None:
    """The complement of a cue whose speaker ends before token k, by the verb's frame."""
    toks = s.tokens
    if verb.frame == "deny":
        return _deny_complement(s, k, verb)
    if verb.particle:
        found = _find_particle(toks, k, verb.particle, verb.takes_object)
        if found is None:
            return None
        k, adjacent = found[1], False
    if verb.frame == "accuse":
        return _accuse_complement(s, k)
    if verb.frame == "speak_of":
        return _speak_of_complement(s, k)
    return _say_complement(s, k, verb, cue_low, adjacent)


def _say_complement(s: _Sentence, k: int, verb: _Verb, cue_low: str, adjacent: bool) -> _Complement | None:
    """For a say-verb: the content after 'dat'/'that', a colon or a comma and quote, or a bare English clause."""
    toks = s.tokens
    n = len(toks)
    for m in range(k, min(k + 10, n)):
        tok = toks[m]
        if tok.quoted or tok.text in {";", "."}:
            break
        if not _adverbial(toks, k, m, verb.takes_object):
            continue
        nxt = toks[m + 1] if m + 1 < n else None
        if tok.low in _COMPLEMENTIZERS and nxt and (nxt.text[0].isalnum() or nxt.text in _OPENING_QUOTES):
            content = _content(s, m + 1)
            return _Complement(content) if content else None
        if tok.text == ":" and nxt:
            quote = _whole_quote(s, m + 1)
            content = quote or _content(s, m + 1)
            return _Complement(content, quote is not None) if content else None
        if tok.text == ",":
            quote = _whole_quote(s, m + 1)
            return _Complement(quote, True) if quote else None
    if s.language != "en" or not adjacent or cue_low not in _ZERO_THAT - {"told"} or k >= n:
        return None
    while k < n and (toks[k].low in _ADVERBS or re.fullmatch(r"[a-z]+ly", toks[k].text)):
        k += 1  # "has said publicly the …"
    if k >= n:
        return None
    first = toks[k]
    starters = _words(
        "the a an its his her their he she it they there we one two three four five six seven eight nine ten"
    )
    if first.quoted or not first.text[0].isalnum() or (first.low in _STOP and first.low not in starters):
        return None
    content = _content(s, k)
    return _Complement(content) if content else None


def _deny_complement(s: _Sentence, k: int, verb: _Verb) -> _Complement | None:
    """For a denial: a that-clause, the text after a colon, or the object (which may refer back)."""
    toks = s.tokens
    if verb.particle:
        found = _find_particle(toks, k, verb.particle, True)
        if found is None:
            return None
        if found[0] > k:
            return _object_complement(s, k, found[0], found[1])
        k = found[1]
    for m in range(k, min(k + 10, len(toks))):
        if toks[m].quoted or toks[m].text in {",", ";", "."}:
            break
        if not _adverbial(toks, k, m):
            continue
        clause = _clause_end(s, m + 1) - (m + 1)
        opens = m + 1 < len(toks) and (toks[m + 1].text[0].isalnum() or toks[m + 1].text in _OPENING_QUOTES)
        that = (
            toks[m].low in _COMPLEMENTIZERS and opens and clause > 2 and toks[m + 1].low not in {"en", "and"}
        )
        if toks[m].text == ":" or that:
            content = _content(s, m + 1)
            return _Complement(content) if content else None
    k = _skip(toks, k, len(toks), _ADVERBS)
    if k >= len(toks) or toks[k].quoted:
        return None
    end = k
    while (
        end < len(toks) and toks[end].text not in {",", ";", ":", "."} and toks[end].low not in {"en", "and"}
    ):
        end += 1
    return _object_complement(s, k, end, end)


def _object_complement(s: _Sentence, a: int, b: int, after: int) -> _Complement | None:
    """A denial's object a..b (particle or clause end at after): a colon after it gives the content."""
    toks = s.tokens
    while b > a and toks[b - 1].low in _ADVERBS:
        b -= 1
    if b <= a:
        return None
    ref = _demonstrative(toks, a, b)
    after = _skip(toks, after, len(toks), _ADVERBS)
    if ref and after < len(toks) and toks[after].text == ":":
        content = _content(s, after + 1)
        return _Complement(content) if content else None
    obj = (toks[a].start, toks[b - 1].end)
    if not ref:
        return _Complement(obj)
    return _Complement(None, backref=ref, fallback=None if b - a == 1 else obj)


def _accuse_complement(s: _Sentence, k: int) -> _Complement | None:
    """For an accusation: the accused and the charge ('Armenië ervan te hebben geschoten')."""
    toks = s.tokens
    for m in range(k + 1, min(k + 10, len(toks))):
        if toks[m].text in {",", ";", ":", "."} and not toks[m].quoted:
            return None
        if toks[m].low in _ACCUSE_LINKS and not toks[m].quoted and m + 1 < len(toks):
            content = _content(s, k)
            return _Complement(content) if content else None
    return None


def _speak_of_complement(s: _Sentence, k: int) -> _Complement | None:
    """For 'sprak van': what the speaker called it ('van een historisch document')."""
    toks = s.tokens
    for m in range(k, min(k + 8, len(toks))):
        if toks[m].low == "van" and not toks[m].quoted and _adverbial(toks, k, m) and m + 1 < len(toks):
            content = _content(s, m + 1)
            return _Complement(content) if content else None
    return None


# ---------------------------------------------------------------------------------------------------------
# Frames: where the speaker stands relative to the cue


def _subject_ending_at(s: _Sentence, e: int) -> _NP | None:
    """A speaker phrase that starts at a clause start and runs exactly up to token e."""
    for start in s.starts:
        if start >= e:
            break
        found = _speaker(s, start, e, relative=True)
        if found and found[1] == e:
            return found[0]
    return None


def _before_cue(toks: list[_Tok], c: int) -> int:
    """The position before adverbs and auxiliaries that stand between a speaker and the cue at c."""
    e = c
    while e > 0 and not toks[e - 1].quoted and (toks[e - 1].low in _PRE_CUE or _DAY.match(toks[e - 1].low)):
        e -= 1
    return e


def _front_allows_inversion(s: _Sentence, c: int) -> bool:
    """Dutch verb-second: the cue at c follows a short adverbial ('Zaterdag', 'Op Facebook') or a clause."""
    toks = s.tokens
    start = max((x for x in s.starts if x <= c and (x == 0 or not toks[x - 1].text[0].isalnum())), default=0)
    front = toks[start:c]
    if not front:
        return c > 0 and toks[c - 1].text == "," and not toks[c - 1].quoted
    if len(front) > 8 or any(t.quoted or t.low in _VERBS or t.low in _COMPLEMENTIZERS for t in front):
        return False
    first = front[0].low
    if first in {"een", "a"}:
        return len(front) > 1 and front[1].low in _TIME_NOUNS
    return first in _FRONT_STARTERS or bool(_DAY.match(first)) or (start > 0 and front[0].text[0].islower())


def _cue_text(s: _Sentence, c: int, verb: _Verb, k: int) -> str:
    """The cue as written; a separable particle after a gap is joined with '…' ('liet … weten')."""
    found = _find_particle(s.tokens, k, verb.particle, True) if verb.particle else None
    if found is None:
        return s.tokens[c].text
    particle = _span_text(s, found[0], found[1])
    return f"{s.tokens[c].text} … {particle}" if found[0] > c + 1 else f"{s.tokens[c].text} {particle}"


def _finite_drafts(s: _Sentence) -> list[_Draft]:
    """Claims around a finite cue verb: subject first, elided subject, or Dutch inversion."""
    drafts = []
    for c, tok in enumerate(s.tokens):
        if tok.quoted or tok.low not in _VERBS or (c > 0 and s.tokens[c - 1].low in _PASSIVE_AUX):
            continue
        for verb in _VERBS[tok.low]:
            draft = _finite(s, c, verb)
            if draft:
                drafts.append(draft)
                break
    return drafts


def _finite(s: _Sentence, c: int, verb: _Verb) -> _Draft | None:
    """One finite cue read with one verb reading, or None."""
    toks = s.tokens
    e = _before_cue(toks, c)
    speaker = _subject_ending_at(s, e) if e > 0 else None
    after = c + 1
    elided = e == c and c > 0 and toks[c - 1].low in {"en", "and", "maar", "but"}  # "… en zei dat …"
    if speaker is None and not elided:
        if s.language == "en" or not _front_allows_inversion(s, c):
            return None
        found = _inverted_speaker(s, c, verb)
        if found is None:
            return None
        speaker, after = found
    comp = _complement(s, after, verb, toks[c].low, adjacent=after == c + 1)
    if comp is None:
        return None
    return _Draft(
        speaker,
        _cue_text(s, c, verb, after),
        c,
        verb.stance,
        comp.content,
        comp.backref,
        comp.fallback,
        comp.quoted,
    )


def _inverted_speaker(s: _Sentence, c: int, verb: _Verb) -> tuple[_NP, int] | None:
    """The speaker right after the cue in verb-second order, and where the rest of the clause starts."""
    toks = s.tokens
    if verb.frame != "accuse":
        found = _speaker(s, c + 1, len(toks))
        if found is None:
            return None
        return found[0], _skip(toks, found[1], len(toks), _ADVERBS)
    # "Zondag beschuldigde Azerbeidzjan Armenië van …": the longest phrase that leaves an accused
    for limit in range(min(len(toks), c + 1 + _MAX_SPEAKER_TOKENS), c + 1, -1):
        np = _np(s, c + 1, limit)
        if np and np.end == limit and _accuse_complement(s, limit):
            return np, limit
    return None


def _perfect_drafts(s: _Sentence) -> list[_Draft]:
    """Dutch perfect tense: 'Het RIVM had eerder gesteld dat …', 'had Rutte nog ontkend dat …'."""
    toks = s.tokens
    drafts = []
    for p, tok in enumerate(toks):
        two = tok.low == "laten" and p + 1 < len(toks) and toks[p + 1].low == "weten"
        if tok.quoted or not (tok.low in _PARTICIPLES or two):
            continue
        stance: Stance = "statement" if two else _PARTICIPLES[tok.low]
        after = p + 2 if two else p + 1
        comp = _say_complement(s, after, _SAY, "", False)
        aux = next(
            (
                a
                for a in range(p - 1, max(-1, p - 11), -1)
                if toks[a].low in _PERFECT_AUX and not toks[a].quoted
            ),
            None,
        )
        if comp is None or aux is None:
            continue
        speaker = _subject_ending_at(s, _before_cue(toks, aux))
        mid = aux + 1
        if speaker is None and _front_allows_inversion(s, aux):
            found = _speaker(s, aux + 1, p)
            speaker, mid = (found[0], found[1]) if found else (None, mid)
        if speaker is None or not _adverbial(toks, mid, p):
            continue
        words = _span_text(s, p, after)
        cue = f"{toks[aux].text} {words}" if p == aux + 1 else f"{toks[aux].text} … {words}"
        drafts.append(_Draft(speaker, cue, p, stance, comp.content, quoted=comp.quoted))
    return drafts


def _passive_drafts(s: _Sentence) -> list[_Draft]:
    """Passives with an agent: 'Maar verovering van de stad wordt ontkend door de autoriteiten …'."""
    toks = s.tokens
    drafts = []
    for p, tok in enumerate(toks):
        if tok.quoted or tok.low not in _PASSIVE:
            continue
        aux = next((a for a in (p - 1, p - 2) if a >= 0 and toks[a].low in _PASSIVE_AUX), None)
        if aux is not None and p + 2 < len(toks) and toks[p + 1].low in _AGENT:
            found = _speaker(s, p + 2, len(toks))
            cue = _span_text(s, aux, p + 2)
        else:  # "wordt door de autoriteiten ontkend"
            agent = next((d for d in range(p - 2, max(0, p - 14), -1) if toks[d].low == "door"), None)
            aux = agent - 1 if agent and toks[agent - 1].low in _PASSIVE_AUX else None
            found = _speaker(s, agent + 1, p) if aux is not None and agent is not None else None
            if found and found[1] != p:
                found = None
            cue = f"{toks[aux].text} {toks[aux + 1].text} … {tok.text}" if aux is not None else ""
        if found is None or found[0].kind == "pronoun" or aux is None:
            continue
        draft = _passive_subject(s, aux, found[0], cue, p, _PASSIVE[tok.low])
        if draft:
            drafts.append(draft)
    return drafts


def _passive_subject(s: _Sentence, aux: int, speaker: _NP, cue: str, p: int, stance: Stance) -> _Draft | None:
    """The passive's subject before the auxiliary is the content ('verovering van de stad')."""
    toks = s.tokens
    start = _skip(toks, 0, aux, _CONJUNCTIONS | _ADVERBS)  # the passive's subject opens the sentence
    if start >= aux or aux - start > 15 or any(t.text == "," and not t.quoted for t in toks[start:aux]):
        return None
    ref = _demonstrative(toks, start, aux) if aux - start == 1 else ""
    content = None if ref else (toks[start].start, toks[aux - 1].end)
    return _Draft(speaker, cue, p, stance, content, ref)


def _volgens_drafts(s: _Sentence) -> list[_Draft]:
    """'Volgens X …', '… volgens X …' and 'According to X, …' (stance statement)."""
    toks = s.tokens
    drafts = []
    for k, tok in enumerate(toks):
        english = tok.low == "according" and k + 1 < len(toks) and toks[k + 1].low == "to"
        if tok.quoted or not (tok.low == "volgens" or english):
            continue
        found = _speaker(s, k + (2 if english else 1), len(toks), apposition="name")
        if found is None:
            continue
        np, end = found
        if (
            english
            and end < len(toks)
            and toks[end].text not in {",", ".", ";"}
            and toks[end - 1].text != ","
        ):
            continue  # "according to NDRRMC report …": the phrase did not end where it seemed to
        cue = _span_text(s, k, k + (2 if english else 1))
        clause = max(x for x in s.starts if x <= k and (x == 0 or toks[x - 1].text in {";", ":"}))
        opens = k == clause or (k in s.starts and toks[k - 1].text != ",")
        content = _volgens_content(s, k, end, clause, opens)
        if content:
            initial = opens and (k == 0 or toks[k - 1].text != ":")
            drafts.append(_Draft(np, cue, k, "statement", content, volgens=True, clause_initial=initial))
    return drafts


def _volgens_content(s: _Sentence, k: int, end: int, clause: int, opens: bool) -> tuple[int, int] | None:
    """What 'volgens X' qualifies: the rest of the clause it opens, the clause before ', volgens X,' or
    '… according to X.', or else its whole clause."""
    toks = s.tokens
    if opens:
        comma = next((m for m in range(end, min(end + 7, len(toks))) if toks[m].text == ","), None)
        if comma is not None and _adverbial(toks, end, comma):  # "According to officials on Saturday, …"
            end = comma + 1
        return _content(s, end)
    if k > clause and _clause_end(s, end) <= end:  # "…, according to the police."
        return _content(s, clause, k - 1 if toks[k - 1].text == "," else k)
    return _content(s, clause)


def _trailing_drafts(s: _Sentence) -> list[_Draft]:
    """Attribution after the content: '“…”, zei hij.', '…, aldus de premier.', '"…," Peskov said.'."""
    toks = s.tokens
    n = len(toks)
    for c in range(2, n - 1):
        if toks[c].text != ",":
            continue
        if toks[c].quoted:  # English: ,” he said
            if not (c + 2 < n and toks[c + 1].text in _CLOSING_QUOTES and not toks[c + 2].quoted):
                continue
            q, content_end = c + 2, c + 2
        else:
            q, content_end = c + 1, c
        draft = _trailing_at(s, q, content_end)
        if draft:
            return [draft]
    return []


def _trailing_at(s: _Sentence, q: int, content_end: int) -> _Draft | None:
    """A trailing attribution starting at token q whose content ends before token content_end."""
    toks = s.tokens
    if toks[q].quoted:
        return None
    inverted = _INVERTED_TRAILING if s.language == "en" else _TRAILING | {"aldus"}
    if toks[q].low in inverted:
        cue = q
        found = _speaker(s, q + 1, len(toks))
        if found is None:
            return None
        speaker, tail = found
    else:
        found = _speaker(s, q, len(toks))
        if found is None:
            return None
        speaker, cue = found[0], _skip(toks, found[1], len(toks), _PRE_CUE)
        if cue >= len(toks) or toks[cue].quoted or toks[cue].low not in _TRAILING:
            return None
        tail = cue + 1
    if not _tail_ok(toks, tail, toks[cue].low):
        return None
    content = _strip(s.text, toks[0].start, toks[content_end - 1].end)
    if content is None:
        return None
    quote = _whole_quote(s, 0, content_end)
    second = _second_quote(s, tail)
    if quote and second and second[1] - second[0] > quote[1] - quote[0]:  # "“However,” he said, “this …”"
        quote = second
    words = sum(1 for t in toks[:content_end] if t.text[0].isalnum())
    if words < (2 if quote else 3):
        return None
    stance = "statement" if toks[cue].low == "aldus" else _VERBS[toks[cue].low][-1].stance
    return _Draft(speaker, toks[cue].text, cue, stance, quote or content, quoted=quote is not None)


def _second_quote(s: _Sentence, tail: int) -> tuple[int, int] | None:
    """The inner offsets of a quotation that resumes after a trailing attribution: ', “…”.'"""
    comma = next(
        (m for m in range(tail, len(s.tokens)) if s.tokens[m].text == "," and not s.tokens[m].quoted), None
    )
    return _whole_quote(s, comma + 1) if comma is not None else None


def _tail_ok(toks: list[_Tok], t: int, cue_low: str) -> bool:
    """After a trailing attribution only the sentence end or an adverbial may follow."""
    if t >= len(toks) or toks[t].text in {".", "!", "?"} or cue_low in {"told", "tells"}:
        return True
    tok = toks[t]
    if tok.quoted or tok.low in _COMPLEMENTIZERS:
        return False
    if tok.text == ",":  # "…, he said, adding …" / "…, he said, “…”"
        nxt = toks[t + 1] if t + 1 < len(toks) else None
        return bool(nxt) and (
            bool(_ING_TAIL.match(nxt.text)) or nxt.low in _TAIL_STARTERS or nxt.text in _OPENING_QUOTES
        )
    return tok.low in _TAIL_STARTERS or bool(_DAY.match(tok.low))


def _dat_drafts(s: _Sentence, previous: Span | None) -> list[_Draft]:
    """'X. Dat hebben de autoriteiten zondag bekendgemaakt.': the previous sentence is the content."""
    toks = s.tokens
    if previous is None or len(toks) < 3 or toks[0].text != "Dat" or s.language == "en":
        return []
    content = _strip(s.text, previous.start, previous.end - (s.text[previous.end - 1] == "."))
    found = _speaker(s, 2, len(toks))
    if content is None or found is None or found[0].kind == "pronoun":
        return []
    speaker, end = found
    verb_low = toks[1].low
    if verb_low in _VERBS and _VERBS[verb_low][-1].frame == "say" and not _VERBS[verb_low][-1].particle:
        return [_Draft(speaker, toks[1].text, 1, _VERBS[verb_low][-1].stance, content, "sentence")]
    if verb_low not in _PERFECT_AUX:
        return []
    for p in range(end, min(end + 8, len(toks))):
        two = toks[p].low == "laten" and p + 1 < len(toks) and toks[p + 1].low == "weten"
        if (toks[p].low in _PARTICIPLES or two) and _adverbial(toks, end, p):
            stance: Stance = "statement" if two else _PARTICIPLES[toks[p].low]
            cue = f"{toks[1].text} … {_span_text(s, p, p + 2 if two else p + 1)}"
            return [_Draft(speaker, cue, p, stance, content, "sentence")]
    return []


def _drafts(s: _Sentence, previous: Span | None) -> list[_Draft]:
    """All claims a sentence holds, one per cue, before resolution and pruning."""
    drafts: list[_Draft] = []
    used: set[int] = set()
    finders = (_passive_drafts, _perfect_drafts, _finite_drafts, _volgens_drafts, _trailing_drafts)
    for found in [_dat_drafts(s, previous), *(finder(s) for finder in finders)]:
        for draft in found:
            if draft.cue_pos not in used:
                drafts.append(draft)
                used.add(draft.cue_pos)
    return _prune(s, drafts)


_TRIM_WORDS = _words("en and maar but terwijl while hoewel although omdat because")
_DANGLING_THAT = re.compile(r"(?:,|\b(?:en|and|maar|but))\s+(?:dat|that)$", re.IGNORECASE)


def _anchor(s: _Sentence, draft: _Draft) -> int:
    """Where a claim's own words begin: its speaker (when before the cue) or its cue."""
    first = draft.cue_pos
    if draft.speaker is not None and draft.speaker.start < first:
        first = draft.speaker.start
    return s.tokens[first].start


def _prune(s: _Sentence, drafts: list[_Draft]) -> list[_Draft]:
    """Cut a content where another claim of the sentence begins; drop a mid-clause 'volgens' inside one."""
    anchors = {id(d): _anchor(s, d) for d in drafts}
    dropped: set[int] = set()
    for draft in drafts:
        for other in drafts:
            if other is draft or draft.content is None or draft.backref == "sentence":
                continue
            a, b = draft.content
            if a <= anchors[id(other)] < b and other.volgens and not other.clause_initial:
                dropped.add(id(other))
    out = []
    for draft in drafts:
        if id(draft) in dropped:
            continue
        if draft.content is not None and draft.backref != "sentence":
            a, b = draft.content
            for other in drafts:
                anchor = anchors[id(other)]
                if (
                    other is not draft
                    and id(other) not in dropped
                    and a < anchor < b
                    and _opens_clause(s.text, a, anchor)
                ):
                    b = anchor
            if b != draft.content[1]:
                trimmed = _trim(s.text, a, b)
                if trimmed is None:
                    continue
                draft = draft._replace(content=trimmed)
        out.append(draft)
    return out


def _opens_clause(text: str, a: int, anchor: int) -> bool:
    """True when a claim at `anchor` starts a new clause of its own (', maar volgens hem', 'en zei dat')."""
    return bool(re.search(r"(?:[,;:]\s*(?:\w+\s+)?|\b(?:en|and|maar|but)\s+)$", text[a:anchor]))


def _trim(text: str, a: int, b: int) -> tuple[int, int] | None:
    """Offsets a..b without trailing punctuation and dangling conjunctions ('…, maar')."""
    while True:
        stripped = _strip(text, a, b)
        if stripped is None:
            return None
        a, b = stripped
        while b > a and text[b - 1] in ",;:–—- ":
            b -= 1
        word = re.search(r"(\w+)$", text[a:b])
        dangling = word and (word.group(1).lower() in _TRIM_WORDS or _DANGLING_THAT.search(text[a:b]))
        if word and dangling and b - len(word.group(1)) > a:
            b -= len(word.group(1))
            continue
        return (a, b) if b > a else None


# ---------------------------------------------------------------------------------------------------------
# People named in the article, for pronouns and surnames


class _Person(NamedTuple):
    """A full name (two or more name tokens) seen at a position, with the role word just before it."""

    position: int
    name: str
    keys: frozenset[str]  # lower-cased short forms: surname, 'de jonge', the first of three names
    role: str


def _people(sentences: list[_Sentence], title: _Sentence | None) -> list[_Person]:
    """Every full personal name in the title and the text, in order."""
    everything = ([title] if title else []) + sentences
    runs = [(s, [_plain(t.text) for t in s.tokens[a:b]], a) for s in everything for a, b in _name_runs(s)]
    alone = {words[0].lower() for _, words, _ in runs if len(words) == 1}
    people = []
    for s, words, a in runs:
        names = [w for w in words if w.lower() not in _PARTICLES]
        if len(names) < 2 or any(w.lower() in _ORG_WORDS or w.isupper() for w in names):
            continue
        if len(names) == 2 and names[0].lower() in alone:  # "Azerbeidzjan Armenië" is two countries
            continue
        keys = {names[-1].lower(), " ".join(words[1:]).lower()}
        if len(names) >= 3:
            keys.add(names[0].lower())
        before = s.tokens[a - 1].low if a > 0 else ""
        role = before.rsplit("-", 1)[-1] if _noun_kind(before) == "person" else ""
        position = -1 if s is title else s.tokens[a].start
        people.append(_Person(position, " ".join(words), frozenset(keys), role))
    return people


def _plain(word: str) -> str:
    """A name token without a possessive ending ("Biden's" -> "Biden")."""
    return word[:-2] if word.endswith(("'s", "’s")) else word


def _name_runs(s: _Sentence) -> list[tuple[int, int]]:
    """Token ranges of capitalised name runs (with particles) in a sentence."""
    toks = s.tokens
    runs = []
    k = 0
    while k < len(toks):
        if not _is_name(toks, k, k == 0) or _noun_kind(toks[k].low):
            k += 1
            continue
        end = k + 1
        while end < len(toks):
            if _is_name(toks, end, False) and not _noun_kind(toks[end].low):
                end += 1
            elif end - k == 1 and _particles_end(toks, end, len(toks)) > end:
                end = _particles_end(toks, end, len(toks))
            elif (
                toks[end].text[0].isupper()
                and _plain(toks[end].text) != toks[end].text
                and not toks[end].quoted
            ):
                end += 1  # "Joe Biden's victory"
                break
            else:
                break
        runs.append((k, end))
        k = end
    return runs


def _full_name(people: list[_Person], short: str, before: int) -> str:
    """The one full name seen before `before` that `short` abbreviates ('Rutte' -> 'Mark Rutte'), else ''."""
    key = short.lower()
    found = {p.name for p in people if p.position < before and (key in p.keys or key == p.name.lower())}
    return found.pop() if len(found) == 1 else ""


def _name_for_role(people: list[_Person], role: str, before: int) -> str:
    """The one name seen before `before` right after this role word ('premier Mark Rutte'), else ''."""
    found = {p.name for p in people if p.position < before and p.role == role}
    return found.pop() if len(found) == 1 else ""


# ---------------------------------------------------------------------------------------------------------
# Resolution: speakers (pronouns, elided subjects, surnames), back-references, continued quotes


class _Who(NamedTuple):
    """A resolved speaker."""

    speaker: str
    name: str
    kind: str  # person | group | org | unknown (a bare name that may or may not be a person)


class _Done(NamedTuple):
    """An emitted claim with what later sentences may refer back to."""

    claim: Claim
    sentence: int
    who: _Who


def _who(s: _Sentence, np: _NP, people: list[_Person]) -> _Who:
    """The speaker as written, with a person's name expanded to the full name seen earlier."""
    position = s.tokens[np.start].start
    speaker = _span_text(s, np.start, np.end)
    if np.is_name:
        full = _full_name(people, np.name, position)
        if full:
            return _Who(speaker, full, "person")
        return _Who(speaker, np.name, np.kind)
    if np.role:
        return _Who(speaker, _name_for_role(people, np.role, position) or np.name, np.kind)
    return _Who(speaker, np.name, np.kind)


def _sentence_subject(s: _Sentence) -> _NP | None:
    """The subject that opens a sentence (after a conjunction or a fronted adverbial), if there is one."""
    toks = s.tokens
    candidates = [0, 1] if toks and toks[0].low in _CONJUNCTIONS else [0]
    comma = next((k for k, t in enumerate(toks[:14]) if t.text == "," and not t.quoted), None)
    if comma is not None and _np(s, 0, comma) is None:
        candidates.append(comma + 1)
    for k in candidates:
        found = _speaker(s, k, len(toks))
        if found is None:
            continue
        end = found[1]
        if (
            end < len(toks)
            and not toks[end].quoted
            and (toks[end].text == "," or toks[end].text[0].islower())
        ):
            return found[0]
    return None


class _Context(NamedTuple):
    """What pronoun resolution may look at."""

    index: int  # the sentence index
    subject: _Who | None  # the sentence's opening subject (not a pronoun)
    subject_start: int  # its token position
    here: list[_Who]  # speakers of earlier claims in this sentence
    referent: tuple[_Who, int] | None  # the last salient speaker or subject, and its sentence


def _resolve_pronoun(pronoun: str, position: int, ctx: _Context) -> _Who | None:
    """The speaker a pronoun stands for: the sentence's subject, an earlier speaker, or none."""
    kinds = _PRONOUNS[pronoun.lower()]
    if pronoun.lower() == "it":  # "The EBU said …. It said …"
        who, sentence = ctx.referent or (None, -1)
        return who if who and who.kind in kinds and sentence == ctx.index - 1 else None
    candidates = [ctx.subject] if ctx.subject and ctx.subject_start < position else []
    candidates += reversed(ctx.here)
    for who in candidates:
        if who.kind in kinds:
            return who
        if who.kind == "unknown":  # a bare name that may be a person: too uncertain
            return None
    if ctx.referent:
        who, sentence = ctx.referent
        if who.kind in kinds and (who.kind not in {"org", "unknown"} or sentence == ctx.index - 1):
            return who
    return None


def _speaker_of(
    s: _Sentence, draft: _Draft, subject: _NP | None, ctx: _Context, people: list[_Person]
) -> _Who | None:
    """The resolved speaker of a draft, or None when it cannot be pinned down."""
    np = draft.speaker if draft.speaker is not None else subject
    if np is None:
        return None
    if np.kind != "pronoun":
        return _who(s, np, people)
    if draft.speaker is None:  # an elided subject that is itself a pronoun
        ctx = ctx._replace(subject=None)
    return _resolve_pronoun(np.name, np.start, ctx)


def _backref(draft: _Draft, done: list[_Done], index: int) -> _Done | None:
    """The earlier claim a denial of 'dat'/'die beschuldiging'/'that account' refers to."""
    if draft.backref == "accusation":
        window = [d for d in done if index - 3 <= d.sentence < index and d.claim.stance == "accusation"]
    else:
        window = [d for d in done if d.sentence == index - 1]
    return window[-1] if window else None


def _continued_quote(
    article: Article, s: _Sentence, last: _Done, index: int, previous: Span | None
) -> Claim | None:
    """A sentence that is only a quotation continuing the quote of the sentence before ('“…”, zei hij. “…”')."""
    gap = article.text[previous.end : s.span.start] if previous else "\n\n"
    if last.sentence != index - 1 or not last.claim.quoted or re.search(r"\n\s*\n", gap):
        return None
    if any(not t.quoted for t in s.tokens if t.text not in {".", "!", "?"}):
        return None
    inner = _whole_quote(s, 0)
    if inner is None:
        return None
    claim = last.claim
    passage = (claim.start, s.span.end)
    return _build(article, claim.speaker, claim.speaker_name, claim.cue, claim.stance, inner, passage, True)


def _update_referent(
    ctx: _Context, subject: _NP | None, s: _Sentence, people: list[_Person]
) -> tuple[_Who, int] | None:
    """The salient speaker after a sentence: its last claim's speaker, its subject, or the one person named."""
    if ctx.here:
        return ctx.here[-1], ctx.index
    if subject is not None:
        return (ctx.subject, ctx.index) if ctx.subject else ctx.referent
    named: dict[str, str] = {}
    for a, b in _name_runs(s):
        short = _plain(_span_text(s, a, b))
        full = _full_name(people, short, s.tokens[b - 1].end + 1)
        if full:
            named[full] = short
    if len(named) == 1:
        full, short = named.popitem()
        return _Who(short, full, "person"), ctx.index
    return None if named else ctx.referent


# ---------------------------------------------------------------------------------------------------------
# Public API


def extract_claims(article: Article) -> list[Claim]:
    """Attributed statements in a Dutch or English article, in text order (other languages yield none)."""
    language = article.language if article.language in {"nl", "en"} else ""
    if not language:
        return []
    text = article.text
    spans = split_sentences(text, language)
    sentences = [_sentence(text, span, language) for span in spans]
    title = _sentence(article.title, Span(0, len(article.title)), language) if article.title else None
    people = _people(sentences, title)
    done: list[_Done] = []
    referent: tuple[_Who, int] | None = None
    for index, s in enumerate(sentences):
        previous = spans[index - 1] if index else None
        subject = _sentence_subject(s)
        subject_who = _who(s, subject, people) if subject and subject.kind != "pronoun" else None
        ctx = _Context(index, subject_who, subject.start if subject else 0, [], referent)
        for draft in sorted(_drafts(s, previous), key=lambda d: d.cue_pos):
            who = _speaker_of(s, draft, subject, ctx, people)
            claim = _claim(article, s, draft, who, done, index) if who else None
            if claim and who:
                done.append(_Done(claim, index, who))
                ctx.here.append(who)
        continued = _continued_quote(article, s, done[-1], index, previous) if done and not ctx.here else None
        if continued:
            done.append(_Done(continued, index, done[-1].who))
            ctx.here.append(done[-1].who)
        referent = _update_referent(ctx, subject, s, people)
    return sorted((d.claim for d in done), key=lambda c: (c.start, c.content_start))


def _claim(
    article: Article, s: _Sentence, draft: _Draft, who: _Who, done: list[_Done], index: int
) -> Claim | None:
    """Build the Claim for a resolved draft, following a back-reference when it has one."""
    passage = (s.span.start, s.span.end)
    content = draft.content
    if draft.backref in {"claim", "accusation"}:
        earlier = _backref(draft, done, index)
        if earlier is not None:
            content = (earlier.claim.content_start, earlier.claim.content_end)
            passage = (min(earlier.claim.start, passage[0]), passage[1])
        else:
            content = draft.fallback
    if content is None:
        return None
    passage = (min(passage[0], content[0]), max(passage[1], content[1]))
    return _build(article, who.speaker, who.name, draft.cue, draft.stance, content, passage, draft.quoted)


def _build(
    article: Article,
    speaker: str,
    name: str,
    cue: str,
    stance: Stance,
    content: tuple[int, int],
    passage: tuple[int, int],
    quoted: bool,
) -> Claim:
    """The Claim record."""
    return Claim(
        article_id=article.id,
        speaker=speaker,
        speaker_name=name,
        cue=cue,
        stance=stance,
        content=article.text[content[0] : content[1]],
        start=passage[0],
        end=passage[1],
        content_start=content[0],
        content_end=content[1],
        date=article.date,
        language=article.language,
        quoted=quoted,
    )
