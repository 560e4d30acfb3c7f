"""The privacy audit of a build: read what was published, reason like a hostile reader, fail if a group gives way.

:func:`buurtdata.outputs.build.build` runs :func:`check` on its output folder after every output is written
and before the folder is published. The audit knows nothing the build knows: it reads only the files a
reader gets (the DuckDB database, the GeoPackage, the CSV, every HTML, notebook and text file) and tries
what the README section "Privacy: wat wordt wel en niet getoond" promises cannot be done:

* a shown count below the threshold k, anywhere (buurt, wijk, role, every interview round, a change between
  rounds, GeoPackage), a hidden group's count of segments, and a change between rounds beside a hidden count
  (:mod:`buurtdata.outputs._audit_rounds`);
* the size of hidden buurt groups from a wijk row: W respondents, m buurten of the wijk with "te weinig
  stemmen" (1 to k-1 each), n with "te weinig gesprekken" (0 to k-1 each: whether their few people named the theme
  must not follow either) and at most the wijk-only segments of ``unplaced_segments`` besides them; a withheld wijk
  row beside such a buurt that does not say "te weinig gesprekken" (:mod:`buurtdata.outputs._audit_wijk`);
* the size of hidden role cells from a shown buurt-theme total minus the shown roles, and shown role cells
  adding up to 1 to k-1 more than the total (that few people counted under two roles);
* quotes from a group that is not shown, a speaker's role where the roles are not shown, or more quotes
  of a role than the role counts;
* a buurt where only 1 to k-1 people were heard that tells its themes apart, in any round (read on the build's own
  connection, :mod:`buurtdata.outputs._audit_thin`);
* a respondent pseudonym (``R-`` and 10 hex digits) or a respondent column in any published file;
* the project's folder or the home folder in any published text file or database table (where, and often who,
  the analyst is: :mod:`buurtdata.outputs._audit_folders`);
* a published quote that still holds a phone number (also said aloud: nul zes, twaalf, ...), e-mail address, postcode
  or other contact detail, or a run of 6 or more digits that is no amount, date, time or year (what is left of a
  phone number a rule cut in two): scrubbing (:mod:`buurtdata.sources.interviews.scrub`) should have taken it out,
  this checks it did;
* a published quote that scrubbing would still take (part of) a person's name out of (with the project's ``[privacy]
  names`` and the regions' names kept as places, as the build scrubbed it): scrubbing its own output changes nothing,
  so a quote edited after scrubbing or never scrubbed; named by its buurt, theme and opening words as scrubbing
  leaves them, never by the name;
* an agreement's ``wie`` that scrubbing would still change: a contact detail, a name after a title, a name of the
  project's ``[privacy] names`` (which the build passes: a name the reader's rule missed but the project lists fails
  the build) or a part that looks like a person's name by :mod:`buurtdata.sources.owners`' rule (a name that rule
  does not see, a single given name or an organisation's word as a surname, is not found here either);
* an agreement's ``afspraak`` that scrubbing would still change (a contact detail, a name after a title, a name of
  ``[privacy] names``) or that holds a phone number's digits, as a quote.

>>> from buurtdata.outputs.audit import sizes
>>> sizes(total=4, groups=2, k=3)  # two buurten with "te weinig stemmen" beside a wijk row of 4
(2, 2)
>>> sizes(total=3, groups=2, k=3)
(1, 2)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from buurtdata._errors import BuurtdataError
from buurtdata.outputs._audit_folders import folder_forms, folders_in_tables, names_folder
from buurtdata.outputs._audit_rounds import changes_shown, hidden_segments
from buurtdata.outputs._audit_thin import themes_told_apart
from buurtdata.outputs._audit_wijk import wijk_rows
from buurtdata.sources.interviews.scrub import contact_details, names_left, scrub_text
from buurtdata.sources.owners import owners_scrubbed

#: What the audit reads of each mart, under names of its own: a renamed mart column changes one line here.
_READS = {
    "buurt_themes": "select code as buurt, wijk_code as wijk, theme, respondents, segments, theme_status as status "
    "from buurt_themes",
    "wijk_themes": "select code as wijk, theme, respondents, segments, theme_status as status from wijk_themes",
    # Every round's counts, and the changes between rounds (user test V: not read before).
    "rounds": "select code as buurt, theme, round_number, respondents, segments, theme_status as status "
    "from buurt_theme_rounds",
    "changes": "select code as buurt, theme, respondents_from, respondents_to, change from buurt_theme_changes",
    "followup": "select code as buurt, theme, respondents_from, respondents_to, change from buurt_followup",
    "roles": "select code as buurt, theme, role, respondents, theme_status as status from buurt_theme_roles",
    "quotes": "select code as buurt, theme, role, quote from buurt_quotes",
    # Today's round only (labelled as [interviews] is): wijk_themes counts no earlier round.
    "unplaced": (
        "select wijk_code as wijk from unplaced_segments where round = (select interviews from project_settings)"
    ),
    "owners": "select code as buurt, owner, agreement from agreements",
    # The regions' names, which scrubbing keeps (a buurt called Reinier is no person): read as the build passed them.
    "places": "select distinct name from regions where name is not null",
}
_SHOWN, _TOO_FEW = "getoond", "te weinig stemmen"
#: A respondent pseudonym, found by its literal start; pseudonym_in checks the word boundary before it (a
#: leading \b would make the regex engine try every position: 30 times slower over a report's megabytes).
_PSEUDONYM = re.compile(r"R-[0-9a-f]{10}\b")
_WORD = re.compile(r"\w")
_TEXT_FILES = {".html", ".csv", ".ipynb", ".txt", ".md", ".json", ".svg"}
DATABASE = "buurtdata.duckdb"


class DisclosureError(BuurtdataError):
    """A published table or file lets a reader work out the size of a group that is meant to stay hidden."""


def check(out: str | Path, names: Iterable[str] = (), folders: Iterable[str | Path] = ()) -> None:
    """Raise :class:`DisclosureError` listing every problem :func:`audit` finds in the build folder ``out``
    (``names``: the project's ``[privacy] names``, never published, looked for in ``wie``; ``folders``: those of
    the machine the build ran on, see :func:`buurtdata.outputs._audit_folders.machine_folders`)."""
    _refuse(out, audit(out, names, folders))


def check_database(con: duckdb.DuckDBPyConnection, out: str | Path, names: Iterable[str] = ()) -> None:
    """Raise :class:`DisclosureError` listing every problem :func:`audit_database` finds in the database a build
    of ``out`` prints from without publishing it (the handouts alone)."""
    _refuse(out, audit_database(con, names))


def check_thin(con: duckdb.DuckDBPyConnection, out: str | Path) -> None:
    """Raise :class:`DisclosureError` when a buurt where only 1 to k-1 people were heard tells its themes apart, read
    on the build's own connection (:mod:`buurtdata.outputs._audit_thin`; the published files hold no count of the
    people heard per buurt)."""
    k = _threshold(con)
    _refuse(out, themes_told_apart(con, k) if k is not None else [])


def _refuse(out: str | Path, problems: list[str]) -> None:
    if problems:
        msg = (
            f"The privacy audit of {out} failed; nothing may be published until this is fixed "
            "(see the README, 'Privacy: wat wordt wel en niet getoond'):\n" + "\n".join(f"  - {p}" for p in problems)
        )
        raise DisclosureError(msg)


def audit(out: str | Path, names: Iterable[str] = (), folders: Iterable[str | Path] = ()) -> list[str]:
    """Return every way a reader of the build folder ``out`` can size a hidden group (empty: none found), and
    every published file or table that names one of ``folders``."""
    out = Path(out)
    said = folder_forms(folders)
    problems = _files(out, said)
    database = out / DATABASE
    if not database.exists():
        return problems
    con = duckdb.connect(str(database), read_only=True)
    try:
        problems += folders_in_tables(con, said)
        problems += audit_database(con, names)
        k = _threshold(con)
    finally:
        con.close()
    gpkg = out / "buurten.gpkg"
    if gpkg.exists() and k is not None:
        problems += _geopackage(gpkg, k)
    return problems


def audit_database(con: duckdb.DuckDBPyConnection, names: Iterable[str] = ()) -> list[str]:
    """Return the problems in the published tables of a database (see :func:`audit_tables`)."""
    tables = {
        row[0]
        for row in con.execute(
            "select table_name from information_schema.tables where table_type = 'BASE TABLE' "
            "and table_schema = current_schema()"
        ).fetchall()
    }
    problems = [
        f"{DATABASE}: table {t} has a respondent column" for t in sorted(tables) if "respondent" in _columns(con, t)
    ]
    k = _threshold(con)
    if k is None or "buurt_themes" not in tables:
        return problems
    frames = {}
    for name, sql in _READS.items():
        table = sql.split(" from ", 1)[1].split()[0]
        if table in tables:
            # A database of an older build, or a table made by hand, may lack the segments column: read what it has.
            segments = "segments" in sql and "segments" in _columns(con, table)
            frames[name] = con.sql(sql if segments else sql.replace(" segments,", "")).df()
    # On the build's own connection (check_database) the people heard per buurt are there to check against.
    return problems + audit_tables(frames, k, names) + themes_told_apart(con, k)


def _threshold(con: duckdb.DuckDBPyConnection) -> int | None:
    try:
        return int(con.execute("select privacy_threshold from project_settings").fetchall()[0][0])
    except duckdb.CatalogException:
        return None


def audit_tables(frames: dict[str, pd.DataFrame], k: int, names: Iterable[str] = ()) -> list[str]:
    """Return the problems in published tables (the frames :data:`_READS` gives), threshold ``k``; ``names``: the
    project's ``[privacy] names``."""
    problems = []
    for name in ("buurt_themes", "wijk_themes", "roles", "rounds"):
        if name in frames:
            problems += _below_threshold(name, frames[name], k)
            problems += hidden_segments(name, frames[name])
    for name in ("changes", "followup"):
        if name in frames:
            problems += changes_shown(name, frames[name], k)
    if "wijk_themes" in frames:
        problems += wijk_rows(frames["buurt_themes"], frames["wijk_themes"], frames.get("unplaced"), k)
    if "roles" in frames:
        problems += _roles(frames["buurt_themes"], frames["roles"], k)
    if "quotes" in frames:
        problems += _quotes(frames["buurt_themes"], frames.get("roles"), frames["quotes"])
        places = frames["places"]["name"] if "places" in frames else ()
        problems += _quoted_contact_details(frames["quotes"], names, places)
        problems += _quoted_names(frames["quotes"], names, places)
    if "owners" in frames:
        # An agreement's wie is printed beside the quotes: scrubbed again, it must stay as it is.
        owners = frames["owners"].dropna(subset=["owner"])
        places = frames["places"]["name"] if "places" in frames else ()
        again = owners_scrubbed(owners["owner"], names=names, places=places)
        problems += [
            f"agreements: the wie of an agreement of {buurt} still holds what looks like a person's name or a contact "
            "detail; write a role or organisation there in the agreements file and build again"
            for buurt, before, after in zip(owners["buurt"], owners["owner"], again, strict=True)
            if before != after
        ]
        if "agreement" in frames["owners"].columns:
            problems += _agreements(frames["owners"].dropna(subset=["agreement"]), names, places)
    return problems


