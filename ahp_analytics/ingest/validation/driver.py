"""The driver: a file's bytes -> its sheets -> each table's checked rows -> the checks across
tables (nil returns beside posts, repeated keys, unknown organisations) -> canonical frames.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from ahp_analytics.domain import reference as ref
from ahp_analytics.domain import schema
from ahp_analytics.domain.periods import parse_period
from ahp_analytics.domain.results import FileResult, Message, sha256_of
from ahp_analytics.ingest.readers import read_bytes
from ahp_analytics.ingest.sheets import RawSheet, RawWorkbook, Refused
from ahp_analytics.ingest.validation import header
from ahp_analytics.ingest.validation import rules as R
from ahp_analytics.ingest.validation.cells import shown_key, text_of
from ahp_analytics.ingest.validation.table import TableCheck
from ahp_analytics.ingest.validation.tables import FINISH

OUR_SHEETS = {ref.key("Instructions"), ref.key("Lists")}
DETAILS_SHEET = ref.key(schema.RETURN_DETAILS_SHEET)
DETAILS_ROWS = 50


def validate_path(path: str | Path) -> FileResult:
    """Read and check a file on disk."""
    p = Path(path)
    return validate_bytes(p.read_bytes(), p.name)


def validate_bytes(
    data: bytes, file_name: str, known_orgs: Iterable[str] | None = None
) -> FileResult:
    """Read and check one file; never raises for anything in the file's content.

    ``known_orgs``: organisation codes known beside the shipped reference list (e.g. those
    in the store), which then raise no unknown-organisation warning."""
    result = FileResult(file_name, sha256_of(data), len(data))
    try:
        book = read_bytes(data, file_name)
        _File(book, result, set(known_orgs or ())).run()
    except Refused as exc:
        rule = R.UNREADABLE_FILE
        result.errors.clear()
        result.warnings.clear()
        result.tables.clear()
        result.add(Message(rule.severity, rule.id, rule.says(reason=exc), rule.fix))
    return result


class _File:
    """Checks one file's sheets: its messages go to ``result``; ``defaults`` are the
    Return details sheet's organisation code and period."""

    def __init__(self, book: RawWorkbook, result: FileResult, known_orgs: set[str]):
        self.book = book
        self.known_orgs = known_orgs
        self.result = result
        self.defaults: dict[str, object] = {}
        self.frames: dict[str, list[pd.DataFrame]] = {}

    def add(self, message: Message) -> None:
        self.result.add(message)

    def _say(self, rule: R.Rule, fields: dict | None = None, **where: object) -> None:
        """A message of ``rule``, its template filled from ``fields``, at ``where`` (the
        message's sheet, row, column, value and rows)."""
        self.add(Message(rule.severity, rule.id, rule.says(**(fields or {})), rule.fix, **where))

    def run(self) -> None:
        for note in self.book.notes:
            self._say(R.ENCODING, {"note": note})
        sheets = []
        for sheet in self.book.sheets:
            k = ref.key(sheet.name)
            if k in OUR_SHEETS:
                continue
            if k == DETAILS_SHEET:
                self._return_details(sheet)
            else:
                sheets.append(sheet)
        recognised = sum(self._sheet(sheet) for sheet in sheets)
        if not recognised and not self.result.errors:
            self._say(R.NO_TABLE)
        for name, parts in self.frames.items():
            df = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
            self.result.tables[name] = df
        if self.result.errors:
            return
        if recognised and not self.result.tables:
            self._say(R.NO_ROWS)
            return
        self._cross_table_checks()

    def _return_details(self, sheet: RawSheet) -> None:
        for i, row in enumerate(sheet.head[:DETAILS_ROWS]):
            if len(row) < 2:
                continue
            field, value = ref.key(row[0]), row[1]
            text = text_of(value)
            if field in schema.ORG_CODE.match_keys() and text:
                self.defaults["org_code"] = text.upper()
            elif field in schema.PERIOD.match_keys() and text:
                if parse_period(value) is None:
                    self._say(
                        R.DETAILS_PERIOD,
                        {"value": text},
                        sheet=sheet.name,
                        row=i + 1,
                        column="Value",
                        value=text,
                    )
                else:
                    self.defaults["period"] = value

    def _sheet(self, sheet: RawSheet) -> bool:
        """Check one sheet; True when it was taken for a table of the return."""
        head = sheet.head
        blank_head = not any(any(text_of(c) for c in r) for r in head[: R.HEADER_SEARCH_ROWS])
        if blank_head and sheet.height <= 1:
            if not sheet.hidden:
                self._say(R.EMPTY_SHEET, {"sheet": sheet.name}, sheet=sheet.name)
            return False
        by_name = header.table_by_sheet_name(sheet.name)
        if by_name is not None:
            h = header.find_header(self, sheet, by_name)
            if h is None:
                header.missing_columns(self, sheet, by_name)
                return True
            self._table(sheet, by_name, h)
            return True
        found = header.detect_by_header(self, sheet)
        if found is None:
            return False
        self._table(sheet, *found)
        return True

    def _table(self, sheet: RawSheet, table: schema.Table, h: header.Header) -> None:
        if h.unknown:
            fields = {
                "Columns": "Column" if len(h.unknown) == 1 else "Columns",
                "names": ", ".join(repr(u) for u in h.unknown[:10]),
                "are": "are" if len(h.unknown) > 1 else "is",
                "table": table.sheet,
            }
            self._say(R.UNKNOWN_COLUMN, fields, sheet=sheet.name, row=h.row + 1)
        t = TableCheck(self, sheet, table, h)
        if t.n == 0:
            self._say(R.SHEET_WITHOUT_ROWS, {"sheet": sheet.name}, sheet=sheet.name)
            return
        df = t.frame(t.run(FINISH[table.name]))
        if df is not None and len(df):
            self.frames.setdefault(table.name, []).append(df)

    # -- across tables ------------------------------------------------------------------------

    def _cross_table_checks(self) -> None:
        tables = self.result.tables
        if "leadership" in tables:
            self._nil_beside_posts(tables["leadership"])
        for name, df in list(tables.items()):
            keys = schema.TABLES[name].key
            if name != "organisations" and keys:
                dup = _duplicated(df, keys)
                if dup.any():
                    self._duplicates(name, df[dup], keys)
        known = self.known_orgs | set(ref.organisations()["org_code"])
        if "organisations" in tables:
            known |= set(tables["organisations"]["org_code"])
        unknown: set[str] = set()
        for name, df in tables.items():
            if name != "organisations":
                unknown |= set(pd.unique(df["org_code"])) - known
        if unknown:
            codes = sorted(unknown)
            fields = {
                "count": len(codes),
                "codes": ", ".join(codes[:10]),
                "more": " and more" if len(codes) > 10 else "",
                "are": "s are" if len(codes) > 1 else " is",
            }
            self._say(
                R.UNKNOWN_ORGANISATION,
                fields,
                column="Organisation code",
                value=codes[0],
                count=len(codes),
                values=codes[:20],
            )
        self.result.tables = {k: v.drop(columns=["_sheet", "_row"]) for k, v in tables.items()}

    def _nil_beside_posts(self, df: pd.DataFrame) -> None:
        """Error: a None row (no AHP leadership posts) beside posts of the same organisation
        and period, which contradict it."""
        nil = df["role"] == ref.NIL_ROLE
        if not nil.any():
            return
        keys = ["org_code", "period", "period_type"]
        has_posts = (~nil).groupby([df[k] for k in keys], dropna=False).transform("any")
        clash = df[nil & has_posts]
        for sheet, part in clash.groupby("_sheet", sort=False):
            rows = part["_row"].astype(int).tolist()
            first = part.iloc[0]
            fields = {
                "n": len(rows),
                "rows": "row" if len(rows) == 1 else "rows",
                "first": f"{first['org_code']} / {first['period']:%Y-%m-%d}",
            }
            self._say(
                R.NIL_BESIDE_POSTS,
                fields,
                sheet=sheet,
                row=rows[0],
                column="Role",
                value=ref.NIL_ROLE,
                count=len(rows),
                rows=rows,
                values=[ref.NIL_ROLE],
            )

    def _duplicates(self, name: str, dup: pd.DataFrame, keys: tuple[str, ...]) -> None:
        labels = [schema.TABLES[name].column(k).label if k != "period" else "Period" for k in keys]
        for sheet, part in dup.groupby("_sheet", sort=False):
            rows = part["_row"].astype(int).tolist()
            columns = [part[k].tolist() for k in keys]
            each = [
                " / ".join(shown_key(v) for v in values) for values in zip(*columns, strict=True)
            ]
            value = each[0]
            fields = {"n": len(rows), "labels": ", ".join(labels), "first": value}
            self._say(
                R.DUPLICATE_KEY,
                fields,
                sheet=sheet,
                row=rows[0],
                value=value,
                count=len(rows),
                rows=rows,
                values=[value],
                row_values=each if len(rows) <= 5_000 else [],
            )


def _duplicated(df: pd.DataFrame, keys: tuple[str, ...]) -> np.ndarray:
    """Rows whose key another row repeats (every such row), by integer codes per column."""
    combined = np.zeros(len(df), np.int64)
    for k in keys:
        codes, uniques = pd.factorize(df[k], use_na_sentinel=False)
        # Renumbered after each column, so that the combined code stays below the row count:
        # by hashing (pandas' factorize), where sorting them (numpy's unique) grew faster than
        # the rows (1 s of 13 at 2.9 million rows).
        combined = pd.factorize(combined * len(uniques) + codes)[0]
    counts = np.bincount(combined, minlength=1)
    return counts[combined] > 1
