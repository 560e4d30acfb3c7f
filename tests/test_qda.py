"""REFI-QDA projects in the shapes NVivo, ATLAS.ti, MAXQDA and QualCoder write: positions, cases, other selections.

The fixtures (tests/fixtures/qda/<style>_unicode, written by make_tool_exports.py) hold one
interview full of emoji, accents, Cyrillic, Arabic and Chinese, with CRLF line ends, codes
nested 5 deep, a case with variables and a PDF selection; positions as each tool counts them.
"""

from __future__ import annotations

import json
import warnings
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from buurtdata._errors import InputFileError, ValidationError
from buurtdata.datasets import get_path
from buurtdata.project import Project
from buurtdata.sources.interviews import (
    attach_themes,
    positions,
    qda,
    read_codebook,
    read_segments,
    resolve_locations,
    write_qdc,
    write_qdpx,
)
from buurtdata.sources.interviews.qda_segments import UnreadVariablesWarning
from buurtdata.sources.interviews.segments import NoConsentWarning

FIXTURES = Path(__file__).parent / "fixtures" / "qda"
EXPECTED = json.loads((FIXTURES / "unicode_expected.json").read_text(encoding="utf-8"))
STYLES = {"nvivo": "utf16", "atlasti": "utf16", "maxqda": "utf16", "qualcoder": "codepoints"}
MAXQDA_VARIABLES = {"role": "Functie", "location": "Wijkteam-buurt", "consent": "AVG-akkoord"}


def _zip(style: str, target: Path, *, origin: str | None = None) -> Path:
    folder = FIXTURES / f"{style}_unicode"
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for file in sorted(folder.rglob("*")):
            if file.is_file():
                data = file.read_bytes()
                if origin is not None and file.name == "project.qde":
                    data = data.replace(b'origin="', f'origin="{origin}" was="'.encode(), 1)
                archive.writestr(file.relative_to(folder).as_posix(), data)
    return target


def _read(style: str, path: Path, **kwargs) -> pd.DataFrame:
    variables = MAXQDA_VARIABLES if style == "maxqda" else None
    return read_segments(path, variables=variables, **kwargs)


@pytest.mark.parametrize("style", STYLES)
def test_quotes_come_from_the_right_place(tmp_path, style):
    segments = _read(style, _zip(style, tmp_path / f"{style}.qdpx"))
    text = segments[segments["text"].notna()]
    assert text["text"].tolist() == EXPECTED["quotes"]
    assert text["code_id"].tolist() == EXPECTED["codes"]


@pytest.mark.parametrize("style", STYLES)
def test_unit_is_detected_by_word_boundaries_even_when_the_origin_misleads(tmp_path, style):
    wrong = "QualCoder" if STYLES[style] == "utf16" else "NVivo"
    segments = _read(style, _zip(style, tmp_path / f"{style}.qdpx", origin=wrong))
    assert segments["text"].dropna().tolist() == EXPECTED["quotes"]


@pytest.mark.parametrize("style", STYLES)
def test_both_readings_of_the_positions(tmp_path, style):
    """The right unit gives the quotes; the other shifts them by the emoji before each, or off the text."""
    path = _zip(style, tmp_path / f"{style}.qdpx")
    right = "nvivo" if STYLES[style] == "utf16" else "qualcoder"
    wrong = "qualcoder" if right == "nvivo" else "nvivo"
    assert _read(style, path, tool=right)["text"].dropna().tolist() == EXPECTED["quotes"]
    with pytest.raises(ValidationError, match=r"positions \d+-\d+ (lie beyond the end of|fall inside a character of)"):
        _read(style, path, tool=wrong)
    project = qda.read_project(path, tool=right)
    spans = [s.span for s in project.sources[0].selections if s.span]
    text = next(iter(t for t in _texts(path, style)))
    other = positions.Reading.of(text, "codepoints" if right == "nvivo" else "utf16")
    shifted = [other.text[other.index(a) : other.index(b)].strip() for a, b in spans[:5] if other.index(b) is not None]
    assert shifted and not set(shifted) & set(EXPECTED["quotes"])


