"""Plotly figure builders: a DataFrame in, a ``go.Figure`` out; no data access, no Streamlit.

Every figure has a title that says what it shows, axis titles with units, the ``plotly_white``
template and, for an empty frame, an annotation "No data for the current filters" instead of an
exception. Statistics come from :mod:`ahp_analytics.analysis.stats` so charts, tables and exports
agree.

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
from dataclasses import dataclass
from datetime import date
from itertools import cycle

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ahp_analytics.analysis import stats
from ahp_analytics.analysis.measures import plural
from ahp_analytics.domain.measures import CATEGORIES, NOT_RETURNED
from ahp_analytics.present import labels as labels_module

NHS_BLUE = "#005EB8"
NO_DATA = "No data for the current filters"
FONT = {"family": "Arial, Helvetica, sans-serif", "size": 14, "color": "#212B32"}
TEMPLATE = "plotly_white"

# The leadership arrangement categories, A to E, as the registry defines them.
CATEGORY_ORDER = CATEGORIES
MISSING_COLOUR = "#999999"
# Okabe-Ito palette (colour-blind safe): dark to light blue for the two board-level
# arrangements, green and orange below the board, reddish purple for an explicit nil return
# (E), and grey for organisations that sent no leadership return (Not returned), charted as
# their own group after E.
CATEGORY_COLOURS: dict[str, str] = dict(
    zip(
        (*CATEGORY_ORDER, NOT_RETURNED),
        ["#0072B2", "#56B4E9", "#009E73", "#E69F00", "#CC79A7", MISSING_COLOUR],
        strict=True,
    )
)
# Further Okabe-Ito colours for groupings other than the leadership categories.
OTHER_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000"]

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
SPC_TARGET_COLOUR = "#D5281B"
SPC_RULES = stats.SPC_RULES
# Making Data Count's icons (NHSRplotthedots' geom_ptd_icon) as coloured words: what each says
# and the colour of its variation (SPC_COLOURS) or of passing, failing or hit and miss.
VARIATION_ICONS = {
    "common_cause": ("Common cause variation", SPC_COLOURS["common cause"]),
    "improvement_high": (
        "Special cause improvement, higher",
        SPC_COLOURS["special cause improvement"],
    ),
    "improvement_low": (
        "Special cause improvement, lower",
        SPC_COLOURS["special cause improvement"],
    ),
    "concern_high": ("Special cause concern, higher", SPC_COLOURS["special cause concern"]),
    "concern_low": ("Special cause concern, lower", SPC_COLOURS["special cause concern"]),
    "neither_high": ("Special cause, higher", SPC_COLOURS["special cause neither"]),
    "neither_low": ("Special cause, lower", SPC_COLOURS["special cause neither"]),
}
ASSURANCE_ICONS = {
    "consistent_pass": (
        "Consistently passing the target",
        SPC_COLOURS["special cause improvement"],
    ),
    "consistent_fail": ("Consistently failing the target", SPC_COLOURS["special cause concern"]),
    "inconsistent": ("Hit and miss: the target is inside the limits", "#6B6B6B"),
}

# Funnel plot point styles: colour and shape both differ, so they read without colour too.
FUNNEL_STYLES = {
    "inside": ("Inside 95%", NHS_BLUE, "circle"),
    "outside_95": ("Outside 95%", "#E69F00", "diamond"),
    "outside_998": ("Outside 99.8%", "#D55E00", "square"),
}
LIMIT_STYLES = {"95": ("95%", "dash"), "998": ("99.8%", "solid")}
# The points furthest outside the 99.8% limits that carry a number on a funnel plot; the rest
# are listed in its table (funnel_table).
FUNNEL_NUMBERED = 5
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


# Badge colours (the names Streamlit's badges take) of the SPC icons, for pages that show the
# icons beside the chart rather than in it: the Making Data Count colour each icon is drawn in.
BADGE_COLOURS = {
    SPC_COLOURS["common cause"]: "gray",
    SPC_COLOURS["special cause improvement"]: "blue",
    SPC_COLOURS["special cause concern"]: "orange",
    SPC_COLOURS["special cause neither"]: "violet",
    "#6B6B6B": "gray",
}
# The subtitle is wrapped at about this many characters inside a figure (plotly does not wrap
# text); pages show the title and notes outside the figure instead, where text wraps.
SUBTITLE_WIDTH = 70
AXIS_TITLE_WIDTH = 32
HEIGHT = 450


@dataclass(frozen=True)
class ChartText:
    """What a figure says in words, as given (not escaped): its title, the sentences under
    it and the SPC icons as (words, badge colour) pairs."""

    title: str
    notes: tuple[str, ...] = ()
    icons: tuple[tuple[str, str], ...] = ()


def _layout(
    fig: go.Figure,
    title: str,
    x_title: str | None,
    y_title: str | None,
    notes: str | Sequence[str] | None = None,
    legend: bool = True,
    icons: Sequence[tuple[str, str]] = (),
) -> go.Figure:
    """House style: plotly_white, readable font, left-aligned title, legend below the plot.

    The texts given and the traces' data texts are escaped here, once: call it once per figure,
    after the traces are added. ``notes`` (sentences) become the subtitle, wrapped into lines
    of about :data:`SUBTITLE_WIDTH` characters, under a line of SPC ``icons`` ((words, colour)
    pairs) when given. The texts are also kept whole in ``layout.meta`` for :func:`chart_text`."""
    _escape_traces(fig)
    notes = [notes] if isinstance(notes, str) else [n for n in notes or () if n]
    lines = [escape(line) for line in _subtitle(notes)] if notes else []
    if icons:
        lines.insert(
            0,
            "   ".join(
                f'<span style="color:{colour}">● <b>{escape(words)}</b></span>'
                for words, colour in icons
            ),
        )
    fig.update_layout(
        template=TEMPLATE,
        font=FONT,
        # Escaped too: plotly fills %{meta...} in titles and legend names with it.
        meta={
            "title": escape(title),
            "notes": [escape(n) for n in notes],
            "icons": [[escape(w), BADGE_COLOURS.get(c, "gray")] for w, c in icons],
        },
        title={
            "text": escape(title),
            "x": 0,
            "xanchor": "left",
            "font": {"size": 18},
            "subtitle": {"text": "<br>".join(lines), "font": {"size": 13, "color": "#4C6272"}},
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
    if len(lines) > 1:
        _tall_subtitle(fig, len(lines))
    fig.update_xaxes(title_text=_axis_title(x_title), automargin=True)
    fig.update_yaxes(title_text=_axis_title(y_title), automargin=True)
    return fig


def _axis_title(text: str | None) -> str | None:
    """An axis title escaped, in lines of at most :data:`AXIS_TITLE_WIDTH` characters, so that
    a long one fits a chart on a phone (plotly does not wrap it)."""
    if text is None:
        return None
    return "<br>".join(escape(line) for line in textwrap.wrap(str(text), AXIS_TITLE_WIDTH)) or (
        escape(text)
    )


def _subtitle(parts: Sequence[str], width: int = SUBTITLE_WIDTH) -> list[str]:
    """Sentences joined and wrapped into lines of about ``width`` characters (plotly does not
    wrap a subtitle; 70 fit a chart in half the page)."""
    return textwrap.wrap(" ".join(p for p in parts if p), width) or [""]


def _tall_subtitle(fig: go.Figure, lines: int) -> None:
    """Title at the top of the figure and room below it for a subtitle of ``lines`` lines,
    with the plot area kept as tall as with one line."""
    fig.update_layout(
        title={"y": 1, "yref": "container", "yanchor": "top", "pad": {"t": 12}},
        margin={"t": 60 + 18 * lines},
        height=HEIGHT + 18 * (lines - 1),
    )


def chart_text(fig: go.Figure) -> ChartText:
    """The title, notes and icons of a figure made here, as given (:class:`ChartText`)."""
    meta = fig.layout.meta if isinstance(fig.layout.meta, dict) else {}
    title = html.unescape(meta.get("title", fig.layout.title.text or ""))
    return ChartText(
        title,
        tuple(html.unescape(n) for n in meta.get("notes", ())),
        tuple((html.unescape(w), str(c)) for w, c in meta.get("icons", ())),
    )


def without_title(fig: go.Figure) -> go.Figure:
    """A copy of ``fig`` without its title and subtitle, the plot area as tall as before: for
    a page that shows :func:`chart_text` above the chart, where text wraps at any width."""
    out = go.Figure(fig)
    height = fig.layout.height or HEIGHT
    top = fig.layout.margin.t if fig.layout.margin.t is not None else 90
    out.update_layout(
        title={"text": "", "subtitle": {"text": ""}},
        margin={"t": 16},
        height=max(height - max(top - 16, 0), 250),
    )
    return out


def share_range(figures: Sequence[go.Figure], axis: str = "x") -> None:
    """Give figures shown side by side one range on ``axis`` ("x" or "y"): from the smallest
    to the largest value any of their traces draws there, plus a margin of 4% on a number
    axis (dates are held as they are). Figures with nothing drawn are left alone."""
    values: list = []
    for fig in figures:
        for trace in fig.data:
            found = getattr(trace, axis, None)
            if found is not None:
                values += [v for v in found if v is not None]
    if not values:
        return
    series = pd.Series(values)
    dates = pd.to_datetime(series, errors="coerce") if series.dtype == object else None
    if pd.api.types.is_datetime64_any_dtype(series) or (
        dates is not None and dates.notna().all() and not pd.api.types.is_numeric_dtype(series)
    ):
        stamps = pd.to_datetime(series)
        low, high = stamps.min(), stamps.max()
        pad = (high - low) * 0.02
        bounds = [low - pad, high + pad]
    else:
        numbers = pd.to_numeric(series, errors="coerce").dropna()
        if numbers.empty:
            return
        low, high = float(numbers.min()), float(numbers.max())
        pad = (high - low) * 0.04 or abs(high) * 0.04 or 1.0
        bounds = [low - pad, high + pad]
    for fig in figures:
        if fig.data:
            fig.update_layout({f"{axis}axis": {"range": bounds, "autorange": False}})


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
    """Numbers as float64, anything else NaN (a nullable integer's NA too)."""
    return pd.to_numeric(s, errors="coerce").astype("float64")


def _luminance(colour: str) -> float:
    """Relative luminance of a ``#RRGGBB`` colour (WCAG 2)."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def text_colour(background: str) -> str:
    """Black or white, whichever contrasts more with ``background`` (``#RRGGBB``)."""
    lum = _luminance(background)
    return "#000000" if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else "#FFFFFF"


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
    if set(present) <= set(CATEGORY_COLOURS):
        return [c for c in CATEGORY_COLOURS if c in present]
    return sorted(present, key=str)


def _wrap(text: object, width: int = 18) -> str:
    """Tick text: ``text`` escaped, in lines of at most ``width`` characters."""
    return "<br>".join(escape(line) for line in textwrap.wrap(str(text), width)) or escape(text)


def _excluded_note(n: int, what: str) -> str | None:
    if n <= 0:
        return None
    return f"{n} organisation{'s' if n != 1 else ''} left out ({what})."


# --- funnel plot ---------------------------------------------------------------------------


def _funnel_limit_traces(fig: go.Figure, f: stats.Funnel) -> None:
    """The 99.8% and 95% limit curves and the centre line (the pooled average)."""
    limits = f.limits
    for level in reversed(stats.FUNNEL_LEVELS):
        key = f"{level:g}".replace(".", "")
        level_text, dash = LIMIT_STYLES[key]
        for side in ("upper", "lower"):
            fig.add_trace(
                go.Scatter(
                    x=limits["n"],
                    y=limits[f"{side}_{key}"] * 100,
                    mode="lines",
                    name=f"{level_text} limits",
                    meta=f"{side}_{key}",
                    legendgroup=key,
                    showlegend=side == "upper",
                    line={"color": "#4C6272", "dash": dash, "width": 1.5},
                    hovertemplate=f"{side.title()} {level_text} limit: %{{y:.1f}}%"
                    "<br>Denominator: %{x:,.0f}<extra></extra>",
                )
            )
    fig.add_trace(
        go.Scatter(
            x=[limits["n"].iloc[0], limits["n"].iloc[-1]],
            y=[f.p0 * 100, f.p0 * 100],
            mode="lines",
            name=f"Average {f.p0 * 100:.1f}%",
            meta="centre",
            line={"color": "#212B32", "width": 1.5},
            hoverinfo="skip",
        )
    )


def _funnel_point_traces(fig: go.Figure, points: pd.DataFrame) -> None:
    """One trace per status (inside, outside 95%, outside 99.8%), names and figures on hover."""
    status = np.where(
        points["outside_998"], "outside_998", np.where(points["outside_95"], "outside_95", "inside")
    )
    for key, (name, colour, symbol) in FUNNEL_STYLES.items():
        part = points[status == key]
        if part.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=part["denominator"],
                y=part["proportion"] * 100,
                mode="markers",
                name=name,
                meta=key,
                marker={"color": colour, "symbol": symbol, "size": 9, "opacity": 0.85},
                customdata=part[["label", "numerator", "denominator"]].to_numpy(dtype=object),
                hovertemplate="<b>%{customdata[0]}</b><br>Numerator: %{customdata[1]:,.2~f}"
                "<br>Denominator: %{customdata[2]:,.2~f}<br>Proportion: %{y:.1f}%"
                f"<extra>{name}</extra>",
            )
        )


