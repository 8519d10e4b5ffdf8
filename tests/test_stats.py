"""Tests for ahp_analytics.stats against values worked out by hand or by scipy called directly."""

from __future__ import annotations

import math
import statistics
from statistics import NormalDist

import numpy as np
import pandas as pd
import pytest
from scipy import stats as sps

from ahp_analytics.stats import (
    compare_groups,
    compare_within,
    describe_groups,
    funnel_limits,
    funnel_points,
    overdispersion_phi,
    peer_position,
    spearman,
    summary_sentence,
    xmr,
)

Z975 = NormalDist().inv_cdf(0.975)


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


# --- funnel plots ------------------------------------------------------------------------------


def test_funnel_limits_match_formula_and_clip_at_zero():
    p0, lim = funnel_limits([2, 20, 200], [10, 100, 1000], n_points=3)
    assert p0 == pytest.approx(222 / 1110)  # 0.2
    assert lim["n"].to_numpy() == pytest.approx([10, 100, 1000])
    for n in (10, 100, 1000):
        row = lim.loc[np.isclose(lim["n"], n)].iloc[0]
        se = math.sqrt(0.2 * 0.8 / n)
        assert row["upper_95"] == pytest.approx(0.2 + 1.96 * se)
        assert row["lower_95"] == pytest.approx(max(0.0, 0.2 - 1.96 * se))
        assert row["upper_998"] == pytest.approx(0.2 + 3.09 * se)
        assert row["lower_998"] == pytest.approx(max(0.0, 0.2 - 3.09 * se))
    # at n = 10 the unclipped lower limits are negative (0.2 - 1.96 * 0.126 = -0.048)
    assert lim.loc[0, "lower_95"] == 0 and lim.loc[0, "lower_998"] == 0
    assert lim.loc[2, "lower_998"] > 0


def test_funnel_limits_clip_at_one_and_grid():
    p0, lim = funnel_limits([9, 900], [10, 1000], n_points=50)
    assert p0 == pytest.approx(0.9)
    assert len(lim) == 50
    assert lim["n"].iloc[0] == pytest.approx(10) and lim["n"].iloc[-1] == pytest.approx(1000)
    assert lim["n"].is_monotonic_increasing
    # at n = 10: 0.9 + 1.96 * sqrt(0.09 / 10) = 1.086, clipped
    assert lim.loc[0, "upper_95"] == 1
    assert (lim[["lower_95", "upper_95", "lower_998", "upper_998"]] <= 1).all().all()


def test_funnel_excludes_non_positive_denominators():
    p0, lim = funnel_limits([5, 3, 30], [0, -4, 100])
    assert p0 == pytest.approx(0.3)
    assert lim.attrs["n_excluded"] == 2
    assert lim["n"].iloc[0] == pytest.approx(100)


def test_funnel_limits_with_phi_widen_by_sqrt_phi():
    _, plain = funnel_limits([20, 200], [100, 1000], n_points=5)
    _, wide = funnel_limits([20, 200], [100, 1000], n_points=5, phi=4.0)
    assert (wide["upper_95"] - 0.2).to_numpy() == pytest.approx(
        2 * (plain["upper_95"] - 0.2).to_numpy()
    )


def test_funnel_points_flags():
    # p0 0.2 and n 100 give se 0.04
    pts = funnel_points([20, 29, 33, 10, 1], [100, 100, 100, 100, 0], 0.2)
    assert pts["z"].iloc[:4].to_numpy() == pytest.approx([0, 2.25, 3.25, -2.5])
    assert pts["outside_95"].tolist() == [False, True, True, True, False]
    assert pts["outside_998"].tolist() == [False, False, True, False, False]
    assert pts["side"].tolist() == [None, "high", "high", "low", None]
    assert pts["excluded"].tolist() == [False, False, False, False, True]
    assert np.isnan(pts.loc[4, "proportion"])
    assert pts.attrs["n_excluded"] == 1


def test_overdispersion_phi_by_hand():
    # z = 0..10: the 10% and 90% quantiles are 1 and 9, so 0 -> 1 and 10 -> 9
    squares = [1, 1, 4, 9, 16, 25, 36, 49, 64, 81, 81]
    assert overdispersion_phi(np.arange(11.0)) == pytest.approx(sum(squares) / 11)


# --- SPC (XmR) ---------------------------------------------------------------------------------

RULES = ["rule_beyond_limits", "rule_run", "rule_trend", "rule_two_of_three"]


def alternating(pairs: int, first: float = 1.0) -> list[float]:
    """+-1 around zero: no run, trend or far point; ``first`` sets the sign it starts with."""
    return [first, -first] * pairs


def flagged(result: pd.DataFrame) -> dict[str, list[int]]:
    return {rule: np.flatnonzero(result[rule]).tolist() for rule in RULES}


def hand_limits(values: list[float]) -> tuple[float, float, float]:
    """Mean, upper limit and 2-sigma distance computed without numpy."""
    mean = statistics.fmean(values)
    mr_bar = statistics.fmean(abs(b - a) for a, b in zip(values, values[1:], strict=False))
    return mean, mean + 2.66 * mr_bar, 2 * mr_bar / 1.128


