"""Gaps and risks: where each organisation's AHP leadership and workforce fall short of its peers,
what to look at first, and the board's own self-assessment beside the data."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ahp_analytics.analysis import gaps, measures
from ahp_analytics.domain import measures as registry
from ahp_analytics.domain.selection import Selection
from ahp_analytics.present import charts
from ahp_analytics.services import assessment
from ahp_analytics.ui import data, filters, widgets
from ahp_analytics.ui import gaps_section as section

st.title("Gaps and risks")
st.caption(
    "Checks of each organisation's AHP leadership and workforce against the data and its peers "
    "(the other organisations of its trust type), worst first, beside the board's own "
    "self-assessment. The rules and their thresholds are in data/gap_rules.csv."
)

chosen: Selection = st.session_state["filters"]
sidebar_org = filters.chosen_org()
if not chosen.window:
    filters.empty_message(chosen)
    st.stop()
rule_set = section.rules()
if rule_set is None:
    st.stop()

key = data.version()
summary = data.summary(chosen.window, key)
everything = section.checks(chosen.window, key, rule_set)
shown = chosen.apply(summary)
if shown.empty:
    filters.empty_message(chosen)
    st.stop()
flags = gaps.flags_of(everything)
table = gaps.flag_table(flags, shown)

# --- one organisation --------------------------------------------------------------------------

names = dict(zip(summary["org_code"], summary["org_name"], strict=True))
options = sorted(shown["org_code"], key=lambda c: str(names.get(c) or c).lower())
if sidebar_org in names and sidebar_org not in options:
    options.insert(0, sidebar_org)
picker = f"gaps-org-{sidebar_org}"  # a new picker whenever the sidebar's organisation changes


def _follow_in_sidebar() -> None:
    """Keep the sidebar's Organisation (and the address bar) on the one picked here."""
    st.session_state["org"] = st.session_state[picker]


org = st.selectbox(
    "Organisation",
    options,
    index=options.index(sidebar_org) if sidebar_org in options else None,
    format_func=lambda c: f"{names.get(c) or c} ({c})",
    placeholder="Choose an organisation to see its flags and self-assessment",
    key=picker,
    on_change=_follow_in_sidebar,
)

if org is None:
    n = len(table)
    flagged = int((table["flags"] > 0).sum())
    with_high = int((table["high"] > 0).sum())
    counts = flags[flags["org_code"].isin(shown["org_code"])]["title"].value_counts()
    top = "; ".join(f"{widgets.plain(title)}: {k}" for title, k in counts.head(3).items())
    st.info(
        f"{widgets.plain(chosen.describe())}: {flagged} of {measures.plural(n, 'organisation')} "
        f"{'has' if flagged == 1 else 'have'} at least one flag, {with_high} a high one. Most "
        f"common: {top or 'none'}. Choose an organisation to see what to look at first.",
        icon=":material/info:",
    )
else:
    org_checks = everything[everything["org_code"] == org].reset_index(drop=True)
    org_flags = gaps.flags_of(org_checks)
    section.render_verdict(org, names.get(org) or org, chosen.window, org_flags)
    current = assessment.current(data.get_store(), org, chosen.window)
    section.render_disagreements(assessment.disagreements(current, org_checks))
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.subheader("What the data says")
        section.render_flags(
            org_flags,
            key=f"gaps-{org}",
            charts_for=section.flag_charts(org, chosen.window, key, summary),
        )
        section.render_other_checks(org_checks)
        if len(org_flags):
            widgets.downloads(
                org_flags,
                f"gaps_{org}_{chosen.slug()}",
                {"Organisation": org, "Window": chosen.window, "Data version": key[1]},
                key=f"gaps-org-flags-{org}",
            )
    with right:
        st.subheader("Board self-assessment")
        section.render_self_assessment(org, chosen.window, current)

# --- all organisations ---------------------------------------------------------------------------

