"""User test V, left D: an agreement that names an interviewee by their respondent code (``wie`` = ``J01``, ``J01
organiseert een avond``) is refused, naming file, row, field and the fix; and no message about an agreement or a code
repeats a value that may be a person's name or contact detail. Every name, code and number here is FICTIEF."""

from __future__ import annotations

import pandas as pd
import pytest
from guards import no_hang

from buurtdata._errors import ValidationError
from buurtdata.sources.agreements import read_agreements
from buurtdata.sources.interviews.codebook import attach_themes
from buurtdata.sources.interviews.privacy import pseudonymise

KEY = b"0123456789abcdef"
#: The round's respondents as the build holds them: pseudonymised with its key.
RESPONDENTS = frozenset(pseudonymise(pd.DataFrame({"respondent": ["J01", "HGL-B04"]}), KEY)["respondent"])
BUURTEN = {"BU01640101": "Tichelwerk"}
THEMES = {"Wonen": "Wonen"}


def _file(tmp_path, *rows: tuple[str, ...]):
    path = tmp_path / "afspraken.csv"
    lines = ["# FICTIEF", "buurt,thema,afspraak,wie,terugkijken"]
    lines += [",".join(f'"{cell}"' for cell in row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _agreement(tmp_path, afspraak: str):
    """A file of one agreement of the buurtteam, about ``afspraak``."""
    return _file(tmp_path, ("BU01640101", "Wonen", afspraak, "buurtteam", "2025-06-01"))


def _agreed(path, respondents: frozenset[str]) -> list[str]:
    """The agreements of the file, read beside ``respondents``: none of them is refused."""
    return read_agreements(path, buurten=BUURTEN, themes=THEMES, respondents=respondents, key=KEY)["agreement"].tolist()


def _refused(path, **kwargs) -> list[str]:
    with pytest.raises(ValidationError) as raised:
        read_agreements(path, buurten=BUURTEN, themes=THEMES, **kwargs)
    return raised.value.problems


@pytest.mark.parametrize("wie", ["J01", "j01", "J-1", "HGL-B04 (bewoner)", "buurtteam en J01"])
def test_a_respondent_code_in_wie_is_refused_with_the_fix(tmp_path, wie):
    path = _file(tmp_path, ("BU01640101", "Wonen", "Een avond over de huren", wie, "2025-06-01"))
    (problem,) = _refused(path, respondents=RESPONDENTS, key=KEY)
    assert problem.startswith("afspraken.csv, row 3: wie holds the respondent code of an interviewee")
    assert "write the role or organisation" in problem and "bewoner" in problem


def test_a_respondent_code_in_the_afspraak_is_refused_with_the_fix(tmp_path):
    path = _file(tmp_path, ("BU01640101", "Wonen", "J01 organiseert een avond", "buurtteam", "2025-06-01"))
    (problem,) = _refused(path, respondents=RESPONDENTS, key=KEY)
    assert problem.startswith("afspraken.csv, row 3: afspraak holds the respondent code of an interviewee")
    assert "een bewoner organiseert" in problem


def test_a_wie_written_as_a_code_is_refused_without_the_key_too(tmp_path):
    path = _file(tmp_path, ("BU01640101", "Wonen", "Een avond", "J01", "2025-06-01"))
    (problem,) = _refused(path)
    assert problem.startswith("afspraken.csv, row 3: wie 'J01' is written as a respondent code")
    assert "write the role or organisation" in problem and "with a space (Wijkteam 2)" in problem


@pytest.mark.parametrize("wie", ["Wijkteam2", "JOT1", "Route66", "Cluster7", "O3 (ouderenwerk)", "Ggz2"])
def test_a_teams_own_name_with_a_digit_passes_when_no_respondent_has_it(tmp_path, wie):
    """Review aa, S3: a build knows every respondent, and refuses only a real code."""
    path = _file(tmp_path, ("BU01640101", "Wonen", "Een avond", wie, "2025-06-01"))
    found = read_agreements(path, buurten=BUURTEN, themes=THEMES, respondents=RESPONDENTS, key=KEY)
    assert found["owner"].tolist() == [wie]


@pytest.mark.parametrize("wie", ["Wijkteam2", "Route66", "Cluster7", "A1-locatie"])
def test_a_teams_own_name_is_not_code_shaped_without_the_respondents(tmp_path, wie):
    path = _file(tmp_path, ("BU01640101", "Wonen", "Een avond", wie, "2025-06-01"))
    found = read_agreements(path, buurten=BUURTEN, themes=THEMES)
    assert found["owner"].tolist() == [wie]


@pytest.mark.parametrize(
    ("afspraak", "wie"),
    [
        ("Drempels langs de A28 en de N302", "gemeente"),  # roads, no respondent
        ("Twee bewoners en B12 van de flat", "Welbions"),  # a code no respondent has
        ("Spreekuur in zaal 2", "buurtteam"),
    ],
)
def test_roads_and_codes_of_no_respondent_stay(tmp_path, afspraak, wie):
    path = _file(tmp_path, ("BU01640101", "Wonen", afspraak, wie, "2025-06-01"))
    found = read_agreements(path, buurten=BUURTEN, themes=THEMES, respondents=RESPONDENTS, key=KEY)
    assert found[["agreement", "owner"]].values.tolist() == [[afspraak, wie]]


@pytest.mark.parametrize(
    ("buurt", "thema", "terugkijken"),
    [
        ("Truus Hendriks", "Wonen", "2025-06-01"),
        ("BU01640101", "anneke.devries@example.nl", "2025-06-01"),
        ("BU01640101", "Wonen", "Henk Jansen 0612345678"),
    ],
)
def test_a_message_about_an_agreement_never_repeats_a_name_or_contact_detail(tmp_path, buurt, thema, terugkijken):
    path = _file(tmp_path, (buurt, thema, "Een avond", "buurtteam", terugkijken))
    problems = _refused(path)
    assert problems and all("row 3" in problem for problem in problems)
    said = " ".join(problems)
    for secret in ("Truus", "Hendriks", "anneke", "devries", "Henk", "Jansen", "0612345678"):
        assert secret not in said, said


def test_an_unknown_code_holding_a_name_or_number_is_not_repeated_but_a_typo_is():
    segments = pd.DataFrame(
        {"source": ["a.csv"] * 2, "code_id": ["Eenzaamheid/Truus Hendriks 0641234567", "Eenzaamhied"]}
    ).rename_axis("row")
    book = pd.DataFrame({"code_id": ["Eenzaamheid"], "theme": ["Eenzaamheid"]})
    with pytest.raises(ValidationError) as raised:
        attach_themes(segments, book)
    said = " ".join(raised.value.problems)
    assert "Truus" not in said and "0641234567" not in said and "not repeated here" in said
    assert "'Eenzaamhied'" in said  # a typo is quoted, as the fix needs it


def _run_refused(tmp_path, key, written: str) -> str:
    """The one problem of a build of a copy of the sample whose earlier round's agreement names ``written`` (a
    respondent's code) beside the young people it meets with."""
    import shutil

    from buurtdata import datasets, pipeline
    from buurtdata.project import Project

    shutil.copytree(datasets.get_path("hengelo").parent, tmp_path / "hengelo")
    agreements = tmp_path / "hengelo" / "ronde_najaar_2023" / "afspraken_fictief.csv"
    agreements.write_text(
        agreements.read_text(encoding="utf-8").replace(
            "Met jongeren een plek zoeken", f"Met {written} en jongeren een plek zoeken"
        ),
        encoding="utf-8",
    )
    with pytest.raises(ValidationError) as raised:
        pipeline.run(Project.load(tmp_path / "hengelo" / "project.toml"), key=key)
    (problem,) = raised.value.problems
    return problem


def test_a_run_refuses_an_agreement_naming_an_interviewee_of_its_round_by_code(tmp_path, key):
    """End to end: the sample's earlier round, whose respondent HGL23-B01 its agreement names, written ``hgl23-b1``
    (another spelling of the same code): the build finds it by its pseudonym, and stops."""
    problem = _run_refused(tmp_path, key, "hgl23-b1")
    assert "afspraken_fictief.csv, row 8: afspraak holds the respondent code of an interviewee" in problem


#: Respondents numbered as a buurt numbers its flats, rooms and bus lines (review aa, S2).
PLACES = frozenset(pseudonymise(pd.DataFrame({"respondent": ["B3", "A1", "L6", "E1", "B1", "A2"]}), KEY)["respondent"])


@pytest.mark.parametrize(
    "afspraak",
    [
        "Verlichting bij flat B3 en portiek A1",
        "Bushalte lijn L6 verplaatsen",
        "Overleg op de A1 oprit",
        "Bankjes op de E1 route",
        "Spreekuur in lokaal B1",
        "Schilderen van blok A2 en B3",
        "Zaal L6 van het buurthuis",
        "Bus L6 laten stoppen bij de flats B1, B3 of A2",
    ],
)
def test_a_code_numbering_a_place_or_thing_is_no_person(tmp_path, afspraak):
    path = _agreement(tmp_path, afspraak)
    assert _agreed(path, PLACES) == [afspraak]


@pytest.mark.parametrize(
    "afspraak", ["B3 organiseert een avond", "Koffie met B3 in flat A1", "Optreden van B3 op het plein"]
)
def test_a_code_where_a_person_stands_is_still_refused_with_the_place_fix(tmp_path, afspraak):
    path = _agreement(tmp_path, afspraak)
    (problem,) = _refused(path, respondents=PLACES, key=KEY)
    assert problem.startswith("afspraken.csv, row 3: afspraak holds the respondent code of an interviewee")
    assert "flat B3, lokaal B1" in problem and "een bewoner organiseert" in problem


def test_an_earlier_rounds_agreement_naming_a_respondent_of_a_later_round_is_refused(tmp_path, key):
    """Review aa, S4: round 1's agreement names HGL-B03, interviewed only in today's round (a person who took
    something on at the meeting, interviewed in the next round): the build reads the agreements once every round's
    respondents are known, and stops."""
    problem = _run_refused(tmp_path, key, "hgl-b3")
    assert "afspraken_fictief.csv, row 8: afspraak holds the respondent code of an interviewee" in problem


@pytest.mark.parametrize("wie", ["ab-" * 33333 + "1!", "ab-cd-ef-gh-ij-kl-mn-op-qr-1x.", "abcd_" * 20000 + "1"])
def test_a_long_hostile_wie_is_read_without_hanging(tmp_path, wie):
    """Review ab, M1: a wie of 70 characters took 1.6 s, one of 100,000 never ended (the code pattern backtracked)."""
    path = _file(tmp_path, ("BU01640101", "Wonen", "Een avond", wie, "2025-06-01"))
    with no_hang("reading a long hostile wie"):
        try:
            read_agreements(path, buurten=BUURTEN, themes=THEMES)
        except ValidationError as refused:
            assert all("row 3" in problem for problem in refused.problems)


@pytest.mark.parametrize(
    "afspraak",
    [
        "Mevrouw B3 (portiek 12) organiseert de koffieochtend",
        "B3 (flat) belt",
        "Koffie bij B3: zaal is geregeld",
        "Overleg met B3. Zaal reserveren",
        "B3; park opruimen",
        "In de flat: B3 organiseert een avond",
        "Bus: B3 belt de RET",
        "Met Van der Brug (B3) praten",
    ],
)
def test_a_thing_noun_behind_punctuation_does_not_hide_a_code(tmp_path, afspraak):
    """Review ab, H1: a place word in another clause (after ``(``, ``:``, ``;`` or ``.``) numbers no code."""
    path = _agreement(tmp_path, afspraak)
    (problem,) = _refused(path, respondents=PLACES, key=KEY)
    assert problem.startswith("afspraken.csv, row 3: afspraak holds the respondent code of an interviewee ('B3')")


@pytest.mark.parametrize(
    "afspraak",
    ["Bewoners van portiek B2 en de VvE", "Flat B3 en B4 krijgen nieuwe lampen", "De A1 oprit", "Ingang B3"],
)
def test_a_thing_noun_beside_its_code_still_numbers_it(tmp_path, afspraak):
    path = _agreement(tmp_path, afspraak)
    assert _agreed(path, PLACES) == [afspraak]


@pytest.mark.parametrize("afspraak", ["x1," * 33333, "a1 " * 33333, "Ｂ３ " * 33333, "flat " + "B9, " * 25000 + "B3"])
def test_a_long_agreement_of_codes_is_read_without_hanging(tmp_path, afspraak):
    """Review ab, M3: 100,000 characters of codes took 5 s (each code's context read again, lists copied)."""
    path = _agreement(tmp_path, afspraak)
    with no_hang("reading a long agreement of codes"):
        try:
            read_agreements(path, buurten=BUURTEN, themes=THEMES, respondents=PLACES, key=KEY)
        except ValidationError as refused:
            assert all("row 3" in problem for problem in refused.problems)


#: Respondents whose codes the next tests spell in other ways.
SPELLED = frozenset(pseudonymise(pd.DataFrame({"respondent": ["J01", "HGL-B07", "B3"]}), KEY)["respondent"])


@pytest.mark.parametrize(
    ("afspraak", "code"),
    [
        ("J 01 organiseert een avond", "J 01"),
        ("J.01 organiseert een avond", "J.01"),
        ("J/01 organiseert een avond", "J/01"),
        ("HGL B07 belt de gemeente", "HGL B07"),
        ("HGL.B07 belt de gemeente", "HGL.B07"),
        ("HGL/B07 belt de gemeente", "HGL/B07"),
        ("Bewoner-J01 organiseert een avond", "J01"),
        ("J01-bewoner organiseert een avond", "J01"),
        ("J01_bewoner organiseert een avond", "J01"),
    ],
)
def test_another_spelling_of_a_real_code_is_refused(tmp_path, afspraak, code):
    """Review ab, H2: pseudonymise takes J 01, J.01 and HGL/B07 as J01 and HGL-B07, so the check does too."""
    path = _agreement(tmp_path, afspraak)
    (problem,) = _refused(path, respondents=SPELLED, key=KEY)
    assert problem.startswith(f"afspraken.csv, row 3: afspraak holds the respondent code of an interviewee ('{code}')")


@pytest.mark.parametrize(
    "afspraak",
    [
        "Groep 7 van de Esschool",
        "Bus 9 rijdt weer",
        "Buurtteam 3 en B4",
        "Flat B3 en B4 krijgen nieuwe lampen",
        "Overleg op de A1-oprit",
        "Lokaal B 3 van het buurthuis",
    ],
)
def test_ordinary_text_passes_the_spelling_check(tmp_path, afspraak):
    path = _agreement(tmp_path, afspraak)
    assert _agreed(path, SPELLED) == [afspraak]


@pytest.mark.parametrize(
    "afspraak",
    ["Met Van der Brug (B3) praten", "mevr. Westerveld B3 belt", "Nihal B3 regelt het", "Met Van der Brug B3"],
)
def test_a_name_ending_like_a_thing_noun_does_not_hide_a_code(tmp_path, afspraak):
    """Review ab, L1: 'brug', 'veld' and 'hal' end names too; a name beside a code makes it no thing's number."""
    path = _agreement(tmp_path, afspraak)
    (problem,) = _refused(path, respondents=SPELLED, key=KEY)
    assert problem.startswith("afspraken.csv, row 3: afspraak holds the respondent code of an interviewee ('B3')")


#: Respondents of a round whose codes are a letter and one digit (B3), as a small team numbers them.
SHORT = frozenset(pseudonymise(pd.DataFrame({"respondent": ["B3", "J01"]}), KEY)["respondent"])


@pytest.mark.parametrize(
    "afspraak",
    [
        "Drie dingen: a. een bankje, b. 3 lantaarnpalen erbij, c. een vuilnisbak.",  # a list's letter and a count
        "Zie bijlage B. 3 bewoners helpen mee.",  # a sentence's end and a count after it
    ],
)
def test_a_letter_ending_a_sentence_before_a_number_is_no_code(tmp_path, afspraak):
    """fix-left10, item 5: "b. 3" read as respondent B3 and the row was refused."""
    path = _agreement(tmp_path, afspraak)
    assert _agreed(path, SHORT) == [afspraak]


@pytest.mark.parametrize("afspraak", ["B3 organiseert een avond", "B 3 organiseert een avond", "B.3 organiseert"])
def test_a_short_code_is_still_refused_however_spaced(tmp_path, afspraak):
    path = _agreement(tmp_path, afspraak)
    (problem,) = _refused(path, respondents=SHORT, key=KEY)
    assert "afspraak holds the respondent code of an interviewee" in problem


def test_each_distinct_word_of_a_file_is_pseudonymised_once(tmp_path, monkeypatch):
    """A file of many rows pseudonymises each distinct code-shaped word once, not once per row it is in."""
    from buurtdata.sources import owners

    words: list[str] = []

    def counted(frame, key):
        words.extend(frame["respondent"])
        return pseudonymise(frame, key)

    monkeypatch.setattr(owners, "pseudonymise", counted)
    rows = [("BU01640101", "Wonen", f"Flat B3 en lijn L6, avond {n}", "buurtteam", "2025-06-01") for n in range(50)]
    path = _file(tmp_path, *rows, ("BU01640101", "Wonen", "Koffie met J01", "buurtteam", "2025-06-01"))
    (problem,) = _refused(path, respondents=RESPONDENTS, key=KEY)
    assert "row 53: afspraak holds the respondent code of an interviewee ('J01')" in problem
    assert words and len(words) == len(set(words)), words


def test_a_kept_dict_of_pseudonyms_never_answers_with_another_keys():
    """review11 L4: a caller keeping one dict across projects (a notebook reading two) gets each key's pseudonyms."""
    from buurtdata.sources.owners import respondent_code

    kept: dict[tuple[bytes, str], str] = {}
    first = frozenset(pseudonymise(pd.DataFrame({"respondent": ["J01"]}), b"een")["respondent"])
    second = frozenset(pseudonymise(pd.DataFrame({"respondent": ["J01"]}), b"twee")["respondent"])
    assert respondent_code("Koffie met J01", first, b"een", kept) == "J01"
    assert respondent_code("Koffie met J01", second, b"twee", kept) == "J01"
    assert respondent_code("Koffie met J01", first, b"twee", kept) is None
