"""Exports: the rows of any table with the dashboard's filters, as CSV or XLSX, injection-safe.

:func:`export_table` is the one place that produces export rows; the command line and the
pages both call it, then :func:`write_export`. Text that a spreadsheet would read as a formula
(starting ``=``, ``+``, ``-``, ``@``, tab, carriage return or NUL) is prefixed with ``'``, in
the header row as in the cells (a column may be named after a custom indicator from a file);
numbers, dates and missing values are never touched.

CSV keeps every number at full precision, for analysis. XLSX keeps it too, but shows each
number column in its display format (:func:`number_formats`: the registry's, or the
indicator unit's), true and false as spreadsheet booleans, with a frozen header row and an
autofilter on the data.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd
import xlsxwriter

from ahp_analytics.domain import measures as registry

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
    sheet: an indicator's unit). Columns with neither are left out (see :func:`to_xlsx_bytes`
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


def _fallback_format(values: np.ndarray) -> str:
    """Whole numbers with thousands separators; other numbers with two decimals."""
    finite = values[np.isfinite(values)]
    return "#,##0" if np.all(finite == np.round(finite)) else "#,##0.00"


def _is_boolean(series: pd.Series) -> bool:
    """True for a column of true and false values, missing values allowed (object too)."""
    if pd.api.types.is_bool_dtype(series):
        return True
    return series.dtype == object and pd.api.types.infer_dtype(series, skipna=True) == "boolean"


def _text_columns(df: pd.DataFrame) -> list[str]:
    return [
        c
        for c in df.columns
        if not (
            pd.api.types.is_numeric_dtype(df[c])
            or _is_boolean(df[c])
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
    """An XLSX workbook: bold frozen header with an autofilter, sensible widths, dates as
    Excel dates, true and false as booleans, numbers at full precision shown in their display
    format (:func:`number_formats`, with the units of ``columns``; other numbers whole or with
    two decimals), text never turned into formulas or links (and formula-looking text
    prefixed with ``'`` as in CSV). ``columns`` (:func:`columns_sheet`: each column's label,
    unit, direction and definition) becomes a sheet "Columns"; ``about`` (filters, window,
    export time, data version...) a sheet "About this export". More rows than a worksheet
    holds raise ValueError."""
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
        units = (
            dict(zip(columns["column"], columns["unit"], strict=True))
            if columns is not None and {"column", "unit"} <= set(columns.columns)
            else None
        )
        formats = {
            c: book.add_format({"num_format": f})
            for c, f in number_formats(df.columns, units).items()
        }
        _write_frame(sheet, _safe_frame(df), header, date_fmt, time_fmt, formats, book)
        if len(df.columns):
            sheet.autofilter(0, 0, len(df), len(df.columns) - 1)
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


def _write_frame(  # type: ignore[no-untyped-def]
    sheet, df: pd.DataFrame, header, date_fmt, time_fmt, formats=None, book=None
) -> None:
    """Write ``df`` with its header row frozen; ``formats`` (column -> cell format) for
    number columns, others whole or with two decimals when a ``book`` is given to add the
    format to."""
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
        elif _is_boolean(series):
            for i, v in enumerate(series.tolist(), start=1):
                if v is not None and v is not pd.NA and v == v:
                    sheet.write_boolean(i, j, bool(v))
            width = 5
        elif pd.api.types.is_numeric_dtype(series):
            arr = series.to_numpy(dtype=float, na_value=np.nan)
            fmt = (formats or {}).get(name)
            if fmt is None and book is not None:
                fmt = book.add_format({"num_format": _fallback_format(arr)})
            for i, v in enumerate(arr.tolist(), start=1):
                if v == v and abs(v) != float("inf"):
                    sheet.write_number(i, j, v, fmt)
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
