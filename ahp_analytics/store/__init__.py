"""The database: schema, one-transaction ingest, submission history, withdrawal and queries.

SQLAlchemy Core on SQLite (the default, a file under ``data/``) or PostgreSQL (when
``AHP_DATABASE_URL`` names a server); both behave the same.

History model. Each stored return is a *submission*. Its rows are grouped into *slices*: one
per table and key group it replaces: workforce and leadership per organisation + period,
indicators per organisation + period + indicator. At any time at most one slice per key group
is active, the one from the latest submission that is not withdrawn; only rows of active
slices are current. Ingesting deactivates the slices it replaces; withdrawing a submission
deactivates its slices and re-activates, for each key group it held, the slice of the most
recent earlier submission that is not withdrawn.

Submission status, derived from its slices after every change:

- ``current``: all its slices are active (or it held no data rows, e.g. organisations only);
- ``partly superseded``: some of its slices were replaced by later submissions;
- ``superseded``: all of them were; ``superseded_by`` is the latest submission that holds
  the key groups it lost;
- ``withdrawn``: withdrawn by a user (``withdrawn_at``, ``withdrawn_by``).

Organisations. An organisation on the shipped reference list (``data/organisations.csv``)
keeps the name, region, ICB and trust type the list gives it: a return cannot change them
(validation warns when it tries). What a return's Organisations sheet says is recorded with
the submission, and each organisation's row is derived from these records: the reference
value where the list has one, else the latest value given by a submission that is not
withdrawn (a blank cell gives nothing). Withdrawing a submission therefore undoes what it
said: earlier submissions' values come back, and an organisation that only withdrawn
submissions gave is removed, unless rows of a submission that is not withdrawn still name
it; it then stays as it was, so those rows keep their name, region and peer group.

A SQLite file deleted, moved or replaced while the store has it open is noticed before
every read and write and around every commit (:class:`DatabaseFileLost`): the store then
refuses, rather than write to or read from a file that no longer exists under its name.

Concurrency. Every write is one transaction that takes the write lock first: ``BEGIN
IMMEDIATE`` on SQLite (WAL journal, 30 s busy timeout), a transaction-level advisory lock on
PostgreSQL. Writers therefore queue instead of failing; readers are never blocked.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from ahp_analytics.domain import reference, schema
from ahp_analytics.domain.gcpause import gc_paused
from ahp_analytics.domain.periods import Period, parse_period
from ahp_analytics.domain.results import FileResult, sha256_of

CURRENT = "current"
PARTLY_SUPERSEDED = "partly superseded"
SUPERSEDED = "superseded"
WITHDRAWN = "withdrawn"
STATUSES = (CURRENT, PARTLY_SUPERSEDED, SUPERSEDED, WITHDRAWN)

DATA_TABLES = ("workforce", "leadership", "indicators")
READ_TABLES = ("organisations", *DATA_TABLES, "submissions")

# The history as read() and submissions() return it.
SUBMISSION_COLUMNS = (
    "id",
    "submitted_at",
    "file_name",
    "user_name",
    "status",
    "workforce_rows",
    "leadership_rows",
    "indicators_rows",
    "organisations_rows",
    "warnings",
    "superseded_by",
    "withdrawn_at",
    "withdrawn_by",
    "sha256",
    "size",
)


# Rows per executemany batch; progress is reported between batches.
BATCH_SIZE = 10_000

# Arbitrary constant naming this application's PostgreSQL advisory lock.
_PG_LOCK_KEY = 4_242_170_001

# ---------------------------------------------------------------------------------------------
# Schema

metadata = sa.MetaData()

# A BIGINT key on PostgreSQL; INTEGER on SQLite, where only INTEGER PRIMARY KEY autoincrements.
_RowId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

meta_table = sa.Table(
    "store_meta",
    metadata,
    sa.Column("key", sa.Text, primary_key=True),
    sa.Column("value", sa.BigInteger, nullable=False),
)

organisations_table = sa.Table(
    "organisations",
    metadata,
    sa.Column("org_code", sa.Text, primary_key=True),
    sa.Column("org_name", sa.Text),
    sa.Column("region", sa.Text),
    sa.Column("icb", sa.Text),
    sa.Column("trust_type", sa.Text),
    sa.Column("source", sa.Text, nullable=False),  # 'reference' or 'submission <id>'
    sa.Column("updated_at", sa.DateTime(timezone=True)),
)

submissions_table = sa.Table(
    "submissions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("file_name", sa.Text, nullable=False),
    sa.Column("sha256", sa.Text, nullable=False, index=True),
    sa.Column("size", sa.BigInteger, nullable=False),
    sa.Column("user_name", sa.Text, nullable=False),
    sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("status", sa.Text, nullable=False),
    sa.Column("rows_json", sa.Text, nullable=False),
    sa.Column("warnings_count", sa.Integer, nullable=False),
    sa.Column("warnings_json", sa.Text, nullable=False),
    sa.Column("superseded_by", sa.Integer),
    sa.Column("withdrawn_at", sa.DateTime(timezone=True)),
    sa.Column("withdrawn_by", sa.Text),
)

# What each submission's Organisations sheet said (None: a blank cell), from which the
# organisations table is derived (see the module docstring).
submission_organisations_table = sa.Table(
    "submission_organisations",
    metadata,
    sa.Column("submission_id", sa.ForeignKey("submissions.id"), primary_key=True),
    sa.Column("org_code", sa.Text, primary_key=True, index=True),
    *(sa.Column(f, sa.Text) for f in schema.ORGANISATION_FIELDS),
)

submission_files_table = sa.Table(
    "submission_files",
    metadata,
    sa.Column("sha256", sa.Text, primary_key=True),
    sa.Column("content", sa.LargeBinary, nullable=False),
)

slices_table = sa.Table(
    "slices",
    metadata,
    sa.Column("id", _RowId, primary_key=True, autoincrement=True),
    sa.Column("submission_id", sa.ForeignKey("submissions.id"), nullable=False, index=True),
    sa.Column("table_name", sa.Text, nullable=False),
    sa.Column("org_code", sa.Text, nullable=False),
    sa.Column("period", sa.Date, nullable=False),
    sa.Column("period_type", sa.Text, nullable=False),
    # '' for workforce and leadership, so the key compares equal with plain '='.
    sa.Column("indicator", sa.Text, nullable=False),
    sa.Column("rows", sa.Integer, nullable=False),
    sa.Column("active", sa.Boolean, nullable=False),
    sa.Index("ix_slices_key", "table_name", "org_code", "period", "period_type", "indicator"),
    sa.Index("ix_slices_active", "active", "table_name"),
)


# Who signed out when, so that every app server sharing the database refuses an older sign-in
# of theirs (a copied cookie replayed after sign-out, or another device's): the key is the
# sign-in provider and its permanent id for the user; the time is whole seconds since 1970.
sign_outs_table = sa.Table(
    "sign_outs",
    metadata,
    sa.Column("subject", sa.Text, primary_key=True),
    sa.Column("signed_out_at", sa.BigInteger, nullable=False),
)


def _data_table(name: str, columns: tuple[str, ...]) -> sa.Table:
    cols = []
    for c in columns:
        if c == "period":
            cols.append(sa.Column(c, sa.Date, nullable=False))
        elif c in schema.NUMERIC_COLUMNS:
            cols.append(sa.Column(c, sa.Double))
        else:
            cols.append(sa.Column(c, sa.Text, nullable=c not in {"org_code", "period_type"}))
    return sa.Table(
        name,
        metadata,
        sa.Column("id", _RowId, primary_key=True, autoincrement=True),
        sa.Column("submission_id", sa.ForeignKey("submissions.id"), nullable=False),
        sa.Column("slice_id", sa.ForeignKey("slices.id"), nullable=False, index=True),
        *cols,
        sa.Index(f"ix_{name}_org_period", "org_code", "period"),
        sa.Index(f"ix_{name}_submission", "submission_id"),
    )


workforce_table = _data_table("workforce", schema.EXPORT_COLUMNS["workforce"])
leadership_table = _data_table("leadership", schema.EXPORT_COLUMNS["leadership"])
indicator_values_table = _data_table("indicator_values", schema.EXPORT_COLUMNS["indicators"])
DATA_SA_TABLES = {
    "workforce": workforce_table,
    "leadership": leadership_table,
    "indicators": indicator_values_table,
}

indicator_catalogue_table = sa.Table(
    "indicator_catalogue",
    metadata,
    sa.Column("code", sa.Text, primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("domain", sa.Text),
    sa.Column("unit", sa.Text),
    sa.Column("higher_is_better", sa.Boolean),
    sa.Column("description", sa.Text),
    sa.Column("custom", sa.Boolean, nullable=False),
    sa.Column("submission_id", sa.Integer),  # the submission a custom indicator came from
)

# The key group (beyond org, period and period type) a slice covers, per table.
_SLICE_EXTRA_KEY = {"workforce": None, "leadership": None, "indicators": "indicator"}

# Deterministic sort of read() results (leadership posts keep their order in the return).
_SORT_KEYS = {
    "organisations": ["org_code"],
    "workforce": ["org_code", "period", "period_type", "profession", "band"],
    "leadership": ["org_code", "period", "period_type"],
    "indicators": ["org_code", "period", "period_type", "indicator"],
}


# ---------------------------------------------------------------------------------------------
# Results


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


@dataclass
class DeleteOutcome:
    """What deleting submissions did: how many submissions and data rows went."""

    submissions: int
    rows: int
    message: str = ""


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


# ---------------------------------------------------------------------------------------------
# Opening


def default_url() -> str:
    """``AHP_DATABASE_URL`` if set, else the SQLite file ``data/ahp.db`` of the repository."""
    return os.environ.get("AHP_DATABASE_URL") or f"sqlite:///{reference.DATA_DIR / 'ahp.db'}"


def open_store(url: str | None = None) -> Store:
    """Open (and create if needed) the store at ``url`` (default: :func:`default_url`)."""
    return Store(url or default_url())


def _engine(url: str) -> Engine:
    parsed = sa.make_url(url)
    if parsed.drivername in {"postgresql", "postgres"}:
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() != "sqlite":
        return sa.create_engine(parsed, pool_pre_ping=True)

    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(parsed, connect_args={"timeout": 30})

    # SQLAlchemy's documented recipe: take transaction control from sqlite3, then begin
    # write transactions with BEGIN IMMEDIATE so concurrent writers wait for the lock
    # (busy_timeout) rather than fail with "database is locked" when upgrading a read lock.
    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA busy_timeout = 30000")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        read_only = conn.get_execution_options().get("ahp_read_only", False)
        conn.exec_driver_sql("BEGIN DEFERRED" if read_only else "BEGIN IMMEDIATE")

    return engine


def _now() -> datetime:
    return datetime.now(UTC)


def _utc(value: datetime | None) -> datetime | None:
    """A database timestamp as an aware UTC datetime (SQLite returns naive UTC)."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _as_date(value: object) -> date:
    """A period bound: a date, datetime, ISO string, any period text, or a Period."""
    if isinstance(value, Period):
        return value.start
    if isinstance(value, pd.Timestamp | datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        period = parse_period(text)
        if period is None:
            raise ValueError(f"Cannot read {value!r} as a period or date.") from None
        return period.start


def _values(series: pd.Series, column: str) -> list:
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


def _text_or_none(value: object) -> str | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    text = str(value).strip()
    return text or None


def _chunks(items: Sequence, size: int) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# ---------------------------------------------------------------------------------------------
# The store


class DatabaseFileLost(RuntimeError):
    """The store's SQLite file was deleted, moved or replaced while the store had it open:
    nothing more is read or written. ``str(exc)`` is a sentence for the user."""


def _sqlite_file(url: str) -> Path | None:
    """The database file of a SQLite URL, as an absolute path; None for other databases and
    for an in-memory one."""
    parsed = sa.make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database).absolute()


