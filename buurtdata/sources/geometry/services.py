"""Boundaries from the network: PDOK's OGC API Features and WFS, and CBS's wijk- en buurtkaart GeoPackage.

Every request goes through :mod:`buurtdata._http` (retries, clear errors, disk cache), so a page or
file fetched once is answered from the cache afterwards.
"""

from __future__ import annotations

import contextlib
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import geopandas as gpd

from buurtdata import _cache, _http, codes, settings
from buurtdata._errors import DataNotAvailableError, InputFileError
from buurtdata.sources.geometry.files import normalise, to_rd_new

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


def _manual(year: int) -> str:
    folder = Path(settings.data_dir) / "raw" / f"wijkbuurtkaart_{year}"
    return (
        f"or download the CBS wijk- en buurtkaart {year} from {CBS_PAGE.format(year=year)}, unzip it into "
        f"{folder} (source='auto' reads it from there) or pass the GeoPackage's path as source= "
        "(or read it with buurtdata.read_boundaries)"
    )


def from_service(kind: str, level: codes.Level, year: int, refresh: bool) -> gpd.GeoDataFrame:
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
    frame = to_rd_new(frame, url, lonlat_by_default=True)
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


def cbs_geopackage(year: int, refresh: bool) -> Path:
    """Download (or take from the cache) CBS's zip for ``year`` and return its extracted GeoPackage.

    A cached zip that does not open (edited, or damaged on disk) is downloaded again once, as a damaged JSON
    entry is; the GeoPackage is extracted under a name of its own, so two processes never write one file.
    """
    url = CBS_GEOPACKAGE.format(year=year)
    archive = _http.download_file(url, refresh=refresh)
    try:
        opened = zipfile.ZipFile(archive)
    except zipfile.BadZipFile:
        # User test L: a damaged zip in the cache ended in a bare BadZipFile, and stayed there.
        _cache.damaged.add(archive)
        with contextlib.suppress(OSError):
            archive.unlink()
        archive = _http.download_file(url, refresh=True)
        try:
            opened = zipfile.ZipFile(archive)
        except zipfile.BadZipFile as error:
            msg = f"{archive}: CBS's download for {year} is not a zip file ({error}); {_manual(year)}."
            raise InputFileError(msg) from error
    with opened:
        members = [m for m in opened.namelist() if m.lower().endswith(".gpkg")]
        if not members:
            msg = (
                f"{archive}: the CBS download for {year} holds no "
                f"GeoPackage ({opened.namelist()[:10]}); {_manual(year)}."
            )
            raise InputFileError(msg)
        # Only the file name is used, so a member path cannot point outside the cache folder.
        extracted = Path(settings.cache_dir) / "wijkbuurtkaart" / str(year) / Path(members[0]).name
        if refresh or not extracted.exists():
            with opened.open(members[0]) as packed:
                extracted = _cache.write_stream(extracted, packed)
    return extracted
