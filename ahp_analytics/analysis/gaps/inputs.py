"""What the gap rules read: one window's summary and tables, the rules and how peers group."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ahp_analytics.domain.periods import Window


@dataclass(frozen=True)
class WorkforceSums:
    """The kept workforce sums the rules read in place of the raw rows (the store's
    ``kept.workforce``, :mod:`ahp_analytics.store.kept`): ``totals`` in total per key group
    (org_code, period, period_type), holding at least each organisation's periods that may end
    in the window and the months of the organisations whose vacancy series is checked;
    ``by_profession`` by profession, holding at least each organisation's latest key group in
    the window. Their cost does not grow with the history held, as the raw rows' does."""

    totals: pd.DataFrame
    by_profession: pd.DataFrame


@dataclass(frozen=True)
class GapInputs:
    """The inputs of every check, built once and passed whole. ``summary`` is the summary of
    every organisation in ``window`` (peers come from its rows, so not a filtered one);
    ``workforce``, ``leadership`` and ``indicators`` are the stored tables (``indicators``
    optional: without it the turnover rule is not assessed); ``rules`` as
    :func:`load_rules` returns them; ``peer_by`` the summary column that groups peers.
    ``workforce_sums`` replaces the workforce rows (then None) with the kept sums: the same
    checks. Raises ValueError unless exactly one of the two is given."""

    summary: pd.DataFrame
    workforce: pd.DataFrame | None
    leadership: pd.DataFrame
    window: Window
    rules: pd.DataFrame
    indicators: pd.DataFrame | None = None
    peer_by: str = "trust_type"
    workforce_sums: WorkforceSums | None = None

    def __post_init__(self) -> None:
        if (self.workforce is None) == (self.workforce_sums is None):
            raise ValueError("the gap checks need the workforce rows or their kept sums, not both")