def _agreements(agreements: pd.DataFrame, names: Iterable[str], places: Iterable[str] = ()) -> list[str]:
    """An afspraak is printed as a quote is: scrubbed again (with the region names the build kept, ``places``)
    it must stay as it is, and hold no phone number's digits. Named by buurt, never by what was found."""
    again = scrub_text(agreements["agreement"], names=names, places=places)
    problems = []
    for buurt, before, after in zip(agreements["buurt"], agreements["agreement"], again, strict=True):
        if before != after:
            problems.append(
                f"agreements: the afspraak of an agreement of {buurt} still holds a contact detail, a name after a "
                "title or a name of [privacy] names; take it out of the afspraak in the agreements file and build again"
            )
        elif any(_phone_digits(run) for run in _DIGIT_RUN.finditer(before)):
            # Said as what it is (review s3: "zaaknummer 2024-00123" failed under the message above).
            problems.append(
                f"agreements: the afspraak of an agreement of {buurt} holds a run of 6 or more digits that may be "
                "(part of) a phone number; take it out of the afspraak in the agreements file, or, if it is no phone "
                "number, write an amount with its dots ('€ 1.250.000') and split a case number by a word "
                "('zaak 2024 nr 00123')"
            )
    return problems


def sizes(total: int, groups: int, k: int) -> tuple[int, int]:
    """Return the smallest and largest size one of ``groups`` hidden groups (1 to k-1 each) can have.

    ``total`` is what the groups hold together as a reader can compute it; the range is empty (low > high)
    when no sizes add up, e.g. because one person spoke in two buurten.
    """
    return max(1, total - (groups - 1) * (k - 1)), min(k - 1, total - (groups - 1))


