"""The store: one transaction per file, supersession, withdrawal, queries, concurrency.

Every test runs on SQLite and, when AHP_TEST_POSTGRES_URL is set, on PostgreSQL.
"""

from __future__ import annotations

import multiprocessing
import os
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa
from fixtures import (
    indicator_rows,
    ingest_worker,
    leadership_rows,
    make_file,
    workforce_rows,
)

from ahp_analytics.domain import reference, schema
from ahp_analytics.domain.periods import parse_period
from ahp_analytics.domain.selection import Selection
from ahp_analytics.services.exports import export_table
from ahp_analytics.store import SUBMISSION_COLUMNS, DatabaseFileLost, Store, open_store, queries
from ahp_analytics.store.schema import VERSION_TABLE

ORGS = [
    {"org_code": "XA1", "org_name": "Trust A", "region": "London", "trust_type": "Acute"},
    {"org_code": "XB1", "org_name": "Trust B", "region": "North West", "trust_type": "Community"},
    {"org_code": "XC1", "org_name": "Trust C", "region": "London", "trust_type": "Mental health"},
]


def snapshot(store: Store) -> dict:
    """Everything a user could see: every table's export and the data version."""
    tables = ("organisations", "workforce", "leadership", "indicators", "submissions")
    return {t: export_table(store, t) for t in tables} | {"version": store.data_version()}


def assert_same(before: dict, after: dict) -> None:
    assert before["version"] == after["version"]
    for name, df in before.items():
        if name != "version":
            pd.testing.assert_frame_equal(df, after[name], obj=name)


def status_of(store: Store) -> dict[int, str]:
    history = store.submissions()
    return dict(zip(history["id"], history["status"], strict=True))


def test_ingest_stores_rows_history_and_original_file(store: Store) -> None:
    rows = workforce_rows("XA1") + workforce_rows("XB1")
    result, content = make_file(
        "march.xlsx",
        workforce=rows,
        leadership=leadership_rows("XA1", posts=3),
        indicators=indicator_rows("XA1"),
        organisations=ORGS,
        warnings=2,
    )
    outcome = store.ingest(result, content, "alice")

    assert outcome.status == "accepted"
    assert outcome.rows == {"workforce": 8, "leadership": 3, "indicators": 1, "organisations": 3}
    wf = store.read("workforce")
    assert list(wf.columns) == list(schema.EXPORT_COLUMNS["workforce"])
    assert len(wf) == 8 and set(wf["org_code"]) == {"XA1", "XB1"}
    assert wf["period"].dtype == "datetime64[ns]"
    assert (wf["period"] == pd.Timestamp("2024-03-01")).all()
    assert (wf["period_type"] == "month").all()
    assert wf["fte"].dtype == "float64"
    assert list(store.read("leadership")["job_title"]) == ["Post 1", "Post 2", "Post 3"]

    history = store.submissions()
    assert list(history.columns) == list(SUBMISSION_COLUMNS)
    assert len(history) == 1
    row = history.iloc[0]
    assert (row["file_name"], row["user_name"], row["status"]) == ("march.xlsx", "alice", "current")
    assert (row["workforce_rows"], row["leadership_rows"], row["warnings"]) == (8, 3, 2)
    assert row["sha256"] == result.sha256 and row["size"] == len(content)
    assert str(row["submitted_at"].tz) == "UTC"

    sub = store.submission(outcome.submission_id)
    assert sub is not None and [w["message"] for w in sub.warnings] == ["warning 0", "warning 1"]
    assert store.original_file(outcome.submission_id) == ("march.xlsx", content)
    assert store.submission(999) is None and store.original_file(999) is None
    assert not store.is_empty()


def test_result_with_errors_is_refused_and_nothing_stored(store: Store) -> None:
    before = snapshot(store)
    result, content = make_file(workforce=workforce_rows("XA1"), organisations=ORGS, errors=2)

    outcome = store.ingest(result, content, "alice")

    assert outcome.status == "rejected" and outcome.submission_id is None
    assert "2 errors" in outcome.message
    assert_same(before, snapshot(store))
    assert store.is_empty()


