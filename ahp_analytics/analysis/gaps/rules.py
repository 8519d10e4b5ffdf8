"""The gap rules file, the columns of checks and flags, and the monthly series the rules read."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ahp_analytics.analysis import measures, stats
from ahp_analytics.domain import reference
from ahp_analytics.domain.periods import Window, period_end

RULES_FILE = reference.DATA_DIR / "gap_rules.csv"
RULE_COLUMNS = ("rule_id", "title", "severity", "threshold", "enabled", "description", "look_first")
SEVERITIES = ("high", "medium", "low")
SEVERITY_WEIGHT = {"high": 3, "medium": 2, "low": 1}
FLAG, CLEAR, NOT_ASSESSED = "flag", "clear", "not assessed"

# Rules that need a number in the threshold column.
THRESHOLD_RULES = frozenset(
    {
        "lead_not_at_board",
        "low_leadership_capacity",
        "professions_without_lead",
        "vacancy_special_cause",
        "turnover_special_cause",
        "senior_share_low",
    }
)
# Rules whose threshold is the level of a funnel limit, in per cent.
LEVEL_RULES = frozenset({"senior_share_low"})
# Rules whose threshold is a share of peers, in per cent.
SHARE_RULES = frozenset({"lead_not_at_board"})
MIN_PEERS = stats.SMALL_GROUP
TURNOVER = "turnover"
STRATEGIC = measures.CATEGORIES[:3]
AT_BOARD = measures.CATEGORIES[:2]

CHECK_COLUMNS = (
    "org_code",
    "org_name",
    "trust_type",
    "window",
    "rule_id",
    "title",
    "severity",
    "status",
    "headline",
    "measure",
    "measure_label",
    "unit",
    "value",
    "value_text",
    "data_period",
    "peer_group",
    "peer_n",
    "peer_median",
    "peer_q1",
    "peer_q3",
    "quartile",
    "peer_text",
    "detail",
    "look_first",
)
FLAG_COLUMNS = tuple(c for c in CHECK_COLUMNS if c != "status")
TABLE_COLUMNS = (
    "org_code",
    "org_name",
    "region",
    "icb",
    "trust_type",
    "leadership_category",
    "flags",
    "high",
    "medium",
    "low",
    "score",
    "look_first_at",
    "rules",
    "window",
)


def _with_end(df: pd.DataFrame) -> pd.DataFrame:
    return df.assign(period_end=period_end(df["period"], df["period_type"].astype(object)))


def _without(values: pd.Series, org: str) -> np.ndarray:
    """Values indexed by organisation code, the organisation itself left out."""
    return values[values.index != org].to_numpy(dtype=float)


def _by_org(df: pd.DataFrame) -> dict[str, pd.DataFrame]:
    return {org: part for org, part in df.groupby("org_code", sort=False)}


def monthly_vacancy(
    workforce: pd.DataFrame, window: Window, org_code: str | None = None
) -> pd.DataFrame:
    """The monthly series the vacancy rule charts: per organisation (or only ``org_code``)
    and month ending on or before the window's end, ``period_end``, ``period`` and the
    :func:`measures.workforce_measures` (``vacancy_rate`` among them), by date."""
    data = workforce[workforce["period_type"].astype(object) == "month"]
    if org_code is not None:
        data = data[data["org_code"] == org_code]
    data = _with_end(data)
    data = data[data["period_end"] <= pd.Timestamp(window.end)]
    out = measures.workforce_measures(data, ["org_code", "period_end", "period"])
    return out.sort_values(["org_code", "period_end"], kind="stable").reset_index(drop=True)


def monthly_turnover(
    indicators: pd.DataFrame | None, window: Window, org_code: str | None = None
) -> pd.DataFrame:
    """The monthly values of the ``turnover`` indicator up to the window's end (``org_code``,
    ``period``, ``period_end``, ``value``), by date; empty when it is reported only yearly."""
    columns = ["org_code", "period", "period_end", "value"]
    if indicators is None or indicators.empty:
        return pd.DataFrame(columns=columns)
    data = indicators[
        (indicators["indicator"] == TURNOVER)
        & (indicators["period_type"].astype(object) == "month")
        & indicators["value"].notna()
    ]
    if org_code is not None:
        data = data[data["org_code"] == org_code]
    data = _with_end(data)
    data = data.loc[data["period_end"] <= pd.Timestamp(window.end), columns]
    return data.sort_values(["org_code", "period_end"], kind="stable").reset_index(drop=True)


def senior_share_funnel(rows: pd.DataFrame) -> stats.Funnel:
    """The funnel of senior band share (``senior_fte`` over ``ahp_fte``, one point per
    ``org_code``) of summary ``rows``, with the adjusted limits the Workforce page and the
    chart behind a senior_share_low flag draw (:func:`stats.funnel`)."""
    return stats.funnel(rows["senior_fte"], rows["ahp_fte"], rows["org_code"])
