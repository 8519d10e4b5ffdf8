"""Signing in for real, in Chromium, against a local OpenID Connect provider
(``oidc-provider-mock``, started by these tests on a free port): an analyst, a viewer, an
unverified address and a forged-looking one get the roles they should; signing out is recorded,
so a copy of the cookie taken before is refused; an ID token that expires ends the session
at once; and a refused or misdirected sign-in says why on screen.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import expect

from ahp_analytics.services import signin
from ahp_analytics.ui.widgets import WORD_JOINER
from tests.e2e.conftest import (
    NAV,
    START_TIMEOUT_S,
    Server,
    _free_port,
    _require_browser,
    start_server,
    stop_server,
    wait_idle,
)

pytestmark = pytest.mark.e2e

USERS = {
    "ann": {"email": "ann@analysts-trust.nhs.uk", "email_verified": True, "name": "Ann Analyst"},
    "vic": {"email": "vic@other-trust.nhs.uk", "email_verified": True, "name": "Vic Viewer"},
    "ula": {"email": "ula@analysts-trust.nhs.uk", "email_verified": False, "name": "Ula"},
    "mal": {
        "email": "mallory@evil.com@analysts-trust.nhs.uk",
        "email_verified": True,
        "name": "Mal",
    },
}
SHORT_TOKEN_S = 20


@dataclass
class Provider:
    url: str
    process: subprocess.Popen


def start_provider(log: Path, token_max_age_s: int) -> Provider:
    """``python -m oidc_provider_mock`` on a free port of 127.0.0.1, in its own process group,
    knowing the users above."""
    _require_browser()
    port = _free_port()
    args = [sys.executable, "-m", "oidc_provider_mock", "--host", "127.0.0.1"]
    args += ["--port", str(port), "--token-max-age", str(token_max_age_s)]
    for sub, claims in USERS.items():
        args += ["--user-claims", json.dumps({"sub": sub, **claims})]
    with log.open("wb") as out:
        process = subprocess.Popen(
            args, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    provider = Provider(f"http://127.0.0.1:{port}", process)
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the provider exited early:\n{log.read_text(errors='replace')}")
        try:
            metadata = f"{provider.url}/.well-known/openid-configuration"
            with urllib.request.urlopen(metadata, timeout=2) as r:  # noqa: S310
                if r.status == 200:
                    return provider
        except OSError:
            time.sleep(0.2)
    stop_process(process)
    raise RuntimeError("the provider did not answer in time")


def stop_process(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    os.killpg(os.getpgid(process.pid), signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(os.getpgid(process.pid), signal.SIGKILL)
        process.wait(timeout=10)


def signed_in_app(request, tmp_path_factory, demo_db_file: str, token_max_age_s: int) -> Server:  # type: ignore[no-untyped-def]
    """The app with sign-in through a fresh provider, on a private copy of the demo data."""
    tmp = tmp_path_factory.mktemp("e2e-sign-in")
    provider = start_provider(tmp / "provider.log", token_max_age_s)
    request.addfinalizer(lambda: stop_process(provider.process))
    database = tmp / "demo.db"
    shutil.copyfile(demo_db_file, database)
    secrets = tmp / "secrets.toml"
    secrets.write_text(
        "[auth]\n"
        'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        'cookie_secret = "not-a-secret-only-for-tests-0123456789"\n'
        'client_id = "ahp-dashboard"\n'
        'client_secret = "any-secret-the-mock-accepts"\n'
        f'server_metadata_url = "{provider.url}/.well-known/openid-configuration"\n'
        "[ahp]\n"
        'analysts = ["@analysts-trust.nhs.uk"]\n'
    )
    server = start_server(tmp, database, ["--secrets.files", str(secrets)])
    request.addfinalizer(lambda: stop_server(server))
    return server


@pytest.fixture(scope="module")
def app(request, tmp_path_factory, demo_db_file) -> Server:  # type: ignore[no-untyped-def]
    return signed_in_app(request, tmp_path_factory, demo_db_file, 3600)


@pytest.fixture(scope="module")
def short_token_app(request, tmp_path_factory, demo_db_file) -> Server:  # type: ignore[no-untyped-def]
    return signed_in_app(request, tmp_path_factory, demo_db_file, SHORT_TOKEN_S)


@pytest.fixture
def context(browser) -> Iterator:  # type: ignore[no-untyped-def]
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    ctx.set_default_timeout(30_000)
    yield ctx
    ctx.close()


def sign_in_page(pg, url: str) -> None:  # type: ignore[no-untyped-def]
    pg.goto(url)
    pg.get_by_role("heading", name="AHP workforce and leadership").wait_for()
    wait_idle(pg)


def sign_in(pg, server: Server, sub: str) -> str:  # type: ignore[no-untyped-def]
    """Sign in as ``sub`` through the provider's form; the sidebar's "Signed in as" line."""
    sign_in_page(pg, server.url)
    pg.get_by_role("button", name="Sign in").click()
    pg.get_by_role("button", name=sub, exact=True).click()  # the provider's page
    status = pg.get_by_test_id("stSidebar").get_by_text(re.compile(r"^Signed in as"))
    status.wait_for()
    # the run that drew the line has drawn the navigation before it (app.py)
    pg.locator(NAV).get_by_role("link", name="Submissions").wait_for()
    wait_idle(pg)
    # plain() joins "@" to the domain with an invisible word joiner, so no e-mail link forms.
    return status.inner_text().replace(WORD_JOINER, "")


def nav_links(pg) -> list[str]:  # type: ignore[no-untyped-def]
    """The navigation's page titles (each link's text is its icon's name, then its title)."""
    links = pg.locator(NAV).get_by_role("link").all_inner_texts()
    return [text.split("\n")[-1] for text in links]


