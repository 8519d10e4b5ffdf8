"""Organisation profile: one organisation's leadership posts and arrangement, every indicator and
measure against its peers, and its monthly workforce against the peer median (SPC charts)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ahp_analytics.analysis import measures, stats, stored
from ahp_analytics.domain import measures as registry
from ahp_analytics.domain.periods import parse_window
from ahp_analytics.domain.selection import Selection
from ahp_analytics.present import boardpack, charts
from ahp_analytics.ui import data, filters, widgets
from ahp_analytics.ui.gaps_section import render_gaps_section

f: Selection = st.session_state["filters"]
sidebar_org = filters.chosen_org()
v = data.version()

st.title("Organisation profile")
if not f.window:
    filters.empty_message(f)
    st.stop()
everyone = filters.in_view(f, data.summary(f.window, v))
if everyone.empty:
    filters.empty_message(Selection(window=f.window))
    st.stop()
names = dict(zip(everyone["org_code"], everyone["org_name"], strict=True))
options = sorted(names, key=lambda c: (names[c] or c).lower())


def _choose_in_sidebar() -> None:
    """Keep the sidebar's Organisation (and the address bar) on the one picked here."""
    st.session_state["org"] = st.session_state["profile-org"]
    st.session_state["profile-org-seen"] = st.session_state["profile-org"]


# Follow the sidebar: when its organisation changes (or on arrival), show that one here.
if "profile-org" not in st.session_state or st.session_state.get("profile-org-seen") != sidebar_org:
    st.session_state["profile-org"] = sidebar_org if sidebar_org in names else None
    st.session_state["profile-org-seen"] = sidebar_org
org = st.selectbox(
    "Organisation",
    options,
    key="profile-org",
    format_func=lambda c: f"{names[c] or c} ({c})",
    placeholder="Search by name or code",
    on_change=_choose_in_sidebar,
)
if sidebar_org and sidebar_org not in names:
    st.info(
        f"{sidebar_org}, chosen in the sidebar, has no data in {f.window}. Pick another analysis "
        "window in the sidebar, or another organisation."
    )
if org is None:
    st.info(
        "Choose an organisation above, or with the Organisation search in the sidebar, to see "
        "its profile."
    )
    st.stop()

row = everyone[everyone["org_code"] == org].iloc[0]
window = parse_window(f.window)
st.text(" · ".join(str(row[c]) for c in ("region", "icb", "trust_type") if row[c]))

arrangement = registry.measure("leadership_category")
with st.container(border=True):
    st.caption(f"{arrangement.label}: how far from the board AHP leadership sits (A to E)")
    st.subheader(row["leadership_category"] or registry.NOT_RETURNED, anchor=False)
    if not row["leadership_category"]:
        st.caption(
            f"No leadership return in {f.window}: the arrangement is not known (which is not "
            "the same as having no AHP leadership posts)."
        )
cells = st.columns(3)
for cell, code in zip(cells, ("ahp_fte", "vacancy_rate", "leadership_posts"), strict=True):
    m = registry.measure(code)
    cell.metric(m.label, m.format(row[code]), help=m.definition, border=True)

render_gaps_section(org, f.window)

st.subheader("Leadership posts")
leadership = data.rows("leadership", v, Selection(orgs=(org,), **stored.bounds(window)))
returned = measures.latest_in_window(leadership, window)
posts = measures.posts_of(returned)
if returned.empty:
    st.caption(f"No leadership return in {f.window}.")
elif posts.empty:
    st.caption(
        f"The leadership return for {returned['period'].iloc[0]:%B %Y} says the organisation "
        "has no AHP leadership posts."
    )
else:
    st.caption(f"As reported for {posts['period'].iloc[0]:%B %Y}.")
    st.dataframe(
        posts[
            [
                "role",
                "job_title",
                "board_role",
                "reports_to",
                "fte",
                "strategic_time_pct",
                "profession",
                "band",
            ]
        ],
        hide_index=True,
        column_config={
            "role": "Role",
            "job_title": "Job title",
            "profession": "Profession",
            "band": "Band",
            "fte": st.column_config.NumberColumn("FTE", format="%.2f"),
            "strategic_time_pct": st.column_config.NumberColumn(
                "Strategic time (%)", format="%.0f"
            ),
            "board_role": "Board role",
            "reports_to": "Reports to",
        },
    )

