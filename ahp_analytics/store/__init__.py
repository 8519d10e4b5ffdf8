"""The database: its schema and migrations, the write lock, the history of submissions and
the queries, on SQLite (the default, a file under ``data/``) or PostgreSQL (when
``AHP_DATABASE_URL`` names a server); both behave the same.

- :mod:`~ahp_analytics.store.schema`: every table; :mod:`~ahp_analytics.store.migrate` and
  ``migrations/``: the schema's revision, upgraded when a database is opened;
- :mod:`~ahp_analytics.store.engine`: the engine, the write lock, the lost-file check;
- :mod:`~ahp_analytics.store.history`: ingest, supersession, withdrawal;
  :mod:`~ahp_analytics.store.deletion`: submissions deleted outright;
  :mod:`~ahp_analytics.store.kept`: workforce sums kept per organisation and period, and
  the change log, both written in each change's transaction;
  :mod:`~ahp_analytics.store.changes`: the change log followed, for caches;
  :mod:`~ahp_analytics.store.organisations`: organisations derived from the reference list
  and what returns said; :mod:`~ahp_analytics.store.bulk`: rows inserted in batches;
- :mod:`~ahp_analytics.store.queries`: what is read;
- :mod:`~ahp_analytics.store.core`: :class:`Store`, which the rest of the application uses
  (with :meth:`Store.transaction` and :meth:`Store.reading` for code that keeps tables of its
  own here, such as the self-assessment).
"""

from ahp_analytics.store.core import Store, default_url, open_store
from ahp_analytics.store.deletion import DeleteOutcome
from ahp_analytics.store.engine import DatabaseFileLost, StoreProblem
from ahp_analytics.store.history import IngestOutcome, WithdrawOutcome
from ahp_analytics.store.migrate import DatabaseTooNew
from ahp_analytics.store.queries import (
    READ_TABLES,
    SUBMISSION_COLUMNS,
    SUBMISSION_OUTCOME,
    Submission,
)
from ahp_analytics.store.schema import (
    CURRENT,
    DATA_TABLES,
    PARTLY_SUPERSEDED,
    STATUSES,
    SUPERSEDED,
    WITHDRAWN,
    metadata,
)

__all__ = [
    "CURRENT",
    "DATA_TABLES",
    "PARTLY_SUPERSEDED",
    "READ_TABLES",
    "STATUSES",
    "SUBMISSION_COLUMNS",
    "SUBMISSION_OUTCOME",
    "SUPERSEDED",
    "WITHDRAWN",
    "DatabaseFileLost",
    "DatabaseTooNew",
    "DeleteOutcome",
    "IngestOutcome",
    "Store",
    "StoreProblem",
    "Submission",
    "WithdrawOutcome",
    "default_url",
    "metadata",
    "open_store",
]
