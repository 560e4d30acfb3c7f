"""CBS *Kerncijfers wijken en buurten* (KWB): every year, from any source, as one tidy frame.

Each KWB year is its own CBS table (:data:`KWB_TABLES`). buurtdata reads a
year from a KWB file (:func:`read_kerncijfers`), the OData v3 bulk feed or
the OData v4 API (through :mod:`buurtdata._http`, with its disk cache) and
stages it into DuckDB, where ``pipelines/staging/stg_kwb_*.sql`` turn it
into long, typed rows with a status for every missing figure and the marts
give each concept one stable key across years (:func:`kerncijfers`).
"""

from __future__ import annotations

import csv
import io
import json
import re
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path

import duckdb
import pandas as pd

from buurtdata import _http, codes, datasets, settings
from buurtdata.pipeline import _sql
from buurtdata._errors import CodeError, DataNotAvailableError, InputFileError, ValidationError, where
from buurtdata.project import KwbFiles

# CBS table id of the KWB of each year. Verified against CBS metadata: 2017 (v4 Properties document in
# shared/datasets), 2020 and 2024 (DataProperties/TableInfos in shared/datasets), and 2016, 2018, 2019, 2021,
# 2022, 2023 (the table page www.cbs.nl/nl-nl/cijfers/detail/<id> is titled "Kerncijfers wijken en buurten <year>").
# 2015 and 2025: NOT verified against CBS; no CBS page or metadata of 83220NED or 86165NED was found (the stored
# CBS table pages cover 2013, 2014, 2016-2019, 2022, 2023). Several independent public scripts list both ids in
# year-to-table lists that agree with the verified years, so they are kept, marked as unverified.
KWB_2015 = "83220NED"  # NOT verified against CBS metadata: only third-party code lists it for 2015.
KWB_2016 = "83487NED"
KWB_2017 = "83765NED"
KWB_2018 = "84286NED"
KWB_2019 = "84583NED"
KWB_2020 = "84799NED"
KWB_2021 = "85039NED"
KWB_2022 = "85318NED"
KWB_2023 = "85618NED"
KWB_2024 = "85984NED"
KWB_2025 = "86165NED"  # NOT verified against CBS metadata: only third-party code lists it for 2025.
KWB_TABLES: dict[int, str] = {
    2015: KWB_2015,
    2016: KWB_2016,
    2017: KWB_2017,
    2018: KWB_2018,
    2019: KWB_2019,
    2020: KWB_2020,
    2021: KWB_2021,
    2022: KWB_2022,
    2023: KWB_2023,
    2024: KWB_2024,
    2025: KWB_2025,
}

#: Attribution to show wherever CBS figures are shown.
ATTRIBUTION = "Bron: CBS"

_RAW_VIEWS = ("raw_kwb_data", "raw_kwb_observations", "raw_kwb_properties", "raw_kwb_regions")


def create_staging_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Create the empty staging tables and load the seeds (indicator catalogue, status codes)."""
    # Every KWB load starts here; DuckDB's progress bar would otherwise print into notebooks and logs.
    con.execute("set enable_progress_bar = false")
    _sql.run(con, "staging/_tables.sql")
    seeds = _sql.pipelines_dir() / "seeds"
    for table, name in [
        ("indicator_definitions", "indicators.csv"),
        ("indicator_catalogue", "indicator_catalogue.csv"),
        ("status_codes", "status_codes.csv"),
    ]:
        con.execute(f"create or replace table {table} as select * from read_csv({_sql.quote(seeds / name)}, header = true)")


def _stage_raw(con: duckdb.DuckDBPyConnection, year: int, table: str, shape: str) -> None:
    """Run the staging SQL on the raw_kwb_* views of one year; ``shape`` is ``v3`` (wide) or ``v4`` (long)."""
    con.execute(f"set variable jaar = {int(year)}")
    con.execute("set variable tabel = ?", [table])
    _sql.run(con, f"staging/stg_kwb_cells_{shape}.sql")
    for name in ("stg_kwb_observations", "stg_kwb_regions", "stg_kwb_indicators"):
        _sql.run(con, f"staging/{name}.sql")
    con.execute("drop table raw_kwb_cells")


def kwb_frames(files: KwbFiles) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Return the raw data, properties and regions of a project's KWB year, each as CBS's OData v3 shapes them."""
    if files.properties is None or files.regions is None:
        _, _, data, properties, regions, _ = _kwb_file(Path(files.data), files.table, files.year)
        return data, properties, regions
    return pd.read_parquet(files.data), pd.read_parquet(files.properties), pd.read_parquet(files.regions)


def stage_kwb(con: duckdb.DuckDBPyConnection, files: KwbFiles) -> None:
    """Stage one KWB year (three Parquet files, or one KWB file as CBS publishes it) into the staging tables."""
    if files.properties is None or files.regions is None:
        data, properties, regions = kwb_frames(files)
        stage_frames(con, files.year, files.table, properties=properties, regions=regions, data=data)
        return
    con.execute(f"create or replace temp view raw_kwb_data as select * from read_parquet({_sql.quote(files.data)})")
    con.execute(f"create or replace temp view raw_kwb_properties as select * from read_parquet({_sql.quote(files.properties)})")
    con.execute(f"create or replace temp view raw_kwb_regions as select * from read_parquet({_sql.quote(files.regions)})")
    _stage_raw(con, files.year, files.table, "v3")
    for view in ("raw_kwb_data", "raw_kwb_properties", "raw_kwb_regions"):
        con.execute(f"drop view {view}")


def stage_frames(
    con: duckdb.DuckDBPyConnection,
    year: int,
    table: str,
    *,
    properties: pd.DataFrame,
    regions: pd.DataFrame,
    data: pd.DataFrame | None = None,
    observations: pd.DataFrame | None = None,
) -> None:
    """Stage one KWB year held in frames: ``data`` (v3 TypedDataSet, wide) or ``observations`` (v4, long).

    ``properties`` is shaped like v3 DataProperties (Key, Type, Datatype, Title, Unit, Decimals,
    Description) and ``regions`` like v3 WijkenEnBuurten (Key, Title).
    """
    if (data is None) == (observations is None):
        raise TypeError("pass exactly one of data (OData v3 shape) or observations (OData v4 shape)")
    frames = {"raw_kwb_properties": properties, "raw_kwb_regions": regions}
    frames["raw_kwb_data" if data is not None else "raw_kwb_observations"] = data if data is not None else observations
    for name, frame in frames.items():
        con.register(name, frame)
    try:
        _stage_raw(con, year, table, "v3" if data is not None else "v4")
    finally:
        for name in frames:
            con.unregister(name)


