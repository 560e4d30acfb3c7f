"""``handouts --buurt`` by name (user test R: "Transvaalbuurt-West" was refused with three unrelated codes): a
buurt's code or name, read as interviews' places are, and an unknown one told the closest buurten with codes."""

from __future__ import annotations

import pandas as pd
import pytest
from test_places_short_names import KWB_2024

from buurtdata import cli, datasets
from buurtdata._errors import BuurtdataError
from buurtdata.outputs._buurt_choice import buurt_codes
from buurtdata.outputs.handout import Handouts
from buurtdata.sources.interviews.one_buurt import BuurtReadLooselyWarning, one_buurt, regions_of

needs_raw = pytest.mark.skipif(not KWB_2024.exists(), reason="data/raw is not here")


def _amsterdam() -> tuple[dict[str, str], dict[str, str]]:
    """Amsterdam's buurten and wijken (code -> name) as KWB 2024 names them."""
    raw = pd.read_csv(KWB_2024, sep=";", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    code, name = raw["Codering_3"].str.strip(), raw["WijkenEnBuurten"].str.strip()
    return (
        dict(zip(code[code.str.startswith("BU0363")], name[code.str.startswith("BU0363")], strict=True)),
        dict(zip(code[code.str.startswith("WK0363")], name[code.str.startswith("WK0363")], strict=True)),
    )


@needs_raw
@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("Transvaalbuurt-West", "BU0363MD01"),
        ("transvaalbuurt west", "BU0363MD01"),
        ("bu0363md02", "BU0363MD02"),
    ],
)
def test_a_buurt_by_code_or_name(written, code):
    buurten, wijken = _amsterdam()
    assert buurt_codes([written], buurten, wijken, "GM0363 in 2024") == [code]


@needs_raw
@pytest.mark.parametrize(
    ("written", "code", "read"),
    [
        ("Transvaal-West", "BU0363MD01", "Transvaalbuurt-West"),
        ("vd Pekbuurt", "BU0363NK03", "Van der Pekbuurt"),
        ("Transvaalbuurt-Wets", "BU0363MD01", "Transvaalbuurt-West"),
    ],
)
def test_a_buurt_read_loosely_is_told(written, code, read):
    buurten, wijken = _amsterdam()
    with pytest.warns(BuurtReadLooselyWarning, match=f"^--buurt '{written}' read as buurt '{read}' \\({code}\\)"):
        assert buurt_codes([written], buurten, wijken, "GM0363 in 2024") == [code]


@needs_raw
@pytest.mark.parametrize(
    ("written", "said"),
    [
        # The gazetteer's reason, and the buurten of the wijk it suggests (review s1: unrelated buurten were offered).
        (
            "De Pijp",
            "did you mean wijk 'Oude Pijp' (WK0363KE)?); write the code or name of the one meant, of the "
            "wijk's buurten Frans Halsbuurt (BU0363KE01)",
        ),
        ("Pijp", "it is part of: Oude Pijp (wijk), Nieuwe Pijp (wijk), Zuid Pijp (wijk); write one of them)"),
        ("BU036300", "looks like a region code but is not one; write BU + 8 characters"),
        ("1091", "postcode 1091 is not the most common postcode of any buurt of Amsterdam"),
        ("Kinkerbuurt", "; the closest are "),
    ],
)
def test_an_unknown_buurt_is_told_the_gazetteers_reason_before_the_closest_names(written, said):
    buurten, wijken = _amsterdam()
    with pytest.raises(BuurtdataError) as caught:
        buurt_codes([written], buurten, wijken, "GM0363 in 2024", gemeenten={"GM0363": "Amsterdam"})
    assert said in str(caught.value)
    assert ("the closest" in str(caught.value)) == (written == "Kinkerbuurt")


@needs_raw
def test_a_postcode_is_no_buurt():
    buurten, wijken = _amsterdam()
    postcode = {code: "1092" if code == "BU0363MD02" else None for code in buurten}
    regions = regions_of(buurten, wijken).assign(postcode=lambda r: r["code"].map(postcode))
    found = one_buurt(["1092"], regions, where="GM0363 in 2024", gemeente="GM0363")["1092"]
    assert found.code is None
    assert found.why == (
        "is a postcode, not a buurt's code or name (it lies in Transvaalbuurt-Oost (BU0363MD02)); write the code or "
        "name of the buurt meant"
    )


@needs_raw
def test_an_unknown_buurt_is_told_the_closest_with_their_codes():
    buurten, wijken = _amsterdam()
    with pytest.raises(BuurtdataError) as caught:
        buurt_codes(["Van der Pekbuurt Zuid", "Transvaalbuurt", "BU0363MD09"], buurten, wijken, "GM0363 in 2024")
    said = str(caught.value)
    assert said.startswith(
        "--buurt 'Van der Pekbuurt Zuid' is not a buurt of GM0363 in 2024; write its code (BU...) or its name as CBS "
        "writes it (no match: 'Van der Pekbuurt Zuid' is no buurt or wijk name, code or postcode of GM0363; did you "
        "mean buurt 'Van der Pekbuurt' (BU0363NK03)?); "
    )
    assert (
        "; 'Transvaalbuurt' is wijk 'Transvaalbuurt' (WK0363MD), not a buurt; write the code or name of the one "
        "meant, of the wijk's buurten Transvaalbuurt-West (BU0363MD01), Transvaalbuurt-Oost (BU0363MD02); "
        "'BU0363MD09' is not a buurt of GM0363 in 2024; write its code (BU...) or its name as CBS writes it; its wijk "
        "WK0363MD has Transvaalbuurt-West (BU0363MD01), Transvaalbuurt-Oost (BU0363MD02)." in said
    )
    assert "BU0363AA01" not in said  # the first codes of the gemeente, unrelated


def test_handouts_prepare_reads_a_name(hengelo, hengelo_run, tmp_path):
    every = Handouts.prepare(hengelo, hengelo_run, tmp_path)
    code, name = next(iter(every.book.names.items()))
    chosen = Handouts.prepare(hengelo, hengelo_run, tmp_path, buurten=[name.upper(), code])
    assert chosen.codes == [code]


def test_the_command_names_the_closest_buurten(tmp_path, capsys):
    out = tmp_path / "uit"
    args = ["handouts", "--project", str(datasets.get_path("hengelo")), "--out", str(out), "--buurt", "Nergensbuurt"]
    assert cli.main(args) == cli.EXIT_INPUT
    said = capsys.readouterr().err
    assert "--buurt 'Nergensbuurt' is not a buurt of GM0164 in" in said and "(BU0164" in said and not out.exists()


@needs_raw
def test_a_code_of_another_gemeente_or_the_gemeente_itself_says_so():
    buurten, wijken = _amsterdam()
    with pytest.raises(BuurtdataError) as caught:
        buurt_codes(["BU01640101", "Amsterdam"], buurten, wijken, "GM0363 in 2024", gemeenten={"GM0363": "Amsterdam"})
    assert str(caught.value) == (
        "--buurt 'BU01640101' is not a buurt of GM0363 in 2024; write its code (BU...) or its name as CBS writes it "
        "(outside gemeente: BU01640101 lies in GM0164, not in GM0363 (Amsterdam)); 'Amsterdam' is not a buurt of "
        "GM0363 in 2024; write its code (BU...) or its name as CBS writes it (no match: 'Amsterdam' is the whole "
        "gemeente, not a wijk or buurt); --gemeente takes a gemeente."
    )
