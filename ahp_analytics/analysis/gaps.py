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

from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from ahp_analytics.analysis import measures, stats
from ahp_analytics.domain import measures as registry
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


# --- rules ------------------------------------------------------------------------------------


def load_rules(path: str | Path | None = None) -> pd.DataFrame:
    """The rules file (default ``data/gap_rules.csv``) as a frame of :data:`RULE_COLUMNS`,
    ``threshold`` float (NaN when blank), ``enabled`` bool, in file order. Raises ValueError
    naming the row for an unknown rule, a repeated rule, a severity other than high, medium
    or low, an ``enabled`` other than true or false, or a missing or unreadable threshold
    where the rule needs one. Rules left out of the file do not run."""
    file = Path(path) if path is not None else RULES_FILE
    raw = pd.read_csv(file, dtype=str, keep_default_na=False)
    missing = [c for c in RULE_COLUMNS if c not in raw.columns]
    if missing:
        raise ValueError(f"{file.name}: missing column(s) {', '.join(missing)}")
    rules = raw[list(RULE_COLUMNS)].apply(lambda s: s.str.strip())
    for i, r in enumerate(rules.to_dict("records"), start=2):
        where = f"{file.name} line {i}"
        if r["rule_id"] not in RULES:
            raise ValueError(
                f"{where}: unknown rule_id '{r['rule_id']}' (known: {', '.join(RULES)})"
            )
        if r["severity"].lower() not in SEVERITIES:
            raise ValueError(f"{where}: severity '{r['severity']}' is not high, medium or low")
        if r["enabled"].lower() not in ("true", "false"):
            raise ValueError(f"{where}: enabled '{r['enabled']}' is not true or false")
        if r["rule_id"] in THRESHOLD_RULES:
            try:
                value = float(r["threshold"])
            except ValueError:
                value = float("nan")
            if not np.isfinite(value):
                raise ValueError(f"{where}: rule {r['rule_id']} needs a number as its threshold")
            if r["rule_id"] in SHARE_RULES and not 0 <= value <= 100:
                raise ValueError(
                    f"{where}: rule {r['rule_id']} needs a share of peers in per cent (0 to "
                    "100) as its threshold"
                )
            if r["rule_id"] in LEVEL_RULES and not 50 < value < 100:
                raise ValueError(
                    f"{where}: rule {r['rule_id']} needs a funnel limit in per cent as its "
                    "threshold (95 or 99.8, the limits the funnel plot draws)"
                )
    repeated = rules["rule_id"][rules["rule_id"].duplicated()].tolist()
    if repeated:
        raise ValueError(f"{file.name}: rule_id {', '.join(repeated)} appears more than once")
    rules["severity"] = rules["severity"].str.lower()
    rules["enabled"] = rules["enabled"].str.lower() == "true"
    rules["threshold"] = pd.to_numeric(rules["threshold"], errors="coerce").astype("float64")
    return rules.reset_index(drop=True)


# --- what the rules see -------------------------------------------------------------------------


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


