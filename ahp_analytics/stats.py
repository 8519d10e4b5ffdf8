"""Statistics behind the charts: group comparisons, rank correlation, peer position,
funnel limits and Making Data Count SPC (XmR) rules.

Pure functions over pandas and numpy; see spec/metrics.md for the definitions.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats as sps

SMALL_GROUP = 5
MIN_TEST_GROUP = 3
ALPHA = 0.05
Z95 = float(sps.norm.ppf(0.975))
FISHER_METHOD = (
    "Spearman rank correlation; 95% CI by Fisher z-transform with "
    "SE = 1.06/sqrt(n - 3) (Fieller, Hartley and Pearson 1957)"
)
BOOTSTRAP_METHOD = "percentile bootstrap, resampling within each group"

# XmR constants (Making Data Count): limits at 2.66 mean moving ranges, sigma = MR-bar / d2.
XMR_LIMIT = 2.66
XMR_D2 = 1.128
RUN_LENGTH = 7
TREND_LENGTH = 6

DESCRIBE_COLUMNS = ["group", "n", "median", "q1", "q3", "mean", "ci_low", "ci_high", "small"]


# --- comparing groups ----------------------------------------------------------------------


@dataclass
class Correlation:
    """A Spearman rank correlation with its 95% CI; NaNs and ``reason`` when not computable."""

    rho: float
    p: float
    n: int
    ci_low: float
    ci_high: float
    method: str = FISHER_METHOD
    reason: str | None = None


@dataclass
class GroupComparison:
    """Summary table and the test that applies for one indicator across groups.

    ``test`` is "Kruskal-Wallis" (3+ tested groups), "Mann-Whitney U" (exactly 2) or None
    with ``reason``. Tests use only ``tested_groups`` (n >= 3). The median difference is
    ``median_difference_label`` (second tested group minus first, in table order).
    """

    value_col: str
    group_col: str
    table: pd.DataFrame
    ordered: bool = False
    tested_groups: list = field(default_factory=list)
    test: str | None = None
    reason: str | None = None
    kruskal_statistic: float = np.nan
    kruskal_p: float = np.nan
    mannwhitney_u: float = np.nan
    mannwhitney_p: float = np.nan
    median_difference: float = np.nan
    median_difference_ci_low: float = np.nan
    median_difference_ci_high: float = np.nan
    median_difference_label: str | None = None
    median_difference_method: str = BOOTSTRAP_METHOD
    bootstrap_seed: int | None = None
    bootstrap_n: int | None = None
    spearman: Correlation | None = None

    @property
    def p(self) -> float:
        """p-value of the headline test (NaN when no test was run)."""
        if self.test == "Mann-Whitney U":
            return self.mannwhitney_p
        if self.test == "Kruskal-Wallis":
            return self.kruskal_p
        return np.nan

    @property
    def small_groups(self) -> list:
        """Groups with 1 to 4 values: shown but flagged."""
        t = self.table
        return t.loc[t["small"] & (t["n"] > 0), "group"].tolist()


def _clean(df: pd.DataFrame, value_col: str, group_col: str, order: Sequence | None):
    """Rows with a value and a group, values as float; and the group order to use."""
    data = df[[group_col, value_col]].copy()
    data[value_col] = pd.to_numeric(data[value_col], errors="coerce")
    data = data.dropna()
    if order is None:
        dtype = df[group_col].dtype
        if isinstance(dtype, pd.CategoricalDtype):
            order = list(dtype.categories)
        else:
            order = sorted(data[group_col].unique())
    else:
        order = list(order)
        data = data[data[group_col].isin(order)]
    return data, order


def describe_groups(
    df: pd.DataFrame, value_col: str, group_col: str, order: Sequence | None = None
) -> pd.DataFrame:
    """Per group: n, median, q1, q3 (linear quantiles), mean and its t-based 95% CI, ``small``.

    NaN values are dropped; the CI is NaN when n < 2; ``small`` is n < 5. With ``order``,
    groups follow it (empty ones kept with n = 0) and groups not in it are left out.
    """
    data, order = _clean(df, value_col, group_col, order)
    rows = []
    for g in order:
        v = data.loc[data[group_col] == g, value_col].to_numpy(dtype=float)
        rows.append(_describe(g, v))
    return pd.DataFrame(rows, columns=DESCRIBE_COLUMNS).astype({"n": int, "small": bool})


def _describe(group: Hashable, v: np.ndarray) -> dict:
    n = len(v)
    nan = float("nan")
    row = dict.fromkeys(DESCRIBE_COLUMNS, nan) | {"group": group, "n": n, "small": n < SMALL_GROUP}
    if n == 0:
        return row
    q1, med, q3 = np.quantile(v, [0.25, 0.5, 0.75])
    mean = float(np.mean(v))
    row |= {"median": float(med), "q1": float(q1), "q3": float(q3), "mean": mean}
    if n >= 2:
        half = sps.t.ppf(0.975, n - 1) * np.std(v, ddof=1) / np.sqrt(n)
        row |= {"ci_low": mean - half, "ci_high": mean + half}
    return row


def spearman(x: Sequence[float], y: Sequence[float]) -> Correlation:
    """Spearman's rho, two-sided p and a 95% CI by Fisher z (SE 1.06/sqrt(n-3)).

    Pairs with a NaN are dropped; fewer than 4 pairs or a constant variable give NaNs and a reason.
    """
    xa = pd.to_numeric(pd.Series(np.asarray(x)), errors="coerce").to_numpy(dtype=float)
    ya = pd.to_numeric(pd.Series(np.asarray(y)), errors="coerce").to_numpy(dtype=float)
    keep = ~(np.isnan(xa) | np.isnan(ya))
    xa, ya = xa[keep], ya[keep]
    n = int(len(xa))
    nan = float("nan")
    if n < 4:
        return Correlation(nan, nan, n, nan, nan, reason=f"only {n} pairs (at least 4 needed)")
    if np.all(xa == xa[0]) or np.all(ya == ya[0]):
        return Correlation(nan, nan, n, nan, nan, reason="one of the variables does not vary")
    res = sps.spearmanr(xa, ya)
    rho = float(res.statistic)
    se = 1.06 / np.sqrt(n - 3)
    with np.errstate(divide="ignore"):
        z = np.arctanh(rho)
    return Correlation(
        rho, float(res.pvalue), n, float(np.tanh(z - Z95 * se)), float(np.tanh(z + Z95 * se))
    )


def compare_groups(
    df: pd.DataFrame,
    value_col: str,
    group_col: str,
    order: Sequence | None = None,
    ordered: bool = False,
    seed: int = 20240401,
    n_boot: int = 2000,
) -> GroupComparison:
    """Describe groups and run the test that applies (spec/metrics.md, Comparing groups).

    No test unless two or more groups have n >= 3; Kruskal-Wallis across those; for exactly two,
    Mann-Whitney U and a bootstrap CI of the median difference; ``ordered`` adds Spearman
    between the group's position in ``order`` (1, 2, ...) and the value.
    """
    data, order = _clean(df, value_col, group_col, order)
    table = describe_groups(data, value_col, group_col, order)
    result = GroupComparison(value_col, group_col, table, ordered=ordered)
    tested = table.loc[table["n"] >= MIN_TEST_GROUP, "group"].tolist()
    result.tested_groups = tested
    if len(tested) < 2:
        result.reason = (
            f"fewer than two groups have at least {MIN_TEST_GROUP} values "
            f"({'only one does' if tested else 'none does'})"
        )
        return result
    samples = [data.loc[data[group_col] == g, value_col].to_numpy(dtype=float) for g in tested]
    pooled = np.concatenate(samples)
    if np.all(pooled == pooled[0]):
        result.reason = "all values are the same, so there is no difference to test"
        return result

    kw = sps.kruskal(*samples)
    result.kruskal_statistic, result.kruskal_p = float(kw.statistic), float(kw.pvalue)
    result.test = "Kruskal-Wallis"
    if len(tested) == 2:
        mw = sps.mannwhitneyu(samples[0], samples[1], alternative="two-sided")
        result.mannwhitney_u, result.mannwhitney_p = float(mw.statistic), float(mw.pvalue)
        result.test = "Mann-Whitney U"
        diff, lo, hi = _bootstrap_median_difference(samples[0], samples[1], seed, n_boot)
        result.median_difference = diff
        result.median_difference_ci_low, result.median_difference_ci_high = lo, hi
        result.median_difference_label = f"{tested[1]} minus {tested[0]}"
        result.bootstrap_seed, result.bootstrap_n = seed, n_boot
    if ordered:
        position = {g: i + 1 for i, g in enumerate(order)}
        sub = data[data[group_col].isin(tested)]
        result.spearman = spearman(sub[group_col].map(position).astype(float), sub[value_col])
    return result


def _bootstrap_median_difference(
    a: np.ndarray, b: np.ndarray, seed: int, n_boot: int
) -> tuple[float, float, float]:
    """median(b) - median(a) with a percentile bootstrap 95% CI, resampling within each group."""
    rng = np.random.default_rng(seed)
    boot_a = np.median(rng.choice(a, size=(n_boot, len(a)), replace=True), axis=1)
    boot_b = np.median(rng.choice(b, size=(n_boot, len(b)), replace=True), axis=1)
    lo, hi = np.percentile(boot_b - boot_a, [2.5, 97.5])
    return float(np.median(b) - np.median(a)), float(lo), float(hi)


def compare_within(
    df: pd.DataFrame, value_col: str, group_col: str, stratum_col: str, **kw
) -> dict[Hashable, GroupComparison]:
    """:func:`compare_groups` within each stratum (e.g. trust type), strata in sorted order."""
    strata = sorted(df[stratum_col].dropna().unique())
    return {s: compare_groups(df[df[stratum_col] == s], value_col, group_col, **kw) for s in strata}


def _num(x: float) -> str:
    """A number for a sentence: 3 significant figures, thousands separated."""
    if not np.isfinite(x):
        return "n/a"
    if abs(x) >= 1000:
        return f"{x:,.0f}"
    return f"{float(f'{x:.3g}'):g}"


def _p(p: float) -> str:
    return "p < 0.001" if p < 0.001 else f"p = {p:.3g}"


def _names(groups: list) -> str:
    names = [str(g) for g in groups]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _count(n: int, noun: str = "organisation") -> str:
    """ "1 organisation", "3 organisations"."""
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def _how_many(name: str, n: int, missing: int, left_out: str | None) -> str:
    """ "SHMI: 90 of 150 organisations have a value." (and who was left out)."""
    total = n + missing
    verb = "has" if n == 1 else "have"
    counted = (
        f"{n:,} of {_count(total)} {verb} a value"
        if missing
        else f"{'the' if total == 1 else 'all'} {_count(total)} {verb} a value"
        if total
        else "no organisation has a value"
    )
    return f"{name[:1].upper() + name[1:]}: {counted}{f'; {left_out}' if left_out else ''}."


def summary_sentence(
    comparison: GroupComparison,
    indicator_name: str,
    higher_is_better: bool | None,
    groups_noun: str,
    missing: int = 0,
    left_out: str | None = None,
) -> str:
    """A few plain sentences for an executive (spec/metrics.md, Saying it honestly): how many
    organisations have a value and how many had none (``missing``; ``left_out`` says who else
    was left out, e.g. organisations without a leadership return); then the test. Groups are
    ranked (highest and lowest median) only when the test finds a difference; otherwise "no
    clear difference between ``groups_noun``" (e.g. "arrangements"). A Mann-Whitney test whose
    verdict differs from the median-difference interval is explained; the rank correlation
    when ordered; small groups; and that association is not causation."""
    t = comparison.table
    have = t[t["n"] > 0]
    parts = [_how_many(indicator_name, int(t["n"].sum()), missing, left_out)]
    if have.empty:
        return " ".join(parts)
    medians = "; ".join(
        f"{g} {_num(m)} (n = {n})"
        for g, m, n in zip(have["group"], have["median"], have["n"], strict=True)
    )
    if comparison.test is None:
        parts.append(f"No statistical test was run: {comparison.reason}.")
        parts.append(f"Medians: {medians}.")
    else:
        p = comparison.p
        test = f"{comparison.test} test, {_p(p)}"
        if p < ALPHA:
            hi = have.loc[have["median"] == have["median"].max()]
            lo = have.loc[have["median"] == have["median"].min()]
            sentence = (
                f"Median {indicator_name} was highest in {_names(hi['group'].tolist())} "
                f"({_num(hi['median'].iloc[0])}) and lowest in {_names(lo['group'].tolist())} "
                f"({_num(lo['median'].iloc[0])})"
            )
            if higher_is_better is not None:
                sentence += f"; {'higher' if higher_is_better else 'lower'} values are better"
            parts.append(sentence + ".")
            parts.append(
                f"The difference between {groups_noun} is statistically significant at the 5% "
                f"level ({test})."
            )
        else:
            parts.append(f"There is no clear difference between {groups_noun} ({test}).")
        if comparison.test == "Mann-Whitney U":
            parts += _median_difference(comparison)
        corr = comparison.spearman
        if corr is not None and corr.reason is None:
            stats_text = (
                f"Spearman rho = {corr.rho:.2f}, 95% CI {corr.ci_low:.2f} to "
                f"{corr.ci_high:.2f}, {_p(corr.p)}"
            )
            span = f"from {comparison.tested_groups[0]} to {comparison.tested_groups[-1]}"
            if corr.p < ALPHA:
                trend = "rise" if corr.rho > 0 else "fall"
                parts.append(f"Values tend to {trend} {span} ({stats_text}).")
            else:
                parts.append(f"There is no clear trend {span} ({stats_text}).")
    untested = have.loc[have["n"] < MIN_TEST_GROUP, "group"].tolist()
    if comparison.test is not None and untested:
        parts.append(
            f"{_names(untested)} left out of the test (fewer than {MIN_TEST_GROUP} values)."
        )
    empty = t.loc[t["n"] == 0, "group"].tolist()
    if empty:
        parts.append(f"No values for {_names(empty)}.")
    small = have[have["small"]]
    if not small.empty:
        listed = ", ".join(
            f"{g} (n = {n})" for g, n in zip(small["group"], small["n"], strict=True)
        )
        parts.append(f"Small groups (n < {SMALL_GROUP}), to read with care: {listed}.")
    parts.append("This is an association, not causation.")
    return " ".join(parts)


def _median_difference(c: GroupComparison) -> list[str]:
    """The difference in medians with its interval, and, where the interval and the
    Mann-Whitney test seem to disagree, why both can hold."""
    lo, hi = c.median_difference_ci_low, c.median_difference_ci_high
    out = [
        f"The difference in medians ({c.median_difference_label}) is "
        f"{_num(c.median_difference)} (95% CI {_num(lo)} to {_num(hi)})."
    ]
    crosses_zero = lo <= 0 <= hi
    significant = c.mannwhitney_p < ALPHA
    if significant and crosses_zero:
        out.append(
            "The test and the interval answer different questions: the Mann-Whitney test asks "
            "whether values in one group tend to be higher than in the other, across the whole "
            "spread, while the interval is about the two medians alone, and a difference of "
            "zero between the medians cannot be ruled out."
        )
    elif not significant and not crosses_zero:
        out.append(
            "The test and the interval answer different questions: the interval excludes a "
            "zero difference between the two medians, but across the whole spread the "
            "Mann-Whitney test finds no clear tendency for one group to be higher."
        )
    return out


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


# --- funnel plots --------------------------------------------------------------------------


def _proportion_inputs(numerators, denominators) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Numerators, denominators as float and a mask of usable rows (denominator > 0, no NaN)."""
    num = pd.to_numeric(pd.Series(np.asarray(numerators)), errors="coerce").to_numpy(dtype=float)
    den = pd.to_numeric(pd.Series(np.asarray(denominators)), errors="coerce").to_numpy(dtype=float)
    if len(num) != len(den):
        raise ValueError("numerators and denominators differ in length")
    ok = ~np.isnan(num) & ~np.isnan(den) & (den > 0)
    return num, den, ok