#: CBS's bulk OData v3 feed; unlike ``ODataApi`` (which stops at 10,000 cells) it pages through the whole table.
ODATA_FEED = "https://opendata.cbs.nl/ODataFeed/odata"
#: OData v3 resources of a KWB table that buurtdata stages.
TYPED_DATA_SET = "TypedDataSet"
DATA_PROPERTIES = "DataProperties"
WIJKEN_EN_BUURTEN = "WijkenEnBuurten"

_PANDAS_TYPES = {"Long": "Int64", "Integer": "Int64", "Double": "Float64", "Float": "Float64"}
_PARQUET = {"index": False, "compression": "zstd"}


_TABLE_ID = re.compile(r"\d{5}(NED|ENG)", re.IGNORECASE)


def _check_table(table: str) -> str:
    """Return a CBS table id in canonical form; any well-formed id may be passed, not only :data:`KWB_TABLES`."""
    text = str(table).strip().upper()
    if not _TABLE_ID.fullmatch(text):
        known = ", ".join(f"{year}: {tid}" for year, tid in sorted(KWB_TABLES.items()))
        msg = (
            f"{table!r} is not a CBS table id; ids are 5 digits and NED, e.g. '85984NED'. KWB ids buurtdata knows: {known}. "
            f"Look others up on https://opendata.cbs.nl (search 'Kerncijfers wijken en buurten')."
        )
        raise DataNotAvailableError(msg)
    return text


def table_for(year: int) -> str:
    """Return the CBS table id of the KWB of ``year``.

    >>> table_for(2024)
    '85984NED'
    """
    if year not in KWB_TABLES:
        msg = (
            f"No KWB table id is known for {year}; known years are {min(KWB_TABLES)}-{max(KWB_TABLES)}. "
            f"Look the id up on https://opendata.cbs.nl (search 'Kerncijfers wijken en buurten {year}') and pass it "
            f"as table='...', or pass the files of that year to read_kerncijfers."
        )
        raise DataNotAvailableError(msg)
    return KWB_TABLES[year]


def _table_page(table: str) -> str:
    return (
        f"or download the table as CSV from https://opendata.cbs.nl/statline/#/CBS/nl/dataset/{table}/table "
        f"and read it with buurtdata.sources.cbs.read_kerncijfers(path)"
    )


# Nederland (NL00) is always fetched with a gemeente: it is the baseline, and it keeps 'geheim' apart from
# 'ontbreekt' in stg_kwb_observations.sql, which counts the filled cells of a topic among the staged regions.
def _gemeente_filter(gemeente: str, column: str) -> str:
    # substringof on the digits also matches other gemeenten's buurten (BU03630164); _in_gemeente drops those.
    return f"substringof('{gemeente[2:]}',{column}) or substringof('NL00',{column})"


def _in_gemeente(codes: pd.Series, gemeente: str | None) -> pd.Series:
    stripped = codes.str.strip()
    if gemeente is None:
        return pd.Series(True, index=codes.index)
    return (stripped == "NL00") | ((stripped.str[2:6] == gemeente[2:]) & stripped.str[:2].isin(["GM", "WK", "BU"]))


def _paged_rows(
    url: str, params: dict[str, str], next_key: str, table: str, refresh: bool, transport: _http.Transport | None
) -> list[dict]:
    rows: list[dict] = []
    following: str | None = url
    query: dict[str, str] | None = params
    while following:
        page = _http.get_json(following, query, refresh=refresh, transport=transport, manual=_table_page(table))
        if not isinstance(page, dict) or not isinstance(page.get("value"), list):
            msg = f"{_http.full_url(following, query)} answered with JSON without a 'value' list; it is not an OData feed page. Check the URL and the table id."
            raise _http.ResponseError(msg)
        rows.extend(page["value"])
        following, query = page.get(next_key), None
    return rows


def odata_rows(
    table: str,
    resource: str,
    *,
    filter: str | None = None,
    refresh: bool = False,
    transport: _http.Transport | None = None,
) -> list[dict]:
    """Return every row of an OData v3 resource of a KWB table, following ``odata.nextLink`` paging.

    Parameters
    ----------
    table
        CBS table id, e.g. :data:`KWB_2024`.
    resource
        ``TypedDataSet``, ``DataProperties`` or ``WijkenEnBuurten``.
    filter
        An OData ``$filter`` expression, e.g. ``substringof('0164',WijkenEnBuurten)``.
    refresh, transport
        Passed to :func:`buurtdata._http.get_json`.
    """
    table = _check_table(table)
    params = {"$format": "json"}
    if filter:
        params["$filter"] = filter
    return _paged_rows(f"{ODATA_FEED}/{table}/{resource}", params, "odata.nextLink", table, refresh, transport)


def data_properties(table: str, *, refresh: bool = False, transport: _http.Transport | None = None) -> pd.DataFrame:
    """Return the DataProperties of a KWB table (topics, titles, units), shaped like the shipped sample."""
    rows = odata_rows(table, DATA_PROPERTIES, refresh=refresh, transport=transport)
    frame = pd.read_json(io.StringIO(json.dumps(rows)))
    return frame.rename(columns={"odata.type": "odata_type"})


def wijken_en_buurten(
    table: str, *, gemeente: str | None = None, refresh: bool = False, transport: _http.Transport | None = None
) -> pd.DataFrame:
    """Return the WijkenEnBuurten dimension (Key, Title, ...) of a KWB table, optionally of one gemeente and Nederland."""
    gemeente = codes.normalize(gemeente, level="gemeente") if gemeente else None
    odata_filter = _gemeente_filter(gemeente, "Key") if gemeente else None
    rows = odata_rows(table, WIJKEN_EN_BUURTEN, filter=odata_filter, refresh=refresh, transport=transport)
    frame = pd.DataFrame.from_records(rows).astype("str")
    return frame[_in_gemeente(frame["Key"], gemeente)].reset_index(drop=True)


