"""Taking the demonstration data set out from the Submissions page: an analyst's button, with a
confirmation, that does what ``python -m ahp_analytics demo --remove`` does."""

from __future__ import annotations

import streamlit as st

from ahp_analytics.analysis.measures import plural
from ahp_analytics.demo import demo_submission_ids
from ahp_analytics.services import access
from ahp_analytics.ui import data

CONFIRM_KEY = "demo_remove_confirm"
OUTCOME_KEY = "demo_remove_outcome"


def render(actor: access.Actor | None) -> None:
    """While the demonstration data set is stored: what it is and, for an analyst, a button
    that removes it (after a confirmation); the outcome once it is done."""
    outcome = st.session_state.pop(OUTCOME_KEY, None)
    if outcome:
        (st.success if outcome["ok"] else st.error)(outcome["message"])
    store = data.get_store()
    ids = demo_submission_ids(store)
    if not ids:
        return
    with st.container(border=True):
        st.markdown("**Demonstration data**")
        st.caption(
            f"{plural(len(ids), 'submission')} hold the demonstration data set: fictional "
            "organisations "
            "(codes DM001 and on) and their figures. Removing it deletes them, their rows and "
            "their history; real returns are untouched. From the command line: "
            "python -m ahp_analytics demo --remove"
        )
        if actor is None or not actor.is_analyst:
            st.caption("Only analysts may remove the demonstration data.")
            return
        if not st.session_state.get(CONFIRM_KEY):
            if st.button(
                "Remove the demonstration data…", key="demo-remove", icon=":material/delete:"
            ):
                st.session_state[CONFIRM_KEY] = True
                st.rerun()
            return
        st.warning(
            f"Remove the demonstration data set? Its {plural(len(ids), 'submission')} and all "
            "their rows "
            "are deleted from the database and its history; this cannot be undone (load it "
            "again with python -m ahp_analytics demo).",
            icon=":material/warning:",
        )
        yes, no = st.columns(2)
        if yes.button("Yes, remove it", key="demo-remove-yes", type="primary"):
            st.session_state.pop(CONFIRM_KEY, None)
            try:
                result = access.delete(store, actor, ids)
                message = f"Removed the demonstration data set. {result.message}"
                st.session_state[OUTCOME_KEY] = {"ok": bool(result.submissions), "message": message}
            except access.NotAllowed as exc:
                st.session_state[OUTCOME_KEY] = {"ok": False, "message": str(exc)}
            data.refresh()
            st.rerun()
        if no.button("Cancel", key="demo-remove-no"):
            st.session_state.pop(CONFIRM_KEY, None)
            st.rerun()
