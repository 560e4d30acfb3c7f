"""The KWB as one tidy long frame: :func:`kerncijfers` (any years, any source), :func:`read_kerncijfers` (one file),
:func:`wide`.

Each year is staged into an in-memory DuckDB (:mod:`~buurtdata.sources.cbs.staging`), where the
marts give each concept one stable key across years; the frames are read back from there.
"""

from __future__ import annotations

import json
import sys
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path

import duckdb
import pandas as pd

from buurtdata import _http, _kwb_at_hand, _sql
from buurtdata._errors import DataNotAvailableError, few
from buurtdata._text import counted
from buurtdata.sources.cbs import held, reader
from buurtdata.sources.cbs.files import manual_download, read_kwb_file
from buurtdata.sources.cbs.indicators import UncataloguedYearWarning, catalogue, indicator_keys, warn_on_changed_titles
from buurtdata.sources.cbs.staging import SOURCES, create_staging_tables, load_file, load_year, stage_frames
from buurtdata.sources.cbs.tables import check_table, table_for

#: Columns of the long frames of :func:`read_kerncijfers` and :func:`kerncijfers`.
KERNCIJFERS_COLUMNS = ["year", "code", "level", "name", "gemeente_code", "wijk_code", "indicator", "value", "status"]
#: Region levels, largest first.
LEVELS = ("land", "gemeente", "wijk", "buurt")


