"""The gap rules file, the columns of checks and flags, and the monthly series the rules read."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ahp_analytics.analysis import measures, stats
from ahp_analytics.analysis.gaps.inputs import WorkforceSums
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
# A workforce key group: what the store keeps one row of sums for.
_KEY = ("org_code", "period", "period_type")

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


class ByOrg:
    """Each organisation's rows of a frame (``get`` as a dict's), split off when first asked
    for: checking one organisation reads a few organisations' rows, not all of them."""

    def __init__(self, df: pd.DataFrame) -> None:
        self._df = df
        self._at = df.groupby("org_code", sort=False).indices if len(df) else {}
        self._parts: dict[str, pd.DataFrame] = {}

    def get(self, org: str, default: pd.DataFrame | None = None) -> pd.DataFrame | None:
        if org not in self._at:
            return default
        if org not in self._parts:
            self._parts[org] = self._df.iloc[self._at[org]]
        return self._parts[org]


def monthly_vacancy(
    workforce: pd.DataFrame, window: Window, org_code: str | None = None
) -> pd.DataFrame:
    """The monthly series the vacancy rule charts: per organisation (or only ``org_code``)
    and month ending on or before the window's end, ``period_end``, ``period`` and the
    :func:`measures.workforce_measures` (``vacancy_rate`` among them), by date."""
    return _monthly(workforce, window, org_code, measures.workforce_measures)


def monthly_vacancy_from_sums(
    sums: pd.DataFrame, window: Window, org_code: str | None = None
) -> pd.DataFrame:
    """:func:`monthly_vacancy` from the kept sums of the workforce key groups in total
    (:attr:`WorkforceSums.totals`) rather than the raw rows: the same series."""
    return _monthly(sums, window, org_code, measures.workforce_from_sums)


def _monthly(data: pd.DataFrame, window: Window, org_code: str | None, measure) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    """``measure`` (of raw rows or of sums) per organisation and month up to the window's end."""
    data = data[data["period_type"].astype(object) == "month"]
    if org_code is not None:
        data = data[data["org_code"] == org_code]
    data = _with_end(data)
    data = data[data["period_end"] <= pd.Timestamp(window.end)]
    out = measure(data, ["org_code", "period_end", "period"])
    return out.sort_values(["org_code", "period_end"], kind="stable").reset_index(drop=True)


def latest_profession_fte(workforce: pd.DataFrame, window: Window) -> pd.DataFrame:
    """FTE by profession (``org_code``, ``profession``, ``fte``) in each organisation's
    latest workforce period in ``window``, by organisation and profession; rows without a
    profession left out."""
    return _profession_fte(measures.latest_in_window(workforce, window))


def latest_profession_fte_from_sums(sums: WorkforceSums, window: Window) -> pd.DataFrame:
    """:func:`latest_profession_fte` from the kept sums: the latest key group of each
    organisation picked from ``sums.totals``, its professions from ``sums.by_profession``."""
    latest = measures.latest_in_window(sums.totals, window)[list(_KEY)]
    return _profession_fte(sums.by_profession.merge(latest, on=list(_KEY)))


def _profession_fte(rows: pd.DataFrame) -> pd.DataFrame:
    if rows.empty:
        return pd.DataFrame(columns=["org_code", "profession", "fte"])
    out = rows.groupby(["org_code", "profession"], as_index=False)["fte"].sum()
    # Sums of 2-decimal FTEs pick up binary noise that depends on the order of adding (the raw
    # rows' against the kept sums'): 9 places removes it, as in measures.workforce_from_sums,
    # so a figure quoted to one decimal is the same whichever was summed.
    out["fte"] = out["fte"].round(9)
    return out


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
