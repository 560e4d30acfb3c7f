"""Gemeente, wijk and buurt boundaries (CBS wijk- en buurtkaart): download, read, repair, display.

Every frame this module returns is in RD New (``settings.default_crs``) and
has the same normalised columns whatever the source (CBS GeoPackage, PDOK
OGC API or WFS GeoJSON, shapefile, GeoJSON or TopoJSON):

``code, name, level, jaar, gemeente_code, gemeente_name, [wijk_code, wijk_name,] water, pseudo``,
then the source's other attributes in snake_case. A numeric attribute holding
CBS sentinels (-99999999, -99997, ...) gets those set to missing and a
``<column>_status`` column saying why (``waarde``, ``ontbreekt``, ``geheim``,
``niet_van_toepassing``), the vocabulary of the ``observations`` mart.

Water buurten (``water = JA``) and pseudo-buurten (codes ending in 9997,
9998 or 9999) are flagged and, unless ``include_water=True``, left out; the
codes left out are listed in ``frame.attrs["left_out"]``, the codes whose
polygon was repaired with ``make_valid`` in ``frame.attrs["repaired"]``.
"""

from __future__ import annotations

import re
import shutil
import warnings
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely

from buurtdata import _http, _resources, codes, datasets, settings
from buurtdata._errors import BuurtdataError, DataNotAvailableError, InputFileError, ValidationError

LEVELS: tuple[codes.Level, ...] = ("gemeente", "wijk", "buurt")

#: Properties holding the region code, per level, in the order tried
#: (CBS/PDOK snake_case and camelCase, CBS shapefiles).
CODE_PROPERTIES: dict[str, tuple[str, ...]] = {
    "buurt": ("buurtcode", "BU_CODE", "bu_code"),
    "wijk": ("wijkcode", "WK_CODE", "wk_code"),
    "gemeente": ("gemeentecode", "GM_CODE", "gm_code"),
}
#: Properties that may hold a code of any level (CBS generalised maps, Amsterdam's register, our own exports).
GENERIC_CODE_PROPERTIES = ("statcode", "STATCODE", "cbsCode", "cbscode", "code")
NAME_PROPERTIES: dict[str, tuple[str, ...]] = {
    "buurt": ("buurtnaam", "BU_NAAM", "bu_naam"),
    "wijk": ("wijknaam", "WK_NAAM", "wk_naam"),
    "gemeente": ("gemeentenaam", "GM_NAAM", "gm_naam"),
}
GENERIC_NAME_PROPERTIES = ("statnaam", "STATNAAM", "naam", "name")
WATER_PROPERTIES = ("water", "WATER")
YEAR_PROPERTIES = ("jaar", "JAAR")
YEAR_CODE_PROPERTIES = ("jaarstatcode", "jrstatcode", "JRSTATCODE")

#: Last four digits of pseudo-buurten CBS adds for water and unassigned areas.
PSEUDO_SUFFIXES = ("9997", "9998", "9999")

#: RD New (x, y) box around the Netherlands with its coastal waters, and the lon/lat box of the same area.
RD_EXTENT = (-10_000.0, 280_000.0, 310_000.0, 640_000.0)
LONLAT_EXTENT = (2.0, 50.5, 7.5, 56.0)

#: Files whose format says "lon/lat WGS84" when they state no CRS (RFC 7946, TopoJSON).
LONLAT_BY_DEFAULT = (".json", ".geojson", ".topojson")

#: Columns read_boundaries puts first, in this order (where the level has them).
NORMALISED = (
    "code",
    "name",
    "level",
    "jaar",
    "gemeente_code",
    "gemeente_name",
    "wijk_code",
    "wijk_name",
    "water",
    "pseudo",
)

#: The embedded sample: gemeente and the KWB years whose buurt codes its polygons carry.
SAMPLE_GEMEENTE = "GM0164"
SAMPLE_YEARS = (2020, 2024)

