"""A gemeente's ``build_status``: whether its buurt codes in the KWB figures and in the polygons agree, and the fix
that is true for it when they do not (:mod:`buurtdata.pipeline.scope` applies it to each gemeente of a project).

A gemeente whose only difference is a few new buurten of the figures' year, which the polygons lack (no code only
in the polygons, no code that names another buurt), is built: those buurten keep their figures in the tables and
handouts, have no polygon on the maps, and the status's ``reason`` names them (user test N: Almere, Leeuwarden
and Etten-Leur each lacked one polygon of 2020 and were refused whole). So is one whose only difference is a few
polygons whose buurten the figures no longer hold, shown as 'geen cijfer', when CBS marks none of the buurten both
hold as redrawn (sweep 12, review 12). So is the one gemeente of a project whose polygons are of the figures'
year (``compare`` False), any other difference of which validation names.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb
import geopandas as gpd

from buurtdata._errors import SHOWN, few
from buurtdata._text import code_and_name, named
from buurtdata.sources.cbs import held
from buurtdata.sources.geometry.files import kaart

BUILT, CARRIED, REFUSED = "gebouwd", "overgezet", "geweigerd"
#: The statuses of a gemeente whose buurten are built.
BUILDS = (BUILT, CARRIED)
#: At most this share of a gemeente's buurten may be built without a polygon (new buurten the polygons lack):
#: one new buurt of Almere's 67, two of Best's 19. More is another indeling (Bladel: 10 of 25), which is refused.
FEW_WITHOUT_POLYGON = 1 / 8
#: What becomes of the buurten built without a polygon, said in a gemeente's reason and in the build's warning.
NOT_MAPPED = "Their figures are in the tables and handouts, not on the maps"


def refusal(code: str, name: str | None, why: str) -> str:
    """The reason a gemeente was refused, as ``gemeente_status`` (so ``gemeenten.csv``) holds it and every message
    about the gemeente repeats it: ``GM0014 Groningen: <why>``."""
    return f"{code_and_name(code, name)}: {why}"


def status(
    project,
    code: str,
    name: str | None,
    figures: dict[str, str],
    polygons: dict[str, str],
    polygon_year: int,
    *,
    compare: bool,
    own: Callable[[], gpd.GeoDataFrame | None],
    matching_year: Callable[[str, set[str]], int | None] = lambda code, codes: None,
    changed: Callable[[list[str]], list[str]] = lambda codes: [],
) -> list:
    """One row of ``gemeente_status``: is the gemeente's indeling the same in the figures and the polygons? Its
    last item, beyond the table's columns, lists the buurt codes built without a polygon (``[]`` but for a gemeente
    built with a few new buurten the polygons lack): the one place that is decided.

    ``figures`` and ``polygons``: buurt code -> name of the gemeente in the staged KWB file and the boundaries.
    ``own()`` gives the polygons of the figures' year (or None): where they hold every buurt of the figures, a
    differing indeling is carried (:mod:`buurtdata.pipeline.scope`) instead of refused. ``matching_year(code,
    polygon codes)`` gives another staged KWB year whose buurt codes of the gemeente are the polygons' (or None),
    which the fix may then name; ``changed(buurt codes)`` those of them CBS marks as renumbered or redrawn since the
    year before (:func:`changed_since`). ``compare`` False: the one gemeente of a project, its polygons of the figures'
    year, never refused here (:func:`_alone`).
    """
    if not compare:
        return _alone(project, code, name, figures, polygons)
    if not polygons:
        # A file by its name, as every reason: gemeenten.csv is published, a path tells where the analyst works.
        reason = refusal(code, name, f"{Path(project.boundaries.path).name} has no polygons of it")
        return [code, name, REFUSED, len(figures), reason, []]
    only_figures = sorted(set(figures) - set(polygons))
    only_polygons = sorted(set(polygons) - set(figures))
    # A code CBS reused for another buurt in another year must not join the two: compare the names.
    renamed = sorted(
        c
        for c in set(figures) & set(polygons)
        if polygon_year != project.year
        and named(figures[c])
        and named(polygons[c])
        and held.spelling(figures[c]) != held.spelling(polygons[c])
    )
    if not (only_figures or only_polygons or renamed):
        return [code, name, BUILT, len(figures), None, []]
    years = f"the KWB figures of {project.year} and the polygons of {polygon_year}"
    parts = []
    own_polygons = own()
    if own_polygons is not None:
        unplaced = sorted(set(figures) - set(own_polygons.loc[own_polygons["gemeente_code"] == code, "code"]))
        if not unplaced:
            return [code, name, CARRIED, len(polygons), years, []]
        parts.append(
            f"{len(unplaced)} buurt code(s) of the figures without a polygon of {project.year} in "
            f"{Path(project.kwb_files(project.year).boundaries).name} ({few(unplaced)})"
        )
    if not (only_polygons or renamed or parts) and few_new(figures, only_figures):
        reason = without_polygon(project, code, name, figures, only_figures)
        return [code, name, BUILT, len(figures), reason, only_figures]
    redrawn = changed(sorted(set(figures) & set(polygons))) if only_polygons and not only_figures else []
    if not (only_figures or renamed or parts or redrawn) and few_new(polygons, only_polygons):
        # The other way round (sweep 12: Amsterdam's polygons of 2022 hold one buurt its figures of 2024 no longer
        # have): built, that polygon shown as 'geen cijfer', as the same polygons said to be of 2024 were; not when
        # CBS marks a buurt both hold as redrawn (it took the other in: its figures on its old outline, review 12).
        return [code, name, BUILT, len(figures), without_figures(project, code, name, polygon_year, only_polygons), []]
    if redrawn:
        parts.append(f"CBS marks {len(redrawn)} buurt(en) both hold as renumbered or redrawn ({few(redrawn)})")
    marked = changed(only_figures) if only_figures else []
    if not (only_polygons or renamed or parts or marked):
        reason = _lacking(project, code, name, figures, only_figures, polygon_year)
        return [code, name, REFUSED, len(figures), reason, []]
    if only_figures:
        parts.append(
            f"{len(only_figures)} buurt code(s) only in the figures ({few(only_figures)}"
            + (f"; CBS marks {len(marked)} of them as renumbered or redrawn since {project.year - 1}" if marked else "")
            + ")"
        )
    if only_polygons:
        parts.append(f"{len(only_polygons)} only in the polygons ({few(only_polygons)})")
    if renamed:
        parts.append(
            f"{len(renamed)} code(s) that name another buurt ("
            + ", ".join(f"{c}: {figures[c]!r} vs {polygons[c]!r}" for c in renamed[:SHOWN])
            + ")"
        )
    # Said of buurten of the figures without a polygon, which the polygons' year cannot give them; not of polygons
    # without figures alone: said to be of the figures' year, they are built (validation warns), sweep 12.
    fix = indeling_fix(project.year, matches=matching_year(code, set(polygons)), codes_differ=bool(only_figures))
    reason = refusal(code, name, f"{years} carry different buurt indelingen: {'; '.join(parts)}. {fix}")
    return [code, name, REFUSED, len(figures), reason, []]


def few_new(figures: dict[str, str], missing: list[str]) -> bool:
    """Whether ``missing``, buurten of ``figures`` without a polygon, are few enough to build the gemeente without
    their polygons (:data:`FEW_WITHOUT_POLYGON`)."""
    return len(missing) <= FEW_WITHOUT_POLYGON * len(figures)


def _alone(project, code: str, name: str | None, figures: dict[str, str], polygons: dict[str, str]) -> list:
    """The row of the one gemeente of a project whose polygons are of the figures' year: built, and without a
    polygon for a few buurten of the figures when that is its only difference, as in a project of many (user
    test: Almere alone was refused for one new buurt, built in a national project). Any other difference is left
    to validation, which names a code one character off a polygon's as mistyped and says the fix."""
    missing = sorted(set(figures) - set(polygons))
    if missing and polygons and set(polygons) <= set(figures) and few_new(figures, missing):
        return [code, name, BUILT, len(figures), without_polygon(project, code, name, figures, missing), missing]
    extra = sorted(set(polygons) - set(figures))
    if extra and not missing:
        # Polygons without figures, built as 'geen cijfer': the reason is their trace in the database (sweep 12 #15).
        return [code, name, BUILT, len(figures), without_figures(project, code, name, project.year, extra), []]
    return [code, name, BUILT, len(figures), None, []]


