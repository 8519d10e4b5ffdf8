"""Periods: the forms of the return format, financial years and analysis windows."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import pytest

from ahp_analytics.domain.periods import (
    Period,
    financial_year_window,
    has_begun,
    latest_plausible_start,
    parse_period,
    parse_period_series,
    parse_window,
    period_end,
)


@pytest.mark.parametrize(
    ("value", "start", "kind"),
    [
        ("2011-12", date(2011, 12, 1), "month"),  # ISO month, not financial year 2011/12
        ("2011/12", date(2011, 4, 1), "financial_year"),
        ("FY2023/24", date(2023, 4, 1), "financial_year"),
        ("2023/2024", date(2023, 4, 1), "financial_year"),
        ("2023/24 Q1", date(2023, 4, 1), "quarter"),
        ("2023/24 Q3", date(2023, 10, 1), "quarter"),
        ("31/03/2024", date(2024, 3, 1), "month"),
        ("Sept 2023", date(2023, 9, 1), "month"),
        (2024, date(2024, 1, 1), "year"),
        (2024.0, date(2024, 1, 1), "year"),
        (datetime(2024, 2, 29, 13, 5), date(2024, 2, 1), "month"),
    ],
)
def test_parse_period(value, start, kind):
    assert parse_period(value) == Period(start, kind)


@pytest.mark.parametrize(
    "value", ["", None, "2023/25", "2024-13", "31/02/2024", "Smarch 2024", 3.5, True, 1850, "x"]
)
def test_unreadable_periods(value):
    assert parse_period(value) is None


def test_period_end_and_label():
    assert Period(date(2024, 1, 1), "quarter").end == date(2024, 3, 31)
    assert Period(date(2024, 1, 1), "quarter").label == "2023/24 Q4"
    assert Period(date(2023, 4, 1), "financial_year").end == date(2024, 3, 31)
    assert Period(date(2024, 2, 1), "month").end == date(2024, 2, 29)


def test_windows_contain_periods_by_their_last_day():
    w = parse_window("2023/24")
    assert (w.start, w.end) == (date(2023, 4, 1), date(2024, 3, 31))
    ends = pd.Series(pd.to_datetime(["2023-03-31", "2023-04-30", "2023-12-31", "2024-03-31"]))
    assert w.contains(ends).tolist() == [False, True, True, True]
    assert w.previous() == financial_year_window(2022)
    assert parse_window("2024-01..2024-06").end == date(2024, 6, 30)
    assert parse_window("2024-06..2024-01") is None
    assert parse_window("soon") is None


def test_series_parsing_and_vectorised_period_end():
    start, kind = parse_period_series(pd.Series(["2024-03", "2023/24", None, "x", 2024]))
    assert kind.tolist()[:2] == ["month", "financial_year"]
    assert start.isna().tolist() == [False, False, True, True, False]
    ends = period_end(start, kind)
    assert ends[0] == pd.Timestamp("2024-03-31") and ends[4] == pd.Timestamp("2024-12-31")


def test_latest_plausible_start_is_a_year_after_today():
    assert latest_plausible_start(date(2026, 11, 26)) == date(2027, 11, 26)
    assert latest_plausible_start(date(2024, 2, 29)) == date(2025, 2, 28)
    assert latest_plausible_start() > date.today()


def test_has_begun_marks_periods_that_start_by_today():
    starts = pd.Series(pd.to_datetime(["2026-11-01", "2026-11-26", "2026-12-01", None]))
    assert has_begun(starts, date(2026, 11, 26)).tolist() == [True, True, False, False]