class _Context:
    """Everything the rules need for one window, worked out once for all organisations, with
    per-organisation lookups (the rules run for every organisation of the country)."""

    def __init__(
        self,
        summary_df: pd.DataFrame,
        workforce: pd.DataFrame,
        leadership: pd.DataFrame,
        window: Window,
        indicators: pd.DataFrame | None,
        peer_by: str,
    ):
        self.window = window
        self.summary = summary_df.reset_index(drop=True)
        self.orgs = list(self.summary["org_code"])
        self.rows = dict(zip(self.orgs, self.summary.to_dict("records"), strict=True))
        groups = measures.peer_groups(self.summary, peer_by)
        self.peer_of = dict(zip(self.orgs, groups, strict=True))
        self._members = {g: part.index for g, part in self.summary.groupby(groups, sort=False)}
        self._cache: dict[tuple, object] = {}

        latest_wf = measures.latest_in_window(workforce, window)
        self.staffed = _by_org(
            latest_wf.groupby(["org_code", "profession"], as_index=False)["fte"].sum()
            if len(latest_wf)
            else pd.DataFrame(columns=["org_code", "profession", "fte"])
        )
        latest_ld = measures.latest_in_window(leadership, window)
        self.returns = _by_org(latest_ld) if len(latest_ld) else {}
        self.monthly = _by_org(monthly_vacancy(workforce, window))
        self.turnover = _by_org(monthly_turnover(indicators, window))

    def group_column(self, org: str, column: str) -> pd.Series:
        """A summary column over the organisation's peer group, itself included, indexed by
        organisation code (worked out once per group): callers leave the organisation out."""
        group = self.peer_of[org]
        key = ("column", group, column)
        if key not in self._cache:
            members = self.summary.loc[self._members[group]]
            values = members[column] if column in members else pd.Series(np.nan, members.index)
            self._cache[key] = pd.Series(values.to_numpy(), index=members["org_code"])
        return self._cache[key]

    def cached(self, key: tuple, make: Callable[[], object]) -> object:
        """``make()``, worked out once per key for the whole run."""
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]

    def group_rows(self, org: str) -> pd.DataFrame:
        """Summary rows of the organisation's whole group, itself included, as a funnel plot
        of the group draws them."""
        return self.summary.loc[self._members[self.peer_of[org]]]

    def peer_values(self, org: str, column: str) -> tuple[str, np.ndarray]:
        """The peer group and the non-missing values of a summary column of the
        organisation's peers, itself left out."""
        key = ("numbers", self.peer_of[org], column)
        if key not in self._cache:
            values = pd.to_numeric(self.group_column(org, column), errors="coerce")
            self._cache[key] = values.astype("float64").dropna()
        return self.peer_of[org], _without(self._cache[key], org)

    def large_coverage(self, org: str, above: float) -> float:
        """Professional lead coverage of the organisation's professions with more FTE than
        ``above`` (the registry's ``large_profession_lead_coverage``); NaN without a
        workforce or leadership return, or when it cannot be worked out."""
        key = ("coverage of", org, above)
        if key not in self._cache:
            fte = self.staffed.get(org)
            rows = self.returns.get(org)
            self._cache[key] = (
                float("nan")
                if fte is None or rows is None
                else measures.professional_lead_coverage(
                    measures.posts_of(rows), fte.set_index("profession")["fte"], above=above
                )
            )
        return self._cache[key]

    def peer_coverage(self, org: str, above: float) -> tuple[str, np.ndarray]:
        """:meth:`peer_values` of :meth:`large_coverage`."""
        group = self.peer_of[org]
        key = ("coverage", group, above)
        if key not in self._cache:
            members = self.summary.loc[self._members[group], "org_code"]
            values = [self.large_coverage(o, above) for o in members]
            self._cache[key] = pd.Series(values, index=members, dtype="float64").dropna()
        return group, _without(self._cache[key], org)


# --- the checks ---------------------------------------------------------------------------------


def _num(value: float, digits: int = 1, suffix: str = "") -> str:
    return "n/a" if value is None or pd.isna(value) else f"{value:,.{digits}f}{suffix}"


@cache
def _measure(code: str) -> tuple[dict, bool | None]:
    """The fields naming a rule's value (a measure of the registry, or an indicator of the
    shipped catalogue): code, label and unit; and its direction. Callers copy the dict."""
    if code in registry.MEASURES:
        m = registry.measure(code)
        return {"measure": code, "measure_label": m.label, "unit": m.unit}, m.higher_is_better
    info = measures.indicator_info(code)
    fields = {"measure": code, "measure_label": info["name"], "unit": info["unit"]}
    return fields, info["higher_is_better"]


def _position(group: str, value: float, values: np.ndarray, higher_is_better: bool | None) -> dict:
    pos = stats.peer_position(value, values, higher_is_better)
    return {
        "peer_group": group,
        "peer_n": pos.n_peers,
        "peer_median": pos.peer_median,
        "peer_q1": pos.peer_q1,
        "peer_q3": pos.peer_q3,
        "quartile": pos.quartile,
    }


def _peer_fields(ctx: _Context, org: str, code: str, value: float) -> dict:
    """The measure or indicator ``code`` of the organisation against its peers' (itself left
    out), with its direction from the registry or the catalogue."""
    group, values = ctx.peer_values(org, code)
    fields, better = _measure(code)
    return fields | _position(group, value, values, better)


def _peers(n: int, group: str) -> str:
    return f"{n} {group} peer{'' if n == 1 else 's'}"


def _peer_share(ctx: _Context, org: str, categories: tuple[str, ...]) -> tuple[int, int]:
    """How many of the organisation's peers with a leadership return are in ``categories``,
    and how many peers have a return (itself left out)."""
    cats = ctx.group_column(org, "leadership_category").dropna()
    cats = cats[cats.index != org].to_numpy()
    return int(np.isin(cats, categories).sum()), len(cats)


