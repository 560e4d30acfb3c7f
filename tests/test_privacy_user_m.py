"""User test M: a privacy adversary reads everything a build publishes.

Each test builds the sample's figures with a small FICTIEF segments sheet written here, made to create the small
groups a curious reader looks for, and checks what the published tables say of them.
"""

from __future__ import annotations

import threading
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from buurtdata import _errors, datasets, pipeline
from buurtdata._errors import InputFileError, ValidationError
from buurtdata.outputs import audit
from buurtdata.outputs.overdracht_ids import unknown
from buurtdata.project import Project
from buurtdata.sources.interviews import read_segments
from buurtdata.sources.interviews.scrub import scrub_text
from buurtdata.sources.interviews.segment_ids import SegmentIdWarning, id_safe_to_show, published_ids
from tests.sample_figures import project_with

HEADER = "# FICTIEF - user test M: verzonnen respondenten en citaten, geen echte personen.\n"
COLUMNS = "segment_id,respondent,role,code,quote,location,date,consent\n"


def _project(tmp_path, rows: list[str], privacy: str = "") -> Project:
    """The sample's figures with only today's round, its segments the FICTIEF ``rows`` (CSV lines, no header)."""
    (tmp_path / "segmenten_fictief.csv").write_text(
        HEADER + COLUMNS + "".join(f"{row}\n" for row in rows), encoding="utf-8"
    )
    base = datasets.get_path("hengelo").parent
    interviews = (
        f'segments = "segmenten_fictief.csv"\ncodebook = "{base}/codebook.csv"\n'
        'fictional = true\nlabel = "Fictieve interviews (user test M)"'
    )
    return project_with(tmp_path, interviews, privacy)


def _published(tmp_path, key, quotes: list[str]) -> list[str]:
    """The quotes a build publishes (sorted) of one FICTIEF segment each in Tuindorp-Zuid x Wonen."""
    rows = [f'M{i},B0{i},bewoner,Wonen,"{quote}",Tuindorp-Zuid,2025-04-12,ja' for i, quote in enumerate(quotes)]
    result = pipeline.run(_project(tmp_path, rows, "publish_quotes = true"), key=key)
    return sorted(q for (q,) in result.con.sql("select quote from buurt_quotes").fetchall())


def test_a_respondent_under_two_roles_withholds_the_breakdown(tmp_path, key):
    # Tuindorp 't Lansink x Wonen: three bewoners and three ondernemers, but one shopkeeper living above the shop
    # is both: 5 people. Shown as "5 personen (bewoner 3; ondernemer 3)", the cells minus the total told that
    # exactly one person has both roles.
    rows = [
        "M1,TL-A,bewoner,Wonen,De huren stijgen te snel.,Tuindorp 't Lansink,2025-04-11,ja",
        "M2,TL-B,bewoner,Wonen,Mijn huis is vochtig.,Tuindorp 't Lansink,2025-04-11,ja",
        "M3,TL-C,bewoner,Wonen,Ik woon boven de winkel.,Tuindorp 't Lansink,2025-04-11,ja",
        "M4,TL-C,ondernemer,Wonen,De panden verloederen.,Tuindorp 't Lansink,2025-04-11,ja",
        "M5,TL-D,ondernemer,Wonen,De winkelpanden staan leeg.,Tuindorp 't Lansink,2025-04-11,ja",
        "M6,TL-E,ondernemer,Wonen,Boven de zaken woont bijna niemand.,Tuindorp 't Lansink,2025-04-11,ja",
        # Tuindorp-Zuid x Wonen: three bewoners, one role each: the breakdown is shown.
        "M7,TZ-A,bewoner,Wonen,Tocht overal.,Tuindorp-Zuid,2025-04-12,ja",
        "M8,TZ-B,bewoner,Wonen,Schimmel in de badkamer.,Tuindorp-Zuid,2025-04-12,ja",
        "M9,TZ-C,bewoner,Wonen,Lange wachtlijst.,Tuindorp-Zuid,2025-04-12,ja",
    ]
    result = pipeline.run(_project(tmp_path, rows), key=key)
    themes = result.con.sql("select code, theme, respondents from buurt_themes where shown").df()
    assert themes.set_index("code")["respondents"].to_dict() == {"BU01640601": 5, "BU01640602": 3}
    roles = result.con.sql("select * from buurt_theme_roles where theme = 'Wonen'").df().set_index(["code", "role"])
    lansink = roles.loc["BU01640601"]
    assert (lansink["theme_status"] == "afgeschermd").all() and lansink["respondents"].isna().all()
    assert roles.loc[("BU01640602", "bewoner"), "respondents"] == 3
    # The build's own audit passes; handed the cells as they were shown before, it finds the one person.
    assert audit.audit_database(result.con) == []
    buurten = pd.DataFrame(
        [("BU01640601", "WK016406", "Wonen", 5, "getoond")], columns=["buurt", "wijk", "theme", "respondents", "status"]
    )
    shown = pd.DataFrame(
        [("BU01640601", "Wonen", "bewoner", 3, "getoond"), ("BU01640601", "Wonen", "ondernemer", 3, "getoond")],
        columns=["buurt", "theme", "role", "respondents", "status"],
    )
    assert audit.audit_tables({"buurt_themes": buurten, "roles": shown}, 3) == [
        "buurt_theme_roles: BU01640601 Wonen: the shown roles add up to 1 more than the total 5: that few people "
        "are counted under two or more roles"
    ]


