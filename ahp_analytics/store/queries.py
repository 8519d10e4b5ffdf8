"""Reading the store: current rows, key groups, the history, sign-outs and the catalogue.

Each function takes an open connection (``Store.reading()``) and returns frames in the shapes
the rest of the application uses: a table's columns are ``schema.EXPORT_COLUMNS``, periods
datetime64[ns], numbers float64 with NaN for missing, times aware UTC.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ahp_analytics.domain import schema
from ahp_analytics.domain.gcpause import gc_paused
from ahp_analytics.domain.selection import Selection
from ahp_analytics.store import bulk
from ahp_analytics.store.history import utc
from ahp_analytics.store.organisations import chunks
from ahp_analytics.store.schema import (
    DATA_SA_TABLES,
    DATA_TABLES,
    indicator_catalogue_table,
    meta_table,
    organisations_table,
    rows_of_slices,
    sign_outs_table,
    slices_table,
    submission_files_table,
    submissions_table,
)

READ_TABLES = ("organisations", *DATA_TABLES, "submissions")

# The history as read() and submissions() return it.
# What a submission came to: its status, rows stored per table, warnings and any successor.
SUBMISSION_OUTCOME = (
    "status",
    "workforce_rows",
    "leadership_rows",
    "indicators_rows",
    "organisations_rows",
    "warnings",
    "superseded_by",
)
SUBMISSION_COLUMNS = (
    "id",
    "submitted_at",
    "file_name",
    "user_name",
    *SUBMISSION_OUTCOME,
    "withdrawn_at",
    "withdrawn_by",
    "sha256",
    "size",
)

# Deterministic sort of read() results (leadership posts keep their order in the return).
SORT_KEYS = {
    "organisations": ["org_code"],
    "workforce": ["org_code", "period", "period_type", "profession", "band"],
    "leadership": ["org_code", "period", "period_type"],
    "indicators": ["org_code", "period", "period_type", "indicator"],
}


@dataclass(frozen=True)
class Submission:
    """One row of the history, with its rows per table and its warnings (as dicts)."""

    id: int
    file_name: str
    sha256: str
    size: int
    user_name: str
    submitted_at: datetime
    status: str
    rows: dict[str, int]
    warnings: list[dict]
    superseded_by: int | None
    withdrawn_at: datetime | None
    withdrawn_by: str | None


def data_version(conn: Connection) -> int:
    t = meta_table
    return int(conn.execute(sa.select(t.c.value).where(t.c.key == "data_version")).scalar_one())


def is_empty(conn: Connection) -> bool:
    return conn.execute(sa.select(submissions_table.c.id).limit(1)).first() is None


def signed_out_at(conn: Connection, subject: str) -> int | None:
    t = sign_outs_table
    value = conn.execute(
        sa.select(t.c.signed_out_at).where(t.c.subject == subject)
    ).scalar_one_or_none()
    return None if value is None else int(value)


def record_sign_out(conn: Connection, subject: str, at: int) -> None:
    t = sign_outs_table
    row = conn.execute(sa.select(t.c.signed_out_at).where(t.c.subject == subject)).first()
    if row is None:
        conn.execute(t.insert().values(subject=subject, signed_out_at=at))
    elif row.signed_out_at < at:
        conn.execute(t.update().where(t.c.subject == subject).values(signed_out_at=at))


def indicator_catalogue(conn: Connection) -> pd.DataFrame:
    t = indicator_catalogue_table
    rows = conn.execute(sa.select(t).order_by(t.c.code)).all()
    return pd.DataFrame(rows, columns=[c.name for c in t.columns])


def submissions(conn: Connection) -> pd.DataFrame:
    s = submissions_table
    rows = conn.execute(sa.select(s).order_by(s.c.id.desc())).all()
    return pd.DataFrame(
        {
            "id": pd.array([r.id for r in rows], dtype="int64"),
            "submitted_at": pd.to_datetime([utc(r.submitted_at) for r in rows], utc=True),
            "file_name": [r.file_name for r in rows],
            "user_name": [r.user_name for r in rows],
            "status": [r.status for r in rows],
            **{
                f"{t}_rows": pd.array(
                    [json.loads(r.rows_json).get(t, 0) for r in rows], dtype="int64"
                )
                for t in ("workforce", "leadership", "indicators", "organisations")
            },
            "warnings": pd.array([r.warnings_count for r in rows], dtype="int64"),
            "superseded_by": pd.array([r.superseded_by for r in rows], dtype="Int64"),
            "withdrawn_at": pd.to_datetime([utc(r.withdrawn_at) for r in rows], utc=True),
            "withdrawn_by": [r.withdrawn_by for r in rows],
            "sha256": [r.sha256 for r in rows],
            "size": pd.array([r.size for r in rows], dtype="int64"),
        },
        columns=list(SUBMISSION_COLUMNS),
    )


def submission(conn: Connection, submission_id: int) -> Submission | None:
    s = submissions_table
    r = conn.execute(sa.select(s).where(s.c.id == submission_id)).first()
    if r is None:
        return None
    return Submission(
        id=r.id,
        file_name=r.file_name,
        sha256=r.sha256,
        size=r.size,
        user_name=r.user_name,
        submitted_at=utc(r.submitted_at),
        status=r.status,
        rows=json.loads(r.rows_json),
        warnings=json.loads(r.warnings_json),
        superseded_by=r.superseded_by,
        withdrawn_at=utc(r.withdrawn_at),
        withdrawn_by=r.withdrawn_by,
    )


def original_file(conn: Connection, submission_id: int) -> tuple[str, bytes] | None:
    s, f = submissions_table, submission_files_table
    r = conn.execute(
        sa.select(s.c.file_name, f.c.content)
        .select_from(s.join(f, f.c.sha256 == s.c.sha256))
        .where(s.c.id == submission_id)
    ).first()
    return None if r is None else (r.file_name, bytes(r.content))


def active_slices(conn: Connection, org_codes: Iterable[str]) -> pd.DataFrame:
    sl = slices_table
    columns = ("submission_id", "table_name", "org_code", "period", "period_type")
    columns += ("indicator", "rows")
    rows: list = []
    for chunk in chunks(sorted({str(c) for c in org_codes})):
        query = sa.select(*(sl.c[c] for c in columns)).where(sl.c.active, sl.c.org_code.in_(chunk))
        rows += conn.execute(query).all()
    df = pd.DataFrame(rows, columns=list(columns))
    df["period"] = pd.to_datetime(df["period"]).astype("datetime64[ns]")
    return df


def narrow(
    query: sa.Select,
    selection: Selection,
    code: sa.ColumnElement,
    period: sa.ColumnElement | None = None,
) -> sa.Select:
    """``query`` narrowed to what ``selection`` selects (its window aside): organisation codes
    in ``code``; regions, ICBs and trust types through the organisations table (rows of an
    organisation it does not know then drop out); demonstration organisations left out by
    code; period bounds on ``period``."""
    o = organisations_table
    if selection.orgs:
        query = query.where(code.in_(selection.orgs))
    by_org = [n for n in ("region", "icb", "trust_type") if getattr(selection, n)]
    if by_org and code.table is not o:
        query = query.join(o, o.c.org_code == code)
    for name in by_org:
        query = query.where(o.c[name].in_(getattr(selection, name)))
    if not selection.demo:
        query = query.where(~is_demo(code))
    if selection.period_from is not None:
        query = query.where(period >= selection.period_from)
    if selection.period_to is not None:
        query = query.where(period <= selection.period_to)
    return query


def is_demo(code: sa.ColumnElement) -> sa.ColumnElement:
    """SQL true for a code of the demonstration data set, as
    :func:`~ahp_analytics.domain.reference.is_demo_code` has it: ``DM`` and three digits."""
    digits = [sa.func.substr(code, i, 1).between("0", "9") for i in (3, 4, 5)]
    return sa.and_(sa.func.length(code) == 5, sa.func.substr(code, 1, 2) == "DM", *digits)


def current_rows(table: str, selection: Selection) -> tuple[sa.Select, sa.Table]:
    """The query of the current rows of a data table or of the organisations, as
    ``EXPORT_COLUMNS``, narrowed by ``selection`` (not yet ordered), and the table read.

    A data table's rows are found through their slices: a slice holds its rows' organisation,
    period and the rest of their key (one slice per key), so the selection narrows the slices
    (by their key index) and each slice's rows follow as a range of ids. The data tables need
    no index of their own, which would cost a large ingest's insert on every row."""
    columns = schema.EXPORT_COLUMNS[table]
    if table == "organisations":
        t = organisations_table
        return narrow(sa.select(*(t.c[c] for c in columns)), selection, t.c.org_code), t
    t, sl = DATA_SA_TABLES[table], slices_table
    query = (
        sa.select(*(column(t, c) for c in columns))
        .select_from(sl.join(t, rows_of_slices(t)))
        .where(sl.c.table_name == table, sl.c.active)
    )
    return narrow(query, selection, sl.c.org_code, sl.c.period), t


