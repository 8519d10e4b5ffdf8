"""The command-line contract of the return format (section 8): commands, exit codes, the JSON
report, and the round trip template -> ingest -> export."""

from __future__ import annotations

import importlib.util
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from ahp_analytics.cli import ingest as ingest_cmd
from ahp_analytics.cli import main
from tests.workbooks import (
    REAL_PROFESSIONS,
    WORKFORCE_HEADER,
    csv_bytes,
    filled_template,
    real_return,
    workforce_rows,
    xlsx,
)

ROOT = Path(__file__).resolve().parents[1]
# Three real acute trusts of the shipped reference list, and the workforce rows their return
# holds: three months of each profession's bands.
REAL_ORGS = ("RJ1", "RGT", "RX1")
REAL_ROWS = len(REAL_ORGS) * 3 * sum(len(bands) for _, bands, _ in REAL_PROFESSIONS)


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
        "org_name",
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


def test_demo_remove_takes_out_the_demonstration_data_and_nothing_else(
    tmp_path, demo_db_url, capsysbinary
):
    real = write(tmp_path / "real.xlsx", real_return(REAL_ORGS))
    assert main(["--db", demo_db_url, "ingest", real]) == 0
    capsysbinary.readouterr()
    # before: an export can leave the demonstration organisations out
    assert main(["--db", demo_db_url, "export", "workforce", "--without-demo"]) == 0
    assert set(read_csv_out(capsysbinary)["org_code"]) == set(REAL_ORGS)
    assert main(["--db", demo_db_url, "export", "organisations"]) == 0
    assert read_csv_out(capsysbinary)["org_code"].str.startswith("DM").sum() == 150

    assert main(["--db", demo_db_url, "demo", "--remove"]) == 0
    out = capsysbinary.readouterr().out.decode()
    assert "Removed the demonstration data set. Deleted 151 submissions" in out
    assert main(["--db", demo_db_url, "export", "workforce"]) == 0
    workforce = read_csv_out(capsysbinary)
    assert set(workforce["org_code"]) == set(REAL_ORGS) and len(workforce) == REAL_ROWS
    assert main(["--db", demo_db_url, "export", "organisations"]) == 0
    assert not read_csv_out(capsysbinary)["org_code"].str.startswith("DM").any()
    assert main(["--db", demo_db_url, "export", "submissions"]) == 0
    assert list(read_csv_out(capsysbinary)["file_name"]) == ["real.xlsx"]

    assert main(["--db", demo_db_url, "demo", "--remove"]) == 0
    assert "No demonstration data is stored" in capsysbinary.readouterr().out.decode()
    with pytest.raises(SystemExit) as usage:
        main(["--db", demo_db_url, "demo", "--remove", "--if-empty"])
    assert usage.value.code == 2


def test_ingest_shows_progress_on_the_terminal(tmp_path, db, capsys):
    path = write(tmp_path / "a.csv", csv_bytes([WORKFORCE_HEADER, *workforce_rows()]))
    assert main(["--db", db, "ingest", path]) == 0
    err = capsys.readouterr().err
    assert "[1/1] checking" in err and "storing 3 rows" in err


# -- environment and usage errors: exit 2 and one line --------------------------------------


