"""The demonstration data set: fictional trusts with AHP workforce, leadership and indicators.

Everything comes from one seed (default :data:`DEFAULT_SEED`); the same seed gives the same
values in every sheet. The organisations are invented and cannot be mistaken for real ones:
codes ``DM001`` to ``DM150`` (no real ODS code starts ``DM``) and every name contains the word
DEMO, e.g. "Demo Ashbury Hospitals NHS Trust (DEMO)".

What is in it
-------------
- **Organisations**: 150 trusts across the 7 NHS England regions, each in a fictional ICB
  ("Demo ... ICB"); about 60% acute, 10% acute specialist, 15% mental health, 10% community
  and 5% ambulance trusts.
- **Workforce**: 24 months, April 2023 to March 2025 (periods ``2023-04`` ... ``2025-03``),
  FTE, headcount and vacancy FTE by profession and band (Band 3 to Band 8c, Band 5 and 6
  largest). Professions follow the trust type: ambulance trusts are nearly all paramedics,
  mental health trusts have occupational therapists and arts therapists, acute trusts have
  physiotherapists, radiographers, ODPs and the smaller professions. Each trust grows gently
  (about 3% a year) with monthly noise. A few trusts leave Vacancy FTE blank throughout, and
  about one in ten leaves it blank for its small professions only (every month), so that the
  vacancy rate is worked out over the rows that report it.
- **Leadership**: one return per financial year, dated March (``2024-03`` and ``2025-03``).
  Each trust is given an arrangement category (spec/metrics.md) in fixed proportions,
  independently of its type, region and size: A 8%, B 22%, C 40%, D 20%, E 10%; about 1 in 12
  trusts moves one category between the two years, and :data:`MOVES` plants 20 more moves (12
  towards the board, 8 away from it), so that about 30 trusts change their arrangement, enough
  to compare their before and after with the trusts that did not change. The posts encode the
  category: A has a Chief AHP or Director of AHPs who is a voting board member (reporting
  mostly to the chief executive), B a strategic post that attends board or is a non-voting
  member, C a strategic post below board, D professional leads only, E the explicit nil return
  (a Leadership sheet with one row whose Role is None). A few trusts send no leadership return
  in a year (no Leadership sheet): their arrangement is not known (Not returned), though the
  trust still has one, which the indicators follow.
- **Indicators**: every catalogue indicator for 2023/24 and 2024/25 (long form, periods
  ``2023/24`` and ``2024/25``) for the trust types that report it (SHMI and A&E 4-hour for
  acute trusts only, for instance), with numerator and denominator where the indicator is a
  proportion or ratio, and CQC ratings as words. A trust whose values of a percentage
  indicator are all between 0 and 1 (a surplus of 0.4%, say) writes them as ``0.4%``, as the
  format asks, so that they are not read as fractions.

Planted relationships
---------------------
Each indicator is a trust-type baseline, plus a persistent trust effect, plus year-to-year
noise. Only the indicators in :data:`PLANTED` also depend on the trust's leadership level in
that year (4 for category A down to 0 for E): ``ahp_able_to_improve`` (+3 points per level)
and ``staff_engagement`` (+0.12 per level) rise with it and ``turnover`` (-0.8 points per
level) falls with it. The effects are moderate: Spearman's rho between level and value is
about 0.3 to 0.5 over the 150 trusts. Every other indicator is generated without reference to
leadership and leadership is assigned independently of everything else, so any association
seen is chance; :data:`NULL_INDICATORS` names those the tests check. A trust that changes its
arrangement therefore changes the planted indicators by the slope times its change of level
(their year-to-year noise is small enough for about 30 moving trusts to show it), and the
others only by chance. ``stability`` and ``staff_recommend_work`` share the trust effect of
``turnover`` and ``staff_engagement`` but not the leadership effect, so they correlate with
those indicators and not with leadership.

Special causes
--------------
:data:`SPECIAL_CAUSE` lists trusts with a planted shift for SPC charts: total vacancy FTE
about 80% higher from August 2024, or total FTE 10% higher from July 2024 (a service
transferred in). These trusts have no trend otherwise, so the shift is their only signal.
"""

from __future__ import annotations

import math
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd
import xlsxwriter

from ahp_analytics.domain import reference as ref
from ahp_analytics.domain import schema
from ahp_analytics.store import DeleteOutcome, IngestOutcome, Store

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

# ---------------------------------------------------------------------------------------------
# Organisations

_TYPE_SHARES = {
    "Acute": 0.60,
    "Acute specialist": 0.10,
    "Mental health": 0.15,
    "Community": 0.10,
    "Ambulance": 0.05,
}
_REGION_WEIGHTS = {
    "East of England": 0.13,
    "London": 0.17,
    "Midlands": 0.19,
    "North East and Yorkshire": 0.17,
    "North West": 0.14,
    "South East": 0.11,
    "South West": 0.09,
}
_ICBS_PER_REGION = 6

_PREFIXES = (
    "Ash", "Beck", "Bram", "Bright", "Brook", "Cal", "Clay", "Cold", "Crane", "Elm", "Fair",
    "Fern", "Glen", "Hart", "Hazel", "Holm", "Ivy", "Kings", "Lark", "Lin", "Mar", "Mill",
    "Moor", "North", "Oak", "Pen", "Raven", "Rose", "Rush", "Sand", "Silver", "South",
    "Stone", "Thorn", "Wal", "West", "Whit", "Willow", "Wold", "Wren",
)  # fmt: skip
_SUFFIXES = (
    "bank", "borough", "bridge", "brook", "bury", "combe", "dale", "field", "ford", "gate",
    "ham", "hurst", "ley", "mere", "mouth", "stead", "ton", "vale", "well", "wick", "worth",
)  # fmt: skip

