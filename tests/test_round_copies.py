"""The same interviews in two rounds (sweep 13 #19): a segments file named by two rounds is refused when the project
file is read; a copy of it for another round is warned of by the build. Both had been counted as two rounds without a
word, every theme then unchanged between them. An Ermelo project as the sweep made it: CBS's national KWB 2020 file
and the 2021 Ermelo GeoPackage in data/raw, rounds of FICTIEF segments written as the sweep's mk.py wrote them."""

from __future__ import annotations

import random
import shutil
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from buurtdata import pipeline
from buurtdata._errors import BuurtdataError
from buurtdata.pipeline.round_copies import SameSegmentsWarning, segment_keys, warn_copies
from buurtdata.project import Project

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
KWB = RAW / "kwb2020-84799NED-statlinebq" / "84799NED" / "cbs.v3.84799NED_TypedDataSet.parquet"
GPKG = RAW / "wijkenbuurten2021-ermelo-gpkg-tauvic" / "CBS_buurten.gpkg"
pytestmark = pytest.mark.skipif(not KWB.exists() or not GPKG.exists(), reason="data/raw is not here")

PLACES = {"Ermelo-Oost": 5, "Ermelo-West": 4, "Horst": 3, "Tonsel": 2, "Veldwijk-'s Heerenloo": 3}
THEMES = ["Ontmoeten", "Eenzaamheid", "Jongeren", "Wonen"]
QUOTES = [
    "Er is hier te weinig te doen voor de jeugd, ze hangen bij de supermarkt.",
    "Sinds het buurthuis dicht is zie ik mijn buren bijna nooit meer.",
    "De huren gaan omhoog en de wachtlijst is lang.",
    "Ik ben blij met de koffieochtend op dinsdag.",
]


def _round(path: Path, number: int, dates: str) -> None:
    """A round of FICTIEF segments in Ermelo's buurten, as the sweep's mk.py wrote them (``dates``: ``2025-10-1%d``)."""
    pick = random.Random(number)
    rows, n = ["segment_id;respondent;role;code;quote;location;date;consent"], 0
    for place, people in PLACES.items():
        for i in range(people):
            tag = "".join(c for c in place if c.isalpha())[-4:].upper()
            for theme in THEMES[: 2 + i % 2]:
                n += 1
                role = "bewoner" if i else "jongerenwerker"
                rows.append(
                    f"S{number}{n:03d};B{tag}{i};{role};{theme};{pick.choice(QUOTES)};{place};{dates % i};"
                    f"{'ja' if i % 3 else 'nee'}"
                )
    path.write_text("\n".join(rows) + "\n", encoding="utf-8-sig")


def _project(folder: Path, earlier: str) -> Path:
    """Today's round ronde3.csv (najaar 2025), and one earlier round (voorjaar 2025) reading ``earlier``."""
    folder.mkdir()
    _round(folder / "ronde2.csv", 2, "2025-04-1%d")
    _round(folder / "ronde3.csv", 3, "2025-10-1%d")
    shutil.copy(folder / "ronde3.csv", folder / "ronde3_kopie.csv")
    codebook = "".join(f"{t};{t};FICTIEF\n" for t in THEMES)
    (folder / "codeboek.csv").write_text("code;theme;description\n" + codebook, encoding="utf-8")
    rounds = (
        ("[interviews]", "Buurtgesprekken Ermelo najaar 2025", "najaar 2025", "ronde3.csv"),
        ("[[rounds]]", "Buurtgesprekken voorjaar 2025", "voorjaar 2025", earlier),
    )
    text = (
        f'name = "Ermelo, buurtgesprekken"\ngemeente = "GM0233"\nyear = 2020\n\n[[kwb]]\nyear = 2020\n'
        f'table = "84799NED"\ndata = "{KWB.as_posix()}"\n\n[boundaries]\nyear = 2021\npath = "{GPKG.as_posix()}"\n'
        'layer = "CBS_Buurten"\n'
    )
    for section, label, period, segments in rounds:
        text += (
            f'\n{section}\nsegments = "{segments}"\ncodebook = "codeboek.csv"\nfictional = true\nlabel = "{label}"\n'
            f'period = "{period}"\n'
        )
    (folder / "project.toml").write_text(text, encoding="utf-8")
    return folder / "project.toml"


def test_a_file_two_rounds_name_is_refused_naming_both(tmp_path):
    with pytest.raises(BuurtdataError) as refused:
        Project.load(_project(tmp_path / "ermelo", "ronde3.csv"))
    said = str(refused.value)
    assert "[[rounds]] #1 ('Buurtgesprekken voorjaar 2025" in said and "[interviews] ('Buurtgesprekken Ermelo" in said
    assert "name the same segments file ronde3.csv, so the same interviews would count as 2 rounds" in said


def test_a_copy_for_another_round_is_warned_of_and_distinct_rounds_are_not(tmp_path, key):
    def same(folder: Path, earlier: str) -> list[str]:
        # The copy's period is warned of too (its dates are October's: sweep 13 #5), and the sample's other notes.
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            pipeline.run(Project.load(_project(folder, earlier)), key=key)
        return [str(w.message) for w in caught if w.category is SameSegmentsWarning]

    (said,) = same(tmp_path / "kopie", "ronde3_kopie.csv")
    assert said.startswith("[[rounds]] 'Buurtgesprekken voorjaar 2025") and "ronde3_kopie.csv and [interviews]" in said
    assert "hold 41 of the same segments (the same id, respondent and date)" in said
    assert same(tmp_path / "eigen", "ronde2.csv") == []


def test_a_few_shared_segments_are_no_news_and_a_date_is_compared_as_a_day():
    ids = [f"S{i:03d}" for i in range(10)]
    ours = pd.DataFrame({"segment_id": ids, "respondent": "p1", "date": "2025-10-10"})
    earlier = [("a", segment_keys(ours.assign(date=pd.Timestamp("2025-10-10"))))]
    with pytest.warns(SameSegmentsWarning, match="a and b hold 10 of the same segments"):
        warn_copies("b", segment_keys(ours), earlier)
    other = ours.assign(respondent=["p1"] * 4 + ["p2"] * 6)  # S001 again, but another person
    warn_copies("c", segment_keys(other), [earlier[0]])
    assert segment_keys(ours.drop(columns="respondent")).dtype == np.uint64
