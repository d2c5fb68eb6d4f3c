"""Background passages: everyday news sentences on no topic in particular, written for this project.

Their mean vector per language is the prior of that language's centre (see vectors.py): a small corpus is
centred mostly on ordinary news text rather than on its own few articles, so relevance scores stay meaningful
from the first article on.
"""

from __future__ import annotations

BACKGROUND: dict[str, list[str]] = {
    "en": [
        "The city council will vote on the new budget next week.",
        "Heavy rain is expected in the north of the country on Tuesday.",
        "The company reported higher profits for the third quarter.",
        "Tickets for the concert sold out within an hour.",
        "The minister visited a school to talk about the new curriculum.",
        "Police closed the road for several hours after the accident.",
        "The team won the match after a late goal in the second half.",
        "Prices in supermarkets rose again last month, the statistics office said.",
        "The museum opens a new exhibition on modern painting this weekend.",
        "Train services were delayed because of a signal fault near the station.",
        "Scientists published a study on the health effects of sleep.",
        "The festival drew tens of thousands of visitors over three days.",
        "Farmers are worried about the dry summer and the harvest.",
        "The government announced plans to build more affordable homes.",
        "A new hospital wing was opened by the mayor on Friday.",
        "Unions and employers reached an agreement on wages.",
        "The airport expects record numbers of travellers this holiday season.",
        "The court will give its ruling in the case next month.",
        "Residents complained about noise from the construction site.",
        "The national library launched a project to digitise old newspapers.",
    ],
    "nl": [
        "De gemeenteraad stemt volgende week over de nieuwe begroting.",
        "Dinsdag wordt in het noorden van het land veel regen verwacht.",
        "Het bedrijf maakte een hogere winst bekend over het derde kwartaal.",
        "De kaartjes voor het concert waren binnen een uur uitverkocht.",
        "De minister bezocht een school om over het nieuwe lesprogramma te praten.",
        "De politie sloot de weg na het ongeluk urenlang af.",
        "Het elftal won de wedstrijd dankzij een late treffer in de tweede helft.",
        "De prijzen in de supermarkt stegen vorige maand opnieuw, meldt het statistiekbureau.",
        "Het museum opent dit weekend een nieuwe tentoonstelling over moderne schilderkunst.",
        "Treinen hadden vertraging door een seinstoring bij het station.",
        "Wetenschappers publiceerden een onderzoek naar de gevolgen van slaap voor de gezondheid.",
        "Het festival trok in drie dagen tienduizenden bezoekers.",
        "Boeren maken zich zorgen over de droge zomer en de oogst.",
        "Het kabinet kondigde plannen aan om meer betaalbare woningen te bouwen.",
        "De burgemeester opende vrijdag een nieuwe vleugel van het ziekenhuis.",
        "Vakbonden en werkgevers bereikten een akkoord over de lonen.",
        "Het vliegveld verwacht deze vakantie een recordaantal reizigers.",
        "De rechtbank doet volgende maand uitspraak in de zaak.",
        "Bewoners klaagden over lawaai van de bouwplaats.",
        "De Koninklijke Bibliotheek begon een project om oude kranten te digitaliseren.",
    ],
}
