"""The hostile upload corpus, generated at test time (never committed as binaries).

Each :class:`Hostile` file attacks one thing an upload could do to the application: a file that
is not what its name says, a damaged or encrypted one, one that expands or allocates without
bound, XML entity tricks, formulas, huge text, odd layouts and text that a spreadsheet would
run. ``accepted`` says what the return format allows; ``says`` holds words the one-sentence
refusal must contain. :func:`write_corpus` writes every file into a folder.

Workbooks are written part by part (:func:`workbook`), so that the XML can say what a real
writer never would.
"""

from __future__ import annotations

import csv
import io
import random
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from ahp_analytics.ingest.readers import column_letter
from tests.workbooks import (
    INDICATORS_HEADER,
    LEADERSHIP_HEADER,
    WORKFORCE_HEADER,
    workforce_rows,
    xlsx,
)

# Text a spreadsheet would run as a formula or command, with the whitespace prefixes that slip
# past a naive check, and markup that must never be trusted as HTML.
INJECTIONS = (
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(1)",
    "\t=1+1",
    "\r=2+2",
    '=HYPERLINK("http://example.invalid","click")',
    "<img src=x onerror=alert(1)>",
)
ROWS = 3  # data rows of the small valid workforce table used as a payload carrier

_NS = (
    'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
_XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'


@dataclass(frozen=True)
class Hostile:
    """One corpus file: ``write(path, targets)`` writes it; ``targets`` are the local file and
    the URL an external entity points at (see :func:`write_corpus`)."""

    name: str
    file_name: str
    write: Callable[[Path, LeakTargets], None]
    accepted: bool
    says: tuple[str, ...] = ()
    rows: dict[str, int] = field(default_factory=dict)
    what: str = ""


@dataclass(frozen=True)
class LeakTargets:
    """What an external entity points at: a local file holding ``secret``, and a URL."""

    file_url: str = "file:///etc/passwd"
    http_url: str = "http://127.0.0.1:9/"
    secret: str = "root:x:0:0"


# -- building blocks --------------------------------------------------------------------------


def cell_xml(ref: str, value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f'<c r="{ref}"><v>{value}</v></c>'
    return (
        f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(str(value))}</t></is></c>'
    )


def rows_xml(rows: Iterable[Iterable[object]], first: int = 1) -> str:
    out = []
    for i, row in enumerate(rows, first):
        cells = "".join(cell_xml(f"{column_letter(j)}{i}", v) for j, v in enumerate(row))
        out.append(f'<row r="{i}">{cells}</row>')
    return "".join(out)


def sheet_xml(sheet_data: str, before: str = "", prolog: str = "") -> bytes:
    """A worksheet part; ``before`` goes ahead of sheetData (e.g. a dimension), ``prolog``
    between the XML declaration and the root element (e.g. a DTD)."""
    return (
        f"{_XML_DECL}{prolog}<worksheet {_NS}>{before}<sheetData>{sheet_data}</sheetData>"
        "</worksheet>"
    ).encode()


def workforce_sheet(prolog: str = "", before: str = "", extra_rows: str = "") -> bytes:
    return sheet_xml(rows_xml([WORKFORCE_HEADER, *workforce_rows()]) + extra_rows, before, prolog)


Part = bytes | Callable[[io.BufferedIOBase], None]


def workbook(
    sheets: list[tuple[str, Part]],
    shared_strings: bytes | None = None,
    compresslevel: int = 6,
) -> bytes:
    """An .xlsx with the parts Excel writes, each sheet given as its XML (or as a function
    that streams it into the open zip entry)."""
    buf = io.BytesIO()
    write_workbook(buf, sheets, shared_strings, compresslevel)
    return buf.getvalue()


def write_workbook(
    target: io.BufferedIOBase | io.BytesIO | Path,
    sheets: list[tuple[str, Part]],
    shared_strings: bytes | None = None,
    compresslevel: int = 6,
) -> None:
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, len(sheets) + 1)
    )
    if shared_strings is not None:
        overrides += (
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        )
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    sheet_list = "".join(
        f'<sheet name="{escape(name, {chr(34): "&quot;"})}" sheetId="{i}" r:id="rId{i}"/>'
        for i, (name, _) in enumerate(sheets, 1)
    )
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="{rel}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, len(sheets) + 1)
    )
    if shared_strings is not None:
        rels += (
            f'<Relationship Id="rId{len(sheets) + 1}" Type="{rel}/sharedStrings" '
            'Target="sharedStrings.xml"/>'
        )
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel) as z:
        z.writestr(
            "[Content_Types].xml",
            f'{_XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.'
            f'main+xml"/>{overrides}</Types>',
        )
        z.writestr(
            "_rels/.rels",
            f'{_XML_DECL}<Relationships xmlns="{pkg}"><Relationship Id="rId1" '
            f'Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        z.writestr(
            "xl/workbook.xml",
            f"{_XML_DECL}<workbook {_NS}><sheets>{sheet_list}</sheets></workbook>",
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            f'{_XML_DECL}<Relationships xmlns="{pkg}">{rels}</Relationships>',
        )
        for i, (_, part) in enumerate(sheets, 1):
            name = f"xl/worksheets/sheet{i}.xml"
            if callable(part):
                with z.open(name, "w", force_zip64=True) as fh:
                    part(fh)
            else:
                z.writestr(name, part)
        if shared_strings is not None:
            z.writestr("xl/sharedStrings.xml", shared_strings)