def kerncijfers(
    year: int | Iterable[int],
    *,
    gemeente: str | Iterable[str] | None = None,
    level: str | Iterable[str] | None = None,
    indicators: Iterable[str] | None = None,
    source: str | Path = "auto",
    refresh: bool = False,
    table: str | None = None,
    transport: _http.Transport | None = None,
    geometry: bool | str | Path = False,
) -> pd.DataFrame:
    """Return the KWB figures of one or more years as a tidy long frame with stable indicator keys.

    Each year is staged through ``pipelines/staging/stg_kwb_*.sql`` and the ``indicators`` and
    ``observations`` marts in an in-memory DuckDB: every figure gets a status, each concept one key
    across years (seed ``indicator_catalogue.csv``), and shares such as ``aandeel_65_plus`` are
    computed from their numerator and denominator, never by averaging percentages.

    Parameters
    ----------
    year
        A KWB year or several (``[2020, 2024]``); each region keeps the code of its own year.
    gemeente
        Keep Nederland (as baseline) and this gemeente's own row, wijken and buurten, or those of several
        (``["GM0402", "GM0363"]``). ``'GM0164'``, ``'0164'`` and CBS's padded ``'GM0164    '`` all work, and so
        does a name (``"Hilversum"``, ``"Den Haag"``): the code it has in the file of ``source``, else in the KWB
        files at hand (the year asked first); a name several gemeenten share is refused with their codes.
    level
        Keep only these levels: ``land``, ``gemeente``, ``wijk``, ``buurt``.
    indicators
        Stable keys to keep (see :func:`catalogue`); default all.
    source
        ``"auto"``: a KWB file kept in ``settings.data_dir / "raw" / "kwb<year>-<table>..."``, else the
        OData v3 feed (answered from the disk cache when it holds the pages), else a
        :class:`DataNotAvailableError` saying what to download from where and where to save it.
        ``"odata3"``: the OData v3 bulk feed. ``"odata4"``: the OData v4 API.
        A path: a KWB file as :func:`read_kerncijfers` reads it (one year only).
    refresh
        Download again even when the cache holds the response (with ``"auto"``: skip the local file too).
    table
        CBS table id, for a year not in :data:`KWB_TABLES` (one year only).
    transport
        How to talk to the network (tests pass a fake); see :mod:`buurtdata._http`.
    geometry
        ``True``: return a GeoDataFrame (EPSG:28992) with each region's polygon of its own year, from
        :func:`buurtdata.sources.geometry.buurten`, :func:`~buurtdata.sources.geometry.wijken` and
        :func:`~buurtdata.sources.geometry.gemeenten` (``source="auto"``: a boundary file kept under
        ``settings.data_dir / "raw"``, else PDOK). A path or a source name (``"sample"``, ``"pdok"``,
        ``"cbs"``, ...) is passed to them as their ``source``. Nederland has no polygon;
        other regions without one keep an empty geometry and are named in a
        :class:`MissingGeometryWarning`.

    Returns
    -------
    pandas.DataFrame or geopandas.GeoDataFrame
        Columns :data:`KERNCIJFERS_COLUMNS` (plus ``geometry`` when asked). ``attrs["indicators"]`` holds the indicator
        metadata (records: indicator, year, cbs_key, title, unit, kind, decimals, description, numerator,
        denominator; get them as a frame with :func:`indicator_metadata`) and ``attrs["read_as"]``
        says where each year came from. :func:`wide` turns the frame into one row per region.

    Warns
    -----
    IndicatorChangedWarning
        When a concept's CBS title differs between the requested years.
    UncataloguedYearWarning
        When a year has no CBS keys in ``pipelines/seeds/indicator_catalogue.csv`` (2015-2025 have
        them, confirmed or inferred per key: column ``evidence``, 2017 via OData v4);
        :func:`read_kerncijfers` still gives its CBS keys.

    Examples
    --------
    >>> from buurtdata import datasets
    >>> frame = kerncijfers(2024, gemeente="GM0164", level="gemeente",
    ...     source=datasets.get_path("hengelo/kwb2024_85984NED.parquet"))
    >>> frame.query("indicator in ['inwoners', 'aandeel_65_plus']")[
    ...     ["name", "indicator", "value"]
    ... ].round(1).to_numpy().tolist()
    [['Hengelo (O.)', 'aandeel_65_plus', 20.9], ['Hengelo (O.)', 'inwoners', 83058.0]]
    """
    years = [int(year)] if isinstance(year, int) else [int(y) for y in year]
    if not years:
        raise DataNotAvailableError("kerncijfers() needs at least one year, e.g. kerncijfers(2024).")
    from_file = not (isinstance(source, str) and source in SOURCES)
    if (table is not None or from_file) and len(years) > 1:
        msg = (
            f"table= and a file as source describe one year, but {len(years)} "
            f"years were asked ({years}); call kerncijfers once per file."
        )
        raise DataNotAvailableError(msg)
    if from_file and not Path(source).suffix:
        msg = (
            f"source={source!r} is neither one of {', '.join(SOURCES)} "
            "nor the path of a KWB file (.csv, .xlsx, .parquet)."
        )
        raise DataNotAvailableError(msg)
    if not from_file:
        gemeente = _kwb_at_hand.asked_gemeenten(gemeente, years[0])
    else:
        gemeente = _kwb_at_hand.once(gemeente)  # read twice: its codes now, its names once the file is read
        _kwb_at_hand.refuse_mistyped(gemeente)  # a code mistyped is said before the file is read
    levels = _levels(level)
    wanted = indicator_keys(indicators)

    con = duckdb.connect()
    create_staging_tables(con)
    if from_file:
        # Read once: a gemeente asked by its name is given the code it has in the file's regions, as staged.
        read, regions = load_file(con, Path(source), years[0], check_table(table) if table else table_for(years[0]))
        read_as = [read]
        gemeente = _kwb_at_hand.asked_in_file(gemeente, regions, Path(source))
    else:
        read_as = [
            load_year(con, y, check_table(table) if table else table_for(y), gemeente, source, refresh, transport)
            for y in years
        ]
    if gemeente is not None:
        _require_gemeente(con, gemeente, years, read_as)
    for mart in ("regions", "indicators", "observations"):
        _sql.run(con, f"marts/{mart}.sql")
    long = _long(con, "observations", "indicator", gemeente, levels)
    if wanted is not None:
        long = long[long["indicator"].isin(wanted)].reset_index(drop=True)
    metadata = con.sql(
        """
        select
            indicators.indicator, indicators.year::bigint as year, indicators.cbs_key, indicators.title,
            indicators.unit, indicators.kind, indicators.decimals, cbs.description, indicators.numerator,
            indicators.denominator
        from indicators
        left join stg_kwb_indicators as cbs on cbs.year = indicators.year and cbs.cbs_key = indicators.cbs_key
        order by indicator, year
        """
    ).df()
    if wanted is not None:
        metadata = metadata[metadata["indicator"].isin(wanted)].reset_index(drop=True)
    warn_on_changed_titles(metadata)
    uncatalogued = sorted(set(years) - set(metadata["year"]))
    if uncatalogued:
        listed = set(catalogue()["year"].dropna())
        other_keys = [y for y in uncatalogued if y in listed]
        hint = (
            f" The catalogue keys of {other_keys} are of the other OData "
            "version (2017: v4 measure codes); try the other source."
            if other_keys
            else ""
        )
        msg = (
            f"The indicator catalogue has no CBS keys for KWB {uncatalogued} from this source; add rows "
            f"to pipelines/seeds/indicator_catalogue.csv, or use read_kerncijfers for the CBS keys.{hint}"
        )
        warnings.warn(msg, UncataloguedYearWarning, stacklevel=2)
    if geometry is not False:
        long = _with_geometry(long, gemeente, "auto" if geometry is True else geometry, refresh)
    long.attrs["indicators"] = json.loads(metadata.to_json(orient="records"))
    long.attrs["read_as"] = read_as
    return long


