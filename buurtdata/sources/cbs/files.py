"""KWB files as CBS publishes them or users keep them: CSV, Excel and Parquet -> OData v3-shaped frames.

A file is checked here (region codes, duplicate regions, cells that are not numbers) and returned
as the three frames the staging SQL reads (data, DataProperties, WijkenEnBuurten); what an empty
cell, ``.`` or a CBS sentinel means is decided there, not here.
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pandas as pd

from buurtdata import _sql, codes, settings
from buurtdata._errors import DataNotAvailableError, InputFileError, ValidationError, where
from buurtdata.sources.cbs import numbers, reader
from buurtdata.sources.cbs.indicators import short_name_years, short_names, table_properties
from buurtdata.sources.cbs.tables import KWB_FILE_YEAR, KWB_TABLES, TABLE_ID, check_table, declared_mismatch, year_of

#: Columns of a KWB TypedDataSet that describe the region rather than hold a figure.
_REGION_COLUMN = re.compile(
    r"^(ID|WijkenEnBuurten|Gemeentenaam_\d+|SoortRegio_\d+|Codering_\d+|Indelingswijziging\w*_\d+|MeestVoorkomendePostcode_\d+)$"
)
_CBS_KEY = re.compile(r"^(ID|WijkenEnBuurten|\w+_\d+)$")
_NUMERIC = ("Long", "Integer", "Double", "Float", "Decimal")
#: The column of :func:`read_kwb_file`'s data that says where a user finds the region: its line in a CSV or Excel
#: file (header = line 1), its row in Parquet (1 = first region).
SOURCE_ROW = "source_row"


def _beside(path: Path, names: tuple[str, ...]) -> Path | None:
    return next((p for p in (path.with_name(n) for n in names) if p != path and p.exists()), None)


def _properties_file(path: Path, table: str) -> Path | None:
    """DataProperties saved beside a KWB file, as statline-bq or download_kwb name them."""
    return _beside(path, (f"cbs.v3.{table}_DataProperties.parquet", f"{path.stem}_properties.parquet"))


def _regions_file(path: Path, table: str) -> Path | None:
    """Region names saved beside a KWB file, as buurtdata's sample or statline-bq name them."""
    return _beside(path, (f"{path.stem}_regions.parquet", f"cbs.v3.{table}_WijkenEnBuurten.parquet"))


def files_beside(path: Path, table: str) -> list[Path]:
    """Return the files beside the KWB file ``path`` that reading it uses (its DataProperties, its region names).

    A project names only the data file; whoever copies the project (``buurtdata overdracht``) must copy these
    with it, under the same names, or a rebuild reads other column titles or no region names.
    """
    return [p for p in (_properties_file(path, table), _regions_file(path, table)) if p is not None]


def _properties_beside(path: Path, table: str) -> pd.DataFrame | None:
    """Return DataProperties saved beside a KWB file, else ``None``."""
    beside = _properties_file(path, table)
    return pd.read_parquet(beside) if beside is not None else None


def _keys_for(header: list[str], properties: pd.DataFrame | None, path: Path, table: str) -> list[str]:
    """Return the CBS key of every column; titles are matched to keys in DataProperties order."""
    if all(_CBS_KEY.match(column) for column in header):
        return header
    metadata = _metadata_of(header)
    if metadata:
        # User test L: DataProperties.parquet was told "field 'odata_type': no CBS topic has this title or key".
        msg = (
            f"{path} is {metadata}, not its figures (columns {', '.join(header[:4])}, ...); read the table's "
            "figures: the TypedDataSet file beside it (statline-bq: cbs.v3.<table>_TypedDataSet.parquet), or the "
            "table downloaded from StatLine as CSV."
        )
        raise InputFileError(msg)
    if properties is None:
        msg = (
            f"{path}: the columns are titles, not CBS keys (e.g. "
            f"{header[0]!r}), and buurtdata has no DataProperties for this "
            "table to translate them (none beside the file, and table "
            f"{table} is not in pipelines/seeds/kwb_properties.csv). "
            "Export the table with its column keys (e.g. 'AantalInwoners_5')."
        )
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
            msg = (
                f"{where(path, field=column)}: no CBS topic has this title or key. Use the "
                "titles or keys (e.g. 'AantalInwoners_5') of the table as CBS publishes it."
            )
            raise InputFileError(msg)
        unused.remove(match)
        keys.append(match[1])
    return keys


