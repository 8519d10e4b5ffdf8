"""One check per rule: an organisation's rows and its peers give a flag, clear or not
assessed."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from ahp_analytics.analysis import measures, stats
from ahp_analytics.analysis.gaps.context import (
    _category_fields,
    _Context,
    _measure,
    _num,
    _peer_fields,
    _peer_share,
    _peers,
    _position,
)
from ahp_analytics.analysis.gaps.rules import (
    AT_BOARD,
    CHECK_COLUMNS,
    CLEAR,
    FLAG,
    MIN_PEERS,
    NOT_ASSESSED,
    SEVERITIES,
    STRATEGIC,
    TURNOVER,
    senior_share_funnel,
)
from ahp_analytics.domain import measures as registry

_NO_CATEGORY = {
    "status": NOT_ASSESSED,
    "detail": "No leadership return in the window, so the arrangement is not known.",
}


def _no_strategic_lead(ctx: _Context, org: str, rule: dict) -> dict:
    row = ctx.rows[org]
    category = row["leadership_category"]
    what = "have a strategic AHP lead (A to C)"
    out = _category_fields(ctx, org, row["leadership_period"], STRATEGIC, what)
    if out is None:
        return dict(_NO_CATEGORY)
    if category in STRATEGIC:
        return out | {"status": CLEAR, "detail": f"Category {category[0]}: a strategic AHP lead."}
    if category == measures.CATEGORIES[3]:
        posts = int(row["leadership_posts"])
        detail = (
            f"Only professional leads are reported ({posts} post{'' if posts == 1 else 's'}): "
            "no Chief AHP, Director of AHPs, Deputy chief AHP or Lead AHP."
        )
    else:
        staff = (
            f", though it reports {_num(row['ahp_fte'])} AHP FTE ({row['workforce_period']})"
            if pd.notna(row["ahp_fte"])
            else ""
        )
        detail = f"The leadership return says the trust has no AHP leadership posts{staff}."
    return out | {
        "status": FLAG,
        "headline": f"no strategic AHP lead (category {category[0]})",
        "detail": detail,
    }


def _lead_not_at_board(ctx: _Context, org: str, rule: dict) -> dict:
    """Category C, where at least the threshold's share of peers (in per cent) have an AHP
    leader at board: below board where most peers are at board sets the trust apart; below
    board where most peers are too does not."""
    row = ctx.rows[org]
    category = row["leadership_category"]
    what = "have an AHP leader at board (A or B)"
    out = _category_fields(ctx, org, row["leadership_period"], AT_BOARD, what)
    if out is None:
        return dict(_NO_CATEGORY)
    if category != measures.CATEGORIES[2]:
        return out | {"status": CLEAR, "detail": f"Category {category[0]}."}
    k, n = _peer_share(ctx, org, AT_BOARD)
    share = float(rule["threshold"])
    if n == 0 or k / n * 100 < share:
        return out | {
            "status": CLEAR,
            "detail": "Category C, as for most of its peers: fewer than "
            f"{share:g}% of them have an AHP leader at board.",
        }
    reports = row["senior_lead_reports_to"]
    via = f" and reports to: {reports}" if reports else ""
    return out | {
        "status": FLAG,
        "headline": "strategic AHP lead below board (category C)",
        "detail": f"The most senior AHP post neither sits on nor attends the board{via}.",
    }


def _low_leadership_capacity(ctx: _Context, org: str, rule: dict) -> dict:
    row = ctx.rows[org]
    column = "leadership_fte_per_100_ahp_fte"
    value = row[column]
    group, values = ctx.peer_values(org, column)
    if pd.isna(value):
        reason = (
            "No leadership return in the window."
            if row["leadership_category"] is None
            else "No AHP FTE in the window to divide by."
        )
        return {"status": NOT_ASSESSED, "detail": reason}
    if len(values) < MIN_PEERS:
        return {
            "status": NOT_ASSESSED,
            "detail": f"Only {_peers(len(values), group)} with a value (at least {MIN_PEERS}).",
        }
    pct = float(rule["threshold"])
    cut = float(np.quantile(values, pct / 100))
    out = {
        "value": value,
        "value_text": f"{value:.2f} leadership FTE per 100 AHP FTE",
        "data_period": row["leadership_period"],
        **_peer_fields(ctx, org, column, value),
        "peer_text": f"{group} peers: median {np.median(values):.2f}, "
        f"{pct:g}th percentile {cut:.2f} (n = {len(values)}).",
    }
    if not value < cut:
        return out | {"status": CLEAR, "detail": f"At or above the {pct:g}th percentile of peers."}
    return out | {
        "status": FLAG,
        "headline": "leadership capacity low against peers",
        "detail": f"{value:.2f} leadership FTE per 100 AHP FTE, below the {pct:g}th percentile "
        f"of {group} peers ({cut:.2f}).",
    }


def _professions_without_lead(ctx: _Context, org: str, rule: dict) -> dict:
    row = ctx.rows[org]
    fte = ctx.staffed.get(org)
    rows = ctx.returns.get(org)
    if fte is None:
        return {"status": NOT_ASSESSED, "detail": "No workforce return in the window."}
    if rows is None:
        return {"status": NOT_ASSESSED, "detail": "No leadership return in the window."}
    above = float(rule["threshold"])
    staffed = fte[fte["fte"] > above].sort_values(
        ["fte", "profession"], ascending=[False, True], kind="stable"
    )
    size = f"over {above:g} FTE" if above > 0 else "with staff"
    coverage = ctx.large_coverage(org, above)
    if staffed.empty or np.isnan(coverage):
        reason = (
            f"No profession {size}."
            if staffed.empty
            else "Its Professional lead posts name no profession, so they cannot be credited "
            "to one: coverage is not known."
        )
        return {"status": NOT_ASSESSED, "detail": reason}
    posts = measures.posts_of(rows)
    led = set(posts.loc[posts["role"] == "Professional lead", "profession"].dropna())
    missing = staffed[~staffed["profession"].isin(led)]
    group, values = ctx.peer_coverage(org, above)
    fields, better = _measure("large_profession_lead_coverage")
    n = len(staffed)
    out = {
        "value": coverage,
        "value_text": f"{n - len(missing)} of {n} profession{'' if n == 1 else 's'} {size} "
        f"{'has' if n == 1 else 'have'} a professional lead",
        "data_period": row["leadership_period"],
        **fields,
        **_position(group, coverage, values, better),
    }
    out["peer_text"] = (
        f"Professional lead coverage of professions {size} among {group} peers: median "
        f"{_num(out['peer_median'], 0, '%')} (n = {out['peer_n']})."
    )
    if missing.empty:
        return out | {
            "status": CLEAR,
            "detail": f"Every profession {size} has a professional lead.",
        }
    listed = ", ".join(
        f"{p} ({f:,.1f} FTE)" for p, f in zip(missing["profession"], missing["fte"], strict=True)
    )
    k = len(missing)
    return out | {
        "status": FLAG,
        "headline": f"{k} profession{'s' if k != 1 else ''} without a professional lead",
        "detail": f"No professional lead for: {listed}.",
    }


def _spc_check(
    ctx: _Context,
    org: str,
    rule: dict,
    series: pd.DataFrame,
    value_col: str,
    name: str,
    peer_column: str,
    higher_is_better: bool,
) -> dict:
    series = series[series[value_col].notna()].sort_values("period_end")
    if series.empty:
        return {"status": NOT_ASSESSED, "detail": f"No monthly {name} figures."}
    if len(series) < stats.XMR_STABLE_POINTS:
        return {
            "status": NOT_ASSESSED,
            "detail": f"{len(series)} monthly {name} figures up to the end of the window "
            f"(at least {stats.XMR_STABLE_POINTS} needed to fix the limits).",
        }
    res = stats.xmr(
        series[value_col].to_numpy(dtype=float),
        series["period_end"].to_numpy(),
        higher_is_better=higher_is_better,
    )
    res = res[res["value"].notna()]
    inside = res[ctx.window.contains(res["date"]).to_numpy()]
    if inside.empty:
        return {"status": NOT_ASSESSED, "detail": f"No monthly {name} figure in the window."}
    latest = inside.iloc[-1]
    month = pd.Timestamp(latest["date"]).strftime("%b %Y")
    recent = inside.tail(int(rule["threshold"]))
    concern = recent[recent["variation"] == "special cause concern"]
    out = {
        "value": float(latest["value"]),
        "value_text": f"{latest['value']:.1f}% in {month} (average {latest['mean']:.1f}% over "
        f"{len(res)} months, upper process limit {latest['upper']:.1f}%)",
        "data_period": pd.Timestamp(latest["date"]).replace(day=1).date().isoformat(),
        **_peer_fields(ctx, org, peer_column, float(latest["value"])),
    }
    out["peer_text"] = (
        f"{out['peer_group']} peers: median {_num(out['peer_median'], 1, '%')} in the window "
        f"(n = {out['peer_n']})."
    )
    months = f"latest {len(recent)} month{'s' if len(recent) != 1 else ''}"
    if concern.empty:
        return out | {"status": CLEAR, "detail": f"No special cause concern in the {months}."}
    fired = [text for col, text in stats.SPC_RULES.items() if concern[col].any()]
    when = ", ".join(pd.Timestamp(d).strftime("%b %Y") for d in concern["date"])
    return out | {
        "status": FLAG,
        "detail": f"Special cause concern on the SPC chart in {when}: {'; '.join(fired)}.",
    }


_NO_SERIES = pd.DataFrame({"period_end": [], "vacancy_rate": [], "value": []})


def _vacancy_special_cause(ctx: _Context, org: str, rule: dict) -> dict:
    series = ctx.monthly.get(org, _NO_SERIES)
    better = bool(registry.measure("vacancy_rate").higher_is_better)
    return _spc_check(
        ctx, org, rule, series, "vacancy_rate", "vacancy rate", "vacancy_rate", better
    )


def _turnover_special_cause(ctx: _Context, org: str, rule: dict) -> dict:
    series = ctx.turnover.get(org, _NO_SERIES)
    better = _measure(TURNOVER)[1]
    return _spc_check(ctx, org, rule, series, "value", "turnover", TURNOVER, bool(better))


def _indexed(rows: pd.DataFrame) -> tuple[stats.Funnel, pd.DataFrame]:
    """The senior band share funnel of a group and its points by organisation code."""
    f = senior_share_funnel(rows)
    return f, f.points.set_index("group")


def _senior_share_low(ctx: _Context, org: str, rule: dict) -> dict:
    row = ctx.rows[org]
    level = float(rule["threshold"])
    group = ctx.peer_of[org]
    if not row["ahp_fte"] > 0:
        return {"status": NOT_ASSESSED, "detail": "No AHP FTE in the window."}
    f, points = ctx.cached(("senior funnel", group), lambda: _indexed(ctx.group_rows(org)))
    if org not in points.index:
        return {"status": NOT_ASSESSED, "detail": "No Band 8a and above figure in the window."}
    others = len(points) - 1
    if others < MIN_PEERS:
        return {
            "status": NOT_ASSESSED,
            "detail": f"Only {_peers(others, group)} report AHP FTE (at least {MIN_PEERS}).",
        }
    point = points.loc[org]
    n = float(point["denominator"])
    lower = float(f.limits_at(n, level)[0]) * 100
    share = float(row["senior_band_share"])
    widened = " (widened for variation between organisations beyond chance)" if f.adjusted else ""
    out = {
        "value": share,
        "value_text": f"{share:.1f}% of {n:,.1f} AHP FTE in Band 8a and above",
        "data_period": row["workforce_period"],
        **_peer_fields(ctx, org, "senior_band_share", share),
        "peer_text": f"Average share over the {others + 1} {group} organisations on the funnel "
        f"{f.p0 * 100:.1f}%; lower {level:g}% funnel limit at {n:,.0f} FTE: "
        f"{lower:.1f}%{widened}.",
    }
    if not point["proportion"] * 100 < lower:
        return out | {"status": CLEAR, "detail": "Within or above the lower funnel limit."}
    return out | {
        "status": FLAG,
        "headline": "senior band share far below peers",
        "detail": f"{share:.1f}% against an average of {f.p0 * 100:.1f}% across {group} "
        f"organisations, below the lower {level:g}% funnel limit of {lower:.1f}% for a "
        "workforce of this size.",
    }


RULES: dict[str, Callable[[_Context, str, dict], dict]] = {
    "no_strategic_lead": _no_strategic_lead,
    "lead_not_at_board": _lead_not_at_board,
    "low_leadership_capacity": _low_leadership_capacity,
    "professions_without_lead": _professions_without_lead,
    "vacancy_special_cause": _vacancy_special_cause,
    "turnover_special_cause": _turnover_special_cause,
    "senior_share_low": _senior_share_low,
}


def _first_lower(text: str) -> str:
    """A title as part of a sentence: "No strategic AHP lead" -> "no strategic AHP lead"."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def _checks(ctx: _Context, orgs: list[str], rules: pd.DataFrame) -> pd.DataFrame:
    enabled = rules[rules["enabled"]].to_dict("records")
    rows = []
    for org in orgs:
        base = ctx.rows[org]
        for rule in enabled:
            result = RULES[rule["rule_id"]](ctx, org, rule)
            rows.append(
                {
                    "org_code": org,
                    "org_name": base["org_name"],
                    "trust_type": base["trust_type"],
                    "window": ctx.window.label,
                    "rule_id": rule["rule_id"],
                    "title": rule["title"],
                    "severity": rule["severity"],
                    "look_first": rule["look_first"],
                    "headline": _first_lower(rule["title"]),
                }
                | result
            )
    out = pd.DataFrame(rows, columns=list(CHECK_COLUMNS))
    for col in ("value", "peer_median", "peer_q1", "peer_q3"):
        out[col] = pd.to_numeric(out[col], errors="coerce").astype("float64")
    out["peer_n"] = pd.to_numeric(out["peer_n"], errors="coerce").astype("Int64")
    out["quartile"] = pd.to_numeric(out["quartile"], errors="coerce").astype("Int64")
    return _ordered(out)


def _ordered(df: pd.DataFrame) -> pd.DataFrame:
    """Worst first within each organisation: status flag first, then severity, then the
    rule's order in the file (kept by a stable sort)."""
    rank = df["severity"].map({s: i for i, s in enumerate(SEVERITIES)})
    status = df["status"].map({FLAG: 0, CLEAR: 1, NOT_ASSESSED: 2})
    position = {org: i for i, org in enumerate(dict.fromkeys(df["org_code"]))}
    order = pd.DataFrame({"org": df["org_code"].map(position), "status": status, "rank": rank})
    idx = order.sort_values(["org", "status", "rank"], kind="stable").index
    return df.loc[idx].reset_index(drop=True)
