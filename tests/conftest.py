"""Shared fixtures: a store on SQLite (always) and on PostgreSQL (when a server is given).

PostgreSQL runs when ``AHP_TEST_POSTGRES_URL`` names a database (each test gets fresh tables:
the store's tables are dropped before and after). Without it the PostgreSQL cases are skipped,
unless ``AHP_REQUIRE_POSTGRES=1`` (as CI sets), which makes them fail instead.
"""

from __future__ import annotations

import fcntl
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from ahp_analytics.store import Store, metadata, open_store
from ahp_analytics.store.schema import VERSION_TABLE

POSTGRES_ENV = "AHP_TEST_POSTGRES_URL"


def pytest_configure(config: pytest.Config) -> None:
    """Under pytest-xdist (``pytest -n 2``), give each worker a PostgreSQL database of its own,
    ``<database>_<worker>`` beside the one named, created when missing: the store tests drop
    every table before and after, so two workers on one database would wipe each other's."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker:
        # A worker's __main__ is the bootstrap script its controller sent, gone from disk: a
        # child started by multiprocessing's "spawn" would try to run it again and die, so
        # children import only what their target needs (as under a plain `pytest`).
        vars(sys.modules["__main__"]).pop("__file__", None)
    url = os.environ.get(POSTGRES_ENV)
    if not worker or not url:
        return
    parsed = sa.make_url(url)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    own = f"{parsed.database}_{worker}"
    engine = sa.create_engine(parsed, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            found = conn.execute(
                sa.text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": own}
            ).first()
            if not found:
                conn.exec_driver_sql(f'CREATE DATABASE "{own}"')
    finally:
        engine.dispose()
    # The environment, not a fixture: subprocesses (the command line, app servers) read it too.
    os.environ[POSTGRES_ENV] = parsed.set(database=own).render_as_string(hide_password=False)


def drop_all(url: str) -> None:
    """Drop the store's tables and its schema version at ``url``, whatever is there."""
    parsed = sa.make_url(url)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    engine = sa.create_engine(parsed)
    try:
        metadata.drop_all(engine)
        with engine.begin() as conn:
            conn.execute(sa.text(f"DROP TABLE IF EXISTS {VERSION_TABLE}"))
    finally:
        engine.dispose()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None):  # type: ignore[no-untyped-def]
    """Under pytest-xdist, a test marked ``alone`` (it asserts wall-clock time or memory) runs
    with no other worker's test beside it: it holds a lock file exclusively, every other test
    holds it shared. A second lock, the gate, held while waiting for the first, lets a waiting
    ``alone`` test in before the other worker's next test (no starvation).

    The two files are in the run's own temporary folder, the parent of each worker's
    ``--basetemp`` (pytest-xdist gives worker ``gwN`` the folder ``popen-gwN`` in it), which
    pytest deletes with the run's other temporary files, after its three latest runs."""
    worker_temp = item.config.getoption("basetemp")
    if not os.environ.get("PYTEST_XDIST_TESTRUNUID") or not worker_temp:
        return (yield)
    run_temp = Path(worker_temp).parent
    alone = item.get_closest_marker("alone") is not None
    with open(run_temp / "alone.gate", "a") as gate, open(run_temp / "alone.lock", "a") as lock:
        fcntl.flock(gate, fcntl.LOCK_EX)
        try:
            fcntl.flock(lock, fcntl.LOCK_EX if alone else fcntl.LOCK_SH)
        finally:
            fcntl.flock(gate, fcntl.LOCK_UN)
        try:
            return (yield)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """The URL of an empty database of each kind."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'ahp.db'}"
        return
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        if os.environ.get("AHP_REQUIRE_POSTGRES") == "1":
            pytest.fail(
                f"AHP_REQUIRE_POSTGRES=1 but {POSTGRES_ENV} is not set: start a PostgreSQL server "
                f"and set {POSTGRES_ENV}=postgresql+psycopg://USER@HOST:PORT/DB (see .ci/run)."
            )
        pytest.skip(f"PostgreSQL not configured: set {POSTGRES_ENV} to run these cases on it too")
    drop_all(url)
    yield url
    drop_all(url)


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """An empty store (reference organisations and indicator catalogue loaded)."""
    s = open_store(store_url)
    yield s
    s.close()


@pytest.fixture(scope="session")
def demo_db_file(tmp_path_factory) -> str:  # type: ignore[no-untyped-def]
    """A SQLite file holding the demonstration data set, loaded once per test session through
    the real ingest path. Read-only by convention: copy it (``demo_db_url``) to change it."""
    from ahp_analytics.demo import load_demo

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    with open_store(f"sqlite:///{path}") as s:
        load_demo(s)
    return str(path)


@pytest.fixture
def demo_db_url(demo_db_file: str, tmp_path, monkeypatch) -> str:  # type: ignore[no-untyped-def]
    """A private copy of the demo database, also set as ``AHP_DATABASE_URL`` so that the app
    (AppTest) and the command line use it."""
    import shutil

    path = tmp_path / "demo.db"
    shutil.copyfile(demo_db_file, path)
    url = f"sqlite:///{path}"
    monkeypatch.setenv("AHP_DATABASE_URL", url)
    return url


@pytest.fixture
def demo_db_shared(demo_db_file: str, monkeypatch) -> str:  # type: ignore[no-untyped-def]
    """The session's demo database itself, set as ``AHP_DATABASE_URL``, for tests that only
    read: they share the app's cached tables, so each page test does not reload them. A test
    that stores or withdraws anything must use ``demo_db_url`` instead."""
    url = f"sqlite:///{demo_db_file}"
    monkeypatch.setenv("AHP_DATABASE_URL", url)
    return url
