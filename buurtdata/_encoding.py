"""Text files as people in the Netherlands save them: UTF-8, cp1252 where Excel or Notepad on Windows saved them
("CSV (gescheiden door lijstscheidingsteken)"), or Mac Roman where Excel on a Mac saved "CSV (Macintosh)" or
"Comma Separated Values". One rule for every file a user writes by hand: interview tables, agreements, names lists.
"""

from __future__ import annotations

import re
from pathlib import Path

from buurtdata._errors import InputFileError, where

#: UTF-8 of the characters Dutch text holds beyond ASCII (é, ë, ï: Ã© as cp1252 reads it; quotes, dashes and the
#: ellipsis: â€œ): text that holds these is UTF-8 in part (pasted in from elsewhere), no cp1252 file. Any other
#: two bytes above 127 are cp1252 text as it is written ("café…”": é, then … and ”).
UTF8_SEQUENCE = re.compile(rb"\xc3[\x80-\xbf]|\xe2\x80[\x90-\xbf]|\xe2\x82\xac")


#: Letters with a diacritic that Dutch writes (inside a word; é and è may start one: één, èn), and the typography
#: (’s avonds, “quotes”, –, …, €) Word and Excel put in. :func:`_dutch_likeness` counts them.
_DUTCH_LETTERS = frozenset("éëïöüèç")
_OTHER_LETTERS = frozenset("áàâäíìîóòôúùûñ")
_TYPOGRAPHY = frozenset("’“”–—…€")


def _dutch_likeness(text: str, *, strict: bool = False) -> float:
    """Score how much the characters beyond ASCII of ``text`` look like Dutch as it is written: a letter with a
    diacritic inside a word or typography counts for, a capital inside a word or a symbol (``Ž``, ``Õ``, ``√``)
    against. Text of a file read with the wrong code page scores low: Mac Roman's ``é`` reads ``Ž`` in cp1252,
    cp1252's ``é`` reads ``È`` in Mac Roman. ``strict``: any character that counts against makes it ``-inf``.

    >>> raw = "café één, ’s avonds financiële".encode("mac_roman")
    >>> _dutch_likeness(raw.decode("mac_roman")) > _dutch_likeness(raw.decode("cp1252"))
    True
    >>> raw = "‘ja’, naïef, auto’s, één € 5".encode("cp1252")
    >>> _dutch_likeness(raw.decode("cp1252")) > _dutch_likeness(raw.decode("mac_roman"))
    True
    """
    score = 0.0
    for found in re.finditer(r"[^\x00-\x7f]", text):
        char, at = found.group(), found.start()
        before = text[at - 1] if at else " "
        after = text[at + 1] if at + 1 < len(text) else " "
        if char in _TYPOGRAPHY:
            score += 1.5
        elif char in _DUTCH_LETTERS:
            score += 2 if before.isalpha() or char in "éè" else 0
        elif char in _OTHER_LETTERS:
            score += 0.5
        elif char == "‘":
            continue
        elif char.isalpha() and char.isupper() and not before.isalpha() and after.islower():
            continue  # a capital starting a word: Één, Ésther
        elif strict:
            return float("-inf")
        else:
            score -= 1
    return score


def decoded(data: bytes) -> tuple[str, str]:
    """Return the text of ``data`` and how it was read: ``"utf-8"`` (a byte order mark dropped), ``"cp1252"``, or
    ``"mac_roman"`` when that reads as Dutch better than cp1252 does (:func:`_dutch_likeness`; Excel on a Mac).

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
                windows = data.decode("cp1252")
            except UnicodeDecodeError:
                # Bytes cp1252 leaves undefined (0x81, 0x8d, 0x8f, 0x90, 0x9d) are è and ê in Mac Roman.
                windows = None
            mac = data.decode("mac_roman")  # every byte is a character in Mac Roman
            if windows is not None and _dutch_likeness(windows) >= _dutch_likeness(mac):
                return windows, "cp1252"
            # Where cp1252 cannot read the file, Mac Roman only when nothing of it reads oddly (a capital or symbol
            # inside a word): a file of neither is refused, not read as a guess.
            if windows is not None or _dutch_likeness(mac, strict=True) > 0:
                return mac, "mac_roman"
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
