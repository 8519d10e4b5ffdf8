"""The rules are stated once and documented; cells of every kind a workbook column can mix
are read as the cell means them, whatever the reader's column types."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import numpy as np
import openpyxl
import pytest

from ahp_analytics.domain import schema
from ahp_analytics.ingest.validation import rules as R
from ahp_analytics.ingest.validation import validate_bytes
from tests.workbooks import WORKFORCE_HEADER, csv_bytes, xlsx

DOCS = Path(__file__).resolve().parents[1] / "docs" / "return-format.md"


def only(messages, rule):
    found = [m for m in messages if m.rule == rule]
    assert found, f"no {rule!r} among {[(m.rule, m.message) for m in messages]}"
    return found[0]


def test_every_rule_is_in_the_documented_table_and_every_row_of_it_is_a_rule():
    text = DOCS.read_text(encoding="utf-8")
    table = text[text.index("## Rules") :]
    documented = re.findall(r"^\| `([a-z_]+)` \|", table, re.M)
    assert len(documented) == len(set(documented))
    assert documented == R.rule_ids()


def test_range_rules_take_their_bounds_from_the_schema():
    fte = schema.LEADERSHIP.column("fte")
    rule = R.RANGE_RULES[("leadership", "fte")]
    nums = np.array([0.0, 0.5, 1.5, 1.6, np.nan])
    assert rule.check(nums, fte).tolist() == [True, False, False, True, False]
    wider = schema.Column("fte", "FTE", kind="number", minimum=0, maximum=2.0)
    assert rule.check(nums, wider).tolist() == [False, False, False, False, False]
    fields = {"n": 1, "rows": "row", "first": "2", "minimum": 0, "maximum": 2.0}
    assert "outside 0 to 2 " in rule.says(**fields)


def test_a_csv_row_longer_than_the_first_is_read_not_a_crash():
    rows = [
        ["Organisation code", "Organisation name"],
        ["ZZ1", "A Trust"],
        ["ZZ2", "B Trust", "stray", "cells"],
        ["ZZ3"],
    ]
    result = validate_bytes(csv_bytes(rows), "orgs.csv")
    assert result.ok, result.errors
    assert result.tables["organisations"]["org_code"].tolist() == ["ZZ1", "ZZ2", "ZZ3"]


def test_numbers_beside_text_in_one_column_keep_every_digit():
    """A column of numbers and missing markers is read as text by the fast reader, which
    writes numbers to 9 decimals: the numbers stored are the cells' own."""
    third = 1 / 3
    rows = [
        WORKFORCE_HEADER,
        ["RJ1", "2024-03", "Dietitian", "Band 5", 20 / 37.5, 1, third],
        ["RJ1", "2024-03", "Dietitian", "Band 6", 2 / 3, "-", "-"],
        ["RJ1", "2024-03", "Dietitian", "Band 7", " 3.5 ", 4, "1,234.5"],
    ]
    result = validate_bytes(xlsx({"Workforce": rows}), "return.xlsx")
    assert result.ok, result.errors
    wf = result.tables["workforce"]
    assert wf["fte"].tolist() == [20 / 37.5, 2 / 3, 3.5]
    assert wf["vacancy_fte"].tolist()[0] == third
    assert wf["vacancy_fte"].tolist()[2] == 1234.5
    assert np.isnan(wf["headcount"].tolist()[1])


@pytest.mark.parametrize("other", [True, 2.0, "2"], ids=["booleans", "numbers", "text"])
def test_a_boolean_is_not_a_number_whatever_else_its_column_holds(other):
    rows = [
        WORKFORCE_HEADER,
        ["RJ1", "2024-03", "Dietitian", "Band 5", 1.0, 1, True],
        ["RJ1", "2024-03", "Dietitian", "Band 6", 1.0, 1, other],
    ]
    error = only(validate_bytes(xlsx({"Workforce": rows}), "r.xlsx").errors, "not_a_number")
    assert (error.row, error.column, error.value) == (2, "Vacancy FTE", "True")


def test_a_long_sheet_with_titles_above_its_header_numbers_rows_as_excel_does():
    """Sheets longer than the rows read first are read from a copy cut after those rows to
    find the header, then whole below it."""
    rows = [["AHP workforce return"], [], WORKFORCE_HEADER]
    rows += [["RJ1", f"2024-{m:02d}", "Dietitian", f"Band {b}", 1.0, 1, 0] for m in range(1, 13)
             for b in range(1, 8)]  # fmt: skip
    rows.append(["RJ1", "2025-01", "Dietitian", "Band 5", "lots", 1, 0])
    result = validate_bytes(xlsx({"Workforce": rows}), "return.xlsx")
    error = only(result.errors, "not_a_number")
    assert (error.row, error.value) == (len(rows), "lots")
    assert result.tables["workforce"].shape[0] == 84


def test_error_cells_are_blank():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Workforce"
    ws.append(WORKFORCE_HEADER)
    ws.append(["RJ1", "2024-03", "Dietitian", "Band 5", 1.0, "#NAME?", "#DIV/0!"])
    ws.append(["RJ1", "2024-03", "Dietitian", "Band 6", 2.0, 3, 0])
    assert ws["F2"].data_type == "e"
    buf = io.BytesIO()
    wb.save(buf)
    result = validate_bytes(buf.getvalue(), "return.xlsx")
    assert result.ok, result.errors
    wf = result.tables["workforce"]
    assert np.isnan(wf["headcount"].tolist()[0]) and np.isnan(wf["vacancy_fte"].tolist()[0])


def test_date_cells_among_text_periods_are_their_month_and_shown_as_dates():
    rows = [
        WORKFORCE_HEADER,
        ["RJ1", dt.datetime(2024, 3, 15), "Dietitian", "Band 5", 1.0, 1, 0],
        ["RJ1", "2024-04", "Dietitian", "Band 5", 1.0, 1, 0],
        ["RJ1", dt.datetime(2099, 12, 1), "Dietitian", "Band 5", 1.0, 1, 0],
    ]
    result = validate_bytes(xlsx({"Workforce": rows}), "return.xlsx")
    assert only(result.errors, "future_period").value == "2099-12-01"
    assert result.tables["workforce"]["period"].dt.month.tolist() == [3, 4]
