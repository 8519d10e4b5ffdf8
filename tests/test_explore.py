"""Explore page: whatever is shown filtered downloads with the same filters, byte for byte the
file ``python -m ahp_analytics export`` writes; hostile text opens inert; an empty selection
is an empty file with headers."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import streamlit.testing.v1.app_test as app_test_module
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest
from workbooks import INDICATORS_HEADER, LEADERSHIP_HEADER, csv_bytes

from ahp_analytics.cli import main
from ahp_analytics.domain.reference import TRUST_TYPES
from ahp_analytics.domain.selection import Selection
from ahp_analytics.ingest.validation import validate_bytes
from ahp_analytics.store import open_store

APP = Path(__file__).resolve().parents[1] / "app.py"
BOM = b"\xef\xbb\xbf"


def dated(stem: str, suffix: str) -> set[str]:
    """The names a file made now may carry: ``stem`` with today's date, or yesterday's when
    the page ran just before midnight and this check after it."""
    today = date.today()
    return {f"{stem}{d.isoformat()}{suffix}" for d in (today, today - timedelta(days=1))}


HYPERLINK = '=HYPERLINK("http://example.invalid","Click me")'


class _Media(MediaFileManager):
    """Keeps the run's media manager, so that a test can click a lazy download."""

    last: _Media | None = None

    def __init__(self, storage) -> None:  # type: ignore[no-untyped-def]
        super().__init__(storage)
        self.storage = storage
        _Media.last = self


