"""Cached data access for the pages: the only place the Streamlit layer reaches the store.

Pages get a :data:`DataKey` from :func:`version` (the database URL and its *data version*, a
counter every ingest and withdrawal moves on, read once per rerun) and pass it to the functions
here. Each cached result is keyed on its *scope*: the latest version at which the part of the
data it reads changed (tables, and where it applies the window and the organisations), from the
store's change log (:class:`~ahp_analytics.store.changes.ChangeTracker`). An upload therefore
makes only the results it touched be worked out again, at the next rerun of any app server
sharing the database; a filter change never reloads a table.

The workforce figures come from the sums the store keeps per organisation and period
(:mod:`ahp_analytics.analysis.stored`), so their cost does not grow with the history held.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

import pandas as pd
import streamlit as st

from ahp_analytics.analysis import gaps, measures, stored
from ahp_analytics.domain.periods import parse_window
from ahp_analytics.domain.selection import Selection
from ahp_analytics.services.exports import export_table
from ahp_analytics.services.tracker import Tracker, returns_tracker
from ahp_analytics.store import DATA_TABLES, Store, StoreProblem, default_url, open_store
from ahp_analytics.store.changes import ChangeTracker
from ahp_analytics.store.kept import ORGANISATIONS
from ahp_analytics.ui.widgets import plain

DataKey = tuple[str, int]
Scope = tuple[int, int]


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


@st.cache_resource(show_spinner=False)
def _tracker(url: str) -> ChangeTracker:
    """What changed in the database, as this server process has followed it."""
    return ChangeTracker()


def version() -> DataKey:
    """The key of the data as it is now (one cheap query per rerun; the change log is read
    only when the version moved on). When the database file was lost under the running app,
    says so and stops the page: nothing it would show or store could be right."""
    store = get_store()
    try:
        now = store.data_version()
        _tracker(store.url).catch_up(store.kept, now)
        return (store.url, now)
    except StoreProblem as exc:
        st.error(plain(str(exc)), icon=":material/error:")
        st.stop()


def _scope(key: DataKey, tables: Sequence[str], window_label=None, orgs=None) -> Scope:  # type: ignore[no-untyped-def]
    window = parse_window(window_label) if window_label else None
    return _tracker(key[0]).scope(tables, window, orgs)


def _table_scope(name: str, key: DataKey) -> Scope:
    if name == "submissions":  # every ingest and withdrawal writes the history
        return (_tracker(key[0]).generation, key[1])
    return _scope(key, (name,))


# --- whole tables ---------------------------------------------------------------------------


class _Held:
    """One frame per table, replaced when its scope moves on: memory holds one version."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._frames: dict[str, tuple[Scope, pd.DataFrame]] = {}

    def get(self, name: str, scope: Scope, load: Callable[[], pd.DataFrame]) -> pd.DataFrame:
        with self._lock:
            held = self._frames.get(name)
        if held is not None and held[0] == scope:
            return held[1]
        frame = load()
        with self._lock:
            self._frames[name] = (scope, frame)
        return frame

    def drop_stale(self, scope_of: Callable[[str], Scope]) -> None:
        with self._lock:
            for name in [n for n, (s, _) in self._frames.items() if s != scope_of(n)]:
                del self._frames[name]


@st.cache_resource(show_spinner=False)
def _held(url: str) -> _Held:
    return _Held()


def table(name: str, key: DataKey) -> pd.DataFrame:
    """All current rows of a table: organisations, workforce, leadership, indicators or
    submissions, read again only when that table changed.

    One shared frame per table, not copied for every rerun as ``cache_data`` would: callers
    derive new frames from it and never change it in place.
    """

    def load() -> pd.DataFrame:
        with st.spinner("Loading data…"):
            return _store(key[0]).read(name)

    return _held(key[0]).get(name, _table_scope(name, key), load)


def rows(name: str, key: DataKey, selection: Selection) -> pd.DataFrame:
    """The current rows of a table that ``selection`` selects (its organisations and period
    bounds; read in the database, not filtered from the whole table): read again when that
    table changed for those organisations (for any, without them)."""
    scope = _scope(key, (name,), orgs=selection.orgs or None)
    if selection.region or selection.icb or selection.trust_type:
        scope = max(scope, _scope(key, (ORGANISATIONS,)))
    return _rows(name, key[0], scope, selection)


@st.cache_data(show_spinner=False, max_entries=64)
def _rows(name: str, url: str, scope: Scope, selection: Selection) -> pd.DataFrame:
    return _store(url).read(name, selection)


# --- the summary and what the sidebar offers ------------------------------------------------


