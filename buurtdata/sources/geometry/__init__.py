"""Gemeente, wijk and buurt boundaries (CBS wijk- en buurtkaart): download, read, repair, display.

Every frame this package returns is in RD New (``settings.default_crs``) and
has the same normalised columns whatever the source (CBS GeoPackage, PDOK
OGC API or WFS GeoJSON, shapefile, GeoJSON or TopoJSON):

``code, name, level, year, gemeente_code, gemeente_name, [wijk_code, wijk_name,] water, pseudo``,
then the source's other attributes in snake_case. A numeric attribute gets a
``<column>_status`` column (``waarde``, ``ontbreekt``, ``geheim``,
``niet_van_toepassing``, the vocabulary of the ``observations`` mart), decided
by the same staging SQL as the KWB figures; CBS sentinels (-99999999, -99997,
...) and missing numbers become missing values.

Water buurten (``water = JA``) and pseudo-buurten (codes ending in 9997,
9998 or 9999) are flagged and, unless ``include_water=True``, left out; the
codes left out are listed in ``frame.attrs["left_out"]``, the codes whose
polygon was repaired with ``make_valid`` in ``frame.attrs["repaired"]``.

One job per module:

- :mod:`~buurtdata.sources.geometry.files`: reading and normalising a boundary file (CRS repair, code columns);
- :mod:`~buurtdata.sources.geometry.status`: the status of each number in its attributes;
- :mod:`~buurtdata.sources.geometry.services`: PDOK's OGC API and WFS, CBS's GeoPackage download;
- :mod:`~buurtdata.sources.geometry.display`: dissolving, simplifying for maps, writing GeoPackage/GeoParquet;
- :mod:`~buurtdata.sources.geometry.api`: :func:`buurten`, :func:`wijken`, :func:`gemeenten` from any source.
"""

from buurtdata.sources.geometry.api import (
    SAMPLE_GEMEENTE,
    SAMPLE_YEARS,
    SOURCES,
    buurten,
    gemeenten,
    local_file,
    wijken,
)
from buurtdata.sources.geometry.display import (
    display_tolerance,
    dissolve,
    simplify_for_display,
    simplify_per_gemeente,
    write_geopackage,
    write_geoparquet,
)
from buurtdata.sources.geometry.files import (
    CODE_PROPERTIES,
    GENERIC_CODE_PROPERTIES,
    GENERIC_NAME_PROPERTIES,
    LEVELS,
    NAME_PROPERTIES,
    NORMALISED,
    PSEUDO_SUFFIXES,
    BoundaryRepairWarning,
    normalise,
    read_boundaries,
    require_buurten,
)
from buurtdata.sources.geometry.services import CBS_GEOPACKAGE, CBS_PAGE, FIRST_OGC_YEAR, OGC_API, WFS

__all__ = [
    "CBS_GEOPACKAGE",
    "CBS_PAGE",
    "CODE_PROPERTIES",
    "FIRST_OGC_YEAR",
    "GENERIC_CODE_PROPERTIES",
    "GENERIC_NAME_PROPERTIES",
    "LEVELS",
    "NAME_PROPERTIES",
    "NORMALISED",
    "OGC_API",
    "PSEUDO_SUFFIXES",
    "SAMPLE_GEMEENTE",
    "SAMPLE_YEARS",
    "SOURCES",
    "WFS",
    "BoundaryRepairWarning",
    "buurten",
    "display_tolerance",
    "dissolve",
    "gemeenten",
    "local_file",
    "normalise",
    "read_boundaries",
    "require_buurten",
    "simplify_for_display",
    "simplify_per_gemeente",
    "wijken",
    "write_geopackage",
    "write_geoparquet",
]
