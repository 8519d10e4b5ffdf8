"""Leadership and outcomes: an indicator compared across leadership arrangements, with the test
and a plain-language reading, and against a leadership measure."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ahp_analytics import charts, measures, stats
from ahp_analytics.ui import data, filters, widgets

f: filters.Filters = st.session_state["filters"]
v = data.version()

st.title("Leadership and outcomes")
rows = filters.summary_rows(f)
catalogue = data.catalogue(v)
options = measures.indicator_options(rows, catalogue).set_index("code")
st.caption(
    f"{widgets.plain(f.describe())}: {len(rows):,} organisations. Does an indicator differ "
    "between leadership arrangements? The charts and the test describe an association, not a cause."
)

code = st.selectbox(
    "Indicator",
    list(options.index),
    format_func=lambda c: f"{options.at[c, 'domain']}: {options.at[c, 'name']}",
    key="indicator",
    bind="query-params",
    help="Indicators with values in the window, grouped by domain, then the measures derived "
    "from the returns.",
)
info = options.loc[code]
# A custom indicator (named in a file) has no unit or description: missing in the frame.
name, better = info["name"], info["higher_is_better"]
unit = info["unit"] if pd.notna(info["unit"]) else None
description = info["description"] if pd.notna(info["description"]) else None
direction = {True: "Higher is better.", False: "Lower is better."}.get(
    better, "No direction: higher is neither better nor worse."
)
with st.container(border=True):
    st.text(description or name)
    st.caption(
        f"Domain: {widgets.plain(info['domain'])}. Unit: {widgets.plain(unit or 'none')}. "
        + direction
    )
y_title = f"{name} ({unit})" if unit and unit not in name else name

within = st.toggle(
    "Compare within trust type",
    key="outcomes-within",
    help="Repeat the comparison inside each trust type, so that differences in the mix of "
    "trust types between arrangements do not drive the result.",
)
result = measures.compare_indicator(
    rows, code, within="trust_type" if within else None, catalogue=catalogue
)

st.subheader("By leadership arrangement")
with st.container(border=True):
    st.markdown("**What this shows**")
    st.text(result.text)
widgets.chart(
    charts.box_strip(
        rows,
        code,
        "leadership_category",
        measures.CATEGORIES,
        f"{name} by leadership arrangement, {f.window}",
        y_title,
        label_col="org_name",
    ),
    rows[["org_code", "org_name", "region", "trust_type", "leadership_category", code]],
    f"{code}-by-leadership_{f.slug()}",
    "outcome-box",
)
small = result.comparison.small_groups
if small:
    st.warning(
        "Small groups (fewer than 5 organisations), to read with care: "
        + ", ".join(widgets.plain(g) for g in small)
        + ".",
        icon=":material/group:",
    )
with st.expander("Group figures and the test", icon=":material/table:"):
    st.dataframe(
        result.comparison.table,
        hide_index=True,
        column_config={
            "group": "Leadership arrangement",
            "n": st.column_config.NumberColumn("n", format="%d"),
            "median": st.column_config.NumberColumn("Median", format="%.3g"),
            "q1": st.column_config.NumberColumn("Lower quartile", format="%.3g"),
            "q3": st.column_config.NumberColumn("Upper quartile", format="%.3g"),
            "mean": st.column_config.NumberColumn("Mean", format="%.3g"),
            "ci_low": st.column_config.NumberColumn("Mean 95% CI from", format="%.3g"),
            "ci_high": st.column_config.NumberColumn("Mean 95% CI to", format="%.3g"),
            "small": st.column_config.CheckboxColumn("Small (n < 5)"),
        },
    )
    test = result.comparison
    st.caption(
        f"Test: {test.test}, {'p < 0.001' if test.p < 0.001 else f'p = {test.p:.2g}'}."
        if test.test
        else f"No test was run: {test.reason}."
    )

if within:
    st.subheader("Within each trust type")
    without = []
    for stratum, sentence in result.strata_sentences.items():
        if result.strata[stratum].table["n"].sum() == 0:
            without.append(str(stratum))
            continue
        with st.container(border=True):
            st.markdown(f"**{widgets.plain(stratum)}**")
            st.text(sentence)
    if without:
        st.caption("No values in: " + ", ".join(widgets.plain(s) for s in without) + ".")

st.subheader("Against a leadership measure")
leadership_measure = st.selectbox(
    "Leadership measure",
    list(measures.LEADERSHIP_MEASURES),
    format_func=lambda c: measures.LEADERSHIP_MEASURES[c][0],
    key="outcomes-leadership-measure",
)
x_name, x_unit = measures.LEADERSHIP_MEASURES[leadership_measure]
scatter_data = rows[
    ["org_code", "org_name", "region", "trust_type", "leadership_category", leadership_measure]
    + ([code] if code != leadership_measure else [])
]
widgets.chart(
    charts.scatter_with_fit(
        rows,
        leadership_measure,
        code,
        "org_name",
        f"{name} against {x_name.split(' (')[0].lower()}, {f.window}",
        x_name if x_unit in x_name else f"{x_name} ({x_unit})",
        y_title,
        colour_col="leadership_category",
    ),
    scatter_data,
    f"{code}-against-{leadership_measure}_{f.slug()}",
    "outcome-scatter",
)
rank = stats.spearman(rows[leadership_measure], rows[code])
st.caption(
    f"Spearman rank correlation {rank.rho:.2f} (95% CI {rank.ci_low:.2f} to {rank.ci_high:.2f}, "
    f"{'p < 0.001' if rank.p < 0.001 else f'p = {rank.p:.2g}'}), n = {rank.n} organisations "
    "with both values. An association, not causation."
    if rank.reason is None
    else f"No rank correlation: {rank.reason}."
)
