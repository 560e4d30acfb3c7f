"""Handouts: every printed number equals the mart; privacy and the fictional label hold on paper."""

import itertools
import re
from dataclasses import replace

import pandas as pd
import pypdf
import pytest
import spoken

from buurtdata import cli, datasets
from buurtdata._text import role_count
from buurtdata.outputs import audit, build, handout, handout_table
from buurtdata.outputs._opening import shared_opening, without
from buurtdata.pipeline import link
from tests import excel_files

#: Buurten with shown themes, a secret figure, and a rate too small to compute.
PRINTED = ["BU01640501", "BU01640203", "BU01640000"]


@pytest.fixture(scope="module")
def written(hengelo, hengelo_run, tmp_path_factory):
    out = tmp_path_factory.mktemp("handouts")
    return handout.make_handouts(hengelo, out, result=hengelo_run, buurten=PRINTED, png=False, progress=False)


def _text(written, code):
    pdf = next(path for path in written if path.name.startswith(code))
    reader = pypdf.PdfReader(pdf)
    assert len(reader.pages) in (1, 2)  # a second page holds the questions that did not fit the first
    for page in reader.pages:
        width, height = (float(v) for v in page.mediabox[2:])
        assert (round(width), round(height)) == (595, 842)  # A4 in points
    return "\n".join(page.extract_text() for page in reader.pages)


def _number(text):
    return float(text.replace(".", "").replace(",", "."))


@pytest.mark.parametrize("code", PRINTED)
def test_every_key_figure_on_paper_equals_the_mart(written, hengelo_run, code):
    text = _text(written, code)
    rows = hengelo_run.con.execute(
        "select value, value_text, status, gemeente_text, "
        "gemeente_status, nl_text, nl_status, index as idx, index_text, "
        "direction, decimals from buurt_comparison where code = ? and in_profile order by position",
        [code],
    ).df()
    lines = text.splitlines()
    for row in rows.itertuples():
        if "waarde" not in (row.status, row.gemeente_status, row.nl_status):
            continue  # not published this year: the note names it (test_handout_figures.py)
        cells = [
            row.value_text if row.status == "waarde" else handout_table.STATUS_TEXT[row.status],
            row.gemeente_text if row.gemeente_status == "waarde" else handout_table.STATUS_TEXT[row.gemeente_status],
            row.nl_text if row.nl_status == "waarde" else handout_table.STATUS_TEXT[row.nl_status],
            row.index_text + {"higher": " ▲", "lower": " ▼"}.get(row.direction, "")
            if isinstance(row.index_text, str)
            else "–",
        ]
        assert " ".join(cells) in lines, (code, cells)
        # The printed text is the mart's value, rounded to the indicator's decimals.
        if row.status == "waarde":
            assert _number(row.value_text) == pytest.approx(round(row.value, row.decimals))
        if isinstance(row.index_text, str):
            assert _number(row.index_text) == pytest.approx(round(row.idx))


@pytest.mark.parametrize("code", PRINTED)
def test_theme_counts_on_paper_equal_the_mart_and_respect_k(written, hengelo_run, hengelo, code):
    text = " ".join(_text(written, code).split())
    themes = hengelo_run.con.execute(
        "select theme, theme_status, respondents from buurt_themes where code = ?", [code]
    ).df()
    for row in themes.itertuples():
        if row.theme_status == "getoond":
            assert f"{row.theme}: {row.respondents} mensen" in text
        else:
            assert f"{row.theme}: " not in text
    shown = hengelo_run.con.execute(
        "select theme, role, respondents from buurt_theme_roles where code = ? and theme_status = 'getoond'", [code]
    ).fetchall()
    for _theme, role, respondents in shown:
        assert respondents >= hengelo.privacy_threshold and role_count(role, respondents) in text


