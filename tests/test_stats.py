"""Tests for ahp_analytics.analysis.stats against values worked out by hand or by scipy called
directly."""

from __future__ import annotations

import math
import statistics
import subprocess
import sys
from pathlib import Path
from statistics import NormalDist

import numpy as np
import pandas as pd
import pytest
from scipy import stats as sps

from ahp_analytics.analysis import stats
from ahp_analytics.analysis.stats import (
    compare_groups,
    compare_within,
    describe_groups,
    funnel,
    funnels,
    peer_position,
    spc,
    spearman,
    summary_sentence,
    xmr,
)

Z975 = NormalDist().inv_cdf(0.975)

ROOT = Path(__file__).resolve().parents[1]


def frame(groups: dict[str, list[float]]) -> pd.DataFrame:
    rows = [(g, v) for g, values in groups.items() for v in values]
    return pd.DataFrame(rows, columns=["group", "value"])


# --- describe_groups ---------------------------------------------------------------------------


def test_describe_groups_by_hand():
    df = frame({"A": [1, 2, 3, 4, 100, np.nan], "B": [2, 4, 6], "C": [7]})
    t = describe_groups(df, "value", "group").set_index("group")

    a = t.loc["A"]
    assert a["n"] == 5  # the NaN is dropped
    assert (a["median"], a["q1"], a["q3"], a["mean"]) == (3, 2, 4, 22)
    assert not a["small"]

    # B: mean 4, sd 2; t quantile for 2 df solved from F(t) = 1/2 + t / (2 sqrt(2 + t^2))
    t_2df = math.sqrt(2 * 0.95**2 / (1 - 0.95**2))
    half = t_2df * 2 / math.sqrt(3)
    b = t.loc["B"]
    assert b["ci_low"] == pytest.approx(4 - half)
    assert b["ci_high"] == pytest.approx(4 + half)
    assert b["small"]

    c = t.loc["C"]
    assert c["n"] == 1 and c["mean"] == 7
    assert np.isnan(c["ci_low"]) and np.isnan(c["ci_high"])


def test_describe_groups_follows_order_and_keeps_empty_groups():
    df = frame({"A": [1, 2], "B": [3], "Z": [9]})
    t = describe_groups(df, "value", "group", order=["B", "E", "A"])
    assert t["group"].tolist() == ["B", "E", "A"]
    assert t["n"].tolist() == [1, 0, 2]
    assert np.isnan(t.loc[1, "median"])


# --- compare_groups ----------------------------------------------------------------------------


def test_no_test_with_only_one_group_of_three():
    df = frame({"A": [1, 2, 3, 4], "B": [5, 6], "C": [7]})
    c = compare_groups(df, "value", "group")
    assert c.test is None
    assert c.tested_groups == ["A"]
    assert "fewer than two groups" in c.reason
    assert np.isnan(c.kruskal_p) and np.isnan(c.p)


def test_two_groups_mann_whitney_and_kruskal_match_scipy():
    a, b = [3.1, 4.0, 5.2, 6.3, 2.2], [6.0, 7.5, 8.1, 5.9, 9.4, 7.7]
    c = compare_groups(frame({"A": a, "B": b}), "value", "group")
    assert c.test == "Mann-Whitney U"
    assert c.mannwhitney_p == pytest.approx(sps.mannwhitneyu(a, b).pvalue)
    assert c.kruskal_p == pytest.approx(sps.kruskal(a, b).pvalue)
    assert c.p == c.mannwhitney_p
    # median(B) = (7.5 + 7.7) / 2 = 7.6; median(A) = 4.0
    assert c.median_difference == pytest.approx(3.6)
    assert c.median_difference_label == "B minus A"
    assert c.median_difference_ci_low <= 3.6 <= c.median_difference_ci_high


def test_bootstrap_ci_reproducible_with_seed_and_recorded():
    df = frame({"A": [3.1, 4.0, 5.2, 6.3, 2.2], "B": [6.0, 7.5, 8.1, 5.9, 9.4, 7.7]})
    first = compare_groups(df, "value", "group", seed=7, n_boot=500)
    again = compare_groups(df, "value", "group", seed=7, n_boot=500)
    other = compare_groups(df, "value", "group", seed=8, n_boot=500)
    ci = (first.median_difference_ci_low, first.median_difference_ci_high)
    assert ci == (again.median_difference_ci_low, again.median_difference_ci_high)
    assert ci != (other.median_difference_ci_low, other.median_difference_ci_high)
    assert (first.bootstrap_seed, first.bootstrap_n) == (7, 500)


def test_bootstrap_ci_of_constant_groups_is_the_difference():
    # every resample of a constant group has the same median, so the CI collapses to 4
    c = compare_groups(frame({"A": [1, 1, 1], "B": [5, 5, 5, 5]}), "value", "group")
    assert (c.median_difference_ci_low, c.median_difference_ci_high) == (4, 4)


def test_kruskal_excludes_groups_under_three():
    a, b, cc, small = [1, 2, 3, 4], [2, 3, 5, 6, 7], [6, 8, 9], [20, 30]
    c = compare_groups(frame({"A": a, "B": b, "C": cc, "D": small}), "value", "group")
    assert c.test == "Kruskal-Wallis"
    assert c.tested_groups == ["A", "B", "C"]
    assert c.kruskal_p == pytest.approx(sps.kruskal(a, b, cc).pvalue)
    assert c.kruskal_p != pytest.approx(sps.kruskal(a, b, cc, small).pvalue)
    assert np.isnan(c.mannwhitney_p)
    assert c.small_groups == ["A", "C", "D"]


def test_no_test_when_all_values_are_equal():
    c = compare_groups(frame({"A": [2, 2, 2], "B": [2, 2, 2, 2]}), "value", "group")
    assert c.test is None
    assert "all values are the same" in c.reason


def test_summary_names_groups_left_out_and_empty():
    df = frame({"A": [1, 2, 3], "B": [4, 5, 6], "C": [9]})
    c = compare_groups(df, "value", "group", order=["A", "B", "C", "D"])
    text = summary_sentence(c, "vacancy rate", None, "categories")
    assert "C left out of the test (fewer than 3 values)" in text
    assert "No values for D." in text


def rank_spearman(x, y) -> float:
    """Pearson correlation of average ranks, computed without scipy."""
    rx, ry = pd.Series(x).rank(), pd.Series(y).rank()
    return float(np.corrcoef(rx, ry)[0, 1])


