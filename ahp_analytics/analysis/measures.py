"""The summary table and every derived measure (spec/metrics.md), each defined once.

Inputs are the canonical frames :meth:`Store.read` returns (``schema.EXPORT_COLUMNS``:
``period`` the first day of the period, ``period_type`` its kind). An observation is dated by
the last day of its period; a :class:`~ahp_analytics.domain.periods.Window` holds the observations
dated inside it, and for each organisation and measure the latest of those is used.
"""

from __future__ import annotations

import difflib
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd
from scipy import stats as sps

from ahp_analytics.analysis.stats import (
    ALPHA,
    GroupComparison,
    compare_groups,
    compare_within,
    peer_position,
    summary_sentence,
)
from ahp_analytics.domain import measures as registry
from ahp_analytics.domain import reference
from ahp_analytics.domain.measures import (
    CATEGORIES,
    CATEGORY_LEVEL,
    NOT_RETURNED,
    PERIOD_SUFFIX,
)
from ahp_analytics.domain.periods import (
    Window,
    financial_year_start,
    financial_year_window,
    has_begun,
    period_end,
)
from ahp_analytics.domain.selection import Selection

# Most senior first (the roles' own order); a post without a role ranks after all of these.
SENIORITY = reference.ROLES.labels
BOARD_AT = ("Non-voting board member", "Attends board")
_SENIORITY_RANK = {r: i for i, r in enumerate(SENIORITY)}

ORG_COLUMNS = ("org_code", "org_name", "region", "icb", "trust_type", "window")
WORKFORCE_COLUMNS = (
    "workforce_period",
    "ahp_fte",
    "ahp_headcount",
    "vacancy_fte",
    "established_fte",
    "vacancy_rate",
    "senior_fte",
    "senior_band_share",
)
LEADERSHIP_COLUMNS = (
    "leadership_period",
    "leadership_posts",
    "leadership_fte_per_100_ahp_fte",
    "strategic_leadership_fte",
    "professional_lead_coverage",
    "leadership_category",
    "leadership_level",
    "senior_lead_reports_to",
)
SUMMARY_COLUMNS = ORG_COLUMNS + WORKFORCE_COLUMNS + LEADERSHIP_COLUMNS

GROUPINGS = ("leadership_category", "leadership_level", "trust_type", "region")
STRATA = ("trust_type", "region")
MIX_RESAMPLES = 1999
MIX_SEED = 20240401


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


# --- leadership ---------------------------------------------------------------------------------


def posts_of(rows: pd.DataFrame) -> pd.DataFrame:
    """The leadership posts among a return's rows: every row but the nil-return row
    (Role ``None``, :data:`~ahp_analytics.domain.reference.NIL_ROLE`)."""
    return rows[(rows["role"] != reference.NIL_ROLE).to_numpy()]


def leadership_category(rows: pd.DataFrame) -> str | None:
    """The leadership arrangement (one of :data:`CATEGORIES`) of one organisation's
    leadership return (its rows in one period), by the first rule that applies: A a
    strategic-role post with a vote on the board, whatever its title; B one at board without
    a vote; C any other strategic-role post; D posts, none strategic; E the explicit nil
    return (only the ``None`` row). None with no rows: the return was not sent, which is not
    evidence of absence."""
    if rows.empty:
        return None
    posts = posts_of(rows)
    role = posts["role"]
    board = posts["board_role"]
    strategic = role.isin(reference.STRATEGIC_ROLES)
    if (strategic & (board == "Voting board member")).any():
        return CATEGORIES[0]
    if (strategic & board.isin(BOARD_AT)).any():
        return CATEGORIES[1]
    if strategic.any():
        return CATEGORIES[2]
    return CATEGORIES[3] if len(posts) else CATEGORIES[4]


def senior_lead_reports_to(posts: pd.DataFrame) -> str | None:
    """Reports to of the most senior post (order :data:`SENIORITY`; ties: highest FTE, then
    the first listed); None without posts."""
    if posts.empty:
        return None
    rank = posts["role"].map(_SENIORITY_RANK).fillna(len(SENIORITY)).to_numpy()
    fte = -posts["fte"].fillna(-np.inf).to_numpy()
    # The first post of the lowest rank, then of the lowest -FTE: what a stable sort puts
    # first, without building and sorting a frame for each organisation.
    best = rank == rank.min()
    best &= fte == fte[best].min()
    value = posts["reports_to"].iloc[int(np.argmax(best))]
    return None if value is None or pd.isna(value) else value


