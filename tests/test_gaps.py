"""Gap and risk rules on hand-made data: each fires when it should and not otherwise."""

from __future__ import annotations

import pandas as pd
import pytest

from ahp_analytics.analysis import gaps, measures, stats
from ahp_analytics.domain.periods import parse_window
from ahp_analytics.domain.schema import frame
from ahp_analytics.present import charts

WINDOW = parse_window("2024/25")
MONTHS = [f"{2023 + (m + 3) // 12}-{(m + 3) % 12 + 1:02d}" for m in range(24)]  # 2023-04..2025-03
PEERS = [f"T{i:02d}" for i in range(1, 7)]
SUBJECT = "T07"


def wf_rows(org, physio=50.0, diet=10.0, senior=15.0, vacancy=5.0, jump_from=None, months=MONTHS):
    """Monthly workforce: a vacancy series that alternates around its level (common cause
    only) unless it jumps by 5 FTE from ``jump_from``."""
    rows = []
    for i, m in enumerate(months):
        vac = vacancy + (0.2 if i % 2 else -0.2) + (5.0 if jump_from and m >= jump_from else 0)
        for prof, band, fte, v in (
            ("Physiotherapist", "Band 6", physio, vac),
            ("Dietitian", "Band 6", diet, 0.0),
            ("Physiotherapist", "Band 8a", senior, 0.0),
        ):
            if fte:
                rows.append(
                    {
                        "org_code": org,
                        "period": m,
                        "profession": prof,
                        "band": band,
                        "fte": fte,
                        "headcount": fte,
                        "vacancy_fte": v,
                    }
                )
    return rows


def post(org, role, profession=None, board="No board role", fte=1.0, reports="Chief nurse"):
    return {
        "org_code": org,
        "period": "2025-03",
        "role": role,
        "job_title": role,
        "profession": profession,
        "band": "Band 8c",
        "fte": fte,
        "strategic_time_pct": 50.0,
        "board_role": board,
        "reports_to": reports,
    }


def leads(org, fte=1.0, professions=("Physiotherapist", "Dietitian")):
    return [post(org, "Professional lead", p, fte=fte) for p in professions]


def standard_posts(org, fte=1.0):
    """Category B (a Lead AHP who attends board) with a lead for each profession."""
    return [post(org, "Lead AHP", "Physiotherapist", "Attends board", fte), *leads(org, fte)]


def any_staff_rules() -> pd.DataFrame:
    """The shipped rules with professions_without_lead at threshold 0 (any staff), so the
    small hand-made workforces here can trip it."""
    rules = gaps.load_rules()
    rules.loc[rules["rule_id"] == "professions_without_lead", "threshold"] = 0.0
    return rules


def world(subject_posts=None, subject_wf=None, indicators=(), rules=None, peer_senior=None):
    """Six Acute peers in category B (with ``peer_senior`` FTE in Band 8a each, default 15),
    and the subject (also Acute) as given; returns the subject's checks keyed by rule id, and
    the inputs."""
    orgs = [*PEERS, SUBJECT]
    organisations = frame(
        "organisations",
        [{"org_code": o, "org_name": f"Trust {o}", "trust_type": "Acute"} for o in orgs],
    )
    seniors = peer_senior or [15.0] * len(PEERS)
    workforce_rows = [
        r for o, sen in zip(PEERS, seniors, strict=True) for r in wf_rows(o, senior=sen)
    ]
    workforce_rows += wf_rows(SUBJECT) if subject_wf is None else subject_wf
    posts = [p for i, o in enumerate(PEERS) for p in standard_posts(o, 1.0 + 0.1 * i)]
    posts += standard_posts(SUBJECT) if subject_posts is None else subject_posts
    workforce = frame("workforce", workforce_rows)
    leadership = frame("leadership", posts)
    ind = frame("indicators", indicators)
    summary = measures.summary(workforce, leadership, ind, organisations, WINDOW)
    rules = any_staff_rules() if rules is None else rules
    inputs = gaps.GapInputs(summary, workforce, leadership, WINDOW, rules, ind)
    checks = gaps.org_checks(SUBJECT, inputs)
    return checks.set_index("rule_id"), (summary, workforce, leadership, ind)


def status(checks, rule):
    return checks.loc[rule, "status"]


# --- the rules file ---------------------------------------------------------------------------


