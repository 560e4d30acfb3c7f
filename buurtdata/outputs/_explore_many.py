"""What :mod:`buurtdata.outputs.explore` shows differently for a project of many gemeenten (a region or all of NL).

Kept apart from ``explore.py`` (the notebooks' one API) so that module stays readable: what the project covers,
the gemeenten's names, their figures side by side, and one gemeente's slice of a national result for the explorer.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import duckdb
import pandas as pd

from buurtdata._errors import BuurtdataError
from buurtdata.outputs._explore_notes import markdown
from buurtdata.pipeline import scope

__all__ = [
    "coverage",
    "default_gemeente",
    "gemeente_names",
    "gemeenten_of",
    "many_gemeenten_note",
    "narrowed",
    "one_gemeente",
    "side_by_side",
]


def coverage(data: Any) -> str:
    """Return what the project covers, as a notebook prints it: its gemeente's code, its region's gemeenten
    (name and code) or "heel Nederland".

    >>> from buurtdata.outputs.explore import notebook_data
    >>> coverage(notebook_data())
    'GM0164'
    """
    project = data.project
    if project.national:
        return "heel Nederland"
    if len(project.gemeenten) == 1:
        return project.gemeente
    names = gemeente_names(data)
    return "gemeenten " + ", ".join(f"{names.get(code, code)} ({code})" for code in project.gemeenten)


#: Where a notebook explains what many gemeenten change, by topic: (for all of NL only, for any project of many).
_MANY_NOTES = {
    "overzicht": (
        "",
        "De gemeenten van dit project staan hier naast elkaar. Bij meer dan twaalf gemeenten staan alleen de "
        "laagste, middelste en hoogste er; alle gemeenten staan in `regio.csv`.",
    ),
    "kaarten": (
        "Bij heel Nederland toont een kaart de buurten van één gemeente: die waar het thema van de kaarten in de "
        "meeste buurten getoond wordt, of zonder interviews die met de meeste buurten. Een kaart van alle buurten "
        "van het land zou het notebook vele megabytes zwaarder maken.",
        'Eén gemeente tekent u met `explore.indicator_map(data, gemeente="GM0363")`, met de gemeentecode uit '
        "`gemeenten.csv`; de kaarten van elke gemeente staan ook in `kaarten/`.",
    ),
    "themakaart": (
        "Bij heel Nederland toont de kaart de buurten van één gemeente: die waar het thema in de meeste buurten "
        "getoond wordt.",
        'Eén gemeente tekent u met `explore.theme_map(data, gemeente="GM0363")`, met de gemeentecode uit '
        "`gemeenten.csv`; de kaarten van elke gemeente staan ook in `kaarten/`.",
    ),
    "twee kaarten": (
        "Bij heel Nederland tonen beide kaarten de buurten van dezelfde gemeente: die waar het thema in de meeste "
        "buurten getoond wordt.",
        'Eén gemeente tekent u met `explore.indicator_map(data, gemeente="GM0363")` of '
        '`explore.theme_map(data, gemeente="GM0363")`, met de gemeentecode uit `gemeenten.csv`; de kaarten van '
        "elke gemeente staan ook in `kaarten/`.",
    ),
    "verkenner": (
        "",
        "De kaart toont alleen de gemeente van één buurt. Een buurt in een andere gemeente kiest u met "
        '`explore.explorer(data, "BU...")`.',
    ),
}


def many_gemeenten_note(data: Any, topic: str) -> Any:
    """Return what a project of many gemeenten changes in the notebook's section ``topic`` (a key of
    ``_MANY_NOTES``), as Markdown; ``None`` (nothing shown) for a project of one gemeente, where it is not true.
    The part on all of NL only for a national project (only its maps show one gemeente by default)."""
    national, many = _MANY_NOTES[topic]
    if not scope.many(data.project):
        return None
    return markdown(" ".join(part for part in (national if data.project.national else "", many) if part))


def gemeente_names(data: Any) -> dict[str, str]:
    """The name of every gemeente of the figures by its code, as in the project's year (a name may change)."""
    rows = data.con.execute(
        "select code, arg_max(name, (year = ?)::int * 10000 + year) from regions where level = 'gemeente' "
        "group by code",
        [data.project.year],
    ).fetchall()
    return dict(rows)


#: Up to this many gemeenten, :func:`buurtdata.outputs.explore.figures_overview` shows each in a column;
#: more, their range.
SIDE_BY_SIDE = 12


