"""Workforce measures (FTE, headcount, vacancy rate, senior band share) by any grouping, and the
monthly series.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ahp_analytics.analysis.measures.windows import latest_in_window, with_period_end
from ahp_analytics.domain import measures as registry
from ahp_analytics.domain import reference
from ahp_analytics.domain.periods import (
    Window,
)

WORKFORCE_COLUMNS = ("workforce_period", *registry.WORKFORCE_SUMMARY)
# --- workforce ----------------------------------------------------------------------------------


def workforce_measures(rows: pd.DataFrame, keys: Sequence[str]) -> pd.DataFrame:
    """Workforce measures of each ``keys`` group of workforce rows (one org-month, or a pool),
    as the registry defines them (:mod:`ahp_analytics.domain.measures`).

    - ``ahp_fte``: sum of FTE; ``ahp_headcount``: sum of headcount (NaN when none reported;
      people in two groups count twice);
    - ``vacancy_fte``: sum of vacancy FTE over the rows that report one; ``established_fte``:
      FTE plus vacancy FTE over those same rows (both NaN when no row reports one);
    - ``vacancy_rate`` = vacancy_fte / established_fte x 100: a row with a blank vacancy is
      left out of both, not counted as 0; NaN with no figure or a denominator of 0;
    - ``senior_fte``: FTE in Band 8a to Band 9 and VSM; ``senior_band_share`` = senior_fte /
      ahp_fte x 100, NaN when ahp_fte is 0.
    """
    keys = list(keys)
    data = rows[list(dict.fromkeys([*keys, "band", "fte", "headcount", "vacancy_fte"]))].copy()
    data["senior_fte"] = data["fte"].where(data["band"].isin(reference.SENIOR_BANDS), 0.0)
    data["reported_fte"] = data["fte"].where(data["vacancy_fte"].notna())
    return workforce_from_sums(data, keys)


def workforce_from_sums(sums: pd.DataFrame, keys: Sequence[str]) -> pd.DataFrame:
    """:func:`workforce_measures` of each ``keys`` group of partial sums: ``fte``,
    ``headcount``, ``vacancy_fte``, ``reported_fte`` (the FTE of the rows that report a
    vacancy figure) and ``senior_fte``, NaN where no row gave the figure. A workforce row is
    its own partial sum; the store keeps them per organisation and period
    (:mod:`ahp_analytics.store.kept`), so sums of sums give the same measures as the rows."""
    keys = list(keys)
    g = sums.groupby(keys, sort=True, dropna=False)
    out = pd.DataFrame(
        {
            "ahp_fte": g["fte"].sum(min_count=0),
            "ahp_headcount": g["headcount"].sum(min_count=1),
            "vacancy_fte": g["vacancy_fte"].sum(min_count=1),
            "reported_fte": g["reported_fte"].sum(min_count=1),
            "senior_fte": g["senior_fte"].sum(min_count=0),
        }
    ).astype("float64")
    # Sums of 2-decimal FTEs pick up binary noise (386.41999999999996); 9 places removes it.
    out = out.round(9)
    established = out["reported_fte"] + out["vacancy_fte"]
    out["established_fte"] = established.round(9)
    out["vacancy_rate"] = _percent(out["vacancy_fte"], established)
    out["senior_band_share"] = _percent(out["senior_fte"], out["ahp_fte"])
    out = out.reset_index()
    return out[[*keys, *WORKFORCE_COLUMNS[1:]]]


def _percent(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    """numerator / denominator x 100; NaN where the denominator is 0 or missing."""
    den = denominator.where(denominator != 0)
    return (numerator / den * 100).astype("float64")


def workforce_by(
    workforce: pd.DataFrame,
    window: Window,
    by: Sequence[str] = ("profession",),
    orgs: Sequence[str] | None = None,
) -> pd.DataFrame:
    """:func:`workforce_measures` by ``by`` (e.g. profession, band, org_code) over each
    organisation's latest month in ``window`` (optionally only ``orgs``)."""
    data = workforce if not orgs else workforce[workforce["org_code"].isin(list(orgs))]
    latest = latest_in_window(data, window)
    if latest.empty:
        return workforce_measures(data.iloc[0:0], by)
    return workforce_measures(latest, by)


def monthly_series(workforce: pd.DataFrame, org_code: str | None = None) -> pd.DataFrame:
    """Per period (``period``, ``period_end``): the :func:`workforce_measures` of one
    organisation, or pooled over every organisation in ``workforce`` (sums over those that
    reported that period). Sorted by period end."""
    data = workforce if org_code is None else workforce[workforce["org_code"] == org_code]
    return by_month(workforce_measures(with_period_end(data), ["period_end", "period"]))


def by_month(series: pd.DataFrame) -> pd.DataFrame:
    """A monthly series sorted by period end (then period start), numbered from 0."""
    return series.sort_values(["period_end", "period"], kind="stable").reset_index(drop=True)
