"""The data tables lose their index on ``submission_id``: every query that picks a
submission's rows goes through its slices (each row's ``slice_id``, itself indexed), and
keeping a third index on every row made the bulk insert of a large return about a fifth
slower on SQLite.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_TABLES = ("workforce", "leadership", "indicator_values")


def upgrade() -> None:
    # IF EXISTS: a database whose tables this code's schema made before it recorded revisions
    # never had the index.
    for name in _TABLES:
        op.execute(f"DROP INDEX IF EXISTS ix_{name}_submission")


def downgrade() -> None:
    for name in _TABLES:
        op.create_index(f"ix_{name}_submission", name, ["submission_id"])
