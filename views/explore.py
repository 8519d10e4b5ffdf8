"""Explore and export: any table with the sidebar filters and filters on its own columns. The
downloads hold exactly the rows shown, and with no column filters the same bytes as
``python -m ahp_analytics export`` with the same filters (both call ``export_table``)."""

from __future__ import annotations

import shlex
from datetime import date

import pandas as pd
import streamlit as st

from ahp_analytics.analysis import measures
from ahp_analytics.domain import measures as registry
from ahp_analytics.domain.selection import Selection
from ahp_analytics.present.export import columns_sheet
from ahp_analytics.ui import data, filters, widgets

TABLES = {
    "summary": "Summary: one row per organisation",
    "workforce": "Workforce",
    "leadership": "Leadership posts",
    "indicators": "Indicators",
    "organisations": "Organisations",
    "submissions": "Submissions (history)",
}

# Per table: columns chosen from a list, and columns the text search looks in. Region, ICB,
# trust type and organisation are the sidebar's.
CHOICES = {
    "summary": ("leadership_category", "senior_lead_reports_to"),
    "workforce": ("profession", "band", "period"),
    "leadership": ("role", "profession", "band", "board_role", "reports_to", "period"),
    "indicators": ("indicator", "period"),
    "organisations": (),
    "submissions": ("status", "user_name"),
}
SEARCH = {
    "summary": ("org_code", "org_name"),
    "workforce": ("org_code",),
    "leadership": ("org_code", "job_title"),
    "indicators": ("org_code",),
    "organisations": ("org_code", "org_name", "icb"),
    "submissions": ("file_name", "user_name"),
}


def label(column: str, catalogue: pd.DataFrame) -> tuple[str, str | None]:
    """The display label (with unit) and number format of a column, from the registry of
    measures (its fields for the tables' own columns) or, for an indicator column of the
    summary, the catalogue. Formats are for display only: the files hold the stored values."""
    if column in registry.MEASURES:
        m = registry.measure(column)
        return m.title, m.fmt or None
    if column in registry.FIELDS:
        field = registry.FIELDS[column]
        return field.label, field.fmt
    code = column.removesuffix(registry.PERIOD_SUFFIX)
    info = measures.indicator_info(code, catalogue)
    if column.endswith(registry.PERIOD_SUFFIX):
        return f"{info['name']}: period", None
    unit = info["unit"]
    return registry.titled(info["name"], unit), registry.UNIT_FORMATS.get(unit or "", "plain")


def column_config(df: pd.DataFrame, catalogue: pd.DataFrame) -> dict:
    config: dict = {}
    for column in df.columns:
        text, fmt = label(column, catalogue)
        if fmt and pd.api.types.is_numeric_dtype(df[column]):
            config[column] = st.column_config.NumberColumn(text, format=fmt)
        else:
            config[column] = st.column_config.TextColumn(text)
    return config


def column_filters(table: str, rows: pd.DataFrame, catalogue: pd.DataFrame) -> tuple:
    """Draw the filters on the table's own columns; return the rows they keep and a
    description of each filter set."""
    keep = pd.Series(True, index=rows.index)
    described: list[str] = []
    names = dict(zip(catalogue["code"], catalogue["name"], strict=True))
    choice_columns = [c for c in CHOICES[table] if c in rows]
    numbers = [c for c in rows.columns if pd.api.types.is_numeric_dtype(rows[c])]
    with st.expander("Filter the columns", expanded=False, icon=":material/filter_list:"):
        grid = st.columns(3)
        for i, column in enumerate(choice_columns):
            key = f"explore:{table}:{column}"
            # unique() before anything per row: this runs on every rerun, on up to a million rows.
            present = {str(v) for v in rows[column].dropna().unique()}
            options = sorted(present | set(st.session_state.get(key) or []))
            with grid[i % 3]:
                chosen = st.multiselect(
                    label(column, catalogue)[0],
                    options,
                    key=key,
                    placeholder="All",
                    format_func=(lambda c: names.get(c, c)) if column == "indicator" else str,
                )
            if chosen:
                keep &= rows[column].isin(chosen)
                described.append(f"{column} in {', '.join(chosen)}")
        left, low, high = st.columns(3)
        with left:
            number = st.selectbox(
                "Range of a number column",
                numbers,
                index=None,
                key=f"explore:{table}:number",
                format_func=lambda c: label(c, catalogue)[0],
                placeholder="Choose a column",
            )
        if number is not None:
            with low:
                at_least = st.number_input(
                    "At least", value=None, key=f"explore:{table}:{number}:min", format="%g"
                )
            with high:
                at_most = st.number_input(
                    "At most", value=None, key=f"explore:{table}:{number}:max", format="%g"
                )
            # Missing values are outside any range.
            if at_least is not None:
                keep &= (rows[number] >= at_least).fillna(False).astype(bool)
                described.append(f"{number} >= {at_least:g}")
            if at_most is not None:
                keep &= (rows[number] <= at_most).fillna(False).astype(bool)
                described.append(f"{number} <= {at_most:g}")
        search_in = [c for c in SEARCH[table] if c in rows]
        if search_in:
            text = st.text_input(
                "Contains (" + ", ".join(label(c, catalogue)[0].lower() for c in search_in) + ")",
                key=f"explore:{table}:search",
                placeholder="Any text, not case-sensitive",
            ).strip()
            if text:
                found = pd.Series(False, index=rows.index)
                for column in search_in:
                    found |= rows[column].str.contains(text, case=False, regex=False, na=False)
                keep &= found
                described.append(f"{' or '.join(search_in)} contains '{text}'")
    return rows[keep], described


