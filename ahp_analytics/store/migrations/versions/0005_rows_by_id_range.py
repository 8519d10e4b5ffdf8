"""A data table's row holds only what its slice does not: no submission, no slice id, no
organisation, period, period kind or indicator code, and no index beside its key. Each slice
finds its rows as a range of ids (``slices.first_row``, ``slices.rows`` of them), which an
ingest gives its rows slice after slice.

Every row is kept: the tables are rebuilt with the rows of each slice numbered in a row, in the
order they were stored, and each slice records where its rows start. Every foreign key and
index checked or written on each row of a large ingest made its insert slower.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# Frozen here: the data tables as the slices name them, and each one's SQL table, key beyond
# organisation, period and its kind, and other columns.
TABLES = {
    "workforce": ("workforce", None),
    "leadership": ("leadership", None),
    "indicators": ("indicator_values", "indicator"),
}
ROW_COLUMNS = {
    "workforce": (
        ("profession", sa.Text),
        ("band", sa.Text),
        ("fte", sa.Double),
        ("headcount", sa.Double),
        ("vacancy_fte", sa.Double),
    ),
    "leadership": (
        ("role", sa.Text),
        ("job_title", sa.Text),
        ("profession", sa.Text),
        ("band", sa.Text),
        ("fte", sa.Double),
        ("strategic_time_pct", sa.Double),
        ("board_role", sa.Text),
        ("reports_to", sa.Text),
    ),
    "indicator_values": (
        ("value", sa.Double),
        ("numerator", sa.Double),
        ("denominator", sa.Double),
    ),
}


def _row_id() -> sa.types.TypeEngine:
    return sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _set_aside(name: str, aside: str, indexes: list[str]) -> None:
    """Rename table ``name`` to ``aside``, dropping ``indexes`` first (where there are) and, on
    PostgreSQL, renaming its primary key's index, so the table made in its place can use the
    names."""
    for index in indexes:
        op.execute(f"DROP INDEX IF EXISTS {index}")
    op.rename_table(name, aside)
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"ALTER INDEX IF EXISTS {name}_pkey RENAME TO {aside}_pkey")


def _columns(table: str) -> set[str]:
    return {c["name"] for c in sa.inspect(op.get_bind()).get_columns(table)}


def upgrade() -> None:
    # A database whose tables this revision's code made before it recorded revisions is in
    # this shape already.
    if "first_row" in _columns("slices"):
        return
    bind = op.get_bind()
    op.add_column("slices", sa.Column("first_row", _row_id()))
    for slice_table, (name, _) in TABLES.items():
        aside = f"{name}_0004"
        _set_aside(name, aside, [f"ix_{name}_slice_id"])
        columns = ROW_COLUMNS[name]
        op.create_table(
            name,
            sa.Column("id", _row_id(), primary_key=True, autoincrement=False),
            *(sa.Column(c, t) for c, t in columns),
        )
        listed = ", ".join(c for c, _ in columns)
        op.execute(
            f"INSERT INTO {name} (id, {listed}) "
            f"SELECT ROW_NUMBER() OVER (ORDER BY slice_id, id), {listed} FROM {aside}"
        )
        counts = bind.execute(
            sa.text(f"SELECT slice_id, COUNT(*) FROM {aside} GROUP BY slice_id ORDER BY slice_id")
        ).all()
        starts, first = [], 1
        for slice_id, n in counts:
            starts.append({"id": slice_id, "first": first, "n": n})
            first += n
        if starts:
            bind.execute(
                sa.text("UPDATE slices SET first_row = :first, rows = :n WHERE id = :id"), starts
            )
        op.drop_table(aside)
        # A slice without rows (none is made so) holds an empty range.
        bind.execute(
            sa.text(
                "UPDATE slices SET first_row = 1, rows = 0 "
                "WHERE table_name = :t AND first_row IS NULL"
            ),
            {"t": slice_table},
        )
    with op.batch_alter_table("slices") as batch:
        batch.alter_column("first_row", existing_type=_row_id(), nullable=False)


def downgrade() -> None:
    bind = op.get_bind()
    for slice_table, (name, extra) in TABLES.items():
        aside = f"{name}_0005"
        _set_aside(name, aside, [])
        columns = ROW_COLUMNS[name]
        op.create_table(
            name,
            sa.Column("id", _row_id(), primary_key=True, autoincrement=True),
            sa.Column("submission_id", sa.Integer, sa.ForeignKey("submissions.id"), nullable=False),
            sa.Column("slice_id", _row_id(), sa.ForeignKey("slices.id"), nullable=False),
            sa.Column("org_code", sa.Text, nullable=False),
            sa.Column("period", sa.Date, nullable=False),
            sa.Column("period_type", sa.Text, nullable=False),
            *([sa.Column(extra, sa.Text)] if extra else []),
            *(sa.Column(c, t) for c, t in columns),
        )
        op.create_index(f"ix_{name}_slice_id", name, ["slice_id"])
        keys = "submission_id, slice_id, org_code, period, period_type" + (
            f", {extra}" if extra else ""
        )
        picked = "s.submission_id, s.id, s.org_code, s.period, s.period_type" + (
            f", s.{extra}" if extra else ""
        )
        listed = ", ".join(c for c, _ in columns)
        rows = ", ".join(f"r.{c}" for c, _ in columns)
        bind.execute(
            sa.text(
                f"INSERT INTO {name} (id, {keys}, {listed}) SELECT r.id, {picked}, {rows} "
                f"FROM {aside} r JOIN slices s ON s.table_name = :t "
                "AND r.id BETWEEN s.first_row AND s.first_row + s.rows - 1"
            ),
            {"t": slice_table},
        )
        if bind.dialect.name == "postgresql":
            op.execute(
                f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {name}), 0) + 1, false)"
            )
        op.drop_table(aside)
    # Not in batch mode: SQLite drops a column no index or key uses in place, where copying the
    # table would break the foreign keys the rows now hold to it.
    op.execute("ALTER TABLE slices DROP COLUMN first_row")
