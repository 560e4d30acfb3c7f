"""Write the fictional interview segments and codebook of the Hengelo sample.

Usage::

    python scripts/make_fictional_interviews.py

Writes ``buurtdata/datasets/hengelo/interviews_fictief.csv`` and
``codebook.csv``. The respondents, quotes, names, e-mail addresses and
phone numbers are made up; the buurt and wijk names, codes and postcodes
are CBS's real ones for Hengelo (O.) (KWB 2024), so that every way a
location gets written down in practice can be tried on real regions: a
code with and without ``BU``, a name with odd case or a typo, a postcode,
a wijk, a name shared by a wijk and a buurt, and places that cannot be
found at all. The output is the same on every run (fixed seed).

It also writes ``pc6hnr_fictief.csv``, a table in the shape of CBS's
``PC6;Huisnummer;Buurt...;Wijk...;Gemeente...`` file holding ONLY the
made-up addresses the interviews mention. Their postcodes end in SA, SD or
SS, letter pairs PostNL never issues, so no real address is described; the
4 digits are the buurt's real most common postcode. The coordinates a few
segments carry are a point inside the buurt's polygon (``buurten.gpkg``).

And ``interviews_fictief_plaatsen.csv``: where each segment was meant to be
placed, so that tests check the location resolver against this script's
intent rather than against its own earlier output. A segment meant for a
buurt has its buurt and wijk code, one only a wijk can be read from (a wijk
name or code, a 4-digit postcode all of whose buurten lie in one wijk) its
wijk code, and one that cannot be placed (unknown, ambiguous, outside the
gemeente, empty) neither.
"""

from __future__ import annotations

import csv
import random
from datetime import date, timedelta
from pathlib import Path
from typing import NamedTuple

import geopandas as gpd
import pandas as pd

SEED = 20250314
SAMPLE = Path(__file__).resolve().parents[1] / "buurtdata" / "datasets" / "hengelo"
FICTIEF = [
    "# FICTIEF - deze gegevens zijn verzonnen voor demonstratie en tests van buurtdata.",
    "# Ze gaan niet over echte mensen: respondenten, citaten, namen, e-mailadressen en telefoonnummers zijn bedacht.",
    "# Alleen de namen, codes en postcodes van wijken en buurten zijn echt (CBS Kerncijfers wijken en buurten 2024).",
    "# Gemaakt door scripts/make_fictional_interviews.py; pas dat script aan in plaats van dit bestand.",
]

# Theme -> (description, {subcode: description}).
CODEBOOK: dict[str, tuple[str, dict[str, str]]] = {
    "Ontmoeten": (
        "Plekken en gelegenheden waar buurtbewoners elkaar tegenkomen.",
        {
            "Buurthuis": "Het buurthuis of wijkcentrum: openingstijden, sfeer, wie er komt en wie niet.",
            "Activiteiten": "Georganiseerde activiteiten zoals koffieochtend, eettafel of buurtfeest.",
            "Geen plek": "Er is geen laagdrempelige plek om elkaar te ontmoeten.",
        },
    ),
    "Eenzaamheid": (
        "Zich alleen voelen, weinig mensen zien of spreken.",
        {
            "Ouderen alleen": "Ouderen die alleen wonen en weinig bezoek of contact hebben.",
            "Weinig contact met buren": "Buren kennen elkaar niet of nauwelijks.",
        },
    ),
    "Veiligheid": (
        "Hoe veilig mensen zich voelen in huis, op straat en in het verkeer.",
        {
            "Verkeer": "Te hard rijden, onveilige oversteekplekken, parkeren op stoep of fietspad.",
            "Overlast": "Geluid, drugs, vernieling, burenruzie.",
            "Onveilig gevoel": "Zich 's avonds of op bepaalde plekken niet veilig voelen; inbraak.",
        },
    ),
    "Jongeren": (
        "Wat jongeren in de buurt doen, missen en meemaken.",
        {
            "Hangplekken": "Jongeren die buiten samenkomen, en hoe de buurt daarop reageert.",
            "Weinig te doen": "Te weinig plekken, sport of activiteiten voor jongeren.",
            "Toekomst en werk": "School, bijbaan, stage, werk; jongeren die uit beeld raken.",
        },
    ),
    "Geldzorgen": (
        "Moeite met rondkomen en de gevolgen daarvan.",
        {
            "Energierekening": "Hoge energiekosten, slecht geïsoleerde woningen, energietoeslag.",
            "Schulden": "Betalingsachterstanden, deurwaarder, schuldhulp en de drempel ernaartoe.",
            "Rondkomen": "Boodschappen, voedselbank, geen geld voor kinderen of iets leuks.",
        },
    ),
    "Wonen": (
        "De woning en de woningmarkt.",
        {
            "Onderhoud": "Onderhoud en reparaties door corporatie of verhuurder.",
            "Vocht en schimmel": "Vochtige woningen, schimmel en de gevolgen voor de gezondheid.",
            "Woningzoeken": "Wachtlijsten, geen passende of betaalbare woning in de buurt.",
        },
    ),
    "Groen en openbare ruimte": (
        "Straten, pleinen, groen en speelplekken.",
        {
            "Speelplekken": "Plekken om te spelen voor kinderen.",
            "Zwerfafval": "Afval, grofvuil en hondenpoep op straat en in het groen.",
            "Groen": "Bomen, parken, tuinen, onderhoud van het groen, hitte.",
        },
    ),
    "Vertrouwen in instanties": (
        "Vertrouwen in gemeente, corporatie en andere organisaties.",
        {
            "Niet gehoord": "Inspraak zonder gevolg, meldingen zonder antwoord.",
            "Regels en formulieren": "Loketten, formulieren, DigiD, brieven in moeilijke taal.",
        },
    ),
    "Continuïteit van hulp": (
        "Of hulp en ondersteuning er blijven en dezelfde blijven.",
        {
            "Wisselende hulpverleners": "Steeds andere hulpverleners, het verhaal steeds opnieuw vertellen.",
            "Wachttijden": "Wachten op zorg, indicatie of een afspraak.",
            "Projecten stoppen": "Goede projecten die stoppen als de financiering ophoudt.",
        },
    ),
    "Gezondheid": (
        "Lichamelijke en psychische gezondheid, zorg voor elkaar.",
        {
            "Mantelzorg": "Zorgen voor een naaste, overbelasting, respijtzorg.",
            "Psychisch welzijn": "Somberheid, stress, verslaving.",
        },
    ),
    "Samen doen": (
        "Wat bewoners zelf en samen oppakken.",
        {
            "Vrijwilligers": "Vrijwilligerswerk en wie het doet.",
            "Bewonersinitiatief": "Initiatieven van bewoners en de steun die ze krijgen.",
        },
    ),
    "Voorzieningen": (
        "Winkels, bibliotheek, vervoer en andere voorzieningen dichtbij.",
        {
            "Winkels": "Supermarkt, winkelcentrum, pinautomaat, kleine ondernemers.",
            "Openbaar vervoer": "Bus, belbus en bereikbaarheid zonder auto.",
        },
    ),
}