def test_ordered_groups_add_spearman_on_position():
    groups = {"low": [1, 3, 2, 5], "mid": [4, 6, 5], "high": [8, 6, 9, 7]}
    c = compare_groups(frame(groups), "value", "group", order=["low", "mid", "high"], ordered=True)
    position = [1] * 4 + [2] * 3 + [3] * 4
    values = groups["low"] + groups["mid"] + groups["high"]
    assert c.spearman.n == 11
    assert c.spearman.rho == pytest.approx(rank_spearman(position, values))
    assert "Fisher" in c.spearman.method
    unordered = compare_groups(frame(groups), "value", "group", order=["low", "mid", "high"])
    assert unordered.spearman is None


def test_spearman_by_hand_with_fisher_ci():
    # ranks differ by d = (-1, 1, -1, 1, 0): rho = 1 - 6 * 4 / (5 * 24) = 0.8
    r = spearman([1, 2, 3, 4, 5, np.nan], [2, 1, 4, 3, 5, 6])
    assert r.n == 5
    assert r.rho == pytest.approx(0.8)
    se = 1.06 / math.sqrt(5 - 3)
    assert r.ci_low == pytest.approx(math.tanh(math.atanh(0.8) - Z975 * se))
    assert r.ci_high == pytest.approx(math.tanh(math.atanh(0.8) + Z975 * se))
    assert r.p == pytest.approx(sps.spearmanr([1, 2, 3, 4, 5], [2, 1, 4, 3, 5]).pvalue)


def test_spearman_needs_four_pairs():
    r = spearman([1, 2, 3, np.nan], [3, 1, 2, 4])
    assert r.n == 3
    assert np.isnan(r.rho) and np.isnan(r.ci_low) and np.isnan(r.p)
    assert "4" in r.reason


def test_compare_within_strata():
    df = frame({"A": [1, 2, 3, 4, 5, 6], "B": [4, 5, 6, 7, 8, 9]})
    df["type"] = ["acute", "mental health"] * 6
    out = compare_within(df, "value", "group", "type")
    assert list(out) == ["acute", "mental health"]
    acute = df[df["type"] == "acute"]
    a = acute.loc[acute["group"] == "A", "value"]
    b = acute.loc[acute["group"] == "B", "value"]
    assert out["acute"].table["n"].tolist() == [3, 3]
    assert out["acute"].mannwhitney_p == pytest.approx(sps.mannwhitneyu(a, b).pvalue)


# --- summary_sentence --------------------------------------------------------------------------


def test_summary_significant_difference():
    df = frame({"A": [1, 2, 3, 4, 5, 6, 7, 8], "B": [21, 22, 23, 24, 25, 26, 27, 28]})
    c = compare_groups(df, "value", "group")
    text = summary_sentence(c, "vacancy rate", False, "categories", missing=4)
    assert text.startswith("Vacancy rate: 16 of 20 organisations have a value.")
    assert "highest in B" in text and "lowest in A" in text
    assert "lower values are better" in text
    assert "The difference between categories is statistically significant at the 5% level" in text
    assert "Mann-Whitney U test, p < 0.001" in text
    assert "B minus A" in text
    assert "answer different questions" not in text  # the interval (about 20) excludes 0
    assert "association, not causation" in text
    assert "no clear difference" not in text


def test_summary_reads_well_with_units_and_plurals():
    df = frame({"A": [70.1, 71.5, 72.0, 73.2, 74.0], "B": [80.5, 81.0, 82.4, 83.3, 84.8]})
    c = compare_groups(df, "value", "group")
    text = summary_sentence(c, "Staff turnover rate", False, "arrangements", unit="%")
    # the name inside the sentence in lower case, values with their unit
    assert "The median staff turnover rate was highest in B (82.4%) and lowest in A (72%)" in text
    assert "is 10.4 points (95% CI" in text  # a difference of percentages: points
    abbreviation = summary_sentence(c, "SHMI", False, "arrangements")
    assert "The median SHMI was highest in B (82.4)" in abbreviation
    assert stats.spearman([1.0], [2.0]).reason == "only 1 pair (at least 4 needed)"
    assert stats.spearman([1.0, 2, 3], [2.0, 1, 3]).reason == "only 3 pairs (at least 4 needed)"


def test_summary_no_clear_difference_does_not_rank_groups():
    # no ties, so the exact two-sided p is 24 / 252 = 0.0952: close to 5% but above it
    df = frame({"A": [1, 2, 3, 4, 5], "B": [2.5, 4.5, 6, 7, 8]})
    c = compare_groups(df, "value", "group")
    assert c.p == pytest.approx(24 / 252)
    text = summary_sentence(c, "vacancy rate", False, "arrangements")
    assert text.startswith("Vacancy rate: all 10 organisations have a value.")
    assert "no clear difference between arrangements (Mann-Whitney U test, p = 0.0952)" in text
    assert "highest" not in text and "lowest" not in text
    assert "significant" not in text
    assert "values are better" not in text
    assert "association, not causation" in text


def test_summary_says_who_has_no_value_and_who_was_left_out():
    df = frame({"A": [1, 2, 3], "B": [4, 5, 6]})
    c = compare_groups(df, "value", "group")
    text = summary_sentence(
        c, "SHMI", True, "arrangements", missing=1, left_out="1 organisation sent no return"
    )
    assert text.startswith(
        "SHMI: 6 of 7 organisations have a value; 1 organisation sent no return."
    )
    one = compare_groups(frame({"A": [1]}), "value", "group")
    assert summary_sentence(one, "SHMI", True, "arrangements").startswith(
        "SHMI: the 1 organisation has a value."
    )
    assert summary_sentence(one, "SHMI", True, "arrangements", missing=2).startswith(
        "SHMI: 1 of 3 organisations has a value."
    )
    none = compare_groups(frame({"A": [np.nan]}), "value", "group", order=["A"])
    assert summary_sentence(none, "SHMI", True, "arrangements") == (
        "SHMI: no organisation has a value."
    )


def test_summary_explains_a_significant_test_beside_an_interval_that_includes_zero():
    # Same median (5) in both groups, but B's values sit higher across the spread: the
    # Mann-Whitney test finds that (p = 0.0072), while the interval of the difference in
    # medians is 0 to 3.
    df = frame({"A": [1, 2, 3, 4, 5, 5, 5, 5, 5, 5], "B": [5, 5, 5, 5, 5, 5, 6, 7, 8, 9]})
    c = compare_groups(df, "value", "group")
    assert c.mannwhitney_p < 0.05
    assert c.median_difference_ci_low <= 0 <= c.median_difference_ci_high
    text = summary_sentence(c, "turnover", False, "arrangements")
    assert "statistically significant" in text
    assert "The test and the interval answer different questions" in text
    assert "a difference of zero between the medians cannot be ruled out" in text