def column(t: sa.Table, name: str) -> sa.ColumnElement:
    """A column of a data table's rows as :func:`current_rows` reads them: the slice's own for
    the key a slice holds, else the row's."""
    if t is not organisations_table and name not in t.c:
        return slices_table.c[name]
    return t.c[name]


def read(
    conn: Connection,
    table: str,
    selection: Selection,
    slice_ids: Sequence[int] | None = None,
) -> pd.DataFrame:
    query, t = current_rows(table, selection)
    columns, sort_keys = list(schema.EXPORT_COLUMNS[table]), SORT_KEYS[table]
    if slice_ids is not None:
        query = query.where(slices_table.c.id.in_([int(i) for i in slice_ids]))
    if table == "organisations":
        query = query.order_by(t.c.org_code)
    else:
        # Rows of one key in the order they were stored (by id), sorted here, not by the
        # database: asked for id order, PostgreSQL's planner, with statistics from before an
        # ingest, walked every row in id order looking for its slice (94 s for 712,800 rows).
        query = query.add_columns(t.c.id)
        columns, sort_keys = [*columns, "id"], [*sort_keys, "id"]
    with gc_paused():
        # The driver's tuples (periods as it gives them; frame() parses them): SQLAlchemy's
        # row objects and per-row date conversion cost more than the query itself for a
        # national table (about 1 s of CPU per 700,000 rows).
        rows = bulk.driver_rows(conn, query)
        df = frame(rows, columns, sort_keys)
    return df.drop(columns="id") if table != "organisations" else df


