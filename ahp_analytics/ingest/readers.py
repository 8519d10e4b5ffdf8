"""Bytes -> raw sheets, safely.

Every check that can refuse a file runs before any parser sees it: size, what the file really
is (zip, legacy ``.xls``, encrypted workbook, text), the zip's entries and their uncompressed
size and ratio, the workbook parts Excel always writes, document type declarations (the
vehicle of entity-expansion and external-entity attacks), and each sheet's true extent, which
the fast reader would otherwise allocate as a dense grid, alone and summed over all sheets; a
CSV file's cells are counted from its commas and line breaks. A refusal is one sentence.

A file that passes is handed to fastexcel (calamine, in Rust), which reads each sheet's columns
into Arrow arrays (:mod:`ahp_analytics.ingest.sheets`): many times faster than openpyxl. The
limits, and the checks of a workbook's sheet parts and sheet XML, are in
:mod:`ahp_analytics.ingest.sheet_scan`.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import shutil
import tempfile
import zipfile
import zlib
from pathlib import Path, PurePosixPath

import fastexcel

from ahp_analytics.ingest import halves as split
from ahp_analytics.ingest.sheet_scan import (
    _DTD,
    MAX_CELL_CHARS,
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_FILE_BYTES,
    MAX_RATIO,
    MAX_ROWS,
    MAX_SHEETS,
    MAX_TAG_BYTES,
    MAX_UNCOMPRESSED_BYTES,
    MAX_WORKBOOK_CELLS,
    MAX_ZIP_ENTRIES,
    _scan_sheets,
    _sheet_parts,
    column_letter,
)
from ahp_analytics.ingest.sheets import (
    HEAD_ROWS,
    RawSheet,
    RawWorkbook,
    Refused,
    csv_columns,
    heads,
    workbook_columns,
)

# The limits live with the checks that apply them; importable from here too.
__all__ = [
    "MAX_CELLS",
    "MAX_CELL_CHARS",
    "MAX_COLUMNS",
    "MAX_FILE_BYTES",
    "MAX_RATIO",
    "MAX_ROWS",
    "MAX_SHEETS",
    "MAX_TAG_BYTES",
    "MAX_UNCOMPRESSED_BYTES",
    "MAX_WORKBOOK_CELLS",
    "MAX_ZIP_ENTRIES",
    "column_letter",
    "read_bytes",
    "sniff",
]


_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_ENCRYPTED_MARK = "EncryptionInfo".encode("utf-16-le")


def sniff(data: bytes, file_name: str) -> str:
    """What the file really is: ``xlsx``, ``csv``; or :class:`Refused` with the reason."""
    suffix = PurePosixPath(file_name.lower()).suffix
    if not data:
        raise Refused("The file is empty.")
    if data.startswith(_OLE_MAGIC):
        if _ENCRYPTED_MARK in data[:2_000_000]:
            raise Refused(
                "The workbook is password-protected: remove the password (File > Info > "
                "Protect Workbook) and upload it again."
            )
        raise Refused(
            "This is a legacy Excel 97-2003 (.xls) file: save it as an Excel workbook "
            "(.xlsx) and upload it again."
        )
    if data.startswith(_ZIP_MAGIC):
        if suffix == ".csv":
            raise Refused("The file is named .csv but is a zip archive (perhaps a workbook).")
        return "xlsx"
    if suffix in (".xlsx", ".xlsm"):
        hint = (
            "it looks like text (perhaps a CSV file renamed)"
            if _looks_like_text(data)
            else ("its content is not a workbook")
        )
        raise Refused(
            f"The file is named {suffix} but is not an Excel workbook: {hint}. Save it from "
            "Excel as .xlsx, or give a CSV file the .csv extension."
        )
    if suffix == ".xls":
        raise Refused("The file is named .xls but is not a legacy workbook: save it as .xlsx.")
    if suffix == ".csv" or _looks_like_text(data):
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            # Excel's "Unicode Text" (tab-separated): refused by name rather than as binary.
            raise Refused(
                "The CSV file is saved as Unicode text (UTF-16), which a return may not use: "
                "save it from Excel as 'CSV UTF-8 (Comma delimited)' and upload it again."
            )
        if b"\x00" in data[:65536]:
            raise Refused(
                "The file contains binary data (NUL bytes), so it is not a CSV file: "
                "save it as CSV UTF-8 from Excel."
            )
        return "csv"
    raise Refused(
        f"Files of this kind ({suffix or 'no extension'}) are not accepted: upload an .xlsx, "
        ".xlsm or .csv file."
    )


def _looks_like_text(data: bytes) -> bool:
    head = data[:4096]
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return sum(32 <= b < 127 or b in (9, 10, 13) for b in head) > 0.9 * len(head)


def read_bytes(data: bytes, file_name: str) -> RawWorkbook:
    """Check and read a file; :class:`Refused` (one sentence) when it cannot be read safely."""
    if len(data) > MAX_FILE_BYTES:
        raise Refused(
            f"The file is {len(data) / 1e6:.0f} MB, above the limit of "
            f"{MAX_FILE_BYTES / 1e6:.0f} MB: split it into several returns."
        )
    kind = sniff(data, file_name)
    if kind == "csv":
        return _read_csv(data, file_name)
    try:
        return _read_workbook(data, file_name)
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        OSError,
        ValueError,
        RuntimeError,
    ) as exc:
        # A part's damaged, encrypted or oddly compressed data, or a header offset pointing
        # outside the file, only shows when the part is read, after the archive opened fine.
        raise Refused(
            "The workbook is damaged (a part of it cannot be unpacked): save it again from "
            "Excel and upload the new copy."
        ) from exc


def _csv_cells(data: bytes) -> int:
    """The most cells a CSV file's bytes can make: one per comma and one per line (a quoted
    comma or line break counts too, so never fewer than csv.reader builds)."""
    line_breaks = data.count(b"\n") + data.count(b"\r") - data.count(b"\r\n")
    return data.count(b",") + line_breaks + 1


def _read_csv(data: bytes, file_name: str) -> RawWorkbook:
    # Each cell becomes a Python object of 8 bytes or more, so an empty one costs more memory
    # than the comma that made it: the cells are counted before anything is decoded.
    cells = _csv_cells(data)
    if cells > MAX_CELLS:
        raise Refused(
            f"The CSV file's commas and line breaks make up to {cells:,} cells, more than the "
            f"{MAX_CELLS:,} a return may hold: delete empty columns and rows, or split it "
            "into several files."
        )
    notes = []
    encoding, errors = "utf-8-sig", "strict"
    try:
        data.decode(encoding)  # only a check: the text is decoded piece by piece below
    except UnicodeDecodeError:
        encoding, errors = "cp1252", "replace"
        notes.append(
            "The CSV file is not UTF-8; it was read as Windows-1252 (Excel's 'CSV' on "
            "Windows). Save as 'CSV UTF-8' to be sure accented letters are kept."
        )
    # Not io.StringIO(text): it holds four bytes a character, four times an ASCII file's size.
    text = io.TextIOWrapper(io.BytesIO(data), encoding=encoding, errors=errors, newline="")
    rows: list[list] = []
    try:
        for row in csv.reader(text):
            if len(rows) >= MAX_ROWS:
                raise Refused(
                    f"The CSV file has more than {MAX_ROWS:,} rows: split it into several files."
                )
            if len(row) > MAX_COLUMNS:
                raise Refused(
                    f"Row {len(rows) + 1} of the CSV file has {len(row):,} columns, more than the "
                    f"{MAX_COLUMNS} a return may use."
                )
            rows.append(row)
    except csv.Error as exc:
        raise Refused(f"The CSV file cannot be read ({exc}): check its quoting.") from exc
    stem = PurePosixPath(file_name).stem
    sheet = RawSheet(stem, rows[:HEAD_ROWS], len(rows), _columns=csv_columns(rows))
    return RawWorkbook(file_name, "csv", [sheet], notes)


def _read_workbook(data: bytes, file_name: str) -> RawWorkbook:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise Refused(
            "The workbook is damaged or incomplete (the zip archive cannot be opened): save it "
            "again from Excel and upload the new copy."
        ) from exc
    if len(infos) > MAX_ZIP_ENTRIES:
        raise Refused(
            f"The workbook holds {len(infos):,} parts, more than the {MAX_ZIP_ENTRIES:,} allowed."
        )
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise Refused(
            f"The workbook expands to {total / 1e6:,.0f} MB, above the limit of "
            f"{MAX_UNCOMPRESSED_BYTES / 1e6:,.0f} MB."
        )
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > 1_000_000 and ratio > MAX_RATIO:
            raise Refused(
                f"The workbook part {info.filename} expands {ratio:,.0f} times, as only a zip "
                "bomb does: the file is refused."
            )
    names = {i.filename for i in infos}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise Refused(
            "The file is a zip archive but not an Excel workbook (it lacks the workbook parts "
            "Excel always writes)."
        )
    for info in infos:
        if info.filename.endswith((".xml", ".rels", ".vml")):
            with zf.open(info) as fh:
                head = fh.read(4096)
            if _DTD.search(head):
                raise Refused(
                    f"The workbook part {info.filename} declares a document type (DTD), which "
                    "Excel never writes and XML attacks use: the file is refused."
                )
    sheets_meta = _sheet_parts(zf)
    if len(sheets_meta) > MAX_SHEETS:
        raise Refused(
            f"The workbook has {len(sheets_meta)} sheets, more than the {MAX_SHEETS} allowed."
        )
    parts = [(n, part) for n, part, _ in sheets_meta if part in names]
    scans, halves = _scan_and_split(zf, infos, parts)
    try:
        reader = fastexcel.read_excel(data)
        first_rows = heads(zf, infos, scans, reader)
    except Refused:
        raise
    except Exception as exc:  # calamine raises several of its own types for damaged parts
        raise Refused(
            "The workbook is damaged and cannot be read: save it again from Excel and upload "
            "the new copy."
        ) from exc
    out = []
    for sheet_name, _part, hidden in sheets_meta:
        if sheet_name not in scans:
            continue
        head, height = first_rows[sheet_name]
        scan = scans[sheet_name]
        columns = workbook_columns(reader, sheet_name)
        if sheet_name in halves:
            columns = split.split_columns(*halves[sheet_name], sheet_name, columns)
        out.append(
            RawSheet(
                sheet_name,
                head,
                height if height is not None else scan.rows,
                hidden,
                scan.formula_without_value,
                _columns=columns,
            )
        )
    kind = "xlsm" if file_name.lower().endswith(".xlsm") else "xlsx"
    return RawWorkbook(file_name, kind, out)


def _scan_and_split(
    zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], parts: list[tuple[str, str]]
) -> tuple[dict, dict[str, tuple[tuple, split.Halves]]]:
    """The sheets' scans (:func:`_scan_sheets`) and, for each sheet long enough to gain from
    it, by name, (a fastexcel reader on each half, the halves): see :mod:`.halves`. The halves
    are written while the checks stream the sheet, to a private directory removed before
    this returns or raises (the readers keep the files they opened)."""
    candidates = split.split_candidates(infos, [part for _, part in parts])
    if not candidates:
        return _scan_sheets(zf, parts), {}
    directory = Path(tempfile.mkdtemp(prefix="ahp-sheet-"))  # readable by this user only
    try:
        with contextlib.ExitStack() as stack:
            writers = {}
            for k, part in enumerate(candidates):
                own = directory / str(k)
                own.mkdir(mode=0o700)
                writers[part] = stack.enter_context(split.HalvesWriter(zf, infos, part, own))
            scans = _scan_sheets(zf, parts, writers)
        out = {}
        for name, part in parts:
            halves = writers[part].finish() if part in writers else None
            if halves is None or scans[name].rows < split.SPLIT_MIN_ROWS:
                continue
            with contextlib.suppress(Exception):  # no halves: the sheet is parsed whole
                out[name] = (split.open_halves(halves), halves)
        return scans, out
    finally:
        shutil.rmtree(directory, ignore_errors=True)
