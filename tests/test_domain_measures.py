"""The registry of measures: every summary column defined once, with what a page needs."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from ahp_analytics.analysis import gaps, measures
from ahp_analytics.domain import measures as registry
from ahp_analytics.domain import reference
from ahp_analytics.domain.columns import columns_sheet


def test_every_summary_column_has_a_label_and_a_one_sentence_definition():
    for column in measures.SUMMARY_COLUMNS:
        entry = registry.MEASURES.get(column) or registry.FIELDS.get(column)
        assert entry is not None, column
        assert entry.label and entry.definition.endswith("."), column
        # one sentence: no full stop before the last character but in "e.g."/"i.e."
        assert ". " not in entry.definition.replace("e.g. ", ""), column


def test_measures_are_well_formed():
    for m in registry.MEASURES.values():
        assert m.higher_is_better in (True, False, None), m.code
        assert m.direction in ("Higher is better", "Lower is better", "No direction")
        if m.numerator is not None:
            assert m.denominator is not None, m.code
        if m.numerator in registry.MEASURES:  # a ratio of two columns: both are measures
            assert m.denominator in registry.MEASURES, m.code
    assert set(registry.COMPARABLE) <= set(measures.SUMMARY_COLUMNS)
    assert set(registry.LEADERSHIP_MEASURES) <= set(measures.LEADERSHIP_COLUMNS)
    assert registry.measure("vacancy_rate").numerator == "vacancy_fte"
    assert registry.measure("vacancy_rate").denominator == "established_fte"


def test_one_wording_for_the_leadership_arrangement():
    assert registry.measure("leadership_category").label == "Leadership arrangement"
    assert registry.CATEGORIES[4] == "E. No AHP leadership posts"
    assert registry.NOT_RETURNED not in registry.CATEGORIES


def test_every_gap_rule_value_is_a_registry_measure_or_an_indicator():
    # the measures the rules report, and they take their directions from here
    codes = {
        "leadership_level",
        "leadership_fte_per_100_ahp_fte",
        "large_profession_lead_coverage",
        "vacancy_rate",
        "senior_band_share",
    }
    assert codes <= set(registry.MEASURES)
    assert "measure" in gaps.CHECK_COLUMNS and "measure_label" in gaps.CHECK_COLUMNS
    # a gap rule's own quantity has its own label, never the summary's
    assert (
        registry.measure("large_profession_lead_coverage").label
        != registry.measure("professional_lead_coverage").label
    )


@pytest.mark.parametrize(
    ("value", "unit", "fmt", "text"),
    [
        (12.345, "%", None, "12.3%"),
        (20, "FTE", "%.1f", "20.0 FTE"),
        (1.16, "FTE per 100 AHP FTE", "%.2f", "1.16"),
        (4300, "GBP", None, "£4,300"),
        (4, "level", "%d", "4"),
        (0.9876, "ratio", None, "0.99"),
        (np.nan, "%", None, "–"),
        (None, None, None, "–"),
        (pd.NA, "level", "%d", "–"),
        (-0.01, "%", None, "0.0%"),
        ("A. AHP executive on the board", None, "", "A. AHP executive on the board"),
    ],
)
def test_format_value(value, unit, fmt, text):
    assert registry.format_value(value, unit, fmt) == text


def test_titles_add_the_unit_once():
    assert registry.measure("vacancy_rate").title == "AHP vacancy rate (%)"
    assert registry.measure("leadership_fte_per_100_ahp_fte").title == (
        "Leadership FTE per 100 AHP FTE"
    )
    assert registry.titled("Holdout score", float("nan")) == "Holdout score"


def test_indicator_columns_are_snake_case():
    assert registry.indicator_column("Holdout score") == "holdout_score"
    assert registry.indicator_column("staff_engagement") == "staff_engagement"
    assert registry.indicator_column(" % ... ") == "indicator"
    assert registry.indicator_columns(["A b", "a-b", "a_b"]) == {
        "A b": "a_b",
        "a-b": "a_b_2",
        "a_b": "a_b_3",
    }


def test_columns_sheet_labels_and_defines_every_column():
    catalogue = pd.concat(
        [
            reference.indicator_catalogue(),
            pd.DataFrame(
                [
                    {
                        "code": "Holdout score",
                        "name": "Holdout score",
                        "domain": None,
                        "unit": None,
                        "higher_is_better": None,
                        "description": None,
                    }
                ]
            ),
        ],
        ignore_index=True,
    )
    columns = [
        *measures.SUMMARY_COLUMNS,
        "turnover",
        "turnover__period",
        "holdout_score",
        "holdout_score__period",
    ]
    sheet = columns_sheet(columns, catalogue).set_index("column")
    assert list(sheet.index) == columns
    assert sheet["label"].notna().all() and (sheet["definition"].str.len() > 0).all()
    assert sheet.loc["vacancy_rate", "label"] == "AHP vacancy rate"
    assert sheet.loc["vacancy_rate", "direction"] == "Lower is better"
    assert "blank vacancy figure is left out" in sheet.loc["vacancy_rate", "definition"]
    assert sheet.loc["turnover", "label"] == "Staff turnover rate"
    assert sheet.loc["turnover", "unit"] == "%"
    # the custom indicator keeps the name it was given
    assert sheet.loc["holdout_score", "label"] == "Holdout score"
    assert sheet.loc["holdout_score", "direction"] == "No direction"
    assert "Custom indicator, named 'Holdout score'" in sheet.loc["holdout_score", "definition"]
    assert sheet.loc["holdout_score__period", "label"] == "Holdout score: period"
    # in a workforce table, vacancy_fte is a row's figure, not the summary's sum
    raw = columns_sheet(["vacancy_fte"], measures_first=False)
    summed = columns_sheet(["vacancy_fte"])
    assert raw["definition"].iloc[0] != summed["definition"].iloc[0]


def test_column_label_reads_inside_a_sentence():
    assert registry.column_label("leadership_category") == "leadership arrangement"
    assert registry.column_label("trust_type") == "trust type"
    assert registry.column_label("ahp_fte") == "AHP FTE"  # an acronym keeps its capitals
    assert registry.column_label("no_such_code") == "no such code"


def test_docs_give_every_measure_its_definition_from_the_registry():
    """docs/measures.md is the registry written out; regenerate it with
    ``python -m ahp_analytics.domain.measures > docs/measures.md``."""
    from pathlib import Path

    doc = Path(__file__).resolve().parents[1] / "docs" / "measures.md"
    assert doc.read_text(encoding="utf-8") == registry.measures_markdown()
    listed = [code for _, codes in registry.SECTIONS for code in codes]
    assert sorted(listed) == sorted(registry.MEASURES)  # each measure once
    for m in registry.MEASURES.values():
        assert f"| `{m.code}` | {m.label} |" in doc.read_text(encoding="utf-8")
