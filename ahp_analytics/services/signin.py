"""Sign-in policy, free of Streamlit: which settings make sign-in work, who a signed-in user is,
how long a sign-in lasts, and what a failed one tells the user.

- Settings come from the secrets (``[auth]`` for OpenID Connect, ``[ahp]`` for this app).
  None of them at all is *local mode*; anything half set up is *broken*, and the app then
  refuses everyone with a list of what is missing, rather than falling back to local mode.
- A user is identified by a verified, well-formed e-mail address, or not at all: an address
  the provider says is unverified, or one like ``a@evil.com@trust.nhs.uk``, gives no address
  (so no analyst role). ``preferred_username``, which Microsoft Entra ID documents as
  changeable, stands in for a missing ``email`` only when ``use_preferred_username`` is set.
- A sign-in ends at the ID token's ``exp``, at ``max_session_hours`` after it was issued,
  or when the same user signs out anywhere, whichever comes first.

:mod:`ahp_analytics.ui.auth` applies this to ``st.user``.
"""

from __future__ import annotations

import ipaddress
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from enum import Enum
from urllib.parse import urlsplit

# Streamlit's st.login needs these five; sign-in is refused, not attempted, without any one.
REQUIRED_AUTH_KEYS = (
    "redirect_uri",
    "cookie_secret",
    "client_id",
    "client_secret",
    "server_metadata_url",
)
# The cookie secret signs the identity cookie: a short one could be guessed, and then anyone
# could forge a cookie naming an analyst.
MIN_COOKIE_SECRET = 32
# A working day.
DEFAULT_MAX_SESSION_HOURS = 10.0
# Every setting [ahp] may hold. An unknown one is reported: a misspelt security setting must
# not be silently ignored.
AHP_SETTINGS = (
    "analysts",
    "max_session_hours",
    "email_verified_when_absent",
    "use_preferred_username",
)

# RFC 5322 dot-atom local part (no quoted strings, no comments) and a DNS host name of at
# least two labels. ASCII only: a sign-in address that does not fit is refused, not guessed at.
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LOCAL = re.compile(rf"{_ATOM}(?:\.{_ATOM})*")
_LABEL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?")
_MAX_EMAIL = 254
_MAX_LOCAL = 64
_MAX_DOMAIN = 253
_MAX_DISPLAY_NAME = 80
_PLACEHOLDER = re.compile(r"<[^<>]*>")


def is_well_formed_domain(domain: str) -> bool:
    """True for a DNS name of two or more labels (letters, digits, inner hyphens), e.g.
    ``trust.nhs.uk``; no trailing dot, no IP literal, at most 253 characters."""
    if not domain or len(domain) > _MAX_DOMAIN:
        return False
    labels = domain.split(".")
    return len(labels) >= 2 and all(_LABEL.fullmatch(label) for label in labels)


def is_well_formed_email(text: object) -> bool:
    """True for exactly one ``@`` between a plain local part and a well-formed domain, with
    nothing else: ``a.b@trust.nhs.uk`` is, ``a@evil.com@trust.nhs.uk``, ``"a b"@x.uk``,
    `` a@x.uk`` (leading space) and ``a@localhost`` are not."""
    if not isinstance(text, str) or len(text) > _MAX_EMAIL or text.count("@") != 1:
        return False
    local, domain = text.split("@")
    return (
        len(local) <= _MAX_LOCAL
        and _LOCAL.fullmatch(local) is not None
        and is_well_formed_domain(domain)
    )


def is_allowlist_entry(entry: str) -> bool:
    """True for an address (``a@trust.nhs.uk``) or a whole domain (``@trust.nhs.uk``)."""
    if entry.startswith("@"):
        return is_well_formed_domain(entry[1:])
    return is_well_formed_email(entry)


# -- settings ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Settings:
    """Sign-in as configured: who may write, how long a sign-in lasts, and which claims count.

    ``email_verified_when_absent``: an ``email`` claim with no ``email_verified`` claim counts
    as verified (an explicit ``email_verified: false`` never does).
    ``use_preferred_username``: with no ``email`` claim at all, ``preferred_username`` is
    taken as the address.
    """

    redirect_uri: str
    analysts: tuple[str, ...] = ()
    max_session: timedelta = timedelta(hours=DEFAULT_MAX_SESSION_HOURS)
    email_verified_when_absent: bool = False
    use_preferred_username: bool = False