def test_rules_file_loads_with_every_rule_enabled():
    rules = gaps.load_rules()
    assert list(rules["rule_id"]) == list(gaps.RULES)
    assert rules["enabled"].all()
    assert set(rules["severity"]) <= set(gaps.SEVERITIES)
    thresholds = rules.set_index("rule_id")["threshold"]
    assert thresholds["low_leadership_capacity"] == 10
    assert thresholds["professions_without_lead"] == 100
    assert thresholds["lead_not_at_board"] == 50


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("severity", "urgent", "not high, medium or low"),
        ("rule_id", "no_such_rule", "unknown rule_id"),
        ("enabled", "yes", "not true or false"),
        ("threshold", "", "needs a number"),
    ],
)
def test_rules_file_mistakes_are_refused(tmp_path, column, value, message):
    rules = pd.read_csv(gaps.RULES_FILE, dtype=str, keep_default_na=False)
    rules.loc[rules["rule_id"] == "senior_share_low", column] = value
    path = tmp_path / "rules.csv"
    rules.to_csv(path, index=False)
    with pytest.raises(ValueError, match=message):
        gaps.load_rules(path)


def test_disabled_rule_does_not_run():
    rules = gaps.load_rules()
    rules.loc[rules["rule_id"] == "no_strategic_lead", "enabled"] = False
    checks, _ = world(subject_posts=leads(SUBJECT), rules=rules)
    assert "no_strategic_lead" not in checks.index
    assert "lead_not_at_board" in checks.index


# --- each rule --------------------------------------------------------------------------------


def test_no_strategic_lead_fires_for_professional_leads_only():
    checks, _ = world(subject_posts=leads(SUBJECT))
    row = checks.loc["no_strategic_lead"]
    assert row["status"] == gaps.FLAG
    assert row["severity"] == "high"
    assert row["value_text"] == measures.CATEGORIES[3]
    assert row["headline"] == "no strategic AHP lead (category D)"
    assert row["peer_group"] == "Acute"
    # the six peers, the subject itself left out
    assert row["peer_text"] == "6 of 6 Acute peers (100%) have a strategic AHP lead (A to C)."
    assert (row["measure"], row["measure_label"]) == ("leadership_level", "Leadership level")
    assert (row["peer_n"], row["peer_median"]) == (6, 3)


def test_no_strategic_lead_fires_for_an_explicit_nil_return():
    nil = {"org_code": SUBJECT, "period": "2025-03", "role": "None"}
    checks, _ = world(subject_posts=[nil])
    assert status(checks, "no_strategic_lead") == gaps.FLAG
    assert checks.loc["no_strategic_lead", "value_text"] == measures.CATEGORIES[4]
    assert checks.loc["no_strategic_lead", "detail"] == (
        "The leadership return says the trust has no AHP leadership posts, though it reports "
        "75.0 AHP FTE (2025-03-01)."
    )


def test_no_leadership_return_is_not_assessed_rather_than_flagged():
    checks, _ = world(subject_posts=[])
    for rule in (
        "no_strategic_lead",
        "lead_not_at_board",
        "low_leadership_capacity",
        "professions_without_lead",
    ):
        assert status(checks, rule) == gaps.NOT_ASSESSED, rule
        assert "No leadership return in the window" in checks.loc[rule, "detail"], rule


def test_no_strategic_lead_clear_with_a_lead_ahp():
    checks, _ = world()
    assert status(checks, "no_strategic_lead") == gaps.CLEAR


def test_lead_not_at_board_fires_for_category_c_only():
    below = [post(SUBJECT, "Lead AHP", reports="Chief operating officer"), *leads(SUBJECT)]
    checks, _ = world(subject_posts=below)
    assert status(checks, "lead_not_at_board") == gaps.FLAG
    assert "Chief operating officer" in checks.loc["lead_not_at_board", "detail"]
    assert status(checks, "no_strategic_lead") == gaps.CLEAR
    at_board, _ = world()
    assert status(at_board, "lead_not_at_board") == gaps.CLEAR
    none, _ = world(subject_posts=leads(SUBJECT))
    assert status(none, "lead_not_at_board") == gaps.CLEAR  # D is the other rule's flag


