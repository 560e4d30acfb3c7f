"""The Dutch table a notebook or the report shows (:func:`table`, part of :mod:`buurtdata.outputs.explore`).

Kept apart from ``explore.py`` because it is display, not data: how any frame is turned into a readable
pandas Styler (CBS titles as headers, Dutch numbers, a stable id so an executed notebook's bytes repeat).
"""

from __future__ import annotations

import functools
import hashlib
import numbers
from typing import Any

import pandas as pd

from buurtdata._text import STATUS_TEXT, dutch_number, titled

__all__ = ["table"]

#: What a table says for the status ``ontbreekt``: the word the handouts print (``_text.STATUS_TEXT``), so
#: a notebook and a sheet on the table at a meeting say the same of a figure CBS did not publish.
MISSING = STATUS_TEXT["ontbreekt"]

#: Most rows a table shows (Amsterdam's 517 buurten fit; the country's 12,640 do not).
MAX_ROWS = 1_000


def table(frame: pd.DataFrame, data: Any = None) -> Any:
    """Return ``frame`` as a readable Dutch table (a pandas Styler): what a notebook or the report shows.

    Headers are CBS's titles and units where a column is an indicator (given ``data``), numbers have comma
    decimals and dot thousands, there is no index column, and a wide table scrolls inside its box.

    A frame longer than :data:`MAX_ROWS` (the buurten of the whole country) shows its first rows, and its
    caption says how many there are: a page of megabytes helps no reader, and the frame itself stays whole.

    >>> table(pd.DataFrame({"inwoners": [83058], "aandeel": [20.86]})).to_html().count("83.058")
    1
    """
    titles: dict[str, str] = {}
    decimals: dict[str, int] = {}
    if data is not None:
        rows = data.con.sql(
            "select indicator, any_value(title), any_value(unit), any_value(decimals) from indicators group by all"
        ).fetchall()
        titles = {key: titled(title, unit) for key, title, unit, _ in rows}
        decimals = {key: int(places) for key, _, _, places in rows if places is not None}
    # A figure's column without a single figure (a topic CBS did not publish that year) is named once under the
    # table, not written as "geen cijfer" in every row: it made a buurt table wider than the page (user test).
    blank = [c for c in frame.columns if c in titles and len(frame) > 1 and _blank(frame[c])]
    frame = frame.drop(columns=blank)
    cut = len(frame) > MAX_ROWS
    voices_first = cut and any(column in frame for column in _VOICES)
    if voices_first:
        frame = _with_voices_first(frame, data)
    formats = _formats(frame, decimals)
    headers = _headers([*frame.columns, *blank], titles)
    shown = frame.rename(columns=headers)
    notes = []
    if blank:
        left_out = "; ".join(headers[c] for c in blank)
        notes.append(f"Niet in de tabel, want het CBS heeft er voor deze buurten geen cijfers over: {left_out}.")
    if cut:
        order = ": eerst de buurten met stemmen uit de interviews, dan de andere op buurtcode" if voices_first else ""
        notes.append(
            f"Alleen de eerste {_dutch(MAX_ROWS)} van {_dutch(len(shown))} rijen{order}. In JupyterLab kunt u de "
            "hele tabel opslaan met .to_csv(); de buurtcijfers staan ook in buurten.gpkg."
        )
        shown = shown.head(MAX_ROWS)
    caption = " ".join(notes) or None
    numeric = [
        c
        for c in shown.columns
        if pd.api.types.is_numeric_dtype(shown[c]) or shown[c].map(lambda v: isinstance(v, numbers.Real)).any()
    ]
    styler = (
        _styler_class()(shown)
        .hide(axis="index")
        # Styler's default id is random; an id from the content keeps an executed notebook's bytes the same.
        .set_uuid(hashlib.sha256(shown.to_csv().encode()).hexdigest()[:8])
        .format(_dutch, escape="html")
        .format(dict(zip(shown.columns, formats, strict=True)), escape="html")
        .format_index(str, axis=1, escape="html")
        .set_properties(subset=numeric, **{"text-align": "right"})
        .set_table_attributes('class="buurttabel"')
        .set_table_styles(
            [
                # display:block lets a table wider than its box scroll there instead of cutting columns off.
                {
                    "selector": "",
                    "props": "display: block; max-width: 100%; overflow-x: auto; border-collapse: collapse",
                },
                {
                    "selector": "th, td",
                    "props": "white-space: normal; max-width: 26em; padding: 0.2em 0.5em; "
                    "vertical-align: top; border-bottom: 1px solid #d9dee3",
                },
                {"selector": "th", "props": "text-align: left; background: #f0f4f8"},
                {"selector": "caption", "props": "caption-side: bottom; text-align: left; color: #404040"},
            ]
        )
    )
    return styler if caption is None else styler.set_caption(caption)


#: The columns of a buurt table that say what the interviews raised (:func:`.explore.conversation_overview`), and
#: what such a cell says when nothing was.
_VOICES = {"thema's (respondenten)": "geen thema getoond", "verder in de wijk (respondenten)": "–"}


