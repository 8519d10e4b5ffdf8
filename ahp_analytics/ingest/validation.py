"""Raw sheets -> canonical tables and messages, per the return format's rules.

Checks are vectorised: each column is cleaned as a whole, and each distinct text value is
looked up once, so a national return of 700,000 rows costs little more than reading it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ahp_analytics.domain import reference as ref
from ahp_analytics.domain import schema
from ahp_analytics.domain.periods import latest_plausible_start, parse_period, parse_period_series
from ahp_analytics.domain.results import ERROR, WARNING, FileResult, Message, sha256_of
from ahp_analytics.domain.text import (
    has_control_characters,
    terminal_safe,
    without_control_characters,
)
from ahp_analytics.ingest.readers import RawSheet, RawWorkbook, Refused, column_letter, read_bytes

HEADER_SEARCH_ROWS = 30
EXAMPLE_MARK = "EXAMPLE"
OUR_SHEETS = {ref.key("Instructions"), ref.key("Lists")}
DETAILS_SHEET = ref.key(schema.RETURN_DETAILS_SHEET)
MAX_TEXT_CHARS = 1_000
_TOTAL_WORDS = {"total", "totals", "grandtotal", "allprofessions", "allstaff", "allbands"}
_ORG_CODE_RE = re.compile(r"^[A-Z0-9]{3,10}$")

VOCABS: dict[str, ref.Vocabulary] = {
    "profession": ref.PROFESSIONS,
    "band": ref.BANDS,
    "role": ref.ROLES,
    "board_role": ref.BOARD_ROLES,
    "reports_to": ref.REPORTS_TO,
}

FIXES = {
    "profession": "Use one of the 15 AHP professions (see the template's Lists sheet).",
    "band": "Use Band 1 to Band 9 (8a to 8d), VSM or Non-AfC.",
    "role": "Use Chief AHP, Director of AHPs, Deputy chief AHP, Lead AHP, Professional lead "
    "or Other AHP leadership; or None, alone, when there are no AHP leadership posts.",
    "board_role": "Use Voting board member, Non-voting board member, Attends board or No board "
    "role.",
    "reports_to": "Use Chief executive, Chief nurse, Chief operating officer, Medical director, "
    "Other executive director or Other.",
}


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
    except Refused as exc:
        result.add(Message(ERROR, "unreadable_file", str(exc), "Fix the file and upload it again."))
        return result
    _Checker(book, result, set(known_orgs or ())).run()
    return result


@dataclass
class _Header:
    row: int  # index into sheet.rows
    columns: dict[str, int]  # canonical column name -> index of the cell
    headers: dict[str, str]  # canonical column name -> header as written
    unknown: list[str]
    wide_indicators: dict[int, str]  # cell index -> indicator code (wide indicators form)


class _Checker:
    def __init__(self, book: RawWorkbook, result: FileResult, known_orgs: set[str]):
        self.book = book
        self.known_orgs = known_orgs
        self.result = result
        self.defaults: dict[str, object] = {}
        self.frames: dict[str, list[pd.DataFrame]] = {}
        self.org_codes_in_file: set[str] = set()

    def add(self, severity: str, rule: str, message: str, fix: str = "", **where) -> None:
        self.result.add(Message(severity, rule, message, fix, **where))

    def run(self) -> None:
        for note in self.book.notes:
            self.add(WARNING, "encoding", note, "Save the file as CSV UTF-8.")
        sheets = []
        for sheet in self.book.sheets:
            k = ref.key(sheet.name)
            if k in OUR_SHEETS:
                continue
            if k == DETAILS_SHEET:
                self._return_details(sheet)
            else:
                sheets.append(sheet)
        recognised = 0
        for sheet in sheets:
            recognised += self._sheet(sheet)
        if not recognised and not self.result.errors:
            self.add(
                ERROR,
                "no_table",
                "No recognised table: no sheet is named Workforce, Leadership, Indicators or "
                "Organisations, and no header row holds the required columns of one of them.",
                "Start from the template (python -m ahp_analytics template) and copy the data "
                "under its headers.",
            )
        for name, parts in self.frames.items():
            df = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
            self.result.tables[name] = df
        if self.result.errors:
            return
        if recognised and not self.result.tables:
            self.add(
                ERROR,
                "no_rows",
                "The file holds no data rows: its tables have headers (and example rows) only.",
                "Fill in rows under the headers; rows whose Organisation code is EXAMPLE are "
                "ignored.",
            )
            return
        self._cross_table_checks()

    # -- Return details ---------------------------------------------------------------------

    def _return_details(self, sheet: RawSheet) -> None:
        for i, row in enumerate(sheet.rows[:50]):
            if len(row) < 2:
                continue
            field, value = ref.key(row[0]), row[1]
            if field in schema.ORG_CODE.match_keys() and _text(value):
                self.defaults["org_code"] = _text(value).upper()
            elif field in schema.PERIOD.match_keys() and _text(value):
                if parse_period(value) is None:
                    self.add(
                        ERROR,
                        "period",
                        f"The period '{_text(value)}' cannot be read.",
                        "Write a period such as 2024-03, Mar-24, 2023/24 or 2023/24 Q4.",
                        sheet=sheet.name,
                        row=i + 1,
                        column="Value",
                        value=_text(value),
                    )
                else:
                    self.defaults["period"] = value

    # -- Sheets -----------------------------------------------------------------------------

    def _sheet(self, sheet: RawSheet) -> bool:
        rows = sheet.rows
        if not any(any(_text(c) for c in r) for r in rows[:HEADER_SEARCH_ROWS]) and len(rows) <= 1:
            if not sheet.hidden:
                self.add(
                    WARNING,
                    "empty_sheet",
                    f"Sheet '{sheet.name}' is empty and was ignored.",
                    sheet=sheet.name,
                )
            return False
        by_name = _table_by_sheet_name(sheet.name)
        if by_name is not None:
            header = self._find_header(sheet, by_name)
            if header is None:
                self._missing_columns(sheet, by_name)
                return True
            self._table(sheet, by_name, header)
            return True
        found = self._detect_by_header(sheet)
        if found is None:
            return False
        table, header = found
        self._table(sheet, table, header)
        return True

    def _required(self, table: schema.Table) -> list[schema.Column]:
        return [c for c in table.required if c.name not in self.defaults]

    def _match_header(self, row: list, table: schema.Table) -> _Header:
        columns: dict[str, int] = {}
        headers: dict[str, str] = {}
        unknown: list[str] = []
        wide: dict[int, str] = {}
        lookups = {k: c.name for c in table.columns for k in c.match_keys()}
        for j, cell in enumerate(row):
            text = _text(cell)
            if not text:
                continue
            name = lookups.get(ref.key(text))
            if name is not None and name not in columns:
                columns[name] = j
                headers[name] = text
            elif table.name == "indicators":
                code = ref.indicator_lookup().get(ref.key(text))
                wide[j] = code if code else text
            else:
                unknown.append(text)
        return _Header(0, columns, headers, unknown, wide)

    def _header_fits(self, h: _Header, table: schema.Table) -> bool:
        need = {c.name for c in self._required(table)}
        if table.name == "indicators" and not {"indicator", "value"} & set(h.columns):
            need -= {"indicator", "value"}
            known = [
                c for c in h.wide_indicators.values() if c in set(ref.indicator_lookup().values())
            ]
            return need <= set(h.columns) and bool(known)
        return need <= set(h.columns)

    def _find_header(self, sheet: RawSheet, table: schema.Table) -> _Header | None:
        for i, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
            h = self._match_header(row, table)
            if h.columns and self._header_fits(h, table):
                h.row = i
                if table.name == "indicators" and {"indicator", "value"} & set(h.columns):
                    h.wide_indicators = {}
                return h
        return None

    def _detect_by_header(self, sheet: RawSheet) -> tuple[schema.Table, _Header] | None:
        for i, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
            fits = []
            for table in schema.TABLES.values():
                h = self._match_header(row, table)
                if not h.columns or not self._header_fits(h, table):
                    continue
                # A sheet with periods is a data table, not a list of organisations.
                if table.name == "organisations" and any(
                    ref.key(_text(c)) in schema.PERIOD.match_keys() for c in row
                ):
                    continue
                h.row = i
                if table.name == "indicators" and {"indicator", "value"} & set(h.columns):
                    h.wide_indicators = {}
                fits.append((table, h))
            if len(fits) == 1:
                return fits[0]
            if len(fits) > 1:
                names = " and ".join(t.sheet for t, _ in fits)
                self.add(
                    ERROR,
                    "ambiguous_table",
                    f"Sheet '{sheet.name}' has a header row (row {i + 1}) that fits both {names}.",
                    "Name the sheet after the table it holds (e.g. Workforce).",
                    sheet=sheet.name,
                    row=i + 1,
                )
                return None
        self._unrecognised_sheet(sheet)
        return None

    def _best_partial(self, sheet: RawSheet, tables: Iterable[schema.Table]):
        best = None
        for i, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
            for table in tables:
                h = self._match_header(row, table)
                required = [c for c in self._required(table)]
                got = [c for c in required if c.name in h.columns]
                score = (len(got), len(h.columns))
                if got and (best is None or score > best[0]):
                    h.row = i
                    best = (score, table, h, got, [c for c in required if c.name not in h.columns])
        return best

    def _describe_partial(self, sheet: RawSheet, best) -> tuple[str, str]:
        _, table, h, got, missing = best
        found = ", ".join(
            f"{c.label}"
            + (
                f" (as '{h.headers[c.name]}')"
                if ref.key(h.headers[c.name]) != ref.key(c.label)
                else ""
            )
            for c in got
        )
        other = [t for t in _text_cells(sheet.rows[h.row]) if t not in h.headers.values()]
        other_text = f" Its other columns are: {', '.join(other[:12])}." if other else ""
        message = (
            f"Sheet '{sheet.name}' looks like the {table.sheet} table (row {h.row + 1} has "
            f"{found}) but lacks the required column{'s' if len(missing) > 1 else ''} "
            f"{', '.join(c.label for c in missing)}.{other_text}"
        )
        fix = (
            f"Add the column{'s' if len(missing) > 1 else ''} {', '.join(c.label for c in missing)}"
        )
        if any(c.name == "profession" for c in missing):
            fix += " (AHP profession, e.g. Physiotherapist: staff groups are not professions)"
        return message, fix + ", or start from the template."

    def _missing_columns(self, sheet: RawSheet, table: schema.Table) -> None:
        best = self._best_partial(sheet, [table])
        if best is None:
            first = next((r for r in sheet.rows[:HEADER_SEARCH_ROWS] if _text_cells(r)), [])
            self.add(
                ERROR,
                "missing_columns",
                f"Sheet '{sheet.name}' has no header row with the {table.sheet} columns "
                f"({', '.join(c.label for c in self._required(table))}) in its first "
                f"{HEADER_SEARCH_ROWS} rows. Its first row holds: "
                f"{', '.join(_text_cells(first)[:12]) or 'nothing'}.",
                "Use the headers of the template.",
                sheet=sheet.name,
            )
            return
        message, fix = self._describe_partial(sheet, best)
        self.add(ERROR, "missing_columns", message, fix, sheet=sheet.name, row=best[2].row + 1)

    def _unrecognised_sheet(self, sheet: RawSheet) -> None:
        best = self._best_partial(
            sheet, [t for t in schema.TABLES.values() if t.name != "organisations"]
        )
        if best is not None and best[0][0] >= 2:
            message, fix = self._describe_partial(sheet, best)
            self.add(ERROR, "missing_columns", message, fix, sheet=sheet.name, row=best[2].row + 1)
            return
        self.add(
            WARNING,
            "unknown_sheet",
            f"Sheet '{sheet.name}' is not a table of the return and was ignored.",
            "Nothing to do if it holds notes; otherwise name it Workforce, Leadership, "
            "Indicators or Organisations.",
            sheet=sheet.name,
        )

    # -- One table ----------------------------------------------------------------------------

    def _table(self, sheet: RawSheet, table: schema.Table, h: _Header) -> None:
        if h.unknown:
            self.add(
                WARNING,
                "unknown_column",
                f"{_plural(len(h.unknown), 'Column')} "
                f"{', '.join(repr(u) for u in h.unknown[:10])} "
                f"{'are' if len(h.unknown) > 1 else 'is'} not part of the {table.sheet} table: "
                "ignored.",
                "Nothing to do, unless the column was meant to be one of the table's.",
                sheet=sheet.name,
                row=h.row + 1,
            )
        body = sheet.rows[h.row + 1 :]
        if not body:
            self.add(
                WARNING,
                "no_rows",
                f"Sheet '{sheet.name}' has headers but no data rows.",
                sheet=sheet.name,
            )
            return
        width = max(len(body[0]), 1)
        raw = pd.DataFrame(body, columns=range(width), dtype=object) if body else pd.DataFrame()
        raw.index = np.arange(len(raw)) + h.row + 2  # Excel row numbers
        t = _TableChecker(self, sheet, table, h, raw)
        df = t.run()
        if df is not None and len(df):
            self.frames.setdefault(table.name, []).append(df)

    def _cross_table_checks(self) -> None:
        tables = self.result.tables
        if "leadership" in tables:
            self._nil_beside_posts(tables["leadership"])
        for name, df in list(tables.items()):
            if name == "organisations":
                continue
            keys = schema.TABLES[name].key
            if keys:
                dup = df.duplicated(list(keys), keep=False)
                if dup.any():
                    self._duplicates(name, df[dup], keys)
        known = (
            self.known_orgs
            | set(ref.organisations()["org_code"])
            | set(tables.get("organisations", pd.DataFrame(columns=["org_code"]))["org_code"])
        )
        unknown: dict[str, list] = {}
        for name, df in tables.items():
            if name == "organisations":
                continue
            for code in sorted(set(df["org_code"]) - known):
                unknown.setdefault(code, []).append(name)
        if unknown:
            codes = sorted(unknown)
            self.add(
                WARNING,
                "unknown_organisation",
                f"{len(codes)} organisation code{'s are' if len(codes) > 1 else ' is'} not in the "
                f"reference list of NHS trusts: {', '.join(codes[:10])}"
                f"{' and more' if len(codes) > 10 else ''}. The rows are accepted.",
                "Check the codes, or add the organisations on an Organisations sheet.",
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
            value = f"{first['org_code']} / {first['period']:%Y-%m-%d}"
            self.add(
                ERROR,
                "nil_beside_posts",
                f"{len(rows)} {_plural(len(rows), 'row')} with Role None (no AHP leadership "
                "posts) for an organisation and period that also has leadership posts in the "
                f"file (e.g. {value}).",
                "Remove the None row, or the posts: None says the organisation has no AHP "
                "leadership posts.",
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
            first = part.iloc[0]
            value = " / ".join(_fmt_key(first[k]) for k in keys)
            self.add(
                ERROR,
                "duplicate_key",
                f"{len(rows)} rows repeat the same {', '.join(labels)}: e.g. {value}.",
                "Keep one row for each combination, or add the figures together.",
                sheet=sheet,
                row=rows[0],
                value=value,
                count=len(rows),
                rows=rows,
                values=[value],
                row_values=[" / ".join(_fmt_key(r[k]) for k in keys) for _, r in part.iterrows()]
                if len(rows) <= 5_000
                else [],
            )


class _TableChecker:
    """Cleans and checks one table's rows; problems are recorded per column and summarised."""

    def __init__(self, checker: _Checker, sheet: RawSheet, table: schema.Table, h: _Header, raw):
        self.c = checker
        self.sheet = sheet
        self.table = table
        self.h = h
        self.raw = raw
        self.bad = pd.Series(False, index=raw.index)

    def problem(
        self,
        severity: str,
        rule: str,
        mask: pd.Series,
        column: str,
        values: pd.Series,
        message: str,
        fix: str,
    ) -> None:
        """Record one summarised message for the rows where ``mask`` is true."""
        mask = mask.fillna(False).astype(bool)
        if not mask.any():
            return
        rows = mask.index[mask].astype(int).tolist()
        vals = values[mask].map(_fmt_value)
        distinct = list(dict.fromkeys(vals.tolist()))[:20]
        if severity == ERROR:
            self.bad |= mask
        label = self.h.headers.get(column) or next(
            (c.label for c in self.table.columns if c.name == column), column
        )
        self.c.add(
            severity,
            rule,
            message.format(
                n=len(rows),
                rows="row" if len(rows) == 1 else "rows",
                first=distinct[0] if distinct else "",
            ),
            fix,
            sheet=self.sheet.name,
            row=rows[0],
            column=label,
            value=distinct[0] if distinct else None,
            count=len(rows),
            rows=rows,
            values=distinct,
            row_values=vals.tolist(),
        )

    def cell(self, name: str) -> pd.Series:
        j = self.h.columns.get(name)
        if j is None or j not in self.raw.columns:
            return pd.Series(None, index=self.raw.index, dtype=object)
        return self.raw[j]

    def run(self) -> pd.DataFrame | None:
        raw = self.raw
        used = sorted(set(self.h.columns.values()) | set(self.h.wide_indicators))
        used = [j for j in used if j in raw.columns]
        texts = {j: _text_series(raw[j]) for j in used}
        blank = pd.concat([t.isna() for t in texts.values()], axis=1).all(axis=1)
        org_text = texts.get(self.h.columns.get("org_code", -1))
        example = (
            org_text.fillna("").str.upper().eq(EXAMPLE_MARK)
            if org_text is not None
            else pd.Series(False, index=raw.index)
        )
        totals, first_text = _totals_rows(texts, used, raw.index)
        totals &= ~blank
        if totals.any():
            self.problem(
                WARNING,
                "totals_row",
                totals,
                self.table.columns[0].name,
                first_text,
                "{n} totals {rows} skipped (a row that says '{first}').",
                "Nothing to do: totals are worked out by the dashboard.",
            )
        keep = ~(blank | example | totals)
        self.raw = raw = raw[keep]
        self.bad = self.bad[keep]
        texts = {j: t[keep] for j, t in texts.items()}
        if raw.empty:
            return None
        self._formula_cells(used)
        out = pd.DataFrame(index=raw.index)
        out["org_code"] = self._org_code()
        if self.table.name != "organisations":
            out["period"], out["period_type"] = self._period()
        if self.table.name == "indicators" and self.h.wide_indicators:
            out = self._wide_indicators(out)
        else:
            for col in self.table.columns:
                if col.name in ("org_code", "period") or (
                    self.table.name == "indicators" and col.name == "value"
                ):
                    continue
                out[col.name] = self._column(col)
            out = getattr(self, f"_finish_{self.table.name}")(out)
        if out is None:
            return None
        out = out[~self.bad.reindex(out.index, fill_value=False).to_numpy()]
        out["_sheet"] = self.sheet.name
        out["_row"] = out.index
        return schema.canonical(out, self.table.name, extra=("_sheet", "_row"))

    # -- columns ---------------------------------------------------------------------------------

    def _formula_cells(self, used: list[int]) -> None:
        if not self.sheet.formula_without_value:
            return
        cols = {column_letter(j): j for j in used}
        names = {j: n for n, j in self.h.columns.items()}
        for ref_text in self.sheet.formula_without_value:
            m = re.match(r"([A-Z]+)(\d+)", ref_text)
            if not m or m[1] not in cols or int(m[2]) not in self.raw.index:
                continue
            j = cols[m[1]]
            mask = pd.Series(self.raw.index == int(m[2]), index=self.raw.index)
            self.problem(
                ERROR,
                "formula_without_value",
                mask,
                names.get(j, self.h.wide_indicators.get(j, column_letter(j))),
                pd.Series(f"formula in {ref_text}", index=self.raw.index),
                "{n} formula {rows} without a saved value (e.g. {first}).",
                "Open the file in Excel, let it calculate, and save it; or paste values only.",
            )

    def _org_code(self) -> pd.Series:
        s = _text_series(self.cell("org_code")).str.upper()
        if "org_code" in self.c.defaults:
            s = s.fillna(self.c.defaults["org_code"])
        self.problem(
            ERROR,
            "required_value",
            s.isna(),
            "org_code",
            s,
            "{n} {rows} without an organisation code.",
            "Write the NHS ODS code (e.g. RJ1) on each row, or once on the Return details sheet.",
        )
        odd = s.notna() & ~s.fillna("").str.match(_ORG_CODE_RE)
        self.problem(
            ERROR,
            "org_code",
            odd,
            "org_code",
            s,
            "{n} {rows} with an organisation code that is not an ODS code (e.g. '{first}').",
            "Use the organisation's ODS code: 3 to 10 letters and digits, e.g. RJ1 or TAF.",
        )
        return s

    def _period(self) -> tuple[pd.Series, pd.Series]:
        cells = self.cell("period")
        if "period" in self.c.defaults:
            cells = cells.where(_text_series(cells).notna(), self.c.defaults["period"])
        start, kind = parse_period_series(cells)
        missing = _text_series(cells).isna()
        self.problem(
            ERROR,
            "required_value",
            missing,
            "period",
            cells,
            "{n} {rows} without a period.",
            "Write the period on each row, or once on the Return details sheet.",
        )
        self.problem(
            ERROR,
            "period",
            start.isna() & ~missing,
            "period",
            cells,
            "{n} {rows} with a period that cannot be read (e.g. '{first}').",
            "Write a period such as 2024-03, Mar-24, March 2024, 2023/24 or 2023/24 Q4.",
        )
        limit = latest_plausible_start()
        self.problem(
            ERROR,
            "future_period",
            start > pd.Timestamp(limit),
            "period",
            cells,
            "{n} {rows} with a period beginning more than a year from today, after "
            f"{limit:%d %B %Y} (e.g. '{{first}}').",
            "Check the year: a return reports periods that have begun, or that begin within "
            "the next year.",
        )
        return start, kind

    def _column(self, col: schema.Column) -> pd.Series:
        cells = self.cell(col.name)
        if col.kind in VOCABS:
            return self._vocab(col, cells)
        if col.kind in ("number", "integer"):
            return self._number(col, cells)
        s = self._free_text(col.name, _text_series(cells))
        long = s.fillna("").str.len() > MAX_TEXT_CHARS
        self.problem(
            ERROR,
            "text_too_long",
            long,
            col.name,
            s.fillna("").str.slice(0, 40) + "...",
            f"{{n}} {{rows}} with {col.label} longer than {MAX_TEXT_CHARS:,} characters.",
            "Shorten the text.",
        )
        return s

    def _free_text(self, name: str, s: pd.Series) -> pd.Series:
        """Free text as stored, without control characters (a warning says where they were):
        line breaks and tabs become spaces, the rest (escape sequences among them) go."""
        uniques = [u for u in s.dropna().unique() if has_control_characters(u)]
        if not uniques:
            return s
        cleaned = {u: without_control_characters(u) or None for u in uniques}
        mask = s.isin(uniques)
        self.problem(
            WARNING,
            "control_characters",
            mask,
            name,
            s.where(~mask, s.map(terminal_safe, na_action="ignore")),
            "{n} {rows} with control characters, e.g. '{first}': stored without them (a "
            "line break or tab became a space).",
            "Nothing to do if the text now reads right; otherwise correct it in the file.",
        )
        return s.where(~mask, s.map(cleaned))

    def _vocab(self, col: schema.Column, cells: pd.Series) -> pd.Series:
        vocab = VOCABS[col.kind]
        s = _text_series(cells)
        uniques = s.dropna().unique()
        mapping = {u: vocab.match(u) for u in uniques}
        out = s.map(mapping)
        unknown = s.notna() & out.isna()
        if col.required:
            self.problem(
                ERROR,
                "required_value",
                s.isna() & ~self._nil_rows(),
                col.name,
                s,
                f"{{n}} {{rows}} without a {col.label}.",
                FIXES[col.kind],
            )
        if unknown.any():
            for value in s[unknown].unique():
                nearest = vocab.nearest(value)
                hint = f" Did you mean '{nearest}'?" if nearest else ""
                self.problem(
                    ERROR,
                    f"unknown_{col.kind}",
                    unknown & (s == value),
                    col.name,
                    s,
                    f"{{n}} {{rows}} with an unknown {vocab.name} '{{first}}'.{hint}",
                    FIXES[col.kind],
                )
        return out

    def _nil_rows(self) -> pd.Series:
        """Leadership rows whose Role says there are no posts (the explicit nil return)."""
        if self.table.name != "leadership":
            return pd.Series(False, index=self.raw.index)
        role = _text_series(self.cell("role")).map(ref.ROLES.match, na_action="ignore")
        return (role == ref.NIL_ROLE).fillna(False).astype(bool)

    def _number(self, col: schema.Column, cells: pd.Series, percent: bool = False) -> pd.Series:
        nums, bad = to_numbers(cells, percent=percent)
        self.problem(
            ERROR,
            "not_a_number",
            bad,
            col.name,
            cells,
            f"{{n}} {{rows}} where {col.label} is not a number (e.g. '{{first}}').",
            "Write a plain number (e.g. 3.5); leave blank or write '-' when not known.",
        )
        if col.required:
            self.problem(
                ERROR,
                "required_value",
                nums.isna() & ~bad,
                col.name,
                cells,
                f"{{n}} {{rows}} without a {col.label}.",
                f"Write the {col.label} on every row (0 where there is none).",
            )
        if col.name not in ("value", "numerator", "denominator"):
            self.problem(
                ERROR,
                "negative",
                nums < 0,
                col.name,
                cells,
                f"{{n}} {{rows}} with a negative {col.label} (e.g. {{first}}).",
                f"{col.label} cannot be below 0.",
            )
        if col.kind == "integer":
            frac = nums.notna() & (nums >= 0) & (nums % 1 != 0)
            self.problem(
                ERROR,
                "not_whole",
                frac,
                col.name,
                cells,
                f"{{n}} {{rows}} where {col.label} is not a whole number (e.g. {{first}}).",
                "Headcount counts people: use whole numbers.",
            )
        return nums

    # -- per table ------------------------------------------------------------------------------

    def _finish_workforce(self, out: pd.DataFrame) -> pd.DataFrame:
        over = out["headcount"].notna() & (out["fte"] > out["headcount"] + 1e-9)
        self.problem(
            WARNING,
            "fte_above_headcount",
            over,
            "fte",
            out["fte"],
            "{n} {rows} where FTE is greater than headcount (e.g. FTE {first}).",
            "Check the figures: FTE is usually at most the headcount.",
        )
        return out

    def _finish_leadership(self, out: pd.DataFrame) -> pd.DataFrame:
        role_cell = _text_series(self.cell("role"))
        title = out["job_title"]
        blank_role = role_cell.isna()
        inferred = title.where(blank_role).map(ref.infer_role, na_action="ignore")
        self.problem(
            ERROR,
            "required_value",
            blank_role & title.isna(),
            "role",
            role_cell,
            "{n} {rows} with neither a Role nor a Job title.",
            FIXES["role"],
        )
        self.problem(
            ERROR,
            "role_not_inferred",
            blank_role & title.notna() & inferred.isna(),
            "job_title",
            title,
            "{n} {rows} with no Role and a Job title the role cannot be told from "
            "(e.g. '{first}').",
            "Fill in the Role column. " + FIXES["role"],
        )
        ok = blank_role & inferred.notna()
        if ok.any():
            shown = title[ok] + " -> " + inferred[ok]
            self.problem(
                WARNING,
                "role_inferred",
                ok,
                "role",
                shown,
                "{n} {rows} had no Role; it was inferred from the Job title (e.g. {first}).",
                "Check the inferred roles, or fill in the Role column.",
            )
            out["role"] = out["role"].astype(object).where(~ok, inferred)
        nil = (out["role"] == ref.NIL_ROLE).fillna(False).astype(bool)
        details = [
            c.name for c in self.table.columns if c.name not in ("org_code", "period", "role")
        ]
        filled = out[details].notna().any(axis=1) & nil
        if filled.any():
            self.problem(
                WARNING,
                "nil_row_details",
                filled,
                "role",
                out["role"],
                "{n} {rows} with Role None (no AHP leadership posts) also fill in other "
                "columns: those were ignored.",
                "Leave every column of the None row blank but Organisation code and Period.",
            )
            out.loc[filled, details] = None
        lead = out["role"] == "Professional lead"
        self.problem(
            WARNING,
            "lead_without_profession",
            lead & out["profession"].isna(),
            "profession",
            out["profession"],
            "{n} Professional lead {rows} without a Profession: such a post cannot be credited "
            "to a profession, so it does not count towards professional lead coverage.",
            "Write the profession the post leads.",
        )
        fte = out["fte"]
        out["fte"] = fte.where(nil, fte.fillna(1.0))
        self.problem(
            ERROR,
            "fte_range",
            fte.notna() & ((fte <= 0) | (fte > 1.5)),
            "fte",
            self.cell("fte"),
            "{n} {rows} with a post FTE outside 0 to 1.5 (e.g. {first}).",
            "A post's FTE is above 0 and at most 1.5; leave it blank for 1.0.",
        )
        st = out["strategic_time_pct"]
        self.problem(
            ERROR,
            "strategic_time_range",
            st > 100,
            "strategic_time_pct",
            self.cell("strategic_time_pct"),
            "{n} {rows} with Strategic time % above 100 (e.g. {first}).",
            "Write the share of the post given to strategic work, from 0 to 100.",
        )
        return out

    def _finish_indicators(self, out: pd.DataFrame) -> pd.DataFrame:
        codes = self._indicator_codes(out["indicator"])
        out["indicator"] = codes
        raw_values = self.cell("value")
        out["value"] = self._indicator_values(raw_values, codes)
        return out

    def _finish_organisations(self, out: pd.DataFrame) -> pd.DataFrame:
        """Respell listed trust types as listed and warn about unknown ones; then warn, per
        column, about organisations on the reference list that the sheet gives another value
        (compared ignoring case and spacing): storing keeps the reference value, so the
        analyst learns before storing that the file's value will not count."""
        types = out["trust_type"]
        listed_types = {ref.key(t): t for t in ref.TRUST_TYPES}
        matched = types.map(lambda v: listed_types.get(ref.key(v)), na_action="ignore")
        self.problem(
            WARNING,
            "unknown_trust_type",
            types.notna() & matched.isna(),
            "trust_type",
            types,
            "{n} {rows} with a trust type outside the reference list, e.g. '{first}': stored "
            "as written; the dashboard shows it as a group of its own, after the listed types.",
            f"Use one of {', '.join(ref.TRUST_TYPES)}, unless the organisation is none of them.",
        )
        out["trust_type"] = matched.where(matched.notna(), types)
        refs = ref.reference_attributes()
        known = out["org_code"].map(refs)
        for col in self.table.columns[1:]:
            given = out[col.name]
            listed = known.map(lambda r, f=col.name: r.get(f) if isinstance(r, dict) else None)
            differs = given.notna() & listed.notna()
            differs &= given.map(_same_text) != listed.map(_same_text)
            if differs.any():
                self._differs_from_reference(col, out.loc[differs, "org_code"], given, listed)
        return out

    def _differs_from_reference(
        self, col: schema.Column, codes: pd.Series, given: pd.Series, listed: pd.Series
    ) -> None:
        label = self.h.headers.get(col.name) or col.label
        each = [f"{code} '{given[i]}' (reference list: '{listed[i]}')" for i, code in codes.items()]
        if len(each) == 1:
            i, code = next(iter(codes.items()))
            message = (
                f"{code} is on the reference list of NHS trusts with the {label} "
                f"'{listed[i]}'; this file gives '{given[i]}'. The reference value is kept."
            )
        else:
            more = f" and {len(each) - 5} more" if len(each) > 5 else ""
            message = (
                f"{len(each)} organisations on the reference list of NHS trusts are given "
                f"another {label}: {', '.join(each[:5])}{more}. The reference values are kept."
            )
        rows = codes.index.astype(int).tolist()
        self.c.add(
            WARNING,
            "reference_organisation",
            message,
            "Nothing to do: the dashboard keeps the reference list's values. If the list is out "
            "of date, tell the administrator.",
            sheet=self.sheet.name,
            row=rows[0],
            column=label,
            value=str(given[rows[0]]),
            count=len(rows),
            rows=rows,
            values=[str(given[r]) for r in rows[:20]],
            row_values=each,
        )

    def _indicator_codes(self, names: pd.Series) -> pd.Series:
        lookup = ref.indicator_lookup()
        mapped = names.map(lambda v: lookup.get(ref.key(v)) if isinstance(v, str) else None)
        custom = names.notna() & mapped.isna()
        if custom.any():
            for value in names[custom].unique():
                self.problem(
                    WARNING,
                    "custom_indicator",
                    custom & (names == value),
                    "indicator",
                    names,
                    "{n} {rows} give the indicator '{first}', which is not in the catalogue: "
                    "it is stored as a custom indicator.",
                    "Nothing to do if intended; otherwise use a catalogue code (see the "
                    "template's Lists sheet).",
                )
        self.problem(
            ERROR,
            "required_value",
            names.isna(),
            "indicator",
            names,
            "{n} {rows} without an Indicator.",
            "Name the indicator by its code or name in the catalogue.",
        )
        return mapped.where(mapped.notna(), names)

    def _indicator_values(self, cells: pd.Series, codes: pd.Series) -> pd.Series:
        words = _text_series(cells).map(
            lambda v: ref.CQC_RATINGS.get(ref.key(v)) if isinstance(v, str) else None
        )
        nums, bad = to_numbers(cells.where(words.isna(), None), percent=True)
        nums = nums.where(words.isna(), words.astype(float))
        bad &= words.isna()
        self.problem(
            ERROR,
            "not_a_number",
            bad,
            "value",
            cells,
            "{n} {rows} where Value is not a number (e.g. '{first}').",
            "Write a number, a percentage such as 85%, or a CQC rating word.",
        )
        self.problem(
            WARNING,
            "missing_value",
            nums.isna() & ~bad,
            "value",
            cells,
            "{n} indicator {rows} without a value were skipped.",
            "Nothing to do if the value is not known.",
        )
        cat = ref.indicator_catalogue().set_index("code")["unit"]
        had_percent = _text_series(cells).fillna("").str.endswith("%")
        for code in codes.dropna().unique():
            if cat.get(code) != "%":
                continue
            mask = (codes == code) & nums.notna() & ~had_percent
            vals = nums[mask]
            if len(vals) and vals.between(0, 1).all() and (vals > 0).any():
                nums[mask] = vals * 100
                self.problem(
                    WARNING,
                    "fraction_to_percent",
                    mask,
                    "value",
                    cells,
                    f"{{n}} values of the percentage indicator '{code}' were all between 0 and 1 "
                    "and were read as fractions: multiplied by 100.",
                    "Write percentages as 0 to 100 (or 85%) to avoid doubt.",
                )
        self.bad |= nums.isna() & ~bad
        return nums

    def _wide_indicators(self, out: pd.DataFrame) -> pd.DataFrame:
        parts = []
        for j, name in self.h.wide_indicators.items():
            if j not in self.raw.columns:
                continue
            cells = self.raw[j]
            keep = _text_series(cells).notna()
            if not keep.any():
                continue
            part = out.loc[keep, ["org_code", "period", "period_type"]].copy()
            names = self._free_text("indicator", pd.Series(name, index=part.index, dtype=object))
            self.h.headers.setdefault("indicator", "Indicator")
            codes = self._indicator_codes(names)
            self.h.headers["value"] = str(name)
            part["indicator"] = codes
            part["value"] = self._indicator_values(cells[keep], codes)
            part["numerator"] = np.nan
            part["denominator"] = np.nan
            parts.append(part[part["value"].notna()])
        if not parts:
            return None
        return pd.concat(parts)


