"""buurten, wijken and gemeenten of any year, from the source asked for (a file, the sample, PDOK, CBS)."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable
from pathlib import Path

import geopandas as gpd
import pyogrio

from buurtdata import codes, datasets, settings
from buurtdata._errors import DataNotAvailableError, InputFileError, few
from buurtdata.sources.geometry.display import dissolve
from buurtdata.sources.geometry.files import LEVELS, LOCAL_SUFFIXES, leave_out, read_boundaries
from buurtdata.sources.geometry.services import FIRST_OGC_YEAR, cbs_geopackage, from_service

#: The embedded sample: gemeente and the KWB years whose buurt codes its polygons carry.
SAMPLE_GEMEENTE = "GM0164"
SAMPLE_YEARS = (2020, 2024)
SOURCES = ("auto", "sample", "pdok", "wfs", "cbs")


def buurten(
    year: int,
    *,
    gemeente: str | Iterable[str] | None = None,
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
        A gemeente code (``"GM0164"``, ``"0164"``) or several (``["GM0402", "GM0363"]``); default the whole
        country. A name (``"Hilversum"``) is given the code the KWB files at hand give it.
    source
        ``"auto"``: a boundary file kept in ``settings.data_dir / "raw" / "wijkbuurtkaart<year>..."``
        (see :func:`local_file`), else PDOK (the OGC API from 2023, the WFS before; answered from the
        disk cache when it holds the pages). ``"sample"``: the embedded Hengelo sample (GM0164, 2020
        and 2024). ``"pdok"`` (OGC API Features, 2023 on), ``"wfs"`` (PDOK WFS), ``"cbs"`` (CBS's
        GeoPackage download), or the path of a boundary file.
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
    >>> frame = buurten(2024, gemeente="GM0164", source="sample")
    >>> len(frame), frame.crs.to_epsg(), set(frame["level"])
    (62, 28992, {'buurt'})
    """
    return _boundaries("buurt", year, gemeente, source, refresh, include_water)


def wijken(
    year: int,
    *,
    gemeente: str | Iterable[str] | None = None,
    source: str | Path = "auto",
    refresh: bool = False,
    include_water: bool = False,
) -> gpd.GeoDataFrame:
    """Return the wijk polygons of ``year``; dissolved from buurten when only buurten are at hand.

    Parameters as :func:`buurten`.

    >>> frame = wijken(2024, gemeente="GM0164", source="sample")
    >>> len(frame), frame["code"].str[:6].unique().tolist()
    (10, ['WK0164'])
    """
    return _boundaries("wijk", year, gemeente, source, refresh, include_water)


def gemeenten(
    year: int,
    *,
    gemeente: str | Iterable[str] | None = None,
    source: str | Path = "auto",
    refresh: bool = False,
    include_water: bool = False,
) -> gpd.GeoDataFrame:
    """Return the gemeente polygons of ``year`` (or the one ``gemeente``); parameters as :func:`buurten`.

    >>> frame = gemeenten(2024, gemeente="GM0164", source="sample")
    >>> frame[["code", "name", "level"]].values.tolist()
    [['GM0164', 'Hengelo', 'gemeente']]
    """
    return _boundaries("gemeente", year, gemeente, source, refresh, include_water)


