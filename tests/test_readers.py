"""The reader's measure of a sheet's grid, and of all sheets' together or a CSV file's cells:
wide enough to refuse what would not fit in memory before anything is parsed, narrow enough
to let a national table of seven columns through in one sheet and the national workbooks
through whole."""

from __future__ import annotations

import csv
import io
import random
import zipfile

import pytest

from ahp_analytics.ingest import readers, sheet_scan
from tests.hostile import rows_xml, sheet_xml, workbook
from tests.workbooks import xlsx


def rows_of(width: int, n: int = 100) -> list[list]:
    return [[f"r{r}c{c}" for c in range(width)] for r in range(n)]


@pytest.fixture
def small_limit(monkeypatch):
    monkeypatch.setattr(sheet_scan, "MAX_CELLS", 1_000)


def test_seven_columns_are_measured_as_seven(small_limit):
    book = readers.read_bytes(xlsx({"Workforce": rows_of(7)}), "wide.xlsx")
    assert book.sheets[0].height == 100  # 100 x 7 = 700 cells: under the limit


def test_a_letter_beyond_g_widens_the_measure(small_limit):
    with pytest.raises(readers.Refused, match="spans 100 rows by 11 columns"):
        readers.read_bytes(xlsx({"Workforce": rows_of(11)}), "wider.xlsx")


def test_two_letter_columns_are_measured_exactly(small_limit):
    with pytest.raises(readers.Refused, match="by 28 columns"):
        readers.read_bytes(xlsx({"Workforce": rows_of(28, n=40)}), "widest.xlsx")


# -- one budget for the whole file ---------------------------------------------------------------


def _spanning(extents: dict[str, tuple[int, int]]) -> bytes:
    """A workbook whose sheets hold two cells each, A1 and the last cell of the given (rows,
    columns): tiny to write, as large as asked to the reader's measure."""
    sheets = []
    for name, (rows, columns) in extents.items():
        last = f"{readers.column_letter(columns - 1)}{rows}"
        far = f'<row r="{rows}"><c r="{last}"><v>1</v></c></row>'
        sheets.append((name, sheet_xml(rows_xml([["x"]]) + far)))
    return workbook(sheets)


def _scan(data: bytes) -> dict[str, list[str]]:
    zf = zipfile.ZipFile(io.BytesIO(data))
    return sheet_scan._scan_sheets(zf, [(n, p) for n, p, _ in sheet_scan._sheet_parts(zf)])


def test_sheets_each_within_the_limit_are_refused_together_before_any_parsing(monkeypatch):
    monkeypatch.setattr(sheet_scan, "MAX_CELLS", 1_000)
    monkeypatch.setattr(sheet_scan, "MAX_WORKBOOK_CELLS", 2_000)

    def never(*args, **kwargs):
        raise AssertionError("the workbook was parsed")

    monkeypatch.setattr(readers.fastexcel, "read_excel", never)
    data = xlsx({"Workforce": rows_of(7), "Notes": rows_of(7), "More notes": rows_of(7)})
    with pytest.raises(readers.Refused) as refused:
        readers.read_bytes(data, "return.xlsx")
    assert str(refused.value) == (
        "The workbook's sheets together span more than 2,000 cells (sheet 'Workforce' alone "
        "spans 100 rows by 7 columns), more than a return can hold: delete stray cells far "
        "below or to the right of the tables, and sheets the return does not need."
    )


def test_sheets_the_application_ignores_count_towards_the_budget(monkeypatch):
    """Instructions and Lists are skipped by validation, and an unknown sheet only warned
    about, but calamine builds every sheet's grid, so each counts."""
    monkeypatch.setattr(sheet_scan, "MAX_WORKBOOK_CELLS", 2_000)
    book = readers.read_bytes(xlsx({"Workforce": rows_of(7, n=280)}), "return.xlsx")
    assert book.sheets[0].height == 280  # 1,960 cells: within the budget
    for ignored in ("Instructions", "Lists", "Notes"):
        data = xlsx({"Workforce": rows_of(7, n=280), ignored: rows_of(7, n=10)})
        with pytest.raises(readers.Refused, match="together span more than 2,000 cells"):
            readers.read_bytes(data, "return.xlsx")


