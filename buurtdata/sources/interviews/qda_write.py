"""REFI-QDA projects (``.qdpx``) and codebooks (``.qdc``) written for a QDA tool, so a team can go on coding.

Each document (else each respondent) becomes a ``TextSource`` whose text is
its quotes, one paragraph each, every quote a ``PlainTextSelection``. Positions
count UTF-16 code units, as NVivo, ATLAS.ti and MAXQDA count them; the
project's ``origin`` is ``buurtdata``, which :mod:`.qda` reads the same way.
GUIDs are derived from the data, so the same segments always give the same file.
"""

from __future__ import annotations

import uuid
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pandas as pd

from buurtdata._errors import InputFileError
from buurtdata.sources.interviews.qda import CODEBOOK_NAMESPACE, NAMESPACE, _local

#: Case variables :func:`write_qdpx` writes, and the segment column each holds.
CASE_VARIABLES = {
    "rol": "role",
    "locatie": "location_raw",
    "gemeente": "location_gemeente",
    "toestemming": "consent",
    "buurt": "buurt_code",
    "wijk": "wijk_code",
    "thema": "theme",
}


def _uuid(*parts: str) -> str:
    """Return a stable GUID, so that exporting the same data twice gives the same project."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "buurtdata:" + "\x1f".join(parts))).upper()


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _codebook_element(parent: ET.Element, codes: list[tuple[str, str]], ns: str) -> dict[str, str]:
    """Add ``CodeBook/Codes`` for ``(code_id, description)`` pairs; return code_id -> GUID."""
    book = ET.SubElement(parent, f"{{{ns}}}CodeBook")
    top = ET.SubElement(book, f"{{{ns}}}Codes")
    elements: dict[str, ET.Element] = {}
    guids: dict[str, str] = {}
    descriptions = dict(codes)
    for code_id, _ in codes:
        parts = code_id.split("/")
        # Depth first, a code's parent is usually there already; only when it is not are all prefixes walked.
        parent = code_id.rpartition("/")[0]
        for depth in range(len(parts) if parent in elements or not parent else 1, len(parts) + 1):
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
    try:
        return ET.tostring(root, encoding="utf-8", xml_declaration=True)
    except RecursionError:
        # ElementTree writes recursively; only a code tree hundreds of levels deep gets here.
        msg = "the code tree is too deep to write as XML; flatten codes nested more than a few hundred levels."
        raise InputFileError(msg) from None


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
    names = {name: column for name, column in CASE_VARIABLES.items() if any(column in r for r in records)}
    variables = ET.SubElement(root, f"{{{ns}}}Variables")
    for name in names:
        ET.SubElement(variables, f"{{{ns}}}Variable", guid=_uuid("variable", name), name=name, typeOfVariable="Text")
    # A case carries one role, location and consent, so a respondent quoted about two
    # buurten gets one source (and case) per buurt.
    fixed = [c for c in ("role", "location_raw", "consent") if c in names.values()]
    groups: dict[tuple[str, ...], list[dict[str, str]]] = {}
    for record in records:
        key = (
            record["document"] or record["respondent"],
            record["respondent"],
            *(record[c] for c in fixed),
            record.get("location_gemeente", ""),  # the gemeente of the place, too (user test W)
        )
        groups.setdefault(key, []).append(record)
    counts: dict[str, int] = {}
    for key in groups:
        counts[key[0]] = counts.get(key[0], 0) + 1
    documents = {key[0] if counts[key[0]] == 1 else _document_name(key): rows for key, rows in groups.items()}
    cases = ET.SubElement(root, f"{{{ns}}}Cases")
    sources = ET.SubElement(root, f"{{{ns}}}Sources")
    texts: dict[str, str] = {}
    for document, rows in documents.items():
        source_guid = _uuid("source", document)
        case = ET.SubElement(cases, f"{{{ns}}}Case", guid=_uuid("case", document), name=rows[0]["respondent"])
        for name, column in names.items():
            # Themes differ per quote; the case lists every theme its quotes speak to.
            value = (
                "; ".join(dict.fromkeys(r[column] for r in rows if r.get(column)))
                if column == "theme"
                else rows[0].get(column, "")
            )
            if value:
                holder = ET.SubElement(case, f"{{{ns}}}VariableValue")
                ET.SubElement(holder, f"{{{ns}}}VariableRef", targetGUID=_uuid("variable", name))
                ET.SubElement(holder, f"{{{ns}}}TextValue").text = value
        ET.SubElement(case, f"{{{ns}}}SourceRef", targetGUID=source_guid)
        member = f"{source_guid}.txt"
        source = ET.SubElement(
            sources, f"{{{ns}}}TextSource", guid=source_guid, name=document, plainTextPath=f"internal://{member}"
        )
        text = ""
        for row in rows:
            start = _units(text)
            attributes = {"guid": _uuid("selection", row["segment_id"]), "name": row["segment_id"]}
            attributes |= {
                "startPosition": str(start),
                "endPosition": str(start + _units(row["text"])),
                "creatingUser": user,
            }
            if row["date"]:
                attributes["creationDateTime"] = f"{row['date']}T00:00:00Z"
            selection = ET.SubElement(source, f"{{{ns}}}PlainTextSelection", attributes)
            if row.get("text_note"):
                ET.SubElement(selection, f"{{{ns}}}Description").text = row["text_note"]
            coding = ET.SubElement(selection, f"{{{ns}}}Coding", guid=_uuid("coding", row["segment_id"]))
            ET.SubElement(coding, f"{{{ns}}}CodeRef", targetGUID=guids[row["code_id"]])
            text += row["text"] + "\n\n"
        texts[member] = text
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", _serialise(root, ns))
        for member, text in texts.items():
            archive.writestr(f"Sources/{member}", text.encode("utf-8"))


def _document_name(key: tuple[str, ...]) -> str:
    """``Interview B04 (Centrum, Deventer, bewoner, ja)``: one of a document's sources, by what its case holds."""
    place = ", ".join(filter(None, (key[3] or "geen buurt", key[-1])))
    return f"{key[0]} ({place}, {key[2]}, {key[4]})"


