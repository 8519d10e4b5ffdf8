"""Every rule of the return format, stated once: its id (the ``rule`` of the messages it
gives), severity, the columns it looks at, message and fix. ``docs/return-format.md`` lists
them in its table of rules, and a test keeps the two the same.

A rule on rows also has a ``check``: a vectorised function of the table being checked
(:class:`ahp_analytics.ingest.validation.table.TableCheck`) giving the rows that break it.
Rules of a column kind (numbers, vocabularies, text) apply to every column of that kind; the
range rules take their bounds from the schema (``Column.minimum``, ``maximum`` and
``above_minimum``). Rules about the file, a sheet or a header are raised by the driver and
the header finder, which name them here too.

Messages are ``str.format`` templates: ``{n}`` rows, ``{rows}`` ("row" or "rows") and
``{first}`` (the first value) for rules on rows, and the named fields each rule lists.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ahp_analytics.domain import reference as ref
from ahp_analytics.domain import schema
from ahp_analytics.domain.results import ERROR, WARNING

MAX_TEXT_CHARS = 1_000
HEADER_SEARCH_ROWS = 30


@dataclass(frozen=True)
class Rule:
    """One rule: see the module's docstring."""

    id: str
    severity: str
    message: str
    fix: str = ""
    columns: tuple[str, ...] = ()
    check: Callable[..., np.ndarray] | None = None

    def says(self, **fields: object) -> str:
        return self.message.format(**fields)


RULES: list[Rule] = []


def rule(*args, **kwargs) -> Rule:
    """Register a rule: the one place each rule is stated."""
    made = Rule(*args, **kwargs)
    RULES.append(made)
    return made


def rule_ids() -> list[str]:
    """Every rule id, once each, in the order the rules are stated."""
    return list(dict.fromkeys(r.id for r in RULES))


FIXES = {
    "profession": "Use one of the 15 AHP professions (see the template's Lists sheet).",
    "band": "Use Band 1 to Band 9 (8a to 8d), VSM or Non-AfC.",
    "role": "Use Chief AHP, Director of AHPs, Deputy chief AHP, Lead AHP, Professional lead "
    "or Other AHP leadership; or None, alone, when there are no AHP leadership posts.",
    "board_role": "Use Voting board member, Non-voting board member, Attends board or No board "
    "role.",
    "reports_to": "Use Chief executive, Chief nurse, Chief operating officer, Medical director, "
    "Other executive director or Other.",
}
VOCABS: dict[str, ref.Vocabulary] = {
    "profession": ref.PROFESSIONS,
    "band": ref.BANDS,
    "role": ref.ROLES,
    "board_role": ref.BOARD_ROLES,
    "reports_to": ref.REPORTS_TO,
}

# -- the file, its sheets and headers ---------------------------------------------------------

UNREADABLE_FILE = rule("unreadable_file", ERROR, "{reason}", "Fix the file and upload it again.")
ENCODING = rule("encoding", WARNING, "{note}", "Save the file as CSV UTF-8.")
NO_TABLE = rule(
    "no_table",
    ERROR,
    "No recognised table: no sheet is named Workforce, Leadership, Indicators or "
    "Organisations, and no header row holds the required columns of one of them.",
    "Start from the template (python -m ahp_analytics template) and copy the data "
    "under its headers.",
)
NO_ROWS = rule(
    "no_rows",
    ERROR,
    "The file holds no data rows: its tables have headers (and example rows) only.",
    "Fill in rows under the headers; rows whose Organisation code is EXAMPLE are ignored.",
)
SHEET_WITHOUT_ROWS = rule("no_rows", WARNING, "Sheet '{sheet}' has headers but no data rows.")
DETAILS_PERIOD = rule(
    "period",
    ERROR,
    "The period '{value}' cannot be read.",
    "Write a period such as 2024-03, Mar-24, 2023/24 or 2023/24 Q4.",
    ("period",),
)
EMPTY_SHEET = rule("empty_sheet", WARNING, "Sheet '{sheet}' is empty and was ignored.")
AMBIGUOUS_TABLE = rule(
    "ambiguous_table",
    ERROR,
    "Sheet '{sheet}' has a header row (row {row}) that fits both {tables}.",
    "Name the sheet after the table it holds (e.g. Workforce).",
)
NO_HEADER = rule(
    "missing_columns",
    ERROR,
    "Sheet '{sheet}' has no header row with the {table} columns ({required}) in its first "
    "{search} rows. Its first row holds: {first}.",
    "Use the headers of the template.",
)
MISSING_COLUMNS = rule(
    "missing_columns",
    ERROR,
    "Sheet '{sheet}' looks like the {table} table (row {row} has {found}) but lacks the "
    "required column{s} {missing}.{other}",
    "Add the column{s} {missing}{hint}, or start from the template.",
)
UNKNOWN_SHEET = rule(
    "unknown_sheet",
    WARNING,
    "Sheet '{sheet}' is not a table of the return and was ignored.",
    "Nothing to do if it holds notes; otherwise name it Workforce, Leadership, "
    "Indicators or Organisations.",
)
UNKNOWN_COLUMN = rule(
    "unknown_column",
    WARNING,
    "{Columns} {names} {are} not part of the {table} table: ignored.",
    "Nothing to do, unless the column was meant to be one of the table's.",
)