def typed_data_set(
    table: str,
    *,
    gemeente: str | None = None,
    properties: pd.DataFrame | None = None,
    refresh: bool = False,
    transport: _http.Transport | None = None,
) -> pd.DataFrame:
    """Return the TypedDataSet of a KWB table, columns typed from DataProperties, optionally of one gemeente and Nederland."""
    gemeente = codes.normalize(gemeente, level="gemeente") if gemeente else None
    if properties is None:
        properties = data_properties(table, refresh=refresh, transport=transport)
    odata_filter = _gemeente_filter(gemeente, WIJKEN_EN_BUURTEN) if gemeente else None
    rows = odata_rows(table, TYPED_DATA_SET, filter=odata_filter, refresh=refresh, transport=transport)
    frame = pd.DataFrame.from_records(rows)
    types = properties.dropna(subset=["Datatype"]).set_index("Key")["Datatype"]
    for column in frame.columns:
        kind = _PANDAS_TYPES.get(types.get(column, ""))
        if column == "ID":
            frame[column] = frame[column].astype("int64")
        elif kind is not None:
            numbers = pd.to_numeric(frame[column])
            frame[column] = numbers.round().astype(kind) if kind == "Int64" else numbers.astype(kind)
        else:
            frame[column] = frame[column].astype("str")
    return frame[_in_gemeente(frame[WIJKEN_EN_BUURTEN], gemeente)].reset_index(drop=True)


def download_kwb(
    year: int,
    folder: str | Path,
    *,
    gemeente: str | None = None,
    refresh: bool = False,
    transport: _http.Transport | None = None,
) -> KwbFiles:
    """Download one KWB year and save it as the three Parquet files :func:`stage_kwb` stages.

    The files are named like the shipped sample: ``kwb{year}_{table}.parquet``,
    ``..._properties.parquet`` and ``..._regions.parquet``.
    """
    table = table_for(year)
    properties = data_properties(table, refresh=refresh, transport=transport)
    data = typed_data_set(table, gemeente=gemeente, properties=properties, refresh=refresh, transport=transport)
    regions = wijken_en_buurten(table, gemeente=gemeente, refresh=refresh, transport=transport)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    stem = folder / f"kwb{year}_{table}"
    files = KwbFiles(year, table, stem.with_suffix(".parquet"), Path(f"{stem}_properties.parquet"), Path(f"{stem}_regions.parquet"))
    data.to_parquet(files.data, **_PARQUET)
    properties.to_parquet(files.properties, **_PARQUET)
    regions.to_parquet(files.regions, **_PARQUET)
    return files


#: CBS's OData v4 API: observations in long format (Measure, Value, ValueAttribute), paged with ``@odata.nextLink``.
ODATA4 = "https://odata4.cbs.nl/CBS"
OBSERVATIONS = "Observations"
MEASURE_CODES = "MeasureCodes"
WIJKEN_EN_BUURTEN_CODES = "WijkenEnBuurtenCodes"


def odata4_rows(
    table: str,
    resource: str,
    *,
    filter: str | None = None,
    refresh: bool = False,
    transport: _http.Transport | None = None,
) -> list[dict]:
    """Return every row of an OData v4 resource of a KWB table, following ``@odata.nextLink`` paging.

    Parameters
    ----------
    table
        CBS table id, e.g. :data:`KWB_2017`.
    resource
        ``Observations``, ``MeasureCodes`` or ``WijkenEnBuurtenCodes``.
    filter
        An OData v4 ``$filter`` expression, e.g. ``contains(WijkenEnBuurten,'0164')``.
    refresh, transport
        Passed to :func:`buurtdata._http.get_json`.
    """
    table = _check_table(table)
    params = {"$filter": filter} if filter else {}
    return _paged_rows(f"{ODATA4}/{table}/{resource}", params, "@odata.nextLink", table, refresh, transport)


def _v4_gemeente_filter(gemeente: str) -> str:
    return f"contains(WijkenEnBuurten,'{gemeente[2:]}') or WijkenEnBuurten eq 'NL00'"


def measure_codes(table: str, *, refresh: bool = False, transport: _http.Transport | None = None) -> pd.DataFrame:
    """Return the v4 MeasureCodes of a table as v3-shaped DataProperties (Key, Type, Datatype, Title, Unit, Decimals, Description)."""
    frame = pd.DataFrame.from_records(odata4_rows(table, MEASURE_CODES, refresh=refresh, transport=transport))
    return pd.DataFrame(
        {
            "Key": frame["Identifier"].astype("str"),
            "Type": "Topic",
            "Datatype": frame["DataType"].astype("str"),
            "Title": frame["Title"].astype("str"),
            "Unit": frame["Unit"].astype("str"),
            "Decimals": pd.to_numeric(frame["Decimals"]).astype("Int64"),
            "Description": frame["Description"].astype("str"),
        }
    )


def region_codes(
    table: str, *, gemeente: str | None = None, refresh: bool = False, transport: _http.Transport | None = None
) -> pd.DataFrame:
    """Return the v4 WijkenEnBuurtenCodes of a table as v3-shaped regions (Key, Title), optionally of one gemeente and Nederland."""
    gemeente = codes.normalize(gemeente, level="gemeente") if gemeente else None
    odata_filter = f"contains(Identifier,'{gemeente[2:]}') or Identifier eq 'NL00'" if gemeente else None
    rows = odata4_rows(table, WIJKEN_EN_BUURTEN_CODES, filter=odata_filter, refresh=refresh, transport=transport)
    frame = pd.DataFrame.from_records(rows)
    frame = pd.DataFrame({"Key": frame["Identifier"].astype("str"), "Title": frame["Title"].astype("str")})
    return frame[_in_gemeente(frame["Key"], gemeente)].reset_index(drop=True)


def observations(
    table: str, *, gemeente: str | None = None, refresh: bool = False, transport: _http.Transport | None = None
) -> pd.DataFrame:
    """Return the v4 Observations of a table (WijkenEnBuurten, Measure, Value, ValueAttribute), optionally of one gemeente and Nederland."""
    gemeente = codes.normalize(gemeente, level="gemeente") if gemeente else None
    odata_filter = _v4_gemeente_filter(gemeente) if gemeente else None
    rows = odata4_rows(table, OBSERVATIONS, filter=odata_filter, refresh=refresh, transport=transport)
    frame = pd.DataFrame.from_records(rows, columns=["Id", "Measure", "ValueAttribute", "Value", "WijkenEnBuurten"])
    frame = frame.astype({"Measure": "str", "ValueAttribute": "str", "WijkenEnBuurten": "str"})
    frame["Value"] = pd.to_numeric(frame["Value"]).astype("float64")
    return frame[_in_gemeente(frame["WijkenEnBuurten"], gemeente)].reset_index(drop=True)


