"""Checks and flags for one organisation or all, the flag table, a flag's card and the verdict
in words."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from ahp_analytics.analysis.gaps.checks import RULES, _checks
from ahp_analytics.analysis.gaps.context import _Context
from ahp_analytics.analysis.gaps.inputs import GapInputs
from ahp_analytics.analysis.gaps.rules import (
    FLAG,
    FLAG_COLUMNS,
    LEVEL_RULES,
    RULE_COLUMNS,
    RULES_FILE,
    SEVERITIES,
    SEVERITY_WEIGHT,
    SHARE_RULES,
    TABLE_COLUMNS,
    THRESHOLD_RULES,
)
from ahp_analytics.domain import measures as registry


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


def org_checks(org_code: str, inputs: GapInputs) -> pd.DataFrame:
    """Every enabled rule for one organisation (:data:`CHECK_COLUMNS`): ``status`` flag, clear
    or not assessed (``detail`` says why), flags first by severity. Empty for an organisation
    not in ``inputs.summary``."""
    ctx = _Context(inputs)
    orgs = [org_code] if org_code in ctx.rows else []
    return _checks(ctx, orgs, inputs.rules)


def all_checks(inputs: GapInputs) -> pd.DataFrame:
    """:func:`org_checks` for every organisation of ``inputs.summary``, in its order."""
    ctx = _Context(inputs)
    return _checks(ctx, ctx.orgs, inputs.rules)


def flags_of(checks: pd.DataFrame) -> pd.DataFrame:
    """The rows of a checks frame that are flags (:data:`FLAG_COLUMNS`)."""
    return checks.loc[checks["status"] == FLAG, list(FLAG_COLUMNS)].reset_index(drop=True)


def org_flags(org_code: str, inputs: GapInputs) -> pd.DataFrame:
    """The flags of one organisation, worst first (what to look at first), one row per rule
    that fired: :data:`FLAG_COLUMNS`."""
    return flags_of(org_checks(org_code, inputs))


def all_flags(inputs: GapInputs) -> pd.DataFrame:
    """One row per organisation per flag (:data:`FLAG_COLUMNS`), worst first within each
    organisation, organisations in the order of ``inputs.summary``."""
    return flags_of(all_checks(inputs))


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
