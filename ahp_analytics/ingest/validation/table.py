"""One table's rows: blank, example and totals rows dropped, then every column cleaned and
checked by the rules of its kind, then the table's own rules (``tables.py``). Problems are
summarised per rule and column, with every row they touch; rows with an error are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa

from ahp_analytics.domain import reference as ref
from ahp_analytics.domain import schema
from ahp_analytics.domain.periods import latest_plausible_start, parse_period
from ahp_analytics.domain.results import ERROR, Message
from ahp_analytics.domain.text import (
    has_control_characters,
    terminal_safe,
    without_control_characters,
)
from ahp_analytics.ingest.readers import column_letter
from ahp_analytics.ingest.sheets import RawColumn, RawSheet
from ahp_analytics.ingest.validation import rules as R
from ahp_analytics.ingest.validation.cells import Cells, Coded, shown, text_of
from ahp_analytics.ingest.validation.header import Header

EXAMPLE_MARK = "EXAMPLE"
_TOTAL_WORDS = {"total", "totals", "grandtotal", "allprofessions", "allstaff", "allbands"}
_ORG_CODE_RE = re.compile(r"^[A-Z0-9]{3,10}$")


@dataclass
class Shown:
    """Values to show for a rule's rows: cells as read, or text already made."""

    cells: Cells | None = None
    coded: Coded | None = None
    numbers: np.ndarray | None = None

    def at(self, mask: np.ndarray) -> list[str]:
        if self.cells is not None:
            return self.cells.shown(mask)
        if self.coded is not None:
            return [shown(v) for v in self.coded.values(mask)]
        return [shown(float(v)) for v in self.numbers[mask]]


def _distinct_first(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))[:20]


