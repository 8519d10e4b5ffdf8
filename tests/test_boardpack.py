"""The board pack: ``python -m ahp_analytics report`` writes a Word document and a tagged PDF of
one organisation (or a group side by side) whose figures are those of ``export summary``, with
pictures that carry alternative text, or the data tables in their place without Chromium."""

from __future__ import annotations

import asyncio
import io
import shutil
import sys
import time
import zipfile
from pathlib import Path

import docx
import pandas as pd
import plotly.io as pio
import pytest
from docx.oxml.ns import qn
from PIL import Image
from pypdf import PdfReader

from ahp_analytics.cli import main
from ahp_analytics.domain import measures as registry
from ahp_analytics.present import charts
from ahp_analytics.present.boardpack import pdf, pictures
from ahp_analytics.present.boardpack.common import HEADLINE
from ahp_analytics.present.boardpack.model import Heading, Paragraph, Picture, Report, Table
from ahp_analytics.present.charts import funnels
from ahp_analytics.services import assessment, boardpack
from ahp_analytics.services.access import Actor
from ahp_analytics.store import open_store

WINDOW = "2024/25"
ORG = "DM002"  # a community trust in arrangement C that reports vacancies
NOTE = "Plan names AHPs <b>once</b> & {no} markup"
HAS_CHROMIUM = Path(pictures.CHROMIUM).is_file()


@pytest.fixture(scope="module")
def db(demo_db_file, tmp_path_factory) -> str:  # type: ignore[no-untyped-def]
    """A copy of the demo database in which DM002's board answered its self-assessment,
    saying yes where the leadership return says otherwise."""
    path = tmp_path_factory.mktemp("pack") / "demo.db"
    shutil.copyfile(demo_db_file, path)
    url = f"sqlite:///{path}"
    with open_store(url) as s:
        answers = {"lead_at_board": "yes", "ahps_in_plans": "partly", "named_executive": "no"}
        assessment.save(s, Actor("An Analyst", True), ORG, WINDOW, answers, {"ahps_in_plans": NOTE})
    return url


def export_summary(db: str, capsysbinary, *filters: str) -> pd.DataFrame:
    assert main(["--db", db, "export", "summary", "--window", WINDOW, *filters]) == 0
    out = capsysbinary.readouterr().out
    return pd.read_csv(io.BytesIO(out), encoding="utf-8-sig", dtype={"org_code": str})


def report(db: str, out: Path, *args: str) -> int:
    return main(["--db", db, "report", *args, "--window", WINDOW, "-o", str(out)])


@pytest.fixture(scope="module")
def packs(db, tmp_path_factory) -> dict[str, Path]:  # type: ignore[no-untyped-def]
    """DM002's pack as DOCX and PDF, charts drawn by Chromium."""
    if not HAS_CHROMIUM:
        pytest.skip(f"{pictures.CHROMIUM} not found: the charts cannot be drawn")
    out = tmp_path_factory.mktemp("packs")
    files = {fmt: out / f"pack.{fmt}" for fmt in ("docx", "pdf")}
    for path in files.values():
        assert report(db, path, ORG) == 0
    return files


def docx_text(document) -> str:  # type: ignore[no-untyped-def]
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def headline_rows(document) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    """The rows of the headline figures table, by measure."""
    for table in document.tables:
        header = [c.text for c in table.rows[0].cells]
        if header[:3] == ["Measure", "Value", "Peer median"]:
            rows = {r.cells[0].text: [c.text for c in r.cells] for r in table.rows[1:]}
            if registry.measure("ahp_fte").label in rows:
                return rows
    raise AssertionError("no headline figures table")


def expected(summary: pd.DataFrame) -> dict[str, tuple[str, str]]:
    """Each headline measure of ORG as the export gives it: (value, peer median) formatted by
    the registry, peers being the other organisations of its trust type."""
    row = summary.set_index("org_code").loc[ORG]
    peers = summary[(summary["trust_type"] == row["trust_type"]) & (summary["org_code"] != ORG)]
    return {
        code: (m.format(row[code]), m.format(peers[code].dropna().median()))
        for code in HEADLINE
        for m in [registry.measure(code)]
    }


