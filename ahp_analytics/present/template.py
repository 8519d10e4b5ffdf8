"""The blank return workbook: instructions, one sheet per table, drop-down lists and checks.

The workbook follows ``docs/return-format.md``: each table sheet has its header row in row 1
with exactly the :class:`~ahp_analytics.domain.schema.Column` labels, and one worked example in
row 2 whose organisation code is ``EXAMPLE`` (the reader skips such rows). Drop-down lists
refer to ranges on a hidden ``Lists`` sheet, because a list typed into a validation is limited
to 255 characters and the indicator list is longer.
"""

from __future__ import annotations

import io
import math
from os import PathLike
from typing import IO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ahp_analytics.domain import reference as ref
from ahp_analytics.domain import schema

INSTRUCTIONS_SHEET = "Instructions"
LISTS_SHEET = "Lists"
EXAMPLE_CODE = "EXAMPLE"
SHEET_ORDER = (
    INSTRUCTIONS_SHEET,
    schema.RETURN_DETAILS_SHEET,
    schema.WORKFORCE.sheet,
    schema.LEADERSHIP.sheet,
    schema.INDICATORS.sheet,
    schema.ORGANISATIONS.sheet,
    LISTS_SHEET,
)

# Checks reach the last row Excel has, so rows pasted far down are still checked.
_LAST_ROW = 1_048_576

_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
_EXAMPLE = Font(italic=True, color="808080")
_HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
_WRAP = Alignment(wrap_text=True, vertical="top")

_WIDTHS = {
    "org_code": 18,
    "period": 12,
    "profession": 32,
    "band": 11,
    "fte": 9,
    "headcount": 11,
    "vacancy_fte": 13,
    "role": 22,
    "job_title": 40,
    "strategic_time_pct": 16,
    "board_role": 24,
    "reports_to": 24,
    "indicator": 26,
    "value": 10,
    "numerator": 12,
    "denominator": 13,
    "org_name": 46,
    "region": 26,
    "icb": 34,
    "trust_type": 18,
}

_EXAMPLES: dict[str, dict[str, object]] = {
    "workforce": {
        "period": "2024-03",
        "profession": "Physiotherapist",
        "band": "Band 6",
        "fte": 12.4,
        "headcount": 14,
        "vacancy_fte": 1.6,
    },
    "leadership": {
        "period": "2024-03",
        "role": "Chief AHP",
        "job_title": "Chief Allied Health Professional",
        "profession": "Occupational therapist",
        "band": "VSM",
        "fte": 1.0,
        "strategic_time_pct": 70,
        "board_role": "Voting board member",
        "reports_to": "Chief executive",
    },
    "indicators": {
        "period": "2023/24",
        "indicator": "fft_positive",
        "value": 94.2,
        "numerator": 4710,
        "denominator": 5000,
    },
    "organisations": {
        "org_name": "Example Hospitals NHS Foundation Trust",
        "region": "North West",
        "icb": "NHS Example Integrated Care Board",
        "trust_type": "Acute",
    },
}

