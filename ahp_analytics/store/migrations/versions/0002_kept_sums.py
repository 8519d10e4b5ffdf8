"""The workforce sums kept per organisation and period, and the change log
(:mod:`ahp_analytics.store.kept`).

A database that already has them (made by a release that kept them before they had a revision
of their own) keeps them as they are. Otherwise they are created, and the sums are filled from
every current workforce row once the migrations are done; the change log starts empty (a
cache that has not seen a version yet works everything out once).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    had = set(sa.inspect(bind).get_table_names())
    if "kept_workforce" not in had:
        op.create_table(
            "kept_workforce",
            sa.Column("org_code", sa.Text, primary_key=True),
            sa.Column("period", sa.Date, primary_key=True),
            sa.Column("period_type", sa.Text, primary_key=True),
            sa.Column("rows", sa.Integer, nullable=False),
            sa.Column("fte", sa.Double, nullable=False),
            sa.Column("headcount", sa.Double),
            sa.Column("vacancy_fte", sa.Double),
            sa.Column("reported_fte", sa.Double),
            sa.Column("senior_fte", sa.Double, nullable=False),
            sa.Column("by_profession", sa.Text, nullable=False),
            sa.Column("by_band", sa.Text, nullable=False),
        )
        op.create_index("ix_kept_workforce_period", "kept_workforce", ["period"])
        # Filled once every revision has run (ahp_analytics.store.migrate.seed), as the store
        # works them out on every ingest: one definition, run on the rows' latest shape.
        op.execute("INSERT INTO store_meta (key, value) VALUES ('kept_to_fill', 1)")
    if "data_changes" not in had:
        op.create_table(
            "data_changes",
            sa.Column("table_name", sa.Text, primary_key=True),
            sa.Column("org_code", sa.Text, primary_key=True),
            sa.Column("period", sa.Text, primary_key=True),
            sa.Column("period_type", sa.Text, primary_key=True),
            sa.Column("version", sa.BigInteger, nullable=False),
        )
        op.create_index("ix_data_changes_version", "data_changes", ["version"])


def downgrade() -> None:
    op.drop_table("data_changes")
    op.drop_table("kept_workforce")
