"""What a user does in a real browser: upload a return, confirm it, and see it in the history
and on the dashboard without restarting the app; upload a broken one and read the report;
and, with sign-in configured, a signed-out visitor reaches nothing but the sign-in page.

Set ``AHP_E2E_SCREENSHOTS=DIR`` to keep screenshots of each step (outside the repository).
"""

from __future__ import annotations

import getpass
import os
import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from ahp_analytics.store import open_store
from tests.e2e.conftest import NAV, Server, open_page, start_server, stop_server, wait_idle
from tests.workbooks import broken_return, filled_template, workforce_rows

pytestmark = pytest.mark.e2e

NEW_ORG = "ZZ901"
NEW_ORG_NAME = "Test Valley Community Health NHS Trust"


def shot(pg, name: str) -> None:  # type: ignore[no-untyped-def]
    folder = os.environ.get("AHP_E2E_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        pg.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def choose_file(pg, path: Path) -> None:  # type: ignore[no-untyped-def]
    with pg.expect_file_chooser() as chooser:
        pg.get_by_test_id("stFileUploaderDropzone").click()
    chooser.value.set_files(str(path))


def go_to(pg, link: str, heading: str | None = None) -> None:  # type: ignore[no-untyped-def]
    """Follow a link of the sidebar navigation (the same session, no reload)."""
    pg.locator(NAV).get_by_role("link", name=link).click()
    pg.get_by_role("heading", name=heading or link, level=1).wait_for()
    wait_idle(pg)


def organisations_reporting(pg):  # type: ignore[no-untyped-def]
    """The value of the Overview's "Organisations" figure (a locator)."""
    metric = pg.get_by_test_id("stMetric").filter(has_text="Organisations")
    return metric.get_by_test_id("stMetricValue")


def history_state(server: Server) -> tuple[int, int]:
    with open_store(server.database_url) as store:
        return store.data_version(), len(store.submissions())


def test_upload_confirm_and_see_it_everywhere(page, server, tmp_path):
    path = tmp_path / "new-trust.xlsx"
    path.write_bytes(
        filled_template(
            {
                "Workforce": workforce_rows(NEW_ORG, "2025-03"),
                "Organisations": [[NEW_ORG, NEW_ORG_NAME, "South West", None, "Community"]],
            }
        )
    )
    open_page(page, server)
    before = int(organisations_reporting(page).inner_text().replace(",", ""))
    _, stored_before = history_state(server)

    go_to(page, "Upload", "Upload returns")
    choose_file(page, path)
    page.get_by_text("new-trust.xlsx: ready to store (3 rows").wait_for()
    page.get_by_text(f"New to the dashboard: {NEW_ORG}").wait_for()
    shot(page, "upload-preview")
    assert history_state(server)[1] == stored_before  # checked, not stored

    page.get_by_role("button", name="Store new-trust.xlsx").click()
    page.get_by_text(re.compile(r"'new-trust.xlsx' stored as submission \d+")).wait_for()
    wait_idle(page)
    shot(page, "upload-stored")
    # the uploader was emptied
    assert page.get_by_test_id("stFileUploaderFile").count() == 0
    assert history_state(server)[1] == stored_before + 1

    go_to(page, "Submissions")
    chosen = page.get_by_test_id("stSelectbox").filter(has_text="Submission").locator("input")
    expect(chosen).to_have_value(re.compile(r"^\d+ – new-trust\.xlsx$"))
    expect(page.get_by_test_id("stMetricValue").first).to_have_text("current")
    page.get_by_text(f"Submitted by {getpass.getuser()} on").wait_for()
    shot(page, "submissions")

    go_to(page, "Overview")
    # The first real organisation: the demonstration ones go out of view until asked for.
    expect(organisations_reporting(page)).to_have_text("1")
    page.get_by_test_id("stSidebar").get_by_text("Show the demonstration organisations").click()
    expect(organisations_reporting(page)).to_have_text(f"{before + 1:,}")
    search = page.get_by_test_id("stSidebar").get_by_role("combobox", name="Organisation")
    search.click()
    search.fill(NEW_ORG)
    page.get_by_role("option", name=f"{NEW_ORG_NAME} ({NEW_ORG})").wait_for()


def test_broken_upload_shows_the_report_and_stores_nothing(page, server, tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(broken_return())
    state = history_state(server)
    open_page(page, server, "upload")
    choose_file(page, path)
    page.get_by_text("cannot be stored: 3 errors").wait_for()
    page.get_by_test_id("stTable").first.wait_for()
    assert page.get_by_test_id("stTable").count() == 1  # errors; no warnings, no preview
    # One message for the file: no status box, no other alert about it.
    assert page.get_by_test_id("stExpander").count() == 0
    assert page.get_by_test_id("stAlert").filter(has_text="broken.xlsx").count() == 1
    assert page.get_by_role("button", name=re.compile("^Store")).count() == 0
    shot(page, "upload-rejected")

    with page.expect_download() as download:
        page.get_by_role("button", name="Download the full list of affected cells (CSV)").click()
    assert download.value.suggested_filename == "broken-report.csv"
    report = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert "unknown_profession" in report and "Wizard" in report
    assert ",negative," in report and "2024-13" in report
    assert history_state(server) == state


@pytest.fixture(scope="module")
def signed_in_server(request, tmp_path_factory, demo_db_file):  # type: ignore[no-untyped-def]
    """The app with sign-in configured (dummy identity provider settings)."""
    tmp = tmp_path_factory.mktemp("e2e-auth")
    database = tmp / "demo.db"
    shutil.copyfile(demo_db_file, database)
    secrets = tmp / "secrets.toml"
    secrets.write_text(
        "[auth]\n"
        'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        'cookie_secret = "not-a-secret-only-for-tests-0123456789"\n'
        'client_id = "test-client"\n'
        'client_secret = "test-secret"\n'
        'server_metadata_url = "https://login.example.invalid/.well-known/openid-configuration"\n'
        "[ahp]\n"
        'analysts = ["@analysts-trust.nhs.uk"]\n'
    )
    s = start_server(tmp, database, ["--secrets.files", str(secrets)])
    request.addfinalizer(lambda: stop_server(s))
    return s


DATA_ELEMENTS = ("stDataFrame", "stMetric", "stFileUploader", "stDownloadButton", "stPlotlyChart")


def settle(pg, server: Server, path: str) -> None:  # type: ignore[no-untyped-def]
    """Load a page and wait until its run has drawn something and finished."""
    pg.goto(f"{server.url}/{path}")
    pg.locator("[data-testid='stMain'] [data-testid='stElementContainer']").first.wait_for()
    pg.wait_for_timeout(1000)  # the running indicator shows only after a short delay
    wait_idle(pg)


def shows_no_data(pg) -> bool:  # type: ignore[no-untyped-def]
    return all(pg.get_by_test_id(t).count() == 0 for t in DATA_ELEMENTS)


def test_signed_out_visitor_reaches_no_data(browser, signed_in_server):
    """With sign-in configured, a signed-out visitor gets the sign-in page and nothing else,
    also when the first request a freshly started server gets is a deep link (Streamlit then
    once ran page files without app.py; the pages now live in views/)."""
    context = browser.new_context()
    try:
        pg = context.new_page()
        for path in ("submissions", "upload", "explore"):
            settle(pg, signed_in_server, path)
            assert shows_no_data(pg), path
            assert pg.get_by_role("heading", name="Submissions").count() == 0
        for path in ("", "submissions", "upload", "overview"):
            settle(pg, signed_in_server, path)
            pg.get_by_role("button", name="Sign in").wait_for()
            assert shows_no_data(pg), path
            assert pg.locator(NAV).count() == 0
    finally:
        context.close()
