"""The store's conversion of a frame's columns into the values its driver is given."""

from __future__ import annotations

import datetime

import numpy as np
import pandas as pd

from ahp_analytics.store import bulk


def test_text_is_converted_per_distinct_value_with_none_for_missing() -> None:
    series = pd.Series(["Band 5", None, "Band 5", "Band 6", np.nan], dtype=object)
    assert bulk.values(series, "band") == ["Band 5", None, "Band 5", "Band 6", None]


def test_text_in_every_row_is_given_as_it_is_and_anything_else_as_text() -> None:
    assert bulk.values(pd.Series(["R0A", "R1B", "R0A"], dtype=object), "org_code") == [
        "R0A",
        "R1B",
        "R0A",
    ]
    mixed = bulk.values(pd.Series(["R0A", 7, np.str_("R1B")], dtype=object), "org_code")
    assert mixed == ["R0A", "7", "R1B"] and all(type(v) is str for v in mixed)


def test_arrow_backed_text_converts_alike() -> None:
    series = pd.Series(["R0A", None, "R0A"], dtype="string[pyarrow]")
    assert bulk.values(series, "org_code") == ["R0A", None, "R0A"]


def test_numbers_are_floats_with_none_for_blank() -> None:
    out = bulk.values(pd.Series([1, None, 2.5]), "fte")
    assert out == [1.0, None, 2.5]
    assert all(type(v) is float for v in out if v is not None)


def test_periods_are_dates_or_their_iso_text() -> None:
    series = pd.Series(pd.to_datetime(["2024-04-01", "2024-05-01", "2024-04-01"]))
    assert bulk.values(series, "period") == [
        datetime.date(2024, 4, 1),
        datetime.date(2024, 5, 1),
        datetime.date(2024, 4, 1),
    ]
    assert bulk.values(series, "period", iso_dates=True) == [
        "2024-04-01",
        "2024-05-01",
        "2024-04-01",
    ]