# -- rows of every table ------------------------------------------------------------------------

TOTALS_ROW = rule(
    "totals_row",
    WARNING,
    "{n} totals {rows} skipped (a row that says '{first}').",
    "Nothing to do: totals are worked out by the dashboard.",
)
FORMULA_WITHOUT_VALUE = rule(
    "formula_without_value",
    ERROR,
    "{n} formula {rows} without a saved value (e.g. {first}).",
    "Open the file in Excel, let it calculate, and save it; or paste values only.",
)
ORG_CODE_REQUIRED = rule(
    "required_value",
    ERROR,
    "{n} {rows} without an organisation code.",
    "Write the NHS ODS code (e.g. RJ1) on each row, or once on the Return details sheet.",
    ("org_code",),
)
ORG_CODE = rule(
    "org_code",
    ERROR,
    "{n} {rows} with an organisation code that is not an ODS code (e.g. '{first}').",
    "Use the organisation's ODS code: 3 to 10 letters and digits, e.g. RJ1 or TAF.",
    ("org_code",),
)
PERIOD_REQUIRED = rule(
    "required_value",
    ERROR,
    "{n} {rows} without a period.",
    "Write the period on each row, or once on the Return details sheet.",
    ("period",),
)
PERIOD = rule(
    "period",
    ERROR,
    "{n} {rows} with a period that cannot be read (e.g. '{first}').",
    "Write a period such as 2024-03, Mar-24, March 2024, 2023/24 or 2023/24 Q4.",
    ("period",),
)
FUTURE_PERIOD = rule(
    "future_period",
    ERROR,
    "{n} {rows} with a period beginning more than a year from today, after {limit} "
    "(e.g. '{first}').",
    "Check the year: a return reports periods that have begun, or that begin within the next year.",
    ("period",),
)

# -- rules of a column kind: free text, vocabularies, numbers -----------------------------------

TEXT_TOO_LONG = rule(
    "text_too_long",
    ERROR,
    "{n} {rows} with {label} longer than " + f"{MAX_TEXT_CHARS:,}" + " characters.",
    "Shorten the text.",
)
CONTROL_CHARACTERS = rule(
    "control_characters",
    WARNING,
    "{n} {rows} with control characters, e.g. '{first}': stored without them (a line break "
    "or tab became a space).",
    "Nothing to do if the text now reads right; otherwise correct it in the file.",
)
VOCAB_REQUIRED = rule("required_value", ERROR, "{n} {rows} without a {label}.", "{vocab_fix}")
UNKNOWN_VALUES = {
    kind: rule(
        f"unknown_{kind}",
        ERROR,
        "{n} {rows} with an unknown " + vocab.name + " '{first}'.{hint}",
        FIXES[kind],
        tuple(c.name for t in schema.TABLES.values() for c in t.columns if c.kind == kind),
    )
    for kind, vocab in VOCABS.items()
}
NOT_A_NUMBER = rule(
    "not_a_number",
    ERROR,
    "{n} {rows} where {label} is not a number (e.g. '{first}').",
    "Write a plain number (e.g. 3.5); leave blank or write '-' when not known.",
)
NUMBER_REQUIRED = rule(
    "required_value",
    ERROR,
    "{n} {rows} without a {label}.",
    "Write the {label} on every row (0 where there is none).",
)
NEGATIVE = rule(
    "negative",
    ERROR,
    "{n} {rows} with a negative {label} (e.g. {first}).",
    "{label} cannot be below 0.",
    check=lambda nums, column: nums < column.minimum,
)
NOT_WHOLE = rule(
    "not_whole",
    ERROR,
    "{n} {rows} where {label} is not a whole number (e.g. {first}).",
    "Headcount counts people: use whole numbers.",
    check=lambda nums, column: ~np.isnan(nums) & (nums >= 0) & (nums % 1 != 0),
)


def _outside(nums: np.ndarray, column: schema.Column) -> np.ndarray:
    """Numbers outside the column's range (NaN is never outside)."""
    low = nums <= column.minimum if column.above_minimum else nums < column.minimum
    return ~np.isnan(nums) & (low | (nums > column.maximum))


# The range rules, by table and column: the bounds are the schema's.
RANGE_RULES: dict[tuple[str, str], Rule] = {
    ("leadership", "fte"): rule(
        "fte_range",
        ERROR,
        "{n} {rows} with a post FTE outside {minimum:g} to {maximum:g} (e.g. {first}).",
        "A post's FTE is above {minimum:g} and at most {maximum:g}; leave it blank for 1.0.",
        ("fte",),
        check=_outside,
    ),
    ("leadership", "strategic_time_pct"): rule(
        "strategic_time_range",
        ERROR,
        "{n} {rows} with Strategic time % above {maximum:g} (e.g. {first}).",
        "Write the share of the post given to strategic work, from {minimum:g} to {maximum:g}.",
        ("strategic_time_pct",),
        check=lambda nums, column: nums > column.maximum,
    ),
}

