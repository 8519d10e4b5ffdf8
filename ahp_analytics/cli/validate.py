"""``validate FILE...``: check each file and write nothing. When the database exists, a valid
workforce return is also compared with the organisation's previous return there (plausibility
warnings); a database that is not there is not created."""

from __future__ import annotations

from pathlib import Path

from ahp_analytics.cli.common import (
    EXIT_OK,
    EXIT_REJECTED,
    EXIT_USAGE,
    StoreUnavailable,
    db_url,
    error,
    store_from_args,
)
from ahp_analytics.cli.files import (
    file_report,
    print_report,
    read_files,
    report_problem,
    unreadable_file_result,
    write_json,
)


def add_parser(sub, parents: list) -> None:
    v = sub.add_parser("validate", parents=parents, help="check files; write nothing")
    v.add_argument("files", nargs="+")
    v.add_argument("--report-json", help="write the report as JSON to this file")


def _store_to_compare(args):  # type: ignore[no-untyped-def]
    """The store holding the previous returns, or None (with a note) when there is none."""
    import sqlalchemy as sa

    url = db_url(args)
    try:
        parsed = sa.make_url(url)
    except sa.exc.ArgumentError:
        parsed = None
    if (
        parsed is not None
        and parsed.get_backend_name() == "sqlite"
        and not (parsed.database and Path(parsed.database).exists())
    ):
        return None  # no database yet: nothing to compare with, and none is created
    try:
        return store_from_args(args)
    except StoreUnavailable as exc:
        error(f"note: not compared with previous returns: {exc}")
        return None


def run(args) -> int:
    from ahp_analytics.ingest.validation import validate_bytes
    from ahp_analytics.services.plausibility import add_warnings

    if problem := report_problem(args.report_json):
        error(problem)
        return EXIT_USAGE
    reports: list[dict] = []
    status = EXIT_OK
    store = _store_to_compare(args)
    try:
        for n, (path, data, problem) in enumerate(read_files(args.files), 1):
            error(f"[{n}/{len(args.files)}] checking {path}")
            result = (
                unreadable_file_result(path, problem)
                if data is None
                else validate_bytes(data, Path(path).name)
            )
            if store is not None:
                add_warnings(result, store)
            file_status = "accepted" if result.ok else "rejected"
            if not result.ok:
                status = EXIT_REJECTED
            print_report(result, file_status)
            reports.append(file_report(result, file_status))
    except KeyboardInterrupt:
        kept = " The report holds the files checked." if args.report_json else ""
        error(f"Interrupted: validate stores nothing.{kept}")
        return EXIT_USAGE
    finally:
        write_json(args.report_json, reports)
    return status
