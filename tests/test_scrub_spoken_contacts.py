"""Phone numbers and e-mail addresses said aloud, as the transcript of a spoken interview writes them.

Scrubbing took ``06-12345678`` and ``anja(at)example.nl`` out, but left ``bel me maar op nul zes, twaalf,
vierendertig, zesenvijftig, achtenzeventig`` and the ``anja punt de`` of ``anja punt de vries apenstaartje gmail punt
com`` standing (helper spelt). A number said aloud is a phone number when the digits it spells are a Dutch one (see
:mod:`buurtdata.sources.interviews.scrub_spoken`); counts, ages, times and amounts stay. Every sentence here is
FICTIEF: made up for these tests, about no real person, and so are the numbers and addresses.
"""

from __future__ import annotations

import re
import shutil

import duckdb
import pandas as pd
import pypdf
import pytest
from guards import no_hang

from buurtdata import datasets
from buurtdata.outputs import audit
from buurtdata.outputs.build import build
from buurtdata.sources.interviews import scrub_text
from buurtdata.sources.interviews.scrub import contact_details
from buurtdata.sources.interviews.scrub_spoken import is_phone, spelled

#: (said, what scrubbing leaves): each number or address goes whole, with the placeholder of its written form, and
#: nothing else of the sentence.
CAUGHT = [
    (
        "bel me maar op nul zes, twaalf, vierendertig, zesenvijftig, achtenzeventig",
        "bel me maar op [telefoon]",
    ),
    ("nul zes één twee drie vier vijf zes zeven acht", "[telefoon]"),
    ("Nul zes een twee drie vier vijf zes zeven acht.", "[telefoon]."),
    ("nul-zes-één-twee-drie-vier-vijf-zes-zeven-acht", "[telefoon]"),
    ("Mijn nummer: 06 twaalf 34 56 78, na zessen.", "Mijn nummer: [telefoon], na zessen."),
    ("nul zes 1234 5678", "[telefoon]"),
    ("0 6 1 2 3 4 5 6 7 8", "[telefoon]"),
    ("0 6 12345678", "[telefoon]"),
    ("06, 12, 34, 56, 78", "[telefoon]"),
    ("Bel nul vijf drie, vier drie twee, een twee drie vier.", "Bel [telefoon]."),
    ("mijn nummer is nul twintig, vijf vijf vijf, twaalf, vierendertig", "mijn nummer is [telefoon]"),
    ("+31 zes twaalf vierendertig zesenvijftig achtenzeventig", "[telefoon]"),
    ("+31 (0)6 twaalf 34 56 78", "[telefoon]"),
    ("plus eenendertig zes twaalf vierendertig zesenvijftig achtenzeventig", "[telefoon]"),
    ("plus eenendertig nul zes twaalf vierendertig zesenvijftig achtenzeventig", "[telefoon]"),
    ("nul nul eenendertig zes twaalf vierendertig zesenvijftig achtenzeventig", "[telefoon]"),
    ("0031 6 twaalf 34 56 78", "[telefoon]"),
    ("nul zes tweeëntwintig drieëndertig vierenveertig vijfenvijftig", "[telefoon]"),
    ("nul zes, eh, twaalf, ehm, vierendertig, zesenvijftig, achtenzeventig", "[telefoon]"),
    ("nul vijf drie, vierhonderdtweeëndertig, twaalf, vierendertig", "[telefoon]"),
    ("nul twintig, vijfhonderdvijfenvijftig, honderdtwaalf, drie", "[telefoon]"),
    ("Bel me op nul zes, twaalf,\nvierendertig, zesenvijftig, achtenzeventig.", "Bel me op [telefoon]."),
    ("Bel (06) twaalf 34 56 78 of (053) vier drie twee een twee drie vier.", "Bel [telefoon] of [telefoon]."),
    ("(nul zes) twaalf vierendertig zesenvijftig achtenzeventig", "[telefoon]"),
    ("(nul zes twaalf vierendertig zesenvijftig achtenzeventig)", "([telefoon])"),
    ("+31 (0)6-twaalf-34-56-78", "[telefoon]"),
    ("NUL ZES TWAALF VIERENDERTIG ZESENVIJFTIG ACHTENZEVENTIG", "[telefoon]"),
    ("Nul zes. Twaalf. Vierendertig. Zesenvijftig. Achtenzeventig.", "[telefoon]."),
    ("nul zes... twaalf... vierendertig... zesenvijftig... achtenzeventig", "[telefoon]"),
    (
        "Bel me op nul zes - twaalf - vierendertig - zesenvijftig - achtenzeventig, of mail.",
        "Bel me op [telefoon], of mail.",
    ),
    # The words after the number stay, and a second number is one of its own.
    ("nul zes twaalf vierendertig zesenvijftig achtenzeventig, twee keer", "[telefoon], twee keer"),
    ("nul zes twaalf vierendertig zesenvijftig achtenzeventig negen tien", "[telefoon] negen tien"),
    # 00 and 6...: read as a foreign number, whole (review z L3; it was "nul [telefoon]").
    ("nul nul zes twaalf vierendertig zesenvijftig achtenzeventig", "[telefoon]"),
    (
        "nul zes twaalf vierendertig zesenvijftig achtenzeventig of nul zes één twee drie vier vijf zes zeven acht",
        "[telefoon] of [telefoon]",
    ),
    ("Tel: 053-4321234 of nul vijf drie vier drie twee een twee drie vier", "Tel: [telefoon] of [telefoon]"),
    # Beside a name, which goes as it does beside a written number.
    ("Bel Anja op nul zes twaalf vierendertig zesenvijftig achtenzeventig.", "Bel [naam] op [telefoon]."),
    (
        "Gerda, nul zes twaalf vierendertig zesenvijftig achtenzeventig, wil meedoen.",
        "[naam], [telefoon], wil meedoen.",
    ),
    # E-mail addresses said aloud: the whole name part goes.
    ("anja punt de vries apenstaartje gmail punt com", "[e-mail]"),
    ("mijn mail is anja punt de vries apenstaartje gmail punt com", "mijn mail is [e-mail]"),
    ("anja at hotmail punt nl", "[e-mail]"),
    ("mijn mail is anja streepje devries at ziggo punt nl", "mijn mail is [e-mail]"),
    ("anja underscore 12 at gmail punt com", "[e-mail]"),
    ("anja underscore twaalf at gmail punt com", "[e-mail]"),
    ("anja apenstaartje example punt nl", "[e-mail]"),
    ("anja apestaartje example punt nl", "[e-mail]"),
    ("Mail naar anja laag streepje de vries apestaartje kpnmail punt nl graag.", "Mail naar [e-mail] graag."),
    ("mijn mail is anja de vries at gmail punt com, bel gerust", "mijn mail is [e-mail], bel gerust"),
    ("mijn mail is de vries at gmail punt com", "mijn mail is [e-mail]"),
    ("anja at gmail.com", "[e-mail]"),
    ("fatima el amrani at gmail punt com", "[e-mail]"),
    # A written address has its whole name part: the words before it stay.
    ("de mail van anja@example.nl", "de mail van [e-mail]"),
    ("Op dit punt anja@example.nl mailen.", "Op dit punt [e-mail] mailen."),
    ("de mail van anja (at) example (dot) nl", "de mail van [e-mail]"),
]

