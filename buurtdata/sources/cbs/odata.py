"""CBS's OData APIs for KWB tables: the v3 bulk feed (wide TypedDataSet) and the v4 API (long Observations).

All network access goes through :mod:`buurtdata._http` (retries, clear errors, disk cache); every
function takes ``refresh`` and ``transport`` for it. A ``gemeente`` narrows the download to that
gemeente's rows and Nederland (NL00), the baseline.
"""

from __future__ import annotations

import functools
import io
import json
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from buurtdata import _cache, _http, codes
from buurtdata._errors import BuurtdataError
from buurtdata.project import KwbFiles
from buurtdata.sources.cbs.tables import check_table, table_for

#: CBS's bulk OData v3 feed; unlike ``ODataApi`` (which stops at 10,000 cells) it pages through the whole table.
ODATA_FEED = "https://opendata.cbs.nl/ODataFeed/odata"
#: OData v3 resources of a KWB table that buurtdata stages.
TYPED_DATA_SET = "TypedDataSet"
DATA_PROPERTIES = "DataProperties"
WIJKEN_EN_BUURTEN = "WijkenEnBuurten"

#: CBS's OData v4 API: observations in long format (Measure, Value, ValueAttribute), paged with ``@odata.nextLink``.
ODATA4 = "https://odata4.cbs.nl/CBS"
OBSERVATIONS = "Observations"
MEASURE_CODES = "MeasureCodes"
WIJKEN_EN_BUURTEN_CODES = "WijkenEnBuurtenCodes"

_PANDAS_TYPES = {"Long": "Int64", "Integer": "Int64", "Double": "Float64", "Float": "Float64"}
_PARQUET = {"index": False, "compression": "zstd"}


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


def _in_gemeente(region_codes: pd.Series, gemeente: str | None) -> pd.Series:
    """Tell which (padded) region codes are Nederland (NL00) or lie in ``gemeente``."""
    if gemeente is None:
        return pd.Series(True, index=region_codes.index)

    def kept(code: str) -> bool:
        if not codes.is_valid(code):
            return False
        text = codes.normalize(code)
        return text == "NL00" or (codes.level_of(text) != "land" and codes.gemeente_of(text) == gemeente)

    # A feed repeats each code once per topic (v4): decide once per distinct code.
    return region_codes.map({code: kept(code) for code in region_codes.unique()}).astype(bool)


def _paged_rows(
    url: str, params: dict[str, str], next_key: str, table: str, refresh: bool, transport: _http.Transport | None
) -> list[dict]:
    rows: list[dict] = []
    following: str | None = url
    query: dict[str, str] | None = params
    promised = False  # a page reached by the nextLink of the one before
    count = functools.cache(functools.partial(_count, url, params, next_key, table, refresh, transport))
    while following:
        check = functools.partial(_page_problem, next_key=next_key, promised=promised, rows=len(rows), count=count)
        page = _http.get_json(
            following, query, refresh=refresh, transport=transport, manual=_table_page(table), check=check
        )
        rows.extend(page["value"])
        following, query, promised = page.get(next_key), None, True
    return rows


def _page_problem(
    page: object, *, next_key: str, promised: bool, rows: int, count: Callable[[], int | str] | None = None
) -> str | None:
    """Tell what makes ``page`` no right page of an OData feed, or ``None``: an ``odata.error`` or other JSON
    without a ``value`` list, an empty last page where the page before promised more rows, or a last page
    that leaves the rows short of the count the feed gives. ``rows``: the rows of the pages before.

    An empty page after a nextLink is the end when ``count()``, the rows the feed counts for the query (or why it
    could not be told), is ``rows``: a server that pages sends a nextLink after every full page, so a result of
    exactly N pages ends in an empty one (review 12 #7). Only then is the count asked: the requests of every other
    read, and so their cache entries, stay as they were.

    >>> _page_problem({"value": [], "odata.metadata": "x"}, next_key="odata.nextLink", promised=False, rows=0)
    >>> _page_problem({"value": []}, next_key="odata.nextLink", promised=True, rows=7)
    'an empty page after 7 rows, although the page before promised more rows (its odata.nextLink led here)'
    >>> _page_problem({"odata.error": {"message": {"value": "Internal error"}}}, next_key="", promised=False, rows=0)
    "an OData error ('Internal error') instead of a feed page"
    """
    if not isinstance(page, dict) or not isinstance(page.get("value"), list):
        return _no_page(page)
    if page.get(next_key):
        return None
    if promised and not page["value"]:
        said = f"an empty page after {rows} rows, although the page before promised more rows (its {next_key} led here)"
        counted = None if count is None else count()
        if counted == rows:
            return None
        if isinstance(counted, int):
            return f"{said}, and the feed counts {counted} rows"
        return said if counted is None else f"{said}; the feed's count of rows could not be asked ({counted})"
    count = page.get("odata.count", page.get("@odata.count"))
    if str(count).isdigit() and rows + len(page["value"]) < int(count):
        return f"a last page that brings the rows to {rows + len(page['value'])} of the {count} the feed counts"
    return None


