"""Gaps and risks in AHP leadership, per organisation, from the data.

Each rule of ``data/gap_rules.csv`` (see data/README.md) checks one organisation in one window
and comes out as a *flag* (it fired), *clear* or *not assessed* (the data needed is missing).
A flag carries its value, the peer comparison (peer group, peer median and quartiles, the
organisation's quartile), what the data says and what to look at first.

Peers are the other organisations of the same trust type (:func:`measures.peer_groups`) among
the rows of the summary table given, never the organisation itself, so pass the summary of
every organisation, not a filtered one. Each rule's value is a measure of the registry
(:mod:`ahp_analytics.domain.measures`, column ``measure``) or an indicator, with the registry's
direction; a rule that needs a quantity of its own (coverage of larger professions) has its
own measure, so a page never shows one label with two numbers.
"""

from __future__ import annotations

from ahp_analytics.analysis.gaps.checks import RULES
from ahp_analytics.analysis.gaps.flags import (
    IN_WORDS,
    QUARTILE_TEXT,
    VALUE_IN_DETAIL,
    all_checks,
    all_flags,
    card,
    flag_table,
    flags_of,
    load_rules,
    org_checks,
    org_flags,
    verdict,
)
from ahp_analytics.analysis.gaps.inputs import GapInputs, WorkforceSums
from ahp_analytics.analysis.gaps.rules import (
    AT_BOARD,
    CHECK_COLUMNS,
    CLEAR,
    FLAG,
    FLAG_COLUMNS,
    LEVEL_RULES,
    MIN_PEERS,
    NOT_ASSESSED,
    RULE_COLUMNS,
    RULES_FILE,
    SEVERITIES,
    SEVERITY_WEIGHT,
    SHARE_RULES,
    STRATEGIC,
    TABLE_COLUMNS,
    THRESHOLD_RULES,
    TURNOVER,
    latest_profession_fte,
    latest_profession_fte_from_sums,
    monthly_turnover,
    monthly_vacancy,
    monthly_vacancy_from_sums,
    senior_share_funnel,
)

__all__ = [
    "AT_BOARD",
    "CHECK_COLUMNS",
    "CLEAR",
    "FLAG",
    "FLAG_COLUMNS",
    "GapInputs",
    "IN_WORDS",
    "LEVEL_RULES",
    "MIN_PEERS",
    "NOT_ASSESSED",
    "QUARTILE_TEXT",
    "RULES",
    "RULES_FILE",
    "RULE_COLUMNS",
    "SEVERITIES",
    "SEVERITY_WEIGHT",
    "SHARE_RULES",
    "STRATEGIC",
    "TABLE_COLUMNS",
    "THRESHOLD_RULES",
    "TURNOVER",
    "VALUE_IN_DETAIL",
    "WorkforceSums",
    "all_checks",
    "all_flags",
    "card",
    "flag_table",
    "flags_of",
    "latest_profession_fte",
    "latest_profession_fte_from_sums",
    "load_rules",
    "monthly_turnover",
    "monthly_vacancy",
    "monthly_vacancy_from_sums",
    "org_checks",
    "org_flags",
    "senior_share_funnel",
    "verdict",
]
