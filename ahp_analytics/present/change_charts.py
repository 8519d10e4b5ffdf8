"""Charts of what followed when organisations changed their AHP leadership: each group's mean
before and after with its 95% CI (a slope chart), and each organisation's change by group.

Built in the house style of :mod:`ahp_analytics.present.charts` (whose layout escapes every
text from data); the figures come from :func:`ahp_analytics.analysis.changes.indicator_changes`.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from ahp_analytics.analysis.changes import GROUP_LABELS, GROUPS, ChangeResult
from ahp_analytics.analysis.stats import SMALL_GROUP
from ahp_analytics.present.charts import _subtitle, box_strip, empty_figure
from ahp_analytics.present.charts.layout import (
    figure,
    house_layout,
    merged,
    tall_subtitle,
    vertical_line,
)

# Okabe-Ito blue and vermillion for the two moves, grey for no change; the lines also differ
# in dash and the markers in shape, so they read without colour.
CHANGE_COLOURS = {"moved_up": "#0072B2", "unchanged": "#6B6B6B", "moved_down": "#D55E00"}
_DASH = {"moved_up": "solid", "unchanged": "dot", "moved_down": "dash"}
_SYMBOL = {"moved_up": "triangle-up", "unchanged": "circle", "moved_down": "triangle-down"}
_OFFSET = {"moved_up": -0.03, "unchanged": 0.0, "moved_down": 0.03}  # error bars side by side
# Short enough for a tick on a phone's screen.
TICKS = {"moved_up": "Moved closer", "unchanged": "No change", "moved_down": "Moved away"}


def group_name(group: str, n: int) -> str:
    """Legend and tick text: "Moved closer to the board (n = 19)", ", small" below 5."""
    return f"{GROUP_LABELS[group]} (n = {n}{', small' if n < SMALL_GROUP else ''})"


def slope_chart(result: ChangeResult, title: str, y_title: str) -> go.Figure:
    """Each group's mean in the earlier and the later window, joined by a line, with its 95%
    CI as error bars (none for a group of one), over the organisations with a value in both
    windows. A "No data" figure when no group has any."""
    shown = [g for g in (result.groups[k] for k in GROUPS) if g.n > 0]
    if not shown:
        return empty_figure(title, None, y_title)
    windows = [result.from_window or "Before", result.to_window or "After"]
    traces = []
    for g in shown:
        means = np.array([g.mean_before, g.mean_after])
        low = np.array([g.before_ci[0], g.after_ci[0]])
        high = np.array([g.before_ci[1], g.after_ci[1]])
        traces.append(
            go.Scatter(
                x=[0 + _OFFSET[g.group], 1 + _OFFSET[g.group]],
                y=means,
                mode="lines+markers",
                name=group_name(g.group, g.n),
                line={"color": CHANGE_COLOURS[g.group], "width": 3, "dash": _DASH[g.group]},
                marker={"size": 11, "symbol": _SYMBOL[g.group]},
                error_y={
                    "type": "data",
                    "symmetric": False,
                    "array": high - means,
                    "arrayminus": means - low,
                    "visible": g.n >= 2,
                    "thickness": 1.5,
                    "width": 6,
                },
                customdata=np.column_stack([windows, low, high]).astype(object),
                hovertemplate="%{customdata[0]}: mean %{y:,.3~f}<br>95% CI %{customdata[1]:,.3~f}"
                " to %{customdata[2]:,.3~f}<extra>%{fullData.name}</extra>",
            )
        )
    small = any(g.n < SMALL_GROUP for g in shown)
    lines = _subtitle(
        [
            "Mean of each group with its 95% CI, over the organisations with a value in both "
            "windows.",
            f"Groups marked small have fewer than {SMALL_GROUP}: read with care." if small else "",
        ]
    )
    axis = {
        "tickmode": "array",
        "tickvals": [0, 1],
        "ticktext": windows,
        "range": [-0.35, 1.35],
        "showgrid": False,
    }
    layout = merged(house_layout(title, None, y_title, lines), tall_subtitle(len(lines)))
    return figure(traces, merged(layout, {"xaxis": axis}))


def change_strip(result: ChangeResult, title: str, y_title: str) -> go.Figure:
    """Each organisation's change (later minus earlier) as a point in its group (moved closer
    to the board, no change, moved away from it), with a box per group; ticks say n and flag
    groups under 5; a line marks zero. Hover names the organisation."""
    rows = result.organisations[result.organisations["group"].notna()]
    data = rows.assign(direction=rows["group"].map(TICKS))
    order = [TICKS[g] for g in GROUPS]
    colours = {TICKS[g]: CHANGE_COLOURS[g] for g in GROUPS}
    # Zero is no change: the line the points fall either side of.
    zero = vertical_line(0, {"color": "#4C6272", "width": 1}, below=True)
    return box_strip(
        data, "change", "direction", order, title, y_title, "org_name", colours, shapes=[zero]
    )
