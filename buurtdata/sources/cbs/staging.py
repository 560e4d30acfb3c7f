"""The DuckDB staging driver: one KWB year, from any source, into the ``stg_kwb_*`` tables.

``pipelines/staging/stg_kwb_*.sql`` turn the raw frames (OData v3 wide, or v4 long) into long,
typed rows with a status for every missing figure; the seeds (indicator catalogue, status codes)
are loaded beside them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import duckdb
import pandas as pd

from buurtdata import _http, _sql, settings
from buurtdata._errors import DataNotAvailableError, InputFileError
from buurtdata.project import KwbFiles
from buurtdata.sources.cbs import odata, reader
from buurtdata.sources.cbs.files import SOURCE_ROW, local_file, manual_download, read_kwb_file
from buurtdata.sources.cbs.held import NATIONAL
from buurtdata.sources.cbs.tables import TABLE_ID, year_of

#: The topics stg_kwb_regions reads the most common postcode and CBS's Indelingswijziging from (topics, not
#: indicators).
_REGION_TOPIC = re.compile(r"MeestVoorkomendePostcode_\d+|Indelingswijziging\w*_\d+")

#: The staging tables one KWB year fills, in the order their SQL runs (``pipelines/staging/<name>.sql``).
_STAGED = ("stg_kwb_observations", "stg_kwb_regions", "stg_kwb_indicators")

#: Values of ``source`` besides a file path.
SOURCES = ("auto", "odata3", "odata4")


def create_staging_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Create the empty staging tables and load the seeds (indicator catalogue, status codes, question templates)."""
    # Every KWB load starts here; DuckDB's progress bar would otherwise print into notebooks and logs.
    _sql.quiet(con)
    _sql.run(con, "staging/_tables.sql")
    load_seeds(con)


#: Each seed's table and the columns it has, with the types DuckDB's sniffer gives them (``question_templates``: all
#: text). Named here, the four files are read without sniffing (about 10 ms of a gemeente's build; issue 19);
#: tests/test_seeds_declared.py checks them against what the sniffer reads.
SEEDS = {
    "indicator_definitions": (
        "indicators.csv",
        {
            "indicator": "VARCHAR",
            "kind": "VARCHAR",
            "numerator": "VARCHAR",
            "denominator": "VARCHAR",
            "min_denominator": "BIGINT",
            "title": "VARCHAR",
        },
    ),
    "indicator_catalogue": (
        "indicator_catalogue.csv",
        {"indicator": "VARCHAR", "year": "BIGINT", "cbs_key": "VARCHAR", "evidence": "VARCHAR"},
    ),
    "status_codes": ("status_codes.csv", {"value": "BIGINT", "status": "VARCHAR", "meaning": "VARCHAR"}),
    "question_templates": (
        "vragen.csv",
        {"part": "VARCHAR", "name": "VARCHAR", "template": "VARCHAR", "factor": "VARCHAR", "note": "VARCHAR"},
    ),
}


def load_seeds(con: duckdb.DuckDBPyConnection) -> None:
    """Load the seeds the models read: indicator definitions and catalogue, status codes, question templates."""
    seeds = _sql.pipelines_dir() / "seeds"
    statements = []
    for table, (name, columns) in SEEDS.items():
        declared = ", ".join(f"'{column}': '{kind}'" for column, kind in columns.items())
        statements.append(
            f"create or replace table {table} as select * from read_csv({_sql.quote(seeds / name)}, header = true, "
            f"auto_detect = false, columns = {{{declared}}})"
        )
    con.execute(";\n".join(statements))


def _stage_raw(con: duckdb.DuckDBPyConnection, year: int, table: str, shape: str) -> None:
    """Run the staging SQL on the raw_kwb_* views of one year; ``shape`` is ``v3`` (wide) or ``v4`` (long)."""
    con.execute("delete from kwb_file")
    con.execute("insert into kwb_file values (?, ?)", [int(year), table])
    # A national year, or a file of any size, is one row per region and topic: let DuckDB spill rather than grow.
    with reader.bounded_memory(con):
        _sql.run(con, f"staging/stg_kwb_cells_{shape}.sql")
        for name in _STAGED:
            _sql.run(con, f"staging/{name}.sql")
    con.execute("drop table raw_kwb_cells")


