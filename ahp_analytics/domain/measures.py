"""The registry of measures: every number the product shows, defined once.

Each :class:`Measure` has a code (the column name in the summary table and exports), a label, a
unit, a direction (higher better, lower better or none), a one-sentence definition, a display
format and, where it applies, its numerator, denominator and missing-data rule. Pages, peer
tables, gap rules, charts, exports (the XLSX "Columns" sheet) and the command line take them
from here; :mod:`ahp_analytics.analysis.measures` does the arithmetic these definitions describe.

:data:`FIELDS` (from :mod:`ahp_analytics.domain.fields`) describes the other columns of the
tables (codes, names, periods, the columns of a return), so that every exported column has a
label and a definition.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from ahp_analytics.domain.fields import FIELDS

# --- leadership arrangements (docs/measures.md) ------------------------------------------------

CATEGORIES = (
    "A. AHP executive on the board",
    "B. AHP leader at board, non-voting",
    "C. Strategic AHP lead below board",
    "D. Professional leads only",
    "E. No AHP leadership posts",
)
CATEGORY_LEVEL: dict[str, int] = {c: 4 - i for i, c in enumerate(CATEGORIES)}
# No leadership return in the window: no letter, no level; its own grey group on charts.
NOT_RETURNED = "Not returned"

PERIOD_SUFFIX = "__period"


@dataclass(frozen=True)
class Measure:
    """One measure. ``fmt`` is a printf-style number format ("%.1f"), empty for text;
    ``higher_is_better`` is None where higher is neither better nor worse."""

    code: str
    label: str
    unit: str | None
    higher_is_better: bool | None
    definition: str
    fmt: str = "%.1f"
    numerator: str | None = None
    denominator: str | None = None
    missing: str | None = None
    comparable: bool = False  # offered beside the indicators (peer tables, comparisons)
    short: str | None = None  # a shorter label for a headline figure's narrow card

    @property
    def short_label(self) -> str:
        """The label for a narrow headline card: :attr:`short` where given, else the label."""
        return self.short or self.label

    @property
    def direction(self) -> str:
        """ "Higher is better", "Lower is better" or "No direction"."""
        return direction_text(self.higher_is_better)

    @property
    def title(self) -> str:
        """The label with its unit, for an axis or a column header: "AHP vacancy rate (%)"."""
        return titled(self.label, self.unit)

    def format(self, value: object) -> str:
        """``value`` for a table or a sentence, with its unit: "12.3%", "20.0 FTE"; "–" when
        missing."""
        return format_value(value, self.unit, self.fmt or None)


_NO_WORKFORCE = "Missing when the organisation sent no workforce return in the window."
_NO_LEADERSHIP = (
    "Missing (not returned) when the organisation sent no leadership return in the window"
)
_VACANCY_MISSING = (
    "A row with a blank vacancy figure is left out (it is missing, not 0); missing when no row "
    "reports a vacancy figure."
)

_MEASURES = (
    # Workforce: the organisation's latest workforce month in the window.
    Measure(
        "ahp_fte",
        "AHP FTE",
        "FTE",
        None,
        "Sum of full-time equivalent AHP staff in post over professions and bands, in the "
        "organisation's latest workforce month in the window.",
        missing=_NO_WORKFORCE,
        comparable=True,
    ),
    Measure(
        "ahp_headcount",
        "AHP headcount",
        "people",
        None,
        "Sum of headcount over professions and bands in the same month; a person counted in "
        "two professions or bands counts twice.",
        fmt="%d",
        missing="Rows without a headcount count as 0 beside rows with one; missing when no row "
        "gives a headcount.",
    ),
    Measure(
        "vacancy_fte",
        "Vacancy FTE",
        "FTE",
        None,
        "Sum of vacancy FTE (funded posts not filled) over the rows that report a vacancy "
        "figure, same month.",
        missing=_VACANCY_MISSING,
    ),
    Measure(
        "established_fte",
        "Established FTE (rows reporting vacancies)",
        "FTE",
        None,
        "FTE in post plus vacancy FTE over the rows that report a vacancy figure, same month: "
        "the denominator of the vacancy rate.",
        missing=_VACANCY_MISSING,
    ),
    Measure(
        "vacancy_rate",
        "AHP vacancy rate",
        "%",
        False,
        "Vacancy FTE as a share of established FTE (in post plus vacant), over the rows that "
        "report a vacancy figure, in %.",
        numerator="vacancy_fte",
        denominator="established_fte",
        missing=_VACANCY_MISSING + " Also missing when established FTE is 0.",
        comparable=True,
    ),
    Measure(
        "senior_fte",
        "FTE in Band 8a and above",
        "FTE",
        None,
        "FTE in Band 8a to Band 9 and VSM, same month.",
        missing=_NO_WORKFORCE,
    ),
    Measure(
        "senior_band_share",
        "Share of AHP FTE in Band 8a and above",
        "%",
        True,
        "FTE in Band 8a to Band 9 and VSM as a share of AHP FTE, in % (a low share signals a "
        "thin career structure).",
        numerator="senior_fte",
        denominator="ahp_fte",
        missing=_NO_WORKFORCE + " Also missing when AHP FTE is 0.",
        comparable=True,
    ),
    # Leadership: the organisation's latest leadership return in the window.
    Measure(
        "leadership_posts",
        "Leadership posts",
        "posts",
        None,
        "Number of AHP leadership posts in the organisation's latest leadership return in the "
        "window; 0 for an explicit nil return.",
        fmt="%d",
        missing=_NO_LEADERSHIP + ".",
    ),
    Measure(
        "leadership_fte_per_100_ahp_fte",
        "Leadership FTE per 100 AHP FTE",
        "FTE per 100 AHP FTE",
        True,
        "Sum of the FTE of AHP leadership posts per 100 AHP FTE in post.",
        fmt="%.2f",
        numerator="sum of post FTE x 100",
        denominator="ahp_fte",
        missing=_NO_LEADERSHIP + ", or without AHP FTE in the window; 0 for an explicit nil "
        "return.",
        comparable=True,
    ),
    Measure(
        "strategic_leadership_fte",
        "Strategic AHP leadership FTE",
        "FTE",
        None,
        "Sum over leadership posts of post FTE x strategic time % / 100: the leadership time "
        "given to strategic rather than operational work.",
        fmt="%.2f",
        missing="Posts that leave strategic time blank count as 0 beside posts that give it; "
        + _NO_LEADERSHIP[0].lower()
        + _NO_LEADERSHIP[1:]
        + " or when no post gives strategic time; 0 for an explicit nil return.",
        comparable=True,
    ),
    Measure(
        "professional_lead_coverage",
        "Professional lead coverage",
        "%",
        True,
        "Professions with FTE above 0 that have a Professional lead post, as a share of all "
        "professions with FTE above 0, in %.",
        fmt="%.0f",
        numerator="staffed professions with a Professional lead post",
        denominator="professions with FTE above 0",
        missing="Missing when the organisation sent no leadership return (not returned) or no "
        "workforce return in the window, when no profession has FTE, or when every Professional "
        "lead post lacks a profession (it cannot be credited to one); 0 for an explicit nil "
        "return.",
        comparable=True,
    ),
    Measure(
        "leadership_category",
        "Leadership arrangement",
        None,
        None,
        "How far from the board AHP leadership sits, by the first rule that applies: A, a "
        "strategic-role post (Chief AHP, Director of AHPs, Deputy chief AHP, Lead AHP) with a "
        "vote on the board; B, one that attends the board or sits on it without a vote; C, any "
        "other strategic-role post; D, leadership posts, none strategic; E, an explicit nil "
        "return (the return's None row).",
        fmt="",
        missing=_NO_LEADERSHIP + ": no letter, shown as its own grey group and left out of "
        "shares and statistics.",
    ),
    Measure(
        "leadership_level",
        "Leadership level",
        "level",
        True,
        "4 to 0 for arrangements A to E: how close to the board AHP leadership sits.",
        fmt="%d",
        missing=_NO_LEADERSHIP + ".",
    ),
    Measure(
        "senior_lead_reports_to",
        "Most senior AHP lead reports to",
        None,
        None,
        "Reports to of the most senior leadership post (Chief AHP, then Director of AHPs, "
        "Deputy chief AHP, Lead AHP, Professional lead, Other; ties: the higher FTE, then the "
        "first listed).",
        fmt="",
        missing="Blank without leadership posts or when that post leaves it blank.",
    ),
    # The Overview's figures over a set of organisations.
    Measure(
        "organisations",
        "Organisations reporting",
        "organisations",
        None,
        "Organisations with any workforce, leadership or indicator data in the window.",
        fmt="%d",
        short="Organisations",
    ),
    Measure(
        "strategic_lead_share",
        "Strategic AHP lead",
        "%",
        True,
        "Share of organisations with a leadership return whose arrangement is A, B or C (a "
        "Chief AHP, Director of AHPs, Deputy chief AHP or Lead AHP post), in %.",
        numerator="organisations in A, B or C",
        denominator="organisations with a leadership return",
        missing="Organisations that sent no leadership return are left out; missing when none did.",
    ),
    Measure(
        "board_executive_share",
        "AHP executive on the board",
        "%",
        True,
        "Share of organisations with a leadership return in arrangement A (a strategic-role "
        "post with a vote on the board), in %.",
        numerator="organisations in A",
        denominator="organisations with a leadership return",
        missing="Organisations that sent no leadership return are left out; missing when none did.",
        short="AHP exec on board",
    ),
    # Gap rules: a quantity a rule needs that differs from the summary's.
    Measure(
        "large_profession_lead_coverage",
        "Professional lead coverage of larger professions",
        "%",
        True,
        "Professions with more FTE than the gap rule's threshold (100 FTE by default) that have "
        "a Professional lead post, as a share of all such professions, in %.",
        fmt="%.0f",
        numerator="professions above the threshold with a Professional lead post",
        denominator="professions above the threshold",
        missing="Missing when the organisation sent no leadership return (not returned) or no "
        "workforce return in the window, when no profession is above the threshold, or when "
        "every Professional lead post lacks a profession.",
    ),
    # Indicators given with a numerator and a denominator.
    Measure(
        "indicator_rate",
        "Indicator rate",
        None,
        None,
        "For an indicator given with a numerator and a denominator: numerator / denominator, "
        "x 100 when its unit is %; its direction and unit are the indicator's.",
        numerator="the indicator's numerator",
        denominator="the indicator's denominator",
        missing="Organisations that do not give both, or give a denominator of 0, are left out.",
    ),
)
MEASURES: dict[str, Measure] = {m.code: m for m in _MEASURES}

# Measures offered beside the indicators, in this order.
COMPARABLE: tuple[str, ...] = tuple(m.code for m in _MEASURES if m.comparable)
# Leadership measures charted against an indicator (Leadership and outcomes, Leadership).
LEADERSHIP_MEASURES: tuple[str, ...] = (
    "leadership_level",
    "leadership_fte_per_100_ahp_fte",
    "strategic_leadership_fte",
    "professional_lead_coverage",
)
HEADLINE: tuple[str, ...] = (
    "organisations",
    "ahp_fte",
    "vacancy_rate",
    "strategic_lead_share",
    "board_executive_share",
)
# The summary table's workforce and leadership measures, in its column order.
WORKFORCE_SUMMARY: tuple[str, ...] = (
    "ahp_fte",
    "ahp_headcount",
    "vacancy_fte",
    "established_fte",
    "vacancy_rate",
    "senior_fte",
    "senior_band_share",
)
LEADERSHIP_SUMMARY: tuple[str, ...] = (
    "leadership_posts",
    "leadership_fte_per_100_ahp_fte",
    "strategic_leadership_fte",
    "professional_lead_coverage",
    "leadership_category",
    "leadership_level",
    "senior_lead_reports_to",
)
# The measures by what they describe, in the order the documentation lists them.
SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "Workforce: each organisation's latest workforce month in the window",
        WORKFORCE_SUMMARY,
    ),
    (
        "Leadership: each organisation's latest leadership return in the window",
        LEADERSHIP_SUMMARY,
    ),
    (
        "The Overview's figures, over the organisations selected",
        ("organisations", "strategic_lead_share", "board_executive_share"),
    ),
    ("Gap rules: a quantity a rule needs of its own", ("large_profession_lead_coverage",)),
    ("Indicators", ("indicator_rate",)),
)
# The domain of the comparable measures where indicators are listed by domain.
MEASURES_DOMAIN = "AHP workforce and leadership (from returns)"


def measure(code: str) -> Measure:
    """The measure of ``code``; KeyError when there is none."""
    return MEASURES[code]


def column_label(code: str) -> str:
    """The label of a measure or field, as it reads inside a sentence ("leadership
    arrangement", "trust type"); the code with spaces for anything else."""
    entry = MEASURES.get(code) or FIELDS.get(code)
    if entry is None:
        return code.replace("_", " ")
    text = entry.label
    return text if text[1:2].isupper() else text[:1].lower() + text[1:]


def direction_text(higher_is_better: bool | None) -> str:
    """ "Higher is better", "Lower is better" or "No direction" (None, NaN or unknown)."""
    if higher_is_better is None or pd.isna(higher_is_better):
        return "No direction"
    return "Higher is better" if higher_is_better else "Lower is better"


def titled(label: str, unit: object) -> str:
    """``label (unit)``, or the label alone when the unit is missing or already in it."""
    if not isinstance(unit, str) or not unit or unit in label:
        return label
    return f"{label} ({unit})"


_SUFFIX = {"%": "%", "FTE": " FTE", "days": " days"}
# printf-style display formats of the catalogue's indicator units (tables).
UNIT_FORMATS = {
    "%": "%.1f",
    "rating": "%.0f",
    "ratio": "%.3f",
    "days": "%.1f",
    "score": "%.2f",
    "GBP": "localized",
    "count": "localized",
}


def format_value(value: object, unit: object = None, fmt: str | None = None) -> str:
    """A number for a table or sentence, with its unit: "12.3%", "20.0 FTE", "£4,300"; "–"
    when missing. ``fmt`` is a printf-style format; without it percentages get one decimal
    and other numbers about three significant figures. Text is returned as it is."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return "–"
    if isinstance(value, str):
        return value
    x = float(value)
    if fmt and fmt.startswith("%"):
        digits = 0 if fmt.endswith("d") else int(re.sub(r"\D", "", fmt) or 0)
    elif unit == "%":
        digits = 1
    else:
        digits = 0 if abs(x) >= 100 else 1 if abs(x) >= 10 else 2
    text = f"{x:,.{digits}f}"
    if text.startswith("-") and float(text.replace(",", "")) == 0:
        text = text[1:]
    unit_text = unit if isinstance(unit, str) else ""
    return f"£{text}" if unit_text == "GBP" else text + _SUFFIX.get(unit_text, "")


def format_code(code: str, value: object, unit: object = None) -> str:
    """``value`` of the measure or indicator ``code`` for a table or sentence: a registry
    measure in its own format, anything else by :func:`format_value` in ``unit``."""
    if code in MEASURES:
        return MEASURES[code].format(value)
    return format_value(value, unit)


def indicator_column(code: str) -> str:
    """The summary column of an indicator: its code in snake_case, as every export column is
    ("Holdout score" -> "holdout_score"; catalogue codes are already so)."""
    text = re.sub(r"[^0-9a-z]+", "_", str(code).lower()).strip("_")
    return text or "indicator"


def indicator_columns(codes: Iterable[str]) -> dict[str, str]:
    """Code -> summary column for ``codes`` in order; a column already taken gets ``_2``,
    ``_3``... so two custom names that differ only in punctuation keep their own columns."""
    out: dict[str, str] = {}
    taken: set[str] = set()
    for code in codes:
        column = base = indicator_column(code)
        k = 2
        while column in taken:
            column, k = f"{base}_{k}", k + 1
        taken.add(column)
        out[code] = column
    return out


def _cell(text: object) -> str:
    return "" if text is None else str(text).replace("|", "\\|")


def measures_markdown() -> str:
    """docs/measures.md: every measure of the registry with its definition in a sentence,
    unit, direction, numerator and denominator, and what makes it missing; then the
    leadership arrangements."""
    lines = [
        "# Measures",
        "",
        "Every number the dashboard, its exports and its command line show, defined once in",
        "`ahp_analytics/domain/measures.py`. This page is generated from it",
        "(`python -m ahp_analytics.domain.measures > docs/measures.md`), and a test checks",
        "that the two agree.",
        "Periods are dated by their last day; for each organisation the latest observation",
        "inside the analysis window is used.",
    ]
    for title, codes in SECTIONS:
        lines += ["", f"## {title}", ""]
        lines += [
            "| code | measure | unit | direction | definition | numerator / denominator | "
            "when missing |",
            "|---|---|---|---|---|---|---|",
        ]
        for code in codes:
            m = MEASURES[code]
            ratio = f"{m.numerator} / {m.denominator}" if m.numerator else ""
            cells = (f"`{code}`", m.label, m.unit, m.direction, m.definition, ratio, m.missing)
            lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    lines += [
        "",
        "## Leadership arrangements",
        "",
        "The first that applies; the level is 4 for A down to 0 for E.",
        "",
        *(f"- **{c}** (level {CATEGORY_LEVEL[c]})" for c in CATEGORIES),
        f"- **{NOT_RETURNED}** (no letter, no level): no leadership return in the window. A "
        "missing return is not evidence of absence: such organisations are a grey group "
        "where arrangements are charted, are left out of shares and statistics, and are "
        "counted in captions.",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    print(measures_markdown(), end="")