def _share_of_peers(ctx: _Context, org: str, categories: tuple[str, ...], what: str) -> str:
    group = ctx.peer_of[org]
    k, n = _peer_share(ctx, org, categories)
    if n == 0:
        return f"No {group} peer sent a leadership return."
    return f"{k} of {_peers(n, group)} ({k / n * 100:.0f}%) {what}."


def _category_fields(
    ctx: _Context, org: str, period: object, share: tuple[str, ...], what: str
) -> dict | None:
    """The fields both category rules report (None when the organisation sent no
    leadership return: not returned is not evidence of absence)."""
    row = ctx.rows[org]
    if row["leadership_category"] is None or pd.isna(row["leadership_category"]):
        return None
    return {
        "value": row["leadership_level"],
        "value_text": row["leadership_category"],
        "data_period": period,
        **_peer_fields(ctx, org, "leadership_level", row["leadership_level"]),
        "peer_text": _share_of_peers(ctx, org, share, what),
    }


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


# --- per organisation and for all ---------------------------------------------------------------


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


def org_checks(
    org_code: str,
    summary_df: pd.DataFrame,
    workforce: pd.DataFrame,
    leadership: pd.DataFrame,
    window: Window,
    rules: pd.DataFrame,
    indicators: pd.DataFrame | None = None,
    peer_by: str = "trust_type",
) -> pd.DataFrame:
    """Every enabled rule for one organisation (:data:`CHECK_COLUMNS`): ``status`` flag, clear
    or not assessed (``detail`` says why), flags first by severity. Empty for an organisation
    not in ``summary_df``."""
    ctx = _Context(summary_df, workforce, leadership, window, indicators, peer_by)
    orgs = [org_code] if org_code in ctx.rows else []
    return _checks(ctx, orgs, rules)


def all_checks(
    summary_df: pd.DataFrame,
    workforce: pd.DataFrame,
    leadership: pd.DataFrame,
    window: Window,
    rules: pd.DataFrame,
    indicators: pd.DataFrame | None = None,
    peer_by: str = "trust_type",
) -> pd.DataFrame:
    """:func:`org_checks` for every organisation of ``summary_df``, in its order."""
    ctx = _Context(summary_df, workforce, leadership, window, indicators, peer_by)
    return _checks(ctx, ctx.orgs, rules)


def flags_of(checks: pd.DataFrame) -> pd.DataFrame:
    """The rows of a checks frame that are flags (:data:`FLAG_COLUMNS`)."""
    return checks.loc[checks["status"] == FLAG, list(FLAG_COLUMNS)].reset_index(drop=True)


def org_flags(
    org_code: str,
    summary_df: pd.DataFrame,
    workforce: pd.DataFrame,
    leadership: pd.DataFrame,
    window: Window,
    rules: pd.DataFrame,
    indicators: pd.DataFrame | None = None,
    peer_by: str = "trust_type",
) -> pd.DataFrame:
    """The flags of one organisation, worst first (what to look at first), one row per rule
    that fired: :data:`FLAG_COLUMNS`. ``indicators`` (optional) feeds the turnover rule."""
    return flags_of(
        org_checks(org_code, summary_df, workforce, leadership, window, rules, indicators, peer_by)
    )


def all_flags(
    summary_df: pd.DataFrame,
    workforce: pd.DataFrame,
    leadership: pd.DataFrame,
    window: Window,
    rules: pd.DataFrame,
    indicators: pd.DataFrame | None = None,
    peer_by: str = "trust_type",
) -> pd.DataFrame:
    """One row per organisation per flag (:data:`FLAG_COLUMNS`), worst first within each
    organisation, organisations in the order of ``summary_df``."""
    return flags_of(
        all_checks(summary_df, workforce, leadership, window, rules, indicators, peer_by)
    )


