"""The :class:`Store`: one object per database, the only way the application reaches it."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ahp_analytics.domain import reference
from ahp_analytics.domain.results import FileResult
from ahp_analytics.domain.selection import Selection
from ahp_analytics.store import bulk, deletion, history, kept, migrate, queries
from ahp_analytics.store import engine as engines
from ahp_analytics.store.deletion import DeleteOutcome
from ahp_analytics.store.engine import DatabaseFileLost
from ahp_analytics.store.history import IngestOutcome, WithdrawOutcome
from ahp_analytics.store.queries import READ_TABLES, Submission
from ahp_analytics.store.schema import DATA_TABLES

# Rows per insertion batch; progress is reported between batches.
BATCH_SIZE = 10_000


def default_url() -> str:
    """``AHP_DATABASE_URL`` if set, else the SQLite file ``data/ahp.db`` of the repository."""
    return os.environ.get("AHP_DATABASE_URL") or f"sqlite:///{reference.DATA_DIR / 'ahp.db'}"


def open_store(url: str | None = None) -> Store:
    """Open the store at ``url`` (default: :func:`default_url`), creating the database or
    upgrading its schema first when needed (:mod:`ahp_analytics.store.migrate`)."""
    return Store(url or default_url())


class Store:
    """The application's database. Create with :func:`open_store`."""

    def __init__(self, url: str):
        self.url = url
        self.engine = engines.make_engine(url)
        self.batch_size = BATCH_SIZE
        self._db = engines.Database(url, self.engine)
        with self._db.read() as conn:
            current = migrate.is_current(conn)
        if not current:
            shown = sa.make_url(url).render_as_string(hide_password=True)
            with self._db.write() as conn:
                migrate.upgrade(conn, shown)
        self._db.watch_file()

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions ------------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One write transaction on the store's tables (:mod:`ahp_analytics.store.schema`),
        holding the write lock from its first statement: all of it is committed when the
        block ends, nothing when it raises. Raises :class:`DatabaseFileLost` when the SQLite
        file was lost (before, during or at the end: then nothing is committed)."""
        with self._db.write() as conn:
            yield conn

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """A connection for reading the store's tables; never waits for a writer. Raises
        :class:`DatabaseFileLost` when the SQLite file was lost, before or during the read."""
        with self._db.read() as conn:
            yield conn

    # -- versions ----------------------------------------------------------------------------

    def data_version(self) -> int:
        """A number that changes whenever anything is stored or withdrawn (for cache keys)."""
        with self.reading() as conn:
            return queries.data_version(conn)

    def is_empty(self) -> bool:
        """True when no return has ever been stored."""
        with self.reading() as conn:
            return queries.is_empty(conn)

    # -- sign-outs ---------------------------------------------------------------------------

    def record_sign_out(self, subject: str, at: int) -> None:
        """Record that ``subject`` signed out at ``at`` (whole seconds since 1970, UTC). A
        later record never moves the time back. Not data: the data version is unchanged."""
        with self.transaction() as conn:
            queries.record_sign_out(conn, subject, at)

    def signed_out_at(self, subject: str) -> int | None:
        """When ``subject`` last signed out (whole seconds since 1970, UTC), or None."""
        with self.reading() as conn:
            return queries.signed_out_at(conn, subject)

    # -- ingest and withdrawal ---------------------------------------------------------------

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
        groups (see :mod:`ahp_analytics.store.history`). ``progress(done_rows, total_rows)`` is
        called between batches. A database failure, or a database file lost before the
        commit, rolls everything back and is reported as ``rejected`` with the reason.
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
            with self.transaction() as conn:
                # Batches go through the method _insert_batch, which a test replaces to fail
                # part-way.
                writer = partial(
                    bulk.insert_rows, batch_size=self.batch_size, insert_batch=self._insert_batch
                )
                return history.ingest(conn, result, content, user, writer, progress)
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

    def _insert_batch(self, conn: Connection, table: sa.Table, names: list[str], batch) -> None:  # type: ignore[no-untyped-def]
        bulk.insert_batch(conn, table, names, batch)

    def withdraw(self, submission_id: int, user: str) -> WithdrawOutcome:
        """Withdraw a submission: its rows stop being current and, for each key group it held,
        the rows of the most recent earlier submission that is not withdrawn become current
        again. An unknown or already withdrawn id, or a lost database file, gives
        ``status == 'error'``."""
        try:
            with self.transaction() as conn:
                return history.withdraw(conn, submission_id, user)
        except DatabaseFileLost as exc:
            return WithdrawOutcome(
                "error",
                submission_id,
                message=f"Submission {submission_id} was not withdrawn. {exc}",
            )

    def delete_submissions(self, submission_ids: Iterable[int]) -> DeleteOutcome:
        """Delete submissions outright, with their rows, their files (unless another
        submission has the same file) and what they said about organisations, in one
        transaction: for data that must leave the database and its history, such as the
        demonstration data set. For each key group they held, the rows of the latest other
        submission that is not withdrawn become current again, as after a withdrawal, the
        organisations they named are settled again, and the kept sums follow. Unknown ids are
        ignored."""
        try:
            with self.transaction() as conn:
                return deletion.delete_submissions(conn, {int(i) for i in submission_ids})
        except DatabaseFileLost as exc:
            return DeleteOutcome(0, 0, message=f"Nothing was deleted. {exc}")

    # -- history -----------------------------------------------------------------------------

    def submissions(self) -> pd.DataFrame:
        """The history, newest first: :data:`SUBMISSION_COLUMNS`; times are UTC."""
        with self.reading() as conn:
            return queries.submissions(conn)

    def submission(self, submission_id: int) -> Submission | None:
        """One submission with its rows per table and warnings; None if there is no such id."""
        with self.reading() as conn:
            return queries.submission(conn, submission_id)

    def active_slices(self, org_codes: Iterable[str]) -> pd.DataFrame:
        """The current key groups held for these organisations: submission_id, table_name,
        org_code, period (datetime64), period_type, indicator and rows."""
        with self.reading() as conn:
            return queries.active_slices(conn, org_codes)

    def slice_history(self, table: str) -> pd.DataFrame:
        """Every key group of a data table that any submission held, current or not:
        submission_id, org_code, period (datetime64[ns]), period_type, indicator ('' outside
        indicators) and active (False once superseded or withdrawn)."""
        if table not in DATA_TABLES:
            raise ValueError(f"Unknown table {table!r}: choose one of {', '.join(DATA_TABLES)}.")
        with self.reading() as conn:
            return queries.slice_history(conn, table)

    @property
    def kept(self) -> kept.Kept:
        """The measures kept beside the raw rows and what the data covers
        (:mod:`ahp_analytics.store.kept`)."""
        return kept.Kept(self)

    def original_file(self, submission_id: int) -> tuple[str, bytes] | None:
        """The file as uploaded (name, bytes), kept for audit; None for an unknown id."""
        with self.reading() as conn:
            return queries.original_file(conn, submission_id)

    def indicator_catalogue(self) -> pd.DataFrame:
        """The catalogue as stored: shipped indicators plus custom ones met in returns."""
        with self.reading() as conn:
            return queries.indicator_catalogue(conn)

    # -- queries -----------------------------------------------------------------------------

    def read(
        self,
        table: str,
        selection: Selection | None = None,
        *,
        slice_ids: Sequence[int] | None = None,
    ) -> pd.DataFrame:
        """Current rows of ``table`` (organisations, workforce, leadership, indicators,
        submissions) with columns ``schema.EXPORT_COLUMNS[table]`` (history:
        :data:`SUBMISSION_COLUMNS`), sorted by key, narrowed by ``selection``
        (:class:`~ahp_analytics.domain.selection.Selection`; a filter that does not apply to
        the table raises ValueError, as does an unknown table). ``slice_ids`` (data tables;
        None: no filter, empty: no rows) keeps only the rows of these key groups (see
        :meth:`key_groups`). ``period`` is datetime64[ns], numbers float64 with NaN for
        missing.
        """
        if table not in READ_TABLES:
            raise ValueError(f"Unknown table {table!r}: choose one of {', '.join(READ_TABLES)}.")
        selection = selection or Selection()
        selection.check(table)
        if table == "submissions":
            return self.submissions()
        with self.reading() as conn:
            return queries.read(conn, table, selection, slice_ids)

    def stream(
        self,
        table: str,
        selection: Selection | None = None,
        *,
        chunk_rows: int,
    ) -> Iterator[list[tuple]]:
        """The rows :meth:`read` gives (organisations or a data table; same columns, same
        order) as chunks of up to ``chunk_rows`` tuples, periods as ISO text, missing values
        None: read from the database cursor a chunk at a time, so memory stays bounded by a
        chunk whatever the table's size. The read stays open until the last chunk is taken
        (or the iterator is closed)."""
        if table not in ("organisations", *DATA_TABLES):
            raise ValueError(
                f"Unknown table {table!r}: choose one of organisations, {', '.join(DATA_TABLES)}."
            )
        selection = selection or Selection()
        selection.check(table)
        with self.reading() as conn:
            yield from queries.stream(conn, table, selection, chunk_rows)

    def key_groups(self, table: str, selection: Selection | None = None) -> pd.DataFrame:
        """The current key groups of a data table (workforce, leadership, indicators), one row
        each, narrowed by ``selection`` as :meth:`read` narrows rows: ``slice_id``,
        ``org_code``, ``period`` (datetime64[ns]), ``period_type``, and ``indicator`` for
        indicators. A workforce group is one organisation's month: far fewer rows than the
        table, so a caller can pick the groups it needs and read only their rows
        (``slice_ids``)."""
        if table not in DATA_TABLES:
            raise ValueError(f"Unknown table {table!r}: choose one of {', '.join(DATA_TABLES)}.")
        selection = selection or Selection()
        selection.check(table)
        with self.reading() as conn:
            return queries.key_groups(conn, table, selection)
