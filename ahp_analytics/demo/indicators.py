"""The demonstration indicators: a model of each indicator by trust type, the planted
associations with leadership, and CQC ratings.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ahp_analytics.demo.design import FINANCIAL_YEARS, LEADERSHIP_PERIODS
from ahp_analytics.demo.organisations import _streams, _Trust
from ahp_analytics.domain import reference as ref
from ahp_analytics.domain import schema

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
