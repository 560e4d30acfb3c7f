"""The lists :mod:`.person_names` reads (Deduce's names, places and common words, read as files, and the short lists
here), first names that are first of all Dutch words, and names in respondent ids written in lower case (for
:func:`~buurtdata.sources.interviews.privacy.warn_named_respondents`).

Inside a sentence a capital letter tells a name from a word (``met Roos`` against ``met rozen``); opening a sentence
it tells nothing, so a first name there needs a context that only a person has (``Roos en Daan``, ``Roos van
hiernaast``, ``Roos zei``). A word in lower case after it (``Kees loopt``, ``Kees is``) is enough for a name that is
mostly a name; for one that is mostly a word only a word that is no ``is``, ``en``, ``van`` and the like, nor a verb
only a thing does (review T H1: ``Roos woont``, ``Sultan woont`` go; ``Lente is het mooiste seizoen``, ``Parel van
de buurt``, ``Roos bloeit`` stay; ``Roos staat in de vaas`` goes, as people stand too). :data:`WORD_NAMES` are those
words: the first names of Deduce's list that OpenTaal's Dutch word list
(BSD or CC BY 3.0; ``/usr/share/dict/dutch`` of Debian's wdutch) holds in lower case and that are no common word
of Deduce's (those are never a name: ``Tien``, ``Zomer``), read by hand and kept where the word is what a quote
means far more often than a person: flowers, trees and herbs, animals, things, a few adjectives and verbs.
Left out on purpose, as people are called so more often than the word is meant (a name missed is worse than a
word struck out): Jan, Kees, Piet, Peter, Rob, Ben, Mark, Merel, Iris, Amber, Jade, Fleur, Jet, Lot, Ton,
Margriet, Rozemarijn, Viola.
"""

from __future__ import annotations

import functools
import importlib.util
import re
from pathlib import Path

from buurtdata._errors import BuurtdataError
from buurtdata.gemeente_lookup import fold

#: First names that are first of all a Dutch word (see the module), folded to lower case.
WORD_NAMES = frozenset(
    """
    anemoon aster berk blaas brand brunette ceder constant dahlia diesel dot duifje engel engeltje fan fee gul
    haring hei hok jazz jeep junior kader kam kar kas kiem kier kin koop lam lava lelie lente linde linze lotus
    madelief melodie meiske mint mus nestor ouwe parel peer pluk pui raaf ram rem richel robijn roos rover servet
    splinter star sultan tijm tin tromp tuba uiltje vin violet vrouwtje wang zen zwaan zwaantje zweer
    """.split()
)

#: The parts of an id: letters and digits, split at anything else (interview_truus, gesprek-henk-de-vries,
#: Kees.docx, truus1, 2025-05-01_truus).
_ID_PARTS = re.compile(r"[^\W_]+")
_ID_LETTERS = re.compile(r"[^\W\d_]+")
#: A pseudonym of :mod:`.privacy` (R- and ten hex digits), whose letters are no name whatever they spell.
_PSEUDONYM = re.compile(r"R-[0-9a-f]{10}")
#: Tussenvoegsels and titles a surname in an id may have before it (henk-de-vries, van_der_berg, familie_bakker).
_ID_BEFORE_SURNAME = frozenset("van de der den ter ten te el al mevrouw meneer mw dhr familie fam".split())
#: Words an id may open with before a surname, naming the document (gesprek_de_jong, interview-van-dijk); after
#: other words a surname is more often a thing's (buurthuis_de_bron, bewoners_de_brink).
_ID_DOCUMENT = frozenset("gesprek interview transcript transcriptie verslag notities aantekeningen opname met".split())


