"""What a meeting agreed: the afspraken template read back into the project, checked row by row.

The professional fills in ``buurtdata/datasets/templates/afspraken_sjabloon.csv`` (CSV or XLSX) after the
meeting of a round: one row per buurt and agreement with ``buurt`` (code or name), ``thema``,
``afspraak``, ``wie`` (a role or organisation) and ``terugkijken`` (a date, YYYY-MM-DD or day-month-year).
:func:`read_agreements` returns it in the project's vocabulary (``code, theme, agreement, owner, review_date,
theme_agreed``); every problem names the file, the row, the value and the fix, all at once. A buurt is read as
``handouts --buurt`` reads one (:func:`~buurtdata.sources.interviews.one_buurt.one_buurt`, the gazetteer:
``Transvaalbuurt West`` is
Transvaalbuurt-West; a loose reading is told); an agreement is about exactly one buurt, so a name several buurten
share (write the code), a wijk (its buurten are listed), a postcode or a name that places nowhere (the gazetteer's
reason, with its suggestion) is refused. In a build of many gemeenten an agreement of a buurt of a
gemeente that was not built is left out with a warning. What looks like a person's name in ``wie`` is warned of and
scrubbed (:func:`~buurtdata.sources.owners.owners_scrubbed`), and ``afspraak`` is scrubbed as quotes are, of those
names too (:func:`~buurtdata.sources.owners.agreements_scrubbed`); :func:`handed_over` is the file as an
overdrachtsdossier holds it.
"""

from __future__ import annotations

import csv
import functools
import io
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from buurtdata import _errors, codes
from buurtdata._encoding import decoded, undecodable
from buurtdata._errors import CodeError, InputFileError, ValidationError
from buurtdata._spreadsheet import SEPARATOR, excel_date_number, formula_safe, unescaped
from buurtdata.rounds import mapped_to
from buurtdata.sources import agreements_read_as
from buurtdata.sources.agreement_dates import date_meant, read_date
from buurtdata.sources.agreements_columns import COLUMNS as COLUMNS
from buurtdata.sources.agreements_columns import AgreementColumnNotReadWarning as AgreementColumnNotReadWarning
from buurtdata.sources.agreements_columns import missing_columns, template_for, unread, warn_unread
from buurtdata.sources.agreements_gemeente import HEADERS as GEMEENTE_HEADERS
from buurtdata.sources.agreements_gemeente import with_gemeente
from buurtdata.sources.agreements_sheet import agreed, sheet_read
from buurtdata.sources.interviews.gazetteer import Refused
from buurtdata.sources.interviews.one_buurt import BuurtReadLooselyWarning, one_buurt, regions_of
from buurtdata.sources.interviews.person_parts import first_name, folded_places
from buurtdata.sources.interviews.privacy import said_value
from buurtdata.sources.interviews.scrub import scrub_text
from buurtdata.sources.interviews.tables import comments_below, refuse_other_sheets
from buurtdata.sources.owners import agreements_scrubbed, owners_scrubbed, respondent_code, written_as_a_code


class AgreementLeftOutWarning(UserWarning):
    """An agreement of a buurt in a gemeente the build of many gemeenten did not build is left out."""


def read_agreements(path: str | Path, **options: Any) -> pd.DataFrame:
    """Return the agreements of one template file, checked: :func:`read_agreements_as` without its reading."""
    return read_agreements_as(path, **options)[0]


