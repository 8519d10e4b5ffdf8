"""Every upload is untrusted: the hostile corpus (tests/hostile.py) through the command line and
the Upload page, XML entity defences, injection-safe storage and export, write access, secrets
and database failures.

Bounds checked for each corpus file, in a fresh ``python -m ahp_analytics ingest`` process with
its own SQLite database: refused (exit 1) or accepted (exit 0) as the return format says, with
the expected sentence, in under :data:`SECONDS` wall-clock seconds and :data:`PEAK_MB` MB of
peak resident memory (measured by ``/usr/bin/time``), no traceback, nothing stored when refused,
and nothing read from outside the file. The runs go two at a time, so each time is measured
under load: alone it is shorter.
"""

from __future__ import annotations

import io
import json
import logging
import os
import random
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import python_calamine
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from ahp_analytics import cli
from ahp_analytics.ingest import readers, sheet_scan
from ahp_analytics.ingest.validation import validate_bytes
from ahp_analytics.present.export import FORMULA_STARTS
from ahp_analytics.services import access, returns
from ahp_analytics.services.exports import EXPORT_TABLES
from ahp_analytics.store import READ_TABLES, open_store
from ahp_analytics.store import core as store_core
from ahp_analytics.ui.widgets import WORD_JOINER, plain
from tests.hostile import (
    CORPUS,
    INJECTIONS,
    Hostile,
    LeakTargets,
    tag_soup,
    workbook,
    write_corpus,
)
from tests.workbooks import filled_template, workforce_rows

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
SECONDS = 10
PEAK_MB = 500
ADDRESS_SPACE_MB = 4096  # a child's virtual memory: far above what PEAK_MB of resident allows
TIME = Path("/usr/bin/time") if Path("/usr/bin/time").exists() else None
PRLIMIT = shutil.which("prlimit")
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
REFUSED = [c for c in CORPUS if not c.accepted]
BY_NAME = {c.name: c for c in CORPUS}


# -- the corpus, written once, and the command line run on each file ----------------------------


@dataclass
class Leak:
    """Where an external entity points: a local file holding a one-off secret, and a local
    web server that records whether anyone called it."""

    targets: LeakTargets
    listener: socket.socket

    def was_called(self) -> bool:
        self.listener.setblocking(False)
        try:
            conn, _ = self.listener.accept()
        except BlockingIOError:
            return False
        conn.close()
        return True


@pytest.fixture(scope="session")
def leak(tmp_path_factory) -> Leak:  # type: ignore[no-untyped-def]
    secret = f"AHP-LEAK-CANARY-{uuid.uuid4().hex}"
    path = tmp_path_factory.mktemp("outside") / "secret.txt"
    path.write_text(secret + "\n", encoding="utf-8")
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    port = listener.getsockname()[1]
    yield Leak(LeakTargets(path.as_uri(), f"http://127.0.0.1:{port}/leak", secret), listener)
    listener.close()


@pytest.fixture(scope="session")
def corpus(tmp_path_factory, leak: Leak) -> dict[str, Path]:  # type: ignore[no-untyped-def]
    return write_corpus(tmp_path_factory.mktemp("corpus"), leak.targets)


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float
    report: dict
    db: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def run_cli(args: list[str], workdir: Path) -> tuple[int, str, str, float, float]:
    """Run ``python -m ahp_analytics ARGS``; (exit code, stdout, stderr, wall seconds, peak
    resident MB of the process)."""
    return run_python(["-m", "ahp_analytics", *args], workdir)