def summary(window_label: str, key: DataKey) -> pd.DataFrame:
    """The summary table (one row per organisation) of a window, for all organisations:
    worked out again when data dated in the window, or an organisation's details, changed."""
    scope = max(_scope(key, DATA_TABLES, window_label), _scope(key, (ORGANISATIONS,)))
    return _summary(window_label, key[0], scope)


@st.cache_data(show_spinner="Working out the measures…", max_entries=16)
def _summary(window_label: str, url: str, scope: Scope) -> pd.DataFrame:
    held = _last_summaries(url)
    previous = held.get(window_label)
    out = _summary_after(url, window_label, *previous) if previous else None
    if out is None:
        out = measures.summary_table(_store(url), Selection(window=window_label))
    held[window_label] = (scope, out)
    return out


# An upload of a few organisations' returns updates their rows of the summary; more than this
# many changed, and the whole summary is worked out again (a few queries, not one per code).
PARTIAL_SUMMARY_ORGS = 50


@st.cache_resource(show_spinner=False)
def _last_summaries(url: str) -> dict[str, tuple[Scope, pd.DataFrame]]:
    """The latest summary worked out of each window, with its scope: never changed in place
    (cache_data hands out copies of it)."""
    return {}


def _summary_after(
    url: str, window_label: str, since: Scope, previous: pd.DataFrame
) -> pd.DataFrame | None:
    """The summary of a window from the one worked out at scope ``since``: the rows of the
    organisations whose data in the window changed since then worked out again, the others
    kept. None when that cannot be done: the organisations' details changed, the change log
    cannot say what changed, too many organisations changed, or the indicator columns moved."""
    tracker = _tracker(url)
    if tracker.scope((ORGANISATIONS,)) > since:
        return None
    orgs = tracker.changed_orgs(DATA_TABLES, parse_window(window_label), since)
    if orgs is None or len(orgs) > PARTIAL_SUMMARY_ORGS:
        return None
    if not orgs:  # no Selection of no organisation: it would select them all
        return previous
    part = measures.summary_table(
        _store(url), Selection(window=window_label, orgs=tuple(sorted(orgs)))
    )
    return measures.with_rows_of(previous, part, orgs)


def export_rows(name: str, key: DataKey, selection: Selection) -> pd.DataFrame:
    """The export rows of a table in ``selection``: the function the command line's
    ``export`` calls too, so the same selection gives the same rows."""
    own = _scope(key, DATA_TABLES, selection.window) if name == "summary" else None
    # The organisations too: the filters by region and trust type go through them.
    scope = max(own or _table_scope(name, key), _scope(key, (ORGANISATIONS,)))
    return _export_rows(name, key[0], scope, selection)


@st.cache_data(show_spinner="Preparing the table…", max_entries=64)
def _export_rows(name: str, url: str, scope: Scope, selection: Selection) -> pd.DataFrame:
    return export_table(_store(url), name, selection)


def windows(key: DataKey) -> list[str]:
    """Financial years that hold workforce, leadership or indicator data, newest first."""
    return _windows(key[0], _scope(key, DATA_TABLES))


@st.cache_data(show_spinner=False, max_entries=4)
def _windows(url: str, scope: Scope) -> list[str]:
    return measures.available_windows(_periods(url, scope))


@st.cache_resource(show_spinner=False, max_entries=4)
def _periods(url: str, scope: Scope) -> pd.DataFrame:
    """The distinct periods of the current data (shared: callers never change it)."""
    return _store(url).kept.periods()


def default_window(key: DataKey) -> str:
    """The window the sidebar opens on: the latest financial year with data whose period
    has begun (a future period never becomes the default)."""
    return _default_window(key[0], _scope(key, DATA_TABLES))


@st.cache_data(show_spinner=False, max_entries=4)
def _default_window(url: str, scope: Scope) -> str:
    return measures.default_window(_periods(url, scope)).label


def catalogue(key: DataKey) -> pd.DataFrame:
    """The indicator catalogue, custom indicators (added with indicator rows) included."""
    return _catalogue(key[0], _scope(key, ("indicators",)))


@st.cache_data(show_spinner=False, max_entries=4)
def _catalogue(url: str, scope: Scope) -> pd.DataFrame:
    return _store(url).indicator_catalogue()


def reporting_orgs(key: DataKey) -> list[str]:
    """Codes of organisations with any stored data."""
    return _reporting_orgs(key[0], _scope(key, DATA_TABLES))


@st.cache_data(show_spinner=False, max_entries=4)
def _reporting_orgs(url: str, scope: Scope) -> list[str]:
    return _store(url).kept.reporting_orgs()


# --- workforce figures from the kept sums ---------------------------------------------------


