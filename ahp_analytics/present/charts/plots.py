"""Box and strip plots, stacked shares, scatter with a fitted line, bars and lines."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ahp_analytics.analysis import stats
from ahp_analytics.present.charts.layout import (
    _excluded_note,
    _is_empty,
    _numeric,
    _order,
    _wrap,
    empty_figure,
    figure,
    group_colours,
    house_layout,
    merged,
    text_colour,
    text_width,
)
from ahp_analytics.present.charts.style import (
    CATEGORY_COLOURS,
    HEIGHT,
    JITTER_SEED,
    MISSING_COLOUR,
    NHS_BLUE,
    SMALL_GROUP,
    escape,
)


def _jitter(n: int, width: float = 0.3) -> np.ndarray:
    """Deterministic horizontal offsets in [-width/2, width/2] (fixed seed)."""
    return np.random.default_rng(JITTER_SEED).uniform(-width / 2, width / 2, n)


def n_label(group: object, n: int, width: int = 18) -> str:
    """Tick text: the group (wrapped at ``width`` characters) over "n = k", with ", small"
    below 5 values."""
    flag = ", small" if 0 < n < SMALL_GROUP else ""
    return f"{_wrap(group, width)}<br>n = {n}{flag}"


# Group labels wrap at this many characters: beside horizontal boxes they have the chart's
# left margin, at any width, where under upright boxes a phone gave each about 50 px.
BOX_TICK = 22


def box_strip(
    df: pd.DataFrame,
    value_col: str,
    group_col: str,
    order: Sequence | None,
    title: str,
    y_title: str,
    label_col: str | None = None,
    colours: Mapping[str, str] = CATEGORY_COLOURS,
    *,
    shapes: Sequence[Mapping] = (),
) -> go.Figure:
    """A horizontal box per group, top to bottom in ``order``, with every value as a jittered
    point; labels say n and flag n < 5; ``shapes`` (layout shapes, e.g. a line at zero) are
    drawn with them.

    Groups follow ``order`` (empty ones keep their label with n = 0); counts come from
    :func:`stats.describe_groups`. ``y_title`` names the values (drawn along the x axis, so
    that group labels of several lines fit a phone). Hover gives the organisation
    (``label_col``) and value.
    """
    if _is_empty(df, [value_col, group_col]):
        return empty_figure(title, y_title, None)
    order = _order(df[group_col], order)
    table = stats.describe_groups(df, value_col, group_col, order)
    if table["n"].sum() == 0:
        return empty_figure(title, y_title, None)
    data = df.assign(_value=_numeric(df[value_col])).dropna(subset=["_value", group_col])
    palette = group_colours(order, colours)

    traces = []
    for i, (group, n) in enumerate(zip(table["group"], table["n"], strict=True)):
        if n == 0:
            continue
        part = data[data[group_col] == group]
        colour = palette[group]
        traces.append(
            go.Box(
                x=part["_value"],
                y0=i,
                orientation="h",
                name=str(group),
                width=0.6,
                boxpoints=False,
                line={"color": colour},
                fillcolor="rgba(0,0,0,0)",
                hoverinfo="skip",
            )
        )
        labels = part[label_col].astype(str) if label_col else pd.Series([""] * n)
        traces.append(
            go.Scatter(
                x=part["_value"],
                y=i + _jitter(n),
                mode="markers",
                name=str(group),
                marker={"color": colour, "size": 8, "opacity": 0.8},
                text=labels.to_numpy(),
                hovertemplate="<b>%{text}</b><br>%{xaxis.title.text}: %{x:,.2~f}"
                "<extra>%{fullData.name}</extra>",
            )
        )
    ticks = [n_label(g, n, BOX_TICK) for g, n in zip(table["group"], table["n"], strict=True)]
    small = table.loc[table["small"] & (table["n"] > 0), "group"].tolist()
    subtitle = (
        f"Groups marked small have fewer than {SMALL_GROUP} organisations: read with care."
        if small
        else None
    )
    axis = {
        "tickmode": "array",
        "tickvals": list(range(len(ticks))),
        "ticktext": ticks,
        # The first group at the top, as it reads in the table beside the chart.
        "range": [len(ticks) - 0.5, -0.5],
        "showgrid": False,
        "zeroline": False,
    }
    extra = {"yaxis": axis, "shapes": list(shapes)} if shapes else {"yaxis": axis}
    layout = merged(house_layout(title, y_title, None, subtitle, legend=False), extra)
    return figure(traces, _fit_rows(layout, [t.count("<br>") + 1 for t in ticks]))


def stacked_share(
    df: pd.DataFrame,
    category_col: str,
    group_col: str,
    title: str,
    order: Sequence | None = None,
    colours: Mapping[str, str] = CATEGORY_COLOURS,
    missing_label: str | None = None,
) -> go.Figure:
    """100% horizontal bars: the mix of ``category_col`` within each group (one row each).

    ``order`` is the category order (default: the leadership categories, else sorted); groups
    run top to bottom in their categorical or sorted order, each labelled with its n. Rows
    with no category are left out of the shares; with ``missing_label`` (e.g. "not
    returned") each group's label also counts them: "Acute (n = 80; 5 not returned)".
    """
    if _is_empty(df, [category_col, group_col]):
        return empty_figure(title, "Share of organisations (%)", None)
    without = df.loc[df[category_col].isna() & df[group_col].notna(), group_col].value_counts()
    data = df[[category_col, group_col]].dropna()
    categories = [c for c in _order(data[category_col], order) if c in set(data[category_col])]
    groups = [g for g in _order(data[group_col], None) if g in set(data[group_col])]
    counts = pd.crosstab(data[group_col], data[category_col]).reindex(
        index=groups, columns=categories, fill_value=0
    )
    totals = counts.sum(axis=1)
    shares = counts.div(totals, axis=0) * 100

    def counted(group: object) -> str:
        k = int(without.get(group, 0)) if missing_label else 0
        return f"n = {int(totals[group])}" + (f"; {k} {missing_label}" if k else "")

    def label(group: object) -> str:
        return f"{group} ({counted(group)})"

    y_labels = [label(g) for g in groups]
    palette = group_colours(categories, colours)

    traces = []
    for cat in categories:
        custom = np.column_stack([counts[cat].to_numpy(), totals.to_numpy()])
        traces.append(
            go.Bar(
                x=shares[cat],
                y=y_labels,
                orientation="h",
                name=str(cat),
                marker={"color": palette[cat]},
                customdata=custom,
                texttemplate="%{x:.0f}%",
                textposition="inside",
                insidetextanchor="middle",
                textangle=0,
                textfont={"color": text_colour(palette[cat]), "size": 12},
                hovertemplate="%{y}<br>%{fullData.name}: "
                "%{customdata[0]} of %{customdata[1]} (%{x:.1f}%)<extra></extra>",
            )
        )
    # Tick labels over lines (the group, then its n), so that they leave the bars room on a
    # phone; the category values stay the one-line labels the hover shows.
    ticks = [f"{_wrap(g, 22)}<br>{escape(counted(g))}" for g in groups]
    extra = {
        "yaxis": {
            "tickmode": "array",
            "tickvals": [escape(y) for y in y_labels],
            "ticktext": ticks,
            "autorange": "reversed",
        },
        # A share is written on its bar where it fits at 11 px or more, and left off where
        # not (a narrow segment, a phone): the hover and the data behind the chart give it.
        "barmode": "stack",
        "legend": {"traceorder": "normal"},
        "uniformtext": {"minsize": 11, "mode": "hide"},
        "xaxis": {"range": [0, 100], "ticksuffix": "%"},
    }
    layout = merged(house_layout(title, "Share of organisations (%)", None), extra)
    return figure(traces, _fit_rows(layout, [t.count("<br>") + 1 for t in ticks]))


# Height of a line of tick text and the gap between two bars' labels, in pixels (12 px text).
_TICK_LINE = 16
_ROW_GAP = 10


def _fit_rows(layout: Mapping, lines: Sequence[int]) -> Mapping:
    """``layout`` tall enough that each horizontal bar's tick label (``lines`` lines of text
    per bar) has room beside its bar, given its top and bottom margins: a copy with a new
    height where it needs one, else ``layout`` itself."""
    margin = layout.get("margin", {})
    needed = sum(n * _TICK_LINE + _ROW_GAP for n in lines)
    needed += (margin.get("t") or 0) + (margin.get("b") or 0)
    return {**layout, "height": needed} if needed > (layout.get("height") or HEIGHT) else layout


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

    traces = []
    hover = (
        "<b>%{text}</b><br>%{xaxis.title.text}: %{x:,.2~f}<br>%{yaxis.title.text}: %{y:,.2~f}"
        "<extra>%{fullData.name}</extra>"
    )
    if colour_col is None:
        traces.append(
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
            traces.append(
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
    layout = house_layout(title, x_title, y_title, subtitle, legend=colour_col is not None)
    return figure(traces, merged(layout, _whole_steps(data["_x"])))


# The widest span of whole numbers given a tick at each (a level from 0 to 4, say).
_MAX_WHOLE_STEPS = 12


def _whole_steps(values: pd.Series) -> dict:
    """x axis settings that tick each whole number when every value is one over a short span
    (a scale of levels has no half steps to read), else none."""
    whole = bool((values == values.round()).all())
    if whole and values.max() - values.min() <= _MAX_WHOLE_STEPS:
        return {"xaxis": {"dtick": 1}}
    return {}


def bar(
    df: pd.DataFrame,
    x: str,
    y: str,
    title: str,
    x_title: str,
    y_title: str,
    colour: str = NHS_BLUE,
    orientation: str = "v",
    tick_text: Mapping[str, str] | None = None,
) -> go.Figure:
    """Bars of ``df``: ``x`` and ``y`` name the columns on each axis (as in plotly express);
    with ``orientation="h"`` the values are ``x`` and the bars run top to bottom in row order.

    ``tick_text`` gives upright bars shorter tick labels for some categories (e.g. "8a" for
    "Band 8a" under the axis title "Agenda for Change band"), which fit beside each other on
    a phone where the whole names were turned on their side; the hover keeps the whole name.
    Labels too wide to sit side by side on a phone go in two rows (:func:`_staggered`).
    """
    if orientation not in ("v", "h"):
        raise ValueError("orientation is 'v' or 'h'")
    if _is_empty(df, [x, y]):
        return empty_figure(title, x_title, y_title)
    value, key = (y, x) if orientation == "v" else (x, y)
    data = df.dropna(subset=[x, y])
    trace = go.Bar(
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
    layout = house_layout(title, x_title, y_title, legend=False)
    if orientation == "h":
        # Long labels over lines of about 22 characters, so that on a phone they leave the
        # bars most of the width; each bar gets the height its label needs.
        labels = list(dict.fromkeys(data[y]))
        ticks = [_wrap(label, 22) for label in labels]
        axis = {
            "autorange": "reversed",
            "type": "category",
            "tickmode": "array",
            "tickvals": [escape(label) for label in labels],
            "ticktext": ticks,
        }
        layout = _fit_rows(merged(layout, {"yaxis": axis}), [t.count("<br>") + 1 for t in ticks])
    elif not pd.api.types.is_datetime64_any_dtype(data[key]):
        x_axis: dict = {"type": "category"}
        labels = list(dict.fromkeys(data[x]))
        texts = [escape((tick_text or {}).get(label, label)) for label in labels]
        staggered = _staggered(texts)
        if tick_text or staggered:
            x_axis |= {
                "tickmode": "array",
                "tickvals": [escape(label) for label in labels],
                "ticktext": staggered or texts,
            }
        if staggered:
            x_axis |= {"tickangle": 0, "tickfont": {"size": TICK_SIZE}}
        layout = merged(layout, {"xaxis": x_axis})
    return figure([trace], layout)


# The plot area's width on the narrowest phone in use, 320 px wide (the page's column less the
# y axis's room and the right margin), the tick labels' font size there and the room between
# two, in layout pixels.
PHONE_PLOT_WIDTH = 190
TICK_SIZE = 12
TICK_GAP = 4


def _fit(texts: Sequence[str], step: int) -> bool:
    """Whether tick labels ``step`` apart (1 side by side; 2 when every other one is a line
    lower) leave room between them on a phone, one category each of
    :data:`PHONE_PLOT_WIDTH`; a label as wide as its widest line."""
    room = step * PHONE_PLOT_WIDTH / len(texts)
    lines = [html.unescape(t).split("<br>") for t in texts]
    widths = [max(text_width(line, TICK_SIZE) for line in label) for label in lines]
    pairs = zip(widths[:-step], widths[step:], strict=True)
    return all((a + b) / 2 + TICK_GAP <= room for a, b in pairs)


def _staggered(texts: Sequence[str]) -> list[str] | None:
    """Category tick labels (escaped) in two rows, every other one a line lower, when side
    by side they would not fit upright on a phone (plotly turned them on their side) and in
    two rows they do, each over lines at its hyphens and spaces if it must ("Non-" over
    "AfC"); else None (one row: they fit, or are too many even for two, and plotly turns
    them). Each label is whole and upright either way."""
    if len(texts) < 2 or _fit(texts, 1):
        return None
    for candidate in (texts, [re.sub(r"(?<=-)(?=\S)|\s+", "<br>", t) for t in texts]):
        if _fit(candidate, 2):
            return [f"<br>{t}" if i % 2 else t for i, t in enumerate(candidate)]
    return None


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
    traces = []
    if colour_col is None:
        traces.append(
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
            traces.append(
                go.Scatter(
                    x=part[x],
                    y=part[y],
                    mode="lines+markers",
                    name=str(g),
                    line={"color": palette[g], "width": 2},
                    hovertemplate=hover,
                )
            )
    return figure(traces, house_layout(title, x_title, y_title, legend=colour_col is not None))
