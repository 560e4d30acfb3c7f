"""Placing segments in a buurt or wijk: by code, name, postcode, CBS PC6 address table or coordinates.

:func:`resolve_locations` reads each written location against a gazetteer of
the wijken and buurten of the project's gemeente (or gemeenten, or all of NL) and records how it was placed
in ``resolved_by``; a location it cannot place stays, with the reason.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd
from rapidfuzz import fuzz, process

from buurtdata import codes
from buurtdata._errors import BuurtdataError, CodeError
from buurtdata.sources.interviews.distinct import distinct_codes, spread
from buurtdata.sources.interviews.pc6 import PC6_COLUMNS

if TYPE_CHECKING:
    import geopandas as gpd

#: Columns :func:`resolve_locations` adds.
LOCATION_COLUMNS = ["buurt_code", "wijk_code", "resolved_by", "reason"]
#: Columns :func:`resolve_locations` needs in its ``regions`` table.
REGION_COLUMNS = ["code", "level", "name", "gemeente_code", "wijk_code", "postcode"]
#: Values of ``resolved_by``: how a location was placed, or ``onbekend``. ``pc6`` is a
#: 6-character postcode (with house number) in a CBS PC6 table, ``postcode`` the weak 4-digit
#: link, ``coordinaten`` a point (RD or lon/lat) inside a buurt polygon.
RESOLVED_BY = ("buurtcode", "wijkcode", "buurtnaam", "wijknaam", "pc6", "postcode", "coordinaten", "onbekend")
#: Lowest rapidfuzz ratio (0-100) at which a misspelt name still counts as a match.
FUZZY_CUTOFF = 90


def resolve_locations(
    segments: pd.DataFrame,
    regions: pd.DataFrame,
    *,
    gemeente: str | Iterable[str],
    pc6: pd.DataFrame | None = None,
    boundaries: gpd.GeoDataFrame | None = None,
    refused: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Return the segments with the buurt and wijk each ``location_raw`` points to.

    A location is read, in this order, as a region code (``BU01640101``,
    ``01640101``, ``WK016402``; a leading zero a spreadsheet dropped is
    restored), as a postcode (``7557``, ``7557 AB``, ``7557 AB 12``), as a
    pair of coordinates (RD ``242050 475300`` or ``52.266, 6.793`` in
    lat/lon or lon/lat order) or as a buurt or wijk name. Names match ignoring case, accents and punctuation, wijk
    names with or without their ``Wijk 02`` prefix; a misspelt name matches
    when exactly one region scores at least :data:`FUZZY_CUTOFF`. A name
    that fits several regions is reported, never guessed, except a buurt
    named like the wijk it lies in (*Noord* in *Wijk 02 Noord*): like a
    postcode shared by buurten of one wijk, that is placed in the wijk only,
    ``wijknaam`` with the reason.

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
        A frame with a ``location_raw`` column, e.g. from :func:`read_segments`.
    regions
        Columns ``code, level, name, gemeente_code, wijk_code, postcode``;
        ``level`` is ``gemeente``, ``wijk`` or ``buurt``; ``postcode`` the
        most common 4-digit postcode of a buurt.
    gemeente
        The gemeente the interviews were held in, e.g. ``"GM0164"``; the gemeenten of a region, e.g.
        ``["GM0402", "GM0164"]`` (a project's ``gemeenten``); ``"NL"`` for the whole country. A name several
        of them share is ambiguous: write the code.
    pc6
        A table from :func:`read_pc6`, or ``None``.
    boundaries
        Buurt polygons with a ``code`` column and a CRS (as
        :func:`buurtdata.sources.geometry.read_boundaries` returns), or ``None``:
        then coordinates stay unplaced, with that reason.
    refused
        Gemeente code -> why it was not built (a build of many gemeenten leaves some out, see
        ``buurtdata.pipeline.scope.refused``): a segment placed by code or PC6 address in one
        stays unplaced with the reason ``gemeente not built: <why>``.

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
    write the buurt code (BU...) to place it in the buurt'

    """
    listed = [gemeente] if isinstance(gemeente, str) else list(gemeente)
    if not listed:
        msg = 'resolve_locations: no gemeente given; pass a gemeente code, a list of them, or "NL"'
        raise BuurtdataError(msg)
    national = any(str(g).strip().upper() in _NATIONAL for g in listed)
    gemeenten = () if national else tuple(dict.fromkeys(codes.normalize(g, level="gemeente") for g in listed))
    gazetteer = _Gazetteer.from_regions(regions, gemeenten, refused or {})
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
    return out


