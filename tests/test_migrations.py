"""The schema's revisions: a database made before the store had migrations is upgraded in
place, losing nothing; the migrations build exactly the schema the code declares; a database
of a later revision is refused. On SQLite and, when AHP_TEST_POSTGRES_URL is set, PostgreSQL.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import psycopg
import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from fixtures import make_file, workforce_rows
from test_kept import assert_sums_equal_raw

from ahp_analytics import cli
from ahp_analytics.services import assessment
from ahp_analytics.services.access import Actor
from ahp_analytics.store import DatabaseTooNew, metadata, open_store
from ahp_analytics.store.migrate import SCHEMA_REVISION, revision
from ahp_analytics.store.schema import SLICE_KEYS, SQL_NAMES, VERSION_TABLE

DATA = Path(__file__).parent / "data"
KEPT = {"kept_workforce", "data_changes"}
# Rebuilt by revision 0005: each slice's rows take a range of ids, and the slices say where.
REBUILT = {"workforce", "leadership", "indicator_values", "slices"}


def restore_store_before_migrations(url: str) -> None:
    """The database tests/data/README.md describes, restored at ``url`` (an empty database)."""
    parsed = sa.make_url(url)
    if parsed.get_backend_name() == "sqlite":
        with sqlite3.connect(parsed.database) as conn:
            conn.executescript((DATA / "store-before-migrations.sqlite.sql").read_text())
        return
    dump = (DATA / "store-before-migrations.postgresql.sql").read_text()
    dsn = parsed.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(dump)


def contents(url: str) -> dict[str, list[tuple]]:
    """Every row of every table but the revision's, sorted, read without the store."""
    engine = sa.create_engine(sa.make_url(url))
    try:
        with engine.connect() as conn:
            names = sorted(set(sa.inspect(conn).get_table_names()) - {VERSION_TABLE})
            return {
                name: sorted(
                    conn.execute(sa.text(f"SELECT * FROM {name}")).all(),  # noqa: S608
                    key=repr,
                )
                for name in names
            }
    finally:
        engine.dispose()


def rows_by_slice(url: str) -> dict[int, list[tuple]]:
    """Each slice's rows (their key, then the rest by column name), in the order they were
    stored, read without the store from either shape of the data tables: each row with its
    slice id and its own copy of the key (before revision 0005), or a range of ids from the
    slice's ``first_row`` with the key the slice's."""
    engine = sa.create_engine(sa.make_url(url))
    held: dict[int, list[tuple]] = {}
    try:
        with engine.connect() as conn:
            for name, table in SQL_NAMES.items():
                columns = {c["name"] for c in sa.inspect(conn).get_columns(table)}
                keys = SLICE_KEYS[name]
                if "slice_id" in columns:
                    owner, join = "r", "r.slice_id = s.id"
                else:
                    owner, join = "s", "r.id BETWEEN s.first_row AND s.first_row + s.rows - 1"
                rest = sorted(columns - {"id", "slice_id", "submission_id", *keys})
                picked = ", ".join([*(f"{owner}.{k}" for k in keys), *(f"r.{c}" for c in rest)])
                query = (
                    f"SELECT s.id, {picked} FROM {table} r JOIN slices s ON {join} "  # noqa: S608
                    "AND s.table_name = :name ORDER BY s.id, r.id"
                )
                for slice_id, *row in conn.execute(sa.text(query), {"name": name}):
                    held.setdefault(slice_id, []).append(tuple(row))
    finally:
        engine.dispose()
    return held


