"""The pages' workforce figures from the sums the store keeps (``store.kept``,
:mod:`ahp_analytics.store.kept`), not from the raw rows: the same results as
:func:`~ahp_analytics.analysis.measures.summary`, :func:`~.measures.workforce_by`,
:func:`~.measures.monthly_series` and :func:`~.measures.peer_median_series`, at a cost that
does not grow with the history held. Each asks the database for the rows it draws, with the
organisation and period filters in the query.

``store`` is anything with ``kept`` and ``read`` as :class:`~ahp_analytics.store.Store` has
them (this layer does not import the store).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

import pandas as pd

from ahp_analytics.analysis.gaps.inputs import WorkforceSums
from ahp_analytics.analysis.measures import (
    by_month,
    default_window,
    latest_in_window,
    peer_medians,
    summary_of,
    with_period_end,
    workforce_from_sums,
)
from ahp_analytics.domain.periods import Window
from ahp_analytics.domain.reference import demo_codes
from ahp_analytics.domain.selection import Selection

KEY = ["org_code", "period", "period_type"]
_DIMENSIONS = ("profession", "band")


def bounds(window: Window) -> dict:
    """Period filters that keep every period that may end inside ``window``: none is longer
    than a year, so one starting more than 366 days before the window ends before it."""
    return {"period_from": window.start - timedelta(days=366), "period_to": window.end}


def latest_sums(store, window: Window, **filters: object) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    """The kept totals of each organisation's latest workforce period in ``window`` (as
    :func:`latest_in_window` picks it from the rows), with ``period_end``; ``filters`` as
    ``store.kept.workforce`` takes them."""
    totals = store.kept.workforce("total", **bounds(window), **filters)
    return latest_in_window(totals, window)


def organisation_filters(selection: Selection) -> dict:
    """The organisation filters of ``selection`` as ``store.kept``'s queries take them."""
    return {
        "orgs": selection.orgs,
        "region": selection.region,
        "icb": selection.icb,
        "trust_type": selection.trust_type,
    }


def stored_summary(store, selection: Selection | None = None) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    """:func:`~.measures.summary` of the store's current data for the organisations
    ``selection`` selects, in its window (default: the latest financial year of workforce
    data, as :func:`~.measures.summary_table` has it): workforce measures from the kept sums
    of each organisation's latest period in the window; the leadership and indicator rows of
    the periods that may end in it. Raises ValueError for a filter the summary does not take."""
    selection = selection or Selection()
    selection.check("summary")
    filters = organisation_filters(selection)
    window = selection.analysis_window
    if window is None:
        window = default_window(store.kept.periods(("workforce",), **filters))
    latest = latest_sums(store, window, **filters)
    by_profession = store.kept.workforce("profession", keys=latest[KEY])
    rows = selection.replace(window=None, **bounds(window))
    if not selection.demo:
        latest = latest[~demo_codes(latest["org_code"])]
    return summary_of(
        workforce_from_sums(latest, ["org_code"]),
        latest.groupby("org_code")["period"].first(),
        by_profession.groupby(["org_code", "profession"])["fte"].sum(),
        store.read("leadership", rows),
        store.read("indicators", rows),
        store.read("organisations", selection.replace(window=None)),
        window,
    )


def stored_workforce_by(
    store,  # type: ignore[no-untyped-def]
    window: Window,
    by: Sequence[str] = ("profession",),
    orgs: Sequence[str] | None = None,
) -> pd.DataFrame:
    """:func:`~.measures.workforce_by` from the kept sums: by ``profession`` or ``band`` (not
    both) and/or ``org_code``, over each organisation's latest month in ``window``
    (optionally only ``orgs``). Raises ValueError for another column."""
    by = list(by)
    dimensions = [c for c in by if c in _DIMENSIONS]
    if len(dimensions) > 1 or set(by) - {"org_code", *_DIMENSIONS}:
        raise ValueError(f"cannot break the kept sums down by {by}")
    filters = {"orgs": list(orgs) if orgs else None}
    sums = latest_item_sums(store, window, dimensions[0] if dimensions else "total", **filters)
    return workforce_from_sums(sums, by)


def latest_item_sums(
    store,  # type: ignore[no-untyped-def]
    window: Window,
    dimension: str,
    latest: pd.DataFrame | None = None,
    **filters: object,
) -> pd.DataFrame:
    """The kept sums of each organisation's latest workforce period in ``window`` (``latest``
    when given, else :func:`latest_sums` with its ``filters``), in total or by ``dimension``
    ('profession' or 'band': a row per organisation and item). Each organisation's rows
    depend on it alone, so those of a few organisations are these rows of theirs:
    :func:`workforce_from_sums` of them gives the measures of :func:`stored_workforce_by` for
    those organisations."""
    if latest is None:
        latest = latest_sums(store, window, **filters)
    return latest if dimension == "total" else store.kept.workforce(dimension, keys=latest[KEY])


def stored_monthly_series(
    store,  # type: ignore[no-untyped-def]
    orgs: Sequence[str] | None = None,
    org_code: str | None = None,
) -> pd.DataFrame:
    """:func:`~.measures.monthly_series` from the kept sums: of ``org_code``, or pooled over
    ``orgs`` (None: every organisation; empty: none) in the database."""
    keys = ["period_end", "period"]
    if org_code is not None:
        sums = store.kept.workforce("total", orgs=[org_code])
    elif orgs is not None and not len(orgs):
        sums = store.kept.workforce("total", orgs=[""])  # no code is empty: no rows
    else:
        sums = store.kept.workforce("total", orgs=orgs, pooled=True)
    return by_month(workforce_from_sums(with_period_end(sums), keys))


def stored_peer_median_series(store, orgs: Sequence[str]) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    """:func:`~.measures.peer_median_series` from the kept sums of ``orgs``."""
    sums = store.kept.workforce("total", orgs=list(orgs) or [""])
    keys = ["period_end", "period", "org_code"]
    return peer_medians(workforce_from_sums(with_period_end(sums), keys))


def gap_workforce_sums(store, window: Window, org_code: str | None = None) -> WorkforceSums:  # type: ignore[no-untyped-def]
    """The kept sums the gap rules read (:class:`~.gaps.WorkforceSums`) in ``window``: every
    organisation's key groups that may end in it (peer comparisons), the months up to its end
    of ``org_code`` only (its vacancy series; None: of every organisation, to check them all),
    and by profession each organisation's latest key group."""
    if org_code is None:
        totals = store.kept.workforce("total", period_to=window.end)
    else:
        near = store.kept.workforce("total", **bounds(window))
        # Its key groups up to the window's end include those of its among ``near``.
        own = store.kept.workforce("total", orgs=[org_code], period_to=window.end)
        code = str(org_code).strip().upper()
        totals = pd.concat([near[near["org_code"] != code], own])
    totals = totals.reset_index(drop=True)
    latest = latest_in_window(totals, window)
    return WorkforceSums(totals, store.kept.workforce("profession", keys=latest[KEY]))
