"""How the gazetteer places misspelt names: right, WRONG or left unplaced, on every wijk and buurt name of NL.

Usage::

    python benchmarks/gazetteer_typos.py [--gemeenten N] [--seed S] [--wrong K]

Takes every buurt and wijk name of every gemeente in CBS's national KWB 2020 (84799NED, in ``data/raw``; a wijk
by its name without CBS's ``Wijk 01`` prefix, as people write it), makes realistic typos of each with a fixed
seed, and resolves them with :func:`~buurtdata.sources.interviews.resolve_locations` against that gemeente's own
wijken and buurten, all of a gemeente's texts in one call, as a project of that gemeente does. Each typo is
compared with what the name as CBS writes it resolves to: *right* is the same buurt and wijk, *wijk only* the
wijk around that buurt (a coarser, not a wrong placement), *WRONG* any other
placement (also of a name whose exact form is not placed, being ambiguous), *unplaced* a typo left unplaced
(``did you mean`` when the reason suggests the name). Typos that are another region's exact name are counted
apart (``WRONG, another name``): no spelling rule can tell them.

Rows: one edit each (two adjacent letters swapped, a letter dropped, a letter doubled, a letter replaced by a
QWERTY neighbour, lower case, accents left off), then two stress rows that are no typo of a name: ``two edits``
(two of the first four at once) and ``other gemeente``: the names of 3 other gemeenten (drawn with the seed) not
written so in this one, where every placement is wrong (a place of a neighbouring gemeente named in an interview).

The figures of the README's paragraph on placing come from a run with the defaults (all gemeenten, seed 2020).
Run it on another checkout with ``PYTHONPATH=<checkout> python benchmarks/gazetteer_typos.py`` to compare.
"""

from __future__ import annotations

import argparse
import random
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import duckdb
import pandas as pd

from buurtdata.gemeente_lookup import fold
from buurtdata.sources.interviews import resolve_locations

KWB_2020 = Path(__file__).resolve().parents[1] / "data" / "raw" / "kwb2020-84799NED-statlinebq" / "84799NED"
REGION_COLUMNS = ["code", "level", "name", "gemeente_code", "wijk_code", "postcode"]

#: The letters next to each on a QWERTY keyboard (rows and the keys diagonally below).
_ROWS = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]
NEIGHBOURS: dict[str, str] = {}
for _r, _row in enumerate(_ROWS):
    for _i, _c in enumerate(_row):
        near = {_row[j] for j in (_i - 1, _i + 1) if 0 <= j < len(_row)}
        for _other in (_r - 1, _r + 1):
            if 0 <= _other < len(_ROWS):
                near |= {_ROWS[_other][j] for j in (_i - 1, _i, _i + 1) if 0 <= j < len(_ROWS[_other])}
        NEIGHBOURS[_c] = "".join(sorted(near))


def national_regions() -> pd.DataFrame:
    """Every gemeente, wijk and buurt of the KWB 2020, in the columns ``resolve_locations`` reads."""
    return (
        duckdb.connect()
        .execute(
            "select trim(d.WijkenEnBuurten) as code, lower(trim(d.SoortRegio_2)) as level, r.Title as name, "
            "trim(r.Municipality) as gemeente_code, null as wijk_code, null as postcode "
            f"from '{KWB_2020 / 'cbs.v3.84799NED_TypedDataSet.parquet'}' d join "
            f"'{KWB_2020 / 'cbs.v3.84799NED_WijkenEnBuurten.parquet'}' r on trim(r.Key) = trim(d.WijkenEnBuurten) "
            "where trim(r.Municipality) like 'GM%' order by code"
        )
        .df()
    )


def written(name: str, level: str) -> str:
    """A region's name as people write it: a wijk's without CBS's ``Wijk 01`` prefix."""
    parts = name.split(" ", 2)
    if level == "wijk" and len(parts) == 3 and parts[0] == "Wijk" and parts[1].isdigit():
        return parts[2]
    return name


def _letters(text: str) -> list[int]:
    return [i for i, c in enumerate(text) if c.isalpha()]


def swap(text: str, rng: random.Random) -> str | None:
    at = [i for i in range(len(text) - 1) if text[i : i + 2].isalpha() and text[i].lower() != text[i + 1].lower()]
    if not at:
        return None
    i = rng.choice(at)
    return text[:i] + text[i + 1] + text[i] + text[i + 2 :]


def drop(text: str, rng: random.Random) -> str | None:
    at = _letters(text)
    if len(at) < 2:
        return None
    i = rng.choice(at)
    return text[:i] + text[i + 1 :]


def double(text: str, rng: random.Random) -> str | None:
    at = _letters(text)
    if not at:
        return None
    i = rng.choice(at)
    return text[: i + 1] + text[i:]


def neighbour(text: str, rng: random.Random) -> str | None:
    at = [i for i in _letters(text) if text[i].lower() in NEIGHBOURS]
    if not at:
        return None
    i = rng.choice(at)
    key = rng.choice(NEIGHBOURS[text[i].lower()])
    return text[:i] + (key.upper() if text[i].isupper() else key) + text[i + 1 :]


def lower(text: str, rng: random.Random) -> str | None:  # noqa: ARG001
    return text.lower()


def no_accent(text: str, rng: random.Random) -> str | None:  # noqa: ARG001
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def two_edits(text: str, rng: random.Random) -> str | None:
    first = rng.choice([swap, drop, double, neighbour])(text, rng)
    return rng.choice([swap, drop, double, neighbour])(first, rng) if first else None


