"""``submissions``: the history of submissions."""

from __future__ import annotations

from ahp_analytics.cli.common import EXIT_OK, say, store_from_args, with_pd_options
from ahp_analytics.domain.text import terminal_safe


def add_parser(sub, parents: list) -> None:
    sub.add_parser("submissions", parents=parents, help="the history of submissions")


def run(args) -> int:
    store = store_from_args(args)
    df = store.submissions()
    if df.empty:
        say("No submissions yet.")
        return EXIT_OK
    cols = [
        c for c in ("id", "submitted_at", "user_name", "file_name", "status", "rows") if c in df
    ]
    shown = df[cols].astype(object).map(lambda v: v if v is None else terminal_safe(v))
    with_pd_options(lambda: print(shown.to_string(index=False)))
    return EXIT_OK