def _boundaries(
    level: codes.Level,
    year: int,
    gemeente: str | Iterable[str] | None,
    source: str | Path,
    refresh: bool,
    include_water: bool,
) -> gpd.GeoDataFrame:
    # A gemeente written by its name gets the code CBS's KWB files at hand give it (their names are CBS's own);
    # imported here: a build passes codes.
    from buurtdata import _kwb_at_hand

    # A name no KWB file names is looked up in the file passed too (sweep 14 F2: a gemeente formed since).
    passed = [Path(source)] if isinstance(source, Path) or source not in SOURCES else None
    gemeente = _kwb_at_hand.asked_gemeenten(gemeente, year, boundaries=passed)
    local = local_file(year) if source == "auto" and not refresh else None
    if isinstance(source, Path) or source not in SOURCES:
        frame = _from_file(Path(source), level, year, gemeente)
    elif local is not None:
        frame = _from_file(local, level, year, gemeente)
    elif source == "sample":
        frame = _from_sample(level, year, gemeente)
    elif source == "cbs":
        frame = _from_file(cbs_geopackage(year, refresh), level, year, gemeente)
    else:
        service = source if source != "auto" else "pdok" if year >= FIRST_OGC_YEAR else "wfs"
        try:
            frame = from_service(service, level, year, refresh)
        except DataNotAvailableError as error:
            if source != "auto" or not (at_hand := _other_files(year)):
                raise
            # User test L: offline, the analyst was sent to PDOK and CBS while data/raw held polygons of the gemeente.
            msg = (
                f"{error} Boundary files under {Path(settings.data_dir) / 'raw'} not named for {year} "
                f"(source='auto' reads only wijkbuurtkaart*{year}* folders): {at_hand}; pass one as source= (or as "
                "kerncijfers' geometry=) when its codes are those of that year: buurtdata names any that are not."
            )
            raise DataNotAvailableError(msg) from error
    if gemeente is not None:
        frame = _in_gemeente(frame, gemeente)
        lacking = [code for code in gemeente if code not in set(frame["gemeente_code"])]
        if lacking:
            # Nothing silently dropped (user test L: a list with a gemeente the file lacks gave the others only).
            where = f"{local} (found for source='auto')" if local is not None else _named(source, frame)
            msg = (
                f"{where} has no {level} polygons of {', '.join(lacking)} in {year}; pass source='pdok' or the "
                "file of that gemeente (CBS's wijk- en buurtkaart of that year holds every gemeente)."
            )
            raise DataNotAvailableError(msg)
    return leave_out(frame, include_water)


def _named(source: str | Path, frame: gpd.GeoDataFrame) -> str:
    """The source of ``frame`` as a message names it: its file, or ``source='pdok'``."""
    if isinstance(source, Path) or source not in SOURCES:
        return str(source)
    return str(frame.attrs.get("source") or f"source={source!r}")


def _in_gemeente(frame: gpd.GeoDataFrame, gemeente: list[str]) -> gpd.GeoDataFrame:
    attrs = frame.attrs
    frame = frame[frame["gemeente_code"].isin(gemeente)].reset_index(drop=True)
    frame.attrs = attrs
    return frame


def _from_file(path: Path, level: codes.Level, year: int, gemeente: list[str] | None = None) -> gpd.GeoDataFrame:
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


def _from_sample(level: codes.Level, year: int, gemeente: list[str] | None) -> gpd.GeoDataFrame:
    if gemeente != [SAMPLE_GEMEENTE] or year not in SAMPLE_YEARS:
        asked = ", ".join(gemeente) if gemeente else "the whole country"
        msg = (
            f"The embedded sample holds the buurten of {SAMPLE_GEMEENTE} (Hengelo) for {list(SAMPLE_YEARS)}, "
            f"not {asked} in {year}; use source='pdok' or a boundary file."
        )
        raise DataNotAvailableError(msg)
    return _from_file(datasets.get_path("hengelo/buurten.gpkg"), level, year, gemeente)


def _other_files(year: int) -> str:
    """The boundary files under ``data/raw`` that ``source="auto"`` does not read for ``year``, for a message."""
    raw = Path(settings.data_dir) / "raw"
    found = sorted(
        str(path)
        for path in raw.rglob("*")
        if path.suffix.lower() in LOCAL_SUFFIXES
        and not fnmatch.fnmatch(path.relative_to(raw).parts[0], f"wijkbuurtkaart*{year}*")
        and not path.name.lower().startswith(("kwb", "cbs.v"))
    )
    return few(found, 6) if found else ""


def local_file(year: int) -> Path | None:
    """Return a boundary file of ``year`` kept under ``settings.data_dir / 'raw'``, in a folder named
    ``wijkbuurtkaart<year>...``.

    That is where to unzip CBS's ``wijkbuurtkaart_<year>_v1.zip`` (``wijkbuurtkaart_2024/``) or keep
    another file of that year's boundaries; ``source="auto"`` reads it before going to the network.
    """
    raw = Path(settings.data_dir) / "raw"
    for folder in sorted(raw.glob(f"wijkbuurtkaart*{year}*")):
        found = sorted(p for p in folder.rglob("*") if p.suffix.lower() in LOCAL_SUFFIXES)
        if found:
            return found[0]
    return None
