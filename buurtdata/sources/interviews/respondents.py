"""The respondents table: role, location (and its gemeente) and consent per respondent, for an export that lacks them.

A Taguette export carries none of them, a QualCoder report or REFI-QDA project
only as variables; ``[interviews] respondents`` (or ``read_segments(...,
respondents=)``) gives them per respondent (or document).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from buurtdata import _errors
from buurtdata._errors import few
from buurtdata.sources.interviews.privacy import normalise_respondents, said_value
from buurtdata.sources.interviews.qda_segments import VARIABLE_FIELDS, likely
from buurtdata.sources.interviews.segment_ids import id_safe_to_show
from buurtdata.sources.interviews.tables import Field, _fits_any, _read_table

#: The fields a respondents table fills and the headers (lower case) each may have, most telling first:
#: the names a QDA tool's variables have too, and ``location_raw`` as a segment frame spells it.
_FILLED = {
    "role": VARIABLE_FIELDS["role"],
    "location_raw": (*VARIABLE_FIELDS["location_raw"], "location_raw"),
    # The place's gemeente (``Centrum`` of Deventer, not of Dinkelland), read as the template's column gemeente.
    "location_gemeente": VARIABLE_FIELDS["location_gemeente"],
    "consent": VARIABLE_FIELDS["consent"],
}
#: A field as a message names it.
_SAID = {"location_raw": "location", "location_gemeente": "gemeente"}
#: How many ids of an export without a row in the respondents table a warning names.
_SHOWN = 5

#: Valid values of ``role`` after reading.
ROLES = ("bewoner", "professional", "ondernemer", "onbekend")
_ROLE_VARIANTS = {
    # The female forms too, and a shop's owner (sweep 12: bewoonster and winkeleigenaar were no known role).
    "bewoner": "bewoner, bewoners, bewoonster, buurtbewoner, buurtbewoonster, inwoner, inwoonster, resident, huurder",
    "professional": (
        "professional, professionals, prof, professioneel, wijkwerker, jongerenwerker, sociaal makelaar, "
        "opbouwwerker, buurtcoach, wijkcoach, buurtsportcoach, wijkagent, wijkverpleegkundige, "
        "maatschappelijk werker, welzijnswerker, ambtenaar, huisarts"
    ),
    "ondernemer": (
        "ondernemer, ondernemers, ondernemster, winkelier, winkeleigenaar, zzp, zzper, zelfstandige, entrepreneur"
    ),
    "onbekend": "onbekend, unknown",
}
#: Each role variant as written (lower case, letters and spaces only) -> role.
_ROLE_OF = {variant: role for role, variants in _ROLE_VARIANTS.items() for variant in variants.split(", ")}
_CONSENT = {
    "ja": True, "j": True, "yes": True, "y": True, "true": True, "waar": True, "1": True,
    "nee": False, "n": False, "no": False, "false": False, "onwaar": False, "0": False,
}  # fmt: skip
#: What a message says after a role or consent that is none, as a segment file or a respondents table writes it.
NOT_A_ROLE = (
    f"is not a known role; use one of {', '.join(ROLES)} (variants such as wijkwerker, jongerenwerker or winkelier "
    "are read as their role)."
)
NOT_CONSENT = "is not ja or nee; fill in ja or nee."


def role_of(text: str) -> str | None:
    """The role (one of :data:`ROLES`) ``text`` writes, onbekend when empty, None when it is no role."""
    key = re.sub(r"[^a-z ]", "", text.casefold()).strip()
    if not key:
        return "onbekend"
    # A role with what it is in brackets (Professional (wijkagent)) is its role; a name with one in brackets
    # (Ahmed (jongerenwerker)) stays none, as the name must not pass for a role (sweep 12).
    outer = re.sub(r"[^a-z ]", "", re.sub(r"\(.*?\)", "", text.casefold())).strip()
    return _ROLE_OF.get(" ".join(key.split())) or (_ROLE_OF.get(" ".join(outer.split())) if outer else None)


def consent_of(text: str) -> bool | None:
    """Whether a non-empty consent ``text`` says ja or nee; None when it says neither."""
    return _CONSENT.get(text.strip().casefold())


class UnmatchedRespondentsWarning(UserWarning):
    """Respondents of an export have no row in the respondents table: they get no role, location or consent."""


def with_respondents(
    values: pd.DataFrame, respondents: pd.DataFrame | str | Path | None, path: Path, problems: list[str]
) -> pd.DataFrame:
    """Fill role, location, its gemeente (``location_gemeente``, read later as the template's column gemeente) and
    consent a format lacks from ``respondents`` (a frame or a CSV/XLSX file);
    consent defaults to nee, but is left empty where the export or table gives it for other segments with text
    (read as nee and named by :func:`.segments.read_segments`).

    Ids match as :func:`.privacy.normalise_respondents` spells a document (``hgl-b01`` is ``HGL-B01``; the parts
    of one interview, ``HGL-B01 deel 1`` and ``deel 2``, are a row each, counted later as one person). Two rows
    of one respondent that differ, or a table without any of the columns, are problems; ids of the export
    without a row are named in an :class:`UnmatchedRespondentsWarning`.
    """
    lookup: dict[str, dict[str, str]] = {}
    key = "respondent"
    named = "respondents" if respondents is None or isinstance(respondents, pd.DataFrame) else Path(respondents)
    if isinstance(named, Path):
        respondents = _respondents_table(named)
    if respondents is not None:
        table = respondents.rename(columns=lambda c: str(c).strip().lower())
        key = "respondent" if "respondent" in table.columns else "document"
        if key not in table.columns:
            problems.append(
                f"{named} has columns {', '.join(map(str, table.columns))}; it needs a 'respondent' or "
                "'document' column to match the rows of " + str(path) + "."
            )
        else:
            lookup = _lookup(table, key, named, path, problems)
    given = values[key] if key in values.columns else pd.Series("", index=values.index)
    spelled = normalise_respondents(given.astype(object).fillna("").astype(str).str.strip(), parts=False)
    if lookup:
        _warn_unmatched(given, spelled, lookup, named, path, key)
    out, unsaid = [], []
    for cells, id_ in zip(values.to_dict("records"), spelled.tolist(), strict=True):
        extra = lookup.get(id_, {})
        for column in _FILLED:
            if not (cells.get(column) or "").strip():
                cells[column] = extra.get(column, "")
        # A respondent the table has no row for is warned of above, and reads nee; a segment without text (a
        # picture, a recording) has nothing to quote.
        if not cells["consent"] and (not lookup or id_ in lookup) and (cells.get("text") or "").strip():
            unsaid.append(len(out))
        out.append(cells)
    frame = pd.DataFrame.from_records(out, index=values.index)
    quoted = int(frame["text"].fillna("").astype(str).str.strip().ne("").sum()) if "text" in frame else len(frame)
    # A format (or table) that gives no consent at all reads nee; one that gives it for some segments leaves the
    # others' empty, which read_segments reads as nee and names, as an empty consent cell of the template.
    partial = frame.index[unsaid] if unsaid and len(unsaid) < quoted else frame.index[:0]
    frame["consent"] = frame["consent"].mask(frame["consent"].eq("") & ~frame.index.isin(partial), "nee")
    return frame


def _lookup(
    table: pd.DataFrame, key: str, named: str | Path, path: Path, problems: list[str]
) -> dict[str, dict[str, str]]:
    """Return role, location and consent by respondent id as normalised; append conflicting rows to ``problems``."""
    columns = {field: next((h for h in headers if h in table.columns), None) for field, headers in _FILLED.items()}
    columns = {field: header for field, header in columns.items() if header is not None}
    if not columns:
        expected = "; ".join(f"{_SAID.get(field, field)} ({', '.join(headers)})" for field, headers in _FILLED.items())
        problems.append(
            f"{named} has columns {', '.join(map(str, table.columns))}; it needs at least one of {expected} to fill "
            f"in the rows of {path}."
        )
        return {}
    text = table.astype(object).where(table.notna(), "").map(lambda v: str(v).strip())
    ids = normalise_respondents(text[key], parts=False)
    # A file's rows are numbered as a user sees them; a frame's by its index.
    rows = "rows" if isinstance(named, Path) else "rows (index)"
    lookup: dict[str, dict[str, str]] = {}
    first: dict[str, tuple[object, str]] = {}
    for row, id_, written, *cells in zip(
        table.index, ids, text[key], *(text[c] for c in columns.values()), strict=True
    ):
        if not id_:
            continue
        record = dict(zip(columns, cells, strict=True))
        # Checked here, where the row is: a segment filled from it would name the export's row (user test R).
        for field, wrong in (("role", role_of(record.get("role", "")) is None), ("consent", _no_consent(record))):
            if wrong:
                problems.append(
                    f"{named}, {rows.replace('rows', 'row')} {row}{_who(written)}, field {columns[field]!r}: "
                    f"{said_value(record[field])} {NOT_A_ROLE if field == 'role' else NOT_CONSENT}"
                )
                record[field] = ""
        if id_ not in lookup:
            lookup[id_], first[id_] = record, (row, written)
            continue
        earlier, earlier_id = first[id_]
        for field, header in columns.items():
            if record[field] != lookup[id_][field]:
                # Another spelling of a code is a code (case, spaces, separators: normalise_respondents).
                coded = id_safe_to_show(earlier_id)
                spelled = "" if written == earlier_id or not coded else f" (written {written!r} on row {row})"
                who = f"respondent {earlier_id!r}" if coded else "one respondent (no code: not repeated)"
                problems.append(
                    f"{named}, {rows} {earlier} and {row}, field {header!r}: {who}{spelled} has "
                    f"{lookup[id_][field]!r} on row {earlier} but {record[field]!r} on row {row}; keep one row per "
                    "respondent, with the right value."
                )
    return lookup


def _who(written: str) -> str:
    """`` (respondent 'HGL-B04')`` beside a row, only for an id that is a code: a message may reach a build log
    others read, and an id may be a person's name (``truus_1``, ``Anneke de Boer``: user test M)."""
    return f" (respondent {written!r})" if id_safe_to_show(written) else ""


def _no_consent(record: dict[str, str]) -> bool:
    """Whether a respondents table's row gives a consent that is neither ja nor nee (empty reads nee)."""
    written = record.get("consent", "")
    return bool(written) and consent_of(written) is None


def _warn_unmatched(
    ids: pd.Series, spelled: pd.Series, lookup: dict[str, dict[str, str]], named: str | Path, path: Path, key: str
) -> None:
    """Warn of the ids of an export that the respondents table has no row for: kept, but never published."""
    missing = ~spelled.isin(list(lookup)) & (spelled != "")
    if not missing.any():
        return
    table = named if isinstance(named, Path) else "the respondents table"
    written = ids[missing].astype(str).str.strip()
    unmatched = list(dict.fromkeys(written))
    # Only a code is repeated: an id may be a person's name or e-mail address (review W M5); the others by row.
    coded = [i for i in unmatched if id_safe_to_show(i)]
    shown = ", ".join(map(repr, coded[:_SHOWN])) + (" ..." if len(coded) > _SHOWN else "")
    if len(coded) < len(unmatched):
        told = set(coded)
        rows = [str(row) for row, i in written.items() if i not in told]
        others = f"{len(unmatched) - len(coded)} without a code (not repeated), on row(s) {few(rows, _SHOWN)}"
        shown = f"{shown}; {others}" if shown else others
    _errors.warn(
        f"{path}: {len(unmatched)} {key}(s) ({int(missing.sum())} rows) have no row in {table}: {shown}; they get "
        "no role or location and consent nee (never quoted). Add a row for each to the respondents table.",
        UnmatchedRespondentsWarning,
        stacklevel=4,
    )


#: Where a format's location comes from, for the reason a segment without one is not placed; ``{section}`` is
#: ``[interviews]`` or the ``[[rounds]]`` entry the export belongs to.
_LOCATION_FROM = {
    "taguette": "a Taguette export has no location: it comes from the respondents table ({section} respondents)",
    "maxqda": (
        "MAXQDA's table of coded segments has no location: it comes from the respondents table ({section} "
        "respondents, matched by document name), or export a REFI-QDA project (.qdpx) from MAXQDA, whose document "
        "variables carry it"
    ),
    "qualcoder": (
        "a QualCoder report gives a location only as a variable (CaseVar_buurt) or from the respondents table "
        "({section} respondents)"
    ),
    "qdpx": (
        "a REFI-QDA project gives a location only as a case or source variable (buurt, or {variables} "
        "location) or from the respondents table ({section} respondents)"
    ),
}
_ADD_RESPONDENTS = (
    'respondents = "respondenten.csv" (columns respondent, role, location, consent) to {section} in project.toml'
)


def location_from(
    kind: str,
    respondents: pd.DataFrame | str | Path | None,
    section: str = "[interviews]",
    unread: Sequence[str] = (),
) -> str:
    """Say where a location of a ``kind`` export comes from, for a segment without one.

    ``section``: where the project file names the export (``[interviews]``, or ``[[rounds]] 'najaar 2023'``);
    ``unread``: the variables of a ``.qdpx`` no field is read from (one may hold the place under its own name).
    """
    today = section == "[interviews]"
    variables = "[interviews.variables]" if today else f"{section} [rounds.variables]"
    said = _LOCATION_FROM[kind].format(section=section, variables=variables)
    if respondents is None:
        whose, table = "project" if today else "round", _ADD_RESPONDENTS.format(section=section)
        if kind in ("taguette", "maxqda"):
            return f"{said}; the {whose} has none: add {table}"
        if unread:  # sweep 14 F3: MAXQDA's Wijkteam-buurt holds it, under a name buurtdata does not read
            return (
                f"{said}; the {whose}'s variables {', '.join(unread)} are not read: if one of them holds the place, "
                f'map it in {variables}, e.g. location = "{likely("location_raw", unread) or unread[0]}"'
            )
        # Other segments of the export may have the variable: this one's case or source lacks it (user test).
        return (
            f"{said}; this segment's case or source has no such variable: give it one in the QDA tool, or, as the "
            f"{whose} has no respondents table, add {table}"
        )
    named = "" if isinstance(respondents, pd.DataFrame) else f" ({Path(respondents).name})"
    return f"{said}, which gives none for this respondent{named}"


def _respondents_table(path: Path) -> pd.DataFrame:
    """Return a respondents table (CSV or XLSX, as the template) as text cells named by its header."""
    keys = [Field("respondent", ("respondent", "document"))]
    header, cells, *_ = _read_table(path, format=None, template=None, fits=_fits_any(keys))
    cells = cells.iloc[:, : len(header)]
    cells.columns = header
    return cells
