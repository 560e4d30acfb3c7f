"""The Dutch text of each validation rule, for the report's validation page (the English text stays beside it).

Rules are written in English in :mod:`buurtdata.pipeline.validation` (they are the messages a developer
reads); people who read the report read Dutch. Each pattern matches one rule's English text, with its
variable parts (a column, a year, a threshold) as groups.
"""

from __future__ import annotations

import re

from buurtdata._text import count_nl

_RULES: tuple[tuple[str, str], ...] = (
    (
        r"WijkenEnBuurten is a CBS region code .*",
        "WijkenEnBuurten is een CBS-regiocode (NL00, GM0164, WK016401, BU01640101)",
    ),
    (r"each region appears once", "elke regio komt één keer voor"),
    (
        r"(\S+) \(number of inhabitants\) is 0 or more, or a CBS status code \((.*)\)",
        r"\1 (aantal inwoners) is 0 of meer, of een CBS-statuscode (\2)",
    ),
    (r"(\w+) codes match (.*)", r"\1codes hebben de vorm \2"),
    (r"level is land, gemeente, wijk or buurt", "het niveau is land, gemeente, wijk of buurt"),
    (r"no duplicate regions per year and indicator", "geen dubbele regio's per jaar en indicator"),
    (r"no duplicate regions per year", "geen dubbele regio's per jaar"),
    (r"status is one of (.*)", r"de status is een van \1"),
    (r"one figure per year, region and column", "één cijfer per jaar, regio en kolom"),
    (r"shares and percentages lie within 0-100", "aandelen en percentages liggen tussen 0 en 100"),
    (
        r"every share and percentage of a buurt lies within 0-100",
        "elk aandeel en percentage van een buurt ligt tussen 0 en 100",
    ),
    (r"counts are 0 or more", "aantallen zijn 0 of meer"),
    (
        r"plausibility: no figure is (\S+) or lower .*",
        r"aannemelijkheid: geen cijfer is \1 of lager "
        r"(dat is een CBS-statuscode die pipelines/seeds/status_codes.csv niet kent)",
    ),
    (
        r"plausibility: every figure is a finite number below (\S+) \(not inf\)",
        r"aannemelijkheid: elk cijfer is een eindig getal onder \1",
    ),
    (
        r"plausibility: gemiddelde_woz is in thousands of euros \((.*)\)",
        r"aannemelijkheid: gemiddelde_woz staat in duizenden euro's (\1)",
    ),
    (
        r"buurt and wijk inwoners add up to the gemeente within CBS rounding \((\S+) per region\) "
        r"or up to (\S+) short \(residents in no buurt\)",
        r"de inwoners van buurten en wijken tellen op tot die van de gemeente, "
        r"binnen de afronding van het CBS (\1 per regio) of tot \2 minder (inwoners zonder buurt)",
    ),
    (r"buurtcode is a buurt code \((.*)\)", r"buurtcode is een buurtcode (\1)"),
    (r"wijkcode is a wijk code \((.*)\)", r"wijkcode is een wijkcode (\1)"),
    (
        r"every buurt lies in the project's gemeenten \(all of NL\)",
        "elke buurt ligt in een gemeente van het project (heel Nederland)",
    ),
    (
        r"every buurt lies in the project's gemeenten (.*)",
        r"elke buurt ligt in een van de gemeenten van het project (\1)",
    ),
    (r"every buurt lies in the project's gemeente (.*)", r"elke buurt ligt in de gemeente van het project (\1)"),
    (r"each buurt has one polygon", "elke buurt heeft één vlak op de kaart"),
    (r"code is a buurt code", "code is een buurtcode"),
    (r"one row per buurt and theme", "één rij per buurt en thema"),
    (r"one row per buurt", "één rij per buurt"),
    (r"every buurt has a polygon", "elke buurt heeft een vlak op de kaart"),
    (r"(\w+) is 0 or more", r"\1 is 0 of meer"),
    (r"(\w+) lies within 0-100", r"\1 ligt tussen 0 en 100"),
    (r"(\w+) is one of (.*)", r"\1 is een van \2"),
    (r"segment ids are unique", "elk fragment heeft een eigen id"),
    (
        r"every placed segment's buurt exists in the buurt polygons of (\d+)",
        r"de buurt van elk geplaatst fragment bestaat in de buurtkaart van \1",
    ),
    (
        r"a shown theme has at least (\d+) respondents \(privacy threshold\)",
        r"een getoond thema heeft minstens \1 respondenten (privacydrempel)",
    ),
)
_COMPILED = tuple((re.compile(pattern), dutch) for pattern, dutch in _RULES)
#: A number as the English rule writes it with a decimal point, an exponent or a percent sign ("0.5%", "1e+12");
#: whole numbers stay as written, as they are CBS status codes or limits a user compares with the file.
_ENGLISH_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e[+-]?\d+)?%?")


def _number_nl(group: str) -> str:
    """Write ``group`` the Dutch way ("0,5%", "1.000.000.000.000") if it is a number :data:`_ENGLISH_NUMBER` matches."""
    if not _ENGLISH_NUMBER.fullmatch(group) or not any(c in group for c in ".e%"):
        return group
    percent = "%" if group.endswith("%") else ""
    number = float(group.removesuffix("%"))
    if number.is_integer():
        return count_nl(int(number)) + percent
    return group.removesuffix("%").replace(".", ",") + percent


def dutch(rule: str) -> str:
    """Return the Dutch text of a validation rule; a rule without one keeps its English text, marked so."""
    for pattern, text in _COMPILED:
        found = pattern.fullmatch(rule)
        if found:
            return _filled(text, [_number_nl(g or "") for g in found.groups()])
    return f"(Engels) {rule}"


def _filled(text: str, groups: list[str]) -> str:
    """Return ``text`` with its ``\\1``, ``\\2``, ... replaced by ``groups``."""
    return re.sub(r"\\(\d)", lambda ref: groups[int(ref[1]) - 1], text)
