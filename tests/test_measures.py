"""Tests for ahp_analytics.analysis.measures and the compare command, on small hand-made frames
whose answers are worked out here."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from fixtures import indicator_rows, leadership_rows, make_file, result_of, workforce_rows

from ahp_analytics import demo
from ahp_analytics.analysis import measures, stats
from ahp_analytics.analysis.measures import (
    CATEGORIES,
    CATEGORY_LEVEL,
    compare_indicator,
    default_window,
    monthly_series,
    peer_groups,
    summary,
    summary_table,
    workforce_by,
)
from ahp_analytics.cli import build_parser
from ahp_analytics.cli import compare as compare_cmd
from ahp_analytics.domain import measures as registry
from ahp_analytics.domain import reference, schema
from ahp_analytics.domain.periods import financial_year_window
from ahp_analytics.domain.selection import Selection
from ahp_analytics.store import Store, open_store

FY2324 = financial_year_window(2023)
A, B, C, D, E = CATEGORIES


def table(name: str, rows: list[dict]) -> pd.DataFrame:
    """A frame shaped as Store.read returns it (the schema's canonical frame)."""
    return schema.frame(name, rows)


def wf(org, period, profession, band, fte, vacancy=None, headcount=None) -> dict:
    return {
        "org_code": org,
        "period": period,
        "profession": profession,
        "band": band,
        "fte": fte,
        "headcount": headcount,
        "vacancy_fte": vacancy,
    }


def nil(org, period="2024-03") -> dict:
    """The explicit nil return: one row whose Role is None, every other column blank."""
    return {"org_code": org, "period": period, "role": reference.NIL_ROLE}


def post(org, role, board="No board role", fte=1.0, pct=None, reports=None, **kw) -> dict:
    return {
        "org_code": org,
        "period": kw.pop("period", "2024-03"),
        "role": role,
        "fte": fte,
        "strategic_time_pct": pct,
        "board_role": board,
        "reports_to": reports,
        **kw,
    }


def run(workforce=(), leadership=(), indicators=(), organisations=(), window=FY2324):
    return summary(
        table("workforce", list(workforce)),
        table("leadership", list(leadership)),
        table("indicators", list(indicators)),
        table("organisations", list(organisations)),
        window,
    ).set_index("org_code", drop=False)


# X: 20 FTE in March 2024 across two professions; 4 FTE senior (8a + VSM); 3 vacancy FTE
# reported (one row leaves it blank).
X_WORKFORCE = [
    wf("X", "2024-03", "Physiotherapist", "Band 5", 10, vacancy=2, headcount=11),
    wf("X", "2024-03", "Physiotherapist", "Band 8a", 3, vacancy=0, headcount=3),
    wf("X", "2024-03", "Dietitian", "VSM", 1, vacancy=None, headcount=1),
    wf("X", "2024-03", "Dietitian", "Band 7", 6, vacancy=1, headcount=7),
]


# --- workforce measures ---------------------------------------------------------------------


def test_workforce_measures_by_hand():
    row = run(X_WORKFORCE).loc["X"]
    assert row["workforce_period"] == "2024-03-01"
    assert row["ahp_fte"] == 20
    assert row["ahp_headcount"] == 22
    # vacancy over the rows that report it: (2 + 0 + 1) / ((10 + 3 + 6) + 3); the Dietitian
    # VSM row (1 FTE, vacancy blank) is left out of the denominator, not counted as 0
    assert row["vacancy_fte"] == 3
    assert row["established_fte"] == 22
    assert row["vacancy_rate"] == pytest.approx(3 / 22 * 100)
    # senior: Band 8a 3 + VSM 1 = 4 of 20
    assert row["senior_band_share"] == pytest.approx(20.0)
    assert row["window"] == "2023/24"


def test_no_vacancies_reported_gives_nan_not_zero():
    rows = [
        wf("X", "2024-03", "Physiotherapist", "Band 6", 5),
        wf("X", "2024-03", "Dietitian", "Band 6", 5),
    ]
    row = run(rows).loc["X"]
    assert row["ahp_fte"] == 10
    assert np.isnan(row["vacancy_rate"])
    assert np.isnan(row["ahp_headcount"])


def test_zero_fte():
    rows = [wf("Z", "2024-03", "Physiotherapist", "Band 8b", 0, vacancy=0)]
    row = run(rows, [post("Z", "Lead AHP", fte=1)]).loc["Z"]
    assert row["ahp_fte"] == 0
    assert np.isnan(row["vacancy_rate"])  # 0 / (0 + 0)
    assert np.isnan(row["senior_band_share"])
    assert np.isnan(row["leadership_fte_per_100_ahp_fte"])
    assert np.isnan(row["professional_lead_coverage"])  # no profession has FTE > 0
    # all posts vacant: 2 / (0 + 2) = 100 %
    rows = [wf("Z", "2024-03", "Physiotherapist", "Band 6", 0, vacancy=2)]
    assert run(rows).loc["Z", "vacancy_rate"] == 100


def test_window_takes_the_latest_month_of_two():
    rows = [
        wf("X", "2024-02", "Physiotherapist", "Band 6", 50, vacancy=50),
        wf("X", "2024-03", "Physiotherapist", "Band 6", 8, vacancy=2),
        wf("X", "2024-04", "Physiotherapist", "Band 6", 99, vacancy=0),  # 2024/25: outside
    ]
    row = run(rows).loc["X"]
    assert row["workforce_period"] == "2024-03-01"
    assert row["ahp_fte"] == 8
    assert row["vacancy_rate"] == pytest.approx(2 / 10 * 100)
    later = run(rows, window=financial_year_window(2024)).loc["X"]
    assert (later["ahp_fte"], later["vacancy_rate"]) == (99, 0)


def test_workforce_by_and_monthly_series_agree_with_summary():
    other = [
        wf("Y", "2024-01", "Physiotherapist", "Band 5", 4, vacancy=1),
        wf("Y", "2023-12", "Physiotherapist", "Band 5", 100, vacancy=100),
    ]
    workforce = table("workforce", X_WORKFORCE + other)
    by_prof = workforce_by(workforce, FY2324).set_index("profession")
    # Physiotherapist: X 10 + 3, Y 4 (its January, not December); vacancy 2 + 0 + 1
    assert by_prof.loc["Physiotherapist", "ahp_fte"] == 17
    assert by_prof.loc["Physiotherapist", "vacancy_fte"] == 3
    assert by_prof.loc["Physiotherapist", "vacancy_rate"] == pytest.approx(3 / 20 * 100)
    assert by_prof.loc["Dietitian", "ahp_fte"] == 7
    only_y = workforce_by(workforce, FY2324, orgs=["Y"])
    assert only_y["ahp_fte"].tolist() == [4]
    assert workforce_by(workforce, financial_year_window(2020)).empty
    by_band = workforce_by(workforce, FY2324, by=("band",)).set_index("band")
    assert by_band.loc["Band 5", "ahp_fte"] == 14

    s = summary(
        workforce,
        table("leadership", []),
        table("indicators", []),
        table("organisations", []),
        FY2324,
    )
    by_org = workforce_by(workforce, FY2324, by=("org_code",))
    pd.testing.assert_series_equal(
        by_org["vacancy_rate"], s["vacancy_rate"], check_names=False, check_index=False
    )

    series = monthly_series(workforce, "Y")
    assert series["period"].dt.strftime("%Y-%m").tolist() == ["2023-12", "2024-01"]
    assert series["vacancy_rate"].tolist() == [50.0, 20.0]
    pooled = monthly_series(workforce)
    assert pooled["ahp_fte"].tolist() == [100, 4, 20]
    march = pooled.iloc[-1]
    assert march["senior_band_share"] == pytest.approx(20.0)
    assert march["vacancy_rate"] == pytest.approx(s.set_index("org_code").loc["X", "vacancy_rate"])


# --- leadership measures --------------------------------------------------------------------


def test_leadership_measures_by_hand():
    posts = [
        post("X", "Director of AHPs", "Voting board member", 1.0, 60, "Chief executive"),
        post("X", "Lead AHP", "Non-voting board member", 0.5, None, "Chief nurse"),
        post("X", "Professional lead", fte=0.4, pct=10, profession="Physiotherapist"),
        # a lead for a profession with no FTE does not count towards coverage
        post("X", "Professional lead", fte=0.1, pct=0, profession="Paramedic"),
    ]
    row = run(X_WORKFORCE, posts).loc["X"]
    assert row["leadership_period"] == "2024-03-01"
    assert row["leadership_posts"] == 4
    assert row["leadership_fte_per_100_ahp_fte"] == pytest.approx((1 + 0.5 + 0.4 + 0.1) / 20 * 100)
    # 1.0 x 60 % + 0.5 x blank (0) + 0.4 x 10 % + 0.1 x 0
    assert row["strategic_leadership_fte"] == pytest.approx(0.6 + 0.04)
    # professions with FTE: Physiotherapist, Dietitian; led: Physiotherapist
    assert row["professional_lead_coverage"] == pytest.approx(50.0)
    # a voting Director of AHPs and a non-voting Lead AHP: A wins
    assert row["leadership_category"] == A
    assert row["leadership_level"] == 4
    assert row["senior_lead_reports_to"] == "Chief executive"


def test_strategic_fte_nan_when_no_post_reports_it():
    row = run(X_WORKFORCE, [post("X", "Lead AHP", fte=1.0)]).loc["X"]
    assert np.isnan(row["strategic_leadership_fte"])


@pytest.mark.parametrize(
    ("posts", "category"),
    [
        ([post("Q", "Chief AHP", "Voting board member")], A),
        ([post("Q", "Director of AHPs", "Voting board member")], A),
        ([post("Q", "Chief AHP", "Attends board")], B),
        ([post("Q", "Director of AHPs", "Non-voting board member")], B),
        ([post("Q", "Lead AHP", "Attends board"), post("Q", "Deputy chief AHP")], B),
        ([post("Q", "Lead AHP"), post("Q", "Professional lead", "Attends board")], C),
        ([post("Q", "Deputy chief AHP")], C),
        ([post("Q", "Professional lead", "Attends board"), post("Q", "Other AHP leadership")], D),
        ([post("Q", None, "Voting board member")], D),
        # the seat, not the title: any strategic-role post with a vote is A
        ([post("Q", "Lead AHP", "Voting board member")], A),
        ([post("Q", "Deputy chief AHP", "Voting board member"), post("Q", "Chief AHP")], A),
        ([post("Q", "Professional lead", "Voting board member")], D),
        ([nil("Q")], E),
    ],
)
def test_every_category(posts, category):
    workforce = [wf("Q", "2024-03", "Physiotherapist", "Band 6", 10)]
    row = run(workforce, posts).loc["Q"]
    assert row["leadership_category"] == category
    assert row["leadership_level"] == {A: 4, B: 3, C: 2, D: 1, E: 0}[category]


def test_category_level_mapping():
    assert [CATEGORY_LEVEL[c] for c in CATEGORIES] == [4, 3, 2, 1, 0]
    assert [c[0] for c in CATEGORIES] == ["A", "B", "C", "D", "E"]


def test_nil_return_no_return_and_posts_without_workforce():
    s = run(
        [
            wf("E1", "2024-03", "Physiotherapist", "Band 6", 10),
            wf("N1", "2024-03", "Physiotherapist", "Band 6", 10),
        ],
        [post("P1", "Lead AHP", pct=50, fte=0.8), nil("E1")],
        [{"org_code": "I1", "period": "2023/24", "indicator": "turnover", "value": 9.0}],
    )
    e = s.loc["E1"]  # the explicit nil return: E, and zeros where zero is known
    assert (e["leadership_category"], e["leadership_level"], e["leadership_posts"]) == (E, 0, 0)
    assert e["leadership_period"] == "2024-03-01"
    assert (e["leadership_fte_per_100_ahp_fte"], e["strategic_leadership_fte"]) == (0, 0)
    assert e["professional_lead_coverage"] == 0
    assert e["senior_lead_reports_to"] is None
    n = s.loc["N1"]  # workforce but no leadership return: not returned, not E
    assert n["leadership_category"] is None and n["leadership_period"] is None
    assert pd.isna(n["leadership_level"]) and pd.isna(n["leadership_posts"])
    for column in (
        "leadership_fte_per_100_ahp_fte",
        "strategic_leadership_fte",
        "professional_lead_coverage",
    ):
        assert np.isnan(n[column]), column
    p = s.loc["P1"]  # posts, no workforce
    assert p["leadership_category"] == C
    assert np.isnan(p["ahp_fte"]) and np.isnan(p["leadership_fte_per_100_ahp_fte"])
    assert np.isnan(p["professional_lead_coverage"])
    assert p["strategic_leadership_fte"] == pytest.approx(0.4)
    i = s.loc["I1"]  # only an indicator: no arrangement to speak of
    assert i["leadership_category"] is None
    assert pd.isna(i["leadership_level"]) and np.isnan(i["strategic_leadership_fte"])
    assert i["turnover"] == 9


def test_senior_lead_reports_to_by_seniority_then_fte_then_order():
    posts = [
        post("X", "Professional lead", fte=1.0, reports="Other"),
        post("X", "Lead AHP", fte=0.5, reports="Chief nurse"),
        post("X", "Lead AHP", fte=0.8, reports="Medical director"),
        post("X", "Lead AHP", fte=0.8, reports="Chief operating officer"),
    ]
    assert run(X_WORKFORCE, posts).loc["X", "senior_lead_reports_to"] == "Medical director"
    posts.append(post("X", "Deputy chief AHP", fte=0.1, reports="Chief executive"))
    assert run(X_WORKFORCE, posts).loc["X", "senior_lead_reports_to"] == "Chief executive"


def test_leadership_takes_the_latest_period_in_the_window():
    posts = [
        post("X", "Chief AHP", "Voting board member", period="2023-09"),
        post("X", "Lead AHP", period="2024-03"),
        post("X", "Professional lead", period="2024-03"),
    ]
    row = run(X_WORKFORCE, posts).loc["X"]
    assert (row["leadership_period"], row["leadership_posts"]) == ("2024-03-01", 2)
    assert row["leadership_category"] == C


# --- indicators, organisations, column order ------------------------------------------------


def ind(org, period, code, value) -> dict:
    return {"org_code": org, "period": period, "indicator": code, "value": value}


def test_indicator_dated_by_the_end_of_its_period():
    rows = [
        ind("X", "2022/23", "staff_engagement", 6.5),  # ends 31 Mar 2023: 2022/23
        ind("X", "2023", "staff_engagement", 7.1),  # ends 31 Dec 2023: 2023/24
        ind("X", "2024/25", "staff_engagement", 7.5),  # ends 31 Mar 2025: 2024/25
    ]
    row = run(indicators=rows).loc["X"]
    assert row["staff_engagement"] == 7.1
    assert row["staff_engagement__period"] == "2023-01-01"
    row = run(indicators=rows, window=financial_year_window(2024)).loc["X"]
    assert (row["staff_engagement"], row["staff_engagement__period"]) == (7.5, "2024-04-01")
    # a financial-year value ending 31 Mar 2024 is later than the calendar year 2023
    rows.append(ind("X", "2023/24", "staff_engagement", 6.8))
    assert run(indicators=rows).loc["X", "staff_engagement"] == 6.8
    assert "X" not in run(indicators=rows[:1]).index  # nothing in 2023/24


def test_columns_and_indicator_order():
    rows = [
        ind("X", "2023/24", "zzz_custom", 1),
        ind("X", "2023/24", "aaa_custom", 2),
        ind("X", "2023/24", "staff_engagement", 3),
        ind("X", "2023/24", "cqc_overall", 2),
    ]
    s = run(X_WORKFORCE, indicators=rows)
    order = ["cqc_overall", "staff_engagement", "aaa_custom", "zzz_custom"]
    expected = list(measures.SUMMARY_COLUMNS) + [
        col for code in order for col in (code, code + "__period")
    ]
    assert list(s.columns) == expected
    assert measures.SUMMARY_COLUMNS[:7] == (
        "org_code",
        "org_name",
        "region",
        "icb",
        "trust_type",
        "window",
        "workforce_period",
    )


def test_organisation_not_in_organisations_table():
    orgs = [{"org_code": "X", "org_name": "Trust X", "region": "London", "trust_type": "Acute"}]
    s = run(X_WORKFORCE + [wf("NEW", "2024-03", "Dietitian", "Band 5", 2)], organisations=orgs)
    assert s.loc["X", "org_name"] == "Trust X"
    assert s.loc["NEW", "org_name"] is None and s.loc["NEW", "region"] is None
    assert s.loc["NEW", "ahp_fte"] == 2


def test_empty_window_gives_an_empty_table_with_the_columns():
    s = run(X_WORKFORCE, window=financial_year_window(2020))
    assert s.empty
    assert list(s.columns) == list(measures.SUMMARY_COLUMNS)


def ingest_tables(store: Store, name: str, **tables: pd.DataFrame) -> None:
    """Store canonical frames as one checked file."""
    result = result_of(name, tables, name.encode())
    assert store.ingest(result, name.encode(), "tester").status == "accepted"


def three_region_store(path) -> Store:  # type: ignore[no-untyped-def]
    """A SQLite store under ``path`` holding three organisations in three regions."""
    orgs = [
        {"org_code": "P1", "org_name": "One", "region": "London", "trust_type": "Acute"},
        {"org_code": "P2", "org_name": "Two", "region": "Midlands", "trust_type": "Acute"},
        {"org_code": "P3", "org_name": "Three", "region": "North West", "trust_type": "Community"},
    ]
    workforce, posts, indicators = [], [], []
    for code in ("P1", "P2", "P3"):
        for month in ("2024-02", "2024-03", "2024-05"):
            workforce += [
                wf(code, month, "Physiotherapist", "Band 5", 3),
                wf(code, month, "Dietitian", "Band 6", 2),
            ]
        posts += [post(code, "Lead AHP"), post(code, "Professional lead")]
        indicators += [ind(code, "2023/24", "turnover", 10), ind(code, "2023", "cqc_overall", 2)]
    store = open_store(f"sqlite:///{path / 'three.db'}")
    ingest_tables(
        store,
        "three.xlsx",
        workforce=table("workforce", workforce),
        leadership=table("leadership", posts),
        indicators=table("indicators", indicators),
        organisations=table("organisations", orgs),
    )
    return store


def test_summary_table_two_regions_each_org_once(tmp_path):
    s = summary_table(
        three_region_store(tmp_path), Selection(window="2023/24", region=["London", "Midlands"])
    )
    assert s["org_code"].tolist() == ["P1", "P2"]
    assert s["window"].unique().tolist() == ["2023/24"]
    assert s["ahp_fte"].tolist() == [5, 5]


def test_summary_table_default_window_is_latest_financial_year_with_workforce(tmp_path):
    store = three_region_store(tmp_path)
    assert default_window(store.read("workforce")).label == "2024/25"
    s = summary_table(store, Selection(trust_type="Community"))
    assert s["org_code"].tolist() == ["P3"]
    assert (s.loc[0, "window"], s.loc[0, "workforce_period"]) == ("2024/25", "2024-05-01")
    # posts are in 2024-03, outside 2024/25: not returned in 2024/25 (not E)
    assert s.loc[0, "leadership_category"] is None
    with pytest.raises(ValueError, match="cannot read the window"):
        summary_table(store, Selection(window="not a window"))
    with pytest.raises(ValueError, match="not a range of periods"):
        summary_table(store, Selection(period_from="2024-01"))


def test_default_window_ignores_periods_that_have_not_begun(tmp_path):
    from datetime import date

    past = [wf("P1", "2024-03", "Dietitian", "Band 5", 1)]
    future = [wf("P1", "2099-12", "Dietitian", "Band 5", 1)]
    both = table("workforce", past + future)
    assert default_window(both, today=date(2026, 11, 26)).label == "2023/24"
    # The same data seen from 2100: December 2099 has begun.
    assert default_window(both, today=date(2100, 1, 15)).label == "2099/00"
    # Only future periods: the nearest of them, not an empty window.
    plans = table("workforce", future + [wf("P1", "2100-06", "Dietitian", "Band 5", 1)])
    assert default_window(plans, today=date(2026, 11, 26)).label == "2099/00"
    # No data at all: the financial year holding today.
    assert default_window(both.iloc[:0], today=date(2026, 11, 26)).label == "2026/27"
    # Several tables: the latest begun period of any of them.
    posts = table("leadership", [post("P1", "Lead AHP", period="2025-06")])
    assert default_window(both, posts, today=date(2026, 11, 26)).label == "2025/26"
    store = three_region_store(tmp_path)
    ingest_tables(store, "future.xlsx", workforce=table("workforce", future))
    assert summary_table(store)["window"].unique().tolist() == ["2024/25"]


def test_peer_groups():
    s = pd.DataFrame({"trust_type": ["Acute", None], "region": ["London", "London"]})
    assert peer_groups(s).tolist() == ["Acute", "Unknown"]
    assert peer_groups(s, "region").tolist() == ["London", "London"]
    assert peer_groups(s, "all").tolist() == ["All organisations"] * 2


def test_peer_groups_keep_demonstration_organisations_apart_from_real_ones():
    s = pd.DataFrame({"org_code": ["DM001", "DM002", "RJ1", "RGT"], "trust_type": ["Acute"] * 4})
    assert peer_groups(s).tolist() == [
        "Acute (demonstration)",
        "Acute (demonstration)",
        "Acute",
        "Acute",
    ]
    assert peer_groups(s, "all").tolist()[1:3] == [
        "All organisations (demonstration)",
        "All organisations",
    ]
    # the demonstration data alone, or real data alone, are one group as before
    assert peer_groups(s.iloc[:2]).tolist() == ["Acute", "Acute"]
    assert peer_groups(s.iloc[2:]).tolist() == ["Acute", "Acute"]


# --- comparing an indicator -----------------------------------------------------------------


def planted(seed: int, effect: float, mixed: bool = True) -> pd.DataFrame:
    """40 organisations, 8 per category; staff engagement = 6 + effect x level + N(0, 1).

    ``mixed``: trust types alternate in every group; otherwise A to C are acute, D and E
    community."""
    rng = np.random.default_rng(seed)
    cats = [c for c in CATEGORIES for _ in range(8)]
    level = np.array([CATEGORY_LEVEL[c] for c in cats], dtype=float)
    trust = (
        ["Acute", "Community"] * 20
        if mixed
        else ["Acute" if c in (A, B, C) else "Community" for c in cats]
    )
    return pd.DataFrame(
        {
            "org_code": [f"R{i:02d}" for i in range(40)],
            "trust_type": trust,
            "region": "London",
            "window": "2023/24",
            "leadership_category": cats,
            "leadership_level": level,
            "staff_engagement": 6 + effect * level + rng.normal(0, 1, 40),
            "staff_engagement__period": "2023-04-01",
        }
    )


# The data are drawn from a fixed seed, so each test sees the same numbers on every run.
# Planted: one standard deviation per level across five levels gives p around 1e-5 for every
# seed tried (0-9), far from 0.05. Independent (effect 0): seed 2 gives Kruskal-Wallis
# p = 0.90 and Spearman p = 0.90, far from the 5% line, so the test does not sit on it.


@pytest.mark.parametrize("by", ["leadership_category", "leadership_level"])
def test_compare_planted_association_is_significant(by):
    r = compare_indicator(planted(1, 1.0), "staff_engagement", by=by)
    c = r.comparison
    assert c.test == "Kruskal-Wallis" and c.p < 0.001
    assert c.spearman.rho > 0.5 and c.spearman.p < 0.001
    assert (r.indicator, r.name, r.unit, r.higher_is_better) == (
        "staff_engagement",
        "Staff engagement score",
        "score",
        True,
    )
    assert r.window == "2023/24"
    assert c.table["n"].tolist() == [8] * 5
    # groups run from level 0 (E) to level 4 (A), so a positive rho means "rises with level"
    first = E if by == "leadership_category" else "level 0"
    assert c.table["group"].iloc[0] == first
    assert "statistically significant" in r.sentence and "tend to rise" in r.sentence
    assert r.note is None  # trust types alternate: same mix in every group


def test_compare_independent_data_is_not_significant():
    r = compare_indicator(planted(2, 0.0), "Staff engagement score")
    assert r.comparison.p > 0.05 and r.comparison.spearman.p > 0.05
    assert "no clear difference" in r.sentence


def test_compare_notes_trust_type_mix_and_compares_within():
    r = compare_indicator(planted(1, 1.0, mixed=False), "staff_engagement", within="trust_type")
    # acute trusts: 100 % of A to C, 0 % of D and E
    assert r.note is not None and "compare within trust type" in r.note
    assert "100% of" in r.note and "0% of" in r.note and "chi-square" in r.note
    assert r.note in r.text
    assert set(r.strata) == {"Acute", "Community"}
    acute = r.strata["Acute"].table.set_index("group")["n"]
    assert acute[[A, B, C]].tolist() == [8, 8, 8] and acute[[D, E]].tolist() == [0, 0]
    assert (
        compare_indicator(planted(1, 1.0, mixed=False), "staff_engagement", by="trust_type").note
        is None
    )


def test_compare_two_groups_and_json():
    df = planted(1, 1.0)
    r = compare_indicator(df, "staff_engagement", by="trust_type")
    assert r.comparison.test == "Mann-Whitney U"
    data = json.loads(r.to_json())
    assert data["comparison"]["test"] == "Mann-Whitney U"
    assert data["comparison"]["spearman"] is None
    assert [g["group"] for g in data["comparison"]["groups"]] == ["Acute", "Community"]
    assert data["comparison"]["bootstrap_seed"] == r.comparison.bootstrap_seed


def test_compare_summary_measure_and_unknown_indicator():
    df = planted(1, 1.0).assign(vacancy_rate=np.linspace(5, 20, 40))
    r = compare_indicator(df, "vacancy rate", by="leadership_level")
    assert r.indicator == "vacancy_rate" and r.higher_is_better is False
    assert r.comparison.spearman.rho < 0
    with pytest.raises(ValueError, match="staff_engagement"):
        compare_indicator(df, "staff engagment")
    with pytest.raises(ValueError, match="cannot group by"):
        compare_indicator(df, "staff_engagement", by="icb")


# --- the compare command --------------------------------------------------------------------


def parse(argv):
    """The command line's own parser: --db before or after the command."""
    return build_parser().parse_args(argv)


def test_compare_parser_keeps_db_given_before_the_command():
    assert parse(["--db", "sqlite:///a.db", "compare", "turnover"]).db == "sqlite:///a.db"
    assert parse(["compare", "turnover", "--db", "sqlite:///b.db"]).db == "sqlite:///b.db"
    args = parse(["compare", "turnover"])
    assert (args.by, args.window, args.within, args.json) == (
        "leadership_category",
        None,
        None,
        False,
    )
    assert compare_cmd.BY_CHOICES == measures.GROUPINGS
    assert compare_cmd.WITHIN_CHOICES == measures.STRATA


def test_cmd_compare_text_json_and_errors(monkeypatch, capsys, tmp_path):
    store = three_region_store(tmp_path)
    monkeypatch.setattr(compare_cmd, "open_store", lambda url: store)

    assert (
        compare_cmd.run(parse(["compare", "turnover", "--window", "2023/24", "--by", "trust_type"]))
        == 0
    )
    out = capsys.readouterr().out
    assert "Staff turnover rate (%) by trust type, window 2023/24" in out
    assert "Acute *" in out and "fewer than 5 organisations" in out
    assert "association, not causation" in out

    assert (
        compare_cmd.run(parse(["compare", "CQC overall rating", "--window", "2023/24", "--json"]))
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert data["indicator"] == "cqc_overall" and data["window"] == "2023/24"
    n = {g["group"]: g["n"] for g in data["comparison"]["groups"]}
    assert n == {E: 0, D: 0, C: 3, B: 0, A: 0}  # all three have a Lead AHP, below board

    assert compare_cmd.run(parse(["compare", "turnovr"])) == 2
    err = capsys.readouterr().err
    assert "unknown indicator 'turnovr'" in err and "turnover (Staff turnover rate)" in err
    assert compare_cmd.run(parse(["compare", "turnover", "--window", "someday"])) == 2
    assert "cannot read the window" in capsys.readouterr().err


# --- against the demonstration data and the real store --------------------------------------


def canonical(name: str, df: pd.DataFrame) -> pd.DataFrame:
    """A demo table (periods as text, CQC ratings as words) shaped as Store.read returns it;
    words in numeric columns become NaN (validation would score the ratings)."""
    numbers = {c: pd.to_numeric(df[c], errors="coerce") for c in df if c in schema.NUMERIC_COLUMNS}
    return schema.frame(name, df.assign(**numbers).to_dict("records"))


@pytest.fixture(scope="module")
def demo_summaries() -> dict[str, pd.DataFrame]:
    t = {name: canonical(name, df) for name, df in demo.demo_tables().items()}
    return {
        fy: summary(t["workforce"], t["leadership"], t["indicators"], t["organisations"], w)
        for fy, w in (
            ("2023/24", financial_year_window(2023)),
            ("2024/25", financial_year_window(2024)),
        )
    }


def test_categories_match_those_the_demo_planted(demo_summaries):
    plan = demo.demo_categories()
    for fy, s in demo_summaries.items():
        year = plan[plan["financial_year"] == fy].set_index("org_code")
        # a trust that sent no return that year has no category (Not returned), not E
        expected = year["category"].astype(object).where(year["returned"], None)
        got = s.set_index("org_code")["leadership_category"].str[0]
        assert len(got) == 150
        assert got.where(got.notna(), None).to_dict() == expected.to_dict()
        assert (~year["returned"]).sum() == (4 if fy == "2023/24" else 8)


def test_demo_planted_and_null_indicators(demo_summaries):
    """The demo plants moderate effects of level (rho about 0.3 to 0.5) on three indicators
    and none on the others; leadership is assigned independently of trust type, so no note."""
    s = demo_summaries["2023/24"]
    for code, sign in demo.PLANTED.items():
        r = compare_indicator(s, code, by="leadership_level")
        assert r.comparison.spearman.p < 0.01 and np.sign(r.comparison.spearman.rho) == sign
        assert r.note is None
    for code in demo.NULL_INDICATORS:
        r = compare_indicator(s, code, by="leadership_category")
        assert r.comparison.spearman.p > 0.05, code


ORGS = [
    {"org_code": "XA1", "org_name": "Trust A", "region": "London", "trust_type": "Acute"},
    {"org_code": "XB1", "org_name": "Trust B", "region": "North West", "trust_type": "Community"},
    {"org_code": "XC1", "org_name": "Trust C", "region": "Midlands", "trust_type": "Acute"},
]


def test_summary_table_and_compare_on_the_store(store, store_url, capsys):
    codes = ("XA1", "XB1", "XC1")
    result, content = make_file(
        workforce=[r for c in codes for r in workforce_rows(c, "2024-03")],
        leadership=leadership_rows("XA1", posts=3),
        indicators=[
            r
            for i, c in enumerate(codes)
            for r in indicator_rows(c, "2023/24", {"turnover": 10 + i})
        ],
        organisations=ORGS,
    )
    assert store.ingest(result, content, "alice").status == "accepted"

    s = summary_table(store, Selection(window="2023/24", region=["London", "Midlands"]))
    assert s["org_code"].tolist() == ["XA1", "XC1"]
    a = s.iloc[0]
    # 2 professions x 2 bands x 1 FTE; posts: Chief AHP, Lead AHP, Professional lead, each
    # 1 FTE at 50 % strategic time, attending board
    assert (a["ahp_fte"], a["vacancy_rate"]) == (4, 0)
    assert a["leadership_fte_per_100_ahp_fte"] == pytest.approx(3 / 4 * 100)
    assert a["strategic_leadership_fte"] == pytest.approx(1.5)
    assert a["leadership_category"] == B
    assert (a["turnover"], a["turnover__period"]) == (10, "2023-04-01")
    assert s.iloc[1]["leadership_category"] is None  # no leadership return: not E

    argv = ["--db", store_url, "compare", "Staff turnover rate", "--by", "trust_type"]
    assert compare_cmd.run(parse(argv)) == 0
    out = capsys.readouterr().out
    assert "Staff turnover rate (%) by trust type, window 2023/24" in out
    assert "No statistical test was run" in out  # 2 acute and 1 community trust


def test_nil_return_is_stored_and_read_back_as_category_e(store):
    codes = ("XA1", "XB1", "XC1")
    result, content = make_file(
        workforce=[r for c in codes for r in workforce_rows(c, "2024-03")],
        leadership=[nil("XA1"), *leadership_rows("XB1", posts=1)],
        organisations=ORGS,
    )
    assert store.ingest(result, content, "alice").status == "accepted"
    stored = store.read("leadership")
    assert stored.loc[stored["org_code"] == "XA1", "role"].tolist() == ["None"]
    s = summary_table(store, Selection(window="2023/24")).set_index("org_code")
    assert s["leadership_category"].tolist() == [E, B, None]  # the Chief AHP attends board
    assert s.loc["XA1", "leadership_posts"] == 0


# --- helpers of the dashboard pages ---------------------------------------------------------


def test_data_freshness_counts_submissions_in_use_and_the_latest_change():
    t = pd.to_datetime(
        ["2024-05-01 10:00", "2024-05-02 09:00", "2024-05-03 08:00", "2024-05-04 07:00"],
        utc=True,
    )
    history = pd.DataFrame(
        {
            "status": ["current", "partly superseded", "superseded", "withdrawn"],
            "submitted_at": t,
            "withdrawn_at": pd.to_datetime([None, None, None, "2024-05-06 12:00"], utc=True),
        }
    )
    fresh = measures.data_freshness(history)
    assert fresh["submissions"] == 2
    assert fresh["last_updated"] == pd.Timestamp("2024-05-06 12:00", tz="UTC")
    assert measures.data_freshness(history.iloc[0:0]) == {"submissions": 0, "last_updated": None}


def test_category_counts_keep_every_category_in_order_and_leave_out_not_returned():
    df = pd.DataFrame({"leadership_category": [A, C, C, E, None, None]})
    out = measures.category_counts(df)
    assert out["leadership_category"].tolist() == [*CATEGORIES, "Not returned"]
    assert out["organisations"].tolist() == [1, 0, 2, 0, 1, 2]
    # shares of the 4 organisations with a return; none for those without
    assert out["share_pct"].tolist()[:5] == pytest.approx([25, 0, 50, 0, 25])
    assert np.isnan(out["share_pct"].iloc[5])
    assert measures.not_returned_note(df) == (
        "2 organisations sent no leadership return in the window (they are shown as Not "
        "returned and left out of shares and statistics)."
    )
    assert measures.not_returned_note(df.iloc[:5]).startswith("1 organisation sent")
    assert measures.not_returned_note(df.iloc[:4]) is None


def test_reporting_lines_by_category():
    df = pd.DataFrame(
        {
            "leadership_category": [A, A, B, D, D, E],
            "senior_lead_reports_to": [
                "Chief executive",
                "Chief nurse",
                "Chief nurse",
                "Chief nurse",
                None,
                None,
            ],
        }
    )
    out = measures.reporting_lines(df).set_index("leadership_category")
    assert out.index.tolist() == list(CATEGORIES[:4])  # E has no posts
    assert out.loc[A, "Chief executive"] == 1 and out.loc[A, "Chief nurse"] == 1
    assert out.loc[D, "Not given"] == 1
    assert out["Total"].tolist() == [2, 1, 0, 2]
    assert list(out.columns[:6]) == list(reference.REPORTS_TO.labels)


def test_workforce_proportions_established_fte():
    rows = X_WORKFORCE + [wf("Y", "2024-03", "Dietitian", "Band 6", 10)]
    out = measures.workforce_proportions(run(rows).reset_index(drop=True)).set_index("org_code")
    # X: vacancy 3 over FTE 19 of the rows reporting it + 3 (not over all 20 FTE)
    assert (out.loc["X", "vacancy_fte"], out.loc["X", "established_fte"]) == (3, 22)
    assert (out.loc["X", "senior_fte"], out.loc["X", "ahp_fte"]) == (4, 20)
    assert np.isnan(out.loc["Y", "established_fte"])  # no vacancy figure: no denominator


PEER_ORGS = [
    {"org_code": f"P{i}", "org_name": f"Trust P{i}", "region": "London", "trust_type": "Acute"}
    for i in range(1, 5)
] + [{"org_code": "P5", "org_name": "Trust P5", "region": "North West", "trust_type": "Community"}]


def peer_summary() -> pd.DataFrame:
    """P1 to P4 acute trusts in London, P5 a community trust in the North West; turnover 10,
    12, 14, 16 and 30; a custom indicator for P1 only."""
    workforce = [
        wf(f"P{i}", "2024-03", "Physiotherapist", "Band 6", 10 * i, vacancy=i - 1)
        for i in range(1, 6)
    ]
    indicators = [
        ind(f"P{i}", "2023/24", "turnover", v)
        for i, v in zip(range(1, 6), [10, 12, 14, 16, 30], strict=True)
    ]
    indicators += [ind("P1", "2023/24", "shmi", 1.0), ind("P1", "2023/24", "zz_custom", 5)]
    return run(workforce, indicators=indicators, organisations=PEER_ORGS).reset_index(drop=True)


def test_indicator_options_by_domain_then_the_measures():
    out = measures.indicator_options(peer_summary())
    assert out["code"].tolist() == ["zz_custom", "shmi", "turnover", *registry.COMPARABLE]
    custom = out.iloc[0]
    assert (custom["domain"], custom["name"], custom["higher_is_better"]) == (
        "Other",
        "zz_custom",
        None,
    )
    turnover = out.set_index("code").loc["turnover"]
    assert turnover["domain"] == "Workforce" and turnover["higher_is_better"] is False
    fte = out.set_index("code").loc["ahp_fte"]
    assert fte["domain"] == registry.MEASURES_DOMAIN
    assert fte["description"] == registry.measure("ahp_fte").definition


def test_peer_comparison_against_the_other_organisations_of_the_group():
    s = peer_summary()
    out = measures.peer_comparison(s, "P1", "trust_type").set_index("code")
    assert list(out.index[: len(registry.COMPARABLE)]) == list(registry.COMPARABLE)
    t = out.loc["turnover"]
    # peers P2 to P4 (P1 itself and the community trust left out): 12, 14, 16
    assert (t["value"], t["n_peers"], t["peer_group"]) == (10, 3, "Acute")
    assert (t["peer_q1"], t["peer_median"], t["peer_q3"]) == (13, 14, 15)
    assert (t["quartile"], t["assessment"]) == (1, "better")  # lower turnover is better
    assert t["period"] == "2023-04-01"
    # AHP FTE has no direction; its period is the workforce month
    fte = out.loc["ahp_fte"]
    assert (fte["value"], fte["quartile"], fte["assessment"]) == (10, 1, "neutral")
    assert fte["period"] == "2024-03-01"
    # P1's vacancy rate is 0, the lowest: lower is better
    assert out.loc["vacancy_rate", "assessment"] == "better"
    # an indicator no peer reports: no quartile
    assert out.loc["shmi", "n_peers"] == 0 and pd.isna(out.loc["shmi", "quartile"])

    everyone = measures.peer_comparison(s, "P1", "all").set_index("code").loc["turnover"]
    assert (everyone["n_peers"], everyone["peer_median"]) == (4, 15)
    high = measures.peer_comparison(s, "P4", "trust_type").set_index("code").loc["turnover"]
    assert (high["quartile"], high["assessment"]) == (4, "worse")
    assert measures.peer_comparison(s, "NOPE").empty


def test_peer_median_series():
    rows = [
        wf("P1", "2024-02", "Physiotherapist", "Band 6", 10, vacancy=0),
        wf("P2", "2024-02", "Physiotherapist", "Band 6", 20, vacancy=5),
        wf("P3", "2024-02", "Physiotherapist", "Band 6", 90, vacancy=10),
        wf("P1", "2024-03", "Physiotherapist", "Band 6", 11, vacancy=0),
    ]
    out = measures.peer_median_series(table("workforce", rows), ["P1", "P2"])
    assert out["period"].dt.strftime("%Y-%m").tolist() == ["2024-02", "2024-03"]
    assert out["organisations"].tolist() == [2, 1]
    assert out["ahp_fte"].tolist() == [15, 11]
    assert out["vacancy_rate"].tolist() == pytest.approx([10, 0])  # median of 0% and 20%


def ind_row(org, period, code, value, numerator=None, denominator=None) -> dict:
    return {
        "org_code": org,
        "period": period,
        "indicator": code,
        "value": value,
        "numerator": numerator,
        "denominator": denominator,
    }


def test_indicator_proportions_take_the_row_the_summary_shows():
    rows = table(
        "indicators",
        [
            ind_row("P1", "2023-12", "fft", 90.0, 90, 100),
            ind_row("P1", "2024-03", "fft", 80.0, 160, 200),  # latest in 2023/24: this one
            ind_row("P1", "2024-05", "fft", 70.0, 70, 100),  # 2024/25: not in the window
            ind_row("P2", "2024-01", "fft", 95.0),  # no numerator or denominator given
            ind_row("P3", "2024-02", "fft", 50.0, 5, 10),
            ind_row("P3", "2024-02", "other", 1.0, 1, 1),
        ],
    )
    inputs = measures.indicator_proportions(rows, "fft", FY2324, "%")
    assert inputs.reason is None
    frame = inputs.frame.set_index("org_code")
    assert list(frame.index) == ["P1", "P2", "P3"]
    assert frame.loc["P1", ["numerator", "denominator"]].tolist() == [160, 200]
    assert frame.loc["P1", "period"] == "2024-03-01"
    assert frame.loc["P2", ["numerator", "denominator"]].isna().all()
    # the funnel leaves P2 out and counts it
    f = stats.funnel(inputs.frame["numerator"], inputs.frame["denominator"])
    assert f.n_excluded == 1 and f.p0 == pytest.approx(165 / 210)


@pytest.mark.parametrize(
    ("rows", "unit", "reason"),
    [
        ([ind_row("P1", "2024-03", "x", 1.1, 110, 100)], None, "not proportions"),
        ([ind_row("P1", "2024-03", "x", 1.1, 90, 100)], "ratio", "its unit is ratio"),
        ([ind_row("P1", "2024-03", "x", 90.0)], "%", "no organisation gives a numerator"),
    ],
)
def test_indicator_proportions_say_why_there_is_no_funnel(rows, unit, reason):
    inputs = measures.indicator_proportions(table("indicators", rows), "x", FY2324, unit)
    assert reason in inputs.reason


def test_indicator_proportions_of_a_custom_indicator_without_unit():
    rows = table("indicators", [ind_row("P1", "2024-03", "mine", 40.0, 4, 10)])
    assert measures.indicator_proportions(rows, "mine", FY2324, np.nan).reason is None


# --- what was seen: each definition on small hand-made returns ---------------------------------


def ten_percent_return(org: str, blanks: int, period: str = "2024-03") -> list[dict]:
    """Four rows of 10, 20, 30 and 40 FTE; the first ``blanks`` leave the vacancy blank, the
    others give vacancies of 10% of their FTE. The true rate is 10 / 110 = 9.09% whatever the
    blanks: every row that reports a figure has it."""
    professions = ("Physiotherapist", "Dietitian", "Podiatrist", "Orthoptist")
    return [
        wf(org, period, p, "Band 6", fte, vacancy=None if i < blanks else fte / 10)
        for i, (p, fte) in enumerate(zip(professions, (10, 20, 30, 40), strict=True))
    ]


def test_vacancy_rate_leaves_blank_vacancies_out_everywhere():
    true_rate = 10 / 110 * 100
    rows = [r for i, org in enumerate(("V0", "V1", "V2", "V3")) for r in ten_percent_return(org, i)]
    rows += ten_percent_return("V2", 2, "2024-02")
    s = run(rows).reset_index(drop=True)
    # the summary: the same 9.09% for each trust, however many rows leave the figure blank
    assert s["vacancy_rate"].tolist() == pytest.approx([true_rate] * 4)
    assert s["established_fte"].tolist() == pytest.approx([110, 99, 77, 44])
    # the Overview headline (pooled), the breakdowns and the funnel inputs
    assert measures.headline(s)["vacancy_rate"] == pytest.approx(true_rate)
    workforce = table("workforce", rows)
    for by in ("profession", "band", "org_code"):
        rates = workforce_by(workforce, FY2324, by=(by,))["vacancy_rate"]
        assert rates.tolist() == pytest.approx([true_rate] * len(rates)), by
    funnel = measures.workforce_proportions(s)
    assert (funnel["vacancy_fte"] / funnel["established_fte"] * 100).tolist() == pytest.approx(
        [true_rate] * 4
    )
    # the SPC inputs: one trust's months, the pool of trusts, and the peer median
    assert monthly_series(workforce, "V2")["vacancy_rate"].tolist() == pytest.approx(
        [true_rate] * 2
    )
    assert monthly_series(workforce)["vacancy_rate"].tolist() == pytest.approx([true_rate] * 2)
    peers = measures.peer_median_series(workforce, ["V1", "V3"])
    assert peers["vacancy_rate"].tolist() == pytest.approx([true_rate])
    # every figure blank: missing, not 0
    row = run(ten_percent_return("VX", 4)).loc["VX"]
    assert np.isnan(row["vacancy_rate"]) and np.isnan(row["established_fte"])
    # what the Workforce page says about it
    everyone = run(rows + ten_percent_return("VX", 4)).reset_index(drop=True)
    assert measures.vacancy_reporting(everyone) == {"all": 1, "some": 3, "none": 1}


def six_trusts() -> pd.DataFrame:
    """Five trusts with a leadership return (A, B, C, D and an explicit nil return, E) and one
    that sent only its workforce."""
    workforce = [wf(f"T{i}", "2024-03", "Physiotherapist", "Band 6", 10) for i in range(1, 7)]
    leadership = [
        post("T1", "Chief AHP", "Voting board member"),
        post("T2", "Lead AHP", "Attends board"),
        post("T3", "Lead AHP"),
        post("T4", "Professional lead", profession="Physiotherapist"),
        nil("T5"),
    ]
    return run(workforce, leadership).reset_index(drop=True)


def test_no_leadership_return_is_not_returned_not_e_and_out_of_the_shares():
    s = six_trusts()
    assert s["leadership_category"].tolist() == [A, B, C, D, E, None]
    h = measures.headline(s)
    # 3 of the 5 trusts with a return have a strategic lead (60%), not 3 of 6 (50%)
    assert h["strategic_lead_share"] == pytest.approx(60.0)
    assert h["board_executive_share"] == pytest.approx(20.0)
    assert h["organisations"] == 6
    counts = measures.category_counts(s).set_index("leadership_category")
    assert counts.loc[E, "organisations"] == 1 and counts.loc["Not returned", "organisations"] == 1
    assert measures.with_not_returned(s["leadership_category"]).iloc[-1] == "Not returned"


def test_not_returned_is_left_out_of_comparisons_and_counted_in_the_sentence():
    s = planted(1, 1.0)
    s.loc[:2, ["leadership_category", "leadership_level"]] = [None, np.nan]
    s.loc[3, "staff_engagement"] = np.nan
    r = compare_indicator(s, "staff_engagement")
    assert r.comparison.table["n"].sum() == 36
    assert r.sentence.startswith(
        "Staff engagement score: 36 of 37 organisations have a value; 3 organisations sent no "
        "leadership return and are left out."
    )


def test_professional_lead_without_a_profession_leaves_coverage_missing_not_zero():
    workforce = [
        wf(o, "2024-03", p, "Band 6", 10)
        for o in ("L1", "L2", "L3")
        for p in ("Physiotherapist", "Dietitian")
    ]
    leadership = [
        post("L1", "Professional lead"),  # no profession: cannot be credited
        post("L1", "Professional lead"),
        post("L2", "Professional lead"),
        post("L2", "Professional lead", profession="Dietitian"),
        post("L3", "Lead AHP"),  # no professional lead at all: 0
    ]
    s = run(workforce, leadership)
    assert np.isnan(s.loc["L1", "professional_lead_coverage"])
    assert s.loc["L2", "professional_lead_coverage"] == 50
    assert s.loc["L3", "professional_lead_coverage"] == 0


def test_headline_changes_are_like_for_like():
    before = run(
        [wf(o, "2023-03", "Physiotherapist", "Band 6", 100, vacancy=10) for o in ("H1", "H2")]
        + [wf("H3", "2023-03", "Physiotherapist", "Band 6", 500, vacancy=0)],
        [post("H1", "Lead AHP", period="2023-03"), post("H3", "Chief AHP", period="2023-03")],
        window=financial_year_window(2022),
    ).reset_index(drop=True)
    now = run(
        [wf(o, "2024-03", "Physiotherapist", "Band 6", 110, vacancy=10) for o in ("H1", "H2")],
        [post("H1", "Professional lead"), post("H2", "Lead AHP")],
    ).reset_index(drop=True)
    changes = measures.headline_changes(now, before)
    # H3 reported only before: the count of organisations is the plain difference
    orgs = changes["organisations"]
    assert (orgs.now, orgs.before, orgs.n, orgs.like_for_like) == (2, 3, None, False)
    # AHP FTE over H1 and H2, the two that reported both years: 220 against 200, not 700
    fte = changes["ahp_fte"]
    assert (fte.now, fte.before, fte.n) == (220, 200, 2)
    assert changes["vacancy_rate"].before == pytest.approx(20 / 220 * 100)
    # leadership: only H1 sent a return both years (C before, D now)
    share = changes["strategic_lead_share"]
    assert (share.now, share.before, share.n) == (0, 100, 1)


def test_custom_indicator_columns_are_snake_case_and_keep_their_name():
    rows = [ind("X", "2023/24", "Holdout score", 4.0), ind("X", "2023/24", "holdout-score", 5)]
    s = run(X_WORKFORCE, indicators=rows)
    assert measures.indicator_columns(s) == ["holdout_score", "holdout_score_2"]
    assert s.loc["X", "holdout_score__period"] == "2023-04-01"
    catalogue = pd.concat(
        [
            reference.indicator_catalogue(),
            pd.DataFrame(
                {
                    "code": ["Holdout score"],
                    "name": ["Holdout score"],
                    "domain": [None],
                    "unit": [np.nan],
                    "higher_is_better": [None],
                    "description": [None],
                }
            ),
        ],
        ignore_index=True,
    )
    info = measures.indicator_info("holdout_score", catalogue)
    assert (info["name"], info["unit"], info["higher_is_better"]) == ("Holdout score", None, None)
    assert measures.resolve_indicator("Holdout score", s, catalogue) == "holdout_score"
    options = measures.indicator_options(s.reset_index(drop=True), catalogue).set_index("code")
    assert options.loc["holdout_score", "name"] == "Holdout score"
    assert options.loc["holdout_score", "unit"] is None


def test_leadership_level_and_posts_are_whole_numbers():
    s = six_trusts()
    assert str(s["leadership_level"].dtype) == "Int64"
    assert str(s["leadership_posts"].dtype) == "Int64"
    assert s["leadership_level"].tolist()[:5] == [4, 3, 2, 1, 0]
    assert pd.isna(s["leadership_level"].iloc[5])
    assert "4.0" not in s[["leadership_level"]].to_csv(index=False)