def strategic_leadership_fte(posts: pd.DataFrame) -> float:
    """Sum of post FTE x strategic time % / 100 over leadership posts. Posts that leave
    strategic time % (or FTE) blank count as 0 when another post reports it; NaN when posts
    exist but none reports strategic time %; 0 with no posts (an explicit nil return)."""
    if posts.empty:
        return 0.0
    pct = posts["strategic_time_pct"]
    if pct.isna().all():
        return float("nan")
    return float((posts["fte"] * pct / 100).sum())


def professional_lead_coverage(
    posts: pd.DataFrame, fte_by_profession: pd.Series, above: float = 0.0
) -> float:
    """Professions with FTE above ``above`` that have a Professional lead post / professions
    with FTE above ``above``, in % (``above`` 0: the summary's professional lead coverage;
    the gap rule's threshold: coverage of larger professions). NaN when no profession is
    above it, or when the posts include Professional lead posts and none names a profession
    (coverage is then unknown, not 0)."""
    staffed = set(fte_by_profession.index[fte_by_profession.to_numpy() > above])
    if not staffed:
        return float("nan")
    leads = posts["profession"].to_numpy()[posts["role"].to_numpy() == "Professional lead"]
    led = {p for p in leads if not pd.isna(p)}
    if len(leads) and not led:
        return float("nan")
    return len(staffed & led) / len(staffed) * 100


def _leadership_row(rows: pd.DataFrame, ahp_fte: float, fte_by_profession: pd.Series) -> dict:
    """The leadership columns of one organisation from its latest leadership return's rows
    (none: not returned, every column missing)."""
    category = leadership_category(rows)
    if category is None:
        return dict.fromkeys(LEADERSHIP_COLUMNS)
    posts = posts_of(rows)
    post_fte = float(posts["fte"].sum()) if len(posts) else 0.0
    has_staff = len(fte_by_profession) > 0
    return {
        "leadership_period": _iso(rows["period"].iloc[0]),
        "leadership_posts": len(posts),
        "leadership_fte_per_100_ahp_fte": post_fte / ahp_fte * 100 if ahp_fte > 0 else None,
        "strategic_leadership_fte": strategic_leadership_fte(posts),
        "professional_lead_coverage": (
            professional_lead_coverage(posts, fte_by_profession) if has_staff else None
        ),
        "leadership_category": category,
        "leadership_level": CATEGORY_LEVEL[category],
        "senior_lead_reports_to": senior_lead_reports_to(posts),
    }


# --- the summary --------------------------------------------------------------------------------


def indicator_order(codes: Sequence[str]) -> list[str]:
    """Catalogue indicators in catalogue order, then custom ones alphabetically."""
    catalogue = list(reference.indicator_catalogue()["code"])
    present = set(codes)
    return [c for c in catalogue if c in present] + sorted(present - set(catalogue))


def summary(
    workforce: pd.DataFrame,
    leadership: pd.DataFrame,
    indicators: pd.DataFrame,
    organisations: pd.DataFrame,
    window: Window,
) -> pd.DataFrame:
    """One row per organisation with any observation in ``window``: its reference details,
    the window label, workforce measures of its latest workforce period in the window,
    leadership measures of its latest leadership period in the window, and for each
    indicator present its latest value in the window (``<code>``) with that value's period
    (``<code>__period``, the code in snake_case: :func:`registry.indicator_column`). Periods
    are ISO dates of the period's first day, as stored. An organisation with no leadership
    return in the window has every leadership column missing (not returned); one whose return
    is the explicit nil row is in category E with 0 posts. Columns :data:`SUMMARY_COLUMNS`
    then the indicators; sorted by org_code.
    """
    wf = latest_in_window(workforce, window)
    return summary_of(
        workforce_measures(wf, ["org_code"]),
        wf.groupby("org_code")["period"].first(),
        wf.groupby(["org_code", "profession"])["fte"].sum(),
        leadership,
        indicators,
        organisations,
        window,
    )