def funnel_limits(
    numerators: Sequence[float],
    denominators: Sequence[float],
    z: tuple[float, float] = (1.96, 3.09),
    n_points: int = 200,
    phi: float | None = None,
) -> tuple[float, pd.DataFrame]:
    """Pooled proportion p0 and funnel limits p0 +/- z sqrt(phi p0 (1 - p0) / n), clipped to [0, 1].

    Limits are on a geometric grid of n from the smallest to the largest denominator; rows with
    a denominator <= 0 or missing are left out and counted in ``frame.attrs["n_excluded"]``.
    ``phi`` (overdispersion) widens the limits only when given.
    """
    num, den, ok = _proportion_inputs(numerators, denominators)
    cols = ["n", "lower_95", "upper_95", "lower_998", "upper_998"]
    if not ok.any():
        frame = pd.DataFrame(columns=cols, dtype=float)
        frame.attrs["n_excluded"] = int((~ok).sum())
        return float("nan"), frame
    p0 = float(num[ok].sum() / den[ok].sum())
    lo, hi = den[ok].min(), den[ok].max()
    n = np.geomspace(lo, hi, n_points) if hi > lo else np.array([lo])
    se = np.sqrt((1.0 if phi is None else phi) * p0 * (1 - p0) / n)
    frame = pd.DataFrame({"n": n})
    for zv, name in zip(z, ("95", "998"), strict=True):
        frame[f"lower_{name}"] = np.clip(p0 - zv * se, 0, 1)
        frame[f"upper_{name}"] = np.clip(p0 + zv * se, 0, 1)
    frame.attrs["n_excluded"] = int((~ok).sum())
    return p0, frame


