"""The store's conversion of a frame's columns into the values its driver is given."""

from __future__ import annotations

import datetime

import numpy as np
import pandas as pd
import pytest

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


def _workforce(org_codes: list[str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "org_code": org_codes,
            "period": pd.to_datetime(["2024-04-01"] * len(org_codes)),
            "period_type": "month",
            "profession": "Physiotherapist",
            "band": "Band 5",
            "fte": 1.0,
            "headcount": 1.0,
            "vacancy_fte": np.nan,
        }
    )


def test_each_slice_s_rows_take_its_ids_in_their_order_and_a_row_without_one_is_refused() -> None:
    class Conn:
        class dialect:  # noqa: N801 - stands in for SQLAlchemy's attribute
            name = "postgresql"  # ids given with the rows (SQLite makes them: see test_store)

    batches: list = []

    def insert(conn, table, names, batch) -> None:  # type: ignore[no-untyped-def]
        assert names == ["id", "profession", "band", "fte", "headcount", "vacancy_fte"]
        batches.extend(batch)

    common = {"batch_size": 2, "insert_batch": insert}
    frame = _workforce(["XA1", "XB1", "XA1"]).assign(fte=[1.0, 2.0, 3.0])
    # XB1's slice starts at id 10 (one row), XA1's at 11 (two rows).
    first = np.array([11, 10, 11])
    done = bulk.insert_rows(Conn(), "workforce", frame, first, 0, 3, None, **common)
    assert done == 3 and [(r[0], r[3]) for r in batches] == [(10, 2.0), (11, 1.0), (12, 3.0)]
    # Refused before anything is written: a row without its slice's first id, and slices whose
    # ranges leave a gap between them.
    batches.clear()
    with pytest.raises(ValueError, match="without a slice"):
        bulk.insert_rows(Conn(), "workforce", frame, first[:2], 0, 3, None, **common)
    with pytest.raises(ValueError, match="consecutive ids"):
        bulk.insert_rows(Conn(), "workforce", frame, np.array([12, 10, 12]), 0, 3, None, **common)
    assert batches == []
