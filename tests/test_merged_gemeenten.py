"""A gemeente formed after the KWB year at hand (sweep 14 F2): Land van Cuijk, GM1982, formed on 1 January 2022 from
five gemeenten. The national KWB 2020 file cannot hold it and the KWB 2024 file at hand is a selection of three;
``nieuw``, the library and the build say so and how to go on, not "klopt de code?", and a name is looked up in the
boundary files at hand (gemeenten2023 names it). On the uncurated files in data/raw, as the sweep used them."""

from __future__ import annotations

from pathlib import Path

import pytest

from buurtdata import _kwb_at_hand, cli, settings
from buurtdata._errors import CodeError, DataNotAvailableError
from buurtdata.sources import cbs
from buurtdata.sources import geometry as boundaries
from buurtdata.sources.cbs import held

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
NATIONAL_2020 = RAW / "kwb2020-84799NED-statlinebq" / "84799NED" / "cbs.v3.84799NED_TypedDataSet.parquet"
SELECTION_2024 = RAW / "kwb2024-85984NED-dertje" / "85984NED.csv"
GEMEENTEN_2023 = RAW / "gemeenten2023-pdok-ogcapi-stdekker" / "gemeenten.json"


@pytest.fixture
def at_hand(monkeypatch) -> Path:
    """data/raw as the sweep had it: national KWB 2020, the KWB 2024 selection, the gemeenten of 2023."""
    if not all(path.exists() for path in (NATIONAL_2020, SELECTION_2024, GEMEENTEN_2023)):
        pytest.skip("the national KWB 2020, the KWB 2024 selection or the gemeenten of 2023 are not in data/raw")
    monkeypatch.setattr(settings, "data_dir", RAW.parent)
    return RAW


def test_nieuw_of_a_gemeente_formed_since_names_it_and_says_why_no_kwb_file_holds_it(at_hand, tmp_path, capsys):
    assert cli.main(["nieuw", "GM1982", "--jaar", "2023", str(tmp_path / "lvc")]) == 0
    toml = (tmp_path / "lvc" / "project.toml").read_text(encoding="utf-8")
    readme = (tmp_path / "lvc" / "README.md").read_text(encoding="utf-8")
    assert 'name = "Land van Cuijk, buurtgesprekken"' in toml
    for text in (toml, readme, capsys.readouterr().err):
        assert "klopt de code" not in text and "dichtstbij" not in text and "GEMEENTENAAM" not in text
        assert f"(de naam komt uit {GEMEENTEN_2023})" in text
        assert "nieuwere code dan elke gemeente in het landelijke KWB-bestand van 2020 (355 gemeenten)" in text
        assert "een gemeente die na 2020 is ontstaan (gemeentecodes veranderen als gemeenten samengaan)" in text
        assert "het bestand van 2024 is een selectie van 3 gemeenten: GM0164 Hengelo (O.), GM0363 Amsterdam" in text
        assert "de build van 2023 heeft het landelijke KWB-bestand van 2023 nodig" in text
    assert "vul hem in" not in readme and "bij `name` in project.toml" not in readme


def test_nieuw_of_a_year_before_it_was_formed_says_how_to_go_on(at_hand, tmp_path, capsys):
    assert cli.main(["nieuw", "GM1982", "--jaar", "2020", str(tmp_path / "lvc")]) == 0
    said = capsys.readouterr().err
    assert "een gemeente die na 2020 is ontstaan" in said and "klopt de code" not in said
    assert "ga verder met een later KWB-jaar waarin de gemeente bestaat (--jaar)" in said
    assert "maak een regio van de gemeenten waaruit ze is ontstaan, met hun codes van 2020" in said


def test_nieuw_of_a_code_mistyped_still_gets_the_closest(at_hand, tmp_path, capsys):
    """GM0146 is no newer code than the national file's: a typo, as before."""
    assert cli.main(["nieuw", "GM0146", "--jaar", "2020", str(tmp_path / "typo")]) == 0
    said = capsys.readouterr().err
    assert "GM0146 staat er niet in (dichtstbij: GM0147" in said and "klopt de code?" in said
    assert "na 2020 is ontstaan" not in said


def test_a_name_is_looked_up_in_the_boundary_file_passed(at_hand):
    frame = boundaries.gemeenten(2023, gemeente="Land van Cuijk", source=GEMEENTEN_2023)
    assert frame[["code", "name"]].values.tolist() == [["GM1982", "Land van Cuijk"]]
    assert boundaries.gemeenten(2023, gemeente="dijk en waard", source=GEMEENTEN_2023)["code"].tolist() == ["GM1980"]


def test_kerncijfers_of_a_gemeente_formed_since_by_its_name_says_what_the_file_holds(at_hand):
    """Named by the gemeenten of 2023 at hand: its code, which KWB 2020 does not hold (not Langedijk's)."""
    with pytest.raises(DataNotAvailableError, match=r"GM1982 is not in KWB 2020; .* formed after 2020") as said:
        cbs.kerncijfers(2020, gemeente="Land van Cuijk")
    assert "GM0416" not in str(said.value)


def test_a_closest_name_is_only_of_the_year_asked(at_hand):
    """No KWB 2023 at hand: no closest name from another year (Langedijk merged into Dijk en Waard in 2022)."""
    with pytest.raises(CodeError) as said:
        _kwb_at_hand.asked_gemeenten("Land van Cuik", 2023)
    assert "Langedijk" not in str(said.value) and "GM0416" not in str(said.value)
    assert "a gemeente formed by a later merger is not in an older year's file" in str(said.value)
    with pytest.raises(CodeError, match=r"it holds a selection of 3 gemeenten") as said:
        _kwb_at_hand.asked_gemeenten("Land van Cuik", 2024)
    assert "Langedijk" not in str(said.value)


def test_kerncijfers_of_a_newer_code_says_it_was_formed_since(at_hand):
    with pytest.raises(DataNotAvailableError, match=r"GM1982 is a newer code than any of them: formed after 2020"):
        cbs.read_kerncijfers(NATIONAL_2020, gemeente="GM1982")


def test_the_builds_scope_message_of_a_newer_code_says_how_to_go_on():
    national = {f"GM{n:04d}": f"Gemeente {n}" for n in range(1, 1979)}
    said = held.absent("GM1982", None, national, year=2020, table="84799NED")
    assert "closest" not in said and "fix the code" not in said
    assert "GM1982 is a newer code than any of them, a gemeente formed after 2020?" in said
    assert "make the project a region of the gemeenten it was formed from, with their codes of 2020" in said
    assert held.absent("GM0233", None, {"GM0232": None, **national}, year=2020, table="x").startswith(" (closest")