#: PDOK OGC API Features, one API per year. Verified from pdok.nl for 2023 and 2025; 2024 follows
#: the same pattern (pdok.nl lists it under the 2025 address, which looks like a typo): UNVERIFIED.
OGC_API = "https://api.pdok.nl/cbs/wijken-en-buurten-{year}/ogc/v1"
#: PDOK WFS per year; the 2022 address is used by stdekker/open-data-maps, other years UNVERIFIED.
WFS = "https://service.pdok.nl/cbs/wijkenbuurten/{year}/wfs/v1_0"
#: CBS's own download of the wijk- en buurtkaart (zip with a GeoPackage): UNVERIFIED (no network here).
CBS_GEOPACKAGE = "https://download.cbs.nl/regionale-kaarten/wijkbuurtkaart_{year}_v1.zip"
CBS_PAGE = "https://www.cbs.nl/nl-nl/dossier/nederland-regionaal/geografische-data/wijk-en-buurtkaart-{year}"
#: First year with an OGC API; earlier years come from the WFS.
FIRST_OGC_YEAR = 2023
#: Collection (OGC API) / type name (WFS) per level.
COLLECTIONS = {"buurt": "buurten", "wijk": "wijken", "gemeente": "gemeenten"}
PAGE_SIZE = 1000
#: shapely geometry type ids.
POLYGON, MULTIPOLYGON = 3, 6
SOURCES = ("auto", "sample", "pdok", "wfs", "cbs")


class BoundaryRepairWarning(UserWarning):
    """A boundary file was read with a repair: an assumed or corrected coordinate reference system."""


def read_boundaries(
    path: str | Path,
    *,
    layer: str | None = None,
    year: int | None = None,
    level: codes.Level | None = None,
    include_water: bool = False,
) -> gpd.GeoDataFrame:
    """Read gemeente, wijk or buurt polygons from a GeoPackage, GeoJSON, TopoJSON or shapefile, in RD New.

    Attributes are normalised (see the module docstring). Invalid polygons are
    repaired with ``make_valid``; the file itself is never changed.

    Parameters
    ----------
    path
        The boundary file.
    layer
        Layer to read; by default the only layer, or the one whose name holds
        the level (``buurten``, ``cbs_buurten_2018``, ``buurt_2021_v1``).
    year
        The indeling year, stored in column ``jaar``; by default read from the
        file's ``jaar``/``jaarstatcode`` attribute when it has one.
    level
        ``"buurt"``, ``"wijk"`` or ``"gemeente"``; by default the finest level
        whose code property the file has.
    include_water
        Keep water buurten and pseudo-buurten (flagged in ``water``/``pseudo``).

    Raises
    ------
    InputFileError
        Missing file, no known code property, no polygons, or coordinates that
        cannot be placed in the Netherlands.
    ValidationError
        Codes that are not CBS codes or appear twice, all listed.

    Repairs (each announced with a :class:`BoundaryRepairWarning` unless the format defines it):

    - no CRS and lon/lat coordinates in a (Topo)JSON file: read as WGS84, as the formats prescribe;
    - no CRS (e.g. a shapefile without ``.prj``) and coordinates in RD New's range: read as RD New;
    - labelled WGS84 but coordinates in RD New's range: read as RD New.

    Examples
    --------
    >>> from buurtdata import datasets
    >>> buurten = read_boundaries(datasets.get_path("hengelo/buurten.gpkg"), year=2024)
    >>> len(buurten), buurten.crs.to_epsg(), buurten["code"].iloc[0], buurten["wijk_code"].iloc[0]
    (62, 28992, 'BU01640000', 'WK016400')
    """
    _check_level(level)
    path = Path(path)
    if not path.exists():
        msg = f"Boundary file {path} does not exist; check the path (in a project file: its [boundaries] section)."
        raise InputFileError(msg)
    layer = _choose_layer(path, layer, level)
    try:
        frame = gpd.read_file(path, layer=layer)
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as error:
        msg = f"{path}: cannot be read as a GeoPackage, GeoJSON, TopoJSON or shapefile ({error})."
        raise InputFileError(msg) from error
    frame = _to_rd_new(frame, str(path), lonlat_by_default=path.suffix.lower() in LONLAT_BY_DEFAULT)
    return normalise(frame, source=str(path), year=year, level=level, include_water=include_water)


