"""Every staged region gets a name: its own, its polygon's, or its code; and the form people read it in.

A KWB file saved from CBS's API (the TypedDataSet, as CSV) holds region codes, not names; only the
gemeente's name is in it (``Gemeentenaam_1``). Handouts, file names, placing segments by buurt name and every
message need a name, so a wijk or buurt without one takes the name its polygon carries (``buurtnaam``,
``wijknaam``, ``gemeentenaam`` of the wijk- en buurtkaart), and a region neither names keeps its code as its
name: no name downstream is ever missing.

CBS writes a few names with slips of typing: "Industrieterrein ' 't Stoom '" (Bergeijk), "Sassenheim  Midden",
"Aalsmeerderbrug/ Oude Meer/ Rozenburg / ", "terschuur" (user test P). :func:`readable` gives such a name the form
people read on paper, once, here where names are staged: ``name`` of ``stg_kwb_regions`` (and of the ``regions``
table, every handout, map, index and question) is that form, and ``cbs_name`` keeps CBS's name as CBS gives it; a
region named after its polygon is cleaned there too, and a buurt drawn from a polygon without figures takes its
polygon's name in that form (:mod:`buurtdata.pipeline.link`).
The cleaning only ever changes spaces, stray quotes and a glued bracket or capital: a name folds to the same
text before and after (:func:`buurtdata.gemeente_lookup.fold`), so a name typed as CBS writes it is still found.
"""

from __future__ import annotations

import re

import duckdb
import geopandas as gpd
import pandas as pd

from buurtdata import _sql
from buurtdata._text import named

#: A quote standing alone between spaces: "Industrieterrein ' 't Stoom '" (the apostrophe of 't is kept).
_LONE_QUOTE = re.compile(r"(?<!\S)['\"‘’“”`´]+(?!\S)")
#: Separators a name starts or ends with: "Aalsmeerderbrug/ Oude Meer/ Rozenburg / ".
_LOOSE_ENDS = re.compile(r"^[\s,;:/]+|[\s,;:/]+$")
#: A slash with a space on one side only: "Spaland /Sveaparken", "Aalsmeerderbrug/ Oude Meer".
_SLASH = re.compile(r"(?<=\S) /(?=\S)|(?<=\S)/ (?=\S)")
#: A hyphen with a space after it before a capital: "Leidsevaart- Bloemhof" (not "Groot- en Klein-Welsden").
_HYPHEN = re.compile(r"(?<=[^\W\d_])- (?=[A-ZÀ-Þ])")
#: A bracket glued to a word of two letters or more: "Buitengebied West(in Raam)" (not "Bloemenbuurt M(adelief)").
_BRACKET = re.compile(r"(?<=[^\W\d_]{2})\((?=[^\W\d_])")
#: Whatever any of the mends below looks for: a quote or bracket, whitespace doubled, other than a space or at an
#: end, a separator at an end, a slash or hyphen beside a space. A name without any is returned as it is.
_MAYBE_A_SLIP = re.compile(r"""['"‘’“”`´(]|^[\s,;:/]|[\s,;:/]$|\s\s|[^\S ]| /|/ |- """)
#: First words that stay lower case at the start of a name ("de Plantage", "het Brunink", "ten zuiden van").
_LOWER_START = frozenset({"de", "den", "der", "het", "een", "ten", "ter", "te", "op", "aan", "in", "bij", "van"})