@pytest.mark.parametrize("code", PRINTED)
def test_questions_sources_and_fictional_label_are_printed(written, hengelo_run, hengelo, code):
    text = " ".join(_text(written, code).split())
    signals = link.signals(hengelo_run.con)
    rows = signals[(signals["code"] == code) & (signals["signal"] != "geen signaal")]
    # The themes people raised first (user test N), then the rest in meeting order.
    rows = pd.concat([rows[rows["stories"] == "genoemd"], rows[rows["stories"] != "genoemd"]])
    # A question about a figure an earlier question already asks about stays off the first page.
    questions, used = [], set()
    for question, cited in zip(rows["question"], rows["cited"], strict=True):
        figures = set(cited.split(",")) if isinstance(cited, str) else set()
        if not figures & used:
            questions.append(question)
            used |= figures
    # An opening the questions share is printed once above them, or not at all where the sheet just said it.
    opening = shared_opening(questions)
    printed = [q for q in questions if " ".join(without(opening, q).split()) in text]
    # The first questions are printed in order; those that do not fit are counted, not lost.
    assert printed == questions[: len(printed)]
    assert len(printed) >= min(len(questions), 3)
    if len(printed) < len(questions):
        assert "(nog " in text and ("zie blad 2" in text or "in het rapport" in text)
    assert "FICTIEF" in text and hengelo.interviews.label in text
    assert "Bron: CBS, Kerncijfers wijken en buurten 2024 (85984NED)" in text
    assert "Over deze cijfers" in text and "nooit een oordeel over mensen" in text


