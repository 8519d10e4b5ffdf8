"""Which indicators line up with leadership? Every indicator with values in a window tested
against one grouping, with p-values adjusted for the number of tests (Benjamini-Hochberg).

Testing many indicators at once finds some "significant" ones by chance alone (1 in 20 at
p < 0.05); q, the adjusted p-value, keeps the expected share of false findings among those with
q < 0.05 at 5% (docs/statistics.md, Saying it honestly).
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field

import numpy as np
import pandas as pd

from ahp_analytics.analysis import measures, stats

SPEARMAN = "Spearman rank correlation"


@dataclass(frozen=True)
class ScanTest:
    """One indicator (in one stratum with ``within``) against the grouping: ``n``
    organisations with a value and a group, ``missing`` with a group but no value, the test,
    its statistic (H, U or rho), p and the Benjamini-Hochberg q."""

    indicator: str
    name: str
    n: int
    missing: int
    test: str
    statistic: float
    p: float
    q: float = math.nan
    stratum: str | None = None


@dataclass(frozen=True)
class Untested:
    """An indicator that could not be tested, and why."""

    indicator: str
    name: str
    n: int
    missing: int
    reason: str
    stratum: str | None = None


@dataclass
class Scan:
    """The tests of one scan, sorted by q (then p, then name), and those not run."""

    by: str
    window: str | None
    within: str | None
    tests: list[ScanTest] = field(default_factory=list)
    not_tested: list[Untested] = field(default_factory=list)
    left_out: str | None = None  # "12 organisations sent no leadership return"

    @property
    def sentence(self) -> str:
        """How many tests were run and what q is."""
        k = len(self.tests)
        if not k:
            return "No test could be run: no indicator has enough values in enough groups."
        per = "indicator" + (f" and {self.within.replace('_', ' ')}" if self.within else "")
        significant = sum(t.q < stats.ALPHA for t in self.tests)
        found = (
            "none has q below 0.05"
            if not significant
            else f"{significant} {'has' if significant == 1 else 'have'} q below 0.05"
        )
        left_out = f" {self.left_out[:1].upper()}{self.left_out[1:]}." if self.left_out else ""
        return (
            f"{k} test{'s were' if k != 1 else ' was'} run, one per {per} with values in the "
            f"window; q is the p-value adjusted for the {k} test{'s' if k != 1 else ''} "
            f"(Benjamini-Hochberg), and {found}.{left_out} An association, not causation."
        )

    def to_dict(self) -> dict:
        """``{"by", "window", "within", "sentence", "left_out", "tests": [...],
        "not_tested": [...]}``; each test
        ``{"indicator", "name", "n", "missing", "test", "statistic", "p", "q"}`` (and
        ``stratum`` with ``within``); NaN as None."""

        def row(item) -> dict:
            out = asdict(item)
            if self.within is None:
                out.pop("stratum")
            return {k: _finite(v) for k, v in out.items()}

        return {
            "by": self.by,
            "window": self.window,
            "within": self.within,
            "sentence": self.sentence,
            "left_out": self.left_out,
            "tests": [row(t) for t in self.tests],
            "not_tested": [row(t) for t in self.not_tested],
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent)


def _finite(value: object) -> object:
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def scan(
    summary_df: pd.DataFrame,
    by: str = "leadership_category",
    within: str | None = None,
    catalogue: pd.DataFrame | None = None,
) -> Scan:
    """Test every indicator with values in ``summary_df`` against the grouping ``by``: a
    Kruskal-Wallis test across groups (Mann-Whitney U for two), as ``compare`` reports, or for
    the ordered ``leadership_level`` Spearman's rank correlation with the level; ``within``
    tests each stratum (trust type, region) on its own. Organisations without a group (no
    leadership return) are left out. q is the Benjamini-Hochberg adjusted p over every test
    run. Raises ValueError for an unknown grouping or stratum."""
    if by not in measures.GROUPINGS:
        raise ValueError(f"cannot group by {by!r}: choose one of {', '.join(measures.GROUPINGS)}")
    if within is not None and within not in measures.STRATA:
        raise ValueError(
            f"cannot scan within {within!r}: choose one of {', '.join(measures.STRATA)}"
        )
    windows = summary_df["window"].dropna().unique() if "window" in summary_df else []
    window = str(windows[0]) if len(windows) else summary_df.attrs.get("window")
    grouping = measures.grouping(summary_df, by)
    left_out = grouping.left_out(int((~grouping.in_group).sum()))
    result = Scan(by, window, within, left_out=left_out)
    strata = [None] if within is None else sorted(summary_df[within].dropna().unique())
    for code in measures.indicator_columns(summary_df):
        values = pd.to_numeric(summary_df[code], errors="coerce").astype("float64")
        if values.isna().all():
            continue
        name = measures.indicator_info(code, catalogue)["name"]
        for stratum in strata:
            rows = slice(None) if stratum is None else (summary_df[within] == stratum).to_numpy()
            found = _test(grouping, by, values, rows)
            label = None if stratum is None else str(stratum)
            if isinstance(found, str):
                n, missing = _counts(grouping, values, rows)
                result.not_tested.append(Untested(code, name, n, missing, found, label))
            else:
                result.tests.append(ScanTest(code, name, *found, stratum=label))
    if result.tests:
        from scipy import stats as sps  # loaded on first use: about 60 MB and 0.4 s

        q = sps.false_discovery_control([t.p for t in result.tests], method="bh")
        tests = [_with_q(t, float(v)) for t, v in zip(result.tests, q, strict=True)]
        result.tests = sorted(tests, key=lambda t: (t.q, t.p, t.name.lower(), t.stratum or ""))
    return result


def q_text(q: float) -> str:
    """ "q < 0.001" or "q = 0.012"."""
    return "q < 0.001" if q < 0.001 else f"q = {q:.2g}"


def strongest(found: Scan, summary_df: pd.DataFrame, most: int = 3) -> list[tuple[ScanTest, str]]:
    """The ``most`` tests of a scan across leadership arrangements with the smallest q, each
    with a sentence for a board: which way the indicator goes as AHP leadership sits closer to
    the board (Spearman's rank correlation with the leadership level, said only when p < 0.05),
    its q and the organisations tested; e.g. "Staff engagement: higher where AHP leadership
    sits closer to the board (q < 0.001; 142 organisations)."."""
    level = pd.to_numeric(summary_df["leadership_level"], errors="coerce").astype("float64")
    out = []
    for test in found.tests[:most]:
        values = pd.to_numeric(summary_df[test.indicator], errors="coerce").astype("float64")
        corr = stats.spearman(level, values)
        if test.q >= stats.ALPHA:
            way = "no clear difference between leadership arrangements"
        elif corr.reason is None and corr.p < stats.ALPHA:
            side = "higher" if corr.rho > 0 else "lower"
            way = f"{side} where AHP leadership sits closer to the board"
        else:
            way = "differs between leadership arrangements, without a steady rise or fall"
        count = f"{test.n} organisation{'s' if test.n != 1 else ''}"
        out.append((test, f"{test.name}: {way} ({q_text(test.q)}; {count})."))
    return out


def _with_q(test: ScanTest, q: float) -> ScanTest:
    return ScanTest(**(asdict(test) | {"q": q}))


def _counts(grouping, values: pd.Series, rows) -> tuple[int, int]:
    """Organisations with a group and a value, and with a group but no value."""
    in_group = grouping.in_group[rows]
    has = values[rows].notna()
    return int((in_group & has).sum()), int((in_group & ~has).sum())


def _test(grouping, by: str, values: pd.Series, rows) -> tuple | str:
    """(n, missing, test, statistic, p), or the reason no test could be run."""
    n, missing = _counts(grouping, values, rows)
    if by == "leadership_level":
        level = pd.to_numeric(grouping.source[rows], errors="coerce").astype("float64")
        corr = stats.spearman(level, values[rows])
        if corr.reason is not None:
            return corr.reason
        return n, missing, SPEARMAN, corr.rho, corr.p
    data = pd.DataFrame({"group": grouping.labels[rows], "value": values[rows]})
    c = stats.compare_groups(data, "value", "group", order=grouping.order)
    if c.test is None:
        return c.reason
    statistic = c.mannwhitney_u if c.test == "Mann-Whitney U" else c.kruskal_statistic
    return n, missing, c.test, statistic, c.p
