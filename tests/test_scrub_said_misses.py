"""Known scrubbing misses of README privacy section 4, fixed by helper scrub9, and the false positive of an e-mail
address said aloud (``Zij at soep punt uit``). Each caught sentence goes with the placeholder of its written form and
nothing else; each kept sentence stays whole. Every sentence, name and number here is FICTIEF: made up for these
tests, about no real person."""

from __future__ import annotations

import pandas as pd
import pytest
from guards import no_hang

from buurtdata.sources.interviews import scrub_text
from buurtdata.sources.interviews.scrub import contact_details

#: (said, what scrubbing leaves).
CAUGHT_CONTACTS = [
    # an e-mail address said aloud with the word at: its last part is a known top-level domain
    ("anja at gmail punt com", "[e-mail]"),
    ("mail anja at mail punt ziggo punt nl graag", "mail [e-mail] graag"),
    ("anja at gmail.com", "[e-mail]"),
    ("anja at kpnmail punt nl.", "[e-mail]."),
    # an en before another number than the last
    ("nul zes twaalf en vierendertig vijfenzestig achtenzeventig", "[telefoon]"),
    ("nul zes twaalf en vierendertig zesenvijftig achtenzeventig", "[telefoon]"),  # kept before scrub9
    ("Bel nul zes, twaalf en vierendertig, zesenvijftig en achtenzeventig.", "Bel [telefoon]."),
    ("nul vijf drie en vier drie twee en een twee drie vier", "[telefoon]"),
    # dubbel: the digit after it twice
    ("nul zes dubbel twee drie vier vijf zes zeven acht", "[telefoon]"),
    ("bel nul zes, dubbel vier, twaalf, vierendertig, zesenvijftig, na vijven", "bel [telefoon], na vijven"),
    ("nul vijf drie, dubbel 4, dubbel nul, twaalf, drie", "[telefoon]"),
    # a foreign number said aloud with plus
    ("plus vier negen een vijf een een twee drie vier vijf zes zeven", "[telefoon]"),
    ("bel plus negenenveertig, een vijf een, twaalf, vierendertig, zesenvijftig", "bel [telefoon]"),
    ("Mijn zus: plus twee twaalf, zes, twaalf, vierendertig, zesenvijftig, achtenzeventig.", "Mijn zus: [telefoon]."),
    ("plus drie twee, vier zeven nul, twaalf, vierendertig, zesenvijftig", "[telefoon]"),
    ("plus negenenveertig een vijf een twaalf vierendertig zesenvijftig", "[telefoon]"),  # kept before scrub9
    # a mobile number without its nul, after a word that says a number follows
    ("bel me op zes twaalf vierendertig vijfenzestig achtenzeventig", "bel me op [telefoon]"),
    ("Mijn nummer is zes, twaalf, vierendertig, zesenvijftig, achtenzeventig.", "Mijn nummer is [telefoon]."),
    ("telefoon: zes 12 34 56 78", "telefoon: [telefoon]"),
    ("mobiel zes één twee drie vier vijf zes zeven acht, twee keer", "mobiel [telefoon], twee keer"),
]

#: (said, what scrubbing leaves): a home address said with its number in words, or its number alone beside a street.
CAUGHT_ADDRESSES = [
    ("ik woon op de Stationsstraat veertien", "ik woon op de [adres]"),
    ("Ik woon op de Stationsstraat veertien, al jaren.", "Ik woon op de [adres], al jaren."),
    ("Stationsstraat nummer veertien", "[adres]"),
    ("Ze woont Stationsstraat nummer tweehonderdvijf en is blij.", "Ze woont [adres] en is blij."),
    ("Hij woont in de Jan van Galenstraat drieëntwintig.", "Hij woont in de [adres]."),
    ("Dorpsstraat 14a", "[adres]"),  # written, as before
    ("Ik woon op de Dorpsstraat 14a.", "Ik woon op de [adres]."),
    ("Ik woon in de Stationsstraat. Ze woont op 3.", "Ik woon in de Stationsstraat. Ze woont op [huisnummer]."),
    (
        "Zij wonen ook in de Dorpsstraat en wij wonen op 12a, naast hen.",
        "Zij wonen ook in de Dorpsstraat en wij wonen op [huisnummer], naast hen.",
    ),
]

#: (said, what scrubbing leaves): a household named by its family name in the plural.
CAUGHT_FAMILIES = [
    ("De Jansens hebben schulden.", "De [naam] hebben schulden."),
    ("Ik was bij de Pietersens thuis.", "Ik was bij de [naam] thuis."),
    ("Bij de Bakkers is het altijd druk.", "Bij de [naam] is het altijd druk."),
    ("Die van de Van Dijks staat altijd open.", "Die van de [naam] staat altijd open."),
    ("De Jansens en de Pietersens maken ruzie.", "De [naam] en de [naam] maken ruzie."),
    ("We gingen naar de El Amrani's.", "We gingen naar de [naam]."),
]

