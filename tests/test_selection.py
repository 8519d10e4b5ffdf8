"""One Selection for the store, the exports, the command line and the pages: how it is built
from loose values, described, named, applied to a frame, and refused where it does not apply."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from ahp_analytics.domain.periods import parse_period, parse_window
from ahp_analytics.domain.selection import APPLIES, Selection


def test_loose_values_are_normalised() -> None:
    s = Selection(
        window=parse_window("2023/24"),
        orgs=["xa1 ", "XA1", "", "dm007"],
        region="London",
        icb=None,
        trust_type=("Acute", "Acute", "Community"),
        period_from="Feb-24",
        period_to=parse_period("2024/25"),
    )
    assert s == Selection(
        window="2023/24",
        orgs=("XA1", "DM007"),
        region=("London",),
        trust_type=("Acute", "Community"),
        period_from=date(2024, 2, 1),
        period_to=date(2024, 4, 1),
    )
    assert s.filters() == ["window", "orgs", "region", "trust_type", "periods"]
    assert Selection(window="2023/24..2024/25").window == "2023/24..2024/25"
    assert Selection(window=parse_window("2023/24..2024/25")).analysis_window == parse_window(
        "2023/24..2024/25"
    )
    assert hash(s) == hash(s.replace())  # frozen: a cache key
    with pytest.raises(ValueError, match="cannot read the window 'soon'"):
        Selection(window="soon")
    with pytest.raises(ValueError, match="Cannot read 'soon' as a period"):
        Selection(period_to="soon")


def test_describe_and_slug() -> None:
    s = Selection(window="2023/24", region="North West", icb="Cheshire & Merseyside ICB")
    assert s.describe() == "2023/24, North West, Cheshire & Merseyside ICB"
    assert s.slug() == "2023-24_North-West_Cheshire-Merseyside-ICB"
    periods = Selection(orgs=["RJ1"], period_from="2024-01", period_to="2024-06-30")
    assert periods.describe() == "RJ1, 2024-01-01 to 2024-06-30"
    assert Selection(period_to="2024-06").describe() == "to 2024-06-01"
    assert (Selection().describe(), Selection().slug()) == ("everything", "all")
    assert Selection(region="/").slug() == "all"  # nothing left of it for a file name
    assert not Selection(window="2023/24").narrowed and Selection(icb="x").narrowed


def test_each_table_takes_only_its_filters() -> None:
    everything = Selection(
        window="2023/24",
        orgs="RJ1",
        region="London",
        icb="ICB",
        trust_type="Acute",
        period_from="2024-01",
    )
    for table, takes in APPLIES.items():
        allowed = everything.replace(
            **{
                name: None
                for name in ("window", "orgs", "region", "icb", "trust_type")
                if name not in takes
            },
            **({} if "periods" in takes else {"period_from": None}),
        )
        allowed.check(table)
        if allowed != everything:
            with pytest.raises(ValueError):
                everything.check(table)
    with pytest.raises(ValueError, match="not a range of periods"):
        Selection(period_from="2024-01").check("summary")
    with pytest.raises(ValueError, match="summary only, not to the workforce table"):
        Selection(window="2023/24").check("workforce")
    with pytest.raises(ValueError, match="never filtered: leave out the filters \\(region\\)"):
        Selection(region="London").check("submissions")
    with pytest.raises(ValueError, match="Unknown table 'staff'"):
        Selection().check("staff")


def test_apply_filters_a_frame_and_refuses_what_it_cannot_apply() -> None:
    rows = pd.DataFrame(
        {
            "org_code": ["A", "B", "C", "D"],
            "region": ["London", "London", "Midlands", None],
            "icb": ["I1", "I2", "I1", None],
            "trust_type": ["Acute", "Community", "Acute", "Acute"],
            "window": ["2023/24"] * 4,
        }
    )
    assert list(Selection(region="London").apply(rows)["org_code"]) == ["A", "B"]
    both = Selection(window="2023/24", icb="I1", trust_type=["Acute", "Community"])
    assert list(both.apply(rows)["org_code"]) == ["A", "C"]
    assert Selection(window="2024/25").apply(rows).empty  # rows of another window
    assert list(Selection(orgs=["d"]).apply(rows)["org_code"]) == ["D"]
    with pytest.raises(ValueError, match="periods filter does not apply"):
        Selection(period_from="2024-01").apply(rows)

    months = pd.DataFrame(
        {
            "org_code": ["A"] * 3,
            "period": pd.to_datetime(["2024-01-01", "2024-02-01", "2024-03-01"]),
        }
    )
    feb = Selection(period_from="2024-02", period_to="2024-02-29").apply(months)
    assert list(feb["period"].dt.month) == [2]
    with pytest.raises(ValueError, match="region filter does not apply to rows without region"):
        Selection(region="London").apply(months)


def test_the_demonstration_organisations_are_left_out_alike_in_frames_and_in_sql(store) -> None:
    from fixtures import make_file, workforce_rows

    result, content = make_file(workforce=workforce_rows("DM001") + workforce_rows("XA1"))
    assert store.ingest(result, content, "alice").status == "accepted"
    real = Selection(demo=False)
    assert real.filters() == ["demo"] and real.narrowed
    assert (
        real.describe() == "without demonstration data"
        and real.slug() == "without-demonstration-data"
    )
    rows = store.read("workforce")
    assert set(store.read("workforce", real)["org_code"]) == {"XA1"}
    pd.testing.assert_frame_equal(
        store.read("workforce", real), real.apply(rows).reset_index(drop=True)
    )
    # Codes like a demonstration one but not one stay in.
    codes = pd.DataFrame({"org_code": ["DM001", "DM01", "DMX01", "DM0012", "XA1"]})
    assert real.apply(codes)["org_code"].tolist() == ["DM01", "DMX01", "DM0012", "XA1"]
    with pytest.raises(ValueError, match="never filtered"):
        real.check("submissions")
