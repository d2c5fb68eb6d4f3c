"""The Dutch words of the claim extractor's lexicon: cue verbs, speaker nouns and function words."""

from __future__ import annotations

from index.claims.lexicon.base import SAY, CueRow, StanceRow, Verb

# Cue verbs by reading; "*" marks a form that questions use too ("wie ontkende", "wie liet weten").
CUES: list[CueRow] = [
    ("zei* zeiden* zegt* zeggen* meldde* meldden meldt* melden* verklaarde* verklaarden verklaart", SAY),
    ("stelde stelden stelt schreef schreven schrijft benadrukte benadrukten klaagde klaagden", SAY),
    ("concludeerde concludeerden concludeert oordeelde oordeelden oordeelt", SAY),
    ("vervolgde vervolgden vervolgt onthulde onthulden onthult reageerde reageerden reageert", SAY),
    ("adviseerde adviseerden adviseert", Verb("statement", "object")),
    ("riep riepen roept", Verb("statement", "object", "op")),
    ("waarschuwde waarschuwden waarschuwt", Verb("warning", "prep", "voor")),
    ("dreigde dreigden dreigt", Verb("warning", "prep", "met")),
    ("uitte uitten", Verb("accusation", "prep", "kritiek op")),
    ("vertelde vertelden vertelt", Verb("statement", "say", takes_object=True)),
    ("bevestigde bevestigden bevestigt noemde noemden noemt", Verb("statement", "object")),
    ("eiste eisten eist", Verb("claim", "object", "op")),
    ("eiste eisten eist", Verb("statement", "object")),
    ("opeiste opeisten opeist", Verb("claim", "object")),
    ("verzekerde verzekerden verzekert", Verb("statement", "say", takes_object=True)),
    ("liet* lieten laat", Verb("statement", "say", "weten")),
    ("bracht brachten brengt", Verb("statement", "say", "naar buiten")),
    ("wees wezen wijst wijzen", Verb("statement", "say", "erop")),
    ("merkte merkten merkt", Verb("statement", "say", "op")),
    ("voegde voegden voegt", Verb("statement", "say", "toe")),
    ("stelde stelden stelt", Verb("statement", "say", "vast")),
    ("sprak spraken spreekt", Verb("statement", "speak_of")),
    ("beweerde* beweerden* beweert* claimde* claimden* claimt* voorspelde voorspelden", Verb("claim", "say")),
    ("betoogde betoogden betoogt volhield volhielden", Verb("claim", "say")),
    ("hield hielden houdt", Verb("claim", "say", "vol")),
    ("ontkende* ontkenden* ontkent* bestreed bestreden bestrijdt", Verb("denial", "deny")),
    ("verwierp* verwierpen verwerpt weersprak weerspraken weerspreekt", Verb("denial", "deny")),
    ("tegensprak tegenspraken afwees afwezen", Verb("denial", "deny")),
    ("sprak spraken spreekt", Verb("denial", "deny", "tegen", True)),
    ("wees wezen wijst", Verb("denial", "deny", "af", True)),
    ("wees wezen wijst", Verb("denial", "deny", "van de hand", True)),
    ("deed deden doet", Verb("denial", "deny", "af", True)),
    ("trok trokken trekt", Verb("denial", "deny", "in twijfel", True)),
    (
        "beschuldigde* beschuldigden* beschuldigt* beschuldigen* verweet* verweten verwijt",
        Verb("accusation", "accuse"),
    ),
    ("bekritiseerde bekritiseerden bekritiseert", Verb("accusation", "object")),
    ("kondigde* kondigden kondigt", Verb("announcement", "object", "aan")),
    ("kondigde kondigden kondigt", Verb("announcement", "object", "af")),
    ("maakte* maakten maakt", Verb("announcement", "object", "bekend")),
    ("aankondigde aankondigden bekendmaakte bekendmaakten", Verb("announcement", "say")),
    ("beloofde beloofden belooft", Verb("announcement", "object")),
    ("waarschuwde* waarschuwden waarschuwt*", Verb("warning", "say", takes_object=True)),
    ("vreesde vreesden vreest", Verb("warning", "say")),
    ("dreigde dreigden dreigt", Verb("warning", "object")),
    ("erkende* erkenden erkent*", Verb("admission", "say")),
    ("bekende bekenden bekent", Verb("admission", "object")),
    ("gaf* gaven geeft", Verb("admission", "say", "toe")),
    ("toegaf toegaven toegeeft", Verb("admission", "say")),
]
# Cues that may follow their content: "“…”, zei hij."
TRAILING = (
    "zei zeiden zegt zeggen schreef schreven schrijft verklaarde meldde stelde benadrukte beweerde waarschuwde "
    "vervolgde"
)
# The perfect tense: "heeft … verklaard dat".
PARTICIPLES: list[StanceRow] = [
    ("gezegd gemeld verklaard gesteld vastgesteld geschreven benadrukt geconcludeerd", "statement"),
    ("bevestigd verteld onthuld geëist", "statement"),
    ("bekritiseerd", "accusation"),
    ("beweerd geclaimd volgehouden betoogd", "claim"),
    ("ontkend* tegengesproken* bestreden verworpen", "denial"),
    ("aangekondigd bekendgemaakt beloofd", "announcement"),
    ("gewaarschuwd gedreigd", "warning"),
    ("erkend toegegeven", "admission"),
]
PERFECT_AUX = "heeft hebben had hadden"
# Participles that may report an object: "Het bedrijf heeft elke betrokkenheid ontkend."
OBJECT_PARTICIPLES = (
    "ontkend tegengesproken bestreden verworpen aangekondigd bekendgemaakt beloofd erkend toegegeven bevestigd "
    "geëist bekritiseerd"
)
# The passive with an agent: "wordt ontkend door X".
PASSIVE: list[StanceRow] = [
    ("ontkend tegengesproken betwist weersproken bestreden verworpen afgewezen", "denial"),
    ("beweerd geclaimd", "claim"),
    ("bevestigd gemeld", "statement"),
    ("aangekondigd bekendgemaakt", "announcement"),
]
PASSIVE_AUX = "wordt werd worden werden is was zijn waren"
AGENT = "door"
COMPLEMENTIZERS = "dat"
ACCUSE_LINKS = "ervan van dat"

