"""Handouts: every printed number equals the mart; privacy and the fictional label hold on paper."""

from dataclasses import replace

import pypdf
import pytest

from buurtdata import cli, datasets, handout

#: Buurten with shown themes, a secret figure, and a rate too small to compute.
PRINTED = ["BU01640501", "BU01640203", "BU01640000"]


@pytest.fixture(scope="module")
def written(hengelo, hengelo_run, tmp_path_factory):
    out = tmp_path_factory.mktemp("handouts")
    return handout.make_handouts(hengelo, out, result=hengelo_run, buurten=PRINTED, png=False, progress=False)


def _text(written, code):
    pdf = next(path for path in written if path.name.startswith(code))
    reader = pypdf.PdfReader(pdf)
    assert len(reader.pages) == 1
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    return reader.pages[0].extract_text()


def _number(text):
    return float(text.replace(".", "").replace(",", "."))


@pytest.mark.parametrize("code", PRINTED)
def test_every_key_figure_on_paper_equals_the_mart(written, hengelo_run, code):
    text = _text(written, code)
    rows = hengelo_run.con.execute(
        "select value, value_tekst, status, gemeente_tekst, gemeente_status, nl_tekst, nl_status, index as idx, index_tekst, "
        "direction, decimals from buurt_comparison where buurt_code = ? and in_profile order by position",
        [code],
    ).df()
    lines = text.splitlines()
    for row in rows.itertuples():
        cells = [
            row.value_tekst if row.status == "waarde" else handout._STATUS_TEXT[row.status],
            row.gemeente_tekst if row.gemeente_status == "waarde" else handout._STATUS_TEXT[row.gemeente_status],
            row.nl_tekst if row.nl_status == "waarde" else handout._STATUS_TEXT[row.nl_status],
            row.index_tekst + {"hoger": " ▲", "lager": " ▼"}.get(row.direction, "") if isinstance(row.index_tekst, str) else "–",
        ]
        assert " ".join(cells) in lines, (code, cells)
        # The printed text is the mart's value, rounded to the indicator's decimals.
        if row.status == "waarde":
            assert _number(row.value_tekst) == pytest.approx(round(row.value, row.decimals))
        if isinstance(row.index_tekst, str):
            assert _number(row.index_tekst) == pytest.approx(round(row.idx))


@pytest.mark.parametrize("code", PRINTED)
def test_theme_counts_on_paper_equal_the_mart_and_respect_k(written, hengelo_run, hengelo, code):
    text = " ".join(_text(written, code).split())
    themes = hengelo_run.con.execute("select theme, status, respondents from buurt_themes where buurt_code = ?", [code]).df()
    for row in themes.itertuples():
        if row.status == "getoond":
            assert f"{row.theme}: {row.respondents} personen" in text
        else:
            assert f"{row.theme}: " not in text
    shown = hengelo_run.con.execute(
        "select theme, role, respondents from buurt_theme_roles where buurt_code = ? and status = 'getoond'", [code]
    ).fetchall()
    for _theme, role, respondents in shown:
        assert respondents >= hengelo.privacy_threshold and f"{role} {respondents}" in text


@pytest.mark.parametrize("code", PRINTED)
def test_questions_sources_and_fictional_label_are_printed(written, hengelo_run, hengelo, code):
    text = " ".join(_text(written, code).split())
    questions = hengelo_run.con.execute(
        "select vraag from buurt_signals where buurt_code = ? and signal <> 'geen signaal'", [code]
    ).fetchall()
    printed = [q for (q,) in questions if " ".join(q.split()) in text]
    assert len(printed) == min(len(questions), handout.MAX_QUESTIONS)
    assert "FICTIEF" in text and hengelo.interviews.label in text
    assert "Bron: CBS, Kerncijfers wijken en buurten 2024 (85984NED)" in text
    assert "Warme duiding" in text and "nooit een oordeel over mensen" in text


def test_every_buurt_gets_a_handout_that_fits(hengelo, hengelo_run):
    """All 62 buurten, without drawing (quick); the demo draws them all."""
    sheets = handout.handout_data(hengelo, hengelo_run)
    assert len(sheets) == 62
    for sheet in sheets:
        assert len(sheet.figures) == len(hengelo.profile_indicators)
        assert len(sheet.questions) <= handout.MAX_QUESTIONS
        assert not any(": 1 " in theme or ": 2 " in theme for theme in sheet.themes)


def test_index_page_links_every_handout(written):
    index = written[-1]
    page = index.read_text(encoding="utf-8")
    assert index.name == "index.html"
    for path in written[:-1]:
        assert f'href="{path.name}"' in page
    assert "Bron: CBS" in page and "Fictieve interviews" in page


def test_pdf_is_reproducible(hengelo, hengelo_run, tmp_path):
    first = handout.make_handouts(hengelo, tmp_path / "a", result=hengelo_run, buurten=["BU01640604"], progress=False)
    again = handout.make_handouts(hengelo, tmp_path / "b", result=hengelo_run, buurten=["BU01640604"], progress=False)
    for one, two in zip(first, again, strict=True):
        assert one.read_bytes() == two.read_bytes(), one.name


def test_cli_writes_handouts(tmp_path, capsys):
    code = cli.main([
        "handouts", "--project", str(datasets.get_path("hengelo")), "--out", str(tmp_path),
        "--buurt", "BU01640000", "--no-png",
    ])
    assert code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["BU01640000_binnenstad_centrum.pdf", "index.html"]
    assert "index.html" in capsys.readouterr().out


def test_unknown_buurt_is_refused(hengelo, hengelo_run, tmp_path):
    with pytest.raises(ValueError, match="BU99999999"):
        handout.make_handouts(hengelo, tmp_path, result=hengelo_run, buurten=["BU99999999"], progress=False)


def test_approved_quotes_are_printed_when_the_quotes_mart_exists(hengelo, key, tmp_path):
    from buurtdata import pipeline

    result = pipeline.run(hengelo, key=key)
    result.con.execute(
        "create table buurt_quotes as select 'BU01640501' as buurt_code, 'Eenzaamheid' as theme, 'bewoner' as role, "
        "'Na vijven is het hier stil op straat.' as quote, 'Fictieve interviews' as interviews"
    )
    paths = handout.make_handouts(hengelo, tmp_path, result=result, buurten=["BU01640501"], png=False, progress=False)
    text = " ".join(pypdf.PdfReader(paths[0]).pages[0].extract_text().split())
    assert "“Na vijven is het hier stil op straat.” (bewoner, over eenzaamheid)" in text


def test_a_crowded_handout_moves_questions_to_the_table_instead_of_off_the_page(hengelo, hengelo_run):
    book = handout._Book.collect(hengelo, hengelo_run)
    sheet = book.handout("BU01640501")
    long_question = "Herkent u dat? " * 40
    crowded = replace(sheet, questions=[long_question] * 5, more_questions=0)
    figure = book.draw(crowded)
    texts = [text.get_text() for text in figure.texts]
    assert any("nog " in text and "buurt_signals" in text for text in texts)
    assert any(text.startswith("Warme duiding") for text in texts)
