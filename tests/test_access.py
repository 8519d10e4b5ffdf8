"""Who may write: the allowlist, the roles the app derives from sign-in, and the library calls
that refuse a viewer whatever the pages show (a forged call stores and withdraws nothing)."""

from __future__ import annotations

import time

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from ahp_analytics.ingest.validation import validate_bytes
from ahp_analytics.services import returns
from ahp_analytics.services.access import Actor, NotAllowed, analyst_allowed
from ahp_analytics.store import READ_TABLES, Store
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
        (None, False),
        ("@analysts-trust.nhs.uk", False),
        # Two @: the part after the last one is not "the" domain.
        ("mallory@evil.com@analysts-trust.nhs.uk", False),
        ("mallory@evil.com@Lead.Analyst@nhs.net", False),
        (" lead.analyst@nhs.net", False),
        ("lead analyst@nhs.net", False),
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
        returns.submit(store, actor, result, data)
    assert store.data_version() == version
    for name, df in _snapshot(store).items():
        pd.testing.assert_frame_equal(df, before[name], obj=name)


@pytest.mark.parametrize("actor", [VIEWER, None], ids=["viewer", "nobody"])
def test_forged_withdraw_by_a_non_analyst_raises_and_changes_nothing(store, actor):
    data, result = _return()
    stored = returns.submit(store, ANALYST, result, data)
    before = _snapshot(store)
    with pytest.raises(NotAllowed):
        returns.withdraw(store, actor, stored.submission_id)
    assert store.submission(stored.submission_id).status == "current"
    for name, df in _snapshot(store).items():
        pd.testing.assert_frame_equal(df, before[name], obj=name)


def test_analyst_submits_and_withdraws_under_their_own_name(store):
    data, result = _return()
    calls = []
    outcome = returns.submit(store, ANALYST, result, data, progress=lambda n, t: calls.append(n))
    assert outcome.status == "accepted"
    assert calls and calls[-1] == 3
    assert store.submission(outcome.submission_id).user_name == "lead.analyst@nhs.net"
    assert returns.withdraw(store, ANALYST, outcome.submission_id).ok
    assert store.submission(outcome.submission_id).withdrawn_by == "lead.analyst@nhs.net"
    assert store.read("workforce").empty


def test_local_user_may_write(store):
    data, result = _return()
    local = Actor("someone", is_analyst=True, local=True)
    assert returns.submit(store, local, result, data).status == "accepted"
    assert store.submissions().iloc[0]["user_name"] == "someone"


# -- roles from sign-in, as the app sees them (auth.current inside a script run) --------------

AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "not-a-secret-only-for-tests-0123456789",
    "client_id": "test-client",
    "client_secret": "test-secret",
    "server_metadata_url": "https://login.example.invalid/v2.0/.well-known/openid-configuration",
}
ANALYSTS = {"analysts": ["@analysts-trust.nhs.uk"]}


def signed_in(**claims: object) -> dict:
    """``st.user`` for a fresh sign-in: the ID token's claims, a verified address by default."""
    now = int(time.time())
    base = {"is_logged_in": True, "iss": "https://idp.example", "sub": "user-1"}
    base |= {"iat": now - 5, "exp": now + 3600, "email_verified": True}
    return {**base, **claims}


@pytest.fixture
def sign_in_db(tmp_path, monkeypatch) -> str:  # type: ignore[no-untyped-def]
    """An empty database for the app, where sign-outs are recorded."""
    url = f"sqlite:///{tmp_path / 'ahp.db'}"
    monkeypatch.setenv("AHP_DATABASE_URL", url)
    return url


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
            signed_in(email="a@analysts-trust.nhs.uk", name="A"),
            Actor("a@analysts-trust.nhs.uk", is_analyst=True),
        ),
        (
            signed_in(email="v@other-trust.nhs.uk", name="V"),
            Actor("v@other-trust.nhs.uk", is_analyst=False),
        ),
        # The provider says the address is not verified: anyone could have typed it.
        (
            signed_in(email="a@analysts-trust.nhs.uk", email_verified=False, name="U"),
            Actor("U", is_analyst=False),
        ),
        (
            signed_in(email="mallory@evil.com@analysts-trust.nhs.uk", name="M"),
            Actor("M", is_analyst=False),
        ),
        # No email: preferred_username (changeable in Entra ID) is not used unless asked for.
        (
            signed_in(preferred_username="b@analysts-trust.nhs.uk", name="B"),
            Actor("B", is_analyst=False),
        ),
        (
            signed_in(email="", preferred_username="b@analysts-trust.nhs.uk", name="B"),
            Actor("B", is_analyst=False),
        ),
        (signed_in(name="No Mail"), Actor("No Mail", is_analyst=False)),
    ],
    ids=["analyst", "viewer", "unverified", "two-ats", "upn", "empty-email", "no-email"],
)
def test_signed_in_roles_come_from_the_allowlist(sign_in_db, user, expected):
    assert _actor({"auth": AUTH, "ahp": ANALYSTS}, user) == repr(expected)