_Placement = tuple[str | None, str | None, str, str | None]
#: Spellings of ``gemeente`` for a project of the whole country: every gemeente's wijken and buurten.
_NATIONAL = ("NL", "NL00")
_CODE_LIKE = re.compile(r"(BU|WK|GM)\d[0-9A-Z]*|0\d{3}|\d{5,8}")
_POSTCODE = re.compile(r"([1-9]\d{3})([A-Z]{2})?")
_PC6_ADDRESS = re.compile(r"([1-9]\d{3})\s?([A-Z]{2})[\s,]+(\d{1,5})(?:\s*-?\s*[A-Z0-9]{1,4})?")
_NUMBER = r"(-?\d{1,7}(?:\.\d+)?)"
_POINT = re.compile(rf"(?:RD|XY|LATLON|LONLAT)?\s*:?\s*{_NUMBER}\s*[,;]?\s+{_NUMBER}|{_NUMBER}\s*[,;]\s*{_NUMBER}")


def _coordinates(text: str) -> tuple[float, float, str] | None:
    """Return ``(x, y, crs)`` of a coordinate pair: RD New, or lon/lat in either order; else None."""
    match = _POINT.fullmatch(text.strip().upper())
    if not match:
        return None
    a, b = (float(v) for v in match.groups() if v is not None)
    if 0 < a < 300_000 and 289_000 < b < 629_000:
        return a, b, "EPSG:28992"
    if 50.5 < a < 53.8 and 3.0 < b < 7.5:
        return b, a, "EPSG:4326"
    if 50.5 < b < 53.8 and 3.0 < a < 7.5:
        return a, b, "EPSG:4326"
    return None


_WIJK_PREFIX = re.compile(r"^wijk (\d+) (.+)$")


def _fold(text: str) -> str:
    """Fold a name for comparison: no accents, case or punctuation."""
    if not text.isascii():
        # ASCII has no accents to take off (and NFKD leaves it as it is): most names skip this.
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(_NOT_ALPHANUMERIC.sub(" ", text.casefold()).split())


_NOT_ALPHANUMERIC = re.compile(r"[^0-9a-z]+")


def _unplaced(reason: str) -> _Placement:
    return None, None, "onbekend", reason


