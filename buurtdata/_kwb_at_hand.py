"""What the KWB files at hand say about a new project's gemeenten (``buurtdata nieuw``): their names, where
they were looked for and why a name was not found, which figures the file of the year asked holds no value of,
and the code of a gemeente given by its name.
"""

from __future__ import annotations

import re
import shlex
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from buurtdata import _sql, codes, gemeente_lookup, settings
from buurtdata._errors import BuurtdataError, CodeError, DataNotAvailableError
from buurtdata._text import and_nl, counted
from buurtdata.sources.cbs import held
from buurtdata.sources.cbs.files import local_file
from buurtdata.sources.cbs.tables import KWB_TABLES


@dataclass(frozen=True)
class Found:
    """What the KWB files at hand say about the project's gemeenten."""

    #: code -> name, and the file it came from, of each gemeente of the project found.
    names: dict[str, str]
    sources: dict[str, Path]
    #: The files read, code -> name of every gemeente row in them (for the closest code to one not found), and
    #: the gemeenten with a wijk or buurt in them (a selection of buurten may lack its gemeente's own row).
    searched: list[Path]
    known: dict[str, str | None]
    present: set[str]
    #: Every name each gemeente has in the files read (2020 "Hengelo", 2024 "Hengelo (O.)"): any of them names it.
    every_name: dict[str, set[str]]
    #: The CBS keys of the year asked that its file at hand holds no value of (an early snapshot lacks some).
    empty: set[str]
    #: code -> a buurt of each gemeente of the project found and its most common postcode (None when the file has
    #: none): the examples of the templates ``nieuw`` writes (sweep 12 #13: every gemeente got Hengelo's).
    examples: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    #: Each file read: its year and code -> name of its gemeente rows (what a message says it holds).
    held_in: dict[Path, tuple[int, dict[str, str | None]]] = field(default_factory=dict)
    #: code -> the boundary file at hand that names a gemeente of the project no KWB file at hand holds.
    elsewhere: dict[str, Path] = field(default_factory=dict)


def gemeente_names(
    scope: tuple[str, ...],
    year: int,
    *,
    names: Sequence[str] = (),
    path: Path | None = None,
    empty: bool = False,
) -> Found:
    """Each gemeente's name from a KWB file at hand (the year asked first, then the others) and that file; with
    ``names``, read on until each of those names a gemeente too; with ``path``, read that file only; with
    ``empty``, also which figures the file of the year asked holds no value of (a scan of every column: ``nieuw``
    asks, a gemeente's name does not need it)."""
    from buurtdata.sources.cbs.files import read_kwb_file

    found = Found({}, {}, [], {}, set(), {}, set())
    years = [year, *sorted((y for y in KWB_TABLES if y != year), key=lambda y: abs(y - year))]
    # Looked for as they are reached: the loop stops once everything asked is found.
    files = (
        [(year, path)] if path is not None else ((y, local_file(y, KWB_TABLES[y])) for y in years if y in KWB_TABLES)
    )
    for other, path in files:
        missing = [code for code in scope if code not in found.names]
        if not missing and all(
            gemeente_lookup.find(name, found.known, other_names=found.every_name).codes for name in names
        ):
            break
        if path is None:
            continue
        con = duckdb.connect()
        _sql.quiet(con)
        _sql.macros(con)  # cbs_cell: what an empty cell is, as the staging says it
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                _, _, data, _, regions, _ = read_kwb_file(path, KWB_TABLES.get(other), other, con=con)
                if empty and other == year:
                    found.empty.update(_empty_columns(data))
        except (BuurtdataError, DataNotAvailableError, OSError):
            continue
        found.searched.append(path)
        found.held_in[path] = (other, named_gemeenten(regions))
        for code, name in found.held_in[path][1].items():
            if found.known.get(code) is None:  # the name of the year nearest the project's that names it
                found.known[code] = name
            if name:
                found.every_name.setdefault(code, set()).add(name)
        keys = regions["Key"].astype(str).str.strip()
        found.present.update(codes.parents(keys[keys.str[:2].map(codes.LEVELS).isin(["wijk", "buurt"])], "gemeente"))
        for code in missing:
            if found.known.get(code):  # a code without a name is not found: the project would be called "None"
                found.names[code] = found.known[code]
                found.sources[code] = path
        found.examples.update(_examples([c for c in missing if c in found.names and c in found.present], data))
    if unnamed := [code for code in scope if code not in found.names and code != "GM0000"]:
        # Sweep 14 F2: Land van Cuijk (GM1982, formed 2022) is in no KWB file at hand, but a boundary file names it.
        for code, (name, where) in boundary_names().items():
            if code in unnamed:
                found.names[code], found.sources[code], found.elsewhere[code] = name, where, where
    return found


