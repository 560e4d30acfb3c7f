"""User test B (two organisations, Deventer): what a successor organisation meets when it goes on with a dossier."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from buurtdata import datasets, pipeline
from buurtdata._errors import BuurtdataError, InputFileError, ValidationError
from buurtdata.dossier import as_handed_over, verify
from buurtdata.outputs.overdracht import DossierError, _leesmij, pack
from buurtdata.pipeline.round_dates import DateWarning
from buurtdata.pipeline.rounds import theme_mapping
from buurtdata.project import Project
from buurtdata.sources.agreements import read_agreements
from buurtdata.sources.interviews import pseudonymise, read_codebook

SAMPLE = datasets.get_path("hengelo").parent
OLD = SAMPLE / "ronde_najaar_2023"


def _with_unused_theme(tmp_path: Path) -> Path:
    """The sample, its old round's codebook holding a theme (Vervoer) no segment or agreement of it uses."""
    shutil.copytree(SAMPLE, tmp_path / "hengelo")
    book = tmp_path / "hengelo" / "ronde_najaar_2023" / "codebook.csv"
    with book.open("a", encoding="utf-8") as file:
        file.write("Vervoer/Bus,Vervoer,FICTIEF: de bus rijdt niet meer\n")
    return tmp_path / "hengelo" / "project.toml"


def test_a_theme_of_an_old_codebook_nobody_used_needs_no_mapping(tmp_path: Path) -> None:
    # User test B: the predecessor's codebook held themes its round never used (Voorzieningen); the successor's
    # codebook has no such theme, and the build stopped until it mapped a theme no segment carries onto one of its own.
    project_file = _with_unused_theme(tmp_path)
    old = next(r for r in Project.load(project_file).rounds if not r.current)
    book = read_codebook(old.codebook)
    current = set(read_codebook(SAMPLE / "codebook.csv")["theme"])
    _, problems = theme_mapping(old, book, current, used=lambda: {"Armoede", "Zorg"})
    assert not problems
    # Used by a segment or named by an agreement: it needs a mapping, as before (the suggestion unchanged).
    _, problems = theme_mapping(old, book, current, used=lambda: {"vervoer"})
    assert len(problems) == 1 and "theme 'Vervoer' of round" in problems[0]
    # Without knowing what is used (a caller that read no segments) every lost theme must be mapped.
    _, problems = theme_mapping(old, book, current)
    assert any("'Vervoer'" in p for p in problems)


def test_the_build_maps_only_what_an_old_round_uses(tmp_path: Path, key: bytes) -> None:
    project_file = _with_unused_theme(tmp_path)
    result = pipeline.run(Project.load(project_file), key=key)
    assert "Vervoer" not in {t for (t,) in result.con.sql("select distinct theme from buurt_theme_rounds").fetchall()}
    # An agreement that names the unused theme makes it used: the build asks for its mapping.
    agreements = project_file.parent / "ronde_najaar_2023" / "afspraken_fictief.csv"
    with agreements.open("a", encoding="utf-8") as file:
        file.write("BU01640501,Vervoer,FICTIEF: belbus proberen,gemeente,2024-06-01\n")
    with pytest.raises(ValidationError, match="theme 'Vervoer' of round"):
        pipeline.run(Project.load(project_file), key=key)