#: Ordinary speech with numbers in it: it stays as it is.
KEPT = [
    "een, twee, drie",
    "twee of drie keer per week",
    "vijf, zes jaar geleden",
    "nul komma nul",
    "ik ben negenenzeventig",
    "drie vier vijf mensen",
    "de bus van zes over twaalf",
    "bij nummer twaalf",
    "Ik heb drie kinderen: een van twaalf, een van negen en een van zes.",
    "tien, negen, acht, zeven, zes, vijf, vier, drie, twee, een, nul!",
    "twaalf euro vijftig",
    "Het kost nul euro, nul komma nul procent.",
    "om half zeven, zes over twaalf of kwart voor een",
    "Ik ga niet, punt uit.",
    "We met at the market. Then we went home.",
    "we met at the market punt",
    "Hij at een appel. Toen ging hij weg.",
    "op twaalf maart negentienachtenveertig geboren",
    "nul één, nul drie, negentien achtenveertig",
    "nul, een, twee, drie, vier, vijf, zes, zeven, acht, negen",  # a count, no number
    "nul, nul",
    "het kost 0,5 procent, 0,12 euro per keer",
    "de uitslag was nul-drie, daarna nul-twee",
    "de uitslagen: nul-één, nul-twee, nul-drie, nul-vier, nul-vijf, nul-zes",  # scores, no number
    "plus twee plus drie is vijf",
    "Plus, er zijn 0 6 nieuwe woningen",
    "de score was 0 - 6 en 12 - 34",
    "in 2024 waren het 0, 12 of 34 mensen",
    "Op 01-02-2024 12 mensen, op 05-06-2024 34 mensen",
    "nul zes, twaalf, vierendertig, zesenvijftig",  # 8 digits: no number
    "zes twaalf vierendertig zesenvijftig achtenzeventig",  # without its 0: see the README
    "plus negenenveertig graden, een vijf een keer",  # a foreign number is caught: test_scrub_said_misses
    "om 06.30 uur, 12 mensen",
    "de nulmeting was in 2020",
    "Nul procent, zes van de tien",
    "plus eenendertig graden vandaag",
    "1;0;160;185;155;160;15;50",  # figures of a table pasted into a note
    "0/6/12/34/56/78 of 0:6:12:34:56:78",
    "we wonen hier al honderdtwaalf jaar, nul zes keer verhuisd",
    "vierhonderd mensen, nul klachten",
]