def readable(name: str) -> str:
    """CBS's name of a region in the form people read it; a name without slips comes back as it is.

    >>> readable("Industrieterrein ' 't Stoom '"), readable("Sassenheim  Midden"), readable(" Nederland   ")
    ("Industrieterrein 't Stoom", 'Sassenheim Midden', 'Nederland')
    >>> readable("Aalsmeerderbrug/ Oude Meer/ Rozenburg / "), readable("Wijk 09 Woudhoek/Spaland /Sveaparken")
    ('Aalsmeerderbrug/Oude Meer/Rozenburg', 'Wijk 09 Woudhoek/Spaland/Sveaparken')
    >>> readable("Leidsevaart- Bloemhof"), readable("Groot- en Klein-Welsden"), readable("Buitengebied West(in Raam)")
    ('Leidsevaart-Bloemhof', 'Groot- en Klein-Welsden', 'Buitengebied West (in Raam)')
    >>> readable("Poort v. Midden-Gelderland Zuid (Heteren"), readable("terschuur"), readable("de Plantage")
    ('Poort v. Midden-Gelderland Zuid (Heteren)', 'Terschuur', 'de Plantage')
    >>> readable("'s-Gravenhage"), readable("'t Zand-West- en -Zuid"), readable("d'Oude Morsch"), readable("Kûbaard")
    ("'s-Gravenhage", "'t Zand-West- en -Zuid", "d'Oude Morsch", 'Kûbaard')
    >>> readable('Bedrijventerrein "De Sypel"'), readable("UMCG"), readable("' '")
    ('Bedrijventerrein "De Sypel"', 'UMCG', "' '")
    """
    if not (_MAYBE_A_SLIP.search(name) or name[:1].islower()):
        return name  # most names: nothing below would change them (a whole country's names in 0.02 s, not 0.2)
    text = " ".join(_LONE_QUOTE.sub(" ", name).split())
    text = _BRACKET.sub(" (", _HYPHEN.sub("-", _SLASH.sub("/", _LOOSE_ENDS.sub("", text))))
    if text.count("(") == text.count(")") + 1 and not text.endswith(")"):
        text += ")"
    first = text.split(" ", 1)[0]
    if first[:1].islower() and first not in _LOWER_START and "'" not in first:
        text = text[0].upper() + text[1:]
    # A name of quotes and separators only is no name to clean: it stays as CBS wrote it (spaces trimmed).
    return text or " ".join(name.split())


def readable_names(regions: pd.DataFrame) -> pd.Series:
    """:func:`readable` of each ``name`` of ``regions`` (columns year, level, gemeente_code, name), except where two
    different CBS names of one level in one gemeente would read the same: those keep CBS's names (trimmed at the ends),
    which tell them apart, so cleaning never makes two regions' names equal that CBS kept apart.
    """
    clean = regions["name"].map(lambda name: readable(name) if named(name) else name)
    changed = clean.ne(regions["name"]) & clean.notna()
    if not changed.any():
        return clean
    # Only a name read as a mended one can collide with it: the rest of a country's names need no grouping.
    near = clean.isin(set(clean[changed]))
    part = regions[near]
    keys = [part["year"], part["level"], part["gemeente_code"].fillna(part["code"]), clean[near]]
    alone = pd.Series(True, index=regions.index)
    alone[near] = part["name"].groupby(keys, dropna=False).transform("nunique").le(1)
    return clean.where(alone | clean.isna(), regions["name"].str.strip())


def fill(con: duckdb.DuckDBPyConnection, boundaries: gpd.GeoDataFrame) -> None:
    """Name each region of ``stg_kwb_regions`` without a name after its polygon in ``boundaries``, else its code;
    then keep each name as CBS gives it in ``cbs_name`` and make ``name`` the form people read (:func:`readable`).
    """
    if con.execute("select 1 from stg_kwb_regions where name is null or trim(name) = '' limit 1").fetchall():
        _from_polygons(con, boundaries)
    con.execute("update stg_kwb_regions set cbs_name = name where cbs_name is null")
    regions = con.sql("select year, code, level, gemeente_code, name from stg_kwb_regions").df()
    regions["readable"] = readable_names(regions)
    changed = regions[regions["readable"].ne(regions["name"]) & regions["name"].notna()]
    if changed.empty:
        return
    with _sql.registered(con, {"readable_names": changed[["year", "code", "readable"]]}):
        con.execute(
            "update stg_kwb_regions r set name = c.readable from readable_names c "
            "where c.year = r.year and c.code = r.code"
        )


def _from_polygons(con: duckdb.DuckDBPyConnection, boundaries: gpd.GeoDataFrame) -> None:
    """Name each region without a name after its polygon in ``boundaries``, else its code."""
    parts = [("code", "name")]
    if "wijk_code" in boundaries:
        parts.append(("wijk_code", "wijk_name"))
    parts.append(("gemeente_code", "gemeente_name"))
    frames = [boundaries[[code, name]].set_axis(["code", "name"], axis=1) for code, name in parts if name in boundaries]
    polygon_names = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["code", "name"])
    polygon_names = polygon_names.astype({"code": "object", "name": "object"})
    polygon_names = polygon_names[polygon_names["name"].map(named)]
    _sql.macros(con)
    with _sql.registered(con, {"polygon_names": polygon_names.drop_duplicates("code")}):
        con.execute(
            "update stg_kwb_regions r set name = "
            "region_name((select p.name from polygon_names p where p.code = r.code), r.code) "
            "where r.name is null or trim(r.name) = ''"
        )