# Theme -> [(subcode or "" for the theme itself, who can say it, quote)]; who: b(ewoner),
# p(rofessional), o(ndernemer) or * (anyone). Names, e-mail and phone numbers are fictional.
QUOTES: dict[str, list[tuple[str, str, str]]] = {
    "Ontmoeten": [
        (
            "Buurthuis",
            "*",
            "Het buurthuis is alleen nog op dinsdag en donderdag open, de rest van de week staat iedereen buiten.",
        ),
        (
            "Buurthuis",
            "b",
            "Sinds de koffie in het buurthuis geld kost, komen juist de mensen die het nodig hebben niet meer.",
        ),
        ("Buurthuis", "p", "In het buurthuis zie ik steeds dezelfde gezichten, nieuwe bewoners vinden de weg niet."),
        ("Buurthuis", "b", "Ze willen het buurthuis sluiten en dan moeten we naar de andere kant van de wijk."),
        (
            "Buurthuis",
            "b",
            "Het buurthuis voelt als iets van de vaste club, als nieuwkomer stap je daar niet zomaar binnen.",
        ),
        (
            "Activiteiten",
            "b",
            "Bij de eettafel op woensdag zitten we met twintig man, "
            "voor veel mensen is dat de enige warme maaltijd samen.",
        ),
        (
            "Activiteiten",
            "*",
            "Het buurtfeest was mooi, maar het wordt elk jaar door dezelfde drie mensen georganiseerd.",
        ),
        (
            "Activiteiten",
            "b",
            "Bel me gerust, mijn nummer is 06-12345678, dan kom ik een keer helpen bij de koffieochtend.",
        ),
        (
            "Activiteiten",
            "p",
            "De activiteiten zijn vooral voor ouderen, voor gezinnen met jonge kinderen is er weinig.",
        ),
        (
            "Activiteiten",
            "b",
            "Als er iets georganiseerd wordt hoor ik het pas achteraf, het staat alleen op Facebook.",
        ),
        ("Activiteiten", "b", "Een kop koffie in de buurtkamer is voor mij het hoogtepunt van de week."),
        ("Activiteiten", "*", "Er is genoeg te doen, maar je moet het weten. Niemand vertelt het je."),
        ("Geen plek", "b", "Er is hier geen bankje, geen pleintje, niks. Je loopt langs elkaar heen."),
        ("Geen plek", "b", "Vroeger had je de supermarkt op de hoek, daar sprak je elkaar. Nu is er niets meer."),
        (
            "Geen plek",
            "*",
            "Ouders staan bij het schoolplein te praten, verder is er geen plek waar je elkaar tegenkomt.",
        ),
        ("Geen plek", "p", "We zoeken een ruimte voor het taalcafé, maar alles is te duur of te ver weg."),
        ("", "o", "Op de markt op zaterdag spreken mensen elkaar meer dan de hele week."),
    ],
    "Eenzaamheid": [
        (
            "Ouderen alleen",
            "b",
            "Mevrouw Bosman op nummer 14 zit sinds haar man is overleden alleen thuis, niemand komt daar.",
        ),
        (
            "Ouderen alleen",
            "b",
            "Ik zie soms dagen niemand. De thuiszorg komt, maar die heeft geen tijd voor een praatje.",
        ),
        ("Ouderen alleen", "p", "Veel ouderen hier durven niet te zeggen dat ze eenzaam zijn, ze schamen zich."),
        ("Ouderen alleen", "b", "Sinds ik niet meer kan fietsen kom ik de wijk bijna niet meer uit."),
        (
            "Ouderen alleen",
            "p",
            "Bij huisbezoeken bij tachtigplussers staat de televisie vaak de hele dag aan, voor de gezelligheid.",
        ),
        ("Ouderen alleen", "b", "Mijn kinderen wonen in Zwolle en Utrecht, die zie ik met de feestdagen."),
        ("Ouderen alleen", "b", "Sinds mijn vrouw er niet meer is, praat ik vooral met de hond."),
        ("Ouderen alleen", "b", "Op zondag is het het ergst, dan is alles dicht en belt niemand."),
        (
            "Weinig contact met buren",
            "b",
            "Ik woon hier nu vier jaar en ken alleen de buren links, en dat is nog van gedag zeggen.",
        ),
        (
            "Weinig contact met buren",
            "*",
            "Er komen steeds nieuwe mensen die na een jaar weer vertrekken, dan investeer je niet meer in contact.",
        ),
        (
            "Weinig contact met buren",
            "*",
            "Veel nieuwe bewoners spreken nog geen Nederlands, dan blijft het bij zwaaien.",
        ),
        (
            "Weinig contact met buren",
            "b",
            "Met corona is het contact in de straat weggezakt en nooit meer teruggekomen.",
        ),
        ("Weinig contact met buren", "b", "Iedereen werkt, overdag is de straat leeg."),
        (
            "Weinig contact met buren",
            "b",
            "Ik zou best iets willen doen voor een buurvrouw, maar ik weet niet wie hulp nodig heeft.",
        ),
        ("Weinig contact met buren", "b", "In de flat groet niemand elkaar in de lift."),
        ("Weinig contact met buren", "b", "Toen ik ziek was, merkte niemand in de straat dat ik er niet was."),
        ("", "p", "Het zijn niet alleen ouderen, ook jonge moeders zitten hier veel alleen thuis."),
        ("", "o", "Mijn klanten komen ook voor een praatje, voor sommigen is dat het enige contact op een dag."),
    ],
    "Veiligheid": [
        (
            "Verkeer",
            "b",
            "Op de doorgaande weg wordt keihard gereden, ik laat mijn kinderen daar niet alleen oversteken.",
        ),
        ("Verkeer", "b", "Er staan overal auto's op de stoep, met een rollator kom je er niet langs."),
        ("Verkeer", "*", "Bij de school is het om half negen levensgevaarlijk met al die ouders in de auto."),
        ("Verkeer", "b", "De drempels zijn weggehaald bij de herinrichting en sindsdien wordt er weer geracet."),
        ("Verkeer", "b", "Er wordt geparkeerd op het fietspad, de kinderen moeten dan de weg op."),
        ("Overlast", "b", "'s Nachts wordt er bij de garageboxen gedeald, iedereen weet het maar niemand doet iets."),
        (
            "Overlast",
            "b",
            "Er is al twee jaar ruzie met de buren over de hond, de wijkagent zegt dat hij er niets mee kan.",
        ),
        (
            "Overlast",
            "p",
            "De overlast is minder sinds wij vaker op straat zijn, maar in de zomer wordt het weer erger.",
        ),
        ("Overlast", "b", "Vuurwerk, scooters, harde muziek: het begint steeds eerder op de avond."),
        ("Overlast", "b", "Er is een woning waar steeds andere mannen wonen, we weten niet wat daar gebeurt."),
        ("Overlast", "b", "In het portiek slapen soms mensen, ik schrik me dood als ik 's ochtends naar buiten ga."),
        ("Onveilig gevoel", "b", "Als het donker is loop ik niet meer door het park, er is geen verlichting."),
        (
            "Onveilig gevoel",
            "b",
            "Mijn dochter fietst via een omweg naar huis omdat ze zich bij het tunneltje niet veilig voelt.",
        ),
        (
            "Onveilig gevoel",
            "b",
            "Ik voel me eigenlijk wel veilig hier, het is meer het verhaal dat rondgaat in de buurtapp.",
        ),
        ("Onveilig gevoel", "b", "Na de inbraken bij ons in de straat slaapt mijn moeder slecht."),
        ("Onveilig gevoel", "o", "Ik heb camera's opgehangen bij de zaak, zo ver is het gekomen."),
        ("Onveilig gevoel", "b", "Met de buurtpreventie lopen we twee avonden per week, dat geeft rust."),
        ("", "p", "De wijkagent kennen mensen niet meer, vroeger liep hij gewoon mee met de buurtschouw."),
    ],
    "Jongeren": [
        (
            "Hangplekken",
            "*",
            "De jongens hangen bij het winkelcentrum omdat ze nergens "
            "anders heen kunnen, ze doen eigenlijk niks verkeerd.",
        ),
        ("Hangplekken", "p", "Bewoners bellen de politie zodra er vier jongeren op een bankje zitten."),
        (
            "Hangplekken",
            "b",
            "Bij het speeltuintje zitten 's avonds oudere jongens, "
            "kleine kinderen durven er ook overdag niet meer heen.",
        ),
        ("Hangplekken", "p", "Ik ken de meeste jongens bij naam, het probleem is dat er voor hen geen plek is."),
        (
            "Hangplekken",
            "o",
            "Als de jongeren weggestuurd worden bij de supermarkt, gaan ze gewoon een straat verder staan.",
        ),
        ("Hangplekken", "p", "Ze zijn niet het probleem, ze zijn gewoon zichtbaar."),
        (
            "Weinig te doen",
            "b",
            "Voor jongeren tussen twaalf en zestien is hier helemaal niks, het voetbalkooitje is kapot.",
        ),
        ("Weinig te doen", "*", "De sportvereniging is te duur voor veel gezinnen, dan zitten ze thuis te gamen."),
        ("Weinig te doen", "p", "We hadden een jongerenruimte, maar die is dichtgegaan toen de subsidie stopte."),
        (
            "Weinig te doen",
            "b",
            "Mijn zoon moet met de bus naar de stad voor alles, en die bus rijdt 's avonds niet meer.",
        ),
        (
            "Weinig te doen",
            "p",
            "Ze willen zelf iets organiseren, een toernooi of een filmavond, maar weten niet bij wie ze moeten zijn.",
        ),
        ("Weinig te doen", "*", "Meisjes zie je nergens in de wijk, voor hen is er helemaal niets."),
        (
            "Weinig te doen",
            "b",
            "De jongeren hebben zelf een plan voor een pannakooi gemaakt, nu is het wachten op de gemeente.",
        ),
        (
            "Toekomst en werk",
            "b",
            "Veel jongeren hier hebben geen bijbaantje, ze worden niet aangenomen met hun achternaam.",
        ),
        (
            "Toekomst en werk",
            "p",
            "Er zijn jongens die van school zijn gegaan en nergens "
            "staan ingeschreven, die zien wij pas als het misgaat.",
        ),
        ("Toekomst en werk", "b", "Ik wil graag een stage in de buurt, maar de bedrijven hier kennen ons niet."),
        ("Toekomst en werk", "*", "Jongeren die het goed doen, vertrekken. Die komen niet meer terug."),
        (
            "Toekomst en werk",
            "p",
            "Op straat worden jongeren geronseld om pakketjes rond te brengen, dat begint al op de basisschool.",
        ),
    ],
    "Geldzorgen": [
        (
            "Energierekening",
            "b",
            "De energierekening is verdubbeld, we zetten de verwarming pas aan als de kinderen thuis zijn.",
        ),
        ("Energierekening", "b", "Ons huis is slecht geïsoleerd, alle warmte gaat zo naar buiten en wij betalen het."),
        ("Energierekening", "b", "Ik durf de jaarafrekening niet open te maken."),
        (
            "Energierekening",
            "p",
            "Mensen weten niet dat ze recht hebben op de energietoeslag, of ze vinden het aanvragen te ingewikkeld.",
        ),
        ("Energierekening", "b", "In de winter draag ik binnen een jas."),
        (
            "Schulden",
            "p",
            "Het begint met een achterstand bij de zorgverzekering "
            "en binnen een jaar staat de deurwaarder voor de deur.",
        ),
        ("Schulden", "p", "Mensen komen pas bij ons als de brieven al een halfjaar in een la liggen."),
        ("Schulden", "b", "Ik schaam me om hulp te vragen, iedereen kent elkaar hier."),
        (
            "Schulden",
            "b",
            "Bij de schuldhulp was een wachttijd van drie maanden, in die tijd kwamen er weer boetes bij.",
        ),
        ("Schulden", "o", "Ik merk dat klanten steeds vaker vragen of ze later mogen betalen."),
        ("Schulden", "p", "Bij de formulieren voor de kwijtschelding haken mensen af."),
        ("Schulden", "b", "Mensen lenen bij elkaar, en dan gaat het mis binnen families."),
        ("Rondkomen", "b", "Aan het eind van de maand eten we brood, de kinderen merken het ook."),
        ("Rondkomen", "*", "Bij de voedselbank staan steeds meer mensen die gewoon werken."),
        ("Rondkomen", "b", "Het schoolreisje kost veertig euro, dat heb ik gewoon niet."),
        (
            "Rondkomen",
            "p",
            "Je ziet het aan de kleine dingen: kinderen zonder jas in de winter, geen verjaardag vieren.",
        ),
        ("Rondkomen", "o", "Ik verkoop merkbaar minder vers, mensen kopen het goedkoopste wat er is."),
        ("Rondkomen", "b", "Als ik de boodschappen heb gedaan is er niets meer over voor iets leuks."),
        ("Rondkomen", "b", "Ik werk veertig uur en toch red ik het niet."),
        ("Rondkomen", "*", "We koken met z'n allen in het buurthuis, dat scheelt ook in de kosten."),
    ],
    "Wonen": [
        ("Onderhoud", "b", "De corporatie zegt elke keer dat het op de planning staat, maar de kozijnen rotten weg."),
        ("Onderhoud", "b", "Ik heb het aan Gerrit van de corporatie gevraagd, 074-2345678, maar er gebeurt niks."),
        ("Onderhoud", "b", "Reparatieverzoeken moeten via de app, mijn moeder van tachtig kan dat niet."),
        ("Onderhoud", "b", "Na de renovatie is het mooi, maar de huur is wel omhoog gegaan."),
        ("Onderhoud", "*", "De huizen hier zijn gebouwd in de jaren vijftig en dat merk je aan alles."),
        ("Onderhoud", "b", "De lift in onze flat is al weken kapot, mijn buurman met een rolstoel zit vast."),
        ("Onderhoud", "b", "Onze huisbaas reageert alleen via WhatsApp en dan nog weken later."),
        (
            "Vocht en schimmel",
            "b",
            "In de slaapkamer van de kinderen zit schimmel op de muur, de jongste hoest de hele winter.",
        ),
        ("Vocht en schimmel", "b", "We ventileren zoals ze zeggen, maar het blijft vochtig. Ze geven ons de schuld."),
        (
            "Vocht en schimmel",
            "p",
            "Bij huisbezoeken zie ik in bijna elk portiek vochtproblemen, mensen melden het niet meer.",
        ),
        ("Vocht en schimmel", "b", "Mijn dekbed voelt 's ochtends klam aan."),
        ("Vocht en schimmel", "b", "Er hangt een muffe lucht in het hele portiek."),
        ("Woningzoeken", "b", "Mijn dochter staat al acht jaar ingeschreven en woont nog steeds bij ons op zolder."),
        (
            "Woningzoeken",
            "*",
            "Er worden hier alleen nog dure koopwoningen gebouwd, daar kunnen de mensen uit de buurt niet in.",
        ),
        (
            "Woningzoeken",
            "p",
            "Ouderen willen kleiner wonen in de buurt, maar er is "
            "niets geschikts, dus blijven ze in een te groot huis.",
        ),
        ("Woningzoeken", "b", "Na de scheiding moest ik weg uit de wijk, er was alleen iets in een andere stad."),
        (
            "Woningzoeken",
            "*",
            "In de huizen van particuliere verhuurders wonen arbeidsmigranten met zes man in een rijtjeshuis.",
        ),
        ("Woningzoeken", "b", "De kinderen van hier willen blijven, maar er is geen starterswoning te vinden."),
    ],
    "Groen en openbare ruimte": [
        (
            "Speelplekken",
            "b",
            "De speeltuin is twee jaar geleden weggehaald omdat de "
            "toestellen niet veilig waren, er is niets voor teruggekomen.",
        ),
        ("Speelplekken", "b", "Er is een grasveld, maar daar mag je niet voetballen van de gemeente."),
        ("Speelplekken", "*", "De kinderen spelen op straat tussen de auto's, er is geen andere plek."),
        ("Speelplekken", "p", "Het schoolplein is na schooltijd dicht, terwijl het de enige speelplek is."),
        ("Zwerfafval", "b", "Bij de containers staat altijd troep, grofvuil, matrassen. Het trekt ratten aan."),
        (
            "Zwerfafval",
            "b",
            "Een paar buurtbewoners prikken elke zaterdag zwerfvuil, maar het is dweilen met de kraan open.",
        ),
        ("Zwerfafval", "*", "Sinds je voor het grofvuil moet betalen, wordt het gewoon in het groen gedumpt."),
        ("Zwerfafval", "b", "De hondenpoep in het park, daar ergert de hele buurt zich aan."),
        ("Zwerfafval", "b", "De bladkorven in de herfst zijn hier altijd als eerste vol."),
        ("Groen", "b", "Het groen wordt maar twee keer per jaar gemaaid, het ziet er verwaarloosd uit."),
        ("Groen", "b", "De bomen in onze straat zijn gekapt voor de riolering en er staan nog steeds geen nieuwe."),
        ("Groen", "b", "Het parkje is het mooiste van de buurt, daar zit ik in de zomer elke dag."),
        ("Groen", "p", "We hebben een geveltuintjesactie gedaan, dat heeft de straat echt veranderd."),
        ("Groen", "b", "Er is te veel steen, in de zomer is het hier niet uit te houden van de hitte."),
        ("Groen", "*", "Er mag een moestuin komen op het braakliggende stuk, daar zijn we blij mee."),
        ("", "b", "De stoep is zo scheef door de boomwortels dat ik al twee keer ben gevallen."),
    ],
    "Vertrouwen in instanties": [
        (
            "Niet gehoord",
            "b",
            "Er zijn al drie inspraakavonden geweest en daarna hoor je nooit meer wat ermee gedaan is.",
        ),
        ("Niet gehoord", "*", "De gemeente komt pas als er iets in de krant staat."),
        ("Niet gehoord", "b", "Ze komen met plannen die al klaar zijn en vragen dan onze mening."),
        ("Niet gehoord", "p", "Bewoners zijn moe van weer een onderzoek, ze vragen mij: wat gebeurt er nu mee?"),
        (
            "Niet gehoord",
            "b",
            "Ik heb drie keer een melding gedaan over de lantaarnpaal, "
            "je krijgt een automatisch mailtje en dat is het.",
        ),
        (
            "Niet gehoord",
            "b",
            "Bij de herinrichting van het plein hebben we allemaal iets "
            "ingevuld, en toen kwam precies het ontwerp dat er al lag.",
        ),
        (
            "Niet gehoord",
            "p",
            "Wij als wijkteam beloven ook dingen die we niet waar kunnen maken, dat kost vertrouwen.",
        ),
        (
            "Regels en formulieren",
            "b",
            "Voor elke toeslag is een ander formulier, en overal moet je met DigiD inloggen.",
        ),
        ("Regels en formulieren", "b", "Ik help mijn buurvrouw met haar post, zonder mij zou ze alles missen."),
        (
            "Regels en formulieren",
            "*",
            "Bij het loket sturen ze je naar de website, en op de website staat het telefoonnummer van het loket.",
        ),
        (
            "Regels en formulieren",
            "p",
            "Mensen zijn bang om fouten te maken, na de toeslagenaffaire vertrouwen ze niemand meer.",
        ),
        (
            "Regels en formulieren",
            "b",
            "Voor de bijzondere bijstand moest ik zeven bankafschriften inleveren, voor twintig euro.",
        ),
        ("Regels en formulieren", "b", "Ik krijg brieven in ambtelijke taal, ik begrijp de helft niet."),
    ],
    "Continuïteit van hulp": [
        (
            "Wisselende hulpverleners",
            "b",
            "Ik heb in twee jaar vijf verschillende begeleiders "
            "gehad, elke keer moet ik mijn verhaal opnieuw vertellen.",
        ),
        ("Wisselende hulpverleners", "*", "Net als er vertrouwen is, krijgt de hulpverlener een andere wijk."),
        (
            "Wisselende hulpverleners",
            "p",
            "Vaak ben ik de enige die blijft, de rest van de hulpverleners wisselt steeds.",
        ),
        (
            "Wisselende hulpverleners",
            "b",
            "Door de aanbesteding is de thuiszorg gewisseld, mijn moeder kreeg allemaal nieuwe gezichten.",
        ),
        (
            "Wisselende hulpverleners",
            "p",
            "Een warme overdracht is er zelden, het dossier gaat over maar het verhaal niet.",
        ),
        ("Wachttijden", "b", "Voor de GGZ staat mijn zoon al negen maanden op de wachtlijst."),
        ("Wachttijden", "b", "Tot de indicatie rond is, moeten wij als buren het opvangen."),
        ("Wachttijden", "*", "Bij het wijkteam krijg je pas over zes weken een afspraak, terwijl het nu speelt."),
        ("Wachttijden", "p", "Wij hebben geen wachtlijst, maar we mogen maar acht gesprekken doen. Dan stopt het."),
        (
            "Projecten stoppen",
            "p",
            "Elk project duurt twee jaar, en dan stopt de financiering net als het begint te werken.",
        ),
        (
            "Projecten stoppen",
            "b",
            "Het maatjesproject was hartstikke goed, maar het is gestopt en niemand weet waarom.",
        ),
        ("Projecten stoppen", "p", "Bewoners zeggen tegen mij: jullie komen en gaan, wij blijven hier wonen."),
        (
            "Projecten stoppen",
            "b",
            "De buurtsportcoach was geweldig voor de kinderen, maar zijn contract is niet verlengd.",
        ),
    ],
    "Gezondheid": [
        ("Mantelzorg", "b", "Ik zorg voor mijn man met dementie en heb al twee jaar geen dag vrij gehad."),
        ("Mantelzorg", "p", "Veel mantelzorgers hier zien zichzelf niet als mantelzorger, het is gewoon je moeder."),
        ("Mantelzorg", "*", "Er is respijtzorg, maar niemand weet hoe je het aanvraagt."),
        ("Mantelzorg", "b", "Mijn buurman is al maanden niet naar buiten geweest, ik breng zijn boodschappen."),
        ("Mantelzorg", "p", "In veel gezinnen zie ik dat de kinderen de zorg voor hun ouders op zich nemen."),
        ("Psychisch welzijn", "*", "Je merkt dat mensen somber zijn, ze komen de deur niet meer uit."),
        ("Psychisch welzijn", "p", "Er wordt hier veel gedronken, ook overdag, daar praat niemand over."),
        ("Psychisch welzijn", "b", "Ik slaap slecht door de zorgen over geld en de kinderen."),
        ("Psychisch welzijn", "b", "De huisarts heeft geen tijd, je krijgt tien minuten en dan sta je weer buiten."),
        ("", "*", "Er is geen beweegaanbod voor ouderen meer sinds de gymzaal dicht is."),
    ],
    "Samen doen": [
        ("Vrijwilligers", "*", "Het zijn altijd dezelfde vrijwilligers, en die worden ook ouder."),
        ("Vrijwilligers", "*", "Jonge mensen willen best helpen, maar niet elke week op een vaste avond."),
        (
            "Vrijwilligers",
            "b",
            "Ik doe vrijwilligerswerk bij de voedseluitgifte, dat geeft mij ook weer een reden om op te staan.",
        ),
        (
            "Vrijwilligers",
            "p",
            "Als je mensen persoonlijk vraagt, willen ze vaak wel. Een oproep in de nieuwsbrief werkt niet.",
        ),
        ("Bewonersinitiatief", "b", "Je kunt mailen naar anja.smit@example.nl, ik regel de buurtapp voor onze straat."),
        (
            "Bewonersinitiatief",
            "b",
            "We wilden een moestuin beginnen, maar de aanvraag bij de gemeente duurde een jaar.",
        ),
        (
            "Bewonersinitiatief",
            "b",
            "Met de straat hebben we zelf een bankje en plantenbakken neergezet, nu zitten mensen buiten.",
        ),
        ("Bewonersinitiatief", "p", "Het buurtbudget is er wel, maar het aanvraagformulier schrikt mensen af."),
        (
            "Bewonersinitiatief",
            "p",
            "De buurtschouw met bewoners, gemeente en corporatie werkt, omdat je samen door de straat loopt.",
        ),
        ("Bewonersinitiatief", "o", "Mijn klanten hebben samen geld ingezameld voor de kerstverlichting in de straat."),
    ],
    "Voorzieningen": [
        ("Winkels", "b", "Sinds de supermarkt weg is moeten ouderen met de taxi boodschappen doen."),
        ("Winkels", "o", "Het winkelcentrum loopt leeg, er staan nu drie panden leeg."),
        ("Winkels", "*", "De pinautomaat is weg, voor contant geld moet je nu de stad in."),
        (
            "Winkels",
            "o",
            "Ik heb een kapperszaak hier, voor veel oudere klanten ben ik ook een beetje maatschappelijk werker.",
        ),
        ("Openbaar vervoer", "b", "De buslijn is ingekort, de halte is nu een kwartier lopen."),
        ("Openbaar vervoer", "*", "Naar het ziekenhuis ben je met het OV een uur onderweg."),
        ("Openbaar vervoer", "b", "Zonder auto ben je hier eigenlijk nergens."),
        ("Openbaar vervoer", "b", "De belbus moet je een dag van tevoren reserveren, dat lukt veel ouderen niet."),
        ("", "b", "De bibliotheek is verhuisd naar het centrum, voor de kinderen is dat een hele reis."),
    ],
}