def flag_table(all_flags_df: pd.DataFrame, summary_df: pd.DataFrame) -> pd.DataFrame:
    """One row per organisation of ``summary_df`` (:data:`TABLE_COLUMNS`): its number of
    flags, by severity, a severity score (high 3, medium 2, low 1 each), the headline of its
    worst flag and the rules that fired. Sorted worst first (score, then high, then medium
    flags), then by name; organisations without flags are kept, with zeros."""
    flags = all_flags_df[all_flags_df["org_code"].isin(summary_df["org_code"])]
    counts = (
        pd.crosstab(flags["org_code"], flags["severity"])
        .reindex(columns=list(SEVERITIES), fill_value=0)
        .reindex(summary_df["org_code"], fill_value=0)
    )
    first = flags.groupby("org_code", sort=False)["headline"].first()
    fired = flags.groupby("org_code", sort=False)["rule_id"].agg(", ".join)
    out = summary_df[
        ["org_code", "org_name", "region", "icb", "trust_type", "leadership_category", "window"]
    ].copy()
    for s in SEVERITIES:
        out[s] = out["org_code"].map(counts[s]).astype("int64")
    out["flags"] = out[list(SEVERITIES)].sum(axis=1).astype("int64")
    out["score"] = sum(out[s] * w for s, w in SEVERITY_WEIGHT.items()).astype("int64")
    out["look_first_at"] = out["org_code"].map(first).astype(object)
    # As object first: with no flag at all, ``fired`` is an empty float series.
    out["rules"] = out["org_code"].map(fired).astype(object).fillna("")
    out["look_first_at"] = out["look_first_at"].where(out["look_first_at"].notna(), None)
    name = out["org_name"].fillna(out["org_code"]).str.lower()
    out = out.assign(_name=name).sort_values(
        ["score", "high", "medium", "_name"], ascending=[False, False, False, True], kind="stable"
    )
    return out[list(TABLE_COLUMNS)].reset_index(drop=True)


QUARTILE_TEXT = {1: "bottom quartile", 2: "second quartile", 3: "third quartile", 4: "top quartile"}
# Rules whose detail already states the organisation's value: the card does not repeat it.
VALUE_IN_DETAIL = frozenset({"low_leadership_capacity", "senior_share_low"})
# Rules that compare with peers in words (a share of peers), not by quartile.
IN_WORDS = frozenset({"no_strategic_lead", "lead_not_at_board"})


def _peer_comparison(flag: Mapping) -> str:
    """ "AHP vacancy rate: top quartile of Acute peers, median 10.1%, middle half 7.7% to 11.4%
    (n = 22)", the
    organisation's value left out (the card states it once elsewhere); the share of peers in
    words for the category rules; "" without a comparison."""
    if flag["rule_id"] in IN_WORDS:
        return str(flag["peer_text"] or "")
    if pd.isna(flag["value"]) or pd.isna(flag["quartile"]):
        return ""

    def v(x: float) -> str:
        return registry.format_code(flag["measure"], x, flag["unit"])

    return (
        f"{flag['measure_label']}: {QUARTILE_TEXT[int(flag['quartile'])]} of "
        f"{flag['peer_group']} peers, median {v(flag['peer_median'])}, middle half "
        f"{v(flag['peer_q1'])} to {v(flag['peer_q3'])} (n = {int(flag['peer_n'])})."
    )


def card(flag: Mapping) -> tuple[str, str]:
    """What a flag's card says, each figure once: what the data says (``detail``), then one
    line of facts: the value where the detail does not state it, the comparison with peers
    and the period the data comes from."""
    facts = []
    if flag["rule_id"] not in VALUE_IN_DETAIL and flag["value_text"]:
        facts.append(f"{flag['value_text']}.")
    comparison = _peer_comparison(flag)
    if comparison:
        facts.append(comparison)
    period = pd.to_datetime(flag["data_period"], errors="coerce")
    if pd.notna(period):
        facts.append(f"Data for the period from {period:%-d %B %Y}.")
    return str(flag["detail"]), " ".join(facts)


def verdict(flags: pd.DataFrame, most: int = 3) -> str:
    """One line for a board: "3 flags (1 high, 2 medium): no strategic AHP lead (category D);
    ..." naming up to ``most`` flags worst first; "No flags from the data" when none fired."""
    if flags.empty:
        return "No flags from the data: none of the checks found a gap or risk."
    counts = flags["severity"].value_counts()
    by = ", ".join(f"{int(counts[s])} {s}" for s in SEVERITIES if s in counts)
    n = len(flags)
    named = "; ".join(flags["headline"].head(most))
    more = f"; and {n - most} more" if n > most else ""
    return f"{n} flag{'s' if n != 1 else ''} ({by}): {named}{more}."