def kwb_frames(files: KwbFiles) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Return the raw data, properties and regions of a project's KWB year, each as CBS's OData v3 shapes them."""
    if files.properties is None or files.regions is None:
        _, _, data, properties, regions, _ = read_kwb_file(Path(files.data), files.table, files.year)
        return data.df().drop(columns=SOURCE_ROW), properties, regions
    return pd.read_parquet(files.data), pd.read_parquet(files.properties), pd.read_parquet(files.regions)


def stage_kwb(
    con: duckdb.DuckDBPyConnection, files: KwbFiles, *, catalogued_only: bool = False, also: Iterable[str] = ()
) -> None:
    """Stage one KWB year (three Parquet files, or one KWB file as CBS publishes it) into the staging tables.

    ``catalogued_only`` stages only the topics the indicator catalogue (loaded by
    :func:`create_staging_tables`) names for that year, the CBS keys in ``also`` and the postcode and
    Indelingswijziging the regions take: a project reads about 25 of CBS's 110 topics, and every topic staged is
    a text cell per region.
    A file is read into DuckDB (:func:`read_kwb_file`) and narrowed there, never whole into Python.
    """
    if files.properties is None or files.regions is None:
        _, _, data, properties, regions, _ = read_kwb_file(Path(files.data), files.table, files.year, con=con)
        try:
            _require_columns(con, files, data.columns)
            if catalogued_only:
                data = data.project(_columns_sql(_staged_columns(con, files.year, data.columns, also)))
            stage_frames(con, files.year, files.table, properties=properties, regions=regions, data=data)
        finally:
            reader.drop_text(con)
        return
    source = f"read_parquet({_sql.quote(files.data)})"
    names = [column[0] for column in con.execute(f"select * from {source} limit 0").description]
    _require_columns(con, files, names)
    if catalogued_only:
        names = _staged_columns(con, files.year, names, also)
    con.execute(
        f"create or replace temp view raw_kwb_data as select row_number() over () as {SOURCE_ROW}, "
        f"{_columns_sql(names)} from {source}"
    )
    con.execute(
        f"create or replace temp view raw_kwb_properties as select * from read_parquet({_sql.quote(files.properties)})"
    )
    con.execute(
        f"create or replace temp view raw_kwb_regions as select * from read_parquet({_sql.quote(files.regions)})"
    )
    _stage_raw(con, files.year, files.table, "v3")
    for view in ("raw_kwb_data", "raw_kwb_properties", "raw_kwb_regions"):
        con.execute(f"drop view {view}")


#: The figures every build needs, whatever the project shows, and why: the models count, compare and check by them.
REQUIRED = {
    "inwoners": "which every buurt needs (the figures per 1.000 inwoners, the sums checked against the gemeente)"
}


def _require_columns(con: duckdb.DuckDBPyConnection, files: KwbFiles, columns: Iterable[str]) -> None:
    """Refuse a project's KWB file that lacks a column of a :data:`REQUIRED` figure, naming every one it lacks."""
    keys = con.execute(
        "select indicator, cbs_key from indicator_catalogue where year = ? and list_contains(?, indicator) "
        "order by indicator",
        [int(files.year), list(REQUIRED)],
    ).fetchall()
    missing = [(indicator, key) for indicator, key in keys if key not in set(columns)]
    if missing:
        lacks = "; ".join(f"no column {key} ({indicator}), {REQUIRED[indicator]}" for indicator, key in missing)
        raise InputFileError(
            f"{files.data} has {lacks}; use the full KWB file of {files.year} (table {files.table}) as CBS "
            "publishes it, with every column."
        )