_NAME_ENDINGS = {
    "Acute": (
        "Hospitals NHS Trust",
        "Hospitals NHS Foundation Trust",
        "University Hospitals NHS Foundation Trust",
        "General Hospital NHS Trust",
        "and District Hospitals NHS Foundation Trust",
    ),
    "Mental health": (
        "Mental Health NHS Foundation Trust",
        "Partnership NHS Foundation Trust",
        "Mental Health and Wellbeing NHS Trust",
        "Health and Care NHS Foundation Trust",
    ),
    "Community": (
        "Community Healthcare NHS Trust",
        "Community Health Services NHS Trust",
        "Community NHS Foundation Trust",
    ),
    "Ambulance": ("Ambulance Service NHS Trust", "Ambulance Service NHS Foundation Trust"),
}
# Acute specialist trusts: specialism -> (name ending, profession overrides (share, presence)).
_SPECIALISMS: dict[str, tuple[str, dict[str, tuple[float, float]]]] = {
    "children": (
        "Children's Hospital NHS Foundation Trust",
        {
            "Speech and language therapist": (0.15, 1.0),
            "Dietitian": (0.14, 1.0),
            "Music therapist": (0.02, 0.7),
            "Art therapist": (0.02, 0.6),
        },
    ),
    "cancer": (
        "Cancer Centre NHS Foundation Trust",
        {"Therapeutic radiographer": (0.40, 1.0), "Dietitian": (0.12, 1.0)},
    ),
    "eye": ("Eye Hospital NHS Foundation Trust", {"Orthoptist": (0.40, 1.0)}),
    "orthopaedic": (
        "Orthopaedic Hospital NHS Foundation Trust",
        {"Prosthetist and orthotist": (0.14, 1.0), "Physiotherapist": (0.40, 1.0)},
    ),
    "heart": ("Heart and Lung Hospital NHS Foundation Trust", {"Physiotherapist": (0.38, 1.0)}),
    "neuro": (
        "Neurosciences NHS Foundation Trust",
        {"Speech and language therapist": (0.16, 1.0), "Occupational therapist": (0.22, 1.0)},
    ),
}

# ---------------------------------------------------------------------------------------------
# Workforce

# Trust type -> profession -> (share of AHP FTE, probability the trust employs it).
_PROFESSION_MIX: dict[str, dict[str, tuple[float, float]]] = {
    "Acute": {
        "Physiotherapist": (0.28, 1.0),
        "Occupational therapist": (0.16, 1.0),
        "Diagnostic radiographer": (0.24, 1.0),
        "Speech and language therapist": (0.05, 0.97),
        "Dietitian": (0.07, 1.0),
        "Operating department practitioner": (0.12, 0.95),
        "Podiatrist": (0.025, 0.8),
        "Orthoptist": (0.02, 0.85),
        "Prosthetist and orthotist": (0.012, 0.5),
        "Therapeutic radiographer": (0.05, 0.4),
        "Paramedic": (0.01, 0.3),
        "Art therapist": (0.004, 0.1),
        "Osteopath": (0.004, 0.05),
    },
    "Acute specialist": {
        "Physiotherapist": (0.25, 1.0),
        "Occupational therapist": (0.12, 1.0),
        "Speech and language therapist": (0.06, 0.9),
        "Dietitian": (0.08, 1.0),
        "Diagnostic radiographer": (0.15, 0.9),
        "Operating department practitioner": (0.12, 0.9),
        "Therapeutic radiographer": (0.03, 0.2),
        "Orthoptist": (0.015, 0.2),
        "Prosthetist and orthotist": (0.015, 0.2),
        "Podiatrist": (0.015, 0.3),
    },
    "Mental health": {
        "Occupational therapist": (0.45, 1.0),
        "Physiotherapist": (0.10, 0.95),
        "Art therapist": (0.08, 0.85),
        "Music therapist": (0.035, 0.6),
        "Dramatherapist": (0.035, 0.6),
        "Dietitian": (0.08, 0.95),
        "Speech and language therapist": (0.12, 0.95),
        "Podiatrist": (0.04, 0.4),
        "Paramedic": (0.01, 0.15),
    },
    "Community": {
        "Physiotherapist": (0.30, 1.0),
        "Occupational therapist": (0.22, 1.0),
        "Speech and language therapist": (0.14, 1.0),
        "Podiatrist": (0.14, 0.95),
        "Dietitian": (0.10, 1.0),
        "Orthoptist": (0.02, 0.3),
        "Prosthetist and orthotist": (0.012, 0.2),
        "Diagnostic radiographer": (0.03, 0.3),
        "Osteopath": (0.01, 0.1),
        "Paramedic": (0.02, 0.2),
    },
    "Ambulance": {
        "Paramedic": (0.97, 1.0),
        "Physiotherapist": (0.012, 0.3),
        "Occupational therapist": (0.01, 0.2),
    },
}
# Median AHP FTE by trust type, and the spread (sd of log size).
_SIZE = {
    "Acute": (330.0, 0.4),
    "Acute specialist": (150.0, 0.4),
    "Mental health": (150.0, 0.35),
    "Community": (200.0, 0.35),
    "Ambulance": (1300.0, 0.25),
}
# Share of a profession's FTE in each band of BANDS.
_BAND_SHARES = {
    "general": (0.05, 0.07, 0.17, 0.34, 0.25, 0.08, 0.03, 0.01),
    "Paramedic": (0.0, 0.0, 0.22, 0.58, 0.14, 0.04, 0.015, 0.005),
    "Operating department practitioner": (0.0, 0.0, 0.30, 0.45, 0.20, 0.04, 0.01, 0.0),
    "arts": (0.0, 0.03, 0.05, 0.30, 0.40, 0.17, 0.05, 0.0),
}
_ARTS = ("Art therapist", "Music therapist", "Dramatherapist")
_MIN_CELL_FTE = 0.6  # smaller profession-band cells are left out, as trusts would have none
_VACANCY_RATE = {
    "Acute": 0.08,
    "Acute specialist": 0.07,
    "Mental health": 0.10,
    "Community": 0.09,
    "Ambulance": 0.06,
}
_VACANCY_BAND = (0.6, 0.8, 1.4, 1.2, 0.9, 0.6, 0.4, 0.3)
_NO_VACANCY_DATA_SHARE = 0.03
_SMALL_BLANK_SHARE = 0.10  # trusts that leave Vacancy FTE blank for their small professions
_SMALL_PROFESSION = 0.05  # a profession under this share of the trust's AHP FTE is small