@pytest.mark.slow
def test_docx_has_the_trust_its_figures_and_pictures_with_alt_text(packs, db, capsysbinary):
    summary = export_summary(db, capsysbinary)
    row = summary.set_index("org_code").loc[ORG]
    document = docx.Document(str(packs["docx"]))
    text = docx_text(document)
    assert row["org_name"] in text and ORG in text and WINDOW in text
    assert row["leadership_category"] in text  # C. Strategic AHP lead below board
    shown = headline_rows(document)
    for code, (value, median) in expected(summary).items():
        label = registry.measure(code).label
        assert shown[label][1:3] == [value, median], label
    # Word's own styles, so that a secretary can edit it and the navigation pane works
    styles = {p.style.name for p in document.paragraphs}
    assert {"Title", "Heading 1", "Heading 2"} <= styles
    for table in document.tables:  # every table has a header row
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    pictures_ = document.inline_shapes
    assert len(pictures_) >= 4
    for shape in pictures_:
        alt = shape._inline.docPr.get("descr")
        assert alt and len(alt) > 40, alt
    # the self-assessment, its note as typed, and where it disagrees with the data
    assert NOTE in text
    assert "Contradicted by the data:" in text
    assert document.core_properties.author == "ahp-analytics"


@pytest.mark.slow
def test_pdf_says_the_same_and_is_tagged(packs, db, capsysbinary):
    summary = export_summary(db, capsysbinary)
    row = summary.set_index("org_code").loc[ORG]
    reader = PdfReader(str(packs["pdf"]))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    for needle in (row["org_name"], ORG, WINDOW, row["leadership_category"], NOTE):
        assert " ".join(needle.split()) in text, needle
    for value, median in expected(summary).values():
        assert value in text and median in text
    assert sum(len(page.images) for page in reader.pages) >= 4
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "en-GB"
    assert reader.metadata.title.endswith(f"{row['org_name']} ({ORG})")


def test_pdf_takes_a_heading_and_its_opening_over_with_a_picture_too_tall_for_the_page():
    """A picture that does not fit in the rest of a page takes its section's heading and
    opening paragraph over with it, rather than leave them alone at the foot of the page."""
    png = io.BytesIO()
    Image.new("RGB", (800, 700), "white").save(png, "PNG")
    filler = [Paragraph("Words to fill the page. " * 20) for _ in range(4)]
    chart = Picture("peers", "The peers' chart", "A chart.", None, Table("t", ("a",), ()))
    chart.png = png.getvalue()
    blocks = [*filler, Heading("Indicators against peers"), Paragraph("What it shows."), chart]
    pack = Report("A pack", "An organisation", (("Item", "Detail"),), blocks)
    reader = PdfReader(io.BytesIO(pdf.to_pdf(pack)))
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    heading = [i for i, text in enumerate(pages) if "Indicators against peers" in text]
    caption = [i for i, text in enumerate(pages) if "The peers' chart" in text]
    assert len(pages) == 2 and heading == caption == [1], pages


