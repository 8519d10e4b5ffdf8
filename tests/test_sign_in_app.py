"""Sign-in as the whole app shows it (AppTest on app.py): local mode's banner, a half-configured
sign-in closing the app, an ended sign-in sent back to the sign-in page with the reason, the
signed-in user's name shown as plain text, sign-out recorded in the database, and a failed
sign-in's reason carried from Streamlit's callback to the screen."""

from __future__ import annotations

import asyncio
import getpass
import re
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ahp_analytics.services import signin
from ahp_analytics.store import open_store
from ahp_analytics.ui import auth
from ahp_analytics.ui.widgets import WORD_JOINER
from tests.test_access import ANALYSTS, AUTH, signed_in

ROOT = Path(__file__).resolve().parents[1]


def run_app(secrets: dict | None = None, user: dict | None = None, **query: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in (secrets or {}).items():
        at.secrets[key] = value
    if user is not None:
        at.user = user
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


# -- local mode ---------------------------------------------------------------------------------


def test_local_mode_banner_is_the_first_thing_on_every_page(demo_db_shared):
    at = run_app()
    first = at.main[0]
    assert first.type == "warning"
    assert first.value.startswith("Local mode: sign-in is not set up")
    assert "listens on 127.0.0.1 only" in first.value
    assert getpass.getuser() in first.value
    at.switch_page("views/submissions.py").run()
    assert at.main[0].value.startswith("Local mode: sign-in is not set up")


@pytest.mark.parametrize("address", ["0.0.0.0", ""])  # noqa: S104
def test_local_mode_open_to_the_network_is_an_error_banner(demo_db_shared, address):
    from streamlit import config

    before = config.get_option("server.address")
    config.set_option("server.address", address)
    try:
        at = run_app()
    finally:
        config.set_option("server.address", before)
    first = at.main[0]
    assert first.type == "error"
    assert first.value.startswith("Local mode, open to the network")
    assert "anyone who can reach it may upload" in first.value


def test_the_repository_config_listens_on_this_computer_only():
    import tomllib

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["address"] == "127.0.0.1"
    makefile = (ROOT / "Makefile").read_text()
    assert "ADDRESS ?= 127.0.0.1" in makefile
    assert "--server.address $(ADDRESS)" in makefile


# -- half-configured sign-in ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("secrets", "named"),
    [
        ({"ahp": ANALYSTS}, ["no [auth] section", "client_secret", "server_metadata_url"]),
        (
            {"auth": {"redirect_uri": AUTH["redirect_uri"]}, "ahp": ANALYSTS},
            ["[auth] lacks cookie_secret, client_id, client_secret, server_metadata_url."],
        ),
    ],
    ids=["analysts-without-auth", "auth-lacking-keys"],
)
def test_half_configured_sign_in_closes_the_app_and_names_what_is_missing(
    demo_db_shared, secrets, named
):
    at = run_app(secrets, signed_in(email="a@analysts-trust.nhs.uk"))
    assert "Sign-in is only partly set up" in at.error[0].value
    listed = at.markdown[0].value
    for text in named:
        assert plain_text(listed).count(text) == 1, listed
    assert not at.metric and not at.dataframe and not at.button  # no data, no sign-in
    assert not at.sidebar.selectbox  # no filters, no navigation


def plain_text(markdown: str) -> str:
    """What the Markdown shows: escapes resolved, plain()'s invisible word joiners dropped."""
    return markdown.replace("\\", "").replace(WORD_JOINER, "")


# -- signed in ----------------------------------------------------------------------------------


def test_name_claim_is_shown_as_plain_text(demo_db_shared):
    name = "**Bold** [link](http://e.vil) ![i](http://e.vil/x.png) <b>x</b>\n# H"
    at = run_app(
        {"auth": AUTH, "ahp": ANALYSTS}, signed_in(email="a@analysts-trust.nhs.uk", name=name)
    )
    caption = next(c.value for c in at.sidebar.caption if c.value.startswith("Signed in as"))
    assert "\n" not in caption
    assert not re.search(r"(?<!\\)[*\[\]<>#!]", caption), caption  # every one escaped
    assert plain_text(caption) == (
        "Signed in as **Bold** [link](http://e.vil) ![i](http://e.vil/x.png) <b>x</b> # H "
        "(a@analysts-trust.nhs.uk), analyst."
    )


