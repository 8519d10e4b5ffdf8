"""Plotly figure builders: a DataFrame in, a ``go.Figure`` out; no data access, no Streamlit.

Every figure has a title that says what it shows, axis titles with units, the ``plotly_white``
template and, for an empty frame, an annotation "No data for the current filters" instead of an
exception. Statistics come from :mod:`ahp_analytics.stats` so charts, tables and exports agree.

Plotly renders a subset of HTML (``<a href>``, ``<b>``, ``<br>``...) in every text of a figure.
Text from data (names, groups, titles and axis titles, which may quote an indicator's name) is
escaped once, by :func:`_layout`, which every builder calls last; the builders' own markup lives
in hover templates and tick texts, which never quote data but refer to it (``%{text}``,
``%{fullData.name}``, ``%{yaxis.title.text}``).
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Mapping, Sequence
from datetime import date
from itertools import cycle

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ahp_analytics import stats
from ahp_analytics.measures import CATEGORIES

NHS_BLUE = "#005EB8"
NO_DATA = "No data for the current filters"
FONT = {"family": "Arial, Helvetica, sans-serif", "size": 14, "color": "#212B32"}
TEMPLATE = "plotly_white"

# The leadership arrangement categories, A to E, as measures.py defines them.
CATEGORY_ORDER = CATEGORIES
# Okabe-Ito palette (colour-blind safe): dark to light blue for the two board-level
# arrangements, green and orange below the board, grey for "no leadership reported".
CATEGORY_COLOURS: dict[str, str] = dict(
    zip(CATEGORY_ORDER, ["#0072B2", "#56B4E9", "#009E73", "#E69F00", "#999999"], strict=True)
)
# Further Okabe-Ito colours for groupings other than the leadership categories.
OTHER_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000"]
MISSING_COLOUR = "#999999"

# Making Data Count colours as documented by NHSRplotthedots (``ptd_spc_colours()``, the
# NHS-R reference implementation): grey common cause, blue improvement, orange concern and
# purple for special cause that is neither (direction unknown). Distinct in hue and lightness.
SPC_COLOURS = {
    "common cause": "#A6A6A6",
    "special cause improvement": "#00B0F0",
    "special cause concern": "#E46C0A",
    "special cause neither": "#490092",
}
SPC_LINE_COLOUR = "#A6A6A6"
SPC_MEAN_COLOUR = "#000000"
SPC_LIMIT_COLOUR = "#A6A6A6"
SPC_NAMES = {
    "common cause": "Common cause",
    "special cause improvement": "Special cause: improvement",
    "special cause concern": "Special cause: concern",
    "special cause neither": "Special cause: neither improvement nor concern",
}
SPC_RULES = {
    "rule_beyond_limits": "a point beyond a process limit",
    "rule_run": f"a run of {stats.RUN_LENGTH} or more on one side of the mean",
    "rule_trend": f"a trend of {stats.TREND_LENGTH} or more rising or falling",
    "rule_two_of_three": "2 of 3 points beyond 2 sigma on one side",
}
MIN_POINTS_FOR_LIMITS = 12
PROVISIONAL_NOTE = f"provisional limits (fewer than {MIN_POINTS_FOR_LIMITS} points)"

# Funnel plot point styles: colour and shape both differ, so they read without colour too.
FUNNEL_STYLES = {
    "inside": ("Within 95% limits", NHS_BLUE, "circle"),
    "outside_95": ("Outside 95% limits", "#E69F00", "diamond"),
    "outside_998": ("Outside 99.8% limits", "#D55E00", "square"),
}
LIMIT_STYLES = {"95": ("95%", "dash"), "998": ("99.8%", "solid")}
JITTER_SEED = 20240401
SMALL_GROUP = stats.SMALL_GROUP


# --- shared layout -------------------------------------------------------------------------


def escape(text: object) -> str:
    """Text from data as plotly shows it: ``&``, ``<`` and ``>`` as entities, so a name holding
    ``<a href=...>`` or ``<b>`` reads as typed, never as a link or a format."""
    return html.escape(str(text), quote=False)


def _escape_values(values: object) -> object:
    """Every text in a trace's array (1-D or 2-D, e.g. ``customdata``) escaped; numbers, dates
    and missing values as they are."""
    if isinstance(values, str):
        return escape(values)
    if isinstance(values, np.ndarray):
        if values.dtype.kind not in "OUS":
            return values
        out = values.astype(object)
        flat = out.reshape(-1)
        for i, v in enumerate(flat):
            if isinstance(v, str):
                flat[i] = escape(v)
        return out
    if isinstance(values, list | tuple):
        return [_escape_values(v) if isinstance(v, str | list | tuple) else v for v in values]
    return values


# Trace properties that show data: legend and hover names, point labels, hover data, category
# axis values.
_DATA_TEXT = ("name", "text", "hovertext", "customdata", "x", "y")


def _escape_traces(fig: go.Figure) -> None:
    for trace in fig.data:
        for prop in _DATA_TEXT:
            value = getattr(trace, prop, None)
            if value is not None:
                trace[prop] = _escape_values(value)


def _layout(
    fig: go.Figure,
    title: str,
    x_title: str | None,
    y_title: str | None,
    subtitle: str | None = None,
    legend: bool = True,
) -> go.Figure:
    """House style: plotly_white, readable font, left-aligned title, legend below the plot.

    The texts given and the traces' data texts are escaped here, once: call it once per figure,
    after the traces are added."""
    _escape_traces(fig)
    fig.update_layout(
        template=TEMPLATE,
        font=FONT,
        title={
            "text": escape(title),
            "x": 0,
            "xanchor": "left",
            "font": {"size": 18},
            "subtitle": {"text": escape(subtitle or ""), "font": {"size": 13, "color": "#4C6272"}},
        },
        hoverlabel={"font": {"size": 13}},
        showlegend=legend,
        # Below the plot, not above it, where it would overlap the title and subtitle.
        legend={
            "orientation": "h",
            "yref": "container",
            "yanchor": "bottom",
            "y": 0,
            "xanchor": "left",
            "x": 0,
        },
        margin={"t": 90, "l": 70, "r": 30, "b": 110 if legend else 70},
    )
    fig.update_xaxes(title_text=None if x_title is None else escape(x_title), automargin=True)
    fig.update_yaxes(title_text=None if y_title is None else escape(y_title), automargin=True)
    return fig


def empty_figure(title: str, x_title: str | None = None, y_title: str | None = None) -> go.Figure:
    """A figure with the chart's title and a "No data for the current filters" annotation."""
    fig = go.Figure()
    fig.add_annotation(
        text=NO_DATA,
        xref="paper",
        yref="paper",
        x=0.5,
        y=0.5,
        showarrow=False,
        font={"size": 16, "color": "#4C6272"},
    )
    _layout(fig, title, x_title, y_title, legend=False)
    fig.update_xaxes(showticklabels=False, showgrid=False, zeroline=False)
    fig.update_yaxes(showticklabels=False, showgrid=False, zeroline=False)
    return fig