def test_xmr_columns_and_limits_by_hand():
    values = [3.0, 5.0, 4.0, 6.0, 5.0]
    r = xmr(values)
    # moving ranges 2, 1, 2, 1: mr_bar 1.5; mean 4.6
    assert r["mean"].iloc[0] == pytest.approx(4.6)
    assert np.isnan(r["moving_range"].iloc[0])
    assert r["moving_range"].iloc[1:].tolist() == [2, 1, 2, 1]
    assert r["mr_bar"].iloc[0] == pytest.approx(1.5)
    assert r["upper"].iloc[0] == pytest.approx(4.6 + 2.66 * 1.5)
    assert r["lower"].iloc[0] == pytest.approx(4.6 - 2.66 * 1.5)
    assert r["sigma"].iloc[0] == pytest.approx(1.5 / 1.128)
    assert r["variation"].eq("common cause").all()


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


def test_xmr_trend_of_six_triggers_five_does_not():
    # the neighbours fall into and out of the trend, so it is exactly six points long
    before, after = alternating(6, first=-1.0), alternating(6, first=-1.0)
    rising = [-0.5, -0.3, -0.1, 0.1, 0.3, 0.5]
    six = xmr(before + rising + after, higher_is_better=True)
    assert flagged(six) == {
        "rule_beyond_limits": [],
        "rule_run": [],
        "rule_trend": list(range(12, 18)),
        "rule_two_of_three": [],
    }
    # a rising trend points up even where it sits below the mean
    assert six.loc[12:17, "direction"].eq("high").all()
    assert six.loc[12:17, "variation"].eq("special cause improvement").all()
    five = xmr(before + [-0.4, -0.2, 0.0, 0.2, 0.4] + after)
    assert not five[RULES].any().any()


def test_xmr_falling_trend_and_ties():
    falling = xmr(alternating(6) + [0.5, 0.3, 0.1, -0.1, -0.3, -0.5] + alternating(6))
    assert flagged(falling)["rule_trend"] == list(range(12, 18))
    assert falling.loc[12:17, "direction"].eq("low").all()
    tied = xmr(alternating(6) + [0.5, 0.3, 0.1, 0.1, -0.3, -0.5] + alternating(6))
    assert not tied["rule_trend"].any()


def test_xmr_single_outlier_beyond_limits():
    values = alternating(10) + [9.0] + alternating(10)
    _, upper, _ = hand_limits(values)
    assert upper < 9.0
    r = xmr(values, higher_is_better=False)
    assert flagged(r) == {
        "rule_beyond_limits": [20],
        "rule_run": [],
        "rule_trend": [],
        "rule_two_of_three": [],
    }
    assert r.loc[20, "variation"] == "special cause concern"
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


def test_xmr_one_of_three_beyond_two_sigma_does_not_trigger():
    values = alternating(10) + [4.5, 0.5, -1.0] + alternating(10)
    mean, upper, two_sigma = hand_limits(values)
    assert mean + two_sigma < 4.5 < upper
    assert not xmr(values)[RULES].any().any()


def test_xmr_one_far_point_among_three_on_one_side_does_not_trigger():
    values = alternating(10) + [0.5, 4.5, 0.5] + alternating(10, first=-1.0)
    mean, upper, two_sigma = hand_limits(values)
    assert mean + two_sigma < 4.5 < upper and mean < 0.5
    assert not xmr(values)[RULES].any().any()


def test_xmr_constant_series_sits_on_the_mean():
    r = xmr([4.0] * 15, higher_is_better=True)
    assert r["mr_bar"].iloc[0] == 0
    assert not r["special_cause"].any()


def test_xmr_two_of_three_needs_all_three_on_one_side():
    values = alternating(10) + [4.5, -0.5, 4.5] + alternating(10)
    mean, _, two_sigma = hand_limits(values)
    assert mean + two_sigma < 4.5 and mean > -0.5
    assert not xmr(values)["rule_two_of_three"].any()


def test_xmr_variation_neither_without_direction():
    r = xmr(alternating(10) + [9.0] + alternating(10))
    assert r.loc[20, "variation"] == "special cause neither"
    assert r.loc[20, "direction"] == "high"


def test_xmr_provisional_below_twelve_points():
    assert xmr(alternating(5) + [1.0])["provisional"].all()  # 11 points
    assert not xmr(alternating(6))["provisional"].any()  # 12 points


def test_xmr_drops_nan_and_sorts_by_date():
    dates = pd.to_datetime(["2024-03-01", "2024-01-01", "2024-02-01", "2024-04-01"])
    r = xmr([3.0, 1.0, np.nan, 6.0], dates=dates)
    assert r["date"].tolist() == list(pd.to_datetime(["2024-01-01", "2024-03-01", "2024-04-01"]))
    assert r["value"].tolist() == [1, 3, 6]
    assert r["moving_range"].iloc[1:].tolist() == [2, 3]


def test_xmr_fewer_than_two_points():
    one = xmr([5.0, np.nan])
    assert len(one) == 1
    assert np.isnan(one.loc[0, "upper"]) and np.isnan(one.loc[0, "lower"])
    assert not one[RULES + ["special_cause"]].any().any()
    empty = xmr([])
    assert empty.empty
    assert "variation" in empty.columns
