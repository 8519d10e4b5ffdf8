"""Shared widgets: a chart with the data behind it, lazy downloads, headline figures."""

from __future__ import annotations

import io
import math
import re
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from typing import BinaryIO

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

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


def chart(fig: go.Figure, data: pd.DataFrame, name: str, key: str) -> None:
    """Draw a chart with a "data behind this chart" CSV download beside it. The file is
    built only when the button is clicked."""
    st.plotly_chart(fig, key=f"chart-{key}", config={"displaylogo": False})
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
