"""A surname as a transcript or a list writes it, for :mod:`.scrub` (sweep12 F10; all FICTIEF examples): a speaker's
label (``Hulshof: Ja, het is hier eenzaam.``; ``Gerda:`` and ``G. Hulshof:`` the name rules read) and a surname before
a comma and the first name or initials (``Bakker, H.``, ``Hulshof, Gerda``, ``Van den Berg, J.``), as in lists.

A surname alone says little: many listed surnames are Dutch words (``Post``, ``Groot``, ``Tip``, ``Schimmel``), so a
label is read only where a speaker's label stands (at the start of the text or a line, or after a sentence's end),
before a spoken answer's first word (``Ja``, ``Nee``, ``Nou``, ``Ik``) or in a text with another speaker's label
(``I:``, ``Interviewer:``; not ``NB:``, ``PS:``) outside the answering one's turn (``R: Slager: weg. Bakker: ook
weg.`` lists topics: review 12b F4), and only for a listed surname that is no ordinary word of Deduce's, no place or
organisation and none of :data:`_LABEL_WORDS` or, without a tussenvoegsel, :data:`_TOPIC_WORDS`; a surname before a
comma only with a listed first name or initials after the comma. ``Schimmel: één lijst`` (a topic) stays.
"""

from __future__ import annotations

import re

from buurtdata.gemeente_lookup import fold
from buurtdata.sources.interviews.person_parts import TUSSENVOEGSELS, first_name, surname
from buurtdata.sources.interviews.person_words import lists

_CAP = r"[A-ZÀ-ÖØ-Þ][^\W\d_]++(?:['’-][^\W\d_]++)*+"
_PARTICLES = r"(?:(?:[Vv]an|[Dd]e[nr]?|[Tt]e[nr]|'[tT]|[Ee]l|[Aa]l)[^\S\n]++){0,3}"
#: A surname where a speaker's label stands (a sentence ends after a word in lower case, a digit or a bracket: not
#: after an initial, G. Hulshof:), and the colon after it.
_LABEL = re.compile(
    rf"""(?:^|(?<=\n)|(?<=[a-zà-ÿ\d)\]"'”][.!?])[^\S\n]++)(?P<label>{_PARTICLES}{_CAP})[^\S\n]*+:(?=[^\S\n]|$)""", re.M
)
#: A surname, a comma, and a first name or initials: Bakker, H. / Hulshof, Gerda / Van den Berg, J.P.
_SURNAME_FIRST = re.compile(
    rf"(?<![\w'’.-])(?P<surname>{_PARTICLES}{_CAP}),[^\S\n]*+"
    rf"(?:(?P<initials>(?:[A-ZÀ-ÖØ-Þ]\.[^\S\n]?){{1,4}})|(?P<first>{_CAP})(?![\w'’-]))"
)
#: Words of a note or list that may open a line before a colon and are listed surnames (Tip: bel de wijkagent).
_LABEL_WORDS = frozenset("tip post wens groot klein lang kort hof dam brand winter zomer".split())
#: What says the label is a speaker's, not a topic's (Schimmel: één lijst, a listed surname and a word): the words a
#: spoken answer opens with after it, or another speaker's label in the text (I:, R2:, Interviewer:).
_ANSWER = re.compile(
    r"[^\S\n]++(?:Ja|Nee|Nou|Tja|Eh|Ehm|Uh|Uhm|Hm|Jawel|Jazeker|Klopt|Precies|Inderdaad|Ik|Wij|We)(?![\w'’-])"
)
#: Labels of a note, not a speaker (NB: and PS: open a remark in any text).
_SPEAKER = re.compile(
    r"(?:^|[\n.!?][^\S\n]*+)(?!(?:NB|PS)[^\S\n]*+:)"
    r"(?P<speaker>[A-Z]{1,2}\d{0,3}|(?i:interviewer|respondent|geïnterviewde|vraag|antwoord))[^\S\n]*+:"
)
#: The speaker labels of the one answering, in whose turn a word before a colon is a topic of the answer (R: Slager:
#: weg. Bakker: ook weg.), not the next speaker.
_ANSWERING = re.compile(r"[RA]\d{0,3}|(?i:respondent|geïnterviewde|antwoord)")
#: Listed surnames that, alone before a colon (no tussenvoegsel: Van Dijk: and De Jong: are names), are a topic or
#: list item far more often than a speaker (review 12b F4: Slager: Nee, weg. / Haven: Ja / Winkels: Nou, weinig.).
_TOPIC_WORDS = frozenset("slager haven dijk jong winkels buren".split())


