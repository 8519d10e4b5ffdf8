"""Sign-in and roles in the app.

With sign-in configured (an ``[auth]`` section in ``.streamlit/secrets.toml`` for Streamlit's
OpenID Connect ``st.login``, e.g. Microsoft Entra ID), everyone signs in; analysts, named in
``[ahp] analysts`` by e-mail address or ``@domain``, may upload and withdraw, everyone else
browses and exports. With no sign-in configured the app runs in local mode: everyone may
upload, and the sidebar says so.

The role is enforced three times: when the page list is built (viewers do not get Upload),
on the pages themselves, and in :mod:`ahp_analytics.access`, which every write goes through.
"""

from __future__ import annotations

import getpass
import logging

import streamlit as st

from ahp_analytics.access import Actor, analyst_allowed

log = logging.getLogger(__name__)


def configured() -> bool:
    """True when the secrets hold an ``[auth]`` section for ``st.login``."""
    try:
        return "auth" in st.secrets
    except (FileNotFoundError, KeyError, st.errors.StreamlitSecretNotFoundError):
        return False


def _allowlist() -> list[str]:
    try:
        entries = st.secrets.get("ahp", {}).get("analysts", [])
    except (FileNotFoundError, st.errors.StreamlitSecretNotFoundError):
        return []
    # One entry written as a plain string, not a list, still counts (not as its letters).
    return [entries] if isinstance(entries, str) else list(entries)


def current() -> Actor | None:
    """Who is using the app; None when sign-in is configured and nobody is signed in."""
    if not configured():
        try:
            name = getpass.getuser()
        except (KeyError, OSError):
            name = "local user"
        return Actor(name=name, is_analyst=True, local=True)
    if not st.user.is_logged_in:
        return None
    email = str(st.user.get("email") or st.user.get("preferred_username") or "")
    name = str(st.user.get("name") or email or "signed-in user")
    return Actor(name=email or name, is_analyst=analyst_allowed(email, _allowlist()), local=False)


def sign_in_page() -> None:
    st.title("AHP workforce and leadership")
    st.write("Sign in with your organisation account to see the dashboard.")
    st.button("Sign in", on_click=st.login, type="primary")


def sidebar_status(actor: Actor) -> None:
    with st.sidebar:
        st.divider()
        if actor.local:
            st.caption(
                f"Local mode: sign-in is not configured, so everyone may upload. Submissions "
                f"are recorded as '{actor.name}'."
            )
            return
        role = "analyst" if actor.is_analyst else "viewer"
        st.caption(f"Signed in as {actor.name} ({role}).")
        st.button("Sign out", on_click=st.logout)


def require_analyst(actor: Actor | None) -> bool:
    """On a write page: say so and return False when the user may not write."""
    if actor is not None and actor.is_analyst:
        return True
    st.error("Only analysts may upload returns or withdraw submissions. Ask an administrator.")
    return False
