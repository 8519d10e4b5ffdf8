"""The board pack from the Organisation profile in a real browser: choose the peers on the
page, click a download, and get the Word and PDF papers of that organisation with those peers.

Set ``AHP_E2E_SCREENSHOTS=DIR`` to keep a screenshot of the download section."""

from __future__ import annotations

import os
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from tests.e2e.conftest import open_page, wait_idle

pytestmark = pytest.mark.e2e

ORG, NAME = "DM002", "Demo Harthurst Community NHS Foundation Trust (DEMO)"
BUILD_TIMEOUT_MS = 180_000  # reads the store, starts Chromium for the charts, writes the file


def test_download_the_board_pack_from_the_profile(page, server):
    open_page(page, server, f"organisation?org={ORG}")
    page.get_by_role("heading", name="Board pack").wait_for()
    # the page's peer choice goes into the pack
    page.get_by_text("Same region", exact=True).click()
    # the run that choice starts says so in the section's caption; a click on a download
    # button before that run ends would ask the server for a file the run has replaced
    page.get_by_text("against peers (same region, as chosen above)").wait_for(timeout=60_000)
    wait_idle(page)
    section = page.get_by_role("heading", name="Board pack")
    section.scroll_into_view_if_needed()
    folder = os.environ.get("AHP_E2E_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / "board-pack.png"), full_page=True)

    with page.expect_download(timeout=BUILD_TIMEOUT_MS) as download:
        page.get_by_role("button", name="Board pack (Word)").click()
    assert download.value.suggested_filename == f"board-pack_{ORG}_2024-25.docx"
    document = docx.Document(download.value.path())
    facts = {r.cells[0].text: r.cells[1].text for r in document.tables[0].rows}
    assert facts["Organisation"] == f"{NAME} ({ORG})"
    assert facts["Peer group"].startswith("Same region: North East and Yorkshire")
    assert len(document.inline_shapes) >= 4  # the charts, drawn by Chromium on the server

    with page.expect_download(timeout=BUILD_TIMEOUT_MS) as download:
        page.get_by_role("button", name="Board pack (PDF)").click()
    assert download.value.suggested_filename == f"board-pack_{ORG}_2024-25.pdf"
    text = " ".join(p.extract_text() for p in PdfReader(download.value.path()).pages)
    assert ORG in " ".join(text.split()) and "Same region" in text
