"""Build small return files in memory for tests: workbooks from rows, CSV from rows, and the
template filled in."""

from __future__ import annotations

import csv
import io
import math
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


def broken_return(org: str = "RJ1", month: str = "2024-03") -> bytes:
    """A workforce return with three errors, one row each: an unknown profession ('Wizard',
    row 2), a negative FTE (-2, row 3) and a period that cannot be read ('2024-13', row 4)."""
    return xlsx(
        {
            "Workforce": [
                WORKFORCE_HEADER,
                [org, month, "Wizard", "Band 6", 10.5, 11, 1.5],
                [org, month, "Physiotherapist", "Band 7", -2, 2, 0],
                [org, "2024-13", "Dietitian", "Band 6", 1, 1, 0],
            ]
        }
    )


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


REAL_PROFESSIONS = (
    ("Physiotherapist", ("Band 5", "Band 6", "Band 7", "Band 8a"), 24.0),
    ("Occupational therapist", ("Band 5", "Band 6", "Band 7", "Band 8a"), 18.0),
    ("Dietitian", ("Band 5", "Band 6", "Band 7"), 7.5),
    ("Speech and language therapist", ("Band 5", "Band 6", "Band 7"), 6.0),
    ("Diagnostic radiographer", ("Band 5", "Band 6", "Band 7", "Band 8a"), 21.0),
    ("Operating department practitioner", ("Band 5", "Band 6"), 12.0),
    ("Podiatrist", ("Band 6", "Band 7"), 3.0),
)


def real_return(
    org: str | Iterable[str] = "RJ1",
    months: Iterable[str] = ("2024-04", "2024-05", "2024-06"),
    scale: float = 1.0,
) -> bytes:
    """A return as a large acute trust would fill in the template: workforce for each month by
    profession and band, its leadership posts dated by the last month, and a few indicators for
    the financial year of the last month. ``org`` is one organisation's code or several (each
    gets the same rows). ``scale`` multiplies every FTE (a later return with ``scale=1.5``
    moves each profession's FTE by 50%)."""
    orgs = [org] if isinstance(org, str) else list(org)
    months = list(months)
    tables: dict[str, list[list]] = {"Workforce": [], "Leadership": [], "Indicators": []}
    for code in orgs:
        for sheet, rows in _real_rows(code, months, scale).items():
            tables[sheet].extend(rows)
    return filled_template(tables)


def _real_rows(org: str, months: list[str], scale: float) -> dict[str, list[list]]:
    """One organisation's rows of :func:`real_return`, by sheet."""
    workforce = []
    for m, month in enumerate(months):
        for profession, bands, fte in REAL_PROFESSIONS:
            for b, band in enumerate(bands):
                value = round(fte * scale * (1 + 0.01 * m) / (b + 1), 1)
                workforce.append(
                    [
                        org,
                        month,
                        profession,
                        band,
                        value,
                        math.ceil(value * 1.1),
                        round(value / 10, 1),
                    ]
                )
    last = months[-1]
    year = int(last[:4]) - (1 if int(last[5:]) < 4 else 0)
    fy = f"{year}/{(year + 1) % 100:02d}"
    leadership = [
        [
            org,
            last,
            "Chief AHP",
            "Chief Allied Health Professions Officer",
            "Physiotherapist",
            "Band 9",
            1.0,
            80,
            "Attends board",
            "Chief nurse",
        ],
        [
            org,
            last,
            "Professional lead",
            "Head of Dietetics",
            "Dietitian",
            "Band 8b",
            1.0,
            40,
            "No board role",
            "Other",
        ],
        [
            org,
            last,
            "Professional lead",
            "Head of Therapies",
            "Occupational therapist",
            "Band 8c",
            1.0,
            50,
            "No board role",
            "Other",
        ],
    ]
    indicators = [
        [org, fy, "staff_engagement", 7.1, None, None],
        [org, fy, "turnover", 11.8, None, None],
        [org, fy, "sickness_absence", 4.6, None, None],
        [org, fy, "ae_4hr", "74.2%", None, None],
    ]
    return {"Workforce": workforce, "Leadership": leadership, "Indicators": indicators}