def command(table: str, chosen: Selection) -> str:
    """The command line that exports the same rows."""
    parts = ["python -m ahp_analytics export", table]
    for option, values in (
        ("--window", (chosen.window,) if chosen.window else ()),
        ("--region", chosen.region),
        ("--icb", chosen.icb),
        ("--trust-type", chosen.trust_type),
        ("--org", chosen.orgs),
    ):
        for value in values:
            parts += [option, shlex.quote(value)]
    if not chosen.demo:
        parts.append("--without-demo")
    return " ".join(parts)


def file_name(table: str, chosen: Selection, column_filtered: bool) -> str:
    """E.g. ``workforce_London_Acute_2025-05-01``: what was selected, and when."""
    parts = [chosen.slug()] if chosen.filters() or not column_filtered else []
    parts += ["column-filters"] if column_filtered else []
    return "_".join([table, *parts, date.today().isoformat()])


st.title("Explore and export")
st.caption(
    "Any table, with the sidebar's filters and your own on its columns. The downloads hold "
    "exactly the rows shown."
)
sidebar: Selection = st.session_state["filters"]
org = filters.chosen_org()
v = data.version()
catalogue = data.catalogue(v)

# Kept in the address as its code (?table=workforce), so a link opens the same table: a
# selectbox bound to the address would keep the option's label there instead.
if "explore_table" not in st.session_state:
    wanted = str(st.query_params.get("table", "")).strip().lower()
    st.session_state["explore_table"] = wanted if wanted in TABLES else "summary"
table = st.selectbox("Table", list(TABLES), format_func=TABLES.get, key="explore_table")
st.query_params["table"] = table
if table == "submissions":
    chosen = Selection()  # the history is never filtered
else:  # the window is the summary's; the organisation chosen narrows the rows here
    chosen = sidebar.replace(
        window=sidebar.window if table == "summary" else None, orgs=(org,) if org else ()
    )
window = chosen.window
rows = data.export_rows(table, v, chosen)
shown, described = column_filters(table, rows, catalogue)

if table == "submissions":
    st.caption("The history of submissions is not filtered by the sidebar.")
elif table == "summary":
    st.caption(f"Each organisation's latest figures in the analysis window ({window or 'latest'}).")
else:
    st.caption("All periods: the analysis window applies to the summary only.")

count = f"**{len(shown):,}** rows" + (f" of {len(rows):,}" if described else "")
st.markdown(count)
if shown.empty:
    st.info(
        "No rows match these filters. Widen them: clear a column filter above, or the region, "
        "ICB, trust type or organisation in the sidebar. The downloads hold the column "
        "headers only."
    )
st.dataframe(shown, column_config=column_config(shown, catalogue), hide_index=True)

about = {
    "Table": TABLES[table],
    "Rows": len(shown),
    "Analysis window": window or "Not applied: all periods",
    "Region": ", ".join(chosen.region) or "All",
    "ICB": ", ".join(chosen.icb) or "All",
    "Trust type": ", ".join(chosen.trust_type) or "All",
    "Organisation": ", ".join(chosen.orgs) or "All",
    "Demonstration organisations": "Included" if chosen.demo else "Left out",
    "Column filters": "; ".join(described) or "None",
    "Data version": v[1],
    "Same rows from the command line": (
        "None: the column filters are applied in the dashboard only"
        if described
        else command(table, chosen)
    ),
}
widgets.downloads(
    shown,
    file_name(table, chosen, bool(described)),
    about=about,
    key="explore",
    columns=columns_sheet(table, shown.columns, catalogue),
)
if len(shown) > 200_000:
    st.caption(
        f"{len(shown):,} rows: the CSV takes some seconds to build, the Excel file up to a "
        "minute. Narrow the filters for a smaller file."
    )
if not described:
    st.caption("The same file from the command line:")
    # Wrapped: on a phone a long command would otherwise scroll in a box no key can reach.
    # Not highlighted: the highlighter's colours for options fall below 4.5:1 contrast.
    st.code(command(table, chosen), language=None, wrap_lines=True)
