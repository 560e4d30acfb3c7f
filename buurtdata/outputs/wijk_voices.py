"""What people named in a wijk beside its buurten's own themes, said apart from them (``wijk_themes``, 'getoond' only).

A segment placed in a wijk but in no buurt (the location names the wijk, or a name or postcode a buurt shares
with the wijk around it) counts in the wijk's row of ``wijk_themes``, as do the voices too few to show per
buurt. They belong to no one buurt, so a buurt's handout, wall map and notebook row say them apart, as the
wijk's, and never add them to the buurt's own numbers; without them a buurt in a wijk people spoke of would
read "geen stemmen".

Only rows the mart shows are said, with their count: ``wijk_themes`` already withholds a row below the
threshold and a row whose count would size a hidden buurt group by subtraction (README, "Privacy", section 2),
and the build's audit (:mod:`.audit`) checks the published table. A page beside it repeats what the database
shows and tells nothing more.

>>> line("Centrum", ["Eenzaamheid"], [4])
'In de wijk Centrum noemden verder 4 mensen eenzaamheid. Zij spraken over de wijk, of over een buurt waar te \
weinig mensen dat noemden.'
>>> line("Wijk 00 Ermelo", ["Jongeren", "Ontmoeten"], [6, 3], whole=False)
'In Wijk 00 Ermelo noemden verder 6 mensen jongeren en 3 mensen ontmoeten.'
>>> line("Wijk 01 Speuld", ["Wonen", "Horsterwold", "Jongeren"], [5, 3, 3], whole=False)
'In Wijk 01 Speuld noemden verder 5 mensen wonen, 3 mensen Horsterwold en 3 mensen jongeren.'
>>> line("Jordaan", ["Eenzaamheid"], [14], left_out=4, whole=False)
'In de wijk Jordaan noemden verder 14 mensen eenzaamheid, en nog 4 andere thema’s: zie het rapport.'
>>> line("Jordaan", ["Geldzorgen"], [1], whole=False), line("Jordaan", [], [], left_out=2, whole=False)
('In de wijk Jordaan noemde verder 1 persoon geldzorgen.', 'In de wijk Jordaan noemden mensen verder 2 thema’s: \
zie het rapport.')

Each count is said before its own theme, as a person says it; never a list ("5 mensen: Wonen; 3 mensen: ...").
A theme of the questions' seeds (vragen.csv) is a common word and written lower case inside the sentence
("jongeren", "ontmoeten"); a project's own label keeps its capital: it may be a name ("Horsterwold").
"""

from __future__ import annotations

import csv
from collections.abc import Collection
from functools import cache
from typing import TYPE_CHECKING

import pandas as pd

from buurtdata import _resources
from buurtdata._text import REPORT, and_nl, counted, elsewhere, lowered

if TYPE_CHECKING:
    import duckdb

#: What a handout adds when the wijk line says it: these voices are not the buurt's own. The wijk's count holds
#: those placed in the wijk alone and those too few in a buurt to show there (wijk_themes), so it is not "the whole
#: wijk": it is everyone else in the wijk.
NOT_THE_BUURT = "Zij spraken over de wijk, of over een buurt waar te weinig mensen dat noemden."


def named(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[str, int]]]:
    """Per wijk code, the themes ``wijk_themes`` shows for the wijk as a whole, most named first.

    Empty when the database has no ``wijk_themes`` (a project without interviews).
    """
    found = con.execute(
        "select count(*) from information_schema.tables where table_name = 'wijk_themes' "
        "and table_schema = current_schema()"
    ).fetchall()
    if not found[0][0]:
        return {}
    rows = con.execute(
        "select code, theme, respondents from wijk_themes where theme_status = 'getoond' "
        "order by code, respondents desc, theme"
    ).fetchall()
    themes: dict[str, list[tuple[str, int]]] = {}
    for code, theme, respondents in rows:
        themes.setdefault(code, []).append((theme, int(respondents)))
    return themes


@cache
def _common_words() -> frozenset[str]:
    """The themes of the questions' seeds (vragen.csv): common words ("Jongeren", "Ontmoeten"), no names."""
    with (_resources.folder("pipelines") / "seeds" / "vragen.csv").open(encoding="utf-8") as seeds:
        return frozenset(row["name"] for row in csv.DictReader(seeds) if row["part"] == "onderwerp")


