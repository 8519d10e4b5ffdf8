"""Bulk insertion of a table's rows, in batches, inside the ingest's transaction."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import islice

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ahp_analytics.domain import schema
from ahp_analytics.domain.gcpause import gc_paused
from ahp_analytics.store.schema import DATA_SA_TABLES, ROW_COLUMNS

Progress = Callable[[int, int], None]
# Inserts one table's rows: (conn, table, frame, each row's slice's first id, rows done so far,
# rows in all, progress) -> rows done after it.
Writer = Callable[[Connection, str, pd.DataFrame, np.ndarray, int, int, Progress | None], int]
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
    first: np.ndarray,
    done: int,
    total: int,
    progress: Progress | None,
    *,
    batch_size: int,
    insert_batch: BatchInserter,
) -> int:
    """Insert the rows of a data table's canonical frame as the rows of their new slices,
    ``batch_size`` rows per ``insert_batch`` call, calling ``progress(done, total)`` after each
    batch. ``first`` is each row's slice's first id: the slices' ranges follow each other from
    above every stored id, and each slice's rows take its ids in their order in the frame.
    Returns the rows done."""
    columns = list(ROW_COLUMNS[table])
    if len(first) != len(df):
        raise ValueError(f"Rows of {table} without a slice: the slices do not cover the frame.")
    order = np.argsort(first, kind="stable")  # each slice's rows together, in the frame's order
    first = first[order]
    # The rows take consecutive ids when each slice starts where the rows before it end.
    starts = np.flatnonzero(np.r_[True, first[1:] != first[:-1]])
    if len(first) and not (first[starts] == first[0] + starts).all():
        raise ValueError(f"The slices of {table} do not take consecutive ids for their rows.")
    ids = first[0] + np.arange(len(first)) if len(first) else first
    frame = df[columns]
    if not (order == np.arange(len(order))).all():
        frame = frame.take(order)
    column_values = [values(frame[c], c) for c in columns]
    target = DATA_SA_TABLES[table]
    if conn.dialect.name == "sqlite":
        # SQLite gives each row the id after the largest (checked below), which is the row's
        # own: the rowid it makes costs less than one bound.
        names, records = columns, zip(*column_values, strict=True)
    else:
        names, records = ["id", *columns], zip(ids.tolist(), *column_values, strict=True)
    # Each batch's tuples made as it goes in: a national return's 712,800 tuples at once held
    # about 100 MB more.
    with gc_paused():
        while batch := list(islice(records, batch_size)):
            insert_batch(conn, target, names, batch)
            done += len(batch)
            if progress:
                progress(done, total)
    if len(ids) and conn.dialect.name == "sqlite":
        last = conn.execute(sa.select(sa.func.max(target.c.id))).scalar()
        if last != ids[-1]:
            raise ValueError(f"The rows of {table} did not take their slices' ids.")
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