def without_polygon(project, code: str, name: str | None, figures: dict[str, str], missing: list[str]) -> str:
    """The reason of a gemeente built with a few buurten of the figures that have no polygon, naming each (the
    polygons by file name: ``gemeenten.csv`` is published)."""
    shown = [code_and_name(c, figures[c]) for c in missing]
    return refusal(
        code,
        name,
        f"built without a polygon for {len(missing)} of its {len(figures)} buurten ({few(shown)}): the KWB figures "
        f"of {project.year} hold them, {Path(project.boundaries.path).name} does not (new buurten?). {NOT_MAPPED}. "
        f"To map them: use {kaart(project.year)} in [boundaries] path.",
    )


def _lacking(
    project, code: str, name: str | None, figures: dict[str, str], lacked: list[str], polygon_year: int
) -> str:
    """The reason of a gemeente refused because its polygons lack more than a few of its buurten and hold none its
    figures lack, no code CBS marks as changed (sweep 12: an Ermelo file without 3 of its 16 buurten was said to
    carry another indeling, "the buurt codes themselves differ")."""
    shown = [code_and_name(c, figures[c]) for c in lacked]
    # Polygons newer than the figures may lack buurten merged since; older ones, buurten new since (review 12).
    merged = (
        f", or buurten merged since {project.year}"
        if polygon_year > project.year
        else f", or buurten new since {polygon_year}"
        if polygon_year < project.year
        else ""
    )
    return refusal(
        code,
        name,
        f"{Path(project.boundaries.path).name} lacks {len(lacked)} of the {len(figures)} buurten of the KWB figures "
        f"of {project.year} ({few(shown)}) and holds none they lack: a file cut to part of the gemeente{merged}? "
        f"Fix: use {kaart(project.year)} in [boundaries] path, or a file with every buurt of the gemeente.",
    )


