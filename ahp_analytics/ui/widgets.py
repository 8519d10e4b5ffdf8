"""Shared widgets: a chart with the data behind it, lazy downloads, headline figures."""

from __future__ import annotations

import html
import math
import re
from datetime import UTC, datetime

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from ahp_analytics.present.export import to_csv_bytes, to_xlsx_bytes

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
_TAG = re.compile(r"<[^>]+>")


def figure_summary(fig: go.Figure) -> str:
    """A figure's title and subtitle as plain text: the short description of a chart for
    screen readers when no sentence is given."""
    title = fig.layout.title
    parts = [title.text or ""]
    if title.subtitle and title.subtitle.text:
        parts.append(title.subtitle.text)
    text = " ".join(_TAG.sub(" ", html.unescape(p)) for p in parts if p)
    return " ".join(text.split())


def chart(
    fig: go.Figure, data: pd.DataFrame, name: str, key: str, summary: str | None = None
) -> None:
    """Draw a chart with its text alternative: ``summary`` (a sentence saying what it shows;
    default its title and subtitle) as the chart's accessible name, the data behind it as a
    table in a closed expander, and a "data behind this chart" CSV download (built only when
    clicked). The chart's toolbar is one button (:data:`TOOLBAR`)."""
    text = summary or figure_summary(fig)
    st.plotly_chart(
        fig,
        key=f"chart-{key}",
        config={
            "displaylogo": False,
            "modeBarButtons": TOOLBAR,
            "toImageButtonOptions": {"filename": name},
        },
        alt=text,
    )
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
    clicked."""
    left, right = st.columns(2)
    with left:
        st.download_button(
            "Download CSV",
            data=lambda: to_csv_bytes(df),
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
            data=lambda: to_xlsx_bytes(
                df,
                about={**about, "Exported at (UTC)": datetime.now(UTC).isoformat()},
                columns=columns,
            ),
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