def normalise(
    frame: gpd.GeoDataFrame,
    *,
    source: str,
    year: int | None = None,
    level: codes.Level | None = None,
    include_water: bool = False,
) -> gpd.GeoDataFrame:
    """Return ``frame`` (already in RD New) with normalised columns, repaired polygons and flags.

    ``source`` names the input in error messages. See :func:`read_boundaries`.
    """
    if frame.empty:
        msg = f"{source}: holds no features; use a file with gemeente, wijk or buurt polygons."
        raise InputFileError(msg)
    code_column, level = _code_column(frame, source, level)
    found = _normalised_codes(frame[code_column], level, source, code_column)
    out = pd.DataFrame(index=frame.index)
    out["code"] = found
    out["name"] = _first(frame, NAME_PROPERTIES[level] + GENERIC_NAME_PROPERTIES)
    out["level"] = level
    out["jaar"] = pd.array([year] * len(frame) if year is not None else _years(frame), dtype="Int64")
    out["gemeente_code"] = found.map(codes.gemeente_of)
    out["gemeente_name"] = _first(frame, NAME_PROPERTIES["gemeente"]) if level != "gemeente" else out["name"]
    if level == "buurt":
        out["wijk_code"] = found.map(codes.wijk_of)
        out["wijk_name"] = _first(frame, NAME_PROPERTIES["wijk"])
    water = _first(frame, WATER_PROPERTIES)
    out["water"] = water.astype("string").str.strip().str.upper().eq("JA").fillna(False).astype(bool)
    out["pseudo"] = (level == "buurt") & found.str[-4:].isin(PSEUDO_SUFFIXES)

    used = {code_column, *NAME_PROPERTIES[level], *GENERIC_NAME_PROPERTIES, *WATER_PROPERTIES, *YEAR_PROPERTIES}
    used |= {c for props in CODE_PROPERTIES.values() for c in props} | set(
        NAME_PROPERTIES["gemeente"] + NAME_PROPERTIES["wijk"]
    )
    extra = frame.drop(columns=[c for c in frame.columns if c in used or c == frame.geometry.name])
    extra = extra.rename(columns=lambda c: _snake(c) if _snake(c) not in out.columns else f"bron_{_snake(c)}")
    out = pd.concat([out, _with_status(extra)], axis=1)

    geometry, repaired = _polygons(frame.geometry, found, source)
    result = gpd.GeoDataFrame(out, geometry=geometry, crs=frame.crs)
    result.attrs = {"source": source, "repaired": repaired}
    return _leave_out(result, include_water)


def _leave_out(frame: gpd.GeoDataFrame, include_water: bool) -> gpd.GeoDataFrame:
    """Drop water and pseudo-buurten unless asked to keep them; ``attrs["left_out"]`` names what was dropped."""
    left_out = frame["water"] | frame["pseudo"]
    attrs = {**frame.attrs, "left_out": [] if include_water else frame.loc[left_out, "code"].tolist()}
    if not include_water:
        frame = frame[~left_out]
    frame = frame.reset_index(drop=True)
    frame.attrs = attrs
    return frame


def _check_level(level: str | None) -> None:
    if level is not None and level not in LEVELS:
        msg = f"level {level!r} is not one of {list(LEVELS)}."
        raise BuurtdataError(msg)


def _choose_layer(path: Path, layer: str | None, level: codes.Level | None) -> str | None:
    if layer is not None:
        return layer
    try:
        layers = [str(name) for name, _ in pyogrio.list_layers(path)]
    except pyogrio.errors.DataSourceError as error:
        msg = f"{path}: cannot be read as a GeoPackage, GeoJSON, TopoJSON or shapefile ({error})."
        raise InputFileError(msg) from error
    if len(layers) <= 1:
        return None
    word = level or "buurt"
    matching = [name for name in layers if word in name.lower()]
    if not matching:
        msg = f"{path}: has layers {layers} and none is named after {word}; pass layer= with the one to read."
        raise InputFileError(msg)
    return matching[0]


def _within(bounds: Any, extent: tuple[float, float, float, float]) -> bool:
    minx, miny, maxx, maxy = bounds
    return bool(minx >= extent[0] and miny >= extent[1] and maxx <= extent[2] and maxy <= extent[3])


