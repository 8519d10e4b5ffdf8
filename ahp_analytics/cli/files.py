"""Reading the files a command is given, and reporting on each (readable text and JSON)."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Sequence
from pathlib import Path

from ahp_analytics.cli.common import error, say
from ahp_analytics.domain.results import FileResult, Message
from ahp_analytics.services.returns import Outcome


def read_files(paths: Sequence[str]):
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


def unreadable_file_result(path: str, sentence: str) -> FileResult:
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


def report_problem(path: str | None) -> str | None:
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


def row_progress(total: int):
    """A progress callback printing stored rows at most once a second."""
    last = [0.0]

    def report(done: int, _total: int) -> None:
        now = time.monotonic()
        if now - last[0] > 1 or done == _total:
            last[0] = now
            error(f"    stored {done:,} of {_total:,} rows")

    return report


def file_report(result: FileResult, status: str, outcome=None) -> dict:
    """One file's entry of the ``--report-json`` report."""
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


def write_json(path: str | None, reports: list[dict]) -> None:
    """Write the ``--report-json`` report (when a path was given)."""
    if path:
        Path(path).write_text(
            json.dumps({"files": reports}, indent=2, default=str), encoding="utf-8"
        )


_HEADS = {Outcome.ACCEPTED: "OK", Outcome.REJECTED: "REJECTED", Outcome.UNCHANGED: "UNCHANGED"}


def print_report(result: FileResult, status: str, note: str = "") -> None:
    """The readable report of one file on standard output; what came from the file (names,
    values, sheet names) is printed with its control characters escaped."""
    rows = ", ".join(f"{n:,} {t}" for t, n in result.rows.items() if n)
    head = _HEADS.get(status, status)
    say(f"{head}  {result.file_name}" + (f"  ({rows} rows)" if rows and result.ok else ""))
    for m in result.errors + result.warnings:
        label = "error  " if m.severity == "error" else "warning"
        where = f" [{m.where}]" if m.where else ""
        say(f"  {label}{where} {m.message}")
        if m.fix:
            say(f"           fix: {m.fix}")
    if note:
        say(f"  {note}")
