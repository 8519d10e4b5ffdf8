"""Leadership and outcomes: which indicators line up with leadership (every indicator tested,
p-values adjusted for the number of tests), then one indicator compared across leadership
arrangements, with the test and a plain-language reading, and against a leadership measure."""

from __future__ import annotations

import streamlit as st

from ahp_analytics.analysis import measures, scan, stats
from ahp_analytics.domain import measures as registry
from ahp_analytics.domain.periods import parse_window
from ahp_analytics.domain.selection import Selection
from ahp_analytics.present import charts
from ahp_analytics.ui import data, filters, widgets

f: Selection = st.session_state["filters"]
sidebar_org = filters.chosen_org()
v = data.version()

st.title("Leadership and outcomes")
rows = filters.summary_rows(f)
catalogue = data.catalogue(v)
options = measures.indicator_options(rows, catalogue).set_index("code")
st.caption(
    f"{widgets.plain(f.describe())}: {measures.plural(len(rows), 'organisation')}. Does an "
    "indicator differ between leadership arrangements? The charts and the tests describe an "
    "association, not a cause."
)

# --- every indicator at once ----------------------------------------------------------------

SCAN_KEY = "outcomes-scan"
found = scan.scan(rows, "leadership_category", catalogue=catalogue)
table = [t for t in found.tests if t.indicator in options.index]
with st.expander("Which indicators line up with leadership?", icon=":material/table_rows:"):
    st.caption(
        "Every indicator with values in the window, tested across leadership arrangements and "
        "sorted by q. Choose a row to open that indicator's charts below."
    )
    event = st.dataframe(
        {
            "Indicator": [t.name for t in table],
            "n": [t.n for t in table],
            "No value": [t.missing for t in table],
            "Test": [t.test for t in table],
            "Statistic": [t.statistic for t in table],
            "p": [t.p for t in table],
            "q": [t.q for t in table],
        },
        hide_index=True,
        on_select="rerun",
        selection_mode="single-row",
        key=SCAN_KEY,
        column_config={
            "n": st.column_config.NumberColumn(
                "n", help="Organisations with a value and an arrangement.", format="%d"
            ),
            "No value": st.column_config.NumberColumn(
                "No value", help="Organisations with an arrangement but no value.", format="%d"
            ),
            "Statistic": st.column_config.NumberColumn(format="%.3g"),
            "p": st.column_config.NumberColumn(format="%.3g"),
            "q": st.column_config.NumberColumn(
                help="p adjusted for the number of tests (Benjamini-Hochberg).", format="%.3g"
            ),
        },
    )
    st.text(found.sentence)
    if found.not_tested:
        st.caption(
            "Not tested: "
            + "; ".join(
                f"{widgets.plain(u.name)} ({widgets.plain(u.reason)})" for u in found.not_tested
            )
            + "."
        )
chosen_rows = list(event.selection.rows) if event else []
if chosen_rows and st.session_state.get(f"{SCAN_KEY}-opened") != chosen_rows:
    # A newly chosen row opens its indicator; the picker stays free to change afterwards.
    st.session_state[f"{SCAN_KEY}-opened"] = chosen_rows
    st.session_state["indicator"] = table[chosen_rows[0]].indicator

# --- one indicator ----------------------------------------------------------------------------

# A link may name the indicator by its code (?indicator=turnover, as the Overview's do); the
# widget itself keeps its label in the address.
linked = str(st.query_params.get("indicator", ""))
if linked in options.index and "indicator" not in st.session_state:
    st.session_state["indicator"] = linked
# Opens on the indicator most organisations in view have, so that the fewest are left out.
indicators_only = [c for c in options.index if options.at[c, "domain"] != registry.MEASURES_DOMAIN]
most_reported = max(
    indicators_only or list(options.index), key=lambda c: int(rows[c].notna().sum())
)
code = widgets.indicator_choice(
    "Indicator",
    options,
    most_reported,
    "indicator",
    "Indicators with values in the window, grouped by domain, then the measures derived from "
    "the returns.",
)
info = options.loc[code]
name, unit, better = info["name"], info["unit"], info["higher_is_better"]
with st.container(border=True):
    st.text(info["description"] or name)
    st.caption(
        f"Domain: {widgets.plain(info['domain'])}. Unit: {widgets.plain(unit or 'none')}. "
        f"{registry.direction_text(better)}."
    )
