"""Rules for Dutch that people read aloud: the texts of handouts, maps, questions and plans at a resident meeting.

A good wijkwerker says "17.942.942 inwoners", "1 persoon", "2 mensen", never "17942942", "gemiddelde_woz",
"nan" or "x 1 000". Each rule is a function ``rule(text) -> list[str]`` (one line per problem, quoting the
text found); :func:`problems` applies them all. No pytest here: any test (or script) can apply the rules to
any text, and ``tests/test_spoken.py`` holds each rule's own good and bad examples.

What a rule cannot know is written in its docstring as an exception. Two rules look at a whole page rather
than a line and are left out of :func:`problems` unless asked: :func:`sentence_length` (a PDF's text breaks
sentences over lines and tables have no full stops) and :func:`cbs_source` (a single question shows no figure).
Seven hold for some texts only and are applied by the tests of those: :func:`bare_infinitive`,
:func:`mixed_address` and :func:`place_letters` (the questions), :func:`statistics_words` (what residents read:
not the notebooks, which are the professional's),
:func:`file_names` (paper: handouts, printed maps, wall maps, plans), :func:`fictional_counts_called_real`
(pages of interview counts) and :func:`jargon` (what ``buurtdata nieuw`` writes).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

#: Ordinary or no-break space, as matplotlib and HTML print them.
_SPACE = "[ \u00a0\u202f]"

#: Units a number is said with; between them only a no-break space, so no line ends between number and unit.
UNITS = ("%", "euro", "inwoners", "jaar", "tot", "procent", "km²")

#: CBS's raw units as its tables write them: said differently to people.
RAW_UNITS = ("x 1 000", "x 1.000", "aantal inwoners per km²", "per km² land", "(1 000 euro)", "per 1 000 inwoners")

#: English or code words a reader of a Dutch sheet should not meet.
ENGLISH = ("respondents", "respondent", "segment", "segments", "indicator", "indicators", "theme", "themes", "missing")

#: Python and pandas values printed as text.
CODE_VALUES = ("None", "nan", "NaN", "NaT", "<NA>", "True", "False", "null", "inf")


def code_leftovers(text: str) -> list[str]:
    """Code printed as text: snake_case keys (``gemiddelde_woz``), ``None``/``nan``/``True``, ``{`` or ``}``.

    Exception: a file name or link (a word joined to ``.ext`` or ``/``, as the handout index lists
    ``BU01640501_berflo_es_noord.pdf``) is a name to find a file by, not a word said.
    """
    found = []
    for match in re.finditer(r"(?<![\w./-])[A-Za-z][a-z0-9]*(?:_[A-Za-z0-9]+)+(?![\w/-]|\.\w)", text):
        found.append(f"code key {match.group()!r}")
    for value in CODE_VALUES:
        found += [f"code value {value!r}" for _ in re.finditer(rf"(?<![\w<]){re.escape(value)}(?![\w>])", text)]
    found += [f"placeholder brace {brace!r}" for brace in "{}" if brace in text]
    return found


def english_leftovers(text: str) -> list[str]:
    """English or column words where a person reads: "respondents", "segment", "indicator", "theme".

    Exception: none; "segment" and "indicator" are Dutch words too, but at a meeting people say "stuk uit een
    gesprek" and "cijfer".
    """
    return [
        f"English or column word {match.group()!r}"
        for word in ENGLISH
        for match in re.finditer(rf"\b{word}\b", text, flags=re.IGNORECASE)
    ]


def dutch_numbers(text: str) -> list[str]:
    """Numbers written the Dutch way: decimal comma, thousands point ("17.942.942", "13,9").

    Wrong: ``17942942`` (five or more digits without points), ``17,942,942`` or ``1,500`` (English thousands),
    ``3.0`` or ``13.9`` (a decimal point).
    Exceptions: a code or table id whose digits touch letters (BU01640501, GM0164, 85984NED), a colour
    (#404040); four digits
    without a point (years, postcodes, "1500": Dutch may leave the point out there); a time ("19.30 uur");
    a date (30-11-2026); a version ("CC BY 4.0", "versie 2.1": the licence's and program's own name).
    """
    found = []
    # Digits not touching a letter, a digit group or another separator-digit pair.
    for match in re.finditer(r"(?<![\w.,#])\d[\d.,]*\d(?![\w]|[.,]\d)|(?<![\w.,#])\d(?![\w]|[.,]\d)", text):
        number = match.group()
        after = text[match.end() : match.end() + 4]
        if re.fullmatch(r"\d{1,2}\.\d\d", number) and after.strip().startswith("uur"):
            continue
        if re.search(r"(CC BY(-[A-Z-]+)?|versie) $", text[: match.start()]):
            continue
        if re.fullmatch(r"\d{5,}", number):
            found.append(f"number without thousands points {number!r}")
        elif re.fullmatch(r"[1-9]\d{0,2}(,\d{3})+", number):
            found.append(f"English thousands comma {number!r}")
        elif "." in number and not re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d+)?", number):
            found.append(f"decimal point or bad grouping {number!r}")
    return found


def number_with_unit(text: str) -> list[str]:
    """A number is never split from its unit: between them a no-break space, so no line ends in between.

    "12 %" or "250 euro" with an ordinary space may wrap as "12" / "%"; "12\\u00a0%" may not. As the
    questions test has said since it was written ("noemen 4 mensen" is a count in a sentence, not a unit).
    Exception: a line nothing wraps (a chart's one-line title, a table row): pass ``wrapped=False`` to
    :func:`problems`.
    """
    units = "|".join(re.escape(unit) for unit in UNITS)
    return [f"number split from its unit {match.group()!r}" for match in re.finditer(rf"\d (?:{units})(?![\w])", text)]


def agreement(text: str) -> list[str]:
    """Number agreement: "1 persoon", "2 mensen"; never "1 mensen", "3 persoon", "1 buurten", "2 vraag".

    Exception: "0" goes with the plural ("0 personen"), as Dutch says it.
    """
    singular = "persoon|buurt|vraag|gemeente|inwoner|wijk|keer"
    plural = "mensen|personen|buurten|vragen|gemeenten|inwoners|wijken"
    found = [f"one with a plural {m.group()!r}" for m in re.finditer(rf"(?<![\d.,])\b1{_SPACE}(?:{plural})\b", text)]
    found += [
        f"many with a singular {m.group()!r}"
        for m in re.finditer(rf"(?<![\d.,])\b(?:[02-9]|[1-9][\d.]+){_SPACE}(?:{singular})\b", text)
    ]
    return found


def raw_units(text: str) -> list[str]:
    """No CBS raw units ("x 1 000", "aantal inwoners per km²"): say "euro" and "inwoners per km²" as people do."""
    return [f"CBS raw unit {unit!r}" for unit in RAW_UNITS if unit.lower() in text.lower()]


def doubled(text: str) -> list[str]:
    """No doubled words ("de de") and no doubled spaces between words.

    Exceptions: "dat dat" and "die die" are good Dutch ("ze zei dat dat kon"); numbers may repeat (a table's
    row "4 4"); a word that ends one line and starts the next is a heading and its first line ("Inhoud per
    wijk" / "Wijk 01 ..."). Texts laid out in columns with spaces (the toekomstplan's PDF tables) are checked per cell,
    not per printed line.
    """
    found = [
        f"doubled word {m.group()!r}"
        for m in re.finditer(r"\b([^\W\d_]+)[ \u00a0]+\1\b", text, flags=re.IGNORECASE)
        if m.group(1).lower() not in {"dat", "die"}
    ]
    found += [f"doubled space in {m.group()!r}" for m in re.finditer(r"\S+ {2,}\S+", text)]
    return found


def sentence_length(text: str, limit: int = 25) -> list[str]:
    """Sentences of at most ``limit`` (25) words: a sentence is said in one breath.

    A sentence ends at ".", "?", "!", ";" or ":" before a space, or at a line end. Exception: a quote of a
    resident is their own words (do not pass quotes).
    """
    parts = re.split(r"(?<=[.?!;:])\s+|\n+", text)
    return [
        f"sentence of {len(words)} words: {' '.join(words[:8])} ..."
        for part in parts
        if len(words := part.split()) > limit
    ]


#: Words written wrong often enough to list: Dutch writes them as one word ("evenveel") or apart.
MISSPELLINGS = {"even veel": "evenveel"}


def misspellings(text: str) -> list[str]:
    """Known misspellings: "even veel" is "evenveel" ("evenveel mensen noemden dit thema").

    Exception: none known; "even" before "veel" is always the one word.
    """
    return [
        f"misspelling {match.group()!r} (write {right!r})"
        for wrong, right in MISSPELLINGS.items()
        for match in re.finditer(rf"\b{wrong.replace(' ', _SPACE)}\b", text, flags=re.IGNORECASE)
    ]


#: Small words said once in a sentence: twice they sound read off a sheet.
ONCE = ("nu",)


def said_twice(text: str) -> list[str]:
    """A small word of :data:`ONCE` said twice in one sentence: "Wat mensen nu zeggen: meer mensen noemen dit
    thema nu (3 → 5)" says "nu" twice. A sentence ends at ".", "?" or "!"; a colon does not end what is said
    in one breath.

    Exception: none known.
    """
    return [
        f"{word!r} twice in {part.strip()[:60]!r}"
        for part in re.split(r"(?<=[.?!])\s+", text)
        for word in ONCE
        if len(re.findall(rf"\b{word}\b", part, flags=re.IGNORECASE)) > 1
    ]


def unchanged_change(text: str) -> list[str]:
    """No arrow between a number and itself: "3 → 3 personen" reads as a change where there is none; say "evenveel
    (3)" or leave it out.

    Exception: a figure with its year on each side ("1.050 (2020) → 1.050 (2024)") says what it says.
    """
    return [
        f"change to the same number {m.group()!r}" for m in re.finditer(r"(?<![\d.,])(\d[\d.,]*) → \1(?![\d.,])", text)
    ]


_ONE = rf"(?:1|één|een){_SPACE}persoon|niemand"
_MANY = rf"(?:[02-9]|[1-9][\d.]+){_SPACE}(?:mensen|personen)"


#: Where a sentence starts: the text's or a line's start, or after a full stop, colon, "!" or "?" and a space.
_STARTS = r"(?:^|(?<=\n)|(?<=[.:!?] ))"


def verb_agreement(text: str) -> list[str]:
    """The verb agrees with the count, before or after it: "1 persoon noemde", "noemde 1 persoon", "3 mensen
    noemden", "noemden 3 mensen"; never "1 persoon noemden" or "noemde 3 mensen".

    Only "noemen" and its forms are checked (the verb of every count of voices), and "staan" after a counted
    thing that starts a sentence, up to "uit de interviews" ("1 fragment uit de interviews staat", never "staan":
    the index's cover; "met minder dan 3 personen staat" is the count of an object).
    Exception: a count that is the object, not the subject ("ze noemden 1 persoon") is not written on these pages.
    """
    singular, plural = r"noemt|noemde", r"noemen|noemden"
    counted = rf"\w+(?:{_SPACE}uit{_SPACE}de{_SPACE}interviews)?"
    bad = [
        rf"\b(?:{_ONE}){_SPACE}(?:{plural})\b",
        rf"\b(?:{plural}){_SPACE}(?:\w+{_SPACE})?(?:{_ONE})\b",
        rf"\b(?:{_MANY}){_SPACE}(?:{singular})\b",
        rf"\b(?:{singular}){_SPACE}(?:\w+{_SPACE})?(?:{_MANY})\b",
        rf"{_STARTS}(?:1|één){_SPACE}{counted}{_SPACE}staan\b",
        rf"{_STARTS}(?:[02-9]|[1-9][\d.]+){_SPACE}{counted}{_SPACE}staat\b",
    ]
    return [f"verb does not agree with its count {m.group()!r}" for pattern in bad for m in re.finditer(pattern, text)]


def count_lists(text: str) -> list[str]:
    """A count is said with what it counts, in a sentence: "noemden 6 mensen jongeren en 3 mensen ontmoeten",
    never a list read off a sheet ("noemden 6 mensen: Jongeren; 3 mensen: Ontmoeten").

    Exception: a label before a count ("Eenzaamheid: 4 mensen", a table row) is not a list of counts.
    """
    count = rf"\b(?:\d[\d.]*|één|een){_SPACE}(?:mensen|personen|persoon)"
    return [f"count as a list heading {m.group()!r}" for m in re.finditer(rf"{count}{_SPACE}?[:;]", text)]


#: Verbs whose bare infinitive is a topic a codebook might give ("Samen doen", "Ontmoeten", "Sporten").
INFINITIVES = ("doen", "ondernemen", "ontmoeten", "sporten", "bewegen", "meedoen", "spelen", "helpen", "wonen", "leren")


def bare_infinitive(text: str) -> list[str]:
    """What people named is a thing, not a bare verb: "noemden 3 mensen activiteiten die bewoners samen
    ondernemen", never "noemden 3 mensen samen dingen ondernemen".

    A clause with "noemen" (any form) that ends in a verb of :data:`INFINITIVES` is flagged unless the verb ends
    a relative clause ("die", "dat", "wat", "waar") or follows "te" ("plekken om elkaar te ontmoeten").
    Exception: "het wonen" (an article makes the verb a noun) is good Dutch.
    """
    found = []
    for clause in re.split(r"[.;:?!,]", text):
        words = clause.split()
        if not any(re.fullmatch(r"noem(?:en|t|de|den)", w) for w in words) or not words:
            continue
        last, before = words[-1].strip("’‘'\""), words[-2] if len(words) > 1 else ""
        if last in INFINITIVES and before not in ("te", "het") and not {"die", "dat", "wat", "waar"} & set(words):
            found.append(f"bare verb after 'noemen' {clause.strip()!r}")
    return found


#: Endings of files a resident cannot open from paper: a handout, wall map or plan names a page, not a file.
FILE_ENDINGS = (".html", ".duckdb", ".csv", ".parquet", ".ipynb", ".toml", ".json")


def file_names(text: str) -> list[str]:
    """No file names on paper residents read (handouts, printed maps, wall maps, plans): "zie ‘Vragen per buurt’ in het
    rapport", not "zie vragen.html".

    Exception: the index pages, whose links are file names to find a file by, and the source line's CBS table
    ids (85984NED: no ending). Apply this rule only to paper: handouts, printed and wall maps, plans.
    """
    endings = "|".join(re.escape(ending) for ending in FILE_ENDINGS)
    return [f"file name {m.group()!r}" for m in re.finditer(rf"[\w./-]+(?:{endings})\b", text)]


def fictional_counts_called_real(text: str) -> list[str]:
    """On a page whose numbers are counts of the interviews (a wall map), the sentence that says the interviews
    are made up does not say the figures are real: they are made up with the interviews.

    Exception: a page with CBS figures (a handout) says "de cijfers zijn echt (CBS)": there they are. Apply this
    rule only to pages whose numbers are interview counts.
    """
    return [f"figures called real {m.group()!r}" for m in re.finditer(r"(?:cijfers|aantallen) zijn echt", text)]


#: Words of the program's makers, not of its users: what a project file and its README say instead.
JARGON = (
    "gekoppeld",
    "koppelt",
    "koppelen",
    "sleutel",
    "sleutels",
    "wijst",
    "wijzen",
    "mart",
    "marts",
    "threshold",
    "status",
    "gebouwd",
)


def jargon(text: str) -> list[str]:
    """No makers' words where a user reads how to set up a project (``buurtdata nieuw``'s project.toml comments
    and README.md): "6 tot 8 cijfers", not "6-8 sleutels"; "wijkt af", not "wijst"; and no path into the
    package's source ("pipelines/seeds/...": the user has no such folder).

    Exception: code the user types (between backticks, or a TOML key such as ``threshold = 3``) is not checked:
    pass prose only.
    """
    found = [f"jargon {m.group()!r}" for word in JARGON for m in re.finditer(rf"\b{word}\b", text, flags=re.IGNORECASE)]
    found += [f"path into the package {m.group()!r}" for m in re.finditer(r"\b(?:pipelines|buurtdata)/[\w/.-]+", text)]
    return found


def cbs_source(text: str) -> list[str]:
    """A page that shows CBS figures names its source: "Bron: CBS" (the source line of every sheet and map)."""
    return [] if "Bron: CBS" in text else ["no 'Bron: CBS' on a page with CBS figures"]


#: The roles of the interviews, as a handout counts them.
ROLES = ("bewoner", "professional", "ondernemer", "onbekend")


def role_as_name(text: str) -> list[str]:
    """A role's count is said as a count, "3 bewoners", never as "bewoner 3": aloud that is "bewoner drie", a
    pseudonym, not three residents (user test T).

    Exception: none on these pages; they print no pseudonyms.
    """
    roles = "|".join(ROLES)
    found = re.finditer(rf"\b(?:{roles}){_SPACE}+\d+\b", text, re.IGNORECASE)
    return [f"role said as a name {m.group()!r}" for m in found]


def bracketed_word(text: str) -> list[str]:
    """No word in brackets inside a sentence: "hebben we (nog) niet", "geen (betrouwbaar) cijfer". Aloud the
    brackets are gone and the listener hears "nog niet" or has to guess; say it or leave it out (user test T).

    Exceptions: brackets that close a phrase or hold a name, count or source ("(CBS).", "Hengelo (O.)", "(3 → 5)",
    "(nog 2 uitspraken: zie blad 2)") are not one lower-case word followed by more of the sentence.
    """
    return [
        f"word in brackets inside a sentence {m.group()!r}"
        for m in re.finditer(rf"\([A-Za-zà-ÿ][a-zà-ÿ]*\){_SPACE}+[a-zà-ÿ]+", text)
    ]


def mixed_address(text: str) -> list[str]:
    """A question that says "u" to the listener says "u" throughout: "anders dan je misschien zou verwachten ...
    Herkent u dat?" switches from the informal to the polite "you" in one breath (user test T).

    Exception: a resident's quote is their own words; apply this rule to questions only (a page holds quotes).
    """
    polite = re.search(r"\b(?:u|uw)\b", text, re.IGNORECASE)
    informal = re.finditer(r"\b(?:je|jij|jou|jouw)\b", text, re.IGNORECASE)
    return [f"'je' beside 'u' {m.group()!r}" for m in informal if polite]


def place_letters(text: str) -> list[str]:
    """A gemeente inside a sentence is said as people say it: "die van heel Hengelo", not "van Hengelo (O.)".
    CBS's letters tell two places of one name apart; aloud they are "O punt" and a printed line may break before
    them (user test T).

    Exception: a header, title or key that names the gemeente in full ("Wijk 05 · Hengelo (O.)", "Index: Hengelo
    (O.) = 100"): apply this rule to questions only.
    """
    found = re.finditer(r"\b\w[\w'-]*\s\((?:[A-Z][A-Za-z]*\.)+\)", text)
    return [f"CBS's letters in a sentence {m.group()!r}" for m in found]


def people_counted(text: str) -> list[str]:
    """People who spoke are counted as "mensen", the word of the questions ("noemden 3 mensen"): "Eenzaamheid: 3
    mensen" on the handout, the wall map and the plan, never "3 personen" on one page and "3 mensen" on the next
    (user test T). One is "1 persoon".

    Exception: "geen echte personen" (the FICTIEF notice) counts nobody.
    """
    return [f"count of 'personen' {m.group()!r}" for m in re.finditer(rf"\b\d[\d.]*{_SPACE}personen\b", text)]


def bare_season(text: str) -> list[str]:
    """A round's season is said with its article: "in het voorjaar van 2025", "in de zomer van 2024", not the written
    "in voorjaar 2025" (user test T); ``_text.when_said`` and the macro ``when_said`` say it so.

    Exception: a list of the rounds' names ("De verhalen komen uit 2 gespreksrondes: najaar 2023 en voorjaar 2025.")
    names them as labels, without "in".
    """
    seasons = "voorjaar|najaar|zomer|winter|herfst|lente"
    return [
        f"season without its article {m.group()!r}"
        for m in re.finditer(rf"\b(?:in|dan|als)(?:{_SPACE}+)(?:{seasons})\b", text, flags=re.IGNORECASE)
    ]


def figures_from_a_place(text: str) -> list[str]:
    """Figures differ from figures, not from a place: "De cijfers wijken af van die van heel Ermelo", not "wijken af
    van Ermelo" (sweep13 #20); "niet af van die van heel Ermelo" alike.

    Exception: something that does differ from a place or a thing ("de route wijkt af van de kaart") is no figure;
    the pages people read compare figures only, so the rule is not told apart.
    """
    found = [
        *re.finditer(
            rf"\bwijk(?:t|en)\b[^.?!:]*?\baf{_SPACE}van{_SPACE}(?!die{_SPACE}van\b|dat{_SPACE}van\b)\S+", text
        ),
        # A map's legend alike: "hoger dan in de gemeente", not "hoger dan de gemeente" (or "dan Ermelo").
        *re.finditer(rf"\b(?:hoger|lager){_SPACE}dan{_SPACE}(?:de{_SPACE}gemeente\b|Nederland\b|[A-ZÀ-Þ]\w+)", text),
    ]
    return [f"figures compared to a place {m.group()!r}" for m in found]


def double_brackets(text: str) -> list[str]:
    """One pair of brackets after a name: "Buurtgesprekken voorjaar 2026 (nieuwe organisatie), fictief: geen echte
    personen", not "(nieuwe organisatie) (fictief, geen echte personen)": aloud the second pair cannot be heard as
    apart from the first (sweep13 #20).

    Exception: none on the pages people read.
    """
    return [f"brackets after brackets {m.group()!r}" for m in re.finditer(rf"\([^()]*\){_SPACE}*\([^()]*\)", text)]


#: The program's names of its signals: a page says what they mean instead.
SIGNALS = ("samen", "verschil", "alleen verhalen", "alleen cijfers", "te weinig stemmen")


def signal_tags(text: str) -> list[str]:
    """No signal's name as a tag: "(samen: eenzaamheid)", "(verschil: ontmoeten)" and "(alleen cijfers: ...)" are
    the program's words, which a reader aloud stumbles over; say what it means ("Over eenzaamheid: cijfers en
    verhalen wijzen dezelfde kant op.") or nothing (sweep13 #20).

    Exception: none; a signal's name in a sentence ("te weinig stemmen om te tellen") has no colon after it.
    """
    signals = "|".join(SIGNALS)
    return [f"signal as a tag {m.group()!r}" for m in re.finditer(rf"\((?:{signals}):", text, flags=re.IGNORECASE)]


#: Words of statistics and of the program that residents do not use: what a wijkwerker says instead is in the rule.
STATISTICS_WORDS = (
    "mediaan",
    "respondent",
    "respondenten",
    "pseudoniem",
    "pseudoniemen",
    "privacydrempel",
    "drempelwaarde",
    "steekproef",
    "significant",
    "percentiel",
    "correlatie",
)


def statistics_words(text: str) -> list[str]:
    """No statistics or program words where residents read or listen: "de helft woont korter dan" for "mediaan",
    "mensen die we spraken" for "respondenten", "te weinig mensen, voor hun privacy" for "de privacydrempel"
    (user test T: the wall map said "Minder dan de privacydrempel wordt niet genoemd").

    Exception: a professional's page about the data (the notebooks, validation, the build log) may name them; it is
    not read to residents, and this rule is applied only to what residents read (tests/test_spoken_outputs.py).
    """
    return [
        f"statistics word {m.group()!r}"
        for word in STATISTICS_WORDS
        for m in re.finditer(rf"\b{word}\b", text, flags=re.IGNORECASE)
    ]


#: The rules that hold for every line people read.
LINE_RULES: tuple[Callable[[str], list[str]], ...] = (
    code_leftovers,
    english_leftovers,
    dutch_numbers,
    number_with_unit,
    agreement,
    raw_units,
    doubled,
    misspellings,
    verb_agreement,
    count_lists,
    said_twice,
    unchanged_change,
    role_as_name,
    bracketed_word,
    people_counted,
    bare_season,
    figures_from_a_place,
    double_brackets,
    signal_tags,
)


def problems(text: str, *, sentences: bool = True, source: bool = False, wrapped: bool = True) -> list[str]:
    """Every rule ``text`` breaks.

    ``sentences``: also :func:`sentence_length`; ``source``: also :func:`cbs_source`; ``wrapped=False``: the text
    is one line nothing wraps (a chart's title, a row of a table), so :func:`number_with_unit` does not apply.
    """
    rules = [rule for rule in LINE_RULES if wrapped or rule is not number_with_unit]
    rules += [*([sentence_length] if sentences else []), *([cbs_source] if source else [])]
    return [problem for rule in rules for problem in rule(text)]


def report(texts: Iterable[tuple[str, str]], **options: bool) -> list[str]:
    """The problems of many ``(where, text)`` pairs, each prefixed with where its text was read."""
    return [f"{where}: {problem} in {text[:120]!r}" for where, text in texts for problem in problems(text, **options)]
