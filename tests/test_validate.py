"""Validation: the sample passes, corrupted inputs stop the build with an actionable message, and the build's SQL
executor and the great-expectations executor agree on every rule."""

import os
import shutil
import subprocess
import sys

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
    # More than one buurt in eight: a few (new buurten) are built without a polygon (test_without_polygon_alone).
    dropped = sorted(polygons["buurtcode"])[:8]
    assert "BU01640101" in dropped and len(dropped) > len(polygons) / 8
    polygons[~polygons["buurtcode"].isin(dropped)].to_file(gpkg, layer="buurten", driver="GPKG")
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


#: Each breaks one kind of rule (region pattern, uniqueness, range, set, pair), on a table of every boundary.
CORRUPTIONS = {
    "AantalInwoners_5 (number of inhabitants) is 0 or more": "update stg_kwb_observations set value = -40 "
    "where year = 2024 and code = 'BU01640101' and cbs_key = 'AantalInwoners_5'",
    "no duplicate regions per year": "insert into stg_kwb_regions select * from stg_kwb_regions "
    "where year = 2024 and code = 'BU01640101'",
    "level is land, gemeente, wijk or buurt": "update stg_kwb_regions set level = 'stad' "
    "where year = 2020 and code = 'GM0164'",
    "add up to the gemeente within CBS rounding": "update observations set value = value + 500 "
    "where code = 'BU01640000' and indicator = 'inwoners'",
    "gemiddelde_woz is in thousands of euros": "update observations set value = value * 1000 "
    "where code = 'BU01640101' and indicator = 'gemiddelde_woz'",
    "every figure is a finite number": "update observations set value = 'inf' "
    "where year = 2024 and code = 'BU01640501' and indicator = 'woningvoorraad'",
    "wijkcode is a wijk code": "update stg_buurt_geometry set wijk_code = 'WK01640' where code = 'BU01640501'",
    "one row per buurt": "insert into buurt_profile select * from buurt_profile where code = 'BU01640000'",
    "every share and percentage of a buurt lies within 0-100": "update buurt_profile set aandeel_65_plus = 140 "
    "where code = 'BU01640101'",
    "status is one of": "update buurt_profile set inwoners_status = 'raar' where code = 'BU01640101'",
    "segment ids are unique": "update stg_segments set segment_id = 'S003' where segment_id = 'S004'",
    "every placed segment's buurt exists": "update stg_segments set buurt_code = 'BU01649999' "
    "where segment_id in ('S001', 'S002')",
    "a shown theme has at least": "update buurt_themes set respondents = 1 "
    "where rowid = (select min(rowid) from buurt_themes where shown)",
    "one row per buurt and theme": "insert into buurt_themes select * from buurt_themes "
    "where rowid = (select min(rowid) from buurt_themes)",
}


def _outcomes(result, executor):
    table = validate(result.con, result.project, raise_on_failure=False, executor=executor)
    return table.set_index(["suite", "rule"])[["success", "unexpected", "examples"]]


def test_both_executors_agree_on_every_rule_of_the_sample(hengelo_run):
    by_sql, by_gx = _outcomes(hengelo_run, "sql"), _outcomes(hengelo_run, "great_expectations")
    assert len(by_sql) > 30 and by_sql["success"].all()
    pd.testing.assert_frame_equal(by_sql, by_gx)


def test_both_executors_agree_on_broken_tables(hengelo, key):
    result = pipeline.run(hengelo, key=key)
    for statement in CORRUPTIONS.values():
        result.con.execute(statement)
    by_sql, by_gx = _outcomes(result, "sql"), _outcomes(result, "great_expectations")
    failing = by_sql.index[~by_sql["success"]].get_level_values("rule")
    for rule in CORRUPTIONS:
        assert any(rule in failed for failed in failing), rule
    # Same verdict, same number of failing rows and the same rows named, rule by rule.
    pd.testing.assert_frame_equal(by_sql, by_gx)
    # A rule over every share (or status) column of buurt_profile names the buurt and the column.
    examples = set(by_sql.loc[~by_sql["success"], "examples"])
    assert "code=BU01640101, column=aandeel_65_plus (value=140)" in examples
    assert "code=BU01640101, column=inwoners_status (status=raar)" in examples