class TableCheck:
    """Cleans and checks one table's rows: ``out`` holds its cleaned columns (numpy arrays
    of floats, or :class:`Coded` text), ``rows`` each row's Excel row number, ``bad`` the
    rows with an error."""

    def __init__(self, file, sheet: RawSheet, table: schema.Table, h: Header):
        self.file = file  # the driver: its messages and the Return details' defaults
        self.sheet = sheet
        self.table = table
        self.h = h
        self.wanted = sorted(set(h.columns.values()) | set(h.wide_indicators))
        numeric = {j for name, j in h.columns.items() if table.column(name).numeric}
        numeric |= set(h.wide_indicators)
        n, self.raw = sheet.columns(h.row, {j: j in numeric for j in self.wanted})
        self.n = n
        self.rows = np.arange(n, dtype=np.int64) + h.row + 2  # Excel row numbers
        self.keep = np.ones(n, bool)
        self.bad = np.zeros(n, bool)
        self.out: dict[str, object] = {}
        self._cells: dict[int, Cells] = {}

    # -- reporting -----------------------------------------------------------------------

    def label(self, column: str) -> str:
        return self.h.headers.get(column) or next(
            (c.label for c in self.table.columns if c.name == column), column
        )

    def problem(
        self,
        rule: R.Rule,
        mask: np.ndarray,
        column: str,
        values: Shown,
        **fields: object,
    ) -> None:
        """One summarised message of ``rule`` for the rows where ``mask`` is true."""
        if not mask.any():
            return
        rows = self.rows[mask].tolist()
        vals = values.at(mask)
        distinct = _distinct_first(vals)
        if rule.severity == ERROR:
            self.bad |= mask
        first = distinct[0] if distinct else ""
        fields.update(n=len(rows), rows="row" if len(rows) == 1 else "rows", first=first)
        self.file.add(
            Message(
                rule.severity,
                rule.id,
                rule.says(**fields),
                rule.fix.format(**fields),
                sheet=self.sheet.name,
                row=rows[0],
                column=self.label(column),
                value=distinct[0] if distinct else None,
                count=len(rows),
                rows=rows,
                values=distinct,
                row_values=vals,
            )
        )

    # -- cells -----------------------------------------------------------------------------

    def cells(self, name: str) -> Cells:
        """The cells of a column of the table (every cell empty when it has none)."""
        return self.cells_at(self.h.columns.get(name, -1))

    def cells_at(self, j: int) -> Cells:
        if j not in self._cells:
            self._cells[j] = Cells(self.raw.get(j), len(self.rows))
        return self._cells[j]

    def _drop(self, keep: np.ndarray) -> None:
        """Keep only the rows in ``keep`` from now on."""
        if keep.all():
            return  # nothing to drop: the columns, and the cells read from them, stand
        mask = pa.array(keep)
        for j, column in self.raw.items():
            numbers = column.numbers.filter(mask) if column.numbers is not None else None
            self.raw[j] = RawColumn(column.values.filter(mask), numbers, column.mixed)
        self.rows = self.rows[keep]
        self.bad = self.bad[keep]
        self._cells = {}

    # -- the table -------------------------------------------------------------------------

    def run(self, finish) -> dict[str, object] | None:
        """The table's cleaned rows, ``finish`` being its own rules (see ``tables.py``);
        None when no row is left."""
        used = [j for j in self.wanted if j in self.raw]
        blank = np.ones(len(self.rows), bool)
        for j in used:
            blank &= self.cells_at(j).blank()
        org_col = self.h.columns.get("org_code")
        if org_col is not None and org_col in self.raw:
            example = self.cells_at(org_col).texts().test(lambda t: t.upper() == EXAMPLE_MARK)
        else:
            example = np.zeros(len(self.rows), bool)
        totals, first_text = self._totals(used)
        totals &= ~blank
        self.problem(R.TOTALS_ROW, totals, self.table.columns[0].name, Shown(coded=first_text))
        keep = ~(blank | example | totals)
        self._drop(keep)
        if not keep.any():
            return None
        self._formula_cells(used)
        self.out["org_code"] = self._org_code()
        if self.table.name != "organisations":
            self.out["period"], self.out["period_type"] = self._period()
        return finish(self)

    def _totals(self, used: list[int]) -> tuple[np.ndarray, Coded]:
        """Rows where a text cell says Total or All professions, and that text."""
        found = Coded.constant(None, len(self.rows))
        hit_any = np.zeros(len(self.rows), bool)
        for j in used:
            cells = self.cells_at(j)
            if cells._numeric:
                continue
            texts = cells.texts()
            hit = texts.test(lambda t: ref.key(t) in _TOTAL_WORDS) & ~hit_any
            if hit.any():
                found = texts.where(hit, found)
                hit_any |= hit
        return hit_any, found

    def _formula_cells(self, used: list[int]) -> None:
        if not self.sheet.formula_without_value:
            return
        cols = {column_letter(j): j for j in used}
        names = {j: n for n, j in self.h.columns.items()}
        for ref_text in self.sheet.formula_without_value:
            m = re.match(r"([A-Z]+)(\d+)", ref_text)
            if not m or m[1] not in cols:
                continue
            mask = self.rows == int(m[2])
            j = cols[m[1]]
            self.problem(
                R.FORMULA_WITHOUT_VALUE,
                mask,
                names.get(j, self.h.wide_indicators.get(j, column_letter(j))),
                Shown(coded=Coded.constant(f"formula in {ref_text}", len(self.rows))),
            )

    def _org_code(self) -> Coded:
        s = self.cells("org_code").texts().map(str.upper)
        if "org_code" in self.file.defaults:
            s = s.where(s.notna(), Coded.constant(self.file.defaults["org_code"], len(s)))
        self.problem(R.ORG_CODE_REQUIRED, s.isna(), "org_code", Shown(coded=s))
        odd = s.test(lambda v: not _ORG_CODE_RE.match(v))
        self.problem(R.ORG_CODE, odd, "org_code", Shown(coded=s))
        return s

    def _period(self) -> tuple[np.ndarray, Coded]:
        cells = self.cells("period")
        coded = cells.coded()
        texts = cells.texts()
        if "period" in self.file.defaults:
            default = Coded.constant(self.file.defaults["period"], len(coded))
            filled = texts.notna()
            coded, texts = coded.where(filled, default), texts.where(filled, default.map(text_of))
        parsed = texts.map(parse_period)
        missing = texts.isna()
        values = Shown(coded=coded)
        self.problem(R.PERIOD_REQUIRED, missing, "period", values)
        self.problem(R.PERIOD, parsed.isna() & ~missing, "period", values)
        limit = latest_plausible_start()
        late = parsed.test(lambda p: p.start > limit)
        self.problem(R.FUTURE_PERIOD, late, "period", values, limit=f"{limit:%d %B %Y}")
        starts = [
            np.datetime64(p.start, "ns") if p else np.datetime64("NaT", "ns")
            for p in parsed.uniques
        ]
        start = np.array([*starts, np.datetime64("NaT", "ns")], dtype="datetime64[ns]")
        return start[parsed.codes], parsed.map(lambda p: p.kind)

    # -- columns by kind ------------------------------------------------------------------

    def column(self, col: schema.Column) -> object:
        """A column cleaned and checked by the rules of its kind."""
        cells = self.cells(col.name)
        if col.kind in R.VOCABS:
            return self.vocab(col, cells)
        if col.numeric:
            return self.number(col, cells)
        s = self.free_text(col.name, cells.texts())
        long = s.test(lambda t: len(t) > R.MAX_TEXT_CHARS)
        cut = s.map(lambda t: t[:40] + "...")
        self.problem(R.TEXT_TOO_LONG, long, col.name, Shown(coded=cut), label=col.label)
        return s

    def free_text(self, name: str, s: Coded) -> Coded:
        """Free text as stored, without control characters (a warning says where they were):
        line breaks and tabs become spaces, the rest (escape sequences among them) go."""
        mask = s.test(has_control_characters)
        if not mask.any():
            return s
        self.problem(R.CONTROL_CHARACTERS, mask, name, Shown(coded=s.map(terminal_safe)))
        return s.map(
            lambda t: without_control_characters(t) if has_control_characters(t) else t
        ).map(lambda t: t or None)

    def vocab(self, col: schema.Column, cells: Cells) -> Coded:
        vocab = R.VOCABS[col.kind]
        s = cells.texts()
        out = s.map(vocab.match)
        unknown = s.notna() & out.isna()
        values = Shown(coded=s)
        if col.required:
            missing = s.isna() & ~self.nil_rows()
            self.problem(
                R.VOCAB_REQUIRED,
                missing,
                col.name,
                values,
                label=col.label,
                vocab_fix=R.FIXES[col.kind],
            )
        if unknown.any():
            for value in s.first_seen(unknown):
                nearest = vocab.nearest(value)
                hint = f" Did you mean '{nearest}'?" if nearest else ""
                self.problem(
                    R.UNKNOWN_VALUES[col.kind], unknown & s.eq(value), col.name, values, hint=hint
                )
        return out

    def nil_rows(self) -> np.ndarray:
        """Leadership rows whose Role says there are no posts (the explicit nil return)."""
        if self.table.name != "leadership":
            return np.zeros(len(self.rows), bool)
        return self.cells("role").texts().test(lambda t: ref.ROLES.match(t) == ref.NIL_ROLE)

    def number(self, col: schema.Column, cells: Cells) -> np.ndarray:
        nums, bad = cells.numbers()
        values = Shown(cells=cells)
        label = col.label
        self.problem(R.NOT_A_NUMBER, bad, col.name, values, label=label)
        if col.required:
            self.problem(R.NUMBER_REQUIRED, np.isnan(nums) & ~bad, col.name, values, label=label)
        if col.minimum is not None:
            self.problem(R.NEGATIVE, R.NEGATIVE.check(nums, col), col.name, values, label=label)
        if col.kind == "integer":
            self.problem(R.NOT_WHOLE, R.NOT_WHOLE.check(nums, col), col.name, values, label=label)
        return nums

    def in_range(self, name: str, nums: np.ndarray) -> None:
        """The table's range rule for column ``name`` on ``nums``, with the schema's bounds."""
        col = self.table.column(name)
        rule = R.RANGE_RULES[(self.table.name, name)]
        mask = rule.check(nums, col)
        fields = {"minimum": col.minimum, "maximum": col.maximum}
        self.problem(rule, mask, name, Shown(cells=self.cells(name)), **fields)

    # -- the table as a frame ----------------------------------------------------------------

    def frame(self, out: dict | None) -> pd.DataFrame | None:
        """The cleaned rows without an error as the table's canonical frame, with each row's
        sheet and Excel row (``_sheet``, ``_row``); None when there are none."""
        if out is None:
            return None
        good = ~self.bad
        if "parts" in out:  # wide indicators: one row per filled indicator cell
            pieces = [
                self._columns(out, mask & good, {"indicator": codes, "value": values})
                for mask, codes, values in out["parts"]
            ]
            df = pd.concat(pieces, ignore_index=True)
        else:
            df = self._columns(out, good, {})
        return schema.canonical(df, self.table.name, extra=("_sheet", "_row"))

    def _columns(self, out: dict, mask: np.ndarray, extra: dict) -> pd.DataFrame:
        data = {}
        for name, column in {**out, **extra}.items():
            if isinstance(column, Coded):
                # Object dtype said outright: pandas would otherwise convert text to Arrow
                # strings, which the canonical frame converts back.
                data[name] = pd.Series(column.objects()[mask], dtype=object)
            elif name != "parts":
                data[name] = column[mask]
        data["_sheet"] = pd.Series(self.sheet.name, index=range(int(mask.sum())), dtype=object)
        data["_row"] = self.rows[mask]
        return pd.DataFrame(data)