class Written(NamedTuple):
    """A location as an interviewer wrote it, and the CBS code meant (None: it cannot be placed)."""

    text: str
    meant: str | None


# How a location is written: literally (Written), or (style, CBS code) with style one of
# naam, klein (lower case), code, kleincode (lower case), kaal (code without BU/WK),
# wijkcode, postcode (the buurt's most common PC4), wijknaam, wijkkort (without "Wijk 03 "),
# rd or latlon (a point inside the buurt's polygon).
Location = Written | tuple[str, str]

BERFLO_ES_NOORD, KLEIN_DRIENE, GROOT_DRIENE_NOORD, NIJVERHEID = "BU01640501", "BU01640203", "BU01640403", "BU01640604"


def _r(rid: str, role: str, n: int, themes: list[str], *locations: Location, consent: str = "ja"):
    return {"respondent": rid, "role": role, "n": n, "themes": themes, "locations": locations, "consent": consent}


# Four buurten hear several voices on the same themes; a few hear one or two; most none.
RESPONDENTS = [
    # Berflo Es Noord: geldzorgen, eenzaamheid, ontmoeten.
    _r("HGL-B01", "bewoner", 7, ["Geldzorgen", "Eenzaamheid"], ("naam", BERFLO_ES_NOORD)),
    _r("HGL-B02", "Bewoner", 6, ["Geldzorgen", "Ontmoeten"], ("klein", BERFLO_ES_NOORD)),
    _r("HGL-B03", "bewoner", 5, ["Eenzaamheid", "Geldzorgen", "Gezondheid"], ("code", BERFLO_ES_NOORD)),
    _r(
        "HGL-B04", "bewoner", 5, ["Ontmoeten", "Eenzaamheid", "Samen doen"], Written("Berflo-Es Noord", BERFLO_ES_NOORD)
    ),
    _r(
        "HGL-P01",
        "wijkwerker",
        8,
        ["Geldzorgen", "Continuïteit van hulp", "Vertrouwen in instanties"],
        ("naam", BERFLO_ES_NOORD),
        ("naam", BERFLO_ES_NOORD),
        ("wijknaam", "WK016405"),
        ("naam", "BU01640502"),
    ),
    _r("HGL-O01", "ondernemer", 3, ["Geldzorgen", "Voorzieningen"], ("kaal", BERFLO_ES_NOORD)),
    # Klein Driene: jongeren, veiligheid, wonen.
    _r("HGL-B05", "bewoner", 6, ["Jongeren", "Veiligheid"], ("naam", KLEIN_DRIENE)),
    _r("HGL-B06", "bewoner", 5, ["Veiligheid", "Wonen"], ("klein", KLEIN_DRIENE), consent="nee"),
    _r("HGL-B07", "bewoner", 4, ["Jongeren", "Geldzorgen"], ("kaal", KLEIN_DRIENE)),
    _r("HGL-B08", "bewoner", 5, ["Jongeren", "Wonen"], Written("Kleine Driene", KLEIN_DRIENE)),
    _r(
        "HGL-P02",
        "jongerenwerker",
        7,
        ["Jongeren", "Continuïteit van hulp"],
        ("naam", KLEIN_DRIENE),
        ("naam", KLEIN_DRIENE),
        Written("KLEIN DRIENE", KLEIN_DRIENE),
        ("wijkkort", "WK016404"),
    ),
    # Groot Driene-Noord: groen en openbare ruimte, veiligheid, ontmoeten.
    _r(
        "HGL-B09",
        "bewoner",
        6,
        ["Groen en openbare ruimte", "Veiligheid"],
        Written("Groot Driene Noord", GROOT_DRIENE_NOORD),
    ),
    _r("HGL-B10", "bewoner", 4, ["Groen en openbare ruimte", "Ontmoeten"], ("kleincode", GROOT_DRIENE_NOORD)),
    _r(
        "HGL-B11",
        "buurtbewoner",
        5,
        ["Veiligheid", "Groen en openbare ruimte", "Samen doen"],
        ("naam", GROOT_DRIENE_NOORD),
    ),
    _r(
        "HGL-P03",
        "sociaal makelaar",
        6,
        ["Samen doen", "Ontmoeten", "Groen en openbare ruimte"],
        ("naam", GROOT_DRIENE_NOORD),
        ("naam", "BU01640402"),
        ("naam", GROOT_DRIENE_NOORD),
    ),
    # Nijverheid: wonen, geldzorgen, vertrouwen in instanties.
    _r("HGL-B12", "bewoner", 6, ["Wonen", "Geldzorgen"], ("naam", NIJVERHEID)),
    _r("HGL-B13", "bewoner", 5, ["Wonen", "Vertrouwen in instanties"], Written("nijverhijd", NIJVERHEID)),
    _r("HGL-B14", "inwoner", 4, ["Wonen", "Gezondheid"], ("code", NIJVERHEID)),
    _r("HGL-O02", "winkelier", 3, ["Geldzorgen", "Voorzieningen"], ("naam", NIJVERHEID)),
    _r("HGL-B15", "bewoner", 4, ["Vertrouwen in instanties", "Geldzorgen"], ("naam", NIJVERHEID)),
    # One or two voices, or a location that cannot be placed.
    _r("HGL-B16", "bewoner", 4, ["Eenzaamheid", "Gezondheid"], Written("Tichelwrek", "BU01640101")),
    _r("HGL-B17", "bewoner", 3, ["Voorzieningen", "Groen en openbare ruimte"], ("naam", "BU01640101")),
    _r("HGL-B18", "bewoner", 4, ["Jongeren", "Groen en openbare ruimte"], ("naam", "BU01640702")),
    _r("HGL-O03", "ondernemer", 4, ["Voorzieningen", "Veiligheid"], Written("Binnenstad Centrum", "BU01640000")),
    _r("HGL-B19", "bewoner", 4, ["Veiligheid", "Ontmoeten"], Written("Noord", "WK016402")),
    _r("HGL-B20", "bewoner", 4, ["Wonen", "Eenzaamheid"], ("postcode", "BU01640200")),
    _r("HGL-B21", "bewoner", 3, ["Geldzorgen", "Gezondheid"], ("postcode", "BU01640600"), consent="nee"),
    _r("HGL-B22", "bewoner", 4, ["Groen en openbare ruimte", "Samen doen"], ("wijkkort", "WK016403")),
    _r(
        "HGL-P04",
        "wijkverpleegkundige",
        5,
        ["Eenzaamheid", "Gezondheid", "Continuïteit van hulp"],
        ("wijkcode", "WK016405"),
        ("kaal", "WK016405"),
    ),
    _r("HGL-B23", "bewoner", 3, ["Voorzieningen", "Ontmoeten"], Written("bij de markt", None)),
    _r("HGL-B24", "", 3, ["Vertrouwen in instanties", "Wonen"], Written("", None)),
    _r("HGL-B25", "bewoner", 2, ["Geldzorgen"], Written("7511", None)),
    _r("HGL-B26", "bewoner", 4, ["Ontmoeten", "Eenzaamheid"], Written("Tuindorp t Lansink", "BU01640601")),
    _r("HGL-B27", "bewoner", 3, ["Voorzieningen", "Jongeren"], Written("Woolde", "WK016407")),
    _r("HGL-O04", "ondernemer", 3, ["Voorzieningen", "Samen doen"], Written("t Wilbert", "BU01640102")),
    _r("HGL-B28", "bewoner", 2, ["Wonen"], Written("BU01530101", None)),
    _r(
        "HGL-P05",
        "professional",
        4,
        ["Veiligheid", "Vertrouwen in instanties"],
        Written("Wijk 02 Noord", "WK016402"),
        ("naam", "BU01640201"),
    ),
]

