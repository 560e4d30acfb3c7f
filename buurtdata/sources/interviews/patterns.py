"""The address and point patterns shared by placing (:mod:`~buurtdata.sources.interviews.gazetteer`) and scrubbing
(:func:`~buurtdata.sources.interviews.scrub.scrub_text`): what one reads as an address or a point, the other takes
out of quotes, locations and reasons.
"""

from __future__ import annotations

import re

# A run of whitespace is read once (possessive \s*+, \s++, never \s* next to \s+): backtracking into it made
# a quote of many spaces cost quadratic time.
#: A house number as written after a street or PC6 (12, 12a, 12-A, 12 bis, 12-II, 3-5, nr. 12); group 1: its digits.
#: HOUSE_DIGITS: the number without its word before it. ``boven`` or ``beneden`` before an article or the like is where
#: the home is, no part of its number (Oude Markt 12 boven de bakker: sweep12 F3).
HOUSE_DIGITS = (
    r"(\d{1,5})(?:\s?-\s?\d{1,4}|\s?-?\s?(?:(?i:bis|hs|(?:huis|boven|beneden)(?!\s++(?:de|het|een|'t|van|bij|ons"
    r"|onze|mijn|m'n|hun|haar|zijn|z'n|d'r|die|dat|dit|deze)(?![\w'’])))|I{1,3}|IV|VI{0,3})(?![a-zA-Z])"
    r"|\s?-?\s?[a-zA-Z](?![a-zA-Z]))?(?!\d)"
)
_HOUSE_NUMBER = rf"(?i:nr\.?\s*+|nummer\s++|no\.?\s*+)?{HOUSE_DIGITS}"
#: A PC6 postcode with house number, a home address: 7553 SA 12, 7553SA12, 7553-SA-1, 7553sa 4, 7553 SA nr 1.
#: Groups: 1 the digits, 2 the letters (3 when lower case, which only counts glued to the digits), 4 the number. No
#: house number opens with 0: that is a phone number of its own (7553 SA, 06-12345678 left -12345678: sweep12).
#: A written postcode, spaces taken out and in capitals: its 4 digits and, for a PC6, its 2 letters.
_POSTCODE = re.compile(r"([1-9]\d{3})([A-Z]{2})?")
_PC6_ADDRESS = re.compile(
    rf"\b([1-9]\d{{3}})(?:[\s-]?([A-Z]{{2}})|([a-z]{{2}}))(?![A-Za-z])\s*+[,-]?\s*+(?!0){_HOUSE_NUMBER}"
)
_STREET_SUFFIX = (
    "straat|steeg|weg|laan|lanen|plein|singel|gracht|kade|dijk|pad|hof|dreef|baan|park|ring|markt|wal|"
    "plantsoen|erf|allee|boulevard|haven|brink|kamp|horst|stede|hoeve|akker|veld|donk|berg|burg|oord"
)
#: Street names that are a word on their own ("Markt 12"); "weg 2 keer" or "straat 3" are not addresses.
_STREET_ALONE = "markt|plein|brink|singel|gracht|kade|dijk|dreef|plantsoen|boulevard|allee"
_PARTICLE = r"(?:van|de|der|den|het|ter|ten|te|la|le|'t)"
#: Capitalised words that open a sentence rather than a street named after someone ("Op de Hoofdstraat 12").
_NOT_A_NAME = "(?:Op|In|Aan|Bij|Naar|Van|De|Het|Een|Uit|Voor|Achter|Langs|Tegenover|Naast|Om|Over|Ik|We|Wij|Ze|Zij|Hij)"
#: The word a street name ends in; the lookahead (a number follows) spares trying every suffix on every word.
#: It starts at a letter after no letter, hyphen or apostrophe in a word, so that a run of a'a'a' is scanned once.
_STREET_WORD = (
    r"(?<![\w-])(?<![\w-]')(?=[A-Za-zÀ-ÿ'-]+\.?\s*+(?i:(?:nr|nummer|no)\.?\s*+)?\d)[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'-]*?"
)
#: A street with house number: Hoofdstraat 12, Jan van Galenstraat 12a, Burgemeester Jansenlaan 4, Dr. A. Kuyperlaan
#: 3-A (the name's capitalised words and titles too), Dennenstr. 5, Hengelosestr 12, Markt 3.
_STREET_ADDRESS = re.compile(
    rf"(?:\b(?!{_NOT_A_NAME}\b)[A-Z][a-zà-ÿ]*\.?\s++(?:{_PARTICLE}\s++){{0,3}}){{0,3}}"
    rf"(?:{_STREET_WORD}(?:(?i:{_STREET_SUFFIX})\s++|(?i:str)(?:\.\s*+|\s++))|(?<![\w-])(?i:{_STREET_ALONE})\s++)"
    rf"{_HOUSE_NUMBER}"
)
_NUMBER = r"(-?\d{1,7}(?:[.,]\d+)?)"
#: A compass letter of a lat/lon (52.27 N, N 52.27, 6.77 E, 6.77 OL); which number is the latitude is read from them.
_COMPASS = r"(?:NB|OL|N|E|O)"
_ORDINATE = rf"(?:(?:{_COMPASS}|[XY]\s*+[=:])\s*+)?{_NUMBER}°?(?:\s*+{_COMPASS}\b)?"
#: A coordinate pair in upper case, RD or lat/lon, with decimal points or commas: ``52,27026; 6,77132``,
#: ``X=251245 Y=476863``, ``POINT(6.77132 52.27026)``.
_POINT = re.compile(
    rf"(?:RD|XY|LATLON|LONLAT)?\s*+:?\s*+{_ORDINATE}(?:\s*+[,;]\s*+|\s++){_ORDINATE}"
    rf"|POINT\s*+\(\s*+{_ORDINATE}\s++{_ORDINATE}\s*+\)"
)


def _whole_postcode(text: str) -> tuple[str, str | None, str | None] | None:
    """Return the 4 digits, the letters and the house number of ``text`` when all of it is a postcode, with or
    without house number, in any case and spacing; else None.

    >>> _whole_postcode("7553 sa  12"), _whole_postcode("7415tb"), _whole_postcode(" 7415 ")
    (('7553', 'SA', '12'), ('7415', 'TB', None), ('7415', None, None))
    >>> _whole_postcode("bij 7415") is None
    True
    """
    text = " ".join(text.split()).upper()
    if postcode := _POSTCODE.fullmatch(text.replace(" ", "")):
        return postcode[1], postcode[2], None
    if address := _PC6_ADDRESS.fullmatch(text):
        return address[1], address[2], address[4]
    return None


def _coordinates(text: str) -> tuple[float, float, str] | None:
    """Return ``(x, y, crs)`` of a coordinate pair: RD New, or lon/lat in either order; else None."""
    match = _POINT.fullmatch(text.strip().upper())
    if not match:
        return None
    a, b = (float(v.replace(",", ".")) for v in match.groups() if v is not None)
    if 0 < a < 300_000 and 289_000 < b < 629_000:
        return a, b, "EPSG:28992"
    if 50.5 < a < 53.8 and 3.0 < b < 7.5:
        return b, a, "EPSG:4326"
    if 50.5 < b < 53.8 and 3.0 < a < 7.5:
        return a, b, "EPSG:4326"
    return None