def _with_voices_first(frame: pd.DataFrame, data: Any) -> pd.DataFrame:
    """``frame`` with the buurten people spoke of first: a theme shown, then any voices (too few to show, or of
    their wijk), then the others; each group in its order (by code). A country's table is cut at :data:`MAX_ROWS`,
    and by code alone its buurten with interviews, in a few gemeenten, fell off it (user test N).

    >>> frame = pd.DataFrame({"buurtcode": ["BU1", "BU2", "BU3"], "thema's (respondenten)": ["geen thema getoond",
    ...     "geen thema getoond", "Wonen (3)"], "verder in de wijk (respondenten)": ["–", "Groen (4)", "–"]})
    >>> _with_voices_first(frame, None)["buurtcode"].tolist()
    ['BU3', 'BU2', 'BU1']
    """
    rank = pd.Series(2, index=frame.index)
    if "buurtcode" in frame and getattr(data, "themes", None) is not None:
        themes = data.themes
        heard = themes.loc[themes["theme_status"] != "geen stemmen", "code"]
        rank = rank.mask(frame["buurtcode"].isin(heard), 1)
        rank = rank.mask(frame["buurtcode"].isin(themes.loc[themes["theme_status"] == "getoond", "code"]), 0)
    for column, none in _VOICES.items():
        if column in frame:
            said = frame[column].ne(none) & frame[column].notna()
            rank = rank.mask(said, rank.clip(upper=0 if column == "thema's (respondenten)" else 1))
    return frame.iloc[rank.argsort(kind="stable")].reset_index(drop=True)


def _blank(column: pd.Series) -> bool:
    """Whether no cell of ``column`` holds a figure or other text: every one is missing or ``ontbreekt``.

    >>> _blank(pd.Series([None, "ontbreekt"], dtype=object)), _blank(pd.Series(["ontbreekt", "geheim"]))
    (True, False)
    """
    values = column.astype(object)
    return bool((values.isna() | values.eq("ontbreekt")).all())


@functools.cache
def _styler_class() -> type:
    # Imported on first use: a Styler needs jinja2, of the notebooks extra.
    from pandas.io.formats.style import Styler

    class DutchTable(Styler):
        """A Styler whose plain-text form is the table itself (the default names a memory address, so an
        executed notebook would differ byte for byte from run to run)."""

        def __repr__(self) -> str:
            text = self.data.to_string(index=False)
            return f"{text}\n{self.caption}" if isinstance(self.caption, str) else text

    return DutchTable


def _headers(columns: Any, titles: dict[str, str]) -> dict[str, str]:
    # A column of statuses (how many buurten have a figure ``ontbreekt``) is headed as its cells are written.
    return {
        c: titles.get(c, MISSING if c == "ontbreekt" else c.replace("_", " ")) for c in columns if isinstance(c, str)
    }


#: Column names whose numbers are years: "2024", never "2.024".
_YEAR_NAMES = ("year", "jaar")


def _formats(frame: pd.DataFrame, decimals: dict[str, int]) -> list[Any]:
    """How each column's cells are written: years without a thousands dot; a figure's column (an indicator key
    of ``decimals``) with CBS's decimals in every row, as the handouts write it ("34,0" beside "20,9"); any other
    column cell by cell (:func:`_dutch`), since a column of several figures mixes counts and shares.

    >>> frame = pd.DataFrame({"year": [2024, 2020], "aandeel_65_plus": [34.0, 20.86], "waarde": [83058.0, 34.0]})
    >>> [f(v) for f, v in zip(_formats(frame, {"aandeel_65_plus": 1}), [2024, 34.0, 83058.0])]
    ['2024', '34,0', '83.058']
    """
    formats: list[Any] = []
    for name in frame.columns:
        key = str(name).lower()
        if key in _YEAR_NAMES or key.endswith(tuple(f"_{n}" for n in _YEAR_NAMES)):
            formats.append(_year)
        elif name in decimals:
            formats.append(functools.partial(_fixed, places=decimals[name]))
        else:
            formats.append(_dutch)
    return formats


def _year(value: Any) -> str:
    if isinstance(value, numbers.Real) and not isinstance(value, bool) and float(value).is_integer():
        return str(int(value))
    return _dutch(value)


def _fixed(value: Any, places: int) -> str:
    if isinstance(value, numbers.Real) and not isinstance(value, bool) and value == value:
        return dutch_number(value, places)
    return _dutch(value)


def _dutch(value: Any) -> str:
    """A cell as Dutch readers write it: 83.058 and 20,9; a missing value says so.

    >>> [_dutch(v) for v in (83058, 20.86, 1234.0, None, True, "geheim", "ontbreekt")]
    ['83.058', '20,9', '1.234', 'geen cijfer', 'ja', 'geheim', 'geen cijfer']
    """
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if (
        value is None
        or value is pd.NA
        or (isinstance(value, float) and value != value)
        or (isinstance(value, str) and value == "ontbreekt")
    ):
        return MISSING
    if isinstance(value, numbers.Real):
        return dutch_number(value, 0 if float(value).is_integer() else 1)
    return str(value)
