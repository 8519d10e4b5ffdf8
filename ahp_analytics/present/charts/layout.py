"""Chart layout: titles, subtitles, axes, shared ranges, empty charts and small text helpers."""

from __future__ import annotations

import html
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import cycle

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from ahp_analytics.present.charts.style import (
    AXIS_TITLE_WIDTH,
    BADGE_COLOURS,
    CATEGORY_COLOURS,
    FONT,
    HEIGHT,
    NO_DATA,
    OTHER_COLOURS,
    SUBTITLE_WIDTH,
    TEMPLATE,
    _escape_traces,
    escape,
)


@dataclass(frozen=True)
class ChartText:
    """What a figure says in words, as given (not escaped): its title, the sentences under
    it and the SPC icons as (words, badge colour) pairs."""

    title: str
    notes: tuple[str, ...] = ()
    icons: tuple[tuple[str, str], ...] = ()


def house_layout(
    title: str,
    x_title: str | None,
    y_title: str | None,
    notes: str | Sequence[str] | None = None,
    legend: bool = True,
    icons: Sequence[tuple[str, str]] = (),
) -> dict:
    """House style as a layout dict (no template): readable font, left-aligned title, legend
    below the plot, axis titles.

    The texts given are escaped here, once. ``notes`` (sentences) become the subtitle, wrapped
    into lines of about :data:`SUBTITLE_WIDTH` characters, under a line of SPC ``icons``
    ((words, colour) pairs) when given. The texts are also kept whole in ``layout.meta`` for
    :func:`chart_text`."""
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
    layout = {
        "font": FONT,
        # Escaped too: plotly fills %{meta...} in titles and legend names with it.
        "meta": {
            "title": escape(title),
            "notes": [escape(n) for n in notes],
            "icons": [[escape(w), BADGE_COLOURS.get(c, "gray")] for w, c in icons],
        },
        "title": {
            "text": escape(title),
            "x": 0,
            "xanchor": "left",
            "font": {"size": 18},
            "subtitle": {"text": "<br>".join(lines), "font": {"size": 13, "color": "#4C6272"}},
        },
        "hoverlabel": {"font": {"size": 13}},
        "showlegend": legend,
        # Below the plot, not above it, where it would overlap the title and subtitle.
        "legend": {
            "orientation": "h",
            "yref": "container",
            "yanchor": "bottom",
            "y": 0,
            "xanchor": "left",
            "x": 0,
        },
        "margin": {"t": 90, "l": 70, "r": 30, "b": 110 if legend else 70},
    }
    if len(lines) > 1:
        layout = merged(layout, tall_subtitle(len(lines)))
    return merged(
        layout,
        {
            "xaxis": {"title": {"text": _axis_title(x_title)}, "automargin": True},
            "yaxis": {"title": {"text": _axis_title(y_title)}, "automargin": True},
        },
    )


def merged(base: Mapping, extra: Mapping) -> dict:
    """``base`` updated by ``extra`` as plotly's ``update_layout`` does it: dicts merged key by
    key, at any depth; any other value replaced. Neither is changed."""
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = merged(out[key], value)
        else:
            out[key] = value
    return out


def figure(traces: Sequence, layout: Mapping) -> go.Figure:
    """A figure of ``traces`` (plotly trace objects or dicts) and ``layout`` (a dict, e.g.
    :func:`house_layout` merged with a chart's own settings), in the house template.

    Built in one go: each property validated once, where adding traces and updating the layout
    after construction validated much of it again (five to ten times the cost). The traces'
    data texts are escaped here (call it once per figure).

    The template is made plotly's default, which plotly gives a new figure as registered:
    named in the layout it was validated and copied again, ten times the cost of the rest of a
    small figure. Made so here rather than once on import, as Streamlit makes its own template
    the default when it is imported; every plotly figure in the process gets the house one."""
    fig = _house_figure(list(traces), dict(layout))
    _escape_traces(fig)
    return fig


def _house_figure(traces: Sequence, layout: Mapping) -> go.Figure:
    """A figure of ``traces`` and ``layout`` (without a template) in the house template, as
    plotly's default (see :func:`figure`); its texts as given."""
    if pio.templates.default != TEMPLATE:
        pio.templates.default = TEMPLATE
    return go.Figure(data=traces, layout=layout)


def vertical_line(x: object, line: Mapping, below: bool = False) -> dict:
    """A layout shape: a line at ``x`` on the x axis from the bottom of the plot area to its
    top, as plotly's ``add_vline`` draws it; ``below`` the traces if asked."""
    shape = {
        "type": "line",
        "x0": x,
        "x1": x,
        "xref": "x",
        "y0": 0,
        "y1": 1,
        "yref": "y domain",
        "line": dict(line),
    }
    return {**shape, "layer": "below"} if below else shape


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


def tall_subtitle(lines: int) -> dict:
    """Layout settings for a subtitle of ``lines`` lines: the title at the top of the figure
    and room below it, with the plot area kept as tall as with one line."""
    return {
        "title": {"y": 1, "yref": "container", "yanchor": "top", "pad": {"t": 12}},
        "margin": {"t": 60 + 18 * lines},
        "height": HEIGHT + 18 * (lines - 1),
    }


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
    """A copy of ``fig`` (a figure made here, in the house template) without its title and
    subtitle, the plot area as tall as before: for a page that shows :func:`chart_text` above
    the chart, where text wraps at any width. ``fig`` is not changed.

    The layout is copied without its template, which the copy takes from plotly's default as
    :func:`figure` does (validating a copied template cost more than the rest of the layout);
    the traces are copied as they are (their texts escaped once already)."""
    layout = fig.layout.to_plotly_json()
    layout.pop("template", None)
    height = layout.get("height") or HEIGHT
    top = layout.get("margin", {}).get("t")
    top = 90 if top is None else top
    title = layout.setdefault("title", {})
    title["text"] = ""
    title.setdefault("subtitle", {})["text"] = ""
    layout.setdefault("margin", {})["t"] = 16
    layout["height"] = max(height - max(top - 16, 0), 250)
    return _house_figure(fig.data, layout)


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
    bare = {"showticklabels": False, "showgrid": False, "zeroline": False}
    layout = house_layout(title, x_title, y_title, legend=False)
    extra = {
        "annotations": [
            {
                "text": NO_DATA,
                "xref": "paper",
                "yref": "paper",
                "x": 0.5,
                "y": 0.5,
                "showarrow": False,
                "font": {"size": 16, "color": "#4C6272"},
            }
        ],
        "xaxis": bare,
        "yaxis": bare,
    }
    return figure([], merged(layout, extra))


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
    """Tick text: ``text`` escaped, in lines of at most ``width`` characters; a word longer
    than ``width`` keeps a line of its own rather than being cut ("Professional", not
    "Profess" over "ional")."""
    lines = textwrap.wrap(str(text), width, break_long_words=False, break_on_hyphens=False)
    return "<br>".join(escape(line) for line in lines) or escape(text)


# A character's width as a share of the font size, more than Arial's (and the dashboard's
# sans serif's) letters and digits take (about 0.45 to 0.55 in the charts' words): an estimate
# of a text's room that is never short.
CHARACTER = 0.6


def text_width(text: object, size: float) -> float:
    """An estimate on the high side of the width of ``text`` in one line at font ``size``
    (both in layout pixels): :data:`CHARACTER` of the size a character."""
    return CHARACTER * size * len(str(text))


def _excluded_note(n: int, what: str) -> str | None:
    if n <= 0:
        return None
    return f"{n} organisation{'s' if n != 1 else ''} left out ({what})."
