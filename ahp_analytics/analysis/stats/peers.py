"""Peer benchmarking: where one organisation's value sits among its peers' (median, quartiles
and a better/worse/middle reading by the measure's direction).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

# --- peer benchmarking ---------------------------------------------------------------------


@dataclass
class PeerPosition:
    """Where one value sits among its peers; quartile 4 holds the highest values."""

    value: float
    peer_median: float
    peer_q1: float
    peer_q3: float
    n_peers: int
    quartile: int | None
    assessment: str


def peer_position(
    value: float | None, peer_values: Sequence[float], higher_is_better: bool | None
) -> PeerPosition:
    """Peer median and quartiles, the value's quartile and "better"/"worse"/"middle"/"neutral".

    Quartile: 1 below q1, 2 from q1 to below the median, 3 from the median to q3, 4 above q3.
    Top or bottom quartile is better or worse by direction; unknown direction, a missing value
    or no peers give "neutral" (quartile None when the value or peers are missing).
    """
    peers = pd.to_numeric(pd.Series(np.asarray(peer_values)), errors="coerce").dropna()
    v = float("nan") if value is None or pd.isna(value) else float(value)
    n = int(len(peers))
    if n == 0:
        nan = float("nan")
        return PeerPosition(v, nan, nan, nan, 0, None, "neutral")
    q1, med, q3 = (float(q) for q in np.quantile(peers.to_numpy(dtype=float), [0.25, 0.5, 0.75]))
    if np.isnan(v):
        return PeerPosition(v, med, q1, q3, n, None, "neutral")
    quartile = 1 if v < q1 else 2 if v < med else 3 if v <= q3 else 4
    if higher_is_better is None:
        assessment = "neutral"
    elif quartile in (2, 3):
        assessment = "middle"
    else:
        assessment = "better" if (quartile == 4) == higher_is_better else "worse"
    return PeerPosition(v, med, q1, q3, n, quartile, assessment)
