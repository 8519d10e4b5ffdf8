"""Cleaning a column of cells: blank cells and missing markers, text, numbers and the value a
message shows, each worked out once per distinct value and spread to the rows by index.

A column is held as :class:`Coded`: its distinct values and, for each row, the index of its
value (-1 for an empty cell), so that a national table of 700,000 rows and 24 periods costs 24
parses, and masks, numbers and the output columns are numpy operations over the indices. A
column of numbers only is never encoded: its numbers are read straight from Arrow.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ahp_analytics.domain import reference as ref
from ahp_analytics.ingest.sheets import RawColumn, python_value

NUMERIC_TYPES = (pa.types.is_floating, pa.types.is_integer)
_BOOLEAN_TEXT = {"true": True, "false": False}
# How a workbook column that mixes types writes a date (or a time of day) as text.
_MIDNIGHT = re.compile(r"^(\d{4}-\d{2}-\d{2}) 00:00:00$")
_DAY_ZERO_TIME = re.compile(r"^1899-12-3[01] (\d{2}:\d{2}:\d{2}(?:\.\d+)?)$")


def text_of(value: object) -> str:
    """A cell as stripped text; '' for blank and the missing markers."""
    if value is None:
        return ""
    if isinstance(value, float):
        if value != value:
            return ""
        return str(int(value)) if value.is_integer() else repr(value)
    text = str(value).strip()
    return "" if text.lower() in ref.MISSING_TEXT else text


def shown(value: object) -> str:
    """A cell as a message shows it: numbers without a needless ``.0``, text cut at 80."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "..."


def shown_key(value: object) -> str:
    """A key's value as a message shows it (a period as its first day)."""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return shown(value)


def same_text(value: object) -> str:
    """Text compared ignoring case and runs of spaces."""
    return " ".join(str(value).split()).casefold()


def _excel_text(x: float) -> str:
    """A number as a workbook column that mixes types writes it: at most 9 decimals."""
    return f"{x:.9f}".rstrip("0").rstrip(".")


def _unmixed(value: object) -> object:
    """A value of a workbook column that mixes types, as the cell meant it: a date written
    as text at midnight is the date, one on Excel's day zero the time of day."""
    if isinstance(value, str):
        if m := _MIDNIGHT.match(value):
            return m[1]
        if m := _DAY_ZERO_TIME.match(value):
            return m[1]
    return value


class Coded:
    """A column as its distinct values (``uniques``) and, for each row, the index of its
    value in them (``codes``; -1 for an empty cell)."""

    __slots__ = ("codes", "uniques")

    def __init__(self, uniques: list, codes: np.ndarray):
        self.uniques = uniques
        self.codes = codes

    @classmethod
    def of(cls, values: pa.Array, convert: Callable[[object], object] | None = None) -> Coded:
        """An Arrow array encoded, ``convert`` applied to each distinct value."""
        if pa.types.is_null(values.type) or len(values) == 0:
            return cls([], np.full(len(values), -1, np.int64))
        encoded = pc.dictionary_encode(values)
        uniques = encoded.dictionary.to_pylist()
        if convert is not None:
            uniques = [convert(u) for u in uniques]
        codes = encoded.indices.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)
        return cls(uniques, codes)

    @classmethod
    def constant(cls, value: object, n: int) -> Coded:
        return cls([value], np.zeros(n, np.int64))

    def __len__(self) -> int:
        return len(self.codes)

    def map(self, fn: Callable[[object], object]) -> Coded:
        """Each distinct value through ``fn`` (None stays None)."""
        return Coded([None if u is None else fn(u) for u in self.uniques], self.codes)

    def _lookup(self, per_unique: Iterable, empty: object, dtype) -> np.ndarray:
        table = np.fromiter((*per_unique, empty), dtype=dtype, count=len(self.uniques) + 1)
        return table[self.codes]

    def test(self, predicate: Callable[[object], bool]) -> np.ndarray:
        """Rows whose value is not None and meets ``predicate``."""
        return self._lookup(
            (u is not None and bool(predicate(u)) for u in self.uniques), False, bool
        )

    def isna(self) -> np.ndarray:
        return self._lookup((u is None for u in self.uniques), True, bool)

    def notna(self) -> np.ndarray:
        return ~self.isna()

    def eq(self, value: object) -> np.ndarray:
        return self.test(lambda u: u == value)

    def isin(self, values: set) -> np.ndarray:
        return self.test(lambda u: u in values)

    def floats(self) -> np.ndarray:
        """The values as float64 (NaN for None)."""
        return self._lookup(
            (np.nan if u is None else float(u) for u in self.uniques), np.nan, np.float64
        )

    def objects(self) -> np.ndarray:
        """The values as a numpy object array (None for an empty cell)."""
        table = np.empty(len(self.uniques) + 1, dtype=object)
        table[: len(self.uniques)] = self.uniques
        return table[self.codes]

    def values(self, mask: np.ndarray) -> list:
        """The values of the rows in ``mask``, in order."""
        return self.objects()[mask].tolist()

    def where(self, mask: np.ndarray, other: Coded) -> Coded:
        """This column's value where ``mask``, ``other``'s elsewhere."""
        shift = len(self.uniques)
        codes = np.where(mask, self.codes, np.where(other.codes < 0, -1, other.codes + shift))
        return Coded(self.uniques + other.uniques, codes)

    def filter(self, mask: np.ndarray) -> Coded:
        return Coded(self.uniques, self.codes[mask])

    def first_seen(self, mask: np.ndarray) -> list:
        """The distinct values among the rows in ``mask``, in the order they first appear."""
        codes = self.codes[mask]
        codes = codes[codes >= 0]
        _, first = np.unique(codes, return_index=True)
        return [self.uniques[c] for c in codes[np.sort(first)]]