def test_unverified_address_is_told_why_it_may_not_upload(demo_db_shared):
    user = signed_in(email="a@analysts-trust.nhs.uk", email_verified=False, name="U")
    at = run_app({"auth": AUTH, "ahp": ANALYSTS}, user)
    captions = [c.value for c in at.sidebar.caption]
    assert "Signed in as U, viewer." in captions
    assert any("No verified e-mail address" in c for c in captions)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("views/upload.py")  # viewers are given no Upload page


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"exp": int(time.time()) - 1}, signin.SessionEnd.EXPIRED.value),
        ({"iat": int(time.time()) - 11 * 3600}, signin.SessionEnd.TOO_OLD.value),
    ],
    ids=["expired", "too-old"],
)
def test_an_ended_sign_in_returns_to_the_sign_in_page_saying_why(demo_db_shared, change, message):
    user = signed_in(email="a@analysts-trust.nhs.uk", **change)
    at = run_app({"auth": AUTH, "ahp": ANALYSTS}, user)
    assert [w.value for w in at.warning] == [message]
    assert [b.label for b in at.button] == ["Sign in"]
    assert not at.metric and not at.dataframe


def test_sign_out_is_recorded_so_the_same_sign_in_is_refused_afterwards(demo_db_url):
    user = signed_in(email="a@analysts-trust.nhs.uk", iat=int(time.time()) - 60)
    secrets = {"auth": AUTH, "ahp": ANALYSTS}
    at = run_app(secrets, user)
    at.sidebar.button[0].click().run()  # "Sign out"
    with open_store(demo_db_url) as store:
        assert store.signed_out_at("https://idp.example user-1") >= user["iat"]
    # The cookie copied before sign-out, replayed:
    again = run_app(secrets, user)
    assert [w.value for w in again.warning] == [signin.SessionEnd.SIGNED_OUT.value]
    assert not again.metric


# -- failed sign-ins ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reason", "expected"),
    [
        ("access_denied", "did not agree to sign in"),
        ("state", "started at another address"),
        ("<img src=x>", "The sign-in service returned an error."),
    ],
)
def test_a_failed_sign_in_says_why(demo_db_shared, reason, expected):
    at = run_app({"auth": AUTH}, {"is_logged_in": False}, signin_error=reason)
    assert expected in at.error[0].value
    assert "<img" not in at.error[0].value
    assert [b.label for b in at.button] == ["Sign in"]
    assert "signin_error" not in at.query_params  # a reload does not repeat it


def _callback(query: bytes, original_location: str = "/") -> tuple[str, object]:
    """Streamlit's sign-in callback (as wrapped) answering ``/oauth2callback?query``."""
    from starlette.requests import Request
    from starlette.responses import RedirectResponse
    from streamlit.web.server.starlette import starlette_auth_routes as routes

    auth.explain_failed_sign_ins()
    auth.explain_failed_sign_ins()  # twice: wraps once
    scope = {
        "type": "http",
        "method": "GET",
        "path": "/oauth2callback",
        "query_string": query,
        "headers": [],
        "session": {},
    }
    # A thread of its own: Playwright's sync API, used by the browser tests of the same run,
    # keeps an event loop running in the main thread, where asyncio.run would refuse.
    with ThreadPoolExecutor(1) as pool:
        response = pool.submit(asyncio.run, routes._auth_callback(Request(scope), "")).result()
    assert isinstance(response, RedirectResponse)
    return response.headers["location"], routes._auth_callback


def test_the_wrapped_callback_carries_the_providers_error_code():
    location, wrapped = _callback(b"error=access_denied&error_description=Call+0800&state=s1")
    assert location == "/?signin_error=access_denied"
    assert wrapped.explains_failures


def test_the_wrapped_callback_says_when_the_sign_in_was_not_started_here():
    location, _ = _callback(b"code=c1&state=unknown")
    assert location == "/?signin_error=state"


def test_the_return_from_the_providers_sign_out_page_is_not_a_failure():
    location, _ = _callback(b"")
    assert location == "/"
