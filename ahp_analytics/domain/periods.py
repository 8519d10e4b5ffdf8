"""Periods: parsing every form the return allows, financial years and analysis windows.

A period is stored as the first day of the period plus its kind. An observation is *dated* by
the last day of its period, so a calendar-year value for 2023 falls in financial year 2023/24
(it ends on 31 December 2023) and a month falls in the window that holds it.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

import pandas as pd

KINDS = ("month", "quarter", "year", "financial_year")

_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_name) if m})
_MONTHS["sept"] = 9

_ISO_MONTH = re.compile(r"^(\d{4})[-/.](\d{1,2})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_UK_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_MON_YY = re.compile(r"^([a-z]+)[-\s/]+(\d{2}|\d{4})$")
_YYYY_MON = re.compile(r"^(\d{4})[-\s/]+([a-z]+)$")
_FY = re.compile(r"^(?:fy\s*)?(\d{4})\s*[/-]\s*(\d{2}|\d{4})(?:\s*q([1-4]))?$")
_YEAR = re.compile(r"^(\d{4})(?:\.0+)?$")


@dataclass(frozen=True, order=True)
class Period:
    """A reporting period: its first day and its kind (month, quarter, year, financial_year)."""

    start: date
    kind: str

    @property
    def end(self) -> date:
        """The period's last day (the date its observation is dated by)."""
        return _add_months(self.start, _MONTHS_IN[self.kind]) - timedelta(days=1)

    @property
    def label(self) -> str:
        if self.kind == "month":
            return self.start.strftime("%b %Y")
        if self.kind == "quarter":
            fy = financial_year_start(self.start)
            q = (self.start.month - 4) % 12 // 3 + 1
            return f"{fy_label(fy)} Q{q}"
        if self.kind == "year":
            return str(self.start.year)
        return fy_label(self.start.year)