@pytest.mark.parametrize(("said", "scrubbed"), CAUGHT, ids=[said[:40] for said, _ in CAUGHT])
def test_a_number_or_address_said_aloud_goes_and_nothing_else(said, scrubbed):
    assert scrub_text(pd.Series([said])).tolist() == [scrubbed]
    # Scrubbed once it stays as it is (the audit scrubs published quotes again), and the audit's list sees it.
    assert scrub_text(pd.Series([scrubbed])).tolist() == [scrubbed]
    assert contact_details(said) and not contact_details(scrubbed)


def test_ordinary_numbers_and_words_said_aloud_stay():
    assert scrub_text(pd.Series(KEPT)).tolist() == KEPT
    assert [contact_details(text) for text in KEPT] == [[] for _ in KEPT]


def test_the_rule_is_the_digits_a_dutch_number_has():
    assert spelled("nul zes, twaalf, vierendertig") == "061234"
    assert spelled("plus eenendertig zes") == "+316"
    assert spelled("Nul Twintig, ÉÉN ehm twee, éénentwintig") == "0201221"
    assert [is_phone(d) for d in ("0612345678", "0534321234", "0031612345678", "+31612345678", "+310612345678")] == [
        True
    ] * 5
    assert [is_phone(d) for d in ("061234567", "06123456789", "0012345678", "0123456789", "+49151123456")] == [
        False
    ] * 5


def test_the_audit_finds_a_number_said_aloud_in_a_published_quote_but_never_says_it():
    buurten = pd.DataFrame(
        [("BU01640701", "W1", "Veiligheid", 5, "getoond")], columns=["buurt", "wijk", "theme", "respondents", "status"]
    )
    quotes = pd.DataFrame(
        [
            ("BU01640701", "Veiligheid", None, "Het is hier fijn, twee of drie keer per week."),
            ("BU01640701", "Veiligheid", None, "Bel me op nul zes twaalf vierendertig zesenvijftig achtenzeventig."),
            ("BU01640701", "Veiligheid", None, "Mail anja punt de vries apenstaartje gmail punt com."),
        ],
        columns=["buurt", "theme", "role", "quote"],
    )
    problems = audit.audit_tables({"buurt_themes": buurten, "quotes": quotes}, 3)
    assert len(problems) == 2, problems
    assert "begins “Bel me op [telefoon].” still holds a phone number." in problems[0]
    assert "begins “Mail [e-mail].” still holds an e-mail address." in problems[1]
    assert not re.search(r"vierendertig|zesenvijftig|vries|gmail", " ".join(problems))


