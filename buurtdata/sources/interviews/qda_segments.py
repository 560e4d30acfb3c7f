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


#: The fields a segment is not placed or published without: a project none of whose variables gives one of them,
#: while it has variables not read, is told which and how to map them (sweep 14 F3).
_NEEDED = ("role", "location_raw", "consent")


#: Words in a team's own name of a variable that say which field it likely holds (for the example mapping).
LIKELY = {
    "role": ("rol", "functie", "role", "type"),
    "location_raw": ("buurt", "wijk", "locatie", "location", "plaats", "postcode", "adres"),
    "consent": ("toestemming", "akkoord", "consent", "avg"),
}


def likely(field: str, names: list[str] | tuple[str, ...]) -> str | None:
    """The one of ``names`` (variables not read) likely to hold ``field``: the first with a telling word, or None.

    >>> likely("location_raw", ["Functie", "Wijkteam-buurt"]), likely("consent", ["Functie"])
    ('Wijkteam-buurt', None)
    """
    return next((n for n in names if any(word in n.casefold() for word in LIKELY.get(field, ()))), None)


#: What a segment reads without the field, said until the variable is mapped.
_UNTIL = {"role": "role reads onbekend", "location_raw": "location is empty", "consent": "consent reads nee"}


def unpacked(path: Path) -> str:
    """What a REFI-QDA file or folder that is no project archive is, and what to do, said after its path (sweep 14
    F7: a .qdc was refused while the message suggested one; an unzipped project as 'a file without extension');
    ``""`` for any other path."""
    if path.suffix.lower() == ".qdc" and path.is_file():
        return (
            "is a REFI-QDA codebook (.qdc): read it as the codebook ([interviews] codebook, read_codebook); the "
            "segments come from the project, exported as .qdpx"
        )
    if path.name.lower() == "project.qde" or (path.is_dir() and (path / "project.qde").is_file()):
        return (
            "is a REFI-QDA project unpacked: zip what its folder holds (project.qde and Sources/) into a .qdpx, "
            "or export the project again as .qdpx, and read that"
        )
    return "is a folder; name the file in it to read" if path.is_dir() else ""


class UncodedSelectionsWarning(UserWarning):
    """Selections of a ``.qdpx`` without a code: no segment, so not read."""


class UnreadVariablesWarning(UserWarning):
    """Variables of a ``.qdpx`` that no segment field is read from, while no variable gives role, location or
    consent: most likely the team's own names for them, to map in ``[interviews.variables]``."""


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


def _refuse_unknown(path: Path, mapping: dict[str, str | list[str]] | None, held: list[str]) -> None:
    """Refuse a ``variables`` value that names no variable of the project (``held``), with the closest: a typo
    would otherwise leave every segment without its role or place, silently (sweep 14 F3)."""
    from rapidfuzz import fuzz, process

    known = {name.casefold() for name in held}
    problems = []
    for key, given in (mapping or {}).items():
        listed = [str(n).strip() for n in ([given] if isinstance(given, str) else list(given))]
        if not listed or any(name.casefold() in known for name in listed):
            continue
        shown = listed[0] if len(listed) == 1 else listed
        hits = [process.extractOne(name, held, scorer=fuzz.ratio, processor=str.casefold) for name in listed]
        hit = max((h for h in hits if h), key=lambda h: h[1], default=None)
        close = f"; closest {hit[0]}" if hit and hit[1] >= 60 else ""
        has = f"its variables: {', '.join(held)}" if held else "it has no variables"
        problems.append(f"[interviews.variables] {key} = {shown!r}: no such variable in {path}{close} ({has})")
    if problems:
        raise InputFileError("; ".join(problems) + ".")


def _unread(
    path: Path, held: list[str], names: dict[str, tuple[str, ...]], records: list[dict[str, str]], warn: bool
) -> list[str]:
    """The project's variables no field is read from; with ``warn``, warned of when no variable gave the segments a
    role, location or consent (sweep 14 F3: MAXQDA's Functie, Wijkteam-buurt and AVG-akkoord were dropped without
    a word)."""
    read = {name for candidates in names.values() for name in candidates}
    unread = [name for name in held if name.casefold() not in read]
    empty = [field for field in _NEEDED if not any(record.get(field) for record in records)]
    if not unread or not empty or not warn:
        return unread
    keys = {field: key for key, field in VARIABLE_KEYS.items()}
    which = ", ".join(keys[field] for field in empty)
    pairs = [(keys[field], name) for field in empty if (name := likely(field, unread))]
    example = (
        f'e.g. {pairs[0][0]} = "{pairs[0][1]}"' if pairs else f'each as key = "name" (keys: {", ".join(VARIABLE_KEYS)})'
    )
    _errors.warn(
        f"{path}: its variables {', '.join(unread)} are not read, and no variable gives the segments' {which}: "
        f"map them in [interviews.variables] (read_segments: variables=), {example}. "
        f"Until then a segment's {', '.join(_UNTIL[field] for field in empty)}.",
        UnreadVariablesWarning,
        stacklevel=4,
    )
    return unread


def read_qdpx(
    path: Path,
    *,
    tool: str | None = None,
    variables: dict[str, str | list[str]] | None = None,
    warn_unread: bool = True,
) -> tuple[list[dict[str, str]], list[str]]:
    """Return one raw segment record per coding of a selection in a ``.qdpx``.

    Respondent, role, location (and its gemeente), consent and date come from the variables of
    the source (the text itself) first, then of the case holding the source
    or selection, named as in :data:`VARIABLE_FIELDS` or ``variables``; the
    respondent else is the case's name, else the source's; the date else the
    selection's ``creationDateTime``. The segment id is the selection's name
    when that is an id (``S019``), else its GUID (see :func:`_segment_id`). A
    selection without text keeps its segment, with ``text_note`` saying why.
    Also return the project's variables no field is read from. A ``variables``
    value naming no variable of the project is refused with the closest; with
    ``warn_unread`` (no respondents table gives the fields instead), variables
    not read while no variable gives a role, location or consent are warned of
    (:class:`UnreadVariablesWarning`).
    """
    # The reader (xml, defusedxml) only for a .qdpx: every build imports this module for VARIABLE_FIELDS (issue 19).
    from buurtdata.sources.interviews.qda import _read_project

    project = _read_project(path, tool=tool)
    names = variable_names(variables)
    # Those that carry a value somewhere, as the project declares them (a variable never filled in reads as none).
    filled = {name for one in (*project.cases, *project.sources) for name in one.values}
    held = [name for name in dict.fromkeys(project.variables.values()) if name in filled]
    _refuse_unknown(path, variables, list(dict.fromkeys(project.variables.values())))
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
    return records, _unread(path, held, names, records, warn_unread)


_TAGS = {
    "text": "PlainTextSelection", "pdf": "PDFSelection", "picture": "PictureSelection", "audio": "AudioSelection",
    "video": "VideoSelection", "transcript": "TranscriptSelection", "source": "source",
}  # fmt: skip