def _metadata_of(header: list[str]) -> str:
    """Which of CBS's metadata tables a file with ``header`` is (``""``: none), as a message names it."""
    columns = set(header)
    if {"Key", "Title", "Datatype"} <= columns or {"Key", "Title", "odata_type"} <= columns:
        return "CBS's DataProperties of a table (what each column means)"
    if {"Key", "Title"} <= columns:
        return "CBS's list of the table's regions (WijkenEnBuurten: code and name)"
    if {"Identifier", "Title"} <= columns:
        return "CBS's OData v4 codes of a table (MeasureCodes or WijkenEnBuurtenCodes; its figures are Observations)"
    if {"Id", "Title"} <= columns:
        return "CBS's OData v4 groups of a table (MeasureGroups or WijkenEnBuurtenGroups)"
    return ""


#: Region columns of CBS's ``kwb-YYYY.xlsx``/``.csv`` downloads (short column names) and the CBS key each stands for.
SHORT_REGION_COLUMNS = {
    "gwb_code_10": "Codering_3",
    "regio": "WijkenEnBuurten",
    "gm_naam": "Gemeentenaam_1",
    "recs": "SoortRegio_2",
    # CBS's flag of a changed indeling (1 unchanged, 2 code changed, 3 code or outline changed), IND_WBI in the
    # wijk- en buurtkaart; staged into stg_kwb_regions.indeling_change whatever the year's key is called.
    "ind_wbi": "IndelingswijzigingGemeenteWijkBuurt_4",
}


def _year_and_table(path: Path, table: str | None, year: int | None) -> tuple[int, str]:
    named_year = KWB_FILE_YEAR.search(path.name)
    if (
        table is None
        and not TABLE_ID.search(path.name)
        and named_year is not None
        and int(named_year.group(1)) in KWB_TABLES
    ):
        # CBS names its downloads kwb-2024.xlsx; the year then tells the table.
        year = int(named_year.group(1)) if year is None else year
        table = KWB_TABLES[int(named_year.group(1))]
    if table is None:
        found = TABLE_ID.search(path.name)
        if found is None:
            msg = (
                f"{path}: the file name holds no CBS table id (like 85984NED); "
                "pass it, e.g. read_kerncijfers(path, table='85984NED')."
            )
            raise InputFileError(msg)
        table = found.group(0)
    table = check_table(table)
    if year is None:
        year = year_of(table)
        if year is None:
            known = ", ".join(f"{y}: {t}" for y, t in sorted(KWB_TABLES.items()))
            msg = (
                f"{path}: {table!r} is not a KWB table id buurtdata knows ({known}); "
                "pass the year to read it anyway, e.g. read_kerncijfers(path, year=2026)."
            )
            raise DataNotAvailableError(msg)
    mismatch = declared_mismatch(path.name, int(year), table)
    if mismatch is not None:
        raise InputFileError(f"{path} is read as KWB {year} (table {table}), but {mismatch}.")
    return int(year), table


def _from_short_names(header: list[str], year: int, path: Path) -> tuple[list[str], list[int], list[str]]:
    """Translate a short-named KWB download to CBS keys; return keys, the columns they are in, the short columns
    not read.
    """
    translate = SHORT_REGION_COLUMNS | short_names(year)
    kept = [i for i, column in enumerate(header) if column in translate]
    skipped = [column for column in header if column not in translate]
    if all(header[i] in SHORT_REGION_COLUMNS for i in kept):
        # Sweep 12: the fix asked a social professional to edit a seed inside the installed package.
        table = KWB_TABLES.get(year, "of that year")
        msg = (
            f"{path}: CBS's short column names (its kwb-YYYY download: 'a_inw', ...) are known to buurtdata for "
            f"{', '.join(map(str, short_name_years()))} only (pipelines/seeds/kwb_short_names.csv), and this file is "
            f"read as KWB {year}. Download table {table} from StatLine instead, whose columns are CBS's own keys: "
            f"https://opendata.cbs.nl/statline/#/CBS/nl/dataset/{table}/table, 'Downloaden' -> 'CSV'."
        )
        raise InputFileError(msg)
    return [translate[header[i]] for i in kept], kept, skipped


