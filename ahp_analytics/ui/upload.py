"""Widgets of the Upload and Submissions pages: checking an uploaded file with its progress,
one headline per file, the validation report, the preview of what storing will do, and
outcomes with the analysis windows the stored data falls in.

A checked file is kept in ``st.session_state`` (keyed by the uploader's file id) so that a
rerun (a download, a click elsewhere) does not read and check it again; the whole lot is
dropped when the files are stored or cleared.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath

import pandas as pd
import streamlit as st

from ahp_analytics.analysis.measures import available_windows
from ahp_analytics.domain.results import ERROR, FileResult, Message, sha256_of
from ahp_analytics.present.export import to_csv_bytes
from ahp_analytics.present.rules import rule_label
from ahp_analytics.services import plausibility, preview, returns
from ahp_analytics.services.access import Actor, NotAllowed
from ahp_analytics.store import DATA_TABLES, Store
from ahp_analytics.ui.widgets import plain

log = logging.getLogger(__name__)

CHECKED_KEY = "upload_checked"
OUTCOMES_KEY = "upload_outcomes"
GENERATION_KEY = "upload_generation"
WINDOW_KEY = "window"  # the sidebar's analysis window (ui.filters)

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

# The report as people read it: what is wrong and how to fix it first, then where.
REPORT_COLUMNS = {
    "message": "Problem",
    "fix": "How to fix it",
    "sheet": "Sheet",
    "rows": "Row",
    "column": "Column",
    "value": "Value",
    "rule": "Rule",
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
    """Read and check one uploaded file, showing each step in a status box that goes once the
    check is done (:func:`show_headline` then says what came of it); reuse the result of an
    earlier run for the same upload."""
    checked: dict[str, Checked] = st.session_state.setdefault(CHECKED_KEY, {})
    done = checked.get(uploaded.file_id)
    if done is not None:
        return done
    progress = st.empty()
    with progress.status(f"{plain(uploaded.name)}: reading…", expanded=True) as status:
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
            st.write(
                "Comparing it with the previous return, and working out what storing it "
                "would change…"
            )
            try:
                plausibility.add_warnings(result, store)
                preview = preview_of(result, store)
            except Exception:
                log.exception("preview of %s failed", uploaded.name)
                result = _failed(
                    uploaded.name, data, "The database could not be read to preview this file."
                )
        done = Checked(uploaded.file_id, uploaded.name, uploaded.size, result, preview)
        checked[uploaded.file_id] = done
    progress.empty()
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


def show_headline(done: Checked) -> None:
    """One message saying what came of a checked file: rejected (with how many errors),
    already stored, or ready to store (rows and warnings)."""
    r = done.result
    name = plain(done.name)
    if not r.ok:
        n, cells = len(r.errors), sum(m.count for m in r.errors)
        st.error(
            f"**{name}** cannot be stored: {_count(n, 'error')}"
            + (f" in {cells:,} cells" if cells > n else "")
            + f". Nothing of it was stored. Fix {'it' if n == 1 else 'them'} in the file and "
            "upload it again.",
            icon=":material/block:",
        )
    elif done.preview is not None and done.preview.already_stored is not None:
        st.info(
            f"**{name}** is already stored as submission {done.preview.already_stored} (the "
            "same file, byte for byte): storing it again would change nothing.",
            icon=":material/check_circle:",
        )
    else:
        rows = sum(n for t, n in r.rows.items() if t != "organisations")
        warnings = _count(_warning_count(r), "warning")
        st.success(
            f"**{name}**: ready to store ({rows:,} rows, {warnings}). Check what it will "
            "change below, then store it.",
            icon=":material/task_alt:",
        )


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


def report_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Report rows (:func:`preview.messages_frame`) as the page shows them: the columns of
    :data:`REPORT_COLUMNS` in that order, rules in words, every cell made inert in Markdown
    (it quotes the file)."""
    shown = frame.assign(rule=frame["rule"].map(rule_label))[list(REPORT_COLUMNS)]
    return shown.map(plain).rename(columns=REPORT_COLUMNS)


# On a narrow screen the report's seven columns cannot fit side by side, and a table that
# scrolls sideways does so in a box no key reaches. There each row becomes a card: its cells
# one under the other, each after its column's name (the header row is then hidden from sight,
# not from screen readers). Our own constant style sheet, no uploaded content in it.
_CARD_WIDTH = 640


_CARDS = "report-cards-"  # the key prefix of every report table's container


def report_card_styles() -> None:
    """Send the page, once per run, the style sheet that turns each report table into cards
    below :data:`_CARD_WIDTH` px (it applies to every table :func:`show_messages` draws)."""
    st.html(_report_cards_css())


