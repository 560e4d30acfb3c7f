"""A notebook's table as a spreadsheet for a colleague (:func:`to_spreadsheet`, part of
:mod:`buurtdata.outputs.explore`): what :func:`buurtdata.outputs.explore.table` shows, so the file says what the
notebook says (user test J: ``to_excel`` wrote the data's keys and CBS's status words, and no source).

Only what a notebook may show is written: never a column of the interview segments (who said what, where), a
respondent's pseudonym, or a count of respondents below the privacy threshold; no cell is ever read as a formula.
A count is checked by its column's name (``respondents``, ``segments``), so a whole-number column the package did not
make (an analyst's ``count(...) as n`` over ``stg_segments``) is refused unless the caller says it was checked.
"""

from __future__ import annotations

import csv
import io
import numbers
from pathlib import Path
from typing import Any

import pandas as pd

from buurtdata._errors import BuurtdataError
from buurtdata._spreadsheet import DECIMAL, FORMULA_START, SEPARATOR, spreadsheet_safe
from buurtdata._text import FICTIONAL, STATUS_TEXT, source_line, told
from buurtdata.outputs._dutch_table import GLOSSARY, HIDDEN_COUNTS, _blank, _formats, _headers, figures_of
from buurtdata.outputs.audit import pseudonym_in

__all__ = ["to_spreadsheet"]

#: The columns of the interview segments themselves (README, Glossary): no notebook table shows them, since they
#: say who said what and where; an analyst's merge of ``stg_segments`` is refused, not written.
SEGMENT_COLUMNS = frozenset({"respondent", "segment_id", "quote", "location_raw", "reason", "consent", "code_id"})
#: The counts of buurten the notebook helpers add (``explore.theme_overview``, ``explore.signal_overview``): never
#: a count of respondents, so vouched for beside the marts' columns.
HELPER_COUNTS = frozenset(
    {"buurten getoond", "buurten te weinig stemmen", "buurten te weinig gesprekken"}
    | {"buurten geen stemmen, hun wijk wel", "buurten geen stemmen"}
    | {"buurt x thema"}
)
#: The kinds of file written, by suffix.
KINDS = (".xlsx", ".csv")


def to_spreadsheet(frame: pd.DataFrame, path: str | Path, data: Any, *, checked: bool = False) -> Path:
    """Write ``frame`` (a table of a notebook, or the analyst's own frame of ``data``) to ``path`` (``.xlsx`` or
    ``.csv``) as :func:`buurtdata.outputs.explore.table` shows it, and return the path.

    Headers are Dutch (CBS's titles for a figure, the notebooks' words for the data's own columns); a figure is a
    number a spreadsheet can sort (with CBS's decimals), a missing one the word the notebook shows ("geen cijfer",
    a count kept back "niet getoond"). Above the table: that the interviews are made up (when they are) and the
    source line every chart carries. A cell that starts like a formula gets a leading ``'``. Two columns with the
    same Dutch header (``code`` and ``buurt_code`` are both "buurtcode") keep their own name beside it.

    A whole-number column whose name is none of the database's tables (its marts), a figure or a notebook helper's
    count may be a count of respondents under another name; it is refused unless ``checked=True`` says that no
    count in it is below the privacy threshold.

    Raises
    ------
    BuurtdataError
        For another kind of file, a Styler (pass the frame itself), or a frame holding what no notebook shows:
        a column of the segments (``respondent``, ``quote``, ...), a respondent's pseudonym, a count of
        respondents below the privacy threshold, or (without ``checked=True``) a whole-number column it cannot
        vouch for.

    >>> from buurtdata.outputs.explore import conversation_overview, notebook_data
    >>> import tempfile
    >>> data = notebook_data()
    >>> path = to_spreadsheet(conversation_overview(data), Path(tempfile.mkdtemp()) / "overzicht.csv", data)
    >>> path.read_text(encoding="utf-8-sig").splitlines()[1][:41]
    '"Bron: CBS, Kerncijfers wijken en buurten'
    """
    path = Path(path)
    if path.suffix.lower() not in KINDS:
        msg = f"{path}: write a .xlsx or a .csv file (explore.to_spreadsheet(frame, 'tabel.xlsx', data))."
        raise BuurtdataError(msg)
    if not isinstance(frame, pd.DataFrame):
        msg = (
            f"{path}: pass the table itself (explore.to_spreadsheet(frame, ...)), not {type(frame).__name__} "
            "(explore.table(...) shows a frame; the file is written as it shows it)."
        )
        raise BuurtdataError(msg)
    _check(frame, data, checked=checked)
    cells, decimals, notes = _cells(frame, data)
    if path.suffix.lower() == ".xlsx":
        _write_xlsx(cells, decimals, notes, path)
    else:
        _write_csv(cells, notes, path)
    return path