# -- rules of one table ---------------------------------------------------------------------

FTE_ABOVE_HEADCOUNT = rule(
    "fte_above_headcount",
    WARNING,
    "{n} {rows} where FTE is greater than headcount (e.g. FTE {first}).",
    "Check the figures: FTE is usually at most the headcount.",
    ("fte", "headcount"),
    check=lambda t: ~np.isnan(t.out["headcount"]) & (t.out["fte"] > t.out["headcount"] + 1e-9),
)
ROLE_REQUIRED = rule(
    "required_value",
    ERROR,
    "{n} {rows} with neither a Role nor a Job title.",
    FIXES["role"],
    ("role", "job_title"),
)
ROLE_NOT_INFERRED = rule(
    "role_not_inferred",
    ERROR,
    "{n} {rows} with no Role and a Job title the role cannot be told from (e.g. '{first}').",
    "Fill in the Role column. " + FIXES["role"],
    ("role", "job_title"),
)
ROLE_INFERRED = rule(
    "role_inferred",
    WARNING,
    "{n} {rows} had no Role; it was inferred from the Job title (e.g. {first}).",
    "Check the inferred roles, or fill in the Role column.",
    ("role", "job_title"),
)
NIL_ROW_DETAILS = rule(
    "nil_row_details",
    WARNING,
    "{n} {rows} with Role None (no AHP leadership posts) also fill in other columns: those "
    "were ignored.",
    "Leave every column of the None row blank but Organisation code and Period.",
    ("role",),
)
LEAD_WITHOUT_PROFESSION = rule(
    "lead_without_profession",
    WARNING,
    "{n} Professional lead {rows} without a Profession: such a post cannot be credited to a "
    "profession, so it does not count towards professional lead coverage.",
    "Write the profession the post leads.",
    ("role", "profession"),
)
CUSTOM_INDICATOR = rule(
    "custom_indicator",
    WARNING,
    "{n} {rows} give the indicator '{first}', which is not in the catalogue: it is stored as "
    "a custom indicator.",
    "Nothing to do if intended; otherwise use a catalogue code (see the template's Lists sheet).",
    ("indicator",),
)
INDICATOR_REQUIRED = rule(
    "required_value",
    ERROR,
    "{n} {rows} without an Indicator.",
    "Name the indicator by its code or name in the catalogue.",
    ("indicator",),
)
VALUE_NOT_A_NUMBER = rule(
    "not_a_number",
    ERROR,
    "{n} {rows} where Value is not a number (e.g. '{first}').",
    "Write a number, a percentage such as 85%, or a CQC rating word.",
    ("value",),
)
MISSING_VALUE = rule(
    "missing_value",
    WARNING,
    "{n} indicator {rows} without a value were skipped.",
    "Nothing to do if the value is not known.",
    ("value",),
)
FRACTION_TO_PERCENT = rule(
    "fraction_to_percent",
    WARNING,
    "{n} values of the percentage indicator '{code}' were all between 0 and 1 and were read "
    "as fractions: multiplied by 100.",
    "Write percentages as 0 to 100 (or 85%) to avoid doubt.",
    ("value",),
)
UNKNOWN_TRUST_TYPE = rule(
    "unknown_trust_type",
    WARNING,
    "{n} {rows} with a trust type outside the reference list, e.g. '{first}': stored as "
    "written; the dashboard shows it as a group of its own, after the listed types.",
    f"Use one of {', '.join(ref.TRUST_TYPES)}, unless the organisation is none of them.",
    ("trust_type",),
)
REFERENCE_ORGANISATION = rule(
    "reference_organisation",
    WARNING,
    "{message}",
    "Nothing to do: the dashboard keeps the reference list's values. If the list is out of "
    "date, tell the administrator.",
    ("org_name", "region", "icb", "trust_type"),
)

# -- across the tables of a file --------------------------------------------------------------

NIL_BESIDE_POSTS = rule(
    "nil_beside_posts",
    ERROR,
    "{n} {rows} with Role None (no AHP leadership posts) for an organisation and period that "
    "also has leadership posts in the file (e.g. {first}).",
    "Remove the None row, or the posts: None says the organisation has no AHP leadership posts.",
    ("role",),
)
DUPLICATE_KEY = rule(
    "duplicate_key",
    ERROR,
    "{n} rows repeat the same {labels}: e.g. {first}.",
    "Keep one row for each combination, or add the figures together.",
)
UNKNOWN_ORGANISATION = rule(
    "unknown_organisation",
    WARNING,
    "{count} organisation code{are} not in the reference list of NHS trusts: {codes}{more}. "
    "The rows are accepted.",
    "Check the codes, or add the organisations on an Organisations sheet.",
    ("org_code",),
)