def test_segment_ids_that_name_a_person_are_published_as_file_and_row(tmp_path, key):
    # The segment ids reach niet_geplaatste_fragmenten.csv and the database's unplaced_segments as written; a sheet
    # that names its fragments after the person published their name and e-mail address there.
    rows = [
        "Anneke de Boer - fragment 7,B01,bewoner,Wonen,Mijn dak lekt.,ergens achteraf,2025-04-01,ja",
        "truus.jansen@example.nl#2,B02,bewoner,Wonen,Schimmel in de badkamer.,onbekend,2025-04-02,ja",
        "henk_de_vries_3,B03,bewoner,Wonen,Tocht overal.,Berflo Es,2025-04-03,ja",
        "S004,B04,bewoner,Wonen,Lange wachtlijst.,nergens,2025-04-03,ja",
        ",B05,bewoner,Wonen,Te duur.,nergens,2025-04-03,ja",
        *(f"P{i},B1{i},bewoner,Wonen,Te weinig woningen.,Tuindorp-Zuid,2025-04-04,ja" for i in range(6)),
    ]
    with pytest.warns(SegmentIdWarning, match=r"segmenten_fictief\.csv: .* in row\(s\) 3, 4, 5;") as told:
        result = pipeline.run(_project(tmp_path, rows), key=key)
    assert not any(word in str(w.message) for w in told for word in ("Anneke", "truus", "henk"))
    unplaced = result.con.sql("select segment_id from unplaced_segments order by all").df()["segment_id"].tolist()
    assert unplaced == [
        "S004", "segmenten_fictief.csv:3", "segmenten_fictief.csv:4", "segmenten_fictief.csv:5",
        "segmenten_fictief.csv:7",
    ]  # fmt: skip
    for table in ("unplaced_segments", "stg_segments"):
        text = result.con.sql(f"select * from {table}").df().to_csv()
        assert not any(word in text.lower() for word in ("anneke", "truus", "henk", "example.nl")), table


def test_what_reading_warns_of_is_said_in_the_callers_thread():
    # The runner reads the segments in a thread; a warnings.catch_warnings the main thread entered meanwhile (a
    # library reading a file) swallowed what that thread said, so a first build now and then left out that the
    # respondent ids were names (user test M). Kept with _errors.held, it is said when the caller releases it.
    told: list = []

    def read() -> None:
        with _errors.held(told):
            _errors.warn("segmenten.csv: the respondent column holds what looks like a real name", UserWarning)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # as a library does in the main thread while the segments are read
        worker = threading.Thread(target=read)
        worker.start()
        worker.join()
    assert len(told) == 1
    with pytest.warns(UserWarning, match="respondent column holds"):
        _errors.release(told)
    assert told == []


def test_an_id_given_as_file_and_row_is_kept_when_read_again():
    # An overdracht dossier's fragments hold the ids as published; reading them again warns of nothing.
    ids = pd.Series(["segmenten_fictief.csv:3", "S004"])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert published_ids(ids, "ronde_2.csv", np.array([2, 3])).tolist() == ids.tolist()


