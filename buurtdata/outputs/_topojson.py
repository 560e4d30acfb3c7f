"""Buurt shapes for the screen as one TopoJSON dataset: simplified, quantised and delta-encoded.

A chart draws its shapes from this one dataset and finds each buurt's figures by a lookup on ``id`` (the buurt
code), so the geometry is in a Vega-Lite spec once however many layers or views draw it. Coordinates are
whole multiples of a quantum (a metre for a gemeente, more for the country: far below a screen pixel), written
as differences from the previous point; neighbouring buurten share their borders exactly because coverage
simplification (:func:`buurtdata.sources.geometry.simplify_for_display`) keeps them shared and the same point
always rounds to the same grid point. For all 13,594 buurten of Nederland this is about 1.5 MB instead of 20.
"""

from __future__ import annotations

import json
from typing import Any

import altair as alt
import geopandas as gpd
import numpy as np
import shapely

#: The name of the dataset of shapes in a spec, and of its one object inside the topology.
NAME = "buurtvormen"
FEATURE = "buurten"
#: Grid points across the longest side of the map: far finer than any screen, and the deltas stay short.
_GRID = 20_000


def shapes(frame: gpd.GeoDataFrame) -> str:
    """Return the buurten of ``frame`` (RD New, with ``code``) as TopoJSON text, each geometry's ``id`` its code.

    Simplify first (:func:`buurtdata.sources.geometry.simplify_for_display`); rows without a geometry are left
    out: they have nothing to draw.

    >>> from buurtdata import datasets
    >>> from buurtdata.sources import geometry
    >>> buurten = geometry.read_boundaries(datasets.get_path("hengelo/buurten.gpkg"), layer="buurten")
    >>> topology = json.loads(shapes(geometry.simplify_for_display(buurten)))
    >>> len(topology["objects"][FEATURE]["geometries"]), topology["transform"]["scale"]
    (62, [1.0, 1.0])
    """
    simple = frame[frame.geometry.notna() & ~frame.geometry.is_empty]
    minx, miny, maxx, maxy = simple.total_bounds if len(simple) else (0.0, 0.0, 1.0, 1.0)
    quantum = max(1.0, float(np.floor(max(maxx - minx, maxy - miny) / _GRID)))
    origin = np.array([np.floor(minx), np.floor(miny)])
    # All at once: the polygons of each buurt, the rings of each polygon (exterior first), the points of each ring.
    polygons, of_buurt = shapely.get_parts(simple.geometry.array, return_index=True)
    kept = shapely.get_type_id(polygons) == shapely.GeometryType.POLYGON.value
    polygons, of_buurt = polygons[kept], of_buurt[kept]
    rings, of_polygon = shapely.get_rings(polygons, return_index=True)
    points, of_ring = shapely.get_coordinates(rings, return_index=True)
    grid = np.round((points - origin) / quantum).astype(np.int64)
    first = np.concatenate([[True], of_ring[1:] != of_ring[:-1]])
    delta = np.where(first[:, None], grid, grid - np.roll(grid, 1, axis=0))
    # A point that falls on the grid point of the one before adds nothing.
    keep = first | (delta != 0).any(axis=1)
    delta, of_ring = delta[keep], of_ring[keep]
    starts = np.searchsorted(of_ring, np.arange(len(rings) + 1))
    flat = delta.tolist()
    # Each ring is an arc of its own, numbered as the rings are.
    arcs = [flat[starts[i] : starts[i + 1]] for i in range(len(rings))]
    ring_starts = np.searchsorted(of_polygon, np.arange(len(polygons) + 1))
    shapes_of: list[list[list[list[int]]]] = [[] for _ in range(len(simple))]
    for number, buurt in enumerate(of_buurt.tolist()):
        shapes_of[buurt].append([[ring] for ring in range(ring_starts[number], ring_starts[number + 1])])
    geometries = []
    for code, parts in zip(simple["code"], shapes_of, strict=True):
        if len(parts) == 1:
            geometries.append({"type": "Polygon", "id": code, "arcs": parts[0]})
        elif parts:
            geometries.append({"type": "MultiPolygon", "id": code, "arcs": parts})
    topology = {
        "type": "Topology",
        "transform": {"scale": [quantum, quantum], "translate": origin.tolist()},
        "objects": {FEATURE: {"type": "GeometryCollection", "geometries": geometries}},
        "arcs": arcs,
    }
    # As one string (Vega parses it): Altair copies and checks a spec's lists item by item, 14 s for the country.
    return json.dumps(topology, separators=(",", ":"), ensure_ascii=False)


def reference() -> alt.NamedData:
    """Return the reference to the shapes dataset (:data:`NAME` in the spec's ``datasets``), read as TopoJSON."""
    return alt.NamedData(name=NAME, format=alt.DataFormat(type="topojson", feature=FEATURE))


def lookup_shape() -> dict[str, Any]:
    """Return the arguments of ``transform_lookup`` that give each row (by ``code``) its shape as ``geo``."""
    return {"lookup": "code", "from_": alt.LookupData(data=reference(), key="id"), "as_": "geo"}
