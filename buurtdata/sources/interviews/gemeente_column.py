"""A place with its gemeente in a column of its own: the template's optional ``gemeente`` column beside ``buurt``.

User test W: a provincial analyst's teams wrote ``Centrum`` in the place column and ``Deventer`` in a gemeente
column of their own sheet. The column was not read, so every ``Centrum`` of the region was ambiguous, and a
``Noord`` a Zwolle team wrote was counted in Hengelo's Noord, the one Noord of the region. Read as the place with
that gemeente (``Centrum (Deventer)``), a name is looked up in that gemeente alone: placed there, or not placed
with the reason, never placed in another gemeente.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from buurtdata import codes
from buurtdata._errors import shown
from buurtdata.gemeente_lookup import PROVINCES, SAID_AS, fold
from buurtdata.sources.interviews import wording
from buurtdata.sources.interviews.names import _join
from buurtdata.sources.interviews.person_words import named_in_id
from buurtdata.sources.interviews.wording import Gazetteer, _Placement, _unplaced

#: The ``resolved_by`` of a place read by where it is, not by its name: a code, a postcode or a point.
_BY_POSITION = frozenset({"buurtcode", "wijkcode", "pc6", "postcode", "coordinaten"})
#: Said in every reason of a place its gemeente column decided, so the Dutch ``uitleg`` can tell it.
COLUMN = "the column gemeente"
#: A gemeente's code as a cell may hold it: GM0150, gm0150, 0150, or 150 and 150.0 as Excel keeps 0150 (review AC 4).
_CODE = re.compile(r"(?:GM)?([0-9]{1,4})(?:\.0+)?", re.IGNORECASE)

#: A province as written after a gemeente's name (folded: ``Hengelo (O.)``, ``Hengelo Ov``, ``Deventer, Overijssel``)
#: -> the province.
_PROVINCE = {
    **dict.fromkeys(("o", "ov", "ovl", "overijssel"), "Overijssel"),
    **dict.fromkeys(("g", "gld", "gdl", "gl", "gelderland"), "Gelderland"),
    **dict.fromkeys(("nh", "n h", "noord holland"), "Noord-Holland"),
    **dict.fromkeys(("zh", "z h", "zuid holland"), "Zuid-Holland"),
    **dict.fromkeys(("l", "lb", "lim", "limburg"), "Limburg"),
    **dict.fromkeys(("nb", "n b", "br", "noord brabant", "brabant"), "Noord-Brabant"),
    **dict.fromkeys(("z", "zl", "zld", "zeeland"), "Zeeland"),
    **dict.fromkeys(("u", "ut", "utr", "utrecht"), "Utrecht"),
    **dict.fromkeys(("f", "fr", "fryslan", "friesland"), "Friesland"),
    **dict.fromkeys(("gr", "gn", "groningen"), "Groningen"),
    **dict.fromkeys(("d", "dr", "drenthe"), "Drenthe"),
    **dict.fromkeys(("fl", "fld", "flevoland"), "Flevoland"),
}
#: The gemeenten CBS names with their province, as a village elsewhere has the same name (``Hengelo (O.)``; Hengelo
#: (Gld) is a village of Bronckhorst): code -> CBS's name and the province. A year's table may leave the province out
#: (the KWB 2020 writes ``Hengelo``); a gemeente not listed here nor so named in the table takes any province.
_CBS_WITH_PROVINCE = {
    "GM0164": ("Hengelo (O.)", "Overijssel"),
    "GM0373": ("Bergen (NH.)", "Noord-Holland"),
    "GM0893": ("Bergen (L.)", "Limburg"),
    "GM0888": ("Beek (L.)", "Limburg"),
    "GM0417": ("Laren (NH.)", "Noord-Holland"),
    "GM0603": ("Rijswijk (ZH.)", "Zuid-Holland"),
    "GM0971": ("Stein (L.)", "Limburg"),
}
#: A cell that names no place at all (folded): only punctuation ('-', '?'), not applicable, unknown, a province or a
#: region of several gemeenten.
#: The place is read without it (review AC 4: 'Overijssel' or 'nvt' beside it unplaced every segment of a team).
_NOTHING = frozenset(
    {"", "nvt", "n v t", "niet van toepassing", "geen", "onbekend", "nee", "x", "nederland", "nl"}
    | PROVINCES  # as gemeente_lookup refuses a province asked for a gemeente
    | {"brabant"}
    | {"twente", "achterhoek", "salland", "veluwe", "liemers", "de liemers", "betuwe", "randstad", "zuid limburg"}
    | {"noord limburg", "midden limburg", "kop van overijssel", "vechtdal", "het gooi", "gooi"}
    | {"noordoost twente", "midden twente", "west twente", "zuid twente", "oost achterhoek", "west achterhoek"}
    # Spreadsheet filler (review AD 7): the gemeente is in a row above, or not known.
    | {"idem", "id", "dito", "ditto", "zie boven", "zie hierboven", "zelfde", "hetzelfde", "weet niet", "?"}
    # What a script or an export leaves in an empty cell.
    | {"none", "null", "nan", "n a", "na"}
)
#: Words before a gemeente's, a province's or a region's name that are no part of it (folded; review AD 7):
#: ``Gemeente Deventer``, ``Gem. Hengelo``, ``Stad Hengelo``, ``Provincie Overijssel``, ``Regio Twente``.
_PREFIX = re.compile(r"^(?:gemeente|gem\.?|stad|provincie|prov\.?|regio)\s+", re.IGNORECASE)
#: What Excel writes in a cell a formula could not fill (``#N/A`` of a VLOOKUP, ``#VALUE!``, ``#REF!``), or a
#: formula kept as its text (``=A1``): nothing.
_EXCEL_ERROR = re.compile(r"#[A-Z0-9/!?]+[!?]?|#NAME\?|#GETTING_DATA|=.*", re.IGNORECASE)
#: At most this much of a cell is quoted in a note or message (review AD 9: a 50,000-character cell was repeated).
QUOTED = 80
#: Between the names of two gemeenten a cell may hold: ``Amsterdam; Ermelo``, ``Amsterdam/Ermelo``, ``A en B``.
#: A comma, `` - `` and ``|`` too (review AD 3: 'Deventer, Dinkelland' was read as Deventer alone).
_BOTH = re.compile(r"\s*(?:[;/&+|,]|\s-\s|\s(?:en|of)\s)\s*", re.IGNORECASE)
#: A name with something after it: in brackets, after a comma, or a last word (that may be a province).
_AFTER = re.compile(r"(?P<bare>.+?)\s*(?:\((?P<bracket>[^()]*)\)|,\s*(?P<comma>.+)|\s+(?P<word>\S+))")


class Cell(NamedTuple):
    """What a gemeente cell says: the gemeenten it names (built or refused) and how a misspelt one was read;
    ``nothing``: no place at all (``nvt``, a province); ``not_these`` and ``said``: the gemeenten a province after
    the name sets it apart from (``Hengelo (Gld)`` is not GM0164), and what it is (``Hengelo in Gelderland``)."""

    gemeenten: frozenset[str]
    note: str | None = None
    nothing: bool = False
    not_these: frozenset[str] = frozenset()
    said: str | None = None


def place(
    gazetteer: Gazetteer, text: str, cell: str, alone: _Placement, reads: dict[str, Cell] | None = None
) -> _Placement:
    """Place ``text`` (a location cell) in the gemeente ``cell`` names; ``alone``: how ``text`` is placed without it.
    ``reads``: each cell (white space collapsed) -> how it reads (:func:`read_cell`), kept by a caller placing many
    texts beside the same cells and filled here, so a cell is read once, not once per place beside it.

    A place found in that gemeente is placed there (a name several gemeenten share, ``Centrum``, is then one
    place); a code, postcode or point of another gemeente, or a name that gemeente lacks, is not placed, and the
    reason says what the place is without the gemeente. A cell that names no place at all (``nvt``, a province,
    ``Twente``) leaves ``alone``, with a note that it was not read; one whose province is not the gemeente's
    (``Hengelo (Gld)`` beside Hengelo (O.)) is looked up in that village elsewhere in the project, else not placed.
    A cell that names no gemeente of the project (a village, ``Denekamp``) is read as a place's wijk when it is one
    (``Centrum (Denekamp)``), else not placed: the reason asks for the gemeente. An empty cell leaves ``alone``.
    """
    cell, text = " ".join(cell.split()), " ".join(text.split())
    if not cell or not text:
        return alone
    read = reads.get(cell) if reads is not None else None
    if read is None:
        read = read_cell(gazetteer, cell)
        if reads is not None:
            reads[cell] = read
    if read.nothing:
        return _noted(alone, f"{COLUMN} ({quoted(cell)}) names no gemeente; read without it")
    if read.not_these:
        return _set_apart(gazetteer, text, cell, read, alone)
    named, note = read.gemeenten, read.note
    if not named:
        return _no_gemeente(gazetteer, text, cell, alone)
    built = {g for g in named if g not in gazetteer.refused}
    if not built:
        return _unplaced(gazetteer.not_built(named))
    region = alone[0] or alone[1]
    if region and codes.gemeente_of(region) in built:
        return _noted(alone, note)
    where = _join_names(gazetteer, built)
    if alone[2] in _BY_POSITION:
        owner = codes.gemeente_of(region)
        return _unplaced(
            f"outside gemeente: '{text}' lies in {owner} ({gazetteer.names_of_gemeenten.get(owner, owner)}); "
            f"{COLUMN} says {quoted(cell)} ({where}): correct the place or the gemeente"
        )
    if _CODE_LIKE.fullmatch(re.sub(r"\s+", "", text).upper()):
        return alone  # a code placed nowhere: its own reason says why
    placed = gazetteer._by_name(text, within=built)
    if placed[2] != "onbekend":
        return _noted(placed, note)
    said = wording.alone(gazetteer, text, alone, f"correct {COLUMN} if that is meant")
    # "no match: 'Noord' is no buurt or wijk name of Zwolle (the column gemeente); 'Noord' alone is ... of Hengelo:
    # correct the column gemeente if that is meant; it is part of: ...": what the place is elsewhere comes first.
    names = _join(gazetteer.names_of_gemeenten.get(g, g) for g in sorted(built))
    head = f"no match: '{text}' is no buurt or wijk name of {names}"
    # Else the gemeente is the place itself, or the name is several places there: that reason says it all.
    reason = f"{head} ({COLUMN}){said}{placed[3][len(head) :]}" if placed[3].startswith(head) else placed[3] + said
    return _unplaced("; ".join(filter(None, (reason, note))))


#: Said of a place not in the village a province in the column sets apart (``Centrum`` beside ``Hengelo (Gld)``,
#: looked up in Bronckhorst): a pattern its reason matches (review AD 8).
SET_APART = r"no match: .*\(the column gemeente\).*, not .*\(GM[0-9]{4}\)"
#: A reason whose place the column kept out, made by this module (``COLUMN`` is said in each): the place is found
#: elsewhere, lies in another gemeente, or the column names no gemeente of the project (the runner counts them).
BY_COLUMN = re.compile(rf"\({COLUMN}\); '.*' alone is |; {COLUMN} says | in {COLUMN} is |" + SET_APART)


#: A region code or a number, which names no place by its name.
_CODE_LIKE = re.compile(r"(BU|WK|GM)\d[0-9A-Z]*|\d+")


def read_cell(gazetteer: Gazetteer, cell: object) -> Cell:
    """Read a gemeente cell (of the interviews or the agreements): a code (``GM0150``, ``0150``, ``150``), a name
    (``Gemeente Deventer``, ``Gem. Hengelo``, ``Den Haag`` too, or misspelt), a name with its province (``Hengelo
    (O.)``, ``Hengelo Ov``, ``Deventer, Overijssel``), two gemeenten (``Deventer; Dinkelland``, ``Deventer,
    Dinkelland``), or nothing (``nvt``, a province, a region, ``#N/A``, ``idem``, a number no gemeente of a national
    project has); a province that is not the gemeente's sets the name apart from it (``Hengelo (Gld)``, a village of
    Bronckhorst, is not Hengelo (O.))."""
    # Full-width digits and invisible characters ('Hen\u200bgelo' was quoted with its zero-width space; review AD 9).
    cell = "".join(c for c in unicodedata.normalize("NFKC", str(cell)) if unicodedata.category(c) != "Cf")
    cell = " ".join(cell.split())
    folded = fold(cell)
    if folded in _NOTHING or _EXCEL_ERROR.fullmatch(cell):
        return Cell(frozenset(), nothing=True)
    if code := _CODE.fullmatch(cell):
        gemeente = f"GM{code[1].zfill(4)}"
        if gazetteer.names_of_gemeenten.get(gemeente) or gemeente in gazetteer.refused:
            return Cell(frozenset({gemeente}))
        # Review AD 4: '2024' beside 'Centrum' of a national project was read as a gemeente GM2024.
        return Cell(frozenset(), nothing=gazetteer.national)
    written = re.sub(r"\s+stad$", "", _PREFIX.sub("", cell), flags=re.IGNORECASE) or cell  # 'Utrecht stad'
    key = fold(written)
    provincial = written != cell and fold(cell).startswith(("provincie", "prov"))
    if written != cell and key in _NOTHING:
        return Cell(frozenset(), nothing=True)
    if key in _PROVINCE and (provincial or key not in ("groningen", "utrecht")):
        return Cell(frozenset(), nothing=True)  # 'OV', 'Prov. Overijssel' (review AD 7)
    if whole := _exact(gazetteer, written):
        # Review AD 1: 'Midden Groningen', 'Súdwest Fryslân' are gemeenten before their last word is a province.
        return Cell(frozenset(whole))
    after = _AFTER.fullmatch(written)
    rest = after and next(filter(None, (after["bracket"], after["comma"], after["word"])), "")
    province = _PROVINCE.get(fold(rest)) if after else None
    if province is not None:
        named, note = _named(gazetteer, after["bare"])
        fits = frozenset(g for g in named if _province(gazetteer, g) in (None, province))
        if fits or not named:
            unchecked = sorted(g for g in fits if _province(gazetteer, g) is None)
            if unchecked and after["word"] is None:
                # Review AD 2: 'Oosterhout (Gld)' is a village of Overbetuwe; buurtdata knows no gemeente's province.
                names = _join(gazetteer.names_of_gemeenten.get(g, g) for g in unchecked)
                said = f"{quoted(cell)} gelezen als gemeente {names}; klopt de provincie ({province})?"
                note = "; ".join(filter(None, (note, said)))
            return Cell(fits, note)
        return Cell(frozenset(), not_these=frozenset(named), said=f"{after['bare']} in {province}")
    named, note = _named(gazetteer, written)
    if not named and len(parts := [p for p in _BOTH.split(written) if p]) > 1:
        # 'Amsterdam; Ermelo', 'Amsterdam/Ermelo', 'Deventer, Dinkelland': the place may be in either (review AD 3);
        # a part that names nothing ('Deventer; nvt', 'Deventer, Dinkelland, Overijssel') drops out.
        each = [read_cell(gazetteer, part) for part in parts]
        if any(one.gemeenten for one in each) and all(one.gemeenten or one.nothing for one in each):
            notes = "; ".join(one.note for one in each if one.note)
            return Cell(frozenset().union(*(one.gemeenten for one in each)), notes or None)
    if not named and after and after["word"] is None:
        # A remark after the name ('Deventer (centrum)'), or the gemeente as a year's table names it otherwise.
        named, note = _named(gazetteer, after["bare"])
    if not named and _near_nothing(key):
        return Cell(frozenset(), nothing=True)  # 'Overijsel', 'Twnte' (review AD 7)
    return Cell(frozenset(named), note)


def quoted(cell: str) -> str:
    """``cell`` as a note or message quotes it: at most :data:`QUOTED` characters."""
    return shown(cell) if len(cell) <= QUOTED else f"{shown(cell[:QUOTED])}… ({len(cell):,} characters)"


def _spoken(written: str) -> str:
    """``written`` as CBS names the gemeente when it is how people say it (``Den Haag``, ``Den Bosch``; review AD 6)."""
    return SAID_AS.get(fold(written), written)


def _exact(gazetteer: Gazetteer, written: str) -> set[str]:
    """The gemeenten called ``written`` exactly (folded), as CBS or as people name them."""
    return set(gazetteer._gemeente_names.get(fold(_spoken(written)), ()))


def _named(gazetteer: Gazetteer, written: str) -> tuple[set[str], str | None]:
    if found := _exact(gazetteer, written):
        return found, None
    return wording.gemeenten_named(gazetteer, written)


#: The names of provinces and regions a misspelling of one letter is read as (six letters or more).
_LONG_NOTHING = tuple(n for n in {*_NOTHING, *_PROVINCE} - {"groningen", "utrecht"} if len(n) >= 6)


def _near_nothing(key: str) -> bool:
    """Whether ``key`` is a province's or region's name with one letter wrong, left out or added."""
    for name in _LONG_NOTHING:
        if abs(len(name) - len(key)) > 1:
            continue
        if len(name) == len(key):
            if sum(a != b for a, b in zip(name, key, strict=True)) == 1:
                return True
            continue
        short, long = sorted((name, key), key=len)
        if any(long[:i] + long[i + 1 :] == short for i in range(len(long))):
            return True
    return False


def _province(gazetteer: Gazetteer, gemeente: str) -> str | None:
    """The province CBS names ``gemeente`` with (``Hengelo (O.)``), or ``None`` when it names none."""
    if gemeente in _CBS_WITH_PROVINCE:
        return _CBS_WITH_PROVINCE[gemeente][1]
    bracket = re.search(r"\(([^()]*)\)\s*$", gazetteer.names_of_gemeenten.get(gemeente, ""))
    return _PROVINCE.get(fold(bracket[1])) if bracket else None


def _cbs_name(gazetteer: Gazetteer, gemeente: str) -> str:
    """``Hengelo (O.) (GM0164)``: a gemeente by CBS's name with its province, and its code."""
    name = _CBS_WITH_PROVINCE.get(gemeente, (gazetteer.names_of_gemeenten.get(gemeente, ""),))[0]
    return f"{name} ({gemeente})" if name else gemeente