def summary_of(
    workforce_by_org: pd.DataFrame,
    workforce_period: pd.Series,
    fte_by_profession: pd.Series,
    leadership: pd.DataFrame,
    indicators: pd.DataFrame,
    organisations: pd.DataFrame,
    window: Window,
) -> pd.DataFrame:
    """:func:`summary` from the workforce measures already worked out for each organisation's
    latest workforce period in ``window``: ``workforce_by_org`` (:func:`workforce_measures`
    by ``org_code``), ``workforce_period`` (that period's first day by organisation) and
    ``fte_by_profession`` (FTE by organisation and profession, that period); leadership and
    indicator rows need only hold those dated inside the window."""
    ld = latest_in_window(leadership, window)
    ind = indicators[indicators["value"].notna()]
    ind = latest_in_window(ind, window, keys=("org_code", "indicator"))

    codes = sorted(set(workforce_by_org["org_code"]) | set(ld["org_code"]) | set(ind["org_code"]))
    base = pd.DataFrame({"org_code": pd.Series(codes, dtype=object)})
    ref = organisations.drop_duplicates("org_code", keep="last")
    out = base.merge(ref[["org_code", "org_name", "region", "icb", "trust_type"]], how="left")
    out["window"] = window.label

    measures = workforce_by_org.set_index("org_code")
    wf_period = workforce_period.map(_iso).astype(object)
    out["workforce_period"] = out["org_code"].map(wf_period)
    for col in WORKFORCE_COLUMNS[1:]:
        out[col] = out["org_code"].map(measures[col]).astype("float64")

    posts_by_org = {org: posts.reset_index(drop=True) for org, posts in ld.groupby("org_code")}
    no_posts = ld.iloc[0:0].reset_index(drop=True)
    empty_fte = pd.Series(dtype="float64")
    rows = [
        _leadership_row(
            posts_by_org.get(org, no_posts),
            ahp_fte,
            fte_by_profession.loc[org] if org in wf_period.index else empty_fte,
        )
        for org, ahp_fte in zip(out["org_code"], out["ahp_fte"], strict=True)
    ]
    leadership_part = pd.DataFrame(rows, columns=list(LEADERSHIP_COLUMNS), index=out.index)
    # Counts and levels are whole numbers, missing where no leadership return was sent.
    for col in ("leadership_posts", "leadership_level"):
        leadership_part[col] = leadership_part[col].astype("Int64")
    for col in (
        "leadership_fte_per_100_ahp_fte",
        "strategic_leadership_fte",
        "professional_lead_coverage",
    ):
        leadership_part[col] = leadership_part[col].astype("float64")
    out = pd.concat([out, leadership_part], axis=1)

    values = {}
    order = indicator_order(ind["indicator"].unique().tolist())
    for code, column in registry.indicator_columns(order).items():
        rows_of = ind[ind["indicator"] == code].set_index("org_code")
        values[column] = out["org_code"].map(rows_of["value"]).astype("float64")
        values[column + PERIOD_SUFFIX] = out["org_code"].map(rows_of["period"].map(_iso))
    out = pd.concat([out, pd.DataFrame(values, index=out.index)], axis=1)
    for col in out.columns:
        if not pd.api.types.is_numeric_dtype(out[col]):
            out[col] = out[col].astype(object).where(out[col].notna(), None)
    out.attrs["window"] = window.label  # read by compare_indicator when no row is left
    return out


def summary_table(store, selection: Selection | None = None) -> pd.DataFrame:
    """:func:`summary` of the store's current data in ``selection``'s window (default:
    :func:`default_window` of the workforce selected), for the organisations it selects.
    Raises ValueError for a filter the summary does not take (periods)."""
    selection = selection or Selection()
    selection.check("summary")
    if hasattr(store, "kept"):
        # Imported here: it reads the store's kept sums, and builds on this module.
        from ahp_analytics.analysis.stored import stored_summary

        return stored_summary(store, selection)
    # A store that only reads whole tables (the tests' in-memory double).
    rows = selection.replace(window=None)
    tables = {t: store.read(t, rows) for t in READ_TABLES}
    window = selection.analysis_window or default_window(tables["workforce"])
    return summary(*(tables[t] for t in READ_TABLES), window)


READ_TABLES = ("workforce", "leadership", "indicators", "organisations")


DEMO_GROUP = " (demonstration)"


def peer_groups(summary_df: pd.DataFrame, by: str | None = "trust_type") -> pd.Series:
    """Peer group label of each summary row: its ``by`` value (trust type, region), or
    "All organisations" when ``by`` is None or "all"; "Unknown" where the value is missing.

    Once real organisations are in the table, the demonstration data set's organisations
    (:func:`reference.is_demo_code`) are peers only of each other, in groups labelled
    "Acute (demonstration)" and so on: fictional figures never move a real trust's peers."""
    if by is None or by == "all":
        groups = pd.Series("All organisations", index=summary_df.index, dtype=object)
    else:
        groups = summary_df[by].astype(object).where(summary_df[by].notna(), "Unknown")
    if "org_code" not in summary_df:
        return groups
    demo = reference.demo_codes(summary_df["org_code"])
    if demo.any() and not demo.all():
        groups = groups.where(~demo, groups + DEMO_GROUP)
    return groups


