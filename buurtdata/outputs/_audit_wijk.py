"""The privacy audit's reading of the wijk rows (README, Privacy 2; user test V, left A).

A wijk row of ``wijk_themes`` holds the voices its buurten cannot show, and those placed in the wijk alone. A reader
who subtracts what is placed in the wijk alone (at most the wijk-only segments of ``unplaced_segments``) learns what
the hidden buurt groups hold together, and knows how many there are of two kinds: buurten that say "te weinig
stemmen" on the theme (1 to k-1 each) and buurten where only 1 to k-1 people were heard in all ("te weinig
gesprekken" on every theme: 0 to k-1 of any one). A shown row fails the audit when that fixes one group's size, or
tells whether the few people of such a buurt named the theme (it must hold 1 or more, or 0); a withheld row of a wijk
with such a buurt fails when its status tells nobody from somebody ('geen stemmen' beside 'te weinig stemmen').
"""

from __future__ import annotations

import pandas as pd

#: The statuses a buurt's theme can have that the wijk rows are read beside.
TOO_FEW, THIN = "te weinig stemmen", "te weinig gesprekken"


def wijk_rows(buurten: pd.DataFrame, wijken: pd.DataFrame, unplaced: pd.DataFrame | None, k: int) -> list[str]:
    """Every wijk row that gives a hidden buurt group away (frames as ``audit._READS`` reads them).

    >>> buurten = pd.DataFrame({"buurt": ["B1", "B2"], "wijk": ["W1", "W1"], "theme": ["Zorg", "Zorg"],
    ...     "status": [THIN, THIN]})
    >>> wijken = pd.DataFrame({"wijk": ["W1"], "theme": ["Zorg"], "respondents": [3], "status": ["getoond"]})
    >>> print(wijk_rows(buurten, wijken, pd.DataFrame({"wijk": []}), 3)[0])  # doctest: +ELLIPSIS
    wijk_themes: W1 Zorg shows 3 beside 0 buurt(en) with 'te weinig stemmen', 2 with ... must have named the theme
    """
    hidden = buurten[buurten["status"] == TOO_FEW].groupby(["wijk", "theme"]).size()
    # A buurt of too few people heard in all ('te weinig gesprekken' on every theme) may hold 0 to k-1 of any theme.
    thin = buurten[buurten["status"] == THIN].groupby("wijk")["buurt"].nunique()
    # The reader may put every wijk-only segment of the wijk in any theme: at most that many wijk-only voices.
    wijk_only = unplaced.dropna(subset=["wijk"]).groupby("wijk").size() if unplaced is not None else None
    problems = []
    for row in wijken[wijken["respondents"].notna()].itertuples():
        groups, few = int(hidden.get((row.wijk, row.theme), 0)), int(thin.get(row.wijk, 0))
        if groups + few == 0:
            continue
        most = int(row.respondents) if wijk_only is None else int(wijk_only.get(row.wijk, 0))
        total = int(row.respondents)
        others = (groups + few - 1) * (k - 1)
        said = (
            f"wijk_themes: {row.wijk} {row.theme} shows {total} beside {groups} buurt(en) with '{TOO_FEW}', "
            f"{few} with '{THIN}' and at most {most} wijk-only voice(s): "
        )
        # The least and most one 'te weinig stemmen' group (1 to k-1) can hold, and one thin buurt (0 to k-1).
        low, high = max(1, total - most - others), min(k - 1, total - (groups - 1))
        if groups and low == high:
            problems.append(said + f"each hidden buurt group must be {low} (those with '{TOO_FEW}')")
            continue
        low, high = max(0, total - most - others), min(k - 1, total - groups)
        if few and low >= 1:
            problems.append(said + f"the few people heard in a buurt with '{THIN}' must have named the theme")
        elif few and high <= 0:
            problems.append(said + f"the few people heard in a buurt with '{THIN}' cannot have named the theme")
    # A withheld row beside a thin buurt: 'geen stemmen' would say its few did not name the theme, 'te weinig stemmen'
    # beside it that they may have. It says 'te weinig gesprekken' whatever it holds (macro wijk_voices_status).
    withheld = wijken[wijken["respondents"].isna() & wijken["wijk"].isin(thin.index) & (wijken["status"] != THIN)]
    if not withheld.empty:
        first = withheld.iloc[0]
        problems.append(
            f"wijk_themes: {len(withheld)} withheld row(s) of a wijk with a buurt with '{THIN}' do not say '{THIN}' "
            f"(e.g. {first['wijk']} {first['theme']}: {first['status']}), so they tell whether the few people heard "
            "there named the theme"
        )
    return problems
