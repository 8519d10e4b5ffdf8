"""Figures for the dashboard pages: data freshness, category counts, reporting lines, vacancy
reporting, proportions for funnel plots, indicator options, peer comparison and medians, and
the paired monthly series.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from ahp_analytics.analysis.measures.comparison import (
    _text_or_none,
    catalogue_lookup,
    indicator_columns,
    indicator_info,
    info_of_row,
)
from ahp_analytics.analysis.measures.leadership import LEADERSHIP_COLUMNS
from ahp_analytics.analysis.measures.summaries import peer_groups
from ahp_analytics.analysis.measures.windows import _iso, latest_in_window, plural, with_period_end
from ahp_analytics.analysis.measures.workforce import WORKFORCE_COLUMNS, workforce_measures
from ahp_analytics.analysis.stats import (
    peer_position,
)
from ahp_analytics.domain import measures as registry
from ahp_analytics.domain import reference
from ahp_analytics.domain.measures import (
    CATEGORIES,
    NOT_RETURNED,
    PERIOD_SUFFIX,
)
from ahp_analytics.domain.periods import (
    Window,
)

# --- for the dashboard pages --------------------------------------------------------------------

SUBMISSIONS_IN_USE = ("current", "partly superseded")


def data_freshness(submissions: pd.DataFrame) -> dict:
    """How up to date the stored data is: ``submissions`` in use (current or partly
    superseded) and ``last_updated``, the latest time data changed (a file stored or a
    submission withdrawn, UTC), None with no history."""
    if submissions.empty:
        return {"submissions": 0, "last_updated": None}
    in_use = int(submissions["status"].isin(SUBMISSIONS_IN_USE).sum())
    times = pd.concat([submissions["submitted_at"], submissions["withdrawn_at"]]).dropna()
    return {
        "submissions": in_use,
        "last_updated": None if times.empty else pd.Timestamp(times.max()),
    }


def category_counts(summary_df: pd.DataFrame) -> pd.DataFrame:
    """Organisations in each leadership category (all of :data:`CATEGORIES`, in order, zero
    counts kept) and their share (%) of organisations with a leadership return; then a
    :data:`NOT_RETURNED` row counting those that sent none, with no share (a missing return
    is not evidence of absence)."""
    category = summary_df["leadership_category"]
    counts = category.value_counts().reindex(list(CATEGORIES), fill_value=0)
    total = int(counts.sum())
    share = counts / total * 100 if total else counts * float("nan")
    return pd.DataFrame(
        {
            "leadership_category": [*CATEGORIES, NOT_RETURNED],
            "organisations": [*counts.to_numpy(dtype="int64"), int(category.isna().sum())],
            "share_pct": [*share.to_numpy(dtype="float64"), float("nan")],
        }
    ).astype({"organisations": "int64", "share_pct": "float64"})


def with_not_returned(categories: pd.Series) -> pd.Series:
    """Leadership categories for a chart: a missing one (no leadership return in the window)
    becomes :data:`NOT_RETURNED`, its own group."""
    return categories.astype(object).where(categories.notna(), NOT_RETURNED)


def not_returned_note(summary_df: pd.DataFrame) -> str | None:
    """ "12 organisations sent no leadership return in the window and are left out of the
    shares and statistics." for a caption; None when every organisation sent one."""
    n = int(summary_df["leadership_category"].isna().sum())
    if not n:
        return None
    return (
        f"{plural(n, 'organisation')} sent no leadership return in the window "
        f"({'it is' if n == 1 else 'they are'} shown as {NOT_RETURNED} and left out of shares "
        "and statistics)."
    )


def reporting_lines(summary_df: pd.DataFrame) -> pd.DataFrame:
    """Organisations by leadership category (rows, A to D: E has no posts) and whom the most
    senior AHP leader reports to (columns in the return's order, then "Not given"), with a
    ``Total`` column."""
    data = summary_df[summary_df["leadership_category"].isin(CATEGORIES[:4])]
    reports = (
        data["senior_lead_reports_to"]
        .astype(object)
        .where(data["senior_lead_reports_to"].notna(), "Not given")
    )
    columns = [*reference.REPORTS_TO.labels, "Not given"]
    table = pd.crosstab(data["leadership_category"], reports).reindex(
        index=list(CATEGORIES[:4]), columns=columns, fill_value=0
    )
    table = table.loc[:, (table.sum() > 0) | table.columns.isin(reference.REPORTS_TO.labels)]
    table["Total"] = table.sum(axis=1)
    table.index.name = "leadership_category"
    table.columns.name = None
    return table.reset_index().astype({c: "int64" for c in table.columns})