def read_agreements_as(
    path: str | Path,
    *,
    buurten: Mapping[str, str] | pd.DataFrame,
    themes: Mapping[str, str],
    refused: Mapping[str, str] | None = None,
    gemeente: str | Iterable[str] | None = None,
    held_in: Iterable[str] = (),
    names: Iterable[str] = (),
    respondents: Iterable[str] = (),
    key: bytes | None = None,
) -> tuple[pd.DataFrame, agreements_read_as.ReadAs]:
    """Return the agreements of one template file, checked, and the buurten it read as the nearest buurt (a typo),
    for the overdrachtsdossier (:func:`handed_over` hands them over by the code read).

    Parameters
    ----------
    path
        The filled-in template (``.csv`` with ``,`` or ``;``, or ``.xlsx``).
    buurten
        The project's buurten: code -> name, or the regions table of the project's year (the columns of
        :data:`~buurtdata.sources.interviews.gazetteer.REGION_COLUMNS`, its wijken too). A row may name its buurt
        either way (case ignored); a name several buurten share is refused: the row must give the code. Any other
        text is read by :func:`~buurtdata.sources.interviews.one_buurt.one_buurt`, as ``handouts --buurt`` is
        (``Transvaalbuurt West``, ``Van der Pek``): it must name one buurt by code or name, else the row is refused
        with the gazetteer's reason (did you mean, the forms that place it), the buurten of a wijk, or the closest
        buurten; a postcode is refused (it names where a buurt lies, not which). A name read loosely (a typo, a
        shortened name) is told, by file and row, in a
        :class:`~buurtdata.sources.interviews.one_buurt.BuurtReadLooselyWarning`.
    themes
        Every theme a row may name -> the theme of today's codebook it stands for (a round's codebook mapped).
    refused
        Gemeente code -> why it was not built, in a build of many gemeenten (see
        ``buurtdata.pipeline.scope.refused``): a row whose buurt code lies in one, or whose buurt name only
        a buurt of one has (a :class:`~buurtdata.sources.interviews.gazetteer.Refused` knows their names), is
        left out, with an :class:`AgreementLeftOutWarning` naming the row, the gemeente and the reason; the
        segments of such a gemeente stay unplaced with that reason and the build goes on, as it does here. A
        name of a buurt built and of one not built is refused with both codes, as it would be were both built.
    gemeente, held_in
        The project's gemeente(n) and where the round's interviews were held, as ``resolve_locations`` takes them
        (default: the gemeenten of ``buurten``).
    names
        Names of people (``[privacy] names``): scrubbed out of ``wie`` with any person's name found there, and out
        of ``afspraak`` with those names and contact details (:func:`~buurtdata.sources.owners.agreements_scrubbed`).

    respondents, key
        The pseudonyms of the respondents interviewed and the key they were made with (a build passes them): a row
        whose ``wie`` or ``afspraak`` names one of them by their respondent code (``J01 organiseert een avond``) is
        refused, as is a ``wie`` written as a code without them (:func:`~buurtdata.sources.owners.written_as_a_code`).
        A published agreement would say which person interviewed takes it on; their pseudonym would tie it to
        their quotes in the overdrachtsdossier, and a placeholder would leave the agreement unreadable: the row
        must say it by role (``een bewoner organiseert een avond``).

    ``wie`` asks for a role or organisation: what looks like a person's name there (``Fatima El Amrani (sociaal
    makelaar)``, see :mod:`buurtdata.sources.owners` for what does) is warned of
    (:class:`~buurtdata.sources.interviews.privacy.RealNameWarning`, by its rows) and scrubbed as quotes are, so
    what is printed reads ``[naam] (sociaal makelaar)``. ``theme_agreed`` is the theme as the row
    named it (the round's own name, before renaming or merging), ``theme`` today's.

    Raises
    ------
    ValidationError
        Naming file, row (as a spreadsheet numbers it), value and fix, for an unknown buurt, a buurt name
        several buurten share, a wijk, an unknown theme, an empty agreement, a date empty or not written
        YYYY-MM-DD, or a respondent code; a value that may be a person's name or contact detail (a shifted column)
        is not repeated (:func:`~buurtdata.sources.interviews.privacy.said_value`).
    """
    path = Path(path)
    _, frame = _read(path)
    missing = missing_columns(path, frame)
    if missing:
        raise ValidationError([missing], source=path)
    warn_unread(path, frame)
    regions = buurten if isinstance(buurten, pd.DataFrame) else regions_of(buurten)
    ours = regions[regions["level"] == "buurt"]
    where_held = gemeente if gemeente is not None else sorted({codes.gemeente_of(c) for c in ours["code"]})
    frame, in_column = with_gemeente(frame, regions, where_held, refused or {}, path.name)
    buurten = dict(zip(ours["code"], ours["name"], strict=True))
    gemeente_names = {
        re.sub(r"\s*\([^)]*\)$", "", str(name)).casefold()
        for name in regions.loc[regions["level"] == "gemeente", "name"]
    }
    by_name: dict[str, list[str]] = {}
    for code, name in buurten.items():
        by_name.setdefault(str(name).strip().casefold(), []).append(code)
    aside: dict[str, list[str]] = {}  # name -> codes of the buurten of the gemeenten not built
    regions_aside = refused.regions if isinstance(refused, Refused) else None
    if regions_aside is not None:
        named_aside = regions_aside[(regions_aside["level"] == "buurt") & regions_aside["name"].notna()]
        for code, name in zip(named_aside["code"], named_aside["name"], strict=True):
            aside.setdefault(str(name).strip().casefold(), []).append(code)
    by_code = {code.casefold(): code for code in buurten}
    by_theme = {name.strip().casefold(): (name.strip(), theme) for name, theme in themes.items()}
    refused = refused or {}
    respondents = frozenset(respondents)
    notes = list(in_column.notes.values())
    # Every buurt not named as CBS writes it at once: most files name their buurten so, and need no gazetteer.
    written = by_name.keys() | by_code.keys()  # once: a national project has some 13,000 of each
    loose = [b for b in frame["buurt"].astype(str).str.strip() if b and b.casefold() not in written]
    chosen = (
        one_buurt(
            loose,
            regions,
            where="this project",
            gemeente=where_held,
            refused=refused,
            held_in=held_in,
            gazetteer=in_column.gazetteer,  # the gemeente column's, if it was read: built once
        )
        if loose
        else {}
    )
    problems, rows, left_out = [], [], []
    read_as: dict[int, tuple[str, str, str]] = {}  # read as the nearest buurt, for the dossier (agreements_read_as)
    # Folded once, as scrubbing compares them (a frozenset of the names as written matched no 'T WILBERT).
    places = folded_places(regions["name"].dropna().astype(str))

    said_once = functools.cache(said_value)  # a value said twice in a message is scrubbed once
    pseudonyms: dict[tuple[bytes, str], str] = {}  # each code-shaped word of the file pseudonymised once

    @functools.cache  # a buurt is said up to twice a row, and a shifted column makes every row a bad one
    def said_place(buurt: str) -> str:
        # A buurt is often named like a person (Transvaalbuurt Noord, Van der Pek) and must be quoted for its fix:
        # only a name scrubbing finds beside the project's places, a contact detail, an address or a name that opens
        # with a first name (Truus Hendriks) is not repeated.
        said = said_value(buurt)
        if scrub_text(pd.Series([buurt]), places=places).iat[0] != buurt:
            return said
        return said if buurt.split() and first_name(buurt.split()[0]) else repr(buurt)

    for number, row in zip(frame.index, frame.itertuples(index=False), strict=True):
        where = f"{path.name}, row {number}"
        values = {
            column: "" if pd.isna(value) else str(value).strip()
            for column, value in zip(frame.columns, row, strict=True)
        }
        if not any(values[c] for c in COLUMNS):
            continue
        buurt = values["buurt"]
        if number in in_column.unread:
            problems.append(in_column.unread[number])
            code = None
        else:
            named = sorted(by_name.get(buurt.casefold(), []))
            elsewhere = sorted(aside.get(buurt.casefold(), []))
            code = by_code.get(buurt.casefold()) or by_code.get(f"bu{buurt}".casefold())
            if code is None and len(named) == 1 and not elsewhere:
                code = named[0]
                if buurt.casefold() in gemeente_names:
                    # Sweep 13 #17: 'Ermelo', meant as the whole gemeente, was read as its village-centre buurt.
                    notes.append(
                        f"{where}: buurt {said_place(buurt)} read as buurt {buurten[code]!r} ({code}), which bears the "
                        "gemeente's name; an agreement for the whole gemeente has no buurt: write it for the buurten "
                        f"it is about, or write {code} to say it is this buurt"
                    )
            not_built = _refused_gemeente(buurt, refused) if code is None else None
            # By name: only when no buurt built has it (else it is refused below with every code).
            gemeenten = [not_built] if not_built else [] if named else sorted({codes.gemeente_of(c) for c in elsewhere})
            if code is None and gemeenten:
                lies_in = "; ".join(refused.get(g, g) for g in gemeenten)
                left_out.append(f"{where}: buurt {said_place(buurt)} lies in gemeente {lies_in}")
                continue
            if code is None and len(named) + len(elsewhere) > 1:
                # Marked as the gazetteer marks them: a code in a refused gemeente would only be left out.
                listed = sorted([*named, *(f"{c} in {codes.gemeente_of(c)} (not built)" for c in elsewhere)])
                problems.append(
                    f"{where}: buurt {said_place(buurt)} is the name of {len(listed)} buurten ({', '.join(listed)}); "
                    "write the code (BU...) of the one meant"
                )
            elif code is None and not buurt:
                problems.append(f"{where}: buurt is empty; write the code (BU...) or name of the buurt it is about")
            elif code is None:
                # Not as CBS writes it: read as an interview's location is, told how, or why it is no buurt.
                choice = chosen[buurt]
                code = choice.code
                if choice.not_built:
                    left_out.append(f"{where}: buurt {said_place(buurt)} {_unsaid(choice.why, buurt, said_place)}")
                    continue
                if code is None:
                    problems.append(f"{where}: buurt {said_place(buurt)} {_unsaid(choice.why, buurt, said_place)}")
                elif choice.note:
                    notes.append(f"{where}: {choice.note}")
                    read_as[number] = (buurt, code, buurten.get(code, ""))
        if code is not None:
            problems += in_column.another_gemeente(where, number, code, functools.partial(said_place, values["buurt"]))
        theme = by_theme.get(values["thema"].casefold())
        if theme is None:
            problems.append(
                f"{where}: thema {said_once(values['thema'])} is not in the codebook; "
                f"{_theme_meant(values['thema'], themes)}"
                f"{_themes_accepted(themes)}"
            )
        if not values["afspraak"]:
            problems.append(f"{where}: afspraak is empty; write what was agreed")
        review = read_date(values["terugkijken"])
        if not values["terugkijken"]:
            problems.append(
                f"{where}: terugkijken is empty; write the date to look back on it, as YYYY-MM-DD (e.g. 2024-06-01)"
            )
        elif review is None and (number_said := excel_date_number(values["terugkijken"])):
            problems.append(f"{where}: terugkijken {number_said}")  # a date cell in "Standaard" format (sweep 13 #12)
        elif review is None:
            problems.append(
                f"{where}: terugkijken {said_once(values['terugkijken'])} is not a date written YYYY-MM-DD; "
                f"write {_unsaid(date_meant(values['terugkijken']), values['terugkijken'], said_once)}"
            )
        problems += _respondent_named(where, values["wie"], values["afspraak"], respondents, key, pseudonyms)
        rows.append(
            {
                "code": code,
                "theme": theme[1] if theme else None,
                "agreement": values["afspraak"],
                "owner": values["wie"],
                "review_date": review,
                "theme_agreed": theme[0] if theme else None,
                "row": number,
            }
        )
    if problems:
        raise ValidationError(problems, source=path)
    read = agreements_read_as.reading(path, read_as)
    if notes:
        _errors.warn(
            f"{path}: {len(notes)} buurt(s) not written as CBS writes them, read as the nearest: "
            + "; ".join(notes)
            + "; check them, and write the code or the name as CBS writes it to be sure",
            BuurtReadLooselyWarning,
            stacklevel=2,
        )
    if left_out:
        _errors.warn(
            f"{path}: {len(left_out)} agreement(s) left out, their gemeente was not built: " + "; ".join(left_out),
            AgreementLeftOutWarning,
            stacklevel=2,
        )
    found = pd.DataFrame(rows, columns=[*COLUMNS.values(), "theme_agreed", "row"])
    # Before wie is scrubbed: a name it holds is taken out of every afspraak of the file too.
    found["agreement"] = agreements_scrubbed(found["agreement"], found["owner"], names=names, places=places)
    found["owner"] = owners_scrubbed(found["owner"], names=names, rows=found["row"], path=path, places=places)
    return found.drop(columns="row"), read