def side_by_side(frame: pd.DataFrame) -> pd.DataFrame:
    """The figures of many gemeenten, one row per indicator and year: a few gemeenten in a column each, else
    the lowest, middle and highest gemeente (all of them side by side are in ``regio.csv``); Nederland last."""
    keys = ["indicator", "eenheid", "jaar"]
    gemeenten = frame[frame["code"] != "NL00"]
    nederland = frame[frame["code"] == "NL00"].set_index(keys)["waarde"].rename("Nederland")
    if gemeenten["code"].nunique() <= SIDE_BY_SIDE:
        # By code, not name: two years may name one gemeente differently (Hengelo, Hengelo (O.)).
        names = gemeenten.sort_values("jaar").groupby("code")["regio"].last()
        wide = gemeenten.pivot_table(index=keys, columns="code", values="waarde", aggfunc="first", sort=True)
        wide = wide.rename(columns=names).join(nederland)
    else:
        values = pd.to_numeric(gemeenten["waarde"], errors="coerce")
        groups = gemeenten.assign(waarde=values).groupby(keys)["waarde"]
        wide = pd.DataFrame(
            {
                "gemeenten met cijfer": groups.count(),
                "laagste gemeente": groups.min(),
                "middelste gemeente": groups.median().round(1),
                "hoogste gemeente": groups.max(),
            }
        ).join(nederland)
    wide = wide.reset_index().sort_values(["indicator", "jaar"], ascending=[True, False], ignore_index=True)
    return wide.rename_axis(columns=None).astype(object).where(wide.notna(), "geen cijfer")


def gemeenten_of(data: Any, codes: pd.Series) -> pd.Series:
    """The gemeente's name of each buurt code."""
    gemeente = codes.map(data.buurten.set_index("code")["gemeente_code"])
    # A gemeente without a name in the regions table goes by its code, never "nan".
    return gemeente.map(gemeente_names(data)).fillna(gemeente)


def one_gemeente(data: Any, gemeente: str) -> Any:
    """``data`` narrowed to one gemeente, for what :func:`buurtdata.outputs.interactive.explorer` reads: the
    buurten, themes and the two marts it queries (in a database of their own), titled with the gemeente."""
    buurten = data.buurten[data.buurten["gemeente_code"] == gemeente]
    con = duckdb.connect()
    con.register(
        "buurt_comparison", data.con.execute("select * from buurt_comparison where gemeente_code = ?", [gemeente]).df()
    )
    themes = None
    if data.themes is not None:
        themes = data.themes[data.themes["code"].isin(buurten["code"])]
        query = "select * from buurt_themes where list_contains(?, code)"
        con.register("buurt_themes", data.con.execute(query, [list(buurten["code"])]).df())
    project = dataclasses.replace(data.project, name=gemeente_names(data).get(gemeente, gemeente))
    return dataclasses.replace(data, project=project, con=con, buurten=buurten, themes=themes)


def narrowed(data: Any, gemeente: str | None, *, theme: str | None = None) -> Any:
    """``data`` with the buurten (and themes) of ``gemeente`` only, for a map; without ``gemeente``, a project
    of all of NL is narrowed to :func:`default_gemeente` for ``theme`` or else the project's map theme, so a
    notebook's figure and theme maps show the same gemeente (a map of the country's 12,640 buurten would make
    a notebook cell of about 9 MB), and any other is left whole."""
    buurten = data.buurten
    if gemeente is None:
        if not data.project.national or buurten["gemeente_code"].nunique() <= 1:
            return data
        gemeente = default_gemeente(data, theme=theme or data.project.map_theme)
    asked, gemeente = gemeente, str(gemeente).strip().upper()
    mine = buurten["gemeente_code"] == gemeente
    if not mine.any():
        codes = sorted(buurten["gemeente_code"].dropna().unique())
        status = _reasons(data)
        why = f"was not built: {status[gemeente]}" if gemeente in status else f"has no buurten in {data.project.name}"
        listed = "; gemeenten.csv lists them all" if len(codes) > 3 else ""
        msg = f"gemeente {asked!r} {why}; pass the code of a gemeente it built (e.g. {', '.join(codes[:3])}{listed})."
        raise BuurtdataError(msg)
    themes = None if data.themes is None else data.themes[data.themes["code"].isin(buurten.loc[mine, "code"])]
    return dataclasses.replace(data, buurten=buurten[mine].reset_index(drop=True), themes=themes)


def _reasons(data: Any) -> dict[str, str]:
    """Why each gemeente of the build that was not built was refused (empty for a result without the table)."""
    con = getattr(data, "con", None)
    if con is None:
        return {}
    status = scope.status_table(con).dropna(subset=["reason"])
    return dict(zip(status["code"], status["reason"], strict=True))


def default_gemeente(data: Any, *, theme: str | None = None) -> str:
    """The gemeente a national notebook maps when none is asked for: for ``theme``, the one where it is shown in
    the most buurten; else (or when it is shown nowhere) the one with the most buurten. Ties go to the lowest code."""
    gemeente_of = data.buurten.set_index("code")["gemeente_code"]
    if theme is not None and data.themes is not None:
        themes = data.themes
        shown = themes.loc[(themes["theme"] == theme) & (themes["theme_status"] == "getoond"), "code"]
        if not shown.empty:
            return _most(shown.map(gemeente_of))
    return _most(gemeente_of)


def _most(gemeenten: pd.Series) -> str:
    counts = gemeenten.dropna().value_counts()
    return str(counts[counts == counts.max()].index.min())