def _check(frame: pd.DataFrame, data: Any, *, checked: bool) -> None:
    """Refuse a frame that holds what a notebook never shows (the privacy audit's rules, for one table)."""
    columns = [str(c) for c in frame.columns]
    twice = sorted({c for c in columns if columns.count(c) > 1})
    if twice:
        # Two columns of one name cannot be told apart, on the sheet or in these checks (pd.concat(axis=1)).
        msg = f"the table has more than one column named {', '.join(map(repr, twice))}; rename or drop one first."
        raise BuurtdataError(msg)
    segments = [c for c in columns if c in SEGMENT_COLUMNS]
    if segments:
        msg = (
            f"the table has column(s) {', '.join(segments)} of the interview segments, which no notebook shows (who "
            "said what, where); leave them out (frame.drop(columns=[...])) and export counts per buurt and theme."
        )
        raise BuurtdataError(msg)
    for column in frame.columns:
        values = frame[column]
        if values.dtype == object or isinstance(values.dtype, pd.StringDtype):
            found = next((hit for hit in map(pseudonym_in, values.dropna().astype(str)) if hit), None)
            if found:
                msg = f"column {column!r} holds a respondent's pseudonym ({found}); no notebook shows one."
                raise BuurtdataError(msg)
    k = int(data.project.privacy_threshold)
    for column in [c for c in frame.columns if c in HIDDEN_COUNTS]:
        counts = pd.to_numeric(frame[column], errors="coerce")
        small = counts[(counts > 0) & (counts < k)]
        if len(small):
            msg = (
                f"column {column!r} holds {len(small)} count(s) below the privacy threshold of {k} respondents "
                f"(e.g. {small.iloc[0]:g}); a notebook shows such a group as 'niet getoond'. Count from "
                "data.themes, where a hidden group has no count."
            )
            raise BuurtdataError(msg)
    if checked:
        return
    known = _vouched(data)
    unknown = [str(c) for c in frame.columns if _whole(frame[c]) and c not in known]
    if unknown:
        msg = (
            f"column(s) {', '.join(map(repr, unknown))} hold whole numbers that are not a figure or a column of the "
            "database's tables, so they may count respondents below the privacy threshold of "
            f"{k}. Count from data.themes (a hidden group has no count), or, once you checked that no count is "
            "below it, pass checked=True (explore.to_spreadsheet(frame, path, data, checked=True))."
        )
        raise BuurtdataError(msg)


def _whole(values: pd.Series) -> bool:
    """Whether a column holds whole numbers only: an integer type, or floats that are whole (a count merged onto
    the buurten becomes float where a buurt has none; review s3)."""
    if pd.api.types.is_bool_dtype(values):
        return False
    if pd.api.types.is_integer_dtype(values):
        return True
    if not pd.api.types.is_float_dtype(values):
        return False
    present = values.dropna()
    return len(present) > 0 and bool((present % 1 == 0).all())


