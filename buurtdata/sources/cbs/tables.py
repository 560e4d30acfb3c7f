"""The CBS table id of each year's *Kerncijfers wijken en buurten* (KWB), and checks of table ids."""

from __future__ import annotations

import re

from buurtdata._errors import DataNotAvailableError

# CBS table id of the KWB of each year. Verified against CBS metadata: 2017 (v4 Properties document in
# shared/datasets), 2020 and 2024 (DataProperties/TableInfos in shared/datasets), and 2016, 2018, 2019, 2021,
# 2022, 2023 (the table page www.cbs.nl/nl-nl/cijfers/detail/<id> is titled "Kerncijfers wijken en buurten <year>").
# 2015 and 2025: NOT verified against CBS; no CBS page or metadata of 83220NED or 86165NED was found (the stored
# CBS table pages cover 2013, 2014, 2016-2019, 2022, 2023). Several independent public scripts list both ids in
# year-to-table lists that agree with the verified years, so they are kept, marked as unverified.
KWB_2015 = "83220NED"  # NOT verified against CBS metadata: only third-party code lists it for 2015.
KWB_2016 = "83487NED"
KWB_2017 = "83765NED"
KWB_2018 = "84286NED"
KWB_2019 = "84583NED"
KWB_2020 = "84799NED"
KWB_2021 = "85039NED"
KWB_2022 = "85318NED"
KWB_2023 = "85618NED"
KWB_2024 = "85984NED"
KWB_2025 = "86165NED"  # NOT verified against CBS metadata: only third-party code lists it for 2025.
KWB_TABLES: dict[int, str] = {
    2015: KWB_2015,
    2016: KWB_2016,
    2017: KWB_2017,
    2018: KWB_2018,
    2019: KWB_2019,
    2020: KWB_2020,
    2021: KWB_2021,
    2022: KWB_2022,
    2023: KWB_2023,
    2024: KWB_2024,
    2025: KWB_2025,
}

#: Attribution to show wherever CBS figures are shown.
ATTRIBUTION = "Bron: CBS"

#: A CBS table id, e.g. ``85984NED``.
TABLE_ID = re.compile(r"\d{5}(NED|ENG)", re.IGNORECASE)


def check_table(table: str) -> str:
    """Return a CBS table id in canonical form; any well-formed id may be passed, not only :data:`KWB_TABLES`.

    >>> check_table(" 85984ned")
    '85984NED'
    """
    text = str(table).strip().upper()
    if not TABLE_ID.fullmatch(text):
        known = ", ".join(f"{year}: {tid}" for year, tid in sorted(KWB_TABLES.items()))
        msg = (
            f"{table!r} is not a CBS table id; ids are 5 digits and "
            f"NED, e.g. '85984NED'. KWB ids buurtdata knows: {known}. "
            f"Look others up on https://opendata.cbs.nl (search 'Kerncijfers wijken en buurten')."
        )
        raise DataNotAvailableError(msg)
    return text


def table_for(year: int) -> str:
    """Return the CBS table id of the KWB of ``year``.

    >>> table_for(2024)
    '85984NED'
    """
    if year not in KWB_TABLES:
        msg = (
            f"No KWB table id is known for {year}; known years are {min(KWB_TABLES)}-{max(KWB_TABLES)}. "
            f"Look the id up on https://opendata.cbs.nl (search 'Kerncijfers wijken en buurten {year}') and pass it "
            f"as table='...', or pass the files of that year to read_kerncijfers."
        )
        raise DataNotAvailableError(msg)
    return KWB_TABLES[year]


def year_of(table: str) -> int | None:
    """Return the KWB year of a table id buurtdata knows, else ``None``.

    >>> year_of("84799NED")
    2020
    """
    return next((year for year, known in KWB_TABLES.items() if known == table), None)


#: A KWB year in a file name, as CBS (``kwb-2024.xlsx``) and buurtdata's sample (``kwb2024_85984NED``) write it.
KWB_FILE_YEAR = re.compile(r"kwb[-_]?((?:19|20)\d{2})(?!\d)", re.IGNORECASE)


def declared_mismatch(name: str, year: int, table: str) -> str | None:
    """Return why a KWB file called ``name`` cannot be KWB ``year`` (table ``table``), else ``None``.

    The table id and the year in the file name, and the year of a known table id, must agree with the
    declaration: a file of another year would otherwise be read as this one without a word.

    >>> declared_mismatch("kwb2020_84799NED.parquet", 2024, "85984NED")  # doctest: +NORMALIZE_WHITESPACE
    "the file name says table 84799NED (KWB 2020), not 85984NED (KWB 2024); give the file of 2024,
    or declare year = 2020, table = '84799NED'"
    >>> declared_mismatch("kwb-2024.xlsx", 2024, "85984NED") is None
    True
    """
    table = table.strip().upper()
    named = TABLE_ID.search(name)
    if named is not None and named.group(0).upper() != table:
        other = named.group(0).upper()
        other_year = year_of(other)
        was = f" (KWB {other_year})" if other_year is not None else ""
        declare = f"year = {other_year}, table = '{other}'" if other_year is not None else f"table = '{other}'"
        return (
            f"the file name says table {other}{was}, not {table} (KWB {year}); give the file of {year}, "
            f"or declare {declare}"
        )
    named_year = KWB_FILE_YEAR.search(name)
    if named_year is not None and int(named_year.group(1)) != year:
        return (
            f"the file name says KWB {named_year.group(1)}, not {year}; give the file of {year}, or declare "
            f"year = {named_year.group(1)}"
            + (f", table = '{KWB_TABLES[int(named_year.group(1))]}'" if int(named_year.group(1)) in KWB_TABLES else "")
        )
    known = year_of(table)
    if known is not None and known != year:
        return (
            f"table {table} is the KWB of {known}, not {year}; KWB {year} is table {KWB_TABLES.get(year, '(unknown)')}"
        )
    return None
