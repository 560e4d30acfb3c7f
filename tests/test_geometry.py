import geopandas as gpd
import pytest
import shapely
from shapely.geometry import Polygon

from buurtdata import datasets, geometry
from buurtdata._errors import InputFileError


@pytest.fixture(scope="module")
def buurten():
    return geometry.read_boundaries(datasets.get_path("hengelo/buurten.gpkg"), layer="buurten")


def test_sample_boundaries_are_valid_rd_new(buurten):
    assert len(buurten) == 62
    assert buurten.crs.to_epsg() == 28992
    assert buurten.geometry.is_valid.all()
    assert buurten["buurtcode"].str.match(r"^BU0164\d{4}$").all()


@pytest.mark.parametrize("tolerance", [None, 5.0, 25.0])
def test_simplification_leaves_no_gaps_or_overlaps(buurten, tolerance):
    simple = geometry.simplify_for_display(buurten, tolerance)
    before = shapely.get_num_coordinates(buurten.geometry.array).sum()
    after = shapely.get_num_coordinates(simple.geometry.array).sum()
    assert after < before
    assert shapely.coverage_is_valid(simple.geometry.array)
    union = shapely.union_all(simple.geometry.array)
    # No overlaps: the parts add up to the whole. No gaps: the whole keeps the original outline's area.
    assert simple.geometry.area.sum() == pytest.approx(union.area, rel=1e-9)
    assert union.area == pytest.approx(shapely.union_all(buurten.geometry.array).area, rel=1e-4)
    # Neighbours still share their border: each original touching pair still touches.
    pairs = gpd.sjoin(buurten[["geometry"]], buurten[["geometry"]], predicate="touches")
    for left, right in list(zip(pairs.index, pairs["index_right"]))[:60]:
        assert simple.geometry.iloc[left].intersects(simple.geometry.iloc[right])


def test_display_tolerance_follows_extent(buurten):
    assert 5 < geometry.display_tolerance(buurten) < 15


def test_self_intersecting_polygon_is_repaired(tmp_path):
    bowtie = Polygon([(0, 0), (10, 10), (10, 0), (0, 10), (0, 0)])
    frame = gpd.GeoDataFrame(
        {"buurtcode": ["BU99990000"], "buurtnaam": ["Strik"], "wijkcode": ["WK999900"], "gemeentecode": ["GM9999"]},
        geometry=[bowtie],
        crs="EPSG:28992",
    )
    path = tmp_path / "strik.gpkg"
    frame.to_file(path)
    repaired = geometry.read_boundaries(path)
    assert repaired.geometry.is_valid.all()
    assert repaired.geometry.area.iloc[0] == pytest.approx(50)


def test_missing_columns_and_missing_crs_are_explained(tmp_path):
    frame = gpd.GeoDataFrame({"naam": ["x"]}, geometry=[Polygon([(0, 0), (1, 0), (1, 1)])], crs="EPSG:28992")
    frame.to_file(tmp_path / "vreemd.gpkg")
    with pytest.raises(InputFileError, match=r"no column\(s\) \['buurtcode'"):
        geometry.read_boundaries(tmp_path / "vreemd.gpkg")
    with pytest.raises(InputFileError, match="does not exist"):
        geometry.read_boundaries(tmp_path / "absent.gpkg")
