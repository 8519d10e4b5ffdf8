"""Build small return files in memory for tests: workbooks from rows, CSV from rows, and the
template filled in."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

import openpyxl

from ahp_analytics.present.template import template_bytes

WORKFORCE_HEADER = [
    "Organisation code",
    "Period",
    "Profession",
    "AfC band",
    "FTE",
    "Headcount",
    "Vacancy FTE",
]
LEADERSHIP_HEADER = [
    "Organisation code",
    "Period",
    "Role",
    "Job title",
    "Profession",
    "AfC band",
    "FTE",
    "Strategic time %",
    "Board role",
    "Reports to",
]
INDICATORS_HEADER = [
    "Organisation code",
    "Period",
    "Indicator",
    "Value",
    "Numerator",
    "Denominator",
]


def xlsx(sheets: dict[str, Iterable[Iterable]]) -> bytes:
    """A workbook with one sheet per entry, rows written from row 1."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(list(row))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def csv_bytes(rows: Iterable[Iterable], encoding: str = "utf-8-sig") -> bytes:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    return buf.getvalue().encode(encoding)


def filled_template(tables: dict[str, Iterable[Iterable]]) -> bytes:
    """The template written by the application, with rows appended under each sheet's
    header and example row."""
    wb = openpyxl.load_workbook(io.BytesIO(template_bytes()))
    for sheet, rows in tables.items():
        ws = wb[sheet]
        for row in rows:
            ws.append(list(row))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def workforce_rows(org: str = "RJ1", period: str = "2024-03") -> list[list]:
    return [
        [org, period, "Physiotherapist", "Band 6", 10.5, 11, 1.5],
        [org, period, "Physiotherapist", "Band 8a", 2.0, 2, 0],
        [org, period, "Occupational therapist", "Band 5", 8.0, 9, 2.0],
    ]