def test_pack_charts_are_built_as_the_dashboard_s(db, monkeypatch):
    """Every chart of the pack comes from the one path the dashboard's charts take (house
    layout, and the template given at construction whatever plotly's default); the funnel is
    drawn as tall as its figure, which keeps room for its notes and legend."""
    monkeypatch.setattr(pio.templates, "default", "plotly")  # as Streamlit sets it on import
    with open_store(db) as store:
        pack = boardpack.org_pack(store, ORG, WINDOW)
    figures = {p.key: p for p in pack.pictures}
    assert {"spine", "senior-funnel"} <= set(figures)
    for picture in pack.pictures:
        fig = picture.figure
        assert fig.layout.template.layout.plot_bgcolor == "white", picture.key  # plotly_white
        assert fig.layout.meta["title"], picture.key  # house_layout's: chart_text reads it
        assert charts.chart_text(fig).title == picture.title, picture.key
    spine = figures["spine"].figure
    assert "Share of AHP FTE in Band 8a and above" in set(spine.data[0].y)
    assert list(spine.layout.xaxis.ticktext)[1] == "Peer median"
    funnel = figures["senior-funnel"]
    assert funnel.height == funnel.figure.layout.height
    # Room under the plot for the legend's rows at the picture's width, not a phone's three.
    layout = funnel.figure.layout
    assert layout.width == funnel.width
    names = [t.name for t in funnel.figure.data if t.showlegend is not False]
    margins = layout.margin.l + layout.margin.r + layout.yaxis.ticklabelstandoff
    rows = funnels.legend_rows(names, funnel.width - margins)
    assert rows < funnels.PHONE_LEGEND_ROWS
    assert layout.margin.b == funnels.LEGEND_TOP + funnels.LEGEND_ROW * rows + 13


def test_without_chromium_each_chart_is_its_table(db, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(pictures.CHROMIUM_ENV, str(tmp_path / "no-chromium"))
    out = tmp_path / "pack.docx"
    assert report(db, out, ORG) == 0
    err = capsys.readouterr().err
    assert err.count("no Chromium at") == 1  # said once, not once per chart
    document = docx.Document(str(out))
    assert len(document.inline_shapes) == 0
    text = docx_text(document)
    assert "The charts are shown as tables of the data behind them" in text
    captions = [p.text for p in document.paragraphs if p.text.startswith("Data behind the chart")]
    assert len(captions) >= 4
    # the PDF too
    pdf = tmp_path / "pack.pdf"
    assert report(db, pdf, ORG) == 0
    reader = PdfReader(str(pdf))
    assert sum(len(page.images) for page in reader.pages) == 0
    text = " ".join(page.extract_text() for page in reader.pages)
    assert text.count("Data behind the chart") >= 4


def test_a_browser_that_never_answers_gives_tables_in_time(db, tmp_path, monkeypatch, capsys):
    async def never(pictures_, path):  # a browser that starts but never draws
        await asyncio.sleep(3600)

    monkeypatch.setenv(pictures.CHROMIUM_ENV, sys.executable)  # any program that exists
    monkeypatch.setattr(pictures, "_render", never)
    monkeypatch.setattr(pictures, "TOTAL_TIMEOUT_S", 2)
    out = tmp_path / "pack.docx"
    started = time.monotonic()
    assert report(db, out, ORG) == 0
    assert time.monotonic() - started < 60  # the pack came, not the browser
    assert "Chromium could not draw them (TimeoutError: no charts after 2 s)" in (
        capsys.readouterr().err
    )
    document = docx.Document(str(out))
    assert len(document.inline_shapes) == 0
    assert "The charts are shown as tables of the data behind them" in docx_text(document)


def test_group_pack_puts_its_organisations_side_by_side(db, tmp_path, monkeypatch, capsysbinary):
    monkeypatch.setenv(pictures.CHROMIUM_ENV, str(tmp_path / "no-chromium"))
    out = tmp_path / "london.docx"
    assert report(db, out, "--region", "London") == 0
    members = export_summary(db, capsysbinary, "--region", "London")
    document = docx.Document(str(out))
    side = next(
        t
        for t in document.tables
        if [c.text for c in t.rows[0].cells][:2] == ["Organisation", "Arrangement"]
    )
    rows = {r.cells[0].text: [c.text for c in r.cells] for r in side.rows[1:]}
    assert len(rows) == len(members) + 1  # and the group's median
    for r in members.to_dict("records"):
        cells = rows[f"{r['org_name']} ({r['org_code']})"]
        for i, code in enumerate(HEADLINE, start=2):
            assert cells[i] == registry.measure(code).format(r[code]), (r["org_code"], code)
    assert "London (region)" in docx_text(document)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ZZ999"], "unknown organisation 'ZZ999'"),
        (["DM002", "--window", "2010/11"], "no organisation has data in 2010/11"),
        (["DM002", "--window", "next year"], "cannot read the window 'next year'"),
        (["--region", "Atlantis"], "no organisation of region 'Atlantis' has data"),
        (["DM002", "--region", "London"], "name one organisation, or a group"),
        ([], "name one organisation, or a group"),
    ],
)
def test_errors_are_one_line_and_exit_2(db, tmp_path, capsys, args, message):
    out = tmp_path / "pack.docx"
    argv = ["--db", db, "report", *args, "-o", str(out)]
    if "--window" not in args:
        argv += ["--window", WINDOW]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert not out.exists()