def test_a_store_made_before_migrations_is_upgraded_in_place(store_url: str) -> None:
    restore_store_before_migrations(store_url)
    before = contents(store_url)
    held_before = rows_by_slice(store_url)
    # The dump holds every table of revision 0001; 0002 adds the kept sums and change log.
    assert set(before) == set(metadata.tables) - KEPT

    store = open_store(store_url)

    with store.reading() as conn:
        assert revision(conn) == SCHEMA_REVISION
    after = contents(store_url)
    # Nothing lost or changed, data version included; the sums kept are those of the rows;
    # every slice holds the same rows, in the same order.
    assert {k: v for k, v in after.items() if k not in KEPT | REBUILT} == {
        k: v for k, v in before.items() if k not in REBUILT
    }
    assert rows_by_slice(store_url) == held_before and len(held_before) == len(before["slices"])
    assert sorted((r[:-1] for r in after["slices"]), key=repr) == before["slices"]
    assert after["kept_workforce"] and not after["data_changes"]
    assert_sums_equal_raw(store)
    history = store.submissions().set_index("id")
    assert history["status"].to_dict() == {1: "partly superseded", 2: "current", 3: "withdrawn"}
    wf = store.read("workforce")
    xa1_march = wf[(wf["org_code"] == "XA1") & (wf["period"] == "2024-03-01")]
    assert len(wf) == 16 and set(xa1_march["fte"]) == {4.0}
    orgs = store.read("organisations").set_index("org_code")
    assert orgs.loc["XA1", "org_name"] == "Trust A renamed" and "XN1" not in orgs.index
    assert orgs.loc["RJ1", "trust_type"] == "Acute"  # the reference list's, not the upload's
    assert "Ward happiness" in set(store.indicator_catalogue()["code"])
    answers = assessment.current(store, "XA1", "2024/25").set_index("question_id")["answer"]
    assert (answers["lead_at_board"], answers["named_executive"]) == ("partly", "no")
    assert store.signed_out_at("https://login.example/v2.0 ann") == 1_800_000_000

    # The upgraded store works as a new one: store, withdraw, save.
    version = store.data_version()
    result, content = make_file("fourth.xlsx", workforce=workforce_rows("XB1", "2024-04"))
    outcome = store.ingest(result, content, "erin")
    assert (outcome.status, outcome.submission_id) == ("accepted", 4)
    assert store.withdraw(1, "erin").restored == []
    assert set(store.read("workforce")["org_code"]) == {"XA1", "XB1"}
    assert store.data_version() == version + 2
    ann = Actor("ann@example.nhs.uk", is_analyst=True)
    assert assessment.save(store, ann, "XA1", "2024/25", {"lead_at_board": "no"}) == 3
    store.close()

    # Opened again, nothing more happens.
    settled = contents(store_url)
    with open_store(store_url) as again:
        assert again.data_version() == version + 2
    assert contents(store_url) == settled


def test_the_rows_by_id_range_revision_can_be_undone_and_done_again(store_url: str) -> None:
    """Revision 0005 undone gives every row back its slice and key (ids as 0005 left them), and
    done again gives the same rows to the same slices: a release can be rolled back."""
    from alembic import command
    from alembic.config import Config

    from ahp_analytics.store.migrate import MIGRATIONS

    restore_store_before_migrations(store_url)
    held = rows_by_slice(store_url)
    with open_store(store_url) as store:
        a, ca = make_file("new.xlsx", workforce=workforce_rows("XB1", "2024-05"))
        assert store.ingest(a, ca, "erin").status == "accepted"
        held_after_ingest = rows_by_slice(store_url)
        assert set(held) < set(held_after_ingest)
        with store.transaction() as conn:
            config = Config()
            config.set_main_option("script_location", str(MIGRATIONS))
            config.attributes["connection"] = conn
            command.downgrade(config, "0004")
            assert revision(conn) == "0004"
    assert rows_by_slice(store_url) == held_after_ingest
    with open_store(store_url) as store:
        assert rows_by_slice(store_url) == held_after_ingest
        assert_sums_equal_raw(store)
        assert len(store.read("workforce")) == 16 + len(workforce_rows("XB1", "2024-05"))


def test_the_migrations_build_the_schema_the_code_declares(store_url: str) -> None:
    with open_store(store_url) as store, store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"version_table": VERSION_TABLE})
        differences = compare_metadata(context, metadata)
    assert differences == []


def test_a_new_database_is_seeded_once(store_url: str) -> None:
    with open_store(store_url) as first, open_store(store_url) as second:
        assert first.data_version() == second.data_version()
        orgs = first.read("organisations")
        assert len(orgs) == len(second.read("organisations")) > 200
        assert set(orgs["org_code"]) == set(orgs["org_code"].unique())
        catalogue = first.indicator_catalogue()
        assert not catalogue.empty and not catalogue["code"].duplicated().any()


def test_a_database_of_a_later_revision_is_refused(store_url: str, capsys) -> None:
    with open_store(store_url) as store, store.engine.begin() as conn:
        conn.execute(sa.text(f"UPDATE {VERSION_TABLE} SET version_num = '9999'"))
    before = contents(store_url)

    with pytest.raises(DatabaseTooNew, match="later release") as raised:
        open_store(store_url)
    assert "revision 9999" in str(raised.value) and "nothing was changed" in str(raised.value)

    assert cli.main(["--db", store_url, "submissions"]) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and err.startswith("error: The database")
    assert contents(store_url) == before
