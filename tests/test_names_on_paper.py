"""Buurt names shortened on paper are cut at words: a handout's key, a map's key and a wall map's list.

User test (Ermelo): "Versprei…Zuiderzeeland" and "Verspreide hu…Staverden" in a map key. The names are Ermelo's
own, read from the CBS wijk- en buurtkaart 2021 in data/raw (SOURCE.md there).
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pyogrio
import pytest

from buurtdata.outputs import _map_key, handout_key

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
ERMELO = RAW / "wijkenbuurten2021-ermelo-gpkg-tauvic" / "CBS_buurten.gpkg"
KWB2024 = RAW / "kwb2024-85984NED-dertje" / "85984NED.csv"


@pytest.fixture(scope="module")
def wijken() -> dict[str, list[str]]:
    """Ermelo's buurt names per wijk, in code order, as a handout's key lists them."""
    frame = pyogrio.read_dataframe(ERMELO, read_geometry=False, columns=["buurtcode", "buurtnaam", "wijkcode"])
    frame = frame.dropna(subset=["buurtnaam"]).sort_values("buurtcode")
    return {code: group["buurtnaam"].tolist() for code, group in frame.groupby("wijkcode")}


def _at_words(short: str, name: str) -> None:
    """Each part of ``short`` between "…" is whole words of ``name``."""
    for part in filter(None, (piece.strip() for piece in short.split("…"))):
        start = name.find(part)
        assert start >= 0, (short, name)
        before, after = name[start - 1 : start], name[start + len(part) : start + len(part) + 1]
        assert before in ("", " ", "-", "/") and after in ("", " ", "-", "/"), (short, name)


def test_a_handout_key_shortens_ermelo_s_names_at_words(wijken):
    for names in wijken.values():
        short = handout_key.distinct_names(names)
        assert len(set(short)) == len(set(names))
        for text, name in zip(short, names, strict=True):
            _at_words(text, name)
    said = handout_key.distinct_names(wijken["WK023301"])
    assert "Verspreide…Staverden" in said and "Verspreide hu…Staverden" not in said


@pytest.mark.parametrize("room", [80, 100, 130])
def test_a_map_key_and_a_wall_map_list_shorten_ermelo_s_names_at_words(wijken, room):
    names = [name for group in wijken.values() for name in group]
    for number, name in enumerate(names, start=1):
        fitted = _map_key._fitted(f"{number} {name}", room)
        _at_words(fitted.removeprefix(f"{number} "), name)
        line = f"{number} {name}".replace(" ", "\u00a0")
        for piece in _map_key.wrapped(line, room, 7):
            _at_words(piece.replace("\u00a0", " ").removeprefix(f"{number} "), name)


def test_every_amsterdam_key_tells_its_buurt():
    """Sweep13 #7: every wijk of Amsterdam in the KWB 2024 (517 buurten) as its handouts' keys name them. No two
    keys of a wijk alike, "BurgemeesterTellegenbuurt-West" (CBS's missing space) shortened as its "Burgemeester
    Tellegenbuurt-Oost", and no key a lone first word ("Filips…", "Bedrijventerrein…") of a name whose last word
    tells the buurt."""
    from buurtdata.pipeline.names import readable

    kwb = pd.read_csv(KWB2024, sep=";", dtype=str, encoding="utf-8-sig")
    kwb["code"] = kwb["Codering_3"].str.strip()
    buurten = kwb[kwb["code"].str.startswith("BU0363")].sort_values("code")
    wijken = buurten.groupby(buurten["code"].str[2:8])["WijkenEnBuurten"].agg(lambda names: [*map(readable, names)])
    assert len(wijken) > 90 and sum(map(len, wijken)) == 517
    said = {}
    for names in wijken:
        if not handout_key.numbered(len(names)):
            continue
        short = handout_key.distinct_names(names)
        assert len(set(short)) == len(names), short
        for text, name in zip(short, names, strict=True):
            said[name] = text
            lone = re.fullmatch(r"([^\s…]+)…", text)
            assert not (lone and len(name.split()) > 1 and name.split()[-1][:1].isupper()), (name, text)
    assert said["BurgemeesterTellegenbuurt-West"] == "Burgemeester…West"
    assert said["Burgemeester Tellegenbuurt-Oost"] == "Burgemeester…Oost"
    assert said["Filips van Almondekwartier"] == "Filips…Almondekwartier"
    assert said["Bedrijventerrein Van Houten"] == "…Van Houten"
    assert said["Nieuwe Oosterbegraafplaats"] == "…Oosterbegraafplaats"
