"""The board pack's "before and after" section: when the organisation moved its AHP leadership
between the previous window and this one, its own change in each measure and indicator beside
the mean change of the organisations whose leadership did not change
(:mod:`ahp_analytics.analysis.changes`, the numbers of the When leadership changed page).

Worded as docs/measures.md asks ("Saying it honestly"): before and after, compared with trusts
that did not change; never "caused"; the caution that trusts choosing to change may differ in
other ways.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ahp_analytics.analysis import changes, measures
from ahp_analytics.domain.measures import format_value
from ahp_analytics.present.boardpack.model import Block, Heading, Paragraph, Table

# The workforce measures read before and after, then the indicators the organisation has.
MEASURES = ("vacancy_rate", "senior_band_share", "leadership_fte_per_100_ahp_fte")


def change_section(
    before: pd.DataFrame | None,
    after: pd.DataFrame,
    org_code: str,
    catalogue: pd.DataFrame | None = None,
) -> list[Block]:
    """The section, or nothing when ``before`` (the previous window's summary table) is
    missing or the organisation's leadership level did not move between the two windows
    (including when it sent no leadership return in either)."""
    if before is None or before.empty:
        return []
    moves = changes.leadership_moves(before, after)
    own = moves[moves["org_code"] == org_code]
    if own.empty or own["group"].iloc[0] not in ("moved_up", "moved_down"):
        return []
    codes = [*MEASURES, *measures.indicator_options(after, catalogue)["code"]]
    rows, lead = [], None
    for code in dict.fromkeys(codes):
        if code not in before.columns or code not in after.columns:
            continue
        result = changes.indicator_changes(before, after, code, catalogue=catalogue)
        mine = changes.organisation_change(result, org_code)
        if mine is None or not np.isfinite(mine.change):
            continue
        lead = lead or mine
        rows.append(
            (
                result.name,
                format_value(mine.before, mine.unit),
                format_value(mine.after, mine.unit),
                changes.signed(mine.change, mine.unit),
                f"{changes.signed(mine.unchanged_mean_change, mine.unit)} (n = {mine.unchanged_n})",
            )
        )
    if lead is None:
        return []
    who = lead.org_name or org_code
    moved = "closer to" if own["group"].iloc[0] == "moved_up" else "further from"
    return [
        Heading("Before and after the change of leadership"),
        Paragraph(
            f"{who} moved its AHP leadership {moved} the board between {lead.from_window} and "
            f"{lead.to_window}, from {lead.category_before} to {lead.category_after}. The "
            "table gives its own value of each measure in both windows beside the mean change "
            "over the organisations whose leadership did not change."
        ),
        Table(
            f"Before and after: {lead.from_window} and {lead.to_window}",
            (
                "Measure",
                str(lead.from_window),
                str(lead.to_window),
                "Change",
                "Mean change where leadership did not change",
            ),
            tuple(rows),
        ),
        Paragraph(changes.CAUTION, kind="note"),
    ]