def vacancy_reporting(summary_df: pd.DataFrame) -> dict[str, int]:
    """How the organisations with workforce figures report vacancies in their latest month:
    ``all`` rows give a figure, ``some`` rows leave it blank (those rows are left out of
    the vacancy rate), or ``none`` does (no vacancy rate)."""
    with_fte = summary_df[summary_df["ahp_fte"].notna()]
    reported_fte = with_fte["established_fte"] - with_fte["vacancy_fte"]
    none = int(with_fte["vacancy_fte"].isna().sum())
    # FTE of the rows that give a vacancy figure, short of all FTE: some rows left it blank.
    some = int((reported_fte < with_fte["ahp_fte"] - 1e-6).sum())
    return {"all": len(with_fte) - none - some, "some": some, "none": none}


def workforce_proportions(summary_df: pd.DataFrame) -> pd.DataFrame:
    """The funnel plot inputs per organisation: ``vacancy_fte`` over ``established_fte``
    (FTE plus vacancy FTE of the rows that report a vacancy; NaN when none does) and
    ``senior_fte`` over ``ahp_fte``, with the organisation's code and name."""
    columns = ["org_code", "org_name", "vacancy_fte", "established_fte", "senior_fte", "ahp_fte"]
    return summary_df[columns].copy()


# Units under which an indicator's numerator over its denominator is a proportion; an indicator
# without a unit (a custom one may have none) is judged on its figures alone.
PROPORTION_UNITS = ("%",)


@dataclass
class ProportionInputs:
    """Funnel plot inputs of one indicator (:func:`indicator_proportions`): ``frame`` with
    ``org_code``, ``period``, ``numerator`` and ``denominator``, and ``reason``, why there can
    be no funnel plot (None when there can be one)."""

    frame: pd.DataFrame
    reason: str | None


def indicator_proportions(
    indicators: pd.DataFrame, code: str, window: Window, unit: str | None = None
) -> ProportionInputs:
    """The funnel plot inputs of indicator ``code``: per organisation, the row of its latest
    value in ``window`` (the value the summary table shows) with that row's numerator and
    denominator (NaN where the row gives none; the funnel leaves such organisations out and
    counts them). No funnel when no such row gives both, when ``unit`` is given and is not a
    percentage (a ratio, count or score), or when a numerator is negative or above its
    denominator (the figures are not a proportion)."""
    columns = ["org_code", "period", "numerator", "denominator"]
    rows = indicators[(indicators["indicator"] == code) & indicators["value"].notna()]
    latest = latest_in_window(rows, window)
    frame = latest.assign(period=latest["period"].map(_iso))[columns].reset_index(drop=True)
    given = frame[["numerator", "denominator"]].notna().all(axis=1)
    num, den = frame.loc[given, "numerator"], frame.loc[given, "denominator"]
    if not given.any():
        reason = f"no organisation gives a numerator and denominator for it in {window.label}"
    elif isinstance(unit, str) and unit and unit not in PROPORTION_UNITS:
        reason = f"its unit is {unit}, so numerator over denominator is not a proportion"
    elif ((num < 0) | (num > den)).any():
        reason = "some numerators are negative or above their denominators: not proportions"
    else:
        reason = None
    return ProportionInputs(frame, reason)


def indicator_options(
    summary_df: pd.DataFrame, catalogue: pd.DataFrame | None = None
) -> pd.DataFrame:
    """What can be compared in a summary table: each indicator with values (code: its summary
    column; name, domain, unit, higher_is_better, description), sorted by domain then name,
    then the registry's comparable measures (domain ``registry.MEASURES_DOMAIN``). A unit or
    description the catalogue leaves blank is None."""
    cat = reference.indicator_catalogue() if catalogue is None else catalogue
    have = [c for c in indicator_columns(summary_df) if summary_df[c].notna().any()]
    rows = []
    lookup = catalogue_lookup(cat)
    for code in have:
        found = lookup(code)
        info = (
            indicator_info(code, cat) if code in registry.COMPARABLE else info_of_row(code, found)
        )
        match = found or {}
        rows.append(
            info
            | {
                "domain": _text_or_none(match.get("domain")) or "Other",
                "description": _text_or_none(match.get("description")),
            }
        )
    rows.sort(key=lambda r: (r["domain"].lower(), str(r["name"]).lower()))
    for code in registry.COMPARABLE:
        m = registry.measure(code)
        rows.append(
            {
                "code": code,
                "name": m.label,
                "unit": m.unit,
                "higher_is_better": m.higher_is_better,
                "domain": registry.MEASURES_DOMAIN,
                "description": m.definition,
            }
        )
    columns = ["code", "name", "domain", "unit", "higher_is_better", "description"]
    # Object columns keep a blank unit or description as None, never a NaN a page would print.
    return pd.DataFrame(rows, columns=columns, dtype=object)


