"""The limits on a file, and the checks that run before any parser sees a workbook: its sheet
parts, each sheet's true extent read from the XML, and the cell budget over all sheets."""

from __future__ import annotations

import re
import zipfile
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import PurePosixPath

import defusedxml.ElementTree as SafeET
import numpy as np

from ahp_analytics.ingest.sheets import HEAD_ROWS, Refused

MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_ZIP_ENTRIES = 2_000
MAX_UNCOMPRESSED_BYTES = 1_500 * 1024 * 1024
MAX_RATIO = 200  # real sheet XML compresses about 5-30x; bombs compress 1000x
MAX_SHEETS = 200
MAX_ROWS = 1_100_000  # Excel's own limit is 1,048,576
MAX_COLUMNS = 200
MAX_CELLS = 12_000_000  # rows x columns of the grid the reader would build for one sheet
# Every sheet's grid together, ignored sheets included (calamine builds them all): the 4x
# national benchmark spans 20.3 million, the 1x national workbook 5.1 million.
MAX_WORKBOOK_CELLS = 24_000_000
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell
MAX_TAG_BYTES = 8 * 1024 * 1024  # one tag or text run: far beyond any cell Excel writes
_PIECE_BYTES = 4 * 1024 * 1024  # sheet XML is streamed in pieces of this size

_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"