st.subheader("Against its peers")
PEERS = {"trust_type": "Same trust type", "region": "Same region", "all": "All organisations"}
by = st.segmented_control(
    "Peer group",
    list(PEERS),
    default="trust_type",
    required=True,
    format_func=PEERS.get,
    key="profile-peers",
)
catalogue = data.catalogue(v)
peers = measures.peer_comparison(everyone, org, by, catalogue)
group = peers["peer_group"].iloc[0]
st.caption(
    f"Peers: the other organisations in {f.window} of the group '{widgets.plain(group)}' "
    "(sidebar filters other than the window do not apply). Quartile 4 holds the highest "
    "values; whether that is better depends on the indicator's direction."
)
POSITION = {
    "better": "Better than most peers",
    "worse": "Worse than most peers",
    "middle": "Middle half",
    "neutral": "No direction",
}
SHADE = {"better": "#CCE3F5", "worse": "#FBD9B5", "neutral": "#EEEEEE"}


position = [
    "No value" if pd.isna(q) else POSITION[a]
    for q, a in zip(peers["quartile"], peers["assessment"], strict=True)
]
table = pd.DataFrame(
    {
        "Indicator or measure": peers["name"],
        "Value": [
            registry.format_code(c, x, u)
            for c, x, u in zip(peers["code"], peers["value"], peers["unit"], strict=True)
        ],
        "Position": position,
        "Quartile": ["–" if pd.isna(q) else f"{q} of 4" for q in peers["quartile"].astype(object)],
        "Peer median": [
            registry.format_code(c, x, u)
            for c, x, u in zip(peers["code"], peers["peer_median"], peers["unit"], strict=True)
        ],
        "Peer middle half": [
            f"{registry.format_code(c, a, u)} to {registry.format_code(c, b, u)}"
            for c, a, b, u in zip(
                peers["code"], peers["peer_q1"], peers["peer_q3"], peers["unit"], strict=True
            )
        ],
        "Peers": peers["n_peers"],
        "Domain": peers["domain"],
        "Period": peers["period"],
    }
)
shades = [
    f"background-color: {SHADE[a]}" if a in SHADE and p != "No value" else ""
    for p, a in zip(position, peers["assessment"], strict=True)
]
st.dataframe(
    table.style.apply(lambda _: shades, subset=["Position"]),
    hide_index=True,
    column_config={
        "Quartile": st.column_config.TextColumn(
            "Quartile", help="Among peers: 1 of 4 holds the lowest values, 4 of 4 the highest."
        ),
        "Position": st.column_config.TextColumn(
            "Position",
            help="Top or bottom quartile is better or worse than most peers given the "
            "indicator's direction; no direction where higher is neither better nor worse.",
        ),
        "Peers": st.column_config.NumberColumn("Peers (n)", format="%d"),
        "Period": st.column_config.TextColumn("Period from", help="First day of the period."),
    },
)
widgets.downloads(
    peers,
    f"peer-comparison_{org}_{f.window.replace('/', '-')}",
    {"Organisation": org, "Window": f.window, "Peer group": f"{PEERS[by]}: {group}"},
    key="profile-peers",
)

st.subheader("Monthly workforce, with special cause variation")
in_group = (measures.peer_groups(everyone, by) == group) & (everyone["org_code"] != org)
own, peer_median, span = measures.paired_monthly_series(
    data.monthly_series((), v, org),
    data.peer_median_series(everyone.loc[in_group, "org_code"], v),
    window,
)
st.caption(
    f"Statistical process control (XmR) charts: {org} and the median of its {in_group.sum()} "
    f"peers ({widgets.plain(group)}) each month, {span}. Charts side by side share their "
    "months, and the vacancy rate charts their scale too (AHP FTE charts keep their own, as "
    "organisations differ in size). Coloured points are special cause variation."
)
LIMITS = {
    "all": "From all months",
    "baseline": "Fixed on a baseline",
    "rebase": "Recalculated from a month",
}
limits = st.segmented_control(
    "Process limits",
    list(LIMITS),
    default="all",
    required=True,
    format_func=LIMITS.get,
    key="profile-spc-limits",
    help="Fix the limits on the first months to see later months against them, or recalculate "
    "them from the month of a known, lasting change (a rebase, as Making Data Count advises), "
    "so that the months before it are not judged against limits that include the change.",
)
baseline, rebase = None, []
months = sorted(set(own["period_end"].dropna()) | set(peer_median["period_end"].dropna()))
if limits == "baseline":
    baseline = st.number_input(
        "Baseline: the first N months with a figure",
        min_value=stats.XMR_MIN_POINTS,
        value=max(stats.XMR_MIN_POINTS, min(stats.XMR_STABLE_POINTS, len(months))),
        step=1,
        key="profile-spc-baseline",
        help=f"Limits on fewer than {stats.XMR_STABLE_POINTS} months are provisional.",
    )