def test_summary_explains_an_interval_that_excludes_zero_beside_no_clear_difference():
    # Found by search (fixed bootstrap seed): p = 0.0504, interval -3.2 to -0.15.
    a = [0.9, -1.2, 2.1, -0.3, 0.4, -0.5, 0.4, 1.2]
    b = [-0.8, -2.5, -0.1, -1.8]
    c = compare_groups(frame({"A": a, "B": b}), "value", "group")
    assert c.mannwhitney_p >= 0.05 and c.median_difference_ci_high < 0
    text = summary_sentence(c, "turnover", False, "arrangements")
    assert "no clear difference between arrangements" in text
    assert "the interval excludes a zero difference between the two medians" in text


def test_summary_no_test_says_why_and_names_small_groups():
    df = frame({"A": [1, 2, 3, 4], "B": [5, 6]})
    text = summary_sentence(compare_groups(df, "value", "group"), "senior share", True, "groups")
    assert "No statistical test was run" in text
    assert "fewer than two groups" in text
    assert "A (n = 4)" in text and "B (n = 2)" in text
    assert "Medians: A 2.5 (n = 4); B 5.5 (n = 2)." in text
    assert "highest" not in text
    assert "association, not causation" in text


def test_summary_ordered_trend():
    groups = {"E": [1, 2, 3, 2, 1], "D": [4, 5, 6, 5, 4], "C": [8, 9, 7, 8, 9]}
    c = compare_groups(frame(groups), "value", "group", order=["E", "D", "C"], ordered=True)
    text = summary_sentence(c, "leadership FTE", True, "leadership levels")
    assert "Kruskal-Wallis test" in text
    assert "Values tend to rise from E to C" in text
    assert "Spearman rho = 0.9" in text


# --- peer_position -----------------------------------------------------------------------------

PEERS = [10, 20, 30, 40, 50, np.nan]  # q1 20, median 30, q3 40


@pytest.mark.parametrize(
    ("value", "quartile"), [(15, 1), (20, 2), (25, 2), (30, 3), (40, 3), (45, 4)]
)
def test_peer_quartile(value, quartile):
    pos = peer_position(value, PEERS, True)
    assert (pos.peer_q1, pos.peer_median, pos.peer_q3, pos.n_peers) == (20, 30, 40, 5)
    assert pos.quartile == quartile


@pytest.mark.parametrize(
    ("value", "higher_is_better", "assessment"),
    [
        (45, True, "better"),
        (15, True, "worse"),
        (45, False, "worse"),
        (15, False, "better"),
        (25, True, "middle"),
        (35, False, "middle"),
        (45, None, "neutral"),
        (15, None, "neutral"),
    ],
)
def test_peer_assessment(value, higher_is_better, assessment):
    assert peer_position(value, PEERS, higher_is_better).assessment == assessment


def test_peer_position_missing_value():
    pos = peer_position(None, PEERS, True)
    assert pos.quartile is None and pos.assessment == "neutral"
    assert pos.peer_median == 30


# --- funnel plots (FunnelPlotR, proportions) ---------------------------------------------------


def arcsine_limit(p0: float, n: float, z: float, tau2: float = 0.0) -> tuple[float, float]:
    """Lower and upper limit on the arcsine square-root scale, with math alone."""
    theta0 = math.asin(math.sqrt(p0))
    half = z * math.sqrt(1 / (4 * n) + tau2)
    return (
        math.sin(max(theta0 - half, 0.0)) ** 2,
        math.sin(min(theta0 + half, math.pi / 2)) ** 2,
    )


def test_funnel_z_are_funnelplotr_values():
    assert stats.funnel_z(95) == pytest.approx(1.959964, abs=1e-6)
    assert stats.funnel_z(99.8) == pytest.approx(3.090232, abs=1e-6)


def test_funnelplotr_limits_at_small_n_stay_inside_zero_and_one():
    # build_limits_lookup test: target 0.5, tau2 0, the grid starts at n = 3
    lower, upper = stats.arcsine_limits(0.5, np.array([3.0]), 95)
    assert 0 < lower[0] < 0.5 < upper[0] < 1
    assert (lower[0], upper[0]) == pytest.approx(arcsine_limit(0.5, 3, 1.959964))


def test_funnelplotr_rows_of_a_group_are_added_up():
    # aggregate_func test: rr of the summed rows per group
    combined = funnels._combine(
        [100, 150, 180, 89, 120, 225], [102, 135, 165, 95, 100, 220], list("aaabbc")
    )
    assert combined["group"].tolist() == ["a", "b", "c"]
    rr = (combined["numerator"] / combined["denominator"]).round(6).tolist()
    assert rr == [1.069652, 1.071795, 1.022727]


def test_funnelplotr_outliers_are_outside_a_limit_and_a_point_on_it_is_inside():
    # outliers_func test: the 95% unadjusted and adjusted and 99.8% limits of their table
    rr = np.array([1, 0.95, 1.05, 0.8, 1.2, 0.6, 1.4, 0.4, 1.6, 0])
    expected = {
        (0.9, 1.1): [0, 0, 0, 1, 1, 1, 1, 1, 1, 1],
        (0.79, 1.21): [0, 0, 0, 0, 0, 1, 1, 1, 1, 1],
        (0.59, 1.41): [0, 0, 0, 0, 0, 0, 0, 1, 1, 1],
        (0.38, 1.62): [0, 0, 0, 0, 0, 0, 0, 0, 0, 1],
    }
    for (lower, upper), flags in expected.items():
        assert stats.outside_limits(rr, lower, upper).astype(int).tolist() == flags
    assert not stats.outside_limits(np.array([0.2, 0.4]), 0.2, 0.4).any()


