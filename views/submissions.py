"""Submissions: the returns tracker (who has returned what for each period of the window), the
history of stored returns, one submission's details, its original file, and (for analysts)
withdrawing it."""

from __future__ import annotations

import streamlit as st

from ahp_analytics.services import returns
from ahp_analytics.store import STATUSES, SUBMISSION_OUTCOME, WITHDRAWN
from ahp_analytics.ui import auth, confirm, data, demo_removal, tracker_section, widgets
from ahp_analytics.ui import upload as ui
from ahp_analytics.ui.widgets import plain

CONFIRM_KEY = "withdraw_confirm"
OUTCOME_KEY = "withdraw_outcome"

actor = auth.current()
if actor is None:  # only reachable if the sign-in gate in app.py is bypassed
    st.error("Sign in to see the submissions.")
    st.stop()
st.title("Submissions")

outcome = st.session_state.pop(OUTCOME_KEY, None)
if outcome:
    # The message quotes the file's name and who withdrew it.
    (st.success if outcome["ok"] else st.error)(plain(outcome["message"]))
demo_removal.render(actor)

history = data.table("submissions", data.version())
if history.empty:
    st.info("No returns have been stored yet.")
    st.stop()

tracker_section.show(st.session_state["filters"])

st.subheader("Submission history")
st.write(
    "Every return stored, newest first. A newer return for the same organisation and period "
    "supersedes an older one; a withdrawn submission no longer counts, and what it replaced "
    "is current again. Times are UTC."
)

left, middle, right = st.columns(3)
statuses = left.multiselect("Status", STATUSES, key="history_status", placeholder="All")
users = middle.multiselect(
    "Submitted by", sorted(history["user_name"].unique()), key="history_user", placeholder="All"
)
name = right.text_input("File name contains", key="history_file")

shown = history
if statuses:
    shown = shown[shown["status"].isin(statuses)]
if users:
    shown = shown[shown["user_name"].isin(users)]
if name.strip():
    shown = shown[shown["file_name"].str.contains(name.strip(), case=False, regex=False)]

st.caption(f"{len(shown):,} of {len(history):,} submissions")
st.dataframe(
    shown,
    hide_index=True,
    column_order=["id", "submitted_at", "user_name", "file_name", *SUBMISSION_OUTCOME],
    column_config={
        "id": st.column_config.NumberColumn("Id", format="%d"),
        "submitted_at": st.column_config.DatetimeColumn("Submitted", format="YYYY-MM-DD HH:mm"),
        "user_name": "By",
        "file_name": "File",
        "status": "Status",
        "workforce_rows": st.column_config.NumberColumn("Workforce rows"),
        "leadership_rows": st.column_config.NumberColumn("Leadership rows"),
        "indicators_rows": st.column_config.NumberColumn("Indicator rows"),
        "organisations_rows": st.column_config.NumberColumn("Organisation rows"),
        "warnings": st.column_config.NumberColumn("Warnings"),
        "superseded_by": st.column_config.NumberColumn("Superseded by", format="%d"),
    },
    key="history",
)
widgets.downloads(
    shown,
    "submissions",
    about={
        "Table": "Submission history",
        "Status": statuses or "all",
        "Submitted by": users or "all",
        "File name contains": name or "",
    },
    key="history",
)

if shown.empty:
    st.info("No submission matches these filters: clear them to see the whole history.")
    st.stop()

st.subheader("One submission")
labels = dict(zip(shown["id"], shown["file_name"], strict=True))
selected = st.selectbox(
    "Submission",
    list(labels),
    format_func=lambda i: f"{i} – {labels[i]}",
    key="submission_id",
)
store = data.get_store()
sub = store.submission(int(selected))
if sub is None:
    st.warning("That submission no longer exists; pick another.")
    st.stop()

total_rows = sum(n for t, n in sub.rows.items() if t != "organisations")
warning_cells = sum(w.get("count", 1) for w in sub.warnings)
facts = st.columns(3)
facts[0].metric("Status", sub.status)
facts[1].metric("Data rows stored", f"{total_rows:,}")
facts[2].metric("Warnings", f"{warning_cells:,}")
stored = ", ".join(f"{n:,} {t}" for t, n in sub.rows.items()) or "no rows"
lines = [
    f"**Submitted** by {plain(sub.user_name)} on {sub.submitted_at:%Y-%m-%d %H:%M} UTC",
    f"**File:** {plain(sub.file_name)} ({sub.size:,} bytes, SHA-256 `{sub.sha256[:12]}…`)",
    f"**Rows stored:** {stored}",
]
replaced = sorted(history.loc[history["superseded_by"].eq(sub.id).fillna(False), "id"].tolist())
if replaced:
    lines.append(
        f"**Replaced rows of:** submission{'s' if len(replaced) > 1 else ''} "
        + ", ".join(str(i) for i in replaced)
    )
if sub.superseded_by is not None:
    lines.append(f"**Superseded by:** submission {sub.superseded_by}")
if sub.status == WITHDRAWN:
    lines.append(
        f"**Withdrawn** by {plain(sub.withdrawn_by)} on {sub.withdrawn_at:%Y-%m-%d %H:%M} UTC"
    )
st.markdown("  \n".join(lines))

if sub.warnings:
    st.markdown("**Warnings stored with it**")
    ui.show_stored_messages(ui.warnings_frame(sub.warnings), f"Warnings of submission {sub.id}")


def _original() -> bytes:
    found = store.original_file(sub.id)
    return found[1] if found else b""


st.download_button(
    "Download the original file",
    data=_original,
    file_name=sub.file_name,
    mime=ui.mime_of(sub.file_name),
    key=f"original-{sub.id}",
    on_click="ignore",
    icon=":material/download:",
)

if sub.status == WITHDRAWN:
    st.stop()
if actor is None or not actor.is_analyst:
    st.caption("Only analysts may withdraw a submission.")
    st.stop()


def _withdraw() -> tuple[bool, str]:
    result = returns.withdraw(store, actor, sub.id)
    return result.ok, result.message


confirm.destructive(
    state_key=CONFIRM_KEY,
    target=sub.id,
    button_key="withdraw",
    label="Withdraw this submission…",
    icon=":material/undo:",
    question=(
        f"Withdraw submission {sub.id} ('{plain(sub.file_name)}')? Its rows stop counting on "
        "every page, and for each organisation and period it covered, the rows of the latest "
        "earlier submission become current again. It stays in the history, marked withdrawn."
    ),
    yes="Yes, withdraw it",
    act=_withdraw,
    outcome_key=OUTCOME_KEY,
)