def _is_empty(df: pd.DataFrame | None, columns: Sequence[str]) -> bool:
    """No rows, a missing column, or no row with every column given."""
    if df is None or df.empty or any(c not in df.columns for c in columns):
        return True
    return bool(df[list(columns)].isna().any(axis=1).all())


def _numeric(s: pd.Series) -> pd.Series:
    return pd.to_numeric(s, errors="coerce")


def group_colours(groups: Sequence, colours: Mapping[str, str] = CATEGORY_COLOURS) -> dict:
    """A colour per group: from ``colours`` where given, else the next Okabe-Ito colour
    (skipping colours already taken when some groups are in ``colours``)."""
    taken = {colours[g] for g in groups if g in colours}
    spare = cycle([c for c in OTHER_COLOURS if c not in taken] or OTHER_COLOURS)
    return {g: colours[g] if g in colours else next(spare) for g in groups}


def _order(values: pd.Series, order: Sequence | None) -> list:
    """The group order: ``order`` if given, else a categorical's categories, else sorted."""
    if order is not None:
        return list(order)
    if isinstance(values.dtype, pd.CategoricalDtype):
        return list(values.dtype.categories)
    present = values.dropna().unique().tolist()
    if set(present) <= set(CATEGORY_ORDER):
        return [c for c in CATEGORY_ORDER if c in present]
    return sorted(present, key=str)


