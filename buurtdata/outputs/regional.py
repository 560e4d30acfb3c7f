"""The outputs of a project of many gemeenten (a region or all of NL): a folder of maps (and of handouts) per gemeente,
the table of gemeenten built, carried or left out (``gemeenten.csv``), with the reason, and the regional report
that puts the gemeenten side by side (``regio.html`` and ``regio.csv``).
"""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from buurtdata import _sql, pipeline
from buurtdata._spreadsheet import whole_numbers, write_csv
from buurtdata._text import count_nl, folder_name, source_line, titled
from buurtdata.outputs import _vega, maps, wijk_voices
from buurtdata.outputs._left_out import uitleg
from buurtdata.pipeline import scope

#: Dutch headers of ``gemeenten.csv`` (the table's own columns are English: README, Glossary).
HEADERS = {
    "code": "gemeentecode",
    "name": "gemeente",
    "build_status": "status",
    "buurten": "buurten",
    "reason": "reden",
    # The reason's kind in Dutch, for the wijkwerker who reads the overview (user test P: Houten, English only).
    "uitleg": "uitleg",
}


#: Dutch names of the statuses in the regional report.
STATUS_NL = {scope.BUILT: "gebouwd", scope.CARRIED: "overgezet (indeling)", scope.REFUSED: "niet gebouwd"}


def side_by_side(con: duckdb.DuckDBPyConnection, project) -> pd.DataFrame:
    """Return the gemeenten side by side: one row per gemeente built, then Nederland; a column per key figure.

    The key figures are the project's ``[profile]`` indicators of the gemeente rows of the KWB file (CBS's own
    gemeente figures, not sums of buurten); ``buurten`` counts the buurten built. A figure that is not a value
    (secret, missing, Nederland without its row in the file) is left empty, never 0.
    """
    return _side_by_side(con, project)[0]


def _side_by_side(con: duckdb.DuckDBPyConnection, project) -> tuple[pd.DataFrame, pd.DataFrame]:
    """:func:`side_by_side`, and the observations it was read from (:func:`_observations`)."""
    status = scope.status_table(con)
    built = status[status["build_status"].isin(scope.BUILDS)]
    indicators = list(project.profile_indicators)
    figures = _observations(con, project, [*built["code"], "NL00"])
    wide = figures.pivot_table(index="code", columns="indicator", values="value", aggfunc="first", dropna=False)
    rows = pd.concat(
        [
            built[["code", "name", "build_status", "buurten"]],
            pd.DataFrame({"code": ["NL00"], "name": ["Nederland"], "build_status": [None], "buurten": [None]}),
        ],
        ignore_index=True,
    )
    table = rows.merge(wide.reindex(columns=indicators), left_on="code", right_index=True, how="left")
    table["buurten"] = pd.to_numeric(table["buurten"]).astype("Int64")
    return table[["code", "name", "build_status", "buurten", *indicators]], figures


def _observations(con: duckdb.DuckDBPyConnection, project, codes: list[str]) -> pd.DataFrame:
    """The key figures of ``codes``, one row each: the value (only where it is one), the value as the handouts
    print it (in Dutch with the indicator's decimals: 83.058, 20,9) and the status."""
    _sql.macros(con)  # nl_getal, on a database opened again too (a notebook's)
    return con.execute(
        "select o.code, o.indicator, case when o.status = 'waarde' then o.value end as value, "
        "case when o.status = 'waarde' then nl_getal(o.value, coalesce(i.decimals, 1)) end as text, o.status "
        "from observations o left join indicators i on i.indicator = o.indicator and i.year = o.year "
        "where o.year = ? and list_contains(?, o.indicator) and list_contains(?, o.code)",
        [project.year, list(project.profile_indicators), codes],
    ).df()


