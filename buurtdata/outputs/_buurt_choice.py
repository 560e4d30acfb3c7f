"""Which buurten a person means after ``buurtdata handouts --buurt``: a code (BU0363MD01, bu0363md01) or a name,
read as the places of interviews are (Transvaalbuurt West, Transvaal-West, vd Pekbuurt: :mod:`..gazetteer`), and,
when it names none, the closest buurten by name with their codes (user test R: a name was refused with the first
three codes of the gemeente). :mod:`buurtdata.gemeente_lookup` does the same for ``--gemeente``.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence

import pandas as pd

from buurtdata import codes
from buurtdata._errors import BuurtdataError
from buurtdata.gemeente_lookup import fold
from buurtdata.sources.interviews.gazetteer import REGION_COLUMNS, Gazetteer
from buurtdata.sources.interviews.wording import kind

#: How many buurten an unknown one is told the closest of.
CLOSEST = 3
_BUURT_CODE = re.compile(r"\bBU[0-9A-Z]{8}\b")


def buurt_codes(
    asked: Sequence[str],
    names: Mapping[str, str],
    wijken: Mapping[str, str],
    where: str,
    keep: Collection[str] = (),
    gemeenten: Mapping[str, str] | None = None,
) -> list[str]:
    """The codes of the buurten ``asked`` by code or name, of those in ``names`` (code -> name; ``wijken``: code ->
    name of their wijken, to say a wijk's buurten; ``gemeenten``: code -> name); a code in ``keep`` is kept as
    written (the caller says why it has no handout). Raise naming each unknown one with the closest buurten
    (``where``: the project).

    >>> names = {"BU0363MD01": "Transvaalbuurt-West", "BU0363MD02": "Transvaalbuurt-Oost"}
    >>> buurt_codes(["transvaalbuurt west", "bu0363md02", "Transvaal-West"], names, {}, "GM0363")
    ['BU0363MD01', 'BU0363MD02']
    """
    if not asked:
        return []
    gazetteer = _gazetteer(names, wijken, gemeenten or {})
    found: list[str] = []
    unknown = []
    for written in asked:
        if written.strip().upper() in keep:
            found.append(written.strip().upper())
            continue
        buurt, wijk, resolved_by, reason = gazetteer.place(written)
        if buurt is not None and resolved_by in ("buurtcode", "buurtnaam"):
            found += [buurt] if buurt not in found else []
        else:
            unknown.append(_why(written, wijk, reason, names, wijken, where))
    if unknown:
        raise BuurtdataError(f"--buurt {'; '.join(unknown)}. Give a buurt's code (BU...) or its name as CBS writes it.")
    return found


def _gazetteer(names: Mapping[str, str], wijken: Mapping[str, str], gemeenten: Mapping[str, str]) -> Gazetteer:
    rows = [(code, "buurt", name, codes.gemeente_of(code), codes.wijk_of(code), None) for code, name in names.items()]
    rows += [(code, "wijk", name, codes.gemeente_of(code), None, None) for code, name in wijken.items()]
    rows += [(code, "gemeente", name, code, None, None) for code, name in gemeenten.items() if isinstance(name, str)]
    regions = pd.DataFrame(rows, columns=REGION_COLUMNS)
    return Gazetteer.from_regions(regions, tuple(sorted({codes.gemeente_of(code) for code in names})), {})


def _why(
    written: str,
    wijk: str | None,
    reason: str | None,
    names: Mapping[str, str],
    wijken: Mapping[str, str],
    where: str,
) -> str:
    """``'Transvaal' is the wijk Transvaalbuurt (WK0363MD); its buurten are ...``, the buurten a name several have,
    or the closest buurten."""

    def shown(code: str) -> str:
        return f"{names[code]} ({code})"

    if wijk is not None and wijk in wijken:
        inside = [code for code in names if codes.wijk_of(code) == wijk]
        return f"{written!r} is the wijk {wijken[wijk]} ({wijk}); its buurten are {', '.join(map(shown, inside))}"
    several = [code for code in dict.fromkeys(_BUURT_CODE.findall(reason or "")) if code in names]
    if kind(reason) == "ambiguous" and several:
        return f"{written!r} names several buurten: {', '.join(map(shown, several))}"
    said = (reason or "").split(": ", 1)[-1]
    if kind(reason) == "outside gemeente":
        return f"{written!r}: {said}"  # "BU01640101 lies in GM0164, not in GM0363 (Amsterdam)"
    if "is the whole gemeente" in said:
        return f"{written!r}: {said}; --gemeente takes a gemeente"
    try:
        # A buurt code of another year or a typo: its wijk's buurten are the ones meant, else the closest codes.
        wijk = codes.wijk_of(written)
    except BuurtdataError:
        wijk = None
    inside = [code for code in names if codes.wijk_of(code) == wijk]
    if inside:
        return f"{written!r} is no buurt of {where}; its wijk {wijk} has {', '.join(map(shown, inside))}"
    if wijk is not None:
        closest = [choice.split()[0] for choice in codes.nearest(written, dict(names), limit=CLOSEST)]
        return f"{written!r} is no buurt of {where}; the closest codes are {', '.join(map(shown, closest))}"
    # Imported here: only a name that is no buurt needs it.
    from rapidfuzz import fuzz, process

    folded = {code: fold(name) for code, name in names.items()}
    closest = [code for _, _, code in process.extract(fold(written), folded, scorer=fuzz.ratio, limit=CLOSEST)]
    return f"{written!r} is no buurt of {where}; the closest are {', '.join(map(shown, closest))}"
