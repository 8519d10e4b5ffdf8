"""Measures kept beside the raw rows, and a log of what each change touched.

Reading the workforce measures from the raw rows costs time in proportion to the history held
(one row per organisation, month, profession and band). Kept here, a page reads one row per
organisation and period, or per profession or band of one, whatever the history.

``kept_workforce`` holds, per workforce key group (organisation, period, period kind), the
sums the workforce measures of :mod:`ahp_analytics.analysis.measures` are worked out from
(:data:`SUMS`), in total, and the same sums by profession and by band (``by_profession``,
``by_band``: JSON objects of item -> [rows, *SUMS], a row per key group rather than per item,
so that keeping them costs an ingest little). ``fte`` and ``senior_fte`` (FTE in Band 8a to
Band 9 and VSM) are 0 over no figure; ``headcount``, ``vacancy_fte`` and ``reported_fte`` (the
FTE of the rows that report a vacancy figure, the vacancy rate's own share of FTE) are NULL
when no row gives the figure, as the measures skip blanks.

``data_changes`` holds, per key group of a data table (table, organisation, period, kind) and
per organisation ('organisations', the code, '', ''), the data version at which it last
changed. An app server reads the changes made since it last looked
(:class:`~ahp_analytics.store.changes.ChangeTracker`) and works out again only the cached
results they touch, whichever server made them.

Both are written by :func:`after_change` inside the transaction of each ingest and withdrawal,
from the raw rows as they are after it, so they are never stale and never half-updated. A
database made before they existed gets them, filled, when it is first opened
(revision 0002, :func:`fill`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import date

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ahp_analytics.store import bulk
from ahp_analytics.store.kept_sums import DIMENSIONS, KEY, SUMS, sums
from ahp_analytics.store.schema import (
    DATA_SA_TABLES,
    WITHDRAWN,
    data_changes_table,
    kept_workforce_table,
    meta_table,
    organisations_table,
    rows_of_slices,
    slices_table,
    submission_organisations_table,
    submissions_table,
)

workforce_table = DATA_SA_TABLES["workforce"]

ORGANISATIONS = "organisations"
# Keys per statement: well under SQLite's limit of bound parameters.
_CHUNK = 500

# ---------------------------------------------------------------------------------------------
# Keeping them: inside the writer's transaction


_ROW_COLUMNS = (*KEY, "profession", "band", "fte", "headcount", "vacancy_fte")
_STORED = (*KEY, "rows", *SUMS, "by_profession", "by_band")


def _store_sums(conn: Connection, rows: pd.DataFrame) -> None:
    """Insert the kept sums of these rows (whole key groups), through the driver as the data
    rows are (:func:`ahp_analytics.store.bulk.insert_batch`)."""
    if rows.empty:
        return
    kept = sums(rows)
    iso = conn.dialect.name == "sqlite"
    columns = [
        bulk.values(kept["org_code"], "org_code"),
        bulk.values(kept["period"], "period", iso_dates=iso),
        bulk.values(kept["period_type"], "period_type"),
        kept["rows"].tolist(),
        *(bulk.numbers(kept[name]) for name in SUMS),
        kept["by_profession"].tolist(),
        kept["by_band"].tolist(),
    ]
    for chunk in _chunks(list(zip(*columns, strict=True)), 5000):
        bulk.insert_batch(conn, kept_workforce_table, list(_STORED), chunk)


def _current_rows(conn: Connection, slice_ids: Sequence[int]) -> pd.DataFrame:
    """The workforce rows of these slices."""
    w, sl = workforce_table, slices_table
    rows: list = []
    for chunk in _chunks(list(slice_ids), _CHUNK):
        query = (
            sa.select(*(sl.c[c] if c in KEY else w.c[c] for c in _ROW_COLUMNS))
            .select_from(sl.join(w, rows_of_slices(w)))
            .where(sl.c.id.in_(chunk))
        )
        rows += bulk.driver_rows(conn, query)  # periods parsed below
    out = pd.DataFrame(rows, columns=list(_ROW_COLUMNS))
    out["period"] = pd.to_datetime(out["period"])
    return out


def _refresh_workforce(conn: Connection, keys: set[tuple], rows: pd.DataFrame | None) -> None:
    """Work out again the kept sums of these workforce key groups (org_code, period,
    period_type) from their current rows: ``rows`` when the caller holds them (an ingest:
    its own rows are the current ones), else read; a key group without current rows loses
    its sums."""
    sl = slices_table
    if not keys:
        return
    iso = conn.dialect.name == "sqlite"
    bulk.execute_many(
        conn,
        "DELETE FROM kept_workforce WHERE org_code = ? AND period = ? AND period_type = ?",
        [(o, p.isoformat() if iso else p, k) for o, p, k in sorted(keys)],
    )
    if rows is None:
        current = []
        for chunk in _chunks(sorted({k[0] for k in keys}), _CHUNK):
            current += [
                r.id
                for r in conn.execute(
                    sa.select(sl.c.id, sl.c.org_code, sl.c.period, sl.c.period_type).where(
                        sl.c.active, sl.c.table_name == "workforce", sl.c.org_code.in_(chunk)
                    )
                )
                if (r.org_code, r.period, r.period_type) in keys
            ]
        rows = _current_rows(conn, sorted(current))
    _store_sums(conn, rows)


def after_change(
    conn: Connection, submission_id: int, workforce: pd.DataFrame | None = None
) -> None:
    """Bring the kept sums and the change log in line with an ingest or withdrawal of
    ``submission_id``, in its transaction, after the data version was moved on: every key
    group the submission holds is worked out again from its current rows (an ingest passes
    its ``workforce`` rows, which are those) and logged at the new version, with the
    organisations its Organisations sheet named (on withdrawal also those its rows named,
    whose details may have been undone)."""
    sl, s, so = slices_table, submissions_table, submission_organisations_table
    version = conn.execute(
        sa.select(meta_table.c.value).where(meta_table.c.key == "data_version")
    ).scalar_one()
    query = (
        sa.select(sl.c.table_name, sl.c.org_code, sl.c.period, sl.c.period_type)
        .where(sl.c.submission_id == submission_id)
        .distinct()
    )
    # A national return holds thousands of key groups: the driver's tuples, periods as dates.
    held = {(t, o, _date(p), k) for t, o, p, k in bulk.driver_rows(conn, query)}
    _refresh_workforce(conn, {k[1:] for k in held if k[0] == "workforce"}, workforce)
    status = conn.execute(sa.select(s.c.status).where(s.c.id == submission_id)).scalar_one()
    said = sa.select(so.c.org_code).where(so.c.submission_id == submission_id)
    orgs = set(conn.execute(said).scalars())
    if status == WITHDRAWN:
        orgs |= {k[1] for k in held}
    changes = [(t, o, _iso(p), k) for t, o, p, k in held]
    changes += [(ORGANISATIONS, o, "", "") for o in orgs]
    _log(conn, changes, version)


def after_delete(conn: Connection, held: set[tuple], orgs: set[str]) -> None:
    """Bring the kept sums and the change log in line with deleted submissions, in the
    deletion's transaction, after the data version was moved on: ``held`` (table, org_code,
    period, period_type) are the key groups they held, worked out again from the rows current
    now; ``orgs`` the organisations they named."""
    version = conn.execute(
        sa.select(meta_table.c.value).where(meta_table.c.key == "data_version")
    ).scalar_one()
    _refresh_workforce(conn, {k[1:] for k in held if k[0] == "workforce"}, None)
    changes = [(t, o, _iso(p), k) for t, o, p, k in held]
    _log(conn, changes + [(ORGANISATIONS, o, "", "") for o in orgs], version)


def _log(conn: Connection, changes: Iterable[tuple[str, str, str, str]], version: int) -> None:
    """Record each (table, org_code, period, period_type) as changed at ``version``."""
    key = ", ".join(c.name for c in data_changes_table.primary_key.columns)
    bulk.execute_many(
        conn,
        f"INSERT INTO data_changes ({key}, version) VALUES (?, ?, ?, ?, ?) "
        f"ON CONFLICT ({key}) DO UPDATE SET version = excluded.version",
        [(*change, version) for change in sorted(set(changes))],
    )


def fill(conn: Connection) -> None:
    """Fill the kept sums from every current workforce row, a few organisations at a time (for
    a database that held data before they were kept: revision 0002)."""
    sl = slices_table
    slices = conn.execute(
        sa.select(sl.c.id, sl.c.org_code).where(sl.c.active, sl.c.table_name == "workforce")
    ).all()
    by_org: dict[str, list[int]] = {}
    for slice_id, org in slices:
        by_org.setdefault(org, []).append(slice_id)
    orgs = sorted(by_org)
    for chunk in _chunks(orgs, 20):
        _store_sums(conn, _current_rows(conn, [i for o in chunk for i in by_org[o]]))


def _date(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


def _iso(value: object) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)[:10]


def _chunks(items: Sequence, size: int) -> list[Sequence]:
    return [items[i : i + size] for i in range(0, len(items), size)]


# ---------------------------------------------------------------------------------------------
# Reading them


def _codes(orgs: Sequence[str]) -> list[str]:
    return sorted({str(c).strip().upper() for c in orgs})


def _filtered(
    query: sa.Select,
    org_code: sa.ColumnElement,
    orgs: Sequence[str] | None,
    region: str | Sequence[str] | None,
    trust_type: str | Sequence[str] | None,
    icb: str | Sequence[str] | None = None,
) -> sa.Select:
    """``query`` keeping the rows whose ``org_code`` is one of ``orgs`` and whose organisation
    is in one of the regions, ICBs and trust types given (each None or empty: no filter)."""
    o = organisations_table
    if orgs:
        query = query.where(org_code.in_(_codes(orgs)))
    if region or trust_type or icb:
        query = query.join(o, o.c.org_code == org_code)
    for column, wanted in (("region", region), ("icb", icb), ("trust_type", trust_type)):
        if wanted:
            query = query.where(o.c[column].in_([wanted] if isinstance(wanted, str) else wanted))
    return query


class Kept:
    """Queries of a store's kept sums and of what its data covers (``store.kept``)."""

    def __init__(self, store) -> None:  # type: ignore[no-untyped-def]
        self.store = store

    def workforce(
        self,
        dimension: str = "total",
        orgs: Sequence[str] | None = None,
        region: str | Sequence[str] | None = None,
        trust_type: str | Sequence[str] | None = None,
        icb: str | Sequence[str] | None = None,
        period_from: date | None = None,
        period_to: date | None = None,
        keys: pd.DataFrame | None = None,
        pooled: bool = False,
    ) -> pd.DataFrame:
        """Kept sums of ``dimension`` ('total', 'profession' or 'band'), one row per key group
        (``org_code``, ``period`` datetime64, ``period_type``) and, but in total, per item
        (a ``profession`` or ``band`` column); then ``rows`` and :data:`SUMS` (NaN where
        NULL). Filters as :meth:`Store.read`'s (None or empty: none): organisation codes,
        region, ICB and trust type (via the organisations table), the period's first day between
        ``period_from`` and ``period_to`` inclusive, and ``keys`` (a frame of org_code,
        period, period_type: only those key groups). ``pooled`` sums over organisations (in
        total, in the database): no ``org_code`` column, one row per period, kind (and item),
        NaN where no organisation gives the figure. Sorted by key."""
        if dimension not in DIMENSIONS:
            raise ValueError(f"Unknown dimension {dimension!r}: one of {', '.join(DIMENSIONS)}.")
        t = kept_workforce_table
        # Pooled in total: summed in the database; by an item: from each key group's JSON.
        in_sql = pooled and dimension == "total"
        group = [t.c.period, t.c.period_type] if in_sql else [t.c[c] for c in KEY]
        if in_sql:
            columns = [
                sa.func.sum(t.c.rows),
                sa.func.coalesce(sa.func.sum(t.c.fte), 0.0),
                *(sa.func.sum(t.c[c]) for c in SUMS[1:4]),
                sa.func.coalesce(sa.func.sum(t.c.senior_fte), 0.0),
            ]
        elif dimension == "total":
            columns = [t.c.rows, *(t.c[c] for c in SUMS)]
        else:
            columns = [t.c[f"by_{dimension}"]]
        query = _filtered(sa.select(*group, *columns), t.c.org_code, None, region, trust_type, icb)
        if period_from is not None:
            query = query.where(t.c.period >= period_from)
        if period_to is not None:
            query = query.where(t.c.period <= period_to)
        if in_sql:
            query = query.group_by(*group)
        batches: list = [None]
        if keys is not None:
            wanted = zip(
                keys["org_code"].astype(str),
                pd.to_datetime(keys["period"]).dt.date,
                keys["period_type"].astype(str),
                strict=True,
            )
            batches = _chunks(sorted(set(wanted)), _CHUNK)
        elif orgs:
            batches = _chunks(_codes(orgs), _CHUNK)
        found: list = []
        with self.store.reading() as conn:
            for batch in batches:
                q = query
                if keys is not None:
                    # The periods too, alone: the database finds them by its index on the
                    # period, where the key tuples alone made it read every row.
                    q = q.where(
                        t.c.period.in_(sorted({k[1] for k in batch})),
                        sa.tuple_(*(t.c[c] for c in KEY)).in_(batch),
                    )
                    if orgs:
                        q = q.where(t.c.org_code.in_(_codes(orgs)))
                elif batch is not None:
                    q = q.where(t.c.org_code.in_(batch))
                found += bulk.driver_rows(conn, q)  # periods parsed below
        names = [c.name for c in group]
        if dimension == "total":
            out = pd.DataFrame(found, columns=[*names, "rows", *SUMS])
        else:
            out = pd.DataFrame(
                [
                    (*r[:-1], label or None, *values)
                    for r in found
                    for label, values in json.loads(r[-1]).items()
                ],
                columns=[*names, dimension, "rows", *SUMS],
            )
        out["period"] = pd.to_datetime(out["period"]).astype("datetime64[ns]")
        for c in SUMS:
            out[c] = pd.to_numeric(out[c]).astype("float64")
        out["rows"] = pd.to_numeric(out["rows"]).astype("int64")
        for c in out.columns:
            if c in ("org_code", "period_type", dimension):
                out[c] = out[c].astype(object)
        by = [c for c in out.columns if c not in ("rows", *SUMS)]
        if pooled:
            by = [c for c in by if c != "org_code"]
        # Pooled by an item, or in total over several batches: sum (again) over organisations.
        if pooled and len(out) and (not in_sql or len(batches) > 1):
            g = out.groupby(by, sort=False, dropna=False)
            out = pd.DataFrame(
                {
                    "rows": g["rows"].sum(),
                    "fte": g["fte"].sum(min_count=0),
                    "headcount": g["headcount"].sum(min_count=1),
                    "vacancy_fte": g["vacancy_fte"].sum(min_count=1),
                    "reported_fte": g["reported_fte"].sum(min_count=1),
                    "senior_fte": g["senior_fte"].sum(min_count=0),
                }
            ).reset_index()
        elif pooled:
            out = out[[*by, "rows", *SUMS]]
        return out.sort_values(by, kind="stable").reset_index(drop=True)

    def periods(
        self,
        tables: Sequence[str] = ("workforce", "leadership", "indicators"),
        orgs: Sequence[str] | None = None,
        region: str | Sequence[str] | None = None,
        trust_type: str | Sequence[str] | None = None,
        icb: str | Sequence[str] | None = None,
    ) -> pd.DataFrame:
        """The distinct ``period`` (datetime64) and ``period_type`` of the current rows of
        ``tables`` (with the organisation filters of :meth:`workforce`): what windows can be
        chosen, without reading a row of data."""
        sl = slices_table
        query = sa.select(sl.c.period, sl.c.period_type).where(
            sl.c.active, sl.c.table_name.in_(list(tables))
        )
        query = _filtered(query, sl.c.org_code, orgs, region, trust_type, icb)
        with self.store.reading() as conn:
            rows = conn.execute(query.distinct()).all()
        out = pd.DataFrame(rows, columns=["period", "period_type"])
        out["period"] = pd.to_datetime(out["period"]).astype("datetime64[ns]")
        out["period_type"] = out["period_type"].astype(object)
        return out.sort_values(["period", "period_type"]).reset_index(drop=True)

    def reporting_orgs(self) -> list[str]:
        """Codes of the organisations with any current workforce, leadership or indicator
        row, sorted."""
        sl = slices_table
        with self.store.reading() as conn:
            codes = conn.execute(sa.select(sl.c.org_code).where(sl.c.active).distinct())
            return sorted(codes.scalars())

    def changes(self, after: int) -> pd.DataFrame:
        """The change log after data version ``after``: ``table_name``, ``org_code``,
        ``period`` (ISO text, '' for organisations), ``period_type`` and ``version``."""
        t = data_changes_table
        columns = ["table_name", "org_code", "period", "period_type", "version"]
        with self.store.reading() as conn:
            rows = conn.execute(sa.select(*(t.c[c] for c in columns)).where(t.c.version > after))
            return pd.DataFrame(rows.all(), columns=columns)