# ---------------------------------------------------------------------------------------------
# Leadership

_TITLES = {
    "Chief AHP": (
        "Chief Allied Health Professional",
        "Chief AHP",
        "Chief Allied Health Professions Officer",
        "Chief AHP and Director of Therapies",
    ),
    "Director of AHPs": (
        "Director of Allied Health Professions",
        "Director of AHPs",
        "Director of Therapies and Allied Health Professions",
        "Executive Director of Allied Health Professions",
    ),
    "Deputy chief AHP": (
        "Deputy Chief AHP",
        "Deputy Director of AHPs",
        "Deputy Chief Allied Health Professional",
    ),
    "Lead AHP": (
        "Lead AHP",
        "Head of AHPs",
        "AHP Lead",
        "Head of Allied Health Professions",
        "Trust Lead Allied Health Professional",
        "Associate Director of Therapies",
    ),
    "Other AHP leadership": (
        "AHP Workforce Lead",
        "AHP Practice Education Lead",
        "AHP Research and Innovation Lead",
        "AHP Clinical Informatics Lead",
    ),
}
_DISCIPLINES = {
    "Art therapist": "Arts Therapies",
    "Dietitian": "Nutrition and Dietetics",
    "Dramatherapist": "Dramatherapy",
    "Music therapist": "Music Therapy",
    "Occupational therapist": "Occupational Therapy",
    "Operating department practitioner": "Operating Department Practice",
    "Orthoptist": "Orthoptics",
    "Osteopath": "Osteopathy",
    "Paramedic": "Paramedic Practice",
    "Physiotherapist": "Physiotherapy",
    "Podiatrist": "Podiatry",
    "Prosthetist and orthotist": "Orthotics",
    "Diagnostic radiographer": "Radiography",
    "Therapeutic radiographer": "Radiotherapy",
    "Speech and language therapist": "Speech and Language Therapy",
}
_LEAD_TITLES = (
    "Professional Lead for {}",
    "Head of {}",
    "{} Professional Lead",
    "Clinical Lead, {}",
    "Head of Profession - {}",
)
# Category -> senior post: (roles and weights, board roles and weights, reports to and weights,
# bands and weights, FTE choices, strategic time range %).
_SENIOR = {
    "A": (
        {"Chief AHP": 0.6, "Director of AHPs": 0.4},
        {"Voting board member": 1.0},
        {"Chief executive": 0.75, "Chief nurse": 0.15, "Chief operating officer": 0.10},
        {"VSM": 0.7, "Band 9": 0.3},
        (1.0,),
        (60, 90),
    ),
    "B": (
        {"Chief AHP": 0.45, "Lead AHP": 0.35, "Director of AHPs": 0.20},
        {"Attends board": 0.6, "Non-voting board member": 0.4},
        {
            "Chief nurse": 0.7,
            "Chief operating officer": 0.2,
            "Medical director": 0.05,
            "Other executive director": 0.05,
        },
        {"Band 8d": 0.5, "Band 9": 0.3, "Band 8c": 0.2},
        (1.0, 1.0, 1.0, 0.8, 0.6),
        (40, 80),
    ),
    "C": (
        {"Lead AHP": 0.55, "Chief AHP": 0.35, "Director of AHPs": 0.10},
        {"No board role": 1.0},
        {
            "Chief nurse": 0.7,
            "Chief operating officer": 0.2,
            "Medical director": 0.05,
            "Other executive director": 0.05,
        },
        {"Band 8c": 0.4, "Band 8d": 0.45, "Band 8b": 0.15},
        (1.0, 1.0, 0.8, 0.6, 0.5),
        (20, 60),
    ),
}
_DEPUTY_CHANCE = {"A": 0.6, "B": 0.25, "C": 0.1}
_LEAD_COVERAGE = {"A": 0.85, "B": 0.75, "C": 0.65, "D": 0.55}
_OTHER_POST_CHANCE = 0.3
_CATEGORY_MOVE_CHANCE = 0.08
# Changes of arrangement planted on top of those (first year, second year) -> trusts, so that
# enough trusts move each way for the Leadership changes page to test: one step each, more
# towards the board than away, and each category keeps its share (A stays the rarest).
MOVES: dict[tuple[str, str], int] = {
    ("B", "A"): 1,
    ("C", "B"): 6,
    ("D", "C"): 4,
    ("E", "D"): 1,
    ("A", "B"): 1,
    ("B", "C"): 4,
    ("C", "D"): 2,
    ("D", "E"): 1,
}
# Trusts that send no leadership return: this many in the latest year, of which half in both.
_NOT_RETURNED = 8

# ---------------------------------------------------------------------------------------------
# Indicators

_ALL_TYPES = ref.TRUST_TYPES
_RATINGS = ("Inadequate", "Requires improvement", "Good", "Outstanding")
_RATING_CUTS = (-1.75, -0.45, 1.3)  # latent normal -> about 4%, 29%, 57%, 10%
_REINSPECTION_CHANCE = 0.25


@dataclass(frozen=True)
class _Model:
    """How one indicator is generated: value = type mean + trust effect + year noise
    + slope x (leadership level - 2), clipped and rounded."""

    mean: dict[str, float]  # trust type -> mean; types not listed do not report it
    trust_sd: float | dict[str, float]
    year_sd: float
    trend: float = 0.0  # added in the second year
    decimals: int = 1
    clip: tuple[float, float] = (-math.inf, math.inf)
    slope: float = 0.0  # per leadership level: the planted effect
    linked: tuple[str, float] | None = None  # shares this correlation of another's trust effect
    count: tuple[float, float] | None = None  # denominator per 100 AHP FTE (low, high)
    percent: bool = True  # numerator / denominator x 100 (else a plain ratio)


