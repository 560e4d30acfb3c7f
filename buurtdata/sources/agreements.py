"""What a meeting agreed: the afspraken template read back into the project, checked row by row.

The professional fills in ``buurtdata/datasets/templates/afspraken_sjabloon.csv`` (CSV or XLSX) after the
meeting of a round: one row per buurt and agreement with ``buurt`` (code or CBS name), ``thema``,
``afspraak``, ``wie`` and ``terugkijken`` (a date, YYYY-MM-DD). :func:`read_agreements` returns it in the
project's vocabulary (``code, theme, agreement, owner, review_date``); every problem names the file, the row,
the value and the fix, all at once. A buurt name several buurten share is refused (write the code); in a build
of many gemeenten an agreement of a buurt of a gemeente that was not built is left out with a warning.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from buurtdata import _errors, codes
from buurtdata._encoding import decoded, undecodable
from buurtdata._errors import CodeError, InputFileError, ValidationError
from buurtdata.sources.interviews.gazetteer import Refused
from buurtdata.sources.interviews.tables import comments_below

#: Template column -> column of the staged table.
COLUMNS = {"buurt": "code", "thema": "theme", "afspraak": "agreement", "wie": "owner", "terugkijken": "review_date"}
TEMPLATE = "buurtdata/datasets/templates/afspraken_sjabloon.csv"


class AgreementLeftOutWarning(UserWarning):
    """An agreement of a buurt in a gemeente the build of many gemeenten did not build is left out."""


def read_agreements(
    path: str | Path,
    *,
    buurten: Mapping[str, str],
    themes: Mapping[str, str],
    refused: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Return the agreements of one template file, checked.

    Parameters
    ----------
    path
        The filled-in template (``.csv`` with ``,`` or ``;``, or ``.xlsx``).
    buurten
        Buurt code -> name of the project's buurten; a row may name its buurt either way (case ignored). A
        name several buurten share is refused: the row must give the code.
    themes
        Every theme a row may name -> the theme of today's codebook it stands for (a round's codebook mapped).
    refused
        Gemeente code -> why it was not built, in a build of many gemeenten (see
        ``buurtdata.pipeline.scope.refused``): a row whose buurt code lies in one, or whose buurt name only
        a buurt of one has (a :class:`~buurtdata.sources.interviews.gazetteer.Refused` knows their names), is
        left out, with an :class:`AgreementLeftOutWarning` naming the row, the gemeente and the reason; the
        segments of such a gemeente stay unplaced with that reason and the build goes on, as it does here. A
        name of a buurt built and of one not built is refused with both codes, as it would be were both built.

    Raises
    ------
    ValidationError
        Naming file, row (as a spreadsheet numbers it), value and fix, for an unknown buurt, a buurt name
        several buurten share, an unknown theme, an empty agreement or a date not written YYYY-MM-DD.
    """
    path = Path(path)
    frame = _read(path)
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        msg = f"{path}: missing column(s) {missing}; the template ({TEMPLATE}) has the columns {', '.join(COLUMNS)}"
        raise ValidationError([msg], source=path)
    by_name: dict[str, list[str]] = {}
    for code, name in buurten.items():
        by_name.setdefault(name.strip().casefold(), []).append(code)
    aside: dict[str, list[str]] = {}  # name -> codes of the buurten of the gemeenten not built
    regions = refused.regions if isinstance(refused, Refused) else None
    if regions is not None:
        named_aside = regions[(regions["level"] == "buurt") & regions["name"].notna()]
        for code, name in zip(named_aside["code"], named_aside["name"], strict=True):
            aside.setdefault(str(name).strip().casefold(), []).append(code)
    by_code = {code.casefold(): code for code in buurten}
    by_theme = {name.strip().casefold(): theme for name, theme in themes.items()}
    refused = refused or {}
    problems, rows, left_out = [], [], []
    for number, row in zip(frame.index, frame.itertuples(index=False), strict=True):
        where = f"{path.name}, row {number}"
        values = {
            column: "" if pd.isna(value) else str(value).strip()
            for column, value in zip(frame.columns, row, strict=True)
        }
        if not any(values[c] for c in COLUMNS):
            continue
        buurt = values["buurt"]
        named = sorted(by_name.get(buurt.casefold(), []))
        elsewhere = sorted(aside.get(buurt.casefold(), []))
        code = by_code.get(buurt.casefold()) or by_code.get(f"bu{buurt}".casefold())
        if code is None and len(named) == 1 and not elsewhere:
            code = named[0]
        not_built = _refused_gemeente(buurt, refused) if code is None else None
        # By name: only when no buurt built has it (else it is refused below with every code).
        gemeenten = [not_built] if not_built else [] if named else sorted({codes.gemeente_of(c) for c in elsewhere})
        if code is None and gemeenten:
            left_out.append(
                f"{where}: buurt {buurt!r} lies in gemeente {'; '.join(refused.get(g, g) for g in gemeenten)}"
            )
            continue
        if code is None and len(named) + len(elsewhere) > 1:
            # Marked as the gazetteer marks them: a code in a refused gemeente would only be left out.
            listed = sorted([*named, *(f"{c} in {codes.gemeente_of(c)} (not built)" for c in elsewhere)])
            problems.append(
                f"{where}: buurt {buurt!r} is the name of {len(listed)} buurten ({', '.join(listed)}); "
                "write the code (BU...) of the one meant"
            )
        elif code is None:
            hint = (
                f"; the buurten of {', '.join(sorted(refused))} were not built (see gemeenten.csv)" if refused else ""
            )
            problems.append(
                f"{where}: buurt {buurt!r} is not a buurt of this project; write its code "
                f"(BU...) or its name as CBS writes it{hint}"
            )
        theme = by_theme.get(values["thema"].casefold())
        if theme is None:
            problems.append(
                f"{where}: thema {values['thema']!r} is not in the codebook; choose one of "
                f"{sorted(set(themes.values()))}"
            )
        if not values["afspraak"]:
            problems.append(f"{where}: afspraak is empty; write what was agreed")
        review = _date(values["terugkijken"])
        if review is None:
            problems.append(
                f"{where}: terugkijken {values['terugkijken']!r} is not a date written YYYY-MM-DD; "
                f"write e.g. 2024-06-01"
            )
        rows.append(
            {
                "code": code,
                "theme": theme,
                "agreement": values["afspraak"],
                "owner": values["wie"],
                "review_date": review,
            }
        )
    if problems:
        raise ValidationError(problems, source=path)
    if left_out:
        _errors.warn(
            f"{path}: {len(left_out)} agreement(s) left out, their gemeente was not built: " + "; ".join(left_out),
            AgreementLeftOutWarning,
            stacklevel=2,
        )
    return pd.DataFrame(rows, columns=list(COLUMNS.values()))


