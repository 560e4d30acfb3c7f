"""Short forms of "van der" and "Sint" in place names (user test R: "vd Pekbuurt" was not placed, though the reason
said "did you mean buurt 'Van der Pekbuurt'"): read as the long forms on the real names of Amsterdam and Hilversum
(KWB 2024) and of gemeenten that write "St." or "V/d" (KWB 2020), placed only where that names exactly one place."""

from __future__ import annotations

import pandas as pd
import pytest
from test_places_short_names import KWB_2020, KWB_2024, _kwb_2020, _place

pytestmark = pytest.mark.skipif(not (KWB_2024.exists() and KWB_2020.exists()), reason="data/raw is not here")


def _kwb_2024(prefix: str) -> pd.DataFrame:
    """A gemeente's wijken and buurten as the KWB 2024 file names them."""
    raw = pd.read_csv(KWB_2024, sep=";", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    code = raw["Codering_3"].str.strip()
    ours = code.str.match(rf"^(GM|WK|BU){prefix}")
    level = raw.loc[ours, "SoortRegio_2"].str.strip().str.lower()
    return pd.DataFrame(
        {"code": code[ours], "level": level, "name": raw.loc[ours, "WijkenEnBuurten"], "gemeente_code": f"GM{prefix}"}
    ).assign(wijk_code=None, postcode=None)


@pytest.mark.parametrize(
    "written",
    ["vd Pekbuurt", "v.d. Pekbuurt", "v/d Pekbuurt", "V.D.Pekbuurt", "vd Pek", "van der Pekbuurt"],
)
def test_vd_is_van_der(written):
    row = _place([written], _kwb_2024("0363"), "GM0363").iloc[0]
    assert (row["buurt_code"], row["resolved_by"]) == ("BU0363NK03", "buurtnaam")
    if written != "van der Pekbuurt":
        assert row["reason"] == f"'{written}' read as buurt 'Van der Pekbuurt' (BU0363NK03)"


def test_st_is_sint_and_sint_is_st():
    # Hilversum writes "Sint Vitusbuurt"; Nijmegen (KWB 2020) writes "St. Anna".
    assert _place(["St. Vitusbuurt"], _kwb_2024("0402"), "GM0402").iloc[0]["buurt_code"] == "BU04020103"
    assert _place(["Sint Anna"], _kwb_2020("GM0268"), "GM0268").iloc[0]["buurt_code"] == "BU02680513"


def test_a_short_form_cbs_writes_is_read_from_the_long_one():
    # Westland (KWB 2020) writes "V/d kasteelewijk".
    placed = _place(["Van de Kasteelewijk", "vd Kasteelewijk"], _kwb_2020("GM1783"), "GM1783")
    assert placed["buurt_code"].tolist() == ["BU17830403"] * 2


def test_a_short_form_that_names_two_places_is_not_guessed():
    regions = pd.DataFrame(
        [
            ("GM9999", "gemeente", "Proefstad", "GM9999", None, None),
            ("BU99990001", "buurt", "Van der Hoekbuurt", "GM9999", "WK999900", None),
            ("BU99990002", "buurt", "Van den Hoekbuurt", "GM9999", "WK999900", None),
            ("BU99990003", "buurt", "Van der Pekbuurt", "GM9999", "WK999900", None),
        ],
        columns=["code", "level", "name", "gemeente_code", "wijk_code", "postcode"],
    )
    placed = _place(["vd Hoekbuurt", "vd Pekbuurt"], regions, "GM9999")
    assert placed["buurt_code"].isna().iloc[0] and placed["reason"].iloc[0].startswith("ambiguous between")
    assert "BU99990001" in placed["reason"].iloc[0] and "BU99990002" in placed["reason"].iloc[0]
    assert placed["buurt_code"].iloc[1] == "BU99990003"
