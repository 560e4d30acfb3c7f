"""Small points of sweep 14 F7, on the inputs the sweep used (Ameland on CBS's national KWB 2020 and polygons,
the one real KWB 2023 row of Rotterdam's Stadsdriehoek, all in data/raw)."""

from __future__ import annotations

from pathlib import Path

import pytest

from buurtdata import cli

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
KWB_2020 = RAW / "kwb2020-84799NED-statlinebq" / "84799NED" / "cbs.v3.84799NED_TypedDataSet.parquet"
BUURTEN = RAW / "buurten-powerbi-emielsanders" / "buurten.json"
ROWS = RAW / "kwb2022-2023-rows-tjebbehb" / "kwb_rows_2022_2023_BU05990110.json"
national = pytest.mark.skipif(not KWB_2020.exists() or not BUURTEN.exists(), reason="no national files in data/raw")


@national
def test_one_handout_is_said_as_one(tmp_path, capsys):
    """``buurtdata handouts ... --buurt hollum`` said "1 handouts"."""
    (tmp_path / "project.toml").write_text(
        f'name = "Ameland"\ngemeente = "GM0060"\nyear = 2020\n[[kwb]]\nyear = 2020\ntable = "84799NED"\n'
        f'data = "{KWB_2020.as_posix()}"\n[boundaries]\nyear = 2020\npath = "{BUURTEN.as_posix()}"\n'
        'layer = "buurten"\n',
        encoding="utf-8",
    )
    argv = ["handouts", "--project", str(tmp_path / "project.toml"), "--out", str(tmp_path / "h"), "--no-png"]
    assert cli.main([*argv, "--buurt", "hollum"]) == 0
    said = capsys.readouterr().out
    assert "buurtdata: 1 handout (PDF) and their index written in" in said and "1 handouts" not in said