def read_kwb_file(
    path: Path,
    table: str | None,
    year: int | None,
    encoding: str | None = None,
    *,
    con: duckdb.DuckDBPyConnection | None = None,
) -> tuple[int, str, duckdb.DuckDBPyRelation, pd.DataFrame, pd.DataFrame, str]:
    """Read and check a KWB file; return year, table, and the v3-shaped data, properties and regions.

    The data stays in DuckDB (``con``, else a new connection): a relation with one text column per CBS key,
    ``WijkenEnBuurten`` the checked region code, :data:`SOURCE_ROW` the line (Parquet: row) each region is on,
    the rows in the file's order.
    """
    if con is None:
        con = duckdb.connect()
        _sql.quiet(con)
    reader.check_suffix(path)
    year, table = _year_and_table(path, table, year)
    # CBS's metadata of the table types and titles its columns: saved beside the file, else shipped as a seed.
    properties = _properties_beside(path, table)
    if properties is None:
        properties = table_properties(table)
    header, read_as, first_line = reader.load_text(con, path, encoding)
    named = [column for column in header if column]
    if len(named) <= 1 < len(header) or not named:
        # User test L: a sheet with a title row above the column names was told its title is no CBS topic.
        shown = f"only {named[0]!r}" if named else "nothing"
        msg = (
            f"{path}: its first row holds {shown}, not the table's column names; delete the title or empty rows "
            "above the column names (StatLine's Excel download puts a title there), so that the names are on row 1."
        )
        raise InputFileError(msg)
    if not con.sql("select 1 from kwb_text limit 1").fetchall():
        # A header alone read as a table of no regions, and a gemeente asked of it as "not in KWB <year>".
        msg = (
            f"{path} holds the column names but no rows of regions (saved or cut off before the first region); "
            "download or export the KWB table again."
        )
        raise InputFileError(msg)
    if "gwb_code_10" in header:
        keys, kept, skipped = _from_short_names(header, year, path)
        read_as += (
            "; CBS short column names translated to CBS keys, not read (not in "
            f"pipelines/seeds/kwb_short_names.csv): {', '.join(skipped) or 'none'}"
        )
    else:
        keys, kept = _keys_for(header, properties, path, table), list(range(len(header)))
        _check_columns_of(path, keys, properties, year, table)
    column = dict(zip(keys, (f"c{i}" for i in kept), strict=True))

    code_column = next((k for k in keys if k.startswith("Codering_")), "WijkenEnBuurten")
    if code_column not in column:
        raise InputFileError(
            f"{path}: no region code column (Codering_3 or WijkenEnBuurten); export the table with its region codes."
        )
    problems = numbers.region_codes(con, path, column[code_column], code_column, first_line)

    if properties is None:
        # No metadata of this table: every column that is not a region column is read as a number, titled by its key.
        topics = [k for k in keys if not _REGION_COLUMN.match(k)]
        properties = pd.DataFrame(
            {
                "Key": topics,
                "Type": "Topic",
                "Datatype": "Double",
                "Title": topics,
                "Unit": None,
                "Decimals": None,
                "Description": None,
            }
        )
    numeric = properties[properties["Type"].eq("Topic") & properties["Datatype"].isin(_NUMERIC)]
    whole = numbers.whole_numbers(numeric)
    checked = {k: column[k] for k in keys if k in whole}
    cleaned, grouped, found = numbers.check(con, path, checked, whole, read_as.startswith("CSV"), first_line)
    problems.extend(found)
    if problems:
        raise ValidationError(problems, source=path)

    for separator, grouped_keys in grouped.items():
        read_as += f"; {separator!r} read as thousands separator in {', '.join(grouped_keys)}"
    gemeente_name = next((c for k, c in column.items() if k.startswith("Gemeentenaam_")), None)
    regions = _region_names(con, path, column.get("WijkenEnBuurten"), table, gemeente_name)
    selected = ", ".join(
        f"{cleaned.get(k, f'text.{c}')} as {_sql.identifier(k)}" for k, c in column.items() if k != "WijkenEnBuurten"
    )
    # Both are in the file's order; a rule names a bad cell by the line (or, in Parquet, the row) it is on.
    data = con.sql(
        f"select kwb_codes._row - 1 + {int(first_line)} as {SOURCE_ROW}, kwb_codes.code as WijkenEnBuurten, "
        f"{selected} from kwb_text as text positional join kwb_codes"
    )
    return year, table, data, properties, regions, f"{path}: table {table} ({year}), read as {read_as}"


