"""Bulk insertion of a table's rows, in batches, inside the ingest's transaction."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import islice, repeat

import numpy as np
import pandas as pd
from sqlalchemy.engine import Connection

from ahp_analytics.domain import schema
from ahp_analytics.store.schema import DATA_SA_TABLES

Progress = Callable[[int, int], None]
# Inserts one table's rows: (conn, table, frame, submission id, slice ids, rows done so far,
# rows in all, progress) -> rows done after it.
Writer = Callable[
    [Connection, str, pd.DataFrame, int, pd.DataFrame, int, int, Progress | None], int
]
# Inserts one batch: (conn, SQL table, column names, rows).
BatchInserter = Callable[..., None]


def _each_distinct(series: pd.Series, convert: Callable[[object], object]) -> list:
    """``convert`` applied to each distinct value of ``series`` once, then spread over its
    rows (text and periods repeat a few values over many rows); None for a missing value."""
    codes, uniques = pd.factorize(series)
    table = np.empty(len(uniques) + 1, dtype=object)  # the last entry, None, is for code -1
    table[:-1] = [convert(v) for v in uniques]
    return table[codes].tolist()


def values(series: pd.Series, column: str, *, iso_dates: bool = False) -> list:
    """A column as Python values for the driver: None for missing, dates for periods (ISO
    text with ``iso_dates``, as SQLAlchemy stores them on SQLite)."""
    if column == "period":
        stamps = pd.to_datetime(series)
        if stamps.isna().any():  # a missing period: the per-row conversion says what is wrong
            return [ts.date() for ts in stamps]
        return _each_distinct(
            stamps, (lambda ts: ts.date().isoformat()) if iso_dates else (lambda ts: ts.date())
        )
    if column in schema.NUMERIC_COLUMNS:
        return numbers(series)
    if series.dtype == object and pd.api.types.infer_dtype(series, skipna=False) == "string":
        return series.tolist()  # str in every row already: a fifth of the work below
    return _each_distinct(series, str)


def numbers(series: pd.Series) -> list:
    """Numbers as Python floats for the driver, None where missing (text that is not a
    number counts as missing)."""
    arr = pd.to_numeric(series, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    out = arr.astype(object)
    out[np.isnan(arr)] = None
    return out.tolist()


def driver_rows(conn: Connection, query) -> list[tuple]:  # type: ignore[no-untyped-def]
    """The rows of ``query`` as the driver's plain tuples (periods as the driver gives them:
    ISO text on SQLite). A frame is built from them several times faster than from
    SQLAlchemy's row objects, which pandas probes one by one."""
    result = conn.execute(query)
    try:
        return result.cursor.fetchall()
    finally:
        result.close()


def insert_rows(
    conn: Connection,
    table: str,
    df: pd.DataFrame,
    submission_id: int,
    slice_ids: pd.DataFrame,
    done: int,
    total: int,
    progress: Progress | None,
    *,
    batch_size: int,
    insert_batch: BatchInserter,
) -> int:
    """Insert the rows of a data table's canonical frame with their slice ids, ``batch_size``
    rows per ``insert_batch`` call, calling ``progress(done, total)`` after each batch.
    Returns the rows done."""
    columns = list(schema.EXPORT_COLUMNS[table])
    frame = df[columns].copy()
    frame["period"] = pd.to_datetime(frame["period"]).astype("datetime64[ns]")
    keys = [c for c in slice_ids.columns if c != "slice_id"]
    # Each row's slice by its key: a third of the time of a merge (the keys are unique in
    # slice_ids, or get_indexer raises).
    at = pd.MultiIndex.from_frame(slice_ids[keys]).get_indexer(
        pd.MultiIndex.from_frame(frame[keys])
    )
    if (at < 0).any():
        raise ValueError(f"Rows of {table} without a slice: the slices do not cover the frame.")
    # Dates as SQLAlchemy stores them on SQLite (ISO text), as the driver is used directly.
    iso = conn.dialect.name == "sqlite"
    column_values = [values(frame[c], c, iso_dates=iso) for c in columns]
    names = ["submission_id", "slice_id", *columns]
    slice_col = slice_ids["slice_id"].to_numpy(dtype="int64")[at].tolist()
    # Each batch's tuples made as it goes in: a national return's 712,800 tuples at once held
    # about 100 MB more.
    records = zip(repeat(submission_id), slice_col, *column_values)
    target = DATA_SA_TABLES[table]
    while batch := list(islice(records, batch_size)):
        insert_batch(conn, target, names, batch)
        done += len(batch)
        if progress:
            progress(done, total)
    return done


def insert_batch(conn: Connection, table, names: list[str], batch: Sequence[tuple]) -> None:  # type: ignore[no-untyped-def]
    """Insert rows (tuples in ``names`` order) in the open transaction, bypassing
    SQLAlchemy's per-row parameter processing: COPY on PostgreSQL, executemany on SQLite.
    Names come from the store's schema, never from input."""
    cols = ", ".join(names)
    if conn.dialect.name == "postgresql":
        with (
            conn.connection.dbapi_connection.cursor() as cursor,
            cursor.copy(f"COPY {table.name} ({cols}) FROM STDIN") as copy,
        ):
            for row in batch:
                copy.write_row(row)
    else:
        marks = ", ".join("?" for _ in names)
        conn.exec_driver_sql(f"INSERT INTO {table.name} ({cols}) VALUES ({marks})", list(batch))


def execute_many(conn: Connection, sql: str, rows: Sequence[tuple]) -> None:
    """Run ``sql`` once per tuple of ``rows`` (``?`` marks each parameter) in the open
    transaction, through the driver: SQLAlchemy's processing of each parameter set costs more
    than the statement. The SQL comes from the store's code, never from input."""
    if not rows:
        return
    if conn.dialect.paramstyle != "qmark":
        sql = sql.replace("?", "%s")
    conn.exec_driver_sql(sql, list(rows))
