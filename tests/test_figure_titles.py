"""The title of each figure as a handout's key figures print it: said as people say it, never in the words of CBS's
table (user test W: a handout's row read "Personen per soort uitkering; Bijstand")."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

SEEDS = Path(__file__).resolve().parents[1] / "pipelines" / "seeds"


def test_no_figure_a_handout_may_show_is_titled_with_cbs_table_structure():
    definitions = pd.read_csv(SEEDS / "indicators.csv", dtype=str, keep_default_na=False)
    catalogue = pd.read_csv(SEEDS / "indicator_catalogue.csv", dtype=str, keep_default_na=False)
    properties = pd.read_csv(SEEDS / "kwb_properties.csv", dtype=str, keep_default_na=False)
    cbs = catalogue.merge(properties[["year", "cbs_key", "title"]], on=["year", "cbs_key"])
    shown = definitions.merge(cbs, on="indicator", how="left", suffixes=("", "_cbs"))
    # The seed's title wins (pipelines/marts/indicators.sql), else CBS's title of that year.
    shown["shown"] = shown["title"].where(shown["title"] != "", shown["title_cbs"])
    structured = shown[shown["shown"].fillna("").str.contains(";")]
    assert structured.empty, structured[["indicator", "shown"]].drop_duplicates().to_string()
