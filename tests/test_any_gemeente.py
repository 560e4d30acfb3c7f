"""User test "any gemeente": ``buurtdata nieuw GMxxxx --jaar 2020`` with the national files in data/raw.

The national KWB 2020 (CBS 84799NED) and the national buurt polygons (generalised, of the 2019 indeling) build 343
of the 355 gemeenten. The other 12 have buurten CBS renumbered or redrew in 2020 (Groningen: the former Haren, which
joined it in 2019; Houten: one buurt renumbered): the message says that CBS itself marks them as changed, so the
polygons are of an earlier indeling, and gives a fix that holds when followed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from test_places_short_names import _kwb_2020

from buurtdata import pipeline, scaffold, settings
from buurtdata._errors import BuurtdataError, ValidationError
from buurtdata.outputs._unplaced import dutch_reasons
from buurtdata.project import Project
from buurtdata.sources.interviews import resolve_locations
from tests import excel_files

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
NATIONAL = RAW / "buurten-powerbi-emielsanders" / "buurten.json"


def _project(gemeente: str | list[str], folder: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    """The project ``buurtdata nieuw`` writes, its [boundaries] path set to the national polygons, as a user would."""
    monkeypatch.setattr(settings, "data_dir", RAW.parent)
    scaffold.new_project(gemeente, 2020, folder)
    toml = folder / "project.toml"
    text = toml.read_text(encoding="utf-8")
    assert "cbs.v3.84799NED_TypedDataSet.parquet" in text  # the national KWB file, found in data/raw
    toml.write_text(
        re.sub(r'^path = ".*"$', f'path = "{NATIONAL.as_posix()}"', text, count=1, flags=re.M), encoding="utf-8"
    )
    return Project.load(toml)


def test_a_gemeente_of_the_national_files_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, key: bytes) -> None:
    result = pipeline.run(_project("GM0233", tmp_path / "ermelo", monkeypatch), key=key)
    assert len(result.buurten) == 16  # Ermelo's buurten, its water buurt left out


@pytest.mark.parametrize(
    ("gemeente", "said"),
    [
        # Groningen: CBS redrew the buurten of the former Haren (merged into Groningen in 2019) in 2020.
        ("GM0014", "CBS marks 15 of these buurten (BU00141706, BU00141707, BU00141708, BU00141709, BU00141710 and"),
        # Houten: one buurt renumbered (Rondweg Zuid-Oost, BU03211353 in 2019): not a typo in either file.
        ("GM0321", "CBS marks 1 of these buurten (BU03211352) as renumbered or redrawn since 2019"),
    ],
)
def test_buurten_cbs_changed_since_the_polygons_year_are_named_as_such(
    gemeente: str, said: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, key: bytes
) -> None:
    with pytest.raises(ValidationError) as raised:
        pipeline.run(_project(gemeente, tmp_path / gemeente, monkeypatch), key=key)
    text = str(raised.value)
    assert said in text
    assert "so the polygons are of an earlier indeling" in text
    assert "the polygons carry another buurt indeling than the figures, not that of 2020" in text
    assert "PDOK 'wijkenbuurten 2020'" in text and "Another [boundaries] year alone does not help" in text
    assert "mistyped" not in text
    # Review S #9: "1 of the 61 buurt codes ... have no polygon".
    if gemeente == "GM0321":
        assert re.search(r"\b1 of the \d+ buurt codes of the KWB figures of 2020 has no polygon", text)


def test_polygons_lacking_buurten_cbs_changed_name_the_kaart_to_use(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, key: bytes
) -> None:
    # Review S #9: Bladel (GM1728) lacks 10 of its 25 buurten in the 2019 polygons, none extra; CBS marks all 10 as
    # changed. Its message named no kaart to download, unlike the others.
    with pytest.raises(ValidationError) as raised:
        pipeline.run(_project("GM1728", tmp_path / "bladel", monkeypatch), key=key)
    text = str(raised.value)
    assert "has no polygon of 10 of the 25 buurten" in text and "CBS marks 10 of these buurten" in text
    assert "Fix: use the CBS wijk- en buurtkaart of 2020 (PDOK 'wijkenbuurten 2020') in [boundaries] path" in text
    assert "set [boundaries] year to the year of their indeling and name that kaart in the [[kwb]] entry" in text


@pytest.mark.parametrize(
    ("gemeente", "location", "reason"),
    [
        (
            "GM0888",
            "Beek",
            "ambiguous between buurt 'Beek' (BU08880000) and gemeente 'Beek' (GM0888); write the buurt code "
            "(BU08880000) to place it in the buurt; a segment about the whole gemeente is placed in none",
        ),
        (
            "GM0313",
            "bunschoten",
            "ambiguous between buurt 'Bunschoten' (BU03130001) and gemeente 'Bunschoten' (GM0313); write the buurt "
            "code (BU03130001) to place it in the buurt; a segment about the whole gemeente is placed in none",
        ),
    ],
)
def test_a_buurt_named_like_its_gemeente_gets_its_own_code_in_the_reason(
    gemeente: str, location: str, reason: str
) -> None:
    row = resolve_locations(pd.DataFrame({"location_raw": [location]}), _kwb_2020(gemeente), gemeente=gemeente).iloc[0]
    assert row["resolved_by"] == "onbekend" and pd.isna(row["buurt_code"])
    assert row["reason"] == reason
    # The Dutch word for it in niet_geplaatste_fragmenten.csv: not "meer dan één buurt".
    said = dutch_reasons(
        pd.Series([reason, f"no match: '{location}' is the whole gemeente, not a wijk or buurt"]), many=False
    )
    assert said.tolist() == [
        "kan de buurt of de hele gemeente zijn (niet gegokt)",
        "de hele gemeente, geen buurt of wijk",
    ]


def test_a_region_leaves_out_a_gemeente_cbs_redrew_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, key: bytes
) -> None:
    # Groningen and Midden-Groningen: the first is left out with the reason, the second is built.
    result = pipeline.run(_project(["GM0014", "GM1952"], tmp_path / "regio", monkeypatch), key=key)
    status = dict(result.con.sql("select code, build_status from gemeente_status").fetchall())
    assert status == {"GM0014": "geweigerd", "GM1952": "gebouwd"}
    (reason,) = result.con.sql("select reason from gemeente_status where code = 'GM0014'").fetchall()[0]
    assert "15 buurt code(s) only in the figures (BU00141706" in reason
    assert "; CBS marks 15 of them as renumbered or redrawn since 2019)" in reason


def test_a_buurt_named_like_its_wijk_gets_its_own_code_in_the_reason() -> None:
    # Tholen: the village Sint Philipsland is a buurt in a wijk of its name (with outlying houses beside it).
    row = resolve_locations(
        pd.DataFrame({"location_raw": ["Sint Philipsland"]}), _kwb_2020("GM0716"), gemeente="GM0716"
    ).iloc[0]
    assert (row["resolved_by"], row["wijk_code"]) == ("wijknaam", "WK071607")
    assert row["reason"].endswith("write the buurt code (BU07160700) to place it in the buurt")


def test_handouts_of_a_buurt_of_a_gemeente_left_out_say_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, key: bytes
) -> None:
    """User test P: ``--buurt`` of Houten's renumbered buurt, Houten left out of a region, said it was "not a buurt
    of" a list naming Houten and then that it lay outside the project's gemeenten; it now says why Houten was left
    out."""
    from buurtdata.outputs.handout import Handouts

    project = _project(["GM0321", "GM0356"], tmp_path / "regio", monkeypatch)
    result = pipeline.run(project, key=key)
    with pytest.raises(BuurtdataError) as refused:
        Handouts.prepare(project, result, tmp_path / "uit", buurten=["BU03211352"])
    said = str(refused.value)
    assert said.startswith("--buurt 'BU03211352' lies in gemeente GM0321 Houten: the KWB figures of 2020")
    assert "(see gemeenten.csv)" in said and "not a buurt of" not in said and "outside" not in said
    assert ". (see" not in said  # the reason's own full stop is not doubled

    # Review s, 4: a mistyped code of a gemeente built gets no hint about Houten, whose list names it apart; a name
    # may be of a buurt left out, so it gets the hint (one found there, "Rondweg Zuidoost", says Houten was left out).
    with pytest.raises(BuurtdataError) as refused:
        Handouts.prepare(project, result, tmp_path / "uit", buurten=["BU03560099"])
    said = str(refused.value)
    assert "is not a buurt of GM0356 in 2020 (GM0321 left out of this build)" in said
    assert "the buurten of GM0321 were not built" not in said
    with pytest.raises(BuurtdataError, match=r"; the buurten of GM0321 were not built \(see gemeenten.csv\)"):
        Handouts.prepare(project, result, tmp_path / "uit", buurten=["Nergenshuizen"])


def test_handouts_of_a_region_write_the_list_of_its_gemeenten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, key: bytes
) -> None:
    """Its reasons say "(see gemeenten.csv)": `buurtdata handouts` writes it beside the handouts, as a report does."""
    from buurtdata.outputs import build

    project = _project(["GM0321", "GM0356"], tmp_path / "regio", monkeypatch)
    out = tmp_path / "uit"
    build.build(project.path, out, handouts_only=True, key=key, handout_png=False)
    listed = excel_files.read(out / "gemeenten.csv", dtype=str)
    assert set(listed.iloc[:, 0]) == {"GM0321", "GM0356"}
    assert "BU03211352" in " ".join(listed.fillna("").astype(str).agg(" ".join, axis=1))


def test_handouts_of_a_region_list_its_gemeenten_for_dutch_excel(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Sweep 13 #6: gemeenten.csv was comma-separated UTF-8 without a BOM, which Excel with Dutch settings shows as
    one column and "SÃºdwest-FryslÃ¢n". The national KWB 2020 and the 2019 polygons, as `buurtdata nieuw` writes the
    project, two gemeenten whose names carry an apostrophe and accents; a buurt of each to keep it short."""
    from buurtdata import cli

    project = _project(["GM0796", "GM1900"], tmp_path / "regio", monkeypatch)
    out = tmp_path / "regio_h"
    argv = ["handouts", "--project", str(project.path), "--out", str(out), "--buurt", "BU07960101"]
    assert cli.main([*argv, "--buurt", "BU19000000"]) == 0
    assert "no handouts for" not in capsys.readouterr().out  # the CLI reads it back: both built
    data = (out / "gemeenten.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbfgemeentecode;gemeente;status;")  # the BOM, then cells split at ';'
    # As Excel reads it (the BOM says UTF-8): the accents as written; and without the BOM what Excel showed.
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[1:] == ["GM0796;'s-Hertogenbosch;gebouwd;107;;", "GM1900;Súdwest-Fryslân;gebouwd;155;;"]
    assert "SÃºdwest" in data.removeprefix(b"\xef\xbb\xbf").decode("cp1252")
    # and as the README tells an analyst to read it.
    listed = pd.read_csv(out / "gemeenten.csv", sep=";")
    assert listed.columns[0] == "gemeentecode"  # the BOM taken off
    assert listed["gemeente"].tolist() == ["'s-Hertogenbosch", "Súdwest-Fryslân"]
    assert listed["buurten"].tolist() == [107, 155]