# --- comparing an indicator across groups -------------------------------------------------------


def catalogue_row(column: str, catalogue: pd.DataFrame | None = None) -> dict | None:
    """The catalogue entry (code, name, domain, unit, higher_is_better, description) of an
    indicator named by its code or its summary column (a custom indicator's code in
    snake_case); None when the catalogue has none."""
    cat = reference.indicator_catalogue() if catalogue is None else catalogue
    match = cat[cat["code"] == column]
    if match.empty:
        match = cat[cat["code"].map(registry.indicator_column) == column]
    return None if match.empty else match.iloc[0].to_dict()


def _text_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def indicator_info(code: str, catalogue: pd.DataFrame | None = None) -> dict:
    """Name, unit and higher_is_better of an indicator (by code or summary column) or of a
    comparable measure of the registry. A unit or direction the catalogue leaves blank is
    None; an indicator the catalogue does not know is named by its code."""
    if code in registry.COMPARABLE:
        m = registry.measure(code)
        better = m.higher_is_better
        return {"code": code, "name": m.label, "unit": m.unit, "higher_is_better": better}
    r = catalogue_row(code, catalogue)
    if r is None:
        return {"code": code, "name": code, "unit": None, "higher_is_better": None}
    better = r["higher_is_better"]
    return {
        "code": code,
        "name": _text_or_none(r["name"]) or code,
        "unit": _text_or_none(r["unit"]),
        "higher_is_better": None if better is None or pd.isna(better) else bool(better),
    }


def resolve_indicator(
    text: str, summary_df: pd.DataFrame | None = None, catalogue: pd.DataFrame | None = None
) -> str | None:
    """The summary column of the indicator or measure ``text`` names (code or name, any case
    and punctuation): catalogue indicators, the registry's comparable measures and indicator
    columns of ``summary_df``; None when nothing matches."""
    return _candidates(summary_df, catalogue).get(reference.key(text))


def close_indicator_matches(
    text: str,
    summary_df: pd.DataFrame | None = None,
    catalogue: pd.DataFrame | None = None,
    n: int = 5,
) -> list[str]:
    """Up to ``n`` "code (name)" suggestions for an unknown indicator."""
    table = _candidates(summary_df, catalogue)
    k = reference.key(text)
    hits = difflib.get_close_matches(k, list(table), n=n * 2, cutoff=0.5)
    hits += [c for c in table if k and k in c and c not in hits]
    codes = list(dict.fromkeys(table[h] for h in hits))[:n]
    return [f"{c} ({indicator_info(c, catalogue)['name']})" for c in codes]


def _candidates(summary_df: pd.DataFrame | None, catalogue: pd.DataFrame | None) -> dict:
    cat = reference.indicator_catalogue() if catalogue is None else catalogue
    table: dict[str, str] = {}
    extra = [] if summary_df is None else indicator_columns(summary_df)
    for code in extra:
        table[reference.key(code)] = code
    for code in registry.COMPARABLE:
        table[reference.key(registry.measure(code).label)] = code
        table[reference.key(code)] = code
    for code, name in zip(cat["code"], cat["name"], strict=True):
        column = registry.indicator_column(code)
        table[reference.key(name)] = column
        table[reference.key(code)] = column
    return table


def indicator_columns(summary_df: pd.DataFrame) -> list[str]:
    """The indicator value columns of a summary table (those with a ``__period`` column)."""
    return [c[: -len(PERIOD_SUFFIX)] for c in summary_df.columns if str(c).endswith(PERIOD_SUFFIX)]