elif limits == "rebase" and months:
    rebase = [
        st.selectbox(
            "Recalculate the limits from",
            months[1:] or months,
            format_func=lambda d: f"{d:%B %Y}",
            key="profile-spc-rebase",
        )
    ]
target = st.number_input(
    "Vacancy rate target (%), optional",
    min_value=0.0,
    max_value=100.0,
    value=None,
    step=0.5,
    key="profile-spc-target",
    help="With a target, the vacancy rate charts show the assurance icon: whether the rate "
    "will consistently pass or fail the target, or hit and miss it.",
)
SERIES = {
    code: (m.label, m.title, m.higher_is_better, what, goal)
    for code, what, goal in (("ahp_fte", "workforce", None), ("vacancy_rate", "vacancy", target))
    for m in [registry.measure(code)]
}


@st.cache_resource(show_spinner=False, max_entries=32)
def _spc_pair(
    own: pd.DataFrame,
    peer_median: pd.DataFrame,
    column: str,
    org: str,
    group: str,
    options: dict,
) -> list:
    """The organisation's SPC chart of ``column`` (None without a figure) and its peers',
    sharing their ranges: built once for the same series and options, not at every rerun
    (the sidebar's filters other than the window leave them as they are). Shared between
    sessions, so never changed after this."""
    label, y_title, better = SERIES[column][:3]
    pair = [
        charts.spc_chart(
            own, column, "period_end", f"{label} by month, {org}", y_title, better, **options
        )
        if own[column].notna().any()
        else None,
        charts.spc_chart(
            peer_median,
            column,
            "period_end",
            f"{label} by month, median of peers ({group})",
            y_title,
            better,
            **options,
        ),
    ]
    drawn = [fig for fig in pair if fig is not None]
    charts.share_range(drawn, "x")
    if registry.measure(column).unit == "%":
        charts.share_range(drawn, "y")
    return pair


for column, (label, _, _, what, goal) in SERIES.items():
    options = {"baseline": baseline, "rebase": rebase, "target": goal}
    has_own = own[column].notna().any()
    pair = _spc_pair(own, peer_median, column, org, group, options)
    left, right = st.columns(2)
    with left:
        if has_own:
            widgets.chart(
                pair[0], own[["period", column]], f"{column}-by-month_{org}", f"spc-own-{column}"
            )
        else:
            st.info(f"{org} reported no {what} figures, so there is no {label} chart for it.")
    with right:
        widgets.chart(
            pair[1],
            peer_median[["period", "organisations", column]],
            f"{column}-by-month_peer-median_{org}",
            f"spc-peers-{column}",
        )

st.subheader("Board pack")
st.caption(
    f"This profile as a paper for a trust board: the summary, the leadership arrangement, the "
    f"headline figures against peers ({PEERS[by].lower()}, as chosen above), the flags, the "
    f"board's self-assessment, charts and definitions for {f.window}. Word to edit, PDF to "
    "circulate. Building it takes a few seconds."
)


def _board_pack(fmt: str) -> bytes:
    """The pack, built when its button is clicked (its modules imported then too, not at the
    page's first render: they take a tenth of a second)."""
    from ahp_analytics.services import boardpack as boardpack_service

    content, _ = boardpack_service.org_pack_file(data.get_store(), org, f.window, by, fmt)
    return content


pack_name = f"board-pack_{org}_{f.window.replace('/', '-')}"
for cell, (fmt, label) in zip(
    st.columns(2), (("docx", "Board pack (Word)"), ("pdf", "Board pack (PDF)")), strict=True
):
    cell.download_button(
        label,
        data=lambda fmt=fmt: _board_pack(fmt),
        file_name=f"{pack_name}.{fmt}",
        mime=boardpack.MIME[fmt],
        key=f"board-pack-{fmt}",
        on_click="ignore",
        icon=":material/description:",
        width="stretch",
    )