def named_in_id(id_: str) -> bool:
    """Whether a respondent id, in lower case as well (``interview_truus``, ``gesprek-henk-de-vries``, ``truus``),
    names a person: one of its words is a listed first name of 3 letters or more that is no ordinary word (Deduce's
    common words, :data:`WORD_NAMES`), or a listed surname follows a tussenvoegsel or title after nothing but words
    naming the document (``gesprek-de-vries``, ``familie_bakker``). Digits beside the name change nothing: numbering
    or dating an interview is the usual way to keep ids apart (review T M5: ``truus_1``, ``gesprek_henk_de_vries_2025``,
    ``2025-05-01_truus``, ``Truus 1``, ``kees2``). A code names nobody (``B01``, ``resp_01``, ``HGL-B04-3``, a
    pseudonym ``R-...``: letters glued to digits count only from 4 letters on), nor do ordinary words
    (``bewoner_oost``, ``interview_roos``, ``buurthuis_de_bron``), nor a team's code of three capitals that open a
    gemeente's name, with a number (``DIN-01`` for Dinkelland, though Din is a listed first name). First names in
    capitals are names all the same (review AC 1: ``JAN-01``, ``EVA-3``, ``IDA_2``), and so are those that open a
    gemeente's name but people are often called (``NOA-01``, ``ZOE-2``: :data:`_OFTEN_A_NAME`).

    >>> [named_in_id(i) for i in ("interview_truus", "gesprek-henk-de-vries", "truus", "gesprek_de_jong")]
    [True, True, True, True]
    >>> [named_in_id(i) for i in ("truus_1", "gesprek_henk_de_vries_2025", "2025-05-01_truus", "Truus 1", "kees2")]
    [True, True, True, True, True]
    >>> [named_in_id(i) for i in ("resp_01", "bewoner_oost", "interview_roos", "buurthuis_de_bron", "HGL-B04-3")]
    [False, False, False, False, False]
    >>> [named_in_id(i) for i in ("DIN-01", "DIN01", "KEES-01", "Din-01")]
    [False, False, True, True]
    >>> [named_in_id(i) for i in ("JAN-01", "EVA-3", "IDA_2", "ALI-07", "LEO 1", "NOA-01")]
    [True, True, True, True, True, True]
    """
    if _PSEUDONYM.fullmatch(id_):
        return False
    found = []
    names = lists()
    numbered = any(char.isdigit() for char in id_)
    for part in _ID_PARTS.findall(id_):
        letters = _ID_LETTERS.findall(part)
        if part.isdigit():
            continue  # a number or date: read past, as a document's word is
        if numbered and len(letters) == 1 and letters[0].isupper() and letters[0].casefold() in names.gemeente_codes:
            # A team's code of three capitals and a number (user test W: Dinkelland's DIN-01, Din a first name).
            found.append("")
            continue
        glued = len(letters) == 1 and len(letters[0]) >= 4  # truus1, 01kees; not b04, hgl0042, a1b2
        found.append(letters[0].casefold() if part.isalpha() or glued else "")
    for i, word in enumerate(found):
        if len(word) > 2 and word in names.first_names and word not in names.not_names and word not in WORD_NAMES:
            return True
        if (
            i
            and found[i - 1] in _ID_BEFORE_SURNAME
            and word in names.surnames
            and all(w in _ID_DOCUMENT or w in _ID_BEFORE_SURNAME for w in found[:i])
        ):
            return True
    return False