@dataclass
class IndicatorComparison:
    """An indicator compared across groups of organisations in one window.

    ``comparison`` is the overall :class:`~ahp_analytics.analysis.stats.GroupComparison`; ``strata``
    the same within each value of ``within``; ``sentence`` the plain-language reading;
    ``note`` a warning (or None) that trust types differ between the groups.
    """

    indicator: str
    name: str
    unit: str | None
    higher_is_better: bool | None
    by: str
    window: str | None
    comparison: GroupComparison
    sentence: str
    note: str | None = None
    within: str | None = None
    strata: dict = field(default_factory=dict)
    strata_sentences: dict = field(default_factory=dict)

    @property
    def text(self) -> str:
        """The sentence with the note, as shown beside a chart."""
        return self.sentence if not self.note else f"{self.sentence} {self.note}"

    def to_dict(self) -> dict:
        """Plain JSON-ready data (NaN as None)."""
        return _clean_json(
            {
                "indicator": self.indicator,
                "name": self.name,
                "unit": self.unit,
                "higher_is_better": self.higher_is_better,
                "by": self.by,
                "window": self.window,
                "sentence": self.sentence,
                "note": self.note,
                "comparison": _comparison_dict(self.comparison),
                "within": self.within,
                "strata": {
                    str(s): _comparison_dict(c) | {"sentence": self.strata_sentences.get(s)}
                    for s, c in self.strata.items()
                },
            }
        )

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent)


def _comparison_dict(c: GroupComparison) -> dict:
    corr = c.spearman
    return {
        "groups": c.table.to_dict("records"),
        "tested_groups": list(c.tested_groups),
        "test": c.test,
        "p": c.p,
        "reason": c.reason,
        "kruskal_statistic": c.kruskal_statistic,
        "kruskal_p": c.kruskal_p,
        "mannwhitney_u": c.mannwhitney_u,
        "mannwhitney_p": c.mannwhitney_p,
        "median_difference": c.median_difference,
        "median_difference_ci": [c.median_difference_ci_low, c.median_difference_ci_high],
        "median_difference_label": c.median_difference_label,
        "median_difference_method": c.median_difference_method if c.bootstrap_seed else None,
        "bootstrap_seed": c.bootstrap_seed,
        "bootstrap_n": c.bootstrap_n,
        "spearman": None
        if corr is None
        else {
            "rho": corr.rho,
            "p": corr.p,
            "n": corr.n,
            "ci": [corr.ci_low, corr.ci_high],
            "method": corr.method,
            "reason": corr.reason,
        },
    }