def peer_comparison(
    summary_df: pd.DataFrame,
    org_code: str,
    by: str | None = "trust_type",
    catalogue: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One organisation against its peers (docs/statistics.md, Peer benchmarking), one row per
    comparable measure of the registry and indicator column: its value and period, the peer
    group (:func:`peer_groups`; peers are the *other* organisations of the group with a value),
    their count, median and quartiles, the organisation's quartile (4 holds the highest values)
    and ``assessment`` (better, worse, middle or neutral) given ``higher_is_better``.
    Empty when ``org_code`` is not in ``summary_df``."""
    columns = [
        "code",
        "name",
        "domain",
        "unit",
        "higher_is_better",
        "value",
        "period",
        "peer_group",
        "n_peers",
        "peer_median",
        "peer_q1",
        "peer_q3",
        "quartile",
        "assessment",
    ]
    is_org = (summary_df["org_code"] == org_code).to_numpy()
    if not is_org.any():
        return pd.DataFrame(columns=columns)
    groups = peer_groups(summary_df, by)
    row = summary_df[is_org].iloc[0]
    group = groups[is_org].iloc[0]
    peers = summary_df[(groups == group).to_numpy() & ~is_org]
    options = indicator_options(summary_df, catalogue)
    comparable = list(registry.COMPARABLE)
    order = comparable + [c for c in options["code"] if c not in comparable]
    info = options.set_index("code")
    period_of = {c: "workforce_period" for c in WORKFORCE_COLUMNS} | {
        c: "leadership_period" for c in LEADERSHIP_COLUMNS
    }
    rows = []
    for code in order:
        meta = info.loc[code]
        better = meta["higher_is_better"]
        better = None if better is None or pd.isna(better) else bool(better)
        pos = peer_position(row.get(code), peers[code], better)
        period = row.get(period_of.get(code, code + PERIOD_SUFFIX))
        rows.append(
            {
                "code": code,
                "name": meta["name"],
                "domain": meta["domain"],
                "unit": meta["unit"],
                "higher_is_better": better,
                "value": pos.value,
                "period": period if isinstance(period, str) else None,
                "peer_group": group,
                "n_peers": pos.n_peers,
                "peer_median": pos.peer_median,
                "peer_q1": pos.peer_q1,
                "peer_q3": pos.peer_q3,
                "quartile": pos.quartile,
                "assessment": pos.assessment,
            }
        )
    out = pd.DataFrame(rows, columns=columns)
    out["quartile"] = out["quartile"].astype("Int64")
    return out


def peer_median_series(workforce: pd.DataFrame, orgs: Sequence[str]) -> pd.DataFrame:
    """Per period (``period``, ``period_end``): the median over the organisations ``orgs`` of
    each one's AHP FTE, vacancy rate and senior band share that period, and ``organisations``,
    how many reported it. Sorted by period end; empty with no rows for ``orgs``."""
    data = with_period_end(workforce[workforce["org_code"].isin(list(orgs))])
    return peer_medians(workforce_measures(data, ["period_end", "period", "org_code"]))


def peer_medians(per_org: pd.DataFrame) -> pd.DataFrame:
    """:func:`peer_median_series` of the workforce measures of each organisation and period
    (``period_end``, ``period``, ``org_code``)."""
    g = per_org.groupby(["period_end", "period"], sort=True)
    out = pd.DataFrame(
        {
            "organisations": g["org_code"].nunique(),
            "ahp_fte": g["ahp_fte"].median(),
            "vacancy_rate": g["vacancy_rate"].median(),
            "senior_band_share": g["senior_band_share"].median(),
        }
    ).reset_index()
    out["organisations"] = out["organisations"].astype("int64")
    return out


def paired_monthly_series(
    own: pd.DataFrame, median: pd.DataFrame, window: Window
) -> tuple[pd.DataFrame, pd.DataFrame, str]:
    """An organisation's :func:`monthly_series` (``own``) and its peers'
    :func:`peer_median_series` (``median``) over the same months, for control charts side by
    side: the months up to the end of ``window``, from the organisation's first to its last
    month there (all the peers' months up to the end when it has none), and those months in
    words ("April 2023 to March 2025")."""
    end = pd.Timestamp(window.end)
    own = own[own["period_end"] <= end].reset_index(drop=True)
    median = median[median["period_end"] <= end]
    if len(own):
        first, last = own["period_end"].iloc[0], own["period_end"].iloc[-1]
        median = median[median["period_end"].between(first, last)]
    median = median.reset_index(drop=True)
    months = own if len(own) else median
    if months.empty:
        return own, median, f"no months up to the end of {window.label}"
    first, last = (pd.Timestamp(months["period"].iloc[i]) for i in (0, -1))
    span = f"{first:%B %Y} to {last:%B %Y}" if first != last else f"{first:%B %Y}"
    return own, median, span
