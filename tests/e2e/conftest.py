"""Browser tests: start ``streamlit run app.py`` on a free port against a private copy of the
demo database, and drive it with Playwright through Debian's Chromium.

Without ``/usr/bin/chromium`` these tests are skipped, unless ``AHP_REQUIRE_BROWSER=1`` (as
CI sets), which makes them fail instead. Each server runs in its own process group, and
exactly that group is stopped when the tests are done.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
START_TIMEOUT_S = 60
# Streamlit marks its app root with the state of the script run (as its own browser tests use).
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
SETTLE_MS = 250  # time for a click's rerun request to reach the server and come back as "running"
NAV = ".st-key-nav"  # the sidebar's page links (ahp_analytics.ui.widgets.navigation)


def _require_browser() -> None:
    if Path(CHROMIUM).exists():
        return
    message = f"{CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium)"
    if os.environ.get("AHP_REQUIRE_BROWSER") == "1":
        pytest.fail(f"AHP_REQUIRE_BROWSER=1 but {message}.")
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    url: str
    database_url: str
    process: subprocess.Popen
    log: Path

    def log_text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""


def start_server(tmp: Path, database: Path, extra_args: list[str] | None = None) -> Server:
    port = _free_port()
    log = tmp / f"streamlit-{port}.log"
    env = {**os.environ, "AHP_DATABASE_URL": f"sqlite:///{database}", "PYTHONUNBUFFERED": "1"}
    with log.open("wb") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                "app.py",
                "--server.headless",
                "true",
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
                "--browser.gatherUsageStats",
                "false",
                *(extra_args or []),
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so we stop exactly it
        )
    server = Server(f"http://127.0.0.1:{port}", env["AHP_DATABASE_URL"], process, log)
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited early:\n{server.log_text()}")
        try:
            with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=2) as r:  # noqa: S310
                if r.read().strip() == b"ok":
                    return server
        except OSError:
            time.sleep(0.2)
    stop_server(server)
    raise RuntimeError(f"streamlit did not answer in {START_TIMEOUT_S} s:\n{server.log_text()}")


def stop_server(server: Server) -> None:
    if server.process.poll() is not None:
        return
    pgid = os.getpgid(server.process.pid)
    os.killpg(pgid, signal.SIGTERM)
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(pgid, signal.SIGKILL)
        server.process.wait(timeout=10)


@pytest.fixture(scope="session")
def browser():  # type: ignore[no-untyped-def]
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def server(request, tmp_path_factory) -> Iterator[Server]:  # type: ignore[no-untyped-def]
    """The app in local mode (no sign-in) on a private copy of the demo database."""
    _require_browser()
    demo = request.getfixturevalue("demo_db_file")
    tmp = tmp_path_factory.mktemp("e2e")
    database = tmp / "demo.db"
    shutil.copyfile(demo, database)
    s = start_server(tmp, database)
    request.addfinalizer(lambda: stop_server(s))
    yield s


@pytest.fixture
def page(browser, server):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.set_default_timeout(20_000)
    yield pg
    context.close()


def open_page(pg, server: Server, path: str = "") -> None:  # type: ignore[no-untyped-def]
    """Load a page of the app and wait until its script has run."""
    pg.goto(f"{server.url}/{path}")
    pg.wait_for_selector("[data-testid='stAppViewContainer']")
    pg.locator("h1").first.wait_for(timeout=30_000)
    wait_idle(pg)


def wait_idle(pg) -> None:  # type: ignore[no-untyped-def]
    """Wait until no script run is going on: the app says its script is not running and the
    running indicator is gone. A run that a click starts reaches the page a moment after the
    click, so this first lets that moment pass; callers that can also wait for something the
    run draws, should."""
    pg.wait_for_timeout(SETTLE_MS)
    pg.wait_for_selector(IDLE, state="attached", timeout=30_000)
    pg.wait_for_function(
        "() => !document.querySelector(\"[data-testid='stStatusWidget']\")", timeout=30_000
    )
