"""Cached data access for the pages: the only place the Streamlit layer reaches the store.

Every cached function takes a :data:`DataKey`, the database URL and its *data version* (a
counter the store bumps on every ingest and withdrawal). A filter change therefore never
reloads a table, and a stored file shows on every page at the next rerun, without a restart.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ahp_analytics.analysis import measures
from ahp_analytics.domain.periods import parse_window
from ahp_analytics.domain.selection import Selection
from ahp_analytics.services.exports import export_table
from ahp_analytics.store import Store, StoreProblem, default_url, open_store
from ahp_analytics.ui.widgets import plain

DataKey = tuple[str, int]


def get_store() -> Store:
    """The store named by ``AHP_DATABASE_URL`` (or the default SQLite file). When it cannot
    be used as it is (e.g. upgraded by a later release), says so and stops the page."""
    try:
        return _store(default_url())
    except StoreProblem as exc:
        st.error(plain(str(exc)), icon=":material/error:")
        st.stop()


@st.cache_resource(show_spinner=False)
def _store(url: str) -> Store:
    """One store (engine and connection pool) per database per server process."""
    return open_store(url)


def version() -> DataKey:
    """The key of the data as it is now (one cheap query per rerun). When the database file
    was lost under the running app, says so and stops the page: nothing it would show or
    store could be right."""
    store = get_store()
    try:
        return (store.url, store.data_version())
    except StoreProblem as exc:
        st.error(plain(str(exc)), icon=":material/error:")
        st.stop()


@st.cache_resource(show_spinner="Loading data…", max_entries=16)
def table(name: str, key: DataKey) -> pd.DataFrame:
    """All current rows of a table: organisations, workforce, leadership, indicators or
    submissions.

    Held as one shared frame per data version (``cache_resource``), not copied for every
    rerun as ``cache_data`` would (a pickled copy of the national workforce table costs about
    0.25 s a rerun): callers derive new frames from it and never change it in place.
    """
    return get_store().read(name)


@st.cache_data(show_spinner="Working out the measures…", max_entries=16)
def summary(window_label: str, key: DataKey) -> pd.DataFrame:
    """The summary table (one row per organisation) of a window, for all organisations."""
    return measures.summary(
        table("workforce", key),
        table("leadership", key),
        table("indicators", key),
        table("organisations", key),
        parse_window(window_label),
    )


@st.cache_data(show_spinner="Preparing the table…", max_entries=64)
def export_rows(name: str, key: DataKey, selection: Selection) -> pd.DataFrame:
    """The export rows of a table in ``selection``: the function the command line's
    ``export`` calls too, so the same selection gives the same rows."""
    return export_table(get_store(), name, selection)


@st.cache_data(show_spinner=False, max_entries=4)
def windows(key: DataKey) -> list[str]:
    """Financial years that hold workforce, leadership or indicator data, newest first."""
    return measures.available_windows(
        table("workforce", key), table("leadership", key), table("indicators", key)
    )


@st.cache_data(show_spinner=False, max_entries=4)
def default_window(key: DataKey) -> str:
    """The window the sidebar opens on: the latest financial year with data whose period
    has begun (a future period never becomes the default)."""
    return measures.default_window(
        table("workforce", key), table("leadership", key), table("indicators", key)
    ).label


@st.cache_data(show_spinner=False, max_entries=4)
def catalogue(key: DataKey) -> pd.DataFrame:
    """The indicator catalogue, custom indicators included."""
    return get_store().indicator_catalogue()


@st.cache_data(show_spinner=False, max_entries=4)
def reporting_orgs(key: DataKey) -> list[str]:
    """Codes of organisations with any stored data."""
    codes: set[str] = set()
    for name in ("workforce", "leadership", "indicators"):
        codes |= set(table(name, key)["org_code"])
    return sorted(codes)


def is_demo(key: DataKey) -> bool:
    """True when the data shown includes the demonstration data set (codes DM001...)."""
    return any(code.startswith("DM") and code[2:].isdigit() for code in reporting_orgs(key))


def refresh() -> None:
    """Drop cached tables after a store or withdrawal, so memory holds one version."""
    table.clear()
    summary.clear()
    export_rows.clear()
    windows.clear()
    default_window.clear()
    catalogue.clear()
    reporting_orgs.clear()