def boundary_names(paths: Sequence[Path] | None = None) -> dict[str, tuple[str, Path]]:
    """code -> (name, file) of each gemeente a boundary file names (``paths``, default every one under
    ``data/raw`` that is no KWB file), from its gemeente code and name properties; a file unread is passed over."""
    import pyogrio

    from buurtdata.sources.geometry.files import CODE_PROPERTIES, LOCAL_SUFFIXES, NAME_PROPERTIES

    if paths is None:
        raw = Path(settings.data_dir) / "raw"
        paths = sorted(
            path
            for path in raw.rglob("*")
            if path.suffix.lower() in LOCAL_SUFFIXES and not path.name.lower().startswith(("kwb", "cbs.v"))
        )
    found: dict[str, tuple[str, Path]] = {}
    for path in paths:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                columns = pyogrio.read_info(path)["fields"].tolist()
                code = next((c for c in CODE_PROPERTIES["gemeente"] if c in columns), None)
                name = next((c for c in NAME_PROPERTIES["gemeente"] if c in columns), None)
                if code is None or name is None:
                    continue
                frame = pyogrio.read_dataframe(path, columns=[code, name], read_geometry=False)
        except (OSError, pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError):
            continue
        for key, title in zip(frame[code].astype(str).str.strip(), frame[name], strict=True):
            if re.fullmatch(r"GM\d{4}", key) and isinstance(title, str) and title.strip():
                found.setdefault(key, (title.strip(), path))
    return found


#: The CBS key of a region's most common postcode (a topic, not an indicator: its number differs per table).
_POSTCODE = re.compile(r"MeestVoorkomendePostcode_\d+")


def _examples(gemeenten: list[str], data) -> dict[str, tuple[str, str | None]]:
    """A buurt of each of ``gemeenten`` in a KWB file's relation (as :func:`read_kwb_file` gives it): the first by
    code with a postcode of four digits (the first at all when none has one), never a pseudo-buurt (9997-9999)."""
    if not gemeenten:
        return {}
    postcode = next((c for c in data.columns if _POSTCODE.fullmatch(c)), None)
    cell = f"cbs_cell({_sql.identifier(postcode)}::varchar)" if postcode else "null"
    rows = data.filter("starts_with(trim(WijkenEnBuurten), 'BU')").project(
        f"trim(WijkenEnBuurten) as code, {cell} as postcode"
    )
    wanted = set(gemeenten)
    examples: dict[str, tuple[str, str | None]] = {}
    for code, value in sorted(rows.fetchall()):
        gemeente = codes.PREFIXES["gemeente"] + code[2 : 2 + codes.PARENT_LENGTH["gemeente"]]
        if gemeente not in wanted or code[-4:] in ("9997", "9998", "9999"):
            continue
        number = str(value).strip() if value is not None else ""
        number = number if re.fullmatch(r"[1-9]\d{3}", number) else None
        if gemeente not in examples or (examples[gemeente][1] is None and number):
            examples[gemeente] = (code, number)
    return examples


def named_gemeenten(regions: pd.DataFrame) -> dict[str, str | None]:
    """Code -> name of every gemeente row of a KWB file's regions (as :func:`read_kwb_file` gives them); a file
    without region names (a saved TypedDataSet) names no gemeente: its codes are known, not named (``None``)."""
    keys = regions["Key"].astype(str).str.strip()
    own = keys.str[:2].map(codes.LEVELS) == "gemeente"
    if "Title" not in regions:
        return dict.fromkeys(keys[own])
    titles = regions.loc[own, "Title"].astype("string").str.strip()
    named = zip(keys[own], titles, strict=True)
    return {code: None if pd.isna(name) or not name else str(name) for code, name in named}


def _empty_columns(data) -> set[str]:
    """The columns of a KWB file's relation (as :func:`read_kwb_file` gives) without a value in any row."""
    columns = [c for c in data.columns if c != "WijkenEnBuurten"]
    counts = data.aggregate(", ".join(f"count(cbs_cell({_sql.identifier(c)}::varchar))" for c in columns)).fetchall()[0]
    return {column for column, count in zip(columns, counts, strict=True) if not count}


