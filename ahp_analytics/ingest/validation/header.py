"""Finding a table's header row in a sheet's first rows: by the sheet's name, or by a row that
holds the required columns of exactly one table; and, when none does, saying what was found.

Headers are matched by :func:`ahp_analytics.domain.reference.key` (case, spaces and
punctuation ignored) against each column's label, name and aliases in the schema.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ahp_analytics.domain import reference as ref
from ahp_analytics.domain import schema
from ahp_analytics.domain.results import Message
from ahp_analytics.ingest.sheets import RawSheet
from ahp_analytics.ingest.validation import rules as R
from ahp_analytics.ingest.validation.cells import text_of


@dataclass
class Header:
    row: int  # index into the sheet's head: Excel row ``row + 1``
    columns: dict[str, int]  # canonical column name -> index of the cell (0 is column A)
    headers: dict[str, str]  # canonical column name -> header as written
    unknown: list[str]
    wide_indicators: dict[int, str]  # cell index -> indicator code (wide indicators form)


def text_cells(row: list) -> list[str]:
    return [t for t in (text_of(c) for c in row) if t]


def table_by_sheet_name(name: str) -> schema.Table | None:
    k = ref.key(name)
    for table in schema.TABLES.values():
        if k in {
            ref.key(table.sheet),
            ref.key(table.name),
            *(ref.key(a) for a in table.sheet_aliases),
        }:
            return table
    return None


def _report(file, rule: R.Rule, at_row: int | None = None, **fields: object) -> None:
    """A message of ``rule`` about a sheet (``fields["sheet"]``), at Excel row ``at_row``."""
    file.add(
        Message(
            rule.severity,
            rule.id,
            rule.says(**fields),
            rule.fix.format(**fields),
            sheet=fields["sheet"],
            row=at_row,
        )
    )


def required(file, table: schema.Table) -> list[schema.Column]:
    """The table's required columns that the Return details sheet does not supply."""
    return [c for c in table.required if c.name not in file.defaults]


def match_header(row: list, table: schema.Table) -> Header:
    columns: dict[str, int] = {}
    headers: dict[str, str] = {}
    unknown: list[str] = []
    wide: dict[int, str] = {}
    lookups = {k: c.name for c in table.columns for k in c.match_keys()}
    for j, cell in enumerate(row):
        text = text_of(cell)
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
    return Header(0, columns, headers, unknown, wide)


def _fits(file, h: Header, table: schema.Table) -> bool:
    need = {c.name for c in required(file, table)}
    if table.name == "indicators" and not {"indicator", "value"} & set(h.columns):
        need -= {"indicator", "value"}
        codes = set(ref.indicator_lookup().values())
        return need <= set(h.columns) and any(c in codes for c in h.wide_indicators.values())
    return need <= set(h.columns)


def _found(h: Header, table: schema.Table, i: int) -> Header:
    h.row = i
    if table.name == "indicators" and {"indicator", "value"} & set(h.columns):
        h.wide_indicators = {}
    return h


def find_header(file, sheet: RawSheet, table: schema.Table) -> Header | None:
    """The first of the sheet's first rows that holds the table's required columns."""
    for i, row in enumerate(sheet.head[: R.HEADER_SEARCH_ROWS]):
        h = match_header(row, table)
        if h.columns and _fits(file, h, table):
            return _found(h, table, i)
    return None


def detect_by_header(file, sheet: RawSheet) -> tuple[schema.Table, Header] | None:
    """The table whose required columns the first fitting row holds; an error when that row
    fits two tables, a word about the sheet when no row fits one."""
    for i, row in enumerate(sheet.head[: R.HEADER_SEARCH_ROWS]):
        fits = []
        for table in schema.TABLES.values():
            h = match_header(row, table)
            if not h.columns or not _fits(file, h, table):
                continue
            # A sheet with periods is a data table, not a list of organisations.
            if table.name == "organisations" and any(
                ref.key(text_of(c)) in schema.PERIOD.match_keys() for c in row
            ):
                continue
            fits.append((table, _found(h, table, i)))
        if len(fits) == 1:
            return fits[0]
        if len(fits) > 1:
            names = " and ".join(t.sheet for t, _ in fits)
            _report(file, R.AMBIGUOUS_TABLE, i + 1, sheet=sheet.name, row=i + 1, tables=names)
            return None
    unrecognised_sheet(file, sheet)
    return None


def _best_partial(file, sheet: RawSheet, tables: Iterable[schema.Table]):
    best = None
    for i, row in enumerate(sheet.head[: R.HEADER_SEARCH_ROWS]):
        for table in tables:
            h = match_header(row, table)
            need = required(file, table)
            got = [c for c in need if c.name in h.columns]
            score = (len(got), len(h.columns))
            if got and (best is None or score > best[0]):
                h.row = i
                best = (score, table, h, got, [c for c in need if c.name not in h.columns])
    return best


def _describe_partial(file, sheet: RawSheet, best) -> None:
    _, table, h, got, missing = best
    found = ", ".join(
        f"{c.label}"
        + (f" (as '{h.headers[c.name]}')" if ref.key(h.headers[c.name]) != ref.key(c.label) else "")
        for c in got
    )
    other = [t for t in text_cells(sheet.head[h.row]) if t not in h.headers.values()]
    hint = (
        " (AHP profession, e.g. Physiotherapist: staff groups are not professions)"
        if any(c.name == "profession" for c in missing)
        else ""
    )
    _report(
        file,
        R.MISSING_COLUMNS,
        h.row + 1,
        sheet=sheet.name,
        table=table.sheet,
        row=h.row + 1,
        found=found,
        s="s" if len(missing) > 1 else "",
        missing=", ".join(c.label for c in missing),
        other=f" Its other columns are: {', '.join(other[:12])}." if other else "",
        hint=hint,
    )


def missing_columns(file, sheet: RawSheet, table: schema.Table) -> None:
    """The error for a sheet named after a table whose header row is not found."""
    best = _best_partial(file, sheet, [table])
    if best is not None:
        _describe_partial(file, sheet, best)
        return
    first = next((r for r in sheet.head[: R.HEADER_SEARCH_ROWS] if text_cells(r)), [])
    _report(
        file,
        R.NO_HEADER,
        sheet=sheet.name,
        table=table.sheet,
        required=", ".join(c.label for c in required(file, table)),
        search=R.HEADER_SEARCH_ROWS,
        first=", ".join(text_cells(first)[:12]) or "nothing",
    )


def unrecognised_sheet(file, sheet: RawSheet) -> None:
    """An error when the sheet holds two or more required columns of a data table, else a
    warning that it was ignored."""
    best = _best_partial(
        file, sheet, [t for t in schema.TABLES.values() if t.name != "organisations"]
    )
    if best is not None and best[0][0] >= 2:
        _describe_partial(file, sheet, best)
        return
    _report(file, R.UNKNOWN_SHEET, sheet=sheet.name)