def test_the_budget_holds_the_national_benchmark_workbooks_and_refuses_the_sparse_sheets():
    """The sheets of benchmarks/make_data.py's workbooks as the reader measures them (1x:
    5.1 million cells; 4x: 20.3 million) are within the budget; the sparse sheets of the
    hostile corpus (1,000,000 rows by 12 columns each) are not, from the second one on."""
    national_1x = {"Workforce": (712_801, 7), "Leadership": (2_785, 10)}
    national_1x["Indicators"] = (9_681, 7)
    national_4x = {"Workforce": (997_921, 7), "Workforce 2": (997_921, 7)}
    national_4x |= {"Workforce 3": (855_361, 7), "Leadership": (10_585, 10)}
    national_4x["Indicators"] = (38_721, 7)
    for extents in (national_1x, national_4x):
        assert set(_scan(_spanning(extents))) == set(extents)
    sparse = {"Workforce": (4, 7), "Notes 1": (1_000_000, 12)}
    assert set(_scan(_spanning(sparse))) == set(sparse)
    with pytest.raises(readers.Refused, match="sheet 'Notes 1' alone spans 1,000,000 rows by 12"):
        _scan(_spanning({**sparse, "Notes 2": (1_000_000, 12)}))


def test_a_csv_of_empty_columns_is_refused_before_it_is_decoded(monkeypatch):
    monkeypatch.setattr(readers, "MAX_CELLS", 1_000)

    def never(*args, **kwargs):
        raise AssertionError("the CSV file was parsed")

    monkeypatch.setattr(readers.csv, "reader", never)
    data = (b"," * 199 + b"\r\n") * 5
    with pytest.raises(readers.Refused) as refused:
        readers.read_bytes(data, "workforce.csv")
    assert str(refused.value) == (
        "The CSV file's commas and line breaks make up to 1,001 cells, more than the 1,000 a "
        "return may hold: delete empty columns and rows, or split it into several files."
    )


def test_the_csv_cell_count_is_never_below_what_csv_reader_builds():
    """500 random CSV files of quoted and bare fields, commas and line breaks inside quotes,
    CR, LF and CRLF line ends, blank lines, with or without a last line break; on files of
    bare fields with no blank line the count is exact but for one after a last line break."""
    rng = random.Random(13)
    pieces = ["a", "", "1.5", '"x,y"', '"two\nlines"', '"cr\rhere"', '""', '"say ""hi"""']
    plain = 0
    for _ in range(500):
        ending = rng.choice(["\r\n", "\n", "\r"])
        choices = pieces if rng.random() < 0.6 else pieces[:3]  # bare fields only
        lines = [
            ",".join(rng.choice(choices) for _ in range(rng.randrange(0, 6)))
            for _ in range(rng.randrange(1, 8))
        ]
        text = ending.join(lines) + rng.choice(["", ending])
        built = sum(len(row) for row in csv.reader(io.StringIO(text, newline="")))
        counted = readers._csv_cells(text.encode())
        assert counted >= built, (text, counted, built)
        if '"' not in text and all(lines):
            assert counted - built == (text.endswith(ending)), (text, counted, built)
            plain += 1
    assert plain > 50


def test_a_csv_file_reads_the_same_rows_as_decoding_it_whole():
    """The reader decodes a CSV file piece by piece: the rows are those of the whole text,
    for UTF-8 with a byte-order mark, Windows-1252, and line breaks of every kind, inside
    quotes too, beside characters that Python's str.splitlines would also break at."""
    text = (
        'Organisation code,Name\r\nRJ1,"Guy\'s and St Thomas\' \u2013 ""GSTT"""\r\n'
        'RYJ,"two\nlines, one cell"\rRRK,\u00e9t\u00e9 \u2028 \x1c \U0001f600\n\nRTH,last'
    )
    expected = list(csv.reader(io.StringIO(text, newline="")))
    book = readers.read_bytes(text.encode("utf-8-sig"), "organisations.csv")
    assert book.sheets[0].head == expected
    assert not book.notes
    latin = text.replace("\u2028 \x1c \U0001f600", "").replace("\u2013", "-")
    book = readers.read_bytes(latin.encode("cp1252"), "organisations.csv")
    assert book.sheets[0].head == list(csv.reader(io.StringIO(latin, newline="")))
    assert "Windows-1252" in book.notes[0]
