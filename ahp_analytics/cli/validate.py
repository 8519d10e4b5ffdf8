"""``validate FILE...``: check each file and write nothing."""

from __future__ import annotations

from pathlib import Path

from ahp_analytics.cli.common import EXIT_OK, EXIT_REJECTED, EXIT_USAGE, error
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


def run(args) -> int:
    from ahp_analytics.services import returns

    if problem := report_problem(args.report_json):
        error(problem)
        return EXIT_USAGE
    reports: list[dict] = []
    status = EXIT_OK
    try:
        for n, (path, data, problem) in enumerate(read_files(args.files), 1):
            error(f"[{n}/{len(args.files)}] checking {path}")
            result = (
                unreadable_file_result(path, problem)
                if data is None
                else returns.check(data, Path(path).name)
            )
            file_status = returns.checked_outcome(result)
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