def _to_rd_new(frame: gpd.GeoDataFrame, source: str, *, lonlat_by_default: bool) -> gpd.GeoDataFrame:
    bounds = frame.total_bounds
    looks_rd, looks_lonlat = _within(bounds, RD_EXTENT), _within(bounds, LONLAT_EXTENT)
    shown = ", ".join(f"{b:.6g}" for b in bounds)
    if frame.crs is None:
        if looks_lonlat:
            if not lonlat_by_default:
                _warn(
                    f"{source}: states no coordinate reference system; its coordinates ({shown}) are lon/lat, read as WGS84 (EPSG:4326)."
                )
            frame = frame.set_crs("EPSG:4326")
        elif looks_rd:
            _warn(
                f"{source}: states no coordinate reference system (a shapefile without .prj?); its coordinates ({shown}) "
                f"lie in RD New's range, read as EPSG:28992. Add a .prj file or a crs to silence this."
            )
            frame = frame.set_crs(settings.default_crs)
        else:
            msg = (
                f"{source}: the file states no coordinate reference system and its coordinates ({shown}) are neither "
                "lon/lat nor RD New in the Netherlands; add a .prj file (shapefile) or a crs member, e.g. EPSG:28992."
            )
            raise InputFileError(msg)
    elif frame.crs.is_geographic and not looks_lonlat:
        if not looks_rd:
            msg = (
                f"{source}: labelled {frame.crs.name} (lon/lat) but its coordinates ({shown}) are not lon/lat in the "
                "Netherlands; fix the file's coordinate reference system."
            )
            raise InputFileError(msg)
        _warn(
            f"{source}: labelled {frame.crs.name} (lon/lat) but its coordinates ({shown}) are RD New metres; "
            "read as EPSG:28992. Fix the file's crs (GeoJSON without a crs member always means WGS84)."
        )
        frame = frame.set_crs(settings.default_crs, allow_override=True)
    frame = frame.to_crs(settings.default_crs)
    if not _within(frame.total_bounds, RD_EXTENT):
        shown = ", ".join(f"{b:.6g}" for b in frame.total_bounds)
        msg = (
            f"{source}: in RD New its bounds are ({shown}), outside the Netherlands; the stated coordinate reference "
            "system does not fit the coordinates. Fix the file's crs."
        )
        raise InputFileError(msg)
    return frame


def _warn(message: str) -> None:
    warnings.warn(message, BoundaryRepairWarning, stacklevel=4)


def _code_column(frame: pd.DataFrame, source: str, level: codes.Level | None) -> tuple[str, codes.Level]:
    levels = [level] if level else ["buurt", "wijk", "gemeente"]
    for candidate in levels:
        for column in CODE_PROPERTIES[candidate]:
            if column in frame.columns:
                return column, candidate
    for column in GENERIC_CODE_PROPERTIES:
        if column in frame.columns:
            first = next((c for c in frame[column].dropna() if codes.is_valid(c)), None)
            if first is not None and (level is None or codes.level_of(first) == level):
                return column, codes.level_of(first)
    known = [c for lv in levels for c in CODE_PROPERTIES[lv]] + list(GENERIC_CODE_PROPERTIES)
    has = [c for c in frame.columns if c != frame.geometry.name][:15]
    msg = (
        f"{source}: none of the known code properties {known} holds {level or 'gemeente, wijk or buurt'} codes "
        f"(the file has {has}); rename the column with the CBS codes (BU01640101, WK016401, GM0164) to one of them."
    )
    raise InputFileError(msg)


def _normalised_codes(values: pd.Series, level: codes.Level, source: str, column: str) -> pd.Series:
    problems = []
    out = []
    for row, value in enumerate(values):
        try:
            out.append(codes.normalize(value, level=level))
        except codes.CodeError as error:
            problems.append(f"feature {row}, property {column!r}: {error}")
            out.append(None)
    found = pd.Series(out, index=values.index, dtype="string")
    twice = found[found.duplicated(keep=False) & found.notna()].unique()
    problems += [f"code {code} appears {int((found == code).sum())} times; keep one polygon per code" for code in twice]
    if problems:
        raise ValidationError(problems, source=source)
    return found


