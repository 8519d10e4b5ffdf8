"""``python -m ahp_analytics COMMAND``: template, validate, ingest, export, demo, submissions,
withdraw, compare, scan. Exit status: 0 all good; 1 a file was rejected; 2 a usage error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from ahp_analytics.compare_cli import add_compare_parser
from ahp_analytics.results import FileResult, Message
from ahp_analytics.scan_cli import add_scan_parser

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2
EXPORT_TABLES = ("organisations", "workforce", "leadership", "indicators", "summary", "submissions")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 on usage errors; keep that
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m ahp_analytics", description=__doc__.split("\n")[0])
    p.add_argument("--db", help="database URL (default: $AHP_DATABASE_URL or data/ahp.db)")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    # --db may come before or after the command; SUPPRESS keeps a value given before it.
    db = argparse.ArgumentParser(add_help=False)
    db.add_argument("--db", default=argparse.SUPPRESS, help="database URL")

    t = sub.add_parser("template", parents=[db], help="write the blank return workbook")
    t.add_argument("out", help="where to write it, e.g. return.xlsx")

    v = sub.add_parser("validate", parents=[db], help="check files; write nothing")
    v.add_argument("files", nargs="+")
    v.add_argument("--report-json", help="write the report as JSON to this file")

    i = sub.add_parser("ingest", parents=[db], help="check and store each file on its own")
    i.add_argument("files", nargs="+")
    i.add_argument("--user", default=None, help="who is submitting (default: your user name)")
    i.add_argument("--report-json", help="write the report as JSON to this file")

    e = sub.add_parser("export", parents=[db], help="write a table as CSV or XLSX")
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

    d = sub.add_parser("demo", parents=[db], help="load the demonstration data set")
    d.add_argument("--if-empty", action="store_true", help="only when the database is empty")

    sub.add_parser("submissions", parents=[db], help="the history of submissions")
    w = sub.add_parser("withdraw", parents=[db], help="withdraw a submission")
    w.add_argument("id", type=int)
    w.add_argument("--user", default=None)
    add_compare_parser(sub, COMMANDS)
    add_scan_parser(sub, COMMANDS)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK
    except StoreUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:  # a path the user gave that cannot be read or written
        print(f"error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return EXIT_USAGE


def _user(name: str | None) -> str:
    if name:
        return name
    for var in ("AHP_USER", "USER", "USERNAME", "LOGNAME"):
        if os.environ.get(var):
            return os.environ[var]
    return "local user"


class StoreUnavailable(Exception):
    """The database cannot be opened; ``str(exc)`` is one line, with no password in it."""


def store_from_args(args):
    import sqlalchemy as sa

    from ahp_analytics.store import default_url, open_store

    url = args.db or default_url()
    try:
        return open_store(url)
    except (sa.exc.OperationalError, sa.exc.ArgumentError) as exc:
        try:
            parsed = sa.make_url(url)
            shown, password = parsed.render_as_string(hide_password=True), parsed.password
        except sa.exc.ArgumentError:
            shown, password = "(a URL that cannot be read)", None
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        if password:
            reason = reason.replace(str(password), "***")
        raise StoreUnavailable(f"cannot open the database {shown}: {reason}") from None


def cmd_template(args) -> int:
    from ahp_analytics.template import write_template

    out = Path(args.out)
    if out.suffix.lower() not in (".xlsx", ".xlsm"):
        print("error: the template is an Excel workbook: give a name ending .xlsx", file=sys.stderr)
        return EXIT_USAGE
    write_template(out)
    print(f"Wrote the return template to {out}.")
    return EXIT_OK


def _read_files(paths: Sequence[str]):
    """Yield (path, bytes or None, error sentence) for each path, in order."""
    for path in paths:
        p = Path(path)
        if not p.is_file():
            yield path, None, f"{path}: no such file."
            continue
        yield path, p.read_bytes(), None


def _missing_file_result(path: str, sentence: str) -> FileResult:
    result = FileResult(Path(path).name, "", 0)
    result.add(Message("error", "unreadable_file", sentence, "Check the file name and path."))
    return result


def cmd_validate(args) -> int:
    from ahp_analytics.validation import validate_bytes

    reports = []
    status = EXIT_OK
    for n, (path, data, problem) in enumerate(_read_files(args.files), 1):
        _progress(f"[{n}/{len(args.files)}] checking {path}")
        result = (
            _missing_file_result(path, problem)
            if data is None
            else validate_bytes(data, Path(path).name)
        )
        file_status = "accepted" if result.ok else "rejected"
        if not result.ok:
            status = EXIT_REJECTED
        print_report(result, file_status)
        reports.append(_report(result, file_status))
    _write_json(args.report_json, reports)
    return status


def cmd_ingest(args) -> int:
    from ahp_analytics.validation import validate_bytes

    store = store_from_args(args)
    user = _user(args.user)
    known = set(store.read("organisations")["org_code"])
    reports = []
    status = EXIT_OK
    for n, (path, data, problem) in enumerate(_read_files(args.files), 1):
        _progress(f"[{n}/{len(args.files)}] checking {path}")
        if data is None:
            result = _missing_file_result(path, problem)
        else:
            result = validate_bytes(data, Path(path).name, known_orgs=known)
        if not result.ok:
            status = EXIT_REJECTED
            print_report(result, "rejected")
            reports.append(_report(result, "rejected"))
            continue
        total = sum(result.rows.values())
        _progress(f"[{n}/{len(args.files)}] storing {total:,} rows")
        outcome = store.ingest(result, data, user, progress=_row_progress(total))
        file_status = outcome.status
        if "organisations" in result.tables:
            known |= set(result.tables["organisations"]["org_code"])
        if file_status == "rejected":
            status = EXIT_REJECTED
        print_report(result, file_status, outcome.message)
        reports.append(_report(result, file_status, outcome))
    _write_json(args.report_json, reports)
    return status


def _row_progress(total: int):
    last = [0.0]

    def report(done: int, _total: int) -> None:
        now = time.monotonic()
        if now - last[0] > 1 or done == _total:
            last[0] = now
            _progress(f"    stored {done:,} of {_total:,} rows")

    return report


def _progress(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _report(result: FileResult, status: str, outcome=None) -> dict:
    rows = outcome.rows if outcome is not None and outcome.rows else result.rows
    report = {
        "file": result.file_name,
        "status": status,
        "rows": rows,
        "errors": [m.to_dict() for m in result.errors],
        "warnings": [m.to_dict() for m in result.warnings],
    }
    if outcome is not None:
        report["submission_id"] = outcome.submission_id
        report["message"] = outcome.message
    return report


def _write_json(path: str | None, reports: list[dict]) -> None:
    if path:
        Path(path).write_text(
            json.dumps({"files": reports}, indent=2, default=str), encoding="utf-8"
        )


def print_report(result: FileResult, status: str, note: str = "") -> None:
    """The readable report of one file on standard output."""
    rows = ", ".join(f"{n:,} {t}" for t, n in result.rows.items() if n)
    head = {"accepted": "OK", "rejected": "REJECTED", "unchanged": "UNCHANGED"}.get(status, status)
    print(f"{head}  {result.file_name}" + (f"  ({rows} rows)" if rows and result.ok else ""))
    for m in result.errors + result.warnings:
        label = "error  " if m.severity == "error" else "warning"
        where = f" [{m.where}]" if m.where else ""
        print(f"  {label}{where} {m.message}")
        if m.fix:
            print(f"           fix: {m.fix}")
    if note:
        print(f"  {note}")


def cmd_export(args) -> int:
    from ahp_analytics.export import columns_sheet, export_table, write_export
    from ahp_analytics.periods import parse_period, parse_window

    fmt = args.format or ("xlsx" if args.out and args.out.lower().endswith(".xlsx") else "csv")
    filters = {
        "orgs": [o.strip().upper() for o in args.org] or None,
        "region": args.region,
        "icb": args.icb,
        "trust_type": args.trust_type,
    }
    for name in ("period_from", "period_to"):
        value = getattr(args, name)
        if value is not None:
            period = parse_period(value)
            if period is None:
                print(f"error: cannot read the period '{value}' (e.g. 2024-04)", file=sys.stderr)
                return EXIT_USAGE
            filters[name] = period.start if name == "period_from" else period.end
    if args.window is not None:
        window = parse_window(args.window)
        if window is None:
            print(f"error: cannot read the window '{args.window}' (e.g. 2023/24)", file=sys.stderr)
            return EXIT_USAGE
        filters["window"] = window
    store = store_from_args(args)
    try:
        df = export_table(store, args.table, **filters)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    columns = columns_sheet(args.table, df.columns, store.indicator_catalogue())
    data = write_export(df, fmt, columns=columns if fmt == "xlsx" else None)
    if args.out:
        Path(args.out).write_bytes(data)
        _progress(f"Wrote {len(df):,} rows of {args.table} to {args.out}.")
    else:
        if fmt == "xlsx" and sys.stdout.isatty():
            print("error: XLSX is binary: give -o FILE", file=sys.stderr)
            return EXIT_USAGE
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return EXIT_OK


def cmd_demo(args) -> int:
    from ahp_analytics.demo import load_demo

    store = store_from_args(args)
    if args.if_empty and not store.is_empty():
        return EXIT_OK
    outcomes = load_demo(store, progress=_progress)
    rejected = [o for o in outcomes if o.status == "rejected"]
    print(f"Loaded the demonstration data set: {len(outcomes) - len(rejected)} files stored.")
    return EXIT_REJECTED if rejected else EXIT_OK


def cmd_submissions(args) -> int:
    store = store_from_args(args)
    df = store.submissions()
    if df.empty:
        print("No submissions yet.")
        return EXIT_OK
    cols = [
        c for c in ("id", "submitted_at", "user_name", "file_name", "status", "rows") if c in df
    ]
    with_pd_options(lambda: print(df[cols].to_string(index=False)))
    return EXIT_OK


def with_pd_options(fn) -> None:
    import pandas as pd

    with pd.option_context("display.max_rows", None, "display.width", 200):
        fn()


def cmd_withdraw(args) -> int:
    store = store_from_args(args)
    outcome = store.withdraw(args.id, _user(args.user))
    print(outcome.message)
    return EXIT_OK if outcome.ok else EXIT_REJECTED


COMMANDS = {
    "template": cmd_template,
    "validate": cmd_validate,
    "ingest": cmd_ingest,
    "export": cmd_export,
    "demo": cmd_demo,
    "submissions": cmd_submissions,
    "withdraw": cmd_withdraw,
}
