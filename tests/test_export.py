"""Exports: injection-safe CSV and XLSX, numbers stay numbers, one export function for all."""

from __future__ import annotations

import csv
import io
import re
import tracemalloc
from datetime import datetime

import numpy as np
import openpyxl
import pandas as pd
import pytest
from fixtures import (
    big_workforce,
    indicator_rows,
    leadership_rows,
    make_file,
    result_of,
    workforce_rows,
)

from ahp_analytics.domain import schema
from ahp_analytics.domain.selection import Selection
from ahp_analytics.present.export import columns_sheet, to_csv_bytes, write_export
from ahp_analytics.services.exports import STREAMED, export_table, write_table
from ahp_analytics.store import Store, open_store

BOM = b"\xef\xbb\xbf"
INJECTIONS = ['=HYPERLINK("http://x","y")', "+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "\0x"]


def hostile_frame() -> pd.DataFrame:
    n = len(INJECTIONS)
    return pd.DataFrame(
        {
            "org_code": ["RJ1"] * n,
            "job_title": INJECTIONS,
            "fte": [-1.5, 2.0, -3.0, 0.0, np.nan, 4.25, -0.5],
            "headcount": pd.array([-1, 2, 3, 4, 5, 6, None], dtype="Int64"),
            "period": pd.to_datetime(["2024-03-01"] * n).astype("datetime64[ns]"),
            "note": ["plain", None, "- dash", "a=b", "safe", "", "x"],
        }
    )


def unescape_ooxml(text: object) -> object:
    """Undo the ``_xHHHH_`` escapes XLSX uses for control characters (openpyxl keeps them)."""
    if not isinstance(text, str):
        return text
    return re.sub(r"_x([0-9A-F]{4})_", lambda m: chr(int(m[1], 16)), text)


def read_csv_cells(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_prefixes_formula_text_and_keeps_numbers() -> None:
    data = to_csv_bytes(hostile_frame())

    assert data.startswith(BOM)
    rows = read_csv_cells(data)
    header, body = rows[0], rows[1:]
    assert header == ["org_code", "job_title", "fte", "headcount", "period", "note"]
    assert [r[1] for r in body] == ["'" + v for v in INJECTIONS]
    assert [r[2] for r in body] == ["-1.5", "2.0", "-3.0", "0.0", "", "4.25", "-0.5"]
    assert [r[3] for r in body] == ["-1", "2", "3", "4", "5", "6", ""]
    assert {r[4] for r in body} == {"2024-03-01"}
    assert [r[5] for r in body] == ["plain", "", "'- dash", "a=b", "safe", "", "x"]


def test_xlsx_has_no_formulas_and_numbers_and_dates_keep_their_types() -> None:
    about = {"Filters": "region=London", "Exported at": "2024-05-01 10:00 UTC", "Note": "=1+1"}
    book = openpyxl.load_workbook(io.BytesIO(write_export(hostile_frame(), "xlsx", about=about)))

    assert book.sheetnames == ["Data", "About this export"]
    sheet = book["Data"]
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    assert [c.font.bold for c in sheet[1]] == [True] * 6
    assert sheet.freeze_panes == "A2"
    values = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [unescape_ooxml(v[1]) for v in values] == ["'" + v for v in INJECTIONS]
    assert [v[2] for v in values] == [-1.5, 2.0, -3.0, 0.0, None, 4.25, -0.5]
    assert values[0][3] == -1 and isinstance(values[0][3], int | float)
    assert {v[4] for v in values} == {datetime(2024, 3, 1)}
    assert sheet.cell(row=2, column=5).number_format == "yyyy-mm-dd"
    assert values[2][5] == "'- dash"
    assert 8 <= sheet.column_dimensions["B"].width <= 62

    info = book["About this export"]
    assert all(cell.data_type != "f" for row in info.iter_rows() for cell in row)
    assert list(info.iter_rows(min_row=2, values_only=True)) == [
        ("Filters", "region=London"),
        ("Exported at", "2024-05-01 10:00 UTC"),
        ("Note", "'=1+1"),
    ]


def test_headers_are_escaped_like_cells() -> None:
    """A column named like a formula (a custom indicator from a file becomes a summary column)
    is written as inert text in the header row of CSV and XLSX."""
    df = pd.DataFrame({name: ["x"] for name in ["org_code", *INJECTIONS]})

    header = read_csv_cells(to_csv_bytes(df))[0]
    assert header == ["org_code"] + ["'" + v for v in INJECTIONS]
    sheet = openpyxl.load_workbook(io.BytesIO(write_export(df, "xlsx"))).active
    cells = list(sheet.iter_rows(max_row=1))[0]
    assert all(cell.data_type == "s" for cell in cells)
    assert [unescape_ooxml(c.value) for c in cells] == ["org_code"] + ["'" + v for v in INJECTIONS]


def test_empty_frame_gives_headers_only() -> None:
    empty = pd.DataFrame(columns=list(schema.EXPORT_COLUMNS["workforce"]))

    assert to_csv_bytes(empty) == BOM + b",".join(c.encode() for c in empty.columns) + b"\r\n"
    sheet = openpyxl.load_workbook(io.BytesIO(write_export(empty, "xlsx"))).active
    assert list(sheet.iter_rows(values_only=True)) == [tuple(empty.columns)]


def test_write_export_dispatches_and_refuses_unknown_format() -> None:
    df = hostile_frame()
    assert write_export(df, "csv") == to_csv_bytes(df)
    assert write_export(df, "xlsx").startswith(b"PK")
    with pytest.raises(ValueError, match="Unknown export format"):
        write_export(df, "pdf")


def test_export_table_gives_iso_periods_with_the_store_filters(store: Store) -> None:
    result, content = make_file(
        workforce=workforce_rows("RJ1", "2024-03") + workforce_rows("RJ1", "2023/24")
    )
    store.ingest(result, content, "alice")

    df = export_table(store, "workforce", Selection(orgs=["RJ1"], period_from="2024-01"))

    # the contract's columns in order, the organisation's name after its code
    contract = list(schema.EXPORT_COLUMNS["workforce"])
    assert list(df.columns) == [contract[0], "org_name", *contract[1:]]
    assert set(df["org_name"]) == {"Guy's and St Thomas' NHS Foundation Trust"}
    assert set(df["period"]) == {"2024-03-01"} and set(df["period_type"]) == {"month"}
    history = export_table(store, "submissions")
    assert history["submitted_at"].iloc[0].endswith("+00:00")
    rows = read_csv_cells(write_export(export_table(store, "workforce"), "csv"))
    assert {r[2] for r in rows[1:]} == {"2024-03-01", "2023-04-01"}
    with pytest.raises(ValueError, match="Unknown table"):
        export_table(store, "staff")
    with pytest.raises(ValueError, match="not a range of periods"):
        export_table(store, "summary", Selection(period_from="2024-01"))


def test_summary_export_contract(tmp_path, store: Store, store_url: str, capsys) -> None:
    """The summary refuses --from/--to (exit 2, pointing to --window); leadership_level is a
    whole number; custom indicator columns are snake_case; the XLSX has a Columns sheet that
    labels and defines every column, keeping the custom indicator's own name."""
    from fixtures import indicator_rows, leadership_rows

    from ahp_analytics import cli

    result, content = make_file(
        workforce=workforce_rows("RJ1", "2024-03") + workforce_rows("RX1", "2024-03"),
        leadership=leadership_rows("RJ1", posts=1),
        indicators=indicator_rows("RJ1", "2023/24", {"Holdout score": 4.5}),
    )
    assert store.ingest(result, content, "alice").status == "accepted"
    argv = ["--db", store_url, "export", "summary", "--window", "2023/24"]
    for extra in (["--from", "2024-04"], ["--to", "2025-03"]):
        assert cli.main([*argv, *extra]) == 2
        err = capsys.readouterr().err
        assert "--window" in err and "--from and --to" in err

    out = tmp_path / "summary.csv"
    assert cli.main([*argv, "-o", str(out)]) == 0
    rows = {r[0]: r for r in read_csv_cells(out.read_bytes())}
    header = rows["org_code"]
    assert header[-2:] == ["holdout_score", "holdout_score__period"]
    level = header.index("leadership_level")
    assert (rows["RJ1"][level], rows["RX1"][level]) == ("3", "")  # B; RX1 sent no return
    posts = header.index("leadership_posts")
    assert (rows["RJ1"][posts], rows["RX1"][posts]) == ("1", "")

    book = tmp_path / "summary.xlsx"
    assert cli.main([*argv, "-o", str(book)]) == 0
    wb = openpyxl.load_workbook(book)
    assert wb.sheetnames == ["Data", "Columns"]
    sheet = list(wb["Columns"].values)
    assert sheet[0] == ("column", "label", "unit", "direction", "definition")
    described = {r[0]: r for r in sheet[1:]}
    assert list(described) == header
    assert all(r[1] and r[4] for r in described.values())
    assert described["holdout_score"][1] == "Holdout score"
    assert described["vacancy_rate"][1:4] == ("AHP vacancy rate", "%", "Lower is better")
    raw = tmp_path / "workforce.xlsx"
    assert cli.main(["--db", store_url, "export", "workforce", "-o", str(raw)]) == 0
    columns = {r[0]: r for r in list(openpyxl.load_workbook(raw)["Columns"].values)[1:]}
    assert "blank when not reported" in columns["vacancy_fte"][4]


def test_a_formula_named_custom_indicator_is_inert_in_the_summary_export(store: Store) -> None:
    """A custom indicator is named by the file: its summary column is the name in snake_case,
    and the name itself, kept in the Columns sheet, is written inert like any text cell; a
    header named like a formula (any table's) starts with ' in CSV and XLSX."""
    hostile = "=cmd|' /C calc'!A0"
    result, content = make_file(
        workforce=workforce_rows("RJ1", "2024-03"),
        indicators=indicator_rows("RJ1", "2023/24", {hostile: 5.0}),
    )
    store.ingest(result, content, "alice")

    summary = export_table(store, "summary", Selection(window="2023/24"))
    assert "cmd_c_calc_a0" in summary.columns and hostile not in summary.columns
    columns = columns_sheet("summary", summary.columns, store.indicator_catalogue())
    book = openpyxl.load_workbook(
        io.BytesIO(write_export(summary, "xlsx", columns=columns)), read_only=True
    )
    labels = [row[1] for row in book["Columns"].iter_rows(values_only=True)]
    assert "'" + hostile in labels and hostile not in labels

    renamed = summary.rename(columns={"cmd_c_calc_a0": hostile})
    header = read_csv_cells(write_export(renamed, "csv"))[0]
    assert "'" + hostile in header and hostile not in header
    sheet = openpyxl.load_workbook(io.BytesIO(write_export(renamed, "xlsx"))).active
    titles = [c.value for c in next(sheet.iter_rows(max_row=1))]
    assert "'" + hostile in titles and hostile not in titles


# -- exports stream -------------------------------------------------------------------------------

HOSTILE_ORGS = [
    {"org_code": "ZZ1", "org_name": '=HYPERLINK("http://x","y")', "region": "London"},
    {"org_code": "ZZ2", "org_name": 'Trust, "quoted"\nand broken', "region": "-London"},
]


def _hostile_store(store: Store) -> None:
    leadership = leadership_rows("ZZ1", posts=3) + leadership_rows("ZZ2", "2024-02", posts=2)
    for post, title in zip(leadership, ["@Head", "+Lead", "-x", "a, b", None], strict=True):
        post["job_title"] = title
    result, content = make_file(
        workforce=workforce_rows("ZZ1", "2024-01") + workforce_rows("ZZ2", "2023/24", fte=0.1),
        leadership=leadership,
        indicators=indicator_rows("ZZ1", values={"surplus_deficit_pct": -2.5, "=bad": 1e-05}),
        organisations=HOSTILE_ORGS,
    )
    assert store.ingest(result, content, "alice").status == "accepted"


@pytest.mark.parametrize("table", STREAMED)
def test_a_streamed_export_is_the_frame_export_byte_for_byte(store: Store, table: str) -> None:
    """From the database cursor a few rows at a time, the same bytes as the rows read whole:
    formula-looking text escaped, quotes and commas quoted, negative numbers kept."""
    _hostile_store(store)
    for selection in (Selection(region="London"), Selection(orgs=["ZZ2"]), Selection()):
        buffer = io.BytesIO()
        n = write_table(store, table, selection, "csv", buffer, chunk_rows=2)
        expected = to_csv_bytes(export_table(store, table, selection))
        assert buffer.getvalue() == expected and n == len(read_csv_cells(expected)) - 1
    cells = read_csv_cells(buffer.getvalue())
    assert len(cells) > 1
    book = io.BytesIO()
    write_table(store, table, None, "xlsx", book, chunk_rows=2)
    sheets = openpyxl.load_workbook(book)
    expected = openpyxl.load_workbook(io.BytesIO(write_export(export_table(store, table), "xlsx")))
    assert list(sheets["Data"].values) == list(expected["Data"].values)
    assert sheets.sheetnames == ["Data", "Columns"]


def test_the_command_line_export_reads_the_database_cursor_not_a_frame(
    store_url: str, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ahp_analytics import cli

    with open_store(store_url) as store:
        _hostile_store(store)
        expected = to_csv_bytes(export_table(store, "leadership"))

    def no_frames(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("a stored table was read whole into a frame")

    monkeypatch.setattr(Store, "read", no_frames)
    out = tmp_path / "leadership.csv"
    assert cli.main(["--db", store_url, "export", "leadership", "-o", str(out)]) == 0
    assert out.read_bytes() == expected


def test_a_failed_export_leaves_no_file_behind(store: Store, store_url: str, tmp_path, capsys):
    from ahp_analytics import cli
    from ahp_analytics.present import export

    _hostile_store(store)
    folder = tmp_path / "exports"
    folder.mkdir()
    out = folder / "workforce.xlsx"
    out.write_bytes(b"an earlier file")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(export, "XLSX_MAX_ROWS", 5)
        assert cli.main(["--db", store_url, "export", "workforce", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "More rows than an Excel sheet holds (4); export as CSV instead." in err
    assert out.read_bytes() == b"an earlier file"
    assert [p.name for p in folder.iterdir()] == ["workforce.xlsx"]  # no temporary file left


def test_the_memory_an_export_takes_does_not_grow_with_the_table(tmp_path) -> None:
    """Four times the rows, about the same peak of allocated memory: only a chunk is held."""
    peaks = {}
    for n_orgs in (10, 40):
        with open_store(f"sqlite:///{tmp_path / f'{n_orgs}.db'}") as store:
            rows = big_workforce(n_orgs, 6)
            result = result_of(f"{n_orgs}.xlsx", {"workforce": rows}, str(n_orgs).encode())
            assert store.ingest(result, str(n_orgs).encode(), "alice").status == "accepted"
            with open(tmp_path / "out.csv", "wb") as out:
                tracemalloc.start()
                n = write_table(store, "workforce", None, "csv", out, chunk_rows=5_000)
                peaks[n_orgs] = tracemalloc.get_traced_memory()[1]
                tracemalloc.stop()
            assert n == len(rows) and n > 10_000
    assert peaks[40] < 1.25 * peaks[10], peaks


def test_xlsx_shows_numbers_in_their_formats_and_keeps_full_precision() -> None:
    """A summary's numbers keep every digit in both files; the XLSX shows each in its display
    format, true and false are booleans, the header is frozen with an autofilter, and the
    Columns sheet says what each column is."""
    df = pd.DataFrame(
        {
            "org_code": ["RJ1", "RGT"],
            "leadership_fte_per_100_ahp_fte": [6.160597253091697, 1.5],
            "vacancy_rate": [8.456789, 12.0],
            "ahp_fte": [1234.5678, 88.0],
            "leadership_posts": [3.0, 12.0],
            "ae_4hr": [72.41234, 65.0],
            "custom_score": [0.123456, 7.0],
            "custom_count": [3.0, 7.0],
            "higher_is_better": [False, None],
        }
    )
    columns = columns_sheet("summary", df.columns).assign(
        unit=lambda c: np.where(c["column"] == "ae_4hr", "%", c["unit"])
    )
    csv_rows = read_csv_cells(to_csv_bytes(df))
    assert csv_rows[1][1] == "6.160597253091697" and csv_rows[1][3] == "1234.5678"

    book = openpyxl.load_workbook(io.BytesIO(write_export(df, "xlsx", columns=columns)))
    sheet = book["Data"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:I3"
    row = {sheet.cell(1, j).value: sheet.cell(2, j) for j in range(1, len(df.columns) + 1)}
    assert row["leadership_fte_per_100_ahp_fte"].value == pytest.approx(6.160597253091697)
    formats = {name: cell.number_format for name, cell in row.items()}
    assert formats["leadership_fte_per_100_ahp_fte"] == "#,##0.00"
    assert formats["vacancy_rate"] == "#,##0.0"
    assert formats["ahp_fte"] == "#,##0.0"
    assert formats["leadership_posts"] == "#,##0"
    assert formats["ae_4hr"] == "#,##0.0"  # the indicator's unit, from the Columns sheet
    assert formats["custom_score"] == "#,##0.00"  # unknown: two decimals...
    assert formats["custom_count"] == "#,##0"  # ...or whole
    flag = row["higher_is_better"]
    assert flag.data_type == "b" and flag.value is False
    assert sheet.cell(3, 9).value is None
    assert "Columns" in book.sheetnames
