"""The measures the store keeps (store/kept.py): after any sequence of ingests, revisions and
withdrawals, what is kept equals what the raw rows give, on SQLite and PostgreSQL; kept in the
writer's transaction; filled for a database made before them; and the change log that lets
caches follow the data.

Every test runs on SQLite and, when AHP_TEST_POSTGRES_URL is set, on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pytest
import sqlalchemy as sa
from conftest import drop_all
from fixtures import make_file, workforce_rows
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ahp_analytics.analysis import measures, stored
from ahp_analytics.domain import reference
from ahp_analytics.domain.periods import parse_window
from ahp_analytics.domain.selection import Selection
from ahp_analytics.store import Store, changes, history, kept, open_store
from ahp_analytics.store.schema import VERSION_TABLE

ORGS = ("XA1", "XB1", "XC1")
# Months, a quarter ending with March (a tie on the period end) and a year starting with it.
PERIODS = ("2024-01", "2024-02", "2024-03", "2023/24 Q4", "2024")
PROFESSIONS = ("Physiotherapist", "Dietitian", "Podiatrist")
BANDS = ("Band 5", "Band 6", "Band 8a")
WINDOWS = ("2023/24", "2024/25", "2024")
TOLERANCE = {"check_exact": False, "rtol": 1e-9, "atol": 1e-9}


# --- what the raw rows give ------------------------------------------------------------------


def raw_sums(workforce: pd.DataFrame, dimension: str) -> pd.DataFrame:
    """The kept sums of ``dimension`` worked out in pandas from the raw rows, independently
    of the store's SQL: the registry's definitions (domain/measures.py)."""
    data = workforce.copy()
    data["senior_fte"] = data["fte"].where(data["band"].isin(reference.SENIOR_BANDS), 0.0)
    data["reported_fte"] = data["fte"].where(data["vacancy_fte"].notna())
    keys = ["org_code", "period", "period_type"] + ([] if dimension == "total" else [dimension])
    g = data.groupby(keys, sort=True, dropna=False)
    out = pd.DataFrame(
        {
            "rows": g.size(),
            "fte": g["fte"].sum(min_count=0),
            "headcount": g["headcount"].sum(min_count=1),
            "vacancy_fte": g["vacancy_fte"].sum(min_count=1),
            "reported_fte": g["reported_fte"].sum(min_count=1),
            "senior_fte": g["senior_fte"].sum(min_count=0),
        }
    ).reset_index()
    out["rows"] = out["rows"].astype("int64")
    for key in keys[3:] + ["org_code", "period_type"]:
        out[key] = out[key].astype(object)
    return out


def assert_sums_equal_raw(store: Store) -> pd.DataFrame:
    """Every kept sum equals what the raw rows give; returns the raw rows."""
    workforce = store.read("workforce")
    for dimension in kept.DIMENSIONS:
        got = store.kept.workforce(dimension)
        want = raw_sums(workforce, dimension)
        pd.testing.assert_frame_equal(got, want, obj=dimension, **TOLERANCE)
    return workforce


def assert_kept_equals_raw(store: Store) -> None:
    """Every kept sum, and every figure the pages build from them (summary, breakdowns,
    monthly and peer median series), equals what the raw rows give."""
    workforce = assert_sums_equal_raw(store)
    tables = {t: store.read(t) for t in ("leadership", "indicators", "organisations")}
    for label in WINDOWS:
        window = parse_window(label)
        want = measures.summary(
            workforce, tables["leadership"], tables["indicators"], tables["organisations"], window
        )
        got = measures.summary_table(store, Selection(window=label))
        pd.testing.assert_frame_equal(got, want, obj=f"summary {label}", **TOLERANCE)
        for by in (("profession",), ("band",), ("org_code",)):
            pd.testing.assert_frame_equal(
                stored.stored_workforce_by(store, window, by),
                measures.workforce_by(workforce, window, by),
                obj=f"{label} by {by}",
                **TOLERANCE,
            )
    pd.testing.assert_frame_equal(
        stored.stored_monthly_series(store),
        measures.monthly_series(workforce),
        obj="pooled series",
        **TOLERANCE,
    )
    for org in ORGS:
        pd.testing.assert_frame_equal(
            stored.stored_monthly_series(store, org_code=org),
            measures.monthly_series(workforce, org),
            obj=f"series of {org}",
            **TOLERANCE,
        )
    pd.testing.assert_frame_equal(
        stored.stored_peer_median_series(store, ORGS[:2]),
        measures.peer_median_series(workforce, ORGS[:2]),
        obj="peer medians",
        **TOLERANCE,
    )


# --- random histories ------------------------------------------------------------------------

FTES = st.sampled_from([0.0, 0.5, 1.25, 3.3, 3.4, 10.0])
HEADCOUNTS = st.sampled_from([None, 1.0, 2.0])
VACANCIES = st.sampled_from([None, None, 0.0, 0.4, 2.25])


@st.composite
def returns(draw) -> list[dict]:  # type: ignore[no-untyped-def]
    """The workforce rows of one file: one or two organisations, one or two periods, any
    professions and bands, blank headcounts and vacancy figures among them."""
    rows = []
    orgs = draw(st.lists(st.sampled_from(ORGS), min_size=1, max_size=2, unique=True))
    periods = draw(st.lists(st.sampled_from(PERIODS), min_size=1, max_size=2, unique=True))
    for org in orgs:
        for period in periods:
            cells = draw(
                st.lists(
                    st.tuples(st.sampled_from(PROFESSIONS), st.sampled_from(BANDS)),
                    min_size=1,
                    max_size=5,
                    unique=True,
                )
            )
            for profession, band in cells:
                rows.append(
                    {
                        "org_code": org,
                        "period": period,
                        "profession": profession,
                        "band": band,
                        "fte": draw(FTES),
                        "headcount": draw(HEADCOUNTS),
                        "vacancy_fte": draw(VACANCIES),
                    }
                )
    return rows


STEPS = st.lists(
    st.one_of(
        st.tuples(st.just("ingest"), returns()),
        # Withdraw the n-th submission stored so far (if still there and not withdrawn).
        st.tuples(st.just("withdraw"), st.integers(min_value=0, max_value=7)),
    ),
    min_size=1,
    max_size=8,
)


def fresh(url: str) -> Store:
    """An empty store at ``url``, whatever an earlier example left there."""
    drop_all(url)
    return open_store(url)


@pytest.mark.slow
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=STEPS)
def test_kept_equals_the_raw_rows_after_any_history(store_url: str, steps: list) -> None:
    store = fresh(store_url)
    try:
        replay(store, steps, after_each=assert_sums_equal_raw)
        assert_kept_equals_raw(store)
    finally:
        store.close()


def replay(store: Store, steps: list, after_each: Callable[[Store], None] | None = None) -> None:
    """Ingest and withdraw as ``steps`` (from :data:`STEPS`) say, calling ``after_each`` after
    every step."""
    stored_ids: list[int] = []
    for n, (kind, arg) in enumerate(steps):
        if kind == "ingest":
            result, content = make_file(f"file-{n}.xlsx", workforce=arg)
            outcome = store.ingest(result, content, "tester")
            assert outcome.status in ("accepted", "unchanged"), outcome.message
            if outcome.status == "accepted":
                stored_ids.append(outcome.submission_id)
        elif arg < len(stored_ids):
            store.withdraw(stored_ids[arg], "tester")  # an error when already withdrawn
        if after_each is not None:
            after_each(store)


# --- deterministic cases ---------------------------------------------------------------------


def test_revision_and_withdrawal_keep_the_sums_of_the_current_return(store: Store) -> None:
    first, content = make_file("march.xlsx", workforce=workforce_rows("XA1", fte=2.0))
    store.ingest(first, content, "alice")
    assert store.kept.workforce()["fte"].tolist() == [8.0]

    revised = workforce_rows("XA1", fte=1.0, bands=("Band 8a",))
    result, content = make_file("march-revised.xlsx", workforce=revised)
    second = store.ingest(result, content, "alice").submission_id
    totals = store.kept.workforce()
    assert totals[["fte", "senior_fte"]].values.tolist() == [[2.0, 2.0]]
    assert store.kept.workforce("band")["band"].tolist() == ["Band 8a"]

    assert store.withdraw(second, "alice").ok
    assert store.kept.workforce()["fte"].tolist() == [8.0]
    assert sorted(store.kept.workforce("band")["band"]) == ["Band 5", "Band 6"]
    assert_kept_equals_raw(store)


def test_withdrawing_the_only_return_leaves_nothing_kept(store: Store) -> None:
    result, content = make_file("march.xlsx", workforce=workforce_rows("XA1"))
    sid = store.ingest(result, content, "alice").submission_id
    assert store.withdraw(sid, "alice").ok
    for dimension in kept.DIMENSIONS:
        assert store.kept.workforce(dimension).empty


def test_a_failed_ingest_leaves_the_kept_sums_as_they_were(store: Store, monkeypatch) -> None:
    result, content = make_file("march.xlsx", workforce=workforce_rows("XA1", fte=2.0))
    store.ingest(result, content, "alice")
    before = store.kept.workforce("profession")

    def fail(*_args, **_kwargs) -> None:
        raise sa.exc.OperationalError("INSERT INTO data_changes", {}, Exception("disk full"))

    # The change log is written last, after the kept sums were worked out again: a failure
    # there must undo those sums with the rest of the ingest.
    monkeypatch.setattr(kept, "_log", fail)
    revised, content = make_file("march-2.xlsx", workforce=workforce_rows("XA1", fte=5.0))
    outcome = store.ingest(revised, content, "alice")
    assert outcome.status == "rejected" and "disk full" in outcome.message
    pd.testing.assert_frame_equal(store.kept.workforce("profession"), before)
    assert_kept_equals_raw(store)


def test_a_database_made_before_the_kept_sums_gets_them_when_opened(store_url: str) -> None:
    store = fresh(store_url)
    rows = workforce_rows("XA1") + workforce_rows("XB1", "2024-02", fte=3.0)
    result, content = make_file("both.xlsx", workforce=rows)
    store.ingest(result, content, "alice")
    want = {d: store.kept.workforce(d) for d in kept.DIMENSIONS}
    # As revision 0001 left it: no kept sums, no change log.
    for t in (kept.kept_workforce_table, kept.data_changes_table):
        t.drop(store.engine)
    with store.transaction() as conn:
        conn.execute(sa.text(f"UPDATE {VERSION_TABLE} SET version_num = '0001'"))
    store.close()

    with open_store(store_url) as reopened:
        for dimension, frame in want.items():
            pd.testing.assert_frame_equal(reopened.kept.workforce(dimension), frame)
        assert reopened.kept.changes(0).empty


def test_the_change_log_names_what_each_ingest_and_withdrawal_touched(store: Store) -> None:
    result, content = make_file(
        "two.xlsx",
        workforce=workforce_rows("XA1", "2024-03") + workforce_rows("XB1", "2024-02"),
        organisations=[{"org_code": "XA1", "org_name": "Trust A", "region": "London"}],
    )
    sid = store.ingest(result, content, "alice").submission_id
    first = store.data_version()
    log = store.kept.changes(0)
    assert set(log["version"]) == {first}
    assert set(map(tuple, log[["table_name", "org_code", "period", "period_type"]].values)) == {
        ("workforce", "XA1", "2024-03-01", "month"),
        ("workforce", "XB1", "2024-02-01", "month"),
        ("organisations", "XA1", "", ""),
    }

    result, content = make_file("xb1.xlsx", workforce=workforce_rows("XB1", "2024-02", fte=4.0))
    store.ingest(result, content, "alice")
    second = store.data_version()
    latest = store.kept.changes(first)
    assert latest[["org_code", "version"]].values.tolist() == [["XB1", second]]

    store.withdraw(sid, "alice")
    withdrawn = store.kept.changes(second)
    # Both organisations' details may have changed (what the file said is undone).
    assert set(withdrawn["org_code"]) == {"XA1", "XB1"}
    assert set(withdrawn["version"]) == {store.data_version()}


def test_change_tracker_scopes_move_only_for_what_changed(store: Store) -> None:
    tracker = changes.ChangeTracker()
    march, feb, fy = parse_window("2024-03"), parse_window("2024-02"), parse_window("2023/24")
    tracker.catch_up(store.kept, store.data_version())
    start = {
        "march": tracker.scope(["workforce"], march),
        "feb": tracker.scope(["workforce"], feb),
        "xb1": tracker.scope(["workforce"], orgs=["XB1"]),
        "leadership": tracker.scope(["leadership"]),
    }

    result, content = make_file("xa1.xlsx", workforce=workforce_rows("XA1", "2024-03"))
    store.ingest(result, content, "alice")
    tracker.catch_up(store.kept, store.data_version())
    assert tracker.scope(["workforce"], march) > start["march"]
    assert tracker.scope(["workforce"], fy) > start["march"]
    assert tracker.scope(["workforce"], feb) == start["feb"]
    assert tracker.scope(["workforce"], orgs=["XB1"]) == start["xb1"]
    assert tracker.scope(["workforce"], orgs=["xa1"]) > start["xb1"]
    assert tracker.scope(["leadership"]) == start["leadership"]

    # A change the log does not itemise moves every scope on.
    with store.transaction() as conn:
        history.bump_version(conn)
    tracker.catch_up(store.kept, store.data_version())
    assert tracker.scope(["leadership"]) > start["leadership"]
    assert tracker.scope(["workforce"], feb) > start["feb"]


def test_change_tracker_starts_a_new_generation_when_the_version_goes_back(store: Store) -> None:
    tracker = changes.ChangeTracker()
    tracker.catch_up(store.kept, 5)
    before = tracker.scope(["workforce"])
    tracker.catch_up(store.kept, 0)  # another database under the same address
    assert tracker.scope(["workforce"]) != before


def test_kept_queries_filter_in_the_database(store: Store) -> None:
    rows = workforce_rows("RJ1") + workforce_rows("RGT") + workforce_rows("RJ1", "2024-02")
    result, content = make_file("three.xlsx", workforce=rows)
    store.ingest(result, content, "alice")
    regions = store.read("organisations").set_index("org_code")["region"]
    london = store.kept.workforce(region=regions["RJ1"])
    assert set(london["org_code"]) == {"RJ1"} and len(london) == 2
    march = store.kept.workforce(period_from=pd.Timestamp("2024-03-01").date())
    assert sorted(march["org_code"]) == ["RGT", "RJ1"]
    keys = march[march["org_code"] == "RGT"][["org_code", "period", "period_type"]]
    assert store.kept.workforce("band", keys=keys)["org_code"].unique().tolist() == ["RGT"]
    pooled = store.kept.workforce(pooled=True)
    assert "org_code" not in pooled and pooled["fte"].tolist() == [4.0, 8.0]
    assert store.kept.reporting_orgs() == ["RGT", "RJ1"]
    assert store.kept.periods()["period"].dt.strftime("%Y-%m").tolist() == ["2024-02", "2024-03"]
    with pytest.raises(ValueError, match="dimension"):
        store.kept.workforce("region")


def test_deleting_submissions_keeps_the_sums_and_logs_what_went(store: Store) -> None:
    first, content = make_file(
        "demo.xlsx", workforce=workforce_rows("DM001") + workforce_rows("XA1", fte=1.0)
    )
    demo_id = store.ingest(first, content, "alice").submission_id
    result, content = make_file("xa1.xlsx", workforce=workforce_rows("XA1", fte=2.0))
    store.ingest(result, content, "alice")
    version = store.data_version()

    store.delete_submissions([demo_id])

    assert_sums_equal_raw(store)
    assert set(store.kept.workforce()["org_code"]) == {"XA1"}
    log = store.kept.changes(version)
    assert ("workforce", "DM001") in set(zip(log["table_name"], log["org_code"], strict=True))
    assert set(log["version"]) == {store.data_version()}