def without_figures(project, code: str, name: str | None, polygon_year: int, extra: list[str]) -> str:
    """The reason of a gemeente built with a few polygons of another year whose buurten its figures do not hold
    (merged into another since?), naming each code; of the figures' own year too (a buurt CBS published no figures
    of, or polygons said to be of that year that are not), where the kaart is named only if they are not."""
    fix = f"use {kaart(project.year)} in [boundaries] path"
    fix = (
        f"For the buurten of {project.year} exactly: {fix}."
        if polygon_year != project.year
        else f"If the polygons are not of {project.year}: {fix}."
    )
    return refusal(
        code,
        name,
        f"built with {len(extra)} polygon(s) of {polygon_year} whose buurten the KWB figures of {project.year} do not "
        f"hold ({few(extra)}), shown on the maps as 'geen cijfer' (their figures' status: ontbreekt); every buurt of "
        f"the figures has its polygon. {fix}",
    )


def indeling_fix(
    year: int, *, matches: int | None = None, codes_differ: bool = True, same_year: bool = False, keep: bool = True
) -> str:
    """The fix for a gemeente whose polygons carry another indeling than the KWB figures of ``year``, one text
    whether it is refused or its figures cannot be carried, in a region as for one gemeente, and in validation
    (review S #9: it was worded three ways, one naming no kaart).

    Only what would resolve the mismatch is said: the polygons of ``year``, or (``keep``) those beside these
    polygons to carry the figures onto them, which needs the polygons' own year in ``[boundaries]`` when it is
    now the figures' (``same_year``: a project of one gemeente compares the two only then); another project year
    only when ``matches``, a staged KWB year whose buurt codes are the polygons'. Another ``[boundaries].year``
    alone never makes differing codes agree (user test N: the advice went in a circle between 2019 and 2020).

    >>> indeling_fix(2020, keep=False, codes_differ=False)
    "Fix: use the CBS wijk- en buurtkaart of 2020 (PDOK 'wijkenbuurten 2020') in [boundaries] path."
    """
    fix = f"Fix: use {kaart(year)} in [boundaries] path"
    if keep:
        how = "set [boundaries] year to the year of their indeling and name" if same_year else "name"
        fix += (
            f'; or, to keep these polygons, {how} that kaart in the [[kwb]] entry of {year} (boundaries = "..."), '
            "which carries the figures onto these polygons' buurten by area"
        )
    if matches is not None:
        fix += (
            f"; or make {matches} the project's year (year = {matches}): these polygons carry the buurt codes of "
            f"the KWB figures of {matches}"
        )
    if codes_differ:
        fix += ". Another [boundaries] year alone does not help: the buurt codes themselves differ"
    return fix + "."


def changed_since(con: duckdb.DuckDBPyConnection, year: int, codes: list[str]) -> list[str]:
    """The buurt ``codes`` whose code or outline CBS marks as changed since the year before ``year`` (its topic
    Indelingswijziging, in ``stg_kwb_regions``: 2 code changed, 3 code and/or outline changed; 1 unchanged): a sign
    that polygons without them are of an earlier indeling (user test "any gemeente": Groningen, Houten)."""
    return [
        code
        for (code,) in con.execute(
            "select code from stg_kwb_regions where year = ? and list_contains(?, code) "
            "and indeling_change in ('2', '3') order by code",
            [year, codes],
        ).fetchall()
    ]