def _texts(path: Path, style: str) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        members = [n for n in archive.namelist() if n.endswith(".txt")]
        if members:
            return [archive.read(members[0]).decode("utf-8")]
    project = (FIXTURES / f"{style}_unicode" / "project.qde").read_text(encoding="utf-8")
    inner = project.split("<PlainTextContent>", 1)[1].split("</PlainTextContent>", 1)[0]
    return [inner.replace("&#13;", "\r").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")]


def test_selection_text_equals_the_source_slice_in_utf16_units(tmp_path):
    path = _zip("nvivo", tmp_path / "nvivo.qdpx")
    source = _texts(path, "nvivo")[0]
    assert "\r\n" in source and any(ord(c) > 0xFFFF for c in source)
    units = source.encode("utf-16-le")
    project = qda.read_project(path)
    assert project.unit == "utf16"
    selections = [s for s in project.sources[0].selections if s.span]
    assert len(selections) == len(EXPECTED["quotes"])
    for selection in selections:
        start, end = selection.span
        assert selection.text == units[2 * start : 2 * end].decode("utf-16-le").strip()


def test_crlf_counted_as_one_is_detected():
    text = "Eerste regel 😀\r\nTweede regel met woorden\r\nDerde regel"
    plain = text.replace("\r\n", "\n")
    spans = [(plain.index(w), plain.index(w) + len(w)) for w in ("Tweede regel", "Derde")]
    spans = [(a + 1, b + 1) for a, b in spans]  # the emoji counts two in UTF-16
    unit, _ = positions.choose_unit([(text, spans)], None)
    assert unit == "utf16-crlf1"
    reading = positions.Reading.of(text, unit)
    assert [text[reading.index(a) : reading.index(b)] for a, b in spans] == ["Tweede regel", "Derde"]


def test_case_variables_with_a_project_mapping_and_text_level_values_winning(tmp_path):
    path = _zip("maxqda", tmp_path / "maxqda.qdpx")
    segments = _read("maxqda", path)
    text = segments[segments["text"].notna()]
    assert set(text["respondent"]) == {"HGL-X01"} and set(text["role"]) == {"bewoner"}
    assert set(text["location_raw"]) == {"Noord"} and text["consent"].all()
    assert set(text["date"]) == {pd.Timestamp("2025-03-14")}
    # The PDF's own variable (text level) outranks the case's.
    assert segments.loc[segments["text"].isna(), "location_raw"].tolist() == ["Woolde"]
    # Without the mapping MAXQDA's variable names mean nothing: kept, but never published, and said (sweep 14 F3).
    with pytest.warns(
        UnreadVariablesWarning, match=r'Functie, Wijkteam-buurt, AVG-akkoord are not read.*role = "Functie"'
    ):
        bare = read_segments(path)
    assert set(bare["role"]) == {"onbekend"} and not bare["consent"].any() and bare["location_raw"].isna().all()


def test_pdf_picture_audio_video_and_whole_source_codings_are_kept_without_text(tmp_path):
    qde = (FIXTURES / "nvivo_unicode" / "project.qde").read_text(encoding="utf-8")
    code = qde.split('<Code guid="', 1)[1].split('"', 1)[0]
    coding = f'<Coding guid="00000000-0000-4000-8000-0000000000C{{n}}"><CodeRef targetGUID="{code}"/></Coding>'
    extra = (
        '<PictureSource guid="00000000-0000-4000-8000-000000000001" name="plein.jpg" path="internal://plein.jpg">'
        f'<PictureSelection guid="00000000-0000-4000-8000-000000000002" firstX="1" firstY="2" secondX="3" secondY="4">'
        f"{coding.format(n=1)}</PictureSelection></PictureSource>"
        '<AudioSource guid="00000000-0000-4000-8000-000000000003" name="gesprek.mp3" path="internal://gesprek.mp3">'
        '<Transcript guid="00000000-0000-4000-8000-000000000004"><PlainTextContent>Hallo '
        "buurman 😀 hoe gaat het</PlainTextContent>"
        '<SyncPoint guid="00000000-0000-4000-8000-000000000005" position="6"/>'
        '<SyncPoint guid="00000000-0000-4000-8000-000000000006" position="13"/>'
        '<TranscriptSelection guid="00000000-0000-4000-8000-000000000007" '
        'fromSyncPoint="00000000-0000-4000-8000-000000000005" '
        f'toSyncPoint="00000000-0000-4000-8000-000000000006">{coding.format(n=2)}</TranscriptSelection></Transcript>'
        '<AudioSelection guid="00000000-0000-4000-8000-000000000008" '
        f'begin="1000" end="5000">{coding.format(n=3)}</AudioSelection>'
        "</AudioSource>"
        '<VideoSource guid="00000000-0000-4000-8000-000000000009" name="wandeling.mp4" path="internal://wandeling.mp4">'
        '<VideoSelection guid="00000000-0000-4000-8000-00000000000A" '
        f'begin="0" end="2000">{coding.format(n=4)}</VideoSelection>'
        f"{coding.format(n=5)}</VideoSource>"
    )
    path = tmp_path / "media.qdpx"
    with zipfile.ZipFile(_zip("nvivo", tmp_path / "base.qdpx")) as base, zipfile.ZipFile(path, "w") as out:
        for name in base.namelist():
            data = base.read(name)
            out.writestr(
                name, data.replace(b"</Sources>", extra.encode() + b"</Sources>") if name == "project.qde" else data
            )
    # The transcript's source has no case, so no consent the others have: read as nee, and said.
    with pytest.warns(NoConsentWarning, match=r"1 segment\(s\) of 1 respondent\(s\) \('gesprek.mp3'\)"):
        segments = read_segments(path)
    assert not segments.loc[segments["document"] == "gesprek.mp3", "consent"].any()
    notes = segments.set_index("document")["text_note"]
    assert len(segments) == len(EXPECTED["quotes"]) + 6
    assert "an area of the PDF" in notes["Verslag bewonersavond.pdf"]
    assert "region (1, 2)-(3, 4) of the picture" in notes["plein.jpg"]
    assert segments.loc[segments["document"] == "gesprek.mp3", "text"].dropna().tolist() == ["buurman"]
    assert "1000-5000 ms of the audio" in notes["gesprek.mp3"].dropna().iloc[0]
    video = notes["wandeling.mp4"].tolist()
    assert any("0-2000 ms of the video" in n for n in video) and any("the whole source" in n for n in video)
    assert segments.loc[segments["text"].isna(), "text_note"].notna().all()


@pytest.mark.parametrize(
    ("target", "fragment"),
    [
        ("relative://../buiten.txt", "outside the folder of the .qdpx, so it is not read"),
        ("file:///etc/passwd", "files elsewhere on a disk are never read"),
        ("C:\\Users\\onderzoeker\\interview.txt", "files elsewhere on a disk are never read"),
        ("relative://ontbreekt.txt", "not found next to the .qdpx"),
    ],
)
def test_sources_outside_the_archive_are_not_read_from_elsewhere(tmp_path, target, fragment):
    (tmp_path / "buiten.txt").write_text("Geheim " * 200, encoding="utf-8")
    folder = tmp_path / "project"
    folder.mkdir()
    path = _rewrite_source(tmp_path, folder / "extern.qdpx", target)
    segments = read_segments(path)
    text = segments[segments["document"] == "Interview HGL-X01"]
    assert text["text"].isna().all() and len(text) == len(EXPECTED["quotes"])
    assert fragment in text["text_note"].iloc[0]


def test_relative_source_inside_the_project_folder_is_read(tmp_path):
    folder = tmp_path / "project"
    (folder / "teksten").mkdir(parents=True)
    source = next((FIXTURES / "nvivo_unicode" / "Sources").glob("*.txt"))
    (folder / "teksten" / "interview.txt").write_bytes(source.read_bytes())
    segments = read_segments(_rewrite_source(tmp_path, folder / "extern.qdpx", "relative://teksten/interview.txt"))
    assert segments["text"].dropna().tolist() == EXPECTED["quotes"]


def _rewrite_source(tmp_path: Path, path: Path, target: str) -> Path:
    with zipfile.ZipFile(_zip("nvivo", tmp_path / "base.qdpx")) as base, zipfile.ZipFile(path, "w") as out:
        for name in base.namelist():
            data = base.read(name)
            if name == "project.qde":
                text = data.decode()
                start = text.index('plainTextPath="') + len('plainTextPath="')
                data = (text[:start] + target + text[text.index('"', start) :]).encode()
            if not name.endswith(".txt"):
                out.writestr(name, data)
    return path


def test_rich_text_only_source_is_kept_with_a_reason(tmp_path):
    path = tmp_path / "rich.qdpx"
    with zipfile.ZipFile(_zip("nvivo", tmp_path / "base.qdpx")) as base, zipfile.ZipFile(path, "w") as out:
        for name in base.namelist():
            data = base.read(name)
            if name == "project.qde":
                data = data.replace(b'plainTextPath="internal://', b'richTextPath="internal://rich-')
            out.writestr(name, data)
    segments = read_segments(path)
    assert "only a rich-text file" in segments["text_note"].iloc[0]


# --- codebooks --------------------------------------------------------------------------------------


def test_codebook_from_a_qdpx_with_codes_5_deep(tmp_path):
    path = _zip("nvivo", tmp_path / "nvivo.qdpx")
    book = read_codebook(path)
    deep = book.set_index("code_id").loc["Ontmoeten/Voorzieningen/Buurthuis/Openingstijden/Zomersluiting"]
    assert deep[["name", "theme"]].tolist() == ["Zomersluiting", "Ontmoeten"]
    assert set(EXPECTED["codes"]) <= set(book["code_id"])
    # format='qdc' on a zip reads the project's codebook instead of calling it malformed XML.
    pd.testing.assert_frame_equal(read_codebook(path, format="qdc"), book)
    themed = attach_themes(read_segments(path), book)
    assert themed["theme"].iloc[0] == "Ontmoeten"


def test_project_can_map_codes_to_themes(tmp_path):
    path = _zip("nvivo", tmp_path / "nvivo.qdpx")
    themes = {"Geldzorgen/Rondkomen": "Bestaanszekerheid", "Ontmoeten/Voorzieningen": "Voorzieningen"}
    book = read_codebook(path, themes=themes).set_index("code_id")["theme"]
    assert book["Geldzorgen/Rondkomen/Huur"] == "Bestaanszekerheid" and book["Geldzorgen"] == "Geldzorgen"
    assert book["Ontmoeten/Voorzieningen/Buurthuis/Openingstijden/Zomersluiting"] == "Voorzieningen"
    with pytest.raises(InputFileError, match=r"\[interviews.themes\] names code\(s\) 'Bestaat/Niet'"):
        read_codebook(path, themes={"Bestaat/Niet": "X"})


def test_empty_project_gives_an_empty_codebook_with_a_warning(tmp_path):
    path = tmp_path / "leeg.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", '<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" name="leeg"/>')
    with pytest.warns(UserWarning, match=r"leeg\.qdpx holds no codes; the codebook is empty"):
        book = read_codebook(path)
    assert book.empty and list(book.columns) == ["code_id", "name", "theme", "description"]