def funnel_points(
    numerators: Sequence[float],
    denominators: Sequence[float],
    p0: float,
    z: tuple[float, float] = (1.96, 3.09),
    phi: float | None = None,
) -> pd.DataFrame:
    """Per input row: proportion, z-score against p0, ``outside_95``, ``outside_998`` and ``side``.

    Rows keep the input order; those with a denominator <= 0 or missing have ``excluded`` True,
    NaN proportion and no flags (count in ``attrs["n_excluded"]``). ``side`` is "high"/"low"
    outside the 95% limits, else None. ``phi`` scales the variance only when given.
    """
    num, den, ok = _proportion_inputs(numerators, denominators)
    safe_den = np.where(ok, den, np.nan)
    proportion = num / safe_den
    se = np.sqrt((1.0 if phi is None else phi) * p0 * (1 - p0) / safe_den)
    with np.errstate(divide="ignore", invalid="ignore"):
        zscore = np.where(se > 0, (proportion - p0) / se, np.nan)
    absz = np.abs(zscore)
    outside_95 = np.nan_to_num(absz, nan=0.0) > z[0]
    outside_998 = np.nan_to_num(absz, nan=0.0) > z[1]
    side = np.where(outside_95, np.where(zscore > 0, "high", "low"), None)
    frame = pd.DataFrame(
        {
            "numerator": num,
            "denominator": den,
            "proportion": proportion,
            "z": zscore,
            "outside_95": outside_95,
            "outside_998": outside_998,
            "side": pd.Series(side, dtype=object),
            "excluded": ~ok,
        }
    )
    frame.attrs["n_excluded"] = int((~ok).sum())
    return frame