def ole2(streams: dict[str, bytes]) -> bytes:
    """A minimal OLE2 compound file (the container of legacy .xls and of encrypted OOXML):
    512-byte sectors, one FAT sector, one directory sector, each stream padded to 4,096 bytes
    so it lives in ordinary sectors (no mini stream). At most three streams."""
    assert 1 <= len(streams) <= 3
    endchain, freesect, fatsect, nostream = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
    sector = 512
    padded = {n: d + b"\0" * (-len(d) % 4096 or (4096 if not d else 0)) for n, d in streams.items()}
    fat = [fatsect, endchain]
    starts = {}
    for name, data in padded.items():
        n = len(data) // sector
        starts[name] = len(fat)
        fat += [len(fat) + k + 1 for k in range(n - 1)] + [endchain]
    assert len(fat) <= sector // 4
    fat += [freesect] * (sector // 4 - len(fat))

    def entry(name: str, kind: int, child: int, right: int, start: int, size: int) -> bytes:
        encoded = (name + "\0").encode("utf-16-le")
        return (
            encoded.ljust(64, b"\0")
            + struct.pack("<HBB3I", len(encoded), kind, 1, nostream, right, child)
            + b"\0" * 16  # CLSID
            + b"\0" * 4  # state bits
            + b"\0" * 16  # creation and modification times
            + struct.pack("<IQ", start, size)
        )

    names = list(padded)
    # The root's child is the first stream; the others hang off it as right siblings (a
    # degenerate but valid red-black tree: all black, names in the order compared by length).
    names.sort(key=lambda n: (len(n), n.upper()))
    directory = entry("Root Entry", 5, 1, nostream, endchain, 0)
    for k, name in enumerate(names):
        right = k + 2 if k + 1 < len(names) else nostream
        directory += entry(name, 2, nostream, right, starts[name], len(streams[name]))
    empty = entry("", 0, nostream, nostream, 0, 0)
    directory += empty * (4 - 1 - len(names))
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, endchain, 0, endchain, 0)
        + struct.pack("<I", 0)
        + struct.pack("<I", freesect) * 108
    )
    body = b"".join(padded[n] for n in padded)
    return header + struct.pack(f"<{sector // 4}I", *fat) + directory + body


def biff8_workbook_stream() -> bytes:
    """The start of an Excel 97-2003 Workbook stream: a BIFF8 BOF record and an EOF."""
    bof = struct.pack("<HHHHHHII", 0x0809, 16, 0x0600, 0x0005, 0x0DBB, 0x07CC, 0, 0x0206)
    return bof + struct.pack("<HH", 0x000A, 0)


def encrypted_workbook() -> bytes:
    """A real password-protected workbook (password 'secret'), encrypted by msoffcrypto-tool
    as Excel does (agile encryption in an OLE2 container); without that package, an OLE2
    container holding the streams Excel writes for one."""
    plain = xlsx({"Workforce": [WORKFORCE_HEADER, *workforce_rows()]})
    try:
        from msoffcrypto.format.ooxml import OOXMLFile
    except ImportError:
        return ole2(
            {
                "EncryptionInfo": b"\x04\x00\x04\x00\x40\x00\x00\x00<encryption/>",
                "EncryptedPackage": struct.pack("<Q", len(plain)) + bytes(len(plain)),
            }
        )
    out = io.BytesIO()
    OOXMLFile(io.BytesIO(plain)).encrypt("secret", out)
    return out.getvalue()