def test_the_build_raises_the_message_great_expectations_gives(sample_copy, key):
    project = Project.load(sample_copy / "project.toml")
    clean = pipeline.run(project, key=key)
    data = sample_copy / "kwb2024_85984NED.parquet"
    frame = pd.read_parquet(data)
    frame.loc[frame["WijkenEnBuurten"].str.strip() == "BU01640501", "AantalInwoners_5"] = -3
    frame.to_parquet(data, index=False)
    with pytest.raises(ValidationError) as by_sql:
        pipeline.run(project, key=key)
    # The same cell, broken where staging put it: great-expectations names the same file, row, value and fix.
    clean.con.execute(
        "update stg_kwb_observations set value = -3 "
        "where year = 2024 and code = 'BU01640501' and cbs_key = 'AantalInwoners_5'"
    )
    with pytest.raises(ValidationError) as by_gx:
        validate(clean.con, project, boundary="kwb")
    [problem] = [p for p in by_sql.value.problems if "AantalInwoners_5" in p]
    assert "code=BU01640501 (AantalInwoners_5=-3)" in problem and str(data) in problem
    assert problem in by_gx.value.problems


def test_a_plain_build_does_not_import_great_expectations(tmp_path):
    # Importing great-expectations costs seconds: only the report and `buurtdata validate` may.
    script = (
        "import sys\n"
        "from buurtdata import cli, datasets, pipeline\n"
        "from buurtdata.project import Project\n"
        "pipeline.run(Project.load(datasets.get_path('hengelo')), key=b'test')\n"
        "print(sorted({'great_expectations', 'altair'} & set(sys.modules)))\n"
        f"assert cli.main(['demo', '--no-notebook', '--no-handouts', '--out', {str(tmp_path / 'demo')!r}]) == 0\n"
        "print('great_expectations' in sys.modules)\n"
    )
    env = {**os.environ, "BUURTDATA_KEY_FILE": str(tmp_path / "pseudonym.key")}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True)
    assert done.stdout.splitlines()[0] == "[]"
    assert done.stdout.splitlines()[-1] == "False"


def test_cli_validate_checks_the_sample_with_great_expectations(capsys):
    from buurtdata import cli

    assert cli.main(["validate", "--project", str(datasets.get_path("hengelo"))]) == 0
    assert "rules pass (great-expectations)" in capsys.readouterr().out


def test_great_expectations_gets_scipy_stats_only_when_it_uses_it(tmp_path):
    # scipy.stats is a quarter of great-expectations' import, for expectations no rule uses: it is deferred.
    script = (
        "import sys\n"
        "from buurtdata import datasets, pipeline\n"
        "from buurtdata.pipeline.validation import validate\n"
        "from buurtdata.project import Project\n"
        "result = pipeline.run(Project.load(datasets.get_path('hengelo')), key=b'test')\n"
        "validate(result.con, result.project, executor='great_expectations')\n"
        "print('scipy.stats' in sys.modules)\n"
        "from great_expectations.expectations.core import expect_column_kl_divergence_to_be_less_than as kl\n"
        "import scipy.stats\n"
        "print(kl.stats.entropy is scipy.stats.entropy, type(sys.modules['scipy.stats']).__name__)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == ["False", "True module"]


def test_suites_leave_the_order_to_the_executors(hengelo_run):
    # Sorting a table only to count its failures costs a national build; failing rows are sorted by their ids.
    from buurtdata.pipeline.validation.suites import suites

    for suite in suites(hengelo_run.con, hengelo_run.project, BOUNDARIES):
        assert "order by" not in suite.query.lower(), suite.full_name
