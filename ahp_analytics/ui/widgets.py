"""Shared widgets: a chart with the data behind it, lazy downloads, headline figures."""

from __future__ import annotations

import io
import math
import re
import tempfile
import weakref
from collections.abc import Callable
from datetime import UTC, datetime
from typing import BinaryIO

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from ahp_analytics.present import charts
from ahp_analytics.present.export import frame_rows, to_csv_bytes, write_rows

CSV_MIME = "text/csv"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# What Markdown (and Streamlit's directives such as :red[...]) can act on: links and images
# need [ ], formats * _ ~ `, maths $, tables |, tags < >, entities &. Brackets ( ) and
# apostrophes are left alone, so "Trust (DEMO)" and "Guy's" read as written.
_MARKDOWN = frozenset("\\`*_{}[]<>#!|~$&")
# A list item, only where the text opens a line: "1. ", "2) ", "- ", "+ ".
_LIST_START = re.compile(r"^(\s*\d*)([-+.)])")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# Bare URLs (http://..., www....), e-mail addresses and shortcodes (:smile:, :material/home:)
# are found in the text after escapes are resolved, so no backslash stops them: an invisible
# word joiner between ':' and a word character or '/', between '@' and a word character, and
# between "www" and "." breaks their patterns and changes nothing on screen. A colon before a
# space, as in prose, is left alone.
WORD_JOINER = "\u2060"
_AUTOLINK = re.compile(r"(?<=:)(?=[\w+/-])|(?<=@)(?=[\w-])|(?<=www)(?=\.)", re.IGNORECASE)


def plain(text: object) -> str:
    """Free text from files or users (names of files, organisations, regions, ICBs, trust types,
    indicators, users) made inert in Markdown: shown as typed and never as a link, image,
    format, list, emoji or icon. Every character Markdown acts on is backslash-escaped, line
    breaks become spaces, and a word joiner (invisible) stops bare URLs, e-mail addresses and
    shortcodes from turning into links, emoji or icons."""
    text = _LINE_BREAK.sub(" ", str(text))
    text = "".join("\\" + ch if ch in _MARKDOWN else ch for ch in text)
    text = _LIST_START.sub(r"\1\\\2", text)
    return _AUTOLINK.sub(WORD_JOINER, text)


NAV_KEY = "nav"  # the navigation's container: class st-key-nav in the page


def navigation(sections: dict[str, list]) -> None:
    """The sidebar's links to the pages (``st.Page`` objects by section), the page shown
    marked as current."""
    with st.sidebar, st.container(key=NAV_KEY):
        for title, pages in sections.items():
            st.markdown(f"**{title}**")
            for page in pages:
                st.page_link(page, width="stretch")


# One toolbar button per chart (the picture, for a board paper): Plotly's full toolbar put
# eight buttons in the keyboard's way of every chart. Zoom stays on the mouse (drag, double
# click to reset).
TOOLBAR = [["toImage"]]


def figure_summary(fig: go.Figure) -> str:
    """A figure's title and notes as plain text: the short description of a chart for
    screen readers when no sentence is given."""
    text = charts.chart_text(fig)
    return " ".join(" ".join((text.title, *text.notes)).split())


def chart_heading(fig: go.Figure) -> None:
    """A chart's title, SPC icons and notes as page text above it, where they wrap at any
    width (plotly does not wrap text inside a figure)."""
    text = charts.chart_text(fig)
    if text.title:
        st.markdown(f"**{plain(text.title)}**")
    for words, colour in text.icons:
        st.badge(words, color=colour, icon=":material/circle:")
    if text.notes:
        st.caption(plain(" ".join(text.notes)))


# :func:`charts.without_title` of each figure drawn, by the figure's id, with a weak reference
# to the figure: the entry goes when the figure does, so that an id used again by a later
# figure never finds another's copy.
_UNTITLED: dict[int, tuple[weakref.ref, go.Figure]] = {}


def _untitled(fig: go.Figure) -> go.Figure:
    """:func:`charts.without_title` of ``fig``, copied once per figure (:data:`_UNTITLED`): a
    figure held in a cache and drawn at every rerun is not deep-copied again each time.
    Figures are never changed once drawn (a cached one is shared between sessions)."""
    key = id(fig)
    held = _UNTITLED.get(key)
    if held is not None and held[0]() is fig:
        return held[1]
    untitled = charts.without_title(fig)
    _UNTITLED[key] = (weakref.ref(fig, lambda _, key=key: _UNTITLED.pop(key, None)), untitled)
    return untitled


def _plot(fig: go.Figure, name: str, key: str, text: str) -> None:
    """The figure without its title (shown above as text), its toolbar one button
    (:data:`TOOLBAR`) and ``text`` as its accessible name."""
    st.plotly_chart(
        _untitled(fig),
        key=f"chart-{key}",
        config={
            "displaylogo": False,
            "modeBarButtons": TOOLBAR,
            "toImageButtonOptions": {"filename": name},
        },
        alt=text,
    )


def chart(
    fig: go.Figure, data: pd.DataFrame, name: str, key: str, summary: str | None = None
) -> None:
    """Draw a chart with its title and notes above it as text (:func:`chart_heading`) and its
    text alternative: ``summary`` (a sentence saying what it shows; default its title and
    notes) as the chart's accessible name, the data behind it as a table in a closed
    expander, and a "data behind this chart" CSV download (built only when clicked)."""
    chart_heading(fig)
    text = summary or figure_summary(fig)
    _plot(fig, name, key, text)
    _chart_data(data, name, key, text)