@dataclass(frozen=True)
class Config:
    """What the secrets say: sign-in with its ``settings``, local mode (neither settings nor
    problems), or broken (``problems``: one sentence each, naming the setting)."""

    settings: Settings | None = None
    problems: tuple[str, ...] = ()

    @property
    def local(self) -> bool:
        return self.settings is None and not self.problems


def unreadable_secrets() -> Config:
    """The configuration when a secrets file exists but cannot be read: broken, never local."""
    return Config(
        problems=(
            "The secrets file (.streamlit/secrets.toml) could not be read as TOML; the "
            "server log says where the mistake is.",
        )
    )


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _auth_problems(auth: object) -> list[str]:
    if not isinstance(auth, Mapping):
        return ["[auth] must be a section of settings (a TOML table), not a single value."]
    # Streamlit takes the provider's settings from [auth.default] when there is one.
    provider = auth.get("default")
    provider = provider if isinstance(provider, Mapping) else auth
    values = {
        key: (auth if key in ("redirect_uri", "cookie_secret") else provider).get(key)
        for key in REQUIRED_AUTH_KEYS
    }
    problems = []
    missing = [key for key, value in values.items() if _missing(value)]
    if missing:
        problems.append(f"[auth] lacks {', '.join(missing)}.")
    placeholders = [
        key
        for key, value in values.items()
        if isinstance(value, str) and _PLACEHOLDER.search(value.replace("{port}", ""))
    ]
    if placeholders:
        problems.append(
            f"[auth] {', '.join(placeholders)} still hold the example's <placeholders>."
        )
    secret = values["cookie_secret"]
    if isinstance(secret, str) and secret.strip() and len(secret) < MIN_COOKIE_SECRET:
        problems.append(
            f"[auth] cookie_secret is shorter than {MIN_COOKIE_SECRET} characters; use a long "
            'random string, e.g. from python -c "import secrets; print(secrets.token_hex(32))".'
        )
    uri = values["redirect_uri"]
    if isinstance(uri, str) and uri.strip() and "redirect_uri" not in placeholders:
        parts = urlsplit(uri.replace("{port}", "8501"))
        if parts.scheme not in ("http", "https") or not parts.hostname:
            problems.append("[auth] redirect_uri must be an absolute http(s) address.")
        elif not parts.path.endswith("/oauth2callback"):
            problems.append("[auth] redirect_uri must end with /oauth2callback.")
    return problems


def _ahp_problems(ahp: Mapping) -> list[str]:
    problems = [
        f"[ahp] has an unknown setting {key!r}; the settings are {', '.join(AHP_SETTINGS)}."
        for key in ahp
        if key not in AHP_SETTINGS
    ]
    analysts = ahp.get("analysts", [])
    entries = [analysts] if isinstance(analysts, str) else analysts
    if not isinstance(entries, list) or not all(isinstance(e, str) for e in entries):
        problems.append("[ahp] analysts must be a list of e-mail addresses and @domains.")
    else:
        problems += [
            f"[ahp] analysts entry {e.strip()!r} is neither an e-mail address nor an @domain."
            for e in entries
            if not is_allowlist_entry(e.strip())
        ]
    hours = ahp.get("max_session_hours", DEFAULT_MAX_SESSION_HOURS)
    if isinstance(hours, bool) or not isinstance(hours, int | float) or not 0 < hours < math.inf:
        problems.append("[ahp] max_session_hours must be a number of hours above 0.")
    for key in ("email_verified_when_absent", "use_preferred_username"):
        if not isinstance(ahp.get(key, False), bool):
            problems.append(f"[ahp] {key} must be true or false.")
    return problems


def read_config(secrets: Mapping[str, object]) -> Config:
    """The sign-in configuration in ``secrets`` (the parsed secrets file, ``{}`` when there is
    none). No ``[auth]`` and no sign-in setting in ``[ahp]`` is local mode; any other gap
    is a problem, so a half-finished set-up refuses everyone rather than letting everyone in."""
    auth = secrets.get("auth")
    ahp = secrets.get("ahp", {})
    if not isinstance(ahp, Mapping):
        return Config(problems=("[ahp] must be a section of settings (a TOML table).",))
    if auth is None and not ahp:
        return Config()
    problems = []
    if auth is None:
        problems.append(
            f"[ahp] sets {', '.join(ahp)}, which only sign-in uses, but there is no [auth] "
            f"section, so sign-in is not set up. Add [auth] with {', '.join(REQUIRED_AUTH_KEYS)} "
            "(see .streamlit/secrets.example.toml), or remove [ahp] to run in local mode on "
            "this computer only."
        )
    else:
        problems += _auth_problems(auth)
    problems += _ahp_problems(ahp)
    if problems:
        return Config(problems=tuple(problems))
    assert isinstance(auth, Mapping)
    analysts = ahp.get("analysts", [])
    entries = [analysts] if isinstance(analysts, str) else analysts
    return Config(
        Settings(
            redirect_uri=str(auth["redirect_uri"]),
            analysts=tuple(e.strip() for e in entries),
            max_session=timedelta(
                hours=float(ahp.get("max_session_hours", DEFAULT_MAX_SESSION_HOURS))
            ),
            email_verified_when_absent=bool(ahp.get("email_verified_when_absent", False)),
            use_preferred_username=bool(ahp.get("use_preferred_username", False)),
        )
    )