def test_preferred_username_counts_when_the_operator_asks_for_it(sign_in_db):
    secrets = {"auth": AUTH, "ahp": {**ANALYSTS, "use_preferred_username": True}}
    user = signed_in(preferred_username="b@analysts-trust.nhs.uk")
    assert _actor(secrets, user) == repr(Actor("b@analysts-trust.nhs.uk", True))


def test_entra_id_without_email_verified(sign_in_db):
    """Entra ID sends no email_verified: an analyst needs xms_edov or the operator's word."""
    user = signed_in(email="a@analysts-trust.nhs.uk")
    del user["email_verified"]
    assert _actor({"auth": AUTH, "ahp": ANALYSTS}, user) == repr(Actor(user["email"], False))
    edov = {**user, "xms_edov": True}
    assert _actor({"auth": AUTH, "ahp": ANALYSTS}, edov) == repr(Actor(user["email"], True))
    trusted = {"auth": AUTH, "ahp": {**ANALYSTS, "email_verified_when_absent": True}}
    assert _actor(trusted, user) == repr(Actor(user["email"], True))


def test_signed_out_is_nobody():
    assert _actor({"auth": AUTH}, {"is_logged_in": False}) == "None"


@pytest.mark.parametrize(
    "change",
    [
        {"exp": int(time.time()) - 1},  # the ID token has expired
        {"iat": int(time.time()) - 10 * 3600},  # a working day has passed
        {"exp": None},
        {"sub": None},
    ],
    ids=["expired", "too-old", "no-exp", "no-sub"],
)
def test_an_ended_sign_in_is_nobody(sign_in_db, change):
    user = signed_in(email="a@analysts-trust.nhs.uk")
    for key, value in change.items():
        if value is None:
            del user[key]
        else:
            user[key] = value
    assert _actor({"auth": AUTH, "ahp": ANALYSTS}, user) == "None"


def test_a_sign_in_older_than_the_users_last_sign_out_is_nobody(sign_in_db):
    from ahp_analytics.store import open_store

    user = signed_in(email="a@analysts-trust.nhs.uk", iat=int(time.time()) - 60)
    secrets = {"auth": AUTH, "ahp": ANALYSTS}
    assert _actor(secrets, user) == repr(Actor(user["email"], True))
    with open_store(sign_in_db) as store:
        store.record_sign_out("https://idp.example user-1", int(time.time()) - 30)
    assert _actor(secrets, user) == "None"
    assert _actor(secrets, {**user, "sub": "someone-else"}) == repr(Actor(user["email"], True))
    assert _actor(secrets, {**user, "iat": int(time.time())}) == repr(Actor(user["email"], True))


def test_sign_in_without_an_allowlist_makes_everyone_a_viewer(sign_in_db):
    user = signed_in(email="a@analysts-trust.nhs.uk")
    assert _actor({"auth": AUTH}, user) == repr(Actor("a@analysts-trust.nhs.uk", False))


def test_allowlist_written_as_one_string_still_counts(sign_in_db):
    secrets = {"auth": AUTH, "ahp": {"analysts": "a@analysts-trust.nhs.uk"}}
    user = signed_in(email="a@analysts-trust.nhs.uk")
    assert _actor(secrets, user) == repr(Actor("a@analysts-trust.nhs.uk", True))


@pytest.mark.parametrize(
    "secrets",
    [
        {"ahp": ANALYSTS},  # analysts named, but sign-in not set up
        {"auth": {k: v for k, v in AUTH.items() if k != "client_secret"}, "ahp": ANALYSTS},
        {"auth": {**AUTH, "cookie_secret": "short"}},
    ],
    ids=["no-auth", "auth-lacks-a-key", "weak-cookie-secret"],
)
def test_half_configured_sign_in_lets_nobody_in(secrets):
    user = signed_in(email="a@analysts-trust.nhs.uk")
    assert _actor(secrets, user) == "None"
    assert _actor(secrets, None) == "None"
