"""Comparing groups: descriptive statistics with bootstrap intervals, Kruskal-Wallis and
Mann-Whitney tests, Spearman rank correlation, and the plain-English sentence that reports them.

Pure functions over pandas and numpy; the definitions are in docs/measures.md.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

SMALL_GROUP = 5
MIN_TEST_GROUP = 3
ALPHA = 0.05
Z95 = 1.959963984540054  # scipy.stats.norm.ppf(0.975), as tests/test_stats.py checks
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
        from scipy import stats as sps  # loaded on first use: about 60 MB and 0.4 s

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
    from scipy import stats as sps  # loaded on first use: about 60 MB and 0.4 s

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
    """Describe groups and run the test that applies (docs/statistics.md, Comparing groups).

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

    from scipy import stats as sps  # loaded on first use: about 60 MB and 0.4 s

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
    """A few plain sentences for an executive (docs/statistics.md, Saying it honestly): how many
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
