"""REFI-QDA projects (``.qdpx``) and codebooks (``.qdc``), read safely into codes, cases and selections.

A ``.qdpx`` is a zip holding ``project.qde`` (XML in the ``urn:QDA-XML:project:1.0``
namespace, ``Project.xsd``) and the source files under ``Sources/``. It comes from
outside, so it is read as untrusted: XML through defusedxml, no member outside
the archive, bounded sizes, no file outside the project's folder. Positions of
text selections are read in the unit the exporting tool counted (:mod:`.positions`).
Selections without text (PDF areas, picture regions, audio and video stretches)
stay, with the reason they have no text. :mod:`.qda_write` writes projects back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse
from xml.etree import ElementTree as ET

from buurtdata._errors import InputFileError, ValidationError
from buurtdata.sources.interviews import positions
from buurtdata.sources.interviews.qda_archive import Archive, parse_xml

NAMESPACE = "urn:QDA-XML:project:1.0"
CODEBOOK_NAMESPACE = "urn:QDA-XML:codebook:1.0"
#: Largest uncompressed member of a ``.qdpx``, in bytes.
MAX_MEMBER_BYTES = 50_000_000
#: Largest total uncompressed size of a ``.qdpx``, in bytes.
MAX_TOTAL_BYTES = 200_000_000
_SOURCE_TAGS = ("TextSource", "PlainTextSource", "PDFSource", "PictureSource", "AudioSource", "VideoSource")
_VALUE_TAGS = ("TextValue", "BooleanValue", "IntegerValue", "FloatValue", "DateValue", "DateTimeValue")


def _archive(path: Path) -> Archive:
    # The limits as they are when it is opened: a user may raise them (the message says how).
    return Archive(path, max_member=MAX_MEMBER_BYTES, max_total=MAX_TOTAL_BYTES)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element: ET.Element, name: str) -> list[ET.Element]:
    return [child for child in element if _local(child.tag) == name]


def _child_text(element: ET.Element, name: str) -> str:
    found = _children(element, name)
    return (found[0].text or "").strip() if found else ""


def _guid(value: str | None) -> str:
    return (value or "").strip().strip("{}").upper()


def code_paths(root: ET.Element) -> list[dict[str, str]]:
    """Return ``guid, code_id, name, theme, description`` of every code, depth first.

    The tree is walked with an explicit stack, so a code tree of any depth reads.
    """
    books = [e for e in root.iter() if _local(e.tag) == "Codes"]
    if not books:
        return []
    out: list[dict[str, str]] = []
    stack = [(code, ()) for code in reversed(_children(books[0], "Code"))]
    while stack:
        code, parents = stack.pop()
        names = (*parents, (code.get("name") or "").strip().replace("/", "-"))
        out.append(
            {
                "guid": _guid(code.get("guid")),
                "code_id": "/".join(names),
                "name": names[-1],
                "theme": names[0],
                "description": _child_text(code, "Description"),
            }
        )
        stack.extend((child, names) for child in reversed(_children(code, "Code")))
    return out


def read_codes(path: Path, *, as_project: bool) -> list[dict[str, str]]:
    """Return the codes of a ``.qdc`` codebook or of the codebook inside a ``.qdpx``."""
    if as_project:
        with _archive(path) as archive:
            return code_paths(archive.project_root())
    what = "project" if path.suffix.lower() == ".qdpx" else "codebook"  # an empty .qdpx is read here
    return code_paths(parse_xml(path.read_bytes(), str(path), what=what))


@dataclass
class Selection:
    """A coded part of a source: text positions, or an area or stretch of something that is no text."""

    guid: str
    name: str
    kind: str
    codes: list[str]
    created: str
    span: tuple[int, int] | None = None  # positions in the unit of the exporting tool
    text_id: int | None = None  # which of the project's texts the span is in
    text: str | None = None
    note: str | None = None
    description: str = ""


@dataclass
class Source:
    guid: str
    name: str
    kind: str
    values: dict[str, str]
    selections: list[Selection] = field(default_factory=list)


@dataclass
class Case:
    guid: str
    name: str
    values: dict[str, str]
    sources: list[str]
    selections: list[str]


@dataclass
class Project:
    """What a ``.qdpx`` holds, with every selection's text cut in the unit chosen."""

    origin: str
    codes: list[dict[str, str]]
    variables: dict[str, str]  # GUID -> name
    cases: list[Case]
    sources: list[Source]
    unit: str
    unit_note: str
    problems: list[str] = field(default_factory=list)