class Cells:
    """One column of a table's cells (a :class:`RawColumn`, or nothing: every cell empty),
    with what validation asks of it worked out once, when first asked."""

    def __init__(self, column: RawColumn | None, n: int):
        self.column = column
        self.n = n
        self._coded: Coded | None = None
        self._texts: Coded | None = None

    @property
    def _numeric(self) -> bool:
        return self.column is not None and any(t(self.column.values.type) for t in NUMERIC_TYPES)

    def coded(self) -> Coded:
        """The cells as the Python values they hold (a date-time at midnight as a date)."""
        if self._coded is None:
            if self.column is None:
                self._coded = Coded.constant(None, self.n)
            else:
                convert = _unmixed if self.column.mixed else python_value
                self._coded = Coded.of(self.column.values, convert)
        return self._coded

    def texts(self) -> Coded:
        """The cells as stripped text; None for blank cells and the missing markers."""
        if self._texts is None:
            self._texts = self.coded().map(lambda v: text_of(v) or None)
        return self._texts

    def blank(self) -> np.ndarray:
        """Rows whose cell is blank or a missing marker."""
        if self._numeric:
            values = self.column.values
            return np.asarray(
                pc.or_kleene(pc.is_null(values), pc.is_nan(pc.cast(values, pa.float64())))
                .fill_null(True)
                .to_numpy(zero_copy_only=False)
            )
        return self.texts().isna()

    def shown(self, mask: np.ndarray) -> list[str]:
        """The cells of the rows in ``mask`` as a message shows them."""
        out = self.coded().map(shown).values(mask)
        out = ["" if v is None else v for v in out]
        numbers = self.column.numbers if self.column is not None else None
        if numbers is not None:
            # A mixed column's Booleans and numbers, shown as the cells hold them.
            exact = numbers.to_numpy(zero_copy_only=False)[mask]
            for i, (text, x) in enumerate(zip(out, exact, strict=True)):
                if x != x:
                    continue
                if text in _BOOLEAN_TEXT:
                    out[i] = str(_BOOLEAN_TEXT[text])
                elif text == _excel_text(x):
                    out[i] = shown(float(x))
        return out

    def numbers(self, percent: bool = False) -> tuple[np.ndarray, np.ndarray]:
        """(numbers, not numbers): numbers pass, text like ``" 3.5 "`` or ``1,234.5`` (and
        ``85%`` when ``percent``) is converted, blanks and missing markers are NaN; a cell
        that is not a number (a Boolean among them) is NaN and marked."""
        if self._numeric:
            nums = self.column.values.cast(pa.float64()).to_numpy(zero_copy_only=False)
            bad = np.isinf(nums)
            return np.where(bad, np.nan, nums), bad
        if self.column is not None and pa.types.is_boolean(self.column.values.type):
            bad = ~self.blank()
            return np.full(self.n, np.nan), bad
        coded = self.coded()
        parsed, failed = _parse_numbers(coded.uniques, percent)
        nums = np.append(parsed, np.nan)[coded.codes]
        bad = np.append(failed, False)[coded.codes]
        numbers = self.column.numbers if self.column is not None else None
        if numbers is not None:
            exact = numbers.to_numpy(zero_copy_only=False)
            boolean = coded.isin(set(_BOOLEAN_TEXT)) & ~np.isnan(exact)
            take = np.isfinite(exact) & ~boolean
            nums = np.where(take, exact, nums)
            bad = np.where(take, False, bad) | boolean
            nums = np.where(boolean, np.nan, nums)
        return nums, bad


def _parse_numbers(values: list, percent: bool) -> tuple[np.ndarray, np.ndarray]:
    """(numbers, not numbers) of distinct cell values, as pandas reads them."""
    if not values:
        return np.empty(0), np.empty(0, bool)
    series = pd.Series(values, dtype=object)
    is_bool = series.map(lambda v: isinstance(v, bool)).to_numpy(bool)
    direct = pd.to_numeric(series, errors="coerce").to_numpy(np.float64, na_value=np.nan)
    direct = np.where(is_bool, np.nan, direct)
    text = series.map(lambda v: text_of(v) or None)
    cleaned = text.str.replace(",", "", regex=False).str.replace("\u00a3", "", regex=False)
    if percent:
        cleaned = cleaned.str.removesuffix("%").str.strip()
    parsed = pd.to_numeric(cleaned, errors="coerce").to_numpy(np.float64, na_value=np.nan)
    need = np.isnan(direct) & series.notna().to_numpy(bool)
    nums = np.where(need, parsed, direct)
    bad = (need & text.notna().to_numpy(bool) & np.isnan(parsed)) | is_bool
    bad |= np.isinf(nums)
    return np.where(bad, np.nan, nums), bad