def test_a_house_number_closing_a_clause_is_scrubbed_from_published_quotes(tmp_path, key):
    # "op nummer 14" and "huisnummer 7" went, but a number that closes a sentence or clause of its own stayed,
    # often right beside its street: "Ik woon aan de Dennenstraat. Nummer 4." is a home address.
    quotes = [
        "Ik woon aan de Dennenstraat. Nummer 4.",
        "Flat Berflo Esweg, derde portiek, nummer 110.",
        "Het huis met de blauwe deur, nr. 17a",
    ]
    assert _published(tmp_path, key, quotes) == [
        "Flat Berflo Esweg, derde portiek, nummer [huisnummer].",
        "Het huis met de blauwe deur, nr. [huisnummer]",
        "Ik woon aan de Dennenstraat. Nummer [huisnummer].",
    ]
    # Not a number after a word or before one, nor the emergency number.
    kept = ["Bel nummer 112.", "Nummer 1 is voor mij veiligheid.", "In nood: nummer 112!", "Het was nummer 3."]
    assert scrub_text(pd.Series(kept)).tolist() == kept


def test_messages_name_a_respondent_only_by_a_code(tmp_path):
    # A build log may be read by others (CI). Messages named a respondent whose id is a code with a name in it
    # (truus_1, kees-2), which the id check lets by as "id-shaped"; now only by its row.
    highlights = tmp_path / "highlights.csv"
    highlights.write_text(
        "id,document,tag,content\n1,truus_1,Wonen,Citaat 1.\n2,kees-2,Wonen,Citaat 2.\n3,HGL-B03,Wonen,Citaat 3.\n",
        encoding="utf-8",
    )
    table = tmp_path / "respondenten.csv"
    table.write_text(
        "# FICTIEF - user test M\nrespondent,role,location,consent\ntruus_1,bewoner,Berflo Es,misschien\n"
        "kees-2,bewoner,Berflo Es,nee\nKEES 2,bewoner,Berflo Es,ja\nHGL-B03,buurman,Berflo Es,ja\n",
        encoding="utf-8",
    )
    with pytest.raises(ValidationError) as error:
        read_segments(highlights, respondents=table)
    said = "\n".join(error.value.problems)
    assert "truus" not in said.lower() and "kees" not in said.lower(), said
    assert "row 3, field 'consent': 'misschien'" in said and "one respondent (no code: not repeated) has 'nee'" in said
    assert "row 6 (respondent 'HGL-B03'), field 'role'" in said


def test_a_date_of_birth_is_scrubbed_from_published_quotes(tmp_path, key):
    # Beside the buurt, a date of birth names nearly one person; it stayed in published quotes. A year alone stays.
    quotes = ["Ik ben geboren op 12-03-1948 en woon hier al 50 jaar.", "Geboortedatum: 3/4/52.", "Ik ben van 1948."]
    assert _published(tmp_path, key, quotes) == [
        "Geboortedatum: [geboortedatum].",
        "Ik ben geboren op [geboortedatum] en woon hier al 50 jaar.",
        "Ik ben van 1948.",
    ]
    kept = ["Ik ben geboren in 1948.", "Hij is geboren en getogen hier.", "Gebouw 12-03-1948 staat leeg."]
    assert scrub_text(pd.Series(kept)).tolist() == kept


def test_a_month_is_read_only_as_a_whole_word():
    # Review W M1: "2 meisjes" read as "2 mei" and left "[geboortedatum]sjes"; births in a street are ordinary talk.
    kept = [
        "Geboren: 2 meisjes en 1 jongen.",
        "Er zijn geboren 2 meiden in de flat.",
        "Ze zijn geboren 2 decennia na de oorlog.",
        "Ik ben geboren 3 augustusdagen te vroeg.",
    ]
    assert scrub_text(pd.Series(kept)).tolist() == kept
    dates = ["geboren op 1 mei.", "geb. 3 mrt. 1948 in Hengelo", "Geboortedatum: 1 jan. 1950", "geboren 2 december"]
    assert scrub_text(pd.Series(dates)).tolist() == [
        "geboren op [geboortedatum].", "geb. [geboortedatum] in Hengelo", "Geboortedatum: [geboortedatum]",
        "geboren [geboortedatum]",
    ]  # fmt: skip