def _below_threshold(name: str, frame: pd.DataFrame, k: int) -> list[str]:
    shown = frame[frame["respondents"].notna()]
    small = shown[(shown["respondents"] > 0) & (shown["respondents"] < k)]
    if small.empty:
        return []
    return [f"{name}: {len(small)} row(s) show fewer than {k} respondents, e.g. {small.iloc[0].to_dict()}"]


def _roles(buurten: pd.DataFrame, roles: pd.DataFrame, k: int) -> list[str]:
    # Sums per (buurt, theme) over whole columns, not a loop over the groups: 151,680 groups nationally took 17 s.
    keys = ["buurt", "theme"]
    roles = roles.dropna(subset=keys)
    # to_numeric, not astype: an object column may hold pd.NA, which astype("float64") refuses.
    counts = pd.to_numeric(roles["respondents"]).astype("float64")
    small = roles["status"] == _TOO_FEW
    groups = (
        pd.DataFrame({"shown_roles": counts.notna(), "counted": counts.fillna(0), "small": small})
        .groupby([roles["buurt"], roles["theme"]])
        .agg({"shown_roles": "any", "counted": "sum", "small": "sum"})
        .reset_index()
    )
    totals = buurten.loc[buurten["status"] == _SHOWN, [*keys, "respondents"]]
    # Keys typed differently in the two tables (whole numbers beside text) are compared as Python values, so 1
    # and "1" are two groups (the roles' group is then "not shown", which is reported too); pandas refuses to
    # merge such columns at all. The marts' keys are typed by DuckDB, so this is only hostile input.
    for key in keys:
        if groups[key].dtype != totals[key].dtype:
            groups[key], totals[key] = groups[key].astype(object), totals[key].astype(object)
    groups = groups.merge(totals.rename(columns={"respondents": "total"}), on=keys, how="left", indicator=True)
    shown = groups["_merge"] == "both"
    # Truncated towards zero, as int() of the difference.
    groups["total"] = pd.to_numeric(groups["total"]).astype("float64")
    groups["remainder"] = np.trunc(groups["total"] - groups["counted"])
    # sizes() over the columns (it takes one group at a time).
    low = np.maximum(1, groups["remainder"] - (groups["small"] - 1) * (k - 1))
    high = np.minimum(k - 1, groups["remainder"] - (groups["small"] - 1))
    groups["low"] = low
    # Role cells adding up to more than the total count someone under two roles (a shopkeeper living above the
    # shop): bewoner 3 + ondernemer 3 of a total 5 tells exactly 1 such person (user test M).
    twice = shown & groups["shown_roles"] & (-groups["remainder"]).between(1, k - 1)
    found = groups[(~shown & groups["shown_roles"]) | (shown & (groups["small"] > 0) & (low == high)) | twice]
    names = roles[small].groupby(keys, sort=False)["role"].agg(list) if not found.empty else None
    problems = []
    for group in groups[shown & groups["total"].isna()].itertuples(index=False):
        problems.append(f"buurt_themes: {group.buurt} {group.theme} is shown without a count of respondents")
    for row, is_shown in zip(found.itertuples(index=False), shown[found.index], strict=True):
        if not is_shown:
            problems.append(f"buurt_theme_roles: {row.buurt} {row.theme} shows roles of a group that is not shown")
            continue
        if row.remainder < 0:
            problems.append(
                f"buurt_theme_roles: {row.buurt} {row.theme}: the shown roles add up to {int(-row.remainder)} more "
                f"than the total {int(row.total)}: that few people are counted under two or more roles"
            )
            continue
        small_roles = names[(row.buurt, row.theme)]
        problems.append(
            f"buurt_theme_roles: {row.buurt} {row.theme}: total {int(row.total)} minus the shown roles "
            f"leaves {int(row.remainder)} for {len(small_roles)} small role(s) ({', '.join(map(str, small_roles))}): "
            f"each must be {int(row.low)}"
        )
    return problems