def _wrap(text: object, width: int = 18) -> str:
    """Tick text: ``text`` escaped, in lines of at most ``width`` characters."""
    return "<br>".join(escape(line) for line in textwrap.wrap(str(text), width)) or escape(text)


def _excluded_note(n: int, what: str) -> str | None:
    if n <= 0:
        return None
    return f"{n} organisation{'s' if n != 1 else ''} left out ({what})."


# --- funnel plot ---------------------------------------------------------------------------


def funnel_plot(
    df: pd.DataFrame,
    numerator: str,
    denominator: str,
    label: str,
    title: str,
    x_title: str,
    y_title: str,
    highlight: str | None = None,
    phi: float | None = None,
) -> go.Figure:
    """Proportions (in %) against their denominators with 95% and 99.8% funnel limits.

    Target and limits come from :func:`stats.funnel_limits` (pooled proportion); points outside
    the 99.8% limits carry their ``label`` text; ``highlight`` rings one organisation by label.
    Rows without a positive denominator are left out and counted in the subtitle.
    """
    if _is_empty(df, [numerator, denominator, label]):
        return empty_figure(title, x_title, y_title)
    p0, limits = stats.funnel_limits(df[numerator], df[denominator], phi=phi)
    if limits.empty:
        return empty_figure(title, x_title, y_title)
    points = stats.funnel_points(df[numerator], df[denominator], p0, phi=phi)
    points["label"] = df[label].fillna("").astype(str).to_numpy()
    points = points[~points["excluded"]]

    fig = go.Figure()
    for level in ("998", "95"):
        level_text, dash = LIMIT_STYLES[level]
        name = f"{level_text} limits"
        for side in ("upper", "lower"):
            fig.add_trace(
                go.Scatter(
                    x=limits["n"],
                    y=limits[f"{side}_{level}"] * 100,
                    mode="lines",
                    name=name,
                    meta=f"{side}_{level}",
                    legendgroup=level,
                    showlegend=side == "upper",
                    line={"color": "#4C6272", "dash": dash, "width": 1.5},
                    hovertemplate=f"{side.title()} {level_text} limit: %{{y:.1f}}%"
                    "<br>Denominator: %{x:,.0f}<extra></extra>",
                )
            )
    fig.add_trace(
        go.Scatter(
            x=[limits["n"].iloc[0], limits["n"].iloc[-1]],
            y=[p0 * 100, p0 * 100],
            mode="lines",
            name=f"Pooled proportion ({p0 * 100:.1f}%)",
            meta="target",
            line={"color": "#212B32", "width": 1.5},
            hoverinfo="skip",
        )
    )

    status = np.where(
        points["outside_998"], "outside_998", np.where(points["outside_95"], "outside_95", "inside")
    )
    for key, (name, colour, symbol) in FUNNEL_STYLES.items():
        part = points[status == key]
        if part.empty:
            continue
        labelled = key == "outside_998"
        fig.add_trace(
            go.Scatter(
                x=part["denominator"],
                y=part["proportion"] * 100,
                mode="markers+text" if labelled else "markers",
                text=part["label"] if labelled else None,
                textposition="top center",
                name=name,
                meta=key,
                marker={"color": colour, "symbol": symbol, "size": 9, "opacity": 0.85},
                customdata=part[["label", "numerator", "denominator"]].to_numpy(dtype=object),
                hovertemplate="<b>%{customdata[0]}</b><br>Numerator: %{customdata[1]:,.2~f}"
                "<br>Denominator: %{customdata[2]:,.2~f}<br>Proportion: %{y:.1f}%"
                f"<extra>{name}</extra>",
            )
        )
    if highlight is not None:
        chosen = points[points["label"] == str(highlight)]
        if not chosen.empty:
            fig.add_trace(
                go.Scatter(
                    x=chosen["denominator"],
                    y=chosen["proportion"] * 100,
                    mode="markers+text",
                    text=chosen["label"],
                    textposition="bottom center",
                    textfont={"color": "#212B32", "size": 14},
                    name=str(highlight),
                    meta="highlight",
                    marker={
                        "color": "rgba(0,0,0,0)",
                        "size": 18,
                        "line": {"color": "#212B32", "width": 3},
                    },
                    hoverinfo="skip",
                )
            )
    notes = [
        f"Target: pooled proportion {p0 * 100:.1f}%. Points outside the 99.8% limits are labelled."
    ]
    if phi is not None:
        notes.append(f"Limits widened for overdispersion (phi = {phi:.2f}).")
    note = _excluded_note(limits.attrs.get("n_excluded", 0), "no denominator above zero")
    if note:
        notes.append(note)
    _layout(fig, title, x_title, y_title, " ".join(notes))
    fig.update_yaxes(ticksuffix="%", rangemode="tozero")
    fig.update_xaxes(rangemode="tozero")
    return fig


