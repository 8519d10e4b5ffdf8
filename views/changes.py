"""When leadership changed: between two analysis windows, the change in an indicator or
workforce measure where organisations moved their AHP leadership closer to or further from the
board, against organisations where it did not change; a slope chart, each organisation's
change, the plain-language reading and the organisations that changed, each linking to its
profile."""

from __future__ import annotations

from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from ahp_analytics.analysis import changes, measures
from ahp_analytics.domain import measures as registry
from ahp_analytics.domain.selection import Selection
from ahp_analytics.present import change_charts
from ahp_analytics.ui import data, filters, widgets

f: Selection = st.session_state["filters"]
v = data.version()

st.title("When leadership changed")
windows = data.windows(v)  # newest first
if len(windows) < 2:
    st.info(
        "This page compares two analysis windows, and the data holds "
        f"{'one' if windows else 'none'}. Upload the returns of another year to see what "
        "followed where AHP leadership changed."
    )
    st.stop()

later_options = windows[:-1]
left, right = st.columns(2)
to_window = right.selectbox(
    "After (later window)",
    later_options,
    index=later_options.index(f.window) if f.window in later_options else 0,
    key="changes-to",
)
earlier_options = windows[windows.index(to_window) + 1 :]
from_window = left.selectbox("Before (earlier window)", earlier_options, key="changes-from")
if from_window not in earlier_options:  # the later window moved past it
    from_window = earlier_options[0]

# The sidebar's window is not these two: only its organisation filters apply.
rows = f.replace(window=None)
before = rows.apply(data.summary(from_window, v))
after = rows.apply(data.summary(to_window, v))
if before.empty and after.empty:
    filters.empty_message(f)
    st.stop()
scope = ", ".join((*f.region, *f.icb, *f.trust_type)) or "All organisations"
st.caption(
    f"{widgets.plain(scope)}, {from_window} to {to_window}. Organisations are grouped by how "
    "far from the board their AHP leadership sat in each window (A to E); those without a "
    "leadership return in either are left out. Each group's change is compared with the "
    "change where leadership did not move: before and after, not proof of what brought a "
    "change about."
)

# Indicators with values in both windows, then the workforce measures of the returns.
catalogue = data.catalogue(v)
options = measures.indicator_options(after, catalogue)
both = set(measures.indicator_columns(before)) & set(measures.indicator_columns(after))
workforce = [c for c in registry.COMPARABLE if c in measures.WORKFORCE_COLUMNS]
options = options[options["code"].isin(both) | options["code"].isin(workforce)]
options = options.set_index("code")
if options.empty:
    st.info(f"No indicator has values in both {from_window} and {to_window}.")
    st.stop()


def _in_both(code: str) -> int:
    """How many organisations have a value of ``code`` in both windows."""
    earlier = before.drop_duplicates("org_code").set_index("org_code")[code]
    later = after.drop_duplicates("org_code").set_index("org_code")[code]
    return int(later.reindex(earlier.index).notna().mul(earlier.notna()).sum())


# Opens on the indicator the most organisations have in both windows, so that the fewest are
# left out (an indicator first, then a workforce measure).
indicators_only = [c for c in options.index if c not in workforce]
most_compared = max(indicators_only or list(options.index), key=_in_both)
code = widgets.indicator_choice(
    "Indicator or workforce measure",
    options,
    most_compared,
    "changes-indicator",
    "Indicators with values in both windows, grouped by domain, then the workforce measures "
    "worked out from the returns (AHP FTE, vacancy rate, senior band share).",
)
within = st.toggle(
    "Compare within trust type",
    key="changes-within",
    help="Repeat the comparison inside each trust type, so that a different mix of trust types "
    "among the organisations that changed does not drive the result.",
)
result = changes.indicator_changes(
    before, after, code, within="trust_type" if within else None, catalogue=catalogue
)
info = options.loc[code]
y_title = registry.titled(info["name"], info["unit"])

with st.container(border=True):
    st.markdown("**What this shows**")
    st.text(result.sentence)

