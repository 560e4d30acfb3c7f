"""CBS *Kerncijfers wijken en buurten* (KWB): table ids and staging into DuckDB.

Each KWB year is its own CBS table. buurtdata keeps CBS's OData v3 shape
(TypedDataSet, DataProperties, WijkenEnBuurten) from file or download to
DuckDB, where ``pipelines/staging/stg_kwb_*.sql`` turn it into long,
typed rows with a status for every missing figure.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import duckdb
import pandas as pd

from buurtdata import _http, _sql, codes, datasets
from buurtdata._errors import CodeError, DataNotAvailableError, InputFileError, ValidationError, where
from buurtdata.project import KwbFiles

#: CBS table id of the KWB of each year (verified against CBS metadata in the shipped data).
KWB_2017 = "83765NED"
KWB_2020 = "84799NED"
KWB_2024 = "85984NED"
KWB_TABLES: dict[int, str] = {2017: KWB_2017, 2020: KWB_2020, 2024: KWB_2024}

#: Attribution to show wherever CBS figures are shown.
ATTRIBUTION = "Bron: CBS"


def create_staging_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Create the empty staging tables and load the seeds (indicator catalogue, status codes)."""
    _sql.run(con, "staging/_tables.sql")
    seeds = _sql.pipelines_dir() / "seeds"
    for table, name in [
        ("indicator_definitions", "indicators.csv"),
        ("indicator_catalogue", "indicator_catalogue.csv"),
        ("status_codes", "status_codes.csv"),
    ]:
        con.execute(f"create or replace table {table} as select * from read_csv({_sql.quote(seeds / name)}, header = true)")


def stage_kwb(con: duckdb.DuckDBPyConnection, files: KwbFiles) -> None:
    """Stage one KWB year from its three Parquet files into the staging tables."""
    con.execute(f"create or replace temp view raw_kwb_data as select * from read_parquet({_sql.quote(files.data)})")
    con.execute(f"create or replace temp view raw_kwb_properties as select * from read_parquet({_sql.quote(files.properties)})")
    con.execute(f"create or replace temp view raw_kwb_regions as select * from read_parquet({_sql.quote(files.regions)})")
    con.execute(f"set variable jaar = {int(files.year)}")
    con.execute("set variable tabel = ?", [files.table])
    for name in ("stg_kwb_observations", "stg_kwb_regions", "stg_kwb_indicators"):
        _sql.run(con, f"staging/{name}.sql")
    for view in ("raw_kwb_data", "raw_kwb_properties", "raw_kwb_regions"):
        con.execute(f"drop view {view}")


#: CBS's bulk OData v3 feed; unlike ``ODataApi`` (which stops at 10,000 cells) it pages through the whole table.
ODATA_FEED = "https://opendata.cbs.nl/ODataFeed/odata"
#: OData v3 resources of a KWB table that buurtdata stages.
TYPED_DATA_SET = "TypedDataSet"
DATA_PROPERTIES = "DataProperties"
WIJKEN_EN_BUURTEN = "WijkenEnBuurten"

_PANDAS_TYPES = {"Long": "Int64", "Integer": "Int64", "Double": "Float64", "Float": "Float64"}
_PARQUET = {"index": False, "compression": "zstd"}


def _check_table(table: str) -> str:
    if table not in KWB_TABLES.values():
        known = ", ".join(f"{year}: {tid}" for year, tid in sorted(KWB_TABLES.items()))
        msg = (
            f"{table!r} is not a KWB table id buurtdata knows; known ids are {known}. "
            f"Look the id up on https://opendata.cbs.nl (search 'Kerncijfers wijken en buurten') and pass it as e.g. '85984NED'."
        )
        raise DataNotAvailableError(msg)
    return table


def _table_page(table: str) -> str:
    return (
        f"or download the table as CSV from https://opendata.cbs.nl/statline/#/CBS/nl/dataset/{table}/table "
        f"and read it with buurtdata.cbs.read_kerncijfers(path)"
    )


def _gemeente_filter(gemeente: str, column: str) -> str:
    # substringof on the digits also matches other gemeenten's buurten (BU03630164); _in_gemeente drops those.
    return f"substringof('{gemeente[2:]}',{column}) or substringof('NL00',{column})"


