"""Each rule of spoken Dutch (tests/spoken.py) on its own good and bad examples."""

import pytest
import spoken


@pytest.mark.parametrize(
    ("rule", "good", "bad"),
    [
        (
            spoken.code_leftovers,
            ["De gemiddelde WOZ-waarde is 241 duizend euro.", "Zie BU01640501_berflo_es_noord.pdf of kaarten/wand_x."],
            ["gemiddelde_woz is hoger", "Wijk: None", "aandeel: nan", "NaN", "getoond: True", "Vraag over {thema}?"],
        ),
        (
            spoken.english_leftovers,
            ["Wat mensen noemden", "4 mensen noemen eenzaamheid"],
            ["3 respondents", "segment 12", "indicator: inwoners", "Theme: Wonen"],
        ),
        (
            spoken.dutch_numbers,
            [
                "17.942.942 inwoners",
                "13,9\u00a0%",
                "83.058",
                "in 2024",
                "postcode 7551",
                "BU01640501, GM0164, 85984NED",
                "om 19.30 uur",
                "op 15-05-2024",
                "kleur #404040",
                "0,125",
                "1.475 → 1.540",
                "wijk- en buurtkaart; CC BY 4.0",
            ],
            ["17942942 inwoners", "17,942,942", "1,500 euro", "3.0", "13.9\u00a0%", "1.5000"],
        ),
        (
            spoken.number_with_unit,
            ["13,9\u00a0%", "15\u00a0tot\u00a025\u00a0jaar", "250\u00a0euro", "noemen 4 mensen"],
            ["13,9 %", "15 tot 25 jaar", "250 euro", "per 1.000 inwoners"],
        ),
        (
            spoken.agreement,
            ["1 persoon", "2 mensen", "0 personen", "1\u00a0buurt", "12 vragen", "1 op de 5 mensen"],
            ["1 mensen", "3 persoon", "2 vraag bij 1 buurten", "1\u00a0personen", "1.500 inwoner"],
        ),
        (
            spoken.raw_units,
            ["241 duizend euro", "7.217 inwoners per km²"],
            ["x 1 000 euro", "aantal inwoners per km²", "per km² land"],
        ),
        (
            spoken.doubled,
            ["Ze zei dat dat kon.", "Inhoud per wijk\nWijk 01 Hengelose Es", "4 4 4"],
            ["de de buurt", "Wat  mensen noemden", "Wonen wonen"],
        ),
        (
            spoken.sentence_length,
            ["Herkent u dat? Wat zou hier helpen?", " ".join(["woord"] * 25) + "."],
            [" ".join(["woord"] * 26) + ".", "Kort. " + " ".join(["woord"] * 30)],
        ),
        (
            spoken.misspellings,
            ["Evenveel mensen noemen dit thema nu (3).", "Het is even stil."],
            ["Even veel mensen noemen dit thema", "evenveel of even\u00a0veel"],
        ),
        (
            spoken.verb_agreement,
            [
                "1 persoon noemde",
                "noemde 1 persoon",
                "3 mensen noemden",
                "noemden verder 3 mensen",
                "niemand noemde",
                "1 fragment uit de interviews staat op geen blad",
                "12 fragmenten staan",
                "een thema met minder dan 3 personen staat er niet",
            ],
            [
                "1 persoon noemden",
                "noemden 1 persoon",
                "3 mensen noemde",
                "noemde verder 2 mensen",
                "noemt 4 mensen",
                "1 fragment uit de interviews staan op geen blad",
                "Zo. 2 fragmenten staat",
            ],
        ),
        (
            spoken.count_lists,
            [
                "In Wijk 00 Ermelo noemden verder 6 mensen jongeren en 3 mensen ontmoeten.",
                "Eenzaamheid: 4 mensen",
                "Ze gaan niet over echte mensen: het is bedacht.",
            ],
            [
                "In Wijk 00 Ermelo noemden verder 6 mensen: Jongeren; 3 mensen: Ontmoeten.",
                "noemde 1 persoon: geldzorgen",
                "noemden 4\u00a0mensen; wonen",
            ],
        ),
        (
            spoken.bare_infinitive,
            [
                "In de interviews noemden 3 mensen activiteiten die bewoners samen ondernemen.",
                "noemden 2 mensen plekken om elkaar te ontmoeten",
                "noemden 4 mensen het wonen; wat speelt er?",
                "Samen doen",
            ],
            ["In de interviews noemden 3 mensen samen dingen ondernemen.", "noemde 1 persoon sporten, en meer"],
        ),
        (
            spoken.file_names,
            ["zie ‘Vragen per buurt’ in het rapport", "Bron: CBS (85984NED)", "Het is 3.5 uur."],
            ["zie vragen.html in het rapport", "buurtdata.duckdb", "zie gemeenten.csv"],
        ),
        (
            spoken.fictional_counts_called_real,
            ["VOORBEELD: de interviews zijn FICTIEF, en dus ook de aantallen; de buurtgrenzen zijn echt (CBS)."],
            ["VOORBEELD: de interviews zijn FICTIEF; de cijfers zijn echt (CBS)."],
        ),
        (
            spoken.jargon,
            ["# Kerncijfers op elke handout (6 tot 8 cijfers).", "Een cijfer wijkt af (▲/▼ op de handout)."],
            ["6-8 sleutels uit pipelines/seeds/indicators.csv", "Een cijfer 'wijst'", "cijfers die het koppelt"],
        ),
        (
            spoken.said_twice,
            [
                "Wat mensen nu zeggen: in het najaar van 2025 noemden meer mensen dit thema dan in het najaar van "
                "2024 (3 → 5).",
                "Wat speelt er nu? Wat zou nu helpen?",
            ],
            ["Wat mensen nu zeggen: meer mensen noemen dit thema nu (3 → 5).", "Nu is het nu stil."],
        ),
        (
            spoken.unchanged_change,
            ["Eenzaamheid: 3 → 5 personen", "1.475 → 1.540", "inwoners 1.050 (2020) → 1.050 (2024)", "13 → 3"],
            ["Veiligheid: 3 → 3 personen", "1.475 → 1.475 inwoners", "van 3 → 33 → 33"],
        ),
        (
            spoken.role_as_name,
            ["Eenzaamheid: 3 mensen (3 bewoners)", "5 mensen (3 bewoners; 3 ondernemers)", "1 professional"],
            [
                "Eenzaamheid: 3 personen (bewoner 3)",
                "(bewoner 3; ondernemer\u00a03)",
                "professional 12",
                "onbekend 3",
                "Bewoner 3 zei",
            ],
        ),
        (
            spoken.bracketed_word,
            ["de cijfers zijn echt (CBS).", "af van Hengelo (O.) en", "nu (3 → 5)", "(nog 2 uitspraken: zie blad 2)"],
            [
                "Cijfers daarover hebben we (nog) niet.",
                "‘geheim’: geen (betrouwbaar) cijfer",
                "heeft (nog)\u00a0geen",
                "(Nog) geen cijfers.",
            ],
        ),
        (
            spoken.mixed_address,
            [
                "Herkent u dat? Wat laten de cijfers niet zien?",
                "Je loopt langs elkaar heen.",
                "Wat zou uw buurt helpen?",
            ],
            [
                "maar anders dan je misschien zou verwachten. Herkent u dat?",
                "Ziet u wat jij ziet?",
                "Je ziet hier weinig. Herkent u dat?",
                "U ziet het, zoals je weet.",
            ],
        ),
        (
            spoken.place_letters,
            [
                "De cijfers wijken af van die van heel Hengelo: ...",
                "de gemeente Bergen",
                "(O.)",
                "Den Haag (ook 's-Gravenhage)",
            ],
            [
                "De cijfers wijken af van Hengelo (O.): ...",
                "af van Bergen\n(NH.)",
                "niet af van Beek (L.).",
                "van Hengelo (Gld.)",
            ],
        ),
        (
            spoken.people_counted,
            ["Eenzaamheid: 3 mensen", "1 persoon", "VOORBEELD: FICTIEF (geen echte personen)", "3 → 5 mensen"],
            ["Eenzaamheid: 3 personen", "3 → 5 personen", "minder dan 3\u00a0personen staat er"],
        ),
        (
            spoken.statistics_words,
            ["Noemden te weinig mensen een thema, dan staat het er niet, voor hun privacy.", "mensen die we spraken"],
            ["Minder dan de privacydrempel wordt niet genoemd.", "3 respondenten", "de mediaan", "Pseudoniem: R-1"],
        ),
        (
            spoken.bare_season,
            [
                "In het voorjaar van 2025 noemden meer mensen dit thema dan in het najaar van 2023 (3 → 4).",
                "in de zomer van 2024",
                "De verhalen komen uit 2 gespreksrondes: najaar 2023 en voorjaar 2025.",
            ],
            ["In voorjaar 2025 noemden meer mensen dit thema", "dan in najaar 2023", "is in\u00a0zomer 2024 met"],
        ),
        (spoken.cbs_source, ["Bron: CBS, Kerncijfers wijken en buurten 2024 (85984NED)"], ["Bron: gemeente", ""]),
        (
            spoken.figures_from_a_place,
            [
                "De cijfers wijken af van die van heel Ermelo: het aandeel is hier hoger.",
                "Toch wijken de cijfers over wonen niet af van die van heel Hengelo. Herkent u dat?",
                "waar de cijfers het meest afwijken van de gemeente",
                "hoger dan in de gemeente",
                "lager dan gemiddeld",
            ],
            [
                "hoger dan de gemeente",
                "lager dan Nederland",
                "De cijfers wijken af van Ermelo: het aandeel is hier hoger.",
                "Toch wijken de cijfers over wonen niet af van Hengelo.",
                "De cijfers wijken wel af van\u00a0Amsterdam, maar anders",
            ],
        ),
        (
            spoken.double_brackets,
            ["Buurtgesprekken voorjaar 2026 (nieuwe organisatie), fictief: geen echte personen", "Hengelo (O.)"],
            ["Buurtgesprekken voorjaar 2026 (nieuwe organisatie) (fictief, geen echte personen)", "(a)(b)"],
        ),
        (
            spoken.signal_tags,
            ["Over eenzaamheid: cijfers en verhalen wijzen dezelfde kant op.", "(nog 2 uitspraken: zie blad 2)"],
            ["Herkent u dat? (samen: eenzaamheid)", "(verschil: ontmoeten)", "(alleen cijfers: wonen)"],
        ),
    ],
    ids=lambda value: getattr(value, "__name__", "") if callable(value) else "",
)
def test_each_rule_passes_its_good_examples_and_catches_its_bad_ones(rule, good, bad):
    for text in good:
        assert rule(text) == [], (text, rule(text))
    for text in bad:
        assert rule(text), text


