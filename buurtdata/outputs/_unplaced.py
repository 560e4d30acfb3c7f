"""Why an interview segment was not placed in a buurt, in Dutch: the notebooks count segments by it and
``niet_geplaatste_fragmenten.csv`` gives it beside the full reason (English, like every column of the data).

:func:`write_unplaced` writes that list, the same for a report and for ``buurtdata handouts``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from buurtdata._spreadsheet import write_csv
from buurtdata.pipeline import rounds, scope
from buurtdata.sources.interviews.gemeente_column import SET_APART
from buurtdata.sources.interviews.unplaced_names import SENTENCE_REASON
from buurtdata.sources.interviews.wording import WITH_WIJK

if TYPE_CHECKING:
    from buurtdata import pipeline

#: The file that lists the segments placed in no buurt, beside the report or the handouts.
UNPLACED = "niet_geplaatste_fragmenten.csv"
#: The file that lists the places read as a buurt they are spelt almost like, beside :data:`UNPLACED`.
READ_AS = "gelezen_als.csv"

#: Dutch words for the kinds of reason a segment stayed unplaced (the full reason is in the CSV).
_UNPLACED_REASONS = {
    "empty": "geen plaats opgegeven",
    "no match": "plaats niet gevonden in deze gemeente",
    "ambiguous": "plaats kan meer dan één buurt zijn (niet gegokt)",
    "outside gemeente": "buiten de gemeente",
    "coordinates": "coördinaten zonder buurtgrenzen",
    # A segment of a gemeente a build of many gemeenten refused (gemeenten.csv says why).
    "gemeente not built": "gemeente niet meegenomen (zie gemeenten.csv)",
}
#: A reason that names a gemeente after the place that is not the project's: the place is outside the project.
_OTHER_GEMEENTE = re.compile(r"^no match: '.*' is (?:not the project's gemeente|none of) ")
#: A segment whose buurt is uncertain but whose wijk is not: placed in the wijk (whatever kind its reason starts
#: with, as "ambiguous between ...: placed in the wijk only").
_WIJK_ONLY, _IN_WIJK = "placed in the wijk only", "alleen de wijk is bekend"
#: A name that is a buurt and the wijk around it ('Hoorn' on Terschelling, in 'Wijk 04 Hoorn'): the name written is
#: the buurt's, so "write the buurt's name" sent a team round in a circle (sweep 14 F8); the buurt's code places it.
_BUURT_AND_WIJK, _BUURT_OR_WIJK = (
    "the name is both a buurt and the wijk around it",
    "kan de buurt of de hele wijk zijn (niet gegokt)",
)
_BUURT_CODE = re.compile(r"write the buurt code \((BU\w+)\)")

#: A place that is the project's gemeente itself, or a buurt and the gemeente of one name (user test "any
#: gemeente": "Beek", "Bunschoten"): not "another buurt" nor "not found".
_WHOLE_GEMEENTE = {
    "is the whole gemeente, not a wijk or buurt": "de hele gemeente, geen buurt of wijk",
    "a segment about the whole gemeente is placed in none": "kan de buurt of de hele gemeente zijn (niet gegokt)",
}

#: A place its own gemeente column decided (user test W; ``sources.interviews.gemeente_column``), by a pattern of
#: its reason, checked in this order: the place is not in that gemeente, lies in another, or the column names none.
#: Said as the gemeente *beside* the place (erbij): a spreadsheet's column, a .qdpx's variable.
_GEMEENTE_COLUMN = {
    r"^no match: .*\(the column gemeente\); '.*' alone is ": ("deze plaats is er niet in de gemeente die erbij staat"),
    # Review AD 8: 'Centrum' beside 'Hengelo (Gld)', looked up in Bronckhorst's village Hengelo alone.
    "^" + SET_APART: "deze plaats is er niet in de gemeente die erbij staat",
    r"^outside gemeente: .*; the column gemeente says ": ("de plaats ligt in een andere gemeente dan die erbij staat"),
    r"^no match: '.* in the column gemeente is ": "wat erbij staat als gemeente is geen gemeente van dit project",
}

#: A location that reads as a sentence (:data:`.unplaced_names.SENTENCE_REASON`): a quote in the location column.
_SENTENCE = "de plaats leest als een zin: staan citaat en plaats in elkaars kolom?"

#: The same, where a project covers many gemeenten (a place is looked up in all of them).
_UNPLACED_MANY = {
    "no match": "plaats niet gevonden in de gemeenten van dit project",
    "outside gemeente": "buiten de gemeenten van dit project",
}


#: Per Dutch reason, what the professional does to place the segment, mostly what to write in the interviews file
#: (column ``herstel`` of :data:`UNPLACED`; user test T: the report said the list tells how to fix each, but only
#: its English ``reason`` did).
_BUURT = "de buurtnaam of de buurtcode (BU...)"
_ELSEWHERE = "gaat het over een andere gemeente, dan is het goed zo; anders: schrijf een buurt"
FIXES = {
    "geen plaats opgegeven": f"vul de plaats in: {_BUURT}",
    "plaats niet gevonden in deze gemeente": f"kijk of de naam goed gespeld is, of schrijf {_BUURT}",
    "plaats niet gevonden in de gemeenten van dit project": f"kijk of de naam goed gespeld is, of schrijf {_BUURT}",
    "plaats kan meer dan één buurt zijn (niet gegokt)": f"schrijf welke buurt het is: {_BUURT}",
    "buiten de gemeente": f"{_ELSEWHERE} van deze gemeente",
    "buiten de gemeente van dit project": f"{_ELSEWHERE} van deze gemeente",
    "buiten de gemeenten van dit project": f"{_ELSEWHERE} van het project",
    "coördinaten zonder buurtgrenzen": f"geef het project buurtgrenzen ([boundaries]), of schrijf {_BUURT}",
    "gemeente niet meegenomen (zie gemeenten.csv)": (
        "gemeenten.csv zegt waarom; herstel dat en maak het rapport of de handouts opnieuw"
    ),
    _IN_WIJK: f"schrijf {_BUURT} in plaats van de wijk",
    _BUURT_OR_WIJK: "gaat het over de buurt zelf, schrijf dan de buurtcode (BU...); anders is het goed zo",
    _SENTENCE: (
        "zet wat er gezegd is in de kolom quote en de plaats in de kolom location (kijk of de kopregel dezelfde "
        f"volgorde heeft als de rijen); of schrijf als plaats {_BUURT}"
    ),
    "deze plaats is er niet in de gemeente die erbij staat": (
        "kijk of de naam goed gespeld is en of de gemeente erbij klopt, of schrijf de buurtcode (BU...)"
    ),
    "de plaats ligt in een andere gemeente dan die erbij staat": (
        "verbeter de plaats of de gemeente erbij, zodat de plaats in die gemeente ligt"
    ),
    "wat erbij staat als gemeente is geen gemeente van dit project": (
        "schrijf de gemeente zoals het CBS die schrijft, niet het dorp of de wijk. Dat kan in de kolom gemeente, "
        "of in de variabele gemeente in het QDA-programma. Of laat hem leeg"
    ),
    "de hele gemeente, geen buurt of wijk": f"gaat het over één buurt, schrijf dan {_BUURT}; anders is het goed zo",
    "kan de buurt of de hele gemeente zijn (niet gegokt)": (
        "gaat het over de buurt, schrijf dan de buurtcode (BU...); anders is het goed zo"
    ),
}


def dutch_reasons(reasons: pd.Series, *, many: bool) -> pd.Series:
    """Each reason's kind in Dutch; a segment placed in a wijk but in no buurt says that only the wijk is known.

    ``many``: a project of many gemeenten, where a place is looked up in all of them.

    >>> dutch_reasons(pd.Series(["no match: 'Drie' is no buurt", "placed in wijk WK016405 only"]), many=False).tolist()
    ['plaats niet gevonden in deze gemeente', 'alleen de wijk is bekend']
    >>> dutch_reasons(pd.Series([SENTENCE_REASON.format(words=17)]), many=True).tolist()
    ['de plaats leest als een zin: staan citaat en plaats in elkaars kolom?']
    """
    kind = reasons.str.extract(f"^({'|'.join(map(re.escape, _UNPLACED_REASONS))})")[0]
    labels = {**_UNPLACED_REASONS, **_UNPLACED_MANY} if many else _UNPLACED_REASONS
    said = kind.map(labels).fillna(_IN_WIJK)
    said = said.mask(reasons.str.contains(_OTHER_GEMEENTE), f"buiten de gemeente{'n' if many else ''} van dit project")
    for marker, dutch in _WHOLE_GEMEENTE.items():
        said = said.mask(reasons.str.contains(marker, regex=False), dutch)
    for pattern, dutch in _GEMEENTE_COLUMN.items():
        said = said.mask(reasons.str.contains(pattern), dutch)
    said = said.mask(reasons.str.startswith(SENTENCE_REASON.split("(", 1)[0]), _SENTENCE)
    said = said.mask(reasons.str.contains(_WIJK_ONLY, regex=False), _IN_WIJK)
    return said.mask(reasons.str.contains(_BUURT_AND_WIJK, regex=False), _BUURT_OR_WIJK)


#: The ways a reason says to write a name several gemeenten share: 'Centrum (Deventer)', 'Centrum (Dinkelland)'.
_FORMS = re.compile(r"'([^']+ \([^']+\))'")
_HAS_FORMS = re.compile(r"'[^']+ \([^']+\)'")


def fixes(reasons: pd.Series, explained: pd.Series) -> pd.Series:
    """What to do for each reason (column ``herstel``): :data:`FIXES` of its Dutch kind, but for a name several
    gemeenten share the forms its reason gives (user test W: "schrijf de buurtnaam" sent a team back to the
    ``Centrum`` it had written).

    >>> reasons = pd.Series(["ambiguous between ...; write 'Centrum (Deventer)' or 'Centrum (Dinkelland)', or the "
    ...     "buurt code"])
    >>> fixes(reasons, pd.Series(["plaats kan meer dan één buurt zijn (niet gegokt)"]))[0]
    "schrijf de gemeente erbij: 'Centrum (Deventer)' of 'Centrum (Dinkelland)'. Of zet de gemeente in een kolom \
gemeente ernaast, of schrijf de buurtcode (BU...)"
    """
    said = explained.map(FIXES).fillna("")
    # A buurt and its wijk of one name: the fix names the buurt's own code, which the reason gives.
    code = reasons.str.extract(_BUURT_CODE)[0]
    either = explained.eq(_BUURT_OR_WIJK) & code.notna()
    said[either] = [FIXES[_BUURT_OR_WIJK].replace("(BU...)", found) for found in code[either]]
    shared = explained.eq("plaats kan meer dan één buurt zijn (niet gegokt)") & reasons.str.contains(_HAS_FORMS)
    for at in shared[shared].index:
        forms = [f"'{form}'" for form in dict.fromkeys(_FORMS.findall(reasons[at].split("; write ", 1)[-1]))][:3]
        if len(forms) < 2:
            continue
        either = f"{', '.join(forms[:-1])} of {forms[-1]}"
        if WITH_WIJK in reasons[at]:
            # Two buurten of one name in two wijken of one gemeente (sweep 12: Ermelo): the wijk tells them apart.
            said[at] = f"schrijf de wijk erbij: {either}. Of schrijf de buurtcode (BU...)"
            continue
        said[at] = (
            f"schrijf de gemeente erbij: {either}. Of zet de gemeente in een kolom gemeente ernaast, of schrijf de "
            "buurtcode (BU...)"
        )
    return said


def write_unplaced(
    result: pipeline.PipelineResult,
    path: Path,
    wrote: Callable[[Path, str], None],
    say: Callable[[str], None],
) -> None:
    """Write the segments of every round placed in no buurt to ``path``, each with its reason in full and its kind
    in Dutch (``uitleg``), safe to open in a spreadsheet; tell it through ``wrote`` and the placement through ``say``.

    The rows are ``unplaced_segments``: scrubbed, with no quote and no respondent.
    """
    # The reason in full is English, as all the data; the professional who fixes the file reads its kind in Dutch.
    unplaced = result.unplaced.copy()
    explained = dutch_reasons(unplaced["reason"].fillna(""), many=scope.many(result.project))
    unplaced.insert(unplaced.columns.get_loc("reason") + 1, "uitleg", explained.to_numpy())
    herstel = fixes(unplaced["reason"].fillna(""), explained)
    unplaced.insert(unplaced.columns.get_loc("uitleg") + 1, "herstel", herstel.to_numpy())
    # Each row carries its own round's label as `interviews` (every interview-derived output has that column) and
    # as `round`.
    write_csv(unplaced, path)
    listed, placement = placement_told(result, ", with the reason")
    wrote(path, listed)
    _write_read_as(result, path.with_name(READ_AS), wrote)
    say(f"  {placement}")


def quotes_told(result: pipeline.PipelineResult) -> str | None:
    """How many of today's quotes a project that publishes quotes gets on paper, and why not more (sweep 14 F7: a
    team that opted in saw no quote and no reason); None when it publishes none. Asked while the build's database
    is open."""
    files = result.project.interviews
    if files is None or not files.publish_quotes:
        return None
    published = result.con.sql("select count(*) from buurt_quotes").fetchall()[0][0]
    consenting = result.con.sql(
        "select count(*) from stg_segments where consent and quote is not null and buurt_code is not null"
    ).fetchall()[0][0]
    said = f"quotes: {published} of {consenting} consenting, placed segment(s) published"
    if published >= consenting:
        return said
    k = result.project.privacy_threshold
    return (
        f"{said}: a quote is shown only where at least {k} people of the same role, each with consent, named its "
        "theme in the buurt, one per person and buurt (README, section 3)"
    )


def placement_told(result: pipeline.PipelineResult, listed: str = "") -> tuple[str, str]:
    """What a build says of the segments of every round placed in no buurt (beside :data:`UNPLACED`, ``listed``
    after today's count), and its placement line; ``buurtdata validate`` says both too (sweep 13 #14)."""
    unplaced = result.unplaced
    # Today's round is the last; an earlier round's count is said by its label.
    today = unplaced["round_number"].eq(max(r.number for r in result.project.rounds))
    lost, where = int(today.sum()), rounds.unplaced_count(unplaced.loc[today, "wijk_code"], sep=", ")

    def kinds(rows: pd.DataFrame) -> str:
        # By kind, no place as written: the console is no place for what people said (the CSV has it).
        return rounds.unplaced_count(rows["wijk_code"], rows["reason"].fillna(""), sep=", ")

    earlier = unplaced.loc[~today].groupby(["round_number", "round"], sort=True)
    listed = f"{lost} interview segments not placed in a buurt ({kinds(unplaced.loc[today])}){listed}" + "".join(
        f"; of the earlier round {label!r}: {len(rows)} ({kinds(rows)})" for (_, label), rows in earlier
    )
    placement = (
        "placement of interview segments (resolved_by): "
        + ", ".join(f"{row.resolved_by} {row.segments}" for row in result.placement.itertuples())
        + f"; in a buurt {int(result.placement['segments'].sum()) - lost}, {where}"
    )
    return listed, placement


def _write_read_as(result: pipeline.PipelineResult, path: Path, wrote: Callable[[Path, str], None]) -> None:
    """Write the places of today's segments read as a buurt they are spelt almost like ('Stationbuurt' as
    Stationsbuurt), one row per place as written, for the professional to check (:attr:`PipelineResult.read_as`);
    nothing when there are none.

    User test K: such a segment was placed without a word outside the notebooks. The console names no place as
    written (it is no place for what people said); the file does, as :data:`UNPLACED` does (scrubbed).
    """
    read = result.read_as
    if read.empty:
        return
    read = read.assign(uitleg="gelezen als buurt " + read["name"].fillna(read["buurt_code"]) + ": klopt dat?")
    write_csv(read, path)
    wrote(
        path,
        f"{len(read)} places read as a buurt they are spelt almost like ({int(read['segments'].sum())} interview "
        "segments): check them",
    )