#: Columns of the long frames of :func:`read_kerncijfers` and :func:`kerncijfers`.
KERNCIJFERS_COLUMNS = ["year", "code", "level", "name", "gemeente_code", "wijk_code", "indicator", "value", "status"]
#: Region levels, largest first.
LEVELS = ("land", "gemeente", "wijk", "buurt")
#: Values of ``source`` besides a file path.
SOURCES = ("auto", "odata3", "odata4")

#: Columns of a KWB TypedDataSet that describe the region rather than hold a figure.
_REGION_COLUMN = re.compile(r"^(ID|WijkenEnBuurten|Gemeentenaam_\d+|SoortRegio_\d+|Codering_\d+|Indelingswijziging\w*_\d+|MeestVoorkomendePostcode_\d+)$")
_CBS_KEY = re.compile(r"^(ID|WijkenEnBuurten|\w+_\d+)$")
_NUMERIC = ("Long", "Integer", "Double", "Float", "Decimal")
_EMPTY = {"", "."}


def _properties_beside(path: Path, table: str) -> pd.DataFrame | None:
    """Return DataProperties saved beside a KWB file (as statline-bq or download_kwb name them), else ``None``."""
    for candidate in (path.with_name(f"cbs.v3.{table}_DataProperties.parquet"), path.with_name(f"{path.stem}_properties.parquet")):
        if candidate != path and candidate.exists():
            return pd.read_parquet(candidate)
    return None


def _shipped_properties(year: int | None, table: str) -> pd.DataFrame | None:
    path = datasets.get_path("hengelo").parent / f"kwb{year}_{table}_properties.parquet"
    return pd.read_parquet(path) if path.exists() else None


def _read_table(path: Path, encoding: str | None = None) -> tuple[list[str], list[list[str]], str, int]:
    """Return header, rows of text cells, how the file was read, and the line number of the first data row."""
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        try:
            frame = pd.read_parquet(path)
        except Exception as error:
            msg = f"{path} cannot be read as Parquet ({error}); the file is probably truncated or not Parquet. Download or export it again."
            raise InputFileError(msg) from error
        cells = frame.astype("string").fillna("")
        return list(frame.columns), cells.to_numpy().tolist(), "Parquet", 0
    if suffix in {".xlsx", ".xlsm"}:
        try:
            frame = pd.read_excel(path, header=None, dtype=str)
        except Exception as error:
            msg = f"{path} cannot be read as an Excel workbook ({error}); the file is probably truncated. Download or save it again."
            raise InputFileError(msg) from error
        cells = frame.fillna("").astype(str).to_numpy().tolist()
        if not cells:
            raise InputFileError(f"{path} is empty; export the KWB table again.")
        return [c.strip() for c in cells[0]], cells[1:], "Excel", 2
    if suffix not in {".csv", ".txt"}:
        msg = f"{path}: cannot read {suffix!r} files; save the KWB table as .csv (';'-separated), .xlsx or .parquet."
        raise InputFileError(msg)
    content = path.read_bytes()
    # utf-8-sig also reads UTF-8 without a BOM, and drops the BOM Excel and pandas write.
    codec = "utf-8-sig" if encoding is None or encoding.lower().replace("_", "-") in {"utf-8", "utf8", "utf-8-sig"} else encoding
    try:
        text, read_with = content.decode(codec), encoding or "UTF-8"
    except UnicodeDecodeError as error:
        if encoding is not None:
            line = content[: error.start].count(b"\n") + 1
            msg = (
                f"{where(path, line)}: byte {content[error.start : error.start + 1]!r} is not valid {encoding}; the file "
                f"is probably cp1252 (Windows, as Excel saves CSV). Pass encoding='cp1252', or leave encoding unset "
                f"so buurtdata detects it."
            )
            raise InputFileError(msg) from error
        # Excel on Windows saves CSV as cp1252; every byte decodes there, so read it as that and say so.
        text, read_with = content.decode("cp1252"), "cp1252 (Windows); not valid UTF-8"
    lines = text.splitlines()
    if not lines:
        raise InputFileError(f"{path} is empty; download the KWB table again.")
    separator = ";" if lines[0].count(";") >= lines[0].count(",") else ","
    rows = list(csv.reader(lines, delimiter=separator))
    header, body = [c.strip() for c in rows[0]], rows[1:]
    problems = [
        f"{where(path, number + 2)}: has {len(row)} of {len(header)} fields; the file looks cut off (truncated). Download it again."
        for number, row in enumerate(body)
        if row and len(row) != len(header)
    ]
    if problems:
        raise ValidationError(problems, source=path)
    return header, [row for row in body if row], f"CSV, {read_with}, separator {separator!r}", 2


def _keys_for(header: list[str], properties: pd.DataFrame | None, path: Path) -> list[str]:
    """Return the CBS key of every column; titles are matched to keys in DataProperties order."""
    if all(_CBS_KEY.match(column) for column in header):
        return header
    if properties is None:
        msg = f"{path}: the columns are titles, not CBS keys (e.g. {header[0]!r}), and buurtdata has no DataProperties for this table to translate them. Export the table with its column keys (e.g. 'AantalInwoners_5')."
        raise InputFileError(msg)
    titled = properties[properties["Type"].isin(["Topic", "GeoDetail"])].sort_values("ID")
    unused = list(zip(titled["Title"].str.strip(), titled["Key"], strict=True))
    keys = []
    for column in header:
        if _CBS_KEY.match(column):
            keys.append(column)
            continue
        match = next((pair for pair in unused if pair[0] == column), None)
        if match is None:
            msg = f"{where(path, field=column)}: no CBS topic has this title or key. Use the titles or keys (e.g. 'AantalInwoners_5') of the table as CBS publishes it."
            raise InputFileError(msg)
        unused.remove(match)
        keys.append(match[1])
    return keys


#: Region columns of CBS's ``kwb-YYYY.xlsx``/``.csv`` downloads (short column names) and the CBS key each stands for.
SHORT_REGION_COLUMNS = {"gwb_code_10": "Codering_3", "regio": "WijkenEnBuurten", "gm_naam": "Gemeentenaam_1", "recs": "SoortRegio_2"}