def run_python(
    args: list[str], workdir: Path, database: str | None = None
) -> tuple[int, str, str, float, float]:
    """Run ``python ARGS`` in the repository, with ``AHP_DATABASE_URL`` set to ``database``
    if given; what :func:`run_cli` returns. Where ``prlimit`` is installed, the process may
    take at most :data:`ADDRESS_SPACE_MB` of virtual memory, so that a file the reader no
    longer bounds fails its test instead of exhausting the machine."""
    command = [sys.executable, *args]
    if PRLIMIT:
        command = [PRLIMIT, f"--as={ADDRESS_SPACE_MB * 1024 * 1024}", *command]
    rss_file = workdir / "rss.txt"
    if TIME:
        command = [str(TIME), "-f", "%M", "-o", str(rss_file), *command]
    env = _child_env()
    if database:
        env["AHP_DATABASE_URL"] = database
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.monotonic()
    # A session of its own, so that a timeout (or Ctrl-C) ends the Python process too, not only
    # the ``time`` wrapping it: a hung reader would otherwise outlive the test.
    with subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env,
        start_new_session=True,
    ) as child:
        try:
            stdout, stderr = child.communicate(timeout=120)
        except BaseException:
            os.killpg(child.pid, signal.SIGKILL)
            raise
    seconds = time.monotonic() - start
    if TIME:
        peak_kb = float(rss_file.read_text().split()[-1])
    else:  # the high-water mark of all children so far: an upper bound
        peak_kb = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before)
    return child.returncode, stdout, stderr, seconds, peak_kb / 1024


def _child_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "AHP_DATABASE_URL"}
    env["PYTHONPATH"] = str(ROOT)
    return env


def ingest(case: Hostile, path: Path, workdir: Path) -> Run:
    workdir.mkdir(parents=True, exist_ok=True)
    db = f"sqlite:///{workdir / 'ahp.db'}"
    report = workdir / "report.json"
    code, out, err, seconds, peak = run_cli(
        ["--db", db, "ingest", str(path), "--user", "hostile", "--report-json", str(report)],
        workdir,
    )
    data = json.loads(report.read_text()) if report.exists() else {}
    return Run(code, out, err, seconds, peak, data, db)


@pytest.fixture(scope="session")
def runs(corpus, tmp_path_factory) -> dict[str, Run]:  # type: ignore[no-untyped-def]
    """Every corpus file ingested, each in its own process and database, two at a time."""
    base = tmp_path_factory.mktemp("runs")
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {c.name: pool.submit(ingest, c, corpus[c.name], base / c.name) for c in CORPUS}
        return {name: f.result() for name, f in futures.items()}


def _stored(db: str) -> dict[str, pd.DataFrame]:
    with open_store(db) as s:
        return {name: s.read(name) for name in READ_TABLES}


@pytest.fixture(scope="session")
def fresh_store(tmp_path_factory) -> dict[str, pd.DataFrame]:  # type: ignore[no-untyped-def]
    """What a new database holds before anything is uploaded (the reference lists)."""
    return _stored(f"sqlite:///{tmp_path_factory.mktemp('fresh') / 'ahp.db'}")


# -- each corpus file through the command line ----------------------------------------------


@pytest.mark.alone
@pytest.mark.parametrize("case", CORPUS, ids=[c.name for c in CORPUS])
def test_corpus_file_ingested_in_under_10s_and_500mb_refused_or_accepted_as_the_spec_says(
    case: Hostile, runs, fresh_store
):
    run = runs[case.name]
    where = f"{case.name} ({case.what}): exit {run.code}\n{run.output[-3000:]}"
    assert "Traceback" not in run.output, where
    assert run.seconds < SECONDS, f"{case.name} took {run.seconds:.1f} s, over {SECONDS} s"
    assert run.peak_mb < PEAK_MB, f"{case.name} peaked at {run.peak_mb:.0f} MB, over {PEAK_MB} MB"
    [report] = run.report["files"]
    if case.accepted:
        assert run.code == 0, where
        assert report["status"] == "accepted", where
        assert report["rows"] == case.rows
        stored = _stored(run.db)
        counts = {k: len(stored[k]) for k in case.rows}
        if "organisations" in counts:  # beside the reference list every database starts with
            codes = set(stored["organisations"]["org_code"])
            counts["organisations"] = len(codes - set(fresh_store["organisations"]["org_code"]))
        assert counts == case.rows
        return
    assert run.code == 1, where
    assert report["status"] == "rejected", where
    sentence = report["errors"][0]["message"]
    for word in case.says:
        assert word in sentence.lower(), f"{case.name}: {word!r} not in {sentence!r}"
        assert word in run.stdout.lower(), f"{case.name}: the printed report lacks {word!r}"
    stored = _stored(run.db)
    for name, before in fresh_store.items():
        pd.testing.assert_frame_equal(stored[name], before, obj=f"{case.name}: {name}")


