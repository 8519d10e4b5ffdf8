"""The sign-in policy on its own: which settings count as configured, which claims identify a
user, when a sign-in ends, and what a failed one says."""

from __future__ import annotations

from datetime import timedelta

import pytest

from ahp_analytics.services import signin
from ahp_analytics.services.signin import (
    SessionEnd,
    Settings,
    is_well_formed_email,
    read_config,
    session_end,
    verified_email,
)

AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "not-a-secret-only-for-tests-0123456789",
    "client_id": "test-client",
    "client_secret": "test-secret",
    "server_metadata_url": "https://login.example.invalid/v2.0/.well-known/openid-configuration",
}
SETTINGS = Settings(redirect_uri=AUTH["redirect_uri"])


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("a@trust.nhs.uk", True),
        ("First.Last+ahp@Trust.NHS.uk", True),
        ("o'brien@x-y.nhs.uk", True),
        ("mallory@evil.com@trust.nhs.uk", False),  # two @: which domain is it?
        ('"a@b"@trust.nhs.uk', False),
        ("a b@trust.nhs.uk", False),
        (" a@trust.nhs.uk", False),
        ("a@trust.nhs.uk\n", False),
        ("a@localhost", False),
        ("a@-trust.nhs.uk", False),
        ("a@trust..nhs.uk", False),
        ("a@trust.nhs.uk.", False),
        ("a..b@trust.nhs.uk", False),
        (".a@trust.nhs.uk", False),
        ("a@[10.0.0.1]", False),
        ("@trust.nhs.uk", False),
        ("a@", False),
        ("", False),
        (None, False),
        (["a@trust.nhs.uk"], False),
        ("é@trust.nhs.uk", False),
        ("a" * 65 + "@trust.nhs.uk", False),
    ],
)
def test_well_formed_email(text, ok):
    assert is_well_formed_email(text) is ok


# -- settings --------------------------------------------------------------------------------


def test_no_sign_in_settings_is_local_mode():
    assert read_config({}).local
    assert read_config({"other": {"x": 1}}).local


def test_valid_settings_with_defaults():
    config = read_config({"auth": AUTH, "ahp": {"analysts": ["a@trust.nhs.uk", " @x.nhs.uk "]}})
    assert not config.local and not config.problems
    assert config.settings == Settings(
        redirect_uri=AUTH["redirect_uri"],
        analysts=("a@trust.nhs.uk", "@x.nhs.uk"),
        max_session=timedelta(hours=10),
    )


def test_analysts_without_auth_is_broken_not_local():
    config = read_config({"ahp": {"analysts": ["a@trust.nhs.uk"]}})
    assert not config.local and config.settings is None
    (problem,) = config.problems
    assert "no [auth] section" in problem
    for key in signin.REQUIRED_AUTH_KEYS:
        assert key in problem


def test_auth_lacking_keys_names_each_one():
    auth = {k: v for k, v in AUTH.items() if k not in ("client_secret", "cookie_secret")}
    auth["client_id"] = "  "
    (problem,) = read_config({"auth": auth}).problems
    assert problem == "[auth] lacks cookie_secret, client_id, client_secret."


def test_provider_keys_in_auth_default_count():
    auth = {
        "redirect_uri": AUTH["redirect_uri"],
        "cookie_secret": AUTH["cookie_secret"],
        "default": {k: AUTH[k] for k in ("client_id", "client_secret", "server_metadata_url")},
    }
    assert read_config({"auth": auth}).settings is not None


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"client_id": "<application-client-id>"}, "client_id still hold the example's"),
        ({"cookie_secret": "short"}, "cookie_secret is shorter than 32 characters"),
        ({"redirect_uri": "localhost:8501/oauth2callback"}, "must be an absolute http(s)"),
        ({"redirect_uri": "https://ahp.example.nhs.uk/"}, "must end with /oauth2callback"),
    ],
)
def test_bad_auth_values_are_problems(change, expected):
    problems = read_config({"auth": {**AUTH, **change}}).problems
    assert len(problems) == 1 and expected in problems[0]


def test_port_placeholder_in_redirect_uri_is_accepted():
    auth = {**AUTH, "redirect_uri": "http://localhost:{port}/oauth2callback"}
    assert read_config({"auth": auth}).settings is not None


@pytest.mark.parametrize(
    ("ahp", "expected"),
    [
        ({"analysts": ["trust.nhs.uk"]}, "entry 'trust.nhs.uk' is neither"),
        ({"analysts": ["a@b@trust.nhs.uk"]}, "entry 'a@b@trust.nhs.uk' is neither"),
        ({"analysts": [1, 2]}, "must be a list of e-mail addresses"),
        ({"analyst": ["a@trust.nhs.uk"]}, "unknown setting 'analyst'"),
        ({"max_session_hours": 0}, "max_session_hours must be a number of hours above 0"),
        ({"max_session_hours": "8"}, "max_session_hours must be a number"),
        ({"max_session_hours": True}, "max_session_hours must be a number"),
        ({"email_verified_when_absent": "yes"}, "email_verified_when_absent must be true or"),
        ({"use_preferred_username": 1}, "use_preferred_username must be true or false"),
    ],
)
def test_bad_ahp_values_are_problems(ahp, expected):
    problems = read_config({"auth": AUTH, "ahp": ahp}).problems
    assert len(problems) == 1 and expected in problems[0], problems