class MissingGeometryWarning(UserWarning):
    """Regions with figures but no polygon in the boundaries of their year."""


def _with_geometry(long: pd.DataFrame, gemeente: list[str] | None, source: str | Path, refresh: bool) -> pd.DataFrame:
    from buurtdata.sources import geometry as boundaries

    readers = {"buurt": boundaries.buurten, "wijk": boundaries.wijken, "gemeente": boundaries.gemeenten}
    polygons = [
        readers[level](int(year), gemeente=gemeente, source=source, refresh=refresh)[["code", "geometry"]].assign(
            year=year
        )
        for (year, level) in long[["year", "level"]].drop_duplicates().itertuples(index=False)
        if level in readers
    ]
    if not polygons:
        msg = "geometry=True needs wijk, buurt or gemeente rows; Nederland (land) has no polygon here."
        raise DataNotAvailableError(msg)
    import geopandas as gpd

    shapes = pd.concat(polygons, ignore_index=True)
    merged = long.merge(shapes, on=["year", "code"], how="left", validate="many_to_one")
    lacking = merged.loc[merged["geometry"].isna() & (merged["level"] != "land"), ["year", "code"]].drop_duplicates()
    if len(lacking):
        shown = few([f"{c} ({y})" for y, c in lacking.itertuples(index=False)], 10)
        msg = (
            f"{len(lacking)} regions have figures but no polygon in the boundaries of their year: {shown}. "
            "They are kept with an empty geometry; pass geometry=<file> "
            "with that year's wijk- en buurtkaart to fill them."
        )
        regions = merged.loc[merged["level"] != "land", ["year", "code"]].drop_duplicates()
        if len(lacking) * 2 > len(regions):
            # A boundary file of another year matches few codes: say so rather than list codes (user test L's left).
            where = f" in {source}" if isinstance(source, Path) or source not in boundaries.SOURCES else ""
            msg = (
                f"{len(lacking)} of the {len(regions)} regions with figures have no polygon{where}: {shown}. Are those "
                f"boundaries of another year than KWB {few(sorted(map(str, lacking['year'].unique())))}? CBS gives "
                "buurten and wijken new codes when a gemeente is re-divided or merged, and its figures use the codes "
                "of their own year. Pass geometry=<the wijk- en buurtkaart of that year>; the regions are kept with "
                "an empty geometry."
            )
        warnings.warn(msg, MissingGeometryWarning, stacklevel=3)
    return gpd.GeoDataFrame(merged, geometry="geometry", crs=polygons[0].crs)


def _levels(level: str | Iterable[str] | None) -> list[str] | None:
    if level is None:
        return None
    levels = [level] if isinstance(level, str) else list(level)
    unknown = [lv for lv in levels if lv not in LEVELS]
    if unknown:
        raise DataNotAvailableError(f"level {unknown} unknown; use one or more of {', '.join(LEVELS)}.")
    return levels


_LONG_SQL = """
select
    observations.year::bigint as year,
    regions.code,
    regions.level,
    -- A file saved from CBS's API names no wijk or buurt (and no polygons name them here).
    region_name(regions.name, regions.code) as name,
    regions.gemeente_code,
    regions.wijk_code,
    observations.{indicator} as indicator,
    observations.value::double as value,
    observations.status
from {table} as observations
join stg_kwb_regions as regions on regions.year = observations.year and regions.code = observations.code
where (getvariable('gemeenten') is null or list_contains(getvariable('gemeenten'), regions.gemeente_code)
        or regions.level = 'land')
    and (getvariable('levels') is null or list_contains(getvariable('levels'), regions.level))
order by year, regions.code, indicator
"""


def _long(
    con: duckdb.DuckDBPyConnection,
    table: str,
    indicator: str,
    gemeente: list[str] | None,
    levels: Sequence[str] | None,
) -> pd.DataFrame:
    """Return staged observations joined to their regions, filtered in DuckDB (through Arrow: a national year is ~2
    million rows).
    """
    con.execute("set variable gemeenten = ?::varchar[]", [gemeente])
    con.execute("set variable levels = ?::varchar[]", [list(levels) if levels is not None else None])
    frame = con.sql(_LONG_SQL.format(indicator=indicator, table=table)).to_arrow_table().to_pandas()
    return frame[KERNCIJFERS_COLUMNS].astype({"year": "int64", "value": "float64"})


