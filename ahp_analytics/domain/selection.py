"""What a reader selects: one :class:`Selection` for the store, the exports, the command line
and the pages.

A selection holds an analysis window (the summary's), organisations, regions, ICBs, trust types,
a range of periods, and whether the demonstration data set's organisations are in; each left
empty (and the demonstration organisations in) selects everything. It describes itself (for captions
and an export's "About" sheet), names files (:meth:`Selection.slug`), filters a frame
(:meth:`Selection.apply`); the store turns it into SQL. A filter that does not apply to a table
(a window on the workforce table, periods on the summary, anything on the history) is an error,
never silently ignored: :meth:`Selection.check`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from datetime import date, datetime

import pandas as pd

from ahp_analytics.domain.periods import Period, Window, parse_period, parse_window
from ahp_analytics.domain.reference import demo_codes

# The filters each table takes. The organisation filters reach a data table's rows through the
# organisations table (rows of an organisation it does not know drop out).
ORGANISATION_FILTERS = frozenset({"orgs", "region", "icb", "trust_type", "demo"})
APPLIES = {
    "organisations": ORGANISATION_FILTERS,
    "workforce": ORGANISATION_FILTERS | {"periods"},
    "leadership": ORGANISATION_FILTERS | {"periods"},
    "indicators": ORGANISATION_FILTERS | {"periods"},
    "summary": ORGANISATION_FILTERS | {"window"},
    "submissions": frozenset(),
}

# Why a filter does not apply, by (table kind, filter); the table's name fills {table}.
_REFUSALS = {
    ("summary", "periods"): "the summary holds each organisation's latest figures in an "
    "analysis window, not a range of periods: choose it with --window (e.g. --window 2024/25) "
    "instead of --from and --to.",
    (None, "window"): "an analysis window applies to the summary only, not to the {table} table.",
    ("organisations", "periods"): "the organisations table has no periods: leave out --from "
    "and --to.",
    ("submissions", None): "the history of submissions is never filtered: leave out the "
    "filters ({names}).",
}

# Each filter as a frame's column (periods: the period's first day).
_COLUMNS = {"orgs": "org_code", "region": "region", "icb": "icb", "trust_type": "trust_type"}


def _texts(value: object, upper: bool = False) -> tuple[str, ...]:
    """One value or several as distinct stripped texts, in the order given; blanks dropped."""
    if value is None:
        return ()
    items = [value] if isinstance(value, str) else list(value)  # type: ignore[call-overload]
    out: list[str] = []
    for item in items:
        text = str(item).strip()
        text = text.upper() if upper else text
        if text and text not in out:
            out.append(text)
    return tuple(out)


def period_bound(value: object) -> date | None:
    """A period bound as the day it stands for: a date, datetime, ISO date, any period text
    (its first day) or a :class:`Period`; None stays None. Raises ValueError when unreadable."""
    if value is None:
        return None
    if isinstance(value, Period):
        return value.start
    if isinstance(value, pd.Timestamp | datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        period = parse_period(text)
        if period is None:
            raise ValueError(f"Cannot read {value!r} as a period or date.") from None
        return period.start


def _window_text(value: object) -> str | None:
    """A window as text that reads back as the same window: a period's label (``2023/24``) or
    a range of two (``2023/24..2024/25``). Raises ValueError when unreadable."""
    if value is None:
        return None
    text = value.label.replace(" to ", "..") if isinstance(value, Window) else str(value).strip()
    window = parse_window(text)
    if window is None:
        raise ValueError(f"cannot read the window '{text}' (e.g. 2023/24)")
    return window.label.replace(" to ", "..")


@dataclass(frozen=True)
class Selection:
    """What is selected; an empty field selects everything.

    ``window``: an analysis window's text (``2023/24``, ``2023/24..2024/25``), the summary's;
    ``orgs``: organisation codes (upper case); ``region``, ``icb``, ``trust_type``: one value or
    several each; ``period_from`` and ``period_to``: bounds of a period's first day, inclusive.
    Built from loose values: text or a sequence for the tuples, any period text, date or
    :class:`Period` for the bounds, text or a :class:`Window` for the window (ValueError when
    unreadable). ``demo=False`` leaves out the demonstration data set's organisations (codes
    ``DM001`` to ``DM999``, :func:`~ahp_analytics.domain.reference.is_demo_code`).
    """

    window: str | None = None
    orgs: tuple[str, ...] = ()
    region: tuple[str, ...] = ()
    icb: tuple[str, ...] = ()
    trust_type: tuple[str, ...] = ()
    period_from: date | None = None
    period_to: date | None = None
    demo: bool = True

    def __post_init__(self) -> None:
        set_ = object.__setattr__  # normalising a frozen dataclass's fields once, here
        set_(self, "window", _window_text(self.window))
        set_(self, "orgs", _texts(self.orgs, upper=True))
        for name in ("region", "icb", "trust_type"):
            set_(self, name, _texts(getattr(self, name)))
        set_(self, "period_from", period_bound(self.period_from))
        set_(self, "period_to", period_bound(self.period_to))
        set_(self, "demo", bool(self.demo))

    # -- what is set -------------------------------------------------------------------------

    @property
    def analysis_window(self) -> Window | None:
        """The window as a :class:`Window` (None when not chosen)."""
        return parse_window(self.window) if self.window else None

    def filters(self) -> list[str]:
        """The names of the filters set: window, orgs, region, icb, trust_type, periods, demo
        (the demonstration organisations left out)."""
        skip = ("period_from", "period_to", "demo")
        out = [f.name for f in fields(self) if f.name not in skip and getattr(self, f.name)]
        out += ["periods"] if self.period_from or self.period_to else []
        return out + ([] if self.demo else ["demo"])

    @property
    def narrowed(self) -> bool:
        """True when anything but the window narrows the rows."""
        return any(n != "window" for n in self.filters())

    def replace(self, **changes: object) -> Selection:
        """A copy with some fields changed (normalised like the constructor's)."""
        return replace(self, **changes)  # type: ignore[arg-type]

    def check(self, table: str) -> None:
        """Raise ValueError when a filter set here does not apply to ``table`` (organisations,
        workforce, leadership, indicators, summary, submissions), or the table is unknown."""
        if table not in APPLIES:
            raise ValueError(f"Unknown table {table!r}: choose one of {', '.join(APPLIES)}.")
        wrong = [n for n in self.filters() if n not in APPLIES[table]]
        if not wrong:
            return
        if table == "submissions":
            raise ValueError(_REFUSALS["submissions", None].format(names=", ".join(wrong)))
        message = _REFUSALS.get((table, wrong[0])) or _REFUSALS[None, wrong[0]]
        raise ValueError(message.format(table=table))

    # -- words -------------------------------------------------------------------------------

    def _parts(self) -> list[str]:
        window = self.analysis_window
        parts = [window.label] if window else []
        parts += [*self.region, *self.icb, *self.trust_type, *self.orgs]
        if self.period_from and self.period_to:
            parts.append(f"{self.period_from.isoformat()} to {self.period_to.isoformat()}")
        elif self.period_from:
            parts.append(f"from {self.period_from.isoformat()}")
        elif self.period_to:
            parts.append(f"to {self.period_to.isoformat()}")
        if not self.demo:
            parts.append("without demonstration data")
        return parts

    def describe(self) -> str:
        """The selection as text, e.g. ``2023/24, London, Acute``: the window, regions, ICBs,
        trust types, organisations, periods; ``everything`` when nothing is chosen. Regions,
        ICBs and codes may come from data: escape before Markdown."""
        return ", ".join(self._parts()) or "everything"

    def slug(self) -> str:
        """A file-name friendly description, e.g. ``2023-24_London_Acute``; ``all`` when
        nothing is chosen. Letters and digits are kept, every other run becomes one ``-``."""
        parts = [re.sub(r"[^A-Za-z0-9]+", "-", p).strip("-") for p in self._parts()]
        return "_".join(p for p in parts if p) or "all"

    # -- applying ----------------------------------------------------------------------------

    def apply(self, df: pd.DataFrame) -> pd.DataFrame:
        """The rows of ``df`` that pass: organisation codes, regions, ICBs and trust types by
        the columns of those names (demonstration organisations by ``org_code``), periods by
        ``period``, the window by ``window`` (a summary's rows). A filter set here whose column
        ``df`` lacks raises ValueError."""
        mask = pd.Series(True, index=df.index)
        wanted = {name: getattr(self, name) for name in _COLUMNS if getattr(self, name)}
        if self.window:
            wanted["window"] = (self.analysis_window.label,)  # type: ignore[union-attr]
        for name, values in wanted.items():
            column = _COLUMNS.get(name, name)
            if column not in df:
                raise ValueError(f"the {name} filter does not apply to rows without {column}.")
            mask &= df[column].isin(values)
        if not self.demo:
            if "org_code" not in df:
                raise ValueError("the demo filter does not apply to rows without org_code.")
            mask &= ~demo_codes(df["org_code"])
        if self.period_from or self.period_to:
            if "period" not in df:
                raise ValueError("the periods filter does not apply to rows without period.")
            start = pd.to_datetime(df["period"])
            if self.period_from:
                mask &= start >= pd.Timestamp(self.period_from)
            if self.period_to:
                mask &= start <= pd.Timestamp(self.period_to)
        return df[mask]