@pytest.mark.alone
def test_validate_checks_the_whole_corpus_in_one_process_in_under_60s_writes_nothing(
    corpus, tmp_path
):
    """All files in one ``validate`` (exit 1: some are refused), each with the status the
    corpus expects; the database named by --db is never created."""
    db = tmp_path / "never.db"
    report = tmp_path / "report.json"
    files = [str(corpus[c.name]) for c in CORPUS]
    code, out, err, seconds, peak = run_cli(
        ["--db", f"sqlite:///{db}", "validate", *files, "--report-json", str(report)], tmp_path
    )
    assert "Traceback" not in out + err
    assert code == 1
    assert seconds < 60, f"validating the corpus took {seconds:.1f} s"
    assert peak < PEAK_MB, f"validating the corpus peaked at {peak:.0f} MB"
    statuses = [f["status"] for f in json.loads(report.read_text())["files"]]
    assert statuses == ["accepted" if c.accepted else "rejected" for c in CORPUS]
    assert not db.exists()


@pytest.mark.alone
def test_external_entities_read_nothing_outside_the_file(runs, corpus, leak: Leak):
    """The entities name a local file holding a one-off secret and a local web server: the
    secret is in no output, report or database, and the server is never called."""
    for name in ("external_entity", "external_entity_after_long_comment"):
        run = runs[name]
        assert leak.targets.secret not in run.output
        assert leak.targets.secret not in json.dumps(run.report)
        db_file = Path(run.db.removeprefix("sqlite:///"))
        for part in db_file.parent.glob("ahp.db*"):
            assert leak.targets.secret.encode() not in part.read_bytes()
        result = validate_bytes(corpus[name].read_bytes(), "return.xlsx")
        assert not result.ok
        assert leak.targets.secret not in json.dumps([m.to_dict() for m in result.errors])
    assert not leak.was_called(), "a corpus file made the reader call a web server"


@pytest.mark.alone
def test_damaged_workbooks_from_bit_flips_give_a_sentence_never_an_exception():
    """300 copies of the return template with bytes flipped (seeded), in under 20 s."""
    data = filled_template({"Workforce": workforce_rows()})
    rng = random.Random(20250401)
    start = time.monotonic()
    outcomes = {"accepted": 0, "refused": 0}
    for _ in range(300):
        damaged = bytearray(data)
        for _ in range(rng.choice((1, 1, 2, 8))):
            damaged[rng.randrange(len(damaged))] ^= 1 << rng.randrange(8)
        result = validate_bytes(bytes(damaged), "return.xlsx")  # must not raise
        outcomes["accepted" if result.ok else "refused"] += 1
        assert result.ok or result.errors[0].message
    assert outcomes["refused"] > 100
    assert time.monotonic() - start < 20


@pytest.mark.alone
def test_the_reader_never_measures_a_sheet_smaller_than_calamine_builds_it():
    """400 random sheets of rows and cells in every form calamine reads (references in any
    case, quotes and spacing, or none; prefixed, self-closing and empty tags): the pre-parse
    measure is never below the grid calamine builds, and exact on most. In under 20 s."""
    rng = random.Random(7)
    start = time.monotonic()
    exact = 0
    for _ in range(400):
        xml = tag_soup(rng)
        data = workbook([("S", xml)])
        zf = zipfile.ZipFile(io.BytesIO(data))
        try:
            rows, columns, _ = sheet_scan._sheet_extent(zf, "xl/worksheets/sheet1.xml", "S")
        except readers.Refused:
            continue
        try:
            sheet = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
            grid = sheet.get_sheet_by_name("S").to_python(skip_empty_area=False)
        except Exception:  # noqa: S112 - calamine refuses the sheet: nothing is built
            continue
        built = (len(grid), max((len(r) for r in grid), default=0))
        assert rows >= built[0] and max(columns, 26) >= built[1], (xml, rows, columns, built)
        exact += (rows, max(columns, 26)) == (built[0], max(built[1], 26))
    assert exact > 300
    assert time.monotonic() - start < 20


