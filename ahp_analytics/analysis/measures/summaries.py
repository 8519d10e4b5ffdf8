"""The summary table: one row per organisation and window with every workforce and leadership
measure and the indicators, and the peer groups it is compared within.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ahp_analytics.analysis.measures.leadership import LEADERSHIP_COLUMNS, _leadership_row
from ahp_analytics.analysis.measures.windows import _iso, default_window, latest_in_window
from ahp_analytics.analysis.measures.workforce import WORKFORCE_COLUMNS, workforce_measures
from ahp_analytics.domain import measures as registry
from ahp_analytics.domain import reference
from ahp_analytics.domain.measures import (
    PERIOD_SUFFIX,
)
from ahp_analytics.domain.periods import (
    Window,
)
from ahp_analytics.domain.selection import Selection

ORG_COLUMNS = ("org_code", "org_name", "region", "icb", "trust_type", "window")
SUMMARY_COLUMNS = ORG_COLUMNS + WORKFORCE_COLUMNS + LEADERSHIP_COLUMNS

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


def with_rows_of(
    summary_df: pd.DataFrame, part: pd.DataFrame, orgs: Sequence[str]
) -> pd.DataFrame | None:
    """``summary_df`` with the rows of ``orgs`` replaced by ``part`` (the summary of those
    organisations alone, in the same window: an organisation without a row there drops out),
    in organisation code order as :func:`summary` has it. Each row depends on its own
    organisation's data alone, but the indicator columns on every organisation's: None when
    ``part`` does not have ``summary_df``'s columns and types, so that the whole summary is
    worked out again."""
    if list(part.columns) != list(summary_df.columns) or not part.dtypes.equals(summary_df.dtypes):
        return None
    kept = summary_df[~summary_df["org_code"].isin(set(orgs))]
    out = pd.concat([kept, part], ignore_index=True) if len(part) else kept
    out = out.sort_values("org_code", kind="stable").reset_index(drop=True)
    if not out.dtypes.equals(summary_df.dtypes):
        return None
    out.attrs = dict(summary_df.attrs)
    return out


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
