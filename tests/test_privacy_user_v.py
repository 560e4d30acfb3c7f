"""User test V: the privacy officer (FG) of a gemeente reads what a build publishes before a resident meeting.

Each test builds the sample's figures with a small FICTIEF segments sheet written here, or reads one published
file, and checks that nothing of the machine the build ran on (its folders, the analyst's user name) is in it.
"""

from __future__ import annotations

import warnings

import pytest

from buurtdata import datasets, pipeline
from buurtdata.pipeline import validation
from buurtdata.project import PrivacyWarning
from tests.sample_figures import project_with

HEADER = "# FICTIEF - user test V: verzonnen respondenten en citaten, geen echte personen.\n"
COLUMNS = "segment_id,respondent,role,code,quote,location,date,consent\n"


def test_recorded_validation_names_no_folder_of_the_build_machine(tmp_path, key):
    # The fix of "every buurt has a polygon" named the polygons by their absolute path ("... in [boundaries] path
    # (now /home/analist/ermelo/wijkenbuurten.gpkg)"), and validation_results is published in buurtdata.duckdb.
    (tmp_path / "segmenten_fictief.csv").write_text(
        HEADER + COLUMNS + "V1,B01,bewoner,Wonen,Tocht overal.,Tuindorp-Zuid,2025-04-12,ja\n", encoding="utf-8"
    )
    base = datasets.get_path("hengelo").parent
    project = project_with(
        tmp_path, f'segments = "segmenten_fictief.csv"\ncodebook = "{base}/codebook.csv"\nfictional = true'
    )
    result = pipeline.run(project, key=key)
    validation.validate(result.con, project, executor="sql")
    recorded = result.con.sql("select * from validation_results").df()
    text = " ".join(str(v) for v in recorded.to_numpy().ravel())
    assert "buurten.gpkg" in text  # still named, by the name a reader can find it under
    for folder in (str(base), base.as_posix(), str(tmp_path), str(base.resolve())):
        assert folder not in text


def test_a_notebook_says_the_projects_warning_as_a_note_without_its_folder(tmp_path, key, monkeypatch, capsys):
    # A threshold of 1 warned on 01_cijfers_verkennen's published page in Python's form, before the notes were set
    # up: "/tmp/ipykernel_5239/2124853834.py:4: PrivacyWarning: /home/.../project.toml: [privacy].threshold = 1".
    from buurtdata.outputs import explore

    (tmp_path / "segmenten_fictief.csv").write_text(
        HEADER + COLUMNS + "V1,B01,bewoner,Wonen,Tocht overal.,Tuindorp-Zuid,2025-04-12,ja\n", encoding="utf-8"
    )
    base = datasets.get_path("hengelo").parent
    with pytest.warns(PrivacyWarning):
        project = project_with(
            tmp_path,
            f'segments = "segmenten_fictief.csv"\ncodebook = "{base}/codebook.csv"\nfictional = true',
            "threshold = 1",
        )
    monkeypatch.setattr(warnings, "showwarning", warnings.showwarning)  # notes_for_warnings replaces it
    monkeypatch.setattr(explore, "in_notebook", lambda: True)
    monkeypatch.setenv("BUURTDATA_KEY_FILE", str(tmp_path / "key"))
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        explore.notebook_data(project.path)
    said = capsys.readouterr().out
    assert "Let op: project.toml: [privacy].threshold = 1 " in said
    assert str(tmp_path) not in said and "PrivacyWarning" not in said


def test_the_audit_fails_a_build_that_names_a_folder_of_its_machine(tmp_path):
    # What a reader gets must not say where (or who) the analyst is: /home/anneke/ermelo/... names both.
    import duckdb

    from buurtdata.outputs import audit
    from buurtdata.outputs._audit_folders import folder_forms, machine_folders

    project = tmp_path / "home" / "anneke" / "ermelo"
    out = tmp_path / "rapport"
    (out / "notebooks").mkdir(parents=True)
    (out / "notebooks" / "02.html").write_text(f"<pre>Let op: {project}/project.toml: ...</pre>", encoding="utf-8")
    (out / "index.html").write_text("<p>Bron: CBS</p>", encoding="utf-8")
    con = duckdb.connect(str(out / audit.DATABASE))
    con.execute("create table validation_results (rule varchar, fix varchar, unexpected bigint)")
    con.execute("insert into validation_results values ('x', ?, 0), ('y', null, 1)", [f"now {project}/kaart.gpkg"])
    con.close()
    problems = audit.audit(out, (), machine_folders(project / "project.toml"))
    assert problems == [
        "notebooks/02.html: names the project's folder",
        "buurtdata.duckdb: table validation_results column fix names the project's folder",
    ]
    assert not any(str(project) in p for p in problems)  # the message names the file, never the folder
    with pytest.raises(audit.DisclosureError, match="02.html: names the project's folder"):
        audit.check(out, (), [project])
    # A folder of one level is too common as text to tell ("/data" in a link), and is not looked for.
    assert folder_forms(["/data", "/"]) == {}