@dataclass
class _Gazetteer:
    """Lookup tables for the wijken and buurten of the project's gemeenten (of all of NL when there are none)."""

    gemeenten: dict[str, str]  # code -> name of each of the project's gemeenten; empty for all of NL
    refused: Mapping[str, str]  # gemeente code -> why it was not built
    buurten: dict[str, tuple[str, str]] = field(default_factory=dict)  # code -> (name, wijk code)
    wijken: dict[str, str] = field(default_factory=dict)  # code -> name
    names: dict[str, set[tuple[str, str]]] = field(default_factory=dict)  # folded name -> {(level, code)}
    postcodes: dict[str, list[str]] = field(default_factory=dict)  # PC4 -> buurt codes
    addresses: dict[str, dict[int, str]] = field(default_factory=dict)  # PC6 -> {house number: buurt code}
    names_of_gemeenten: dict[str, str] = field(default_factory=dict)  # code -> name of every gemeente row

    @property
    def national(self) -> bool:
        return not self.gemeenten

    @property
    def gemeente(self) -> str:
        """The project's gemeente code(s) as messages write them (``NL`` for all of NL)."""
        return _NATIONAL[0] if self.national else ", ".join(self.gemeenten)

    @property
    def gemeente_name(self) -> str:
        return "Nederland" if self.national else _join(self.gemeenten.values())

    @property
    def listing(self) -> str:
        """``the project's gemeenten GM0402 (Hilversum) and GM0164 (Hengelo (O.))``."""
        return "the project's gemeenten " + _join(f"{c} ({n})" if n != c else c for c, n in self.gemeenten.items())

    @classmethod
    def from_regions(cls, regions: pd.DataFrame, gemeenten: tuple[str, ...], refused: Mapping[str, str]) -> _Gazetteer:
        missing = [c for c in REGION_COLUMNS if c not in regions.columns]
        if missing:
            msg = f"regions lacks column(s) {', '.join(missing)}; it needs {', '.join(REGION_COLUMNS)}."
            raise BuurtdataError(msg)
        table = regions.astype(object).where(regions.notna(), None)
        code = table["code"].map(lambda c: str(c).strip().upper())
        level = table["level"].map(lambda v: str(v).strip().lower())
        ours = (
            table
            if not gemeenten
            else table[
                table["gemeente_code"].map(lambda c: str(c).strip().upper()).isin(gemeenten) | code.isin(gemeenten)
            ]
        )
        if not (level[ours.index] == "buurt").any():
            known = sorted({str(c).strip() for c in table["gemeente_code"].dropna()})
            msg = f"regions has no buurten of {', '.join(gemeenten)}; it holds gemeenten {', '.join(known) or 'none'}."
            raise BuurtdataError(msg)
        found = cls({}, refused)
        # Plain lists: a national gazetteer has some 17,000 regions, each looked up several times.
        rows = zip(
            code[ours.index].tolist(),
            level[ours.index].tolist(),
            ours["name"].tolist(),
            ours["wijk_code"].tolist(),
            ours["postcode"].tolist(),
            strict=True,
        )
        for region, region_level, written, wijk_code, postcode in rows:
            name = str(written).strip()
            if region_level == "buurt":
                wijk = str(wijk_code).strip() if wijk_code else codes.wijk_of(region)
                found.buurten[region] = (name, wijk)
                found._add_name(name, "buurt", region)
                if postcode and str(postcode).strip().isdigit():
                    found.postcodes.setdefault(str(postcode).strip(), []).append(region)
            elif region_level == "wijk":
                found.wijken[region] = name
                folded = _fold(name)
                found._add_name(folded, "wijk", region)
                prefixed = _WIJK_PREFIX.match(folded)
                if prefixed:
                    found._add_name(f"wijk {int(prefixed[1])} {prefixed[2]}", "wijk", region)
                    found._add_name(prefixed[2], "wijk", region)
            elif region_level == "gemeente":
                found.names_of_gemeenten[region] = name
                found._add_name(name, "gemeente", region)
                found._add_name(re.sub(r"\(.*?\)", "", name), "gemeente", region)
        # The project's gemeenten by the names their rows just gave (a gemeente without a row goes by its code).
        found.gemeenten = {g: found.names_of_gemeenten.get(g, g) for g in gemeenten}
        return found

    def _add_name(self, name: str, level: str, code: str) -> None:
        key = _fold(name)
        if key:
            self.names.setdefault(key, set()).add((level, code))

    def label(self, level: str, code: str) -> str:
        if level == "buurt":
            name = self.buurten[code][0]
        else:
            name = self.wijken[code] if code in self.wijken else self.names_of_gemeenten.get(code, self.gemeente_name)
        return f"{level} {name!r} ({code})"

    def add_pc6(self, table: pd.DataFrame) -> None:
        missing = [c for c in PC6_COLUMNS if c not in table.columns]
        if missing:
            msg = f"pc6 lacks column(s) {', '.join(missing)}; read the CBS file with read_pc6()."
            raise BuurtdataError(msg)
        # A refused gemeente's addresses are kept to say why they place nothing.
        ours = table if self.national else table[table["gemeente_code"].isin([*self.gemeenten, *self.refused])]
        for pc6, number, buurt in zip(ours["pc6"], ours["huisnummer"], ours["buurt_code"], strict=True):
            self.addresses.setdefault(pc6, {})[int(number)] = buurt

    def place(self, text: str) -> _Placement:
        text = text.strip()
        if not text:
            return _unplaced("empty: no location given")
        compact = re.sub(r"\s+", "", text).upper()
        if _CODE_LIKE.fullmatch(compact):
            return self._by_code(text, compact)
        postcode = _POSTCODE.fullmatch(compact)
        address = _PC6_ADDRESS.fullmatch(text.upper())
        if postcode or address:
            pc4, letters, number = postcode.groups() + (None,) if postcode else address.groups()
            if letters and self.addresses:
                return self._by_pc6(pc4 + letters, int(number) if number else None)
            placed = self._by_postcode(pc4)
            if letters and placed[2] == "postcode":
                return placed[:3] + (f"{placed[3]}; {pc4}{letters} read as its 4 digits: the project has no PC6 table",)
            return placed
        if _coordinates(text) is not None:
            return _unplaced("coordinates: placed by place_points")
        return self._by_name(text)

    def _by_pc6(self, pc6: str, number: int | None) -> _Placement:
        found = self.addresses.get(pc6)
        if not found:
            return _unplaced(f"no match: postcode {pc6} has no address of {self.gemeente_name} in the PC6 table")
        unknown = sorted(b for b in set(found.values()) if b not in self.buurten)
        not_built = sorted({codes.gemeente_of(b) for b in unknown} & set(self.refused))
        if not_built:
            return _unplaced(f"gemeente not built: {self.refused[not_built[0]]}")
        if unknown:
            return _unplaced(
                f"no match: the PC6 table puts {pc6} in {', '.join(unknown)}, no buurt of these regions; "
                "use the PC6 table of the KWB year"
            )
        if number is not None and number in found:
            return found[number], self.buurten[found[number]][1], "pc6", None
        buurten = sorted(set(found.values()))
        # The number is left out of every message: with the postcode it is a home address.
        missing = "the house number is not in the PC6 table; " if number is not None else ""
        if len(buurten) == 1:
            note = f"{missing}every address of {pc6} lies in {self.label('buurt', buurten[0])}"
            return buurten[0], self.buurten[buurten[0]][1], "pc6", note
        wijken = sorted({self.buurten[b][1] for b in buurten})
        listing = _join(self.label("buurt", b) for b in buurten)
        if len(wijken) == 1:
            note = f"{missing}{pc6} spans {listing}, all in {self.label('wijk', wijken[0])}: placed in the wijk only"
            return None, wijken[0], "pc6", note
        return _unplaced(f"ambiguous between {listing}: {missing}postcode {pc6} spans them; add the house number")

    def place_points(
        self, points: dict[str, tuple[float, float, str]], boundaries: gpd.GeoDataFrame | None
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
        for text, hits in joined.groupby("text", sort=False)["code"]:
            found = sorted({str(c).strip().upper() for c in hits.dropna()})
            ours = [c for c in found if c in self.buurten]
            if len(ours) == 1 and len(found) == 1:
                out[text] = ours[0], self.buurten[ours[0]][1], "coordinaten", None
            elif not found:
                out[text] = _unplaced("outside gemeente: the point lies in none of the project's buurt polygons")
            elif not ours:
                out[text] = _unplaced(f"no match: the point lies in {', '.join(found)}, not a buurt of these regions")
            else:
                out[text] = _unplaced(f"ambiguous between {_join(found)}: the point lies on their border")
        return out

    def _by_code(self, text: str, compact: str) -> _Placement:
        note = None
        if compact.isdigit() and len(compact) in (5, 7):
            compact = "0" + compact
            note = f"{text!r} read as {compact}: leading zero restored (a spreadsheet drops it)"
        try:
            code = codes.normalize(compact)
        except CodeError:
            return _unplaced(
                f"no match: {text!r} looks like a region code but is not one; "
                "write BU + 8 characters (BU01640101) or WK + 6 (WK016401)"
            )
        owner = codes.gemeente_of(code)
        if owner in self.refused:
            return _unplaced(f"gemeente not built: {self.refused[owner]}")
        if not self.national and owner not in self.gemeenten:
            where = f"{self.gemeente} ({self.gemeente_name})" if len(self.gemeenten) == 1 else self.listing
            return _unplaced(f"outside gemeente: {code} lies in {owner}, not in {where}")
        level = codes.level_of(code)
        if level == "buurt" and code in self.buurten:
            return code, self.buurten[code][1], "buurtcode", note
        if level == "wijk" and code in self.wijken:
            return None, code, "wijkcode", note
        if level == "gemeente":
            return _unplaced(f"no match: {code} is the whole gemeente, not a wijk or buurt")
        where = _NATIONAL[0] if self.national else owner
        return _unplaced(f"no match: {where} has no {level} {code} in these regions (a code of another year?)")

    def _by_postcode(self, pc4: str) -> _Placement:
        hits = sorted(self.postcodes.get(pc4, []))
        if not hits:
            if len(self.gemeenten) > 1:
                where = f"{self.listing}; it may lie outside them"
            else:
                where = f"{self.gemeente_name} ({self.gemeente}); it may lie outside the gemeente"
            return _unplaced(f"no match: postcode {pc4} is not the most common postcode of any buurt of {where}")
        if len(hits) == 1:
            note = f"weak link: {pc4} is the most common postcode of {self.label('buurt', hits[0])}"
            return hits[0], self.buurten[hits[0]][1], "postcode", note
        listing = _join(self.label("buurt", b) for b in hits)
        wijken = sorted({self.buurten[b][1] for b in hits})
        if len(wijken) == 1:
            return (
                None,
                wijken[0],
                "postcode",
                (
                    f"ambiguous between {listing}, all in {self.label('wijk', wijken[0])}: postcode {pc4} is the most "
                    "common postcode of each, so the segment is placed in the wijk only"
                ),
            )
        return _unplaced(
            f"ambiguous between {listing}: postcode {pc4} is the most common postcode of each; "
            "write the buurt name or code"
        )

    def _by_name(self, text: str) -> _Placement:
        key = _fold(text)
        matches = self.names.get(key, set())
        note = None
        if not matches and len(key) >= 4:
            hits = process.extract(key, list(self.names), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=None)
            matches = {m for name, _, _ in hits for m in self.names[name]}
            if len(matches) == 1:
                (level, code), score = next(iter(matches)), max(s for _, s, _ in hits)
                note = f"{text!r} read as {self.label(level, code)}, similarity {score:.0f}"
        if not matches:
            return _unplaced(f"no match: {text!r} is no buurt or wijk name, code or postcode of {self.gemeente_name}")
        if len(matches) > 1:
            listing = _join(self.label(level, code) for level, code in sorted(matches, key=lambda m: m[1]))
            levels = {level: code for level, code in matches}
            if (
                len(matches) == 2
                and levels.keys() == {"buurt", "wijk"}
                and self.buurten[levels["buurt"]][1] == levels["wijk"]
            ):
                # Like a postcode shared by buurten of one wijk: the wijk is certain, the buurt is not.
                reason = (
                    f"ambiguous between {listing}: the name is both a buurt and the wijk around it, so the segment "
                    "is placed in the wijk only; write the buurt code (BU...) to place it in the buurt"
                )
                return None, levels["wijk"], "wijknaam", reason if note is None else f"{note}; {reason}"
            return _unplaced(f"ambiguous between {listing}; write the buurt code (BU...) or the full wijk name")
        level, code = next(iter(matches))
        if level == "buurt":
            return code, self.buurten[code][1], "buurtnaam", note
        if level == "wijk":
            return None, code, "wijknaam", note
        return _unplaced(f"no match: {text!r} is the whole gemeente, not a wijk or buurt")


def _join(items: Iterable[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"
