"""A long sheet parsed as two halves at once, on two cores, with the result of one parse.

While the safety checks stream the XML of each of a workbook's long sheets
(:func:`ahp_analytics.ingest.sheet_scan._scan_sheets`), a :class:`HalvesWriter` writes two
workbooks to a private temporary directory: the workbook's parts with that sheet cut at a row
near the middle of its XML. Half 1 holds the rows up to the cut; half 2 the sheet's first
:data:`~ahp_analytics.ingest.sheets.HEAD_ROWS` rows (where the header is) and the rows after
the cut, each row at its own row number, so that a header row and a column index mean in each
half what they mean in the whole sheet. Nothing parses the halves before every check has
passed; then one fastexcel reader opens each (it reads the file as it goes, so the directory
is removed at once: the data stays reachable through the open files only).

:func:`split_columns` reads the same columns from both halves in two threads (fastexcel
releases Python's global lock) and joins them into what one parse of the whole sheet gives:
the same rows, types, values and ``mixed`` flags. Where the halves cannot prove that (rows
out of order, a pair of types whose joint type is not known), the whole sheet is parsed once,
as it would be without the halves. A sheet is split only where a second core is free.
"""

from __future__ import annotations

import os
import queue
import re
import threading
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import fastexcel
import pyarrow as pa

from ahp_analytics.domain.gcpause import gc_paused
from ahp_analytics.ingest.sheet_scan import (
    _CELL_ROW,
    _ROW_END,
    _SHEET_DATA,
    _WORKSHEET,
    _last_match,
)
from ahp_analytics.ingest.sheets import HEAD_ROWS, RawColumn, _typed

# A sheet is split only when parsing it as two halves at once can gain: writing the halves and
# joining them cost 0.5-0.8 s of CPU on the national benchmark workbook (712,800 rows, 240 MB
# of sheet XML); with a core free, validate_bytes took 3.65 s against 4.27 s (median of five
# pairs), on a busy machine about a tenth longer (see _core_free). Below about 100,000 rows
# the gain is within the noise of a shared machine. A row of that workbook's XML is about 340
# bytes; the byte limit keeps a sheet that cannot reach the row limit from being written out.
SPLIT_MIN_ROWS = 100_000
SPLIT_MIN_BYTES = 24 * 1024 * 1024  # the sheet part's size unpacked

_ROW_OPEN = re.compile(rb"<(?:[\w.-]+:)?row\b[^<>]*?\sr=\"([0-9]+)\"")
# Types whose joint type fastexcel resolves rather than refusing (a date and a date-time make a
# date-time): where the halves disagree on these, the whole sheet is parsed instead.
_TEMPORAL = (pa.types.is_timestamp, pa.types.is_date, pa.types.is_duration, pa.types.is_time)


@dataclass(frozen=True)
class Halves:
    """The two halves of a sheet: their files, the Excel row number of the last row of half 1
    (``cut_row``) and of the last row of the sheet's head, which half 2 starts with."""

    paths: tuple[Path, Path]
    cut_row: int
    head_row: int
    values_after_cut: bool  # whether a cell after the cut holds a value


def _running_elsewhere() -> int | None:
    """How many tasks other than this one are running on the machine now (Linux's count of
    runnable tasks in /proc/loadavg); None where the system does not say."""
    try:
        with open("/proc/loadavg") as fh:
            return int(fh.read().split()[3].split("/")[0]) - 1
    except (OSError, ValueError, IndexError):
        return None


def _core_free() -> bool:
    """Whether a second core is free: the machine has two or more, and fewer tasks than
    cores less one run elsewhere now (where the system does not say, the last minute's load
    average leaves half a core idle). On a busy machine the halves' extra work (about 0.5 s
    of CPU at 712,800 rows) is all they add. The tasks running now, not the load average:
    the average counts this process's own last minute, as in a second upload soon after a
    first, which then went unsplit on an idle machine."""
    cores = os.cpu_count() or 1
    if cores < 2:
        return False
    elsewhere = _running_elsewhere()
    if elsewhere is not None:
        return elsewhere <= cores - 2
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):
        return True
    return load < cores - 0.5