def _why(missing: list[str], found: Found, year: int | None = None) -> str:
    """Why the names of ``missing`` were not found: where buurtdata looked, and the closest codes there; a code
    newer than every gemeente of a national file is a gemeente formed since (``year``: the project's), no typo."""
    raw = Path(settings.data_dir).resolve() / "raw"
    if not found.searched:
        return (
            f"geen KWB-bestand in {raw} (buurtdata zoekt in BUURTDATA_DATA_DIR/raw, zonder die variabele in "
            "data/raw onder de map waarin je het commando geeft; wijs een andere map aan met bijvoorbeeld "
            "`export BUURTDATA_DATA_DIR=/pad/naar/data` en maak het project opnieuw in een lege map)"
        )
    clauses = []
    for code in missing:
        if code in found.known:  # its row is there, without a name (a saved TypedDataSet holds none)
            clauses.append(f"{code} staat erin zonder naam: het bestand heeft geen regionamen")
            continue
        if code in found.present:
            clauses.append(f"{code} staat er alleen met wijken of buurten in, zonder een rij van de gemeente zelf")
            continue
        if formed := _formed_since(code, found, year):
            clauses.append(formed)
            continue
        holds = ""
        if held.selection(found.known):
            close = held.likely_typos(code, found.known)
            holds = (
                f" (er staat een selectie van {counted(len(found.known), 'gemeente', 'gemeenten')} in: "
                f"{held.listed(found.known)}; het landelijke KWB-bestand bevat alle gemeenten)"
            )
        else:
            close = codes.nearest(code, found.known, limit=3)
        clauses.append(
            f"{code} staat er niet in" + (f" (dichtstbij: {', '.join(close)}; klopt de code?)" if close else "") + holds
        )
    return f"gezocht in {and_nl([str(path) for path in found.searched])}: {'; '.join(clauses)}"


def _formed_since(code: str, found: Found, year: int | None) -> str:
    """Said of a gemeente ``code`` newer than every gemeente of the national KWB files read (sweep 14 F2: Land van
    Cuijk, GM1982, was told "klopt de code?"): formed since, what each file holds and how to go on; else ``""``."""
    national = {
        path: (other, gemeenten) for path, (other, gemeenten) in found.held_in.items() if not held.selection(gemeenten)
    }
    if not national or not all(held.newer(code, gemeenten) for _, gemeenten in national.values()):
        return ""
    newest = max(other for other, _ in national.values())
    files = and_nl([f"{other} ({len(gemeenten)} gemeenten)" for other, gemeenten in sorted(national.values())])
    said = (
        f"{code} staat er niet in en is een nieuwere code dan elke gemeente in het landelijke KWB-bestand van "
        f"{files}: een gemeente die na {newest} is ontstaan (gemeentecodes veranderen als gemeenten samengaan)"
    )
    for other, gemeenten in sorted(v for v in found.held_in.values() if held.selection(v[1])):
        shown = counted(len(gemeenten), "gemeente", "gemeenten")
        said += f"; het bestand van {other} is een selectie van {shown}: {held.listed(gemeenten) or 'geen'}"
    if year is not None and year > newest:
        return said + (
            f"; de build van {year} heeft het landelijke KWB-bestand van {year} nodig (hij haalt het op, of zet "
            f"het zelf in data/raw): daar staat {code} in als de gemeente op 1 januari {year} bestond"
        )
    asked = year if year is not None else newest
    return said + (
        f"; ga verder met een later KWB-jaar waarin de gemeente bestaat (--jaar), of maak een regio "
        f"van de gemeenten waaruit ze is ontstaan, met hun codes van {asked}: `buurtdata nieuw GM.... GM.... --jaar "
        f"{asked} MAP` (CBS' lijst 'Gemeentelijke indeling op 1 januari' noemt ze)"
    )


def asked_gemeenten(
    asked: object, year: int, path: Path | None = None, boundaries: Sequence[Path] | None = None
) -> list[str] | None:
    """The gemeente codes asked (:func:`codes.gemeenten`), a gemeente written by its name given the code it has in
    the KWB file ``path`` or, without one, in the KWB files at hand (the year asked first): what an analyst types,
    ``kerncijfers(2024, gemeente="Hilversum")``. Without a file that names it, the codes' own message stands. A
    name no KWB file names may be named by the boundary files ``boundaries`` (default: those at hand), as
    :func:`boundary_names` reads them (sweep 14 F2: Land van Cuijk, formed in 2022, is in no KWB file here)."""

    def at_hand(names: list[str]) -> _Read | None:
        found = gemeente_names((), year, names=names, path=path)
        where = ", ".join(str(searched) for searched in found.searched)
        # A closest name only of the year asked: not one merged away since, nor a guess among a selection.
        own = next((gemeenten for other, gemeenten in found.held_in.values() if other == year), {})
        return (found.known, found.every_name, where, own) if found.searched else None

    return _asked(asked, at_hand, boundaries)