def _clean_json(value: object) -> object:
    if isinstance(value, dict):
        return {str(k): _clean_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean_json(v) for v in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


@dataclass(frozen=True)
class Grouping:
    """How a summary table's rows are grouped: each row's group label (None: no group), the
    groups' order, whether ordered, the column grouped by, and words for sentences."""

    labels: pd.Series
    order: list | None
    ordered: bool
    source: pd.Series  # the column grouped by, as it is (the level for leadership_level)
    noun: str  # the groups, for "no clear difference between ..."
    without: str  # "sent no leadership return", said of organisations with no group

    @property
    def in_group(self) -> pd.Series:
        """Rows with a group (in the order, when there is one)."""
        return self.labels.notna() if self.order is None else self.labels.isin(self.order)

    def left_out(self, n: int) -> str | None:
        """ "12 organisations sent no leadership return and are left out" for ``n`` rows
        without a group; None when there are none."""
        if not n:
            return None
        verb = "is" if n == 1 else "are"
        return f"{plural(n, 'organisation')} {self.without} and {verb} left out"


def grouping(df: pd.DataFrame, by: str) -> Grouping:
    """The :class:`Grouping` of a summary table by ``by`` (one of :data:`GROUPINGS`).
    Leadership groups run from the lowest level to the highest (E to A), so a positive
    Spearman rho means values rise as AHP leadership sits closer to the board; organisations
    that sent no leadership return have no group and are left out."""
    no_return = "sent no leadership return"
    source = df[by]
    if by == "leadership_category":
        order = list(reversed(CATEGORIES))
        return Grouping(source, order, True, source, "arrangements", no_return)
    if by == "leadership_level":
        labels = source.map(lambda v: None if pd.isna(v) else f"level {int(v)}")
        order = [f"level {n}" for n in range(5)]
        return Grouping(labels, order, True, source, "leadership levels", no_return)
    words = by.replace("_", " ")
    return Grouping(source, None, False, source, f"{words}s", f"have no {words}")


def _sentence(comparison, data: pd.DataFrame, g: Grouping, info: dict) -> str:
    """:func:`summary_sentence` for the rows of ``data`` (group, value): how many have a
    value, how many had none, and who has no group."""
    in_group = data["group"].notna() if g.order is None else data["group"].isin(g.order)
    missing = int((in_group & data["value"].isna()).sum())
    left_out = g.left_out(int((~in_group).sum()))
    return summary_sentence(
        comparison,
        info["name"],
        info["higher_is_better"],
        g.noun,
        missing,
        left_out,
        unit=info["unit"],
    )


def trust_type_note(
    df: pd.DataFrame, group_col: str, groups: Sequence, seed: int = MIX_SEED
) -> str | None:
    """A note when the mix of trust types differs between ``groups`` (rows of ``df`` with a
    trust type): a chi-square test of independence on the group x trust type table, its
    p-value by permutation (:data:`MIX_RESAMPLES` resamples, fixed ``seed``, so small counts
    are handled), below 0.05. None when the mix does not differ or cannot be tested."""
    data = df[df[group_col].isin(list(groups)) & df["trust_type"].notna()]
    counts = pd.crosstab(data[group_col], data["trust_type"])
    if counts.shape[0] < 2 or counts.shape[1] < 2:
        return None
    test = sps.chi2_contingency(
        counts.to_numpy(),
        correction=False,
        method=sps.PermutationMethod(n_resamples=MIX_RESAMPLES, rng=np.random.default_rng(seed)),
    )
    if not test.pvalue < ALPHA:
        return None
    common = data["trust_type"].value_counts().index[0]
    share = counts[common] / counts.sum(axis=1) * 100
    hi, lo = share.idxmax(), share.idxmin()
    p = "p < 0.001" if test.pvalue < 0.001 else f"p = {test.pvalue:.2g}"
    return (
        f"The mix of trust types differs between groups ({common} trusts are "
        f"{share[hi]:.0f}% of {hi} but {share[lo]:.0f}% of {lo}; chi-square test, {p}), so "
        "part of the difference may reflect trust type: compare within trust type."
    )


def compare_indicator(
    summary_df: pd.DataFrame,
    indicator: str,
    by: str = "leadership_category",
    within: str | None = None,
    catalogue: pd.DataFrame | None = None,
) -> IndicatorComparison:
    """Compare an indicator (or summary measure; code or name) across groups of a summary
    table (spec/metrics.md, Comparing groups). Leadership groupings are ordered (Spearman
    against the level); ``within`` repeats the comparison in each stratum (trust type,
    region). Raises ValueError for an unknown indicator or grouping."""
    if by not in GROUPINGS:
        raise ValueError(f"cannot group by {by!r}: choose one of {', '.join(GROUPINGS)}")
    if within is not None and within not in STRATA:
        raise ValueError(f"cannot compare within {within!r}: choose one of {', '.join(STRATA)}")
    code = resolve_indicator(indicator, summary_df, catalogue)
    if code is None:
        hints = close_indicator_matches(indicator, summary_df, catalogue)
        hint = f" Did you mean: {'; '.join(hints)}?" if hints else ""
        raise ValueError(f"unknown indicator '{indicator}'.{hint}")
    info = indicator_info(code, catalogue)
    values = (
        summary_df[code]
        if code in summary_df.columns
        else pd.Series(np.nan, index=summary_df.index, dtype="float64")
    )
    g = grouping(summary_df, by)
    data = pd.DataFrame(
        {
            "group": g.labels,
            "value": values.astype("float64"),
            "trust_type": summary_df["trust_type"],
            "region": summary_df["region"],
        }
    )
    comparison = compare_groups(data, "value", "group", order=g.order, ordered=g.ordered)
    sentence = _sentence(comparison, data, g, info)
    note = None
    if by != "trust_type":
        note = trust_type_note(data[data["value"].notna()], "group", comparison.tested_groups)
    strata, strata_sentences = {}, {}
    if within is not None:
        strata = compare_within(data, "value", "group", within, order=g.order, ordered=g.ordered)
        strata_sentences = {
            s: _sentence(c, data[data[within] == s], g, info) for s, c in strata.items()
        }
    windows = summary_df["window"].dropna().unique() if "window" in summary_df else []
    window = str(windows[0]) if len(windows) else summary_df.attrs.get("window")
    return IndicatorComparison(
        indicator=code,
        name=info["name"],
        unit=info["unit"],
        higher_is_better=info["higher_is_better"],
        by=by,
        window=window,
        comparison=comparison,
        sentence=sentence,
        note=note,
        within=within,
        strata=strata,
        strata_sentences=strata_sentences,
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


def plural(n: int, noun: str, nouns: str | None = None) -> str:
    """ "1 organisation", "2 organisations" (``nouns`` for an irregular plural)."""
    return f"{n:,} {noun if n == 1 else nouns or noun + 's'}"


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
    for code in have:
        info = indicator_info(code, cat)
        match = catalogue_row(code, cat) or {}
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
    """One organisation against its peers (spec/metrics.md, Peer benchmarking), one row per
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