_INSTRUCTIONS: tuple[tuple[str, str], ...] = (
    ("title", "AHP workforce and leadership return"),
    (
        "text",
        "This workbook is the return of Allied Health Professions (AHP) staff in post, AHP "
        "leadership posts and quality and productivity indicators for NHS trusts in England. "
        "Fill in the sheets you have data for, save the workbook as .xlsx and upload it to the "
        "AHP analytics dashboard. To check it first without storing anything, run: "
        "python -m ahp_analytics validate YOUR-FILE.xlsx",
    ),
    ("heading", "General rules"),
    (
        "text",
        "Keep the header row (row 1) of each sheet as it is. Enter one record per row, starting "
        "in row 3 or overwriting the example. Fill in only the sheets you have data for; an "
        "empty sheet can stay or be deleted. Do not rename the sheets. Your own extra sheets "
        "(notes, charts) are allowed and are ignored with a warning.",
    ),
    (
        "text",
        "Choose Profession, AfC band, Role, Board role, Reports to and Indicator from the "
        "drop-down lists. Numbers must be plain numbers (3.5, not '3.5 FTE'). Leave a cell blank "
        "when a value is not known: blank means missing, not zero.",
    ),
    (
        "text",
        "Row 2 of each sheet is a worked example in grey italics. Its organisation code is "
        "EXAMPLE, and every row whose organisation code is EXAMPLE is ignored when the file is "
        "read, so you may leave it or delete it.",
    ),
    ("heading", "Return details"),
    (
        "text",
        "Optional. An Organisation code and a Period entered here apply to every row of the "
        "other sheets that leaves its own Organisation code or Period blank. Leave them blank "
        "if every row gives its own.",
    ),
    ("heading", "Workforce"),
    (
        "text",
        "AHP staff in post: one row per organisation, period, profession and AfC band. FTE is "
        "required (0 or more). Headcount is a whole number of people (0 or more); it is usually "
        "at least the FTE. Vacancy FTE is funded posts not filled (0 or more); leave it blank "
        "when not known (a blank is missing, not 0).",
    ),
    ("heading", "Leadership"),
    (
        "text",
        "AHP leadership posts: one row per post. Give the Role, or the Job title from which the "
        "role can be inferred (a warning says so). Board role is required. FTE is the post's "
        "whole-time equivalent, more than 0 and at most 1.5 (1.0 if blank). Strategic time % "
        "is the share of the post given to strategic rather than operational work (0 to 100). "
        "A Professional lead post names the Profession it leads. "
        "A return replaces all posts previously sent for the same organisation and period, so "
        "list every post each time. An organisation with no AHP leadership posts says so with "
        "one row whose Role is None and every other column but Organisation code and Period "
        "blank; without a Leadership sheet nothing is known about its leadership.",
    ),
    ("heading", "Indicators"),
    (
        "text",
        "Quality and productivity indicators, one row per organisation, period and indicator. "
        "Name the indicator by its catalogue code from the drop-down list (its catalogue name is "
        "also accepted; any other name is stored as a custom indicator with a warning). Value "
        "is a number or percentage (85 or 85%); CQC ratings may be written as Outstanding, "
        "Good, Requires improvement or Inadequate. Numerator and Denominator are optional, for "
        "indicators that are a proportion.",
    ),
    ("heading", "Organisations"),
    (
        "text",
        "Optional. Organisation code, name, region, integrated care board (ICB) and trust type "
        "of organisations not yet on the application's reference list. A trust on the list "
        "keeps the name, region and trust type the list gives it (another value here is a "
        "warning and is not stored); a value the list leaves blank, such as the ICB, may be "
        "given here. Withdrawing the submission undoes what its Organisations sheet said.",
    ),
    ("heading", "Periods"),
    (
        "text",
        "Write the period in any of these forms: a date cell (its month), 2024-03, 2024-03-31, "
        "Mar-24, March 2024, 2024-MAR (a month); 2023/24 or 2023-24 (the financial year from "
        "1 April); 2023/24 Q4 (a quarter of the financial year); 2024 (a calendar year). "
        "Workforce and leadership are usually monthly; indicators are often for a financial "
        "year.",
    ),
    ("heading", "Errors and warnings"),
    (
        "text",
        "An error rejects the whole file: nothing in it is stored until it is corrected and "
        "uploaded again. Errors include a missing required column, an unreadable period, an "
        "unknown profession, band, role or board role, a negative or non-numeric number, an FTE "
        "out of range and the same key twice in the file. A warning (for example an unknown "
        "column or an FTE greater than the headcount) is shown and kept with the submission but "
        "does not stop it. Every message names the sheet, row, column and value, and says how "
        "to fix it.",
    ),
    (
        "text",
        "Sending the same organisation and period again replaces what was stored before; the "
        "earlier submission stays in the history.",
    ),
)