def set_apart(gazetteer: Gazetteer, read: Cell) -> str:
    """``Hengelo in Gelderland, not Hengelo (O.) (GM0164)``: what a cell with another province than CBS's is."""
    return f"{read.said}, not {_join(_cbs_name(gazetteer, g) for g in sorted(read.not_these))}"


def _set_apart(gazetteer: Gazetteer, text: str, cell: str, read: Cell, alone: _Placement) -> _Placement:
    """``text`` beside a gemeente with another province than CBS's (``Hengelo (Gld)`` beside Hengelo (O.)): in the
    village of that name in another gemeente of the project (Bronckhorst's *Wijk 00 Hengelo*), else not placed."""
    bare = read.said.rsplit(" in ", 1)[0]
    other = f"{quoted(cell)} is {set_apart(gazetteer, read)}"
    # The project's other gemeenten; of a national project, every other gemeente.
    project = gazetteer.gemeenten or gazetteer.names_of_gemeenten
    others = {g for g in project if g not in read.not_these and g not in gazetteer.refused}
    village = gazetteer._by_name(bare, within=others) if others and alone[2] not in _BY_POSITION else None
    region = village and (village[0] or village[1])
    if not region:
        where = "no gemeente of the figures" if gazetteer.national else f"none of {gazetteer.listing}"
        said = wording.alone(gazetteer, text, alone, f"write its gemeente in {COLUMN}")
        return _unplaced(
            f"no match: {quoted(cell)} in {COLUMN} is {set_apart(gazetteer, read)}: {where}; write the "
            f"gemeente as CBS names it, or leave the cell empty{said}"
        )
    owner = codes.gemeente_of(region)
    placed = gazetteer._by_name(text, within={owner})  # the village itself too: its reason names its gemeente alone
    if placed[2] != "onbekend":
        return _noted(placed, f"{other}: read in {_cbs_name(gazetteer, owner)}")
    name = gazetteer.names_of_gemeenten.get(owner, owner)
    said = wording.alone(gazetteer, text, alone, f"correct {COLUMN} if that is meant")
    return _unplaced(f"no match: '{text}' is no buurt or wijk name of {name} ({COLUMN}){said}; {other}")