# -- the Upload page ------------------------------------------------------------------------------


@pytest.fixture
def page_db(tmp_path, monkeypatch) -> str:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'page.db'}"
    monkeypatch.setenv("AHP_DATABASE_URL", url)
    with open_store(url) as s:
        data = filled_template({"Workforce": workforce_rows()})
        assert s.ingest(validate_bytes(data, "seed.xlsx"), data, "seed").status == "accepted"
    return url


def _mime(name: str) -> str:
    return "text/csv" if name.endswith(".csv") else XLSX_MIME


@pytest.mark.alone
def test_upload_page_refuses_every_hostile_file_with_an_error_in_under_60s(corpus, page_db):
    """Every refused corpus file the uploader takes (it takes no .xls), uploaded at once:
    each gets a red status and the reason, never the page's catch-all 'could not be checked';
    no exception; nothing stored."""
    before = _stored(page_db)
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    at.switch_page("views/upload.py").run()
    assert at.file_uploader, "the Upload page shows no file uploader"
    allowed = at.file_uploader[0].allowed_type
    assert ".xls" not in allowed  # a legacy workbook is stopped at the uploader itself
    files = [
        (f"{c.name}-{c.file_name}", corpus[c.name].read_bytes(), _mime(c.file_name))
        for c in REFUSED
        if Path(c.file_name).suffix in allowed
    ]
    assert len(files) >= len(REFUSED) - 1
    start = time.monotonic()
    at.file_uploader[0].set_value(files).run()
    seconds = time.monotonic() - start
    assert not at.exception, at.exception
    assert seconds < 60, f"checking the corpus on the page took {seconds:.1f} s"
    errors = [e.value for e in at.error]
    for name, _, _ in files:
        rejected = f"**{plain(name)}** cannot be stored"
        assert any(e.startswith(rejected) for e in errors), (name, errors)
    assert len(at.error) >= len(files)
    shown = "\n".join(errors)
    shown += "\n".join(t.value.to_csv() for t in at.table)
    assert "could not be checked" not in shown
    assert not [b for b in at.button if b.label.startswith("Store")]
    after = _stored(page_db)
    for name, df in before.items():
        pd.testing.assert_frame_equal(after[name], df, obj=name)


# Uploads each file named on the command line to the Upload page, one at a time, in one
# session of a fresh process; prints, for each, the seconds the page took, its error texts and
# whether the page raised.
_UPLOAD_EACH = """
import json, sys, time
from pathlib import Path
from streamlit.testing.v1 import AppTest
xlsx_mime, app, *files = sys.argv[1:]
at = AppTest.from_file(app, default_timeout=120)
at.run()
at.switch_page("views/upload.py").run()
out = []
for path in map(Path, files):
    mime = "text/csv" if path.suffix == ".csv" else xlsx_mime
    upload = (f"{path.parent.name}-{path.name}", path.read_bytes(), mime)
    start = time.monotonic()
    at.file_uploader[0].set_value([upload]).run()
    out.append({
        "name": upload[0],
        "seconds": time.monotonic() - start,
        "errors": [e.value for e in at.error],
        "exception": bool(at.exception),
    })
print(json.dumps(out))
"""


