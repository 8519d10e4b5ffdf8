"""Exports: the one place behind every download and ``python -m ahp_analytics export``,
reading the store with a :class:`~ahp_analytics.domain.selection.Selection`.

:func:`write_table` streams a table into a file: the stored tables straight from the database
cursor, a chunk at a time, so memory stays bounded whatever the table's size; the summary and
the history (one row per organisation, per submission) through a frame. :func:`export_table`
gives the same rows as a frame, for a page to show.
"""

from __future__ import annotations

from typing import BinaryIO

import pandas as pd

from ahp_analytics.domain import schema
from ahp_analytics.domain.selection import APPLIES, Selection
from ahp_analytics.present.export import (
    CHUNK_ROWS,
    Lookup,
    Rows,
    columns_sheet,
    frame_rows,
    iso_text,
    write_rows,
)
from ahp_analytics.store import Store

EXPORT_TABLES = tuple(APPLIES)
# Stored tables, read from the database cursor as they are written.
STREAMED = ("organisations", "workforce", "leadership", "indicators")
# Tables whose rows name an organisation by code only: their exports add its name.
NAMED_TABLES = ("workforce", "leadership", "indicators")


def export_table(store: Store, table: str, selection: Selection | None = None) -> pd.DataFrame:
    """The export rows of ``table`` (one of :data:`EXPORT_TABLES`) as ``selection`` narrows
    them: the window for the summary, organisations and periods for the others; the history of
    submissions is never narrowed. Workforce, leadership and indicator rows carry the
    organisation's name (``org_name``, after ``org_code``). ``period`` comes out as ISO date
    text, times in the history as ISO text in UTC. Raises ValueError for an unknown table or
    a filter that does not apply to it."""
    selection = selection or Selection()
    selection.check(table)
    if table == "summary":
        # Imported here: the command line lists EXPORT_TABLES without loading the statistics.
        from ahp_analytics.analysis.measures import summary_table

        df = summary_table(store, selection)
    else:
        df = store.read(table, selection)
    df = df.copy()
    if table in NAMED_TABLES:
        orgs = store.read("organisations")
        names = dict(zip(orgs["org_code"], orgs["org_name"], strict=True))
        df.insert(1, "org_name", df["org_code"].map(names).astype(object))
        df["org_name"] = df["org_name"].where(df["org_name"].notna(), None)
    for c in df.columns:
        if pd.api.types.is_datetime64_any_dtype(df[c]):
            df[c] = iso_text(df[c])
    return df


def export_rows(
    store: Store, table: str, selection: Selection | None = None, chunk_rows: int = CHUNK_ROWS
) -> Rows:
    """The rows :func:`export_table` gives, as :class:`~ahp_analytics.present.export.Rows` of
    ``chunk_rows`` rows a chunk: a stored table from the database cursor (read as they are
    written), the summary and the history from their frame. Raises ValueError as
    :func:`export_table`."""
    selection = selection or Selection()
    selection.check(table)
    if table not in STREAMED:
        return frame_rows(export_table(store, table, selection), chunk_rows)
    columns = list(schema.EXPORT_COLUMNS[table])
    lookup = None
    if table in NAMED_TABLES:
        # The names from one small read, put in beside the codes a chunk at a time: cheaper
        # than the database joining the organisations to every row.
        lookup = Lookup(1, 0, org_names(store))
        columns.insert(1, "org_name")
    kinds = ["number" if c in schema.NUMERIC_COLUMNS else "text" for c in columns]
    chunks = store.stream(table, selection, chunk_rows=chunk_rows)
    return Rows(columns, kinds, chunks, lookup)


def org_names(store: Store) -> dict[str, str | None]:
    """Every stored organisation's name (None when not known) by its code."""
    fields = schema.EXPORT_COLUMNS["organisations"]
    code, name = fields.index("org_code"), fields.index("org_name")
    return {
        row[code]: row[name]
        for chunk in store.stream("organisations", chunk_rows=CHUNK_ROWS)
        for row in chunk
    }


def write_table(
    store: Store,
    table: str,
    selection: Selection | None,
    fmt: str,
    out: BinaryIO,
    about: dict | None = None,
    chunk_rows: int = CHUNK_ROWS,
) -> int:
    """Write the export of ``table`` in ``selection`` to ``out`` as ``fmt`` (``csv`` or
    ``xlsx``, which gets the "Columns" sheet and, when given, the "About this export" one).
    ``chunk_rows`` rows are read and written at a time. Returns the number of rows. Raises
    ValueError as :func:`export_table`, for an unknown format, or for an XLSX sheet with more
    rows than Excel holds."""
    rows = export_rows(store, table, selection, chunk_rows)
    columns = None
    if fmt == "xlsx":
        columns = columns_sheet(table, rows.columns, store.indicator_catalogue())
    return write_rows(rows, fmt, out, about=about, columns=columns)