def _values(element: ET.Element, variables: dict[str, str]) -> dict[str, str]:
    """Return variable name -> value of an element's ``VariableValue`` children."""
    found = {}
    for value in _children(element, "VariableValue"):
        refs = _children(value, "VariableRef")
        name = variables.get(_guid(refs[0].get("targetGUID")) if refs else "", "")
        text = next((child.text or "" for child in value if _local(child.tag) in _VALUE_TAGS), "").strip()
        if name and text:
            found[name] = text
    return found


class _Reader:
    def __init__(self, path: Path, archive: Archive, root: ET.Element) -> None:
        self.path, self.archive, self.root = path, archive, root
        self.problems: list[str] = []
        self.texts: list[str] = []
        self.base = path.resolve().parent

    def text_of(self, element: ET.Element, name: str) -> tuple[str | None, str | None]:
        """Return ``(text, None)`` of a text source, or ``(None, why there is none)``."""
        inline = _children(element, "PlainTextContent")
        if inline:
            return inline[0].text or "", None
        target = (element.get("plainTextPath") or "").strip()
        if not target:
            rich = (element.get("richTextPath") or "").strip()
            if rich:
                return None, (
                    f"source {name!r} has only a rich-text file ({rich}) and no plain text, whose positions the "
                    "selections count; export the project again with plain text"
                )
            self.problems.append(
                f"{self.path}, source {name!r}: has neither PlainTextContent nor plainTextPath; export again."
            )
            return None, None
        if target.startswith("internal://"):
            member = "Sources/" + target.removeprefix("internal://").lstrip("/")
            info = self.archive.find(member)
            if info is None:
                self.problems.append(
                    f"{self.path}, source {name!r}: plainTextPath {target!r} is not in the archive (no {member})."
                )
                return None, None
            return self.decode(self.archive.read(info), member)
        return self.outside(target, name)

    def outside(self, target: str, name: str) -> tuple[str | None, str | None]:
        """Read a text the project refers to outside the archive, but only from the project's own folder."""
        parsed = urlparse(target)
        if parsed.scheme == "relative":
            relative = unquote(parsed.netloc + parsed.path).lstrip("/")
            found = (self.base / relative).resolve()
            if found.is_relative_to(self.base) and found.is_file():
                return self.decode(found.read_bytes(), str(found))
            where = (
                "outside the folder of the .qdpx, so it is not read"
                if not found.is_relative_to(self.base)
                else (f"not found next to the .qdpx (looked for {found})")
            )
            return (
                None,
                f"source {name!r} lives outside the archive ({target}), {where}; export with the sources inside",
            )
        return None, (
            f"source {name!r} refers to a file outside the archive ({target}); files elsewhere on a disk are never "
            "read. Export the project with its sources inside the .qdpx"
        )

    def decode(self, data: bytes, member: str) -> tuple[str | None, str | None]:
        try:
            return data.decode("utf-8-sig"), None
        except UnicodeDecodeError:
            self.problems.append(
                f"{self.path}, member {member}: is not UTF-8 text; REFI-QDA plain text must be UTF-8. Export the "
                "project again from the QDA tool (which writes UTF-8); a text changed by hand inside the archive "
                "must be saved as UTF-8."
            )
            return None, None

    def selection(self, element: ET.Element, kind: str, **extra: object) -> Selection:
        codes = [_guid(ref.get("targetGUID")) for c in _children(element, "Coding") for ref in _children(c, "CodeRef")]
        guid = _guid(element.get("guid"))
        name, created = (element.get("name") or "").strip(), element.get("creationDateTime") or ""
        return Selection(guid, name, kind, codes, created, description=_child_text(element, "Description"), **extra)

    def text_selections(self, element: ET.Element, name: str, what: str) -> list[Selection]:
        """Return the ``PlainTextSelection``s of a text (a source, a PDF's or picture's text)."""
        selections = _children(element, "PlainTextSelection")
        if not selections:
            return []
        text, note = self.text_of(element, name)
        if text is not None:
            self.texts.append(text)
        out = []
        for selection in selections:
            try:
                span = int(selection.get("startPosition", "")), int(selection.get("endPosition", ""))
            except ValueError:
                self.problems.append(
                    f"{self.path}, PlainTextSelection {_guid(selection.get('guid'))}: "
                    "start/end position is not a whole number."
                )
                continue
            if text is None:
                out.append(self.selection(selection, what, note=note or f"the text of source {name!r} cannot be read"))
            else:
                out.append(self.selection(selection, what, span=span, text_id=len(self.texts) - 1))
        return out

    def source(self, element: ET.Element, variables: dict[str, str]) -> Source:
        kind = _local(element.tag)
        name = (element.get("name") or "").strip() or _guid(element.get("guid"))
        found = Source(_guid(element.get("guid")), name, kind, _values(element, variables))
        add = found.selections.extend
        if kind == "TextSource":
            add(self.text_selections(element, name, "text"))
        for text in _children(element, "Representation") + _children(element, "TextDescription"):
            add(self.text_selections(text, name, "text"))
        for pdf in _children(element, "PDFSelection"):
            area = (
                f"page {pdf.get('page')}, ({pdf.get('firstX')}, "
                f"{pdf.get('firstY')})-({pdf.get('secondX')}, {pdf.get('secondY')})"
            )
            inner = [s for r in _children(pdf, "Representation") for s in self.text_selections(r, name, "text")]
            add(inner)
            add(
                [
                    self.selection(
                        pdf,
                        "pdf",
                        note=f"an area of the PDF {name!r} ({area}), not text; code the PDF's text instead to quote it",
                    )
                ]
            )
        for picture in _children(element, "PictureSelection"):
            area = (
                f"({picture.get('firstX')}, "
                f"{picture.get('firstY')})-({picture.get('secondX')}, {picture.get('secondY')})"
            )
            add(
                [self.selection(picture, "picture", note=f"a region {area} of the picture {name!r}, which has no text")]
            )
        for media in _children(element, "AudioSelection") + _children(element, "VideoSelection"):
            what = "audio" if _local(media.tag) == "AudioSelection" else "video"
            stretch = f"{media.get('begin')}-{media.get('end')} ms"
            add(
                [
                    self.selection(
                        media,
                        what,
                        note=f"{stretch} of the {what} {name!r}, not its transcript; code the transcript to quote it",
                    )
                ]
            )
        for transcript in _children(element, "Transcript"):
            add(self.transcript(transcript, name))
        if _children(element, "Coding"):
            add(
                [
                    self.selection(
                        element,
                        "source",
                        note=f"the whole source {name!r} is coded, not a part of it; no quote is taken",
                    )
                ]
            )
        return found

    def transcript(self, element: ET.Element, name: str) -> list[Selection]:
        selections = _children(element, "TranscriptSelection")
        if not selections:
            return []
        text, note = self.text_of(element, name)
        if text is not None:
            self.texts.append(text)
        points = {_guid(p.get("guid")): p.get("position") for p in _children(element, "SyncPoint")}
        out = []
        for selection in selections:
            start, end = (
                points.get(_guid(selection.get("fromSyncPoint"))),
                points.get(_guid(selection.get("toSyncPoint"))),
            )
            if text is None or not (start or "").isdigit() or not (end or "").isdigit():
                why = note or f"a stretch of the transcript of {name!r} whose sync points give no text positions"
                out.append(self.selection(selection, "transcript", note=why))
            else:
                out.append(
                    self.selection(selection, "transcript", span=(int(start), int(end)), text_id=len(self.texts) - 1)
                )
        return out


