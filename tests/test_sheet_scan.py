"""The measure of a sheet before parsing: a piece of sheet XML proved plain Excel form without
a pattern run per cell measures exactly as the patterns measure it, whatever sits in it."""

from __future__ import annotations

import io
import random
import zipfile

import pytest

from ahp_analytics.ingest import sheet_scan
from ahp_analytics.ingest.sheet_scan import column_letter
from tests.hostile import sheet_xml, workbook

PART = "xl/worksheets/sheet1.xml"


def _cell(rng: random.Random, row: int, col: int) -> str:
    """A cell as Excel writes it, or now and then in one of the forms the plain proof must
    leave to the patterns."""
    letters, n = column_letter(col), str(row)
    odd = rng.random() * 8  # one cell in about 150 is odd
    if odd < 0.01:
        letters = letters.lower()
    elif odd < 0.02:
        letters = column_letter(rng.choice([26, 27, 200, 701]))
    elif odd < 0.03:
        n = f"0{n}"
    elif odd < 0.04:
        n = str(rng.choice([row + 1, 5_000, 1_048_576, 99_999_999, 123_456_789]))
    elif odd < 0.045:
        return '<c s="1"><v>1</v></c>'  # no reference
    elif odd < 0.05:
        return f'<x:c r="{letters}{n}"><x:v>1</x:v></x:c>'
    elif odd < 0.055:
        return f"<c r='{letters}{n}'><v>1</v></c>"
    if rng.random() < 0.1:
        return f'<c r="{letters}{n}" s="2"/>'
    return f'<c r="{letters}{n}" t="n"><v>{rng.randrange(99)}</v></c>'


def _sheet(rng: random.Random) -> bytes:
    rows = []
    for row in range(1, rng.randrange(2, 200)):
        width = rng.randrange(1, 30)
        cells = "".join(_cell(rng, row, col) for col in range(width))
        rows.append(f'<row r="{row}">{cells}</row>')
    return sheet_xml("".join(rows))


@pytest.mark.parametrize("seed", range(6))
def test_plain_pieces_measure_as_the_patterns_measure_them(monkeypatch, seed: int) -> None:
    rng = random.Random(seed)
    monkeypatch.setattr(sheet_scan, "_PIECE_BYTES", 2048)  # many pieces, most of them plain
    plain_seen = 0
    for _ in range(12):
        zf = zipfile.ZipFile(io.BytesIO(workbook([("S", _sheet(rng))])))
        pieces = list(sheet_scan._xml_pieces(zf, PART, "S"))
        plain_seen += sum(sheet_scan._plain_piece(p, 10**6) is not None for p in pieces)
        fast = sheet_scan._sheet_extent(zf, PART, "S")
        with monkeypatch.context() as m:
            m.setattr(sheet_scan, "_plain_piece", lambda body, last_row: None)
            patterns = sheet_scan._sheet_extent(zf, PART, "S")
        assert fast == patterns
    assert plain_seen > 60  # the proof did the work in most sheets


def test_a_plain_piece_gives_its_furthest_letter_and_nothing_else_does() -> None:
    body = b'<row r="1"><c r="A1"><v>1</v></c><c r="M1"/><c r="C9"><v>2</v></c></row>'
    assert sheet_scan._plain_piece(body, 9) == 13
    assert sheet_scan._plain_piece(body, 8) is None  # C9 lies beyond the last row given
    for other in (b'<c r="AA1">', b'<c r="a1">', b'<c r="A01">', b"<c>", b'<x:c r="A1">'):
        assert sheet_scan._plain_piece(body + other, 9) is None
    assert sheet_scan._plain_piece(b"<row/>", 0) == 0
