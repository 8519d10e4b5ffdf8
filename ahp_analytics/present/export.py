"""Exports: the rows of any table as CSV or XLSX, written a chunk at a time, injection-safe.

Rows arrive as :class:`Rows`: column names, each column's kind, and chunks of tuples, from the
store's cursor or from a frame (:func:`frame_rows`). Memory stays bounded by a chunk whatever
the table's size: CSV is written as it comes; XLSX in xlsxwriter's constant-memory mode (each
row goes to a temporary file as it is written). Text that a spreadsheet would read as a formula
(starting ``=``, ``+``, ``-``, ``@``, tab, carriage return or NUL) is prefixed with ``'``, in the
header row as in the cells (a column may be named after a custom indicator from a file);
numbers, dates and missing values are never touched.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain
from operator import itemgetter
from types import SimpleNamespace
from typing import BinaryIO

import pandas as pd
import xlsxwriter

from ahp_analytics.domain import measures as registry

FORMATS = ("csv", "xlsx")
KINDS = ("text", "number", "bool", "date", "datetime")

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0")
XLSX_MAX_ROWS = 1_048_576
CHUNK_ROWS = 20_000  # rows per chunk; the first 1,000 of a text column set its XLSX width
_MAX_WIDTH = 60
_WIDTH_SAMPLE = 1_000
_BOM = "\ufeff"


@dataclass(frozen=True)
class Rows:
    """Rows to export: ``columns``, each one's kind (:data:`KINDS`), and ``chunks``, an
    iterable of lists of tuples in the columns' order (None for a missing value). A text
    column may hold other values (written as ``str()`` gives them); a date or datetime column
    holds ``datetime`` values."""

    columns: list[str]
    kinds: list[str]
    chunks: Iterable[list[tuple]]


def safe_text(value: object) -> object:
    """``value`` with a ``'`` in front if it is text a spreadsheet could run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_header(columns: Iterable[object]) -> list[str]:
    """The header row of an export: each column name as text, escaped as :func:`safe_text`
    escapes a cell."""
    return [str(safe_text(str(c))) for c in columns]


def _is_dates_only(series: pd.Series) -> bool:
    values = series.dropna()
    if getattr(values.dt, "tz", None) is not None:
        return False
    return bool((values == values.dt.normalize()).all())


def iso_text(series: pd.Series) -> pd.Series:
    """A datetime column as ISO text: ``YYYY-MM-DD`` when it holds dates only, else
    ``YYYY-MM-DDTHH:MM:SS`` (with ``+00:00`` when time-zone aware)."""
    if _is_dates_only(series):
        text = series.dt.strftime("%Y-%m-%d")
    else:
        text = series.map(lambda ts: ts.isoformat(timespec="seconds"), na_action="ignore")
    return text.astype(object).where(series.notna(), None)


def _kind(series: pd.Series) -> str:
    if pd.api.types.is_bool_dtype(series):
        return "bool"
    if pd.api.types.is_datetime64_any_dtype(series):
        return "date" if _is_dates_only(series) else "datetime"
    if pd.api.types.is_numeric_dtype(series):
        return "number"
    return "text"


def frame_rows(df: pd.DataFrame, chunk_rows: int = CHUNK_ROWS) -> Rows:
    """The rows of a frame, converted a chunk at a time: numbers as Python numbers, datetimes
    as ``datetime`` (aware ones in UTC), None for every missing value."""
    kinds = [_kind(df[c]) for c in df.columns]

    def chunks() -> Iterator[list[tuple]]:
        for start in range(0, len(df), chunk_rows):
            part = df.iloc[start : start + chunk_rows]
            columns = []
            for c, kind in zip(df.columns, kinds, strict=True):
                series = part[c]
                if kind == "datetime" and getattr(series.dt, "tz", None) is not None:
                    series = series.dt.tz_convert("UTC")
                values = series.astype(object)
                columns.append(values.where(series.notna(), None).tolist())
            yield list(zip(*columns, strict=True))

    return Rows([str(c) for c in df.columns], kinds, chunks())


def _text_ready(chunk: list[tuple], kinds: list[str]) -> list[tuple]:
    """A chunk as CSV cells: formula-looking text escaped, dates and times as ISO text."""
    texts = [i for i, k in enumerate(kinds) if k == "text"]
    risky = [
        i
        for i in texts
        # The distinct values of a column first: a Python call per cell costs seconds on a
        # national table, and a table of codes and vocabularies has few distinct values.
        if any(
            isinstance(v, str) and v.startswith(FORMULA_STARTS)
            for v in set(map(itemgetter(i), chunk))
        )
    ]
    dates = [i for i, k in enumerate(kinds) if k in ("date", "datetime")]
    if not risky and not dates:
        return chunk
    out = []
    for row in chunk:
        cells = list(row)
        for i in risky:
            cells[i] = safe_text(cells[i])
        for i in dates:
            v = cells[i]
            if v is not None:
                cells[i] = (
                    v.strftime("%Y-%m-%d")
                    if kinds[i] == "date"
                    else v.isoformat(timespec="seconds")
                )
        out.append(tuple(cells))
    return out


def write_csv(rows: Rows, out: BinaryIO) -> int:
    """Write CSV to ``out``: UTF-8 with a byte-order mark (so Excel reads it correctly), CRLF
    line ends, minimal quoting; dates as ISO text; formula-looking text prefixed with ``'``;
    missing values empty. Each write holds whole lines. Returns the number of rows."""
    lines: list[str] = [_BOM]
    writer = csv.writer(SimpleNamespace(write=lines.append), lineterminator="\r\n")
    writer.writerow(safe_header(rows.columns))
    n = 0
    for chunk in rows.chunks:
        writer.writerows(_text_ready(chunk, rows.kinds))
        out.write("".join(lines).encode("utf-8"))
        lines.clear()
        n += len(chunk)
    if lines:  # no rows: the header alone
        out.write("".join(lines).encode("utf-8"))
    return n


