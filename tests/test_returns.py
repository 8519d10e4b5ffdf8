"""The returns service: one way to check, submit and withdraw, which the command line and the
Upload page both take, with the access check and one set of outcomes."""

from __future__ import annotations

import json

import pytest

from ahp_analytics import cli
from ahp_analytics.services import returns
from ahp_analytics.services.access import Actor, NotAllowed
from ahp_analytics.store import open_store
from tests.workbooks import WORKFORCE_HEADER, csv_bytes, filled_template, workforce_rows

ANALYST = Actor("lead.analyst@nhs.net", is_analyst=True)


@pytest.fixture
def store(tmp_path):  # type: ignore[no-untyped-def]
    with open_store(f"sqlite:///{tmp_path / 'ahp.db'}") as s:
        yield s


def test_outcomes_are_the_store_statuses_and_read_as_them():
    assert [o.value for o in returns.Outcome] == ["accepted", "rejected", "unchanged"]
    assert returns.Outcome.REJECTED == "rejected"
    assert f"{returns.Outcome.ACCEPTED}" == "accepted"
    assert json.dumps({"status": returns.Outcome.UNCHANGED}) == '{"status": "unchanged"}'


def test_submit_gives_an_outcome_and_the_same_file_again_is_unchanged(store):
    data = filled_template({"Workforce": workforce_rows()})
    result = returns.check(data, "return.xlsx", returns.known_organisations(store))
    assert returns.checked_outcome(result) is returns.Outcome.ACCEPTED
    first = returns.submit(store, ANALYST, result, data)
    assert first.status is returns.Outcome.ACCEPTED
    again = returns.submit(store, ANALYST, result, data)
    assert again.status is returns.Outcome.UNCHANGED


def test_bytes_other_than_those_checked_are_refused_and_nothing_is_stored(store):
    data = filled_template({"Workforce": workforce_rows()})
    result = returns.check(data, "return.xlsx")
    other = filled_template({"Workforce": workforce_rows("RJ1", "2024-04")})
    outcome = returns.submit(store, ANALYST, result, other)
    assert outcome.status is returns.Outcome.REJECTED
    assert outcome.message == "'return.xlsx' changed after it was checked: upload it again."
    assert store.submissions().empty


def test_a_non_analyst_may_neither_submit_nor_withdraw(store):
    data = filled_template({"Workforce": workforce_rows()})
    result = returns.check(data, "return.xlsx")
    stored = returns.submit(store, ANALYST, result, data)
    for actor in (Actor("viewer@nhs.net", is_analyst=False), None):
        with pytest.raises(NotAllowed):
            returns.submit(store, actor, result, data)
        with pytest.raises(NotAllowed):
            returns.withdraw(store, actor, stored.submission_id)
    assert returns.withdraw(store, ANALYST, stored.submission_id).ok


def test_organisations_known_to_the_store_or_added_by_a_file_are_known(store):
    orgs = csv_bytes([["Organisation code", "Organisation name"], ["ZZ9", "New Trust"]])
    workforce = csv_bytes([WORKFORCE_HEADER, *workforce_rows(org="ZZ9")])
    unknown = returns.check(workforce, "workforce.csv", returns.known_organisations(store))
    assert "unknown_organisation" in [m.rule for m in unknown.warnings]
    added = returns.check(orgs, "orgs.csv")
    assert returns.organisations_added(added) == {"ZZ9"}
    returns.submit(store, ANALYST, added, orgs)
    known = returns.check(workforce, "workforce.csv", returns.known_organisations(store))
    assert "unknown_organisation" not in [m.rule for m in known.warnings]


def test_the_command_line_checks_and_submits_through_the_service(tmp_path, monkeypatch):
    calls = []
    for name in ("check", "submit"):
        real = getattr(returns, name)

        def record(*args, real=real, name=name, **kwargs):  # type: ignore[no-untyped-def]
            calls.append(name)
            return real(*args, **kwargs)

        monkeypatch.setattr(returns, name, record)
    path = tmp_path / "return.xlsx"
    path.write_bytes(filled_template({"Workforce": workforce_rows()}))
    db = f"sqlite:///{tmp_path / 'ahp.db'}"
    assert cli.main(["--db", db, "ingest", str(path)]) == 0
    assert cli.main(["--db", db, "validate", str(path)]) == 0
    assert calls == ["check", "submit", "check"]
