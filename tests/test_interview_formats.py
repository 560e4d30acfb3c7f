"""Interview exports of QDA tools (REFI-QDA, Taguette, QualCoder) read to the template's tidy segments.

What each format carries, compared here on ``text, code_id, respondent, location_raw``:

- REFI-QDA ``.qdpx``: everything; role, location and consent as case variables,
  ``segment_id`` only when the tool keeps selection names (else the selection GUID).
- Taguette CSV: text, code and document; role, location and consent come from a
  ``respondents`` table, else role ``onbekend``, no location and consent ``nee``; no date.
- QualCoder coding report CSV: text, code (categories + code name), file and case;
  role, location and consent as case (or file) variables, else as for Taguette.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from buurtdata import pipeline
from buurtdata._errors import InputFileError, ValidationError
from buurtdata.datasets import get_path
from buurtdata.pipeline.rounds import UnplacedRoundWarning
from buurtdata.project import Project
from buurtdata.sources.interviews import (
    attach_themes,
    read_codebook,
    read_segments,
    scrub_quotes,
    write_qdc,
    write_qdpx,
)
from buurtdata.sources.interviews.respondents import UnmatchedRespondentsWarning

FIXTURES = Path(__file__).parent / "fixtures" / "qda"
COMPARED = ["text", "code_id", "respondent", "location_raw"]
SUBSET = [f"S0{n}" for n in (19, 20, 21, 22, 23, 41, 42, 43, 44, 45)]


@pytest.fixture(scope="module")
def template():
    return read_segments(get_path("hengelo/interviews_fictief.csv"))


@pytest.fixture(scope="module")
def codebook():
    return read_codebook(get_path("hengelo/codebook.csv"))


def _tidy(frame: pd.DataFrame, columns=COMPARED) -> pd.DataFrame:
    return frame[columns].sort_values(["respondent", "text"]).reset_index(drop=True)


def _subset(template: pd.DataFrame) -> pd.DataFrame:
    return template[template["segment_id"].isin(SUBSET)]


def _zip(folder: Path, target: Path) -> Path:
    with zipfile.ZipFile(target, "w") as archive:
        for file in sorted(folder.rglob("*")):
            if file.is_file():
                archive.write(file, file.relative_to(folder).as_posix())
    return target


def _qdpx(target: Path, qde: str | bytes, members: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr("project.qde", qde)
        for name, data in (members or {}).items():
            archive.writestr(name, data)
    return target


# --- the project's own export reads back ------------------------------------------------------------


def test_write_qdpx_round_trips_the_whole_sample(tmp_path, template, codebook):
    back = read_segments(write_qdpx(template, codebook, tmp_path / "hengelo.qdpx"))
    columns = ["segment_id", "respondent", "role", "code_id", "text", "location_raw", "date", "consent"]
    expected = template[columns].sort_values("segment_id").reset_index(drop=True)
    pd.testing.assert_frame_equal(back[columns].sort_values("segment_id").reset_index(drop=True), expected)
    assert list(back.columns) == list(template.columns)
    assert back.index.name == "row"


def test_write_qdpx_is_reproducible_and_valid_refi(tmp_path, template, codebook):
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    first = write_qdpx(template, codebook, tmp_path / "a" / "hengelo.qdpx")
    second = write_qdpx(template, codebook, tmp_path / "b" / "hengelo.qdpx")
    with zipfile.ZipFile(first) as a, zipfile.ZipFile(second) as b:
        assert a.read("project.qde") == b.read("project.qde")
        qde = a.read("project.qde").decode()
        assert all(name == "project.qde" or name.startswith("Sources/") for name in a.namelist())
    assert 'xmlns="urn:QDA-XML:project:1.0"' in qde
    assert "<PlainTextSelection" in qde and 'name="toestemming"' in qde


def test_write_qdc_round_trips_the_codebook(tmp_path, codebook):
    back = read_codebook(write_qdc(codebook, tmp_path / "codebook.qdc"))
    assert list(back.columns) == list(codebook.columns)
    merged = codebook.merge(back, on="code_id", suffixes=("", "_qdc"))
    assert len(merged) == len(codebook) == len(back)
    assert (merged["theme"] == merged["theme_qdc"]).all()
    assert (merged["name"] == merged["name_qdc"]).all()
    assert merged["description"].tolist() == merged["description_qdc"].tolist()


# --- hand-made exports in the styles of other tools -------------------------------------------------


@pytest.mark.parametrize("style", ["nvivo", "atlasti"])
def test_tool_style_qdpx_reads_like_the_template(tmp_path, template, style):
    segments = read_segments(_zip(FIXTURES / style, tmp_path / f"{style}.qdpx"))
    pd.testing.assert_frame_equal(_tidy(segments), _tidy(_subset(template)))
    pd.testing.assert_frame_equal(
        _tidy(segments, [*COMPARED, "role", "consent", "date"]),
        _tidy(_subset(template), [*COMPARED, "role", "consent", "date"]),
    )


def test_nvivo_keeps_segment_ids_atlasti_has_guids(tmp_path):
    nvivo = read_segments(_zip(FIXTURES / "nvivo", tmp_path / "n.qdpx"))
    atlas = read_segments(_zip(FIXTURES / "atlasti", tmp_path / "a.qdpx"))
    assert sorted(nvivo["segment_id"]) == SUBSET
    assert all(len(s) == 36 and s == s.upper() for s in atlas["segment_id"])
    assert set(atlas["document"]) == {"Interview HGL-B04", "Interview HGL-B06"}


def test_format_argument_overrides_the_extension(tmp_path):
    path = _zip(FIXTURES / "atlasti", tmp_path / "export.zip")
    assert len(read_segments(path, format="qdpx")) == len(SUBSET)


def test_taguette_highlights_with_respondents_table(template):
    respondents = pd.read_csv(FIXTURES / "respondenten.csv")
    segments = read_segments(FIXTURES / "taguette_highlights.csv", respondents=respondents)
    pd.testing.assert_frame_equal(_tidy(segments), _tidy(_subset(template)))
    pd.testing.assert_frame_equal(
        _tidy(segments, [*COMPARED, "role", "consent"]), _tidy(_subset(template), [*COMPARED, "role", "consent"])
    )
    assert segments["date"].isna().all()


def test_taguette_without_respondents_keeps_every_row_unpublishable():
    segments = read_segments(FIXTURES / "taguette_highlights.csv", format="taguette")
    assert len(segments) == len(SUBSET)
    assert set(segments["role"]) == {"onbekend"}
    assert segments["location_raw"].isna().all()
    assert not segments["consent"].any()


def test_taguette_xlsx_and_repeated_highlight_ids(tmp_path):
    frame = pd.read_csv(FIXTURES / "taguette_highlights.csv")
    twice = pd.concat([frame.iloc[:1].assign(tag="Ontmoeten"), frame])
    path = tmp_path / "highlights.xlsx"
    twice.to_excel(path, index=False)
    segments = read_segments(path)
    assert len(segments) == len(SUBSET) + 1
    assert segments["segment_id"].is_unique
    assert segments["code_id"].iloc[:2].tolist() == ["Ontmoeten", "Ontmoeten/Activiteiten"]
    assert segments["segment_id"].iloc[:2].tolist() == ["100", "100#2"]


def test_taguette_codebook():
    book = read_codebook(FIXTURES / "taguette_codebook.csv")
    assert "Veiligheid/Onveilig gevoel" in set(book["code_id"])
    assert set(book.loc[book["code_id"] == "Wonen/Onderhoud", "theme"]) == {"Wonen"}


def test_qualcoder_coding_report_with_case_variables(template):
    segments = read_segments(FIXTURES / "qualcoder_coded_text.csv")
    compared = [*COMPARED, "role", "consent"]
    pd.testing.assert_frame_equal(_tidy(segments, compared), _tidy(_subset(template), compared))
    assert set(segments["document"]) == {"interview_HGL-B04.txt", "interview_HGL-B06.txt"}
    assert segments["segment_id"].iloc[0] == "ctid:101"


def _qualcoder_by_file(tmp_path) -> Path:
    """The same report as QualCoder writes it for files rather than cases: no Case or CaseVar columns."""
    frame = pd.read_csv(FIXTURES / "qualcoder_coded_text.csv", encoding="utf-8-sig", dtype=str).fillna("")
    frame = frame.drop(columns=["Case", "CaseVar_buurt", "CaseVar_rol", "CaseVar_toestemming"])
    frame = frame.rename(columns={"Filename": "File"})
    # A second tree level: QualCoder lists categories leaf to root.
    frame.insert(len(frame.columns), "Category.1", "")
    frame.loc[0, ["Category", "Category.1"]] = ["Ontmoeten", "Buurt"]
    path = tmp_path / "qualcoder_files.csv"
    frame.to_csv(path, index=False, header=[c.split(".")[0] for c in frame.columns], quoting=1, encoding="utf-8-sig")
    return path


def test_qualcoder_report_by_file_with_a_respondents_table(tmp_path):
    respondents = pd.DataFrame(
        {"document": ["interview_HGL-B04.txt", "interview_HGL-B06.txt"], "role": ["bewoner", "bewoner"],
         "location": ["Berflo-Es Noord", "klein driene"], "consent": ["ja", "nee"]}
    )  # fmt: skip
    segments = read_segments(_qualcoder_by_file(tmp_path), respondents=respondents)
    assert segments["respondent"].iloc[0] == "interview_HGL-B04.txt"
    assert segments["code_id"].iloc[0] == "Buurt/Ontmoeten/Activiteiten"
    assert segments["code_id"].iloc[1] == "Eenzaamheid/Weinig contact met buren"
    assert segments.groupby("respondent")["consent"].first().tolist() == [True, False]


def test_qualcoder_image_coding_is_refused_with_its_row(tmp_path):
    frame = pd.read_csv(FIXTURES / "qualcoder_coded_text.csv", encoding="utf-8-sig", dtype=str).fillna("")
    frame.loc[2, ["Coded", "Id"]] = ["image", "imid:7"]
    path = tmp_path / "qualcoder_image.csv"
    frame.to_csv(path, index=False, encoding="utf-8-sig")
    with pytest.raises(ValidationError, match=r"qualcoder_image\.csv, row 4, field 'Id': 'imid:7' is an image"):
        read_segments(path)


# --- one material, every format ---------------------------------------------------------------------


def test_same_material_in_every_format_gives_the_same_segments(tmp_path, template, codebook):
    """The subset as template, REFI-QDA (own writer, NVivo and ATLAS.ti style), Taguette and QualCoder."""
    respondents = pd.read_csv(FIXTURES / "respondenten.csv")
    subset = _subset(template)
    read = {
        "template": subset,
        "qdpx (buurtdata)": read_segments(write_qdpx(subset, codebook, tmp_path / "eigen.qdpx")),
        "qdpx (NVivo)": read_segments(_zip(FIXTURES / "nvivo", tmp_path / "nvivo.qdpx")),
        "qdpx (ATLAS.ti)": read_segments(_zip(FIXTURES / "atlasti", tmp_path / "atlasti.qdpx")),
        "Taguette": read_segments(FIXTURES / "taguette_highlights.csv", respondents=respondents),
        "QualCoder": read_segments(FIXTURES / "qualcoder_coded_text.csv"),
    }
    compared = [*COMPARED, "role", "consent"]
    for name, segments in read.items():
        assert list(segments.columns) == list(template.columns), name
        themed = attach_themes(segments, codebook)
        expected = attach_themes(subset, codebook)
        pd.testing.assert_frame_equal(
            _tidy(themed, [*compared, "theme"]), _tidy(expected, [*compared, "theme"]), obj=name
        )


def test_respondents_table_needs_a_key_column():
    with pytest.raises(ValidationError, match=r"needs a 'respondent' or 'document' column"):
        read_segments(FIXTURES / "taguette_highlights.csv", respondents=pd.DataFrame({"naam": ["x"]}))


def _highlights(tmp_path, *documents: str) -> Path:
    """A Taguette export of one highlight per document."""
    rows = "".join(f"{n},{document},Wonen,Citaat {n}.\n" for n, document in enumerate(documents, start=1))
    path = tmp_path / "highlights.csv"
    path.write_text("id,document,tag,content\n" + rows, encoding="utf-8")
    return path


def test_a_respondent_twice_in_the_respondents_table_with_other_values_is_refused(tmp_path):
    # Who refused and then appears as consenting must not be quoted by whichever row comes last.
    table = tmp_path / "respondenten.csv"
    table.write_text(
        "respondent,role,location,consent\nHGL-B01,bewoner,Berflo Es,ja\nHGL-B02,bewoner,Berflo Es,nee\n"
        "hgl b2,bewoner,Berflo Es,ja\n",
        encoding="utf-8",
    )
    with pytest.raises(ValidationError) as error:
        read_segments(_highlights(tmp_path, "HGL-B01", "HGL-B02"), respondents=table)
    assert error.value.problems == [
        f"{table}, rows 3 and 4, field 'consent': respondent 'HGL-B02' (written 'hgl b2' on row 4) has 'nee' on "
        "row 3 but 'ja' on row 4; keep one row per respondent, with the right value."
    ]


def test_a_respondent_twice_in_the_respondents_table_with_the_same_values_is_read(tmp_path):
    table = pd.DataFrame(
        {"respondent": ["HGL-B01", "HGL-B01"], "role": ["bewoner"] * 2, "location": ["Berflo Es"] * 2,
         "consent": ["ja", "ja"]}
    )  # fmt: skip
    segments = read_segments(_highlights(tmp_path, "HGL-B01"), respondents=table)
    assert segments["consent"].tolist() == [True]


def test_respondents_match_their_table_as_ids_are_normalised(tmp_path):
    table = pd.DataFrame(
        {"respondent": ["HGL-B01", "HGL-B2"], "rol": ["professional", "bewoner"], "locatie": ["Berflo Es", "Twekkelo"],
         "toestemming": ["ja", "nee"]}
    )  # fmt: skip
    segments = read_segments(_highlights(tmp_path, "hgl-b01", "HGL_B002"), respondents=table)
    assert segments[["role", "location_raw"]].to_numpy().tolist() == [
        ["professional", "Berflo Es"],
        ["bewoner", "Twekkelo"],
    ]
    assert segments["consent"].tolist() == [True, False]


def test_respondents_missing_from_the_table_are_named_and_kept_unpublishable(tmp_path):
    table = pd.DataFrame({"respondent": ["HGL-B01"], "role": ["bewoner"], "location": ["Berflo Es"], "consent": ["ja"]})
    path = _highlights(tmp_path, "HGL-B01", *(f"HGL-B{n:02}" for n in range(2, 9)), "HGL-B02")
    with pytest.warns(UnmatchedRespondentsWarning) as warned:
        segments = read_segments(path, respondents=table)
    assert str(warned[0].message) == (
        f"{path}: 7 respondent(s) (8 rows) have no row in the respondents table: 'HGL-B02', 'HGL-B03', "
        "'HGL-B04', 'HGL-B05', 'HGL-B06' ...; they get no role or location and consent nee (never quoted). Add a "
        "row for each to the respondents table."
    )
    assert len(segments) == 9 and segments["consent"].tolist() == [True] + [False] * 8


def test_a_respondents_table_without_role_location_or_consent_is_refused(tmp_path):
    table = pd.DataFrame({"respondent": ["HGL-B01"], "naam": ["Anja"], "functie": ["bewoner"]})
    with pytest.raises(ValidationError) as error:
        read_segments(_highlights(tmp_path, "HGL-B01"), respondents=table)
    assert error.value.problems == [
        "respondents has columns respondent, naam, functie; it needs at least one of role (role, rol); location "
        "(locatie, location, buurt, wijk, postcode, buurtcode, location_raw); gemeente (gemeente, gemeentenaam, "
        "municipality, location_gemeente); consent (consent, toestemming) to "
        f"fill in the rows of {tmp_path / 'highlights.csv'}."
    ]


# --- untrusted .qdpx ------------------------------------------------------------------------------

QDE = """<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="t">
  <CodeBook><Codes><Code guid="{code}" name="Wonen" isCodable="true"/></Codes></CodeBook>
  <Sources>
    <TextSource guid="5e2d1c52-9b1f-4a1e-8f5e-2f4f0e6b7a11" name="kort">
      <PlainTextContent>Tien tekens</PlainTextContent>
      <PlainTextSelection guid="0a9b8c7d-1111-2222-3333-444455556666" startPosition="0" endPosition="{end}">
        <Coding guid="0a9b8c7d-aaaa-2222-3333-444455556666"><CodeRef targetGUID="{ref}"/></Coding>
      </PlainTextSelection>
    </TextSource>
  </Sources>
