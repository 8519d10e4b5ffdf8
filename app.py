"""Entry point: page config, sign-in gate, shared sidebar filters, navigation."""

from __future__ import annotations

import streamlit as st

from ahp_analytics.ui import auth, filters, widgets

st.set_page_config(
    page_title="AHP workforce and leadership", page_icon=":bar_chart:", layout="wide"
)

auth.explain_failed_sign_ins()
if auth.config().problems:
    # Half-configured sign-in closes the app: never a silent fall-back to local mode.
    st.navigation([st.Page(auth.misconfigured_page, title="Closed")], position="hidden").run()
    st.stop()
session = auth.session()
user = session.actor
if user is None:
    # Navigation is set up even here, so that the sign-in page is the only page there is.
    st.navigation([st.Page(auth.sign_in_page, title="Sign in")], position="hidden").run()
    st.stop()

browse = [
    st.Page("views/overview.py", title="Overview", icon=":material/dashboard:", default=True),
    st.Page("views/leadership.py", title="Leadership variation", icon=":material/account_tree:"),
    st.Page("views/outcomes.py", title="Leadership and outcomes", icon=":material/insights:"),
    st.Page("views/changes.py", title="When leadership changed", icon=":material/swap_vert:"),
    st.Page("views/workforce.py", title="Workforce", icon=":material/groups:"),
    st.Page("views/organisation.py", title="Organisation profile", icon=":material/domain:"),
    st.Page("views/gaps.py", title="Gaps and risks", icon=":material/warning:"),
    st.Page("views/explore.py", title="Explore and export", icon=":material/table_view:"),
]
manage = [st.Page("views/submissions.py", title="Submissions", icon=":material/history:")]
if user.is_analyst:
    manage.insert(0, st.Page("views/upload.py", title="Upload", icon=":material/upload_file:"))

sections = {"Dashboard": browse, "Returns": manage}
# Streamlit's own sidebar navigation puts its section groups (divs) inside its list (ul), which
# screen readers and WCAG's list rules refuse; the same links are drawn as page links instead.
page = st.navigation(sections, position="hidden")
widgets.navigation(sections)

if user.local:
    auth.local_banner(user)
st.session_state["filters"] = filters.sidebar()
auth.sidebar_status(session)
filters.demo_banner(st.session_state["filters"])
page.run()