# The grid calamine builds spans every cell that holds a value. It places a cell by the cell's
# own reference, whatever its row says; reads references in either case and either quotes; and
# places a cell with no reference just after the one before it (a row with none just after the
# row before). A self-closing cell holds no value, though it moves the count on. Excel writes
# every cell as <c r="B7" ...>: a sheet in that form is measured from its cell references
# alone, with patterns that start from that literal text; any other sheet by replaying
# calamine's counting tag by tag (slower; only files Excel did not write take that path).
_CLOSES_EMPTY = rb'(?:\s+[\w:.-]+="[^"<>]*")*\s*/>'  # the rest of a tag that closes it empty
_NOT_EMPTY = rb"(?!" + _CLOSES_EMPTY + rb")"  # what follows does not close the tag empty
_EMPTY_REST = re.compile(_CLOSES_EMPTY)
_CELL_ROW = re.compile(rb'<c r="[A-Za-z]+([0-9]+)"' + _NOT_EMPTY)
_CELL_WITHOUT_REF = re.compile(rb'<c(?! r=")[\s/>]')
_PREFIXED_CELL = re.compile(rb":c[\s/>]")
_ROW_OR_CELL_TAG = re.compile(rb"<(?:/(?:[\w.-]+:)?row|(?:[\w.-]+:)?(?:c|row))[\s/>]")
_ROW_OR_CELL = re.compile(
    rb"<(?:(/)(?:[\w.-]+:)?row\s*>|(?:[\w.-]+:)?(row|c)"
    rb"((?:\s+[^\s=/<>]+\s*=\s*(?:\"[^\"<]*\"|'[^'<]*'))*)\s*(/?)>)"
)
_ATTRIBUTE = re.compile(rb"""\s+([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_REFERENCE = re.compile(rb"([A-Za-z]*)([0-9]*)")
_FORMULA_NO_VALUE = re.compile(
    rb'<(?:\w+:)?c\b[^>]*?\sr="([A-Z]+[0-9]+)"[^>]*>\s*'
    rb"(?:<(?:\w+:)?f\b[^>]*/>|<(?:\w+:)?f\b[^>]*>[^<]*</(?:\w+:)?f>)\s*"
    rb"(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?\s*</(?:\w+:)?c>"
)
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_ROW_END = re.compile(rb"</(?:[\w.-]+:)?row\s*>|<(?:[\w.-]+:)?row\b[^<>]*/>")
_SHEET_DATA = re.compile(rb"<((?:[\w.-]+:)?sheetData)[\s>]")
_WORKSHEET = re.compile(rb"<((?:[\w.-]+:)?worksheet)[\s>]")


def column_letter(index: int) -> str:
    """0 -> ``A``, 27 -> ``AB``."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _column_number(letters: bytes | str) -> int:
    n = 0
    for ch in letters.decode() if isinstance(letters, bytes) else letters:
        n = n * 26 + ord(ch) - 64
    return n


def _sheet_parts(zf: zipfile.ZipFile) -> list[tuple[str, str, bool]]:
    """(sheet name, zip part, hidden) for each worksheet, in workbook order."""
    try:
        wb = SafeET.fromstring(zf.read("xl/workbook.xml"))
        rels_data = zf.read("xl/_rels/workbook.xml.rels")
        rels = SafeET.fromstring(rels_data)
    except KeyError as exc:
        raise Refused("The workbook lacks its list of sheets: save it again from Excel.") from exc
    except Exception as exc:  # defusedxml's refusals and XML syntax errors alike
        raise Refused(
            "The workbook's list of sheets is not valid or safe XML: the file is refused."
        ) from exc
    targets = {}
    for rel in rels.iter(f"{_PKG_REL_NS}Relationship"):
        target = rel.get("Target", "")
        target = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        targets[rel.get("Id")] = str(PurePosixPath(target))
    out = []
    for sheet in wb.iter(f"{_MAIN_NS}sheet"):
        part = targets.get(sheet.get(f"{_REL_NS}id"), "")
        if "worksheets/" not in part:
            continue  # chart sheets and dialog sheets hold no table
        out.append((sheet.get("name", ""), part, sheet.get("state", "visible") != "visible"))
    return out


def _last_match(pattern: re.Pattern[bytes], body: bytes) -> re.Match[bytes] | None:
    """The last match of ``pattern`` (which never spans a ``>``) in ``body``, as a scan of all
    of it would end: a scan started just after a ``>`` sees the same matches from there on,
    so only the tail is scanned, widened until it holds a match."""
    window = 65536
    while True:
        start = body.rfind(b">", 0, max(len(body) - window, 0)) + 1
        last = None
        for last in pattern.finditer(body, start):  # noqa: B007 - the last one is wanted
            pass
        if last is not None or start == 0:
            return last
        window *= 4


def _number_above(n: int) -> bytes:
    """A pattern for a whole number (leading zeros allowed) greater than ``n``: digit by digit,
    so each candidate is read once."""
    digits = str(n)

    def rest(i: int) -> bytes:
        left = len(digits) - i - 1
        options = [b"[%d-9][0-9]{%d}" % (int(digits[i]) + 1, left)] if digits[i] != "9" else []
        if left:
            options.append(digits[i].encode() + rest(i + 1))
        return b"(?:" + b"|".join(options) + b")" if options else b"(?!)"

    return b"0*(?:[1-9][0-9]{%d,}|" % len(digits) + rest(0) + b")"


def _far_cells(last_row: int) -> re.Pattern[bytes]:
    """Cell references in column AA or beyond, or in a row after ``last_row``; whether the
    cell holds a value is left to :data:`_EMPTY_REST` (a lookahead here would run at every
    cell)."""
    return re.compile(
        rb'<c r="(?:([A-Za-z]{2,})([0-9]+)|([A-Za-z])(' + _number_above(last_row) + rb'))"'
    )


def _xml_pieces(zf: zipfile.ZipFile, part: str, sheet_name: str) -> Iterator[bytes]:
    """A part's XML in pieces of about 4 MB, each cut just before a ``<`` so that no tag is
    split between two pieces."""
    carry = b""
    read = 0
    with zf.open(part) as fh:
        while chunk := fh.read(_PIECE_BYTES):
            read += len(chunk)
            if read > MAX_UNCOMPRESSED_BYTES:
                raise Refused(f"Sheet '{sheet_name}' is too large to read.")
            buf = carry + chunk
            cut = buf.rfind(b"<")
            if cut < 0:
                cut = len(buf)
            elif len(buf) - cut > MAX_TAG_BYTES:
                raise Refused(
                    f"Sheet '{sheet_name}' holds a cell or tag of more than "
                    f"{MAX_TAG_BYTES // 1024 // 1024} MB, far beyond what Excel writes: the file "
                    "is refused."
                )
            yield buf[:cut]
            carry = buf[cut:]
    if carry:
        yield carry


def _replayed_extent(zf: zipfile.ZipFile, part: str, sheet_name: str) -> tuple[int, int]:
    """(rows, columns) of the grid calamine would build, found by replaying how it places
    each cell; every cell that is not self-closing counts, whether or not it holds a value."""
    unreadable = Refused(
        f"Sheet '{sheet_name}' is written in a form the reader cannot measure safely: save the "
        "workbook again from Excel."
    )
    rows = columns = 0
    row = col = 0  # calamine's counters, from 0
    for body in _xml_pieces(zf, part, sheet_name):
        tags = list(_ROW_OR_CELL.finditer(body))
        if len(tags) != len(_ROW_OR_CELL_TAG.findall(body)):
            raise unreadable  # a row or cell tag the pattern cannot take apart
        for tag in tags:
            end, name, attributes, empty = tag.groups()
            if end:
                row, col = row + 1, 0
                continue
            place = None
            for a in _ATTRIBUTE.finditer(attributes):
                if a[1] == b"r":
                    ref = _REFERENCE.fullmatch(a[2] if a[2] is not None else a[3])
                    if ref is None or not ref[2]:
                        raise unreadable
                    place = (int(ref[2]) - 1, _column_number(ref[1].upper()) - 1 if ref[1] else -1)
            if name == b"row":
                row = place[0] if place else row
                if empty:  # calamine reads <row/> as an opening and a closing tag
                    row, col = row + 1, 0
                continue
            if place is not None:
                if place[1] < 0:
                    raise unreadable
                at_row, col = place
            else:
                at_row = row
            if not empty:  # an empty cell moves the count on but holds no value
                rows, columns = max(rows, at_row + 1), max(columns, col + 1)
            col += 1
    return rows, columns


@dataclass
class _Scan:
    """What streaming a sheet's XML once found: the rows and columns of the grid calamine
    would build from it (never fewer), the cells whose formula has no saved value, and the
    XML of its first :data:`HEAD_ROWS` rows closed into a sheet of its own (None when the
    sheet is no longer, or when its first piece holds fewer rows)."""

    part: str
    rows: int
    columns: int
    formula_without_value: list[str]
    long: bool
    head: bytes | None


def _head_xml(body: bytes) -> bytes | None:
    """The sheet XML ``body`` (its first piece) cut after its first :data:`HEAD_ROWS` rows and
    closed, or None when it holds no more rows than that or is not in a form to cut."""
    for ends, m in enumerate(_ROW_END.finditer(body), 1):
        if ends == HEAD_ROWS:
            data = _SHEET_DATA.search(body)
            root = _WORKSHEET.search(body)
            if data is None or root is None or data.start() > m.start():
                return None
            return body[: m.end()] + b"</" + data[1] + b"></" + root[1] + b">"
    return None


def _sheet_head(zf: zipfile.ZipFile, part: str) -> tuple[bool, bytes | None]:
    """(long, head) of a sheet (see :class:`_Scan`), from its first 4 MB of XML."""
    with zf.open(part) as fh:
        first = fh.read(_PIECE_BYTES)
        complete = len(first) < _PIECE_BYTES or not fh.read(1)
    head = _head_xml(first)
    return not complete or head is not None, head


# What is handed each piece of a sheet's XML as it is streamed, in order, with whether the XML
# so far is in Excel's usual form (every cell tag ``<c r="B7"``): see ingest.halves.
Sink = Callable[[bytes, bool], None]


def _sheet_extent(
    zf: zipfile.ZipFile, part: str, sheet_name: str, sink: Sink | None = None
) -> tuple[int, int, list[str]]:
    """Stream a sheet's XML once: the rows and columns of the grid calamine would build from
    it (never fewer), and the cells whose formula has no saved value. ``sink``, if given, is
    handed each piece as it is streamed."""
    max_row = 0
    max_col = 0
    # Columns A to Z are not measured cell by cell (that would cost a regex match per cell);
    # the furthest single letter in use is found with one plain search per letter instead,
    # from Z down to the furthest already seen. G (the Workforce table's width) is assumed.
    letters = 7
    excel_form = True
    no_value: list[str] = []
    for body, last_row, plain in _plain_pieces(zf, part, sheet_name):
        if excel_form:
            max_row = max(max_row, last_row)
            # Most pieces are plain Excel form, proved so without a pattern run per cell.
            if plain is not None:
                letters = max(letters, plain)
            elif _CELL_WITHOUT_REF.search(body) or _PREFIXED_CELL.search(body):
                excel_form = False
        if excel_form and plain is None:
            for m in _far_cells(max_row).finditer(body):
                if _EMPTY_REST.match(body, m.end()):
                    continue
                max_col = max(max_col, _column_number((m[1] or m[3]).upper()))
                max_row = max(max_row, int(m[2] or m[4]))
            letters = _furthest_letter(body, letters)
        # A formula tag holds an "f", a letter cell XML rarely has: one byte search (fast)
        # first, then the two-byte ones (slow where every tag starts with "<").
        if b"f" in body and (b"<f" in body or b":f" in body):
            no_value.extend(m[1].decode() for m in _FORMULA_NO_VALUE.finditer(body))
        if sink is not None:
            sink(body, excel_form)
    if not excel_form:
        return (*_replayed_extent(zf, part, sheet_name), no_value)
    return max_row, max(max_col, letters), no_value


# Pieces being checked at once, besides the one being read: the checks (numpy) and the reading
# (zlib) both run outside Python's global lock, so on two cores they overlap.
_CHECKS_AHEAD = 2


def _plain_pieces(
    zf: zipfile.ZipFile, part: str, sheet_name: str
) -> Iterator[tuple[bytes, int, int | None]]:
    """Each piece of a sheet's XML (:func:`_xml_pieces`) with the row of its last cell
    reference (0 if none) and :func:`_plain_piece` of it against the furthest such row so far,
    in order. The check of a piece runs on a worker thread while the next pieces are read.
    A piece checked against a lower row than a caller's own count can only fail more often
    (the caller then measures it with the patterns, which find the same)."""
    max_row = 0
    pending: deque[tuple[bytes, int, Future[int | None]]] = deque()
    with ThreadPoolExecutor(max_workers=_CHECKS_AHEAD, thread_name_prefix="sheet-scan") as pool:
        for body in _xml_pieces(zf, part, sheet_name):
            last = _last_match(_CELL_ROW, body)
            last_row = int(last[1]) if last else 0
            max_row = max(max_row, last_row)
            pending.append((body, last_row, pool.submit(_plain_piece, body, max_row)))
            if len(pending) > _CHECKS_AHEAD:
                body, last_row, plain = pending.popleft()
                yield body, last_row, plain.result()
        while pending:
            body, last_row, plain = pending.popleft()
            yield body, last_row, plain.result()


_PAD = b"\0" * 16  # so that reading a few bytes past any "<" stays inside the array
_SPACE_SLASH_GT = np.frombuffer(b" \t\n\r\f\v/>", np.uint8)  # what [\s/>] matches
_CELL_OPEN = np.frombuffer(b'c r="', np.uint8)


def _plain_piece(body: bytes, last_row: int) -> int | None:
    """The furthest column letter (1 = A ... 26 = Z) a cell reference in ``body`` starts
    with, when ``body`` is plain Excel form, which the patterns would find nothing more in:
    every cell tag is ``<c r="`` then one capital letter and a row from 1 to ``last_row``
    without leading zeros, then ``"``, and no tag is prefixed (``:c``). None otherwise: the
    patterns decide. Vectorised over the piece's ``<`` characters: a fraction of a regular
    expression's cost per cell, in a sheet of millions of cells."""
    a = np.frombuffer(body + _PAD, np.uint8)
    n = len(body)
    if np.any(a[np.flatnonzero(a[:n] == ord(":")) + 1] == ord("c")):
        return None  # a prefixed tag perhaps: the patterns look closer
    lt = np.flatnonzero(a[:n] == ord("<"))
    tags = lt[a[lt + 1] == ord("c")]
    after = a[tags + 2]
    cells = tags[np.isin(after, _SPACE_SLASH_GT)]  # every tag the patterns call a cell
    opened = np.ones(len(cells), dtype=bool)
    for i, byte in enumerate(_CELL_OPEN):
        opened &= a[cells + 1 + i] == byte
    if not opened.all():
        return None  # a cell without a reference, or with a space or quote of its own
    first = a[cells + 6]
    if len(first) == 0:
        return 0
    if first.min() < ord("A") or first.max() > ord("Z"):
        return None
    digit = a[cells + 7] - ord("0")
    if (digit == 0).any() or (digit > 9).any():
        return None  # no row, a second letter or a leading zero
    row = digit.astype(np.int64)
    ended = np.zeros(len(cells), dtype=bool)
    for k in range(8, 16):
        ch = a[cells + k]
        ended |= ch == ord('"')
        more = ~ended
        d = ch[more] - ord("0")
        if (d > 9).any():
            return None  # a row that is not all digits, or not closed by a quote
        if not more.any():
            break
        row[more] = row[more] * 10 + d
    else:
        return None  # more digits than any sheet has rows
    if row.max() > last_row:
        return None  # a cell beyond the last row: the patterns see whether it holds a value
    return int(first.max()) - ord("A") + 1


def _furthest_letter(body: bytes, known: int) -> int:
    """The furthest column letter (1 = A ... 26 = Z) that a cell reference in ``body`` starts
    with, if beyond ``known``; an over-estimate when a two-letter reference matches first.
    One regular-expression scan of ``body``, narrowed each time a further letter is found."""
    pos = 0
    while known < 26:
        upper, lower = chr(65 + known), chr(97 + known)
        found = re.compile(f'<c r="[{upper}-Z{lower}-z]'.encode()).search(body, pos)
        if found is None:
            break
        known = ord(found[0][-1:].upper()) - 64
        pos = found.start()
    return known


def _scan_sheets(
    zf: zipfile.ZipFile, sheets: list[tuple[str, str]], sinks: dict[str, Sink] | None = None
) -> dict[str, _Scan]:
    """Each sheet's :class:`_Scan`, by sheet name, from (sheet name, zip part) pairs;
    :class:`Refused` as soon as one sheet's grid, or all grids together, would be too large to
    hold. Every sheet counts, whether or not validation will use it: calamine builds them
    all. ``sinks`` maps a zip part to what is handed its XML as it is streamed."""
    scans = {}
    spanned = 0
    largest = (0, "", 0, 0)  # cells, sheet name, rows, columns
    for sheet_name, part in sheets:
        sink = (sinks or {}).get(part)
        scan = scans[sheet_name] = _scan_sheet(zf, part, sheet_name, sink)
        rows, columns = scan.rows, scan.columns
        spanned += rows * columns
        if rows * columns > largest[0]:
            largest = (rows * columns, sheet_name, rows, columns)
        if spanned > MAX_WORKBOOK_CELLS:
            _, name, rows, columns = largest
            raise Refused(
                f"The workbook's sheets together span more than {MAX_WORKBOOK_CELLS:,} cells "
                f"(sheet '{name}' alone spans {rows:,} rows by {columns} columns), more than a "
                "return can hold: delete stray cells far below or to the right of the tables, "
                "and sheets the return does not need."
            )
    return scans


def _scan_sheet(zf: zipfile.ZipFile, part: str, sheet_name: str, sink: Sink | None = None) -> _Scan:
    """A sheet's :class:`_Scan`; :class:`Refused` when the grid calamine would build from it
    would be too large to hold."""
    max_row, max_col, no_value = _sheet_extent(zf, part, sheet_name, sink)
    if max_col > MAX_COLUMNS:
        raise Refused(
            f"Sheet '{sheet_name}' has a cell in column {column_letter(max_col - 1)}, beyond the "
            f"{MAX_COLUMNS} columns a return may use: delete the stray cells to the right of the "
            "table."
        )
    if max_row > MAX_ROWS:
        raise Refused(f"Sheet '{sheet_name}' has more than {MAX_ROWS:,} rows.")
    if max_row * max_col > MAX_CELLS:
        raise Refused(
            f"Sheet '{sheet_name}' spans {max_row:,} rows by {max_col} columns, more "
            "than a return can hold: delete stray cells far below or to the right of the table."
        )
    return _Scan(part, max_row, max_col, no_value, *_sheet_head(zf, part))
