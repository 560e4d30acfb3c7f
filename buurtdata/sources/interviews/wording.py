"""A place written with more than its name, for :class:`~buurtdata.sources.interviews.gazetteer.Gazetteer`: with
its gemeente (``Centrum (Enschede)``, ``centrum, enschede``, ``Deventer Rivierenbuurt``, ``Rivierenbuurt
Deventer``), looked up in that gemeente alone, or with its wijk (``Verspreide huizen bosgebied (Wijk 00 Ermelo)``);
and how to write a name several buurten share in one cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from buurtdata import codes, gemeente_lookup
from buurtdata._errors import SHOWN, few
from buurtdata.gemeente_lookup import fold
from buurtdata.sources.interviews.names import _join, _similar

#: A :class:`~buurtdata.sources.interviews.gazetteer.Gazetteer`, which calls this module (so it is not imported here:
#: no import cycle, not even for type checking).
Gazetteer = Any
#: What the gazetteer says of a place: buurt code, wijk code, resolved_by, reason.
_Placement = tuple[str | None, str | None, str, str | None]

#: What a reason says of the forms of a buurt name two wijken share: they name its wijk, not its gemeente.
WITH_WIJK = "(the buurt with its wijk)"


def _unplaced(reason: str) -> _Placement:
    """A place not placed, with its reason."""
    return None, None, "onbekend", reason


#: Below gemeente_lookup.LIKE_A_GEMEENTE (the likeness at which a misspelt gemeente is taken as meant) to every
#: gemeente the gazetteer knows, words after a place that start with one of these, hold a digit or run long are a
#: remark (``Noord, bij de school``).
_REMARK_WORDS = frozenset(
    "aan achter bij binnen boven buiten dichtbij en hoek in met naast nabij of omgeving onder ongeveer op over "
    "richting rond rondom ter tegenover tot tussen vlakbij voor zie".split()
)
#: Words of a buurt name that say it is houses outside a kern (``Verspreide huizen Staverden``, ``Buitengebied``).
_OUTLYING = frozenset({"verspreide", "verspr", "buitengebied"})
#: The most words a gemeente written before or after a place (without brackets or comma) is read from.
_GEMEENTE_WORDS = 4
#: The most ways of writing one of several places of one name that a reason shows ('Centrum (Hengelo)', ...).
FORMS_SHOWN = 3
#: The kinds of reason a place stays unplaced: each such reason starts with its kind (``no match: ...``).
KINDS = ("empty", "no match", "ambiguous", "outside gemeente", "coordinates", "gemeente not built")
#: A reason's kind, as :func:`kind` reads it; a pandas ``str.extract`` of it counts many reasons at once.
KIND = re.compile(f"^({'|'.join(map(re.escape, KINDS))})")


def kind(reason: str | None) -> str | None:
    """The kind (one of :data:`KINDS`) of a reason, None for a note of a placed segment that starts with none.

    >>> kind("no match: 'Xyz' is no buurt or wijk name of Hengelo"), kind("'Kolenkit' read as ...")
    ('no match', None)
    """
    found = KIND.match(reason or "")
    return found[1] if found else None


def in_gemeente(gazetteer: Gazetteer, text: str, placed: _Placement) -> _Placement | None:
    """``text``, which ``placed`` did not place, read as a place with its gemeente before or after it.

    None when no gemeente is written with it, or when neither the place nor the name alone is known: then
    ``placed`` (the plain reason for the whole text) stands.
    """
    splits = _splits(text)
    for name, written in splits:
        if code := in_wijk(gazetteer, name, written):
            return code, gazetteer.buurten[code][1], "buurtnaam", None
    if not splits:
        around = _around(gazetteer, text) if kind(placed[3]) == "no match" else None
        # A gemeente before or after a dash is read by _around ('Deventer - Rivierenbuurt'); else a note after one.
        dashes = _dashes(text) if around is None and kind(placed[3]) == "no match" else []
        return with_note(gazetteer, dashes, placed) if dashes else around
    # The last brackets or comma that name a gemeente (a buurt's own name may hold either: "Oost (Noord)"); when
    # none does, the last of them, for the reason.
    for split in splits:
        named, note = gemeenten_named(gazetteer, split[1])
        if named:
            break
    else:
        split = splits[0]
        named, note = gemeenten_named(gazetteer, split[1])
    name, written = split
    built = {g for g in named if g not in gazetteer.refused}
    if built:
        placed = gazetteer._by_name(name, within=built)
        if placed[2] != "onbekend":
            return placed if note is None else (*placed[:3], "; ".join(filter(None, (note, placed[3]))))
        # Not found where it was said to be: that is the reason, also when a gemeente of that name is refused.
        fix = "write that gemeente if that is meant"
        said = alone(gazetteer, name, gazetteer._by_name(name), fix) if kind(placed[3]) == "no match" else ""
        return None, None, "onbekend", placed[3] + said
    if named:
        return None, None, "onbekend", gazetteer.not_built(named - built)
    # Words that name no gemeente (a former one: 'Stiens (Leeuwarderadeel)'): the name alone still says where.
    lone = gazetteer._by_name(name)
    if kind(lone[3]) == "gemeente not built":
        return lone
    if not _like_a_gemeente(gazetteer, written):
        return with_note(gazetteer, [*splits, *_dashes(text)], placed)
    if gazetteer.national and lone[2] != "onbekend":
        # Every gemeente of today is known: the words are no other gemeente, and the name is one place.
        note = f"'{written}' is no gemeente of the figures, so '{name}' was looked up alone"
        return (*lone[:3], "; ".join(filter(None, (note, lone[3]))))
    said = alone(gazetteer, name, lone, f"leave out '{written}' if that is meant")
    if not said:
        return None
    if not gazetteer.national and gazetteer.gemeente_name == gazetteer.gemeente:
        return None  # the figures name no gemeente (a selection of buurten): it cannot be told apart by name
    if gazetteer.national:
        where = "no gemeente"
    elif len(gazetteer.gemeenten) > 1:
        where = f"none of {gazetteer.listing}"
    else:
        where = f"not the project's gemeente {gazetteer.gemeente_name} ({gazetteer.gemeente})"
    return None, None, "onbekend", f"no match: '{written}' is {where}{said}"


#: Words a note after a buurt name opens with that keep it inside the buurt (Berflo Es Noord, bij de kerk); not en,
#: of, tussen, richting, buiten, rond or zie, which may mean a place beside or around it (sweep12 F6).
_NOTE_WORDS = _REMARK_WORDS - {"en", "of", "tussen", "richting", "buiten", "rond", "rondom", "zie", "omgeving"}
#: The most words of a note read for a region's or gemeente's name in it.
_NAME_WORDS = 8


def with_note(gazetteer: Gazetteer, splits: list[tuple[str, str]], placed: _Placement) -> _Placement | None:
    """A place with a note in brackets or after a comma (``Berflo Es Noord (bij de kerk)``, ``Berflo Es Noord, bij
    de kerk``; sweep12 F6), which ``placed`` did not place: in the buurt when the name before the note is exactly
    one buurt's, as written, and the note opens with a word such as bij, naast or achter and names no region or
    gemeente (the reason says the note was left out, without quoting it: it may name a person); else ``placed``'s
    reason with what the name alone is and to leave out the note. None when no name before a note is a place."""
    for name, written in splits:
        if _like_a_gemeente(gazetteer, written):
            continue
        lone = gazetteer._by_name(name)
        words = fold(written).split()
        if (
            lone[2] == "buurtnaam"
            and lone[3] is None
            and words[0] in _NOTE_WORDS
            and not _names_a_place(gazetteer, words)
        ):
            read = f"'{name}' read as {gazetteer.label('buurt', lone[0])}: the note after it was left out"
            return (*lone[:3], read)
        if said := alone(gazetteer, name, lone, f"leave out the note '{written}' if that is meant"):
            return None, None, "onbekend", f"{placed[3]}{said}"
    return None


def _names_a_place(gazetteer: Gazetteer, words: list[str]) -> bool:
    """Whether some of ``words`` (folded) in a row are a region's or gemeente's whole name (nabij Berflo Es Zuid)."""
    runs = (" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, min(len(words), i + _NAME_WORDS) + 1))
    return any(run in gazetteer.names or run in gazetteer._gemeente_names for run in runs)


#: A hyphen, en dash or em dash: with a space either side, a note or gemeente after a place's name follows it.
_DASHES = frozenset("-\u2013\u2014")


def _splits(text: str) -> list[tuple[str, str]]:
    """The ways ``text`` may be a place with a gemeente after it, last first: its closing brackets, then each
    comma from the right.

    >>> _splits("Oost (Noord) (Enschede)"), _splits("Buitengebied, verspreide huizen, Enschede")[0], _splits("Noord")
    ([('Oost (Noord)', 'Enschede')], ('Buitengebied, verspreide huizen', 'Enschede'), [])
    """
    found = []
    if text.endswith(")"):
        depth = 0
        for at in range(len(text) - 1, -1, -1):
            depth += {")": 1, "(": -1}.get(text[at], 0)
            if depth == 0:
                if text[:at].strip() and text[at + 1 : -1].strip():
                    found.append((text[:at].strip(), text[at + 1 : -1].strip()))
                break
    commas = [at for at, char in enumerate(text) if char == ","]
    found += [(text[:at].strip(), text[at + 1 :].strip()) for at in reversed(commas)]
    return [(name, written) for name, written in found if name and written]


def _dashes(text: str) -> list[tuple[str, str]]:
    """``text`` as a place with a note after its last dash with a space either side (``Berflo Es Noord - bij de
    kerk``), or nothing. Only the last: the dashes before it may be the name's own (``Kern Ommen - Zuid - ten noorden
    v spoor``); a dash without spaces, as in ``Tellegenbuurt-Oost``, is part of a name.

    >>> _dashes("Kern Ommen - Zuid – bij de kerk"), _dashes("Hengelo-Noord"), _dashes("Noord -")
    ([('Kern Ommen - Zuid', 'bij de kerk')], [], [])
    """
    at = max((at for at, char in enumerate(text) if char in _DASHES and text[at - 1 : at + 2 : 2] == "  "), default=0)
    name, written = text[:at].strip(), text[at + 1 :].strip()
    return [(name, written)] if at and name and written else []


def _around(gazetteer: Gazetteer, text: str) -> _Placement | None:
    """``Deventer Rivierenbuurt``, ``Rivierenbuurt Deventer``: a gemeente's name in the first or last words, and
    the rest a place there (longest gemeente first). None unless the rest places, or names a place of a refused
    gemeente written before or after it."""
    words = text.split()
    for size in range(min(_GEMEENTE_WORDS, len(words) - 1), 0, -1):
        for written, name in ((words[:size], words[size:]), (words[-size:], words[:-size])):
            named, note = gemeenten_named(gazetteer, " ".join(written))
            built = {g for g in named if g not in gazetteer.refused}
            rest = " ".join(name)
            if built:
                placed = gazetteer._by_name(rest, within=built)
                if placed[2] != "onbekend":
                    return placed if note is None else (*placed[:3], "; ".join(filter(None, (note, placed[3]))))
            elif named and gazetteer.elsewhere and fold(rest) in gazetteer.elsewhere.names:
                return None, None, "onbekend", gazetteer.not_built(named)
            elif not named and (code := in_wijk(gazetteer, rest, " ".join(written))):
                # A buurt with the village its wijk is named after: 'Centrum Denekamp' (user test W).
                return code, gazetteer.buurten[code][1], "buurtnaam", None
    return None


def _like_a_gemeente(gazetteer: Gazetteer, written: str) -> bool:
    """Whether words after a place may mean a gemeente (``Almelo``), not a remark (``bij de school``)."""
    key = fold(written)
    words = key.split()
    if words and words[0] not in _REMARK_WORDS and len(words) <= _GEMEENTE_WORDS and not re.search(r"\d", key):
        return True
    return bool(_similar(key, gazetteer._gemeente_names, cutoff=gemeente_lookup.LIKE_A_GEMEENTE))


def gemeenten_named(gazetteer: Gazetteer, written: str) -> tuple[set[str], str | None]:
    """The gemeenten called ``written``, or the one gemeente it is a misspelling of, and how it was read so."""
    key, names = fold(written), gazetteer._gemeente_names
    if key in names:
        return names[key], None
    hits = _similar(key, names) if len(key) >= 4 else []  # best first
    named = {code for name, _, _ in hits for code in names[name]}
    if len(named) != 1:
        return set(), None
    (code,) = named
    elsewhere = gazetteer.elsewhere.names_of_gemeenten if gazetteer.elsewhere else {}
    written_so = gazetteer.names_of_gemeenten.get(code) or elsewhere.get(code) or code
    return named, f"'{written}' read as gemeente {written_so!r} ({code}), similarity {hits[0][1]:.0f}"


def alone(gazetteer: Gazetteer, name: str, placed: _Placement, fix: str) -> str:
    """What ``name`` is without the gemeente written with it (``placed``: as the gazetteer places it alone), to add
    to a reason: one region (and ``fix``) or several of the project's; "" when none."""
    region = placed[0] or placed[1]
    here = "there" if len(gazetteer.gemeenten) == 1 else None
    if region:
        gemeente = codes.gemeente_of(region)
        here = here or f"of {gazetteer.names_of_gemeenten.get(gemeente, gemeente)}"
        return f"; '{name}' alone is {gazetteer.label('buurt' if placed[0] else 'wijk', region)} {here}: {fix}"
    if placed[3].startswith("ambiguous between "):
        between = placed[3].removeprefix("ambiguous ").split("; ")[0]
        return f"; '{name}' alone is ambiguous {here or 'in the project'}, {between}"
    return ""


