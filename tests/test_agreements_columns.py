"""A filled column of the afspraken that buurtdata does not read is warned of, not dropped without a word (sweep 13
#1: a wijkwerker's ``status`` column, Loopt / afgerond / Gedaan, vanished and nothing showed an agreement was done)."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from buurtdata.sources.agreements import (
    AgreementColumnNotReadWarning,
    handed_over,
    not_handed_over,
    read_agreements,
)
from buurtdata.sources.interviews.one_buurt import BuurtReadLooselyWarning, regions_of
from tests import excel_files
from tests.test_agreements_place_names import THEMES, _regions


def _written(tmp_path: Path, header: str, rows: list[str], name: str = "afspraken.csv") -> Path:
    path = tmp_path / name
    path.write_text("# FICTIEF\n" + header + "\n" + "".join(f"{row}\n" for row in rows), encoding="utf-8")
    return path


def test_a_status_column_is_warned_of_by_name(tmp_path):
    # The sweep's own file, as Excel with Dutch settings saves it.
    path = _written(
        tmp_path,
        "buurt;thema;afspraak;wie;terugkijken;status",
        [
            "BU01640203;Ontmoeten;Koffieochtend uitbreiden;buurtteam;2025-03-01;afgerond",
            "BU01640203;Wonen;Bankjes bij de vijver;gemeente Hengelo;2025-03-01;Loopt",
        ],
    )
    with pytest.warns(AgreementColumnNotReadWarning) as caught:
        found = read_agreements(path, buurten=_regions(), themes=THEMES)
    assert len(found) == 2
    (message,) = [str(w.message) for w in caught]
    assert "'status' not read" in message and str(path) in message
    assert "buurt, thema, afspraak, wie, terugkijken" in message and "write it in afspraak" in message


def test_a_filled_column_without_a_name_is_warned_of_by_its_place(tmp_path):
    path = _written(
        tmp_path,
        "buurt,thema,afspraak,wie,terugkijken",
        ["BU01640203,Ontmoeten,Koffieochtend,buurtteam,2025-03-01,Gedaan"],
    )
    with pytest.warns(AgreementColumnNotReadWarning, match=r"column 6 \(without a name\) not read"):
        read_agreements(path, buurten=_regions(), themes=THEMES)


def test_empty_extra_columns_and_the_gemeente_column_are_no_news(tmp_path, overijssel):
    path = _written(
        tmp_path,
        "buurt;gemeente;thema;afspraak;wie;terugkijken;opmerking;",
        ["Berflo Es Noord;Hengelo;Ontmoeten;Koffieochtend;buurtteam;2025-03-01;;"],
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert len(read_agreements(path, buurten=overijssel, themes=THEMES, gemeente=["GM0164"])) == 1


def test_the_dossier_packs_only_the_columns_read(tmp_path):
    # Sweep 13 #21: a wijkwerker's contact and notitie columns (a name, a mobile number, an e-mail address, a
    # resident's address, a remark about her son) were handed over in the overdrachtsdossier as typed.
    path = _written(
        tmp_path,
        "buurt;thema;afspraak;wie;terugkijken;contact;notitie",
        [
            "BU01640203;Ontmoeten;Plek voor de jeugd;jongerenwerker;2025-02-03;Jan Kerkhof 06-12345678 "
            "jan.kerkhof@example.nl;mevrouw De Vries (Stationsstraat 12) wil niet dat haar zoon genoemd wordt",
        ],
    )
    packed = excel_files.text(handed_over(path))
    assert packed.splitlines()[1:] == [
        "buurt;thema;afspraak;wie;terugkijken",
        "BU01640203;Ontmoeten;Plek voor de jeugd;jongerenwerker;2025-02-03",
    ]
    assert not_handed_over(path) == ["contact", "notitie"]
    # The gemeente column passes, and a file of the template's columns is unchanged.
    beside = _written(
        tmp_path,
        "buurt;gemeente;thema;afspraak;wie;terugkijken",
        ["Klein Driene;Hengelo;Wonen;x;y;2025-02-03"],
        "b.csv",
    )
    assert excel_files.text(handed_over(beside)).splitlines()[1:] == [
        "buurt;gemeente;thema;afspraak;wie;terugkijken",
        "Klein Driene;Hengelo;Wonen;x;y;2025-02-03",
    ]
    assert not_handed_over(beside) == []


def test_a_buurt_named_as_its_gemeente_is_read_and_told(tmp_path):
    # Sweep 13 #17: 'Ermelo', meant as the whole gemeente ('heel Ermelo' two rows down), was taken as the buurt
    # Ermelo (the village centre) without a word.
    regions = regions_of(
        {"BU02330000": "Ermelo", "BU02330005": "Horst"}, {"WK023300": "Wijk 00 Ermelo"}, {"GM0233": "Ermelo"}
    )
    path = _written(
        tmp_path,
        "buurt;thema;afspraak;wie;terugkijken",
        ["Ermelo;Ontmoeten;Woningbouw bespreken;gemeente;2025-06-01", "Horst;Ontmoeten;x;buurtteam;2025-06-01"],
    )
    with pytest.warns(BuurtReadLooselyWarning) as caught:
        found = read_agreements(path, buurten=regions, themes=THEMES)
    assert found["code"].tolist() == ["BU02330000", "BU02330005"]
    (said,) = [str(w.message) for w in caught]
    assert "row 3: buurt 'Ermelo' read as buurt 'Ermelo' (BU02330000), which bears the gemeente's name" in said
    assert "write BU02330000 to say it is this buurt" in said and "row 4" not in said
    # Written as its code: no news.
    coded = _written(tmp_path, "buurt;thema;afspraak;wie;terugkijken", ["BU02330000;Ontmoeten;x;y;2025-06-01"], "c.csv")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        read_agreements(coded, buurten=regions, themes=THEMES)