@pytest.mark.alone
def test_upload_page_refuses_each_hostile_file_in_under_10s_and_500mb(corpus, page_db, tmp_path):
    """The Upload page in a fresh process, as a server runs it: each refused corpus file the
    uploader takes, uploaded on its own, is rejected in under :data:`SECONDS`, and the whole
    process (Streamlit, the app and every check) peaks under :data:`PEAK_MB` MB."""
    paths = [str(corpus[c.name]) for c in REFUSED if Path(c.file_name).suffix != ".xls"]
    code, out, err, _, peak = run_python(
        ["-c", _UPLOAD_EACH, XLSX_MIME, APP, *paths], tmp_path, page_db
    )
    assert code == 0, err[-3000:]
    results = json.loads(out.strip().splitlines()[-1])
    assert len(results) == len(paths)
    for r in results:
        assert not r["exception"], r["name"]
        assert r["seconds"] < SECONDS, f"{r['name']} took {r['seconds']:.1f} s on the page"
        rejected = f"**{plain(r['name'])}** cannot be stored"
        assert any(e.startswith(rejected) for e in r["errors"]), r
        assert r["errors"] and "could not be checked" not in "\n".join(r["errors"]), r
    assert peak < PEAK_MB, f"the Upload page's process peaked at {peak:.0f} MB, over {PEAK_MB} MB"


# -- XML entity defences ------------------------------------------------------------------------


def test_defusedxml_is_a_pinned_dependency_and_openpyxl_parses_through_it(corpus):
    import defusedxml
    import defusedxml.ElementTree as SafeET
    from openpyxl.xml import DEFUSEDXML

    pins = (ROOT / "requirements.txt").read_text()
    assert re.search(rf"^defusedxml=={re.escape(defusedxml.__version__)}\b", pins, re.M)
    assert DEFUSEDXML is True
    with pytest.raises(defusedxml.EntitiesForbidden):
        SafeET.fromstring('<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>')
    # Should anything ever open an upload with openpyxl, the entity bomb is still refused.
    with pytest.raises(ValueError) as refused:
        openpyxl.load_workbook(corpus["billion_laughs_shared_strings"])
    assert isinstance(refused.value.__cause__, defusedxml.DefusedXmlException)


def test_a_dtd_in_any_workbook_part_is_refused_before_parsing(corpus):
    for name in ("billion_laughs_shared_strings", "billion_laughs_sheet", "external_entity"):
        result = validate_bytes(corpus[name].read_bytes(), "return.xlsx")
        assert [m.rule for m in result.errors] == ["unreadable_file"]
        assert "declares a document type (DTD)" in result.errors[0].message


# -- injection: stored as text, exported inert -------------------------------------------------


def test_injection_strings_are_stored_as_text_and_exported_inert(corpus, tmp_path, capsysbinary):
    db = f"sqlite:///{tmp_path / 'ahp.db'}"
    assert cli.main(["--db", db, "ingest", str(corpus["injection_strings"])]) == 0
    expected = sorted(s.strip() for s in INJECTIONS)
    stored = _stored(db)
    assert sorted(stored["leadership"]["job_title"]) == expected
    orgs = stored["organisations"].set_index("org_code").loc[[f"ZZ{k:03d}" for k in range(1, 9)]]
    for column in ("org_name", "region", "icb", "trust_type"):
        assert sorted(orgs[column]) == expected, column
    assert set(expected) <= set(stored["indicators"]["indicator"])
    capsysbinary.readouterr()

    for table, column in (
        ("leadership", "job_title"),
        ("organisations", "org_name"),
        ("organisations", "icb"),
        ("indicators", "indicator"),
    ):
        assert cli.main(["--db", db, "export", table]) == 0
        text = capsysbinary.readouterr().out.decode("utf-8-sig")
        exported = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)[column]
        for value in expected:
            want = "'" + value if value.startswith(FORMULA_STARTS) else value
            assert want in set(exported), (table, column, value)
        assert not any(v.startswith(FORMULA_STARTS) for v in exported), (table, column)

        out = tmp_path / f"{table}.xlsx"
        assert cli.main(["--db", db, "export", table, "-o", str(out)]) == 0
        sheet = openpyxl.load_workbook(out).worksheets[0]
        cells = [c for row in sheet.iter_rows() for c in row if c.value is not None]
        assert all(c.data_type != "f" for c in cells), "a text cell was written as a formula"
        values = {c.value for c in cells}
        for value in expected:
            assert ("'" + value if value.startswith(FORMULA_STARTS) else value) in values, table


