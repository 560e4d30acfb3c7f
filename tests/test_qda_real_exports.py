"""Real exports of QDA tools, taken from public repositories (tests/fixtures/qda/real/*/SOURCE.md).

Everything else under tests/fixtures/qda is hand-made in a tool's style; these files were written by the
tools themselves (Taguette's export code, as its own test suite asserts it; ATLAS.ti Win 23.4.0). Each is read
through the public readers as a user would, and checked against the file itself: every row or element the
export holds is accounted for, nothing silently dropped.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pandas as pd
import pytest
from test_qda import hengelo_regions

from buurtdata._errors import InputFileError, ValidationError
from buurtdata.sources.interviews import attach_themes, read_codebook, read_segments, resolve_locations

REAL = Path(__file__).parent / "fixtures" / "qda" / "real"
TAGUETTE = REAL / "taguette"
ATLAS = REAL / "atlasti_codebook"


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


# --- Taguette: highlights and codebook exports ----------------------------------------------------------


def test_taguette_highlights_give_one_segment_per_row():
    path = TAGUETTE / "highlights_interesting.csv"
    assert path.read_bytes().count(b"\r\n") == 4, "the real export ends its lines with CRLF"
    rows = _rows(path)
    segments = read_segments(path)
    assert len(segments) == len(rows) == 3
    # Taguette repeats a highlight once per tag: highlight 3 has two tags, so two segments.
    assert segments["segment_id"].tolist() == ["2", "3", "3#2"]
    assert segments["code_id"].tolist() == [r["tag"] for r in rows]
    assert segments["text"].tolist() == [r["content"] for r in rows]
    assert segments["respondent"].tolist() == [r["document"] for r in rows] == ["otherdoc"] * 3
    assert segments["document"].tolist() == ["otherdoc"] * 3
    # Taguette carries no role, location or consent: read as unknown, no location, no consent.
    assert set(segments["role"]) == {"onbekend"}
    assert not segments["consent"].any()
    assert segments["location_raw"].isna().all() and segments["text_note"].isna().all()


def test_taguette_segments_without_a_location_stay_with_their_reason():
    segments = read_segments(TAGUETTE / "highlights_interesting.csv")
    placed = resolve_locations(segments, hengelo_regions(), gemeente="GM0164")
    assert len(placed) == len(segments)
    assert placed["buurt_code"].isna().all()
    assert placed["reason"].str.startswith("empty").all(), placed["reason"].tolist()


def test_taguette_respondents_table_supplies_what_the_export_lacks():
    respondents = pd.DataFrame(
        {"document": ["otherdoc"], "role": ["bewoner"], "location": ["Elsbeek"], "consent": ["ja"]}
    )
    segments = read_segments(TAGUETTE / "highlights_interesting.csv", respondents=respondents)
    assert set(segments["role"]) == {"bewoner"} and segments["consent"].all()
    placed = resolve_locations(segments, hengelo_regions(), gemeente="GM0164")
    assert placed["buurt_code"].notna().all() and placed["reason"].isna().all()


def test_taguette_codebook_csv_and_qdc_give_the_same_codes_and_cover_every_tag():
    rows = _rows(TAGUETTE / "codebook.csv")
    assert list(rows[0]) == ["tag", "parent", "description", "number of highlights"]
    from_csv = read_codebook(TAGUETTE / "codebook.csv")
    from_qdc = read_codebook(TAGUETTE / "codebook.qdc")
    tags = [r["tag"] for r in rows]
    assert from_csv["code_id"].tolist() == from_qdc["code_id"].tolist() == tags
    assert from_csv["description"].tolist()[:2] == ["Further review required", "People of interest"]
    assert pd.isna(from_csv["description"].iat[2])
    # No parent in this export: each tag is a top-level code and its own theme.
    assert from_csv["theme"].tolist() == tags
    segments = attach_themes(read_segments(TAGUETTE / "highlights_interesting.csv"), from_qdc)
    assert segments["theme"].tolist() == ["interesting.places", "interesting", "people"]
    highlights = {r["tag"]: 0 for r in rows}
    for code in segments["code_id"]:
        highlights[code] += 1
    # The export's own count of highlights per tag, for the tags under 'interesting' it exported.
    assert highlights == {"interesting": 1, "people": 1, "interesting.places": 1}
    assert {r["tag"]: int(r["number of highlights"]) for r in rows}["people"] == 2


def test_taguette_codebook_parent_column_gives_the_theme(tmp_path):
    # The real export with parents filled in, as Taguette writes it once a tag is given a parent: two levels.
    data = (TAGUETTE / "codebook.csv").read_bytes()
    data = data.replace(b"interesting.places,,", b"interesting.places,People ,").replace(
        b"people,,", b"people,interesting,"
    )
    (tmp_path / "codebook.csv").write_bytes(data)
    book = read_codebook(tmp_path / "codebook.csv").set_index("code_id")
    assert book["theme"].to_dict() == {
        "interesting": "interesting",
        "people": "interesting",
        "interesting.places": "interesting",
    }


def test_taguette_parents_and_the_projects_themes_give_one_theme_per_branch(tmp_path):
    # [interviews.themes] renames the top of a branch: the child tag follows its parent, unless it is named itself.
    data = (
        (TAGUETTE / "codebook.csv").read_bytes().replace(b"interesting.places,,", b"interesting.places,INTERESTING ,")
    )
    (tmp_path / "codebook.csv").write_bytes(data)
    book = read_codebook(tmp_path / "codebook.csv", themes={"interesting": "Ontmoeten"}).set_index("code_id")
    assert book["theme"].to_dict() == {
        "interesting": "Ontmoeten",
        "people": "people",
        "interesting.places": "Ontmoeten",
    }
    named = read_codebook(tmp_path / "codebook.csv", themes={"interesting/interesting.places": "Wonen"})
    assert named.set_index("code_id")["theme"].to_dict()["interesting.places"] == "Wonen"


def test_a_parent_column_is_read_in_any_codebook_and_may_not_contradict_a_path(tmp_path):
    (tmp_path / "codebook.csv").write_text("code,parent,description\nZorg,,\nGeluid,Zorg,\n", encoding="utf-8")
    assert read_codebook(tmp_path / "codebook.csv").set_index("code_id")["theme"].to_dict() == {
        "Zorg": "Zorg",
        "Geluid": "Zorg",
    }
    (tmp_path / "tags.csv").write_text("tag,parent\nZorg,\nWonen\\Geluid,Zorg\n", encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        read_codebook(tmp_path / "tags.csv")
    assert caught.value.problems == [
        f"{tmp_path / 'tags.csv'}, row 3, field 'parent': 'Zorg' puts 'Wonen/Geluid' under theme 'Zorg', but its "
        "own path or theme says 'Wonen'; make them agree or leave parent empty."
    ]


@pytest.mark.parametrize(
    ("parents", "message"),
    [
        (
            {b"people,,": b"people,mensen,"},
            "codebook.csv, row 3, field 'parent': 'mensen' is not a code of this codebook; "
            "give one of its codes or leave parent empty.",
        ),
        (
            {
                b"interesting,,": b"interesting,interesting.places,",
                b"interesting.places,,": b"interesting.places,interesting,",
            },
            "the parents go round in a circle (interesting -> interesting.places -> interesting); "
            "give one of these codes an empty parent.",
        ),
    ],
)
def test_taguette_codebook_bad_parents_are_named_once(tmp_path, parents, message):
    data = (TAGUETTE / "codebook.csv").read_bytes()
    for old, new in parents.items():
        data = data.replace(old, new)
    (tmp_path / "codebook.csv").write_bytes(data)
    with pytest.raises(ValidationError) as caught:
        read_codebook(tmp_path / "codebook.csv")
    problems = caught.value.problems
    assert len(problems) == 1 and problems[0].endswith(message), problems


# --- ATLAS.ti: a codebook (.qdc), whole and cut off -------------------------------------------------------


def test_atlasti_codebook_reads_every_code_of_its_tree():
    path = ATLAS / "codebook.qdc"
    root = ET.fromstring(path.read_bytes())
    assert root.get("origin") == "ATLAS.ti Win 23.4.0"
    codes = [e for e in root.iter() if e.tag.endswith("}Code")]
    book = read_codebook(path)
    assert len(book) == len(codes) == 1
    assert book.iloc[0][["code_id", "name", "theme", "description"]].tolist() == [
        "code1",
        "code1",
        "code1",
        "description",
    ]
    # The code group (a Set) is not a theme: a code may be in several groups.
    assert "code group 1" not in set(book["theme"])


def test_atlasti_codebook_cut_off_is_a_clear_error():
    with pytest.raises(InputFileError) as caught:
        read_codebook(ATLAS / "truncated.qdc")
    message = str(caught.value)
    assert "truncated.qdc, line 17, column 4: malformed XML" in message
    assert "it was cut off" in message and message.endswith("export the codebook again.")
    assert "project" not in message


def test_atlasti_codebook_inside_a_project_without_codings_says_what_it_holds(tmp_path):
    # A .qdpx of that codebook and no sources: what a codebook-only export looks like to the segment reader.
    book = ET.fromstring((ATLAS / "codebook.qdc").read_bytes())
    codes = ET.tostring(next(e for e in book if e.tag.endswith("}Codes")), encoding="unicode")
    qde = (
        f'<Project xmlns="urn:QDA-XML:project:1.0" origin="{book.get("origin")}"><CodeBook>{codes}</CodeBook></Project>'
    )
    path = tmp_path / "alleen_codes.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", qde)
    assert read_codebook(path)["code_id"].tolist() == ["code1"]
    with pytest.raises(InputFileError) as caught:
        read_segments(path)
    message = str(caught.value)
    assert message.startswith(f"{path} holds no coded selections: 0 source(s), 1 code(s) and 0 selection(s)")
    assert "read_codebook" in message and "export the project again" in message


# --- a project whose selections carry no Coding (as in a real MAXQDA 24 export, see the README) -------------


def test_selections_without_a_coding_are_counted_in_the_error(tmp_path):
    folder = Path(__file__).parent / "fixtures" / "qda" / "nvivo_unicode"
    qde = (folder / "project.qde").read_text(encoding="utf-8")
    root = ET.fromstring(qde)
    selections = [e for e in root.iter() if e.tag.endswith("Selection")]
    for element in selections:
        for coding in [c for c in element if c.tag.endswith("}Coding")]:
            element.remove(coding)
    sources = [e for e in root.iter() if e.tag.endswith("Source") and e.get("guid")]
    path = tmp_path / "ongecodeerd.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", ET.tostring(root, encoding="unicode"))
        for file in (folder / "Sources").iterdir():
            archive.writestr(f"Sources/{file.name}", file.read_bytes())
    with pytest.raises(InputFileError) as caught:
        read_segments(path)
    message = str(caught.value)
    assert f"{len(sources)} source(s)" in message
    assert f"{len(selections)} selection(s) ({len(selections)} of them without a code" in message


def test_selections_without_a_coding_beside_coded_ones_are_counted_in_a_warning(tmp_path):
    # Sweep 12 interviews F21: 5 quotations made but not coded yet were left out without a word.
    from buurtdata.sources.interviews.qda_segments import UncodedSelectionsWarning

    folder = Path(__file__).parent / "fixtures" / "qda" / "nvivo_unicode"
    root = ET.fromstring((folder / "project.qde").read_text(encoding="utf-8"))
    selections = [e for e in root.iter() if e.tag.endswith("Selection")]
    coded = [e for e in selections if any(c.tag.endswith("}Coding") for c in e)]
    assert len(coded) >= 2
    for coding in [c for c in coded[0] if c.tag.endswith("}Coding")]:
        coded[0].remove(coding)
    path = tmp_path / "half.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", ET.tostring(root, encoding="unicode"))
        for file in (folder / "Sources").iterdir():
            archive.writestr(f"Sources/{file.name}", file.read_bytes())
    uncoded = len(selections) - len(coded) + 1
    said = rf"{uncoded} of its {len(selections)} selection\(s\) have no code"
    with pytest.warns(UncodedSelectionsWarning, match=said):
        read_segments(path)


@pytest.mark.parametrize(("name", "what"), [("leeg.qdpx", "project"), ("leeg.qdc", "codebook")])
def test_an_empty_file_is_asked_again_as_what_it_is(tmp_path, name, what):
    (tmp_path / name).write_bytes(b"")
    with pytest.raises(InputFileError, match=f"is empty; export the {what} again from your QDA tool"):
        read_codebook(tmp_path / name)


@pytest.mark.parametrize(
    ("themes", "expected"),
    [
        ({"Overlast": "Veiligheid"}, {"Wonen": "Wonen", "Overlast": "Veiligheid", "Geluid": "Veiligheid"}),
        ({"Wonen/Overlast": "Veiligheid"}, {"Wonen": "Wonen", "Overlast": "Veiligheid", "Geluid": "Veiligheid"}),
        ({"Geluid": "Rust", "Wonen": "Thuis"}, {"Wonen": "Thuis", "Overlast": "Thuis", "Geluid": "Rust"}),
    ],
)
def test_the_projects_themes_name_a_code_with_parents_by_its_name_or_its_path(tmp_path, themes, expected):
    # As [rounds.mapping] names codes: by their own name; a code below takes its nearest named parent's theme.
    (tmp_path / "codebook.csv").write_text("code,parent\nWonen,\nOverlast,Wonen\nGeluid,Overlast\n", encoding="utf-8")
    book = read_codebook(tmp_path / "codebook.csv", themes=themes)
    assert book.set_index("code_id")["theme"].to_dict() == expected


def test_a_theme_cell_a_parent_contradicts_is_named(tmp_path):
    (tmp_path / "codebook.csv").write_text("code,theme,parent\nWonen,Wonen,\nGeluid,Geluid,Wonen\n", encoding="utf-8")
    with pytest.raises(ValidationError, match=r"row 3, field 'parent': 'Wonen' puts 'Geluid' under theme 'Wonen', "):
        read_codebook(tmp_path / "codebook.csv")