def test_a_household_named_with_its_street_loses_the_name():
    # "De familie Jansen op de Dorpsstraat heeft schulden." stayed whole (read as a shop at a street, as "Bakker op de
    # Markt"): a household's name, its street and its debts, in a buurt of a few hundred people.
    import pandas as pd

    from buurtdata.sources.interviews.scrub import scrub_text

    quotes = [
        "De familie Jansen op de Dorpsstraat heeft schulden.",
        "Fam. Oosterveld op de Kerkweg.",
        "Het gezin Jansen op de Stationsstraat redt het niet.",
        "Mijn familie op de Veluwe.",
        "De familie is belangrijk.",
    ]
    assert scrub_text(pd.Series(quotes), places=["Speuld", "Ermelo"]).tolist() == [
        "De familie [naam] op de Dorpsstraat heeft schulden.",
        "Fam. [naam] op de Kerkweg.",
        "Het gezin [naam] op de Stationsstraat redt het niet.",
        "Mijn familie op de Veluwe.",
        "De familie is belangrijk.",
    ]


def test_a_bad_cell_holding_a_name_or_contact_detail_is_named_by_row_not_repeated(tmp_path):
    # A column shifted by one put an e-mail address under role, a name under date and under consent: the errors
    # printed them, into a CI log others read. The file, row and field find the cell; an ordinary typo is still said.
    from buurtdata._errors import BuurtdataError
    from buurtdata.sources.interviews import read_segments

    sheet = tmp_path / "segmenten_fictief.csv"
    sheet.write_text(
        HEADER
        + COLUMNS
        + "V1,B01,anneke.devries@example.nl,Wonen,Tekst,Tuindorp-Zuid,2025-04-12,ja\n"
        + "V2,B02,bewoner,Wonen,Tekst,Tuindorp-Zuid,Henk Jansen,ja\n"
        + "V3,B03,bewoner,Wonen,Tekst,Tuindorp-Zuid,2025-04-12,Truus Hendriks\n"
        + "V4,B04,bewonr,Wonen,Tekst,Tuindorp-Zuid,2025-04-12,ja\n",
        encoding="utf-8",
    )
    with pytest.raises(BuurtdataError) as raised:
        read_segments(sheet)
    said = str(raised.value)
    for value in ("anneke", "example.nl", "Henk", "Jansen", "Truus", "Hendriks"):
        assert value not in said
    hidden = "the value (a name, address or contact detail: not repeated here)"
    assert f"row 3, field 'role': {hidden} is not a known role" in said
    assert f"row 4, field 'date': {hidden} is not a date" in said
    assert f"row 5, field 'consent': {hidden} is not ja or nee" in said
    assert "row 6, field 'role': 'bewonr' is not a known role" in said


def test_a_location_that_is_a_persons_name_is_not_listed_as_written(tmp_path, key):
    # The list of segments placed nowhere (niet_geplaatste_fragmenten.csv, published by default) showed a location
    # written as a person's name whole, "Truus Hendriks" (its reason "'Truus [naam]'"), and "anneke.devries".
    rows = [
        "V1,B01,bewoner,Wonen,Tekst,Truus Hendriks,2025-04-12,ja",
        "V2,B02,bewoner,Wonen,Tekst,anneke.devries,2025-04-12,ja",
        "V3,B03,bewoner,Wonen,Tekst,bij de markt,2025-04-12,ja",
        *(f"V{i},B0{i},bewoner,Wonen,Tekst,Tuindorp-Zuid,2025-04-12,ja" for i in range(4, 8)),
    ]
    (tmp_path / "segmenten_fictief.csv").write_text(
        HEADER + COLUMNS + "".join(f"{row}\n" for row in rows), encoding="utf-8"
    )
    base = datasets.get_path("hengelo").parent
    project = project_with(
        tmp_path, f'segments = "segmenten_fictief.csv"\ncodebook = "{base}/codebook.csv"\nfictional = true'
    )
    result = pipeline.run(project, key=key)
    unplaced = result.con.sql("select segment_id, location_raw, reason from unplaced_segments order by all").df()
    text = " ".join(unplaced.astype(str).to_numpy().ravel())
    for part in ("Truus", "Hendriks", "anneke", "devries"):
        assert part not in text
    assert unplaced["location_raw"].tolist() == ["[naam]", "[naam]", "bij de markt"]
    assert unplaced["reason"].str.startswith("no match: '[naam]'").sum() == 2