def _columns_sql(names: Iterable[str]) -> str:
    return ", ".join(_sql.identifier(name) for name in names)


def _staged_columns(
    con: duckdb.DuckDBPyConnection, year: int, columns: Iterable[str], also: Iterable[str] = ()
) -> list[str]:
    """Return the columns of a v3 TypedDataSet to stage: region key, catalogued topics, ``also``, the region topics."""
    wanted = {
        row[0] for row in con.execute("select cbs_key from indicator_catalogue where year = ?", [int(year)]).fetchall()
    } | set(also)
    return [c for c in columns if c in ("WijkenEnBuurten", SOURCE_ROW) or c in wanted or _REGION_TOPIC.fullmatch(c)]


def stage_frames(
    con: duckdb.DuckDBPyConnection,
    year: int,
    table: str,
    *,
    properties: pd.DataFrame,
    regions: pd.DataFrame,
    data: pd.DataFrame | duckdb.DuckDBPyRelation | None = None,
    observations: pd.DataFrame | None = None,
) -> None:
    """Stage one KWB year: ``data`` (v3 TypedDataSet, wide; a frame, or a relation on ``con`` as
    :func:`read_kwb_file` gives) or ``observations`` (v4, long).

    ``properties`` is shaped like v3 DataProperties (Key, Type, Datatype, Title, Unit, Decimals,
    Description) and ``regions`` like v3 WijkenEnBuurten (Key, Title).
    """
    if (data is None) == (observations is None):
        raise TypeError("pass exactly one of data (OData v3 shape) or observations (OData v4 shape)")
    frames = {"raw_kwb_properties": properties, "raw_kwb_regions": regions}
    if observations is not None:
        frames["raw_kwb_observations"] = observations
    elif isinstance(data, pd.DataFrame):
        frames["raw_kwb_frame"] = data
    with _sql.registered(con, frames):
        if isinstance(data, duckdb.DuckDBPyRelation):
            con.execute(f"create or replace temp view raw_kwb_data as {data.sql_query()}")
        elif data is not None:
            # A frame (OData v3, a Parquet file) has no lines: its cells are named by their row, 1 = first region.
            con.execute(
                f"create or replace temp view raw_kwb_data as select row_number() over () as {SOURCE_ROW}, * "
                "from raw_kwb_frame"
            )
        try:
            _stage_raw(con, year, table, "v3" if data is not None else "v4")
        finally:
            if data is not None:
                con.execute("drop view raw_kwb_data")


def load_year(
    con: duckdb.DuckDBPyConnection,
    year: int,
    table: str,
    gemeente: list[str] | None,
    source: str | Path,
    refresh: bool,
    transport: _http.Transport | None,
) -> str:
    """Stage one KWB year from ``source`` (of the gemeenten ``gemeente``, or all); return how it was read.

    With ``"auto"``, a file under ``data/raw`` that holds a selection of gemeenten without those asked for gives
    way to the cache and CBS; offline, the message names the file, what it holds and what to download.
    """
    if source in ("odata3", "auto"):
        local = local_file(year, table) if source == "auto" and not refresh else None
        passed_over = ""
        if local is not None:
            read_as = load_file(con, local, year, table)[0]
            passed_over = _lacking_selection(con, year, gemeente)
            if not passed_over:
                return read_as
            for name in _STAGED:
                con.execute(f"delete from {name} where year = ?", [int(year)])
            passed_over = f"{local} holds a selection of gemeenten without {passed_over}, and "
        try:
            data, properties, regions = _odata3(table, gemeente, refresh, transport)
        except DataNotAvailableError as error:
            if source == "odata3":
                raise
            if passed_over:
                where = f"{passed_over}KWB {year} ({table}) is not in the cache and CBS cannot be reached."
            elif refresh:
                where = (
                    f"refresh=True skips the KWB files under {Path(settings.data_dir) / 'raw'} and the cache, and "
                    "CBS cannot be reached; call without refresh=True to use what is at hand."
                )
            else:
                where = (
                    f"KWB {year} ({table}) is not under {Path(settings.data_dir) / 'raw'}, not in "
                    "the cache and CBS cannot be reached."
                )
            raise DataNotAvailableError(f"{where} {manual_download(year, table)} ({error})") from error
        stage_frames(con, year, table, data=data, properties=properties, regions=regions)
        return f"KWB {year}: table {table}, OData v3 feed {odata.ODATA_FEED}/{table} (or its cache)"
    if source == "odata4":
        properties = odata.measure_codes(table, refresh=refresh, transport=transport)
        regions = _each(odata.region_codes, table, gemeente, refresh, transport)
        cells = _each(odata.observations, table, gemeente, refresh, transport)
        stage_frames(con, year, table, observations=cells, properties=properties, regions=regions)
        return f"KWB {year}: table {table}, OData v4 {odata.ODATA4}/{table} (or its cache)"
    return load_file(con, Path(source), year, table)[0]


