"""Respondent ids for an overdracht: who of ``no_handover`` stays behind, in every round, and a typed id checked.

``no_handover`` lists, in any round, the respondents who did not agree to a successor. Every round is
pseudonymised with the same key, so one person's segments of another round would pass under the same pseudonym
(review 3.2): a person listed in any round stays behind from every round (ids compared as the project counts them,
:func:`buurtdata.sources.interviews.privacy.normalise_respondents`). An id no round holds is refused with the
closest ids, here and in ``buurtdata pseudoniem --project`` (review 3.5): a typo would pass the segments of
whoever said no, or give a pseudonym that matches nothing.
"""

from __future__ import annotations

import difflib
import re

import pandas as pd

from buurtdata._errors import BuurtdataError
from buurtdata.pipeline.rounds import named, read
from buurtdata.project import Project
from buurtdata.rounds import Round
from buurtdata.sources.interviews.privacy import normalise_respondents
from buurtdata.sources.interviews.segment_ids import id_safe_to_show


def typed(respondent: object) -> str:
    """A respondent id as compared for a typo: upper case, no separators, O as 0 and I or L as 1."""
    return re.sub(r"[\s_.\-/]+", "", str(respondent).upper()).translate(str.maketrans("OIL", "011"))


def respondents(one: Round) -> pd.Series:
    """The respondent ids of a round's segments, as its export writes them (read as the build reads them)."""
    with named(one):
        return read(one)["respondent"].astype(str)


def unknown(ids: list[str], held: pd.Series) -> list[str]:
    """Each of ``ids`` that is none of ``held`` (compared as counted: ``DEV-A07`` is ``dev a7``), with the closest
    ids as the export writes them when they are codes: an O for a 0, an l or I for a 1 are alike as typed (lost
    once normalised)."""
    spelled = set(normalise_respondents(held))
    listed = normalise_respondents(pd.Series(ids, dtype=object))
    # Only codes are offered: an export's id may be a person's name (review W M5).
    known = {typed(r): str(r).strip() for r in held.drop_duplicates() if id_safe_to_show(str(r).strip())}
    said = []
    for written, id_ in zip(ids, listed, strict=True):
        if id_ in spelled:
            continue
        close = difflib.get_close_matches(typed(written), list(known), n=3, cutoff=0.6)
        said.append(f"{written!r}" + (f" (the closest: {', '.join(known[c] for c in close)})" if close else ""))
    return said


def withheld(project: Project) -> set[str]:
    """The respondents (normalised) of every round's ``no_handover``: they stay behind from every round.

    Raises :class:`DossierError` naming each listed id that no round's segments hold, with the closest ids.
    """
    listing = [one for one in project.rounds if one.no_handover]
    if not listing:
        return set()
    held = pd.concat([respondents(one) for one in project.rounds], ignore_index=True)
    problems = []
    for one in listing:
        said = unknown(list(one.no_handover), held)
        if said:
            where = "[interviews]" if one.current else f"[[rounds]] {one.as_written!r}"
            problems.append(f"{where} no_handover: {'; '.join(said)}")
    if problems:
        files = ", ".join(dict.fromkeys(one.segments.name for one in project.rounds))
        raise DossierError(
            f"{'; '.join(problems)} is no respondent of any round ({files}); write each id as the export does. "
            "Nothing was written: with a wrong id, the segments of whoever said no would pass."
        )
    return set(normalise_respondents(pd.Series([i for one in listing for i in one.no_handover], dtype=object)))


def without(segments: pd.DataFrame, left: set[str]) -> tuple[pd.DataFrame, int]:
    """The segments without those of the respondents ``left`` (normalised), and how many respondents that is."""
    if not left:
        return segments, 0
    spelled = normalise_respondents(segments["respondent"].astype(str))
    out = spelled.isin(left)
    return segments[~out.to_numpy()], int(spelled[out].nunique())


class DossierError(BuurtdataError):
    """A dossier cannot be packed as asked."""
