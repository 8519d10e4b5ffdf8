"""The summary after an upload: the rows of the organisations it changed worked out again, the
others kept, equal to the summary worked out afresh (SQLite and PostgreSQL)."""

from __future__ import annotations

import pandas as pd
from fixtures import indicator_rows, leadership_rows, make_file, workforce_rows

from ahp_analytics.analysis import measures
from ahp_analytics.domain.periods import parse_window
from ahp_analytics.domain.selection import Selection
from ahp_analytics.store import DATA_TABLES, Store, changes, history

FY = "2023/24"


def _load(store: Store) -> None:
    for n, org in enumerate(("XA1", "XB1", "XC1")):
        result, content = make_file(
            f"{org}.xlsx",
            workforce=workforce_rows(org, "2024-03", fte=1.0 + n)
            + workforce_rows(org, "2024-02", fte=2.0),
            leadership=leadership_rows(org, "2024-03", posts=1 + n),
            indicators=indicator_rows(org, FY, {"cqc_overall": 1.0 + n}),
        )
        assert store.ingest(result, content, "alice").status == "accepted"


def _summary(store: Store, orgs: tuple[str, ...] = ()) -> pd.DataFrame:
    return measures.summary_table(store, Selection(window=FY, orgs=orgs))


def test_changed_orgs_names_the_organisations_an_upload_touched_in_the_window(
    store: Store,
) -> None:
    _load(store)
    tracker = changes.ChangeTracker()
    tracker.catch_up(store.kept, store.data_version())
    fy, feb = parse_window(FY), parse_window("2024-02")
    since = tracker.scope(DATA_TABLES, fy)
    assert tracker.changed_orgs(DATA_TABLES, fy, since) == set()

    result, content = make_file("xb1.xlsx", workforce=workforce_rows("XB1", "2024-03", fte=9.0))
    store.ingest(result, content, "alice")
    tracker.catch_up(store.kept, store.data_version())
    assert tracker.changed_orgs(DATA_TABLES, fy, since) == {"XB1"}
    assert tracker.changed_orgs(DATA_TABLES, feb, since) == set()  # March is not in February
    assert tracker.changed_orgs(("leadership",), fy, since) == set()

    # A change the log does not itemise: what changed is not known.
    with store.transaction() as conn:
        history.bump_version(conn)
    tracker.catch_up(store.kept, store.data_version())
    assert tracker.changed_orgs(DATA_TABLES, fy, since) is None


def test_the_summary_with_the_changed_rows_equals_the_summary_afresh(store: Store) -> None:
    _load(store)
    before = _summary(store)
    # A revision of one organisation's workforce (its leadership measures per 100 FTE move
    # too), then its withdrawal, then an organisation's first return.
    result, content = make_file("xb1.xlsx", workforce=workforce_rows("XB1", "2024-03", fte=9.0))
    revision = store.ingest(result, content, "alice").submission_id
    after = measures.with_rows_of(before, _summary(store, ("XB1",)), {"XB1"})
    pd.testing.assert_frame_equal(after, _summary(store))
    assert not after.equals(before)

    assert store.withdraw(revision, "alice").ok
    pd.testing.assert_frame_equal(
        measures.with_rows_of(after, _summary(store, ("XB1",)), {"XB1"}), before
    )

    result, content = make_file(
        "xd1.xlsx",
        workforce=workforce_rows("XD1", "2024-03"),
        leadership=leadership_rows("XD1", "2024-03"),
        indicators=indicator_rows("XD1", FY, {"cqc_overall": 3.0}),
    )
    store.ingest(result, content, "alice")
    added = measures.with_rows_of(before, _summary(store, ("XD1",)), {"XD1"})
    pd.testing.assert_frame_equal(added, _summary(store))
    assert added["org_code"].tolist() == ["XA1", "XB1", "XC1", "XD1"]


def test_the_summary_is_worked_out_again_when_the_indicator_columns_move(store: Store) -> None:
    _load(store)
    before = _summary(store)
    result, content = make_file(
        "xa1.xlsx",
        indicators=indicator_rows("XA1", FY, {"cqc_overall": 1.0, "bed_occupancy": 90.0}),
    )
    store.ingest(result, content, "alice")
    assert measures.with_rows_of(before, _summary(store, ("XA1",)), {"XA1"}) is None
