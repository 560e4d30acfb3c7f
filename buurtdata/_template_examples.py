"""The examples in the templates ``buurtdata nieuw`` writes (``segmenten_sjabloon.csv``, ``afspraken_sjabloon.csv``),
of the project's own gemeente.

The shipped templates give the Hengelo sample's buurt codes, postcodes and coordinates; written into an Ermelo or
Amsterdam folder they read as a leftover of another project (sweep 12 places #13). A buurt code and postcode of the
project's first gemeente come from the KWB file at hand (:attr:`buurtdata._kwb_at_hand.Found.examples`); without
one, and for what the KWB does not hold (an address, a point), the examples name no gemeente.
"""

from __future__ import annotations

#: What stands in the shipped templates (the Hengelo sample's), each replaced in a new project's copy.
SAMPLE_CODE = "buurtcode (BU01640101 of 01640101)"
SAMPLE_POSTCODE = "postcode (7557)"
SAMPLE_ADDRESS = "(7553 AB 12;"
SAMPLE_POINT = "(RD 251245 476863, of 52.27026, 6.77132)"
SAMPLE_GEMEENTE = "(Centrum met Deventer ernaast is het Centrum van Deventer)"
SAMPLE_AGREED = "buurtcode (BU01640100)"
#: Examples of no gemeente: a buurt code of the form CBS writes (no gemeente has the code 1234), and the point of
#: the RD grid's origin in Amersfoort, in RD and in degrees.
NEUTRAL_BUURT, NEUTRAL_POSTCODE = "BU12340101", "1234"
NEUTRAL_POINT = "(RD 155000 463000, of 52.15517, 5.38721)"


def segments(text: str, example: tuple[str, str | None] | None, other: str | None) -> str:
    """The segments template ``text`` with the examples of a buurt of the project (``example``: its code and most
    common postcode, or None) and ``other``, a name of a gemeente of the project written beside a place.

    >>> sample = f"{SAMPLE_CODE}, {SAMPLE_POSTCODE}, {SAMPLE_ADDRESS} {SAMPLE_POINT} {SAMPLE_GEMEENTE}"
    >>> segments(sample, ("BU02330000", "3851"), "Ermelo")
    'buurtcode (BU02330000 of 02330000), postcode (3851), (3851 AB 12; (RD 155000 463000, of 52.15517, 5.38721) \
(Centrum met Ermelo ernaast is het Centrum van Ermelo)'
    >>> segments(sample, None, None)[:61]
    'buurtcode (BU12340101 of 12340101), postcode (1234), (1234 AB'
    """
    code, postcode = example or (NEUTRAL_BUURT, None)
    postcode = postcode or NEUTRAL_POSTCODE
    text = text.replace(SAMPLE_CODE, f"buurtcode ({code} of {code[2:]})").replace(
        SAMPLE_POSTCODE, f"postcode ({postcode})"
    )
    text = text.replace(SAMPLE_ADDRESS, f"({postcode} AB 12;").replace(SAMPLE_POINT, NEUTRAL_POINT)
    if other:
        text = text.replace(SAMPLE_GEMEENTE, f"(Centrum met {other} ernaast is het Centrum van {other})")
    return text


def agreements(text: str, example: tuple[str, str | None] | None) -> str:
    """The agreements template ``text`` with the code of a buurt of the project (``example``), or a neutral one."""
    return text.replace(SAMPLE_AGREED, f"buurtcode ({(example or (NEUTRAL_BUURT, None))[0]})")
