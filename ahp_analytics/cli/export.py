"""``export TABLE``: a table, filtered, as CSV or XLSX, to a file or standard output."""

from __future__ import annotations

import sys
from pathlib import Path

from ahp_analytics.cli.common import EXIT_OK, EXIT_USAGE, error, store_from_args
from ahp_analytics.domain.text import terminal_safe
from ahp_analytics.services.exports import EXPORT_TABLES


def add_parser(sub, parents: list) -> None:
    e = sub.add_parser("export", parents=parents, help="write a table as CSV or XLSX")
    e.add_argument("table", choices=EXPORT_TABLES)
    e.add_argument("-o", "--out", help="file to write (default: standard output)")
    e.add_argument("--format", choices=("csv", "xlsx"), default=None)
    e.add_argument("--org", action="append", default=[], help="organisation code (repeatable)")
    e.add_argument("--region")
    e.add_argument("--icb", help="integrated care board, by name as in the organisations table")
    e.add_argument("--trust-type")
    e.add_argument("--from", dest="period_from", help="first period, e.g. 2024-04")
    e.add_argument("--to", dest="period_to", help="last period, e.g. 2025-03")
    e.add_argument("--window", help="analysis window for summary, e.g. 2023/24")
    e.add_argument(
        "--without-demo",
        action="store_true",
        help="leave out the demonstration data set's organisations (codes DM001 and on)",
    )


def run(args) -> int:
    from ahp_analytics.domain.periods import parse_period, parse_window
    from ahp_analytics.present.export import columns_sheet, write_export
    from ahp_analytics.services.exports import export_table

    fmt = args.format or ("xlsx" if args.out and args.out.lower().endswith(".xlsx") else "csv")
    filters = {
        "orgs": [o.strip().upper() for o in args.org] or None,
        "region": args.region,
        "icb": args.icb,
        "trust_type": args.trust_type,
        "demo": not args.without_demo,
    }
    for name in ("period_from", "period_to"):
        value = getattr(args, name)
        if value is not None:
            period = parse_period(value)
            if period is None:
                error(f"error: cannot read the period '{value}' (e.g. 2024-04)")
                return EXIT_USAGE
            filters[name] = period.start if name == "period_from" else period.end
    if args.window is not None:
        window = parse_window(args.window)
        if window is None:
            error(f"error: cannot read the window '{args.window}' (e.g. 2023/24)")
            return EXIT_USAGE
        filters["window"] = window
    store = store_from_args(args)
    try:
        df = export_table(store, args.table, **filters)
    except ValueError as exc:
        error(f"error: {exc}")
        return EXIT_USAGE
    columns = columns_sheet(args.table, df.columns, store.indicator_catalogue())
    data = write_export(df, fmt, columns=columns if fmt == "xlsx" else None)
    if args.out:
        Path(args.out).write_bytes(data)
        error(f"Wrote {len(df):,} rows of {args.table} to {args.out}.")
    else:
        if fmt == "xlsx" and sys.stdout.isatty():
            error("error: XLSX is binary: give -o FILE")
            return EXIT_USAGE
        if sys.stdout.isatty():  # CSV read by a person: no control character reaches the screen
            data = terminal_csv(data)
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return EXIT_OK


def terminal_csv(data: bytes) -> bytes:
    """CSV bytes with the control characters inside each line escaped; the line ends, CSV's
    own, are kept."""
    lines = []
    for line in data.decode("utf-8").split("\n"):
        body = line.removesuffix("\r")
        lines.append(terminal_safe(body) + line[len(body) :])
    return "\n".join(lines).encode("utf-8")
