"""The demonstration workforce: FTE, headcount and vacancy FTE by month, profession and band,
with the professions and sizes that follow each trust type.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from ahp_analytics.demo.design import _FTE_STEP, _VACANCY_JUMP, BANDS, MONTHS, SPECIAL_CAUSE
from ahp_analytics.demo.organisations import _streams, _Trust

# ---------------------------------------------------------------------------------------------
# Workforce

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