def test_lead_not_at_board_only_where_most_peers_are_at_board():
    """Below board is the usual arrangement in many places: a C trust is flagged only where
    at least the threshold's share of its peers have an AHP leader at board."""
    below = [post(SUBJECT, "Lead AHP", reports="Chief operating officer"), *leads(SUBJECT)]
    rules = any_staff_rules()
    checks, _ = world(subject_posts=below, rules=rules)  # all six peers at board (B)
    assert status(checks, "lead_not_at_board") == gaps.FLAG
    assert checks.loc["lead_not_at_board", "peer_text"] == (
        "6 of 6 Acute peers (100%) have an AHP leader at board (A or B)."
    )
    rules.loc[rules["rule_id"] == "lead_not_at_board", "threshold"] = 100.0
    assert status(world(subject_posts=below, rules=rules)[0], "lead_not_at_board") == gaps.FLAG
    # peers mostly below board too: the subject does not differ from them
    orgs = [*PEERS, SUBJECT]
    organisations = frame(
        "organisations",
        [{"org_code": o, "org_name": f"Trust {o}", "trust_type": "Acute"} for o in orgs],
    )
    posts = [
        p
        for i, o in enumerate(PEERS)
        for p in [
            post(o, "Lead AHP", board="Attends board" if i < 2 else "No board role"),
            *leads(o),
        ]
    ] + below
    workforce = frame("workforce", [r for o in orgs for r in wf_rows(o)])
    leadership = frame("leadership", posts)
    summary = measures.summary(
        workforce, leadership, frame("indicators", []), organisations, WINDOW
    )
    for threshold, expected in ((50.0, gaps.CLEAR), (30.0, gaps.FLAG), (0.0, gaps.FLAG)):
        rules.loc[rules["rule_id"] == "lead_not_at_board", "threshold"] = threshold
        inputs = gaps.GapInputs(summary, workforce, leadership, WINDOW, rules)
        found = gaps.org_checks(SUBJECT, inputs)
        row = found.set_index("rule_id").loc["lead_not_at_board"]
        assert row["status"] == expected, threshold
    assert "2 of 6 Acute peers (33%)" in row["peer_text"]


def test_lead_not_at_board_threshold_is_a_share_of_peers(tmp_path):
    rules = pd.read_csv(gaps.RULES_FILE, dtype=str, keep_default_na=False)
    rules.loc[rules["rule_id"] == "lead_not_at_board", "threshold"] = "150"
    path = tmp_path / "rules.csv"
    rules.to_csv(path, index=False)
    with pytest.raises(ValueError, match="share of peers in per cent"):
        gaps.load_rules(path)


def test_low_leadership_capacity_bottom_quartile_of_peers():
    checks, _ = world(subject_posts=standard_posts(SUBJECT, fte=0.2))
    row = checks.loc["low_leadership_capacity"]
    assert row["status"] == gaps.FLAG
    assert row["value"] == pytest.approx(0.6 / 75 * 100)
    assert row["quartile"] == 1
    # the six peers (the subject itself left out) have 3.0, 3.3, ... 4.5 post FTE per 75 AHP
    # FTE: median (3.6 + 3.9) / 2
    assert row["peer_n"] == 6
    assert row["peer_median"] == pytest.approx(3.75 / 75 * 100)
    assert row["measure"] == "leadership_fte_per_100_ahp_fte"
    high, _ = world(subject_posts=standard_posts(SUBJECT, fte=2.0))
    assert status(high, "low_leadership_capacity") == gaps.CLEAR


def test_low_leadership_capacity_needs_enough_peers():
    rules = any_staff_rules()
    _, (summary, workforce, leadership, ind) = world(subject_posts=standard_posts(SUBJECT, 0.2))
    few = summary[summary["org_code"].isin(["T01", "T02", SUBJECT])]
    out = gaps.org_checks(SUBJECT, gaps.GapInputs(few, workforce, leadership, WINDOW, rules, ind))
    row = out.set_index("rule_id").loc["low_leadership_capacity"]
    assert row["status"] == gaps.NOT_ASSESSED
    assert "Only 2 Acute peers" in row["detail"]  # T01 and T02: the subject is not its peer


def test_professions_without_lead_lists_them():
    checks, _ = world(subject_posts=standard_posts(SUBJECT)[:2])  # Lead AHP + physio lead
    row = checks.loc["professions_without_lead"]
    assert row["status"] == gaps.FLAG
    assert row["detail"] == "No professional lead for: Dietitian (10.0 FTE)."
    assert row["headline"] == "1 profession without a professional lead"
    assert row["value"] == pytest.approx(50.0)
    assert status(world()[0], "professions_without_lead") == gaps.CLEAR