def _first(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.Series:
    for column in columns:
        if column in frame.columns:
            return frame[column].astype("string").str.strip()
    return pd.Series(pd.NA, index=frame.index, dtype="string")


def _years(frame: pd.DataFrame) -> pd.Series:
    for column in YEAR_PROPERTIES:
        if column in frame.columns:
            return pd.to_numeric(frame[column], errors="coerce")
    for column in YEAR_CODE_PROPERTIES:
        if column in frame.columns:
            return pd.to_numeric(frame[column].astype("string").str[:4], errors="coerce")
    return pd.Series(pd.NA, index=frame.index, dtype="Int64")


def _snake(name: str) -> str:
    """Return a property name in snake_case, as the CBS GeoPackage writes them.

    >>> _snake("percentagePersonen0Tot15Jaar"), _snake("stedelijkheidAdressenPerKm2"), _snake("AANT_INW")
    ('percentage_personen_0_tot_15_jaar', 'stedelijkheid_adressen_per_km2', 'aant_inw')
    """
    name = re.sub(r"(?<=[A-Za-z])(?=\d+[A-Z])", "_", name)
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower()


def _sentinels() -> dict[float, str]:
    seeds = pd.read_csv(_resources.folder("pipelines") / "seeds" / "status_codes.csv")
    return dict(zip(seeds["value"].astype(float), seeds["status"], strict=True))


def _with_status(extra: pd.DataFrame) -> pd.DataFrame:
    """Set CBS sentinels in numeric columns to missing, each numeric column followed by its ``_status``."""
    sentinels = _sentinels()
    columns = {}
    for name in extra.columns:
        values = extra[name]
        if not pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
            columns[name] = values
            continue
        status = values.map(sentinels).astype("string")
        status = status.mask(status.isna() & values.isna(), "ontbreekt").fillna("waarde")
        columns[name] = values.where(status == "waarde")
        columns[f"{name}_status"] = status
    return pd.DataFrame(columns, index=extra.index)


def _polygons(geometry: gpd.GeoSeries, found: pd.Series, source: str) -> tuple[gpd.GeoSeries, list[str]]:
    """Return the polygons, invalid ones repaired with make_valid, and the codes that needed repair."""
    array = geometry.array
    missing = shapely.is_missing(array) | shapely.is_empty(array)
    wrong = ~missing & ~np.isin(shapely.get_type_id(array), [POLYGON, MULTIPOLYGON])
    if wrong.any():
        msg = (
            f"{source}: features {found[wrong].tolist()[:10]} have {sorted(set(geometry[wrong].geom_type))} geometry, "
            "not polygons; boundaries must be (multi)polygons."
        )
        raise InputFileError(msg)
    invalid = ~missing & ~shapely.is_valid(array)
    repaired = array.copy()
    if invalid.any():
        # make_valid keeps lines where a ring touches itself; only the polygonal part is an area.
        repaired[invalid] = [_polygonal(g) for g in shapely.make_valid(array[invalid])]
    return gpd.GeoSeries(repaired, index=geometry.index, crs=geometry.crs), found[invalid].tolist()


def _polygonal(geom: shapely.Geometry) -> shapely.Geometry:
    parts = [p for p in shapely.get_parts(geom) if shapely.get_type_id(p) in (POLYGON, MULTIPOLYGON)]
    return shapely.union_all(parts) if parts else shapely.Polygon()


def dissolve(frame: gpd.GeoDataFrame, level: codes.Level) -> gpd.GeoDataFrame:
    """Return the wijken or gemeenten of ``frame`` (buurten, or wijken) by dissolving on their parent code.

    Only the normalised columns survive (statistics of the parts do not add
    up in general); ``name`` comes from ``wijk_name``/``gemeente_name`` when
    the parts carry it. Amsterdam's letter codes work too (WK0363 + the first
    two letters of the buurt part).

    >>> from buurtdata import datasets
    >>> buurten = read_boundaries(datasets.get_path("hengelo/buurten.gpkg"), year=2024)
    >>> wijken = dissolve(buurten, "wijk")
    >>> len(wijken), wijken["code"].iloc[0], bool(wijken.geometry.is_valid.all())
    (10, 'WK016400', True)
    """
    if level not in ("wijk", "gemeente"):
        msg = f"level {level!r}: can only dissolve to 'wijk' or 'gemeente'."
        raise BuurtdataError(msg)
    key, name = f"{level}_code", f"{level}_name"
    first = {column: "first" for column in dict.fromkeys((name, "gemeente_name", "jaar"))}
    grouped = frame.dissolve(by=key, aggfunc={**first, "water": "all"}).reset_index()
    out = pd.DataFrame(
        {
            "code": grouped[key],
            "name": grouped[name],
            "level": level,
            "jaar": grouped["jaar"],
            "gemeente_code": grouped[key].map(codes.gemeente_of),
            "gemeente_name": grouped["gemeente_name"],
            "water": grouped["water"].astype(bool),
            "pseudo": False,
        }
    )
    # Dissolving generalised polygons can leave slivers that make the union invalid or not purely polygonal.
    result = gpd.GeoDataFrame(
        out, geometry=[_polygonal(g) for g in shapely.make_valid(grouped.geometry.array)], crs=frame.crs
    )
    result.attrs = {"source": f"dissolved from {len(frame)} polygons"}
    return result


def buurten(
    year: int,
    *,
    gemeente: str | None = None,
    source: str | Path = "auto",
    refresh: bool = False,
    include_water: bool = False,
) -> gpd.GeoDataFrame:
    """Return the buurt polygons of ``year`` (optionally of one gemeente) in RD New.

    Parameters
    ----------
    year
        Indeling year (the year of the KWB table the codes must match).
    gemeente
        A gemeente code (``"GM0164"``, ``"0164"``); default the whole country.
    source
        ``"auto"`` (the embedded sample when it covers the request, else PDOK),
        ``"sample"``, ``"pdok"`` (OGC API Features, 2023 on), ``"wfs"`` (PDOK WFS),
        ``"cbs"`` (CBS's GeoPackage download), or the path of a boundary file.
    refresh
        Download again even when the cache holds the answer.
    include_water
        Keep water buurten and pseudo-buurten.

    Raises
    ------
    DataNotAvailableError
        Offline with nothing cached: says which URL to download and where to put it.

    Examples
    --------
    >>> frame = buurten(2024, gemeente="GM0164")
    >>> len(frame), frame.crs.to_epsg(), set(frame["level"])
    (62, 28992, {'buurt'})
    """
    return _boundaries("buurt", year, gemeente, source, refresh, include_water)


def wijken(
    year: int,
    *,
    gemeente: str | None = None,
    source: str | Path = "auto",
    refresh: bool = False,
    include_water: bool = False,
) -> gpd.GeoDataFrame:
    """Return the wijk polygons of ``year``; dissolved from buurten when only buurten are at hand.

    Parameters as :func:`buurten`.

    >>> frame = wijken(2024, gemeente="GM0164")
    >>> len(frame), frame["code"].str[:6].unique().tolist()
    (10, ['WK0164'])
    """
    return _boundaries("wijk", year, gemeente, source, refresh, include_water)


def gemeenten(
    year: int,
    *,
    gemeente: str | None = None,
    source: str | Path = "auto",
    refresh: bool = False,
    include_water: bool = False,
) -> gpd.GeoDataFrame:
    """Return the gemeente polygons of ``year`` (or the one ``gemeente``); parameters as :func:`buurten`.

    >>> frame = gemeenten(2024, gemeente="GM0164")
    >>> frame[["code", "name", "level"]].values.tolist()
    [['GM0164', 'Hengelo', 'gemeente']]
    """
    return _boundaries("gemeente", year, gemeente, source, refresh, include_water)


def _boundaries(
    level: codes.Level, year: int, gemeente: str | None, source: str | Path, refresh: bool, include_water: bool
) -> gpd.GeoDataFrame:
    gemeente = codes.normalize(gemeente, level="gemeente") if gemeente is not None else None
    if isinstance(source, Path) or source not in SOURCES:
        frame = _from_file(Path(source), level, year, gemeente)
    else:
        if source == "auto":
            sampled = gemeente == SAMPLE_GEMEENTE and year in SAMPLE_YEARS
            source = "sample" if sampled else "pdok" if year >= FIRST_OGC_YEAR else "wfs"
        if source == "sample":
            frame = _from_sample(level, year, gemeente)
        elif source == "cbs":
            frame = _from_file(_cbs_geopackage(year, refresh), level, year, gemeente)
        else:
            frame = _from_service(source, level, year, refresh)
    if gemeente is not None:
        frame = _in_gemeente(frame, gemeente)
    return _leave_out(frame, include_water)


def _in_gemeente(frame: gpd.GeoDataFrame, gemeente: str) -> gpd.GeoDataFrame:
    attrs = frame.attrs
    frame = frame[frame["gemeente_code"] == gemeente].reset_index(drop=True)
    frame.attrs = attrs
    return frame


def _from_file(path: Path, level: codes.Level, year: int, gemeente: str | None = None) -> gpd.GeoDataFrame:
    """Read ``level`` from a file: its own layer or codes when it has them, else dissolved from its buurten.

    With ``gemeente`` the buurten are narrowed to it before dissolving: a national file is not dissolved whole.
    """
    if not path.exists():
        msg = f"source {str(path)!r} is neither one of {list(SOURCES)} nor an existing boundary file."
        raise InputFileError(msg)
    layers = [str(name).lower() for name, _ in pyogrio.list_layers(path)]
    own_layer = len(layers) > 1 and any(level in name for name in layers)
    frame = read_boundaries(path, year=year, level=level if own_layer else None, include_water=True)
    finer = LEVELS.index(frame["level"].iloc[0]) > LEVELS.index(level)
    if finer:
        frame = dissolve(frame if gemeente is None else _in_gemeente(frame, gemeente), level)
    elif frame["level"].iloc[0] != level:
        msg = f"{path}: holds {frame['level'].iloc[0]} polygons, from which no {level} polygons can be made."
        raise InputFileError(msg)
    return frame


def _from_sample(level: codes.Level, year: int, gemeente: str | None) -> gpd.GeoDataFrame:
    if gemeente != SAMPLE_GEMEENTE or year not in SAMPLE_YEARS:
        msg = (
            f"The embedded sample holds the buurten of {SAMPLE_GEMEENTE} (Hengelo) for {list(SAMPLE_YEARS)}, "
            f"not {gemeente or 'the whole country'} in {year}; use source='auto' or 'pdok'."
        )
        raise DataNotAvailableError(msg)
    return _from_file(datasets.get_path("hengelo/buurten.gpkg"), level, year, gemeente)


def _manual(year: int) -> str:
    return (
        f"or download the CBS wijk- en buurtkaart {year} from {CBS_PAGE.format(year=year)}, unzip it and pass "
        "the GeoPackage's path as source= (or read it with buurtdata.read_boundaries)"
    )


def _from_service(kind: str, level: codes.Level, year: int, refresh: bool) -> gpd.GeoDataFrame:
    """Download every page of a PDOK collection (each page cached) and normalise the features."""
    collection = COLLECTIONS[level]
    if kind == "pdok":
        url = f"{OGC_API.format(year=year)}/collections/{collection}/items"
        params: dict[str, str] | None = {"f": "json", "limit": str(PAGE_SIZE)}
    else:
        url = WFS.format(year=year)
        params = {
            "service": "WFS",
            "version": "2.0.0",
            "request": "GetFeature",
            "typeNames": f"wijkenbuurten:{collection}",
            "outputFormat": "application/json",
            "srsName": "EPSG:28992",
            "count": str(PAGE_SIZE),
            "startIndex": "0",
        }
    features: list[dict[str, Any]] = []
    while True:
        page = _http.get_json(url, params, refresh=refresh, manual=_manual(year))
        features += page.get("features", [])
        following = _next_page(kind, url, page, params)
        if following is None:
            break
        url, params = following
    if not features:
        msg = f"{url}: answered without {collection} features for {year}; check the year (PDOK has 2023 on as OGC API)."
        raise DataNotAvailableError(msg)
    # OGC API Features answers in lon/lat (CRS84) unless asked otherwise; the WFS request asks for RD New
    # (in WFS 2.0, EPSG:4326 would mean lat/lon axis order, which GeoJSON readers do not expect).
    frame = gpd.GeoDataFrame.from_features(features, crs="OGC:CRS84" if kind == "pdok" else settings.default_crs)
    frame = _to_rd_new(frame, url, lonlat_by_default=True)
    return normalise(frame, source=url, year=year, level=level, include_water=True)


def _next_page(
    kind: str, url: str, page: Mapping[str, Any], params: dict[str, str] | None
) -> tuple[str, dict[str, str] | None] | None:
    """Return the request for the page after ``page``, or ``None`` on the last page."""
    if kind == "pdok":
        # OGC API Features pages by a rel="next" link that carries the whole query.
        link = next((link for link in page.get("links", []) if link.get("rel") == "next"), None)
        return (link["href"], None) if link else None
    # WFS 2.0 pages by startIndex; a short page is the last.
    if params is None or len(page.get("features", [])) < PAGE_SIZE:
        return None
    return url, {**params, "startIndex": str(int(params["startIndex"]) + PAGE_SIZE)}


def _cbs_geopackage(year: int, refresh: bool) -> Path:
    """Download (or take from the cache) CBS's zip for ``year`` and return its extracted GeoPackage."""
    archive = _http.download_file(CBS_GEOPACKAGE.format(year=year), refresh=refresh)
    target = Path(settings.cache_dir) / "wijkbuurtkaart" / str(year)
    with zipfile.ZipFile(archive) as opened:
        members = [m for m in opened.namelist() if m.lower().endswith(".gpkg")]
        if not members:
            msg = f"{archive}: the CBS download for {year} holds no GeoPackage ({opened.namelist()[:10]}); {_manual(year)}."
            raise InputFileError(msg)
        # Only the file name is used, so a member path cannot point outside the cache folder.
        extracted = target / Path(members[0]).name
        if refresh or not extracted.exists():
            target.mkdir(parents=True, exist_ok=True)
            temporary = extracted.with_suffix(".part")
            with opened.open(members[0]) as packed, temporary.open("wb") as unpacked:
                shutil.copyfileobj(packed, unpacked)
            temporary.replace(extracted)
    return extracted


def write_geopackage(path: str | Path, frames: Mapping[str, gpd.GeoDataFrame]) -> Path:
    """Write one layer per level (``{"buurten": ..., "wijken": ...}``) to a GeoPackage that QGIS opens.

    An existing file is replaced so no stale layer stays behind.
    """
    path = Path(path)
    path.unlink(missing_ok=True)
    for layer, frame in frames.items():
        _for_files(frame).to_file(path, layer=layer, driver="GPKG")
    return path


def write_geoparquet(path: str | Path, frame: gpd.GeoDataFrame) -> Path:
    """Write ``frame`` as GeoParquet (QGIS 3.32+ and GDAL 3.8+ open it)."""
    path = Path(path)
    _for_files(frame).to_parquet(path)
    return path


def _for_files(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    # GDAL writes nullable integers and strings fine; attrs hold lists that file formats cannot store.
    out = frame.copy()
    out.attrs = {}
    return out


def display_tolerance(frame: gpd.GeoDataFrame) -> float:
    """Return a simplification tolerance in metres suited to the extent of ``frame``.

    About 1/1500 of the longest side: on an A4 map that is well under a
    printed tenth of a millimetre (about 9 m for a gemeente like Hengelo,
    about 200 m for the whole country).
    """
    minx, miny, maxx, maxy = frame.total_bounds
    return max(maxx - minx, maxy - miny) / 1500


def simplify_for_display(frame: gpd.GeoDataFrame, tolerance: float | None = None) -> gpd.GeoDataFrame:
    """Simplify polygons for maps while keeping shared borders shared.

    Uses shapely's coverage simplification, so neighbouring buurten get no
    gaps or overlaps. ``tolerance`` is in metres (RD New); by default
    :func:`display_tolerance`. Rows without geometry are kept as they are.

    >>> from buurtdata import datasets
    >>> buurten = read_boundaries(datasets.get_path("hengelo/buurten.gpkg"), layer="buurten")
    >>> simple = simplify_for_display(buurten)
    >>> bool(shapely.coverage_is_valid(simple.geometry.array))
    True
    """
    tolerance = display_tolerance(frame) if tolerance is None else tolerance
    simplified = frame.copy()
    present = frame.geometry.notna() & ~frame.geometry.is_empty
    simplified.loc[present, "geometry"] = shapely.coverage_simplify(frame.geometry[present].array, tolerance)
    return simplified