# --- SPC chart -----------------------------------------------------------------------------


def _rules_text(row: pd.Series) -> str:
    if not row["special_cause"]:
        return "Common cause variation"
    fired = "; ".join(text for col, text in SPC_RULES.items() if row[col])
    return f"{row['variation'].capitalize()}: {fired}"


def spc_chart(
    series_df: pd.DataFrame,
    value_col: str,
    date_col: str,
    title: str,
    y_title: str,
    higher_is_better: bool | None = None,
    x_title: str = "Month",
) -> go.Figure:
    """Making Data Count XmR chart of one series (:func:`stats.xmr`).

    Grey value line, markers coloured by variation (improvement or concern by
    ``higher_is_better``; "neither" when it is None), mean and dashed process limits. With fewer
    than 12 points the limits are labelled provisional; with fewer than 2 there are none.
    """
    if _is_empty(series_df, [value_col, date_col]):
        return empty_figure(title, x_title, y_title)
    res = stats.xmr(
        series_df[value_col],
        series_df[date_col],
        higher_is_better=higher_is_better,
        min_points_for_limits=MIN_POINTS_FOR_LIMITS,
    )
    if res.empty:
        return empty_figure(title, x_title, y_title)
    dates = res["date"]
    if dates.map(lambda d: isinstance(d, date)).all():
        dates = pd.to_datetime(dates)
    is_date = pd.api.types.is_datetime64_any_dtype(dates)
    x_hover = "%{x|%b %Y}" if is_date else "%{x}"
    provisional = bool(res["provisional"].iloc[0])

    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=dates,
            y=res["value"],
            mode="lines",
            name="Value",
            meta="value_line",
            showlegend=False,
            line={"color": SPC_LINE_COLOUR, "width": 2},
            hoverinfo="skip",
        )
    )
    has_limits = bool(res["upper"].notna().iloc[0])
    mean = float(res["mean"].iloc[0])
    fig.add_trace(
        go.Scatter(
            x=dates,
            y=res["mean"],
            mode="lines",
            name=f"Mean ({mean:,.2f})",
            meta="mean",
            line={"color": SPC_MEAN_COLOUR, "width": 1.5},
            hoverinfo="skip",
        )
    )
    if has_limits:
        limit_name = f"Process limits: {PROVISIONAL_NOTE}" if provisional else "Process limits"
        for side in ("upper", "lower"):
            fig.add_trace(
                go.Scatter(
                    x=dates,
                    y=res[side],
                    mode="lines",
                    name=limit_name,
                    meta=side,
                    legendgroup="limits",
                    showlegend=side == "upper",
                    line={"color": SPC_LIMIT_COLOUR, "dash": "dash", "width": 1.5},
                    hovertemplate=f"{side.title()} process limit: %{{y:,.2f}}<extra></extra>",
                )
            )
    rules = res.apply(_rules_text, axis=1)
    for variation, colour in SPC_COLOURS.items():
        mask = (res["variation"] == variation).to_numpy()
        if not mask.any():
            continue
        fig.add_trace(
            go.Scatter(
                x=dates[mask],
                y=res.loc[mask, "value"],
                mode="markers",
                name=SPC_NAMES[variation],
                meta=variation,
                marker={"color": colour, "size": 9, "line": {"color": "white", "width": 1}},
                customdata=np.array(rules[mask], dtype=object).reshape(-1, 1),
                hovertemplate=f"{x_hover}<br>%{{yaxis.title.text}}: %{{y:,.2~f}}"
                "<br>%{customdata[0]}<extra></extra>",
            )
        )
    if not has_limits:
        subtitle = "Process limits need at least 2 points."
    elif provisional:
        subtitle = (
            f"{PROVISIONAL_NOTE[0].upper()}{PROVISIONAL_NOTE[1:]}: read special causes with care."
        )
    else:
        subtitle = "Mean and process limits (mean +/- 2.66 x mean moving range)."
    if higher_is_better is None:
        subtitle += " Direction of improvement not known."
    _layout(fig, title, x_title, y_title, subtitle)
    return fig


