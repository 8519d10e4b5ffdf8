"""Checks on the reference files shipped in data/: indicators.csv and organisations.csv."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
PUBLIC_DATA = REPO.parent / "shared" / "public-data"
BUILD_SCRIPT = REPO / "scripts" / "build_organisations.py"

INDICATOR_COLUMNS = ["code", "name", "domain", "unit", "higher_is_better", "description"]
NEY = "North East and Yorkshire"
ORGANISATION_COLUMNS = ["org_code", "org_name", "region", "icb", "trust_type"]
REGIONS = {
    "East of England",
    "London",
    "Midlands",
    NEY,
    "North West",
    "South East",
    "South West",
}
TRUST_TYPES = {"Acute", "Acute specialist", "Mental health", "Community", "Ambulance"}

REQUIRED_INDICATORS = {
    # code: (unit, higher_is_better)
    "cqc_overall": ("rating", "true"),
    "cqc_well_led": ("rating", "true"),
    "shmi": ("ratio", "false"),
    "staff_engagement": ("score", "true"),
    "ahp_able_to_improve": ("%", "true"),
    "sickness_absence": ("%", "false"),
    "turnover": ("%", "false"),
    "stability": ("%", "true"),
    "vacancy_rate_trust": ("%", "false"),
    "fft_positive": ("%", "true"),
    "ae_4hr": ("%", "true"),
    "rtt_18wk": ("%", "true"),
    "length_of_stay": ("days", "false"),
    "cost_per_wau": ("GBP", "false"),
    "ahp_cost_per_1000_obd": ("GBP", ""),
    "contacts_per_ahp_fte": ("count", "true"),
}


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


@pytest.fixture(scope="module")
def indicators() -> list[dict[str, str]]:
    columns, rows = read_csv(DATA / "indicators.csv")
    assert columns == INDICATOR_COLUMNS
    return rows


@pytest.fixture(scope="module")
def organisations() -> list[dict[str, str]]:
    columns, rows = read_csv(DATA / "organisations.csv")
    assert columns == ORGANISATION_COLUMNS
    return rows


# --- indicators.csv ---------------------------------------------------------------------


def test_indicators_have_enough_rows(indicators):
    assert len(indicators) >= 15


def test_indicator_codes_are_unique_snake_case(indicators):
    codes = [row["code"] for row in indicators]
    assert len(codes) == len(set(codes))
    for code in codes:
        assert code == code.strip().lower() and code.replace("_", "").isalnum(), code
        assert code[0].isalpha(), code


def test_indicator_names_are_unique_and_not_codes(indicators):
    names = [row["name"].strip().casefold() for row in indicators]
    assert all(names)
    assert len(names) == len(set(names))
    codes = {row["code"].casefold() for row in indicators}
    assert not codes & set(names)


def test_required_indicators_present_with_unit_and_direction(indicators):
    by_code = {row["code"]: row for row in indicators}
    missing = set(REQUIRED_INDICATORS) - set(by_code)
    assert not missing
    for code, (unit, direction) in REQUIRED_INDICATORS.items():
        assert by_code[code]["unit"] == unit, code
        assert by_code[code]["higher_is_better"] == direction, code


def test_indicator_fields_valid(indicators):
    for row in indicators:
        assert row["higher_is_better"] in {"true", "false", ""}, row["code"]
        assert row["domain"].strip(), row["code"]
        assert row["unit"].strip() and len(row["unit"]) <= 10, row["code"]
        description = row["description"]
        assert description.strip() and "\n" not in description, row["code"]


def test_neutral_ahp_cost_is_explained(indicators):
    row = next(r for r in indicators if r["code"] == "ahp_cost_per_1000_obd")
    assert "neutral" in row["description"].lower()


# --- organisations.csv ------------------------------------------------------------------


def test_organisations_have_enough_rows(organisations):
    assert len(organisations) >= 200


def test_organisation_codes_are_unique_three_characters(organisations):
    codes = [row["org_code"] for row in organisations]
    assert len(codes) == len(set(codes))
    for code in codes:
        assert len(code) == 3 and code.isalnum() and code == code.upper(), code
    assert codes == sorted(codes)


def test_organisation_regions_and_types_valid(organisations):
    for row in organisations:
        assert row["region"] in REGIONS | {""}, row
        assert row["trust_type"] in TRUST_TYPES | {""}, row
        assert row["icb"] == "", row
        assert row["org_name"].strip() == row["org_name"] and row["org_name"], row


def test_most_organisations_have_a_region(organisations):
    with_region = sum(1 for row in organisations if row["region"])
    assert with_region / len(organisations) >= 0.9


def test_every_region_is_represented(organisations):
    assert {row["region"] for row in organisations} >= REGIONS


@pytest.mark.parametrize(
    ("code", "name", "region", "trust_type"),
    [
        ("RJ1", "Guy's and St Thomas' NHS Foundation Trust", "London", "Acute"),
        ("R0A", "Manchester University NHS Foundation Trust", "North West", ""),
        ("RRK", "University Hospitals Birmingham NHS Foundation Trust", "Midlands", "Acute"),
        ("RTD", "The Newcastle upon Tyne Hospitals NHS Foundation Trust", NEY, "Acute"),
        ("RGT", "Cambridge University Hospitals NHS Foundation Trust", "East of England", "Acute"),
        ("RTH", "Oxford University Hospitals NHS Foundation Trust", "South East", "Acute"),
        ("RA7", "University Hospitals Bristol NHS Foundation Trust", "South West", "Acute"),
        (
            "RP4",
            "Great Ormond Street Hospital for Children NHS Foundation Trust",
            "London",
            "Acute specialist",
        ),
        ("RRU", "London Ambulance Service NHS Trust", "London", "Ambulance"),
        ("TAF", "Camden and Islington NHS Foundation Trust", "London", "Mental health"),
        # Split local offices, decided by postcode area:
        (
            "RTX",
            "University Hospitals of Morecambe Bay NHS Foundation Trust",
            "North West",
            "Acute",
        ),
        ("RNL", "North Cumbria University Hospitals NHS Trust", NEY, "Acute"),
        ("RWE", "University Hospitals of Leicester NHS Trust", "Midlands", "Acute"),
        (
            "RD8",
            "Milton Keynes University Hospital NHS Foundation Trust",
            "East of England",
            "Acute",
        ),
    ],
)
def test_well_known_trusts(organisations, code, name, region, trust_type):
    by_code = {row["org_code"]: row for row in organisations}
    assert code in by_code
    row = by_code[code]
    assert (row["org_name"], row["region"], row["trust_type"]) == (name, region, trust_type)


def test_closed_and_welsh_trusts_excluded(organisations):
    codes = {row["org_code"] for row in organisations}
    # RW3 and RM2 merged into R0A in 2017; RT4 is the Welsh Ambulance Services NHS Trust.
    assert not codes & {"RW3", "RM2", "RR1", "RT4", "RQF", "RYT"}


# --- the build script -------------------------------------------------------------------


@pytest.mark.skipif(
    not PUBLIC_DATA.is_dir(),
    reason=f"public source data not found at {PUBLIC_DATA}; cannot rebuild organisations.csv",
)
def test_build_script_reproduces_committed_file(tmp_path):
    out = tmp_path / "organisations.csv"
    result = subprocess.run(
        [sys.executable, str(BUILD_SCRIPT), "--source", str(PUBLIC_DATA), "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "North West" in result.stdout and "Mental health" in result.stdout
    assert out.read_bytes() == (DATA / "organisations.csv").read_bytes()
