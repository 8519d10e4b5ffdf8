"""Leadership variation: how the leadership arrangement, leadership capacity and reporting lines
vary by region and trust type, with the organisations behind each group a click away."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ahp_analytics import charts, measures, reference
from ahp_analytics.ui import data, filters, widgets

f: filters.Filters = st.session_state["filters"]
v = data.version()

st.title("Leadership variation")
rows = filters.summary_rows(f)
st.caption(
    f"{widgets.plain(f.describe())}: {len(rows):,} organisations, each with its latest "
    "leadership return in the window. Categories A to E say how far from the board AHP "
    "leadership sits."
)

GROUPINGS = {"region": "Region", "trust_type": "Trust type"}
ORG_COLUMNS = ["org_code", "org_name", "region", "icb", "trust_type", "leadership_category"]

st.subheader("Leadership arrangements by region and trust type")
columns = st.columns(2)
for column, (by, label) in zip(columns, GROUPINGS.items(), strict=True):
    with column:
        widgets.chart(
            charts.stacked_share(
                rows,
                "leadership_category",
                by,
                f"Leadership arrangement by {label.lower()}, {f.window}",
            ),
            rows[ORG_COLUMNS],
            f"leadership-mix-by-{by}_{f.slug()}",
            f"mix-{by}",
        )

with st.expander("Organisations in a group", icon=":material/list:"):
    groups = [(by, g) for by in GROUPINGS for g in sorted(rows[by].dropna().unique())]
    pick_group, pick_category = st.columns(2)
    group = pick_group.selectbox(
        "Group",
        groups,
        format_func=lambda o: f"{GROUPINGS[o[0]]}: {o[1]}",
        key="leadership-group",
    )
    category = pick_category.selectbox(
        "Leadership arrangement",
        measures.CATEGORIES,
        index=None,
        placeholder="All arrangements",
        key="leadership-group-category",
    )
    members = rows[rows[group[0]] == group[1]] if group else rows
    if category:
        members = members[members["leadership_category"] == category]
    st.dataframe(
        members[
            [
                *ORG_COLUMNS,
                "leadership_posts",
                "leadership_fte_per_100_ahp_fte",
                "strategic_leadership_fte",
                "senior_lead_reports_to",
            ]
        ],
        hide_index=True,
        column_config={
            "org_code": "Code",
            "org_name": "Organisation",
            "region": "Region",
            "icb": "ICB",
            "trust_type": "Trust type",
            "leadership_category": "Leadership arrangement",
            "leadership_posts": st.column_config.NumberColumn("Leadership posts", format="%d"),
            "leadership_fte_per_100_ahp_fte": st.column_config.NumberColumn(
                "Leadership FTE per 100 AHP FTE", format="%.2f"
            ),
            "strategic_leadership_fte": st.column_config.NumberColumn(
                "Strategic leadership FTE", format="%.2f"
            ),
            "senior_lead_reports_to": "Senior AHP lead reports to",
        },
    )
    st.caption(f"{len(members):,} organisations.")

st.subheader("Leadership capacity")
CAPACITY = {
    code: measures.LEADERSHIP_MEASURES[code]
    for code in (
        "leadership_fte_per_100_ahp_fte",
        "strategic_leadership_fte",
        "professional_lead_coverage",
    )
}
measure = st.segmented_control(
    "Measure",
    list(CAPACITY),
    default="leadership_fte_per_100_ahp_fte",
    required=True,
    format_func=lambda c: CAPACITY[c][0],
    key="leadership-measure",
)
name, unit = CAPACITY[measure]
st.caption(measures.MEASURE_DESCRIPTIONS[measure])
trust_types = [t for t in reference.TRUST_TYPES if t in set(rows["trust_type"])]
capacity_data = rows[[*ORG_COLUMNS, measure]]
y_title = name if unit in name else f"{name} ({unit})"
widgets.chart(
    charts.box_strip(
        rows,
        measure,
        "leadership_category",
        measures.CATEGORIES,
        f"{name} by leadership arrangement, {f.window}",
        y_title,
        label_col="org_name",
    ),
    capacity_data,
    f"{measure}-by-category_{f.slug()}",
    "capacity-category",
)
widgets.chart(
    charts.box_strip(
        rows,
        measure,
        "trust_type",
        trust_types,
        f"{name} by trust type, {f.window}",
        y_title,
        label_col="org_name",
        colours=dict.fromkeys(trust_types, charts.NHS_BLUE),
    ),
    capacity_data,
    f"{measure}-by-trust-type_{f.slug()}",
    "capacity-trust-type",
)

st.subheader("Reporting lines")
st.caption(
    "Whom the most senior AHP leader reports to (categories A to D; category E has no "
    "leadership posts). Each bar shows the mix of arrangements among organisations with that "
    "reporting line."
)
lines = rows[rows["senior_lead_reports_to"].notna()]
line_order = list(reference.REPORTS_TO.labels)
line_order += sorted(set(lines["senior_lead_reports_to"]) - set(line_order))
lines = lines.assign(
    senior_lead_reports_to=pd.Categorical(lines["senior_lead_reports_to"], categories=line_order)
)
widgets.chart(
    charts.stacked_share(
        lines,
        "leadership_category",
        "senior_lead_reports_to",
        f"Leadership arrangement by whom the senior AHP lead reports to, {f.window}",
    ),
    rows[[*ORG_COLUMNS, "senior_lead_reports_to"]],
    f"reporting-lines_{f.slug()}",
    "reporting-lines",
)
st.caption("Organisations by leadership arrangement and whom the senior AHP lead reports to:")
st.dataframe(
    measures.reporting_lines(rows),
    hide_index=True,
    column_config={"leadership_category": "Leadership arrangement"},
)