def test_a_code_tree_3000_deep_reads_without_recursion_error(tmp_path):
    depth = 3000
    opening = "".join(
        f'<Code guid="00000000-0000-4000-8000-{i:012d}" name="c{i}" isCodable="true">' for i in range(depth)
    )
    xml = (
        '<?xml version="1.0"?><CodeBook '
        f'xmlns="urn:QDA-XML:codebook:1.0"><Codes>{opening}{"</Code>" * depth}</Codes></CodeBook>'
    )
    (tmp_path / "diep.qdc").write_text(xml, encoding="utf-8")
    book = read_codebook(tmp_path / "diep.qdc")
    assert len(book) == depth and book["code_id"].iloc[-1].count("/") == depth - 1
    assert set(book["theme"]) == {"c0"}
    with pytest.raises(InputFileError, match="code tree is too deep to write"):
        write_qdc(book, tmp_path / "terug.qdc")


def test_corrupted_deflate_stream_is_a_clear_error(tmp_path):
    path = _zip("nvivo", tmp_path / "nvivo.qdpx")
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("project.qde")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start + 20, start + 60):
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))
    with pytest.raises(InputFileError, match=r"member 'project\.qde': cannot be unpacked .*export the project again"):
        read_segments(path)
    with pytest.raises(InputFileError, match=r"cannot be unpacked"):
        read_codebook(path)