st.divider()
st.subheader("All organisations")
st.caption(
    f"{widgets.plain(chosen.describe())}. One row per organisation: number of flags by severity "
    "and a score (high 3, medium 2, low 1 a flag), worst first. Peers are the other "
    "organisations of the same trust type, whatever the filters."
)
pick_left, pick_right = st.columns(2)
with pick_left:
    wanted_rules = st.multiselect(
        "Flagged by",
        list(rule_set.loc[rule_set["enabled"], "rule_id"]),
        format_func=dict(zip(rule_set["rule_id"], rule_set["title"], strict=True)).get,
        placeholder="Any rule",
        key="gaps-rules",
    )
with pick_right:
    severities = st.segmented_control(
        "With a flag of severity",
        list(gaps.SEVERITIES),
        selection_mode="multi",
        format_func=str.capitalize,
        key="gaps-severity",
    )
view = table
if wanted_rules:
    hits = flags.loc[flags["rule_id"].isin(wanted_rules), "org_code"]
    view = view[view["org_code"].isin(hits)]
if severities:
    view = view[(view[list(severities)] > 0).any(axis=1)]

st.dataframe(
    view.assign(leadership_category=measures.with_not_returned(view["leadership_category"])),
    hide_index=True,
    column_order=[
        "org_name",
        "org_code",
        "trust_type",
        "region",
        "leadership_category",
        "flags",
        "high",
        "medium",
        "low",
        "score",
        "look_first_at",
    ],
    column_config={
        "org_name": st.column_config.TextColumn("Organisation"),
        "org_code": st.column_config.TextColumn("Code"),
        "trust_type": st.column_config.TextColumn("Trust type"),
        "region": st.column_config.TextColumn("Region"),
        "leadership_category": st.column_config.TextColumn(
            registry.measure("leadership_category").label
        ),
        "flags": st.column_config.NumberColumn("Flags"),
        "high": st.column_config.NumberColumn("High"),
        "medium": st.column_config.NumberColumn("Medium"),
        "low": st.column_config.NumberColumn("Low"),
        "score": st.column_config.ProgressColumn(
            "Score", format="%d", min_value=0, max_value=max(int(table["score"].max()), 1)
        ),
        "look_first_at": st.column_config.TextColumn("Look at first"),
    },
    key="gaps-table",
)
st.caption(f"{len(view)} of {measures.plural(len(table), 'organisation')} shown.")
about = {"Filters": chosen.describe(), "Window": chosen.window, "Data version": key[1]}
widgets.downloads(view, f"gaps_{chosen.slug()}", about, key="gaps-table")
with st.expander("Every flag of these organisations (one row per organisation and flag)"):
    every = flags[flags["org_code"].isin(view["org_code"])]
    st.dataframe(every, hide_index=True)
    widgets.downloads(every, f"gaps-flags_{chosen.slug()}", about, key="gaps-flags")

by_rule = (
    flags[flags["org_code"].isin(view["org_code"])]
    .groupby("title", sort=False)["org_code"]
    .nunique()
    .rename("organisations")
    .reset_index()
    .sort_values("organisations", ascending=False, kind="stable")
)
widgets.chart(
    charts.bar(
        by_rule,
        "organisations",
        "title",
        "Organisations flagged by each rule",
        "Organisations",
        "Rule",
        orientation="h",
    ),
    by_rule,
    f"gaps-by-rule_{chosen.slug()}",
    key="gaps-by-rule",
)

with st.expander("Self-assessments of these organisations (current versions)"):
    saved = (
        assessment.export(data.get_store(), period=chosen.window, orgs=list(view["org_code"]))
        if len(view)
        else pd.DataFrame()
    )
    if saved.empty:
        st.write("No self-assessment has been saved for these organisations in this window.")
    else:
        saved = saved.merge(
            pd.DataFrame({"org_code": list(names), "org_name": list(names.values())}),
            how="left",
        )
        st.dataframe(saved, hide_index=True)
        widgets.downloads(saved, f"self-assessments_{chosen.slug()}", about, key="gaps-sa")
