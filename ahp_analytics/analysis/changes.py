"""What followed when an organisation changed its AHP leadership.

Between two analysis windows, each organisation with a leadership arrangement in both is sorted
by how its leadership level (4 for A down to 0 for E) moved: ``moved_up`` (closer to the board),
``unchanged`` or ``moved_down``. An organisation that sent no leadership return in either window
(Not returned) is left out and counted. For an indicator, each group's change is its value in the
later window minus its value in the earlier one, over the organisations with a value in both
(like for like); the change where leadership moved is compared with the change where it did not
by Welch's t-test, with the Welch 95% confidence interval of the difference in mean changes. A
group of fewer than :data:`MIN_TEST` organisations gets no test, and the sentence says why.

This is before and after, compared with organisations that did not change: those that chose to
change may differ in other ways, and the sentences say so (docs/statistics.md, Saying it honestly).
Pure functions over summary tables (:func:`ahp_analytics.analysis.measures.summary`).
The sentences, and the groups in words, are :mod:`ahp_analytics.analysis.change_text`'s.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ahp_analytics.analysis.change_text import (
    _DID,
    CAUTION,
    GROUP_LABELS,
    GROUPS,
    REFERENCE,
    OrganisationChange,
    change_sentence,
    organisation_change,
    signed,
    unit_words,
)
from ahp_analytics.analysis.measures import indicator_code, indicator_info, plural
from ahp_analytics.analysis.stats import ALPHA, SMALL_GROUP

__all__ = [
    "CAUTION",
    "ChangeResult",
    "Difference",
    "GROUPS",
    "GROUP_LABELS",
    "GroupChange",
    "MIN_TEST",
    "MOVE_COLUMNS",
    "OrganisationChange",
    "REFERENCE",
    "STRATA",
    "change_sentence",
    "indicator_changes",
    "leadership_moves",
    "organisation_change",
    "signed",
    "unit_words",
    "welch",
]


MIN_TEST = SMALL_GROUP  # fewer organisations in either group: no test
STRATA = ("trust_type",)
MOVE_COLUMNS = [
    "org_code", "org_name", "region", "trust_type", "category_before", "category_after",
    "level_before", "level_after", "group",
]  # fmt: skip


def leadership_moves(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """One row per organisation in either summary table (:data:`MOVE_COLUMNS`): its name,
    region and trust type (from the later window where it has them), its arrangement and level
    in each window, and ``group``: ``moved_up`` when the level rose, ``unchanged``,
    ``moved_down`` when it fell, or None when the organisation sent no leadership return in
    either window (absent from a window counts as no return there). Sorted by org_code."""
    columns = ["org_name", "region", "trust_type", "leadership_category", "leadership_level"]
    b = before.drop_duplicates("org_code").set_index("org_code")[columns]
    a = after.drop_duplicates("org_code").set_index("org_code")[columns]
    codes = sorted(set(b.index) | set(a.index))
    b, a = b.reindex(codes), a.reindex(codes)
    out = pd.DataFrame({"org_code": pd.Series(codes, dtype=object)})
    for column in ("org_name", "region", "trust_type"):
        later = a[column].astype(object)
        out[column] = later.where(later.notna(), b[column].astype(object)).to_numpy()
    out["category_before"] = b["leadership_category"].astype(object).to_numpy()
    out["category_after"] = a["leadership_category"].astype(object).to_numpy()
    out["level_before"] = pd.to_numeric(b["leadership_level"]).astype("float64").to_numpy()
    out["level_after"] = pd.to_numeric(a["leadership_level"]).astype("float64").to_numpy()
    step = out["level_after"] - out["level_before"]
    group = np.full(len(out), None, dtype=object)
    group[(step > 0).to_numpy()] = "moved_up"
    group[(step == 0).to_numpy()] = "unchanged"
    group[(step < 0).to_numpy()] = "moved_down"
    out["group"] = group
    for column in MOVE_COLUMNS:  # text as objects, a missing one None (as in the summary)
        if not pd.api.types.is_numeric_dtype(out[column]):
            out[column] = out[column].astype(object).where(out[column].notna(), None)
    return out[MOVE_COLUMNS]


@dataclass(frozen=True)
class GroupChange:
    """One group's change: ``n`` organisations with a value in both windows, their mean value
    before and after, and the mean change with its t-based 95% CI (NaN when n < 2), and how
    many of them are of each trust type."""

    group: str
    n: int
    mean_before: float
    mean_after: float
    mean_change: float
    ci_low: float
    ci_high: float
    before_ci: tuple[float, float]
    after_ci: tuple[float, float]
    trust_types: Mapping[str, int]

    @property
    def label(self) -> str:
        return GROUP_LABELS[self.group]

    @property
    def trust_type_text(self) -> str:
        """ "Acute 12, Community 3" (most first); "–" for an empty group."""
        return ", ".join(f"{t} {n}" for t, n in self.trust_types.items()) or "–"


@dataclass(frozen=True)
class Difference:
    """A group's mean change minus the unchanged group's: ``estimate`` with the Welch 95% CI
    and Welch t-test ``p`` (NaN with ``reason`` when no test was run)."""

    group: str
    estimate: float
    ci_low: float
    ci_high: float
    p: float
    reason: str | None = None

    @property
    def tested(self) -> bool:
        return self.reason is None

    @property
    def clear(self) -> bool:
        """A test was run and found a difference at the 5% level."""
        return self.tested and self.p < ALPHA


def _mean_ci(values: np.ndarray) -> tuple[float, float, float]:
    """Mean and its t-based 95% CI; NaNs for no value, NaN interval for one."""
    n = len(values)
    if n == 0:
        return np.nan, np.nan, np.nan
    mean = float(np.mean(values))
    if n < 2:
        return mean, np.nan, np.nan
    from scipy import stats as sps  # loaded on first use: about 60 MB and 0.4 s

    half = float(sps.t.ppf(0.975, n - 1) * np.std(values, ddof=1) / np.sqrt(n))
    return mean, mean - half, mean + half


def welch(changed: np.ndarray, unchanged: np.ndarray, group: str = "moved_up") -> Difference:
    """mean(changed) - mean(unchanged) with the Welch 95% CI and the Welch t-test p (scipy's
    ``ttest_ind(equal_var=False)``). No test when either has fewer than :data:`MIN_TEST`
    values (the estimate is still given when both have one) or when neither varies."""
    a = np.asarray(changed, dtype=float)
    b = np.asarray(unchanged, dtype=float)
    estimate = float(np.mean(a) - np.mean(b)) if len(a) and len(b) else np.nan
    short = [(g, len(v)) for g, v in ((group, a), (REFERENCE, b)) if len(v) < MIN_TEST]
    if short:
        reason = " and ".join(_count_where(n, g) for g, n in short)
        reason += f", and a test needs at least {MIN_TEST} in each group"
        return Difference(group, estimate, np.nan, np.nan, np.nan, reason)
    if np.var(a, ddof=1) == 0 and np.var(b, ddof=1) == 0:
        reason = "the changes do not vary within either group, so there is nothing to test"
        return Difference(group, estimate, np.nan, np.nan, np.nan, reason)
    from scipy import stats as sps  # loaded on first use: about 60 MB and 0.4 s

    res = sps.ttest_ind(a, b, equal_var=False)
    ci = res.confidence_interval(0.95)
    return Difference(group, estimate, float(ci.low), float(ci.high), float(res.pvalue))


def _count_where(n: int, group: str) -> str:
    """ "only 3 organisations moved AHP leadership closer to the board", "no organisation kept
    the same arrangement"."""
    who = "no organisation" if n == 0 else f"only {plural(n, 'organisation')}"
    return f"{who} {_DID[group]}"