# --- a project from a .qdpx alone -----------------------------------------------------------------------


def test_project_accepts_a_qdpx_alone_with_tool_and_variables(tmp_path):
    import shutil

    sample = Path(get_path("hengelo")).parent
    folder = tmp_path / "project"
    shutil.copytree(sample, folder)
    _zip("maxqda", folder / "wijkteam.qdpx")
    toml = (folder / "project.toml").read_text(encoding="utf-8")
    toml = toml.replace(
        'segments = "interviews_fictief.csv"\ncodebook = "codebook.csv"\n',
        'segments = "wijkteam.qdpx"\ntool = "maxqda"\n',
    )
    toml = toml.replace(
        'pc6 = "pc6hnr_fictief.csv"\n',
        'pc6 = "pc6hnr_fictief.csv"\n[interviews.variables]\nrole = "Functie"\nlocation = ["Wijkteam-buurt"]\n'
        'consent = "AVG-akkoord"\n[interviews.themes]\n"Geldzorgen/Rondkomen" = "Bestaanszekerheid"\n',
    )
    (folder / "project.toml").write_text(toml, encoding="utf-8")
    files = Project.load(folder / "project.toml").interviews
    assert files.codebook is None and files.tool == "maxqda"
    book = read_codebook(files.codebook or files.segments, themes=files.themes)
    segments = read_segments(files.segments, tool=files.tool, variables=files.variables)
    themed = attach_themes(segments, book)
    assert themed["text"].dropna().tolist() == EXPECTED["quotes"]
    assert "Bestaanszekerheid" in set(themed["theme"]) and set(themed["role"]) == {"bewoner"}