def test_failure_mid_ingest_rolls_back_the_whole_file(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, content = make_file(
        "first.xlsx", workforce=workforce_rows("XA1") + workforce_rows("XB1")
    )
    assert store.ingest(first, content, "alice").status == "accepted"
    before = snapshot(store)

    # The second file replaces XA1 (deactivating the first file's rows), adds an organisation
    # and rows for XC1, then the database fails after the first batch of rows.
    second, content2 = make_file(
        "second.xlsx",
        workforce=workforce_rows("XA1", fte=9.0) + workforce_rows("XC1", "2024-04"),
        leadership=leadership_rows("XA1"),
        indicators=indicator_rows("XA1", values={"my_custom_measure": 1.0}),
        organisations=[{"org_code": "XA1", "org_name": "Renamed", "region": "London"}],
    )
    store.batch_size = 3
    batches: list[int] = []
    real_insert = Store._insert_batch

    def failing_insert(self, conn, table, names, batch):  # type: ignore[no-untyped-def]
        if batches:
            raise sa.exc.OperationalError("INSERT INTO workforce", {}, Exception("disk I/O error"))
        batches.append(len(batch))
        real_insert(self, conn, table, names, batch)

    monkeypatch.setattr(Store, "_insert_batch", failing_insert)
    outcome = store.ingest(second, content2, "bob")

    assert batches == [3]  # one batch went in before the failure
    assert outcome.status == "rejected" and outcome.submission_id is None
    assert "disk I/O error" in outcome.message and "Nothing of it was stored" in outcome.message
    assert_same(before, snapshot(store))
    assert "my_custom_measure" not in set(store.indicator_catalogue()["code"])

    # The lock was released and the same file goes in once the database works.
    monkeypatch.setattr(Store, "_insert_batch", real_insert)
    assert store.ingest(second, content2, "bob").status == "accepted"
    assert set(store.read("workforce")["org_code"]) == {"XA1", "XB1", "XC1"}


def test_resubmission_supersedes_the_same_org_period_and_table(store: Store) -> None:
    a, ca = make_file(
        "a.xlsx",
        workforce=workforce_rows("XA1") + workforce_rows("XB1") + workforce_rows("XA1", "2024-04"),
        leadership=leadership_rows("XA1", posts=3),
        indicators=indicator_rows("XA1", values={"cqc_overall": 2.0, "shmi": 1.01}),
    )
    id_a = store.ingest(a, ca, "alice").submission_id
    # B: XA1 March workforce with one profession only, one leadership post, one indicator.
    b, cb = make_file(
        "b.xlsx",
        workforce=workforce_rows("XA1", professions=["Paramedic"], fte=5.0),
        leadership=leadership_rows("XA1", posts=1),
        indicators=indicator_rows("XA1", values={"cqc_overall": 3.0}),
    )
    outcome = store.ingest(b, cb, "bob")

    assert outcome.status == "accepted" and outcome.superseded == [id_a]
    wf = store.read("workforce")
    ta1_march = wf[(wf["org_code"] == "XA1") & (wf["period"] == "2024-03-01")]
    assert set(ta1_march["profession"]) == {"Paramedic"} and (ta1_march["fte"] == 5.0).all()
    assert len(wf[wf["org_code"] == "XB1"]) == 4  # other organisations untouched
    assert len(wf[wf["period"] == "2024-04-01"]) == 4  # other periods untouched
    assert len(store.read("leadership")) == 1  # all posts of XA1 March replaced
    ind = store.read("indicators").set_index("indicator")["value"]
    assert ind.to_dict() == {"cqc_overall": 3.0, "shmi": 1.01}  # per indicator

    assert status_of(store) == {id_a: "partly superseded", outcome.submission_id: "current"}
    assert store.submission(id_a).superseded_by == outcome.submission_id

    # C replaces everything A still held: A is superseded.
    c, cc = make_file(
        "c.xlsx",
        workforce=workforce_rows("XB1") + workforce_rows("XA1", "2024-04"),
        indicators=indicator_rows("XA1", values={"shmi": 0.98}),
    )
    id_c = store.ingest(c, cc, "carol").submission_id
    assert status_of(store)[id_a] == "superseded"
    assert store.submission(id_a).superseded_by == id_c


def test_a_year_and_a_month_starting_the_same_day_are_different_periods(store: Store) -> None:
    month, cm = make_file("m.xlsx", workforce=workforce_rows("XA1", "2024-01"))
    year, cy = make_file("y.xlsx", workforce=workforce_rows("XA1", "2024"))
    store.ingest(month, cm, "a")
    assert store.ingest(year, cy, "a").superseded == []
    assert sorted(store.read("workforce")["period_type"].unique()) == ["month", "year"]


def test_same_file_again_changes_nothing(store: Store) -> None:
    a, ca = make_file("a.xlsx", workforce=workforce_rows("XA1"))
    first = store.ingest(a, ca, "alice")
    before = snapshot(store)

    again = store.ingest(a, ca, "bob")

    assert again.status == "unchanged" and again.submission_id == first.submission_id
    assert "same file" in again.message and "nothing changed" in again.message
    assert_same(before, snapshot(store))

    # Once superseded, the same file brings its rows back as a new submission.
    b, cb = make_file("b.xlsx", workforce=workforce_rows("XA1", fte=7.0))
    store.ingest(b, cb, "bob")
    back = store.ingest(a, ca, "alice")
    assert back.status == "accepted" and back.submission_id not in (first.submission_id, None)
    assert (store.read("workforce")["fte"] == 1.0).all()


def test_withdrawal_restores_what_it_superseded(store: Store) -> None:
    a, ca = make_file("a.xlsx", workforce=workforce_rows("XA1") + workforce_rows("XB1"))
    b, cb = make_file("b.xlsx", workforce=workforce_rows("XA1", fte=2.0))
    c, cc = make_file("c.xlsx", workforce=workforce_rows("XA1", fte=3.0))
    id_a = store.ingest(a, ca, "alice").submission_id
    id_b = store.ingest(b, cb, "bob").submission_id
    before_b = export_table(store, "workforce")
    id_c = store.ingest(c, cc, "carol").submission_id

    # Withdrawing C brings B back (the most recent earlier submission), not A.
    outcome = store.withdraw(id_c, "dave")
    assert outcome.ok and outcome.status == "withdrawn" and outcome.restored == [id_b]
    pd.testing.assert_frame_equal(export_table(store, "workforce"), before_b)

    # Withdrawing B then brings A back; the history keeps all three.
    assert store.withdraw(id_b, "dave").restored == [id_a]
    assert (store.read("workforce")["fte"] == 1.0).all()
    assert status_of(store) == {id_a: "current", id_b: "withdrawn", id_c: "withdrawn"}
    history = store.submissions().set_index("id")
    assert history.loc[id_c, "withdrawn_by"] == "dave"
    assert pd.notna(history.loc[id_c, "withdrawn_at"])
    assert pd.isna(history.loc[id_a, "superseded_by"])
    assert "withdrawn" in outcome.message and str(id_b) in outcome.message


def test_withdrawing_an_older_submission_leaves_newer_rows_current(store: Store) -> None:
    a, ca = make_file("a.xlsx", workforce=workforce_rows("XA1") + workforce_rows("XB1"))
    b, cb = make_file("b.xlsx", workforce=workforce_rows("XA1", fte=2.0))
    id_a = store.ingest(a, ca, "alice").submission_id
    id_b = store.ingest(b, cb, "bob").submission_id

    assert store.withdraw(id_a, "carol").restored == []

    wf = store.read("workforce")
    assert set(wf["org_code"]) == {"XA1"} and (wf["fte"] == 2.0).all()
    assert status_of(store) == {id_a: "withdrawn", id_b: "current"}


def test_withdraw_unknown_or_withdrawn_id_is_an_error_value(store: Store) -> None:
    a, ca = make_file(workforce=workforce_rows("XA1"))
    sid = store.ingest(a, ca, "alice").submission_id
    assert store.withdraw(sid, "bob").ok
    before = snapshot(store)

    unknown = store.withdraw(12345, "bob")
    twice = store.withdraw(sid, "carol")

    assert (unknown.status, unknown.ok) == ("error", False)
    assert "no submission 12345" in unknown.message
    assert twice.status == "error" and "already withdrawn by bob" in twice.message
    assert_same(before, snapshot(store))


def _filter_fixture(store: Store) -> None:
    rows = []
    for org in ("XA1", "XB1", "XC1", "ZZ9"):
        for month in ("2024-01", "2024-02", "2024-03"):
            rows += workforce_rows(org, month)
    result, content = make_file(
        workforce=rows,
        leadership=leadership_rows("XA1") + leadership_rows("XB1", "2024-02"),
        indicators=indicator_rows("XC1", "2024-03"),
        organisations=ORGS,
    )
    assert store.ingest(result, content, "alice").status == "accepted"


def _orgs_months(df: pd.DataFrame) -> set[tuple[str, str]]:
    return {(o, p.strftime("%Y-%m")) for o, p in zip(df["org_code"], df["period"], strict=True)}


def test_rows_are_found_through_their_slices_by_id_range_without_sorting_them_all(tmp_path) -> None:
    """On SQLite, a read narrowed by organisation or period finds the slices by their key
    index and each slice's rows as a range of the primary key (the data tables have no index
    of their own), and an export in key order sorts only within a slice."""
    with open_store(f"sqlite:///{tmp_path / 'plans.db'}") as store:
        _filter_fixture(store)
        with store.engine.connect() as conn:

            def plan(selection: Selection) -> list[str]:
                query = queries.stream_query("workforce", selection, "sqlite")
                sql = str(query.compile(conn.engine, compile_kwargs={"literal_binds": True}))
                return [r[-1] for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql)]

            for selection in (
                Selection(),
                Selection(orgs=["XA1"]),
                Selection(region="London"),
                Selection(orgs=["XB1"], period_from="2024-02"),
            ):
                steps = plan(selection)
                assert any("slices USING INDEX ix_slices_key" in s for s in steps), steps
                assert any(
                    "workforce USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)" in s for s in steps
                ), steps
                assert "USE TEMP B-TREE FOR ORDER BY" not in steps, steps
            indexes = {i["name"] for i in sa.inspect(conn).get_indexes("workforce")}
            assert indexes == set()