def test_the_audit_reads_every_round_and_the_changes_between_rounds():
    # The audit read today's tables only: a round's count below k, a hidden group's count of segments (one segment is
    # one person) or a change between rounds beside a hidden count (the change and the shown count give the hidden
    # one) would have been published unseen. The build's own rounds tables hold none of these (the Ermelo build of
    # user test V passed); handed them, the audit names each.
    import pandas as pd

    from buurtdata.outputs import audit

    buurten = pd.DataFrame(
        [("B1", "W1", "Zorg", None, None, "te weinig stemmen")],
        columns=["buurt", "wijk", "theme", "respondents", "segments", "status"],
    )
    rounds = pd.DataFrame(
        [("B1", "Zorg", 1, 2, 2, "getoond"), ("B1", "Zorg", 2, None, 1, "te weinig stemmen")],
        columns=["buurt", "theme", "round_number", "respondents", "segments", "status"],
    )
    changes = pd.DataFrame(
        [("B1", "Zorg", 4, None, -3)], columns=["buurt", "theme", "respondents_from", "respondents_to", "change"]
    )
    problems = audit.audit_tables({"buurt_themes": buurten, "rounds": rounds, "followup": changes}, 3)
    assert problems == [
        "rounds: 1 row(s) show fewer than 3 respondents, e.g. "
        "{'buurt': 'B1', 'theme': 'Zorg', 'round_number': 1, 'respondents': 2.0, 'segments': 2, 'status': 'getoond'}",
        "rounds: 1 row(s) hide the count of people but show the count of segments, which bounds it",
        "followup: B1 Zorg shows a change between rounds beside a hidden count",
    ]
    assert audit.audit_tables({"buurt_themes": buurten}, 3) == []


def test_the_audit_reads_the_segment_counts_of_the_geopackage(tmp_path):
    # The GeoPackage's layer buurt_themes (opened in QGIS) has a column segments beside respondents.
    import duckdb
    import geopandas as gpd
    from shapely.geometry import Point

    from buurtdata.outputs import audit

    con = duckdb.connect(str(tmp_path / audit.DATABASE))
    con.execute("create table project_settings as select 3 as privacy_threshold")
    con.close()
    layer = gpd.GeoDataFrame(
        {"code": ["B1", "B2"], "respondents": [None, 4], "segments": [1, 6]},
        geometry=[Point(0, 0), Point(1, 1)],
        crs="EPSG:28992",
    )
    layer.to_file(tmp_path / "buurten.gpkg", layer="buurt_themes", driver="GPKG")
    assert audit.audit(tmp_path) == [
        "buurten.gpkg buurt_themes: 1 row(s) hide the count of people but show the count of segments, which bounds it"
    ]


def test_a_librarys_warning_on_a_notebook_page_names_no_folder(monkeypatch):
    # Others' warnings show as Python shows them, which named the library's file by its whole path: the analyst's
    # home folder on a published page (and the folder audit would fail the build on it).
    from buurtdata.outputs import _notebook_checks

    shown = []
    monkeypatch.setattr(warnings, "showwarning", lambda *args: shown.append(args))  # Python's, as the kernel has it
    _notebook_checks.notes_for_warnings()
    frame = "/home/anneke/.venv/lib/python3.11/site-packages/pandas/core/frame.py"
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        warnings.warn_explicit("see /home/anneke/x.csv", FutureWarning, frame, 12, module="pandas.core.frame")
    (message, category, filename, lineno, _, _), *_ = shown
    assert (message, category, filename, lineno) == ("see x.csv", FutureWarning, "frame.py", 12)
    # Review z, M2: a folder of several words (a Windows user folder, OneDrive) was cut at its first space, and the
    # rest, with the user's name, stayed on the page. FICTIEF.
    said = {
        r"C:\Users\Anneke de Vries\ermelo\project.toml: threshold 1": "project.toml: threshold 1",
        r"C:\Users\anneke\OneDrive - Gemeente Hengelo\buurten\project.toml: x": "project.toml: x",
        "/home/anneke/Mijn Documenten/ermelo/project.toml: x": "project.toml: x",
        "zie file:///C:/Users/Anneke%20de%20Vries/ermelo/kaart.html": "zie kaart.html",
        r"\\server\team\anneke\ermelo\x.csv": "x.csv",
        "zie /tmp/a/x.csv of een andere/map/y.csv; 1/2 en https://example.nl/a/b.html": (
            "zie x.csv of een andere/map/y.csv; 1/2 en https://example.nl/a/b.html"
        ),
    }
    assert {message: _notebook_checks.unfoldered(message) for message in said} == said
    # A folder without a file after it: the home folder goes, however many words it has.
    monkeypatch.setenv("HOME", "/home/Anneke de Vries")
    assert _notebook_checks.unfoldered("/home/Anneke de Vries/ermelo: niet gevonden") == "/ermelo: niet gevonden"


