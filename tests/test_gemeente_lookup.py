"""One lookup of a gemeente by code or name, with the closest (handouts' --gemeente, [interviews] gemeenten)."""

import pytest

from buurtdata import gemeente_lookup
from buurtdata._errors import CodeError
from buurtdata.gemeente_lookup import Found, code_of, find

KNOWN = {"GM0164": "Hengelo (O.)", "GM1735": "Hof van Twente", "GM1900": "Súdwest-Fryslân", "GM0999": None}


@pytest.mark.parametrize("written", ["GM0164", "gm0164", " Gm 0164 ", "0164"])
def test_a_code_in_any_of_its_forms_finds_its_gemeente(written):
    assert find(written, KNOWN) == Found(("GM0164",), as_code=True)


def test_digits_that_make_no_code_are_refused_without_adding_a_zero():
    with pytest.raises(CodeError, match="'164'"):
        code_of("164")
    assert find("164", KNOWN) == Found((), ("GM0164",), as_code=True)


def test_an_unknown_code_gets_the_closest_code():
    assert find("GM0165", KNOWN) == Found((), ("GM0164",), as_code=True)


def test_a_name_is_found_without_case_accents_or_punctuation():
    assert find(" hengelo (o.) ", KNOWN).codes == ("GM0164",)
    assert find("sudwest fryslan", KNOWN).codes == ("GM1900",)


def test_a_name_without_its_bracketed_part_only_when_asked_for():
    assert find("Hengelo", KNOWN).codes == ("GM0164",)
    assert find("Hengelo", KNOWN, short_names=False) == Found((), ("GM0164",))


def test_a_short_name_several_gemeenten_share_names_them_all():
    both = {**KNOWN, "GM1735": "Hengelo (Gld.)"}
    assert find("Hengelo", both).codes == ("GM0164", "GM1735")


def test_a_misspelt_name_gets_the_closest_and_nothing_alike_none():
    assert find("Hof van Twnte", KNOWN) == Found((), ("GM1735",))
    assert find("Nergenshuizen", KNOWN) == Found(())


def test_an_unnamed_gemeente_is_found_by_code_only():
    assert find("GM0999", KNOWN).codes == ("GM0999",)
    assert gemeente_lookup.names_index(KNOWN).keys() == {"hengelo o", "hengelo", "hof van twente", "sudwest fryslan"}