def short_names(year: int) -> dict[str, str]:
    """Return the short column names of CBS's ``kwb-<year>`` download and the CBS key of the same figure.

    The short names come from seed ``pipelines/seeds/kwb_short_names.csv`` (short name -> stable key),
    the CBS key from the indicator catalogue of that year; a year without rows gives an empty dict.

    >>> short_names(2024)["a_inw"]
    'AantalInwoners_5'
    """
    seeds = _sql.pipelines_dir() / "seeds"
    names = pd.read_csv(seeds / "kwb_short_names.csv", dtype={"short_name": "str", "key": "str"})
    keys = catalogue().dropna(subset=["cbs_key"])
    merged = names[names["year"] == year].merge(keys[keys["year"] == year], on="key", how="left")
    lacking = merged.loc[merged["cbs_key"].isna(), "key"].tolist()
    if lacking:
        msg = f"pipelines/seeds/kwb_short_names.csv names stable keys {lacking} for {year}, but the indicator catalogue has no CBS key for them in {year}; add them to pipelines/seeds/indicator_catalogue.csv."
        raise DataNotAvailableError(msg)
    return dict(zip(merged["short_name"], merged["cbs_key"], strict=True))


def _from_short_names(header: list[str], rows: list[list[str]], year: int, path: Path) -> tuple[list[str], list[list[str]], list[str]]:
    """Translate a short-named KWB download to CBS keys; return keys, rows and the short columns not read."""
    translate = SHORT_REGION_COLUMNS | short_names(year)
    kept = [i for i, column in enumerate(header) if column in translate]
    skipped = [column for column in header if column not in translate]
    if all(header[i] in SHORT_REGION_COLUMNS for i in kept):
        msg = f"{path}: none of its short column names is in pipelines/seeds/kwb_short_names.csv for {year}; add the short names of that year (e.g. 'a_inw' for inwoners) there."
        raise InputFileError(msg)
    return [translate[header[i]] for i in kept], [[row[i] for i in kept] for row in rows], skipped


_KWB_FILE_YEAR = re.compile(r"kwb[-_]?(\d{4})", re.IGNORECASE)


def _year_and_table(path: Path, table: str | None, year: int | None) -> tuple[int, str]:
    named_year = _KWB_FILE_YEAR.search(path.name)
    if table is None and not _TABLE_ID.search(path.name) and named_year is not None and int(named_year.group(1)) in KWB_TABLES:
        # CBS names its downloads kwb-2024.xlsx; the year then tells the table.
        year = int(named_year.group(1)) if year is None else year
        table = KWB_TABLES[int(named_year.group(1))]
    if table is None:
        found = _TABLE_ID.search(path.name)
        if found is None:
            msg = f"{path}: the file name holds no CBS table id (like 85984NED); pass it, e.g. read_kerncijfers(path, table='85984NED')."
            raise InputFileError(msg)
        table = found.group(0)
    table = _check_table(table)
    if year is None:
        year = next((y for y, t in KWB_TABLES.items() if t == table), None)
        if year is None:
            known = ", ".join(f"{y}: {t}" for y, t in sorted(KWB_TABLES.items()))
            msg = f"{path}: {table!r} is not a KWB table id buurtdata knows ({known}); pass the year to read it anyway, e.g. read_kerncijfers(path, year=2026)."
            raise DataNotAvailableError(msg)
    return int(year), table


def _kwb_file(
    path: Path, table: str | None, year: int | None, encoding: str | None = None
) -> tuple[int, str, pd.DataFrame, pd.DataFrame, pd.DataFrame, str]:
    """Read and check a KWB file; return year, table, and the v3-shaped data, properties and regions frames."""
    year, table = _year_and_table(path, table, year)
    properties = _properties_beside(path, table)
    if properties is None:
        properties = _shipped_properties(year, table)
    header, rows, read_as, first_line = _read_table(path, encoding)
    if "gwb_code_10" in header:
        keys, rows, skipped = _from_short_names(header, rows, year, path)
        read_as += f"; CBS short column names translated to CBS keys, not read (not in pipelines/seeds/kwb_short_names.csv): {', '.join(skipped) or 'none'}"
    else:
        keys = _keys_for(header, properties, path)
    raw = pd.DataFrame(rows, columns=keys, dtype="str")

    code_column = next((k for k in keys if k.startswith("Codering_")), "WijkenEnBuurten")
    if code_column not in raw:
        raise InputFileError(f"{path}: no region code column (Codering_3 or WijkenEnBuurten); export the table with its region codes.")
    problems, region_codes = [], []
    for number, value in enumerate(raw[code_column]):
        try:
            region_codes.append(codes.normalize(value))
        except CodeError as error:
            region_codes.append(None)
            problems.append(f"{where(path, number + first_line, code_column)}: {error}")
    found = pd.Series(region_codes)
    duplicated = found.duplicated(keep=False) & found.notna()
    for code, group in pd.Series(range(len(raw)))[duplicated].groupby(found[duplicated]):
        lines = ", ".join(str(n + first_line) for n in group)
        problems.append(f"{where(path)}: region {code} occurs on rows {lines}; keep one row per region (was the file appended to twice?).")

    if properties is None:
        topics = [k for k in keys if not _REGION_COLUMN.match(k)]
        properties = pd.DataFrame({"Key": topics, "Type": "Topic", "Datatype": "Double", "Title": topics, "Unit": None, "Decimals": None, "Description": None})
    numeric = set(properties.loc[properties["Type"].eq("Topic") & properties["Datatype"].isin(_NUMERIC), "Key"])
    for key in (k for k in keys if k in numeric):
        text = raw[key].str.strip()
        # A decimal comma (Dutch Excel) becomes a point; what an empty or '.' cell means is the staging SQL's business.
        comma = text.str.contains(",", regex=False) & ~text.str.contains(".", regex=False)
        text = text.where(~comma, text.str.replace(",", ".", regex=False))
        bad = ~text.isin(_EMPTY) & pd.to_numeric(text.where(~text.isin(_EMPTY)), errors="coerce").isna()
        problems.extend(f"{where(path, row + first_line, key)}: {raw.at[row, key]!r} is not a number; fix or empty the cell." for row in raw.index[bad])
        raw[key] = text
    if problems:
        raise ValidationError(problems, source=path)

    regions = pd.DataFrame({"Key": found, "Title": _region_names(path, raw, table, found)}, dtype="str")
    raw["WijkenEnBuurten"] = found.to_numpy()
    return year, table, raw, properties, regions, f"{path}: table {table} ({year}), read as {read_as}"