# -- who signed in ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Identity:
    """A signed-in user: ``email`` only when verified and well-formed (else None, which is
    never an analyst), and a one-line ``display`` name for the screen."""

    email: str | None
    display: str


def _is_true(value: object) -> bool:
    # Some providers send booleans as strings.
    return value is True or (isinstance(value, str) and value.strip().lower() == "true")


def verified_email(claims: Mapping[str, object], settings: Settings) -> str | None:
    """The address that identifies the user, or None.

    ``email`` counts when well-formed and verified: ``email_verified`` true; or, with no
    ``email_verified`` claim, Entra ID's ``xms_edov`` (the domain's owner verified it) true,
    or ``email_verified_when_absent`` set. With no ``email`` claim at all,
    ``preferred_username`` counts only when ``use_preferred_username`` is set.
    """
    email = claims.get("email")
    if not _missing(email):
        if not is_well_formed_email(email):
            return None
        if "email_verified" in claims:
            verified = _is_true(claims["email_verified"])
        elif "xms_edov" in claims:
            verified = _is_true(claims["xms_edov"])
        else:
            verified = settings.email_verified_when_absent
        return str(email) if verified else None
    username = claims.get("preferred_username")
    if settings.use_preferred_username and is_well_formed_email(username):
        return str(username)
    return None


def one_line(text: object, limit: int = _MAX_DISPLAY_NAME) -> str:
    """``text`` on one line: control characters dropped, runs of white space made one space,
    cut to ``limit`` characters with an ellipsis."""
    cleaned = "".join(ch if ch.isprintable() else " " for ch in str(text))
    cleaned = " ".join(cleaned.split())
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1] + "…"


def identity(claims: Mapping[str, object], settings: Settings) -> Identity:
    """Who signed in, from the ID token's claims."""
    email = verified_email(claims, settings)
    for candidate in (claims.get("name"), email, claims.get("email"), claims.get("sub")):
        if not _missing(candidate) and one_line(candidate):
            return Identity(email, one_line(candidate))
    return Identity(email, "signed-in user")


# -- how long a sign-in lasts -------------------------------------------------------------------


class SessionEnd(Enum):
    """Why a sign-in no longer counts; the value is what the user reads."""

    INCOMPLETE = (
        "The sign-in did not say who you are or when it expires, so it cannot be used. Sign in "
        "again; if this persists, tell an administrator."
    )
    EXPIRED = "Your sign-in has expired. Sign in again to go on."
    TOO_OLD = "Your sign-in has reached its maximum length. Sign in again to go on."
    SIGNED_OUT = "This sign-in ended when you signed out. Sign in again to go on."


def subject(claims: Mapping[str, object]) -> str | None:
    """The user's permanent key: the provider (``iss``) and its id for them (``sub``), which
    unlike an e-mail address never changes. None when either is missing."""
    iss, sub = claims.get("iss"), claims.get("sub")
    if _missing(iss) or _missing(sub):
        return None
    return f"{iss} {sub}"


