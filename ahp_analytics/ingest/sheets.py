"""A workbook's or CSV file's sheets as validation reads them: each sheet's first rows as
Python values (where the header is looked for), and its columns below a header row as Arrow
arrays, read on demand.

Workbooks are parsed by fastexcel (calamine, in Rust) straight into Arrow, one array per
column, so that no cell becomes a Python object. A sheet's first rows come from a copy of the
workbook whose long sheets are cut after those rows, so that the whole sheet is parsed once,
below the header row it turns out to have. Nothing here runs before
:mod:`ahp_analytics.ingest.readers` has found the file safe to parse.
"""

from __future__ import annotations

import datetime
import io
import logging
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field

import fastexcel
import pyarrow as pa

from ahp_analytics.domain.gcpause import gc_paused

# fastexcel logs a warning for each column that holds no value ("falling back to string"):
# validation reads such a column as empty, and the warning would only be noise on the terminal.
logging.getLogger("fastexcel").setLevel(logging.ERROR)

# A sheet's first rows, read before the rest: where validation looks for the header (its
# first 30 rows) and for the fields of the Return details sheet (its first 50).
HEAD_ROWS = 50


class Refused(Exception):
    """A file that cannot be read safely. ``str(exc)`` is the sentence shown to the user."""


@dataclass
class RawColumn:
    """One column of a table's cells below its header row, as read.

    ``values`` holds one Arrow array of a single type: ``float64`` where every cell is a
    number, ``string`` for a CSV file's cells and for a workbook column that mixes types
    (``mixed``: there a number reads as Excel shows it, with 9 decimals at most, a date as
    ``YYYY-MM-DD HH:MM:SS`` and a Boolean as ``true`` or ``false``), or ``bool``,
    ``timestamp``, ``date32``, ``duration`` or ``null``. ``numbers`` holds a mixed column's
    numbers exactly (null where a cell is not one), when they were asked for."""

    values: pa.Array
    numbers: pa.Array | None = None
    mixed: bool = False


@dataclass
class RawSheet:
    """One sheet: its first rows as Python values, ``head[i]`` being Excel row ``i + 1`` from
    column A (at most :data:`HEAD_ROWS`; a CSV file's rows as the csv module reads them), and
    its columns below a header row, read on demand by :meth:`columns`. ``height`` is the
    number of rows down to the last that holds a value."""

    name: str
    head: list[list]
    height: int
    hidden: bool = False
    formula_without_value: list[str] = field(default_factory=list)  # cell references
    _columns: Callable[[int, dict[int, bool]], tuple[int, dict[int, RawColumn]]] | None = field(
        default=None, repr=False
    )

    def columns(self, header_row: int, wanted: dict[int, bool]) -> tuple[int, dict[int, RawColumn]]:
        """(rows, columns) below ``header_row`` (an index into :attr:`head`): the number of
        data rows and each wanted column by its index (0 is column A), ``wanted[j]`` saying
        whether that column's exact numbers are needed."""
        if self._columns is None:
            return 0, {}
        return self._columns(header_row, wanted)


@dataclass
class RawWorkbook:
    file_name: str
    kind: str  # "xlsx", "xlsm" or "csv"
    sheets: list[RawSheet]
    notes: list[str] = field(default_factory=list)  # things worth a warning (e.g. encoding)


def damaged_sheet(sheet_name: str) -> Refused:
    return Refused(
        f"Sheet '{sheet_name}' is damaged and cannot be read: save the workbook again from Excel."
    )


def _typed(reader, sheet_name: str, **options):
    """fastexcel's sheet with ``options``, each column of one type; None when a column mixes
    types (numbers and text, say), or holds a cell error calamine cannot type (``#NAME?``)."""
    try:
        return reader.load_sheet(
            sheet_name, schema_sample_rows=None, dtype_coercion="strict", **options
        )
    except (fastexcel.UnsupportedColumnTypeCombinationError, fastexcel.CalamineCellError):
        return None


def python_value(value: object) -> object:
    """A cell as the Python value a spreadsheet means: a date-time at midnight is a date, one
    on Excel's day zero a time of day."""
    if isinstance(value, datetime.datetime):
        if value.date() in _DAY_ZERO:
            return value.time()
        if value.time() == datetime.time():
            return value.date()
    return value


_DAY_ZERO = (datetime.date(1899, 12, 30), datetime.date(1899, 12, 31))
_BOOLEAN_TEXT = {"true": True, "false": False}