def test_funnel_limits_are_arcsine_limits_asymmetric_inside_zero_and_one():
    f = funnel([5, 2, 10], [100, 10, 200], adjust=False)
    p0 = 17 / 310
    assert f.p0 == pytest.approx(p0)
    for level, z in ((95, 1.959964), (99.8, 3.090232)):
        key = "95" if level == 95 else "998"
        for _, row in f.limits.iterrows():
            lower, upper = arcsine_limit(p0, row["n"], z)
            assert row[f"lower_{key}"] == pytest.approx(lower, abs=1e-6)
            assert row[f"upper_{key}"] == pytest.approx(upper, abs=1e-6)
    first = f.limits.iloc[0]  # n = 10: the lower limits are 0, the upper far above p0
    assert first["lower_95"] == 0 and first["lower_998"] == 0
    assert first["upper_998"] - p0 > 3 * p0
    last = f.limits.iloc[-1]  # n = 200: asymmetric around p0, the upper limit further out
    assert last["upper_95"] - p0 > p0 - last["lower_95"] > 0
    assert f.limits["n"].iloc[0] == pytest.approx(10) and f.limits["n"].iloc[-1] == 200
    assert (f.limits.drop(columns="n") <= 1).all().all()


def test_funnel_near_one_keeps_upper_limit_at_most_one():
    f = funnel([9, 950], [10, 1000], adjust=False)
    assert f.limits["upper_998"].iloc[0] == 1
    assert (f.limits["upper_95"] <= 1).all() and (f.limits["lower_998"] > 0.5).all()


def overdispersed() -> tuple[list[float], list[float]]:
    num = [10, 30, 12, 80, 5, 40, 2, 90]
    den = [100, 200, 150, 400, 50, 220, 60, 300]
    return num, den


def test_funnel_phi_and_tau2_by_hand():
    num, den = overdispersed()
    f = funnel(num, den)
    p0 = sum(num) / sum(den)
    theta0 = math.asin(math.sqrt(p0))
    z = [
        (math.asin(math.sqrt(a / n)) - theta0) * 2 * math.sqrt(n)
        for a, n in zip(num, den, strict=True)
    ]
    cuts = statistics.quantiles(z, n=10, method="inclusive")  # R's type 7, as FunnelPlotR
    phi = statistics.fmean(min(max(v, cuts[0]), cuts[-1]) ** 2 for v in z)
    w = [4 * n for n in den]
    k = len(den)
    tau2 = (k * phi - (k - 1)) / (sum(w) - sum(x * x for x in w) / sum(w))
    assert f.phi == pytest.approx(phi)
    assert phi > 1 and f.adjusted and f.requested
    assert f.tau2 == pytest.approx(tau2)
    assert f.points["z_unadjusted"].to_numpy() == pytest.approx(z)
    adjusted_z = [v / math.sqrt(1 + 4 * n * tau2) for v, n in zip(z, den, strict=True)]
    assert f.points["z"].to_numpy() == pytest.approx(adjusted_z)
    for _, row in f.points.iterrows():
        lower, upper = arcsine_limit(p0, row["denominator"], 3.090232, tau2)
        assert row["lower_998"] == pytest.approx(lower, abs=1e-6)
        assert row["upper_998"] == pytest.approx(upper, abs=1e-6)


def test_funnel_tau2_keeps_large_organisations_limits_off_the_centre_line():
    f = funnel(*overdispersed())
    lower, upper = f.limits_at(np.array([1e9]), 99.8)
    floor_lower, floor_upper = arcsine_limit(f.p0, 1e9, 3.090232, f.tau2)
    assert (lower[0], upper[0]) == pytest.approx((floor_lower, floor_upper), abs=1e-6)
    assert upper[0] - f.p0 > 0.05  # without tau^2 the limit closes to p0 + 0.00002
    plain = funnel(*overdispersed(), adjust=False)
    assert plain.limits_at(np.array([1e9]), 99.8)[1][0] - plain.p0 < 1e-4


def test_funnel_unadjusted_on_request_or_without_overdispersion():
    plain = funnel(*overdispersed(), adjust=False)
    assert plain.tau2 == 0 and not plain.adjusted and not plain.requested
    assert plain.phi == pytest.approx(funnel(*overdispersed()).phi)  # still reported
    assert "chance alone" in plain.adjustment_text and "more" in plain.adjustment_text
    # binomial spread only: phi <= 1, nothing added although asked for
    calm = funnel([10, 20, 31, 40, 49], [100, 200, 300, 400, 500])
    assert calm.phi <= 1 and calm.tau2 == 0 and calm.requested and not calm.adjusted
    assert "no more than chance" in calm.adjustment_text
    widened = funnel(*overdispersed())
    assert "widened because organisations vary more than chance alone explains" in (
        widened.adjustment_text
    )
    assert f"about {widened.phi:.1f} times" in widened.adjustment_text


def test_funnel_flags_against_the_adjusted_limits_at_each_denominator():
    num, den = overdispersed()
    num, den = [*num, 1], [*den, 300]  # 0.3% of 300: far below
    f = funnel(num, den)
    low = f.points.iloc[-1]
    assert low["outside_95"] and low["outside_998"] and low["side"] == "low"
    assert low["proportion"] < low["lower_998"]
    inside = f.points[~f.points["outside_95"]]
    assert inside["side"].isna().all()
    # each flag is the proportion against its own limits
    for _, row in f.points.iterrows():
        assert row["outside_998"] == (
            row["proportion"] < row["lower_998"] or row["proportion"] > row["upper_998"]
        )


def test_funnel_combines_rows_and_leaves_out_unusable_organisations():
    f = funnel(
        [3, 2, 5, 1, 4, np.nan, 7, 6],
        [10, 10, 0, 2, 40, 10, 5, 30],
        ["a", "a", "b", "c", "d", "e", "f", "g"],
    )
    # a: rows added (5 of 20); b: denominator 0; e: no numerator; f: 7 of 5 is no proportion
    assert f.points["group"].tolist() == ["a", "c", "d", "g"]
    assert f.points.set_index("group").loc["a", ["numerator", "denominator"]].tolist() == [5, 20]
    assert f.n_excluded == 3
    assert f.p0 == pytest.approx((5 + 1 + 4 + 6) / (20 + 2 + 40 + 30))
    # a group with one unusable row is left out whole
    assert funnel([1, np.nan], [10, 10], ["a", "a"]).n_excluded == 1


def test_funnel_with_nothing_usable():
    f = funnel([np.nan, 1], [5, 0])
    assert np.isnan(f.p0) and f.points.empty and f.limits.empty and f.n_excluded == 2
    assert f.adjustment_text == ""