def _odata3(
    table: str, gemeente: list[str] | None, refresh: bool, transport: _http.Transport | None
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    properties = odata.data_properties(table, refresh=refresh, transport=transport)
    data = _each(odata.typed_data_set, table, gemeente, refresh, transport, properties=properties)
    regions = _each(odata.wijken_en_buurten, table, gemeente, refresh, transport)
    return data, properties, regions


def _each(fetch, table: str, gemeente: list[str] | None, refresh: bool, transport, **kwargs) -> pd.DataFrame:
    """``fetch`` of the whole table, or of each gemeente (as its cache holds it), Nederland once."""
    frames = [
        fetch(table, gemeente=code, refresh=refresh, transport=transport, **kwargs) for code in (gemeente or [None])
    ]
    if len(frames) == 1:
        return frames[0]
    # Each gemeente's download brings Nederland along as the baseline: keep its row once.
    return pd.concat(frames, ignore_index=True).drop_duplicates(ignore_index=True)


def _lacking_selection(con: duckdb.DuckDBPyConnection, year: int, gemeente: list[str] | None) -> str:
    """The gemeenten of ``gemeente`` a staged file of ``year`` lacks, when it holds a selection (else ``""``: a
    national file lacking a code is told by the caller, with the codes of that year)."""
    if gemeente is None:
        return ""
    held = {
        row[0]
        for row in con.execute(
            "select code from stg_kwb_regions where level = 'gemeente' and year = ?", [int(year)]
        ).fetchall()
    }
    lacking = [code for code in gemeente if code not in held]
    return ", ".join(lacking) if lacking and len(held) < NATIONAL else ""


def load_file(con: duckdb.DuckDBPyConnection, path: Path, year: int, table: str) -> tuple[str, pd.DataFrame]:
    """Stage a KWB file as KWB ``year`` (table ``table``); refuse a file named after another table. Return how it
    was read and its regions (as :func:`~buurtdata.sources.cbs.files.read_kwb_file` gives them: what names its
    gemeenten, so a gemeente asked by its name is looked up without reading the file again)."""
    if not path.exists():
        msg = (
            f"{path} does not exist; source must be one of {', '.join(SOURCES)} "
            f"or the path of a KWB file. {manual_download(year, table)}"
        )
        raise DataNotAvailableError(msg)
    named = TABLE_ID.search(path.name)
    if named is not None and named.group(0).upper() != table:
        named_year = year_of(named.group(0).upper())
        other = f" (KWB {named_year})" if named_year is not None else ""
        msg = (
            f"{path} is named after table {named.group(0).upper()}{other}, but KWB {year} is "
            f"table {table}; ask for the year of the file, or rename the file if its name is wrong."
        )
        raise DataNotAvailableError(msg)
    file_year, file_table, data, properties, regions, read_as = read_kwb_file(path, table, year, con=con)
    try:
        stage_frames(con, file_year, file_table, data=data, properties=properties, regions=regions)
    finally:
        reader.drop_text(con)
    return read_as, regions
