"""The checks' rules in words, for people: ``unknown_sheet`` is "Sheet not recognised". The
codes stay as they are in JSON reports and the CSV list of cells, which programs read."""

from __future__ import annotations

RULE_LABELS = {
    # the file
    "unreadable_file": "File cannot be read",
    "encoding": "Text encoding",
    "no_table": "No table found",
    "no_rows": "No data rows",
    "empty_sheet": "Empty sheet",
    "ambiguous_table": "Sheet matches two tables",
    "missing_columns": "Required column missing",
    "unknown_sheet": "Sheet not recognised",
    "unknown_column": "Column not recognised",
    "totals_row": "Totals row skipped",
    "formula_without_value": "Formula without a saved value",
    "duplicate_key": "Repeated row",
    # cells
    "required_value": "Required value missing",
    "missing_value": "Value missing",
    "org_code": "Organisation code not valid",
    "period": "Period not readable",
    "future_period": "Period in the future",
    "text_too_long": "Text too long",
    "control_characters": "Control characters in text",
    "not_a_number": "Not a number",
    "negative": "Negative number",
    "not_whole": "Not a whole number",
    "fte_range": "FTE out of range",
    "fte_above_headcount": "FTE above headcount",
    "strategic_time_range": "Strategic time out of range",
    "unknown_profession": "Profession not recognised",
    "unknown_band": "Band not recognised",
    "unknown_role": "Role not recognised",
    "unknown_board_role": "Board role not recognised",
    "unknown_reports_to": "Reports to not recognised",
    "role_inferred": "Role taken from the job title",
    "role_not_inferred": "Role not found in the job title",
    "nil_beside_posts": "No-posts row beside posts",
    "nil_row_details": "No-posts row with details",
    "lead_without_profession": "Professional lead without a profession",
    # organisations and indicators
    "unknown_organisation": "Organisation not on the list",
    "reference_organisation": "Differs from the reference list",
    "unknown_trust_type": "Trust type not recognised",
    "custom_indicator": "Indicator not in the catalogue",
    "fraction_to_percent": "Fractions read as per cent",
    # against the organisation's previous return
    "fte_moved": "FTE moved since the last return",
    "vacancy_moved": "Vacancy moved since the last return",
}


def rule_label(code: str) -> str:
    """The rule in words; a code without a label reads as its words ("some_rule" -> "Some
    rule")."""
    return RULE_LABELS.get(code) or code.replace("_", " ").capitalize()