def test_professions_without_lead_threshold_ignores_small_professions():
    rules = any_staff_rules()
    rules.loc[rules["rule_id"] == "professions_without_lead", "threshold"] = 10.0
    checks, _ = world(subject_posts=standard_posts(SUBJECT)[:2], rules=rules)
    assert status(checks, "professions_without_lead") == gaps.CLEAR  # Dietitian has 10.0 FTE


def test_professions_without_lead_uses_the_latest_return_in_the_window():
    old = [dict(p, period="2024-03") for p in standard_posts(SUBJECT)]  # 2023/24: not used
    checks, _ = world(subject_posts=old)
    assert status(checks, "professions_without_lead") == gaps.NOT_ASSESSED
    new = [*old, post(SUBJECT, "Lead AHP", "Physiotherapist", "Attends board")]
    checks, _ = world(subject_posts=new)
    assert status(checks, "professions_without_lead") == gaps.FLAG
    assert checks.loc["professions_without_lead", "value_text"].startswith("0 of 2")


def test_professions_without_lead_has_its_own_measure_with_its_peers_values():
    # Every peer leads both its professions over 9 FTE (50 and 10 FTE); the subject neither.
    rules = any_staff_rules()
    rules.loc[rules["rule_id"] == "professions_without_lead", "threshold"] = 9.0
    checks, (summary, *_) = world(subject_posts=[post(SUBJECT, "Lead AHP")], rules=rules)
    row = checks.loc["professions_without_lead"]
    assert (row["measure"], row["measure_label"]) == (
        "large_profession_lead_coverage",
        "Professional lead coverage of larger professions",
    )
    assert row["value"] == 0 and row["status"] == gaps.FLAG
    assert row["value_text"] == "0 of 2 professions over 9 FTE have a professional lead"
    assert (row["peer_n"], row["peer_median"]) == (6, 100)
    # the summary's professional lead coverage (all staffed professions) keeps its own name
    assert summary.set_index("org_code").loc[SUBJECT, "professional_lead_coverage"] == 0


def test_professions_without_lead_not_assessed_when_no_lead_names_a_profession():
    posts = [post(SUBJECT, "Lead AHP"), post(SUBJECT, "Professional lead")]
    checks, (summary, *_) = world(subject_posts=posts)
    row = checks.loc["professions_without_lead"]
    assert row["status"] == gaps.NOT_ASSESSED
    assert "name no profession" in row["detail"]
    assert pd.isna(summary.set_index("org_code").loc[SUBJECT, "professional_lead_coverage"])


def test_vacancy_special_cause_fires_on_a_jump():
    checks, _ = world(subject_wf=wf_rows(SUBJECT, jump_from="2024-11"))
    row = checks.loc["vacancy_special_cause"]
    assert row["status"] == gaps.FLAG
    assert row["severity"] == "high"
    assert "a point beyond a process limit" in row["detail"]
    assert row["data_period"] == "2025-03-01"  # periods are dated by their first day
    assert row["value"] == pytest.approx(10.2 / 85.2 * 100)
    assert row["peer_median"] == pytest.approx(5.2 / 80.2 * 100)


def test_vacancy_special_cause_clear_on_common_cause_and_on_improvement():
    assert status(world()[0], "vacancy_special_cause") == gaps.CLEAR
    falling = wf_rows(SUBJECT, vacancy=10.0)
    for r in falling:  # vacancies fall by 5 FTE from November 2024: better, not a concern
        if (
            r["band"] == "Band 6"
            and r["profession"] == "Physiotherapist"
            and r["period"] >= "2024-11"
        ):
            r["vacancy_fte"] -= 5.0
    checks, _ = world(subject_wf=falling)
    assert status(checks, "vacancy_special_cause") == gaps.CLEAR


def test_vacancy_special_cause_needs_thirteen_months():
    checks, _ = world(subject_wf=wf_rows(SUBJECT, months=MONTHS[-6:]))
    assert status(checks, "vacancy_special_cause") == gaps.NOT_ASSESSED
    assert "6 monthly vacancy rate figures" in checks.loc["vacancy_special_cause", "detail"]
    twelve, _ = world(subject_wf=wf_rows(SUBJECT, months=MONTHS[-12:], jump_from="2025-03"))
    assert status(twelve, "vacancy_special_cause") == gaps.NOT_ASSESSED  # provisional limits
    assert "at least 13 needed" in twelve.loc["vacancy_special_cause", "detail"]
    thirteen, _ = world(subject_wf=wf_rows(SUBJECT, months=MONTHS[-13:], jump_from="2025-03"))
    assert status(thirteen, "vacancy_special_cause") == gaps.FLAG