@dataclass
class ChangeResult:
    """An indicator's change between two windows, by how leadership moved.

    ``organisations`` has one row per organisation in either window (:func:`leadership_moves`
    plus ``before``, ``after`` and ``change``); ``left_out`` counts those that sent no
    leadership return in either window, ``no_value`` those with an arrangement in both but no
    value in both. ``strata`` repeats the analysis within each trust type when asked.
    """

    indicator: str
    name: str
    unit: str | None
    higher_is_better: bool | None
    from_window: str | None
    to_window: str | None
    groups: dict[str, GroupChange]
    difference: Difference
    difference_down: Difference
    left_out: int
    no_value: int
    organisations: pd.DataFrame
    sentence: str = ""
    within: str | None = None
    strata: dict[str, ChangeResult] = field(default_factory=dict)

    @property
    def changed(self) -> pd.DataFrame:
        """The organisations whose leadership moved, up then down, by name."""
        rows = self.organisations[self.organisations["group"].isin(["moved_up", "moved_down"])]
        rank = rows["group"].map({"moved_up": 0, "moved_down": 1})
        key = rows["org_name"].fillna(rows["org_code"]).str.lower()
        return rows.assign(_r=rank, _k=key).sort_values(["_r", "_k"]).drop(columns=["_r", "_k"])

    def to_dict(self) -> dict:
        """The JSON of ``changes --json``: indicator, windows, each group's n, mean change and
        its CI, the two differences (moved_up and moved_down minus unchanged) with CI and p,
        and ``left_out``; ``within`` the same per stratum when asked. NaN as None."""
        out = {
            "indicator": self.indicator,
            "from_window": self.from_window,
            "to_window": self.to_window,
            "groups": {
                g: {"n": c.n} | _numbers(c, "mean_change", "ci_low", "ci_high")
                for g, c in self.groups.items()
            },
            "difference": _numbers(self.difference, *_DIFFERENCE_KEYS),
            "difference_down": _numbers(self.difference_down, *_DIFFERENCE_KEYS),
            "left_out": self.left_out,
        }
        if self.within is not None:
            out["within"] = {self.within: {s: r.to_dict() for s, r in self.strata.items()}}
        return out


