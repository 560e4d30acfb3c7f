"""The zip of a REFI-QDA project (``.qdpx``) opened safely: each member checked (no path outside the archive, no
zip bomb, no password) before anything is unpacked, and untrusted XML parsed through defusedxml. Split off
:mod:`.qda`, which reads the project."""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree as ET
from xml.parsers.expat import errors as expat_errors

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from buurtdata._errors import InputFileError, ValidationError

#: expat's "no element found" and "unclosed token": a file cut off in a save, download or copy.
_CUT_OFF = {expat_errors.codes[e] for e in (expat_errors.XML_ERROR_NO_ELEMENTS, expat_errors.XML_ERROR_UNCLOSED_TOKEN)}


def parse_xml(data: bytes, source: str, *, what: str = "codebook") -> ET.Element:
    """Return the root of untrusted XML, refusing DTD entities and external references; ``what`` to export again."""
    if not data.strip():
        msg = f"{source} is empty; export the {what} again from your QDA tool."
        raise InputFileError(msg)
    if data.startswith(b"PK\x03\x04"):
        msg = f"{source} is a zip archive, not XML: a REFI-QDA project (.qdpx); read it as one."
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
        cut = " it stops before its XML is complete: it was cut off;" if exc.code in _CUT_OFF else ""
        msg = f"{source}, line {line}, column {column}: malformed XML ({exc});{cut} export the {what} again."
        raise InputFileError(msg) from None


def is_zip(path: Path) -> bool:
    with path.open("rb") as file:
        return file.read(4) == b"PK\x03\x04"


class Archive:
    """An opened ``.qdpx``: its members checked before anything is unpacked, none larger than ``max_member``
    bytes, all together no more than ``max_total`` (:data:`.qda.MAX_MEMBER_BYTES`, :data:`.qda.MAX_TOTAL_BYTES`)."""

    def __init__(self, path: Path, *, max_member: int, max_total: int) -> None:
        self.path = path
        if path.stat().st_size == 0:
            msg = f"{path} is empty; export the project again from your QDA tool (File > Export > REFI-QDA project)."
            raise InputFileError(msg)
        try:
            self.zip = zipfile.ZipFile(path)
        except zipfile.BadZipFile:
            msg = f"{path} is not a zip archive, so not a REFI-QDA project (.qdpx); export it again from the QDA tool."
            raise InputFileError(msg) from None
        if any(info.flag_bits & 0x1 for info in self.zip.infolist()):
            self.zip.close()
            msg = (
                f"{path} is protected with a password (an encrypted zip), so it cannot be read; export the project "
                "again from the QDA tool without a password, and share it only along a safe route."
            )
            raise InputFileError(msg)
        problems, self.members, total = [], {}, 0
        for info in self.zip.infolist():
            name = info.filename
            parts = PurePosixPath(name.replace("\\", "/")).parts
            if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":") or ".." in parts:
                problems.append(
                    f"{path}, member {name!r}: points outside the archive (absolute path or '..'); refused."
                )
            if info.file_size > max_member:
                problems.append(
                    f"{path}, member {name!r}: {info.file_size} bytes uncompressed, more than {max_member}; "
                    "refused (a zip bomb?). Split the project or raise "
                    "buurtdata.sources.interviews.qda.MAX_MEMBER_BYTES."
                )
            total += info.file_size
            self.members[name.replace("\\", "/")] = info
        if total > max_total:
            problems.append(f"{path}: {total} bytes uncompressed in all, more than {max_total}; refused.")
        if problems:
            self.zip.close()
            raise ValidationError(problems)

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *_: object) -> None:
        self.zip.close()

    def find(self, member: str) -> zipfile.ZipInfo | None:
        return self.members.get(member) or next(
            (i for n, i in self.members.items() if n.lower() == member.lower()), None
        )

    def read(self, info: zipfile.ZipInfo) -> bytes:
        try:
            return self.zip.read(info)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, RuntimeError) as exc:
            # RuntimeError: zipfile's answer to a member that needs a password.
            msg = (
                f"{self.path}, member {info.filename!r}: cannot be unpacked ({type(exc).__name__}: {exc}); "
                "the archive is damaged, export the project again."
            )
            raise InputFileError(msg) from None

    def project_root(self) -> ET.Element:
        qde = next((n for n in self.members if n.lower() == "project.qde"), None)
        if qde is None:
            inside = [n for n in self.members if n.lower().endswith("/project.qde") and not n.startswith("__MACOSX/")]
            if len(inside) == 1:
                msg = (
                    f"{self.path} holds project.qde inside the folder {inside[0][: -len('project.qde')]!r}, not at "
                    "the top: a folder was zipped. Export the project from the QDA tool as a REFI-QDA project "
                    "(.qdpx), or zip what is inside the folder (project.qde and Sources), not the folder."
                )
                raise InputFileError(msg)
            msg = (
                f"{self.path} has no project.qde; it holds "
                f"{', '.join(sorted(self.members)) or 'nothing'}. Is it a .qdpx?"
            )
            raise InputFileError(msg)
        return parse_xml(self.read(self.members[qde]), f"{self.path}!project.qde", what="project")