y_title = registry.titled(name, unit)

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
shown = rows.assign(leadership_category=measures.with_not_returned(rows["leadership_category"]))
groups = list(measures.CATEGORIES)
if rows["leadership_category"].isna().any():
    groups.append(registry.NOT_RETURNED)
widgets.chart(
    charts.box_strip(
        shown,
        code,
        "leadership_category",
        groups,
        f"{name} by leadership arrangement, {f.window}",
        y_title,
        label_col="org_name",
    ),
    shown[["org_code", "org_name", "region", "trust_type", "leadership_category", code]],
    f"{code}-by-leadership_{f.slug()}",
    "outcome-box",
)
if registry.NOT_RETURNED in groups:
    st.caption(
        f"{registry.NOT_RETURNED} (grey): organisations that sent no leadership return, shown "
        "for completeness and left out of the test."
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
            "group": registry.measure("leadership_category").label,
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
        else f"No test was run: {widgets.plain(test.reason)}."
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

st.subheader("Against the average, by organisation size")
indicators = data.table("indicators", v)
stored_code = (measures.catalogue_row(code, catalogue) or {}).get("code", code)  # as stored
if stored_code in set(indicators["indicator"]):
    inputs = measures.indicator_proportions(
        indicators[indicators["org_code"].isin(rows["org_code"])],
        stored_code,
        parse_window(f.window),
        unit,
    )
else:
    inputs = None
if inputs is None or inputs.reason:
    why = inputs.reason if inputs else "it is worked out from the returns, not given as a fraction"
    st.caption(f"No funnel plot for {widgets.plain(name)}: {widgets.plain(why)}.")
else:
    adjust = st.toggle(
        "Allow for variation between organisations",
        value=True,
        key="outcomes-funnel-adjust",
        help="When organisations vary more than chance alone explains, the limits are widened "
        "by that extra variation, as FunnelPlotR does; switch off for chance alone.",
    )
    proportions = inputs.frame.merge(rows[["org_code", "org_name"]], on="org_code", how="left")
    funnel, outside = charts.funnel_plot_and_table(
        proportions,
        "numerator",
        "denominator",
        "org_name",
        f"{name}: numerator over denominator by organisation, {f.window}",
        "Denominator",
        f"{name} (%)",
        highlight=rows.set_index("org_code")["org_name"].get(sidebar_org) if sidebar_org else None,
        adjust=adjust,
        group="org_code",
    )
    widgets.funnel_chart(
        funnel,
        outside,
        proportions[["org_code", "org_name", "period", "numerator", "denominator"]],
        f"{code}-funnel_{f.slug()}",
        "outcome-funnel",
        value_label=name,
    )

st.subheader("Against a leadership measure")
leadership_measure = st.selectbox(
    "Leadership measure",
    list(registry.LEADERSHIP_MEASURES),
    format_func=lambda c: registry.measure(c).label,
    key="outcomes-leadership-measure",
)
x_measure = registry.measure(leadership_measure)
scatter_data = shown[
    ["org_code", "org_name", "region", "trust_type", "leadership_category", leadership_measure]
    + ([code] if code != leadership_measure else [])
]
widgets.chart(
    charts.scatter_with_fit(
        shown,
        leadership_measure,
        code,
        "org_name",
        f"{name} against {x_measure.label[:1].lower() + x_measure.label[1:]}, {f.window}",
        x_measure.title,
        y_title,
        colour_col="leadership_category",
    ),
    scatter_data,
    f"{code}-against-{leadership_measure}_{f.slug()}",
    "outcome-scatter",
)
rank = stats.spearman(rows[leadership_measure], rows[code])
lacking = len(rows) - rank.n
st.caption(
    f"Spearman rank correlation {rank.rho:.2f} (95% CI {rank.ci_low:.2f} to {rank.ci_high:.2f}, "
    f"{'p < 0.001' if rank.p < 0.001 else f'p = {rank.p:.2g}'}): "
    f"{measures.plural(rank.n, 'organisation')} with both values, {lacking:,} without. An "
    "association, not causation."
    if rank.reason is None
    else f"No rank correlation: {rank.reason}."
)