def _by_type(acute, specialist=None, mh=None, community=None, ambulance=None) -> dict:
    values = dict(zip(_ALL_TYPES, (acute, specialist, mh, community, ambulance), strict=True))
    return {k: v for k, v in values.items() if v is not None}


_MODELS: dict[str, _Model] = {
    "shmi": _Model(
        _by_type(1.0), 0.08, 0.03, decimals=4, clip=(0.7, 1.3), count=(380, 520), percent=False
    ),
    "readmissions_30d": _Model(
        _by_type(14.0, 11.0), 1.5, 0.5, clip=(6, 22), count=(15_000, 22_000)
    ),
    "fft_positive": _Model(
        _by_type(93.0, 96.0, 88.0, 95.0, 91.0), 2.5, 1.0, clip=(70, 99.5), count=(900, 2_500)
    ),
    "staff_engagement": _Model(
        _by_type(6.8, 7.1, 6.9, 7.0, 6.3), 0.25, 0.05, 0.05, 2, (4.5, 8.5), slope=0.12
    ),
    "ahp_able_to_improve": _Model(
        _by_type(62.0, 64.0, 63.0, 62.0, 58.0), 6.0, 1.5, 0.5, 1, (20, 95), slope=3.0
    ),
    "staff_recommend_work": _Model(
        _by_type(60.0, 68.0, 62.0, 64.0, 45.0),
        6.0,
        2.0,
        1.0,
        clip=(25, 90),
        linked=("staff_engagement", 0.8),
    ),
    "sickness_absence": _Model(_by_type(5.0, 4.3, 5.6, 5.5, 7.2), 0.6, 0.3, -0.2, 2, (2, 11)),
    "turnover": _Model(
        _by_type(10.5, 11.0, 11.5, 12.0, 9.0), 1.8, 0.4, -0.6, 1, (4, 22), slope=-0.8
    ),
    "stability": _Model(
        _by_type(86.0, 85.5, 85.0, 84.0, 88.0),
        2.0,
        0.8,
        0.4,
        clip=(70, 96),
        linked=("turnover", -0.8),
    ),
    "vacancy_rate_trust": _Model(_by_type(7.5, 7.0, 9.5, 9.0, 6.0), 2.0, 1.0, -1.0, 1, (1, 20)),
    "ae_4hr": _Model(_by_type(72.0), 6.0, 2.5, 1.5, clip=(45, 95), count=(30_000, 45_000)),
    "rtt_18wk": _Model(_by_type(58.0, 62.0), 7.0, 2.5, 0.5, clip=(30, 90), count=(12_000, 20_000)),
    "diagnostic_6wk": _Model(
        _by_type(78.0, 80.0), 8.0, 3.5, 2.0, clip=(40, 99.5), count=(2_000, 4_000)
    ),
    "length_of_stay": _Model(
        _by_type(4.6, 4.0, 45.0, 24.0),
        _by_type(0.6, 0.9, 10.0, 5.0),
        0.05,  # relative, as the scale differs by type
        clip=(1.5, 120),
    ),
    "bed_occupancy": _Model(_by_type(93.0, 85.0, 92.0, 88.0), 3.5, 1.5, clip=(60, 99.9)),
    "contacts_per_ahp_fte": _Model(
        _by_type(900.0, 800.0, 450.0, 1100.0), 0.18, 0.05, decimals=1, clip=(150, 2500)
    ),
    "cost_per_wau": _Model(_by_type(4300.0, 4700.0), _by_type(250.0, 400.0), 80.0, 150.0, 0),
    "ahp_cost_per_1000_obd": _Model(
        _by_type(75_000.0, 95_000.0), _by_type(15_000.0, 20_000.0), 3_000.0, 2_000.0, 0
    ),
    "agency_spend_pct": _Model(_by_type(3.5, 2.5, 5.5, 3.0, 2.0), 0.4, 0.2, -0.3, 1, (0.2, 15)),
    "surplus_deficit_pct": _Model(
        _by_type(-0.8, -0.3, -0.5, -0.4, -0.2), 1.8, 1.0, 0.3, 1, (-8, 5)
    ),
}
# Relative (multiplicative) noise, because the indicator's scale differs by trust type.
_RELATIVE = frozenset({"length_of_stay", "contacts_per_ahp_fte", "agency_spend_pct"})


# ---------------------------------------------------------------------------------------------
# Generation


@dataclass
class _Trust:
    code: str
    name: str
    region: str
    icb: str
    trust_type: str
    specialism: str | None
    size: float
    professions: dict[str, float] = field(default_factory=dict)  # profession -> FTE share


def _streams(seed: int) -> list[np.random.Generator]:
    """Independent random streams for organisations, workforce, leadership, indicators, the
    trusts that leave small professions' vacancies blank, those that send no leadership return
    and the planted changes of arrangement (:data:`MOVES`), so changing how one table is
    generated does not change the others (a stream added at the end leaves the earlier ones as
    they were)."""
    return [np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(7)]


def _counts(shares: dict[str, float], n: int) -> dict[str, int]:
    """Whole counts in the given shares summing to ``n`` (largest remainder)."""
    raw = {k: v * n for k, v in shares.items()}
    counts = {k: int(v) for k, v in raw.items()}
    for k in sorted(raw, key=lambda k: raw[k] - counts[k], reverse=True)[
        : n - sum(counts.values())
    ]:
        counts[k] += 1
    return counts


def _pick(rng: np.random.Generator, weights: dict[str, float]) -> str:
    keys = list(weights)
    p = np.array([weights[k] for k in keys])
    return keys[int(rng.choice(len(keys), p=p / p.sum()))]


