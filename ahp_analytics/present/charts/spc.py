"""Statistical process control charts: the series, its limits, rules and icons."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ahp_analytics.analysis import stats
from ahp_analytics.present.charts.layout import (
    _is_empty,
    empty_figure,
    figure,
    house_layout,
    merged,
    vertical_line,
)
from ahp_analytics.present.charts.style import (
    ASSURANCE_ICONS,
    SPC_COLOURS,
    SPC_LIMIT_COLOUR,
    SPC_LINE_COLOUR,
    SPC_MEAN_COLOUR,
    SPC_NAMES,
    SPC_RULES,
    SPC_TARGET_COLOUR,
    VARIATION_ICONS,
)


def _rules_text(row: pd.Series) -> str:
    if not row["special_cause"]:
        return "Common cause variation"
    fired = "; ".join(text for col, text in SPC_RULES.items() if row[col])
    return f"{row['variation'].capitalize()}: {fired}"


def _by_segment(res: pd.DataFrame, column: str) -> tuple[list, list]:
    """x and y of a line drawn per segment, broken (None) where a new segment starts."""
    xs: list = []
    ys: list = []
    for _, part in res.groupby("segment", sort=True):
        if xs:
            xs.append(None)
            ys.append(None)
        xs += part["date"].tolist()
        ys += part[column].tolist()
    return xs, ys


def _spc_lines(res: pd.DataFrame, target: float | None) -> list[go.Scatter]:
    """The value line (broken at gaps), the centre line and the process limits of each
    segment, and the target when there is one."""
    traces = [
        go.Scatter(
            x=res["date"],
            y=res["value"],
            mode="lines",
            name="Value",
            meta="value_line",
            showlegend=False,
            line={"color": SPC_LINE_COLOUR, "width": 2},
            hoverinfo="skip",
        )
    ]
    one = res["segment"].nunique() == 1
    name = f"Average, the centre line ({res['mean'].iloc[0]:,.2f})" if one else "Average"
    x, y = _by_segment(res, "mean")
    traces.append(
        go.Scatter(
            x=x,
            y=y,
            mode="lines",
            name=name,
            meta="mean",
            line={"color": SPC_MEAN_COLOUR, "width": 1.5},
            hoverinfo="skip",
        )
    )
    if res["upper"].notna().any():
        limit_name = (
            "Process limits (provisional)" if res["provisional"].any() else "Process limits"
        )
        for side in ("upper", "lower"):
            x, y = _by_segment(res, side)
            traces.append(
                go.Scatter(
                    x=x,
                    y=y,
                    mode="lines",
                    name=limit_name,
                    meta=side,
                    legendgroup="limits",
                    showlegend=side == "upper",
                    line={"color": SPC_LIMIT_COLOUR, "dash": "dash", "width": 1.5},
                    hovertemplate=f"{side.title()} process limit: %{{y:,.2f}}<extra></extra>",
                )
            )
    if target is not None:
        traces.append(
            go.Scatter(
                x=[res["date"].iloc[0], res["date"].iloc[-1]],
                y=[target, target],
                mode="lines",
                name=f"Target ({target:,.2f})",
                meta="target",
                line={"color": SPC_TARGET_COLOUR, "dash": "dot", "width": 2},
                hoverinfo="skip",
            )
        )
    return traces


def _spc_markers(res: pd.DataFrame, x_hover: str) -> list[go.Scatter]:
    """A marker per point, coloured by its variation, with the rule that fired on hover."""
    rules = res.apply(_rules_text, axis=1) if len(res) else pd.Series(dtype=object)
    traces = []
    for variation, colour in SPC_COLOURS.items():
        mask = (res["variation"] == variation).to_numpy()
        if not mask.any():
            continue
        traces.append(
            go.Scatter(
                x=res.loc[mask, "date"],
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
    return traces


def _when(d: object) -> str:
    """A point in time for a sentence: "Apr 2023" for a date, else "point k"."""
    return pd.Timestamp(d).strftime("%b %Y") if isinstance(d, date) else f"point {int(d) + 1}"


def _spc_icons(
    res: pd.DataFrame, higher_is_better: bool | None, target: float | None
) -> list[tuple[str, str]]:
    """The variation icon and, with a target, the assurance icon: (words, colour) pairs. The
    variation icon is the latest point's, and says so ("Mar 2025: common cause variation"),
    since earlier points on the same chart may be special causes."""
    icons = []
    variation = stats.variation_icon(res)
    if variation is not None:
        words, colour = VARIATION_ICONS[variation]
        latest = res.loc[res["value"].notna(), "date"].iloc[-1]
        icons.append((f"{_when(latest)}: {words[0].lower()}{words[1:]}", colour))
    assurance = stats.assurance_icon(res, target, higher_is_better)
    if assurance is not None:
        icons.append(ASSURANCE_ICONS[assurance])
    return icons


def _spc_limits_text(res: pd.DataFrame, baseline: int | None) -> str:
    """How the limits were worked out, in words: none, provisional, from all points, fixed on
    a baseline, or recalculated from a month."""
    if res["upper"].isna().all():
        return (
            f"Too few points for process limits (at least {stats.XMR_MIN_POINTS}): a run "
            "chart only, with its average."
        )
    starts = res.groupby("segment")["date"].first().tolist()
    if len(starts) > 1:
        text = (
            "Limits recalculated from "
            + ", ".join(_when(d) for d in starts[1:])
            + ": each part has its own average and limits"
        )
    elif baseline is not None:
        used = res.loc[res["baseline"], "date"]
        text = (
            f"Limits fixed on the first {len(used)} points ({_when(used.iloc[0])} to "
            f"{_when(used.iloc[-1])})"
        )
    else:
        text = f"Limits from all {int(res['limit_points'].iloc[0])} points"
    text += f", at the average +/- {stats.XMR_LIMIT:g} x the average moving range."
    if res["provisional"].any():
        text += (
            f" Provisional limits (fewer than {stats.XMR_STABLE_POINTS} points): read special "
            "causes with care."
        )
    return text


def _month_axis(dates: pd.Series) -> dict:
    """x axis settings: ticks on months, labelled "Apr 2023", at most about a dozen of them."""
    first, last = pd.Timestamp(dates.iloc[0]), pd.Timestamp(dates.iloc[-1])
    span = (last.year - first.year) * 12 + last.month - first.month + 1
    step = next(
        s for s, up_to in ((1, 12), (3, 36), (6, 72), (12, None)) if up_to is None or span <= up_to
    )
    return {"tickformat": "%b %Y", "hoverformat": "%b %Y", "dtick": f"M{step}", "tick0": first}


def spc_chart(
    series_df: pd.DataFrame,
    value_col: str,
    date_col: str,
    title: str,
    y_title: str,
    higher_is_better: bool | None = None,
    x_title: str = "Month",
    *,
    baseline: int | None = None,
    rebase: Sequence = (),
    target: float | None = None,
) -> go.Figure:
    """Making Data Count XmR chart of one series (:func:`stats.xmr`), months on the axis.

    Grey value line (broken where a month is missing), markers coloured by variation
    (improvement or concern by ``higher_is_better``; "neither" when it is None), the average
    and dashed process limits of each segment, fixed on the first ``baseline`` points or
    recalculated from each ``rebase`` date. The subtitle gives the variation icon, the
    assurance icon when a ``target`` is given, and how the limits were worked out (none below
    6 points, provisional below 13).
    """
    if _is_empty(series_df, [value_col, date_col]):
        return empty_figure(title, x_title, y_title)
    res = stats.xmr(
        series_df[value_col],
        series_df[date_col],
        higher_is_better=higher_is_better,
        baseline=baseline,
        rebase=rebase,
    )
    if res["value"].isna().all():
        return empty_figure(title, x_title, y_title)
    is_date = pd.api.types.is_datetime64_any_dtype(res["date"])

    traces = _spc_lines(res, target) + _spc_markers(res, "%{x|%b %Y}" if is_date else "%{x}")
    notes = [_spc_limits_text(res, baseline)]
    if higher_is_better is None:
        notes.append("Direction of improvement not known.")
    icons = _spc_icons(res, higher_is_better, target)
    layout = house_layout(title, x_title, y_title, notes, icons=icons)
    starts = res.groupby("segment")["date"].first().iloc[1:]
    extra: dict = {}
    if len(starts):
        extra["shapes"] = [
            vertical_line(start, {"color": "#4C6272", "dash": "dot", "width": 1})
            for start in starts
        ]
    if is_date:
        extra["xaxis"] = _month_axis(res["date"])
    return figure(traces, merged(layout, extra))
