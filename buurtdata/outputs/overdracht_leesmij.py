"""The LEESMIJ.txt of an overdrachtsdossier (:mod:`buurtdata.outputs.overdracht`): in Dutch, what the dossier holds,
how to build from it, what stayed behind, and how to go on with it as a project of one's own."""

from __future__ import annotations

import textwrap

from buurtdata import __version__
from buurtdata._text import counted
from buurtdata.dossier import MANIFEST
from buurtdata.rounds import Round

#: What the successor opens first: in Dutch, what the dossier holds and how to build from it (user test).
README = "LEESMIJ.txt"
_FOLDERS = {
    "bronnen": "de CBS-cijfers en de buurtgrenzen (Bron: CBS, CC BY 4.0)",
    "fragmenten": "de interviewfragmenten: met pseudoniemen, zonder namen en adressen; zonder toestemming geen citaat",
    "codeboeken": "de codeboeken van de interviews",
    "afspraken": "de afspraken per gespreksronde (CSV in UTF-8; alleen de kolommen buurt, thema, afspraak, wie, "
    "terugkijken en gemeente; bij 'wie' geen namen van personen)",
    "uitvoer": "het rapport zoals het bij de overdracht was",
}
#: How the CSVs of fragmenten/, codeboeken/ and afspraken/ open (:func:`buurtdata._spreadsheet.excel_csv`).
_EXCEL = (
    "De CSV-bestanden openen in Excel als tabel: de kolommen staan gescheiden door een puntkomma (;), de tekst in "
    "UTF-8. Sla een bestand dat u verandert weer op als CSV."
)
#: uitvoer/ when the command built it (no --outputs): not the report (user test B: the LEESMIJ said it was).
_BUILT = (
    "de database, de GeoPackage en de kaarten zoals ze bij de overdracht waren (geen rapport, handouts of notebooks)"
)


def leesmij(
    name: str,
    zipped: str,
    folders: list[str],
    *,
    fictional: str | None,
    built: bool = False,
    rounds: list[str] = (),
    left_behind: list[str] = (),
    interviews: bool = True,
) -> str:
    """The dossier's LEESMIJ.txt: what is in it, how to build from it, what stayed behind, and how to go on with it
    as a project of one's own: a round of one's own, another codebook, a withdrawn consent (user test B: followed
    literally, it said only to delete manifest.json, and nothing of how the next round joins the earlier ones).

    It speaks only of what the dossier holds (sweep 12 places #7): without ``interviews`` (no [interviews] in its
    project.toml) not of changing that block, of another codebook or of the agreements on the handouts; without
    ``fragmenten/`` not of pseudonyms or scrubbed quotes; without ``afspraken/`` not of agreements.
    """
    described = _FOLDERS | ({"uitvoer": _BUILT} if built else {})
    held = "".join(f"{_wrapped(f'{folder}/: {described.get(folder, folder)}')}\n" for folder in folders)
    if {"fragmenten", "codeboeken", "afspraken"} & set(folders):  # written for Dutch Excel (sweep 13 #6)
        held += f"{_wrapped(_EXCEL)}\n"
    listed = "".join(f"- {label}\n" for label in rounds)
    behind = "".join(f"{_wrapped(line)}\n" for line in left_behind)
    quoted = "fragmenten" in folders
    steps = [
        f"Pak het dossier uit in een nieuwe map en verwijder daar {MANIFEST}. (Zolang het er staat, weigert\n"
        "   buurtdata elk bestand dat u verandert: zo blijft het dossier zoals het werd overgedragen.)\n",
        (
            "Uw eigen gespreksronde: verander in project.toml de kop [interviews] in [[rounds]] (label, period en de\n"
            "   bestanden blijven staan; zet het blok onder de andere [[rounds]], de oudste eerst) en zet uw eigen\n"
            "   fragmenten en codeboek onder een nieuw [interviews], met een eigen label, period en consent.\n"
            if interviews
            else "Houdt u zelf gesprekken? Zet dan in project.toml een blok [interviews] met uw fragmenten en\n"
            "   codeboek, en met een label, period en consent.\n"
        ),
    ]
    if interviews:
        steps.append(
            "Een ander codeboek: zet onder elke oude ronde een [rounds.mapping] met wat er van een oud thema of een\n"
            '   oude code werd, bijvoorbeeld "Eenzaamheid" = "Sociale verbinding". buurtdata noemt elk thema dat nog\n'
            "   een plek nodig heeft. Pas ook de thema's bij [[links]] en [maps] aan.\n"
        )
    if interviews and "afspraken" in folders:
        steps.append("De afspraken in afspraken/ komen terug op uw handouts, onder 'Sinds het vorige gesprek'.\n")
    if quoted:
        steps.append(
            "Trekt iemand uit een eerdere ronde zijn toestemming in? De fragmenten dragen een pseudoniem (R-...);\n"
            "   welk pseudoniem bij wie hoort, weet alleen de organisatie die de ronde hield: die heeft de sleutel.\n"
            "   Vraag haar om het pseudoniem. Zij vindt het met\n"
            "       buurtdata pseudoniem --project project.toml <code van de geïnterviewde, zoals B01>\n"
            "   (met haar eigen project.toml). Verwijder in fragmenten/ alle regels met dat pseudoniem en bouw "
            "opnieuw.\n"
            "   Vindt u geen regels met dat pseudoniem, vraag dan opnieuw: dan klopt de code niet.\n"
            "   (Mag alleen het citaat niet meer gebruikt worden: zet bij die regels toestemming op nee.)\n"
        )
    not_held = (
        "- De sleutel van de pseudoniemen: u maakt uw eigen. De pseudoniemen verschillen dan, de aantallen niet.\n"
        "- De namenlijst van het project: de citaten zijn al geschoond. Zet de namen die u zelf uit citaten wilt\n"
        "  halen onder [privacy] names.\n"
        if quoted or interviews
        else ""
    )
    return (
        f"Overdrachtsdossier {name}, gemaakt met buurtdata {__version__}.\n"
        + (f"{fictional}\n" if fictional else "")
        + "\n"
        "Wat erin zit\n"
        "- project.toml: het projectbestand; de paden wijzen naar de bestanden in dit dossier.\n"
        f"{held}"
        f"- {MANIFEST}: een controlegetal van elk bestand.\n"
        + (f"\nDe gespreksrondes in dit dossier (de oudste eerst)\n{listed}" if rounds else "")
        + "\n"
        "Opnieuw bouwen\n"
        f"    buurtdata report --project {zipped} --out rapport\n"
        "of, als u het dossier hebt uitgepakt, --project project.toml. buurtdata kijkt eerst of elk bestand nog is\n"
        "zoals het werd ingepakt. Verander niets in het dossier zelf: bewaar het zoals u het kreeg.\n"
        + (f"\nWat er niet in zit\n{not_held}{behind}" if not_held or behind else "")
        + "\n"
        "Verder werken als een eigen project\n" + "".join(f"{number}. {step}" for number, step in enumerate(steps, 1))
    )


