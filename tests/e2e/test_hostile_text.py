"""Text from a file or a user is data, in a real browser: a return whose every text field holds
Markdown, HTML and URL payloads (organisation name, region, ICB, trust type, job titles, custom
indicator names, the file name), a submission made and withdrawn by a user whose name is one,
and a self-assessment with payload notes. Every page is opened, also with the filters pointing
at those values through the address bar, every chart point is hovered, and no element, link or
network request may come from the data.

Set ``AHP_E2E_SCREENSHOTS=DIR`` to keep screenshots of each page (outside the repository).
"""

from __future__ import annotations

import io
import re
import shutil
from urllib.parse import urlencode

import openpyxl
import pytest
from playwright.sync_api import expect

from ahp_analytics.ingest.validation import validate_bytes
from ahp_analytics.services import assessment
from ahp_analytics.services.access import Actor
from ahp_analytics.store import open_store
from tests.e2e.conftest import Server, open_page, start_server, stop_server
from tests.e2e.test_browser import shot
from tests.workbooks import INDICATORS_HEADER, LEADERSHIP_HEADER, WORKFORCE_HEADER, xlsx

pytestmark = pytest.mark.e2e

HOST = "payload.invalid"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Markers that stand alone in an element only if their payload was rendered: **x** as <strong>,
# <b>x</b> as <b> or a bold plotly <tspan>, :red[x] as a coloured <span>.
MARKER = r"^PWN[BHR][\w-]*$"
ORGS = ("ZZP01", "ZZP02", "ZZP03")
MONTHS = [f"{2023 + (i + 3) // 12}-{(i + 3) % 12 + 1:02d}" for i in range(24)]  # 2023-04...
FORMULA = "=cmd|' /C calc'!A0"


def payload(tag: str) -> str:
    """Markdown, HTML and bare-URL payloads in one text; ``tag`` says which field leaked."""
    return (
        f"![i](http://{HOST}/{tag}-md-img.png) [l](http://{HOST}/{tag}-md-link) "
        f'<a href="http://{HOST}/{tag}-a">a</a> <img src="http://{HOST}/{tag}-img.png"> '
        f"http://{HOST}/{tag}-bare www.{HOST} "
        f"**PWNB{tag}** <b>PWNH{tag}</b> :red[PWNR{tag}]"
    )


USER = payload("user")
ICB = payload("icb")
INDICATOR = payload("ind")
FILE_NAME = payload("file") + ".xlsx"