def _patch_zip_entry(data: bytes, part: str, **fields: int) -> bytes:
    """Overwrite the CRC and/or sizes recorded for ``part`` in both its local header and the
    central directory (what a forged archive does)."""
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(part)
    out = bytearray(data)
    offsets = {"crc": (14, 16), "compress_size": (18, 20), "file_size": (22, 24)}
    local = info.header_offset
    central = data.find(b"PK\x01\x02")
    while central >= 0:
        name_len = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46 : central + 46 + name_len] == part.encode():
            break
        central = data.find(b"PK\x01\x02", central + 4)
    for key, value in fields.items():
        local_at, central_at = offsets[key]
        struct.pack_into("<I", out, local + local_at, value)
        struct.pack_into("<I", out, central + central_at, value)
    return bytes(out)


def _entry_data_offset(data: bytes, part: str) -> tuple[int, int]:
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(part)
    name_len, extra_len = struct.unpack_from("<HH", data, info.header_offset + 26)
    return info.header_offset + 30 + name_len + extra_len, info.compress_size


def _csv(rows: Iterable[Iterable[object]], encoding: str = "utf-8-sig") -> bytes:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    return buf.getvalue().encode(encoding)


def _blank_rows(first: int, count: int) -> str:
    """Rows that look blank: one cell holding a space (text, so the reader keeps the row)."""
    return "".join(
        f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t xml:space="preserve"> </t></is></c></row>'
        for r in range(first, first + count)
    )


# -- the corpus ---------------------------------------------------------------------------------


def _bytes(make: Callable[[], bytes]) -> Callable[[Path, LeakTargets], None]:
    return lambda path, _targets: path.write_bytes(make())


def _text_named_xlsx() -> bytes:
    return _csv([WORKFORCE_HEADER, *workforce_rows()], "utf-8")


