"""What every check needs: the rows of one window, each organisation's peers, and the peer
comparison of a value."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import numpy as np
import pandas as pd

from ahp_analytics.analysis import measures, stats
from ahp_analytics.analysis.gaps.inputs import GapInputs
from ahp_analytics.analysis.gaps.rules import (
    ByOrg,
    _without,
    latest_profession_fte,
    latest_profession_fte_from_sums,
    monthly_turnover,
    monthly_vacancy,
    monthly_vacancy_from_sums,
)
from ahp_analytics.domain import measures as registry


class _Context:
    """Everything the rules need for one window, worked out once for all organisations, with
    per-organisation lookups (the rules run for every organisation of the country)."""

    def __init__(self, inputs: GapInputs):
        summary_df, workforce, leadership = inputs.summary, inputs.workforce, inputs.leadership
        window, indicators, peer_by = inputs.window, inputs.indicators, inputs.peer_by
        self.window = window
        self.summary = summary_df.reset_index(drop=True)
        self.orgs = list(self.summary["org_code"])
        self.rows = dict(zip(self.orgs, self.summary.to_dict("records"), strict=True))
        groups = measures.peer_groups(self.summary, peer_by)
        self.peer_of = dict(zip(self.orgs, groups, strict=True))
        self._members = {g: part.index for g, part in self.summary.groupby(groups, sort=False)}
        self._cache: dict[tuple, object] = {}

        if inputs.workforce_sums is not None:
            staffed = latest_profession_fte_from_sums(inputs.workforce_sums, window)
            monthly = monthly_vacancy_from_sums(inputs.workforce_sums.totals, window)
        else:
            staffed = latest_profession_fte(workforce, window)
            monthly = monthly_vacancy(workforce, window)
        self.staffed = ByOrg(staffed)
        latest_ld = measures.latest_in_window(leadership, window)
        self.returns = ByOrg(latest_ld)
        self.monthly = ByOrg(monthly)
        self.turnover = ByOrg(monthly_turnover(indicators, window))

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
