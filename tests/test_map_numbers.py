"""Every printed map of one build numbers its polygons the same way, and a key tells two buurten of one name apart.

User test (Ermelo): the theme map left out a polygon without figures that the indicator and wall maps draw as
"geen cijfer", so a buurt's number differed between the maps; and its key listed two buurten "Verspreide huizen
bosgebied" (one in Wijk 00 Ermelo, one in Wijk 01 Speuld) without their wijk. Here the sample gets both: a new
polygon without figures, and one name for two buurten of two wijken.
"""

from __future__ import annotations

import dataclasses
import re

import geopandas as gpd
import pandas as pd
import pytest

from buurtdata.outputs import _paper, maps

NAME = "Verspreide huizen bosgebied"
NEW = "BU01640199"


@pytest.fixture(scope="module")
def result(hengelo_run):
    buurten = hengelo_run.buurten.copy()
    # One buurt in each of two wijken, renamed alike, in the figures and the interviews.
    twins = buurten.drop_duplicates("wijk_code")["code"].iloc[:2].tolist()
    buurten.loc[buurten["code"].isin(twins), "name"] = NAME
    themes = hengelo_run.themes.copy()
    themes.loc[themes["code"].isin(twins), "name"] = NAME
    # Boundaries of another year than the figures: a polygon the CBS has no figures of.
    extra = buurten.iloc[[0]].assign(
        code=NEW, name="Nieuwbouw", geometry=[buurten.geometry.iloc[0].centroid.buffer(80)]
    )
    figures = [c for c in buurten.columns if c not in ("code", "name", "wijk_code", "wijk_name", "geometry")]
    extra[figures] = None
    buurten = gpd.GeoDataFrame(pd.concat([buurten, extra], ignore_index=True), crs=buurten.crs)
    return dataclasses.replace(hengelo_run, buurten=buurten, themes=themes)


def _key(figure) -> list[str]:
    lines = [line for text in figure.texts for line in text.get_text().split("\n")]
    return [line for line in lines if re.match(r"\d+ ", line)]


def test_the_theme_map_draws_a_polygon_without_figures_numbered_as_the_indicator_map(result):
    theme = maps.print_theme_map(result)
    indicator = maps.print_indicator_map(result)
    assert _key(theme) == _key(indicator)
    assert any(line.endswith(" Nieuwbouw") for line in _key(theme))
    legend = [t.get_text() for legend in theme.legends for t in legend.get_texts()]
    assert "geen cijfer" in legend


def test_a_key_tells_two_buurten_of_one_name_apart_by_their_wijk(result):
    wijken = dict(zip(result.buurten["code"], result.buurten["wijk_name"], strict=True))
    twins = result.buurten.loc[result.buurten["name"] == NAME, "code"].tolist()
    # The wall maps key their list by these names: the wijk whole.
    expected = {f"{NAME} ({wijken[code]})" for code in twins}
    assert expected <= {name for _, name in _paper.numbered_names(result.buurten)}
    # A printed map's narrow key keeps the wijk's number where the whole wijk does not fit beside the name.
    for figure in (maps.print_theme_map(result), maps.print_indicator_map(result)):
        said = [line.split(" ", 1)[1] for line in _key(figure) if NAME in line]
        assert len(said) == 2 and NAME not in said, said
        for code in twins:
            wijk = wijken[code]
            assert f"{NAME} ({wijk})" in said or f"{NAME} ({' '.join(wijk.split()[:2])}…)" in said, said


def test_the_screen_s_theme_map_draws_it_too(result):
    features = [
        feature
        for values in maps.theme_map(result).to_dict()["datasets"].values()
        if isinstance(values, list)
        for feature in values
    ]
    assert [f["klasse"] for f in features if f.get("code") == NEW] == ["geen cijfer"]


def test_a_map_of_an_indicator_without_any_value_is_warned_of(hengelo_run, tmp_path):
    # Sweep 12 places #17: WOZ in an early KWB file drew a map of 'geen cijfer' everywhere, without a word.
    from buurtdata.outputs._map_classes import EmptyMapWarning

    indicator = hengelo_run.project.map_indicator
    empty = dataclasses.replace(hengelo_run, buurten=hengelo_run.buurten.assign(**{indicator: float("nan")}))
    with pytest.warns(EmptyMapWarning, match=rf"\[maps\] indicator = '{indicator}': the KWB figures of 2024 hold no"):
        maps.save_maps(empty, tmp_path)
