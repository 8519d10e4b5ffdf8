"""Leadership variation: how the leadership arrangement, leadership capacity and reporting lines
vary by region and trust type, with the organisations behind each group a click away."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ahp_analytics.analysis import measures
from ahp_analytics.domain import measures as registry
from ahp_analytics.domain import reference
from ahp_analytics.domain.selection import Selection
from ahp_analytics.present import charts
from ahp_analytics.ui import data, filters, widgets

f: Selection = st.session_state["filters"]
v = data.version()

st.title("Leadership variation")
rows = filters.summary_rows(f)
returned = int(rows["leadership_category"].notna().sum())
st.caption(
    f"{widgets.plain(f.describe())}: {measures.plural(len(rows), 'organisation')}, "
    f"{returned:,} with a leadership return in the window (the latest is used). Categories A "
    "to E say how far from the board AHP leadership sits."
    + (f" {measures.not_returned_note(rows)}" if returned < len(rows) else "")
)

GROUPINGS = {"region": "Region", "trust_type": "Trust type"}
ORG_COLUMNS = ["org_code", "org_name", "region", "icb", "trust_type", "leadership_category"]

st.subheader("Leadership arrangements by region and trust type")
EVERYONE = "All organisations"
if f.narrowed:
    # The filtered groups beside every organisation in the window, whatever the filters.
    everyone = filters.in_view(f, data.summary(f.window, v))
    st.caption(
        f"The top bar of each chart is every organisation in {f.window} "
        f"({len(everyone):,}), to compare the filtered groups with."
    )
columns = st.columns(2)
for column, (by, label) in zip(columns, GROUPINGS.items(), strict=True):
    mix = rows
    if f.narrowed:
        groups = (
            reference.trust_types_in(rows[by])
            if by == "trust_type"
            else sorted(set(rows[by].dropna()), key=str)
        )
        mix = pd.concat([everyone.assign(**{by: EVERYONE}), rows], ignore_index=True)
        mix[by] = pd.Categorical(mix[by], categories=[EVERYONE, *groups])
    with column:
        widgets.chart(
            charts.stacked_share(
                mix,
                "leadership_category",
                by,
                f"Leadership arrangement by {label.lower()}, {f.window}",
                missing_label="not returned",
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
        registry.measure("leadership_category").label,
        [*measures.CATEGORIES, registry.NOT_RETURNED],
        index=None,
        placeholder="All arrangements",
        key="leadership-group-category",
    )
    members = rows[rows[group[0]] == group[1]] if group else rows
    members = members.assign(
        leadership_category=measures.with_not_returned(members["leadership_category"])
    )
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
            **{
                code: st.column_config.NumberColumn(m.title, format=m.fmt)
                if m.fmt
                else st.column_config.TextColumn(m.label)
                for code in (
                    "leadership_category",
                    "leadership_posts",
                    "leadership_fte_per_100_ahp_fte",
                    "strategic_leadership_fte",
                    "senior_lead_reports_to",
                )
                for m in [registry.measure(code)]
            },
        },
    )
    st.caption(f"{measures.plural(len(members), 'organisation')}.")

st.subheader("Leadership capacity")
CAPACITY = {
    code: registry.measure(code)
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
    format_func=lambda c: CAPACITY[c].label,
    key="leadership-measure",
)
name, y_title = CAPACITY[measure].label, CAPACITY[measure].title
st.caption(f"{CAPACITY[measure].definition} {CAPACITY[measure].missing}")
with st.container(border=True):
    st.markdown("**What this shows**")
    st.text(measures.compare_indicator(rows, measure, catalogue=data.catalogue(v)).text)
trust_types = reference.trust_types_in(rows["trust_type"])  # listed types, then any other
capacity_data = rows[[*ORG_COLUMNS, measure]]
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
    "leadership posts, and organisations that sent no leadership return are not known). Each "
    "bar shows the mix of arrangements among organisations with that reporting line."
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
    column_config={"leadership_category": registry.measure("leadership_category").label},
)
