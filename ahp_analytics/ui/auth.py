"""Sign-in and roles in the app; the rules themselves are in :mod:`ahp_analytics.services.signin`.

With sign-in configured (``[auth]`` in ``.streamlit/secrets.toml`` for Streamlit's OpenID
Connect ``st.login``, e.g. Microsoft Entra ID), everyone signs in; analysts, named in
``[ahp] analysts`` by verified e-mail address or ``@domain``, may upload and withdraw, everyone
else browses and exports. A sign-in lasts until its ID token expires, ``max_session_hours``
pass, or the user signs out (recorded in the database, so a copy of the cookie is refused
too). With no sign-in settings at all the app runs in local mode: everyone may upload, and a
banner on every page says so. Anything in between closes the app with a list of what is
missing.

The role is enforced three times: when the page list is built (viewers do not get Upload),
on the pages themselves, and in :mod:`ahp_analytics.services.access`, which every write goes
through.
"""

from __future__ import annotations

import getpass
import logging
import time
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit, urlunsplit

import streamlit as st

from ahp_analytics.services import signin
from ahp_analytics.services.access import Actor, analyst_allowed
from ahp_analytics.ui.data import get_store
from ahp_analytics.ui.widgets import plain

log = logging.getLogger(__name__)

# The query parameter that carries a failed sign-in's reason code back to the sign-in page.
FAILURE_PARAM = "signin_error"
# Headers a reverse proxy adds: local mode reached through one is reachable from elsewhere.
_PROXY_HEADERS = ("X-Forwarded-For", "Forwarded", "X-Real-Ip")


def config() -> signin.Config:
    """The sign-in configuration in the secrets. No secrets file is local mode; a file that
    cannot be read is broken, never local mode."""
    try:
        secrets = st.secrets.to_dict()
    except st.errors.StreamlitSecretNotFoundError as exc:
        if getattr(exc, "error_id", None) == "no-secrets-found":
            return signin.Config()
        log.error("The secrets could not be read: %s", exc)
        return signin.unreadable_secrets()
    return signin.read_config(secrets)


@dataclass(frozen=True)
class Session:
    """Who is using the app (``actor``, None when nobody usable is signed in); why a sign-in
    no longer counts (``ended``); and, when signed in, who the provider says they are."""

    actor: Actor | None
    ended: signin.SessionEnd | None = None
    identity: signin.Identity | None = None


def _local_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "local user"


def session() -> Session:
    """The current session, checked afresh on every run: the ID token's expiry, the maximum
    session length and the user's last sign-out (one query) all apply to open pages too."""
    cfg = config()
    if cfg.problems:
        return Session(None)
    if cfg.settings is None:
        return Session(Actor(name=_local_name(), is_analyst=True, local=True))
    if not st.user.is_logged_in:
        return Session(None)
    claims = st.user.to_dict()
    key = signin.subject(claims)
    signed_out = get_store().signed_out_at(key) if key else None
    ended = signin.session_end(claims, cfg.settings, time.time(), signed_out)
    if ended is not None:
        return Session(None, ended=ended)
    who = signin.identity(claims, cfg.settings)
    actor = Actor(
        name=who.email or who.display,
        is_analyst=analyst_allowed(who.email, cfg.settings.analysts),
    )
    return Session(actor, identity=who)


def current() -> Actor | None:
    """Who is using the app; None when sign-in is broken, or nobody usable is signed in."""
    return session().actor


def _sign_out() -> None:
    """Record the sign-out first (every app server on this database then refuses this
    sign-in and older ones of the user), then clear the cookie at Streamlit's sign-out."""
    claims = st.user.to_dict()
    key = signin.subject(claims)
    if key:
        get_store().record_sign_out(key, signin.sign_out_time(claims, time.time()))
    st.logout()


def sign_in_page() -> None:
    st.title("AHP workforce and leadership")
    reason = st.query_params.get(FAILURE_PARAM)
    if reason:
        st.error(signin.failure_message(reason), icon=":material/error:")
        del st.query_params[FAILURE_PARAM]  # a reload should not repeat it
    ended = session().ended
    if ended is not None:
        st.warning(ended.value, icon=":material/schedule:")
    settings = config().settings
    assert settings is not None  # this page is shown only with sign-in configured
    elsewhere = signin.sign_in_address(
        st.context.url, settings.redirect_uri, st.get_option("server.port")
    )
    if elsewhere:
        st.warning(
            f"Sign-in works only at {elsewhere}, and this page was opened at another address. "
            "Open the dashboard there to sign in.",
            icon=":material/link:",
        )
        st.link_button("Open the dashboard's sign-in address", elsewhere, type="primary")
        return
    st.write("Sign in with your organisation account to see the dashboard.")
    st.button("Sign in", on_click=st.login, type="primary")


