"""The schema of the data, stated once: each table of a return with its sheet name, key and
columns (label, aliases, kind, unit, range), and what is derived from it: the stored and
exported columns of each table, which of them are numbers, and the canonical frame every layer
passes around (:func:`canonical`, :func:`frame`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from ahp_analytics.domain.periods import parse_period
from ahp_analytics.domain.reference import key

NUMERIC_KINDS = frozenset({"number", "integer"})
# Every stored row of a data table is dated by its period's first day and the period's kind.
PERIOD_COLUMNS = ("org_code", "period", "period_type")


@dataclass(frozen=True)
class Column:
    """A column of a return table: its canonical (stored and exported) name, header label and
    aliases, what it holds (``kind``), its unit and the range its values must fall in
    (``minimum``, above it when ``above_minimum``; ``maximum``)."""

    name: str
    label: str
    required: bool = False
    aliases: tuple[str, ...] = ()
    kind: str = "text"  # text | number | integer | period | profession | band | role | ...
    unit: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    above_minimum: bool = False

    def match_keys(self) -> set[str]:
        return {key(self.label), key(self.name), *(key(a) for a in self.aliases)}

    @property
    def numeric(self) -> bool:
        """Stored as a number (float64 in frames, DOUBLE in the database; NaN when missing)."""
        return self.kind in NUMERIC_KINDS


ORG_CODE = Column(
    "org_code",
    "Organisation code",
    True,
    (
        "org code",
        "organisation code",
        "organization code",
        "ods code",
        "trust code",
        "provider code",
        "org_code",
        "organisation",
        "organisation ods code",
    ),
    "org_code",
)
PERIOD = Column(
    "period",
    "Period",
    True,
    ("period", "month", "date", "year", "financial year", "reporting period", "as at"),
    "period",
)
PROFESSION = Column(
    "profession",
    "Profession",
    True,
    ("profession", "ahp profession", "professional group", "occupation"),
    "profession",
)
BAND = Column(
    "band",
    "AfC band",
    True,
    ("band", "afc band", "agenda for change band", "pay band", "grade"),
    "band",
)
FTE_ALIASES = ("fte", "wte", "full time equivalent", "whole time equivalent", "total fte")


@dataclass(frozen=True)
class Table:
    """A table of the return: its sheet name, columns and key."""

    name: str
    sheet: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    sheet_aliases: tuple[str, ...] = ()

    @property
    def required(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.required)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


WORKFORCE = Table(
    "workforce",
    "Workforce",
    (
        ORG_CODE,
        PERIOD,
        PROFESSION,
        BAND,
        Column("fte", "FTE", True, FTE_ALIASES, "number", "FTE", minimum=0),
        Column(
            "headcount",
            "Headcount",
            False,
            ("headcount", "head count", "hc"),
            "integer",
            "people",
            minimum=0,
        ),
        Column(
            "vacancy_fte",
            "Vacancy FTE",
            False,
            ("vacancies", "vacancy fte", "vacancy wte", "vacant fte"),
            "number",
            "FTE",
            minimum=0,
        ),
    ),
    ("org_code", "period", "profession", "band"),
    ("AHP workforce", "Staff in post", "AHP staff in post"),
)

LEADERSHIP = Table(
    "leadership",
    "Leadership",
    (
        ORG_CODE,
        PERIOD,
        Column("role", "Role", False, ("role", "leadership role", "post type"), "role"),
        Column("job_title", "Job title", False, ("job title", "title", "post title"), "text"),
        Column("profession", "Profession", False, PROFESSION.aliases, "profession"),
        Column("band", "AfC band", False, BAND.aliases, "band"),
        Column("fte", "FTE", False, FTE_ALIASES, "number", "FTE", 0, 1.5, above_minimum=True),
        Column(
            "strategic_time_pct",
            "Strategic time %",
            False,
            ("strategic time", "strategic time pct", "strategic time percent", "strategic %"),
            "number",
            "%",
            minimum=0,
            maximum=100,
        ),
        Column(
            "board_role", "Board role", True, ("board role", "board status", "board"), "board_role"
        ),
        Column(
            "reports_to",
            "Reports to",
            False,
            ("reports to", "line manager", "reporting line"),
            "reports_to",
        ),
    ),
    (),
    ("AHP leadership", "Leadership posts", "AHP leadership posts"),
)

INDICATORS = Table(
    "indicators",
    "Indicators",
    (
        ORG_CODE,
        PERIOD,
        Column(
            "indicator",
            "Indicator",
            True,
            ("indicator", "indicator code", "measure", "metric"),
            "indicator",
        ),
        Column("value", "Value", True, ("value", "result", "score"), "number"),
        Column("numerator", "Numerator", False, ("numerator",), "number"),
        Column("denominator", "Denominator", False, ("denominator",), "number"),
    ),
    ("org_code", "period", "indicator"),
    ("Quality and productivity", "Quality indicators", "Indicator values"),
)

ORGANISATIONS = Table(
    "organisations",
    "Organisations",
    (
        ORG_CODE,
        Column(
            "org_name",
            "Organisation name",
            True,
            (
                "organisation name",
                "organization name",
                "name",
                "trust name",
                "org name",
                "provider name",
            ),
            "text",
        ),
        Column("region", "Region", False, ("region", "nhse region", "nhs england region"), "text"),
        Column("icb", "ICB", False, ("icb", "integrated care board", "icb name"), "text"),
        Column(
            "trust_type",
            "Trust type",
            False,
            ("trust type", "organisation type", "org type", "provider type"),
            "text",
        ),
    ),
    ("org_code",),
    ("Organisation", "Trusts", "Organisation list"),
)

TABLES: dict[str, Table] = {t.name: t for t in (WORKFORCE, LEADERSHIP, INDICATORS, ORGANISATIONS)}

RETURN_DETAILS_SHEET = "Return details"

# Stored and exported columns of each table, in order (return format, section 8): a data table's
# rows carry the organisation, the period's first day and kind, then the table's own columns.
EXPORT_COLUMNS: dict[str, tuple[str, ...]] = {
    t.name: tuple(c.name for c in t.columns)
    if "period" not in (c.name for c in t.columns)
    else PERIOD_COLUMNS + tuple(c.name for c in t.columns if c.name not in PERIOD_COLUMNS)
    for t in TABLES.values()
}
NUMERIC_COLUMNS = frozenset(c.name for t in TABLES.values() for c in t.columns if c.numeric)
# The attributes of an organisation: every column of its table but the code.
ORGANISATION_FIELDS = EXPORT_COLUMNS["organisations"][1:]


def canonical(df: pd.DataFrame, table: str, extra: tuple[str, ...] = ()) -> pd.DataFrame:
    """``df`` as the table's canonical frame: its export columns in order (then ``extra``),
    each with one dtype: text as object (None when missing), numbers as float64 (NaN), period
    as datetime64 (the period's first day); ``_row`` (a source row number) as int64."""
    out = df.reindex(columns=[*EXPORT_COLUMNS[table], *extra]).reset_index(drop=True)
    for name in out.columns:
        if name == "period":
            out[name] = pd.to_datetime(out[name]).astype("datetime64[ns]")
        elif name == "_row":
            out[name] = pd.to_numeric(out[name]).astype("int64")
        elif name in NUMERIC_COLUMNS:
            out[name] = pd.to_numeric(out[name]).astype("float64")
        else:
            col = out[name].astype(object)
            out[name] = col.where(col.notna(), None)
    return out


def frame(table: str, rows: Iterable[dict]) -> pd.DataFrame:
    """The canonical frame of ``table`` from dicts, for tests and the demonstration data:
    ``period`` may be any period text a return accepts (``"2024-03"``, ``"2023/24"``) and gives
    the first day and ``period_type`` (unless the dict names one); missing columns are blank."""
    records = []
    for row in rows:
        rec = dict(row)
        if "period" in EXPORT_COLUMNS[table]:
            p = parse_period(row["period"])
            if p is None:
                raise ValueError(f"unreadable period {row['period']!r}")
            rec["period"] = pd.Timestamp(p.start)
            rec["period_type"] = row.get("period_type") or p.kind
        records.append(rec)
    return canonical(pd.DataFrame.from_records(records), table)
