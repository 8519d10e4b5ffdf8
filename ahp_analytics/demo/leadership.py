"""The demonstration leadership returns: each trust's category in each year, the posts that
make it up, and the returns left out as not returned.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ahp_analytics.demo.design import (
    CATEGORY_SHARES,
    DEFAULT_SEED,
    FINANCIAL_YEARS,
    LEADERSHIP_PERIODS,
    LEVELS,
    SPECIAL_CAUSE,
)
from ahp_analytics.demo.organisations import _counts, _pick, _streams, _Trust, _trusts
from ahp_analytics.domain import reference as ref
from ahp_analytics.domain import schema

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
