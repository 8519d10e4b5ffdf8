"""A leadership change in words: the groups' names, and the sentences that say what changed,
by how much, how sure, and with what caution, for all organisations or one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ahp_analytics.analysis.measures import plural
from ahp_analytics.domain.measures import NOT_RETURNED, format_value

if TYPE_CHECKING:  # annotations only: changes imports this module
    from ahp_analytics.analysis.changes import ChangeResult, Difference


GROUPS = ("moved_up", "unchanged", "moved_down")
REFERENCE = "unchanged"
GROUP_LABELS = {
    "moved_up": "Moved closer to the board",
    "unchanged": "Did not change",
    "moved_down": "Moved further from the board",
}
# What a group's organisations did, inside a sentence.
_DID = {
    "moved_up": "moved AHP leadership closer to the board",
    "unchanged": "kept the same arrangement",
    "moved_down": "moved AHP leadership further from the board",
}
CAUTION = (
    "This is before and after, compared with trusts that did not change: trusts that chose to "
    "change may differ from the others in other ways, so the difference cannot be put down to "
    "the change in leadership alone."
)


_UNIT_WORDS = {"%": "percentage points", "FTE": "FTE", "days": "days"}


def unit_words(unit: str | None) -> str:
    """What a change is counted in, after the number: "percentage points" for a percentage,
    "FTE", "days"; "" for a score, ratio, count or pounds (shown as £)."""
    return _UNIT_WORDS.get(unit or "", "")


def signed(x: float, unit: str | None = None, words: bool = True) -> str:
    """A change with its sign (none for 0) and, with ``words``, its unit: "+1.2 percentage
    points", "-0.15", "+£120"; "–" when missing."""
    if x is None or not np.isfinite(x):
        return "–"
    text = format_value(abs(x), None, "%.1f" if unit == "%" else None)
    sign = "" if float(text.replace(",", "")) == 0 else "+" if x > 0 else "-"
    text = sign + ("£" if unit == "GBP" else "") + text
    return f"{text} {unit_words(unit)}" if words and unit_words(unit) else text


def _moved(x: float, unit: str | None, noun: bool = False) -> str:
    """ "rose by 0.15" ("a rise of 0.15" as a ``noun``), "fell by 1.2 percentage points",
    "stayed the same" ("no change")."""
    size = signed(x, unit).lstrip("+-")
    if signed(x, unit, False) == signed(0.0, unit, False):
        return "no change" if noun else "stayed the same"
    if noun:
        return f"a {'rise' if x > 0 else 'fall'} of {size}"
    return f"{'rose' if x > 0 else 'fell'} by {size}"


def _test(d: Difference, unit: str | None) -> str:
    p = "p < 0.001" if d.p < 0.001 else f"p = {d.p:.2g}"
    ci = f"95% CI {signed(d.ci_low, unit, False)} to {signed(d.ci_high, unit)}"
    return f"{ci}; Welch t-test {p}"


def _difference_sentence(r: ChangeResult, d: Difference) -> str:
    where = "Where it moved closer" if d.group == "moved_up" else "Where it moved further away"
    if not d.tested:
        return f"{where}, no test: {d.reason}."
    if d.clear:
        return (
            f"{where}, {_lower(r.name)} {_moved(r.groups[d.group].mean_change, r.unit)} on "
            f"average, against {_moved(r.groups[REFERENCE].mean_change, r.unit, True)} where "
            f"it did not change: a difference of {signed(d.estimate, r.unit)} "
            f"({_test(d, r.unit)})."
        )
    return (
        f"{where}, no clear difference from organisations whose leadership did not change "
        f"({signed(d.estimate, r.unit, False)}, {_test(d, r.unit)})."
    )


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lower(name: str) -> str:
    """A name inside a sentence: "staff engagement score", but "SHMI" and "AHP FTE" kept."""
    return name if name[1:2].isupper() else name[:1].lower() + name[1:]