def _chart_data(data: pd.DataFrame, name: str, key: str, text: str) -> None:
    """The chart's data as a table in a closed expander, and the "data behind this chart"
    CSV download, built only when clicked."""
    with st.expander("Chart as a table", icon=":material/table_view:"):
        st.caption(plain(text))
        st.dataframe(data, hide_index=True, key=f"chart-table-{key}", alt=text)
    st.download_button(
        "Data behind this chart (CSV)",
        data=lambda: to_csv_bytes(data),
        file_name=f"{name}.csv",
        mime=CSV_MIME,
        key=f"chart-data-{key}",
        on_click="ignore",
        icon=":material/download:",
        type="tertiary",
    )


def _file(write: Callable[[BinaryIO], object]) -> Callable[[], io.RawIOBase]:
    """A download's data, built when clicked: ``write`` fills a temporary file (a chunk at a
    time), which Streamlit then reads and keeps, as bytes, in its media storage for the
    browser to fetch (Streamlit has no streamed download)."""

    def build() -> io.RawIOBase:
        # Left open: Streamlit reads it, then drops it (and the file, which has no name, goes).
        raw = tempfile.TemporaryFile(buffering=0)  # noqa: SIM115
        try:
            out = io.BufferedWriter(raw)
            write(out)
            out.flush()
            out.detach()
        except BaseException:
            raw.close()
            raise
        raw.seek(0)
        return raw

    return build


def downloads(
    df: pd.DataFrame,
    base_name: str,
    about: dict,
    key: str,
    columns: pd.DataFrame | None = None,
) -> None:
    """CSV and XLSX downloads of exactly ``df``; the XLSX has a sheet recording ``about``
    (filters, window, export time, data version) and, when given, the ``columns`` sheet
    (labels and definitions, :func:`ahp_analytics.present.export.columns_sheet`). Built only when
    clicked, a chunk at a time into a temporary file: writing holds no second copy of the
    rows, whatever their number (Streamlit then keeps the finished file's bytes)."""

    def write_xlsx(out: BinaryIO) -> None:
        stamp = {**about, "Exported at (UTC)": datetime.now(UTC).isoformat()}
        write_rows(frame_rows(df), "xlsx", out, about=stamp, columns=columns)

    left, right = st.columns(2)
    with left:
        st.download_button(
            "Download CSV",
            data=_file(lambda out: write_rows(frame_rows(df), "csv", out)),
            file_name=f"{base_name}.csv",
            mime=CSV_MIME,
            key=f"csv-{key}",
            on_click="ignore",
            icon=":material/download:",
            width="stretch",
        )
    with right:
        st.download_button(
            "Download Excel",
            data=_file(write_xlsx),
            file_name=f"{base_name}.xlsx",
            mime=XLSX_MIME,
            key=f"xlsx-{key}",
            on_click="ignore",
            icon=":material/download:",
            width="stretch",
        )


def fmt_number(value: float | None, digits: int = 0, suffix: str = "") -> str:
    """``1234.5`` -> ``"1,235"``; missing -> ``"–"``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{value:,.{digits}f}{suffix}"


def fmt_delta(
    now: float | None, before: float | None, digits: int = 0, suffix: str = ""
) -> str | None:
    """The change from ``before`` to ``now`` as text for ``st.metric``; None when either is
    missing."""
    if (
        now is None
        or before is None
        or any(isinstance(v, float) and math.isnan(v) for v in (now, before))
    ):
        return None
    return f"{now - before:+,.{digits}f}{suffix}"


def funnel_chart(
    fig: go.Figure,
    outside: pd.DataFrame,
    data: pd.DataFrame,
    name: str,
    key: str,
    value_label: str,
) -> None:
    """A funnel plot (:func:`chart`) with, beside it, the organisations outside its 99.8%
    limits (:func:`ahp_analytics.present.charts.funnel_table`): the numbered ones as on the
    chart, then the rest. Below it on a narrow screen."""
    chart_heading(fig)
    text = figure_summary(fig)
    left, right = st.columns([3, 2], gap="medium")
    with left:
        _plot(fig, name, key, text)
        _chart_data(data, name, key, text)
    with right:
        if outside.empty:
            st.caption("No organisation is outside the 99.8% limits.")
            return
        st.markdown("**Outside the 99.8% limits**")
        # A static table: names wrap at any width instead of being cut in a narrow column.
        st.table(
            pd.DataFrame(
                {
                    "No.": ["" if pd.isna(n) else str(int(n)) for n in outside["number"]],
                    "Organisation": outside["label"],
                    value_label: [f"{v:.1f}%" for v in outside["proportion_pct"]],
                    "Side": outside["side"],
                }
            ).set_index("No.")
        )


def indicator_choice(
    label: str, options: pd.DataFrame, default: str, key: str, help_text: str
) -> str:
    """A select box of the indicators and measures in ``options`` (indexed by code, with
    ``domain`` and ``name`` columns), shown as "Domain: Name", kept in the address; it opens
    on ``default``. Returns the chosen code."""
    codes = list(options.index)
    return st.selectbox(
        label,
        codes,
        index=codes.index(default),
        format_func=lambda c: f"{options.at[c, 'domain']}: {options.at[c, 'name']}",
        key=key,
        bind="query-params",
        help=help_text,
    )
