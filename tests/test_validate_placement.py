"""``buurtdata validate`` says what a build says of the segments it will not place (sweep 13 #14: it said "all 35
rules pass" and nothing of a segment with a buurt code that does not exist), as a warning, not a failure. The Ermelo
project of the sweep (CBS's national KWB 2020 file and the 2021 Ermelo GeoPackage in data/raw, FICTIEF segments)."""

from __future__ import annotations

import pytest
from test_round_copies import _project, pytestmark  # noqa: F401 (skipped as that module is, without data/raw)

from buurtdata import cli, settings


@pytest.mark.filterwarnings("default")  # as outside the tests: the project's other warnings are shown, not raised
def test_validate_warns_of_the_segments_a_build_will_not_place(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(settings, "key_file", tmp_path / "pseudonym.key")
    toml = _project(tmp_path / "ermelo", "ronde2.csv")
    with (toml.parent / "ronde3.csv").open("a", encoding="utf-8") as segments:
        segments.write("S9999;BX1;bewoner;Ontmoeten;tekst;BU02339999;2025-10-10;ja\n")
    assert cli.main(["validate", "--project", str(toml)]) == 0
    printed = capsys.readouterr()
    assert "all 35 rules pass (great-expectations)" in printed.out
    said = [line for line in printed.err.splitlines() if "not placed in a buurt" in line or "placement of" in line]
    assert said == [
        "buurtdata: warning: 1 interview segments not placed in a buurt (in a wijk only 0, in neither 1: no match 1); "
        "a report or buurtdata handouts lists them in niet_geplaatste_fragmenten.csv, each with the reason and the fix",
        "  placement of interview segments (resolved_by): buurtnaam 41, onbekend 1; in a buurt 41, in a wijk only 0, "
        "in neither 1",
    ]