def _funnel_highlight(fig: go.Figure, points: pd.DataFrame, highlight: str) -> None:
    """A ring around the point of ``highlight`` (no name on the plot, where a long name would
    overlap the numbers or run off the edge; the point's hover names it)."""
    chosen = points[points["label"] == str(highlight)]
    if chosen.empty:
        return
    fig.add_trace(
        go.Scatter(
            x=chosen["denominator"],
            y=chosen["proportion"] * 100,
            mode="markers",
            name="Chosen (ringed)",
            meta="highlight",
            marker={"color": "rgba(0,0,0,0)", "size": 18, "line": {"color": "#212B32", "width": 3}},
            hoverinfo="skip",
        )
    )


def _funnel_ranges(f: stats.Funnel) -> tuple[list[float], list[float]]:
    """The x (denominator) and y (%) ranges of a funnel plot: from 0 to 5% beyond the largest
    value drawn, fixed so that labels can be placed in them."""
    x_max = max(float(f.points["denominator"].max()), float(f.limits["n"].max()))
    y_max = max(
        float(f.points["proportion"].max()) * 100,
        float(f.limits["upper_998"].max()) * 100,
        float(f.p0) * 100,
    )
    return [0.0, x_max * 1.05 or 1.0], [0.0, min(y_max * 1.05, 100.0) or 1.0]


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
            points["denominator"] / x_range[1],
            points["proportion"] * 100 / y_range[1],
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