#: Capitalised words that are no person: pronouns and words that open a sentence, days, months, feasts, faith,
#: nationalities and languages, besides Deduce's common and stop words (which lack some words that open a sentence:
#: Zelfs, Misschien, Helaas; names4, for :func:`.person_names.kept`, which reads on after them).
_NOT_NAMES = """
ik jij je u hij zij ze wij we jullie men iedereen niemand iemand ieder elk elke alle allen die dat dit deze wie wat
mijn jouw zijn haar ons onze hun hen mama papa moeder vader oma opa buurman buurvrouw meneer mevrouw
maandag dinsdag woensdag donderdag vrijdag zaterdag zondag januari februari maart april mei juni juli augustus
september oktober november december kerst kerstmis pasen pinksteren hemelvaart koningsdag oud nieuw sinterklaas
ramadan suikerfeest offerfeest divali diwali chanoeka god allah jezus heer christus mohammed-profeet
nederland nederlander nederlanders nederlands nederlandse turks turkse turk marokkaans marokkaanse marokkaan
surinaams surinaamse syrisch syrische pools poolse engels engelse duits duitse fries friese arabisch islam
dag hallo hoi doei ja nee nou oke oké ok goed hoe waar wanneer waarom toen nu dan daarna eerst soms vaak altijd
noord oost zuid west centrum binnenstad gemeente buurt wijk
zelfs later wel vorige vorig meestal misschien volgens gelukkig helaas inmiddels ineens eigenlijk trouwens sowieso
echter bovendien vanavond vanochtend vanmiddag straks juist tja oh och hè ha blijkbaar kennelijk daardoor intussen
ondertussen vervolgens uiteindelijk tenslotte totdat zodra nadat voordat iedere toevallig wellicht hopelijk sindsdien
"""
#: Words in capitals no list holds as ordinary: verbs, and words the surname list holds (niks, mens), where a name in
#: capitals ends and that never open one (MEVROUW NOWAK KWAM LANGS, DE WIJKAGENT KWAM NIET, GEEN MENS ZEI IETS): names5.
CAPS_ORDINARY = frozenset(
    """
    is was waren ben bent zijn heb hebt heeft had hadden kwam kwamen komt komen kom ging gingen gaat gaan ga zat zaten
    zit zitten stond stonden staat staan lag lagen ligt liggen liep liepen loopt lopen kon konden kan kunnen wil wilde
    wilden willen wou moet moest moesten moeten mag mocht mochten zal zou zouden wordt werd werden zei zeiden zegt
    zeggen zag zagen ziet zien helpt hielp hielpen helpen woont woonde woonden wonen werkt werkte werkten werken maakt
    maakte maken belde belden belt bellen doet deed deden doen weet wist wisten weten kent kende kenden kennen vond
    vonden vindt vinden geeft gaf gaven geven krijgt kreeg kregen krijgen blijft bleef bleven blijven houdt hield
    denkt dacht dachten brengt bracht haalt haalde neemt nam namen speelt speelde speelden spelen zorgt zorgde regelt
    regelde kookt kookte bakt bakte opent opende sluit sloot zet zette riep roept vroeg vraagt vertelt vertelde
    mailde appte schreef schrijft antwoordde meldde meldt klaagde klaagt sprak spreekt leest las rijdt reed fietst
    fietste loopt liep wacht wachtte zoekt zocht koopt kocht verkoopt verkocht ruimt ruimde geholpen gezegd gedaan
    gebeld gevraagd gezien gemaakt gekomen gegaan geweest gehad geregeld gebracht gehaald gekookt
    hiernaast hierboven hieronder overkant boven beneden
    niks nix mens mensen iemand niemand iedereen alles allemaal zelf zelfs ook nog al niet nooit altijd weer even
    my your the you it our and of to
    """.split()
)
#: Nouns a buurthuis or organisation is named after, which the surname list holds as well: after De or Het inside a
#: sentence a thing, not a surname (Iedereen kent De Schakel hier, Met Pasen is De Kern dicht): names5. The price: a
#: person written as De Bron or De Molen alone, with no first name or title, is kept.
BUURTHUIS_NOUNS = frozenset(
    "bron kern anker schakel boog ark spil vonk parel poort cirkel kring brink molen wiek baken".split()
)
#: Roles and trades the surname list holds, which in capitals after DE are the role (DE BAKKER ZEGT, DE BURGEMEESTER
#: ZEGT NIKS, DE KONING ZEI: in lower case "de bakker zegt" stays too): names5. Not the trades that are among the
#: commonest surnames with De (De Boer, De Visser, De Jager, De Brouwer, De Smid): those go, as a name missed is worse.
CAPS_ROLE_NOUNS = frozenset(
    """bakker koning koningin burgemeester meester kok baas post mens schilder dokter kapper slager pastoor dominee
    buurman buurvrouw bode""".split()
)

#: Organisations named like a person or a place, and names everyone knows; compared folded, a run that starts
#: with one is kept (Albert Heijn Hengelo).
_ORGANISATIONS = """
albert heijn|ah|jumbo|lidl|aldi|plus|coop|spar|vomar|hoogvliet|action|hema|kruidvat|etos|blokker|zeeman
zonnebloem|de zonnebloem|vluchtelingenwerk|humanitas|leger des heils|rode kruis|het rode kruis|voedselbank
de voedselbank|rabobank|ing|abn amro|sns|post nl|postnl|ggd|cjg|uwv|svb|duo|ns|arriva|keolis|connexxion
facebook|whatsapp|instagram|tiktok|twitter|youtube|google|marktplaats|nextdoor|buurtapp|st jan|sint jan
zara|mercedes|nike|chanel|domino|dominos|burger king|mario kart|philips|tesla
aafje|amaris|mee|severinus|cello|eigen haard|ons huis
de key|ymere|stadgenoot|rochdale|vestia|woonbron|havensteder|mitros|woonstad|domijn|poiesz
willem van oranje|zwarte piet|sinterklaas
"""