def workforce_by(window_label: str, orgs: Sequence[str], by: str, key: DataKey) -> pd.DataFrame:
    """Workforce measures by ``by`` (profession, band or org_code) over the latest month in
    the window of each of ``orgs`` (:func:`measures.workforce_by`), kept per selection and
    data version: worked out from the kept sums of every organisation in the window, read
    once per window and data version and shared by every selection (a new selection asks the
    database nothing)."""
    codes = tuple(sorted(orgs))
    scope = _scope(key, ("workforce",), window_label)
    return _workforce_by(window_label, codes, by, key[0], scope)


@st.cache_data(show_spinner=False, max_entries=64)
def _workforce_by(
    window_label: str, orgs: tuple[str, ...], by: str, url: str, scope: Scope
) -> pd.DataFrame:
    dimension = "total" if by == "org_code" else by
    sums = _latest_item_sums(window_label, dimension, url, scope)
    return measures.workforce_from_sums(sums[sums["org_code"].isin(orgs)], [by])


@st.cache_resource(show_spinner=False, max_entries=8)
def _latest_item_sums(window_label: str, dimension: str, url: str, scope: Scope) -> pd.DataFrame:
    """:func:`stored.latest_item_sums` of every organisation (shared: callers never change
    it), the latest periods found once for every breakdown."""
    window = parse_window(window_label)
    latest = _latest_sums(window_label, url, scope)
    return stored.latest_item_sums(_store(url), window, dimension, latest)


@st.cache_resource(show_spinner=False, max_entries=4)
def _latest_sums(window_label: str, url: str, scope: Scope) -> pd.DataFrame:
    """:func:`stored.latest_sums` of every organisation (shared: callers never change it)."""
    return stored.latest_sums(_store(url), parse_window(window_label))


def monthly_series(orgs: Sequence[str], key: DataKey, org_code: str | None = None):  # type: ignore[no-untyped-def]
    """Every month held of ``org_code``, or pooled over ``orgs``
    (:func:`measures.monthly_series`)."""
    codes = (org_code,) if org_code else tuple(sorted(orgs))
    scope = _scope(key, ("workforce",), orgs=codes)
    return _monthly_series(codes, org_code, key[0], scope)


@st.cache_data(show_spinner=False, max_entries=64)
def _monthly_series(
    orgs: tuple[str, ...], org_code: str | None, url: str, scope: Scope
) -> pd.DataFrame:
    return stored.stored_monthly_series(_store(url), list(orgs), org_code)


def peer_median_series(orgs: Sequence[str], key: DataKey) -> pd.DataFrame:
    """The peers' median each month (:func:`measures.peer_median_series`)."""
    codes = tuple(sorted(orgs))
    return _peer_median_series(codes, key[0], _scope(key, ("workforce",), orgs=codes))


@st.cache_data(show_spinner=False, max_entries=64)
def _peer_median_series(orgs: tuple[str, ...], url: str, scope: Scope) -> pd.DataFrame:
    return stored.stored_peer_median_series(_store(url), list(orgs))


def gap_sums(window_label: str, key: DataKey, org_code: str | None = None) -> gaps.WorkforceSums:
    """The kept workforce sums the gap rules read (:func:`stored.gap_workforce_sums`): for
    checking ``org_code`` alone, or every organisation (None). Worked out again when workforce
    data dated in the window, or any of the organisation's (every organisation's), changed."""
    if org_code is None:
        scope = _scope(key, ("workforce",))
    else:
        scope = max(
            _scope(key, ("workforce",), window_label), _scope(key, ("workforce",), orgs=[org_code])
        )
    return _gap_sums(window_label, org_code, key[0], scope)


@st.cache_data(show_spinner=False, max_entries=16)
def _gap_sums(
    window_label: str, org_code: str | None, url: str, scope: Scope
) -> gaps.WorkforceSums:
    return stored.gap_workforce_sums(_store(url), parse_window(window_label), org_code)


def tracker(table_name: str, window_label: str, key: DataKey, selection: Selection) -> Tracker:
    """The returns tracker of a table in a window for the organisations ``selection`` selects
    (its window aside; see :func:`ahp_analytics.services.tracker.returns_tracker`): worked out
    again when that table's data in the window, or the organisations, changed."""
    scope = max(_scope(key, (table_name,), window_label), _scope(key, (ORGANISATIONS,)))
    return _returns_tracker(table_name, window_label, key[0], scope, selection.replace(window=None))


@st.cache_data(show_spinner="Working out the returns tracker…", max_entries=16)
def _returns_tracker(
    table_name: str, window_label: str, url: str, scope: Scope, selection: Selection
) -> Tracker:
    return returns_tracker(_store(url), parse_window(window_label), table_name, selection)


def refresh() -> None:
    """After a store or withdrawal in this session: release the tables it made stale now,
    rather than when next read (results it did not touch stay cached)."""
    key = version()
    _held(key[0]).drop_stale(lambda name: _table_scope(name, key))
