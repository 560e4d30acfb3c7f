"""FICTIEF quotes made up from names, organisations and Hengelo's places, for the test that scrubbing its own output
changes nothing (review T M1) and for ``benchmarks/scrub_names.py`` (which loads this file by its path).

Every combination of a person (a first name, a whole name, a title and surname), a shape (``{person} van
{organisation} zegt het``, ``{person} uit {place} zei het``, ...), an organisation and a place; the people are made
up from common names, about no real person. ``PLACES`` are the region names as the build passes them (``Wijk 05
Berflo Es``), ``SAID_PLACES`` as residents say them.
"""

from __future__ import annotations

import itertools
import random

FIRST_NAMES = ["Kees", "Truus", "Sandra", "Henk", "Fatima", "Mohammed", "Özlem", "Anneke", "Roos", "Sultan", "Frans"]
SURNAMES = ["Bakker", "Jansen", "de Vries", "Visser", "Yilmaz", "van der Berg", "De Boer", "Çelik", "Volman"]
ORGANISATIONS = [
    "Albert Heijn", "Burger King", "Eigen Haard", "Ons Huis", "Abn Amro", "Vluchtelingenwerk", "Rabobank",
    "het Leger des Heils", "de GGD", "Welbions", "Wijkracht", "Humanitas", "het Rode Kruis", "De Zonnebloem",
    "Het Jongerenwerk", "de Voedselbank", "Jumbo",
]  # fmt: skip
PLACES = ["Wijk 03 Hasseler Es", "Wijk 05 Berflo Es", "Wijk 04 Groot Driene", "Hengelo (O.)", "Hengelo"]
SAID_PLACES = ["Hasseler Es", "Berflo Es", "Groot Driene", "Hengelo", "Wijk 04 Groot Driene"]
SHAPES = [
    "{person} van {organisation} zegt het.",
    "{person} van {organisation} zei dat de bus verdwijnt.",
    "Volgens {person} van {organisation} is het goed.",
    "Ik sprak {person} van {organisation} gisteren.",
    "Ik heb met {person} van {organisation} gebeld.",
    "{person} uit {place} zegt dat de bibliotheek dichtgaat.",
    "{person} in {place} weet het.",
    "{person} woont in {place}.",
    "Bij {organisation} in {place} werkt {person}.",
    "{person} en {other} van {organisation} kwamen langs.",
    "{person} is vrijwilliger bij {organisation}.",
    "Dat zei {person} uit {place}.",
    "{person}, 06-12345678, van {organisation}.",
]


def people() -> list[str]:
    """Each first name alone, with each surname, and each surname after mevrouw."""
    return [
        *FIRST_NAMES,
        *(f"{first} {surname}" for first, surname in itertools.product(FIRST_NAMES, SURNAMES)),
        *(f"mevrouw {surname}" for surname in SURNAMES),
    ]


def quotes(n: int = 2_000, seed: int = 3) -> list[str]:
    """``n`` quotes, each a shape filled at random (the same for the same seed), the first letter a capital."""
    pick = random.Random(seed)
    found = people()
    out = []
    for _ in range(n):
        shape = pick.choice(SHAPES)
        text = shape.format(
            person=pick.choice(found), other=pick.choice(found), organisation=pick.choice(ORGANISATIONS),
            place=pick.choice(SAID_PLACES),
        )  # fmt: skip
        out.append(text[0].upper() + text[1:])
    return out
