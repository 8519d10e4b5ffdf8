"""A real-looking return for tests and browser runs: three real acute trusts of the shipped
reference list with twelve months of workforce (April 2024 to March 2025), a leadership
return for March 2025 and their 2024/25 indicators, filled into the application's template.
The figures are invented but of a real trust's size."""

from __future__ import annotations

from tests.workbooks import filled_template

REAL_ORGS = ("RJ1", "RGT", "RX1")
MONTHS = [
    f"{y}-{m:02d}" for y, m in [(2024, m) for m in range(4, 13)] + [(2025, 1), (2025, 2), (2025, 3)]
]
# (profession, band, FTE in April 2024, vacancy FTE)
CELLS = (
    ("Physiotherapist", "Band 5", 38.0, 4.0),
    ("Physiotherapist", "Band 6", 52.0, 5.5),
    ("Physiotherapist", "Band 7", 30.0, 2.0),
    ("Physiotherapist", "Band 8a", 9.0, 1.0),
    ("Occupational therapist", "Band 5", 25.0, 3.0),
    ("Occupational therapist", "Band 6", 31.0, 4.0),
    ("Occupational therapist", "Band 7", 16.0, 1.0),
    ("Diagnostic radiographer", "Band 5", 40.0, 6.0),
    ("Diagnostic radiographer", "Band 6", 45.0, 5.0),
    ("Diagnostic radiographer", "Band 7", 22.0, 2.0),
    ("Speech and language therapist", "Band 6", 12.0, 1.5),
    ("Dietitian", "Band 6", 14.0, 1.0),
    ("Operating department practitioner", "Band 5", 30.0, 4.0),
)
INDICATORS = {
    "RJ1": {"ae_4hr": (72.4, 150_000), "staff_engagement": 7.1, "turnover": 11.2},
    "RGT": {"ae_4hr": (68.9, 120_000), "staff_engagement": 6.9, "turnover": 12.8},
    "RX1": {"ae_4hr": (65.1, 160_000), "staff_engagement": 6.7, "turnover": 13.5},
}


def _workforce(org: str, scale: float) -> list[list]:
    rows = []
    for k, month in enumerate(MONTHS):
        growth = 1 + 0.003 * k
        for profession, band, fte, vacancy in CELLS:
            value = round(fte * scale * growth, 1)
            rows.append(
                [org, month, profession, band, value, round(value * 1.1), round(vacancy * scale, 1)]
            )
    return rows


def _leadership(org: str, board_role: str) -> list[list]:
    return [
        [
            org,
            "2025-03",
            "Chief AHP",
            "Chief Allied Health Professional",
            "Physiotherapist",
            "Band 9",
            1.0,
            80,
            board_role,
            "Chief nurse",
        ],
        [
            org,
            "2025-03",
            "Professional lead",
            "Head of Physiotherapy",
            "Physiotherapist",
            "Band 8c",
            1.0,
            40,
            "No board role",
            "Other",
        ],
        [
            org,
            "2025-03",
            "Professional lead",
            "Head of Occupational Therapy",
            "Occupational therapist",
            "Band 8b",
            1.0,
            40,
            "No board role",
            "Other",
        ],
        [
            org,
            "2025-03",
            "Professional lead",
            "Head of Radiography",
            "Diagnostic radiographer",
            "Band 8c",
            1.0,
            40,
            "No board role",
            "Other",
        ],
    ]


def _indicators(org: str) -> list[list]:
    given = INDICATORS[org]
    share, attendances = given["ae_4hr"]
    return [
        [org, "2024/25", "ae_4hr", share, round(attendances * share / 100), attendances],
        [org, "2024/25", "staff_engagement", given["staff_engagement"], None, None],
        [org, "2024/25", "turnover", given["turnover"], None, None],
    ]


def real_return() -> bytes:
    """The return of :data:`REAL_ORGS` as one workbook (the application's template)."""
    boards = {"RJ1": "Voting board member", "RGT": "Attends board", "RX1": "No board role"}
    scales = {"RJ1": 1.6, "RGT": 1.1, "RX1": 1.3}
    return filled_template(
        {
            "Workforce": [r for o in REAL_ORGS for r in _workforce(o, scales[o])],
            "Leadership": [r for o in REAL_ORGS for r in _leadership(o, boards[o])],
            "Indicators": [r for o in REAL_ORGS for r in _indicators(o)],
        }
    )