def stream_query(table: str, selection: Selection, dialect: str) -> sa.Select:
    """The query :func:`stream` runs on a database of ``dialect`` ('sqlite' or
    'postgresql'): :func:`current_rows` in :data:`SORT_KEYS` order, periods as ISO text."""
    query, t = current_rows(table, selection)
    postgresql = dialect == "postgresql"
    if postgresql and "period" in query.selected_columns:
        # ISO text on both databases (SQLite stores the date as that text).
        columns = [
            sa.func.to_char(c, "YYYY-MM-DD").label("period") if c.name == "period" else c
            for c in query.selected_columns
        ]
        query = query.with_only_columns(*columns)
    order = []
    for name in SORT_KEYS[table]:
        key = column(t, name)
        # Text in code-point order, as Python sorts it (PostgreSQL's default collation may
        # follow a language's rules). The keys are never missing (period, its kind and the
        # organisation always; the others are required columns), so NULLs need no rule.
        order.append(key.collate("C") if postgresql and name != "period" else key)
    if table != "organisations":
        order.append(t.c.id)  # rows of one key keep the order they were stored in
    return query.order_by(*order)


def stream(
    conn: Connection, table: str, selection: Selection, chunk_rows: int
) -> Iterator[list[tuple]]:
    """The current rows of a data table or of the organisations, as :func:`read` gives them
    (same columns, same order) but as chunks of ``chunk_rows`` driver tuples, periods as ISO
    text: read from the cursor as they are written, never all at once."""
    query = stream_query(table, selection, conn.dialect.name)
    postgresql = conn.dialect.name == "postgresql"
    if postgresql:
        # A server-side cursor, so the rows come from the server a chunk at a time (the driver
        # directly: SQLAlchemy's streaming result would take the first rows into its buffer).
        compiled = query.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
        cursor = conn.connection.dbapi_connection.cursor(name="ahp_stream")
        cursor.execute(str(compiled), compiled.params)
    else:  # SQLite's cursor steps through the result as it is fetched
        cursor = conn.execute(query).cursor
    try:
        # The driver's tuples, as read() takes them (see there).
        while chunk := cursor.fetchmany(chunk_rows):
            yield chunk
    finally:
        cursor.close()