def main_text(pg) -> str:  # type: ignore[no-untyped-def]
    return pg.get_by_test_id("stMain").inner_text()


def test_analyst_signs_in_and_may_upload(context, app):
    pg = context.new_page()
    status = sign_in(pg, app, "ann")
    assert status == "Signed in as Ann Analyst (ann@analysts-trust.nhs.uk), analyst."
    assert "Upload" in nav_links(pg)


@pytest.mark.parametrize(
    ("sub", "expected", "unverified"),
    [
        ("vic", "Signed in as Vic Viewer (vic@other-trust.nhs.uk), viewer.", False),
        ("ula", "Signed in as Ula, viewer.", True),
        ("mal", "Signed in as Mal, viewer.", True),
    ],
    ids=["not-on-the-list", "unverified-email", "two-ats"],
)
def test_others_sign_in_as_viewers(context, app, sub, expected, unverified):
    pg = context.new_page()
    assert sign_in(pg, app, sub) == expected
    links = nav_links(pg)
    assert "Upload" not in links and "Submissions" in links
    sidebar = pg.get_by_test_id("stSidebar").inner_text()
    assert ("No verified e-mail address came with this sign-in" in sidebar) is unverified
    pg.goto(f"{app.url}/upload")
    pg.get_by_role("heading", name="Overview").wait_for()  # no Upload page to land on
    assert pg.get_by_test_id("stFileUploader").count() == 0


def test_sign_out_is_recorded_and_a_copied_cookie_is_refused(browser, context, app):
    pg = context.new_page()
    sign_in(pg, app, "ann")
    copied = context.cookies()
    assert any(c["name"] == "_streamlit_user" for c in copied)

    pg.get_by_role("button", name="Sign out").click()
    pg.wait_for_url(re.compile(r"/oauth2/end_session"))  # the provider's own sign-out page
    assert not any(c["name"] == "_streamlit_user" for c in context.cookies())

    thief = browser.new_context()
    try:
        thief.add_cookies(copied)
        stolen = thief.new_page()
        sign_in_page(stolen, app.url)
        stolen.get_by_text(signin.SessionEnd.SIGNED_OUT.value).wait_for()
        assert stolen.locator(NAV).count() == 0
        assert stolen.get_by_test_id("stMetric").count() == 0
    finally:
        thief.close()

    # Signing in again afterwards works (a new sign-in, issued after the sign-out).
    time.sleep(1.1)
    fresh = context.new_page()
    assert sign_in(fresh, app, "ann").endswith("analyst.")


def test_an_expired_id_token_ends_the_session(context, short_token_app):
    pg = context.new_page()
    assert sign_in(pg, short_token_app, "ann").endswith("analyst.")
    # The token was issued before the page showed it, so it has expired SHORT_TOKEN_S after.
    time.sleep(SHORT_TOKEN_S + 1)

    # The open page: its next run refuses the session.
    pg.locator(NAV).get_by_role("link", name="Workforce").click()
    pg.get_by_text(signin.SessionEnd.EXPIRED.value).wait_for()
    wait_idle(pg)
    # The run that refused the session drew no navigation; the old one goes when it ends.
    expect(pg.locator(NAV)).to_have_count(0, timeout=15_000)
    assert pg.get_by_role("heading", name="Workforce", exact=True).count() == 0
    # A reload, with the same cookie, too.
    sign_in_page(pg, short_token_app.url)
    pg.get_by_text(signin.SessionEnd.EXPIRED.value).wait_for()
    # the message and the button are drawn by one run of the page: wait for the button too
    expect(pg.get_by_role("button", name="Sign in")).to_have_count(1)


def test_denied_consent_says_why(context, app):
    pg = context.new_page()
    sign_in_page(pg, app.url)
    pg.get_by_role("button", name="Sign in").click()
    pg.get_by_role("button", name="Deny").click()
    pg.get_by_text(signin.failure_message("access_denied")).wait_for()
    # the message and the button are drawn by one run of the page: wait for the button too
    expect(pg.get_by_role("button", name="Sign in")).to_have_count(1)


def test_a_sign_in_not_started_here_says_why(context, app):
    pg = context.new_page()
    sign_in_page(pg, f"{app.url}/oauth2callback?code=abc&state=not-ours")
    pg.get_by_text(signin.failure_message("state")).wait_for()


def test_another_address_than_the_redirect_uris_points_to_the_right_one(context, app):
    pg = context.new_page()
    port = app.url.rsplit(":", 1)[1]
    sign_in_page(pg, f"http://localhost:{port}/")
    pg.get_by_text(f"Sign-in works only at {app.url}/").wait_for()
    link = pg.get_by_role("link", name="Open the dashboard's sign-in address")
    assert link.get_attribute("href") == f"{app.url}/"
    assert pg.get_by_role("button", name="Sign in").count() == 0