def in_wijk(gazetteer: Gazetteer, name: str, written: str) -> str | None:
    """The one buurt called ``name`` in the wijk (or wijken) called ``written``: ``Verspreide huizen bosgebied
    (Wijk 00 Ermelo)``, when a buurt's name is not its own."""
    wijken = {code for level, code in gazetteer.names.get(fold(written), ()) if level == "wijk"}
    if not wijken:
        return None
    found = {
        c for level, c in gazetteer.names.get(fold(name), ()) if level == "buurt" and gazetteer.buurten[c][1] in wijken
    }
    return next(iter(found)) if len(found) == 1 else None


def one_cell(gazetteer: Gazetteer, matches: set[tuple[str, str]], within: set[str] | None) -> str:
    """How to write one of several regions of one name in a location cell: ``write 'Verspreide huizen bosgebied
    (Wijk 00 Ermelo)', 'Verspreide huizen bosgebied (Wijk 01 Speuld)' or the buurt code (BU02330009, BU02330109)``
    when they are buurten of one name and gemeente, each in another wijk, and each so written is placed there."""
    buurten = sorted(code for level, code in matches if level == "buurt")
    plain = _plain(buurten, matches)
    if within or len(buurten) < len(matches) or len({codes.gemeente_of(code) for code in buurten}) > 1:
        return plain
    if len({fold(gazetteer.buurten[code][0]) for code in buurten}) > 1:
        return plain  # their own names tell them apart
    forms = []
    for code in buurten:
        name, wijk = gazetteer.buurten[code]
        if wijk not in gazetteer.wijken or in_wijk(gazetteer, name, gazetteer.wijken[wijk]) != code:
            return plain
        forms.append(f"'{name} ({gazetteer.wijken[wijk]})'")
    either = f"{', '.join(forms[:-1])} or {forms[-1]}"
    return f"write {either} {WITH_WIJK}, or the buurt code ({', '.join(buurten)})"


