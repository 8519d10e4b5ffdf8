"""Statistics behind the charts: group comparisons, rank correlation, peer position,
funnel plots of proportions (as FunnelPlotR) and Making Data Count SPC charts (XmR, as
NHSRplotthedots).

Pure functions over pandas and numpy; see spec/metrics.md for the definitions.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from datetime import date

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
        return Correlation(
            nan, nan, n, nan, nan, reason=f"only {_count(n, 'pair')} (at least 4 needed)"
        )
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


_UNIT_SUFFIX = {"%": "%", "FTE": " FTE", "days": " days"}


def _value(x: float, unit: str | None) -> str:
    """A value for a sentence, with its unit: "11.7%", "20.5 FTE", "£4,300"; as
    :func:`_num` without one."""
    text = _num(x)
    if text == "n/a" or not isinstance(unit, str):
        return text
    return f"£{text}" if unit == "GBP" else text + _UNIT_SUFFIX.get(unit, "")


def _in_sentence(name: str) -> str:
    """A name inside a sentence: "Staff turnover rate" -> "staff turnover rate"; names that
    open on an abbreviation ("SHMI", "AHP staff...", "A&E ...") as they are."""
    return name[:1].lower() + name[1:] if name[1:2].islower() else name


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
    unit: str | None = None,
) -> str:
    """A few plain sentences for an executive (spec/metrics.md, Saying it honestly): how many
    organisations have a value and how many had none (``missing``; ``left_out`` says who else
    was left out, e.g. organisations without a leadership return); then the test. Groups are
    ranked (highest and lowest median) only when the test finds a difference; otherwise "no
    clear difference between ``groups_noun``" (e.g. "arrangements"). A Mann-Whitney test whose
    verdict differs from the median-difference interval is explained; the rank correlation
    when ordered; small groups; and that association is not causation. Values carry their
    ``unit`` ("11.7%")."""
    t = comparison.table
    have = t[t["n"] > 0]
    parts = [_how_many(indicator_name, int(t["n"].sum()), missing, left_out)]
    if have.empty:
        return " ".join(parts)
    medians = "; ".join(
        f"{g} {_value(m, unit)} (n = {n})"
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
                f"The median {_in_sentence(indicator_name)} was highest in "
                f"{_names(hi['group'].tolist())} ({_value(hi['median'].iloc[0], unit)}) and "
                f"lowest in {_names(lo['group'].tolist())} "
                f"({_value(lo['median'].iloc[0], unit)})"
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
            parts += _median_difference(comparison, unit)
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


def _median_difference(c: GroupComparison, unit: str | None = None) -> list[str]:
    """The difference in medians with its interval, and, where the interval and the
    Mann-Whitney test seem to disagree, why both can hold."""
    lo, hi = c.median_difference_ci_low, c.median_difference_ci_high
    # A difference of percentages is in percentage points.
    diff_unit = " points" if unit == "%" else None
    shown = [
        _num(v) + (diff_unit or "") if diff_unit else _value(v, unit)
        for v in (c.median_difference, lo, hi)
    ]
    out = [
        f"The difference in medians ({c.median_difference_label}) is "
        f"{shown[0]} (95% CI {shown[1]} to {shown[2]})."
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
    """Funnel plot of proportions as FunnelPlotR draws it (spec/metrics.md, Funnel plots).

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
    """Making Data Count XmR chart of one series (spec/metrics.md, SPC charts), as
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
