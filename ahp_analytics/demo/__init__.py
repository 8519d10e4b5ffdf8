"""The demonstration data set: fictional trusts with AHP workforce, leadership and indicators.

Everything comes from one seed (default :data:`DEFAULT_SEED`); the same seed gives the same
values in every sheet. The organisations are invented and cannot be mistaken for real ones:
codes ``DM001`` to ``DM150`` (no real ODS code starts ``DM``) and every name contains the word
DEMO, e.g. "Demo Ashbury Hospitals NHS Trust (DEMO)".

What is in it
-------------
- **Organisations**: 150 trusts across the 7 NHS England regions, each in a fictional ICB
  ("Demo ... ICB"); about 60% acute, 10% acute specialist, 15% mental health, 10% community
  and 5% ambulance trusts.
- **Workforce**: 24 months, April 2023 to March 2025 (periods ``2023-04`` ... ``2025-03``),
  FTE, headcount and vacancy FTE by profession and band (Band 3 to Band 8c, Band 5 and 6
  largest). Professions follow the trust type: ambulance trusts are nearly all paramedics,
  mental health trusts have occupational therapists and arts therapists, acute trusts have
  physiotherapists, radiographers, ODPs and the smaller professions. Each trust grows gently
  (about 3% a year) with monthly noise. A few trusts leave Vacancy FTE blank throughout, and
  about one in ten leaves it blank for its small professions only (every month), so that the
  vacancy rate is worked out over the rows that report it.
- **Leadership**: one return per financial year, dated March (``2024-03`` and ``2025-03``).
  Each trust is given an arrangement category (docs/measures.md) in fixed proportions,
  independently of its type, region and size: A 8%, B 22%, C 40%, D 20%, E 10%; about 1 in 12
  trusts moves one category between the two years, and :data:`MOVES` plants 20 more moves (12
  towards the board, 8 away from it), so that about 30 trusts change their arrangement, enough
  to compare their before and after with the trusts that did not change. The posts encode the
  category: A has a Chief AHP or Director of AHPs who is a voting board member (reporting
  mostly to the chief executive), B a strategic post that attends board or is a non-voting
  member, C a strategic post below board, D professional leads only, E the explicit nil return
  (a Leadership sheet with one row whose Role is None). A few trusts send no leadership return
  in a year (no Leadership sheet): their arrangement is not known (Not returned), though the
  trust still has one, which the indicators follow.
- **Indicators**: every catalogue indicator for 2023/24 and 2024/25 (long form, periods
  ``2023/24`` and ``2024/25``) for the trust types that report it (SHMI and A&E 4-hour for
  acute trusts only, for instance), with numerator and denominator where the indicator is a
  proportion or ratio, and CQC ratings as words. A trust whose values of a percentage
  indicator are all between 0 and 1 (a surplus of 0.4%, say) writes them as ``0.4%``, as the
  format asks, so that they are not read as fractions.

Planted relationships
---------------------
Each indicator is a trust-type baseline, plus a persistent trust effect, plus year-to-year
noise. Only the indicators in :data:`PLANTED` also depend on the trust's leadership level in
that year (4 for category A down to 0 for E): ``ahp_able_to_improve`` (+3 points per level)
and ``staff_engagement`` (+0.12 per level) rise with it and ``turnover`` (-0.8 points per
level) falls with it. The effects are moderate: Spearman's rho between level and value is
about 0.3 to 0.5 over the 150 trusts. Every other indicator is generated without reference to
leadership and leadership is assigned independently of everything else, so any association
seen is chance; :data:`NULL_INDICATORS` names those the tests check. A trust that changes its
arrangement therefore changes the planted indicators by the slope times its change of level
(their year-to-year noise is small enough for about 30 moving trusts to show it), and the
others only by chance. ``stability`` and ``staff_recommend_work`` share the trust effect of
``turnover`` and ``staff_engagement`` but not the leadership effect, so they correlate with
those indicators and not with leadership.

Special causes
--------------
:data:`SPECIAL_CAUSE` lists trusts with a planted shift for SPC charts: total vacancy FTE
about 80% higher from August 2024, or total FTE 10% higher from July 2024 (a service
transferred in). These trusts have no trend otherwise, so the shift is their only signal.

The modules: :mod:`.design` (what the set holds), :mod:`.organisations`, :mod:`.workforce`,
:mod:`.leadership` and :mod:`.indicators` (each part's generation), :mod:`.workbooks` (the
tables and the return workbooks) and :mod:`.loading` (into the store and out again).
"""

from __future__ import annotations

from ahp_analytics.demo.design import (
    BANDS,
    CATEGORIES,
    CATEGORY_SHARES,
    DEFAULT_SEED,
    FINANCIAL_YEARS,
    LEADERSHIP_PERIODS,
    LEVELS,
    MONTHS,
    N_TRUSTS,
    NULL_INDICATORS,
    ORGANISATIONS_FILE,
    PLANTED,
    SPECIAL_CAUSE,
)
from ahp_analytics.demo.leadership import MOVES, demo_categories
from ahp_analytics.demo.loading import DEMO_USER, demo_submission_ids, load_demo, remove_demo
from ahp_analytics.demo.organisations import demo_organisations
from ahp_analytics.demo.workbooks import demo_tables, write_demo_returns

__all__ = [
    "DEFAULT_SEED",
    "N_TRUSTS",
    "MONTHS",
    "FINANCIAL_YEARS",
    "LEADERSHIP_PERIODS",
    "CATEGORIES",
    "LEVELS",
    "CATEGORY_SHARES",
    "PLANTED",
    "NULL_INDICATORS",
    "SPECIAL_CAUSE",
    "ORGANISATIONS_FILE",
    "BANDS",
    "demo_organisations",
    "MOVES",
    "demo_categories",
    "demo_tables",
    "write_demo_returns",
    "DEMO_USER",
    "demo_submission_ids",
    "remove_demo",
    "load_demo",
]