def _plain(buurten: list[str], matches: set[tuple[str, str]]) -> str:
    """``write the buurt code (BU08880000)``: the codes themselves when few (user test "any gemeente": "Beek",
    "Boekel", "Bunschoten" name a buurt and the gemeente itself, and the reason said "(BU...)"); the full wijk name
    only when a wijk is among them or all are buurten; the whole gemeente is said to be placed in no buurt."""
    code = f"the buurt code ({', '.join(buurten)})" if 0 < len(buurten) <= SHOWN else "the buurt code (BU...)"
    levels = {level for level, _ in matches}
    if "wijk" in levels or levels == {"buurt"}:
        return f"write {code} or the full wijk name"
    if "gemeente" in levels:
        return f"write {code} to place it in the buurt; a segment about the whole gemeente is placed in none"
    return f"write {code}"


def the_kern(gazetteer: Gazetteer, key: str, buurt: str, wijk: str) -> str | None:
    """Why the folded name ``key`` of ``buurt`` and of the ``wijk`` around it is read as the buurt: the wijk is called
    so only with CBS's ``Wijk 01`` before it, and its other buurten are outlying houses (*Speuld* in *Wijk 01
    Speuld*, beside *Verspreide huizen Staverden*, ...). None when not so: then the wijk is certain, the buurt not."""
    if not re.fullmatch(rf"wijk \d+ {re.escape(key)}", fold(gazetteer.wijken.get(wijk, ""))):
        return None
    others = [name for code, (name, around) in gazetteer.buurten.items() if around == wijk and code != buurt]
    if not others or not all(_OUTLYING & set(fold(name).split()) for name in others):
        return None
    return (
        f"{gazetteer.label('buurt', buurt)} is the one place of {gazetteer.label('wijk', wijk)} besides outlying "
        "houses, so the segment is placed in the buurt; write the full wijk name to place it in the wijk"
    )


