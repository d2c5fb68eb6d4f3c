"""Names of countries, peoples and languages as English, Dutch and German write them, for grounding checks.

An answer in English about Dutch articles says "the Dutch cabinet" where the article says "het Nederlandse
kabinet": each row holds the spellings that name the same thing.
"""

from __future__ import annotations

from index.keywords import fold

_ROWS = """
netherlands nederland niederlande holland | dutch nederlands nederlandse nederlander niederländisch
germany duitsland deutschland | german duits duitse deutsch deutsche
belgium belgie belgien | belgian belgisch belgische
france frankrijk frankreich | french frans franse französisch
britain brittannie grossbritannien kingdom koninkrijk | british brits britse britisch english engels engelse
russia rusland russland | russian russisch russische
ukraine oekraine | ukrainian oekraiens oekraiense ukrainisch
america amerika states staten vs usa | american amerikaans amerikaanse amerikanisch
china | chinese chinees chinesisch
turkey turkije turkei | turkish turks turkse türkisch
spain spanje spanien | spanish spaans spaanse spanisch
italy italie italien | italian italiaans italiaanse italienisch
poland polen | polish pools poolse polnisch
greece griekenland griechenland | greek grieks griekse griechisch
europe europa | european europees europese europäisch
israel | israeli israelisch israelische
armenia armenie armenien | armenian armeens armeense armenisch
azerbaijan azerbeidzjan aserbaidschan | azerbaijani azerbeidzjaans azerbeidzjaanse aserbaidschanisch
iran | iranian iraans iraanse iranisch
iraq irak | iraqi iraaks iraakse irakisch
syria syrie syrien | syrian syrisch syrische
egypt egypte agypten | egyptian egyptisch egyptische agyptisch
japan | japanese japans japanse japanisch
india indie indien | indian indiaas indiase indisch
switzerland zwitserland schweiz | swiss zwitsers zwitserse schweizer
austria oostenrijk osterreich | austrian oostenrijks oostenrijkse osterreichisch
sweden zweden schweden | swedish zweeds zweedse schwedisch
norway noorwegen norwegen | norwegian noors noorse norwegisch
denmark denemarken danemark | danish deens deense danisch
hungary hongarije ungarn | hungarian hongaars hongaarse ungarisch
ireland ierland irland | irish iers ierse irisch
morocco marokko | moroccan marokkaans marokkaanse marokkanisch
afghanistan | afghan afghaans afghaanse afghanisch
korea | korean koreaans koreaanse koreanisch
palestine palestina | palestinian palestijns palestijnse palastinensisch
lebanon libanon | lebanese libanees libanese libanesisch
saudi saoedi
"""


def _groups() -> dict[str, frozenset[str]]:
    """Each folded spelling mapped to every spelling of the same name."""
    table: dict[str, frozenset[str]] = {}
    for row in _ROWS.strip().splitlines():
        for part in row.split("|"):
            names = frozenset(fold(word) for word in part.split())
            for name in names:
                table[name] = names
    return table


EXONYMS = _groups()


def other_spellings(name: str) -> frozenset[str]:
    """The other spellings of a folded name (empty when the table does not know it)."""
    return EXONYMS.get(name, frozenset())