def test_read_filters_select_exactly_the_rows_asked_for(store: Store) -> None:
    _filter_fixture(store)
    months = {"2024-01", "2024-02", "2024-03"}

    def pairs(orgs, wanted=months):  # type: ignore[no-untyped-def]
        return {(o, m) for o in orgs for m in wanted}

    assert _orgs_months(store.read("workforce")) == pairs(["XA1", "XB1", "XC1", "ZZ9"])
    assert _orgs_months(store.read("workforce", Selection(orgs=["xa1 ", "ZZ9"]))) == pairs(
        ["XA1", "ZZ9"]
    )
    assert _orgs_months(store.read("workforce", Selection(region="London"))) == pairs(
        ["XA1", "XC1"]
    )
    assert _orgs_months(
        store.read("workforce", Selection(region=["North West", "London"]))
    ) == pairs(["XA1", "XB1", "XC1"])
    assert _orgs_months(store.read("workforce", Selection(trust_type="Acute"))) == pairs(["XA1"])
    assert (
        _orgs_months(store.read("workforce", Selection(region="London", trust_type="Community")))
        == set()
    )
    everyone = ["XA1", "XB1", "XC1", "ZZ9"]
    assert _orgs_months(store.read("workforce", Selection(period_from="2024-02"))) == pairs(
        everyone, {"2024-02", "2024-03"}
    )
    assert _orgs_months(store.read("workforce", Selection(period_to=date(2024, 2, 1)))) == pairs(
        everyone, {"2024-01", "2024-02"}
    )
    feb = parse_period("Feb-24")
    assert _orgs_months(
        store.read("workforce", Selection(orgs=["XB1"], period_from=feb, period_to="2024-02-01"))
    ) == {("XB1", "2024-02")}
    assert _orgs_months(store.read("leadership", Selection(region="North West"))) == {
        ("XB1", "2024-02")
    }
    assert _orgs_months(store.read("indicators", Selection(trust_type="Mental health"))) == {
        ("XC1", "2024-03")
    }
    london = store.read("organisations", Selection(region="London"))
    assert [c for c in london["org_code"] if c.startswith("X")] == ["XA1", "XC1"]
    assert set(london["region"]) == {"London"}
    with pytest.raises(ValueError, match="Unknown table"):
        store.read("staff")
    with pytest.raises(ValueError, match="as a period"):
        Selection(period_from="soon")
    # A filter that does not apply to a table is refused, not ignored.
    with pytest.raises(ValueError, match="organisations table has no periods"):
        store.read("organisations", Selection(period_from="2024-01"))
    with pytest.raises(ValueError, match="applies to the summary only"):
        store.read("workforce", Selection(window="2023/24"))
    with pytest.raises(ValueError, match="never filtered"):
        store.read("submissions", Selection(region="London"))