def _respondent_named(
    where: str,
    owner: str,
    agreement: str,
    respondents: frozenset[str],
    key: bytes | None,
    pseudonyms: dict[tuple[bytes, str], str],
) -> list[str]:
    """What is wrong with a row whose ``wie`` or ``afspraak`` names an interviewee by their respondent code (user
    test V, left D: ``J01 organiseert een avond`` was published as written). ``pseudonyms``: the file's words
    pseudonymised so far (:func:`~buurtdata.sources.owners.respondent_code` fills it)."""
    why = "a published agreement must not say which person interviewed takes it on"
    found = []
    if code := respondent_code(owner, respondents, key, pseudonyms):
        found.append(
            f"{where}: wie holds the respondent code of an interviewee ({said_value(code)}); write the role or "
            f"organisation that takes it on (e.g. bewoner, jongerenwerker, buurtteam): {why}"
        )
    elif not (respondents and key) and written_as_a_code(owner):
        # Without the respondents (a build passes them) the shape alone tells; with them only a real code is refused.
        found.append(
            f"{where}: wie {said_value(owner)} is written as a respondent code (letters and a number); write the "
            f"role or organisation that takes it on (e.g. bewoner, jongerenwerker, buurtteam): {why}; if it is a "
            "team's own name, write it with a space (Wijkteam 2)"
        )
    if code := respondent_code(agreement, respondents, key, pseudonyms):
        found.append(
            f"{where}: afspraak holds the respondent code of an interviewee ({said_value(code)}); say who by role "
            f"(e.g. 'een bewoner organiseert een avond'): {why}; if it numbers a place or thing, not a person, write "
            "the word for it right before it (flat B3, lokaal B1, lijn L6)"
        )
    return found


