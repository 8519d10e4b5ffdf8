"""Chart colours, sizes and icons, and escaping of text that reaches a chart."""

from __future__ import annotations

import html

import numpy as np
import plotly.graph_objects as go

from ahp_analytics.analysis import stats
from ahp_analytics.domain.measures import CATEGORIES, NOT_RETURNED

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