def asked_in_file(asked: object, regions: pd.DataFrame, path: Path) -> list[str] | None:
    """:func:`asked_gemeenten` of the KWB file at ``path`` read already: its ``regions`` (as :func:`read_kwb_file`
    gives them) name the gemeenten, the file is not read again. A file without region names names no gemeente."""

    def in_file(names: list[str]) -> _Read | None:
        known = named_gemeenten(regions)
        return (known, None, str(path), known) if "Title" in regions else None

    return _asked(asked, in_file, ())  # the file asked, no other: what it holds is the answer


#: What a lookup of names read: code -> name, code -> every name, where it was read, and code -> name of the
#: year asked (the closest names are offered from it).
_Read = tuple[Mapping[str, str | None], Mapping[str, set[str]] | None, str, Mapping[str, str | None]]


def _asked(
    asked: object, named_in: Callable[[list[str]], _Read | None], boundaries: Sequence[Path] | None
) -> list[str] | None:
    """:func:`codes.gemeenten` of ``asked``, a gemeente written by its name given its code in what ``named_in`` reads
    for the names asked (:data:`_Read`); ``None`` when it read nothing, and the codes' own message stands, as it
    does when nothing asked is a name. A name it does not know is looked up in ``boundaries`` as
    :func:`asked_gemeenten` says; when they do not name it either, the message is of the KWB files."""
    asked = once(asked)
    try:
        return codes.gemeenten(asked)
    except CodeError:
        listed, names = _names_in(asked)
        if not names or (read := named_in(names)) is None:
            raise
        known, every_name, where, own = read
        selection = held.selection_note(dict(own)) if own else ""
        try:
            return gemeente_lookup.asked_codes(
                listed, known, where, selection=selection, other_names=every_name, closest_in=own
            )
        except CodeError as error:
            said = error
        # Named by a boundary file only: its code, of which the KWB's own message says what it holds.
        other_names = {code: {name} for code, (name, _) in boundary_names(boundaries).items()}
        if not other_names:
            raise said from None
        for code, names_of in (every_name or {}).items():
            other_names.setdefault(code, set()).update(names_of)
        try:
            return gemeente_lookup.asked_codes(
                listed, {**dict.fromkeys(other_names), **known}, where, other_names=other_names, closest_in={}
            )
        except CodeError:
            raise said from None


def refuse_mistyped(asked: object) -> None:
    """Raise the codes' own message when ``asked`` is no gemeente code and names no gemeente either ('GM016', '164'):
    before a KWB file is read to look a name up, which only a name needs (review11 L1: the national file was read
    before a one-character typo was said). ``asked`` as :func:`once` gives it: read twice."""
    try:
        codes.gemeenten(asked)
    except CodeError:
        if not _names_in(asked)[1]:
            raise


def once(asked: object) -> object:
    """``asked`` (a gemeente, a list of them or ``None``) as something to read more than once: a generator or other
    iterator as a list (review11b M1: ``gemeente=(g for g in ...)`` was used up by one check, the next read none)."""
    return asked if asked is None or isinstance(asked, str) else list(asked)  # type: ignore[call-overload]


def _names_in(asked: object) -> tuple[list[object], list[str]]:
    """What was asked, as a list, and those of it that may be a gemeente's name (no digit in it)."""
    listed = [asked] if isinstance(asked, str) else list(asked)  # type: ignore[call-overload]
    return listed, [w for w in listed if isinstance(w, str) and not any(c.isdigit() for c in w) and _named(w)]


def not_found(missing: list[str], found: Found, year: int | None = None) -> str:
    """``De naam van GM0999 is niet gevonden: <why>; vul hem in`` (or of several); of a gemeente a boundary file
    names (:attr:`Found.elsewhere`) that no KWB file at hand holds, that and why, first (``year``: the project's)."""
    said = []
    if named := [code for code in missing if code in found.elsewhere]:
        which = and_nl([f"{code} ({found.names[code]})" for code in named])
        where = and_nl(sorted({str(found.elsewhere[code]) for code in named}))
        verb = "staat" if len(named) == 1 else "staan"
        said.append(f"{which} {verb} in geen KWB-bestand hier (de naam komt uit {where}): {_why(named, found, year)}")
    unnamed = [code for code in missing if code not in found.elsewhere]
    if len(unnamed) == 1:
        said.append(f"De naam van {unnamed[0]} is niet gevonden: {_why(unnamed, found, year)}; vul hem in")
    elif unnamed:
        said.append(f"De namen van {and_nl(unnamed)} zijn niet gevonden: {_why(unnamed, found, year)}; vul ze in")
    return ". ".join(said)


