"""What an analyst calls in a notebook (user test J): every helper reads a buurt, wijk, theme or indicator one way,
by code or name, and refuses an unknown one by name with the closest ones; a table exported says what the notebook
shows, with its source, and nothing a notebook may not show.

Hengelo is the shipped sample (``hengelo_run``); Ermelo's names and codes are CBS's (KWB 2020, as in
``test_places_ermelo.py``): a village that is a buurt and its wijk, a buurt name two wijken share.
"""

from __future__ import annotations

import types

import duckdb
import pandas as pd
import pytest
from test_places_ermelo import ERMELO

from buurtdata._errors import BuurtdataError
from buurtdata.outputs import explore, interactive
from buurtdata.outputs._explore_names import wijk_code
from tests import excel_files


@pytest.fixture(scope="module")
def ermelo() -> types.SimpleNamespace:
    rows = [(c, n, "WK" + c[2:8], ERMELO["WK" + c[2:8]], 2020, "GM0233") for c, n in ERMELO.items() if c[:2] == "BU"]
    buurten = pd.DataFrame(rows, columns=["code", "name", "wijk_code", "wijk_name", "year", "gemeente_code"])
    con = duckdb.connect()
    con.execute("create table regions as select 'GM0233' code, 'gemeente' level, 'Ermelo' as name, 2020 as year")
    return types.SimpleNamespace(
        buurten=buurten, themes=None, con=con, project=types.SimpleNamespace(name="Ermelo", year=2020)
    )


def test_every_buurt_helper_takes_a_name_or_a_code_without_bu(hengelo_run):
    by_code = explore.buurt_themes(hengelo_run, "BU01640101")
    assert explore.buurt_themes(hengelo_run, "01640101").equals(by_code)
    name = hengelo_run.buurten.set_index("code").at["BU01640101", "name"]
    assert explore.buurt_themes(hengelo_run, name.upper()).equals(by_code)
    assert explore.meeting_questions(hengelo_run, name).equals(explore.meeting_questions(hengelo_run, "BU01640101"))
    assert explore.buurt_over_time(hengelo_run, name).equals(explore.buurt_over_time(hengelo_run, "BU01640101"))
    explore.comparison_chart(hengelo_run, name)


@pytest.mark.parametrize(
    ("call", "said"),
    [
        (lambda d: explore.buurt_themes(d, "BU01649999"), r"'BU01649999' is not a buurt of .*; the closest codes are "),
        (
            lambda d: explore.meeting_questions(d, "Binnenstad-Centrm"),
            r"did you mean 'Binnenstad-Centrum'.* \(BU01640000",
        ),
        (
            lambda d: explore.buurt_over_time(d, "Binnenstad-Centrm"),
            r"did you mean 'Binnenstad-Centrum'.* \(BU01640000",
        ),
        (lambda d: explore.comparison_chart(d, "BU04020304"), r"BU04020304 lies in GM0402, not in GM0164 \(Hengelo"),
        (
            lambda d: explore.buurt_code(d, "Wijk 02 Noord"),
            r"is wijk .* \(WK016402\), not a buurt; .* the wijk's buurten .*wijk=",
        ),
    ],
)
def test_an_unknown_buurt_is_refused_by_name_never_an_empty_table(hengelo_run, call, said):
    with pytest.raises(BuurtdataError, match=said):
        call(hengelo_run)


def test_a_wijk_is_taken_by_name_and_an_unknown_one_refused_with_the_closest(hengelo_run):
    by_code = explore.conversation_overview(hengelo_run, wijk="WK016409")
    assert len(by_code) and by_code.equals(explore.conversation_overview(hengelo_run, wijk="wijk 09 buitengebied"))
    with pytest.raises(BuurtdataError, match=r"wijk 'WK016499' is no wijk of .*the closest are .*\(WK0164"):
        explore.conversation_overview(hengelo_run, wijk="WK016499")


def test_a_misspelt_indicator_or_theme_names_the_closest(hengelo_run):
    with pytest.raises(
        BuurtdataError, match=r"'aandeel_65plus' is not a figure of 2024; did you mean 'aandeel_65_plus'"
    ):
        explore.conversation_overview(hengelo_run, indicators=("inwoners", "aandeel_65plus"))
    with pytest.raises(BuurtdataError, match=r"did you mean 'aandeel_65_plus'"):
        interactive.explorer(hengelo_run, map_indicator="aandeel_65plus")
    theme = hengelo_run.project.map_theme
    explore.theme_map(hengelo_run, theme.lower())
    with pytest.raises(
        BuurtdataError, match=rf"theme '{theme[:-2]}' is no theme of the codebook; did you mean '{theme}'"
    ):
        explore.theme_map(hengelo_run, theme[:-2])