def _headings(con: duckdb.DuckDBPyConnection, year: int) -> tuple[dict[str, str], list[str], dict[str, int]]:
    """Per indicator of ``year`` its column title with the unit said (:func:`titled`), the indicators that are
    counts (kind aantal) and the decimals each is printed with (as :func:`_observations`), from one query."""
    rows = con.execute(
        "select indicator, coalesce(title, indicator), unit, kind, coalesce(decimals, 1) from indicators "
        "where year = ?",
        [year],
    ).fetchall()
    titles = {key: titled(title, unit) for key, title, unit, *_ in rows}
    return titles, [key for key, _, _, kind, _ in rows if kind == "aantal"], {key: int(d) for key, *_, d in rows}


def _printed(con: duckdb.DuckDBPyConnection, project, codes: list[str]) -> pd.DataFrame:
    """The key figures of ``codes`` as the handouts print them (:func:`_texts`)."""
    return _texts(_observations(con, project, codes), project, codes)


def _texts(observations: pd.DataFrame, project, codes: list[str]) -> pd.DataFrame:
    """The :func:`_observations` of ``codes`` as the handouts print them: the value in Dutch, else the status as
    the handouts say it (geheim, geen cijfer); a code x indicator frame."""
    from buurtdata._text import STATUS_TEXT

    missing = STATUS_TEXT["ontbreekt"]
    said = observations["text"].where(
        observations["text"].notna(), observations["status"].map(STATUS_TEXT).fillna(missing)
    )
    # The last row of a code and indicator counts, as when each row was written in turn.
    wide = said.groupby([observations["code"], observations["indicator"]], sort=False).last().unstack()
    return wide.reindex(index=codes, columns=list(project.profile_indicators)).fillna(missing)


def write_side_by_side(result: pipeline.PipelineResult, out: Path) -> list[Path]:
    """Write the regional report: ``regio.csv`` and ``regio.html`` with the gemeenten side by side.

    The CSV holds the figures (empty where there is none); the page prints them as the handouts do.
    """
    project = result.project
    table, observations = _side_by_side(result.con, project)
    titles, counted, decimals = _headings(result.con, project.year)
    columns = {**HEADERS, **{k: titles.get(k, k) for k in project.profile_indicators}}
    counts = [key for key in counted if key in table]
    # Each figure with the decimals it is printed with everywhere (sweep 14 F6: 15.608180839612487 under "(%)").
    rounded = {key: pd.to_numeric(table[key]).round(decimals.get(key, 1)) for key in project.profile_indicators}
    shown = whole_numbers(table.assign(**{k: v for k, v in rounded.items() if k not in counts}), counts)
    shown = shown.assign(build_status=table["build_status"].map(STATUS_NL))
    shown = shown.rename(columns=columns)
    csv = write_csv(shown, out / "regio.csv")
    # Nederland is no gemeente of the build: no status, no buurten built.
    printed = table[["code", "name"]].assign(
        build_status=table["build_status"].map(STATUS_NL).fillna(""),
        buurten=[count_nl(int(n)) if pd.notna(n) else "" for n in table["buurten"]],
    )
    printed = printed.join(_texts(observations, project, table["code"].tolist()), on="code").rename(columns=columns)
    body = printed.to_html(index=False, escape=True)
    page = out / "regio.html"
    page.write_text(
        '<!doctype html>\n<html lang="nl"><head><meta charset="utf-8">'
        f"<title>{html.escape(project.name)}: de gemeenten naast elkaar</title>"
        "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
        "td,th{border:1px solid #999;padding:.3em .6em;text-align:right}td:nth-child(-n+3){text-align:left}"
        "</style></head><body>"
        f"<h1>{html.escape(project.name)}: de gemeenten naast elkaar ({project.year})</h1>"
        "<p>De kerncijfers van het CBS per gemeente, met Nederland als laatste rij. "
        "Een gemeente met status 'overgezet' heeft cijfers van een andere buurtindeling, omgerekend naar de "
        "buurtgrenzen van het project; de gemeenten die niet gebouwd zijn staan met de reden in gemeenten.csv. "
        "‘Geheim’: het CBS publiceert het cijfer niet; ‘geen cijfer’: het staat niet in het bestand. "
        "Per gemeente staan de kaarten in kaarten/ en de handouts in handouts/.</p>"
        f"{body}<p>{html.escape(source_line(table=project.kwb_files(project.year).table, year=project.year))}; "
        "CC BY 4.0.</p></body></html>\n",
        encoding="utf-8",
    )
    return [csv, page]


