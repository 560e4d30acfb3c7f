"""The report index of a build of many gemeenten (a region or all of NL): one line per gemeente.

The country's 28,000 maps, handouts and plans in one list help no one find their gemeente, so the index links
per gemeente its handouts' index, its questions page, its maps and its plans, and names those left out.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from buurtdata._text import and_nl, name_or_code
from buurtdata.outputs import _vega
from buurtdata.outputs._left_out import uitleg
from buurtdata.outputs._links import INDEX_PAGE, Titles, by_name, files_in, href
from buurtdata.project import Project

#: The folders the index links per gemeente (in one folder per gemeente, or file names that start with a buurt
#: code of the gemeente), with their heading.
PER_GEMEENTE_FOLDERS = {"kaarten": "Kaarten", "toekomstplan": "Buurttoekomstplannen"}


def gemeente(con: duckdb.DuckDBPyConnection | None, code: str) -> str:
    """``Gemeente Hengelo (O.)``: a report's one gemeente by its name, as the title says it, or by its code where the
    build (``con``, None: none) has no name of it (user test T: the beamer showed 'Gemeente GM0164, cijfers van
    2024'); the name of the project's KWB year, else of its latest."""
    name = None
    if con is not None:
        try:
            # The name of the figures' year, as the title and the maps say it (a build of two KWB years holds both
            # years' names: CBS wrote 'Hengelo' in 2020 and 'Hengelo (O.)' in 2024; review x M1).
            rows = con.execute(
                "select name from regions where code = ? and level = 'gemeente' and name is not null "
                "order by year = (select any_value(year) from project_settings) desc, year desc limit 1",
                [code],
            ).fetchall()
            name = rows[0][0] if rows else None
        except duckdb.CatalogException:  # a build without a regions table
            name = None
    return f"Gemeente {name_or_code(name, code)}"


def region(project: Project, gemeenten: list[dict[str, Any]]) -> str:
    """``Nederland``, or the region by its gemeenten's names: ``Gemeenten Hilversum en Hengelo (O.)``."""
    if project.national:
        return "Nederland"
    names = [row["name"] or row["code"] for row in gemeenten]
    return f"Gemeenten {and_nl(names)}" if len(names) > 1 else f"Gemeente {names[0]}"


def per_gemeente(out: Path, gemeenten: list[dict[str, Any]], titles: dict[str, Titles]) -> dict[str, Any]:
    """Per gemeente built: its handouts index, questions page, maps and plans (by their ``titles``, per folder);
    those left out; and the handouts' index of all gemeenten."""
    from buurtdata import codes
    from buurtdata.pipeline import scope

    # Per folder and gemeente: where its files' names start, and the files.
    owned: dict[str, dict[str, tuple[Path, list[Path]]]] = {folder: {} for folder in PER_GEMEENTE_FOLDERS}
    for folder in PER_GEMEENTE_FOLDERS:
        for path in files_in(out / folder):
            if path.parent == out / folder and path.name == _vega.SCRIPT:
                continue  # the maps' shared Vega, no map of its own (the pages load it)
            # In a folder per gemeente (GM0402_hilversum/), or named by a buurt code (BU04020101_centrum.html).
            part = path.relative_to(out / folder).parts[0]
            first, base, gemeente = part.split("_")[0], out / folder, ""
            if len(path.relative_to(base).parts) > 1 and codes.is_valid(first, level="gemeente"):
                base, gemeente = base / part, codes.normalize(first)
            elif codes.is_valid(first, level="buurt"):
                gemeente = codes.gemeente_of(first)
            owned[folder].setdefault(gemeente, (base, []))[1].append(path)
    handouts = {p.parent.name.split("_")[0]: p for p in (out / "handouts").glob(f"*/{INDEX_PAGE}")}
    questions = {p.stem.split("_")[0]: p for p in (out / "vragen").glob("*.html")}
    built = []
    for row in gemeenten:
        if row["build_status"] not in scope.BUILDS:
            continue
        code = row["code"]
        index = handouts.get(code)
        built.append(
            {
                "code": code,
                "name": row["name"] or code,
                "handouts": None if index is None else href(index, out),
                "sheets": 0 if index is None else len(list(index.parent.glob("BU*.pdf"))),
                "questions": href(questions[code], out) if code in questions else None,
                "groups": [
                    {
                        "heading": heading,
                        "files": by_name(owned[folder][code][1], out, owned[folder][code][0], titles.get(folder)),
                    }
                    for folder, heading in PER_GEMEENTE_FOLDERS.items()
                    if code in owned[folder]
                ],
            }
        )
    # Each with why in Dutch (the page links gemeenten.csv for the reason in full).
    left_out = [
        {**row, "uitleg": uitleg(row["build_status"], row["reason"], where=False)}
        for row in gemeenten
        if row["build_status"] not in scope.BUILDS
    ]
    # Files of no gemeente listed (none should be) are still linked, not dropped.
    listed = {gemeente["code"] for gemeente in built}
    rest = [
        {"heading": heading, "files": by_name(files, out, out / folder, titles.get(folder))}
        for folder, heading in PER_GEMEENTE_FOLDERS.items()
        if (files := [p for code, (_, paths) in owned[folder].items() if code not in listed for p in paths])
    ]
    # The handouts' own page of gemeenten (as `buurtdata handouts` writes it), when the build drew handouts.
    overview = out / "handouts" / INDEX_PAGE
    handouts_index = href(overview, out) if overview.is_file() else None
    return {"built": built, "left_out": left_out, "rest": rest, "handouts": handouts_index}