def _add_months(d: date, months: int) -> date:
    m = d.month - 1 + months
    return date(d.year + m // 12, m % 12 + 1, 1)


def financial_year_start(d: date) -> int:
    """The year in which the NHS financial year holding ``d`` starts (1 April)."""
    return d.year if d.month >= 4 else d.year - 1


def fy_label(start_year: int) -> str:
    """``2023`` -> ``"2023/24"``."""
    return f"{start_year}/{(start_year + 1) % 100:02d}"


def latest_plausible_start(today: date | None = None) -> date:
    """The latest first day a reported period may have: one year after ``today`` (28 February
    for 29 February). A period beginning later is taken for a typing error, e.g. 2099 for 2009;
    one beginning by then may be a plan or a forecast."""
    today = today or date.today()
    day = 28 if (today.month, today.day) == (2, 29) else today.day
    return date(today.year + 1, today.month, day)


def has_begun(start: pd.Series, today: date | None = None) -> pd.Series:
    """Boolean mask of the period starts (datetimes) on or before ``today``: the periods that
    are not in the future. Missing starts are False."""
    return pd.to_datetime(start) <= pd.Timestamp(today or date.today())


def _month(year: int, month: int) -> Period | None:
    if 1 <= month <= 12 and 1990 <= year <= 2100:
        return Period(date(year, month, 1), "month")
    return None


def _two_digit_year(y: str) -> int:
    return 2000 + int(y) if len(y) == 2 else int(y)


def parse_period(value: object) -> Period | None:
    """Parse a period in any form the return format allows; None when it cannot be read.

    Accepts Excel date cells (that month), ``2024-03``, ``2024-03-31``, ``Mar-24``,
    ``March 2024``, ``2024-MAR``, ``2023/24`` or ``2023-24`` (financial year from 1 April),
    ``2023/24 Q4`` (financial quarter) and ``2024`` (calendar year).
    """
    if value is None:
        return None
    if isinstance(value, datetime | date | pd.Timestamp):
        if pd.isna(value):
            return None
        return _month(value.year, value.month)
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        if value != value:  # NaN
            return None
        if float(value).is_integer() and 1990 <= value <= 2100:
            return Period(date(int(value), 1, 1), "year")
        return None
    return _parse_text(str(value).strip().lower())


@lru_cache(maxsize=4096)
def _parse_text(text: str) -> Period | None:
    if not text:
        return None
    # "2023-24" is a financial year; "2023-03" is a month. Only "2011-12" could be both,
    # and reads as December 2011, as ISO 8601 says.
    m = _ISO_MONTH.match(text)
    if m and ("/" not in text or len(m[2]) == 1) and int(m[2]) <= 12:
        return _month(int(m[1]), int(m[2]))
    if m := _ISO_DATE.match(text):
        return _valid_day(int(m[1]), int(m[2]), int(m[3]))
    if m := _UK_DATE.match(text):
        return _valid_day(int(m[3]), int(m[2]), int(m[1]))
    if m := _FY.match(text):
        start = int(m[1])
        end = _two_digit_year(m[2]) if len(m[2]) == 2 else int(m[2])
        if end % 100 != (start + 1) % 100 or not 1990 <= start <= 2100:
            return None
        if m[3]:
            return Period(_add_months(date(start, 4, 1), 3 * (int(m[3]) - 1)), "quarter")
        return Period(date(start, 4, 1), "financial_year")
    if m := _MON_YY.match(text):
        month = _MONTHS.get(m[1])
        return _month(_two_digit_year(m[2]), month) if month else None
    if m := _YYYY_MON.match(text):
        month = _MONTHS.get(m[2])
        return _month(int(m[1]), month) if month else None
    if m := _YEAR.match(text):
        year = int(m[1])
        return Period(date(year, 1, 1), "year") if 1990 <= year <= 2100 else None
    return None


def _valid_day(year: int, month: int, day: int) -> Period | None:
    try:
        date(year, month, day)
    except ValueError:
        return None
    return _month(year, month)


_MONTHS_IN = {"month": 1, "quarter": 3, "year": 12, "financial_year": 12}


@dataclass(frozen=True)
class Window:
    """An analysis window: observations whose period ends between ``start`` and ``end``
    (inclusive) are inside it. ``kind`` is the period kind it spans, or None for a range."""

    start: date
    end: date
    label: str
    kind: str | None = None

    def contains(self, period_end: pd.Series) -> pd.Series:
        """Boolean mask of the dates (period ends) that fall inside the window."""
        ts = pd.to_datetime(period_end)
        return (ts >= pd.Timestamp(self.start)) & (ts <= pd.Timestamp(self.end))

    def previous(self) -> Window:
        """The window of the same length just before this one."""
        if self.kind is not None:
            return window_of(Period(_add_months(self.start, -_MONTHS_IN[self.kind]), self.kind))
        end = self.start - timedelta(days=1)
        start = end - (self.end - self.start)
        return Window(start, end, f"{start.isoformat()} to {end.isoformat()}")


def window_of(period: Period) -> Window:
    """The window spanning one period."""
    return Window(period.start, period.end, period.label, period.kind)


def parse_window(text: str) -> Window | None:
    """A window from a period (``2023/24``, ``2024``, ``2023/24 Q4``, ``2024-03``) or a
    range ``FROM..TO`` of two periods; None when unreadable."""
    text = str(text).strip()
    if ".." in text:
        a, b = (parse_period(part.strip()) for part in text.split("..", 1))
        if a is None or b is None or b.end < a.start:
            return None
        return Window(a.start, b.end, f"{a.label} to {b.label}")
    p = parse_period(text)
    return window_of(p) if p else None


def financial_year_window(start_year: int) -> Window:
    return window_of(Period(date(start_year, 4, 1), "financial_year"))


def period_end(start: pd.Series, kind: pd.Series) -> pd.Series:
    """Vectorised :attr:`Period.end` over columns of period starts and kinds."""
    start = pd.to_datetime(start)
    months = kind.map(_MONTHS_IN).fillna(1)
    out = start.copy()
    for n in months.unique():
        mask = months == n
        out[mask] = start[mask] + pd.DateOffset(months=int(n)) - pd.Timedelta(days=1)
    return out


def parse_period_series(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Parse a column of period cells: (start as datetime64, kind); NaT/None where unreadable.

    Parses each distinct value once, so a column of a million rows with 24 months costs 24
    parses.
    """
    uniques = pd.unique(values)
    parsed = {_hashable(v): parse_period(v) for v in uniques}
    starts = values.map(lambda v: parsed[_hashable(v)]) if len(values) else values
    start = pd.to_datetime(
        starts.map(lambda p: p.start if p is not None else None), errors="coerce"
    ).astype("datetime64[ns]")
    kind = starts.map(lambda p: p.kind if p is not None else None).astype(object)
    return start, kind


def _hashable(v: object) -> object:
    return ("nan",) if isinstance(v, float) and v != v else v
