import pytest

from buurtdata import codes
from buurtdata._errors import CodeError


@pytest.mark.parametrize(
    ("raw", "level", "expected"),
    [
        ("GM0164    ", None, "GM0164"),
        ("wk016401", None, "WK016401"),
        ("BU01640101", "buurt", "BU01640101"),
        ("01640101", None, "BU01640101"),
        ("0164", None, "GM0164"),
        ("0363AF01", "buurt", "BU0363AF01"),
        ("BU0363AF01", None, "BU0363AF01"),
        ("NL00      ", None, "NL00"),
        ("BU0363AF01", "buurt", "BU0363AF01"),
        ("WK0363AF  ", None, "WK0363AF"),
        ("0363", "gemeente", "GM0363"),
    ],
)
def test_normalize_accepts_cbs_forms(raw, level, expected):
    assert codes.normalize(raw, level=level) == expected


@pytest.mark.parametrize("raw", ["", "GM164", "BU0164010", "XX01640101", "0363AF01", "BU0164-0101", None])
def test_normalize_rejects_with_expected_pattern(raw):
    with pytest.raises(CodeError, match=r"expected GM \+ 4 digits"):
        codes.normalize(raw)


def test_level_mismatch_names_expected_level():
    with pytest.raises(CodeError, match="is a wijk code, but a buurt code was expected"):
        codes.normalize("WK016401", level="buurt")


def test_parents():
    assert codes.gemeente_of("BU01640101") == "GM0164"
    assert codes.wijk_of("BU01640101") == "WK016401"
    assert codes.level_of("GM0164") == "gemeente"
    assert not codes.is_valid("Centrum")


def test_a_code_one_digit_off_finds_its_gemeente_not_a_short_name() -> None:
    # User test: GM0151 suggested "GM0114 Emmen" (a short name scored well against the code), not GM0150 Deventer.
    known = {"GM0114": "Emmen", "GM0150": "Deventer", "GM1959": "Altena", "GM0899": "Brunssum", "GM0399": "Heiloo"}
    assert codes.nearest("GM0151", known) == ["GM0150 Deventer"]
    assert codes.nearest("GM9999", known, limit=3)[0] == "GM1959 Altena"
    assert codes.nearest("Brunsum", known) == ["GM0899 Brunssum"]
    assert codes.nearest("GM0150", {}) == []
