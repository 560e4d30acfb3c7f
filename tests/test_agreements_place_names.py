"""An agreement that names a buurt or wijk of the project keeps its name: ``Met Klein Driene organiseren we een
avond`` is about a buurt, not a person (fix-left10, item 1).

The agreements were scrubbed as quotes are, but without the project's places (``afspraak``, ``wie``, the
overdrachtsdossier's copy and the privacy audit's second reading), and the messages' check was passed the names
unfolded, which scrubbing compares folded (case, accents, apostrophes): ``'t Wilbert``, ``Klein Driene`` and
``GROOT DRIENE-ZUID`` became ``[naam]`` on the handout and the toekomstplan. The regions are Hengelo's, as CBS writes
them (KWB 2020, the sample's file); every agreement row is FICTIEF.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from buurtdata import datasets
from buurtdata._errors import ValidationError
from buurtdata.outputs.audit import audit_tables
from buurtdata.sources.agreements import handed_over, read_agreements
from buurtdata.sources.owners import agreements_scrubbed

_REGIONS = datasets.get_path("hengelo").parent / "kwb2020_84799NED_regions.parquet"
THEMES = {t: t for t in ("Eenzaamheid", "Ontmoeten", "Wonen")}


def _regions() -> pd.DataFrame:
    """Hengelo's regions (KWB 2020), as the build's regions table has them."""
    table = pd.read_parquet(_REGIONS)
    table = table[table["Key"].str.startswith(("WK0164", "BU0164"))]
    return pd.DataFrame(
        {
            "code": table["Key"].str.strip(),
            "level": ["wijk" if k.startswith("WK") else "buurt" for k in table["Key"]],
            "name": table["Title"].str.strip(),
            "gemeente_code": "GM0164",
            "wijk_code": [k[:8].replace("BU", "WK") if k.startswith("BU") else None for k in table["Key"]],
            "postcode": None,
        }
    )


#: Agreement texts naming Hengelo's buurten and wijken as a wijkwerker writes them (FICTIEF).
NAMED = [
    "Met Klein Driene organiseren we een avond in het buurthuis.",
    "Bewoners van 't Wilbert en de wijkagent lopen een schouw.",
    "Met GROOT DRIENE-ZUID organiseren we een straatfeest.",
    "Bij 'T WILBERT komt een bankje bij de speeltuin.",
    "Met Oosterveld en Groot Driene-Noord samen een koffieochtend.",
]


def _file(tmp_path: Path, rows: list[tuple[str, str, str]]) -> Path:
    path = tmp_path / "afspraken.csv"
    body = "".join(f'{buurt},Ontmoeten,"{afspraak}","{wie}",2025-06-01\n' for buurt, afspraak, wie in rows)
    path.write_text("# FICTIEF\nbuurt,thema,afspraak,wie,terugkijken\n" + body, encoding="utf-8")
    return path


def test_an_afspraak_naming_a_buurt_keeps_it_and_a_person_is_still_scrubbed(tmp_path):
    rows = [("BU01640203", text, "buurtteam") for text in NAMED]
    rows.append(("BU01640203", "Kees van Dijk belt de corporatie, 06-12345678", "buurtteam"))
    path = _file(tmp_path, rows)
    found = read_agreements(path, buurten=_regions(), themes=THEMES)
    assert found["agreement"].tolist() == [*NAMED, "[naam] belt de corporatie, [telefoon]"]
    # The overdrachtsdossier's copy reads the same.
    handed = handed_over(path, places=_regions()["name"]).decode("utf-8")
    assert all(text in handed for text in NAMED) and "Kees" not in handed and "06-12345678" not in handed


def test_a_wie_naming_a_buurt_keeps_it():
    from buurtdata.sources.owners import owners_scrubbed

    owners = pd.Series(
        [
            "bewonerscommissie 't Wilbert",
            "buurtvereniging Klein Driene",
            "bewoners Groot Driene-Noord",
            "Berflo Es Noord (bewonersgroep)",
            "Tuindorp 't Lansink",
            "Klein Driene",
            "Kees van Dijk (wijkagent)",
        ]
    )
    assert owners_scrubbed(owners, places=_regions()["name"]).tolist() == [*owners[:-1], "[naam] (wijkagent)"]
    # A name the project lists goes, also where a place is called so.
    assert owners_scrubbed(pd.Series(["Klein Driene"]), names=["Klein Driene"], places=_regions()["name"]).tolist() == [
        "[naam]"
    ]


def test_the_privacy_audit_reads_an_afspraak_naming_a_buurt_as_printed():
    themes = pd.DataFrame(columns=["buurt", "wijk", "theme", "respondents", "status"])
    places = pd.DataFrame({"name": _regions()["name"]})
    agreements = pd.DataFrame({"buurt": ["BU01640203"] * len(NAMED), "owner": "buurtteam", "agreement": NAMED})
    assert audit_tables({"buurt_themes": themes, "owners": agreements, "places": places}, 3) == []
    # A person's name still fails it.
    agreements.loc[0, "agreement"] = "Met Kees van Dijk organiseren we een avond."
    assert len(audit_tables({"buurt_themes": themes, "owners": agreements, "places": places}, 3)) == 1


def test_the_places_are_compared_folded_whatever_container_they_come_in():
    # A frozenset of the names as CBS writes them was taken as already folded (folded_places): 't Wilbert unfolded
    # matched nothing.
    regions = _regions()["name"]
    for places in (regions, list(regions), frozenset(regions), tuple(regions)):
        assert (
            agreements_scrubbed(pd.Series(NAMED[:2]), pd.Series(["buurtteam"] * 2), places=places).tolist()
            == (NAMED[:2])
        )


def test_a_message_quotes_a_buurt_written_in_other_capitals(tmp_path):
    # No buurt of that name: the row is refused, and the message quotes what was written for the user to find it,
    # not "a name, address or contact detail".
    path = _file(tmp_path, [("T WILBERT NOORD", "Een bankje.", "buurtteam")])
    with pytest.raises(ValidationError) as error:
        read_agreements(path, buurten=_regions(), themes=THEMES)
    assert "buurt 'T WILBERT NOORD'" in str(error.value), str(error.value)
