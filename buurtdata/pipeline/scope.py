"""Narrow what CBS publishes to a project's gemeenten, and decide per gemeente whether it can be built.

CBS publishes KWB files and boundary files for the whole country (or a selection of gemeenten); a project
covers one gemeente, a list of them (a region) or all of NL. :func:`narrow` keeps the project's gemeenten in
the staged KWB tables and the polygons, so that every check (population sums, polygons, codes) runs per
gemeente, and gives each gemeente a ``build_status`` in the table ``gemeente_status``:

``gebouwd``
    the polygons carry the buurten of the figures' year (same codes, and the same names where both have them),
    or all but a few new buurten of the figures (:mod:`buurtdata.pipeline.status`): those are built without a
    polygon (in ``buurten_without_polygon``, named in the ``reason`` and by a :class:`WithoutPolygonWarning`);
``overgezet``
    the polygons carry another indeling, and the ``[[kwb]]`` entry of the figures' year names that year's
    polygons (``boundaries = "..."``): the figures are carried onto the polygons' buurten with the area-weighted
    crosswalk of :mod:`buurtdata.sources.indeling`. Counts are carried and rounded to whole numbers, shares are
    recomputed from the carried counts, CBS's own averages and percentages (WOZ, household size, density,
    % koopwoningen) are not carried (``ontbreekt``: an average of averages is not the figure of the new buurt);
    the wijk rows are the sums of their buurten;
``geweigerd``
    the polygons carry another indeling than the figures (codes that changed between the two years, or a code
    that names another buurt) and no polygons of the figures' year say where those buurten lie: the gemeente
    is left out, with the codes as the reason. A one-gemeente project stops instead, with a message that names
    both years, the codes and the fix. A gemeente whose figures fail a check is refused too (:func:`leave_out`).

A KWB file without Nederland's row (NL00) gets it from the download cache when an earlier download of the table
holds it (never online), else one with every figure ``ontbreekt``: the handouts then say that the national
figure is not in the file.
"""

from __future__ import annotations

import functools
import warnings

import duckdb
import geopandas as gpd
import pandas as pd

from buurtdata import _sql, codes
from buurtdata._errors import BuurtdataError, few
from buurtdata._text import code_and_name
from buurtdata.pipeline import aside as refused_aside
from buurtdata.pipeline import nederland
from buurtdata.pipeline.status import BUILDS, CARRIED, NOT_MAPPED, REFUSED, changed_since, indeling_fix, refusal
from buurtdata.pipeline.status import BUILT as BUILT  # scope's statuses, as the outputs ask them
from buurtdata.pipeline.status import status as status_of
from buurtdata.sources import geometry
from buurtdata.sources.cbs import held
from buurtdata.sources.geometry.files import kaart
from buurtdata.sources.indeling import carry, crosswalk
from buurtdata.sources.interviews.gazetteer import Refused

#: Columns of the ``gemeente_status`` table.
STATUS_COLUMNS = ["code", "name", "build_status", "buurten", "reason"]
#: The share of an old buurt below which carrying ignores its secret figure (a sliver between generalised outlines).
SLIVER = 0.01


class ScopeError(BuurtdataError):
    """A project's gemeente is not in its files, or its polygons carry another indeling than its figures."""


class BoundaryYearWarning(UserWarning):
    """The polygons' file states another indeling year than ``[boundaries].year``: the file's year is used."""


class WithoutPolygonWarning(UserWarning):
    """A gemeente is built though the polygons lack a few of its buurten: they are not on the maps."""


class ScopeWarning(UserWarning):
    """A KWB file of another year lacks some of a region's gemeenten: they get no figures of that year."""


def closest(code: str, candidates: dict[str, str]) -> str:
    """Return ``" (closest: GM0402 Hilversum)"`` for the candidate nearest to ``code`` (see :func:`codes.nearest`)."""
    best = codes.nearest(code, candidates)
    return f" (closest: {best[0]})" if best else ""