def _truncated_zip() -> bytes:
    data = xlsx({"Workforce": [WORKFORCE_HEADER, *workforce_rows()]})
    return data[: len(data) // 2]


def _corrupt_zip_part() -> bytes:
    data = workbook([("Workforce", workforce_sheet())])
    start, size = _entry_data_offset(data, "xl/worksheets/sheet1.xml")
    out = bytearray(data)
    for k in range(start + size // 2, start + size // 2 + 8):
        out[k] ^= 0x5A
    return bytes(out)


def _legacy_xls() -> bytes:
    return ole2({"Workbook": biff8_workbook_stream()})


def _write_zip_bomb(path: Path, _targets: LeakTargets) -> None:
    """About 300 MB of sheet XML in well under 1 MB: written streaming at compression level 9."""
    block = b"<row><c><v>0</v></c></row>" * 4_000

    def stream(fh: io.BufferedIOBase) -> None:
        fh.write(f"{_XML_DECL}<worksheet {_NS}><sheetData>".encode())
        for _ in range(300 * 1024 * 1024 // len(block)):
            fh.write(block)
        fh.write(b"</sheetData></worksheet>")

    write_workbook(path, [("Workforce", stream)], compresslevel=9)


def _lying_zip_sizes() -> bytes:
    """The sheet really expands to 20 MB, but the archive says it is the small valid sheet
    (same CRC as that sheet's bytes), so checks that trust the directory see nothing odd."""
    honest = workforce_sheet()
    padding = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>' for r in range(5, 400_000))
    real = workforce_sheet(extra_rows=padding)
    data = workbook([("Workforce", real)])
    return _patch_zip_entry(
        data,
        "xl/worksheets/sheet1.xml",
        file_size=len(honest),
        crc=zlib.crc32(real[: len(honest)]),
    )


def _huge_dimension() -> bytes:
    return workbook([("Workforce", workforce_sheet(before='<dimension ref="A1:XFD1048576"/>'))])


def _cell_in_xfd() -> bytes:
    stray = '<row r="9"><c r="XFD9" t="inlineStr"><is><t>stray note</t></is></c></row>'
    return workbook([("Workforce", workforce_sheet(extra_rows=stray))])


def _formatted_cells_far_away() -> bytes:
    """Formatting only, as Excel writes it: an empty styled cell in column XFD and an empty
    row element at Excel's last row. Neither holds a value."""
    extra = '<row r="9"><c r="XFD9" s="0"/></row><row r="1048576" ht="20" customHeight="1"/>'
    return workbook([("Workforce", workforce_sheet(extra_rows=extra))])


_LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    + "]>"
)


def _billion_laughs_shared_strings() -> bytes:
    shared = (
        f'{_XML_DECL}{_LAUGHS}<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
        '2006/main" count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>'
    ).encode()
    sheet = workforce_sheet(extra_rows='<row r="5"><c r="A5" t="s"><v>0</v></c></row>')
    return workbook([("Workforce", sheet)], shared_strings=shared)


def _billion_laughs_sheet() -> bytes:
    sheet = workforce_sheet(
        prolog=_LAUGHS,
        extra_rows='<row r="5"><c r="A5" t="inlineStr"><is><t>&lol9;</t></is></c></row>',
    )
    return workbook([("Workforce", sheet)])


def _external_entity(targets: LeakTargets, prolog_padding: str = "") -> bytes:
    dtd = (
        f'{prolog_padding}<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "{targets.file_url}">'
        f'<!ENTITY web SYSTEM "{targets.http_url}">]>'
    )
    leak = (
        '<row r="5"><c r="A5" t="inlineStr"><is><t>RJ1</t></is></c>'
        '<c r="B5" t="inlineStr"><is><t>2024-03</t></is></c>'
        '<c r="C5" t="inlineStr"><is><t>&xxe;</t></is></c>'
        '<c r="D5" t="inlineStr"><is><t>&web;</t></is></c></row>'
    )
    return workbook([("Workforce", workforce_sheet(prolog=dtd, extra_rows=leak))])


def _formula_without_value() -> bytes:
    formula = (
        '<row r="5"><c r="A5" t="inlineStr"><is><t>RJ1</t></is></c>'
        '<c r="B5" t="inlineStr"><is><t>2024-03</t></is></c>'
        '<c r="C5" t="inlineStr"><is><t>Dietitian</t></is></c>'
        '<c r="D5" t="inlineStr"><is><t>Band 5</t></is></c>'
        '<c r="E5"><f>SUM(E2:E4)</f></c></row>'
    )
    return workbook([("Workforce", workforce_sheet(extra_rows=formula))])


def _megabyte_text_cell() -> bytes:
    """A job title of 1 MB of varied words (repeated letters would compress like a bomb)."""
    rng = random.Random(1)
    words = ["allied", "health", "lead", "therapy", "service", "clinical", "north", "trust"]
    text = ""
    while len(text) < 1024 * 1024:
        text += " ".join(rng.choice(words) for _ in range(1_000)) + f" {rng.random()} "
    title = "Chief AHP " + text
    row = ["RJ1", "2024-03", "Chief AHP", title, "Physiotherapist", "Band 8d", 1, 50]
    row += ["Voting board member", "Chief nurse"]
    return workbook([("Leadership", sheet_xml(rows_xml([LEADERSHIP_HEADER, row])))])


def _blank_rows_before_header() -> bytes:
    blank = _blank_rows(1, 100_000)
    table = rows_xml([WORKFORCE_HEADER, *workforce_rows()], first=100_001)
    return workbook([("Workforce", sheet_xml(blank + table))])


def _blank_lines_before_header_csv() -> bytes:
    return b"\r\n" * 100_000 + _csv([WORKFORCE_HEADER, *workforce_rows()], "utf-8")


def _blank_rows_between_data() -> bytes:
    header_and_two = rows_xml([WORKFORCE_HEADER, *workforce_rows()[:2]])
    blank = _blank_rows(4, 100_000)
    last = rows_xml(workforce_rows()[2:], first=100_004)
    return workbook([("Workforce", sheet_xml(header_and_two + blank + last))])


def _five_hundred_sheets() -> bytes:
    small = sheet_xml(rows_xml([["note"]]))
    return workbook([(f"Notes {i}", small) for i in range(1, 501)])


def _csv_utf16() -> bytes:
    return _csv([WORKFORCE_HEADER, *workforce_rows()], "utf-16")


def injection_tables() -> dict[str, list[list[object]]]:
    """Every free-text column of the return (job title; organisation name, region, ICB and
    trust type; a custom indicator's name) holding each injection string."""
    leadership = [
        ["RJ1", f"2024-{m:02d}", "Lead AHP", text, "Physiotherapist", "Band 8a", 1, 20]
        + ["No board role", "Chief nurse"]
        for m, text in enumerate(INJECTIONS, 1)
    ]
    organisations = [[f"ZZ{k:03d}", text, text, text, text] for k, text in enumerate(INJECTIONS, 1)]
    indicators = [["RJ1", "2023/24", text, 5, None, None] for text in INJECTIONS]
    return {
        "Leadership": [LEADERSHIP_HEADER, *leadership],
        "Organisations": [
            ["Organisation code", "Organisation name", "Region", "ICB", "Trust type"],
            *organisations,
        ],
        "Indicators": [INDICATORS_HEADER, *indicators],
    }


def _injection_strings() -> bytes:
    """Text cells (as Excel stores typed text), never formulas."""
    return workbook(
        [(name, sheet_xml(rows_xml(rows))) for name, rows in injection_tables().items()]
    )


# Sheets whose true extent the reader must see although the markup hides it: calamine places a
# cell by its own reference (not its row's), reads references in either case and quotes, and
# places cells that carry no reference one after another. Each sheet below holds a few cells
# and would make the reader build a grid of more than 14 million cells (about 0.5 GB).
_FAR_ROW = 70_000  # x 200 columns = 14 million cells: above sheet_scan.MAX_CELLS (12 million)


def _grid_sheet(body: str) -> bytes:
    head = rows_xml([WORKFORCE_HEADER, *workforce_rows()])
    return workbook([("Workforce", sheet_xml(head + body))])


def _cell_row_beyond_its_row() -> bytes:
    return _grid_sheet(f'<row r="5"><c r="GR{_FAR_ROW}"><v>1</v></c></row>')


def _rows_out_of_order() -> bytes:
    return _grid_sheet(f'<row r="{_FAR_ROW}"><c r="GR{_FAR_ROW}"><v>1</v></c></row><row r="6"/>')


def _single_quoted_reference() -> bytes:
    return _grid_sheet(f"<row r=\"5\"><c r='GR{_FAR_ROW}'><v>1</v></c></row>")


def _lower_case_reference() -> bytes:
    return _grid_sheet(f'<row r="5"><c r="gr{_FAR_ROW}"><v>1</v></c></row>')


def _cells_without_references() -> bytes:
    """One row of 200 cells with no references, then 70,000 rows with no references, each
    with one number: calamine counts them into place."""
    wide = "<row>" + "<c><v>1</v></c>" * 200 + "</row>"
    tall = "".join(f"<row><c><v>{i}</v></c></row>" for i in range(_FAR_ROW))
    return _grid_sheet(wide + tall)


# Sheets that hold almost nothing but span a large grid, each within one sheet's limit: the
# whole workbook's grid is what costs memory, whether or not the application uses the sheets.
_SPARSE_LAST = "L1000000"  # 1,000,000 rows x 12 columns = sheet_scan.MAX_CELLS (12 million)


def _sparse_sheets(count: int) -> Callable[[], bytes]:
    """A valid Workforce sheet and ``count`` sheets each holding only A1 and L1000000."""

    def make() -> bytes:
        far = f'<row r="{_SPARSE_LAST[1:]}"><c r="{_SPARSE_LAST}"><v>1</v></c></row>'
        notes = sheet_xml(rows_xml([["note"]]) + far)
        extra = [(f"Notes {i}", notes) for i in range(1, count + 1)]
        return workbook([("Workforce", workforce_sheet()), *extra])

    return make


def _write_empty_columns_csv(path: Path, _targets: LeakTargets) -> None:
    """425,000 lines of 199 commas (85 MB): 200 empty columns a line, 85 million cells."""
    block = (b"," * 199 + b"\r\n") * 5_000
    with path.open("wb") as fh:
        for _ in range(85):
            fh.write(block)


def _grid_case(name: str, make: Callable[[], bytes], what: str) -> Hostile:
    return Hostile(name, "return.xlsx", _bytes(make), False, ("rows",), what=what)


CORPUS: tuple[Hostile, ...] = (
    Hostile(
        "text_named_xlsx",
        "return.xlsx",
        _bytes(_text_named_xlsx),
        False,
        ("named .xlsx", "not an excel workbook", "csv"),
        what="a CSV file renamed .xlsx",
    ),
    Hostile(
        "truncated_zip",
        "return.xlsx",
        _bytes(_truncated_zip),
        False,
        ("damaged or incomplete",),
        what="the first half of a real workbook",
    ),
    Hostile(
        "corrupt_zip_part",
        "return.xlsx",
        _bytes(_corrupt_zip_part),
        False,
        ("damaged",),
        what="a workbook whose sheet's compressed bytes are scrambled (bad CRC)",
    ),
    Hostile(
        "legacy_xls",
        "return.xls",
        _bytes(_legacy_xls),
        False,
        ("legacy", "save it as an excel workbook (.xlsx)"),
        what="an OLE2 compound file with a BIFF8 Workbook stream",
    ),
    Hostile(
        "legacy_xls_renamed_xlsx",
        "return.xlsx",
        _bytes(_legacy_xls),
        False,
        ("legacy", ".xlsx"),
        what="the same legacy workbook named .xlsx",
    ),
    Hostile(
        "password_protected",
        "return.xlsx",
        _bytes(encrypted_workbook),
        False,
        ("password-protected", "remove the password"),
        what="a workbook encrypted with a password (msoffcrypto-tool)",
    ),
    Hostile(
        "zip_bomb",
        "return.xlsx",
        _write_zip_bomb,
        False,
        ("zip bomb",),
        what="300 MB of sheet XML compressed into under 1 MB",
    ),
    Hostile(
        "lying_zip_sizes",
        "return.xlsx",
        _bytes(_lying_zip_sizes),
        False,
        ("damaged",),
        what="a sheet part whose recorded size and CRC are those of a far smaller part",
    ),
    Hostile(
        "huge_dimension",
        "return.xlsx",
        _bytes(_huge_dimension),
        True,
        rows={"workforce": ROWS},
        what="a sheet claiming the dimension A1:XFD1048576 around three rows of data",
    ),
    Hostile(
        "cell_in_xfd",
        "return.xlsx",
        _bytes(_cell_in_xfd),
        False,
        ("column xfd", "delete the stray cells"),
        what="a stray note in column XFD, Excel's last",
    ),
    Hostile(
        "formatted_cells_far_away",
        "return.xlsx",
        _bytes(_formatted_cells_far_away),
        True,
        rows={"workforce": ROWS},
        what="formatting without values in column XFD and at row 1,048,576",
    ),
    Hostile(
        "billion_laughs_shared_strings",
        "return.xlsx",
        _bytes(_billion_laughs_shared_strings),
        False,
        ("document type (dtd)",),
        what="nested entities expanding to 10^9 'lol's in sharedStrings.xml",
    ),
    Hostile(
        "billion_laughs_sheet",
        "return.xlsx",
        _bytes(_billion_laughs_sheet),
        False,
        ("document type (dtd)",),
        what="the same entity expansion in a worksheet",
    ),
    Hostile(
        "external_entity",
        "return.xlsx",
        lambda path, targets: path.write_bytes(_external_entity(targets)),
        False,
        ("document type (dtd)",),
        what="entities naming a local secret file and a local web server",
    ),
    Hostile(
        "external_entity_after_long_comment",
        "return.xlsx",
        lambda path, targets: path.write_bytes(
            _external_entity(targets, "<!--" + "padding " * 1_000 + "-->")
        ),
        False,
        ("cannot be read",),
        what="the external entities declared after 8 KB of comment, past the DTD check's look",
    ),
    Hostile(
        "formula_without_value",
        "return.xlsx",
        _bytes(_formula_without_value),
        False,
        ("formula", "without a saved value"),
        what="an FTE formula never calculated (no saved value)",
    ),
    Hostile(
        "megabyte_text_cell",
        "return.xlsx",
        _bytes(_megabyte_text_cell),
        False,
        ("longer than 1,000 characters",),
        what="a job title of 1 MB",
    ),
    Hostile(
        "blank_rows_before_header",
        "return.xlsx",
        _bytes(_blank_rows_before_header),
        False,
        ("first 30 rows",),
        what="100,000 blank rows, then the header and data",
    ),
    Hostile(
        "blank_lines_before_header_csv",
        "workforce.csv",
        _bytes(_blank_lines_before_header_csv),
        False,
        ("first 30 rows",),
        what="a CSV file with 100,000 blank lines before its header",
    ),
    Hostile(
        "blank_rows_between_data",
        "return.xlsx",
        _bytes(_blank_rows_between_data),
        True,
        rows={"workforce": ROWS},
        what="100,000 blank rows between data rows",
    ),
    Hostile(
        "five_hundred_sheets",
        "return.xlsx",
        _bytes(_five_hundred_sheets),
        False,
        ("500 sheets",),
        what="a workbook of 500 sheets",
    ),
    Hostile(
        "sparse_sheets",
        "return.xlsx",
        _bytes(_sparse_sheets(20)),
        False,
        ("together span", "sheets the return does not need"),
        what="a valid Workforce sheet and 20 sheets each holding only A1 and L1000000 (9 KB)",
    ),
    Hostile(
        "sparse_sheets_60",
        "return.xlsx",
        _bytes(_sparse_sheets(60)),
        False,
        ("together span", "sheets the return does not need"),
        what="the same with 60 such sheets (24 KB)",
    ),
    Hostile(
        "empty_columns_csv",
        "workforce.csv",
        _write_empty_columns_csv,
        False,
        ("cells", "delete empty columns"),
        what="an 85 MB CSV file of commas: 200 empty columns on each of 425,000 lines",
    ),
    Hostile(
        "csv_utf16",
        "workforce.csv",
        _bytes(_csv_utf16),
        False,
        ("utf-16", "csv utf-8"),
        what="a CSV file in UTF-16 with a byte-order mark (Excel's 'Unicode Text')",
    ),
    Hostile(
        "injection_strings",
        "return.xlsx",
        _bytes(_injection_strings),
        True,
        rows={
            "leadership": len(INJECTIONS),
            "organisations": len(INJECTIONS),
            "indicators": len(INJECTIONS),
        },
        what="formula and command injection strings in every free-text column",
    ),
    _grid_case(
        "cell_row_beyond_its_row",
        _cell_row_beyond_its_row,
        "a cell at GR70000 inside row 5",
    ),
    _grid_case(
        "rows_out_of_order",
        _rows_out_of_order,
        "row 70,000 written before row 6, so the last row is not the largest",
    ),
    _grid_case(
        "single_quoted_reference",
        _single_quoted_reference,
        "a cell reference in single quotes",
    ),
    _grid_case(
        "lower_case_reference",
        _lower_case_reference,
        "a cell reference in lower case",
    ),
    _grid_case(
        "cells_without_references",
        _cells_without_references,
        "cells and rows with no references, placed by counting",
    ),
)


def write_corpus(directory: Path, targets: LeakTargets | None = None) -> dict[str, Path]:
    """Write every corpus file into ``directory`` (one sub-folder per case, so each keeps the
    name it is uploaded under); returns the path of each by case name."""
    targets = targets or LeakTargets()
    paths = {}
    for case in CORPUS:
        folder = directory / case.name
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / case.file_name
        case.write(path, targets)
        paths[case.name] = path
    return paths


def tag_soup(rng: random.Random) -> bytes:
    """A worksheet of rows and cells in every form calamine reads: references in either case
    and quotes, with spaces round '=', leading zeros, or none at all; prefixed tags;
    self-closing and empty cells and rows. For checking the reader's measure of a sheet."""
    rows = []
    for _ in range(rng.randrange(1, 12)):
        row_ref = rng.choice(
            ["", f' r="{rng.randrange(1, 400)}"', f" r='{rng.randrange(1, 400)}'", ' spans="1:3"']
        )
        cells = []
        for _ in range(rng.randrange(0, 6)):
            col = column_letter(rng.choice([0, 1, 2, 25, 26, 27, 199, 200, 701, 702]))
            col = col.lower() if rng.random() < 0.3 else col
            n = rng.randrange(1, 400)
            quote = rng.choice(['"', "'"])
            ref = rng.choice(
                [
                    "",
                    f" r={quote}{col}{n}{quote}",
                    f' r="{col}{n}"',
                    f' s="1" r="{col}{n}"',
                    f' r = "{col}{n}"',
                    f' r="{col}{n:05d}"',
                ]
            )
            p = rng.choice(["", "", "", "x:"])
            kind = rng.random()
            if kind < 0.2:
                cells.append(f'<{p}c{ref} s="0"/>')
            elif kind < 0.25:
                cells.append(f"<{p}c{ref}></{p}c>")
            else:
                cells.append(f"<{p}c{ref}><{p}v>{rng.randrange(9)}</{p}v></{p}c>")
        closed = f"<row{row_ref}/>" if rng.random() < 0.1 else None
        rows.append(closed or f"<row{row_ref}>{''.join(cells)}</row>")
    xml = sheet_xml("".join(rows))
    main = b'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    return xml.replace(b"<worksheet ", b"<worksheet " + main, 1)
