"""Loading the demonstration data set through the same checks and ingest as any upload, and
taking it out again.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable

from ahp_analytics.demo.design import DEFAULT_SEED, ORGANISATIONS_FILE
from ahp_analytics.demo.workbooks import write_demo_returns
from ahp_analytics.domain import reference as ref
from ahp_analytics.store import DeleteOutcome, IngestOutcome, Store

DEMO_USER = ref.DEMO_USER


def demo_submission_ids(store: Store) -> list[int]:
    """The ids of the submissions of the demonstration data set (stored as :data:`DEMO_USER`)."""
    history = store.submissions()
    return sorted(int(i) for i in history.loc[history["user_name"] == DEMO_USER, "id"])


def remove_demo(store: Store) -> DeleteOutcome:
    """Delete the demonstration data set: its submissions, their rows and files, and the
    fictional organisations (:meth:`Store.delete_submissions`). Other data is untouched."""
    return store.delete_submissions(demo_submission_ids(store))


def load_demo(
    store: Store, seed: int = DEFAULT_SEED, progress: Callable[[str], None] | None = None
) -> list[IngestOutcome]:
    """Write the demo returns to a temporary folder and store each one through the same
    checks and ingest as any upload, as :data:`DEMO_USER`. ``progress`` gets a line of text
    every few files."""
    from ahp_analytics.services import returns
    from ahp_analytics.services.access import Actor

    say = progress or (lambda _text: None)
    actor = Actor(DEMO_USER, is_analyst=True, local=True)
    outcomes = []
    with tempfile.TemporaryDirectory(prefix="ahp-demo-") as tmp:
        say("Writing the demonstration returns…")
        paths = write_demo_returns(tmp, seed)
        known = returns.known_organisations(store)
        for n, path in enumerate(paths, 1):
            content = path.read_bytes()
            result = returns.check(content, path.name, known)
            outcome = returns.submit(store, actor, result, content)
            if outcome.status == returns.Outcome.REJECTED:
                say(f"{path.name}: {outcome.message}")
            if path.name == ORGANISATIONS_FILE:
                known |= returns.organisations_added(result)
            outcomes.append(outcome)
            if n % 25 == 0 or n == len(paths):
                say(f"Stored {n} of {len(paths)} demonstration returns.")
    return outcomes