def run_cli(*argv: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ahp_analytics", *argv],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )


def one_line_error(proc: subprocess.CompletedProcess) -> str:
    """The single line a failed command printed, checked to be the only output."""
    assert "Traceback" not in proc.stderr + proc.stdout, proc.stderr
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and not proc.stdout, proc.stderr + proc.stdout
    assert lines[0].startswith("error: ")
    return lines[0]


@pytest.mark.parametrize("text", ["99999999999999999999999", "3000000000", "0", "-5", "two"])
def test_absurd_submission_id_is_a_usage_error_and_the_database_is_not_asked(tmp_path, text):
    proc = run_cli("--db", f"sqlite:///{tmp_path / 'ahp.db'}", "withdraw", "--", text)
    assert proc.returncode == 2
    assert "is not a submission id" in one_line_error(proc)
    assert not (tmp_path / "ahp.db").exists()


def test_unsupported_database_is_one_line_with_the_password_masked():
    proc = run_cli("--db", "mysql://analyst:s3cret-pw@db.example/ahp", "submissions")
    assert proc.returncode == 2
    line = one_line_error(proc)
    assert "does not support" in line and "mysql://analyst:***@db.example/ahp" in line
    assert "s3cret-pw" not in proc.stderr


def test_missing_driver_is_one_line():
    if importlib.util.find_spec("pg8000") is not None:
        pytest.skip("the pg8000 driver is installed here")
    proc = run_cli("--db", "postgresql+pg8000://analyst:s3cret-pw@127.0.0.1:1/ahp", "submissions")
    assert proc.returncode == 2
    assert "driver" in one_line_error(proc) and "s3cret-pw" not in proc.stderr


def test_unreachable_database_is_one_line_with_the_password_masked():
    proc = run_cli("--db", "postgresql+psycopg://analyst:s3cret-pw@127.0.0.1:1/ahp", "submissions")
    assert proc.returncode == 2
    assert "cannot open the database" in one_line_error(proc)
    assert "s3cret-pw" not in proc.stderr


def test_a_file_that_is_not_a_database_is_one_line_and_left_alone(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"These are my notes, not a database.\n" * 200)
    for argv in (["submissions"], ["withdraw", "1"], ["export", "workforce"]):
        proc = run_cli("--db", f"sqlite:///{path}", *argv)
        assert proc.returncode == 2, argv
        assert "is not a database" in one_line_error(proc), argv
    assert path.read_bytes() == b"These are my notes, not a database.\n" * 200


def test_withdraw_on_a_database_locked_past_the_wait_is_one_line(tmp_path, db, monkeypatch, capsys):
    import sqlite3

    import sqlalchemy as sa

    from ahp_analytics.store import engine as store_engine

    path = write(tmp_path / "a.csv", csv_bytes([WORKFORCE_HEADER, *workforce_rows()]))
    assert main(["--db", db, "ingest", path]) == 0
    make_engine = store_engine.make_engine

    def impatient_engine(url):  # the store's own engine, waiting 0.2 s for the lock, not 30
        engine = make_engine(url)
        sa.event.listen(
            engine, "connect", lambda conn, _: conn.execute("PRAGMA busy_timeout = 200")
        )
        return engine

    monkeypatch.setattr(store_engine, "make_engine", impatient_engine)
    holder = sqlite3.connect(db.removeprefix("sqlite:///"), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    capsys.readouterr()
    try:
        assert main(["--db", db, "withdraw", "1"]) == 2
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    out = capsys.readouterr()
    assert not out.out and len(out.err.splitlines()) == 1
    assert out.err.startswith("error: ") and "is locked by another program" in out.err
    assert main(["--db", db, "submissions"]) == 0
    assert "current" in capsys.readouterr().out


def test_postgresql_role_without_privileges_is_one_line(tmp_path, capsys):
    url = os.environ.get("AHP_TEST_POSTGRES_URL")
    if not url:
        if os.environ.get("AHP_REQUIRE_POSTGRES") == "1":
            pytest.fail("AHP_REQUIRE_POSTGRES=1 but AHP_TEST_POSTGRES_URL is not set")
        pytest.skip("PostgreSQL not configured: set AHP_TEST_POSTGRES_URL")
    import sqlalchemy as sa

    from tests.conftest import drop_all

    drop_all(url)
    path = write(tmp_path / "a.csv", csv_bytes([WORKFORCE_HEADER, *workforce_rows()]))
    assert main(["--db", url, "ingest", path]) == 0
    parsed = sa.make_url(url)
    role = f"{parsed.database}_no_grants"[:60]
    admin = sa.create_engine(parsed.set(drivername="postgresql+psycopg"))
    with admin.begin() as conn:
        conn.exec_driver_sql(f'DROP ROLE IF EXISTS "{role}"')
        conn.exec_driver_sql(f"CREATE ROLE \"{role}\" LOGIN PASSWORD 's3cret-pw'")
    viewer = parsed.set(username=role, password="s3cret-pw").render_as_string(False)
    try:
        capsys.readouterr()
        for argv in (["submissions"], ["withdraw", "1"]):
            assert main(["--db", viewer, *argv]) == 2, argv
            out = capsys.readouterr()
            assert not out.out and len(out.err.splitlines()) == 1, out.err
            assert "refused access" in out.err and "privileges" in out.err
            assert "s3cret-pw" not in out.err and f"{role}:***@" in out.err
        with admin.begin() as conn:  # reading is not enough to withdraw
            conn.exec_driver_sql(f'GRANT SELECT ON ALL TABLES IN SCHEMA public TO "{role}"')
        assert main(["--db", viewer, "withdraw", "1"]) == 2
        assert "refused access" in capsys.readouterr().err
        assert main(["--db", url, "submissions"]) == 0
        assert "current" in capsys.readouterr().out
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f'DROP OWNED BY "{role}"')
            conn.exec_driver_sql(f'DROP ROLE "{role}"')
        admin.dispose()
        drop_all(url)


# -- batches: past a bad file, the report always written --------------------------------------

UNREADABLE = Path("/proc/self/mem")  # a regular file whose reading fails (EIO), even for root


@pytest.mark.skipif(not UNREADABLE.is_file(), reason="needs Linux's /proc/self/mem")
@pytest.mark.parametrize("command", ["validate", "ingest"])
def test_a_batch_goes_on_past_an_unreadable_file_and_writes_its_report(
    tmp_path, db, capsys, command
):
    first = write(tmp_path / "a.csv", csv_bytes([WORKFORCE_HEADER, *workforce_rows("RJ1")]))
    last = write(tmp_path / "c.csv", csv_bytes([WORKFORCE_HEADER, *workforce_rows("R0A")]))
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    report = tmp_path / "report.json"
    argv = ["--db", db, command, first, str(UNREADABLE), str(folder), last]
    assert main([*argv, "--report-json", str(report)]) == 1
    files = json.loads(report.read_text())["files"]
    assert [f["status"] for f in files] == ["accepted", "rejected", "rejected", "accepted"]
    assert "cannot be read" in files[1]["errors"][0]["message"]
    assert "not a file" in files[2]["errors"][0]["message"]
    out = capsys.readouterr().out
    assert "REJECTED  mem" in out and "OK  c.csv" in out


def test_a_report_that_cannot_be_written_is_refused_before_any_work(tmp_path, db, capsys):
    path = write(tmp_path / "a.csv", csv_bytes([WORKFORCE_HEADER, *workforce_rows()]))
    report = tmp_path / "missing-folder" / "report.json"
    assert main(["--db", db, "ingest", path, "--report-json", str(report)]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert main(["--db", db, "submissions"]) == 0
    assert "No submissions yet." in capsys.readouterr().out


# -- interrupts: say whether the file being stored was stored ---------------------------------


def interrupt_after(monkeypatch, target, name: str) -> None:
    """Make ``target.name`` run as usual, then raise KeyboardInterrupt (Ctrl-C just after)."""
    real = getattr(target, name)

    def wrapped(*args, **kwargs):
        real(*args, **kwargs)
        raise KeyboardInterrupt

    monkeypatch.setattr(target, name, wrapped)


def test_interrupt_just_after_the_commit_says_the_file_was_stored(
    tmp_path, db, capsys, monkeypatch
):
    from ahp_analytics.store import Store

    a = write(tmp_path / "a.csv", csv_bytes([WORKFORCE_HEADER, *workforce_rows("RJ1")]))
    b = write(tmp_path / "b.csv", csv_bytes([WORKFORCE_HEADER, *workforce_rows("R0A")]))
    report = tmp_path / "report.json"
    interrupt_after(monkeypatch, Store, "ingest")  # committed, but ingest never returned
    assert main(["--db", db, "ingest", a, b, "--report-json", str(report)]) == 2
    err = capsys.readouterr().err
    assert f"Interrupted after '{a}' was stored as submission 1." in err
    assert "Files after it were not processed." in err
    assert json.loads(report.read_text()) == {"files": []}
    monkeypatch.undo()
    assert main(["--db", db, "submissions"]) == 0
    history = capsys.readouterr().out.splitlines()[1:]
    assert len(history) == 1 and "a.csv" in history[0] and "current" in history[0]


def test_interrupt_before_the_commit_says_nothing_was_stored(tmp_path, db, capsys, monkeypatch):
    a = write(tmp_path / "a.csv", csv_bytes([WORKFORCE_HEADER, *workforce_rows("RJ1")]))
    b = write(tmp_path / "b.csv", csv_bytes([WORKFORCE_HEADER, *workforce_rows("R0A")]))

    def ctrl_c_midway(total):  # the store reports progress between batches, inside its transaction
        def report(done, _total):
            raise KeyboardInterrupt

        return report

    report = tmp_path / "report.json"
    assert main(["--db", db, "ingest", a, "--report-json", str(report)]) == 0
    monkeypatch.setattr(ingest_cmd, "row_progress", ctrl_c_midway)
    assert main(["--db", db, "ingest", a, b, "--report-json", str(report)]) == 2
    err = capsys.readouterr().err
    assert f"Interrupted while storing '{b}': nothing of it was stored" in err
    assert "Files after it" not in err  # b was the last file
    # The report holds the file done before the interrupt.
    assert [f["status"] for f in json.loads(report.read_text())["files"]] == ["unchanged"]
    assert main(["--db", db, "submissions"]) == 0
    history = capsys.readouterr().out.splitlines()[1:]
    assert len(history) == 1 and "a.csv" in history[0]


def test_interrupt_while_checking_says_the_file_was_not_stored(tmp_path, db, capsys, monkeypatch):
    from ahp_analytics.ingest import validation

    a = write(tmp_path / "a.csv", csv_bytes([WORKFORCE_HEADER, *workforce_rows("RJ1")]))
    b = write(tmp_path / "b.csv", csv_bytes([WORKFORCE_HEADER, *workforce_rows("R0A")]))
    real = validation.validate_bytes

    def ctrl_c_on_b(data, name, **kwargs):
        if name == "b.csv":
            raise KeyboardInterrupt
        return real(data, name, **kwargs)

    monkeypatch.setattr(validation, "validate_bytes", ctrl_c_on_b)
    report = tmp_path / "report.json"
    assert main(["--db", db, "ingest", a, b, "--report-json", str(report)]) == 2
    assert f"Interrupted while checking '{b}': it was not stored." in capsys.readouterr().err
    assert [f["file"] for f in json.loads(report.read_text())["files"]] == ["a.csv"]


# -- control characters never reach the terminal ---------------------------------------------

PWNED = "\x1b]0;PWNED\x07\x1b[2J"  # retitles the terminal, then clears it


def assert_inert(text: str) -> None:
    assert not any(ch in text for ch in "\x1b\x07\x9b"), repr(text)


def test_control_characters_from_a_file_are_escaped_on_the_terminal(tmp_path, db, capsys):
    rows = [WORKFORCE_HEADER, ["RJ1", "2024-03", f"Physio{PWNED}", "Band 6", 1, 1, 0]]
    name = tmp_path / f"ret{PWNED}urn.csv"
    bad = write(name, csv_bytes(rows))
    orgs = [
        ["Organisation code", "Organisation name", "Trust type"],
        ["ZZ1", f"Odd{PWNED} Trust", "Acute"],
    ]
    good = write(tmp_path / f"orgs{PWNED}.csv", csv_bytes(orgs))
    assert main(["--db", db, "validate", bad]) == 1
    out = capsys.readouterr()
    assert_inert(out.out + out.err)
    assert "Physio\\x1b]0;PWNED\\x07\\x1b[2J" in out.out  # shown, escaped
    assert "ret\\x1b]0;PWNED" in out.out + out.err

    assert main(["--db", db, "ingest", good]) == 0
    out = capsys.readouterr()
    assert_inert(out.out + out.err)
    assert "control characters" in out.out
    for argv in (["submissions"], ["withdraw", "1"], ["export", "organisations"]):
        assert main(["--db", db, *argv]) == 0
        out = capsys.readouterr()
        assert_inert(out.out + out.err)


def test_text_stored_with_control_characters_reaches_no_terminal(db, capsys, monkeypatch):
    """Text stored before validation removed control characters (or written by another
    program) is escaped by submissions, export to a terminal and compare."""
    from ahp_analytics.store import open_store
    from tests.fixtures import make_file

    orgs = [{"org_code": "ZZ1", "org_name": f"Odd{PWNED}", "trust_type": f"Type{PWNED}"}]
    values = [{"org_code": "ZZ1", "period": "2023/24", "indicator": "staff_engagement", "value": 7}]
    result, content = make_file(f"old{PWNED}.csv", organisations=orgs, indicators=values)
    with open_store(db) as s:
        assert s.ingest(result, content, f"user{PWNED}").status == "accepted"
    assert main(["--db", db, "submissions"]) == 0
    out = capsys.readouterr().out
    assert_inert(out)
    assert "old\\x1b]0;PWNED" in out and "user\\x1b]0;PWNED" in out
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert main(["--db", db, "export", "organisations", "--org", "ZZ1"]) == 0
    out = capsys.readouterr().out
    assert_inert(out)
    assert "Odd\\x1b]0;PWNED" in out and out.endswith("\r\n")
    argv = ["--db", db, "compare", "staff_engagement", "--by", "trust_type", "--window", "2023/24"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert_inert(out)
    assert "Type\\x1b]0;PWNED" in out


def test_a_real_ctrl_c_while_storing_tells_the_truth_about_the_database(tmp_path, db):
    """SIGINT sent while the rows are being stored: whichever side of the commit it lands on,
    the sentence matches what the database holds afterwards."""
    import signal

    rows = [WORKFORCE_HEADER]
    for i in range(800):
        for month in ("2024-01", "2024-02", "2024-03", "2024-04"):
            for band in ("Band 5", "Band 6", "Band 7", "Band 8a"):
                rows.append([f"Z{i:04d}", month, "Dietitian", band, 1, 1, 0])
    path = write(tmp_path / "big.csv", csv_bytes(rows))
    proc = subprocess.Popen(
        [sys.executable, "-m", "ahp_analytics", "--db", db, "ingest", path],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    seen = ""
    while "storing" not in seen:
        line = proc.stderr.readline()
        assert line, seen
        seen += line
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 2 and "Traceback" not in err, err
    [said] = [line for line in err.splitlines() if line.startswith("Interrupted")]
    from ahp_analytics.store import open_store

    with open_store(db) as s:
        stored = s.submissions()["id"].tolist()
    nothing = "nothing of it was stored (a file is stored whole or not at all)."
    if said == f"Interrupted while storing '{path}': {nothing}":
        assert stored == []
    else:  # landed after the commit, before or after the store returned
        assert said.startswith(f"Interrupted after '{path}' was "), said
        assert "submission 1" in said and stored == [1]