def _refused_gemeente(buurt: str, refused: Mapping[str, str]) -> str | None:
    """Return the refused gemeente a buurt code (``BU00140907`` or ``00140907``) lies in, else None."""
    if not refused:
        return None
    try:
        gemeente = codes.gemeente_of(codes.normalize(buurt, level="buurt"))
    except CodeError:
        return None  # a name
    return gemeente if gemeente in refused else None


def _date(text: str) -> dt.date | None:
    text = text.split(" ")[0]  # a spreadsheet's date cell comes back as "2024-06-01 00:00:00"
    try:
        return dt.date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        return None


def _read(path: Path) -> pd.DataFrame:
    """Return the rows as text, indexed by their row number as a spreadsheet numbers them."""
    if not path.is_file():
        msg = f"Agreements file {path} does not exist; fill in {TEMPLATE} and name it in the project file"
        raise InputFileError(msg)
    if path.suffix.lower() == ".xlsx":
        # As in a CSV, the rows above the header that start with # are comments (the template's, pasted in).
        cells = pd.read_excel(path, dtype=str, header=None).fillna("")
        first = cells.iloc[:, 0] if len(cells.columns) else pd.Series(dtype=str)
        comments = next((i for i, cell in enumerate(first) if not str(cell).strip().startswith("#")), len(cells))
        if comments == len(cells):
            return pd.DataFrame()  # no header: the missing columns are said by the caller
        frame = cells.iloc[comments + 1 :].set_axis(list(cells.iloc[comments]), axis=1)
        return _notes_out(path, frame, comments + 2)
    data = path.read_bytes()
    try:
        text, _ = decoded(data)  # UTF-8, or as Excel on Windows saved it
    except UnicodeDecodeError as error:
        raise undecodable(path, data, error.start, rows=False) from None  # comments above the header too
    lines = text.splitlines()
    comments = next((i for i, line in enumerate(lines) if not line.startswith("#")), len(lines))
    body = "\n".join(lines[comments:])
    separator = ";" if body.split("\n", 1)[0].count(";") > body.split("\n", 1)[0].count(",") else ","
    frame = pd.read_csv(io.StringIO(body), sep=separator, dtype=str, keep_default_na=False)
    return _notes_out(path, frame, comments + 2)


def _notes_out(path: Path, frame: pd.DataFrame, first: int) -> pd.DataFrame:
    """The rows of a CSV or a workbook alike, indexed by row number from ``first``, without a row that is nothing
    but a '#' note (said, as interview tables say it)."""
    frame = frame.fillna("").astype(str).apply(lambda column: column.str.strip())
    return _clean(comments_below(path, frame.set_axis(range(first, first + len(frame))), stacklevel=5))


def _clean(frame: pd.DataFrame) -> pd.DataFrame:
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    return frame
