"""The returns tracker on the Submissions page: organisations against the periods of the
sidebar's window for one table, each cell returned, returned again or missing, with filters
and downloads. The same cells as ``python -m ahp_analytics tracker``."""

from __future__ import annotations

import streamlit as st

from ahp_analytics.domain.selection import Selection
from ahp_analytics.services.tracker import (
    MISSING,
    RETURNED,
    STATUS_LABELS,
    STATUSES,
    SUPERSEDED,
    TABLE_LABELS,
)
from ahp_analytics.ui import data, widgets
from ahp_analytics.ui.widgets import plain

# Light backgrounds behind dark text (the cell's words say the status; the colour only helps
# the eye): green returned, blue resubmitted, red missing.
RETURNED_STYLE = "background-color: #e5f3ea; color: #0d3b1e"
RESUBMITTED_STYLE = "background-color: #e3eefa; color: #0b2f57"
MISSING_STYLE = "background-color: #fbe5e3; color: #6b1109; font-weight: 600"


def _style(value: object) -> str:
    text = str(value)
    if not text:
        return ""
    if text == "Missing":
        return MISSING_STYLE
    return RESUBMITTED_STYLE if text.endswith("(resubmitted)") else RETURNED_STYLE


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def show(f: Selection) -> None:
    """Draw the tracker for the sidebar's window and region, ICB and trust type filters."""
    st.subheader("Returns tracker")
    if not f.window:
        st.info("No returns have been stored yet, so there is no window to track.")
        return
    table = st.selectbox(
        "Table",
        list(TABLE_LABELS),
        format_func=TABLE_LABELS.get,
        key="tracker_table",
        bind="query-params",
        help="Workforce is returned monthly; leadership and indicators usually once a year.",
    )
    tracker = data.tracker(table, f.window, data.version(), f)
    scope = plain(f.describe())
    st.write(
        f"Which organisations have returned {TABLE_LABELS[table].lower()} for each period of "
        f"{scope}: every organisation that has ever returned it, against every period that "
        "any organisation returned in the window. Each cell gives the date (UTC) and the "
        "submitter of the return that counts; resubmitted: a later return superseded an earlier "
        "one. A withdrawn return counts for nothing."
    )
    if tracker.cells.empty:
        st.info(
            f"No {TABLE_LABELS[table].lower()} returns fall in {scope}: pick another window in "
            "the sidebar, or another table."
        )
        return

    cells = tracker.cells
    names = dict(zip(cells["org_code"], cells["org_name"], strict=False))
    left, middle, right = st.columns(3)
    orgs = left.multiselect(
        "Organisation",
        tracker.organisations,
        format_func=lambda c: f"{names.get(c) or c} ({c})",
        key="tracker_orgs",
        placeholder="All",
    )
    periods = middle.multiselect(
        "Period", tracker.periods, key="tracker_periods", placeholder="All"
    )
    statuses = right.multiselect(
        "Status",
        list(STATUSES),
        format_func=STATUS_LABELS.get,
        key="tracker_status",
        placeholder="All",
    )
    shown = tracker.select(orgs, periods, statuses)
    counts = shown.counts()
    st.markdown(
        f"**{_plural(len(shown.organisations), 'organisation')} × "
        f"{_plural(len(shown.periods), 'period')}:** "
        f"{counts[RETURNED]:,} returned, {counts[SUPERSEDED]:,} resubmitted, "
        f"{counts[MISSING]:,} missing."
    )
    if shown.cells.empty:
        st.info("No cell matches these filters: clear them to see the whole tracker.")
        return
    grid = shown.grid()
    st.dataframe(
        grid.style.map(_style, subset=grid.columns[2:]),
        hide_index=True,
        column_config={
            "Code": st.column_config.TextColumn(pinned=True, width="small"),
            "Organisation": st.column_config.TextColumn(width="medium"),
        },
        key="tracker_grid",
        alt=f"Returns tracker: {TABLE_LABELS[table].lower()}, {f.window}",
    )
    widgets.downloads(
        shown.export(),
        f"returns-tracker_{table}_{f.slug()}",
        about={
            "Table": f"Returns tracker: {TABLE_LABELS[table]}",
            "Window and filters": f.describe(),
            "Organisations": orgs or "all",
            "Periods": periods or "all",
            "Status": [STATUS_LABELS[s] for s in statuses] or "all",
        },
        key="tracker",
    )
