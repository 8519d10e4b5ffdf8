"""Who may write, checked in the library call itself: submitting, withdrawing and deleting
submissions (:mod:`ahp_analytics.services.returns`) call :func:`require_analyst`, which refuses
anyone who is not an analyst, whatever the page did or did not show them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ahp_analytics.services.signin import is_well_formed_email


@dataclass(frozen=True)
class Actor:
    """A user of the app: the name recorded on submissions, and whether they may write."""

    name: str
    is_analyst: bool
    local: bool = False


class NotAllowed(PermissionError):
    """A write attempted by someone who is not an analyst."""


def analyst_allowed(email: str | None, allowlist: Sequence[str]) -> bool:
    """True when ``email`` is on the allowlist, by address or by ``@domain`` (that domain
    exactly, not its subdomains; case-insensitive). Only a well-formed address can match: one
    with two ``@`` (``a@evil.com@trust.nhs.uk``), spaces or no domain never does."""
    if not is_well_formed_email(email):
        return False
    email = str(email).lower()
    domain = email.split("@")[1]
    for entry in allowlist:
        entry = str(entry).strip().lower()
        if entry == email or (entry.startswith("@") and entry[1:] == domain):
            return True
    return False


def require_analyst(actor: Actor | None) -> None:
    """:class:`NotAllowed` unless ``actor`` is an analyst."""
    if actor is None or not actor.is_analyst:
        raise NotAllowed("Only analysts may upload, withdraw or remove submissions.")
