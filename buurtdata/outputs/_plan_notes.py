"""What the buurttoekomstplan says about its themes' table (:mod:`.toekomstplan`): the legend of its cells, and the
sentence below a table that lists no theme because nobody, or too few people, of the buurt were heard.

The same on the plan's page and in its PDF. A round of 1 to k-1 people heard shows ‘te weinig gesprekken’ on every
theme (user test V, left A); a round that heard nobody shows ‘niet gesproken’.
"""

from __future__ import annotations

from typing import Any

from buurtdata._text import ONE_COUNTS_PLAN, THIN_COUNTED, and_nl, when_said

#: A round's cell of a buurt where only 1 to k-1 people were heard in it: the same on every theme (user test V, left A).
THIN = "te weinig gesprekken"
#: A round's cell where nobody of the buurt was spoken with: "–" would read as if people were asked (user test).
UNHEARD = "niet gesproken"


def themes_note(threshold: int, *, unheard: bool = False, thin: bool = False) -> str:
    """What the themes' table shows, the same on the plan's page and in its PDF: its cells say ‘te weinig’ and ‘–’,
    (``unheard``) ‘niet gesproken’ and (``thin``) ‘te weinig gesprekken’."""
    # A threshold of 1 leaves nothing too few: "minder dan 1 mensen" is no count (user test T).
    few = f"minder dan {threshold} mensen in een ronde staat er als ‘te weinig’, " if threshold > 1 else ONE_COUNTS_PLAN
    note = f"Aantal mensen per thema en ronde; {few}niemand als ‘–’."
    note += f" ‘{UNHEARD}’: in die ronde is in deze buurt met niemand gesproken." if unheard else ""
    return note + (f" ‘{THIN}’: {THIN_SAID[:1].lower()}{THIN_SAID[1:]}" if thin else "")


#: What a round of a buurt where only 1 to k-1 people were heard shows, said once for the plan.
THIN_SAID = (
    f"In die ronde spraken we in deze buurt met te weinig mensen om per thema iets te laten zien. {THIN_COUNTED}"
)


def few_heard(rounds: list[str]) -> str:
    """What a plan says instead of an empty table when too few people of the buurt were heard in the rounds shown
    (and nobody in the others: :func:`under_table` says those too), so no theme can be told apart (user test V,
    left A).

    >>> print(few_heard(["najaar 2023", "voorjaar 2025"]))  # doctest: +ELLIPSIS
    In het najaar van 2023 en in het voorjaar van 2025 spraken we in deze buurt met te weinig mensen. Per thema ...
    """
    said = and_nl([when_said(period) for period in rounds])
    return (
        f"{said[:1].upper()}{said[1:]} spraken we in deze buurt met te weinig mensen. Per thema laten we daarom niets "
        f"zien. {THIN_COUNTED}"
    )


def nobody_heard(rounds: list[str]) -> str:
    """What a plan says instead of an empty table when nobody of the buurt was spoken with in any round.

    >>> nobody_heard(["najaar 2024", "voorjaar 2025"])
    'In het najaar van 2024 en in het voorjaar van 2025 is in deze buurt met niemand gesproken.'
    """
    said = and_nl([when_said(period) for period in rounds])
    return f"{said[:1].upper()}{said[1:]} is in deze buurt met niemand gesproken."


def under_table(plan: dict[str, Any]) -> str:
    """What is said below an empty themes' table: nobody was heard in any round, or too few in the rounds where any
    were (the table then lists no theme: those few told apart nothing), and then nobody in the others too: a round
    nobody explains stays an empty column (review aa T5). Said in the rounds' order.

    >>> plan = {"rounds": ["najaar 2023", "voorjaar 2025"], "themes": [], "thin": ["voorjaar 2025"]}
    >>> print(under_table(plan | {"unheard": ["najaar 2023"]}))  # doctest: +ELLIPSIS
    In het najaar van 2023 is in deze buurt met niemand gesproken. In het voorjaar van 2025 spraken we in deze ...
    """
    if nobody_heard_in_any(plan):
        return nobody_heard(plan["unheard"])
    if not (plan["rounds"] and not plan["themes"] and plan["thin"]):
        return ""
    said = [few_heard(plan["thin"])]
    if plan["unheard"]:
        rounds = plan["rounds"]
        first = rounds.index(plan["unheard"][0]) < rounds.index(plan["thin"][0])
        said.insert(0 if first else 1, nobody_heard(plan["unheard"]))
    return " ".join(said)


def thin_in_table(plan: dict[str, Any]) -> bool:
    """Whether a cell of the themes' table says ‘te weinig gesprekken’ (its legend then says what it means)."""
    return any(cell == THIN for row in plan["themes"] for cell in row["cells"])


def nobody_heard_in_any(plan: dict[str, Any]) -> bool:
    """Whether nobody of the buurt was spoken with in any round: its table is empty for that reason."""
    return bool(plan["rounds"]) and len(plan["unheard"]) == len(plan["rounds"])


def unheard_in_table(plan: dict[str, Any]) -> bool:
    """Whether a cell of the themes' table says ‘niet gesproken’ (its legend then says what it means)."""
    return any(cell == UNHEARD for row in plan["themes"] for cell in row["cells"])
