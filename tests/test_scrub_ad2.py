"""Catches review AD 5 found given back by the narrowing of review AC (tests/test_scrub_ac1.py): ``die van`` and one of
the commonest surnames with its tussenvoegsel (De Jong, Van Dijk) is a household, and ``op nummer`` beside a ranking
verb is a house number when the sentence is about living there (``komt op nummer twaalf wonen``) or a home is its
subject (``haar huis staat op nummer zeven``); and a landline said after ``mijn nummer is`` (review AD 9). The
ordinary sentences of tests/test_scrub_ac1.py stay whole, as do the ones below. Every sentence, name and number here
is FICTIEF: made up for these tests, about no real person."""

from __future__ import annotations

import pandas as pd
import pytest
from guards import no_hang

from buurtdata.sources.interviews import scrub_text

#: (said, what scrubbing leaves): review AD 5's sentences, caught at ac9d9b9 and kept since.
CAUGHT = [
    ("Die van De Jong hebben schulden.", "Die van [naam] hebben schulden."),
    ("Die van Van Dijk hebben schulden.", "Die van [naam] hebben schulden."),
    ("Die van El Amrani hebben veel kinderen.", "Die van [naam] hebben veel kinderen."),
    ("Die van Ter Horst zijn verhuisd.", "Die van [naam] zijn verhuisd."),
    ("Ik hoorde het van die van De Vries.", "Ik hoorde het van die van [naam]."),
    (
        "Mevrouw Jansen woont in de Kerkstraat, haar huis staat op nummer zeven.",
        "Mevrouw [naam] woont in de Kerkstraat, haar huis staat op nummer [huisnummer].",
    ),
    ("Hij komt op nummer twaalf wonen, in de Molenweg.", "Hij komt op nummer [huisnummer] wonen, in de Molenweg."),
    (
        "Zij komen op nummer negen te wonen, in de Dorpsstraat.",
        "Zij komen op nummer [huisnummer] te wonen, in de Dorpsstraat.",
    ),
    (
        "Ze kwam op nummer veertien wonen, naast de bakker in de Kerkstraat.",
        "Ze kwam op nummer [huisnummer] wonen, naast de bakker in de Kerkstraat.",
    ),
    (
        "In de Dorpsstraat staat het huis op nummer negen te koop.",
        "In de Dorpsstraat staat het huis op nummer [huisnummer] te koop.",
    ),
    (
        "Ons huis staat op nummer vijf, dus kom maar langs.",
        "Ons huis staat op nummer [huisnummer], dus kom maar langs.",
    ),
    (
        "Het huis van Kees staat op nummer elf in de Beukenlaan.",
        "Het huis van [naam] staat op nummer [huisnummer] in de Beukenlaan.",
    ),
    (
        "Haar huis staat op nummer zeven van de Molenweg.",
        "Haar huis staat op nummer [huisnummer] van de Molenweg.",
    ),
    # review AD 9: a landline said after someone's own number, rising or with en, as a list of house numbers is not
    ("Haar nummer is een twee drie, vier vijf, zes zeven, acht negen.", "Haar nummer is [telefoon]."),
    ("Mijn nummer is vijftien, twintig, drieëntwintig, vierenveertig en negen.", "Mijn nummer is [telefoon]."),
]


@pytest.mark.parametrize(("said", "scrubbed"), CAUGHT, ids=[said[:40] for said, _ in CAUGHT])
def test_a_household_or_home_goes_again(said, scrubbed):
    assert scrub_text(pd.Series([said])).tolist() == [scrubbed]


#: Sentences beside the new rules that stay whole: a ranking of a home or of living, an organisation, shop or painter
#: with a tussenvoegsel after die van.
KEPT = [
    "Het huis van de buurt staat bij ons op nummer één.",
    "Het huis van mijn moeder kwam op nummer drie van de lijst.",
    "Betaalbaar wonen staat bij ons op nummer één.",
    "Op nummer één staat voor ons betaalbaar wonen.",
    "Bij ons staat het onderhoud van de flat op nummer één.",
    "Die van Van Gogh hangen in het museum.",
    "De schoenen zijn die van Van Haren.",
    "Ik vind die van De Key beter.",
    "Die van De Bijenkorf zijn duur.",
    "Onze woning staat op nummer één van de wensen.",
    "Hun flat staat op de lijst op nummer twee.",
    "Ik koop die van De Tuinen.",
    "Het nummer is 5, 7, 9, 11, 13 en 15.",
    "Nummer 5, 7, 9, 11, 13 en 15 krijgen nieuwe kozijnen.",
]


@pytest.mark.parametrize("text", KEPT, ids=[text[:40] for text in KEPT])
def test_an_ordinary_sentence_beside_them_stays(text):
    assert scrub_text(pd.Series([text])).tolist() == [text]


#: Hostile runs of the new checks, some 50,000 characters each: read without hanging.
HOSTILE = {
    "die van De Jong": "die van De " * 5_000 + "Jong",
    "die van Van Van": "Die van " + "Van " * 12_000 + "Dijk",
    "staat op nummer wonen": "staat " * 5_000 + "op nummer twee wonen",
    "haar huis staat": "haar huis " * 5_000 + "staat op nummer twee",
    "het huis op nummer": "staat het huis " * 3_500 + "op nummer twee",
    "op nummer te te": "komt op nummer twee " + "te " * 16_000 + "wonen",
    "mijn nummer is": "mijn nummer is een twee drie, " * 1_700,
}


def test_hostile_runs_are_scrubbed_without_hanging():
    with no_hang("a hostile run of die van, a home as subject or living after op nummer"):
        scrub_text(pd.Series(list(HOSTILE.values())))
