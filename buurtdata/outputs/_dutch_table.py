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
    titles, decimals = figures_of(data)
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
    numeric = [c for c in shown.columns if _numeric(shown[c])]
    styler = (
        _styler_class()(shown)
        .hide(axis="index")
        # Styler's default id is random; an id from the content keeps an executed notebook's bytes the same.
        .set_uuid(hashlib.sha256(shown.to_csv().encode()).hexdigest()[:8])
        .format(_dutch, escape="html")
        .format(dict(zip(shown.columns, formats, strict=True)), escape="html")
        .format_index(str, axis=1, escape="html")
        .set_properties(subset=numeric, **{"text-align": "right"})
        # JupyterLab right-aligns every cell; a question of three lines reads from the left (user test J).
        .set_properties(subset=[c for c in shown.columns if c not in numeric], **{"text-align": "left"})
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


def figures_of(data: Any) -> tuple[dict[str, str], dict[str, int]]:
    """Each indicator's header (CBS's title and unit) and CBS's decimals, by key; none without ``data``."""
    if data is None:
        return {}, {}
    rows = data.con.sql(
        "select indicator, any_value(title), any_value(unit), any_value(decimals) from indicators group by all"
    ).fetchall()
    titles = {key: titled(title, unit) for key, title, unit, _ in rows}
    return titles, {key: int(places) for key, _, _, places in rows if places is not None}


def _numeric(column: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(column) or column.map(lambda v: isinstance(v, numbers.Real)).any()


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


#: Dutch headers of the data's own columns (README, Glossary), where an analyst shows a frame of the data itself
#: (``data.buurten`` merged with ``data.themes``): the notebooks' tables say these words.
GLOSSARY = {
    "code": "buurtcode",
    "name": "buurt",
    "level": "niveau",
    "gemeente_code": "gemeentecode",
    "gemeente_name": "gemeente",
    "wijk_code": "wijkcode",
    "wijk_name": "wijk",
    "buurt_code": "buurtcode",
    "postcode": "postcode",
    "year": "jaar",
    "indicator": "indicator",
    "title": "titel",
    "unit": "eenheid",
    "value": "waarde",
    "status": "status",
    "index": "index",
    "direction": "richting",
    "theme": "thema",
    "theme_status": "status",
    "shown": "getoond",
    "respondents": "respondenten",
    "segments": "fragmenten",
    "in_wijk": "meegeteld in de wijk",
    "linked": "cijfers gekoppeld",
    "figures": "cijfers",
    "stories": "verhalen",
    "signal": "signaal",
    "question": "vraag",
    "resolved_by": "geplaatst via",
    "round": "ronde",
    "period": "periode",
    "interviews": "interviews",
}
#: The columns whose empty cell is a count kept back below the privacy threshold, never a missing CBS figure.
HIDDEN_COUNTS = frozenset({"respondents", "segments", "respondenten"})
#: What such a cell says, as :func:`buurtdata.outputs.explore.buurt_themes` does.
NOT_SHOWN = "niet getoond"
#: A figure's own columns beside it in ``data.buurten`` (README, Glossary: ``<indicator>_status``, ...).
_BESIDE = {"_status": "status", "_gemeente": "gemeente", "_nl": "Nederland"}


def _headers(columns: Any, titles: dict[str, str], frame: pd.DataFrame | None = None) -> dict[str, str]:
    """Each column's :func:`_header`; with ``frame``, ``code`` and ``name`` said as the level their codes are of
    (sweep 14 F7: wijk_themes' WK codes under "buurtcode").

    >>> _headers(["code", "name"], {}, pd.DataFrame({"code": ["WK006000"], "name": ["Wijk 00"]}))
    {'code': 'wijkcode', 'name': 'wijk'}
    """
    said = {c: _header(c, titles) for c in columns if isinstance(c, str)}
    if frame is not None and "code" in frame and (codes := frame["code"].dropna().astype(str)).size:
        level = (
            {"WK": "wijk", "GM": "gemeente"}.get(codes.str[:2].unique()[0]) if codes.str[:2].nunique() == 1 else None
        )
        if level is not None:
            said["code"] = f"{level}code"
            if "name" in said:
                said["name"] = level
    return said


def _header(column: str, titles: dict[str, str]) -> str:
    """A column's header: CBS's title for a figure, with what a column beside it holds; the glossary's Dutch word
    for the data's own columns; a column of statuses as its cells are written; else the name, spaced.

    >>> _header("aandeel_65_plus_status", {"aandeel_65_plus": "65 jaar of ouder (%)"}), _header("theme_status", {})
    ('65 jaar of ouder (%): status', 'status')
    """
    if column in titles:
        return titles[column]
    for suffix, said in _BESIDE.items():
        if column.endswith(suffix) and column.removesuffix(suffix) in titles:
            return f"{titles[column.removesuffix(suffix)]}: {said}"
    if column == "ontbreekt":
        return MISSING
    return GLOSSARY.get(column, column.replace("_", " "))


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
        elif name in HIDDEN_COUNTS:
            formats.append(_count)
        elif key.endswith("_status") or key == "status":
            formats.append(_status)
        else:
            formats.append(_dutch)
    return formats


def _year(value: Any) -> str:
    if isinstance(value, numbers.Real) and not isinstance(value, bool) and float(value).is_integer():
        return str(int(value))
    return _dutch(value)


def _count(value: Any) -> str:
    return NOT_SHOWN if _empty(value) else _dutch(value)


def _status(value: Any) -> str:
    """A CBS status as the handouts write it ("te klein", "n.v.t."); any other word (``getoond``) as it is."""
    return _dutch(value) if _empty(value) else STATUS_TEXT.get(str(value), str(value))


def _empty(value: Any) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


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
    if _empty(value) or (isinstance(value, str) and value == "ontbreekt"):
        return MISSING
    if isinstance(value, numbers.Real):
        return dutch_number(value, 0 if float(value).is_integer() else 1)
    return str(value)