def test_funnel_adjustment_flags_few_large_organisations_for_ordinary_spread():
    # 150 organisations whose true rates vary around 8% (sd 0.04 on the arcsine scale):
    # unadjusted limits flag many of the largest quarter, the adjusted ones about one
    rng = np.random.default_rng(1)
    flagged = {True: 0, False: 0}
    for _ in range(20):
        n = np.round(rng.lognormal(math.log(400), 0.8, 150))
        p = np.sin(np.arcsin(np.sqrt(0.08)) + rng.normal(0, 0.04, 150)) ** 2
        k = rng.binomial(n.astype(int), p)
        largest = n >= np.quantile(n, 0.75)
        for adjust in flagged:
            outside_998 = funnel(k, n, adjust=adjust).points["outside_998"].to_numpy()
            flagged[adjust] += int((outside_998 & largest).sum())
    assert flagged[True] / 20 < 2 < 6 < flagged[False] / 20


# --- SPC (XmR), NHSRplotthedots' test vectors -------------------------------------------------

# R: set.seed(123); rnorm(20), the series of NHSRplotthedots' tests (test-ptd_spc_standard.R)
RNORM_123 = [
    -0.56047565, -0.23017749, 1.55870831, 0.07050839, 0.12928774,
    1.71506499, 0.46091621, -1.26506123, -0.68685285, -0.44566197,
    1.22408180, 0.35981383, 0.40077145, 0.11068272, -0.55584113,
    1.78691314, 0.49785048, -1.96661716, 0.70135590, -0.47279141,
]  # fmt: skip
DAYS = pd.Timestamp("2020-01-01") + pd.to_timedelta(np.arange(1, 21), unit="D")


def test_nhsrplotthedots_limits_with_and_without_screening():
    # _snaps/ptd_spc_standard.md: r1, then y[15] = 10 screened (r2) and not screened (r3)
    r1 = xmr(RNORM_123, DAYS)
    assert r1["mean"].iloc[0] == pytest.approx(0.1416238, abs=1e-7)
    assert r1["lower"].iloc[0] == pytest.approx(-3.01138, abs=1e-5)
    assert r1["upper"].iloc[0] == pytest.approx(3.294627, abs=1e-6)
    assert np.sign(r1["value"] - r1["mean"]).iloc[:15].tolist() == [
        -1, -1, 1, -1, -1, 1, 1, -1, -1, -1, 1, 1, 1, -1, -1
    ]  # fmt: skip
    spiked = list(RNORM_123)
    spiked[14] = 10.0
    r2 = xmr(spiked, DAYS)
    assert r2["mean"].iloc[0] == pytest.approx(0.6694159, abs=1e-7)
    assert r2["lower"].iloc[0] == pytest.approx(-2.383666, abs=1e-6)
    assert r2["upper"].iloc[0] == pytest.approx(3.722497, abs=1e-6)
    r3 = xmr(spiked, DAYS, screen=False)
    assert r3["lower"].iloc[0] == pytest.approx(-4.596625, abs=1e-6)
    assert r3["upper"].iloc[0] == pytest.approx(5.935457, abs=1e-6)
    assert np.sign(r2["value"] - r2["mean"]).iloc[:14].tolist() == [
        -1, -1, 1, -1, -1, 1, -1, -1, -1, -1, 1, -1, -1, -1
    ]  # fmt: skip


def test_nhsrplotthedots_summary_all_common_cause_and_split_series():
    # _snaps/ptd_spc.md: 20 points, all common cause; the series split in two halves (a facet
    # each, the same as a rebase at the 11th point) has means and limits per half
    r = xmr(RNORM_123, DAYS, higher_is_better=True)
    assert r["variation"].eq("common cause").all() and len(r) == 20
    assert stats.variation_icon(r) == "common_cause"
    split = xmr(RNORM_123, DAYS, rebase=[DAYS[10]]).groupby("segment").first()
    assert split["mean"].round(4).tolist() == [0.0746, 0.2086]
    assert split["lower"].round(2).tolist() == [-2.60, -3.28]
    assert split["upper"].round(2).tolist() == [2.75, 3.70]
    assert split["limit_points"].tolist() == [10, 10]


def test_nhsrplotthedots_fix_after_n_points_changes_the_limits():
    fixed = xmr(RNORM_123, DAYS, baseline=12)
    everything = xmr(RNORM_123, DAYS)
    assert fixed["lower"].iloc[0] != everything["lower"].iloc[0]
    first = RNORM_123[:12]
    mean = statistics.fmean(first)
    mr_bar = statistics.fmean(abs(b - a) for a, b in zip(first, first[1:], strict=False))
    assert fixed["mean"].iloc[0] == pytest.approx(mean)
    assert fixed["upper"].iloc[-1] == pytest.approx(mean + 2.66 * mr_bar)
    assert fixed["baseline"].tolist() == [True] * 12 + [False] * 8
    assert fixed["limit_points"].iloc[0] == 12 and fixed["provisional"].all()


def test_nhsrplotthedots_two_of_three_on_opposite_sides_is_common_cause():
    values = [1.0, -1.0] * 8
    values[14], values[15] = 5.5, -5.5
    r = xmr(values, pd.Timestamp("2020-01-01") + pd.to_timedelta(np.arange(1, 17), unit="D"))
    assert r["variation"].iloc[-2:].tolist() == ["common cause", "common cause"]


def test_nhsrplotthedots_seven_point_one_side_mean():
    def ends(v):
        return spc._run_ends(np.array(v, dtype=float)).astype(int).tolist()

    assert ends([]) == []
    assert ends([1] * 6) == [0] * 6
    assert ends([1] * 6 + [-1]) == [0] * 7
    assert ends([1] * 8 + [-1]) == [0] * 6 + [1, 1, 0]
    assert ends([-1] * 8 + [1]) == [0] * 6 + [1, 1, 0]


def test_nhsrplotthedots_part_of_seven_trend():
    def part(v):
        return spc._part_of(np.array(v, dtype=float), 7).astype(int).tolist()

    assert part([]) == []
    assert part([0] * 6) == [0] * 6
    assert part([0] * 6 + [1, 0]) == [1] * 7 + [0]
    assert part([0] * 7 + [1, 0]) == [0] + [1] * 7 + [0]
    assert part([0] * 6 + [-1, 0]) == [1] * 7 + [0]
    assert part([0] * 7 + [-1, 0]) == [0] + [1] * 7 + [0]


def test_nhsrplotthedots_seven_point_trend():
    def trend(v):
        return spc._trend_ends(np.array(v, dtype=float)).astype(int).tolist()

    assert trend([]) == []
    assert trend(range(1, 7)) == [0] * 6
    assert trend([1, 2, 3, 3, 4, 5, 6]) == [0] * 7  # a tie breaks a trend
    assert trend(range(1, 8)) == [0] * 6 + [1]
    assert trend([2, *range(1, 8), 3]) == [0] * 7 + [1, 0]
    assert trend(range(7, 0, -1)) == [0] * 6 + [-1]
    assert trend([2, *range(7, 0, -1), 3]) == [0] * 7 + [-1, 0]


