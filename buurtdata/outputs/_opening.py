"""A buurt's questions that all open with the same sentence say it once, above them.

Read aloud one after another, four questions that each start "In deze ronde hebben we met niemand uit deze buurt
gesproken." sound like a machine (user test T, left then): a wijkwerker says it once and asks the questions. The
questions themselves stay whole in the database, the explorer and the handout's data; only what is printed or shown
as a list (the handout's pages, the report's page of questions) says the opening once.
"""

from __future__ import annotations

import re

#: The opening of pipelines/seeds/vragen.csv's question ``alleen_cijfers_niemand``: a sheet that has just said nobody of
#: the buurt was heard (:func:`.handout_blocks.nothing_named`) does not say it again (tests/test_handout_questions.py
#: keeps it the seed's).
NOBODY_HEARD = "In deze ronde hebben we met niemand uit deze buurt gesproken."
#: The opening of the question ``alleen_cijfers``: a sheet that has just said too few people of the buurt were heard
#: to show anything per theme (:func:`.handout_blocks.nothing_named`; user test V) does not say it again.
FEW_HEARD = "We hebben in deze buurt nog met te weinig mensen gesproken."

#: The first sentence of a question: up to a full stop, question or exclamation mark followed by a space and a
#: capital (a figure's "1.365" and an abbreviation's "(O.)" inside a sentence are followed by no capital).
_FIRST_SENTENCE = re.compile(r"(.+?[.!?])\s+(?=[A-ZÀ-Ý‘“'\"])", re.DOTALL)


def shared_opening(questions: list[str]) -> str:
    """The sentence every one of two or more ``questions`` opens with, when there is one and each asks more than it;
    else "".

    >>> niemand = "In deze ronde hebben we met niemand uit deze buurt gesproken."
    >>> shared_opening([f"{niemand} De cijfers wijken af van Hengelo: a. Wat merkt u?", f"{niemand} En b?"])
    'In deze ronde hebben we met niemand uit deze buurt gesproken.'
    >>> shared_opening([f"{niemand} Wat merkt u?"])  # one question keeps its opening
    ''
    >>> shared_opening(["De cijfers wijken af: 1.365 inwoners. Herkent u dat?", "De cijfers wijken af: 7 %. En u?"])
    ''
    """
    opening = _opens(questions[0]) if len(questions) > 1 else ""
    return opening if opening and all(_opens(q) == opening for q in questions[1:]) else ""


def without(opening: str, question: str) -> str:
    """``question`` without ``opening`` (as :func:`shared_opening` found it), or whole when it does not open with it.

    >>> without("Niemand gesproken.", "Niemand gesproken. Wat merkt u?"), without("", "Wat merkt u?")
    ('Wat merkt u?', 'Wat merkt u?')
    """
    if opening and question.startswith(opening):
        return question[len(opening) :].lstrip()
    return question


def _opens(question: str) -> str:
    """The first sentence of ``question`` (see :data:`_FIRST_SENTENCE`)."""
    found = _FIRST_SENTENCE.match(question)
    return found.group(1) if found else ""
