"""The plain pandas + geopandas script an analyst would write instead of buurtdata (the yardstick of issue 19).

Usage::

    python benchmarks/reference_pandas.py PROJECT.toml OUT.gpkg

Computes what ``buurtdata`` puts in ``buurten.gpkg`` for a project and writes the same two layers:
``buurten`` (one row per buurt: every catalogued indicator as a value and a status, its gemeente's value
``<key>_gemeente`` and Nederland's ``<key>_nl``) and ``buurt_themes`` (buurt x theme, distinct respondents
with the privacy threshold, rolled up to the wijk as buurtdata does). It reads the profile year's KWB files
in the OData v3 Parquet shape, the polygons and interview segments in the template whose location is a
buurt code, which is what ``benchmarks/pipeline_vs_pandas.py`` gives it. The definitions it needs (the
indicator catalogue, shares, CBS's sentinels) are buurtdata's seeds, read as an analyst reads any CSV.
No validation, no pseudonyms, no scrubbing: only the numbers.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

SEEDS = Path(__file__).resolve().parents[1] / "pipelines" / "seeds"
NUMERIC = {"Long", "Integer", "Double", "Float", "Decimal"}
LEVELS = {"NL": "land", "GM": "gemeente", "WK": "wijk", "BU": "buurt"}


def observations(data: pd.DataFrame, properties: pd.DataFrame, year: int) -> tuple[pd.DataFrame, list[str]]:
    """Return (code, indicator, value, status) of every catalogued indicator and share, and every indicator key."""
    catalogue = pd.read_csv(SEEDS / "indicator_catalogue.csv")
    definitions = pd.read_csv(SEEDS / "indicators.csv")
    sentinels = pd.read_csv(SEEDS / "status_codes.csv").set_index("value")["status"]
    topics = properties.loc[properties["Type"] == "Topic", ["Key", "Datatype"]]
    catalogue = catalogue[(catalogue["year"] == year) & catalogue["cbs_key"].isin(topics["Key"])]
    numeric = set(topics.loc[topics["Datatype"].isin(NUMERIC), "Key"])
    codes = data["WijkenEnBuurten"].str.strip()

    parts = []
    for indicator, key in zip(catalogue["indicator"], catalogue["cbs_key"], strict=True):
        if key not in numeric or key not in data.columns:
            continue
        column = data[key]
        if not pd.api.types.is_numeric_dtype(column):
            text = column.astype("string").str.strip().replace(".", None)
            column = pd.to_numeric(text, errors="coerce")
        number = column.astype(float)
        sentinel = number.map(sentinels)
        status = np.where(sentinel.notna(), sentinel, np.where(number.notna(), "waarde", "geheim"))
        if number.notna().sum() == 0:
            status = np.where(sentinel.notna(), sentinel, "ontbreekt")
        parts.append(
            pd.DataFrame(
                {
                    "code": codes,
                    "indicator": indicator,
                    "value": number.where(sentinel.isna()),
                    "status": status,
                }
            )
        )
    base = pd.concat(parts, ignore_index=True)
    keys = set(catalogue["indicator"])

    by_indicator = base.set_index(["indicator", "code"])
    shares = []
    for row in definitions[definitions["kind"] == "aandeel"].itertuples():
        if row.denominator not in keys:
            continue
        keys.add(row.indicator)
        if row.numerator not in by_indicator.index or row.denominator not in by_indicator.index:
            continue
        num = by_indicator.loc[row.numerator]
        den = by_indicator.loc[row.denominator].reindex(num.index)
        both = den["status"].notna()
        num, den = num[both], den[both]
        status = np.select(
            [
                num["status"] != "waarde",
                den["status"] != "waarde",
                den["value"] == 0,
                den["value"] < row.min_denominator,
            ],
            [num["status"], den["status"], "niet_van_toepassing", "te_klein"],
            "waarde",
        )
        # Two counts CBS rounded to 5 at random can cross by one step: the share is then 100.
        crossed = (num["value"] > den["value"]) & (num["value"] <= den["value"] + 5)
        value = np.where(status == "waarde", 100 * num["value"].where(~crossed, den["value"]) / den["value"], np.nan)
        shares.append(pd.DataFrame({"code": num.index, "indicator": row.indicator, "value": value, "status": status}))
    return pd.concat([base, *shares], ignore_index=True), sorted(keys)


def profile(data: pd.DataFrame, properties: pd.DataFrame, region_names: pd.DataFrame, year: int) -> pd.DataFrame:
    """Return one row per buurt with every indicator, its status and the gemeente and NL baselines."""
    long, _ = observations(data, properties, year)
    codes = pd.Series(data["WijkenEnBuurten"].str.strip().unique())
    names = region_names.assign(code=region_names["Key"].str.strip()).drop_duplicates("code")
    regions = pd.DataFrame({"code": codes, "level": codes.str[:2].map(LEVELS)}).merge(
        names.assign(name=names["Title"].str.strip())[["code", "name"]], on="code", how="left"
    )
    buurten = regions[regions["level"] == "buurt"].assign(
        wijk_code="WK" + regions["code"].str[2:8], gemeente_code="GM" + regions["code"].str[2:6]
    )[["code", "name", "wijk_code", "gemeente_code"]]
    wijken = regions.loc[regions["level"] == "wijk", ["code", "name"]].rename(
        columns={"code": "wijk_code", "name": "wijk_name"}
    )

    indicators = sorted(long["indicator"].unique())
    values = long.pivot(index="code", columns="indicator", values="value")[indicators]
    statuses = long.pivot(index="code", columns="indicator", values="status")[indicators].add_suffix("_status")
    level = long["code"].str[:2].map(LEVELS)
    shown = long["value"].where(long["status"] == "waarde")
    gemeente = long[level == "gemeente"].assign(value=shown).pivot(index="code", columns="indicator", values="value")
    gemeente = gemeente.add_suffix("_gemeente").rename_axis("gemeente_code").reset_index()
    land = long[level == "land"].assign(value=shown).pivot(index="code", columns="indicator", values="value")
    land = land.add_suffix("_nl").reset_index(drop=True)

    frame = buurten.merge(wijken, on="wijk_code", how="left")[
        ["code", "name", "wijk_code", "wijk_name", "gemeente_code"]
    ]
    frame["year"] = year
    frame = frame.merge(values.join(statuses), left_on="code", right_index=True, how="left")
    frame = frame.merge(gemeente, on="gemeente_code", how="left").merge(land, how="cross")
    return frame.sort_values("code", ignore_index=True)


def themes(
    segments: pd.DataFrame, codebook: pd.DataFrame, buurten: pd.DataFrame, threshold: int, label: str | None
) -> pd.DataFrame:
    """Return buurt x theme with distinct respondents, withheld below ``threshold``, and ``in_wijk``."""
    placed = segments.assign(
        buurt_code=segments["location"].str.strip().str.upper(),
        theme=segments["code"].map(codebook.set_index("code")["theme"]),
    )
    placed["wijk_code"] = "WK" + placed["buurt_code"].str[2:8]
    groups = placed.groupby(["buurt_code", "theme"]).agg(
        respondents=("respondent", "nunique"), segments=("respondent", "size")
    )
    all_themes = sorted(codebook["theme"].unique())
    grid = pd.MultiIndex.from_product([buurten["code"], all_themes], names=["buurt_code", "theme"])
    grid = groups.reindex(grid, fill_value=0).reset_index()
    grid["wijk_code"] = "WK" + grid["buurt_code"].str[2:8]

    # A buurt where only 1 to k-1 people were heard in all says 'te weinig gesprekken' on every theme.
    heard = placed.groupby("buurt_code")["respondent"].nunique()
    thin = set(heard.index[(heard >= 1) & (heard < threshold)])
    grid_thin = grid["buurt_code"].isin(thin)

    # The wijk row counts the voices of hidden buurt groups; shown only when no hidden group's size is fixed: every
    # 'te weinig stemmen' group (1..k-1) can be two sizes, every thin buurt (0..k-1) both 0 and 1 or more.
    hidden = placed.merge(groups["respondents"].rename("group"), left_on=["buurt_code", "theme"], right_index=True)
    hidden = hidden[hidden["group"] < threshold]
    wijk = hidden.groupby(["wijk_code", "theme"]).agg(respondents=("respondent", "nunique"))
    wijk["few"] = (
        hidden[~hidden["buurt_code"].isin(thin)].groupby(["wijk_code", "theme"])["buurt_code"].nunique()
    ).reindex(wijk.index, fill_value=0)
    thin_per_wijk = pd.Series("WK" + pd.Series(sorted(thin), dtype=object).str[2:8]).value_counts()
    wijk["thin"] = wijk.index.get_level_values("wijk_code").map(thin_per_wijk).fillna(0).astype(int)
    r, few, t, k = wijk["respondents"], wijk["few"], wijk["thin"], threshold
    few_open = (few == 0) | (np.minimum(k - 1, r - (few - 1)) > np.maximum(1, r - (few - 1 + t) * (k - 1)))
    thin_open = (t == 0) | ((np.maximum(0, r - (few + t - 1) * (k - 1)) == 0) & (np.minimum(k - 1, r - few) >= 1))
    wijk_shown = (r >= k) & few_open & thin_open

    shown = grid["respondents"] >= threshold
    frame = pd.DataFrame(
        {
            "code": grid["buurt_code"],
            "theme": grid["theme"],
            "shown": shown,
            "respondents": grid["respondents"].where(shown).astype("Int64"),
            "segments": grid["segments"].where(shown).astype("Int64"),
            "theme_status": np.select(
                [shown, grid_thin, grid["respondents"] == 0],
                ["getoond", "te weinig gesprekken", "geen stemmen"],
                "te weinig stemmen",
            ),
            "interviews": label,
            "wijk_code": grid["wijk_code"],
        }
    )
    in_wijk = pd.MultiIndex.from_frame(grid[["wijk_code", "theme"]]).map(wijk_shown.to_dict().get)
    frame["in_wijk"] = (
        (~shown & (grid["respondents"] > 0) & pd.Series(in_wijk, index=frame.index).fillna(False).astype(bool))
        .astype("boolean")
        .mask(grid_thin)
    )
    return frame.sort_values(["code", "theme"], ignore_index=True)


def main(project_file: Path, out: Path) -> None:
    project = tomllib.loads(project_file.read_text(encoding="utf-8"))
    here = project_file.parent
    year = project["year"]
    kwb = next(entry for entry in project["kwb"] if entry["year"] == year)
    data = pd.read_parquet(here / kwb["data"])
    figures = profile(data, pd.read_parquet(here / kwb["properties"]), pd.read_parquet(here / kwb["regions"]), year)

    shapes = gpd.read_file(here / project["boundaries"]["path"], layer=project["boundaries"]["layer"])
    shapes = shapes[shapes["water"].str.upper() != "JA"].to_crs(28992)
    shapes = gpd.GeoDataFrame(
        {
            "code": shapes["buurtcode"].str.strip(),
            "name": shapes["buurtnaam"],
            "water": False,
        },
        geometry=shapes.geometry.make_valid(),
        crs=shapes.crs,
    )
    buurten = shapes[["code", "water", "geometry"]].merge(figures, on="code", how="outer").sort_values("code")
    # A polygon without figures: its name from the polygons, its wijk and gemeente from its code, the wijk's
    # name from the wijk's other buurten.
    buurten["name"] = buurten["name"].fillna(buurten["code"].map(shapes.set_index("code")["name"]))
    buurten["wijk_code"] = buurten["wijk_code"].fillna("WK" + buurten["code"].str[2:8])
    buurten["gemeente_code"] = buurten["gemeente_code"].fillna("GM" + buurten["code"].str[2:6])
    wijk_names = buurten.dropna(subset=["wijk_name"]).drop_duplicates("wijk_code").set_index("wijk_code")["wijk_name"]
    buurten["wijk_name"] = buurten["wijk_name"].fillna(buurten["wijk_code"].map(wijk_names))
    # Its figures' statuses say they are missing, as buurtdata writes them (`ontbreekt`).
    without = ~buurten["code"].isin(figures["code"])
    statuses = [column for column in buurten.columns if column.endswith("_status")]
    buurten.loc[without, statuses] = buurten.loc[without, statuses].fillna("ontbreekt")
    gpd.GeoDataFrame(buurten, geometry="geometry", crs=shapes.crs).to_file(out, layer="buurten", driver="GPKG")

    if "interviews" in project:
        files = project["interviews"]
        segments = pd.read_csv(here / files["segments"], comment="#", dtype=str)
        codebook = pd.read_csv(here / files["codebook"], comment="#", dtype=str)
        threshold = project.get("privacy", {}).get("threshold", 3)
        voices = themes(segments, codebook, figures, threshold, files.get("label"))
        # Each row names its buurt as the buurten layer does (the figures' name, else the polygons').
        voices = buurten[["code", "name", "geometry"]].merge(voices, on="code", how="right")
        gpd.GeoDataFrame(voices, geometry="geometry", crs=shapes.crs).to_file(out, layer="buurt_themes", driver="GPKG")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