def narrow(con: duckdb.DuckDBPyConnection, project, boundaries: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Keep the project's gemeenten in the staged KWB tables and ``boundaries``; write ``gemeente_status``.

    Returns the polygons of the gemeenten that are built. Raises :class:`ScopeError` naming the code and
    the closest match when a gemeente is not in a file, and when nothing is left to build.
    """
    gemeenten = _gemeenten(con, project.year)
    if not gemeenten:
        raise ScopeError(
            f"{project.kwb_files(project.year).data}: the KWB file holds no gemeente for {project.year} "
            "(only a header, or a selection without gemeenten); download the table with its gemeenten, "
            "wijken and buurten."
        )
    wanted = list(gemeenten) if project.national else list(project.gemeenten)
    # A gemeente's name from the polygons, to find it in a file that holds it under another code.
    called = dict(zip(boundaries["gemeente_code"], boundaries["gemeente_name"], strict=True))
    if problem := held.not_listed(project, wanted, gemeenten, called):
        raise ScopeError(problem)
    for files in project.kwb:
        if files.year == project.year:
            continue  # not_listed has found every gemeente in it
        # Another year's file without the gemeente would leave its handouts without that year's figures, unsaid.
        if problem := held.lacking(files, wanted, _gemeenten(con, files.year), {**called, **gemeenten}):
            if not many(project):
                raise ScopeError(problem)
            warnings.warn(f"{problem} Until then no figures of {files.year} are shown there.", ScopeWarning, 2)
    covered = set(boundaries["gemeente_code"].dropna())
    present = [code for code in wanted if code in covered]
    if not present:
        polygons = dict.fromkeys(sorted(covered))
        raise ScopeError(
            f"{project.boundaries.path}: the boundary file covers none of the project's gemeenten "
            f"{', '.join(wanted)}{closest(wanted[0], polygons)}; "
            "use a wijk- en buurtkaart that holds them."
        )
    # One gemeente whose polygons are of the figures' year keeps the per-buurt checks of validation (a mistyped
    # code is named there), but for a few new buurten without a polygon; across years, or among many gemeenten,
    # a differing indeling is decided here.
    polygon_year = _polygon_year(project, boundaries)
    compare = polygon_year != project.year or len(wanted) > 1
    # The figures' own polygons, read only once a gemeente's indeling differs: they decide whether it is carried.
    own = functools.cache(functools.partial(_figure_polygons, project, wanted))

    # Fetched and grouped once: a national build compares some 350 gemeenten.
    figures: dict[str, dict[str, str]] = {code: {} for code in wanted}
    for gemeente, buurt, buurt_name in con.execute(
        "select gemeente_code, code, name from stg_kwb_regions "
        "where year = ? and level = 'buurt' and list_contains(?, gemeente_code)",
        [project.year, list(wanted)],
    ).fetchall():
        figures[gemeente][buurt] = buurt_name
    polygons: dict[str, dict[str, str]] = {code: {} for code in wanted}
    ours = boundaries[boundaries["gemeente_code"].isin(wanted)]
    for gemeente, buurt, buurt_name in zip(ours["gemeente_code"], ours["code"], ours["name"], strict=True):
        polygons[gemeente][buurt] = buurt_name
    matching = functools.partial(_matching_year, con, project.year)
    changed = functools.partial(changed_since, con, project.year)
    rows = [
        status_of(
            project,
            code,
            gemeenten[code],
            figures[code],
            polygons[code],
            polygon_year,
            compare=compare,
            own=own,
            matching_year=matching,
            changed=changed,
        )
        for code in wanted
    ]
    status = [row[: len(STATUS_COLUMNS)] for row in rows]
    without_polygon = {row[0]: row[-1] for row in rows if row[-1]}
    for row in status:
        if row[2] == CARRIED:
            # A gemeente may differ only in buurten renamed under the same codes: its fix must not say otherwise.
            differ = set(figures[row[0]]) != set(polygons[row[0]])
            row[:] = _carry(con, project, row, own(), boundaries, polygon_year, codes_differ=differ)
    table = pd.DataFrame(status, columns=STATUS_COLUMNS)
    refused = table[table["build_status"] == REFUSED]
    if len(refused) and not many(project):
        raise ScopeError(refused["reason"].iloc[0])
    built = table.loc[table["build_status"].isin(BUILDS), "code"].tolist()
    if not built:
        raise ScopeError(f"no gemeente can be built: {'; '.join(refused['reason'])}")
    if len(refused):
        refused_aside.keep(con, project.year, refused["code"].tolist(), boundaries)
    _keep(con, built)
    nederland.add(con)
    _without_polygon(con, project, without_polygon, figures)
    with _sql.registered(con, {"raw_gemeente_status": table}):
        con.execute(
            "create or replace table gemeente_status as select code::varchar as code, name::varchar as name, "
            "build_status::varchar as build_status, buurten::integer as buurten, reason::varchar as reason "
            "from raw_gemeente_status order by code"
        )
    return built_polygons(boundaries, built)


def built_polygons(boundaries: gpd.GeoDataFrame, gemeenten: list[str]) -> gpd.GeoDataFrame:
    return boundaries[boundaries["gemeente_code"].isin(gemeenten)].reset_index(drop=True)


def _gemeenten(con: duckdb.DuckDBPyConnection, year: int) -> dict[str, str]:
    """Return code -> name of every gemeente of ``year`` in the staged file (from its buurten without gemeente rows)."""
    rows = con.execute(
        "select gemeente_code, any_value(case when level = 'gemeente' then name end) from stg_kwb_regions "
        "where year = ? and gemeente_code is not null group by gemeente_code order by gemeente_code",
        [year],
    ).fetchall()
    return {code: name for code, name in rows}


def _matching_year(con: duckdb.DuckDBPyConnection, year: int, gemeente: str, codes: set[str]) -> int | None:
    """Another staged KWB year than ``year`` whose buurt codes of ``gemeente`` are ``codes`` (the polygons'), or
    None: only then may a refusal's fix name another project year (asked of refused gemeenten only)."""
    rows = con.execute(
        "select year, list(code) from stg_kwb_regions where year <> ? and level = 'buurt' and gemeente_code = ? "
        "group by year order by year desc",
        [year, gemeente],
    ).fetchall()
    return next((other for other, found in rows if set(found) == codes), None)


def _without_polygon(con, project, missing: dict[str, list[str]], figures: dict) -> None:
    """Write ``buurten_without_polygon``: the buurten ``missing`` (gemeente -> buurt codes) of gemeenten built though
    the polygons lack them (a few new buurten, as :mod:`buurtdata.pipeline.status` decided), which validation
    accepts without a polygon and names; warn naming them."""
    rows = [(buurt, figures[gemeente][buurt], gemeente) for gemeente, buurten in missing.items() for buurt in buurten]
    frame = pd.DataFrame(rows, columns=["code", "name", "gemeente_code"], dtype=object)
    with _sql.registered(con, {"raw_without_polygon": frame}):
        con.execute(
            "create or replace table buurten_without_polygon as select code::varchar as code, name::varchar as name, "
            "gemeente_code::varchar as gemeente_code from raw_without_polygon order by code"
        )
    if rows:
        gemeenten = sorted({gemeente for _, _, gemeente in rows})
        named = [code_and_name(code, name) for code, name, _ in rows]
        # Of one gemeente the warning is all a user is told (no gemeenten.csv): it says how to map them too.
        where, then = (
            (f", in {len(gemeenten)} gemeente(n) ({few(gemeenten)})", "; gemeenten.csv names them.")
            if many(project)
            else ("", f". To map them: use {kaart(project.year)} in [boundaries] path.")
        )
        warnings.warn(
            f"{len(rows)} buurt(en) of the KWB figures of {project.year} have no polygon in "
            f"{project.boundaries.path} and are built without one{where}: {few(named)}. {NOT_MAPPED}{then}",
            WithoutPolygonWarning,
            stacklevel=3,
        )


def _figure_polygons(project, wanted: list[str]) -> gpd.GeoDataFrame | None:
    """The polygons of the figures' indeling, when the ``[[kwb]]`` entry of the project's year names them."""
    path = project.kwb_files(project.year).boundaries
    if path is None:
        return None
    polygons = geometry.read_boundaries(path, year=project.year)
    return polygons[polygons["gemeente_code"].isin(wanted)].reset_index(drop=True)


def _carry(
    con: duckdb.DuckDBPyConnection,
    project,
    row: list,
    own: gpd.GeoDataFrame,
    boundaries,
    polygon_year: int,
    *,
    codes_differ: bool,
) -> list:
    """Carry one gemeente's staged buurt and wijk figures from ``own`` (the figures' polygons) onto ``boundaries``.

    Returns the gemeente's row of ``gemeente_status``: carried, or refused when a buurt of the figures lies
    outside every polygon of the project (its people cannot be placed), with the fix :func:`indeling_fix` gives
    for figures and polygons whose buurt codes differ or not (``codes_differ``).
    """
    code, name, _, _, years = row
    year = project.year
    old = own[own["gemeente_code"] == code]
    new = boundaries[boundaries["gemeente_code"] == code]
    label = code_and_name(code, name)
    table = crosswalk(old, new)
    figures = con.execute(
        "select o.table_id, o.code, o.cbs_key, o.value, o.status, d.kind from stg_kwb_observations o "
        "join stg_kwb_regions r on r.year = o.year and r.code = o.code "
        "left join indicator_catalogue c on c.year = o.year and c.cbs_key = o.cbs_key "
        "left join indicator_definitions d on d.indicator = c.indicator "
        "where o.year = ? and r.level = 'buurt' and r.gemeente_code = ?",
        [year, code],
    ).df()
    values = figures[figures["status"] == "waarde"]
    lost = sorted(set(values["code"]) - set(table.loc[table["share"] > 0, "old_code"]))
    if lost:
        # e.g. a gemeente that took in another between the two years: the older polygons lack the newcomer.
        reason = refusal(
            code,
            name,
            f"{years} carry different buurt indelingen, and {len(lost)} buurt(en) of {year} overlap no polygon of "
            f"{polygon_year} ({few(lost)}); their figures cannot be carried. "
            + indeling_fix(year, codes_differ=codes_differ),
        )
        return [code, name, REFUSED, row[3], reason]
    shares = table[table["share"] > 0]
    frames = []
    for (table_id, key, kind), rows in figures.groupby(["table_id", "cbs_key", "kind"], dropna=False):
        carried = pd.Series(float("nan"), index=new["code"].to_numpy())
        status = pd.Series("ontbreekt", index=carried.index)
        if kind == "aantal":
            known = rows.set_index("code")
            got = carry(known["value"].where(known["status"] == "waarde").dropna(), table).round()
            carried.loc[got.index] = got
            status.loc[got.index] = "waarde"
            # A new buurt fed by a secret or missing old figure gets that status, never a partial sum; a sliver
            # (under 1 % of the old buurt, where generalised outlines differ) carries too few people to matter.
            hidden = known.loc[known["status"] != "waarde", "status"]
            fed = shares[shares["old_code"].isin(hidden.index) & (shares["share"] >= SLIVER)]
            carried.loc[fed["new_code"]] = float("nan")
            status.loc[fed["new_code"]] = fed["old_code"].map(hidden).to_numpy()
        frames.append(
            pd.DataFrame(
                {
                    "table_id": table_id,
                    "code": carried.index,
                    "cbs_key": key,
                    "value": carried.to_numpy(),
                    "status": status.to_numpy(),
                }
            )
        )
    buurten = pd.concat(frames, ignore_index=True)
    wijk_of = dict(zip(new["code"], new["wijk_code"], strict=True))
    wijken = (
        buurten.assign(wijk=buurten["code"].map(wijk_of), ok=buurten["status"] == "waarde")
        .groupby(["table_id", "wijk", "cbs_key"], as_index=False)
        .agg(value=("value", "sum"), ok=("ok", "all"), status=("status", _worst))
    )
    wijken = wijken.assign(code=wijken["wijk"], value=wijken["value"].where(wijken["ok"]))[
        ["table_id", "code", "cbs_key", "value", "status"]
    ]
    names = dict(
        con.execute(
            "select code, name from stg_kwb_regions where year = ? and level = 'wijk' and gemeente_code = ?",
            [year, code],
        ).fetchall()
    )
    regions = pd.concat(
        [
            pd.DataFrame(
                {"code": new["code"], "level": "buurt", "name": new.get("name"), "wijk_code": new["wijk_code"]}
            ),
            new.drop_duplicates("wijk_code").pipe(
                lambda w: pd.DataFrame(
                    {
                        "code": w["wijk_code"],
                        "level": "wijk",
                        "name": [names.get(c, n) for c, n in zip(w["wijk_code"], w.get("wijk_name"), strict=True)],
                        "wijk_code": w["wijk_code"],
                    }
                )
            ),
        ],
        ignore_index=True,
    )
    con.execute(
        "delete from stg_kwb_observations o using stg_kwb_regions r where r.year = o.year and r.code = o.code "
        "and o.year = ? and r.gemeente_code = ? and r.level in ('buurt', 'wijk')",
        [year, code],
    )
    con.execute(
        "delete from stg_kwb_regions where year = ? and gemeente_code = ? and level in ('buurt', 'wijk')", [year, code]
    )
    carried = {
        "carried_regions": regions.astype({"name": "object"}),
        "carried_figures": pd.concat([buurten, wijken], ignore_index=True),
    }
    with _sql.registered(con, carried):
        con.execute(
            "insert into stg_kwb_regions (year, code, level, name, gemeente_code, wijk_code) select ?, code, level, "
            "name, ?, wijk_code from carried_regions",
            [year, code],
        )
        con.execute(
            "insert into stg_kwb_observations (year, table_id, code, cbs_key, value, status) "
            "select ?, table_id, code, cbs_key, value, status from carried_figures",
            [year],
        )
    empty = sorted(set(new["code"]) - set(shares["new_code"]))
    reason = (
        f"{label}: {years} carry different buurt indelingen; the figures of {len(set(figures['code']))} buurten "
        f"were carried onto {len(new)} buurten by area (counts carried, shares recomputed, averages and "
        "percentages not carried)"
        + (
            f"; {len(empty)} buurt(en) of {polygon_year} lie outside the figures' buurten ({few(empty)})"
            if empty
            else ""
        )
        + "."
    )
    return [code, name, CARRIED, len(new), reason]


def _worst(statuses: pd.Series) -> str:
    """The status of a sum: ``waarde`` only when every part is a value, else the first part's other status."""
    return next((status for status in statuses if status != "waarde"), "waarde")


def _polygon_year(project, boundaries: gpd.GeoDataFrame) -> int:
    """The indeling year of the polygons: the year the file states (CBS's ``jaar``), else [boundaries].year."""
    stated = pd.to_numeric(boundaries["year"], errors="coerce").dropna() if "year" in boundaries else pd.Series()
    if len(stated) and int(stated.mode().iloc[0]) != project.boundaries.year:
        warnings.warn(
            f"{project.boundaries.path} states the indeling of {int(stated.mode().iloc[0])}, but "
            f"[boundaries].year = {project.boundaries.year}; the year in the file is used.",
            BoundaryYearWarning,
            stacklevel=3,
        )
        return int(stated.mode().iloc[0])
    return project.boundaries.year


def _keep(con: duckdb.DuckDBPyConnection, gemeenten: list[str]) -> None:
    """Delete every staged region and figure outside ``gemeenten``; Nederland's row stays as the baseline."""
    con.execute(
        "delete from stg_kwb_regions where level is distinct from 'land' and not list_contains(?, gemeente_code)",
        [gemeenten],
    )
    con.execute(
        "delete from stg_kwb_observations o where not exists "
        "(select 1 from stg_kwb_regions r where r.year = o.year and r.code = o.code)"
    )


def status_table(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Return ``gemeente_status`` (empty when the database has none)."""
    if not _sql.has_table(con, "gemeente_status"):
        return pd.DataFrame(columns=STATUS_COLUMNS)
    return con.sql("select * from gemeente_status order by code").df()


def refused(con: duckdb.DuckDBPyConnection) -> Refused:
    """Return gemeente code -> ``GM0014 Groningen: <why> (see gemeenten.csv)`` of each gemeente the build
    refused (its :func:`refusal` in ``gemeente_status``): what a segment or agreement placed in it is told. On the
    connection that built them, it holds their regions and polygons too (:mod:`buurtdata.pipeline.aside`), to
    recognise a place there by name, postcode or coordinates.

    One query, no frame, when nothing was refused: every build asks, and a build of one gemeente has none.
    """
    try:
        rows = con.execute(
            "select code, reason from gemeente_status where build_status = ? order by code", [REFUSED]
        ).fetchall()
    except duckdb.CatalogException:  # no gemeente_status: nothing was narrowed
        return {}
    said = {code: (reason or f"{code}: no reason recorded").rstrip(".") for code, reason in rows}
    out = {code: f"{reason} (see gemeenten.csv)" for code, reason in said.items()}
    return refused_aside.recognised(con, out) if out else Refused()


def many(project) -> bool:
    """Whether the project covers more than one gemeente (a region or all of NL)."""
    return project.national or len(project.gemeenten) > 1


def leave_out(con: duckdb.DuckDBPyConnection, project, results: pd.DataFrame, boundaries: gpd.GeoDataFrame) -> bool:
    """In a build of many gemeenten, refuse those whose KWB figures fail a rule; return whether any was left out.

    ``results`` are the KWB validation results; a one-gemeente project leaves nothing out (validation stops it).
    The regions and ``boundaries`` of a gemeente left out are set aside (:mod:`buurtdata.pipeline.aside`), as
    :func:`narrow` sets aside those it refuses.
    """
    failing = results.attrs.get("failing_gemeenten", {})
    if not failing or not many(project):
        return False
    built = [
        code
        for (code,) in con.execute(
            "select code from gemeente_status where list_contains(?, build_status) and not list_contains(?, code)",
            [list(BUILDS), list(failing)],
        ).fetchall()
    ]
    if not built:
        return False  # nothing would be left: validation names every problem
    names = dict(
        con.execute("select code, name from gemeente_status where list_contains(?, code)", [list(failing)]).fetchall()
    )
    for code, reasons in failing.items():
        con.execute(
            "update gemeente_status set build_status = ?, reason = ? where code = ?",
            [REFUSED, refusal(code, names.get(code), f"the KWB figures fail a check: {' '.join(reasons)}"), code],
        )
    refused_aside.keep(con, project.year, list(failing), boundaries)
    _keep(con, built)
    return True


def built(con: duckdb.DuckDBPyConnection, boundaries: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Return the polygons of the gemeenten ``gemeente_status`` says are built (it writes nothing: a database
    read again hands over the whole country's ``boundaries``)."""
    gemeenten = [
        code
        for (code,) in con.execute(
            "select code from gemeente_status where list_contains(?, build_status)", [list(BUILDS)]
        ).fetchall()
    ]
    return built_polygons(boundaries, gemeenten)
