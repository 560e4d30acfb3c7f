"""A gemeente asked by its name, as an analyst types it: ``kerncijfers(2020, gemeente="Ermelo")`` (user test L left
it refused with how to look the code up). The name is given the code CBS's own file gives it, on CBS's national
file and a selection; a name several gemeenten share, a misspelt one and one the file lacks are refused with the
codes to pass."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from buurtdata import settings
from buurtdata._errors import CodeError
from buurtdata.sources import cbs
from buurtdata.sources import geometry as boundaries

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "cbs"
NATIONAL_2020 = (
    ROOT / "data" / "raw" / "kwb2020-84799NED-statlinebq" / "84799NED" / "cbs.v3.84799NED_TypedDataSet.parquet"
)
SELECTION_2024 = ROOT / "data" / "raw" / "kwb2024-85984NED-dertje" / "85984NED.csv"


@pytest.fixture(scope="module")
def national() -> Path:
    if not NATIONAL_2020.exists():
        pytest.skip("CBS's national KWB 2020 is not in data/raw")
    return NATIONAL_2020


@pytest.mark.parametrize(
    ("written", "code"),
    [("Ermelo", "GM0233"), ("súdwest-fryslân", "GM1900"), ("Den Haag", "GM0518"), ("'s-Hertogenbosch", "GM0796")],
)
def test_a_name_in_the_national_file_is_its_code(national, written, code):
    frame = cbs.read_kerncijfers(national, gemeente=written)
    assert set(frame.loc[frame["level"] != "land", "gemeente_code"]) == {code}
    assert (frame["level"] == "buurt").any()


def test_kerncijfers_takes_names_and_codes_together(national):
    frame = cbs.kerncijfers(2020, gemeente=["Ermelo", "GM0402", "ermelo"], level="gemeente", source=national)
    assert sorted(frame["code"].unique()) == ["GM0233", "GM0402"]


def test_a_shared_name_is_refused_with_each_code(national):
    with pytest.raises(CodeError, match=r"'Bergen' names 2 gemeenten in .*: GM0373 \(Bergen \(NH\.\)\) or GM0893"):
        cbs.kerncijfers(2020, gemeente="Bergen", source=national)


def test_a_misspelt_name_is_refused_with_the_closest(national):
    with pytest.raises(
        CodeError,
        match=r"'Hilversm' is no gemeente name in .*closest: GM0402 \(Hilversum\)\. If .* gemeente='GM0402",
    ):
        cbs.read_kerncijfers(national, gemeente="Hilversm")


def test_a_selection_says_what_it_holds_instead_of_a_guess():
    if not SELECTION_2024.exists():
        pytest.skip("the KWB 2024 selection is not in data/raw")
    with pytest.raises(
        CodeError, match=r"'Ermelo' is no gemeente name in .*: it holds a selection of 3 gemeenten \(GM0164"
    ):
        cbs.read_kerncijfers(SELECTION_2024, gemeente="Ermelo")
    frame = cbs.read_kerncijfers(SELECTION_2024, gemeente="Hengelo")
    assert set(frame.loc[frame["level"] != "land", "gemeente_code"]) == {"GM0164"}


def test_names_from_the_files_at_hand(tmp_path, monkeypatch):
    """source='auto' and the polygon readers look the name up in the KWB files under data/raw."""
    raw = tmp_path / "raw" / "kwb2024-85984NED"
    raw.mkdir(parents=True)
    shutil.copy(FIXTURES / "85984NED_hengelo.csv", raw / "85984NED.csv")
    monkeypatch.setattr(settings, "data_dir", tmp_path)
    frame = cbs.kerncijfers(2024, gemeente="hengelo (o.)", level="gemeente")
    assert frame["code"].unique().tolist() == ["GM0164"]
    assert len(boundaries.buurten(2024, gemeente="Hengelo", source="sample")) == 62
    with pytest.raises(CodeError, match=r"'Almelo' is no gemeente name in .*85984NED.csv: it holds a selection of 1"):
        boundaries.buurten(2024, gemeente="Almelo", source="sample")


def test_without_a_file_at_hand_the_codes_message_stands(tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "data_dir", tmp_path)
    with pytest.raises(CodeError, match=r"'Hengelo' is not a gemeente code; pass CBS's code .*level='gemeente'"):
        boundaries.buurten(2024, gemeente="Hengelo", source="sample")


def test_boundaries_of_another_year_are_said_to_be(tmp_path):
    """KWB 2024's Amsterdam on the national polygons of about 2019 (data/raw): none of the 517 buurt codes of 2024
    (letters since 2022) is there. The warning asks whether the file is of another year, rather than only listing
    codes."""
    national = ROOT / "data" / "raw" / "buurten-powerbi-emielsanders" / "buurten.json"
    if not national.exists() or not SELECTION_2024.exists():
        pytest.skip("the national polygons or the KWB 2024 selection are not in data/raw")
    with pytest.warns(
        cbs.MissingGeometryWarning,
        match=r"517 of the 517 regions .* Are those boundaries of another year than KWB 2024\?",
    ):
        frame = cbs.kerncijfers(
            2024, gemeente="Amsterdam", level="buurt", indicators=["inwoners"], source=SELECTION_2024, geometry=national
        )
    assert len(frame) == 517 and frame.geometry.isna().all()


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("Nederland", r"Nederland always comes along as the baseline; for every gemeente, leave gemeente= out"),
        ("Zuid-Holland", r"'Zuid-Holland' is a province; .* as a list"),
        ("Ermelo, Harderwijk", r"holds several names: pass them as a list, gemeente=\['Ermelo', 'Harderwijk'\]"),
        (
            "Voorne aan Zee",
            r"is no gemeente name in .* \(a village or a region is none, and a gemeente formed by a later",
        ),
        ("Beek en Donk", r"'Beek en Donk' is no gemeente name in .*closest"),  # a village: not split (review ab L5)
    ],
)
def test_what_is_no_gemeente_is_said_for_what_it_is(national, written, said):
    """Review aa G1-G4: the whole country, a province, two names in one string and a later merger were offered the
    closest gemeente (Montferland, Zuidplas) or nothing."""
    with pytest.raises(CodeError, match=said):
        cbs.read_kerncijfers(national, gemeente=written)


def test_gemeente_before_the_name_is_read_past(national):
    frame = cbs.read_kerncijfers(national, gemeente=["Gemeente Ermelo", "Utrecht"])
    assert set(frame.loc[frame["level"] != "land", "gemeente_code"]) == {"GM0233", "GM0344"}


def test_a_name_reads_the_file_for_its_regions_only(national, monkeypatch):
    """Asking by name reads the regions of the file, not a scan of every figure (``nieuw``'s check of the columns
    without a value took 0.8 s of the national file's 2 s; the last session's note)."""
    from buurtdata import _kwb_at_hand

    scanned = []
    monkeypatch.setattr(_kwb_at_hand, "_empty_columns", lambda data: scanned.append(data) or set())
    assert _kwb_at_hand.asked_gemeenten("Ermelo", 2020, national) == ["GM0233"]
    assert not scanned
    found = _kwb_at_hand.gemeente_names(("GM0233",), 2020, path=national, empty=True)
    assert found.names == {"GM0233": "Ermelo"} and len(scanned) == 1


def test_a_name_of_another_years_file_names_the_gemeente_too(national):
    """Review ac #11: CBS's 2020 file calls GM0164 "Hengelo", its 2024 file "Hengelo (O.)"; asked for 2020 by the
    2024 name, the name was said to be none in either file (only the nearest year's name was kept)."""
    from buurtdata import _kwb_at_hand

    if not SELECTION_2024.exists():
        pytest.skip("the KWB 2024 selection is not in data/raw")
    assert _kwb_at_hand.asked_gemeenten("Hengelo (O.)", 2020) == ["GM0164"]
    found = _kwb_at_hand.gemeente_names(("GM0164",), 2020, names=["Hengelo (O.)"])
    assert found.known["GM0164"] == "Hengelo" and found.every_name["GM0164"] == {"Hengelo", "Hengelo (O.)"}


@pytest.mark.parametrize("written", ["Hilversum", "Hengelo (O.)", ["Hengelo", "GM0164"], "GMXX", ["GM04X"], "Hengeloo"])
def test_a_file_read_or_staged_says_the_same_of_a_gemeente_asked(written):
    """read_kerncijfers and kerncijfers(source=<file>) read a gemeente asked by its name through one function
    (_kwb_at_hand): the same code, or the same refusal."""
    path = FIXTURES / "85984NED_hengelo.csv"

    def said(read) -> object:
        try:
            frame = read()
        except CodeError as refused:
            return str(refused)
        return sorted(set(frame["gemeente_code"].dropna()))

    read = said(lambda: cbs.read_kerncijfers(path, gemeente=written))
    assert read == said(lambda: cbs.kerncijfers(2024, gemeente=written, source=path))
    assert read == ["GM0164"] or "Hilversum" not in str(written) or "no gemeente name" in read


def test_kerncijfers_of_a_file_reads_it_once_for_a_gemeente_asked_by_its_name(monkeypatch):
    """The file names the gemeente's code and is staged in one reading, not one to find the code and one to load."""
    from buurtdata.sources.cbs import files, staging

    read = []
    read_kwb_file = files.read_kwb_file

    def counted(path, *args, **kwargs):
        read.append(path)
        return read_kwb_file(path, *args, **kwargs)

    monkeypatch.setattr(files, "read_kwb_file", counted)
    monkeypatch.setattr(staging, "read_kwb_file", counted)
    path = FIXTURES / "85984NED_hengelo.csv"
    frame = cbs.kerncijfers(2024, gemeente="Hengelo (O.)", level="gemeente", source=path)
    assert set(frame["code"]) == {"GM0164"} and read == [path]


@pytest.mark.parametrize("mistyped", ["GM016", "164", ["GM0164", "GM16X"]])
def test_kerncijfers_of_a_file_says_a_mistyped_code_before_it_reads_the_file(monkeypatch, mistyped):
    """review11 L1: only a gemeente asked by its name needs the file; a code's own mistake is said first."""
    from buurtdata.sources.cbs import files, staging

    read = []

    def counted(path, *args, **kwargs):
        read.append(path)
        raise AssertionError("read")

    monkeypatch.setattr(files, "read_kwb_file", counted)
    monkeypatch.setattr(staging, "read_kwb_file", counted)
    with pytest.raises(CodeError):
        cbs.kerncijfers(2024, gemeente=mistyped, source=FIXTURES / "85984NED_hengelo.csv")
    assert read == []


def test_a_file_without_gemeente_names_says_the_same_either_way(tmp_path):
    """review11 L2: a KWB file whose rows carry no gemeente names (Gemeentenaam, SoortRegio, Codering dropped) is
    refused alike by read_kerncijfers and kerncijfers(source=), naming what it holds."""
    import pandas as pd

    data = pd.read_parquet(Path(__file__).parent.parent / "buurtdata/datasets/hengelo/kwb2024_85984NED.parquet")
    path = tmp_path / "85984NED_zonder_namen.parquet"
    data.drop(columns=["Gemeentenaam_1", "SoortRegio_2", "Codering_3"]).to_parquet(path)
    said = []
    for read in (
        lambda: cbs.read_kerncijfers(path, gemeente="Hengelo"),
        lambda: cbs.kerncijfers(2024, gemeente="Hengelo", source=path),
    ):
        with pytest.raises(CodeError) as refused:
            read()
        said.append(str(refused.value))
    assert said[0] == said[1] and "holds a selection of 1 gemeente (GM0164)" in said[0]


def test_a_gemeente_asked_as_a_generator_is_read_as_a_list():
    """review11b M1: gemeente=(g for g in [...]) was used up by the check of its codes, the file then asked for none."""
    path = FIXTURES / "85984NED_hengelo.csv"
    by_code = cbs.kerncijfers(2024, gemeente=(g for g in ["GM0164"]), level="gemeente", source=path)
    by_name = cbs.read_kerncijfers(path, gemeente=(g for g in ["Hengelo (O.)"]))
    assert set(by_code["code"]) == {"GM0164"} and set(by_name["gemeente_code"].dropna()) == {"GM0164"}
