"""A person's name between brackets, for :mod:`.scrub` (sweep12 F9; all FICTIEF examples): a transcriber's
clarification or speaker tag (``Hij [Henk] zei``, ``Ik heb [Henk Bakker] gebeld``, ``[Gerda] Ja, ...``, ``Hij (Henk)
zei``, ``(Gerda Hulshof) Ja.``, ``De buurman [Henk Bakker, nr 12] klaagt``).

The name rules read a name by what stands around it (a verb after it, a title before it); a closing bracket stands
between the name and that context, so they found none. Here a listed first name, alone or with the capitalised
words (and tussenvoegsels) of its surname after it, that opens what the brackets hold and is all of it (or all before
a comma) is a name whatever follows; so is initials and a surname (``[G. Hulshof]``) and a listed surname alone right
after a pronoun, title or relative (``Hij [Bakker] zei``, ``De man (Bakker) zei``). Anything else between brackets
is read by the other rules as the rest of the text is (``[interviewer: zie ook Henk Bakker]``). Kept: buurtdata's
own placeholders (``[naam]``, ``[telefoon]``), words in lower case or capitals (``[lacht]``, ``[onverstaanbaar]``,
``(FICTIEF)``, ``(2x)``), a place the project passes or Deduce lists and a known organisation (``(De Brand)``,
``(Welbions)``), and ordinary words (``(Let op)``).
"""

from __future__ import annotations

import re

from buurtdata.gemeente_lookup import fold
from buurtdata.sources.interviews.person_parts import TUSSENVOEGSELS, first_name, surname
from buurtdata.sources.interviews.person_words import lists

#: What brackets hold: up to 80 characters on one line, no bracket inside (a placeholder inside is read on its own).
_BRACKETED = re.compile(r"\[(?P<square>[^\[\]()\n]{1,80})\]|\((?P<round>[^\[\]()\n]{1,80})\)")
#: A name's words: capitalised (Henk, Hulshof, El-Amrani, O'Neill) or a tussenvoegsel, up to 5 in all.
_WORD = re.compile(r"[A-ZÀ-ÖØ-Þ]\.|[^\W\d_][\w'’-]*")
#: The pronouns, titles and relatives a bracketed surname alone follows (Hij [Bakker] zei, zij (Jansen) belde, De man
#: (Bakker) zei, mijn buurvrouw [De Jong]).
_PRONOUN = re.compile(
    r"(?<![\w'’])(?i:hij|zij|ze|die|hem|haar|hun|zijn|man|vrouw|meneer|mevrouw|buurman|buurvrouw|overbuurman"
    r"|overbuurvrouw|zoon|dochter|vader|moeder|broer|zus|oom|tante|opa|oma)[^\S\n]*$"
)


def bracketed_names(text: str, places: frozenset[str] = frozenset()) -> str:
    """``text`` with each name between brackets replaced (see the module): square brackets that hold the name alone
    become the placeholder (``[Henk]`` -> ``[naam]``), round ones keep theirs (``(Henk)`` -> ``([naam])``), and what
    follows a comma stays for the other rules (``[Henk Bakker, nr 12]`` -> ``[[naam], nr 12]``).

    >>> bracketed_names("Hij [Henk] zei het. (Gerda Hulshof) Ja."), bracketed_names("Ja [lacht] (bij de kerk).")
    ('Hij [naam] zei het. ([naam]) Ja.', 'Ja [lacht] (bij de kerk).')
    """
    if "[" not in text and "(" not in text:
        return text
    out, at = [], 0
    for found in _BRACKETED.finditer(text):
        inner = "square" if found["square"] is not None else "round"
        start, end = found.span(inner)
        name_end = _name_end(text, start, end, places)
        if name_end is None:
            continue
        whole = not text[name_end:end].strip()
        if whole and inner == "square":
            out += [text[at : found.start()], "[naam]"]
            at = found.end()
        else:
            lead = len(text[start:end]) - len(text[start:end].lstrip())
            out += [text[at : start + lead], "[naam]"]
            at = name_end
    return "".join(out) + text[at:] if out else text


def _name_end(text: str, start: int, end: int, places: frozenset[str]) -> int | None:
    """Where the name that the bracketed ``text[start:end]`` opens with ends, when it holds one before its end or a
    comma; else None."""
    held = text[start:end]
    comma = held.find(",")
    part = held if comma < 0 else held[:comma]
    words = list(_WORD.finditer(part))
    if not words or len(words) > 5 or _WORD.sub("", part).strip():
        return None  # more than a name's words (a number, a colon, a question)
    names = [w[0] for w in words]
    if not _capitalised(names[0]) or fold(" ".join(names)) in places or fold(names[0]) in places:
        return None
    listed = lists()
    if any(f in listed.places or f in listed.organisations for f in (fold(" ".join(names)), fold(names[0]))):
        return None
    rest = names[1:]
    if any(not (_capitalised(n) or n.casefold() in TUSSENVOEGSELS) for n in rest):
        return None  # Henk zegt, Gerda ja: words in lower case after the name say more than a name
    if rest and rest[-1].casefold() in TUSSENVOEGSELS:
        return None
    initials = [n for n in names if n.endswith(".")]
    if initials:
        # G. Hulshof, J.P. de Vries: initials, then a listed surname.
        if names[: len(initials)] != initials or not rest or not surname(names[-1]):
            return None
    elif not first_name(names[0]):
        # A listed surname alone after a pronoun or relative (Hij [Bakker] zei, De man (De Jong) zei); another word
        # alone is kept (Hij (Welbions) zei), and so is a surname elsewhere (Dat zei (Bakker) ook, (De Brand)).
        particles = [n for n in names[:-1] if n.casefold() in TUSSENVOEGSELS]
        if (
            len(particles) != len(rest)
            or not surname(names[-1])
            or names[-1].casefold() in listed.not_names
            or not _PRONOUN.search(text, 0, start - 1)
        ):
            return None
    return start + words[-1].end()


def _capitalised(word: str) -> bool:
    """A capital and then a letter in lower case (Henk, El-Amrani, G.), not a word in capitals (FICTIEF)."""
    return word[:1].isupper() and (len(word) == 2 and word[1] == "." or any(c.islower() for c in word[1:]))
