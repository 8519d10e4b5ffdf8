"""One measure, one number: the Organisation profile, Gaps and risks and Explore show the same
value, peer median and n for every measure they share; and every page renders a custom
indicator that has no unit (AppTest, on the demonstration data)."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest
from workbooks import INDICATORS_HEADER, csv_bytes

from ahp_analytics.analysis import gaps, measures
from ahp_analytics.domain import measures as registry
from ahp_analytics.domain.periods import parse_window
from ahp_analytics.ingest.validation import validate_bytes
from ahp_analytics.store import open_store

ROOT = Path(__file__).resolve().parents[1]
WINDOW = "2024/25"
# "AHP vacancy rate: top quartile of Acute peers, median 10.1%, middle half 7.7% to 11.4%
# (n = 22).", a sentence of a flag's card (gaps.card)
PEER_LINE = re.compile(
    r"(?:^|\. )(?P<label>[A-Z][^.:]*?): \w+ quartile of (?P<group>.+?) peers, "
    r"median (?P<median>\S+), middle half .+? \(n = (?P<n>\d+)\)\."
)


def open_app(page: str, org: str | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180).run()
    at.switch_page(f"views/{page}.py").run()
    if org:
        at.sidebar.selectbox(key="org").set_value(org).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def tables(url: str) -> tuple:
    with open_store(url) as s:
        names = ("workforce", "leadership", "indicators", "organisations")
        return tuple(s.read(t) for t in names)


def flagged_with_shared_measures(url: str) -> str:
    """A demo trust whose flags report at least two measures the profile also shows."""
    workforce, leadership, indicators, organisations = tables(url)
    window = parse_window(WINDOW)
    s = measures.summary(workforce, leadership, indicators, organisations, window)
    flags = gaps.all_flags(
        gaps.GapInputs(s, workforce, leadership, window, gaps.load_rules(), indicators)
    )
    shared = flags[flags["rule_id"].isin(["vacancy_special_cause", "low_leadership_capacity"])]
    counts = shared["org_code"].value_counts()
    assert (counts >= 2).any(), "the demo should have such a trust"
    return str(counts[counts >= 2].index[0])


def peer_lines(at: AppTest) -> dict[str, dict]:
    """The flags' peer comparisons as shown, by measure label."""
    found = {}
    for caption in at.caption:
        m = PEER_LINE.search(caption.value)
        if m:
            found[m["label"]] = m.groupdict()
    return found


@pytest.mark.slow
def test_profile_gaps_and_explore_show_the_same_numbers(demo_db_shared):
    org = flagged_with_shared_measures(demo_db_shared)

    profile = open_app("organisation", org)
    peers = next(
        d.value for d in profile.dataframe if "Indicator or measure" in d.value.columns
    ).set_index("Indicator or measure")
    on_profile_flags = peer_lines(profile)  # the profile's own Gaps and risks section

    gaps_page = open_app("gaps", org)
    on_gaps = peer_lines(gaps_page)
    assert on_gaps, "the flags should compare the organisation with its peers"
    assert on_gaps == on_profile_flags

    explore = open_app("explore", org)
    explore.selectbox(key="explore_table").set_value("summary").run()
    row = next(d.value for d in explore.dataframe if "org_code" in d.value.columns).iloc[0]
    assert row["org_code"] == org

    shared = 0
    for label, line in on_gaps.items():
        code = next((c for c in registry.MEASURES if registry.measure(c).label == label), None)
        assert code is not None, label  # every rule's value is a measure of the registry
        if label not in peers.index:
            # a gap rule's own quantity has its own label, never the profile's
            assert code not in registry.COMPARABLE, label
            continue
        shared += 1
        table = peers.loc[label]
        assert line["median"] == table["Peer median"], label
        assert int(line["n"]) == table["Peers"], label
        assert table["Value"] == registry.measure(code).format(row[code]) or (
            code == "vacancy_rate"  # the rule charts the latest month, the same month here
        ), label
    assert shared >= 2
    # and every registry measure on the profile shows Explore's value
    for code in registry.COMPARABLE:
        m = registry.measure(code)
        assert peers.loc[m.label, "Value"] == m.format(row[code]), code


CUSTOM = "Holdout score"


@pytest.mark.slow
def test_every_page_renders_a_custom_indicator_without_a_unit(demo_db_url):
    rows = [INDICATORS_HEADER] + [
        [f"DM{i:03d}", "2024/25", CUSTOM, 3 + i % 7] for i in range(1, 61)
    ]
    result = validate_bytes(
        csv_bytes(rows), "holdout.csv", known_orgs={"DM001"} | {f"DM{i:03d}" for i in range(1, 151)}
    )
    assert result.ok and "custom_indicator" in {m.rule for m in result.warnings}
    with open_store(demo_db_url) as store:
        assert store.ingest(result, csv_bytes(rows), "ann").status == "accepted"
        catalogue = store.indicator_catalogue()
    unit = catalogue.set_index("code").loc[CUSTOM, "unit"]
    assert unit is None or pd.isna(unit)

    at = open_app("overview", "DM001")
    pages = ("overview", "leadership", "outcomes", "workforce", "organisation", "gaps")
    for page in (*pages, "explore", "submissions", "upload"):
        at.switch_page(f"views/{page}.py").run()
        assert not at.exception, (page, [e.value for e in at.exception])
        if page == "outcomes":
            at.selectbox(key="indicator").set_value("holdout_score").run()
            assert not at.exception, [e.value for e in at.exception]
            reading = next(t.value for t in at.text if t.value.startswith(f"{CUSTOM}: "))
            # 60 values, less those of trusts that sent no leadership return (left out)
            assert re.match(rf"{CUSTOM}: \d+ of 142 organisations have a value; 8 ", reading)
            assert any("Unit: none. No direction." in c.value for c in at.caption)
        if page == "organisation":
            peers = next(d.value for d in at.dataframe if "Indicator or measure" in d.value)
            custom = peers.set_index("Indicator or measure").loc[CUSTOM]
            assert custom["Value"] == "4.00"  # DM001: 3 + 1, no unit to add
        if page == "explore":
            at.selectbox(key="explore_table").set_value("summary").run()
            assert not at.exception, [e.value for e in at.exception]
            summary = next(d.value for d in at.dataframe if "org_code" in d.value.columns)
            assert {"holdout_score", "holdout_score__period"} <= set(summary.columns)