def labelled_names(text: str, places: frozenset[str] = frozenset()) -> str:
    """``text`` with a surname as speaker's label or before a comma and a first name replaced by ``[naam]`` (see
    the module).

    >>> labelled_names("Hulshof: Ja, het is hier eenzaam."), labelled_names("Bakker, H. en Hulshof, Gerda")
    ('[naam]: Ja, het is hier eenzaam.', '[naam] en [naam]')
    >>> labelled_names("Tip: bel de wijkagent."), labelled_names("Schimmel: één lijst")
    ('Tip: bel de wijkagent.', 'Schimmel: één lijst')
    >>> labelled_names("Hengelo, Enschede")
    'Hengelo, Enschede'
    >>> labelled_names("Slager: Nee, weg."), labelled_names("I: Wat mist u? R: Slager: weg. Bakker: ook weg.")
    ('Slager: Nee, weg.', 'I: Wat mist u? R: Slager: weg. Bakker: ook weg.')
    """
    if ":" in text:
        speakers = [(m.end(), bool(_ANSWERING.fullmatch(m["speaker"]))) for m in _SPEAKER.finditer(text)]
        text = _LABEL.sub(lambda m: _replaced(m, "label", _label_end(m, speakers), places), text)
    if "," in text:
        text = _SURNAME_FIRST.sub(lambda m: _replaced(m, "surname", _first_end(m), places), text)
    return text


def _replaced(match: re.Match[str], group: str, end: int, places: frozenset[str]) -> str:
    """The match with the surname in ``group`` (and to ``end``) as ``[naam]``, or as it was when that is none."""
    if not end or not _a_surname(match[group], places):
        return match[0]
    return match[0][: match.start(group) - match.start()] + "[naam]" + match[0][end - match.start() :]


def _label_end(match: re.Match[str], speakers: list[tuple[int, bool]]) -> int:
    """Where the label ends when it is a speaker's (see :data:`_ANSWER`); 0 when it may be a topic's. ``speakers``:
    where each speaker label of the text ends and whether it is the one answering's: a label in that one's turn
    (after R: and before the next speaker) is a topic of the answer unless an answer's first word follows it."""
    if _ANSWER.match(match.string, match.end()):
        return match.end("label")
    before = [answering for end, answering in speakers if end <= match.start()]
    if speakers and not (before and before[-1]):
        return match.end("label")  # I: Hoe gaat het? Hulshof: Het gaat wel. / Hulshof: ... I: ...
    return 0


def _first_end(match: re.Match[str]) -> int:
    """Where the first name or initials after the comma end; 0 when the word there is no listed first name."""
    if match["initials"] is not None:
        return match.start("initials") + len(match["initials"].rstrip())
    return match.end("first") if first_name(match["first"]) else 0


def _a_surname(words: str, places: frozenset[str]) -> bool:
    """Whether ``words`` (tussenvoegsels and a capitalised word) are a listed surname and no word, place or
    organisation."""
    last = words.split()[-1]
    folded = last.casefold()
    listed = lists()
    if folded in TUSSENVOEGSELS or folded in _LABEL_WORDS or folded in listed.not_names:
        return False
    if words == last and folded in _TOPIC_WORDS:
        return False
    if any(fold(w) in places or fold(w) in listed.places or fold(w) in listed.organisations for w in (words, last)):
        return False
    return surname(last) and not first_name(last)
