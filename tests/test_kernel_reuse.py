"""What the report's one kernel reuses from notebook to notebook (#19) is never shared with what a notebook gets.

The explorer is composed once and handed out as copies (:mod:`buurtdata.outputs._composition`); the boundaries
beside a built database are read once (:mod:`buurtdata.outputs._database`). Each call must still give what a
call without reuse gives.
"""

from __future__ import annotations

import copy
import pickle
import shutil
import warnings

import altair as alt
import geopandas as gpd
import pytest

from buurtdata import datasets
from buurtdata.outputs import _composition, _database, explore, interactive
from buurtdata.sources import geometry


def _altair_spec(chart):
    """The spec as Altair itself makes it, without the composition's kept spec."""
    return super(_composition.Checked, chart).to_dict(validate=False)


def test_explorer_copies_give_altairs_own_spec_for_every_buurt(hengelo_run):
    for code in sorted(hengelo_run.buurten["code"]):
        chart = interactive.explorer(hengelo_run, buurt=code)
        assert isinstance(chart, alt.HConcatChart)
        spec = chart.to_dict()
        assert spec == _altair_spec(chart) == chart.to_dict(context={"pre_transform": False})
        assert interactive.selection_params(spec)[0]["value"] == [{"code": code}]


def test_a_changed_explorer_shows_its_change_and_the_next_copy_does_not(hengelo_run):
    chart = interactive.explorer(hengelo_run, buurt="BU01640000")
    chart.hconcat[0].width = 111
    chart.datasets["cijfers"][0]["titel"] = "Anders"
    spec = chart.to_dict()
    assert spec["hconcat"][0]["width"] == 111 and spec["datasets"]["cijfers"][0]["titel"] == "Anders"
    assert spec == _altair_spec(chart)
    fresh = interactive.explorer(hengelo_run, buurt="BU01640000").to_dict()
    assert (
        fresh["hconcat"][0]["width"] == interactive._MAP_SIZE != 111
        and fresh["datasets"]["cijfers"][0]["titel"] != "Anders"
    )
    titled = interactive.explorer(hengelo_run, buurt="BU01640000").properties(title="Eigen titel")
    assert titled.to_dict()["title"] == "Eigen titel"
    moved = interactive.explorer(hengelo_run, buurt="BU01640000")
    [chosen] = [param for param in moved.params if param.name == interactive.BUURT_PARAM]
    chosen.value = [{"code": "BU01640100"}]
    assert interactive.selection_params(moved.to_dict(validate=True))[0]["value"] == [{"code": "BU01640100"}]


def test_an_explorer_pickles_and_copies_as_an_altair_chart(hengelo_run):
    chart = interactive.explorer(hengelo_run, buurt="BU01640000")
    for again in (pickle.loads(pickle.dumps(chart)), copy.deepcopy(chart)):
        assert again.to_dict() == chart.to_dict() == _altair_spec(again)


def test_a_shown_spec_is_the_callers_own(hengelo_run):
    chart = interactive.explorer(hengelo_run, buurt="BU01640000")
    spec = chart.to_dict()
    spec["hconcat"][0]["width"] = 5
    interactive.selection_params(spec)[0]["value"] = []
    again = chart.to_dict()
    assert again["hconcat"][0]["width"] == interactive._MAP_SIZE
    assert interactive.selection_params(again)[0]["value"] == [{"code": "BU01640000"}]


def test_the_theme_of_the_moment_is_in_the_spec(hengelo_run):
    chart = interactive.explorer(hengelo_run, buurt="BU01640000")
    with alt.theme.enable("dark"):
        assert chart.to_dict()["usermeta"]["embedOptions"]["theme"] == "dark"
    assert "usermeta" not in chart.to_dict()


@pytest.fixture
def database(hengelo_run, tmp_path):
    path = tmp_path / "buurtdata.duckdb"
    hengelo_run.con.execute(f"ATTACH '{path}' AS built; COPY FROM DATABASE memory TO built; DETACH built")
    return path


def test_notebook_data_from_a_database_is_read_once_and_each_call_gets_its_own(database, monkeypatch):
    reads = []
    read_boundaries = geometry.read_boundaries
    monkeypatch.setattr(geometry, "read_boundaries", lambda *a, **k: reads.append(a) or read_boundaries(*a, **k))
    monkeypatch.setattr(_database, "_LAST", {})  # nothing kept from another test
    first = explore.notebook_data(None, database=database)
    first.buurten.loc[0, "name"] = "Veranderd"
    first.con.close()
    second = explore.notebook_data(None, database=database)
    assert second.con is not first.con and second.buurten is not first.buurten
    assert "Veranderd" not in set(second.buurten["name"])
    assert second.con.sql("select count(*) from buurt_profile").fetchall() == [(62,)]
    assert len(reads) == 1


def test_notebook_data_reads_boundaries_written_since_again(database, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(datasets.get_path("hengelo").parent, project)
    data = explore.notebook_data(project / "project.toml", database=database)
    assert "Herschreven" not in set(data.boundaries["name"])
    # Written as a user would: the same file, another name for one buurt.
    layer = data.project.boundaries.layer
    shapes = gpd.read_file(project / "buurten.gpkg", layer=layer)
    shapes.loc[shapes["buurtcode"] == "BU01640000", "buurtnaam"] = "Herschreven"
    shapes.to_file(project / "buurten.gpkg", layer=layer)
    data = explore.notebook_data(project / "project.toml", database=database)
    assert data.boundaries.set_index("code").loc["BU01640000", "name"] == "Herschreven"


def test_what_reading_the_boundaries_told_is_told_on_every_call(database, monkeypatch):
    reads = []
    read_boundaries = geometry.read_boundaries

    def telling(*args, **kwargs):
        reads.append(args)
        warnings.warn("1 polygon repaired", UserWarning, stacklevel=2)
        return read_boundaries(*args, **kwargs)

    monkeypatch.setattr(geometry, "read_boundaries", telling)
    monkeypatch.setattr(_database, "_LAST", {})  # nothing kept from another test
    for _ in range(2):
        with pytest.warns(UserWarning, match="1 polygon repaired"):
            explore.notebook_data(None, database=database).con.close()
    assert len(reads) == 1
