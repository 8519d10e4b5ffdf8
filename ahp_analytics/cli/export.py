"""``export TABLE``: a table, filtered, as CSV or XLSX, to a file or standard output.

The rows are written as they are read from the database, a chunk at a time. A file named with
``-o`` appears whole or not at all (written beside it under a temporary name, then renamed).
"""

from __future__ import annotations

import os
import sys
import tempfile
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
    from ahp_analytics.services.exports import write_table

    fmt = args.format or ("xlsx" if args.out and args.out.lower().endswith(".xlsx") else "csv")
    try:
        selection = selection_from_args(args)
        selection.check(args.table)
    except ValueError as exc:
        error(f"error: {exc}")
        return EXIT_USAGE
    if not args.out and fmt == "xlsx" and sys.stdout.isatty():
        error("error: XLSX is binary: give -o FILE")
        return EXIT_USAGE
    store = store_from_args(args)
    try:
        if args.out:
            n = _to_file(
                Path(args.out), lambda out: write_table(store, args.table, selection, fmt, out)
            )
            error(f"Wrote {n:,} rows of {args.table} to {args.out}.")
        elif fmt == "xlsx":  # a zip archive is written with seeks: build it, then copy it out
            with tempfile.TemporaryFile() as tmp:
                write_table(store, args.table, selection, fmt, tmp)
                tmp.seek(0)
                while block := tmp.read(1 << 20):
                    sys.stdout.buffer.write(block)
        else:
            out = sys.stdout.buffer
            if sys.stdout.isatty():  # CSV read by a person: no control character reaches it
                out = _Terminal(out)
            write_table(store, args.table, selection, fmt, out)
    except ValueError as exc:  # e.g. more rows than an Excel sheet holds
        error(f"error: {exc}")
        return EXIT_USAGE
    sys.stdout.flush()
    return EXIT_OK


def _to_file(path: Path, write) -> int:  # type: ignore[no-untyped-def]
    """Run ``write(file)`` on a temporary file beside ``path``, then put it in ``path``'s
    place; on any error the temporary file goes and ``path`` is left as it was."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            n = write(out)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return n


class _Terminal:
    """A binary stream that escapes the control characters inside each line of the CSV
    written to it (each write holds whole lines); the line ends, CSV's own, are kept."""

    def __init__(self, out):  # type: ignore[no-untyped-def]
        self.out = out

    def write(self, data: bytes) -> int:
        return self.out.write(terminal_csv(data))


def terminal_csv(data: bytes) -> bytes:
    """CSV bytes with the control characters inside each line escaped; the line ends, CSV's
    own, are kept."""
    lines = []
    for line in data.decode("utf-8").split("\n"):
        body = line.removesuffix("\r")
        lines.append(terminal_safe(body) + line[len(body) :])
    return "\n".join(lines).encode("utf-8")
