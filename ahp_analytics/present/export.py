"""Exports: the rows of any table as CSV or XLSX, written a chunk at a time, injection-safe.

Rows arrive as :class:`Rows`: column names, each column's kind, and chunks of tuples, from the
store's cursor or from a frame (:func:`frame_rows`). Memory stays bounded by a chunk whatever
the table's size: CSV is written as it comes; XLSX in xlsxwriter's constant-memory mode (each
row goes to a temporary file as it is written). Text that a spreadsheet would read as a formula
(starting ``=``, ``+``, ``-``, ``@``, tab, carriage return or NUL) is prefixed with ``'``, in the
header row as in the cells (a column may be named after a custom indicator from a file);
numbers, dates and missing values are never touched.

CSV keeps every number at full precision, for analysis. XLSX keeps it too, but shows each
number column in its display format (:func:`number_formats`: the registry's, or the
indicator unit's), true and false as spreadsheet booleans, with a frozen header row and an
autofilter on the data.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain
from operator import itemgetter
from types import SimpleNamespace
from typing import BinaryIO

import pandas as pd
import xlsxwriter

from ahp_analytics.domain import columns as column_defs
from ahp_analytics.domain import measures as registry
from ahp_analytics.domain.gcpause import gc_paused
from ahp_analytics.present.csv_columns import FORMULA_STARTS, NumberTexts, csv_lines

FORMATS = ("csv", "xlsx")
KINDS = ("text", "number", "bool", "date", "datetime")

XLSX_MAX_ROWS = 1_048_576
CHUNK_ROWS = 20_000  # rows per chunk; the first 1,000 of a text column set its XLSX width
_MAX_WIDTH = 60
_WIDTH_SAMPLE = 1_000
_BOM = "\ufeff"
# xlsxwriter options for every workbook written here and from stored data: rows go to
# temporary files as written (memory bounded by a row), and text stays text, never turned
# into a formula, a link or a number.
XLSX_OPTIONS = {
    "constant_memory": True,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}


@dataclass(frozen=True)
class Lookup:
    """A column the chunks' tuples leave out, for it follows from another: ``values[cell]`` of
    each tuple's cell ``key`` (None for a cell ``values`` lacks), to place at ``at``."""

    at: int
    key: int
    values: Mapping


@dataclass(frozen=True)
class Rows:
    """Rows to export: ``columns``, each one's kind (:data:`KINDS`), and ``chunks``, an
    iterable of lists of tuples in the columns' order (None for a missing value), less the
    ``lookup`` column when there is one. A text column may hold other values (written as
    ``str()`` gives them); a date or datetime column holds ``datetime`` values."""

    columns: list[str]
    kinds: list[str]
    chunks: Iterable[list[tuple]]
    lookup: Lookup | None = None

    def whole(self, chunk: list[tuple]) -> list[tuple]:
        """The rows of ``chunk`` with every column, the looked-up one in its place."""
        if self.lookup is None:
            return chunk
        at, key, get = self.lookup.at, self.lookup.key, self.lookup.values.get
        return [(*row[:at], get(row[key]), *row[at:]) for row in chunk]

    def by_column(self, chunk: list[tuple]) -> list[Sequence]:
        """The cells of ``chunk``, a sequence per column (none for no rows), the looked-up
        column taken from its key column at once rather than row by row."""
        columns: list[Sequence] = list(zip(*chunk, strict=True))
        if self.lookup is not None and columns:
            keys = columns[self.lookup.key]
            columns.insert(self.lookup.at, list(map(self.lookup.values.get, keys)))
        return columns


