"""A long sheet parsed as two halves at once gives exactly what one parse of it gives
(:mod:`ahp_analytics.ingest.halves`), and its temporary files never outlive the read."""

from __future__ import annotations

import datetime
import io
import os
import re
import stat
import tempfile
import zipfile

import pytest
import xlsxwriter

from ahp_analytics.ingest import halves, readers, sheet_scan
from ahp_analytics.ingest.sheets import Refused
from ahp_analytics.ingest.validation import validate_bytes
from tests.workbooks import WORKFORCE_HEADER

ROWS = 3000  # far below the real threshold, which the tests lower
PART = "xl/worksheets/sheet1.xml"


@pytest.fixture(autouse=True)
def small_split(monkeypatch):
    """Split sheets of a few thousand rows, whatever the machine's load."""
    monkeypatch.setattr(halves, "SPLIT_MIN_ROWS", 100)
    monkeypatch.setattr(halves, "SPLIT_MIN_BYTES", 1000)
    monkeypatch.setattr(halves.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(halves, "_running_elsewhere", lambda: 0)


@pytest.fixture(params=[None, 32768], ids=["one-piece", "many-pieces"])
def pieces(request, monkeypatch):
    """The sheet XML streamed in one piece, or in many (the cut then falls in a later piece
    than the head)."""
    if request.param:
        monkeypatch.setattr(sheet_scan, "_PIECE_BYTES", request.param)


@pytest.fixture
def joins(monkeypatch):
    """The outcomes of joining halves: "joined", or the exception that sent the read to the
    whole sheet."""
    seen: list[str] = []
    real = halves._joined

    def spy(*args, **kwargs):
        try:
            out = real(*args, **kwargs)
        except Exception as exc:
            seen.append(type(exc).__name__)
            raise
        seen.append("joined")
        return out

    monkeypatch.setattr(halves, "_joined", spy)
    return seen


def book(cells: dict[tuple[int, int], object], extra: dict | None = None) -> bytes:
    """A workbook whose first sheet "S" holds ``cells`` ((row, column) from 0 -> value; a
    value of ``...`` is a formatted blank cell, a string starting "=" a formula whose saved
    value is an error); ``extra`` sheets after it."""
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_numbers": False})
    date = wb.add_format({"num_format": "yyyy-mm-dd"})
    stamp = wb.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    blank = wb.add_format({"bold": True})
    for name, sheet_cells in {"S": cells, **(extra or {})}.items():
        ws = wb.add_worksheet(name)
        for (r, c), v in sorted(sheet_cells.items()):
            if v is ...:
                ws.write_blank(r, c, None, blank)
            elif isinstance(v, datetime.datetime):
                ws.write_datetime(r, c, v, stamp)
            elif isinstance(v, datetime.date):
                ws.write_datetime(r, c, v, date)
            elif isinstance(v, str) and v.startswith("="):
                ws.write_formula(r, c, v, None, "#DIV/0!" if "/0" in v else "#NAME?")
            elif isinstance(v, str):
                ws.write_string(r, c, v)
            else:
                ws.write(r, c, v)
    wb.close()
    return buf.getvalue()


def table(rows: int = ROWS, header_at: int = 0, first_col: int = 0) -> dict:
    """A header at row ``header_at`` from column ``first_col``, then text, number and
    number-in-text columns."""
    cells: dict[tuple[int, int], object] = {}
    for j, name in enumerate(["Code", "Band", "FTE", "Count"]):
        cells[header_at, first_col + j] = name
    for i in range(header_at + 1, header_at + 1 + rows):
        cells[i, first_col] = f"R{i % 7}"
        cells[i, first_col + 1] = f"Band {i % 9}"
        cells[i, first_col + 2] = i / 4
        cells[i, first_col + 3] = i % 13
    return cells


def read(data: bytes, split: bool, monkeypatch) -> readers.RawWorkbook:
    with monkeypatch.context() as m:
        if not split:
            m.setattr(halves, "SPLIT_MIN_BYTES", 10**12)
        return readers.read_bytes(data, "book.xlsx")


def same_columns(data: bytes, monkeypatch, header_row: int, wanted: dict[int, bool]):
    """Read sheet "S" whole and as halves; assert the two reads give the same, and return the
    split read's (rows, columns)."""
    whole = read(data, False, monkeypatch).sheets[0]
    split = read(data, True, monkeypatch).sheets[0]
    assert "split_columns" not in whole._columns.__qualname__
    assert (split.head, split.height) == (whole.head, whole.height)
    n, cols = whole.columns(header_row, wanted)
    n2, cols2 = split.columns(header_row, wanted)
    assert n2 == n
    assert cols2.keys() == cols.keys()
    for j, c in cols.items():
        d = cols2[j]
        assert d.values.type == c.values.type, j
        assert d.values.to_pylist() == c.values.to_pylist(), j
        assert d.values.equals(c.values), j
        assert d.mixed == c.mixed, j
        assert (d.numbers is None) == (c.numbers is None), j
        if c.numbers is not None:
            assert d.numbers.equals(c.numbers), j
    return n, cols


def uses_halves(data: bytes, monkeypatch) -> bool:
    sheet = read(data, True, monkeypatch).sheets[0]
    return "split_columns" in sheet._columns.__qualname__


WANT = {0: False, 1: False, 2: True, 3: True}


def test_every_long_sheet_is_split_and_reads_as_its_whole(joins, monkeypatch):
    """A table longer than a sheet spans several long sheets: each is parsed as halves (at
    once, from a directory of its own), each giving what its whole parse gives."""
    data = book(table(), {"S2": table(ROWS + 500), "Short": {(0, 0): "Code", (1, 0): "R1"}})
    whole = read(data, False, monkeypatch)
    split = read(data, True, monkeypatch)
    used = {s.name: "split_columns" in s._columns.__qualname__ for s in split.sheets}
    assert used == {"S": True, "S2": True, "Short": False}
    for a, b in zip(whole.sheets[:2], split.sheets[:2], strict=True):
        n, cols = a.columns(0, WANT)
        n2, cols2 = b.columns(0, WANT)
        assert n2 == n and all(cols2[j].values.equals(c.values) for j, c in cols.items())
    assert joins == ["joined", "joined"]


def test_plain_table(pieces, joins, monkeypatch):
    data = book(table())
    n, cols = same_columns(data, monkeypatch, 0, WANT)
    assert n == ROWS and joins == ["joined"]
    assert not cols[2].mixed and str(cols[2].values.type) == "double"


def test_header_below_blank_rows_and_a_blank_column_a(pieces, joins, monkeypatch):
    data = book(table(header_at=3, first_col=1))
    n, _ = same_columns(data, monkeypatch, 3, {1: False, 2: False, 3: True, 4: True})
    assert n == ROWS and joins == ["joined"]


@pytest.mark.parametrize("where", [10, ROWS - 10], ids=["half-1", "half-2"])
def test_column_a_used_in_one_half_only(where, pieces, joins, monkeypatch):
    # The table starts in column B; a stray value in column A in one half only moves that
    # half's first column, never what a column index means.
    cells = table(first_col=1)
    cells[where, 0] = "stray"
    data = book(cells)
    same_columns(data, monkeypatch, 0, {1: False, 2: False, 3: True, 4: True})
    same_columns(data, monkeypatch, 0, {0: False, 1: False, 3: True})
    assert joins == ["joined", "joined"]


def test_a_head_without_values_is_not_split(pieces, joins, monkeypatch):
    # Formatted blank cells fill the first rows: fastexcel would count header rows from the
    # first value, which half 2 does not hold.
    cells = table(header_at=60)
    for i in range(60):
        cells[i, 0] = ...
    data = book(cells)
    assert not uses_halves(data, monkeypatch)
    same_columns(data, monkeypatch, 0, WANT)
    same_columns(data, monkeypatch, 60, WANT)


def test_blank_rows_at_the_cut(pieces, joins, monkeypatch):
    # Formatted blank cells (no value) around the middle of the XML, with a stretch of no row
    # at all in them: half 1 ends in blank rows, which calamine leaves out.
    cells = table()
    for i in range(ROWS // 2 - 400, ROWS // 2 + 400):
        for j in range(4):
            cells[i, j] = ... if not ROWS // 2 - 50 < i < ROWS // 2 + 50 else None
    cells = {k: v for k, v in cells.items() if v is not None}
    data = book(cells)
    n, cols = same_columns(data, monkeypatch, 0, WANT)
    assert n == ROWS and joins == ["joined"]
    assert cols[2].values.null_count == 800


def test_nothing_after_the_cut_holds_a_value(pieces, joins, monkeypatch):
    cells = table(rows=ROWS // 3)
    for i in range(ROWS // 3 + 1, ROWS):
        for j in range(4):
            cells[i, j] = ...
    n, _ = same_columns(book(cells), monkeypatch, 0, WANT)
    assert n == ROWS // 3 and joins == ["joined"]


def cut_row(data: bytes) -> int:
    """The row after which the halves cut sheet "S": the first row ending past the middle of
    its XML."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        xml = zf.read(PART)
    end = sheet_scan._ROW_END.search(xml, len(xml) // 2)
    return int(re.findall(rb'<row r="([0-9]+)"', xml[: end.end()])[-1])


def test_a_column_typed_differently_in_each_half_is_mixed(pieces, joins, monkeypatch):
    # Blank in the head (which half 2 repeats), numbers in half 1, text in half 2: each half
    # reads the column with one type, the whole sheet finds it mixed.
    cut = ROWS // 2
    for _ in range(10):  # text is longer than a number: the cut moves, until it settles
        cells = table()
        for i in range(1, 61):
            del cells[i, 2]
        for i in range(cut, ROWS + 1):  # cells[i] is Excel row i + 1
            cells[i, 2] = f"text {i}"
        data = book(cells)
        if cut_row(data) == cut:
            break
        cut = cut_row(data)
    assert cut_row(data) == cut
    n, cols = same_columns(data, monkeypatch, 0, WANT)
    assert all(c.mixed for c in cols.values()) and joins == ["joined"]
    assert cols[2].numbers is not None and cols[3].numbers is not None


def test_a_column_mixed_within_one_half(pieces, joins, monkeypatch):
    cells = table()
    cells[ROWS - 5, 3] = "seven"
    cells[ROWS - 6, 3] = True
    _, cols = same_columns(book(cells), monkeypatch, 0, WANT)
    assert all(c.mixed for c in cols.values()) and joins == ["joined"]


@pytest.mark.parametrize("empty", ["half-1", "half-2"])
def test_a_column_empty_in_one_half(empty, pieces, joins, monkeypatch):
    cells = table()
    rows = range(1, ROWS // 2) if empty == "half-1" else range(ROWS // 2, ROWS + 1)
    for i in rows:
        del cells[i, 2]
    _, cols = same_columns(book(cells), monkeypatch, 0, WANT)
    assert str(cols[2].values.type) == "double" and joins == ["joined"]


def test_dates_and_date_times(pieces, joins, monkeypatch):
    cells = table()
    day = datetime.date(2024, 1, 1)
    for i in range(1, ROWS + 1):
        cells[i, 4] = day + datetime.timedelta(days=i % 400)
        # Dates in half 1, date-times in half 2: one parse makes both date-times.
        stamp = datetime.datetime(2024, 1, 1, 8, 30) + datetime.timedelta(hours=i)
        cells[i, 5] = stamp if i > ROWS // 2 else stamp.date()
    cells[0, 4], cells[0, 5] = "Start", "Seen"
    _, cols = same_columns(book(cells), monkeypatch, 0, {**WANT, 4: False, 5: True})
    assert "timestamp" in str(cols[5].values.type)


@pytest.mark.parametrize("error", ["=1/0", "=foo()"])
def test_cell_errors(error, pieces, monkeypatch):
    cells = table()
    cells[ROWS - 3, 2] = error
    same_columns(book(cells), monkeypatch, 0, WANT)


def test_a_sheet_not_in_the_usual_form_is_parsed_whole(pieces, monkeypatch):
    # Cells without a reference are placed by counting: half 2 could not place them.
    data = book(table())
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        parts = {i.filename: zf.read(i) for i in zf.infolist()}
    parts[PART] = re.sub(rb'<c r="[A-Z]+[0-9]+"', b"<c", parts[PART])
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for name, content in parts.items():
            out.writestr(name, content)
    data = buf.getvalue()
    assert not uses_halves(data, monkeypatch)
    n, _ = same_columns(data, monkeypatch, 0, WANT)
    assert n == ROWS


def test_a_short_sheet_is_not_split(monkeypatch):
    monkeypatch.setattr(halves, "SPLIT_MIN_ROWS", ROWS + 2)
    assert not uses_halves(book(table()), monkeypatch)
    monkeypatch.setattr(halves, "SPLIT_MIN_ROWS", ROWS)
    assert uses_halves(book(table()), monkeypatch)


def test_a_single_core_does_not_split(monkeypatch):
    monkeypatch.setattr(halves.os, "cpu_count", lambda: 1)
    assert not uses_halves(book(table()), monkeypatch)


def test_a_busy_machine_does_not_split(monkeypatch):
    monkeypatch.setattr(halves, "_running_elsewhere", lambda: 1)
    assert not uses_halves(book(table()), monkeypatch)
    monkeypatch.setattr(halves.os, "cpu_count", lambda: 4)
    assert uses_halves(book(table()), monkeypatch)


def test_the_tasks_running_now_count_not_the_last_minute(monkeypatch):
    # A busy last minute (this process's own earlier upload) with nothing running now.
    monkeypatch.undo()
    monkeypatch.setattr(halves.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(halves.os, "getloadavg", lambda: (1.9, 1.0, 0.5))
    monkeypatch.setattr(halves, "_running_elsewhere", lambda: 0)
    assert halves._core_free()
    monkeypatch.setattr(halves, "_running_elsewhere", lambda: 1)
    assert not halves._core_free()
    # Where the system does not say what runs now, the load average decides.
    monkeypatch.setattr(halves, "_running_elsewhere", lambda: None)
    assert not halves._core_free()
    monkeypatch.setattr(halves.os, "getloadavg", lambda: (1.4, 3.0, 3.0))
    assert halves._core_free()


def test_the_running_tasks_are_read_from_the_system():
    elsewhere = halves._running_elsewhere()
    if os.path.exists("/proc/loadavg"):
        assert elsewhere is not None and elsewhere >= 0
    else:
        assert elsewhere is None


def workforce_return() -> bytes:
    """A workforce table of a few thousand rows with errors in both halves."""
    cells: dict[tuple[int, int], object] = {(0, j): name for j, name in enumerate(WORKFORCE_HEADER)}
    for i in range(1, ROWS + 1):
        row = ["RJ1", "2024-03", "Physiotherapist", f"Band {5 + i % 3}", 1 + i % 5, 2, 0]
        if i % 997 == 0:
            row[2] = "Wizard"
        if i % 1201 == 0:
            row[4] = -2
        if i == ROWS - 7:
            row[5] = "many"
        for j, v in enumerate(row):
            cells[i, j] = v
    return book(cells)


def test_validate_bytes_says_the_same(pieces, joins, monkeypatch):
    data = workforce_return()
    with monkeypatch.context() as m:
        m.setattr(halves, "SPLIT_MIN_BYTES", 10**12)
        whole = validate_bytes(data, "return.xlsx")
    split = validate_bytes(data, "return.xlsx")
    assert joins == ["joined"]
    assert whole.errors and [e.row for e in whole.errors]
    assert [vars(m) for m in split.errors] == [vars(m) for m in whole.errors]
    assert [vars(m) for m in split.warnings] == [vars(m) for m in whole.warnings]
    assert split.rows == whole.rows
    for name, frame in whole.tables.items():
        assert split.tables[name].equals(frame), name


@pytest.fixture
def private_tmp(tmp_path, monkeypatch):
    """The directory temporary files go to, and the modes of the directories made there."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    modes: list[int] = []
    real = tempfile.mkdtemp

    def mkdtemp(*args, **kwargs):
        path = real(*args, **kwargs)
        modes.append(stat.S_IMODE(os.stat(path).st_mode))
        return path

    monkeypatch.setattr(tempfile, "mkdtemp", mkdtemp)
    return tmp_path, modes


def test_temporary_files_gone_after_success(private_tmp, monkeypatch):
    tmp, modes = private_tmp
    wb = readers.read_bytes(book(table()), "book.xlsx")
    assert modes == [0o700]
    assert list(tmp.iterdir()) == []
    n, _ = wb.sheets[0].columns(0, WANT)  # the open readers still read the removed files
    assert n == ROWS


def test_temporary_files_gone_after_a_refusal(private_tmp, monkeypatch):
    tmp, modes = private_tmp
    # The long sheet is scanned (and its halves written) before the second sheet's stray
    # cell refuses the file.
    data = book(table(), extra={"T": {(0, 0): "x", (5, 250): 1}})
    with pytest.raises(Refused, match="column"):
        readers.read_bytes(data, "book.xlsx")
    assert modes == [0o700]
    assert list(tmp.iterdir()) == []


def test_temporary_files_gone_after_a_damaged_sheet(private_tmp, monkeypatch):
    tmp, modes = private_tmp
    data = book(table())
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        parts = {i.filename: zf.read(i) for i in zf.infolist()}
    # A value closed by the wrong tag in half 2 (row 2500's FTE): calamine refuses the sheet.
    assert parts[PART].count(b"<v>625</v>") == 1
    parts[PART] = parts[PART].replace(b"<v>625</v>", b"<v>625</x>")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for name, content in parts.items():
            out.writestr(name, content)
    wb = readers.read_bytes(buf.getvalue(), "book.xlsx")
    assert modes == [0o700]
    assert list(tmp.iterdir()) == []
    assert "split_columns" in wb.sheets[0]._columns.__qualname__
    with pytest.raises(Refused, match="Sheet 'S' is damaged"):
        wb.sheets[0].columns(0, WANT)
    assert list(tmp.iterdir()) == []
