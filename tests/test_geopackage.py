"""A build's GeoPackage layers (buurtdata.outputs._geopackage) read back as ``GeoDataFrame.to_file`` writes them.

The writer encodes each distinct polygon once (issue 19); these tests hold it to pyogrio's own rules on the sample's
real layers and on the shapes a real file may have: single and multi polygons mixed, a buurt without a polygon,
an empty polygon, heights (Z), a column of nothing and an object column of numbers.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely
from geopandas.testing import assert_geodataframe_equal

from buurtdata.outputs import _geopackage

SQUARE = shapely.box(0, 0, 1, 1)
TWO = shapely.MultiPolygon([shapely.box(2, 2, 3, 3), shapely.box(4, 4, 5, 5)])


def _both(frame: gpd.GeoDataFrame, folder: Path, *, arrow: bool) -> tuple[Path, Path]:
    theirs, ours = folder / f"to_file_{arrow}.gpkg", folder / f"ours_{arrow}.gpkg"
    frame.to_file(theirs, layer="laag", driver="GPKG", use_arrow=arrow)
    _geopackage.write_layer(frame, ours, "laag")
    return theirs, ours


def _same(theirs: Path, ours: Path) -> None:
    info_theirs, info_ours = pyogrio.read_info(theirs, layer="laag"), pyogrio.read_info(ours, layer="laag")
    assert info_ours["geometry_type"] == info_theirs["geometry_type"]
    assert list(info_ours["fields"]) == list(info_theirs["fields"])
    assert list(info_ours["dtypes"]) == list(info_theirs["dtypes"])
    assert info_ours["crs"] == info_theirs["crs"] and info_ours["features"] == info_theirs["features"]
    assert_geodataframe_equal(
        pyogrio.read_dataframe(ours, layer="laag"), pyogrio.read_dataframe(theirs, layer="laag"), check_dtype=False
    )


def _repeated(geometries: list, times: int = 3) -> gpd.GeoDataFrame:
    """Rows as a merge gives them: each buurt's polygon (one object) on a row per theme."""
    shapes = gpd.GeoDataFrame({"code": [f"BU{i:08d}" for i in range(len(geometries))]}, geometry=geometries)
    themes = pd.DataFrame(
        {
            "code": np.repeat(shapes["code"].to_numpy(), times),
            "theme": [f"thema {t}" for t in range(times)] * len(geometries),
        }
    )
    return shapes.set_crs(28992).merge(themes, on="code", how="right")


@pytest.mark.parametrize("arrow", [False, True])
def test_the_samples_layers_read_back_as_to_file_writes_them(hengelo_run, tmp_path, arrow):
    for frame in (hengelo_run.buurten, hengelo_run.themes):
        folder = tmp_path / str(len(frame.columns))
        folder.mkdir()
        _same(*_both(frame, folder, arrow=arrow))


@pytest.mark.parametrize(
    "geometries",
    [
        [SQUARE, TWO, SQUARE.buffer(0.1)],  # single and multi: all made multi
        [SQUARE, None, TWO],  # a buurt without a polygon
        [SQUARE, shapely.Polygon(), SQUARE],  # an empty polygon
        [shapely.Polygon([(0, 0, 1), (1, 0, 1), (1, 1, 2)]), shapely.Polygon([(0, 0, 1), (2, 0, 1), (2, 2, 2)])],  # Z
        [SQUARE, shapely.Point(1, 1)],  # two kinds without a multi of both: Unknown
        [None, None],  # no polygon at all
    ],
    ids=["single-and-multi", "missing", "empty", "z", "mixed", "none"],
)
def test_real_shapes_read_back_as_to_file_writes_them(tmp_path, geometries):
    frame = _repeated(geometries)
    frame["niets"] = None  # a column of nothing
    frame["getal"] = pd.Series([1, 2, None] * len(geometries), dtype=object)  # numbers in an object column
    _same(*_both(frame, tmp_path, arrow=True))


