"""The templates ``buurtdata nieuw`` writes give the project's own gemeente's examples, not the Hengelo sample's,
and ``nieuw NL`` uses a national KWB file at hand (sweep 12 places #13), with the KWB files in data/raw."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_gemeenten import RAW, needs_raw

from buurtdata import cli, settings

KWB2020 = RAW / "kwb2020-84799NED-statlinebq" / "84799NED" / "cbs.v3.84799NED_TypedDataSet.parquet"
#: What the shipped templates say of the Hengelo sample (its codes, postcodes, a point in it).
HENGELO = ("0164", "7557", "7553", "251245", "52.27026")


def _templates(folder: Path, *args: str) -> tuple[str, str]:
    """Run ``buurtdata nieuw *args folder``; return its segments and agreements templates."""
    assert cli.main(["nieuw", *args, str(folder)]) == 0
    segments, agreements = (folder / "segmenten_sjabloon.csv", folder / "afspraken_sjabloon.csv")
    return segments.read_text(encoding="utf-8-sig"), agreements.read_text(encoding="utf-8-sig")


@needs_raw
def test_an_ermelo_folder_gets_ermelos_buurt_and_postcode(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(settings, "data_dir", RAW.parent)
    segments, agreements = _templates(tmp_path / "ermelo", "GM0233", "--jaar", "2020")
    # Ermelo-Centrum and its most common postcode, as the national KWB 2020 file at hand has them.
    assert "buurtcode (BU02330000 of 02330000)" in segments and "postcode (3851)" in segments
    assert "(3851 AB 12;" in segments and "(RD 155000 463000, of 52.15517, 5.38721)" in segments
    assert "(Centrum met Ermelo ernaast is het Centrum van Ermelo)" in segments
    assert "buurtcode (BU02330000)" in agreements
    assert not [said for said in HENGELO if said in segments + agreements]


@needs_raw
def test_a_region_gets_its_first_gemeentes_buurt_and_its_second_beside_a_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(settings, "data_dir", RAW.parent)
    segments, agreements = _templates(tmp_path / "regio", "GM0363", "GM0402", "--jaar", "2024")
    assert "buurtcode (BU0363AA01 of 0363AA01)" in segments and "postcode (1013)" in segments
    assert "(Centrum met Hilversum ernaast is het Centrum van Hilversum)" in segments
    assert "buurtcode (BU0363AA01)" in agreements
    assert not [said for said in HENGELO if said in segments + agreements]


def test_without_a_kwb_file_at_hand_the_examples_name_no_gemeente(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(settings, "data_dir", tmp_path / "leeg")
    segments, agreements = _templates(tmp_path / "p", "GM0233", "--jaar", "2024")
    assert "buurtcode (BU12340101 of 12340101)" in segments and "postcode (1234)" in segments
    assert "(1234 AB 12;" in segments and "buurtcode (BU12340101)" in agreements
    assert not [said for said in HENGELO if said in segments + agreements]


@needs_raw
def test_nieuw_nl_uses_the_national_file_at_hand(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(settings, "data_dir", RAW.parent)
    folder = tmp_path / "nl"
    assert cli.main(["nieuw", "NL", "--jaar", "2020", str(folder)]) == 0
    text = (folder / "project.toml").read_text(encoding="utf-8")
    readme = (folder / "README.md").read_text(encoding="utf-8")
    # The statlinebq TypedDataSet holds all 355 gemeenten of 2020: no download asked.
    assert f'data = "{KWB2020.resolve()}"' in text or f'data = "{KWB2020.resolve().as_posix()}"' in text
    assert "De cijfers staan al klaar" in readme and "Download de *Kerncijfers" not in readme
    # KWB 2024 at hand is a selection of gemeenten (tests/test_nieuw_regio.py): its download is still asked.
    assert cli.main(["nieuw", "NL", "--jaar", "2024", str(tmp_path / "nl2024")]) == 0
    assert 'data = "kwb2024_85984NED.csv"' in (tmp_path / "nl2024" / "project.toml").read_text(encoding="utf-8")
