"""The report index's paragraph about the conversations themselves: which interview rounds the report reads, the
agreements earlier meetings made, and how many segments found no buurt (user test R: the index listed 110 wall
maps and said nothing of the rounds, the agreements or the unplaced list).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from buurtdata._sql import has_table
from buurtdata._text import and_nl, counted
from buurtdata.outputs._unplaced import UNPLACED


def conversations(con: duckdb.DuckDBPyConnection | None, project: Any, out: Path) -> dict[str, Any] | None:
    """What the index says of the project's interview rounds, in sentences (None without interviews): the rounds,
    oldest first, the agreements earlier meetings made, and the segments not placed in a buurt, with the link to
    their list when the build wrote it (``unplaced``, said as "De lijst zegt ..."). ``con``: the build's database
    (None: none)."""
    if project.interviews is None:
        return None
    agreements = buurten = 0
    unplaced = None  # unknown: no database, or a build without the table, says nothing of it
    if con is not None:
        if has_table(con, "agreements"):
            agreements, buurten = con.execute("select count(*), count(distinct code) from agreements").fetchall()[0]
        if has_table(con, "unplaced_segments"):
            (unplaced,) = con.execute("select count(*) from unplaced_segments").fetchall()[0]
    # The periods say which rounds these are; a label only where a round has no period (labels run long).
    said = [r.period or r.label for r in project.rounds]
    sentences = []
    if len(said) > 1:
        sentences.append(f"De verhalen komen uit {len(said)} gespreksrondes: {and_nl(said)}.")
    if agreements:
        made = f"{'is' if agreements == 1 else 'zijn'} {counted(agreements, 'afspraak', 'afspraken')} gemaakt"
        sentences.append(
            f"Bij eerdere gesprekken {made}, over {counted(buurten, 'buurt', 'buurten')}. "
            "De handouts en buurttoekomstplannen kijken erop terug."
        )
    link = UNPLACED if unplaced and (out / UNPLACED).exists() else None
    if unplaced:
        sentences.append(f"{counted(unplaced, 'fragment', 'fragmenten')} konden we niet bij een buurt plaatsen.")
    elif unplaced == 0:
        sentences.append("Alle fragmenten zijn bij een buurt geplaatst.")
    return {"sentences": sentences, "unplaced": link} if sentences else None
