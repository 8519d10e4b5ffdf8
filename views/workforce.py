"""Workforce: AHP FTE by profession and band, vacancy rate and senior band share against their
funnel limits, and monthly trends, for the organisations the sidebar selects."""

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
sidebar_org = filters.chosen_org()
v = data.version()

st.title("Workforce")
rows = filters.summary_rows(f)
rows = rows[rows["ahp_fte"].notna()]
if rows.empty:
    filters.empty_message(f, "organisations with workforce figures")
    st.stop()
orgs = tuple(rows["org_code"])
names = dict(zip(rows["org_code"], rows["org_name"], strict=True))
chosen = names.get(sidebar_org) if sidebar_org else None
if chosen:
    note = f" {chosen} ({sidebar_org}), chosen in the sidebar, is ringed on the funnel plots."
elif sidebar_org:
    note = f" {sidebar_org}, chosen in the sidebar, is outside these filters."
else:
    note = ""
reporting = measures.vacancy_reporting(rows)
blanks = ""
if reporting["some"] or reporting["none"]:
    blanks = (
        f" Vacancy rates are over the rows that give a vacancy figure: "
        f"{measures.plural(reporting['some'], 'organisation')} left it blank on some rows "
        f"and {reporting['none']:,} on all (a blank is missing, not 0)."
    )
st.caption(
    f"{widgets.plain(f.describe())}: {measures.plural(len(rows), 'organisation')} with workforce "
    f"figures, each at its latest month in the window.{widgets.plain(note)}{blanks}"
)

st.subheader("Who is in post")
FTE_TITLE = registry.measure("ahp_fte").title
by_profession = data.workforce_by(f.window, orgs, "profession", v).sort_values(
    "ahp_fte", ascending=False, kind="stable"
)
by_band = data.workforce_by(f.window, orgs, "band", v)
band_order = {b: i for i, b in enumerate(reference.BANDS.labels)}
by_band = by_band.sort_values("band", key=lambda s: s.map(band_order), kind="stable")
left, right = st.columns(2)
with left:
    widgets.chart(
        charts.bar(
            by_profession,
            x="ahp_fte",
            y="profession",
            title=f"AHP FTE by profession, {f.window}",
            x_title=FTE_TITLE,
            y_title="Profession",
            orientation="h",
        ),
        by_profession,
        f"ahp-fte-by-profession_{f.slug()}",
        "fte-profession",
    )
with right:
    widgets.chart(
        charts.bar(
            by_band,
            x="band",
            y="ahp_fte",
            title=f"AHP FTE by Agenda for Change band, {f.window}",
            x_title="Agenda for Change band",
            y_title=FTE_TITLE,
            # "8a" under the axis title rather than "Band 8a": upright on a phone too.
            tick_text={b: b.removeprefix("Band ") for b in reference.BANDS.labels},
        ),
        by_band,
        f"ahp-fte-by-band_{f.slug()}",
        "fte-band",
    )

st.subheader("Compared with the average")
st.caption(
    "Each point is an organisation; the funnel shows how far a rate can stray from the average "
    "(pooled) rate, given the organisation's size. The points furthest outside the 99.8% limits "
    "carry a number; the table beside each chart names every organisation outside them."
)
adjust = st.toggle(
    "Allow for variation between organisations",
    value=True,
    key="workforce-overdispersion",
    help="Organisations differ for reasons beyond chance (case mix, services, how posts are "
    "counted). When rates spread more widely than chance allows, the limits are widened by "
    "that extra variation between organisations, as FunnelPlotR does, so that only "
    "organisations that stand out from the wider spread fall outside. Switch off to see the "
    "limits for chance variation alone.",
)
funnel = measures.workforce_proportions(rows)
FUNNELS = (
    (
        "vacancy",
        "vacancy_fte",
        "established_fte",
        f"AHP vacancy rate by organisation size, {f.window}",
        "Established AHP FTE (in post + vacant)",
        "Vacancy rate (%)",
        "Vacancy rate",
    ),
    (
        "senior-band-share",
        "senior_fte",
        "ahp_fte",
        f"Share of AHP FTE in Band 8a and above by organisation size, {f.window}",
        "AHP FTE in post",
        "FTE in Band 8a and above (% of AHP FTE)",
        "Band 8a and above",
    ),
)
for name, numerator, denominator, title, x_title, y_title, short in FUNNELS:
    plot, outside = charts.funnel_plot_and_table(
        funnel,
        numerator,
        denominator,
        "org_name",
        title,
        x_title,
        y_title,
        highlight=chosen,
        adjust=adjust,
        group="org_code",
    )
    widgets.funnel_chart(
        plot,
        outside,
        funnel[["org_code", "org_name", numerator, denominator]],
        f"{name}-funnel_{f.slug()}",
        f"funnel-{name}",
        value_label=short,
    )
missing = int(funnel["vacancy_fte"].isna().sum())
if missing:
    st.caption(
        f"Not shown on the vacancy funnel: {missing} organisation{'s' if missing != 1 else ''} "
        "that reported no vacancy figures."
    )

st.subheader("Trends")
pooled = data.monthly_series(orgs, v)
st.caption(
    "Every month held for these organisations (not only the window), summed over those that "
    "reported that month."
)
vacancy = pooled.assign(series="All selected organisations")
own = data.monthly_series(orgs, v, sidebar_org) if chosen else pooled.iloc[0:0]
with_own = own["vacancy_rate"].notna().any()
if with_own:
    vacancy = pd.concat([vacancy, own.assign(series=sidebar_org)], ignore_index=True)
left, right = st.columns(2)
with left:
    widgets.chart(
        charts.line(
            pooled,
            "period_end",
            "ahp_fte",
            "AHP FTE in post by month, selected organisations",
            "Month",
            FTE_TITLE,
        ),
        pooled,
        f"ahp-fte-by-month_{f.slug()}",
        "trend-fte",
    )
with right:
    widgets.chart(
        charts.line(
            vacancy,
            "period_end",
            "vacancy_rate",
            f"AHP vacancy rate by month, {sidebar_org} and all selected"
            if with_own
            else "AHP vacancy rate by month, selected organisations",
            "Month",
            registry.measure("vacancy_rate").title,
            colour_col="series" if with_own else None,
        ),
        vacancy,
        f"vacancy-rate-by-month_{f.slug()}",
        "trend-vacancy",
    )
    if chosen and not with_own:
        st.caption(f"{sidebar_org} reported no vacancy figures.")