def _quotes(buurten: pd.DataFrame, roles: pd.DataFrame | None, quotes: pd.DataFrame) -> list[str]:
    shown = set(map(tuple, buurten.loc[buurten["status"] == _SHOWN, ["buurt", "theme"]].to_numpy()))
    groups = quotes[["buurt", "theme"]].drop_duplicates().itertuples(index=False)
    problems = [
        f"buurt_quotes: a quote from {b} {t}, a group that is not shown" for b, t in groups if (b, t) not in shown
    ]
    if roles is None:
        return problems
    cells = roles.set_index(["buurt", "theme", "role"])
    spoken = quotes.dropna(subset=["role"]).groupby(["buurt", "theme", "role"]).size()
    for (buurt, theme, role), count in spoken.items():
        shown_count = cells["respondents"].get((buurt, theme, role))
        if shown_count is None or pd.isna(shown_count):
            problems.append(
                f"buurt_quotes: a quote names the role {role} in {buurt} {theme}, where roles are not shown"
            )
        elif count > shown_count:
            problems.append(
                f"buurt_quotes: {count} quotes of {role} in {buurt} {theme}, more than its {int(shown_count)}"
            )
    return problems


#: A run of 6 or more digits, not glued to a word (a buurt code), with at most one -, ., / or bracket between two
#: of them (spaces end it: 2024 12 is a year and a count); the forms of _NO_PHONE are no phone number.
_DIGIT_RUN = re.compile(r"(?<![\dA-Za-z])(?<!\d[.,])\d(?:[-‐‑–—./()]?\d){5,}(?![\d])")
_NO_PHONE = re.compile(
    r"[1-9]\d{0,2}(?:\.\d{3})+"  # an amount: 1.250.000
    r"|\d{1,2}([-./])\d{1,2}\1\d{2,4}"  # a date: 01-02-2024
    r"|(?:19|20)\d\d(?:[-‐‑–—/](?:(?:19|20)\d\d|\d\d))+"  # years: 2019-2024, 2019/20
    r"|\d{1,2}\.\d\d[-‐‑–—]\d{1,2}\.\d\d"  # times: 12.30-13.00
    r"|[1-9]\d{0,2}\.\d+"  # a decimal: 52.27026
)
_AMOUNT_AROUND = re.compile(r"[€$]\s?$|^\s?(?:euro|EUR|%)", re.IGNORECASE)