def read_kerncijfers(
    path: str | Path,
    *,
    table: str | None = None,
    year: int | None = None,
    gemeente: str | Iterable[str] | None = None,
    encoding: str | None = None,
) -> pd.DataFrame:
    """Return a KWB file as a tidy long frame with a status for every figure.

    Reads CSV (``;`` or ``,``, UTF-8 with or without BOM or cp1252, decimal comma or point),
    Excel (.xlsx) and Parquet, with CBS column keys (``AantalInwoners_5``) or their titles, or the
    short column names of CBS's ``kwb-YYYY.xlsx``/``.csv`` downloads (``gwb_code_10``, ``a_inw``; the
    years and names in seed ``kwb_short_names.csv``, see :func:`short_names`), which become CBS keys;
    short columns without an entry there are not read and are named in ``attrs["read_as"]``.
    The file is checked here (codes, duplicate regions, cells that are not numbers); what an
    empty cell, ``.`` or a CBS sentinel means is decided by the staging SQL
    (``pipelines/staging/stg_kwb_observations.sql``) in an in-memory DuckDB.

    Parameters
    ----------
    path
        The file. Its name must contain the CBS table id (``85984NED``) unless ``table`` is given.
    table
        CBS table id; any id may be passed (with ``year`` when it is not in :data:`KWB_TABLES`).
    year
        The KWB year, needed only for a table id buurtdata does not know.
    gemeente
        Keep Nederland and this gemeente's own rows, wijken and buurten only (or those of several: a list).
    encoding
        Encoding of a CSV file; by default UTF-8 (with or without BOM), else cp1252.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`KERNCIJFERS_COLUMNS`; ``indicator`` is the CBS key, ``status`` ``waarde``,
        ``geheim`` (empty here, filled for other regions), ``ontbreekt`` (empty everywhere, or a CBS
        sentinel) or ``niet_van_toepassing``. ``attrs["read_as"]`` says how the file was read.

    Examples
    --------
    >>> from buurtdata import datasets
    >>> frame = read_kerncijfers(datasets.get_path("hengelo/kwb2020_84799NED.parquet"))
    >>> frame.query("code == 'GM0164' and indicator == 'AantalInwoners_5'")[
    ...     ["name", "value", "status"]
    ... ].to_numpy().tolist()
    [['Hengelo', 81140.0, 'waarde']]
    """
    path = Path(path)
    con = duckdb.connect()
    create_staging_tables(con)
    # Throughout: a file of any size is staged spilled to disk, and read back without loading all of it again.
    with reader.bounded_memory(con):
        year, table, data, properties, regions, read_as = read_kwb_file(path, table, year, encoding, con=con)
        stage_frames(con, year, table, data=data, properties=properties, regions=regions)
        gemeente = _kwb_at_hand.asked_in_file(gemeente, regions, path)
        if gemeente is not None:
            _require_gemeente(con, gemeente, [year], [str(path)])
        long = _long(con, "stg_kwb_observations", "cbs_key", gemeente, None)
    long.attrs["read_as"] = read_as
    return long