def _in_gemeente(codes: pd.Series, gemeente: str | None) -> pd.Series:
    stripped = codes.str.strip()
    if gemeente is None:
        return pd.Series(True, index=codes.index)
    return (stripped == "NL00") | ((stripped.str[2:6] == gemeente[2:]) & stripped.str[:2].isin(["GM", "WK", "BU"]))


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
        CBS table id, one of :data:`KWB_TABLES`.
    resource
        ``TypedDataSet``, ``DataProperties`` or ``WijkenEnBuurten``.
    filter
        An OData ``$filter`` expression, e.g. ``substringof('0164',WijkenEnBuurten)``.
    refresh, transport
        Passed to :func:`buurtdata._http.get_json`.
    """
    url: str | None = f"{ODATA_FEED}/{_check_table(table)}/{resource}"
    params: dict[str, str] | None = {"$format": "json"}
    if filter:
        params["$filter"] = filter
    rows: list[dict] = []
    while url:
        page = _http.get_json(url, params, refresh=refresh, transport=transport, manual=_table_page(table))
        rows.extend(page["value"])
        url, params = page.get("odata.nextLink"), None
    return rows


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
    if year not in KWB_TABLES:
        msg = f"No KWB table id is known for {year}; known years are {sorted(KWB_TABLES)}. Pass the files of that year to read_kerncijfers instead."
        raise DataNotAvailableError(msg)
    table = KWB_TABLES[year]
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


#: Columns of :func:`read_kerncijfers`'s long frame.
KERNCIJFERS_COLUMNS = ["year", "code", "level", "name", "gemeente_code", "wijk_code", "indicator", "value", "status"]

#: Columns of a KWB TypedDataSet that describe the region rather than hold a figure.
_REGION_COLUMN = re.compile(r"^(ID|WijkenEnBuurten|Gemeentenaam_\d+|SoortRegio_\d+|Codering_\d+|Indelingswijziging\w*_\d+|MeestVoorkomendePostcode_\d+)$")
_CBS_KEY = re.compile(r"^(ID|WijkenEnBuurten|\w+_\d+)$")
_TABLE_ID = re.compile(r"\d{5}NED", re.IGNORECASE)
_EMPTY = {"", "."}


def _status_codes() -> dict[float, str]:
    seeds = pd.read_csv(_sql.pipelines_dir() / "seeds" / "status_codes.csv")
    return dict(zip(seeds["value"].astype(float), seeds["status"], strict=True))


def _shipped_properties(year: int, table: str) -> pd.DataFrame | None:
    path = datasets.get_path("hengelo").parent / f"kwb{year}_{table}_properties.parquet"
    return pd.read_parquet(path) if path.exists() else None


def _read_table(path: Path) -> tuple[list[str], list[list[str]], str, int]:
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
    try:
        text, encoding = content.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        # Excel on Windows saves CSV as cp1252; every byte decodes there, so read it as that.
        text, encoding = content.decode("cp1252"), "cp1252 (Windows); not valid UTF-8"
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
    return header, [row for row in body if row], f"CSV, {encoding}, separator {separator!r}", 2


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


def read_kerncijfers(path: str | Path, *, table: str | None = None, gemeente: str | None = None) -> pd.DataFrame:
    """Return a KWB file as a tidy long frame with a status for every figure.

    Reads CSV (``;`` or ``,``, UTF-8 with or without BOM or cp1252, decimal comma or point),
    Excel (.xlsx) and Parquet, with CBS column keys (``AantalInwoners_5``) or their titles.

    Parameters
    ----------
    path
        The file. Its name must contain the CBS table id (``85984NED``) unless ``table`` is given.
    table
        CBS table id, one of :data:`KWB_TABLES`.
    gemeente
        Keep Nederland and this gemeente's own rows, wijken and buurten only.

    Returns
    -------
    pandas.DataFrame
        Columns ``year, code, level, name, gemeente_code, wijk_code, indicator, value, status``;
        ``indicator`` is the CBS key, ``status`` ``waarde``, ``geheim`` (empty here, filled for other
        regions), ``ontbreekt`` (empty everywhere, or a CBS sentinel) or ``niet_van_toepassing``.
        ``attrs["read_as"]`` says how the file was read.

    Examples
    --------
    >>> from buurtdata import datasets
    >>> frame = read_kerncijfers(datasets.get_path("hengelo/kwb2020_84799NED.parquet"))
    >>> frame.query("code == 'GM0164' and indicator == 'AantalInwoners_5'")[["name", "value", "status"]].to_numpy().tolist()
    [['Hengelo', 81140.0, 'waarde']]
    """
    path = Path(path)
    if table is None:
        found = _TABLE_ID.search(path.name)
        if found is None:
            msg = f"{path}: the file name holds no CBS table id (like 85984NED); pass it, e.g. read_kerncijfers(path, table='85984NED')."
            raise InputFileError(msg)
        table = found.group(0).upper()
    _check_table(table)
    year = next(y for y, t in KWB_TABLES.items() if t == table)
    properties = _shipped_properties(year, table)
    header, rows, read_as, first_line = _read_table(path)
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
    duplicated = pd.Series(region_codes).duplicated(keep=False) & pd.Series(region_codes).notna()
    for code, group in pd.Series(range(len(raw)))[duplicated].groupby(pd.Series(region_codes)[duplicated]):
        lines = ", ".join(str(n + first_line) for n in group)
        problems.append(f"{where(path)}: region {code} occurs on rows {lines}; keep one row per region (was the file appended to twice?).")

    if properties is not None:
        numeric = set(properties.loc[properties["Datatype"].isin(list(_PANDAS_TYPES)), "Key"])
        topics = [k for k in keys if k in numeric]
    else:
        topics = [k for k in keys if not _REGION_COLUMN.match(k)]
    sentinels = _status_codes()
    values, statuses = {}, {}
    for key in topics:
        text = raw[key].str.strip()
        empty = text.isin(_EMPTY)
        comma = text.str.contains(",", regex=False) & ~text.str.contains(".", regex=False)
        number = pd.to_numeric(text.where(~comma, text.str.replace(",", ".", regex=False)).where(~empty), errors="coerce")
        for row in raw.index[~empty & number.isna()]:
            problems.append(f"{where(path, row + first_line, key)}: {raw.at[row, key]!r} is not a number; fix or empty the cell.")
        sentinel = number.map(sentinels)
        status = pd.Series("waarde", index=raw.index, dtype="str")
        status[empty] = "geheim" if number.notna().any() else "ontbreekt"
        status[sentinel.notna()] = sentinel[sentinel.notna()]
        values[key], statuses[key] = number.where(sentinel.isna()).astype("float64"), status
    if problems:
        raise ValidationError(problems, source=path)

    regions = pd.DataFrame({"code": region_codes})
    regions["level"] = regions["code"].map(codes.level_of)
    regions["name"] = _region_names(path, raw, keys, regions["code"])
    regions["gemeente_code"] = regions["code"].where(regions["level"] != "land").str[2:6].radd("GM")
    regions["wijk_code"] = regions["code"].where(regions["level"] == "buurt").str[2:8].radd("WK")
    if gemeente is not None:
        gemeente = codes.normalize(gemeente, level="gemeente")
        present = sorted(regions.loc[regions["level"] == "gemeente", "code"])
        if gemeente not in present:
            msg = f"{path}: gemeente {gemeente} is not in this file; it holds {', '.join(present) or 'no gemeenten'}. Pass one of those, or use a file of the whole country."
            raise DataNotAvailableError(msg)
        keep = (regions["gemeente_code"] == gemeente) | (regions["level"] == "land")
    else:
        keep = pd.Series(True, index=regions.index)
    long = pd.concat(
        [regions.assign(indicator=key, value=values[key], status=statuses[key])[keep] for key in topics], ignore_index=True
    )
    long.insert(0, "year", year)
    long = long[KERNCIJFERS_COLUMNS].astype({"year": "int64", "value": "float64"})
    long.attrs["read_as"] = f"{path}: table {table} ({year}), read as {read_as}"
    return long


def _region_names(path: Path, raw: pd.DataFrame, keys: list[str], region_codes: pd.Series) -> pd.Series:
    """Return region names: titles in WijkenEnBuurten (as some exports have), else the WijkenEnBuurten file beside it."""
    if "WijkenEnBuurten" in raw and not raw["WijkenEnBuurten"].map(codes.is_valid).any():
        return raw["WijkenEnBuurten"].str.strip().to_numpy()
    # Beside the file as buurtdata's sample names it, or as statline-bq does (cbs.v3.<table>_WijkenEnBuurten.parquet).
    candidates = [path.with_name(f"{path.stem}_regions.parquet"), path.with_name(path.name.replace("TypedDataSet", "WijkenEnBuurten"))]
    beside = next((p for p in candidates if p != path and p.exists()), None)
    if beside is not None:
        titles = pd.read_parquet(beside)
        names = dict(zip(titles["Key"].str.strip(), titles["Title"].str.strip(), strict=True))
        return region_codes.map(names).to_numpy()
    return pd.Series(pd.NA, index=region_codes.index, dtype="str").to_numpy()
