"""Alembic's environment: migrations run inside the store's own write transaction, on the
connection :func:`ahp_analytics.store.migrate.upgrade` hands over (never from a URL)."""

from alembic import context

from ahp_analytics.store.schema import VERSION_TABLE, metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    version_table=VERSION_TABLE,
    # SQLite alters a table by copying it; Alembic's batch mode does that where needed.
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