def _region_names(path: Path, raw: pd.DataFrame, table: str, region_codes: pd.Series) -> pd.Series:
    """Return region names: titles in WijkenEnBuurten (as some exports have), else the WijkenEnBuurten file beside it."""
    if "WijkenEnBuurten" in raw and not raw["WijkenEnBuurten"].map(codes.is_valid).any():
        return raw["WijkenEnBuurten"].str.strip().to_numpy()
    # Beside the file as buurtdata's sample names it, or as statline-bq does (cbs.v3.<table>_WijkenEnBuurten.parquet).
    candidates = [path.with_name(f"{path.stem}_regions.parquet"), path.with_name(f"cbs.v3.{table}_WijkenEnBuurten.parquet")]
    beside = next((p for p in candidates if p != path and p.exists()), None)
    if beside is not None:
        titles = pd.read_parquet(beside)
        names = dict(zip(titles["Key"].str.strip(), titles["Title"].str.strip(), strict=True))
        return region_codes.map(names).to_numpy()
    return pd.Series(pd.NA, index=region_codes.index, dtype="str").to_numpy()


_LONG_SQL = """
select
    observations.jaar::bigint as year,
    regions.code,
    regions.level,
    regions.name,
    regions.gemeente_code,
    regions.wijk_code,
    observations.{indicator} as indicator,
    observations.value::double as value,
    observations.status
from {table} as observations
join stg_kwb_regions as regions on regions.jaar = observations.jaar and regions.code = observations.region_code
where (getvariable('gemeente') is null or regions.gemeente_code = getvariable('gemeente') or regions.level = 'land')
    and (getvariable('levels') is null or list_contains(getvariable('levels'), regions.level))
order by year, regions.code, indicator
"""


def _long(
    con: duckdb.DuckDBPyConnection, table: str, indicator: str, gemeente: str | None, levels: Sequence[str] | None
) -> pd.DataFrame:
    """Return staged observations joined to their regions, filtered in DuckDB (through Arrow: a national year is ~2 million rows)."""
    con.execute("set variable gemeente = ?", [gemeente])
    con.execute("set variable levels = ?::varchar[]", [list(levels) if levels is not None else None])
    frame = con.sql(_LONG_SQL.format(indicator=indicator, table=table)).to_arrow_table().to_pandas()
    return frame[KERNCIJFERS_COLUMNS].astype({"year": "int64", "value": "float64"})