#: Hostile input: long runs of number words and digits, long words without spaces, other scripts.
HOSTILE = {
    "nul nul": "nul " * 12_500,
    "nul zes": "nul zes " * 6_250,
    "0 0": "0 " * 25_000,
    "plus": "plus " * 10_000,
    "een twee": "een twee " * 5_556,
    "nul, eh": "nul, eh, " * 5_556,
    "tweeëntwintig": "tweeëntwintig " * 3_571,
    "nul glued": "nul" * 16_667,
    "digits glued": "0" * 50_000,
    "twaalf glued": "twaalf" * 8_334,
    "letters glued": "a" * 50_000,
    "a punt": "a punt " * 7_142 + "at b punt nl",
    "a de": "a de " * 10_000 + "x at b punt nl",
    "at": "x at " * 10_000,
    "scripts": "нуль zes τwaalf 𝟎𝟔 ٠٦ nul zes 一二 " * 1_600,
    "a long filler": "nul " + "e" * 50_000,
}


def test_hostile_runs_are_scrubbed_without_hanging():
    with no_hang("a hostile run of numbers said aloud"):
        scrubbed = dict(zip(HOSTILE, scrub_text(pd.Series(list(HOSTILE.values()))), strict=True))
    kept = ["nul nul", "0 0", "plus", "een twee", "nul, eh", "tweeëntwintig", "nul glued", "letters glued"]
    for name in [*kept, "a long filler"]:
        assert scrubbed[name] == HOSTILE[name], name  # no number in them
    assert set(scrubbed["nul zes"].split()) == {"[telefoon]"}  # 0606060606 over and over: a number each 10 digits
    assert scrubbed["a punt"].endswith(" [e-mail]") and scrubbed["a de"].endswith(" [e-mail]")
    # Digits in other scripts are digits: 06 01 23 45 67 is a number; the letters that look like ours are none.
    assert scrub_text(pd.Series(["nul zes ٠١ ٢٣ ٤٥ ٦٧", "нуль зес twaalf"])).tolist() == [
        "[telefoon]",
        "нуль зес twaalf",
    ]


HANDOUT = "BU01640203"


def test_a_build_publishes_no_word_of_a_number_said_aloud(key, tmp_path):
    """End to end: a copy of the sample whose published quote says a phone number and an e-mail address aloud."""
    shutil.copytree(datasets.get_path("hengelo").parent, tmp_path / "project")
    segments = tmp_path / "project" / "interviews_fictief.csv"
    lines = segments.read_text(encoding="utf-8").splitlines(keepends=True)
    said = (
        " Bel me maar op nul zes, twaalf, zevenenveertig, drieënnegentig, achtentachtig,"
        " of mail anja punt de kraai apenstaartje gmail punt com (FICTIEF)."
    )
    # Each quote with consent gets the sentence: whichever the build publishes says it.
    header = next(n for n, line in enumerate(lines) if line.startswith("segment_id"))
    frame = pd.read_csv(segments, comment="#", dtype=str, keep_default_na=False)
    frame["quote"] = frame["quote"] + said
    segments.write_text("".join(lines[:header]) + frame.to_csv(index=False), encoding="utf-8")
    out = tmp_path / "uit"
    # One handout, of a buurt whose quotes the sample publishes: it prints them.
    build(tmp_path / "project" / "project.toml", out, key=key, notebook_names=(), handout_buurten=[HANDOUT],
          handout_png=False, say=lambda _: None)  # fmt: skip
    con = duckdb.connect(str(out / audit.DATABASE), read_only=True)
    try:
        quotes = [row[0] for row in con.sql("select quote from buurt_quotes").fetchall()]
        cells = " ".join(str(v) for t in ("buurt_quotes", "unplaced_segments") for row in _rows(con, t) for v in row)
    finally:
        con.close()
    assert quotes and all("Bel me maar op [telefoon], of mail [e-mail] (FICTIEF)." in quote for quote in quotes)
    spoken = re.compile(r"zevenenveertig|drieënnegentig|achtentachtig|0612479388|kraai|gmail", re.IGNORECASE)
    assert not spoken.search(cells)
    printed = False
    for path in out.rglob("*"):
        if path.suffix == ".pdf":
            text = " ".join(page.extract_text() for page in pypdf.PdfReader(path).pages)
            printed |= path.name.startswith(HANDOUT) and "[telefoon]" in text
        elif path.is_file():
            text = path.read_bytes().decode("utf-8", "replace")
        else:
            continue
        assert not spoken.search(text), path
    assert printed  # the handout printed a quote that said it, scrubbed


def _rows(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple]:
    if not con.sql(f"select 1 from information_schema.tables where table_name = '{table}'").fetchall():
        return []
    return con.sql(f"select * from {table}").fetchall()
