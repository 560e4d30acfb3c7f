"""great-expectations suites: the sample passes, corrupted inputs stop the build with an actionable message."""

import shutil

import pandas as pd
import pytest

from buurtdata import datasets, pipeline
from buurtdata._errors import ValidationError
from buurtdata.pipeline.validation import BOUNDARIES, validate
from buurtdata.project import Project


def test_sample_passes_every_rule_and_results_are_recorded(hengelo_run):
    recorded = hengelo_run.con.sql("select * from validation_results").df()
    assert set(recorded["boundary"]) == set(BOUNDARIES)
    assert recorded["success"].all()
    tables = set(recorded["suite"])
    for suite in [
        "kwb.raw_kwb_2024",
        "kwb.raw_kwb_2020",
        "kwb.stg_kwb_regions",
        "kwb.stg_kwb_observations",
        "kwb.population_totals",
        "geometry.stg_buurt_geometry",
        "profile.buurt_profile",
        "segments.stg_segments",
        "segments.buurt_themes",
    ]:
        assert suite in tables


@pytest.fixture
def sample_copy(tmp_path):
    folder = tmp_path / "hengelo"
    shutil.copytree(datasets.get_path("hengelo").parent, folder)
    return folder


def test_negative_population_in_kwb_file_fails_naming_file_row_and_fix(sample_copy, key):
    data = sample_copy / "kwb2024_85984NED.parquet"
    frame = pd.read_parquet(data)
    row = frame.index[frame["WijkenEnBuurten"].str.strip() == "BU01640101"][0]
    frame.loc[row, "AantalInwoners_5"] = -40
    frame.to_parquet(data, index=False)

    with pytest.raises(ValidationError) as raised:
        pipeline.run(Project.load(sample_copy / "project.toml"), key=key)
    message = str(raised.value)
    problem = next(p for p in raised.value.problems if "AantalInwoners_5" in p)
    assert str(data) in problem
    assert f"row={row + 1}, code=BU01640101 (AantalInwoners_5=-40)" in problem
    assert "cannot be negative" in problem and "download the table again" in problem
    assert "project.toml" in message


def test_segment_in_a_buurt_without_polygon_fails_naming_segment_and_fix(key):
    project = Project.load(datasets.get_path("hengelo"))
    result = pipeline.run(project, key=key)
    result.con.execute("update stg_segments set buurt_code = 'BU01649999' where segment_id in ('S001', 'S002')")
    with pytest.raises(ValidationError) as raised:
        validate(result.con, project, boundary="segments")
    [problem] = raised.value.problems
    assert str(project.interviews.segments) in problem
    assert "segment_id=S001 (buurt_code=BU01649999); segment_id=S002 (buurt_code=BU01649999)" in problem
    assert "fails for 2 row(s)" in problem and "Correct the location of these segments" in problem
    recorded = result.con.sql("select rule, success from validation_results where boundary = 'segments'").df()
    assert (~recorded["success"]).sum() == 1


def test_results_without_raising_list_every_rule(hengelo_run):
    results = validate(hengelo_run.con, hengelo_run.project, boundary="geometry", raise_on_failure=False)
    assert list(results.columns) == [
        "boundary",
        "suite",
        "table",
        "source",
        "rule",
        "success",
        "unexpected",
        "examples",
        "fix",
    ]
    assert len(results) == 4 and results["success"].all()


def test_population_totals_allow_cbs_rounding_only(hengelo, key):
    result = pipeline.run(hengelo, key=key)
    result.con.execute(
        "update observations set value = value + 500 where code = 'BU01640000' and indicator = 'inwoners'"
    )
    with pytest.raises(ValidationError, match="add up to the gemeente within CBS rounding"):
        validate(result.con, hengelo, boundary="kwb")


def test_package_level_validate_works_after_the_module_was_imported(hengelo_run):
    import buurtdata
    import buurtdata.pipeline.validation  # the module has its own name, so the package attribute stays the function

    results = buurtdata.validate(hengelo_run.con, hengelo_run.project, boundary="geometry", raise_on_failure=False)
    assert results["success"].all()


def test_cli_report_stops_on_bad_data_with_the_message(sample_copy, tmp_path, capsys):
    from buurtdata import cli

    data = sample_copy / "kwb2020_84799NED.parquet"
    frame = pd.read_parquet(data)
    frame.loc[frame["WijkenEnBuurten"].str.strip() == "BU01640000", "AantalInwoners_5"] = -5
    frame.to_parquet(data, index=False)
    assert cli.main(["report", "--project", str(sample_copy / "project.toml"), "--out", str(tmp_path / "uit")]) == 2
    error = capsys.readouterr().err
    assert str(data) in error and "code=BU01640000 (AantalInwoners_5=-5)" in error
    assert not (tmp_path / "uit" / "index.html").exists()


def test_buurt_without_polygon_fails_before_anything_is_drawn(sample_copy, key):
    import geopandas as gpd

    gpkg = sample_copy / "buurten.gpkg"
    polygons = gpd.read_file(gpkg, layer="buurten")
    polygons[polygons["buurtcode"] != "BU01640101"].to_file(gpkg, layer="buurten", driver="GPKG")
    with pytest.raises(ValidationError) as raised:
        pipeline.run(Project.load(sample_copy / "project.toml"), key=key)
    [problem] = raised.value.problems
    assert "every buurt has a polygon" in problem and "code=BU01640101" in problem
    assert str(gpkg) in problem


def test_a_mistyped_buurt_code_is_named_as_such(sample_copy, key):
    # The letter O for a zero: the polygon of BU01640501 loses its figures, and the error says so.
    data = sample_copy / "kwb2024_85984NED.parquet"
    frame = pd.read_parquet(data)
    row = frame.index[frame["WijkenEnBuurten"].str.strip() == "BU01640501"][0]
    frame.loc[row, "WijkenEnBuurten"] = "BU0164O501"
    frame.to_parquet(data, index=False)
    with pytest.raises(ValidationError) as raised:
        pipeline.run(Project.load(sample_copy / "project.toml"), key=key)
    text = str(raised.value)
    assert "BU0164O501 has figures but no polygon, and polygon BU01640501 has no figures: is the code mistyped" in text