def overdispersion_phi(z_scores: Sequence[float], winsor: float = 0.1) -> float:
    """Multiplicative overdispersion phi = mean of squared winsorised z-scores (Spiegelhalter 2005).

    z-scores beyond the ``winsor`` and 1 - ``winsor`` quantiles are pulled in to them; NaNs are
    dropped; no z-scores give NaN. Use only when the user asks for overdispersed limits.
    """
    zs = pd.to_numeric(pd.Series(np.asarray(z_scores)), errors="coerce").dropna().to_numpy(float)
    if len(zs) == 0:
        return float("nan")
    lo, hi = np.quantile(zs, [winsor, 1 - winsor])
    return float(np.mean(np.clip(zs, lo, hi) ** 2))


# --- SPC: Making Data Count XmR ------------------------------------------------------------

XMR_COLUMNS = [
    "date",
    "value",
    "mean",
    "moving_range",
    "mr_bar",
    "upper",
    "lower",
    "sigma",
    "provisional",
    "rule_beyond_limits",
    "rule_run",
    "rule_trend",
    "rule_two_of_three",
    "special_cause",
    "direction",
    "variation",
]


def _runs(labels: np.ndarray) -> np.ndarray:
    """Length of the run of equal consecutive labels that each element belongs to."""
    if len(labels) == 0:
        return np.zeros(0, dtype=int)
    run_id = np.concatenate([[0], np.cumsum(labels[1:] != labels[:-1])])
    return np.bincount(run_id)[run_id]