# --- comparing groups ----------------------------------------------------------------------


def _jitter(n: int, width: float = 0.3) -> np.ndarray:
    """Deterministic horizontal offsets in [-width/2, width/2] (fixed seed)."""
    return np.random.default_rng(JITTER_SEED).uniform(-width / 2, width / 2, n)


def n_label(group: object, n: int) -> str:
    """Tick text: the group (wrapped) over "n = k", with ", small" below 5 values."""
    flag = ", small" if 0 < n < SMALL_GROUP else ""
    return f"{_wrap(group)}<br>n = {n}{flag}"


def box_strip(
    df: pd.DataFrame,
    value_col: str,
    group_col: str,
    order: Sequence | None,
    title: str,
    y_title: str,
    label_col: str | None = None,
    colours: Mapping[str, str] = CATEGORY_COLOURS,
) -> go.Figure:
    """A box per group with every value as a jittered point; ticks say n and flag n < 5.

    Groups follow ``order`` (empty ones keep their tick with n = 0); counts come from
    :func:`stats.describe_groups`. Hover gives the organisation (``label_col``) and value.
    """
    if _is_empty(df, [value_col, group_col]):
        return empty_figure(title, None, y_title)
    order = _order(df[group_col], order)
    table = stats.describe_groups(df, value_col, group_col, order)
    if table["n"].sum() == 0:
        return empty_figure(title, None, y_title)
    data = df.assign(_value=_numeric(df[value_col])).dropna(subset=["_value", group_col])
    palette = group_colours(order, colours)

    fig = go.Figure()
    for i, (group, n) in enumerate(zip(table["group"], table["n"], strict=True)):
        if n == 0:
            continue
        part = data[data[group_col] == group]
        colour = palette[group]
        fig.add_trace(
            go.Box(
                y=part["_value"],
                x0=i,
                name=str(group),
                width=0.6,
                boxpoints=False,
                line={"color": colour},
                fillcolor="rgba(0,0,0,0)",
                hoverinfo="skip",
            )
        )
        labels = part[label_col].astype(str) if label_col else pd.Series([""] * n)
        fig.add_trace(
            go.Scatter(
                x=i + _jitter(n),
                y=part["_value"],
                mode="markers",
                name=str(group),
                marker={"color": colour, "size": 8, "opacity": 0.8},
                text=labels.to_numpy(),
                hovertemplate="<b>%{text}</b><br>%{yaxis.title.text}: %{y:,.2~f}"
                "<extra>%{fullData.name}</extra>",
            )
        )
    ticks = [n_label(g, n) for g, n in zip(table["group"], table["n"], strict=True)]
    small = table.loc[table["small"] & (table["n"] > 0), "group"].tolist()
    subtitle = (
        f"Groups marked small have fewer than {SMALL_GROUP} organisations: read with care."
        if small
        else None
    )
    _layout(fig, title, None, y_title, subtitle, legend=False)
    fig.update_xaxes(
        tickmode="array",
        tickvals=list(range(len(ticks))),
        ticktext=ticks,
        range=[-0.5, len(ticks) - 0.5],
        showgrid=False,
    )
    return fig