def _file_identity(path: Path) -> tuple[int, int] | None:
    """(device, inode) of the file at ``path``; None when there is none."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return st.st_dev, st.st_ino


class Store:
    """The application's database. Create with :func:`open_store`."""

    def __init__(self, url: str):
        self.url = url
        self.engine = _engine(url)
        self._read_engine = self.engine.execution_options(ahp_read_only=True)
        self.batch_size = BATCH_SIZE
        self._file = _sqlite_file(url)
        self._file_id: tuple[int, int] | None = None  # set once open; then checked
        if not self._is_set_up():
            self._set_up()
        if self._file is not None:
            self._file_id = _file_identity(self._file)

    def _is_set_up(self) -> bool:
        """True when the schema and its first rows exist (checked without the write lock, so
        opening never waits for a running ingest)."""
        with self._read() as conn:
            if not set(metadata.tables) <= set(sa.inspect(conn).get_table_names()):
                return False
            return conn.execute(sa.select(meta_table.c.value)).first() is not None

    def _set_up(self) -> None:
        """Create the schema and load the reference lists, under the write lock so several
        processes opening a new database at once do it once."""
        with self._write() as conn:
            had = set(sa.inspect(conn).get_table_names())
            metadata.create_all(conn)
            kept.fill_new(conn, had)
            if conn.execute(sa.select(meta_table.c.value)).first() is None:
                conn.execute(meta_table.insert().values(key="data_version", value=0))
            if submission_organisations_table.name not in had and submissions_table.name in had:
                self._record_earlier_organisations(conn)
                self._load_reference_organisations(conn)
            if conn.execute(sa.select(organisations_table.c.org_code).limit(1)).first() is None:
                self._load_reference_organisations(conn)
            catalogue_rows = sa.select(sa.func.count()).select_from(indicator_catalogue_table)
            if not conn.execute(catalogue_rows).scalar():
                self._load_catalogue(conn)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def kept(self) -> kept.Kept:
        """The measures kept beside the raw rows and what the data covers
        (:mod:`ahp_analytics.store.kept`)."""
        return kept.Kept(self)

    def _check_file(self) -> None:
        """Raise :class:`DatabaseFileLost` when the SQLite file this store opened is no longer
        the file at its path. An open SQLite connection goes on using a deleted file, whose
        data vanish when the last connection closes: without this check, ingests would report
        success and pages would show data that are already lost."""
        if self._file_id is None:
            return
        now = _file_identity(self._file)
        if now == self._file_id:
            return
        what = "no longer exists: it was deleted or moved" if now is None else "was replaced"
        raise DatabaseFileLost(
            f"The database file ({self._file.name}) {what} while the application was running, "
            "so nothing can be stored or shown. An administrator must restore the database "
            "file and restart the application."
        )

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """One write transaction, holding the store's write lock from its first statement.
        The SQLite file is checked before connecting (a connection would create an empty file
        in place of a deleted one), under the lock, and again just before the commit, so a
        file lost during the transaction rolls it back."""
        self._check_file()
        with self.engine.begin() as conn:
            self._check_file()
            if self.dialect == "postgresql":
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_KEY})
            yield conn
            self._check_file()

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        """One read, with the SQLite file checked before and after it (what was read from a
        file lost meanwhile is not returned)."""
        self._check_file()
        with self._read_engine.connect() as conn:
            yield conn
        self._check_file()

    # -- reference data ---------------------------------------------------------------------

    def load_reference_organisations(self) -> int:
        """Bring the organisations in line with the shipped reference list: add its new codes
        and give every organisation on it its reference values (values returns gave where the
        list is blank are kept). Returns the number of rows added, changed or removed."""
        with self._write() as conn:
            return self._load_reference_organisations(conn)

    def _load_reference_organisations(self, conn: Connection) -> int:
        o = organisations_table
        was_reference = conn.execute(sa.select(o.c.org_code).where(o.c.source == "reference"))
        changed = self._settle_organisations(
            conn, set(reference.reference_attributes()) | set(was_reference.scalars())
        )
        if changed:
            self._bump_version(conn)
        return changed

    def _record_earlier_organisations(self, conn: Connection) -> None:
        """Record, for a database made before submissions' organisations were recorded, each
        organisation a submission last changed as given by that submission as it is now (the
        earlier history is not known), so withdrawing that submission can undo it."""
        o, s = organisations_table, submissions_table
        ids = set(conn.execute(sa.select(s.c.id)).scalars())
        rows = []
        for r in conn.execute(sa.select(o).where(o.c.source.like("submission %"))):
            sid = r.source.removeprefix("submission ")
            if sid.isdigit() and int(sid) in ids:
                rows.append(
                    {
                        "submission_id": int(sid),
                        "org_code": r.org_code,
                        **{f: r._mapping[f] for f in schema.ORGANISATION_FIELDS},
                    }
                )
        if rows:
            conn.execute(submission_organisations_table.insert(), rows)

    def _settle_organisations(self, conn: Connection, codes: Iterable[str]) -> int:
        """Set the organisations rows of ``codes`` from the reference list and what submissions
        that are not withdrawn said (see the module docstring). Returns the rows added,
        changed or removed."""
        o, so = organisations_table, submission_organisations_table
        s, sl = submissions_table, slices_table
        fields = schema.ORGANISATION_FIELDS
        codes = sorted(set(codes))
        refs = reference.reference_attributes()
        given: dict[str, list] = {}
        current: dict[str, sa.Row] = {}
        for chunk in _chunks(codes, 500):
            for r in conn.execute(
                sa.select(so)
                .select_from(so.join(s, s.c.id == so.c.submission_id))
                .where(so.c.org_code.in_(chunk), s.c.status != WITHDRAWN)
                .order_by(so.c.submission_id)
            ):
                given.setdefault(r.org_code, []).append(r)
            current.update(
                (r.org_code, r) for r in conn.execute(sa.select(o).where(o.c.org_code.in_(chunk)))
            )
        unowned = [c for c in codes if c in current and c not in refs and c not in given]
        named = set()  # of these, the codes rows of a submission that is not withdrawn name
        for chunk in _chunks(unowned, 500):
            named |= set(
                conn.execute(
                    sa.select(sl.c.org_code)
                    .distinct()
                    .select_from(sl.join(s, s.c.id == sl.c.submission_id))
                    .where(sl.c.org_code.in_(chunk), s.c.status != WITHDRAWN)
                ).scalars()
            )
        now = _now()
        inserts, updates = [], []
        removed = [c for c in unowned if c not in named]
        for code in codes:
            ref, said = refs.get(code), given.get(code, [])
            if ref is None and not said:
                continue
            want = {
                f: (ref or {}).get(f)
                or next((r._mapping[f] for r in reversed(said) if r._mapping[f]), None)
                for f in fields
            }
            source = "reference" if ref is not None else f"submission {said[-1].submission_id}"
            old = current.get(code)
            if old is None:
                inserts.append({"org_code": code, **want, "source": source, "updated_at": now})
            elif old.source != source or any(old._mapping[f] != want[f] for f in fields):
                updates.append(
                    {"b_code": code, **{f"b_{f}": v for f, v in want.items()}, "b_source": source}
                )
        if inserts:
            conn.execute(o.insert(), inserts)
        if updates:
            conn.execute(
                o.update()
                .where(o.c.org_code == sa.bindparam("b_code"))
                .values(
                    **{f: sa.bindparam(f"b_{f}", type_=sa.Text) for f in fields},
                    source=sa.bindparam("b_source"),
                    updated_at=now,
                ),
                updates,
            )
        for chunk in _chunks(removed, 500):
            conn.execute(o.delete().where(o.c.org_code.in_(chunk)))
        return len(inserts) + len(updates) + len(removed)

    def _load_catalogue(self, conn: Connection) -> None:
        cat = reference.indicator_catalogue()
        rows = [
            {
                "code": r["code"],
                "name": r["name"],
                "domain": _text_or_none(r["domain"]),
                "unit": _text_or_none(r["unit"]),
                "higher_is_better": None
                if r["higher_is_better"] is None or pd.isna(r["higher_is_better"])
                else bool(r["higher_is_better"]),
                "description": _text_or_none(r["description"]),
                "custom": False,
                "submission_id": None,
            }
            for r in cat.to_dict("records")
        ]
        if rows:
            conn.execute(indicator_catalogue_table.insert(), rows)

    def indicator_catalogue(self) -> pd.DataFrame:
        """The catalogue as stored: shipped indicators plus custom ones met in returns."""
        t = indicator_catalogue_table
        with self._read() as conn:
            rows = conn.execute(sa.select(t).order_by(t.c.code)).all()
        return pd.DataFrame(rows, columns=[c.name for c in t.columns])

    # -- versions ----------------------------------------------------------------------------

    def _bump_version(self, conn: Connection) -> None:
        t = meta_table
        conn.execute(t.update().where(t.c.key == "data_version").values(value=t.c.value + 1))

    def data_version(self) -> int:
        """A number that changes whenever anything is stored or withdrawn (for cache keys)."""
        with self._read() as conn:
            return int(
                conn.execute(
                    sa.select(meta_table.c.value).where(meta_table.c.key == "data_version")
                ).scalar_one()
            )

    def is_empty(self) -> bool:
        """True when no return has ever been stored."""
        with self._read() as conn:
            return conn.execute(sa.select(submissions_table.c.id).limit(1)).first() is None

    # -- sign-outs ---------------------------------------------------------------------------

    def record_sign_out(self, subject: str, at: int) -> None:
        """Record that ``subject`` signed out at ``at`` (whole seconds since 1970, UTC). A
        later record never moves the time back. Not data: the data version is unchanged."""
        t = sign_outs_table
        with self._write() as conn:
            known = conn.execute(sa.select(t.c.signed_out_at).where(t.c.subject == subject))
            row = known.first()
            if row is None:
                conn.execute(t.insert().values(subject=subject, signed_out_at=at))
            elif row.signed_out_at < at:
                conn.execute(t.update().where(t.c.subject == subject).values(signed_out_at=at))

    def signed_out_at(self, subject: str) -> int | None:
        """When ``subject`` last signed out (whole seconds since 1970, UTC), or None."""
        t = sign_outs_table
        with self._read() as conn:
            value = conn.execute(
                sa.select(t.c.signed_out_at).where(t.c.subject == subject)
            ).scalar_one_or_none()
        return None if value is None else int(value)

    # -- ingest ------------------------------------------------------------------------------

    def ingest(
        self,
        result: FileResult,
        content: bytes,
        user: str,
        progress: Callable[[int, int], None] | None = None,
    ) -> IngestOutcome:
        """Store a checked file in one transaction: all of it or nothing.

        A result with errors is refused. The same file (SHA-256) as a current submission
        changes nothing. Otherwise each table's rows replace what was stored for the same key
        groups (see the module docstring). ``progress(done_rows, total_rows)`` is called
        between batches. A database failure, or a database file lost before the commit,
        rolls everything back and is reported as ``rejected`` with the reason.
        """
        if not result.ok:
            n = len(result.errors)
            return IngestOutcome(
                "rejected",
                None,
                message=f"'{result.file_name}' was not stored: it has {n} error"
                f"{'s' if n != 1 else ''}. Fix them and upload it again.",
            )
        try:
            with self._write() as conn:
                return self._ingest(conn, result, content, user, progress)
        except DatabaseFileLost as exc:
            return IngestOutcome(
                "rejected", None, message=f"'{result.file_name}' was not stored. {exc}"
            )
        except sa.exc.SQLAlchemyError as exc:
            reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
            return IngestOutcome(
                "rejected",
                None,
                message=f"'{result.file_name}' was not stored: the database reported an error "
                f"({reason}). Nothing of it was stored; try again, and tell the administrator "
                "if it happens again.",
            )

    def _ingest(
        self,
        conn: Connection,
        result: FileResult,
        content: bytes,
        user: str,
        progress: Callable[[int, int], None] | None,
    ) -> IngestOutcome:
        sha = sha256_of(content)
        s = submissions_table
        same = conn.execute(
            sa.select(s.c.id)
            .where(s.c.sha256 == sha, s.c.status == CURRENT)
            .order_by(s.c.id.desc())
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
                submitted_at=_now(),
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
            codes = self._record_organisations(conn, tables["organisations"], submission_id)
            self._settle_organisations(conn, codes)
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
            slice_ids, replaced, earlier = self._replace_slices(conn, name, df, submission_id)
            superseded |= replaced
            affected |= earlier
            done = self._insert_rows(
                conn, name, df, submission_id, slice_ids, done, total, progress
            )
            if name == "indicators":
                self._add_custom_indicators(conn, df, submission_id)

        self._refresh_status(conn, affected)
        self._bump_version(conn)
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

    def _record_organisations(
        self, conn: Connection, df: pd.DataFrame, submission_id: int
    ) -> list[str]:
        """Record what the submission's Organisations sheet says (a code given twice: its last
        row). Returns the codes."""
        rows: dict[str, dict] = {}
        for rec in df.to_dict("records"):
            code = _text_or_none(rec.get("org_code"))
            if code:
                rows[code.upper()] = {
                    f: _text_or_none(rec.get(f)) for f in schema.ORGANISATION_FIELDS
                }
        if rows:
            conn.execute(
                submission_organisations_table.insert(),
                [{"submission_id": submission_id, "org_code": c, **v} for c, v in rows.items()],
            )
        return list(rows)

    def _replace_slices(
        self, conn: Connection, table: str, df: pd.DataFrame, submission_id: int
    ) -> tuple[pd.DataFrame, set[int], set[int]]:
        """Deactivate the active slices this submission replaces and add its own.

        Returns the new slices (key columns + ``slice_id``), the submissions whose slices were
        deactivated, and all submissions that ever held these key groups."""
        extra = _SLICE_EXTRA_KEY[table]
        keys = ["org_code", "period", "period_type"] + ([extra] if extra else [])
        groups = df.groupby(keys, sort=True, dropna=False).size().reset_index(name="rows")
        group_keys = list(
            zip(
                _values(groups["org_code"], "org_code"),
                _values(groups["period"], "period"),
                _values(groups["period_type"], "period_type"),
                _values(groups[extra], extra) if extra else [""] * len(groups),
                strict=True,
            )
        )
        new_keys = set(group_keys)

        sl = slices_table
        earlier = []
        for chunk in _chunks(sorted({k[0] for k in new_keys}), 500):
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
        for chunk in _chunks([r.id for r in replaced], 500):
            conn.execute(sl.update().where(sl.c.id.in_(chunk)).values(active=False))

        conn.execute(
            sl.insert(),
            [
                {
                    "submission_id": submission_id,
                    "table_name": table,
                    "org_code": o,
                    "period": p,
                    "period_type": t,
                    "indicator": "" if i is None else str(i),
                    "rows": int(n),
                    "active": True,
                }
                for (o, p, t, i), n in zip(group_keys, groups["rows"], strict=True)
            ],
        )
        ids = conn.execute(
            sa.select(sl.c.id, sl.c.org_code, sl.c.period, sl.c.period_type, sl.c.indicator).where(
                sl.c.submission_id == submission_id, sl.c.table_name == table
            )
        ).all()
        slice_ids = pd.DataFrame(
            ids, columns=["slice_id", "org_code", "period", "period_type", "indicator"]
        )
        slice_ids["period"] = pd.to_datetime(slice_ids["period"]).astype("datetime64[ns]")
        if not extra:
            slice_ids = slice_ids.drop(columns="indicator")
        return slice_ids, {r.submission_id for r in replaced}, {r.submission_id for r in earlier}

    def _insert_rows(
        self,
        conn: Connection,
        table: str,
        df: pd.DataFrame,
        submission_id: int,
        slice_ids: pd.DataFrame,
        done: int,
        total: int,
        progress: Callable[[int, int], None] | None,
    ) -> int:
        columns = list(schema.EXPORT_COLUMNS[table])
        frame = df[columns].copy()
        frame["period"] = pd.to_datetime(frame["period"]).astype("datetime64[ns]")
        keys = [c for c in slice_ids.columns if c != "slice_id"]
        frame = frame.merge(slice_ids, on=keys, how="left", sort=False, validate="many_to_one")
        values = [_values(frame[c], c) for c in columns]
        if self.dialect == "sqlite":
            # Dates as SQLAlchemy stores them on SQLite (ISO text), as the driver is used directly.
            values[columns.index("period")] = [
                d.isoformat() for d in values[columns.index("period")]
            ]
        names = ["submission_id", "slice_id", *columns]
        slice_col = frame["slice_id"].astype("int64").tolist()
        records = [(submission_id, *rest) for rest in zip(slice_col, *values, strict=True)]
        target = DATA_SA_TABLES[table]
        for batch in _chunks(records, self.batch_size):
            self._insert_batch(conn, target, names, batch)
            done += len(batch)
            if progress:
                progress(done, total)
        return done

    def _insert_batch(
        self, conn: Connection, table: sa.Table, names: list[str], batch: Sequence[tuple]
    ) -> None:
        """Insert rows (tuples in ``names`` order) in the open transaction, bypassing
        SQLAlchemy's per-row parameter processing: COPY on PostgreSQL, executemany on SQLite.
        Names come from the schema above, never from input."""
        cols = ", ".join(names)
        if self.dialect == "postgresql":
            with (
                conn.connection.dbapi_connection.cursor() as cursor,
                cursor.copy(f"COPY {table.name} ({cols}) FROM STDIN") as copy,
            ):
                for row in batch:
                    copy.write_row(row)
        else:
            marks = ", ".join("?" for _ in names)
            conn.exec_driver_sql(f"INSERT INTO {table.name} ({cols}) VALUES ({marks})", list(batch))

    def _add_custom_indicators(
        self, conn: Connection, df: pd.DataFrame, submission_id: int
    ) -> None:
        t = indicator_catalogue_table
        known = set(conn.execute(sa.select(t.c.code)).scalars())
        custom = sorted({str(c) for c in df["indicator"].dropna()} - known)
        if custom:
            conn.execute(
                t.insert(),
                [
                    {
                        "code": code,
                        "name": code,
                        "domain": None,
                        "unit": None,
                        "higher_is_better": None,
                        "description": None,
                        "custom": True,
                        "submission_id": submission_id,
                    }
                    for code in custom
                ],
            )

    def _refresh_status(self, conn: Connection, submission_ids: set[int]) -> None:
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

    # -- withdrawal --------------------------------------------------------------------------

    def withdraw(self, submission_id: int, user: str) -> WithdrawOutcome:
        """Withdraw a submission: its rows stop being current and, for each key group it held,
        the rows of the most recent earlier submission that is not withdrawn become current
        again. An unknown or already withdrawn id, or a lost database file, gives
        ``status == 'error'``."""
        try:
            with self._write() as conn:
                return self._withdraw(conn, submission_id, user)
        except DatabaseFileLost as exc:
            return WithdrawOutcome(
                "error",
                submission_id,
                message=f"Submission {submission_id} was not withdrawn. {exc}",
            )

    def _withdraw(self, conn: Connection, submission_id: int, user: str) -> WithdrawOutcome:
        """:meth:`withdraw` inside its transaction."""
        s, sl = submissions_table, slices_table
        row = conn.execute(sa.select(s).where(s.c.id == submission_id)).first()
        if row is None:
            return WithdrawOutcome(
                "error", submission_id, message=f"There is no submission {submission_id}."
            )
        if row.status == WITHDRAWN:
            when = _utc(row.withdrawn_at)
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
            .values(status=WITHDRAWN, withdrawn_at=_now(), withdrawn_by=user)
        )
        restored, affected = self._restore(conn, held, submission_id)
        self._refresh_status(conn, affected)
        so = submission_organisations_table
        said = sa.select(so.c.org_code).where(so.c.submission_id == submission_id)
        named = sa.select(sl.c.org_code).where(sl.c.submission_id == submission_id)
        self._settle_organisations(
            conn, set(conn.execute(said).scalars()) | set(conn.execute(named).scalars())
        )
        self._bump_version(conn)
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

    def _restore(
        self, conn: Connection, held: Sequence, withdrawn_id: int
    ) -> tuple[list[int], set[int]]:
        """Activate, for each key group in ``held``, the latest slice of a submission that is
        not withdrawn. Returns the submissions whose slices were activated, and all (not
        withdrawn) submissions holding these key groups."""
        sl, s = slices_table, submissions_table
        wanted = {(r.table_name, r.org_code, r.period, r.period_type, r.indicator) for r in held}
        best: dict[tuple, tuple[int, int]] = {}
        holders: set[int] = set()
        for chunk in _chunks(sorted({k[1] for k in wanted}), 500):
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
        for chunk in _chunks([slice_id for _, slice_id in best.values()], 500):
            conn.execute(sl.update().where(sl.c.id.in_(chunk)).values(active=True))
        return sorted({sid for sid, _ in best.values()}), holders

    # -- deletion ----------------------------------------------------------------------------

    def delete_submissions(self, submission_ids: Iterable[int]) -> DeleteOutcome:
        """Delete submissions outright, with their rows, their files (unless another
        submission has the same file) and what they said about organisations, in one
        transaction: for data that must leave the database and its history, such as the
        demonstration data set. For each key group they held, the rows of the latest other
        submission that is not withdrawn become current again, as after a withdrawal, and the
        organisations they named are settled again. Unknown ids are ignored."""
        try:
            with self._write() as conn:
                return self._delete_submissions(conn, {int(i) for i in submission_ids})
        except DatabaseFileLost as exc:
            return DeleteOutcome(0, 0, message=f"Nothing was deleted. {exc}")

    def _delete_submissions(self, conn: Connection, ids: set[int]) -> DeleteOutcome:
        s, sl, so = submissions_table, slices_table, submission_organisations_table
        f, cat = submission_files_table, indicator_catalogue_table
        found = set()
        for chunk in _chunks(sorted(ids), 500):
            found |= set(conn.execute(sa.select(s.c.id).where(s.c.id.in_(chunk))).scalars())
        if not found:
            return DeleteOutcome(0, 0, message="No such submission: nothing was deleted.")
        held, codes, rows = [], set(), 0
        for chunk in _chunks(sorted(found), 500):
            held += conn.execute(
                sa.select(
                    sl.c.table_name, sl.c.org_code, sl.c.period, sl.c.period_type, sl.c.indicator
                ).where(sl.c.submission_id.in_(chunk), sl.c.active)
            ).all()
            codes |= set(
                conn.execute(sa.select(sl.c.org_code).where(sl.c.submission_id.in_(chunk)))
                .scalars()
                .all()
            )
            codes |= set(
                conn.execute(sa.select(so.c.org_code).where(so.c.submission_id.in_(chunk)))
                .scalars()
                .all()
            )
            for table in DATA_SA_TABLES.values():
                rows += conn.execute(
                    table.delete().where(table.c.submission_id.in_(chunk))
                ).rowcount
            conn.execute(sl.delete().where(sl.c.submission_id.in_(chunk)))
            conn.execute(so.delete().where(so.c.submission_id.in_(chunk)))
            conn.execute(s.delete().where(s.c.id.in_(chunk)))
        in_use = sa.select(s.c.sha256)
        conn.execute(f.delete().where(f.c.sha256.not_in(in_use)))
        used = sa.select(indicator_values_table.c.indicator).distinct()
        conn.execute(cat.delete().where(cat.c.custom, cat.c.code.not_in(used)))
        _, affected = self._restore(conn, held, withdrawn_id=0)
        self._refresh_status(conn, affected)
        self._settle_organisations(conn, codes)
        self._bump_version(conn)
        n = len(found)
        return DeleteOutcome(
            n,
            rows,
            message=f"Deleted {n} submission{'s' if n != 1 else ''} and {rows:,} data rows.",
        )

    # -- history -----------------------------------------------------------------------------

    def submissions(self) -> pd.DataFrame:
        """The history, newest first: :data:`SUBMISSION_COLUMNS`; times are UTC."""
        s = submissions_table
        with self._read() as conn:
            rows = conn.execute(sa.select(s).order_by(s.c.id.desc())).all()
        out = pd.DataFrame(
            {
                "id": pd.array([r.id for r in rows], dtype="int64"),
                "submitted_at": pd.to_datetime([_utc(r.submitted_at) for r in rows], utc=True),
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
                "withdrawn_at": pd.to_datetime([_utc(r.withdrawn_at) for r in rows], utc=True),
                "withdrawn_by": [r.withdrawn_by for r in rows],
                "sha256": [r.sha256 for r in rows],
                "size": pd.array([r.size for r in rows], dtype="int64"),
            },
            columns=list(SUBMISSION_COLUMNS),
        )
        return out

    def submission(self, submission_id: int) -> Submission | None:
        """One submission with its rows per table and warnings; None if there is no such id."""
        s = submissions_table
        with self._read() as conn:
            r = conn.execute(sa.select(s).where(s.c.id == submission_id)).first()
        if r is None:
            return None
        return Submission(
            id=r.id,
            file_name=r.file_name,
            sha256=r.sha256,
            size=r.size,
            user_name=r.user_name,
            submitted_at=_utc(r.submitted_at),
            status=r.status,
            rows=json.loads(r.rows_json),
            warnings=json.loads(r.warnings_json),
            superseded_by=r.superseded_by,
            withdrawn_at=_utc(r.withdrawn_at),
            withdrawn_by=r.withdrawn_by,
        )

    def active_slices(self, org_codes: Iterable[str]) -> pd.DataFrame:
        """The current key groups held for these organisations: submission_id, table_name,
        org_code, period (datetime64), period_type, indicator and rows."""
        sl = slices_table
        columns = ("submission_id", "table_name", "org_code", "period", "period_type")
        columns += ("indicator", "rows")
        rows: list = []
        with self._read() as conn:
            for chunk in _chunks(sorted({str(c) for c in org_codes}), 500):
                query = sa.select(*(sl.c[c] for c in columns)).where(
                    sl.c.active, sl.c.org_code.in_(chunk)
                )
                rows += conn.execute(query).all()
        df = pd.DataFrame(rows, columns=list(columns))
        df["period"] = pd.to_datetime(df["period"]).astype("datetime64[ns]")
        return df

    def slice_history(self, table: str) -> pd.DataFrame:
        """Every key group of a data table that any submission held, current or not:
        submission_id, org_code, period (datetime64[ns]), period_type, indicator ('' outside
        indicators) and active (False once superseded or withdrawn)."""
        if table not in DATA_TABLES:
            raise ValueError(f"Unknown table {table!r}: choose one of {', '.join(DATA_TABLES)}.")
        sl = slices_table
        columns = ["submission_id", "org_code", "period", "period_type", "indicator", "active"]
        query = sa.select(*(sl.c[c] for c in columns)).where(sl.c.table_name == table)
        with self._read() as conn:
            rows = conn.execute(query.order_by(sl.c.id)).all()
        df = pd.DataFrame(rows, columns=columns)
        df["submission_id"] = df["submission_id"].astype("int64")
        df["period"] = pd.to_datetime(df["period"]).astype("datetime64[ns]")
        df["active"] = df["active"].astype(bool)
        return df

    def original_file(self, submission_id: int) -> tuple[str, bytes] | None:
        """The file as uploaded (name, bytes), kept for audit; None for an unknown id."""
        s, f = submissions_table, submission_files_table
        with self._read() as conn:
            r = conn.execute(
                sa.select(s.c.file_name, f.c.content)
                .select_from(s.join(f, f.c.sha256 == s.c.sha256))
                .where(s.c.id == submission_id)
            ).first()
        return None if r is None else (r.file_name, bytes(r.content))

    # -- queries -----------------------------------------------------------------------------

    def read(
        self,
        table: str,
        orgs: Sequence[str] | None = None,
        region: str | Sequence[str] | None = None,
        trust_type: str | Sequence[str] | None = None,
        period_from: object = None,
        period_to: object = None,
        slice_ids: Sequence[int] | None = None,
    ) -> pd.DataFrame:
        """Current rows of ``table`` (organisations, workforce, leadership, indicators,
        submissions) with columns ``schema.EXPORT_COLUMNS[table]`` (history:
        :data:`SUBMISSION_COLUMNS`), sorted by key.

        Filters (None or empty: no filter): ``orgs`` organisation codes; ``region`` and
        ``trust_type`` one value or several, matched via the organisations table (rows of
        unknown organisations then drop out); ``period_from``/``period_to`` bound the period's
        first day, inclusive (a date, ISO string, period text or :class:`Period`). Period
        filters do not apply to organisations; the history is never filtered. ``slice_ids``
        (data tables; None: no filter, empty: no rows) keeps only the rows of these key groups
        (see :meth:`key_groups`). ``period`` is datetime64[ns], numbers float64 with NaN for
        missing.
        """
        if table not in READ_TABLES:
            raise ValueError(f"Unknown table {table!r}: choose one of {', '.join(READ_TABLES)}.")
        if table == "submissions":
            return self.submissions()
        columns = list(schema.EXPORT_COLUMNS[table])
        o = organisations_table
        if table == "organisations":
            t = o
            query = sa.select(*(t.c[c] for c in columns))
        else:
            t = DATA_SA_TABLES[table]
            sl = slices_table
            query = (
                sa.select(*(t.c[c] for c in columns))
                .select_from(t.join(sl, sl.c.id == t.c.slice_id))
                .where(sl.c.active)
            )
            if region or trust_type:
                query = query.join(o, o.c.org_code == t.c.org_code)
            if period_from is not None:
                query = query.where(t.c.period >= _as_date(period_from))
            if period_to is not None:
                query = query.where(t.c.period <= _as_date(period_to))
            if slice_ids is not None:
                query = query.where(t.c.slice_id.in_([int(i) for i in slice_ids]))
        if orgs:
            query = query.where(t.c.org_code.in_(sorted({str(c).strip().upper() for c in orgs})))
        for column, wanted in (("region", region), ("trust_type", trust_type)):
            if wanted:
                values = [wanted] if isinstance(wanted, str) else list(wanted)
                query = query.where(o.c[column].in_(values))
        query = query.order_by(t.c.id if table != "organisations" else t.c.org_code)
        with self._read() as conn, gc_paused():
            result = conn.execute(query)
            # The driver's plain tuples (periods as it returns them; _frame parses them):
            # SQLAlchemy's row objects and per-row date conversion cost more than the query
            # itself for a national table (about 1 s of CPU per 700,000 rows).
            rows = result.cursor.fetchall()
            result.close()
            return _frame(rows, columns, _SORT_KEYS[table])

    def key_groups(
        self,
        table: str,
        orgs: Sequence[str] | None = None,
        region: str | Sequence[str] | None = None,
        trust_type: str | Sequence[str] | None = None,
    ) -> pd.DataFrame:
        """The current key groups of a data table (workforce, leadership, indicators), one row
        each, with the organisation filters of :meth:`read`: ``slice_id``, ``org_code``,
        ``period`` (datetime64[ns]), ``period_type``, and ``indicator`` for indicators. A
        workforce group is one organisation's month: far fewer rows than the table, so a
        caller can pick the groups it needs and read only their rows (``slice_ids``)."""
        if table not in DATA_TABLES:
            raise ValueError(f"Unknown table {table!r}: choose one of {', '.join(DATA_TABLES)}.")
        sl, o = slices_table, organisations_table
        columns = ["slice_id", "org_code", "period", "period_type", "indicator"]
        query = sa.select(
            sl.c.id, sl.c.org_code, sl.c.period, sl.c.period_type, sl.c.indicator
        ).where(sl.c.active, sl.c.table_name == table)
        if region or trust_type:
            query = query.join(o, o.c.org_code == sl.c.org_code)
        if orgs:
            query = query.where(sl.c.org_code.in_(sorted({str(c).strip().upper() for c in orgs})))
        for column, wanted in (("region", region), ("trust_type", trust_type)):
            if wanted:
                values = [wanted] if isinstance(wanted, str) else list(wanted)
                query = query.where(o.c[column].in_(values))
        with self._read() as conn:
            rows = conn.execute(query.order_by(sl.c.id)).all()
        out = pd.DataFrame(rows, columns=columns)
        out["slice_id"] = out["slice_id"].astype("int64")
        out["period"] = pd.to_datetime(out["period"]).astype("datetime64[ns]")
        out["period_type"] = out["period_type"].astype(object)
        return out if table == "indicators" else out.drop(columns="indicator")


def _frame(rows: Sequence, columns: list[str], sort_keys: list[str]) -> pd.DataFrame:
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
        else:
            data[c] = pd.Series(values, dtype=object)
    df = pd.DataFrame(data, columns=columns)
    return df.sort_values(sort_keys, kind="stable").reset_index(drop=True)


# Last: kept's tables join this module's metadata, and its functions use the tables above.
from ahp_analytics.store import kept  # noqa: E402
