"""The notebooks show figures the project has, whatever the project (user test J): no figure key is written in a
notebook, the second map of notebook 01 is chosen from the project and says why; the charts they show fit a
JupyterLab cell and label counts of people whole."""

from __future__ import annotations

import ast
import dataclasses
import json
import re
from pathlib import Path

import pandas as pd
import pytest
import spoken
import vl_convert as vlc

from buurtdata.outputs import charts, explore

ROOT = Path(__file__).resolve().parents[1]


def _with(data, **changes):
    return dataclasses.replace(data, project=dataclasses.replace(data.project, **changes))


def _second(data) -> tuple[str, str]:
    return explore.second_indicator(data), explore.project_note(data, "tweede kaart").data


def test_no_notebook_names_a_figure_of_its_own():
    keys = set(pd.read_csv(ROOT / "pipelines" / "seeds" / "indicators.csv")["indicator"])
    for path in sorted((ROOT / "notebooks").glob("*.py")):
        strings = {n.value for n in ast.walk(ast.parse(path.read_text())) if isinstance(n, ast.Constant)}
        assert not strings & keys, (path.name, strings & keys)


def test_the_second_map_is_a_share_of_the_profile_and_says_why(hengelo_run):
    key, said = _second(hengelo_run)
    assert key == "aandeel_0_15" != hengelo_run.project.map_indicator
    assert "*Aandeel inwoners 0\u00a0tot\u00a015\u00a0jaar*" in said and "[profile]" in said and "aantal" in said
    # The explorer's dropdown offers the key figures only (review s2, 11).
    assert (
        "Een ander kerncijfer kiest u boven de kaart" in said
        and "elk ander cijfer toont `explore.indicator_map(" in said
    )
    spoken_problems = spoken.report([("notebook", said)])
    assert not spoken_problems, spoken_problems


def test_the_second_map_takes_a_count_of_the_profile_then_any_figure_with_values(hengelo_run):
    counts = _with(hengelo_run, profile_indicators=("inwoners", "aandeel_65_plus", "bedrijfsvestigingen"))
    key, said = _second(counts)
    assert key == "inwoners" and "geen aantal" not in said
    # A figure without one value for these buurten (gemiddelde_woz of KWB 2020) is never mapped.
    blank = dataclasses.replace(hengelo_run, buurten=hengelo_run.buurten.assign(aandeel_0_15=float("nan")))
    assert explore.second_indicator(blank) == "aandeel_eenpersoonshuishoudens"
    alone = _with(hengelo_run, profile_indicators=("aandeel_65_plus",))
    key, said = _second(alone)
    assert key != "aandeel_65_plus" and alone.buurten[key].notna().any()
    assert "projectbestand noemt onder `[profile]` geen ander kerncijfer" in said and "KWB 2024" in said
    assert "Dit is een cijfer van KWB" in said and "kiest u boven de kaart" not in said
    assert not spoken.report([("notebook", said)])


def test_theme_legends_label_whole_distinct_ordered_counts(hengelo_run, hengelo):
    themes = hengelo_run.themes
    few = themes.assign(respondents=themes["respondents"].where(themes["respondents"].isna(), 3))
    few.loc[few["respondents"].notna().idxmax(), "respondents"] = 4
    for frame in (themes, few):
        spec = charts.choropleth_theme(frame, hengelo.map_theme, source="Bron: CBS").to_dict()
        legend = spec["layer"][0]["encoding"]["color"]["legend"]
        ticks = legend["values"]
        assert ticks == sorted(set(ticks)) and all(isinstance(t, int) for t in ticks) and len(ticks) <= 5
    assert charts._whole_ticks(3, 4) == [3, 4]


@pytest.mark.parametrize("with_interviews", [True, False])
def test_the_explorer_fits_a_jupyterlab_cell(hengelo_run, with_interviews):
    data = hengelo_run if with_interviews else dataclasses.replace(hengelo_run, themes=None)
    svg = vlc.vegalite_to_svg(explore.explorer(data, "BU01640000").to_dict())
    width = float(re.search(r'<svg[^>]* width="([\d.]+)"', svg)[1])
    # A cell beside JupyterLab's file browser in a 1400 px window is about 900 px wide.
    assert width <= 860, width
    assert "kaart" in json.dumps(explore.explorer(data).to_dict())
