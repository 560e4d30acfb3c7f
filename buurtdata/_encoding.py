"""Text files as people in the Netherlands save them: UTF-8, or cp1252 where Excel or Notepad on Windows saved them
("CSV (gescheiden door lijstscheidingsteken)"). One rule for every file a user writes by hand: interview tables,
agreements, names lists.
"""

from __future__ import annotations

import re

#: A UTF-8 sequence of two to four bytes: text that is UTF-8 in part (pasted in from elsewhere) is no cp1252 file.
UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def decoded(data: bytes) -> tuple[str, str]:
    """Return the text of ``data`` and how it was read: ``"utf-8"`` (a byte order mark dropped) or ``"cp1252"``.

    Raises UnicodeDecodeError (at the first byte that is no UTF-8) when it is neither, or when it mixes the two,
    which no reading gets right.

    >>> decoded("Ĳssel".encode()), decoded("café".encode("cp1252"))
    (('Ĳssel', 'utf-8'), ('café', 'cp1252'))
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
