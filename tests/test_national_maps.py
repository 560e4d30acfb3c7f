"""Maps of all 13,594 buurten of Nederland stay light: the shapes once, as TopoJSON, and compact figures (#16, #19).

Sizes only: the time to draw them is measured by ``benchmarks/maps.py``.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from national_stand_in import lend_hengelo_figures

from buurtdata.outputs import _topojson, charts, interactive
from buurtdata.outputs.maps import ScriptSafeJSON
from buurtdata.sources import geometry

NATIONAL_BUURTEN = (
    Path(__file__).resolve().parents[1] / "data" / "raw" / "buurten-powerbi-emielsanders" / "buurten.json"
)
#: What the issues ask of a national map's Vega-Lite spec.
MAX_BYTES = 5_000_000

pytestmark = pytest.mark.skipif(not NATIONAL_BUURTEN.exists(), reason="data/raw is not here")


@pytest.fixture(scope="module")
def national():
    return geometry.read_boundaries(NATIONAL_BUURTEN, year=2019)


def _size(spec):
    return len(json.dumps(spec, cls=ScriptSafeJSON).encode())


def _topology(spec):
    return json.loads(spec["datasets"][_topojson.NAME])


def test_national_indicator_map_is_under_5_mb_with_its_shapes_once_and_a_click_selection(national):
    frame = geometry.simplify_for_display(national)
    secret = np.arange(len(frame)) % 9 == 0
    frame = frame.assign(
        # The file has codes only: a name as long as a real one.
        name="Buurt " + frame["code"].str[2:],
        oppervlakte=(frame.geometry.area / 1e4).round(1).where(~secret),
        oppervlakte_status=np.where(secret, "geheim", "waarde"),
    )
    spec = charts.choropleth_indicator(
        frame, "oppervlakte", title="Oppervlakte", unit="ha", source="Bron: CBS, Wijk- en buurtkaart 2019"
    ).to_dict()
    assert _size(spec) < MAX_BYTES
    assert [p["name"] for p in interactive.selection_params(spec)] == [charts.MAP_PARAM]
    # Every buurt is drawn (no 5,000-row limit), its shape in the one topology the layers look up.
    rows = [row for layer in spec["layer"] for row in spec["datasets"][layer["data"]["name"]]]
    assert sorted(row["code"] for row in rows) == sorted(national["code"])
    assert len(_topology(spec)["objects"][_topojson.FEATURE]["geometries"]) == len(national) == 13594
    assert "geometry" not in json.dumps(spec) and json.dumps(spec).count("Topology") == 1


def test_national_explorer_is_under_5_mb_and_linked_by_a_selection(national, hengelo_run):
    data = lend_hengelo_figures(hengelo_run, national)
    spec = interactive.explorer(data).to_dict()
    assert _size(spec) < MAX_BYTES
    assert [p["name"] for p in interactive.selection_params(spec)] == [interactive.BUURT_PARAM]
    assert len(json.loads(spec["datasets"]["buurtcijfers"])) == len(national)
    assert len(_topology(spec)["objects"][_topojson.FEATURE]["geometries"]) == len(national)


def test_handout_shapes_of_a_national_build_keep_each_gemeentes_scale(national):
    # At the country's scale (about 200 m) small buurten lose their shape; a handout maps part of one gemeente.
    simple = geometry.simplify_per_gemeente(national)
    assert simple["code"].tolist() == national["code"].tolist()
    ratio = simple.geometry.area.to_numpy() / national.geometry.area.to_numpy()
    assert (abs(ratio - 1) < 0.25).all(), national["code"][abs(ratio - 1) >= 0.25].tolist()[:10]
    whole = geometry.simplify_for_display(national)
    assert (abs(whole.geometry.area.to_numpy() / national.geometry.area.to_numpy() - 1) >= 0.25).sum() > 100
