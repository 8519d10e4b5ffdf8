"""``export TABLE``: a table, filtered, as CSV or XLSX, to a file or standard output."""

from __future__ import annotations

import sys
from pathlib import Path

from ahp_analytics.cli.common import (
    EXIT_OK,
    EXIT_USAGE,
    add_selection_options,
    error,
    selection_from_args,
    store_from_args,
)
from ahp_analytics.domain.text import terminal_safe
from ahp_analytics.services.exports import EXPORT_TABLES


def add_parser(sub, parents: list) -> None:
    e = sub.add_parser("export", parents=parents, help="write a table as CSV or XLSX")
    e.add_argument("table", choices=EXPORT_TABLES)
    e.add_argument("-o", "--out", help="file to write (default: standard output)")
    e.add_argument("--format", choices=("csv", "xlsx"), default=None)
    add_selection_options(e)


def run(args) -> int:
    from ahp_analytics.present.export import columns_sheet, write_export
    from ahp_analytics.services.exports import export_table

    fmt = args.format or ("xlsx" if args.out and args.out.lower().endswith(".xlsx") else "csv")
    try:
        selection = selection_from_args(args)
        selection.check(args.table)
    except ValueError as exc:
        error(f"error: {exc}")
        return EXIT_USAGE
    store = store_from_args(args)
    df = export_table(store, args.table, selection)
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
