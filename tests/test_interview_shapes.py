"""Interview files in the shapes a user test brought (Ermelo, fictional): rows starting with #, MAXQDA's table of
coded segments. All data here is made up."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from buurtdata._errors import InputFileError, ValidationError
from buurtdata.sources.interviews import read_segments
from buurtdata.sources.interviews.privacy import RealNameWarning, warn_named_respondents
from buurtdata.sources.interviews.segments import NoConsentWarning
from buurtdata.sources.interviews.tables import CommentBelowWarning

FIXTURES = Path(__file__).parent / "fixtures" / "qda"

TOP = "# FICTIEF: verzonnen fragmenten voor een test\n"
HEADER = "Fragment;Deelnemer;Rol;Code;Citaat;Locatie;Datum;Toestemming\n"
ROWS = [
    "#001;ERM-B01;bewoner;Ontmoeten/Buurthuis;Het dorpshuis is dicht.;Ermelo-West;14-03-2025;ja\n",
    "#002;ERM-B02;bewoner;Wonen;Geen huizen voor starters.;Horst;14-03-2025;nee\n",
]


def _write(tmp_path, text: str, name: str = "segmenten.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_segment_ids_starting_with_a_hash_are_rows_not_comments(tmp_path):
    segments = read_segments(_write(tmp_path, TOP + HEADER + "".join(ROWS)))
    assert segments["segment_id"].tolist() == ["#001", "#002"]
    assert segments.index.tolist() == [3, 4]


def test_only_lines_above_the_header_are_comments(tmp_path):
    text = TOP + "\n# nog een opmerking\n" + HEADER + "".join(ROWS) + '"#003";ERM-B03;bewoner;Wonen;x;Horst;;ja\n'
    segments = read_segments(_write(tmp_path, text))
    assert segments["segment_id"].tolist() == ["#001", "#002", "#003"]
    assert segments.index.tolist() == [5, 6, 7]


def test_segment_ids_starting_with_a_hash_are_rows_in_a_workbook(tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["# FICTIEF: verzonnen fragmenten"])
    for line in (HEADER, *ROWS):
        book.active.append(line.rstrip("\n").split(";"))
    book.save(tmp_path / "s.xlsx")
    assert read_segments(tmp_path / "s.xlsx")["segment_id"].tolist() == ["#001", "#002"]


def test_a_comment_below_the_header_is_said_not_dropped_unseen(tmp_path):
    path = _write(tmp_path, HEADER + ROWS[0] + "# opmerking: B02 nog navragen\n" + ROWS[1])
    with pytest.warns(CommentBelowWarning, match=r"segmenten.csv: row 3 below the header holds only a comment"):
        segments = read_segments(path)
    assert segments["segment_id"].tolist() == ["#001", "#002"]


def test_a_file_of_comments_below_its_header_has_no_rows(tmp_path):
    with (
        pytest.warns(CommentBelowWarning),
        pytest.raises(InputFileError, match="has a header but no rows"),
    ):
        read_segments(_write(tmp_path, HEADER + "# nog in te vullen\n"))


#: MAXQDA's table of coded segments as its Dutch interface exports it (Kleur first, a colour starting with #).
MAXQDA = (
    "Kleur;Documentgroep;Documentnaam;Code;Begin;Einde;Segment;Opmerking;Gewicht;Gebied;Dekking %;Aanmaakdatum\n"
    "#ff0000;Ermelo-West;Interview ERM-B01;Ontmoeten\\Buurthuis;1;2;Het dorpshuis is dicht.;;0;23;1,2;14-03-2025\n"
    "#00ff00;Horst;Interview ERM-B02;Wonen;2;3;Geen huizen voor starters.;;0;26;1,2;14-03-2025\n"
)


def test_maxqdas_coded_segments_are_read_with_the_segment_as_quote(tmp_path):
    segments = read_segments(_write(tmp_path, MAXQDA))
    assert segments["text"].tolist() == ["Het dorpshuis is dicht.", "Geen huizen voor starters."]
    assert segments["code_id"].tolist() == ["Ontmoeten/Buurthuis", "Wonen"]
    assert segments["respondent"].tolist() == ["Interview ERM-B01", "Interview ERM-B02"]
    assert segments["document"].tolist() == ["Interview ERM-B01", "Interview ERM-B02"]
    # No role, location or consent in the table: never quoted by mistake.
    assert segments["role"].eq("onbekend").all() and not segments["consent"].any()
    assert segments.attrs["location_kind"] == "maxqda"
    assert "REFI-QDA project (.qdpx)" in segments.attrs["location_from"]


def test_maxqdas_coded_segments_take_role_location_and_consent_by_document(tmp_path):
    table = _write(
        tmp_path,
        "document,rol,locatie,toestemming\nInterview ERM-B01,bewoner,Ermelo-West,ja\n"
        "Interview ERM-B02,ondernemer,Horst,nee\n",
        "respondenten.csv",
    )
    segments = read_segments(_write(tmp_path, MAXQDA), respondents=table)
    assert segments["role"].tolist() == ["bewoner", "ondernemer"]
    assert segments["location_raw"].tolist() == ["Ermelo-West", "Horst"]
    assert segments["consent"].tolist() == [True, False]


def test_maxqdas_coded_segments_in_english_without_colour(tmp_path):
    text = (
        "Document group,Document name,Code,Beginning,End,Segment,Comment,Weight score\n"
        "Noord,Interview B01,Groen\\Parken,1,1,Het park is vies.,,0\n"
    )
    segments = read_segments(_write(tmp_path, text))
    assert segments[["code_id", "text"]].iloc[0].tolist() == ["Groen/Parken", "Het park is vies."]


def test_maxqdas_segments_without_begin_and_end_say_what_to_export(tmp_path):
    path = _write(tmp_path, "Documentnaam;Code;Segment\nInterview B01;Wonen;Te duur.\n")
    with pytest.raises(InputFileError, match=r"looks like a MAXQDA export of coded segments.*REFI-QDA project"):
        read_segments(path)


def test_an_empty_consent_is_no_consent_said_by_its_rows_and_column_as_written(tmp_path):
    path = _write(tmp_path, HEADER + ROWS[0] + ROWS[1].replace(";nee\n", ";\n"))
    with pytest.warns(
        NoConsentWarning, match=r"1 segment\(s\) have an empty field 'Toestemming' \(consent\) \(row\(s\) 3\)"
    ):
        segments = read_segments(path)
    assert segments["consent"].tolist() == [True, False]


def test_a_bad_value_is_named_by_its_column_as_the_file_writes_it(tmp_path):
    path = _write(tmp_path, HEADER + ROWS[0].replace("14-03-2025;ja", "maart 2025;misschien"))
    with pytest.raises(ValidationError) as error:
        read_segments(path)
    assert error.value.problems == [
        f"{path}, row 2, field 'Datum' (date): 'maart 2025' is not a date; write 2025-03-14 or 14-03-2025.",
        f"{path}, row 2, field 'Toestemming' (consent): 'misschien' is not ja or nee; fill in ja or nee.",
    ]


def test_a_qdpx_case_without_the_consent_the_others_have_reads_nee_and_is_named(tmp_path):
    qde = (FIXTURES / "atlasti" / "project.qde").read_text(encoding="utf-8")
    first = qde.index("<Case ")
    case = qde[first : qde.index("</Case>", first)]
    # The first case loses its consent variable; its segments are kept and counted, never quoted.
    consent = re.search(r'<Variable guid="([^"]+)" name="consent"', qde).group(1)
    value = rf'<VariableValue>\s*<VariableRef targetGUID="{consent}"\s*/>.*?</VariableValue>'
    without = re.sub(value, "", case, flags=re.S)
    assert without != case
    path = tmp_path / "p.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", qde.replace(case, without))
    with pytest.warns(NoConsentWarning, match=r"of 1 respondent\(s\) \('HGL-B0\d'\) have no consent"):
        segments = read_segments(path)
    # Kept and counted, never quoted.
    assert len(segments) == 10 and segments["consent"].dtype == bool


def test_a_qdpx_real_name_warning_counts_cases_and_names_no_rows(tmp_path):
    segments = pd.DataFrame(
        {"source": "p.qdpx", "respondent": ["Jan de Vries", "Jan de Vries", "B01"]}, index=pd.RangeIndex(1, 4)
    )
    with pytest.warns(RealNameWarning) as said:
        warn_named_respondents(segments)
    message = str(said[0].message)
    assert message.startswith("p.qdpx: 1 respondent(s) of 2 coded segment(s) (a case's name")
    assert "row" not in message and "Jan" not in message


def test_the_unplaced_warning_gives_the_missing_variable_hint_only_for_those_without_a_location(tmp_path):
    from types import SimpleNamespace

    from buurtdata.pipeline import rounds
    from buurtdata.sources.interviews.gazetteer import NO_LOCATION
    from buurtdata.sources.interviews.respondents import location_from

    hint = location_from("qdpx", None)
    reasons = ["no match: 'Ermelo Zuid'"] * 3 + [f"{NO_LOCATION}; {hint}"]
    segments = pd.DataFrame({"buurt_code": [None] * 4, "wijk_code": [None] * 4, "reason": reasons})
    one = SimpleNamespace(current=True, label="", segments=tmp_path / "p.qdpx")
    with pytest.warns(rounds.UnplacedRoundWarning) as said_warning:
        rounds.warn_unplaced(one, segments, SimpleNamespace(path=tmp_path / "project.toml"))
    said = "(in a wijk only 0; in neither 4: no match 3, empty 1)"
    assert f"{said}; of the 1 without a location: {hint}." in str(said_warning[0].message)
