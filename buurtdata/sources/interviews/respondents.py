"""The respondents table: role, location and consent per respondent, for an export that lacks them.

A Taguette export carries none of them, a QualCoder report or REFI-QDA project
only as variables; ``[interviews] respondents`` (or ``read_segments(...,
respondents=)``) gives them per respondent (or document).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from buurtdata.sources.interviews.tables import _Field, _fits_any, _read_table


def with_respondents(
    values: pd.DataFrame, respondents: pd.DataFrame | str | Path | None, path: Path, problems: list[str]
) -> pd.DataFrame:
    """Fill role, location and consent a format lacks from ``respondents`` (a frame or a CSV/XLSX file);
    consent defaults to nee."""
    lookup: dict[str, dict[str, str]] = {}
    key = "respondent"
    named = "respondents" if respondents is None or isinstance(respondents, pd.DataFrame) else Path(respondents)
    if isinstance(named, Path):
        respondents = _respondents_table(named)
    if respondents is not None:
        table = respondents.rename(columns=lambda c: str(c).strip().lower())
        table = table.rename(columns={"location": "location_raw"})
        key = "respondent" if "respondent" in table.columns else "document"
        if key not in table.columns:
            problems.append(
                f"{named} has columns {', '.join(map(str, table.columns))}; it needs a 'respondent' or "
                "'document' column to match the rows of " + str(path) + "."
            )
        else:
            for record in table.astype(object).where(table.notna(), "").to_dict("records"):
                lookup[str(record[key]).strip()] = {k: str(v).strip() for k, v in record.items()}
    out = []
    for cells in values.to_dict("records"):
        extra = lookup.get((cells.get(key) or "").strip(), {})
        for column in ("role", "location_raw", "consent"):
            if not (cells.get(column) or "").strip():
                cells[column] = extra.get(column, "")
        cells["consent"] = cells["consent"] or "nee"
        out.append(cells)
    return pd.DataFrame.from_records(out, index=values.index)


#: Where a format's location comes from, for the reason a segment without one is not placed.
_LOCATION_FROM = {
    "taguette": "a Taguette export has no location: it comes from the respondents table ([interviews] respondents)",
    "qualcoder": (
        "a QualCoder report gives a location only as a variable (CaseVar_buurt) or from the respondents table "
        "([interviews] respondents)"
    ),
    "qdpx": (
        "a REFI-QDA project gives a location only as a case or source variable (buurt, or [interviews.variables] "
        "location) or from the respondents table ([interviews] respondents)"
    ),
}
_NO_RESPONDENTS = (
    '; the project has none: add respondents = "respondenten.csv" (columns respondent, role, location, consent) '
    "to [interviews] in project.toml"
)


def location_from(kind: str, respondents: pd.DataFrame | str | Path | None) -> str:
    """Say where a location of a ``kind`` export comes from, for a segment without one."""
    if respondents is None:
        return _LOCATION_FROM[kind] + _NO_RESPONDENTS
    named = "" if isinstance(respondents, pd.DataFrame) else f" ({Path(respondents).name})"
    return f"{_LOCATION_FROM[kind]}, which gives none for this respondent{named}"


def _respondents_table(path: Path) -> pd.DataFrame:
    """Return a respondents table (CSV or XLSX, as the template) as text cells named by its header."""
    keys = [_Field("respondent", ("respondent", "document"))]
    header, cells, _ = _read_table(path, format=None, template=None, fits=_fits_any(keys))
    cells = cells.iloc[:, : len(header)]
    cells.columns = header
    return cells