def _about_value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple | set):
        return ", ".join(str(v) for v in value)
    return str(value)


class _Sheet:
    """Writes :class:`Rows` to a worksheet in constant-memory mode: row after row, never
    back; column widths from the first chunk."""

    def __init__(self, book: xlsxwriter.Workbook):
        self.header = book.add_format({"bold": True, "bottom": 1})
        self.date = book.add_format({"num_format": "yyyy-mm-dd"})
        self.time = book.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
        self.book = book

    def write(self, name: str, rows: Rows) -> int:
        sheet = self.book.add_worksheet(name[:31])
        chunks = iter(rows.chunks)
        first = next(chunks, [])
        titles = safe_header(rows.columns)
        for j, (kind, title) in enumerate(zip(rows.kinds, titles, strict=True)):
            sheet.set_column(j, j, min(max(_width(first, j, kind), len(title)) + 2, _MAX_WIDTH))
        sheet.freeze_panes(1, 0)
        for j, title in enumerate(titles):
            sheet.write_string(0, j, title, self.header)
        i = 0
        for chunk in chain([first], chunks):
            if i + len(chunk) + 1 > XLSX_MAX_ROWS:
                raise ValueError(
                    f"More rows than an Excel sheet holds ({XLSX_MAX_ROWS - 1:,}); export as "
                    "CSV instead."
                )
            for row in chunk:
                i += 1
                for j, (kind, v) in enumerate(zip(rows.kinds, row, strict=True)):
                    self._cell(sheet, i, j, kind, v)
        return i

    def _cell(self, sheet, i: int, j: int, kind: str, v: object) -> None:  # type: ignore[no-untyped-def]
        if v is None:
            return
        if kind == "number":
            if v == v and abs(v) != float("inf"):  # type: ignore[operator, arg-type]
                sheet.write_number(i, j, v)
        elif kind == "bool":
            sheet.write_boolean(i, j, bool(v))
        elif kind in ("date", "datetime"):
            sheet.write_datetime(i, j, v, self.date if kind == "date" else self.time)
        else:
            text = str(safe_text(v))
            if text:
                sheet.write_string(i, j, text)


def _width(sample: list[tuple], j: int, kind: str) -> int:
    """A column's width in characters, before the header is taken into account."""
    if kind in ("date", "datetime"):
        return 10 if kind == "date" else 19
    if kind in ("bool", "number"):
        return 5 if kind == "bool" else 12
    lengths = [len(str(r[j])) for r in sample[:_WIDTH_SAMPLE] if r[j] is not None and str(r[j])]
    return max(lengths, default=8)


def write_xlsx(
    rows: Rows,
    out: BinaryIO,
    about: dict | None = None,
    columns: pd.DataFrame | None = None,
) -> int:
    """Write an XLSX workbook to ``out`` (a binary file) with a sheet "Data": bold frozen header,
    sensible widths, dates as Excel dates, text never turned into formulas or links (and
    formula-looking text prefixed with ``'`` as in CSV). ``columns`` (:func:`columns_sheet`)
    becomes a sheet "Columns"; ``about`` (filters, window, export time, data version...) a
    sheet "About this export". Rows go to temporary files as written, so memory stays bounded;
    more rows than a worksheet holds raise ValueError. Returns the number of rows."""
    options = {
        "constant_memory": True,
        "strings_to_formulas": False,
        "strings_to_urls": False,
        "strings_to_numbers": False,
        "remove_timezone": True,
    }
    with xlsxwriter.Workbook(out, options) as book:
        sheets = _Sheet(book)
        n = sheets.write("Data", rows)
        if columns is not None:
            sheets.write("Columns", frame_rows(columns))
        if about:
            items = pd.DataFrame(
                {
                    "item": [str(k) for k in about],
                    "value": [_about_value(v) for v in about.values()],
                }
            )
            sheets.write("About this export", frame_rows(items))
    return n


def write_rows(
    rows: Rows,
    fmt: str,
    out: BinaryIO,
    about: dict | None = None,
    columns: pd.DataFrame | None = None,
) -> int:
    """Write ``rows`` to ``out`` as ``fmt`` (``csv`` or ``xlsx``; ``about`` and the ``columns``
    sheet only for XLSX). Returns the number of rows."""
    if fmt == "csv":
        return write_csv(rows, out)
    if fmt == "xlsx":
        return write_xlsx(rows, out, about=about, columns=columns)
    raise ValueError(f"Unknown export format {fmt!r}: choose one of {', '.join(FORMATS)}.")


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """A frame as CSV bytes (:func:`write_csv`)."""
    return write_export(df, "csv")


def write_export(
    df: pd.DataFrame,
    fmt: str,
    about: dict | None = None,
    columns: pd.DataFrame | None = None,
) -> bytes:
    """A frame as the bytes of an export file in ``fmt`` (:func:`write_rows`); for frames
    small enough to hold twice, such as a chart's data."""
    buffer = io.BytesIO()
    write_rows(frame_rows(df), fmt, buffer, about=about, columns=columns)
    return buffer.getvalue()


def columns_sheet(
    table: str, columns: Iterable[str], catalogue: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The "Columns" sheet of an export of ``table``: each column's label, unit, direction and
    definition from the registry of measures, indicators' from ``catalogue`` (custom ones keep
    the name they were given)."""
    return registry.columns_sheet(columns, catalogue, measures_first=table == "summary")
