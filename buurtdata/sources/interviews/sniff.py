"""What a file handed over as a spreadsheet really is, told from its first bytes: a web page saved as ``.xls``, a
workbook with a password, an Excel 97-2003 workbook. Each reader says so, with the fix, instead of a parser's
complaint about a zip or a header."""

from __future__ import annotations

import re
from pathlib import Path

#: The first bytes of an OLE2 compound file: an Excel 97-2003 workbook, or an XLSX encrypted with a password.
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML = re.compile(rb"<(?:!doctype\s+html|html|table)\b", re.IGNORECASE)
#: Excel's "XML Spreadsheet 2003".
_SPREADSHEET_XML = re.compile(rb"<(?:\w+:)?Workbook\b")


def disguised(path: Path) -> str | None:
    """Say what ``path`` is when it is no CSV or XLSX although named so (its cause and fix), else None.

    >>> import tempfile
    >>> page = Path(tempfile.mkdtemp()) / "export.xls"
    >>> _ = page.write_text("<html><body><table><tr><td>FICTIEF</td></tr></table></body></html>")
    >>> disguised(page).split(";")[0]
    'is a web page (HTML) under a spreadsheet name, as some tools export a table'
    """
    with path.open("rb") as file:
        return disguised_head(file.read(_HEAD))


#: How many first bytes tell what a file is.
_HEAD = 512


def disguised_head(data: bytes) -> str | None:
    """:func:`disguised` of a file whose bytes (or first bytes) are ``data``: for a reader that holds them already."""
    head = data[:_HEAD]
    if head.startswith(_OLE):
        return (
            "is a workbook protected with a password (encrypted), or an old Excel 97-2003 workbook (.xls); open it "
            "in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password: empty) and save "
            "it as .xlsx (Excel Workbook) or as CSV UTF-8"
        )
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if text.startswith(b"<") and _SPREADSHEET_XML.search(head):
        return (
            "is an Excel XML Spreadsheet 2003, no .xlsx workbook; open it in Excel and save it as .xlsx (Excel "
            "Workbook) or as CSV UTF-8"
        )
    if text.startswith(b"<") and _HTML.search(head):
        return (
            "is a web page (HTML) under a spreadsheet name, as some tools export a table; open it in Excel (or "
            "LibreOffice) and save it as .xlsx (Excel Workbook) or as CSV UTF-8"
        )
    return None
