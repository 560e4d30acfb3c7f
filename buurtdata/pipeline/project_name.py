"""Whether a project's ``name`` names a gemeente that is none of the project's (sweep 12 places #18).

The README says to copy the Hengelo sample's project.toml and change what is yours; a user who changes the gemeente
and the files but not ``name`` ("Hengelo (O.), voorbeeld") gets that name printed on another gemeente's maps and
report, with nothing else on a wall map to say which place it shows. A full list of gemeenten is not in the package:
the names come from what the build has at hand, the gemeenten of the KWB file of the project's year (the national
file holds them all), and buurtdata's own table of gemeenten whose names are also a village elsewhere (the sample's
Hengelo (O.) among them), so that a one-gemeente file still knows the name the sample leaves behind.
"""

from __future__ import annotations

import re
import unicodedata
import warnings
from collections.abc import Iterable, Mapping

import duckdb
import geopandas as gpd

from buurtdata._text import code_and_name
from buurtdata.sources.interviews.gemeente_column import _CBS_WITH_PROVINCE

#: Gemeenten whose name is an everyday Dutch word as well ("Buren in gesprek", "Best practices", "Putten en
#: pleinen"), folded: a project name is never taken to name one of them.
EVERYDAY = frozenset({"best", "buren", "putten", "sluis", "bergen", "duiven", "beek", "goes", "haren", "stein", "echt"})
_BRACKETED = re.compile(r"\s*\(.*?\)")


class ProjectNameWarning(UserWarning):
    """The project's ``name`` names a gemeente that is none of the project's (left from another project?)."""


def foreign(name: str, own: Iterable[str], known: Mapping[str, Iterable[str]]) -> dict[str, str]:
    """The gemeenten of ``known`` (code -> its names) that ``name`` names and that are not ``own`` (codes), each
    with the name it is named by: a name counts as a whole word or words, starting with a capital, never inside a
    name of ``own`` ("Hengelo-Noord" in Hengelo; "Midden-Groningen" in Midden-Groningen names no Groningen), never
    an everyday word (:data:`EVERYDAY`), and one without a bracketed part only when no bracket follows it
    ("Hengelo (Gld.)", a village of Bronckhorst, is not Hengelo (O.), which the KWB 2020 calls "Hengelo").

    >>> known = {"GM0164": ["Hengelo (O.)", "Hengelo"], "GM0233": ["Ermelo"], "GM0214": ["Buren"]}
    >>> foreign("Hengelo (O.), buurtgesprekken", ["GM0233"], known), foreign("Hengelo 2024", ["GM0233"], known)
    ({'GM0164': 'Hengelo (O.)'}, {'GM0164': 'Hengelo'})
    >>> foreign("Buurtgesprek Hengelo-Noord", ["GM0164"], known), foreign("Buren in Ermelo", ["GM0233"], known)
    ({}, {})
    >>> foreign("Wijkgesprekken Hengelo (Gld.)", ["GM1876"], known), foreign("hengelo", ["GM0233"], known)
    ({}, {})
    """
    text = _plain(name)
    lowered = text.lower()
    own = set(own)
    spans: list[tuple[int, int, str, str]] = []  # start, end, code, the name it is named by
    for code, names in known.items():
        for form in _forms(names):
            folded = _fold(form)
            # Each word must be in the name before a pattern is made: a national file names 355 gemeenten.
            if not folded or folded in EVERYDAY or not all(word in lowered for word in folded.split()):
                continue
            words = r"[^0-9A-Za-z]+".join(map(re.escape, folded.split()))
            after = "" if "(" in form or code in own else r"(?!\s*\()"
            for hit in re.finditer(rf"(?<![0-9A-Za-z]){words}(?![0-9A-Za-z]){after}", text, re.IGNORECASE):
                if code in own or hit.group()[0].isupper():
                    spans.append((hit.start(), hit.end(), code, form))
    mine = [(start, end) for start, end, code, _ in spans if code in own]
    found: dict[str, str] = {}
    for start, end, code, form in sorted(spans, key=lambda span: span[0] - span[1]):  # the longest first
        inside = any(s <= start and end <= e for s, e in mine)
        if code not in own and not inside and code not in found:
            found[code] = form
    return found


def _forms(names: Iterable[str]) -> set[str]:
    """Each name, and each without its bracketed part ("Hengelo" of "Hengelo (O.)")."""
    return {form for name in names for form in (name.strip(), _BRACKETED.sub("", name).strip()) if form}


def _plain(text: str) -> str:
    """``text`` without accents (``Súdwest-Fryslân``: ``Sudwest-Fryslan``), its case kept."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", _plain(text).lower()).split())


def check(con: duckdb.DuckDBPyConnection, project, boundaries: gpd.GeoDataFrame) -> str | None:
    """The warning to give when the project's ``name`` names a gemeente that is none of the project's, or None;
    read from the staged KWB regions (before :func:`buurtdata.pipeline.scope.narrow` keeps the project's alone) and
    ``boundaries`` (the project's gemeenten's names there). Nothing for a project of the whole country."""
    if project.national or not isinstance(project.name, str):
        return None
    own = list(project.gemeenten)
    known: dict[str, set[str]] = {code: {name} for code, (name, _) in _CBS_WITH_PROVINCE.items()}
    # The gemeenten of the project's year; another year's names only of those (a gemeente merged since, Weesp into
    # Amsterdam, may well be named in the project's name).
    rows = con.execute(
        "select year, code, name from stg_kwb_regions where level = 'gemeente' and name is not null",
    ).fetchall()
    present = {code for year, code, _ in rows if year == project.year} | set(own)
    for year, code, name in rows:
        if code in present or year == project.year:
            known.setdefault(code, set()).add(name)
    if "gemeente_name" in boundaries.columns:
        mine = boundaries[boundaries["gemeente_code"].isin(own) & boundaries["gemeente_name"].notna()]
        for code, name in set(zip(mine["gemeente_code"], mine["gemeente_name"], strict=True)):
            known.setdefault(code, set()).add(str(name))
    named = foreign(project.name, own, known)
    if not named:
        return None
    said = ", ".join(f"{form} ({code})" for code, form in named.items())
    ours = ", ".join(code_and_name(code, _name_of(code, known)) for code in own)
    whose = f"the project's gemeente is {ours}" if len(own) == 1 else f"the project's gemeenten are {ours}"
    # Hengelo, Bergen, Laren: CBS brackets the province, as a village elsewhere has the name too.
    village = [code for code, form in named.items() if code in _CBS_WITH_PROVINCE and "(" not in form]
    maybe = " (a place of that name in the project's gemeente? then leave it)" if village else ""
    return (
        f"name = {project.name!r} names {said}, but {whose}{maybe}. The name is printed on the maps and the report; "
        "left over from another project (the Hengelo sample)? Change name in project.toml."
    )


def _name_of(code: str, known: Mapping[str, set[str]]) -> str | None:
    names = sorted(known.get(code, ()), key=len, reverse=True)
    return names[0] if names else None


def warn(told: str | None) -> None:
    """Give the warning :func:`check` worded, if any."""
    if told:
        warnings.warn(told, ProjectNameWarning, stacklevel=3)