def test_ermelos_names_are_read_as_its_interviews_are(ermelo):
    assert explore.buurt_code(ermelo, "Leuvenum") == "BU02330107"  # inside "Verspreide huizen Leuvenum"
    assert explore.buurt_code(ermelo, "Speuld") == "BU02330100"
    assert wijk_code(ermelo, "Speuld") == wijk_code(ermelo, "023301") == "WK023301"
    with pytest.raises(BuurtdataError, match=r"more than one buurt .*BU02330009.*BU02330109"):
        explore.buurt_code(ermelo, "Verspreide huizen bosgebied")
    assert explore.buurt_code(ermelo, "Verspreide huizen bosgebied", wijk="Speuld") == "BU02330109"
    with pytest.raises(BuurtdataError, match=r"'Tonzel' is not a buurt of Ermelo; did you mean 'Tonsel'.*BU02330004"):
        explore.buurt_code(ermelo, "Tonzel")
    with pytest.raises(BuurtdataError, match=r"wijk 'Speul' is no wijk of Ermelo; the closest are Wijk 01 Speuld"):
        wijk_code(ermelo, "Speul")


def test_an_analysts_own_frame_has_dutch_headers_and_a_hidden_count_not_shown(hengelo_run):
    themes = hengelo_run.themes[["code", "theme", "theme_status", "respondents"]]
    frame = hengelo_run.buurten[["code", "name", "wijk_name", "aandeel_65_plus_status"]].merge(themes, on="code")
    hidden = frame[frame["theme_status"] == "te weinig stemmen"].head(2)
    assert len(hidden)
    html = explore.table(hidden, hengelo_run).to_html()
    for header in ("buurtcode", ">buurt<", ">wijk<", ">thema<", ">status<", ">respondenten<", ": status<"):
        assert header in html, header
    assert "niet getoond" in html and "geen cijfer" not in html and "text-align: left" in html


def test_unplaced_segments_say_how_they_were_placed_in_dutch(hengelo_run):
    placed = set(explore.unplaced_overview(hengelo_run)["geplaatst via"])
    assert "niet geplaatst" in placed and not placed & {"onbekend", "wijknaam", "wijkcode", "postcode"}


def test_a_spreadsheet_says_what_the_notebook_shows_with_its_source(hengelo_run, tmp_path):
    frame = explore.conversation_overview(hengelo_run)
    frame.loc[0, "buurt"] = "=HYPERLINK(1)"
    path = explore.to_spreadsheet(frame, tmp_path / "overzicht.xlsx", hengelo_run)
    sheet = pd.read_excel(path, header=None)
    notes = sheet[0].head(3).tolist()
    assert "FICTIEF" in notes[0] and notes[1].startswith("Bron: CBS, Kerncijfers wijken en buurten 2024")
    table = pd.read_excel(path, skiprows=sheet[0].isna().idxmax() + 1)
    assert {"buurtcode", "buurt", "Aantal inwoners"} <= set(table.columns)
    assert pd.api.types.is_numeric_dtype(table["Aantal inwoners"])
    assert table.loc[0, "buurt"] == "'=HYPERLINK(1)"
    shares = table["Aandeel inwoners 65 jaar of ouder (%)"].astype(object)
    assert not set(shares[shares.map(lambda v: isinstance(v, str))]) & {"ontbreekt", "te_klein"}
    text = excel_files.text(explore.to_spreadsheet(frame, tmp_path / "overzicht.csv", hengelo_run))
    assert "Bron: CBS" in text and "aandeel_65_plus" not in text
    # For Excel with Dutch settings (sweep 13 #6): as pandas reads it, the figures as the sheet's.
    table = excel_files.read(text.encode("utf-8-sig"), skiprows=text.splitlines().index("") + 1)
    assert table.loc[0, "buurt"] == "'=HYPERLINK(1)" and pd.api.types.is_numeric_dtype(table["Aantal inwoners"])
    numbers = pd.to_numeric(table["Aandeel inwoners 65 jaar of ouder (%)"], errors="coerce").dropna().tolist()
    assert numbers == pd.to_numeric(shares, errors="coerce").dropna().tolist() and len(numbers) > 3


def test_a_spreadsheet_never_holds_what_a_notebook_may_not_show(hengelo_run, tmp_path):
    with pytest.raises(BuurtdataError, match=r"column\(s\) .*reason of the interview segments"):
        explore.to_spreadsheet(hengelo_run.unplaced, tmp_path / "x.csv", hengelo_run)
    counted = pd.DataFrame({"code": ["BU01640101"], "respondents": [1]})
    with pytest.raises(BuurtdataError, match=r"below the privacy threshold of 3"):
        explore.to_spreadsheet(counted, tmp_path / "x.xlsx", hengelo_run)
    with pytest.raises(BuurtdataError, match=r"not DutchTable"):
        explore.to_spreadsheet(explore.table(counted), tmp_path / "x.xlsx", hengelo_run)
    assert not list(tmp_path.iterdir())