</Project>
"""
CODE = "7f3c2b1a-0000-4000-8000-000000000001"


def test_minimal_project_reads_and_guid_case_does_not_matter(tmp_path):
    path = _qdpx(tmp_path / "ok.qdpx", QDE.format(code=CODE, ref=CODE.upper(), end=4))
    segments = read_segments(path)
    assert segments[["text", "code_id", "respondent", "role", "consent"]].iloc[0].tolist() == [
        "Tien", "Wonen", "kort", "onbekend", False,
    ]  # fmt: skip


def test_selection_beyond_text_and_unknown_code_are_listed_together(tmp_path):
    qde = QDE.format(code=CODE, ref=CODE, end=99).replace(
        "</TextSource>",
        """<PlainTextSelection guid="1a9b8c7d-1111-2222-3333-444455556666" startPosition="0" endPosition="4">
        <Coding guid="1a9b8c7d-aaaa-2222-3333-444455556666">
          <CodeRef targetGUID="DEADBEEF-0000-4000-8000-000000000000"/>
        </Coding>
      </PlainTextSelection></TextSource>""",
    )
    with pytest.raises(ValidationError) as caught:
        read_segments(_qdpx(tmp_path / "bad.qdpx", qde))
    message = str(caught.value)
    assert "2 problem(s)" in message and "bad.qdpx" in message
    assert "PlainTextSelection 0A9B8C7D-1111-2222-3333-444455556666" in message
    assert "positions 0-99 lie beyond the end of its text (11 characters)" in message
    assert "CodeRef targetGUID DEADBEEF-0000-4000-8000-000000000000 is no code in the CodeBook" in message


def test_malformed_xml_names_file_and_line(tmp_path):
    broken = QDE.format(code=CODE, ref=CODE, end=4).replace("</Sources>", "</Source>")
    with pytest.raises(InputFileError, match=r"broken\.qdpx!project\.qde, line 1[0-9], column \d+: malformed XML"):
        read_segments(_qdpx(tmp_path / "broken.qdpx", broken))


def test_zip_slip_member_is_refused(tmp_path):
    path = _qdpx(tmp_path / "slip.qdpx", QDE.format(code=CODE, ref=CODE, end=4), {"../../etc/evil.txt": b"x"})
    with pytest.raises(ValidationError, match=r"slip\.qdpx, member '\.\./\.\./etc/evil\.txt': points outside"):
        read_segments(path)
    absolute = _qdpx(tmp_path / "abs.qdpx", QDE.format(code=CODE, ref=CODE, end=4), {"/etc/passwd": b"x"})
    with pytest.raises(ValidationError, match=r"member '/etc/passwd': points outside the archive"):
        read_segments(absolute)


XXE = (
    '<?xml version="1.0"?>\n<!DOCTYPE Project [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    '<Project xmlns="urn:QDA-XML:project:1.0" name="&xxe;"/>'
)
BOMB = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>\n'
    "<Project>&lol2;</Project>"
)


@pytest.mark.parametrize("payload", [XXE, BOMB], ids=["external-entity", "entity-bomb"])
def test_entity_payloads_are_refused(tmp_path, payload):
    with pytest.raises(InputFileError, match=r"evil\.qdpx!project\.qde: refused unsafe XML \(EntitiesForbidden"):
        read_segments(_qdpx(tmp_path / "evil.qdpx", payload))


def test_oversized_member_is_refused(tmp_path, monkeypatch):
    from buurtdata.sources.interviews import qda

    monkeypatch.setattr(qda, "MAX_MEMBER_BYTES", 100)
    with pytest.raises(ValidationError, match=r"member 'project\.qde': \d+ bytes uncompressed, more than 100"):
        read_segments(_qdpx(tmp_path / "big.qdpx", QDE.format(code=CODE, ref=CODE, end=4)))


def test_empty_files_are_refused(tmp_path):
    (tmp_path / "leeg.qdpx").write_bytes(b"")
    with pytest.raises(InputFileError, match=r"leeg\.qdpx is empty; export the project again"):
        read_segments(tmp_path / "leeg.qdpx")
    with pytest.raises(InputFileError, match=r"leeg2\.qdpx!project\.qde is empty"):
        read_segments(_qdpx(tmp_path / "leeg2.qdpx", b""))
    (tmp_path / "leeg.qdc").write_bytes(b"")
    with pytest.raises(InputFileError, match=r"leeg\.qdc is empty"):
        read_codebook(tmp_path / "leeg.qdc")


def test_not_a_zip_and_missing_source_file(tmp_path):
    (tmp_path / "tekst.qdpx").write_text("geen zip")
    with pytest.raises(InputFileError, match=r"tekst\.qdpx is not a zip archive"):
        read_segments(tmp_path / "tekst.qdpx")
    qde = (
        QDE.format(code=CODE, ref=CODE, end=4)
        .replace("<PlainTextContent>Tien tekens</PlainTextContent>", "")
        .replace('name="kort"', 'name="kort" plainTextPath="internal://weg.txt"')
    )
    with pytest.raises(ValidationError, match=r"plainTextPath 'internal://weg\.txt' is not in the archive"):
        read_segments(_qdpx(tmp_path / "weg.qdpx", qde))


# --- scrubbing --------------------------------------------------------------------------------------


def test_scrub_quotes_on_the_sample(template):
    scrubbed = scrub_quotes(template, names=["Gerrit", "Bosman"]).set_index("segment_id")["text"]
    assert scrubbed["S022"] == "Je kunt mailen naar [e-mail], ik regel de buurtapp voor onze straat."
    assert scrubbed["S069"].startswith("Bel me gerust, mijn nummer is [telefoon], dan kom ik")
    assert scrubbed["S042"] == "Ik heb het aan [naam] van de corporatie gevraagd, [telefoon], maar er gebeurt niks."
    assert scrubbed["S146"].startswith("Mevrouw [naam] op nummer [huisnummer] zit")
    unchanged = template.set_index("segment_id")["text"].drop(["S022", "S069", "S042", "S146"])
    assert (scrubbed.drop(["S022", "S069", "S042", "S146"]) == unchanged).all()
    assert template.set_index("segment_id").loc["S022", "text"].count("@") == 1  # input untouched


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ik woon op 7551 AB 12 sinds kort.", "Ik woon op [adres] sinds kort."),
        ("Adres: 7551AB 12a.", "Adres: [adres]."),
        ("Bel +31 6 12345678 of +31 (0)74 2345678.", "Bel [telefoon] of [telefoon]."),
        ("Bel 0612345678 of 074 234 56 78.", "Bel [telefoon] of [telefoon]."),
        ("Mail j.de.vries+buurt@voorbeeld.co.nl", "Mail [e-mail]"),
        ("In 2025 kwamen er 1234567 mensen uit postcode 7551.",) * 2,
        ("Anne-Marie en annemarie", "[naam] en annemarie"),
    ],
)
def test_scrub_patterns(text, expected):
    out = scrub_quotes(pd.DataFrame({"text": [text]}), names=["Anne-Marie"])
    assert out["text"].iloc[0] == expected


def test_scrub_keeps_missing_text():
    out = scrub_quotes(pd.DataFrame({"text": [None, "06-12345678"]}, dtype="str"))
    assert out["text"].isna().iloc[0] and out["text"].iloc[1] == "[telefoon]"


# --- a missing required column, in each table format -----------------------------------------------


@pytest.mark.parametrize(
    ("fixture", "format", "drop", "missing"),
    [
        (None, None, "consent", "'consent'"),
        ("taguette_highlights.csv", "taguette", "content", "'content'"),
        ("qualcoder_coded_text.csv", "qualcoder", "Codename", "'codename'"),
    ],
    ids=["template-xlsx", "taguette-xlsx", "qualcoder-xlsx"],
)
def test_spreadsheet_missing_a_required_column(tmp_path, template, fixture, format, drop, missing):
    if fixture is None:
        frame = template[["segment_id", "respondent", "role", "code_id", "text", "location_raw", "consent"]].rename(
            columns={"code_id": "code", "text": "quote", "location_raw": "location"}
        )
    else:
        frame = pd.read_csv(FIXTURES / fixture, encoding="utf-8-sig", dtype=str)
    path = tmp_path / "zonder.xlsx"
    frame.drop(columns=drop).to_excel(path, index=False)
    with pytest.raises(InputFileError, match=rf"zonder\.xlsx has no column {missing}; found "):
        read_segments(path, format=format)


# --- a respondents table through the project ------------------------------------------------------


def test_respondents_table_as_a_file_reads_like_the_frame(tmp_path):
    by_frame = read_segments(
        FIXTURES / "taguette_highlights.csv", respondents=pd.read_csv(FIXTURES / "respondenten.csv")
    )
    by_file = read_segments(FIXTURES / "taguette_highlights.csv", respondents=FIXTURES / "respondenten.csv")
    pd.testing.assert_frame_equal(by_file, by_frame)
    assert "comes from the respondents table ([interviews] respondents)" in by_file.attrs["location_from"]
    # An XLSX table, its header in other case, reads the same.
    xlsx = tmp_path / "respondenten.xlsx"
    pd.read_csv(FIXTURES / "respondenten.csv").rename(columns=str.title).to_excel(xlsx, index=False)
    pd.testing.assert_frame_equal(read_segments(FIXTURES / "taguette_highlights.csv", respondents=xlsx), by_frame)
    with pytest.raises(ValidationError, match=r"naam.csv has columns naam; it needs a 'respondent'"):
        (tmp_path / "naam.csv").write_text("naam\nx\n", encoding="utf-8")
        read_segments(FIXTURES / "taguette_highlights.csv", respondents=tmp_path / "naam.csv")


def _taguette_project(tmp_path, respondents: bool) -> Project:
    """The sample with a Taguette export of part of it as today's interviews (no earlier round)."""
    folder = tmp_path / "project"
    shutil.copytree(get_path("hengelo").parent, folder)
    for name in ("taguette_highlights.csv", "taguette_codebook.csv", "respondenten.csv"):
        shutil.copy(FIXTURES / name, folder / name)
    text = (folder / "project.toml").read_text(encoding="utf-8")
    text = text.replace('segments = "interviews_fictief.csv"', 'segments = "taguette_highlights.csv"')
    text = text.replace('codebook = "codebook.csv"', 'codebook = "taguette_codebook.csv"')
    if respondents:
        text = text.replace("[interviews]\n", '[interviews]\nrespondents = "respondenten.csv"\n')
    # Without the earlier round and the links of themes the Taguette codebook lacks.
    text = text[: text.index("\n[[rounds]]")] + text[text.index("\n[privacy]\n") :]
    text = text[: text.index("\n[[links]]")]
    (folder / "project.toml").write_text(text, encoding="utf-8")
    return Project.load(folder / "project.toml")


