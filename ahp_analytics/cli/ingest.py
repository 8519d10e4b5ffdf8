"""``ingest FILE... [--user NAME] [--report-json OUT]``: check and store each file on its own; an
interrupt says whether the file being stored was stored."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ahp_analytics.cli.common import (
    EXIT_OK,
    EXIT_REJECTED,
    EXIT_USAGE,
    error,
    store_from_args,
    user_name,
)
from ahp_analytics.cli.files import (
    file_report,
    print_report,
    read_files,
    report_problem,
    row_progress,
    unreadable_file_result,
    write_json,
)
from ahp_analytics.domain.results import FileResult


def add_parser(sub, parents: list) -> None:
    i = sub.add_parser("ingest", parents=parents, help="check and store each file on its own")
    i.add_argument("files", nargs="+")
    i.add_argument("--user", default=None, help="who is submitting (default: your user name)")
    i.add_argument("--report-json", help="write the report as JSON to this file")


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


def run(args) -> int:
    if problem := report_problem(args.report_json):
        error(problem)
        return EXIT_USAGE
    reports: list[dict] = []
    try:
        store = store_from_args(args)
        batch = _Batch(store, user_name(args.user), len(args.files))
        try:
            return _ingest_files(batch, args.files, reports)
        except KeyboardInterrupt:
            error(batch.interrupted())
            return EXIT_USAGE
    finally:
        write_json(args.report_json, reports)


def _ingest_files(batch: _Batch, paths: Sequence[str], reports: list[dict]) -> int:
    from ahp_analytics.ingest.validation import validate_bytes
    from ahp_analytics.services.plausibility import add_warnings

    store = batch.store
    known = set(store.read("organisations")["org_code"])
    status = EXIT_OK
    for n, (path, data, problem) in enumerate(read_files(paths), 1):
        batch.n, batch.file, batch.phase = n, path, "checking"
        error(f"[{n}/{len(paths)}] checking {path}")
        if data is None:
            result = unreadable_file_result(path, problem)
        else:
            result = validate_bytes(data, Path(path).name, known_orgs=known)
            add_warnings(result, store)  # against the previous return: stored with it
        if not result.ok:
            status = EXIT_REJECTED
            reports.append(file_report(result, "rejected"))
            print_report(result, "rejected")
            continue
        total = sum(result.rows.values())
        batch.result, batch.phase = result, "storing"
        error(f"[{n}/{len(paths)}] storing {total:,} rows")
        outcome = store.ingest(result, data, batch.user, progress=row_progress(total))
        batch.outcome, batch.phase = outcome, "done"
        file_status = outcome.status
        if "organisations" in result.tables:
            known |= set(result.tables["organisations"]["org_code"])
        if file_status == "rejected":
            status = EXIT_REJECTED
        reports.append(file_report(result, file_status, outcome))
        print_report(result, file_status, outcome.message)
    return status
