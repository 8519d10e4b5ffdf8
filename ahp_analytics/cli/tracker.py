"""``tracker --window W [--table T] [--org CODE]... [--region R] [--icb I] [--trust-type T]
[--period P]... [--status S]... [--json]``:
which organisations have returned a table for each period of an analysis window, as the
Submissions page's returns tracker shows it."""

from __future__ import annotations

import json

from ahp_analytics.cli.common import EXIT_OK, EXIT_USAGE, error, say, store_from_args

TABLES = ("workforce", "leadership", "indicators")
STATUSES = ("returned", "superseded", "missing")
SHORT = {"returned": "returned", "superseded": "resubmitted", "missing": "missing"}


def add_parser(sub, parents: list) -> None:
    t = sub.add_parser(
        "tracker",
        parents=parents,
        help="which organisations returned a table for each period of a window",
    )
    t.add_argument(
        "--window", required=True, help="analysis window, e.g. 2024/25, or FROM..TO periods"
    )
    t.add_argument("--table", choices=TABLES, default="workforce", help="default: workforce")
    t.add_argument("--org", action="append", default=[], help="organisation code (repeatable)")
    t.add_argument("--region", help="organisations of this region")
    t.add_argument("--icb", help="organisations of this ICB")
    t.add_argument("--trust-type", help="organisations of this trust type")
    t.add_argument("--period", action="append", default=[], help="period, e.g. 2024-05")
    t.add_argument("--status", action="append", default=[], choices=STATUSES)
    t.add_argument("--json", action="store_true", help="the cells as JSON")


def run(args) -> int:
    from ahp_analytics.domain.periods import parse_period, parse_window
    from ahp_analytics.domain.selection import Selection
    from ahp_analytics.services.tracker import cell_text, returns_tracker

    window = parse_window(args.window)
    if window is None:
        error(
            f"error: cannot read the window {args.window!r}: give a financial year (2024/25), "
            "a period (2024-05) or a range (2024-04..2024-09)"
        )
        return EXIT_USAGE
    periods = []
    for text in args.period:
        period = parse_period(text)
        if period is None:
            error(f"error: cannot read the period {text!r}: write it as 2024-05 or 2024/25")
            return EXIT_USAGE
        periods.append(period.label)
    store = store_from_args(args)
    selection = Selection(region=args.region, icb=args.icb, trust_type=args.trust_type)
    tracker = returns_tracker(store, window, args.table, selection).select(
        orgs=[code.strip().upper() for code in args.org], periods=periods, statuses=args.status
    )
    if args.json:
        cells = tracker.export().astype(object)
        payload = {
            "window": window.label,
            "table": args.table,
            "periods": tracker.periods,
            "counts": tracker.counts(),
            "cells": cells.where(cells.notna(), None).to_dict("records"),
        }
        print(json.dumps(payload, indent=2))
        return EXIT_OK
    counts = tracker.counts()
    orgs, periods = len(tracker.organisations), len(tracker.periods)
    say(
        f"{args.table.capitalize()} returns, {window.label}: "
        f"{orgs:,} organisation{'' if orgs == 1 else 's'} x "
        f"{periods} period{'' if periods == 1 else 's'}: "
        + ", ".join(f"{counts[s]:,} {SHORT[s]}" for s in STATUSES)
    )
    for cell in tracker.cells.to_dict("records"):
        name = f" {cell['org_name']}" if cell["org_name"] else ""
        say(f"  {cell['org_code']}{name} | {cell['period_label']} | {cell_text(cell)}")
    return EXIT_OK
