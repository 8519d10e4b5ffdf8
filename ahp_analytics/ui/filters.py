"""The shared sidebar filters, kept in the address bar so a view can be bookmarked, shared and
survives a refresh (widgets bound to query parameters). What they select is a
:class:`~ahp_analytics.domain.selection.Selection` (window, region, ICB, trust type, and whether
the demonstration organisations are shown); the
organisation chosen beside them highlights one organisation and opens its profile
(:func:`chosen_org`), and narrows the Explore page's rows."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ahp_analytics.analysis.measures import plural
from ahp_analytics.domain.reference import REGIONS, demo_codes, is_demo_code, trust_types_in
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
        demo = _demo_toggle(reporting)
        if not demo:
            reporting = [c for c in reporting if not is_demo_code(c)]
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
    return Selection(window=window, region=region, icb=icb, trust_type=trust_type, demo=demo)


def chosen_org() -> str | None:
    """The organisation chosen in the sidebar (a code), or None."""
    return st.session_state.get("org") or None


def _demo_toggle(reporting: list[str]) -> bool:
    """Whether the demonstration organisations are shown: always when they are all there is;
    never when there are none; and, once real organisations are stored too, only when the
    user asks (a toggle, off by default, kept in the address bar), so that fictional and
    real trusts are never mixed unasked."""
    demo = sum(is_demo_code(c) for c in reporting)
    if not demo:
        return False
    if demo == len(reporting):
        return True
    shown = st.toggle(
        "Show the demonstration organisations",
        value=False,
        key="demo",
        bind="query-params",
        help=f"{demo} fictional organisations (codes DM001 and on) of the demonstration data "
        f"set are stored beside {len(reporting) - demo} real ones. Shown, they are marked as "
        "demonstration data and kept out of real organisations' peer groups. An analyst can "
        "remove them on the Submissions page.",
    )
    if not shown:
        st.caption(f"{plural(demo, 'demonstration organisation')} hidden: real data only.")
    return shown


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


def in_view(selection: Selection, df: pd.DataFrame) -> pd.DataFrame:
    """Rows of a frame with an ``org_code`` column, without the demonstration organisations
    when ``selection`` leaves them out (no other filter)."""
    if selection.demo or "org_code" not in df:
        return df
    return df[~demo_codes(df["org_code"])]


def demo_banner(selection: Selection) -> None:
    """Say so while the demonstration organisations are in view: that they are fictional and,
    beside real organisations, that they are kept apart and how to hide or remove them."""
    if not selection.demo:
        return
    codes = sorted(c for c in data.reporting_orgs(data.version()) if is_demo_code(c))
    real = len(data.reporting_orgs(data.version())) - len(codes)
    if not codes:
        return
    span = f"codes {codes[0]} to {codes[-1]}" if len(codes) > 1 else f"code {codes[0]}"
    if real:
        text = (
            f"Demonstration data beside real data: the {plural(len(codes), 'organisation')} "
            f"with {span} {'is' if len(codes) == 1 else 'are'} fictional, and so are their "
            "figures. They are kept out of real "
            "organisations' peer groups. Hide them in the sidebar; an analyst can remove them "
            "on the Submissions page."
        )
    else:
        text = (
            f"Demonstration data: the organisations shown ({span}) are fictional, and so are "
            "their figures."
        )
    st.warning(text, icon=":material/science:")