def _cells_as_text(data: bytes) -> bytes:
    """The workbook with formula-looking text stored as text, as a user could type it."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    for sheet in book:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def payload_workbook() -> bytes:
    """Three organisations of a payload ICB, region and trust type: 24 months of workforce,
    leadership posts with payload job titles (one with professional leads only, so it is
    flagged), catalogue and custom indicators."""
    workforce = [WORKFORCE_HEADER]
    for k, org in enumerate(ORGS):
        for i, month in enumerate(MONTHS):
            workforce.append(
                [org, month, "Physiotherapist", "Band 6", 10 + k + i % 3, 13 + k, 1 + i % 4]
            )
            workforce.append([org, month, "Dietitian", "Band 8a", 2 + k, 2 + k, 0.5])
    leadership = [
        LEADERSHIP_HEADER,
        ["ZZP01", "2025-03", "Chief AHP", payload("job1"), "Physiotherapist", "Band 9", 1, 80]
        + ["Voting board member", "Chief executive"],
        ["ZZP02", "2025-03", "Professional lead", payload("job2"), "Dietitian", "Band 8a", 1, 20]
        + ["No board role", "Other"],
        ["ZZP03", "2025-03", "Lead AHP", payload("job3"), "Dietitian", "Band 8b", 1, 50]
        + ["No board role", "Chief nurse"],
    ]
    indicators = [INDICATORS_HEADER]
    for k, org in enumerate(ORGS):
        indicators += [
            [org, "2024/25", INDICATOR, 10 + k, None, None],
            [org, "2024/25", FORMULA, 5 + k, None, None],
            [org, "2024/25", "cqc_overall", 2, None, None],
        ]
    organisations = [["Organisation code", "Organisation name", "Region", "ICB", "Trust type"]]
    for k, org in enumerate(ORGS):
        organisations.append([org, payload(f"org{k}"), payload("region"), ICB, payload("type")])
    return _cells_as_text(
        xlsx(
            {
                "Workforce": workforce,
                "Leadership": leadership,
                "Indicators": indicators,
                "Organisations": organisations,
            }
        )
    )


def small_workbook(period: str) -> bytes:
    return xlsx(
        {
            "Workforce": [
                WORKFORCE_HEADER,
                ["ZZP09", period, "Physiotherapist", "Band 6", 1, 1, 0],
            ],
            "Organisations": [
                ["Organisation code", "Organisation name", "Region", "ICB", "Trust type"],
                ["ZZP09", payload("org9"), payload("region"), ICB, payload("type")],
            ],
        }
    )


# Attributes through which an element fetches or links something.
LEAKS_JS = """
([host, marker, root]) => {
  const found = [];
  const attrs = ["href", "xlink:href", "src", "srcset", "action", "formaction", "poster",
                 "data", "style", "background"];
  for (const el of document.querySelectorAll(root + ", " + root + " *")) {
    for (const a of attrs) {
      const v = el.getAttribute(a);
      if (v && v.includes(host)) found.push(`${el.tagName} ${a}=${v.slice(0, 120)}`);
    }
    const text = (el.textContent || "").trim();
    if (new RegExp(marker).test(text)) found.push(`${el.tagName} rendered ${text}`);
    if (el.classList && el.classList.contains("katex")) found.push("maths rendered");
  }
  return found;
}
"""


def leaks(pg, root: str = "body") -> list[str]:  # type: ignore[no-untyped-def]
    """Elements that came from the data: a link, image or style naming the payload host, or
    a marker standing alone (its payload was rendered as Markdown or HTML)."""
    return pg.evaluate(LEAKS_JS, [HOST, MARKER, root])


def hover_every_point(pg, labels: list[str]) -> list[str]:  # type: ignore[no-untyped-def]
    """Hover every point and bar of every chart on the page; what the hover labels leaked.
    The text of each label shown is added to ``labels``."""
    found: list[str] = []
    for chart in pg.locator(".js-plotly-plot").all():
        chart.scroll_into_view_if_needed()
        for point in chart.locator(".scatterlayer .point, .barlayer .point").all():
            box = point.bounding_box()
            if not box or box["width"] == 0:
                continue
            pg.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
            pg.wait_for_timeout(30)
            found += leaks(pg, ".hoverlayer")
            labels += pg.locator(".hoverlayer .hovertext").all_text_contents()
        pg.mouse.move(0, 0)
    return found


QUIET_JS = """
() => {
  const charts = document.querySelectorAll("[data-testid='stPlotlyChart']");
  const drawn = document.querySelectorAll("[data-testid='stPlotlyChart'] .main-svg");
  const behind = [...document.querySelectorAll("[data-testid='stDownloadButton']")]
    .filter(b => b.textContent.includes("Data behind this chart")).length;
  const busy = document.querySelector("[data-testid='stStatusWidget'], [data-testid='stSkeleton']");
  return busy || drawn.length < charts.length || charts.length < behind
    ? null : `${document.querySelectorAll("*").length} ${charts.length}`;
}
"""


def settle(pg) -> None:  # type: ignore[no-untyped-def]
    """Wait until the page's script has run and its charts are drawn: the same quiet state
    twice, a second apart (the running indicator shows only after a short delay)."""
    before = None
    for _ in range(60):
        pg.wait_for_timeout(1000)
        now = pg.evaluate(QUIET_JS)
        if now is not None and now == before:
            return
        before = now
    raise AssertionError("the page did not settle in a minute")


PAGES = (
    ("", "Overview"),
    ("leadership", "Leadership variation"),
    ("outcomes", "Leadership and outcomes"),
    ("changes", "When leadership changed"),
    ("workforce", "Workforce"),
    ("organisation", "Organisation profile"),
    ("gaps", "Gaps and risks"),
    ("explore", "Explore and export"),
    ("submissions", "Submissions"),
)
# Payload text each page shows with the payload filters (in a caption, chart or heading).
SHOWN = {
    "": "PWNBicb",
    "leadership": "PWNBregion",
    "outcomes": "PWNBind",
    "workforce": "PWNBorg",
    "organisation": "PWNBtype",
    "gaps": "PWNBorg1",
}
# The filters as a shared link holds them: the payload ICB (an option, as it is in the data),
# an organisation of it and the payload custom indicator; then values that are no option.
PAYLOAD_FILTERS = {"icb": ICB, "org": "ZZP02", "indicator": INDICATOR}
UNKNOWN_FILTERS = {
    "region": payload("qregion"),
    "trust_type": payload("qtype"),
    "window": payload("qwindow"),
    "icb": payload("qicb"),
    "indicator": payload("qind"),
    "org": payload("qorg"),
}


@pytest.fixture(scope="module")
def hostile_server(request, tmp_path_factory, demo_db_file):  # type: ignore[no-untyped-def]
    tmp = tmp_path_factory.mktemp("e2e-hostile")
    database = tmp / "demo.db"
    shutil.copyfile(demo_db_file, database)
    s = start_server(tmp, database)
    request.addfinalizer(lambda: stop_server(s))
    return s


def store_as_payload_user(server: Server) -> int:
    """A submission by the payload user, withdrawn by them; another left for the page to
    withdraw; a self-assessment with payload notes. Returns the id of the one left."""
    with open_store(server.database_url) as store:
        ids = []
        for i, period in enumerate(("2025-01", "2025-02")):
            data = small_workbook(period)
            name = payload(f"lib{i}") + ".xlsx"
            ids.append(store.ingest(validate_bytes(data, name), data, USER).submission_id)
        assert store.withdraw(ids[0], USER).status != "error"
        actor = Actor(name=USER, is_analyst=True)
        answers = dict.fromkeys((q for q, _ in assessment.QUESTIONS), "yes")
        notes = {q: payload(f"note-{q}") for q, _ in assessment.QUESTIONS}
        assessment.save(store, actor, "ZZP02", "2024/25", answers, notes)
    return ids[1]


def test_no_element_link_or_request_comes_from_the_data(browser, hostile_server, tmp_path):
    server = hostile_server
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    # Every request for anything but the app is recorded, and refused: nothing leaves.
    requests: list[str] = []

    def elsewhere(url: str) -> bool:
        return not url.startswith(server.url + "/")

    context.on("request", lambda r: requests.append(r.url) if elsewhere(r.url) else None)
    context.route(elsewhere, lambda route: route.abort())
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    found: dict[str, list[str]] = {}
    labels: list[str] = []

    def check(where: str, hover: bool = False) -> None:
        settle(pg)
        shot(pg, re.sub(r"\W+", "-", where))
        found[where] = leaks(pg) + (hover_every_point(pg, labels) if hover else [])

    try:
        # The file goes through the real uploader, under a payload name.
        open_page(pg, server, "upload")
        with pg.expect_file_chooser() as chooser:
            pg.get_by_test_id("stFileUploaderDropzone").click()
        chooser.value.set_files(
            {"name": FILE_NAME, "mimeType": XLSX_MIME, "buffer": payload_workbook()}
        )
        pg.get_by_text(re.compile(r"ready to store \(\d+ rows")).wait_for(timeout=60_000)
        check("upload preview")
        pg.get_by_role("button", name=re.compile("^Store ")).click()
        pg.get_by_text(re.compile(r"stored as submission \d+")).wait_for(timeout=60_000)
        check("upload stored")

        left = store_as_payload_user(server)

        for path, title in PAGES:
            for name, query in (("", {}), ("payload", PAYLOAD_FILTERS)):
                open_page(pg, server, f"{path}?{urlencode(query)}" if query else path)
                pg.get_by_role("heading", name=title, level=1).wait_for()
                check(f"{title} {name}".strip(), hover=bool(query))
                if query and path in SHOWN:
                    # the data is on screen, as text, so finding nothing means something
                    text = pg.evaluate(
                        "document.querySelector(\"[data-testid='stMain']\").textContent"
                    )
                    assert SHOWN[path] in text, path
            open_page(pg, server, f"{path}?{urlencode(UNKNOWN_FILTERS)}")
            check(f"{title} unknown filters")

        # Each payload submission, then withdrawing one from the page.
        open_page(pg, server, "submissions")
        chosen = pg.get_by_test_id("stSelectbox").filter(has_text="Submission").locator("input")
        for sub_id, tag in ((left - 1, "lib0"), (left, "lib1")):
            # Narrowed to that file, the history offers it alone.
            pg.get_by_label("File name contains").fill(f"{tag}-md-img")
            pg.keyboard.press("Enter")
            expect(chosen).to_have_value(re.compile(rf"^{sub_id} – "))
            check(f"submission {sub_id}")
        pg.get_by_role("button", name="Withdraw this submission…").click()
        pg.get_by_role("button", name="Yes, withdraw it").click()
        pg.get_by_text(re.compile(rf"Submission {left} \(.*\) withdrawn")).wait_for()
        check("withdrawn from the page")
    finally:
        context.close()

    leaked = [f"{where}: {item}" for where, items in found.items() for item in items]
    assert not leaked, "\n".join(leaked)
    # Hover labels were shown, with the payloads in them as text.
    assert any("<b>PWNHorg" in t for t in labels) and any("<b>PWNHtype" in t for t in labels)
    assert requests == []
    with open_store(server.database_url) as store:
        history = store.submissions()
    assert USER in set(history["user_name"]) and USER in set(history["withdrawn_by"])
    # The browser sends the payload name as typed, but for " (sent as %22).
    assert FILE_NAME.replace('"', "%22") in set(history["file_name"])