#: Fictional PC6 -> (buurt code, house numbers): letters SA/SD/SS are never issued as postcodes.
PC6_ADDRESSES = {
    "7553SA": ("BU01640502", range(1, 21)),
    "7553SD": ("BU01640502", range(1, 9)),
    "7555SS": ("BU01640702", range(1, 7)),
}

# Segments placed by an address (fictional PC6, see PC6_ADDRESSES) or by coordinates, written out in
# full after the drawn ones so that adding them leaves the drawn segments as they were:
# (respondent, role, code, quote, location, date).
ADDRESSED: list[tuple[str, str, str, str, Location, str]] = [
    (
        "HGL-B29",
        "bewoner",
        "Wonen/Onderhoud",
        "De dakgoot lekt al sinds de herfst, niemand komt kijken.",
        Written("7553 SA 12", PC6_ADDRESSES["7553SA"][0]),
        "2025-05-20",
    ),
    (
        "HGL-B29",
        "bewoner",
        "Geldzorgen/Energierekening",
        "De voorschotten zijn weer omhoog, ik zet de verwarming op vijftien.",
        Written("7553SA 14", PC6_ADDRESSES["7553SA"][0]),
        "2025-05-20",
    ),
    (
        "HGL-B29",
        "bewoner",
        "Wonen",
        "Mijn zus woont drie straten verder en heeft precies hetzelfde probleem.",
        Written("7553 SD", PC6_ADDRESSES["7553SD"][0]),
        "2025-05-20",
    ),
    (
        "HGL-B30",
        "bewoner",
        "Groen en openbare ruimte",
        "Het speelveldje achter de school is een modderpoel geworden.",
        ("rd", "BU01640101"),
        "2025-05-21",
    ),
    (
        "HGL-B30",
        "bewoner",
        "Groen en openbare ruimte",
        "Er staan geen bankjes meer, dus ouderen lopen er niet meer.",
        ("rd", "BU01640101"),
        "2025-05-21",
    ),
    (
        "HGL-B31",
        "bewoner",
        "Voorzieningen",
        "De pinautomaat bij de supermarkt is weggehaald.",
        ("latlon", "BU01640702"),
        "2025-05-22",
    ),
    (
        "HGL-B31",
        "bewoner",
        "Voorzieningen",
        "Voor een pakketje moet ik nu naar de andere kant van de wijk.",
        Written("7555 SS 3", PC6_ADDRESSES["7555SS"][0]),
        "2025-05-22",
    ),
]