def _xmr_rules(
    x: np.ndarray, mean: float, sigma: float, upper: float, lower: float
) -> tuple[np.ndarray, np.ndarray]:
    """Rule flags (beyond limits, run, trend, two of three) and the sign each special point
    points to, for two or more values."""
    n = len(x)
    side = np.sign(x - mean)
    beyond = (x > upper) | (x < lower)
    run = (side != 0) & (_runs(side) >= RUN_LENGTH)

    # a trend of TREND_LENGTH points is TREND_LENGTH - 1 same-signed steps; flag both ends of each
    step = np.sign(np.diff(x))
    step_in_trend = (step != 0) & (_runs(step) >= TREND_LENGTH - 1)
    ends_trend = np.concatenate([[False], step_in_trend])
    starts_trend = np.concatenate([step_in_trend, [False]])
    trend = ends_trend | starts_trend
    # a point shared by two trends takes the direction of the one it starts (as NHSRplotthedots)
    trend_sign = np.where(
        starts_trend, np.concatenate([step, [0.0]]), np.concatenate([[0.0], step])
    )

    two_of_three = np.zeros(n, dtype=bool)
    if n >= 3:
        far = np.abs(x - mean) > 2 * sigma
        win_far = np.lib.stride_tricks.sliding_window_view(far, 3)
        win_side = np.lib.stride_tricks.sliding_window_view(side, 3)
        qualifies = (win_far.sum(axis=1) >= 2) & (np.abs(win_side.sum(axis=1)) == 3)
        for offset in range(3):
            two_of_three[offset : offset + len(qualifies)] |= qualifies & win_far[:, offset]

    sign = np.select([beyond, trend, two_of_three, run], [side, trend_sign, side, side], 0.0)
    return np.vstack([beyond, run, trend, two_of_three]), sign