def _theme(theme: str) -> str:
    """``theme`` as a running sentence writes it: a seed's common word in lower case, a project's own label as it is
    (a name keeps its capital)."""
    return lowered(theme) if theme in _common_words() else theme


def said(wijk_name: str) -> str:
    """The wijk as a sentence names it: "de wijk Centrum", but "Wijk 01 Speuld" as CBS names it (no "wijk Wijk").

    >>> said("Centrum"), said("Wijk 01 Speuld")
    ('de wijk Centrum', 'Wijk 01 Speuld')
    """
    return wijk_name if wijk_name.lower().startswith("wijk ") else f"de wijk {wijk_name}"


def line(
    wijk_name: str,
    themes: list[str],
    mentions: list[int],
    *,
    left_out: int = 0,
    whole: bool = True,
    own: Collection[str] = (),
) -> str | None:
    """What people named in the wijk beside its buurten's own shown themes, in a sentence to read aloud (themes of
    one count together), or None when they named nothing shown for it.

    ``left_out``: themes of the wijk that gave way on a full page (the sentence says how many). ``whole``: add
    who these people are (a buurt's page): they spoke of the wijk, or of a buurt too few named it in. ``own``: the
    themes too few named in the page's own buurt ('te weinig stemmen'): the wijk's count of such a theme holds
    those few too, so it is the whole wijk's, not "verder" (sweep13 #20: "verder 7 mensen" read as 7 others).

    >>> line("Wijk 00 Ermelo", ["Jongeren", "Wonen"], [7, 3], whole=False, own={"Jongeren"})
    'In heel Wijk 00 Ermelo noemden 7 mensen jongeren; verder noemden daar 3 mensen wonen.'
    >>> line("Centrum", ["Jongeren"], [7], whole=False, own={"Jongeren"})
    'In de hele wijk Centrum noemden 7 mensen jongeren.'
    """
    if not themes and not left_out:
        return None
    wijk = said(wijk_name)
    more = counted(left_out, "thema", "thema’s")
    # Each count before its own theme, as said aloud: a theme of two words ("Groen en openbare ruimte") never runs
    # into the next, and no count reads as the total of the themes left out too.
    each = [
        f"{counted(count, 'persoon', 'mensen')} {_theme(theme)}" for theme, count in zip(themes, mentions, strict=True)
    ]
    whole_wijk = [said for said, theme in zip(each, themes, strict=True) if theme in own]
    rest = [said for said, theme in zip(each, themes, strict=True) if theme not in own]
    # Most named first: a first count of 1 is every count, and the verb agrees with it.
    verb = {True: "noemde", False: "noemden"}
    if whole_wijk:
        everyone = f"heel {wijk_name}" if wijk_name.lower().startswith("wijk ") else f"de hele wijk {wijk_name}"
        text = f"In {everyone} {verb[whole_wijk[0].startswith('1 ')]} {and_nl(whole_wijk)}"
        if rest:
            text += f"; verder {verb[rest[0].startswith('1 ')]} daar {and_nl(rest)}"
    elif themes:
        text = f"In {wijk} {verb[mentions[0] == 1]} verder {', '.join(each) if left_out else and_nl(each)}"
    else:
        text = f"In {wijk} noemden mensen verder {elsewhere(more, REPORT, more=False)}"
    if themes and left_out:
        # Not "named by fewer": a theme named as often as one kept may give way too.
        text += f", en {elsewhere(counted(left_out, 'ander thema', 'andere thema’s'), REPORT)}"
    return f"{text}. {NOT_THE_BUURT}" if whole else f"{text}."


def per_buurt(con: duckdb.DuckDBPyConnection, wijk_codes: pd.Series) -> pd.Series:
    """For each buurt's wijk code, what people named about that wijk as a whole ("Eenzaamheid (4)"), else NA."""
    said = {code: ", ".join(f"{theme} ({count})" for theme, count in themes) for code, themes in named(con).items()}
    return wijk_codes.map(said)