def _trusts(seed: int) -> list[_Trust]:
    rng = _streams(seed)[0]
    types = [t for t, n in _counts(_TYPE_SHARES, N_TRUSTS).items() for _ in range(n)]
    types = [types[i] for i in rng.permutation(N_TRUSTS)]
    places = [p + s for p in _PREFIXES for s in _SUFFIXES]
    order = rng.permutation(len(places))
    n_icbs = _ICBS_PER_REGION * len(ref.REGIONS)
    trust_places = [places[i] for i in order[:N_TRUSTS]]
    icb_places = [places[i] for i in order[N_TRUSTS : N_TRUSTS + 2 * n_icbs]]
    icbs = {
        region: [
            f"Demo {icb_places[2 * k]} and {icb_places[2 * k + 1]} ICB"
            for k in range(r * _ICBS_PER_REGION, (r + 1) * _ICBS_PER_REGION)
        ]
        for r, region in enumerate(ref.REGIONS)
    }
    # One ambulance trust per region first (as in England), the rest by population weight.
    ambulance_regions = list(ref.REGIONS)
    trusts = []
    for i, trust_type in enumerate(types):
        if trust_type == "Ambulance" and ambulance_regions:
            region = ambulance_regions.pop(int(rng.integers(len(ambulance_regions))))
        else:
            region = _pick(rng, _REGION_WEIGHTS)
        specialism = None
        mix = dict(_PROFESSION_MIX[trust_type])
        if trust_type == "Acute specialist":
            specialism = list(_SPECIALISMS)[int(rng.integers(len(_SPECIALISMS)))]
            ending, overrides = _SPECIALISMS[specialism]
            mix.update(overrides)
        else:
            endings = _NAME_ENDINGS[trust_type]
            ending = endings[int(rng.integers(len(endings)))]
        median, spread = _SIZE[trust_type]
        trust = _Trust(
            code=f"DM{i + 1:03d}",
            name=f"Demo {trust_places[i]} {ending} (DEMO)",
            region=region,
            icb=icbs[region][int(rng.integers(_ICBS_PER_REGION))],
            trust_type=trust_type,
            specialism=specialism,
            size=float(median * math.exp(rng.normal(0, spread))),
        )
        present = {p: share for p, (share, chance) in mix.items() if rng.random() < chance}
        weights = {p: s * math.exp(rng.normal(0, 0.3)) for p, s in present.items()}
        total = sum(weights.values())
        trust.professions = {p: w / total for p, w in weights.items()}
        trusts.append(trust)
    return trusts


def demo_organisations(seed: int = DEFAULT_SEED) -> pd.DataFrame:
    """The demo trusts: org_code, org_name, region, icb, trust_type (one row each)."""
    rows = [(t.code, t.name, t.region, t.icb, t.trust_type) for t in _trusts(seed)]
    return pd.DataFrame(rows, columns=list(schema.EXPORT_COLUMNS["organisations"]))


def _band_shares(profession: str) -> tuple[float, ...]:
    if profession in _ARTS:
        return _BAND_SHARES["arts"]
    return _BAND_SHARES.get(profession, _BAND_SHARES["general"])


def _workforce(trusts: Sequence[_Trust], seed: int) -> pd.DataFrame:
    rng = _streams(seed)[1]
    n_months = len(MONTHS)
    t = np.arange(n_months)
    no_vacancy = {
        trusts[i].code
        for i in rng.choice(len(trusts), int(len(trusts) * _NO_VACANCY_DATA_SHARE), replace=False)
    } - set(SPECIAL_CAUSE)
    eligible = [t.code for t in trusts if t.code not in no_vacancy and t.code not in SPECIAL_CAUSE]
    pick = _streams(seed)[4]
    small_blank = set(
        pick.choice(eligible, int(len(trusts) * _SMALL_BLANK_SHARE), replace=False).tolist()
    )
    parts = []
    for trust in trusts:
        profs, bands, base = [], [], []
        for profession, share in trust.professions.items():
            fte = trust.size * share * np.array(_band_shares(profession))
            fte = fte * np.exp(rng.normal(0, 0.25, len(BANDS)))
            keep = fte >= _MIN_CELL_FTE
            if not keep.any():  # a small profession still has its largest band
                keep[int(np.argmax(fte))] = True
                fte = np.maximum(fte, 1.0)
            for b in np.flatnonzero(keep):
                profs.append(profession)
                bands.append(BANDS[b])
                base.append(fte[b])
        base_fte = np.array(base)
        band_idx = np.array([BANDS.index(b) for b in bands])
        n = len(base_fte)
        measure, start = SPECIAL_CAUSE.get(trust.code, ("", ""))
        # Shift trusts are otherwise steady, so the planted shift is their only special cause.
        growth = rng.normal(0.03, 0.02) * (measure == "")
        trust_noise = rng.normal(0, 0.006, n_months)
        cell_walk = np.cumsum(rng.normal(0, 0.012, (n, n_months)), axis=1)
        level = (1 + growth) ** (t / 12) * np.exp(trust_noise + cell_walk)
        if measure == "fte":
            level = level * np.where(t >= MONTHS.index(start), _FTE_STEP, 1.0)
        fte = np.round(base_fte[:, None] * level, 2)
        part_time = rng.uniform(0.80, 0.97, n)[:, None]
        headcount = np.maximum(np.round(fte / part_time), np.ceil(fte)).astype(int)
        rate = (
            _VACANCY_RATE[trust.trust_type]
            * math.exp(rng.normal(0, 0.3))
            * np.array(_VACANCY_BAND)[band_idx]
            * np.exp(rng.normal(0, 0.4, n))
        )[:, None]
        slope = rng.normal(-0.05, 0.15) * (measure == "")
        drift = np.exp(slope * t / 12 + rng.normal(0, 0.06, n_months))
        vacancy = fte * rate * drift * np.exp(rng.normal(0, 0.15, (n, n_months)))
        if measure == "vacancy_fte":
            vacancy = vacancy * np.where(t >= MONTHS.index(start), _VACANCY_JUMP, 1.0)
        vacancy = np.round(vacancy, 2)
        vacancy[vacancy < 0.05] = 0.0
        if trust.code in no_vacancy:
            vacancy[:] = np.nan
        elif trust.code in small_blank:
            small = np.array([trust.professions[p] < _SMALL_PROFESSION for p in profs])
            vacancy[small] = np.nan
        # Rows ordered by month, then profession and band, as a trust's monthly return is.
        parts.append(
            pd.DataFrame(
                {
                    "org_code": trust.code,
                    "period": np.repeat(np.array(MONTHS), n),
                    "profession": np.tile(np.array(profs, dtype=object), n_months),
                    "band": np.tile(np.array(bands, dtype=object), n_months),
                    "fte": fte.T.ravel(),
                    "headcount": headcount.T.ravel(),
                    "vacancy_fte": vacancy.T.ravel(),
                }
            )
        )
    return pd.concat(parts, ignore_index=True)