def _no_gemeente(gazetteer: Gazetteer, text: str, cell: str, alone: _Placement) -> _Placement:
    """``text`` beside a ``cell`` that names no gemeente of the project: a wijk it lies in (``Centrum`` beside
    ``Denekamp``, the wijk *Wijk 10 Denekamp*), else not placed with the reason."""
    if alone[2] not in _BY_POSITION:
        # The village written in the place cell too ('Centrum Denekamp' beside 'Denekamp') is read once.
        words, village = fold(text).split(), fold(cell).split()
        rest = text
        if len(words) > len(village) and (words[: len(village)] == village or words[-len(village) :] == village):
            kept = text.split()
            rest = " ".join(kept[len(village) :] if words[: len(village)] == village else kept[: -len(village)])
        composed = gazetteer.place(f"{rest} ({cell})")
        if composed[2] != "onbekend":
            return composed
    where = "no gemeente of the figures" if gazetteer.national else f"none of {gazetteer.listing}"
    said = wording.alone(gazetteer, text, alone, f"write its gemeente in {COLUMN}")
    # A person's name in the column (a shifted column, who said it) is said as [naam] whole, as a location that is
    # one is (unplaced_names.named_nowhere): scrubbing the reason found half of 'Henk Bakker' (sweep 12 F16).
    shown = "'[naam]'" if _a_name(gazetteer, cell) else quoted(cell)
    return _unplaced(
        f"no match: {shown} in {COLUMN} is {where}; write the gemeente as CBS names it (not a village or wijk), "
        f"or leave the cell empty{said}"
    )


def _a_name(gazetteer: Gazetteer, cell: str) -> bool:
    """Whether a gemeente cell that names no gemeente reads as a person's name (:func:`.person_words.named_in_id`:
    ``Henk Bakker``, ``truus``, ``gerda.hulshof``), and no place the gazetteer knows; an e-mail address is scrubbed
    as one (``[e-mail]``)."""
    return "@" not in cell and fold(cell) not in gazetteer.names and named_in_id(cell.replace(".", " "))


def _join_names(gazetteer: Gazetteer, gemeenten: set[str]) -> str:
    return ", ".join(f"{g} {gazetteer.names_of_gemeenten.get(g, '')}".strip() for g in sorted(gemeenten))


def _noted(placed: _Placement, note: str | None) -> _Placement:
    """``placed`` with ``note`` (how a misspelt gemeente was read) added to its reason."""
    return placed if note is None else (*placed[:3], "; ".join(filter(None, (placed[3], note))))
