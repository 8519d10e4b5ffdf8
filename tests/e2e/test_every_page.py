"""Every page at a desktop's 1440 px and a phone's 390 px, on the demo data plus a real trust's
returns: no exception, nothing wider than the screen at 390 px, and no serious or critical
WCAG 2.2 AA violation found by axe-core; and the returns tracker driven as a user would.

Set ``AHP_E2E_SCREENSHOTS=DIR`` to keep a screenshot of each page at each width (outside the
repository).
"""

from __future__ import annotations

import csv
import io
import os
import shutil
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from ahp_analytics.ingest.validation import validate_bytes
from ahp_analytics.services.plausibility import add_warnings
from ahp_analytics.store import open_store
from tests.e2e.conftest import start_server, stop_server, wait_idle
from tests.workbooks import broken_return, real_return

pytestmark = pytest.mark.e2e

# The desktop as a user first sees it (the real trust alone: the demonstration organisations
# are hidden once real data is stored); the phone with the demonstration organisations shown
# beside it (?demo=true), so that both states of every page are opened.
WIDTHS = {"desktop": (1440, 900, ""), "phone": (390, 844, "demo=true")}
PAGES = {
    "overview": "",
    "leadership": "leadership",
    "outcomes": "outcomes",
    "changes": "changes",
    "workforce": "workforce",
    "organisation": "organisation?org=RJ1",
    "gaps": "gaps",
    "explore": "explore",
    "submissions": "submissions",
    "upload": "upload",
}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
REAL_MONTHS = ("2025-01", "2025-02", "2025-03")

# Elements that reach past the screen's edges, leaving out those inside a box of their own
# that scrolls or clips and itself fits (a wide table scrolls in its frame; the page does not),
# and boxes wholly left of the screen (Plotly's measuring box is parked there on purpose).
WIDE_JS = """() => {
  const w = document.documentElement.clientWidth;
  const wide = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.right <= 0) continue;
    if (r.right <= w + 1 && r.left >= -1) continue;
    let p = el.parentElement, held = false;
    while (p && p !== document.body) {
      if (/(auto|scroll|hidden|clip)/.test(getComputedStyle(p).overflowX)) {
        const b = p.getBoundingClientRect();
        if (b.right <= w + 1 && b.left >= -1) { held = true; break; }
      }
      p = p.parentElement;
    }
    if (!held) wide.push(`${el.tagName} ${el.getAttribute('data-testid') || ''} ` +
                         `${Math.round(r.left)}..${Math.round(r.right)}`);
  }
  return {page: document.documentElement.scrollWidth, screen: w, wide};
}"""

SETTLED_JS = """() => {
  const charts = document.querySelectorAll("[data-testid='stPlotlyChart']");
  const drawn = document.querySelectorAll("[data-testid='stPlotlyChart'] .main-svg");
  const busy = document.querySelector("[data-testid='stStatusWidget'], [data-testid='stSkeleton']");
  return busy || drawn.length < charts.length
    ? null : `${document.querySelectorAll('*').length} ${charts.length}`;
}"""


def store_real_returns(database: Path) -> None:
    """A large acute trust's first quarter of 2025, then March sent again by someone else with
    half as many staff again (a resubmission, with plausibility warnings)."""
    with open_store(f"sqlite:///{database}") as store:
        for name, months, scale, user in (
            ("rj1-q4.xlsx", REAL_MONTHS, 1.0, "Priya Shah"),
            ("rj1-march-again.xlsx", REAL_MONTHS[-1:], 1.5, "Sam Jones"),
        ):
            content = real_return("RJ1", months, scale)
            result = validate_bytes(content, name, known_orgs={"RJ1"})
            add_warnings(result, store)
            assert store.ingest(result, content, user).status == "accepted"


@pytest.fixture(scope="module")
def real_server(request, tmp_path_factory, demo_db_file):  # type: ignore[no-untyped-def]
    tmp = tmp_path_factory.mktemp("e2e-every-page")
    database = tmp / "demo.db"
    shutil.copyfile(demo_db_file, database)
    store_real_returns(database)
    s = start_server(tmp, database)
    request.addfinalizer(lambda: stop_server(s))
    return s


def settle(pg) -> None:  # type: ignore[no-untyped-def]
    """Wait until the page's run has ended and its charts are drawn: the same quiet state three
    times, 0.3 s apart (the running indicator shows only after a short delay)."""
    pg.locator("h1").first.wait_for(timeout=60_000)
    seen: list[str | None] = []
    for _ in range(300):
        pg.wait_for_timeout(300)
        seen = [*seen[-2:], pg.evaluate(SETTLED_JS)]
        if len(seen) == 3 and seen[0] is not None and len(set(seen)) == 1:
            return
    raise AssertionError("the page did not settle in 90 s")


def screenshot(pg, name: str) -> None:  # type: ignore[no-untyped-def]
    folder = os.environ.get("AHP_E2E_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        pg.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def axe_serious(pg) -> list:  # type: ignore[no-untyped-def]
    """The serious and critical WCAG 2.2 AA violations axe-core finds on the page."""
    results = Axe().run(pg, options={"runOnly": {"type": "tag", "values": AXE_TAGS}}).response
    return [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]])
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def assert_fits(pg, where: str) -> None:  # type: ignore[no-untyped-def]
    """Nothing reaches past the screen's edges, and the page does not scroll sideways."""
    fit = pg.evaluate(WIDE_JS)
    assert fit["page"] <= fit["screen"], (where, fit)
    assert not fit["wide"], (where, fit["wide"][:10])