def test_nhsrplotthedots_two_in_three():
    def two(close, side):
        return spc._two_in_three(np.array(close), np.array(side, dtype=float))

    def flags(close, side):
        return two(close, side).astype(int).tolist()

    assert flags([], []) == []
    for close in ([1, 0, 1], [0, 1, 1], [1, 1, 0]):
        assert flags(close, [1, 1, 1]) == [1, 1, 1]
        assert flags(close, [1, -1, 1]) == [0, 0, 0]
    assert flags([0, 0, 1, 0, 1, 0, 0], [1] * 7) == [0, 0, 1, 1, 1, 0, 0]
    assert flags([0, 0, 1, 1, 0, 0, 0], [1] * 7) == [0, 1, 1, 1, 1, 0, 0]
    assert flags([0, 0, 1, 0, 1, 0, 0], [1, -1] * 3 + [1]) == [0] * 7
    assert flags([0, 0, 1, 1, 0, 0, 0], [-1, 1] * 3 + [-1]) == [0] * 7
    # ptd_part_of_two_in_three: only the points close to a limit are part of it
    for close, side, part in (
        ([1, 0, 1], [1, 1, 1], [1, 0, 1]),
        ([0, 1, 1], [1, 1, 1], [0, 1, 1]),
        ([1, 0, 0, 1], [1, 1, 1, 1], [0, 0, 0, 0]),
        ([1, 0, 0, 1, 1], [1] * 5, [0, 0, 0, 1, 1]),
    ):
        c = np.array(close, dtype=bool)
        assert (two(close, side) & c).astype(int).tolist() == part


@pytest.mark.parametrize(
    ("higher_is_better", "expected"),
    [(True, ["consistent_fail", "consistent_pass", "inconsistent"]),
     (False, ["consistent_pass", "consistent_fail", "inconsistent"]),
     (None, [None, None, None])],
)  # fmt: skip
def test_nhsrplotthedots_assurance(higher_is_better, expected):
    # test-ptd_calculate_assurance_type.R: limits (1, 3), (5, 7), (1, 5) and a target of 4
    got = [
        stats.assurance_icon(pd.DataFrame({"lower": [lo], "upper": [up]}), 4, higher_is_better)
        for lo, up in ((1, 3), (5, 7), (1, 5))
    ]
    assert got == expected


def test_nhsrplotthedots_assurance_uses_the_latest_segment_and_needs_a_target():
    rows = pd.DataFrame({"lower": [1, 5, 1], "upper": [3, 7, 5]})
    assert stats.assurance_icon(rows, 4, False) == "inconsistent"
    assert stats.assurance_icon(rows.iloc[[1, 2, 0]], 4, False) == "consistent_pass"
    assert stats.assurance_icon(rows.iloc[[2, 0, 1]], 4, False) == "consistent_fail"
    assert stats.assurance_icon(rows, None, True) is None
    no_limits = pd.DataFrame({"lower": [np.nan], "upper": [np.nan]})
    assert stats.assurance_icon(no_limits, 4, True) is None


# --- SPC (XmR), the rules of docs/statistics.md on hand-made series ---------------------------

RULES = ["rule_beyond_limits", "rule_run", "rule_trend", "rule_two_of_three"]


def alternating(pairs: int, first: float = 1.0) -> list[float]:
    """+-1 around zero: no run, trend or far point; ``first`` sets the sign it starts with."""
    return [first, -first] * pairs


def flagged(result: pd.DataFrame) -> dict[str, list[int]]:
    return {rule: np.flatnonzero(result[rule]).tolist() for rule in RULES}


def months(n: int, start: str = "2022-04-01") -> pd.DatetimeIndex:
    return pd.date_range(start, periods=n, freq="MS")


def hand_limits(values: list[float]) -> tuple[float, float, float]:
    """Mean, upper limit and 2-sigma distance without numpy (no range is screened out)."""
    mean = statistics.fmean(values)
    mr = [abs(b - a) for a, b in zip(values, values[1:], strict=False)]
    mr_bar = statistics.fmean(mr)
    assert max(mr) < 3.267 * mr_bar
    return mean, mean + 2.66 * mr_bar, 2 * mr_bar / 1.128


def test_xmr_columns_and_limits_by_hand():
    values = alternating(3) + [3.0, 5.0, 4.0, 6.0, 5.0]
    r = xmr(values)
    mean, upper, two_sigma = hand_limits(values)
    assert list(r.columns) == stats.XMR_COLUMNS
    assert r["mean"].iloc[0] == pytest.approx(mean)
    assert np.isnan(r["moving_range"].iloc[0])
    assert r["moving_range"].iloc[1:].tolist() == [2, 2, 2, 2, 2, 4, 2, 1, 2, 1]
    assert r["upper"].iloc[0] == pytest.approx(upper)
    assert r["sigma"].iloc[0] * 2 == pytest.approx(two_sigma)
    assert r["limit_points"].iloc[0] == 11 and r["provisional"].all()


def test_xmr_screens_out_moving_ranges_of_3267_mean_ranges_or_more():
    values = [10.0, 11.0] * 7 + [30.0, 10.0, 11.0]
    r = xmr(values)
    ranges = [abs(b - a) for a, b in zip(values, values[1:], strict=False)]
    mean_range = statistics.fmean(ranges)
    kept = [x for x in ranges if x < 3.267 * mean_range]
    assert len(kept) == len(ranges) - 2  # the jump up to 30 and back
    assert r["mr_bar"].iloc[0] == pytest.approx(statistics.fmean(kept))
    assert r["upper"].iloc[0] == pytest.approx(statistics.fmean(values) + 2.66)
    assert r.loc[14, "rule_beyond_limits"]
    assert xmr(values, screen=False)["mr_bar"].iloc[0] == pytest.approx(mean_range)


def test_xmr_common_cause_series_triggers_nothing():
    r = xmr(alternating(12), higher_is_better=True)
    assert not r[RULES + ["special_cause"]].any().any()
    assert r["direction"].isna().all()


def test_xmr_run_of_seven_triggers_six_does_not():
    # both neighbours of the run sit below the mean
    seven = xmr(alternating(6) + [0.5] * 7 + alternating(6, first=-1.0))
    assert flagged(seven) == {
        "rule_beyond_limits": [],
        "rule_run": list(range(12, 19)),
        "rule_trend": [],
        "rule_two_of_three": [],
    }
    assert seven.loc[12:18, "direction"].eq("high").all()
    six = xmr(alternating(6) + [0.5] * 6 + alternating(6, first=-1.0))
    assert not six[RULES].any().any()


