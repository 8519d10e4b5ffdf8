"""Plausibility warnings against the organisation's previous return: a profession's FTE or a
band's vacancy that moved beyond the tolerance set in data/plausibility.csv names the
profession or band and both figures, on the command line and on the Upload page."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from ahp_analytics.analysis import plausibility
from ahp_analytics.analysis.plausibility import Tolerance, load_tolerances, movements
from ahp_analytics.cli import main
from ahp_analytics.domain import schema
from tests.workbooks import filled_template


def rows(org: str, period: str, figures: list[tuple]) -> pd.DataFrame:
    """Workforce rows: (profession, band, fte, vacancy_fte) for one organisation and month."""
    return schema.frame(
        "workforce",
        [
            {
                "org_code": org,
                "period": pd.Timestamp(f"{period}-01"),
                "period_type": "month",
                "profession": p,
                "band": b,
                "fte": f,
                "headcount": None,
                "vacancy_fte": v,
            }
            for p, b, f, v in figures
        ],
    )


BEFORE = [
    ("Physiotherapist", "Band 5", 14.0, 2.0),
    ("Physiotherapist", "Band 6", 10.0, 1.0),
    ("Dietitian", "Band 6", 2.0, None),
    ("Podiatrist", "Band 6", 3.0, 0.0),
]


def test_the_default_tolerance_is_25_per_cent_in_the_data_file():
    assert load_tolerances() == {
        "profession_fte": Tolerance(25.0, 1.0),
        "band_vacancy": Tolerance(25.0, 1.0),
    }
    assert plausibility.SETTINGS_FILE.name == "plausibility.csv"


def test_moves_beyond_the_tolerance_name_the_profession_or_band_and_both_figures():
    after = [
        ("Physiotherapist", "Band 5", 24.0, 4.5),  # physio 24 -> 36 (+50%); Band 5 vac 2 -> 4.5
        ("Physiotherapist", "Band 6", 12.0, 1.2),
        ("Dietitian", "Band 6", 2.8, None),  # +40% but only 0.8 FTE: too small to flag
        # Podiatrist gone: 3.0 -> none
    ]
    found = movements(rows("RJ1", "2024-07", after), rows("RJ1", "2024-06", BEFORE))
    texts = {m.message for m in found}
    assert texts == {
        "Physiotherapist FTE moved from 24.0 in Jun 2024 (the previous return) to 36.0 in "
        "Jul 2024 (+50%), more than the 25% allowed.",
        "Podiatrist FTE moved from 3.0 in Jun 2024 (the previous return) to 0.0 in Jul 2024 "
        "(-100%), more than the 25% allowed.",
        "Vacancy FTE in Band 5 moved from 2.0 in Jun 2024 (the previous return) to 4.5 in "
        "Jul 2024 (+125%), more than the 25% allowed.",
    }
    physio = next(m for m in found if m.message.startswith("Physiotherapist"))
    assert (physio.severity, physio.rule, physio.sheet, physio.column, physio.value) == (
        "warning",
        "fte_moved",
        "Workforce",
        "FTE",
        "24.0 -> 36.0",
    )
    assert {m.rule for m in found} == {"fte_moved", "vacancy_moved"}


def test_moves_within_the_tolerance_and_first_returns_give_nothing():
    within = [(p, b, f * 1.2, v) for p, b, f, v in BEFORE]  # +20%
    assert movements(rows("RJ1", "2024-07", within), rows("RJ1", "2024-06", BEFORE)) == []
    assert movements(rows("RJ1", "2024-07", BEFORE), rows("RJ1", "2024-06", [])[:0]) == []
    # A later stored period is not the previous return of an earlier one.
    assert movements(rows("RJ1", "2024-05", within), rows("RJ1", "2024-06", BEFORE)) == []


def test_the_tolerance_comes_from_the_file(tmp_path):
    settings = tmp_path / "plausibility.csv"
    settings.write_text(
        "check,tolerance_pct,min_change_fte,description\n"
        "profession_fte,60,1,x\nband_vacancy,200,1,y\n"
    )
    tolerances = load_tolerances(settings)
    after = [("Physiotherapist", "Band 5", 24.0, 4.5), *BEFORE[1:]]
    found = movements(rows("RJ1", "2024-07", after), rows("RJ1", "2024-06", BEFORE), tolerances)
    assert found == []  # +50% FTE within 60%; +125% vacancy within 200%
    settings.write_text("check,tolerance_pct,min_change_fte,description\nprofession_fte,x,1,\n")
    with pytest.raises(ValueError, match="must be numbers"):
        load_tolerances(settings)


def workbook(org: str, month: str, scale: float) -> bytes:
    return filled_template(
        {
            "Workforce": [
                [org, month, "Physiotherapist", "Band 6", 20.0 * scale, 30, 2.0 * scale],
                [org, month, "Dietitian", "Band 6", 6.0, 7, 1.0],
            ]
        }
    )


def test_validate_and_ingest_report_the_moves_and_store_them(tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'ahp.db'}"
    june, july = tmp_path / "june.xlsx", tmp_path / "july.xlsx"
    june.write_bytes(workbook("RJ1", "2024-06", 1.0))
    july.write_bytes(workbook("RJ1", "2024-07", 1.5))
    assert main(["--db", db, "ingest", str(june)]) == 0
    report = tmp_path / "report.json"
    assert main(["--db", db, "validate", str(july), "--report-json", str(report)]) == 0
    warnings = json.loads(report.read_text())["files"][0]["warnings"]
    assert [(w["rule"], w["value"]) for w in warnings] == [
        ("fte_moved", "20.0 -> 30.0"),
        ("vacancy_moved", "3.0 -> 4.0"),
    ]
    out = capsys.readouterr().out
    assert "Physiotherapist FTE moved from 20.0 in Jun 2024" in out

    assert main(["--db", db, "ingest", str(july)]) == 0
    from ahp_analytics.store import open_store

    with open_store(db) as store:
        stored = store.submission(2)
    assert [w["rule"] for w in stored.warnings] == ["fte_moved", "vacancy_moved"]


def test_validate_without_a_database_creates_none(tmp_path):
    july = tmp_path / "july.xlsx"
    july.write_bytes(workbook("RJ1", "2024-07", 1.5))
    missing = tmp_path / "none.db"
    assert main(["--db", f"sqlite:///{missing}", "validate", str(july)]) == 0
    assert not missing.exists()
