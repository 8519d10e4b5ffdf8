"""Overview: the headline figures of the window with their change on the previous one, the mix
of leadership arrangements, and how fresh the data is."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ahp_analytics import charts, measures, reference
from ahp_analytics.periods import parse_window
from ahp_analytics.ui import data, filters, widgets

f: filters.Filters = st.session_state["filters"]
v = data.version()

st.title("Overview")
rows = filters.summary_rows(f)

previous_label = parse_window(f.window).previous().label
previous_rows = f.apply(data.summary(previous_label, v))
now = measures.headline(rows)
before = measures.headline(previous_rows) if len(previous_rows) else {}
st.caption(
    f"{widgets.plain(f.describe())}: each organisation's latest figures in the window. "
    "Changes are on "
    + (f"{previous_label}." if before else f"{previous_label}, which holds no data, so none shown.")
)

# (key, label, digits, suffix, delta colour, help)
FIGURES = (
    (
        "organisations",
        "Organisations reporting",
        0,
        "",
        "off",
        "Organisations with any workforce, leadership or indicator data in the window.",
    ),
    (
        "ahp_fte",
        "AHP FTE",
        0,
        "",
        "normal",
        "Full-time equivalent AHP staff in post: the sum over organisations of each one's "
        "latest month in the window.",
    ),
    (
        "vacancy_rate",
        "AHP vacancy rate",
        1,
        "%",
        "inverse",
        "Vacancy FTE / (AHP FTE + vacancy FTE), pooled over the organisations that report "
        "vacancies. Lower is better; the change is in percentage points.",
    ),
    (
        "strategic_lead_share",
        "Strategic AHP lead",
        1,
        "%",
        "normal",
        "Share of organisations with a leadership category in categories A to C (a Chief AHP, "
        "Director, Deputy chief or Lead AHP post). The change is in percentage points.",
    ),
    (
        "board_executive_share",
        "AHP executive director",
        1,
        "%",
        "normal",
        "Share of organisations in category A: a Chief AHP or Director of AHPs who is a "
        "voting board member. The change is in percentage points.",
    ),
)
for column, (key, label, digits, suffix, colour, help_text) in zip(
    st.columns(len(FIGURES)), FIGURES, strict=True
):
    # Percentage-point changes get one more decimal, so a small change does not read "-0.0".
    delta_suffix, delta_digits = (" pts", digits + 1) if suffix == "%" else ("", digits)
    with column:
        st.metric(
            label,
            widgets.fmt_number(now[key], digits, suffix),
            delta=widgets.fmt_delta(now[key], before.get(key), delta_digits, delta_suffix),
            delta_color=colour,
            delta_description=f"on {previous_label}" if before else None,
            help=help_text,
            border=True,
        )

st.subheader("Leadership arrangements")
counts = measures.category_counts(rows)
columns = ["org_code", "org_name", "region", "trust_type", "leadership_category"]
everyone = rows[columns].assign(group="All organisations")
by_type = rows[columns].assign(group=rows["trust_type"])
mix = pd.concat([everyone, by_type], ignore_index=True)
present = [t for t in reference.TRUST_TYPES if t in set(rows["trust_type"])]
mix["group"] = pd.Categorical(mix["group"], categories=["All organisations", *present])
left, right = st.columns([3, 2])
with left:
    widgets.chart(
        charts.stacked_share(
            mix,
            "leadership_category",
            "group",
            f"How far from the board AHP leadership sits, by trust type, {f.window}",
        ),
        rows[columns],
        f"leadership-mix_{f.slug()}",
        "overview-mix",
    )
with right:
    st.dataframe(
        counts,
        hide_index=True,
        column_config={
            "leadership_category": st.column_config.TextColumn("Leadership arrangement"),
            "organisations": st.column_config.NumberColumn("Organisations", format="%d"),
            "share_pct": st.column_config.NumberColumn("Share", format="%.1f%%"),
        },
    )
    unknown = int(rows["leadership_category"].isna().sum())
    if unknown:
        st.caption(
            f"{unknown} organisation{'s' if unknown != 1 else ''} reported indicators only "
            "(no workforce or leadership) and have no category."
        )

fresh = measures.data_freshness(data.table("submissions", v))
if fresh["last_updated"] is not None:
    st.caption(
        f"Data last updated {fresh['last_updated']:%d %B %Y at %H:%M} UTC, from "
        f"{fresh['submissions']:,} submission{'s' if fresh['submissions'] != 1 else ''} in use. "
        "See the Submissions page for the history."
    )
