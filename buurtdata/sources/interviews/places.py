"""Placing segments in a buurt or wijk: by code, name, postcode, CBS PC6 address table or coordinates.

:func:`resolve_locations` reads each written location against a gazetteer of
the wijken and buurten of the project's gemeente (or gemeenten, or all of NL) and records how it was placed
in ``resolved_by``; a location it cannot place stays, with the reason.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from buurtdata import codes
from buurtdata._errors import BuurtdataError, ValidationError
from buurtdata.sources.interviews import gemeente_column, wording
from buurtdata.sources.interviews.distinct import distinct_codes, spread
from buurtdata.sources.interviews.gazetteer import Gazetteer
from buurtdata.sources.interviews.patterns import _coordinates

if TYPE_CHECKING:
    import geopandas as gpd

#: Columns :func:`resolve_locations` adds.
LOCATION_COLUMNS = ["buurt_code", "wijk_code", "resolved_by", "reason"]
#: Values of ``resolved_by``: how a location was placed, or ``onbekend``. ``pc6`` is a
#: 6-character postcode (with house number) in a CBS PC6 table, ``postcode`` the weak 4-digit
#: link, ``coordinaten`` a point (RD or lon/lat) inside a buurt polygon.
RESOLVED_BY = ("buurtcode", "wijkcode", "buurtnaam", "wijknaam", "pc6", "postcode", "coordinaten", "onbekend")


def resolve_locations(
    segments: pd.DataFrame,
    regions: pd.DataFrame,
    *,
    gemeente: str | Iterable[str],
    pc6: pd.DataFrame | None = None,
    boundaries: gpd.GeoDataFrame | None = None,
    refused: Mapping[str, str] | None = None,
    held_in: Iterable[str] = (),
    gazetteer: Gazetteer | None = None,
) -> pd.DataFrame:
    """Return the segments with the buurt and wijk each ``location_raw`` points to.

    A location is read, in this order, as a region code (``BU01640101``,
    ``01640101``, ``WK016402``; a leading zero a spreadsheet dropped is
    restored), as a postcode (``7557``, ``7557 AB``, ``7557 AB 12``, and glued or lower case:
    ``7553SA1``, ``7553sa12``, ``7553-SA-1``, ``7553 SA nr 1``), as a pair of coordinates (RD ``242050 475300``,
    ``251245,5 476863,2`` or ``X=251245 Y=476863``; ``52.266, 6.793`` in lat/lon or lon/lat order, also with
    decimal commas ``52,27026; 6,77132``, compass letters ``52.27026 N, 6.77132 E``, ``N 52.27026 E 6.77132``,
    ``52.27026 NB 6.77132 OL``, or as ``POINT(6.77132 52.27026)``; not in degrees and minutes) or as a buurt or
    wijk name, also with its own gemeente's (``Berflo Es Noord (Hengelo)``, ``berflo es noord, hengelo``,
    ``Hengelo Berflo Es Noord``, ``Berflo Es Noord Hengelo``, looked up in that gemeente alone, its name also
    misspelt; a gemeente not the project's places nothing, and the reason says what the name alone is; words
    after a comma or in brackets that read as a remark, not a gemeente, leave the plain reason). A name that
    is no region's but a whole word of some (``Colmschate``) is not placed; the reason names them; a name (no
    common word) in one buurt's name alone is placed there (``Leuvenum``: *Verspreide huizen Leuvenum*). A street
    with house number is an address, never placed. Names
    match ignoring case, accents and punctuation, wijk
    names with or without their ``Wijk 02`` prefix; a misspelt name matches the one region whose name is fewest
    edits away (a swap of two letters is one) when every other is 2 edits further (see ``typos.py``: ``Cenrtum`` is
    Centrum). A name
    that fits several regions is reported, never guessed, except a buurt
    named like the wijk it lies in (*Noord* in *Wijk 02 Noord*): like a
    postcode shared by buurten of one wijk, that is placed in the wijk only,
    ``wijknaam`` with the reason; in the buurt when it is the wijk's only buurt, or the only one not outlying
    houses of a wijk called so only through CBS's ``Wijk 01`` (*Speuld* in *Wijk 01 Speuld*). A buurt name
    two wijken share is written with its wijk: ``Verspreide huizen bosgebied (Wijk 00 Ermelo)``.

    A 6-character postcode is looked up in ``pc6`` when given: with a house
    number the address itself, without one (or with a number the table
    lacks) the buurt all its addresses share, else the shared wijk; it is
    ``pc6`` in ``resolved_by``. Coordinates are placed by point in polygon
    (geopandas ``sjoin``) in ``boundaries``: ``coordinaten``.

    A 4-digit postcode (or a PC6 without table) is a weak link: it is matched
    to the buurten where it is the most common postcode (CBS's
    ``MeestVoorkomendePostcode``). When that is
    several buurten, no buurt is chosen; if they share one wijk, the segment
    is placed in that wijk.

    Parameters
    ----------
    segments
        A frame with a ``location_raw`` column, e.g. from :func:`read_segments`; with a ``location_gemeente``
        column (the template's ``gemeente``), a row's place is looked up in the gemeente it names alone
        (:mod:`.gemeente_column`): ``Centrum`` beside ``Deventer`` is Deventer's Centrum, and a ``Noord`` beside
        ``Zwolle`` is never placed in Hengelo's Noord.
    regions
        Columns ``code, level, name, gemeente_code, wijk_code, postcode``;
        ``level`` is ``gemeente``, ``wijk`` or ``buurt``; ``postcode`` the
        most common 4-digit postcode of a buurt.
    gemeente
        The gemeente the interviews were held in, e.g. ``"GM0164"``; the gemeenten of a region, e.g.
        ``["GM0402", "GM0164"]`` (a project's ``gemeenten``); ``"NL"`` for the whole country. A name several
        of them share is ambiguous: the reason says how to write each ('Centrum (Hengelo)'), or the code.
    pc6
        A table from :func:`read_pc6`, or ``None``.
    boundaries
        Buurt polygons with a ``code`` column and a CRS (as
        :func:`buurtdata.sources.geometry.read_boundaries` returns), or ``None``:
        then coordinates stay unplaced, with that reason.
    refused
        Gemeente code -> why it was not built (a build of many gemeenten leaves some out, see
        ``buurtdata.pipeline.scope.refused``): a segment placed by code or PC6 address in one
        stays unplaced with the reason ``gemeente not built: <why>``. A ``gazetteer.Refused`` also knows
        their names, postcodes and polygons: a name, 4-digit postcode or point found only there says the
        same. A name or postcode found there and in a gemeente built is ambiguous (the segment may be meant where
        nothing is built): the reason names both, says which is not built and how to write the one built
        (``De Veste (Helmond)``).
    held_in
        The gemeenten the interviews were held in (codes or names; ``[interviews] gemeenten``): a name is looked
        up in those first and placed there when found there; only those gemeenten compete for it (a code, a name
        with its gemeente, or a name none of them has still places anywhere in the project, the last with a note).
        One that names no gemeente of ``regions`` or ``refused`` is a :class:`ValidationError` naming the closest.
    gazetteer
        The gazetteer of these ``regions``, ``gemeente`` and ``refused`` (:func:`gazetteer_for`) when the caller
        built it already (the agreements' gemeente column reads its cells with one), else ``None``: it is built.
        It is then given ``held_in`` and ``pc6``: hand a gazetteer to one call (a second would place by the first's
        PC6 table too; review11b L2).

    Returns
    -------
    pandas.DataFrame
        Every row of ``segments``, with ``buurt_code`` and ``wijk_code``
        (missing when not known), ``resolved_by`` (one of
        :data:`RESOLVED_BY`) and ``reason``: why a row is ``onbekend``
        (starting ``empty``, ``no match``, ``ambiguous``, ``outside
        gemeente`` or ``gemeente not built``), or how a loose match was read; missing for exact matches.

    Examples
    --------
    >>> regions = pd.DataFrame({
    ...     "code": ["GM0164", "WK016402", "BU01640200", "BU01640201"],
    ...     "level": ["gemeente", "wijk", "buurt", "buurt"],
    ...     "name": ["Hengelo (O.)", "Wijk 02 Noord", "Noord", "Elsbeek"],
    ...     "gemeente_code": "GM0164", "wijk_code": [None, None, "WK016402", "WK016402"],
    ...     "postcode": [None, None, "7557", "7557"]})
    >>> segments = pd.DataFrame({"location_raw": ["elsbek", "Noord", "7557", "BU03630000"]})
    >>> placed = resolve_locations(segments, regions, gemeente="GM0164")
    >>> placed[["buurt_code", "wijk_code", "resolved_by"]]
       buurt_code wijk_code resolved_by
    0  BU01640201  WK016402   buurtnaam
    1         NaN  WK016402    wijknaam
    2         NaN  WK016402    postcode
    3         NaN       NaN    onbekend
    >>> placed.loc[1, "reason"][:80]
    "ambiguous between buurt 'Noord' (BU01640200) and wijk 'Wijk 02 Noord' (WK016402)"
    >>> placed.loc[1, "reason"][80:]  # doctest: +NORMALIZE_WHITESPACE
    ': the name is both a buurt and the wijk around it, so the segment is placed in the wijk only;
    write the buurt code (BU01640200) to place it in the buurt'

    """
    gazetteer = gazetteer if gazetteer is not None else gazetteer_for(regions, gemeente, refused)
    if problems := wording.held_in(gazetteer, held_in):
        raise ValidationError(problems)
    if pc6 is not None:
        gazetteer.add_pc6(pc6)
    # Placed once per distinct text: a million segments name a few thousand places. A missing one is "".
    position, distinct = distinct_codes(segments["location_raw"], missing="")
    distinct = list(map(str, distinct.tolist()))
    placed = {text: gazetteer.place(text) for text in distinct}
    points = {text: point for text in placed if (point := _coordinates(text)) is not None}
    placed |= gazetteer.place_points(points, boundaries)
    out = segments.copy()
    for i, column in enumerate(LOCATION_COLUMNS):
        out[column] = spread([placed[text][i] for text in distinct], position, out.index)
    if "location_gemeente" in segments.columns:
        _in_gemeente_column(out, gazetteer, placed)
    return out


def gazetteer_for(regions: pd.DataFrame, gemeente: str | Iterable[str], refused: Mapping[str, str] | None) -> Gazetteer:
    """The gazetteer :func:`resolve_locations` reads places with (its ``regions``, ``gemeente`` and ``refused``)."""
    listed = [gemeente] if isinstance(gemeente, str) else list(gemeente)
    if not listed:
        msg = 'resolve_locations: no gemeente given; pass a gemeente code, a list of them, or "NL"'
        raise BuurtdataError(msg)
    national = any(codes.is_national(g) for g in listed)
    gemeenten = () if national else tuple(dict.fromkeys(codes.normalize(g, level="gemeente") for g in listed))
    return Gazetteer.from_regions(regions, gemeenten, refused or {})


def _in_gemeente_column(out: pd.DataFrame, gazetteer: Gazetteer, placed: dict[str, tuple]) -> None:
    """Place again, in ``out``, each segment with a gemeente in its own column (``location_gemeente``, the
    template's ``gemeente``): in that gemeente (:mod:`.gemeente_column`), once per distinct place and gemeente."""
    cells = out["location_gemeente"]
    given = (cells.notna() & cells.astype(str).str.strip().ne("")).to_numpy()
    if not given.any():
        return
    written = out["location_raw"].astype(object).where(out["location_raw"].notna(), "").astype(str)[given]
    # Each pair by the positions of its place and its cell among their distinct values, never a text joined with a
    # separator: a cell may hold any character (review AC 9: a place with \x1f in it was split wrong, a KeyError).
    texts, text_values = distinct_codes(written)
    cells_at, cell_values = distinct_codes(cells.astype(str)[given])
    pairs, position = np.unique(np.asarray(texts, dtype=np.int64) * len(cell_values) + cells_at, return_inverse=True)
    done, reads = [], {}  # each distinct cell read once, not once per place beside it
    for pair in pairs.tolist():
        text, cell = str(text_values[pair // len(cell_values)]), str(cell_values[pair % len(cell_values)])
        done.append(gemeente_column.place(gazetteer, text, cell, placed[text], reads))
    index = out.index[given]
    for i, column in enumerate(LOCATION_COLUMNS):
        values = spread([d[i] for d in done], position, index).astype(object)
        column_now = out[column].astype(object).to_numpy(copy=True)
        column_now[given] = values.where(values.notna(), None).to_numpy()
        out[column] = pd.Series(column_now, index=out.index).astype(out[column].dtype)
