"""What a KWB file holds, said when the project's gemeente is not in it.

A file saved from StatLine often holds a selection of gemeenten: then the closest code in it is no help (a
project of Ermelo was told "closest: GM0363 Amsterdam"), and the file's gemeenten and the national file are.
A file that holds the gemeente's name under another code (a code mistyped in the file or in the project) says
so, instead of offering the neighbouring code as a typo.
"""

from __future__ import annotations

import re
import unicodedata

from buurtdata import codes
from buurtdata._errors import few
from buurtdata._text import code_and_name, counted, named

#: CBS's national KWB files hold some 340-400 gemeenten; a file of fewer is a selection.
NATIONAL = 300


def selection(held: dict[str, str | None]) -> bool:
    """Whether ``held`` (code -> name of a file's gemeenten) is a selection rather than the whole country."""
    return len(held) < NATIONAL


def selection_note(held: dict[str, str | None]) -> str:
    """What a file holding a selection of gemeenten holds (``""`` for the whole country), said where a gemeente
    asked by its name is not in it: a guess at the closest name among a few would mislead."""
    if not selection(held):
        return ""
    return (
        f"it holds a selection of {len(held)} gemeente{'' if len(held) == 1 else 'n'} ({listed(held)}); "
        "CBS's national KWB file holds every gemeente"
    )


def listed(held: dict[str, str | None]) -> str:
    """The gemeenten ``held``, as ``GM0014 Groningen, GM0363 Amsterdam`` (the first few and how many more)."""
    return few([code_and_name(code, name) for code, name in sorted(held.items())])


def same_name(code: str, name: str | None, held: dict[str, str | None]) -> list[str]:
    """The codes other than ``code`` under which ``held`` names the gemeente ``name`` (spelling aside)."""
    if not named(name):
        return []
    others = {other: title for other, title in held.items() if other != code and named(title)}
    # CBS's 'Hengelo (O.)' is 'Hengelo' in many a boundary file: the part in brackets is compared when both have it.
    for key in (spelling, lambda title: spelling(re.sub(r"\(.*?\)", "", title))):
        same = sorted(other for other, title in others.items() if key(title) == key(name))
        if same:
            return same
    return []


def absent(code: str, name: str | None, held: dict[str, str | None], *, year: int, table: str) -> str:
    """Why gemeente ``code`` (``name``: as the boundary file calls it, when it does) is not in a KWB file of
    ``year`` holding ``held``, and the fix: what follows "gemeente GM0233 is not in KWB 2020"."""
    called = f" {name}" if named(name) else ""
    others = same_name(code, name, held)
    if others:
        return (
            f"; it holds {' and '.join(f'{held[o]} under code {o}' for o in others)}, the boundary file{called} "
            f"under {code}: use the KWB file "
            f"of {year} (table {table}) as CBS publishes it, or correct the codes of whichever file is wrong"
        )
    if selection(held):
        close = likely_typos(code, held, limit=1)
        hint = f" (closest: {close[0]})" if close else ""
        return (
            f"{hint}; it holds a selection of {counted(len(held), 'gemeente', 'gemeenten')}: {listed(held)}. "
            "Fix the code in the "
            f"project file, or use the national KWB file of {year} (table {table}) or a selection that holds "
            f"{code}{called}"
        )
    if newer(code, held):
        # Sweep 14 F2: Land van Cuijk (GM1982, 2022) in KWB 2020 was offered GM1952 Midden-Groningen as a typo.
        return (
            f": it holds {len(held)} gemeenten, and {code}{called} is a newer code than any of them, a gemeente formed "
            f"after {year}? Gemeente codes change when gemeenten merge: use the KWB file of a year that holds it "
            f"(year = and [kwb] in the project file), or make the project a region of the gemeenten it was formed "
            f"from, with their codes of {year} (gemeenten = [...]; CBS's list 'Gemeentelijke indeling op 1 januari' "
            "names them)"
        )
    close = codes.nearest(code, held)
    hint = f" (closest: {close[0]})" if close else ""
    return f"{hint}; fix the code in the project file, or use a KWB file that holds it"


def newer(code: str, held: dict[str, str | None]) -> bool:
    """Whether gemeente ``code`` is newer than every gemeente of a national file holding ``held`` (CBS gives a
    gemeente formed by a merger the next free number): a gemeente formed after the file's year, not a typo.

    >>> national = {f"GM{n:04d}": None for n in range(1, 356)}
    >>> newer("GM1982", national), newer("GM0100", national), newer("GM1982", {"GM0363": "Amsterdam"})
    (True, False, False)
    """
    number = re.fullmatch(r"GM(\d{4})", code)
    if number is None or selection(held):
        return False
    return int(number[1]) > max((int(other[2:]) for other in held if re.fullmatch(r"GM\d{4}", other)), default=0)


def not_listed(project, wanted: list[str], gemeenten: dict[str, str | None], names: dict[str, str | None]) -> str:
    """The problem of a project whose gemeenten ``wanted`` are not all among the ``gemeenten`` of the KWB file of
    its year (``names``: code -> name of a gemeente elsewhere, as the polygons call it), else ``""``."""
    files = project.kwb_files(project.year)
    return ". ".join(
        f"{files.data}: gemeente {code} is not in KWB {project.year}"
        + absent(code, names.get(code), gemeenten, year=project.year, table=files.table)
        for code in wanted
        if code not in gemeenten
    )


def lacking(files, wanted: list[str], gemeenten: dict[str, str | None], names: dict[str, str | None]) -> str:
    """The problem of a KWB file of another year than the project's (``files``, its ``[[kwb]]`` entry) whose
    ``gemeenten`` lack some of ``wanted`` (``names``: code -> name), else ``""``."""
    missing = [code_and_name(code, names.get(code)) for code in wanted if code not in gemeenten]
    if not missing:
        return ""
    if selection(gemeenten):
        holds = (
            f"it holds a selection of {counted(len(gemeenten), 'gemeente', 'gemeenten')}: {listed(gemeenten) or 'none'}"
        )
        fix = f"use the national KWB file of {files.year} (table {files.table}), or a selection that holds them"
    else:
        holds = f"it holds {len(gemeenten)} gemeenten, not these (formed after {files.year}, or under another code)"
        fix = f"remove the [[kwb]] entry of {files.year} if the gemeente did not exist then"
    return f"{files.data}: KWB {files.year} holds no figures of gemeente {few(missing)}; {holds}. Fix: {fix}."


def likely_typos(code: str, held: dict[str, str | None], limit: int = 3) -> list[str]:
    """The nearest codes of ``held`` (as :func:`codes.nearest` shows them, ``GM0164 Hengelo (O.)``) that look like
    ``code`` mistyped: in a selection the nearest code is most often another gemeente, named only as a typo."""
    return [shown for shown in codes.nearest(code, held, limit=limit) if typo(code, shown.split()[0])]


def typo(code: str, other: str) -> bool:
    """Whether ``other`` is ``code`` with one character changed, added or left out, or two beside each other
    swapped.

    >>> typo("GM0164", "GM0146"), typo("GM0164", "GM0165"), typo("GM0123", "GM3210")
    (True, True, False)
    """
    from rapidfuzz.distance import OSA

    return OSA.distance(code, other) <= 1


def spelling(name: str) -> str:
    """A name as far as spelling goes: case, accents, punctuation and spacing do not make another place.

    >>> spelling("Súdwest-Fryslân") == spelling("Sudwest Fryslan")
    True
    """
    folded = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]", "", folded.lower())
