"""The reader's measure of a sheet's grid: wide enough to refuse what would not fit in
memory, narrow enough to let a national table of seven columns through in one sheet."""

from __future__ import annotations

import pytest

from ahp_analytics import readers
from tests.workbooks import xlsx


def rows_of(width: int, n: int = 100) -> list[list]:
    return [[f"r{r}c{c}" for c in range(width)] for r in range(n)]


@pytest.fixture
def small_limit(monkeypatch):
    monkeypatch.setattr(readers, "MAX_CELLS", 1_000)


def test_seven_columns_are_measured_as_seven(small_limit):
    book = readers.read_bytes(xlsx({"Workforce": rows_of(7)}), "wide.xlsx")
    assert len(book.sheets[0].rows) == 100  # 100 x 7 = 700 cells: under the limit


def test_a_letter_beyond_g_widens_the_measure(small_limit):
    with pytest.raises(readers.Refused, match="spans 100 rows by 11 columns"):
        readers.read_bytes(xlsx({"Workforce": rows_of(11)}), "wider.xlsx")


def test_two_letter_columns_are_measured_exactly(small_limit):
    with pytest.raises(readers.Refused, match="by 28 columns"):
        readers.read_bytes(xlsx({"Workforce": rows_of(28, n=40)}), "widest.xlsx")