def test_pack_names_no_account_file_or_database(db, tmp_path, monkeypatch):
    """Nothing a viewer of the profile does not see: not who uploaded which file, nor where
    the database is, nor who saved the self-assessment."""
    monkeypatch.setenv(pictures.CHROMIUM_ENV, str(tmp_path / "no-chromium"))
    out = tmp_path / "pack.docx"
    assert report(db, out, ORG) == 0
    with open_store(db) as s:
        submissions = s.read("submissions")
    with zipfile.ZipFile(out) as z:
        xml = " ".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
    secrets = [db, str(Path(db.removeprefix("sqlite:///")).name), "An Analyst"]
    secrets += list(submissions["file_name"].head(20)) + list(submissions["sha256"].head(20))
    for secret in secrets:
        assert secret not in xml, secret


def test_a_trust_that_moved_its_leadership_gets_its_own_before_and_after(
    db, tmp_path, monkeypatch, capsysbinary
):
    """DM003 moved from C to B between 2023/24 and 2024/25 (planted in the demo): its pack
    gives its own vacancy rate in both windows, as ``export summary`` does, beside the mean
    change where leadership did not change, with the caution; DM002 (unchanged) has none."""
    monkeypatch.setenv(pictures.CHROMIUM_ENV, str(tmp_path / "no-chromium"))
    after = export_summary(db, capsysbinary).set_index("org_code")
    assert main(["--db", db, "export", "summary", "--window", "2023/24"]) == 0
    out = capsysbinary.readouterr().out
    before = pd.read_csv(io.BytesIO(out), encoding="utf-8-sig", dtype={"org_code": str})
    before = before.set_index("org_code")
    assert before.at["DM003", "leadership_category"].startswith("C.")
    assert after.at["DM003", "leadership_category"].startswith("B.")

    path = tmp_path / "dm003.docx"
    assert report(db, path, "DM003") == 0
    document = docx.Document(str(path))
    text = docx_text(document)
    assert "Before and after the change of leadership" in text
    assert "moved its AHP leadership closer to the board between 2023/24 and 2024/25" in text
    assert "trusts that chose to change may differ from the others" in text
    table = next(t for t in document.tables if "Change" in [c.text for c in t.rows[0].cells])
    rows = {r.cells[0].text: [c.text for c in r.cells] for r in table.rows[1:]}
    vacancy = registry.measure("vacancy_rate")
    got = rows[vacancy.label]
    assert got[1:3] == [vacancy.format(before.at["DM003", "vacancy_rate"]),
                        vacancy.format(after.at["DM003", "vacancy_rate"])]  # fmt: skip
    change = after.at["DM003", "vacancy_rate"] - before.at["DM003", "vacancy_rate"]
    assert got[3].startswith(f"{change:+.1f}".replace("+0.0", "0.0").replace("-0.0", "0.0"))
    assert got[3].endswith("percentage points")

    unchanged = tmp_path / "dm002.docx"
    assert report(db, unchanged, ORG) == 0
    assert "Before and after the change" not in docx_text(docx.Document(str(unchanged)))
