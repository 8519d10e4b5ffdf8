"""The history of submissions: storing a checked file, supersession and withdrawal.

Each stored return is a *submission*. Its rows are grouped into *slices*: one per table and key
group it replaces: workforce and leadership per organisation + period, indicators per
organisation + period + indicator. At any time at most one slice per key group is active, the
one from the latest submission that is not withdrawn; only rows of active slices are current.
Ingesting deactivates the slices it replaces; withdrawing a submission deactivates its slices
and re-activates, for each key group it held, the slice of the most recent earlier submission
that is not withdrawn.

Submission status, derived from its slices after every change:

- ``current``: all its slices are active (or it held no data rows, e.g. organisations only);
- ``partly superseded``: some of its slices were replaced by later submissions;
- ``superseded``: all of them were; ``superseded_by`` is the latest submission that holds the
  key groups it lost;
- ``withdrawn``: withdrawn by a user (``withdrawn_at``, ``withdrawn_by``).

Each function here runs inside one write transaction the caller holds (``conn``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ahp_analytics.domain import schema
from ahp_analytics.domain.results import FileResult, sha256_of
from ahp_analytics.store import bulk, kept, organisations
from ahp_analytics.store.organisations import chunks
from ahp_analytics.store.schema import (
    CURRENT,
    DATA_SA_TABLES,
    DATA_TABLES,
    PARTLY_SUPERSEDED,
    SLICE_KEYS,
    SUPERSEDED,
    WITHDRAWN,
    meta_table,
    slices_table,
    submission_files_table,
    submission_organisations_table,
    submissions_table,
)


@dataclass
class IngestOutcome:
    """What storing one file did.

    ``status``: ``accepted`` (stored as ``submission_id``), ``unchanged`` (the same file is
    already current as ``submission_id``; nothing written) or ``rejected`` (nothing stored:
    the file had errors, or the database failed and the transaction was rolled back).
    ``rows``: rows stored per table; ``superseded``: submissions whose rows it replaced.
    """

    status: str
    submission_id: int | None
    rows: dict[str, int] = field(default_factory=dict)
    superseded: list[int] = field(default_factory=list)
    message: str = ""


@dataclass
class WithdrawOutcome:
    """What withdrawing a submission did. ``status``: ``withdrawn`` or ``error`` (unknown or
    already withdrawn id; nothing changed). ``restored``: submissions whose rows became current
    again."""

    status: str
    submission_id: int
    restored: list[int] = field(default_factory=list)
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.status == WITHDRAWN


def utc(value: datetime | None) -> datetime | None:
    """A database timestamp as an aware UTC datetime (SQLite returns naive UTC)."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def bump_version(conn: Connection) -> None:
    """Change the data version (pages key their caches on it)."""
    t = meta_table
    conn.execute(t.update().where(t.c.key == "data_version").values(value=t.c.value + 1))


def ingest(
    conn: Connection,
    result: FileResult,
    content: bytes,
    user: str,
    writer: bulk.Writer,
    progress: Callable[[int, int], None] | None,
) -> IngestOutcome:
    """Store a checked file without errors (see :meth:`Store.ingest`); ``writer`` inserts the
    data rows in batches."""
    sha = sha256_of(content)
    s = submissions_table
    same = conn.execute(
        sa.select(s.c.id).where(s.c.sha256 == sha, s.c.status == CURRENT).order_by(s.c.id.desc())
    ).first()
    if same is not None:
        return IngestOutcome(
            "unchanged",
            same.id,
            rows=result.rows,
            message=f"'{result.file_name}' is the same file as submission {same.id} "
            "(same SHA-256), which is current: nothing changed.",
        )

    tables = {name: df for name, df in result.tables.items() if name in schema.EXPORT_COLUMNS}
    rows = {name: len(df) for name, df in tables.items()}
    warnings = [m.to_dict() for m in result.warnings]
    submission_id = conn.execute(
        s.insert().values(
            file_name=result.file_name,
            sha256=sha,
            size=len(content),
            user_name=user,
            submitted_at=datetime.now(UTC),
            status=CURRENT,
            rows_json=json.dumps(rows),
            warnings_count=sum(m.count for m in result.warnings),
            warnings_json=json.dumps(warnings, default=str),
        )
    ).inserted_primary_key[0]

    f = submission_files_table
    if conn.execute(sa.select(f.c.sha256).where(f.c.sha256 == sha)).first() is None:
        conn.execute(f.insert().values(sha256=sha, content=content))

    total = sum(rows.values())
    done = 0
    if "organisations" in tables:
        codes = organisations.record(conn, tables["organisations"], submission_id)
        organisations.settle(conn, codes)
        done += rows["organisations"]
        if progress:
            progress(done, total)

    # Submissions that held these key groups before: their status or superseded_by change.
    superseded: set[int] = set()
    affected: set[int] = set()
    for name in DATA_TABLES:
        df = tables.get(name)
        if df is None or df.empty:
            continue
        first, replaced, earlier = _replace_slices(conn, name, df, submission_id)
        superseded |= replaced
        affected |= earlier
        done = writer(conn, name, df, first, done, total, progress)
        if name == "indicators":
            organisations.add_custom_indicators(conn, df, submission_id)

    refresh_status(conn, affected)
    bump_version(conn)
    kept.after_change(conn, submission_id, tables.get("workforce"))
    stored = ", ".join(f"{n} {t}" for t, n in rows.items()) or "no rows"
    replaced_text = (
        f"; replaces rows of submission{'s' if len(superseded) > 1 else ''} "
        + ", ".join(str(i) for i in sorted(superseded))
        if superseded
        else ""
    )
    return IngestOutcome(
        "accepted",
        submission_id,
        rows=rows,
        superseded=sorted(superseded),
        message=f"'{result.file_name}' stored as submission {submission_id}: {stored}"
        f"{replaced_text}.",
    )