@pytest.mark.parametrize("page_name", list(PAGES))
def test_every_page_reads_at_both_widths_and_passes_axe(browser, real_server, page_name):
    for device, (width, height, query) in WIDTHS.items():
        context = browser.new_context(viewport={"width": width, "height": height})
        try:
            pg = context.new_page()
            pg.set_default_timeout(60_000)
            path = PAGES[page_name]
            pg.goto(f"{real_server.url}/{path}{'&' if '?' in path else '?'}{query}")
            pg.wait_for_selector("[data-testid='stAppViewContainer']")
            settle(pg)
            screenshot(pg, f"{page_name}-{width}")
            where = f"{page_name} at {width} px"
            assert pg.get_by_test_id("stException").count() == 0, where
            assert "encountered an error" not in pg.get_by_test_id("stMain").inner_text(), where
            if device == "phone":
                assert pg.get_by_text("Demonstration data beside real data").count() == 1, where
                assert_fits(pg, where)
            assert not axe_serious(pg), where
        finally:
            context.close()


def test_each_chart_has_a_text_alternative_and_one_toolbar_button(browser, real_server):
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    try:
        pg = context.new_page()
        pg.goto(f"{real_server.url}/workforce?demo=true")
        settle(pg)
        charts = pg.get_by_test_id("stPlotlyChart")
        assert charts.count() >= 3
        for n in range(charts.count()):
            chart = charts.nth(n)
            assert chart.get_attribute("role") == "figure"
            assert len(chart.get_attribute("aria-label") or "") > 10
            assert chart.locator("button, a[href], [tabindex='0']").count() <= 1
        tables = pg.get_by_test_id("stExpander").filter(has_text="Chart as a table")
        assert tables.count() == charts.count()
    finally:
        context.close()


def test_a_rejected_files_report_reads_on_a_phone(browser, real_server, tmp_path):
    """The upload report (six columns, long sentences) at 390 px: no sideways scrolling of the
    page, every column's text on screen or in a frame the keyboard reaches, no serious axe
    violation. Nothing is stored."""
    path = tmp_path / "broken.xlsx"
    path.write_bytes(broken_return(month=REAL_MONTHS[-1]))
    with open_store(real_server.database_url) as store:
        before = (store.data_version(), len(store.submissions()))
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        pg = context.new_page()
        pg.set_default_timeout(60_000)
        pg.goto(f"{real_server.url}/upload")
        settle(pg)
        with pg.expect_file_chooser() as chooser:
            pg.get_by_test_id("stFileUploaderDropzone").click()
        chooser.value.set_files(str(path))
        pg.get_by_text("cannot be stored: 3 errors").wait_for()
        settle(pg)
        screenshot(pg, "upload-report-390")
        report = pg.get_by_test_id("stTable").first
        assert "How to fix it" in report.inner_text() and "Wizard" in report.inner_text()
        assert_fits(pg, "upload report at 390 px")
        # each row a card: no cell's text runs past the card's edge, where it would be cut off
        cut = pg.evaluate(
            """() => [...document.querySelectorAll("[data-testid='stTable'] td")]
                 .filter(td => td.scrollWidth > td.clientWidth + 1).length"""
        )
        assert cut == 0
        assert not axe_serious(pg)
        with open_store(real_server.database_url) as store:
            assert (store.data_version(), len(store.submissions())) == before
    finally:
        context.close()


def test_the_returns_tracker_then_the_demo_removal(browser, real_server):
    """Last in the module: it removes the demonstration data from the module's database."""
    context = browser.new_context(viewport={"width": 1440, "height": 900}, accept_downloads=True)
    try:
        pg = context.new_page()
        pg.set_default_timeout(60_000)
        pg.goto(f"{real_server.url}/submissions")
        settle(pg)
        main = pg.get_by_test_id("stMain")
        main.get_by_role("heading", name="Returns tracker").wait_for()
        # The demonstration organisations are hidden beside the real one, here as on every page:
        # the periods are those of the organisations in view.
        main.get_by_text(
            "1 organisation × 3 periods: 2 returned, 1 resubmitted, 0 missing."
        ).wait_for()

        def choose(label: str, option: str) -> None:
            box = main.get_by_role("combobox", name=label).first  # the history's come after
            box.click()
            box.fill(option)
            pg.get_by_role("option", name=option).first.click()
            pg.keyboard.press("Escape")

        choose("Status", "Resubmitted (an earlier return superseded)")
        main.get_by_text("1 organisation × 1 period: 0 returned, 1 resubmitted").wait_for()
        wait_idle(pg)
        with pg.expect_download() as download:
            main.get_by_role("button", name="Download CSV").first.click()
        text = Path(download.value.path()).read_text(encoding="utf-8-sig")
        rows = list(csv.DictReader(io.StringIO(text)))
        assert [(r["org_code"], r["period"], r["status"], r["submitted_by"]) for r in rows] == [
            ("RJ1", "2025-03-01", "superseded", "Sam Jones")
        ]

        # An analyst (local mode) removes the demonstration data: after a confirmation, the
        # window holds the real trust's three months alone.
        main.get_by_role("button", name="Remove the demonstration data…").click()
        main.get_by_role("button", name="Yes, remove it").click()
        main.get_by_text("Removed the demonstration data set.").wait_for()
        wait_idle(pg)
        pg.goto(f"{real_server.url}/submissions")
        settle(pg)
        main.get_by_text(
            "1 organisation × 3 periods: 2 returned, 1 resubmitted, 0 missing."
        ).wait_for()
        wait_idle(pg)
        assert main.get_by_role("button", name="Remove the demonstration data…").count() == 0
        sidebar = pg.get_by_test_id("stSidebar")
        assert sidebar.get_by_text("Show the demonstration organisations").count() == 0
        assert pg.get_by_test_id("stException").count() == 0
    finally:
        context.close()