def _categories(trusts: Sequence[_Trust], rng: np.random.Generator) -> list[tuple[str, str]]:
    """Each trust's category in the two leadership returns, independent of everything else."""
    first = [c for c, n in _counts(CATEGORY_SHARES, len(trusts)).items() for _ in range(n)]
    first = [first[i] for i in rng.permutation(len(trusts))]
    pairs = []
    for category in first:
        second = category
        if rng.random() < _CATEGORY_MOVE_CHANCE:
            step = 1 if rng.random() < 0.7 else -1  # more trusts strengthen AHP leadership
            level = min(4, max(0, LEVELS[category] + step))
            second = next(c for c, lv in LEVELS.items() if lv == level)
        pairs.append((category, second))
    return pairs


def _planted(
    trusts: Sequence[_Trust], pairs: Sequence[tuple[str, str]], rng: np.random.Generator
) -> list[tuple[str, str]]:
    """``pairs`` with the :data:`MOVES` made in the second year by trusts drawn from ``rng``
    among those that kept their category (each trust moves at most once). The
    :data:`SPECIAL_CAUSE` trusts keep theirs: their planted shift stays their only change."""
    out = list(pairs)
    for (was, now), n in MOVES.items():
        stayed = [
            i
            for i, (t, pair) in enumerate(zip(trusts, out, strict=True))
            if pair == (was, was) and t.code not in SPECIAL_CAUSE
        ]
        for i in rng.choice(stayed, n, replace=False):
            out[int(i)] = (was, now)
    return out


def _choice(rng: np.random.Generator, options: Sequence) -> object:
    return options[int(rng.integers(len(options)))]


def _post(role, title, profession, band, fte, strategic, board, reports_to) -> dict[str, object]:
    return {
        "role": role,
        "job_title": title,
        "profession": profession,
        "band": band,
        "fte": fte,
        "strategic_time_pct": strategic,
        "board_role": board,
        "reports_to": reports_to,
    }


def _holder(rng: np.random.Generator, trust: _Trust) -> str:
    return _pick(rng, trust.professions)


