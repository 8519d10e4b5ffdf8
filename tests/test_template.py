"""The blank return workbook: sheets, headers, drop-down lists, number checks, example rows."""

from __future__ import annotations

import io

import openpyxl
import pytest

from ahp_analytics.domain import reference as ref
from ahp_analytics.domain import schema
from ahp_analytics.ingest.validation import validate_bytes
from ahp_analytics.present.template import template_bytes, write_template

TABLE_SHEETS = {name: table.sheet for name, table in schema.TABLES.items()}


@pytest.fixture(scope="module")
def wb() -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(template_bytes()))


def _validations(ws) -> dict[str, object]:
    """Header label -> the data validation on that column's rows 2 onwards."""
    headers = {cell.column_letter: cell.value for cell in ws[1]}
    found = {}
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            assert rng.min_row == 2 and rng.max_row == 1_048_576, rng.coord
            assert rng.min_col == rng.max_col, rng.coord
            found[headers[openpyxl.utils.get_column_letter(rng.min_col)]] = dv
    return found


def _list_values(wb, formula: str) -> list[str]:
    sheet, cells = formula.split("!")
    ws = wb[sheet]
    return [c.value for row in ws[cells.replace("$", "")] for c in row]


def test_sheets_in_order_with_lists_hidden(wb):
    assert wb.sheetnames == [
        "Instructions",
        "Return details",
        "Workforce",
        "Leadership",
        "Indicators",
        "Organisations",
        "Lists",
    ]
    assert wb["Lists"].sheet_state == "hidden"
    assert all(wb[s].sheet_state == "visible" for s in wb.sheetnames[:-1])
    assert wb.active.title == "Instructions"


def test_write_template_to_path_matches_bytes(tmp_path):
    path = tmp_path / "return.xlsx"
    write_template(path)
    assert (
        openpyxl.load_workbook(path).sheetnames
        == openpyxl.load_workbook(io.BytesIO(template_bytes())).sheetnames
    )


@pytest.mark.parametrize("table", list(TABLE_SHEETS))
def test_header_row_is_the_column_labels_bold_and_frozen(wb, table):
    ws = wb[TABLE_SHEETS[table]]
    assert [c.value for c in ws[1]] == [c.label for c in schema.TABLES[table].columns]
    assert all(c.font.bold for c in ws[1])
    assert ws.freeze_panes == "A2"
    for cell in ws[1]:
        assert ws.column_dimensions[cell.column_letter].width >= len(cell.value)


@pytest.mark.parametrize("table", list(TABLE_SHEETS))
def test_one_example_row_marked_example_in_grey_italics(wb, table):
    ws = wb[TABLE_SHEETS[table]]
    assert ws.max_row == 2
    row = {h.value: c for h, c in zip(ws[1], ws[2], strict=True)}
    assert row["Organisation code"].value == "EXAMPLE"
    assert all(c.font.italic for c in ws[2])
    assert ws["A2"].font.color.rgb.endswith("808080")
    # The example is valid data: canonical labels and numbers in range.
    for column in schema.TABLES[table].columns:
        value = row[column.label].value
        if column.kind in ("profession", "band", "role", "board_role", "reports_to"):
            vocab = {
                "profession": ref.PROFESSIONS,
                "band": ref.BANDS,
                "role": ref.ROLES,
                "board_role": ref.BOARD_ROLES,
                "reports_to": ref.REPORTS_TO,
            }[column.kind]
            assert value in vocab.labels, (column.label, value)
        if column.kind == "indicator":
            assert value in set(ref.indicator_catalogue()["code"])
        if column.required:
            assert value not in (None, ""), column.label


