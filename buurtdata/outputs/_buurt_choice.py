"""Which buurten a person means after ``buurtdata handouts --buurt``: a code (BU0363MD01, bu0363md01) or a name,
read as an agreement's buurt is (:func:`~buurtdata.sources.interviews.one_buurt.one_buurt`: Transvaalbuurt West,
Transvaal-West, vd Pekbuurt; a loose reading is told), and, when it names none, why and what to write (user test
R: a name was refused with the first three codes of the gemeente). :mod:`buurtdata.gemeente_lookup` does the same
for ``--gemeente``.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from buurtdata import _errors, codes
from buurtdata._errors import BuurtdataError
from buurtdata.sources.interviews.one_buurt import BuurtReadLooselyWarning, one_buurt, regions_of


def buurt_codes(
    asked: Sequence[str],
    names: Mapping[str, str],
    wijken: Mapping[str, str],
    where: str,
    keep: Collection[str] = (),
    gemeenten: Mapping[str, str] | None = None,
    refused: Mapping[str, str] | None = None,
) -> list[str]:
    """The codes of the buurten ``asked`` by code or name, of those in ``names`` (code -> name; ``wijken``: code ->
    name of their wijken, to say a wijk's buurten; ``gemeenten``: code -> name; ``refused``: the build's refused
    gemeenten and why, :func:`buurtdata.pipeline.scope.refused`); a code in ``keep`` is kept as
    written (the caller says why it has no handout). A name read loosely is told (a
    :class:`~buurtdata.sources.interviews.one_buurt.BuurtReadLooselyWarning`, which the command prints as a line).
    Raise naming each unknown one, why and what to write (``where``: the project).

    >>> names = {"BU0363MD01": "Transvaalbuurt-West", "BU0363MD02": "Transvaalbuurt-Oost"}
    >>> buurt_codes(["transvaalbuurt west", "bu0363md02", "Transvaalbuurt West"], names, {}, "GM0363")
    ['BU0363MD01', 'BU0363MD02']
    """
    if not asked:
        return []
    regions = regions_of(names, wijken, gemeenten or {})
    chosen = one_buurt(
        [w for w in asked if w.strip().upper() not in keep],
        regions,
        where=where,
        gemeente=sorted({codes.gemeente_of(code) for code in names}),
        refused=refused,
    )
    found: list[str] = []
    unknown = []
    for written in asked:
        if written.strip().upper() in keep:
            found.append(written.strip().upper())
            continue
        choice = chosen[written.strip()]
        if choice.code is not None:
            found += [choice.code] if choice.code not in found else []
            if choice.note:
                _errors.warn(f"--buurt {choice.note}", BuurtReadLooselyWarning, stacklevel=2)
        else:
            whole = "; --gemeente takes a gemeente" if "is the whole gemeente" in choice.why else ""
            unknown.append(f"{written!r} {choice.why}{whole}")
    if unknown:
        raise BuurtdataError(f"--buurt {'; '.join(unknown)}.")
    return found
