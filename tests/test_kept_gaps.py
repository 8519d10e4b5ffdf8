"""The gap checks read the kept sums (stored.gap_workforce_sums) in place of the raw workforce
rows: after any history of ingests, revisions and withdrawals they see the same monthly
vacancy series and the same FTE by profession, on SQLite and PostgreSQL; and on the
demonstration data every check of every organisation comes out the same, to the letter.
"""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from test_kept import ORGS, STEPS, TOLERANCE, WINDOWS, fresh, replay

from ahp_analytics.analysis import gaps, measures, stored
from ahp_analytics.domain.periods import parse_window
from ahp_analytics.domain.selection import Selection
from ahp_analytics.store import Store, open_store


def assert_gap_sums_equal_raw(store: Store) -> None:
    """What the gap rules take from the kept sums equals what they take from the raw rows,
    for every organisation at once and for each one alone."""
    workforce = store.read("workforce")
    for label in WINDOWS:
        window = parse_window(label)
        for org in (None, *ORGS):
            sums = stored.gap_workforce_sums(store, window, org)
            want = gaps.monthly_vacancy(workforce, window, org)
            got = gaps.monthly_vacancy_from_sums(sums.totals, window, org)
            pd.testing.assert_frame_equal(got, want, obj=f"{label} series of {org}", **TOLERANCE)
            # Quoted in the checks' texts to one decimal: equal exactly, not nearly.
            pd.testing.assert_frame_equal(
                gaps.latest_profession_fte_from_sums(sums, window),
                gaps.latest_profession_fte(workforce, window),
                obj=f"{label} FTE by profession, sums for {org}",
            )


@pytest.mark.slow
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=STEPS)
def test_gap_sums_equal_the_raw_rows_after_any_history(store_url: str, steps: list) -> None:
    store = fresh(store_url)
    try:
        replay(store, steps)
        assert_gap_sums_equal_raw(store)
    finally:
        store.close()


@pytest.mark.slow
@pytest.mark.parametrize("label", ["2024/25", "2023/24"])
def test_every_check_from_the_kept_sums_reads_as_from_the_rows(demo_db_file, label):
    """Every check of every organisation, and of one organisation alone, is the same from the
    kept sums as from the raw rows: statuses, values and every text (FTE by profession summed
    in another order once read 103.1 where the rows gave 103.2)."""
    window = parse_window(label)
    with open_store(f"sqlite:///{demo_db_file}") as store:
        tables = {t: store.read(t) for t in ("workforce", "leadership", "indicators")}
        summary = measures.summary_table(store, Selection(window=label))
        rules = gaps.load_rules()

        def inputs(workforce, sums):  # type: ignore[no-untyped-def]
            return gaps.GapInputs(
                summary,
                workforce,
                tables["leadership"],
                window,
                rules,
                tables["indicators"],
                workforce_sums=sums,
            )

        want = gaps.all_checks(inputs(tables["workforce"], None))
        got = gaps.all_checks(inputs(None, stored.gap_workforce_sums(store, window)))
        pd.testing.assert_frame_equal(got, want)
        assert (want["status"] == gaps.FLAG).sum() > 50  # the comparison covers flags
        for org in summary["org_code"].iloc[::15]:
            one = stored.gap_workforce_sums(store, window, org)
            pd.testing.assert_frame_equal(
                gaps.org_checks(org, inputs(None, one)),
                want[want["org_code"] == org].reset_index(drop=True),
                obj=org,
            )


def test_the_checks_take_the_workforce_rows_or_their_sums_not_both():
    window = parse_window("2024/25")
    empty = pd.DataFrame()
    sums = gaps.WorkforceSums(empty, empty)
    with pytest.raises(ValueError, match="rows or their kept sums"):
        gaps.GapInputs(empty, None, empty, window, empty)
    with pytest.raises(ValueError, match="rows or their kept sums"):
        gaps.GapInputs(empty, empty, empty, window, empty, workforce_sums=sums)
