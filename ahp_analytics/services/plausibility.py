"""A checked return against the organisation's previous return in the store: the warnings of
:func:`ahp_analytics.analysis.plausibility.movements`, for the Upload page and the command
line's validate and ingest."""

from __future__ import annotations

import pandas as pd

from ahp_analytics.analysis.plausibility import movements
from ahp_analytics.domain.results import FileResult, Message
from ahp_analytics.domain.selection import Selection
from ahp_analytics.store import Store


def against_previous_return(result: FileResult, store: Store) -> list[Message]:
    """The plausibility warnings of a valid file's workforce rows against what the store holds
    for its organisations before the file's earliest period (none without workforce rows or
    an earlier return)."""
    new = result.tables.get("workforce")
    if not result.ok or new is None or new.empty:
        return []
    before = (pd.Timestamp(new["period"].min()) - pd.Timedelta(days=1)).date()
    stored = store.read("workforce", Selection(orgs=sorted(set(new["org_code"])), period_to=before))
    return movements(new, stored)


def add_warnings(result: FileResult, store: Store) -> None:
    """Add :func:`against_previous_return`'s warnings to the result (and so to its report and
    the submission it is stored as)."""
    for message in against_previous_return(result, store):
        result.add(message)