def _require_gemeente(
    con: duckdb.DuckDBPyConnection, gemeenten: list[str], years: Iterable[int], sources: Sequence[str]
) -> None:
    """Refuse gemeenten a year's figures lack, naming the year's file (``sources``: one per year, in order), what
    it holds and the fix: a selection of gemeenten is no reason to look up another code."""
    for year, source in zip(years, sources, strict=True):
        held_gemeenten = _held(con, year)
        absent = [code for code in gemeenten if code not in held_gemeenten]
        if not absent:
            continue
        which = f"gemeente {absent[0]} is" if len(absent) == 1 else f"gemeenten {', '.join(absent)} are"
        tables = con.execute("select distinct table_id from stg_kwb_indicators where year = ?", [year]).fetchall()
        table = tables[0][0] if tables else table_for(year)
        finer = _finer(con, year, absent)
        if not held_gemeenten and finer:  # sweep 14 F7: a buurt's row of Rotterdam, not its gemeente's
            holds = (
                f"it holds {counted(finer, 'wijk or buurt row', 'wijk and buurt rows')} of it, not the row of the "
                "gemeente itself (a file cut to some buurten)"
            )
            fix = f"Use the KWB file of {year} as CBS publishes it: {manual_download(year, table)}"
        elif not held_gemeenten:
            holds = "it holds no gemeenten (no rows, or no gemeente rows)"
            fix = f"Use the KWB file of {year} as CBS publishes it: {manual_download(year, table)}"
        elif held.selection(held_gemeenten):
            holds = (
                f"it holds a selection of {len(held_gemeenten)} gemeente{'n' if len(held_gemeenten) > 1 else ''}: "
                f"{held.listed(held_gemeenten)}"
            )
            fix = f"Use the national KWB file of {year} (table {table}), or a selection that holds them. " + (
                manual_download(year, table)
            )
        else:
            holds = f"it holds {len(held_gemeenten)} gemeenten"
            if all(held.newer(code, held_gemeenten) for code in absent):  # sweep 14 F2: GM1982, formed in 2022
                newer = "is a newer code" if len(absent) == 1 else "are newer codes"
                holds += (
                    f", and {', '.join(absent)} {newer} than any of them: formed after {year} (for {year}, pass the "
                    "codes of the gemeenten merged into it)"
                )
            fix = (
                f"Gemeente codes change when gemeenten merge: find the code of {year} with "
                f"kerncijfers({year}, level='gemeente') (columns code and name) or in CBS's list "
                "https://www.cbs.nl/nl-nl/onze-diensten/methoden/classificaties/overig/gemeentelijke-indelingen-per-jaar."
            )
        raise DataNotAvailableError(f"{source}: {which} not in KWB {year}; {holds}. {fix}")


def _finer(con: duckdb.DuckDBPyConnection, year: int, gemeenten: list[str]) -> int:
    """How many wijk and buurt rows of ``gemeenten`` are staged for ``year``."""
    rows = con.execute(
        "select code from stg_kwb_regions where level in ('wijk', 'buurt') and year = ?", [year]
    ).fetchall()
    wanted = {code[2:] for code in gemeenten}
    return sum(code[2:6] in wanted for (code,) in rows)


def _held(con: duckdb.DuckDBPyConnection, year: int) -> dict[str, str | None]:
    """The gemeenten staged for ``year``: code -> name."""
    rows = con.execute(
        "select code, name from stg_kwb_regions where level = 'gemeente' and year = ? order by code", [year]
    ).fetchall()
    return dict(rows)


def wide(frame: pd.DataFrame, *, status: bool = False) -> pd.DataFrame:
    """Return a long KWB frame with one row per year and region and one column per indicator.

    A GeoDataFrame (``kerncijfers(..., geometry=...)``) stays one, each region with its polygon of that year, ready
    for a choropleth (sweep 14 F7: the polygons were dropped without a word).

    Parameters
    ----------
    frame
        A frame from :func:`kerncijfers` or :func:`read_kerncijfers`.
    status
        Add a ``<indicator>_status`` column beside each indicator.

    A frame with polygons (``kerncijfers(..., geometry=...)``) keeps them: a GeoDataFrame, one polygon per year
    and region, ready for a choropleth.

    Examples
    --------
    >>> from buurtdata import datasets
    >>> long = kerncijfers(2024, gemeente="GM0164", indicators=["inwoners", "huishoudens"],
    ...     source=datasets.get_path("hengelo/kwb2024_85984NED.parquet"))
    >>> wide(long).query("code == 'GM0164'")[["name", "inwoners", "huishoudens"]].to_numpy().tolist()
    [['Hengelo (O.)', 83058.0, 39858.0]]
    """
    kept = ["year", "code", "level", "name", "gemeente_code", "wijk_code"]
    geopandas = sys.modules.get("geopandas")  # a GeoDataFrame was made by it, so it is imported then
    geometry = frame.geometry.name if geopandas and isinstance(frame, geopandas.GeoDataFrame) else None
    regions = pd.DataFrame(frame[kept + ([geometry] if geometry else [])]).drop_duplicates(["year", "code"])
    values = frame.pivot(index=["year", "code"], columns="indicator", values="value")
    if status:
        statuses = frame.pivot(index=["year", "code"], columns="indicator", values="status").add_suffix("_status")
        values = values.join(statuses)[[c for key in values.columns for c in (key, f"{key}_status")]]
    values.columns.name = None
    out = regions.merge(values.reset_index(), on=["year", "code"]).reset_index(drop=True)
    if geometry is None:
        return out
    return geopandas.GeoDataFrame(out, geometry=geometry, crs=frame.crs)
