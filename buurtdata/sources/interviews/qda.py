"""REFI-QDA projects (``.qdpx``) and codebooks (``.qdc``): read them safely, write them for a QDA tool.

A ``.qdpx`` is a zip holding ``project.qde`` (XML in the ``urn:QDA-XML:project:1.0``
namespace) and the plain texts under ``Sources/``. It comes from outside, so
it is read as untrusted: XML through defusedxml, no member outside the
archive, bounded sizes. Positions of a ``PlainTextSelection`` count Unicode
code points, as Python string indices do. :func:`write_qdpx` and
:func:`write_qdc` hand segments and codebook back to ATLAS.ti, NVivo, MAXQDA or QualCoder.
"""

from __future__ import annotations

import uuid
import zipfile
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree as ET

import defusedxml.ElementTree as SafeET
import pandas as pd
from defusedxml import DefusedXmlException

from buurtdata._errors import InputFileError, ValidationError

NAMESPACE = "urn:QDA-XML:project:1.0"
CODEBOOK_NAMESPACE = "urn:QDA-XML:codebook:1.0"
#: Largest uncompressed member of a ``.qdpx``, in bytes.
MAX_MEMBER_BYTES = 50_000_000
#: Largest total uncompressed size of a ``.qdpx``, in bytes.
MAX_TOTAL_BYTES = 200_000_000
#: Case or source variable names (lower case) that carry each segment field.
VARIABLE_FIELDS = {
    "location_raw": ("buurt", "wijk", "postcode", "locatie", "location"),
    "role": ("role", "rol"),
    "consent": ("consent", "toestemming"),
}


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element: ET.Element, name: str) -> list[ET.Element]:
    return [child for child in element if _local(child.tag) == name]


def _child_text(element: ET.Element, name: str) -> str:
    found = _children(element, name)
    return (found[0].text or "").strip() if found else ""


def _guid(value: str | None) -> str:
    return (value or "").strip().strip("{}").upper()


def parse_xml(data: bytes, source: str) -> ET.Element:
    """Return the root of untrusted XML, refusing DTD entities and external references."""
    if not data.strip():
        msg = f"{source} is empty; export the project again from your QDA tool."
        raise InputFileError(msg)
    try:
        return SafeET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        msg = (
            f"{source}: refused unsafe XML ({type(exc).__name__}: {exc}); the file declares entities or "
            "external references, which a REFI-QDA export never needs. Export it again from the QDA tool."
        )
        raise InputFileError(msg) from None
    except ET.ParseError as exc:
        line, column = exc.position
        msg = f"{source}, line {line}, column {column}: malformed XML ({exc}); export the project again."
        raise InputFileError(msg) from None


def _open_qdpx(path: Path) -> tuple[zipfile.ZipFile, dict[str, zipfile.ZipInfo]]:
    if path.stat().st_size == 0:
        msg = f"{path} is empty; export the project again from your QDA tool (File > Export > REFI-QDA project)."
        raise InputFileError(msg)
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        msg = f"{path} is not a zip archive, so not a REFI-QDA project (.qdpx); export it again from the QDA tool."
        raise InputFileError(msg) from None
    problems, members, total = [], {}, 0
    for info in archive.infolist():
        name = info.filename
        parts = PurePosixPath(name.replace("\\", "/")).parts
        if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":") or ".." in parts:
            problems.append(f"{path}, member {name!r}: points outside the archive (absolute path or '..'); refused.")
        if info.file_size > MAX_MEMBER_BYTES:
            problems.append(
                f"{path}, member {name!r}: {info.file_size} bytes uncompressed, more than {MAX_MEMBER_BYTES}; "
                "refused (a zip bomb?). Split the project or raise buurtdata.sources.interviews.qda.MAX_MEMBER_BYTES."
            )
        total += info.file_size
        members[name.replace("\\", "/")] = info
    if total > MAX_TOTAL_BYTES:
        problems.append(f"{path}: {total} bytes uncompressed in all, more than {MAX_TOTAL_BYTES}; refused.")
    if problems:
        archive.close()
        raise ValidationError(problems)
    return archive, members