def _quoted_contact_details(quotes: pd.DataFrame, names: Iterable[str], places: Iterable[str]) -> list[str]:
    """A published quote is scrubbed: a contact detail or a phone number's digits in one means scrubbing missed a
    spelling. Named by buurt, theme and its opening words as scrubbing leaves them (with the project's ``names`` and
    ``places``, as the build scrubbed it), runs of digits masked (the order of the quotes is not one the user sees),
    never by what was found."""
    if "quote" not in quotes.columns:
        return []
    leaks = []
    for row in quotes.itertuples(index=False):
        if not isinstance(row.quote, str):
            continue
        placeholders = contact_details(row.quote)
        found = [_KINDS[placeholder] for placeholder in placeholders]
        if "[telefoon]" not in placeholders and any(_phone_digits(run) for run in _DIGIT_RUN.finditer(row.quote)):
            found.append("a phone number's digits")
        if found:
            leaks.append((row.buurt, row.theme, row.quote, ", ".join(dict.fromkeys(found))))
    if not leaks:
        return []
    again = scrub_text(pd.Series([quote for _, _, quote, _ in leaks], dtype=object), names=names, places=places)
    return [
        f"buurt_quotes: the quote of {buurt} {theme} that begins {_opening(text)} still holds {what}. Scrubbing "
        "missed this spelling: take it out of that quote in the interview file (or set its consent to nee, or "
        "publish_quotes = false under [privacy]) and build again"
        for (buurt, theme, _, what), text in zip(leaks, again, strict=True)
    ]


