"""When leadership changed in a real browser: choose an indicator, read the sentence and the two
charts, and follow an organisation's link from the table to its profile (a new tab)."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import open_page, wait_idle

pytestmark = pytest.mark.e2e

HEADER_PX = 35  # the height of a row of st.dataframe (header and rows alike)


def test_choose_an_indicator_and_open_a_profile_from_the_table(page, server):
    open_page(page, server, "changes")
    chooser = page.get_by_role("combobox", name="Indicator or workforce measure")
    chooser.click()
    chooser.fill("Staff engagement")
    page.get_by_role("option", name="Workforce: Staff engagement score").click()
    page.get_by_text(re.compile("Where it moved closer, staff engagement score rose by")).wait_for()
    wait_idle(page)
    expect(page.locator(".js-plotly-plot")).to_have_count(2)
    assert page.get_by_test_id("stException").count() == 0
    page.get_by_text("Moved closer to the board (n = ").first.wait_for()  # the slope legend

    # The grid is a canvas; its accessible table (hidden) holds the cells' text.
    table = page.get_by_test_id("stDataFrame").filter(has=page.locator("th", has_text="Profile"))
    table.scroll_into_view_if_needed()
    link = table.get_by_test_id("glide-cell-1-0").inner_text()
    query = parse_qs(urlsplit(link).query)
    org = query["org"][0]
    assert query["window"] == ["2024/25"]

    # The link is drawn on the grid's canvas: hover its cell (the second column, after the
    # organisation's, which is 200 px wide), then click it.
    box = table.locator("canvas").first.bounding_box()
    x, y = box["x"] + 240, box["y"] + HEADER_PX + HEADER_PX / 2
    page.mouse.move(x - 5, y)
    page.mouse.move(x, y)
    with page.context.expect_page() as opened:
        page.mouse.click(x, y)
    profile = opened.value
    profile.wait_for_load_state()
    profile.get_by_role("heading", name="Organisation profile", level=1).wait_for(timeout=30_000)
    wait_idle(profile)
    assert urlsplit(profile.url).path == "/organisation"
    search = profile.get_by_test_id("stSidebar").get_by_role("combobox", name="Organisation")
    expect(search).to_have_value(re.compile(rf"\({org}\)$"))
    profile.close()
