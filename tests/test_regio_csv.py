"""regio.csv holds each figure with the decimals it is printed with everywhere (sweep 14 F6: the Wadden region on
CBS's national KWB 2020 gave Ameland's share of 0-15 year olds as 15.608180839612487 under "(%)", where regio.html
says 15,6). On the national files in data/raw, as the sweep used them."""

from __future__ import annotations

from pathlib import Path

import pytest

from buurtdata import pipeline
from buurtdata.outputs import regional
from buurtdata.project import Project
from tests import excel_files

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
KWB_2020 = RAW / "kwb2020-84799NED-statlinebq" / "84799NED" / "cbs.v3.84799NED_TypedDataSet.parquet"
BUURTEN = RAW / "buurten-powerbi-emielsanders" / "buurten.json"


@pytest.mark.skipif(not KWB_2020.exists() or not BUURTEN.exists(), reason="the national files are not in data/raw")
def test_regio_csv_rounds_each_figure_as_it_is_printed(tmp_path):
    (tmp_path / "project.toml").write_text(
        'name = "Waddeneilanden"\ngemeenten = ["GM0448", "GM0096", "GM0093", "GM0060", "GM0088"]\nyear = 2020\n'
        f'[[kwb]]\nyear = 2020\ntable = "84799NED"\ndata = "{KWB_2020.as_posix()}"\n'
        f'[boundaries]\nyear = 2020\npath = "{BUURTEN.as_posix()}"\nlayer = "buurten"\n',
        encoding="utf-8",
    )
    written = regional.write_side_by_side(pipeline.run(Project.load(tmp_path / "project.toml")), tmp_path)
    regio = excel_files.read(written[0]).set_index("gemeentecode")
    young = next(c for c in regio.columns if c.startswith("Aandeel inwoners 0 tot 15 jaar"))
    assert regio.loc["GM0060", young] == 15.6 and regio.loc["NL00", young] == 15.7
    shares = [c for c in regio.columns if c.startswith("Aandeel")]
    assert shares and (regio[shares] == regio[shares].round(1)).all().all()
    inwoners = next(c for c in regio.columns if c.startswith("Aantal inwoners"))
    assert regio.loc["GM0060", inwoners] == 3716  # a count stays whole
    assert ";15,6;" in excel_files.text(written[0])
