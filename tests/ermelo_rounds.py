"""The Ermelo project of sweep 13: ``buurtdata nieuw GM0233 --jaar 2020`` with the uncurated files of data/raw (the
national KWB 2020, the 2021 Ermelo GeoPackage), three rounds of fictional buurtgesprekken and two agreements files
typed as in Excel (a buurt misspelt: 'Ermelo-Wset'), as the sweep's /tmp/sweep13/mk.py made them."""

from __future__ import annotations

import csv
import random
from pathlib import Path

import pytest

from buurtdata import scaffold, settings

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
GEOPACKAGE = RAW / "wijkenbuurten2021-ermelo-gpkg-tauvic" / "CBS_buurten.gpkg"
KWB_2020 = RAW / "kwb2020-84799NED-statlinebq" / "84799NED" / "cbs.v3.84799NED_TypedDataSet.parquet"

_PLACES = {"Ermelo-Oost": 5, "Ermelo-West": 4, "Horst": 3, "Tonsel": 2, "Veldwijk-'s Heerenloo": 3}
_THEMES = {
    1: ["Ontmoeten", "Eenzaamheid", "Buurthuis", "Jongeren"],
    2: ["Ontmoeten", "Eenzaamheid", "Jongeren", "Wonen"],
    3: ["Ontmoeten", "Eenzaamheid", "Jongeren", "Wonen", "Geldzorgen"],
}
_QUOTES = [
    "Er is hier te weinig te doen voor de jeugd, ze hangen bij de supermarkt.",
    "Sinds het buurthuis dicht is zie ik mijn buren bijna nooit meer.",
    "De huren gaan omhoog en de wachtlijst is lang.",
    "Ik ben blij met de koffieochtend op dinsdag.",
]
_DATES = {1: "2024-10-1%d", 2: "2025-04-1%d", 3: "2025-10-1%d"}

AGREEMENTS_2024 = """buurt;thema;afspraak;wie;terugkijken
Ermelo-Oost;Jongeren;Jongerenwerk zoekt een plek voor de jeugd bij de supermarkt;jongerenwerker;2025-02-03
;;;;
Ermelo-Wset;Eenzaamheid;Koffieochtend op dinsdag uitbreiden naar donderdag;Buurtteam Ermelo;2025-03-01
Horst;Buurthuis;Buurthuis weer open op zaterdag;gemeente Ermelo;2025-03-01
"""
AGREEMENTS_2025 = """buurt;thema;afspraak;wie;terugkijken
Tonsel;Wonen;Huurders informeren over de wachtlijst;woningcorporatie Uwoon;2025-09-01
Ermelo-Oost;Jongeren;Voetbalkooi plaatsen;gemeente;2025-10-01
"""


def head(boundaries: str, *, name: str = "Ermelo, buurtgesprekken", year: int = 2021) -> str:
    """The start of an Ermelo project file: its ``name``, gemeente, the national KWB 2020 and the polygons at
    ``boundaries`` (layer CBS_Buurten) said to be of ``year`` (the GeoPackage of data/raw is of 2021)."""
    return f"""name = "{name}"
gemeente = "GM0233"
year = 2020

[[kwb]]
year = 2020
table = "84799NED"
data = "{KWB_2020.as_posix()}"

[boundaries]
year = {year}
path = "{boundaries}"
layer = "CBS_Buurten"
"""


PROJECT = (
    head(GEOPACKAGE.as_posix())
    + """
[interviews]
segments = "ronde3.csv"
codebook = "codeboek_voorbeeld.csv"
fictional = true
label = "Buurtgesprekken Ermelo najaar 2025"
period = "najaar 2025"
consent = "overdracht"

[[rounds]]
label = "Buurtgesprekken najaar 2024"
period = "najaar 2024"
segments = "ronde1.csv"
codebook = "codeboek_2024.csv"
consent = "overdracht"
agreements = "afspraken_2024.csv"
fictional = true

[rounds.mapping]
"Buurthuis" = "Ontmoeten"

[[rounds]]
label = "Buurtgesprekken voorjaar 2025"
period = "voorjaar 2025"
segments = "ronde2.csv"
codebook = "codeboek_voorbeeld.csv"
consent = "overdracht"
agreements = "afspraken_2025.csv"
fictional = true

[privacy]
threshold = 3
publish_quotes = true

[maps]
indicator = "aandeel_65_plus"
theme = "Eenzaamheid"
"""
)


def ermelo_project(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Write the sweep's Ermelo project in ``folder`` (``buurtdata nieuw``, then its rounds); return its file."""
    monkeypatch.setattr(settings, "data_dir", RAW.parent)
    scaffold.new_project(["GM0233"], 2020, folder)
    random.seed(1)  # the sweep's segments, row for row
    for number in (1, 2, 3):
        with (folder / f"ronde{number}.csv").open("w", encoding="utf-8-sig", newline="") as file:
            writer = csv.writer(file, delimiter=";")
            writer.writerow(["segment_id", "respondent", "role", "code", "quote", "location", "date", "consent"])
            row = 0
            for place, people in _PLACES.items():
                for i in range(people):
                    tag = "".join(c for c in place if c.isalpha())[-4:].upper()
                    for theme in _THEMES[number][: 2 + (i % 2)]:
                        row += 1
                        writer.writerow(
                            [
                                f"S{number}{row:03d}",
                                f"B{tag}{i}",
                                "bewoner" if i else "jongerenwerker",
                                theme,
                                random.choice(_QUOTES),
                                place,
                                _DATES[number] % (i % 9),
                                "ja" if i % 3 else "nee",
                            ]
                        )
    codebook = (folder / "codeboek_voorbeeld.csv").read_text(encoding="utf-8-sig").splitlines()
    rows = [line for line in codebook if not line.startswith("#") and not line.startswith("Ontmoeten/Buurthuis;")]
    rows.insert(1, "Buurthuis;Buurthuis;Het buurthuis.")
    (folder / "codeboek_2024.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (folder / "afspraken_2024.csv").write_text(AGREEMENTS_2024, encoding="utf-8")
    (folder / "afspraken_2025.csv").write_text(AGREEMENTS_2025, encoding="utf-8")
    (folder / "project.toml").write_text(PROJECT, encoding="utf-8")
    return folder / "project.toml"
