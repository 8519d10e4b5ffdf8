"""Bulk insertion of a table's rows, in batches, inside the ingest's transaction."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd
from sqlalchemy.engine import Connection

from ahp_analytics.domain import schema
from ahp_analytics.store.organisations import chunks
from ahp_analytics.store.schema import DATA_SA_TABLES

Progress = Callable[[int, int], None]
# Inserts one table's rows: (conn, table, frame, submission id, slice ids, rows done so far,
# rows in all, progress) -> rows done after it.
Writer = Callable[
    [Connection, str, pd.DataFrame, int, pd.DataFrame, int, int, Progress | None], int
]
# Inserts one batch: (conn, SQL table, column names, rows).
BatchInserter = Callable[..., None]


def values(series: pd.Series, column: str) -> list:
    """A column as Python values for the driver: None for missing, dates for periods."""
    if column == "period":
        stamps = pd.to_datetime(series)
        codes, uniques = pd.factorize(stamps)
        if (codes < 0).any():  # a missing period: the per-row conversion says what is wrong
            return [ts.date() for ts in stamps]
        # Periods are few: convert each distinct one once.
        return np.array([ts.date() for ts in uniques], dtype=object)[codes].tolist()
    if column in schema.NUMERIC_COLUMNS:
        arr = pd.to_numeric(series, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        return [None if v != v else v for v in arr.tolist()]
    missing = series.isna().to_numpy()
    return [None if m else str(v) for v, m in zip(series.tolist(), missing, strict=True)]


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
    frame = frame.merge(slice_ids, on=keys, how="left", sort=False, validate="many_to_one")
    column_values = [values(frame[c], c) for c in columns]
    if conn.dialect.name == "sqlite":
        # Dates as SQLAlchemy stores them on SQLite (ISO text), as the driver is used directly.
        i = columns.index("period")
        column_values[i] = [d.isoformat() for d in column_values[i]]
    names = ["submission_id", "slice_id", *columns]
    slice_col = frame["slice_id"].astype("int64").tolist()
    records = [(submission_id, *rest) for rest in zip(slice_col, *column_values, strict=True)]
    target = DATA_SA_TABLES[table]
    for batch in chunks(records, batch_size):
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