def _senior_posts(rng: np.random.Generator, trust: _Trust, category: str) -> list[dict]:
    if category not in _SENIOR:
        return []
    roles, boards, reports, bands, ftes, (low, high) = _SENIOR[category]
    role = _pick(rng, roles)
    posts = [
        _post(
            role,
            _choice(rng, _TITLES[role]),
            _holder(rng, trust),
            _pick(rng, bands),
            _choice(rng, ftes),
            int(rng.integers(low // 5, high // 5 + 1)) * 5,
            _pick(rng, boards),
            _pick(rng, reports),
        )
    ]
    if rng.random() < _DEPUTY_CHANCE[category]:
        posts.append(
            _post(
                "Deputy chief AHP",
                _choice(rng, _TITLES["Deputy chief AHP"]),
                _holder(rng, trust),
                "Band 8d" if category == "A" else "Band 8c",
                1.0,
                int(rng.integers(6, 13)) * 5,
                "No board role",
                "Other executive director" if category == "A" else "Chief nurse",
            )
        )
    return posts


def _lead_posts(rng: np.random.Generator, trust: _Trust, category: str) -> list[dict]:
    """Professional leads (at least one) and sometimes one other AHP leadership post."""
    coverage = _LEAD_COVERAGE.get(category, 0.6)
    covered = [
        p
        for p, share in trust.professions.items()
        if rng.random() < coverage * (1.0 if share >= 0.03 else 0.6)
    ]
    if not covered:
        covered = [max(trust.professions, key=trust.professions.__getitem__)]
    if category == "D":
        reports = {"Chief nurse": 0.45, "Chief operating officer": 0.35, "Other": 0.15}
        reports["Medical director"] = 0.05
    else:  # leads report to the trust's AHP lead, who is not an executive
        reports = {"Other": 0.6, "Chief nurse": 0.2, "Chief operating officer": 0.2}
    posts = []
    for profession in covered:
        share = trust.professions[profession]
        big = trust.size * share > 60
        posts.append(
            _post(
                "Professional lead",
                _choice(rng, _LEAD_TITLES).format(_DISCIPLINES[profession]),
                profession,
                _pick(
                    rng,
                    {"Band 8b": 0.5, "Band 8c": 0.5} if big else {"Band 8a": 0.7, "Band 8b": 0.3},
                ),
                _choice(rng, (1.0, 1.0, 0.8, 0.6, 0.5, 0.4)),
                int(rng.integers(2, 9)) * 5,
                "No board role",
                _pick(rng, reports),
            )
        )
    if rng.random() < _OTHER_POST_CHANCE:
        posts.append(
            _post(
                "Other AHP leadership",
                _choice(rng, _TITLES["Other AHP leadership"]),
                _holder(rng, trust),
                "Band 8a",
                _choice(rng, (1.0, 0.8, 0.6, 0.4)),
                int(rng.integers(4, 11)) * 5,
                "No board role",
                _pick(rng, {"Other": 0.7, "Chief nurse": 0.3}),
            )
        )
    return posts


def _not_returned(trusts: Sequence[_Trust], seed: int) -> dict[str, set[str]]:
    """Leadership period -> the trusts that send no return for it: :data:`_NOT_RETURNED`
    trusts in the latest period, half of them in the earlier one too."""
    codes = _streams(seed)[5].choice([t.code for t in trusts], _NOT_RETURNED, replace=False)
    codes = [str(c) for c in codes]
    return {
        LEADERSHIP_PERIODS[0]: set(codes[: _NOT_RETURNED // 2]),
        LEADERSHIP_PERIODS[1]: set(codes),
    }


def _leadership(trusts: Sequence[_Trust], seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(leadership rows as returned, the category each trust was generated with in each
    year and whether it sent that return)."""
    rng, moves = _streams(seed)[2], _streams(seed)[6]
    missing = _not_returned(trusts, seed)
    rows, planned = [], []
    drawn = _categories(trusts, rng)
    pairs = _planted(trusts, drawn, moves)
    for trust, was, pair in zip(trusts, drawn, pairs, strict=True):
        leads = _lead_posts(rng, trust, was[0] if was[0] != "E" else was[1])
        senior = {c: _senior_posts(rng, trust, c) for c in dict.fromkeys(was)}
        # A planted move's new posts come from its own stream, so every other trust keeps the
        # posts it had before moves were planted.
        senior |= {c: _senior_posts(moves, trust, c) for c in pair if c not in senior}
        for period, fy, category in zip(LEADERSHIP_PERIODS, FINANCIAL_YEARS, pair, strict=True):
            returned = trust.code not in missing[period]
            planned.append((trust.code, period, fy, category, LEVELS[category], returned))
            if not returned:
                continue
            if category == "E":  # the explicit nil return: one row, Role None
                rows.append({"org_code": trust.code, "period": period, "role": ref.NIL_ROLE})
                continue
            for post in senior[category] + leads:
                rows.append({"org_code": trust.code, "period": period, **post})
    columns = [c.name for c in schema.LEADERSHIP.columns]
    plan = pd.DataFrame(
        planned,
        columns=["org_code", "period", "financial_year", "category", "level", "returned"],
    )
    return pd.DataFrame(rows, columns=columns), plan


def demo_categories(seed: int = DEFAULT_SEED) -> pd.DataFrame:
    """The leadership category each demo trust was generated with: org_code, period (the
    leadership return), financial_year, category (A-E), level (4-0), and ``returned``, False
    where the trust sent no leadership return that year (its arrangement is then not known
    from the data, though the indicators follow it)."""
    return _leadership(_trusts(seed), seed)[1]


def _rating(latent: float) -> str:
    return _RATINGS[int(np.searchsorted(_RATING_CUTS, latent))]


def _indicators(
    trusts: Sequence[_Trust], plan: pd.DataFrame, workforce: pd.DataFrame, seed: int
) -> pd.DataFrame:
    rng = _streams(seed)[3]
    levels = plan.pivot(index="org_code", columns="financial_year", values="level")
    march = workforce[workforce["period"].isin(LEADERSHIP_PERIODS)]
    ahp_fte = march.groupby(["org_code", "period"])["fte"].sum()
    codes = list(ref.indicator_catalogue()["code"])
    # Persistent trust effects (standard normal), shared where a model is linked to another.
    effects = {code: rng.normal(0, 1, len(trusts)) for code in _MODELS}
    for code, model in _MODELS.items():
        if model.linked:
            other, r = model.linked
            effects[code] = r * effects[other] + math.sqrt(1 - r * r) * effects[code]
    rows = []
    for i, trust in enumerate(trusts):
        cqc = rng.normal()
        well_led = 0.8 * cqc + 0.6 * rng.normal()
        latents = [(cqc, well_led)]
        if rng.random() < _REINSPECTION_CHANCE:
            cqc2 = 0.8 * cqc + 0.6 * rng.normal()
            latents.append((cqc2, 0.8 * cqc2 + 0.6 * rng.normal()))
        else:
            latents.append(latents[0])
        for y, fy in enumerate(FINANCIAL_YEARS):
            level = levels.loc[trust.code, fy]
            for code in codes:
                if code in ("cqc_overall", "cqc_well_led"):
                    value = _rating(latents[y][0 if code == "cqc_overall" else 1])
                    rows.append((trust.code, fy, code, value, None, None))
                    continue
                model = _MODELS.get(code)
                if model is None or trust.trust_type not in model.mean:
                    continue
                sd = model.trust_sd
                sd = sd[trust.trust_type] if isinstance(sd, dict) else sd
                mean = model.mean[trust.trust_type]
                noise = rng.normal(0, model.year_sd)
                if code in _RELATIVE:
                    scale = sd / mean if isinstance(model.trust_sd, dict) else sd
                    value = mean * math.exp(scale * effects[code][i] + noise)
                else:
                    value = mean + sd * effects[code][i] + noise
                value += model.trend * y + model.slope * (level - 2)
                value = float(np.clip(value, *model.clip))
                numerator = denominator = None
                if code == "contacts_per_ahp_fte":
                    denominator = round(float(ahp_fte[trust.code, LEADERSHIP_PERIODS[y]]), 2)
                    numerator = round(value * denominator)
                    value = round(numerator / denominator, model.decimals)
                elif model.count:
                    denominator = round(trust.size * rng.uniform(*model.count) / 100)
                    numerator = round(value * denominator / (100 if model.percent else 1))
                    value = numerator / denominator * (100 if model.percent else 1)
                    value = round(value, model.decimals) + 0.0  # no -0.0
                else:
                    value = round(value, model.decimals) + 0.0  # no -0.0
                rows.append((trust.code, fy, code, value, numerator, denominator))
    columns = [c.name for c in schema.INDICATORS.columns]
    return _percent_signs(pd.DataFrame(rows, columns=columns))


def _percent_signs(frame: pd.DataFrame) -> pd.DataFrame:
    """Write a trust's values of a percentage indicator as text with a % sign (``0.4%``) when
    they are all between 0 and 1: a file holding only such plain numbers for an indicator is
    read as fractions and multiplied by 100 (return format, section 2)."""
    units = frame["indicator"].map(ref.indicator_catalogue().set_index("code")["unit"])
    values = pd.to_numeric(frame["value"], errors="coerce")
    small = (units == "%") & values.between(0, 1)
    group = [frame["org_code"], frame["indicator"]]
    positive = (values > 0) & small
    mark = small.groupby(group).transform("all") & positive.groupby(group).transform("any")
    frame.loc[mark, "value"] = [f"{v:g}%" for v in values[mark]]
    return frame


def demo_tables(seed: int = DEFAULT_SEED) -> dict[str, pd.DataFrame]:
    """The demo data as written to the return workbooks: ``organisations``, ``workforce``,
    ``leadership``, ``indicators``, each with the table's columns by name (periods as text,
    ``2024-03`` or ``2023/24``; blank cells as None or NaN)."""
    trusts = _trusts(seed)
    workforce = _workforce(trusts, seed)
    leadership, plan = _leadership(trusts, seed)
    indicators = _indicators(trusts, plan, workforce, seed)
    return {
        "organisations": demo_organisations(seed),
        "workforce": workforce,
        "leadership": leadership,
        "indicators": indicators,
    }


# ---------------------------------------------------------------------------------------------
# Writing


_WRITE_WIDTHS = {
    "org_code": 18,
    "period": 10,
    "profession": 32,
    "band": 10,
    "role": 20,
    "job_title": 44,
    "board_role": 24,
    "reports_to": 24,
    "strategic_time_pct": 16,
    "indicator": 24,
    "org_name": 58,
    "region": 26,
    "icb": 44,
    "trust_type": 18,
}


def _cells(frame: pd.DataFrame) -> list[list[object]]:
    """Rows of plain Python values, missing values as None (written as blank cells)."""
    return frame.astype(object).where(frame.notna(), None).to_numpy().tolist()


def _groups(frame: pd.DataFrame) -> dict[str, list[list[object]]]:
    rows = _cells(frame)
    out: dict[str, list[list[object]]] = {}
    for code, row in zip(frame["org_code"], rows, strict=True):
        out.setdefault(code, []).append(row)
    return out


def _write_workbook(
    path: Path, title: str, sheets: Iterable[tuple[schema.Table, list[list[object]]]]
) -> None:
    wb = xlsxwriter.Workbook(
        str(path),
        {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    wb.set_properties({"title": title, "author": "ahp-analytics demo", "created": _CREATED})
    bold = wb.add_format({"bold": True})
    for table, rows in sheets:
        ws = wb.add_worksheet(table.sheet)
        for i, column in enumerate(table.columns):
            ws.set_column(i, i, _WRITE_WIDTHS.get(column.name, len(column.label) + 4))
        ws.freeze_panes(1, 0)
        ws.write_row(0, 0, [c.label for c in table.columns], bold)
        for r, row in enumerate(rows, start=1):
            ws.write_row(r, 0, row)
    wb.close()


def write_demo_returns(out_dir: str | Path, seed: int = DEFAULT_SEED) -> list[Path]:
    """Write the demo as return workbooks in ``out_dir``: ``demo-organisations.xlsx`` (sheet
    Organisations) first, then ``demo-DM001.xlsx`` ... one per trust with sheets Workforce,
    Leadership (left out when the trust reports no posts) and Indicators. Returns the paths in
    that order, which is the order to ingest them."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tables = demo_tables(seed)
    orgs = tables["organisations"]
    paths = [out / ORGANISATIONS_FILE]
    _write_workbook(paths[0], "Demo organisations", [(schema.ORGANISATIONS, _cells(orgs))])
    by_trust = {name: _groups(tables[name]) for name in ("workforce", "leadership", "indicators")}
    for code in orgs["org_code"]:
        sheets = [
            (schema.TABLES[name], by_trust[name][code])
            for name in ("workforce", "leadership", "indicators")
            if code in by_trust[name]
        ]
        path = out / f"demo-{code}.xlsx"
        _write_workbook(path, f"AHP return {code} (demo)", sheets)
        paths.append(path)
    return paths


DEMO_USER = ref.DEMO_USER


def demo_submission_ids(store: Store) -> list[int]:
    """The ids of the submissions of the demonstration data set (stored as :data:`DEMO_USER`)."""
    history = store.submissions()
    return sorted(int(i) for i in history.loc[history["user_name"] == DEMO_USER, "id"])


def remove_demo(store: Store) -> DeleteOutcome:
    """Delete the demonstration data set: its submissions, their rows and files, and the
    fictional organisations (:meth:`Store.delete_submissions`). Other data is untouched."""
    return store.delete_submissions(demo_submission_ids(store))


def load_demo(
    store: Store, seed: int = DEFAULT_SEED, progress: Callable[[str], None] | None = None
) -> list[IngestOutcome]:
    """Write the demo returns to a temporary folder and store each one through the same
    checks and ingest as any upload, as :data:`DEMO_USER`. ``progress`` gets a line of text
    every few files."""
    from ahp_analytics.ingest.validation import validate_bytes

    say = progress or (lambda _text: None)
    outcomes = []
    with tempfile.TemporaryDirectory(prefix="ahp-demo-") as tmp:
        say("Writing the demonstration returns…")
        paths = write_demo_returns(tmp, seed)
        known = set(store.read("organisations")["org_code"])
        for n, path in enumerate(paths, 1):
            content = path.read_bytes()
            result = validate_bytes(content, path.name, known_orgs=known)
            outcome = store.ingest(result, content, DEMO_USER)
            if outcome.status == "rejected":
                say(f"{path.name}: {outcome.message}")
            if path.name == ORGANISATIONS_FILE:
                known |= set(
                    result.tables.get("organisations", pd.DataFrame(columns=["org_code"]))[
                        "org_code"
                    ]
                )
            outcomes.append(outcome)
            if n % 25 == 0 or n == len(paths):
                say(f"Stored {n} of {len(paths)} demonstration returns.")
    return outcomes
