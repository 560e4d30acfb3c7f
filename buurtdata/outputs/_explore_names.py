"""How a notebook helper reads the wijk, theme or indicator an analyst names (part of :mod:`buurtdata.outputs.explore`;
the buurt is :func:`buurtdata.outputs._explore_buurt.buurt_code`): one function per kind, so every helper takes a
code or a name alike and refuses an unknown one, naming it, the closest ones (with codes) and the fix, instead of
returning an empty table (user test J).

A place is read by the interviews' gazetteer (:mod:`buurtdata.sources.interviews.gazetteer`), and refused in the
words ``buurtdata handouts --buurt`` and the agreements use (:mod:`buurtdata.sources.interviews.one_buurt`): a code
with or without ``BU``/``WK``, a name whatever its case, accents, article or "buurt"/"wijk". A misspelling is never
guessed, only suggested.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from buurtdata import codes
from buurtdata._errors import BuurtdataError, few
from buurtdata._sql import has_table
from buurtdata.gemeente_lookup import fold
from buurtdata.outputs import _explore_many
from buurtdata.outputs._explore_notes import indicator_titles
from buurtdata.sources.interviews.gazetteer import Gazetteer
from buurtdata.sources.interviews.one_buurt import CLOSEST, closest_names, refusal, regions_of
from buurtdata.sources.interviews.wording import kind

__all__ = ["closest", "explorer_keys", "indicator_keys", "placed", "theme_name", "wijk_code"]

#: The gazetteer of the buurten :func:`placed` read last, with those buurten (a new frame builds a new one).
_LAST: list[tuple[pd.DataFrame, Gazetteer, pd.DataFrame, dict[str, str], dict[str, str]]] = []


def _places(data: Any) -> tuple[Gazetteer, pd.DataFrame, dict[str, str], dict[str, str]]:
    buurten = data.buurten
    if not (_LAST and _LAST[0][0] is buurten):
        names = dict(zip(buurten["code"], buurten["name"].fillna(buurten["code"]), strict=True))
        named = buurten.dropna(subset=["wijk_code", "wijk_name"]).drop_duplicates("wijk_code")
        wijken = dict(zip(named["wijk_code"], named["wijk_name"], strict=True))
        regions = regions_of(names, wijken, _gemeenten(data))
        held = tuple(sorted({codes.gemeente_of(code) for code in names}))
        _LAST[:] = [(buurten, Gazetteer.from_regions(regions, held, {}), regions, names, wijken)]
    return _LAST[0][1:]


def _gemeenten(data: Any) -> dict[str, str]:
    """The gemeenten's names, so a message says "not in GM0402 (Hilversum)"; none where the data has no regions
    (one gemeente of a national result, as the explorer gets it)."""
    con = getattr(data, "con", None)
    if con is None or not has_table(con, "regions"):
        return {}
    return _explore_many.gemeente_names(data)


def where(data: Any) -> str:
    """The place a message names, as its reader knows it: the project's gemeente by name ("not a buurt of
    Leeuwarden", not of the project's name "Leeuwarden, buurtgesprekken": user test J), a region's gemeenten,
    Nederland; the project's name when the gemeenten's names are not known."""
    project = data.project
    if getattr(project, "national", False):
        return "Nederland"
    names = _gemeenten(data)
    gemeenten = list(getattr(project, "gemeenten", ()) or ())
    if gemeenten and all(code in names for code in gemeenten):
        said = [names[code] for code in gemeenten]
        if len(said) > 3:
            return few(said, 3) + " gemeenten"
        return said[0] if len(said) == 1 else f"{', '.join(said[:-1])} and {said[-1]}"
    return getattr(project, "name", "the project")


def placed(data: Any, text: str) -> tuple[str | None, str | None, str]:
    """``(buurt code, wijk code, why not)`` of what ``text`` names among ``data.buurten`` and their wijken, read
    as an interview's location is; ``why not`` (the closest ones, with codes) when it names no buurt or wijk for
    certain, a misspelling included.

    >>> from buurtdata.outputs.explore import notebook_data
    >>> data = notebook_data()
    >>> placed(data, "01640101")[0], placed(data, "wijk 2 noord")[1]
    ('BU01640101', 'WK016402')
    """
    gazetteer, regions, names, wijken = _places(data)
    buurt, wijk, how, reason = gazetteer.place(text)
    guessed = _guessed(gazetteer, text, reason)
    if buurt is not None and how in ("buurtcode", "buurtnaam") and not guessed:
        return buurt, wijk, ""
    a_wijk = buurt is None and wijk is not None and how in ("wijkcode", "wijknaam") and not guessed
    place = where(data)
    if a_wijk or _code_like(text) or kind(reason) not in ("no match", None) and not guessed:
        why = refusal(text, (None, wijk if a_wijk else None, how, reason), regions, place)
        return None, wijk if a_wijk else None, why
    near = closest(text, names, {code: code for code in names}, within=None)
    said = " or ".join(repr(names[code]) for code in near)
    return (
        None,
        None,
        (
            f"{text!r} is not a buurt of {place}; did you mean {said} ({', '.join(near)})? Write its code (BU...) or "
            "its name as CBS writes it"
        ),
    )


def _code_like(text: str) -> bool:
    try:
        codes.wijk_of(text)
    except BuurtdataError:
        return False
    return True


def _guessed(gazetteer: Gazetteer, text: str, reason: str | None) -> bool:
    """Whether the gazetteer read ``text`` as a name it is only like: a misspelling is suggested, never taken (an
    analyst's typo is no choice). Read so, a name of a buurt and its wijk is placed in the wijk, without saying
    the similarity ("Speul" for Speuld)."""
    key = fold(text)
    alike = (reason or "").startswith("ambiguous") and key not in gazetteer.names and key not in gazetteer.bare
    return alike or "similarity" in (reason or "")


def wijk_code(data: Any, wijk: str) -> str:
    """Return the code of ``wijk`` (a code, ``WK`` optional, or a name) among the wijken of ``data.buurten``.

    >>> from buurtdata.outputs.explore import notebook_data
    >>> data = notebook_data()
    >>> wijk_code(data, "WK016409"), wijk_code(data, "wijk 09 buitengebied"), wijk_code(data, "016409")
    ('WK016409', 'WK016409', 'WK016409')
    """
    buurten = data.buurten
    if wijk in set(buurten["wijk_code"].dropna()):
        return wijk
    exact = buurten.loc[buurten["wijk_name"].fillna("").str.casefold() == wijk.casefold(), "wijk_code"].unique()
    if len(exact) == 1:
        return str(exact[0])
    gazetteer, _, _, wijken = _places(data)
    # The wijk a name is, also where a buurt has the name too ("Speuld" for "Wijk 01 Speuld", whose village is
    # the buurt Speuld): the gazetteer reads such a place as the buurt, but a wijk was asked for.
    named = {code for level, code in gazetteer.names.get(fold(wijk), ()) if level == "wijk"}
    if len(named) == 1:
        return named.pop()
    buurt, found, how, reason = gazetteer.place(wijk)
    guessed = _guessed(gazetteer, wijk, reason)
    if buurt is None and found is not None and how in ("wijkcode", "wijknaam") and not guessed:
        return found
    place = where(data)
    if buurt is not None and how in ("buurtcode", "buurtnaam") and not guessed:
        why = f"{wijk!r} is the buurt {buurt} in wijk {wijken.get(found, found)} ({found}), no wijk"
    elif len(exact) > 1:
        why = f"{wijk!r} names several wijken: {', '.join(f'{wijk} ({code})' for code in sorted(exact))}"
    else:
        shown = {code: f"{name} ({code})" for code, name in wijken.items()}
        # By code for a code, by name for a name: a typo in one digit finds its wijk.
        near = [shown[found.split()[0]] for found in codes.nearest(wijk, dict(wijken), limit=CLOSEST)]
        listed = "; its wijken are " + few(sorted(shown.values())) if len(shown) > CLOSEST else ""
        why = f"{wijk!r} is no wijk of {place}; the closest are {', '.join(near)}{listed}"
    msg = f"wijk {why}. Pass a wijk code (WK...) or the wijk's name as CBS writes it."
    raise BuurtdataError(msg)


def theme_name(data: Any, theme: str) -> str:
    """Return the theme of the codebook ``theme`` names, whatever its case or accents.

    >>> from buurtdata.outputs.explore import notebook_data
    >>> theme_name(notebook_data(), "eenzaamheid")
    'Eenzaamheid'
    """
    themes = sorted(set(data.themes["theme"]))
    if theme in themes:
        return theme
    same = [known for known in themes if fold(known) == fold(theme)]
    if len(same) == 1:
        return same[0]
    near = closest(theme, {known: known for known in themes}, {known: repr(known) for known in themes})
    msg = (
        f"theme {theme!r} is no theme of the codebook; did you mean {' or '.join(near)}? "
        f"Pass a theme as the codebook writes it: {', '.join(themes)}."
    )
    raise BuurtdataError(msg)


def indicator_keys(asked: Sequence[str], titles: Mapping[str, str], year: int) -> list[str]:
    """Return ``asked`` when each is an indicator key of ``titles`` (key -> CBS title), else raise naming the
    unknown ones, the closest keys with their titles and where the keys are listed.

    >>> indicator_keys(["inwoners"], {"inwoners": "Inwoners"}, 2024)
    ['inwoners']
    """
    unknown = [key for key in asked if key not in titles]
    if not unknown:
        return list(asked)
    shown = {key: f"{key!r} ({title})" for key, title in titles.items()}
    keys = {key: key for key in titles}
    said = "; ".join(
        f"indicator {key!r} is not a figure of {year}; did you mean {' or '.join(closest(key, keys, shown))}?"
        for key in unknown
    )
    msg = f"{said} Pass an indicator key: the README lists them; this project has {few(sorted(titles), 12)}."
    raise BuurtdataError(msg)


def explorer_keys(asked: Sequence[str], data: Any, offered: Sequence[str], among: str, fix: str) -> None:
    """Raise unless each of ``asked`` is one of ``offered`` (the keys the explorer can show, ``among`` says which):
    an unknown key as :func:`indicator_keys` says it, a figure of the year it cannot show with ``fix``."""
    indicator_keys(asked, indicator_titles(data), data.project.year)
    missing = [key for key in asked if key not in offered]
    if missing:
        said = (
            f"indicators {', '.join(map(repr, missing))} are" if len(missing) > 1 else f"indicator {missing[0]!r} is a"
        )
        msg = (
            f"{said} figure{'s' if len(missing) > 1 else ''} of {data.project.year}, but not among "
            f"{among}: {few(sorted(offered), 12)}. {fix}, or map it alone with "
            f"explore.indicator_map(data, {missing[0]!r})."
        )
        raise BuurtdataError(msg)


def closest(asked: str, names: Mapping[str, str], shown: Mapping[str, str], within: float | None = 10) -> list[str]:
    """Up to :data:`CLOSEST` of ``names`` (key -> name) most like ``asked``, each as ``shown`` writes its key;
    with ``within``, only those at most that much less like it than the closest (the obvious one alone)."""
    found = closest_names(asked, names)
    best = max((score for _, score in found), default=0)
    return [shown[key] for key, score in found if within is None or score >= best - within]