def change_sentence(r: ChangeResult, caution: bool = True) -> str:
    """A few plain sentences for an executive: how many organisations moved their AHP
    leadership each way and how many did not (with a value in both windows), who was left out
    and why, each difference with its interval and test (or why there is none), and
    (``caution``) that this is before and after, not proof of what brought a difference about."""
    n = {g: r.groups[g].n for g in GROUPS}
    head = f"{_capital(r.name)}, {r.from_window} to {r.to_window}: "
    if not sum(n.values()):
        head += "no organisation has a leadership return and a value in both windows."
        return " ".join(p for p in (head, _left_out(r)) if p)
    parts = [
        head + f"{plural(n['moved_up'], 'organisation')} moved AHP leadership closer to the "
        f"board, {n['moved_down']:,} further from it and {n['unchanged']:,} did not change "
        "(of those with a leadership return and a value in both windows).",
        _left_out(r),
        _difference_sentence(r, r.difference),
        _difference_sentence(r, r.difference_down),
    ]
    if r.higher_is_better is not None and (r.difference.clear or r.difference_down.clear):
        parts.append(f"{'Higher' if r.higher_is_better else 'Lower'} values are better.")
    if caution:
        parts.append(CAUTION)
    return " ".join(p for p in parts if p)


def _left_out(r: ChangeResult) -> str | None:
    """ "Left out: 8 organisations that sent no leadership return in one window or both (Not
    returned), and 4 without a value in both." or None."""
    parts = []
    if r.left_out:
        parts.append(
            f"{plural(r.left_out, 'organisation')} that sent no leadership return in one "
            f"window or both ({NOT_RETURNED})"
        )
    if r.no_value:
        parts.append(f"{plural(r.no_value, 'organisation')} without a value in both windows")
    return f"Left out: {' and '.join(parts)}." if parts else None


@dataclass(frozen=True)
class OrganisationChange:
    """One organisation's own before and after for an indicator, beside its group's: its
    arrangement in each window (None: not returned), its group (None: left out), its values and
    change, the mean change of its group and of the organisations that did not change, and a
    sentence saying so."""

    org_code: str
    org_name: str | None
    indicator: str
    name: str
    unit: str | None
    from_window: str | None
    to_window: str | None
    category_before: str | None
    category_after: str | None
    group: str | None
    before: float
    after: float
    change: float
    group_n: int
    group_mean_change: float
    unchanged_n: int
    unchanged_mean_change: float
    sentence: str


def organisation_change(result: ChangeResult, org_code: str) -> OrganisationChange | None:
    """``org_code``'s own before and after in ``result`` (:func:`indicator_changes`), with its
    group's mean change (it included) beside the unchanged group's; None when the organisation
    is in neither window."""
    rows = result.organisations[result.organisations["org_code"] == org_code]
    if rows.empty:
        return None
    row = rows.iloc[0]
    own = result.groups.get(row["group"]) if row["group"] else None
    ref = result.groups[REFERENCE]
    who, span = row["org_name"] or org_code, f"{result.from_window} and {result.to_window}"
    if own is None:
        pairs = (
            (result.from_window, row["category_before"]),
            (result.to_window, row["category_after"]),
        )
        missing = " or ".join(str(w) for w, c in pairs if c is None)
        text = f"{who} sent no leadership return in {missing}, so there is no before and after."
    else:
        text = (
            f"{who}'s AHP leadership did not change ({row['category_after']}) between {span}"
            if own.group == REFERENCE
            else f"{who} {_DID[own.group]} between {span}, from {row['category_before']} to "
            f"{row['category_after']}"
        )
        name, unit = _lower(result.name), result.unit
        if np.isfinite(row["change"]):
            text += (
                f"; its {name} went from {format_value(row['before'], unit)} to "
                f"{format_value(row['after'], unit)} ({signed(row['change'], unit)}), against "
                f"a mean change of {signed(ref.mean_change, unit)} over the "
                f"{plural(ref.n, 'organisation')} whose leadership did not change."
            )
        else:
            text += f"; it lacks a value of {name} in one window or both."
    return OrganisationChange(
        org_code=org_code,
        indicator=result.indicator,
        name=result.name,
        unit=result.unit,
        from_window=result.from_window,
        to_window=result.to_window,
        **{k: row[k] for k in ("org_name", "category_before", "category_after", "group")},
        **{k: float(row[k]) for k in ("before", "after", "change")},
        group_n=own.n if own else 0,
        group_mean_change=own.mean_change if own else np.nan,
        unchanged_n=ref.n,
        unchanged_mean_change=ref.mean_change,
        sentence=text,
    )
