"""The kept sums' by-profession and by-band JSON (store/kept.py) is built from column
operations, not an encoder per object: it must be the text ``json.dumps`` gives, byte for
byte, whatever the numbers and labels; and the store keeps that text and the numbers as
worked out, on SQLite and PostgreSQL."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import sqlalchemy as sa
from fixtures import make_file, workforce_rows

from ahp_analytics.domain import reference
from ahp_analytics.store import Store, kept

FIGURES = ("rows", *kept.SUMS)


def frame(rows: list[tuple]) -> pd.DataFrame:
    """Workforce rows (org_code, period, profession, band, fte, headcount, vacancy_fte), in
    months."""
    out = pd.DataFrame(
        rows,
        columns=["org_code", "period", "profession", "band", "fte", "headcount", "vacancy_fte"],
    )
    out.insert(2, "period_type", "month")
    out["period"] = pd.to_datetime(out["period"])
    return out.astype({c: float for c in ("fte", "headcount", "vacancy_fte")})


def dumped(text: str) -> str:
    """The text ``json.dumps`` gives for what ``text`` holds (keys in its order; floats read
    back exactly, so any other spelling of a number or a key shows)."""
    return json.dumps(json.loads(text), separators=(",", ":"))


TRICKY = frame(
    [
        # A blank band first met part-way, labels with quotes, accents and a line end.
        ("XA1", "2024-03", "Physiotherapist", "Band 5", 0.1, 1.0, None),
        ("XA1", "2024-03", "Physiotherapist", "Band 5", 0.2, None, 0.0),
        ("XA1", "2024-03", 'Thérapeute "art"\n', None, 1e-7, 2.0, 1e16),
        ("XA1", "2024-03", "Dietitian", "Band 8a", 5e-324, 1.0, None),
        ("XB1", "2024-03", "Dietitian", np.nan, 123456789.123, None, 2.5),
        ("XB1", "2024-03", "Dietitian", "Band 8a", float("inf"), 3.0, -0.0),
        ("XB1", "2024-02", "Physiotherapist", "Band 6", None, None, None),
        ("XA1", "2024-02", "Podiatrist", "Band 6", 1e22, 1.0, 0.30000000000000004),
    ]
)


def added(rows: pd.DataFrame) -> list:
    """The row count and :data:`kept.SUMS` of ``rows``, each figure added in row order as the
    kept sums add them, blanks skipped; None where headcount, vacancy or reported FTE has no
    figure (JSON's null)."""
    totals = dict.fromkeys(FIGURES, 0.0)
    given = {name: name in ("rows", "fte", "senior_fte") for name in FIGURES}
    for r in rows.itertuples():
        parts = {
            "rows": 1.0,
            "fte": r.fte,
            "headcount": r.headcount,
            "vacancy_fte": r.vacancy_fte,
            "reported_fte": r.fte if r.vacancy_fte == r.vacancy_fte else np.nan,
            "senior_fte": r.fte if r.band in reference.SENIOR_BANDS else 0.0,
        }
        for name, value in parts.items():
            if value == value:
                totals[name] += value
                given[name] = True
    return [totals[name] if given[name] else None for name in FIGURES]


def test_the_json_is_the_text_json_dumps_gives_with_the_sums_per_item() -> None:
    out = kept.sums(TRICKY)
    labels = {"profession": TRICKY["profession"], "band": TRICKY["band"].fillna("")}
    for dimension, label in labels.items():
        order = list(dict.fromkeys(label))  # items in order of first appearance
        for key, text in zip(
            out[list(kept.KEY)].itertuples(index=False), out[f"by_{dimension}"], strict=True
        ):
            assert text == dumped(text), text
            rows = TRICKY[(TRICKY[list(kept.KEY)] == pd.Series(key._asdict())).all(axis=1)]
            own = label[rows.index]
            parsed = json.loads(text)
            assert list(parsed) == [item for item in order if item in set(own)]
            for item, figures in parsed.items():
                assert figures == added(rows[own == item]), (dimension, key, item)


def test_the_json_spells_each_number_as_python_does() -> None:
    out = kept.sums(TRICKY)
    texts = "".join(out["by_profession"]) + "".join(out["by_band"])
    for spelled in ("1e-07", "1e+16", "5e-324", "Infinity", "1e+22", "0.30000000000000004"):
        assert spelled in texts
    assert "NaN" not in texts and "null" in texts


def nulls(values: list) -> list:
    """``values`` with NaN as None, as the database gives a NULL."""
    return [None if v != v else v for v in values]


def test_the_store_keeps_the_text_and_numbers_worked_out(store: Store) -> None:
    rows = workforce_rows("XA1", fte=1.25) + workforce_rows(
        "XB1", "2024-02", professions=("Dietitian", "Podiatrist"), bands=("Band 8a",), fte=0.5
    )
    rows[0]["vacancy_fte"] = None
    rows[1]["headcount"] = None
    result, content = make_file("two.xlsx", workforce=rows)
    assert store.ingest(result, content, "alice").status == "accepted"
    want = kept.sums(result.tables["workforce"]).sort_values(list(kept.KEY))
    t = kept.kept_workforce_table
    columns = [*kept.KEY, *FIGURES, "by_profession", "by_band"]
    with store.reading() as conn:
        stored = conn.execute(sa.select(*(t.c[c] for c in columns)).order_by(*kept.KEY)).all()
    got = pd.DataFrame(stored, columns=columns)
    assert got["period"].tolist() == want["period"].dt.date.tolist()
    for c in ("org_code", "period_type", "rows", "by_profession", "by_band"):
        assert got[c].tolist() == want[c].tolist(), c
    for c in kept.SUMS:
        assert got[c].tolist() == nulls(want[c].tolist()), c