def test_an_agreement_on_a_theme_nobody_named_then_tells_how_many_name_it_now(tmp_path: Path, key: bytes) -> None:
    # User test B: Deltabuurt's agreement on Geldzorgen, nobody named it in 2025 and 3 people did in 2027; the
    # handout said "te weinig stemmen in een van beide rondes", as if a small group had been hidden.
    shutil.copytree(SAMPLE, tmp_path / "hengelo")
    old = tmp_path / "hengelo" / "ronde_najaar_2023"
    lines = (old / "interviews_fictief.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    comments = [line for line in lines if line.startswith("#")]
    segments = pd.read_csv(old / "interviews_fictief.csv", comment=None, skiprows=len(comments), dtype=str)
    here = segments["location"].str.casefold().isin(["groot driene noord", "groot driene-noord", "bu01640403"])
    segments = segments[~(here & segments["code"].str.startswith("Groen en openbare ruimte"))]
    (old / "interviews_fictief.csv").write_text("".join(comments) + segments.to_csv(index=False), encoding="utf-8")
    with (old / "afspraken_fictief.csv").open("a", encoding="utf-8") as file:
        file.write("BU01640403,Groen en openbare ruimte,FICTIEF: boomspiegels adopteren,bewonerscommissie,2024-06-01\n")
    result = pipeline.run(Project.load(tmp_path / "hengelo" / "project.toml"), key=key)
    (said,) = result.con.sql(
        "select followup from buurt_followup where code = 'BU01640403' and theme = 'Groen en openbare ruimte'"
    ).fetchall()[0]
    assert said == (
        "In het najaar van 2023 noemde in deze buurt niemand dit thema. In het voorjaar van 2025 noemden 4 mensen het."
    )


@pytest.fixture(scope="module")
def handed(tmp_path_factory: pytest.TempPathFactory, key: bytes) -> Path:
    """The sample's dossier, packed with a finished build (here an empty folder) as --outputs."""
    folder = tmp_path_factory.mktemp("handed")
    (folder / "uitvoer").mkdir()
    (folder / "uitvoer" / "index.html").write_text("<p>FICTIEF</p>", encoding="utf-8")
    return pack(datasets.get_path("hengelo"), folder / "dossier.zip", key=key, outputs=folder / "uitvoer", say=print)


def test_the_leesmij_tells_the_successor_how_to_go_on_with_its_own_round(handed: Path) -> None:
    # User test B, following the LEESMIJ literally: it said to delete manifest.json, and nothing of how a round of
    # one's own joins the earlier ones, of another codebook, or of a withdrawn consent.
    with zipfile.ZipFile(handed) as archive:
        text = archive.read("LEESMIJ.txt").decode("utf-8")
    assert "uitvoer/: het rapport zoals het bij de overdracht was" in text
    assert "- Fictieve interviews najaar 2023 (voorbeeld, geen echte personen)\n" in text  # the rounds, oldest first
    assert "de kop [interviews] in [[rounds]]" in text and "[rounds.mapping]" in text
    assert "Sinds het vorige gesprek" in text and "toestemming in?" in text and "pseudoniem" in text
    # Without --outputs the command built uitvoer/: no report, and the LEESMIJ no longer says it is one.
    built = " ".join(_leesmij("X", "d.zip", ["uitvoer"], fictional=False, built=True).split())
    assert "het rapport zoals" not in built and "geen rapport, handouts of notebooks" in built


def test_messages_name_a_file_of_a_dossier_by_the_dossier_not_the_cache(handed: Path) -> None:
    # User test B: a warning about the dossier's agreements named ~/.cache/buurtdata/dossiers/aaa6bd2c.../...
    folder = Project.load(handed).path.parent
    said = f"{folder / 'afspraken' / 'ronde_1.csv'}: row 5: ..."
    assert as_handed_over(said) == f"{handed}: afspraken/ronde_1.csv: row 5: ..."


def _no_handover(tmp_path: Path, listed: str) -> Path:
    """The sample with ``no_handover = [listed]`` in today's round; in the 2023 round HGL23-B01 is written 'hgl b01',
    the same person as today's HGL-B01 (ids compared as counted)."""
    shutil.copytree(SAMPLE, tmp_path / "hengelo")
    project_file = tmp_path / "hengelo" / "project.toml"
    text = project_file.read_text(encoding="utf-8")
    today = 'period = "voorjaar 2025"\nconsent = "overdracht"\n'
    assert today in text
    project_file.write_text(text.replace(today, today + f"no_handover = {listed}\n"), encoding="utf-8")
    old = tmp_path / "hengelo" / "ronde_najaar_2023" / "interviews_fictief.csv"
    old.write_text(old.read_text(encoding="utf-8").replace(",HGL23-B01,", ",hgl b01,"), encoding="utf-8")
    return project_file


@pytest.fixture(scope="module")
def withdrawn(tmp_path_factory: pytest.TempPathFactory, key: bytes) -> Path:
    """The sample's dossier without --outputs, HGL-B01 (of both rounds) in today's no_handover."""
    folder = tmp_path_factory.mktemp("withdrawn")
    return pack(_no_handover(folder, '["hgl b1"]'), folder / "d.zip", key=key, say=lambda _: None)


def test_a_typo_in_no_handover_or_a_finished_build_is_refused(tmp_path: Path, key: bytes) -> None:
    # User test B: a typo'd id would pass the segments of whoever said no.
    project_file = _no_handover(tmp_path, '["hgl b1", "HGL-B0l"]')
    with pytest.raises(DossierError, match=r"'HGL-B0l' \(the closest: [^)]*HGL-B01.*is no respondent of any round"):
        pack(project_file, tmp_path / "d.zip", key=key, say=lambda _: None)
    assert not (tmp_path / "d.zip").exists()
    # Review 3.1: a finished build holds the segments and counts of whoever said no, and cannot be cleaned.
    project_file.write_text(project_file.read_text(encoding="utf-8").replace(', "HGL-B0l"', ""), encoding="utf-8")
    (tmp_path / "uitvoer").mkdir()
    with pytest.raises(DossierError, match=r"has no_handover, and a finished build .* Leave out --outputs"):
        pack(project_file, tmp_path / "d.zip", key=key, outputs=tmp_path / "uitvoer", say=lambda _: None)
    assert not (tmp_path / "d.zip").exists()


def test_respondents_who_did_not_agree_to_a_successor_stay_behind(withdrawn: Path, key: bytes) -> None:
    # User test B: consent to pass differs per respondent; a round could only pass whole or not at all.
    (pseudonym,) = set(pseudonymise(pd.DataFrame({"respondent": ["HGL-B01"]}), key)["respondent"])
    with zipfile.ZipFile(withdrawn) as archive:
        packed = archive.read("fragmenten/ronde_2.csv").decode("utf-8")
        leesmij = archive.read("LEESMIJ.txt").decode("utf-8")
        assert "no_handover" not in archive.read("project.toml").decode("utf-8")  # the raw ids stay behind
    assert pseudonym not in packed and "S001;" not in packed and packed.count("\n") > 10
    said = " ".join(leesmij.split())  # wrapped at 110 characters, wherever the words fall
    assert (
        "- De fragmenten van de geïnterviewden die geen toestemming gaven voor overdracht: 1 uit de gespreksronde "
        "'Fictieve interviews najaar 2023 (voorbeeld, geen echte personen)', 1 uit de gespreksronde 'Fictieve "
        "interviews (voorbeeld, geen echte personen)'. Wie in één ronde geen toestemming gaf, bleef uit elke ronde "
        "weg. De aantallen in dit dossier, ook in uitvoer/, zijn daarom lager" in said
    )
    assert max(len(line) for line in leesmij.splitlines()) <= 110
    assert any("no_handover" in line for line in verify(withdrawn)["omitted"])


def test_no_handover_in_one_round_keeps_that_person_out_of_every_round(withdrawn: Path, key: bytes) -> None:
    # Review 3.2: listed in today's round only, the same person's 2023 segments passed under the same pseudonym.
    (pseudonym,) = set(pseudonymise(pd.DataFrame({"respondent": ["HGL-B01"]}), key)["respondent"])
    with zipfile.ZipFile(withdrawn) as archive:
        earlier = archive.read("fragmenten/ronde_1.csv").decode("utf-8")
    assert pseudonym not in earlier and "N23-002;" not in earlier and earlier.count("\n") > 10
    omitted = verify(withdrawn)["omitted"]
    assert any(line.startswith("ronde 'Fictieve interviews najaar 2023") and "no_handover" in line for line in omitted)


def test_the_outputs_of_a_dossier_hold_nothing_of_whoever_said_no(withdrawn: Path, key: bytes, tmp_path: Path) -> None:
    # Review 3.1: uitvoer/ was built from the original project: HGL-B01's quote (S007) was in buurt_quotes, and its
    # counts against a rebuild told which themes that one person named.
    import duckdb

    said = pd.read_csv(SAMPLE / "interviews_fictief.csv", comment="#", dtype=str)
    quotes = set(said.loc[said["respondent"] == "HGL-B01", "quote"])
    with zipfile.ZipFile(withdrawn) as archive:
        (tmp_path / "uitvoer.duckdb").write_bytes(archive.read("uitvoer/buurtdata.duckdb"))
    rebuilt = pipeline.run(Project.load(withdrawn), key=key).con
    with duckdb.connect(str(tmp_path / "uitvoer.duckdb"), read_only=True) as packed:
        assert not quotes & set(packed.sql("select quote from buurt_quotes").df()["quote"])
        order = "order by all"
        for table in ("buurt_themes", "buurt_theme_rounds", "buurt_quotes"):
            pd.testing.assert_frame_equal(
                packed.sql(f"select * from {table} {order}").df(), rebuilt.sql(f"select * from {table} {order}").df()
            )


@pytest.mark.parametrize(
    ("row", "said"),
    [
        # User test B: a busy wijkwerker's agreements; each fix now names what to write for the value found.
        (
            "Klein Driene,Jongeren,x,wie,juni 2026",
            "terugkijken 'juni 2026' is not a date written YYYY-MM-DD; write a day, e.g. 2026-06-01 for juni 2026",
        ),
        (
            "Klein Driene,Jongeren,x,wie,voorjaar 2026",
            "terugkijken 'voorjaar 2026' is not a date written YYYY-MM-DD; write a day, e.g. 2026-03-01 for "
            "voorjaar 2026",
        ),
        (
            "Klein Driene,Groen,x,wie,2026-06-01",
            "thema 'Groen' is not in the codebook; did you mean 'Groen en openbare",
        ),
    ],
)
def test_an_agreement_written_loosely_is_told_what_to_write(tmp_path: Path, row: str, said: str) -> None:
    path = tmp_path / "afspraken.csv"
    path.write_text(f"buurt,thema,afspraak,wie,terugkijken\n{row}\n", encoding="utf-8")
    themes = {t: t for t in read_codebook(SAMPLE / "codebook.csv")["theme"]}
    with pytest.raises(ValidationError, match=re.escape(said)):
        read_agreements(path, buurten={"BU01640203": "Klein Driene"}, themes=themes)


def test_a_word_of_one_wijks_name_lists_that_wijks_buurten(tmp_path: Path) -> None:
    # User test B (Deventer): 'Rivierenwijk' was told it is part of wijk 'Wijk 7 Rivierenwijk en Bergweide', "write
    # one of them"; written so, the wijk was refused next. Its buurten are listed at once now.
    regions = pd.DataFrame(
        [
            ("GM0150", "gemeente", "Deventer", "GM0150", None, None),
            ("WK015007", "wijk", "Wijk 7 Rivierenwijk en Bergweide", "GM0150", None, None),
            ("BU01500701", "buurt", "Rivierenbuurt", "GM0150", "WK015007", None),
            ("BU01500702", "buurt", "Deltabuurt", "GM0150", "WK015007", None),
            ("WK015001", "wijk", "Wijk 1 Binnenstad", "GM0150", None, None),
            ("BU01500101", "buurt", "Centrum", "GM0150", "WK015001", None),
        ],
        columns=["code", "level", "name", "gemeente_code", "wijk_code", "postcode"],
    )
    path = tmp_path / "afspraken.csv"
    path.write_text(
        "# FICTIEF\nbuurt;thema;afspraak;wie;terugkijken\nRivierenwijk;Wonen;x;buurtteam;2026-04-01\n", encoding="utf-8"
    )
    with pytest.raises(ValidationError) as raised:
        read_agreements(path, buurten=regions, themes={"Wonen": "Wonen"}, gemeente="GM0150")
    said = str(raised.value)
    assert "of the wijk's buurten Rivierenbuurt (BU01500701), Deltabuurt (BU01500702)" in said
    assert "write one of them" not in said


def test_two_rounds_told_apart_by_case_or_spaces_alone_are_refused(tmp_path: Path) -> None:
    # User test B: the successor's label and period differed from the dossier's round in case and spaces only; every
    # table, handout and plan then showed two rounds under one name.
    shutil.copytree(SAMPLE, tmp_path / "hengelo")
    project_file = tmp_path / "hengelo" / "project.toml"
    text = project_file.read_text(encoding="utf-8")
    text = text.replace(
        'label = "Fictieve interviews (voorbeeld, geen echte personen)"', 'label = "Ronde  2023 fictief "'
    )
    text = text.replace(
        'label = "Fictieve interviews najaar 2023 (voorbeeld, geen echte personen)"', 'label = "ronde 2023 fictief"'
    )
    text = text.replace('period = "voorjaar 2025"', 'period = "Najaar 2023"')
    project_file.write_text(text, encoding="utf-8")
    with pytest.raises(ValidationError) as raised:
        Project.load(project_file)
    said = str(raised.value)
    assert (
        "labels 'ronde 2023 fictief' and 'Ronde  2023 fictief ' differ in case or spaces alone; give every round "
        "its own label" in said
    )
    assert "periods 'najaar 2023' and 'Najaar 2023' differ in case or spaces alone" in said


def test_a_date_after_today_and_a_look_back_before_the_round_are_warned_of(tmp_path: Path, key: bytes) -> None:
    # User test B: segments dated 2052 (for 2025) and an agreement to look back on in 2019 were read without a word.
    shutil.copytree(SAMPLE, tmp_path / "hengelo")
    old = tmp_path / "hengelo" / "ronde_najaar_2023"
    segments = old / "interviews_fictief.csv"
    segments.write_text(segments.read_text(encoding="utf-8").replace(",2023-10-19,", ",2052-10-19,"), encoding="utf-8")
    with (old / "afspraken_fictief.csv").open("a", encoding="utf-8") as file:
        file.write("BU01640501,Eenzaamheid,FICTIEF: buurtkoffie,bewonerscommissie,2019-01-01\n")
    with pytest.warns(DateWarning) as said:
        pipeline.run(Project.load(tmp_path / "hengelo" / "project.toml"), key=key)
    text = "\n".join(str(w.message) for w in said if w.category is DateWarning)
    assert (
        "ronde_najaar_2023/interviews_fictief.csv: 4 segment(s) dated after today (2052-10-19) at row(s) 6, 66, 77, 87;"
        in text
    )
    assert "ronde_najaar_2023/afspraken_fictief.csv: 1 agreement(s) to look back on before the round's first" in text
    assert "BU01640501 Eenzaamheid: terugkijken 2019-01-01" in text


def test_a_dossier_refused_says_what_to_do_and_counts_what_it_does_not_list(handed: Path, tmp_path: Path) -> None:
    # User test B: a zipped project folder said only "not made by 'buurtdata overdracht'"; a dossier with another's
    # manifest listed 116 files one by one.
    folder = tmp_path / "project"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "project.toml").write_text('name = "x"\n', encoding="utf-8")
    zipped = tmp_path / "project.zip"
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.write(folder / "sub" / "project.toml", "sub/project.toml")
    with pytest.raises(InputFileError, match="unpack it and pass its sub/project.toml as --project"):
        verify(zipped)
    grown = tmp_path / "grown.zip"
    with zipfile.ZipFile(handed) as source, zipfile.ZipFile(grown, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info.filename))
        for number in range(12):
            target.writestr(f"extra/{number}.csv", b"FICTIEF\n")
    with pytest.raises(ValidationError) as raised:
        verify(grown)
    listed = raised.value.problems
    assert sum("extra/" in p for p in listed) == 5
    assert "and 7 more files: in the dossier but not in manifest.json (added after packing?)" in listed


