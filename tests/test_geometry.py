import geopandas as gpd
import pytest
import shapely
from shapely.geometry import Polygon

from buurtdata import datasets
from buurtdata._errors import InputFileError
from buurtdata.sources import geometry


@pytest.fixture(scope="module")
def buurten():
    return geometry.read_boundaries(datasets.get_path("hengelo/buurten.gpkg"), layer="buurten")


def test_sample_boundaries_are_valid_rd_new(buurten):
    assert len(buurten) == 62
    assert buurten.crs.to_epsg() == 28992
    assert buurten.geometry.is_valid.all()
    assert buurten["code"].str.match(r"^BU0164\d{4}$").all()
    assert set(buurten["level"]) == {"buurt"} and (buurten["wijk_code"] == buurten["code"].str[2:8].radd("WK")).all()


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
    for left, right in list(zip(pairs.index, pairs["index_right"], strict=True))[:60]:
        assert simple.geometry.iloc[left].intersects(simple.geometry.iloc[right])


def test_display_tolerance_follows_extent(buurten):
    assert 5 < geometry.display_tolerance(buurten) < 15


def test_self_intersecting_polygon_is_repaired(tmp_path):
    # A bow-tie in Hengelo: make_valid turns it into its two triangles (documented repair, listed in attrs).
    x, y = 250_000, 475_000
    bowtie = Polygon([(x, y), (x + 10, y + 10), (x + 10, y), (x, y + 10), (x, y)])
    frame = gpd.GeoDataFrame(
        {"buurtcode": ["BU01649990"], "buurtnaam": ["Strik"], "wijkcode": ["WK016499"], "gemeentecode": ["GM0164"]},
        geometry=[bowtie],
        crs="EPSG:28992",
    )
    path = tmp_path / "strik.gpkg"
    frame.to_file(path)
    repaired = geometry.read_boundaries(path)
    assert repaired.geometry.is_valid.all()
    assert repaired.geometry.iloc[0].geom_type == "MultiPolygon"
    assert repaired.geometry.area.iloc[0] == pytest.approx(50)
    assert repaired.attrs["repaired"] == ["BU01649990"]


def test_missing_code_property_and_missing_file_are_explained(tmp_path):
    frame = gpd.GeoDataFrame(
        {"naam": ["x"]},
        geometry=[Polygon([(250_000, 475_000), (250_001, 475_000), (250_001, 475_001)])],
        crs="EPSG:28992",
    )
    frame.to_file(tmp_path / "vreemd.gpkg")
    with pytest.raises(InputFileError, match=r"none of the known code properties \['buurtcode'.*'cbsCode'.*\['naam'\]"):
        geometry.read_boundaries(tmp_path / "vreemd.gpkg")
    with pytest.raises(InputFileError, match="does not exist"):
        geometry.read_boundaries(tmp_path / "absent.gpkg")
