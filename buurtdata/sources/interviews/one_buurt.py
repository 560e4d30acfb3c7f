"""What a person wrote to name exactly one buurt, read as the gazetteer reads an interview's location: an
agreement's ``buurt`` (:mod:`buurtdata.sources.agreements`) and ``buurtdata handouts --buurt``
(:mod:`buurtdata.outputs._buurt_choice`) both read it here, so both accept and refuse alike, in one wording.

A buurt's code or name places (also loosely: a typo, ``Transvaal-West``; the :class:`Choice` then carries the
gazetteer's note, which the caller tells). Everything else is refused, with what to write: a wijk (its buurten
listed), a name several buurten share, a postcode or point (they name no buurt, only the buurt where they are
most common), or a name that places nowhere: the gazetteer's reason when it suggests something (``did you mean
wijk 'Oude Pijp'``: that wijk's buurten), else the buurten closest in name or code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from buurtdata import codes
from buurtdata._errors import BuurtdataError, few
from buurtdata.gemeente_lookup import fold
from buurtdata.sources.interviews import wording
from buurtdata.sources.interviews.gazetteer import REGION_COLUMNS, Gazetteer
from buurtdata.sources.interviews.places import resolve_locations

#: How many buurten a refusal lists: of a wijk, and the closest by name or code.
WIJK_BUURTEN, CLOSEST = 12, 3
_BUURT_CODE = re.compile(r"\bBU[0-9A-Z]{8}\b")
_WIJK_CODE = re.compile(r"\bWK[0-9A-Z]{6}\b")
#: A region code as written (BU03630000, WK036300, GM0363): it names its gemeente itself.
_CODE_LIKE = re.compile(r"(?:BU|WK|GM)[0-9A-Z]+")


class BuurtReadLooselyWarning(UserWarning):
    """A buurt was read from a name not written as CBS writes it (a typo, a shortened name): which one is said."""


@dataclass(frozen=True)
class Choice:
    """What one text names: ``code`` (None when it names no one buurt), the gazetteer's ``note`` of a loose reading
    (``'Tichelwrk' read as buurt 'Tichelwerk' (BU01640101), similarity 94``, else ""), and, when refused, ``why``
    (to follow ``'X' ``) and ``not_built``: the reason of the refused gemeente it lies in, if that is all."""

    code: str | None
    note: str = ""
    why: str = ""
    not_built: str = ""


def one_buurt(
    texts: Iterable[str],
    regions: pd.DataFrame,
    *,
    where: str,
    gemeente: str | Iterable[str],
    refused: Mapping[str, str] | None = None,
    held_in: Iterable[str] = (),
    gazetteer: Gazetteer | None = None,
) -> dict[str, Choice]:
    """Return the :class:`Choice` of each distinct text (stripped) of ``texts``.

    ``regions``: the gazetteer's table (:data:`~buurtdata.sources.interviews.gazetteer.REGION_COLUMNS`, see
    :func:`regions_of`); ``where`` names the project in a refusal (``GM0363 in 2024``); ``gemeente``, ``refused``
    ``held_in`` and ``gazetteer`` (one built already of these regions) as
    :func:`~buurtdata.sources.interviews.places.resolve_locations` takes them.

    >>> regions = regions_of({"BU03630001": "Transvaalbuurt-West", "BU03630002": "Transvaalbuurt-Oost"},
    ...                      {"WK036300": "Transvaalbuurt"})
    >>> found = one_buurt(["Transvaalbuurt-Wets", "Transvaalbuurt"], regions, where="GM0363", gemeente="GM0363")
    >>> found["Transvaalbuurt-Wets"].code, found["Transvaalbuurt-Wets"].note
    ('BU03630001', "'Transvaalbuurt-Wets' read as buurt 'Transvaalbuurt-West' (BU03630001), similarity 95")
    >>> found["Transvaalbuurt"].why.split("; ")[0]
    "is wijk 'Transvaalbuurt' (WK036300), not a buurt"
    """
    distinct = sorted({str(text).strip() for text in texts})
    found = resolve_locations(
        pd.DataFrame({"location_raw": pd.Series(distinct, dtype=object)}),
        regions,
        gemeente=gemeente,
        refused=refused,
        held_in=held_in,
        gazetteer=gazetteer,
    )
    cells = zip(distinct, found["buurt_code"], found["wijk_code"], found["resolved_by"], found["reason"], strict=True)
    return {
        text: _choice(text, _na(buurt), _na(wijk), by, _na(reason) or "", regions, where, refused or {})
        for text, buurt, wijk, by, reason in cells
    }


def refusal(text: str, placed: tuple, regions: pd.DataFrame, where: str) -> str:
    """Why ``text`` names no one buurt of ``regions``, as a refusal of :func:`one_buurt` says it (``'Oost' is wijk
    'Oost' (WK040206), not a buurt; write ...``), given what a gazetteer of them made of it: ``placed`` is
    :meth:`~buurtdata.sources.interviews.gazetteer.Gazetteer.place`'s ``(buurt, wijk, how, reason)``, its buurt
    None or a postcode's (a notebook helper reads with its own gazetteer, kept per kernel)."""
    buurt, wijk, how, reason = placed
    if how in ("buurtcode", "buurtnaam"):
        buurt = None  # only suggested (a misspelling): the reason says what it is like
    return f"{text!r} {_choice(text, buurt, wijk, how, reason or '', regions, where, {}).why}"


