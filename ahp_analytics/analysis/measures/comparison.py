"""Comparing an indicator across groups (leadership category or level, trust type, region):
looking the indicator up, the group comparison with its strata, and the sentence that reports it.
"""

from __future__ import annotations

import difflib
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ahp_analytics.analysis.measures.windows import plural
from ahp_analytics.analysis.stats import (
    ALPHA,
    GroupComparison,
    compare_groups,
    compare_within,
    summary_sentence,
)
from ahp_analytics.domain import measures as registry
from ahp_analytics.domain import reference
from ahp_analytics.domain.measures import (
    CATEGORIES,
    PERIOD_SUFFIX,
)

GROUPINGS = ("leadership_category", "leadership_level", "trust_type", "region")
STRATA = ("trust_type", "region")
MIX_RESAMPLES = 1999
MIX_SEED = 20240401


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


def indicator_code(
    text: str, summary_df: pd.DataFrame | None = None, catalogue: pd.DataFrame | None = None
) -> str:
    """:func:`resolve_indicator`, or ValueError "unknown indicator '...'" with up to five close
    matches (:func:`close_indicator_matches`) when nothing matches."""
    code = resolve_indicator(text, summary_df, catalogue)
    if code is None:
        hints = close_indicator_matches(text, summary_df, catalogue)
        hint = f" Did you mean: {'; '.join(hints)}?" if hints else ""
        raise ValueError(f"unknown indicator '{text}'.{hint}")
    return code


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
    from scipy import stats as sps  # loaded on first use: about 60 MB and 0.4 s

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
    table (docs/statistics.md, Comparing groups). Leadership groupings are ordered (Spearman
    against the level); ``within`` repeats the comparison in each stratum (trust type,
    region). Raises ValueError for an unknown indicator or grouping."""
    if by not in GROUPINGS:
        raise ValueError(f"cannot group by {by!r}: choose one of {', '.join(GROUPINGS)}")
    if within is not None and within not in STRATA:
        raise ValueError(f"cannot compare within {within!r}: choose one of {', '.join(STRATA)}")
    code = indicator_code(indicator, summary_df, catalogue)
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
