"""The command-line contract of the return format (section 8): commands, exit codes, the JSON
report, and the round trip template -> ingest -> export."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from ahp_analytics.cli import main
from tests.workbooks import (
    WORKFORCE_HEADER,
    csv_bytes,
    filled_template,
    workforce_rows,
    xlsx,
)

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def db(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'cli.db'}"


def write(path: Path, data: bytes) -> str:
    path.write_bytes(data)
    return str(path)


def read_csv_out(capsysbinary) -> pd.DataFrame:
    out = capsysbinary.readouterr().out
    assert out.startswith(b"\xef\xbb\xbf"), "CSV must start with a byte-order mark"
    return pd.read_csv(io.BytesIO(out), encoding="utf-8-sig", keep_default_na=False)


def test_template_then_filled_in_validates(tmp_path, capsys):
    out = tmp_path / "return.xlsx"
    assert main(["template", str(out)]) == 0
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[:3] == ["Instructions", "Return details", "Workforce"]
    for row in workforce_rows():
        wb["Workforce"].append(row)
    wb.save(out)
    capsys.readouterr()
    assert main(["validate", str(out)]) == 0
    assert capsys.readouterr().out.startswith("OK  return.xlsx  (3 workforce rows)")


def test_template_needs_an_xlsx_name(tmp_path, capsys):
    assert main(["template", str(tmp_path / "return.csv")]) == 2
    assert ".xlsx" in capsys.readouterr().err


def test_validate_exit_codes_and_json_report(tmp_path, capsys):
    good = write(tmp_path / "good.csv", csv_bytes([WORKFORCE_HEADER, *workforce_rows()]))
    bad_rows = [WORKFORCE_HEADER, ["RJ1", "2024-03", "Plumber", "Band 5", 1, 1, 0]]
    bad = write(tmp_path / "bad.xlsx", xlsx({"Workforce": bad_rows}))
    report = tmp_path / "report.json"
    assert main(["validate", good, bad, "--report-json", str(report)]) == 1
    files = json.loads(report.read_text())["files"]
    assert [f["status"] for f in files] == ["accepted", "rejected"]
    assert files[0]["rows"] == {"workforce": 3}
    [error] = files[1]["errors"]
    assert {k: error[k] for k in ("sheet", "row", "column", "value", "rule")} == {
        "sheet": "Workforce",
        "row": 2,
        "column": "Profession",
        "value": "Plumber",
        "rule": "unknown_profession",
    }
    assert "unknown profession 'Plumber'" in error["message"]
    out = capsys.readouterr().out
    assert "REJECTED  bad.xlsx" in out and "fix:" in out


def test_usage_errors_exit_2_without_traceback():
    for argv in (["bogus"], ["validate"], ["export", "nonsense"], []):
        proc = subprocess.run(
            [sys.executable, "-m", "ahp_analytics", *argv],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        assert proc.returncode == 2, argv
        assert "Traceback" not in proc.stderr + proc.stdout


def test_missing_file_is_rejected_clearly(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "nope.xlsx")]) == 1
    assert "no such file" in capsys.readouterr().out


def test_round_trip_template_ingest_export_gives_back_the_numbers(tmp_path, db, capsysbinary):
    rows = [
        ["RJ1", "2024-03", "Physiotherapist", "Band 6", 10.5, 11, 1.5],
        ["RJ1", "2024-03", "Dietitian", "8A", "2.25", 3, None],
        ["RJ1", "Apr-24", "SALT", "Band 5", 0, 0, 2],
    ]
    path = write(tmp_path / "return.xlsx", filled_template({"Workforce": rows}))
    assert main(["--db", db, "ingest", path, "--user", "tester"]) == 0
    capsysbinary.readouterr()
    assert main(["--db", db, "export", "workforce"]) == 0
    df = read_csv_out(capsysbinary)
    assert df.columns.tolist() == [
        "org_code",
        "period",
        "period_type",
        "profession",
        "band",
        "fte",
        "headcount",
        "vacancy_fte",
    ]
    got = df.sort_values(["period", "profession"]).to_dict("records")
    assert [(r["period"], r["profession"], r["band"], r["fte"]) for r in got] == [
        ("2024-03-01", "Dietitian", "Band 8a", 2.25),
        ("2024-03-01", "Physiotherapist", "Band 6", 10.5),
        ("2024-04-01", "Speech and language therapist", "Band 5", 0.0),
    ]
    assert [r["vacancy_fte"] for r in got] == ["", "1.5", "2.0"]


def test_ingest_repeat_is_unchanged_and_resubmission_supersedes(tmp_path, db, capsys):
    first = write(tmp_path / "a.csv", csv_bytes([WORKFORCE_HEADER, *workforce_rows()]))
    changed = [WORKFORCE_HEADER, ["RJ1", "2024-03", "Physiotherapist", "Band 6", 12, 12, 0]]
    second = write(tmp_path / "b.csv", csv_bytes(changed))
    report = tmp_path / "r.json"
    assert main(["--db", db, "ingest", first, first, second, "--report-json", str(report)]) == 0
    statuses = [f["status"] for f in json.loads(report.read_text())["files"]]
    assert statuses == ["accepted", "unchanged", "accepted"]
    capsys.readouterr()
    assert main(["--db", db, "submissions"]) == 0
    history = capsys.readouterr().out
    assert "superseded" in history and "current" in history
    assert main(["--db", db, "withdraw", "2"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "submissions"]) == 0
    lines = capsys.readouterr().out.splitlines()[1:]
    status_of = {line.split()[0]: line for line in lines}
    assert "withdrawn" in status_of["2"] and "current" in status_of["1"]


def test_withdraw_unknown_id_exits_1(db, capsys):
    assert main(["--db", db, "withdraw", "99"]) == 1
    assert "99" in capsys.readouterr().out


def test_export_filters_select_exactly_the_rows_asked_for(tmp_path, db, capsysbinary):
    rows = [WORKFORCE_HEADER]
    for org in ("RJ1", "R0A", "RX1"):
        for month in ("2024-02", "2024-03", "2024-04"):
            rows.append([org, month, "Dietitian", "Band 5", 1, 1, 0])
    path = write(tmp_path / "all.csv", csv_bytes(rows))
    assert main(["--db", db, "ingest", path]) == 0
    capsysbinary.readouterr()
    args = ["--db", db, "export", "workforce", "--org", "rj1", "--org", "R0A"]
    assert main([*args, "--from", "2024-03", "--to", "Apr-24"]) == 0
    df = read_csv_out(capsysbinary)
    assert sorted(zip(df["org_code"], df["period"], strict=True)) == [
        ("R0A", "2024-03-01"),
        ("R0A", "2024-04-01"),
        ("RJ1", "2024-03-01"),
        ("RJ1", "2024-04-01"),
    ]
    assert main(["--db", db, "export", "workforce", "--region", "North West"]) == 0
    assert set(read_csv_out(capsysbinary)["org_code"]) == {"R0A"}
    assert main(["--db", db, "export", "workforce", "--trust-type", "Ambulance"]) == 0
    empty = read_csv_out(capsysbinary)
    assert empty.empty and "org_code" in empty.columns


def test_export_xlsx_to_file_and_bad_period(tmp_path, db, capsys):
    path = write(tmp_path / "a.csv", csv_bytes([WORKFORCE_HEADER, *workforce_rows()]))
    assert main(["--db", db, "ingest", path]) == 0
    out = tmp_path / "wf.xlsx"
    assert main(["--db", db, "export", "workforce", "-o", str(out)]) == 0
    ws = openpyxl.load_workbook(out).active
    assert ws.max_row == 4
    assert main(["--db", db, "export", "workforce", "--from", "someday"]) == 2
    assert "someday" in capsys.readouterr().err


def test_demo_if_empty_leaves_a_used_database_alone(tmp_path, db, capsys):
    path = write(tmp_path / "a.csv", csv_bytes([WORKFORCE_HEADER, *workforce_rows()]))
    assert main(["--db", db, "ingest", path]) == 0
    assert main(["--db", db, "demo", "--if-empty"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "submissions"]) == 0
    assert "demo-" not in capsys.readouterr().out


def test_ingest_shows_progress_on_the_terminal(tmp_path, db, capsys):
    path = write(tmp_path / "a.csv", csv_bytes([WORKFORCE_HEADER, *workforce_rows()]))
    assert main(["--db", db, "ingest", path]) == 0
    err = capsys.readouterr().err
    assert "[1/1] checking" in err and "storing 3 rows" in err
