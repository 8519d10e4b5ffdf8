"""Taking the demonstration data set out from the Submissions page: an analyst's button, with a
confirmation, that does what ``python -m ahp_analytics demo --remove`` does."""

from __future__ import annotations

import streamlit as st

from ahp_analytics.analysis.measures import plural
from ahp_analytics.demo import demo_submission_ids
from ahp_analytics.services import access, returns
from ahp_analytics.ui import confirm, data

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

        def remove() -> tuple[bool, str]:
            result = returns.delete(store, actor, ids)
            return bool(result.submissions), f"Removed the demonstration data set. {result.message}"

        confirm.destructive(
            state_key=CONFIRM_KEY,
            target=True,
            button_key="demo-remove",
            label="Remove the demonstration data…",
            icon=":material/delete:",
            question=(
                f"Remove the demonstration data set? Its {plural(len(ids), 'submission')} and "
                "all their rows are deleted from the database and its history; this cannot be "
                "undone (load it again with python -m ahp_analytics demo)."
            ),
            yes="Yes, remove it",
            act=remove,
            outcome_key=OUTCOME_KEY,
        )