def test_xmr_point_on_the_mean_breaks_a_run():
    broken = alternating(6) + [0.5, 0.5, 0.5, 0.0, 0.5, 0.5, 0.5] + [-3.0]
    r = xmr(broken)
    assert r["mean"].iloc[0] == 0.0
    assert not r["rule_run"].any()
    whole = alternating(6) + [0.5] * 7 + [-3.5]
    assert xmr(whole)["rule_run"].iloc[12:19].all()


def test_xmr_trend_of_seven_triggers_six_does_not():
    # the neighbours fall into and out of the trend, so it is exactly seven points long
    before, after = alternating(6, first=-1.0), alternating(6, first=-1.0)
    rising = [-0.6, -0.4, -0.2, 0.0, 0.2, 0.4, 0.6]
    seven = xmr(before + rising + after, higher_is_better=True)
    assert flagged(seven) == {
        "rule_beyond_limits": [],
        "rule_run": [],
        "rule_trend": list(range(12, 19)),
        "rule_two_of_three": [],
    }
    # a rising trend points up even where it sits below the mean
    assert seven.loc[12:18, "direction"].eq("high").all()
    assert seven.loc[12:18, "variation"].eq("special cause improvement").all()
    six = xmr(before + [-0.5, -0.3, -0.1, 0.1, 0.3, 0.5] + after)
    assert not six[RULES].any().any()


def test_xmr_falling_trend_and_a_tie_breaks_it():
    falling = xmr(alternating(6) + [0.6, 0.4, 0.2, 0.0, -0.2, -0.4, -0.6] + alternating(6))
    assert flagged(falling)["rule_trend"] == list(range(12, 19))
    assert falling.loc[12:18, "direction"].eq("low").all()
    tied = xmr(alternating(6) + [0.6, 0.4, 0.2, 0.2, -0.2, -0.4, -0.6] + alternating(6))
    assert not tied["rule_trend"].any()


def test_xmr_a_tie_before_a_fall_reads_as_falling_as_nhsrplotthedots_has_it():
    # a rise of 7 to a peak, the peak repeated, then a fall of 7 from the repeated peak: the
    # first peak ends the rise, but the step after it (a tie) is what NHSRplotthedots reads
    rise = [-0.6, -0.4, -0.2, 0.0, 0.2, 0.4, 0.6]
    values = alternating(6, first=-1.0) + rise + rise[::-1] + [1.0, -1.0]
    r = xmr(values, higher_is_better=True)
    assert r.loc[12:25, "rule_trend"].all()
    assert r.loc[12:17, "direction"].eq("high").all()
    assert r.loc[18:25, "direction"].eq("low").all()  # 18 is the first peak, before the tie


def test_xmr_single_outlier_beyond_limits():
    values = alternating(10) + [9.0] + alternating(10)
    r = xmr(values, higher_is_better=False)
    assert r["upper"].iloc[0] < 9.0
    assert flagged(r) == {
        "rule_beyond_limits": [20],
        "rule_run": [],
        "rule_trend": [],
        "rule_two_of_three": [],
    }
    assert r.loc[20, "variation"] == "special cause concern"
    assert stats.variation_icon(r) == "common_cause"  # the latest point is ordinary
    assert stats.variation_icon(r.iloc[:21]) == "concern_high"
    inside = alternating(10) + [5.0] + alternating(10)
    assert hand_limits(inside)[1] > 5.0
    assert not xmr(inside)[RULES].any().any()


def test_xmr_two_of_three_beyond_two_sigma():
    values = alternating(10) + [4.5, 0.5, 4.5] + alternating(10)
    mean, upper, two_sigma = hand_limits(values)
    assert mean + two_sigma < 4.5 < upper and mean < 0.5
    r = xmr(values, higher_is_better=True)
    # only the two points beyond 2 sigma are flagged, not the one between them
    assert flagged(r) == {
        "rule_beyond_limits": [],
        "rule_run": [],
        "rule_trend": [],
        "rule_two_of_three": [20, 22],
    }
    assert r.loc[[20, 22], "variation"].eq("special cause improvement").all()
    assert r.loc[21, "variation"] == "common cause"


def test_xmr_two_of_three_does_not_count_points_beyond_the_limit():
    # one point beyond the upper limit and one close to it: one "close" point only
    values = alternating(10) + [9.0, 0.5, 4.0] + alternating(10)
    r = xmr(values)
    sigma, mean, upper = r["sigma"].iloc[0], r["mean"].iloc[0], r["upper"].iloc[0]
    assert mean + 2 * sigma < 4.0 < upper < 9.0
    assert flagged(r)["rule_beyond_limits"] == [20]
    assert not r["rule_two_of_three"].any()


def test_xmr_one_of_three_beyond_two_sigma_does_not_trigger():
    values = alternating(10) + [4.5, 0.5, -1.0] + alternating(10)
    mean, upper, two_sigma = hand_limits(values)
    assert mean + two_sigma < 4.5 < upper
    assert not xmr(values)[RULES].any().any()


def test_xmr_two_of_three_needs_all_three_on_one_side():
    values = alternating(10) + [4.5, -0.5, 4.5] + alternating(10)
    mean, _, two_sigma = hand_limits(values)
    assert mean + two_sigma < 4.5 and mean > -0.5
    assert not xmr(values)["rule_two_of_three"].any()


def test_xmr_constant_series_sits_on_the_mean():
    r = xmr([4.0] * 15, higher_is_better=True)
    assert r["mr_bar"].iloc[0] == 0 and r["upper"].iloc[0] == 4.0
    assert not r["special_cause"].any()


def test_xmr_variation_neither_without_direction():
    r = xmr(alternating(10) + [9.0] + alternating(10))
    assert r.loc[20, "variation"] == "special cause neither"
    assert r.loc[20, "direction"] == "high"
    assert stats.variation_icon(r.iloc[:21]) == "neither_high"


@pytest.mark.parametrize(
    ("n", "limits", "provisional"),
    [(5, False, False), (6, True, True), (12, True, True), (13, True, False)],
)
def test_xmr_no_limits_below_six_points_provisional_below_thirteen(n, limits, provisional):
    assert (stats.XMR_MIN_POINTS, stats.XMR_STABLE_POINTS) == (6, 13)
    r = xmr(([1.0, 2.0, 1.5] * 5)[:n])
    assert r["upper"].notna().all() == limits
    assert r["provisional"].all() == provisional
    assert r["limit_points"].iloc[0] == n