def test_every_buurt_gets_a_handout_that_fits(hengelo, hengelo_run):
    """All 62 buurten drawn and measured: every text and the map inside the A4 page, no two of them overlapping."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    sheets = handout.handout_data(hengelo, hengelo_run)
    assert len(sheets) == 62
    book = handout._Book.collect(hengelo, hengelo_run)
    for sheet in sheets:
        # The profile, then at most MAX_CITED_FIGURES figures that a question on the sheet cites.
        assert tuple(sheet.figures["indicator"].head(len(hengelo.profile_indicators))) == hengelo.profile_indicators
        assert len(sheet.figures) <= len(hengelo.profile_indicators) + handout.MAX_CITED_FIGURES
        assert len(sheet.questions) <= handout.MAX_QUESTIONS
        assert not any(": 1 " in theme or ": 2 " in theme for theme in sheet.themes)
        figure = book.draw(book.handout(sheet.code))
        renderer = FigureCanvasAgg(figure).get_renderer()
        boxes = [(text.get_text(), text.get_window_extent(renderer)) for text in figure.texts if text.get_text()]
        boxes += [("kaart", axes.get_window_extent(renderer)) for axes in figure.axes]
        page = figure.bbox
        for name, box in boxes:
            inside = page.x0 <= box.x0 and page.y0 <= box.y0 and box.x1 <= page.x1 and box.y1 <= page.y1
            assert inside, (sheet.code, name, "runs off the page")
        for (one, first), (other, second) in itertools.combinations(boxes, 2):
            # A row of the key-figure table is one block: its label and its numbers share a baseline.
            same_row = abs(first.y0 - second.y0) < 1 and one != "kaart" and other != "kaart"
            assert same_row or not first.overlaps(second), (sheet.code, one, other)


def test_index_page_links_every_handout(written):
    index = written[-1]
    page = index.read_text(encoding="utf-8")
    assert index.name == "index.html" and written[-2].name == "index.pdf"
    for path in build.handout_sheets(written):
        assert f'href="{path.name}"' in page
    assert "Bron: CBS" in page and "Fictieve interviews" in page


def test_the_index_cover_says_how_many_segments_are_on_no_buurt_s_sheet_and_where_they_are(written, hengelo_run):
    import pypdf

    cover = " ".join(pypdf.PdfReader(written[-2]).pages[0].extract_text().split())
    assert f"{len(hengelo_run.unplaced)} fragmenten uit de interviews staan op geen blad van een buurt" in cover
    assert "niet_geplaatste_fragmenten.csv" in cover
    # User test K: the places read as a buurt spelt almost alike, to check (the sample has three).
    assert f"{len(hengelo_run.read_as)} plaatsnamen uit de interviews waren anders gespeld dan de buurt" in cover
    assert "Kijk in gelezen_als.csv of dat klopt." in cover


def test_the_index_cover_says_one_segment_on_no_sheet_in_the_singular(hengelo, hengelo_run):
    # Review S: "1 fragment uit de interviews staan op geen blad".
    import spoken

    from buurtdata.outputs import handout_index

    book = handout._Book.collect(hengelo, hengelo_run)
    book.unplaced = 1
    figure = handout_index._cover(book, "Hengelo", "", 3, 0)
    cover = " ".join(" ".join(text.get_text() for text in figure.texts).split())
    assert "1 fragment uit de interviews staat op geen blad van een buurt: alleen zijn wijk is bekend" in cover
    assert not spoken.verb_agreement(cover)


def test_pdf_is_reproducible(hengelo, hengelo_run, tmp_path):
    first = handout.make_handouts(hengelo, tmp_path / "a", result=hengelo_run, buurten=["BU01640604"], progress=False)
    again = handout.make_handouts(hengelo, tmp_path / "b", result=hengelo_run, buurten=["BU01640604"], progress=False)
    for one, two in zip(first, again, strict=True):
        assert one.read_bytes() == two.read_bytes(), one.name


def test_cli_writes_handouts_and_the_list_of_segments_on_no_sheet(hengelo_run, tmp_path, capsys):
    code = cli.main(
        [
            "handouts",
            "--project",
            str(datasets.get_path("hengelo")),
            "--out",
            str(tmp_path),
            "--buurt",
            "BU01640000",
            "--no-png",
        ]
    )
    assert code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "BU01640000_binnenstad_centrum.pdf",
        "gelezen_als.csv",
        "index.html",
        "index.pdf",
        "niet_geplaatste_fragmenten.csv",
    ]
    assert "index.html" in capsys.readouterr().out
    # The sample publishes quotes: a handouts build says how many (sweep 14 F7), read before the database closed.
    from buurtdata.outputs.build import build

    said: list[str] = []
    build(
        datasets.get_path("hengelo"),
        tmp_path / "b",
        handout_buurten=["BU01640000"],
        handout_png=False,
        handouts_only=True,
        say=said.append,
    )
    assert any(re.search(r"quotes: \d+ of \d+ consenting, placed segment\(s\) published", line) for line in said)
    # The list the index's cover names, as a report writes it: same columns, every unplaced segment.
    listed = excel_files.read(tmp_path / "niet_geplaatste_fragmenten.csv", dtype=str)
    columns = list(hengelo_run.unplaced.columns)
    assert list(listed.columns) == [
        *columns[: columns.index("reason") + 1],
        "uitleg",
        "herstel",
        *columns[columns.index("reason") + 1 :],
    ]
    assert sorted(listed["segment_id"]) == sorted(hengelo_run.unplaced["segment_id"].astype(str))
    # The privacy audit reads it before the folder is published, as it reads a report's.
    with (tmp_path / "niet_geplaatste_fragmenten.csv").open("a", encoding="utf-8") as handle:
        handle.write("x;R-0123456789\r\n")
    assert audit.audit(tmp_path) == ["niet_geplaatste_fragmenten.csv: holds a respondent pseudonym (R-0123456789)"]


def test_the_python_api_writes_the_list_of_segments_on_no_sheet_as_the_cli_does(written, hengelo_run):
    # The index's cover and the pipeline's warning name the list, whichever way the handouts were made.
    (listed,) = [path for path in written if path.name == "niet_geplaatste_fragmenten.csv"]
    frame = excel_files.read(listed, dtype=str)
    assert "uitleg" in frame.columns
    assert sorted(frame["segment_id"]) == sorted(hengelo_run.unplaced["segment_id"].astype(str))
    assert len(hengelo_run.unplaced) > 0


def test_unknown_buurt_is_refused(hengelo, hengelo_run, tmp_path):
    with pytest.raises(ValueError, match="BU99999999"):
        handout.make_handouts(hengelo, tmp_path, result=hengelo_run, buurten=["BU99999999"], progress=False)


def test_approved_quotes_from_the_quotes_mart_are_printed(hengelo, hengelo_run, tmp_path):
    # The sample opts in to publishing quotes ([privacy] publish_quotes): buurt_quotes holds only
    # consenting, scrubbed quotes of groups of at least k respondents.
    theme, role, quote = hengelo_run.con.execute(
        "select theme, role, quote from buurt_quotes where code = 'BU01640501' order by theme, role, quote"
    ).fetchall()[0]
    paths = handout.make_handouts(
        hengelo, tmp_path, result=hengelo_run, buurten=["BU01640501"], png=False, progress=False
    )
    # A quote the first page has no room for is on the second.
    text = " ".join(" ".join(page.extract_text() for page in pypdf.PdfReader(paths[0]).pages).split())
    # The role only where the roles of the group are shown (buurt_quotes, handout._speaker).
    assert " ".join(f"“{quote}” ({f'{role}, ' if role else ''}over {theme})".split()) in text


def test_a_crowded_handout_moves_questions_to_a_second_page_instead_of_off_the_page(hengelo, hengelo_run):
    book = handout._Book.collect(hengelo, hengelo_run)
    sheet = book.handout("BU01640501")
    long_question = "Herkent u dat? " * 40
    crowded = replace(sheet, questions=[f"{n} {long_question}" for n in range(5)], overflow=[])
    first, second = book.draw_pages(crowded)
    texts = [text.get_text() for text in first.texts]
    assert any("nog " in text and "zie blad 2" in text for text in texts)
    assert any(text.startswith("Over deze cijfers") for text in texts)
    later = " ".join(text.get_text() for text in second.texts)
    assert "4 Herkent u dat?" in later and "Wat zegt de buurt?" in later


def test_a_place_without_residents_gets_a_sheet_about_the_place_or_is_listed_as_left_out(
    hengelo, hengelo_run, tmp_path
):
    book = handout._Book.collect(hengelo, hengelo_run)
    place = book.handout("BU01640705")  # Bedrijventerrein Westermaat-Noordoost: 0 inwoners
    assert place.kind == "plek" and place.questions == [] and place.themes == []
    text = " ".join(t.get_text() for t in book.draw(place).texts)
    assert "Over de plek" in text and "Buurtgesprek" not in text
    quiet = replace(hengelo, sparse_handout="weglaten")
    paths = handout.make_handouts(
        quiet, tmp_path, result=hengelo_run, buurten=["BU01640705", "BU01640501"], png=False, progress=False
    )
    assert not any(p.name.startswith("BU01640705") for p in paths)
    assert "weggelaten: minder dan 50 inwoners" in (tmp_path / "index.html").read_text(encoding="utf-8")
    contents = " ".join(page.extract_text() for page in pypdf.PdfReader(tmp_path / "index.pdf").pages)
    assert "Inhoud per wijk" in contents and "weggelaten" in contents


@pytest.mark.parametrize("code", ["BU01640500", "BU01640705"])  # 5 inwoners; none
def test_a_place_shows_the_count_of_a_figure_too_small_to_give_per_1000_inwoners(hengelo, hengelo_run, code):
    # User test: a place of 25 inwoners showed 'te klein' for its bedrijfsvestigingen, which CBS counts.
    book = handout._Book.collect(hengelo, hengelo_run)
    place = book.handout(code)
    row = place.figures.set_index("indicator").loc["bedrijfsvestigingen"]
    published = dict(
        hengelo_run.con.execute(
            "select code, value from observations where indicator = 'bedrijfsvestigingen' and year = 2024 "
            "and code in (?, 'GM0164', 'NL00')",
            [code],
        ).fetchall()
    )
    said = [f"{value:,.0f}".replace(",", ".") for value in (published[code], published["GM0164"], published["NL00"])]
    assert [row.value_text, row.gemeente_text, row.nl_text] == said and (row.unit, row.status) == ("aantal", "waarde")
    _, note = handout_table.table(place, hengelo)
    printed = [t.get_text() for t in book.draw(place).texts]
    assert set(said) <= set(printed)
    # No rate is left on the sheet to say 'per 1.000 inwoners' of; the buurten around it still have theirs.
    assert "per 1.000 inwoners" not in " ".join(note) and "per 1.000 inwoners" not in " ".join(printed)
    buurt = book.handout("BU01640203").figures.set_index("indicator").loc["bedrijfsvestigingen"]
    assert buurt.unit == "per 1.000 inwoners" and buurt.status == "waarde"


def test_a_handout_prints_at_most_one_quote_per_respondent(hengelo_run):
    """User test: rows ``r01`` and ``R01 `` (one person once normalised) gave one handout two of their quotes, in
    two themes; together they make the person easier to recognise. The pseudonyms are equal after normalising,
    so the quotes mart keeps one per respondent and buurt."""
    con = hengelo_run.con
    speakers = con.sql(
        "select code, respondent, count(*) as quotes from buurt_quotes "
        "join stg_segments on stg_segments.buurt_code = buurt_quotes.code "
        "and stg_segments.theme = buurt_quotes.theme and stg_segments.quote = buurt_quotes.quote "
        "group by code, respondent"
    ).df()
    assert len(speakers) and speakers["quotes"].max() == 1, speakers.sort_values("quotes").tail()
    # The sample has people quotable in two themes of one buurt: the rule is tested, not vacuous.
    several = con.sql(
        "select count(*) from (select buurt_code, respondent from stg_segments where consent and quote is not null "
        "group by buurt_code, respondent having count(distinct theme) > 1)"
    ).fetchall()[0][0]
    assert several


def test_places_read_as_a_buurt_spelt_almost_alike_are_listed(hengelo_run, tmp_path):
    # User test K: 'Stationbuurt' was placed in Stationsbuurt without a word outside the notebooks. The sample spells
    # some buurten wrong on purpose; each place as written is listed once, with the buurt it was read as.
    from buurtdata.outputs._unplaced import READ_AS, write_unplaced

    told: dict[str, str] = {}
    write_unplaced(hengelo_run, tmp_path / "niet_geplaatste_fragmenten.csv", lambda p, w: told.update({p.name: w}), str)
    read = excel_files.read(tmp_path / READ_AS, dtype={"segments": int})
    assert list(read.columns) == ["location_raw", "buurt_code", "name", "reason", "segments", "uitleg"]
    row = read.set_index("location_raw").loc["nijverhijd"]
    assert (row["buurt_code"], row["name"]) == ("BU01640604", "Nijverheid")
    assert row["uitleg"] == "gelezen als buurt Nijverheid: klopt dat?"
    assert read["location_raw"].is_unique and read["reason"].str.contains(" read as buurt ").all()
    placed = hengelo_run.con.sql(
        "select count(*) from stg_segments where buurt_code is not null and reason like '%, similarity %'"
    ).fetchall()[0][0]
    assert read["segments"].sum() == placed > 0
    assert told[READ_AS].startswith(f"{len(read)} places read as a buurt they are spelt almost like")


def test_the_notes_under_every_sample_table_read_aloud(hengelo, hengelo_run):
    """User test T: ‘geheim’: geen (betrouwbaar) cijfer' was read "geen betrouwbaar cijfer" or left a guess;
    the brackets are gone, and every note under a table keeps the rules of spoken Dutch."""
    notes = {sheet.code: handout_table.table(sheet, hengelo)[1] for sheet in handout.handout_data(hengelo, hengelo_run)}
    said = [(code, line) for code, lines in notes.items() for line in lines]
    assert any(": geen cijfer, of geen betrouwbaar cijfer." in line for _, line in said)
    found = spoken.report(said, sentences=False)
    assert not found, "\n".join(found[:10])
