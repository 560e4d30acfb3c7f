"""Segments of a REFI-QDA project (``.qdpx``): one per coding of a selection, fields from case and source variables.

:mod:`.qda` reads the project safely into codes, cases, sources and selections;
this module turns them into the raw segment records :func:`.segments.read_segments`
checks, taking respondent, role, location, consent and date from the variables a
team used for them (:data:`VARIABLE_FIELDS`, or ``[interviews.variables]``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from buurtdata import _errors
from buurtdata._errors import InputFileError, ValidationError
from buurtdata.sources.interviews.segment_ids import id_safe_to_show

if TYPE_CHECKING:
    from buurtdata.sources.interviews.qda import Case, Selection

#: Case or source variable names (lower case) that carry each segment field, most telling first;
#: ``[interviews.variables]`` in a project names others.
VARIABLE_FIELDS = {
    "respondent": ("respondent", "respondentnummer", "respondent id"),
    "role": ("role", "rol"),
    "location_raw": ("locatie", "location", "buurt", "wijk", "postcode", "buurtcode"),
    # The gemeente of the place, as the template's column of its own (``Centrum`` in ``Deventer``): read as that
    # column is (:mod:`.gemeente_column`). The names are the template's (``template_headers``).
    "location_gemeente": ("gemeente", "gemeentenaam", "municipality", "location_gemeente"),
    "consent": ("consent", "toestemming"),
    "date": ("date", "datum", "interviewdatum"),
}
#: The keys of ``[interviews.variables]`` and the segment field each fills.
VARIABLE_KEYS = {
    "respondent": "respondent",
    "role": "role",
    "location": "location_raw",
    "gemeente": "location_gemeente",
    "consent": "consent",
    "date": "date",
}


class UncodedSelectionsWarning(UserWarning):
    """Selections of a ``.qdpx`` without a code: no segment, so not read."""


def _segment_id(selection: Selection) -> str:
    """The selection's name when it is an id (:func:`.segment_ids.id_safe_to_show`), else its GUID: some tools name a
    selection after its text ("Gesprek met Henk de Vries: het buurthuis is dicht"), and the segment id reaches
    outputs unscrubbed (niet_geplaatste_fragmenten.csv, the overdracht dossier)."""
    return selection.name if id_safe_to_show(selection.name) else selection.guid


def _fields(values: dict[str, str], names: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """Return the segment fields a set of variables carries, by the first matching name of each field."""
    folded = {name.casefold(): value for name, value in values.items()}
    found = {}
    for column, candidates in names.items():
        value = next((folded[n] for n in candidates if folded.get(n)), "")
        if value:
            found[column] = value
    return found


def variable_names(mapping: dict[str, str | list[str]] | None) -> dict[str, tuple[str, ...]]:
    """Return the variable names per segment field: ``[interviews.variables]`` first, then the usual ones."""
    names = dict(VARIABLE_FIELDS)
    for key, given in (mapping or {}).items():
        if key not in VARIABLE_KEYS:
            msg = f"[interviews.variables] has key {key!r}; use {', '.join(VARIABLE_KEYS)} (each a variable name)."
            raise InputFileError(msg)
        listed = [given] if isinstance(given, str) else list(given)
        column = VARIABLE_KEYS[key]
        names[column] = (*(str(n).strip().casefold() for n in listed), *names[column])
    return names


def read_qdpx(
    path: Path, *, tool: str | None = None, variables: dict[str, str | list[str]] | None = None
) -> list[dict[str, str]]:
    """Return one raw segment record per coding of a selection in a ``.qdpx``.

    Respondent, role, location (and its gemeente), consent and date come from the variables of
    the source (the text itself) first, then of the case holding the source
    or selection, named as in :data:`VARIABLE_FIELDS` or ``variables``; the
    respondent else is the case's name, else the source's; the date else the
    selection's ``creationDateTime``. The segment id is the selection's name
    when that is an id (``S019``), else its GUID (see :func:`_segment_id`). A
    selection without text keeps its segment, with ``text_note`` saying why.
    """
    # The reader (xml, defusedxml) only for a .qdpx: every build imports this module for VARIABLE_FIELDS (issue 19).
    from buurtdata.sources.interviews.qda import _read_project

    project = _read_project(path, tool=tool)
    names = variable_names(variables)
    codes = {c["guid"]: c["code_id"] for c in project.codes}
    by_source: dict[str, Case] = {}
    by_selection: dict[str, Case] = {}
    for case in project.cases:
        for guid in case.sources:
            by_source.setdefault(guid, case)
        for guid in case.selections:
            by_selection.setdefault(guid, case)
    problems = list(project.problems)
    records: list[dict[str, str]] = []
    for source in project.sources:
        own = _fields(source.values, names)
        for selection in source.selections:
            case = by_selection.get(selection.guid) or by_source.get(source.guid)
            fields = {**(_fields(case.values, names) if case else {}), **own}
            respondent = fields.get("respondent") or (case.name if case and case.name else source.name)
            for i, target in enumerate(selection.codes):
                if target not in codes:
                    problems.append(
                        f"{path}, {_TAGS[selection.kind]} {selection.guid}: CodeRef targetGUID {target} is no code in "
                        "the CodeBook; export the project again with its codebook."
                    )
                    continue
                segment_id = _segment_id(selection)
                records.append(
                    {
                        "segment_id": segment_id if len(selection.codes) == 1 else f"{segment_id}#{i + 1}",
                        "document": source.name,
                        "respondent": respondent,
                        "role": fields.get("role", ""),
                        "code_id": codes[target],
                        "text": selection.text or "",
                        "text_note": selection.note or "",
                        "location_raw": fields.get("location_raw", ""),
                        "location_gemeente": fields.get("location_gemeente", ""),
                        "date": fields.get("date") or selection.created[:10],
                        "consent": fields.get("consent", ""),
                    }
                )
    if problems:
        raise ValidationError(problems)
    selections = [s for source in project.sources for s in source.selections]
    uncoded = sum(not s.codes for s in selections)
    if records and uncoded:
        # Left out, as a segment is a coding; said, so unfinished coding shows (sweep 12 interviews F21).
        _errors.warn(
            f"{path}: {uncoded} of its {len(selections)} selection(s) have no code, so they are no segment and are "
            "not read (quotations made but not coded yet?). Code them in the QDA tool and export the project again "
            "to count them.",
            UncodedSelectionsWarning,
            stacklevel=3,
        )
    if not records:
        memos = f" ({uncoded} of them without a code, e.g. only a memo)" if uncoded else ""
        msg = (
            f"{path} holds no coded selections: {len(project.sources)} source(s), {len(project.codes)} code(s) and "
            f"{len(selections)} selection(s){memos}, but no Coding of a selection, so no segment. It is a codebook "
            "or an uncoded project: its codes can still be read as the codebook (read_codebook, or [interviews] "
            "codebook); code the texts in the QDA tool, then export the project again."
        )
        raise InputFileError(msg)
    return records


_TAGS = {
    "text": "PlainTextSelection", "pdf": "PDFSelection", "picture": "PictureSelection", "audio": "AudioSelection",
    "video": "VideoSelection", "transcript": "TranscriptSelection", "source": "source",
}  # fmt: skip
