"""The patterns :mod:`.scrub` reads interview text with: contact details, addresses, points, and the titles,
relatives and introductions a name follows, and the checks a match must pass to be one (a BSN's 11-proef, a point
in NL) (moved out of ``scrub.py``, which had grown past 500 lines)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from buurtdata._text import MONTHS, SHORT_MONTHS
from buurtdata.sources.interviews.patterns import (
    _HOUSE_NUMBER,
    _NOT_A_NAME,
    _PARTICLE,
    _PC6_ADDRESS,
    _POINT,
    _STREET_ADDRESS,
    _STREET_SUFFIX,
    HOUSE_DIGITS,
    _coordinates,
)
from buurtdata.sources.interviews.person_names import GROUPS as _NAME_KINDS
from buurtdata.sources.interviews.person_names import KEPT_WORD as _NAME_KEPT_WORD
from buurtdata.sources.interviews.scrub_spoken import NUMBER_SAID, SPOKEN_MOBILE, SPOKEN_NUMBERS

_SEP = r"(?:\s?[-‐‑–—./]\s?|\s|\)\s?(?:[-‐‑–—./]\s?)?)?"
_DIGITS9 = rf"\d(?:{_SEP}\d){{8}}"
#: The at of an e-mail address: written (@, (at), [at]) or said (apenstaartje); the word at alone is :data:`_AT_WORD`.
_AT = r"(?:@|\s+@\s+|\s*[(\[{]\s*(?:at|apen?staartje)\s*[)\]}]\s*|\s+apen?staartje\s+)"
#: The word at between spaces, also Dutch for ate (Zij at soep punt uit): an address only when it ends in a known
#: top-level domain (anja at ziggo punt nl, anja at gmail.com).
_AT_WORD = r"\s+at\s+"
_DOMAIN_END = (
    r"(?:nl|com|net|org|eu|be|de|nu|info|biz|io|co|uk|fr|es|it|ch|at|lu|pl|tr|ma|sr|cw|aw|sx|frl|amsterdam|online"
    r"|email|me|tv|app|dev|edu|gov|xyz|us|ca|dk|se|no|fi|pt|ie|cz|ro|bg|gr|hu|ru|ua|cn|in|au|za)(?![\w-])"
)
#: A dot: written (also between spaces before a top-level domain, as a spaced address is typed: jan @ gmail . com,
#: sweep12 F10), bracketed or said.
_DOT = rf"(?:\.|\s*[(\[{{]\s*(?:dot|punt)\s*[)\]}}]\s*|\s+(?:dot|punt)\s+|\s+\.\s+(?={_DOMAIN_END}))"
#: A street with its house number said in words (Stationsstraat veertien, Jan van Galenstraat nummer drieëntwintig):
#: a capitalised street name (the words before it as the written form reads them), then the word nummer and the
#: number, or the number closing a clause; a count after a street stays (de Kerkstraat twee keer, tien jaar geleden).
_STREET_SAID = (
    # Its first capital is read first and looked back at, as this is tried at every position of a text; a word that
    # opens a sentence (Op, In, Bij, ...: _NOT_A_NAME) is no part of the street's name.
    r"[A-Z](?<![\w-].)(?!"
    + "|".join(rf"(?<={word[0]}){word[1:]}\b" for word in _NOT_A_NAME[3:-1].split("|"))
    + rf")(?:[a-zà-ÿ]*+\.?\s++(?:{_PARTICLE}\s++){{0,3}}[A-Z]){{0,3}}"
    # a number word or nummer after the word, looked at before its ending is (tried at every letter, it is costly)
    r"(?<=[A-Z])(?=[A-Za-zÀ-ÿ'-]*+\s++(?i:n|een|één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|der"
    r"|veer|twin|tach|honderd))"
    rf"[A-Za-zÀ-ÿ'-]*?(?i:{_STREET_SUFFIX})\s++"
    rf"(?:(?i:nummer|nr\.?)\s*+{NUMBER_SAID}|{NUMBER_SAID}(?=[^\S\n]*+(?:[.,;:!?)]|$)))"
)
#: A house number after living (woont op 3, wij wonen op 12a, woont op drie) that closes a clause: one only beside a
#: street named in its sentence or the one before (see :func:`beside_a_street`), not a floor (op 3 hoog, op drie
#: hoog) nor a distance (op 3 km).
_LIVES_AT = (
    r"[wW](?<![\w'].)(?i:(?<=w)o(?:on|ont|onde|onden|nen)[^\S\n]++op[^\S\n]++)"
    rf"(?P<lives_number>{HOUSE_DIGITS}|{NUMBER_SAID})(?=[^\S\n]*+(?:[.,;!?)]|$))"
)
#: Living at a street and house number that close a clause, the street named without -straat or -weg (Ik woon aan de
#: Lange Wemen 1, Wij wonen op Het Hof 2, Ik woon Achter de Molen 3, op 't Lansink 8) or with op before the number
#: (Ik woon in de Stationsstraat op 5) or nummer (Ik woon op de Lange Wemen nummer 1): sweep12 F3. Up to 3 words in
#: lower case after living (Ik woon al jaren in), up to 4 capitalised words (particles between them), and what may
#: follow the number besides a clause's end (met mijn man, en, sinds); the words before it stay (Ik woon aan de
#: [adres]). Not a wijk, block or floor (Ik woon in Wijk 4, in Blok 3): see house_numbers.lives_on.
_LIVES_ON = (
    r"[wW](?<![\w'].)(?i:(?<=w)o(?:on|ont|onde|onden|nen))(?:[^\S\n]++[a-zà-ÿ]++){0,3}?[^\S\n]++"
    r"(?:(?:in|op|aan)[^\S\n]++)?+(?:(?:de|het|'t|De|Het|'T)[^\S\n]++)?+(?P<home_street>[A-ZÀ-ÖØ-Þ][\w'’-]*+"
    rf"(?:[^\S\n]++(?:{_PARTICLE}[^\S\n]++){{0,2}}[A-ZÀ-ÖØ-Þ][\w'’-]*+){{0,3}}(?:,(?=[^\S\n]++op[^\S\n]))?[^\S\n]++"
    rf"(?:(?P<home_op>op)[^\S\n]++(?:{HOUSE_DIGITS}|{NUMBER_SAID})|(?i:nummer|nr\.?)[^\S\n]*+(?:{HOUSE_DIGITS}|{NUMBER_SAID})"
    rf"|{HOUSE_DIGITS}))"
    r"(?=[^\S\n]*+(?:[.,;!?)]|$)|[^\S\n]++(?:met|en|samen|sinds|boven|beneden|naast|tegenover)(?![\w'’-]))"
)
#: A street whose name opens with what it is and a particle (Laan van Meerdervoort, Weg der Verenigde Naties, Laan
#: van Nieuw Oost-Indië), up to 3 capitalised words, and a house number: written, or in words after nummer or closing a
#: clause (Laan van Meerdervoort honderdtwintig). Its first capital is read first and looked back at.
_STREET_FIRST = (
    r"[LPWKDS](?<![\w'-].)(?:(?<=L)aan|(?<=P)lein|(?<=W)eg|(?<=K)ade|(?<=D)reef|(?<=S)ingel)"
    r"[^\S\n]++(?:van|der|de|den|ter|ten|te|op|in|'t|naar|aan)(?:[^\S\n]++(?:der|de|den|het|'t))?"
    r"(?:[^\S\n]++[A-ZÀ-ÖØ-Þ][\w'’-]*+){1,3}[^\S\n]++"
    rf"(?:{_HOUSE_NUMBER}|(?i:nummer|nr\.?)[^\S\n]*+{NUMBER_SAID}|{NUMBER_SAID}(?=[^\S\n]*+(?:[.,;:!?)]|$)))"
)
#: A household by its family name in the plural after de (De Jansens, bij de Pietersens, de Van Dijks, de El Amrani's):
#: a capitalised word ending in s, tussenvoegsels before it, no capitalised word after it (de Kees Boekestraat); see
#: person_context.plural_family for which are one.
_PLURAL_FAMILY = (
    r"[dD](?<![\w'].)(?<=[dD])e[^\S\n]++(?P<family_name>(?:(?:[Vv]an|[Dd]e[nr]?|[Tt]e[nr]|'t|[Ee]l|[Aa]l)[^\S\n]++){0,3}"
    r"[A-ZÀ-ÖØ-Þ][^\W\d_]*?(?:['’]s|s))(?![\w'’-]|[^\S\n]++[A-ZÀ-ÖØ-Þ])"
)
#: The word before a BSN: the number after it is one whatever its digits.
_BSN_WORD = r"(?i:\b(?:bsn|burgerservice-?nummer|sofi-?nummer)\b(?:\s*(?:is|was|nummer|nr\.?|:|=|-))*\s*)"
#: A PC6 postcode without house number (3852 AB, 3852AB, 3852 ab): some 15 to 20 addresses. Lower case letters
#: are not a Dutch word, unit or filler (2024 en, 1500 km, 300 eh) and capitals not a championship after a year (2024
#: EK). A year (1900-2099) and, apart, two lower case letters or a known abbreviation are a year and a word (sinds
#: 2015 eh, in 2022 AH kwam, 1995 ES), unless a place name follows (2015 ab Ermelo) or the word postcode goes
#: before; other capitals (2015 AB) or glued (2015ab) they are a PC6, as 1000-2099 are Noord- and Zuid-Holland's.
_PC6_ALONE = (
    r"[1-9](?<![\w.,/€+-].)(?!(?:(?<=1)9|(?<=2)0)\d\d\s?[EWN]K\b)"
    r"(?!(?<!(?i:postcode) .)(?<!(?i:postcode): .)(?:(?<=1)9|(?<=2)0)\d\d[ -]"
    r"(?:[a-z]{2}|AD|AH|BC|CA|ES|NB|NO|NS|NW|OK|OL|ZO|ZW)(?![\w-])"
    r"(?!,?[^\S\n]{1,3}[A-ZÀ-Þ][a-zà-ÿ]))"
    r"\d{3}[ -]?"
    r"(?!(?:af|ah|al|as|ca|cc|cl|cm|ct|de|dl|eh|en|er|eu|ga|gb|gr|ha|hm|ie|ik|in|is|je|ja|kb|kg|km|kw|mb|me|mg|ml|mm|na"
    r"|nr|nu|of|oh|ok|om|op|pk|st|tb|te|uh|uw|vs|we|ze|zo)\b)"
    r"[A-Za-z]{2}(?![\w-])"
    # and the house number after it, which _PC6_ADDRESS reads only glued to lower case letters (Post naar 7552 ab 14
    # graag: sweep12 F3); a 0 opens a phone number (7552 ab 06 12345678), no house number.
    rf"(?:[^\S\n]++(?:(?i:nr\.?|nummer)[^\S\n]*+)?(?=[1-9]){HOUSE_DIGITS})?"
)
#: A word that names the person after it: a title, family, a relative (mijn zoon, haar man, onze buurjongen) or
#: someone people know by their work (wijkagent Mohammed, dokter Jansen).
#: Its first letter is read first and looked back at (see _pattern), as this is tried at every position of a text.
_RELATIVE = (
    r"[^\S\n]+(?:(?:klein|schoon)?(?:zoon|dochter)(?:tje|s)?|man|vrouw|moeder|vader|broer(?:tje|s)?|zus(?:je|sen)?"
    r"|buur(?:jongen|meisje)|opa|oma|oom|tante|neef|nicht)"
)
_TITLE = (
    rf"(?i:(?<=m)(?:e(?:vr(?:ouw|\.)?|neer|ester)|ijnheer|w\.?|(?:ijn|'n){_RELATIVE})"
    rf"|(?<=d)(?:hr\.?|okter)|(?<=f)am(?:ilie|\.)|(?<=b)uur(?:vrouw|man)|(?<=j)(?:uf(?:frouw)?|(?:e|ouw){_RELATIVE})"
    rf"|(?<=w)ijkagent(?:e|en)?|(?<=h)uisarts(?:en)?(?:[^\S\n]+dr\.?)?"
    rf"|(?<=o)n(?:ze|s){_RELATIVE}|(?<=h)(?:aar|un){_RELATIVE}|(?<=z)(?:ijn|'n){_RELATIVE})(?!\w)"
)
#: The words a speaker introduces a name with (ik ben, ik heet, mijn naam is, dit is, zij heet) and the "met" of
#: a phone greeting (Met Anneke, Hallo, met Anneke, u spreekt met Anneke; not "ik ging met Jan": a word just
#: before it).
_INTRODUCING = (
    r"(?i:(?<=i)k[^\S\n]++(?:ben|heet)|(?<=m)ijn[^\S\n]++naam[^\S\n]++is"
    r"|(?<=d)it[^\S\n]++is|(?<=h)ij[^\S\n]++heet|(?<=z)(?:ij|e)[^\S\n]++heet"
    r"|(?<=s)preek(?:t)?+(?:[^\S\n]++(?:je|u))?+[^\S\n]++met"
    r"|(?<=m)(?<!\w[^\S\n]m)(?<!\w[^\S\n]{2}m)et)"
)
#: A name in lower case after a title, relative or introduction (mevrouw yilmaz, de heer bakker, meneer de vries, mijn
#: buurvrouw yilmaz, buurman bert, ik heet gerda hulshof): up to two words with their tussenvoegsels, which
#: :func:`.lower_names.lower_named` reads (sweep12 F4). Tried after every capitalised name rule (see scrub._pattern).
_LOWER = r"[a-zà-ÿ][a-zà-ÿ'’-]*+(?![\w'’-])"
_LOWER_PARTICLE = r"(?:van|de[nr]?|te[nr]?|ter|'t|el|al)"
_LOWER_WORDS = (
    rf"(?:{_LOWER_PARTICLE}[^\S\n]++){{0,2}}{_LOWER}(?:[^\S\n]++(?:{_LOWER_PARTICLE}[^\S\n]++){{0,2}}{_LOWER})?"
)
_LOWER_NAMED = (
    rf"[mMdDfFbBjJoOhHzZwWiI](?<![\w'].)(?:{_TITLE}|(?i:(?<=d)e[^\S\n]++heer|(?<=i)k[^\S\n]++heet"
    r"|(?<=m)ijn[^\S\n]++naam[^\S\n]++is|(?<=[zh])(?:ij|e)[^\S\n]++heet)(?![\w'’]))[^\S\n]++"
    rf"(?P<lower_name>{_LOWER_WORDS})"
)
#: A name: only capitalised words (mevrouw de burgemeester is none), with initials and tussenvoegsels (De Vries,
#: J. van der Berg, 't Hart); an age in brackets after it (Mohammed (14)) goes with it.
_NAME_PARTICLE = r"(?:[Vv]an|[Dd]e[nr]?|[Hh]et|[Tt]e[nr]?|[Ll][ae]|[Ii]n|'[Tt]|'s|[Ee]l|[Aa]l|[Bb]in|[Dd]a)"
_CAPITALISED = rf"(?:(?:{_NAME_PARTICLE}[^\S\n]+){{0,3}}[A-ZÀ-ÖØ-Þ][^\W\d_]*(?:['’-][^\W\d_]+)*(?!\w))"
#: An age is 1 to 3 digits without a leading 0 and with no more digits after it: the ", 06" or "(06)" of a phone
#: number (Gerda, 06-12345678) is none, so the name ends before it and the number is a phone number of its own.
_NO_MORE_DIGITS = r"(?![^\S\n]?[-‐‑–—./()]?[^\S\n]?\d)"
_AGE_IN_BRACKETS = rf"\s*\(\s*[1-9]\d{{0,2}}(?:\s*(?:jaar|jr\.?))?\s*\){_NO_MORE_DIGITS}"
_AGE = rf"(?:{_AGE_IN_BRACKETS})?"
_AGE_AFTER_COMMA = rf"[1-9]\d{{0,2}}{_NO_MORE_DIGITS}(?:[^\S\n]*(?:jaar|jr\.?))?"
#: One more person of a list after the first (wijkagenten Jan en Piet, Jan, Piet en Klaas): a capitalised word
#: that is no particle (Jan en De Kern is a place) and has no house number after it (Jan en Marktplein 3).
_ALSO_NAMED = (
    rf"(?!{_NAME_PARTICLE}(?!\w))[A-ZÀ-ÖØ-Þ][^\W\d_]*(?:['’-][^\W\d_]+)*(?!\w)"
    rf"(?:[^\S\n]+{_CAPITALISED}){{0,2}}(?![^\S\n]*+\d){_AGE}"
)
#: The rest of a list of people after the first: ", Piet en Klaas", " en Piet", " of Piet" (never "en het buurthuis").
#: At most 20 commas: each title would else read on to the end of a long run of capitalised words and commas
#: (a run without "en" at its end, which is no list: 45,000 characters took seconds).
_MORE_NAMED = rf"(?:(?:,[^\S\n]*+{_ALSO_NAMED}){{0,20}}+,?[^\S\n]++(?:en|of)[^\S\n]++{_ALSO_NAMED})?"
#: A person named after a title or relative, or introduced (Ik ben Anneke de Boer: a capitalised first word or
#: initials, so ik ben de enige, ik ben 67 and ik ben boos are none). One part for both: its first letter is read
#: first and looked back at, as this is tried at every position of a text.
_PERSON = (
    rf"[iImMdDfFbBjJoOhHzZsSwW](?<![\w'].)(?:{_TITLE}[^\S\n]+(?P<titled_name>(?:[A-Z]\.[^\S\n]?){{0,3}}{_CAPITALISED}"
    rf"(?:[^\S\n]+{_CAPITALISED}){{0,2}}{_AGE}{_MORE_NAMED})"
    rf"|{_INTRODUCING}[^\S\n]++(?P<introduced_name>(?:(?:[A-Z]\.[^\S\n]?){{1,3}}{_CAPITALISED}"
    rf"|[A-ZÀ-ÖØ-Þ][^\W\d_]*(?:['’-][^\W\d_]+)*(?!\w))(?:[^\S\n]+{_CAPITALISED}){{0,2}}"
    rf"(?:{_AGE_IN_BRACKETS}|,[^\S\n]*{_AGE_AFTER_COMMA})?))"
)
#: A house number referred to without its street: van nummer 12, op nummer 3a, huisnummer 7, bij nummer 5.
_NUMBER_WORD = (
    r"[vVoOhHbBnNtT](?<![\w'].)(?i:(?:(?<=v)an|(?<=o)p|(?<=b)ij|(?<=n)aast|(?<=t)egenover)\s++(?:nummer|nr\.?+)"
    r"|(?<=h)uisnummer)\s*+:?\s*+"
)
#: The same before a house number in words, nummer in lower case (see _PARTS).
_NUMBER_SAID_WORD = (
    r"[vVoOhHbBnNtT](?<![\w'].)(?:(?i:(?<=v)an|(?<=o)p|(?<=b)ij|(?<=n)aast|(?<=t)egenover)\s++nummer"
    r"|(?<=[hH])uisnummer)\s*+:?\s*+"
)
#: The words before a date of birth: geboren (op, op de, d.d.), geb. (or geb before digits), geboortedatum (is, :, ?).
_BORN_WORD = r"[gG](?<![\w'].)(?i:(?<=g)eb(?:oren|oortedatum|\.|(?=\s++\d))(?:\s*+(?:op|is|was|d\.d\.|de|:|\?))*\s*+)"
#: A day, month and year (12-03-1948, 12/3/48, 12 maart 1948, 12e maart, 3 mrt. '48, 1948-03-12) or a day and
#: month (12 maart). A month
#: ends at a word's end (review W: "Geboren: 2 meisjes" read "2 mei"); only an abbreviation takes a dot with it.
_MONTHS = rf"(?:{'|'.join(MONTHS)})(?!\w)|(?:{'|'.join(SHORT_MONTHS)})(?:\.|(?!\w))"
_BIRTH_DATE = (
    rf"(?:\d{{1,2}}(?:[-./]\d{{1,2}}[-./](?:19|20)?\d\d|(?i:e|ste|de)?\s*+(?i:{_MONTHS})"
    r"(?:\s*+(?:(?:19|20)\d\d|'\d\d))?)|(?:19|20)\d\d-\d{1,2}-\d{1,2}"
    # the day in words (geboren op twaalf maart): sweep12 F10
    rf"|{NUMBER_SAID}\s++(?i:{_MONTHS})(?:\s*+(?:(?:19|20)\d\d|'\d\d))?)(?!\d)"
)
#: A date of birth before geboren (Op 12-03-1948 geboren, 12 maart 1948 ben ik geboren): sweep12 F10.
_BORN_BEFORE = (
    rf"(?=\d)(?<![\w./-])(?:{_BIRTH_DATE})"
    r"(?=[^\S\n]++(?:(?:ben|is|was|werd)[^\S\n]++(?:ik[^\S\n]++)?)?(?i:geboren)(?!\w))"
)
#: A number plate's six capitals and digits in three groups, each all capitals or all digits, both kinds among them.
_PLATE = (
    r"(?=[A-Z\d-]{8}(?![\w-]))(?=[A-Z\d-]{0,7}\d)(?=[A-Z\d-]{0,7}[A-Z])"
    r"(?:[A-Z]{1,3}|\d{1,3})-(?:[A-Z]{2,3}|\d{2,3})-(?:[A-Z]{1,3}|\d{1,3})"
)
#: A point in degrees, minutes and (optional) seconds: 52°16'12"N 6°46'17"E, 52° 16′ 12″ NB, 6° 46′ 17″ OL
#: (_DMS follows the degrees).
_DMS = r"""\s?°\s?\d{1,2}(?:[.,]\d+)?\s?['′’](?:\s?\d{1,2}(?:[.,]\d+)?\s?(?:["″”]|''|′′))?\s?(?:NB|OL|[NEOZSW])?"""
#: (group, placeholder, pattern), tried left to right at each position of a text.
_PARTS = [
    # Each starts only where its first run of characters starts (the look-behinds): tried from every position of a
    # long word, they took quadratic time (8,000 characters without a space: 1.7 s).
    # An address said aloud (anja punt de vries apenstaartje gmail punt com) is read from its last word before the
    # at: the words before that go with it (see scrub_spoken.local_start). The name part is read once (possessive:
    # no character of it can open the at).
    (
        "email",
        "[e-mail]",
        rf"(?i:(?<![\w.+-])[\w.+-]++(?:{_AT}[\w-]+(?:{_DOT}[\w-]+)+|{_AT_WORD}[\w-]+(?:{_DOT}[\w-]+)*{_DOT}{_DOMAIN_END}))",
    ),
    (
        "url",
        "[link]",
        r"(?i:\b(?:https?://|www\.)[^\s<>\"']*[^\s<>\"'.,;:!?)\]]|(?<![\w.-])[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/[^\s<>\"']*[^\s<>\"'.,;:!?)\]])",
    ),
    ("iban", "[rekening]", r"\b(?i:NL)\d{2}\s?[A-Z]{4}(?:\s?\d){10}\b"),
    # Dutch (not a date such as 01-02-2024 followed by a number), then any other country's (+49 151 ..., 0032 ...);
    # also glued to a word before it (Gerda06-12345678), which is no reason to publish it. A bracket before it goes
    # with it only when it closes after the area code: (0341) 123456, but (06-12345678) keeps its own.
    (
        "phone",
        "[telefoon]",
        rf"(?<![\d+])(?:(?!\d{{1,2}}(?P<datesep>[-./])\d{{1,2}}(?P=datesep)(?:19|20)\d\d(?!\d))"
        rf"(?:(?:\+|00)\s?31\s?(?:\(0\)\s?)?(?:[-.]\s?)?|(?:\((?=0\d{{1,3}}\)))?0){_DIGITS9}"
        rf"|(?:\+|00)\s?[1-9]\d{{0,2}}\s?(?:\(0\)\s?)?(?:[-.]\s?)?\d(?:{_SEP}\d){{5,11}}"
        # +31 without its + as WhatsApp copies it (31612345678, 31 6 12345678): sweep12 F10; glued, any area, or a
        # mobile number with separators.
        rf"|(?<![\w.,€-])31(?:[1-9]\d{{8}}|\s?6(?:{_SEP}\d){{8}}))(?!\d)",
    ),
    # A Dutch phone number said aloud (nul zes, twaalf, vierendertig, ...; 06 twaalf 34 56 78): a run of numbers that
    # opens with nul, 0, + or plus, kept unless its first numbers spell one (see scrub_spoken.phone_end).
    ("spoken_phone", "[telefoon]", SPOKEN_NUMBERS),
    # A mobile number said without its nul (bel me op zes twaalf vierendertig ...): only after a word that says a
    # number follows, which stays (see scrub_spoken.mobile_end).
    ("spoken_mobile", "[telefoon]", SPOKEN_MOBILE),
    ("bsn_named", "[bsn]", rf"{_BSN_WORD}(?P<bsn_digits>\d(?:[\s.-]?\d){{7,8}})(?!\d)"),
    # Any other 9 digits (123456782, 123.456.782, 1234.56.782) only when they pass the 11-proef, as every BSN does.
    (
        "bsn",
        "[bsn]",
        r"(?<![\w.,+€-])(?<!€\s)(?:\d{3}(?:[ .-]?\d{3}){2}|\d{4}\.\d{2}\.\d{3})(?!\w|[.,-]\d|\s?(?:euro|%))",
    ),
    # Not the degrees of a point after it (3852 AB, 52°16'12"N 6°46'17"E).
    ("postcode", "[adres]", rf"{_PC6_ADDRESS.pattern}(?!\s?°)"),
    ("pc6", "[adres]", _PC6_ALONE),
    ("street", "[adres]", _STREET_ADDRESS.pattern),
    ("street_said", "[adres]", _STREET_SAID),
    ("street_first", "[adres]", _STREET_FIRST),
    ("lives_on", "[adres]", _LIVES_ON),
    ("lives_at", "[huisnummer]", _LIVES_AT),
    ("plural_family", "[naam]", _PLURAL_FAMILY),
    ("person", "[naam]", _PERSON),
    ("lower_named", "[naam]", _LOWER_NAMED),
    ("number_word", "[huisnummer]", rf"{_NUMBER_WORD}(?P<house_number>{_HOUSE_NUMBER})"),
    # In words (op nummer veertien, van nummer drieëntwintig, huisnummer achtenveertig): after op, and een or één
    # after any word, only beside a home (see _placeholder): op nummer één is a ranking more often than not.
    # The word nummer in lower case: a place of that name is written with capitals (bij Nummer Eén en omgeving).
    ("number_said", "[huisnummer]", rf"{_NUMBER_SAID_WORD}(?P<house_said>{NUMBER_SAID})(?![^\S\n]*+(?i:hoog)(?!\w))"),
    # A date of birth beside the buurt names nearly one person (user test M: "Ik ben geboren op 12-03-1948" stayed);
    # a year alone stays ("geboren in 1948", "van 1948").
    ("born", "[geboortedatum]", rf"{_BORN_WORD}(?P<born_on>{_BIRTH_DATE})"),
    ("born_before", "[geboortedatum]", _BORN_BEFORE),
    # A house number that closes a sentence or clause of its own, often beside the street it belongs to: "Ik woon
    # aan de Dennenstraat. Nummer 4.", "Flat Berflo Esweg, derde portiek, nummer 110." (user test M: kept). Not
    # after a word ("Bel nummer 112.") nor before one ("Nummer 1 is voor mij veiligheid"), nor a list item ("Nummer 1:
    # de veiligheid."); and only beside an address (see at_an_address): a ranking or answer ("Wat is het
    # belangrijkst? Nummer 1.", "De buurtbus, nummer 4, rijdt niet meer.") says nobody's home (review W M2). Also in
    # words ("Ik woon in de Stationsstraat, nummer twaalf.") and 112 beside a flat ("Ik zit in de flat, nr. 112."):
    # sweep12 F3.
    (
        "number_alone",
        "[huisnummer]",
        r"[nN](?<![\w'].)(?<![^.,;:!?]\s.)(?i:(?<=n)ummer\s*+|(?<=n)r(?:\.\s*+|\s++))"
        rf"(?P<house_alone>{HOUSE_DIGITS}|{NUMBER_SAID})"
        r"(?=\s*+(?:[.,;!?)]|$))",
    ),
    # A Dutch number plate (AB-123-C, 12-ABC-3, 1-ABC-23, XX-99-99): a car outside the door points to one household.
    # Three groups of capitals or digits, six in all, both kinds among them, as every sidecode since 1951 has them;
    # in lower case only after the word kenteken (kenteken ab-123-c), so that an ordinary hyphenated word stays.
    ("plate", "[kenteken]", rf"(?<![\w-]){_PLATE}(?![\w-])"),
    (
        "plate_named",
        "[kenteken]",
        rf"[kK](?<![\w'].)(?i:(?<=k)enteken\s*+(?:is\s*+|:\s*+)?)(?P<plate_lower>(?i:{_PLATE}))(?![\w-])",
    ),
    ("dms", "[coördinaten]", rf"\d(?<![\w.,]\d)\d{{0,2}}{_DMS}\s*+[,;]?\s*+\d{{1,3}}{_DMS}"),
    # Kept when the numbers are no point in NL, or read as amounts (see is_point).
    (
        "point",
        "[coördinaten]",
        rf"(?<![\w.,-])(?!\s)(?=(?i:[a-z]{{0,6}})\s*+[:=(]?\s*+[:=(]?\s*+-?\d)(?i:{_POINT.pattern})(?!\w|[.,]\d)",
    ),
    ("handle", "[account]", r"(?<![\w.@/])@\w+(?:\.\w+)*"),
]
#: The names of :mod:`.person_names` (read after the names a project lists) and each placeholder.
_PLACEHOLDERS = {group: placeholder for group, placeholder, _ in _PARTS} | dict.fromkeys(
    ("name", *_NAME_KINDS), "[naam]"
)
#: Groups of a person's name that is kept when it names a place, organisation or ordinary word (see
#: :func:`~buurtdata.sources.interviews.person_names.kept`); a name the project lists always goes.
_NAME_GROUPS = frozenset({"person", *_NAME_KINDS})
#: Groups whose opening word stays: group -> the inner groups, one of which the placeholder replaces.
_KEPT_WORD = {
    "bsn_named": ("bsn_digits",), "person": ("titled_name", "introduced_name"), "number_word": ("house_number",),
    "number_alone": ("house_alone",), "born": ("born_on",), "plate_named": ("plate_lower",),
    "number_said": ("house_said",),
    "spoken_mobile": ("mobile_start",), "lives_at": ("lives_number",), "lives_on": ("home_street",),
    "plural_family": ("family_name",),
} | _NAME_KEPT_WORD  # fmt: skip
#: Groups of a postcode, which keeps its 4 digits in a written location or reason (see scrub_locations).
_POSTCODE_GROUPS = ("postcode", "pc6")


#: Contact details, read before anything else (see _scrubbed).
_CONTACT_GROUPS = (
    "email", "url", "iban", "phone", "spoken_phone", "spoken_mobile", "bsn_named", "bsn", "postcode", "pc6",
)  # fmt: skip


def _alternation(parts: Iterable[tuple[str, str, str]]) -> list[str]:
    # The group closes each part, so a part that opens with a character class is skipped at a glance (re tries
    # every part at every position of a text; entering one that then fails costs more than its first test).
    return [f"(?:{pattern})(?P<{group}>)" for group, _, pattern in parts]


_CONTACT = re.compile("|".join(_alternation(part for part in _PARTS if part[0] in _CONTACT_GROUPS)))
#: The written contact details alone: tried again where a number said aloud opens (see scrub._written_first), as a
#: BSN with a leading 0 (012 345 672, 012345672 12 keer) opens like one (review z H1).
_CONTACT_WRITTEN = re.compile(
    "|".join(_alternation(part for part in _PARTS if part[0] in _CONTACT_GROUPS and not part[0].startswith("spoken_")))
)


def eleven_proof(text: str) -> bool:
    """Whether 9 digits pass the 11-proef of a BSN: 9a + 8b + ... + 2h - i is a multiple of 11."""
    digits = [int(c) for c in text if c.isdigit()]
    return sum(d * w for d, w in zip(digits, (9, 8, 7, 6, 5, 4, 3, 2, -1), strict=True)) % 11 == 0


def is_point(text: str) -> bool:
    """Whether a pair of numbers in running text is a point: RD metres of 5 digits or more, or lat/lon with at
    least 4 decimals (a Dutch amount has groups of 3: ``52.250, 6.500`` is money)."""
    point = _coordinates(text)
    if point is None:
        return False
    numbers = re.findall(r"\d+(?:[.,]\d+)?", text)
    if point[2] == "EPSG:28992":
        return all(len(re.split(r"[.,]", n)[0]) >= 5 for n in numbers)
    return all(len(n) - len(re.split(r"[.,]", n)[0]) - 1 >= 4 for n in numbers)
