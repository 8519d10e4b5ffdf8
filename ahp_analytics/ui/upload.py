"""Widgets of the Upload and Submissions pages: checking an uploaded file with its progress,
the validation report, the preview of what storing will do, and outcomes.

A checked file is kept in ``st.session_state`` (keyed by the uploader's file id) so that a
rerun (a download, a click elsewhere) does not read and check it again; the whole lot is
dropped when the files are stored or cleared.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath

import pandas as pd
import streamlit as st

from ahp_analytics.domain.results import ERROR, FileResult, Message, sha256_of
from ahp_analytics.present.export import to_csv_bytes
from ahp_analytics.services import preview, returns
from ahp_analytics.services.access import Actor, NotAllowed
from ahp_analytics.store import Store
from ahp_analytics.ui.widgets import plain

log = logging.getLogger(__name__)

CHECKED_KEY = "upload_checked"
OUTCOMES_KEY = "upload_outcomes"
GENERATION_KEY = "upload_generation"

TABLE_LABELS = {
    "workforce": "Workforce",
    "leadership": "Leadership",
    "indicators": "Indicators",
    "organisations": "Organisations",
}
MIME = {
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".xlsm": "application/vnd.ms-excel.sheet.macroEnabled.12",
    ".csv": "text/csv",
}

REPORT_CONFIG = {
    "sheet": st.column_config.TextColumn("Sheet"),
    "rows": st.column_config.TextColumn("Row", help="Row numbers as Excel shows them"),
    "column": st.column_config.TextColumn("Column"),
    "value": st.column_config.TextColumn("Value found"),
    "rule": st.column_config.TextColumn("Rule"),
    "fix": st.column_config.TextColumn("How to fix it", width="large"),
    "message": st.column_config.TextColumn("Problem", width="large"),
    "count": st.column_config.NumberColumn("Cells", help="How many cells have this problem"),
}


@dataclass
class Checked:
    """One uploaded file after checking: its result and, when valid, the preview."""

    file_id: str
    name: str
    size: int
    result: FileResult
    preview: preview.Preview | None

    @property
    def storable(self) -> bool:
        """Valid and not already stored: confirming would change the data."""
        return self.preview is not None and self.preview.already_stored is None


def uploader_key() -> str:
    """The uploader's current key; :func:`reset_uploader` changes it, which empties it."""
    return f"upload-files-{st.session_state.get(GENERATION_KEY, 0)}"


def reset_uploader() -> None:
    """Empty the uploader and drop the checked files (their bytes and tables) from memory."""
    st.session_state[GENERATION_KEY] = st.session_state.get(GENERATION_KEY, 0) + 1
    st.session_state.pop(CHECKED_KEY, None)


def _failed(name: str, data: bytes, sentence: str) -> FileResult:
    result = FileResult(name, sha256_of(data), len(data))
    result.add(
        Message(
            ERROR,
            "unreadable_file",
            sentence,
            "Check that it is the return workbook (or a CSV of one table) and upload it again.",
        )
    )
    return result


def check(uploaded, store: Store, known_orgs: set[str]) -> Checked:  # type: ignore[no-untyped-def]
    """Read and check one uploaded file, showing each step in a status box; reuse the result
    of an earlier run for the same upload."""
    checked: dict[str, Checked] = st.session_state.setdefault(CHECKED_KEY, {})
    done = checked.get(uploaded.file_id)
    if done is not None:
        _status_done(done)
        return done
    with st.status(f"{plain(uploaded.name)}: reading…", expanded=True) as status:
        st.write(f"Reading {_size_text(uploaded.size)}…")
        data = uploaded.getvalue()
        status.update(label=f"{plain(uploaded.name)}: checking…")
        st.write("Checking every sheet, row and cell…")
        try:
            result = returns.check(data, uploaded.name, known_orgs)
        except Exception:  # a file must never show a traceback; the log keeps the details
            log.exception("checking %s failed", uploaded.name)
            result = _failed(
                uploaded.name, data, "The file could not be checked: it may be damaged."
            )
        preview = None
        if result.ok:
            st.write("Working out what storing it would change…")
            try:
                preview = preview_of(result, store)
            except Exception:
                log.exception("preview of %s failed", uploaded.name)
                result = _failed(
                    uploaded.name, data, "The database could not be read to preview this file."
                )
        done = Checked(uploaded.file_id, uploaded.name, uploaded.size, result, preview)
        checked[uploaded.file_id] = done
        _status_done(done, status)
    return done


def preview_of(result: FileResult, store: Store) -> preview.Preview:
    codes: set[str] = set()
    for df in result.tables.values():
        codes |= {str(c) for c in df["org_code"].dropna()}
    return preview.build_preview(
        result,
        preview.active_slices(store, codes),
        store.submissions(),
        store.read("organisations"),
    )


def _status_done(done: Checked, status=None) -> None:  # type: ignore[no-untyped-def]
    r = done.result
    if not r.ok:
        errors = _count(len(r.errors), "error")
        label = f"{plain(done.name)}: rejected, {errors} – nothing will be stored"
        state = "error"
    elif done.preview is not None and done.preview.already_stored is not None:
        label = f"{plain(done.name)}: already stored – nothing will change"
        state = "complete"
    else:
        rows = sum(n for t, n in r.rows.items() if t != "organisations")
        warnings = _count(_warning_count(r), "warning")
        label = f"{plain(done.name)}: ready to store ({rows:,} rows, {warnings})"
        state = "complete"
    if status is None:
        st.status(label, state=state, expanded=False)
    else:
        status.update(label=label, state=state, expanded=False)


def _warning_count(result: FileResult) -> int:
    return sum(m.count for m in result.warnings)