def refuse_names(gemeente: str | Sequence[str], year: int, folder: Path) -> None:
    """Refuse a gemeente written by its name (``buurtdata nieuw Zwolle``, as a newcomer types it) with its code from
    the KWB files at hand, or the closest names there; a code's own mistakes are said where the codes are read."""
    given = [gemeente] if isinstance(gemeente, str) else list(gemeente)
    _refuse_provinces(given, year, folder)
    # No gemeente's name holds a digit: 'GM04X' or '164' is a code mistyped, said where the codes are read.
    names = [w for w in given if not codes.is_national(w) and not any(c.isdigit() for c in w) and _named(w)]
    if not names:
        return
    # GM0000 names no gemeente: every file at hand is read, and what it knows comes back (nearest year first).
    at_hand = gemeente_names(("GM0000",), year)
    known = at_hand.known
    said, meant = [], {}
    for written in names:
        found = gemeente_lookup.find(written, known, other_names=at_hand.every_name)
        options = found.codes or found.closest
        if len(found.codes) == 1:  # a closest name is a guess: listed, never put in a command to run
            meant[written] = found.codes[0]
        listed = " or ".join(f"{code} ({known[code]})" for code in options)
        if found.codes:
            said.append(f"{written!r} is {listed}")
        elif options:
            said.append(f"{written!r} is no gemeente name in the KWB files at hand; closest: {listed}")
        else:
            said.append(f"{written!r} is no gemeente name in the KWB files at hand")
    msg = f"nieuw takes gemeente codes (GM + 4 digits), not names: {'; '.join(said)}."
    if all(written in meant or written not in names for written in given):
        command = ["buurtdata", "nieuw", *(meant.get(w, w) for w in given), "--jaar", str(year), str(folder)]
        msg += f" Run: {shlex.join(command)}"
    else:
        msg += " CBS lists every gemeente with its code on cbs.nl ('Gemeentelijke indeling op 1 januari')."
    raise BuurtdataError(msg)


def _refuse_provinces(given: list[str], year: int, folder: Path) -> None:
    """Refuse a province, by name or CBS code (``Flevoland``, ``PV24``), as a newcomer may ask for a region: the KWB
    is per gemeente, and no file at hand says which gemeenten a province holds (sweep 12: Flevoland was answered
    with Vlieland, the closest name, and PV24 as no CBS region code)."""
    provinces = [
        written
        for written in given
        if gemeente_lookup.fold(written) in gemeente_lookup.PROVINCES or re.fullmatch(r"(?i)\s*pv\d\d\s*", written)
    ]
    if not provinces:
        return
    shown = ", ".join(map(repr, provinces))
    which = f"{shown} is a province" if len(provinces) == 1 else f"{shown} are provinces"
    msg = (
        f"{which}: CBS's Kerncijfers wijken en buurten are per gemeente, so nieuw makes a project of one gemeente, "
        f"of a region (its gemeenten's codes one after another) or of NL. For a province, name its gemeenten: "
        f"buurtdata nieuw GM.... GM.... --jaar {year} {shlex.quote(str(folder))}. CBS lists every gemeente with its "
        "code and province on cbs.nl ('Gemeentelijke indeling op 1 januari')."
    )
    raise BuurtdataError(msg)


def _named(written: str) -> bool:
    """Whether ``written`` is meant as a gemeente's name rather than its code."""
    try:
        return gemeente_lookup.code_of(written) is None
    except CodeError:
        return False


def code_hint(written: str, year: object = None) -> str | None:
    """What to write for a gemeente given by its name in project.toml, or None for one with a digit (a code mistyped,
    said as codes are): its code from the KWB files at hand, else where CBS lists the codes (sweep 12: gemeente =
    "Ermelo" was told the forms of wijk and buurt codes, not Ermelo's code)."""
    if any(c.isdigit() for c in written) or not written.strip():
        return None
    at_hand = gemeente_names(("GM0000",), year if isinstance(year, int) and year in KWB_TABLES else max(KWB_TABLES))
    found = gemeente_lookup.find(written, at_hand.known, other_names=at_hand.every_name)
    if len(found.codes) == 1:
        return f'{written!r} is a name; write its CBS code: "{found.codes[0]}" ({at_hand.known[found.codes[0]]})'
    listed = " or ".join(f'"{code}" ({at_hand.known[code]})' for code in found.codes or found.closest)
    return (
        f'{written!r} is a name, not a gemeente code (GM + 4 digits, e.g. "GM0164")'
        + (f"; in the KWB files at hand: {listed}" if listed else "")
        + ". CBS lists every gemeente with its code on cbs.nl ('Gemeentelijke indeling op 1 januari')"
    )
