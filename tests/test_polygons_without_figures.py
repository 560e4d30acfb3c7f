"""A polygon kept without figures (the figures lack its buurt) says why in the GeoPackage and in the database
(sweep 12 places #15): each figure's status is ``ontbreekt`` (the maps' 'geen cijfer'), not NULL, and its gemeente's
``reason`` names it, while the layer's columns keep their types."""

from __future__ import annotations

import warnings
from pathlib import Path
from types import SimpleNamespace

import pyogrio
import pytest

from buurtdata import pipeline
from buurtdata.outputs import build
from buurtdata.pipeline import link, scope, status
from buurtdata.project import Project

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
KWB2024 = RAW / "kwb2024-85984NED-dertje" / "85984NED.csv"
AMSTERDAM_2022 = RAW / "buurten-amsterdam-2022-gebieden-vl09" / "buurten.geojson"

needs_raw = pytest.mark.skipif(not KWB2024.exists() or not AMSTERDAM_2022.exists(), reason="data/raw is not here")


def test_one_gemeente_with_polygons_its_figures_lack_keeps_a_reason_naming_them():
    project = SimpleNamespace(year=2024, boundaries=SimpleNamespace(path=Path("/somewhere/buurten.json"), year=2024))
    figures = {f"BU0363AA{n:02d}": f"Buurt {n}" for n in range(20)}
    row = status.status(project, "GM0363", "Amsterdam", figures, {**figures, "BU0363MK06": "Muidenbuurt-Oost"}, 2024,
                        compare=False, own=lambda: None)  # fmt: skip
    assert row[2:4] == [status.BUILT, 20] and row[5] == []
    assert row[4].startswith("GM0363 Amsterdam: built with 1 polygon(s) of 2024 whose buurten the KWB figures of 2024")
    assert "(BU0363MK06)" in row[4] and "status: ontbreekt" in row[4] and "If the polygons are not of 2024" in row[4]
    # Nothing to say where figures and polygons agree (the Hengelo sample).
    assert status.status(project, "GM0363", "A", figures, figures, 2024, compare=False, own=lambda: None)[4] is None


@needs_raw
def test_amsterdams_polygon_without_figures_is_ontbreekt_in_the_geopackage_and_named_in_the_database(
    tmp_path: Path,
) -> None:
    # Amsterdam's polygons of 2022 said to be of 2024 beside its figures of 2024: BU0363MK06 has no figures.
    (tmp_path / "project.toml").write_text(
        f'name = "test"\ngemeente = "GM0363"\nyear = 2024\n[[kwb]]\nyear = 2024\ntable = "85984NED"\n'
        f'data = "{KWB2024.as_posix()}"\n[boundaries]\nyear = 2024\npath = "{AMSTERDAM_2022.as_posix()}"\n',
        encoding="utf-8",
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = pipeline.run(Project.load(tmp_path / "project.toml"), key=b"test")
    reason = scope.status_table(result.con).set_index("code").at["GM0363", "reason"]
    assert "built with 1 polygon(s) of 2024" in reason and "(BU0363MK06)" in reason
    gpkg = build._write_geopackage(result, tmp_path / "buurten.gpkg")
    result.con.close()
    layer = pyogrio.read_dataframe(gpkg, layer="buurten")
    statuses = [column for column in layer.columns if column.endswith("_status")]
    absent = layer[layer["code"] == "BU0363MK06"].iloc[0]
    assert len(statuses) > 20 and {absent[column] for column in statuses} == {link.WITHOUT_FIGURES_STATUS}
    assert absent[[column.removesuffix("_status") for column in statuses]].isna().all()  # never 0
    assert absent[["name", "wijk_code", "gemeente_code"]].tolist() == ["Muidenbuurt-Oost", "WK0363MK", "GM0363"]
    # The buurten with figures keep theirs; every column keeps its type (text statuses, numbers as reals).
    assert (layer.loc[layer["code"] == "BU0363KJ05", "inwoners_status"] == "waarde").all()
    info = pyogrio.read_info(gpkg, layer="buurten")
    types = dict(zip(info["fields"], map(str, info["dtypes"]), strict=True))
    assert {types[column] for column in statuses} == {"object"}
    assert types["inwoners"] == types["aandeel_65_plus"] == types["year"] == "float64"
    assert types["water"] == "bool" and info["geometry_type"] == "Polygon"
