"""The schema's revision, and bringing a database up to it when the store opens it.

Revisions live in ``store/migrations/versions`` (Alembic). Opening a database reads its
revision without the write lock; only when it is behind (a new database, one made by an earlier
release, or one made before revisions were recorded) does the store take the lock and run the
missing migrations, then seed what a working store needs: the data version counter, the
reference organisations and the indicator catalogue. Several processes opening one database at
once therefore upgrade it once. A database of a later revision than this code knows is refused:
that release may have changed what this one would write.

To change the schema: change :mod:`ahp_analytics.store.schema`, add a revision beside the
others (``down_revision`` the previous one), and set :data:`SCHEMA_REVISION` to it;
``tests/test_migrations.py`` fails until the migrations build exactly the declared schema.
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ahp_analytics.store import kept, organisations
from ahp_analytics.store.engine import StoreProblem
from ahp_analytics.store.schema import VERSION_TABLE, indicator_catalogue_table, meta_table

# The revision this code reads and writes: the head of store/migrations/versions.
SCHEMA_REVISION = "0005"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# A store_meta key a revision sets when the kept sums are to be filled (revision 0002).
KEPT_TO_FILL = "kept_to_fill"


class DatabaseTooNew(StoreProblem):
    """The database was upgraded by a later release than this one."""


def revision(conn: Connection) -> str | None:
    """The database's schema revision; None when it has none (new, or made before revisions
    were recorded)."""
    if not sa.inspect(conn).has_table(VERSION_TABLE):
        return None
    return conn.execute(sa.text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()


def is_current(conn: Connection) -> bool:
    """True when the database is at :data:`SCHEMA_REVISION` (nothing to do on opening)."""
    return revision(conn) == SCHEMA_REVISION


def upgrade(conn: Connection, name: str) -> bool:
    """Bring the database on ``conn`` (in a write transaction, under the write lock) to
    :data:`SCHEMA_REVISION`, then seed it. Returns True when any migration ran. Raises
    :class:`DatabaseTooNew` for a revision this code does not know; ``name`` names the
    database in that message."""
    from alembic import command
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = conn
    before = revision(conn)
    known = {s.revision for s in ScriptDirectory.from_config(config).walk_revisions()}
    if before is not None and before not in known:
        raise DatabaseTooNew(
            f"The database {name} was upgraded by a later release of this application (schema "
            f"revision {before}; this release knows up to {SCHEMA_REVISION}), so it is not "
            "opened: nothing was changed. Run the later release, or restore a backup made "
            "before the upgrade."
        )
    if before == SCHEMA_REVISION:
        return False
    command.upgrade(config, "head")
    seed(conn)
    return True


def seed(conn: Connection) -> None:
    """What a working store needs beyond its tables: the data version counter, the kept sums
    where a revision left them to fill (by this code, from the rows as the last revision left
    them), the reference organisations (brought in line with the shipped list after every
    upgrade: a new release may ship a new list) and the shipped indicator catalogue."""
    t = meta_table
    if conn.execute(sa.select(t.c.value).where(t.c.key == "data_version")).first() is None:
        conn.execute(t.insert().values(key="data_version", value=0))
    to_fill = t.c.key == KEPT_TO_FILL
    if conn.execute(sa.select(t.c.value).where(to_fill)).first() is not None:
        kept.fill(conn)
        conn.execute(t.delete().where(to_fill))
    if organisations.settle_reference(conn):
        conn.execute(t.update().where(t.c.key == "data_version").values(value=t.c.value + 1))
    catalogue_rows = sa.select(sa.func.count()).select_from(indicator_catalogue_table)
    if not conn.execute(catalogue_rows).scalar():
        organisations.load_catalogue(conn)
