"""Boundary files: read any GeoPackage, GeoJSON, TopoJSON or shapefile, repair it, normalise its columns.

Every frame is put in RD New (``settings.default_crs``) with the same normalised columns
whatever the source (see :mod:`buurtdata.sources.geometry`); numeric attributes get a
``<column>_status`` (:mod:`~buurtdata.sources.geometry.status`).
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely

from buurtdata import codes, settings
from buurtdata._errors import BuurtdataError, InputFileError, ValidationError
from buurtdata.sources.geometry.status import with_status

LEVELS: tuple[codes.Level, ...] = ("gemeente", "wijk", "buurt")
#: File types a boundary file kept under ``settings.data_dir / "raw"`` may have.
LOCAL_SUFFIXES = (".gpkg", ".geojson", ".json", ".topojson", ".shp")

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
    "year",
    "gemeente_code",
    "gemeente_name",
    "wijk_code",
    "wijk_name",
    "water",
    "pseudo",
)

#: shapely geometry type ids.
POLYGON, MULTIPOLYGON = 3, 6


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
        The indeling year, stored in column ``year``; by default read from the
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
        msg = _unreadable(path, layer, error)
        raise InputFileError(msg) from error
    if frame.empty:
        msg = (
            f"{path}: layer {layer or '(the only one)'} holds no features; use the layer with the gemeente, "
            f"wijk or buurt polygons (layers: {', '.join(pyogrio.list_layers(path)[:, 0])})."
        )
        raise InputFileError(msg)
    frame = to_rd_new(frame, str(path), lonlat_by_default=path.suffix.lower() in LONLAT_BY_DEFAULT)
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
    code_column, found_level = _code_column(frame, source, level)
    found = _normalised_codes(frame[code_column], found_level, source, code_column, guessed=level is None)
    level = found_level
    out = pd.DataFrame(index=frame.index)
    out["code"] = found
    out["name"] = _first(frame, NAME_PROPERTIES[level] + GENERIC_NAME_PROPERTIES)
    out["level"] = level
    out["year"] = pd.array([year] * len(frame) if year is not None else _years(frame), dtype="Int64")
    out["gemeente_code"] = codes.parents(found, "gemeente")
    out["gemeente_name"] = _first(frame, NAME_PROPERTIES["gemeente"]) if level != "gemeente" else out["name"]
    if level == "buurt":
        out["wijk_code"] = codes.parents(found, "wijk")
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
    out = pd.concat([out, with_status(extra)], axis=1)

    geometry, repaired = _polygons(frame.geometry, found, source)
    result = gpd.GeoDataFrame(out, geometry=geometry, crs=frame.crs)
    result.attrs = {"source": source, "repaired": repaired}
    kept = leave_out(result, include_water)
    _check_polygons(kept, source)
    return kept


def _check_polygons(frame: gpd.GeoDataFrame, source: str) -> None:
    """Refuse features without a polygon, and features that share one polygon (a copied row), listing them all."""
    array = frame.geometry.array
    missing = shapely.is_missing(array) | shapely.is_empty(array)
    problems = [
        f"feature {code}: has no polygon (null or empty geometry); draw it, or remove the feature"
        for code in frame.loc[missing, "code"]
    ]
    shapes = pd.Series(shapely.to_wkb(shapely.normalize(array[~missing])), index=frame.index[~missing])
    copied = shapes[shapes.duplicated(keep=False)]
    for _, same in frame.loc[copied.index, "code"].groupby(copied.to_numpy(), sort=False):
        problems.append(
            f"features {', '.join(same)} have the same polygon; one is probably a copy of the other. "
            "Give each its own polygon, or remove the copy"
        )
    if problems:
        raise ValidationError(problems, source=source)


def leave_out(frame: gpd.GeoDataFrame, include_water: bool) -> gpd.GeoDataFrame:
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


def _unreadable(path: Path, layer: str | None, error: Exception) -> str:
    """Why ``path`` cannot be read: a layer it does not have, named with the layers it has, or not a polygon file."""
    if layer is not None and isinstance(error, pyogrio.errors.DataLayerError):
        try:
            layers = [str(name) for name, _ in pyogrio.list_layers(path)]
        except pyogrio.errors.DataSourceError:
            layers = []
        if layers and layer not in layers:
            return (
                f"{path}: has no layer {layer!r} (the layer asked for: [boundaries] layer in a project file, or "
                f"layer=); its layers are {', '.join(map(repr, layers))}. Fix: set [boundaries] layer to the one "
                "with the buurt polygons, or leave it out when the file has one layer."
            )
    return f"{path}: cannot be read as a GeoPackage, GeoJSON, TopoJSON or shapefile ({error})."


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


def to_rd_new(frame: gpd.GeoDataFrame, source: str, *, lonlat_by_default: bool) -> gpd.GeoDataFrame:
    bounds = frame.total_bounds
    looks_rd, looks_lonlat = _within(bounds, RD_EXTENT), _within(bounds, LONLAT_EXTENT)
    shown = ", ".join(f"{b:.6g}" for b in bounds)
    if frame.crs is None:
        if looks_lonlat:
            if not lonlat_by_default:
                _warn(
                    f"{source}: states no coordinate reference system; its "
                    f"coordinates ({shown}) are lon/lat, read as WGS84 (EPSG:4326)."
                )
            frame = frame.set_crs("EPSG:4326")
        elif looks_rd:
            _warn(
                f"{source}: states no coordinate reference system (a "
                f"shapefile without .prj?); its coordinates ({shown}) "
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


def require_buurten(frame: gpd.GeoDataFrame, source: object, year: int) -> None:
    """Refuse polygons of gemeenten or wijken (read as the finest level a file has) where buurten are needed.

    >>> import shapely
    >>> gemeenten = gpd.GeoDataFrame({"code": ["GM0150"], "level": ["gemeente"]}, geometry=[shapely.box(0, 0, 1, 1)])
    >>> require_buurten(gemeenten, "gemeenten.json", 2020)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    buurtdata._errors.InputFileError: gemeenten.json: holds 1 gemeente polygon(s) (GM0150), no buurten; a ...
    """
    levels = set(frame["level"]) - {"buurt"}
    if not levels:
        return
    level = sorted(levels)[0]
    shown = ", ".join(frame["code"].head(3))
    msg = (
        f"{source}: holds {len(frame)} {level} polygon(s) ({shown}{', ...' if len(frame) > 3 else ''}), no buurten; "
        f"a project needs the buurt polygons: the layer 'buurten' of {kaart(year)}. "
        "Set [boundaries] path (and layer) to it."
    )
    raise InputFileError(msg)


def kaart(year: int) -> str:
    """The polygons of ``year`` as every fix names them: CBS's name and PDOK's.

    >>> kaart(2020)
    "the CBS wijk- en buurtkaart of 2020 (PDOK 'wijkenbuurten 2020')"
    """
    return f"the CBS wijk- en buurtkaart of {year} (PDOK 'wijkenbuurten {year}')"


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


def _normalised_codes(
    values: pd.Series, level: codes.Level, source: str, column: str, *, guessed: bool = False
) -> pd.Series:
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
    if guessed and level != "buurt" and len(twice):
        # Many features per wijk code: the file holds buurten whose own code column is missing or misnamed.
        finer = "buurt" if level == "wijk" else "wijk or buurt"
        example = f"BU{twice[0][2:]}{'00' if level == 'wijk' else '0000'}"  # a code of the file's own gemeente
        msg = (
            f"{source}: has no {finer} code column, and its {column!r} repeats {level} codes ({twice[0]} "
            f"{int((found == twice[0]).sum())} times), so its features look like {finer}en without their code. "
            f"Add the buurt codes (BU + 8 characters, e.g. {example}) in a column named one of "
            f"{list(CODE_PROPERTIES['buurt'])} (in QGIS: the field calculator), or take the buurt layer of the CBS "
            f"wijk- en buurtkaart; in Python, pass level='{level}' if the features are {level}en."
        )
        raise InputFileError(msg)
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
        repaired[invalid] = [polygonal(g) for g in shapely.make_valid(array[invalid])]
    return gpd.GeoSeries(repaired, index=geometry.index, crs=geometry.crs), found[invalid].tolist()


def polygonal(geom: shapely.Geometry) -> shapely.Geometry:
    parts = [p for p in shapely.get_parts(geom) if shapely.get_type_id(p) in (POLYGON, MULTIPOLYGON)]
    return shapely.union_all(parts) if parts else shapely.Polygon()