def test_read_is_sorted_and_typed_even_when_empty(store: Store) -> None:
    empty = store.read("workforce")
    assert list(empty.columns) == list(schema.EXPORT_COLUMNS["workforce"]) and empty.empty
    assert empty["period"].dtype == "datetime64[ns]" and empty["fte"].dtype == "float64"

    # Stored in reverse order, read back in key order.
    rows = workforce_rows("XB1", "2024-02") + workforce_rows("XA1", "2024-03")
    rows += workforce_rows("XA1", "2024-01")
    result, content = make_file(workforce=rows[::-1])
    store.ingest(result, content, "alice")
    wf = store.read("workforce")
    keys = ["org_code", "period", "profession", "band"]
    pd.testing.assert_frame_equal(wf, wf.sort_values(keys).reset_index(drop=True))


def test_organisations_sheet_adds_and_updates_without_blanking(store: Store) -> None:
    result, content = make_file(organisations=ORGS)
    store.ingest(result, content, "alice")
    update, content2 = make_file(
        organisations=[{"org_code": "XA1", "org_name": "Trust A renamed", "region": None}]
    )
    store.ingest(update, content2, "bob")

    orgs = store.read("organisations", Selection(orgs=["XA1"]))
    assert orgs.iloc[0][["org_name", "region", "trust_type"]].tolist() == [
        "Trust A renamed",
        "London",
        "Acute",
    ]
    reference_codes = set(reference.organisations()["org_code"])
    assert reference_codes <= set(store.read("organisations")["org_code"])


