"""The CSV lines written a column at a time are csv.writer's, byte for byte."""

from __future__ import annotations

import csv
import io
import random

import pytest

from ahp_analytics.present.csv_columns import NumberTexts, csv_lines
from ahp_analytics.present.export import Lookup, Rows, safe_text, write_csv

TRICKY_TEXT = [
    None,
    "",
    " ",
    "plain",
    "a,b",
    'say "hi"',
    '"',
    "two\nlines",
    "cr\rhere",
    "=SUM(A1)",
    "+44",
    "-x",
    "-",
    "@home",
    "\ttab",
    "\rstart",
    "\0nul",
    "=a,b",
    "'quoted",
    "Ørsted, Møller",
    "naïve",
]
TRICKY_NUMBERS = [
    None,
    0.0,
    -0.0,
    1.0,
    -1.0,
    0.05,
    0.1 + 0.2,
    1e-5,
    1e-4,
    123456789012345.6,
    1e16,
    -2.5e-300,
    1.7976931348623157e308,
    float("nan"),
    float("inf"),
    -float("inf"),
]


def _columns(chunk: list[tuple]) -> list[tuple]:
    """A chunk's cells a column at a time, as :class:`Rows` hands them to ``csv_lines``."""
    return list(zip(*chunk, strict=True))


def _writer_bytes(chunk: list[tuple]) -> bytes:
    """What csv.writer makes of the chunk, text escaped as the export escapes it."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(
        [tuple(safe_text(v) for v in row) for row in chunk]
    )
    return buffer.getvalue().encode("utf-8")


def test_tricky_cells_come_out_as_csv_writer_writes_them() -> None:
    rng = random.Random(16)
    chunk = [
        (rng.choice(TRICKY_TEXT), rng.choice(TRICKY_NUMBERS), rng.choice(TRICKY_TEXT))
        for _ in range(2_000)
    ]
    chunk += [(t, n, t) for t, n in zip(TRICKY_TEXT, TRICKY_NUMBERS, strict=False)]
    assert csv_lines(_columns(chunk), ["text", "number", "text"]) == _writer_bytes(chunk)


def test_negative_numbers_are_never_escaped_and_floats_keep_full_precision() -> None:
    chunk = [("-x", -1.5, 7), ("ok", 0.1 + 0.2, -3), (None, None, None)]
    lines = csv_lines(_columns(chunk), ["text", "number", "number"])
    assert lines == b"'-x,-1.5,7\r\nok,0.30000000000000004,-3\r\n,,\r\n"
    assert lines == _writer_bytes(chunk)


def test_zero_and_negative_zero_in_one_column_keep_their_signs() -> None:
    chunk = [("a", 0.0), ("b", -0.0), ("c", 0.0)]
    assert csv_lines(_columns(chunk), ["text", "number"]) == b"a,0.0\r\nb,-0.0\r\nc,0.0\r\n"


def test_numbers_kept_from_chunk_to_chunk_keep_their_type_and_sign() -> None:
    """A column's texts are kept from one chunk to the next: a whole number, a float of the
    same value, and the two zeros still come out as csv.writer writes each."""
    texts = [NumberTexts(), NumberTexts()]
    chunks = [
        [("a", 1), ("b", 0)],
        [("c", 1.0), ("d", 0.0)],
        [("e", -0.0), ("f", 1.0)],
        [("g", 0.0), ("h", None)],
        [("i", 1), ("j", 0)],
    ]
    for chunk in chunks:
        assert csv_lines(_columns(chunk), ["text", "number"], texts) == _writer_bytes(chunk)


def test_many_distinct_numbers_are_not_all_kept() -> None:
    texts = [NumberTexts(), NumberTexts()]
    chunk = [("a", i + 0.5) for i in range(NumberTexts.LIMIT + 1)]
    assert csv_lines(_columns(chunk), ["text", "number"], texts) == _writer_bytes(chunk)
    assert len(texts[1]) == 0
    assert csv_lines(_columns(chunk[:3]), ["text", "number"], texts) == _writer_bytes(chunk[:3])
    assert len(texts[1]) == 3


@pytest.mark.parametrize(
    ("chunk", "kinds"),
    [
        ([("a", 1), ("b", 1.0)], ["text", "number"]),  # whole numbers and floats: 1 and 1.0
        ([("a", True)], ["text", "number"]),  # a boolean among numbers
        ([(1, "x")], ["text", "text"]),  # a number in a text column
        ([("a", "2024-01-01")], ["text", "date"]),  # a kind this path does not write
        ([("",)], ["text"]),  # a single column: csv.writer quotes an empty cell
    ],
)
def test_values_this_path_does_not_write_are_left_to_csv_writer(chunk, kinds) -> None:
    assert csv_lines(_columns(chunk), kinds) is None


def test_write_csv_gives_the_same_bytes_whichever_path_a_chunk_takes() -> None:
    columns, kinds = ["name", "value"], ["text", "number"]
    fast = [[("=x", 1.5), (None, -0.0)], [("a,b", 2.0)]]
    slow = [[("=x", 1.5), (None, -0.0)], [("a,b", 2)]]  # a whole number: csv.writer's path
    out_fast, out_slow = io.BytesIO(), io.BytesIO()
    assert write_csv(Rows(columns, kinds, fast), out_fast) == 3
    assert write_csv(Rows(columns, kinds, slow), out_slow) == 3
    assert out_fast.getvalue() == '\ufeffname,value\r\n\'=x,1.5\r\n,-0.0\r\n"a,b",2.0\r\n'.encode()
    assert out_slow.getvalue() == out_fast.getvalue().replace(b"2.0", b"2")


def test_a_looked_up_column_is_written_in_its_place_on_either_path() -> None:
    """A column the chunks leave out (an organisation's name by its code) comes out where
    it belongs, None where the code has none, in CSV a column at a time or by csv.writer."""
    names = {"R1": "Trust, one", "R2": "=Two"}
    columns, kinds = ["code", "name", "value"], ["text", "text", "number"]
    fast = [[("R1", 1.5), ("R2", -0.0)], [("R3", 2.0)]]
    slow = [[("R1", 1.5), ("R2", -0.0)], [("R3", 2)]]  # a whole number: csv.writer's path
    out_fast, out_slow = io.BytesIO(), io.BytesIO()
    assert write_csv(Rows(columns, kinds, fast, Lookup(1, 0, names)), out_fast) == 3
    assert write_csv(Rows(columns, kinds, slow, Lookup(1, 0, names)), out_slow) == 3
    expected = '\ufeffcode,name,value\r\nR1,"Trust, one",1.5\r\nR2,\'=Two,-0.0\r\nR3,,2.0\r\n'
    assert out_fast.getvalue() == expected.encode()
    assert out_slow.getvalue() == expected.replace("2.0", "2").encode()
