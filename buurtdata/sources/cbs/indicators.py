"""Indicators: one stable key per concept across KWB years, and the CBS metadata buurtdata ships as seeds.

The seeds in ``pipelines/seeds/`` (see their README for the evidence of each row):
``indicators.csv`` and ``indicator_catalogue.csv`` (the stable keys and each year's CBS key),
``kwb_short_names.csv`` (short column names of CBS's ``kwb-YYYY`` downloads) and
``kwb_properties.csv`` (the topics of CBS's DataProperties of the tables named there).
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable

import pandas as pd

from buurtdata import _sql
from buurtdata._errors import DataNotAvailableError


class IndicatorChangedWarning(UserWarning):
    """A concept's CBS title differs between the requested years: check the figures are comparable."""


class UncataloguedYearWarning(UserWarning):
    """A requested year has no CBS keys in the indicator catalogue, so it gives no rows."""


def _seed(name: str, **read_csv) -> pd.DataFrame:
    return pd.read_csv(_sql.pipelines_dir() / "seeds" / name, **read_csv)


def catalogue() -> pd.DataFrame:
    """Return the indicator catalogue: one stable key per concept, its kind, and each year's CBS key.

    Shares (kind ``aandeel``) have no CBS key: they are computed from ``numerator`` and ``denominator``.
    ``evidence`` says how a year's key is known: ``confirmed`` (in a real key list of that table) or
    ``inferred`` (by stem and position from neighbouring years; ``pipelines/seeds/README.md``).

    >>> catalogue().query("indicator == 'woningvoorraad'")[
    ...     ["year", "cbs_key", "evidence"]
    ... ].to_numpy().tolist()  # doctest: +NORMALIZE_WHITESPACE
    [[2017, 'M000297', 'confirmed'], [2020, 'Woningvoorraad_34', 'confirmed'],
     [2021, 'Woningvoorraad_34', 'inferred'], [2022, 'Woningvoorraad_34', 'confirmed'],
     [2023, 'Woningvoorraad_35', 'confirmed'], [2024, 'Woningvoorraad_35', 'confirmed']]
    """
    definitions = _seed("indicators.csv", dtype={"indicator": "str"})
    years = _seed("indicator_catalogue.csv", dtype={"indicator": "str", "cbs_key": "str"})
    merged = definitions.merge(years, on="indicator", how="left").astype({"year": "Int64"})
    return merged.sort_values(["indicator", "year"]).reset_index(drop=True)


def indicator_keys(indicators: Iterable[str] | None) -> list[str] | None:
    """Return the stable keys asked for, checked against the catalogue; ``None`` means all."""
    if indicators is None:
        return None
    wanted = [indicators] if isinstance(indicators, str) else list(indicators)
    known = set(catalogue()["indicator"])
    unknown = [key for key in wanted if key not in known]
    if unknown:
        msg = (
            f"indicators {unknown} are not in the catalogue; known keys: {', '.join(sorted(known))}. "
            "Add a concept to pipelines/seeds/indicators.csv and indicator_catalogue.csv."
        )
        raise DataNotAvailableError(msg)
    return wanted


def short_name_years() -> list[int]:
    """The years whose short column names the seed ``pipelines/seeds/kwb_short_names.csv`` knows.

    >>> 2024 in short_name_years()
    True
    """
    return sorted(int(year) for year in _seed("kwb_short_names.csv").loc[:, "year"].unique())


def short_names(year: int) -> dict[str, str]:
    """Return the short column names of CBS's ``kwb-<year>`` download and the CBS key of the same figure.

    The short names come from seed ``pipelines/seeds/kwb_short_names.csv`` (short name -> stable key),
    the CBS key from the indicator catalogue of that year; a year without rows gives an empty dict.

    >>> short_names(2024)["a_inw"]
    'AantalInwoners_5'
    """
    names = _seed("kwb_short_names.csv", dtype={"short_name": "str", "indicator": "str"})
    keys = catalogue().dropna(subset=["cbs_key"])
    merged = names[names["year"] == year].merge(keys[keys["year"] == year], on="indicator", how="left")
    lacking = merged.loc[merged["cbs_key"].isna(), "indicator"].tolist()
    if lacking:
        msg = (
            f"pipelines/seeds/kwb_short_names.csv names stable keys {lacking} for {year}, but the indicator "
            f"catalogue has no CBS key for them in {year}; add them to pipelines/seeds/indicator_catalogue.csv."
        )
        raise DataNotAvailableError(msg)
    return dict(zip(merged["short_name"], merged["cbs_key"], strict=True))


def table_properties(table: str) -> pd.DataFrame | None:
    """Return the topics of CBS's DataProperties of ``table`` from seed ``kwb_properties.csv``, else ``None``.

    The frame has the columns of CBS's OData v3 DataProperties that staging reads (ID, Key, Type,
    Datatype, Title, Unit, Decimals, Description). It types and titles the columns of a KWB file
    kept without its DataProperties.

    >>> table_properties("85984NED").query("Key == 'AantalInwoners_5'")[["Title", "Unit"]].to_numpy().tolist()
    [['Aantal inwoners', 'aantal']]
    >>> table_properties("99999NED") is None
    True
    """
    seed = _seed("kwb_properties.csv", dtype={"table_id": "str", "description": "str"})
    rows = seed[seed["table_id"] == table]
    if rows.empty:
        return None
    columns = {
        "id": "ID",
        "cbs_key": "Key",
        "type": "Type",
        "datatype": "Datatype",
        "title": "Title",
        "unit": "Unit",
        "decimals": "Decimals",
        "description": "Description",
    }
    properties = rows[list(columns)].rename(columns=columns).reset_index(drop=True)
    return properties.astype({"Decimals": "Int64"})


def warn_on_changed_titles(metadata: pd.DataFrame) -> None:
    """Warn (:class:`IndicatorChangedWarning`) for each stable key whose CBS title differs between years."""
    measured = metadata.dropna(subset=["cbs_key"])
    # A file read without DataProperties has no titles (the key stands in): unknown is not changed.
    measured = measured[measured["title"].str.strip() != measured["cbs_key"]]
    for key, rows in measured.groupby("indicator"):
        titles = dict(zip(rows["year"], rows["title"].str.strip(), strict=True))
        if len(set(titles.values())) > 1:
            listed = "; ".join(f"{year}: {title!r}" for year, title in sorted(titles.items()))
            msg = (
                f"Indicator {key!r} has a different CBS title between years ({listed}); "
                "CBS may have changed its definition, check before comparing."
            )
            warnings.warn(msg, IndicatorChangedWarning, stacklevel=3)


def indicator_metadata(frame: pd.DataFrame) -> pd.DataFrame:
    """Return the indicator metadata of a :func:`~buurtdata.sources.cbs.kerncijfers` frame: CBS title, unit, decimals,
    description per key and year.
    """
    if "indicators" not in frame.attrs:
        raise DataNotAvailableError("This frame carries no indicator metadata; it did not come from kerncijfers().")
    return pd.DataFrame.from_records(frame.attrs["indicators"])