def regions() -> pd.DataFrame:
    """Return code, name, wijk code and most common postcode of every wijk and buurt of the sample."""
    data = pd.read_parquet(
        SAMPLE / "kwb2024_85984NED.parquet", columns=["WijkenEnBuurten", "MeestVoorkomendePostcode_125"]
    )
    titles = pd.read_parquet(SAMPLE / "kwb2024_85984NED_regions.parquet", columns=["Key", "Title"])
    table = data.merge(titles, left_on="WijkenEnBuurten", right_on="Key")
    return pd.DataFrame(
        {
            "code": table["WijkenEnBuurten"].str.strip(),
            "name": table["Title"].str.strip(),
            "postcode": table["MeestVoorkomendePostcode_125"].str.strip(),
        }
    ).set_index("code")


def write_location(location: Location, table: pd.DataFrame) -> str:
    """Write a location the way the given style says an interviewer would."""
    if isinstance(location, Written):
        return location.text
    style, code = location
    if code not in table.index:
        msg = f"{code} is not in the Hengelo sample; choose a code from {SAMPLE}."
        raise KeyError(msg)
    name = table.at[code, "name"]
    if style in ("rd", "latlon"):
        return _point_in(code, style)
    written = {
        "naam": name,
        "klein": name.lower(),
        "code": code,
        "kleincode": code.lower(),
        "kaal": code[2:],
        "wijkcode": code,
        "postcode": table.at[code, "postcode"],
        "wijknaam": name,
        "wijkkort": name.split(" ", 2)[-1],
    }
    return written[style]


