"""The shared sidebar filters, kept in the address bar so a view can be bookmarked, shared and
survives a refresh (widgets bound to query parameters). What they select is a
:class:`~ahp_analytics.domain.selection.Selection` (window, region, ICB, trust type); the
organisation chosen beside them highlights one organisation and opens its profile
(:func:`chosen_org`), and narrows the Explore page's rows."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ahp_analytics.domain.reference import REGIONS, trust_types_in
from ahp_analytics.domain.selection import Selection
from ahp_analytics.ui import data
from ahp_analytics.ui.widgets import plain


def sidebar() -> Selection:
    """Draw the shared filters in the sidebar and return what they select (the organisation
    chosen beside them: :func:`chosen_org`)."""
    v = data.version()
    windows = data.windows(v)
    default = data.default_window(v) if windows else None
    orgs = data.table("organisations", v)
    with st.sidebar:
        st.header("Filters")
        window = st.selectbox(
            "Analysis window",
            windows,
            index=windows.index(default) if default in windows else None,
            key="window",
            bind="query-params",
            help="A financial year (1 April to 31 March). Each organisation's latest figures "
            "inside it are used.",
            placeholder="No data yet",
        )
        region = st.selectbox(
            "Region", REGIONS, index=None, key="region", bind="query-params", placeholder="All"
        )
        icbs = orgs.loc[orgs["region"] == region, "icb"] if region else orgs["icb"]
        icb_options = sorted({i for i in icbs.dropna() if i})
        icb = st.selectbox(
            "ICB", icb_options, index=None, key="icb", bind="query-params", placeholder="All"
        )
        trust_type = st.selectbox(
            "Trust type",
            trust_types_in(orgs["trust_type"], everyone=True),
            index=None,
            key="trust_type",
            bind="query-params",
            placeholder="All",
        )
        names = dict(zip(orgs["org_code"], orgs["org_name"], strict=True))
        reporting = data.reporting_orgs(v)
        options = sorted(reporting, key=lambda c: (names.get(c) or c).lower())
        # Not bound with bind="query-params": a bound selectbox keeps its option's label in
        # the address ("Demo ... Trust (DM047)"); the address should hold the code (?org=DM047).
        if "org" not in st.session_state:
            wanted = str(st.query_params.get("org", "")).strip().upper()
            st.session_state["org"] = wanted if wanted in options else None
        org = st.selectbox(
            "Organisation",
            options,
            index=None,
            key="org",
            format_func=lambda c: f"{names.get(c) or c} ({c})",
            placeholder="Search by name or code",
            help="Highlights one organisation on the charts and opens its profile.",
        )
        if org:
            st.query_params["org"] = org
        elif "org" in st.query_params:
            del st.query_params["org"]
        if any((region, icb, trust_type, org)):
            st.button("Clear filters", on_click=_clear, width="stretch")
    return Selection(window=window, region=region, icb=icb, trust_type=trust_type)


def chosen_org() -> str | None:
    """The organisation chosen in the sidebar (a code), or None."""
    return st.session_state.get("org") or None


def _clear() -> None:
    for key in ("region", "icb", "trust_type", "org"):
        st.session_state[key] = None


def summary_rows(selection: Selection) -> pd.DataFrame:
    """The summary rows of the window that pass the filters; when there are none, say so and
    how to widen them, and stop the page."""
    if selection.window:
        rows = selection.apply(data.summary(selection.window, data.version()))
        if not rows.empty:
            return rows
    empty_message(selection)
    st.stop()


def empty_message(selection: Selection, what: str = "organisations") -> None:
    """Say that the filters select nothing, and how to widen them."""
    if selection.narrowed:
        st.info(
            f"No {what} match these filters ({plain(selection.describe())}). Widen them: clear "
            "the region, ICB or trust type in the sidebar, or pick another analysis window."
        )
    else:
        st.info(
            f"No {what} have data in {selection.window or 'any window'}. Pick another analysis "
            "window in the sidebar, or upload returns on the Upload page."
        )
