"""What the demonstration data set holds: its seed and size, periods, leadership categories,
planted effects and special-cause shifts, bands and file names (see :mod:`ahp_analytics.demo`).
"""

from __future__ import annotations

from datetime import datetime

DEFAULT_SEED = 20240401
N_TRUSTS = 150
MONTHS: tuple[str, ...] = tuple(
    f"{2023 + (m + 3) // 12}-{(m + 3) % 12 + 1:02d}" for m in range(24)
)  # 2023-04 ... 2025-03
FINANCIAL_YEARS = ("2023/24", "2024/25")
LEADERSHIP_PERIODS = ("2024-03", "2025-03")  # the March return of each financial year
CATEGORIES = ("A", "B", "C", "D", "E")
LEVELS = {"A": 4, "B": 3, "C": 2, "D": 1, "E": 0}
CATEGORY_SHARES = {"A": 0.08, "B": 0.22, "C": 0.40, "D": 0.20, "E": 0.10}

PLANTED: dict[str, int] = {"ahp_able_to_improve": +1, "staff_engagement": +1, "turnover": -1}
NULL_INDICATORS: tuple[str, ...] = ("shmi", "ae_4hr", "length_of_stay", "cost_per_wau")

# code -> (measure, first month of the shift)
SPECIAL_CAUSE: dict[str, tuple[str, str]] = {
    "DM012": ("vacancy_fte", "2024-08"),
    "DM047": ("vacancy_fte", "2024-08"),
    "DM083": ("vacancy_fte", "2024-08"),
    "DM118": ("vacancy_fte", "2024-08"),
    "DM029": ("fte", "2024-07"),
    "DM104": ("fte", "2024-07"),
}
_VACANCY_JUMP = 1.8
_FTE_STEP = 1.10

ORGANISATIONS_FILE = "demo-organisations.xlsx"
_CREATED = datetime(2025, 4, 1)  # fixed workbook creation time, for reproducible files

BANDS = ("Band 3", "Band 4", "Band 5", "Band 6", "Band 7", "Band 8a", "Band 8b", "Band 8c")