def meant_place(location: Location, table: pd.DataFrame) -> tuple[str, str]:
    """Return the buurt and wijk code a written location means ("" where it does not say)."""
    if isinstance(location, Written):
        code = location.meant
    elif location[0] == "postcode":
        # Four digits say no more than the buurten whose most common postcode they are.
        postcode = table.at[location[1], "postcode"]
        buurten = [c for c in table.index[table["postcode"] == postcode] if c.startswith("BU")]
        wijken = {"WK" + c[2:8] for c in buurten}
        code = buurten[0] if len(buurten) == 1 else wijken.pop() if len(wijken) == 1 else None
    else:
        code = location[1]
    if code is None:
        return "", ""
    return (code, "WK" + code[2:8]) if code.startswith("BU") else ("", code)


def _point_in(code: str, style: str) -> str:
    """Return a point inside the buurt's polygon: RD metres, or latitude, longitude."""
    shapes = gpd.read_file(SAMPLE / "buurten.gpkg", layer="buurten").set_index("buurtcode")
    point = shapes.loc[[code]].representative_point()
    if style == "rd":
        return f"RD {point.x.iloc[0]:.0f} {point.y.iloc[0]:.0f}"
    point = point.to_crs("EPSG:4326")
    return f"{point.y.iloc[0]:.5f}, {point.x.iloc[0]:.5f}"