def stacked_share(
    df: pd.DataFrame,
    category_col: str,
    group_col: str,
    title: str,
    order: Sequence | None = None,
    colours: Mapping[str, str] = CATEGORY_COLOURS,
) -> go.Figure:
    """100% horizontal bars: the mix of ``category_col`` within each group (one row each).

    ``order`` is the category order (default: the leadership categories, else sorted); groups
    run top to bottom in their categorical or sorted order, each labelled with its n.
    """
    if _is_empty(df, [category_col, group_col]):
        return empty_figure(title, "Share of organisations (%)", None)
    data = df[[category_col, group_col]].dropna()
    categories = [c for c in _order(data[category_col], order) if c in set(data[category_col])]
    groups = [g for g in _order(data[group_col], None) if g in set(data[group_col])]
    counts = pd.crosstab(data[group_col], data[category_col]).reindex(
        index=groups, columns=categories, fill_value=0
    )
    totals = counts.sum(axis=1)
    shares = counts.div(totals, axis=0) * 100
    y_labels = [f"{g} (n = {int(totals[g])})" for g in groups]
    palette = group_colours(categories, colours)

    fig = go.Figure()
    for cat in categories:
        custom = np.column_stack([counts[cat].to_numpy(), totals.to_numpy()])
        fig.add_trace(
            go.Bar(
                x=shares[cat],
                y=y_labels,
                orientation="h",
                name=str(cat),
                marker={"color": palette[cat]},
                customdata=custom,
                hovertemplate="%{y}<br>%{fullData.name}: "
                "%{customdata[0]} of %{customdata[1]} (%{x:.1f}%)<extra></extra>",
            )
        )
    _layout(fig, title, "Share of organisations (%)", None)
    fig.update_layout(barmode="stack", legend={"traceorder": "normal"})
    fig.update_xaxes(range=[0, 100], ticksuffix="%")
    fig.update_yaxes(autorange="reversed")
    return fig


def scatter_with_fit(
    df: pd.DataFrame,
    x: str,
    y: str,
    label_col: str,
    title: str,
    x_title: str,
    y_title: str,
    colour_col: str | None = None,
    colours: Mapping[str, str] = CATEGORY_COLOURS,
) -> go.Figure:
    """Scatter of ``y`` against ``x``, one point per organisation, coloured by ``colour_col``.

    No trend line (association, not causation); the subtitle gives Spearman's rho with its
    95% CI from :func:`stats.spearman` and the n. Rows missing x or y are left out and counted.
    """
    if _is_empty(df, [x, y]):
        return empty_figure(title, x_title, y_title)
    data = df.assign(_x=_numeric(df[x]), _y=_numeric(df[y]))
    dropped = int(data[["_x", "_y"]].isna().any(axis=1).sum())
    data = data.dropna(subset=["_x", "_y"])
    if data.empty:
        return empty_figure(title, x_title, y_title)
    labels = data[label_col].astype(str) if label_col in data else pd.Series("", index=data.index)

    fig = go.Figure()
    hover = (
        "<b>%{text}</b><br>%{xaxis.title.text}: %{x:,.2~f}<br>%{yaxis.title.text}: %{y:,.2~f}"
        "<extra>%{fullData.name}</extra>"
    )
    if colour_col is None:
        fig.add_trace(
            go.Scatter(
                x=data["_x"],
                y=data["_y"],
                mode="markers",
                name="Organisations",
                text=labels,
                marker={"color": NHS_BLUE, "size": 9, "opacity": 0.8},
                hovertemplate=hover,
            )
        )
    else:
        groups = _order(data[colour_col], None)
        palette = group_colours(groups, colours)
        keys = data[colour_col]
        parts = [(g, keys == g, palette[g]) for g in groups]
        parts.append(("Not known", keys.isna(), MISSING_COLOUR))
        for name, mask, colour in parts:
            if not mask.any():
                continue
            fig.add_trace(
                go.Scatter(
                    x=data.loc[mask, "_x"],
                    y=data.loc[mask, "_y"],
                    mode="markers",
                    name=str(name),
                    text=labels[mask],
                    marker={"color": colour, "size": 9, "opacity": 0.85},
                    hovertemplate=hover,
                )
            )
    corr = stats.spearman(data["_x"], data["_y"])
    if corr.reason is None:
        subtitle = (
            f"Spearman rho = {corr.rho:.2f} (95% CI {corr.ci_low:.2f} to {corr.ci_high:.2f}), "
            f"n = {corr.n}. An association, not causation."
        )
    else:
        subtitle = f"n = {corr.n}; no rank correlation: {corr.reason}."
    note = _excluded_note(dropped, "a value missing")
    if note:
        subtitle += " " + note
    _layout(fig, title, x_title, y_title, subtitle, legend=colour_col is not None)
    return fig


