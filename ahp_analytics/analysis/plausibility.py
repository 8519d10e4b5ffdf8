"""Plausibility of a workforce return against the organisation's previous return, as national
data collections check a submission: a profession's FTE, or a band's vacancy FTE, that moved
by more than a tolerance is a warning naming the profession or band and both figures. It does
not stop the return: a real change (a service transferred in, a recruitment drive) looks the
same as a typing error, and only the organisation knows which it is.

The tolerances are set in ``data/plausibility.csv`` (see data/README.md). The previous return
is, for each organisation and period kind, the latest period stored before the earliest period
of that kind in the file; the file's earliest period is compared with it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ahp_analytics.domain import reference
from ahp_analytics.domain.periods import Period
from ahp_analytics.domain.results import WARNING, Message

SETTINGS_FILE = reference.DATA_DIR / "plausibility.csv"
CHECKS = {
    # check: (rule, what is compared, the column summed, its label in the sheet)
    "profession_fte": ("fte_moved", "profession", "fte", "FTE"),
    "band_vacancy": ("vacancy_moved", "band", "vacancy_fte", "Vacancy FTE"),
}
FIX = (
    "Check the figure in the file against your own records. If it is right, nothing to do: "
    "the warning is kept with the return and does not stop it."
)


@dataclass(frozen=True)
class Tolerance:
    """A move is flagged when it is more than ``pct`` per cent of the earlier figure and at
    least ``min_change`` FTE."""

    pct: float
    min_change: float


def load_tolerances(path: str | Path | None = None) -> dict[str, Tolerance]:
    """The tolerances of :data:`CHECKS` from the settings file (default
    ``data/plausibility.csv``). Raises ValueError naming the check for a missing check, an
    unknown one, or a tolerance that is not a number of 0 or more."""
    file = Path(path or SETTINGS_FILE)
    raw = pd.read_csv(file, dtype=str, keep_default_na=False)
    out: dict[str, Tolerance] = {}
    for row in raw.to_dict("records"):
        check = row.get("check", "").strip()
        if check not in CHECKS:
            raise ValueError(f"{file.name}: unknown check {check!r}")
        try:
            pct, change = float(row["tolerance_pct"]), float(row["min_change_fte"])
        except (KeyError, ValueError):
            raise ValueError(f"{file.name}: {check}: tolerances must be numbers") from None
        if not (pct >= 0 and change >= 0):
            raise ValueError(f"{file.name}: {check}: tolerances cannot be below 0")
        out[check] = Tolerance(pct, change)
    missing = sorted(set(CHECKS) - set(out))
    if missing:
        raise ValueError(f"{file.name}: no row for {', '.join(missing)}")
    return out


def previous_periods(new: pd.DataFrame, stored: pd.DataFrame) -> pd.DataFrame:
    """For each organisation and period kind of the file's workforce rows (``new``): its
    earliest period there (``period``) and the latest period of that kind ``stored`` holds
    before it (``previous``); only pairs that have both."""
    first = new.groupby(["org_code", "period_type"], as_index=False)["period"].min()
    before = first.merge(
        stored[["org_code", "period_type", "period"]].drop_duplicates(),
        on=["org_code", "period_type"],
        suffixes=("", "_stored"),
    )
    before = before[before["period_stored"] < before["period"]]
    latest = before.groupby(["org_code", "period_type", "period"], as_index=False)[
        "period_stored"
    ].max()
    return latest.rename(columns={"period_stored": "previous"})


def _total(rows: pd.DataFrame, by: str, column: str) -> pd.Series:
    return rows.groupby(by)[column].sum(min_count=1)


def _text(value: float) -> str:
    return f"{value:,.1f}"


def movements(
    new: pd.DataFrame, stored: pd.DataFrame, tolerances: dict[str, Tolerance] | None = None
) -> list[Message]:
    """Warnings for the professions' FTE and bands' vacancy FTE of the file's workforce rows
    (``new``) that moved beyond the tolerances since the organisation's previous return in
    ``stored`` (the store's current workforce rows). One message per profession or band,
    organisation and check; none when an organisation has no earlier return."""
    tolerances = tolerances or load_tolerances()
    if new.empty or stored.empty:
        return []
    messages = []
    several = new["org_code"].nunique() > 1
    for pair in previous_periods(new, stored).to_dict("records"):
        key = ["org_code", "period_type", "period"]
        now = new.merge(pd.DataFrame([pair])[key], on=key)
        then = stored.merge(pd.DataFrame([{**pair, "period": pair["previous"]}])[key], on=key)
        now_label = Period(pair["period"].date(), pair["period_type"]).label
        then_label = Period(pair["previous"].date(), pair["period_type"]).label
        for check, (rule, by, column, label) in CHECKS.items():
            tol = tolerances[check]
            a, b = _total(then, by, column), _total(now, by, column)
            if column == "vacancy_fte":  # a blank vacancy is not compared
                both = a.dropna().index.intersection(b.dropna().index)
                a, b = a[both], b[both]
            for item in sorted(set(a.index) | set(b.index)):
                old = float(a.get(item, 0.0) if not pd.isna(a.get(item)) else 0.0)
                cur = float(b.get(item, 0.0) if not pd.isna(b.get(item)) else 0.0)
                change = abs(cur - old)
                pct = math.inf if old == 0 else 100 * change / old
                if change == 0 or pct <= tol.pct or change < tol.min_change:
                    continue
                whose = f"{pair['org_code']}: " if several else ""
                what = f"{item} {label}" if check == "profession_fte" else f"{label} in {item}"
                moved = f"{(cur - old) / old:+.0%}" if old else "from none"
                messages.append(
                    Message(
                        WARNING,
                        rule,
                        f"{whose}{what} moved from {_text(old)} in {then_label} (the previous "
                        f"return) to {_text(cur)} in {now_label} ({moved}), more than the "
                        f"{tol.pct:g}% allowed.",
                        FIX,
                        sheet="Workforce",
                        column=label,
                        value=f"{_text(old)} -> {_text(cur)}",
                    )
                )
    return messages