def read_project(path: Path, *, tool: str | None = None) -> Project:
    """Return the codes, cases, sources and selections of a ``.qdpx``; raise every problem found at once."""
    project = _read_project(path, tool=tool)
    if project.problems:
        raise ValidationError(project.problems)
    return project


def _read_project(path: Path, *, tool: str | None = None) -> Project:
    """Return the codes, cases, sources and selections of a ``.qdpx``, texts cut in the tool's unit.

    ``tool`` (``[interviews] tool``) fixes the unit of the positions; without
    it the unit is detected (:func:`.positions.choose_unit`), the project's
    ``origin`` deciding a tie.
    """
    with _archive(path) as archive:
        root = archive.project_root()
        reader = _Reader(path, archive, root)
        variables = {
            _guid(v.get("guid")): (v.get("name") or "").strip() for v in root.iter() if _local(v.tag) == "Variable"
        }
        sources = [
            reader.source(element, variables)
            for holder in root.iter()
            if _local(holder.tag) == "Sources"
            for element in holder
            if _local(element.tag) in _SOURCE_TAGS
        ]
    cases = [
        Case(
            _guid(case.get("guid")),
            (case.get("name") or "").strip(),
            _values(case, variables),
            [_guid(r.get("targetGUID")) for r in _children(case, "SourceRef")],
            [_guid(r.get("targetGUID")) for r in _children(case, "SelectionRef")],
        )
        for case in root.iter()
        if _local(case.tag) == "Case"
    ]
    origin = (root.get("origin") or "").strip()
    if tool:
        unit = positions.tool_unit(tool)
        if unit is None:
            msg = (
                f"[interviews] tool = {tool!r} is not a tool whose positions "
                f"are known; use one of {', '.join(positions.TOOL_UNITS)}."
            )
            raise InputFileError(msg)
        note = f"positions read as {unit}, as [interviews] tool = {tool!r} says"
    else:
        spans: dict[int, list[tuple[int, int]]] = {}
        for selection in (s for source in sources for s in source.selections if s.span is not None):
            spans.setdefault(selection.text_id, []).append(selection.span)
        unit, note = positions.choose_unit([(reader.texts[i], found) for i, found in spans.items()], origin or None)
    _cut(path, reader, sources, unit)
    return Project(origin, code_paths(root), variables, cases, sources, unit, note, reader.problems)


def _cut(path: Path, reader: _Reader, sources: list[Source], unit: str) -> None:
    readings: dict[int, positions.Reading] = {}
    for source in sources:
        for selection in source.selections:
            if selection.span is None:
                continue
            reading = readings.get(selection.text_id) or positions.Reading.of(reader.texts[selection.text_id], unit)
            readings[selection.text_id] = reading
            start, end = selection.span
            first, last = reading.index(start), reading.index(end)
            if first is None or last is None or not 0 <= start <= end:
                kind = "PlainTextSelection" if selection.kind == "text" else "TranscriptSelection"
                where = "lie beyond the end of" if max(start, end) > reading.length else "fall inside a character of"
                reader.problems.append(
                    f"{path}, {kind} {selection.guid} in source {source.name!r}: positions {start}-{end} {where} "
                    f"its text ({reading.length} characters), counted as {unit}; the text file does not "
                    "belong to this project.qde, export the project again."
                )
                continue
            selection.text = reading.text[first:last].strip()
            if not selection.text:
                selection.note = selection.description or "an empty selection"
