"""Text files as people in the Netherlands save them: UTF-8, cp1252 where Excel or Notepad on Windows saved them
("CSV (gescheiden door lijstscheidingsteken)"), or Mac Roman where Excel on a Mac saved "CSV (Macintosh)" or
"Comma Separated Values". One rule for every file a user writes by hand: interview tables, agreements, names lists.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

from buurtdata._errors import InputFileError, where

#: UTF-8 of the characters Dutch text holds beyond ASCII (é, ë, ï: Ã© as cp1252 reads it; quotes, dashes and the
#: ellipsis: â€œ): text that holds these is UTF-8 in part (pasted in from elsewhere), no cp1252 file. Any other
#: two bytes above 127 are cp1252 text as it is written ("café…”": é, then … and ”).
UTF8_SEQUENCE = re.compile(rb"\xc3[\x80-\xbf]|\xe2\x80[\x90-\xbf]|\xe2\x82\xac")


#: Letters with a diacritic that Dutch writes (inside a word; é and è may start one: één, èn).
_DUTCH_LETTERS = frozenset("éëïöüèçáàâê")
#: Characters beyond ASCII that Dutch text holds outside a word too: Word's and Excel's typography, •, ™, °, NBSP.
_TYPOGRAPHY = frozenset("‘’“”–—…€•™°\xa0«»©®§±½¼¾²³·×")
_HIGH_RUN = re.compile(rb"[\x80-\xff]+")
#: The runs of bytes beyond ASCII :func:`_votes` looks at: the evidence is in the first few thousand, and scoring
#: every one of a million-row file (a Python loop) took 2.6 times as long as reading it.
_RUNS_LOOKED_AT = 5000


def _letter_in_word(text: str, at: int) -> bool:
    """Whether the letter at ``at`` of ``text`` sits in a word as a Dutch letter with a diacritic does: after a
    letter, or é/è before one (één, èn)."""
    return text[at - 1].isalpha() or (text[at] in "éè" and text[at + 1].isalpha())


def _odd_capital(text: str, at: int) -> bool:
    """Whether ``text[at]`` is a capital right after a lowercase letter and not before another capital: ``cafŽ``,
    ``autoÕs``, ``cafÈ``, the sign of a file read with the wrong code page. A capital at the start of a word
    (Émile) or in a word of capitals (CAFÉ, ÉÉN, ÖZTÜRK) is how it is written."""
    char = text[at]
    return char.isupper() and text[at - 1].islower() and not text[at + 1].isupper()


def _votes(data: bytes) -> tuple[int, int, int]:
    """Count, over the bytes beyond ASCII of ``data`` in their context, the evidence for cp1252 and for Mac Roman,
    and how many Mac Roman reads as neither a Dutch letter nor typography (a file of neither); in the first
    :data:`_RUNS_LOOKED_AT` runs of such bytes.

    Mac Roman counts only on positive evidence: a Dutch letter with a diacritic inside a word where cp1252 reads
    no lowercase letter (``café`` that cp1252 reads ``cafŽ``), ``’s``/``’t``/``’n`` (cp1252: ``Õs``), or a capital
    cp1252 puts after a lowercase letter. cp1252 counts likewise: its Dutch letters inside a word, its ``’`` in
    ``auto’s``, and the capitals Mac Roman would put inside a word (``cafÈ``).
    """
    windows = mac = odd = 0
    for found in itertools.islice(_HIGH_RUN.finditer(data), _RUNS_LOOKED_AT):
        start, end = found.span()
        window = data[max(start - 1, 0) : end + 2]
        lead = 1 if start else 0
        # One space of padding either side, so that every character has neighbours.
        win = " " + window.decode("cp1252", errors="replace") + "  "
        apple = " " + window.decode("mac_roman") + "  "
        for at in range(lead + 1, lead + 1 + end - start):
            w, m = win[at], apple[at]
            if m in _DUTCH_LETTERS and _letter_in_word(apple, at) and not (w.isalpha() and w.islower()):
                mac += 1
            elif m == "’" and apple[at + 1] in "stn" and not apple[at + 2].isalpha():
                mac += 1
            elif _odd_capital(win, at):
                mac += 1
            if w in _DUTCH_LETTERS and _letter_in_word(win, at) and not (m.isalpha() and m.islower()):
                windows += 1
            elif w == "’" and (win[at - 1].isalpha() or win[at + 1] in "stn"):
                windows += 1
            elif _odd_capital(apple, at):
                windows += 1
            if not (m in _DUTCH_LETTERS or m in _TYPOGRAPHY or (m.isalpha() and not _odd_capital(apple, at))):
                odd += 1
    return windows, mac, odd


def decoded(data: bytes) -> tuple[str, str]:
    """Return the text of ``data`` and how it was read: ``"utf-8"`` (a byte order mark dropped), ``"cp1252"``, or
    ``"mac_roman"`` when there is more evidence for it than for cp1252 (:func:`_votes`; Excel on a Mac).

    Raises UnicodeDecodeError (at the first byte that is no UTF-8) when it is neither, or when it mixes the two,
    which no reading gets right.

    >>> decoded("Ĳssel".encode()), decoded("café".encode("cp1252")), decoded("café…” en één".encode("cp1252"))[1]
    (('Ĳssel', 'utf-8'), ('café', 'cp1252'), 'cp1252')
    >>> decoded("ÉÉN CAFÉ • ™".encode("cp1252"))[1], decoded("één café, ’s avonds".encode("mac_roman"))[1]
    ('cp1252', 'mac_roman')
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
            votes_windows, votes_mac, odd = _votes(data)
            if windows is not None and votes_windows >= votes_mac:
                return windows, "cp1252"
            # Where cp1252 cannot read the file, Mac Roman only when nothing of it reads oddly (a capital or symbol
            # inside a word): a file of neither is refused, not read as a guess.
            if (windows is not None or odd == 0) and votes_mac > 0:
                return data.decode("mac_roman"), "mac_roman"  # every byte is a character in Mac Roman
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


def is_utf8(data: bytes) -> bool:
    """Tell whether ``data`` is valid UTF-8, checked by Arrow in place: the text itself is made only if needed."""
    import numpy as np  # imported here: the other readers of this module need neither
    import pyarrow as pa

    offsets = pa.py_buffer(np.array([0, len(data)], np.int64))
    try:
        pa.LargeStringArray.from_buffers(1, offsets, pa.py_buffer(data)).validate(full=True)
    except pa.ArrowInvalid:
        return False
    return True