def test_all_problems_are_listed_together():
    problems = read_config({"auth": {"client_id": "x"}, "ahp": {"max_session_hours": -1}}).problems
    assert len(problems) == 2


def test_settings_are_read():
    ahp = {
        "analysts": "a@trust.nhs.uk",
        "max_session_hours": 0.5,
        "email_verified_when_absent": True,
        "use_preferred_username": True,
    }
    settings = read_config({"auth": AUTH, "ahp": ahp}).settings
    assert settings == Settings(
        AUTH["redirect_uri"], ("a@trust.nhs.uk",), timedelta(minutes=30), True, True
    )


# -- who signed in ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("claims", "settings", "expected"),
    [
        ({"email": "a@t.nhs.uk", "email_verified": True}, SETTINGS, "a@t.nhs.uk"),
        ({"email": "a@t.nhs.uk", "email_verified": "true"}, SETTINGS, "a@t.nhs.uk"),
        ({"email": "a@t.nhs.uk", "email_verified": False}, SETTINGS, None),
        ({"email": "a@t.nhs.uk", "email_verified": "false"}, SETTINGS, None),
        ({"email": "a@t.nhs.uk", "email_verified": 1}, SETTINGS, None),
        ({"email": "a@t.nhs.uk"}, SETTINGS, None),
        # Entra ID: no email_verified, but the optional claim "domain owner verified".
        ({"email": "a@t.nhs.uk", "xms_edov": True}, SETTINGS, "a@t.nhs.uk"),
        ({"email": "a@t.nhs.uk", "xms_edov": False}, SETTINGS, None),
        (
            {"email": "a@t.nhs.uk"},
            Settings("x", email_verified_when_absent=True),
            "a@t.nhs.uk",
        ),
        # an explicit "not verified" is never overridden by the setting
        (
            {"email": "a@t.nhs.uk", "email_verified": False},
            Settings("x", email_verified_when_absent=True),
            None,
        ),
        ({"email": "m@evil.com@t.nhs.uk", "email_verified": True}, SETTINGS, None),
        # no fall-back to preferred_username (changeable in Entra ID) unless asked for
        ({"email": "", "preferred_username": "b@t.nhs.uk"}, SETTINGS, None),
        ({"preferred_username": "b@t.nhs.uk"}, SETTINGS, None),
        (
            {"email": "", "preferred_username": "b@t.nhs.uk"},
            Settings("x", use_preferred_username=True),
            "b@t.nhs.uk",
        ),
        (
            {"preferred_username": "b@evil.com@t.nhs.uk"},
            Settings("x", use_preferred_username=True),
            None,
        ),
        # a malformed email is refused, not replaced by preferred_username
        (
            {"email": "m@evil.com@t.nhs.uk", "preferred_username": "b@t.nhs.uk"},
            Settings("x", use_preferred_username=True),
            None,
        ),
    ],
)
def test_verified_email(claims, settings, expected):
    assert verified_email(claims, settings) == expected


def test_display_name_is_one_plain_line():
    who = signin.identity({"name": "  Ann\n\n# [x](http://e.vil)\x1b[2J  "}, SETTINGS)
    assert who.display == "Ann # [x](http://e.vil) [2J"
    assert signin.identity({"name": "x" * 200}, SETTINGS).display == "x" * 79 + "…"
    assert signin.identity({"sub": "s-1"}, SETTINGS).display == "s-1"
    assert signin.identity({}, SETTINGS).display == "signed-in user"


# -- how long a sign-in lasts -----------------------------------------------------------------

NOW = 1_800_000_000.0
CLAIMS = {"iss": "https://idp", "sub": "u1", "iat": NOW - 60, "exp": NOW + 3600}


def test_a_fresh_sign_in_holds():
    assert session_end(CLAIMS, SETTINGS, NOW, None) is None


@pytest.mark.parametrize("missing", ["iss", "sub", "iat", "exp"])
def test_a_sign_in_without_its_key_claims_is_refused(missing):
    claims = {k: v for k, v in CLAIMS.items() if k != missing}
    assert session_end(claims, SETTINGS, NOW, None) is SessionEnd.INCOMPLETE
    assert session_end({**CLAIMS, "exp": "soon"}, SETTINGS, NOW, None) is SessionEnd.INCOMPLETE