def _unsaid(text: str, value: str, said: Callable[[str], str] = said_value) -> str:
    """``text`` (a reason or suggestion that may quote ``value``) without ``value`` when a message may not repeat
    it (``said``: :func:`~buurtdata.sources.interviews.privacy.said_value`)."""
    return text if said(value) == repr(value) or value not in text else text.replace(value, "…")


def themes_named(path: str | Path) -> set[str]:
    """The themes an agreements file names (its ``thema`` cells as written), before any is checked: a round's
    theme that no segment uses still needs a mapping when an agreement names it."""
    _, frame = _read(Path(path))
    return {cell for cell in frame.get("thema", pd.Series(dtype=object)) if cell}


def _theme_meant(written: str, themes: Mapping[str, str]) -> str:
    """``did you mean 'Groen en openbare ruimte'? `` when one theme holds the word written or is spelt almost alike."""
    meant = mapped_to(written, {theme: theme for theme in set(themes.values())})
    return "" if meant.startswith("<") else f"did you mean {meant!r}? "


def _themes_accepted(themes: Mapping[str, str]) -> str:
    """The themes a row may name: today's, and the round's own names with the theme of today each stands for."""
    today = sorted(set(themes.values()))
    own = sorted(f"{name} (= {theme})" for name, theme in themes.items() if name not in today)
    return f"write one of today's themes ({', '.join(today)})" + (
        f" or of the round's own names ({', '.join(own)})" if own else ""
    )


