"""The summary table and every derived measure (docs/measures.md), each defined once.

Inputs are the canonical frames :meth:`Store.read` returns (``schema.EXPORT_COLUMNS``:
``period`` the first day of the period, ``period_type`` its kind). An observation is dated by
the last day of its period; a :class:`~ahp_analytics.domain.periods.Window` holds the observations
dated inside it, and for each organisation and measure the latest of those is used.

The modules: :mod:`.windows` (windows, latest observations, headline figures), :mod:`.workforce`,
:mod:`.leadership`, :mod:`.summaries` (the summary table and peer groups), :mod:`.comparison`
(an indicator across groups) and :mod:`.pages` (figures for the dashboard pages). Callers use
the names below as ``measures.NAME``.
"""

from __future__ import annotations

from ahp_analytics.analysis.measures.comparison import (
    GROUPINGS,
    MIX_RESAMPLES,
    MIX_SEED,
    STRATA,
    Grouping,
    IndicatorComparison,
    catalogue_row,
    close_indicator_matches,
    compare_indicator,
    grouping,
    indicator_columns,
    indicator_info,
    resolve_indicator,
    trust_type_note,
)
from ahp_analytics.analysis.measures.leadership import (
    BOARD_AT,
    LEADERSHIP_COLUMNS,
    SENIORITY,
    leadership_category,
    posts_of,
    professional_lead_coverage,
    senior_lead_reports_to,
    strategic_leadership_fte,
)
from ahp_analytics.analysis.measures.pages import (
    PROPORTION_UNITS,
    SUBMISSIONS_IN_USE,
    ProportionInputs,
    category_counts,
    data_freshness,
    indicator_options,
    indicator_proportions,
    not_returned_note,
    paired_monthly_series,
    peer_comparison,
    peer_median_series,
    peer_medians,
    reporting_lines,
    vacancy_reporting,
    with_not_returned,
    workforce_proportions,
)
from ahp_analytics.analysis.measures.summaries import (
    DEMO_GROUP,
    ORG_COLUMNS,
    READ_TABLES,
    SUMMARY_COLUMNS,
    indicator_order,
    peer_groups,
    summary,
    summary_of,
    summary_table,
    with_rows_of,
)
from ahp_analytics.analysis.measures.windows import (
    Change,
    available_windows,
    default_window,
    headline,
    headline_changes,
    latest_in_window,
    plural,
    with_period_end,
)
from ahp_analytics.analysis.measures.workforce import (
    WORKFORCE_COLUMNS,
    by_month,
    monthly_series,
    workforce_by,
    workforce_from_sums,
    workforce_measures,
)

# The leadership categories: callers read them here as well as from the registry.
from ahp_analytics.domain.measures import CATEGORIES, CATEGORY_LEVEL

__all__ = [
    "CATEGORIES",
    "CATEGORY_LEVEL",
    "default_window",
    "available_windows",
    "headline",
    "Change",
    "headline_changes",
    "with_period_end",
    "latest_in_window",
    "plural",
    "WORKFORCE_COLUMNS",
    "workforce_measures",
    "workforce_from_sums",
    "workforce_by",
    "monthly_series",
    "by_month",
    "SENIORITY",
    "BOARD_AT",
    "LEADERSHIP_COLUMNS",
    "posts_of",
    "leadership_category",
    "senior_lead_reports_to",
    "strategic_leadership_fte",
    "professional_lead_coverage",
    "ORG_COLUMNS",
    "SUMMARY_COLUMNS",
    "indicator_order",
    "summary",
    "summary_of",
    "summary_table",
    "with_rows_of",
    "READ_TABLES",
    "DEMO_GROUP",
    "peer_groups",
    "GROUPINGS",
    "STRATA",
    "MIX_RESAMPLES",
    "MIX_SEED",
    "catalogue_row",
    "indicator_info",
    "resolve_indicator",
    "close_indicator_matches",
    "indicator_columns",
    "IndicatorComparison",
    "Grouping",
    "grouping",
    "trust_type_note",
    "compare_indicator",
    "SUBMISSIONS_IN_USE",
    "data_freshness",
    "category_counts",
    "with_not_returned",
    "not_returned_note",
    "reporting_lines",
    "vacancy_reporting",
    "workforce_proportions",
    "PROPORTION_UNITS",
    "ProportionInputs",
    "indicator_proportions",
    "indicator_options",
    "peer_comparison",
    "peer_median_series",
    "peer_medians",
    "paired_monthly_series",
]
