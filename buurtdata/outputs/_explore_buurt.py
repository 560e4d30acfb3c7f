"""One buurt in a notebook (part of :mod:`buurtdata.outputs.explore`, which re-exports it): which buurt a page
opens on or a reader names (:func:`buurt_code`), and what it shows of that buurt over the years and the themes.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from buurtdata._errors import BuurtdataError
from buurtdata._text import STATUS_TEXT, dutch_number, said_unit
from buurtdata.outputs import _explore_many, _explore_names

#: What a notebook shows where a project without [interviews] has no themes (a figures-only project).
NO_INTERVIEWS = "geen interviews in dit project: alleen cijfers"


def no_interviews() -> pd.DataFrame:
    return pd.DataFrame({"interviews": [NO_INTERVIEWS]})


def busiest(signals: pd.DataFrame, codes: pd.Series) -> str:
    """The buurt among ``codes`` with the most signals worth a question (the first code when none has any)."""
    signals = signals[signals["code"].isin(codes)]
    busiest = signals[signals["signal"].isin(["samen", "verschil", "alleen verhalen"])]
    counts = (busiest if len(busiest) else signals).groupby("code").size().sort_index()
    return str(counts.idxmax()) if len(counts) else str(codes.min())


def buurt_code(data: Any, buurt: str | None = None, *, wijk: str | None = None) -> str:
    """Return the code of ``buurt`` (a code or a name), or of the buurt with the most signals when ``None``.

    ``wijk`` (a wijk code or name) limits the choice to the buurten of that wijk: the report renders
    ``04_verken_een_buurt`` once per wijk this way.

    >>> from buurtdata.outputs.explore import notebook_data
    >>> data = notebook_data()
    >>> buurt_code(data, "Binnenstad-Centrum"), buurt_code(data, wijk="Wijk 09 Buitengebied")
    ('BU01640000', 'BU01640903')
    """
    buurten = data.buurten
    if wijk is not None:
        buurten = buurten[buurten["wijk_code"] == _explore_names.wijk_code(data, wijk)]
    if buurt is None:
        # A polygon without figures (boundaries of another year) is never the buurt a page opens on.
        buurten = with_figures(buurten)
        if data.themes is None:
            return str(buurten["code"].min())
        from buurtdata.pipeline import link

        signals = link.signals(data.con)
        return busiest(signals[signals["signal"] != "geen signaal"], buurten["code"])
    if buurt in set(buurten["code"]):
        return buurt
    # A polygon without figures may carry the name of a buurt that has them (a code CBS renumbered). Case,
    # accents, hyphens and spaces aside: "Dapperbuurt Noord" is Dapperbuurt-Noord.
    from buurtdata.gemeente_lookup import fold

    folded = buurten["name"].fillna("").map(fold)
    matches = with_figures(buurten[folded == fold(buurt)])
    if len(matches) == 1:
        return str(matches["code"].iloc[0])
    if matches.empty:
        # A space CBS left out or an analyst put in: "Burgemeester Tellegenbuurt-West" is CBS's
        # "BurgemeesterTellegenbuurt-West" when no other buurt reads so without spaces (sweep13 #7).
        bare = with_figures(buurten[folded.str.replace(" ", "") == fold(buurt).replace(" ", "")])
        if len(bare) == 1:
            return str(bare["code"].iloc[0])
    # Only a message needs the place (a query of the database).
    place = _explore_names.where(data)
    where = place if wijk is None else f"wijk {wijk} of {place}"
    if len(matches) > 1:
        names = _explore_many.gemeente_names(data)
        listed = "; ".join(
            f"{row.code} (wijk {row.wijk_name}, {names.get(row.gemeente_code, row.gemeente_code)})"
            for row in matches.sort_values("code").itertuples()
        )
        msg = f"buurt {buurt!r} is more than one buurt of {where}: {listed}; pass one of these codes."
        raise BuurtdataError(msg)
    return _read(data, buurt, buurten, where)


def _read(data: Any, buurt: str, buurten: pd.DataFrame, where: str) -> str:
    """The code of ``buurt`` read as an interview's location is (a code without BU, "Transvaal-West"), among
    ``buurten``; else the error naming it, the closest buurten (with codes) and the fix."""
    code, in_wijk, why = _explore_names.placed(data, buurt)
    if code is not None and code in set(buurten["code"]):
        return code
    if code is not None:
        msg = (
            f"buurt {buurt!r} is buurt {code}, which lies in wijk {in_wijk}, not in {where}; pass a buurt of the "
            "wijk, or leave wijk empty (None)."
        )
    elif in_wijk is not None:
        msg = f"buurt {why}; or explore.buurt_code(data, wijk={buurt!r}) chooses the busiest."
    else:
        msg = f"buurt {why}."  # the refusal says what to write
    raise BuurtdataError(msg)


def gemeente_name(data: Any, code: str) -> str:
    """Return the name of the gemeente buurt ``code`` lies in.

    >>> from buurtdata.outputs.explore import notebook_data
    >>> gemeente_name(notebook_data(), "BU01640000")
    'Hengelo (O.)'
    """
    return str(_explore_many.gemeenten_of(data, pd.Series([code])).iloc[0])


def with_figures(buurten: pd.DataFrame) -> pd.DataFrame:
    """The buurten that have figures (not a polygon of another year's map), or all when none has."""
    return buurten[buurten["year"].notna()] if buurten["year"].notna().any() else buurten


def written(values: pd.Series, decimals: pd.Series, statuses: pd.Series) -> list[str]:
    """Each figure with CBS's decimals, as the handouts write it ("6,0" beside "4,8"), or its status as they do
    ("n.v.t."): in a long table a row is one figure and a column several, so the cells are written here.

    >>> written(pd.Series([6.0, None]), pd.Series([1, 0]), pd.Series(["waarde", "niet_van_toepassing"]))
    ['6,0', 'n.v.t.']
    """
    return [
        dutch_number(value, int(places)) if pd.notna(value) else STATUS_TEXT.get(status, str(status).replace("_", " "))
        for value, places, status in zip(values, decimals, statuses, strict=True)
    ]


def buurt_over_time(data: Any, code: str) -> pd.DataFrame:
    """Return one buurt's figures (``code``: a code or name, as :func:`buurt_code` reads it) next to its wijk,
    gemeente and Nederland, for every KWB year of the project."""
    code = buurt_code(data, code)
    row = data.buurten.set_index("code").loc[code]
    frame = data.con.sql(
        """
        select i.title as indicator, i.unit as eenheid, o.year, r.level, o.value,
               coalesce(i.decimals, 1) as decimals, o.status
        from observations o
        join regions r on r.year = o.year and r.code = o.code
        join indicators i on i.indicator = o.indicator and i.year = o.year
        where o.code in (?, ?, ?) or r.level = 'land'
    """,
        params=[code, row["wijk_code"], row["gemeente_code"]],
    ).df()
    # Each figure with CBS's decimals, as the handouts write it ("6,0" beside "4,8"): a row is one figure, a
    # column several, so the cells are written here.
    frame["value"] = written(frame["value"], frame["decimals"], frame["status"])
    frame["eenheid"] = frame["eenheid"].map(said_unit)
    areas = {"buurt": "buurt", "wijk": "wijk", "gemeente": "gemeente", "land": "Nederland"}
    frame["column"] = frame["level"].map(areas) + " " + frame["year"].astype(str)
    wide = frame.pivot_table(index=["indicator", "eenheid"], columns="column", values="value", aggfunc="first")
    order = [f"{area} {year}" for year in sorted(frame["year"].unique(), reverse=True) for area in areas.values()]
    # A region or year without the figure says so (a new indicator, a buurt that did not exist yet).
    wide = wide.reindex(columns=[c for c in order if c in wide.columns]).fillna(STATUS_TEXT["ontbreekt"])
    return wide.reset_index().rename_axis(columns=None)


def buurt_themes(data: Any, code: str) -> pd.DataFrame:
    """Return every theme in one buurt (``code``: a code or name, as :func:`buurt_code` reads it): its status and,
    where shown, how many different people raised it."""
    if data.themes is None:
        return no_interviews()
    code = buurt_code(data, code)
    frame = data.con.sql(
        """
        select theme as thema, theme_status as status,
               -- A count below the privacy threshold is never shown.
               case when theme_status = 'getoond' then respondents end as respondenten
        from buurt_themes where code = ? order by respondenten desc nulls last, thema
    """,
        params=[code],
    ).df()
    frame["respondenten"] = frame["respondenten"].astype(object).where(frame["respondenten"].notna(), "niet getoond")
    return frame