def ambiguous(
    gazetteer: Gazetteer, text: str, matches: set[tuple[str, str]], aside: set[tuple[str, str]], within: set[str] | None
) -> str:
    """``ambiguous between <regions>; write 'Centrum (Hengelo)' or 'Centrum (Zeist)', or the buurt code``: the
    regions (of built gemeenten, then of refused ones, said to be not built) ``text`` may mean, and how to write
    each one a segment can be placed in, in the form that places it; ``within``: the gemeenten the cell named with
    the name (None when it holds the name alone)."""
    labels = [gazetteer.label(*m) for m in sorted(matches, key=lambda m: m[1])]
    labels += [gazetteer._aside(*m) for m in sorted(aside, key=lambda m: m[1])]
    listing = _join(labels) if len(labels) <= SHOWN else few(labels)
    if within:
        listing += f" in {_join(gazetteer.names_of_gemeenten.get(g, g) for g in sorted(within))}"
    if not aside and len({codes.gemeente_of(code) for _, code in matches}) == 1:
        return f"ambiguous between {listing}; {one_cell(gazetteer, matches, within)}"
    # Each form is checked in its one gemeente, where nothing is refused: no ambiguity there asks for forms again.
    forms = _forms(gazetteer, text, matches)
    shown = few(forms, FORMS_SHOWN)
    either = " or ".join(forms) if len(forms) <= 2 else f"one of {shown}"
    if aside:
        one = "the one" if len(matches) == 1 else "one"
        fix = f"write {either} for {one} built, or the buurt code" if forms else "write the buurt code (BU...)"
    else:
        fix = f"write {either}, or the buurt code" if forms else one_cell(gazetteer, matches, within)
    return f"ambiguous between {listing}; {fix}"