def test_drop_down_lists_refer_to_the_lists_sheet(wb):
    expected = {
        ("Workforce", "Profession"): ref.PROFESSIONS.labels,
        ("Workforce", "AfC band"): ref.BANDS.labels,
        ("Leadership", "Role"): ref.ROLES.labels,
        ("Leadership", "Profession"): ref.PROFESSIONS.labels,
        ("Leadership", "AfC band"): ref.BANDS.labels,
        ("Leadership", "Board role"): ref.BOARD_ROLES.labels,
        ("Leadership", "Reports to"): ref.REPORTS_TO.labels,
        ("Indicators", "Indicator"): tuple(ref.indicator_catalogue()["code"]),
        ("Organisations", "Region"): ref.REGIONS,
        ("Organisations", "Trust type"): ref.TRUST_TYPES,
    }
    for (sheet, header), labels in expected.items():
        dv = _validations(wb[sheet])[header]
        assert dv.type == "list", (sheet, header)
        assert dv.formula1.startswith("Lists!$"), dv.formula1
        assert _list_values(wb, dv.formula1) == list(labels), (sheet, header)
        assert dv.showErrorMessage and dv.error
    # The indicator list is longer than the 255 characters an inline list may hold.
    assert len(",".join(ref.indicator_catalogue()["code"])) > 255
    # Closed lists refuse other values; the indicator list allows custom indicators.
    assert _validations(wb["Workforce"])["Profession"].errorStyle in (None, "stop")
    assert _validations(wb["Indicators"])["Indicator"].errorStyle == "warning"


def test_number_checks_with_error_messages(wb):
    wf = _validations(wb["Workforce"])
    assert (wf["FTE"].type, wf["FTE"].operator, wf["FTE"].formula1) == (
        "decimal",
        "greaterThanOrEqual",
        "0",
    )
    assert (wf["Headcount"].type, wf["Headcount"].operator, wf["Headcount"].formula1) == (
        "whole",
        "greaterThanOrEqual",
        "0",
    )
    assert (wf["Vacancy FTE"].type, wf["Vacancy FTE"].formula1) == ("decimal", "0")
    lead = _validations(wb["Leadership"])
    assert lead["FTE"].type == "custom"
    assert lead["FTE"].formula1 == "AND(ISNUMBER(G2),G2>0,G2<=1.5)"
    assert wb["Leadership"]["G1"].value == "FTE"
    st = lead["Strategic time %"]
    assert (st.type, st.operator, st.formula1, st.formula2) == ("decimal", "between", "0", "100")
    for dv in (*wf.values(), *lead.values()):
        assert dv.showErrorMessage and dv.errorTitle and dv.error
        assert dv.allow_blank


def test_return_details_has_blank_organisation_and_period(wb):
    ws = wb["Return details"]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert rows == [["Field", "Value"], ["Organisation code", None], ["Period", None]]
    (hint,) = ws.data_validations.dataValidation
    assert str(hint.sqref) == "B2:B3"
    assert "every row" in hint.prompt


def test_instructions_explain_examples_periods_and_errors(wb):
    text = " ".join(str(c.value) for c in wb["Instructions"]["A"] if c.value)
    assert wb["Instructions"].column_dimensions["A"].width >= 80
    for phrase in (
        "EXAMPLE",
        "ignored",
        "2024-03",
        "2023/24",
        "Mar-24",
        "2023/24 Q4",
        "rejects the whole file",
        "Return details",
        "drop-down",
    ):
        assert phrase in text, phrase


def test_filled_template_passes_validation_without_warnings():
    """Filled in as the instructions say, the template reads back cleanly: the example rows,
    Instructions and Lists are ignored and Return details fills blank codes and periods."""
    wb = openpyxl.load_workbook(io.BytesIO(template_bytes()))
    wb["Return details"]["B2"] = "RJ1"
    wb["Workforce"].append([None, "2024-03", "Physiotherapist", "Band 6", 10.5, 12, 1.0])
    wb["Leadership"].append(
        [None, "2024-03", "Lead AHP", "Head of AHPs", "Dietitian", "Band 8c", 1, 50]
        + ["Attends board", "Chief nurse"]
    )
    wb["Indicators"].append(["RJ1", "2023/24", "turnover", 11.2, None, None])
    buffer = io.BytesIO()
    wb.save(buffer)
    result = validate_bytes(buffer.getvalue(), "filled.xlsx")
    assert result.errors == [] and result.warnings == []
    assert result.rows == {"workforce": 1, "leadership": 1, "indicators": 1}
    assert set(result.tables["workforce"]["org_code"]) == {"RJ1"}


def test_blank_template_holds_no_data():
    result = validate_bytes(template_bytes(), "return.xlsx")
    assert [m.rule for m in result.errors] == ["no_rows"]
    assert result.warnings == []