def _quoted_names(quotes: pd.DataFrame, names: Iterable[str], places: Iterable[str]) -> list[str]:
    """A published quote is scrubbed: scrubbing it again (with the project's ``names`` and the regions' names as
    ``places``, as the build scrubbed it) must take out nothing more. Scrubbing its own output changes nothing
    (review T M1), so a finding is a quote published unscrubbed or edited after the build. Named by buurt, theme and
    its opening words as scrubbing leaves them (the order of the quotes is not one the user sees), never by the
    name."""
    if "quote" not in quotes.columns or quotes.empty:
        return []
    left = names_left(quotes["quote"], names=names, places=places).to_numpy()
    if not left.any():
        return []
    found = quotes[left > 0]
    again = scrub_text(found["quote"].astype(str), names=names, places=places)
    return [
        f"buurt_quotes: the quote of {buurt} {theme} that begins {_opening(text)} still holds part of what looks "
        "like a person's name: scrubbing would still take it out (so it was published unscrubbed or edited after "
        "scrubbing). Write a role instead of the name in that quote in the interview file (de buurvrouw, de "
        "wijkagent), or add the name to names under [privacy] (or set its consent to nee, or publish_quotes = false "
        "under [privacy]), and build again"
        for buurt, theme, text in zip(found["buurt"], found["theme"], again, strict=True)
    ]


def _opening(scrubbed: str, words: int = 6) -> str:
    """The first words of a quote as scrubbing leaves it, with any longer run of digits masked, between quotes:
    enough to find it in the interview file, without the name (or number) the audit found.

    >>> _opening("[naam] [naam] zegt dat de bus verdwijnt."), _opening("Bel 0612345678 zegt [naam]")
    ('“[naam] [naam] zegt dat de bus ...”', '“Bel … zegt [naam]”')
    """
    split = scrubbed.split()
    text = re.sub(r"\d{3,}", "…", " ".join(split[:words]))
    return f"“{text}{' ...' if len(split) > words else ''}”"


def _phone_digits(run: re.Match[str]) -> bool:
    text = run.string
    if _NO_PHONE.fullmatch(run[0]):
        return False
    return not (
        _AMOUNT_AROUND.search(text[max(0, run.start() - 2) : run.start()])
        or _AMOUNT_AROUND.search(text[run.end() : run.end() + 5])
    )


#: What each placeholder of scrubbing stands for, as an audit problem names it.
_KINDS = {
    "[telefoon]": "a phone number",
    "[e-mail]": "an e-mail address",
    "[link]": "a link",
    "[rekening]": "a bank account number",
    "[bsn]": "a BSN",
    "[adres]": "a postcode",
}


def _geopackage(gpkg: Path, k: int) -> list[str]:
    import pyogrio

    if "buurt_themes" not in {name for name, _ in pyogrio.list_layers(gpkg)}:
        return []
    fields = set(pyogrio.read_info(gpkg, layer="buurt_themes")["fields"])
    columns = [c for c in ("respondents", "segments") if c in fields]
    layer = pyogrio.read_dataframe(gpkg, layer="buurt_themes", read_geometry=False, columns=columns)
    return _below_threshold("buurten.gpkg buurt_themes", layer, k) + hidden_segments("buurten.gpkg buurt_themes", layer)


def _files(out: Path, folders: dict[str, str] | None = None) -> list[str]:
    problems = []
    for path in sorted(p for p in out.rglob("*") if p.suffix.lower() in _TEXT_FILES and p.is_file()):
        text = path.read_text(encoding="utf-8", errors="replace")
        found = pseudonym_in(text)
        if found:
            problems.append(f"{path.relative_to(out)}: holds a respondent pseudonym ({found})")
        named = {what: None for form, what in (folders or {}).items() if names_folder(text, form)}
        problems += [f"{path.relative_to(out)}: names {what}" for what in named]
    return problems


def pseudonym_in(text: str) -> str | None:
    """Return the first respondent pseudonym in ``text`` standing as a word of its own, or None.

    >>> pseudonym_in("respondent R-0123456789, xR-0123456789"), pseudonym_in("xR-0123456789 R-0123456789ab")
    ('R-0123456789', None)
    """
    for match in _PSEUDONYM.finditer(text):
        if match.start() == 0 or not _WORD.match(text, match.start() - 1):
            return match[0]
    return None


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> set[str]:
    return {
        row[0]
        for row in con.execute(
            "select column_name from information_schema.columns where table_name = ?", [table]
        ).fetchall()
    }