def _funnel_numbers(fig: go.Figure, points: pd.DataFrame) -> None:
    """The numbers of the points furthest outside, each in a box beside its point with a line
    to it; the organisation's name on hover."""
    for row in points[points["number"].notna()].itertuples():
        colour = FUNNEL_STYLES["outside_998"][1]
        fig.add_annotation(
            x=row.denominator,
            y=row.proportion * 100,
            text=str(int(row.number)),
            hovertext=escape(row.label),
            ax=row.offset[0],
            ay=row.offset[1],
            showarrow=True,
            arrowhead=0,
            arrowwidth=1,
            arrowcolor="#4C6272",
            standoff=5,
            bgcolor="white",
            bordercolor=colour,
            borderwidth=1.5,
            borderpad=2,
            font={"size": 12, "color": "#212B32"},
        )


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
) -> go.Figure:
    """Proportions (in %) against their denominators with 95% and 99.8% funnel limits.

    Limits, centre line and flags come from :func:`stats.funnel` over the rows of ``df``, rows
    of one ``group`` (default ``label``) added up; ``adjust`` widens the limits for variation
    between organisations beyond chance, as FunnelPlotR does by default, and the notes say so
    in words, with how many points lie outside. Up to ``most`` points furthest outside the
    99.8% limits carry a number (:func:`funnel_table` lists them by it), placed so that no
    two overlap or leave the plot at any width; ``highlight`` rings one by label.
    Organisations without a usable proportion are left out and counted.
    """
    if _is_empty(df, [numerator, denominator, label]):
        return empty_figure(title, x_title, y_title)
    f, points, (x_range, y_range) = _funnel_points(
        df, numerator, denominator, label, adjust, group, most
    )
    if points.empty:
        return empty_figure(title, x_title, y_title)

    fig = go.Figure()
    _funnel_limit_traces(fig, f)
    _funnel_point_traces(fig, points)
    if highlight is not None:
        _funnel_highlight(fig, points, highlight)
    _funnel_numbers(fig, points)
    n, numbered = len(points), int(points["number"].notna().sum())
    notes = [
        f"Centre line: the average over the {plural(n, 'organisation')} shown, {f.p0 * 100:.1f}%.",
        f.outside_text(),
        f"Numbers mark the {numbered} furthest outside." if numbered > 1 else "",
        "The number marks the one furthest outside." if numbered == 1 else "",
        f.adjustment_text,
        _excluded_note(f.n_excluded, "no usable numerator and denominator") or "",
    ]
    _layout(fig, title, x_title, y_title, notes)
    # Two legend entries a row at every width, in room kept for three rows under the plot,
    # so that the plot area (where the numbers were placed) keeps its height on a phone too.
    fig.update_layout(
        height=(fig.layout.height or HEIGHT) + 40,
        margin={"b": 150},
        legend={"font": {"size": 12}, "entrywidth": 0.45, "entrywidthmode": "fraction"},
    )
    fig.update_yaxes(ticksuffix="%", range=y_range, autorange=False)
    fig.update_xaxes(range=x_range, autorange=False)
    return fig