def _seconds(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    return float(value)


def session_end(
    claims: Mapping[str, object], settings: Settings, now: float, signed_out_at: int | None
) -> SessionEnd | None:
    """Why the sign-in in ``claims`` has ended at ``now`` (seconds since 1970, UTC), or None
    while it holds. ``signed_out_at`` is the user's last recorded sign-out (whole seconds):
    a sign-in issued (``iat``) at or before it has ended."""
    exp, iat = _seconds(claims.get("exp")), _seconds(claims.get("iat"))
    if exp is None or iat is None or subject(claims) is None:
        return SessionEnd.INCOMPLETE
    if now >= exp:
        return SessionEnd.EXPIRED
    if now - iat >= settings.max_session.total_seconds():
        return SessionEnd.TOO_OLD
    if signed_out_at is not None and iat <= signed_out_at:
        return SessionEnd.SIGNED_OUT
    return None


def sign_out_time(claims: Mapping[str, object], now: float) -> int:
    """The time to record for a sign-out at ``now``: whole seconds, and never before the
    signed-out sign-in was issued (should the provider's clock run ahead of ours), so that
    this sign-in, and every earlier one of the user's, is refused from then on."""
    iat = _seconds(claims.get("iat"))
    return max(math.floor(now), math.ceil(iat) if iat is not None else 0)


# -- failed sign-ins and addresses ------------------------------------------------------------

# The reason codes of a failed sign-in (the provider's OAuth error codes, and two of ours),
# with what the user reads. Only these sentences are ever shown: the provider's own
# description arrives in the address, where anyone could have written it.
_DENIED = (
    "Sign-in was cancelled: you did not agree to sign in, or your organisation's sign-in "
    "service does not allow you to use this dashboard. Sign in again, or ask an administrator "
    "for access."
)
_INTERACTION = (
    "The sign-in service needs you to sign in (or agree) in its own window. Sign in again."
)
_SETUP = (
    "The sign-in service refused this dashboard's request: the dashboard's registration there "
    "does not match its settings (for example its redirect URI). Tell an administrator."
)
_UNAVAILABLE = "The sign-in service had a problem. Try again in a few minutes."
FAILURES = {
    "access_denied": _DENIED,
    "consent_required": _INTERACTION,
    "interaction_required": _INTERACTION,
    "login_required": _INTERACTION,
    "account_selection_required": _INTERACTION,
    "invalid_request": _SETUP,
    "invalid_client": _SETUP,
    "unauthorized_client": _SETUP,
    "unsupported_response_type": _SETUP,
    "invalid_scope": _SETUP,
    "server_error": _UNAVAILABLE,
    "temporarily_unavailable": _UNAVAILABLE,
    "provider": "The sign-in service returned an error. Sign in again; if this persists, tell "
    "an administrator.",
    "state": (
        "The sign-in could not be completed: it was started at another address than this one, "
        "or an old sign-in page was reopened from the browser's history. Sign in again here."
    ),
    "exchange": (
        "The sign-in service's answer could not be accepted (for example the dashboard's client "
        "secret is wrong, or a server's clock is off). Sign in again; if this persists, tell an "
        "administrator, who will find the details in the server log."
    ),
}


def failure_reason(provider_error: str | None, state_known: bool) -> str:
    """The reason code of a failed sign-in: the provider's error when it is a known one (else
    ``provider``), ``state`` when this browser did not start the sign-in the answer belongs
    to, else ``exchange`` (the provider's answer was refused)."""
    if provider_error:
        return provider_error if provider_error in FAILURES else "provider"
    return "exchange" if state_known else "state"


def failure_message(reason: str) -> str:
    """What the user reads for a reason code; an unknown code gets the generic sentence."""
    return FAILURES.get(reason, FAILURES["provider"])


def _origin(url: str) -> tuple[str, str, int] | None:
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return parts.scheme, parts.hostname.lower(), port or (443 if parts.scheme == "https" else 80)


def sign_in_address(page_url: str | None, redirect_uri: str, port: int) -> str | None:
    """The address sign-in works at (the ``redirect_uri``'s origin, ``{port}`` filled in),
    when the page was opened at another one; None when they agree or the page's address is
    unknown. Sign-in started elsewhere cannot complete: the browser keeps its state per host."""
    uri = redirect_uri.replace("{port}", str(port))
    expected, actual = _origin(uri), _origin(page_url or "")
    if expected is None or actual is None or expected == actual:
        return None
    parts = urlsplit(uri)
    return f"{parts.scheme}://{parts.netloc}/"


def listens_beyond_this_computer(address: str | None) -> bool:
    """True when a server bound to ``address`` (Streamlit's ``server.address``; unset means
    every interface) can be reached from other computers; loopback and Unix sockets cannot."""
    if not address or not address.strip():
        return True
    address = address.strip()
    if address.startswith("unix://") or address.lower() == "localhost":
        return False
    try:
        return not ipaddress.ip_address(address.strip("[]")).is_loopback
    except ValueError:
        return True  # a host name: whatever it resolves to, assume it is reachable
