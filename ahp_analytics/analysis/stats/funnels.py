"""Funnel plots of proportions, as FunnelPlotR: control limits on the arcsine square-root scale
with an additive overdispersion allowance.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

# --- funnel plots of proportions (FunnelPlotR) ---------------------------------------------
#
# The reference is FunnelPlotR (NHS-R community), data_type "PR": od_adjustment.R for the
# z-scores, the winsorisation, phi and tau^2, calculate_limits.R for the limits. A proportion p
# of denominator n is taken to the arcsine square-root scale, theta = asin(sqrt(p)), where its
# standard error is 1 / (2 sqrt(n)); limits are worked out there and transformed back, so they
# are asymmetric and stay inside [0, 1]. Overdispersion (Spiegelhalter 2005, Stat Med 24:1185):
# phi is the mean squared winsorised z-score, and when phi > 1 an additive between-organisation
# variance tau^2 (DerSimonian-Laird form) widens every limit, rather than multiplying the
# variance by phi, so that the limits of large organisations stop narrowing towards the centre.

FUNNEL_LEVELS = (95.0, 99.8)
FUNNEL_TRIM = 0.1
FUNNEL_COLUMNS = [
    "group",
    "numerator",
    "denominator",
    "proportion",
    "z_unadjusted",
    "z",
    "lower_95",
    "upper_95",
    "lower_998",
    "upper_998",
    "outside_95",
    "outside_998",
    "side",
]


def funnel_z(level: float) -> float:
    """The two-sided normal quantile of a limit at ``level`` per cent (95: 1.959964, 99.8:
    3.090232, FunnelPlotR's values)."""
    from scipy import stats as sps  # loaded on first use: about 60 MB and 0.4 s

    return float(sps.norm.ppf(0.5 + level / 200))


def _level_key(level: float) -> str:
    """Column suffix of a limit level: 95 -> "95", 99.8 -> "998"."""
    return f"{level:g}".replace(".", "")


def arcsine_limits(
    p0: float, n: np.ndarray | float, level: float, tau2: float = 0.0
) -> tuple[np.ndarray, np.ndarray]:
    """Lower and upper funnel limits (proportions) at denominators ``n`` around ``p0``:
    sin^2(asin(sqrt(p0)) -/+ z sqrt(1 / (4n) + tau2)), as FunnelPlotR's calculate_limits.

    The transformed limit is held inside [0, pi/2] before it is turned back, which is what
    FunnelPlotR's truncation at 0 and 1 (and its fix for non-monotonic small-n limits) does.
    """
    theta0 = np.arcsin(np.sqrt(p0))
    half = funnel_z(level) * np.sqrt(1 / (4 * np.asarray(n, dtype=float)) + tau2)
    lower = np.sin(np.clip(theta0 - half, 0, np.pi / 2)) ** 2
    upper = np.sin(np.clip(theta0 + half, 0, np.pi / 2)) ** 2
    return lower, upper


def outside_limits(proportion: np.ndarray, lower: np.ndarray, upper: np.ndarray) -> np.ndarray:
    """True where a proportion is below its lower or above its upper limit; a point on a limit
    is inside (FunnelPlotR's outliers_func)."""
    return (np.asarray(proportion) < np.asarray(lower)) | (
        np.asarray(proportion) > np.asarray(upper)
    )


def _tau2(phi: float, s: np.ndarray) -> float:
    """FunnelPlotR's tau_func: the between-organisation variance on the arcsine scale,
    (k phi - (k - 1)) / (sum w - sum w^2 / sum w) with w = 1 / s^2, or 0 when k phi < k - 1."""
    k = len(s)
    if k < 2 or k * phi < k - 1:
        return 0.0
    w = 1 / s**2
    spread = w.sum() - (w**2).sum() / w.sum()
    return max(0.0, (k * phi - (k - 1)) / spread) if spread > 0 else 0.0


@dataclass(frozen=True)
class Funnel:
    """A funnel plot of proportions, one point per organisation (:func:`funnel`).

    ``p0`` is the pooled proportion (the centre line); ``phi`` the dispersion ratio (mean
    squared winsorised z-score, 1 when organisations vary as chance alone would have them);
    ``tau2`` the between-organisation variance added to every limit (0 when not adjusted);
    ``requested`` whether adjustment was asked for and ``adjusted`` whether it widened the
    limits (only when phi > 1). ``points`` has :data:`FUNNEL_COLUMNS`; ``limits`` the curves
    (``n``, ``lower_95``, ``upper_95``, ``lower_998``, ``upper_998``) over the denominators;
    ``n_excluded`` counts the organisations left out (no usable proportion).
    """

    p0: float
    phi: float
    tau2: float
    requested: bool
    adjusted: bool
    points: pd.DataFrame
    limits: pd.DataFrame
    n_excluded: int

    def limits_at(self, n: np.ndarray | float, level: float) -> tuple[np.ndarray, np.ndarray]:
        """Lower and upper limits at ``level`` per cent for denominators ``n``, with the
        chart's adjustment (if any)."""
        return arcsine_limits(self.p0, n, level, self.tau2)

    @property
    def adjustment_text(self) -> str:
        """The overdispersion adjustment in plain words, for the chart ("" with no points).
        The spread is judged with the most extreme tenth at each end pulled in (winsorised),
        so limits left as they are still leave the outlying points outside."""
        if self.points.empty:
            return ""
        times = f"about {self.phi:,.0f}" if self.phi >= 10 else f"about {self.phi:.1f}"
        times += " times as much"
        if self.adjusted:
            return (
                "Limits widened because organisations vary more than chance alone explains "
                f"({times}), so that only those that stand out from that wider spread fall "
                "outside."
            )
        if self.requested:
            return (
                "Limits not widened: apart from the most extreme tenth at each end, "
                "organisations vary no more than chance alone explains."
            )
        if self.phi > 1:
            return (
                f"Limits allow for chance alone, although organisations vary more ({times}): "
                "expect more points outside than chance would give."
            )
        return "Limits allow for chance variation alone."

    def outside_text(self) -> str:
        """How many points lie outside the limits and on which side, e.g. "6 organisations
        outside the 99.8% limits (2 above, 4 below) and 5 more outside the 95% limits." """
        p = self.points
        if p.empty:
            return ""
        outer, inner = p["outside_998"], p["outside_95"] & ~p["outside_998"]
        high = int((outer & (p["side"] == "high")).sum())
        n_outer, n_inner = int(outer.sum()), int(inner.sum())
        if not n_outer and not n_inner:
            return "Every organisation is inside the 95% limits."
        if not n_outer:
            verb = "is" if n_inner == 1 else "are"
            return f"None outside the 99.8% limits; {n_inner:,} {verb} outside the 95% limits."
        noun = "organisation" if n_outer == 1 else "organisations"
        text = f"{n_outer:,} {noun} outside the 99.8% limits ({high} above, {n_outer - high} below)"
        return text + (f" and {n_inner:,} more outside the 95% limits." if n_inner else ".")


def _combine(numerators, denominators, groups) -> pd.DataFrame:
    """Rows of one group added up (FunnelPlotR's aggregate_func), groups in order of first
    appearance; a group with any missing numerator or denominator gets NaN."""
    num = pd.to_numeric(pd.Series(np.asarray(numerators)), errors="coerce").astype(float)
    den = pd.to_numeric(pd.Series(np.asarray(denominators)), errors="coerce").astype(float)
    if len(num) != len(den):
        raise ValueError("numerators and denominators differ in length")
    group = pd.Series(range(len(num))) if groups is None else pd.Series(list(groups), dtype=object)
    if len(group) != len(num):
        raise ValueError("groups and numerators differ in length")
    data = pd.DataFrame({"group": group, "numerator": num, "denominator": den})
    values = data[["numerator", "denominator"]]
    out = values.groupby(data["group"], sort=False, dropna=False).sum()
    missing = values.isna().any(axis=1).groupby(data["group"], sort=False, dropna=False).any()
    out.loc[missing.to_numpy(), ["numerator", "denominator"]] = np.nan
    return out.reset_index()


def funnel(
    numerators: Sequence[float],
    denominators: Sequence[float],
    groups: Sequence | None = None,
    adjust: bool = True,
    trim: float = FUNNEL_TRIM,
    n_points: int = 200,
) -> Funnel:
    """Funnel plot of proportions as FunnelPlotR draws it (docs/statistics.md, Funnel plots).

    Rows of the same ``groups`` value (one organisation) are added up first; an organisation is
    left out when a numerator or denominator is missing, the denominator is not above zero or
    the numerator is outside 0 to the denominator. z-scores on the arcsine scale are winsorised
    at ``trim`` and 1 - ``trim`` (quantiles as R's type 7) to give phi; with ``adjust`` and
    phi > 1, tau^2 widens the limits. A point is outside a limit when its proportion is below
    the lower or above the upper limit at its own denominator (on a limit is inside).
    """
    data = _combine(numerators, denominators, groups)
    num, den = data["numerator"].to_numpy(), data["denominator"].to_numpy()
    with np.errstate(invalid="ignore"):
        ok = (den > 0) & (num >= 0) & (num <= den)
    data = data[ok].reset_index(drop=True)
    n_excluded = int((~ok).sum())
    if data.empty:
        limits = pd.DataFrame(columns=["n", "lower_95", "upper_95", "lower_998", "upper_998"])
        empty = pd.DataFrame(columns=FUNNEL_COLUMNS)
        return Funnel(np.nan, np.nan, 0.0, adjust, False, empty, limits.astype(float), n_excluded)

    n = data["denominator"].to_numpy()
    p = data["numerator"].to_numpy() / n
    p0 = float(data["numerator"].sum() / data["denominator"].sum())
    s = 1 / (2 * np.sqrt(n))
    z_unadjusted = (np.arcsin(np.sqrt(p)) - np.arcsin(np.sqrt(p0))) / s
    lo, hi = np.quantile(z_unadjusted, [trim, 1 - trim])
    phi = float(np.mean(np.clip(z_unadjusted, lo, hi) ** 2))
    tau2 = _tau2(phi, s) if adjust and phi > 1 else 0.0

    points = data.assign(
        proportion=p,
        z_unadjusted=z_unadjusted,
        z=(np.arcsin(np.sqrt(p)) - np.arcsin(np.sqrt(p0))) / np.sqrt(s**2 + tau2),
    )
    grid = np.geomspace(n.min(), n.max(), n_points) if n.max() > n.min() else n[:1]
    limits = pd.DataFrame({"n": grid})
    for level in FUNNEL_LEVELS:
        key = _level_key(level)
        points[f"lower_{key}"], points[f"upper_{key}"] = arcsine_limits(p0, n, level, tau2)
        limits[f"lower_{key}"], limits[f"upper_{key}"] = arcsine_limits(p0, grid, level, tau2)
        points[f"outside_{key}"] = outside_limits(p, points[f"lower_{key}"], points[f"upper_{key}"])
    side = np.where(p > points["upper_95"], "high", "low")
    points["side"] = pd.Series(np.where(points["outside_95"], side, None), dtype=object)
    return Funnel(p0, phi, tau2, adjust, tau2 > 0, points[FUNNEL_COLUMNS], limits, n_excluded)
