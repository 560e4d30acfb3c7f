"""Privacy of interview segments: keyed pseudonyms for respondents, contact details out of quotes and locations.

:func:`buurtdata.pipeline.run` applies these in this order: respondents
pseudonymised (:func:`pseudonymise`), quotes scrubbed (:func:`scrub_quotes`,
with the project's ``[privacy] names``), addresses out of the written
locations (:func:`scrub_locations`).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

import pandas as pd

from buurtdata import settings
from buurtdata._errors import BuurtdataError
from buurtdata.sources.interviews.places import _PC6_ADDRESS, _coordinates


def pseudonymise(segments: pd.DataFrame, key: bytes) -> pd.DataFrame:
    """Return the segments with each respondent replaced by a keyed pseudonym.

    The pseudonym is ``R-`` plus the first 10 hex characters of
    HMAC-SHA256(key, respondent): stable for one key, not reversible
    without it. Keep the key out of any output (see :func:`load_or_create_key`).

    Parameters
    ----------
    segments
        A frame with a ``respondent`` column.
    key
        The secret, as bytes; :func:`load_or_create_key` gives a random 32-byte one.

    Examples
    --------
    >>> pseudonymise(pd.DataFrame({"respondent": ["HGL-B01"]}), b"0123456789abcdef")["respondent"].tolist()
    ['R-7863f0c231']
    """
    if not isinstance(key, bytes) or not key:
        msg = f"The pseudonym key must be non-empty bytes, not {type(key).__name__}; use load_or_create_key()."
        raise BuurtdataError(msg)
    out = segments.copy()
    out["respondent"] = out["respondent"].map(
        lambda r: "R-" + hmac.new(key, str(r).strip().encode(), hashlib.sha256).hexdigest()[:10],
        na_action="ignore",
    )
    return out


def load_or_create_key(path: str | Path | None = None) -> bytes:
    """Return the pseudonym key, creating a random 32-byte key file if there is none.

    Parameters
    ----------
    path
        The key file; ``None`` means :data:`buurtdata.settings.key_file`.
        A new file is readable by its owner only (mode 0600).

    Raises
    ------
    BuurtdataError
        When an existing key file holds fewer than 16 bytes.
    """
    path = Path(path) if path is not None else settings.key_file
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".key-")  # mode 0600
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(os.urandom(32))
            # link() fails if another process created the key first; then both use that one.
            os.link(temporary, path)
        except FileExistsError:
            pass
        finally:
            os.unlink(temporary)
    key = path.read_bytes()
    if len(key) < 16:
        msg = (
            f"{path} holds {len(key)} bytes, too few for a pseudonym key (at least 16); restore the original key, "
            "or delete the file to create a new one (pseudonyms will then change)."
        )
        raise BuurtdataError(msg)
    return key


def scrub_quotes(segments: pd.DataFrame, *, names: Iterable[str] = ()) -> pd.DataFrame:
    """Return the segments with contact details and given names in ``text`` replaced by placeholders.

    Replaces, in this order, e-mail addresses by ``[e-mail]``, a postcode
    with house number (``7551 AB 12``) by ``[adres]``, Dutch phone numbers
    (``06-12345678``, ``074-1234567``, ``+31 6 12345678``) by ``[telefoon]``
    and each of ``names`` (whole words, any case) by ``[naam]``. Names
    nobody listed are not found: read the quotes before publishing them.

    Parameters
    ----------
    segments
        A frame with a ``text`` column, e.g. from :func:`read_segments`.
    names
        Names of people (first names, surnames or both) to remove.

    Examples
    --------
    >>> quotes = pd.DataFrame({"text": ["Bel Anja op 06-12345678 of mail anja@example.nl."]})
    >>> scrub_quotes(quotes, names=["Anja"])["text"].tolist()
    ['Bel [naam] op [telefoon] of mail [e-mail].']
    """
    scrub = _scrubber(names)
    out = segments.copy()
    out["text"] = out["text"].map(scrub, na_action="ignore").astype(segments["text"].dtype)
    return out


def _scrubber(names: Iterable[str]) -> Callable[[object], object]:
    """Return a function replacing e-mail, address, phone and ``names`` in a text by placeholders."""
    patterns = [(_EMAIL, "[e-mail]"), (_ADDRESS, "[adres]"), (_PHONE, "[telefoon]")]
    listed = sorted({n.strip() for n in names if n and n.strip()}, key=len, reverse=True)
    if listed:
        alternatives = "|".join(re.escape(n) for n in listed)
        patterns.append((re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE), "[naam]"))

    def scrub(text: object) -> object:
        if not isinstance(text, str):
            return text
        for pattern, placeholder in patterns:
            text = pattern.sub(placeholder, text)
        return text

    return scrub


def scrub_locations(segments: pd.DataFrame, *, names: Iterable[str] = ()) -> pd.DataFrame:
    """Return the segments with house numbers, coordinates and contact details taken out of ``location_raw``.

    Once a segment is placed its written location is only needed to fix
    the unplaced ones, and a postcode with house number or a point is a
    home address: ``7553 SA 12`` becomes ``7553 SA [huisnummer]``, a
    coordinate pair ``[coördinaten]``; other text is scrubbed as
    :func:`scrub_quotes` does (``bij Anja`` -> ``bij [naam]``).

    Examples
    --------
    >>> scrub_locations(pd.DataFrame({"location_raw": ["7553 SA 12", "RD 251245 476863", "bij Anja"]}), names=["Anja"])[
    ...     "location_raw"].tolist()
    ['7553 SA [huisnummer]', '[coördinaten]', 'bij [naam]']
    """
    scrub_text = _scrubber(names)

    def scrub(text: object) -> object:
        if not isinstance(text, str):
            return text
        if _coordinates(text) is not None:
            return "[coördinaten]"
        address = _PC6_ADDRESS.fullmatch(text.strip().upper())
        return f"{address[1]} {address[2]} [huisnummer]" if address else scrub_text(text)

    out = segments.copy()
    out["location_raw"] = out["location_raw"].astype(object).map(scrub, na_action="ignore")
    return out


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_ADDRESS = re.compile(r"\b[1-9]\d{3}\s?[A-Z]{2}\s+\d+(?:\s?[a-zA-Z](?!\w)|-\d+)?")
_PHONE = re.compile(r"(?:\+31|\b0031)[\s-]?(?:\(0\)[\s-]?)?\d(?:[\s-]?\d){8}\b|\b0\d(?:[\s-]?\d){8}\b")
