"""Statistical process control, as Making Data Count and NHSRplotthedots: XmR limits, the four
special-cause rules and the variation and assurance icons.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import numpy as np
import pandas as pd

# --- SPC: Making Data Count XmR (NHSRplotthedots) ------------------------------------------
#
# The reference is NHSRplotthedots (NHS-R community), ptd_spc(): ptd_spc_standard.R for the
# limits and the moving-range screen, ptd_calculate_point_type.R for the rules and the direction
# of a trend, ptd_calculate_assurance_type.R and geom_ptd_icon.R for the icons. The series is
# split at each rebase into segments, each with its own mean, limits and rules, as there.

XMR_LIMIT = 2.66  # limits at mean +/- 2.66 mean moving ranges (3 / d2, rounded)
XMR_D2 = 1.128  # sigma = mean moving range / d2
XMR_SCREEN = 3.267  # moving ranges of this many mean moving ranges or more are screened out
RUN_LENGTH = 7
TREND_LENGTH = 7
# The special-cause rules as :func:`xmr` names their columns, in words for sentences and hovers.
SPC_RULES = {
    "rule_beyond_limits": "a point beyond a process limit",
    "rule_run": f"a run of {RUN_LENGTH} or more on one side of the average",
    "rule_trend": f"a trend of {TREND_LENGTH} or more rising or falling",
    "rule_two_of_three": "2 of 3 points close to a limit (beyond 2 sigma) on one side",
}
XMR_MIN_POINTS = 6  # fewer points to work limits out from: no limits, a run chart only
XMR_STABLE_POINTS = 13  # fewer: provisional limits (NHSRplotthedots' short-group warning)

XMR_COLUMNS = [
    "date",
    "value",
    "segment",
    "baseline",
    "mean",
    "moving_range",
    "mr_bar",
    "upper",
    "lower",
    "sigma",
    "limit_points",
    "provisional",
    "rule_beyond_limits",
    "rule_run",
    "rule_trend",
    "rule_two_of_three",
    "special_cause",
    "direction",
    "variation",
]


def _window(x: np.ndarray, length: int) -> np.ndarray:
    return np.lib.stride_tricks.sliding_window_view(x, length)


def _run_ends(side: np.ndarray) -> np.ndarray:
    """ptd_seven_point_one_side_mean: True at the last of :data:`RUN_LENGTH` points all on one
    side of the mean (``side`` is -1, 0 on the mean, +1 or NaN for a gap; 0 and NaN break it)."""
    out = np.zeros(len(side), dtype=bool)
    if len(side) >= RUN_LENGTH:
        w = _window(side, RUN_LENGTH)
        out[RUN_LENGTH - 1 :] = (w == w[:, -1:]).all(axis=1) & (w[:, -1] != 0)
    return out


def _trend_ends(y: np.ndarray) -> np.ndarray:
    """ptd_seven_point_trend: +1 (-1) at the last of :data:`TREND_LENGTH` points each strictly
    above (below) the one before, else 0; a tie or a gap breaks a trend."""
    out = np.zeros(len(y))
    if len(y) >= TREND_LENGTH:
        step = np.sign(np.diff(_window(y, TREND_LENGTH), axis=1))
        rising, falling = (step == 1).all(axis=1), (step == -1).all(axis=1)
        out[TREND_LENGTH - 1 :] = np.where(rising, 1.0, np.where(falling, -1.0, 0.0))
    return out


def _part_of(ends: np.ndarray, length: int) -> np.ndarray:
    """ptd_part_of_seven_trend: True for every point of a pattern of ``length`` points that
    ends where ``ends`` is non-zero."""
    hit = np.asarray(ends) != 0
    out = np.zeros(len(hit), dtype=bool)
    for k in range(min(length, len(hit))):
        out[: len(hit) - k] |= hit[k:]
    return out


def _two_in_three(close: np.ndarray, side: np.ndarray) -> np.ndarray:
    """ptd_two_in_three: True where some 3 consecutive points holding the point have 2 or more
    ``close`` to a limit and all 3 on the same side of the mean (a gap, NaN side, breaks it)."""
    n = len(close)
    if n == 0:
        return np.zeros(0, dtype=bool)
    pad = np.zeros(2)
    c = _window(np.concatenate([pad, np.asarray(close, dtype=float), pad]), 3).sum(axis=1)
    s = _window(np.concatenate([pad, np.asarray(side, dtype=float), pad]), 3).sum(axis=1)
    qualifies = (c >= 2) & (np.abs(s) == 3)
    return qualifies[:n] | qualifies[1 : n + 1] | qualifies[2 : n + 2]


def _trend_sign(y: np.ndarray, in_trend: np.ndarray) -> np.ndarray:
    """The direction of each point of a trend, as ptd_special_cause_type decides it: the step to
    the next point when that one is in a trend too, else the step from the previous point;
    +1 only for a step up, so a tie reads as falling (as NHSRplotthedots has it)."""
    if len(y) < 2:
        return np.zeros(len(y))
    step = np.sign(np.diff(y))
    next_in_trend = np.concatenate([in_trend[1:], [False]])
    sdy = np.where(
        in_trend & next_in_trend,
        np.concatenate([step, step[-1:]]),
        np.concatenate([[0.0], step]),
    )
    return np.where(sdy == 1, 1.0, -1.0)


def _screened_mr_bar(moving_ranges: np.ndarray, screen: bool) -> float:
    """Mean moving range, after leaving out ranges of :data:`XMR_SCREEN` mean moving ranges or
    more when ``screen`` (a constant series keeps its zero ranges, where NHSRplotthedots would
    leave out every one and draw no limits)."""
    mr = moving_ranges[~np.isnan(moving_ranges)]
    if len(mr) == 0:
        return float("nan")
    bar = float(mr.mean())
    if screen and bar > 0:
        bar = float(mr[mr < XMR_SCREEN * bar].mean())  # the smallest range is always kept
    return bar


def _xmr_segment(x: np.ndarray, baseline: int | None, screen: bool) -> dict[str, np.ndarray]:
    """Limits, rule flags and the sign of each special cause for one segment (NaN = gap)."""
    n = len(x)
    has = ~np.isnan(x)
    in_base = has & (np.cumsum(has) <= (baseline if baseline is not None else n))
    fix = np.where(in_base, x, np.nan)
    limit_points = int(in_base.sum())
    mean = float(fix[in_base].mean()) if limit_points else float("nan")
    mr_bar = _screened_mr_bar(np.abs(np.diff(fix, prepend=np.nan)), screen)
    sigma = mr_bar / XMR_D2
    has_limits = limit_points >= XMR_MIN_POINTS and not np.isnan(mr_bar)
    upper = mean + XMR_LIMIT * mr_bar if has_limits else float("nan")
    lower = mean - XMR_LIMIT * mr_bar if has_limits else float("nan")

    with np.errstate(invalid="ignore"):
        side = np.sign(x - mean)
        outside = (x > upper) | (x < lower)
        close = ~outside & (np.abs(x - mean) > 2 * sigma) & has_limits
    trend = _part_of(_trend_ends(x), TREND_LENGTH)
    two_of_three = _two_in_three(close, side) & close
    run = _part_of(_run_ends(side), RUN_LENGTH)
    sign = np.select(
        [outside, trend, two_of_three, run], [side, _trend_sign(x, trend), side, side], 0.0
    )
    return {
        "baseline": in_base,
        "mean": np.full(n, mean),
        "moving_range": np.abs(np.diff(x, prepend=np.nan)),
        "mr_bar": np.full(n, mr_bar),
        "upper": np.full(n, upper),
        "lower": np.full(n, lower),
        "sigma": np.full(n, sigma),
        "limit_points": np.full(n, limit_points),
        "provisional": np.full(n, has_limits and limit_points < XMR_STABLE_POINTS),
        "rule_beyond_limits": outside,
        "rule_run": run,
        "rule_trend": trend,
        "rule_two_of_three": two_of_three,
        "sign": sign,
    }


def _floats(values: Sequence[float]) -> np.ndarray:
    """Values as floats, anything that is not a number as NaN."""
    try:
        return np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        as_objects = pd.Series(np.asarray(values, dtype=object))
        return pd.to_numeric(as_objects, errors="coerce").to_numpy(dtype=float)


def _as_dates(dates: pd.Series) -> np.ndarray:
    """datetime64[ns] when every value is a date (a Timestamp, date or datetime64), else the
    values as they are."""
    if pd.api.types.is_datetime64_any_dtype(dates):
        return dates.to_numpy(dtype="datetime64[ns]")
    if len(dates) and dates.map(lambda v: isinstance(v, date | np.datetime64)).all():
        return pd.to_datetime(dates).to_numpy(dtype="datetime64[ns]")
    return dates.to_numpy()


def _fill_months(d: np.ndarray, v: np.ndarray) -> tuple[np.ndarray, np.ndarray, bool]:
    """A monthly series (dates in distinct months, mostly one month apart) dated by the first
    day of each month, with NaN for each month missing between the first and the last; any
    other series unchanged. Returns dates, values and whether the series is monthly."""
    if d.dtype != np.dtype("datetime64[ns]") or len(d) < 2:
        return d, v, False
    month = d.astype("datetime64[M]").astype(np.int64)
    steps = np.diff(month)
    if (steps == 0).any() or np.median(steps) != 1:
        return d, v, False
    filled = np.full(month[-1] - month[0] + 1, np.nan)
    filled[month - month[0]] = v
    every = np.arange(month[0], month[-1] + 1).astype("datetime64[M]")
    return every.astype("datetime64[ns]"), filled, True


def _series(values: Sequence[float], dates: Sequence | None) -> tuple[np.ndarray, np.ndarray, bool]:
    """Dates and values sorted by date (positions without dates), missing months filled as
    gaps (:func:`_fill_months`); values without a date are dropped."""
    v = _floats(values)
    if dates is None:
        return np.arange(len(v)), v, False
    d = dates.reset_index(drop=True) if isinstance(dates, pd.Series) else pd.Series(list(dates))
    if len(d) != len(v):
        raise ValueError("values and dates differ in length")
    keep = d.notna().to_numpy()
    d, v = _as_dates(d[keep]), v[keep]
    order = np.argsort(d, kind="stable")
    return _fill_months(d[order], v[order])


def _segments(dates: np.ndarray, rebase: Sequence, monthly: bool) -> np.ndarray:
    """Segment number of each row: a new segment starts at the first row on or after each
    rebase date (in a monthly series, at the rebase date's month)."""
    if len(rebase) == 0 or len(dates) == 0:
        return np.zeros(len(dates), dtype=int)
    starts = pd.Series(list(rebase), dtype=object)
    if dates.dtype == np.dtype("datetime64[ns]"):
        starts = pd.to_datetime(starts).to_numpy(dtype="datetime64[ns]")
        if monthly:
            starts = starts.astype("datetime64[M]").astype("datetime64[ns]")
    count = sum((dates >= start).astype(int) for start in starts)
    return np.unique(count, return_inverse=True)[1]


def xmr(
    values: Sequence[float],
    dates: Sequence | None = None,
    higher_is_better: bool | None = None,
    *,
    baseline: int | None = None,
    rebase: Sequence = (),
    screen: bool = True,
) -> pd.DataFrame:
    """Making Data Count XmR chart of one series (docs/statistics.md, SPC charts), as
    NHSRplotthedots computes it: one row per point in time (:data:`XMR_COLUMNS`).

    Rows are sorted by date (by position without dates). A monthly series is dated by the first
    of each month, and a month missing from it, like a NaN value, is a gap row: it breaks the
    moving ranges either side, runs, trends and 2-of-3 windows. Each segment (the series, or
    the parts from each ``rebase`` date on) has its own mean and limits, worked out from its
    first ``baseline`` values (all without one; ``baseline`` marks them); moving ranges of
    3.267 mean moving ranges or more are left out first (``screen``). Limits rest on
    ``limit_points`` values: fewer than 6 give none, fewer than 13 provisional ones. Rules: a
    point beyond a limit; 7 or more on one side of the mean; 7 or more each strictly above
    (below) the one before; 2 of 3 on one side beyond 2 sigma but inside the limits (sigma =
    mean moving range / 1.128). ``direction`` ("high"/"low") comes from the first rule of that
    order that applies, and ``variation`` says improvement or concern by ``higher_is_better``
    ("neither" when None); gap rows have no variation.
    """
    if baseline is not None and baseline < XMR_MIN_POINTS:
        raise ValueError(f"a baseline needs at least {XMR_MIN_POINTS} points, not {baseline}")
    dates, x, monthly = _series(values, dates)
    segment = _segments(dates, rebase, monthly)
    parts = [_xmr_segment(x[segment == s], baseline, screen) for s in np.unique(segment)]
    columns = {
        c: np.concatenate([p[c] for p in parts]) if parts else np.zeros(0)
        for c in [*XMR_COLUMNS[3:16], "sign"]
    }
    rules = ("rule_beyond_limits", "rule_run", "rule_trend", "rule_two_of_three")
    special = np.vstack([columns[r] for r in rules]).astype(bool).any(axis=0)
    sign = columns.pop("sign")
    direction = np.where(special & (sign > 0), "high", np.where(special & (sign < 0), "low", None))
    if higher_is_better is None:
        kind = np.full(len(x), "special cause neither", dtype=object)
    else:
        good = "high" if higher_is_better else "low"
        kind = np.where(direction == good, "special cause improvement", "special cause concern")
    variation = np.where(np.isnan(x), None, np.where(special, kind, "common cause"))
    columns |= {
        "date": dates,
        "value": x,
        "segment": segment,
        "special_cause": special,
        "direction": pd.Series(direction, dtype=object),  # None stays None, not NaN
        "variation": pd.Series(variation, dtype=object),
    }
    frame = pd.DataFrame({c: columns[c] for c in XMR_COLUMNS})
    if frame.empty:  # no segment gave its columns their types
        return frame.astype({"limit_points": int, "baseline": bool, "provisional": bool})
    return frame


def variation_icon(points: pd.DataFrame) -> str | None:
    """Making Data Count's variation icon (NHSRplotthedots' geom_ptd_icon) from the latest point
    with a value of an :func:`xmr` frame: "common_cause", or "improvement", "concern" or
    "neither" with "_high" or "_low"; None without any value."""
    have = points[points["value"].notna()]
    if have.empty:
        return None
    last = have.iloc[-1]
    if not last["special_cause"]:
        return "common_cause"
    return f"{last['variation'].removeprefix('special cause ')}_{last['direction']}"


def assurance_icon(
    points: pd.DataFrame, target: float | None, higher_is_better: bool | None
) -> str | None:
    """Making Data Count's assurance icon (NHSRplotthedots' ptd_calculate_assurance_type) from
    the latest segment's limits: "consistent_pass" or "consistent_fail" when the target lies
    beyond a limit, "inconsistent" when it lies between them (on a limit included). None
    without a target, a direction or limits."""
    if target is None or pd.isna(target) or higher_is_better is None or points.empty:
        return None
    upper, lower = points["upper"].iloc[-1], points["lower"].iloc[-1]
    if pd.isna(upper) or pd.isna(lower):
        return None
    if target > upper:
        return "consistent_fail" if higher_is_better else "consistent_pass"
    if target < lower:
        return "consistent_pass" if higher_is_better else "consistent_fail"
    return "inconsistent"