def test_a_sign_in_ends_when_its_id_token_expires():
    claims = {**CLAIMS, "exp": NOW + 20}
    assert session_end(claims, SETTINGS, NOW + 19, None) is None
    assert session_end(claims, SETTINGS, NOW + 20, None) is SessionEnd.EXPIRED
    assert session_end(claims, SETTINGS, NOW + 35, None) is SessionEnd.EXPIRED


def test_a_sign_in_ends_after_the_maximum_session_length():
    claims = {**CLAIMS, "iat": NOW, "exp": NOW + 86_400}
    assert session_end(claims, SETTINGS, NOW + 10 * 3600 - 1, None) is None
    assert session_end(claims, SETTINGS, NOW + 10 * 3600, None) is SessionEnd.TOO_OLD
    short = Settings("x", max_session=timedelta(minutes=5))
    assert session_end(claims, short, NOW + 300, None) is SessionEnd.TOO_OLD


def test_a_sign_in_issued_before_a_sign_out_is_refused_and_a_later_one_is_not():
    signed_out = signin.sign_out_time(CLAIMS, NOW + 0.7)
    assert signed_out == int(NOW)
    assert session_end(CLAIMS, SETTINGS, NOW + 5, signed_out) is SessionEnd.SIGNED_OUT
    same_second = {**CLAIMS, "iat": NOW}
    assert session_end(same_second, SETTINGS, NOW + 5, signed_out) is SessionEnd.SIGNED_OUT
    later = {**CLAIMS, "iat": NOW + 2}
    assert session_end(later, SETTINGS, NOW + 5, signed_out) is None


def test_sign_out_time_covers_a_sign_in_stamped_by_a_clock_that_runs_ahead():
    ahead = {**CLAIMS, "iat": NOW + 30}
    assert signin.sign_out_time(ahead, NOW) == int(NOW) + 30
    assert session_end(ahead, SETTINGS, NOW + 31, signin.sign_out_time(ahead, NOW)) is (
        SessionEnd.SIGNED_OUT
    )


def test_subject_is_issuer_and_sub():
    assert signin.subject(CLAIMS) == "https://idp u1"
    assert signin.subject({"sub": "u1"}) is None


# -- failed sign-ins and addresses ------------------------------------------------------------


def test_failure_reasons():
    assert signin.failure_reason("access_denied", state_known=True) == "access_denied"
    assert signin.failure_reason("made_up", state_known=True) == "provider"
    assert signin.failure_reason(None, state_known=False) == "state"
    assert signin.failure_reason(None, state_known=True) == "exchange"


def test_failure_messages_are_fixed_sentences():
    assert "did not agree to sign in" in signin.failure_message("access_denied")
    assert "another address" in signin.failure_message("state")
    payload = "Call 0800 000 000 now"
    assert signin.failure_message(payload) == signin.failure_message("provider")
    assert payload not in signin.failure_message(payload)


@pytest.mark.parametrize(
    ("page", "redirect", "expected"),
    [
        ("http://localhost:8501/", "http://localhost:8501/oauth2callback", None),
        ("http://LOCALHOST:8501/upload", "http://localhost:8501/oauth2callback", None),
        (
            "http://127.0.0.1:8501/",
            "http://localhost:8501/oauth2callback",
            "http://localhost:8501/",
        ),
        ("http://localhost:8600/", "http://localhost:{port}/oauth2callback", None),
        (
            "http://localhost:8600/",
            "http://localhost:8501/oauth2callback",
            "http://localhost:8501/",
        ),
        ("https://ahp.nhs.uk/", "https://ahp.nhs.uk:443/oauth2callback", None),
        ("http://ahp.nhs.uk/", "https://ahp.nhs.uk/oauth2callback", "https://ahp.nhs.uk/"),
        (None, "https://ahp.nhs.uk/oauth2callback", None),
    ],
)
def test_sign_in_address(page, redirect, expected):
    assert signin.sign_in_address(page, redirect, 8600) == expected


@pytest.mark.parametrize(
    ("address", "beyond"),
    [
        ("127.0.0.1", False),
        ("127.0.0.2", False),
        ("::1", False),
        ("[::1]", False),
        ("localhost", False),
        ("unix:///run/ahp.sock", False),
        (None, True),
        ("", True),
        ("0.0.0.0", True),  # noqa: S104
        ("::", True),
        ("192.168.1.20", True),
        ("dashboard.example.nhs.uk", True),
    ],
)
def test_listens_beyond_this_computer(address, beyond):
    assert signin.listens_beyond_this_computer(address) is beyond


def test_the_example_secrets_file_copied_unchanged_is_refused_and_filled_in_works():
    import tomllib
    from pathlib import Path

    example = Path(__file__).resolve().parents[1] / ".streamlit" / "secrets.example.toml"
    secrets = tomllib.loads(example.read_text())
    (problem,) = read_config(secrets).problems
    assert "still hold the example's <placeholders>" in problem
    secrets["auth"] = {**secrets["auth"], **AUTH}
    assert read_config(secrets).settings is not None