# -- write access, secrets, database failures --------------------------------------------------


def test_a_viewers_forged_submit_and_withdraw_are_refused_and_store_nothing(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'ahp.db'}") as s:
        data = filled_template({"Workforce": workforce_rows()})
        result = validate_bytes(data, "return.xlsx")
        analyst = access.Actor("lead.analyst@nhs.net", is_analyst=True)
        stored = returns.submit(s, analyst, result, data)
        before = {name: s.read(name) for name in READ_TABLES}
        other = filled_template({"Workforce": workforce_rows("RJ1", "2024-04")})
        for actor in (access.Actor("viewer@nhs.net", is_analyst=False), None):
            with pytest.raises(access.NotAllowed):
                returns.submit(s, actor, validate_bytes(other, "other.xlsx"), other)
            with pytest.raises(access.NotAllowed):
                returns.withdraw(s, actor, stored.submission_id)
        for name, df in before.items():
            pd.testing.assert_frame_equal(s.read(name), df, obj=name)


def _everything_shown(at: AppTest) -> bytes:
    """The serialised form of every element the app sent to the browser."""
    out = []

    def walk(node) -> None:  # type: ignore[no-untyped-def]
        proto = getattr(node, "proto", None)
        if proto is not None:
            out.append(proto.SerializeToString())
        children = getattr(node, "children", {})
        for child in children.values() if isinstance(children, dict) else children:
            walk(child)

    walk(at._tree)
    return b"".join(out)


class _Records(logging.Handler):
    """Every log record of every logger (Streamlit's do not propagate to the root)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())

    def __enter__(self) -> _Records:
        self.loggers = [logging.getLogger()] + [
            lg for lg in logging.root.manager.loggerDict.values() if isinstance(lg, logging.Logger)
        ]
        self.levels = [lg.level for lg in self.loggers]
        for lg in self.loggers:
            lg.addHandler(self)
            lg.setLevel(logging.DEBUG)
        return self

    def __exit__(self, *exc: object) -> None:
        for lg, level in zip(self.loggers, self.levels, strict=True):
            lg.removeHandler(self)
            lg.setLevel(level)


def _signed_in(email: str, name: str) -> dict:
    """A fresh sign-in with a verified address, as st.user holds the ID token's claims."""
    now = int(time.time())
    claims = {"iss": "https://idp.example", "sub": email, "iat": now - 5, "exp": now + 3600}
    return {"is_logged_in": True, **claims, "email": email, "email_verified": True, "name": name}


@pytest.mark.parametrize(
    ("user", "pages", "visible"),
    [
        ({"is_logged_in": False}, [], "Sign in"),
        (
            _signed_in("viewer@other.nhs.uk", "Viewer"),
            ["views/submissions.py"],
            "Signed in as Viewer (viewer@other.nhs.uk), viewer.",
        ),
        (
            _signed_in("lead.analyst@nhs.net", "Analyst"),
            ["views/submissions.py", "views/upload.py"],
            "Upload returns",
        ),
    ],
    ids=["signed-out", "viewer", "analyst"],
)
def test_the_client_secret_is_never_shown_or_logged(user, pages, visible, page_db, capfd):
    """Sign-in configured with a client secret: nothing sent to the browser, logged (at any
    level, by any logger) or printed holds it, whoever is looking."""
    secret = "s3cr3t-value"
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["auth"] = {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "cookie-" + secret + "-long-enough-to-be-accepted",
        "client_id": "ahp-dashboard",
        "client_secret": secret,
        "server_metadata_url": "https://login.example.invalid/.well-known/openid-configuration",
    }
    at.secrets["ahp"] = {"analysts": ["lead.analyst@nhs.net"]}
    at.user = user
    with _Records() as records:
        at.run()
        shown = _everything_shown(at)
        for page in pages:
            at.switch_page(page).run()
            assert not at.exception, at.exception
            shown += _everything_shown(at)
    assert not at.exception, at.exception
    # As read: plain() puts an invisible word joiner after the "@" of an address.
    shown = shown.replace(WORD_JOINER.encode(), b"")
    assert visible.encode() in shown, "the page did not render what this user should see"
    assert secret.encode() not in shown
    assert records.lines, "no log record was captured"
    assert not [line for line in records.lines if secret in line]
    printed = capfd.readouterr()
    assert secret not in printed.out + printed.err