def test_a_spreadsheet_keeps_both_columns_of_one_dutch_header(hengelo_run, tmp_path):
    frame = pd.DataFrame(
        {"code": ["BU01640000"], "buurt_code": ["BU01640101"], "status": ["x"], "theme_status": ["getoond"]}
    )
    path = explore.to_spreadsheet(frame, tmp_path / "t.csv", hengelo_run)
    header, row = excel_files.text(path).splitlines()[-2:]
    assert header.split(";") == [
        "buurtcode (code)",
        "buurtcode (buurt_code)",
        "status (status)",
        "status (theme_status)",
    ]
    assert row.split(";") == ["BU01640000", "BU01640101", "x", "getoond"]


def test_a_spreadsheet_refuses_a_count_it_cannot_vouch_for(hengelo_run, tmp_path):
    small = hengelo_run.con.sql("""
        select buurt_code, theme, count(distinct respondent) as n from stg_segments
        where buurt_code is not null group by all having n < 3 limit 3
    """).df()
    assert len(small)
    with pytest.raises(BuurtdataError, match=r"'n' hold whole numbers .*checked=True"):
        explore.to_spreadsheet(small, tmp_path / "s.csv", hengelo_run)
    assert not list(tmp_path.iterdir())
    assert explore.to_spreadsheet(small, tmp_path / "s.csv", hengelo_run, checked=True).exists()
    for helper in (explore.theme_overview, explore.signal_overview, explore.status_overview, explore.figures_overview):
        assert explore.to_spreadsheet(helper(hengelo_run), tmp_path / f"{helper.__name__}.csv", hengelo_run).exists()
    assert explore.to_spreadsheet(explore.unplaced_overview(hengelo_run), tmp_path / "u.csv", hengelo_run).exists()
    # Merged onto the buurten the count becomes float (a buurt without one): still a count (review s3).
    merged = hengelo_run.buurten[["code", "name"]].merge(small, left_on="code", right_on="buurt_code", how="left")
    assert merged["n"].dtype.kind == "f"
    with pytest.raises(BuurtdataError, match=r"'n' hold whole numbers"):
        explore.to_spreadsheet(merged.drop(columns="buurt_code"), tmp_path / "m.csv", hengelo_run)
    # Two columns of one name cannot be told apart: refused by name, not an AttributeError.
    with pytest.raises(BuurtdataError, match=r"more than one column named 'code'"):
        explore.to_spreadsheet(pd.concat([merged[["code"]], merged[["code"]]], axis=1), tmp_path / "d.csv", hengelo_run)


def test_the_explorer_shows_a_linked_figure_and_says_where_another_figure_is(hengelo_run):
    # A figure of [[links]] only has no position in the profile (it crashed: "cannot convert NA to integer").
    [(linked,)] = hengelo_run.con.sql(
        "select min(indicator) from buurt_comparison where not in_profile and position is null"
    ).fetchall()
    chart = interactive.explorer(hengelo_run, indicators=("inwoners", linked), map_indicator=linked)
    assert chart.to_dict()
    with pytest.raises(
        BuurtdataError, match=r"'huishoudens' is a figure of 2024, but not among the explorer's figures"
    ):
        interactive.explorer(hengelo_run, indicators=("huishoudens",))
    with pytest.raises(BuurtdataError, match=r"not among the explorer's bars.*indicator_map\(data, 'huishoudens'\)"):
        interactive.explorer(hengelo_run, map_indicator="huishoudens")


def test_a_misspelt_buurt_shows_in_a_notebook_as_its_message_alone(hengelo_run, capsys):
    """User test J: explore.buurt_code(data, "Heechtrep") in JupyterLab showed three frames of buurtdata's own
    code above the message; IPython shows an error's _render_traceback_ instead, as it did for a database only."""
    from IPython.core.interactiveshell import InteractiveShell

    with pytest.raises(BuurtdataError) as refused:
        explore.meeting_questions(hengelo_run, "Binnenstad-Centrm")
    shell = InteractiveShell.instance()
    try:
        capsys.readouterr()
        shell.showtraceback((refused.type, refused.value, refused.tb))
    finally:
        InteractiveShell.clear_instance()
    shown = capsys.readouterr().out
    assert shown.strip() == f"BuurtdataError: {refused.value}"


