"""``withdraw ID [--user NAME]``: withdraw a submission; what it superseded becomes current
again."""

from __future__ import annotations

from ahp_analytics.cli.common import (
    EXIT_OK,
    EXIT_REJECTED,
    EXIT_USAGE,
    MAX_SUBMISSION_ID,
    error,
    say,
    store_from_args,
    submission_id,
    user_name,
)
from ahp_analytics.services.access import Actor


def add_parser(sub, parents: list) -> None:
    w = sub.add_parser("withdraw", parents=parents, help="withdraw a submission")
    w.add_argument("id", help="the submission's id, as the submissions command lists it")
    w.add_argument("--user", default=None)


def run(args) -> int:
    wanted = submission_id(args.id)
    if wanted is None:
        shown = args.id if len(args.id) <= 24 else args.id[:21] + "..."
        error(
            f"error: '{shown}' is not a submission id: ids are whole numbers from 1 to "
            f"{MAX_SUBMISSION_ID} (the submissions command lists them)"
        )
        return EXIT_USAGE
    from ahp_analytics.services import returns

    store = store_from_args(args)
    # Whoever may run the command line with the database's credentials may write to it.
    actor = Actor(user_name(args.user), is_analyst=True, local=True)
    outcome = returns.withdraw(store, actor, wanted)
    say(outcome.message)
    return EXIT_OK if outcome.ok else EXIT_REJECTED