def test_a_quote_is_published_only_from_a_role_of_at_least_k_people(tmp_path, key):
    """User test V, left C: what a quote says can tell its speaker's role though the roles are withheld ("Mijn klanten
    ..." beside "per rol niet getoond vanwege privacy": the one ondernemer). A quote is published only when its
    speaker is one of at least k people of the same role who raised the theme in that buurt."""
    rows = [
        # Wonen in Tuindorp-Zuid: 3 bewoners and 1 ondernemer, so the roles are withheld.
        *(f"W{n},B0{n},bewoner,Wonen,Tocht overal in huis {n}.,Tuindorp-Zuid,2025-04-12,ja" for n in range(1, 4)),
        "W4,O09,ondernemer,Wonen,Mijn klanten kunnen hier niets huren.,Tuindorp-Zuid,2025-04-12,ja",
        # Ontmoeten: 3 ondernemers, a role of 3: their quotes may be published.
        *(f"M{n},O0{n},ondernemer,Ontmoeten,Mijn zaak is de ontmoetingsplek {n}.,Tuindorp-Zuid,2025-04-12,ja"
          for n in range(1, 4)),
    ]  # fmt: skip
    (tmp_path / "segmenten_fictief.csv").write_text(HEADER + COLUMNS + "\n".join(rows) + "\n", encoding="utf-8")
    base = datasets.get_path("hengelo").parent
    project = project_with(
        tmp_path,
        f'segments = "segmenten_fictief.csv"\ncodebook = "{base}/codebook.csv"\nfictional = true',
        "publish_quotes = true",
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = pipeline.run(project, key=key)
    quotes = result.con.sql("select theme, role, quote from buurt_quotes order by quote").fetchall()
    assert [quote for _, _, quote in quotes] == [
        *(f"Mijn zaak is de ontmoetingsplek {n}." for n in range(1, 4)),
        *(f"Tocht overal in huis {n}." for n in range(1, 4)),
    ]
    # The roles of Wonen stay withheld: its bewoners' quotes carry no role.
    assert {(theme, role) for theme, role, _ in quotes} == {("Ontmoeten", "ondernemer"), ("Wonen", None)}


def test_the_reason_of_an_unplaced_location_names_no_one_scrubbing_took_out_of_it():
    # Review z, M1: only a location still read as a name after scrubbing had its reason rewritten. One that scrubbing
    # itself had turned into [naam] kept the name in its reason ("no match: 'Anneke de Vries' is ..."), and a reason
    # quoting a part of the location ("so 'Truus Hendriks' was looked up alone") kept the first name. FICTIEF.
    import pandas as pd

    from buurtdata.sources.interviews.scrub import scrub_free_text

    written = ["Anneke de Vries", "Kees (buurman)", "Truus Hendriks, Hengelo", "Dorpsstraat", "Berflo Es, Hengelo"]
    reasons = [
        "no match: 'Anneke de Vries' is no buurt or wijk of the figures",
        "no match: 'Kees (buurman)' is no buurt or wijk of the figures",
        "'Hengelo' is no gemeente of the figures, so 'Truus Hendriks' was looked up alone; no match",
        "no match: 'Dorpsstraat' is no buurt or wijk of the figures",
        "'Hengelo' is no gemeente of the figures, so 'Berflo Es' was looked up alone; no match",
    ]
    frame = pd.DataFrame(
        {"segment_id": range(5), "location_raw": written, "resolved_by": "onbekend", "reason": reasons}
    )
    out = scrub_free_text(frame, places=["Hengelo", "Berflo Es"])
    # sweep12 F1: scrubbing itself finds a first name and surname before a comma, and the place after it stays.
    assert out["location_raw"].tolist() == [
        "[naam]", "[naam] (buurman)", "[naam], Hengelo", "Dorpsstraat", "Berflo Es, Hengelo",
    ]  # fmt: skip
    assert out["reason"].tolist() == [
        "no match: '[naam]' is no buurt or wijk of the figures",
        "no match: '[naam] (buurman)' is no buurt or wijk of the figures",
        "'Hengelo' is no gemeente of the figures, so '[naam]' was looked up alone; no match",
        "no match: 'Dorpsstraat' is no buurt or wijk of the figures",
        "'Hengelo' is no gemeente of the figures, so 'Berflo Es' was looked up alone; no match",
    ]
    for part in ("Anneke", "Vries", "Kees", "Truus", "Hendriks"):
        assert not out["reason"].str.contains(part).any()


def test_a_missing_reason_of_a_location_listed_as_a_name_stays_missing():
    # Review z, L2: str() of a missing reason gave the text 'nan', so unplaced_segments' coalesce(reason, 'placed in
    # wijk ... only: ...') no longer said why a segment placed in a wijk is in no buurt. FICTIEF.
    import pandas as pd

    from buurtdata.sources.interviews.scrub import scrub_free_text

    frame = pd.DataFrame(
        {
            "segment_id": [1, 2],
            "location_raw": ["Truus Hendriks", "Anneke de Vries"],
            "resolved_by": "onbekend",
            "reason": [None, None],
        }
    )
    out = scrub_free_text(frame)
    assert out["location_raw"].tolist() == ["[naam]", "[naam]"]
    assert out["reason"].isna().all()


def test_the_audit_finds_a_folder_however_a_published_file_writes_it(tmp_path):
    # Review z, M3: the audit looked for the resolved project folder as plain text. A project reached through a link
    # (/tmp on macOS is /private/tmp) was missed as given, a Windows path in a notebook's JSON (each backslash
    # doubled, any case) or in a file:/// link was missed, and "proj" was found inside "projecten". FICTIEF.
    import json

    import duckdb

    from buurtdata.outputs import audit
    from buurtdata.outputs._audit_folders import folder_forms, machine_folders

    real = tmp_path / "echt" / "proj"
    real.mkdir(parents=True)
    (tmp_path / "link").symlink_to(tmp_path / "echt")
    out = tmp_path / "rapport"
    out.mkdir()
    (out / "a.html").write_text(f"<pre>Let op: {tmp_path}/link/proj/project.toml</pre>", encoding="utf-8")
    (out / "b.html").write_text(f'<a href="https://x.nl{tmp_path}/echt/projecten/overzicht">x</a>', encoding="utf-8")
    (out / "c.json").write_text(json.dumps({"p": f"{tmp_path}/echt/proj."}), encoding="utf-8")
    assert audit.audit(out, (), machine_folders(tmp_path / "link" / "proj" / "project.toml")) == [
        "a.html: names the project's folder",
        "c.json: names the project's folder",
    ]

    windows = r"C:\Users\Anneke de Vries\ermelo"
    forms = folder_forms([windows])
    assert "C:\\\\Users\\\\Anneke de Vries\\\\ermelo" in forms  # as json.dumps writes it
    for path in out.iterdir():
        path.unlink()
    notebook = {"cells": [{"outputs": [{"text": "c:\\USERS\\Anneke de Vries\\ermelo\\project.toml: threshold 1"}]}]}
    (out / "01.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    (out / "kaart.html").write_text('<a href="file:///C:/Users/Anneke%20de%20Vries/ermelo/k.html">', encoding="utf-8")
    (out / "fine.html").write_text(r"C:\Users\Anneke de Vries\ermelo-oud", encoding="utf-8")
    con = duckdb.connect(str(out / audit.DATABASE))
    con.execute("create table validation_results (rule varchar, fix varchar)")
    con.execute(r"insert into validation_results values ('c:\users\anneke de vries\ermelo\k.gpkg', 'C:\Users\x')")
    con.close()
    assert audit.audit(out, (), [windows]) == [
        "01.ipynb: names the project's folder",
        "kaart.html: names the project's folder",
        "buurtdata.duckdb: table validation_results column rule names the project's folder",
    ]
