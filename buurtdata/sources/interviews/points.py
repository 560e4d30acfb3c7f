"""Coordinates written as a segment's place (``52.26, 6.79``, RD x/y), placed by point in polygon for
:class:`~buurtdata.sources.interviews.gazetteer.Gazetteer`."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from buurtdata.sources.interviews.names import _join
from buurtdata.sources.interviews.wording import Gazetteer, _Placement, _unplaced

if TYPE_CHECKING:
    import geopandas as gpd


def place_points(
    gazetteer: Gazetteer, points: dict[str, tuple[float, float, str]], boundaries: gpd.GeoDataFrame | None
) -> dict[str, _Placement]:
    """Place coordinate pairs by point in polygon; each text gets a placement."""
    if not points:
        return {}
    if boundaries is None:
        reason = "no match: coordinates need buurt polygons, and none were given (pass boundaries=)"
        return {text: _unplaced(reason) for text in points}
    import geopandas as gpd

    frames = []
    for crs in sorted({crs for _, _, crs in points.values()}):
        texts = [t for t, p in points.items() if p[2] == crs]
        xy = gpd.points_from_xy([points[t][0] for t in texts], [points[t][1] for t in texts], crs=crs)
        frames.append(gpd.GeoDataFrame({"text": texts}, geometry=xy).to_crs(boundaries.crs))
    located = pd.concat(frames, ignore_index=True)
    joined = located.sjoin(boundaries[["code", "geometry"]], how="left", predicate="intersects")
    out: dict[str, _Placement] = {}
    lost: list[str] = []
    for text, hits in joined.groupby("text", sort=False)["code"]:
        found = sorted({str(c).strip().upper() for c in hits.dropna()})
        ours = [c for c in found if c in gazetteer.buurten]
        if len(ours) == 1 and len(found) == 1:
            out[text] = ours[0], gazetteer.buurten[ours[0]][1], "coordinaten", None
        elif not found:
            out[text] = _unplaced("outside gemeente: the point lies in none of the project's buurt polygons")
            lost.append(text)
        elif not ours:
            out[text] = _unplaced(f"no match: the point lies in {', '.join(found)}, not a buurt of these regions")
        else:
            out[text] = _unplaced(f"ambiguous between {_join(found)}: the point lies on their border")
    aside = getattr(gazetteer.refused, "polygons", None)  # a Refused knows the polygons of the gemeenten left out
    if lost and aside is not None and len(aside):
        # Only the points outside every buurt built are looked for in a refused gemeente's polygons.
        within = located[located["text"].isin(lost)].to_crs(aside.crs)
        hits = within.sjoin(aside[["gemeente_code", "geometry"]], how="inner", predicate="intersects")
        for text, gemeenten in hits.groupby("text", sort=False)["gemeente_code"]:
            out[text] = _unplaced(gazetteer.not_built(gemeenten))
    return out
