"""Text files as people in the Netherlands save them: UTF-8, or cp1252 where Excel or Notepad on Windows saved them
("CSV (gescheiden door lijstscheidingsteken)"). One rule for every file a user writes by hand: interview tables,
agreements, names lists.
"""

from __future__ import annotations

import re
from pathlib import Path

from buurtdata._errors import InputFileError, where

#: UTF-8 of the characters Dutch text holds beyond ASCII (é, ë, ï: Ã© as cp1252 reads it; quotes, dashes and the
#: ellipsis: â€œ): text that holds these is UTF-8 in part (pasted in from elsewhere), no cp1252 file. Any other
#: two bytes above 127 are cp1252 text as it is written ("café…”": é, then … and ”).
UTF8_SEQUENCE = re.compile(rb"\xc3[\x80-\xbf]|\xe2\x80[\x90-\xbf]|\xe2\x82\xac")


def decoded(data: bytes) -> tuple[str, str]:
    """Return the text of ``data`` and how it was read: ``"utf-8"`` (a byte order mark dropped) or ``"cp1252"``.

    Raises UnicodeDecodeError (at the first byte that is no UTF-8) when it is neither, or when it mixes the two,
    which no reading gets right.

    >>> decoded("Ĳssel".encode()), decoded("café".encode("cp1252")), decoded("café…” en één".encode("cp1252"))[1]
    (('Ĳssel', 'utf-8'), ('café', 'cp1252'), 'cp1252')
    >>> decoded("café".encode() + "één".encode("cp1252"))
    Traceback (most recent call last):
    UnicodeDecodeError: 'utf-8' codec can't decode byte 0xe9 in position 5: invalid continuation byte
    """
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as error:
        if UTF8_SEQUENCE.search(data) is None:
            try:
                return data.decode("cp1252"), "cp1252"
            except UnicodeDecodeError:
                pass
        raise error from None


def undecodable(path: str | Path, data: bytes, start: int, *, rows: bool = True) -> InputFileError:
    """The error for a file :func:`decoded` cannot read (``start``: its first byte that is no UTF-8): where (by
    ``row``, or by ``line`` where the file's lines are not all rows), which byte, why it is no cp1252 either when
    so, and how to save it.

    >>> str(undecodable("a.csv", "x\\ncafé".encode() + b"\\xe9", 7)).split("; ")[:2]
    ['a.csv, row 2: not UTF-8 (byte 0xe9)', 'it holds UTF-8 text too, so it is no cp1252 either']
    """
    line = data[:start].count(b"\n") + 1
    why = "; it holds UTF-8 text too, so it is no cp1252 either" if UTF8_SEQUENCE.search(data) else ""
    at = where(path, line) if rows else f"{path}, line {line}"
    return InputFileError(f"{at}: not UTF-8 (byte {data[start]:#x}){why}; in Excel use 'Save as' > 'CSV UTF-8'.")