# -- cell helpers ---------------------------------------------------------------------------


def _plural(n: int, word: str) -> str:
    return word if n == 1 else word + "s"


def _text(value: object) -> str:
    """A cell as stripped text; '' for blank and the missing markers."""
    if value is None:
        return ""
    if isinstance(value, float):
        if value != value:
            return ""
        return str(int(value)) if value.is_integer() else repr(value)
    text = str(value).strip()
    return "" if text.lower() in ref.MISSING_TEXT else text


# Cell types whose equal values always give the same text (True == 1 but reads "True").
_PLAIN_TYPES = frozenset({str, float, int, type(None)})


def _same_text(value: object) -> str:
    """Text compared ignoring case and runs of spaces."""
    return " ".join(str(value).split()).casefold()


def _text_series(s: pd.Series) -> pd.Series:
    """A column of cells as stripped text, None where blank or a missing marker."""
    if s.empty:
        return s.astype(object)
    values = s.to_numpy(dtype=object)
    if set(map(type, values)) <= _PLAIN_TYPES:
        # Each distinct value is read once; missing cells (code -1) take the last entry.
        codes, uniques = pd.factorize(values)
        texts = [_text(u) or None for u in uniques]
        # Blank is NaN beside text and None in an all-blank column, as Series.map gives.
        blank = np.nan if any(t is not None for t in texts) else None
        lookup = np.array([blank if t is None else t for t in texts] + [blank], dtype=object)
        return pd.Series(lookup[codes], index=s.index, dtype=object)
    return s.map(lambda v: _text(v) or None).astype(object)