def test_project_reports_a_wrong_variables_key(tmp_path):
    import shutil

    folder = tmp_path / "project"
    shutil.copytree(Path(get_path("hengelo")).parent, folder)
    toml = (folder / "project.toml").read_text(encoding="utf-8")
    toml = toml.replace(
        'pc6 = "pc6hnr_fictief.csv"\n', 'pc6 = "pc6hnr_fictief.csv"\n[interviews.variables]\nrol = "Rol"\n'
    )
    (folder / "project.toml").write_text(toml, encoding="utf-8")
    with pytest.raises(ValidationError, match=r"\[interviews.variables\]: unknown key 'rol'"):
        Project.load(folder / "project.toml")


# --- export back ---------------------------------------------------------------------------------------


def hengelo_regions() -> pd.DataFrame:
    """The sample's regions of Hengelo (GM0164) in the columns ``resolve_locations`` reads."""
    regions = pd.read_parquet(get_path("hengelo/kwb2024_85984NED_regions.parquet"))
    keys = regions["Key"].str.strip()
    regions, keys = regions[keys.str.match(r"(GM|WK|BU)0164")], keys[keys.str.match(r"(GM|WK|BU)0164")]
    return pd.DataFrame(
        {
            "code": keys,
            "level": keys.str[:2].map({"GM": "gemeente", "WK": "wijk", "BU": "buurt"}),
            "name": regions["Title"].str.strip(),
            "gemeente_code": "GM0164",
            "wijk_code": keys.map(lambda c: "WK" + c[2:8] if c.startswith("BU") else None),
            "postcode": None,
        }
    )


@pytest.fixture(scope="module")
def placed():
    segments = read_segments(get_path("hengelo/interviews_fictief.csv"))
    codebook = read_codebook(get_path("hengelo/codebook.csv"))
    placed = resolve_locations(attach_themes(segments, codebook), hengelo_regions(), gemeente="GM0164")
    return placed, codebook


def test_round_trip_keeps_every_code_case_variable_and_selection(tmp_path, placed):
    segments, codebook = placed
    path = write_qdpx(segments, codebook, tmp_path / "terug.qdpx")
    project = qda.read_project(path)
    assert project.unit == "utf16"
    assert set(codebook["code_id"]) <= {c["code_id"] for c in project.codes}
    names = set(project.variables.values())
    assert {"rol", "locatie", "toestemming", "buurt", "wijk", "thema"} == names
    assert {c.name for c in project.cases} == set(segments["respondent"])
    buurten = {c.values.get("buurt") for c in project.cases} - {None}
    assert buurten and buurten <= set(segments["buurt_code"].dropna())
    for case in project.cases:
        rows = segments[segments["respondent"] == case.name]
        assert set(case.values["thema"].split("; ")) <= set(rows["theme"])
    selections = [s for source in project.sources for s in source.selections]
    assert sorted(s.name for s in selections) == sorted(segments["segment_id"])
    back = read_segments(path).set_index("segment_id").loc[segments["segment_id"]]
    columns = ["respondent", "role", "code_id", "text", "location_raw", "date", "consent"]
    pd.testing.assert_frame_equal(back[columns].reset_index(drop=True), segments[columns].reset_index(drop=True))
    # Once more through writer and reader: nothing lost or changed.
    twice = read_segments(write_qdpx(read_segments(path), codebook, tmp_path / "twee.qdpx"))
    pd.testing.assert_frame_equal(
        twice[columns].reset_index(drop=True), read_segments(path)[columns].reset_index(drop=True)
    )


def test_round_trip_of_emoji_text_and_segments_without_text(tmp_path):
    original = _read("nvivo", _zip("nvivo", tmp_path / "nvivo.qdpx"))
    back = read_segments(write_qdpx(original, None, tmp_path / "terug.qdpx"))
    assert back["text"].dropna().tolist() == EXPECTED["quotes"]
    assert back["text_note"].dropna().tolist() == original["text_note"].dropna().tolist()


def test_write_qdc_of_a_qdpx_codebook_round_trips(tmp_path):
    book = read_codebook(_zip("qualcoder", tmp_path / "q.qdpx"))
    back = read_codebook(write_qdc(book, tmp_path / "book.qdc"))
    pd.testing.assert_frame_equal(back, book)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert len(read_codebook(tmp_path / "book.qdc", format="qdc")) == len(book)