def read_kerncijfers(
    path: str | Path,
    *,
    table: str | None = None,
    year: int | None = None,
    gemeente: str | None = None,
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
        Keep Nederland and this gemeente's own rows, wijken and buurten only.
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
    >>> frame.query("code == 'GM0164' and indicator == 'AantalInwoners_5'")[["name", "value", "status"]].to_numpy().tolist()
    [['Hengelo', 81140.0, 'waarde']]
    """
    path = Path(path)
    year, table, data, properties, regions, read_as = _kwb_file(path, table, year, encoding)
    con = duckdb.connect()
    create_staging_tables(con)
    stage_frames(con, year, table, data=data, properties=properties, regions=regions)
    gemeente = codes.normalize(gemeente, level="gemeente") if gemeente is not None else None
    if gemeente is not None:
        _require_gemeente(con, gemeente, [year], str(path))
    long = _long(con, "stg_kwb_observations", "cbs_key", gemeente, None)
    long.attrs["read_as"] = read_as
    return long


def _require_gemeente(con: duckdb.DuckDBPyConnection, gemeente: str, years: Iterable[int], source: str) -> None:
    present = dict(con.sql("select jaar, list(code order by code) from stg_kwb_regions where level = 'gemeente' group by jaar").fetchall())
    for year in years:
        gemeenten = present.get(year, [])
        if gemeente not in gemeenten:
            shown = ", ".join(gemeenten[:8]) + (f" and {len(gemeenten) - 8} more" if len(gemeenten) > 8 else "")
            msg = (
                f"{source}: gemeente {gemeente} is not in KWB {year}; it holds {shown or 'no gemeenten'}. "
                f"Gemeente codes change when gemeenten merge: find the code of {year} with "
                f"kerncijfers({year}, level='gemeente') (columns code and name) or in CBS's list "
                f"https://www.cbs.nl/nl-nl/onze-diensten/methoden/classificaties/overig/gemeentelijke-indelingen-per-jaar."
            )
            raise DataNotAvailableError(msg)


def _local_file(year: int, table: str) -> Path | None:
    """Return a KWB file of ``year`` kept under ``settings.data_dir / 'raw'``, in a folder named ``kwb<year>-<table>...``.

    The file is the table as CBS's API gives it (``<table>.csv``, ``...TypedDataSet...``) or CBS's own
    download ``kwb-<year>.xlsx``/``.csv`` (short column names).
    """
    folders = sorted((Path(settings.data_dir) / "raw").glob(f"kwb{year}-{table}*"))
    for folder in folders:
        for candidate in sorted(folder.rglob("*")):
            stem = candidate.name.split(".")[0]
            from_api = (table in candidate.name and "TypedDataSet" in candidate.name) or stem == table
            if candidate.suffix.lower() in {".csv", ".xlsx", ".parquet"} and (from_api or stem.lower() == f"kwb-{year}"):
                return candidate
    return None


def _manual_download(year: int, table: str) -> str:
    target = Path(settings.data_dir) / "raw" / f"kwb{year}-{table}" / f"{table}.csv"
    return (
        f"Download KWB {year} yourself: open https://opendata.cbs.nl/statline/#/CBS/nl/dataset/{table}/table, "
        f"choose 'Downloaden' -> 'CSV' (with column keys or titles), and save it as {target} "
        f"(CBS's kwb-{year}.xlsx with short column names, saved in that folder, works too for the years in "
        f"pipelines/seeds/kwb_short_names.csv); kerncijfers({year}) reads it from there (or pass source=<that path>)."
    )


def _load_year(
    con: duckdb.DuckDBPyConnection,
    year: int,
    table: str,
    gemeente: str | None,
    source: str | Path,
    refresh: bool,
    transport: _http.Transport | None,
) -> str:
    """Stage one KWB year from ``source``; return how it was read."""
    if source in ("odata3", "auto"):
        local = _local_file(year, table) if source == "auto" and not refresh else None
        if local is not None:
            return _load_file(con, local, year, table)
        try:
            properties = data_properties(table, refresh=refresh, transport=transport)
            data = typed_data_set(table, gemeente=gemeente, properties=properties, refresh=refresh, transport=transport)
            regions = wijken_en_buurten(table, gemeente=gemeente, refresh=refresh, transport=transport)
        except DataNotAvailableError as error:
            if source == "odata3":
                raise
            msg = f"KWB {year} ({table}) is not under {Path(settings.data_dir) / 'raw'}, not in the cache and CBS cannot be reached. {_manual_download(year, table)} ({error})"
            raise DataNotAvailableError(msg) from error
        stage_frames(con, year, table, data=data, properties=properties, regions=regions)
        return f"KWB {year}: table {table}, OData v3 feed {ODATA_FEED}/{table} (or its cache)"
    if source == "odata4":
        properties = measure_codes(table, refresh=refresh, transport=transport)
        regions = region_codes(table, gemeente=gemeente, refresh=refresh, transport=transport)
        cells = observations(table, gemeente=gemeente, refresh=refresh, transport=transport)
        stage_frames(con, year, table, observations=cells, properties=properties, regions=regions)
        return f"KWB {year}: table {table}, OData v4 {ODATA4}/{table} (or its cache)"
    return _load_file(con, Path(source), year, table)


def _load_file(con: duckdb.DuckDBPyConnection, path: Path, year: int, table: str) -> str:
    if not path.exists():
        msg = f"{path} does not exist; source must be one of {', '.join(SOURCES)} or the path of a KWB file. {_manual_download(year, table)}"
        raise DataNotAvailableError(msg)
    named = _TABLE_ID.search(path.name)
    if named is not None and named.group(0).upper() != table:
        other = next((f" (KWB {y})" for y, t in KWB_TABLES.items() if t == named.group(0).upper()), "")
        msg = f"{path} is named after table {named.group(0).upper()}{other}, but KWB {year} is table {table}; ask for the year of the file, or rename the file if its name is wrong."
        raise DataNotAvailableError(msg)
    file_year, file_table, data, properties, regions, read_as = _kwb_file(path, table, year)
    stage_frames(con, file_year, file_table, data=data, properties=properties, regions=regions)
    return read_as


class IndicatorChangedWarning(UserWarning):
    """A concept's CBS title differs between the requested years: check the figures are comparable."""


class UncataloguedYearWarning(UserWarning):
    """A requested year has no CBS keys in the indicator catalogue, so it gives no rows."""


def kerncijfers(
    year: int | Iterable[int],
    *,
    gemeente: str | None = None,
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
        Keep Nederland (as baseline) and this gemeente's own row, wijken and buurten.
        ``'GM0164'``, ``'0164'`` and CBS's padded ``'GM0164    '`` all work.
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
        :func:`~buurtdata.sources.geometry.gemeenten` (``source="auto"``). A path or a source name
        (``"pdok"``, ``"cbs"``, ...) is passed to them as their ``source``. Nederland has no polygon;
        other regions without one keep an empty geometry and are named in a
        :class:`MissingGeometryWarning`.

    Returns
    -------
    pandas.DataFrame or geopandas.GeoDataFrame
        Columns :data:`KERNCIJFERS_COLUMNS` (plus ``geometry`` when asked). ``attrs["indicators"]`` holds the indicator metadata
        (records: key, year, cbs_key, title, unit, kind, decimals, description, numerator,
        denominator; get them as a frame with :func:`indicator_metadata`) and ``attrs["read_as"]``
        says where each year came from. :func:`wide` turns the frame into one row per region.

    Warns
    -----
    IndicatorChangedWarning
        When a concept's CBS title differs between the requested years.
    UncataloguedYearWarning
        When a year has no CBS keys in ``pipelines/seeds/indicator_catalogue.csv`` (2017 via
        OData v4, 2020 and 2024 have them; 2018 and 2019 only inwoners, inwoners_65_plus and
        gemiddelde_huishoudensgrootte); :func:`read_kerncijfers` still gives its CBS keys.

    Examples
    --------
    >>> from buurtdata import datasets
    >>> frame = kerncijfers(2024, gemeente="GM0164", level="gemeente",
    ...     source=datasets.get_path("hengelo/kwb2024_85984NED.parquet"))
    >>> frame.query("indicator in ['inwoners', 'aandeel_65_plus']")[["name", "indicator", "value"]].round(1).to_numpy().tolist()
    [['Hengelo (O.)', 'aandeel_65_plus', 20.9], ['Hengelo (O.)', 'inwoners', 83058.0]]
    """
    years = [int(year)] if isinstance(year, int) else [int(y) for y in year]
    if not years:
        raise DataNotAvailableError("kerncijfers() needs at least one year, e.g. kerncijfers(2024).")
    from_file = not (isinstance(source, str) and source in SOURCES)
    if (table is not None or from_file) and len(years) > 1:
        msg = f"table= and a file as source describe one year, but {len(years)} years were asked ({years}); call kerncijfers once per file."
        raise DataNotAvailableError(msg)
    if from_file and not Path(source).suffix:
        msg = f"source={source!r} is neither one of {', '.join(SOURCES)} nor the path of a KWB file (.csv, .xlsx, .parquet)."
        raise DataNotAvailableError(msg)
    gemeente = codes.normalize(gemeente, level="gemeente") if gemeente is not None else None
    levels = _levels(level)
    wanted = _indicator_keys(indicators)

    con = duckdb.connect()
    create_staging_tables(con)
    read_as = [
        _load_year(con, y, _check_table(table) if table else table_for(y), gemeente, source, refresh, transport) for y in years
    ]
    if gemeente is not None:
        _require_gemeente(con, gemeente, years, "; ".join(read_as))
    for mart in ("regions", "indicators", "observations"):
        _sql.run(con, f"marts/{mart}.sql")
    long = _long(con, "observations", "indicator", gemeente, levels)
    if wanted is not None:
        long = long[long["indicator"].isin(wanted)].reset_index(drop=True)
    metadata = con.sql(
        """
        select
            indicators.key, indicators.jaar::bigint as year, indicators.cbs_key, indicators.title, indicators.unit,
            indicators.kind, indicators.decimals, cbs.description, indicators.numerator, indicators.denominator
        from indicators
        left join stg_kwb_indicators as cbs on cbs.jaar = indicators.jaar and cbs.cbs_key = indicators.cbs_key
        order by key, year
        """
    ).df()
    if wanted is not None:
        metadata = metadata[metadata["key"].isin(wanted)].reset_index(drop=True)
    _warn_on_changed_titles(metadata)
    uncatalogued = sorted(set(years) - set(metadata["year"]))
    if uncatalogued:
        listed = set(catalogue()["year"].dropna())
        other_keys = [y for y in uncatalogued if y in listed]
        hint = f" The catalogue keys of {other_keys} are of the other OData version (2017: v4 measure codes); try the other source." if other_keys else ""
        msg = f"The indicator catalogue has no CBS keys for KWB {uncatalogued} from this source; add rows to pipelines/seeds/indicator_catalogue.csv, or use read_kerncijfers for the CBS keys.{hint}"
        warnings.warn(msg, UncataloguedYearWarning, stacklevel=2)
    if geometry is not False:
        long = _with_geometry(long, gemeente, "auto" if geometry is True else geometry, refresh)
    long.attrs["indicators"] = json.loads(metadata.to_json(orient="records"))
    long.attrs["read_as"] = read_as
    return long


class MissingGeometryWarning(UserWarning):
    """Regions with figures but no polygon in the boundaries of their year."""


def _with_geometry(long: pd.DataFrame, gemeente: str | None, source: str | Path, refresh: bool) -> pd.DataFrame:
    from buurtdata.sources import geometry as boundaries

    readers = {"buurt": boundaries.buurten, "wijk": boundaries.wijken, "gemeente": boundaries.gemeenten}
    polygons = [
        readers[level](int(year), gemeente=gemeente, source=source, refresh=refresh)[["code", "geometry"]].assign(year=year)
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
        shown = ", ".join(f"{c} ({y})" for y, c in lacking.head(10).itertuples(index=False))
        more = f" and {len(lacking) - 10} more" if len(lacking) > 10 else ""
        msg = (
            f"{len(lacking)} regions have figures but no polygon in the boundaries of their year: {shown}{more}. "
            "They are kept with an empty geometry; pass geometry=<file> with that year's wijk- en buurtkaart to fill them."
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


def catalogue() -> pd.DataFrame:
    """Return the indicator catalogue: one stable key per concept, its kind, and each year's CBS key.

    Shares (kind ``aandeel``) have no CBS key: they are computed from ``numerator`` and ``denominator``.

    >>> catalogue().query("key == 'woningvoorraad'")[["year", "cbs_key"]].to_numpy().tolist()
    [[2017, 'M000297'], [2020, 'Woningvoorraad_34'], [2024, 'Woningvoorraad_35']]
    """
    seeds = _sql.pipelines_dir() / "seeds"
    definitions = pd.read_csv(seeds / "indicators.csv", dtype={"key": "str"})
    years = pd.read_csv(seeds / "indicator_catalogue.csv", dtype={"key": "str", "cbs_key": "str"}).rename(columns={"jaar": "year"})
    merged = definitions.merge(years, on="key", how="left").astype({"year": "Int64"})
    return merged.sort_values(["key", "year"]).reset_index(drop=True)


def _indicator_keys(indicators: Iterable[str] | None) -> list[str] | None:
    if indicators is None:
        return None
    wanted = [indicators] if isinstance(indicators, str) else list(indicators)
    known = set(catalogue()["key"])
    unknown = [key for key in wanted if key not in known]
    if unknown:
        msg = f"indicators {unknown} are not in the catalogue; known keys: {', '.join(sorted(known))}. Add a concept to pipelines/seeds/indicators.csv and indicator_catalogue.csv."
        raise DataNotAvailableError(msg)
    return wanted


def _warn_on_changed_titles(metadata: pd.DataFrame) -> None:
    measured = metadata.dropna(subset=["cbs_key"])
    # A file read without DataProperties has no titles (the key stands in): unknown is not changed.
    measured = measured[measured["title"].str.strip() != measured["cbs_key"]]
    for key, rows in measured.groupby("key"):
        titles = dict(zip(rows["year"], rows["title"].str.strip(), strict=True))
        if len(set(titles.values())) > 1:
            listed = "; ".join(f"{year}: {title!r}" for year, title in sorted(titles.items()))
            msg = f"Indicator {key!r} has a different CBS title between years ({listed}); CBS may have changed its definition, check before comparing."
            warnings.warn(msg, IndicatorChangedWarning, stacklevel=3)


def indicator_metadata(frame: pd.DataFrame) -> pd.DataFrame:
    """Return the indicator metadata of a :func:`kerncijfers` frame: CBS title, unit, decimals, description per key and year."""
    if "indicators" not in frame.attrs:
        raise DataNotAvailableError("This frame carries no indicator metadata; it did not come from kerncijfers().")
    return pd.DataFrame.from_records(frame.attrs["indicators"])


def wide(frame: pd.DataFrame, *, status: bool = False) -> pd.DataFrame:
    """Return a long KWB frame with one row per year and region and one column per indicator.

    Parameters
    ----------
    frame
        A frame from :func:`kerncijfers` or :func:`read_kerncijfers`.
    status
        Add a ``<indicator>_status`` column beside each indicator.

    Examples
    --------
    >>> from buurtdata import datasets
    >>> long = kerncijfers(2024, gemeente="GM0164", indicators=["inwoners", "huishoudens"],
    ...     source=datasets.get_path("hengelo/kwb2024_85984NED.parquet"))
    >>> wide(long).query("code == 'GM0164'")[["name", "inwoners", "huishoudens"]].to_numpy().tolist()
    [['Hengelo (O.)', 83058.0, 39858.0]]
    """
    regions = frame[["year", "code", "level", "name", "gemeente_code", "wijk_code"]].drop_duplicates(["year", "code"])
    values = frame.pivot(index=["year", "code"], columns="indicator", values="value")
    if status:
        statuses = frame.pivot(index=["year", "code"], columns="indicator", values="status").add_suffix("_status")
        values = values.join(statuses)[[c for key in values.columns for c in (key, f"{key}_status")]]
    values.columns.name = None
    return regions.merge(values.reset_index(), on=["year", "code"]).reset_index(drop=True)