def _count(
    url: str, params: dict[str, str], next_key: str, table: str, refresh: bool, transport: _http.Transport | None
) -> int | str:
    """The rows the feed counts for the query of ``url`` and ``params`` (asked for no rows: ``$top=0``, with
    ``$inlinecount=allpages`` in OData v3, ``$count=true`` in v4), or why it could not be told."""
    counted = {"$inlinecount": "allpages"} if next_key == "odata.nextLink" else {"$count": "true"}
    asked = {**params, "$top": "0", **counted}
    try:
        answer = _http.get_json(url, asked, refresh=refresh, transport=transport, check=_count_problem)
    except BuurtdataError as error:
        return str(error)
    return int(answer.get("odata.count", answer.get("@odata.count")))


def _count_problem(page: object) -> str | None:
    """Tell what makes ``page`` no answer to a count (:func:`_count`), or ``None``.

    >>> _count_problem({"odata.count": "20000", "value": []}), _count_problem({"value": []})
    (None, 'a feed page without odata.count')
    """
    if not isinstance(page, dict) or not isinstance(page.get("value"), list):
        return _no_page(page)
    if not str(page.get("odata.count", page.get("@odata.count"))).isdigit():
        return "a feed page without odata.count"
    return None


def _no_page(page: object) -> str:
    """Describe JSON that is no OData feed page, with the server's own error message when it sent one."""
    error = page.get("odata.error", page.get("error")) if isinstance(page, dict) else None
    if isinstance(error, dict):
        message = error.get("message")
        text = message.get("value") if isinstance(message, dict) else message
        return f"an OData error ({str(text or error.get('code') or 'no message')!r}) instead of a feed page"
    shape = "a JSON list" if isinstance(page, list) else "JSON without a 'value' list"
    return f"{shape}, not an OData feed page"


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
        CBS table id, e.g. :data:`~buurtdata.sources.cbs.KWB_2024`.
    resource
        ``TypedDataSet``, ``DataProperties`` or ``WijkenEnBuurten``.
    filter
        An OData ``$filter`` expression, e.g. ``substringof('0164',WijkenEnBuurten)``.
    refresh, transport
        Passed to :func:`buurtdata._http.get_json`.
    """
    table = check_table(table)
    return _paged_rows(f"{ODATA_FEED}/{table}/{resource}", _params(filter), "odata.nextLink", table, refresh, transport)


def _params(odata_filter: str | None) -> dict[str, str]:
    return {"$format": "json", **({"$filter": odata_filter} if odata_filter else {})}


def cached_nederland(table: str, gemeenten: list[str]) -> dict | None:
    """Return Nederland's row of ``table``'s TypedDataSet from the download cache, never going online.

    Any earlier download of the table through buurtdata holds the row: the whole table, or one gemeente's
    selection (which always brings NL00 along as the baseline).
    """
    url = f"{ODATA_FEED}/{table}/{TYPED_DATA_SET}"
    for odata_filter in [None, *(_gemeente_filter(code, WIJKEN_EN_BUURTEN) for code in gemeenten)]:
        page = _cache.load_json(url, _params(odata_filter))
        rows = page.get("value") if isinstance(page, dict) else None
        for row in rows if isinstance(rows, list) else []:
            if isinstance(row, dict) and str(row.get(WIJKEN_EN_BUURTEN, "")).strip() == "NL00":
                return row
    return None


def data_properties(table: str, *, refresh: bool = False, transport: _http.Transport | None = None) -> pd.DataFrame:
    """Return the DataProperties of a KWB table (topics, titles, units), shaped like the shipped sample."""
    rows = odata_rows(table, DATA_PROPERTIES, refresh=refresh, transport=transport)
    frame = pd.read_json(io.StringIO(json.dumps(rows)))
    return frame.rename(columns={"odata.type": "odata_type"})


def wijken_en_buurten(
    table: str, *, gemeente: str | None = None, refresh: bool = False, transport: _http.Transport | None = None
) -> pd.DataFrame:
    """Return the WijkenEnBuurten dimension (Key, Title, ...) of a KWB table,
    optionally of one gemeente and Nederland.
    """
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
    """Return the TypedDataSet of a KWB table, columns typed from DataProperties, optionally of one gemeente and
    Nederland.
    """
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
    """Download one KWB year and save it as the three Parquet files :func:`~buurtdata.sources.cbs.stage_kwb` stages.

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
    files = KwbFiles(
        year, table, stem.with_suffix(".parquet"), Path(f"{stem}_properties.parquet"), Path(f"{stem}_regions.parquet")
    )
    data.to_parquet(files.data, **_PARQUET)
    properties.to_parquet(files.properties, **_PARQUET)
    regions.to_parquet(files.regions, **_PARQUET)
    return files


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
        CBS table id, e.g. :data:`~buurtdata.sources.cbs.KWB_2017`.
    resource
        ``Observations``, ``MeasureCodes`` or ``WijkenEnBuurtenCodes``.
    filter
        An OData v4 ``$filter`` expression, e.g. ``contains(WijkenEnBuurten,'0164')``.
    refresh, transport
        Passed to :func:`buurtdata._http.get_json`.
    """
    table = check_table(table)
    params = {"$filter": filter} if filter else {}
    return _paged_rows(f"{ODATA4}/{table}/{resource}", params, "@odata.nextLink", table, refresh, transport)


def _v4_gemeente_filter(gemeente: str) -> str:
    return f"contains(WijkenEnBuurten,'{gemeente[2:]}') or WijkenEnBuurten eq 'NL00'"


def measure_codes(table: str, *, refresh: bool = False, transport: _http.Transport | None = None) -> pd.DataFrame:
    """Return the v4 MeasureCodes of a table as v3-shaped DataProperties (Key, Type, Datatype, Title, Unit, Decimals,
    Description).
    """
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
    """Return the v4 WijkenEnBuurtenCodes of a table as v3-shaped regions (Key, Title), optionally of one gemeente and
    Nederland.
    """
    gemeente = codes.normalize(gemeente, level="gemeente") if gemeente else None
    odata_filter = f"contains(Identifier,'{gemeente[2:]}') or Identifier eq 'NL00'" if gemeente else None
    rows = odata4_rows(table, WIJKEN_EN_BUURTEN_CODES, filter=odata_filter, refresh=refresh, transport=transport)
    frame = pd.DataFrame.from_records(rows)
    frame = pd.DataFrame({"Key": frame["Identifier"].astype("str"), "Title": frame["Title"].astype("str")})
    return frame[_in_gemeente(frame["Key"], gemeente)].reset_index(drop=True)


def observations(
    table: str, *, gemeente: str | None = None, refresh: bool = False, transport: _http.Transport | None = None
) -> pd.DataFrame:
    """Return the v4 Observations of a table (WijkenEnBuurten, Measure, Value, ValueAttribute), optionally of one
    gemeente and Nederland.
    """
    gemeente = codes.normalize(gemeente, level="gemeente") if gemeente else None
    odata_filter = _v4_gemeente_filter(gemeente) if gemeente else None
    rows = odata4_rows(table, OBSERVATIONS, filter=odata_filter, refresh=refresh, transport=transport)
    frame = pd.DataFrame.from_records(rows, columns=["Id", "Measure", "ValueAttribute", "Value", "WijkenEnBuurten"])
    frame = frame.astype({"Measure": "str", "ValueAttribute": "str", "WijkenEnBuurten": "str"})
    frame["Value"] = pd.to_numeric(frame["Value"]).astype("float64")
    return frame[_in_gemeente(frame["WijkenEnBuurten"], gemeente)].reset_index(drop=True)