def pc6_rows() -> list[dict[str, str]]:
    """Return the fictional addresses as CBS writes its PC6 table: codes without prefix."""
    return [
        {
            "PC6": pc6,
            "Huisnummer": str(number),
            "Buurt2024": buurt[2:],
            "Wijk2024": buurt[2:8],
            "Gemeente2024": buurt[2:6],
        }
        for pc6, (buurt, numbers) in PC6_ADDRESSES.items()
        for number in numbers
    ]


def segments(rng: random.Random, table: pd.DataFrame) -> list[dict[str, str]]:
    """Draw the segments of every respondent, each quote used once, with the buurt and wijk each one means."""
    unused = {theme: list(quotes) for theme, quotes in QUOTES.items()}
    for quotes in unused.values():
        rng.shuffle(quotes)
    voice = {"bewoner": "b", "buurtbewoner": "b", "inwoner": "b", "": "b", "ondernemer": "o", "winkelier": "o"}
    rows = []
    for person in RESPONDENTS:
        who = voice.get(person["role"].lower(), "p")
        interviewed = date(2025, 3, 3) + timedelta(days=rng.randrange(80))
        # Each of the respondent's own themes once, then mostly their themes, now and then another.
        themes = list(person["themes"])
        while len(themes) < person["n"]:
            themes.append(rng.choice(person["themes"]) if rng.random() < 0.75 else rng.choice(list(QUOTES)))
        for theme in themes:
            # A quote in the respondent's voice: on this theme, else on another of theirs, else any.
            owner, (subcode, _, quote) = next(
                (t, q) for t in [theme, *person["themes"], *QUOTES] for q in unused[t] if q[1] in (who, "*")
            )
            unused[owner].remove((subcode, _, quote))
            rows.append(
                {
                    "respondent": person["respondent"],
                    "role": person["role"],
                    "code": f"{owner}/{subcode}" if subcode else owner,
                    "quote": quote,
                    "location": rng.choice(person["locations"]),
                    "date": interviewed.isoformat(),
                    "consent": person["consent"],
                }
            )
    for respondent, role, code, quote, location, day in ADDRESSED:
        rows.append(
            {
                "respondent": respondent,
                "role": role,
                "code": code,
                "quote": quote,
                "location": location,
                "date": day,
                "consent": "ja",
            }
        )
    for row in rows:
        row["buurt_code"], row["wijk_code"] = meant_place(row["location"], table)
        row["location"] = write_location(row["location"], table)
    return [{"segment_id": f"S{i:03d}", **row} for i, row in enumerate(rows, start=1)]