#: First names of three letters that open a gemeente's name (Noardeast-Fryslân, Zoetermeer, Castricum, Leeuwarden)
#: and that people are often called, or are in the languages of many Dutch families: in capitals with a number
#: (NOA-01) a name all the same, as a team's code of its gemeente would be a guess (review AC 1: a name missed is
#: worse than a code warned of). Din (Dinkelland), Tyn (Tynaarlo), Zev (Zevenaar) and the like are codes.
_OFTEN_A_NAME = frozenset("alp bor cas don dre eda hui lan lee lei lin lis noa sim wes win zoe".split())

#: Hamlets Deduce lists whose name is first of all one of the commonest Dutch surnames (review T L1: "De Boer zei"
#: and "met De Waal gesproken" were kept as places); a project that passes them as its places keeps them.
_SURNAMES_FIRST = frozenset({"de boer", "de waal"})


class _Lists:
    """Deduce's name, place and word lists (read once, on first use), with the lists above."""

    def __init__(self) -> None:
        root = _deduce_lookup()
        self.first_names = self._read(root, "names/lst_first_name")
        self.surnames = self._read(root, "names/lst_interfix_surname") | self._read(root, "names/lst_surname")
        self.places = (
            frozenset(
                fold(p)
                for sub in ("lst_residence", "lst_municipality", "lst_province", "lst_region")
                for p in self._read(root, f"locations/lst_placename/{sub}", folded=False)
            )
            - _SURNAMES_FIRST
        )
        common = self._read(root, "whitelist/lst_common_word") | self._read(root, "whitelist/lst_stop_word")
        self.not_names = frozenset(common | set(_NOT_NAMES.split()))
        self.organisations = frozenset(fold(o) for o in _ORGANISATIONS.replace("\n", "|").split("|") if o.strip())
        #: Three letters that open a gemeente's name and are a listed first name people are seldom called (din):
        #: a team's code in an id (DIN-01), see :func:`named_in_id`.
        gemeenten = {fold(g).replace(" ", "") for g in self._read(root, "locations/lst_placename/lst_municipality")}
        self.gemeente_codes = (
            frozenset(n for n in self.first_names if len(n) == 3 and any(g.startswith(n) for g in gemeenten))
            - _OFTEN_A_NAME
        )

    @staticmethod
    def _read(root: Path, folder: str, *, folded: bool = True) -> frozenset[str]:
        def lines(name: str) -> set[str]:
            path = root / folder / name
            if not path.exists():
                return set()
            found = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
            return {(line.casefold() if folded else line) for line in found if line}

        items = lines("items.txt")
        if not items:
            # Without it the scrubbing would miss names it promises to find, without a word (review p): stop.
            msg = (
                f"the list {root / folder / 'items.txt'} of the package deduce ({_deduce_version()}) is missing or "
                "empty, so quotes cannot be scrubbed of names as promised; install the version buurtdata is tested "
                'with: pip install "deduce>=3.0.6,<3.1" (make setup does).'
            )
            raise BuurtdataError(msg)
        return frozenset(items - lines("exceptions.txt"))


def _deduce_lookup() -> Path:
    """Deduce's folder of source lists, found without importing Deduce (which builds its own structures)."""
    spec = importlib.util.find_spec("deduce")
    if spec is None or not spec.submodule_search_locations:
        msg = "buurtdata needs the package deduce for its lists of Dutch names: pip install deduce"
        raise ModuleNotFoundError(msg)
    return Path(next(iter(spec.submodule_search_locations))) / "data" / "lookup" / "src"


def _deduce_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"version {version('deduce')}"
    except PackageNotFoundError:
        return "no version installed"


@functools.cache
def lists() -> _Lists:
    """Deduce's lists and those here, read on first use."""
    return _Lists()


def read_lists() -> None:
    """Read the name, place and word lists now (some 0.03 s, once per process) rather than at the first name."""
    lists()
