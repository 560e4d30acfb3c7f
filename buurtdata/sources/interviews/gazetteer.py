"""The gazetteer :func:`~buurtdata.sources.interviews.places.resolve_locations` reads locations against: the
wijken and buurten of the project's gemeenten by code, name, postcode, CBS PC6 address and polygon, and those of
the gemeenten a build of many gemeenten refused (:class:`Refused`), recognised but never placed in.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

from buurtdata import codes
from buurtdata._errors import BuurtdataError, CodeError
from buurtdata.gemeente_lookup import fold
from buurtdata.sources.interviews import parts, points, typos, wording
from buurtdata.sources.interviews.names import _a_name, _join, _unmarked, spelled_out
from buurtdata.sources.interviews.patterns import _STREET_ADDRESS, _coordinates, _whole_postcode
from buurtdata.sources.interviews.pc6 import PC6_COLUMNS
from buurtdata.sources.interviews.wording import _Placement, _unplaced

if TYPE_CHECKING:
    import geopandas as gpd

#: Columns :func:`~buurtdata.sources.interviews.places.resolve_locations` needs in its ``regions`` table.
REGION_COLUMNS = ["code", "level", "name", "gemeente_code", "wijk_code", "postcode"]
#: The reason of a segment without a location; a reader that knows where its tool keeps locations adds that.
NO_LOCATION = "empty: no location given"


class Refused(dict[str, str]):
    """Gemeente code -> why a build of many gemeenten did not build it (``GM0014 Groningen: <reason> (see
    gemeenten.csv)``), with what recognises a place in it: its ``regions`` rows (:data:`REGION_COLUMNS`: names,
    postcodes) and its buurt ``polygons`` (``gemeente_code``, geometry), each ``None`` when not known.

    A place found only there is never placed; it stays unplaced with the reason ``gemeente not built: <why>``.
    """

    def __init__(
        self,
        reasons: Mapping[str, str] | None = None,
        *,
        regions: pd.DataFrame | None = None,
        polygons: gpd.GeoDataFrame | None = None,
    ) -> None:
        super().__init__(reasons or {})
        self.regions = regions
        self.polygons = polygons


#: Spellings of ``gemeente`` for a project of the whole country: every gemeente's wijken and buurten.
_CODE_LIKE = re.compile(r"(BU|WK|GM)\d[0-9A-Z]*|0\d{3}|\d{5,8}")

_WIJK_PREFIX = re.compile(r"^wijk (\d+) (.+)$")
#: A leading article of a folded name, with the rest long enough to be a name of its own.
_ARTICLE = re.compile(r"^(?:de|het|t) (?=\w{3})")


def _normalised(regions: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series, pd.Series]:
    """The regions with ``None`` for missing values, their codes upper case and their levels lower case."""
    missing = [c for c in REGION_COLUMNS if c not in regions.columns]
    if missing:
        msg = f"regions lacks column(s) {', '.join(missing)}; it needs {', '.join(REGION_COLUMNS)}."
        raise BuurtdataError(msg)
    table = regions.astype(object).where(regions.notna(), None)
    code = table["code"].map(lambda c: str(c).strip().upper())
    return table, code, table["level"].map(lambda v: str(v).strip().lower())


@dataclass
class Gazetteer:
    """Lookup tables for the wijken and buurten of the project's gemeenten (of all of NL when there are none)."""

    gemeenten: dict[str, str]  # code -> name of each of the project's gemeenten; empty for all of NL
    refused: Mapping[str, str]  # gemeente code -> why it was not built
    buurten: dict[str, tuple[str, str]] = field(default_factory=dict)  # code -> (name, wijk code)
    wijken: dict[str, str] = field(default_factory=dict)  # code -> name
    names: dict[str, set[tuple[str, str]]] = field(default_factory=dict)  # folded name -> {(level, code)}
    #: The same without a leading article (de, het, 't): "Kolenkit" for De Kolenkit, tried when no name is exact.
    bare: dict[str, set[tuple[str, str]]] = field(default_factory=dict)
    postcodes: dict[str, list[str]] = field(default_factory=dict)  # PC4 -> buurt codes
    addresses: dict[str, dict[int, str]] = field(default_factory=dict)  # PC6 -> {house number: buurt code}
    names_of_gemeenten: dict[str, str] = field(default_factory=dict)  # code -> name of every gemeente row
    elsewhere: Gazetteer | None = None  # the regions of the refused gemeenten: recognised, never placed in
    #: The gemeenten the interviews were held in ([interviews] gemeenten): a name is looked up there first.
    held: set[str] = field(default_factory=set)

    @property
    def national(self) -> bool:
        return not self.gemeenten

    @property
    def gemeente(self) -> str:
        """The project's gemeente code(s) as messages write them (``NL`` for all of NL)."""
        return "NL" if self.national else ", ".join(self.gemeenten)

    @property
    def gemeente_name(self) -> str:
        return "Nederland" if self.national else _join(self.gemeenten.values())

    @property
    def listing(self) -> str:
        """``the project's gemeenten GM0402 (Hilversum) and GM0164 (Hengelo (O.))``."""
        return "the project's gemeenten " + _join(f"{c} ({n})" if n != c else c for c, n in self.gemeenten.items())

    @classmethod
    def from_regions(cls, regions: pd.DataFrame, gemeenten: tuple[str, ...], refused: Mapping[str, str]) -> Gazetteer:
        table, code, level = _normalised(regions)
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
        found._add(ours, code[ours.index], level[ours.index])
        aside = refused.regions if isinstance(refused, Refused) else None
        if aside is not None and len(aside):
            found.elsewhere = cls({}, {})
            found.elsewhere._add(*_normalised(aside))
        # The project's gemeenten by the names their rows just gave, a refused one's set aside (else its code).
        named = {**(found.elsewhere.names_of_gemeenten if found.elsewhere else {}), **found.names_of_gemeenten}
        found.gemeenten = {g: named.get(g, g) for g in gemeenten}
        return found

    def _add(self, table: pd.DataFrame, code: pd.Series, level: pd.Series) -> None:
        # Plain lists: a national gazetteer has some 17,000 regions, each looked up several times.
        rows = zip(
            code.tolist(),
            level.tolist(),
            table["name"].tolist(),
            table["wijk_code"].tolist(),
            table["postcode"].tolist(),
            strict=True,
        )
        for region, region_level, written, wijk_code, postcode in rows:
            name = str(written).strip()
            if region_level == "buurt":
                wijk = str(wijk_code).strip() if wijk_code else codes.wijk_of(region)
                self.buurten[region] = (name, wijk)
                self._add_name(name, "buurt", region)
                if postcode and str(postcode).strip().isdigit():
                    self.postcodes.setdefault(str(postcode).strip(), []).append(region)
            elif region_level == "wijk":
                self.wijken[region] = name
                folded = fold(name)
                self._add_name(folded, "wijk", region)
                prefixed = _WIJK_PREFIX.match(folded)
                if prefixed:
                    self._add_name(f"wijk {int(prefixed[1])} {prefixed[2]}", "wijk", region)
                    self._add_name(prefixed[2], "wijk", region)
            elif region_level == "gemeente":
                self.names_of_gemeenten[region] = name
                self._add_name(name, "gemeente", region)
                self._add_name(re.sub(r"\(.*?\)", "", name), "gemeente", region)

    def _add_name(self, name: str, level: str, code: str) -> None:
        key = fold(name)
        if key:
            self.names.setdefault(key, set()).add((level, code))
            if level != "gemeente" and _ARTICLE.match(key):
                self.bare.setdefault(_ARTICLE.sub("", key), set()).add((level, code))

    def label(self, level: str, code: str) -> str:
        if level == "buurt":
            name = self.buurten[code][0]
        else:
            name = self.wijken[code] if code in self.wijken else self.names_of_gemeenten.get(code, self.gemeente_name)
        return f"{level} '{name}' ({code})"

    def not_built(self, gemeenten: Iterable[str]) -> str:
        """``gemeente not built: GM0014 Groningen: <reason> (see gemeenten.csv)`` for refused ``gemeenten``."""
        return "gemeente not built: " + "; ".join(self.refused.get(g, g) for g in sorted(set(gemeenten)))

    def _aside(self, level: str, code: str) -> str:
        """The label of a region of a refused gemeente, in a list of the regions a place may mean."""
        return f"{self.elsewhere.label(level, code)} in {codes.gemeente_of(code)} (not built)"

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
        # One space for any run of whitespace: a line break typed in a cell (Alt+Enter) is no part of a name, and a
        # reason quotes the text as written, where scrubbing must still find a phone number after it.
        text = " ".join(text.split())
        if not text:
            return _unplaced(NO_LOCATION)
        compact = re.sub(r"\s+", "", text).upper()
        if _CODE_LIKE.fullmatch(compact):
            return self._by_code(text, compact)
        if postcode := _whole_postcode(text):
            pc4, letters, number = postcode
            if letters and self.addresses:
                return self._by_pc6(pc4 + letters, int(number) if number else None)
            placed = self._by_postcode(pc4)
            if letters and placed[2] == "postcode":
                weak = f"a postcode read as its 4 digits {pc4}: the project has no PC6 table"
                return placed[:3] + (f"{placed[3]}; {weak}",)
            return placed
        if _coordinates(text) is not None:
            return _unplaced("coordinates: placed by place_points")
        placed = self._by_name(text)
        if placed[2] == "onbekend":
            placed = wording.in_gemeente(self, text, placed) or placed
        if wording.kind(placed[3]) == "no match" and _STREET_ADDRESS.search(text):
            # Not quoted: a street with house number is a home address.
            postcode = (
                ", or the postcode with house number"
                if self.addresses
                else "; a postcode with house number places it only with a PC6 table ([interviews] pc6)"
            )
            return _unplaced(
                f"no match: a street with house number is an address, which is not placed; write the buurt name "
                f"or code{postcode}"
            )
        return placed

    @functools.cached_property
    def _gemeente_names(self) -> dict[str, set[str]]:
        """Folded name -> codes of the gemeenten called so, built or refused (for a name written after a place)."""
        found: dict[str, set[str]] = {}
        for names in (self.names, self.elsewhere.names if self.elsewhere else {}):
            for name, regions in names.items():
                found.setdefault(name, set()).update(code for level, code in regions if level == "gemeente")
        return {name: gemeenten for name, gemeenten in found.items() if gemeenten}

    @functools.cached_property
    def _unmarked_names(self) -> dict[str, set[tuple[str, str, frozenset[str]]]]:
        """Name without its article and "buurt"/"wijk" -> (level, code, which of the two the name had) of each
        wijk and buurt so named; built when a first name is not found as written."""
        found: dict[str, set[tuple[str, str, frozenset[str]]]] = {}
        for key, regions in self.names.items():
            read = _unmarked(_ARTICLE.sub("", key))
            if read:
                found.setdefault(read[0], set()).update((*r, read[1]) for r in regions if r[0] != "gemeente")
        return found

    @functools.cached_property
    def _word_orders(self) -> dict[tuple[str, ...], set[tuple[str, str]]]:
        """The words of each wijk and buurt name of two words or more, sorted -> (level, code) of those so named."""
        found: dict[tuple[str, ...], set[tuple[str, str]]] = {}
        for key, regions in self.names.items():
            if len(words := key.split()) > 1:
                found.setdefault(tuple(sorted(words)), set()).update(r for r in regions if r[0] != "gemeente")
        return found

    @functools.cached_property
    def by_word(self) -> dict[str, list[str]]:
        """Each word of the names (folded) -> the names holding it, for finding the names a word is part of."""
        found: dict[str, list[str]] = {}
        for name in self.names:
            for word in dict.fromkeys(name.split()):
                found.setdefault(word, []).append(name)
        return found

    @functools.cached_property
    def words(self) -> dict[str, str]:
        """Each word of a wijk or buurt name that may name a place alone, folded -> as written (for a misspelt one)."""
        names = [*(name for name, _ in self.buurten.values()), *self.wijken.values()]
        return {key: word for name in names for word in re.findall(r"[^\W_]+", name) if _a_name(key := fold(word))}

    @functools.cached_property
    def _buurten_in_wijk(self) -> Counter[str]:
        """Wijk code -> how many of the buurten the gazetteer knows lie in it."""
        return Counter(wijk for _, wijk in self.buurten.values())

    def _by_pc6(self, pc6: str, number: int | None) -> _Placement:
        found = self.addresses.get(pc6)
        if not found:
            return _unplaced(f"no match: postcode {pc6} has no address of {self.gemeente_name} in the PC6 table")
        unknown = sorted(b for b in set(found.values()) if b not in self.buurten)
        not_built = {codes.gemeente_of(b) for b in unknown} & set(self.refused)
        if not_built:
            return _unplaced(self.not_built(not_built))
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
        self, found: dict[str, tuple[float, float, str]], boundaries: gpd.GeoDataFrame | None
    ) -> dict[str, _Placement]:
        """Place coordinate pairs by point in polygon (:func:`~buurtdata.sources.interviews.points.place_points`)."""
        return points.place_points(self, found, boundaries)

    def _by_code(self, text: str, compact: str) -> _Placement:
        note = None
        if compact.isdigit() and len(compact) in (5, 7):
            compact = "0" + compact
            note = f"'{text}' read as {compact}: leading zero restored (a spreadsheet drops it)"
        try:
            code = codes.normalize(compact)
        except CodeError:
            return _unplaced(
                f"no match: '{text}' looks like a region code but is not one; "
                "write BU + 8 characters (BU01640101) or WK + 6 (WK016401)"
            )
        # Normalised already: its level and gemeente are read off it (gemeente_of and level_of normalise it again;
        # a national build reads some 10,000 distinct codes).
        level = codes.LEVELS[code[:2]]
        owner = codes.PREFIXES["gemeente"] + code[2 : 2 + codes.PARENT_LENGTH["gemeente"]]
        if owner in self.refused:
            return _unplaced(self.not_built([owner]))
        if not self.national and owner not in self.gemeenten:
            where = f"{self.gemeente} ({self.gemeente_name})" if len(self.gemeenten) == 1 else self.listing
            # A gemeente's own code is not in itself: say only where it is not (user test: "GM0243 lies in GM0243").
            lies = "is another gemeente than" if code == owner else f"lies in {owner}, not in"
            return _unplaced(f"outside gemeente: {code} {lies} {where}")
        if level == "buurt" and code in self.buurten:
            return code, self.buurten[code][1], "buurtcode", note
        if level == "wijk" and code in self.wijken:
            return None, code, "wijkcode", note
        if level == "gemeente":
            return _unplaced(f"no match: {code} is the whole gemeente, not a wijk or buurt")
        where = "NL" if self.national else owner
        return _unplaced(f"no match: {where} has no {level} {code} in these regions (a code of another year?)")

    def _by_postcode(self, pc4: str) -> _Placement:
        hits = sorted(self.postcodes.get(pc4, []))
        aside = sorted(self.elsewhere.postcodes.get(pc4, [])) if self.elsewhere else []
        if aside and not hits:
            return _unplaced(self.not_built(codes.gemeente_of(b) for b in aside))
        if aside:
            listing = _join([*(self.label("buurt", b) for b in hits), *(self._aside("buurt", b) for b in aside)])
            return _unplaced(
                f"ambiguous between {listing}: postcode {pc4} is the most common postcode of each; "
                "write the buurt name or code"
            )
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

    def _by_name(self, text: str, within: set[str] | None = None) -> _Placement:
        """Place a name among the regions of the project's gemeenten, or of the gemeente codes ``within``; with
        :attr:`held`, among those first."""
        if within is not None or not self.held:
            return self._lookup(text, within)
        # A name as written (not misspelt, not a part of one) first, then a misspelling: a buurt of another
        # gemeente of the project written exactly is not read as a typo of one where the interviews were held
        # (review r: 'Kerkbuurt Noord' was counted in the held gemeente's 'Kerkebuurt Noord').
        first = self._lookup(text, self.held, held=True, loose=False)
        if wording.kind(first[3]) != "no match":
            return first
        exact = self._lookup(text, None, loose=False)
        if wording.kind(exact[3]) != "no match":
            return wording.outside_held(self, text, exact)
        first = self._lookup(text, self.held, held=True)
        if wording.kind(first[3]) != "no match":
            return first
        return wording.outside_held(self, text, self._lookup(text, None))

    def _lookup(self, text: str, within: set[str] | None, *, held: bool = False, loose: bool = True) -> _Placement:
        """Place a name among the regions of the gemeente codes ``within`` (all when None); ``held``: those are
        where the interviews were held, not gemeenten the cell named, so a reason names none of them; without
        ``loose`` only as written (no misspelling, no part of a name), and a bare "no match" otherwise."""
        key = fold(text)
        refused = within is None or not within.isdisjoint(self.refused)
        elsewhere = self.elsewhere.names if self.elsewhere and refused else {}

        def inside(found: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
            return set(found) if within is None else {m for m in found if codes.gemeente_of(m[1]) in within}

        matches, aside = inside(self.names.get(key, ())), inside(elsewhere.get(key, ()))
        note = None
        if not (matches or aside):
            # With or without its article: "Kolenkit" is De Kolenkit, "De Pijp" may be written Pijp; "vd" is van der.
            stripped = _ARTICLE.sub("", key)
            tried = (self.bare.get(key, ()), self.names.get(stripped, ()), self.bare.get(stripped, ()))
            for found in (*tried, spelled_out(key, self.names)):
                if matches := inside(found):
                    break
            if not matches and (read := _unmarked(stripped)):
                # "buurt" and "wijk" left out ("Transvaal-West" is Transvaalbuurt-West), but a written one is never
                # read as the other: "Rivierenwijk" is not the Rivierenbuurt.
                core, marks = read
                found = self._unmarked_names.get(core) or spelled_out(core, self._unmarked_names)
                matches = inside((level, code) for level, code, had in found if not had or marks <= had)
            if not matches and len(key.split()) > 1:
                # "Goor centrum" is Centrum-Goor: the same words in another order (user test W).
                if matches := inside(self._word_orders.get(tuple(sorted(key.split())), ())):
                    note = "the same words in another order"
            if len(matches) == 1:
                read = f"'{text}' read as {self.label(*next(iter(matches)))}"
                note = f"{read}, {note}" if note else read
        if not (loose or matches or aside):
            return _unplaced("no match")
        kern_name = key  # the name a buurt named like its wijk is checked by: the one read, when misspelt
        too_far = False  # a misspelling near several names but too far to be read as one: only ambiguous
        if not (matches or aside) and (typo := typos.lookup(self, text, key, elsewhere, inside)):
            matches, aside, note, kern_name, too_far = typo
        if not (matches or aside) and (read := parts.read(self, text, key, within)):
            matches, note = {read[0]}, read[1]
        if aside and not matches:
            return _unplaced(self.not_built(codes.gemeente_of(code) for _, code in aside))
        said = None if held else within
        named = _join(self.names_of_gemeenten.get(g, g) for g in sorted(said)) if said else None
        if not matches:
            part = parts.part_of(self, key, within) or parts.suggestion(self, key, within)
            if named:
                return _unplaced(f"no match: '{text}' is no buurt or wijk name of {named}{part}")
            return _unplaced(
                f"no match: '{text}' is no buurt or wijk name, code or postcode of {self.gemeente_name}{part}"
            )
        levels = {level: code for level, code in matches}
        if (
            not aside
            and not too_far
            and len(matches) == 2
            and levels.keys() == {"buurt", "wijk"}
            and self.buurten[levels["buurt"]][1] == levels["wijk"]
        ):
            if self._buurten_in_wijk[levels["wijk"]] == 1:
                # The wijk's only buurt: naming either is naming the buurt.
                return levels["buurt"], levels["wijk"], "buurtnaam", note
            if kern := wording.the_kern(self, kern_name, levels["buurt"], levels["wijk"]):
                return levels["buurt"], levels["wijk"], "buurtnaam", "; ".join(filter(None, (note, kern)))
            # Like a postcode shared by buurten of one wijk: the wijk is certain, the buurt is not.
            listing = _join(self.label(level, code) for level, code in sorted(matches, key=lambda m: m[1]))
            listing += f" in {named}" if named else ""
            reason = (
                f"ambiguous between {listing}: the name is both a buurt and the wijk around it, so the segment "
                f"is placed in the wijk only; write the buurt code ({levels['buurt']}) to place it in the buurt"
            )
            return None, levels["wijk"], "wijknaam", reason if note is None else f"{note}; {reason}"
        if len(matches) > 1 or aside:
            # A gemeente not built competes too: the segment may be meant there (user test N: Lelystad's De Veste
            # was counted in Helmond's).
            return _unplaced(wording.ambiguous(self, text, matches, aside, said))
        level, code = next(iter(matches))
        if level == "buurt":
            return code, self.buurten[code][1], "buurtnaam", note
        if level == "wijk":
            return None, code, "wijknaam", note
        return _unplaced(f"no match: '{text}' is the whole gemeente, not a wijk or buurt")