def write_template(path_or_buffer: str | PathLike[str] | IO[bytes]) -> None:
    """Write the blank return workbook (.xlsx) to a path or a binary file object."""
    _build().save(path_or_buffer)


def template_bytes() -> bytes:
    """The blank return workbook as .xlsx bytes (for a download button)."""
    buffer = io.BytesIO()
    write_template(buffer)
    return buffer.getvalue()


def _build() -> Workbook:
    wb = Workbook()
    _instructions(wb.active)
    _return_details(wb.create_sheet(schema.RETURN_DETAILS_SHEET))
    ranges = _lists(wb.create_sheet(LISTS_SHEET))
    for name in ("workforce", "leadership", "indicators", "organisations"):
        table = schema.TABLES[name]
        ws = wb.create_sheet(table.sheet, index=len(wb.sheetnames) - 1)
        _table_sheet(ws, table, _EXAMPLES[name])
        _validations(ws, table, ranges)
    wb.active = 0
    return wb


def _instructions(ws: Worksheet) -> None:
    ws.title = INSTRUCTIONS_SHEET
    ws.column_dimensions["A"].width = 110
    ws.sheet_view.showGridLines = False
    row = 1
    for kind, text in _INSTRUCTIONS:
        if kind == "heading":
            row += 1
        cell = ws.cell(row=row, column=1, value=text)
        cell.alignment = _WRAP
        # Explicit heights: not every spreadsheet program fits wrapped rows on opening.
        ws.row_dimensions[row].height = 15 * math.ceil(len(text) / 105) + 3
        if kind == "title":
            cell.font = _TITLE
        elif kind == "heading":
            cell.font = _BOLD
        row += 1


def _return_details(ws: Worksheet) -> None:
    ws.append(["Field", "Value"])
    for cell in ws[1]:
        cell.font = _BOLD
        cell.fill = _HEADER_FILL
    ws.append([schema.ORG_CODE.label, None])
    ws.append([schema.PERIOD.label, None])
    ws.column_dimensions["A"].width = 20
    ws.column_dimensions["B"].width = 24
    ws.freeze_panes = "A2"
    ws["B2"].number_format = "@"
    ws["B3"].number_format = "@"
    hint = DataValidation(
        allow_blank=True,
        showInputMessage=True,
        promptTitle="Applies to every row",
        prompt=(
            "Used for every row of the other sheets that leaves its Organisation code or "
            "Period blank. Leave blank if every row gives its own."
        ),
        sqref="B2:B3",
    )
    ws.add_data_validation(hint)


def _lists(ws: Worksheet) -> dict[str, str]:
    """Write the drop-down lists in columns of the Lists sheet; list name -> range."""
    lists = {
        "profession": ref.PROFESSIONS.labels,
        "band": ref.BANDS.labels,
        "role": ref.ROLES.labels,
        "board_role": ref.BOARD_ROLES.labels,
        "reports_to": ref.REPORTS_TO.labels,
        "indicator": tuple(ref.indicator_catalogue()["code"]),
        "region": ref.REGIONS,
        "trust_type": ref.TRUST_TYPES,
    }
    ranges: dict[str, str] = {}
    for col, (name, values) in enumerate(lists.items(), start=1):
        letter = get_column_letter(col)
        ws.cell(row=1, column=col, value=name).font = _BOLD
        for row, value in enumerate(values, start=2):
            ws.cell(row=row, column=col, value=value)
        ws.column_dimensions[letter].width = max(len(str(v)) for v in values) + 2
        ranges[name] = f"{LISTS_SHEET}!${letter}$2:${letter}${len(values) + 1}"
    ws.sheet_state = "hidden"
    return ranges