def test_each_polygon_is_encoded_once_and_a_second_layer_joins_the_first(tmp_path, monkeypatch):
    frame = _repeated([SQUARE, TWO, SQUARE.buffer(0.1)], times=4)
    encoded = []
    to_wkb = shapely.to_wkb
    monkeypatch.setattr(
        _geopackage.shapely, "to_wkb", lambda values, **kw: encoded.append(len(values)) or to_wkb(values, **kw)
    )
    gpkg = tmp_path / "buurten.gpkg"
    _geopackage.write_layer(frame.drop(columns="theme").drop_duplicates("code"), gpkg, "buurten")
    _geopackage.write_layer(frame, gpkg, "buurt_themes")
    assert encoded == [3, 3]
    assert list(pyogrio.list_layers(gpkg)[:, 0]) == ["buurten", "buurt_themes"]
    assert len(pyogrio.read_dataframe(gpkg, layer="buurt_themes")) == 12


@pytest.mark.parametrize(
    "odd",
    ["geometry only", "named index", "text index", "categories of nothing", "text and numbers", "dates"],
)
def test_frames_of_other_shapes_are_written_as_to_file_writes_them(tmp_path, odd):
    """Review s, 8: shapes a build's layers do not have are handed to ``to_file``, or read as it reads them."""
    frame = gpd.GeoDataFrame({"code": ["BU1", "BU2"]}, geometry=[SQUARE, TWO], crs=28992)
    if odd == "geometry only":
        frame = frame[["geometry"]]
    elif odd == "named index":
        frame = frame.rename_axis("rij")
    elif odd == "text index":
        frame = frame.set_index(pd.Index(["a", "b"]))
    elif odd == "categories of nothing":
        frame["soort"] = pd.Categorical([None, None], categories=[])
    elif odd == "text and numbers":
        frame["gemengd"] = pd.Series(["tekst", 12], dtype=object)
    else:
        frame["datum"] = pd.to_datetime(["2025-05-01", "2025-06-01"])
    theirs, ours = tmp_path / "to_file.gpkg", tmp_path / "ours.gpkg"
    frame.to_file(theirs, layer="laag", driver="GPKG")
    _geopackage.write_layer(frame, ours, "laag")
    _same(theirs, ours)


def _page_size(gpkg: Path) -> int:
    size = int.from_bytes(gpkg.read_bytes()[16:18], "big")  # SQLite's header: 1 stands for 65536
    return 65_536 if size == 1 else size


def test_a_large_geopackage_is_written_in_64_kib_pages_and_reads_back_the_same(hengelo_run, tmp_path, monkeypatch):
    from buurtdata.outputs.build import _write_geopackage

    small = _write_geopackage(hengelo_run, tmp_path / "klein.gpkg")
    monkeypatch.setattr(_geopackage, "LARGE_PAGES_FROM", 1)  # the sample's 62 buurten stand in for the country
    large = _write_geopackage(hengelo_run, tmp_path / "groot.gpkg")
    assert (_page_size(small), _page_size(large)) == (4_096, 65_536)
    for layer in ("buurten", "buurt_themes"):
        read = pyogrio.read_dataframe
        assert_geodataframe_equal(read(large, layer=layer), read(small, layer=layer))
    assert pyogrio.get_gdal_config_option("OGR_SQLITE_PRAGMA") is None  # given back as it was
    assert pyogrio.get_gdal_config_option("OGR_CURRENT_DATE") is None


def test_pragmas_a_user_set_are_left_as_they_are(hengelo_run, tmp_path, monkeypatch):
    from buurtdata.outputs.build import _write_geopackage

    monkeypatch.setattr(_geopackage, "LARGE_PAGES_FROM", 1)
    pyogrio.set_gdal_config_options({"OGR_SQLITE_PRAGMA": "cache_size=-4000"})
    try:
        gpkg = _write_geopackage(hengelo_run, tmp_path / "buurten.gpkg")
        assert pyogrio.get_gdal_config_option("OGR_SQLITE_PRAGMA") == "cache_size=-4000"
    finally:
        pyogrio.set_gdal_config_options({"OGR_SQLITE_PRAGMA": None})
    assert _page_size(gpkg) == 4_096