def handed_over(
    path: str | Path,
    *,
    names: Iterable[str] = (),
    places: Iterable[str] = (),
    read_as: agreements_read_as.ReadAs | None = None,
) -> bytes:
    """Return an agreements file as an overdrachtsdossier holds it: a CSV for Excel with Dutch settings (``;``,
    UTF-8 with a BOM; a workbook too, its first visible sheet), its comment lines and rows as written, only the
    columns :func:`read_agreements` reads, ``wie`` and ``afspraak`` scrubbed as they are printed
    (:func:`owners_scrubbed`, :func:`agreements_scrubbed`), a ``buurt`` the build read as the nearest buurt by the code
    it read (``read_as``, :func:`read_agreements_as` returned it; said in a comment line) and the comments scrubbed as
    quotes are; ``places``: the project's region names, kept as the build keeps them."""
    places = folded_places(places)
    path = Path(path)
    comments, cells, _ = _cells(path)
    header = [cell.strip().lower() for cell in cells[0]] if cells else []
    body = cells[1:]

    def column(name: str) -> pd.Series:
        at = header.index(name) if name in header else None
        return pd.Series([row[at] if at is not None and at < len(row) else "" for row in body], dtype=object)

    def put(name: str, cells: pd.Series) -> None:
        at = header.index(name)
        for row, cell in zip(body, cells, strict=True):
            if at < len(row):
                row[at] = cell

    # A buurt the build read as the nearest (a typo) is handed over as read, the code (sweep 13 #3), and said.
    comments = [*comments, *agreements_read_as.carried(read_as, path, header, body, len(comments) + 2)]
    owners = column("wie")  # as written: its names are taken out of the afspraak too
    if "afspraak" in header:
        put("afspraak", agreements_scrubbed(column("afspraak"), owners, names=names, places=places))
    if "wie" in header:
        put("wie", owners_scrubbed(owners, names=names, places=places))
    buffer = io.StringIO()
    for line in scrub_text(pd.Series(comments, dtype=object), names=names, places=places) if comments else []:
        buffer.write(f"{line}\n")
    # Only the columns buurtdata reads pass (sweep 13 #21: a wijkwerker's contact and notitie columns, names, phone
    # numbers and remarks about residents, were handed over as typed); read_agreements warned of them.
    kept = [at for at, name in enumerate(header) if name in COLUMNS or name in GEMEENTE_HEADERS]
    cells = [[row[at] if at < len(row) else "" for at in kept] for row in cells]
    # The successor opens it in a spreadsheet: a formula-leading cell gets a ' before it (sweep 12 F2), which
    # reading it back takes off (_cells); as Excel with Dutch settings opens a CSV, whatever the file was written
    # with (sweep 13 #6: ';', UTF-8 with a BOM, as the fragments beside it).
    writer = csv.writer(buffer, delimiter=SEPARATOR, lineterminator="\n")
    writer.writerows([[formula_safe(cell) for cell in row] for row in cells])
    return buffer.getvalue().encode("utf-8-sig")