def _read_member(path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    try:
        return archive.read(info)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        msg = f"{path}, member {info.filename!r}: cannot be unpacked ({exc}); the archive is damaged, export again."
        raise InputFileError(msg) from None


def _variables(root: ET.Element) -> dict[str, str]:
    return {_guid(v.get("guid")): (v.get("name") or "").strip() for v in root.iter() if _local(v.tag) == "Variable"}


def _values(element: ET.Element, variables: dict[str, str]) -> dict[str, str]:
    """Return the segment fields an element's ``VariableValue``s carry."""
    found = {}
    for value in _children(element, "VariableValue"):
        refs = _children(value, "VariableRef")
        name = variables.get(_guid(refs[0].get("targetGUID")) if refs else "", "").casefold()
        text = next((child.text or "" for child in value if _local(child.tag).endswith("Value")), "").strip()
        for column, names in VARIABLE_FIELDS.items():
            if name in names and text and column not in found:
                found[column] = text
    return found


def code_paths(root: ET.Element) -> list[dict[str, str]]:
    """Return ``guid, code_id, name, theme, description`` of every code, depth first."""
    out: list[dict[str, str]] = []

    def walk(element: ET.Element, parents: list[str]) -> None:
        for code in _children(element, "Code"):
            names = [*parents, (code.get("name") or "").strip().replace("/", "-")]
            out.append(
                {
                    "guid": _guid(code.get("guid")),
                    "code_id": "/".join(names),
                    "name": names[-1],
                    "theme": names[0],
                    "description": _child_text(code, "Description"),
                }
            )
            walk(code, names)

    for codes in root.iter():
        if _local(codes.tag) == "Codes":
            walk(codes, [])
            break
    return out


def read_qdc(path: Path) -> list[dict[str, str]]:
    """Return the codes of a REFI-QDA codebook file."""
    root = parse_xml(path.read_bytes(), str(path))
    return code_paths(root)


def read_qdpx(path: Path) -> list[dict[str, str]]:
    """Return one raw segment record per coding of a text selection in a ``.qdpx``."""
    archive, members = _open_qdpx(path)
    with archive:
        qde = next((n for n in members if n.lower() == "project.qde"), None)
        if qde is None:
            msg = f"{path} has no project.qde; it holds {', '.join(sorted(members)) or 'nothing'}. Is it a .qdpx?"
            raise InputFileError(msg)
        root = parse_xml(_read_member(path, archive, members[qde]), f"{path}!project.qde")
        codes = {c["guid"]: c["code_id"] for c in code_paths(root)}
        variables = _variables(root)
        cases: dict[str, tuple[str, dict[str, str]]] = {}
        for case in (e for e in root.iter() if _local(e.tag) == "Case"):
            info = ((case.get("name") or "").strip(), _values(case, variables))
            for ref in _children(case, "SourceRef"):
                cases.setdefault(_guid(ref.get("targetGUID")), info)
        problems: list[str] = []
        records: list[dict[str, str]] = []
        for source in (e for e in root.iter() if _local(e.tag) in ("TextSource", "PlainTextSource")):
            name = (source.get("name") or "").strip() or _guid(source.get("guid"))
            text = _source_text(path, archive, members, source, name, problems)
            if text is None:
                continue
            respondent, fields = cases.get(_guid(source.get("guid")), (name, {}))
            fields = {**_values(source, variables), **fields}
            for selection in _children(source, "PlainTextSelection"):
                guid = _guid(selection.get("guid"))
                try:
                    start, end = int(selection.get("startPosition", "")), int(selection.get("endPosition", ""))
                except ValueError:
                    problems.append(f"{path}, PlainTextSelection {guid}: start/end position is not a whole number.")
                    continue
                if not 0 <= start <= end <= len(text):
                    problems.append(
                        f"{path}, PlainTextSelection {guid} in source {name!r}: positions {start}-{end} lie beyond "
                        f"the end of its text ({len(text)} characters); the text file does not belong to this "
                        "project.qde, export the project again."
                    )
                    continue
                codings = [ref for coding in _children(selection, "Coding") for ref in _children(coding, "CodeRef")]
                for i, ref in enumerate(codings):
                    target = _guid(ref.get("targetGUID"))
                    if target not in codes:
                        problems.append(
                            f"{path}, PlainTextSelection {guid}: CodeRef targetGUID {target} is no code in the "
                            "CodeBook; export the project again with its codebook."
                        )
                        continue
                    segment_id = (selection.get("name") or "").strip() or guid
                    records.append(
                        {
                            "segment_id": segment_id if len(codings) == 1 else f"{segment_id}#{i + 1}",
                            "document": name,
                            "respondent": respondent,
                            "role": fields.get("role", ""),
                            "code_id": codes[target],
                            "text": text[start:end].strip(),
                            "location_raw": fields.get("location_raw", ""),
                            "date": (selection.get("creationDateTime") or "")[:10],
                            "consent": fields.get("consent", ""),
                        }
                    )
    if problems:
        raise ValidationError(problems)
    if not records:
        msg = f"{path} holds no coded text selections; code some text in the QDA tool, then export again."
        raise InputFileError(msg)
    return records


def _source_text(
    path: Path, archive: zipfile.ZipFile, members: dict, source: ET.Element, name: str, problems: list[str]
) -> str | None:
    inline = _children(source, "PlainTextContent")
    if inline:
        return inline[0].text or ""
    target = (source.get("plainTextPath") or "").strip()
    if not target:
        problems.append(f"{path}, source {name!r}: has neither PlainTextContent nor plainTextPath; export again.")
        return None
    member = "Sources/" + target.removeprefix("internal://").lstrip("/")
    info = members.get(member) or next((i for n, i in members.items() if n.lower() == member.lower()), None)
    if info is None:
        problems.append(f"{path}, source {name!r}: plainTextPath {target!r} is not in the archive (no {member}).")
        return None
    try:
        return _read_member(path, archive, info).decode("utf-8-sig")
    except UnicodeDecodeError:
        problems.append(f"{path}, member {member}: is not UTF-8 text; REFI-QDA plain text must be UTF-8.")
        return None


def _uuid(*parts: str) -> str:
    """Return a stable GUID, so that exporting the same data twice gives the same project."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "buurtdata:" + "\x1f".join(parts))).upper()


def _codebook_element(parent: ET.Element, codes: list[tuple[str, str]], ns: str) -> dict[str, str]:
    """Add ``CodeBook/Codes`` for ``(code_id, description)`` pairs; return code_id -> GUID."""
    book = ET.SubElement(parent, f"{{{ns}}}CodeBook")
    top = ET.SubElement(book, f"{{{ns}}}Codes")
    elements: dict[str, ET.Element] = {}
    guids: dict[str, str] = {}
    descriptions = dict(codes)
    for code_id, _ in codes:
        parts = code_id.split("/")
        for depth in range(1, len(parts) + 1):
            key = "/".join(parts[:depth])
            if key in elements:
                continue
            parent_element = elements["/".join(parts[: depth - 1])] if depth > 1 else top
            guids[key] = _uuid("code", key)
            element = ET.SubElement(
                parent_element, f"{{{ns}}}Code", guid=guids[key], name=parts[depth - 1], isCodable="true"
            )
            if descriptions.get(key):
                ET.SubElement(element, f"{{{ns}}}Description").text = descriptions[key]
            elements[key] = element
    return guids


def _serialise(root: ET.Element, ns: str) -> bytes:
    """Return the XML with ``ns`` as default namespace, without touching ElementTree's global prefix registry."""
    for element in root.iter():
        element.tag = _local(element.tag)
    root.set("xmlns", ns)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _write_codebook(codes: list[tuple[str, str]], path: Path) -> None:
    """Write ``(code_id, description)`` pairs as a REFI-QDA codebook."""
    holder = ET.Element("holder")
    _codebook_element(holder, codes, CODEBOOK_NAMESPACE)
    root = holder[0]
    root.set("origin", "buurtdata")
    path.write_bytes(_serialise(root, CODEBOOK_NAMESPACE))


def _write_project(records: list[dict[str, str]], codes: list[tuple[str, str]], path: Path) -> None:
    """Write raw segment records (strings) as a REFI-QDA project, one text source per document."""
    ns = NAMESPACE
    root = ET.Element(f"{{{ns}}}Project", name=path.stem, origin="buurtdata")
    user = _uuid("user", "buurtdata")
    ET.SubElement(ET.SubElement(root, f"{{{ns}}}Users"), f"{{{ns}}}User", guid=user, name="buurtdata")
    known = dict(codes)
    codes = codes + [(r["code_id"], "") for r in records if r["code_id"] not in known]
    guids = _codebook_element(root, list(dict(codes).items()), ns)
    names = {"location_raw": "buurt", "role": "rol", "consent": "toestemming"}
    variables = ET.SubElement(root, f"{{{ns}}}Variables")
    for name in names.values():
        ET.SubElement(variables, f"{{{ns}}}Variable", guid=_uuid("variable", name), name=name, typeOfVariable="Text")
    # A case carries one role, location and consent, so a respondent quoted about two
    # buurten gets one source (and case) per buurt.
    groups: dict[tuple[str, ...], list[dict[str, str]]] = {}
    for record in records:
        key = (record["document"] or record["respondent"], record["respondent"], *(record[c] for c in names))
        groups.setdefault(key, []).append(record)
    counts: dict[str, int] = {}
    for key in groups:
        counts[key[0]] = counts.get(key[0], 0) + 1
    documents = {
        key[0] if counts[key[0]] == 1 else f"{key[0]} ({key[3] or 'geen buurt'}, {key[2]}, {key[4]})": rows
        for key, rows in groups.items()
    }
    cases = ET.SubElement(root, f"{{{ns}}}Cases")
    sources = ET.SubElement(root, f"{{{ns}}}Sources")
    texts: dict[str, str] = {}
    for document, rows in documents.items():
        source_guid = _uuid("source", document)
        case = ET.SubElement(cases, f"{{{ns}}}Case", guid=_uuid("case", document), name=rows[0]["respondent"])
        for column, name in names.items():
            value = ET.SubElement(case, f"{{{ns}}}VariableValue")
            ET.SubElement(value, f"{{{ns}}}VariableRef", targetGUID=_uuid("variable", name))
            ET.SubElement(value, f"{{{ns}}}TextValue").text = rows[0][column]
        ET.SubElement(case, f"{{{ns}}}SourceRef", targetGUID=source_guid)
        member = f"{source_guid}.txt"
        source = ET.SubElement(
            sources, f"{{{ns}}}TextSource", guid=source_guid, name=document, plainTextPath=f"internal://{member}"
        )
        text, position = "", 0
        for row in rows:
            start, end = position, position + len(row["text"])
            attributes = {"guid": _uuid("selection", row["segment_id"]), "name": row["segment_id"]}
            attributes |= {"startPosition": str(start), "endPosition": str(end), "creatingUser": user}
            if row["date"]:
                attributes["creationDateTime"] = f"{row['date']}T00:00:00Z"
            selection = ET.SubElement(source, f"{{{ns}}}PlainTextSelection", attributes)
            coding = ET.SubElement(selection, f"{{{ns}}}Coding", guid=_uuid("coding", row["segment_id"]))
            ET.SubElement(coding, f"{{{ns}}}CodeRef", targetGUID=guids[row["code_id"]])
            text += row["text"] + "\n\n"
            position = len(text)
        texts[member] = text
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", _serialise(root, ns))
        for member, text in texts.items():
            archive.writestr(f"Sources/{member}", text.encode("utf-8"))


def write_qdpx(segments: pd.DataFrame, codebook: pd.DataFrame | None, path: str | Path) -> Path:
    """Write segments and their codebook as a REFI-QDA project (``.qdpx``) for a QDA tool.

    Each document (else each respondent) becomes a ``TextSource`` whose text
    is its quotes, one paragraph each, every quote a ``PlainTextSelection``
    named by its ``segment_id`` and coded with its code. Each becomes a
    ``Case`` too, named by the respondent, with the text variables ``rol``,
    ``buurt`` and ``toestemming``. GUIDs are derived from the data, so the
    same segments always give the same project. :func:`read_segments`
    reads the file back to the same segments.

    Parameters
    ----------
    segments
        A frame as :func:`read_segments` returns it.
    codebook
        A frame as :func:`read_codebook` returns it, or ``None``; codes of
        segments missing from it are added without description.
    path
        The ``.qdpx`` file to write.

    Returns
    -------
    pathlib.Path
        ``path``.

    Examples
    --------
    >>> import tempfile
    >>> from buurtdata.datasets import get_path
    >>> from buurtdata.sources.interviews import read_segments
    >>> segments = read_segments(get_path("hengelo/interviews_fictief.csv"))
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     back = read_segments(write_qdpx(segments, None, Path(folder) / "hengelo.qdpx"))
    >>> sorted(back["segment_id"]) == sorted(segments["segment_id"])
    True
    """
    path = Path(path)
    records = []
    for row in segments.astype(object).where(segments.notna(), None).to_dict("records"):
        day = row.get("date")
        records.append(
            {
                "segment_id": str(row["segment_id"]),
                "document": str(row["document"]) if row.get("document") else "",
                "respondent": str(row["respondent"]),
                "role": str(row.get("role") or ""),
                "code_id": str(row["code_id"]),
                "text": str(row.get("text") or ""),
                "location_raw": str(row.get("location_raw") or ""),
                "date": pd.Timestamp(day).date().isoformat() if day is not None else "",
                "consent": "ja" if row.get("consent") else "nee",
            }
        )
    _write_project(records, _code_pairs(codebook), path)
    return path


def write_qdc(codebook: pd.DataFrame, path: str | Path) -> Path:
    """Write a codebook as a REFI-QDA codebook (``.qdc``): themes on top, sub-codes below.

    Examples
    --------
    >>> import tempfile
    >>> from buurtdata.datasets import get_path
    >>> from buurtdata.sources.interviews import read_codebook
    >>> book = read_codebook(get_path("hengelo/codebook.csv"))
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     back = read_codebook(write_qdc(book, Path(folder) / "codebook.qdc"))
    >>> sorted(back["code_id"]) == sorted(book["code_id"])
    True
    """
    path = Path(path)
    _write_codebook(_code_pairs(codebook), path)
    return path


def _code_pairs(codebook: pd.DataFrame | None) -> list[tuple[str, str]]:
    if codebook is None:
        return []
    pairs = []
    for row in codebook.astype(object).where(codebook.notna(), None).to_dict("records"):
        code = str(row["code_id"])
        theme = str(row.get("theme") or code.split("/")[0])
        # A code whose theme is not the top of its path sits under its theme in the tree.
        pairs.append((code if code.split("/")[0] == theme else f"{theme}/{code}", str(row.get("description") or "")))
    return pairs