def _replace_slices(
    conn: Connection, table: str, df: pd.DataFrame, submission_id: int
) -> tuple[np.ndarray, set[int], set[int]]:
    """Deactivate the active slices this submission replaces and add its own, whose rows take
    consecutive ids from above the table's largest, slice after slice in key order.

    Returns each row's slice's first id, the submissions whose slices were deactivated, and
    all submissions that ever held these key groups."""
    keys = list(SLICE_KEYS[table])
    extra = keys[3] if len(keys) > 3 else None
    grouped = df.groupby(keys, sort=True, dropna=False)
    groups = grouped.size().reset_index(name="rows")
    group_of_row = grouped.ngroup().to_numpy()
    group_keys = list(
        zip(
            bulk.values(groups["org_code"], "org_code"),
            bulk.values(groups["period"], "period"),
            bulk.values(groups["period_type"], "period_type"),
            bulk.values(groups[extra], extra) if extra else [""] * len(groups),
            strict=True,
        )
    )
    new_keys = set(group_keys)

    sl = slices_table
    earlier = []
    for chunk in chunks(sorted({k[0] for k in new_keys})):
        earlier += [
            r
            for r in conn.execute(
                sa.select(
                    sl.c.id,
                    sl.c.submission_id,
                    sl.c.active,
                    sl.c.org_code,
                    sl.c.period,
                    sl.c.period_type,
                    sl.c.indicator,
                ).where(sl.c.table_name == table, sl.c.org_code.in_(chunk))
            )
            if (r.org_code, r.period, r.period_type, r.indicator) in new_keys
        ]
    replaced = [r for r in earlier if r.active]
    for chunk in chunks([r.id for r in replaced]):
        conn.execute(sl.update().where(sl.c.id.in_(chunk)).values(active=False))

    # The write lock is held: no other ingest takes ids until this one commits.
    rows_table = DATA_SA_TABLES[table]
    base = (conn.execute(sa.select(sa.func.max(rows_table.c.id))).scalar() or 0) + 1
    sizes = groups["rows"].tolist()
    firsts = (base + np.cumsum([0, *sizes[:-1]])).tolist()
    # Through the driver, as the rows are (see bulk.insert_batch): SQLAlchemy's processing of
    # each parameter set cost more than the insert of a national return's thousands of slices.
    iso = conn.dialect.name == "sqlite"
    bulk.insert_batch(
        conn,
        sl,
        ["submission_id", "table_name", "org_code", "period", "period_type", "indicator"]
        + ["rows", "first_row", "active"],
        [
            (submission_id, table, o, p.isoformat() if iso else p, t, "" if i is None else str(i))
            + (n, first, True)
            for (o, p, t, i), n, first in zip(group_keys, sizes, firsts, strict=True)
        ],
    )
    firsts_of_rows = np.asarray(firsts, dtype="int64")[group_of_row]
    return firsts_of_rows, {r.submission_id for r in replaced}, {r.submission_id for r in earlier}