def test_database_password_is_never_printed_when_the_database_cannot_be_opened(tmp_path):
    password = "pw-" + uuid.uuid4().hex[:12]
    url = f"postgresql+psycopg://ahp:{password}@127.0.0.1:1/ahp"
    data = tmp_path / "return.xlsx"
    data.write_bytes(filled_template({"Workforce": workforce_rows()}))
    for args in (["submissions"], ["ingest", str(data)], ["export", "workforce"]):
        code, out, err, _, _ = run_cli(["--db", url, *args], tmp_path)
        assert "Traceback" not in out + err, err
        assert password not in out + err
        assert code == 2
        assert err.strip().splitlines() == [err.strip()], "more than one line"
        assert "cannot open the database postgresql+psycopg://ahp:***@127.0.0.1:1/ahp" in err


def test_database_failure_mid_ingest_leaves_the_store_as_it_was(tmp_path, monkeypatch, capsys):
    """The command line stores a first return, then a second one whose insert fails after its
    first batch: exit 1, a sentence, and every export byte-identical to before."""
    db = f"sqlite:///{tmp_path / 'ahp.db'}"
    first, second = tmp_path / "first.xlsx", tmp_path / "second.xlsx"
    first.write_bytes(filled_template({"Workforce": workforce_rows()}))
    rows = [
        ["RJ1", "2024-03", p, b, 1.0, 1, 0]
        for p in ("Physiotherapist", "Dietitian", "Paramedic", "Orthoptist")
        for b in ("Band 5", "Band 6", "Band 7")
    ]
    second.write_bytes(filled_template({"Workforce": rows}))
    assert cli.main(["--db", db, "ingest", str(first)]) == 0

    def exports() -> dict[str, bytes]:
        out = {}
        for table in EXPORT_TABLES:
            path = tmp_path / f"{table}.csv"
            assert cli.main(["--db", db, "export", table, "-o", str(path)]) == 0
            out[table] = path.read_bytes()
        return out

    before = exports()
    monkeypatch.setattr(store_core, "BATCH_SIZE", 2)
    real = store_core.Store._insert_batch
    calls = []

    def failing(self, conn, table, names, batch):  # type: ignore[no-untyped-def]
        calls.append(len(batch))
        if len(calls) > 1:
            raise sa.exc.OperationalError("INSERT", {}, Exception("disk I/O error"))
        return real(self, conn, table, names, batch)

    monkeypatch.setattr(store_core.Store, "_insert_batch", failing)
    capsys.readouterr()
    assert cli.main(["--db", db, "ingest", str(second)]) == 1
    printed = capsys.readouterr()
    assert len(calls) == 2, "the first batch was not inserted before the failure"
    assert "Traceback" not in printed.out + printed.err
    assert "Nothing of it was stored" in printed.out
    monkeypatch.undo()
    assert exports() == before


def test_corpus_names_are_unique_and_every_kind_the_issue_lists_is_there():
    names = [c.name for c in CORPUS]
    assert len(names) == len(set(names))
    for needed in (
        "text_named_xlsx",
        "truncated_zip",
        "legacy_xls",
        "password_protected",
        "zip_bomb",
        "huge_dimension",
        "cell_in_xfd",
        "billion_laughs_shared_strings",
        "external_entity",
        "formula_without_value",
        "megabyte_text_cell",
        "blank_rows_before_header",
        "blank_rows_between_data",
        "five_hundred_sheets",
        "csv_utf16",
        "injection_strings",
        "sparse_sheets",
        "sparse_sheets_60",
        "empty_columns_csv",
    ):
        assert needed in BY_NAME