# Heads of speaker phrases: people by their role, groups, and organisations.
PERSON_NOUNS = (
    "president premier minister staatssecretaris woordvoerder woordvoerster leider voorzitter secretaris "
    "secretaris-generaal burgemeester rechter jurist advocaat kamerlid lijsttrekker topman topvrouw voorman "
    "directeur adviseur ambtgenoot commandant verkenner bewindsman bewindsvrouw koning koningin paus "
    "ambassadeur gouverneur journalist correspondent onderzoeker deskundige hoogleraar viroloog oprichter "
    "zanger zangeres archeoloog historicus wetenschapper econoom politicoloog socioloog psycholoog schrijver "
    "auteur officier aanklager verdachte chauffeur getuige slachtoffer arts eigenaar medewerker moeder vader zoon dochter broer zus weduwe echtgenoot echtgenote dhr mevrouw"
)
GROUP_NOUNS = (
    "autoriteiten critici deskundigen experts ingewijden bronnen media onderzoekers wetenschappers "
    "demonstranten betogers ondernemers boeren ouders bewoners inwoners politici kamerleden ministers leiders "
    "partijen landen rederijen organisatoren advocaten rechters raadsheren artsen ambtenaren functionarissen "
    "diplomaten militairen analisten getuigen aanklagers nabestaanden gedupeerden verkenners"
)
ORG_NOUNS = (
    "ministerie kabinet regering overheid oppositie coalitie partij fractie commissie rechtbank hof "
    "gerechtshof politie leger krijgsmacht raad kiesraad organisatie gemeente ambassade bestuur bedrijf "
    "rederij bond vakbond actiegroep groep unie kremlin agentschap inspectie toezichthouder persbureau omroep "
    "krant beheerder band familie beweging club"
)
PLACE_NOUNS = "hoofdstad stad regio provincie land gebied"
# Quantities before 'van' that leave the head to the noun after it: "een aantal van de partijen".
QUANTITIES = "aantal meerderheid"
# Compounds end in their head: "Kiesraadvoorzitter", "enquêtecommissie", "oppositiepartijen".
COMPOUND_HEADS: list[tuple[str, str]] = [
    (
        "voorzitter leider woordvoerder woordvoerster minister president premier secretaris "
        "rechter topman topvrouw voorman verkenner kamerlid secretaris-generaal",
        "person",
    ),
    ("kamerleden partijen autoriteiten media", "group"),
    ("commissie ministerie autoriteit raad partij agentschap groep bureau dienst omroep beweging", "org"),
]
NOT_COMPOUNDS = "voorraad beraad toeraad dienst"