#: Ordinary sentences that stay whole, and name no contact detail.
KEPT = [
    "Zij at soep punt uit",
    "Zij at soep punt uit.",
    "Hij at brood punt, daarna ging hij.",
    "Ze at taart punt en klaar.",
    # counts, lists and amounts with en, dubbel, plus or a number after bel
    "nul, zes, twaalf en vierendertig, zesenvijftig en achtenzeventig punten",
    "nul zes en twaalf",
    "Het werd dubbel zo duur: nul zes twaalf euro",
    "nul zes, dubbel zo veel als vorig jaar",
    "plus vier, plus negen, plus een",
    "plus vijf, zes graden en twaalf mensen",
    "plus dat er zes twaalf vierendertig kinderen zijn",
    "plus negenenveertig graden, dat is heet",
    "zes twaalf vierendertig vijfenzestig achtenzeventig",  # without its nul and without a word before it
    "ik bel zes, twaalf keer per jaar",
    "bel me zes twaalf keer",
    "nummer zes twaalf vierendertig vijfenzestig",  # 8 digits
    "Ik belde zes keer, twaalf keer, vierendertig keer",
    "nummer zes is twaalf, vierendertig, zesenvijftig, achtenzeventig",
    # a street and a count, time or age after it; living on a floor or without a street
    "We liepen twee keer door de Stationsstraat.",
    "In de Stationsstraat twee keer per week.",
    "Op de Dorpsstraat tien jaar geleden ging het mis.",
    "De Kerkstraat, twee jaar geleden.",
    "In de Dorpsstraat een paar huizen verder.",
    "Het Stationsplein is nummer een in de lijst van de Dorpsstraat twee keer.",
    "De Dorpsstraat heeft het. Wij wonen op 3 hoog.",
    "Ze woont op 3.",
    "Ik woon daar al lang. Hij woont op 12.",
    "Ik woon in de Stationsstraat. Ze woont op 3 km afstand.",
    # plural nouns, organisations, places and buurthuizen after de
    "De kinderen spelen bij de Molens.",
    "We gaan naar de Lidls en de Hema's.",
    "In De Akkers is het druk.",
    "De buren en de Gemeentes doen niks.",
    "Het is net als bij de Simpsons.",
    "De Akkers is een fijne buurt.",  # a place opening a sentence (the benchmark's national place sentences)
    "De Akkers en De Velden is een fijne buurt.",
    "Op de Vos is een fijne buurt.",
]


@pytest.mark.parametrize(("said", "scrubbed"), CAUGHT_CONTACTS, ids=[said[:40] for said, _ in CAUGHT_CONTACTS])
def test_a_contact_detail_said_aloud_goes_and_nothing_else(said, scrubbed):
    assert scrub_text(pd.Series([said])).tolist() == [scrubbed]
    assert scrub_text(pd.Series([scrubbed])).tolist() == [scrubbed]
    assert contact_details(said) and not contact_details(scrubbed)


@pytest.mark.parametrize(("said", "scrubbed"), CAUGHT_ADDRESSES, ids=[said[:40] for said, _ in CAUGHT_ADDRESSES])
def test_an_address_said_with_its_number_in_words_goes(said, scrubbed):
    assert scrub_text(pd.Series([said])).tolist() == [scrubbed]
    assert scrub_text(pd.Series([scrubbed])).tolist() == [scrubbed]


@pytest.mark.parametrize(("said", "scrubbed"), CAUGHT_FAMILIES, ids=[said[:40] for said, _ in CAUGHT_FAMILIES])
def test_a_household_named_by_its_family_name_in_the_plural_goes(said, scrubbed):
    assert scrub_text(pd.Series([said])).tolist() == [scrubbed]
    assert scrub_text(pd.Series([scrubbed])).tolist() == [scrubbed]


@pytest.mark.parametrize("text", KEPT, ids=[text[:40] for text in KEPT])
def test_an_ordinary_sentence_stays(text):
    assert scrub_text(pd.Series([text])).tolist() == [text]
    assert contact_details(text) == []


#: Hostile runs of the new openings and joins, 50,000 characters or so each: read without hanging.
HOSTILE = {
    "bel zes": "bel zes " * 6_250,
    "bel me op": "bel me op " * 5_000,
    "nummer is": "nummer" + " is" * 16_000 + " zes",
    "bel 6": "bel 6 " * 8_334,
    "nul dubbel": "nul dubbel " * 4_546,
    "plus vier": "plus vier " * 5_000,
    "x at y punt": "x at " + "y punt " * 7_142,
    "at": "a at " * 10_000,
    "woont op 3.": "Kerkstraat. woont op 3. " * 2_000,
    "Dr.": "Dr. " * 12_500 + "Kuyperlaan veertien",
    "de Van": "de " + "Van " * 12_000 + "Dijks",
    "Stationsstraat twee": "Stationsstraat twee " * 2_500,
}


def test_hostile_runs_are_scrubbed_without_hanging():
    with no_hang("a hostile run of bel, dubbel, plus, at, a street, a family or living at a number"):
        scrubbed = dict(zip(HOSTILE, scrub_text(pd.Series(list(HOSTILE.values()))), strict=True))
        for text in HOSTILE.values():
            contact_details(text)
    assert all(scrubbed[name] == HOSTILE[name] for name in ("bel zes", "bel me op", "nummer is", "x at y punt", "at"))