def test_a_taguette_export_is_placed_through_the_projects_respondents_table(tmp_path, key):
    project = _taguette_project(tmp_path, respondents=True)
    assert project.interviews.respondents == tmp_path / "project" / "respondenten.csv"
    result = pipeline.run(project, key=key)
    staged = result.con.sql("select resolved_by, role, consent from stg_segments").df()
    assert len(staged) == len(SUBSET) and (staged["resolved_by"] == "buurtnaam").all()
    assert set(staged["role"]) == {"bewoner"} and staged["consent"].any()


def test_an_unplaced_taguette_segment_says_where_its_location_comes_from(tmp_path, key):
    # Nothing placed is said at build time too, naming the file and the fix.
    with pytest.warns(
        UnplacedRoundWarning, match=r"\[interviews\], taguette_highlights.csv: all 10 segments .*add resp"
    ):
        result = pipeline.run(_taguette_project(tmp_path, respondents=False), key=key)
    reasons = result.con.sql("select distinct reason from unplaced_segments").df()["reason"].tolist()
    assert reasons == [
        "empty: no location given; a Taguette export has no location: it comes from the respondents table "
        '([interviews] respondents); the project has none: add respondents = "respondenten.csv" (columns '
        "respondent, role, location, consent) to [interviews] in project.toml"
    ]


def test_a_dossier_of_a_taguette_project_needs_no_respondents_table_and_holds_none(tmp_path, key):
    import zipfile

    from buurtdata.outputs.overdracht import pack

    project = _taguette_project(tmp_path, respondents=True)
    (tmp_path / "uitvoer").mkdir()
    out = pack(project.path, tmp_path / "d.zip", key=key, outputs=tmp_path / "uitvoer", say=lambda _: None)
    # The packed segments carry role, placed location and consent themselves; the table of raw ids stays behind.
    assert not any("respondenten" in name for name in zipfile.ZipFile(out).namelist())
    reopened = Project.load(out)
    assert reopened.interviews.respondents is None
    staged = pipeline.run(reopened, key=key).con.sql("select resolved_by, role from stg_segments").df()
    assert len(staged) == len(SUBSET) and set(staged["role"]) == {"bewoner"}


def test_a_qdpx_segment_without_a_location_says_its_case_lacks_the_variable():
    # User test: one case without 'locatie' among 26 with it was told "the project has none".
    from buurtdata.sources.interviews.respondents import location_from

    said = location_from("qdpx", None)
    assert "this segment's case or source has no such variable: give it one in the QDA tool" in said
    assert "has none" not in said and 'add respondents = "respondenten.csv"' in said
