"""Who may write, checked in the library call itself: uploading, confirming and withdrawing
go through :func:`submit` and :func:`withdraw`, which refuse anyone who is not an analyst,
whatever the page did or did not show them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ahp_analytics.domain.results import FileResult
from ahp_analytics.services.signin import is_well_formed_email
from ahp_analytics.store import DeleteOutcome, IngestOutcome, Store, WithdrawOutcome


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


def _check(actor: Actor | None) -> None:
    if actor is None or not actor.is_analyst:
        raise NotAllowed("Only analysts may upload, withdraw or remove submissions.")


def submit(
    store: Store,
    actor: Actor | None,
    result: FileResult,
    content: bytes,
    progress: Callable[[int, int], None] | None = None,
) -> IngestOutcome:
    """Store a checked file as ``actor``; :class:`NotAllowed` unless an analyst."""
    _check(actor)
    return store.ingest(result, content, actor.name, progress=progress)


def withdraw(store: Store, actor: Actor | None, submission_id: int) -> WithdrawOutcome:
    """Withdraw a submission as ``actor``; :class:`NotAllowed` unless an analyst."""
    _check(actor)
    return store.withdraw(submission_id, actor.name)


def delete(store: Store, actor: Actor | None, submission_ids: Sequence[int]) -> DeleteOutcome:
    """Delete submissions outright (:meth:`Store.delete_submissions`, e.g. the demonstration
    data set) as ``actor``; :class:`NotAllowed` unless an analyst."""
    _check(actor)
    return store.delete_submissions(submission_ids)