def _check_columns_of(path: Path, keys: list[str], properties: pd.DataFrame | None, year: int, table: str) -> None:
    """Refuse a file whose CBS keys are those of another KWB year's table (keys carry a per-table number)."""
    if properties is None:
        return
    figures = [k for k in keys if not _REGION_COLUMN.match(k)]
    foreign = [k for k in figures if k not in set(properties["Key"])]
    if not foreign:
        return
    for other_year, other in sorted(KWB_TABLES.items()):
        theirs = table_properties(other) if other != table else None
        if theirs is not None and set(foreign) <= set(theirs["Key"]):
            msg = (
                f"{path} is read as KWB {year} (table {table}), but its columns {foreign[:3]} exist only in "
                f"table {other} (KWB {other_year}); give the file of {year}, or declare year = {other_year}, "
                f"table = '{other}'."
            )
            raise InputFileError(msg)


def _region_names(
    con: duckdb.DuckDBPyConnection, path: Path, titled: str | None, table: str, gemeente_name: str | None
) -> pd.DataFrame:
    """Return the regions (Key: code, Title: name), names from titles in WijkenEnBuurten (as some exports have),
    else from the WijkenEnBuurten file beside it, else only the gemeenten's and Nederland's, from the column
    ``gemeente_name`` (``Gemeentenaam_1``, which names the gemeente on every row): the pipeline takes a wijk's or
    buurt's name from its polygon then (:mod:`buurtdata.pipeline.names`).
    """
    if titled is not None and not numbers.any_code(con, titled):
        return con.sql(
            f"select code as Key, trim({titled}) as Title from kwb_codes join kwb_text using (_row) order by _row"
        ).df()
    regions = con.sql("select code as Key from kwb_codes order by _row").df()
    beside = _regions_file(path, table)
    if beside is not None:
        titles = pd.read_parquet(beside)
        names = dict(zip(titles["Key"].str.strip(), titles["Title"].str.strip(), strict=True))
        regions["Title"] = regions["Key"].map(names)
    elif gemeente_name is not None:
        # The column names the gemeente on each row: only a gemeente's and Nederland's own row are called so.
        own = ", ".join(f"'{codes.PREFIXES[level]}'" for level in ("gemeente", "land"))
        regions["Title"] = (
            con.sql(
                f"select case when left(code, 2) in ({own}) then nullif(trim({gemeente_name}), '') end "
                "from kwb_codes join kwb_text using (_row) order by _row"
            )
            .df()
            .iloc[:, 0]
        )
    else:
        regions["Title"] = pd.Series(pd.NA, index=regions.index, dtype="str")
    return regions.astype("str")


def local_file(year: int, table: str) -> Path | None:
    """Return a KWB file of ``year`` kept under ``settings.data_dir / 'raw'``, in a folder named
    ``kwb<year>-<table>...``.

    The file is the table as CBS's API gives it (``<table>.csv``, ``...TypedDataSet...``) or CBS's own
    download ``kwb-<year>.xlsx``/``.csv`` (short column names).
    """
    folders = sorted((Path(settings.data_dir) / "raw").glob(f"kwb{year}-{table}*"))
    for folder in folders:
        for candidate in sorted(folder.rglob("*")):
            stem = candidate.name.split(".")[0]
            from_api = (table in candidate.name and "TypedDataSet" in candidate.name) or stem == table
            if candidate.suffix.lower() in {".csv", ".xlsx", ".parquet"} and (
                from_api or stem.lower() == f"kwb-{year}"
            ):
                return candidate
    return None


def manual_download(year: int, table: str) -> str:
    """Return where to download KWB ``year`` by hand and where to save it so :func:`local_file` finds it."""
    target = Path(settings.data_dir) / "raw" / f"kwb{year}-{table}" / f"{table}.csv"
    # CBS's kwb-<year>.xlsx is read only for the years whose short names the seed holds (user test L: 2019 and 2022
    # were offered it too).
    xlsx = (
        f" (CBS's kwb-{year}.xlsx with short column names, saved in that folder, works too)"
        if short_names(year)
        else ""
    )
    return (
        f"Download KWB {year} yourself: open https://opendata.cbs.nl/statline/#/CBS/nl/dataset/{table}/table, "
        f"choose 'Downloaden' -> 'CSV' (with column keys or titles), and save it as {target}{xlsx}; "
        f"kerncijfers({year}) reads it from there (or pass source=<that path>)."
    )
