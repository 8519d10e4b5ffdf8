"""Exports: the rows of any table with the dashboard's filters, as CSV or XLSX, injection-safe.

:func:`export_table` is the one place that produces export rows; the command line and the
pages both call it, then :func:`write_export`. Text that a spreadsheet would read as a formula
(starting ``=``, ``+``, ``-``, ``@``, tab, carriage return or NUL) is prefixed with ``'``, in
the header row as in the cells (a column may be named after a custom indicator from a file);
numbers, dates and missing values are never touched.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import xlsxwriter

from ahp_analytics.domain import measures as registry

if TYPE_CHECKING:
    pass

FORMATS = ("csv", "xlsx")

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0")
XLSX_MAX_ROWS = 1_048_576
_MAX_WIDTH = 60


def safe_text(value: object) -> object:
    """``value`` with a ``'`` in front if it is text a spreadsheet could run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_header(columns: pd.Index) -> list[str]:
    """The header row of an export: each column name as text, escaped as :func:`safe_text`
    escapes a cell."""
    return [str(safe_text(str(c))) for c in columns]


def _text_columns(df: pd.DataFrame) -> list[str]:
    return [
        c
        for c in df.columns
        if not (
            pd.api.types.is_numeric_dtype(df[c])
            or pd.api.types.is_bool_dtype(df[c])
            or pd.api.types.is_datetime64_any_dtype(df[c])
        )
    ]


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


def _safe_frame(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for c in _text_columns(out):
        col = out[c].astype(object)
        if pd.api.types.infer_dtype(col, skipna=True) in ("string", "empty") and not any(
            safe_text(v) is not v for v in pd.unique(col)
        ):
            # Only text, none of it formula-looking: nothing to change. Checking the distinct
            # values spares a Python call per cell (3.5 million in a national workforce table).
            out[c] = col
        else:
            out[c] = col.map(safe_text)
    return out


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """CSV, UTF-8 with a byte-order mark (so Excel reads it correctly); dates as ISO text;
    formula-looking text prefixed with ``'``; missing values empty."""
    out = _safe_frame(df)
    for c in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[c]):
            out[c] = iso_text(out[c])
    return out.to_csv(index=False, header=safe_header(out.columns), lineterminator="\r\n").encode(
        "utf-8-sig"
    )


def to_xlsx_bytes(
    df: pd.DataFrame,
    sheet_name: str = "Data",
    about: dict | None = None,
    columns: pd.DataFrame | None = None,
) -> bytes:
    """An XLSX workbook: bold frozen header, sensible widths, dates as Excel dates, text never
    turned into formulas or links (and formula-looking text prefixed with ``'`` as in CSV).
    ``columns`` (:func:`columns_sheet`: each column's label, unit, direction and definition)
    becomes a sheet "Columns"; ``about`` (filters, window, export time, data version...) a
    sheet "About this export". More rows than a worksheet holds raise ValueError."""
    if len(df) + 1 > XLSX_MAX_ROWS:
        raise ValueError(
            f"{len(df):,} rows are more than an Excel sheet holds ({XLSX_MAX_ROWS - 1:,}); "
            "export as CSV instead."
        )
    buffer = io.BytesIO()
    options = {
        "in_memory": True,
        "strings_to_formulas": False,
        "strings_to_urls": False,
        "strings_to_numbers": False,
        "remove_timezone": True,
    }
    with xlsxwriter.Workbook(buffer, options) as book:
        header = book.add_format({"bold": True, "bottom": 1})
        date_fmt = book.add_format({"num_format": "yyyy-mm-dd"})
        time_fmt = book.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
        sheet = book.add_worksheet(sheet_name[:31])
        _write_frame(sheet, _safe_frame(df), header, date_fmt, time_fmt)
        if columns is not None:
            _write_frame(
                book.add_worksheet("Columns"), _safe_frame(columns), header, date_fmt, time_fmt
            )
        if about:
            info = book.add_worksheet("About this export")
            rows = pd.DataFrame(
                {
                    "item": [str(k) for k in about],
                    "value": [_about_value(v) for v in about.values()],
                }
            )
            _write_frame(info, _safe_frame(rows), header, date_fmt, time_fmt)
    return buffer.getvalue()


def _about_value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple | set):
        return ", ".join(str(v) for v in value)
    return str(value)


def _write_frame(sheet, df: pd.DataFrame, header, date_fmt, time_fmt) -> None:  # type: ignore[no-untyped-def]
    sheet.freeze_panes(1, 0)
    for j, (name, text) in enumerate(zip(df.columns, safe_header(df.columns), strict=True)):
        sheet.write_string(0, j, text, header)
        series = df[name]
        if pd.api.types.is_datetime64_any_dtype(series):
            fmt = date_fmt if _is_dates_only(series) else time_fmt
            if getattr(series.dt, "tz", None) is not None:
                series = series.dt.tz_convert("UTC").dt.tz_localize(None)
            values = series.dt.to_pydatetime().tolist()
            missing = series.isna().tolist()
            for i, (v, m) in enumerate(zip(values, missing, strict=True), start=1):
                if not m:
                    sheet.write_datetime(i, j, v, fmt)
            width = 19 if fmt is time_fmt else 10
        elif pd.api.types.is_bool_dtype(series):
            for i, v in enumerate(series.tolist(), start=1):
                if v is not None and v is not pd.NA:
                    sheet.write_boolean(i, j, bool(v))
            width = 5
        elif pd.api.types.is_numeric_dtype(series):
            arr = series.to_numpy(dtype=float, na_value=np.nan)
            for i, v in enumerate(arr.tolist(), start=1):
                if v == v and abs(v) != float("inf"):
                    sheet.write_number(i, j, v)
            width = 12
        else:
            texts = [None if pd.isna(v) else str(v) for v in series.tolist()]
            for i, v in enumerate(texts, start=1):
                if v:
                    sheet.write_string(i, j, v)
            sample = [len(v) for v in texts[:1000] if v]
            width = max(sample, default=8)
        sheet.set_column(j, j, min(max(width, len(text)) + 2, _MAX_WIDTH))


def write_export(
    df: pd.DataFrame,
    fmt: str,
    sheet_name: str = "Data",
    about: dict | None = None,
    columns: pd.DataFrame | None = None,
) -> bytes:
    """The bytes of an export file in ``fmt`` (``csv`` or ``xlsx``; ``about`` and the
    ``columns`` sheet only for XLSX)."""
    if fmt == "csv":
        return to_csv_bytes(df)
    if fmt == "xlsx":
        return to_xlsx_bytes(df, sheet_name=sheet_name, about=about, columns=columns)
    raise ValueError(f"Unknown export format {fmt!r}: choose one of {', '.join(FORMATS)}.")


def columns_sheet(
    table: str, columns: Iterable[str], catalogue: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The "Columns" sheet of an export of ``table``: each column's label, unit, direction and
    definition from the registry of measures, indicators' from ``catalogue`` (custom ones keep
    the name they were given)."""
    return registry.columns_sheet(columns, catalogue, measures_first=table == "summary")