def write_csv(path: Path, comments: list[str], header: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as file:
        file.writelines(line + "\n" for line in comments)
        writer = csv.DictWriter(file, fieldnames=header, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def main() -> None:
    unknown = {f"{t}/{s}" for t, quotes in QUOTES.items() for s, _, _ in quotes if s and s not in CODEBOOK[t][1]}
    if unknown:
        msg = f"Quotes use sub-codes missing from CODEBOOK: {sorted(unknown)}; add them there."
        raise ValueError(msg)
    table = regions()
    rows = segments(random.Random(SEED), table)
    header = ["segment_id", "respondent", "role", "code", "quote", "location", "date", "consent"]
    write_csv(SAMPLE / "interviews_fictief.csv", FICTIEF, header, rows)
    places = [
        "# FICTIEF - waar elk segment van interviews_fictief.csv bedoeld is: buurt en wijk, alleen de wijk, of geen",
        "# van beide (onvindbaar, dubbelzinnig, buiten de gemeente of leeg). De tests toetsen de plaatsing hieraan.",
        *FICTIEF[3:],
    ]
    write_csv(
        SAMPLE / "interviews_fictief_plaatsen.csv", places, ["segment_id", "location", "buurt_code", "wijk_code"], rows
    )
    book = [
        {"code": code, "theme": theme, "description": description}
        for theme, (about, subcodes) in CODEBOOK.items()
        for code, description in [(theme, about), *((f"{theme}/{sub}", text) for sub, text in subcodes.items())]
    ]
    comments = ["# FICTIEF voorbeeld-codeboek bij interviews_fictief.csv (buurtdata-demonstratie).", *FICTIEF[3:]]
    write_csv(SAMPLE / "codebook.csv", comments, ["code", "theme", "description"], book)
    pc6_comments = [
        "# FICTIEF - verzonnen adressen, alleen de adressen uit interviews_fictief.csv. Postcodes op SA, SD en SS",
        "# worden in Nederland nooit uitgegeven. Zelfde vorm als CBS' tabel PC6;Huisnummer;Buurt;Wijk;Gemeente.",
        *FICTIEF[3:],
    ]
    with (SAMPLE / "pc6hnr_fictief.csv").open("w", encoding="utf-8", newline="") as file:
        file.writelines(line + "\n" for line in pc6_comments)
        writer = csv.DictWriter(file, fieldnames=list(pc6_rows()[0]), delimiter=";", lineterminator="\n")
        writer.writeheader()
        writer.writerows(pc6_rows())
    people = {r["respondent"] for r in rows}
    print(f"{len(rows)} segments from {len(people)} respondents; {len(book)} codes in {len(CODEBOOK)} themes")


if __name__ == "__main__":
    main()