def org(store: Store, code: str) -> dict | None:
    """One organisation's row as stored (None for missing values), or None if absent."""
    rows = store.read("organisations", Selection(orgs=[code]))
    if rows.empty:
        return None
    return {k: (None if pd.isna(v) else v) for k, v in rows.iloc[0].items()}


GUYS = {
    "org_code": "RJ1",
    "org_name": "Guy's and St Thomas' NHS Foundation Trust",
    "region": "London",
    "icb": None,
    "trust_type": "Acute",
}


def test_an_upload_cannot_change_a_reference_organisation(store: Store) -> None:
    assert org(store, "RJ1") == GUYS
    hacked = [
        {
            "org_code": "RJ1",
            "org_name": "HACKED NAME",
            "region": "North West",
            "icb": "An ICB",
            "trust_type": "Ambulance",
        }
    ]
    result, content = make_file(organisations=hacked)
    sid = store.ingest(result, content, "mallory").submission_id

    # The reference values stay; the ICB, which the list leaves blank, is what the upload gave.
    assert org(store, "RJ1") == {**GUYS, "icb": "An ICB"}
    assert "RJ1" in set(store.read("organisations", Selection(trust_type="Acute"))["org_code"])
    assert "RJ1" not in set(
        store.read("organisations", Selection(trust_type="Ambulance"))["org_code"]
    )

    assert store.withdraw(sid, "alice").ok
    assert org(store, "RJ1") == GUYS


def test_withdrawal_undoes_what_an_organisations_sheet_said(store: Store) -> None:
    first, c1 = make_file("first.xlsx", organisations=ORGS)
    id1 = store.ingest(first, c1, "alice").submission_id
    second, c2 = make_file(
        "second.xlsx",
        organisations=[
            {"org_code": "XA1", "org_name": "Trust A renamed", "region": None, "icb": "ICB A"},
            {"org_code": "XN1", "org_name": "New trust", "region": "London"},
        ],
    )
    id2 = store.ingest(second, c2, "bob").submission_id
    assert org(store, "XA1") == {
        "org_code": "XA1",
        "org_name": "Trust A renamed",
        "region": "London",  # a blank cell keeps the earlier value
        "icb": "ICB A",
        "trust_type": "Acute",
    }
    assert org(store, "XN1") is not None

    # Withdrawing the second brings back what the first said, and removes the organisation
    # only the second introduced (no rows name it).
    assert store.withdraw(id2, "carol").ok
    assert org(store, "XA1") == {
        "org_code": "XA1",
        "org_name": "Trust A",
        "region": "London",
        "icb": None,
        "trust_type": "Acute",
    }
    assert org(store, "XN1") is None

    # Withdrawing the first too removes what it introduced; the reference list stays whole.
    assert store.withdraw(id1, "carol").ok
    assert {org(store, c) for c in ("XA1", "XB1", "XC1")} == {None}
    assert set(store.read("organisations")["org_code"]) == set(reference.reference_attributes())