def test_a_link_on_a_theme_an_old_round_maps_is_told_the_theme_of_today(tmp_path: Path, key: bytes) -> None:
    # User test B: with its own codebook the successor's [[links]] still named the old themes; the message listed
    # today's themes but not the one its own [rounds.mapping] already carries the old one to.
    shutil.copytree(SAMPLE, tmp_path / "hengelo")
    project_file = tmp_path / "hengelo" / "project.toml"
    text = project_file.read_text(encoding="utf-8")
    project_file.write_text(text.replace('[[links]]\ntheme = "Geldzorgen"', '[[links]]\ntheme = "Armoede"'), "utf-8")
    with pytest.raises(ValidationError) as raised:
        pipeline.run(Project.load(project_file), key=key)
    assert (
        "[[links]] #2: theme 'Armoede' is not in the codebook; [rounds.mapping] of round 'Fictieve interviews najaar "
        "2023 (voorbeeld, geen echte personen)' carries it to 'Geldzorgen': write that" in str(raised.value)
    )


def test_the_organisation_with_the_key_tells_a_withdrawn_respondents_pseudonym(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # User test B: after an overdracht the successor holds only pseudonyms; the old organisation had no command to
    # find the one of a respondent who withdrew, and the command must never make a key (it would match nothing).
    from buurtdata import cli, settings

    monkeypatch.setattr(settings, "key_file", tmp_path / "nokey" / "pseudonym.key")
    assert cli.main(["pseudoniem", "HGL-B01"]) == cli.EXIT_INPUT
    assert "no pseudonym key at" in capsys.readouterr().err and not (tmp_path / "nokey").exists()
    key_file = tmp_path / "pseudonym.key"
    key_file.write_bytes(b"0123456789abcdef")
    monkeypatch.setattr(settings, "key_file", key_file)
    assert cli.main(["pseudoniem", "HGL-B01", "hgl b1"]) == 0
    expected = pseudonymise(pd.DataFrame({"respondent": ["HGL-B01"]}), b"0123456789abcdef")["respondent"][0]
    said = capsys.readouterr()
    assert said.out.splitlines() == [f"HGL-B01\t{expected}", f"hgl b1\t{expected}"]
    # Review 3.5: without --project the ids are not checked, and it says so; with it a typo is refused.
    assert "the ids were not checked" in said.err
    hengelo = str(datasets.get_path("hengelo"))
    assert cli.main(["pseudoniem", "--project", hengelo, "HGL-B0l"]) == cli.EXIT_INPUT
    said = capsys.readouterr()
    assert not said.out and re.search(
        r"'HGL-B0l' \(the closest: [^)]*HGL-B01[^)]*\) is no respondent of any round", said.err
    )
    assert cli.main(["pseudoniem", "--project", hengelo, "hgl b1", "HGL23-B01"]) == 0
    said = capsys.readouterr()
    assert said.out.splitlines()[0] == f"hgl b1\t{expected}" and "not checked" not in said.err


def test_pseudoniem_refuses_what_holds_pseudonyms_already(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Sweep 13 #4: the successor ran pseudoniem on the dossier with a pseudonym of its fragmenten/ and got a pseudonym
    # of that pseudonym, which no file holds. A dossier, or an id that is a pseudonym, is refused, printing nothing.
    from buurtdata import cli, settings

    key_file = tmp_path / "pseudonym.key"
    key_file.write_bytes(b"0123456789abcdef")
    monkeypatch.setattr(settings, "key_file", key_file)
    dossier = tmp_path / "dossier.zip"
    dossier.write_bytes(b"")
    assert cli.main(["pseudoniem", "--project", str(dossier), "B01"]) == cli.EXIT_INPUT
    said = capsys.readouterr()
    assert not said.out and "is an overdrachtsdossier" in said.err and "LEESMIJ" in said.err
    assert cli.main(["pseudoniem", "R-1386e7b2f2"]) == cli.EXIT_INPUT
    said = capsys.readouterr()
    assert not said.out and "'R-1386e7b2f2' is a pseudonym already" in said.err


def test_a_rounds_lists_of_gemeenten_and_no_handover_ids_must_hold_texts(tmp_path: Path) -> None:
    shutil.copytree(SAMPLE, tmp_path / "hengelo")
    project_file = tmp_path / "hengelo" / "project.toml"
    text = project_file.read_text(encoding="utf-8")
    today = 'period = "voorjaar 2025"\n'
    project_file.write_text(text.replace(today, today + 'gemeenten = [164]\nno_handover = ["HGL-B01", " "]\n'))
    with pytest.raises(BuurtdataError, match=r"gemeenten = \[164\]: expected a list of gemeente codes") as error:
        Project.load(project_file)
    assert "no_handover = ['HGL-B01', ' ']: expected a list of respondent ids as the export writes them" in str(
        error.value
    )
