"""The order a buurt's conversation questions are asked in: one rule, for the handouts and the report's page of
questions alike (a professional who reads the page after the sheet finds the questions in the same order).
"""

from __future__ import annotations

import pandas as pd


def meeting_order(signals: pd.DataFrame) -> pd.DataFrame:
    """``signals`` (rows of :func:`buurtdata.pipeline.link.signals`, of one buurt or many) with the questions about
    a theme shown in their buurt (``stories`` 'genoemd') first; either part keeps the meeting order it came in.

    What enough people raised is what the meeting is for (user test: a theme 3 people raised got no question on
    paper while themes with too few voices did). Without ``stories`` (no interviews) the order is kept.

    >>> signals = pd.DataFrame({"theme": ["Groen", "Wonen", "Zorg"], "stories": ["niet genoemd", "genoemd", "genoemd"]})
    >>> meeting_order(signals)["theme"].tolist()
    ['Wonen', 'Zorg', 'Groen']
    """
    if "stories" not in signals:
        return signals
    shown = signals["stories"].eq("genoemd").to_numpy()
    return pd.concat([signals[shown], signals[~shown]])
