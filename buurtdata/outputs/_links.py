"""The links of the report's index: the files of a folder by their titles, each with a link per kind."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import duckdb

from buurtdata._text import bound, lowered
from buurtdata.outputs import _stems

INDEX_PAGE = "index.html"

#: File stem -> (order, title): where a file goes in its list and what it is called there.
Titles = Mapping[str, tuple[tuple[str, ...], str]]


def files_in(folder: Path) -> list[Path]:
    """Every file below ``folder``, sorted (none when it does not exist)."""
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []


def by_name(
    files: list[Path], out: Path, folder: Path, titles: Titles | None = None
) -> list[tuple[str, list[dict[str, str]]]]:
    """The ``files`` by title, each with a link per kind (HTML, PDF, PNG), in the order of ``titles``.

    A file ``titles`` does not know (by its stem) is called by its name relative to ``folder`` without suffix,
    and comes after the known ones in natural order (``wijk 2`` before ``wijk 10``).
    """
    titles = titles or {}
    named: dict[str, tuple[tuple[str, ...], str, list[dict[str, str]]]] = {}
    for path in files:
        name = path.relative_to(folder).with_suffix("").as_posix()
        order, title = titles.get(path.stem, (("~", *_natural(name)), name.replace("_", " ")))
        named.setdefault(name, (order, title, []))[2].append({"href": href(path, out), "kind": path.suffix[1:].upper()})
    return [(title, kinds) for _, title, kinds in sorted(named.values(), key=lambda item: (item[0], item[1]))]


@contextmanager
def opened(database: Path) -> Iterator[duckdb.DuckDBPyConnection | None]:
    """The build's ``database`` opened read-only once for everything the index reads of it (review x L8: three
    readers opened it one after another); None when it is not there."""
    if not database.exists():
        yield None
        return
    con = duckdb.connect(str(database), read_only=True)
    try:
        yield con
    finally:
        con.close()


def titles(con: duckdb.DuckDBPyConnection | None, project_name: str) -> dict[str, Titles]:
    """Per output folder (``kaarten``, ``toekomstplan``), the titles of the files a build names after a figure,
    a theme, the project, a gemeente, a wijk or a buurt, as CBS writes their names, in the order of their codes.

    The stems are the ones :mod:`.maps` and :mod:`.toekomstplan` write (:mod:`._stems`). Empty without a database
    (``con`` None, see :func:`opened`).
    """
    if con is None:
        return {}
    tables = {row[0] for row in con.execute("select table_name from information_schema.tables").fetchall()}

    def rows(query: str, table: str) -> list[tuple]:
        return con.execute(query).fetchall() if table in tables else []

    figures = rows("select indicator, title from indicators where title is not null order by year", "indicators")
    themes = rows("select distinct theme from codebook", "codebook")
    gemeenten = rows("select distinct code, name from regions where level = 'gemeente'", "regions")
    wijken = rows(
        "select distinct wijk_code, wijk_name from buurt_profile where wijk_name is not null", "buurt_profile"
    )
    buurten = rows("select code, name from buurt_profile where name is not null", "buurt_profile")
    maps: dict[str, tuple[tuple[str, ...], str]] = {}
    for key, title in figures:
        maps[key] = (("1", key), f"Kaart: {lowered(title)}")
    for (theme,) in themes:
        maps[_stems.theme_map(theme)] = (("2", theme), f"Themakaart ‘{theme}’")
    maps[_stems.wall_map(project_name)] = (("3",), f"Wandkaart {project_name}")
    for code, name in gemeenten:
        if name:
            maps.setdefault(_stems.wall_map(name), (("3", code), f"Wandkaart {name}"))
    for code, name in wijken:
        maps.setdefault(_stems.wall_map(name), (("4", code), f"Wandkaart {name}"))
    plans = {_stems.buurt(code, name): ((code,), f"Buurttoekomstplan {name}") for code, name in buurten}
    # As on every page people read: no line break between a number and its unit ("65 jaar").
    return {
        folder: {stem: (order, bound(title)) for stem, (order, title) in named.items()}
        for folder, named in (("kaarten", maps), ("toekomstplan", plans))
    }


def _natural(text: str) -> tuple[str, ...]:
    """``text`` with its numbers padded, so that 2 sorts before 10."""
    return tuple(part.zfill(12) if part.isdigit() else part for part in re.split(r"(\d+)", text))


def href(path: Path, base: Path) -> str:
    """The link from ``base`` to ``path``."""
    return path.relative_to(base).as_posix()
