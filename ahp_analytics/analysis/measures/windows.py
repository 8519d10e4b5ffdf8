"""Windows and latest observations: the default and available analysis windows, the headline
figures and their change, each organisation's latest observation in a window, and counted
nouns for sentences.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd

from ahp_analytics.domain.measures import (
    CATEGORIES,
)
from ahp_analytics.domain.periods import (
    Window,
    financial_year_start,
    financial_year_window,
    has_begun,
    period_end,
)

# --- windows and latest observations -----------------------------------------------------------


def default_window(*tables: pd.DataFrame, today: date | None = None) -> Window:
    """The latest NHS financial year holding an observation of ``tables`` (each dated by its
    period's last day) whose period has begun by ``today``: a future period (a plan, or a typing
    error such as 2099) never becomes the default. When every period lies in the future, the
    earliest financial year holding one; with no data, the financial year holding ``today``."""
    ends = [
        with_period_end(df[["period", "period_type"]])[["period", "period_end"]].dropna()
        for df in tables
        if len(df) and df["period"].notna().any()
    ]
    if not ends:
        return financial_year_window(financial_year_start(today or date.today()))
    observed = pd.concat(ends, ignore_index=True)
    begun = observed[has_begun(observed["period"], today).to_numpy()]
    chosen = begun["period_end"].max() if len(begun) else observed["period_end"].min()
    return financial_year_window(financial_year_start(chosen.date()))


def available_windows(*tables: pd.DataFrame) -> list[str]:
    """Labels of the financial years holding any observation of ``tables``, newest first."""
    starts: set[int] = set()
    for df in tables:
        if len(df):
            ends = with_period_end(df)["period_end"].dropna()
            starts |= {financial_year_start(d.date()) for d in ends.drop_duplicates()}
    return [financial_year_window(y).label for y in sorted(starts, reverse=True)]


def headline(summary_df: pd.DataFrame) -> dict[str, float]:
    """The Overview's figures (``registry.HEADLINE``) for a set of summary rows: organisations
    reporting, AHP FTE, the pooled vacancy rate (sum vacancy FTE / sum established FTE, both
    over the rows that report a vacancy), and the shares (%) of organisations with a
    leadership return that have a strategic AHP lead (A to C) and an AHP executive on the
    board (A). Organisations that sent no leadership return are left out of the shares."""
    df = summary_df
    with_category = df[df["leadership_category"].notna()] if len(df) else df
    n_cat = len(with_category)
    vac = df["vacancy_fte"].sum() if len(df) else 0.0
    established = df["established_fte"].sum() if len(df) else 0.0
    strategic = with_category["leadership_category"].isin(CATEGORIES[:3]).sum() if n_cat else 0
    executive = (with_category["leadership_category"] == CATEGORIES[0]).sum() if n_cat else 0
    return {
        "organisations": float(len(df)),
        "ahp_fte": float(df["ahp_fte"].sum()) if len(df) else 0.0,
        "vacancy_rate": float(vac / established * 100) if established > 0 else float("nan"),
        "strategic_lead_share": float(strategic / n_cat * 100) if n_cat else float("nan"),
        "board_executive_share": float(executive / n_cat * 100) if n_cat else float("nan"),
    }


# The summary column an organisation needs in both windows for each headline figure to be
# compared like for like.
_LIKE_FOR_LIKE = {
    "ahp_fte": "ahp_fte",
    "vacancy_rate": "vacancy_fte",
    "strategic_lead_share": "leadership_category",
    "board_executive_share": "leadership_category",
}


@dataclass(frozen=True)
class Change:
    """A headline figure against an earlier window: ``now`` and ``before`` over the same
    ``n`` organisations (those that reported it in both), or, for the count of organisations
    reporting, over all (``like_for_like`` False, ``n`` None)."""

    now: float
    before: float
    n: int | None
    like_for_like: bool = True


def headline_changes(now_df: pd.DataFrame, before_df: pd.DataFrame) -> dict[str, Change]:
    """Each :func:`headline` figure of ``now_df`` against ``before_df``, like for like: worked
    out again over only the organisations that reported that figure's data in both windows,
    so the change comes from the workforce, not from who reported. The count of organisations
    reporting is the one exception (a plain difference)."""
    out = {
        "organisations": Change(float(len(now_df)), float(len(before_df)), None, False),
    }
    for key, column in _LIKE_FOR_LIKE.items():
        both = set(now_df.loc[now_df[column].notna(), "org_code"]) & set(
            before_df.loc[before_df[column].notna(), "org_code"]
        )
        now = headline(now_df[now_df["org_code"].isin(both)])[key]
        before = headline(before_df[before_df["org_code"].isin(both)])[key]
        out[key] = Change(now, before, len(both))
    return out


def with_period_end(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` (``period``, ``period_type``) with ``period_end``, the period's last
    day (what dates an observation)."""
    out = df.copy()
    kinds = out["period_type"].astype(object)
    if out.empty:
        out["period_end"] = period_end(out["period"], kinds)
        return out
    # Periods and kinds are few: work out the end of each distinct pair once.
    starts, start_values = pd.factorize(out["period"], use_na_sentinel=False)
    kind_codes, kind_values = pd.factorize(kinds, use_na_sentinel=False)
    codes, pairs = pd.factorize(starts * len(kind_values) + kind_codes)
    ends = period_end(
        pd.Series(start_values[pairs // len(kind_values)]),
        pd.Series(kind_values[pairs % len(kind_values)], dtype=object),
    )
    out["period_end"] = ends.to_numpy()[codes]
    return out


def latest_in_window(
    df: pd.DataFrame, window: Window, keys: Sequence[str] = ("org_code",)
) -> pd.DataFrame:
    """Rows of ``df`` in the latest period inside ``window`` for each ``keys`` group.

    Latest means the latest period end; when two kinds of period end on the same day (March
    and Q4), the shorter one (latest start) is used, so rows are never added across kinds.
    Adds ``period_end``; keeps the input row order within a group.
    """
    data = with_period_end(df)
    data = data[window.contains(data["period_end"]).to_numpy()]
    if data.empty:
        return data
    keys = list(keys)
    if data["period_type"].isna().any():  # a kind missing: .last() below reaches past it
        best = (
            data.sort_values(["period_end", "period"], kind="stable")
            .groupby(keys, sort=False)[["period_end", "period", "period_type"]]
            .last()
            .reset_index()
        )
        return data.merge(best, on=[*keys, "period_end", "period", "period_type"], how="inner")
    # Without sorting or merging all rows: keep the rows at the group's latest end, then at
    # its latest start, then of the kind of the last of those (what a stable sort puts last).
    data = data[
        (data["period_end"] == data.groupby(keys)["period_end"].transform("max")).to_numpy()
    ]
    data = data[(data["period"] == data.groupby(keys)["period"].transform("max")).to_numpy()]
    kind = data.groupby(keys)["period_type"].transform("last")
    return data[(data["period_type"] == kind).to_numpy()].reset_index(drop=True)


def _iso(ts: object) -> str | None:
    return None if ts is None or pd.isna(ts) else pd.Timestamp(ts).date().isoformat()


def plural(n: int, noun: str, nouns: str | None = None) -> str:
    """ "1 organisation", "2 organisations" (``nouns`` for an irregular plural)."""
    return f"{n:,} {noun if n == 1 else nouns or noun + 's'}"