def safe_text(value: object) -> object:
    """``value`` with a ``'`` in front if it is text a spreadsheet could run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_header(columns: Iterable[object]) -> list[str]:
    """The header row of an export: each column name as text, escaped as :func:`safe_text`
    escapes a cell."""
    return [str(safe_text(str(c))) for c in columns]


def excel_format(fmt: str | None) -> str | None:
    """The spreadsheet number format of a printf-style display format of the registry:
    "%.1f" -> "#,##0.0", "%d" and "localized" -> "#,##0"; None for "plain" or none."""
    if not fmt or fmt == "plain":
        return None
    if fmt == "localized":
        return "#,##0"
    if fmt.startswith("%") and fmt.endswith("d"):
        return "#,##0"
    if fmt.startswith("%") and fmt.rstrip("%").endswith("f"):
        digits = int("".join(ch for ch in fmt.split(".")[-1] if ch.isdigit()) or 0)
        return "#,##0" + ("." + "0" * digits if digits else "")
    return None


def number_formats(columns: Iterable[str], units: Mapping[str, object] | None = None) -> dict:
    """Column -> spreadsheet number format for display: a measure's or field's format from
    the registry, else the format of the column's unit (``units``, e.g. from the "Columns"
    sheet: an indicator's unit). Columns with neither are left out (see :func:`write_xlsx`
    for them)."""
    out = {}
    for column in columns:
        entry = registry.MEASURES.get(column) or registry.FIELDS.get(column)
        fmt = entry.fmt if entry is not None else None
        unit = (units or {}).get(column)
        if not fmt and isinstance(unit, str):
            fmt = registry.UNIT_FORMATS.get(unit)
        found = excel_format(fmt)
        if found:
            out[column] = found
    return out


def _fallback_format(values: Iterable[object]) -> str:
    """Whole numbers with thousands separators; other numbers with two decimals."""
    finite = [v for v in values if v is not None and v == v and abs(v) != float("inf")]  # type: ignore[operator, arg-type]
    return "#,##0" if all(float(v) == round(float(v)) for v in finite) else "#,##0.00"


def _is_boolean(series: pd.Series) -> bool:
    """True for a column of true and false values, missing values allowed (object too)."""
    if pd.api.types.is_bool_dtype(series):
        return True
    return series.dtype == object and pd.api.types.infer_dtype(series, skipna=True) == "boolean"


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
    if _is_boolean(series):
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
    # Each chunk's tuples (the cursor's rows, the columns, the lines' cells) are made and
    # dropped whole, and form no cycles: the collector would only walk them again and again.
    texts = [NumberTexts() for _ in rows.kinds]
    with gc_paused():
        for chunk in rows.chunks:
            # A column at a time where the cells allow it (text and numbers), else row by row.
            data = csv_lines(rows.by_column(chunk), rows.kinds, texts)
            if data is None:
                writer.writerows(_text_ready(rows.whole(chunk), rows.kinds))
            if lines:  # the header, before the first chunk; a chunk csv.writer wrote
                out.write("".join(lines).encode("utf-8"))
                lines.clear()
            if data:
                out.write(data)
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
        self.formats: dict[str, object] = {}
        self.number: list = []
        self.book = book

    def write(self, name: str, rows: Rows, formats: dict[str, str] | None = None) -> int:
        """Write a sheet ``name``; with ``formats`` (column -> number format, the rest whole
        or with two decimals as the first chunk has them) it is the data sheet, which also
        gets an autofilter."""
        sheet = self.book.add_worksheet(name[:31])
        chunks = map(rows.whole, rows.chunks)
        first = next(chunks, [])
        titles = safe_header(rows.columns)
        self.number = [None] * len(rows.columns)
        if formats is not None:
            for j, (kind, column) in enumerate(zip(rows.kinds, rows.columns, strict=True)):
                if kind == "number":
                    found = formats.get(column) or _fallback_format(r[j] for r in first)
                    self.number[j] = self._format(found)
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
        if formats is not None and rows.columns:
            sheet.autofilter(0, 0, i, len(rows.columns) - 1)
        return i

    def _format(self, num_format: str):  # type: ignore[no-untyped-def]
        if num_format not in self.formats:
            self.formats[num_format] = self.book.add_format({"num_format": num_format})
        return self.formats[num_format]

    def _cell(self, sheet, i: int, j: int, kind: str, v: object) -> None:  # type: ignore[no-untyped-def]
        if v is None:
            return
        if kind == "number":
            if v == v and abs(v) != float("inf"):  # type: ignore[operator, arg-type]
                sheet.write_number(i, j, v, self.number[j])
        elif kind == "bool":
            if v == v:  # a float NaN in a column of true and false is missing
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
    """Write an XLSX workbook to ``out`` (a binary file) with a sheet "Data": bold frozen header
    with an autofilter, sensible widths, dates as Excel dates, true and false as booleans,
    numbers at full precision shown in their display format (:func:`number_formats`, with the
    units of ``columns``; other numbers whole or with two decimals, as the first chunk has
    them), text never turned into formulas or links (and formula-looking text prefixed with
    ``'`` as in CSV). ``columns`` (:func:`columns_sheet`) becomes a sheet "Columns";
    ``about`` (filters, window, export time, data version...) a sheet "About this export".
    Rows go to temporary files as written, so memory stays bounded; more rows than a
    worksheet holds raise ValueError. Returns the number of rows."""
    with xlsxwriter.Workbook(out, {**XLSX_OPTIONS, "remove_timezone": True}) as book:
        sheets = _Sheet(book)
        units = (
            dict(zip(columns["column"], columns["unit"], strict=True))
            if columns is not None and {"column", "unit"} <= set(columns.columns)
            else None
        )
        n = sheets.write("Data", rows, number_formats(rows.columns, units))
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
    return column_defs.columns_sheet(columns, catalogue, measures_first=table == "summary")
