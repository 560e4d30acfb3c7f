"""Interview files in the shapes a user test brought (Ermelo, fictional): rows starting with #, MAXQDA's table of
coded segments. All data here is made up."""

from __future__ import annotations

import openpyxl
import pytest

from buurtdata._errors import InputFileError
from buurtdata.sources.interviews import read_segments
from buurtdata.sources.interviews.tables import CommentBelowWarning

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