def not_handed_over(path: str | Path) -> list[str]:
    """The filled columns of an agreements file that :func:`handed_over` leaves behind (it packs only those read)."""
    return [name or f"column {at + 1}" for at, name in unread(_read(Path(path))[1])]


def _refused_gemeente(buurt: str, refused: Mapping[str, str]) -> str | None:
    """Return the refused gemeente a buurt code (``BU00140907`` or ``00140907``) lies in, else None."""
    if not refused:
        return None
    try:
        gemeente = codes.gemeente_of(codes.normalize(buurt, level="buurt"))
    except CodeError:
        return None  # a name
    return gemeente if gemeente in refused else None


def _read(path: Path) -> tuple[list[str], pd.DataFrame]:
    """Return the comment lines above the header, and the rows as text, indexed by their row number as a
    spreadsheet numbers them."""
    comments, cells, _ = _cells(path)
    if not cells:
        return comments, pd.DataFrame()  # no header: the missing columns are said by the caller
    # A row longer or shorter than the header (a cell left out at its end) is filled out, as a spreadsheet shows it.
    width = max(len(row) for row in cells)
    header, *rows = ([*row, *[""] * (width - len(row))] for row in cells)
    return comments, _notes_out(path, pd.DataFrame(rows, columns=header, dtype=object), len(comments) + 2)


def _cells(path: Path) -> tuple[list[str], list[list[str]], str]:
    """Return the comment lines above the header (a CSV's lines, a workbook's first cells, starting with ``#``),
    the header and rows below it as text cells, and the file's separator (``,`` for a workbook)."""
    if not path.is_file():
        msg = f"Agreements file {path} does not exist; fill in {template_for(path)} and name it in the project file"
        raise InputFileError(msg)
    if path.suffix.lower() == ".xlsx":
        # As in a CSV, the rows above the header that start with # are comments (the template's, pasted in).
        sheet = sheet_read(path)  # the first sheet Excel shows: a hidden one is not read
        table = pd.read_excel(path, sheet_name=sheet, dtype=str, header=None).fillna("")
        # Only that sheet is read: a visible sheet after it with agreements too (a tab per meeting) is refused.
        refuse_other_sheets(path, agreed, sheet)
        rows = [[unescaped(str(cell)) for cell in row] for row in table.itertuples(index=False)]
        first = next((i for i, row in enumerate(rows) if _header_like(row[0] if row else "", row)), len(rows))
        return [row[0] for row in rows[:first]], rows[first:], ","
    data = path.read_bytes()
    try:
        text, _ = decoded(data)  # UTF-8, or as Excel on Windows saved it
    except UnicodeDecodeError as error:
        raise undecodable(path, data, error.start, rows=False) from None  # comments above the header too
    lines = text.splitlines(keepends=True)
    first = next((i for i, line in enumerate(lines) if _header_like(line, [line])), len(lines))
    head = lines[first] if first < len(lines) else ""
    separator = ";" if head.count(";") > head.count(",") else ","
    # Read whole, not line by line: a quoted cell may hold a line break (Alt+Enter in Excel), and keeps it.
    body = csv.reader(io.StringIO("".join(lines[first:]), newline=""), delimiter=separator)
    rows = [[unescaped(cell) for cell in row] for row in body]  # as packed in a dossier, without the ' (_spreadsheet)
    return [line.rstrip("\r\n") for line in lines[:first]], rows, separator


def _header_like(first: str, row: list[str]) -> bool:
    """Whether a line (its first cell, and all its cells) can be the header: no comment, not blank."""
    return not first.strip().startswith("#") and any(cell.strip() for cell in row)


def _notes_out(path: Path, frame: pd.DataFrame, first: int) -> pd.DataFrame:
    """The rows of a CSV or a workbook alike, indexed by row number from ``first``, without a row that is nothing
    but a '#' note (said, as interview tables say it)."""
    frame = frame.fillna("").astype(str).apply(lambda column: column.str.strip())
    return _clean(comments_below(path, frame.set_axis(range(first, first + len(frame))), stacklevel=5))


def _clean(frame: pd.DataFrame) -> pd.DataFrame:
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    return frame