def _wrapped(line: str) -> str:
    """A LEESMIJ item: ``- `` and the text wrapped at 110 characters, its next lines indented under the text."""
    return textwrap.fill(line, 110, initial_indent="- ", subsequent_indent="  ", break_on_hyphens=False)


def dutch_withheld(stayed_in: list[tuple[str, int]], *, several: bool) -> str:
    """The respondents of ``no_handover`` who stayed behind, as the LEESMIJ says it: how many of which round."""
    if len(stayed_in) == 1:
        ((label, count),) = stayed_in
        said = (
            f"De fragmenten van {counted(count, 'geïnterviewde', 'geïnterviewden')} die geen toestemming "
            f"{'gaf' if count == 1 else 'gaven'} voor overdracht, uit de gespreksronde '{label}'."
        )
    else:
        each = ", ".join(f"{count} uit de gespreksronde '{label}'" for label, count in stayed_in)
        said = f"De fragmenten van de geïnterviewden die geen toestemming gaven voor overdracht: {each}."
    return (
        said
        + (" Wie in één ronde geen toestemming gaf, bleef uit elke ronde weg." if several else "")
        + " De aantallen in dit dossier, ook in uitvoer/, zijn daarom lager dan in het rapport van de vorige "
        "organisatie."
    )


def dutch_omitted(one: Round, unread: list[str]) -> str:
    """A round that stayed behind, as the LEESMIJ says it, and where its agreements are when they were packed.

    ``geen overdracht`` is also the default: it says no consent to pass was recorded, not that residents refused.
    """
    agreed = f"afspraken/ronde_{one.number}.csv"
    return (
        f"Voor de gespreksronde '{one.label}' is geen toestemming voor overdracht vastgelegd (consent = "
        '"geen overdracht"). Haar fragmenten en codeboek bleven bij de vorige organisatie; ook haar aantallen zitten '
        "niet in dit dossier."
        + (
            f" Haar afspraken staan in {agreed}, om te lezen: zonder de fragmenten kan buurtdata er niet op "
            "terugkijken."
            if agreed in unread
            else ""
        )
    )