_DIFFERENCE_KEYS = ("estimate", "ci_low", "ci_high", "p")


def _numbers(obj: object, *names: str) -> dict[str, float | None]:
    """The attributes ``names`` of ``obj`` as JSON numbers (NaN as None)."""
    values = {name: float(getattr(obj, name)) for name in names}
    return {name: v if np.isfinite(v) else None for name, v in values.items()}


def _values(summary_df: pd.DataFrame, code: str) -> pd.Series:
    """The column ``code`` of a summary table by org_code (all NaN when it has none)."""
    df = summary_df.drop_duplicates("org_code").set_index("org_code")
    if code not in df.columns:
        return pd.Series(np.nan, index=df.index, dtype="float64")
    return pd.to_numeric(df[code], errors="coerce").astype("float64")


def indicator_changes(
    before: pd.DataFrame,
    after: pd.DataFrame,
    indicator: str,
    within: str | None = None,
    catalogue: pd.DataFrame | None = None,
) -> ChangeResult:
    """The change in ``indicator`` (code or name, as :func:`resolve_indicator` reads it)
    between the summary tables ``before`` and ``after``, by how leadership moved; ``within``
    ("trust_type") repeats it within each trust type. Raises ValueError for an unknown
    indicator or stratum."""
    if within is not None and within not in STRATA:
        raise ValueError(f"cannot compare within {within!r}: choose {', '.join(STRATA)}")
    columns = pd.DataFrame(columns=before.columns.union(after.columns))
    code = indicator_code(indicator, columns, catalogue)
    info = indicator_info(code, catalogue)
    frame = leadership_moves(before, after)
    frame["before"] = frame["org_code"].map(_values(before, code)).astype("float64")
    frame["after"] = frame["org_code"].map(_values(after, code)).astype("float64")
    frame["change"] = frame["after"] - frame["before"]
    windows = (_window(before), _window(after))
    result = _analyse(frame, code, info, windows)
    if within is not None:
        result.within = within
        strata = sorted(frame[within].dropna().unique(), key=str)
        result.strata = {
            str(s): _analyse(frame[frame[within] == s], code, info, windows, caution=False)
            for s in strata
        }
    return result


def _window(summary_df: pd.DataFrame) -> str | None:
    labels = summary_df["window"].dropna().unique() if "window" in summary_df else []
    return str(labels[0]) if len(labels) else summary_df.attrs.get("window")


def _analyse(
    frame: pd.DataFrame, code: str, info: dict, windows: tuple, caution: bool = True
) -> ChangeResult:
    frame = frame.reset_index(drop=True)
    grouped = frame["group"].notna()
    valued = grouped & frame["change"].notna()
    groups = {g: _group(g, frame[valued & (frame["group"] == g)]) for g in GROUPS}
    changes = {g: frame.loc[valued & (frame["group"] == g), "change"].to_numpy() for g in GROUPS}
    result = ChangeResult(
        indicator=code,
        name=info["name"],
        unit=info["unit"],
        higher_is_better=info["higher_is_better"],
        from_window=windows[0],
        to_window=windows[1],
        groups=groups,
        difference=welch(changes["moved_up"], changes[REFERENCE], "moved_up"),
        difference_down=welch(changes["moved_down"], changes[REFERENCE], "moved_down"),
        left_out=int((~grouped).sum()),
        no_value=int((grouped & ~valued).sum()),
        organisations=frame,
    )
    result.sentence = change_sentence(result, caution)
    return result


def _group(group: str, rows: pd.DataFrame) -> GroupChange:
    mean, low, high = _mean_ci(rows["change"].to_numpy(dtype=float))
    before = _mean_ci(rows["before"].to_numpy(dtype=float))
    after = _mean_ci(rows["after"].to_numpy(dtype=float))
    types = rows["trust_type"].astype(object).where(rows["trust_type"].notna(), "Unknown")
    counts = types.value_counts()
    order = sorted(counts.index, key=lambda t: (-counts[t], str(t)))
    return GroupChange(
        group=group,
        n=len(rows),
        mean_before=before[0],
        mean_after=after[0],
        mean_change=mean,
        ci_low=low,
        ci_high=high,
        before_ci=(before[1], before[2]),
        after_ci=(after[1], after[2]),
        trust_types={str(t): int(counts[t]) for t in order},
    )
