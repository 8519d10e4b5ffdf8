"""The schema as it stood before the store had migrations (a revision of its own was first
recorded by this one).

A database made then has some or all of these tables and no revision: each missing table is
created, and the rest are left as they are. A database made before submissions' organisations
were recorded gains that record: each organisation a submission last changed, as that
submission gave it (the earlier history is not known), so withdrawing it can undo it.

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# Frozen here: a later change of the domain's schema must not change what this revision did.
ORGANISATION_FIELDS = ("org_name", "region", "icb", "trust_type")
DATA_COLUMNS = {
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
        ("indicator", sa.Text),
        ("value", sa.Double),
        ("numerator", sa.Double),
        ("denominator", sa.Double),
    ),
}


def _row_id() -> sa.types.TypeEngine:
    return sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _tables() -> dict[str, tuple]:
    """Each table's columns and constraints, then its indexes as (name, columns)."""
    org_fields = [sa.Column(f, sa.Text) for f in ORGANISATION_FIELDS]
    tables: dict[str, tuple] = {
        "store_meta": (
            [
                sa.Column("key", sa.Text, primary_key=True),
                sa.Column("value", sa.BigInteger, nullable=False),
            ],
            [],
        ),
        "organisations": (
            [
                sa.Column("org_code", sa.Text, primary_key=True),
                *org_fields,
                sa.Column("source", sa.Text, nullable=False),
                sa.Column("updated_at", sa.DateTime(timezone=True)),
            ],
            [],
        ),
        "submissions": (
            [
                sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
                sa.Column("file_name", sa.Text, nullable=False),
                sa.Column("sha256", sa.Text, nullable=False),
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
            ],
            [("ix_submissions_sha256", ["sha256"])],
        ),
        "submission_organisations": (
            [
                sa.Column(
                    "submission_id", sa.Integer, sa.ForeignKey("submissions.id"), primary_key=True
                ),
                sa.Column("org_code", sa.Text, primary_key=True),
                *[sa.Column(f, sa.Text) for f in ORGANISATION_FIELDS],
            ],
            [("ix_submission_organisations_org_code", ["org_code"])],
        ),
        "submission_files": (
            [
                sa.Column("sha256", sa.Text, primary_key=True),
                sa.Column("content", sa.LargeBinary, nullable=False),
            ],
            [],
        ),
        "slices": (
            [
                sa.Column("id", _row_id(), primary_key=True, autoincrement=True),
                sa.Column(
                    "submission_id", sa.Integer, sa.ForeignKey("submissions.id"), nullable=False
                ),
                sa.Column("table_name", sa.Text, nullable=False),
                sa.Column("org_code", sa.Text, nullable=False),
                sa.Column("period", sa.Date, nullable=False),
                sa.Column("period_type", sa.Text, nullable=False),
                sa.Column("indicator", sa.Text, nullable=False),
                sa.Column("rows", sa.Integer, nullable=False),
                sa.Column("active", sa.Boolean, nullable=False),
            ],
            [
                ("ix_slices_submission_id", ["submission_id"]),
                (
                    "ix_slices_key",
                    ["table_name", "org_code", "period", "period_type", "indicator"],
                ),
                ("ix_slices_active", ["active", "table_name"]),
            ],
        ),
        "sign_outs": (
            [
                sa.Column("subject", sa.Text, primary_key=True),
                sa.Column("signed_out_at", sa.BigInteger, nullable=False),
            ],
            [],
        ),
        "indicator_catalogue": (
            [
                sa.Column("code", sa.Text, primary_key=True),
                sa.Column("name", sa.Text, nullable=False),
                sa.Column("domain", sa.Text),
                sa.Column("unit", sa.Text),
                sa.Column("higher_is_better", sa.Boolean),
                sa.Column("description", sa.Text),
                sa.Column("custom", sa.Boolean, nullable=False),
                sa.Column("submission_id", sa.Integer),
            ],
            [],
        ),
        "self_assessments": (
            [
                sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
                sa.Column("org_code", sa.Text, nullable=False),
                sa.Column("period", sa.Text, nullable=False),
                sa.Column("version", sa.Integer, nullable=False),
                sa.Column("submitted_by", sa.Text, nullable=False),
                sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
                sa.UniqueConstraint(
                    "org_code", "period", "version", name="uq_self_assessments_version"
                ),
            ],
            [],
        ),
        "self_assessment_answers": (
            [
                sa.Column(
                    "assessment_id",
                    sa.Integer,
                    sa.ForeignKey("self_assessments.id"),
                    primary_key=True,
                ),
                sa.Column("question_id", sa.Text, primary_key=True),
                sa.Column("answer", sa.Text),
                sa.Column("note", sa.Text),
            ],
            [],
        ),
    }
    for name, columns in DATA_COLUMNS.items():
        tables[name] = (
            [
                sa.Column("id", _row_id(), primary_key=True, autoincrement=True),
                sa.Column(
                    "submission_id", sa.Integer, sa.ForeignKey("submissions.id"), nullable=False
                ),
                sa.Column("slice_id", _row_id(), sa.ForeignKey("slices.id"), nullable=False),
                sa.Column("org_code", sa.Text, nullable=False),
                sa.Column("period", sa.Date, nullable=False),
                sa.Column("period_type", sa.Text, nullable=False),
                *[sa.Column(c, t) for c, t in columns],
            ],
            [
                (f"ix_{name}_slice_id", ["slice_id"]),
                (f"ix_{name}_org_period", ["org_code", "period"]),
                (f"ix_{name}_submission", ["submission_id"]),
            ],
        )
    return tables


def _record_earlier_organisations(bind: sa.Connection) -> None:
    """Each organisation a submission last changed, recorded as given by that submission."""
    ids = {r[0] for r in bind.execute(sa.text("SELECT id FROM submissions"))}
    fields = ", ".join(ORGANISATION_FIELDS)
    rows = []
    for r in bind.execute(
        sa.text(f"SELECT org_code, source, {fields} FROM organisations WHERE source LIKE :p"),
        {"p": "submission %"},
    ).mappings():
        sid = r["source"].removeprefix("submission ")
        if sid.isdigit() and int(sid) in ids:
            rows.append(
                {"submission_id": int(sid), "org_code": r["org_code"]}
                | {f: r[f] for f in ORGANISATION_FIELDS}
            )
    if rows:
        marks = ", ".join(f":{f}" for f in ORGANISATION_FIELDS)
        bind.execute(
            sa.text(
                f"INSERT INTO submission_organisations (submission_id, org_code, {fields}) "
                f"VALUES (:submission_id, :org_code, {marks})"
            ),
            rows,
        )


def upgrade() -> None:
    bind = op.get_bind()
    had = set(sa.inspect(bind).get_table_names())
    for name, (columns, indexes) in _tables().items():
        if name in had:
            continue
        op.create_table(name, *columns)
        for index, index_columns in indexes:
            op.create_index(index, name, index_columns)
    if "submission_organisations" not in had and "submissions" in had:
        _record_earlier_organisations(bind)


def downgrade() -> None:
    raise NotImplementedError("The first revision of the store's schema cannot be undone.")
