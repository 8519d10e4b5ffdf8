"""``demo [--if-empty]``: load the demonstration data set through the real ingest path."""

from __future__ import annotations

from ahp_analytics.cli.common import EXIT_OK, EXIT_REJECTED, error, say, store_from_args
from ahp_analytics.services.returns import Outcome


def add_parser(sub, parents: list) -> None:
    d = sub.add_parser("demo", parents=parents, help="load the demonstration data set")
    d.add_argument("--if-empty", action="store_true", help="only when the database is empty")


def run(args) -> int:
    from ahp_analytics.demo import load_demo

    store = store_from_args(args)
    if args.if_empty and not store.is_empty():
        return EXIT_OK
    outcomes = load_demo(store, progress=error)
    rejected = [o for o in outcomes if o.status == Outcome.REJECTED]
    say(f"Loaded the demonstration data set: {len(outcomes) - len(rejected)} files stored.")
    return EXIT_REJECTED if rejected else EXIT_OK
