"""``python -m ahp_analytics COMMAND``: template, validate, ingest, export, demo, submissions,
withdraw, compare, scan. Exit status: 0 all good; 1 a file was rejected (or a withdrawal
refused); 2 a usage or environment error (the database cannot be opened, is locked or refuses
access), or an interrupt. Every failure a user can cause is one line, never a traceback; text
that came from a file or the database is printed with its control characters escaped.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from ahp_analytics.cli.compare import add_compare_parser
from ahp_analytics.cli.scan import add_scan_parser
from ahp_analytics.domain.results import FileResult, Message
from ahp_analytics.domain.text import terminal_safe

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2
EXPORT_TABLES = ("organisations", "workforce", "leadership", "indicators", "summary", "submissions")
MAX_SUBMISSION_ID = 2**31 - 1  # submission ids are 32-bit integers in PostgreSQL
SUPPORTED_DATABASES = ("sqlite", "postgresql")


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
    w.add_argument("id", help="the submission's id, as the submissions command lists it")
    w.add_argument("--user", default=None)
    add_compare_parser(sub, COMMANDS)
    add_scan_parser(sub, COMMANDS)
    return p


def submission_id(text: str) -> int | None:
    """A submission id as typed: a whole number from 1 to :data:`MAX_SUBMISSION_ID`, else
    None (the caller reports a usage error; the database is never asked)."""
    try:
        value = int(text)
    except ValueError:  # not a number, or more digits than int() reads
        return None
    return value if 1 <= value <= MAX_SUBMISSION_ID else None


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except KeyboardInterrupt:
        _error("Interrupted.")
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK
    except StoreUnavailable as exc:
        _error(f"error: {exc}")
        return EXIT_USAGE
    except OSError as exc:  # a path the user gave that cannot be read or written
        _error(f"error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "))
        return EXIT_USAGE
    except Exception as exc:
        from ahp_analytics.store import DatabaseFileLost  # the store loads only when used

        problem = (
            str(exc) if isinstance(exc, DatabaseFileLost) else database_problem(exc, _url(args))
        )
        if problem is None:
            raise
        _error(f"error: {problem}")
        return EXIT_USAGE


def _say(text: object) -> None:
    """Print one line on standard output, control characters escaped."""
    print(terminal_safe(text))


def _error(text: object) -> None:
    """Print one line on standard error, control characters escaped."""
    print(terminal_safe(text), file=sys.stderr, flush=True)


def _user(name: str | None) -> str:
    if name:
        return name
    for var in ("AHP_USER", "USER", "USERNAME", "LOGNAME"):
        if os.environ.get(var):
            return os.environ[var]
    return "local user"


class StoreUnavailable(Exception):
    """The database cannot be opened; ``str(exc)`` is one line, with no password in it."""


def _url(args) -> str:
    from ahp_analytics.store import default_url

    return getattr(args, "db", None) or default_url()


def _shown(url: str) -> tuple[str, str | None]:
    """The URL as messages show it (password masked) and the password, for masking."""
    import sqlalchemy as sa

    try:
        parsed = sa.make_url(url)
    except sa.exc.ArgumentError:
        return "(a URL that cannot be read)", None
    return parsed.render_as_string(hide_password=True), parsed.password


def database_problem(exc: BaseException, url: str) -> str | None:
    """One line saying what a database failure means for the user (no password in it), or
    None when ``exc`` is not a database failure."""
    sa = sys.modules.get("sqlalchemy")
    if sa is None or not isinstance(exc, sa.exc.SQLAlchemyError):
        return None
    shown, password = _shown(url)
    orig = getattr(exc, "orig", None)
    lines = str(orig or exc).strip().splitlines() or [type(exc).__name__]
    reason = lines[0]
    if password:
        reason = reason.replace(str(password), "***")
    text = reason.lower()
    sqlstate = getattr(orig, "sqlstate", None)  # psycopg's SQLSTATE code
    if "database is locked" in text or sqlstate == "55P03":
        return (
            f"the database {shown} is locked by another program, and stayed locked past the "
            "time allowed: nothing was changed. Try again when that program has finished."
        )
    if "not a database" in text or "malformed" in text:
        return (
            f"{shown} is not a database this application can read ({reason}): nothing was "
            "changed. Check the path, or give another file with --db."
        )
    if sqlstate == "42501" or "permission denied" in text or "readonly database" in text:
        return (
            f"the database {shown} refused access ({reason}): its account lacks the "
            "privileges the store needs (read and write on its tables). Ask the database's "
            "administrator to grant them."
        )
    if isinstance(exc, sa.exc.OperationalError | sa.exc.InterfaceError):
        return f"cannot open the database {shown}: {reason}"
    return f"the database {shown} reported an error: {reason}"


def store_from_args(args):
    """The store named by ``--db`` (default: ``AHP_DATABASE_URL``, else ``data/ahp.db``).
    Raises :class:`StoreUnavailable` for a URL that cannot be read, a database kind the
    application does not support, a missing driver, or a database that cannot be opened."""
    import sqlalchemy as sa

    from ahp_analytics.store import open_store

    url = _url(args)
    shown, _ = _shown(url)
    try:
        backend = sa.make_url(url).get_backend_name()
    except sa.exc.ArgumentError:
        raise StoreUnavailable(
            "cannot read the database URL: write it as sqlite:///path/to/file.db or "
            "postgresql+psycopg://user@host/database"
        ) from None
    if backend not in SUPPORTED_DATABASES:
        raise StoreUnavailable(
            f"the database {shown} is of a kind this application does not support "
            f"({backend}): use SQLite (sqlite:///path/to/file.db) or PostgreSQL "
            "(postgresql+psycopg://user@host/database)"
        )
    try:
        return open_store(url)
    except ImportError as exc:
        raise StoreUnavailable(
            f"cannot open the database {shown}: its driver ({exc.name or exc}) is not "
            "installed; for PostgreSQL use postgresql+psycopg://"
        ) from None
    except sa.exc.SQLAlchemyError as exc:
        raise StoreUnavailable(database_problem(exc, url)) from None


def cmd_template(args) -> int:
    from ahp_analytics.present.template import write_template

    out = Path(args.out)
    if out.suffix.lower() not in (".xlsx", ".xlsm"):
        _error("error: the template is an Excel workbook: give a name ending .xlsx")
        return EXIT_USAGE
    write_template(out)
    _say(f"Wrote the return template to {out}.")
    return EXIT_OK


def _read_files(paths: Sequence[str]):
    """Yield (path, bytes or None, error sentence) for each path, in order. A file that cannot
    be read gives its sentence and the batch goes on; a file larger than a return may be is
    read only as far as the reader needs to refuse it."""
    from ahp_analytics.ingest.readers import MAX_FILE_BYTES

    for path in paths:
        p = Path(path)
        if not p.exists():
            yield path, None, f"{path}: no such file."
            continue
        if not p.is_file():
            yield path, None, f"{path}: not a file (a folder or a device?)."
            continue
        try:
            with p.open("rb") as fh:
                data = fh.read(MAX_FILE_BYTES + 1)
        except OSError as exc:
            yield path, None, f"{path}: cannot be read ({exc.strerror or exc})."
            continue
        yield path, data, None


def _unreadable_file_result(path: str, sentence: str) -> FileResult:
    result = FileResult(Path(path).name, "", 0)
    result.add(
        Message(
            "error",
            "unreadable_file",
            sentence,
            "Check the file name and path, and that you may read the file.",
        )
    )
    return result


def _report_problem(path: str | None) -> str | None:
    """Why the ``--report-json`` file could not be written, checked before any work."""
    if not path:
        return None
    p = Path(path)
    if p.is_dir():
        return f"error: --report-json {path} is a folder: give a file name"
    folder = p.parent if str(p.parent) else Path(".")
    if not folder.is_dir():
        return f"error: --report-json {path}: the folder {folder} does not exist"
    if not os.access(folder, os.W_OK) or (p.exists() and not os.access(p, os.W_OK)):
        return f"error: --report-json {path}: you may not write there"
    return None


def cmd_validate(args) -> int:
    from ahp_analytics.ingest.validation import validate_bytes

    if problem := _report_problem(args.report_json):
        _error(problem)
        return EXIT_USAGE
    reports: list[dict] = []
    status = EXIT_OK
    try:
        for n, (path, data, problem) in enumerate(_read_files(args.files), 1):
            _error(f"[{n}/{len(args.files)}] checking {path}")
            result = (
                _unreadable_file_result(path, problem)
                if data is None
                else validate_bytes(data, Path(path).name)
            )
            file_status = "accepted" if result.ok else "rejected"
            if not result.ok:
                status = EXIT_REJECTED
            print_report(result, file_status)
            reports.append(_report(result, file_status))
    except KeyboardInterrupt:
        kept = " The report holds the files checked." if args.report_json else ""
        _error(f"Interrupted: validate stores nothing.{kept}")
        return EXIT_USAGE
    finally:
        _write_json(args.report_json, reports)
    return status


class _Batch:
    """Where an ingest batch stands, so that an interrupt can say what was stored."""

    def __init__(self, store, user: str, files: int):
        self.store = store
        self.user = user
        self.files = files
        self.n = 0  # the current file's place in the batch, from 1
        self.file = ""
        self.phase = ""  # of the current file: checking, storing or done
        self.result: FileResult | None = None
        self.outcome = None
        ids = store.submissions()["id"]
        self.last_id_before = int(ids.max()) if len(ids) else 0

    def interrupted(self) -> str:
        """The sentence for an interrupt at this point of the batch."""
        later = " Files after it were not processed." if self.n < self.files else ""
        if self.phase == "":
            return "Interrupted before any file was checked: nothing was stored."
        if self.phase == "checking":
            return f"Interrupted while checking '{self.file}': it was not stored.{later}"
        if self.phase == "done":
            return f"Interrupted after '{self.file}' was processed: {self.outcome.message}{later}"
        # The interrupt may land after the commit and before the store returns: look.
        try:
            stored = self._stored_as()
        except Exception:  # the database is not there to ask: say what is known
            return (
                f"Interrupted while storing '{self.file}': it may or may not have been stored "
                "(a file is stored whole or not at all). See the submissions command."
            )
        if stored is None:
            return (
                f"Interrupted while storing '{self.file}': nothing of it was stored (a file "
                f"is stored whole or not at all).{later}"
            )
        return f"Interrupted after '{self.file}' was stored as submission {stored}.{later}"

    def _stored_as(self) -> int | None:
        history = self.store.submissions()
        mine = history[
            (history["id"] > self.last_id_before)
            & (history["sha256"] == self.result.sha256)
            & (history["user_name"] == self.user)
        ]
        return int(mine["id"].max()) if len(mine) else None


def cmd_ingest(args) -> int:
    if problem := _report_problem(args.report_json):
        _error(problem)
        return EXIT_USAGE
    reports: list[dict] = []
    try:
        store = store_from_args(args)
        batch = _Batch(store, _user(args.user), len(args.files))
        try:
            return _ingest_files(batch, args.files, reports)
        except KeyboardInterrupt:
            _error(batch.interrupted())
            return EXIT_USAGE
    finally:
        _write_json(args.report_json, reports)


def _ingest_files(batch: _Batch, paths: Sequence[str], reports: list[dict]) -> int:
    from ahp_analytics.ingest.validation import validate_bytes

    store = batch.store
    known = set(store.read("organisations")["org_code"])
    status = EXIT_OK
    for n, (path, data, problem) in enumerate(_read_files(paths), 1):
        batch.n, batch.file, batch.phase = n, path, "checking"
        _error(f"[{n}/{len(paths)}] checking {path}")
        if data is None:
            result = _unreadable_file_result(path, problem)
        else:
            result = validate_bytes(data, Path(path).name, known_orgs=known)
        if not result.ok:
            status = EXIT_REJECTED
            reports.append(_report(result, "rejected"))
            print_report(result, "rejected")
            continue
        total = sum(result.rows.values())
        batch.result, batch.phase = result, "storing"
        _error(f"[{n}/{len(paths)}] storing {total:,} rows")
        outcome = store.ingest(result, data, batch.user, progress=_row_progress(total))
        batch.outcome, batch.phase = outcome, "done"
        file_status = outcome.status
        if "organisations" in result.tables:
            known |= set(result.tables["organisations"]["org_code"])
        if file_status == "rejected":
            status = EXIT_REJECTED
        reports.append(_report(result, file_status, outcome))
        print_report(result, file_status, outcome.message)
    return status


def _row_progress(total: int):
    last = [0.0]

    def report(done: int, _total: int) -> None:
        now = time.monotonic()
        if now - last[0] > 1 or done == _total:
            last[0] = now
            _error(f"    stored {done:,} of {_total:,} rows")

    return report


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
    """The readable report of one file on standard output; what came from the file (names,
    values, sheet names) is printed with its control characters escaped."""
    rows = ", ".join(f"{n:,} {t}" for t, n in result.rows.items() if n)
    head = {"accepted": "OK", "rejected": "REJECTED", "unchanged": "UNCHANGED"}.get(status, status)
    _say(f"{head}  {result.file_name}" + (f"  ({rows} rows)" if rows and result.ok else ""))
    for m in result.errors + result.warnings:
        label = "error  " if m.severity == "error" else "warning"
        where = f" [{m.where}]" if m.where else ""
        _say(f"  {label}{where} {m.message}")
        if m.fix:
            _say(f"           fix: {m.fix}")
    if note:
        _say(f"  {note}")


def cmd_export(args) -> int:
    from ahp_analytics.domain.periods import parse_period, parse_window
    from ahp_analytics.present.export import columns_sheet, export_table, write_export

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
                _error(f"error: cannot read the period '{value}' (e.g. 2024-04)")
                return EXIT_USAGE
            filters[name] = period.start if name == "period_from" else period.end
    if args.window is not None:
        window = parse_window(args.window)
        if window is None:
            _error(f"error: cannot read the window '{args.window}' (e.g. 2023/24)")
            return EXIT_USAGE
        filters["window"] = window
    store = store_from_args(args)
    try:
        df = export_table(store, args.table, **filters)
    except ValueError as exc:
        _error(f"error: {exc}")
        return EXIT_USAGE
    columns = columns_sheet(args.table, df.columns, store.indicator_catalogue())
    data = write_export(df, fmt, columns=columns if fmt == "xlsx" else None)
    if args.out:
        Path(args.out).write_bytes(data)
        _error(f"Wrote {len(df):,} rows of {args.table} to {args.out}.")
    else:
        if fmt == "xlsx" and sys.stdout.isatty():
            _error("error: XLSX is binary: give -o FILE")
            return EXIT_USAGE
        if sys.stdout.isatty():  # CSV read by a person: no control character reaches the screen
            data = _terminal_csv(data)
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return EXIT_OK


def _terminal_csv(data: bytes) -> bytes:
    """CSV bytes with the control characters inside each line escaped; the line ends, CSV's
    own, are kept."""
    lines = []
    for line in data.decode("utf-8").split("\n"):
        body = line.removesuffix("\r")
        lines.append(terminal_safe(body) + line[len(body) :])
    return "\n".join(lines).encode("utf-8")


def cmd_demo(args) -> int:
    from ahp_analytics.demo import load_demo

    store = store_from_args(args)
    if args.if_empty and not store.is_empty():
        return EXIT_OK
    outcomes = load_demo(store, progress=_error)
    rejected = [o for o in outcomes if o.status == "rejected"]
    _say(f"Loaded the demonstration data set: {len(outcomes) - len(rejected)} files stored.")
    return EXIT_REJECTED if rejected else EXIT_OK


def cmd_submissions(args) -> int:
    store = store_from_args(args)
    df = store.submissions()
    if df.empty:
        _say("No submissions yet.")
        return EXIT_OK
    cols = [
        c for c in ("id", "submitted_at", "user_name", "file_name", "status", "rows") if c in df
    ]
    shown = df[cols].astype(object).map(lambda v: v if v is None else terminal_safe(v))
    with_pd_options(lambda: print(shown.to_string(index=False)))
    return EXIT_OK


def with_pd_options(fn) -> None:
    import pandas as pd

    with pd.option_context("display.max_rows", None, "display.width", 200):
        fn()


def cmd_withdraw(args) -> int:
    wanted = submission_id(args.id)
    if wanted is None:
        shown = args.id if len(args.id) <= 24 else args.id[:21] + "..."
        _error(
            f"error: '{shown}' is not a submission id: ids are whole numbers from 1 to "
            f"{MAX_SUBMISSION_ID} (the submissions command lists them)"
        )
        return EXIT_USAGE
    store = store_from_args(args)
    outcome = store.withdraw(wanted, _user(args.user))
    _say(outcome.message)
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
