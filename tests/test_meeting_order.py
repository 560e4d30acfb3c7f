"""The report's page of questions asks a buurt's questions in the handout's order (one rule, _meeting_order)."""

import html
import re

import pandas as pd

from buurtdata.outputs import handout, report
from buurtdata.outputs._meeting_order import meeting_order
from buurtdata.pipeline import link

#: In the sample, themes nobody raised there ('verschil': figures point) come before themes people named
#: ('Jongeren', 'Veiligheid') in link.signals' meeting order.
BUURT = "BU01640203"


def _page_questions(page, code):
    text = page.read_text(encoding="utf-8")
    section = text.split(f'<h3 id="{code}">', 1)[1].split("</ol>", 1)[0]
    return [html.unescape(item).strip() for item in re.findall(r"<li>(.*?) <small>", section, re.DOTALL)]


def test_the_questions_page_asks_the_themes_people_named_first_as_the_handout_does(hengelo, hengelo_run, tmp_path):
    signals = link.signals(hengelo_run.con)
    signals = signals[(signals["code"] == BUURT) & (signals["signal"] != "geen signaal")]
    ordered = meeting_order(signals)
    # The case this test is about: the rule changes the order link.signals gives.
    assert ordered["question"].tolist() != signals["question"].tolist()
    assert ordered["stories"].iloc[0] == "genoemd" and signals["stories"].iloc[0] == "niet genoemd"

    (page,) = report.write_questions_page(hengelo_run.con, hengelo, tmp_path / report.QUESTIONS_PAGE)
    asked = _page_questions(page, BUURT)
    assert asked == ordered["question"].tolist()
    # The sheet's questions (its first page, its second, those left to the report) keep that order on the page.
    sheet = handout._Book.collect(hengelo, hengelo_run).handout(BUURT)
    for printed in (sheet.questions + sheet.overflow, sheet.other_questions):
        assert [question for question in asked if question in printed] == printed
    assert asked[0] == sheet.questions[0]


def test_without_stories_the_meeting_order_is_kept():
    # A page of questions of made-up signals (tests elsewhere) or a project without interviews has no 'stories'.
    frame = pd.DataFrame({"code": ["BU1", "BU1"], "question": ["a?", "b?"]})
    assert meeting_order(frame)["question"].tolist() == ["a?", "b?"]
