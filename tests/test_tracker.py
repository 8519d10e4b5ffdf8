"""The returns tracker: each organisation against each period of a window, returned,
resubmitted or missing with the date and submitter; the command line says the same."""

from __future__ import annotations

import json

import pytest

from ahp_analytics.cli import main
from ahp_analytics.cli import tracker as tracker_cmd
from ahp_analytics.domain.periods import parse_window
from ahp_analytics.domain.selection import Selection
from ahp_analytics.ingest.validation import validate_bytes
from ahp_analytics.services import tracker as service
from ahp_analytics.services.tracker import MISSING, RETURNED, SUPERSEDED, returns_tracker
from tests.workbooks import filled_template, workforce_rows

WINDOW = parse_window("2024/25")


def store_file(store, name: str, rows: list[list], user: str) -> int:
    content = filled_template({"Workforce": rows})
    result = validate_bytes(content, name, known_orgs=set(store.read("organisations")["org_code"]))
    assert result.ok, result.errors
    outcome = store.ingest(result, content, user)
    assert outcome.status == "accepted", outcome.message
    return outcome.submission_id


@pytest.fixture
def history(store):
    """RJ1 returns April to June 2024 and sends May again; RRK returns April only, and a June
    return of RRK's is withdrawn; TAF returned only in the year before the window."""
    ids = {
        "rj1": store_file(
            store,
            "rj1.xlsx",
            [*workforce_rows("RJ1", "2024-04"), *workforce_rows("RJ1", "2024-05")]
            + workforce_rows("RJ1", "2024-06"),
            "Priya Shah",
        ),
        "rrk": store_file(store, "rrk.xlsx", workforce_rows("RRK", "2024-04"), "Sam Jones"),
        "taf": store_file(store, "taf.xlsx", workforce_rows("TAF", "2023-06"), "Sam Jones"),
        "rrk-june": store_file(
            store, "rrk-jun.xlsx", workforce_rows("RRK", "2024-06"), "Sam Jones"
        ),
    }
    again = [[*r[:4], r[4] + 1, *r[5:]] for r in workforce_rows("RJ1", "2024-05")]
    ids["rj1-may"] = store_file(store, "rj1-may.xlsx", again, "Ann Analyst")
    assert store.withdraw(ids["rrk-june"], "Ann Analyst").ok
    return ids


def cell(tracker, org: str, period: str) -> dict:
    found = tracker.cells[
        (tracker.cells["org_code"] == org) & (tracker.cells["period_label"] == period)
    ]
    assert len(found) == 1
    return found.iloc[0].to_dict()


def test_each_cell_is_returned_resubmitted_or_missing(store, history):
    tracker = returns_tracker(store, WINDOW)
    # Periods any organisation returned in the window (the withdrawn June of RRK is still
    # returned by RJ1); organisations that ever returned workforce, TAF included.
    assert tracker.periods == ["Apr 2024", "May 2024", "Jun 2024"]
    assert tracker.organisations == ["RJ1", "RRK", "TAF"]

    april = cell(tracker, "RJ1", "Apr 2024")
    assert april["status"] == RETURNED
    assert april["submitted_by"] == "Priya Shah"
    assert april["submission_id"] == history["rj1"]
    assert april["org_name"] == "Guy's and St Thomas' NHS Foundation Trust"

    may = cell(tracker, "RJ1", "May 2024")
    assert may["status"] == SUPERSEDED
    assert (may["submitted_by"], may["submission_id"], may["returns"]) == (
        "Ann Analyst",
        history["rj1-may"],
        2,
    )

    assert cell(tracker, "RRK", "Apr 2024")["status"] == RETURNED
    withdrawn = cell(tracker, "RRK", "Jun 2024")
    assert withdrawn["status"] == MISSING and withdrawn["submitted_by"] is None
    assert cell(tracker, "TAF", "May 2024")["status"] == MISSING
    assert tracker.counts() == {RETURNED: 3, SUPERSEDED: 1, MISSING: 5}


def test_cells_in_words_and_the_grid(store, history):
    tracker = returns_tracker(store, WINDOW)
    may = cell(tracker, "RJ1", "May 2024")
    date = may["submitted_at"]
    assert service.cell_text(may) == f"{date.day} {date:%b %Y}, Ann Analyst (resubmitted)"
    assert service.cell_text(cell(tracker, "TAF", "Apr 2024")) == "Missing"
    grid = tracker.grid()
    assert list(grid.columns) == ["Code", "Organisation", "Apr 2024", "May 2024", "Jun 2024"]
    assert grid.set_index("Code").loc["RRK", "Jun 2024"] == "Missing"


def test_filters_select_organisations_periods_and_statuses(store, history):
    tracker = returns_tracker(store, WINDOW)
    missing = tracker.select(statuses=[MISSING])
    assert set(zip(missing.cells["org_code"], missing.cells["period_label"], strict=True)) == {
        ("RRK", "May 2024"),
        ("RRK", "Jun 2024"),
        ("TAF", "Apr 2024"),
        ("TAF", "May 2024"),
        ("TAF", "Jun 2024"),
    }
    one = tracker.select(orgs=["RJ1"], periods=["May 2024"])
    assert one.cells["status"].tolist() == [SUPERSEDED]
    london = returns_tracker(store, WINDOW, selection=Selection(region="London"))
    assert london.organisations == ["RJ1", "TAF"]  # RRK is in the Midlands


def test_a_window_without_returns_and_other_tables(store, history):
    assert returns_tracker(store, parse_window("2020/21")).cells.empty
    assert returns_tracker(store, WINDOW, "leadership").cells.empty
    with pytest.raises(ValueError, match="Unknown table"):
        returns_tracker(store, WINDOW, "summary")


def test_the_command_line_gives_the_same_cells(store, store_url, history, capsys):
    expected = returns_tracker(store, WINDOW).select(statuses=[MISSING]).export()
    code = main(
        ["tracker", "--db", store_url, "--window", "2024/25", "--status", "missing", "--json"]
    )
    assert code == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["window"] == "2024/25" and payload["table"] == "workforce"
    assert payload["counts"] == {RETURNED: 0, SUPERSEDED: 0, MISSING: 5}
    assert [(c["org_code"], c["period"], c["status"]) for c in payload["cells"]] == list(
        zip(expected["org_code"], expected["period"], expected["status"], strict=True)
    )

    assert main(["tracker", "--db", store_url, "--window", "2024/25", "--org", "rj1"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (
        "Workforce returns, 2024/25: 1 organisation x 3 periods: 2 returned, 1 resubmitted, "
        "0 missing"
    )
    assert any("May 2024 |" in line and "Ann Analyst (resubmitted)" in line for line in out)


def test_the_command_line_refuses_an_unreadable_window_or_period(store_url, capsys):
    assert main(["tracker", "--db", store_url, "--window", "next year"]) == 2
    assert "cannot read the window 'next year'" in capsys.readouterr().err
    assert main(["tracker", "--db", store_url, "--window", "2024/25", "--period", "May"]) == 2
    assert "cannot read the period 'May'" in capsys.readouterr().err


def test_the_command_line_offers_the_service_s_statuses_and_tables():
    assert tracker_cmd.STATUSES == service.STATUSES
    assert tuple(service.TABLE_LABELS) == tracker_cmd.TABLES