FUNNEL_TABLE_COLUMNS = (
    "number",
    "label",
    "proportion_pct",
    "numerator",
    "denominator",
    "outside",
    "side",
)


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
        return pd.DataFrame(columns=list(FUNNEL_TABLE_COLUMNS))
    _, points, _ = _funnel_points(df, numerator, denominator, label, adjust, group, most)
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


# --- SPC chart -----------------------------------------------------------------------------


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


def _spc_lines(fig: go.Figure, res: pd.DataFrame, target: float | None) -> None:
    """The value line (broken at gaps), the centre line and the process limits of each
    segment, and the target when there is one."""
    fig.add_trace(
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
    )
    one = res["segment"].nunique() == 1
    name = f"Average, the centre line ({res['mean'].iloc[0]:,.2f})" if one else "Average"
    x, y = _by_segment(res, "mean")
    fig.add_trace(
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
            fig.add_trace(
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
        fig.add_trace(
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


def _spc_markers(fig: go.Figure, res: pd.DataFrame, y_title: str, x_hover: str) -> None:
    """A marker per point, coloured by its variation, with the rule that fired on hover."""
    rules = res.apply(_rules_text, axis=1) if len(res) else pd.Series(dtype=object)
    for variation, colour in SPC_COLOURS.items():
        mask = (res["variation"] == variation).to_numpy()
        if not mask.any():
            continue
        fig.add_trace(
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


def _when(d: object) -> str:
    """A point in time for a sentence: "Apr 2023" for a date, else "point k"."""
    return pd.Timestamp(d).strftime("%b %Y") if isinstance(d, date) else f"point {int(d) + 1}"


def _spc_icons(
    res: pd.DataFrame, higher_is_better: bool | None, target: float | None
) -> list[tuple[str, str]]:
    """The variation icon and, with a target, the assurance icon: (words, colour) pairs."""
    icons = []
    variation = stats.variation_icon(res)
    if variation is not None:
        icons.append(VARIATION_ICONS[variation])
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


def _month_axis(fig: go.Figure, dates: pd.Series) -> None:
    """Ticks on months, labelled "Apr 2023", at most about a dozen of them."""
    first, last = pd.Timestamp(dates.iloc[0]), pd.Timestamp(dates.iloc[-1])
    span = (last.year - first.year) * 12 + last.month - first.month + 1
    step = next(
        s for s, up_to in ((1, 12), (3, 36), (6, 72), (12, None)) if up_to is None or span <= up_to
    )
    fig.update_xaxes(tickformat="%b %Y", hoverformat="%b %Y", dtick=f"M{step}", tick0=first)


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

    fig = go.Figure()
    _spc_lines(fig, res, target)
    _spc_markers(fig, res, y_title, "%{x|%b %Y}" if is_date else "%{x}")
    for start in res.groupby("segment")["date"].first().iloc[1:]:
        fig.add_vline(x=start, line={"color": "#4C6272", "dash": "dot", "width": 1})
    notes = [_spc_limits_text(res, baseline)]
    if higher_is_better is None:
        notes.append("Direction of improvement not known.")
    _layout(fig, title, x_title, y_title, notes, icons=_spc_icons(res, higher_is_better, target))
    if is_date:
        _month_axis(fig, res["date"])
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
                texttemplate="%{x:.0f}%",
                textposition="inside",
                insidetextanchor="middle",
                textangle=0,
                textfont={"color": text_colour(palette[cat]), "size": 12},
                hovertemplate="%{y}<br>%{fullData.name}: "
                "%{customdata[0]} of %{customdata[1]} (%{x:.1f}%)<extra></extra>",
            )
        )
    _layout(fig, title, "Share of organisations (%)", None)
    # Tick labels over lines (the group, then its n), so that they leave the bars room on a
    # phone; the category values stay the one-line labels the hover shows.
    fig.update_yaxes(
        tickmode="array",
        tickvals=[escape(y) for y in y_labels],
        ticktext=[f"{_wrap(g, 22)}<br>{escape(counted(g))}" for g in groups],
    )
    # A share is written on its bar where it fits at 11 px or more, and left off where not
    # (a narrow segment, a phone): the hover and the data behind the chart still give it.
    fig.update_layout(
        barmode="stack",
        legend={"traceorder": "normal"},
        uniformtext={"minsize": 11, "mode": "hide"},
    )
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