def regions_of(
    names: Mapping[str, str], wijken: Mapping[str, str] = {}, gemeenten: Mapping[str, str] = {}
) -> pd.DataFrame:
    """The gazetteer's regions table of buurten, wijken and gemeenten given as code -> name (no postcodes)."""
    rows = [(code, "buurt", name, codes.gemeente_of(code), codes.wijk_of(code), None) for code, name in names.items()]
    rows += [(code, "wijk", name, codes.gemeente_of(code), None, None) for code, name in wijken.items()]
    rows += [(code, "gemeente", name, code, None, None) for code, name in gemeenten.items() if isinstance(name, str)]
    return pd.DataFrame(rows, columns=REGION_COLUMNS)


def _na(value: object) -> str | None:
    return None if pd.isna(value) else str(value)


#: What the gazetteer adds of a segment it places in the wijk only, said of no agreement nor --buurt.
_SEGMENT_PLACED = re.compile(
    r"[,;]? (?:so the segment )?is placed in the wijk only"
    r"(?:; write the buurt code \([^)]*\) to place it in the buurt)?|: placed in the wijk only"
)


def _choice(
    text: str,
    buurt: str | None,
    wijk: str | None,
    by: str,
    reason: str,
    regions: pd.DataFrame,
    where: str,
    refused: Mapping[str, str],
) -> Choice:
    if buurt is not None and by in ("buurtcode", "buurtnaam"):
        return Choice(buurt, note=reason)
    if buurt is not None:
        # A postcode or a point is where a buurt lies, not which buurt is meant.
        return Choice(
            None,
            why=f"is a {'point' if by == 'coordinaten' else 'postcode'}, not a buurt's code or name (it lies in "
            f"{_shown(regions, [buurt])}); write the code or name of the buurt meant",
        )
    kind = wording.kind(reason)
    if kind == "gemeente not built":
        return Choice(None, why=f"lies in gemeente {reason.split(': ', 1)[1]}", not_built=reason.split(": ", 1)[1])
    if wijk is not None and kind != "ambiguous":
        said = f" ({reason})" if reason else ""
        return Choice(None, why=f"is {_wijk(regions, wijk)}{said}, not a buurt; {_write_one_of(regions, wijk)}")
    if kind == "ambiguous":
        # Where a segment would go is no answer for one buurt (sweep 13 #17: an agreement was told "so the segment is
        # placed in the wijk only", and refused).
        said = _SEGMENT_PLACED.sub("", reason)
        return Choice(None, why=f"does not say which buurt is meant: {said}; write the code or name of the buurt meant")
    # Of a name, it may be a buurt of a gemeente left out; a code says its gemeente itself (review s, 4).
    hint = ""
    if refused and not _CODE_LIKE.fullmatch(text.strip().upper()):
        hint = f"; the buurten of {', '.join(sorted(refused))} were not built (see gemeenten.csv)"
    head = f"is not a buurt of {where}; write its code (BU...) or its name as CBS writes it{hint}"
    said = reason.split(": ", 1)[-1]
    if ";" in said or kind in ("outside gemeente", "empty") or "whole gemeente" in said:
        # The gazetteer says what it is, or what was meant: said, and a wijk meant listed with its buurten.
        meant = [w for w in _WIJK_CODE.findall(said) if "did you mean" in said]
        if not meant and (meant := _part_of_one_wijk(said, regions)):
            reason = reason.replace("; write one of them", "")  # the wijk is no answer: its buurten are listed
        listed = f"; {_write_one_of(regions, meant[0])}" if len(meant) == 1 else ""
        return Choice(None, why=f"{head} ({reason}){listed}")
    closest = _closest(text, regions)
    return Choice(None, why=head + (closest or (f" ({reason})" if reason else "")))