def _forms(gazetteer: Gazetteer, text: str, matches: set[tuple[str, str]]) -> list[str]:
    """``'Centrum (Hengelo)'`` for each gemeente of ``matches`` in which the name with the gemeente places a
    segment (checked as a location cell is read, so the form shown works)."""
    by_gemeente: dict[str, list[tuple[str, str]]] = {}
    for level, code in sorted(matches, key=lambda m: m[1]):
        if level != "gemeente":
            by_gemeente.setdefault(codes.gemeente_of(code), []).append((level, code))
    forms = []
    for gemeente, found in by_gemeente.items():
        names = {gazetteer.buurten[c][0] if level == "buurt" else gazetteer.wijken[c] for level, c in found}
        name = names.pop() if len({fold(n) for n in names}) == 1 else text
        full = gazetteer.names_of_gemeenten.get(gemeente, gemeente)
        # 'Hengelo' for Hengelo (O.) when that names it alone; its full name otherwise.
        short = re.sub(r"\s*\(.*?\)", "", full).strip()
        written = short if gazetteer._gemeente_names.get(fold(short)) == {gemeente} else full
        if gazetteer._by_name(name, within={gemeente})[2] != "onbekend":
            forms.append(f"'{name} ({written})'")
    return forms


def outside_held(gazetteer: Gazetteer, text: str, placed: _Placement) -> _Placement:
    """``placed`` (of ``text``, which no gemeente the interviews were held in has), with a note when it is placed:
    placed elsewhere, but not silently."""
    if placed[2] == "onbekend":
        return placed
    elsewhere = gazetteer.elsewhere.names_of_gemeenten if gazetteer.elsewhere else {}
    held = _join(gazetteer.names_of_gemeenten.get(g) or elsewhere.get(g, g) for g in sorted(gazetteer.held))
    gemeente = codes.gemeente_of(placed[0] or placed[1])
    outside = (
        f"'{text}' is no name in {held}, where the interviews were held: read in "
        f"{gemeente} {gazetteer.names_of_gemeenten.get(gemeente, '')}".rstrip()
    )
    return (*placed[:3], "; ".join(filter(None, (placed[3], outside))))


def held_in(gazetteer: Gazetteer, written: Iterable[str]) -> list[str]:
    """Set ``gazetteer.held`` to the gemeenten ``written`` (codes or names: where the interviews were held); return
    the problems of those that name no gemeente of the project (built or not), each with the closest."""
    elsewhere = gazetteer.elsewhere.names_of_gemeenten if gazetteer.elsewhere else {}
    known = {**elsewhere, **gazetteer.names_of_gemeenten}
    where = "the figures" if gazetteer.national else gazetteer.listing
    problems = []
    gazetteer.held.clear()  # set, not added to: a gazetteer handed to a second call held the first's (review11 L3)
    for item in written:
        found = gemeente_lookup.find(item, known)
        if len(found.codes) == 1:
            gazetteer.held.update(found.codes)
        elif found.codes:
            listed = _join(f"{c} {known.get(c, c)}" for c in found.codes)
            problems.append(f"gemeenten: {item!r} names {listed}; write the code of the one meant")
        else:
            # A code's closest is shown as codes.nearest shows it; a name's by each gemeente that name has.
            meant = [
                f"{c} {known[c] or ''}".strip() if found.as_code else f"{c} {known.get(c, c)}" for c in found.closest
            ]
            hint = f"; did you mean {' or '.join(meant)}?" if meant else ""
            problems.append(f"gemeenten: {item!r} is no gemeente of {where}{hint}")
    return problems