def _count(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _size_text(size: int) -> str:
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    return f"{max(size, 1) / 1000:.1f} KB"


def report_csv_name(file_name: str) -> str:
    return f"{PurePath(file_name).stem}-report.csv"


def show_report(done: Checked) -> None:
    """The errors and warnings of a file as tables, and the full list as CSV."""
    r = done.result
    if r.errors:
        n, cells = len(r.errors), sum(m.count for m in r.errors)
        st.error(
            f"**{plain(done.name)}** cannot be stored: {_count(n, 'error')}"
            + (f" in {cells:,} cells" if cells > n else "")
            + f". Nothing of it was stored. Fix {'it' if n == 1 else 'them'} in the file and "
            "upload it again.",
            icon=":material/block:",
        )
        st.markdown("**Errors**")
        st.dataframe(
            preview.messages_frame(r.errors),
            hide_index=True,
            column_config=REPORT_CONFIG,
            key=f"errors-{done.file_id}",
        )
    if r.warnings:
        st.markdown(
            f"**Warnings** ({_count(_warning_count(r), 'cell')}): stored with the submission; "
            "they do not stop it."
        )
        st.dataframe(
            preview.messages_frame(r.warnings),
            hide_index=True,
            column_config=REPORT_CONFIG,
            key=f"warnings-{done.file_id}",
        )
    if r.errors or r.warnings:
        st.download_button(
            "Download the full list of affected cells (CSV)",
            data=lambda result=r: to_csv_bytes(preview.cells_frame([result])),
            file_name=report_csv_name(done.name),
            mime="text/csv",
            key=f"report-{done.file_id}",
            on_click="ignore",
            icon=":material/download:",
        )
    elif r.ok:
        st.caption("No errors or warnings.")


def show_preview(done: Checked) -> None:
    """What storing a valid file will do: rows per table, organisations, periods and what it
    replaces; or that it is already stored."""
    p = done.preview
    if p is None:
        return
    if p.already_stored is not None:
        st.info(
            f"**{plain(done.name)}** is already stored as submission {p.already_stored} (the same "
            "file, byte for byte): storing it again would change nothing.",
            icon=":material/check_circle:",
        )
        return
    st.markdown("**What will be stored**")
    tables = [t for t in TABLE_LABELS if t in p.rows]
    for col, t in zip(st.columns(max(len(tables), 1)), tables, strict=False):
        col.metric(f"{TABLE_LABELS[t]} rows", f"{p.rows[t]:,}")
    new = p.organisations.loc[p.organisations["new"], "org_code"].tolist()
    names = [
        f"{n} ({c})" if n else c
        for c, n in zip(p.organisations["org_code"], p.organisations["org_name"], strict=True)
    ]
    st.markdown(
        f"**Organisations** ({len(names)}): {_short_list(names)}"
        + (f"  \nNew to the dashboard: {_short_list(new)}" if new else "")
    )
    if p.periods:
        st.markdown(f"**Periods covered** ({len(p.periods)}): {_short_list(p.periods)}")
    if p.replaces.empty:
        st.markdown("**Replaces:** nothing – it adds data for periods not stored before.")
    else:
        plural = "s" if len(p.superseded) > 1 else ""
        ids = ", ".join(str(i) for i in p.superseded)
        st.markdown(
            f"**Replaces** current rows of submission{plural} {ids} (kept in the history, "
            "marked superseded):"
        )
        st.dataframe(
            p.replaces,
            hide_index=True,
            column_config={
                "table": "Table",
                "org_code": "Organisation",
                "period": "Period",
                "rows_now": st.column_config.NumberColumn("Rows replaced"),
                "rows_new": st.column_config.NumberColumn("Rows in this file"),
                "submissions": "Of submission",
            },
            key=f"replaces-{done.file_id}",
        )


def _short_list(items: list[str], limit: int = 12) -> str:
    if len(items) <= limit:
        return ", ".join(plain(i) for i in items)
    return ", ".join(plain(i) for i in items[:limit]) + f" and {len(items) - limit} more"


def store_file(
    store: Store,
    actor: Actor | None,
    done: Checked,
    content: bytes,
    progress: Callable[[int, int], None] | None = None,
) -> dict:
    """Store one checked file as ``actor``; what became of it, as :func:`show_outcomes` shows
    it (file, status, message). Someone who may not write gets the refusal as the message."""
    try:
        outcome = returns.submit(store, actor, done.result, content, progress=progress)
    except NotAllowed as exc:
        return {"file": done.name, "status": returns.Outcome.REJECTED, "message": str(exc)}
    return {"file": done.name, "status": outcome.status, "message": outcome.message}


def show_outcomes(outcomes: list[dict]) -> None:
    """What the last confirmation did, one message per file."""
    for o in outcomes:
        message = plain(o["message"])  # it quotes the file's name, which the user chose
        if o["status"] == returns.Outcome.ACCEPTED:
            st.success(message, icon=":material/check_circle:")
        elif o["status"] == returns.Outcome.UNCHANGED:
            st.info(message, icon=":material/info:")
        else:
            st.error(message, icon=":material/error:")
    if any(o["status"] == returns.Outcome.ACCEPTED for o in outcomes):
        st.page_link(
            "views/submissions.py",
            label="See the submission history",
            icon=":material/history:",
        )


def warnings_frame(warnings: list[dict]) -> pd.DataFrame:
    """The warnings stored with a submission (as ``Message.to_dict`` gave them) as report
    rows."""
    fields = set(Message.__dataclass_fields__)
    return preview.messages_frame(
        [Message(**{k: v for k, v in w.items() if k in fields}) for w in warnings]
    )


def mime_of(file_name: str) -> str:
    return MIME.get(PurePath(file_name).suffix.lower(), "application/octet-stream")