def _part_of_one_wijk(said: str, regions: pd.DataFrame) -> list[str]:
    """The wijk a name is a word of, when the gazetteer's ``it is part of: ...`` names that one wijk and no buurt
    (user test B: ``Rivierenwijk`` was told to write ``Wijk 7 Rivierenwijk en Bergweide``, a wijk, refused next)."""
    if "it is part of: " not in said:
        return []
    parts = said.split("it is part of: ", 1)[1].split("; write one of them", 1)[0]
    if "(buurt)" in parts:
        return []
    wijken = regions[regions["level"] == "wijk"]
    named = [code for code, name in zip(wijken["code"], wijken["name"], strict=True) if f"{name} (wijk)" in parts]
    return named if len(named) == 1 else []


def _shown(regions: pd.DataFrame, found: Iterable[str]) -> str:
    name = dict(zip(regions["code"], regions["name"], strict=True))
    return ", ".join(f"{name.get(code, code)} ({code})" for code in found)


def _wijk(regions: pd.DataFrame, wijk: str) -> str:
    name = regions.loc[regions["code"] == wijk, "name"]
    return f"wijk {name.iloc[0] if len(name) else wijk!r} ({wijk})"


def _write_one_of(regions: pd.DataFrame, wijk: str) -> str:
    inside = regions[(regions["level"] == "buurt") & (regions["wijk_code"] == wijk)]
    listed = few([f"{n} ({c})" for c, n in zip(inside["code"], inside["name"], strict=True)], WIJK_BUURTEN)
    return f"write the code or name of the one meant, of the wijk's buurten {listed}"


def _closest(text: str, regions: pd.DataFrame) -> str:
    """``; the closest are ...``: the buurten of a code's wijk, else the closest codes, else the closest names."""
    buurten = regions[regions["level"] == "buurt"]
    names = dict(zip(buurten["code"], buurten["name"], strict=True))
    if not names or not any(c.isalpha() for c in text):
        return ""
    try:
        # A buurt code of another year or a typo: its wijk's buurten are the ones meant, else the closest codes.
        wijk = codes.wijk_of(text)
    except BuurtdataError:
        wijk = None
    inside = [code for code in names if codes.wijk_of(code) == wijk]
    if inside:
        return f"; its wijk {wijk} has {_shown(regions, inside)}"
    if wijk is not None:
        closest = [choice.split()[0] for choice in codes.nearest(text, dict(names), limit=CLOSEST)]
        return f"; the closest codes are {_shown(regions, closest)}"
    return f"; the closest are {_shown(regions, [code for code, _ in closest_names(text, names)])}"


def closest_names(text: str, names: Mapping[str, str]) -> list[tuple[str, float]]:
    """Up to :data:`CLOSEST` keys of ``names`` (key -> name) whose name is most like ``text``, as folded, each with
    its likeness (0-100), the most like first."""
    # Imported here: only a name that is no buurt needs it.
    from rapidfuzz import fuzz, process

    folded = {key: fold(str(name)) for key, name in names.items()}
    return [(key, score) for _, score, key in process.extract(fold(text), folded, scorer=fuzz.ratio, limit=CLOSEST)]
