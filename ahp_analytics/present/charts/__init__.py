"""Plotly figure builders: a DataFrame in, a ``go.Figure`` out; no data access, no Streamlit.

Every figure has a title that says what it shows, axis titles with units, the ``plotly_white``
template and, for an empty frame, an annotation "No data for the current filters" instead of an
exception. Statistics come from :mod:`ahp_analytics.analysis.stats` so charts, tables and exports
agree.

Plotly renders a subset of HTML (``<a href>``, ``<b>``, ``<br>``...) in every text of a figure.
Text from data (names, groups, titles and axis titles, which may quote an indicator's name) is
escaped once, by :func:`~.layout.figure`, which every builder calls last; the builders' own
markup lives in hover templates and tick texts, which never quote data but refer to it
(``%{text}``, ``%{fullData.name}``, ``%{yaxis.title.text}``).

A figure is cheapest built in one go, its traces and whole layout (:func:`~.layout.house_layout`
merged with its own settings) given at construction: plotly validates each property once, where
``update_layout``, ``update_xaxes``, ``add_trace`` and ``add_annotation`` on a built figure
validated much of it again.
"""

from __future__ import annotations

from ahp_analytics.present.charts.funnels import (
    FUNNEL_TABLE_COLUMNS,
    funnel_plot,
    funnel_plot_and_table,
    funnel_table,
)
from ahp_analytics.present.charts.layout import (
    ChartText,
    chart_text,
    empty_figure,
    group_colours,
    share_range,
    text_colour,
    without_title,
)
from ahp_analytics.present.charts.layout import _luminance as _luminance
from ahp_analytics.present.charts.layout import _subtitle as _subtitle
from ahp_analytics.present.charts.plots import (
    BOX_TICK,
    bar,
    box_strip,
    line,
    n_label,
    scatter_with_fit,
    stacked_share,
)
from ahp_analytics.present.charts.spc import spc_chart
from ahp_analytics.present.charts.style import (
    ASSURANCE_ICONS,
    AXIS_TITLE_WIDTH,
    BADGE_COLOURS,
    CATEGORY_COLOURS,
    CATEGORY_ORDER,
    FONT,
    FUNNEL_NUMBERED,
    FUNNEL_STYLES,
    HEIGHT,
    JITTER_SEED,
    LIMIT_STYLES,
    MISSING_COLOUR,
    NHS_BLUE,
    NO_DATA,
    OTHER_COLOURS,
    SMALL_GROUP,
    SPC_COLOURS,
    SPC_LIMIT_COLOUR,
    SPC_LINE_COLOUR,
    SPC_MEAN_COLOUR,
    SPC_NAMES,
    SPC_RULES,
    SPC_TARGET_COLOUR,
    SUBTITLE_WIDTH,
    TEMPLATE,
    VARIATION_ICONS,
    escape,
)

__all__ = [
    "ASSURANCE_ICONS",
    "AXIS_TITLE_WIDTH",
    "BADGE_COLOURS",
    "CATEGORY_COLOURS",
    "CATEGORY_ORDER",
    "ChartText",
    "FONT",
    "FUNNEL_NUMBERED",
    "FUNNEL_STYLES",
    "FUNNEL_TABLE_COLUMNS",
    "HEIGHT",
    "JITTER_SEED",
    "LIMIT_STYLES",
    "MISSING_COLOUR",
    "BOX_TICK",
    "NHS_BLUE",
    "NO_DATA",
    "OTHER_COLOURS",
    "SMALL_GROUP",
    "SPC_COLOURS",
    "SPC_LIMIT_COLOUR",
    "SPC_LINE_COLOUR",
    "SPC_MEAN_COLOUR",
    "SPC_NAMES",
    "SPC_RULES",
    "SPC_TARGET_COLOUR",
    "SUBTITLE_WIDTH",
    "TEMPLATE",
    "VARIATION_ICONS",
    "bar",
    "box_strip",
    "chart_text",
    "empty_figure",
    "escape",
    "funnel_plot",
    "funnel_plot_and_table",
    "funnel_table",
    "group_colours",
    "line",
    "n_label",
    "scatter_with_fit",
    "share_range",
    "spc_chart",
    "stacked_share",
    "text_colour",
    "without_title",
]