def refresh_status(conn: Connection, submission_ids: set[int]) -> None:
    """Re-derive status and superseded_by of these submissions from their slices."""
    if not submission_ids:
        return
    sl, s = slices_table, submissions_table
    ids = sorted(submission_ids)
    counts = {
        r.submission_id: (r.total, r.active or 0)
        for r in conn.execute(
            sa.select(
                sl.c.submission_id,
                sa.func.count().label("total"),
                sa.func.sum(sa.case((sl.c.active, 1), else_=0)).label("active"),
            )
            .where(sl.c.submission_id.in_(ids))
            .group_by(sl.c.submission_id)
        )
    }
    old, new = sl.alias("old"), sl.alias("new")
    holders = dict(
        conn.execute(
            sa.select(old.c.submission_id, sa.func.max(new.c.submission_id))
            .select_from(
                old.join(
                    new,
                    sa.and_(
                        new.c.table_name == old.c.table_name,
                        new.c.org_code == old.c.org_code,
                        new.c.period == old.c.period,
                        new.c.period_type == old.c.period_type,
                        new.c.indicator == old.c.indicator,
                        new.c.active,
                    ),
                )
            )
            .where(old.c.submission_id.in_(ids), sa.not_(old.c.active))
            .group_by(old.c.submission_id)
        ).all()
    )
    for sid in ids:
        total, active = counts.get(sid, (0, 0))
        if total == active:
            status = CURRENT
        elif active == 0:
            status = SUPERSEDED
        else:
            status = PARTLY_SUPERSEDED
        conn.execute(
            s.update()
            .where(s.c.id == sid, s.c.status != WITHDRAWN)
            .values(status=status, superseded_by=holders.get(sid))
        )


def withdraw(conn: Connection, submission_id: int, user: str) -> WithdrawOutcome:
    """Withdraw a submission (see :meth:`Store.withdraw`)."""
    s, sl = submissions_table, slices_table
    row = conn.execute(sa.select(s).where(s.c.id == submission_id)).first()
    if row is None:
        return WithdrawOutcome(
            "error", submission_id, message=f"There is no submission {submission_id}."
        )
    if row.status == WITHDRAWN:
        when = utc(row.withdrawn_at)
        return WithdrawOutcome(
            "error",
            submission_id,
            message=f"Submission {submission_id} was already withdrawn"
            f" by {row.withdrawn_by} on {when:%Y-%m-%d %H:%M} UTC.",
        )
    held = conn.execute(
        sa.select(
            sl.c.id,
            sl.c.table_name,
            sl.c.org_code,
            sl.c.period,
            sl.c.period_type,
            sl.c.indicator,
        ).where(sl.c.submission_id == submission_id, sl.c.active)
    ).all()
    conn.execute(sl.update().where(sl.c.submission_id == submission_id).values(active=False))
    conn.execute(
        s.update()
        .where(s.c.id == submission_id)
        .values(status=WITHDRAWN, withdrawn_at=datetime.now(UTC), withdrawn_by=user)
    )
    restored, affected = restore(conn, held, submission_id)
    refresh_status(conn, affected)
    so = submission_organisations_table
    said = sa.select(so.c.org_code).where(so.c.submission_id == submission_id)
    named = sa.select(sl.c.org_code).where(sl.c.submission_id == submission_id)
    organisations.settle(
        conn, set(conn.execute(said).scalars()) | set(conn.execute(named).scalars())
    )
    bump_version(conn)
    kept.after_change(conn, submission_id)
    back = (
        f"; rows of submission{'s' if len(restored) > 1 else ''} "
        + ", ".join(str(i) for i in restored)
        + " are current again"
        if restored
        else ""
    )
    return WithdrawOutcome(
        WITHDRAWN,
        submission_id,
        restored=restored,
        message=f"Submission {submission_id} ('{row.file_name}') withdrawn{back}.",
    )


def restore(conn: Connection, held: Sequence, withdrawn_id: int) -> tuple[list[int], set[int]]:
    """Activate, for each key group in ``held``, the latest slice of a submission that is not
    withdrawn. Returns the submissions whose slices were activated, and all (not withdrawn)
    submissions holding these key groups."""
    sl, s = slices_table, submissions_table
    wanted = {(r.table_name, r.org_code, r.period, r.period_type, r.indicator) for r in held}
    best: dict[tuple, tuple[int, int]] = {}
    holders: set[int] = set()
    for chunk in chunks(sorted({k[1] for k in wanted})):
        for r in conn.execute(
            sa.select(
                sl.c.id,
                sl.c.submission_id,
                sl.c.table_name,
                sl.c.org_code,
                sl.c.period,
                sl.c.period_type,
                sl.c.indicator,
            )
            .select_from(sl.join(s, s.c.id == sl.c.submission_id))
            .where(
                sl.c.org_code.in_(chunk),
                s.c.status != WITHDRAWN,
                sl.c.submission_id != withdrawn_id,
            )
        ):
            k = (r.table_name, r.org_code, r.period, r.period_type, r.indicator)
            if k not in wanted:
                continue
            holders.add(r.submission_id)
            if k not in best or r.submission_id > best[k][0]:
                best[k] = (r.submission_id, r.id)
    for chunk in chunks([slice_id for _, slice_id in best.values()]):
        conn.execute(sl.update().where(sl.c.id.in_(chunk)).values(active=True))
    return sorted({sid for sid, _ in best.values()}), holders