def test_a_ranking_or_list_answer_keeps_its_number():
    # Review W M2: "Nummer 1." closing a sentence was read as a house number wherever it stood; a ranking or list
    # answer lost its meaning and said an address was given. A number alone counts only beside an address.
    kept = [
        "Nummer 1.",
        "Wat is voor u het belangrijkst? Nummer 1.",
        "Mijn zorgen? Nummer 1: de veiligheid.",
        "Nummer 2: de straatverlichting.",
        "Hoe vaak? Nummer 3, denk ik.",
        "De buurtbus, nummer 4, rijdt niet meer.",
        "Ik stond in de rij, nummer 12.",
        "In groep 7, nummer 3.",
        "Op de ranglijst: nummer 1!",
        "Zie bijlage, nr. 2.",
        "Bel de wijkagent, nummer 06.",
        "Om 9 uur. Nummer 4.",
        "Op de vergadering, nummer 1.",
    ]
    assert scrub_text(pd.Series(kept)).tolist() == kept
    homes = [
        "Ik woon aan de Dennenstraat. Nummer 4.",
        "Flat Berflo Esweg, derde portiek, nummer 110.",
        "Waar woont u? Nummer 4.",
        "Nr. 110, drie hoog",
    ]
    assert scrub_text(pd.Series(homes)).tolist() == [
        "Ik woon aan de Dennenstraat. Nummer [huisnummer].",
        "Flat Berflo Esweg, derde portiek, nummer [huisnummer].",
        "Waar woont u? Nummer [huisnummer].",
        "Nr. [huisnummer], drie hoog",
    ]


def test_a_house_number_alone_is_read_as_after_a_street():
    # Review W L4: the number alone took 12 and 12a only; after a street 12-A, 12 bis, 4 hs and 12-2 are read too.
    quotes = ["Dennenstraat. Nummer 12-A.", "Dennenstraat. Nummer 12 bis.", "Dennenstraat. Nummer 4 hs.",
              "Dennenstraat. Nummer 12-2.", "Dennenstraat. Nummer 4-I."]  # fmt: skip
    assert set(scrub_text(pd.Series(quotes))) == {"Dennenstraat. Nummer [huisnummer]."}
    # Review W L8: a short code is no house number alone, so the id check and the sheet's fast path agree.
    assert [id_safe_to_show(t) for t in ("NR2", "nr12", "Nr.3")] == [True, True, True]


def _sheet(tmp_path, name: str, ids: list[str], column: str = "segment_id"):
    path = tmp_path / name
    path.write_text(
        HEADER + COLUMNS.replace("segment_id", column)
        + "".join(f"{i},R-01234567{n:02d},bewoner,Wonen,Fictief citaat.,BU01640001,2025-03-01,ja\n"
                  for n, i in enumerate(ids)),
        encoding="utf-8",
    )  # fmt: skip
    return path


