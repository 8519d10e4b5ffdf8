"""The store's tables, every one of them: no other module adds tables to :data:`metadata`.

The data tables' columns, their order and their SQL types come from
:mod:`ahp_analytics.domain.schema` (a column's ``kind``: periods are dates, numbers doubles,
everything else text). A change here needs a migration (``store/migrations/versions``): the
schema of a database is its Alembic revision, upgraded when the store opens it.
"""

from __future__ import annotations

import sqlalchemy as sa

from ahp_analytics.domain import schema

metadata = sa.MetaData()

# Alembic records the schema's revision in this table (a name of its own, so a PostgreSQL
# database shared with another application's migrations keeps the two apart).
VERSION_TABLE = "ahp_schema_version"

# A BIGINT key on PostgreSQL; INTEGER on SQLite, where only INTEGER PRIMARY KEY autoincrements.
RowId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

# A submission's status, derived from its slices after every change (see history).
CURRENT = "current"
PARTLY_SUPERSEDED = "partly superseded"
SUPERSEDED = "superseded"
WITHDRAWN = "withdrawn"
STATUSES = (CURRENT, PARTLY_SUPERSEDED, SUPERSEDED, WITHDRAWN)

# The data tables as the domain names them, and the SQL table holding each one's rows.
DATA_TABLES = ("workforce", "leadership", "indicators")
SQL_NAMES = {"workforce": "workforce", "leadership": "leadership", "indicators": "indicator_values"}

# The key a slice holds for all its rows (one slice per key group and submission), per table.
SLICE_KEYS = {
    "workforce": ("org_code", "period", "period_type"),
    "leadership": ("org_code", "period", "period_type"),
    "indicators": ("org_code", "period", "period_type", "indicator"),
}
# What a data table's row holds beside its slice's key: the rest of its export columns.
ROW_COLUMNS = {
    name: tuple(c for c in schema.EXPORT_COLUMNS[name] if c not in SLICE_KEYS[name])
    for name in DATA_TABLES
}

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
    *(sa.Column(f, sa.Text) for f in schema.ORGANISATION_FIELDS),
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
# organisations table is derived (see ahp_analytics.store.organisations).
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
    sa.Column("id", RowId, primary_key=True, autoincrement=True),
    sa.Column("submission_id", sa.ForeignKey("submissions.id"), nullable=False, index=True),
    sa.Column("table_name", sa.Text, nullable=False),
    sa.Column("org_code", sa.Text, nullable=False),
    sa.Column("period", sa.Date, nullable=False),
    sa.Column("period_type", sa.Text, nullable=False),
    # '' for workforce and leadership, so the key compares equal with plain '='.
    sa.Column("indicator", sa.Text, nullable=False),
    sa.Column("rows", sa.Integer, nullable=False),
    # The slice's rows are its data table's ids first_row to first_row + rows - 1: an ingest
    # stores each slice's rows one after another (see rows_of_slices).
    sa.Column("first_row", RowId, nullable=False),
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


def sql_type(table: str, column: str) -> sa.types.TypeEngine:
    """The SQL type of a stored column of a data table, from its kind in the domain's schema:
    a period is a date (its first day), a number a double, anything else text."""
    col = next((c for c in schema.TABLES[table].columns if c.name == column), None)
    if col is not None and col.kind == "period":
        return sa.Date()
    if col is not None and col.numeric:
        return sa.Double()
    return sa.Text()


def _data_table(name: str) -> sa.Table:
    return sa.Table(
        SQL_NAMES[name],
        metadata,
        # Decided by the ingest, a slice's rows taking consecutive ids (SQLite makes the same
        # ids itself, as the next after the largest, and the ingest checks them).
        sa.Column("id", RowId, primary_key=True, autoincrement=False),
        *(sa.Column(c, sql_type(name, c)) for c in ROW_COLUMNS[name]),
        # No other column, key or index: organisation, period and the rest of the key are the
        # slice's, the submission is the slice's, and a slice finds its rows by their ids.
        # Each of them cost a large ingest's insert time on every row.
    )


DATA_SA_TABLES = {name: _data_table(name) for name in DATA_TABLES}


def rows_of_slices(table: sa.Table) -> sa.ColumnElement[bool]:
    """The join condition of :data:`slices_table` to a data table's rows: each slice's rows are
    the ids from its ``first_row``, ``rows`` of them (a range the primary key finds)."""
    sl = slices_table
    return table.c.id.between(sl.c.first_row, sl.c.first_row + sl.c.rows - 1)


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

# The board's self-assessment (ahp_analytics.services.assessment): one row per saved version
# of an organisation's answers for a period (an analysis window's label), and its answers.
self_assessments_table = sa.Table(
    "self_assessments",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("org_code", sa.Text, nullable=False),
    sa.Column("period", sa.Text, nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("submitted_by", sa.Text, nullable=False),
    sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
    sa.UniqueConstraint("org_code", "period", "version", name="uq_self_assessments_version"),
)

self_assessment_answers_table = sa.Table(
    "self_assessment_answers",
    metadata,
    sa.Column("assessment_id", sa.ForeignKey("self_assessments.id"), primary_key=True),
    sa.Column("question_id", sa.Text, primary_key=True),
    sa.Column("answer", sa.Text),  # yes, partly, no; NULL when not answered
    sa.Column("note", sa.Text),
)

# The measures kept beside the raw rows and the change log (:mod:`ahp_analytics.store.kept`).
kept_workforce_table = sa.Table(
    "kept_workforce",
    metadata,
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
    sa.Index("ix_kept_workforce_period", "period"),
)

data_changes_table = sa.Table(
    "data_changes",
    metadata,
    sa.Column("table_name", sa.Text, primary_key=True),
    sa.Column("org_code", sa.Text, primary_key=True),
    sa.Column("period", sa.Text, primary_key=True),  # ISO first day; '' for organisations
    sa.Column("period_type", sa.Text, primary_key=True),
    sa.Column("version", sa.BigInteger, nullable=False, index=True),
)
