"""User test P #10: CBS's names as people read them, over every region name of CBS's national files in data/raw.

Bergeijk's buurt "Industrieterrein ' 't Stoom '" was printed with its stray quotes and spaces. The survey of KWB 2020
(17,341 names), the KWB 2024 sample and extract, Ermelo's and Amsterdam's polygons and the gemeenten of 2023 found
these slips (counted in the KWB 2020): quotes standing alone (1), doubled spaces (5), leading or trailing spaces or
separators (2), a slash with a space on one side (2), a hyphen with a space after it before a capital (5), a bracket
glued to a word (2), a bracket left open (1), a name starting in lower case (8). :func:`names.readable` mends them
once, where names are staged; the data keep CBS's own name (``regions.cbs_name``).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pandas as pd
import pyogrio
import pytest

from buurtdata import cli, pipeline
from buurtdata.gemeente_lookup import fold
from buurtdata.outputs import handout
from buurtdata.pipeline.names import readable, readable_names
from buurtdata.project import Project

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
KWB2020 = RAW / "kwb2020-84799NED-statlinebq" / "84799NED"

#: Each slip the survey found, as a test of a name (the Dutch apostrophe of 's-, 't and 'n is no quote).
SLIPS = {
    "quote standing alone": lambda s: bool(re.search(r"(?<!\S)['\"‘’“”]+(?!\S)", s)),
    "doubled or odd space": lambda s: s != " ".join(s.split()),
    "loose separator at an end": lambda s: bool(re.search(r"^\s*[,;:/]|[,;:/]\s*$", s)),
    "slash with a space on one side": lambda s: bool(re.search(r"\S /\S|\S/ \S", s)),
    "hyphen and space before a capital": lambda s: bool(re.search(r"[^\W\d_]- [A-Z]", s)),
    "bracket glued to a word": lambda s: bool(re.search(r"[^\W\d_]{2}\(", s)),
    "bracket left open": lambda s: s.count("(") != s.count(")"),
    "lower-case start": lambda s: bool(re.match(r"(?!(de|het|ten|ter|d'|'[stn])\b)[a-z]", s)),
}


def _slips(name: str) -> list[str]:
    return [slip for slip, found in SLIPS.items() if found(name)]


@pytest.fixture(scope="module")
def national() -> pd.DataFrame:
    """Every region name of the national (and sample) CBS files in data/raw: year, code, level, gemeente_code, name."""
    frames = []
    kwb = pd.read_parquet(KWB2020 / "cbs.v3.84799NED_WijkenEnBuurten.parquet")
    frames.append(pd.DataFrame({"year": 2020, "code": kwb["Key"].str.strip(), "name": kwb["Title"]}))
    sample = pd.read_parquet(ROOT / "buurtdata" / "datasets" / "hengelo" / "kwb2024_85984NED_regions.parquet")
    frames.append(pd.DataFrame({"year": 2024, "code": sample["Key"].str.strip(), "name": sample["Title"]}))
    extract = pd.read_csv(RAW / "kwb2024-85984NED-dertje" / "85984NED.csv", sep=";", dtype=str, encoding="utf-8-sig")
    frames.append(
        pd.DataFrame({"year": 2124, "code": extract["Codering_3"].str.strip(), "name": extract["WijkenEnBuurten"]})
    )
    ermelo = pyogrio.read_dataframe(
        RAW / "wijkenbuurten2021-ermelo-gpkg-tauvic" / "CBS_buurten.gpkg", read_geometry=False
    )
    for code, name in (("buurtcode", "buurtnaam"), ("wijkcode", "wijknaam"), ("gemeentecode", "gemeentenaam")):
        frames.append(pd.DataFrame({"year": 2021, "code": ermelo[code], "name": ermelo[name]}).drop_duplicates())
    amsterdam = pyogrio.read_dataframe(
        RAW / "buurten-amsterdam-2022-gebieden-vl09" / "buurten.geojson", read_geometry=False
    )
    frames.append(pd.DataFrame({"year": 2022, "code": amsterdam["cbsCode"], "name": amsterdam["naam"]}))
    gemeenten = pyogrio.read_dataframe(
        RAW / "gemeenten2023-pdok-ogcapi-stdekker" / "gemeenten.json", read_geometry=False
    )
    frames.append(pd.DataFrame({"year": 2023, "code": gemeenten["gemeentecode"], "name": gemeenten["gemeentenaam"]}))
    names = pd.concat(frames, ignore_index=True).dropna(subset=["name"])
    names = names[~names["code"].str.startswith("NL")]
    level = names["code"].str[:2].map({"GM": "gemeente", "WK": "wijk", "BU": "buurt"})
    return names.assign(level=level, gemeente_code="GM" + names["code"].str[2:6])


def test_the_survey_finds_the_slips_of_kwb_2020(national):
    kwb = national[national["year"] == 2020]
    found = {slip: int(kwb["name"].map(SLIPS[slip]).sum()) for slip in SLIPS}
    assert found == {
        "quote standing alone": 1,
        "doubled or odd space": 7,  # 5 doubled (Sassenheim) and 2 at an end
        "loose separator at an end": 1,
        "slash with a space on one side": 2,
        "hyphen and space before a capital": 5,
        "bracket glued to a word": 2,
        "bracket left open": 1,
        "lower-case start": 8,
    }


def test_readable_names_mend_every_slip_and_change_no_other_name(national):
    clean = readable_names(national)
    for name, read in zip(national["name"], clean, strict=True):
        assert read.strip(), name
        assert not _slips(read), (name, read)
        if not _slips(name):
            assert read == name
        # Only spaces, quotes, brackets and a capital change: the name folds the same (found when typed as CBS's).
        assert fold(read) == fold(name)
    changed = national[clean != national["name"]]
    assert len(changed) == 25, changed  # the 24 of KWB 2020 and one of the KWB 2024 extract
    # Never two regions of one level in one gemeente with one name, where CBS's names differed.
    keys = ["year", "level", "gemeente_code"]
    before = national.groupby(keys)["name"].nunique()
    after = national.assign(name=clean).groupby(keys)["name"].nunique()
    assert after.equals(before)


@pytest.mark.parametrize(
    ("cbs", "read"),
    [
        ("Industrieterrein ' 't Stoom '", "Industrieterrein 't Stoom"),
        ("Aalsmeerderbrug/ Oude Meer/ Rozenburg / ", "Aalsmeerderbrug/Oude Meer/Rozenburg"),
        ("Sassenheim  Midden", "Sassenheim Midden"),
        ("Poort v. Midden-Gelderland Zuid (Heteren", "Poort v. Midden-Gelderland Zuid (Heteren)"),
        ("terschuur", "Terschuur"),
    ],
)
def test_a_slip_of_cbs_is_mended(cbs, read):
    assert readable(cbs) == read


@pytest.mark.parametrize(
    "name",
    [
        "'s-Gravenhage",
        "'s-Hertogenbosch",
        "'t Zand",
        "'t Zand-West- en -Zuid",
        "centrumgebied 's-Gravenzande"[0:0] or "Veldwijk-'s Heerenloo",
        "Stromenwijk/'t Zand",
        "'n Oaln Diek",
        "d'Oude Morsch",
        "D'n Esch",
        "Anna's Hoeve",
        "Súdwest-Fryslân",
        "Kûbaard",
        "Reahûs",
        "Belgiëplein e.o.",
        'Bedrijventerrein "De Sypel"',
        "UMCG",
        "Groot- en Klein-Welsden",
        "Bloemenbuurt M(adelief) - Z(onnenbloem)",
        "Bijlmer Centrum (D,F,H)",
        "de Plantage",
    ],
)
def test_dutch_apostrophes_frisian_letters_and_cbs_forms_stay_exactly(name):
    assert readable(name) == name


def test_two_names_that_would_read_the_same_keep_cbs_names():
    regions = pd.DataFrame(
        {
            "year": 2020,
            "code": ["BU1", "BU2", "BU3"],
            "level": "buurt",
            "gemeente_code": "GM0001",
            "name": ["Oost  Zuid", "Oost Zuid", "Noord  West"],
        }
    )
    assert readable_names(regions).tolist() == ["Oost  Zuid", "Oost Zuid", "Noord West"]


def test_bergeijk_prints_the_name_as_read_and_keeps_cbs_name_in_the_data(tmp_path):
    from test_paper_extremes import FICTIEF, KWB_FILES, _polygons

    _polygons(tmp_path / "buurten.gpkg", ["GM1724"])
    segments = pd.DataFrame(
        {
            "segment_id": ["S1", "S2", "S3"],
            "respondent": ["BGK-1", "BGK-2", "BGK-3"],
            "role": "ondernemer",
            "code": "Groen en openbare ruimte",
            "quote": "Het afval waait over het terrein.",
            # Placed by the name as CBS writes it.
            "location": "Industrieterrein ' 't Stoom '",
            "date": "2025-05-01",
            "consent": "ja",
        }
    )
    (tmp_path / "segmenten.csv").write_text(FICTIEF + segments.to_csv(index=False), encoding="utf-8")
    codebook = ROOT / "buurtdata" / "datasets" / "hengelo" / "codebook.csv"
    (tmp_path / "codebook.csv").write_bytes(codebook.read_bytes())
    (tmp_path / "project.toml").write_text(
        f'name = "Bergeijk"\ngemeenten = ["GM1724"]\nyear = 2020\n\n[[kwb]]\nyear = 2020\ntable = "84799NED"\n'
        f'{KWB_FILES}\n[boundaries]\nyear = 2020\npath = "buurten.gpkg"\nlayer = "buurten"\n\n'
        '[interviews]\nsegments = "segmenten.csv"\ncodebook = "codebook.csv"\nfictional = true\n'
        'label = "Fictieve interviews (test)"\n\n[privacy]\nthreshold = 3\n',
        encoding="utf-8",
    )
    project = Project.load(tmp_path / "project.toml")
    run = pipeline.run(project, ":memory:")
    assert run.con.execute("select name, cbs_name from regions where code = 'BU17240017'").fetchall() == [
        ("Industrieterrein 't Stoom", "Industrieterrein ' 't Stoom '")
    ]
    book = handout._Book.collect(project, run)
    sheet = book.handout("BU17240017")
    said = "\n".join(text.get_text() for text in book.draw(sheet).texts).replace("\u00a0", " ")
    assert said.startswith("Buurtgesprek Industrieterrein 't Stoom\n") and "' '" not in said
    assert "17 Industrieterrein 't Stoom" in said  # the map's key
    assert "Groen en openbare ruimte: 3 mensen (3 ondernemers)" in said and "FICTIEF" in said
    out = tmp_path / "out"
    assert (
        cli.main(["handouts", "--project", str(tmp_path / "project.toml"), "--out", str(out), "--buurt", "BU17240017"])
        == 0
    )
    page = html.unescape((out / "index.html").read_text(encoding="utf-8"))
    assert "Industrieterrein 't Stoom" in page and "' '" not in page


#: A polygon's own name with CBS's slips (the buurtkaart has the KWB's names), and its wijk's.
_SLIPPED = {"name": "Industrieterrein ' 't Stoom '", "wijk_name": "Wijk 09 Woudhoek/Spaland /Sveaparken"}


def test_a_buurt_named_by_its_polygon_reads_as_people_read_it(hengelo_run):
    # Review r 2.6: a buurt on the map without figures (another year's buurtkaart) took its polygon's name as written.
    import warnings

    from buurtdata.pipeline import link

    boundaries = hengelo_run.boundaries
    extra = boundaries.iloc[[0]].assign(code="BU01649999", wijk_code="WK016499", **_SLIPPED)
    polygons = pd.concat([boundaries, extra], ignore_index=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", link.UnmatchedBuurtenWarning)  # the polygon without figures: said, not tested
        frame = link.buurt_frame(hengelo_run.con, polygons).set_index("code")
    assert frame.at["BU01649999", "name"] == "Industrieterrein 't Stoom"
    assert frame.at["BU01649999", "wijk_name"] == "Wijk 09 Woudhoek/Spaland/Sveaparken"
    # The buurten with figures keep the figures' names.
    named = hengelo_run.con.sql("select code, name from buurt_profile").df().set_index("code")["name"]
    assert frame["name"].reindex(named.index).equals(named)


def test_a_theme_row_named_by_its_polygon_reads_as_people_read_it():
    import duckdb
    import geopandas as gpd
    import shapely

    from buurtdata.pipeline import link

    con = duckdb.connect()
    con.execute("create table buurt_themes as select 'BU01649999' as code, 'Groen en openbare ruimte' as theme")
    con.execute("create table buurt_profile as select 'BU01640000' as code, 'Centrum' as name")
    polygons = gpd.GeoDataFrame(
        {"code": ["BU01649999"], "name": [_SLIPPED["name"]]}, geometry=[shapely.box(0, 0, 1, 1)], crs=28992
    )
    assert link.theme_frame(con, polygons)["name"].tolist() == ["Industrieterrein 't Stoom"]


def test_a_region_the_figures_do_not_name_takes_its_polygons_name_as_read_and_keeps_it_as_written():
    import duckdb
    import geopandas as gpd
    import shapely

    from buurtdata.pipeline import names

    con = duckdb.connect()
    tables = (ROOT / "pipelines" / "staging" / "_tables.sql").read_text(encoding="utf-8")
    start = tables.index("create or replace table stg_kwb_regions")
    con.execute(tables[start : tables.index(");\n", start) + 2])
    con.execute(
        "insert into stg_kwb_regions (year, code, level, name, gemeente_code) values "
        "(2020, 'BU17240017', 'buurt', null, 'GM1724'), (2020, 'WK172400', 'wijk', '', 'GM1724')"
    )
    polygons = gpd.GeoDataFrame(
        {
            "code": ["BU17240017"],
            "name": [_SLIPPED["name"]],
            "wijk_code": ["WK172400"],
            "wijk_name": [_SLIPPED["wijk_name"]],
            "gemeente_code": ["GM1724"],
            "gemeente_name": ["Bergeijk"],
        },
        geometry=[shapely.box(0, 0, 1, 1)],
        crs=28992,
    )
    names.fill(con, polygons)
    assert con.sql("select code, name, cbs_name from stg_kwb_regions order by code").fetchall() == [
        ("BU17240017", "Industrieterrein 't Stoom", _SLIPPED["name"]),
        ("WK172400", "Wijk 09 Woudhoek/Spaland/Sveaparken", _SLIPPED["wijk_name"]),
    ]