KINDS: dict[str, Callable[[str, random.Random], str | None]] = {
    "swap": swap,
    "drop": drop,
    "double": double,
    "neighbour": neighbour,
    "lower case": lower,
    "no accent": no_accent,
    "two edits": two_edits,
}
OUTCOMES = [
    "right",
    "wijk only",
    "WRONG",
    "WRONG, another name",
    "unplaced, did you mean",
    "unplaced",
    "unplaced as exact",
]


def _where(row: pd.Series) -> tuple[str | None, str | None] | None:
    if row["resolved_by"] == "onbekend":
        return None
    return (None if pd.isna(row["buurt_code"]) else row["buurt_code"], row["wijk_code"])


def measure(
    regions: pd.DataFrame, gemeenten: list[str], seed: int, show_wrong: int
) -> tuple[Counter[tuple[str, str]], Counter[str], list[str]]:
    by_gemeente = {g: frame for g, frame in regions.groupby("gemeente_code", sort=True)}
    names = {
        g: [(written(n, lv), c) for c, lv, n in zip(f["code"], f["level"], f["name"], strict=True) if lv != "gemeente"]
        for g, f in by_gemeente.items()
    }
    counts: Counter[tuple[str, str]] = Counter()
    typos: Counter[str] = Counter()
    wrong: list[str] = []
    everyone = sorted(by_gemeente)
    for gemeente in gemeenten:
        table = by_gemeente[gemeente]
        own = names[gemeente]
        buurten = table[table["level"] == "buurt"]
        wijken = buurten["code"].str[2:8].radd("WK")
        only = {w: b for w, b in zip(wijken, buurten["code"], strict=True) if (wijken == w).sum() == 1}
        known = {fold(name) for name, _ in own} | {fold(n) for n in table["name"]}
        cases: list[tuple[str, str, str, str]] = []  # kind, name, code, text
        for name, code in own:
            for kind, make in KINDS.items():
                text = make(name, random.Random(f"{seed}:{code}:{kind}"))
                if text and text != name:
                    cases.append((kind, name, code, text))
        draw = random.Random(f"{seed}:{gemeente}:other")
        for other in draw.sample([g for g in everyone if g != gemeente], 3):
            for name, code in names[other]:
                if fold(name) not in known:
                    cases.append(("other gemeente", name, code, name))
        texts = sorted({t for *_, t in cases} | {name for _, name, _, _ in cases})
        placed = resolve_locations(pd.DataFrame({"location_raw": texts}), table, gemeente=gemeente)
        at = {text: row for text, (_, row) in zip(texts, placed.iterrows(), strict=True)}
        for kind, name, code, text in cases:
            typos[kind] += 1
            got = _where(at[text])
            if kind == "other gemeente":
                outcome = "unplaced as exact" if got is None else "WRONG"
                if got is not None and len(wrong) < show_wrong:
                    wrong.append(f"{gemeente} {kind}: {text!r} ({code}) -> {got}: {at[text]['reason']}")
                counts[kind, outcome] += 1
                continue
            meant = _where(at[name])
            if got is None:
                reason = str(at[text]["reason"])
                outcome = "unplaced as exact" if meant is None else "unplaced"
                if meant is not None and "did you mean" in reason:
                    outcome = "unplaced, did you mean"
            elif got == meant or (meant is not None and meant[0] is None and only.get(meant[1]) == got[0]):
                # A wijk's only buurt is the wijk.
                outcome = "right"
            elif meant is not None and got == (None, meant[1]):
                outcome = "wijk only"
            else:
                outcome = "WRONG, another name" if fold(text) in known else "WRONG"
                if outcome == "WRONG" and len(wrong) < show_wrong:
                    wrong.append(f"{gemeente} {kind}: {text!r} for {name!r} -> {got}: {at[text]['reason']}")
            counts[kind, outcome] += 1
    return counts, typos, wrong


def table(counts: Counter[tuple[str, str]], typos: Counter[str]) -> str:
    kinds = [*KINDS, "other gemeente"]
    head = f"| {'typo':<15} | {'texts':>7} | " + " | ".join(f"{o:>{max(len(o), 7)}}" for o in OUTCOMES) + " |"
    lines = [head, "|" + "|".join("-" * len(cell) for cell in head.split("|")[1:-1]) + "|"]
    single = kinds[:6]
    for label, group in [*((k, [k]) for k in kinds), ("one edit, all", single)]:
        cells = [sum(counts[k, o] for k in group) for o in OUTCOMES]
        lines.append(
            f"| {label:<15} | {sum(typos[k] for k in group):>7} | "
            + " | ".join(f"{c:>{max(len(o), 7)}}" for c, o in zip(cells, OUTCOMES, strict=True))
            + " |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gemeenten", type=int, default=0, help="a sample of this many gemeenten (0: all)")
    parser.add_argument("--seed", type=int, default=2020)
    parser.add_argument("--wrong", type=int, default=0, help="show this many wrong placements")
    args = parser.parse_args()
    regions = national_regions()
    gemeenten = sorted(regions["gemeente_code"].unique())
    if args.gemeenten:
        gemeenten = sorted(random.Random(args.seed).sample(gemeenten, args.gemeenten))
    start = time.perf_counter()
    counts, typos, wrong = measure(regions, gemeenten, args.seed, args.wrong)
    print(f"{len(gemeenten)} gemeenten of the KWB 2020, seed {args.seed}, {time.perf_counter() - start:.0f} s\n")
    print(table(counts, typos))
    for line in wrong:
        print(line)


if __name__ == "__main__":
    main()