def test_spc_minimum_is_stated_once_and_the_rules_file_and_readme_agree():
    rules = gaps.load_rules().set_index("rule_id")
    needs = f"Needs at least {stats.XMR_STABLE_POINTS} months"
    for rule in ("vacancy_special_cause", "turnover_special_cause"):
        assert needs in rules.loc[rule, "description"]
    readme = (gaps.RULES_FILE.parent / "README.md").read_text(encoding="utf-8")
    assert f"needs {stats.XMR_STABLE_POINTS} months" in readme
    assert not hasattr(gaps, "MIN_SPC_POINTS")


def test_vacancy_special_cause_only_looks_at_the_latest_months_of_the_window():
    # a jump that came and went in 2023/24 is history by March 2025
    rows = wf_rows(SUBJECT)
    for r in rows:
        if r["vacancy_fte"] and "2023-10" <= r["period"] <= "2023-12":
            r["vacancy_fte"] += 8.0
    checks, _ = world(subject_wf=rows)
    assert status(checks, "vacancy_special_cause") == gaps.CLEAR


def turnover(org, jump_from=None, kind="month"):
    periods = MONTHS if kind == "month" else ["2023/24", "2024/25"]
    return [
        {
            "org_code": org,
            "period": p,
            "indicator": "turnover",
            "value": 10 + (0.3 if i % 2 else -0.3) + (6 if jump_from and p >= jump_from else 0),
        }
        for i, p in enumerate(periods)
    ]


def test_turnover_special_cause_with_monthly_turnover():
    checks, _ = world(indicators=turnover(SUBJECT, jump_from="2024-12"))
    assert status(checks, "turnover_special_cause") == gaps.FLAG
    steady, _ = world(indicators=turnover(SUBJECT))
    assert status(steady, "turnover_special_cause") == gaps.CLEAR
    annual, _ = world(indicators=turnover(SUBJECT, kind="financial_year"))
    assert status(annual, "turnover_special_cause") == gaps.NOT_ASSESSED


def test_senior_share_far_below_peers_on_the_funnel():
    checks, _ = world(subject_wf=wf_rows(SUBJECT, physio=100.0, senior=1.0))
    row = checks.loc["senior_share_low"]
    assert row["status"] == gaps.FLAG
    assert row["value"] == pytest.approx(1 / 111 * 100)
    assert "lower 99.8% funnel limit" in row["peer_text"]
    assert status(world()[0], "senior_share_low") == gaps.CLEAR
    # a little below peers but inside the 99.8% limit
    near, _ = world(subject_wf=wf_rows(SUBJECT, senior=12.0))
    assert status(near, "senior_share_low") == gaps.CLEAR


def test_senior_share_rule_uses_the_funnel_plots_adjusted_limits():
    # peers spread from 10% to 36% senior: more than chance allows; a large subject at 6.8%
    # is below the limit for chance alone but inside the limits widened for that spread
    spread = [6.0, 10.0, 14.0, 18.0, 22.0, 26.0]
    big = wf_rows(SUBJECT, physio=1000.0, diet=100.0, senior=80.0)
    checks, (summary, *_) = world(subject_wf=big, peer_senior=spread)
    row = checks.loc["senior_share_low"]
    assert row["status"] == gaps.CLEAR
    assert "widened for variation between organisations" in row["peer_text"]
    unadjusted = stats.funnel(summary["senior_fte"], summary["ahp_fte"], summary["org_code"], False)
    assert unadjusted.points.set_index("group").loc[SUBJECT, "outside_998"]
    # the chart behind the flag draws these rows, and the subject inside its 99.8% limits
    peers = summary[summary["trust_type"] == row["peer_group"]]
    fig = charts.funnel_plot(peers, "senior_fte", "ahp_fte", "org_code", "t", "x", "y")
    where = {c[0]: t.meta for t in fig.data if t.customdata is not None for c in t.customdata}
    assert where[SUBJECT] != "outside_998"