def write_qdpx(segments: pd.DataFrame, codebook: pd.DataFrame | None, path: str | Path) -> Path:
    """Write segments and their codebook as a REFI-QDA project (``.qdpx``) for a QDA tool.

    Each document (else each respondent) becomes a ``TextSource`` whose text
    is its quotes, one paragraph each, every quote a ``PlainTextSelection``
    named by its ``segment_id`` and coded with its code (a quote without
    text keeps its ``text_note`` as the selection's ``Description``). Each
    becomes a ``Case`` too, named by the respondent, with the text variables
    of :data:`CASE_VARIABLES` the segments have: ``rol``, ``locatie`` (as
    written), ``gemeente`` (the place's, when a segment has one),
    ``toestemming`` and, once placed and themed, ``buurt``, ``wijk`` and
    ``thema`` (every theme of the case's quotes, ``; `` separated). GUIDs
    are derived from the data, so the same segments always give the same
    project. :func:`read_segments` reads the file back to the
    same segments.

    Parameters
    ----------
    segments
        A frame as :func:`read_segments` returns it, possibly with ``theme``,
        ``buurt_code`` and ``wijk_code`` added.
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
    # The place's gemeente only when a segment has one: a project without it writes no empty variable.
    given = "location_gemeente" in segments.columns and segments["location_gemeente"].notna().any()
    extra = [c for c in ("buurt_code", "wijk_code", "theme") if c in segments.columns]
    extra = ["location_gemeente", *extra] if given else extra
    records = []
    for row in segments.astype(object).where(segments.notna(), None).to_dict("records"):
        day = row.get("date")
        record = {
            "segment_id": str(row["segment_id"]),
            "document": str(row["document"]) if row.get("document") else "",
            "respondent": str(row["respondent"]),
            "role": str(row.get("role") or ""),
            "code_id": str(row["code_id"]),
            "text": str(row.get("text") or ""),
            "text_note": str(row.get("text_note") or ""),
            "location_raw": str(row.get("location_raw") or ""),
            "date": pd.Timestamp(day).date().isoformat() if day is not None else "",
            "consent": "ja" if row.get("consent") else "nee",
        }
        for column in extra:
            record[column] = str(row.get(column) or "")
        records.append(record)
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