def _mixed_value(text: str | None, number: float | None) -> object:
    """The cell a column of mixed types read as ``text`` and as ``number`` holds."""
    if number is not None and text in _BOOLEAN_TEXT:
        return _BOOLEAN_TEXT[text]
    if number is not None and text == f"{number:.9f}".rstrip("0").rstrip("."):
        return number
    if text is not None and (m := re.match(r"^(\d{4}-\d{2}-\d{2}) 00:00:00$", text)):
        return datetime.date.fromisoformat(m[1])
    return text


def _head_rows(reader, sheet_name: str) -> tuple[list[list], int]:
    """A sheet's first :data:`HEAD_ROWS` rows as lists of Python values from column A, and
    its height."""
    options = {"header_row": None, "skip_rows": 0, "n_rows": HEAD_ROWS}
    sheet = _typed(reader, sheet_name, **options)
    if sheet is not None:
        columns = [[python_value(v) for v in c.to_pylist()] for c in sheet.to_arrow().columns]
    else:
        sheet = reader.load_sheet(sheet_name, dtypes="string", **options)
        numbers = reader.load_sheet(sheet_name, dtypes="float", **options).to_arrow()
        columns = [
            [_mixed_value(t, x) for t, x in zip(c.to_pylist(), n.to_pylist(), strict=True)]
            for c, n in zip(sheet.to_arrow().columns, numbers.columns, strict=True)
        ]
    where = [c.absolute_index for c in sheet.selected_columns]
    rows = [[None] * (max(where, default=-1) + 1) for _ in range(sheet.height)]
    for j, column in zip(where, columns, strict=True):
        for i, value in enumerate(column):
            rows[i][j] = value
    return rows, sheet.total_height


def heads(
    zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], scans: dict, reader
) -> dict[str, tuple[list[list], int | None]]:
    """Each sheet's first :data:`HEAD_ROWS` rows and, when the sheet has no more, its height.
    They are read from a copy of the workbook whose long sheets are cut after their first
    rows, so that finding a header does not parse a whole sheet; where a sheet cannot be cut
    (its XML is not in the usual form), from the workbook itself."""
    cut = {s.part: s.head for s in scans.values() if s.head is not None}
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as small:
        for info in infos:
            if info.filename in cut:
                small.writestr(info.filename, cut[info.filename])
            elif info.filename.endswith((".xml", ".rels")):
                small.writestr(info.filename, zf.read(info))
    short = fastexcel.read_excel(buf.getvalue())
    out = {}
    for name, scan in scans.items():
        source = short if scan.head is not None or not scan.long else reader
        try:
            rows, height = _head_rows(source, name)
        except Exception as exc:
            raise damaged_sheet(name) from exc
        out[name] = (rows, height if not scan.long else None)
    return out


def workbook_columns(reader, sheet_name: str):
    """The column reader of one sheet of a workbook (see :meth:`RawSheet.columns`)."""

    def columns(header_row: int, wanted: dict[int, bool]) -> tuple[int, dict[int, RawColumn]]:
        if not wanted:
            return 0, {}
        try:
            with gc_paused():
                options = {"header_row": header_row, "use_columns": sorted(wanted)}
                sheet = _typed(reader, sheet_name, **options)
                mixed = sheet is None
                if mixed:
                    sheet = reader.load_sheet(sheet_name, dtypes="string", **options)
                batch = sheet.to_arrow()
                infos = sheet.selected_columns
                out = {
                    c.absolute_index: RawColumn(v, mixed=mixed)
                    for c, v in zip(infos, batch.columns, strict=True)
                }
                # A column that mixes types reads as text, which holds its numbers to 9
                # decimals only: where numbers are wanted, they are read again as numbers.
                again = [c for c in infos if mixed and wanted[c.absolute_index]]
                if again:
                    exact = reader.load_sheet(
                        sheet_name,
                        header_row=header_row,
                        use_columns=[c.absolute_index for c in again],
                        dtypes="float",
                    ).to_arrow()
                    for c, v in zip(again, exact.columns, strict=True):
                        out[c.absolute_index].numbers = v
        except Exception as exc:
            raise damaged_sheet(sheet_name) from exc
        return batch.num_rows, out

    return columns


def csv_columns(rows: list[list[str]]):
    """The column reader of a CSV file's rows: every cell is text (a short row's missing
    cells are blank)."""

    def columns(header_row: int, wanted: dict[int, bool]) -> tuple[int, dict[int, RawColumn]]:
        body = rows[header_row + 1 :]
        out = {
            j: RawColumn(pa.array([r[j] if j < len(r) else None for r in body], pa.string()))
            for j in wanted
        }
        return len(body), out

    return columns