def test_every_rule_is_documented_with_its_exceptions():
    for rule in [
        *spoken.LINE_RULES,
        spoken.sentence_length,
        spoken.cbs_source,
        spoken.bare_infinitive,
        spoken.mixed_address,
        spoken.place_letters,
        spoken.statistics_words,
        spoken.file_names,
        spoken.fictional_counts_called_real,
        spoken.jargon,
    ]:
        assert rule.__doc__ and len(rule.__doc__) > 40, rule.__name__


def test_problems_says_which_rule_and_quotes_the_text():
    found = spoken.problems("1 mensen noemen gemiddelde_woz 17942942 keer.")
    assert "one with a plural '1 mensen'" in found
    assert "code key 'gemiddelde_woz'" in found
    assert "number without thousands points '17942942'" in found


def test_page_rules_only_when_asked():
    long_line = " ".join(f"woord{i}" for i in range(30))
    assert spoken.problems(long_line, sentences=False) == []
    assert spoken.problems(long_line)
    assert spoken.problems("Geen bron.", source=True) == ["no 'Bron: CBS' on a page with CBS figures"]
    assert spoken.problems("Aandeel inwoners 65 jaar of ouder", wrapped=False) == []
    assert spoken.problems("Aandeel inwoners 65 jaar of ouder")


def test_report_names_where_each_text_was_read():
    assert spoken.report([("blad 1", "1 mensen"), ("blad 2", "2 mensen")]) == [
        "blad 1: one with a plural '1 mensen' in '1 mensen'"
    ]