def _open_explore(monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setattr(app_test_module, "MediaFileManager", _Media)
    at = AppTest.from_file(str(APP), default_timeout=180)
    at.switch_page("views/explore.py").run()
    assert not at.exception
    return at


@pytest.fixture
def explore(demo_db_shared: str, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """The Explore page of the app on the shared demo database (tests that only read)."""
    return _open_explore(monkeypatch)


@pytest.fixture
def explore_private(demo_db_url: str, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """The Explore page on a private copy of the demo database (tests that store)."""
    return _open_explore(monkeypatch)


def show(at: AppTest, table: str | None = None, **sidebar: str | None) -> AppTest:
    """Set sidebar filters (by widget key) and the table, and rerun."""
    for key, value in sidebar.items():
        at.selectbox(key=key).set_value(value)
    if table:
        at.selectbox(key="explore_table").set_value(table)
    at.run()
    assert not at.exception
    return at


def download(at: AppTest, fmt: str) -> tuple[str, bytes]:
    """Click the page's CSV or XLSX download: its file name and bytes."""
    button = at.download_button(key=f"{fmt}-explore")
    # Built only when clicked: the page carries a placeholder, not the file.
    assert button.proto.HasField("deferred_file_id") and not button.proto.url
    assert _Media.last is not None
    url = _Media.last.execute_deferred(button.proto.deferred_file_id)
    stored = _Media.last.storage.get_file(url.rsplit("/", 1)[-1])
    return stored.filename, stored.content


def cli(url: str, tmp_path: Path, table: str, *options: str, fmt: str = "csv") -> bytes:
    out = tmp_path / f"cli-{table}.{fmt}"
    assert main(["--db", url, "export", table, "-o", str(out), *options]) == 0
    return out.read_bytes()


def cells(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def frame(data: bytes) -> pd.DataFrame:
    header, *body = cells(data)
    return pd.DataFrame(body, columns=header)


def sheet_rows(data: bytes, sheet: str) -> list[tuple]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return list(book[sheet].iter_rows(values_only=True))


# -- the page's file is the command line's file --------------------------------------------------

LONDON_ACUTE = ["--region", "London", "--trust-type", "Acute"]


@pytest.mark.parametrize(
    ("table", "options"),
    [
        ("workforce", LONDON_ACUTE),
        ("summary", [*LONDON_ACUTE, "--window", "2023/24"]),
        ("leadership", LONDON_ACUTE),
        ("indicators", LONDON_ACUTE),
        ("organisations", LONDON_ACUTE),
    ],
)
def test_page_csv_is_the_command_line_csv(explore, demo_db_shared, tmp_path, table, options):
    at = show(explore, table, region="London", trust_type="Acute", window="2023/24")

    name, data = download(at, "csv")

    expected = cli(demo_db_shared, tmp_path, table, *options)
    assert data == expected
    assert data.startswith(BOM) and len(cells(data)) > 1
    window = "2023-24_" if table == "summary" else ""
    assert name in dated(f"{table}_{window}London_Acute_", ".csv")
    shown = at.dataframe[0].value
    assert len(shown) == len(cells(data)) - 1
    assert at.markdown[0].value == f"**{len(shown):,}** rows"


def test_page_export_follows_icb_and_organisation(explore, demo_db_shared, tmp_path):
    orgs = open_store(demo_db_shared).read("organisations", Selection(region="North West"))
    icb = sorted(orgs["icb"].dropna())[0]
    at = show(explore, "workforce", region="North West", icb=icb)

    in_icb = download(at, "csv")[1]

    assert in_icb == cli(
        demo_db_shared, tmp_path, "workforce", "--region", "North West", "--icb", icb
    )
    codes = set(frame(in_icb)["org_code"])
    assert codes and codes <= set(orgs.loc[orgs["icb"] == icb, "org_code"])
    show(at, "summary", window="2024/25")
    options = ["--region", "North West", "--icb", icb, "--window", "2024/25"]
    assert download(at, "csv")[1] == cli(demo_db_shared, tmp_path, "summary", *options)
    show(at, "indicators", region=None, icb=None, org="DM001")
    one_org = download(at, "csv")
    assert one_org[1] == cli(demo_db_shared, tmp_path, "indicators", "--org", "DM001")
    assert set(frame(one_org[1])["org_code"]) == {"DM001"}
    assert one_org[0] in dated("indicators_DM001_", ".csv")


def test_submissions_history_is_not_filtered(explore, demo_db_shared, tmp_path):
    at = show(explore, "submissions", region="London")

    name, data = download(at, "csv")

    assert data == cli(demo_db_shared, tmp_path, "submissions")
    assert len(cells(data)) - 1 == len(open_store(demo_db_shared).submissions())
    assert name in dated("submissions_all_", ".csv")


def test_xlsx_holds_the_rows_and_records_the_filters(explore, demo_db_shared, tmp_path):
    at = show(explore, "summary", region="London", trust_type="Acute", window="2023/24")

    name, data = download(at, "xlsx")

    assert name in dated("summary_2023-24_London_Acute_", ".xlsx")
    expected = cli(
        demo_db_shared, tmp_path, "summary", *LONDON_ACUTE, "--window", "2023/24", fmt="xlsx"
    )
    assert sheet_rows(data, "Data") == sheet_rows(expected, "Data")
    # the same Columns sheet: each column's label and definition from the registry
    columns = sheet_rows(data, "Columns")
    assert columns == sheet_rows(expected, "Columns")
    assert [r[0] for r in columns[1:]] == list(sheet_rows(data, "Data")[0])
    about = dict(sheet_rows(data, "About this export")[1:])
    assert about["Region"] == "London" and about["Trust type"] == "Acute"
    assert about["ICB"] == "All" and about["Organisation"] == "All"
    assert about["Analysis window"] == "2023/24"
    assert about["Column filters"] == "None"
    assert about["Data version"] == str(open_store(demo_db_shared).data_version())
    assert about["Rows"] == str(len(sheet_rows(data, "Data")) - 1)
    exported = datetime.fromisoformat(about["Exported at (UTC)"])
    assert abs((datetime.now(exported.tzinfo) - exported).total_seconds()) < 600
    assert about["Same rows from the command line"] == (
        "python -m ahp_analytics export summary --window 2023/24 --region London --trust-type Acute"
    )


# -- filters on the columns ---------------------------------------------------------------------


def test_column_filters_narrow_what_is_shown_and_downloaded(explore, demo_db_shared, tmp_path):
    at = show(explore, "workforce", region="Midlands")
    at.multiselect(key="explore:workforce:profession").set_value(["Dietitian", "Podiatrist"])
    at.multiselect(key="explore:workforce:band").set_value(["Band 6"])
    at.selectbox(key="explore:workforce:number").set_value("fte")
    at.run()
    at.number_input(key="explore:workforce:fte:min").set_value(2.5)
    at.text_input(key="explore:workforce:search").set_value("dm0")
    at.run()
    assert not at.exception

    name, data = download(at, "csv")

    everything = frame(cli(demo_db_shared, tmp_path, "workforce", "--region", "Midlands"))
    expected = everything[
        everything["profession"].isin(["Dietitian", "Podiatrist"])
        & (everything["band"] == "Band 6")
        & (everything["fte"].astype(float) >= 2.5)
        & everything["org_code"].str.lower().str.contains("dm0")
    ]
    got = frame(data)
    assert 0 < len(got) < len(everything)
    assert got.to_dict("records") == expected.to_dict("records")
    assert len(at.dataframe[0].value) == len(got)
    assert at.markdown[0].value == f"**{len(got):,}** rows of {len(everything):,}"
    assert name in dated("workforce_Midlands_column-filters_", ".csv")
    about = dict(sheet_rows(download(at, "xlsx")[1], "About this export")[1:])
    assert about["Column filters"] == (
        "profession in Dietitian, Podiatrist; band in Band 6; fte >= 2.5; org_code contains 'dm0'"
    )
    assert about["Same rows from the command line"].startswith("None")


# -- hostile text opens inert; negative numbers stay numbers ---------------------------------------


def ingest_hostile_returns(url: str) -> None:
    """Organisations, leadership posts and an indicator with formula-like text, through the
    validator and the store like an upload."""
    returns = {
        "organisations.csv": [
            ["Organisation code", "Organisation name", "Region", "ICB", "Trust type"],
            ["ZZ901", HYPERLINK, "London", "-Demo ICB", "Acute"],
            ["ZZ902", "+Plus Trust", "London", "@Demo ICB", "Acute"],
        ],
        "leadership.csv": [
            LEADERSHIP_HEADER,
            ["ZZ901", "2024-03", "Chief AHP", HYPERLINK, "Physiotherapist", "Band 9", 1.0, 60,
             "Voting board member", "Chief executive"],
            ["ZZ901", "2024-03", "Lead AHP", "-Lead for AHPs", "Dietitian", "Band 8c", 0.5, 40,
             "No board role", "Chief nurse"],
            ["ZZ901", "2024-03", "Professional lead", "@Head of OT", "Occupational therapist",
             "Band 8b", 0.5, 40, "No board role", "Other"],
            ["ZZ901", "2024-03", "Professional lead", "+Head of SLT",
             "Speech and language therapist", "Band 8b", 0.5, 40, "No board role", "Other"],
        ],
        "indicators.csv": [
            INDICATORS_HEADER,
            ["ZZ901", "2023/24", "surplus_deficit_pct", -2.5, None, None],
        ],
    }  # fmt: skip
    store = open_store(url)
    known = set(store.read("organisations")["org_code"])
    for file_name, rows in returns.items():
        data = csv_bytes(rows)
        result = validate_bytes(data, file_name, known_orgs=known)
        assert result.ok, [m.message for m in result.errors]
        assert store.ingest(result, data, "tester").status == "accepted"
        known |= {"ZZ901", "ZZ902"}
    store.close()


def test_formula_text_opens_inert_and_negative_numbers_stay_numbers(
    explore_private, demo_db_url, tmp_path
):
    explore = explore_private
    ingest_hostile_returns(demo_db_url)
    at = show(explore, "organisations", region="London", trust_type="Acute")
    at.text_input(key="explore:organisations:search").set_value("ZZ9").run()

    organisations = frame(download(at, "csv")[1]).set_index("org_code")
    assert organisations.loc["ZZ901", "org_name"] == "'" + HYPERLINK
    assert organisations.loc["ZZ901", "icb"] == "'-Demo ICB"
    assert organisations.loc["ZZ902", "org_name"] == "'+Plus Trust"
    assert organisations.loc["ZZ902", "icb"] == "'@Demo ICB"

    show(at, "leadership", region=None, trust_type=None, org="ZZ901")
    name, data = download(at, "csv")
    assert data == cli(demo_db_url, tmp_path, "leadership", "--org", "ZZ901")
    titles = set(frame(data)["job_title"])
    assert titles == {"'" + HYPERLINK, "'-Lead for AHPs", "'@Head of OT", "'+Head of SLT"}
    book = openpyxl.load_workbook(io.BytesIO(download(at, "xlsx")[1]))
    assert all(c.data_type != "f" for ws in book for row in ws.iter_rows() for c in row)

    show(at, "indicators")
    data = download(at, "csv")[1]
    assert data == cli(demo_db_url, tmp_path, "indicators", "--org", "ZZ901")
    assert cells(data)[1][4:6] == ["surplus_deficit_pct", "-2.5"]

    show(at, "summary", window="2023/24")
    data = download(at, "csv")[1]
    assert data == cli(demo_db_url, tmp_path, "summary", "--org", "ZZ901", "--window", "2023/24")
    (row,) = frame(data).to_dict("records")
    assert row["org_name"] == "'" + HYPERLINK
    assert row["surplus_deficit_pct"] == "-2.5"


# -- nothing selected: an empty file with headers ------------------------------------------------


@pytest.mark.parametrize("table", ["workforce", "summary", "leadership", "indicators"])
def test_filters_that_select_nothing_give_headers_only(explore, demo_db_shared, tmp_path, table):
    # The demo has no community trusts in London.
    at = show(explore, table, region="London", trust_type="Community")

    assert "No rows match these filters" in at.info[0].value
    assert at.dataframe[0].value.empty
    data = download(at, "csv")[1]
    expected = cli(
        demo_db_shared, tmp_path, table, "--region", "London", "--trust-type", "Community"
    )
    assert data == expected
    assert len(cells(data)) == 1 and cells(data)[0][0] == "org_code"
    workbook = sheet_rows(download(at, "xlsx")[1], "Data")
    assert workbook == [tuple(cells(data)[0])]


def test_a_column_filter_that_matches_nothing_gives_headers_only(explore):
    at = show(explore, "leadership")
    at.text_input(key="explore:leadership:search").set_value("no such title anywhere").run()

    assert not at.exception
    assert "No rows match these filters" in at.info[0].value
    assert cells(download(at, "csv")[1]) == [list(at.dataframe[0].value.columns)]


# -- the command line's ICB filter ---------------------------------------------------------------


def test_command_line_icb_filter(demo_db_shared, tmp_path, capsysbinary):
    orgs = open_store(demo_db_shared).read("organisations")
    demo = orgs[orgs["org_code"].str.startswith("DM")]
    types = demo.groupby("icb")["trust_type"].agg(set)
    icb = min(types.index, key=lambda i: (len(types[i]), i))
    members = set(demo.loc[demo["icb"] == icb, "org_code"])

    assert main(["--db", demo_db_shared, "export", "leadership", "--icb", icb]) == 0
    posts = frame(capsysbinary.readouterr().out)
    everything = frame(cli(demo_db_shared, tmp_path, "leadership"))
    assert len(posts) > 0 and set(posts["org_code"]) <= members
    assert len(posts) == everything["org_code"].isin(members).sum()

    absent = sorted(set(TRUST_TYPES) - types[icb])[0]
    for options in (["--icb", "No such ICB"], ["--icb", icb, "--trust-type", absent]):
        for table in ("workforce", "summary", "organisations"):
            data = cli(demo_db_shared, tmp_path, table, *options)
            assert len(cells(data)) == 1 and cells(data)[0][0] == "org_code", (table, options)


def test_the_table_is_kept_in_the_address(demo_db_shared, monkeypatch):
    """A link with ?table=workforce opens that table; choosing another rewrites the address,
    and an unknown code falls back to the summary."""
    monkeypatch.setattr(app_test_module, "MediaFileManager", _Media)
    at = AppTest.from_file(str(APP), default_timeout=180)
    at.query_params["table"] = "workforce"
    at.switch_page("views/explore.py").run()
    assert not at.exception
    assert at.selectbox(key="explore_table").value == "workforce"
    show(at, "leadership")
    assert at.query_params["table"] in ("leadership", ["leadership"])

    fresh = AppTest.from_file(str(APP), default_timeout=180)
    fresh.query_params["table"] = "<b>nope</b>"
    fresh.switch_page("views/explore.py").run()
    assert fresh.selectbox(key="explore_table").value == "summary"