# --- simple builders -----------------------------------------------------------------------


def bar(
    df: pd.DataFrame,
    x: str,
    y: str,
    title: str,
    x_title: str,
    y_title: str,
    colour: str = NHS_BLUE,
    orientation: str = "v",
) -> go.Figure:
    """Bars of ``df``: ``x`` and ``y`` name the columns on each axis (as in plotly express);
    with ``orientation="h"`` the values are ``x`` and the bars run top to bottom in row order.
    """
    if orientation not in ("v", "h"):
        raise ValueError("orientation is 'v' or 'h'")
    if _is_empty(df, [x, y]):
        return empty_figure(title, x_title, y_title)
    value, key = (y, x) if orientation == "v" else (x, y)
    data = df.dropna(subset=[x, y])
    fig = go.Figure(
        go.Bar(
            x=data[x],
            y=data[y],
            orientation=orientation,
            marker={"color": colour},
            name=str(value),
            hovertemplate=(
                "%{x}<br>%{yaxis.title.text}: %{y:,.2~f}<extra></extra>"
                if orientation == "v"
                else "%{y}<br>%{xaxis.title.text}: %{x:,.2~f}<extra></extra>"
            ),
        )
    )
    _layout(fig, title, x_title, y_title, legend=False)
    if orientation == "h":
        fig.update_yaxes(autorange="reversed", type="category")
    elif not pd.api.types.is_datetime64_any_dtype(data[key]):
        fig.update_xaxes(type="category")
    return fig


def line(
    df: pd.DataFrame,
    x: str,
    y: str,
    title: str,
    x_title: str,
    y_title: str,
    colour_col: str | None = None,
) -> go.Figure:
    """Lines with markers of ``y`` over ``x`` (sorted by ``x``), one per ``colour_col`` value.

    Leadership categories keep their colours; other groups take Okabe-Ito colours in order.
    """
    if _is_empty(df, [x, y]):
        return empty_figure(title, x_title, y_title)
    data = df.dropna(subset=[x, y]).sort_values(x, kind="stable")
    hover = "%{x}<br>%{yaxis.title.text}: %{y:,.2~f}<extra>%{fullData.name}</extra>"
    fig = go.Figure()
    if colour_col is None:
        fig.add_trace(
            go.Scatter(
                x=data[x],
                y=data[y],
                mode="lines+markers",
                name=str(y),
                line={"color": NHS_BLUE, "width": 2},
                hovertemplate=hover,
            )
        )
    else:
        groups = _order(data[colour_col], None)
        palette = group_colours(groups)
        for g in groups:
            part = data[data[colour_col] == g]
            if part.empty:
                continue
            fig.add_trace(
                go.Scatter(
                    x=part[x],
                    y=part[y],
                    mode="lines+markers",
                    name=str(g),
                    line={"color": palette[g], "width": 2},
                    hovertemplate=hover,
                )
            )
    _layout(fig, title, x_title, y_title, legend=colour_col is not None)
    return fig