def misconfigured_page() -> None:
    problems = config().problems
    log.error("Sign-in is not set up correctly: %s", " ".join(problems))
    st.title("AHP workforce and leadership")
    st.error(
        "Sign-in is only partly set up, so the dashboard is closed to everyone until an "
        "administrator completes its settings in .streamlit/secrets.toml:",
        icon=":material/lock:",
    )
    st.markdown("\n".join(f"- {plain(problem)}" for problem in problems))


def local_banner(actor: Actor) -> None:
    """At the top of every page in local mode: who may write, and who can reach the app."""
    address = st.get_option("server.address")
    proxied = any(st.context.headers.get(h) for h in _PROXY_HEADERS)
    if signin.listens_beyond_this_computer(address) or proxied:
        where = (
            "is reached through a proxy"
            if proxied
            else f"listens on {address or 'every network interface'}"
        )
        st.error(
            f"Local mode, open to the network: sign-in is not set up and this dashboard {where}, "
            "so anyone who can reach it may upload and withdraw returns. Set up sign-in (see "
            "the README), or run it on 127.0.0.1 only.",
            icon=":material/lock_open:",
        )
        return
    st.warning(
        "Local mode: sign-in is not set up, so whoever uses this dashboard may upload and "
        f"withdraw returns (recorded as '{plain(actor.name)}'). It listens on {address} only, "
        "so no other computer can reach it.",
        icon=":material/lock_open:",
    )


def sidebar_status(current_session: Session) -> None:
    actor, who = current_session.actor, current_session.identity
    if actor is None or who is None:
        return
    with st.sidebar:
        st.divider()
        role = "analyst" if actor.is_analyst else "viewer"
        name = plain(who.display)
        if who.email and who.email != who.display:
            name += f" ({plain(who.email)})"
        st.caption(f"Signed in as {name}, {role}.")
        if who.email is None:
            st.caption(
                "No verified e-mail address came with this sign-in, so you may browse and "
                "export but not upload."
            )
        st.button("Sign out", on_click=_sign_out)


def require_analyst(actor: Actor | None) -> bool:
    """On a write page: say so and return False when the user may not write."""
    if actor is not None and actor.is_analyst:
        return True
    st.error("Only analysts may upload returns or withdraw submissions. Ask an administrator.")
    return False


# -- failed sign-ins say why ------------------------------------------------------------------


def _sets_identity_cookie(response) -> bool:  # type: ignore[no-untyped-def]
    from streamlit.web.server.starlette.starlette_server_config import USER_COOKIE_NAME

    prefix = f"{USER_COOKIE_NAME}=".encode()
    return any(
        name == b"set-cookie" and value.startswith(prefix) and b"max-age=0" not in value.lower()
        for name, value in response.raw_headers
    )


def _with_reason(location: str, reason: str) -> str:
    parts = urlsplit(location)
    return urlunsplit(parts._replace(query=urlencode({FAILURE_PARAM: reason})))


def explain_failed_sign_ins() -> None:
    """Make a failed sign-in say why on screen. Streamlit 1.67's sign-in callback logs why
    (consent denied, a provider error, a sign-in started at another address, a refused token)
    and sends the browser home without a word; wrapped, it adds the reason's code to that
    address, for :func:`sign_in_page` to show. Safe to call on every run (wraps once)."""
    from streamlit.web.server.starlette import starlette_auth_routes as routes

    original = routes._auth_callback
    if getattr(original, "explains_failures", False):
        return

    async def callback(request, base_url: str):  # type: ignore[no-untyped-def]
        params = request.query_params
        started_here = routes._get_provider_by_state(request, params.get("state")) is not None
        response = await original(request, base_url)
        if not any(params.get(k) for k in ("code", "state", "error")):
            return response  # back from the provider's sign-out page: nothing failed
        if _sets_identity_cookie(response) or "location" not in response.headers:
            return response
        reason = signin.failure_reason(params.get("error"), started_here)
        log.warning("A sign-in failed (%s).", reason)
        response.headers["location"] = _with_reason(response.headers["location"], reason)
        return response

    callback.explains_failures = True  # type: ignore[attr-defined]
    routes._auth_callback = callback
