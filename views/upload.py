"""Upload: check returns, preview what they will change, and store them when confirmed."""

from __future__ import annotations

import streamlit as st

from ahp_analytics.present.export import to_csv_bytes
from ahp_analytics.present.template import template_bytes
from ahp_analytics.services import preview, returns
from ahp_analytics.ui import auth, data
from ahp_analytics.ui import upload as ui
from ahp_analytics.ui.widgets import plain

actor = auth.current()
if not auth.require_analyst(actor):
    st.stop()

st.title("Upload returns")
st.write(
    "Fill in the return template, upload one or several files, check the report, then store "
    "the valid ones. A file with errors is never stored; a valid file replaces what was "
    "stored before for the same organisation and period."
)
st.download_button(
    "Download the return template",
    data=template_bytes,
    file_name="ahp-return-template.xlsx",
    mime=ui.MIME[".xlsx"],
    key="template",
    on_click="ignore",
    icon=":material/download:",
)

files = st.file_uploader(
    "Return files (Excel .xlsx or .xlsm, or CSV)",
    type=["xlsx", "xlsm", "csv"],
    accept_multiple_files=True,
    key=ui.uploader_key(),
)

if not files:
    st.session_state.pop(ui.CHECKED_KEY, None)
    outcomes = st.session_state.get(ui.OUTCOMES_KEY)
    if outcomes:
        ui.show_outcomes(outcomes, st.session_state["filters"].window)
    st.stop()

st.session_state.pop(ui.OUTCOMES_KEY, None)
store = data.get_store()
known_orgs = set(data.table("organisations", data.version())["org_code"])

# Files removed from the uploader are dropped from the checked ones.
current_ids = {f.file_id for f in files}
checked_state = st.session_state.setdefault(ui.CHECKED_KEY, {})
for stale in set(checked_state) - current_ids:
    del checked_state[stale]

ui.report_card_styles()
checked = []
to_store = []
for uploaded in files:
    with st.container(border=True):
        done = ui.check(uploaded, store, known_orgs)
        checked.append(done)
        ui.show_headline(done)
        ui.show_report(done)
        ui.show_preview(done)
        if done.storable and st.button(
            f"Store {plain(done.name)}", key=f"store-{done.file_id}", type="primary"
        ):
            to_store = [(uploaded, done)]

storable = [(f, c) for f, c in zip(files, checked, strict=True) if c.storable]
with st.container(horizontal=True):
    if len(storable) > 1 and st.button(
        f"Store all {len(storable)} valid files", key="store-all", type="primary"
    ):
        to_store = storable
    if len(checked) > 1 and any(c.result.errors or c.result.warnings for c in checked):
        st.download_button(
            "Report of all files (CSV)",
            data=lambda: to_csv_bytes(preview.cells_frame([c.result for c in checked])),
            file_name="upload-report.csv",
            mime="text/csv",
            key="report-all",
            on_click="ignore",
            icon=":material/download:",
        )
    if st.button("Clear the files", key="clear-files", icon=":material/close:"):
        ui.reset_uploader()
        st.rerun()

if to_store:
    outcomes = []
    for uploaded, done in to_store:
        with st.status(f"{plain(done.name)}: storing…", expanded=True) as status:
            bar = st.progress(0.0, text="Storing rows…")

            def progress(n: int, total: int, bar=bar) -> None:
                bar.progress(min(n / total, 1.0) if total else 1.0, text=f"{n:,} of {total:,} rows")

            outcome = ui.store_file(store, actor, done, uploaded.getvalue(), progress)
            outcomes.append(outcome)
            status.update(
                label=f"{plain(done.name)}: {outcome['status']}",
                state="error" if outcome["status"] == returns.Outcome.REJECTED else "complete",
            )
    st.session_state[ui.OUTCOMES_KEY] = outcomes
    data.refresh()
    ui.reset_uploader()
    st.rerun()
