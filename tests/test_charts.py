"""Charts are checked through their Vega-Lite dict (altair's own testing practice)."""

import json

from buurtdata import charts


def _spec(hengelo_run, hengelo):
    chart = charts.choropleth_indicator(
        hengelo_run.buurten,
        "aandeel_65_plus",
        title="Aandeel inwoners 65 jaar of ouder",
        unit="%",
        subtitle="Hengelo (O.), 2024",
        source=charts.source_line(table="85984NED", year=2024),
    )
    return chart.to_dict()


def test_indicator_map_title_source_and_classes(hengelo_run, hengelo):
    spec = _spec(hengelo_run, hengelo)
    assert spec["title"]["text"] == "Aandeel inwoners 65 jaar of ouder"
    assert "Bron: CBS, Kerncijfers wijken en buurten 2024 (85984NED)" in spec["title"]["subtitle"]
    grey = spec["layer"][1]["encoding"]["color"]
    assert set(grey["scale"]["domain"]) == {"te weinig inwoners voor een aandeel", "niet van toepassing"}
    assert spec["resolve"]["scale"]["color"] == "independent"


def test_indicator_map_has_no_number_for_missing_figures(hengelo_run, hengelo):
    spec = _spec(hengelo_run, hengelo)
    datasets = spec["datasets"]
    valued, missing = (datasets[layer["data"]["name"]] for layer in spec["layer"])
    assert len(valued) + len(missing) == 62
    assert {f["aandeel_65_plus_status"] for f in valued} == {"waarde"}
    assert all(f.get("aandeel_65_plus") is None for f in missing)


def test_theme_map_hides_counts_below_threshold(hengelo_run, hengelo):
    chart = charts.choropleth_theme(
        hengelo_run.themes,
        hengelo.map_theme,
        source=charts.source_line(table="85984NED", year=2024, interviews=hengelo.interviews.label),
    )
    spec = chart.to_dict()
    assert "Fictieve interviews" in " ".join(spec["title"]["subtitle"])
    shown, hidden = (spec["datasets"][layer["data"]["name"]] for layer in spec["layer"])
    assert shown and all(f["respondents"] >= hengelo.privacy_threshold for f in shown)
    assert hidden and all("respondents" not in f for f in hidden)
    assert "segments" not in json.dumps(spec)
