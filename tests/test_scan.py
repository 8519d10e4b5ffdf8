"""The scan of every indicator against a grouping: tests, Benjamini-Hochberg q worked out
here by hand, the JSON and text of ``python -m ahp_analytics scan``."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from fixtures import indicator_rows, leadership_rows, make_file, workforce_rows
from scipy import stats as sps

from ahp_analytics import cli
from ahp_analytics.analysis.scan import scan
from ahp_analytics.domain.measures import CATEGORIES, CATEGORY_LEVEL

A, B, C, D, E = CATEGORIES


def summary_frame() -> pd.DataFrame:
    """30 organisations, 6 per category, two trust types; 2 more that sent no leadership
    return. ``rises`` grows with the level, ``noise`` does not, ``sparse`` has 4 values."""
    rng = np.random.default_rng(5)
    cats = [c for c in CATEGORIES for _ in range(6)] + [None, None]
    level = [CATEGORY_LEVEL[c] if c else None for c in cats]
    n = len(cats)
    rises = [lv * 2.0 + rng.normal(0, 0.5) if lv is not None else 99.0 for lv in level]
    noise = rng.normal(0, 1, n)
    noise[0] = np.nan  # one organisation with a group but no value
    sparse = [1.0, 2.0, 3.0, 4.0] + [np.nan] * (n - 4)
    df = pd.DataFrame(
        {
            "org_code": [f"S{i:02d}" for i in range(n)],
            "trust_type": ["Acute", "Community"] * (n // 2),
            "region": "London",
            "window": "2023/24",
            "leadership_category": cats,
            "leadership_level": pd.array(level, dtype="Int64"),
            "rises": rises,
            "rises__period": "2023-04-01",
            "noise": noise,
            "noise__period": "2023-04-01",
            "sparse": sparse,
            "sparse__period": "2023-04-01",
        }
    )
    return df


def bh(p: list[float]) -> list[float]:
    """Benjamini-Hochberg by hand: sort, p x m / rank, running minimum from the top."""
    m = len(p)
    order = sorted(range(m), key=lambda i: p[i])
    q = [0.0] * m
    running = 1.0
    for rank in range(m, 0, -1):
        i = order[rank - 1]
        running = min(running, p[i] * m / rank)
        q[i] = running
    return q


def test_scan_by_category_tests_each_indicator_and_adjusts_for_the_number_of_tests():
    df = summary_frame()
    result = scan(df, "leadership_category")
    by_code = {t.indicator: t for t in result.tests}
    assert set(by_code) == {"rises", "noise"}
    with_group = df[df["leadership_category"].notna()]
    groups = [with_group.loc[with_group["leadership_category"] == c] for c in CATEGORIES]
    p = {
        code: sps.kruskal(*[g[code].dropna() for g in groups]).pvalue for code in ("rises", "noise")
    }
    q = dict(zip(p, bh(list(p.values())), strict=True))
    for code, t in by_code.items():
        assert t.test == "Kruskal-Wallis"
        assert t.p == pytest.approx(p[code])
        assert t.q == pytest.approx(q[code])
    # the 2 organisations without a return are left out, not counted as missing
    assert (by_code["rises"].n, by_code["rises"].missing) == (30, 0)
    assert (by_code["noise"].n, by_code["noise"].missing) == (29, 1)
    assert [t.indicator for t in result.tests] == ["rises", "noise"]  # sorted by q
    assert [u.indicator for u in result.not_tested] == ["sparse"]
    assert "fewer than two groups" in result.not_tested[0].reason
    assert result.sentence.startswith(
        "2 tests were run, one per indicator with values in the window; q is the p-value "
        "adjusted for the 2 tests (Benjamini-Hochberg), and 1 has q below 0.05. 2 "
        "organisations sent no leadership return and are left out."
    )


def test_scan_by_level_uses_spearman_and_within_tests_each_stratum():
    df = summary_frame()
    level = scan(df, "leadership_level")
    rises = next(t for t in level.tests if t.indicator == "rises")
    sub = df[df["leadership_level"].notna()]
    rho = sps.spearmanr(sub["leadership_level"].astype(float), sub["rises"])
    assert (rises.test, rises.statistic) == ("Spearman rank correlation", pytest.approx(rho[0]))
    assert rises.p == pytest.approx(rho[1])

    within = scan(df, "leadership_category", within="trust_type")
    assert {(t.indicator, t.stratum) for t in within.tests} == {
        ("rises", "Acute"),
        ("rises", "Community"),
        ("noise", "Acute"),
        ("noise", "Community"),
    }
    ps = [t.p for t in within.tests]
    assert [t.q for t in within.tests] == pytest.approx([q for q in bh(ps)])
    assert [t.q for t in within.tests] == sorted(t.q for t in within.tests)
    assert "one per indicator and trust type" in within.sentence
    with pytest.raises(ValueError, match="cannot group by"):
        scan(df, "icb")


def test_scan_json_has_the_documented_fields():
    data = json.loads(scan(summary_frame()).to_json())
    assert data["by"] == "leadership_category" and data["window"] == "2023/24"
    assert list(data["tests"][0]) == [
        "indicator",
        "name",
        "n",
        "missing",
        "test",
        "statistic",
        "p",
        "q",
    ]
    assert isinstance(data["tests"][0]["n"], int)


ORGS = [
    {"org_code": f"Y{i}", "org_name": f"Trust Y{i}", "region": "London", "trust_type": "Acute"}
    for i in range(8)
]


def test_scan_command_text_and_json(store, store_url, capsys):
    codes = [o["org_code"] for o in ORGS]
    result, content = make_file(
        workforce=[r for c in codes for r in workforce_rows(c, "2024-03")],
        # Y0-Y2 a Chief AHP who attends board (B), Y3-Y5 the nil return (E), Y6-Y7 no return
        leadership=[r for c in codes[:3] for r in leadership_rows(c, posts=1)]
        + [{"org_code": c, "period": "2024-03", "role": "None"} for c in codes[3:6]],
        indicators=[
            r
            for i, c in enumerate(codes)
            for r in indicator_rows(c, "2023/24", {"turnover": 10 + i, "shmi": 1 + i / 10})
        ],
        organisations=ORGS,
    )
    assert store.ingest(result, content, "alice").status == "accepted"
    assert cli.main(["--db", store_url, "scan", "--window", "2023/24"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Indicators by leadership arrangement, window 2023/24")
    assert "2 tests were run" in out and "Mann-Whitney U" in out
    assert "2 organisations sent no leadership return and are left out" in out
    lines = out.splitlines()
    assert lines[2].split()[:4] == ["indicator", "name", "n", "missing"]
    assert cli.main(["--db", store_url, "scan", "--by", "trust_type", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["by"] == "trust_type" and data["tests"] == []  # one trust type: no test
    assert {u["indicator"] for u in data["not_tested"]} == {"turnover", "shmi"}
    assert cli.main(["--db", store_url, "scan", "--window", "soon"]) == 2
    assert "cannot read the window" in capsys.readouterr().err