def xmr(
    values: Sequence[float],
    dates: Sequence | None = None,
    higher_is_better: bool | None = None,
    min_points_for_limits: int = 12,
) -> pd.DataFrame:
    """XmR chart with Making Data Count special-cause rules, one row per non-missing value.

    Mean of all points; limits mean +/- 2.66 MR-bar; sigma = MR-bar / 1.128. Rules: a point beyond
    a limit; 7+ on one side of the mean (a point on it breaks the run); 6+ points strictly rising
    or falling; 2 of 3 beyond 2 sigma with all 3 on the same side (only the points beyond are
    flagged). Every point of a qualifying pattern is flagged. ``direction`` is the side of the
    mean ("high"/"low"; rising/falling for a trend), taken from the first rule that applies in
    that order: beyond limits, trend, two of three, run. NaN values are dropped; rows are sorted
    by date when dates are given (else ``date`` is the position); fewer than 2 points leave
    limits NaN; ``provisional`` is True below ``min_points_for_limits`` points.
    """
    v = pd.to_numeric(pd.Series(np.asarray(values, dtype=object)), errors="coerce")
    d = pd.Series(range(len(v))) if dates is None else pd.Series(list(dates))
    if len(d) != len(v):
        raise ValueError("values and dates differ in length")
    frame = pd.DataFrame({"date": d, "value": v.astype(float)})
    frame = frame.dropna(subset=["value"])
    if dates is not None:
        frame = frame.sort_values("date", kind="stable")
    frame = frame.reset_index(drop=True)
    x = frame["value"].to_numpy(dtype=float)
    n = len(x)

    mean = float(np.mean(x)) if n else np.nan
    mr = np.abs(np.diff(x, prepend=np.nan))
    mr_bar = float(np.nanmean(mr)) if n >= 2 else np.nan
    sigma = mr_bar / XMR_D2
    upper, lower = mean + XMR_LIMIT * mr_bar, mean - XMR_LIMIT * mr_bar
    frame["mean"] = mean
    frame["moving_range"] = mr
    frame["mr_bar"] = mr_bar
    frame["upper"] = upper
    frame["lower"] = lower
    frame["sigma"] = sigma
    frame["provisional"] = n < min_points_for_limits

    if n >= 2:
        rules, sign = _xmr_rules(x, mean, sigma, upper, lower)
    else:
        rules, sign = np.zeros((4, n), dtype=bool), np.zeros(n)
    beyond, run, trend, two_of_three = rules
    special = rules.any(axis=0)
    direction = np.where(special & (sign > 0), "high", np.where(special & (sign < 0), "low", None))
    if higher_is_better is None:
        kind = np.full(n, "special cause neither", dtype=object)
    else:
        good = "high" if higher_is_better else "low"
        kind = np.where(direction == good, "special cause improvement", "special cause concern")
    frame["rule_beyond_limits"] = beyond
    frame["rule_run"] = run
    frame["rule_trend"] = trend
    frame["rule_two_of_three"] = two_of_three
    frame["special_cause"] = special
    frame["direction"] = pd.Series(direction, dtype=object)
    frame["variation"] = pd.Series(np.where(special, kind, "common cause"), dtype=object)
    return frame[XMR_COLUMNS]