widgets.chart(
    change_charts.slope_chart(result, f"{info['name']}: before and after", y_title),
    pd.DataFrame(
        [
            {
                "group": g.group,
                "n": g.n,
                f"mean_{from_window}": g.mean_before,
                f"mean_{to_window}": g.mean_after,
                "mean_change": g.mean_change,
                "mean_change_ci_low": g.ci_low,
                "mean_change_ci_high": g.ci_high,
                "trust_types": g.trust_type_text,
            }
            for g in result.groups.values()
        ]
    ),
    f"{code}-leadership-changes_{from_window}-{to_window}_{f.slug()}".replace("/", "-"),
    "changes-slope",
)
small = [g.label for g in result.groups.values() if 0 < g.n < changes.MIN_TEST]
if small:
    st.warning(
        f"Fewer than {changes.MIN_TEST} organisations, so no test and read with care: "
        + ", ".join(small)
        + ".",
        icon=":material/group:",
    )

change_title = f"Change in {registry.titled(info['name'], changes.unit_words(info['unit']))}"
columns = ["org_code", "org_name", "trust_type", "category_before", "category_after", "group"]
widgets.chart(
    change_charts.change_strip(result, f"{info['name']}: each organisation's change", change_title),
    result.organisations[[*columns, "before", "after", "change"]],
    f"{code}-change-by-organisation_{from_window}-{to_window}_{f.slug()}".replace("/", "-"),
    "changes-strip",
)

with st.expander("Each group's figures", icon=":material/table:"):
    st.dataframe(
        {
            "Group": [g.label for g in result.groups.values()],
            "n": [g.n for g in result.groups.values()],
            "Mean before": [g.mean_before for g in result.groups.values()],
            "Mean after": [g.mean_after for g in result.groups.values()],
            "Mean change": [g.mean_change for g in result.groups.values()],
            "95% CI from": [g.ci_low for g in result.groups.values()],
            "95% CI to": [g.ci_high for g in result.groups.values()],
            "Trust types": [g.trust_type_text for g in result.groups.values()],
        },
        hide_index=True,
        column_config={
            "n": st.column_config.NumberColumn(format="%d"),
            **{
                c: st.column_config.NumberColumn(format="%.3g")
                for c in ("Mean before", "Mean after", "Mean change", "95% CI from", "95% CI to")
            },
        },
    )

if within:
    st.subheader("Within each trust type")
    for stratum, part in result.strata.items():
        with st.container(border=True):
            st.markdown(f"**{widgets.plain(stratum)}**")
            st.text(part.sentence)

st.subheader("Organisations whose AHP leadership changed")
moved = result.changed
if moved.empty:
    st.info(
        f"No organisation in the selection moved its AHP leadership between {from_window} and "
        f"{to_window}."
    )
else:
    st.dataframe(
        pd.DataFrame(
            {
                "Organisation": moved["org_name"].fillna(moved["org_code"]),
                "Profile": [
                    "organisation?" + urlencode({"org": c, "window": to_window})
                    for c in moved["org_code"]
                ],
                "Leadership": moved["group"].map(changes.GROUP_LABELS),
                "From": moved["category_before"],
                "To": moved["category_after"],
                "Before": moved["before"].map(lambda x: registry.format_value(x, info["unit"])),
                "After": moved["after"].map(lambda x: registry.format_value(x, info["unit"])),
                "Change": moved["change"].map(lambda x: changes.signed(x, info["unit"], False)),
                "Trust type": moved["trust_type"],
                "Code": moved["org_code"],
            }
        ),
        hide_index=True,
        column_config={
            "Organisation": st.column_config.TextColumn(width="medium", pinned=True),
            "Profile": st.column_config.LinkColumn(
                "Profile", display_text="Open profile", help="The organisation's profile page."
            ),
            "From": st.column_config.TextColumn(f"Arrangement {from_window}"),
            "To": st.column_config.TextColumn(f"Arrangement {to_window}"),
            "Before": st.column_config.TextColumn(f"{from_window}", alignment="right"),
            "After": st.column_config.TextColumn(f"{to_window}", alignment="right"),
            "Change": st.column_config.TextColumn(alignment="right"),
        },
        key="changes-organisations",
    )
    st.caption(
        f"{measures.plural(len(moved), 'organisation')} changed arrangement. {from_window} and "
        f"{to_window}: the value of {widgets.plain(info['name'])} in each window, a dash where "
        "there is none (such organisations are left out of the figures above)."
    )
