"""Every rule of the return format (sections 1 to 6), each with a file that breaks it and the
message it must give."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from ahp_analytics.ingest.validation import validate_bytes
from tests.workbooks import (
    INDICATORS_HEADER,
    LEADERSHIP_HEADER,
    WORKFORCE_HEADER,
    csv_bytes,
    filled_template,
    workforce_rows,
    xlsx,
)

PUBLIC = Path(__file__).resolve().parents[2] / "shared" / "public-data"


def check(data: bytes, name: str = "return.xlsx"):
    return validate_bytes(data, name)


def rules(messages) -> list[str]:
    return [m.rule for m in messages]


def only(messages, rule):
    found = [m for m in messages if m.rule == rule]
    assert found, f"no {rule!r} among {[(m.rule, m.message) for m in messages]}"
    return found[0]


def leadership_row(**kw) -> list:
    row = {
        "org": "RJ1",
        "period": "2024-03",
        "role": "Chief AHP",
        "title": "Chief Allied Health Professional",
        "profession": "Physiotherapist",
        "band": "Band 8d",
        "fte": 1.0,
        "strategic": 60,
        "board": "Voting board member",
        "reports": "Chief nurse",
    }
    row.update(kw)
    return list(row.values())


# -- Section 1: files accepted ------------------------------------------------------------------


def test_filled_template_validates_with_no_errors():
    data = filled_template(
        {
            "Workforce": workforce_rows(),
            "Leadership": [leadership_row()],
            "Indicators": [["RJ1", "2023/24", "cqc_overall", "Good", None, None]],
            "Organisations": [["RJ1", "Guy's and St Thomas'", "London", "", "Acute"]],
        }
    )
    result = check(data)
    assert result.errors == []
    assert result.rows == {"workforce": 3, "leadership": 1, "indicators": 1, "organisations": 1}
    wf = result.tables["workforce"]
    assert wf["fte"].tolist() == [10.5, 2.0, 8.0]
    assert wf["period"].iloc[0] == pd.Timestamp("2024-03-01")
    assert result.tables["indicators"]["value"].tolist() == [2.0]


def test_xlsm_is_read_like_xlsx():
    data = xlsx({"Workforce": [WORKFORCE_HEADER, *workforce_rows()]})
    result = check(data, "return.xlsm")
    assert result.ok and result.rows["workforce"] == 3


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig"])
def test_csv_utf8_with_or_without_bom(encoding):
    data = csv_bytes([WORKFORCE_HEADER, *workforce_rows()], encoding=encoding)
    result = check(data, "workforce.csv")
    assert result.ok and result.rows["workforce"] == 3
    assert "encoding" not in rules(result.warnings)


def test_csv_windows_1252_is_read_with_a_warning():
    rows = [["Organisation code", "Organisation name"], ["RJ1", "Guy’s and St Thomas’ – Acute"]]
    result = check(csv_bytes(rows, encoding="cp1252"), "orgs.csv")
    assert result.ok
    assert result.tables["organisations"]["org_name"][0] == "Guy’s and St Thomas’ – Acute"
    assert "Windows-1252" in only(result.warnings, "encoding").message


@pytest.mark.parametrize(
    ("data", "name", "words"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "old.xls", "save it as"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "old.xlsx", ".xls"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
            + b"\x00" * 100
            + "EncryptionInfo".encode("utf-16-le")
            + b"\x00" * 500,
            "locked.xlsx",
            "remove the password",
        ),
        (b"Organisation code,Period\nRJ1,2024-03\n", "renamed.xlsx", "not an Excel workbook"),
        (b"", "empty.xlsx", "empty"),
        (b"PK\x03\x04" + b"\x00" * 50, "truncated.xlsx", "damaged or incomplete"),
        (b"%PDF-1.4 \x00\x01\x02", "report.pdf", "not accepted"),
    ],
)
def test_unreadable_files_get_one_clear_sentence(data, name, words):
    result = check(data, name)
    assert not result.ok
    [error] = result.errors
    assert error.rule == "unreadable_file"
    assert words in error.message
    assert "Traceback" not in error.message


def test_truncated_real_workbook_is_refused():
    data = xlsx({"Workforce": [WORKFORCE_HEADER, *workforce_rows()]})
    result = check(data[: len(data) // 2])
    assert only(result.errors, "unreadable_file").message.startswith("The workbook is damaged")


def test_zip_without_workbook_parts_is_refused():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("notes.txt", "hello")
    result = check(buf.getvalue())
    assert "not an Excel workbook" in only(result.errors, "unreadable_file").message


def test_unknown_sheets_are_ignored_with_a_warning():
    data = xlsx(
        {"Notes": [["Read me"], ["Anything"]], "Workforce": [WORKFORCE_HEADER, *workforce_rows()]}
    )
    result = check(data)
    assert result.ok
    warning = only(result.warnings, "unknown_sheet")
    assert warning.sheet == "Notes"


def test_sheet_recognised_by_name_ignoring_case_and_punctuation():
    result = check(xlsx({" work-FORCE ": [WORKFORCE_HEADER, *workforce_rows()]}))
    assert result.ok and result.rows == {"workforce": 3}


def test_sheet_recognised_by_its_header_when_the_name_says_nothing():
    result = check(xlsx({"Sheet1": [WORKFORCE_HEADER, *workforce_rows()]}))
    assert result.ok and result.rows == {"workforce": 3}


def test_header_found_below_titles_and_rows_numbered_as_excel_does():
    rows = [
        ["AHP workforce return"],
        ["Trust: RJ1"],
        [],
        WORKFORCE_HEADER,
        *workforce_rows(),
        ["RJ1", "2024-03", "Podiatrist", "Band 5", "lots", None, None],
    ]
    result = check(xlsx({"Workforce": rows}))
    error = only(result.errors, "not_a_number")
    assert (error.sheet, error.row, error.column, error.value) == ("Workforce", 8, "FTE", "lots")


def test_header_beyond_row_30_is_not_found():
    rows = [[f"note {i}"] for i in range(30)] + [WORKFORCE_HEADER, *workforce_rows()]
    result = check(xlsx({"Workforce": rows}))
    assert only(result.errors, "missing_columns")


def test_headers_matched_through_aliases_and_unknown_columns_warned():
    header = ["ODS code", "Month", "AHP profession", "Pay band", "WTE", "HC", "Vacant FTE", "Site"]
    rows = [header, ["rj1 ", "Mar-24", "Physios", "6", 3, 3, 0, "Main"]]
    result = check(xlsx({"Data": rows}))
    assert result.ok, result.errors
    row = result.tables["workforce"].iloc[0]
    assert (row["org_code"], row["profession"], row["band"]) == ("RJ1", "Physiotherapist", "Band 6")
    assert "'Site'" in only(result.warnings, "unknown_column").message


# -- Section 2: tables ------------------------------------------------------------------------


def test_return_details_supply_organisation_and_period():
    data = xlsx(
        {
            "Return details": [
                ["Field", "Value"],
                ["Organisation code", "TAF"],
                ["Period", "Mar-24"],
            ],
            "Workforce": [
                ["Profession", "AfC band", "FTE"],
                ["OT", "Band 5", 4],
                ["SLT", "8A", 1.5],
            ],
        }
    )
    result = check(data)
    assert result.ok, result.errors
    wf = result.tables["workforce"]
    assert set(wf["org_code"]) == {"TAF"}
    assert set(wf["period"]) == {pd.Timestamp("2024-03-01")}
    assert wf["profession"].tolist() == ["Occupational therapist", "Speech and language therapist"]
    assert wf["band"].tolist() == ["Band 5", "Band 8a"]


def test_leadership_role_inferred_from_title_with_a_warning():
    rows = [
        LEADERSHIP_HEADER,
        leadership_row(role=None, title="Director of Allied Health Professions"),
        leadership_row(role=None, title="Head of Podiatry", board="No board role"),
    ]
    result = check(xlsx({"Leadership": rows}))
    assert result.ok, result.errors
    assert result.tables["leadership"]["role"].tolist() == ["Director of AHPs", "Professional lead"]
    assert only(result.warnings, "role_inferred").count == 2


def test_leadership_role_that_cannot_be_inferred_is_an_error():
    rows = [LEADERSHIP_HEADER, leadership_row(role=None, title="Band 7 clinician")]
    error = only(check(xlsx({"Leadership": rows})).errors, "role_not_inferred")
    assert error.row == 2 and error.value == "Band 7 clinician"


def test_leadership_fte_defaults_to_one_and_must_be_in_range():
    ok = check(xlsx({"Leadership": [LEADERSHIP_HEADER, leadership_row(fte=None)]}))
    assert ok.tables["leadership"]["fte"].tolist() == [1.0]
    bad = check(xlsx({"Leadership": [LEADERSHIP_HEADER, leadership_row(fte=2)]}))
    assert "outside 0 to 1.5" in only(bad.errors, "fte_range").message
    zero = check(xlsx({"Leadership": [LEADERSHIP_HEADER, leadership_row(fte=0)]}))
    assert only(zero.errors, "fte_range").value == "0"


def test_board_role_is_required_and_checked():
    missing = check(xlsx({"Leadership": [LEADERSHIP_HEADER, leadership_row(board=None)]}))
    assert only(missing.errors, "required_value").column == "Board role"
    unknown = check(xlsx({"Leadership": [LEADERSHIP_HEADER, leadership_row(board="Votin board")]}))
    error = only(unknown.errors, "unknown_board_role")
    assert "Did you mean 'Voting board member'?" in error.message


def nil_row(org="RJ1", period="2024-03", role="None", **kw) -> list:
    """The explicit nil return: Role None and every other column blank."""
    blank = dict.fromkeys(("title", "profession", "band", "fte", "strategic", "board", "reports"))
    return leadership_row(org=org, period=period, role=role, **(blank | kw))


@pytest.mark.parametrize("role", ["None", "No posts", "no AHP leadership posts", " NONE "])
def test_nil_return_row_and_its_aliases_are_accepted(role):
    result = check(xlsx({"Leadership": [LEADERSHIP_HEADER, nil_row(role=role)]}))
    assert result.ok, result.errors
    assert result.warnings == []
    row = result.tables["leadership"].iloc[0]
    assert row["role"] == "None"
    # no board role is required of it, and its FTE is not defaulted to 1.0: it is not a post
    assert row["board_role"] is None and pd.isna(row["fte"])


def test_nil_row_beside_posts_of_the_same_organisation_and_period_is_an_error():
    rows = [
        LEADERSHIP_HEADER,
        leadership_row(),
        nil_row(),
        nil_row(org="RJ2"),  # another organisation: fine
        nil_row(period="2023-03"),  # another period: fine
    ]
    result = check(xlsx({"Leadership": rows}))
    error = only(result.errors, "nil_beside_posts")
    assert (error.row, error.count, error.column, error.value) == (3, 1, "Role", "None")
    assert "RJ1 / 2024-03-01" in error.message
    assert rules(result.errors) == ["nil_beside_posts"]
    alone = check(xlsx({"Leadership": [LEADERSHIP_HEADER, nil_row(), nil_row(org="RJ2")]}))
    assert alone.ok, alone.errors


def test_nil_row_beside_posts_on_another_sheet_is_an_error_too():
    result = check(
        xlsx(
            {
                "Leadership": [LEADERSHIP_HEADER, leadership_row()],
                "AHP leadership": [LEADERSHIP_HEADER, nil_row()],
            }
        )
    )
    error = only(result.errors, "nil_beside_posts")
    assert (error.sheet, error.row) == ("AHP leadership", 2)


def test_nil_row_with_other_columns_filled_keeps_only_the_nil():
    rows = [LEADERSHIP_HEADER, nil_row(board="No board role", title="None")]
    result = check(xlsx({"Leadership": rows}))
    assert result.ok, result.errors
    assert only(result.warnings, "nil_row_details").row == 2
    row = result.tables["leadership"].iloc[0]
    assert row["board_role"] is None and row["job_title"] is None


def test_professional_lead_without_a_profession_is_a_warning():
    rows = [
        LEADERSHIP_HEADER,
        leadership_row(role="Professional lead", profession=None, board="No board role"),
        leadership_row(role="Professional lead", board="No board role"),
        leadership_row(role="Lead AHP", profession=None),
    ]
    result = check(xlsx({"Leadership": rows}))
    assert result.ok, result.errors
    warning = only(result.warnings, "lead_without_profession")
    assert (warning.row, warning.count, warning.column) == (2, 1, "Profession")
    assert "does not count towards professional lead coverage" in warning.message


def test_indicators_long_form_with_names_codes_words_and_percent():
    rows = [
        INDICATORS_HEADER,
        ["RJ1", "2023/24", "CQC overall rating", "Requires improvement", None, None],
        ["RJ1", "2023/24", "fft_positive", "93%", None, None],
        ["RJ1", "2023/24", "Patient contacts per AHP FTE", "1,234.5", None, None],
        ["RJ1", "2023/24", "Local falls measure", 3, None, None],
    ]
    result = check(xlsx({"Indicators": rows}))
    assert result.ok, result.errors
    df = result.tables["indicators"]
    assert df["indicator"].tolist() == [
        "cqc_overall",
        "fft_positive",
        "contacts_per_ahp_fte",
        "Local falls measure",
    ]
    assert df["value"].tolist() == [1.0, 93.0, 1234.5, 3.0]
    assert only(result.warnings, "custom_indicator").value == "Local falls measure"


def test_indicators_wide_form_and_fractions_turned_into_percent():
    rows = [
        ["Organisation code", "Period", "Turnover", "SHMI"],
        ["RJ1", "2023/24", 0.12, 1.01],
        ["RJ2", "2023/24", 0.08, 0.97],
    ]
    result = check(xlsx({"Indicators": rows}))
    assert result.ok, result.errors
    df = result.tables["indicators"].sort_values(["indicator", "org_code"])
    assert df["indicator"].tolist() == ["shmi", "shmi", "turnover", "turnover"]
    assert df["value"].round(6).tolist() == [1.01, 0.97, 12.0, 8.0]
    warning = only(result.warnings, "fraction_to_percent")
    assert "turnover" in warning.message


def test_organisations_sheet_adds_codes_so_no_unknown_code_warning():
    data = xlsx(
        {
            "Organisations": [
                ["Organisation code", "Organisation name", "Region"],
                ["ZZ9", "New Trust", "London"],
            ],
            "Workforce": [WORKFORCE_HEADER, *workforce_rows(org="ZZ9")],
        }
    )
    result = check(data)
    assert result.ok
    assert "unknown_organisation" not in rules(result.warnings)
    alone = check(xlsx({"Workforce": [WORKFORCE_HEADER, *workforce_rows(org="ZZ9")]}))
    assert "ZZ9" in only(alone.warnings, "unknown_organisation").message


def test_organisations_sheet_differing_from_the_reference_list_is_a_warning():
    header = ["Organisation code", "Organisation name", "Region", "ICB", "Trust type"]
    guys = "Guy's and St Thomas' NHS Foundation Trust"
    data = xlsx(
        {
            "Organisations": [
                header,
                ["RJ1", "HACKED NAME", "London", "", "Ambulance"],
                # Case and spacing only, a value the list leaves blank, and a new code: no word.
                ["RGT", "cambridge university  hospitals NHS foundation trust", "", "An ICB", ""],
                ["ZZ9", "New Trust", "London", "", "Acute"],
            ]
        }
    )
    result = check(data)
    assert result.ok
    found = [m for m in result.warnings if m.rule == "reference_organisation"]
    assert [(m.column, m.row, m.value) for m in found] == [
        ("Organisation name", 2, "HACKED NAME"),
        ("Trust type", 2, "Ambulance"),
    ]
    assert found[0].message == (
        f"RJ1 is on the reference list of NHS trusts with the Organisation name '{guys}'; this "
        "file gives 'HACKED NAME'. The reference value is kept."
    )
    assert "'Acute'" in found[1].message and "'Ambulance'" in found[1].message
    assert found[0].cells() == [
        {
            "severity": "warning",
            "file": "return.xlsx",
            "sheet": "Organisations",
            "column": "Organisation name",
            "rule": "reference_organisation",
            "message": found[0].message,
            "fix": found[0].fix,
            "row": 2,
            "value": f"RJ1 'HACKED NAME' (reference list: '{guys}')",
        }
    ]


def test_many_differing_reference_organisations_make_one_warning_per_column():
    codes = ["RJ1", "RGT", "RTH", "RJ7", "RRK", "RXH", "RYJ"]
    data = xlsx(
        {
            "Organisations": [
                ["Organisation code", "Organisation name"],
                *[[code, f"Renamed {code}"] for code in codes],
            ]
        }
    )
    result = check(data)
    (warning,) = [m for m in result.warnings if m.rule == "reference_organisation"]
    assert warning.column == "Organisation name" and warning.count == 7
    assert warning.rows == list(range(2, 9))
    assert warning.message.startswith(
        "7 organisations on the reference list of NHS trusts are given another Organisation "
        "name: RJ1 'Renamed RJ1' (reference list: 'Guy's and St Thomas' NHS Foundation Trust')"
    )
    assert warning.message.endswith(" and 2 more. The reference values are kept.")
    assert [c["value"].split(" ")[0] for c in warning.cells()] == codes


# -- Section 3 and 4: aliases and periods -----------------------------------------------------


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("Physiotherapy", "Physiotherapist"),
        ("Chiropodist/Podiatrist", "Podiatrist"),
        ("Drama therapist", "Dramatherapist"),
        ("OT", "Occupational therapist"),
        ("SALT", "Speech and language therapist"),
        ("ODP", "Operating department practitioner"),
        ("Radiographer - diagnostic", "Diagnostic radiographer"),
        ("Paramedics", "Paramedic"),
    ],
)
def test_profession_aliases(written, canonical):
    rows = [WORKFORCE_HEADER, ["RJ1", "2024-03", written, "Band 6", 1, 1, 0]]
    result = check(xlsx({"Workforce": rows}))
    assert result.tables["workforce"]["profession"].tolist() == [canonical]


@pytest.mark.parametrize(
    ("written", "canonical"),
    [("8A", "Band 8a"), ("8a", "Band 8a"), ("Band 8A", "Band 8a"), ("6", "Band 6"), (6.0, "Band 6"),
     ("B6", "Band 6"), ("Very senior manager", "VSM")],
)  # fmt: skip
def test_band_aliases(written, canonical):
    rows = [WORKFORCE_HEADER, ["RJ1", "2024-03", "Dietitian", written, 1, 1, 0]]
    result = check(xlsx({"Workforce": rows}))
    assert result.tables["workforce"]["band"].tolist() == [canonical]


@pytest.mark.parametrize(
    ("written", "start", "kind"),
    [
        (dt.datetime(2024, 3, 15), "2024-03-01", "month"),
        ("2024-03", "2024-03-01", "month"),
        ("2024-03-31", "2024-03-01", "month"),
        ("Mar-24", "2024-03-01", "month"),
        ("March 2024", "2024-03-01", "month"),
        ("2024-MAR", "2024-03-01", "month"),
        ("2023/24", "2023-04-01", "financial_year"),
        ("2023-24", "2023-04-01", "financial_year"),
        ("2023/24 Q4", "2024-01-01", "quarter"),
        ("2024", "2024-01-01", "year"),
    ],
)
def test_period_forms(written, start, kind):
    rows = [INDICATORS_HEADER, ["RJ1", written, "shmi", 1.0, None, None]]
    result = check(xlsx({"Indicators": rows}))
    assert result.ok, result.errors
    df = result.tables["indicators"]
    assert (df["period"][0], df["period_type"][0]) == (pd.Timestamp(start), kind)


def test_unparseable_period_is_an_error_naming_the_value():
    rows = [WORKFORCE_HEADER, ["RJ1", "Spring 2024", "Dietitian", "Band 5", 1, 1, 0]]
    error = only(check(xlsx({"Workforce": rows})).errors, "period")
    assert (error.row, error.column, error.value) == (2, "Period", "Spring 2024")
    assert "2023/24" in error.fix


def test_period_more_than_a_year_ahead_is_an_error_and_within_a_year_is_not():
    soon = (dt.date.today() + dt.timedelta(days=300)).strftime("%Y-%m")
    rows = [
        WORKFORCE_HEADER,
        ["RJ1", "2024-03", "Dietitian", "Band 5", 1, 1, 0],
        ["RJ1", "2099-12", "Dietitian", "Band 5", 1, 1, 0],
        ["RJ1", soon, "Dietitian", "Band 5", 1, 1, 0],
    ]
    result = check(xlsx({"Workforce": rows}))
    error = only(result.errors, "future_period")
    assert (error.sheet, error.row, error.column, error.value) == (
        "Workforce",
        3,
        "Period",
        "2099-12",
    )
    assert error.count == 1 and "more than a year" in error.message and error.fix
    details = xlsx(
        {
            "Return details": [["Organisation code", "RJ1"], ["Period", "2099/00"]],
            "Workforce": [WORKFORCE_HEADER[:1] + WORKFORCE_HEADER[2:], ["RJ1", "OT", "5", 1, 1, 0]],
        }
    )
    assert only(check(details).errors, "future_period").value == "2099/00"


# -- Section 5: values ------------------------------------------------------------------------


def test_numbers_as_text_and_missing_markers():
    rows = [
        WORKFORCE_HEADER,
        ["RJ1", "2024-03", "Dietitian", "Band 5", " 3.5 ", "-", "n/a"],
        ["RJ1", "2024-03", "Dietitian", "Band 6", "1,234.5", "..", "*"],
    ]
    result = check(xlsx({"Workforce": rows}))
    assert result.ok, result.errors
    wf = result.tables["workforce"]
    assert wf["fte"].tolist() == [3.5, 1234.5]
    assert wf["headcount"].isna().all() and wf["vacancy_fte"].isna().all()


def test_blank_rows_skipped_and_totals_rows_skipped_with_a_warning():
    rows = [
        WORKFORCE_HEADER,
        *workforce_rows(),
        [None] * 7,
        ["Total", None, None, None, 20.5, 22, 3.5],
        ["RJ1", "2024-03", "All professions", None, 20.5, 22, 3.5],
    ]
    result = check(xlsx({"Workforce": rows}))
    assert result.ok, result.errors
    assert result.rows["workforce"] == 3
    warning = only(result.warnings, "totals_row")
    assert warning.count == 2 and warning.rows == [6, 7]


def test_formula_without_saved_value_is_an_error():
    rows = [WORKFORCE_HEADER, ["RJ1", "2024-03", "Dietitian", "Band 5", "=2+2", 1, 0]]
    error = only(check(xlsx({"Workforce": rows})).errors, "formula_without_value")
    assert error.row == 2 and error.column == "FTE"


def test_text_is_stored_as_text_never_evaluated():
    title = '=HYPERLINK("http://example.invalid","x")'
    rows = [LEADERSHIP_HEADER, leadership_row(title=title)]
    result = check(csv_bytes(rows), "leadership.csv")
    assert result.tables["leadership"]["job_title"].tolist() == [title]


# -- Section 6: errors and warnings ---------------------------------------------------------


def test_no_recognised_table():
    result = check(xlsx({"Sheet1": [["a", "b"], [1, 2]]}))
    assert only(result.errors, "no_table").message.startswith("No recognised table")


def test_required_column_missing_names_what_was_found():
    rows = [["Organisation code", "Period", "Profession", "FTE"], ["RJ1", "2024-03", "OT", 1]]
    error = only(check(xlsx({"Workforce": rows})).errors, "missing_columns")
    assert "lacks the required column AfC band" in error.message
    assert "Organisation code" in error.message


@pytest.mark.parametrize(
    ("column", "value", "rule", "hint"),
    [
        ("Profession", "Physiotherapits", "unknown_profession", "Physiotherapist"),
        ("AfC band", "Band 10", "unknown_band", None),
    ],
)
def test_unknown_values_name_the_nearest(column, value, rule, hint):
    row = ["RJ1", "2024-03", "Dietitian", "Band 5", 1, 1, 0]
    row[WORKFORCE_HEADER.index(column)] = value
    error = only(check(xlsx({"Workforce": [WORKFORCE_HEADER, row]})).errors, rule)
    assert error.value == value and error.column == column
    if hint:
        assert f"Did you mean '{hint}'?" in error.message


def test_unknown_role_is_an_error():
    rows = [LEADERSHIP_HEADER, leadership_row(role="Chief Nurse")]
    assert only(check(xlsx({"Leadership": rows})).errors, "unknown_role").value == "Chief Nurse"


def test_negative_and_non_numeric_numbers():
    rows = [
        WORKFORCE_HEADER,
        ["RJ1", "2024-03", "Dietitian", "Band 5", -1, 1, 0],
        ["RJ1", "2024-03", "Dietitian", "Band 6", "abc", 1, 0],
        ["RJ1", "2024-03", "Dietitian", "Band 7", 1, 1.5, 0],
    ]
    result = check(xlsx({"Workforce": rows}))
    assert only(result.errors, "negative").row == 2
    assert only(result.errors, "not_a_number").row == 3
    assert only(result.errors, "not_whole").column == "Headcount"


def test_duplicate_keys_are_an_error_with_all_rows():
    rows = [WORKFORCE_HEADER, *workforce_rows(), workforce_rows()[0]]
    error = only(check(xlsx({"Workforce": rows})).errors, "duplicate_key")
    assert error.count == 2 and error.rows == [2, 5]


def test_fte_above_headcount_is_a_warning():
    rows = [WORKFORCE_HEADER, ["RJ1", "2024-03", "Dietitian", "Band 5", 3, 2, 0]]
    result = check(xlsx({"Workforce": rows}))
    assert result.ok
    assert only(result.warnings, "fte_above_headcount").row == 2


def test_many_identical_errors_are_summarised():
    rows = [WORKFORCE_HEADER] + [
        ["RJ1", "2024-03", "Plumber", f"Band {1 + i % 9}", 1, 1, 0] for i in range(9)
    ]
    rows += [["RJ2", f"2024-{m:02d}", "Plumber", "Band 5", 1, 1, 0] for m in range(1, 12)]
    result = check(xlsx({"Workforce": rows}))
    [error] = [m for m in result.errors if m.rule == "unknown_profession"]
    assert error.count == 20
    assert error.rows[:3] == [2, 3, 4]
    assert len(error.cells()) == 20
    assert "rows 2, 3, 4, 5, 6 and 15 more" in error.where


def test_every_message_names_file_sheet_row_column_value_rule_and_fix():
    rows = [WORKFORCE_HEADER, ["RJ1", "2024-03", "Dietitian", "Band 5", "x", 1, 0]]
    error = only(check(xlsx({"Workforce": rows}), "mine.xlsx").errors, "not_a_number")
    assert error.file == "mine.xlsx"
    assert (error.sheet, error.row, error.column, error.value) == ("Workforce", 2, "FTE", "x")
    assert error.fix


def test_example_rows_are_ignored():
    result = check(filled_template({"Workforce": workforce_rows()}))
    assert result.rows == {"workforce": 3}
    assert "EXAMPLE" not in set(result.tables["workforce"]["org_code"])


def test_template_alone_has_no_data_rows():
    result = check(filled_template({}))
    assert "no data rows" in only(result.errors, "no_rows").message


# -- Real files as published ------------------------------------------------------------------

needs_public = pytest.mark.skipif(not PUBLIC.exists(), reason="shared/public-data not beside repo")


@needs_public
@pytest.mark.parametrize(("name", "code"), [("shmi.csv", "shmi"), ("stability.csv", "stability")])
def test_public_indicator_files_are_read_as_indicators(name, code):
    path = PUBLIC / "hospital_management" / name
    result = validate_bytes(path.read_bytes(), name)
    assert result.ok, result.errors
    df = result.tables["indicators"]
    assert set(df["indicator"]) == {code}
    assert set(df["period_type"]) == {"year"}
    assert len(df) == len(pd.read_csv(path).dropna())


@needs_public
def test_nhs_digital_workbook_is_refused_with_what_it_looked_like():
    [path] = (PUBLIC / "techforuk_my_eu").glob("*.xlsx")
    result = validate_bytes(path.read_bytes(), path.name)
    assert not result.ok
    [error] = result.errors
    assert error.sheet == "Data" and error.rule == "missing_columns"
    assert "looks like the Workforce table" in error.message
    assert "Profession, AfC band" in error.message
    assert "Staff group" in error.message
    assert only(result.warnings, "unknown_sheet").sheet == "Notes"


# -- Text from a file: control characters, trust types ----------------------------------------

PWNED = "\x1b]0;PWNED\x07\x1b[2J"  # retitles a terminal, then clears it


def test_control_characters_are_removed_from_stored_text_with_a_warning():
    organisations = [
        ["Organisation code", "Organisation name", "ICB", "Trust type"],
        ["ZZ1", f"Odd{PWNED} Trust", "North\r\nand\tEast ICB", "Acute"],
        ["ZZ2", "Plain Trust", "Some ICB", "Acute"],
    ]
    result = check(csv_bytes(organisations), "orgs.csv")
    assert result.ok
    df = result.tables["organisations"]
    assert df["org_name"].tolist() == ["Odd]0;PWNED[2J Trust", "Plain Trust"]
    assert df["icb"].tolist() == ["North and East ICB", "Some ICB"]
    found = [m for m in result.warnings if m.rule == "control_characters"]
    assert [(m.column, m.row) for m in found] == [("Organisation name", 2), ("ICB", 2)]
    assert found[0].value == "Odd\\x1b]0;PWNED\\x07\\x1b[2J Trust"  # shown escaped
    assert "stored without them" in found[0].message


def test_control_characters_in_a_custom_indicator_name_are_removed():
    rows = [INDICATORS_HEADER, ["RJ1", "2023/24", f"My{PWNED} score", 3, None, None]]
    result = check(csv_bytes(rows), "ind.csv")
    assert result.tables["indicators"]["indicator"].tolist() == ["My]0;PWNED[2J score"]
    assert "control_characters" in rules(result.warnings)


def test_unknown_trust_type_is_a_warning_and_known_ones_are_spelt_as_listed():
    organisations = [
        ["Organisation code", "Organisation name", "Trust type"],
        ["ZZ1", "A Trust", "Foundation"],
        ["ZZ2", "B Trust", "mental-health"],
        ["ZZ3", "C Trust", None],
    ]
    result = check(xlsx({"Organisations": organisations}))
    assert result.ok
    assert result.tables["organisations"]["trust_type"].tolist() == [
        "Foundation",
        "Mental health",
        None,
    ]
    warning = only(result.warnings, "unknown_trust_type")
    assert (warning.row, warning.column, warning.value, warning.count) == (
        2,
        "Trust type",
        "Foundation",
        1,
    )
    assert "Ambulance" in warning.fix