def test_an_organisation_that_rows_still_name_is_kept_when_its_upload_is_withdrawn(
    store: Store,
) -> None:
    new = [{"org_code": "XN1", "org_name": "New trust", "region": "London"}]
    first, c1 = make_file("first.xlsx", organisations=new, workforce=workforce_rows("XN1"))
    id1 = store.ingest(first, c1, "alice").submission_id
    second, c2 = make_file("second.xlsx", workforce=workforce_rows("XN1", "2024-04"))
    id2 = store.ingest(second, c2, "bob").submission_id

    # The second's rows still name XN1: it stays as it was, so they keep their name and region.
    assert store.withdraw(id1, "carol").ok
    assert org(store, "XN1") == {
        "org_code": "XN1",
        "org_name": "New trust",
        "region": "London",
        "icb": None,
        "trust_type": None,
    }
    # Once no rows of a submission that is not withdrawn name it, it goes.
    assert store.withdraw(id2, "carol").ok
    assert org(store, "XN1") is None


def test_opening_a_database_made_before_organisations_were_recorded(store_url: str) -> None:
    with open_store(store_url) as store:
        result, content = make_file(organisations=ORGS)
        sid = store.ingest(result, content, "alice").submission_id
        # As an earlier version left it: no record of what submissions said, a reference
        # trust overwritten by that upload, and no schema revision.
        with store.engine.begin() as conn:
            conn.execute(sa.text("DROP TABLE submission_organisations"))
            conn.execute(sa.text(f"DROP TABLE {VERSION_TABLE}"))
            conn.execute(
                sa.text(
                    "UPDATE organisations SET org_name = 'HACKED NAME', trust_type = 'Ambulance', "
                    "source = :source WHERE org_code = 'RJ1'"
                ),
                {"source": f"submission {sid}"},
            )
    with open_store(store_url) as store:
        assert org(store, "RJ1") == GUYS
        assert org(store, "XA1")["org_name"] == "Trust A"
        assert store.withdraw(sid, "bob").ok
        assert org(store, "XA1") is None


def sqlite_files(path: Path) -> list[Path]:
    """A SQLite database file and its WAL and shared-memory files."""
    return [path, path.with_name(f"{path.name}-wal"), path.with_name(f"{path.name}-shm")]


def test_a_deleted_database_file_is_noticed_and_nothing_claims_to_be_stored(tmp_path) -> None:
    path = tmp_path / "ahp.db"
    store = open_store(f"sqlite:///{path}")
    first, c1 = make_file("first.xlsx", workforce=workforce_rows("XA1"))
    sid = store.ingest(first, c1, "alice").submission_id
    for f in sqlite_files(path):
        f.unlink(missing_ok=True)

    second, c2 = make_file("second.xlsx", workforce=workforce_rows("XB1"))
    outcome = store.ingest(second, c2, "bob")

    assert (outcome.status, outcome.submission_id) == ("rejected", None)
    assert outcome.message == (
        "'second.xlsx' was not stored. The database file (ahp.db) no longer exists: it was "
        "deleted or moved while the application was running, so nothing can be stored or "
        "shown. An administrator must restore the database file and restart the application."
    )
    withdrawn = store.withdraw(sid, "bob")
    assert withdrawn.status == "error" and withdrawn.message.startswith(
        f"Submission {sid} was not withdrawn. The database file (ahp.db) no longer exists"
    )
    # Reads refuse too, rather than show what is left of the deleted file.
    for read in (
        lambda: store.read("workforce"),
        store.data_version,
        store.submissions,
        store.is_empty,
        lambda: store.submission(sid),
    ):
        with pytest.raises(DatabaseFileLost, match="no longer exists"):
            read()
    assert not path.exists()  # and no empty database was created in its place
    store.close()


def test_a_replaced_database_file_is_noticed_and_left_alone(tmp_path) -> None:
    path, other = tmp_path / "ahp.db", tmp_path / "other.db"
    with open_store(f"sqlite:///{other}") as o:
        result, content = make_file("other.xlsx", workforce=workforce_rows("XC1"))
        assert o.ingest(result, content, "carol").status == "accepted"
    store = open_store(f"sqlite:///{path}")
    first, c1 = make_file("first.xlsx", workforce=workforce_rows("XA1"))
    assert store.ingest(first, c1, "alice").status == "accepted"
    for f in sqlite_files(path):
        f.unlink(missing_ok=True)
    os.replace(other, path)

    second, c2 = make_file("second.xlsx", workforce=workforce_rows("XB1"))
    outcome = store.ingest(second, c2, "bob")

    assert outcome.status == "rejected"
    assert "The database file (ahp.db) was replaced while the application" in outcome.message
    with pytest.raises(DatabaseFileLost, match="was replaced"):
        store.read("workforce")
    store.close()
    with open_store(f"sqlite:///{path}") as reopened:
        assert reopened.submissions()["file_name"].tolist() == ["other.xlsx"]