@pytest.mark.parametrize("senior", [1.0, 3.0, 6.0, 9.0, 12.0, 15.0])
def test_senior_share_flag_is_the_charts_low_outlier(senior):
    spread = [10.0, 12.0, 14.0, 16.0, 18.0, 20.0]
    checks, (summary, *_) = world(subject_wf=wf_rows(SUBJECT, senior=senior), peer_senior=spread)
    flag = checks.loc["senior_share_low", "status"] == gaps.FLAG
    peers = summary[summary["trust_type"] == checks.loc["senior_share_low", "peer_group"]]
    f = gaps.senior_share_funnel(peers)
    point = f.points.set_index("group").loc[SUBJECT]
    assert flag == bool(point["outside_998"] and point["side"] == "low")
    fig = charts.funnel_plot(peers, "senior_fte", "ahp_fte", "org_code", "t", "x", "y")
    where = {c[0]: t.meta for t in fig.data if t.customdata is not None for c in t.customdata}
    assert flag == (where[SUBJECT] == "outside_998" and point["proportion"] < f.p0)


def test_senior_share_threshold_is_a_funnel_limit_in_per_cent(tmp_path):
    rules = pd.read_csv(gaps.RULES_FILE, dtype=str, keep_default_na=False)
    assert rules.set_index("rule_id").loc["senior_share_low", "threshold"] == "99.8"
    rules.loc[rules["rule_id"] == "senior_share_low", "threshold"] = "3.09"  # a z, as before
    path = tmp_path / "rules.csv"
    rules.to_csv(path, index=False)
    with pytest.raises(ValueError, match=r"funnel limit in per cent .*95 or 99.8"):
        gaps.load_rules(path)


# --- all organisations, the table and the verdict ------------------------------------------------


def test_all_flags_flag_table_and_verdict():
    bad_wf = wf_rows(SUBJECT, jump_from="2024-11")
    _, (summary, workforce, leadership, ind) = world(
        subject_posts=leads(SUBJECT, professions=("Physiotherapist",)), subject_wf=bad_wf
    )
    rules = any_staff_rules()
    inputs = gaps.GapInputs(summary, workforce, leadership, WINDOW, rules, ind)
    flags = gaps.all_flags(inputs)
    assert set(flags.columns) == set(gaps.FLAG_COLUMNS)
    mine = flags[flags["org_code"] == SUBJECT]
    assert list(mine["rule_id"]) == [
        "no_strategic_lead",
        "vacancy_special_cause",
        "professions_without_lead",
        "low_leadership_capacity",
    ]
    assert gaps.verdict(mine) == (
        "4 flags (2 high, 1 medium, 1 low): no strategic AHP lead (category D); AHP vacancy "
        "rate higher than usual (special cause); 1 profession without a professional lead; "
        "and 1 more."
    )
    same = gaps.org_flags(SUBJECT, inputs)
    pd.testing.assert_frame_equal(same, mine.reset_index(drop=True))

    table = gaps.flag_table(flags, summary)
    assert list(table.columns) == list(gaps.TABLE_COLUMNS)
    assert len(table) == 7
    top = table.iloc[0]
    assert top["org_code"] == SUBJECT
    assert (top["flags"], top["high"], top["medium"], top["low"], top["score"]) == (4, 2, 1, 1, 9)
    assert top["look_first_at"] == "no strategic AHP lead (category D)"
    assert table["score"].is_monotonic_decreasing
    assert table.iloc[-1]["flags"] == 0 and table.iloc[-1]["look_first_at"] is None


def test_verdict_without_flags():
    assert gaps.verdict(pd.DataFrame(columns=list(gaps.FLAG_COLUMNS))).startswith("No flags")


def test_organisation_without_data_in_the_window_has_no_checks():
    _, (summary, workforce, leadership, ind) = world()
    inputs = gaps.GapInputs(summary, workforce, leadership, WINDOW, any_staff_rules(), ind)
    out = gaps.org_checks("NOPE", inputs)
    assert out.empty and list(out.columns) == list(gaps.CHECK_COLUMNS)


def test_a_rule_and_the_peer_table_give_one_measure_one_number_and_one_direction():
    """Leadership FTE per 100 AHP FTE: the same value, peer median and n (the organisation
    itself never among its peers) and the same direction in the gap rule and the profile's
    peer table."""
    checks, (summary, *_) = world(subject_posts=standard_posts(SUBJECT, fte=0.2))
    rule = checks.loc["low_leadership_capacity"]
    table = measures.peer_comparison(summary, SUBJECT, "trust_type").set_index("code")
    row = table.loc[rule["measure"]]
    assert (row["value"], row["peer_median"], row["n_peers"]) == (
        rule["value"],
        rule["peer_median"],
        rule["peer_n"],
    )
    assert row["name"] == rule["measure_label"]
    assert row["higher_is_better"] is True and row["assessment"] == "worse"  # not "neutral"
