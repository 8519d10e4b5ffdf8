"""The engine, the write lock and the check that a SQLite file is still the one opened.

Every write is one transaction that takes the write lock first: ``BEGIN IMMEDIATE`` on SQLite
(WAL journal, 30 s busy timeout), a transaction-level advisory lock on PostgreSQL. Writers
therefore queue instead of failing; readers are never blocked.

A SQLite file deleted, moved or replaced while the store has it open is noticed before every
read and write and around every commit (:class:`DatabaseFileLost`): the store then refuses,
rather than write to or read from a file that no longer exists under its name.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

# Arbitrary constant naming this application's PostgreSQL advisory lock.
PG_LOCK_KEY = 4_242_170_001


class StoreProblem(RuntimeError):
    """The database cannot be used as it is; ``str(exc)`` is a sentence for the user."""


class DatabaseFileLost(StoreProblem):
    """The store's SQLite file was deleted, moved or replaced while the store had it open:
    nothing more is read or written."""


def make_engine(url: str) -> Engine:
    """An engine for ``url``: PostgreSQL through psycopg 3, without JIT compilation; SQLite
    with WAL, a 30 s wait for the write lock, foreign keys on, and ``BEGIN IMMEDIATE`` for
    write transactions (a connection with the execution option ``ahp_read_only`` begins
    ``DEFERRED``)."""
    parsed = sa.make_url(url)
    if parsed.drivername in {"postgresql", "postgres"}:
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() != "sqlite":
        # No JIT compilation: a data table's rows are joined to their slices by a range of
        # ids, whose rows the planner overestimates a hundredfold, so that a read of one
        # organisation's 3,000 rows spent 90-120 ms compiling for 1 ms of work.
        return sa.create_engine(parsed, pool_pre_ping=True, connect_args={"options": "-c jit=off"})

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


def sqlite_file(url: str) -> Path | None:
    """The database file of a SQLite URL, as an absolute path; None for other databases and
    for an in-memory one."""
    parsed = sa.make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database).absolute()


def file_identity(path: Path) -> tuple[int, int] | None:
    """(device, inode) of the file at ``path``; None when there is none."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return st.st_dev, st.st_ino


class Database:
    """An engine with the store's write lock and the lost-file check around every use."""

    def __init__(self, url: str, engine: Engine):
        self.url = url
        self.engine = engine
        self.dialect = engine.dialect.name
        self._read_engine = engine.execution_options(ahp_read_only=True)
        self._file = sqlite_file(url)
        self._file_id: tuple[int, int] | None = None  # set by watch_file(); then checked

    def watch_file(self) -> None:
        """From now on, refuse to work once the SQLite file is no longer the one open now."""
        if self._file is not None:
            self._file_id = file_identity(self._file)

    def check_file(self) -> None:
        """Raise :class:`DatabaseFileLost` when the SQLite file this store opened is no longer
        the file at its path. An open SQLite connection goes on using a deleted file, whose
        data vanish when the last connection closes: without this check, ingests would report
        success and pages would show data that are already lost."""
        if self._file_id is None:
            return
        now = file_identity(self._file)
        if now == self._file_id:
            return
        what = "no longer exists: it was deleted or moved" if now is None else "was replaced"
        raise DatabaseFileLost(
            f"The database file ({self._file.name}) {what} while the application was running, "
            "so nothing can be stored or shown. An administrator must restore the database "
            "file and restart the application."
        )

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One write transaction, holding the store's write lock from its first statement.
        The SQLite file is checked before connecting (a connection would create an empty file
        in place of a deleted one), under the lock, and again just before the commit, so a
        file lost during the transaction rolls it back."""
        self.check_file()
        with self.engine.begin() as conn:
            self.check_file()
            if self.dialect == "postgresql":
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_LOCK_KEY})
            yield conn
            self.check_file()

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """One read, with the SQLite file checked before and after it (what was read from a
        file lost meanwhile is not returned)."""
        self.check_file()
        with self._read_engine.connect() as conn:
            yield conn
        self.check_file()
