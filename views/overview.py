"""Overview: the headline figures of the window with their change on the previous one, the mix
of leadership arrangements, and how fresh the data is."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ahp_analytics.analysis import measures, scan
from ahp_analytics.domain import measures as registry
from ahp_analytics.domain import reference
from ahp_analytics.domain.periods import parse_window
from ahp_analytics.domain.selection import Selection
from ahp_analytics.present import charts
from ahp_analytics.ui import data, filters, widgets

f: Selection = st.session_state["filters"]
v = data.version()

st.title("Overview")
rows = filters.summary_rows(f)

previous_label = parse_window(f.window).previous().label
previous_rows = f.replace(window=previous_label).apply(data.summary(previous_label, v))
now = measures.headline(rows)
changes = measures.headline_changes(rows, previous_rows) if len(previous_rows) else {}
like_for_like = {k: c.n for k, c in changes.items() if c.like_for_like}
st.caption(
    f"{widgets.plain(f.describe())}: each organisation's latest figures in the window. "
    + (
        f"Changes on {previous_label} are like for like: each figure worked out again over "
        f"the organisations that reported it in both years (AHP FTE: "
        f"{measures.plural(like_for_like['ahp_fte'], 'organisation')}; vacancy rate: "
        f"{like_for_like['vacancy_rate']:,}; leadership: {like_for_like['strategic_lead_share']:,}"
        "). Organisations reporting is the one exception: a plain count."
        if changes
        else f"{previous_label} holds no data, so no change is shown."
    )
)

# Percentage-point changes get one more decimal, so a small change does not read "-0.0".
DELTA_COLOUR = {"organisations": "off", "vacancy_rate": "inverse"}
for column, key in zip(st.columns(len(registry.HEADLINE)), registry.HEADLINE, strict=True):
    m = registry.measure(key)
    digits = 1 if m.unit == "%" else 0
    suffix = "%" if m.unit == "%" else ""
    delta_suffix, delta_digits = (" pts", digits + 1) if suffix == "%" else ("", digits)
    change = changes.get(key)
    # The card is narrow: a short label and "on 2023/24" under the change; the rest of what
    # the change is, and the full label, in the help and the caption above.
    if change is None or change.n == 0:
        delta, note, basis = None, None, ""
    elif change.like_for_like:
        delta = widgets.fmt_delta(change.now, change.before, delta_digits, delta_suffix)
        note = f"on {previous_label}"
        basis = f" Change on {previous_label}: {measures.plural(change.n, 'organisation')} in both."
    else:
        delta = widgets.fmt_delta(change.now, change.before, delta_digits, delta_suffix)
        note = f"on {previous_label}"
        basis = f" Change on {previous_label}: a count, not like for like."
    with column:
        st.metric(
            m.short_label,
            widgets.fmt_number(now[key], digits, suffix),
            delta=delta,
            delta_color=DELTA_COLOUR.get(key, "normal"),
            delta_description=note,
            help=f"{m.label}. {m.definition}" + (f" {m.missing}" if m.missing else "") + basis,
            border=True,
        )

st.subheader("Leadership arrangements")
counts = measures.category_counts(rows)
columns = ["org_code", "org_name", "region", "trust_type", "leadership_category"]
everyone = rows[columns].assign(group="All organisations")
by_type = rows[columns].assign(group=rows["trust_type"])
mix = pd.concat([everyone, by_type], ignore_index=True)
present = reference.trust_types_in(rows["trust_type"])  # listed types first, then any other
mix["group"] = pd.Categorical(mix["group"], categories=["All organisations", *present])
left, right = st.columns([3, 2])
with left:
    widgets.chart(
        charts.stacked_share(
            mix,
            "leadership_category",
            "group",
            f"How far from the board AHP leadership sits, by trust type, {f.window}",
            missing_label="not returned",
        ),
        rows[columns],
        f"leadership-mix_{f.slug()}",
        "overview-mix",
    )
with right:
    # Not returned has no share (it is left out of the shares): a dash, not "None".
    shares = counts["share_pct"].map(lambda x: "–" if pd.isna(x) else f"{x:.1f}%")
    st.dataframe(
        counts.assign(share_pct=shares),
        hide_index=True,
        column_config={
            "leadership_category": st.column_config.TextColumn(
                registry.measure("leadership_category").label
            ),
            "organisations": st.column_config.NumberColumn("Organisations", format="%d"),
            "share_pct": st.column_config.TextColumn(
                "Share",
                help="Share of the organisations that sent a leadership return.",
                alignment="right",
            ),
        },
    )
    note = measures.not_returned_note(rows)
    if note:
        st.caption(note)

st.subheader("Leadership and outcomes")
found = scan.scan(rows, "leadership_category", catalogue=data.catalogue(v))
top = scan.strongest(found, rows)
if top:
    st.caption(
        f"The indicators that differ most between leadership arrangements, of the "
        f"{measures.plural(len(found.tests), 'indicator')} tested. q is the p-value adjusted "
        "for the number of tests (below 0.05: unlikely to be chance). An association, not "
        "causation."
    )
    # Buttons rather than page links: a button's label wraps on a narrow screen, a link's is cut.
    for test, sentence in top:
        if st.button(
            widgets.plain(sentence),
            key=f"overview-open-{test.indicator}",
            icon=":material/insights:",
            type="tertiary",
            help="Open this indicator on Leadership and outcomes",
        ):
            st.switch_page("views/outcomes.py", query_params={"indicator": test.indicator})
else:
    st.caption(found.sentence)
st.page_link(
    "views/outcomes.py",
    label="All indicators against leadership",
    icon=":material/arrow_forward:",
)

fresh = measures.data_freshness(data.table("submissions", v))
if fresh["last_updated"] is not None:
    st.caption(
        f"Data last updated {fresh['last_updated']:%d %B %Y at %H:%M} UTC, from "
        f"{fresh['submissions']:,} submission{'s' if fresh['submissions'] != 1 else ''} in use. "
        "See the Submissions page for the history."
    )