def test_a_tools_guid_stays_the_segments_id(tmp_path):
    # Review W M3: an overdracht dossier of a .qdpx round writes the selections' GUIDs, read again as a sheet; each
    # was replaced by file and row, with a warning that it "looks like a name".
    guids = ["7f3c1e2a-5b6d-4e8f-9a0b-1c2d3e4f5a6b", "7f3c1e2a-5b6d-4e8f-9a0b-1c2d3e4f5a6c#2", "3:12"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert read_segments(_sheet(tmp_path, "ronde_1.csv", guids))["segment_id"].tolist() == guids
    # A tool's reference is no name: the warning says it is no short code, and to keep or map the tool's id column.
    path = _sheet(tmp_path, "ronde_2.csv", ["Reference 1 - 2.5% coverage", "Anneke de Boer 7"], column="Fragment")
    with pytest.warns(SegmentIdWarning) as told:
        read_segments(path)
    said = str(told[0].message)
    assert said.startswith(f"{path}: the Fragment column holds what looks like a name or contact detail in row(s) 4")
    assert "no short code (a sentence, or a tool's reference such as NVivo's) in row(s) 3" in said
    assert "keep the tool's own id column" in said and "Anneke" not in said


def test_the_id_given_for_a_row_carries_no_name(tmp_path):
    # Review W M4: an id replaced because it held a name became gesprek_anneke_de_boer.csv:2, the file's name.
    with pytest.warns(SegmentIdWarning):
        ids = published_ids(pd.Series(["Anneke de Boer 7", "S002"]), "gesprek_anneke_de_boer.csv", np.array([2, 3]))
    assert ids[0].startswith("segmenten-") and ids[0].endswith(":2") and ids[1] == "S002"
    assert id_safe_to_show(ids[0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # read again (an overdracht dossier's fragments), it is kept as it is
        assert published_ids(ids, "ronde_2.csv", np.array([2, 3])).tolist() == ids.tolist()
    # A row without an id is given the same kind.
    segments = read_segments(_sheet(tmp_path, "gesprek_anneke_de_boer.csv", ["", "S002"]))
    assert segments["segment_id"].iat[0].startswith("segmenten-")


def test_an_id_given_for_a_row_is_never_one_the_file_writes(tmp_path):
    # Review W L3: row 4's name became ronde_1.csv:4, which row 5 wrote as its id (pasted back before rows shifted):
    # two rows with one id, past the file's own duplicate check.
    with pytest.warns(SegmentIdWarning):
        segments = read_segments(_sheet(tmp_path, "ronde_1.csv", ["S001", "Anneke de Boer 7", "ronde_1.csv:4"]))
    assert segments["segment_id"].tolist() == ["S001", "ronde_1.csv:4#2", "ronde_1.csv:4"]
    assert id_safe_to_show("ronde_1.csv:4#2")


def test_unmatched_or_repeated_ids_are_named_only_when_they_are_codes(tmp_path):
    # Review W M5: the unmatched-respondents warning and the duplicate segment id error printed the raw value.
    export = tmp_path / "taguette.csv"
    export.write_text(
        "id,document,tag,content\n1,Gesprek Anneke de Boer,Wonen,Citaat 1.\n2,HGL-B07,Wonen,Citaat 2.\n"
        "3,truus.jansen@example.nl,Wonen,Citaat 3.\n",
        encoding="utf-8",
    )
    table = tmp_path / "respondenten.csv"
    table.write_text("# FICTIEF - review W\nrespondent,role,location,consent\nB01,bewoner,Berflo Es,ja\n", "utf-8")
    with pytest.warns(UserWarning, match="have no row in") as told:
        read_segments(export, respondents=table)
    said = " ".join(str(w.message) for w in told)
    assert "'HGL-B07'; 2 without a code (not repeated), on row(s) 2, 4;" in said
    assert "anneke" not in said.lower() and "truus" not in said.lower()
    path = _sheet(tmp_path, "seg.csv", ["Anneke de Boer - fragment 7", "Anneke de Boer - fragment 7", "S3", "S3"])
    with pytest.raises(ValidationError) as error:
        read_segments(path)
    said = "\n".join(error.value.problems)
    assert "rows 3, 4, field 'segment_id': the same value (no code: not repeated) occurs 2 times" in said
    assert "rows 5, 6, field 'segment_id': 'S3' occurs 2 times" in said and "Anneke" not in said
    # An overdracht's no_handover id with a typo is offered the closest codes only, never an export's name.
    assert unknown(["HGL-B0B", "Anneke de Bor"], pd.Series(["HGL-B08", "Anneke de Boer", "B01"])) == [
        "'HGL-B0B' (the closest: HGL-B08)", "'Anneke de Bor'"
    ]  # fmt: skip


def test_what_reading_warned_of_is_said_when_the_codebook_cannot_be_read(tmp_path, key):
    # Review W L1: a codebook that is not UTF-8 ended the build before the reading thread's warnings were said, so
    # it never told that the respondent ids were names.
    project = _project(
        tmp_path, ["Anneke de Boer - fragment 7,Anneke de Boer,bewoner,Wonen,Te duur.,Berflo Es,2025-04-01,ja"]
    )
    codebook = datasets.get_path("hengelo").parent / "codebook.csv"
    (tmp_path / "codebook.csv").write_bytes(codebook.read_bytes() + "EXTRA,Wonen,caf\xe9\n".encode("cp1252"))
    text = project.path.read_text(encoding="utf-8").replace(f'codebook = "{codebook}"', 'codebook = "codebook.csv"')
    project.path.write_text(text, encoding="utf-8")
    with warnings.catch_warnings(record=True) as told, pytest.raises(InputFileError, match="not UTF-8"):
        warnings.simplefilter("always")
        pipeline.run(Project.load(project.path), key=key)
    assert {w.category.__name__ for w in told} >= {"RealNameWarning", "SegmentIdWarning"}


def test_the_dutch_privacy_sections_say_no_makers_jargon():
    # Review W L7: "(user test M, FICTIEF)" and "een buildlog lezen soms anderen mee" in the Dutch text.
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    dutch = readme[readme.index("### 4. Geen persoonsgegevens") : readme.index("## Speed")]
    assert not any(word in dutch for word in ("user test", "review W", "buildlog", "alleen de wijk bekend)"))
    assert "verzonnen voorbeeld (FICTIEF)" in dutch


def test_the_modules_review_w_grew_stay_under_500_lines():
    # Review W L6: segments.py was 502 lines, over COMMON.md's ~500; its message builders moved to segment_messages.
    folder = Path(__file__).parent.parent / "buurtdata" / "sources" / "interviews"
    for name in ("segments.py", "tables.py", "segment_ids.py", "segment_messages.py", "scrub_parts.py"):
        assert len((folder / name).read_text(encoding="utf-8").splitlines()) <= 500, name


def test_a_date_of_birth_is_read_as_people_write_it():
    # Review W L5: "geb" without its dot, an ISO date, "geboortedatum?", "d.d." and "de 12e maart" stayed.
    quotes = ["geb 12-03-1948", "Geboren 1948-03-12.", "Mijn geboortedatum? 12-03-1948", "geboren d.d. 12-03-1948",
              "geboren op de 12e maart 1948"]  # fmt: skip
    assert scrub_text(pd.Series(quotes)).tolist() == [
        "geb [geboortedatum]", "Geboren [geboortedatum].", "Mijn geboortedatum? [geboortedatum]",
        "geboren d.d. [geboortedatum]", "geboren op de [geboortedatum]",
    ]  # fmt: skip
    kept = ["geb 3 kinderen", "geboren op de 3e verdieping", "Ik ben geboren, 1 van de 8."]
    assert scrub_text(pd.Series(kept)).tolist() == kept


def _say_a_name_warning() -> None:
    _errors.warn("segmenten.csv: the respondent column holds what looks like a real name", UserWarning)


def test_a_held_warning_is_said_as_from_where_it_was_said():
    # Review W L2: released from the runner, a held warning came from another place than the same warning said
    # later (buurtdata overdracht reads each round again), so Python's default filter said it twice.
    told: list = []
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("default")
        with _errors.held(told):
            _say_a_name_warning()
        _errors.release(told)
        _say_a_name_warning()
    assert len(said) == 1 and said[0].filename == __file__
    # Under a filter that makes warnings errors, every held one is said and the first is raised.
    with _errors.held(told):
        _errors.warn("first", UserWarning)
        _errors.warn("second", UserWarning)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(UserWarning, match="first"):
            _errors.release(told)
    assert told == []


def test_the_fast_path_keeps_only_what_the_id_check_keeps():
    # Review W L8: NR2 matched the sheet's fast path (_PLAIN_ID) but failed id_safe_to_show ("NR[huisnummer]"), so one
    # id was treated three ways. Every plain id the fast path lets by is one the per-id check keeps.
    import random
    import re

    from buurtdata.sources.interviews.segment_ids import _PLAIN_ID

    rng = random.Random(7)
    letters = "ABCDEHMNPRSTVnrmsabp"
    ids = {"NR2", "nr12", "Nr3", "S0000001", "M014", "12", "nr-4", "NR_110"}
    for _ in range(400):
        ids.add(
            "".join(rng.choices(letters, k=rng.randint(0, 2)))
            + rng.choice(["", "-", "_"])
            + str(rng.randint(0, 10 ** rng.randint(1, 7)))
        )
    plain = [i for i in ids if re.fullmatch(_PLAIN_ID.strip("^$"), i)]
    assert plain and [i for i in plain if not id_safe_to_show(i)] == []