def _text_cells(row: list) -> list[str]:
    return [t for t in (_text(c) for c in row) if t]


def _totals_rows(
    texts: dict[int, pd.Series], used: list[int], index
) -> tuple[pd.Series, pd.Series]:
    """Rows where a text cell says Total or All professions (and that text, for messages)."""
    found = pd.Series(None, index=index, dtype=object)
    for j in used:
        t = texts[j]
        words = [v for v in pd.unique(t) if isinstance(v, str) and ref.key(v) in _TOTAL_WORDS]
        hit = t.isin(words)
        found = found.where(found.notna() | ~hit, t)
    return found.notna(), found


def _is_number_text(v: str) -> bool:
    try:
        float(v.replace(",", ""))
        return True
    except ValueError:
        return False


def to_numbers(cells: pd.Series, percent: bool = False) -> tuple[pd.Series, pd.Series]:
    """Numbers from cells: numbers pass, text like ``" 3.5 "`` or ``1,234.5`` (and ``85%``
    when ``percent``) is converted; blanks and missing markers are NaN. Returns (numbers,
    mask of cells that were not numbers)."""
    if cells.empty:
        return pd.Series(np.nan, index=cells.index, dtype=float), pd.Series(
            False, index=cells.index
        )
    direct = pd.to_numeric(cells, errors="coerce")
    kinds = map(type, cells.to_numpy(dtype=object))
    is_bool = pd.Series(np.fromiter((k is bool for k in kinds), bool, len(cells)), cells.index)
    direct = direct.where(~is_bool)
    need = direct.isna() & cells.notna()
    if need.any():
        text = _text_series(cells[need])
        cleaned = text.str.replace(",", "", regex=False).str.replace("\u00a3", "", regex=False)
        if percent:
            cleaned = cleaned.str.removesuffix("%").str.strip()
        parsed = pd.to_numeric(cleaned, errors="coerce")
        direct[need] = parsed
        bad = pd.Series(False, index=cells.index)
        bad[need] = text.notna() & parsed.isna()
        bad |= is_bool
    else:
        bad = is_bool
    nums = direct.astype(float)
    bad = bad | (~np.isfinite(nums) & nums.notna())
    return nums.where(~bad), bad


def _fmt_value(v: object) -> str:
    if v is None or (isinstance(v, float) and v != v):
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    text = str(v)
    return text if len(text) <= 80 else text[:77] + "..."


def _fmt_key(v: object) -> str:
    if isinstance(v, pd.Timestamp):
        return v.strftime("%Y-%m-%d")
    return _fmt_value(v)


def _table_by_sheet_name(name: str) -> schema.Table | None:
    k = ref.key(name)
    for table in schema.TABLES.values():
        if k in {
            ref.key(table.sheet),
            ref.key(table.name),
            *(ref.key(a) for a in table.sheet_aliases),
        }:
            return table
    return None