def _table_sheet(ws: Worksheet, table: schema.Table, example: dict[str, object]) -> None:
    ws.append([c.label for c in table.columns])
    for cell in ws[1]:
        cell.font = _BOLD
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(vertical="top")
    ws.append(
        [EXAMPLE_CODE if c.name == "org_code" else example.get(c.name) for c in table.columns]
    )
    for cell in ws[2]:
        cell.font = _EXAMPLE
    for i, column in enumerate(table.columns, start=1):
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = _WIDTHS.get(column.name, len(column.label) + 4)
        if column.name in ("org_code", "period"):
            # Stored as text so Excel does not turn 2023-24 or an ODS code into something else.
            ws.column_dimensions[letter].number_format = "@"
    ws.freeze_panes = "A2"


def _list_check(formula: str, label: str, style: str = "stop") -> DataValidation:
    if style == "stop":
        error = f"Choose a {label} from the drop-down list."
    else:
        error = (
            f"This {label} is not in the list. It will be stored as a custom {label} with a "
            "warning. Press Yes to keep it."
        )
    return DataValidation(
        type="list",
        formula1=formula,
        allow_blank=True,
        showErrorMessage=True,
        showInputMessage=True,
        errorStyle=style,
        errorTitle=f"Unknown {label}",
        error=error,
        promptTitle=label.capitalize(),
        prompt=f"Choose a {label} from the list.",
    )


def _number_check(
    kind: str, operator: str, low: str, high: str | None, title: str, error: str
) -> DataValidation:
    return DataValidation(
        type=kind,
        operator=operator,
        formula1=low,
        formula2=high,
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="stop",
        errorTitle=title,
        error=error,
    )


def _checks(table: schema.Table, letters: dict[str, str]) -> dict[str, DataValidation]:
    """Column name -> its number check, for one table sheet (``letters``: name -> column)."""
    checks: dict[str, DataValidation] = {}
    if table.name == "workforce":
        checks["fte"] = _number_check(
            "decimal", "greaterThanOrEqual", "0", None, "FTE", "FTE must be a number, 0 or more."
        )
        checks["headcount"] = _number_check(
            "whole",
            "greaterThanOrEqual",
            "0",
            None,
            "Headcount",
            "Headcount must be a whole number of people, 0 or more.",
        )
        checks["vacancy_fte"] = _number_check(
            "decimal",
            "greaterThanOrEqual",
            "0",
            None,
            "Vacancy FTE",
            "Vacancy FTE must be a number, 0 or more.",
        )
    elif table.name == "leadership":
        fte = letters["fte"]
        # A custom rule because Excel's decimal check cannot exclude 0 itself.
        checks["fte"] = DataValidation(
            type="custom",
            formula1=f"AND(ISNUMBER({fte}2),{fte}2>0,{fte}2<=1.5)",
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="stop",
            errorTitle="FTE",
            error="The post's FTE must be more than 0 and at most 1.5 (blank means 1.0).",
        )
        checks["strategic_time_pct"] = _number_check(
            "decimal",
            "between",
            "0",
            "100",
            "Strategic time %",
            "Strategic time % must be a number from 0 to 100.",
        )
    return checks


_LISTED = {
    "profession": ("profession", "stop"),
    "band": ("band", "stop"),
    "role": ("role", "stop"),
    "board_role": ("board role", "stop"),
    "reports_to": ("reporting line", "stop"),
    "indicator": ("indicator", "warning"),
    "region": ("region", "warning"),
    "trust_type": ("trust type", "warning"),
}


def _validations(ws: Worksheet, table: schema.Table, ranges: dict[str, str]) -> None:
    letters = {c.name: get_column_letter(i) for i, c in enumerate(table.columns, start=1)}
    checks = _checks(table, letters)
    for column in table.columns:
        if column.name in _LISTED:
            label, style = _LISTED[column.name]
            checks[column.name] = _list_check(ranges[column.name], label, style)
    for name, dv in checks.items():
        letter = letters[name]
        dv.add(f"{letter}2:{letter}{_LAST_ROW}")
        ws.add_data_validation(dv)