def test_xmr_missing_month_is_a_gap_that_breaks_the_moving_ranges():
    dates = months(14).delete(6)  # Oct 2022 missing
    values = [5.0, 7.0, 6.0, 8.0, 6.0, 7.0, 9.0, 6.0, 7.0, 5.0, 6.0, 8.0, 7.0]
    r = xmr(values, dates)
    assert len(r) == 14 and r["date"].tolist() == list(months(14))
    assert np.isnan(r.loc[6, "value"]) and r.loc[6, "variation"] is None
    assert np.isnan(r.loc[6, "moving_range"]) and np.isnan(r.loc[7, "moving_range"])
    ranges = [2, 1, 2, 2, 1] + [3, 1, 2, 1, 2, 1]  # either side of the gap, none across it
    assert r["moving_range"].dropna().tolist() == ranges
    assert r["mr_bar"].iloc[0] == pytest.approx(statistics.fmean(ranges))
    assert r["mean"].iloc[0] == pytest.approx(statistics.fmean(values))
    assert r["limit_points"].iloc[0] == 13 and not r["provisional"].any()


def test_xmr_missing_month_breaks_a_run():
    dates = months(28).delete(15)
    values = alternating(6) + [0.5] * 9 + alternating(3, first=-1.0)
    whole = xmr(values, months(27))
    assert whole["rule_run"].sum() == 9
    gap = xmr(values, dates)  # 3 then 6 points above the mean, either side of the gap
    assert not gap["rule_run"].any()


def test_xmr_month_end_dates_are_months_and_a_quarterly_series_has_no_gaps():
    ends = months(13) + pd.offsets.MonthEnd(0)
    r = xmr(alternating(6) + [1.0], ends)
    assert r["date"].tolist() == list(months(13))
    quarters = pd.date_range("2022-04-01", periods=8, freq="QS")
    q = xmr(alternating(4), quarters)
    assert len(q) == 8 and q["value"].notna().all()
    assert q["date"].tolist() == list(quarters)


def test_xmr_nan_value_is_a_gap_and_rows_are_sorted_by_date():
    dates = pd.to_datetime(["2024-03-01", "2024-01-01", "2024-02-01", "2024-04-01"])
    r = xmr([3.0, 1.0, np.nan, 6.0], dates=dates)
    assert r["date"].tolist() == list(pd.to_datetime(["2024-01", "2024-02", "2024-03", "2024-04"]))
    assert r["value"].tolist()[::2] == [1, 3] and np.isnan(r["value"].iloc[1])
    assert r["moving_range"].iloc[3] == 3 and r["moving_range"].iloc[:3].isna().all()


def test_xmr_fewer_than_six_points_is_a_run_chart():
    one = xmr([5.0, np.nan])
    assert len(one) == 2
    assert np.isnan(one.loc[0, "upper"]) and np.isnan(one.loc[0, "lower"])
    assert not one[RULES + ["special_cause"]].any().any()
    assert stats.variation_icon(one) == "common_cause"
    empty = xmr([])
    assert empty.empty and list(empty.columns) == stats.XMR_COLUMNS
    assert stats.variation_icon(empty) is None


def step_change() -> list[float]:
    """12 months around 10, then 12 months around 14 (a known, sustained change)."""
    return [10.0, 10.4, 9.8, 10.2, 9.9, 10.3] * 2 + [14.0, 14.4, 13.8, 14.2, 13.9, 14.3] * 2


def test_xmr_step_change_without_rebase_turns_every_earlier_month_special():
    r = xmr(step_change(), months(24), higher_is_better=False)
    assert r.loc[:11, "variation"].eq("special cause improvement").all()
    assert r.loc[12:, "variation"].eq("special cause concern").all()


def test_xmr_rebase_gives_each_part_its_own_limits():
    r = xmr(step_change(), months(24), higher_is_better=False, rebase=[months(24)[12]])
    assert r["segment"].tolist() == [0] * 12 + [1] * 12
    first, second = r.groupby("segment").first().itertuples()
    assert first.mean == pytest.approx(statistics.fmean(step_change()[:12]))
    assert second.mean == pytest.approx(statistics.fmean(step_change()[12:]))
    assert first.limit_points == second.limit_points == 12
    assert not r["special_cause"].any()
    # a rebase date in a monthly series counts by its month
    mid_month = xmr(step_change(), months(24), rebase=[pd.Timestamp("2023-04-17")])
    assert mid_month["segment"].tolist() == r["segment"].tolist()


def test_xmr_baseline_fixes_limits_on_the_first_points():
    r = xmr(step_change(), months(24), higher_is_better=False, baseline=12)
    assert r["mean"].iloc[-1] == pytest.approx(statistics.fmean(step_change()[:12]))
    assert r["baseline"].sum() == 12 and r["limit_points"].iloc[0] == 12
    # month 11 sits above the baseline mean and starts the run of the higher months
    assert r.loc[:10, "variation"].eq("common cause").all()
    assert r.loc[11:, "variation"].eq("special cause concern").all()
    with pytest.raises(ValueError, match="at least 6 points"):
        xmr(step_change(), baseline=5)


@pytest.mark.parametrize(
    "as_given",
    [
        lambda d: d.to_numpy(),  # datetime64 array, as the gap rules pass period ends
        lambda d: list(d.date),  # datetime.date objects
        lambda d: pd.Series(d, index=range(10, 10 + len(d))),  # a column with its own index
    ],
)
def test_xmr_reads_dates_in_any_form_and_fills_the_missing_month(as_given):
    dates = months(14).delete(6) + pd.offsets.MonthEnd(0)
    r = xmr(list(range(13)), as_given(dates))
    assert len(r) == 14 and np.isnan(r.loc[6, "value"])
    assert r["date"].tolist() == list(months(14))


def test_z95_is_scipys_normal_quantile_and_scipy_loads_only_when_a_statistic_is_asked_for():
    # Z95 is written out so that importing the statistics does not load scipy (60 MB, 0.4 s)
    # on pages that draw none, such as Upload.
    assert float(sps.norm.ppf(0.975)) == stats.Z95
    code = (
        "import sys; import ahp_analytics.analysis.stats, ahp_analytics.analysis.scan, "
        "ahp_analytics.analysis.changes, ahp_analytics.analysis.measures; "
        "print('scipy.stats' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.strip() == "False"
