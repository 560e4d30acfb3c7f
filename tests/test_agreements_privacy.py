"""No person's name, phone number or listed name in what an agreement prints or hands over, however the cell spells
it (review s2: a name with a no-break space, a surname starting with an article, the afspraak itself).

Every name and number here is FICTIEF.
"""

from __future__ import annotations

import pandas as pd
import pytest

from buurtdata.outputs.audit import audit_tables
from buurtdata.sources.owners import owners_scrubbed, people

_THEMES = pd.DataFrame(columns=["buurt", "wijk", "theme", "respondents", "status"])


def _audited(owners: list[str], names: tuple[str, ...] = ()) -> list[str]:
    frame = pd.DataFrame({"buurt": ["BU0363MD01"] * len(owners), "owner": owners})
    return audit_tables({"buurt_themes": _THEMES, "owners": frame}, 3, names=names)


@pytest.mark.parametrize("space", ["  ", "\u00a0", "\n", "\r\n", " \t"])
def test_a_name_spelled_with_other_white_space_is_replaced_and_audited(space):
    # Excel exports hold no-break spaces; a quoted CSV cell keeps its line break.
    wie = f"Karin{space}Visser (wijkagent)"
    assert owners_scrubbed(pd.Series([wie])).tolist() == ["[naam] (wijkagent)"]
    # A listed name the rule does not see (written small) is found however it is spaced too.
    assert owners_scrubbed(pd.Series([f"buurtteam, kees{space}bos"]), names=["Kees Bos"]).tolist() == [
        "buurtteam, [naam]"
    ]
    assert people(f"buurtteam, kees{space}bos", ["Kees Bos"])[0] == ["Kees Bos"]
    # Published as written, the audit (which scrubs it again) refuses it.
    assert len(_audited([wie])) == 1


@pytest.mark.parametrize(
    ("wie", "printed"),
    [
        # Dutch surnames often start with an article: beside a role they are a person (review s2 #4).
        ("De Jong (wijkagent)", "[naam] (wijkagent)"),
        ("de Vries, jongerenwerker", "[naam], jongerenwerker"),
        ("wijkagent De Jong", "wijkagent [naam]"),
        ("'t Hart (buurtcoach)", "[naam] (buurtcoach)"),
        # An article before an organisation's word, or no role beside it: an organisation, kept.
        ("De Buurtwinkel", "De Buurtwinkel"),
        ("Het Buurtteam (wijkagent)", "Het Buurtteam (wijkagent)"),
        ("De Buurtwinkel (beheerder)", "De Buurtwinkel (beheerder)"),
        ("De Key", "De Key"),
        ("De Key en Rochdale Wonen", "De Key en Rochdale Wonen"),
    ],
)
def test_an_article_and_a_surname_beside_a_role_is_a_name_and_an_organisation_stays(wie, printed):
    assert owners_scrubbed(pd.Series([wie])).tolist() == [printed]
    assert owners_scrubbed(pd.Series([printed])).tolist() == [printed]  # scrubbed again, it stays
    assert len(_audited([wie])) == (wie != printed)