def split_candidates(infos: list[zipfile.ZipInfo], parts: list[str]) -> list[str]:
    """The zip parts of ``parts`` worth splitting, each large enough (a table longer than a
    sheet's rows spans several long sheets), in the order given; none when no second core is
    free."""
    if not _core_free():
        return []
    sizes = {i.filename: i.file_size for i in infos if i.filename in parts}
    return [part for part in parts if sizes.get(part, 0) >= SPLIT_MIN_BYTES]


class HalvesWriter:
    """Writes the two halves of one sheet (see the module) from the pieces of its XML, handed
    in order (a :data:`~ahp_analytics.ingest.sheet_scan.Sink`); never holds more than a piece.

    Use as a context manager: on leaving, the files are closed; :meth:`finish` (after) says
    whether the halves are complete and usable."""

    def __init__(
        self, zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], part: str, directory: Path
    ):
        self.part = part
        self.size = next(i.file_size for i in infos if i.filename == part)
        self.paths = (directory / "half-1.xlsx", directory / "half-2.xlsx")
        self._zips = [zipfile.ZipFile(p, "w", zipfile.ZIP_STORED) for p in self.paths]
        self._out: list = []
        self._read = 0  # bytes of the sheet's XML handed in so far
        self._cut_row: int | None = None
        self._head_row = 0
        self._spoiled = False
        self._values_after_cut = False
        # Writing to disk costs about as much as the checks of the same bytes: it is done on a
        # thread of its own (the kernel's copy and zlib's checksum release Python's global
        # lock), a few pieces behind, in order.
        self._queue: queue.Queue = queue.Queue(maxsize=4)
        self._failed: BaseException | None = None
        self._writer = threading.Thread(target=self._drain, name="sheet-halves", daemon=True)
        try:
            self._copy_parts(zf, infos)
        except BaseException:
            for z in self._zips:
                z.close()
            raise
        self._writer.start()

    def _copy_parts(self, zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> None:
        for info in infos:
            # The other sheets are never read from the halves: only the parts calamine needs
            # to open a workbook and read one sheet (workbook, relationships, styles, strings).
            wanted = info.filename.endswith((".xml", ".rels"))
            if wanted and info.filename != self.part and "worksheets/" not in info.filename:
                data = zf.read(info)
                for z in self._zips:
                    z.writestr(info.filename, data)

    def __enter__(self) -> HalvesWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self._queue.put(None)
        self._writer.join()
        for fh in self._out:
            if not fh.closed:
                fh.close()
        for z in self._zips:
            z.close()

    def _drain(self) -> None:
        """Write what :meth:`_write` queued, until None."""
        while (item := self._queue.get()) is not None:
            half, data = item
            if self._failed is not None:
                continue  # a full disk, say: the halves are given up, the sheet parsed whole
            try:
                if data is None:
                    self._out[half].close()
                else:
                    self._out[half].write(data)
            except Exception as exc:  # noqa: BLE001 - reported by finish(), never raised
                self._failed = exc

    def _write(self, half: int, data: bytes | None) -> None:
        """Queue ``data`` for half 1 (``half`` 0) or half 2; None closes that half's sheet."""
        self._queue.put((half, data))

    def __call__(self, body: bytes, excel_form: bool) -> None:
        if self._spoiled:
            return
        if not excel_form:
            # Cells placed by counting, not by reference: half 2 would misplace them.
            self._spoiled = True
            return
        start = 0
        if not self._out:
            start = self._begin(body)
            if self._spoiled:
                return
        if self._cut_row is None:
            target = max(self.size // 2 - self._read, start)
            end = _ROW_END.search(body, target) if target < len(body) else None
            if end is None:
                self._write(0, body)
            else:
                row = _last_match(_ROW_OPEN, body[: end.end()])
                if row is None or int(row[1]) <= self._head_row:
                    self._spoiled = True
                    return
                self._cut_row = int(row[1])
                self._write(0, body[: end.end()])
                self._write(0, self._closing)
                self._write(0, None)
                self._write(1, body[end.end() :])
                self._values_after_cut = _CELL_ROW.search(body, end.end()) is not None
        else:
            self._write(1, body)
            if not self._values_after_cut:
                self._values_after_cut = _CELL_ROW.search(body) is not None
        self._read += len(body)

    def _begin(self, body: bytes) -> int:
        """Open both halves' sheet parts and start half 2 with the sheet's head; the offset in
        ``body`` after the head (0 when the sheet cannot be split)."""
        data, root = _SHEET_DATA.search(body), _WORKSHEET.search(body)
        ends = list(_ROW_END.finditer(body))
        if data is None or root is None or len(ends) < HEAD_ROWS:
            self._spoiled = True
            return 0
        head_end = ends[HEAD_ROWS - 1]
        row = _last_match(_ROW_OPEN, body[: head_end.end()])
        # fastexcel counts a header row from the first row holding a value: half 2 counts as
        # the whole sheet does only if that row is in the head it repeats.
        first_value = _CELL_ROW.search(body, 0, head_end.end())
        if row is None or first_value is None or data.start() > head_end.start():
            self._spoiled = True
            return 0
        self._head_row = int(row[1])
        self._closing = b"</" + data[1] + b"></" + root[1] + b">"
        self._out = [z.open(self.part, "w", force_zip64=True) for z in self._zips]
        self._write(1, body[: head_end.end()])
        return head_end.end()

    def finish(self) -> Halves | None:
        """The halves, when the whole sheet was handed in, cut and written; else None. Call
        after leaving the context (which waits for the writes)."""
        if self._failed or self._spoiled or self._cut_row is None or self._read != self.size:
            return None
        return Halves(self.paths, self._cut_row, self._head_row, self._values_after_cut)


class _CannotJoin(Exception):
    """The halves cannot prove they give what the whole sheet gives."""


def open_halves(halves: Halves) -> tuple[object, object]:
    """One fastexcel reader on each half."""
    return tuple(fastexcel.read_excel(str(p)) for p in halves.paths)


def split_columns(readers: tuple[object, object], halves: Halves, sheet_name: str, whole):
    """The column reader of a sheet (see :meth:`RawSheet.columns`) from its two halves, read
    at once; ``whole`` is the column reader of the whole sheet, used where the halves cannot
    prove their join equal to it (or fail: a damaged sheet is then reported as one)."""

    def columns(header_row: int, wanted: dict[int, bool]) -> tuple[int, dict[int, RawColumn]]:
        if not wanted:
            return 0, {}
        try:
            with gc_paused():
                return _joined(readers, halves, sheet_name, header_row, wanted)
        except Exception:  # noqa: BLE001 - the whole sheet's parse says what is wrong, if anything
            return whole(header_row, wanted)

    return columns


def _both(pool: ThreadPoolExecutor, readers, load) -> list:
    """``load(reader)`` for each half's reader at once, one thread each (a reader used from
    two threads at a time refuses)."""
    return list(pool.map(load, readers))


def _joined(readers, halves: Halves, sheet_name: str, header_row: int, wanted: dict[int, bool]):
    use = sorted(wanted)
    # A wanted column may lie outside one half's range (a column with no header whose values
    # are all in the other half): that half reads it as blank, rather than failing.
    options = {"header_row": header_row, "use_columns": lambda c: c.absolute_index in wanted}

    def typed_columns(reader: object) -> tuple[int, list[pa.Array]] | _CannotJoin | None:
        """A half's columns of one type each (None where a column mixes types), taken into
        Arrow in its own thread too; a half that cannot join is said, not raised, so that a
        mixed half still decides first."""
        sheet = _typed(reader, sheet_name, **options)
        if sheet is None:
            return None
        try:
            return _columns_of(sheet, use)
        except _CannotJoin as exc:
            return exc

    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="sheet-half") as pool:
        typed = _both(pool, readers, typed_columns)
        mixed = any(s is None for s in typed)
        if not mixed:
            for half in typed:
                if isinstance(half, _CannotJoin):
                    raise half
            loaded = typed
            mixed = _types_disagree(loaded)
        if mixed:
            loaded = _both(
                pool,
                readers,
                lambda r: _columns_of(r.load_sheet(sheet_name, dtypes="string", **options), use),
            )
        exact: list[tuple[int, list[pa.Array]]] | None = None
        again = [j for j in use if mixed and wanted[j]]
        if again:
            # A column that mixes types reads as text, which holds its numbers to 9 decimals
            # only: where numbers are wanted, they are read again as numbers.
            options["use_columns"] = lambda c: c.absolute_index in again
            exact = _both(
                pool,
                readers,
                lambda r: _columns_of(r.load_sheet(sheet_name, dtypes="float", **options), again),
            )
    n, take = _row_plan(loaded, halves, header_row)
    values = _join(loaded, take, n)
    out = {j: RawColumn(values[k], mixed=mixed) for k, j in enumerate(use)}
    if exact is not None:
        for k, v in enumerate(_join(exact, take, n)):
            out[again[k]].numbers = v
    return n, out


def _columns_of(sheet, use: list[int]) -> tuple[int, list[pa.Array]]:
    """(rows, the arrays of the columns ``use``) of a half's loaded sheet; a column outside
    the half's range is all blank, of the null type."""
    batch = sheet.to_arrow()
    where = [c.absolute_index for c in sheet.selected_columns]
    if not where:
        raise _CannotJoin  # no wanted column in the half: its row count says nothing
    got = dict(zip(where, batch.columns, strict=True))
    return batch.num_rows, [got.get(j, pa.nulls(batch.num_rows)) for j in use]


def _all_null(array: pa.Array) -> bool:
    return array.null_count == len(array)


def _types_disagree(loaded: list[tuple[int, list[pa.Array]]]) -> bool:
    """Whether one parse of the whole sheet would find a column of mixed types (and so read
    every column as text): a column typed differently in the halves, each holding values.
    :class:`_CannotJoin` for a pair of types fastexcel joins (dates and date-times)."""
    for a, b in zip(loaded[0][1], loaded[1][1], strict=True):
        if a.type == b.type or _all_null(a) or _all_null(b):
            continue
        if any(t(a.type) for t in _TEMPORAL) and any(t(b.type) for t in _TEMPORAL):
            raise _CannotJoin
        return True
    return False


def _row_plan(
    loaded: list[tuple[int, list[pa.Array]]], halves: Halves, header_row: int
) -> tuple[int, tuple[int, int]]:
    """(rows of the whole sheet below ``header_row``, (rows of half 1 kept, first row of half 2
    kept)). Half 1 holds the sheet's rows down to the cut; below its last value, up to the
    cut, calamine leaves the rows out, which the whole sheet has as blank rows when rows with
    values follow. Half 2's first rows repeat the head, then come blank rows up to the cut."""
    before_cut = halves.cut_row - header_row - 1  # rows below the header down to the cut
    (n1, first), (n2, second) = loaded
    if n1 > before_cut:
        raise _CannotJoin  # a row of half 1 lies beyond the cut: rows out of order
    if (n2 > before_cut) != halves.values_after_cut:
        raise _CannotJoin  # half 2's rows are not where its XML put them
    if n2 <= before_cut:
        return n1, (n1, n2)  # nothing after the cut holds a value
    gap = max(halves.head_row - header_row - 1, 0)  # half 2's rows after its head
    both = min(gap, n1)  # the head's rows below the header, which both halves hold
    for a, b in zip(first, second, strict=True):
        if a.slice(0, both).to_pylist() != b.slice(0, both).to_pylist():
            raise _CannotJoin  # the head's rows read differently in the two halves
    for column in second:
        if column.slice(gap, before_cut - gap).null_count != before_cut - gap:
            raise _CannotJoin  # a value of half 2 above the cut: rows out of order
    # Half 2, like the whole sheet, runs from the header row to the last value.
    return n2, (before_cut, before_cut)


def _join(
    loaded: list[tuple[int, list[pa.Array]]], take: tuple[int, int], n: int
) -> list[pa.Array]:
    """Each column: half 1's first ``take[0]`` rows, blank rows down to the cut, and half 2's
    rows from ``take[1]``; a column that is blank in one half takes the other half's type."""
    first, second = take
    out = []
    for a, b in zip(loaded[0][1], loaded[1][1], strict=True):
        b = b.slice(second)
        a = a.slice(0, first)
        if a.type != b.type:
            if _all_null(a):
                a = pa.nulls(len(a), b.type)
            elif _all_null(b):
                b = pa.nulls(len(b), a.type)
            else:
                raise _CannotJoin  # never so: the halves would have been read as text
        pad = n - len(a) - len(b)
        parts = [a, pa.nulls(pad, a.type), b] if pad else [a, b]
        out.append(pa.concat_arrays(parts))
    return out


__all__ = [
    "SPLIT_MIN_BYTES",
    "SPLIT_MIN_ROWS",
    "Halves",
    "HalvesWriter",
    "open_halves",
    "split_candidates",
    "split_columns",
]