def _vouched(data: Any) -> set[Any]:
    """The column names whose whole numbers are no unchecked count: the marts' columns (never the staged
    segments'), the figures, the notebooks' Dutch words and their counts of buurten or statuses."""
    marts = data.con.execute(
        "select distinct column_name from information_schema.columns where table_name not like 'stg\\_%' escape '\\'"
    ).fetchall()
    titles, _ = figures_of(data)
    return (
        {name for (name,) in marts}
        | set(titles)
        | set(GLOSSARY)
        | set(GLOSSARY.values())
        | set(STATUS_TEXT)
        | HELPER_COUNTS
    )


def _cells(frame: pd.DataFrame, data: Any) -> tuple[pd.DataFrame, dict[str, int], list[str]]:
    """The table as written (Dutch headers; numbers kept, other cells as the notebook writes them), the decimals of
    each figure's header, and the lines above it."""
    titles, places = figures_of(data)
    blank = [c for c in frame.columns if c in titles and len(frame) > 1 and _blank(frame[c])]
    frame = frame.drop(columns=blank)
    headers = _headers([*frame.columns, *blank], titles, frame)
    columns: dict[str, list[Any]] = {}
    decimals: dict[str, int] = {}
    said = pd.Series([headers.get(name, str(name)) for name in frame.columns])
    for name, header, repeated, written in zip(
        frame.columns, said, said.duplicated(keep=False), _formats(frame, places), strict=True
    ):
        # A header said twice (code and buurt_code are both "buurtcode") would keep only the last column.
        header = f"{header} ({name})" if repeated else header
        header = f"'{header}" if header.startswith(FORMULA_START) else header
        if name in places:
            decimals[header] = places[name]
        columns[header] = [_cell(value, written, places.get(name)) for value in frame[name]]
    project = data.project
    interviews = project.interviews.label if project.interviews is not None else None
    notes = [told(FICTIONAL, project)] if project.fictional else []
    notes.append(source_line(table=project.kwb_files(project.year).table, year=project.year, interviews=interviews))
    if blank:
        notes.append(
            "Niet in de tabel, want het CBS heeft er voor deze buurten geen cijfers over: "
            + "; ".join(headers[c] for c in blank)
            + "."
        )
    return spreadsheet_safe(pd.DataFrame(columns)), decimals, notes


def _cell(value: Any, written: Any, places: int | None) -> Any:
    """A number as a number (CBS's decimals for a figure), anything else as the notebook writes it."""
    if isinstance(value, numbers.Real) and not isinstance(value, bool) and value == value:
        number = float(value)
        if places is not None:
            number = round(number, places)
        return int(number) if number.is_integer() and places in (None, 0) else number
    return written(value)


def _write_xlsx(cells: pd.DataFrame, decimals: dict[str, int], notes: list[str], path: Path) -> None:
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        cells.to_excel(writer, sheet_name="tabel", index=False, startrow=len(notes) + 1)
        sheet = writer.sheets["tabel"]
        for row, note in enumerate(notes, start=1):
            sheet.cell(row=row, column=1, value=note)
        top = len(notes) + 2
        for number, header in enumerate(cells.columns, start=1):
            letter = sheet.cell(row=top, column=number).column_letter
            widest = max([len(str(header)), *(len(str(v)) for v in cells[header])])
            sheet.column_dimensions[letter].width = min(60, widest + 2)
            if header in decimals:
                shown = "#,##0" + ("." + "0" * decimals[header] if decimals[header] else "")
                for row in range(top + 1, top + 1 + len(cells)):
                    sheet.cell(row=row, column=number).number_format = shown


def _write_csv(cells: pd.DataFrame, notes: list[str], path: Path) -> None:
    """The notes, a blank line and the table, for Excel with Dutch settings as every CSV buurtdata writes for a
    person (:func:`buurtdata._spreadsheet.excel_csv`; sweep 13 #6); ``cells`` are safe already."""
    text = io.StringIO()
    lines = csv.writer(text, delimiter=SEPARATOR, lineterminator="\r\n")
    for note in notes:
        lines.writerow([note])
    lines.writerow([])
    table = cells.to_csv(index=False, sep=SEPARATOR, decimal=DECIMAL, lineterminator="\r\n")
    path.write_text(text.getvalue() + table, encoding="utf-8-sig")