def test_a_database_file_moved_during_an_ingest_rolls_it_back(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, moved = tmp_path / "ahp.db", tmp_path / "moved"
    moved.mkdir()
    store = open_store(f"sqlite:///{path}")
    first, c1 = make_file("first.xlsx", workforce=workforce_rows("XA1"))
    assert store.ingest(first, c1, "alice").status == "accepted"
    real_insert = Store._insert_batch

    def moving_insert(self, conn, table, names, batch):  # type: ignore[no-untyped-def]
        real_insert(self, conn, table, names, batch)
        for f in sqlite_files(path):
            if f.exists():
                f.rename(moved / f.name)

    monkeypatch.setattr(Store, "_insert_batch", moving_insert)
    second, c2 = make_file("second.xlsx", workforce=workforce_rows("XB1"))
    outcome = store.ingest(second, c2, "bob")
    store.close()

    assert outcome.status == "rejected" and "no longer exists" in outcome.message
    with open_store(f"sqlite:///{moved / 'ahp.db'}") as kept:
        assert kept.submissions()["file_name"].tolist() == ["first.xlsx"]
        assert set(kept.read("workforce")["org_code"]) == {"XA1"}


def test_custom_indicators_join_the_catalogue(store: Store) -> None:
    result, content = make_file(indicators=indicator_rows("XA1", values={"Ward happiness": 7.0}))
    sid = store.ingest(result, content, "alice").submission_id

    cat = store.indicator_catalogue().set_index("code")
    assert cat.loc["Ward happiness", "custom"] and cat.loc["Ward happiness", "submission_id"] == sid
    shipped = reference.indicator_catalogue()
    assert set(shipped["code"]) <= set(cat.index)
    assert not cat.loc[shipped["code"].iloc[0], "custom"]


def test_progress_is_reported_between_batches(store: Store) -> None:
    rows = [r for m in ("2024-01", "2024-02", "2024-03") for r in workforce_rows("XA1", m)]
    result, content = make_file(workforce=rows, organisations=ORGS)
    store.batch_size = 5
    calls: list[tuple[int, int]] = []

    store.ingest(result, content, "alice", progress=lambda done, total: calls.append((done, total)))

    assert calls == [(3, 15), (8, 15), (13, 15), (15, 15)]


def test_data_version_changes_on_ingest_and_withdraw_only(store: Store) -> None:
    v0 = store.data_version()
    result, content = make_file(workforce=workforce_rows("XA1"))
    sid = store.ingest(result, content, "alice").submission_id
    v1 = store.data_version()
    assert v1 != v0

    store.ingest(result, content, "alice")  # unchanged
    bad, bad_content = make_file(workforce=workforce_rows("XB1"), errors=1)
    store.ingest(bad, bad_content, "alice")  # rejected
    store.withdraw(999, "alice")  # error
    assert store.data_version() == v1

    store.withdraw(sid, "alice")
    assert store.data_version() not in (v0, v1)


def test_reopening_keeps_data_and_does_not_reload_reference(store_url: str) -> None:
    with open_store(store_url) as store:
        result, content = make_file(workforce=workforce_rows("XA1"), organisations=ORGS)
        store.ingest(result, content, "alice")
        version = store.data_version()
    with open_store(store_url) as store:
        assert store.data_version() == version
        assert len(store.read("workforce")) == 4


def test_four_processes_ingesting_at_once_all_succeed(store_url: str) -> None:
    ctx = multiprocessing.get_context("spawn")
    barrier, queue = ctx.Barrier(4), ctx.Queue()
    procs = [
        ctx.Process(target=ingest_worker, args=(store_url, i, barrier, queue)) for i in range(4)
    ]
    for p in procs:
        p.start()
    results = sorted(queue.get(timeout=180) for _ in procs)
    for p in procs:
        p.join(timeout=60)

    assert [r[1] for r in results] == ["accepted"] * 4, results
    with open_store(store_url) as store:
        wf = store.read("workforce")
        per_org = wf.groupby("org_code").size().to_dict()
        expected = 12 * 15 * 14  # months x professions x bands
        assert per_org == {**{f"P{i:03d}": expected for i in range(4)}, "SHARED": 1}
        # The shared key went to whichever return was stored last; the others are partly
        # superseded by it.
        history = store.submissions()
        last = history["id"].max()
        assert wf.loc[wf["org_code"] == "SHARED", "fte"].item() == next(
            float(r[0]) for r in results if r[2] == last
        )
        statuses = dict(zip(history["id"], history["status"], strict=True))
        assert statuses.pop(last) == "current"
        assert set(statuses.values()) == {"partly superseded"}
        assert set(history["superseded_by"].dropna()) == {last}


def test_deleting_submissions_takes_out_their_rows_history_files_and_organisations(
    store: Store,
) -> None:
    demo_orgs = [{"org_code": "DM001", "org_name": "Demo Trust (DEMO)", "trust_type": "Acute"}]
    a, ca = make_file(
        "demo.xlsx",
        workforce=workforce_rows("DM001") + workforce_rows("XA1"),
        indicators=indicator_rows("DM001", values={"demo_custom": 1.0}),
        organisations=demo_orgs,
    )
    b, cb = make_file("real.xlsx", workforce=workforce_rows("XB1"))
    c, cc = make_file("later.xlsx", workforce=workforce_rows("XA1", fte=2.0))
    id_a = store.ingest(a, ca, reference.DEMO_USER).submission_id
    id_b = store.ingest(b, cb, "alice").submission_id
    before = export_table(store, "workforce")
    id_c = store.ingest(c, cc, "bob").submission_id
    assert status_of(store)[id_a] == "partly superseded"
    version = store.data_version()

    outcome = store.delete_submissions([id_a, 99999])
    assert (outcome.submissions, outcome.rows) == (1, 9)
    assert "Deleted 1 submission and 9 data rows" in outcome.message
    assert status_of(store) == {id_b: "current", id_c: "current"}
    wf = store.read("workforce")
    assert set(wf["org_code"]) == {"XA1", "XB1"}
    assert (wf.loc[wf["org_code"] == "XA1", "fte"] == 2.0).all()  # C's rows, untouched
    assert store.read("indicators").empty
    assert "DM001" not in set(store.read("organisations")["org_code"])
    assert "demo_custom" not in set(store.indicator_catalogue()["code"])
    assert store.original_file(id_a) is None and store.original_file(id_b) is not None
    assert store.data_version() > version

    # Deleting C brings back the rows it replaced: B's and nothing of A's
    store.delete_submissions([id_c])
    expected = before[before["org_code"] == "XB1"].reset_index(drop=True)
    pd.testing.assert_frame_equal(export_table(store, "workforce"), expected)
    with store.engine.connect() as conn:
        for table in ("slices", "submission_organisations"):
            left = conn.execute(
                sa.text(f"SELECT count(*) FROM {table} WHERE submission_id IN (:a, :c)"),
                {"a": id_a, "c": id_c},
            ).scalar()
            assert left == 0, table
        # Every data row left is in the range of a slice left.
        for name, table in (("workforce", "workforce"), ("indicators", "indicator_values")):
            rows = conn.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar()
            held = conn.execute(
                sa.text(
                    f"SELECT count(*) FROM {table} r JOIN slices s ON s.table_name = :name "
                    "AND r.id BETWEEN s.first_row AND s.first_row + s.rows - 1"
                ),
                {"name": name},
            ).scalar()
            assert rows == held, table


def test_deleting_nothing_changes_nothing(store: Store) -> None:
    a, ca = make_file(workforce=workforce_rows("XA1"))
    store.ingest(a, ca, "alice")
    before = snapshot(store)
    assert store.delete_submissions([12345]).submissions == 0
    assert store.delete_submissions([]).submissions == 0
    assert_same(before, snapshot(store))


def test_postgresql_connections_compile_no_query(store: Store) -> None:
    """The planner overestimates the rows of the range join from slices to their rows, and
    would compile a small read's plan (90-120 ms for 1 ms of work): JIT is off."""
    if store.engine.dialect.name != "postgresql":
        pytest.skip("JIT compilation is PostgreSQL's")
    with store.reading() as conn:
        assert conn.exec_driver_sql("SHOW jit").scalar() == "off"
