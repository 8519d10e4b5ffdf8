"""The fictional trusts of the demonstration data set: codes DM001 on, names with DEMO in them,
regions, fictional ICBs and trust types, and the random streams every part draws from.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ahp_analytics.demo.design import DEFAULT_SEED, N_TRUSTS
from ahp_analytics.domain import reference as ref
from ahp_analytics.domain import schema

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
