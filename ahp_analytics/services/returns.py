"""Returns: checking a file, submitting it, withdrawing or deleting submissions, the one way the
command line and the Upload page both go. Every write is checked against who asks
(:func:`ahp_analytics.services.access.require_analyst`), and every outcome is one of
:class:`Outcome`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from enum import StrEnum

from ahp_analytics.domain.results import FileResult, sha256_of
from ahp_analytics.ingest import validation
from ahp_analytics.services.access import Actor, require_analyst
from ahp_analytics.store import DeleteOutcome, IngestOutcome, Store, WithdrawOutcome


class Outcome(StrEnum):
    """What became of a file: stored, refused (nothing stored), or already stored (nothing
    changed). Equal to the store's status strings, and written as them in reports."""

    ACCEPTED = "accepted"
    REJECTED = "rejected"
    UNCHANGED = "unchanged"


def known_organisations(store: Store) -> set[str]:
    """The organisation codes the store knows: a file naming them raises no unknown-
    organisation warning."""
    return set(store.read("organisations")["org_code"])


def organisations_added(result: FileResult) -> set[str]:
    """The organisation codes a checked file's Organisations sheet adds."""
    if "organisations" not in result.tables:
        return set()
    return set(result.tables["organisations"]["org_code"])


def check(data: bytes, file_name: str, known: Iterable[str] | None = None) -> FileResult:
    """Read and check a file, organisations in ``known`` counting as known; never raises for
    anything in the file's content, and writes nothing."""
    return validation.validate_bytes(data, file_name, known_orgs=known)


def checked_outcome(result: FileResult) -> Outcome:
    """What checking alone says of a file: it could be stored, or not."""
    return Outcome.ACCEPTED if result.ok else Outcome.REJECTED


def submit(
    store: Store,
    actor: Actor | None,
    result: FileResult,
    content: bytes,
    progress: Callable[[int, int], None] | None = None,
) -> IngestOutcome:
    """Store a checked file as ``actor``, in one transaction or not at all;
    :class:`~ahp_analytics.services.access.NotAllowed` unless an analyst. ``content`` must be
    the bytes that were checked: other bytes are refused, nothing stored."""
    require_analyst(actor)
    if content and sha256_of(content) != result.sha256:
        message = f"'{result.file_name}' changed after it was checked: upload it again."
        return IngestOutcome(Outcome.REJECTED, None, message=message)
    outcome = store.ingest(result, content, actor.name, progress=progress)
    outcome.status = Outcome(outcome.status)
    return outcome


def withdraw(store: Store, actor: Actor | None, submission_id: int) -> WithdrawOutcome:
    """Withdraw a submission as ``actor``: what it superseded becomes current again;
    :class:`~ahp_analytics.services.access.NotAllowed` unless an analyst."""
    require_analyst(actor)
    return store.withdraw(submission_id, actor.name)


def delete(store: Store, actor: Actor | None, submission_ids: Sequence[int]) -> DeleteOutcome:
    """Delete submissions outright (:meth:`Store.delete_submissions`, e.g. the demonstration
    data set) as ``actor``; :class:`~ahp_analytics.services.access.NotAllowed` unless an
    analyst."""
    require_analyst(actor)
    return store.delete_submissions(submission_ids)
