"""Asking before a destructive action: a button that opens a warning with "Yes" and "Cancel";
"Yes" runs the action once, keeps its outcome for the next run and refreshes the cached data."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from ahp_analytics.services import access
from ahp_analytics.ui import data


def destructive(
    *,
    state_key: str,
    target: object,
    button_key: str,
    label: str,
    icon: str,
    question: str,
    yes: str,
    act: Callable[[], tuple[bool, str]],
    outcome_key: str,
) -> None:
    """The button ``label`` until it is pressed for ``target``; then ``question`` as a warning
    with ``yes`` and Cancel. On ``yes``, ``act()`` returns (ok, message), stored under
    ``outcome_key`` (a refusal by access control is stored as its message, not ok) for the page
    to show after the rerun. Buttons' keys are ``button_key`` and it with "-yes" and "-no"."""
    if st.session_state.get(state_key) != target:
        if st.button(label, key=button_key, icon=icon):
            st.session_state[state_key] = target
            st.rerun()
        return
    st.warning(question, icon=":material/warning:")
    yes_column, no_column = st.columns(2)
    if yes_column.button(yes, key=f"{button_key}-yes", type="primary"):
        st.session_state.pop(state_key, None)
        try:
            ok, message = act()
        except access.NotAllowed as exc:
            ok, message = False, str(exc)
        st.session_state[outcome_key] = {"ok": ok, "message": message}
        data.refresh()
        st.rerun()
    if no_column.button("Cancel", key=f"{button_key}-no"):
        st.session_state.pop(state_key, None)
        st.rerun()