def test_a_bug_buurtdata_wrapped_keeps_its_traceback_in_a_notebook():
    # Review u M4: a KeyError under a BuurtdataError ("could not be written") showed as one line, and %tb did not
    # bring the frames back; whoever mends the bug needs them. An error of input (OSError) stays one message.
    def bug() -> None:
        {}["buurt_code"]  # noqa: B018

    try:
        try:
            bug()
        except KeyError as error:
            raise BuurtdataError("the page could not be written: 'buurt_code'") from error
    except BuurtdataError as wrapped:
        shown = "".join(wrapped._render_traceback_())
    assert "KeyError: 'buurt_code'" in shown and "in bug" in shown and "BuurtdataError: the page" in shown
    try:
        raise BuurtdataError("file x.csv cannot be read") from OSError("disk")
    except BuurtdataError as told:
        assert told._render_traceback_() == ["BuurtdataError: file x.csv cannot be read"]


def test_a_refusal_names_the_gemeente_not_the_project(ermelo):
    # User test J/K: "is not a buurt of Leeuwarden, buurtgesprekken" named the project where the gemeente reads better.
    named = types.SimpleNamespace(**vars(ermelo))
    named.project = types.SimpleNamespace(name="Ermelo, buurtgesprekken", year=2020, gemeenten=("GM0233",))
    with pytest.raises(BuurtdataError, match=r"'Tonzel' is not a buurt of Ermelo; did you mean 'Tonsel'") as no:
        explore.buurt_code(named, "Tonzel")
    assert "buurtgesprekken" not in str(no.value)
    with pytest.raises(BuurtdataError, match=r"wijk 'Speul' is no wijk of Ermelo; the closest") as no:
        wijk_code(named, "Speul")
    assert "buurtgesprekken" not in str(no.value)


def test_a_buurt_written_with_a_space_cbs_left_out_is_found():
    """Sweep13 #7: Amsterdam's KWB 2024 names "BurgemeesterTellegenbuurt-West"; a notebook's buurt argument written
    as people write it finds it, where exactly one buurt reads so without spaces; a name no buurt has is refused."""
    from pathlib import Path

    kwb = pd.read_csv(
        Path(__file__).resolve().parents[1] / "data" / "raw" / "kwb2024-85984NED-dertje" / "85984NED.csv",
        sep=";",
        dtype=str,
        encoding="utf-8-sig",
    )
    kwb["code"] = kwb["Codering_3"].str.strip()
    rows = kwb[kwb["code"].str.startswith("BU0363")]
    wijken = kwb[kwb["code"].str.startswith("WK0363")].set_index("code")["WijkenEnBuurten"]
    buurten = pd.DataFrame({"code": rows["code"], "name": rows["WijkenEnBuurten"], "year": 2024})
    buurten["wijk_code"] = "WK" + buurten["code"].str[2:8]
    buurten["wijk_name"] = buurten["wijk_code"].map(wijken)
    buurten["gemeente_code"] = "GM0363"
    con = duckdb.connect()
    con.execute("create table regions as select 'GM0363' code, 'gemeente' level, 'Amsterdam' as name, 2024 as year")
    data = types.SimpleNamespace(
        buurten=buurten, themes=None, con=con, project=types.SimpleNamespace(name="Amsterdam", year=2024)
    )
    west = buurten.loc[buurten["name"] == "BurgemeesterTellegenbuurt-West", "code"].item()
    assert explore.buurt_code(data, "Burgemeester Tellegenbuurt-West") == west
    assert explore.buurt_code(data, "burgemeester tellegenbuurt west") == west
    with pytest.raises(BuurtdataError, match="is not a buurt of"):
        explore.buurt_code(data, "Burgemeester Tellegenbuurt-Noord")


def test_a_table_of_wijken_says_wijkcode_not_buurtcode(hengelo_run, tmp_path):
    # Sweep 14 F7: wijk_themes in a spreadsheet had its wijk codes under "buurtcode".
    wijken = hengelo_run.con.sql("select code, theme from wijk_themes order by all limit 3").df()
    assert wijken["code"].str.startswith("WK").all()
    header = excel_files.text(explore.to_spreadsheet(wijken, tmp_path / "wijk.csv", hengelo_run)).splitlines()[-4]
    assert header.split(";") == ["wijkcode", "thema"]
    assert "wijkcode" in explore.table(wijken).to_html() and "buurtcode" not in explore.table(wijken).to_html()


def test_a_spreadsheet_of_wijken_says_wijkcode(hengelo_run, tmp_path):
    """Sweep 14 F7: wijk_themes' code column (WK...) was headed "buurtcode"."""
    frame = hengelo_run.con.sql("select * exclude (interviews) from wijk_themes").df()
    assert frame["code"].str.startswith("WK").all()
    lines = excel_files.text(explore.to_spreadsheet(frame, tmp_path / "wijk.csv", hengelo_run)).splitlines()
    header = next(line.split(";") for line in lines if "wijkcode" in line.split(";"))
    assert "buurtcode" not in header and header[0] == "wijkcode"