def key_groups(conn: Connection, table: str, selection: Selection) -> pd.DataFrame:
    sl = slices_table
    columns = ["slice_id", "org_code", "period", "period_type", "indicator"]
    query = sa.select(sl.c.id, sl.c.org_code, sl.c.period, sl.c.period_type, sl.c.indicator).where(
        sl.c.active, sl.c.table_name == table
    )
    query = narrow(query, selection, sl.c.org_code, sl.c.period)
    rows = conn.execute(query.order_by(sl.c.id)).all()
    out = pd.DataFrame(rows, columns=columns)
    out["slice_id"] = out["slice_id"].astype("int64")
    out["period"] = pd.to_datetime(out["period"]).astype("datetime64[ns]")
    out["period_type"] = out["period_type"].astype(object)
    return out if table == "indicators" else out.drop(columns="indicator")


def frame(rows: Sequence, columns: list[str], sort_keys: list[str]) -> pd.DataFrame:
    """The canonical frame of driver rows (tuples in ``columns`` order), sorted stably."""
    data = {}
    by_column = list(zip(*rows, strict=True)) if rows else [()] * len(columns)
    for c, values in zip(columns, by_column, strict=True):
        if c == "period":
            # Periods are few and never missing: parse each distinct one once.
            codes, uniques = pd.factorize(np.asarray(values, dtype=object))
            dates = pd.to_datetime(pd.Series(uniques, dtype=object)).astype("datetime64[ns]")
            data[c] = pd.Series(dates.to_numpy()[codes])
        elif c in schema.NUMERIC_COLUMNS:
            data[c] = pd.Series(np.asarray(values, dtype="float64"))  # None -> NaN
        elif c == "id":  # a row's id, never missing
            data[c] = pd.Series(np.asarray(values, dtype="int64"))
        else:
            data[c] = pd.Series(values, dtype=object)
    df = pd.DataFrame(data, columns=columns)
    return df.sort_values(sort_keys, kind="stable").reset_index(drop=True)


def slice_history(conn: Connection, table: str) -> pd.DataFrame:
    """Every key group of a data table any submission held (see :meth:`Store.slice_history`)."""
    sl = slices_table
    columns = ["submission_id", "org_code", "period", "period_type", "indicator", "active"]
    query = sa.select(*(sl.c[c] for c in columns)).where(sl.c.table_name == table)
    df = pd.DataFrame(conn.execute(query.order_by(sl.c.id)).all(), columns=columns)
    df["submission_id"] = df["submission_id"].astype("int64")
    df["period"] = pd.to_datetime(df["period"]).astype("datetime64[ns]")
    df["active"] = df["active"].astype(bool)
    return df