def _report_cards_css() -> str:
    box = f"[class*='st-key-{_CARDS}'] [data-testid='stTable']"
    labels = "\n".join(
        f"  {box} td:nth-child({i})::before {{ content: '{label}: '; font-weight: 600; }}"
        for i, label in enumerate(REPORT_COLUMNS.values(), start=1)
    )
    return f"""<style>
@media (max-width: {_CARD_WIDTH}px) {{
  {box} * {{ overflow: visible; }}
  {box} table, {box} tbody, {box} tr, {box} td {{ display: block; width: auto; }}
  {box} tr {{ padding: 0.5rem 0; border-bottom: 1px solid rgba(49, 51, 63, 0.2); }}
  {box} td {{ border: none; padding: 0.1rem 0; white-space: normal; }}
  {box} td div, {box} td p {{ display: inline; margin: 0; }}
  {box} thead {{ position: absolute; width: 1px; height: 1px; overflow: hidden;
    clip-path: inset(50%); white-space: nowrap; }}
{labels}
}}
</style>"""


def show_messages(frame: pd.DataFrame, what: str, key: str) -> None:
    """Report rows as a table whose long texts wrap, at every width; on a phone each row is a
    card, once the page has :func:`report_card_styles`. ``key`` tells this table from others
    on the page."""
    with st.container(key=_CARDS + hashlib.sha256(key.encode()).hexdigest()[:12]):
        st.table(report_table(frame), hide_index=True, border="horizontal", alt=what)


def show_stored_messages(frame: pd.DataFrame, what: str) -> None:
    """Report rows stored with a submission, in the report's columns, as a grid: it scrolls
    sideways in its own frame, which the keyboard reaches, where a wide table would scroll in
    a box no key can reach on a phone."""
    shown = frame.assign(rule=frame["rule"].map(rule_label))[list(REPORT_COLUMNS)]
    st.dataframe(shown.rename(columns=REPORT_COLUMNS), hide_index=True, alt=what)


def show_report(done: Checked) -> None:
    """The errors and warnings of a file as tables, and the full list as CSV."""
    r = done.result
    if r.errors:
        st.markdown("**Errors**")
        show_messages(
            preview.messages_frame(r.errors), f"Errors in {done.name}", f"e{done.file_id}"
        )
    if r.warnings:
        st.markdown(
            f"**Warnings** ({_count(_warning_count(r), 'cell')}): stored with the submission; "
            "they do not stop it."
        )
        show_messages(
            preview.messages_frame(r.warnings), f"Warnings about {done.name}", f"w{done.file_id}"
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
    it (file, status, message, and the analysis windows its data falls in). Someone who may
    not write gets the refusal as the message."""
    try:
        outcome = returns.submit(store, actor, done.result, content, progress=progress)
    except NotAllowed as exc:
        return {"file": done.name, "status": returns.Outcome.REJECTED, "message": str(exc)}
    return {
        "file": done.name,
        "status": outcome.status,
        "message": outcome.message,
        "windows": data_windows(done.result),
    }


def data_windows(result: FileResult) -> list[str]:
    """The analysis windows (financial years, newest first) the data of a checked file falls
    in: where its rows will show once stored."""
    return available_windows(*(df for t, df in result.tables.items() if t in DATA_TABLES))


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _choose_window(window: str) -> None:
    st.session_state[WINDOW_KEY] = window


def show_outcomes(outcomes: list[dict], window_on_screen: str | None) -> None:
    """What the last confirmation did, one message per file; for a stored file, the analysis
    windows its data falls in, whether the window on screen is one of them, and a link to
    the Overview of each."""
    windows: list[str] = []
    for o in outcomes:
        message = plain(o["message"])  # it quotes the file's name, which the user chose
        if o["status"] == returns.Outcome.ACCEPTED:
            found = o.get("windows") or []
            if found:
                message += (
                    f" Its data falls in the analysis window{'s' if len(found) > 1 else ''} "
                    f"{_and(sorted(found))}"
                    + (
                        "."
                        if window_on_screen in found
                        else f", not in the window on screen ({window_on_screen or 'none'})."
                    )
                )
            windows += [w for w in found if w not in windows]
            st.success(message, icon=":material/check_circle:")
        elif o["status"] == returns.Outcome.UNCHANGED:
            st.info(message, icon=":material/info:")
        else:
            st.error(message, icon=":material/error:")
    if not any(o["status"] == returns.Outcome.ACCEPTED for o in outcomes):
        return
    with st.container(horizontal=True):
        for w in sorted(windows):
            # A button, not a link with ?window=: the sidebar's window, once set in this
            # session, keeps its value over the address. The callback sets it; the bound
            # widgets put their values back in the address (an empty mapping, as None would
            # clear parameters bound to widgets, which Streamlit refuses).
            if st.button(
                f"Overview of {w}",
                key=f"open-window-{w}",
                icon=":material/dashboard:",
                type="tertiary",
                on_click=_choose_window,
                args=(w,),
            ):
                st.switch_page("views/overview.py", query_params={})
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
