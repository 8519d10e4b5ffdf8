"""``demo [--if-empty | --remove]``: load the demonstration data set through the real ingest
path, or take it out again."""

from __future__ import annotations

from ahp_analytics.cli.common import EXIT_OK, EXIT_REJECTED, error, say, store_from_args


def add_parser(sub, parents: list) -> None:
    d = sub.add_parser(
        "demo", parents=parents, help="load (or --remove) the demonstration data set"
    )
    how = d.add_mutually_exclusive_group()
    how.add_argument("--if-empty", action="store_true", help="only when the database is empty")
    how.add_argument(
        "--remove",
        action="store_true",
        help="delete the demonstration data set (its submissions, rows and fictional "
        "organisations); other data is untouched",
    )


def run(args) -> int:
    from ahp_analytics.demo import demo_submission_ids, load_demo, remove_demo

    store = store_from_args(args)
    if args.remove:
        if not demo_submission_ids(store):
            say("No demonstration data is stored: nothing to remove.")
            return EXIT_OK
        outcome = remove_demo(store)
        say(f"Removed the demonstration data set. {outcome.message}")
        return EXIT_OK if outcome.submissions else EXIT_REJECTED
    if args.if_empty and not store.is_empty():
        return EXIT_OK
    outcomes = load_demo(store, progress=error)
    rejected = [o for o in outcomes if o.status == "rejected"]
    say(f"Loaded the demonstration data set: {len(outcomes) - len(rejected)} files stored.")
    return EXIT_REJECTED if rejected else EXIT_OK
