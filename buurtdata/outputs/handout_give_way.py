"""What gives way on a full first page of a handout, in which order, and how the quiet themes are said.

Split off :mod:`.handout_sheet` (which draws the pages); the names stay importable from there.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from buurtdata._text import REPORT, counted, elsewhere
from buurtdata.outputs.handout_blocks import height

#: A :class:`.handout_sheet.Handout` (not imported: that module imports this one).
Handout = Any

#: Themes a full page keeps before its first question moves to the second page (the most named).
KEPT_THEMES = 3


def _give_way(handout: Handout) -> Handout | None:
    """Return the handout with one thing less on its first page, or None when nothing more can give way.

    The questions are what the meeting needs, so quotes give way first (to the second page, down to one); then the
    questions move to the second page (down to one); then the last quote (to the second page too); then the quiet
    themes are counted instead of named; then the themes of the wijk as a whole, least named first (their last once
    the buurt's own are down to :data:`KEPT_THEMES`: the buurt's own come first); then the buurt's least named themes
    (down to :data:`KEPT_THEMES`); then the first question; then the other themes. The page says what gave way.
    """
    if len(handout.quotes) > 1:
        return _quote_to_second_page(handout)
    if len(handout.questions) > 1:
        return _to_second_page(handout)
    if handout.quotes:
        return _quote_to_second_page(handout)
    if handout.quiet_themes and not handout.quiet_counted and _named_is_longer(handout.quiet_themes):
        return replace(handout, quiet_counted=True)
    if len(handout.wijk_themes) > 1 or (handout.wijk_themes and len(handout.themes) <= KEPT_THEMES):
        return replace(
            handout,
            wijk_themes=handout.wijk_themes[:-1],
            wijk_mentions=handout.wijk_mentions[:-1],
            wijk_themes_left_out=handout.wijk_themes_left_out + 1,
        )
    if len(handout.themes) > KEPT_THEMES or (handout.themes and not handout.questions):
        mentions = handout.mentions if len(handout.mentions) == len(handout.themes) else [0] * len(handout.themes)
        # The least named; of equals the last, so the list keeps its order from the top.
        least = min(range(len(mentions)), key=lambda i: (mentions[i], -i))
        keep = [i for i in range(len(mentions)) if i != least]
        return replace(
            handout,
            themes=[handout.themes[i] for i in keep],
            mentions=[mentions[i] for i in keep],
            themes_left_out=handout.themes_left_out + 1,
            left_out_mentions=[*handout.left_out_mentions, mentions[least]],
        )
    if handout.questions:
        return _to_second_page(handout)
    return None


def _quiet_lines(quiet: list[str]) -> tuple[str, str]:
    """The line that names the themes with too few voices, and the line that only counts them."""
    named = "• Te weinig stemmen om te tellen: " + ", ".join(quiet) + "."
    count = counted(len(quiet), "thema", "thema’s")
    return named, f"• En {elsewhere(f'{count} met te weinig stemmen om te tellen', REPORT)}."


def _named_is_longer(quiet: list[str]) -> bool:
    """Whether counting the quiet themes instead of naming them gives the page room (user test P: one theme's name
    took the line its count took, and the count sent the reader to a report the wijkwerker did not have)."""
    named, count = _quiet_lines(quiet)
    return height(named) > height(count)


def _to_second_page(handout: Handout) -> Handout:
    """The handout with its last first-page question moved to the second page."""
    return replace(handout, questions=handout.questions[:-1], overflow=[handout.questions[-1], *handout.overflow])


def _quote_to_second_page(handout: Handout) -> Handout:
    """The handout with its last first-page quote moved to the second page."""
    return replace(handout, quotes=handout.quotes[:-1], later_quotes=[handout.quotes[-1], *handout.later_quotes])