# Function words that may open an object a cue reports: "eiste de aanval op", "kondigde drie dagen rouw af".
OBJECT_STARTERS = "de het een zijn haar hun geen alle enkele beide ons onze"
DETERMINERS = "de het een beide zijn haar hun alle enkele tientallen honderden duizenden"
ARTICLES = "de het een"
# Pronouns with the kinds of referent they may stand for.
PRONOUNS: list[tuple[str, str]] = [
    ("hij hem", "person"),
    ("haar", "person"),
    ("zij ze", "person group org unknown"),
    ("hen", "group org"),
]
NAME_PARTICLES = "van de der den ter te"
CAP_PARTICLES = "Van De Den Der Ter"
NUMBERS = "twee drie vier vijf zes zeven acht negen tien"
MONTHS = "januari februari maart april mei juni juli augustus september oktober november december"
DAY = (
    r"^(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)(?:ochtend|middag|avond|nacht|morgen)?$"
)
# Function words, adverbs and time words: never part of a name.
STOP = (
    "men onlangs "
    "de het een en of maar dat dit die deze er hij zij ze wij we ik jij je u hem haar hen hun zijn ons onze mijn "
    "wie wat waar wanneer hoe waarom als omdat terwijl toen nadat hoewel zodat want dus ook toch nog al wel niet "
    "geen nu dan daar hier daarna daarom daaruit bovendien intussen inmiddels tegelijk vervolgens echter zo in op "
    "aan bij met van voor na naar om over door onder uit tot tegen tegenover tijdens sinds vanaf zonder ondanks "
    "volgens namens per via rond binnen buiten achter langs tussen te is was waren wordt werd worden werden heeft "
    "hebben had hadden kan kon zal zou moet moest wil wilde mag mocht gisteren vandaag morgen eerder later "
    "opnieuw nogmaals beide enkele veel weinig iedereen niemand niets alles anderen sommigen velen elk elke "
    "ieder iedere januari februari maart april mei juni juli augustus september oktober november december"
)
ADVERBS = (
    "ook zelf later eerder nog al opnieuw nogmaals bovendien daarom dan toen wel echter toch gisteren "
    "vandaag inmiddels nu vervolgens daarna meteen direct alleen eveneens eraan erbij daarbij resoluut "
    "stellig categorisch nadrukkelijk uitdrukkelijk publiekelijk openlijk expliciet herhaaldelijk "
    "steeds altijd eerst vorig vorige deze tegelijk intussen daarop ondertussen juist zelfs namelijk "
    "slechts week maand jaar onlangs recent aanvankelijk uiteindelijk kort zo"
)
PREPOSITIONS = "in op tegen tegenover tijdens na bij met via aan voor over namens vanaf sinds rond"
NEGATIONS = "niet geen"
# Inside a prepositional phrase: "on behalf of the ministry".
PP_LINKS = "van"
# Before a time noun or a day: "last week".
TIME_SHIFTS = "afgelopen vorige volgende komende"
# Relative pronouns that may open a speaker's clause: "Toronto Police, which indicated …".
RELATIVES = "die"
# Relative pronouns that take up the clause before: "…, which he denied".
WHAT_RELATIVES = "wat"
# What a source may speak through: "volgens een verklaring van X".
DOCUMENTS = "verklaring rapport"
AGENTS_OF = "van"
# What opens an infinitive a cue reports: "zei diep geschokt te zijn".
INFINITIVE_MARKERS = "te"
# What may follow a particle and open the content: "riep op tot een onderzoek", "riep X op om …".
PARTICLE_LINKS = "om tot"
CONJUNCTIONS = "maar en ook toch"
SUBORDINATORS = "toen nadat omdat terwijl hoewel"
# Besides prepositions and adverbs, what may open the short front before a verb-second cue.
FRONT_STARTERS = "een ondertussen tegelijkertijd daarnaast volgens"
TIME_NOUNS = "week dag maand jaar uur"
# Besides prepositions and adverbs, what may follow a trailing attribution.
TAIL_STARTERS = "tegen in op na met"
DEMONSTRATIVES = "dat dit het die deze"
ACCUSATION_WORDS = "beschuldiging beschuldigingen verwijt verwijten"
# Words that make a capitalised run an organisation rather than a person's name.
ORG_WORDS = (
    "ministerie unie partij raad kamer commissie agentschap dienst groep leger politie naties staten "
    "koninkrijk republiek fonds parlement senaat congres autoriteit instituut stichting comité kruis "
    "maatschappij democratie zaken defensie financiën volksgezondheid justitie nederland"
)
# Conjunctions a trimmed content may not end in.
TRIM_WORDS = "en maar terwijl hoewel omdat met"
