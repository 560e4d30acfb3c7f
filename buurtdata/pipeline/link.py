"""Join the per-buurt marts to buurt polygons in geopandas.

Nothing is dropped silently: a buurt in the figures without a polygon, or
a polygon without figures, is kept and reported.
"""

from __future__ import annotations

import warnings

import duckdb
import geopandas as gpd
import pandas as pd

from buurtdata import _sql
from buurtdata._errors import few
from buurtdata._text import named
from buurtdata.pipeline.names import readable


class UnmatchedBuurtenWarning(UserWarning):
    """Some buurten are in the figures but not in the boundaries, or the reverse."""


#: What a polygon without figures takes from the polygons (boundaries of another year than the figures).
_NAMED = ("name", "wijk_code", "wijk_name", "gemeente_code")
#: The status of every figure of a polygon without figures: the maps show it as 'geen cijfer', as they show a figure
#: the CBS file does not hold (``charts.STATUS_CLASSES``); NULL said nothing in the GeoPackage (sweep 12 #15).
WITHOUT_FIGURES_STATUS = "ontbreekt"


def buurt_frame(con: duckdb.DuckDBPyConnection, boundaries: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Return ``buurt_profile`` joined to the polygons, one row per buurt.

    Rows of either side without a partner are kept (with empty geometry or
    empty figures, each figure's status then ``ontbreekt``) and a
    :class:`UnmatchedBuurtenWarning` names them.
    """
    profile = con.sql("select * from buurt_profile").df()
    shapes = boundaries[["code", "water", "geometry"]]
    merged = shapes.merge(profile, on="code", how="outer", indicator=True)
    _report(merged, _announced(con), con.execute("select year, geometry_year from project_settings").fetchall()[0])
    # A polygon without figures is still a buurt with a name, a wijk and a gemeente: the polygons say which,
    # and the wijk's name is the one the figures give its other buurten (else the polygons').
    own = _readable(boundaries[[c for c in ("code", *_NAMED) if c in boundaries.columns]].set_index("code"))
    for column in ("name", "wijk_code", "gemeente_code"):
        if column in merged.columns and column in own.columns:
            merged[column] = merged[column].fillna(merged["code"].map(own[column]))
    if "wijk_name" in merged.columns:
        merged["wijk_name"] = merged["wijk_name"].fillna(merged.groupby("wijk_code")["wijk_name"].transform("first"))
        if "wijk_name" in own.columns:
            merged["wijk_name"] = merged["wijk_name"].fillna(merged["code"].map(own["wijk_name"]))
    absent = merged["_merge"] == "left_only"
    if absent.any():
        for column in (c for c in profile.columns if c.endswith("_status")):
            merged.loc[absent, column] = WITHOUT_FIGURES_STATUS
    del merged["_merge"]  # in place: drop() copied each of the ~100 columns (issue 19)
    if not merged["code"].is_monotonic_increasing:  # an outer merge sorts by its key already: no copy then
        merged = merged.sort_values("code", ignore_index=True)
    return gpd.GeoDataFrame(merged, geometry="geometry", crs=boundaries.crs)


def theme_frame(con: duckdb.DuckDBPyConnection, boundaries: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Return ``buurt_themes`` (every buurt x theme) joined to the polygons, each row with the buurt's name."""
    themes = con.sql("select * from buurt_themes").df()
    names = con.sql("select code, name from buurt_profile").df().set_index("code")["name"]
    shapes = _readable(boundaries[["code", "name", "geometry"]])
    merged = shapes.merge(themes, on="code", how="right")
    # The name as the figures write it, as in buurt_frame: a national polygon file may have none of its own.
    merged["name"] = merged["code"].map(names).fillna(merged["name"])
    return gpd.GeoDataFrame(merged, geometry="geometry", crs=boundaries.crs)


def _readable(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its polygons' own names (``name``, ``wijk_name``) in the form people read, as the figures' names
    are (:func:`buurtdata.pipeline.names.readable`): a buurt on the map without figures prints no slip of typing
    either (review r 2.6)."""
    columns = [column for column in ("name", "wijk_name") if column in frame.columns]
    return frame.assign(**{column: frame[column].map(_read) for column in columns})


def _read(name: object) -> object:
    return readable(name) if named(name) else name


def _announced(con: duckdb.DuckDBPyConnection) -> set[str]:
    """The buurten built without a polygon that the build has warned of already (``buurten_without_polygon``)."""
    if not _sql.has_table(con, "buurten_without_polygon"):
        return set()
    return {code for (code,) in con.sql("select code from buurten_without_polygon").fetchall()}


def _report(merged: pd.DataFrame, announced: set[str], years: tuple[int, int]) -> None:
    """Warn of the buurten of the figures without a polygon and the polygons without figures, each said only when
    there are any (user test R: "0 buurt(en) ... without a polygon []"), with the years' advice only where the years
    differ: polygons of the figures' own year that still differ hold a buurt CBS did not publish figures of."""
    only_shapes = merged.loc[merged["_merge"] == "left_only", "code"].tolist()
    only_figures = [
        code for code in merged.loc[merged["_merge"] == "right_only", "code"].tolist() if code not in announced
    ]
    if not (only_shapes or only_figures):
        return
    parts = []
    if only_figures:
        parts.append(
            f"{len(only_figures)} buurt(en) of the figures without a polygon ({few(only_figures)}), kept in the "
            "tables but left off the maps"
        )
    if only_shapes:
        parts.append(
            f"{len(only_shapes)} polygon(s) without figures ({few(only_shapes)}), kept and shown on the maps as "
            "'geen cijfer'"
        )
    year, polygon_year = years
    advice = (
        f" The polygons are of {polygon_year}, the figures of {year}: the buurtkaart of {year} has that year's buurten."
        if polygon_year != year
        else ""
    )
    msg = f"{'; '.join(parts)}.{advice}"
    warnings.warn(msg, UnmatchedBuurtenWarning, stacklevel=3)


#: Fixed text that goes with every set of signals: how to read figures next to stories.
WARME_DUIDING = (
    "Over deze cijfers. Cijfers beschrijven een buurt; ze verklaren niets en zeggen niets over wie hier woont. "
    "Ze zijn nooit een oordeel over mensen. Wat bewoners en professionals vertellen, laat zien wat cijfers "
    "missen. De vragen bij deze cijfers zijn een begin van het gesprek, geen conclusie: bespreek ze samen met de buurt."
)

#: Order in which signals go to a meeting: where figures and stories meet or differ first; within one
#: signal, themes whose figures point come first (see :func:`signals`).
SIGNAL_ORDER = ("samen", "verschil", "alleen verhalen", "te weinig stemmen", "alleen cijfers", "geen signaal")


def comparison_frame(con: duckdb.DuckDBPyConnection, boundaries: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Return ``buurt_comparison`` (buurt x indicator, with gemeente, NL and index) joined to the polygons.

    Buurten of the figures without a polygon keep an empty geometry.

    >>> from buurtdata import datasets, pipeline
    >>> from buurtdata.project import Project
    >>> result = pipeline.run(Project.load(datasets.get_path("hengelo")), key=b"doctest")
    >>> frame = comparison_frame(result.con, result.boundaries)
    >>> row = frame[(frame.code == "BU01640501") & (frame.indicator == "aandeel_eenpersoonshuishoudens")].iloc[0]
    >>> row.value_text, row.gemeente_text, row.nl_text, row.index_text, row.direction
    ('55,1', '41,2', '39,9', '134', 'higher')
    """
    comparison = con.sql("select * from buurt_comparison").df()
    shapes = boundaries[["code", "geometry"]]
    merged = comparison.merge(shapes, on="code", how="left")
    return gpd.GeoDataFrame(merged, geometry="geometry", crs=boundaries.crs)


def signals(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Return ``buurt_signals`` in meeting order, or an empty frame when the project has no interviews."""
    if not _sql.has_table(con, "buurt_signals"):
        return pd.DataFrame(
            columns=["code", "name", "theme", "linked", "figures", "stories", "signal", "question", "interviews"]
        )
    frame = con.sql("select * from buurt_signals").df()
    rank = {signal: position for position, signal in enumerate(SIGNAL_ORDER)}
    # Within one kind of signal, themes whose figures point come first: they give the meeting most to test.
    weight = {"wijzen": 0, "wijzen niet": 1}
    ranked = frame.assign(_rank=frame["signal"].map(rank), _figures=frame["figures"].map(weight).fillna(2))
    return ranked.sort_values(["code", "_rank", "_figures", "theme"]).drop(columns=["_rank", "_figures"])


def quotes(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Return the publishable quotes of ``buurt_quotes``; empty when that mart does not exist.

    Only the interviews mart decides what may be quoted (consent, scrubbing, privacy threshold);
    this function does not select further.
    """
    if not _sql.has_table(con, "buurt_quotes"):
        return pd.DataFrame(columns=["code", "theme", "role", "quote", "interviews"])
    return con.sql(
        "select code, theme, role, quote, interviews from buurt_quotes order by code, theme, role, quote"
    ).df()
