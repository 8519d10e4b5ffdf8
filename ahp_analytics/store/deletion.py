"""Deleting submissions outright (not withdrawing them): for data that must leave the database
and its history, such as the demonstration data set."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ahp_analytics.store import bulk, kept, organisations
from ahp_analytics.store.history import bump_version, refresh_status, restore
from ahp_analytics.store.organisations import chunks
from ahp_analytics.store.schema import (
    DATA_SA_TABLES,
    indicator_catalogue_table,
    slices_table,
    submission_files_table,
    submission_organisations_table,
    submissions_table,
)


@dataclass
class DeleteOutcome:
    """What deleting submissions did: how many submissions and data rows went."""

    submissions: int
    rows: int
    message: str = ""


def delete_submissions(conn: Connection, ids: set[int]) -> DeleteOutcome:
    """Delete submissions ``ids`` (see :meth:`Store.delete_submissions`); unknown ids are
    ignored."""
    s, sl, so = submissions_table, slices_table, submission_organisations_table
    f, cat = submission_files_table, indicator_catalogue_table
    found: set[int] = set()
    for chunk in chunks(sorted(ids)):
        found |= set(conn.execute(sa.select(s.c.id).where(s.c.id.in_(chunk))).scalars())
    if not found:
        return DeleteOutcome(0, 0, message="No such submission: nothing was deleted.")
    held: list[Sequence] = []
    keys: set[tuple] = set()
    codes: set[str] = set()
    rows = 0
    for chunk in chunks(sorted(found)):
        held += conn.execute(
            sa.select(
                sl.c.table_name, sl.c.org_code, sl.c.period, sl.c.period_type, sl.c.indicator
            ).where(sl.c.submission_id.in_(chunk), sl.c.active)
        ).all()
        for r in conn.execute(
            sa.select(sl.c.table_name, sl.c.org_code, sl.c.period, sl.c.period_type)
            .where(sl.c.submission_id.in_(chunk))
            .distinct()
        ):
            keys.add(tuple(r))
            codes.add(r.org_code)
        codes |= set(
            conn.execute(sa.select(so.c.org_code).where(so.c.submission_id.in_(chunk))).scalars()
        )
        # Each slice's rows by their range of ids (the data tables hold no submission).
        for name, table in DATA_SA_TABLES.items():
            ranges = conn.execute(
                sa.select(sl.c.first_row, sl.c.rows).where(
                    sl.c.submission_id.in_(chunk), sl.c.table_name == name, sl.c.rows > 0
                )
            ).all()
            bulk.execute_many(
                conn,
                f"DELETE FROM {table.name} WHERE id >= ? AND id < ?",  # noqa: S608 - schema names
                [(first, first + n) for first, n in ranges],
            )
            rows += sum(n for _, n in ranges)
        conn.execute(sl.delete().where(sl.c.submission_id.in_(chunk)))
        conn.execute(so.delete().where(so.c.submission_id.in_(chunk)))
        conn.execute(s.delete().where(s.c.id.in_(chunk)))
    conn.execute(f.delete().where(f.c.sha256.not_in(sa.select(s.c.sha256))))
    used = sa.select(sl.c.indicator).where(sl.c.table_name == "indicators").distinct()
    conn.execute(cat.delete().where(cat.c.custom, cat.c.code.not_in(used)))
    _, affected = restore(conn, held, withdrawn_id=0)
    refresh_status(conn, affected)
    organisations.settle(conn, codes)
    bump_version(conn)
    kept.after_delete(conn, keys, codes)
    n = len(found)
    return DeleteOutcome(
        n,
        rows,
        message=f"Deleted {n} submission{'s' if n != 1 else ''} and {rows:,} data rows.",
    )
