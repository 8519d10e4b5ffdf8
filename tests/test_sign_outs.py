"""Sign-outs recorded in the store, shared by every app server on the same database: on SQLite
and, when AHP_TEST_POSTGRES_URL is set, on PostgreSQL."""

from __future__ import annotations

import sqlalchemy as sa

from ahp_analytics.store import Store, open_store
from ahp_analytics.store.schema import VERSION_TABLE, sign_outs_table

ANN = "https://login.example/tenant/v2.0 ann-subject"
BOB = "https://login.example/tenant/v2.0 bob-subject"


def test_nobody_has_signed_out_at_first(store: Store) -> None:
    assert store.signed_out_at(ANN) is None


def test_a_sign_out_is_recorded_per_user(store: Store) -> None:
    store.record_sign_out(ANN, 1_800_000_000)
    assert store.signed_out_at(ANN) == 1_800_000_000
    assert store.signed_out_at(BOB) is None


def test_a_later_sign_out_moves_the_time_on_and_an_earlier_one_never_back(store: Store) -> None:
    store.record_sign_out(ANN, 1_800_000_000)
    store.record_sign_out(ANN, 1_800_000_500)
    assert store.signed_out_at(ANN) == 1_800_000_500
    store.record_sign_out(ANN, 1_800_000_100)  # e.g. from a server whose clock is behind
    assert store.signed_out_at(ANN) == 1_800_000_500


def test_a_sign_out_is_seen_by_another_server_and_is_not_data(store_url: str) -> None:
    with open_store(store_url) as first, open_store(store_url) as second:
        version = first.data_version()
        first.record_sign_out(BOB, 1_800_000_000)
        assert second.signed_out_at(BOB) == 1_800_000_000
        assert second.data_version() == version  # the dashboards' caches stay valid


def test_a_database_made_before_sign_outs_were_recorded_gains_the_table(store_url: str) -> None:
    with open_store(store_url) as store:
        sign_outs_table.drop(store.engine)
        with store.engine.begin() as conn:
            conn.execute(sa.text(f"DROP TABLE {VERSION_TABLE}"))
    with open_store(store_url) as store:
        assert "sign_outs" in sa.inspect(store.engine).get_table_names()
        store.record_sign_out(ANN, 1_800_000_000)
        assert store.signed_out_at(ANN) == 1_800_000_000
