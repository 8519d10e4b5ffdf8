"""The board pack's charts, each a :class:`~.model.Picture`: the plotly figure (from
:mod:`ahp_analytics.present.charts` where the dashboard has one), alternative text that says
what the chart shows, and the data behind it as a table (printed in its place when no picture
can be drawn)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ahp_analytics.analysis import gaps, measures, stats
from ahp_analytics.domain import measures as registry
from ahp_analytics.present import charts
from ahp_analytics.present.boardpack.model import WIDTH, Picture, Table
from ahp_analytics.present.charts import layout

# Marker of the organisation on the spine chart by its position: colour and shape both differ,
# so it reads without colour too.
SPINE_MARKERS = {
    "better": ("Better than most peers", charts.NHS_BLUE, "circle"),
    "worse": ("Worse than most peers", "#D55E00", "diamond"),
    "middle": ("Middle half", "#212B32", "circle-open"),
    "neutral": ("No direction", "#6B6B6B", "square"),
}
SPINE_RANGE, SPINE_MIDDLE = "#E8EDEE", "#AEB7BD"


def _shares_text(counts: pd.DataFrame) -> str:
    parts = [
        f"{c[:1]} {s:.0f}%"
        for c, s in zip(counts["leadership_category"], counts["share_pct"], strict=True)
        if pd.notna(s)
    ]
    missing = int(counts["organisations"].iloc[-1])
    return ", ".join(parts) + (f"; {missing} not returned" if missing else "")


def arrangement(groups: list[tuple[str, pd.DataFrame]], title: str, lead: str) -> Picture:
    """100% bars of the leadership arrangements of each (label, summary rows) of ``groups``;
    ``lead`` opens the alternative text (what the chart is of)."""
    frame = pd.concat([rows.assign(_group=label) for label, rows in groups], ignore_index=True)
    fig = charts.stacked_share(
        frame, "leadership_category", "_group", title, missing_label="not returned"
    )
    body = []
    for label, rows in groups:
        counts = measures.category_counts(rows)
        body += [
            (label, str(c), str(int(n)), "–" if pd.isna(s) else f"{s:.0f}%")
            for c, n, s in zip(
                counts["leadership_category"],
                counts["organisations"],
                counts["share_pct"],
                strict=True,
            )
        ]
    alt = f"Stacked bar chart of leadership arrangements A to E. {lead} " + " ".join(
        f"{label}: {_shares_text(measures.category_counts(rows))}." for label, rows in groups
    )
    table = Table(
        "Data behind the chart: leadership arrangements",
        ("Group", "Arrangement", "Organisations", "Share with a return"),
        tuple(body),
    )
    return Picture("arrangement", title, alt, fig, table, height=360 + 40 * len(groups))


def org_bars(rows: pd.DataFrame, code: str, title: str) -> Picture:
    """Horizontal bars of one measure, one bar per organisation of ``rows`` (by name)."""
    m = registry.measure(code)
    data = rows.assign(_name=rows["org_name"].fillna(rows["org_code"]))[["_name", code]]
    data = data.sort_values("_name", key=lambda s: s.str.lower(), kind="stable")
    fig = charts.bar(data, code, "_name", title, m.title, None, orientation="h")
    have = data.dropna(subset=[code])
    alt = f"Bar chart of the {m.label} of {len(data)} organisations. " + "; ".join(
        f"{n} {m.format(v)}" for n, v in zip(have["_name"], have[code], strict=True)
    )
    missing = len(data) - len(have)
    if missing:
        alt += f". {missing} without a value."
    table = Table(
        f"Data behind the chart: {m.label}",
        ("Organisation", m.title),
        tuple((str(n), m.format(v)) for n, v in zip(data["_name"], data[code], strict=True)),
    )
    return Picture(f"bars-{code}", title, alt, fig, table, height=160 + 26 * max(len(data), 1))


def spc(
    series: pd.DataFrame, column: str, org_code: str, window: str
) -> tuple[Picture, str | None]:
    """The XmR chart of a monthly measure of the organisation up to the window's end
    (``series``: :func:`gaps.monthly_vacancy`), and Making Data Count's variation icon in
    words (None without a value)."""
    m = registry.measure(column)
    title = f"{m.label} by month, {org_code}, to the end of {window}"
    have = series[series[column].notna()]
    fig = charts.spc_chart(series, column, "period_end", title, m.title, m.higher_is_better)
    icon = None
    if len(have):
        res = stats.xmr(series[column], series["period_end"], higher_is_better=m.higher_is_better)
        key = stats.variation_icon(res)
        icon = charts.VARIATION_ICONS[key][0] if key else None
    table = Table(
        f"Data behind the chart: {m.label} by month",
        ("Month", m.title),
        tuple(
            (f"{d:%b %Y}", m.format(v))
            for d, v in zip(have["period_end"], have[column], strict=True)
        ),
    )
    if have.empty:
        alt = f"SPC chart of the monthly {m.label} of {org_code}: no monthly figures to plot."
    else:
        first, last = have["period_end"].iloc[0], have["period_end"].iloc[-1]
        alt = (
            f"SPC (XmR) chart of the monthly {m.label} of {org_code}, {first:%B %Y} to "
            f"{last:%B %Y}, {len(have)} months; latest {m.format(have[column].iloc[-1])}, "
            f"mean {m.format(have[column].mean())}. Variation icon: {icon}."
        )
    return Picture(f"spc-{column}", title, alt, fig, table), icon


def senior_funnel(rows: pd.DataFrame, org_code: str | None, group: str, window: str) -> Picture:
    """The funnel plot of senior band share over ``rows`` (a peer group, the organisation
    ``org_code`` included and ringed; None for a group's pack), as behind the senior_share_low
    flag."""
    title = f"Share of AHP FTE in Band 8a and above, {group}, {window}"
    y_title = "Band 8a and above (% of AHP FTE)"
    # Sized for the picture's width: its legend fits in fewer rows than on a phone.
    fig = charts.funnel_plot(
        rows,
        "senior_fte",
        "ahp_fte",
        "org_code",
        title,
        "AHP FTE",
        y_title,
        highlight=org_code,
        width=WIDTH,
    )
    f = gaps.senior_share_funnel(rows)
    own = f.points[f.points["group"] == org_code] if org_code else f.points.iloc[0:0]
    pct = registry.measure("senior_band_share")
    body = [("Organisations in the plot", str(len(f.points)))]
    alt = f"Funnel plot of the share of AHP FTE in Band 8a and above among {group}, {window}."
    if len(f.points):
        body.append(("Centre line (average)", pct.format(f.p0 * 100)))
    if len(own):
        p = own.iloc[0]
        where = (
            "outside the 99.8% limits"
            if p["outside_998"]
            else "outside the 95% limits"
            if p["outside_95"]
            else "inside the limits"
        )
        body += [
            (f"{org_code}: share", pct.format(p["proportion"] * 100)),
            (f"{org_code}: AHP FTE", registry.measure("ahp_fte").format(p["denominator"])),
            (
                "95% limits at its size",
                f"{pct.format(p['lower_95'] * 100)} to {pct.format(p['upper_95'] * 100)}",
            ),
            (
                "99.8% limits at its size",
                f"{pct.format(p['lower_998'] * 100)} to {pct.format(p['upper_998'] * 100)}",
            ),
        ]
        alt += (
            f" {len(f.points)} organisations; centre line {pct.format(f.p0 * 100)}. {org_code} "
            f"is at {pct.format(p['proportion'] * 100)} with "
            f"{registry.measure('ahp_fte').format(p['denominator'])}, {where}."
        )
    elif org_code:
        alt += f" {org_code} has no share to plot."
    else:
        alt += f" {len(f.points)} organisations; centre line {pct.format(f.p0 * 100)}."
    table = Table("Data behind the chart: senior band share funnel", ("Item", "Value"), tuple(body))
    # Drawn as tall as the figure says: it keeps room for its subtitle and legend, which a
    # shorter picture took from the plot (the y axis title ran into the subtitle).
    return Picture(
        "senior-funnel", title, alt, fig, table, height=int(fig.layout.height or charts.HEIGHT)
    )


def _scale(x: float, low: float, median: float, high: float) -> float:
    """A value on the spine's axis: the lowest peer at -1, the median at 0, the highest at 1,
    linear in between (values beyond the peers held just past the ends)."""
    if x >= median:
        span = high - median
        pos = (x - median) / span if span > 0 else (0.0 if x == median else 1.0)
    else:
        span = median - low
        pos = (x - median) / span if span > 0 else -1.0
    return float(np.clip(pos, -1.1, 1.1))


def _spine_traces(rows: list[dict]) -> list[go.Bar | go.Scatter]:
    """The spine's bars (peers' range and middle half), peer median and the organisation's
    markers, one row per measure of ``rows`` (names as given: :func:`layout.figure` escapes
    them)."""
    names = [r["name"] for r in rows]
    traces: list[go.Bar | go.Scatter] = [
        go.Bar(
            y=names,
            x=[2.0] * len(rows),
            base=[-1.0] * len(rows),
            orientation="h",
            marker={"color": SPINE_RANGE},
            name="Range of peers",
            hoverinfo="skip",
        ),
        go.Bar(
            y=names,
            x=[r["q"][1] - r["q"][0] for r in rows],
            base=[r["q"][0] for r in rows],
            orientation="h",
            marker={"color": SPINE_MIDDLE},
            name="Middle half of peers",
            hoverinfo="skip",
        ),
        go.Scatter(
            y=names,
            x=[0.0] * len(rows),
            mode="markers",
            name="Peer median",
            marker={"symbol": "line-ns", "size": 16, "line": {"width": 2, "color": "#212B32"}},
        ),
    ]
    for key, (name, colour, symbol) in SPINE_MARKERS.items():
        part = [r for r in rows if r["position"] == key]
        if part:
            traces.append(
                go.Scatter(
                    y=[r["name"] for r in part],
                    x=[r["x"] for r in part],
                    mode="markers",
                    name=f"This organisation: {name.lower()}",
                    marker={
                        "color": colour,
                        "symbol": symbol,
                        "size": 12,
                        "line": {"width": 2, "color": colour},
                    },
                )
            )
    return traces


def _spine_layout(title: str) -> dict:
    """The house layout of the spine: bars overlaid, measures top to bottom, and the peers'
    lowest, median and highest marked on the x axis."""
    return layout.merged(
        layout.house_layout(title, None, None),
        {
            "barmode": "overlay",
            "bargap": 0.45,
            "margin": {"t": 70, "l": 20},
            "yaxis": {"autorange": "reversed", "type": "category"},
            "xaxis": {
                "range": [-1.2, 1.2],
                "tickvals": [-1, 0, 1],
                "zeroline": False,
                "ticktext": ["Lowest or worst peer", "Peer median", "Highest or best peer"],
            },
        },
    )


def spine(peers: pd.DataFrame, others: pd.DataFrame, group: str, window: str) -> Picture:
    """A spine chart of every measure and indicator of :func:`measures.peer_comparison` with a
    value and peers: the peers' range, middle half and median, and the organisation."""
    rows = []
    for r in peers.to_dict("records"):
        if pd.isna(r["value"]) or not r["n_peers"] or r["code"] not in others:
            continue
        values = pd.to_numeric(others[r["code"]], errors="coerce").dropna()
        low, high, med = float(values.min()), float(values.max()), float(r["peer_median"])
        flip = -1.0 if r["higher_is_better"] is False else 1.0
        ends = sorted(flip * _scale(v, low, med, high) for v in (r["peer_q1"], r["peer_q3"]))
        position = "neutral" if r["higher_is_better"] is None else r["assessment"]
        rows.append(
            {
                "name": str(r["name"]),
                "x": flip * _scale(float(r["value"]), low, med, high),
                "q": ends,
                "position": position,
            }
        )
    title = f"Measures and indicators against {group} peers, {window}"
    fig = layout.figure(_spine_traces(rows), _spine_layout(title))
    better = [r["name"] for r in rows if r["position"] == "better"]
    worse = [r["name"] for r in rows if r["position"] == "worse"]
    alt = (
        f"Spine chart of {len(rows)} measures and indicators against {group} peers, {window}. "
        f"Better than most peers on {len(better)}: {'; '.join(better) or 'none'}. Worse than "
        f"most peers on {len(worse)}: {'; '.join(worse) or 'none'}."
    )
    table = Table(
        "Data behind the chart: position among peers",
        ("Measure", "Position"),
        tuple((r["name"], SPINE_MARKERS[r["position"]][0]) for r in rows),
    )
    return Picture("spine", title, alt, fig, table, height=200 + 30 * max(len(rows), 1))
