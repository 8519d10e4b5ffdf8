"""What the gap rules read: one window's summary and tables, the rules and how peers group."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ahp_analytics.domain.periods import Window


@dataclass(frozen=True)
class GapInputs:
    """The inputs of every check, built once and passed whole. ``summary`` is the summary of
    every organisation in ``window`` (peers come from its rows, so not a filtered one);
    ``workforce``, ``leadership`` and ``indicators`` are the stored tables (``indicators``
    optional: without it the turnover rule is not assessed); ``rules`` as
    :func:`load_rules` returns them; ``peer_by`` the summary column that groups peers."""

    summary: pd.DataFrame
    workforce: pd.DataFrame
    leadership: pd.DataFrame
    window: Window
    rules: pd.DataFrame
    indicators: pd.DataFrame | None = None
    peer_by: str = "trust_type"