def folders(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Per gemeente built (or carried), the name of its folder under ``kaarten/`` and ``handouts/``."""
    return _folders(scope.status_table(con))


def _folders(status: pd.DataFrame) -> dict[str, str]:
    built = status[status["build_status"].isin(scope.BUILDS)]
    return {code: folder_name(code, name) for code, name in zip(built["code"], built["name"], strict=True)}


def write_status(result: pipeline.PipelineResult, out: Path, wrote: Callable[[Path, str], None]) -> pd.DataFrame:
    """Write ``gemeenten.csv``: every gemeente of the project, built, carried or left out with the reason (which
    the build's messages and the unplaced segments' reasons send the reader to) and its kind in Dutch (``uitleg``);
    return its table."""
    status = scope.status_table(result.con)
    status = status.assign(uitleg=[uitleg(s, r) for s, r in zip(status["build_status"], status["reason"], strict=True)])
    path = out / "gemeenten.csv"
    write_csv(status.rename(columns=HEADERS), path)
    built = status[status["build_status"].isin(scope.BUILDS)]
    wrote(path, f"{len(built)} gemeenten built, {len(status) - len(built)} left out with the reason")
    return status


def write(result: pipeline.PipelineResult, out: Path, wrote: Callable[[Path, str], None]) -> list[dict[str, Any]]:
    """Write ``gemeenten.csv``, the regional report and, per built gemeente, ``kaarten/<gemeente>/``; return the
    rows of ``gemeenten.csv`` (:data:`HEADERS`' keys; ``None`` where it is empty), for the report's index.

    The handouts of all gemeenten are drawn at once by the build (:class:`.handout.Handouts`, with :func:`folders`).
    """
    status = write_status(result, out, wrote)
    rows = status.astype(object).where(status.notna(), None).to_dict("records")
    built = status[status["build_status"].isin(scope.BUILDS)]
    for report_path in write_side_by_side(result, out):
        wrote(report_path, "de gemeenten naast elkaar")
    buurten = result.buurten.groupby("gemeente_code", sort=False).indices
    themes = {}
    if result.themes is not None:
        gemeente = result.themes["code"].map(result.buurten.set_index("code")["gemeente_code"])
        themes = result.themes.groupby(gemeente, sort=False).indices
    wijk_named = wijk_voices.named(result.con)
    for code, folder in _folders(status).items():
        mine = result.buurten.iloc[buurten.get(code, [])].reset_index(drop=True)
        voiced = None
        if code in themes:
            voiced = result.themes.iloc[themes[code]]
            if voiced["theme_status"].eq(maps.NOBODY).all() and not set(wijk_named) & set(mine["wijk_code"]):
                # Nobody here was interviewed: no theme map, no wall maps of empty buurten. Voices placed in a
                # wijk only still get their wall maps (its handouts name them too).
                voiced = None
        part = dataclasses.replace(result, buurten=mine, themes=voiced)
        drawn = maps.save_maps(part, out / "kaarten" / folder, script=f"../{_vega.SCRIPT}", wijk_named=wijk_named)
        for map_path in drawn:
            wrote(map_path, f"kaart {code}")
    if built.empty:
        return rows
    # One Vega bundle beside the gemeenten's folders, instead of 0.9 MB in every map's page.
    script = _vega.write_script(out / "kaarten")
    wrote(script, "Vega, for the maps' pages in the folders beside it")
    return rows
