"""Funnel plots (value against group size with control limits) and their tables."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ahp_analytics.analysis import stats
from ahp_analytics.analysis.measures import plural
from ahp_analytics.present import labels as labels_module
from ahp_analytics.present.charts.layout import (
    _excluded_note,
    _is_empty,
    empty_figure,
    figure,
    house_layout,
    merged,
    text_width,
)
from ahp_analytics.present.charts.style import (
    FUNNEL_NUMBERED,
    FUNNEL_STYLES,
    HEIGHT,
    LIMIT_STYLES,
    escape,
)

# The legend's order (plotly's legendrank; drawn in trace order, the points over the lines):
# the lines, then the points furthest out first. Each entry is as wide as its words, so that
# on a phone, where the plot is about 230 px wide, they pair up short with long in three rows:
# 99.8% and 95% limits, Average and Outside 99.8%, Outside 95% and Inside 95%.
LEGEND_RANKS = {
    "998": 1,
    "95": 2,
    "centre": 3,
    "outside_998": 4,
    "outside_95": 5,
    "inside": 6,
    "highlight": 7,
}
# In layout pixels: a legend row at the legend's font size (12 px), a line of the x axis
# title (14 px), and the room from the plot's bottom to the legend under a one-line title.
LEGEND_ROW = 29
X_TITLE_LINE = 23
LEGEND_TOP = 60
# The rows the legend may take on a phone, where the plot is about 230 px wide (one more for
# the ring's entry).
PHONE_LEGEND_ROWS = 3
# Plotly's legend entry beside its text (the symbol, 40 px) and the gap between entries, in
# layout pixels.
LEGEND_SYMBOL = 40
LEGEND_GAP = 5
# Room between the y axis's tick labels and the plot in a picture, in layout pixels: "0%"
# beside the origin clear of the x axis's "0" under it, where plotly's own style let them
# touch ("0%0"). The dashboard's theme leaves them room of its own; more there would narrow
# the plot on a phone, and its legend's rows with it.
Y_TICK_STANDOFF = 8


def _funnel_limit_traces(f: stats.Funnel) -> list[go.Scatter]:
    """The 99.8% and 95% limit curves and the centre line (the pooled average, its value in
    the notes)."""
    limits = f.limits
    traces = []
    for level in reversed(stats.FUNNEL_LEVELS):
        key = f"{level:g}".replace(".", "")
        level_text, dash = LIMIT_STYLES[key]
        for side in ("upper", "lower"):
            traces.append(
                go.Scatter(
                    x=limits["n"],
                    y=limits[f"{side}_{key}"] * 100,
                    mode="lines",
                    name=f"{level_text} limits",
                    meta=f"{side}_{key}",
                    legendgroup=key,
                    legendrank=LEGEND_RANKS[key],
                    showlegend=side == "upper",
                    line={"color": "#4C6272", "dash": dash, "width": 1.5},
                    hovertemplate=f"{side.title()} {level_text} limit: %{{y:.1f}}%"
                    "<br>Denominator: %{x:,.0f}<extra></extra>",
                )
            )
    traces.append(
        go.Scatter(
            x=[limits["n"].iloc[0], limits["n"].iloc[-1]],
            y=[f.p0 * 100, f.p0 * 100],
            mode="lines",
            name="Average",
            meta="centre",
            legendrank=LEGEND_RANKS["centre"],
            line={"color": "#212B32", "width": 1.5},
            hoverinfo="skip",
        )
    )
    return traces


def _funnel_point_traces(points: pd.DataFrame) -> list[go.Scatter]:
    """One trace per status (inside, outside 95%, outside 99.8%), names and figures on hover."""
    status = np.where(
        points["outside_998"], "outside_998", np.where(points["outside_95"], "outside_95", "inside")
    )
    traces = []
    for key, (name, colour, symbol) in FUNNEL_STYLES.items():
        part = points[status == key]
        if part.empty:
            continue
        traces.append(
            go.Scatter(
                x=part["denominator"],
                y=part["proportion"] * 100,
                mode="markers",
                name=name,
                meta=key,
                legendrank=LEGEND_RANKS[key],
                marker={"color": colour, "symbol": symbol, "size": 9, "opacity": 0.85},
                customdata=part[["label", "numerator", "denominator"]].to_numpy(dtype=object),
                hovertemplate="<b>%{customdata[0]}</b><br>Numerator: %{customdata[1]:,.2~f}"
                "<br>Denominator: %{customdata[2]:,.2~f}<br>Proportion: %{y:.1f}%"
                f"<extra>{name}</extra>",
            )
        )
    return traces


def _funnel_highlight(points: pd.DataFrame, highlight: str) -> list[go.Scatter]:
    """A ring around the point of ``highlight`` (no name on the plot, where a long name would
    overlap the numbers or run off the edge; the point's hover names it)."""
    chosen = points[points["label"] == str(highlight)]
    if chosen.empty:
        return []
    return [
        go.Scatter(
            x=chosen["denominator"],
            y=chosen["proportion"] * 100,
            mode="markers",
            name="Chosen (ringed)",
            meta="highlight",
            legendrank=LEGEND_RANKS["highlight"],
            marker={"color": "rgba(0,0,0,0)", "size": 18, "line": {"color": "#212B32", "width": 3}},
            hoverinfo="skip",
        )
    ]


def _funnel_ranges(f: stats.Funnel) -> tuple[list[float], list[float]]:
    """The x (denominator) and y (%) ranges of a funnel plot, fixed so that labels can be
    placed in them: x from 0 to 5% beyond the largest denominator; y over the points, the
    99.8% limits and the centre line with 5% of that span either side (at most 100%), from
    0 when the lowest is within a quarter of the span of 0 (so that a rate near 0 is read
    against 0, and points between 82% and 100% are not squeezed into the top fifth)."""
    x_max = max(float(f.points["denominator"].max()), float(f.limits["n"].max()))
    values = [f.points["proportion"], f.limits["lower_998"], f.limits["upper_998"], [f.p0]]
    low = min(float(np.nanmin(v)) for v in values) * 100
    high = max(float(np.nanmax(v)) for v in values) * 100
    pad = (high - low) * 0.05 or 1.0
    bottom = 0.0 if low <= (high - low) * 0.25 else low - pad
    return [0.0, x_max * 1.05 or 1.0], [bottom, min(high + pad, 100.0)]


def _funnel_points(
    df: pd.DataFrame,
    numerator: str,
    denominator: str,
    label: str,
    adjust: bool,
    group: str | None,
    most: int,
) -> tuple[stats.Funnel, pd.DataFrame, tuple[list[float], list[float]]]:
    """The funnel of ``df``, its points with their ``label`` and ``number`` (1 for the point
    furthest outside the 99.8% limits, up to ``most``, for those a label fits beside at every
    width; else missing) and ``offset`` (the label's place), and the axis ranges."""
    key = group or label
    f = stats.funnel(df[numerator], df[denominator], df[key], adjust=adjust)
    if f.points.empty:
        return f, f.points.assign(label=[], number=[], offset=[]), ([0, 1], [0, 1])
    labels = df.groupby(key, sort=False, dropna=False)[label].first()
    points = f.points.assign(label=f.points["group"].map(labels).fillna("").astype(str))
    x_range, y_range = _funnel_ranges(f)
    fractions = list(
        zip(
            (points["denominator"] - x_range[0]) / (x_range[1] - x_range[0]),
            (points["proportion"] * 100 - y_range[0]) / (y_range[1] - y_range[0]),
            strict=True,
        )
    )
    outer = points.index[points["outside_998"]]
    ranked = sorted(outer, key=lambda i: -abs(float(points.at[i, "z"])))[:most]
    outside = [fractions[i] for i in points.index[points["outside_95"]] if i not in ranked]
    offsets = labels_module.place([fractions[i] for i in ranked], outside)
    numbers = pd.Series(pd.NA, index=points.index, dtype="Int64")
    where = pd.Series(None, index=points.index, dtype=object)
    k = 0
    for i, offset in zip(ranked, offsets, strict=True):
        if offset is not None:
            k += 1
            numbers[i], where[i] = k, offset
    return f, points.assign(number=numbers, offset=where), (x_range, y_range)


def _funnel_numbers(points: pd.DataFrame) -> list[dict]:
    """The numbers of the points furthest outside, each in a box beside its point with a line
    to it; the organisation's name on hover (layout annotations)."""
    colour = FUNNEL_STYLES["outside_998"][1]
    numbered = points[points["number"].notna()]
    columns = ("denominator", "proportion", "number", "label", "offset")
    # Plain tuples: itertuples' named ones build a class each call (a millisecond a chart).
    return [
        {
            "x": denominator,
            "y": proportion * 100,
            "text": str(int(number)),
            "hovertext": escape(label),
            "ax": offset[0],
            "ay": offset[1],
            "showarrow": True,
            "arrowhead": 0,
            "arrowwidth": 1,
            "arrowcolor": "#4C6272",
            "standoff": 5,
            "bgcolor": "white",
            "bordercolor": colour,
            "borderwidth": 1.5,
            "borderpad": 2,
            "font": {"size": 12, "color": "#212B32"},
        }
        for denominator, proportion, number, label, offset in zip(
            *(numbered[c] for c in columns), strict=True
        )
    ]


def funnel_plot(
    df: pd.DataFrame,
    numerator: str,
    denominator: str,
    label: str,
    title: str,
    x_title: str,
    y_title: str,
    highlight: str | None = None,
    adjust: bool = True,
    group: str | None = None,
    most: int = FUNNEL_NUMBERED,
    width: int | None = None,
) -> go.Figure:
    """Proportions (in %) against their denominators with 95% and 99.8% funnel limits.

    Limits, centre line and flags come from :func:`stats.funnel` over the rows of ``df``, rows
    of one ``group`` (default ``label``) added up; ``adjust`` widens the limits for variation
    between organisations beyond chance, as FunnelPlotR does by default, and the notes say so
    in words, with how many points lie outside. Up to ``most`` points furthest outside the
    99.8% limits carry a number (:func:`funnel_table` lists them by it), placed so that no
    two overlap or leave the plot at any width; ``highlight`` rings one by label.
    Organisations without a usable proportion are left out and counted.

    The legend, under the plot, has room for the rows it takes on a phone; given ``width``
    (layout pixels, a picture's), the figure is that wide and has room for the rows it takes
    there (:func:`legend_rows`), the plot area as tall either way, and the y axis's tick
    labels stand off the plot (:data:`Y_TICK_STANDOFF`).
    """
    fig, _ = funnel_plot_and_table(
        df,
        numerator,
        denominator,
        label,
        title,
        x_title,
        y_title,
        highlight,
        adjust,
        group,
        most,
        width,
    )
    return fig


def funnel_plot_and_table(
    df: pd.DataFrame,
    numerator: str,
    denominator: str,
    label: str,
    title: str,
    x_title: str,
    y_title: str,
    highlight: str | None = None,
    adjust: bool = True,
    group: str | None = None,
    most: int = FUNNEL_NUMBERED,
    width: int | None = None,
) -> tuple[go.Figure, pd.DataFrame]:
    """:func:`funnel_plot` and :func:`funnel_table` of the same arguments, the funnel worked
    out once for both."""
    if _is_empty(df, [numerator, denominator, label]):
        return empty_figure(title, x_title, y_title), _empty_table()
    f, points, ranges = _funnel_points(df, numerator, denominator, label, adjust, group, most)
    fig = _funnel_figure(f, points, ranges, (title, x_title, y_title), highlight, width)
    return fig, _table_of(points)


def legend_rows(names: Sequence[str], width: float, font_size: float = 12) -> int:
    """The rows a horizontal legend of ``names`` takes across ``width`` layout pixels (the
    plot area's), by plotly's rule for a legend with grouped entries (the funnel's limits are
    one entry a pair): left to right, each as wide as its words, a new row when the next
    would reach past ``width``. Text widths are estimated on the high side
    (:func:`~.layout.text_width`), so never fewer rows than plotly draws; 0 without names."""
    rows, used = 0, 0.0
    for name in names:
        entry = LEGEND_SYMBOL + text_width(name, font_size) + LEGEND_GAP
        if rows == 0 or used + entry > width:
            rows, used = rows + 1, 0.0
        used += entry
    return rows


def _funnel_figure(
    f: stats.Funnel,
    points: pd.DataFrame,
    ranges: tuple[list[float], list[float]],
    titles: tuple[str, str, str],
    highlight: str | None,
    width: int | None,
) -> go.Figure:
    """The funnel plot of :func:`funnel_plot`; ``titles`` the chart's, x axis's and y axis's."""
    title, x_title, y_title = titles
    if points.empty:
        return empty_figure(title, x_title, y_title)
    x_range, y_range = ranges
    ring = _funnel_highlight(points, highlight) if highlight is not None else []
    traces = _funnel_limit_traces(f) + _funnel_point_traces(points) + ring
    n, numbered = len(points), int(points["number"].notna().sum())
    notes = [
        f"Centre line: the average over the {plural(n, 'organisation')} shown, {f.p0 * 100:.1f}%.",
        f.outside_text(),
        f"Numbers mark the {numbered} furthest outside." if numbered > 1 else "",
        "The number marks the one furthest outside." if numbered == 1 else "",
        f.adjustment_text,
        _excluded_note(f.n_excluded, "no usable numerator and denominator") or "",
    ]
    layout = house_layout(title, x_title, y_title, notes)
    # Under the plot: the x axis title, then the legend in up to three rows on a phone (four
    # with the ring; on a wide screen its entries fit in fewer), or in the rows it takes at a
    # picture's known width; its top a fixed distance under the title whatever the width. The
    # plot area (where the numbers were placed) keeps its height at every width, and on a
    # page without the title (:func:`~.layout.without_title`).
    below = X_TITLE_LINE * layout["xaxis"]["title"]["text"].count("<br>")
    if width is None:
        rows = PHONE_LEGEND_ROWS + (1 if ring else 0)
    else:
        names = [t.name for t in traces if t.showlegend is not False]
        margins = layout["margin"]["l"] + layout["margin"]["r"] + Y_TICK_STANDOFF
        rows = legend_rows(names, width - margins)
    bottom = LEGEND_TOP + rows * LEGEND_ROW + 13 + below
    height = (layout.get("height") or HEIGHT) + bottom - layout["margin"]["b"]
    plot = height - layout["margin"]["t"] - bottom
    extra = {
        "height": height,
        "margin": {"b": bottom},
        "legend": {
            "font": {"size": 12},
            "yref": "paper",
            "yanchor": "top",
            "y": -(LEGEND_TOP + below) / plot,
        },
        "yaxis": {"ticksuffix": "%", "range": y_range, "autorange": False},
        "xaxis": {"range": x_range, "autorange": False},
    }
    if width is not None:
        extra["width"] = width
        extra["yaxis"]["ticklabelstandoff"] = Y_TICK_STANDOFF
    numbers = _funnel_numbers(points)
    if numbers:
        extra["annotations"] = numbers
    return figure(traces, merged(layout, extra))


FUNNEL_TABLE_COLUMNS = (
    "number",
    "label",
    "proportion_pct",
    "numerator",
    "denominator",
    "outside",
    "side",
)


def _empty_table() -> pd.DataFrame:
    return pd.DataFrame(columns=list(FUNNEL_TABLE_COLUMNS))


def funnel_table(
    df: pd.DataFrame,
    numerator: str,
    denominator: str,
    label: str,
    adjust: bool = True,
    group: str | None = None,
    most: int = FUNNEL_NUMBERED,
) -> pd.DataFrame:
    """The organisations outside the 99.8% limits of :func:`funnel_plot` with the same
    arguments (:data:`FUNNEL_TABLE_COLUMNS`): those numbered on the chart first, by their
    ``number``, then the rest furthest out first (no number); ``label``, proportion in per
    cent, numerator and denominator, ``outside`` ("99.8% limits") and ``side`` ("above" or
    "below")."""
    if _is_empty(df, [numerator, denominator, label]):
        return _empty_table()
    _, points, _ = _funnel_points(df, numerator, denominator, label, adjust, group, most)
    return _table_of(points)


def _table_of(points: pd.DataFrame) -> pd.DataFrame:
    out = points[points["outside_998"].astype(bool)] if len(points) else points
    out = out.assign(
        proportion_pct=out["proportion"] * 100,
        outside="99.8% limits",
        side=out["side"].map({"high": "above", "low": "below"}),
        _rank=-out["z"].abs(),
        _numbered=out["number"].isna(),
    )
    out = out.sort_values(["_numbered", "number", "_rank"], kind="stable")
    return out[list(FUNNEL_TABLE_COLUMNS)].reset_index(drop=True)
