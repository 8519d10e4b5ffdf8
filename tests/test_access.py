"""Who may write: the allowlist, the roles the app derives from sign-in, and the library calls
that refuse a viewer whatever the pages show (a forged call stores and withdraws nothing)."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from ahp_analytics import access
from ahp_analytics.access import Actor, NotAllowed, analyst_allowed
from ahp_analytics.store import READ_TABLES, Store
from ahp_analytics.validation import validate_bytes
from tests.workbooks import filled_template, workforce_rows

ALLOWLIST = ["Lead.Analyst@nhs.net", "@analysts-trust.nhs.uk", " team@other.nhs.uk "]
ANALYST = Actor("lead.analyst@nhs.net", is_analyst=True)
VIEWER = Actor("viewer@other-trust.nhs.uk", is_analyst=False)


@pytest.mark.parametrize(
    ("email", "allowed"),
    [
        ("lead.analyst@nhs.net", True),
        ("LEAD.ANALYST@NHS.NET", True),
        ("team@other.nhs.uk", True),
        ("anyone@analysts-trust.nhs.uk", True),
        ("anyone@Analysts-Trust.NHS.uk", True),
        ("other.analyst@nhs.net", False),  # an address entry allows that address only
        ("anyone@sub.analysts-trust.nhs.uk", False),  # a domain entry is not its subdomains
        ("anyone@evil-analysts-trust.nhs.uk", False),
        ("analysts-trust.nhs.uk", False),
        ("", False),
        ("@analysts-trust.nhs.uk", False),
    ],
)
def test_allowlist_by_address_or_domain(email, allowed):
    assert analyst_allowed(email, ALLOWLIST) is allowed


def test_empty_allowlist_allows_nobody():
    assert not analyst_allowed("lead.analyst@nhs.net", [])


def _return(org: str = "RJ1", period: str = "2024-03") -> tuple[bytes, object]:
    data = filled_template({"Workforce": workforce_rows(org, period)})
    return data, validate_bytes(data, f"{org}-{period}.xlsx")


def _snapshot(store: Store) -> dict[str, pd.DataFrame]:
    return {name: store.read(name) for name in READ_TABLES}


@pytest.mark.parametrize("actor", [VIEWER, None], ids=["viewer", "nobody"])
def test_forged_submit_by_a_non_analyst_raises_and_stores_nothing(store, actor):
    data, result = _return()
    before = _snapshot(store)
    version = store.data_version()
    with pytest.raises(NotAllowed):
        access.submit(store, actor, result, data)
    assert store.data_version() == version
    for name, df in _snapshot(store).items():
        pd.testing.assert_frame_equal(df, before[name], obj=name)


@pytest.mark.parametrize("actor", [VIEWER, None], ids=["viewer", "nobody"])
def test_forged_withdraw_by_a_non_analyst_raises_and_changes_nothing(store, actor):
    data, result = _return()
    stored = access.submit(store, ANALYST, result, data)
    before = _snapshot(store)
    with pytest.raises(NotAllowed):
        access.withdraw(store, actor, stored.submission_id)
    assert store.submission(stored.submission_id).status == "current"
    for name, df in _snapshot(store).items():
        pd.testing.assert_frame_equal(df, before[name], obj=name)


def test_analyst_submits_and_withdraws_under_their_own_name(store):
    data, result = _return()
    calls = []
    outcome = access.submit(store, ANALYST, result, data, progress=lambda n, t: calls.append(n))
    assert outcome.status == "accepted"
    assert calls and calls[-1] == 3
    assert store.submission(outcome.submission_id).user_name == "lead.analyst@nhs.net"
    assert access.withdraw(store, ANALYST, outcome.submission_id).ok
    assert store.submission(outcome.submission_id).withdrawn_by == "lead.analyst@nhs.net"
    assert store.read("workforce").empty


def test_local_user_may_write(store):
    data, result = _return()
    local = Actor("someone", is_analyst=True, local=True)
    assert access.submit(store, local, result, data).status == "accepted"
    assert store.submissions().iloc[0]["user_name"] == "someone"


# -- roles from sign-in, as the app sees them (auth.current inside a script run) --------------

AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "not-a-secret-only-for-tests-0123456789",
    "client_id": "test-client",
    "client_secret": "test-secret",
    "server_metadata_url": "https://login.example.invalid/v2.0/.well-known/openid-configuration",
}


def _who() -> None:
    import streamlit as st

    from ahp_analytics.ui import auth

    actor = auth.current()
    st.write(repr(actor))


def _actor(secrets: dict, user: dict | None) -> str:
    at = AppTest.from_function(_who)
    for key, value in secrets.items():
        at.secrets[key] = value
    if user is not None:
        at.user = user
    at.run()
    assert not at.exception, at.exception
    return at.markdown[0].value


def test_without_sign_in_everyone_is_a_local_analyst():
    import getpass

    shown = _actor({}, None)
    assert shown == repr(Actor(getpass.getuser(), is_analyst=True, local=True))


@pytest.mark.parametrize(
    ("user", "expected"),
    [
        (
            {"is_logged_in": True, "email": "a@analysts-trust.nhs.uk", "name": "A"},
            Actor("a@analysts-trust.nhs.uk", is_analyst=True),
        ),
        (
            {"is_logged_in": True, "email": "v@other-trust.nhs.uk", "name": "V"},
            Actor("v@other-trust.nhs.uk", is_analyst=False),
        ),
        # Microsoft Entra ID may leave out `email`; its preferred_username is the sign-in name.
        (
            {"is_logged_in": True, "preferred_username": "b@analysts-trust.nhs.uk", "name": "B"},
            Actor("b@analysts-trust.nhs.uk", is_analyst=True),
        ),
        ({"is_logged_in": True, "name": "No Mail"}, Actor("No Mail", is_analyst=False)),
    ],
    ids=["analyst", "viewer", "entra-upn", "no-email"],
)
def test_signed_in_roles_come_from_the_allowlist(user, expected):
    secrets = {"auth": AUTH, "ahp": {"analysts": ["@analysts-trust.nhs.uk"]}}
    assert _actor(secrets, user) == repr(expected)


def test_signed_out_is_nobody():
    assert _actor({"auth": AUTH}, {"is_logged_in": False}) == "None"


def test_sign_in_without_an_allowlist_makes_everyone_a_viewer():
    user = {"is_logged_in": True, "email": "a@analysts-trust.nhs.uk"}
    assert _actor({"auth": AUTH}, user) == repr(Actor("a@analysts-trust.nhs.uk", False))


def test_allowlist_written_as_one_string_still_counts():
    secrets = {"auth": AUTH, "ahp": {"analysts": "a@analysts-trust.nhs.uk"}}
    user = {"is_logged_in": True, "email": "a@analysts-trust.nhs.uk"}
    assert _actor(secrets, user) == repr(Actor("a@analysts-trust.nhs.uk", True))
